/* SPDX-License-Identifier: ISC */
/*
 * results.c: a round's results as a struct (struct results), computed
 * once from the stored answers by results_fill() and then written as
 * JSON (results_json(), the "results" object of the API, the export and
 * the participants' state) or as a table (results_table(): CSV, XLSX), with
 * no JSON in between.  How a type's results are computed (enum rkind)
 * and which numbers an option shows, in which order, is its row's struct
 * resultform (round.c); this file computes each kind (tallies[]) and
 * writes each number (fields[]).  Pure: no database, no I/O; the texts
 * of open rounds and the ideas of a brainstorm are handed in by the
 * caller (results_add_text(), results_add_idea(), results_add_cluster()),
 * and so are the entries of the word cloud the facilitator hid
 * (results_cloud(), cloud.c).
 * What each number means: docs/rounds.md.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "banned.h"

/* What a field holds. */
enum fkind {
	FK_INT,		/* a whole number */
	FK_FIXED,	/* two decimals */
	FK_SERIES	/* a list of whole numbers, one CSV column each */
};

/* The numbers an option can show: JSON key, CSV column. */
static const struct fielddef {
	const char	*name;	/* JSON key and CSV column */
	enum fkind	 kind;
	const char	*head;	/* FK_SERIES: CSV columns "head 1".. */
} fields[RF__MAX] = {
	[RF_COUNT] = { "count", FK_INT, NULL },
	[RF_PERCENT] = { "percent", FK_INT, NULL },
	[RF_POINTS] = { "points", FK_INT, NULL },
	[RF_VOTERS] = { "voters", FK_INT, NULL },
	[RF_BORDA] = { "borda", FK_INT, NULL },
	[RF_RANKS] = { "ranks", FK_SERIES, "rank" },
	[RF_ANSWERED] = { "count", FK_INT, NULL },
	[RF_NO_OPINION] = { "no_opinion", FK_INT, NULL },
	[RF_PASS] = { "pass", FK_INT, NULL },
	[RF_MEAN] = { "mean", FK_FIXED, NULL },
	[RF_MEDIAN] = { "median", FK_FIXED, NULL },
	[RF_SD] = { "sd", FK_FIXED, NULL },
	[RF_DISTRIBUTION] = { "distribution", FK_SERIES, "value" },
	[RF_AGREE] = { "agree", FK_INT, NULL },
	[RF_DISAGREE] = { "disagree", FK_INT, NULL },
	[RF_CORRECT] = { "correct", FK_INT, NULL },
};

static void	fill_picks(struct results *, struct optresult *,
		    const struct answer *, size_t, long long *, size_t);
static void	fill_sum(struct results *, struct optresult *,
		    const struct answer *, size_t, long long *, size_t);
static void	fill_borda(struct results *, struct optresult *,
		    const struct answer *, size_t, long long *, size_t);
static void	fill_scale(struct results *, struct optresult *,
		    const struct answer *, size_t, long long *, size_t);
static void	json_scores(const struct results *, struct jw *);
static void	json_texts(const struct results *, struct jw *);
static void	json_ideas(const struct results *, struct jw *);
static void	table_scores(const struct results *, char *const *,
		    char *const *, const struct tsink *);
static void	table_texts(const struct results *, char *const *,
		    char *const *, const struct tsink *);
static void	table_ideas(const struct results *, char *const *,
		    char *const *, const struct tsink *);

/* Each kind of results: how an option's numbers are made and written. */
static const struct tally {
	/* Fills an option from its k values (in vals) of the nv given. */
	void	(*fill)(struct results *, struct optresult *,
		    const struct answer *, size_t, long long *, size_t);
	void	(*json)(const struct results *, struct jw *);
	void	(*table)(const struct results *, char *const *,
		    char *const *, const struct tsink *);
} tallies[RK__MAX] = {
	[RK_PICKS] = { fill_picks, json_scores, table_scores },
	[RK_SUM] = { fill_sum, json_scores, table_scores },
	[RK_BORDA] = { fill_borda, json_scores, table_scores },
	[RK_SCALE] = { fill_scale, json_scores, table_scores },
	[RK_TEXTS] = { NULL, json_texts, table_texts },
	[RK_IDEAS] = { NULL, json_ideas, table_ideas },
};

