/* SPDX-License-Identifier: ISC */
/*
 * api_login.c: logging in and out, the account's list of logins (OWASP
 * ASVS 5.0 6.3, 7), and the guard that authenticates a request from its
 * login cookie (route.c runs login_authenticate() before every route of
 * an account).  The logins themselves are login.c's, the accounts
 * account.c's, the second factor totp.c's.
 *
 *	POST   /api/login			email, password (+ code)
 *	POST   /api/logout			end this login
 *	GET    /api/account/logins		this account's browsers
 *	DELETE /api/account/logins/{id}		end one of them
 *
 * An unknown email and a wrong password get the same answer after the
 * same work (a verify against a dummy hash).  Failures are counted per
 * email (hashed, whether or not the account exists, so the throttle
 * reveals nothing) and per address; past a threshold each key waits
 * 2^k seconds, at most 15 minutes, then may try again: a back-off, never
 * a lockout that an attacker could use to keep a facilitator out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "extern.h"
#include "banned.h"

#define EMAIL_FREE	5	/* failures per email before back-off */
#define ADDR_FREE	20	/* failures per address before back-off */

/*
 * Finds the login of the request's cookie and fills r->auth.
 * Returns 1 if logged in, 0 if not (the response is then a 401, and an
 * ended login's cookie is cleared), or -1 with a 503 set when the
 * database is down.
 */
int
login_authenticate(struct request *r)
{
	const struct kv	*ck;
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;

	ck = kvlist_get(&r->cookies, LOGIN_COOKIE);
	if (ck == NULL || ck->vallen != 64) {
		resp_error(r, 401, "login_required", "log in first");
		return 0;
	}
	o = login_find(r->db, r->cfg, ck->val, ck->vallen, &r->auth, &why);
	if (o == OUT_DB_DOWN) {
		r->resp.retry_after = 5;
		resp_error(r, 503, "database_unavailable",
		    "the database is not reachable");
		return -1;
	}
	if (o != OUT_OK) {
		resp_login_cookie_clear(r);
		resp_outcome(r, o, &why);
		return 0;
	}
	return 1;
}

/* Counts a failed attempt against both keys of a login. */
static void
login_failed(struct request *r, const unsigned char *ekey,
    const unsigned char *akey)
{
	(void)throttle_fail(r->db, "e", ekey, EMAIL_FREE);
	(void)throttle_fail(r->db, "a", akey, ADDR_FREE);
}

/*
 * Audits an attempt refused while a key waits, in aggregate: the first
 * refusal of a wait and the 10th, 100th, ...; a row per refusal would be
 * the database write per attempt that the back-off in memory avoids.
 */
static void
login_refused(struct request *r, const char *kind, const unsigned char *key)
{
	long long	 n;
	char		 target[48];

	n = throttle_refused(kind, key);
	if (n == 1 || n == 10 || n == 100 || n == 1000 || n == 10000 ||
	    n == 100000) {
		xsnprintf(target, sizeof(target), "refused logins: %lld", n);
		audit(r, "login", 0, target, "throttled");
	}
}

static const struct field login_fields[] = {
	{ "email", FT_STRING, 1, 1, 254 },
	{ "password", FT_SECRET, 1, 1, 4096 },
	{ "code", FT_STRING, 0, 0, 32 },
};

