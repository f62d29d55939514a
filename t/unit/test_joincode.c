/* SPDX-License-Identifier: ISC */
/*
 * test_joincode.c: join codes: 100,000 of them in the right format, few
 * enough repeats for 40 bits, each position uniform over the alphabet
 * (chi-square), and the parser's forgiving reading of what people type.
 */
#include <stdlib.h>

#include "extern.h"
#include "tap.h"

#define N	100000

int
main(void)
{
	static char	 codes[N][JOINCODE_LEN + 1];
	long		 count[JOINCODE_LEN][32];
	char		 out[JOINCODE_LEN + 1], fmt[10];
	double		 chi, e = N / 32.0, worst = 0;
	int		 i, j, bad = 0, dups = 0;

	memset(count, 0, sizeof(count));
	for (i = 0; i < N; i++) {
		if (joincode_new(codes[i]) == -1 ||
		    strlen(codes[i]) != JOINCODE_LEN)
			bad++;
		for (j = 0; j < JOINCODE_LEN; j++) {
			int k = joincode_index(codes[i][j]);
			if (k < 0)
				bad++;
			else
				count[j][k]++;
		}
		if (joincode_parse(codes[i], JOINCODE_LEN, out) == -1 ||
		    strcmp(out, codes[i]) != 0)
			bad++;
	}
	is_int(bad, 0, "100,000 codes: 8 characters of Crockford base32, "
	    "each read back as itself");
	qsort(codes, N, sizeof(codes[0]),
	    (int (*)(const void *, const void *))strcmp);
	for (i = 1; i < N; i++)
		dups += strcmp(codes[i], codes[i - 1]) == 0;
	/* 40 bits: about 0.005 repeats expected among 100,000. */
	ok(dups <= 2, "repeats among 100,000: %d (the database refuses "
	    "a code in use)", dups);
	for (j = 0; j < JOINCODE_LEN; j++) {
		chi = 0;
		for (i = 0; i < 32; i++)
			chi += (count[j][i] - e) * (count[j][i] - e) / e;
		if (chi > worst)
			worst = chi;
		/* 31 degrees of freedom: 84.2 is the p = 1e-6 quantile. */
		ok(chi < 84.2, "position %d uniform: chi-square %.1f", j, chi);
	}

	ok(joincode_parse("abcd-efgh", 9, out) == 0, "lowercase with a dash");
	is_str(out, "ABCDEFGH", "read as uppercase, dash dropped");
	ok(joincode_parse("1lI0 oO23", 9, out) == 0, "look-alikes");
	is_str(out, "11100023", "I and L are 1, O is 0");
	ok(joincode_parse("ABCDEFG", 7, out) == -1, "too short");
	ok(joincode_parse("ABCDEFGHJ", 9, out) == -1, "too long");
	ok(joincode_parse("ABCDEFGU", 8, out) == -1, "U is not in the alphabet");
	ok(joincode_parse("ABCD\0FGH", 8, out) == -1, "NUL refused");
	ok(joincode_parse("ABCD_EFG", 8, out) == -1, "other punctuation refused");
	joincode_format("ABCDEFGH", fmt);
	is_str(fmt, "ABCD-EFGH", "shown as XXXX-XXXX");
	(void)worst;
	return done_testing();
}
