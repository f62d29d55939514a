/*
 * api_login.c: logging in and out, and the account's list of logins
 * (OWASP ASVS 5.0 6.3, 7).
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
#include "db.h"
#include "banned.h"

#define EMAIL_FREE	5	/* failures per email before back-off */
#define ADDR_FREE	20	/* failures per address before back-off */

/* What login needs of an account found by email. */
struct byemail {
	long long	 id, disabled, totp;
	char		*hash;		/* owned */
	int		 admin;
	int		 found;
};

static int
byemail_row(void *arg, const struct dbcol *c, size_t n)
{
	struct byemail	*b = arg;

	if (n != 6 || parse_int(c[0].s, c[0].len, 1, INT64_MAX, &b->id) ||
	    parse_int(c[2].s, c[2].len, 0, 1, &b->disabled) ||
	    parse_int(c[3].s, c[3].len, 0, 1, &b->totp))
		return -1;
	b->hash = xstrndup(c[1].s, c[1].len);
	/* Staff (admin, auditor): anything but a facilitator. */
	b->admin = strcmp(c[4].s, "facilitator") != 0;
	b->found = 1;
	return 0;
}

/*
 * Looks an account up by normalized email.  Returns 1 found, 0 not, -1
 * database down.  Caller frees b->hash.
 */
int
acct_by_email(struct request *r, const char *email, long long *id)
{
	struct byemail	 b;
	struct dbparam	 p[1] = { DBP_STR(email) };
	int		 rc;

	memset(&b, 0, sizeof(b));
	rc = db_exec(r->db, STMT_ACCOUNT_BY_EMAIL, p, 1, byemail_row, &b);
	free(b.hash);
	if (rc < 0)
		return -1;
	*id = b.id;
	return b.found && !b.disabled;
}

static const struct field login_fields[] = {
	{ "email", FT_STRING, 1, 1, 254 },
	{ "password", FT_SECRET, 1, 1, 4096 },
	{ "code", FT_STRING, 0, 0, 32 },
};

