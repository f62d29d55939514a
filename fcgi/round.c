/* SPDX-License-Identifier: ISC */
/*
 * round.c: the round types as one table, rtypes[RT__MAX], one row per
 * type: its name, whether it takes options (and how many at least), the
 * settings it uses, the check of those settings, the check of an answer,
 * and how its results are computed and written (a struct resultform,
 * which results.c reads).  What differs between types is a row here;
 * the functions below only read rows.  Pure: no database, no I/O, so
 * every rule is unit tested (t/unit/test_round.c) and fuzzed.
 *
 * Response bodies, by type:
 *	choice		{"choices": [option, ...]}
 *	rating		{"ratings": [{"option": id, "value": n|null}, ...]}
 *	ranking		{"ranking": [option, ...]}	(best first)
 *	points		{"points": [{"option": id, "points": n}, ...]}
 *	statements	{"answers": [{"option": id, "value": 0..5}, ...]}
 *	open		{"text": "..."}
 *	quiz		{"choices": [option, ...]}	(as choice; scored)
 * Brainstorm and Q&A rounds take ideas instead (api_round.c): a Q&A
 * round's questions are ideas on an open wall with upvotes, which its
 * row fixes on (rtype_fixed()).
 *
 * The answer each type takes is checked in roundanswer.c.
 *
 * Adding a type: docs/contributing-c-rounds.md.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "banned.h"

#define MAX_CRITERIA	10	/* criteria of one round */
#define NOSPEC		SIZE_MAX	/* a setting not in struct roundspec */
#define SPEC(m)		offsetof(struct roundspec, m)
#define USES(s)		(1u << (s))
/* The settings of every type: how the room sees it (presenter mode). */
#define ROOM		USES(RS_PROJECTOR_RESULTS)
#define KNOWN(t)	((t) >= 0 && (t) < RT__MAX)

/*
 * The round types, the rows of rtypes[].  Only this file names them: the
 * rest of the program holds a type as an int and asks the table.
 */
enum rtype {
	RT_BRAINSTORM,
	RT_CHOICE,
	RT_RATING,
	RT_RANKING,
	RT_POINTS,
	RT_STATEMENTS,
	RT_OPEN,
	RT_QA,
	RT_QUIZ,
	RT__MAX
};

/* What a setting's value is in the request body. */
enum skind {
	SK_INT,
	SK_BOOL,
	SK_LIST,	/* of texts */
	SK_TEXT,
	SK_WORD		/* one of swords[] (the first: the default) */
};

/* The words an SK_WORD setting takes, its default first. */
static const char *const *const swords[RS__MAX] = {
	[RS_PROJECTOR_RESULTS] = (const char *const []){ "reveal", "live",
	    NULL },
};

/*
 * A new round's settings, as round_create_in() reads them: every type's
 * row stores all of them (absent: the default), and the checks of a
 * setting's own values apply to every type, as the field table of
 * api_round.c (round_fields) does; "only" applies to the types that use
 * it.  "order" is where the setting comes among a round's settings as
 * round_settings_write() (agenda.c) and GET /api/round-types write them:
 * the pages and the tests read those keys in that order, which is not
 * the order of the checks.
 */
