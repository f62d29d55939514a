/* SPDX-License-Identifier: ISC */
/*
 * worker.c: one FastCGI worker process.  It accepts a request on the
 * socket it inherited from primoforumd, turns the FastCGI parameters and
 * body into a struct request (request.c), lets the router answer it
 * (route.c), sends the response and logs one line.  This is the only
 * file that includes libfcgi's header.
 *
 * Signals: SIGTERM and SIGINT ask the worker to stop, SIGHUP to reopen
 * its log.  They are blocked while a request is handled and unblocked
 * only while the worker waits in accept(), so a request in flight always
 * finishes (graceful stop) and libfcgi's reads and writes never see
 * EINTR.  The supervisor repeats SIGTERM until the worker is gone, which
 * covers a signal that lands just before accept() blocks.
 */
#include <sys/prctl.h>

#include <errno.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

static volatile sig_atomic_t	 quit;
static volatile sig_atomic_t	 hup;

static void
on_signal(int sig)
{
	if (sig == SIGHUP)
		hup = 1;
	else
		quit = 1;
}

/* A change of session s ended: the poll table and the publisher learn. */
static void
changed(long long s)
{
	pollcache_change_end(s);
	livedir_wake();
}

/* Returns a FastCGI parameter, or NULL. */
static const char *
param(FCGX_Request *fr, const char *name)
{
	return FCGX_GetParam(name, fr->envp);
}

/* Sets r->id from nginx's $request_id, or makes one. */
static void
request_id(struct request *r, const char *s)
{
	unsigned char	 rnd[16];
	size_t		 i;

	if (s != NULL && strlen(s) == 32) {
		for (i = 0; i < 32; i++)
			if (!((s[i] >= '0' && s[i] <= '9') ||
			    (s[i] >= 'a' && s[i] <= 'f')))
				break;
		if (i == 32) {
			memcpy(r->id, s, 33);
			return;
		}
	}
	if (random_bytes(rnd, sizeof(rnd)) == -1)
		memset(rnd, 0, sizeof(rnd));
	hex_encode(rnd, sizeof(rnd), r->id);
}

/*
 * Fills r from the FastCGI request.  Returns 0 if the request can be
 * routed, or the error status with the response set.
 */
static int
request_read(FCGX_Request *fr, struct request *r)
{
	const char	*s;
	struct perr	 e;
	long long	 clen = 0;
	size_t		 off;
	int		 n;

	request_id(r, param(fr, "REQUEST_ID"));
	r->method = method_parse(param(fr, "REQUEST_METHOD"),
	    &r->method_name);
	if ((s = param(fr, "REMOTE_ADDR")) != NULL)
		r->remote_addr = xstrdup(s);
	if ((s = param(fr, "HTTP_USER_AGENT")) != NULL)
		r->user_agent = xstrndup(s, strnlen(s, 256));
	if ((s = param(fr, "CONTENT_TYPE")) != NULL && *s != '\0')
		r->ctype = xstrndup(s, strnlen(s, 256));
	if ((s = param(fr, "HTTP_ORIGIN")) != NULL)
		r->origin = xstrndup(s, strnlen(s, 256));
	if ((s = param(fr, "HTTP_SEC_FETCH_SITE")) != NULL)
		r->fetch_site = xstrndup(s, strnlen(s, 32));
	if ((s = param(fr, "HTTP_X_CSRF_TOKEN")) != NULL)
		r->csrf_header = xstrndup(s, strnlen(s, 128));
	if ((s = param(fr, "HTTP_X_CHARGIFY_WEBHOOK_SIGNATURE_HMAC_SHA_256")) !=
	    NULL)
		r->signature = xstrndup(s, strnlen(s, 128));
	r->lang = lang_accept(param(fr, "HTTP_ACCEPT_LANGUAGE"));
	if ((s = param(fr, "HTTP_IF_NONE_MATCH")) != NULL)
		r->if_none_match = xstrndup(s, strnlen(s, 256));
	if ((s = param(fr, "HTTP_X_PROJECTOR_TOKEN")) != NULL)
		r->projector = xstrndup(s, strnlen(s, 128));

	/* Route on nginx's normalized $document_uri, never REQUEST_URI. */
	s = param(fr, "DOCUMENT_URI");
	if (s == NULL || path_normalize(s, strlen(s), &r->path) == -1)
		return resp_error(r, 400, "bad_path", "malformed path");
	if ((s = param(fr, "QUERY_STRING")) != NULL &&
	    pairs_parse(s, strlen(s), 1, r->limits->max_pairs, &r->query,
	    &e) == -1)
		return resp_error(r, e.status, "bad_query", "%s", e.msg);
	if ((s = param(fr, "HTTP_COOKIE")) != NULL &&
	    cookies_parse(s, strlen(s), r->limits->max_pairs, &r->cookies,
	    &e) == -1)
		return resp_error(r, e.status, "bad_cookie", "%s", e.msg);
	/* The two cookies of accounts, for the floors below (login, guard). */
	r->login_ck = kvlist_get(&r->cookies, LOGIN_COOKIE);
	r->device_ck = kvlist_get(&r->cookies, DEVICE_COOKIE);

	if ((s = param(fr, "CONTENT_LENGTH")) != NULL && *s != '\0' &&
	    parse_int(s, strlen(s), 0, INT64_MAX, &clen) == -1)
		return resp_error(r, 400, "bad_length",
		    "malformed Content-Length");
	if ((unsigned long long)clen > r->limits->max_body)
		return resp_error(r, 413, "body_too_large",
		    "the body is larger than %zu bytes", r->limits->max_body);
	r->body = xmalloc((size_t)clen + 1);
	for (off = 0; off < (size_t)clen; off += (size_t)n) {
		n = FCGX_GetStr(r->body + off, (int)((size_t)clen - off),
		    fr->in);
		if (n <= 0)
			return resp_error(r, 400, "short_body",
			    "the body ended before Content-Length");
	}
	r->body[clen] = '\0';
	r->bodylen = (size_t)clen;
	return 0;
}

