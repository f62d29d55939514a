/*
 * test_round.c: round_validate() rule by rule, and round_results()
 * against results computed by hand.
 */
#include <stdlib.h>

#include "extern.h"
#include "tap.h"

static struct limits	 lim = { 65536, 16, 4096, 64 };
static const long long	 opts[] = { 11, 12, 13, 14 };

static int
check(struct roundspec *s, const char *body, struct answers *a, char *msg)
{
	struct perr	 e;
	struct jv	*v;
	int		 rc;

	v = json_parse(body, strlen(body), &lim, &e);
	rc = round_validate(s, v, a, msg, 200);
	jv_free(v);
	return rc;
}

static void
refuse(struct roundspec *s, const char *body, const char *frag)
{
	struct answers	 a;
	char		 msg[200] = "";

	ok(check(s, body, &a, msg) == -1 && strstr(msg, frag) != NULL,
	    "%s refused: %s", body, msg);
}

static char *
results(struct roundspec *s, const struct answer *v, size_t n, long long r)
{
	static struct buf	 b;
	struct jw		*w;

	buf_release(&b);
	buf_init(&b, 65536);
	w = jw_new(&b);
	jw_obj(w);
	round_results(s, v, n, r, w);
	jw_end(w);
	jw_close(w);
	return b.data;
}

