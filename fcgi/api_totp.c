/*
 * api_totp.c: the second factor, TOTP (RFC 6238) with recovery codes
 * (OWASP ASVS 5.0 6.5, 6.6).
 *
 *	POST /api/account/totp/setup	a new secret, its otpauth URI and QR
 *	POST /api/account/totp/enable	confirm with a code; ten recovery codes
 *	POST /api/account/totp/disable	with the password and a code
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
#define NRECOVERY	10

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
 * Checks a second-factor code for account id: six digits against the
 * sealed TOTP secret (taking its time step), or else a recovery code
 * (spending it).  Returns 1 if accepted, 0 if not, -1 if the database is
 * down.
 */
int
totp_check(struct request *r, long long id, const unsigned char *sealed,
    size_t sealedlen, long long last, const char *code)
{
	unsigned char	 key[64], h[32];
	char		 aad[32], norm[40];
	struct dbparam	 p[3];
	long long	 step;
	int		 klen, rc, digits = strlen(code) == 6;
	size_t		 i;

	for (i = 0; digits && i < 6; i++)
		if (code[i] < '0' || code[i] > '9')
			digits = 0;
	if (digits) {
		if (sealed == NULL || sealedlen > sizeof(key) + 28)
			return 0;
		snprintf(aad, sizeof(aad), "account:%lld", id);
		if ((klen = secret_open(sealed, sealedlen, aad, key)) <= 0)
			return 0;
		step = totp_verify(key, (size_t)klen, code, last, time(NULL));
		OPENSSL_cleanse(key, sizeof(key));
		if (step < 0)
			return 0;
		p[0] = (struct dbparam)DBP_INT(step);
		p[1] = (struct dbparam)DBP_INT(id);
		p[2] = (struct dbparam)DBP_INT(step);
		rc = db_exec(r->db, STMT_ACCOUNT_TOTP_STEP, p, 3, NULL, NULL);
		return rc < 0 ? -1 : rc == 1;
	}
	recovery_normalize(code, norm, sizeof(norm));
	sha256(norm, strlen(norm), h);
	p[0] = (struct dbparam)DBP_INT(id);
	p[1] = (struct dbparam)DBP_BLOB(h, sizeof(h));
	rc = db_exec(r->db, STMT_RECOVERY_USE, p, 2, NULL, NULL);
	if (rc == 1)
		audit(r, "recovery_code_used", id, NULL, "ok");
	return rc < 0 ? -1 : rc == 1;
}

/* Percent-encodes s for an otpauth URI label or parameter. */
static void
uri_escape(struct buf *b, const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	unsigned char		 c;

	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '-' ||
		    c == '_' || c == '@')
			buf_append(b, s, 1);
		else
			buf_appendf(b, "%%%c%c", hex[c >> 4], hex[c & 15]);
	}
}

int
api_totp_setup(struct request *r)
{
	unsigned char	 key[SECRET_LEN], sealed[SECRET_LEN + 28];
	char		 b32[40], aad[32];
	struct dbparam	 p[2];
	struct buf	 uri;
	struct jw	*w;
	char		*svg;
	int		 n, rc;

	if (!totp_available())
		return resp_error(r, 503, "not_configured",
		    "two-factor is not configured on this server (totp_key)");
	if (r->auth.totp_enabled)
		return resp_error(r, 409, "already_enabled",
		    "two-factor is already on; turn it off first");
	snprintf(aad, sizeof(aad), "account:%lld", r->auth.account_id);
	if (random_bytes(key, sizeof(key)) == -1 ||
	    (n = secret_seal(key, sizeof(key), aad, sealed)) < 0)
		return resp_error(r, 500, "internal_error",
		    "no secret could be made");
	base32_encode(key, sizeof(key), b32);
	OPENSSL_cleanse(key, sizeof(key));
	p[0] = (struct dbparam)DBP_BLOB(sealed, (size_t)n);
	p[1] = (struct dbparam)DBP_INT(r->auth.account_id);
	if ((rc = db_exec(r->db, STMT_ACCOUNT_SET_TOTP_SECRET, p, 2, NULL,
	    NULL)) < 0)
		return db_unavailable(r);

	buf_init(&uri, 1024);
	buf_appendf(&uri, "otpauth://totp/Primoforum:");
	uri_escape(&uri, r->auth.email);
	buf_appendf(&uri, "?secret=%s&issuer=Primoforum&algorithm=SHA1&"
	    "digits=6&period=30", b32);
	svg = qr_svg(buf_str(&uri));
	w = resp_json(r, 200);
	jw_obj(w);
	jw_kstr(w, "secret", b32);
	jw_kstr(w, "otpauth_uri", buf_str(&uri));
	jw_kstr(w, "qr_svg", svg);
	jw_end(w);
	OPENSSL_cleanse(b32, sizeof(b32));
	if (uri.data != NULL)
		OPENSSL_cleanse(uri.data, uri.len);
	buf_release(&uri);
	free(svg);
	return resp_done(r, w);
}

static const struct field code_fields[] = {
	{ "code", FT_STRING, 1, 6, 6 },
};