/* The form of no type (a type out of range): bare options. */
static const enum rfield	 bare_fields[] = { RF__MAX };
static const struct resultform	 bare = { RK__MAX, 0, bare_fields,
	bare_fields };

/* Starts empty results; allocates nothing. */
void
results_init(struct results *res)
{
	memset(res, 0, sizeof(*res));
}

/* Frees what res holds; res is then as after results_init(). */
void
results_release(struct results *res)
{
	size_t	 i;

	for (i = 0; i < res->nopts; i++) {
		free(res->opts[i].ranks);
		free(res->opts[i].crits);
	}
	free(res->opts);
	free(res->crits);
	for (i = 0; i < res->ntexts; i++)
		free(res->texts[i].s);
	free(res->texts);
	for (i = 0; i < res->nideas; i++) {
		free(res->ideas[i].text);
		free(res->ideas[i].cluster);
	}
	free(res->ideas);
	for (i = 0; i < res->nclusters; i++)
		free(res->clusters[i].name);
	free(res->clusters);
	cloud_release(&res->cloud);
	memset(res, 0, sizeof(*res));
}

/* choice: how many responses picked it, and their percent (rounded). */
static void
fill_picks(struct results *res, struct optresult *o,
    const struct answer *v, size_t nv, long long *vals, size_t k)
{
	(void)v;
	(void)nv;
	(void)vals;
	(void)k;
	o->percent = res->responses > 0 ?
	    (o->count * 1000 / res->responses + 5) / 10 : 0;
}

/* points: the total given to it; o->count is its voters. */
static void
fill_sum(struct results *res, struct optresult *o,
    const struct answer *v, size_t nv, long long *vals, size_t k)
{
	size_t	 j;

	(void)res;
	(void)v;
	(void)nv;
	for (j = 0, o->points = 0; j < k; j++)
		o->points += vals[j];
}

/*
 * ranking: Borda: with m ranks asked, rank r earns m - r + 1 points; and
 * how often the option got each rank.
 */
static void
fill_borda(struct results *res, struct optresult *o,
    const struct answer *v, size_t nv, long long *vals, size_t k)
{
	long long	 m = (long long)res->nranks, r;
	size_t		 j;

	(void)v;
	(void)nv;
	o->ranks = xcalloc(res->nranks + 1, sizeof(*o->ranks));
	for (j = 0, o->borda = 0; j < k; j++)
		o->borda += m - vals[j] + 1;
	for (r = 1; r <= m; r++)
		for (j = 0; j < k; j++)
			o->ranks[r - 1] += vals[j] == r;
}

