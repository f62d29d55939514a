/* SPDX-License-Identifier: ISC */
/*
 * roundanswer.c: the answer each round type takes, one checker per type
 * (round.c's table names them): a response body is read against its
 * round and turned into struct answers, or refused with a message that
 * says which rule.  Pure, like round.c: unit tested (t/unit/test_round.c)
 * and fuzzed (fuzz_round).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "banned.h"

#define MAX_CRITERIA	10	/* criteria of one round (as round.c) */

/*
 * Writes a message for people into msg (sz bytes); one cut short keeps
 * whole UTF-8 characters.  Returns -1, for "return fail(...)".
 */
static int PRINTFLIKE(3, 4)
fail(char *msg, size_t sz, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	if (sz == 0)
		return -1;
	va_start(ap, fmt);
	n = vsnprintf(msg, sz, fmt, ap);
	va_end(ap);
	if (n < 0)
		msg[0] = '\0';
	else if ((size_t)n >= sz)
		utf8_trim(msg);
	return -1;
}


/* Index of option id in the round, or -1. */
static long
opt_index(const struct roundspec *s, long long id)
{
	size_t	 i;

	for (i = 0; i < s->nopts; i++)
		if (s->opts[i] == id)
			return (long)i;
	return -1;
}

static void
add(struct answers *a, long long option, long long criterion,
    long long value)
{
	a->a = xreallocarray(a->a, a->n + 1, sizeof(*a->a));
	a->a[a->n].option = option;
	a->a[a->n].criterion = criterion;
	a->a[a->n].value = value;
	a->n++;
}

/* Returns 1 if id is one of the round's criteria. */
static int
crit_known(const struct roundspec *s, long long id)
{
	size_t	 i;

	for (i = 0; i < s->ncrits; i++)
		if (s->crits[i] == id)
			return 1;
	return 0;
}

/*
 * Reads a list of option ids (choices, ranking): each known, none twice.
 * Returns 0 or -1 with msg set.
 */
static int
read_ids(const struct roundspec *s, const struct jv *list, const char *what,
    int ranks, struct answers *out, char *msg, size_t sz)
{
	size_t		 i, j;
	long long	 id;

	if (jv_type(list) != JV_ARRAY)
		return fail(msg, sz, what[0] == 'c' ? "choices must be a list "
		    "of options" : "ranking must be a list of options");
	for (i = 0; i < jv_len(list); i++) {
		if (jv_int(jv_at(list, i), &id) == -1 || opt_index(s, id) < 0)
			return fail(msg, sz, "answer %zu is not an option of "
			    "this round", i + 1);
		for (j = 0; j < out->n; j++)
			if (out->a[j].option == id)
				return fail(msg, sz, ranks ? "option %lld is "
				    "ranked twice" : "option %lld is chosen "
				    "twice", id);
		add(out, id, 0, ranks ? (long long)i + 1 : 1);
	}
	return 0;
}

/*
 * Reads a list of {"option": id, KEY: value} (ratings, points, answers):
 * each option known and once.  A null value is kept as -1.
 */
static int
read_pairs(const struct roundspec *s, const struct jv *list,
    const char *key, struct answers *out, char *msg, size_t sz)
{
	const struct jv	*e, *v, *cv;
	size_t		 i, j;
	long long	 id, val, crit = 0;

	if (jv_type(list) != JV_ARRAY)
		return fail(msg, sz, "the answers must be a list");
	for (i = 0; i < jv_len(list); i++) {
		e = jv_at(list, i);
		if (jv_type(e) != JV_OBJECT ||
		    jv_int(jv_get(e, "option"), &id) == -1 ||
		    opt_index(s, id) < 0)
			return fail(msg, sz, "answer %zu names no option of "
			    "this round", i + 1);
		v = jv_get(e, key);
		if (jv_type(v) == JV_NULL)
			val = -1;
		else if (jv_int(v, &val) == -1)
			return fail(msg, sz, "the value for option %lld must "
			    "be a whole number", id);
		/* Multi-criteria ratings name the criterion of each value. */
		cv = jv_get(e, "criterion");
		if (s->ncrits > 0) {
			if (jv_int(cv, &crit) == -1 || !crit_known(s, crit))
				return fail(msg, sz, "answer %zu names no "
				    "criterion of this round", i + 1);
		} else if (cv != NULL)
			return fail(msg, sz, "this round has no criteria");
		for (j = 0; j < out->n; j++)
			if (out->a[j].option == id &&
			    out->a[j].criterion == crit)
				return fail(msg, sz, s->ncrits > 0 ?
				    "option %lld is rated twice on one "
				    "criterion" : "option %lld is answered "
				    "twice", id);
		add(out, id, crit, val);
	}
	return 0;
}


