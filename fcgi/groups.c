/* SPDX-License-Identifier: ISC */
/*
 * groups.c: a round's results per group of a profile question, and the
 * cross-group view: computed from the values of the
 * responses, each marked with its responder's profile answer, by the
 * same results_fill() as the whole room's (results.c), so every result
 * kind that scores options has its groups without a line here.
 *
 * Nobody can be singled out (P8): a group with fewer responders than
 * the session's minimum is merged into "other"; if "other" is then still
 * below the minimum (and not empty), the smallest group shown joins it,
 * and so on until "other" reaches the minimum.  Otherwise the whole
 * room's results less the groups shown would give the few left out.
 * When only "other" would be left, no group is shown (all are "left
 * out", with a note).  So each group shown has at least the minimum of
 * responders, and what is left out is nothing or everybody.
 *
 * The cross-group view: per option (and criterion), each group's side
 * of the option (sides[], by result kind) and whether the groups agree
 * (no group above while another is below) or differ.  The rules, to
 * compute by hand: docs/rounds.md, "Results by group".  Pure: no
 * database, no I/O (profile.c loads what it needs).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "banned.h"

static int	side_scale(const struct results *, size_t, size_t, double *);
static int	side_share(const struct results *, size_t, size_t, double *);

/*
 * Each kind's side of option i (criterion c) in a group's results:
 * 1 above, -1 below, 0 neutral, 2 none (no answers); *m its measure.
 * A kind without a row has no cross-group view (open, brainstorm).
 */
static int	(*const sides[RK__MAX])(const struct results *, size_t,
		    size_t, double *) = {
	[RK_PICKS] = side_share,
	[RK_SUM] = side_share,
	[RK_BORDA] = side_share,
	[RK_SCALE] = side_scale,
};

void
groups_init(struct groups *g)
{
	memset(g, 0, sizeof(*g));
}

void
groups_release(struct groups *g)
{
	size_t	 i;

	for (i = 0; i < g->n; i++)
		results_release(&g->v[i].res);
	free(g->v);
	free(g->merged);
	free(g->cross);
	results_release(&g->all);
	memset(g, 0, sizeof(*g));
}

/*
 * Rating, statements: the group's mean against the scale's middle
 * ((points + 1) / 2); within half a point of it is neutral.
 */
static int
side_scale(const struct results *res, size_t i, size_t c, double *m)
{
	const struct scale	*sc;
	double			 mid;

	sc = res->ncrits > 0 ? &res->opts[i].crits[c] : &res->opts[i].scale;
	*m = sc->mean;
	if (sc->answered == 0)
		return 2;
	mid = ((double)res->npoints + 1) / 2;
	if (sc->mean > mid + GROUPS_BAND)
		return 1;
	if (sc->mean < mid - GROUPS_BAND)
		return -1;
	return 0;
}

/* The number of option o that its share is taken of. */
static long long
share_value(const struct results *res, const struct optresult *o)
{
	switch (res->form->kind) {
	case RK_SUM:
		return o->points;
	case RK_BORDA:
		return o->borda;
	default:
		return o->count;
	}
}

/*
 * Choice, points, ranking: the option's share of all the group gave
 * (picks, points, Borda points) against an equal share (1 / options):
 * above at more than 5/4 of it, below at less than 3/4, neutral between.
 * *m is the share in percent.  In whole numbers, with v the option's,
 * t the total and n the options: above if 4nv > 5t, below if 4nv < 3t.
 */
static int
side_share(const struct results *res, size_t i, size_t c, double *m)
{
	long long	 v, t = 0, n = (long long)res->nopts;
	size_t		 j;

	(void)c;
	for (j = 0; j < res->nopts; j++)
		t += share_value(res, &res->opts[j]);
	v = share_value(res, &res->opts[i]);
	*m = t > 0 ? 100.0 * (double)v / (double)t : 0;
	if (t <= 0 || n == 0)
		return 2;
	if (4 * n * v > 5 * t)
		return 1;
	if (4 * n * v < 3 * t)
		return -1;
	return 0;
}

