/* SPDX-License-Identifier: ISC */
/*
 * backoff.c: the host's table of failure counters (logins, joins), in
 * memory shared by the workers, so that a refused attempt costs no
 * database write.  throttle.c decides what the database must also hold;
 * this file only counts.
 *
 * A counter's key is a kind (one letter) and a SHA-256, never the text
 * itself.  Past a number of free failures each further one makes the key
 * wait 1, 2, 4, ... seconds, at most 15 minutes: a back-off, never a
 * lockout.  A day without failures forgets the key.
 *
 * Like the poll table (pollcache.c), the table is mapped by the
 * supervisor before it forks, under one robust process-shared mutex (a
 * worker that dies holding it costs the counters, not the host), in
 * fixed slots with linear probing.  Times are CLOCK_MONOTONIC, which
 * every process of the host shares.
 *
 * The table is bounded, so a new key may have to push an old one out.
 * An attacker can make new keys at will (a new email, a new IPv6
 * address per attempt) and would like to push out the counter of the
 * account it is guessing.  Three things make that dear:
 *
 *  - a key's slots are chosen by a SHA-256 keyed with a random secret
 *    of this host, so nobody can make keys that land where a given key
 *    lives: to reach it the attacker must fill a good part of the whole
 *    table;
 *  - the victim chosen is, in this order: a slot forgotten (a quiet
 *    day), a counter the database also holds (throttle.c reads it back
 *    when the key comes again, so pushing it out erases nothing), a
 *    counter that is not waiting (the one with the fewest failures, the
 *    quietest among equals), and only then the quietest waiting one; an
 *    attacker's one-failure keys therefore push out each other long
 *    before a counter in back-off, or one that had many failures;
 *  - the counter that matters most, an account's past its free failures,
 *    is in the database (throttle.c), so what an attacker can erase
 *    cheaply is at most a key's free failures, which it could have had
 *    from another address anyway.
 *
 * The price: a full table of waiting keys loses its quietest waiting key
 * to each new one, and a below-threshold count can be erased by filling
 * the table (BO_SLOTS keys, each one costing the attacker a failed
 * attempt through nginx's limits).
 */
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "extern.h"
#include "banned.h"

#define BO_SLOTS	16384	/* keys a host keeps */
#define BO_PROBE	16	/* slots looked at for one key */
#define BO_MAX		900	/* seconds: the longest wait */
#define BO_FORGET	86400	/* seconds without failures: forgotten */

struct boent {
	unsigned char	 key[33];	/* kind, SHA-256; key[0] == 0: free */
	unsigned char	 durable;	/* the database holds it too */
	long long	 failures;
	long long	 last;		/* ms: the last failure */
	long long	 until;		/* ms: may try again from then */
	long long	 refused;	/* attempts refused while it waits */
};

struct botable {
	pthread_mutex_t	 mu;
	unsigned char	 seed[32];	/* the slots' secret */
	struct boent	 e[BO_SLOTS];
};

static struct botable	*tab;	/* NULL: no table (primoforumctl) */

/*
 * Maps the table, in the supervisor before it forks (a worker of its
 * own would count alone).  Returns 0, or -1 (logged).
 */
