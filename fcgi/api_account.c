/*
 * api_account.c: a facilitator's account: register, read, change the
 * password, export everything it owns, delete it.  Policy P3 (control
 * over one's data) and P5 (nobody else learns the password).
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

#include <openssl/crypto.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

static char *
col_dup(const struct dbcol *c)
{
	return c->null ? NULL : xstrndup(c->s, c->len);
}

static int
acct_row(void *arg, const struct dbcol *c, size_t n)
{
	struct acct	*a = arg;

	if (n != 11 || parse_int(c[0].s, c[0].len, 1, INT64_MAX, &a->id) ||
	    parse_int(c[6].s, c[6].len, 0, 1, &a->totp_enabled) ||
	    parse_int(c[10].s, c[10].len, 0, INT64_MAX, &a->last_step))
		return -1;
	a->email = col_dup(&c[1]);
	a->name = col_dup(&c[2]);
	a->org = col_dup(&c[3]);
	a->plan = col_dup(&c[4]);
	a->role = col_dup(&c[5]);
	a->created = col_dup(&c[7]);
	a->hash = col_dup(&c[8]);
	if (!c[9].null) {
		a->secret = xmalloc(c[9].len + 1);
		memcpy(a->secret, c[9].s, c[9].len);
		a->secretlen = c[9].len;
	}
	return 0;
}

/*
 * Loads account id.  Returns 1, 0 if there is none, or -1 with a 503 set.
 */
int
acct_load(struct request *r, long long id, struct acct *a)
{
	struct dbparam	 p[1] = { DBP_INT(id) };
	int		 rc;

	memset(a, 0, sizeof(*a));
	rc = db_exec(r->db, STMT_ACCOUNT_BY_ID, p, 1, acct_row, a);
	if (rc == DB_DOWN || rc == DB_ERROR) {
		db_unavailable(r);
		return -1;
	}
	return rc == 1;
}

void
acct_release(struct acct *a)
{
	free(a->email);
	free(a->name);
	free(a->org);
	free(a->plan);
	free(a->role);
	free(a->created);
	if (a->hash != NULL) {
		OPENSSL_cleanse(a->hash, strlen(a->hash));
		free(a->hash);
	}
	if (a->secret != NULL) {
		OPENSSL_cleanse(a->secret, a->secretlen);
		free(a->secret);
	}
	memset(a, 0, sizeof(*a));
}

/* Writes the public part of an account (never the hash or secret). */
static void
acct_write(struct jw *w, const struct acct *a)
{
	jw_obj(w);
	jw_kint(w, "id", a->id);
	jw_kstr(w, "email", a->email);
	jw_kstr(w, "display_name", a->name);
	jw_kstr(w, "organisation", a->org);
	jw_kstr(w, "plan", a->plan);
	jw_kstr(w, "role", a->role);
	jw_kbool(w, "totp_enabled", a->totp_enabled != 0);
	jw_kstr(w, "created_at", a->created);
	jw_end(w);
}

/* Answers with the account and the login's CSRF token. */
static int
acct_answer(struct request *r, int status, long long id)
{
	struct acct	 a;
	struct jw	*w;
	int		 rc;

	if ((rc = acct_load(r, id, &a)) != 1)
		return rc == 0 ? resp_error(r, 404, "not_found",
		    "no such account") : r->resp.status;
	w = resp_json(r, status);
	jw_obj(w);
	jw_key(w, "account");
	acct_write(w, &a);
	jw_kstr(w, "csrf_token", r->auth.csrf);
	jw_end(w);
	acct_release(&a);
	return resp_done(r, w);
}

static const struct field register_fields[] = {
	{ "email", FT_STRING, 1, 3, 254 },
	{ "display_name", FT_STRING, 1, 1, 100 },
	{ "organisation", FT_STRING, 0, 0, 200 },
	{ "password", FT_SECRET, 1, 1, 4096 },
	{ "language", FT_STRING, 0, 2, 2 },
};