static const struct setting {
	const char	*name;
	enum skind	 kind;
	size_t		 off;	/* its member of struct roundspec, or NOSPEC */
	long long	 def;	/* when absent (or null) */
	int		 from;	/* if > 0: the default is setting from - 1 */
	long long	 lo, hi;	/* SK_INT: allowed */
	const long long	*only;	/* if set: for its types, these (ending 0) */
	int		 order;	/* its place among a round's settings written */
} settings[RS__MAX] = {
	[RS_MIN_PICKS] = { "min_picks", SK_INT, SPEC(min_picks), 1, 0,
	    1, 100, NULL, 0 },
	[RS_MAX_PICKS] = { "max_picks", SK_INT, SPEC(max_picks), 1,
	    1 + RS_MIN_PICKS, 1, 100, NULL, 1 },
	[RS_SCALE_MAX] = { "scale_max", SK_INT, SPEC(scale_max), 5, 0,
	    5, 10, (const long long []){ 5, 7, 10, 0 }, 2 },
	[RS_NO_OPINION] = { "no_opinion", SK_BOOL, SPEC(no_opinion), 1, 0,
	    0, 1, NULL, 3 },
	[RS_TOP_N] = { "top_n", SK_INT, SPEC(top_n), 0, 0, 0, 100, NULL, 7 },
	[RS_BUDGET] = { "budget", SK_INT, SPEC(budget), 10, 0, 1, 1000,
	    NULL, 8 },
	[RS_MAX_PER_OPTION] = { "max_per_option", SK_INT,
	    SPEC(max_per_option), 0, 0, 0, 1000, NULL, 9 },
	[RS_MAX_LENGTH] = { "max_length", SK_INT, SPEC(max_length), 500, 0,
	    1, 1000, NULL, 12 },
	[RS_OPEN_WALL] = { "open_wall", SK_BOOL, NOSPEC, 0, 0, 0, 1, NULL,
	    10 },
	[RS_CRITERIA] = { "criteria", SK_LIST, NOSPEC, 0, 0, 0,
	    MAX_CRITERIA, NULL, 6 },
	[RS_LABEL_LOW] = { "label_low", SK_TEXT, NOSPEC, 0, 0, 0, 0, NULL,
	    4 },
	[RS_LABEL_HIGH] = { "label_high", SK_TEXT, NOSPEC, 0, 0, 0, 0, NULL,
	    5 },
	[RS_PARTICIPANTS_CLUSTER] = { "participants_cluster", SK_BOOL, NOSPEC,
	    0, 0, 0, 1, NULL, 11 },
	[RS_PROJECTOR_RESULTS] = { "projector_results", SK_WORD, NOSPEC, 0,
	    0, 0, 0, NULL, 13 },
	[RS_UPVOTES] = { "upvotes", SK_BOOL, NOSPEC, 0, 0, 0, 1, NULL, 14 },
	[RS_MODERATED] = { "moderated", SK_BOOL, NOSPEC, 0, 0, 0, 1, NULL,
	    15 },
	[RS_SESSION_WIDE] = { "session_wide", SK_BOOL, SPEC(session_wide), 0,
	    0, 0, 1, NULL, 16 },
	[RS_TIME_LIMIT] = { "time_limit", SK_INT, SPEC(time_limit), 0, 0, 0,
	    3600, NULL, 17 },
	[RS_SPEED_BONUS] = { "speed_bonus", SK_INT, SPEC(speed_bonus), 0, 0,
	    0, 1000, NULL, 18 },
};

/*
 * The fields of a new round's body (api_round.c, api_template.c check
 * them with fields_check()): their kinds and bounds, beside the settings
 * they carry.
 */
const struct field round_fields[] = {
	{ "type", FT_STRING, 1, 1, 16 },
	{ "title", FT_STRING, 1, 1, 300 },
	{ "options", FT_STRLIST, 0, 1, 300 },
	{ "min_picks", FT_INT, 0, 1, 100 },
	{ "max_picks", FT_INT, 0, 1, 100 },
	{ "scale_max", FT_INT, 0, 5, 10 },
	{ "no_opinion", FT_BOOL, 0, 0, 0 },
	{ "top_n", FT_INT, 0, 0, 100 },
	{ "budget", FT_INT, 0, 1, 1000 },
	{ "max_per_option", FT_INT, 0, 0, 1000 },
	{ "max_length", FT_INT, 0, 1, 1000 },
	{ "open_wall", FT_BOOL, 0, 0, 0 },
	{ "options_from", FT_INT, 0, 1, INT64_MAX },
	{ "options_from_position", FT_INT, 0, 1, 1000 },
	{ "options_use", FT_STRING, 0, 5, 8 },
	{ "after", FT_INT, 0, 1, INT64_MAX },
	{ "criteria", FT_STRLIST, 0, 1, 100 },
	{ "label_low", FT_STRING, 0, 1, 60 },
	{ "label_high", FT_STRING, 0, 1, 60 },
	{ "participants_cluster", FT_BOOL, 0, 0, 0 },
	{ "projector_results", FT_STRING, 0, 4, 6 },
	{ "upvotes", FT_BOOL, 0, 0, 0 },
	{ "moderated", FT_BOOL, 0, 0, 0 },
	{ "session_wide", FT_BOOL, 0, 0, 0 },
	{ "time_limit", FT_INT, 0, 0, 3600 },
	{ "speed_bonus", FT_INT, 0, 0, 1000 },
	{ "correct_places", FT_LIST, 0, 0, 100 },	/* leaderboard.c */
};
const size_t round_nfields = sizeof(round_fields) / sizeof(round_fields[0]);

