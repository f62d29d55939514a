/* SPDX-License-Identifier: ISC */
/*
 * api_totp.c: the routes of the second factor, TOTP (RFC 6238) with
 * recovery codes (OWASP ASVS 5.0 6.5, 6.6).  The secret, the codes and
 * their rules are totp.c's; this file validates, calls it, and answers.
 *
 *	POST /api/account/totp/setup	a new secret, its otpauth URI and QR
 *	POST /api/account/totp/enable	confirm with a code; ten recovery codes
 *	POST /api/account/totp/disable	with the password and a code
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "extern.h"
#include "banned.h"

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

/*
 * Loads the request's own account.  Returns 0, or the status of the
 * answer set: 401 if the account is gone, 503 if the database is.
 */
static int
own_load(struct request *r, struct acct *a)
{
	enum outcome	 o;

	if ((o = acct_load(r->db, r->auth.account_id, a)) == OUT_NOT_FOUND)
		o = OUT_UNAUTHENTICATED;
	return resp_outcome(r, o, NULL);
}

/* POST /api/account/totp/setup: the secret, as text, URI and QR code. */
int
api_totp_setup(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	char		 b32[40];
	struct buf	 uri;
	struct jw	*w;
	char		*svg;
	enum outcome	 o;

	if (!totp_available())
		return resp_error(r, 503, "not_configured",
		    "two-factor is not configured on this server (totp_key)");
	if (r->auth.totp_enabled)
		return resp_error(r, 409, "already_enabled",
		    "two-factor is already on; turn it off first");
	if ((o = totp_setup(r, r->auth.account_id, b32, &why)) != OUT_OK) {
		OPENSSL_cleanse(b32, sizeof(b32));
		return resp_outcome(r, o, &why);
	}
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

/* POST /api/account/totp/enable: on, and the recovery codes, once. */
int
api_totp_enable(struct request *r)
{
	struct acct	 a;
	struct why	 why = { NULL, "", 0 };
	char		 codes[TOTP_NRECOVERY][12];
	struct jw	*w;
	enum outcome	 o;
	int		 rc, i;

	if ((rc = fields_check(r, code_fields, 1)) != 0)
		return rc;
	if ((rc = own_load(r, &a)) != 0)
		return rc;
	o = totp_enable(r, &a, field_str(r, "code", NULL), codes, &why);
	acct_release(&a);
	if (o != OUT_OK)
		return resp_outcome(r, o, &why);
	w = resp_json(r, 200);
	jw_obj(w);
	jw_key(w, "recovery_codes");
	jw_arr(w);
	for (i = 0; i < TOTP_NRECOVERY; i++)
		jw_str(w, codes[i]);
	jw_end(w);
	jw_end(w);
	OPENSSL_cleanse(codes, sizeof(codes));
	return resp_done(r, w);
}

static const struct field disable_fields[] = {
	{ "password", FT_SECRET, 1, 1, 4096 },
	{ "code", FT_STRING, 1, 6, 32 },
};

/* POST /api/account/totp/disable: off, with the password and a code. */
int
api_totp_disable(struct request *r)
{
	struct acct	 a;
	struct why	 why = { NULL, "", 0 };
	const char	*pw;
	size_t		 len;
	enum outcome	 o;
	int		 rc;

	if ((rc = fields_check(r, disable_fields, 2)) != 0)
		return rc;
	if ((rc = own_load(r, &a)) != 0)
		return rc;
	pw = field_str(r, "password", &len);
	o = totp_disable(r, &a, pw, len, field_str(r, "code", NULL), &why);
	acct_release(&a);
	if (o != OUT_OK)
		return resp_outcome(r, o, &why);
	r->resp.status = 204;
	return 204;
}
