/* SPDX-License-Identifier: ISC */
/*
 * pollcache.c: the participants' polls of an unchanged session, answered
 * without the database.
 *
 * Thousands of participants poll their state every two seconds, and
 * nearly always nothing changed: the answer is a 304.  A database round
 * trip for each of them halved what a worker host serves
 * (shared/PERFORMANCE.md), so an unchanged poll is answered from memory
 * when two things hold:
 *
 *  - the ETag the browser sends was made by a worker for this very token
 *    (it carries the session, the participant, the session's version and
 *    an HMAC of those and the token's hash), so it is proof that the
 *    token was good for that session at that version; and
 *  - this host's table of running sessions says the session still runs
 *    at that version.
 *
 * Anything else (no ETag, a MAC that does not match, a session not in
 * the table or changed) takes the database path, which also refreshes
 * the table.  A 304 carries nothing: no poll answered from memory reveals
 * data, and every write (answers, ideas) still goes to the database,
 * which refuses a stopped session's tokens.
 *
 * The table is memory shared by the workers of one host, mapped by the
 * supervisor before it forks, under one robust process-shared mutex (a
 * worker that dies holding it costs the table, which is rebuilt, not the
 * host).  It is kept honest by the writers: every statement that changes
 * what a participant's poll sees is marked in db.c's stmts[] with the
 * parameter that names its session, and db.c calls
 * pollcache_change_begin() before it runs and pollcache_change_end()
 * when its transaction ends.  An entry is trusted only while no change
 * of its session is in flight and its generation is still the one read
 * before the query that filled it, so from the commit of a stop on, no
 * poll on this host is answered from memory.  Changes made on another
 * worker host are seen within poll_cache_ms, the age after which an
 * entry is refreshed from the database; 0 turns the cache off.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "extern.h"
#include "banned.h"

#define PC_SLOTS	4096	/* sessions a host keeps; more just miss */
#define PC_PROBE	8	/* slots looked at for one session */
#define MAC_LEN		8	/* bytes of the HMAC in an ETag */

struct pcent {
	long long		 session;	/* 0: free */
	long long		 version;	/* the database's, if valid */
	unsigned long long	 gen;		/* renewed as a change ends */
	long long		 checked;	/* ms (monotonic) of it */
	int			 busy;		/* changes in flight */
	int			 valid;		/* stored since gen was given */
};

struct pctable {
	pthread_mutex_t		 mu;
	unsigned long long	 clock;		/* the last generation given */
	struct pcent		 e[PC_SLOTS];
};

static struct pctable	*tab;		/* NULL: no cache (primoforumctl) */
static long long	 ttl;		/* poll_cache_ms */
/*
 * The ETags' HMAC-SHA256, with the key's inner and outer blocks hashed
 * once (RFC 2104): OpenSSL 3's one-shot HMAC() looks the algorithms up
 * on every call, which callgrind found to be most of a poll's cost in a
 * worker.  The key itself is not kept.
 */
static EVP_MD		*md;
static EVP_MD_CTX	*inner, *outer, *work;

static int	mac_init(const unsigned char[32]);

/*
 * Maps the table and sets the ETag key, in the supervisor before it
 * forks.  The key is derived from the totp_key secret when there is one,
 * so that every worker host makes the same ETags; otherwise it is random
 * (one host).  Returns 0, or -1 (logged).
 */
