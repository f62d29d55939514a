/*
 * login.c: logins, the authenticated browsers of an account (OWASP ASVS
 * 5.0 chapter 7), and the CSRF checks.
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

#define COOKIE	"__Host-pf_login"

struct loginrow {
	long long	 id, account, age, idle, totp, disabled;
	char		 csrf[65];
	char		*email, *name, *role;
	int		 bad;
};

static int
login_row(void *arg, const struct dbcol *c, size_t n)
{
	struct loginrow	*l = arg;

	if (n != 10 || c[2].len != 64 ||
	    parse_int(c[0].s, c[0].len, 1, INT64_MAX, &l->id) == -1 ||
	    parse_int(c[1].s, c[1].len, 1, INT64_MAX, &l->account) == -1 ||
	    parse_int(c[3].s, c[3].len, INT64_MIN, INT64_MAX, &l->age) == -1 ||
	    parse_int(c[4].s, c[4].len, INT64_MIN, INT64_MAX, &l->idle) == -1 ||
	    parse_int(c[8].s, c[8].len, 0, 1, &l->totp) == -1 ||
	    parse_int(c[9].s, c[9].len, 0, 1, &l->disabled) == -1) {
		l->bad = 1;
		return -1;
	}
	memcpy(l->csrf, c[2].s, 65);
	l->email = xstrndup(c[5].s, c[5].len);
	l->name = xstrndup(c[6].s, c[6].len);
	l->role = xstrndup(c[7].s, c[7].len);
	return 0;
}

/*
 * Finds the login of the request's cookie and fills r->auth.
 * Returns 1 if logged in, 0 if not (the response is then a 401), or -1
 * with a 503 set when the database is down.
 */
int
login_authenticate(struct request *r)
{
	const struct kv	*ck;
	unsigned char	 h[32];
	struct loginrow	 l;
	struct dbparam	 p[1];
	int		 rc;

	memset(&l, 0, sizeof(l));
	ck = kvlist_get(&r->cookies, COOKIE);
	if (ck == NULL || ck->vallen != 64) {
		resp_error(r, 401, "login_required", "log in first");
		return 0;
	}
	sha256(ck->val, ck->vallen, h);
	p[0] = (struct dbparam)DBP_BLOB(h, sizeof(h));
	rc = db_exec(r->db, STMT_LOGIN_GET, p, 1, login_row, &l);
	if (rc < 0 && !l.bad) {
		r->resp.retry_after = 5;
		resp_error(r, 503, "database_unavailable",
		    "the database is not reachable");
		rc = -1;
		goto out;
	}
	if (rc != 1) {
		login_cookie_clear(r);
		resp_error(r, 401, "login_required",
		    "your login has ended; log in again");
		rc = 0;
		goto out;
	}
	if (l.disabled || l.age >= r->cfg->num[CFG_LOGIN_ABSOLUTE] ||
	    l.idle >= r->cfg->num[CFG_LOGIN_IDLE]) {
		p[0] = (struct dbparam)DBP_INT(l.id);
		(void)db_exec(r->db, STMT_LOGIN_DELETE, p, 1, NULL, NULL);
		login_cookie_clear(r);
		resp_error(r, 401, "login_expired",
		    "your login has expired; log in again");
		rc = 0;
		goto out;
	}
	/* last_seen is kept to the minute: one write a minute, not a poll. */
	if (l.idle >= 60) {
		p[0] = (struct dbparam)DBP_INT(l.id);
		(void)db_exec(r->db, STMT_LOGIN_TOUCH, p, 1, NULL, NULL);
	}
	r->auth.account_id = l.account;
	r->auth.login_id = l.id;
	memcpy(r->auth.csrf, l.csrf, sizeof(l.csrf));
	r->auth.email = l.email;
	r->auth.display_name = l.name;
	r->auth.role = l.role;
	r->auth.totp_enabled = (int)l.totp;
	return 1;
out:
	free(l.email);
	free(l.name);
	free(l.role);
	return rc;
}

/*
 * Starts a login for account: a new token and CSRF token, stored, and
 * the cookie set on the response.  r->auth is filled for the answer.
 * Returns 0, or the error status with the response set.
 */
int
login_start(struct request *r, long long account)
{
	char		 tok[65], csrf[65];
	unsigned char	 h[32], junk[32];
	struct dbparam	 p[5];

	if (token_new(tok, h) == -1 || token_new(csrf, junk) == -1)
		return resp_error(r, 500, "internal_error",
		    "no randomness available");
	p[0] = (struct dbparam)DBP_INT(account);
	p[1] = (struct dbparam)DBP_BLOB(h, sizeof(h));
	p[2] = (struct dbparam)DBP_TEXT(csrf, 64);
	p[3] = r->user_agent != NULL ? (struct dbparam)DBP_STR(r->user_agent) :
	    (struct dbparam)DBP_NULL;
	p[4] = r->remote_addr != NULL ?
	    (struct dbparam)DBP_STR(r->remote_addr) : (struct dbparam)DBP_NULL;
	if (db_exec(r->db, STMT_LOGIN_INSERT, p, 5, NULL, NULL) != 1) {
		r->resp.retry_after = 5;
		return resp_error(r, 503, "database_unavailable",
		    "the database is not reachable");
	}
	r->auth.account_id = account;
	r->auth.login_id = db_last_id(r->db);
	memcpy(r->auth.csrf, csrf, sizeof(csrf));
	/* Retention counts inactivity from here (primoforumctl purge). */
	(void)db_exec(r->db, STMT_ACCOUNT_ACTIVE, p, 1, NULL, NULL);
	free(r->resp.cookie);
	r->resp.cookie = xasprintf(COOKIE "=%s; Path=/; Secure; HttpOnly; "
	    "SameSite=Lax; Max-Age=%lld", tok,
	    r->cfg->num[CFG_LOGIN_ABSOLUTE]);
	return 0;
}

/* Tells the browser to drop its login cookie. */
void
login_cookie_clear(struct request *r)
{
	free(r->resp.cookie);
	r->resp.cookie = xstrdup(COOKIE "=; Path=/; Secure; HttpOnly; "
	    "SameSite=Lax; Max-Age=0");
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
