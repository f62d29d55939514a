/* SPDX-License-Identifier: ISC */
/*
 * api_reset.c: the routes of forgotten passwords (OWASP ASVS 5.0 6.4).
 * The links, the mail and the rules are reset.c's; this file validates,
 * calls it, and answers.
 *
 *	POST /api/password/forgot	email: mail a reset link
 *	POST /api/password/reset	token, password: set a new one
 *
 * The answer to "forgot" is the same, in the same time, whether or not
 * the email has an account: the look-up and the mail come after it.  The mail is in the language the page asks for ("language"),
 * or else the browser's (Accept-Language).
 */
#include <stdio.h>
#include <string.h>

#include "extern.h"
#include "banned.h"

static const struct field forgot_fields[] = {
	{ "email", FT_STRING, 1, 1, 254 },
	{ "language", FT_STRING, 0, 2, 2 },
};

/* POST /api/password/forgot: 202, whether or not the account exists. */
int
api_password_forgot(struct request *r)
{
	char		 email[256];
	struct jw	*w;
	const char	*s;
	size_t		 len;
	enum lang	 lang = r->lang;
	int		 rc, l;

	if ((rc = fields_check(r, forgot_fields, 2)) != 0)
		return rc;
	s = field_str(r, "email", &len);
	if (email_normalize(s, len, email, sizeof(email)) == -1)
		return resp_error(r, 422, "invalid_email",
		    "email is not a valid email address");
	if ((s = field_str(r, "language", &len)) != NULL &&
	    (l = lang_parse(s, len)) >= 0)
		lang = (enum lang)l;
	reset_request(r, email, lang);
	w = resp_json(r, 202);
	jw_obj(w);
	jw_kstr(w, "status", "accepted");
	jw_kstr(w, "message", "if an account has this email, a link to reset "
	    "its password is on its way");
	jw_end(w);
	return resp_done(r, w);
}

static const struct field reset_fields[] = {
	{ "token", FT_SECRET, 1, 64, 64 },
	{ "password", FT_SECRET, 1, 1, 4096 },
};

/* POST /api/password/reset: 204; every login of the account ends. */
int
api_password_reset(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	const char	*tok, *pw;
	size_t		 toklen, pwlen;
	enum outcome	 o;
	int		 rc;

	if ((rc = fields_check(r, reset_fields, 2)) != 0)
		return rc;
	tok = field_str(r, "token", &toklen);
	pw = field_str(r, "password", &pwlen);
	o = reset_use(r, tok, toklen, pw, pwlen, &why);
	/* A link that does not work is the request's fault: 400. */
	if (o == OUT_NOT_FOUND)
		return resp_error(r, 400, "invalid_token",
		    "this link is not valid: it was used already, has expired, "
		    "or was mistyped; ask for a new one");
	if (o != OUT_OK)
		return resp_outcome(r, o, &why);
	r->resp.status = 204;
	return 204;
}
