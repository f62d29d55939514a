/* SPDX-License-Identifier: ISC */
/*
 * test_query.c: pairs_parse(), for query strings and form bodies.
 */
#include <stdlib.h>

#include "extern.h"
#include "tap.h"

int
main(void)
{
	struct kvlist	 l;
	struct perr	 e;
	const char	*s;

	s = "a=1&b=two+words&c=%C3%A9&d&&e=";
	ok(pairs_parse(s, strlen(s), 1, 10, &l, &e) == 0, "parse %s", s);
	is_int(l.n, 5, "five pairs (empty piece skipped)");
	is_str(l.kv[0].key, "a", "first key");
	is_str(l.kv[0].val, "1", "first value");
	is_str(l.kv[1].val, "two words", "+ is a space in forms");
	is_str(l.kv[2].val, "\xc3\xa9", "percent-decoded UTF-8");
	is_str(l.kv[3].key, "d", "bare key");
	is_str(l.kv[3].val, "", "bare key has empty value");
	is_str(l.kv[4].val, "", "empty value");
	is_str(kvlist_get(&l, "b")->val, "two words", "kvlist_get finds b");
	ok(kvlist_get(&l, "zz") == NULL, "kvlist_get misses zz");
	kvlist_release(&l);

	s = "x=a+b";
	ok(pairs_parse(s, strlen(s), 0, 10, &l, &e) == 0, "no plus mode");
	is_str(l.kv[0].val, "a+b", "+ kept without plus mode");
	kvlist_release(&l);

	s = "k=v=w";
	ok(pairs_parse(s, strlen(s), 1, 10, &l, &e) == 0, "= in value");
	is_str(l.kv[0].val, "v=w", "value keeps later =");
	kvlist_release(&l);

	ok(pairs_parse("", 0, 1, 10, &l, &e) == 0 && l.n == 0, "empty");
	kvlist_release(&l);

	s = "a=%zz";
	ok(pairs_parse(s, strlen(s), 1, 10, &l, &e) == -1 && e.status == 400,
	    "bad escape refused with 400");
	ok(l.n == 0 && l.kv == NULL, "nothing left after refusal");
	s = "a=%00";
	ok(pairs_parse(s, strlen(s), 1, 10, &l, &e) == -1, "NUL refused");
	s = "=v";
	ok(pairs_parse(s, strlen(s), 1, 10, &l, &e) == -1, "empty key refused");
	s = "a=1&b=2&c=3";
	ok(pairs_parse(s, strlen(s), 1, 2, &l, &e) == -1 &&
	    strstr(e.msg, "too many") != NULL, "over max pairs refused");
	return done_testing();
}
