/* SPDX-License-Identifier: ISC */
/*
 * joincode.c: join codes.  Eight characters of Crockford's base32
 * (www.crockford.com/base32.html): 40 bits from the OS CSPRNG, shown as
 * XXXX-XXXX, typed in any case, with the look-alikes I and L read as 1
 * and O as 0, and dashes and spaces ignored.  Pure functions: unit tested
 * (format, a chi-square test per position) and fuzzed.
 */
#include <string.h>

#include "extern.h"
#include "banned.h"

static const char	 alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/*
 * A uniform index below n (n <= 256) from CSPRNG bytes, by rejection
 * sampling: bytes at or above the largest multiple of n are drawn again,
 * so no value is more likely than another.  Returns -1 without
 * randomness.
 */
static int
random_below(unsigned int n)
{
	unsigned char	 b;
	unsigned int	 lim = 256 - 256 % n;

	do {
		if (random_bytes(&b, 1) == -1)
			return -1;
	} while (b >= lim);
	return b % n;
}

/*
 * Writes a new code of JOINCODE_LEN characters and a NUL to out.
 * Returns 0, or -1 without randomness.
 */
int
joincode_new(char *out)
{
	size_t	 i;
	int	 v;

	for (i = 0; i < JOINCODE_LEN; i++) {
		if ((v = random_below(32)) < 0)
			return -1;
		out[i] = alphabet[v];
	}
	out[JOINCODE_LEN] = '\0';
	return 0;
}

/*
 * Reads what a person typed: any case, dashes and spaces ignored, I and L
 * as 1, O as 0.  Writes the canonical code (JOINCODE_LEN + 1 bytes).
 * Returns 0, or -1 if it is not a code.
 */
int
joincode_parse(const char *s, size_t len, char *out)
{
	size_t	 i, n = 0;
	int	 c;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c == '-' || c == ' ')
			continue;
		if (c >= 'a' && c <= 'z')
			c -= 'a' - 'A';
		if (c == 'I' || c == 'L')
			c = '1';
		else if (c == 'O')
			c = '0';
		if (c == '\0' || strchr(alphabet, c) == NULL || n == JOINCODE_LEN)
			return -1;
		out[n++] = (char)c;
	}
	if (n != JOINCODE_LEN)
		return -1;
	out[n] = '\0';
	return 0;
}

/* Writes code as XXXX-XXXX (10 bytes with the NUL). */
void
joincode_format(const char *code, char *out)
{
	memcpy(out, code, 4);
	out[4] = '-';
	memcpy(out + 5, code + 4, 4);
	out[9] = '\0';
}

/* Returns the index of c in the alphabet, or -1 (for tests). */
int
joincode_index(int c)
{
	const char	*p;

	if (c == '\0' || (p = strchr(alphabet, c)) == NULL)
		return -1;
	return (int)(p - alphabet);
}
