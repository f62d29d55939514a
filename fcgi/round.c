/*
 * round.c: what a round accepts and what its results are, as pure
 * functions over a round's description (struct roundspec): no database,
 * so every rule and every sum is unit tested (t/unit/test_round.c) and
 * the validator fuzzed.
 *
 * Response bodies, by type:
 *	choice		{"choices": [option, ...]}
 *	rating		{"ratings": [{"option": id, "value": n|null}, ...]}
 *	ranking		{"ranking": [option, ...]}	(best first)
 *	points		{"points": [{"option": id, "points": n}, ...]}
 *	statements	{"answers": [{"option": id, "value": 0..5}, ...]}
 *	open		{"text": "..."}
 * Brainstorm rounds take ideas instead (api_round.c).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "banned.h"

static const char *const rtypes[RT__MAX] = {
	[RT_BRAINSTORM] = "brainstorm",
	[RT_CHOICE] = "choice",
	[RT_RATING] = "rating",
	[RT_RANKING] = "ranking",
	[RT_POINTS] = "points",
	[RT_STATEMENTS] = "statements",
	[RT_OPEN] = "open",
};

const char *
rtype_name(enum rtype t)
{
	return t < RT__MAX ? rtypes[t] : "?";
}

/* Returns the type named s, or -1. */
int
rtype_parse(const char *s)
{
	int	 t;

	for (t = 0; t < RT__MAX; t++)
		if (strcmp(s, rtypes[t]) == 0)
			return t;
	return -1;
}

/* Returns 1 if the type's responses refer to options. */
int
rtype_has_options(enum rtype t)
{
	return t != RT_BRAINSTORM && t != RT_OPEN;
}

static int PRINTFLIKE(3, 4)
fail(char *msg, size_t sz, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sz, fmt, ap);
	va_end(ap);
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

/*
 * Checks a response body against its round and turns it into answers.
 * Returns 0, or -1 with msg (for the participant: which rule) set; out
 * is then released.
 */
int
round_validate(const struct roundspec *s, const struct jv *body,
    struct answers *out, char *msg, size_t sz)
{
	const char	*text;
	size_t		 i, len, want;
	long long	 sum = 0;
	int		 rc = -1;