int
api_totp_enable(struct request *r)
{
	struct acct	 a;
	struct dbparam	 p[2];
	unsigned char	 key[64], raw[8], h[32];
	char		 aad[32], b32[16], codes[NRECOVERY][12];
	struct jw	*w;
	long long	 step;
	int		 klen, rc, i;

	if ((rc = fields_check(r, code_fields, 1)) != 0)
		return rc;
	if ((rc = acct_load(r, r->auth.account_id, &a)) != 1)
		return rc == 0 ? resp_error(r, 401, "login_required",
		    "log in first") : r->resp.status;
	if (a.totp_enabled) {
		rc = resp_error(r, 409, "already_enabled",
		    "two-factor is already on");
		goto out;
	}
	snprintf(aad, sizeof(aad), "account:%lld", a.id);
	klen = a.secret == NULL || a.secretlen > sizeof(key) + 28 ? -1 :
	    secret_open(a.secret, a.secretlen, aad, key);
	if (klen <= 0) {
		rc = resp_error(r, 409, "setup_required",
		    "start the set-up first");
		goto out;
	}
	step = totp_verify(key, (size_t)klen, field_str(r, "code", NULL),
	    a.last_step, time(NULL));
	OPENSSL_cleanse(key, sizeof(key));
	if (step < 0) {
		audit(r, "totp_enable", a.id, NULL, "failed");
		rc = resp_error(r, 422, "invalid_code",
		    "the code does not match; check the time on your phone");
		goto out;
	}
	if (db_begin(r->db) != 0) {
		rc = db_unavailable(r);
		goto out;
	}
	p[0] = (struct dbparam)DBP_INT(a.id);
	if (db_exec(r->db, STMT_RECOVERY_DELETE, p, 1, NULL, NULL) < 0)
		goto down;
	for (i = 0; i < NRECOVERY; i++) {
		if (random_bytes(raw, 7) == -1)
			goto down;
		base32_encode(raw, 7, b32);		/* 12 chars, 56 bits */
		snprintf(codes[i], sizeof(codes[i]), "%.5s-%.5s", b32, b32 + 5);
		sha256(b32, 10, h);
		p[1] = (struct dbparam)DBP_BLOB(h, sizeof(h));
		if (db_exec(r->db, STMT_RECOVERY_INSERT, p, 2, NULL, NULL) != 1)
			goto down;
	}
	p[0] = (struct dbparam)DBP_INT(step);
	p[1] = (struct dbparam)DBP_INT(a.id);
	if (db_exec(r->db, STMT_ACCOUNT_TOTP_ENABLE, p, 2, NULL, NULL) != 1 ||
	    db_commit(r->db) != 0)
		goto down;
	audit(r, "totp_enabled", a.id, NULL, "ok");
	w = resp_json(r, 200);
	jw_obj(w);
	jw_key(w, "recovery_codes");
	jw_arr(w);
	for (i = 0; i < NRECOVERY; i++)
		jw_str(w, codes[i]);
	jw_end(w);
	jw_end(w);
	OPENSSL_cleanse(codes, sizeof(codes));
	rc = resp_done(r, w);
	goto out;
down:
	db_rollback(r->db);
	rc = db_unavailable(r);
out:
	acct_release(&a);
	return rc;
}

static const struct field disable_fields[] = {
	{ "password", FT_SECRET, 1, 1, 4096 },
	{ "code", FT_STRING, 1, 6, 32 },
};

int
api_totp_disable(struct request *r)
{
	struct acct	 a;
	struct dbparam	 p[1];
	const char	*pw;
	size_t		 len;
	int		 rc;

	if ((rc = fields_check(r, disable_fields, 2)) != 0)
		return rc;
	if ((rc = acct_load(r, r->auth.account_id, &a)) != 1)
		return rc == 0 ? resp_error(r, 401, "login_required",
		    "log in first") : r->resp.status;
	if (!a.totp_enabled) {
		rc = resp_error(r, 409, "not_enabled", "two-factor is off");
		goto out;
	}
	if (strcmp(a.role, "facilitator") != 0) {
		rc = resp_error(r, 403, "second_factor_required",
		    "a staff account (admin, auditor) keeps two-factor on");
		goto out;
	}
	pw = field_str(r, "password", &len);
	if ((rc = password_confirm(r, &a, pw, len, "totp_disable")) != 0)
		goto out;
	rc = totp_check(r, a.id, a.secret, a.secretlen, a.last_step,
	    field_str(r, "code", NULL));
	if (rc != 1) {
		audit(r, "totp_disable", a.id, NULL, "refused");
		rc = rc < 0 ? db_unavailable(r) : resp_error(r, 403,
		    "invalid_code", "the code is not correct, or was used "
		    "already");
		goto out;
	}
	p[0] = (struct dbparam)DBP_INT(a.id);
	if (db_exec(r->db, STMT_ACCOUNT_TOTP_DISABLE, p, 1, NULL, NULL) < 0 ||
	    db_exec(r->db, STMT_RECOVERY_DELETE, p, 1, NULL, NULL) < 0) {
		rc = db_unavailable(r);
		goto out;
	}
	audit(r, "totp_disabled", a.id, NULL, "ok");
	r->resp.status = 204;
	rc = 204;
out:
	acct_release(&a);
	return rc;
}
