/* SPDX-License-Identifier: ISC */
/*
 * throttle.c: counting failures (logins, joins) per key, and holding a
 * key back once it has had its free failures: it waits 1, 2, 4, ...
 * seconds, at most 15 minutes, a back-off and never a lockout.  A key is
 * a kind ("e"mail, "a"ddress, "j"oin address) and a SHA-256, never the
 * text itself.  A day without failures forgets the key.
 *
 * The counters live in the host's shared memory (backoff.c), so that a
 * refused attempt, or a failure below the threshold, costs no database
 * write: a login flood from many addresses used to write a row per
 * attempt.  The database (login_throttle) holds only what must outlive
 * a restart and be seen by every worker host: an email's counter once it
 * is past its free failures (backoff_durable() says why that one).  It
 * is written at each of that key's failures from then on, which the
 * back-off itself spaces (one per wait per host at most), and read when
 * this host does not know the key, and again before this host would let
 * such a key try again, so that another host's count or a longer wait
 * wins (the larger of the two counts, the later end of the wait).
 *
 * Several hosts: an address's counter is per host, so an attacker that
 * spreads over H hosts gets H times an address's free failures; nginx's
 * per-address limit is also per host, and the email's counter is what
 * protects an account.  An email's free failures are per host too (H
 * times 5 in all), but past them every host reads and writes the same
 * row, so the back-off is the same on all of them.
 *
 * primoforumctl has no table: there every call goes to the database,
 * as before the table existed.
 */
#include <stddef.h>
#include <string.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

#define FORGET_AFTER	86400	/* seconds */

/* STMT_THROTTLE_GET, in the order of its columns. */
static const struct dbfield throttle_fields[] = {
	DBF_I(throttle, failures),
	DBF_I(throttle, wait),
	DBF_I(throttle, quiet),
};
static const struct dbshape throttle_shape = DBSHAPE(throttle_fields,
    throttle);

/* Returns 1 if the database may hold counters of kind (the restart rule). */
static int
kept(const char *kind)
{
	return backoff_durable(*kind, 1, 1);
}

/* Reads a key from the database.  Returns 0, or -1 if it is down. */
static int
db_get(struct db *db, const char *kind, const unsigned char *h,
    struct throttle *t)
{
	struct dbparam	 p[2] = { DBP_STR(kind), DBP_BLOB(h, 32) };

	memset(t, 0, sizeof(*t));
	if (db_one(db, STMT_THROTTLE_GET, p, 2, &throttle_shape, t) < 0)
		return -1;
	if (t->failures < 0 || t->wait < 0)
		t->failures = t->wait = 0;
	if (t->quiet > FORGET_AFTER)
		t->failures = t->wait = 0;
	return 0;
}

/*
 * Writes a key's count f and wait (seconds) to the database; a larger
 * count or a later end there stays.  Returns 0, or -1.
 */
static int
db_set(struct db *db, const char *kind, const unsigned char *h,
    long long f, long long wait)
{
	struct dbparam	 p[4];

	p[0] = (struct dbparam)DBP_STR(kind);
	p[1] = (struct dbparam)DBP_BLOB(h, 32);
	p[2] = (struct dbparam)DBP_INT(f);
	p[3] = (struct dbparam)DBP_INT(wait);
	return db_exec(db, STMT_THROTTLE_SET, p, 4, NULL, NULL) < 0 ? -1 : 0;
}

/*
 * Reads a key.  Returns 0, or -1 if the database is down (only when it
 * had to be asked).
 */
int
throttle_get(struct db *db, const char *kind, const unsigned char *h,
    struct throttle *t)
{
	struct backoff	 b;
	struct throttle	 d;
	long long	 now = mono_ms();
	int		 k;

	memset(t, 0, sizeof(*t));
	if ((k = backoff_get(*kind, h, now, &b)) == -1)
		return db_get(db, kind, h, t);
	/*
	 * A key the database may hold: read it when this host does not
	 * know it (a restart, an eviction, another host's count), and
	 * before a counter past its free failures may try again here.
	 */
	if (kept(kind) && (k == 0 || (b.durable && b.wait == 0))) {
		if (db_get(db, kind, h, &d) == -1)
			return -1;
		if (d.failures > 0)
			backoff_merge(*kind, h, d.failures, d.wait, d.quiet,
			    now, &b);
		else {
			/* No row: never was, forgotten, or a success. */
			backoff_clear(*kind, h);
			memset(&b, 0, sizeof(b));
		}
	}
	t->failures = b.failures;
	t->wait = b.wait;
	t->quiet = b.quiet;
	return 0;
}

/*
 * Counts one more failure for a key; past freebies it must wait.
 * Returns the new number of failures, or -1 (no table and the database
 * down).  A counter the database must keep that it could not write is
 * still counted here.
 */
long long
throttle_fail(struct db *db, const char *kind, const unsigned char *h,
    long long freebies)
{
	struct backoff	 b;
	struct throttle	 t;
	long long	 f;

	f = backoff_fail(*kind, h, freebies, mono_ms(), &b);
	if (f == -1) {
		if (db_get(db, kind, h, &t) == -1)
			return -1;
		f = t.failures + 1;
		return db_set(db, kind, h, f, backoff_wait(f, freebies)) ==
		    -1 ? -1 : f;
	}
	if (backoff_durable(*kind, f, freebies) &&
	    db_set(db, kind, h, f, b.wait) == -1)
		log_warnx("throttle: a counter past its free failures could "
		    "not be written; this host still holds it back");
	return f;
}

/*
 * Counts an attempt refused while a key waits, so that callers can
 * audit refusals in aggregate.  Returns how many were refused since the
 * key's last failure (1 for the first), or 0 without a table.
 */
long long
throttle_refused(const char *kind, const unsigned char *h)
{
	return backoff_refused(*kind, h, mono_ms());
}

/* Forgets a key's failures (after a success). */
void
throttle_clear(struct db *db, const char *kind, const unsigned char *h)
{
	struct dbparam	 p[2] = { DBP_STR(kind), DBP_BLOB(h, 32) };
	struct backoff	 b;

	/* A row may be there whether or not this host knows the key. */
	if (backoff_get(*kind, h, 0, &b) == -1 || kept(kind))
		(void)db_exec(db, STMT_THROTTLE_CLEAR, p, 2, NULL, NULL);
	backoff_clear(*kind, h);
}
