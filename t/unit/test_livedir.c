/* SPDX-License-Identifier: ISC */
/*
 * test_livedir.c: the live documents' directory (livedir.c): tokens of
 * 128 bits as hex, a document written whole (with its padding) and
 * readable by nginx whatever the umask, stale documents removed at
 * start, and the marks of an end: a revoked token is never written
 * again (also when another process revoked it), a rollback takes the
 * mark back, a session's end holds until the publisher forgets it; and
 * the publisher's wake-up.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <stdlib.h>
#include <unistd.h>

#include "extern.h"
#include "tap.h"

static char	 dir[] = "/tmp/pf-livedir.XXXXXX";

/* The contents of document tok (static), or NULL if it is not there. */
static const char *
readdoc(const char *tok)
{
	static char	 b[256];
	char		 path[512];
	FILE		*f;
	size_t		 n;

	snprintf(path, sizeof(path), "%s/%s.json", dir, tok);
	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	n = fread(b, 1, sizeof(b) - 1, f);
	b[n] = '\0';
	fclose(f);
	return b;
}

/* Does file path hold text? */
static int
grep(const char *path, const char *text)
{
	char	 line[512];
	FILE	*f;
	int	 found = 0;

	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (!found && fgets(line, sizeof(line), f) != NULL)
		found = strstr(line, text) != NULL;
	fclose(f);
	return found;
}

static int
mode_of(const char *tok)
{
	struct stat	 sb;
	char		 path[512];

	if (tok == NULL)
		snprintf(path, sizeof(path), "%s", dir);
	else
		snprintf(path, sizeof(path), "%s/%s.json", dir, tok);
	return stat(path, &sb) == -1 ? -1 : (int)(sb.st_mode & 07777);
}

