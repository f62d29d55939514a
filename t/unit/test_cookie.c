/* SPDX-License-Identifier: ISC */
/*
 * test_cookie.c: cookies_parse() (RFC 6265 5.2/5.4).
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

	s = "__Host-pf_login=abc123; theme=dark;lang = nl ; q=\"quoted\"";
	ok(cookies_parse(s, strlen(s), 10, &l, &e) == 0, "parse");
	is_int(l.n, 4, "four cookies");
	is_str(kvlist_get(&l, "__Host-pf_login")->val, "abc123", "token");
	is_str(kvlist_get(&l, "theme")->val, "dark", "no space after ;");
	is_str(kvlist_get(&l, "lang")->val, "nl", "spaces trimmed");
	is_str(kvlist_get(&l, "q")->val, "quoted", "quotes removed");
	kvlist_release(&l);

	s = "junk; =nokey; a=1; b";
	ok(cookies_parse(s, strlen(s), 10, &l, &e) == 0, "junk ignored");
	is_int(l.n, 1, "only a=1 kept");
	is_str(l.kv[0].key, "a", "kept a");
	kvlist_release(&l);

	s = "a=%41";
	ok(cookies_parse(s, strlen(s), 10, &l, &e) == 0, "no decoding");
	is_str(l.kv[0].val, "%41", "value is opaque");
	kvlist_release(&l);

	ok(cookies_parse("", 0, 10, &l, &e) == 0 && l.n == 0, "empty header");
	kvlist_release(&l);

	s = "a=1; b=2; c=3";
	ok(cookies_parse(s, strlen(s), 2, &l, &e) == -1 && e.status == 400,
	    "too many cookies refused");
	ok(cookies_parse("a=x\0y", 5, 10, &l, &e) == 0 && l.n == 0,
	    "cookie with NUL ignored");
	kvlist_release(&l);
	return done_testing();
}