int
api_register(struct request *r)
{
	char		 email[256], hash[AUTH_ENCODED_MAX];
	const char	*pw, *name, *org, *why;
	size_t		 pwlen, elen, namelen, orglen = 0;
	struct dbparam	 p[4];
	long long	 id;
	int		 rc;

	if ((rc = fields_check(r, register_fields,
	    sizeof(register_fields) / sizeof(register_fields[0]))) != 0)
		return rc;
	pw = field_str(r, "email", &elen);
	if (email_normalize(pw, elen, email, sizeof(email)) == -1)
		return resp_error(r, 422, "invalid_email",
		    "email is not a valid email address");
	elen = strlen(email);
	pw = field_str(r, "password", &pwlen);
	if ((why = password_refusal(pw, pwlen, email, elen)) != NULL)
		return resp_error(r, 422, "weak_password", "%s", why);
	name = field_str(r, "display_name", &namelen);
	org = field_str(r, "organisation", &orglen);

	rc = auth_hash(pw, pwlen, hash);
	if (rc == AUTH_BUSY)
		return busy_answer(r);
	if (rc != AUTH_OK)
		return resp_error(r, 500, "internal_error",
		    "the password could not be stored");
	p[0] = (struct dbparam)DBP_TEXT(email, elen);
	p[1] = (struct dbparam)DBP_TEXT(name, namelen);
	p[2] = org != NULL && orglen > 0 ? (struct dbparam)DBP_TEXT(org, orglen)
	    : (struct dbparam)DBP_NULL;
	p[3] = (struct dbparam)DBP_STR(hash);
	rc = db_exec(r->db, STMT_ACCOUNT_INSERT, p, 4, NULL, NULL);
	OPENSSL_cleanse(hash, sizeof(hash));
	if (rc == DB_DUP)
		return resp_error(r, 409, "email_taken",
		    "an account with this email exists; log in, or ask for a "
		    "password reset");
	if (rc != 1)
		return db_unavailable(r);
	id = db_last_id(r->db);
	audit(r, "account_registered", id, NULL, "ok");
	if ((rc = login_start(r, id)) != 0)
		return rc;
	return acct_answer(r, 201, id);
}

/* The answer to a good login: the account and the CSRF token. */
int
acct_answer_login(struct request *r, long long id)
{
	return acct_answer(r, 200, id);
}

int
api_account_get(struct request *r)
{
	return acct_answer(r, 200, r->auth.account_id);
}

/*
 * Checks the account's current password.  Returns 0 if it matches, or
 * the error status with the response set (403 on a wrong password).
 */
int
password_confirm(struct request *r, const struct acct *a, const char *pw,
    size_t len, const char *action)
{
	int	 rc;

	rc = auth_verify(a->hash, pw, len);
	if (rc == AUTH_BUSY)
		return busy_answer(r);
	if (rc != AUTH_OK) {
		audit(r, action, a->id, NULL, "refused");
		return resp_error(r, 403, "wrong_password",
		    "the password is not correct");
	}
	return 0;
}

static const struct field password_fields[] = {
	{ "current_password", FT_SECRET, 1, 1, 4096 },
	{ "new_password", FT_SECRET, 1, 1, 4096 },
};

int
api_password_change(struct request *r)
{
	struct acct	 a;
	const char	*cur, *pw, *why;
	size_t		 curlen, pwlen;
	char		 hash[AUTH_ENCODED_MAX];
	struct dbparam	 p[2];
	int		 rc;

	if ((rc = fields_check(r, password_fields,
	    sizeof(password_fields) / sizeof(password_fields[0]))) != 0)
		return rc;
	if ((rc = acct_load(r, r->auth.account_id, &a)) != 1)
		return rc == 0 ? resp_error(r, 401, "login_required",
		    "log in first") : r->resp.status;
	cur = field_str(r, "current_password", &curlen);
	pw = field_str(r, "new_password", &pwlen);
	if ((rc = password_confirm(r, &a, cur, curlen,
	    "password_change")) != 0)
		goto out;
	if ((why = password_refusal(pw, pwlen, a.email,
	    strlen(a.email))) != NULL) {
		rc = resp_error(r, 422, "weak_password", "%s", why);
		goto out;
	}
	if ((rc = auth_hash(pw, pwlen, hash)) != AUTH_OK) {
		rc = rc == AUTH_BUSY ? busy_answer(r) : resp_error(r, 500,
		    "internal_error", "the password could not be stored");
		goto out;
	}
	p[0] = (struct dbparam)DBP_STR(hash);
	p[1] = (struct dbparam)DBP_INT(a.id);
	rc = db_exec(r->db, STMT_ACCOUNT_SET_PASSWORD, p, 2, NULL, NULL);
	OPENSSL_cleanse(hash, sizeof(hash));
	if (rc < 0) {
		rc = db_unavailable(r);
		goto out;
	}
	/* Every other browser of this account must log in again. */
	p[0] = (struct dbparam)DBP_INT(a.id);
	p[1] = (struct dbparam)DBP_INT(r->auth.login_id);
	(void)db_exec(r->db, STMT_LOGIN_DELETE_OTHERS, p, 2, NULL, NULL);
	audit(r, "password_changed", a.id, NULL, "ok");
	r->resp.status = 204;
	rc = 204;
out:
	acct_release(&a);
	return rc;
}

