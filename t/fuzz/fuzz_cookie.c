/* SPDX-License-Identifier: ISC */
/* fuzz_cookie.c: libFuzzer target for cookies_parse(). */
#include <stdlib.h>
#include <string.h>

#include "extern.h"

int LLVMFuzzerTestOneInput(const unsigned char *, size_t);

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct kvlist	 l;
	struct perr	 e;
	size_t		 i;

	if (cookies_parse((const char *)data, size, 64, &l, &e) == 0) {
		for (i = 0; i < l.n; i++)
			if (l.kv[i].key[0] == '\0' ||
			    strchr(l.kv[i].key, ';') != NULL)
				abort();
		kvlist_release(&l);
	}
	return 0;
}
