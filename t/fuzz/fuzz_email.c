/* SPDX-License-Identifier: ISC */
/* fuzz_email.c: libFuzzer target for email_normalize(). */
#include <stdlib.h>
#include <string.h>

#include "extern.h"

int LLVMFuzzerTestOneInput(const unsigned char *, size_t);

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char	 out[256], again[256];
	size_t	 i;

	if (email_normalize((const char *)data, size, out, sizeof(out)) != 0)
		return 0;
	/* A normalized address is one line, lowercase, and stable. */
	for (i = 0; out[i] != '\0'; i++)
		if ((unsigned char)out[i] < 0x21 || (out[i] >= 'A' &&
		    out[i] <= 'Z'))
			abort();
	if (email_normalize(out, strlen(out), again, sizeof(again)) != 0 ||
	    strcmp(out, again) != 0)
		abort();
	return 0;
}
