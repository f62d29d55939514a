/* SPDX-License-Identifier: ISC */
/*
 * guard.c: the back-off in front of every check of a password or a
 * second-factor code (OWASP ASVS 5.0 6.3.1): logging in, and the routes
 * of a logged-in account that ask for the password or a code again
 * (changing the password, deleting the account, turning two-factor on or
 * off).  Without it a stolen login cookie could guess the password
 * without limit, each guess an argon2 hash of ours.
 *
 * Failures count against the email (hashed: the key is the same whether
 * or not an account has it) and the address (throttle.c: a failure
 * first waits 1 s, then 2, 4, ... at most 15 minutes; never a lockout).
 *
 * Device cookies (OWASP, "Slow down online guessing attacks with device
 * cookies"): a browser that logged in to an email before holds a cookie
 * that names it, signed by the server.  Such a browser is not held back
 * by the email's counter, which strangers can drive up from anywhere;
 * its own failures count against its cookie instead (and its address),
 * so a stolen device cookie is slowed just the same.  So a stranger's
 * guesses slow the stranger, and the owner still logs in from a browser
 * they used before.  The cookie holds a random nonce and an HMAC of the
 * email's hash and the nonce: nothing about the account can be read from
 * it, and it is good only for that email.  Its key is derived from the
 * totp_key secret, so every worker host accepts the others' cookies;
 * without that secret no device cookie is made or taken.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "extern.h"
#include "banned.h"

#define EMAIL_FREE	5	/* failures per email before back-off */
#define ADDR_FREE	20	/* failures per address before back-off */
#define DEVICE_FREE	5	/* failures per device cookie */
#define NONCE_HEX	32	/* a device cookie: nonce "." HMAC, in hex */
#define MAC_HEX		64

/* The key of device cookies; have_key 0: none can be made or taken. */
static unsigned char	 device_key[32];
static int		 have_key = -1;	/* -1: not derived yet */

/* Derives the device cookies' key once.  Returns 1 if there is one. */
static int
key_ready(const struct config *cfg)
{
	static const char	 label[] = "primoforum device cookie 1";
	const char		*k = cfg->secret[SECRET_TOTP_KEY];
	unsigned int		 len = sizeof(device_key);

	if (have_key >= 0)
		return have_key;
	have_key = k != NULL && HMAC(EVP_sha256(), k, (int)strlen(k),
	    (const unsigned char *)label, sizeof(label) - 1, device_key,
	    &len) != NULL;
	return have_key;
}

/* The HMAC of ekey and the nonce [nonce, nonce + NONCE_HEX), in hex. */
static int
device_mac(const struct guard *g, const char *nonce, char out[MAC_HEX + 1])
{
	unsigned char	 msg[32 + NONCE_HEX], mac[32];
	unsigned int	 len = sizeof(mac);

	memcpy(msg, g->ekey, 32);
	memcpy(msg + 32, nonce, NONCE_HEX);
	if (HMAC(EVP_sha256(), device_key, sizeof(device_key), msg,
	    sizeof(msg), mac, &len) == NULL)
		return -1;
	hex_encode(mac, sizeof(mac), out);
	return 0;
}

/*
 * Returns 1 if the request carries a device cookie of g's email (its
 * key into g->dkey), else 0.
 */
static int
device_known(const struct request *r, struct guard *g)
{
	const struct kv	*ck;
	char		 mac[MAC_HEX + 1];
	int		 ok;

	ck = r->device_ck;
	if (ck == NULL || ck->vallen != NONCE_HEX + 1 + MAC_HEX ||
	    ck->val[NONCE_HEX] != '.' || !key_ready(r->cfg) ||
	    device_mac(g, ck->val, mac) == -1)
		return 0;
	ok = CRYPTO_memcmp(mac, ck->val + NONCE_HEX + 1, MAC_HEX) == 0;
	if (ok)
		sha256(ck->val, NONCE_HEX, g->dkey);
	return ok;
}

/*
 * Audits an attempt refused while a key waits, in aggregate: the first
 * refusal of a wait and the 10th, 100th, ...; a row per refusal would be
 * the database write per attempt that the back-off in memory avoids.
 */
static void
refused(struct request *r, const char *action, const char *kind,
    const unsigned char *key, long long account)
{
	long long	 n;
	char		 target[48];

	n = throttle_refused(kind, key);
	if (n == 1 || n == 10 || n == 100 || n == 1000 || n == 10000 ||
	    n == 100000) {
		xsnprintf(target, sizeof(target), "refused attempts: %lld", n);
		audit(r, action, account, target, "throttled");
	}
}

/*
 * Before a password or a code of email is checked for action (the audit
 * trail's word; account: its id, 0 if unknown): fills g, and tells
 * whether the check may go on.  Returns OUT_OK, OUT_THROTTLED (why->wait
 * seconds) or OUT_DB_DOWN.
 */
enum outcome
guard_begin(struct request *r, const char *email, const char *action,
    long long account, struct guard *g, struct why *why)
{
	struct throttle	 t1, t2;
	const char	*k1;
	const unsigned char *h1;

	memset(g, 0, sizeof(*g));
	sha256(email, strlen(email), g->ekey);
	sha256(r->remote_addr != NULL ? r->remote_addr : "-",
	    r->remote_addr != NULL ? strlen(r->remote_addr) : 1, g->akey);
	g->device = device_known(r, g);
	k1 = g->device ? "d" : "e";
	h1 = g->device ? g->dkey : g->ekey;
	if (throttle_get(r->db, k1, h1, &t1) == -1 ||
	    throttle_get(r->db, "a", g->akey, &t2) == -1)
		return OUT_DB_DOWN;
	if (t1.wait <= 0 && t2.wait <= 0)
		return OUT_OK;
	if (t1.wait >= t2.wait)
		refused(r, action, k1, h1, account);
	else
		refused(r, action, "a", g->akey, account);
	why->wait = t1.wait > t2.wait ? t1.wait : t2.wait;
	return OUT_THROTTLED;
}

/* Counts a failed check against g's keys. */
void
guard_fail(struct request *r, const struct guard *g)
{
	if (g->device)
		(void)throttle_fail(r->db, "d", g->dkey, DEVICE_FREE);
	else
		(void)throttle_fail(r->db, "e", g->ekey, EMAIL_FREE);
	(void)throttle_fail(r->db, "a", g->akey, ADDR_FREE);
}

/*
 * A check passed: the failures it was held to are forgotten.  A device
 * cookie's success leaves the email's counter as it is: that one is the
 * strangers', and the owner's logins must not give them fresh tries.
 */
void
guard_pass(struct request *r, const struct guard *g)
{
	if (g->device)
		throttle_clear(r->db, "d", g->dkey);
	else
		throttle_clear(r->db, "e", g->ekey);
}

/*
 * Makes a new device cookie's value for g's email into out (at least
 * GUARD_DEVICE_LEN + 1 bytes), after a login.  Returns 0, or -1 when
 * there is no key (no totp_key secret) or no randomness.
 */
int
guard_device_new(const struct request *r, const struct guard *g, char *out)
{
	unsigned char	 nonce[NONCE_HEX / 2];

	if (!key_ready(r->cfg) || random_bytes(nonce, sizeof(nonce)) == -1)
		return -1;
	hex_encode(nonce, sizeof(nonce), out);
	out[NONCE_HEX] = '.';
	if (device_mac(g, out, out + NONCE_HEX + 1) == -1)
		return -1;
	return 0;
}
