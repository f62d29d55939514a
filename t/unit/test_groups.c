/* SPDX-License-Identifier: ISC */
/*
 * test_groups.c: results per group of a profile question (groups.c):
 * merging below the minimum, the smallest group joining a too small
 * "other", a lone "other" left out, and the agree/differ rule of the
 * cross-group view, each case computed by hand (docs/rounds.md,
 * "Results by group").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "tap.h"

#define RESIDENT	101
#define BUSINESS	102
#define TOWN		103

static const long long	 answers[] = { RESIDENT, BUSINESS, TOWN };
static const long long	 opts[] = { 11, 12, 13 };

/* The values of a round, each with its responder's answer. */
static struct answer	 v[200];
static long long	 vg[200];
static size_t		 nv;

static void
add(long long group, long long option, long long value)
{
	v[nv].option = option;
	v[nv].criterion = 0;
	v[nv].value = value;
	vg[nv++] = group;
}

static char *
json_of(const struct groups *g)
{
	static struct buf	 b;
	struct jw		*w;

	buf_release(&b);
	buf_init(&b, 65536);
	w = jw_new(&b);
	jw_obj(w);
	groups_json(g, w);
	jw_end(w);
	jw_close(w);
	return b.data;
}

/* Statements: two statements, 11 and 12, on five points. */
static void
test_statements(void)
{
	struct roundspec	 s;
	struct groups		 g;
	/* resident 6, business 5, town 2, none 3 */
	static const long long	 r1[] = { 5, 5, 4, 4, 5, 4 };
	static const long long	 b1[] = { 1, 2, 1, 2, 2 };
	static const long long	 b2[] = { 4, 4, 5, 4, 4 };
	static const long long	 o1[] = { 3, 3, 3, 4, 2 };
	long long		 cnt[4] = { 6, 5, 2, 3 };
	size_t			 i;

	memset(&s, 0, sizeof(s));
	s.type = rtype_parse("statements");
	s.opts = opts;
	s.nopts = 2;
	nv = 0;
	for (i = 0; i < 6; i++) {
		add(RESIDENT, 11, r1[i]);
		add(RESIDENT, 12, 4);
	}
	for (i = 0; i < 5; i++) {
		add(BUSINESS, 11, b1[i]);
		add(BUSINESS, 12, b2[i]);
	}
	/* The town's two (merged) and three who would rather not say. */
	for (i = 0; i < 5; i++) {
		add(i < 2 ? TOWN : 0, 11, o1[i]);
		add(i < 2 ? TOWN : 0, 12, 4);
	}
	groups_init(&g);
	groups_fill(&g, &s, v, vg, nv, answers, 3, cnt, 5);
	ok(g.n == 3, "three groups shown (got %zu)", g.n);
	ok(g.n == 3 && g.v[0].answer == RESIDENT && g.v[1].answer ==
	    BUSINESS && g.v[2].answer == 0, "residents, businesses, other");
	ok(g.n == 3 && g.v[2].responses == 5, "other: 3 + the town's 2");
	ok(g.nmerged == 1 && g.merged[0] == TOWN, "the town merged");
	is_int(g.left_out, 0, "nobody left out");
	ok(g.n == 3 && g.v[0].res.opts[0].scale.mean == 4.5 &&
	    g.v[1].res.opts[0].scale.mean == 1.6 &&
	    g.v[2].res.opts[0].scale.mean == 3.0,
	    "means of statement 11: 4.5, 1.6, 3.0");
	ok(g.ncross == 2, "a verdict per statement");
	ok(g.ncross == 2 && g.cross[0].verdict == GV_DIFFER &&
	    g.cross[0].hi == 0 && g.cross[0].lo == 1,
	    "11: residents (4.5 > 3.5) and businesses (1.6 < 2.5) differ");
	ok(g.ncross == 2 && g.cross[0].side[2] == 0,
	    "11: other (3.0) is neutral");
	ok(g.ncross == 2 && g.cross[1].verdict == GV_AGREE &&
	    g.cross[1].side[0] == 1 && g.cross[1].side[1] == 1 &&
	    g.cross[1].side[2] == 1, "12: 4.0, 4.2, 4.0: all agree");
	is_int(groups_index(&g, TOWN), 2, "the town's answers count in other");
	ok(g.ncross == 2 && g.cross[0].all_measure == 50.0 / 16 &&
	    g.cross[0].all_side == 0, "11: the whole room 50/16, neutral");
	ok(strstr(json_of(&g), "\"verdict\":\"differ\",\"above\":\"a101\","
	    "\"below\":\"a102\"") != NULL, "JSON names who differs");
	ok(strstr(json_of(&g), "\"merged\":[103]") != NULL,
	    "JSON: merged");
	groups_release(&g);

	/* business 5, resident 6, none 2: "other" too small. */
	cnt[0] = 6, cnt[1] = 5, cnt[2] = 0, cnt[3] = 2;
	groups_fill(&g, &s, v, vg, nv, answers, 3, cnt, 5);
	ok(g.n == 2 && g.v[0].answer == RESIDENT && g.v[1].answer == 0 &&
	    g.v[1].responses == 7,
	    "other of 2: the smallest group (businesses, 5) joins it");
	ok(g.nmerged == 1 && g.merged[0] == BUSINESS, "businesses merged");
	is_int(g.left_out, 0, "nobody left out: whole less groups is "
	    "no one's");

	/* resident 3, business 2, none 1: a lone "other" of 6. */
	cnt[0] = 3, cnt[1] = 2, cnt[2] = 0, cnt[3] = 1;
	groups_fill(&g, &s, v, vg, nv, answers, 3, cnt, 5);
	is_int(g.n, 0, "a lone other: no group shown");
	is_int(g.left_out, 6, "all six left out");
	is_int(groups_index(&g, RESIDENT), -1, "residents in no group");
	ok(strstr(json_of(&g), "\"left_out\":6") != NULL, "JSON: left_out");

	/* resident 2, none 1: fewer than the minimum in all. */
	cnt[0] = 2, cnt[1] = 0, cnt[2] = 0, cnt[3] = 1;
	groups_fill(&g, &s, v, vg, nv, answers, 3, cnt, 5);
	ok(g.n == 0 && g.left_out == 3, "three in all: left out");

	/* The minimum is the session's: 2 shows the town. */
	cnt[0] = 6, cnt[1] = 5, cnt[2] = 2, cnt[3] = 3;
	groups_fill(&g, &s, v, vg, nv, answers, 3, cnt, 2);
	ok(g.n == 4 && g.nmerged == 0, "minimum 2: four groups");
	groups_release(&g);
}