/* Writes rows of logins as an array (STMT_LOGIN_LIST). */
struct rows {
	struct jw	*w;
	long long	 current;
};

static int
login_list_row(void *arg, const struct dbcol *c, size_t n)
{
	struct rows	*x = arg;
	long long	 id;

	if (n != 5 || parse_int(c[0].s, c[0].len, 1, INT64_MAX, &id) == -1)
		return -1;
	jw_obj(x->w);
	jw_kint(x->w, "id", id);
	jw_kstr(x->w, "browser", c[1].null ? NULL : c[1].s);
	jw_kstr(x->w, "address", c[2].null ? NULL : c[2].s);
	jw_kstr(x->w, "created_at", c[3].s);
	jw_kstr(x->w, "last_seen", c[4].s);
	jw_kbool(x->w, "current", id == x->current);
	jw_end(x->w);
	return 0;
}

/* Writes the account's logins as an array.  Returns 0 or -1. */
int
logins_write(struct request *r, struct jw *w)
{
	struct dbparam	 p[1] = { DBP_INT(r->auth.account_id) };
	struct rows	 x = { w, r->auth.login_id };

	jw_arr(w);
	if (db_exec(r->db, STMT_LOGIN_LIST, p, 1, login_list_row, &x) < 0)
		return -1;
	jw_end(w);
	return 0;
}

static int
audit_row(void *arg, const struct dbcol *c, size_t n)
{
	struct jw	*w = arg;

	if (n != 6)
		return -1;
	jw_obj(w);
	jw_kstr(w, "at", c[0].s);
	jw_kstr(w, "action", c[1].s);
	jw_kstr(w, "target", c[2].null ? NULL : c[2].s);
	jw_kstr(w, "outcome", c[3].s);
	jw_kstr(w, "address", c[4].null ? NULL : c[4].s);
	jw_kstr(w, "request_id", c[5].null ? NULL : c[5].s);
	jw_end(w);
	return 0;
}

int
api_account_export(struct request *r)
{
	struct acct	 a;
	struct jw	*w;
	struct dbparam	 p[1] = { DBP_INT(r->auth.account_id) };
	int		 rc;

	if ((rc = acct_load(r, r->auth.account_id, &a)) != 1)
		return rc == 0 ? resp_error(r, 401, "login_required",
		    "log in first") : r->resp.status;
	/* Recorded first, so that the export contains its own event. */
	audit(r, "account_exported", a.id, NULL, "ok");
	w = resp_json(r, 200);
	jw_obj(w);
	jw_kstr(w, "format", "primoforum-export-1");
	jw_key(w, "account");
	acct_write(w, &a);
	jw_key(w, "logins");
	if (logins_write(r, w) == -1)
		goto down;
	jw_key(w, "sessions");
	if (sessions_write(r, w, 1) == -1)
		goto down;
	jw_key(w, "audit_events");
	jw_arr(w);
	if (db_exec(r->db, STMT_AUDIT_BY_ACCOUNT, p, 1, audit_row, w) < 0)
		goto down;
	jw_end(w);
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

int
api_account_delete(struct request *r)
{
	struct acct	 a;
	const char	*pw;
	size_t		 len;
	struct dbparam	 p[1];
	int		 rc;

	if ((rc = fields_check(r, delete_fields, 1)) != 0)
		return rc;
	if ((rc = acct_load(r, r->auth.account_id, &a)) != 1)
		return rc == 0 ? resp_error(r, 401, "login_required",
		    "log in first") : r->resp.status;
	pw = field_str(r, "password", &len);
	if ((rc = password_confirm(r, &a, pw, len, "account_delete")) != 0)
		goto out;
	/*
	 * One transaction: the account, its logins, codes and resets, its
	 * sessions with their teams and participants (ON DELETE CASCADE) go
	 * together, with the audit event that says so, or nothing goes.
	 */
	p[0] = (struct dbparam)DBP_INT(a.id);
	if (db_begin(r->db) != 0) {
		rc = db_unavailable(r);
		goto out;
	}
	audit(r, "account_deleted", a.id, NULL, "ok");
	if (db_exec(r->db, STMT_ACCOUNT_DELETE, p, 1, NULL, NULL) != 1 ||
	    db_commit(r->db) != 0) {
		db_rollback(r->db);
		rc = db_unavailable(r);
		goto out;
	}
	login_cookie_clear(r);
	r->resp.status = 204;
	rc = 204;
out:
	acct_release(&a);
	return rc;
}