int
main(void)
{
	struct roundspec s;
	struct answers	 a;
	char		 msg[200];
	const char	*out;

	memset(&s, 0, sizeof(s));
	s.opts = opts;
	s.nopts = 4;

	/* choice */
	s.type = RT_CHOICE;
	s.min_picks = 1;
	s.max_picks = 2;
	ok(check(&s, "{\"choices\":[11,13]}", &a, msg) == 0 && a.n == 2,
	    "choice: two picks");
	answers_release(&a);
	refuse(&s, "{\"choices\":[11,12,13]}", "choose from 1 to 2");
	refuse(&s, "{\"choices\":[]}", "choose from 1 to 2");
	refuse(&s, "{\"choices\":[99]}", "not an option");
	refuse(&s, "{\"choices\":[11,11]}", "chosen twice");
	refuse(&s, "{\"choices\":\"11\"}", "must be a list");
	refuse(&s, "[11]", "JSON object");

	/* rating */
	s.type = RT_RATING;
	s.scale_max = 5;
	s.no_opinion = 1;
	ok(check(&s, "{\"ratings\":[{\"option\":11,\"value\":5},"
	    "{\"option\":12,\"value\":null}]}", &a, msg) == 0 &&
	    a.a[1].value == 0, "rating: null is no opinion (0)");
	answers_release(&a);
	refuse(&s, "{\"ratings\":[{\"option\":11,\"value\":6}]}",
	    "rate from 1 to 5");
	refuse(&s, "{\"ratings\":[{\"option\":11,\"value\":0}]}",
	    "rate from 1 to 5");
	refuse(&s, "{\"ratings\":[{\"option\":11,\"value\":2},"
	    "{\"option\":11,\"value\":3}]}", "answered twice");
	refuse(&s, "{\"ratings\":[{\"option\":11,\"value\":2.5}]}",
	    "whole number");
	s.no_opinion = 0;
	refuse(&s, "{\"ratings\":[{\"option\":11,\"value\":null}]}",
	    "no \"no opinion\"");

	/* multi-criteria rating */
	{
		static const long long crits[] = { 21, 22 };
		s.crits = crits;
		s.ncrits = 2;
		s.no_opinion = 1;
		ok(check(&s, "{\"ratings\":[{\"option\":11,\"criterion\":21,"
		    "\"value\":4},{\"option\":11,\"criterion\":22,\"value\":2}]}",
		    &a, msg) == 0 && a.n == 2 && a.a[1].criterion == 22,
		    "multi-criteria: one option on two criteria");
		answers_release(&a);
		refuse(&s, "{\"ratings\":[{\"option\":11,\"value\":4}]}",
		    "names no criterion");
		refuse(&s, "{\"ratings\":[{\"option\":11,\"criterion\":99,"
		    "\"value\":4}]}", "names no criterion");
		refuse(&s, "{\"ratings\":[{\"option\":11,\"criterion\":21,"
		    "\"value\":4},{\"option\":11,\"criterion\":21,"
		    "\"value\":3}]}", "rated twice on one criterion");
		s.crits = NULL;
		s.ncrits = 0;
		refuse(&s, "{\"ratings\":[{\"option\":11,\"criterion\":21,"
		    "\"value\":4}]}", "no criteria");
	}

	/* ranking */
	s.type = RT_RANKING;
	s.top_n = 0;
	ok(check(&s, "{\"ranking\":[13,11,14,12]}", &a, msg) == 0 &&
	    a.a[0].option == 13 && a.a[0].value == 1 && a.a[3].value == 4,
	    "ranking: best first, ranks 1..4");
	answers_release(&a);
	refuse(&s, "{\"ranking\":[13,11,14]}", "rank exactly 4");
	refuse(&s, "{\"ranking\":[13,13,14,12]}", "ranked twice");
	s.top_n = 2;
	ok(check(&s, "{\"ranking\":[12,14]}", &a, msg) == 0, "top 2");
	answers_release(&a);
	refuse(&s, "{\"ranking\":[12,14,11]}", "rank exactly 2");

	/* points */
	s.type = RT_POINTS;
	s.budget = 10;
	s.max_per_option = 6;
	ok(check(&s, "{\"points\":[{\"option\":11,\"points\":6},"
	    "{\"option\":12,\"points\":0},{\"option\":13,\"points\":4}]}", &a,
	    msg) == 0 && a.n == 2, "points: 10 of 10, zeroes dropped");
	answers_release(&a);
	refuse(&s, "{\"points\":[{\"option\":11,\"points\":6},"
	    "{\"option\":12,\"points\":5}]}", "11 points is over the budget of 10");
	refuse(&s, "{\"points\":[{\"option\":11,\"points\":7}]}",
	    "at most 6 points per option");
	refuse(&s, "{\"points\":[{\"option\":11,\"points\":-1}]}", "negative");
	refuse(&s, "{\"points\":[{\"option\":11,\"points\":0}]}",
	    "at least one point");
	refuse(&s, "{\"points\":[{\"option\":11,\"points\":"
	    "9223372036854775807},{\"option\":12,\"points\":"
	    "9223372036854775807}]}", "budget");

	/* statements */
	s.type = RT_STATEMENTS;
	ok(check(&s, "{\"answers\":[{\"option\":11,\"value\":0},"
	    "{\"option\":12,\"value\":5}]}", &a, msg) == 0, "statements: pass "
	    "and agree");
	answers_release(&a);
	refuse(&s, "{\"answers\":[{\"option\":11,\"value\":6}]}", "1 to 5");

	/* open */
	s.type = RT_OPEN;
	s.max_length = 10;
	ok(check(&s, "{\"text\":\"caf\\u00e9 ok\"}", &a, msg) == 0 &&
	    strcmp(a.text, "caf\xc3\xa9 ok") == 0, "open: text kept");
	answers_release(&a);
	refuse(&s, "{\"text\":\"\"}", "1 to 10");
	refuse(&s, "{\"text\":\"eleven chars\"}", "1 to 10");
	s.type = RT_BRAINSTORM;
	refuse(&s, "{\"text\":\"x\"}", "ideas");

	/* Results, computed by hand. */
	{
		/* Rating 1-5 of option 11 by four people: 1, 2, 4, 5 and a
		 * no-opinion: mean 3, median 3, population sd sqrt(2.5). */
		struct answer v[] = { {11, 0, 1}, {11, 0, 2}, {11, 0, 4}, {11, 0, 5},
		    {11, 0, 0}, {12, 0, 3} };
		s.type = RT_RATING;
		s.scale_max = 5;
		out = results(&s, v, 6, 5);
		ok(strstr(out, "{\"option\":11,\"count\":4,\"no_opinion\":1,"
		    "\"mean\":3.00,\"median\":3.00,\"sd\":1.58,"
		    "\"distribution\":[1,1,0,1,1]}") != NULL,
		    "rating: mean, median, sd, distribution: %s", out);
		ok(strstr(out, "{\"option\":12,\"count\":1,\"no_opinion\":0,"
		    "\"mean\":3.00,\"median\":3.00,\"sd\":0.00") != NULL,
		    "rating: one answer has no spread");
	}
	{
		/* Two criteria: option 11 gets 4 and 2 on 21, 5 on 22. */
		static const long long crits[] = { 21, 22 };
		struct answer v[] = { {11, 21, 4}, {11, 21, 2}, {11, 22, 5} };
		s.type = RT_RATING;
		s.crits = crits;
		s.ncrits = 2;
		out = results(&s, v, 3, 2);
		ok(strstr(out, "{\"option\":11,\"criteria\":[{\"criterion\":21,"
		    "\"count\":2,\"no_opinion\":0,\"mean\":3.00,\"median\":3.00,"
		    "\"sd\":1.00,") != NULL && strstr(out, "{\"criterion\":22,"
		    "\"count\":1,\"no_opinion\":0,\"mean\":5.00") != NULL,
		    "results per criterion: %s", out);
		s.crits = NULL;
		s.ncrits = 0;
	}
	{
		/* Ranking of 4, three voters: 13>11>14>12, 11>13>12>14,
		 * 13>12>11>14.  Borda (rank r earns 4 - r + 1):
		 * 11: 3+4+2 = 9, 12: 1+2+3 = 6, 13: 4+3+4 = 11, 14: 2+1+1 = 4. */
		struct answer v[] = { {13, 0, 1}, {11, 0, 2}, {14, 0, 3}, {12, 0, 4},
		    {11, 0, 1}, {13, 0, 2}, {12, 0, 3}, {14, 0, 4},
		    {13, 0, 1}, {12, 0, 2}, {11, 0, 3}, {14, 0, 4} };
		s.type = RT_RANKING;
		s.top_n = 0;
		out = results(&s, v, 12, 3);
		ok(strstr(out, "{\"option\":11,\"borda\":9,\"ranks\":[1,1,1,0]}")
		    != NULL, "Borda 11: 9, ranks 1,1,1,0: %s", out);
		ok(strstr(out, "{\"option\":12,\"borda\":6,") != NULL,
		    "Borda 12: 6");
		ok(strstr(out, "{\"option\":13,\"borda\":11,\"ranks\":[2,1,0,0]}")
		    != NULL, "Borda 13: 11");
		ok(strstr(out, "{\"option\":14,\"borda\":4,") != NULL,
		    "Borda 14: 4");
	}
	{
		struct answer v[] = { {11, 0, 6}, {13, 0, 4}, {11, 0, 3}, {12, 0, 7} };
		s.type = RT_POINTS;
		out = results(&s, v, 4, 2);
		ok(strstr(out, "{\"option\":11,\"points\":9,\"voters\":2}") !=
		    NULL && strstr(out, "{\"option\":14,\"points\":0,"
		    "\"voters\":0}") != NULL, "point totals: %s", out);
	}
	{
		struct answer v[] = { {11, 0, 1}, {12, 0, 1}, {11, 0, 1} };
		s.type = RT_CHOICE;
		out = results(&s, v, 3, 3);
		ok(strstr(out, "{\"option\":11,\"count\":2,\"percent\":67}") !=
		    NULL && strstr(out, "{\"option\":12,\"count\":1,"
		    "\"percent\":33}") != NULL, "choice counts and percents: %s",
		    out);
	}
	{
		/* Statements: 5, 4, 2, pass: agree 2, disagree 1, mean 3.67,
		 * sd sqrt(((5-11/3)^2+(4-11/3)^2+(2-11/3)^2)/3) = 1.25. */
		struct answer v[] = { {11, 0, 5}, {11, 0, 4}, {11, 0, 2}, {11, 0, 0} };
		s.type = RT_STATEMENTS;
		out = results(&s, v, 4, 4);
		ok(strstr(out, "{\"option\":11,\"count\":3,\"pass\":1,"
		    "\"mean\":3.67,\"median\":4.00,\"sd\":1.25,"
		    "\"distribution\":[0,1,0,1,1],\"agree\":2,\"disagree\":1}")
		    != NULL, "statements: agreement and spread: %s", out);
	}
	return done_testing();
}
