/* SPDX-License-Identifier: ISC */
/* fuzz_path.c: libFuzzer target for path_normalize(). */
#include <stdlib.h>
#include <string.h>

#include "extern.h"

int LLVMFuzzerTestOneInput(const unsigned char *, size_t);

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char	*out = NULL, *again = NULL;

	if (path_normalize((const char *)data, size, &out) == 0) {
		/* Normalizing twice changes nothing, and stays absolute. */
		if (out[0] != '/' || strstr(out, "//") != NULL)
			abort();
		if (strchr(out, '%') == NULL &&
		    (path_normalize(out, strlen(out), &again) != 0 ||
		    strcmp(out, again) != 0))
			abort();
	}
	free(out);
	free(again);
	return 0;
}
