/* SPDX-License-Identifier: ISC */
/*
 * response.c: how a handler answers.  A handler fills r->resp through
 * resp_json() or resp_error(); worker.c then asks resp_headers() for the
 * header block.  resp_headers() is the one place the application sets
 * response headers.  The site-wide security headers (HSTS, CSP, nosniff,
 * Referrer-Policy, framing) are added by nginx to every response, the
 * application's and its own errors alike (nginx/primoforum.conf.in), so
 * they are written once for all paths and cannot be forgotten by a route.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "banned.h"

/* Reason phrases for the statuses primoforum sends (RFC 9110 15). */
const char *
http_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 202: return "Accepted";
	case 204: return "No Content";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Content Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Unknown";
	}
}

/*
 * Sets an error response: status, and the body
 * {"error":{"code":code,"message":message}}.  code is a static,
 * machine-readable word; the message is for people and must never hold
 * a secret.  Returns status, so handlers can "return resp_error(...)".
 */
int
resp_error(struct request *r, int status, const char *code,
    const char *fmt, ...)
{
	va_list		 ap;
	char		 msg[512];
	struct jw	*w;

	va_start(ap, fmt);
	(void)vmsgf(msg, sizeof(msg), fmt, ap);	/* cut short: "..." */
	va_end(ap);
	buf_reset(&r->resp.body);
	r->resp.status = status;
	r->resp.errcode = code;
	r->resp.ctype = "application/json; charset=utf-8";
	w = jw_new(&r->resp.body);
	jw_obj(w);
	jw_key(w, "error");
	jw_obj(w);
	jw_kstr(w, "code", code);
	jw_kstr(w, "message", msg);
	jw_end(w);
	jw_end(w);
	if (jw_close(w) == -1) {
		/* A message that is not UTF-8: say less rather than nothing. */
		buf_reset(&r->resp.body);
		w = jw_new(&r->resp.body);
		jw_obj(w);
		jw_key(w, "error");
		jw_obj(w);
		jw_kstr(w, "code", code);
		jw_kstr(w, "message", http_reason(status));
		jw_end(w);
		jw_end(w);
		jw_free(w);
	}
	return status;
}

/*
 * The one table from outcomes to statuses, with each outcome's default
 * error code and message.
 */
static const struct {
	int		 status;
	const char	*code;
	const char	*msg;
} outcomes[OUT__MAX] = {
	[OUT_OK] = { 200, NULL, NULL },
	[OUT_NOT_FOUND] = { 404, "not_found", "no such thing here" },
	[OUT_CONFLICT] = { 409, "conflict",
	    "that is not possible in its present state" },
	[OUT_INVALID] = { 422, "invalid_field", "a value is not allowed" },
	[OUT_LIMIT] = { 402, "plan_limit", "your plan does not allow this" },
	[OUT_DENIED] = { 403, "forbidden", "not allowed" },
	[OUT_UNAUTHENTICATED] = { 401, "login_required", "log in first" },
	[OUT_THROTTLED] = { 429, "too_many_attempts",
	    "too many failed attempts; wait and try again" },
	[OUT_BUSY] = { 503, "busy",
	    "too many logins at once; try again in a second" },
	[OUT_DB_DOWN] = { 503, "database_unavailable",
	    "the database is not reachable; try again shortly" },
	[OUT_ENDED] = { 410, "session_ended", "this session has ended" },
	[OUT_ERROR] = { 500, "internal_error", "something went wrong on our "
	    "side; it has been logged" },
};

/*
 * Answers what a domain module said: the error response of outcome o,
 * with why's code and message where given (why may be NULL).  Returns
 * the status; OUT_OK answers nothing and returns 0.
 */