/* Choice: three options, one pick each; an option's share. */
static void
test_choice(void)
{
	struct roundspec	 s;
	struct groups		 g;
	static const long long	 rp[] = { 11, 11, 11, 12, 13 };
	static const long long	 bp[] = { 12, 12, 12, 13, 11 };
	static const long long	 tp[] = { 11, 11, 12, 12, 13 };
	long long		 cnt[4] = { 5, 5, 5, 0 };
	size_t			 i;

	memset(&s, 0, sizeof(s));
	s.type = rtype_parse("choice");
	s.min_picks = s.max_picks = 1;
	s.opts = opts;
	s.nopts = 3;
	nv = 0;
	for (i = 0; i < 5; i++) {
		add(RESIDENT, rp[i], 1);
		add(BUSINESS, bp[i], 1);
		add(TOWN, tp[i], 1);
	}
	groups_init(&g);
	groups_fill(&g, &s, v, vg, nv, answers, 3, cnt, 5);
	ok(g.n == 3 && g.ncross == 3, "three groups, three options");
	/* Equal share 1/3: above over 5/12 (41.7%), below under 1/4. */
	ok(g.ncross == 3 && g.cross[0].side[0] == 1 &&
	    g.cross[0].side[1] == -1 && g.cross[0].side[2] == 0 &&
	    g.cross[0].verdict == GV_DIFFER && g.cross[0].hi == 0 &&
	    g.cross[0].lo == 1,
	    "11: residents 60%% above, businesses 20%% below, town 40%% "
	    "neutral: they differ");
	ok(g.ncross == 3 && g.cross[0].measure[0] == 60.0 &&
	    g.cross[0].measure[1] == 20.0, "11: measures 60 and 20");
	ok(g.ncross == 3 && g.cross[1].verdict == GV_DIFFER &&
	    g.cross[1].hi == 1 && g.cross[1].lo == 0,
	    "12: businesses above, residents below");
	ok(g.ncross == 3 && g.cross[2].verdict == GV_AGREE &&
	    g.cross[2].side[0] == -1 && g.cross[2].side[1] == -1 &&
	    g.cross[2].side[2] == -1, "13: 20%% each, all below: agree");
	groups_release(&g);

	/* One group only: nothing to compare. */
	cnt[0] = 5, cnt[1] = 0, cnt[2] = 0, cnt[3] = 0;
	groups_fill(&g, &s, v, vg, 5 * 3, answers, 3, cnt, 5);
	ok(g.n == 1 && g.ncross == 3 && g.cross[0].verdict == GV_NONE,
	    "one group: no verdict");
	groups_release(&g);

	/* An open question has no cross-group view. */
	s.type = rtype_parse("open");
	cnt[0] = 5, cnt[1] = 5, cnt[2] = 0, cnt[3] = 0;
	groups_fill(&g, &s, NULL, NULL, 0, answers, 3, cnt, 5);
	ok(g.n == 2 && g.ncross == 0, "open: groups, no cross view");
	groups_release(&g);
}

