/* SPDX-License-Identifier: ISC */
/*
 * request.c: the pure parsers that turn what nginx passes into a struct
 * request: the path (normalized as nginx normalizes $uri before it
 * matches locations), query strings and forms, cookies, the method, and
 * JSON bodies through json.c.  Every parser works over (pointer, length),
 * does no I/O and is unit tested and fuzzed (t/unit, t/fuzz).
 */
#include <sys/types.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extern.h"
#include "banned.h"

/*
 * Percent-decodes len bytes of s into out (which has room for len + 1);
 * '+' becomes a space when plus is set (forms, RFC 1866 8.2.1).
 * Returns the decoded length, or -1 on a bad escape, a NUL or a control
 * character other than tab.
 */
static ssize_t
pct_decode(const char *s, size_t len, int plus, char *out)
{
	size_t	 i, o = 0;
	int	 hi, lo, c;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c == '%') {
			if (i + 2 >= len)
				return -1;
			if ((hi = hexdigit(s[i + 1])) < 0 ||
			    (lo = hexdigit(s[i + 2])) < 0)
				return -1;
			c = hi * 16 + lo;
			i += 2;
		} else if (c == '+' && plus)
			c = ' ';
		if (c == 0 || (c < 0x20 && c != '\t') || c == 0x7f)
			return -1;
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return (ssize_t)o;
}

/*
 * Normalizes an absolute URI path the way nginx does for location
 * matching (ngx_http_parse_complex_uri): percent-decoding, merged slashes,
 * "." and ".." segments resolved.  A ".." above the root, a bad escape, a
 * NUL or a control character is refused.  A trailing slash is kept.
 * Returns 0 and sets *out (caller frees), or -1.
 */
int
path_normalize(const char *s, size_t len, char **out)
{
	char	*dec = NULL, *res = NULL;
	ssize_t	 dlen;
	size_t	 i, o, seg, n;
	int	 dir = 1;	/* the path so far names a directory */

	*out = NULL;
	if (len == 0 || s[0] != '/')
		goto fail;
	dec = xmalloc(len + 1);
	if ((dlen = pct_decode(s, len, 0, dec)) < 0)
		goto fail;
	res = xmalloc((size_t)dlen + 2);
	o = i = 0;
	while (i < (size_t)dlen) {
		while (i < (size_t)dlen && dec[i] == '/')
			i++;
		if (i == (size_t)dlen) {
			dir = 1;
			break;
		}
		for (seg = i; i < (size_t)dlen && dec[i] != '/'; i++)
			continue;
		n = i - seg;
		if (n == 1 && dec[seg] == '.') {
			dir = 1;
		} else if (n == 2 && dec[seg] == '.' && dec[seg + 1] == '.') {
			if (o == 0)
				goto fail;	/* above the root */
			while (o > 0 && res[o - 1] != '/')
				o--;
			o--;		/* and the '/' before it */
			dir = 1;
		} else {
			res[o++] = '/';
			memcpy(res + o, dec + seg, n);
			o += n;
			dir = 0;
		}
	}
	if (dir)
		res[o++] = '/';
	res[o] = '\0';
	free(dec);
	*out = res;
	return 0;
fail:
	free(dec);
	free(res);
	return -1;
}

static void
perr_set(struct perr *e, int status, const char *msg)
{
	e->status = status;
	msgf(e->msg, sizeof(e->msg), "%s", msg);
}

/* Appends a pair, taking ownership of key and val. */
static void
kvlist_add(struct kvlist *l, char *key, char *val, size_t vallen)
{
	l->kv = xreallocarray(l->kv, l->n + 1, sizeof(struct kv));
	l->kv[l->n].key = key;
	l->kv[l->n].val = val;
	l->kv[l->n].vallen = vallen;
	l->n++;
}

/*
 * Parses an application/x-www-form-urlencoded string (a query string or a
 * form body; WHATWG URL, "application/x-www-form-urlencoded parsing"):
 * pairs separated by '&', "key=value" or a bare "key", percent escapes,
 * and '+' for a space when plus is set.  Empty pieces are skipped; an
 * empty key, a bad escape or more than max pairs is refused.
 * Returns 0 and fills l (caller releases), or -1 with e set (400).
 */
int
pairs_parse(const char *s, size_t len, int plus, size_t max,
    struct kvlist *l, struct perr *e)
{
	size_t	 i = 0, end, eq;
	char	*k, *v;
	ssize_t	 klen, vlen;

	l->kv = NULL;
	l->n = 0;
	while (i < len) {
		for (end = i; end < len && s[end] != '&'; end++)
			continue;
		if (end == i) {
			i++;
			continue;
		}
		for (eq = i; eq < end && s[eq] != '='; eq++)
			continue;
		if (l->n == max) {
			perr_set(e, 400, "too many parameters");
			goto fail;
		}
		k = xmalloc(eq - i + 1);
		klen = pct_decode(s + i, eq - i, plus, k);
		if (klen <= 0) {
			free(k);
			perr_set(e, 400, klen == 0 ? "empty parameter name" :
			    "malformed percent escape in parameter");
			goto fail;
		}
		if (eq < end) {
			v = xmalloc(end - eq);
			vlen = pct_decode(s + eq + 1, end - eq - 1, plus, v);
		} else {
			v = xstrdup("");
			vlen = 0;
		}
		if (vlen < 0) {
			free(k);
			free(v);
			perr_set(e, 400, "malformed percent escape in parameter");
			goto fail;
		}
		kvlist_add(l, k, v, (size_t)vlen);
		i = end + 1;
	}
	return 0;
fail:
	kvlist_release(l);
	return -1;
}

