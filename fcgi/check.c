/* SPDX-License-Identifier: ISC */
/*
 * check.c: primoforumctl check, the installation against the secure
 * baseline, for sysadmins and auditors alike.  Each check prints one
 * line, "ok" or "FAIL", with what it saw; the command fails if any
 * check does.  What is checked and why is in docs/operations.md.
 *
 *	the secrets file	regular, mode 0600/0400 (P11)
 *	the configuration	https origin, argon2id cost, login lifetimes
 *	the nginx config	TLS 1.2+ only, HSTS, server_tokens off, every
 *				admin location behind an allowlist that ends
 *				in "deny all" (P1, P9)
 *	the database account	no DDL or admin privilege, no UPDATE or
 *				DELETE on the audit trail (P9, least privilege)
 *	the database server	local_infile off, durable commits, networking
 *				off or TLS required, encryption at rest (P1, P2)
 *
 * The nginx checks read the rendered file as text, a directive a line,
 * as nginx/primoforum.conf.in writes it; they are a baseline check, not
 * an nginx parser.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

struct checks {
	int	 failed;
	int	 passed;
};

static void PRINTFLIKE(3, 4)
report(struct checks *k, int ok, const char *fmt, ...)
{
	va_list	 ap;

	printf("%s ", ok ? "ok  " : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (ok)
		k->passed++;
	else
		k->failed++;
}

static void
check_secrets(struct checks *k, const struct config *cfg)
{
	struct stat	 sb;
	char		 path[1024];

	if (config_secrets_path(cfg, path, sizeof(path)) == -1) {
		report(k, 0, "secrets file: %s cannot be resolved "
		    "(credential: outside systemd?)", cfg->str[CFG_SECRETS_FILE]);
		return;
	}
	if (lstat(path, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		report(k, 0, "secrets file %s: missing or not a regular file",
		    path);
		return;
	}
	report(k, (sb.st_mode & 077) == 0, "secrets file %s: mode %04o "
	    "(want 0600 or 0400)", path, (unsigned)(sb.st_mode & 07777));
}

static void
check_config(struct checks *k, const struct config *cfg)
{
	report(k, strncmp(cfg->str[CFG_SITE_ORIGIN], "https://", 8) == 0,
	    "site_origin %s is https", cfg->str[CFG_SITE_ORIGIN]);
	report(k, cfg->num[CFG_ARGON2_M] >= 19456 && cfg->num[CFG_ARGON2_T] >=
	    2, "argon2id m=%lld KiB t=%lld (baseline: m >= 19456, t >= 2)",
	    cfg->num[CFG_ARGON2_M], cfg->num[CFG_ARGON2_T]);
	report(k, cfg->num[CFG_PASSWORD_MIN] >= 12,
	    "password_min %lld (baseline: 12 or more)",
	    cfg->num[CFG_PASSWORD_MIN]);
	report(k, cfg->num[CFG_LOGIN_ABSOLUTE] <= 86400 &&
	    cfg->num[CFG_LOGIN_IDLE] <= cfg->num[CFG_LOGIN_ABSOLUTE],
	    "logins end after %lld s idle, %lld s at most (baseline: a day "
	    "at most)", cfg->num[CFG_LOGIN_IDLE],
	    cfg->num[CFG_LOGIN_ABSOLUTE]);
}

/* The next line of text from *p (end), without its newline. */
static int
next_line(const char **p, const char *end, const char **line, size_t *len)
{
	const char	*nl;

	if (*p >= end)
		return 0;
	*line = *p;
	nl = memchr(*p, '\n', (size_t)(end - *p));
	*len = nl != NULL ? (size_t)(nl - *p) : (size_t)(end - *p);
	*p = nl != NULL ? nl + 1 : end;
	while (*len > 0 && isspace((unsigned char)**line)) {
		(*line)++;
		(*len)--;
	}
	return 1;
}

static int
starts(const char *line, size_t len, const char *word)
{
	size_t	 n = strlen(word);

	return len >= n && memcmp(line, word, n) == 0;
}

static int
contains(const char *line, size_t len, const char *word)
{
	size_t	 n = strlen(word), i;

	for (i = 0; i + n <= len; i++)
		if (memcmp(line + i, word, n) == 0)
			return 1;
	return 0;
}