int
backoff_create(void)
{
	tab = mmap(NULL, sizeof(*tab), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (tab == MAP_FAILED) {
		tab = NULL;
		log_warn("back-off table: mmap");
		return -1;
	}
	memset(tab, 0, sizeof(*tab));
	if (random_bytes(tab->seed, sizeof(tab->seed)) == -1 ||
	    shm_mutex_init(&tab->mu) == -1) {
		log_warnx("back-off table: seed or mutex");
		goto fail;
	}
	return 0;
fail:
	munmap(tab, sizeof(*tab));
	tab = NULL;
	return -1;
}

static void
lock(void)
{
	if (pthread_mutex_lock(&tab->mu) == EOWNERDEAD) {
		/* A worker died inside: what it was writing is unknown. */
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
 * The wait, in seconds, of a key at its failure number f with freebies
 * free ones: 0 before, then 1, 2, 4, ... BO_MAX.
 */
long long
backoff_wait(long long f, long long freebies)
{
	if (f < freebies)
		return 0;
	if (f - freebies >= 10)
		return BO_MAX;
	return (1LL << (f - freebies)) > BO_MAX ? BO_MAX :
	    1LL << (f - freebies);
}

/*
 * The restart rule: returns 1 if the counter of kind at f failures (of
 * freebies free ones) must outlive a restart and be seen by the other
 * worker hosts, so be written to the database.  Only an email's ("e")
 * counter once it is past its free failures: that is the one that
 * protects an account against guessing, it changes at most once per
 * wait (during the wait every attempt is refused before any check), and
 * without it a restart, or another host, would give the attacker the
 * free failures and a short wait again.  An address's counter ("a",
 * "j") stays on its host: an attacker has many addresses and a write
 * per address is the very cost this table avoids; a restart gives one
 * address its free failures back, which nginx's per-address limit
 * bounds anyway.
 */
int
backoff_durable(int kind, long long f, long long freebies)
{
	/* A device cookie's ("d", guard.c) stands in for its email's. */
	return (kind == 'e' || kind == 'd') && f >= freebies;
}

/* Returns 1 if e, at now (ms), is forgotten: a day without failures. */
static int
stale(const struct boent *e, long long now)
{
	return now - e->last > BO_FORGET * 1000LL;
}

/*
 * How much a slot is worth keeping, for eviction: the lowest goes.
 * Called locked.
 */
static int
worth(const struct boent *e, long long now)
{
	if (e->key[0] == 0)
		return 0;
	if (stale(e, now))
		return 1;
	if (e->durable)
		return 2;
	if (e->until <= now)
		return 3;
	return 4;
}

/*
 * Returns 1 if slot a should go before slot b (of worth wa and wb):
 * the lower worth; among counters not waiting the fewer failures (an
 * attacker's one-failure keys push out each other before a key that had
 * many); then the quietest.
 */
static int
before(const struct boent *a, int wa, const struct boent *b, int wb)
{
	if (wa != wb)
		return wa < wb;
	if (wa == 3 && a->failures != b->failures)
		return a->failures < b->failures;
	return wa > 0 && a->last < b->last;
}

/*
 * The slot of (kind, h), or with create a new one: a free slot, else the
 * one that should go first (before()).  Called locked.  A new slot is
 * all zeros but its key: the caller sets the rest.  Returns NULL if not
 * found and not created.
 */
static struct boent *
find(int kind, const unsigned char h[32], long long now, int create)
{
	struct boent	*e, *pick = NULL;
	unsigned char	 msg[32 + 33], d[32], key[33];
	size_t		 i, start;
	int		 w, pw = 0;

	key[0] = (unsigned char)kind;
	memcpy(key + 1, h, 32);
	memcpy(msg, tab->seed, 32);
	memcpy(msg + 32, key, sizeof(key));
	sha256(msg, sizeof(msg), d);
	start = ((size_t)d[0] << 16 | (size_t)d[1] << 8 | d[2]) % BO_SLOTS;
	for (i = 0; i < BO_PROBE; i++) {
		e = &tab->e[(start + i) % BO_SLOTS];
		if (memcmp(e->key, key, sizeof(key)) == 0)
			return e;
		if (!create)
			continue;
		w = worth(e, now);
		if (pick == NULL || before(e, w, pick, pw)) {
			pick = e;
			pw = w;
		}
	}
	if (pick != NULL) {
		memset(pick, 0, sizeof(*pick));
		memcpy(pick->key, key, sizeof(key));
	}
	return pick;
}

/* Fills b from e at now.  Called locked. */
static void
fill(const struct boent *e, long long now, struct backoff *b)
{
	memset(b, 0, sizeof(*b));
	if (e == NULL || stale(e, now))
		return;
	b->failures = e->failures;
	b->wait = e->until > now ? (e->until - now + 999) / 1000 : 0;
	b->quiet = (now - e->last) / 1000;
	b->durable = e->durable;
}

/*
 * Reads the counter of (kind, h) at now (ms) into b (zeros when not
 * known).  Returns 1 if the table knows the key, 0 if not, -1 if there
 * is no table.
 */
int
backoff_get(int kind, const unsigned char h[32], long long now,
    struct backoff *b)
{
	struct boent	*e;

	memset(b, 0, sizeof(*b));
	if (tab == NULL)
		return -1;
	lock();
	e = find(kind, h, now, 0);
	if (e != NULL && stale(e, now))
		e = NULL;
	fill(e, now, b);
	unlock();
	return e != NULL;
}

/*
 * Counts one more failure of (kind, h) at now; past freebies it must
 * wait (backoff_wait()).  The result is in b.  Returns the new number
 * of failures, or -1 if there is no table.
 */
long long
backoff_fail(int kind, const unsigned char h[32], long long freebies,
    long long now, struct backoff *b)
{
	struct boent	*e;
	long long	 f = -1;

	memset(b, 0, sizeof(*b));
	if (tab == NULL)
		return -1;
	lock();
	if ((e = find(kind, h, now, 1)) != NULL) {
		if (stale(e, now))
			e->failures = e->refused = e->durable = 0;
		f = ++e->failures;
		e->last = now;
		/* Never shorter than a wait another host had set. */
		if (now + backoff_wait(f, freebies) * 1000 > e->until)
			e->until = now + backoff_wait(f, freebies) * 1000;
		e->refused = 0;
		if (backoff_durable(kind, f, freebies))
			e->durable = 1;
		fill(e, now, b);
	}
	unlock();
	return f;
}

/*
 * Takes what the database holds of (kind, h): failures, the wait left
 * and the seconds since the last failure, as read at now.  The larger
 * count and the later end of the wait win, so that what another host
 * or an earlier run counted is not lost.  The result is in b.
 */
void
backoff_merge(int kind, const unsigned char h[32], long long failures,
    long long wait, long long quiet, long long now, struct backoff *b)
{
	struct boent	*e;

	memset(b, 0, sizeof(*b));
	if (tab == NULL || quiet > BO_FORGET)
		return;
	lock();
	if ((e = find(kind, h, now, 1)) != NULL) {
		if (stale(e, now))
			e->failures = e->refused = 0;
		if (failures > e->failures)
			e->failures = failures;
		if (now + wait * 1000 > e->until)
			e->until = now + wait * 1000;
		if (now - quiet * 1000 > e->last)
			e->last = now - quiet * 1000;
		e->durable = 1;
		fill(e, now, b);
	}
	unlock();
}

/*
 * Counts an attempt refused while (kind, h) waits.  Returns how many
 * were refused since its last failure (1 for the first), or 0.
 */
long long
backoff_refused(int kind, const unsigned char h[32], long long now)
{
	struct boent	*e;
	long long	 n = 0;

	if (tab == NULL)
		return 0;
	lock();
	if ((e = find(kind, h, now, 0)) != NULL && !stale(e, now))
		n = ++e->refused;
	unlock();
	return n;
}

/* Forgets (kind, h) (after a success). */
void
backoff_clear(int kind, const unsigned char h[32])
{
	struct boent	*e;

	if (tab == NULL)
		return;
	lock();
	if ((e = find(kind, h, 0, 0)) != NULL)
		memset(e, 0, sizeof(*e));
	unlock();
}
