/* SPDX-License-Identifier: ISC */
/*
 * login.c: logins, the authenticated browsers of an account (OWASP ASVS
 * 5.0 chapter 7), and the CSRF checks.  A domain module: it owns the
 * login rows and the rules about them and returns outcomes; the cookie
 * itself is set and cleared by response.c (resp_login_cookie()), and a
 * request is authenticated from it by api_login.c (login_authenticate()).
 *
 * A login is a 256-bit random token in the cookie __Host-pf_login
 * (Secure, HttpOnly, SameSite=Lax, Path=/: the __Host- prefix makes the
 * browser refuse it from anywhere but this host over HTTPS).  Only its
 * SHA-256 is stored.  A login ends after login_idle seconds without use
 * or login_absolute seconds in all, checked here on every request, and
 * when its owner logs out, ends it, or changes the password.
 *
 * CSRF: a state-changing request (POST, PUT, PATCH, DELETE) is refused
 * when the browser says it comes from elsewhere (Sec-Fetch-Site other than
 * same-origin, or an Origin other than site_origin); a logged-in one must
 * also carry the login's CSRF token in X-CSRF-Token.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

/* STMT_LOGIN_GET: a login and who it belongs to. */
struct loginrow {
	long long	 id, account, age, idle;
	char		 csrf[65];
	char		*email, *name, *role;	/* owned */
	long long	 totp, disabled;
};
static const struct dbfield loginrow_fields[] = {
	DBF_I(loginrow, id),
	DBF_I(loginrow, account),
	DBF_C(loginrow, csrf),
	DBF_I(loginrow, age),
	DBF_I(loginrow, idle),
	DBF_S(loginrow, email),
	DBF_S(loginrow, name),
	DBF_S(loginrow, role),
	DBF_I(loginrow, totp),
	DBF_I(loginrow, disabled),
};
static const struct dbshape loginrow_shape =
    DBSHAPE(loginrow_fields, loginrow);

/* STMT_LOGIN_LIST: one browser of an account. */
struct loginitem {
	long long	 id;
	char		*browser, *address;	/* owned, or NULL */
	char		*created, *seen;	/* owned */
};
static const struct dbfield loginitem_fields[] = {
	DBF_I(loginitem, id),
	DBF_S(loginitem, browser),
	DBF_S(loginitem, address),
	DBF_S(loginitem, created),
	DBF_S(loginitem, seen),
};
static const struct dbshape loginitem_shape =
    DBSHAPE(loginitem_fields, loginitem);

/*
 * Finds the login whose token is [tok, tok + len) and fills a (owned
 * strings: authn_release()).  An expired one (or one of a disabled
 * account) is ended here.  Returns OUT_OK, OUT_UNAUTHENTICATED
 * (login_required or login_expired: the cookie should go) or
 * OUT_DB_DOWN.
 */
enum outcome
login_find(struct db *db, const struct config *cfg, const char *tok,
    size_t len, struct authn *a, struct why *why)
{
	unsigned char	 h[32];
	struct loginrow	 l;
	struct dbparam	 p[1];
	int		 rc;

	sha256(tok, len, h);
	p[0] = (struct dbparam)DBP_BLOB(h, sizeof(h));
	rc = db_one(db, STMT_LOGIN_GET, p, 1, &loginrow_shape, &l);
	if (rc < 0)
		return OUT_DB_DOWN;
	if (rc != 1 || strlen(l.csrf) != 64 || l.id <= 0 || l.account <= 0) {
		db_shape_release(&loginrow_shape, &l);
		why_set(why, "login_required",
		    "your login has ended; log in again");
		return OUT_UNAUTHENTICATED;
	}
	if (l.disabled || l.age >= cfg->num[CFG_LOGIN_ABSOLUTE] ||
	    l.idle >= cfg->num[CFG_LOGIN_IDLE]) {
		p[0] = (struct dbparam)DBP_INT(l.id);
		(void)db_exec(db, STMT_LOGIN_DELETE, p, 1, NULL, NULL);
		db_shape_release(&loginrow_shape, &l);
		why_set(why, "login_expired",
		    "your login has expired; log in again");
		return OUT_UNAUTHENTICATED;
	}
	/* last_seen is kept to the minute: one write a minute, not a poll. */
	if (l.idle >= 60) {
		p[0] = (struct dbparam)DBP_INT(l.id);
		(void)db_exec(db, STMT_LOGIN_TOUCH, p, 1, NULL, NULL);
	}
	a->account_id = l.account;
	a->login_id = l.id;
	memcpy(a->csrf, l.csrf, sizeof(a->csrf));
	a->email = l.email;
	a->display_name = l.name;
	a->role = l.role;
	a->totp_enabled = l.totp != 0;
	return OUT_OK;
}

/*
 * Starts a login for account: a new token (into tok, for the cookie)
 * and CSRF token, stored; r->auth is filled for the answer.  Returns
 * OUT_OK, OUT_ERROR (no randomness) or OUT_DB_DOWN.
 */
enum outcome
login_create(struct request *r, long long account, char tok[65],
    struct why *why)
{
	char		 csrf[65];
	unsigned char	 h[32], junk[32];
	struct dbparam	 p[5];
	const struct kv	*ck;

