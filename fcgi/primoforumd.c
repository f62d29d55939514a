/* SPDX-License-Identifier: ISC */
/*
 * primoforumd.c: the supervisor.  It reads the configuration and the
 * secrets, opens the FastCGI unix socket that nginx connects to (mode
 * 0660, owned by the group shared with nginx), forks the workers
 * (worker.c) and the publisher of the live documents (publisher.c), and
 * keeps their number: a process that dies is replaced.
 *
 * SIGTERM or SIGINT: stop gracefully.  Workers finish the request in
 * flight and exit; after shutdown_timeout seconds the stragglers are
 * killed.  SIGHUP: reopen the log, here and in every worker.
 *
 * The supervisor handles no requests and holds no database connection:
 * it only owns the socket and the processes, so nothing a request does
 * can take it down.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "extern.h"
#include "banned.h"

struct slot {
	pid_t		 pid;		/* 0 when not running */
	struct timespec	 started;	/* CLOCK_MONOTONIC */
	struct timespec	 restart;	/* do not restart before this */
	const char	*what;		/* "worker" or "publisher" */
};

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: primoforumd [-t] [-f config]\n");
	exit(2);
}

/*
 * Creates the listening unix socket at path, mode 0660, group gname (if
 * not empty).  A stale socket from an earlier run is replaced; any other
 * file at path is an error.  Returns the descriptor or -1 (logged).
 */
static int
open_socket(const char *path, const char *gname)
{
	struct sockaddr_un	 sun;
	struct stat		 sb;
	struct group		*gr;
	mode_t			 mask;
	int			 fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path) >=
	    (int)sizeof(sun.sun_path)) {
		log_warnx("socket path too long: %s", path);
		return -1;
	}
	if (lstat(path, &sb) == 0) {
		if (!S_ISSOCK(sb.st_mode)) {
			log_warnx("%s exists and is not a socket", path);
			return -1;
		}
		unlink(path);
	}
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1) {
		log_warn("socket");
		return -1;
	}
	mask = umask(0117);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		umask(mask);
		log_warn("bind %s", path);
		goto fail;
	}
	umask(mask);
	if (*gname != '\0') {
		if ((gr = getgrnam(gname)) == NULL) {
			log_warnx("socket_group %s: no such group", gname);
			goto fail;
		}
		if (chown(path, (uid_t)-1, gr->gr_gid) == -1) {
			log_warn("chown %s", path);
			goto fail;
		}
	}
	/*
	 * A room's burst of polls (thousands after a round opens) waits
	 * here for a worker; too short a queue would be nginx's 502s.  The
	 * kernel caps it at net.core.somaxconn (4096 on Debian 12).
	 */
	if (chmod(path, 0660) == -1 || listen(fd, 4096) == -1) {
		log_warn("listen %s", path);
		goto fail;
	}
	return fd;
fail:
	close(fd);
	unlink(path);
	return -1;
}

/*
 * Forks the worker for slot i, or the publisher for the slot after the
 * workers' (publisher.c; only with live documents).  Returns 0 or -1.
 */
static int
spawn(struct slot *s, int i, int nworkers, int fd,
    const struct config *cfg, const sigset_t *oldmask)
{
	pid_t	 pid;

	if ((pid = fork()) == -1) {
		log_warn("fork");
		return -1;
	}
	if (pid == 0) {
		sigprocmask(SIG_SETMASK, oldmask, NULL);
		/* exit(), not _exit(): LeakSanitizer checks the worker too. */
		if (i == nworkers) {
			close(fd);
			exit(publisher_main(cfg));
		}
		exit(worker_main(fd, cfg, i));
	}
	s->pid = pid;
	s->what = i == nworkers ? "publisher" : "worker";
	clock_gettime(CLOCK_MONOTONIC, &s->started);
	return 0;
}

static double
elapsed(const struct timespec *a, const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) + (b->tv_nsec - a->tv_nsec) / 1e9;
}

