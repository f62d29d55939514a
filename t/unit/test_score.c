/* SPDX-License-Identifier: ISC */
/*
 * test_score: the quiz round type: its row's settings and
 * answer checks, its scoring rule with hand-computed points (the speed
 * bonus from the server's times), and the leaderboard's order, ranks
 * and ties (score.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "tap.h"

#define RT_QUIZ	rtype_parse("quiz")

static struct limits	 lim = { 65536, 16, 4096, 64 };
static const long long	 opts[] = { 11, 12, 13, 14 };

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

static int
check(struct roundspec *s, const char *body, char *msg)
{
	struct answers	 a;
	struct perr	 e;
	struct jv	*v;
	int		 rc;

	memset(&a, 0, sizeof(a));
	v = json_parse(body, strlen(body), &lim, &e);
	rc = round_validate(s, v, &a, msg, 200);
	jv_free(v);
	answers_release(&a);
	return rc;
}

/* One answer's points by the quiz's rule. */
static long long
points(long long ncorrect, long long right, long long wrong,
    long long elapsed_ms, long long limit, long long bonus)
{
	struct scorein	 in = { ncorrect, right, wrong, elapsed_ms, limit,
	    bonus };

	return score_points(rtype_score(RT_QUIZ), &in);
}

static void
test_row(void)
{
	struct roundspec s;
	struct why	 why;
	char		 msg[200];

	ok(RT_QUIZ >= 0 && rtype_score(RT_QUIZ) != NULL &&
	    rtype_score(rtype_parse("choice")) == NULL &&
	    rtype_score(rtype_count()) == NULL,
	    "quiz is a row that scores; choice and no type do not");
	ok(rtype_uses(RT_QUIZ, RS_TIME_LIMIT) &&
	    rtype_uses(RT_QUIZ, RS_SPEED_BONUS) &&
	    rtype_uses(RT_QUIZ, RS_MAX_PICKS) &&
	    !rtype_uses(rtype_parse("choice"), RS_TIME_LIMIT),
	    "quiz uses picks, time_limit, speed_bonus; choice no time_limit");
	ok(settings("{\"type\":\"quiz\"}", 3, &s, &why) == OUT_OK &&
	    s.type == RT_QUIZ && s.min_picks == 1 && s.max_picks == 1 &&
	    s.time_limit == 0 && s.speed_bonus == 0,
	    "quiz settings: defaults one pick, no limit, no bonus");
	ok(settings("{\"type\":\"quiz\",\"min_picks\":1,\"max_picks\":2,"
	    "\"time_limit\":20,\"speed_bonus\":500}", 3, &s, &why) ==
	    OUT_OK && s.time_limit == 20 && s.speed_bonus == 500,
	    "quiz settings: 20 s, a bonus of up to 500");
	ok(settings("{\"type\":\"quiz\",\"speed_bonus\":500}", 3, &s,
	    &why) == OUT_INVALID && strcmp(why.msg, "speed_bonus needs a "
	    "time_limit") == 0, "quiz settings: a bonus needs a limit");
	ok(settings("{\"type\":\"quiz\",\"time_limit\":3601}", 3, &s,
	    &why) == OUT_INVALID && strstr(why.msg, "0 to 3600") != NULL,
	    "quiz settings: time_limit at most an hour (%s)", why.msg);
	ok(settings("{\"type\":\"quiz\",\"max_picks\":4}", 3, &s, &why) ==
	    OUT_INVALID && strstr(why.msg, "max_picks <=") != NULL,
	    "quiz settings: picks as a choice's");
	ok(settings("{\"type\":\"quiz\"}", 1, &s, &why) == OUT_INVALID &&
	    strstr(why.msg, "two options") != NULL,
	    "quiz settings: two options at least");

	/* The answer is a choice's (answer_choice). */
	memset(&s, 0, sizeof(s));
	s.type = RT_QUIZ;
	s.opts = opts;
	s.nopts = 4;
	s.min_picks = 1;
	s.max_picks = 2;
	ok(check(&s, "{\"choices\":[11,13]}", msg) == 0, "quiz: two picks");
	ok(check(&s, "{\"choices\":[11,12,13]}", msg) == -1 &&
	    strstr(msg, "choose from 1 to 2") != NULL, "quiz: three refused");
	ok(check(&s, "{\"choices\":[99]}", msg) == -1 &&
	    strstr(msg, "not an option") != NULL, "quiz: unknown refused");
}

static void
test_points(void)
{
	/* 1000 for a correct answer, no limit: no bonus. */
	is_int(points(1, 1, 0, 3000, 0, 0), 1000, "correct: 1000");
	is_int(points(1, 0, 1, 3000, 0, 0), 0, "wrong: 0");
	is_int(points(2, 2, 0, 3000, 0, 0), 1000, "both of two correct: 1000");
	is_int(points(2, 1, 0, 3000, 0, 0), 0, "one of two correct: 0");
	is_int(points(2, 2, 1, 3000, 0, 0), 0, "two correct and a wrong: 0");
	is_int(points(0, 0, 1, 3000, 0, 0), 0, "no correct option: nothing");
	/* Limit 20 s, bonus 500: 500 * (20000 - e) / 20000, down. */
	is_int(points(1, 1, 0, 0, 20, 500), 1500, "at once: 1000 + 500");
	is_int(points(1, 1, 0, 5000, 20, 500), 1375,
	    "after 5 s of 20: 1000 + 375");
	is_int(points(1, 1, 0, 5001, 20, 500), 1374,
	    "after 5.001 s: 1000 + 374 (rounded down)");
	is_int(points(1, 1, 0, 19999, 20, 500), 1000,
	    "after 19.999 s: 1000 + 0 (500 * 1 / 20000 is 0)");
	is_int(points(1, 1, 0, 20000, 20, 500), 1000, "at the limit: 1000");
	is_int(points(1, 1, 0, 90000, 20, 500), 1000, "after it: 1000");
	is_int(points(1, 1, 0, -1, 20, 500), 1000,
	    "time not known (kept from an earlier opening): no bonus");
	is_int(points(1, 0, 1, 0, 20, 500), 0, "wrong at once: 0, no bonus");
	is_int(score_bonus(10000, 30, 300), 200, "bonus: 10 s of 30, 300: 200");
	is_int(score_bonus(10000, 0, 300), 0, "bonus: no limit, none");
	is_int(score_points(NULL, NULL), 0, "no rule: nothing");
}

