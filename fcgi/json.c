/* SPDX-License-Identifier: ISC */
/*
 * json.c: all JSON in and out of primoforum, the only file that includes
 * yajl.  Parsing builds a small tree (struct jv) through yajl's callbacks
 * so that limits hold while parsing, not after: nesting depth, number of
 * values, duplicate keys in an object (refused: RFC 8259 section 4 leaves
 * them undefined, and two readers could disagree on which one wins), and
 * UTF-8 (yajl validates strings).  Writing goes only through yajl_gen
 * (struct jw) into a capped struct buf, so nothing prints JSON by hand.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <yajl/yajl_gen.h>
#include <yajl/yajl_parse.h>

#include "extern.h"
#include "banned.h"

struct jv {
	enum jtype	 type;
	int		 b;		/* JV_BOOL */
	char		*s;		/* owned; string, or a number's text */
	size_t		 slen;
	struct jv	**v;		/* owned; array items, object values */
	char		**k;		/* owned; object keys (no NULs) */
	size_t		 n;
	size_t		 cap;
};

/* The parser's state while yajl calls back. */
struct jparse {
	struct jv		*root;
	struct jv		**stack;	/* owned; open arrays/objects */
	size_t			 depth;
	size_t			 nodes;
	char			*key;		/* owned; awaiting its value */
	const struct limits	*lim;
	struct perr		*err;
	int			 failed;	/* err set by a callback */
};

static void
jp_fail(struct jparse *p, const char *msg)
{
	p->failed = 1;
	p->err->status = 400;
	msgf(p->err->msg, sizeof(p->err->msg), "%s", msg);
}

/*
 * Adds v to the open container (or makes it the root), taking ownership.
 * Returns 1 to go on, 0 to stop yajl (error set).
 */
static int
jp_add(struct jparse *p, struct jv *v)
{
	struct jv	*top;

	if (++p->nodes > p->lim->json_nodes) {
		jv_free(v);
		jp_fail(p, "the JSON document has too many values");
		return 0;
	}
	if (p->depth == 0) {
		p->root = v;
		return 1;
	}
	top = p->stack[p->depth - 1];
	if (top->n == top->cap) {
		top->cap = top->cap ? top->cap * 2 : 4;
		top->v = xreallocarray(top->v, top->cap, sizeof(*top->v));
		if (top->type == JV_OBJECT)
			top->k = xreallocarray(top->k, top->cap,
			    sizeof(*top->k));
	}
	if (top->type == JV_OBJECT) {
		top->k[top->n] = p->key;
		p->key = NULL;
	}
	top->v[top->n++] = v;
	return 1;
}

static struct jv *
jv_new(enum jtype t)
{
	struct jv	*v;

	v = xcalloc(1, sizeof(*v));
	v->type = t;
	return v;
}

static int
cb_null(void *ctx)
{
	return jp_add(ctx, jv_new(JV_NULL));
}

static int
cb_bool(void *ctx, int b)
{
	struct jv	*v = jv_new(JV_BOOL);

	v->b = b != 0;
	return jp_add(ctx, v);
}

static int
cb_number(void *ctx, const char *s, size_t len)
{
	struct jv	*v = jv_new(JV_NUMBER);

	v->s = xstrndup(s, len);
	v->slen = len;
	return jp_add(ctx, v);
}

static int
cb_string(void *ctx, const unsigned char *s, size_t len)
{
	struct jv	*v;

	if (!utf8_valid((const char *)s, len)) {
		jp_fail(ctx, "malformed JSON: a string is not valid UTF-8");
		return 0;
	}
	v = jv_new(JV_STRING);
	v->s = xstrndup((const char *)s, len);
	v->slen = len;
	return jp_add(ctx, v);
}

static int
cb_start(struct jparse *p, enum jtype t)
{
	struct jv	*v;

	if (p->depth >= p->lim->json_depth) {
		jp_fail(p, "the JSON document is nested too deeply");
		return 0;
	}
	v = jv_new(t);
	if (!jp_add(p, v))
		return 0;
	p->stack = xreallocarray(p->stack, p->depth + 1, sizeof(*p->stack));
	p->stack[p->depth++] = v;
	return 1;
}

