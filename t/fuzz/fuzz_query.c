/* SPDX-License-Identifier: ISC */
/* fuzz_query.c: libFuzzer target for pairs_parse() (queries, forms). */
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

	if (pairs_parse((const char *)data, size, size & 1, 64, &l, &e) == 0) {
		for (i = 0; i < l.n; i++)
			if (l.kv[i].key[0] == '\0' ||
			    strlen(l.kv[i].val) != l.kv[i].vallen)
				abort();
		kvlist_release(&l);
	}
	return 0;
}