/* POST /api/login: 200 with the account and a new login's cookie. */
int
api_login(struct request *r)
{
	struct acctkey	 k;
	struct throttle	 te, ta;
	struct acct	 a;
	unsigned char	 ekey[32], akey[32];
	char		 email[256], hash[AUTH_ENCODED_MAX];
	const char	*s, *pw, *code;
	size_t		 len, pwlen;
	enum outcome	 o;
	int		 rc, vrc, n, found;

	memset(&k, 0, sizeof(k));
	memset(&a, 0, sizeof(a));
	if ((rc = fields_check(r, login_fields,
	    sizeof(login_fields) / sizeof(login_fields[0]))) != 0)
		return rc;
	s = field_str(r, "email", &len);
	pw = field_str(r, "password", &pwlen);
	code = field_str(r, "code", NULL);
	/* Not an address: the text itself is the throttle's key. */
	if (email_normalize(s, len, email, sizeof(email)) == -1) {
		n = snprintf(email, sizeof(email), "%.*s", (int)len, s);
		if (n < 0 || (size_t)n >= sizeof(email))
			utf8_trim(email);
	}
	sha256(email, strlen(email), ekey);
	sha256(r->remote_addr != NULL ? r->remote_addr : "-",
	    r->remote_addr != NULL ? strlen(r->remote_addr) : 1, akey);

	if (throttle_get(r->db, "e", ekey, &te) == -1 ||
	    throttle_get(r->db, "a", akey, &ta) == -1)
		return db_unavailable(r);
	if (te.wait > 0 || ta.wait > 0) {
		login_refused(r, te.wait >= ta.wait ? "e" : "a",
		    te.wait >= ta.wait ? ekey : akey);
		return throttle_answer(r, te.wait > ta.wait ? te.wait : ta.wait);
	}

	if ((o = acct_by_email(r->db, email, &k)) == OUT_DB_DOWN)
		return db_unavailable(r);
	found = o == OUT_OK;
	vrc = found ? auth_verify(k.hash, pw, pwlen) :
	    auth_dummy_verify(pw, pwlen);
	if (vrc == AUTH_BUSY) {
		rc = busy_answer(r);
		goto out;
	}
	if (vrc == AUTH_TAMPERED)
		log_warnx("rid=%s account %lld: stored hash refused unverified",
		    r->id, k.id);
	if (vrc != AUTH_OK || k.disabled) {
		login_failed(r, ekey, akey);
		audit(r, "login", found ? k.id : 0, NULL, "failed");
		rc = resp_error(r, 401, "invalid_credentials",
		    "the email or the password is not correct");
		goto out;
	}
	/* Staff (admin, auditor: anything but a facilitator) need P9's 2FA. */
	if (strcmp(k.role, "facilitator") != 0 && !k.totp) {
		audit(r, "login", k.id, "admin_without_second_factor",
		    "refused");
		rc = resp_error(r, 403, "second_factor_required",
		    "an admin account needs two-factor; an operator enrols "
		    "it with primoforumctl");
		goto out;
	}
	if (k.totp) {
		if (code == NULL || *code == '\0') {
			rc = resp_error(r, 401, "code_required",
			    "enter the code from your authenticator app");
			goto out;
		}
		if (acct_load(r->db, k.id, &a) != OUT_OK) {
			rc = db_unavailable(r);
			goto out;
		}
		if (totp_check(r, &a, code) != OUT_OK) {
			login_failed(r, ekey, akey);
			audit(r, "login", k.id, "second_factor", "failed");
			rc = resp_error(r, 401, "invalid_code",
			    "the code is not correct, or was used already");
			goto out;
		}
	}
	throttle_clear(r->db, "e", ekey);
	/* Stronger settings since this hash was made: upgrade it now. */
	if (auth_needs_rehash(k.hash) && auth_hash(pw, pwlen, hash) == AUTH_OK) {
		if (acct_password_set(r->db, k.id, hash) == OUT_OK)
			audit(r, "password_rehashed", k.id, NULL, "ok");
		OPENSSL_cleanse(hash, sizeof(hash));
	}
	if ((rc = resp_login_start(r, k.id)) != 0)
		goto out;
	audit(r, "login", k.id, NULL, "ok");
	rc = resp_account(r, 200, k.id);
out:
	acct_release(&a);
	acctkey_release(&k);
	return rc;
}

/* POST /api/logout: this login ends; 204 and the cookie gone. */
int
api_logout(struct request *r)
{
	enum outcome	 o;

	if ((o = login_end(r->db, r->auth.login_id)) != OUT_OK)
		return resp_outcome(r, o, NULL);
	audit(r, "logout", r->auth.account_id, NULL, "ok");
	resp_login_cookie_clear(r);
	r->resp.status = 204;
	return 204;
}

/* GET /api/account/logins: the account's browsers. */
int
api_logins_list(struct request *r)
{
	struct jw	*w;

	w = resp_json(r, 200);
	jw_obj(w);
	jw_key(w, "logins");
	if (logins_write(r->db, r->auth.account_id, r->auth.login_id, w) !=
	    OUT_OK) {
		jw_free(w);
		return db_unavailable(r);
	}
	jw_end(w);
	return resp_done(r, w);
}

/* DELETE /api/account/logins/{id}: one of them ends; 204. */
int
api_login_end(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	char		 target[32];
	enum outcome	 o;
	int		 n;

	o = login_end_own(r->db, r->ids[0], r->auth.account_id, &why);
	if (o != OUT_OK)
		return resp_outcome(r, o, &why);
	n = snprintf(target, sizeof(target), "login:%lld", r->ids[0]);
	audit(r, "login_ended", r->auth.account_id,
	    n > 0 && (size_t)n < sizeof(target) ? target : NULL, "ok");
	if (r->ids[0] == r->auth.login_id)
		resp_login_cookie_clear(r);
	r->resp.status = 204;
	return 204;
}