/* The shown group of answer a: its index in g->v, or -1 (left out). */
int
groups_index(const struct groups *g, long long a)
{
	size_t	 i;

	for (i = 0; i < g->n; i++)
		if (g->v[i].answer == a)
			return (int)i;
	/* Not shown as itself: in "other", if "other" is shown. */
	for (i = 0; i < g->n; i++)
		if (g->v[i].answer == 0)
			return (int)i;
	return -1;
}

/*
 * Decides the groups from the responders per answer: na answers of the
 * question (answers[], in order) and cnt[k] responders of answer k,
 * cnt[na] those of no answer ("rather not say", none): "other".  Fills
 * g->v (answer, responses; no results yet), g->merged, g->left_out.
 */
static void
groups_decide(struct groups *g, const long long *answers, size_t na,
    const long long *cnt, long long min)
{
	long long	 other = cnt[na];
	size_t		 k, i, small;
	int		*in;

	in = xcalloc(na + 1, sizeof(*in));
	g->merged = xcalloc(na + 1, sizeof(*g->merged));
	for (k = 0; k < na; k++) {
		in[k] = cnt[k] >= min;
		if (cnt[k] > 0 && !in[k]) {
			other += cnt[k];
			g->merged[g->nmerged++] = answers[k];
		}
	}
	/* "other" too small: the smallest group shown joins it. */
	while (other > 0 && other < min) {
		small = na;
		for (k = 0; k < na; k++)
			if (in[k] && (small == na || cnt[k] < cnt[small]))
				small = k;
		if (small == na)
			break;
		in[small] = 0;
		other += cnt[small];
		g->merged[g->nmerged++] = answers[small];
	}
	for (k = 0, i = 0; k < na; k++)
		i += in[k] != 0;
	/* Only "other" left, or it is still too small: no groups. */
	if ((i == 0 && other > 0) || (other > 0 && other < min)) {
		g->left_out = other;
		for (k = 0; k < na; k++)
			if (in[k])
				g->left_out += cnt[k];
		free(in);
		return;
	}
	g->v = xcalloc(na + 1, sizeof(*g->v));
	for (k = 0; k < na; k++)
		if (in[k]) {
			g->v[g->n].answer = answers[k];
			g->v[g->n++].responses = cnt[k];
		}
	if (other > 0) {
		g->v[g->n].answer = 0;
		g->v[g->n++].responses = other;
	}
	free(in);
}

/* Each option's (and criterion's) sides, and whether the groups agree. */
static void
groups_compare(struct groups *g)
{
	const struct results	*first;
	struct gcross		*x;
	size_t			 i, c, k, nc, ncr;
	double			 m;
	int			 s;

	if (g->n == 0 || g->v[0].res.form == NULL ||
	    g->v[0].res.form->kind >= RK__MAX ||
	    sides[g->v[0].res.form->kind] == NULL)
		return;
	first = &g->v[0].res;
	ncr = first->ncrits > 0 ? first->ncrits : 1;
	g->cross = xcalloc(first->nopts * ncr + 1, sizeof(*g->cross));
	for (i = 0; i < first->nopts; i++)
		for (c = 0; c < ncr; c++) {
			x = &g->cross[g->ncross++];
			x->opt = i;
			x->crit = c;
			x->hi = x->lo = -1;
			for (k = 0, nc = 0; k < g->n && k < GROUPS_MAX; k++) {
				s = sides[first->form->kind](&g->v[k].res,
				    i, c, &m);
				x->side[k] = s;
				x->measure[k] = m;
				if (s == 2)
					continue;
				nc++;
				if (s == 1 && (x->hi < 0 ||
				    m > x->measure[x->hi]))
					x->hi = (int)k;
				if (s == -1 && (x->lo < 0 ||
				    m < x->measure[x->lo]))
					x->lo = (int)k;
			}
			x->all_side = sides[first->form->kind](&g->all, i, c,
			    &x->all_measure);
			x->verdict = nc < 2 ? GV_NONE :
			    x->hi >= 0 && x->lo >= 0 ? GV_DIFFER : GV_AGREE;
		}
}