/* An allowlist file: allow lines and "deny all;" last, no "allow all". */
static int
allowlist_ok(const char *path, char *why, size_t whysz)
{
	char		 err[256], *text;
	const char	*p, *end, *line, *last = NULL;
	size_t		 len, lastlen = 0;
	int		 ok = 1;

	if ((text = file_read(path, 0, &len, err, sizeof(err))) == NULL) {
		msgf(why, whysz, "%s", err);
		return 0;
	}
	p = text;
	end = text + len;
	while (next_line(&p, end, &line, &len)) {
		if (len == 0 || line[0] == '#')
			continue;
		if (starts(line, len, "allow all")) {
			msgf(why, whysz, "%.400s allows all", path);
			ok = 0;
		}
		last = line;
		lastlen = len;
	}
	if (ok && (last == NULL || !starts(last, lastlen, "deny all"))) {
		msgf(why, whysz, "%.400s does not end in \"deny all;\"", path);
		ok = 0;
	}
	free(text);
	return ok;
}

/*
 * Each admin location must include an allowlist that holds, or end in
 * its own "deny all".  Returns the number of admin locations seen.
 */
static int
check_admin_locations(struct checks *k, const char *text, size_t tlen)
{
	const char	*p = text, *end = text + tlen, *line, *q;
	char		 loc[128], inc[512], why[512];
	size_t		 len, n;
	int		 depth, guarded, seen = 0;

	while (next_line(&p, end, &line, &len)) {
		/* Named locations (@admin_refused) are not paths. */
		if (!starts(line, len, "location") ||
		    starts(line, len, "location @") ||
		    !contains(line, len, "admin"))
			continue;
		seen++;
		(void)msgf(loc, sizeof(loc), "%.*s", (int)(len > 100 ? 100 :
		    len), line);
		guarded = 0;
		why[0] = '\0';
		for (depth = 1; depth > 0 && next_line(&p, end, &line, &len);) {
			if (len > 0 && line[len - 1] == '{')
				depth++;
			if (len > 0 && line[0] == '}')
				depth--;
			if (depth != 1)
				continue;
			if (starts(line, len, "deny all"))
				guarded = 1;
			if (starts(line, len, "include ")) {
				q = line + 8;
				n = len - 8;
				while (n > 0 && (q[n - 1] == ';' ||
				    isspace((unsigned char)q[n - 1])))
					n--;
				/* A path cut short would be another file. */
				if (strfmt(inc, sizeof(inc), "%.*s", (int)n,
				    q) == -1) {
					guarded = 0;
					(void)msgf(why, sizeof(why), "an include "
					    "path too long to check");
				} else
					guarded = allowlist_ok(inc, why,
					    sizeof(why));
			}
		}
		report(k, guarded, "nginx: %s is behind the allowlist%s%s", loc,
		    why[0] != '\0' ? ": " : "", why);
	}
	return seen;
}

static void
check_nginx(struct checks *k, const char *path)
{
	char		 err[256], *text;
	const char	*p, *end, *line;
	size_t		 tlen, len;
	int		 protos = 0, weak = 0, hsts = 0, tokens = 0;

	if ((text = file_read(path, 0, &tlen, err, sizeof(err))) == NULL) {
		report(k, 0, "nginx: %s", err);
		return;
	}
	p = text;
	end = text + tlen;
	while (next_line(&p, end, &line, &len)) {
		if (starts(line, len, "ssl_protocols")) {
			protos++;
			if (contains(line, len, "TLSv1 ") ||
			    contains(line, len, "TLSv1;") ||
			    contains(line, len, "TLSv1.1") ||
			    contains(line, len, "SSLv"))
				weak++;
		}
		if (starts(line, len, "add_header Strict-Transport-Security"))
			hsts++;
		if (starts(line, len, "server_tokens off"))
			tokens++;
	}
	report(k, protos > 0 && weak == 0, "nginx: ssl_protocols %s",
	    protos == 0 ? "not set (nginx's default allows TLS 1.0 and 1.1)" :
	    weak > 0 ? "allows TLS 1.1 or older" : "TLS 1.2 and 1.3 only");
	report(k, hsts > 0, "nginx: Strict-Transport-Security %s",
	    hsts > 0 ? "sent" : "missing");
	report(k, tokens > 0, "nginx: server_tokens %s", tokens > 0 ? "off" :
	    "not off");
	report(k, check_admin_locations(k, text, tlen) >= 2,
	    "nginx: /admin/ and /api/admin/ have their own locations");
	free(text);
}

/* The privileges a grant line of SHOW GRANTS gives, checked. */
struct grants {
	struct checks	*k;
	int		 bad;
};

