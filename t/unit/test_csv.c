/* SPDX-License-Identifier: ISC */
/* test_csv.c: CSV fields as spreadsheets read them, and no formulas. */
#include <stdlib.h>

#include "extern.h"
#include "tap.h"

static const char *
one(const char *s)
{
	static struct buf	 b;

	buf_release(&b);
	buf_init(&b, 4096);
	csv_field(&b, s, strlen(s), 1);
	return buf_str(&b);
}

int
main(void)
{
	struct buf	 b;

	buf_init(&b, 4096);
	csv_begin(&b);
	csv_field(&b, "a", 1, 1);
	csv_field(&b, "b", 1, 0);
	csv_row(&b);
	is_str(buf_str(&b), "\xef\xbb\xbf" "a,b\r\n", "BOM, commas, CRLF");
	buf_release(&b);
	is_str(one("plain"), "plain", "plain text as it is");
	is_str(one("a,b"), "\"a,b\"", "a comma quotes the field");
	is_str(one("say \"hi\""), "\"say \"\"hi\"\"\"", "quotes doubled");
	is_str(one("two\nlines"), "\"two\nlines\"", "a line break quotes it");
	is_str(one("=1+1"), "'=1+1", "a formula is defused");
	is_str(one("+31 20"), "'+31 20", "+ too");
	is_str(one("-2"), "'-2", "- too");
	is_str(one("@SUM(A1)"), "'@SUM(A1)", "@ too");
	is_str(one("=HYPERLINK(\"x\",1)"), "\"'=HYPERLINK(\"\"x\"\",1)\"",
	    "quoted and defused");
	is_str(one("caf\xc3\xa9"), "caf\xc3\xa9", "UTF-8 kept");
	is_str(one(""), "", "empty");
	return done_testing();
}