int
resp_outcome(struct request *r, enum outcome o, const struct why *why)
{
	const char	*code, *msg;

	if (o <= OUT_OK || o >= OUT__MAX)
		return o == OUT_OK ? 0 : resp_outcome(r, OUT_ERROR, NULL);
	switch (o) {
	case OUT_DB_DOWN:
		return db_unavailable(r);
	case OUT_BUSY:
		/* Busy with what: the hashing slots unless why says. */
		if (why == NULL || why->code == NULL)
			return busy_answer(r);
		r->resp.retry_after = 1;
		return resp_error(r, 503, why->code, "%s", why->msg);
	case OUT_THROTTLED:
		return throttle_answer(r, why != NULL ? why->wait : 1);
	default:
		break;
	}
	code = why != NULL && why->code != NULL ? why->code : outcomes[o].code;
	msg = why != NULL && why->msg[0] != '\0' ? why->msg : outcomes[o].msg;
	return resp_error(r, outcomes[o].status, code, "%s", msg);
}

/*
 * Starts a JSON response with the given status.  The caller writes one
 * value with the returned writer and passes it to resp_done().
 */
struct jw *
resp_json(struct request *r, int status)
{
	buf_reset(&r->resp.body);
	r->resp.status = status;
	r->resp.errcode = NULL;
	r->resp.ctype = "application/json; charset=utf-8";
	return jw_new(&r->resp.body);
}

/*
 * Finishes what resp_json() started.  A body that could not be written
 * whole becomes a 500.  Returns the response status.
 */
int
resp_done(struct request *r, struct jw *w)
{
	if (jw_close(w) == -1) {
		log_warnx("rid=%s response could not be generated", r->id);
		return resp_error(r, 500, "internal_error",
		    "the response could not be generated");
	}
	return r->resp.status;
}

/*
 * Writes the CGI header block of r's response to out: status, type,
 * length, and the headers every API answer carries.  API answers are
 * personal and live, so no cache may keep them (no-store).
 */
void
resp_headers(const struct request *r, struct buf *out)
{
	const struct response	*p = &r->resp;

	buf_appendf(out, "Status: %d %s\r\n", p->status,
	    http_reason(p->status));
	buf_appendf(out, "Content-Type: %s\r\n", p->ctype);
	buf_appendf(out, "Content-Length: %zu\r\n", p->body.len);
	/*
	 * Personal and live: no cache may store it.  Polled state carries an
	 * ETag that the pages send back themselves in If-None-Match.
	 */
	buf_appendf(out, "Cache-Control: no-store\r\n");
	buf_appendf(out, "X-Request-Id: %s\r\n", r->id);
	if (p->allow[0] != '\0')
		buf_appendf(out, "Allow: %s\r\n", p->allow);
	if (p->etag[0] != '\0')
		buf_appendf(out, "ETag: %s\r\n", p->etag);
	if (p->cookie != NULL)
		buf_appendf(out, "Set-Cookie: %s\r\n", p->cookie);
	if (p->device != NULL)
		buf_appendf(out, "Set-Cookie: %s\r\n", p->device);
	if (p->disposition != NULL)
		buf_appendf(out, "Content-Disposition: %s\r\n",
		    p->disposition);
	if (p->retry_after > 0)
		buf_appendf(out, "Retry-After: %u\r\n", p->retry_after);
	buf_append(out, "\r\n", 2);
}

/* Answers {"status": word} with the given status.  Returns status. */
int
resp_json_status(struct request *r, int status, const char *word)
{
	struct jw	*w;

	w = resp_json(r, status);
	jw_obj(w);
	jw_kstr(w, "status", word);
	jw_end(w);
	return resp_done(r, w);
}

/* Sets the 503 for a database that cannot be reached. */
int
db_unavailable(struct request *r)
{
	r->resp.retry_after = 5;
	return resp_error(r, 503, "database_unavailable",
	    "the database is not reachable; try again shortly");
}

/* The 503 for a host whose password hashing slots are all busy. */
int
busy_answer(struct request *r)
{
	r->resp.retry_after = 1;
	return resp_error(r, 503, "busy",
	    "too many logins at once; try again in a second");
}

/* Sets the 429 for a key that must wait.  Returns 429. */
int
throttle_answer(struct request *r, long long wait)
{
	r->resp.retry_after = (unsigned int)(wait > 0 ? wait : 1);
	return resp_error(r, 429, "too_many_attempts",
	    "too many failed attempts; wait %lld seconds and try again",
	    wait > 0 ? wait : 1);
}