/* Rating on 1..10 with two criteria: the middle is 5.5. */
static void
test_criteria(void)
{
	struct roundspec	 s;
	struct groups		 g;
	static const long long	 crits[] = { 21, 22 };
	long long		 cnt[4] = { 5, 5, 0, 0 };
	size_t			 i;

	memset(&s, 0, sizeof(s));
	s.type = rtype_parse("rating");
	s.scale_max = 10;
	s.opts = opts;
	s.nopts = 1;
	s.crits = crits;
	s.ncrits = 2;
	nv = 0;
	for (i = 0; i < 5; i++) {
		/* Residents: cost 8, use 6; businesses: cost 3, use 5. */
		add(RESIDENT, 11, 8);
		v[nv - 1].criterion = 21;
		add(RESIDENT, 11, 6);
		v[nv - 1].criterion = 22;
		add(BUSINESS, 11, 3);
		v[nv - 1].criterion = 21;
		add(BUSINESS, 11, 5);
		v[nv - 1].criterion = 22;
	}
	groups_init(&g);
	groups_fill(&g, &s, v, vg, nv, answers, 3, cnt, 5);
	ok(g.n == 2 && g.ncross == 2, "one option, two criteria: two items");
	ok(g.ncross == 2 && g.cross[0].verdict == GV_DIFFER &&
	    g.cross[0].side[0] == 1 && g.cross[0].side[1] == -1,
	    "cost: 8 (> 6.0) above, 3 (< 5.0) below: they differ");
	ok(g.ncross == 2 && g.cross[1].verdict == GV_AGREE &&
	    g.cross[1].side[0] == 0 && g.cross[1].side[1] == 0,
	    "use: 6 and 5 within 0.5 of 5.5: both in the middle, agree");
	ok(strstr(json_of(&g), "\"criterion\":22,\"verdict\":\"agree\"") !=
	    NULL, "JSON: a verdict per criterion");
	ok(strstr(json_of(&g), "\"measure\":\"mean\",\"points\":10") != NULL,
	    "JSON: measured as a mean of 10 points");
	groups_release(&g);
}

int
main(void)
{
	test_statements();
	test_choice();
	test_criteria();
	return done_testing();
}
