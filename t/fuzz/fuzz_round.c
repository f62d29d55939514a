/*
 * fuzz_round.c: libFuzzer target for round_validate().  The first byte
 * picks the round type and settings; the rest is the response body.
 */
#include <stdlib.h>
#include <string.h>

#include "extern.h"

int LLVMFuzzerTestOneInput(const unsigned char *, size_t);

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static const struct limits lim = { 65536, 16, 4096, 64 };
	static const long long opts[] = { 1, 2, 3, 4, 5 };
	struct roundspec s;
	struct answers	 a;
	struct perr	 e;
	struct jv	*v;
	char		 msg[200];
	long long	 sum = 0;
	size_t		 i;

	if (size < 1)
		return 0;
	memset(&s, 0, sizeof(s));
	s.type = (enum rtype)(data[0] % RT__MAX);
	s.opts = opts;
	s.nopts = 1 + (data[0] >> 5) % 5;
	s.min_picks = 1;
	s.max_picks = 2;
	s.scale_max = 5;
	s.no_opinion = data[0] & 8;
	s.top_n = data[0] & 16 ? 2 : 0;
	s.budget = 10;
	s.max_per_option = 6;
	s.max_length = 20;
	if ((v = json_parse((const char *)data + 1, size - 1, &lim, &e)) == NULL)
		return 0;
	if (round_validate(&s, v, &a, msg, sizeof(msg)) == 0) {
		/* What passed keeps the rules. */
		for (i = 0; i < a.n; i++) {
			if (a.a[i].option < 1 || a.a[i].option > (long long)s.nopts)
				abort();
			sum += a.a[i].value;
		}
		if (s.type == RT_POINTS && (sum < 1 || sum > s.budget))
			abort();
		if (s.type == RT_CHOICE && (a.n < 1 || a.n > 2))
			abort();
		answers_release(&a);
	}
	jv_free(v);
	return 0;
}