/* Collects dead children; marks their slots free.  Returns how many. */
static int
reap(struct slot *slots, int n, int stopping)
{
	struct timespec	 now;
	pid_t		 pid;
	int		 st, i, found = 0;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		for (i = 0; i < n; i++)
			if (slots[i].pid == pid)
				break;
		if (i == n)
			continue;
		found++;
		slots[i].pid = 0;
		if (stopping)
			continue;
		if (WIFSIGNALED(st))
			log_warnx("%s %d (pid %ld) killed by signal %d; "
			    "replacing it", slots[i].what, i, (long)pid,
			    WTERMSIG(st));
		else
			log_warnx("%s %d (pid %ld) exited with %d; "
			    "replacing it", slots[i].what, i, (long)pid,
			    WEXITSTATUS(st));
		/* A worker that dies at once would die again: wait 1 s. */
		slots[i].restart = now;
		if (elapsed(&slots[i].started, &now) < 1.0)
			slots[i].restart.tv_sec += 1;
	}
	return found;
}

static int
running(const struct slot *slots, int n)
{
	int	 i, c = 0;

	for (i = 0; i < n; i++)
		c += slots[i].pid != 0;
	return c;
}

/* Asks every worker to stop, then makes sure they do. */
static void
stop_workers(struct slot *slots, int n, long long timeout)
{
	struct timespec	 t0, now, tick = { 0, 200 * 1000 * 1000 };
	int		 i;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		reap(slots, n, 1);
		if (running(slots, n) == 0)
			return;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (elapsed(&t0, &now) > (double)timeout) {
			log_warnx("%d workers still busy after %llds: killing",
			    running(slots, n), timeout);
			for (i = 0; i < n; i++)
				if (slots[i].pid != 0)
					kill(slots[i].pid, SIGKILL);
			while (running(slots, n) > 0 && wait(NULL) > 0)
				reap(slots, n, 1);
			return;
		}
		/* Repeat: a signal may land just before accept() blocks. */
		for (i = 0; i < n; i++)
			if (slots[i].pid != 0)
				kill(slots[i].pid, SIGTERM);
		nanosleep(&tick, NULL);
	}
}

