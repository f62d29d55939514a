/* SPDX-License-Identifier: ISC */
/*
 * test_backoff.c: the host's table of failure counters (backoff.c): the
 * back-off sequence (free failures, then 1, 2, 4 ... seconds, at most 15
 * minutes and never a lockout), forgetting after a quiet day, the
 * counters shared with a forked worker, what the database's counts do
 * to the table, eviction when the table is full (a flood of new keys
 * does not push out a key in back-off), and the restart rule (which
 * counters the database must also hold).
 */
#include <sys/wait.h>

#include <stdlib.h>
#include <unistd.h>

#include "extern.h"
#include "tap.h"

#define S	1000LL		/* ms */
#define DAY	(86400 * S)

/* A key from a number, as throttle.c makes one from a text. */
static void
key(unsigned char h[32], const char *what, long long n)
{
	char	 buf[64];

	snprintf(buf, sizeof(buf), "%s-%lld", what, n);
	sha256(buf, strlen(buf), h);
}

int
main(void)
{
	static const long long	 seq[] = { 0, 0, 0, 0, 1, 2, 4, 8, 16, 32,
	    64, 128, 256, 512, 900, 900, 900 };
	struct backoff		 b;
	unsigned char		 h[32], h2[32];
	long long		 t0 = 10 * DAY, f, i, gone, bad;
	pid_t			 pid;
	int			 st, known;

	key(h, "ann@example.org", 0);
	is_int(backoff_get('e', h, t0, &b), -1,
	    "without a table (primoforumctl): no counter");
	is_int(backoff_fail('e', h, 5, t0, &b), -1, "and nothing counted");
	if (!ok(backoff_create() == 0, "the table is mapped"))
		return done_testing();

	/* The sequence: 4 free failures, the 5th waits 1 s, then doubles. */
	bad = 0;
	for (i = 0; i < (long long)(sizeof(seq) / sizeof(seq[0])); i++) {
		f = backoff_fail('e', h, 5, t0, &b);
		if (f != i + 1 || b.wait != seq[i] ||
		    backoff_wait(f, 5) != seq[i])
			bad++;
	}
	is_int(bad, 0, "failures 1-4 free, then 1, 2, 4, ... 512, 900, 900 s");
	is_int(backoff_wait(1000000, 5), 900, "never more than 15 minutes");
	backoff_get('e', h, t0 + 899 * S + 1, &b);
	is_int(b.wait, 1, "899.001 s into a 900 s wait: 1 s left (rounded up)");
	is_int(backoff_get('e', h, t0 + 900 * S, &b), 1,
	    "after the wait the key is still known");
	is_int(b.failures * 1000 + b.wait, 17 * 1000 + 0,
	    "with its 17 failures and no wait: not a lockout");
	is_int(b.quiet, 900, "quiet for 900 s");

	/* Forgetting. */
	is_int(backoff_get('e', h, t0 + DAY - 1, &b), 1,
	    "a day less 1 ms after the last failure: still known");
	is_int(backoff_get('e', h, t0 + DAY + 1, &b), 0,
	    "a day and 1 ms after: forgotten");
	is_int(b.failures, 0, "no failures");
	is_int(backoff_fail('e', h, 5, t0 + DAY + 1, &b), 1,
	    "the next failure is the first again");
	backoff_clear('e', h);
	is_int(backoff_get('e', h, t0 + DAY + 2, &b), 0,
	    "cleared (a success): not known");

	/* Kinds are apart. */
	key(h, "127.0.0.1", 0);
	backoff_fail('a', h, 20, t0, &b);
	is_int(backoff_get('j', h, t0, &b), 0,
	    "an address's login counter is not its join counter");

	/* Shared with a forked worker. */
	key(h, "shared", 0);
	if ((pid = fork()) == 0) {
		for (i = 0; i < 3; i++)
			backoff_fail('a', h, 20, t0, &b);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	backoff_get('a', h, t0, &b);
	is_int(b.failures, 3, "a worker's three failures are seen by another");

	/* The restart rule. */
	is_int(backoff_durable('e', 4, 5), 0, "an email below its free "
	    "failures stays in memory");
	is_int(backoff_durable('e', 5, 5), 1, "past them the database keeps it");
	is_int(backoff_durable('a', 1000, 20), 0, "an address's, never");
	is_int(backoff_durable('j', 1000, 20), 0, "a join address's, never");
	is_int(backoff_durable('d', 5, 5), 1, "a device cookie's past its free "
	    "failures: the database keeps it (it stands in for the email's)");
	key(h, "bob@example.org", 0);
	backoff_fail('e', h, 5, t0, &b);
	is_int(b.durable, 0, "a first failure is not the database's");
	for (i = 0; i < 4; i++)
		backoff_fail('e', h, 5, t0, &b);
	is_int(b.durable, 1, "the 5th is");

	/* What the database holds: the larger count and the later end win. */
	key(h, "carol@example.org", 0);
	backoff_merge('e', h, 12, 30, 2, t0, &b);
	is_int(b.failures * 1000 + b.wait, 12 * 1000 + 30,
	    "an unknown key read from the database: 12 failures, 30 s");
	is_int(b.durable, 1, "and marked as the database's");
	backoff_merge('e', h, 3, 0, 0, t0 + S, &b);
	is_int(b.failures * 1000 + b.wait, 12 * 1000 + 29,
	    "a smaller count from elsewhere lowers neither count nor wait");
	backoff_fail('e', h, 5, t0 + 2 * S, &b);
	is_int(b.failures * 1000 + b.wait, 13 * 1000 + 256,
	    "the next failure counts on from 12: 13th, 256 s");
	key(h2, "dave@example.org", 0);
	backoff_merge('e', h2, 9, 0, 86401, t0, &b);
	is_int(backoff_get('e', h2, t0, &b), 0,
	    "a database row quiet for a day is not taken");

	/* Refusals, for the audit in aggregate. */
	is_int(backoff_refused('e', h, t0 + 3 * S), 1, "a first refusal");
	is_int(backoff_refused('e', h, t0 + 3 * S), 2, "a second");
	backoff_fail('e', h, 5, t0 + 300 * S, &b);
	is_int(backoff_refused('e', h, t0 + 300 * S), 1,
	    "a failure starts the count of refusals again");
	is_int(backoff_refused('e', h2, t0), 0, "an unknown key: 0");

	/*
	 * Eviction: a key in back-off, then a flood of 200,000 new keys
	 * with one failure each (an attacker's new addresses).
	 */
	key(h, "target@example.org", 0);
	for (i = 0; i < 25; i++)
		backoff_fail('a', h, 20, t0, &b);
	for (i = 0; i < 200000; i++) {
		key(h2, "flood", i);
		backoff_fail('a', h2, 20, t0 + S + i / 100, &b);
	}
	known = backoff_get('a', h, t0 + 3 * S, &b);
	is_int(known * 1000 + b.failures, 1000 + 25,
	    "the key in back-off survives a flood of 200,000 new keys");
	ok(b.wait > 0, "and still waits (%lld s)", b.wait);
	for (gone = i = 0; i < 1000; i++) {
		key(h2, "flood", i);
		gone += backoff_get('a', h2, t0 + 3 * S, &b) == 0;
	}
	ok(gone >= 990, "the flood's oldest keys went first (%lld of 1000)",
	    gone);
	key(h2, "flood", 199999);
	is_int(backoff_get('a', h2, t0 + 3 * S, &b), 1,
	    "its newest is kept");
	for (i = 0; i < 200000; i++) {
		key(h2, "flood2-", i);
		backoff_fail('a', h2, 20, t0 + 100 * S + i / 100, &b);
	}
	known = backoff_get('a', h, t0 + 103 * S, &b);
	is_int(known * 1000 + b.failures, 1000 + 25,
	    "its wait over, 25 failures outlast 200,000 one-failure keys");

	/* A table full of waiting keys still counts a new one. */
	for (i = 0; i < 40000; i++) {
		key(h2, "waiting", i);
		backoff_fail('a', h2, 1, t0 + 400 * S, &b);
	}
	key(h2, "late", 0);
	is_int(backoff_fail('a', h2, 1, t0 + 401 * S, &b), 1,
	    "a new key is counted when every slot waits");
	is_int(b.wait, 1, "and waits");
	return done_testing();
}