static long long value(const struct roundspec *, size_t);
static enum outcome settings_choice(const struct roundspec *, size_t,
		    struct why *);
static enum outcome settings_ranking(const struct roundspec *, size_t,
		    struct why *);
static enum outcome settings_quiz(const struct roundspec *, size_t,
		    struct why *);

/*
 * A quiz's rule (score.c): 1000 points for an answer that picks every
 * correct option and no other, plus its speed bonus.
 */
static const struct scorerule quiz_rule = { 1000, score_exact };

/* What an option's results show, in JSON and in CSV (results.c). */
static const enum rfield f_none[] = { RF__MAX };
static const enum rfield f_choice[] = { RF_COUNT, RF_PERCENT, RF__MAX };
/* A quiz's CSV says which options are correct (the JSON does not: P8). */
static const enum rfield f_quiz_csv[] = { RF_COUNT, RF_PERCENT, RF_CORRECT,
	RF__MAX };
static const enum rfield f_points[] = { RF_POINTS, RF_VOTERS, RF__MAX };
static const enum rfield f_ranking[] = { RF_BORDA, RF_RANKS, RF__MAX };
static const enum rfield f_rating[] = { RF_ANSWERED, RF_NO_OPINION,
	RF_MEAN, RF_MEDIAN, RF_SD, RF_DISTRIBUTION, RF__MAX };
static const enum rfield f_statements_json[] = { RF_ANSWERED, RF_PASS,
	RF_MEAN, RF_MEDIAN, RF_SD, RF_DISTRIBUTION, RF_AGREE, RF_DISAGREE,
	RF__MAX };
static const enum rfield f_statements_csv[] = { RF_ANSWERED, RF_PASS,
	RF_MEAN, RF_MEDIAN, RF_SD, RF_AGREE, RF_DISAGREE, RF_DISTRIBUTION,
	RF__MAX };

