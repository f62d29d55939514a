/* SPDX-License-Identifier: ISC */
/*
 * test_round.c: round_validate() rule by rule, round_settings() refusal
 * by refusal, the round-type table's facts, and round_results() against
 * results computed by hand; then struct results written as JSON (the
 * bytes round_results() wrote before the table) and as CSV (the rows
 * api_round_csv() made from that JSON).
 */
#include <stdlib.h>

#include "extern.h"
#include "tap.h"

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
#define RT_QA		rtype_parse("qa")
#define RT__MAX		rtype_count()

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


/* Reads a new round's settings from body. */
static enum outcome
settings(const char *body, size_t nopts, struct roundspec *s,
    struct why *why)
{
	struct perr	 e;
	struct jv	*v;
	enum outcome	 rc;

	memset(why, 0, sizeof(*why));
	v = json_parse(body, strlen(body), &lim, &e);
	rc = round_settings(v, nopts, s, why);
	jv_free(v);
	return rc;
}

/* The settings of body (with nopts options) are refused with want. */
static void
unsettled(const char *body, size_t nopts, const char *want)
{
	struct roundspec s;
	struct why	 why;
	enum outcome	 rc;

	rc = settings(body, nopts, &s, &why);
	ok(rc == OUT_INVALID && why.code != NULL &&
	    strcmp(why.code, "invalid_field") == 0 && strcmp(why.msg, want) == 0,
	    "settings %s (%zu options) refused: %s", body, nopts, why.msg);
	if (strcmp(why.msg, want) != 0)
		printf("#  want: \"%s\"\n", want);
}

/* The members results_json() writes, in an object. */
static char *
json_of(const struct results *res)
{
	static struct buf	 b;
	struct jw		*w;

	buf_release(&b);
	buf_init(&b, 65536);
	w = jw_new(&b);
	jw_obj(w);
	results_json(res, w);
	jw_end(w);
	jw_close(w);
	return b.data;
}

/* The rows results_table() writes as CSV. */
static char *
csv_of(const struct results *res, char *const *labels, char *const *crits)
{
	static struct buf	 b;
	struct csvsink		 cs;
	struct tsink		 t;

	buf_release(&b);
	buf_init(&b, 65536);
	csv_sink(&cs, &b, &t);
	results_table(res, labels, crits, &t);
	return b.data != NULL ? b.data : "";
}

static void	test_table(void);
static void	test_settings(void);
static void	test_settings_edit(void);
static void	test_writers(void);

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
	test_table();
	test_settings();
	test_settings_edit();
	test_writers();
	return done_testing();
}

/* The names of the settings type t writes, in order, space separated. */
static const char *
settings_of(int t)
{
	static struct buf	 b;
	int			 s;

	buf_release(&b);
	buf_init(&b, 1024);
	buf_appendf(&b, "%s", "");
	for (s = -1; (s = rtype_setting(t, s)) >= 0;)
		buf_appendf(&b, "%s%s", b.len > 0 ? " " : "",
		    rsetting_name(s));
	return buf_str(&b);
}

/* {"round_types": [...]}, as GET /api/round-types answers. */
static const char *
types_json(void)
{
	static struct buf	 b;
	struct jw		*w;

	buf_release(&b);
	buf_init(&b, 65536);
	w = jw_new(&b);
	jw_obj(w);
	jw_key(w, "round_types");
	rtypes_write(w);
	jw_end(w);
	jw_close(w);
	return buf_str(&b);
}

