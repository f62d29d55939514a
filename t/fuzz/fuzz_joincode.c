/* SPDX-License-Identifier: ISC */
/* fuzz_joincode.c: libFuzzer target for joincode_parse(). */
#include <stdlib.h>
#include <string.h>

#include "extern.h"

int LLVMFuzzerTestOneInput(const unsigned char *, size_t);

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char	 out[JOINCODE_LEN + 1], again[JOINCODE_LEN + 1];
	size_t	 i;

	if (joincode_parse((const char *)data, size, out) != 0)
		return 0;
	if (strlen(out) != JOINCODE_LEN)
		abort();
	for (i = 0; i < JOINCODE_LEN; i++)
		if (joincode_index(out[i]) < 0)
			abort();
	if (joincode_parse(out, JOINCODE_LEN, again) != 0 ||
	    strcmp(out, again) != 0)
		abort();
	return 0;
}