static int
cb_start_map(void *ctx)
{
	return cb_start(ctx, JV_OBJECT);
}

static int
cb_start_array(void *ctx)
{
	return cb_start(ctx, JV_ARRAY);
}

static int
cb_end(void *ctx)
{
	struct jparse	*p = ctx;

	p->depth--;
	return 1;
}

static int
cb_map_key(void *ctx, const unsigned char *s, size_t len)
{
	struct jparse	*p = ctx;
	struct jv	*top = p->stack[p->depth - 1];
	size_t		 i;

	if (memchr(s, '\0', len) != NULL) {
		jp_fail(p, "a JSON key contains a NUL character");
		return 0;
	}
	if (!utf8_valid((const char *)s, len)) {
		jp_fail(p, "malformed JSON: a key is not valid UTF-8");
		return 0;
	}
	for (i = 0; i < top->n; i++)
		if (strlen(top->k[i]) == len && memcmp(top->k[i], s, len) == 0) {
			jp_fail(p, "a JSON object has a duplicate key");
			return 0;
		}
	free(p->key);
	p->key = xstrndup((const char *)s, len);
	return 1;
}

static const yajl_callbacks callbacks = {
	cb_null, cb_bool, NULL, NULL, cb_number, cb_string,
	cb_start_map, cb_map_key, cb_end, cb_start_array, cb_end
};