/*
 * The access line: request id, method, route, status, duration, and the
 * error code when there was one.  The path is not logged (route names say
 * the same without ids), nor the query, cookies or body.
 */
static void
access_line(const struct request *r, double ms)
{
	log_info("rid=%s method=%s route=%s status=%d ms=%.3f%s%s",
	    r->id, r->method_name, route_name(r->route), r->resp.status, ms,
	    r->resp.errcode != NULL ? " error=" : "",
	    r->resp.errcode != NULL ? r->resp.errcode : "");
}

/* Handles one accepted request from start to log line. */
static void
handle(FCGX_Request *fr, struct db *db, const struct limits *lim,
    const struct config *cfg, int slot)
{
	struct request	 r;
	struct buf	 head;
	struct timespec	 t0, t1;
	char		 drain[4096];

	clock_gettime(CLOCK_MONOTONIC, &t0);
	request_init(&r, db, lim, cfg);
	r.slot = slot;
	if (request_read(fr, &r) == 0)
		route_dispatch(&r);
	/*
	 * Read what is left of a body that was refused unread (413): closing
	 * with input pending makes the kernel reset the connection, and nginx
	 * could then lose the answer.  nginx caps bodies, so this is bounded.
	 */
	while (FCGX_GetStr(drain, sizeof(drain), fr->in) > 0)
		continue;

	/*
	 * A write that succeeded may move what the room polls (an answer
	 * moves only a tally row, which db.c's change hooks do not see):
	 * the publisher looks now rather than at its next period.
	 */
	if (r.method != METHOD_GET && r.method != METHOD_HEAD &&
	    r.resp.status < 400)
		livedir_wake();

	buf_init(&head, 4096);
	resp_headers(&r, &head);
	FCGX_PutStr(head.data, (int)head.len, fr->out);
	if (r.method != METHOD_HEAD && r.resp.body.len > 0)
		FCGX_PutStr(r.resp.body.data, (int)r.resp.body.len, fr->out);
	buf_release(&head);
	/*
	 * The request ends here for nginx (and the browser), before any
	 * later step: its time must not show in the answer's.  Detached:
	 * skip libfcgi's lingering close, nginx closes its end.
	 */
	FCGX_Detach(fr);
	FCGX_Finish_r(fr);

	clock_gettime(CLOCK_MONOTONIC, &t1);
	access_line(&r, (t1.tv_sec - t0.tv_sec) * 1e3 +
	    (t1.tv_nsec - t0.tv_nsec) / 1e6);
	if (r.later != NULL)
		r.later(&r);
	request_release(&r);
}

/*
 * The worker's life: serve requests until told to stop.  listenfd is the
 * FastCGI socket; cfg holds the connection settings and limits.
 * Returns the process exit status.
 */
int
worker_main(int listenfd, const struct config *cfg, int slot)
{
	FCGX_Request		 fr;
	struct sigaction	 sa;
	sigset_t		 sigs, old;
	struct limits		 lim;
	struct db		*db;
	time_t			 last_sweep = 0;
	int			 rc;

	/*
	 * Big blocks (argon2's 19 MiB) straight from mmap and back to the
	 * system when freed: glibc would otherwise raise its threshold past
	 * them after the first and keep the next in the heap for good, and
	 * a worker would stay 19 MiB bigger after its second login.  One
	 * arena: the hashing thread (auth.c) adds none.
	 */
	(void)mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
	(void)mallopt(M_ARENA_MAX, 1);
	/* Die with the supervisor rather than linger on the socket. */
	(void)prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() == 1)
		return 1;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* no SA_RESTART: accept() wakes */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGHUP);
	sigprocmask(SIG_BLOCK, &sigs, &old);

	config_limits(cfg, &lim);
	db = db_open_config(cfg, 0);
	if (db != NULL)
		db_on_change(db, pollcache_change_begin, changed);

	if (FCGX_Init() != 0) {
		log_warnx("worker %d: FCGX_Init failed", slot);
		db_free(db);
		return 1;
	}
	FCGX_InitRequest(&fr, listenfd, FCGI_FAIL_ACCEPT_ON_INTR);
	log_info("worker %d ready", slot);

	while (!quit) {
		if (hup) {
			hup = 0;
			if (log_reopen() == -1)
				log_warn("worker %d: reopen log", slot);
		}
		sigprocmask(SIG_UNBLOCK, &sigs, NULL);
		rc = quit ? -1 : FCGX_Accept_r(&fr);
		sigprocmask(SIG_BLOCK, &sigs, NULL);
		if (rc < 0) {
			if (!quit && !hup && errno != EINTR) {
				log_warn("worker %d: accept", slot);
				usleep(10000);
			}
			continue;
		}
		/* Running sessions past their maximum stop, once a minute. */
		if (time(NULL) - last_sweep >= 60) {
			last_sweep = time(NULL);
			session_sweep(db, cfg);
		}
		handle(&fr, db, &lim, cfg, slot);
	}
	log_info("worker %d stopping", slot);
	FCGX_Free(&fr, 1);
	db_free(db);
	return 0;
}