static int
cmp_ll(const void *a, const void *b)
{
	long long	 x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/*
 * The numbers of n scale answers (vals, reordered here): 0 ("no
 * opinion", "pass") counted apart, then the mean, median, population
 * standard deviation and distribution of the others (1..10).
 */
static void
scale_numbers(struct scale *sc, long long *vals, size_t n)
{
	double		 mean = 0, sd = 0;
	size_t		 j, k;

	memset(sc, 0, sizeof(*sc));
	for (j = 0, k = 0; j < n; j++) {
		if (vals[j] == 0)
			sc->pass++;
		else if (vals[j] > 0 && vals[j] <= RESULTS_SCALE) {
			sc->dist[vals[j]]++;
			vals[k++] = vals[j];
		}
	}
	qsort(vals, k, sizeof(*vals), cmp_ll);
	for (j = 0; j < k; j++)
		mean += (double)vals[j];
	mean = k > 0 ? mean / (double)k : 0;
	for (j = 0; j < k; j++)
		sd += ((double)vals[j] - mean) * ((double)vals[j] - mean);
	sc->sd = k > 0 ? sqrt(sd / (double)k) : 0;
	sc->mean = mean;
	sc->median = k == 0 ? 0 : k % 2 ? (double)vals[k / 2] :
	    (double)(vals[k / 2 - 1] + vals[k / 2]) / 2;
	sc->answered = (long long)k;
	sc->agree = sc->dist[4] + sc->dist[5];
	sc->disagree = sc->dist[1] + sc->dist[2];
}

/* rating, statements: the scale's numbers, per criterion if any. */
static void
fill_scale(struct results *res, struct optresult *o,
    const struct answer *v, size_t nv, long long *vals, size_t k)
{
	size_t	 c, j;

	if (res->ncrits == 0) {
		scale_numbers(&o->scale, vals, k);
		return;
	}
	o->crits = xcalloc(res->ncrits, sizeof(*o->crits));
	for (c = 0; c < res->ncrits; c++) {
		for (j = 0, k = 0; j < nv; j++)
			if (v[j].option == o->option &&
			    v[j].criterion == res->crits[c])
				vals[k++] = v[j].value;
		scale_numbers(&o->crits[c], vals, k);
	}
}

/*
 * Computes the results of round s from the stored values (option,
 * criterion, value) of nresp responses into res (initialised; what it
 * held is released first).  The texts and ideas are added after.
 */
void
results_fill(struct results *res, const struct roundspec *s,
    const struct answer *v, size_t nv, long long nresp)
{
	const struct resultform	*form;
	struct optresult	*o;
	long long		*vals;
	size_t			 i, j, k;

	results_release(res);
	if ((form = rtype_results(s->type)) == NULL)
		form = &bare;
	res->form = form;
	res->responses = nresp;
	res->nranks = s->top_n > 0 && (size_t)s->top_n < s->nopts ?
	    (size_t)s->top_n : s->nopts;
	res->npoints = form->scale > 0 ? form->scale : s->scale_max;
	/* Beyond the longest scale there is nothing to count. */
	if (res->npoints > RESULTS_SCALE)
		res->npoints = RESULTS_SCALE;
	if (res->npoints < 0)
		res->npoints = 0;
	if (form->kind == RK_SCALE && s->ncrits > 0) {
		res->crits = xcalloc(s->ncrits, sizeof(*res->crits));
		memcpy(res->crits, s->crits, s->ncrits * sizeof(*s->crits));
		res->ncrits = s->ncrits;
	}
	res->opts = xcalloc(s->nopts, sizeof(*res->opts));
	res->nopts = s->nopts;
	vals = xcalloc(nv + 1, sizeof(*vals));
	for (i = 0; i < s->nopts; i++) {
		o = &res->opts[i];
		o->option = s->opts[i];
		/* The values given to this option. */
		for (j = 0, k = 0; j < nv; j++)
			if (v[j].option == o->option)
				vals[k++] = v[j].value;
		o->count = (long long)k;
		if (form->kind < RK__MAX && tallies[form->kind].fill != NULL)
			tallies[form->kind].fill(res, o, v, nv, vals, k);
	}
	free(vals);
}

/* Adds a text of an open round (copied), shown, of no known response. */
void
results_add_text(struct results *res, const char *s, size_t len)
{
	results_add_answer(res, 0, 0, s, len);
}

/*
 * Adds the text (copied) of response id of an open round; hidden: the
 * facilitator hid it, so only the facilitator's results list it.
 */
void
results_add_answer(struct results *res, long long id, int hidden,
    const char *s, size_t len)
{
	struct rtext	*x;

	res->texts = xreallocarray(res->texts, res->ntexts + 1,
	    sizeof(*res->texts));
	x = &res->texts[res->ntexts++];
	x->id = id;
	x->hidden = hidden;
	x->s = xstrndup(s, len);
	x->len = len;
}

/* Adds an idea of a brainstorm (copied); cluster: its name, or NULL. */
void
results_add_idea(struct results *res, long long id, const char *text,
    size_t len, const char *cluster)
{
	struct ridea	*d;

	res->ideas = xreallocarray(res->ideas, res->nideas + 1,
	    sizeof(*res->ideas));
	d = &res->ideas[res->nideas++];
	d->id = id;
	d->likes = -1;
	d->mark = 0;
	d->text = xstrndup(text, len);
	d->len = len;
	d->cluster = cluster != NULL ? xstrndup(cluster, strlen(cluster)) :
	    NULL;
}

/*
 * Makes the word cloud (cloud.c) of the texts or ideas added, in the
 * session's language l, marking the nhidden entries the facilitator
 * hid.  Call once, after the last text or idea.
 */
void
results_cloud(struct results *res, enum lang l, char *const *hidden,
    size_t nhidden)
{
	size_t	 i;

	cloud_release(&res->cloud);
	for (i = 0; i < res->ntexts; i++)
		if (!res->texts[i].hidden)
			cloud_add(&res->cloud, l, res->texts[i].s,
			    res->texts[i].len);
	for (i = 0; i < res->nideas; i++)
		cloud_add(&res->cloud, l, res->ideas[i].text,
		    res->ideas[i].len);
	cloud_finish(&res->cloud, hidden, nhidden);
}

/* Adds a cluster of a brainstorm (copied) with its number of ideas. */
void
results_add_cluster(struct results *res, long long id, const char *name,
    size_t len, long long ideas)
{
	struct rcluster	*c;

	res->clusters = xreallocarray(res->clusters, res->nclusters + 1,
	    sizeof(*res->clusters));
	c = &res->clusters[res->nclusters++];
	c->id = id;
	c->name = xstrndup(name, len);
	c->len = len;
	c->ideas = ideas;
}

/*
 * Marks option id correct (a quiz question's, for the exports: its CSV
 * column "correct"; leaderboard.c reads which).  An id that is no option
 * of the results is ignored.
 */
void
results_mark_correct(struct results *res, long long id)
{
	size_t	 i;

	for (i = 0; i < res->nopts; i++)
		if (res->opts[i].option == id)
			res->opts[i].correct = 1;
}

/* The whole number f of an option (o) or of its scale (sc). */
static long long
number_of(const struct optresult *o, const struct scale *sc, enum rfield f)
{
	switch (f) {
	case RF_COUNT:
	case RF_VOTERS:
		return o->count;
	case RF_PERCENT:
		return o->percent;
	case RF_POINTS:
		return o->points;
	case RF_BORDA:
		return o->borda;
	case RF_ANSWERED:
		return sc->answered;
	case RF_NO_OPINION:
	case RF_PASS:
		return sc->pass;
	case RF_AGREE:
		return sc->agree;
	case RF_DISAGREE:
		return sc->disagree;
	case RF_CORRECT:
		return o->correct;
	default:
		return 0;
	}
}

/* The two-decimal number f of a scale. */
static double
fixed_of(const struct scale *sc, enum rfield f)
{
	switch (f) {
	case RF_MEAN:
		return sc->mean;
	case RF_MEDIAN:
		return sc->median;
	case RF_SD:
		return sc->sd;
	default:
		return 0;
	}
}

/* The series f of an option or its scale; *n is its length. */
static const long long *
series_of(const struct results *res, const struct optresult *o,
    const struct scale *sc, enum rfield f, size_t *n)
{
	static const long long	 none[1];

	*n = 0;
	if (f == RF_RANKS && o->ranks != NULL) {
		*n = res->nranks;
		return o->ranks;
	}
	if (f == RF_DISTRIBUTION) {
		*n = (size_t)res->npoints;
		return &sc->dist[1];
	}
	return none;
}

/* Writes an option's (or its criterion's) numbers as JSON members. */
static void
json_fields(const struct results *res, const struct optresult *o,
    const struct scale *sc, struct jw *w)
{
	const enum rfield	*f;
	const long long		*series;
	size_t			 j, n;

	for (f = res->form->json; *f < RF__MAX; f++) {
		switch (fields[*f].kind) {
		case FK_INT:
			jw_kint(w, fields[*f].name, number_of(o, sc, *f));
			break;
		case FK_FIXED:
			jw_kfixed(w, fields[*f].name, fixed_of(sc, *f));
			break;
		case FK_SERIES:
			series = series_of(res, o, sc, *f, &n);
			jw_key(w, fields[*f].name);
			jw_arr(w);
			for (j = 0; j < n; j++)
				jw_int(w, series[j]);
			jw_end(w);
			break;
		}
	}
}

/*
 * Writes "responses" and "options": [{"option": id, numbers...}] (with
 * criteria: [{"option": id, "criteria": [{"criterion": id, ...}]}]).
 */
static void
json_scores(const struct results *res, struct jw *w)
{
	const struct optresult	*o;
	size_t			 i, c;

	jw_kint(w, "responses", res->responses);
	jw_key(w, "options");
	jw_arr(w);
	for (i = 0; i < res->nopts; i++) {
		o = &res->opts[i];
		jw_obj(w);
		jw_kint(w, "option", o->option);
		if (res->ncrits > 0) {
			/* One set of numbers per criterion. */
			jw_key(w, "criteria");
			jw_arr(w);
			for (c = 0; c < res->ncrits; c++) {
				jw_obj(w);
				jw_kint(w, "criterion", res->crits[c]);
				json_fields(res, o, &o->crits[c], w);
				jw_end(w);
			}
			jw_end(w);
		} else
			json_fields(res, o, &o->scale, w);
		jw_end(w);
	}
	jw_end(w);
}

/*
 * open: "responses" and "texts": [...], the shown ones (what the room
 * sees: no ids); for the facilitator (cloud_all) also "answers":
 * [{"id", "text", "hidden"}], every text with its state, to moderate.
 */
static void
json_texts(const struct results *res, struct jw *w)
{
	size_t	 i;

	jw_kint(w, "responses", res->responses);
	jw_key(w, "texts");
	jw_arr(w);
	for (i = 0; i < res->ntexts; i++)
		if (!res->texts[i].hidden)
			jw_strn(w, res->texts[i].s, res->texts[i].len);
	jw_end(w);
	if (res->cloud_all) {
		jw_key(w, "answers");
		jw_arr(w);
		for (i = 0; i < res->ntexts; i++) {
			jw_obj(w);
			jw_kint(w, "id", res->texts[i].id);
			jw_key(w, "text");
			jw_strn(w, res->texts[i].s, res->texts[i].len);
			jw_kbool(w, "hidden", res->texts[i].hidden != 0);
			if (res->texts[i].hidden == 2)
				jw_kbool(w, "pending", 1);
			jw_end(w);
		}
		jw_end(w);
	}
	jw_key(w, "cloud");
	cloud_json(&res->cloud, res->cloud_all, w);
}

/*
 * The mark words of an idea (ideamark.c's marks; 022_qa.sql's idea.mark),
 * by their number: 0 none.
 */
static const char *const marks[] = { NULL, "answering", "answered" };

/* Returns the mark named (s, len): 1 or 2; 0 for "none"; -1 for no mark. */
int
results_mark_parse(const char *s, size_t len)
{
	size_t	 i;

	if (s != NULL && len == 4 && memcmp(s, "none", 4) == 0)
		return 0;
	for (i = 1; s != NULL && i < sizeof(marks) / sizeof(marks[0]); i++)
		if (strlen(marks[i]) == len && memcmp(marks[i], s, len) == 0)
			return (int)i;
	return -1;
}

/*
 * Writes an idea's "mark" (when it has one) and "by", the asker's name
 * (when named: by not NULL), into the open object w.
 */
void
results_mark_write(struct jw *w, long long mark, const char *by)
{
	if (mark > 0 && mark < (long long)(sizeof(marks) / sizeof(marks[0])))
		jw_kstr(w, "mark", marks[mark]);
	if (by != NULL)
		jw_kstr(w, "by", by);
}

/*
 * brainstorm: "ideas": [{"id", "text", "cluster"}] and "clusters":
 * [{"id", "name", "ideas"}].
 */
static void
json_ideas(const struct results *res, struct jw *w)
{
	size_t	 i;

	jw_key(w, "ideas");
	jw_arr(w);
	for (i = 0; i < res->nideas; i++) {
		jw_obj(w);
		jw_kint(w, "id", res->ideas[i].id);
		jw_key(w, "text");
		jw_strn(w, res->ideas[i].text, res->ideas[i].len);
		jw_kstr(w, "cluster", res->ideas[i].cluster);
		if (res->ideas[i].likes >= 0)
			jw_kint(w, "likes", res->ideas[i].likes);
		results_mark_write(w, res->ideas[i].mark, NULL);
		jw_end(w);
	}
	jw_end(w);
	jw_key(w, "clusters");
	jw_arr(w);
	for (i = 0; i < res->nclusters; i++) {
		jw_obj(w);
		jw_kint(w, "id", res->clusters[i].id);
		jw_key(w, "name");
		jw_strn(w, res->clusters[i].name, res->clusters[i].len);
		jw_kint(w, "ideas", res->clusters[i].ideas);
		jw_end(w);
	}
	jw_end(w);
	jw_key(w, "cloud");
	cloud_json(&res->cloud, res->cloud_all, w);
}

/*
 * Writes the members of a round's "results" object into the object w is
 * in: "responses" and "options" (or "texts"; a brainstorm's "ideas" and
 * "clusters"), as docs/rounds.md and docs/api.md show them.  The caller
 * adds "by_team".
 */
void
results_json(const struct results *res, struct jw *w)
{
	if (res->form == NULL)
		return;
	if (res->form->kind < RK__MAX)
		tallies[res->form->kind].json(res, w);
	else
		json_scores(res, w);
}

/*
 * The old writer: the results of round s from nresp responses' values,
 * as "responses" and "options" members of the object w is in, for any
 * type (an open round or a brainstorm: bare options).  Kept so that its
 * callers need no change; new code uses results_fill() and
 * results_json().
 */
void
round_results(const struct roundspec *s, const struct answer *v, size_t nv,
    long long nresp, struct jw *w)
{
	struct results	 res;

	results_init(&res);
	results_fill(&res, s, v, nv, nresp);
	json_scores(&res, w);
	results_release(&res);
}

/* A text cell (NULL: an empty one). */
static void
cell_str(const struct tsink *t, const char *s)
{
	t->str(t->arg, s != NULL ? s : "", s != NULL ? strlen(s) : 0);
}

/*
 * Appends the header columns of an option's numbers; a series is n
 * columns ("value 1", ..., or "rank 1", ...), its length (rows).
 */
static void
table_head(const struct results *res, const struct tsink *t, int rows)
{
	const enum rfield	*f;
	char			 hdr[40];
	size_t			 j, n;
	int			 len;

	for (f = res->form->csv; *f < RF__MAX; f++) {
		if (fields[*f].kind != FK_SERIES) {
			cell_str(t, fields[*f].name);
			continue;
		}
		n = !rows ? 0 : *f == RF_RANKS ? res->nranks :
		    *f == RF_DISTRIBUTION ? (size_t)res->npoints : 0;
		for (j = 1; j <= n; j++) {
			len = snprintf(hdr, sizeof(hdr), "%s %zu",
			    fields[*f].head, j);
			if (len > 0 && (size_t)len < sizeof(hdr))
				t->str(t->arg, hdr, (size_t)len);
			else
				t->str(t->arg, "", 0);
		}
	}
}

/* Appends an option's (or its criterion's) numbers as CSV fields. */
static void
table_values(const struct results *res, const struct optresult *o,
    const struct scale *sc, const struct tsink *t)
{
	const enum rfield	*f;
	const long long		*series;
	size_t			 j, n;

	for (f = res->form->csv; *f < RF__MAX; f++) {
		switch (fields[*f].kind) {
		case FK_INT:
			t->num(t->arg, (double)number_of(o, sc, *f), 0);
			break;
		case FK_FIXED:
			t->num(t->arg, fixed_of(sc, *f), 2);
			break;
		case FK_SERIES:
			series = series_of(res, o, sc, *f, &n);
			for (j = 0; j < n; j++)
				t->num(t->arg, (double)series[j], 0);
			break;
		}
	}
}

/*
 * One row per option (label, numbers), or with criteria one per option
 * and criterion (label, criterion's name, numbers).  The header's series
 * columns follow the first option, as the rows do: none without options.
 */
static void
table_scores(const struct results *res, char *const *labels,
    char *const *critnames, const struct tsink *t)
{
	size_t	 i, c;

	cell_str(t, "option");
	if (res->ncrits > 0) {
		cell_str(t, "criterion");
		table_head(res, t, 1);
		t->row(t->arg);
		for (i = 0; i < res->nopts; i++)
			for (c = 0; c < res->ncrits; c++) {
				cell_str(t, labels != NULL ? labels[i] :
				    NULL);
				cell_str(t, critnames != NULL ? critnames[c] :
				    NULL);
				table_values(res, &res->opts[i],
				    &res->opts[i].crits[c], t);
				t->row(t->arg);
			}
		return;
	}
	table_head(res, t, res->nopts > 0);
	t->row(t->arg);
	for (i = 0; i < res->nopts; i++) {
		cell_str(t, labels != NULL ? labels[i] : NULL);
		table_values(res, &res->opts[i], &res->opts[i].scale, t);
		t->row(t->arg);
	}
}

/* open: a "text" column, a row per shown text (responses.csv has all). */
static void
table_texts(const struct results *res, char *const *labels,
    char *const *critnames, const struct tsink *t)
{
	size_t	 i;

	(void)labels;
	(void)critnames;
	cell_str(t, "text");
	t->row(t->arg);
	for (i = 0; i < res->ntexts; i++) {
		if (res->texts[i].hidden)
			continue;
		t->str(t->arg, res->texts[i].s, res->texts[i].len);
		t->row(t->arg);
	}
}

/* brainstorm: "idea,cluster", a row per idea ("" for no cluster). */
static void
table_ideas(const struct results *res, char *const *labels,
    char *const *critnames, const struct tsink *t)
{
	size_t	 i;

	(void)labels;
	(void)critnames;
	cell_str(t, "idea");
	cell_str(t, "cluster");
	t->row(t->arg);
	for (i = 0; i < res->nideas; i++) {
		t->str(t->arg, res->ideas[i].text, res->ideas[i].len);
		cell_str(t, res->ideas[i].cluster);
		t->row(t->arg);
	}
}

/*
 * Writes the results as a table to t, the header row first: as CSV for
 * GET .../results.csv (csv.c), as a sheet of the workbook (xlsx.c).
 * labels[i] names option i, critnames[c] criterion c (either may be
 * NULL: empty cells).  Columns per type: docs/rounds.md, "Downloads".
 */
void
results_table(const struct results *res, char *const *labels,
    char *const *critnames, const struct tsink *t)
{
	if (res->form == NULL)
		return;
	if (res->form->kind < RK__MAX)
		tallies[res->form->kind].table(res, labels, critnames, t);
	else
		table_scores(res, labels, critnames, t);
}