/* One round type. */
static const struct rtypedef {
	const char	*name;
	size_t		 min_options;	/* 0: takes no options */
	int		 ideas;		/* takes ideas, not answers */
	unsigned int	 uses;		/* USES(RS_*) of its settings */
	/* Its own checks of a new round's settings, or NULL. */
	enum outcome	(*settings)(const struct roundspec *, size_t,
			    struct why *);
	/* Checks an answer into answers (or -1, msg); NULL: takes none. */
	answerfn	 answer;
	struct resultform results;
	/*
	 * USES(RS_*) of settings the type always has: a true/false one on,
	 * projector_results "live", whatever the body says.
	 */
	unsigned int	 fixed;
	const struct scorerule *score;	/* its answers score; NULL: not */
} rtypes[RT__MAX] = {
	[RT_BRAINSTORM] = { "brainstorm", 0, 1, ROOM | USES(RS_MAX_LENGTH) |
	    USES(RS_OPEN_WALL) | USES(RS_PARTICIPANTS_CLUSTER) |
	    USES(RS_UPVOTES) | USES(RS_MODERATED), NULL, NULL,
	    { RK_IDEAS, 0, f_none, f_none },
	    0, NULL },
	[RT_CHOICE] = { "choice", 2, 0, ROOM | USES(RS_MIN_PICKS) |
	    USES(RS_MAX_PICKS), settings_choice, answer_choice,
	    { RK_PICKS, 0, f_choice, f_choice },
	    0, NULL },
	[RT_RATING] = { "rating", 1, 0, ROOM | USES(RS_SCALE_MAX) |
	    USES(RS_NO_OPINION) | USES(RS_LABEL_LOW) | USES(RS_LABEL_HIGH) |
	    USES(RS_CRITERIA), NULL, answer_rating,
	    { RK_SCALE, 0, f_rating, f_rating },
	    0, NULL },
	[RT_RANKING] = { "ranking", 2, 0, ROOM | USES(RS_TOP_N),
	    settings_ranking,
	    answer_ranking, { RK_BORDA, 0, f_ranking, f_ranking },
	    0, NULL },
	[RT_POINTS] = { "points", 1, 0, ROOM | USES(RS_BUDGET) |
	    USES(RS_MAX_PER_OPTION), NULL, answer_points,
	    { RK_SUM, 0, f_points, f_points },
	    0, NULL },
	[RT_STATEMENTS] = { "statements", 1, 0, ROOM, NULL,
	    answer_statements,
	    { RK_SCALE, 5, f_statements_json, f_statements_csv },
	    0, NULL },
	[RT_OPEN] = { "open", 0, 0, ROOM | USES(RS_MAX_LENGTH) |
	    USES(RS_MODERATED), NULL,
	    answer_open,
	    { RK_TEXTS, 0, f_none, f_none },
	    0, NULL },
	/* Questions are ideas, on the wall, liked, live on the projector. */
	[RT_QA] = { "qa", 0, 1, ROOM | USES(RS_MAX_LENGTH) |
	    USES(RS_OPEN_WALL) | USES(RS_UPVOTES) | USES(RS_MODERATED) |
	    USES(RS_SESSION_WIDE), NULL, NULL,
	    { RK_IDEAS, 0, f_none, f_none },
	    ROOM | USES(RS_OPEN_WALL) | USES(RS_UPVOTES), NULL },
	[RT_QUIZ] = { "quiz", 2, 0, ROOM | USES(RS_MIN_PICKS) |
	    USES(RS_MAX_PICKS) | USES(RS_TIME_LIMIT) | USES(RS_SPEED_BONUS),
	    settings_quiz, answer_choice,
	    { RK_PICKS, 0, f_choice, f_quiz_csv }, 0, &quiz_rule },
};

const char *
rtype_name(int t)
{
	return KNOWN(t) ? rtypes[t].name : "?";
}

/* Returns the number of round types: they are 0 .. rtype_count() - 1. */
int
rtype_count(void)
{
	return RT__MAX;
}

/* Returns the type named s, or -1 (also for NULL). */
int
rtype_parse(const char *s)
{
	int	 t;

	if (s == NULL)
		return -1;
	for (t = 0; t < RT__MAX; t++)
		if (strcmp(s, rtypes[t].name) == 0)
			return t;
	return -1;
}

/* Returns 1 if the type's responses refer to options. */
int
rtype_uses_options(int t)
{
	return KNOWN(t) && rtypes[t].min_options > 0;
}

/* The older name of rtype_uses_options(). */
int
rtype_has_options(int t)
{
	return rtype_uses_options(t);
}

/* Returns the options a round of type t needs at least (0: none). */
size_t
rtype_min_options(int t)
{
	return KNOWN(t) ? rtypes[t].min_options : 0;
}

/* Returns 1 if the type takes ideas (a brainstorm), not answers. */
int
rtype_takes_ideas(int t)
{
	return KNOWN(t) && rtypes[t].ideas;
}

/*
 * Returns 1 if type t fixes setting s (a true/false: on; projector_results:
 * "live"), so a round of it has that value whatever it was created or
 * edited with (agenda.c, roundedit.c).
 */
int
rtype_fixed(int t, enum rsetting s)
{
	return KNOWN(t) && s < RS__MAX && (rtypes[t].fixed & USES(s)) != 0;
}