int
main(void)
{
	struct config	 cfg;
	char		 a[LIVE_TOKEN_LEN + 1], b[LIVE_TOKEN_LEN + 1];
	char		 stale[LIVE_TOKEN_LEN + 1], path[512];
	const char	*toks[2];
	FILE		*f;
	pid_t		 pid;
	int		 st;

	if (mkdtemp(dir) == NULL)
		return 1;
	umask(077);	/* the unit's is 0027: documents must stay readable */
	config_init(&cfg);
	free(cfg.str[CFG_LIVE_DIR]);
	cfg.str[CFG_LIVE_DIR] = xstrdup(dir);

	ok(!livedir_on(), "no directory before livedir_create()");
	is_int(livedir_put(1, "0123456789abcdef0123456789abcdef", "{}", 2, 0),
	    -1, "and nothing is written");

	ok(livedir_token_new(a) == 0 && livedir_token_ok(a), "a token: %s", a);
	ok(livedir_token_new(b) == 0 && strcmp(a, b) != 0,
	    "another token differs");
	is_int(strlen(a), 32, "32 hex digits: 128 bits");
	ok(!livedir_token_ok("0123456789ABCDEF0123456789abcdef"),
	    "capitals are not a token");
	ok(!livedir_token_ok("0123456789abcdef0123456789abcde"),
	    "nor 31 digits");
	ok(!livedir_token_ok("../456789abcdef0123456789abcdef0"),
	    "nor a path");
	ok(!livedir_token_ok(NULL), "nor NULL");

	/* A document of an earlier run is removed at start. */
	livedir_token_new(stale);
	snprintf(path, sizeof(path), "%s/%s.json", dir, stale);
	if ((f = fopen(path, "w")) != NULL) {
		fputs("{\"old\":1}", f);
		fclose(f);
	}
	if (!ok(livedir_create(&cfg) == 0, "livedir_create()"))
		return done_testing();
	ok(livedir_on(), "live documents on");
	ok(readdoc(stale) == NULL, "a stale document is gone");
	is_int(mode_of(NULL), 0711, "the directory: 0711 (no group given)");

	is_int(livedir_put(1, a, "{\"v\":1}", 7, 0), 1, "a document written");
	is_str(readdoc(a), "{\"v\":1}", "whole");
	is_int(mode_of(a), 0644, "readable by nginx whatever the umask");
	is_int(livedir_put(1, a, "{\"v\":2}", 7, 3), 1, "a new version, padded");
	is_str(readdoc(a), "{\"v\":2}   ", "with its three spaces");
	is_int(livedir_put(1, "nope", "{}", 2, 0), -1, "a bad token: refused");

	/* Retiring a token (a removal), then a rollback. */
	toks[0] = a;
	is_int(livedir_revoke(1, a, toks, 1), 0, "token a revoked");
	ok(readdoc(a) == NULL, "its document is gone at once");
	is_int(livedir_put(1, a, "{\"v\":3}", 7, 0), 0,
	    "a render begun before cannot put it back");
	ok(readdoc(a) == NULL, "still gone");
	snprintf(path, sizeof(path), "%s/%s.json.tmp", dir, a);
	ok(access(path, F_OK) == -1, "no temporary left behind");
	is_int(livedir_put(1, b, "{\"v\":1}", 7, 0), 1,
	    "another token of the session is written");
	livedir_revoke_end(1, a, 0);
	is_int(livedir_put(1, a, "{\"v\":4}", 7, 0), 1,
	    "a rollback takes the mark back: written again");

	/* The end of the session, marked in another process. */
	if ((pid = fork()) == 0) {
		toks[0] = a;
		toks[1] = b;
		_exit(livedir_revoke(1, NULL, toks, 2) == 0 ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	    "a worker (another process) ends the session");
	ok(readdoc(a) == NULL && readdoc(b) == NULL, "both documents gone");
	is_int(livedir_put(1, b, "{}", 2, 0), 0,
	    "the publisher cannot write either");
	is_int(livedir_put(2, b, "{}", 2, 0), 1,
	    "another session is not held back");
	livedir_drop(b);
	livedir_revoke_end(1, NULL, 1);
	is_int(livedir_put(1, a, "{}", 2, 0), 0,
	    "after the commit the mark stays");
	livedir_forget(1);
	is_int(livedir_put(1, a, "{}", 2, 0), 1,
	    "until the publisher saw the session end (a new run may write)");

	/*
	 * A write that fails is logged without the token: a document's name
	 * opens it, so it reaches no log (nginx's writes /live/- too).
	 */
	snprintf(path, sizeof(path), "%s/pf.log", dir);
	if (getuid() != 0 && log_open(path) == 0) {
		chmod(dir, 0500);
		is_int(livedir_put(3, b, "{}", 2, 0), -1,
		    "a directory that cannot be written: the write fails");
		chmod(dir, 0711);
		log_close();
		ok(grep(path, b) == 0 && grep(path, "session 3") == 1,
		    "logged by its session, not by its token");
	} else if (log_open(path) == 0) {
		/* Root writes anywhere: a file where the temporary goes. */
		snprintf(path, sizeof(path), "%s/%s.json.tmp", dir, b);
		mkdir(path, 0700);
		is_int(livedir_put(3, b, "{}", 2, 0), -1,
		    "a temporary that cannot be made: the write fails");
		rmdir(path);
		log_close();
		snprintf(path, sizeof(path), "%s/pf.log", dir);
		ok(grep(path, b) == 0 && grep(path, "session 3") == 1,
		    "logged by its session, not by its token");
	}
	unlink(path);

	/* The publisher's wake-up. */
	while (livedir_wait(0))
		continue;
	is_int(livedir_wait(0), 0, "no wake: the wait times out");
	livedir_wake();
	livedir_wake();
	is_int(livedir_wait(100), 1, "a wake ends the wait");
	is_int(livedir_wait(0), 0, "and is taken once");

	livedir_drop(a);
	config_release(&cfg);
	rmdir(dir);
	return done_testing();
}