/*
 * Returns 1 if the request's If-None-Match names r->resp.etag; the
 * response is then a 304 without a body.
 */
int
etag_matches(struct request *r)
{
	const char	*p = r->if_none_match;
	size_t		 n = strlen(r->resp.etag);

	if (p == NULL || n == 0)
		return 0;
	while (*p != '\0') {
		while (*p == ' ' || *p == ',')
			p++;
		if (strncmp(p, "W/", 2) == 0)
			p += 2;
		if (strncmp(p, r->resp.etag, n) == 0 &&
		    (p[n] == '\0' || p[n] == ',' || p[n] == ' ')) {
			buf_reset(&r->resp.body);
			r->resp.status = 304;
			return 1;
		}
		while (*p != '\0' && *p != ',')
			p++;
	}
	return 0;
}

/*
 * Sets the login cookie for token tok (login_create(), login.c): the
 * __Host- prefix, Secure, HttpOnly, SameSite=Lax, for login_absolute
 * seconds.
 */
void
resp_login_cookie(struct request *r, const char *tok)
{
	free(r->resp.cookie);
	r->resp.cookie = xasprintf(LOGIN_COOKIE "=%s; Path=/; Secure; "
	    "HttpOnly; SameSite=Lax; Max-Age=%lld", tok,
	    r->cfg->num[CFG_LOGIN_ABSOLUTE]);
}

/* Tells the browser to drop its login cookie. */
void
resp_login_cookie_clear(struct request *r)
{
	free(r->resp.cookie);
	r->resp.cookie = xstrdup(LOGIN_COOKIE "=; Path=/; Secure; HttpOnly; "
	    "SameSite=Lax; Max-Age=0");
}

/*
 * Sets the device cookie (guard.c) to value: the browser logged in to an
 * email, and may pass that email's back-off later.  A year; Strict, as
 * only the login page's own requests need it.
 */
void
resp_device_cookie(struct request *r, const char *value)
{
	free(r->resp.device);
	r->resp.device = xasprintf(DEVICE_COOKIE "=%s; Path=/; Secure; "
	    "HttpOnly; SameSite=Strict; Max-Age=31536000", value);
}

/*
 * Starts a login for account (registering, logging in): the login row
 * with r->auth filled (login.c) and the cookie.  Returns 0, or the
 * error status with the response set.
 */
int
resp_login_start(struct request *r, long long account)
{
	struct why	 why = { NULL, "", 0 };
	char		 tok[65];
	enum outcome	 o;

	o = login_create(r, account, tok, &why);
	if (o == OUT_DB_DOWN) {
		r->resp.retry_after = 5;
		return resp_error(r, 503, "database_unavailable",
		    "the database is not reachable");
	}
	if (o != OUT_OK)
		return resp_outcome(r, o, &why);
	resp_login_cookie(r, tok);
	return 0;
}

/*
 * Answers with account id (account.c) and the login's CSRF token: what
 * registering, logging in and GET /api/account return.  Returns the
 * status.
 */
int
resp_account(struct request *r, int status, long long id)
{
	struct acct	 a;
	struct jw	*w;
	enum outcome	 o;

	if ((o = acct_load(r->db, id, &a)) != OUT_OK)
		return o == OUT_NOT_FOUND ? resp_error(r, 404, "not_found",
		    "no such account") : resp_outcome(r, o, NULL);
	w = resp_json(r, status);
	jw_obj(w);
	jw_key(w, "account");
	acct_write(w, &a);
	jw_kstr(w, "csrf_token", r->auth.csrf);
	jw_end(w);
	acct_release(&a);
	return resp_done(r, w);
}

/*
 * The caller has at least role need in session {id} (r->ids[0]; member.c
 * decides): 1, or the status of the refusal answered (404 for no role at
 * all, 403 for a smaller one).  Every handler that checks a session
 * before its work says it with this.
 */
int
resp_session_role(struct request *r, enum member_role need)
{
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;

	if ((o = member_check(r->db, r->ids[0], r->auth.account_id, need,
	    NULL, &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	return 1;
}
