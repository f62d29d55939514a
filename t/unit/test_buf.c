/* SPDX-License-Identifier: ISC */
/*
 * test_buf.c: the capped buffer and parse_int().
 */
#include <limits.h>
#include <stdlib.h>

#include "extern.h"
#include "tap.h"

int
main(void)
{
	struct buf	 b;
	long long	 n;
	char		 big[600];
	int		 i;

	buf_init(&b, 1000);
	is_str(buf_str(&b), "", "empty buffer reads as \"\"");
	ok(buf_append(&b, "abc", 3) == 0, "append");
	ok(buf_appendf(&b, "-%d-", 42) == 0, "appendf");
	is_str(buf_str(&b), "abc-42-", "contents");
	memset(big, 'x', sizeof(big));
	big[sizeof(big) - 1] = '\0';
	ok(buf_appendf(&b, "%s", big) == 0, "appendf past the small buffer");
	is_int(b.len, 7 + 599, "length after long appendf");
	ok(buf_appendf(&b, "%s", big) == -1, "appendf past the cap fails");
	is_int(b.len, 7 + 599, "failed append leaves the buffer unchanged");
	for (i = 0; i < 2000; i++)
		if (buf_append(&b, "z", 1) == -1)
			break;
	is_int(b.len, 1000, "fills exactly to the cap");
	buf_reset(&b);
	is_int(b.len, 0, "reset empties");
	buf_release(&b);
	ok(b.data == NULL, "release frees");

	ok(parse_int("123", 3, 0, 1000, &n) == 0 && n == 123, "123");
	ok(parse_int("-5", 2, -10, 10, &n) == 0 && n == -5, "-5");
	ok(parse_int("1234", 3, 0, 1000, &n) == 0 && n == 123,
	    "length bounds the parse");
	ok(parse_int("9223372036854775807", 19, LLONG_MIN, LLONG_MAX, &n) == 0
	    && n == LLONG_MAX, "LLONG_MAX");
	ok(parse_int("-9223372036854775808", 20, LLONG_MIN, LLONG_MAX, &n) ==
	    0 && n == LLONG_MIN, "LLONG_MIN");
	ok(parse_int("9223372036854775808", 19, LLONG_MIN, LLONG_MAX, &n) ==
	    -1, "overflow refused");
	ok(parse_int("", 0, 0, 10, &n) == -1, "empty refused");
	ok(parse_int("-", 1, -10, 10, &n) == -1, "lone minus refused");
	ok(parse_int("+1", 2, 0, 10, &n) == -1, "plus refused");
	ok(parse_int(" 1", 2, 0, 10, &n) == -1, "space refused");
	ok(parse_int("1x", 2, 0, 10, &n) == -1, "trailing junk refused");
	ok(parse_int("11", 2, 0, 10, &n) == -1, "over max refused");
	ok(parse_int("-1", 2, 0, 10, &n) == -1, "under min refused");
	return done_testing();
}