int
pollcache_create(const struct config *cfg)
{
	const char		*k = cfg->secret[SECRET_TOTP_KEY];
	static const char	 label[] = "primoforum poll etag 1";
	unsigned char		 key[32];
	unsigned int		 len = sizeof(key);
	int			 rc;

	if (k != NULL)
		rc = HMAC(EVP_sha256(), k, (int)strlen(k),
		    (const unsigned char *)label, sizeof(label) - 1, key,
		    &len) == NULL ? -1 : 0;
	else
		rc = random_bytes(key, sizeof(key));
	if (rc == 0)
		rc = mac_init(key);
	OPENSSL_cleanse(key, sizeof(key));
	if (rc == -1) {
		log_warnx("poll cache: cannot set up the ETags' HMAC-SHA256");
		return -1;
	}
	if ((ttl = cfg->num[CFG_POLL_CACHE_MS]) == 0)
		return 0;
	tab = mmap(NULL, sizeof(*tab), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (tab == MAP_FAILED) {
		tab = NULL;
		log_warn("poll cache: mmap");
		return -1;
	}
	memset(tab, 0, sizeof(*tab));
	if (shm_mutex_init(&tab->mu) == -1) {
		log_warnx("poll cache: mutex");
		munmap(tab, sizeof(*tab));
		tab = NULL;
		return -1;
	}
	return 0;
}

static void
lock(void)
{
	if (pthread_mutex_lock(&tab->mu) == EOWNERDEAD) {
		/* A worker died inside: what it was writing is unknown. */
		memset(tab->e, 0, sizeof(tab->e));
		tab->clock++;
		pthread_mutex_consistent(&tab->mu);
	}
}

static void
unlock(void)
{
	pthread_mutex_unlock(&tab->mu);
}

/*
 * The entry of session s, or with create a new one (a free slot, else
 * the one checked longest ago that no change holds).  Called locked.
 */
static struct pcent *
find(long long s, int create)
{
	struct pcent	*e, *pick = NULL;
	size_t		 h, i;

	h = (size_t)(((unsigned long long)s * 0x9E3779B97F4A7C15ULL) >> 52);
	for (i = 0; i < PC_PROBE; i++) {
		e = &tab->e[(h + i) % PC_SLOTS];
		if (e->session == s)
			return e;
		if (!create)
			continue;
		if (e->session == 0) {
			if (pick == NULL || pick->session != 0)
				pick = e;
		} else if (e->busy == 0 && (pick == NULL ||
		    (pick->session != 0 && e->checked < pick->checked)))
			pick = e;
	}
	if (pick != NULL) {
		memset(pick, 0, sizeof(*pick));
		pick->session = s;
		/* From the table's clock: a reused slot never repeats one. */
		pick->gen = ++tab->clock;
	}
	return pick;
}

/* A change of session s is about to be made: its entry is not trusted. */
void
pollcache_change_begin(long long s)
{
	struct pcent	*e;

	if (tab == NULL)
		return;
	lock();
	if ((e = find(s, 1)) != NULL)
		e->busy++;
	unlock();
}

/* The change's transaction ended (committed or not). */
void
pollcache_change_end(long long s)
{
	struct pcent	*e;

	if (tab == NULL)
		return;
	lock();
	if ((e = find(s, 0)) != NULL) {
		if (e->busy > 0)
			e->busy--;
		e->gen = ++tab->clock;
		e->valid = 0;
	}
	unlock();
}

/*
 * Before the database path reads session s: returns the generation to
 * hand to pollcache_store() with what the query found, or 0 if nothing
 * may be stored (no table, no slot, a change in flight).
 */
unsigned long long
pollcache_snapshot(long long s)
{
	struct pcent		*e;
	unsigned long long	 g = 0;

	if (tab == NULL)
		return 0;
	lock();
	if ((e = find(s, 1)) != NULL && e->busy == 0)
		g = e->gen;	/* never 0 */
	unlock();
	return g;
}

/* Session s runs at version v, as read after pollcache_snapshot() = g. */
void
pollcache_store(long long s, unsigned long long g, long long v)
{
	struct pcent	*e;

	if (tab == NULL || g == 0)
		return;
	lock();
	if ((e = find(s, 0)) != NULL && e->busy == 0 && e->gen == g) {
		e->version = v;
		e->checked = mono_ms();
		e->valid = 1;
	}
	unlock();
}

/* Returns 1 if session s is known to run at version v, now. */
static int
fresh(long long s, long long v)
{
	struct pcent	*e;
	int		 ok = 0;

	lock();
	if ((e = find(s, 0)) != NULL && e->valid && e->busy == 0 &&
	    e->version == v && mono_ms() - e->checked < ttl)
		ok = 1;
	unlock();
	return ok;
}

/* Starts ctx with the key XORed into a block of pad bytes. */
static int
pad_hash(EVP_MD_CTX *ctx, const unsigned char key[32], unsigned char pad)
{
	unsigned char	 block[64];
	size_t		 i;
	int		 rc;

	memset(block, pad, sizeof(block));
	for (i = 0; i < 32; i++)
		block[i] ^= key[i];
	rc = EVP_DigestInit_ex(ctx, md, NULL) == 1 &&
	    EVP_DigestUpdate(ctx, block, sizeof(block)) == 1 ? 0 : -1;
	OPENSSL_cleanse(block, sizeof(block));
	return rc;
}

/* Hashes the key's inner and outer pads once.  Returns 0 or -1. */
static int
mac_init(const unsigned char key[32])
{
	if ((md = EVP_MD_fetch(NULL, "SHA256", NULL)) == NULL ||
	    (inner = EVP_MD_CTX_new()) == NULL ||
	    (outer = EVP_MD_CTX_new()) == NULL ||
	    (work = EVP_MD_CTX_new()) == NULL ||
	    pad_hash(inner, key, 0x36) == -1 ||
	    pad_hash(outer, key, 0x5c) == -1)
		return -1;
	return 0;
}

/*
 * The ETag's MAC: HMAC-SHA256(key, token hash "s:p:v"), cut short.
 * Returns 0, or -1 (no MAC: the caller treats the ETag as not ours).
 */
static int
mac(const unsigned char h[32], long long s, long long p, long long v,
    unsigned char out[MAC_LEN])
{
	unsigned char	 msg[32 + 64], d[32];
	unsigned int	 dlen = sizeof(d);
	int		 n;

	memcpy(msg, h, 32);
	n = snprintf((char *)msg + 32, sizeof(msg) - 32, "%lld:%lld:%lld", s,
	    p, v);
	/* Three numbers fit in 64 bytes; if not, no MAC rather than a short one. */
	if (n < 0 || (size_t)n >= sizeof(msg) - 32)
		return -1;
	if (inner == NULL || EVP_MD_CTX_copy_ex(work, inner) != 1 ||
	    EVP_DigestUpdate(work, msg, 32 + (size_t)n) != 1 ||
	    EVP_DigestFinal_ex(work, d, &dlen) != 1 ||
	    EVP_MD_CTX_copy_ex(work, outer) != 1 ||
	    EVP_DigestUpdate(work, d, sizeof(d)) != 1 ||
	    EVP_DigestFinal_ex(work, d, &dlen) != 1)
		return -1;
	memcpy(out, d, MAC_LEN);
	return 0;
}

/*
 * Writes the ETag of participant p of session s at version v for the
 * token whose SHA-256 is h: "s<s>p<p>v<v>m<MAC in hex>", quoted.
 */
void
pollcache_etag(char *buf, size_t sz, const unsigned char h[32], long long s,
    long long p, long long v)
{
	unsigned char	 m[MAC_LEN];
	char		 hex[2 * MAC_LEN + 1];

	/* Without a MAC: an ETag the fast path refuses (never a 304 from memory). */
	if (mac(h, s, p, v, m) == -1)
		memset(m, 0, sizeof(m));
	hex_encode(m, sizeof(m), hex);
	/* An ETag cut short would never match: then none at all. */
	if (strfmt(buf, sz, "\"s%lldp%lldv%lldm%s\"", s, p, v, hex) == -1)
		buf[0] = '\0';
}

/* Reads the digits at *pp after the letter c.  Returns 0 or -1. */
static int
tag_num(const char **pp, int c, long long *out)
{
	const char	*p = *pp, *start;

	if (*p++ != c)
		return -1;
	start = p;
	while (*p >= '0' && *p <= '9')
		p++;
	if (parse_int(start, (size_t)(p - start), 1, INT64_MAX, out) == -1)
		return -1;
	*pp = p;
	return 0;
}

/*
 * The fast path: returns 1 if the If-None-Match inm is this token's
 * (hash h) ETag of a session that runs unchanged, so that the poll is a
 * 304 without the database.  *session is set when the ETag is this
 * token's, whatever the answer, so that the database path can refresh
 * the table.
 */
int
pollcache_unchanged(const char *inm, const unsigned char h[32],
    long long *session)
{
	unsigned char	 want[MAC_LEN], got[MAC_LEN];
	long long	 s, p, v;
	size_t		 i;
	int		 hi, lo;

	*session = 0;
	if (tab == NULL || inm == NULL)
		return 0;
	if (strncmp(inm, "W/", 2) == 0)
		inm += 2;
	if (*inm++ != '"' || tag_num(&inm, 's', &s) == -1 ||
	    tag_num(&inm, 'p', &p) == -1 || tag_num(&inm, 'v', &v) == -1 ||
	    *inm++ != 'm')
		return 0;
	for (i = 0; i < MAC_LEN; i++) {
		if ((hi = hexdigit(inm[2 * i])) < 0 ||
		    (lo = hexdigit(inm[2 * i + 1])) < 0)
			return 0;
		got[i] = (unsigned char)(hi << 4 | lo);
	}
	if (inm[2 * MAC_LEN] != '"')
		return 0;
	if (mac(h, s, p, v, want) == -1 ||
	    CRYPTO_memcmp(want, got, MAC_LEN) != 0)
		return 0;
	*session = s;
	return fresh(s, v);
}