/*
 * Parses a Cookie header (RFC 6265 section 5.4 as sent; 5.2 for what to
 * ignore): "name=value" pairs separated by ";" and optional spaces.  A
 * piece without '=' or with an empty name is ignored, as browsers do;
 * values are opaque and not decoded, surrounding DQUOTEs removed.
 * Returns 0 and fills l, or -1 with e set (400) past max cookies.
 */
int
cookies_parse(const char *s, size_t len, size_t max, struct kvlist *l,
    struct perr *e)
{
	size_t	 i = 0, end, eq, ks, ke, vs, ve;

	l->kv = NULL;
	l->n = 0;
	while (i < len) {
		for (end = i; end < len && s[end] != ';'; end++)
			continue;
		for (eq = i; eq < end && s[eq] != '='; eq++)
			continue;
		ks = i;
		ke = eq;
		while (ks < ke && (s[ks] == ' ' || s[ks] == '\t'))
			ks++;
		while (ke > ks && (s[ke - 1] == ' ' || s[ke - 1] == '\t'))
			ke--;
		if (eq < end && ke > ks) {
			vs = eq + 1;
			ve = end;
			while (vs < ve && (s[vs] == ' ' || s[vs] == '\t'))
				vs++;
			while (ve > vs && (s[ve - 1] == ' ' || s[ve - 1] == '\t'))
				ve--;
			if (ve - vs >= 2 && s[vs] == '"' && s[ve - 1] == '"') {
				vs++;
				ve--;
			}
			if (memchr(s + ks, '\0', ke - ks) == NULL &&
			    memchr(s + vs, '\0', ve - vs) == NULL) {
				if (l->n == max) {
					perr_set(e, 400, "too many cookies");
					kvlist_release(l);
					return -1;
				}
				kvlist_add(l, xstrndup(s + ks, ke - ks),
				    xstrndup(s + vs, ve - vs), ve - vs);
			}
		}
		i = end + 1;
	}
	return 0;
}

/* Returns the first pair named key, or NULL. */
const struct kv *
kvlist_get(const struct kvlist *l, const char *key)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->kv[i].key, key) == 0)
			return &l->kv[i];
	return NULL;
}

void
kvlist_release(struct kvlist *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++) {
		free(l->kv[i].key);
		free(l->kv[i].val);
	}
	free(l->kv);
	l->kv = NULL;
	l->n = 0;
}

/* Method names, indexed by enum method. */
static const char *const methods[METHOD__MAX] = {
	"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OTHER"
};

/*
 * Maps a REQUEST_METHOD to enum method and its static name; NULL is
 * METHOD_OTHER.
 */
enum method
method_parse(const char *s, const char **name)
{
	enum method	 m;

	for (m = 0; s != NULL && m < METHOD_OTHER; m++)
		if (strcmp(s, methods[m]) == 0)
			break;
	if (s == NULL)
		m = METHOD_OTHER;
	*name = methods[m];
	return m;
}

/* Returns a method's name. */
const char *
method_name(enum method m)
{
	return methods[m < METHOD__MAX ? m : METHOD_OTHER];
}

/* Sets up an empty request for one worker's connection and limits. */
void
request_init(struct request *r, struct db *db, const struct limits *lim,
    const struct config *cfg)
{
	memset(r, 0, sizeof(*r));
	r->cfg = cfg;
	r->method = METHOD_OTHER;
	r->method_name = methods[METHOD_OTHER];
	r->db = db;
	r->limits = lim;
	r->resp.status = 200;
	r->resp.ctype = "application/json; charset=utf-8";
	buf_init(&r->resp.body, 4 * 1024 * 1024);
}

/*
 * Parses the body as JSON into r->json.  It must be labelled
 * application/json (415 otherwise) and within the limits (413 for size,
 * 400 for syntax, depth, duplicate keys or bad UTF-8).
 * Returns 0, or the HTTP status with the error response already set.
 */
int
request_json(struct request *r)
{
	struct perr	 e;
	size_t		 n;

	if (r->json != NULL)
		return 0;
	n = sizeof("application/json") - 1;
	if (r->ctype == NULL || strncasecmp(r->ctype, "application/json",
	    n) != 0 || (r->ctype[n] != '\0' && r->ctype[n] != ';' &&
	    r->ctype[n] != ' '))
		return resp_error(r, 415, "unsupported_media_type",
		    "the body must be JSON (Content-Type: application/json)");
	if (r->bodylen > r->limits->max_body)
		return resp_error(r, 413, "body_too_large",
		    "the body is larger than %zu bytes", r->limits->max_body);
	r->json = json_parse(r->body, r->bodylen, r->limits, &e);
	if (r->json == NULL)
		return resp_error(r, e.status, e.status == 413 ?
		    "body_too_large" : "malformed_json", "%s", e.msg);
	return 0;
}

/* Frees who is logged in on a request (part of struct request). */
void
authn_release(struct authn *a)
{
	free(a->email);
	free(a->display_name);
	free(a->role);
	memset(a, 0, sizeof(*a));
}

void
request_release(struct request *r)
{
	free(r->path);
	kvlist_release(&r->query);
	kvlist_release(&r->cookies);
	free(r->ctype);
	free(r->remote_addr);
	free(r->user_agent);
	free(r->origin);
	free(r->fetch_site);
	free(r->csrf_header);
	free(r->signature);
	free(r->if_none_match);
	free(r->projector);
	authn_release(&r->auth);
	free(r->resp.cookie);
	free(r->resp.device);
	free(r->later_arg);
	free(r->body);
	jv_free(r->json);
	buf_release(&r->resp.body);
	memset(r, 0, sizeof(*r));
}
