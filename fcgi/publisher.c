/* SPDX-License-Identifier: ISC */
/*
 * publisher.c: the process that writes this host's live documents.
 * primoforumd forks it beside the workers and restarts it like them.
 * It holds one database connection and no socket: it waits for a worker
 * to wake it after a change (livedir.c's pipe) or for live_period_ms to
 * pass, and lets publish.c look over the running sessions and write what
 * moved.  One writer per host: no older render can overwrite a newer
 * one, and coalescing is a timer here rather than a lock among workers.
 *
 * Signals: SIGTERM and SIGINT stop it after the look in progress,
 * SIGHUP reopens its log.
 */
#include <sys/prctl.h>

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

#define GAP_MS	20	/* between two looks at least: a room answering
			   wakes the publisher thousands of times a second */

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

/*
 * The publisher's life: look, write, wait, until told to stop.  Returns
 * the process exit status.
 */
int
publisher_main(const struct config *cfg)
{
	struct sigaction	 sa;
	struct db		*db = NULL;
	struct pub		*lv;
	int			 wait_ms = 0, next;

	(void)prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() == 1)
		return 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* no SA_RESTART: poll() wakes */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);

	lv = publish_new(cfg);
	log_info("publisher ready");
	while (!quit) {
		if (hup) {
			hup = 0;
			if (log_reopen() == -1)
				log_warn("publisher: reopen log");
		}
		if (wait_ms > 0)
			(void)livedir_wait(wait_ms);
		if (quit)
			break;
		if (db == NULL) {
			if ((db = db_open_config(cfg, 0)) == NULL) {
				wait_ms = 1000;
				continue;
			}
			/* A round it closes at zero: the poll table learns. */
			db_on_change(db, pollcache_change_begin,
			    pollcache_change_end);
		}
		if ((next = publish_look(db, lv)) < 0) {
			log_warnx("publisher: the database failed; again soon");
			next = (int)cfg->num[CFG_LIVE_PERIOD_MS];
		}
		wait_ms = next;
		/* Not again within GAP_MS, whoever wakes it. */
		(void)poll(NULL, 0, GAP_MS);
		if (wait_ms > GAP_MS)
			wait_ms -= GAP_MS;
		else
			wait_ms = 1;
	}
	log_info("publisher stopping");
	publish_free(lv);
	db_free(db);
	return 0;
}