/* The facts of the round-type table. */
static void
test_table(void)
{
	int	 t;

	for (t = 0; t < RT__MAX; t++)
		ok(rtype_parse(rtype_name(t)) == t, "type %s parses back",
		    rtype_name(t));
	ok(rtype_parse("poll") == -1 && rtype_parse(NULL) == -1,
	    "no type poll, none for NULL");
	is_str(rtype_name(RT__MAX), "?", "no name past the table");
	ok(rtype_min_options(RT_CHOICE) == 2 &&
	    rtype_min_options(RT_RANKING) == 2 &&
	    rtype_min_options(RT_RATING) == 1 &&
	    rtype_min_options(RT_POINTS) == 1 &&
	    rtype_min_options(RT_STATEMENTS) == 1 &&
	    rtype_min_options(RT_OPEN) == 0 &&
	    rtype_min_options(RT_BRAINSTORM) == 0, "options needed per type");
	ok(rtype_uses_options(RT_CHOICE) && !rtype_uses_options(RT_OPEN) &&
	    !rtype_has_options(RT_BRAINSTORM) && rtype_has_options(RT_POINTS),
	    "which types take options");
	ok(rtype_takes_ideas(RT_BRAINSTORM) && !rtype_takes_ideas(RT_OPEN),
	    "only a brainstorm takes ideas");
	ok(rtype_uses(RT_RATING, RS_CRITERIA) &&
	    rtype_uses(RT_RATING, RS_LABEL_LOW) &&
	    !rtype_uses(RT_CHOICE, RS_CRITERIA) &&
	    rtype_uses(RT_CHOICE, RS_MAX_PICKS) &&
	    rtype_uses(RT_BRAINSTORM, RS_OPEN_WALL) &&
	    rtype_uses(RT_OPEN, RS_MAX_LENGTH) &&
	    !rtype_uses(RT_STATEMENTS, RS_SCALE_MAX) &&
	    !rtype_uses(RT__MAX, RS_TOP_N), "settings used per type");
	is_str(rsetting_name(RS_MAX_PER_OPTION), "max_per_option",
	    "a setting's name");
	is_str(settings_of(RT_RATING), "scale_max no_opinion label_low "
	    "label_high criteria projector_results",
	    "rating: its settings in writing order");
	is_str(settings_of(RT_BRAINSTORM), "open_wall participants_cluster "
	    "max_length projector_results upvotes moderated",
	    "brainstorm: its settings in writing order");
	is_str(settings_of(RT_CHOICE), "min_picks max_picks projector_results",
	    "choice: its settings in writing order");
	is_str(settings_of(RT_STATEMENTS), "projector_results",
	    "statements: only the setting every type has");
	is_str(settings_of(RT__MAX), "", "no settings past the table");
	/* The audience Q&A: questions are ideas on a wall, liked, live. */
	ok(RT_QA >= 0 && rtype_takes_ideas(RT_QA) &&
	    !rtype_uses_options(RT_QA) && rtype_min_options(RT_QA) == 0,
	    "qa: takes ideas (its questions), not answers or options");
	ok(rtype_results(RT_QA)->kind == RK_IDEAS, "qa: its results are ideas");
	is_str(settings_of(RT_QA), "open_wall max_length projector_results "
	    "upvotes moderated session_wide", "qa: its settings in writing order");
	ok(rtype_fixed(RT_QA, RS_OPEN_WALL) && rtype_fixed(RT_QA, RS_UPVOTES) &&
	    rtype_fixed(RT_QA, RS_PROJECTOR_RESULTS) &&
	    !rtype_fixed(RT_QA, RS_MODERATED) &&
	    !rtype_fixed(RT_QA, RS_SESSION_WIDE) &&
	    !rtype_fixed(RT_BRAINSTORM, RS_OPEN_WALL) &&
	    !rtype_fixed(RT__MAX, RS_OPEN_WALL),
	    "qa: the wall, likes and the live projector fixed on, only for qa");
	ok(results_mark_parse("answering", 9) == 1 &&
	    results_mark_parse("answered", 8) == 2 &&
	    results_mark_parse("none", 4) == 0 &&
	    results_mark_parse("answer", 6) == -1 &&
	    results_mark_parse("answeringx", 10) == -1 &&
	    results_mark_parse(NULL, 0) == -1, "an idea's marks by name");
	ok(!rtype_uses(RT_BRAINSTORM, RS_SESSION_WIDE) &&
	    rtype_uses(RT_QA, RS_SESSION_WIDE), "only qa is session-wide");
	ok(rtype_setting(RT_CHOICE, RS__MAX) == -1 &&
	    rtype_setting(RT_CHOICE, -2) == -1, "no setting after none");
	ok(rsetting_is_bool(RS_NO_OPINION) && rsetting_is_bool(RS_OPEN_WALL) &&
	    !rsetting_is_bool(RS_TOP_N) && !rsetting_is_bool(RS__MAX),
	    "which settings are true or false");
	{
		struct roundspec	 sp;
		long long		 v = 0;

		memset(&sp, 0, sizeof(sp));
		sp.budget = 42;
		ok(rsetting_get(RS_BUDGET, &sp, &v) == 1 && v == 42 &&
		    rsetting_get(RS_LABEL_LOW, &sp, &v) == 0 &&
		    rsetting_get(RS__MAX, &sp, &v) == 0,
		    "a setting read from a round's spec (or not held there)");
	}
	is_str(types_json(), "{\"round_types\":[{\"type\":\"brainstorm\","
	    "\"min_options\":0,\"takes_ideas\":true,\"scored\":false,\"settings\":"
	    "[\"open_wall\",\"participants_cluster\",\"max_length\","
	    "\"projector_results\",\"upvotes\",\"moderated\"]},"
	    "{\"type\":\"choice\",\"min_options\":2,\"takes_ideas\":false,\"scored\":false,"
	    "\"settings\":[\"min_picks\",\"max_picks\","
	    "\"projector_results\"]},{\"type\":"
	    "\"rating\",\"min_options\":1,\"takes_ideas\":false,\"scored\":false,"
	    "\"settings\":[\"scale_max\",\"no_opinion\",\"label_low\","
	    "\"label_high\",\"criteria\",\"projector_results\"]},"
	    "{\"type\":\"ranking\","
	    "\"min_options\":2,\"takes_ideas\":false,\"scored\":false,\"settings\":"
	    "[\"top_n\",\"projector_results\"]},{\"type\":\"points\","
	    "\"min_options\":1,"
	    "\"takes_ideas\":false,\"scored\":false,\"settings\":[\"budget\","
	    "\"max_per_option\",\"projector_results\"]},{\"type\":"
	    "\"statements\",\"min_options\":1,\"takes_ideas\":false,\"scored\":false,"
	    "\"settings\":[\"projector_results\"]},{\"type\":\"open\","
	    "\"min_options\":0,\"takes_ideas\":false,\"scored\":false,\"settings\":"
	    "[\"max_length\",\"projector_results\",\"moderated\"]},"
	    "{\"type\":\"qa\",\"min_options\":0,\"takes_ideas\":true,"
	    "\"scored\":false,\"settings\":[\"open_wall\",\"max_length\","
	    "\"projector_results\",\"upvotes\",\"moderated\","
	    "\"session_wide\"]},"
	    "{\"type\":\"quiz\",\"min_options\":2,\"takes_ideas\":false,"
	    "\"scored\":true,\"settings\":[\"min_picks\",\"max_picks\","
	    "\"projector_results\",\"time_limit\",\"speed_bonus\"]}]}",
	    "GET /api/round-types: the table as JSON");
	ok(rtype_results(RT_RATING)->kind == RK_SCALE &&
	    rtype_results(RT_STATEMENTS)->scale == 5 &&
	    rtype_results(RT_OPEN)->kind == RK_TEXTS &&
	    rtype_results(RT__MAX) == NULL, "results' forms");
}