/* The value of the 4 hex digits at s, or -1. */
static long
hex4(const char *s)
{
	long	 v = 0;
	int	 i, d;

	for (i = 0; i < 4; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			d = s[i] - '0';
		else if (s[i] >= 'a' && s[i] <= 'f')
			d = s[i] - 'a' + 10;
		else if (s[i] >= 'A' && s[i] <= 'F')
			d = s[i] - 'A' + 10;
		else
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/*
 * Do the \u escapes of the len bytes at s form valid UTF-16 (RFC 8259,
 * section 7)?  yajl turns half a surrogate pair into "?", so what was
 * sent would not be what is stored: such an escape is refused, as
 * invalid UTF-8 bytes are.  A backslash is only ever inside a string
 * in JSON, so no string state is needed; what is not JSON yajl refuses.
 * Returns 1 if they do, 0 if not.
 */
static int
surrogates_ok(const char *s, size_t len)
{
	size_t	 i;
	long	 c, d;

	for (i = 0; i + 1 < len; i++) {
		if (s[i] != '\\')
			continue;
		if (s[++i] != 'u')
			continue;	/* \\, \" and the others: skipped */
		if (i + 4 >= len || (c = hex4(s + i + 1)) < 0)
			continue;	/* yajl's error */
		i += 4;
		if (c >= 0xdc00 && c <= 0xdfff)
			return 0;	/* a low half alone */
		if (c < 0xd800 || c > 0xdbff)
			continue;
		if (i + 6 >= len || s[i + 1] != '\\' || s[i + 2] != 'u' ||
		    (d = hex4(s + i + 3)) < 0xdc00 || d > 0xdfff)
			return 0;	/* a high half without its low */
		i += 6;
	}
	return 1;
}

/*
 * Parses len bytes as one JSON value under the limits.
 * Returns the tree (free with jv_free), or NULL with e set (400, or 413
 * past lim->max_body).
 */
struct jv *
json_parse(const char *s, size_t len, const struct limits *lim,
    struct perr *e)
{
	struct jparse	 p;
	yajl_handle	 h;
	yajl_status	 st;
	unsigned char	*msg;
	size_t		 i;

	memset(&p, 0, sizeof(p));
	p.lim = lim;
	p.err = e;
	if (len > lim->max_body) {
		e->status = 413;
		msgf(e->msg, sizeof(e->msg), "the body is larger than "
		    "%zu bytes", lim->max_body);
		return NULL;
	}
	if (!surrogates_ok(s, len)) {
		e->status = 400;
		msgf(e->msg, sizeof(e->msg), "malformed JSON: a \\u escape "
		    "that is half of a surrogate pair");
		return NULL;
	}
	if ((h = yajl_alloc(&callbacks, NULL, &p)) == NULL)
		return NULL;
	st = yajl_parse(h, (const unsigned char *)s, len);
	if (st == yajl_status_ok)
		st = yajl_complete_parse(h);
	if (st != yajl_status_ok && !p.failed) {
		msg = yajl_get_error(h, 0, (const unsigned char *)s, len);
		e->status = 400;
		msgf(e->msg, sizeof(e->msg), "malformed JSON: %s",
		    msg != NULL ? (char *)msg : "syntax error");
		if (msg != NULL)
			yajl_free_error(h, msg);
		for (i = 0; e->msg[i] != '\0'; i++)
			if (e->msg[i] == '\n')
				e->msg[i] = ' ';
		p.failed = 1;
	}
	yajl_free(h);
	free(p.stack);
	free(p.key);
	if (p.failed || p.root == NULL) {
		if (!p.failed) {
			e->status = 400;
			msgf(e->msg, sizeof(e->msg), "empty JSON body");
		}
		jv_free(p.root);
		return NULL;
	}
	return p.root;
}

void
jv_free(struct jv *v)
{
	size_t	 i;

	if (v == NULL)
		return;
	for (i = 0; i < v->n; i++) {
		jv_free(v->v[i]);
		if (v->k != NULL)
			free(v->k[i]);
	}
	free(v->v);
	free(v->k);
	free(v->s);
	free(v);
}

/* Returns the type; a NULL value counts as JSON null. */
enum jtype
jv_type(const struct jv *v)
{
	return v == NULL ? JV_NULL : v->type;
}

/* Returns the member named key of an object, or NULL. */
const struct jv *
jv_get(const struct jv *v, const char *key)
{
	size_t	 i;

	if (v == NULL || v->type != JV_OBJECT)
		return NULL;
	for (i = 0; i < v->n; i++)
		if (strcmp(v->k[i], key) == 0)
			return v->v[i];
	return NULL;
}

/* Returns the number of items of an array or members of an object. */
size_t
jv_len(const struct jv *v)
{
	if (v == NULL || (v->type != JV_ARRAY && v->type != JV_OBJECT))
		return 0;
	return v->n;
}

/* Returns item i of an array or object, or NULL. */
const struct jv *
jv_at(const struct jv *v, size_t i)
{
	if (i >= jv_len(v))
		return NULL;
	return v->v[i];
}

/* Returns key i of an object, or NULL. */
const char *
jv_key(const struct jv *v, size_t i)
{
	if (v == NULL || v->type != JV_OBJECT || i >= v->n)
		return NULL;
	return v->k[i];
}

/* Returns a string's bytes (NUL-terminated; may hold NULs), or NULL. */
const char *
jv_str(const struct jv *v, size_t *len)
{
	if (v == NULL || v->type != JV_STRING)
		return NULL;
	if (len != NULL)
		*len = v->slen;
	return v->s;
}

/* Returns a number's text as it came (for copying it on), or NULL. */
const char *
jv_numtext(const struct jv *v, size_t *len)
{
	if (v == NULL || v->type != JV_NUMBER)
		return NULL;
	*len = v->slen;
	return v->s;
}

/*
 * Reads an integral number (no fraction or exponent) that fits a long long.
 * Returns 0, or -1 if v is not one.
 */
int
jv_int(const struct jv *v, long long *out)
{
	if (v == NULL || v->type != JV_NUMBER)
		return -1;
	return parse_int(v->s, v->slen, LLONG_MIN, LLONG_MAX, out);
}

/* Returns 1 for true, 0 for false, -1 if v is not a boolean. */
int
jv_bool(const struct jv *v)
{
	if (v == NULL || v->type != JV_BOOL)
		return -1;
	return v->b;
}

/*
 * The writer.  Output goes to a capped struct buf; past the cap (or on a
 * string that is not UTF-8) the writer remembers the failure and
 * jw_free() reports it, so callers write without checking each call.
 */
#define JW_DEPTH 32
struct jw {
	yajl_gen	 g;
	struct buf	*out;
	int		 failed;
	size_t		 depth;
	char		 open[JW_DEPTH];	/* 'o'bject or 'a'rray */
};

static void
jw_print(void *ctx, const char *s, size_t len)
{
	struct jw	*w = ctx;

	if (buf_append(w->out, s, len) == -1)
		w->failed = 1;
}

/* Starts a writer appending to out.  Free with jw_free(). */
struct jw *
jw_new(struct buf *out)
{
	struct jw	*w;

	w = xcalloc(1, sizeof(*w));
	w->out = out;
	if ((w->g = yajl_gen_alloc(NULL)) == NULL) {
		log_warnx("yajl_gen_alloc failed");
		_exit(70);
	}
	yajl_gen_config(w->g, yajl_gen_print_callback, jw_print, w);
	yajl_gen_config(w->g, yajl_gen_validate_utf8, 1);
	/* "\/" keeps "</script>" out of any JSON that lands in a page. */
	yajl_gen_config(w->g, yajl_gen_escape_solidus, 1);
	return w;
}

/*
 * Frees the writer.  Returns 0 if everything written was complete and
 * valid, -1 otherwise (cap passed, bad UTF-8, unbalanced containers).
 */
int
jw_close(struct jw *w)
{
	int	 rc;

	if (w == NULL)
		return -1;
	rc = w->failed || w->depth != 0 ? -1 : 0;
	yajl_gen_free(w->g);
	free(w);
	return rc;
}

void
jw_free(struct jw *w)
{
	(void)jw_close(w);
}

static void
jw_check(struct jw *w, yajl_gen_status st)
{
	if (st != yajl_gen_status_ok)
		w->failed = 1;
}

static void
jw_open(struct jw *w, char kind)
{
	if (w->depth == JW_DEPTH) {
		w->failed = 1;
		return;
	}
	w->open[w->depth++] = kind;
	jw_check(w, kind == 'o' ? yajl_gen_map_open(w->g) :
	    yajl_gen_array_open(w->g));
}

void
jw_obj(struct jw *w)
{
	jw_open(w, 'o');
}

void
jw_arr(struct jw *w)
{
	jw_open(w, 'a');
}

/*
 * Closes the innermost open object or array.  yajl does not check which
 * one is open, so the writer keeps its own stack.
 */
void
jw_end(struct jw *w)
{
	if (w->depth == 0) {
		w->failed = 1;
		return;
	}
	w->depth--;
	jw_check(w, w->open[w->depth] == 'o' ? yajl_gen_map_close(w->g) :
	    yajl_gen_array_close(w->g));
}

void
jw_key(struct jw *w, const char *k)
{
	jw_str(w, k);
}

void
jw_str(struct jw *w, const char *s)
{
	jw_strn(w, s, strlen(s));
}

void
jw_strn(struct jw *w, const char *s, size_t len)
{
	jw_check(w, yajl_gen_string(w->g, (const unsigned char *)s, len));
}

void
jw_int(struct jw *w, long long n)
{
	jw_check(w, yajl_gen_integer(w->g, n));
}

void
jw_bool(struct jw *w, int b)
{
	jw_check(w, yajl_gen_bool(w->g, b));
}

void
jw_null(struct jw *w)
{
	jw_check(w, yajl_gen_null(w->g));
}

/*
 * Writes s, a complete JSON value made by another writer (a cached
 * fragment), as the next value.  yajl emits a "number" as given, with
 * the separators around it: that is the only way to splice.
 */
void
jw_raw(struct jw *w, const char *s, size_t len)
{
	jw_check(w, yajl_gen_number(w->g, s, len));
}

void
jw_kstr(struct jw *w, const char *k, const char *v)
{
	jw_key(w, k);
	if (v == NULL)
		jw_null(w);
	else
		jw_str(w, v);
}

void
jw_kint(struct jw *w, const char *k, long long v)
{
	jw_key(w, k);
	jw_int(w, v);
}

void
jw_kbool(struct jw *w, const char *k, int v)
{
	jw_key(w, k);
	jw_bool(w, v);
}

/* Writes a number rounded to two decimals (means, medians, spreads). */
void
jw_kfixed(struct jw *w, const char *k, double v)
{
	char	 num[64];
	int	 n;

	jw_key(w, k);
	n = snprintf(num, sizeof(num), "%.2f", v);
	if (n <= 0 || (size_t)n >= sizeof(num))
		w->failed = 1;
	else
		jw_check(w, yajl_gen_number(w->g, num, (size_t)n));
}
