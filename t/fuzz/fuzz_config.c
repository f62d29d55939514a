/* SPDX-License-Identifier: ISC */
/* fuzz_config.c: libFuzzer target for config_parse(). */
#include <stdlib.h>

#include "extern.h"

int LLVMFuzzerTestOneInput(const unsigned char *, size_t);

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct config	 c;
	char		 err[256];

	config_init(&c);
	(void)config_parse(&c, (const char *)data, size, err, sizeof(err));
	config_release(&c);
	return 0;
}
