/* SPDX-License-Identifier: ISC */
/*
 * validate.c: request bodies checked against a table of fields, as
 * kcgi's validators are: every handler that takes a body declares its
 * fields (name, type, required, range) and calls fields_check() first.
 * A body that is not an object, has a field the table does not name,
 * lacks a required one or has one of the wrong type or size gets 422
 * with a message that names the field and the rule.
 */
#include <stdio.h>
#include <string.h>

#include "extern.h"
#include "banned.h"

/* Returns 1 if s holds a control character (other than none allowed). */
static int
has_control(const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 1;
	return 0;
}

int
fields_check(struct request *r, const struct field *f, size_t n)
{
	const struct jv	*v;
	const char	*k, *s;
	size_t		 i, j, len, cps;
	long long	 x;

	if (jv_type(r->json) != JV_OBJECT)
		return resp_error(r, r->json == NULL ? 400 : 422,
		    r->json == NULL ? "body_required" : "invalid_body",
		    "the body must be a JSON object");
	for (i = 0; (k = jv_key(r->json, i)) != NULL; i++) {
		for (j = 0; j < n; j++)
			if (strcmp(k, f[j].name) == 0)
				break;
		if (j == n)
			return resp_error(r, 422, "unknown_field",
			    "unknown field \"%.40s\"", k);
	}
	for (j = 0; j < n; j++) {
		v = jv_get(r->json, f[j].name);
		if (v == NULL || jv_type(v) == JV_NULL) {
			if (f[j].required)
				return resp_error(r, 422, "missing_field",
				    "%s is required", f[j].name);
			continue;
		}
		switch (f[j].type) {
		case FT_STRING:
		case FT_SECRET:
			if ((s = jv_str(v, &len)) == NULL)
				return resp_error(r, 422, "invalid_field",
				    "%s must be a string", f[j].name);
			cps = utf8_len(s, len);
			if ((long long)cps < f[j].min ||
			    (long long)cps > f[j].max)
				return resp_error(r, 422, "invalid_field",
				    "%s must be %lld to %lld characters",
				    f[j].name, f[j].min, f[j].max);
			if (f[j].type == FT_STRING && has_control(s, len))
				return resp_error(r, 422, "invalid_field",
				    "%s must not contain control characters",
				    f[j].name);
			break;
		case FT_INT:
			if (jv_int(v, &x) == -1 || x < f[j].min ||
			    x > f[j].max)
				return resp_error(r, 422, "invalid_field",
				    "%s must be a whole number from %lld to "
				    "%lld", f[j].name, f[j].min, f[j].max);
			break;
		case FT_BOOL:
			if (jv_bool(v) == -1)
				return resp_error(r, 422, "invalid_field",
				    "%s must be true or false", f[j].name);
			break;
		case FT_STRLIST:
			if (jv_type(v) != JV_ARRAY || jv_len(v) > 100)
				return resp_error(r, 422, "invalid_field",
				    "%s must be a list of at most 100 texts",
				    f[j].name);
			for (i = 0; i < jv_len(v); i++) {
				s = jv_str(jv_at(v, i), &len);
				cps = s != NULL ? utf8_len(s, len) : 0;
				if (s == NULL || (long long)cps < f[j].min ||
				    (long long)cps > f[j].max ||
				    has_control(s, len))
					return resp_error(r, 422,
					    "invalid_field", "each of %s must "
					    "be a text of %lld to %lld "
					    "characters", f[j].name, f[j].min,
					    f[j].max);
			}
			break;
		case FT_LIST:
			if (jv_type(v) != JV_ARRAY ||
			    (long long)jv_len(v) > f[j].max)
				return resp_error(r, 422, "invalid_field",
				    "%s must be a list of at most %lld",
				    f[j].name, f[j].max);
			break;
		}
	}
	return 0;
}

/* Returns a string field of the checked body, or NULL if absent. */
const char *
field_str(const struct request *r, const char *name, size_t *len)
{
	return jv_str(jv_get(r->json, name), len);
}

/* Reads an integer field of the checked body.  Returns 0 or -1. */
int
field_int(const struct request *r, const char *name, long long *out)
{
	return jv_int(jv_get(r->json, name), out);
}
