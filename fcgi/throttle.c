/* SPDX-License-Identifier: ISC */
/*
 * throttle.c: counting failures (logins, joins) per key in the database,
 * so every worker on every host sees the same count.  A key is a kind
 * ("e"mail, "a"ddress, "j"oin address) and a SHA-256, never the text
 * itself.  Past a number of free failures each further one makes the key
 * wait 1, 2, 4, ... seconds, at most 15 minutes: a back-off, never a
 * lockout.  A day without failures forgets the key.
 */
#include <stddef.h>
#include <string.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

#define BACKOFF_MAX	900	/* seconds */
#define FORGET_AFTER	86400	/* seconds */

/* STMT_THROTTLE_GET, in the order of its columns. */
static const struct dbfield throttle_fields[] = {
	DBF_I(throttle, failures),
	DBF_I(throttle, wait),
	DBF_I(throttle, quiet),
};
static const struct dbshape throttle_shape = DBSHAPE(throttle_fields,
    throttle);

/* Reads a key.  Returns 0, or -1 if the database is down. */
int
throttle_get(struct db *db, const char *kind, const unsigned char *h,
    struct throttle *t)
{
	struct dbparam	 p[2] = { DBP_STR(kind), DBP_BLOB(h, 32) };

	if (db_one(db, STMT_THROTTLE_GET, p, 2, &throttle_shape, t) < 0)
		return -1;
	if (t->failures < 0 || t->wait < 0)
		t->failures = t->wait = 0;
	if (t->quiet > FORGET_AFTER)
		t->failures = t->wait = 0;
	return 0;
}

/*
 * Counts one more failure for a key; past freebies it must wait.
 * Returns the new number of failures, or -1.
 */
long long
throttle_fail(struct db *db, const char *kind, const unsigned char *h,
    long long freebies)
{
	struct throttle	 t;
	struct dbparam	 p[4];
	long long	 f, wait = 0;

	if (throttle_get(db, kind, h, &t) == -1)
		return -1;
	f = t.failures + 1;
	if (f >= freebies)
		wait = f - freebies >= 10 ? BACKOFF_MAX :
		    (1LL << (f - freebies)) > BACKOFF_MAX ? BACKOFF_MAX :
		    (1LL << (f - freebies));
	p[0] = (struct dbparam)DBP_STR(kind);
	p[1] = (struct dbparam)DBP_BLOB(h, 32);
	p[2] = (struct dbparam)DBP_INT(f);
	p[3] = (struct dbparam)DBP_INT(wait);
	if (db_exec(db, STMT_THROTTLE_SET, p, 4, NULL, NULL) < 0)
		return -1;
	return f;
}

/* Forgets a key's failures (after a success). */
void
throttle_clear(struct db *db, const char *kind, const unsigned char *h)
{
	struct dbparam	 p[2] = { DBP_STR(kind), DBP_BLOB(h, 32) };

	(void)db_exec(db, STMT_THROTTLE_CLEAR, p, 2, NULL, NULL);
}
