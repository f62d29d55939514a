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
	if (vsnprintf(msg, sizeof(msg), fmt, ap) < 0)
		msg[0] = '\0';
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