/*
 * Returns the value of true/false setting s of a new round of type t
 * from body: 1 if the type fixes it, else 1 if body says true, else 0.
 */
int
rtype_bool(int t, enum rsetting s, const struct jv *body)
{
	return rtype_fixed(t, s) || (s < RS__MAX &&
	    jv_bool(jv_get(body, settings[s].name)) == 1);
}

/*
 * Returns the word of SK_WORD setting s of a new round of type t from
 * body: the type's fixed word (the last: "live") or rsetting_word()'s.
 */
const char *
rtype_word(int t, enum rsetting s, const struct jv *body)
{
	const char *const	*w;

	if (s >= RS__MAX || swords[s] == NULL)
		return NULL;
	if (!rtype_fixed(t, s))
		return rsetting_word(s, jv_get(body, settings[s].name));
	for (w = swords[s]; w[1] != NULL; w++)
		continue;
	return *w;
}

/* Returns 1 if rounds of type t use setting s (and show it). */
int
rtype_uses(int t, enum rsetting s)
{
	return KNOWN(t) && s < RS__MAX && (rtypes[t].uses & USES(s)) != 0;
}

/* Returns a setting's name in the request body, or "?". */
const char *
rsetting_name(enum rsetting s)
{
	return s < RS__MAX ? settings[s].name : "?";
}

/*
 * Returns the setting that rounds of type t write after setting after
 * (-1: the first), in the order of settings[].order, or -1 after the last
 * (and for no type).  Loop: for (s = -1; (s = rtype_setting(t, s)) >= 0;).
 */
int
rtype_setting(int t, int after)
{
	int	 i, best = -1, from;

	if (!KNOWN(t) || after < -1 || after >= RS__MAX)
		return -1;
	from = after < 0 ? -1 : settings[after].order;
	for (i = 0; i < RS__MAX; i++)
		if ((rtypes[t].uses & USES(i)) && settings[i].order > from &&
		    (best < 0 || settings[i].order < settings[best].order))
			best = i;
	return best;
}

/* Returns 1 if setting s is a true or false (else a number or text). */
int
rsetting_is_bool(enum rsetting s)
{
	return s < RS__MAX && settings[s].kind == SK_BOOL;
}

/*
 * Reads setting s of a round from its spec into *v.  Returns 1, or 0 for
 * a setting that struct roundspec does not hold (the caller's struct
 * round has it: labels, criteria, open_wall, participants_cluster).
 */
int
rsetting_get(enum rsetting s, const struct roundspec *spec, long long *v)
{
	if (s >= RS__MAX || settings[s].off == NOSPEC)
		return 0;
	*v = value(spec, settings[s].off);
	return 1;
}

/*
 * Returns the word that v (a value of SK_WORD setting s, or NULL or null:
 * absent) stands for: itself if it is one of the setting's words, its
 * default if absent, NULL if it is no word of the setting.
 */
const char *
rsetting_word(enum rsetting s, const struct jv *v)
{
	const char	*x;
	size_t		 i, len;

	if (s >= RS__MAX || swords[s] == NULL)
		return NULL;
	if (v == NULL || jv_type(v) == JV_NULL)
		return swords[s][0];
	if ((x = jv_str(v, &len)) == NULL)
		return NULL;
	for (i = 0; swords[s][i] != NULL; i++)
		if (strlen(swords[s][i]) == len &&
		    memcmp(swords[s][i], x, len) == 0)
			return swords[s][i];
	return NULL;
}

/*
 * Writes the round types as a JSON array, in table order (GET
 * /api/round-types): each its type, the options it needs at least,
 * whether it takes ideas and its settings' names, in the order
 * round_settings_write() writes them.
 */