/*
 * Computes the results of round s per group into g (initialised; what
 * it held is released first): nv values, each of a response whose
 * responder gave answer vg[j] (0: none, "rather not say"); the question's
 * na answers (answers[]); cnt[k] responders per answer, cnt[na] of
 * none; min the session's minimum group size.
 */
void
groups_fill(struct groups *g, const struct roundspec *s,
    const struct answer *v, const long long *vg, size_t nv,
    const long long *answers, size_t na, const long long *cnt, long long min)
{
	struct answer	*mine;
	long long	 total = 0;
	size_t		 i, j, k;

	groups_release(g);
	g->min = min;
	if (na > GROUPS_MAX - 1)
		na = GROUPS_MAX - 1;
	for (k = 0; k <= na; k++)
		total += cnt[k];
	results_init(&g->all);
	results_fill(&g->all, s, v, nv, total);
	groups_decide(g, answers, na, cnt, min);
	mine = xcalloc(nv + 1, sizeof(*mine));
	for (i = 0; i < g->n; i++) {
		for (j = 0, k = 0; j < nv; j++)
			if (groups_index(g, vg[j]) == (int)i)
				mine[k++] = v[j];
		results_init(&g->v[i].res);
		results_fill(&g->v[i].res, s, mine, k, g->v[i].responses);
	}
	free(mine);
	groups_compare(g);
}

static const char *const verdicts[GV__MAX] = {
	[GV_NONE] = "none",
	[GV_AGREE] = "agree",
	[GV_DIFFER] = "differ",
};

const char *
groups_verdict(enum gverdict v)
{
	return v < GV__MAX ? verdicts[v] : "none";
}

/* The key of shown group k: "a" + the answer's id, or "other". */
void
groups_key(const struct groups *g, size_t k, char *out, size_t sz)
{
	if (g->v[k].answer == 0)
		xsnprintf(out, sz, "other");
	else
		xsnprintf(out, sz, "a%lld", g->v[k].answer);
}

/*
 * Writes the members of a per-group view into the open object w is in:
 * "min", "left_out", "measure" ("mean", with "points", or "share"),
 * "merged": [answer ids], "groups": [{"key",
 * "answer", "responses", "results": {...}}] and "cross": [{"option",
 * ("criterion"), "verdict", "above", "below", "all": {"side", "measure"}
 * (the whole room's), "groups": [{"key", "side", "measure"}]}] (above,
 * below: the keys of the highest group above and the lowest below, or
 * null).  Labels are the caller's (the question's answers by id).
 */
void
groups_json(const struct groups *g, struct jw *w)
{
	const struct gcross	*x;
	const struct results	*first;
	char			 key[32];
	size_t			 i, k;

	jw_kint(w, "min", g->min);
	jw_kint(w, "left_out", g->left_out);
	/* What a measure is: a scale's mean (of points), or a share (%). */
	if (g->all.form != NULL && g->all.form->kind == RK_SCALE) {
		jw_kstr(w, "measure", "mean");
		jw_kint(w, "points", g->all.npoints);
	} else
		jw_kstr(w, "measure", "share");
	jw_key(w, "merged");
	jw_arr(w);
	for (i = 0; i < g->nmerged; i++)
		jw_int(w, g->merged[i]);
	jw_end(w);
	jw_key(w, "groups");
	jw_arr(w);
	for (k = 0; k < g->n; k++) {
		jw_obj(w);
		groups_key(g, k, key, sizeof(key));
		jw_kstr(w, "key", key);
		jw_key(w, "answer");
		if (g->v[k].answer > 0)
			jw_int(w, g->v[k].answer);
		else
			jw_null(w);
		jw_kint(w, "responses", g->v[k].responses);
		jw_key(w, "results");
		jw_obj(w);
		results_json(&g->v[k].res, w);
		jw_end(w);
		jw_end(w);
	}
	jw_end(w);
	jw_key(w, "cross");
	jw_arr(w);
	first = g->n > 0 ? &g->v[0].res : NULL;
	for (i = 0; i < g->ncross && first != NULL; i++) {
		x = &g->cross[i];
		jw_obj(w);
		jw_kint(w, "option", first->opts[x->opt].option);
		if (first->ncrits > 0)
			jw_kint(w, "criterion", first->crits[x->crit]);
		jw_kstr(w, "verdict", groups_verdict(x->verdict));
		jw_key(w, "above");
		if (x->hi >= 0 && x->verdict == GV_DIFFER) {
			groups_key(g, (size_t)x->hi, key, sizeof(key));
			jw_str(w, key);
		} else
			jw_null(w);
		jw_key(w, "below");
		if (x->lo >= 0 && x->verdict == GV_DIFFER) {
			groups_key(g, (size_t)x->lo, key, sizeof(key));
			jw_str(w, key);
		} else
			jw_null(w);
		jw_key(w, "all");
		jw_obj(w);
		jw_key(w, "side");
		if (x->all_side == 2)
			jw_null(w);
		else
			jw_int(w, x->all_side);
		jw_kfixed(w, "measure", x->all_measure);
		jw_end(w);
		jw_key(w, "groups");
		jw_arr(w);
		for (k = 0; k < g->n && k < GROUPS_MAX; k++) {
			jw_obj(w);
			groups_key(g, k, key, sizeof(key));
			jw_kstr(w, "key", key);
			jw_key(w, "side");
			if (x->side[k] == 2)
				jw_null(w);
			else
				jw_int(w, x->side[k]);
			jw_kfixed(w, "measure", x->measure[k]);
			jw_end(w);
		}
		jw_end(w);
		jw_end(w);
	}
	jw_end(w);
}