/* round_settings(): the defaults, and each refusal of round_create_in. */
static void
test_settings(void)
{
	struct roundspec s;
	struct why	 why;

	ok(settings("{\"type\":\"choice\"}", 3, &s, &why) == OUT_OK &&
	    s.type == RT_CHOICE && s.min_picks == 1 && s.max_picks == 1 &&
	    s.scale_max == 5 && s.no_opinion == 1 && s.top_n == 0 &&
	    s.budget == 10 && s.max_per_option == 0 && s.max_length == 500 &&
	    s.opts == NULL && s.nopts == 0 && s.ncrits == 0,
	    "settings: the defaults");
	ok(settings("{\"type\":\"choice\",\"min_picks\":2}", 3, &s, &why) ==
	    OUT_OK && s.min_picks == 2 && s.max_picks == 2,
	    "settings: max_picks defaults to min_picks");
	ok(settings("{\"type\":\"choice\",\"min_picks\":1,\"max_picks\":3}", 3,
	    &s, &why) == OUT_OK && s.max_picks == 3, "settings: 1 to 3 of 3");
	ok(settings("{\"type\":\"rating\",\"scale_max\":7,\"no_opinion\":"
	    "false,\"criteria\":[\"a\",\"b\"],\"label_low\":\"no\"}", 2, &s,
	    &why) == OUT_OK && s.type == RT_RATING && s.scale_max == 7 &&
	    s.no_opinion == 0, "settings: a rating on 1..7, no \"no opinion\"");
	ok(settings("{\"type\":\"rating\",\"criteria\":[\"1\",\"2\",\"3\","
	    "\"4\",\"5\",\"6\",\"7\",\"8\",\"9\",\"10\"]}", 1, &s, &why) ==
	    OUT_OK, "settings: ten criteria");
	ok(settings("{\"type\":\"rating\",\"criteria\":null}", 1, &s, &why) ==
	    OUT_OK, "settings: null criteria on a rating");
	ok(settings("{\"type\":\"ranking\",\"top_n\":3,\"budget\":null}", 3,
	    &s, &why) == OUT_OK && s.top_n == 3 && s.budget == 10,
	    "settings: top 3 of 3; null is absent");
	ok(settings("{\"type\":\"points\",\"budget\":100,\"max_per_option\":"
	    "30}", 1, &s, &why) == OUT_OK && s.budget == 100 &&
	    s.max_per_option == 30, "settings: points");
	ok(settings("{\"type\":\"open\",\"max_length\":80}", 0, &s, &why) ==
	    OUT_OK && s.max_length == 80, "settings: open");
	ok(settings("{\"type\":\"brainstorm\",\"open_wall\":true,"
	    "\"participants_cluster\":false}", 0, &s, &why) == OUT_OK &&
	    s.type == RT_BRAINSTORM, "settings: brainstorm");
	ok(settings("{\"type\":\"qa\",\"session_wide\":true,\"moderated\":"
	    "true,\"max_length\":280}", 0, &s, &why) == OUT_OK &&
	    s.type == RT_QA && s.session_wide == 1 && s.max_length == 280,
	    "settings: a session-wide qa, moderated, 280 characters");
	ok(settings("{\"type\":\"qa\"}", 0, &s, &why) == OUT_OK &&
	    s.session_wide == 0 && s.max_length == 500,
	    "settings: a qa's defaults (in one round, 500 characters)");
	unsettled("{\"type\":\"qa\"}", 1, "a qa round takes no options");
	unsettled("{\"type\":\"qa\",\"session_wide\":\"yes\"}", 0,
	    "session_wide must be true or false");
	ok(settings("{\"type\":\"choice\",\"scale_max\":6}", 2, &s, &why) ==
	    OUT_OK && s.scale_max == 6, "settings: scale_max 6 stored, not "
	    "checked, for a choice (as before)");

	unsettled("{\"type\":\"poll\"}", 2, "type must be one of brainstorm, "
	    "choice, rating, ranking, points, statements, open, qa, quiz");
	unsettled("{\"title\":\"x\"}", 2, "type must be one of brainstorm, "
	    "choice, rating, ranking, points, statements, open, qa, quiz");
	unsettled("{\"type\":\"choice\"}", 1, "a choice round needs at least "
	    "two options");
	unsettled("{\"type\":\"ranking\"}", 1, "a ranking round needs at least "
	    "two options");
	unsettled("{\"type\":\"rating\"}", 0, "a rating round needs at least "
	    "one options");
	unsettled("{\"type\":\"points\"}", 0, "a points round needs at least "
	    "one options");
	unsettled("{\"type\":\"statements\"}", 0, "a statements round needs "
	    "at least one options");
	unsettled("{\"type\":\"open\"}", 1, "a open round takes no options");
	unsettled("{\"type\":\"brainstorm\"}", 2, "a brainstorm round takes no "
	    "options");
	unsettled("{\"type\":\"choice\",\"min_picks\":3,\"max_picks\":2}", 4,
	    "picks: min_picks <= max_picks <= the number of options");
	unsettled("{\"type\":\"choice\",\"max_picks\":4}", 3,
	    "picks: min_picks <= max_picks <= the number of options");
	unsettled("{\"type\":\"choice\",\"min_picks\":3}", 2,
	    "picks: min_picks <= max_picks <= the number of options");
	unsettled("{\"type\":\"rating\",\"scale_max\":6}", 2,
	    "scale_max must be 5, 7 or 10");
	unsettled("{\"type\":\"ranking\",\"top_n\":4}", 3,
	    "top_n is more than the number of options");
	unsettled("{\"type\":\"choice\",\"criteria\":[\"a\"]}", 2,
	    "criteria: at most 10, for a rating round");
	unsettled("{\"type\":\"choice\",\"criteria\":null}", 2,
	    "criteria: at most 10, for a rating round");
	unsettled("{\"type\":\"rating\",\"criteria\":[\"1\",\"2\",\"3\",\"4\","
	    "\"5\",\"6\",\"7\",\"8\",\"9\",\"10\",\"11\"]}", 2,
	    "criteria: at most 10, for a rating round");
	/* The options come first, then the type's rules, then criteria. */
	unsettled("{\"type\":\"rating\",\"scale_max\":6,\"criteria\":[\"1\","
	    "\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\",\"10\",\"11\"]}", 0,
	    "a rating round needs at least one options");
	unsettled("{\"type\":\"rating\",\"scale_max\":6,\"criteria\":[\"1\","
	    "\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\",\"10\",\"11\"]}", 1,
	    "scale_max must be 5, 7 or 10");
	/* What the field table refuses, refused the same way here. */
	unsettled("{\"type\":\"points\",\"budget\":0}", 2,
	    "budget must be a whole number from 1 to 1000");
	unsettled("{\"type\":\"points\",\"max_per_option\":1001}", 2,
	    "max_per_option must be a whole number from 0 to 1000");
	unsettled("{\"type\":\"choice\",\"min_picks\":\"2\"}", 2,
	    "min_picks must be a whole number from 1 to 100");
	unsettled("{\"type\":\"rating\",\"scale_max\":11}", 2,
	    "scale_max must be a whole number from 5 to 10");
	unsettled("{\"type\":\"ranking\",\"top_n\":-1}", 2,
	    "top_n must be a whole number from 0 to 100");
	unsettled("{\"type\":\"open\",\"max_length\":2.5}", 0,
	    "max_length must be a whole number from 1 to 1000");
	unsettled("{\"type\":\"rating\",\"no_opinion\":\"yes\"}", 2,
	    "no_opinion must be true or false");
	unsettled("{\"type\":\"brainstorm\",\"open_wall\":1}", 0,
	    "open_wall must be true or false");
	unsettled("{\"type\":\"poll\",\"participants_cluster\":0}", 0,
	    "participants_cluster must be true or false");
	ok(settings("[1]", 2, &s, &why) == OUT_INVALID &&
	    strcmp(why.code, "invalid_body") == 0, "settings: not an object");
	ok(round_settings(NULL, 2, &s, &why) == OUT_INVALID,
	    "settings: no body");
}