static void
test_board(void)
{
	struct board	 b;

	board_init(&b);
	board_add(&b, "p1", "Ann", 1000, 1);
	board_add(&b, "p2", "Bob", 1375, 1);
	board_add(&b, "p3", "Cas", 0, 0);
	board_add(&b, "p1", "Ann", 375, 1);
	board_add(&b, "p3", "Cas", 1375, 1);
	board_add(&b, "p4", NULL, 0, 0);
	board_rank(&b);
	ok(b.n == 4 && strcmp(b.v[0].key, "p1") == 0 &&
	    b.v[0].points == 1375 && b.v[0].rank == 1 &&
	    b.v[0].answered == 2 && b.v[0].correct == 2,
	    "board: Ann 1375 (two right) first, by name among the tied");
	ok(strcmp(b.v[1].key, "p2") == 0 && b.v[1].rank == 1 &&
	    strcmp(b.v[2].key, "p3") == 0 && b.v[2].rank == 1 &&
	    b.v[2].answered == 2 && b.v[2].correct == 1,
	    "board: Bob and Cas tied at 1375 share rank 1");
	ok(strcmp(b.v[3].key, "p4") == 0 && b.v[3].rank == 4 &&
	    b.v[3].name == NULL && b.v[3].points == 0,
	    "board: no name (anonymous) at 0 is rank 4 (1, 1, 1, 4)");
	ok(board_find(&b, "p3") == &b.v[2] && board_find(&b, "t9") == NULL &&
	    board_find(&b, NULL) == NULL, "board: a responder's own row");
	board_release(&b);
	board_release(&b);
	ok(b.n == 0 && b.v == NULL, "board: released twice, empty");
	board_add(&b, "t1", "Table 1", 2000, 1);
	board_add(&b, "t2", "Table 2", 1000, 1);
	board_add(&b, "t3", "Table 3", 1000, 1);
	board_add(&b, "t4", "Table 4", 500, 1);
	board_rank(&b);
	ok(b.v[0].rank == 1 && b.v[1].rank == 2 && b.v[2].rank == 2 &&
	    b.v[3].rank == 4, "board: teams 2000, 1000, 1000, 500 rank 1 2 2 4");
	board_release(&b);
}

/* The board as JSON for reader who (leaderboard.c's writer). */
static char *
board_json(const struct board *b, enum boardfor who)
{
	static struct buf	 o;
	struct jw		*w;

	buf_release(&o);
	buf_init(&o, 65536);
	w = jw_new(&o);
	jw_obj(w);
	leaderboard_write(w, b, who);
	jw_end(w);
	jw_close(w);
	return o.data;
}

static void
test_write(void)
{
	struct board	 b;
	int		 i;
	char		 key[8];

	board_init(&b);
	is_str(board_json(&b, BOARD_ROOM), "{\"leaderboard\":null}",
	    "write: nothing revealed, no board");
	b.rounds = 1;
	board_add(&b, "p1", "Ann", 1000, 1);
	board_add(&b, "p2", NULL, 0, 0);
	board_rank(&b);
	is_str(board_json(&b, BOARD_ROOM), "{\"leaderboard\":{\"hidden\":"
	    "false,\"teams\":false,\"rounds\":1,\"entries\":[{\"rank\":1,"
	    "\"name\":\"Ann\",\"points\":1000,\"correct\":1,\"answered\":"
	    "1},{\"rank\":2,\"name\":null,\"points\":0,\"correct\":0,"
	    "\"answered\":1}],\"more\":0}}",
	    "write: the room's board names a named session's participants");
	ok(strstr(board_json(&b, BOARD_PHONES), "Ann") == NULL &&
	    strstr(board_json(&b, BOARD_PHONES), "\"points\":1000") != NULL,
	    "write: the phones' board names no person (P8)");
	b.teams = 1;
	ok(strstr(board_json(&b, BOARD_PHONES), "Ann") != NULL,
	    "write: in team mode the phones' board names the tables");
	b.teams = 0;
	b.hidden = 1;
	ok(strcmp(board_json(&b, BOARD_ROOM), "{\"leaderboard\":null}") == 0 &&
	    strcmp(board_json(&b, BOARD_PHONES), "{\"leaderboard\":null}") ==
	    0 && strstr(board_json(&b, BOARD_OWNER), "\"hidden\":true") !=
	    NULL, "write: hidden, none for the room and the phones, all for "
	    "the facilitator");
	b.hidden = 0;
	for (i = 3; i <= 12; i++) {
		(void)snprintf(key, sizeof(key), "p%d", i);
		board_add(&b, key, NULL, 0, 0);
	}
	board_rank(&b);
	ok(strstr(board_json(&b, BOARD_ROOM), "\"more\":2") != NULL &&
	    strstr(board_json(&b, BOARD_OWNER), "\"more\":0") != NULL,
	    "write: the room's first 10 of 12, the facilitator's all");
	board_release(&b);
}

int
main(void)
{
	test_row();
	test_points();
	test_board();
	test_write();
	return done_testing();
}