/* A text cell (NULL: an empty one). */
static void
cell(const struct tsink *t, const char *s)
{
	t->str(t->arg, s != NULL ? s : "", s != NULL ? strlen(s) : 0);
}

/*
 * Writes the per-group table to t, for the round's CSV and its sheet
 * of the workbook: a row "by group" with the question, then per group
 * shown a row "group", its name, its responses, and its results as
 * results_table() writes them; then the cross-group view: "option",
 * ("criterion"), "verdict", "above", "below", then per group its side
 * (1, 0, -1, or empty) and measure.  names[k] names group k; qtext the
 * question.  A note row says what was merged or left out.
 */
void
groups_table(const struct groups *g, const char *qtext, char *const *names,
    char *const *labels, char *const *critnames, const struct tsink *t)
{
	const struct gcross	*x;
	const struct results	*first;
	size_t			 i, k;

	cell(t, "by group");
	cell(t, qtext);
	cell(t, "minimum");
	t->num(t->arg, (double)g->min, 0);
	cell(t, "merged into other");
	t->num(t->arg, (double)g->nmerged, 0);
	cell(t, "left out");
	t->num(t->arg, (double)g->left_out, 0);
	t->row(t->arg);
	for (k = 0; k < g->n; k++) {
		t->row(t->arg);
		cell(t, "group");
		cell(t, names[k]);
		cell(t, "responses");
		t->num(t->arg, (double)g->v[k].responses, 0);
		t->row(t->arg);
		results_table(&g->v[k].res, labels, critnames, t);
	}
	if (g->ncross == 0)
		return;
	first = &g->v[0].res;
	t->row(t->arg);
	cell(t, "option");
	if (first->ncrits > 0)
		cell(t, "criterion");
	cell(t, "verdict");
	cell(t, "above");
	cell(t, "below");
	for (k = 0; k < g->n; k++) {
		cell(t, names[k]);
		cell(t, "");
	}
	t->row(t->arg);
	for (i = 0; i < g->ncross; i++) {
		x = &g->cross[i];
		cell(t, labels != NULL ? labels[x->opt] : NULL);
		if (first->ncrits > 0)
			cell(t, critnames != NULL ? critnames[x->crit] : NULL);
		cell(t, groups_verdict(x->verdict));
		cell(t, x->verdict == GV_DIFFER ? names[x->hi] : NULL);
		cell(t, x->verdict == GV_DIFFER ? names[x->lo] : NULL);
		for (k = 0; k < g->n && k < GROUPS_MAX; k++) {
			if (x->side[k] == 2)
				cell(t, NULL);
			else
				t->num(t->arg, (double)x->side[k], 0);
			t->num(t->arg, x->measure[k], 2);
		}
		t->row(t->arg);
	}
}
