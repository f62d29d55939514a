/* SPDX-License-Identifier: ISC */
/*
 * fuzz_cloud.c: libFuzzer target for the word cloud (cloud.c).  The
 * first byte picks the language; the rest, cut at each newline, are
 * answers.  The normal form of any bytes is valid UTF-8, no longer than
 * its input, and normal again unchanged; the cloud's JSON is written.
 */
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "buf.h"

int LLVMFuzzerTestOneInput(const unsigned char *, size_t);

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct cloud	 c;
	struct buf	 b;
	struct jw	*w;
	const char	*s, *e, *end;
	char		*n1, *n2;
	size_t		 l1, l2;
	enum lang	 l;

	if (size == 0)
		return 0;
	l = (enum lang)(data[0] % LANG__MAX);
	s = (const char *)data + 1;
	end = (const char *)data + size;
	n1 = cloud_normalize(s, (size_t)(end - s), &l1);
	if (l1 > (size_t)(end - s) || !utf8_valid(n1, l1) ||
	    strlen(n1) != l1)
		abort();
	n2 = cloud_normalize(n1, l1, &l2);
	if (l2 != l1 || memcmp(n1, n2, l1) != 0)
		abort();
	free(n1);
	free(n2);
	cloud_init(&c);
	for (; s < end; s = e + 1) {
		if ((e = memchr(s, '\n', (size_t)(end - s))) == NULL)
			e = end;
		cloud_add(&c, l, s, (size_t)(e - s));
	}
	cloud_finish(&c, NULL, 0);
	buf_init(&b, 1 << 22);
	w = jw_new(&b);
	cloud_json(&c, 1, w);
	jw_close(w);
	buf_release(&b);
	cloud_release(&c);
	return 0;
}
