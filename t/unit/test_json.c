/* SPDX-License-Identifier: ISC */
/*
 * test_json.c: json_parse() under limits, and the jw writer.
 */
#include <stdlib.h>

#include "extern.h"
#include "tap.h"

static struct limits	 lim = { 1024, 4, 64, 16 };

static void
refuse(const char *s, size_t len, int status, const char *frag,
    const char *what)
{
	struct perr	 e;
	struct jv	*v;

	memset(&e, 0, sizeof(e));
	v = json_parse(s, len, &lim, &e);
	ok(v == NULL && e.status == status && strstr(e.msg, frag) != NULL,
	    "%s refused (%d: %s)", what, e.status, e.msg);
	jv_free(v);
}

int
main(void)
{
	struct perr	 e;
	struct jv	*v;
	struct buf	 b;
	struct jw	*w;
	const char	*s, *str;
	long long	 n;
	size_t		 len;
	char		 big[2000];

	s = "{\"title\":\"Caf\\u00e9 \xe2\x82\xac\",\"n\":42,\"neg\":-7,"
	    "\"ok\":true,\"no\":null,\"list\":[1,2,{\"x\":\"y\"}],"
	    "\"f\":1.5}";
	v = json_parse(s, strlen(s), &lim, &e);
	ok(v != NULL, "valid document parses");
	ok(jv_type(v) == JV_OBJECT, "root is an object");
	str = jv_str(jv_get(v, "title"), &len);
	is_str(str, "Caf\xc3\xa9 \xe2\x82\xac", "escapes decoded to UTF-8");
	ok(jv_int(jv_get(v, "n"), &n) == 0 && n == 42, "integer");
	ok(jv_int(jv_get(v, "neg"), &n) == 0 && n == -7, "negative");
	ok(jv_int(jv_get(v, "f"), &n) == -1, "fraction is not an integer");
	ok(jv_bool(jv_get(v, "ok")) == 1, "boolean");
	ok(jv_bool(jv_get(v, "n")) == -1, "number is not a boolean");
	ok(jv_type(jv_get(v, "no")) == JV_NULL, "null");
	ok(jv_get(v, "missing") == NULL, "missing key");
	is_int(jv_len(jv_get(v, "list")), 3, "array length");
	is_str(jv_str(jv_get(jv_at(jv_get(v, "list"), 2), "x"), NULL), "y",
	    "nested lookup");
	is_str(jv_key(v, 1), "n", "keys in order");
	jv_free(v);

	s = "\"a\\u0000b\"";
	v = json_parse(s, strlen(s), &lim, &e);
	ok(v != NULL && jv_str(v, &len) != NULL && len == 3,
	    "NUL inside a string value keeps its length");
	jv_free(v);

	refuse("{\"a\":1,\"a\":2}", 13, 400, "duplicate", "duplicate key");
	refuse("{\"a\":{\"b\":1,\"b\":1}}", 19, 400, "duplicate",
	    "nested duplicate key");
	refuse("[[[[[1]]]]]", 11, 400, "deeply", "depth 5 over limit 4");
	s = "[[[[1]]]]";
	v = json_parse(s, strlen(s), &lim, &e);
	ok(v != NULL, "depth 4 at the limit parses");
	jv_free(v);
	refuse("\"\xff\"", 3, 400, "malformed", "invalid UTF-8");
	refuse("\"\xc0\xaf\"", 4, 400, "malformed", "overlong UTF-8");
	refuse("\"\xed\xa0\x80\"", 5, 400, "malformed", "UTF-8 surrogate");
	refuse("\"\xf4\x90\x80\x80\"", 6, 400, "malformed", "past U+10FFFF");
	refuse("{\"\xc0\xaf\":1}", 8, 400, "malformed", "overlong UTF-8 key");
	s = "\"\xf0\x9f\x98\x80\"";
	v = json_parse(s, strlen(s), &lim, &e);
	ok(v != NULL, "4-byte UTF-8 (emoji) accepted");
	jv_free(v);
	refuse("{\"a\":1", 6, 400, "malformed", "truncated");
	refuse("{\"a\":1} x", 9, 400, "malformed", "trailing garbage");
	refuse("{} {}", 5, 400, "malformed", "two documents");
	refuse("", 0, 400, "", "empty body");
	refuse("   ", 3, 400, "", "blank body");
	refuse("{'a':1}", 7, 400, "malformed", "single quotes");
	refuse("{\"a\\u0000\":1}", 13, 400, "NUL", "NUL in a key");
	s = "\"x\\ud800y\"";
	refuse(s, strlen(s), 400, "surrogate", "a lone high surrogate escape");
	s = "\"\\uDC00\"";
	refuse(s, strlen(s), 400, "surrogate", "a lone low surrogate escape");
	s = "\"\\ud800\\u0041\"";
	refuse(s, strlen(s), 400, "surrogate", "a high half before a non-low");
	s = "{\"\\ud800\":1}";
	refuse(s, strlen(s), 400, "surrogate", "a lone surrogate in a key");
	s = "\"\\ud800";
	refuse(s, strlen(s), 400, "surrogate", "a high half at the end");
	memset(&e, 0, sizeof(e));
	s = "[\"\\ud83d\\ude00\",\"\\\\ud800\"]";
	v = json_parse(s, strlen(s), &lim, &e);
	ok(v != NULL && (str = jv_str(jv_at(v, 0), &len)) != NULL &&
	    len == 4 && memcmp(str, "\xf0\x9f\x98\x80", 4) == 0,
	    "a surrogate pair is one character (U+1F600)");
	ok(v != NULL && (str = jv_str(jv_at(v, 1), &len)) != NULL &&
	    len == 6 && memcmp(str, "\\ud800", 6) == 0,
	    "an escaped backslash before \"ud800\" is text");
	jv_free(v);
	memset(big, ' ', sizeof(big));
	big[0] = '1';
	refuse(big, sizeof(big), 413, "larger", "body over max_body");
	s = "[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,"
	    "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,"
	    "1,1]";
	refuse(s, strlen(s), 400, "too many", "over json_nodes");

	buf_init(&b, 4096);
	w = jw_new(&b);
	jw_obj(w);
	jw_kstr(w, "s", "a\"b</script>\n");
	jw_kint(w, "i", -3);
	jw_kbool(w, "t", 1);
	jw_key(w, "a");
	jw_arr(w);
	jw_null(w);
	jw_int(w, 1);
	jw_end(w);
	jw_kstr(w, "z", NULL);
	jw_end(w);
	ok(jw_close(w) == 0, "writer completes");
	is_str(buf_str(&b), "{\"s\":\"a\\\"b<\\/script>\\n\",\"i\":-3,"
	    "\"t\":true,\"a\":[null,1],\"z\":null}", "written JSON");
	buf_release(&b);

	buf_init(&b, 4096);
	w = jw_new(&b);
	jw_str(w, "\xff");
	ok(jw_close(w) == -1, "writer refuses invalid UTF-8");
	buf_release(&b);

	buf_init(&b, 8);
	w = jw_new(&b);
	jw_str(w, "longer than eight bytes");
	ok(jw_close(w) == -1, "writer reports the cap");
	buf_release(&b);

	buf_init(&b, 64);
	w = jw_new(&b);
	jw_obj(w);
	ok(jw_close(w) == -1, "writer reports an unclosed object");
	buf_release(&b);
	return done_testing();
}