	memset(out, 0, sizeof(*out));
	if (jv_type(body) != JV_OBJECT) {
		snprintf(msg, sz, "the answer must be a JSON object");
		return -1;
	}
	switch (s->type) {
	case RT_CHOICE:
		if (read_ids(s, jv_get(body, "choices"), "choices", 0, out,
		    msg, sz) == -1)
			goto out;
		if ((long long)out->n < s->min_picks ||
		    (long long)out->n > s->max_picks) {
			rc = s->min_picks == s->max_picks ?
			    fail(msg, sz, "choose exactly %lld",
			    s->min_picks) :
			    fail(msg, sz, "choose from %lld to %lld options",
			    s->min_picks, s->max_picks);
			goto out;
		}
		break;
	case RT_RANKING:
		if (read_ids(s, jv_get(body, "ranking"), "ranking", 1, out,
		    msg, sz) == -1)
			goto out;
		want = s->top_n > 0 && (size_t)s->top_n < s->nopts ?
		    (size_t)s->top_n : s->nopts;
		if (out->n != want) {
			rc = fail(msg, sz, "rank exactly %lld options (you "
			    "ranked %lld)", (long long)want, (long long)out->n);
			goto out;
		}
		break;
	case RT_RATING:
	case RT_STATEMENTS:
		if (read_pairs(s, jv_get(body, s->type == RT_RATING ?
		    "ratings" : "answers"), "value", out, msg, sz) == -1)
			goto out;
		if (out->n == 0) {
			rc = fail(msg, sz, "answer at least one option");
			goto out;
		}
		for (i = 0; i < out->n; i++) {
			if (s->type == RT_STATEMENTS) {
				if (out->a[i].value < 0 || out->a[i].value > 5) {
					rc = fail(msg, sz, "option %lld: "
					    "answer 1 to 5, or 0 to pass",
					    out->a[i].option);
					goto out;
				}
			} else if (out->a[i].value == -1) {
				if (!s->no_opinion) {
					rc = fail(msg, sz, "option %lld needs "
					    "a rating: this round has no "
					    "\"no opinion\"", out->a[i].option);
					goto out;
				}
				out->a[i].value = 0;
			} else if (out->a[i].value < 1 ||
			    out->a[i].value > s->scale_max) {
				rc = fail(msg, sz, "option %lld: rate from 1 to "
				    "%lld", out->a[i].option, s->scale_max);
				goto out;
			}
		}
		break;
	case RT_POINTS:
		if (read_pairs(s, jv_get(body, "points"), "points", out, msg,
		    sz) == -1)
			goto out;
		for (i = 0; i < out->n; i++) {
			if (out->a[i].value < 0) {
				rc = fail(msg, sz, "option %lld: points cannot "
				    "be negative", out->a[i].option);
				goto out;
			}
			/* Also keeps the sum far from overflowing. */
			if (out->a[i].value > s->budget) {
				rc = fail(msg, sz, "option %lld: more points "
				    "than the budget of %lld", out->a[i].option,
				    s->budget);
				goto out;
			}
			if (s->max_per_option > 0 &&
			    out->a[i].value > s->max_per_option) {
				rc = fail(msg, sz, "option %lld: at most %lld "
				    "points per option", out->a[i].option,
				    s->max_per_option);
				goto out;
			}
			sum += out->a[i].value;
		}
		if (sum > s->budget) {
			rc = fail(msg, sz, "%lld points is over the budget of "
			    "%lld", sum, s->budget);
			goto out;
		}
		if (sum == 0) {
			rc = fail(msg, sz, "spend at least one point");
			goto out;
		}
		/* Options with 0 points are not stored. */
		for (i = 0, len = 0; i < out->n; i++)
			if (out->a[i].value > 0)
				out->a[len++] = out->a[i];
		out->n = len;
		break;
	case RT_OPEN:
		text = jv_str(jv_get(body, "text"), &len);
		if (text == NULL || utf8_len(text, len) < 1 ||
		    (long long)utf8_len(text, len) > s->max_length) {
			rc = fail(msg, sz, "text must be 1 to %lld characters",
			    s->max_length);
			goto out;
		}
		out->text = xstrndup(text, len);
		out->textlen = len;
		break;
	default:
		snprintf(msg, sz, "this round takes ideas, not answers");
		goto out;
	}
	rc = 0;
out:
	if (rc == -1)
		answers_release(out);
	return rc;
}

void
answers_release(struct answers *a)
{
	free(a->a);
	free(a->text);
	memset(a, 0, sizeof(*a));
}

