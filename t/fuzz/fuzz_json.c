/* SPDX-License-Identifier: ISC */
/*
 * fuzz_json.c: libFuzzer target for json_parse(), then a round trip of
 * what parsed through the writer.
 */
#include <stdlib.h>
#include <string.h>

#include "extern.h"

int LLVMFuzzerTestOneInput(const unsigned char *, size_t);

static void
emit(struct jw *w, const struct jv *v)
{
	size_t		 i, len;
	const char	*s;

	switch (jv_type(v)) {
	case JV_OBJECT:
		jw_obj(w);
		for (i = 0; i < jv_len(v); i++) {
			jw_key(w, jv_key(v, i));
			emit(w, jv_at(v, i));
		}
		jw_end(w);
		break;
	case JV_ARRAY:
		jw_arr(w);
		for (i = 0; i < jv_len(v); i++)
			emit(w, jv_at(v, i));
		jw_end(w);
		break;
	case JV_STRING:
		s = jv_str(v, &len);
		jw_strn(w, s, len);
		break;
	case JV_BOOL:
		jw_bool(w, jv_bool(v));
		break;
	default:
		jw_null(w);
		break;
	}
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static const struct limits lim = { 65536, 16, 4096, 64 };
	struct perr	 e;
	struct jv	*v, *v2;
	struct buf	 b;
	struct jw	*w;

	if ((v = json_parse((const char *)data, size, &lim, &e)) == NULL)
		return 0;
	buf_init(&b, 1 << 20);
	w = jw_new(&b);
	emit(w, v);
	/* What parsed was valid UTF-8 within the depth: it must write. */
	if (jw_close(w) != 0)
		abort();
	if ((v2 = json_parse(b.data, b.len, &lim, &e)) == NULL)
		abort();
	jv_free(v2);
	jv_free(v);
	buf_release(&b);
	return 0;
}
