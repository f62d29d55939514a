/* SPDX-License-Identifier: ISC */
/*
 * api_account.c: a facilitator's account: register, read, change the
 * password, export everything it owns, delete it.  Policy P3 (control
 * over one's data) and P5 (nobody else learns the password).  The rules
 * and the rows are account.c's; this file validates, calls it, and
 * answers.
 *
 *	POST   /api/accounts		register (and log in)
 *	GET    /api/account		the account, with the CSRF token
 *	POST   /api/account/password	change the password
 *	GET    /api/account/export	everything, as one JSON document
 *	DELETE /api/account		delete it, with the password
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "banned.h"

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

static const struct field register_fields[] = {
	{ "email", FT_STRING, 1, 3, 254 },
	{ "display_name", FT_STRING, 1, 1, 100 },
	{ "organisation", FT_STRING, 0, 0, 200 },
	{ "password", FT_SECRET, 1, 1, 4096 },
	{ "language", FT_STRING, 0, 2, 2 },
};

/* POST /api/accounts: register, and log in; 201 with the account. */
int
api_register(struct request *r)
{
	struct acct_new	 n;
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;
	long long	 id = 0;
	int		 rc;

	if ((rc = fields_check(r, register_fields,
	    sizeof(register_fields) / sizeof(register_fields[0]))) != 0)
		return rc;
	memset(&n, 0, sizeof(n));
	n.email = field_str(r, "email", &n.emaillen);
	n.pw = field_str(r, "password", &n.pwlen);
	n.name = field_str(r, "display_name", &n.namelen);
	n.org = field_str(r, "organisation", &n.orglen);
	if ((o = acct_register(r, &n, &id, &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	if ((rc = resp_login_start(r, id)) != 0)
		return rc;
	return resp_account(r, 201, id);
}

/* GET /api/account: the account and the login's CSRF token. */
int
api_account_get(struct request *r)
{
	return resp_account(r, 200, r->auth.account_id);
}

static const struct field password_fields[] = {
	{ "current_password", FT_SECRET, 1, 1, 4096 },
	{ "new_password", FT_SECRET, 1, 1, 4096 },
};

/* POST /api/account/password: 204; other logins end. */
int
api_password_change(struct request *r)
{
	struct acct	 a;
	struct why	 why = { NULL, "", 0 };
	const char	*cur, *pw;
	size_t		 curlen, pwlen;
	enum outcome	 o;
	int		 rc;

	if ((rc = fields_check(r, password_fields,
	    sizeof(password_fields) / sizeof(password_fields[0]))) != 0)
		return rc;
	if ((rc = own_load(r, &a)) != 0)
		return rc;
	cur = field_str(r, "current_password", &curlen);
	pw = field_str(r, "new_password", &pwlen);
	o = acct_password_change(r, &a, cur, curlen, pw, pwlen,
	    r->auth.login_id, &why);
	acct_release(&a);
	if (o != OUT_OK)
		return resp_outcome(r, o, &why);
	r->resp.status = 204;
	return 204;
}

/* GET /api/account/export: everything of the account, as a download. */
int
api_account_export(struct request *r)
{
	struct acct	 a;
	struct session	*sh;
	struct jw	*w;
	size_t		 i, nsh;
	int		 rc;

	if ((rc = own_load(r, &a)) != 0)
		return rc;
	/* Recorded first, so that the export contains its own event. */
	audit(r, "account_exported", a.id, NULL, "ok");
	w = resp_json(r, 200);
	jw_obj(w);
	jw_kstr(w, "format", "primoforum-export-1");
	jw_key(w, "account");
	acct_write(w, &a);
	jw_key(w, "logins");
	if (logins_write(r->db, a.id, r->auth.login_id, w) != OUT_OK)
		goto down;
	jw_key(w, "sessions");
	if (sessions_write(r, w, 1) == -1)
		goto down;
	/* The sessions others share with the account, and its role in each. */
	if (session_list_shared(r->db, a.id, &sh, &nsh) != OUT_OK)
		goto down;
	jw_key(w, "shared_sessions");
	jw_arr(w);
	for (i = 0; i < nsh; i++) {
		jw_obj(w);
		session_write(w, &sh[i], r->cfg->str[CFG_SITE_ORIGIN]);
		jw_end(w);
	}
	jw_end(w);
	sessions_free(sh, nsh);
	jw_key(w, "audit_events");
	if (acct_events_write(r->db, a.id, w) != OUT_OK)
		goto down;
	jw_end(w);
	acct_release(&a);
	r->resp.disposition = "attachment; filename=\"primoforum-export.json\"";
	return resp_done(r, w);
down:
	jw_free(w);
	acct_release(&a);
	return db_unavailable(r);
}

static const struct field delete_fields[] = {
	{ "password", FT_SECRET, 1, 1, 4096 },
};

/* DELETE /api/account: with the password; 204 and the cookie gone. */
int
api_account_delete(struct request *r)
{
	struct acct	 a;
	struct why	 why = { NULL, "", 0 };
	const char	*pw;
	size_t		 len;
	enum outcome	 o;
	int		 rc;

	if ((rc = fields_check(r, delete_fields, 1)) != 0)
		return rc;
	if ((rc = own_load(r, &a)) != 0)
		return rc;
	pw = field_str(r, "password", &len);
	o = acct_delete(r, &a, pw, len, &why);
	acct_release(&a);
	if (o != OUT_OK)
		return resp_outcome(r, o, &why);
	resp_login_cookie_clear(r);
	r->resp.status = 204;
	return 204;
}