void
rtypes_write(struct jw *w)
{
	int	 t, s;

	jw_arr(w);
	for (t = 0; t < RT__MAX; t++) {
		jw_obj(w);
		jw_kstr(w, "type", rtypes[t].name);
		jw_kint(w, "min_options", (long long)rtypes[t].min_options);
		jw_kbool(w, "takes_ideas", rtypes[t].ideas != 0);
		jw_kbool(w, "scored", rtypes[t].score != NULL);
		jw_key(w, "settings");
		jw_arr(w);
		for (s = -1; (s = rtype_setting(t, s)) >= 0;)
			jw_str(w, settings[s].name);
		jw_end(w);
		jw_end(w);
	}
	jw_end(w);
}

/*
 * Returns how the results of type t are computed and written, or NULL
 * for no type.  results.c reads it; the row stays here.
 */
const struct resultform *
rtype_results(int t)
{
	return KNOWN(t) ? &rtypes[t].results : NULL;
}

/* Returns the scoring rule of type t, or NULL if its answers score none. */
const struct scorerule *
rtype_score(int t)
{
	return KNOWN(t) ? rtypes[t].score : NULL;
}

/*
 * Refuses a new round's settings: fills why (code invalid_field, or the
 * code given) for the handler's resp_outcome().  Returns OUT_INVALID.
 * response.c's why_set() is a floor up, so the domain writes its own.
 */
static enum outcome PRINTFLIKE(3, 4)
refuse(struct why *why, const char *code, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	why->code = code;
	va_start(ap, fmt);
	n = vsnprintf(why->msg, sizeof(why->msg), fmt, ap);
	va_end(ap);
	if (n < 0)
		why->msg[0] = '\0';
	else if ((size_t)n >= sizeof(why->msg))
		utf8_trim(why->msg);
	return OUT_INVALID;
}

/* The setting at offset off of a round (a long long member). */
static long long *
member(struct roundspec *s, size_t off)
{
	return (long long *)(void *)((char *)s + off);
}

/* The value of the setting at offset off of a round. */
static long long
value(const struct roundspec *s, size_t off)
{
	return *(const long long *)(const void *)((const char *)s + off);
}

/* choice: picks: min_picks <= max_picks <= the number of options. */
static enum outcome
settings_choice(const struct roundspec *s, size_t nopts, struct why *why)
{
	if (s->min_picks > s->max_picks || s->max_picks > (long long)nopts)
		return refuse(why, "invalid_field", "picks: min_picks <= "
		    "max_picks <= the number of options");
	return OUT_OK;
}

/*
 * quiz: picks as a choice's; a speed bonus counts down the time limit,
 * so it needs one.
 */
static enum outcome
settings_quiz(const struct roundspec *s, size_t nopts, struct why *why)
{
	if (s->speed_bonus > 0 && s->time_limit == 0)
		return refuse(why, "invalid_field", "speed_bonus needs a "
		    "time_limit");
	return settings_choice(s, nopts, why);
}

/* ranking: top_n (0: all) is at most the number of options. */
static enum outcome
settings_ranking(const struct roundspec *s, size_t nopts, struct why *why)
{
	if (s->top_n > (long long)nopts)
		return refuse(why, "invalid_field", "top_n is more than the "
		    "number of options");
	return OUT_OK;
}

/*
 * Checks one setting's value as the field table of api_round.c does, with
 * its messages, so that a body nobody checked (the fuzzer, a test) never
 * yields a value out of range.  After fields_check() this never refuses.
 */
static enum outcome
setting_check(enum rsetting i, const struct jv *body, struct why *why)
{
	const struct setting	*st = &settings[i];
	const struct jv		*v = jv_get(body, st->name);
	long long		 x;

	if (jv_type(v) == JV_NULL)
		return OUT_OK;
	if (st->kind == SK_INT && (jv_int(v, &x) == -1 || x < st->lo ||
	    x > st->hi))
		return refuse(why, "invalid_field", "%s must be a whole number "
		    "from %lld to %lld", st->name, st->lo, st->hi);
	if (st->kind == SK_BOOL && jv_bool(v) == -1)
		return refuse(why, "invalid_field", "%s must be true or false",
		    st->name);
	if (st->kind == SK_WORD && rsetting_word(i, v) == NULL)
		return refuse(why, "invalid_field", "%s must be \"%s\" or "
		    "\"%s\"", st->name, swords[i][0], swords[i][1]);
	return OUT_OK;
}