	if (token_new(tok, h) == -1 || token_new(csrf, junk) == -1) {
		why_set(why, "internal_error", "no randomness available");
		return OUT_ERROR;
	}
	/*
	 * The browser's earlier login ends: the cookie is replaced, and a
	 * copy of it (a shared machine, a stolen cookie) must not stay valid
	 * until it times out.  Holding the cookie is the right to end it,
	 * whichever account it was.
	 */
	if ((ck = r->login_ck) != NULL && ck->vallen == 64) {
		sha256(ck->val, ck->vallen, junk);
		p[0] = (struct dbparam)DBP_BLOB(junk, sizeof(junk));
		if (db_exec(r->db, STMT_LOGIN_DELETE_TOKEN, p, 1, NULL,
		    NULL) < 0)
			return OUT_DB_DOWN;
	}
	p[0] = (struct dbparam)DBP_INT(account);
	p[1] = (struct dbparam)DBP_BLOB(h, sizeof(h));
	p[2] = (struct dbparam)DBP_TEXT(csrf, 64);
	p[3] = r->user_agent != NULL ? (struct dbparam)DBP_STR(r->user_agent) :
	    (struct dbparam)DBP_NULL;
	p[4] = r->remote_addr != NULL ?
	    (struct dbparam)DBP_STR(r->remote_addr) : (struct dbparam)DBP_NULL;
	if (db_exec(r->db, STMT_LOGIN_INSERT, p, 5, NULL, NULL) != 1)
		return OUT_DB_DOWN;
	r->auth.account_id = account;
	r->auth.login_id = db_last_id(r->db);
	memcpy(r->auth.csrf, csrf, sizeof(csrf));
	/* Retention counts inactivity from here (primoforumctl purge). */
	(void)db_exec(r->db, STMT_ACCOUNT_ACTIVE, p, 1, NULL, NULL);
	return OUT_OK;
}

/* Ends login id (logging out).  Returns OUT_OK or OUT_DB_DOWN. */
enum outcome
login_end(struct db *db, long long id)
{
	struct dbparam	 p[1] = { DBP_INT(id) };

	return db_exec(db, STMT_LOGIN_DELETE, p, 1, NULL, NULL) < 0 ?
	    OUT_DB_DOWN : OUT_OK;
}

/*
 * Ends login id if it belongs to account.  Returns OUT_OK, OUT_NOT_FOUND
 * (another account's login is as absent as one that never was) or
 * OUT_DB_DOWN.
 */
enum outcome
login_end_own(struct db *db, long long id, long long account,
    struct why *why)
{
	struct dbparam	 p[2] = { DBP_INT(id), DBP_INT(account) };
	int		 rc;

	rc = db_exec(db, STMT_LOGIN_DELETE_OWN, p, 2, NULL, NULL);
	if (rc < 0)
		return OUT_DB_DOWN;
	if (rc == 0) {
		why_set(why, "not_found", "no such login");
		return OUT_NOT_FOUND;
	}
	return OUT_OK;
}

/*
 * Writes the logins of account as an array, current marking this
 * request's.  Returns OUT_OK or OUT_DB_DOWN (w then holds nothing of it).
 */
enum outcome
logins_write(struct db *db, long long account, long long current,
    struct jw *w)
{
	struct dbparam		 p[1] = { DBP_INT(account) };
	struct loginitem	*v;
	size_t			 n, i;

	if (db_list(db, STMT_LOGIN_LIST, p, 1, &loginitem_shape, &v, &n) < 0)
		return OUT_DB_DOWN;
	jw_arr(w);
	for (i = 0; i < n; i++) {
		jw_obj(w);
		jw_kint(w, "id", v[i].id);
		jw_kstr(w, "browser", v[i].browser);
		jw_kstr(w, "address", v[i].address);
		jw_kstr(w, "created_at", v[i].created);
		jw_kstr(w, "last_seen", v[i].seen);
		jw_kbool(w, "current", v[i].id == current);
		jw_end(w);
	}
	jw_end(w);
	db_list_free(&loginitem_shape, v, n);
	return OUT_OK;
}

/*
 * The browser's word on where a state-changing request comes from.
 * Returns 1 if it may go on.  Requests without these headers (not from a
 * browser) pass here; a logged-in one still needs the CSRF token.
 */
int
csrf_origin_ok(const struct request *r)
{
	if (r->fetch_site != NULL && strcmp(r->fetch_site, "same-origin") != 0
	    && strcmp(r->fetch_site, "none") != 0)
		return 0;
	if (r->origin != NULL &&
	    strcmp(r->origin, r->cfg->str[CFG_SITE_ORIGIN]) != 0)
		return 0;
	return 1;
}

/* Returns 1 if the request carries its login's CSRF token. */
int
csrf_token_ok(const struct request *r)
{
	return r->csrf_header != NULL && r->auth.login_id > 0 &&
	    secret_equal(r->csrf_header, strlen(r->csrf_header),
	    r->auth.csrf, strlen(r->auth.csrf));
}
