/* SPDX-License-Identifier: ISC */
/*
 * fuzz_round.c: libFuzzer target for round_validate(), round_settings()
 * and the results writers.  The first byte picks the round type and
 * settings; the rest is a JSON body, read both as a participant's
 * response and as a new round's settings.  What the validator passes is
 * tallied and written as JSON and CSV.
 */
#include <stdlib.h>
#include <string.h>

#include "extern.h"

/*
 * The round types by name: their numbers are round.c's alone (enum rtype
 * is file-local there), so the tests ask the table, as the program does.
 */
#define RT_BRAINSTORM	rtype_parse("brainstorm")
#define RT_CHOICE	rtype_parse("choice")
#define RT_RATING	rtype_parse("rating")
#define RT_RANKING	rtype_parse("ranking")
#define RT_POINTS	rtype_parse("points")
#define RT_STATEMENTS	rtype_parse("statements")
#define RT_OPEN		rtype_parse("open")
#define RT__MAX		rtype_count()

int LLVMFuzzerTestOneInput(const unsigned char *, size_t);

/*
 * What round_settings() accepted keeps the rules of round_create_in()
 * (docs/rounds.md); what it refused says why.
 */
static void
settings_hold(const struct jv *v, size_t nopts)
{
	struct roundspec s;
	struct why	 why;
	enum outcome	 rc;

	memset(&why, 0, sizeof(why));
	rc = round_settings(v, nopts, &s, &why);
	if (rc != OUT_OK) {
		if (rc != OUT_INVALID || why.code == NULL || why.msg[0] == '\0')
			abort();
		return;
	}
	if (s.type >= RT__MAX || s.min_picks < 1 || s.max_picks > 100 ||
	    s.scale_max < 5 || s.scale_max > 10 || s.top_n < 0 ||
	    s.top_n > 100 || s.budget < 1 || s.budget > 1000 ||
	    s.max_per_option < 0 || s.max_per_option > 1000 ||
	    s.max_length < 1 || s.max_length > 1000 ||
	    (s.no_opinion != 0 && s.no_opinion != 1))
		abort();
	if (nopts < rtype_min_options(s.type) ||
	    (!rtype_uses_options(s.type) && nopts > 0))
		abort();
	if (s.type == RT_CHOICE && (s.min_picks > s.max_picks ||
	    s.max_picks > (long long)nopts))
		abort();
	if (s.type == RT_RATING && s.scale_max != 5 && s.scale_max != 7 &&
	    s.scale_max != 10)
		abort();
	if (s.type == RT_RANKING && s.top_n > (long long)nopts)
		abort();
	if (jv_get(v, "criteria") != NULL && (!rtype_uses(s.type,
	    RS_CRITERIA) || jv_len(jv_get(v, "criteria")) > 10))
		abort();
}

/* Tallies the answers of one response and writes them both ways. */
static void
results_hold(const struct roundspec *s, const struct answers *a)
{
	static char	*labels[] = { "a", "b,c", "=d", "\"e\"", "f" };
	static char	*crits[] = { "x", "y" };
	struct results	 res;
	struct buf	 b;
	struct csvsink	 cs;
	struct tsink	 t;
	struct jw	*w;

	results_init(&res);
	results_fill(&res, s, a->a, a->n, 1);
	if (a->text != NULL)
		results_add_text(&res, a->text, a->textlen);
	buf_init(&b, 1024 * 1024);
	w = jw_new(&b);
	jw_obj(w);
	results_json(&res, w);
	jw_end(w);
	/* Every text passed the validator, so it is UTF-8. */
	if (jw_close(w) == -1)
		abort();
	buf_reset(&b);
	csv_sink(&cs, &b, &t);
	results_table(&res, labels, crits, &t);
	buf_release(&b);
	results_release(&res);
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static const struct limits lim = { 65536, 16, 4096, 64 };
	static const long long opts[] = { 1, 2, 3, 4, 5 };
	static const long long crits[] = { 7, 8 };
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
	s.type = data[0] % RT__MAX;
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
	/* Ratings with top_n's bit also have two criteria. */
	if (s.type == RT_RATING && (data[0] & 16)) {
		s.crits = crits;
		s.ncrits = 2;
	}
	if ((v = json_parse((const char *)data + 1, size - 1, &lim, &e)) == NULL)
		return 0;
	settings_hold(v, (data[0] >> 5) % 5);
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
		results_hold(&s, &a);
		answers_release(&a);
	}
	jv_free(v);
	return 0;
}