/*
 * Checks a setting that type t uses against its "only" values (scale_max
 * 5, 7 or 10), naming them in the message.
 */
static enum outcome
setting_only(enum rsetting i, const struct roundspec *s, struct why *why)
{
	const struct setting	*st = &settings[i];
	struct buf		 list;
	long long		 v;
	size_t			 j;
	enum outcome		 rc = OUT_OK;

	if (st->only == NULL || st->off == NOSPEC)
		return OUT_OK;
	v = value(s, st->off);
	for (j = 0; st->only[j] != 0; j++)
		if (st->only[j] == v)
			return OUT_OK;
	buf_init(&list, 256);
	for (j = 0; st->only[j] != 0; j++)
		buf_appendf(&list, "%s%lld", j == 0 ? "" : st->only[j + 1] ==
		    0 ? " or " : ", ", st->only[j]);
	rc = refuse(why, "invalid_field", "%s must be %s", st->name,
	    buf_str(&list));
	buf_release(&list);
	return rc;
}

/*
 * Reads a new round's type from body's "type".  Returns OUT_OK with *out
 * set, or OUT_INVALID with why naming every type (from the table).
 */
enum outcome
round_type(const struct jv *body, int *out, struct why *why)
{
	struct buf	 list;
	enum outcome	 rc;
	int		 t;
	size_t		 i;

	if ((t = rtype_parse(jv_str(jv_get(body, "type"), NULL))) >= 0) {
		*out = t;
		return OUT_OK;
	}
	buf_init(&list, 256);
	for (i = 0; i < RT__MAX; i++)
		buf_appendf(&list, "%s%s", i == 0 ? "" : ", ", rtypes[i].name);
	rc = refuse(why, "invalid_field", "type must be one of %s",
	    buf_str(&list));
	buf_release(&list);
	return rc;
}

/* "one", "two": the words of the options a type needs. */
static const char *
count_word(size_t n, char *tmp, size_t sz)
{
	static const char *const words[] = { "no", "one", "two", "three" };
	int			 len;

	if (n < sizeof(words) / sizeof(words[0]))
		return words[n];
	len = snprintf(tmp, sz, "%zu", n);
	return len > 0 && (size_t)len < sz ? tmp : "more";
}

/*
 * Refuses criteria: "criteria: at most 10, for a rating round", naming
 * the types that use them.  Returns OUT_INVALID.
 */
static enum outcome
criteria_refuse(struct why *why)
{
	struct buf	 list;
	enum outcome	 rc;
	size_t		 i, n = 0;

	buf_init(&list, 256);
	for (i = 0; i < RT__MAX; i++)
		if (rtypes[i].uses & USES(RS_CRITERIA))
			buf_appendf(&list, "%s%s", n++ == 0 ? "" : " or ",
			    rtypes[i].name);
	rc = refuse(why, "invalid_field", "criteria: at most %lld, for a %s "
	    "round", settings[RS_CRITERIA].hi, buf_str(&list));
	buf_release(&list);
	return rc;
}

/*
 * Reads and checks the settings of a new round from the request body,
 * which has nopts options (given, or taken from a brainstorm), as
 * round_create_in() of api_round.c does: every setting read (absent: its
 * default), then the type's number of options, its own rules, and the
 * criteria.  Returns OUT_OK with out filled (opts and crits NULL: the
 * caller has them), or OUT_INVALID with why set (code invalid_field,
 * the message names the rule).  Labels, criteria names and every
 * field's text are the field table's (validate.c) to check.
 */
