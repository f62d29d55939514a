/* SPDX-License-Identifier: ISC */
/*
 * totp.c: the second factor as data and rules, TOTP (RFC 6238) with
 * recovery codes (OWASP ASVS 5.0 6.5, 6.6).  A domain module: logging in
 * (api_login.c) and the two-factor routes (api_totp.c) call it and turn
 * its outcomes into answers.
 *
 * The secret is stored sealed (AES-256-GCM, totp_key, bound to the
 * account).  A time step is accepted once: the account keeps the last one
 * used and a conditional UPDATE takes the next, so two requests with the
 * same code cannot both pass.  Recovery codes are shown once and stored
 * as SHA-256; each works once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

#define SECRET_LEN	20	/* 160 bits, RFC 4226 section 4 */

/* Recovery codes: uppercase base32, dashes and spaces ignored. */
static void
recovery_normalize(const char *in, char *out, size_t outsz)
{
	size_t	 o = 0;

	for (; *in != '\0' && o + 1 < outsz; in++) {
		if (*in == '-' || *in == ' ')
			continue;
		out[o++] = (*in >= 'a' && *in <= 'z') ? *in - 32 : *in;
	}
	out[o] = '\0';
}

/*
 * The additional data a secret is sealed with: it binds the secret to
 * account id.  Returns 0, or -1 if it does not fit (it always does).
 */
static int
totp_aad(long long id, char *aad, size_t sz)
{
	int	 n;

	n = snprintf(aad, sz, "account:%lld", id);
	return n < 0 || (size_t)n >= sz ? -1 : 0;
}

/*
 * Opens a's sealed secret into key.  Returns its length, or <= 0 if
 * there is none or it does not open.
 */
static int
totp_key(const struct acct *a, unsigned char key[64])
{
	char	 aad[32];

	if (a->secret == NULL || a->secretlen > 64 + 28 ||
	    totp_aad(a->id, aad, sizeof(aad)) == -1)
		return -1;
	return secret_open(a->secret, a->secretlen, aad, key);
}

/*
 * Checks a second-factor code for account a: six digits against the
 * sealed TOTP secret (taking its time step), or else a recovery code
 * (spending it).  Returns OUT_OK if accepted, OUT_DENIED if not, or
 * OUT_DB_DOWN.
 */
enum outcome
totp_check(struct request *r, const struct acct *a, const char *code)
{
	unsigned char	 key[64], h[32];
	char		 norm[40];
	struct dbparam	 p[3];
	long long	 step;
	int		 klen, rc, digits = strlen(code) == 6;
	size_t		 i;

	for (i = 0; digits && i < 6; i++)
		if (code[i] < '0' || code[i] > '9')
			digits = 0;
	if (digits) {
		if ((klen = totp_key(a, key)) <= 0)
			return OUT_DENIED;
		step = totp_verify(key, (size_t)klen, code, a->last_step,
		    time(NULL));
		OPENSSL_cleanse(key, sizeof(key));
		if (step < 0)
			return OUT_DENIED;
		p[0] = (struct dbparam)DBP_INT(step);
		p[1] = (struct dbparam)DBP_INT(a->id);
		p[2] = (struct dbparam)DBP_INT(step);
		rc = db_exec(r->db, STMT_ACCOUNT_TOTP_STEP, p, 3, NULL, NULL);
		return rc < 0 ? OUT_DB_DOWN : rc == 1 ? OUT_OK : OUT_DENIED;
	}
	recovery_normalize(code, norm, sizeof(norm));
	sha256(norm, strlen(norm), h);
	p[0] = (struct dbparam)DBP_INT(a->id);
	p[1] = (struct dbparam)DBP_BLOB(h, sizeof(h));
	rc = db_exec(r->db, STMT_RECOVERY_USE, p, 2, NULL, NULL);
	if (rc == 1)
		audit(r, "recovery_code_used", a->id, NULL, "ok");
	return rc < 0 ? OUT_DB_DOWN : rc == 1 ? OUT_OK : OUT_DENIED;
}

/*
 * A new secret for account id, stored sealed and waiting (disabled)
 * until a code confirms it; its base32 form into b32 for the person's
 * app (the caller wipes it).  Returns OUT_OK, OUT_ERROR or OUT_DB_DOWN.
 */
enum outcome
totp_setup(struct request *r, long long id, char b32[40], struct why *why)
{
	unsigned char	 key[SECRET_LEN], sealed[SECRET_LEN + 28];
	char		 aad[32];
	struct dbparam	 p[2];
	int		 n;

	if (totp_aad(id, aad, sizeof(aad)) == -1 ||
	    random_bytes(key, sizeof(key)) == -1 ||
	    (n = secret_seal(key, sizeof(key), aad, sealed)) < 0) {
		OPENSSL_cleanse(key, sizeof(key));
		why_set(why, "internal_error", "no secret could be made");
		return OUT_ERROR;
	}
	base32_encode(key, sizeof(key), b32);
	OPENSSL_cleanse(key, sizeof(key));
	p[0] = (struct dbparam)DBP_BLOB(sealed, (size_t)n);
	p[1] = (struct dbparam)DBP_INT(id);
	if (db_exec(r->db, STMT_ACCOUNT_SET_TOTP_SECRET, p, 2, NULL, NULL) < 0)
		return OUT_DB_DOWN;
	return OUT_OK;
}

