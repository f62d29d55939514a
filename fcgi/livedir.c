/* SPDX-License-Identifier: ISC */
/*
 * livedir.c: the directory of live documents that nginx serves, and
 * what this host's processes share about it.
 *
 * A running session's room polls two small JSON files in live_dir,
 * named by 128-bit tokens: the participants' document and the room's
 * (live.c renders them).  nginx serves them as static files, so a poll
 * never reaches a worker.  One process per host writes them, the
 * publisher (publisher.c): a file is written to a temporary name and
 * renamed into place, so nginx reads the old document or the new one,
 * never half of one, and one writer means no older render can land
 * after a newer one.
 *
 * What must be exact is the end (P7, P8): after the commit of a stop,
 * or of removing a participant, no poll may get the old document.  The
 * worker that makes such a change calls livedir_revoke() before its
 * commit: the session (or just one token of it) is marked in a table
 * in shared memory, and the files are unlinked.  The publisher renames
 * only under the same mutex and only what is not marked, so a render
 * it began before the mark can no longer put the file back.  The mark
 * of a session that ended stays until the publisher sees the session
 * gone from the database (livedir_forget()); a failed commit takes it
 * back (livedir_revoke_end()).  A mark left by a worker that died
 * before its commit rolled back is dropped after MARK_TTL_MS.
 *
 * Workers wake the publisher after each commit that changes a session
 * with a byte on a pipe (livedir_wake()); the publisher also looks on
 * its own every period, for changes made through other hosts.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "extern.h"
#include "banned.h"

#define LD_SLOTS	1024	/* sessions being revoked at once: plenty */
#define LD_DEAD		4	/* revoked tokens kept per session */
#define MARK_TTL_MS	60000	/* a mark older than this: a dead worker */

struct ldent {
	long long	 session;		/* 0: free */
	long long	 ending;		/* ms (monotonic) it was marked */
	char		 dead[LD_DEAD][LIVE_TOKEN_LEN + 1];
	int		 ndead;			/* ring position */
};

struct ldtable {
	pthread_mutex_t	 mu;
	struct ldent	 e[LD_SLOTS];
};

static struct ldtable	*tab;		/* NULL: no live documents */
static char		 dir[PATH_MAX_LIVE];
static mode_t		 filemode = 0644;
static int		 wakefd[2] = { -1, -1 };

static void	livedir_clean(void);

/*
 * Makes live_dir, maps the table and opens the wake pipe, in the
 * supervisor before it forks.  With a socket_group (nginx's), the
 * directory is that group's, setgid, mode 2750, and the documents 0640:
 * nginx reads them, no other user does.  Without one, the directory is
 * 0711 and the documents 0644: whoever can name a file reads it, nobody
 * can list them.  Stale documents of an earlier run are
 * removed: the publisher writes the running sessions' again.  An empty
 * live_dir turns live documents off.  Returns 0, or -1 (logged).
 */
int
livedir_create(const struct config *cfg)
{
	struct group		*gr;
	const char		*d = cfg->str[CFG_LIVE_DIR], *g;

	if (d[0] == '\0')
		return 0;
	if (strfmt(dir, sizeof(dir), "%s", d) == -1) {
		log_warnx("live_dir: too long");
		return -1;
	}
	if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
		log_warn("live_dir %s", dir);
		return -1;
	}
	g = cfg->str[CFG_SOCKET_GROUP];
	if (g[0] != '\0') {
		if ((gr = getgrnam(g)) == NULL) {
			log_warnx("live_dir: no group %s", g);
			return -1;
		}
		filemode = 0640;
		if (chown(dir, (uid_t)-1, gr->gr_gid) == -1 ||
		    chmod(dir, 02750) == -1) {
			log_warn("live_dir %s", dir);
			return -1;
		}
	} else if (chmod(dir, 0711) == -1) {
		log_warn("live_dir %s", dir);
		return -1;
	}
	livedir_clean();
	if (pipe(wakefd) == -1 ||
	    fcntl(wakefd[0], F_SETFL, O_NONBLOCK) == -1 ||
	    fcntl(wakefd[1], F_SETFL, O_NONBLOCK) == -1 ||
	    fcntl(wakefd[0], F_SETFD, FD_CLOEXEC) == -1 ||
	    fcntl(wakefd[1], F_SETFD, FD_CLOEXEC) == -1) {
		log_warn("live documents: pipe");
		return -1;
	}
	tab = mmap(NULL, sizeof(*tab), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (tab == MAP_FAILED) {
		tab = NULL;
		log_warn("live documents: mmap");
		return -1;
	}
	memset(tab, 0, sizeof(*tab));
	if (shm_mutex_init(&tab->mu) == -1) {
		log_warnx("live documents: mutex");
		munmap(tab, sizeof(*tab));
		tab = NULL;
		return -1;
	}
	return 0;
}

/* Is there a live directory on this host (livedir_create() made it)? */
int
livedir_on(void)
{
	return tab != NULL;
}