static int
cmp_ll(const void *a, const void *b)
{
	long long	 x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/*
 * Writes the numbers of scale answers (n values in vals, sorted here):
 * count, no opinion / pass (0), mean, median, population standard
 * deviation, distribution, and for statements agree and disagree.
 */
static void
scale_stats(struct jw *w, const struct roundspec *s, long long *vals,
    size_t n)
{
	long long	 pass = 0, dist[11];
	double		 mean = 0, sd = 0, median;
	size_t		 j, k;

	memset(dist, 0, sizeof(dist));
	/* 0 is "no opinion" or "pass": counted apart. */
	for (j = 0, k = 0; j < n; j++) {
		if (vals[j] == 0)
			pass++;
		else if (vals[j] > 0 && vals[j] <= 10) {
			dist[vals[j]]++;
			vals[k++] = vals[j];
		}
	}
	qsort(vals, k, sizeof(*vals), cmp_ll);
	for (j = 0; j < k; j++)
		mean += (double)vals[j];
	mean = k > 0 ? mean / (double)k : 0;
	for (j = 0; j < k; j++)
		sd += ((double)vals[j] - mean) * ((double)vals[j] - mean);
	sd = k > 0 ? sqrt(sd / (double)k) : 0;
	median = k == 0 ? 0 : k % 2 ? (double)vals[k / 2] :
	    (double)(vals[k / 2 - 1] + vals[k / 2]) / 2;
	jw_kint(w, "count", (long long)k);
	jw_kint(w, s->type == RT_RATING ? "no_opinion" : "pass", pass);
	jw_kfixed(w, "mean", mean);
	jw_kfixed(w, "median", median);
	/* Population standard deviation: the spread. */
	jw_kfixed(w, "sd", sd);
	jw_key(w, "distribution");
	jw_arr(w);
	for (j = 1; j <= (size_t)(s->type == RT_RATING ? s->scale_max : 5);
	    j++)
		jw_int(w, dist[j]);
	jw_end(w);
	if (s->type == RT_STATEMENTS) {
		jw_kint(w, "agree", dist[4] + dist[5]);
		jw_kint(w, "disagree", dist[1] + dist[2]);
	}
}

/*
 * Writes the results of a round: for every option its numbers (see
 * docs/rounds.md), from the stored values (option, criterion, value) of
 * nresp responses.
 */
void
round_results(const struct roundspec *s, const struct answer *v, size_t nv,
    long long nresp, struct jw *w)
{
	long long	*vals, n, sum, ranks;
	size_t		 i, j, k, c;
	long long	 m;

	vals = xcalloc(nv + 1, sizeof(*vals));
	m = s->top_n > 0 && (size_t)s->top_n < s->nopts ? s->top_n :
	    (long long)s->nopts;
	jw_kint(w, "responses", nresp);
	jw_key(w, "options");
	jw_arr(w);
	for (i = 0; i < s->nopts; i++) {
		/* The values given to this option. */
		for (j = 0, k = 0; j < nv; j++)
			if (v[j].option == s->opts[i])
				vals[k++] = v[j].value;
		n = (long long)k;
		jw_obj(w);
		jw_kint(w, "option", s->opts[i]);
		switch (s->type) {
		case RT_CHOICE:
			jw_kint(w, "count", n);
			jw_kint(w, "percent", nresp > 0 ?
			    (n * 1000 / nresp + 5) / 10 : 0);
			break;
		case RT_POINTS:
			for (j = 0, sum = 0; j < k; j++)
				sum += vals[j];
			jw_kint(w, "points", sum);
			jw_kint(w, "voters", n);
			break;
		case RT_RANKING:
			/* Borda: rank r of m earns m - r + 1 points. */
			for (j = 0, sum = 0; j < k; j++)
				sum += m - vals[j] + 1;
			jw_kint(w, "borda", sum);
			jw_key(w, "ranks");
			jw_arr(w);
			for (ranks = 1; ranks <= m; ranks++) {
				for (j = 0, sum = 0; j < k; j++)
					sum += vals[j] == ranks;
				jw_int(w, sum);
			}
			jw_end(w);
			break;
		case RT_RATING:
		case RT_STATEMENTS:
			if (s->ncrits == 0) {
				scale_stats(w, s, vals, k);
				break;
			}
			/* One set of numbers per criterion. */
			jw_key(w, "criteria");
			jw_arr(w);
			for (c = 0; c < s->ncrits; c++) {
				for (j = 0, k = 0; j < nv; j++)
					if (v[j].option == s->opts[i] &&
					    v[j].criterion == s->crits[c])
						vals[k++] = v[j].value;
				jw_obj(w);
				jw_kint(w, "criterion", s->crits[c]);
				scale_stats(w, s, vals, k);
				jw_end(w);
			}
			jw_end(w);
			break;
		default:
			break;
		}
		jw_end(w);
	}
	jw_end(w);
	free(vals);
}