int
main(int argc, char *argv[])
{
	struct config	 cfg;
	struct slot	*slots;
	sigset_t	 sigs, oldmask;
	siginfo_t	 si;
	struct timespec	 wait1 = { 0, 250 * 1000 * 1000 }, now;
	const char	*conf = PF_SYSCONFDIR "/primoforum/primoforum.conf";
	char		 err[512];
	FILE		*pf;
	int		 ch, fd, i, n, total = 0, sig, testonly = 0, rc = 1;

	while ((ch = getopt(argc, argv, "f:t")) != -1)
		switch (ch) {
		case 'f':
			conf = optarg;
			break;
		case 't':
			testonly = 1;
			break;
		default:
			usage();
		}
	if (optind != argc)
		usage();

	config_init(&cfg);
	if (config_load(&cfg, conf, err, sizeof(err)) == -1 ||
	    config_load_secrets(&cfg, err, sizeof(err)) == -1) {
		fprintf(stderr, "primoforumd: %s\n", err);
		config_release(&cfg);
		return 1;
	}
	if (cfg.secret[SECRET_DB_PASSWORD] == NULL) {
		fprintf(stderr, "primoforumd: %s: db_password is not set\n",
		    cfg.str[CFG_SECRETS_FILE]);
		config_release(&cfg);
		return 1;
	}
	if (testonly) {
		printf("primoforumd: configuration ok\n");
		config_release(&cfg);
		return 0;
	}
	if (log_open(cfg.str[CFG_LOG_FILE]) == -1) {
		fprintf(stderr, "primoforumd: log_file %s: %s\n",
		    cfg.str[CFG_LOG_FILE], strerror(errno));
		config_release(&cfg);
		return 1;
	}

	n = (int)cfg.num[CFG_WORKERS];
	if (n == 0 && (n = (int)sysconf(_SC_NPROCESSORS_ONLN)) < 1)
		n = 1;
	slots = xcalloc((size_t)n + 1, sizeof(*slots));

	/* Signals are taken synchronously with sigtimedwait() below. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGCHLD);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGHUP);
	sigprocmask(SIG_BLOCK, &sigs, &oldmask);
	signal(SIGPIPE, SIG_IGN);

	/* The host's argon2 slots, shared by the workers (auth.c). */
	if (auth_sem_create(cfg.num[CFG_ARGON2_MAX_CONCURRENT] > 0 ?
	    (int)cfg.num[CFG_ARGON2_MAX_CONCURRENT] :
	    (int)sysconf(_SC_NPROCESSORS_ONLN)) == -1) {
		log_warn("argon2 semaphore");
		goto out;
	}
	password_minlen((size_t)cfg.num[CFG_PASSWORD_MIN]);
	/*
	 * Done once, before the workers fork, so that they share the result:
	 * the blocklist, and the dummy hash for unknown emails, whose argon2
	 * run (19 MiB by default) would otherwise be each worker's peak.
	 */
	if (auth_init(&cfg) == -1 ||
	    password_load(cfg.str[CFG_PASSWORD_BLOCKLIST]) == -1)
		goto out;
	/* The table of running sessions the workers share (pollcache.c). */
	if (pollcache_create(&cfg) == -1)
		goto out;
	/* The failure counters the workers share (backoff.c). */
	if (backoff_create() == -1)
		goto out;
	/* The live documents, and a slot for their publisher (livedir.c). */
	if (livedir_create(&cfg) == -1)
		goto out;
	total = n + (livedir_on() ? 1 : 0);
	if ((fd = open_socket(cfg.str[CFG_SOCKET],
	    cfg.str[CFG_SOCKET_GROUP])) == -1)
		goto out;
	if (cfg.str[CFG_PID_FILE][0] != '\0') {
		if ((pf = fopen(cfg.str[CFG_PID_FILE], "w")) == NULL) {
			log_warn("pid_file %s", cfg.str[CFG_PID_FILE]);
			goto out;
		}
		fprintf(pf, "%ld\n", (long)getpid());
		fclose(pf);
	}
	log_info("primoforumd %s starting %d workers on %s", PACKAGE_VERSION,
	    n, cfg.str[CFG_SOCKET]);
	for (i = 0; i < total; i++)
		if (spawn(&slots[i], i, n, fd, &cfg, &oldmask) == -1)
			goto stop;

	for (;;) {
		sig = sigtimedwait(&sigs, &si, &wait1);
		if (sig == SIGTERM || sig == SIGINT) {
			log_info("signal %d: stopping", sig);
			break;
		}
		if (sig == SIGHUP) {
			if (log_reopen() == -1)
				log_warn("reopen log");
			for (i = 0; i < total; i++)
				if (slots[i].pid != 0)
					kill(slots[i].pid, SIGHUP);
		}
		reap(slots, total, 0);
		clock_gettime(CLOCK_MONOTONIC, &now);
		for (i = 0; i < total; i++)
			if (slots[i].pid == 0 &&
			    elapsed(&slots[i].restart, &now) >= 0)
				(void)spawn(&slots[i], i, n, fd, &cfg,
				    &oldmask);
	}
	rc = 0;
stop:
	close(fd);
	stop_workers(slots, total, cfg.num[CFG_SHUTDOWN_TIMEOUT]);
	unlink(cfg.str[CFG_SOCKET]);
	if (cfg.str[CFG_PID_FILE][0] != '\0')
		unlink(cfg.str[CFG_PID_FILE]);
	log_info("stopped");
out:
	auth_sem_remove();
	free(slots);
	config_release(&cfg);
	log_close();
	return rc;
}