static void
lock(void)
{
	if (pthread_mutex_lock(&tab->mu) == EOWNERDEAD) {
		/* A process died holding it: its marks may be half made. */
		memset(tab->e, 0, sizeof(tab->e));
		pthread_mutex_consistent(&tab->mu);
	}
}

static void
unlock(void)
{
	pthread_mutex_unlock(&tab->mu);
}

/*
 * The entry of session s, made if create; NULL if none (or full).  A
 * full table takes over the oldest end marked more than MARK_TTL_MS
 * ago: a stop long committed whose publisher did not forget it (it was
 * restarted meanwhile), so that a dead publisher cannot fill the table
 * and hold every later stop back.
 */
static struct ldent *
find(long long s, int create)
{
	struct ldent	*free_e = NULL, *old = NULL;
	long long	 now = mono_ms();
	size_t		 i;

	for (i = 0; i < LD_SLOTS; i++) {
		if (tab->e[i].session == s)
			return &tab->e[i];
		if (tab->e[i].session == 0 && free_e == NULL)
			free_e = &tab->e[i];
		if (tab->e[i].ending != 0 &&
		    now - tab->e[i].ending >= MARK_TTL_MS &&
		    (old == NULL || tab->e[i].ending < old->ending))
			old = &tab->e[i];
	}
	if (free_e == NULL)
		free_e = old;
	if (!create || free_e == NULL)
		return NULL;
	memset(free_e, 0, sizeof(*free_e));
	free_e->session = s;
	return free_e;
}

/* Is token tok of entry e taken down?  Called under the lock. */
static int
marked(const struct ldent *e, const char *tok)
{
	size_t	 i;

	if (e == NULL)
		return 0;
	if (e->ending != 0 && mono_ms() - e->ending < MARK_TTL_MS)
		return 1;
	for (i = 0; i < LD_DEAD; i++)
		if (strcmp(e->dead[i], tok) == 0)
			return 1;
	return 0;
}

/* The path of token tok's document into buf; -1 if it does not fit. */
static int
docpath(char *buf, size_t sz, const char *tok, const char *suffix)
{
	return strfmt(buf, sz, "%s/%s.json%s", dir, tok, suffix);
}

/* Is tok LIVE_TOKEN_LEN lowercase hex digits? */
int
livedir_token_ok(const char *tok)
{
	size_t	 i;

	if (tok == NULL || strlen(tok) != LIVE_TOKEN_LEN)
		return 0;
	for (i = 0; i < LIVE_TOKEN_LEN; i++)
		if (!((tok[i] >= '0' && tok[i] <= '9') ||
		    (tok[i] >= 'a' && tok[i] <= 'f')))
			return 0;
	return 1;
}

/*
 * A new token: LIVE_TOKEN_LEN hex digits (128 bits) from the CSPRNG
 * into tok (LIVE_TOKEN_LEN + 1 bytes).  Returns 0 or -1.
 */
int
livedir_token_new(char *tok)
{
	unsigned char	 b[LIVE_TOKEN_LEN / 2];
	size_t		 i;

	if (random_bytes(b, sizeof(b)) == -1)
		return -1;
	for (i = 0; i < sizeof(b); i++)
		xsnprintf(tok + 2 * i, 3, "%02x", b[i]);
	return 0;
}

/*
 * Writes document tok of session s: data (len bytes), then pad spaces
 * (JSON allows them; live.c uses them so that two versions written in
 * one second differ in length, and so in nginx's ETag, which is made of
 * the file's modification second and its length).  Returns 1 written,
 * 0 refused (s or tok is being revoked: nothing is left behind), -1 on
 * error (logged).
 */
int
livedir_put(long long s, const char *tok, const char *data, size_t len,
    size_t pad)
{
	char		 tmp[PATH_MAX_LIVE + 16], path[PATH_MAX_LIVE];
	static const char spaces[16] = "                ";
	ssize_t		 w;
	size_t		 off = 0;
	int		 fd, rc = -1;

	if (tab == NULL || !livedir_token_ok(tok) || pad > sizeof(spaces) ||
	    docpath(path, sizeof(path), tok, "") == -1 ||
	    docpath(tmp, sizeof(tmp), tok, ".tmp") == -1)
		return -1;
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    filemode)) == -1) {
		log_warn("live document of session %lld", s);
		return -1;
	}
	/* As livedir_create() says, whatever the umask. */
	if (fchmod(fd, filemode) == -1) {
		log_warn("live document of session %lld", s);
		close(fd);
		unlink(tmp);
		return -1;
	}
	while (off < len + pad) {
		if (off < len)
			w = write(fd, data + off, len - off);
		else
			w = write(fd, spaces, len + pad - off);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0) {
			log_warn("live document of session %lld", s);
			close(fd);
			unlink(tmp);
			return -1;
		}
		off += (size_t)w;
	}
	if (close(fd) == -1) {
		log_warn("live document of session %lld", s);
		unlink(tmp);
		return -1;
	}
	lock();
	if (marked(find(s, 0), tok))
		rc = 0;
	else if (rename(tmp, path) == -1)
		log_warn("live document of session %lld", s);
	else
		rc = 1;
	unlock();
	if (rc != 1)
		unlink(tmp);
	return rc;
}

