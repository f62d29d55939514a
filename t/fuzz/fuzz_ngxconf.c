/* SPDX-License-Identifier: ISC */
/* fuzz_ngxconf.c: libFuzzer target for ngxconf_parse(). */
#include <stdlib.h>

#include "extern.h"

int LLVMFuzzerTestOneInput(const unsigned char *, size_t);

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct ngxconf	 c;
	size_t		 i;

	ngxconf_init(&c);
	(void)ngxconf_parse(&c, "fuzz.conf", (const char *)data, size);
	/* Every block's end lies after it and inside its parent's. */
	for (i = 0; i < c.ndir; i++)
		if ((c.dir[i].end != 0 && (c.dir[i].end <= i ||
		    c.dir[i].end > c.ndir)) || (c.dir[i].parent !=
		    NGXCONF_NONE && (c.dir[i].parent >= i ||
		    c.dir[c.dir[i].parent].end < i + 1)))
			abort();
	ngxconf_release(&c);
	return 0;
}