/*
 * Turns two-factor on for a with the first code from the person's app,
 * and makes the recovery codes (into codes, shown once; the caller wipes
 * them).  One transaction.  Returns OUT_OK, OUT_CONFLICT
 * (already_enabled, setup_required), OUT_INVALID (invalid_code),
 * OUT_THROTTLED (guard.c) or
 * OUT_DB_DOWN.
 */
enum outcome
totp_enable(struct request *r, const struct acct *a, const char *code,
    char codes[TOTP_NRECOVERY][12], struct why *why)
{
	struct dbparam	 p[2];
	struct guard	 g;
	unsigned char	 key[64], raw[8], h[32];
	char		 b32[16];
	long long	 step;
	enum outcome	 o;
	int		 klen, i, n;

	if (a->totp_enabled) {
		why_set(why, "already_enabled", "two-factor is already on");
		return OUT_CONFLICT;
	}
	if ((o = guard_begin(r, a->email, "totp_enable", a->id, &g,
	    why)) != OUT_OK)
		return o;
	if ((klen = totp_key(a, key)) <= 0) {
		why_set(why, "setup_required", "start the set-up first");
		return OUT_CONFLICT;
	}
	step = totp_verify(key, (size_t)klen, code, a->last_step, time(NULL));
	OPENSSL_cleanse(key, sizeof(key));
	if (step < 0) {
		guard_fail(r, &g);
		audit(r, "totp_enable", a->id, NULL, "failed");
		why_set(why, "invalid_code", "the code does not match; check "
		    "the time on your phone");
		return OUT_INVALID;
	}
	if (db_begin(r->db) != 0)
		return OUT_DB_DOWN;
	p[0] = (struct dbparam)DBP_INT(a->id);
	if (db_exec(r->db, STMT_RECOVERY_DELETE, p, 1, NULL, NULL) < 0)
		goto down;
	for (i = 0; i < TOTP_NRECOVERY; i++) {
		if (random_bytes(raw, 7) == -1)
			goto down;
		base32_encode(raw, 7, b32);		/* 12 chars, 56 bits */
		n = snprintf(codes[i], sizeof(codes[i]), "%.5s-%.5s", b32,
		    b32 + 5);
		if (n < 0 || (size_t)n >= sizeof(codes[i]))
			goto down;
		sha256(b32, 10, h);
		p[1] = (struct dbparam)DBP_BLOB(h, sizeof(h));
		if (db_exec(r->db, STMT_RECOVERY_INSERT, p, 2, NULL, NULL) != 1)
			goto down;
	}
	OPENSSL_cleanse(b32, sizeof(b32));
	p[0] = (struct dbparam)DBP_INT(step);
	p[1] = (struct dbparam)DBP_INT(a->id);
	if (db_exec(r->db, STMT_ACCOUNT_TOTP_ENABLE, p, 2, NULL, NULL) != 1 ||
	    db_commit(r->db) != 0)
		goto down;
	audit(r, "totp_enabled", a->id, NULL, "ok");
	return OUT_OK;
down:
	db_rollback(r->db);
	OPENSSL_cleanse(codes, sizeof(char[TOTP_NRECOVERY][12]));
	return OUT_DB_DOWN;
}

/*
 * Turns two-factor off for a, with its password and a code.  Staff keep
 * it on.  Returns OUT_OK, OUT_CONFLICT (not_enabled), OUT_DENIED
 * (second_factor_required, wrong_password, invalid_code), OUT_BUSY or
 * OUT_DB_DOWN.
 */
enum outcome
totp_disable(struct request *r, const struct acct *a, const char *pw,
    size_t pwlen, const char *code, struct why *why)
{
	struct dbparam	 p[1];
	struct guard	 g;
	enum outcome	 o;
	int		 rc;

	if (!a->totp_enabled) {
		why_set(why, "not_enabled", "two-factor is off");
		return OUT_CONFLICT;
	}
	if (strcmp(a->role, "facilitator") != 0) {
		why_set(why, "second_factor_required",
		    "a staff account (admin, auditor) keeps two-factor on");
		return OUT_DENIED;
	}
	/*
	 * One guard for both: a wrong password or a wrong code counts, and
	 * only both right forget the failures (a right password alone must
	 * not, or the code could be guessed at the pace of the address).
	 */
	if ((o = guard_begin(r, a->email, "totp_disable", a->id, &g,
	    why)) != OUT_OK)
		return o;
	if ((rc = auth_verify(a->hash, pw, pwlen)) == AUTH_BUSY)
		return OUT_BUSY;
	if (rc != AUTH_OK) {
		guard_fail(r, &g);
		audit(r, "totp_disable", a->id, NULL, "refused");
		why_set(why, "wrong_password", "the password is not correct");
		return OUT_DENIED;
	}
	if ((o = totp_check(r, a, code)) != OUT_OK) {
		if (o == OUT_DENIED)
			guard_fail(r, &g);
		audit(r, "totp_disable", a->id, NULL, "refused");
		why_set(why, "invalid_code",
		    "the code is not correct, or was used already");
		return o;
	}
	guard_pass(r, &g);
	p[0] = (struct dbparam)DBP_INT(a->id);
	if (db_exec(r->db, STMT_ACCOUNT_TOTP_DISABLE, p, 1, NULL, NULL) < 0 ||
	    db_exec(r->db, STMT_RECOVERY_DELETE, p, 1, NULL, NULL) < 0)
		return OUT_DB_DOWN;
	audit(r, "totp_disabled", a->id, NULL, "ok");
	return OUT_OK;
}
