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
 * same work (a verify against a dummy hash).  The back-off in front of
 * the check, and the device cookie a login sets, are guard.c's.  A login
 * ends the one this browser's cookie held before (login.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "extern.h"
#include "banned.h"

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
	struct guard	 g;
	struct why	 why = { NULL, "", 0 };
	struct acct	 a;
	char		 email[256], hash[AUTH_ENCODED_MAX];
	char		 device[GUARD_DEVICE_LEN + 1];
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
	if ((o = guard_begin(r, email, "login", 0, &g, &why)) != OUT_OK)
		return resp_outcome(r, o, &why);

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
		guard_fail(r, &g);
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
			guard_fail(r, &g);
			audit(r, "login", k.id, "second_factor", "failed");
			rc = resp_error(r, 401, "invalid_code",
			    "the code is not correct, or was used already");
			goto out;
		}
	}
	guard_pass(r, &g);
	/* Stronger settings since this hash was made: upgrade it now. */
	if (auth_needs_rehash(k.hash) && auth_hash(pw, pwlen, hash) == AUTH_OK) {
		if (acct_password_set(r->db, k.id, hash) == OUT_OK)
			audit(r, "password_rehashed", k.id, NULL, "ok");
		OPENSSL_cleanse(hash, sizeof(hash));
	}
	if ((rc = resp_login_start(r, k.id)) != 0)
		goto out;
	/* A new device cookie at each login, as OWASP's scheme has it. */
	if (guard_device_new(r, &g, device) == 0)
		resp_device_cookie(r, device);
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