static int
grant_row(void *arg, const struct dbcol *c, size_t n)
{
	struct grants	*g = arg;
	const char	*s, *on, *to, *priv, *end;
	char		 word[64], obj[160];
	size_t		 len, wl;
	int		 star, audit, ok;

	if (n < 1 || c[0].null)
		return 0;
	s = c[0].s;
	len = c[0].len;
	if (!starts(s, len, "GRANT ") || !contains(s, len, " ON ") ||
	    !contains(s, len, " TO "))
		return 0;	/* a role granted to the account */
	on = strstr(s, " ON ");
	to = strstr(on, " TO ");
	/* An object name too long to read is not one of ours: not ok. */
	ok = strfmt(obj, sizeof(obj), "%.*s", (int)(to - on - 4),
	    on + 4) == 0 && !contains(s, len, "WITH GRANT OPTION");
	star = strncmp(obj, "*.*", 3) == 0;
	audit = strstr(obj, "audit_event") != NULL || strstr(obj, ".*") !=
	    NULL;
	for (priv = s + 6; priv < on; priv = end + 2) {
		if ((end = strstr(priv, ", ")) == NULL || end > on)
			end = on;
		wl = (size_t)(end - priv);
		/* No privilege is that long: "" matches none, so not ok. */
		(void)strfmt(word, sizeof(word), "%.*s", (int)wl, priv);
		if (strcmp(word, "USAGE") == 0)
			continue;
		if (star)
			ok = 0;
		else if (strcmp(word, "SELECT") != 0 &&
		    strcmp(word, "INSERT") != 0 &&
		    strcmp(word, "UPDATE") != 0 && strcmp(word, "DELETE") != 0)
			ok = 0;
		else if (audit && (strcmp(word, "UPDATE") == 0 ||
		    strcmp(word, "DELETE") == 0))
			ok = 0;
		if (end == on)
			break;
	}
	if (!ok) {
		g->bad++;
		report(g->k, 0, "database: the application account has %.*s",
		    (int)(to - s), s);
	}
	return 0;
}

static void
check_grants(struct checks *k, const struct config *cfg, struct db *db)
{
	struct grants	 g = { k, 0 };

	/* The account's own grants and those of its (default) role. */
	if (db_exec(db, STMT_SHOW_GRANTS, NULL, 0, grant_row, &g) < 0) {
		report(k, 0, "database: the grants of %s cannot be read",
		    cfg->str[CFG_DB_USER]);
		return;
	}
	if (g.bad == 0)
		report(k, 1, "database: %s has only SELECT, INSERT, UPDATE and "
		    "DELETE on its tables, and no UPDATE or DELETE on the "
		    "audit trail", cfg->str[CFG_DB_USER]);
}

static const char *const varnames[] = { "local_infile",
	"innodb_flush_log_at_trx_commit", "skip_networking",
	"require_secure_transport", "innodb_encrypt_tables",
	"file_key_management" };

static int
vars_row(void *arg, const struct dbcol *c, size_t n)
{
	char	 (*v)[32] = arg;
	size_t	 i;

	for (i = 0; i < n && i < 6; i++)
		/* A value longer than any we look for reads as "". */
		(void)strfmt(v[i], sizeof(v[i]), "%.*s", (int)c[i].len,
		    c[i].null ? "" : c[i].s);
	return 0;
}

static int
on(const char *v)
{
	return strcmp(v, "1") == 0 || strcasecmp(v, "ON") == 0 ||
	    strcasecmp(v, "FORCE") == 0 || strcasecmp(v, "ACTIVE") == 0;
}

static void
check_server(struct checks *k, struct db *db)
{
	char	 v[6][32];

	memset(v, 0, sizeof(v));
	if (db_exec(db, STMT_SERVER_VARS, NULL, 0, vars_row, v) != 1) {
		report(k, 0, "database: the server's settings cannot be read");
		return;
	}
	report(k, !on(v[0]), "database: %s %s", varnames[0], v[0]);
	report(k, strcmp(v[1], "1") == 0, "database: %s %s (1: every "
	    "commit durable)", varnames[1], v[1]);
	report(k, on(v[2]) || on(v[3]), "database: networking %s",
	    on(v[2]) ? "off (local socket only)" : on(v[3]) ?
	    "with TLS required" : "on without require_secure_transport");
	report(k, on(v[5]) && on(v[4]), "database: encryption at rest "
	    "(file_key_management %s, innodb_encrypt_tables %s)",
	    v[5][0] != '\0' ? v[5] : "not loaded", v[4][0] != '\0' ? v[4] :
	    "OFF");
}

/*
 * Runs every check.  db may be NULL when the secrets could not be read
 * (the database checks then fail).  Returns 0 if all passed, else 1.
 */
int
check_run(const struct config *cfg, struct db *db, const char *nginx)
{
	struct checks	 k = { 0, 0 };

	check_secrets(&k, cfg);
	check_config(&k, cfg);
	check_nginx(&k, nginx);
	if (db == NULL)
		report(&k, 0, "database: not checked (no secrets)");
	else {
		check_grants(&k, cfg, db);
		check_server(&k, db);
	}
	printf("%d checks passed, %d failed\n", k.passed, k.failed);
	return k.failed > 0;
}