/* choice: known options, none twice, between min and max picks. */
int
answer_choice(const struct roundspec *s, const struct jv *body,
    struct answers *out, char *msg, size_t sz)
{
	if (read_ids(s, jv_get(body, "choices"), "choices", 0, out, msg,
	    sz) == -1)
		return -1;
	if ((long long)out->n < s->min_picks ||
	    (long long)out->n > s->max_picks)
		return s->min_picks == s->max_picks ?
		    fail(msg, sz, "choose exactly %lld", s->min_picks) :
		    fail(msg, sz, "choose from %lld to %lld options",
		    s->min_picks, s->max_picks);
	return 0;
}

/* ranking: exactly top_n (or all) options, none twice, best first. */
int
answer_ranking(const struct roundspec *s, const struct jv *body,
    struct answers *out, char *msg, size_t sz)
{
	size_t	 want;

	if (read_ids(s, jv_get(body, "ranking"), "ranking", 1, out, msg,
	    sz) == -1)
		return -1;
	want = s->top_n > 0 && (size_t)s->top_n < s->nopts ?
	    (size_t)s->top_n : s->nopts;
	if (out->n != want)
		return fail(msg, sz, "rank exactly %lld options (you ranked "
		    "%lld)", (long long)want, (long long)out->n);
	return 0;
}

/*
 * rating: 1..scale_max for each option (and criterion); null is "no
 * opinion" (stored as 0) where the round allows it; at least one.
 */
int
answer_rating(const struct roundspec *s, const struct jv *body,
    struct answers *out, char *msg, size_t sz)
{
	size_t	 i;

	if (read_pairs(s, jv_get(body, "ratings"), "value", out, msg,
	    sz) == -1)
		return -1;
	if (out->n == 0)
		return fail(msg, sz, "answer at least one option");
	for (i = 0; i < out->n; i++) {
		if (out->a[i].value == -1) {
			if (!s->no_opinion)
				return fail(msg, sz, "option %lld needs a "
				    "rating: this round has no \"no "
				    "opinion\"", out->a[i].option);
			out->a[i].value = 0;
		} else if (out->a[i].value < 1 ||
		    out->a[i].value > s->scale_max)
			return fail(msg, sz, "option %lld: rate from 1 to "
			    "%lld", out->a[i].option, s->scale_max);
	}
	return 0;
}

/* statements: 1 (strongly disagree) .. 5 (strongly agree), 0 to pass. */
int
answer_statements(const struct roundspec *s, const struct jv *body,
    struct answers *out, char *msg, size_t sz)
{
	size_t	 i;

	if (read_pairs(s, jv_get(body, "answers"), "value", out, msg,
	    sz) == -1)
		return -1;
	if (out->n == 0)
		return fail(msg, sz, "answer at least one option");
	for (i = 0; i < out->n; i++)
		if (out->a[i].value < 0 || out->a[i].value > 5)
			return fail(msg, sz, "option %lld: answer 1 to 5, or "
			    "0 to pass", out->a[i].option);
	return 0;
}

/*
 * points: whole numbers, not negative, at most max_per_option, the sum
 * within the budget and at least one point.  Options given 0 points are
 * not stored.
 */
int
answer_points(const struct roundspec *s, const struct jv *body,
    struct answers *out, char *msg, size_t sz)
{
	size_t		 i, len;
	long long	 sum = 0;

	if (read_pairs(s, jv_get(body, "points"), "points", out, msg,
	    sz) == -1)
		return -1;
	for (i = 0; i < out->n; i++) {
		if (out->a[i].value < 0)
			return fail(msg, sz, "option %lld: points cannot be "
			    "negative", out->a[i].option);
		/* Also keeps the sum far from overflowing. */
		if (out->a[i].value > s->budget)
			return fail(msg, sz, "option %lld: more points than "
			    "the budget of %lld", out->a[i].option, s->budget);
		if (s->max_per_option > 0 &&
		    out->a[i].value > s->max_per_option)
			return fail(msg, sz, "option %lld: at most %lld points "
			    "per option", out->a[i].option, s->max_per_option);
		sum += out->a[i].value;
	}
	if (sum > s->budget)
		return fail(msg, sz, "%lld points is over the budget of %lld",
		    sum, s->budget);
	if (sum == 0)
		return fail(msg, sz, "spend at least one point");
	for (i = 0, len = 0; i < out->n; i++)
		if (out->a[i].value > 0)
			out->a[len++] = out->a[i];
	out->n = len;
	return 0;
}

/* open: a text of 1..max_length characters. */
int
answer_open(const struct roundspec *s, const struct jv *body,
    struct answers *out, char *msg, size_t sz)
{
	const char	*text;
	size_t		 len;

	text = jv_str(jv_get(body, "text"), &len);
	if (text == NULL || utf8_len(text, len) < 1 ||
	    (long long)utf8_len(text, len) > s->max_length)
		return fail(msg, sz, "text must be 1 to %lld characters",
		    s->max_length);
	out->text = xstrndup(text, len);
	out->textlen = len;
	return 0;
}