/*
 * Is document tok in live_dir?  The publisher asks of those it wrote: a
 * revocation whose transaction rolled back removed the file and took
 * its mark back, and the document must be written again.
 */
int
livedir_exists(const char *tok)
{
	char	 path[PATH_MAX_LIVE];

	if (tab == NULL || !livedir_token_ok(tok) ||
	    docpath(path, sizeof(path), tok, "") == -1)
		return 0;
	return access(path, F_OK) == 0;
}

/* Removes document tok (if it is there). */
void
livedir_drop(const char *tok)
{
	char	 path[PATH_MAX_LIVE];

	if (tab == NULL || !livedir_token_ok(tok) ||
	    docpath(path, sizeof(path), tok, "") == -1)
		return;
	/* Not the path: a document's name is a capability, never logged. */
	if (unlink(path) == -1 && errno != ENOENT)
		log_warn("live document: unlink");
}

/*
 * Before the commit of a change that ends session s (tok NULL) or
 * retires its token tok: marks it, so that the publisher writes none of
 * it, and removes the documents named in toks (n of them; NULL entries
 * and bad tokens are skipped).  From this call's return no poll on this
 * host gets them.  Returns 0, or -1 if the table is full (nothing is
 * marked: the caller must not commit).
 */
int
livedir_revoke(long long s, const char *tok, const char *const *toks,
    size_t n)
{
	struct ldent	*e;
	size_t		 i;

	if (tab == NULL)
		return 0;
	lock();
	if ((e = find(s, 1)) == NULL) {
		unlock();
		log_warnx("live documents: revocation table full");
		return -1;
	}
	if (tok == NULL)
		e->ending = mono_ms();
	else if (livedir_token_ok(tok)) {
		xsnprintf(e->dead[e->ndead], sizeof(e->dead[0]), "%s", tok);
		e->ndead = (e->ndead + 1) % LD_DEAD;
	}
	unlock();
	for (i = 0; i < n; i++)
		if (toks[i] != NULL)
			livedir_drop(toks[i]);
	return 0;
}

/*
 * After the commit (committed) or rollback of a change livedir_revoke()
 * prepared: a rollback takes the mark back, so the documents are written
 * again; a commit leaves the mark to the publisher.  Wakes it.
 */
void
livedir_revoke_end(long long s, const char *tok, int committed)
{
	struct ldent	*e;
	size_t		 i;

	if (tab == NULL)
		return;
	if (!committed) {
		lock();
		if ((e = find(s, 0)) != NULL) {
			if (tok == NULL)
				e->ending = 0;
			else
				for (i = 0; i < LD_DEAD; i++)
					if (strcmp(e->dead[i], tok) == 0)
						e->dead[i][0] = '\0';
		}
		unlock();
	}
	livedir_wake();
}

/* The publisher saw session s no longer running: its marks can go. */
void
livedir_forget(long long s)
{
	struct ldent	*e;

	if (tab == NULL)
		return;
	lock();
	if ((e = find(s, 0)) != NULL)
		memset(e, 0, sizeof(*e));
	unlock();
}

/* Tells the publisher that something changed (never blocks). */
void
livedir_wake(void)
{
	static const char	 c = 1;
	ssize_t			 n = 0;

	/* A full pipe is a publisher already woken: nothing lost. */
	if (wakefd[1] != -1)
		n = write(wakefd[1], &c, 1);
	(void)n;
}

/*
 * The publisher: waits up to ms milliseconds for a wake, then empties
 * the pipe.  Returns 1 if woken, 0 on time out or a signal.
 */
int
livedir_wait(int ms)
{
	struct pollfd	 pfd;
	char		 b[256];
	int		 rc;

	if (wakefd[0] == -1) {
		if (ms > 0)
			poll(NULL, 0, ms);
		return 0;
	}
	pfd.fd = wakefd[0];
	pfd.events = POLLIN;
	if ((rc = poll(&pfd, 1, ms)) <= 0)
		return 0;
	while (read(wakefd[0], b, sizeof(b)) > 0)
		continue;
	return 1;
}

/* Removes every document (and left-over temporary) in live_dir. */
static void
livedir_clean(void)
{
	char	 path[PATH_MAX_LIVE + 64];
	size_t	 len;
	DIR	*d;
	struct dirent *de;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len < LIVE_TOKEN_LEN + 5 ||
		    strncmp(de->d_name + LIVE_TOKEN_LEN, ".json", 5) != 0 ||
		    strfmt(path, sizeof(path), "%s/%s", dir,
		    de->d_name) == -1)
			continue;
		(void)unlink(path);
	}
	closedir(d);
}