static enum outcome
settings_read(const struct jv *body, const struct roundspec *cur,
    size_t nopts, struct roundspec *out, struct why *why)
{
	const struct rtypedef	*row;
	const struct setting	*st;
	const struct jv		*v;
	int			 t;
	enum outcome		 rc;
	long long		 x;
	size_t			 i;
	char			 tmp[32];
	int			 b;

	memset(out, 0, sizeof(*out));
	if (jv_type(body) != JV_OBJECT)
		return refuse(why, "invalid_body", "the body must be a JSON "
		    "object");
	for (i = 0; i < RS__MAX; i++)
		if ((rc = setting_check(i, body, why)) != OUT_OK)
			return rc;
	if (cur != NULL)
		t = cur->type;
	else if ((rc = round_type(body, &t, why)) != OUT_OK)
		return rc;
	out->type = t;
	row = &rtypes[t];
	/* Every type stores every setting, as the rounds table has them. */
	for (i = 0; i < RS__MAX; i++) {
		st = &settings[i];
		if (st->off == NOSPEC)
			continue;
		v = jv_get(body, st->name);
		if (st->kind == SK_BOOL)
			x = (b = jv_bool(v)) != -1 ? b : cur != NULL ?
			    value(cur, st->off) : st->def;
		else if (jv_int(v, &x) == -1)
			x = cur != NULL ? value(cur, st->off) : st->from > 0 ?
			    value(out, settings[st->from - 1].off) : st->def;
		*member(out, st->off) = x;
	}
	if (row->min_options > 0 && nopts < row->min_options)
		return refuse(why, "invalid_field", "a %s round needs at least "
		    "%s options", row->name, count_word(row->min_options, tmp,
		    sizeof(tmp)));
	if (row->min_options == 0 && nopts > 0)
		return refuse(why, "invalid_field", "a %s round takes no "
		    "options", row->name);
	if (row->settings != NULL &&
	    (rc = row->settings(out, nopts, why)) != OUT_OK)
		return rc;
	for (i = 0; i < RS__MAX; i++)
		if ((row->uses & USES(i)) &&
		    (rc = setting_only(i, out, why)) != OUT_OK)
			return rc;
	/* Criteria: present (even null) only where a type uses them. */
	if ((v = jv_get(body, settings[RS_CRITERIA].name)) != NULL &&
	    (!(row->uses & USES(RS_CRITERIA)) ||
	    jv_len(v) > (size_t)settings[RS_CRITERIA].hi))
		return criteria_refuse(why);
	return OUT_OK;
}

enum outcome
round_settings(const struct jv *body, size_t nopts, struct roundspec *out,
    struct why *why)
{
	return settings_read(body, NULL, nopts, out, why);
}

/*
 * The same for an edit of a round whose settings are cur (roundedit.c):
 * its type stays, and a setting absent from body keeps cur's value.
 */
enum outcome
round_settings_edit(const struct jv *body, const struct roundspec *cur,
    size_t nopts, struct roundspec *out, struct why *why)
{
	return settings_read(body, cur, nopts, out, why);
}

/* Returns the answer checker of type t, or NULL if it takes none. */
answerfn
rtype_answer(int t)
{
	return KNOWN(t) ? rtypes[t].answer : NULL;
}

/*
 * Checks a response body against its round (its type's row's answer,
 * roundanswer.c) and turns it into answers.  Returns 0, or -1 with msg
 * (for the participant: which rule) set; out is then released.  Here,
 * beside the table, so that roundanswer.c calls nothing of round.c.
 */
int
round_validate(const struct roundspec *s, const struct jv *body,
    struct answers *out, char *msg, size_t sz)
{
	answerfn	 check;
	const char	*why = NULL;

	memset(out, 0, sizeof(*out));
	if (jv_type(body) != JV_OBJECT)
		why = "the answer must be a JSON object";
	else if ((check = rtype_answer(s->type)) == NULL)
		why = "this round takes ideas, not answers";
	else if (check(s, body, out, msg, sz) == -1) {
		answers_release(out);
		return -1;
	}
	if (why == NULL)
		return 0;
	if (sz > 0 && snprintf(msg, sz, "%s", why) >= (int)sz)
		utf8_trim(msg);
	return -1;
}

/* Frees what round_validate() put in a; a is then empty. */
void
answers_release(struct answers *a)
{
	free(a->a);
	free(a->text);
	memset(a, 0, sizeof(*a));
}