/* round_settings_edit(): absent settings keep the round's, type stays. */
static void
test_settings_edit(void)
{
	struct roundspec cur, s;
	struct why	 why;
	struct perr	 e;
	struct jv	*v;
	enum outcome	 rc;

	ok(settings("{\"type\":\"choice\",\"min_picks\":2,\"max_picks\":3}",
	    4, &cur, &why) == OUT_OK, "edit: a choice of 2 to 3");
	v = json_parse("{\"max_picks\":4}", 15, &lim, &e);
	rc = round_settings_edit(v, &cur, 4, &s, &why);
	jv_free(v);
	ok(rc == OUT_OK && s.type == RT_CHOICE && s.min_picks == 2 &&
	    s.max_picks == 4 && s.budget == cur.budget,
	    "edit: what is given changes, the rest (min_picks 2) stays");
	v = json_parse("{\"title\":\"x\"}", 13, &lim, &e);
	rc = round_settings_edit(v, &cur, 2, &s, &why);
	jv_free(v);
	ok(rc == OUT_INVALID && why.code != NULL &&
	    strcmp(why.code, "invalid_field") == 0,
	    "edit: fewer options than max_picks is refused, as when made");
}

/* results_json() and results_table() as CSV, against what the old code wrote. */
static void
test_writers(void)
{
	static const long long	 ids[] = { 11, 12, 13, 14 };
	static const long long	 crits[] = { 21, 22 };
	static char		*labels[] = { "Tea", "Coffee, black", "=1+1",
				    "Say \"hi\"" };
	static char		*critnames[] = { "Cost", "Impact" };
	struct roundspec	 s;
	struct results		 res;
	const char		*want;

	memset(&s, 0, sizeof(s));
	s.opts = ids;
	s.nopts = 4;
	results_init(&res);
	is_str(json_of(&res), "{}", "empty results write nothing");
	is_str(csv_of(&res, labels, NULL), "", "nor CSV");
	{
		struct answer v[] = { {11, 0, 1}, {11, 0, 2}, {11, 0, 4},
		    {11, 0, 5}, {11, 0, 0}, {12, 0, 3} };

		s.type = RT_RATING;
		s.scale_max = 5;
		want = "{\"responses\":5,\"options\":[{\"option\":11,\"count\":"
		    "4,\"no_opinion\":1,\"mean\":3.00,\"median\":3.00,\"sd\":"
		    "1.58,\"distribution\":[1,1,0,1,1]},{\"option\":12,"
		    "\"count\":1,\"no_opinion\":0,\"mean\":3.00,\"median\":"
		    "3.00,\"sd\":0.00,\"distribution\":[0,0,1,0,0]},"
		    "{\"option\":13,\"count\":0,\"no_opinion\":0,\"mean\":0.00,"
		    "\"median\":0.00,\"sd\":0.00,\"distribution\":[0,0,0,0,0]},"
		    "{\"option\":14,\"count\":0,\"no_opinion\":0,\"mean\":0.00,"
		    "\"median\":0.00,\"sd\":0.00,\"distribution\":"
		    "[0,0,0,0,0]}]}";
		results_fill(&res, &s, v, 6, 5);
		is_str(json_of(&res), want, "JSON: rating");
		is_str(results(&s, v, 6, 5), want, "round_results: the same");
		is_str(csv_of(&res, labels, critnames),
		    "option,count,no_opinion,mean,median,sd,value 1,value 2,"
		    "value 3,value 4,value 5\r\n"
		    "Tea,4,1,3.00,3.00,1.58,1,1,0,1,1\r\n"
		    "\"Coffee, black\",1,0,3.00,3.00,0.00,0,0,1,0,0\r\n"
		    "'=1+1,0,0,0.00,0.00,0.00,0,0,0,0,0\r\n"
		    "\"Say \"\"hi\"\"\",0,0,0.00,0.00,0.00,0,0,0,0,0\r\n",
		    "CSV: rating (labels quoted, a formula defused)");
	}
	{
		struct answer v[] = { {11, 0, 7}, {11, 0, 6} };

		s.scale_max = 7;
		s.nopts = 1;
		want = "{\"responses\":2,\"options\":[{\"option\":11,\"count\":"
		    "2,\"no_opinion\":0,\"mean\":6.50,\"median\":6.50,\"sd\":"
		    "0.50,\"distribution\":[0,0,0,0,0,1,1]}]}";
		results_fill(&res, &s, v, 2, 2);
		is_str(json_of(&res), want, "JSON: rating on 1..7");
		is_str(results(&s, v, 2, 2), want, "round_results: the same");
		is_str(csv_of(&res, labels, critnames),
		    "option,count,no_opinion,mean,median,sd,value 1,value 2,"
		    "value 3,value 4,value 5,value 6,value 7\r\n"
		    "Tea,2,0,6.50,6.50,0.50,0,0,0,0,0,1,1\r\n",
		    "CSV: seven values");
		s.scale_max = 5;
		s.nopts = 4;
	}
	{
		struct answer v[] = { {11, 21, 4}, {11, 21, 2}, {11, 22, 5} };

		s.crits = crits;
		s.ncrits = 2;
		s.nopts = 2;
		want = "{\"responses\":2,\"options\":[{\"option\":11,"
		    "\"criteria\":[{\"criterion\":21,\"count\":2,\"no_opinion\":"
		    "0,\"mean\":3.00,\"median\":3.00,\"sd\":1.00,\"distribution\":"
		    "[0,1,0,1,0]},{\"criterion\":22,\"count\":1,\"no_opinion\":0,"
		    "\"mean\":5.00,\"median\":5.00,\"sd\":0.00,\"distribution\":"
		    "[0,0,0,0,1]}]},{\"option\":12,\"criteria\":[{\"criterion\":"
		    "21,\"count\":0,\"no_opinion\":0,\"mean\":0.00,\"median\":"
		    "0.00,\"sd\":0.00,\"distribution\":[0,0,0,0,0]},"
		    "{\"criterion\":22,\"count\":0,\"no_opinion\":0,\"mean\":0.00,"
		    "\"median\":0.00,\"sd\":0.00,\"distribution\":"
		    "[0,0,0,0,0]}]}]}";
		results_fill(&res, &s, v, 3, 2);
		is_str(json_of(&res), want, "JSON: rating with criteria");
		is_str(results(&s, v, 3, 2), want, "round_results: the same");
		is_str(csv_of(&res, labels, critnames),
		    "option,criterion,count,no_opinion,mean,median,sd,value 1,"
		    "value 2,value 3,value 4,value 5\r\n"
		    "Tea,Cost,2,0,3.00,3.00,1.00,0,1,0,1,0\r\n"
		    "Tea,Impact,1,0,5.00,5.00,0.00,0,0,0,0,1\r\n"
		    "\"Coffee, black\",Cost,0,0,0.00,0.00,0.00,0,0,0,0,0\r\n"
		    "\"Coffee, black\",Impact,0,0,0.00,0.00,0.00,0,0,0,0,0\r\n",
		    "CSV: a row per option and criterion");
		s.crits = NULL;
		s.ncrits = 0;
		s.nopts = 4;
	}
	{
		struct answer v[] = { {13, 0, 1}, {11, 0, 2}, {14, 0, 3},
		    {12, 0, 4}, {11, 0, 1}, {13, 0, 2}, {12, 0, 3}, {14, 0, 4},
		    {13, 0, 1}, {12, 0, 2}, {11, 0, 3}, {14, 0, 4} };

		s.type = RT_RANKING;
		s.top_n = 0;
		want = "{\"responses\":3,\"options\":[{\"option\":11,\"borda\":9,"
		    "\"ranks\":[1,1,1,0]},{\"option\":12,\"borda\":6,\"ranks\":"
		    "[0,1,1,1]},{\"option\":13,\"borda\":11,\"ranks\":[2,1,0,0]},"
		    "{\"option\":14,\"borda\":4,\"ranks\":[0,0,1,2]}]}";
		results_fill(&res, &s, v, 12, 3);
		is_str(json_of(&res), want, "JSON: ranking");
		is_str(results(&s, v, 12, 3), want, "round_results: the same");
		is_str(csv_of(&res, labels, NULL),
		    "option,borda,rank 1,rank 2,rank 3,rank 4\r\n"
		    "Tea,9,1,1,1,0\r\n\"Coffee, black\",6,0,1,1,1\r\n"
		    "'=1+1,11,2,1,0,0\r\n\"Say \"\"hi\"\"\",4,0,0,1,2\r\n",
		    "CSV: ranking");
	}
	{
		struct answer v[] = { {13, 0, 1}, {11, 0, 2}, {11, 0, 1},
		    {12, 0, 2} };

		s.top_n = 2;
		want = "{\"responses\":2,\"options\":[{\"option\":11,\"borda\":3,"
		    "\"ranks\":[1,1]},{\"option\":12,\"borda\":1,\"ranks\":"
		    "[0,1]},{\"option\":13,\"borda\":2,\"ranks\":[1,0]},"
		    "{\"option\":14,\"borda\":0,\"ranks\":[0,0]}]}";
		results_fill(&res, &s, v, 4, 2);
		is_str(json_of(&res), want, "JSON: ranking, top 2");
		is_str(results(&s, v, 4, 2), want, "round_results: the same");
		is_str(csv_of(&res, labels, NULL),
		    "option,borda,rank 1,rank 2\r\nTea,3,1,1\r\n"
		    "\"Coffee, black\",1,0,1\r\n'=1+1,2,1,0\r\n"
		    "\"Say \"\"hi\"\"\",0,0,0\r\n", "CSV: ranking, top 2");
		s.top_n = 0;
	}
	{
		struct answer v[] = { {11, 0, 6}, {13, 0, 4}, {11, 0, 3},
		    {12, 0, 7} };

		s.type = RT_POINTS;
		want = "{\"responses\":2,\"options\":[{\"option\":11,\"points\":"
		    "9,\"voters\":2},{\"option\":12,\"points\":7,\"voters\":1},"
		    "{\"option\":13,\"points\":4,\"voters\":1},{\"option\":14,"
		    "\"points\":0,\"voters\":0}]}";
		results_fill(&res, &s, v, 4, 2);
		is_str(json_of(&res), want, "JSON: points");
		is_str(results(&s, v, 4, 2), want, "round_results: the same");
		is_str(csv_of(&res, labels, NULL),
		    "option,points,voters\r\nTea,9,2\r\n"
		    "\"Coffee, black\",7,1\r\n'=1+1,4,1\r\n"
		    "\"Say \"\"hi\"\"\",0,0\r\n", "CSV: points");
	}
	{
		struct answer v[] = { {11, 0, 1}, {12, 0, 1}, {11, 0, 1} };

		s.type = RT_CHOICE;
		want = "{\"responses\":3,\"options\":[{\"option\":11,\"count\":2,"
		    "\"percent\":67},{\"option\":12,\"count\":1,\"percent\":33},"
		    "{\"option\":13,\"count\":0,\"percent\":0},{\"option\":14,"
		    "\"count\":0,\"percent\":0}]}";
		results_fill(&res, &s, v, 3, 3);
		is_str(json_of(&res), want, "JSON: choice");
		is_str(results(&s, v, 3, 3), want, "round_results: the same");
		is_str(csv_of(&res, labels, NULL),
		    "option,count,percent\r\nTea,2,67\r\n"
		    "\"Coffee, black\",1,33\r\n'=1+1,0,0\r\n"
		    "\"Say \"\"hi\"\"\",0,0\r\n", "CSV: choice");
		results_fill(&res, &s, NULL, 0, 0);
		is_str(json_of(&res), "{\"responses\":0,\"options\":[{\"option\":"
		    "11,\"count\":0,\"percent\":0},{\"option\":12,\"count\":0,"
		    "\"percent\":0},{\"option\":13,\"count\":0,\"percent\":0},"
		    "{\"option\":14,\"count\":0,\"percent\":0}]}",
		    "JSON: no responses, no division");
		s.nopts = 0;
		results_fill(&res, &s, NULL, 0, 0);
		is_str(csv_of(&res, labels, NULL), "option,count,percent\r\n",
		    "CSV: no options, the header alone");
		s.nopts = 4;
	}
	{
		struct answer v[] = { {11, 0, 5}, {11, 0, 4}, {11, 0, 2},
		    {11, 0, 0} };

		s.type = RT_STATEMENTS;
		s.nopts = 2;
		want = "{\"responses\":4,\"options\":[{\"option\":11,\"count\":3,"
		    "\"pass\":1,\"mean\":3.67,\"median\":4.00,\"sd\":1.25,"
		    "\"distribution\":[0,1,0,1,1],\"agree\":2,\"disagree\":1},"
		    "{\"option\":12,\"count\":0,\"pass\":0,\"mean\":0.00,"
		    "\"median\":0.00,\"sd\":0.00,\"distribution\":[0,0,0,0,0],"
		    "\"agree\":0,\"disagree\":0}]}";
		results_fill(&res, &s, v, 4, 4);
		is_str(json_of(&res), want, "JSON: statements");
		is_str(results(&s, v, 4, 4), want, "round_results: the same");
		is_str(csv_of(&res, labels, NULL),
		    "option,count,pass,mean,median,sd,agree,disagree,value 1,"
		    "value 2,value 3,value 4,value 5\r\n"
		    "Tea,3,1,3.67,4.00,1.25,2,1,0,1,0,1,1\r\n"
		    "\"Coffee, black\",0,0,0.00,0.00,0.00,0,0,0,0,0,0,0\r\n",
		    "CSV: statements (agree, disagree before the values)");
		s.nopts = 4;
	}
	{
		s.type = RT_OPEN;
		s.nopts = 0;
		results_fill(&res, &s, NULL, 0, 3);
		results_add_text(&res, "first", 5);
		results_add_text(&res, "=cmd", 4);
		results_add_text(&res, "a, \"b\"", 6);
		is_str(json_of(&res), "{\"responses\":3,\"texts\":[\"first\","
		    "\"=cmd\",\"a, \\\"b\\\"\"],\"cloud\":[]}",
		    "JSON: open texts (no cloud made: an empty one)");
		is_str(results(&s, NULL, 0, 3), "{\"responses\":3,\"options\":"
		    "[]}", "round_results: an open round, as before");
		is_str(csv_of(&res, NULL, NULL), "text\r\nfirst\r\n'=cmd\r\n"
		    "\"a, \"\"b\"\"\"\r\n", "CSV: open texts");
	}
	{
		s.type = RT_BRAINSTORM;
		results_fill(&res, &s, NULL, 0, 0);
		results_add_idea(&res, 1, "Idea one", 8, "Cluster A");
		results_add_idea(&res, 2, "Idea, two", 9, NULL);
		results_add_cluster(&res, 7, "Cluster A", 9, 1);
		is_str(json_of(&res), "{\"ideas\":[{\"id\":1,\"text\":\"Idea one\","
		    "\"cluster\":\"Cluster A\"},{\"id\":2,\"text\":\"Idea, two\","
		    "\"cluster\":null}],\"clusters\":[{\"id\":7,\"name\":"
		    "\"Cluster A\",\"ideas\":1}],\"cloud\":[]}",
		    "JSON: brainstorm");
		is_str(csv_of(&res, NULL, NULL), "idea,cluster\r\n"
		    "Idea one,Cluster A\r\n\"Idea, two\",\r\n",
		    "CSV: brainstorm, an idea without cluster");
	}
	results_release(&res);
	results_release(&res);
	is_str(json_of(&res), "{}", "released twice: empty");
}