int
api_login(struct request *r)
{
	struct byemail	 b;
	struct throttle	 te, ta;
	struct acct	 a;
	struct dbparam	 p[2];
	unsigned char	 ekey[32], akey[32];
	char		 email[256], hash[AUTH_ENCODED_MAX];
	const char	*s, *pw, *code;
	size_t		 len, pwlen;
	int		 rc, vrc;

	memset(&b, 0, sizeof(b));
	memset(&a, 0, sizeof(a));
	if ((rc = fields_check(r, login_fields,
	    sizeof(login_fields) / sizeof(login_fields[0]))) != 0)
		return rc;
	s = field_str(r, "email", &len);
	pw = field_str(r, "password", &pwlen);
	code = field_str(r, "code", NULL);
	if (email_normalize(s, len, email, sizeof(email)) == -1)
		snprintf(email, sizeof(email), "%.*s", (int)len, s);
	sha256(email, strlen(email), ekey);
	sha256(r->remote_addr != NULL ? r->remote_addr : "-",
	    r->remote_addr != NULL ? strlen(r->remote_addr) : 1, akey);

	if (throttle_get(r->db, "e", ekey, &te) == -1 ||
	    throttle_get(r->db, "a", akey, &ta) == -1)
		return db_unavailable(r);
	if (te.wait > 0 || ta.wait > 0) {
		audit(r, "login", 0, NULL, "throttled");
		return throttle_answer(r, te.wait > ta.wait ? te.wait : ta.wait);
	}

	p[0] = (struct dbparam)DBP_STR(email);
	rc = db_exec(r->db, STMT_ACCOUNT_BY_EMAIL, p, 1, byemail_row, &b);
	if (rc < 0)
		return db_unavailable(r);
	vrc = b.found ? auth_verify(b.hash, pw, pwlen) :
	    auth_dummy_verify(pw, pwlen);
	if (vrc == AUTH_BUSY) {
		rc = busy_answer(r);
		goto out;
	}
	if (vrc == AUTH_TAMPERED)
		log_warnx("rid=%s account %lld: stored hash refused unverified",
		    r->id, b.id);
	if (vrc != AUTH_OK || b.disabled) {
		(void)throttle_fail(r->db, "e", ekey, EMAIL_FREE);
		(void)throttle_fail(r->db, "a", akey, ADDR_FREE);
		audit(r, "login", b.found ? b.id : 0, NULL, "failed");
		rc = resp_error(r, 401, "invalid_credentials",
		    "the email or the password is not correct");
		goto out;
	}
	/* Staff log in with a second factor or not at all (P9). */
	if (b.admin && !b.totp) {
		audit(r, "login", b.id, "admin_without_second_factor",
		    "refused");
		rc = resp_error(r, 403, "second_factor_required",
		    "an admin account needs two-factor; an operator enrols "
		    "it with primoforumctl");
		goto out;
	}
	if (b.totp) {
		if (code == NULL || *code == '\0') {
			rc = resp_error(r, 401, "code_required",
			    "enter the code from your authenticator app");
			goto out;
		}
		if (acct_load(r, b.id, &a) != 1) {
			rc = db_unavailable(r);
			goto out;
		}
		if (totp_check(r, a.id, a.secret, a.secretlen, a.last_step,
		    code) != 1) {
			(void)throttle_fail(r->db, "e", ekey, EMAIL_FREE);
			(void)throttle_fail(r->db, "a", akey, ADDR_FREE);
			audit(r, "login", b.id, "second_factor", "failed");
			rc = resp_error(r, 401, "invalid_code",
			    "the code is not correct, or was used already");
			goto out;
		}
	}
	throttle_clear(r->db, "e", ekey);
	/* Stronger settings since this hash was made: upgrade it now. */
	if (auth_needs_rehash(b.hash) && auth_hash(pw, pwlen, hash) == AUTH_OK) {
		p[0] = (struct dbparam)DBP_STR(hash);
		p[1] = (struct dbparam)DBP_INT(b.id);
		(void)db_exec(r->db, STMT_ACCOUNT_SET_PASSWORD, p, 2, NULL,
		    NULL);
		OPENSSL_cleanse(hash, sizeof(hash));
		audit(r, "password_rehashed", b.id, NULL, "ok");
	}
	if ((rc = login_start(r, b.id)) != 0)
		goto out;
	audit(r, "login", b.id, NULL, "ok");
	rc = acct_answer_login(r, b.id);
out:
	acct_release(&a);
	if (b.hash != NULL) {
		OPENSSL_cleanse(b.hash, strlen(b.hash));
		free(b.hash);
	}
	return rc;
}

int
api_logout(struct request *r)
{
	struct dbparam	 p[1] = { DBP_INT(r->auth.login_id) };

	if (db_exec(r->db, STMT_LOGIN_DELETE, p, 1, NULL, NULL) < 0)
		return db_unavailable(r);
	audit(r, "logout", r->auth.account_id, NULL, "ok");
	login_cookie_clear(r);
	r->resp.status = 204;
	return 204;
}

int
api_logins_list(struct request *r)
{
	struct jw	*w;

	w = resp_json(r, 200);
	jw_obj(w);
	jw_key(w, "logins");
	if (logins_write(r, w) == -1) {
		jw_free(w);
		return db_unavailable(r);
	}
	jw_end(w);
	return resp_done(r, w);
}

int
api_login_end(struct request *r)
{
	struct dbparam	 p[2] = { DBP_INT(r->ids[0]),
	    DBP_INT(r->auth.account_id) };
	char		 target[32];
	int		 rc;

	rc = db_exec(r->db, STMT_LOGIN_DELETE_OWN, p, 2, NULL, NULL);
	if (rc < 0)
		return db_unavailable(r);
	/* Another account's login is as absent as one that never was. */
	if (rc == 0)
		return resp_error(r, 404, "not_found", "no such login");
	snprintf(target, sizeof(target), "login:%lld", r->ids[0]);
	audit(r, "login_ended", r->auth.account_id, target, "ok");
	if (r->ids[0] == r->auth.login_id)
		login_cookie_clear(r);
	r->resp.status = 204;
	return 204;
}
