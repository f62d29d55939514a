/*
 * api_round.c: a session's agenda of rounds (P4, P8).
 *
 * Facilitator (the session's owner; another account's ids are 404):
 *	GET    /api/sessions/{id}/rounds			the agenda
 *	POST   /api/sessions/{id}/rounds			add a round
 *	DELETE /api/sessions/{id}/rounds/{id}			remove one
 *	POST   /api/sessions/{id}/rounds/{id}/open|close|reveal|hide
 *	GET    /api/sessions/{id}/rounds/{id}/results		live results
 * Participant (of the session, by their token):
 *	POST   /api/participant/rounds/{id}/answer		one response
 *	POST   /api/participant/rounds/{id}/ideas		brainstorm ideas
 *
 * A response is checked against its round by round_validate() and
 * stored in one transaction with the round row locked, so a close waits
 * for answers in flight and no answer lands after it.  One response per
 * responder (the team in team mode); a change replaces it, only while
 * the round is open and the session allows changes.  In an anonymous
 * session nothing shows who answered what.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

/* Session {id} is the caller's: 1, or the status of the refusal. */
static int
owned(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;

	if ((o = session_owned(r->db, r->ids[0], r->auth.account_id,
	    &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	return 1;
}

struct rnd {
	long long	 id, position, revealed, version, open_wall;
	long long	 participants_cluster;
	char		*label_low;	/* owned, or NULL */
	char		*label_high;	/* owned, or NULL */
	struct roundspec spec;
	char		*title;		/* owned */
	char		*state;		/* owned */
	long long	*opts;		/* owned; spec.opts */
	char		**labels;	/* owned */
	long long	*crits;		/* owned; spec.crits */
	char		**critnames;	/* owned */
};

static int	rnd_row(void *, const struct dbcol *, size_t);

static void
rnd_release(struct rnd *r)
{
	size_t	 i;

	for (i = 0; i < r->spec.nopts; i++)
		free(r->labels[i]);
	free(r->labels);
	free(r->opts);
	for (i = 0; i < r->spec.ncrits; i++)
		free(r->critnames[i]);
	free(r->critnames);
	free(r->crits);
	free(r->title);
	free(r->state);
	free(r->label_low);
	free(r->label_high);
	memset(r, 0, sizeof(*r));
}

static int
num(const struct dbcol *c, long long *v)
{
	return parse_int(c->s, c->len, 0, INT64_MAX, v);
}

static int
rnd_parse(struct rnd *r, const struct dbcol *c, size_t n)
{
	int	 t;

	memset(r, 0, sizeof(*r));
	if (n != 19 || num(&c[0], &r->id) || num(&c[1], &r->position) ||
	    (t = rtype_parse(c[2].s)) < 0 || num(&c[5], &r->revealed) ||
	    num(&c[6], &r->spec.min_picks) || num(&c[7], &r->spec.max_picks) ||
	    num(&c[8], &r->spec.scale_max) || num(&c[9], &r->spec.no_opinion) ||
	    num(&c[10], &r->spec.top_n) || num(&c[11], &r->spec.budget) ||
	    num(&c[12], &r->spec.max_per_option) ||
	    num(&c[13], &r->spec.max_length) || num(&c[14], &r->version) ||
	    num(&c[15], &r->open_wall) || num(&c[18], &r->participants_cluster))
		return -1;
	r->label_low = c[16].null ? NULL : xstrndup(c[16].s, c[16].len);
	r->label_high = c[17].null ? NULL : xstrndup(c[17].s, c[17].len);
	r->spec.type = (enum rtype)t;
	r->title = xstrndup(c[3].s, c[3].len);
	r->state = xstrndup(c[4].s, c[4].len);
	return 0;
}

/* Collects rounds (list queries). */
struct rnds {
	struct rnd	*r;
	size_t		 n;
};

static int
rnds_row(void *arg, const struct dbcol *c, size_t n)
{
	struct rnds	*l = arg;

	l->r = xreallocarray(l->r, l->n + 1, sizeof(*l->r));
	if (rnd_parse(&l->r[l->n], c, n) == -1) {
		rnd_release(&l->r[l->n]);
		return -1;
	}
	l->n++;
	return 0;
}

static void
rnds_release(struct rnds *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		rnd_release(&l->r[i]);
	free(l->r);
	memset(l, 0, sizeof(*l));
}

static int
option_row(void *arg, const struct dbcol *c, size_t n)
{
	struct rnd	*r = arg;
	long long	 id;

	if (n != 2 || num(&c[0], &id))
		return -1;
	r->opts = xreallocarray(r->opts, r->spec.nopts + 1, sizeof(*r->opts));
	r->labels = xreallocarray(r->labels, r->spec.nopts + 1,
	    sizeof(*r->labels));
	r->opts[r->spec.nopts] = id;
	r->labels[r->spec.nopts] = xstrndup(c[1].s, c[1].len);
	r->spec.nopts++;
	r->spec.opts = r->opts;
	return 0;
}

static int
criterion_row(void *arg, const struct dbcol *c, size_t n)
{
	struct rnd	*r = arg;
	long long	 id;

	if (n != 2 || num(&c[0], &id))
		return -1;
	r->crits = xreallocarray(r->crits, r->spec.ncrits + 1,
	    sizeof(*r->crits));
	r->critnames = xreallocarray(r->critnames, r->spec.ncrits + 1,
	    sizeof(*r->critnames));
	r->crits[r->spec.ncrits] = id;
	r->critnames[r->spec.ncrits] = xstrndup(c[1].s, c[1].len);
	r->spec.ncrits++;
	r->spec.crits = r->crits;
	return 0;
}

/* Loads a round's options (and a rating's criteria).  Returns 0 or -1. */
static int
rnd_options(struct db *db, struct rnd *r)
{
	struct dbparam	 p[1] = { DBP_INT(r->id) };

	if (db_exec(db, STMT_OPTION_LIST, p, 1, option_row, r) < 0)
		return -1;
	if (r->spec.type == RT_RATING &&
	    db_exec(db, STMT_CRITERION_LIST, p, 1, criterion_row, r) < 0)
		return -1;
	return 0;
}

/*
 * Writes a round's type-specific settings.  For a template (names_only)
 * criteria are their names, as round creation takes them; otherwise
 * objects with their ids, as answers name them.
 */
static void
settings_write(struct jw *w, const struct rnd *r, int names_only)
{
	size_t	 i;

	switch (r->spec.type) {
	case RT_CHOICE:
		jw_kint(w, "min_picks", r->spec.min_picks);
		jw_kint(w, "max_picks", r->spec.max_picks);
		break;
	case RT_RATING:
		jw_kint(w, "scale_max", r->spec.scale_max);
		jw_kbool(w, "no_opinion", r->spec.no_opinion != 0);
		jw_kstr(w, "label_low", r->label_low);
		jw_kstr(w, "label_high", r->label_high);
		if (r->spec.ncrits > 0) {
			jw_key(w, "criteria");
			jw_arr(w);
			for (i = 0; i < r->spec.ncrits; i++) {
				if (names_only) {
					jw_str(w, r->critnames[i]);
					continue;
				}
				jw_obj(w);
				jw_kint(w, "id", r->crits[i]);
				jw_kstr(w, "name", r->critnames[i]);
				jw_end(w);
			}
			jw_end(w);
		}
		break;
	case RT_RANKING:
		jw_kint(w, "top_n", r->spec.top_n);
		break;
	case RT_POINTS:
		jw_kint(w, "budget", r->spec.budget);
		jw_kint(w, "max_per_option", r->spec.max_per_option);
		break;
	case RT_BRAINSTORM:
		jw_kbool(w, "open_wall", r->open_wall != 0);
		jw_kbool(w, "participants_cluster",
		    r->participants_cluster != 0);
		FALLTHROUGH;
	case RT_OPEN:
		jw_kint(w, "max_length", r->spec.max_length);
		break;
	default:
		break;
	}
}

/* Writes a round's description (no results). */
static void
rnd_write(struct jw *w, const struct rnd *r)
{
	size_t	 i;

	jw_kint(w, "id", r->id);
	jw_kint(w, "position", r->position);
	jw_kstr(w, "type", rtype_name(r->spec.type));
	jw_kstr(w, "title", r->title);
	jw_kstr(w, "state", r->state);
	jw_kbool(w, "revealed", r->revealed != 0);
	settings_write(w, r, 0);
	jw_key(w, "options");
	jw_arr(w);
	for (i = 0; i < r->spec.nopts; i++) {
		jw_obj(w);
		jw_kint(w, "id", r->opts[i]);
		jw_kstr(w, "label", r->labels[i]);
		jw_end(w);
	}
	jw_end(w);
}

static int
values_row(void *arg, const struct dbcol *c, size_t n)
{
	struct answers	*a = arg;
	long long	 o, k, v;

	if (n != 3 || num(&c[0], &o) || num(&c[1], &k) ||
	    parse_int(c[2].s, c[2].len, INT32_MIN, INT32_MAX, &v))
		return -1;
	a->a = xreallocarray(a->a, a->n + 1, sizeof(*a->a));
	a->a[a->n].option = o;
	a->a[a->n].criterion = k;
	a->a[a->n].value = v;
	a->n++;
	return 0;
}

static int
count_row(void *arg, const struct dbcol *c, size_t n)
{
	return n == 1 && num(&c[0], arg) == 0 ? 0 : -1;
}

static int
text_row(void *arg, const struct dbcol *c, size_t n)
{
	struct jw	*w = arg;

	if (n < 1)
		return -1;
	jw_strn(w, c[n == 2 ? 1 : 0].s, c[n == 2 ? 1 : 0].len);
	return 0;
}

/* An idea of the wall: {"id", "text", "cluster"}. */
static int
wall_row(void *arg, const struct dbcol *c, size_t n)
{
	struct jw	*w = arg;
	long long	 id;

	if (n != 3 || num(&c[0], &id))
		return -1;
	jw_obj(w);
	jw_kint(w, "id", id);
	jw_key(w, "text");
	jw_strn(w, c[1].s, c[1].len);
	jw_kstr(w, "cluster", c[2].null ? NULL : c[2].s);
	jw_end(w);
	return 0;
}

/* A cluster: {"id", "name", "ideas"}. */
int
cluster_row(void *arg, const struct dbcol *c, size_t n)
{
	struct jw	*w = arg;
	long long	 id, count;

	if (n != 3 || num(&c[0], &id) || num(&c[2], &count))
		return -1;
	jw_obj(w);
	jw_kint(w, "id", id);
	jw_key(w, "name");
	jw_strn(w, c[1].s, c[1].len);
	jw_kint(w, "ideas", count);
	jw_end(w);
	return 0;
}

/* Groups team answers: {"team", "answer": [{"option", "value"}]}. */
struct byteam {
	struct jw	*w;
	char		*team;	/* owned; the team being written */
};

static int
byteam_row(void *arg, const struct dbcol *c, size_t n)
{
	struct byteam	*t = arg;
	long long	 o, k, v;

	if (n != 4 || num(&c[1], &o) || num(&c[2], &k) ||
	    parse_int(c[3].s, c[3].len, INT32_MIN, INT32_MAX, &v))
		return -1;
	if (t->team == NULL || strcmp(t->team, c[0].s) != 0) {
		if (t->team != NULL) {
			jw_end(t->w);
			jw_end(t->w);
			free(t->team);
		}
		t->team = xstrndup(c[0].s, c[0].len);
		jw_obj(t->w);
		jw_kstr(t->w, "team", t->team);
		jw_key(t->w, "answer");
		jw_arr(t->w);
	}
	jw_obj(t->w);
	jw_kint(t->w, "option", o);
	if (k > 0)
		jw_kint(t->w, "criterion", k);
	jw_kint(t->w, "value", v);
	jw_end(t->w);
	return 0;
}

/* Writes "by_team": [...]: each table's answer (team mode). */
static int
byteam_write(struct db *db, struct jw *w, long long round)
{
	struct dbparam	 p[1] = { DBP_INT(round) };
	struct byteam	 t = { w, NULL };
	int		 rc;

	jw_key(w, "by_team");
	jw_arr(w);
	rc = db_exec(db, STMT_RESULTS_BY_TEAM, p, 1, byteam_row, &t);
	if (t.team != NULL) {
		jw_end(w);
		jw_end(w);
		free(t.team);
	}
	jw_end(w);
	return rc < 0 ? -1 : 0;
}

/* Writes "results": {...} of a round.  Returns 0 or -1 (database). */
static int
results_write(struct db *db, struct jw *w, const struct rnd *r)
{
	struct dbparam	 p[1] = { DBP_INT(r->id) };
	struct answers	 v;
	long long	 nresp = 0;
	int		 rc = -1;

	memset(&v, 0, sizeof(v));
	jw_key(w, "results");
	jw_obj(w);
	if (r->spec.type == RT_BRAINSTORM) {
		jw_key(w, "ideas");
		jw_arr(w);
		if (db_exec(db, STMT_IDEA_LIST, p, 1, wall_row, w) < 0)
			goto out;
		jw_end(w);
		jw_key(w, "clusters");
		jw_arr(w);
		if (db_exec(db, STMT_CLUSTER_LIST, p, 1, cluster_row, w) < 0)
			goto out;
		jw_end(w);
	} else {
		if (db_exec(db, STMT_RESULTS_COUNT, p, 1, count_row, &nresp)
		    != 1)
			goto out;
		if (r->spec.type == RT_OPEN) {
			jw_kint(w, "responses", nresp);
			jw_key(w, "texts");
			jw_arr(w);
			if (db_exec(db, STMT_RESULTS_TEXTS, p, 1, text_row,
			    w) < 0)
				goto out;
			jw_end(w);
		} else {
			if (db_exec(db, STMT_RESULTS_VALUES, p, 1, values_row,
			    &v) < 0)
				goto out;
			round_results(&r->spec, v.a, v.n, nresp, w);
			if (byteam_write(db, w, r->id) == -1)
				goto out;
		}
	}
	jw_end(w);
	rc = 0;
out:
	answers_release(&v);
	return rc;
}

int
api_rounds_list(struct request *r)
{
	struct dbparam	 p[1] = { DBP_INT(r->ids[0]) };
	struct rnds	 l;
	struct jw	*w;
	size_t		 i;
	int		 rc;

	if ((rc = owned(r)) != 1)
		return rc;
	memset(&l, 0, sizeof(l));
	if (db_exec(r->db, STMT_ROUND_LIST, p, 1, rnds_row, &l) < 0)
		goto down;
	for (i = 0; i < l.n; i++)
		if (rnd_options(r->db, &l.r[i]) == -1)
			goto down;
	w = resp_json(r, 200);
	jw_obj(w);
	jw_key(w, "rounds");
	jw_arr(w);
	for (i = 0; i < l.n; i++) {
		jw_obj(w);
		rnd_write(w, &l.r[i]);
		jw_end(w);
	}
	jw_end(w);
	jw_end(w);
	rnds_release(&l);
	return resp_done(r, w);
down:
	rnds_release(&l);
	return db_unavailable(r);
}

static const struct field round_fields[] = {
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
	{ "options_use", FT_STRING, 0, 5, 8 },
	{ "criteria", FT_STRLIST, 0, 1, 100 },
	{ "label_low", FT_STRING, 0, 1, 60 },
	{ "label_high", FT_STRING, 0, 1, 60 },
	{ "participants_cluster", FT_BOOL, 0, 0, 0 },
};

/* Collects texts (options from an earlier brainstorm). */
struct texts {
	char	**t;
	size_t	  n;
};

static int
texts_row(void *arg, const struct dbcol *c, size_t n)
{
	struct texts	*x = arg;

	if (n != 1)
		return -1;
	x->t = xreallocarray(x->t, x->n + 1, sizeof(*x->t));
	x->t[x->n++] = xstrndup(c[0].s, c[0].len > 300 ? 300 : c[0].len);
	return 0;
}

static void
texts_release(struct texts *x)
{
	size_t	 i;

	for (i = 0; i < x->n; i++)
		free(x->t[i]);
	free(x->t);
	memset(x, 0, sizeof(*x));
}

/*
 * Reads the options of a new round from brainstorm round src of the same
 * session: its visible ideas, or (use = "clusters") its clusters' names.
 * Returns 0, or the status with the response set.
 */
static int
options_from(struct request *r, long long src, const char *use,
    struct texts *out)
{
	struct dbparam	 p[2] = { DBP_INT(src), DBP_INT(r->ids[0]) };
	struct rnd	 rd;
	int		 rc;

	memset(&rd, 0, sizeof(rd));
	rc = db_exec(r->db, STMT_ROUND_GET, p, 2, rnd_row, &rd);
	if (rc < 0)
		return db_unavailable(r);
	if (rc == 0 || rd.spec.type != RT_BRAINSTORM) {
		rnd_release(&rd);
		return resp_error(r, 422, "invalid_field", "options_from must "
		    "be a brainstorm round of this session");
	}
	rnd_release(&rd);
	if (db_exec(r->db, use != NULL && strcmp(use, "clusters") == 0 ?
	    STMT_CLUSTERS_AS_OPTIONS : STMT_IDEAS_AS_OPTIONS, p, 1, texts_row,
	    out) < 0)
		return db_unavailable(r);
	return 0;
}

static long long
int_or(const struct request *r, const char *k, long long def)
{
	long long	 v;

	return field_int(r, k, &v) == 0 ? v : def;
}

int
api_round_create(struct request *r)
{
	int	 rc;

	if ((rc = owned(r)) != 1)
		return rc;
	return round_create_in(r);
}

/*
 * Adds the round described by r->json to session r->ids[0] (whose owner
 * the caller checked) and answers 201 with it.  Templates reuse it with
 * r->json set to each round of their agenda.  Returns the status.
 */
int
round_create_in(struct request *r)
{
	struct roundspec s;
	const struct jv	*opts;
	const char	*type, *title, *label, *use;
	struct dbparam	 p[16];
	struct texts	 from;
	const char	*lo, *hi;
	size_t		 lolen, hilen;
	size_t		 i, tlen, llen, nopts;
	long long	 pos = 0, id, src;
	int		 rc, t, b;

	if ((rc = fields_check(r, round_fields,
	    sizeof(round_fields) / sizeof(round_fields[0]))) != 0)
		return rc;
	type = field_str(r, "type", NULL);
	if ((t = rtype_parse(type)) < 0)
		return resp_error(r, 422, "invalid_field", "type must be one "
		    "of brainstorm, choice, rating, ranking, points, "
		    "statements, open");
	title = field_str(r, "title", &tlen);
	opts = jv_get(r->json, "options");
	nopts = jv_len(opts);
	memset(&from, 0, sizeof(from));
	use = field_str(r, "options_use", NULL);
	if (use != NULL && strcmp(use, "ideas") != 0 &&
	    strcmp(use, "clusters") != 0)
		return resp_error(r, 422, "invalid_field", "options_use must be "
		    "\"ideas\" or \"clusters\"");
	if (field_int(r, "options_from", &src) == 0) {
		if (nopts > 0)
			return resp_error(r, 422, "invalid_field", "give options "
			    "or options_from, not both");
		if ((rc = options_from(r, src, use, &from)) != 0)
			return rc;
		nopts = from.n;
	}
	memset(&s, 0, sizeof(s));
	s.type = (enum rtype)t;
	s.min_picks = int_or(r, "min_picks", 1);
	s.max_picks = int_or(r, "max_picks", s.min_picks);
	s.scale_max = int_or(r, "scale_max", 5);
	s.no_opinion = (b = jv_bool(jv_get(r->json, "no_opinion"))) == -1 ?
	    1 : b;
	s.top_n = int_or(r, "top_n", 0);
	s.budget = int_or(r, "budget", 10);
	s.max_per_option = int_or(r, "max_per_option", 0);
	s.max_length = int_or(r, "max_length", 500);
	rc = 0;
	if (rtype_has_options(s.type) && nopts < (s.type == RT_CHOICE ||
	    s.type == RT_RANKING ? 2u : 1u))
		rc = resp_error(r, 422, "invalid_field", "a %s round needs "
		    "%s options", type, s.type == RT_CHOICE ||
		    s.type == RT_RANKING ? "at least two" : "at least one");
	else if (!rtype_has_options(s.type) && nopts > 0)
		rc = resp_error(r, 422, "invalid_field", "a %s round takes "
		    "no options", type);
	else if (s.type == RT_CHOICE && (s.min_picks > s.max_picks ||
	    s.max_picks > (long long)nopts))
		rc = resp_error(r, 422, "invalid_field", "picks: min_picks "
		    "<= max_picks <= the number of options");
	else if (s.type == RT_RATING && s.scale_max != 5 &&
	    s.scale_max != 7 && s.scale_max != 10)
		rc = resp_error(r, 422, "invalid_field", "scale_max must be "
		    "5, 7 or 10");
	else if (s.type == RT_RANKING && s.top_n > (long long)nopts)
		rc = resp_error(r, 422, "invalid_field", "top_n is more than "
		    "the number of options");
	else if (jv_get(r->json, "criteria") != NULL && (s.type != RT_RATING ||
	    jv_len(jv_get(r->json, "criteria")) > 10))
		rc = resp_error(r, 422, "invalid_field", "criteria: at most 10, "
		    "for a rating round");
	if (rc != 0) {
		texts_release(&from);
		return rc;
	}

	if (db_begin(r->db) != 0) {
		texts_release(&from);
		return db_unavailable(r);
	}
	p[0] = (struct dbparam)DBP_INT(r->ids[0]);
	if (db_exec(r->db, STMT_ROUND_NEXTPOS, p, 1, count_row, &pos) != 1)
		goto down;
	p[1] = (struct dbparam)DBP_INT(pos);
	p[2] = (struct dbparam)DBP_STR(rtype_name(s.type));
	p[3] = (struct dbparam)DBP_TEXT(title, tlen);
	p[4] = (struct dbparam)DBP_INT(s.min_picks);
	p[5] = (struct dbparam)DBP_INT(s.max_picks);
	p[6] = (struct dbparam)DBP_INT(s.scale_max);
	p[7] = (struct dbparam)DBP_INT(s.no_opinion);
	p[8] = (struct dbparam)DBP_INT(s.top_n);
	p[9] = (struct dbparam)DBP_INT(s.budget);
	p[10] = (struct dbparam)DBP_INT(s.max_per_option);
	p[11] = (struct dbparam)DBP_INT(s.max_length);
	p[12] = (struct dbparam)DBP_INT((b = jv_bool(jv_get(r->json,
	    "open_wall"))) == 1);
	lo = field_str(r, "label_low", &lolen);
	hi = field_str(r, "label_high", &hilen);
	p[13] = lo != NULL ? (struct dbparam)DBP_TEXT(lo, lolen) :
	    (struct dbparam)DBP_NULL;
	p[14] = hi != NULL ? (struct dbparam)DBP_TEXT(hi, hilen) :
	    (struct dbparam)DBP_NULL;
	p[15] = (struct dbparam)DBP_INT(jv_bool(jv_get(r->json,
	    "participants_cluster")) == 1);
	if (db_exec(r->db, STMT_ROUND_INSERT, p, 16, NULL, NULL) != 1)
		goto down;
	id = db_last_id(r->db);
	for (i = 0; i < nopts; i++) {
		if (from.n > 0) {
			label = from.t[i];
			llen = strlen(label);
		} else
			label = jv_str(jv_at(opts, i), &llen);
		p[0] = (struct dbparam)DBP_INT(id);
		p[1] = (struct dbparam)DBP_INT((long long)i + 1);
		p[2] = (struct dbparam)DBP_TEXT(label, llen);
		if (db_exec(r->db, STMT_OPTION_INSERT, p, 3, NULL, NULL) != 1)
			goto down;
	}
	opts = jv_get(r->json, "criteria");
	for (i = 0; i < jv_len(opts); i++) {
		label = jv_str(jv_at(opts, i), &llen);
		p[0] = (struct dbparam)DBP_INT(id);
		p[1] = (struct dbparam)DBP_INT((long long)i + 1);
		p[2] = (struct dbparam)DBP_TEXT(label, llen);
		if (db_exec(r->db, STMT_CRITERION_INSERT, p, 3, NULL,
		    NULL) != 1)
			goto down;
	}
	p[0] = (struct dbparam)DBP_INT(r->ids[0]);
	if (db_exec(r->db, STMT_SESSION_BUMP, p, 1, NULL, NULL) != 1 ||
	    db_commit(r->db) != 0)
		goto down;
	texts_release(&from);
	r->ids[1] = id;
	return round_answer(r, 201);
down:
	texts_release(&from);
	db_rollback(r->db);
	return db_unavailable(r);
}

static int
rnd_row(void *arg, const struct dbcol *c, size_t n)
{
	return rnd_parse(arg, c, n);
}

/* Loads round {id} of session {id}.  Returns 1, or the status set. */
static int
rnd_load(struct request *r, struct rnd *rd)
{
	struct dbparam	 p[2] = { DBP_INT(r->ids[1]), DBP_INT(r->ids[0]) };
	int		 rc;

	memset(rd, 0, sizeof(*rd));
	rc = db_exec(r->db, STMT_ROUND_GET, p, 2, rnd_row, rd);
	if (rc < 0 || (rc == 1 && rnd_options(r->db, rd) == -1)) {
		rnd_release(rd);
		return db_unavailable(r);
	}
	if (rc == 0)
		return resp_error(r, 404, "not_found", "no such round");
	return 1;
}

/* Answers with round {id} (and its results, for the facilitator). */
int
round_answer(struct request *r, int status)
{
	struct rnd	 rd;
	struct jw	*w;
	int		 rc;

	if ((rc = rnd_load(r, &rd)) != 1)
		return rc;
	w = resp_json(r, status);
	jw_obj(w);
	jw_key(w, "round");
	jw_obj(w);
	rnd_write(w, &rd);
	jw_end(w);
	jw_end(w);
	rnd_release(&rd);
	return resp_done(r, w);
}

int
api_round_delete(struct request *r)
{
	struct dbparam	 p[2] = { DBP_INT(r->ids[1]), DBP_INT(r->ids[0]) };
	int		 rc;

	if ((rc = owned(r)) != 1)
		return rc;
	if ((rc = db_exec(r->db, STMT_ROUND_DELETE, p, 2, NULL, NULL)) < 0)
		return db_unavailable(r);
	if (rc == 0)
		return resp_error(r, 409, "wrong_state", "no such round, or it "
		    "is open: close it first");
	p[0] = (struct dbparam)DBP_INT(r->ids[0]);
	(void)db_exec(r->db, STMT_SESSION_BUMP, p, 1, NULL, NULL);
	r->resp.status = 204;
	return 204;
}

static const struct field move_fields[] = {
	{ "direction", FT_STRING, 1, 2, 4 },
};

struct idpos {
	long long	 id, pos;
};

static int
idpos_row(void *arg, const struct dbcol *c, size_t n)
{
	struct idpos	*x = arg;

	return n == 2 && parse_int(c[0].s, c[0].len, 1, INT64_MAX, &x->id) ==
	    0 && parse_int(c[1].s, c[1].len, 0, INT64_MAX, &x->pos) == 0 ?
	    0 : -1;
}

/*
 * POST .../rounds/{id}/move {"direction": "up" | "down"}: the round
 * swaps places with the one before or after it.  At the top (bottom)
 * already: 409.  Answers with the agenda.
 */
int
api_round_move(struct request *r)
{
	struct dbparam	 p[3];
	struct idpos	 nb;
	const char	*dir;
	long long	 pos = 0;
	int		 up, rc;

	if ((rc = fields_check(r, move_fields,
	    sizeof(move_fields) / sizeof(move_fields[0]))) != 0)
		return rc;
	dir = field_str(r, "direction", NULL);
	if (strcmp(dir, "up") != 0 && strcmp(dir, "down") != 0)
		return resp_error(r, 422, "invalid_field",
		    "direction is up or down");
	up = dir[0] == 'u';
	if (db_begin(r->db) != 0)
		return db_unavailable(r);
	p[0] = (struct dbparam)DBP_INT(r->ids[1]);
	p[1] = (struct dbparam)DBP_INT(r->ids[0]);
	p[2] = (struct dbparam)DBP_INT(r->auth.account_id);
	if ((rc = db_exec(r->db, STMT_ROUND_POS_LOCK, p, 3, db_row_int,
	    &pos)) < 0)
		goto down;
	if (rc == 0) {
		db_rollback(r->db);
		return resp_error(r, 404, "not_found", "no such round");
	}
	p[0] = (struct dbparam)DBP_INT(r->ids[0]);
	p[1] = (struct dbparam)DBP_INT(pos);
	if ((rc = db_exec(r->db, up ? STMT_ROUND_ABOVE : STMT_ROUND_BELOW, p,
	    2, idpos_row, &nb)) < 0)
		goto down;
	if (rc == 0) {
		db_rollback(r->db);
		return resp_error(r, 409, "wrong_state", "the round is %s "
		    "already", up ? "first" : "last");
	}
	p[0] = (struct dbparam)DBP_INT(nb.pos);
	p[1] = (struct dbparam)DBP_INT(r->ids[1]);
	p[2] = (struct dbparam)DBP_INT(r->ids[0]);
	if (db_exec(r->db, STMT_ROUND_SET_POS, p, 3, NULL, NULL) < 0)
		goto down;
	p[0] = (struct dbparam)DBP_INT(pos);
	p[1] = (struct dbparam)DBP_INT(nb.id);
	if (db_exec(r->db, STMT_ROUND_SET_POS, p, 3, NULL, NULL) < 0)
		goto down;
	p[0] = (struct dbparam)DBP_INT(r->ids[0]);
	if (db_exec(r->db, STMT_SESSION_BUMP, p, 1, NULL, NULL) < 0 ||
	    db_commit(r->db) != 0)
		goto down;
	return api_rounds_list(r);
down:
	db_rollback(r->db);
	return db_unavailable(r);
}

/* Moves round {id} to state (open, closed); bumps the session. */
static int
set_state(struct request *r, const char *state)
{
	struct dbparam	 p[4] = { DBP_STR(state), DBP_INT(r->ids[1]),
	    DBP_INT(r->ids[0]), DBP_STR(state) };
	char		 target[64];
	int		 rc;

	if ((rc = owned(r)) != 1)
		return rc;
	if ((rc = db_exec(r->db, STMT_ROUND_SET_STATE, p, 4, NULL, NULL)) < 0)
		return db_unavailable(r);
	if (rc == 0) {
		if ((rc = round_answer(r, 409)) == 409)
			return resp_error(r, 409, "wrong_state", "the round "
			    "is %s already", state);
		return rc;
	}
	p[0] = (struct dbparam)DBP_INT(r->ids[0]);
	(void)db_exec(r->db, STMT_SESSION_BUMP, p, 1, NULL, NULL);
	snprintf(target, sizeof(target), "session:%lld round:%lld", r->ids[0],
	    r->ids[1]);
	audit(r, strcmp(state, "open") == 0 ? "round_opened" : "round_closed",
	    r->auth.account_id, target, "ok");
	return round_answer(r, 200);
}

int
api_round_open(struct request *r)
{
	return set_state(r, "open");
}

int
api_round_close(struct request *r)
{
	return set_state(r, "closed");
}

static int
set_revealed(struct request *r, int revealed)
{
	struct dbparam	 p[3] = { DBP_INT(revealed), DBP_INT(r->ids[1]),
	    DBP_INT(r->ids[0]) };
	int		 rc;

	if ((rc = owned(r)) != 1)
		return rc;
	if ((rc = db_exec(r->db, STMT_ROUND_SET_REVEALED, p, 3, NULL,
	    NULL)) < 0)
		return db_unavailable(r);
	if (rc == 0)
		return resp_error(r, 404, "not_found", "no such round");
	p[0] = (struct dbparam)DBP_INT(r->ids[0]);
	(void)db_exec(r->db, STMT_SESSION_BUMP, p, 1, NULL, NULL);
	return round_answer(r, 200);
}

int
api_round_reveal(struct request *r)
{
	return set_revealed(r, 1);
}

int
api_round_hide(struct request *r)
{
	return set_revealed(r, 0);
}

/*
 * GET .../results: live, for the facilitator, whether or not revealed.
 * The ETag is the round's version (bumped by every response).
 */
int
api_round_results(struct request *r)
{
	struct rnd	 rd;
	struct jw	*w;
	int		 rc;

	if ((rc = owned(r)) != 1 || (rc = rnd_load(r, &rd)) != 1)
		return rc;
	snprintf(r->resp.etag, sizeof(r->resp.etag), "\"r%lldv%lld\"", rd.id,
	    rd.version);
	if (etag_matches(r)) {
		rnd_release(&rd);
		return 304;
	}
	w = resp_json(r, 200);
	jw_obj(w);
	jw_key(w, "round");
	jw_obj(w);
	rnd_write(w, &rd);
	if (results_write(r->db, w, &rd) == -1) {
		jw_free(w);
		rnd_release(&rd);
		r->resp.etag[0] = '\0';
		return db_unavailable(r);
	}
	jw_end(w);
	jw_end(w);
	rnd_release(&rd);
	return resp_done(r, w);
}

/* Answers 201 {"id": id}. */
static void
w_created(struct request *r, long long id)
{
	struct jw	*w;

	w = resp_json(r, 201);
	jw_obj(w);
	jw_kint(w, "id", id);
	jw_end(w);
	(void)resp_done(r, w);
}

/* Loads and locks round {id} of the participant's session. */
static int
part_round(struct request *r, struct rnd *rd)
{
	struct dbparam	 p[2] = { DBP_INT(r->ids[0]),
	    DBP_INT(r->part.session_id) };
	int		 rc;

	memset(rd, 0, sizeof(*rd));
	rc = db_exec(r->db, STMT_ROUND_FOR_PARTICIPANT, p, 2, rnd_row, rd);
	if (rc < 0 || (rc == 1 && rnd_options(r->db, rd) == -1))
		return -1;
	return rc;
}

/*
 * The options (and criteria) of the rounds this worker took answers for
 * lately.  They never change once a round exists, so an answer need not
 * read them again; only the ids, which round_validate() checks against.
 */
#define OPTCACHE	16

static struct optcache {
	long long	 round;
	long long	*opts, *crits;
	size_t		 nopts, ncrits;
	int		 tally;		/* this worker's tally row exists */
} optcache[OPTCACHE];
static size_t	 optnext;

static long long *
ids_dup(const long long *v, size_t n)
{
	long long	*d;

	if (n == 0)
		return NULL;
	d = xreallocarray(NULL, n, sizeof(*d));
	memcpy(d, v, n * sizeof(*d));
	return d;
}

/*
 * Sets rd's option and criterion ids, and *cp to their cache entry.
 * Returns 0 or -1.
 */
static int
answer_options(struct db *db, struct rnd *rd, struct optcache **cp)
{
	struct optcache	*c;
	size_t		 i;

	for (i = 0; i < OPTCACHE; i++) {
		c = &optcache[i];
		if (c->round != rd->id)
			continue;
		rd->spec.opts = rd->opts = ids_dup(c->opts, c->nopts);
		rd->spec.nopts = c->nopts;
		rd->labels = xcalloc(c->nopts + 1, sizeof(*rd->labels));
		rd->spec.crits = rd->crits = ids_dup(c->crits, c->ncrits);
		rd->spec.ncrits = c->ncrits;
		rd->critnames = xcalloc(c->ncrits + 1,
		    sizeof(*rd->critnames));
		*cp = c;
		return 0;
	}
	if (rnd_options(db, rd) == -1)
		return -1;
	c = &optcache[optnext++ % OPTCACHE];
	free(c->opts);
	free(c->crits);
	c->round = rd->id;
	c->opts = ids_dup(rd->opts, rd->spec.nopts);
	c->nopts = rd->spec.nopts;
	c->crits = ids_dup(rd->crits, rd->spec.ncrits);
	c->ncrits = rd->spec.ncrits;
	c->tally = 0;
	*cp = c;
	return 0;
}

/*
 * One try at storing an answer, in one transaction: the round read with
 * a shared lock (open?), the response inserted (or, if the responder
 * has one and may change it, updated), its values, and this worker's
 * tally row of the round.  Answers to one round take no lock that
 * another answer waits for, so they commit in parallel (and InnoDB
 * commits them in groups).  Returns the status, or DB_DEADLOCK (rolled
 * back, nothing answered yet) for the caller to try again.
 */
static int
answer_once(struct request *r)
{
	struct rnd	 rd;
	struct answers	 a;
	struct optcache	*oc;
	struct dbparam	 p[5];
	char		 key[32], msg[200];
	long long	 rid = 0;
	size_t		 i;
	int		 rc, dbrc, existed = 0, tally = 0;

	memset(&a, 0, sizeof(a));
	memset(&rd, 0, sizeof(rd));
	if (db_begin(r->db) != 0)
		return db_unavailable(r);
	p[0] = (struct dbparam)DBP_INT(r->ids[0]);
	p[1] = (struct dbparam)DBP_INT(r->part.session_id);
	if ((dbrc = db_exec(r->db, STMT_ROUND_FOR_ANSWER, p, 2, rnd_row,
	    &rd)) < 0)
		goto down;
	if (dbrc == 0) {
		db_rollback(r->db);
		return resp_error(r, 404, "not_found", "no such round");
	}
	if (strcmp(rd.state, "open") != 0) {
		db_rollback(r->db);
		rc = resp_error(r, 409, "round_closed", "this round is not "
		    "open for answers");
		goto out;
	}
	if ((dbrc = answer_options(r->db, &rd, &oc)) < 0)
		goto down;
	tally = oc->tally;
	if (round_validate(&rd.spec, r->json, &a, msg, sizeof(msg)) == -1) {
		db_rollback(r->db);
		rc = resp_error(r, 422, "invalid_answer", "%s", msg);
		goto out;
	}
	if (r->part.team_id > 0)
		snprintf(key, sizeof(key), "t%lld", r->part.team_id);
	else
		snprintf(key, sizeof(key), "p%lld", r->part.id);
	p[0] = (struct dbparam)DBP_INT(rd.id);
	p[1] = (struct dbparam)DBP_STR(key);
	p[2] = (struct dbparam)DBP_INT(r->part.id);
	p[3] = r->part.team_id > 0 ? (struct dbparam)DBP_INT(r->part.team_id) :
	    (struct dbparam)DBP_NULL;
	p[4] = a.text != NULL ? (struct dbparam)DBP_TEXT(a.text, a.textlen) :
	    (struct dbparam)DBP_NULL;
	/* Most answers are first answers: insert, and see. */
	dbrc = db_exec(r->db, STMT_RESPONSE_INSERT, p, 5, NULL, NULL);
	if (dbrc == 1)
		rid = db_last_id(r->db);
	else if (dbrc == DB_DUP) {
		if (!r->part.allow_change) {
			db_rollback(r->db);
			rc = resp_error(r, 409, "already_answered", "you "
			    "answered this round already, and this session "
			    "does not allow changes");
			goto out;
		}
		existed = 1;
		if ((dbrc = db_exec(r->db, STMT_RESPONSE_FIND, p, 2,
		    db_row_int, &rid)) < 1)
			goto down;
		p[0] = p[2];
		p[1] = p[4];
		p[2] = (struct dbparam)DBP_INT(rid);
		if ((dbrc = db_exec(r->db, STMT_RESPONSE_UPDATE, p, 3, NULL,
		    NULL)) < 0)
			goto down;
		p[0] = (struct dbparam)DBP_INT(rid);
		if ((dbrc = db_exec(r->db, STMT_VALUES_DELETE, p, 1, NULL,
		    NULL)) < 0)
			goto down;
	} else
		goto down;
	p[0] = (struct dbparam)DBP_INT(rid);
	for (i = 0; i < a.n; i++) {
		p[1] = (struct dbparam)DBP_INT(a.a[i].option);
		p[2] = (struct dbparam)DBP_INT(a.a[i].criterion);
		p[3] = (struct dbparam)DBP_INT(a.a[i].value);
		if ((dbrc = db_exec(r->db, STMT_VALUE_INSERT, p, 4, NULL,
		    NULL)) != 1)
			goto down;
	}
	p[0] = (struct dbparam)DBP_INT(rd.id);
	p[1] = (struct dbparam)DBP_INT(r->slot);
	if (!tally || (dbrc = db_exec(r->db, STMT_TALLY_BUMP, p, 2, NULL,
	    NULL)) == 0)
		dbrc = db_exec(r->db, STMT_TALLY_ADD, p, 2, NULL, NULL);
	if (dbrc < 1)
		goto down;
	/* Revealed results are part of every participant's state. */
	if (rd.revealed) {
		p[0] = (struct dbparam)DBP_INT(r->part.session_id);
		if ((dbrc = db_exec(r->db, STMT_SESSION_BUMP, p, 1, NULL,
		    NULL)) < 0)
			goto down;
	}
	if ((dbrc = db_commit(r->db)) != 0)
		goto down;
	oc->tally = 1;
	rc = existed ? 200 : 201;
	resp_json_status(r, rc, existed ? "changed" : "saved");
	goto out;
down:
	db_rollback(r->db);
	rc = dbrc == DB_DEADLOCK ? DB_DEADLOCK : db_unavailable(r);
out:
	answers_release(&a);
	rnd_release(&rd);
	return rc;
}

/* A deadlock's victim was rolled back whole: it is tried again. */
int
api_round_answer(struct request *r)
{
	int	 rc, tries = 0;

	while ((rc = answer_once(r)) == DB_DEADLOCK)
		if (++tries == 3) {
			log_warnx("answer: deadlocked %d times", tries);
			return db_unavailable(r);
		}
	return rc;
}

static const struct field idea_fields[] = {
	{ "text", FT_STRING, 1, 1, 1000 },
};

int
api_round_idea(struct request *r)
{
	struct rnd	 rd;
	struct dbparam	 p[4];
	const char	*text;
	size_t		 len;
	int		 rc;

	if ((rc = fields_check(r, idea_fields, 1)) != 0)
		return rc;
	if ((rc = part_round(r, &rd)) < 0)
		return db_unavailable(r);
	if (rc == 0)
		return resp_error(r, 404, "not_found", "no such round");
	text = field_str(r, "text", &len);
	if (rd.spec.type != RT_BRAINSTORM)
		rc = resp_error(r, 422, "invalid_answer", "this round takes "
		    "answers, not ideas");
	else if (strcmp(rd.state, "open") != 0)
		rc = resp_error(r, 409, "round_closed", "this round is not "
		    "open for ideas");
	else if ((long long)utf8_len(text, len) > rd.spec.max_length)
		rc = resp_error(r, 422, "invalid_answer", "an idea is at most "
		    "%lld characters", rd.spec.max_length);
	else {
		p[0] = (struct dbparam)DBP_INT(rd.id);
		p[1] = (struct dbparam)DBP_INT(r->part.id);
		p[2] = r->part.team_id > 0 ?
		    (struct dbparam)DBP_INT(r->part.team_id) :
		    (struct dbparam)DBP_NULL;
		p[3] = (struct dbparam)DBP_TEXT(text, len);
		if (db_exec(r->db, STMT_IDEA_INSERT, p, 4, NULL, NULL) != 1)
			rc = db_unavailable(r);
		else {
			p[0] = (struct dbparam)DBP_INT(rd.id);
			(void)db_exec(r->db, STMT_ROUND_BUMP, p, 1, NULL, NULL);
			/* An open wall is in every participant's state. */
			if (rd.open_wall) {
				p[0] = (struct dbparam)DBP_INT(
				    r->part.session_id);
				(void)db_exec(r->db, STMT_SESSION_BUMP, p, 1,
				    NULL, NULL);
			}
			rc = resp_json_status(r, 201, "saved");
		}
	}
	rnd_release(&rd);
	return rc;
}

/*
 * The part of a participant's state that is the same for everyone in the
 * session: the rounds they see with their options, open walls and
 * revealed results.  After a change thousands of participants ask for
 * their state within two seconds and only their own answers differ, so
 * a worker renders it once per session version and keeps the last few
 * (the session's version moves with everything in it: db.c's
 * session_param lists the statements).  Each round is kept as two JSON
 * fragments, the fields before the participant's answer and those after.
 */
#define SHARED_SESSIONS	4
#define FRAGMENT_MAX	(4 * 1024 * 1024)	/* as a response's cap */

struct shround {
	long long	 id;
	struct buf	 head;	/* "id":..,..,"options":[..] */
	struct buf	 tail;	/* "wall", "clusters", "results", or empty */
};

static struct shared {
	long long	 session, version;	/* session 0: free */
	struct shround	*r;
	size_t		 n;
	unsigned long	 used;		/* for the least recently used */
} shared[SHARED_SESSIONS];
static unsigned long	 shared_clock;

static void
shared_release(struct shared *c)
{
	size_t	 i;

	for (i = 0; i < c->n; i++) {
		buf_release(&c->r[i].head);
		buf_release(&c->r[i].tail);
	}
	free(c->r);
	memset(c, 0, sizeof(*c));
}

/*
 * Closes w and moves the object it wrote into tmp to b, without the
 * outer braces; tmp is released.  Returns 0 or -1.
 */
static int
fragment(struct buf *tmp, struct jw *w, struct buf *b)
{
	int	 rc = 0;

	buf_init(b, FRAGMENT_MAX);
	if (jw_close(w) == -1 || tmp->len < 2 || (tmp->len > 2 &&
	    buf_append(b, tmp->data + 1, tmp->len - 2) == -1))
		rc = -1;
	buf_release(tmp);
	return rc;
}

/* Renders session's rounds into c.  Returns 0 or -1 (database). */
static int
shared_build(struct db *db, struct shared *c, long long session)
{
	struct dbparam	 p[1] = { DBP_INT(session) };
	struct rnds	 l;
	struct buf	 tmp;
	struct jw	*w;
	size_t		 i;
	int		 rc = -1;

	memset(&l, 0, sizeof(l));
	buf_init(&tmp, FRAGMENT_MAX);
	if (db_exec(db, STMT_ROUNDS_FOR_PARTICIPANT, p, 1, rnds_row, &l) < 0)
		return -1;
	c->r = xcalloc(l.n + 1, sizeof(*c->r));
	for (i = 0; i < l.n; i++, c->n++) {
		c->r[i].id = l.r[i].id;
		if (rnd_options(db, &l.r[i]) == -1)
			goto out;
		w = jw_new(&tmp);
		jw_obj(w);
		rnd_write(w, &l.r[i]);
		jw_end(w);
		if (fragment(&tmp, w, &c->r[i].head) == -1)
			goto out;
		w = jw_new(&tmp);
		jw_obj(w);
		p[0] = (struct dbparam)DBP_INT(l.r[i].id);
		if (l.r[i].spec.type == RT_BRAINSTORM && l.r[i].open_wall &&
		    !l.r[i].revealed) {
			jw_key(w, "wall");
			jw_arr(w);
			if (db_exec(db, STMT_IDEA_LIST, p, 1, wall_row, w) < 0)
				goto fail;
			jw_end(w);
			if (l.r[i].participants_cluster) {
				jw_key(w, "clusters");
				jw_arr(w);
				if (db_exec(db, STMT_CLUSTER_LIST, p, 1,
				    cluster_row, w) < 0)
					goto fail;
				jw_end(w);
			}
		}
		if (l.r[i].revealed && results_write(db, w, &l.r[i]) == -1)
			goto fail;
		jw_end(w);
		if (fragment(&tmp, w, &c->r[i].tail) == -1)
			goto out;
	}
	rc = 0;
	goto out;
fail:
	jw_free(w);
out:
	buf_release(&tmp);
	rnds_release(&l);
	return rc;
}

/* The shared part of session at version, from the cache or made. */
static struct shared *
shared_get(struct db *db, long long session, long long version)
{
	struct shared	*c, *old = &shared[0];
	size_t		 i;

	for (i = 0; i < SHARED_SESSIONS; i++) {
		c = &shared[i];
		if (c->session == session && c->version == version) {
			c->used = ++shared_clock;
			return c;
		}
		if (c->used < old->used)
			old = c;
	}
	shared_release(old);
	if (shared_build(db, old, session) == -1) {
		shared_release(old);
		return NULL;
	}
	old->session = session;
	old->version = version;
	old->used = ++shared_clock;
	return old;
}

/*
 * The responder's own answers in the session's visible rounds, as the
 * participant's poll reads them with itself (STMT_PARTICIPANT_STATE):
 * mine_row() takes each row's round, text, option, criterion, value.
 * The rows come in no promised order (an ORDER BY made that query three
 * times dearer: a sort for every poll), so they are gathered per round
 * and the values sorted here.
 */
struct mineval {
	long long	 option, criterion, value;
};

struct mineround {
	long long	 round;
	char		*text;		/* owned, or NULL */
	struct mineval	*v;		/* owned */
	size_t		 nv;
};

struct mine {
	struct mineround *r;		/* owned */
	size_t		  n;
};

int
mine_row(void *arg, const struct dbcol *c, size_t n)
{
	struct mine		*m = arg;
	struct mineround	*mr;
	long long		 round, o, k, v;
	size_t			 i;

	if (n != 5 || num(&c[0], &round))
		return -1;
	for (i = 0; i < m->n && m->r[i].round != round; i++)
		continue;
	if (i == m->n) {
		m->r = xreallocarray(m->r, m->n + 1, sizeof(*m->r));
		mr = &m->r[m->n++];
		memset(mr, 0, sizeof(*mr));
		mr->round = round;
		mr->text = c[1].null ? NULL : xstrndup(c[1].s, c[1].len);
	}
	mr = &m->r[i];
	if (c[2].null)
		return 0;
	if (num(&c[2], &o) || num(&c[3], &k) ||
	    parse_int(c[4].s, c[4].len, INT32_MIN, INT32_MAX, &v))
		return -1;
	mr->v = xreallocarray(mr->v, mr->nv + 1, sizeof(*mr->v));
	mr->v[mr->nv].option = o;
	mr->v[mr->nv].criterion = k;
	mr->v[mr->nv++].value = v;
	return 0;
}

struct mine *
mine_new(void)
{
	return xcalloc(1, sizeof(struct mine));
}

void
mine_free(struct mine *m)
{
	size_t	 i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n; i++) {
		free(m->r[i].text);
		free(m->r[i].v);
	}
	free(m->r);
	free(m);
}

static int
mineval_cmp(const void *a, const void *b)
{
	const struct mineval	*x = a, *y = b;

	if (x->option != y->option)
		return x->option < y->option ? -1 : 1;
	if (x->criterion != y->criterion)
		return x->criterion < y->criterion ? -1 : 1;
	return 0;
}

/*
 * Appends the responder's fields of round id to o: "answered", and if
 * they answered, "answer" and "text".  Returns 0 or -1.
 */
static int
mine_write(struct buf *o, struct mine *m, long long id)
{
	struct mineround	*mr;
	struct buf		 tmp, b;
	struct jw		*w;
	size_t			 i;
	int			 rc;

	for (i = 0; i < m->n && m->r[i].round != id; i++)
		continue;
	if (i == m->n)
		return buf_appendf(o, ",\"answered\":false");
	mr = &m->r[i];
	if (mr->nv > 1)		/* an open answer has none: v is NULL */
		qsort(mr->v, mr->nv, sizeof(*mr->v), mineval_cmp);
	buf_init(&tmp, FRAGMENT_MAX);
	w = jw_new(&tmp);
	jw_obj(w);
	jw_kbool(w, "answered", 1);
	jw_key(w, "answer");
	jw_arr(w);
	for (i = 0; i < mr->nv; i++) {
		jw_obj(w);
		jw_kint(w, "option", mr->v[i].option);
		if (mr->v[i].criterion > 0)
			jw_kint(w, "criterion", mr->v[i].criterion);
		jw_kint(w, "value", mr->v[i].value);
		jw_end(w);
	}
	jw_end(w);
	if (mr->text != NULL)
		jw_kstr(w, "text", mr->text);
	jw_end(w);
	if (fragment(&tmp, w, &b) == -1) {
		buf_release(&b);
		return -1;
	}
	rc = buf_appendf(o, ",%.*s", (int)b.len, b.data != NULL ? b.data :
	    "");
	buf_release(&b);
	return rc;
}

/*
 * Writes "rounds": [...] of the participant's state: open rounds with
 * their options and the responder's own answer (m, read with the
 * participant), and revealed closed rounds with their results.  The
 * rest is the shared part of the session at version (cached).
 * Returns 0 or -1.
 */
int
rounds_for_participant(struct request *r, struct jw *w, long long session,
    long long version, struct mine *m)
{
	struct shared	*c;
	struct buf	 o;
	size_t		 i;
	int		 rc = -1;

	buf_init(&o, FRAGMENT_MAX);
	if ((c = shared_get(r->db, session, version)) == NULL)
		return -1;
	jw_key(w, "rounds");
	jw_arr(w);
	for (i = 0; i < c->n; i++) {
		buf_reset(&o);
		if (buf_append(&o, "{", 1) == -1 ||
		    buf_append(&o, c->r[i].head.data, c->r[i].head.len) ||
		    mine_write(&o, m, c->r[i].id) == -1 ||
		    (c->r[i].tail.len > 0 && buf_appendf(&o, ",%.*s",
		    (int)c->r[i].tail.len, c->r[i].tail.data)) ||
		    buf_append(&o, "}", 1) == -1)
			goto out;
		jw_raw(w, o.data, o.len);
	}
	jw_end(w);
	rc = 0;
out:
	buf_release(&o);
	return rc;
}

/*
 * Writes "rounds": [...] of a session with options and results, for the
 * account's export.  Returns 0 or -1.
 */
int
rounds_export(struct request *r, struct jw *w, long long session)
{
	struct dbparam	 p[1] = { DBP_INT(session) };
	struct rnds	 l;
	size_t		 i;
	int		 rc = -1;

	memset(&l, 0, sizeof(l));
	if (db_exec(r->db, STMT_ROUND_LIST, p, 1, rnds_row, &l) < 0)
		return -1;
	jw_key(w, "rounds");
	jw_arr(w);
	for (i = 0; i < l.n; i++) {
		if (rnd_options(r->db, &l.r[i]) == -1)
			goto out;
		jw_obj(w);
		rnd_write(w, &l.r[i]);
		if (results_write(r->db, w, &l.r[i]) == -1)
			goto out;
		jw_end(w);
	}
	jw_end(w);
	rc = 0;
out:
	rnds_release(&l);
	return rc;
}

/* Appends a JSON scalar as a CSV field ("" for null or missing). */
static void
csv_jv(struct buf *b, const struct jv *v, int first)
{
	const char	*s;
	size_t		 len;
	char		 num[32];
	long long	 n;

	if ((s = jv_str(v, &len)) != NULL)
		csv_field(b, s, len, first);
	else if (jv_int(v, &n) == 0) {
		len = (size_t)snprintf(num, sizeof(num), "%lld", n);
		csv_field(b, num, len, first);
	} else if ((s = jv_numtext(v, &len)) != NULL) {
		/* Two-decimal results: copied as they were written. */
		csv_field(b, s, len, first);
	} else if (jv_bool(v) != -1)
		csv_field(b, jv_bool(v) ? "true" : "false", jv_bool(v) ? 4 : 5,
		    first);
	else
		csv_field(b, "", 0, first);
}

/*
 * GET .../rounds/{id}/results.csv: the results of one round as CSV
 * (csv.c), one row per option (or text, or idea).  The numbers are the
 * ones of the JSON results: they are made once, by round_results().
 */
int
api_round_csv(struct request *r)
{
	struct rnd	 rd;
	struct buf	 js, *out = &r->resp.body;
	struct jw	*w;
	struct jv	*res = NULL;
	struct perr	 e;
	struct limits	 lim = *r->limits;
	const struct jv	*o, *list, *v;
	const char	*cols[12];
	size_t		 i, j, k, ncols = 0;
	char		 hdr[40];
	int		 rc;

	if ((rc = owned(r)) != 1 || (rc = plan_check_reports(r)) != 1 ||
	    (rc = rnd_load(r, &rd)) != 1)
		return rc;
	buf_init(&js, 4 * 1024 * 1024);
	w = jw_new(&js);
	jw_obj(w);
	if (results_write(r->db, w, &rd) == -1) {
		jw_free(w);
		buf_release(&js);
		rnd_release(&rd);
		return db_unavailable(r);
	}
	jw_end(w);
	lim.max_body = js.len;
	lim.json_nodes = 1000000;
	if (jw_close(w) == -1 ||
	    (res = json_parse(js.data, js.len, &lim, &e)) == NULL) {
		buf_release(&js);
		rnd_release(&rd);
		return resp_error(r, 500, "internal_error", "no CSV");
	}
	buf_release(&js);
	buf_reset(out);
	csv_begin(out);
	switch (rd.spec.type) {
	case RT_CHOICE:
		cols[0] = "count"; cols[1] = "percent"; ncols = 2;
		break;
	case RT_RATING:
		cols[0] = "count"; cols[1] = "no_opinion"; cols[2] = "mean";
		cols[3] = "median"; cols[4] = "sd"; ncols = 5;
		break;
	case RT_STATEMENTS:
		cols[0] = "count"; cols[1] = "pass"; cols[2] = "mean";
		cols[3] = "median"; cols[4] = "sd"; cols[5] = "agree";
		cols[6] = "disagree"; ncols = 7;
		break;
	case RT_RANKING:
		cols[0] = "borda"; ncols = 1;
		break;
	case RT_POINTS:
		cols[0] = "points"; cols[1] = "voters"; ncols = 2;
		break;
	default:
		break;
	}
	list = jv_get(jv_get(res, "results"), "options");
	if (rd.spec.type == RT_OPEN) {
		csv_field(out, "text", 4, 1);
		csv_row(out);
		list = jv_get(jv_get(res, "results"), "texts");
		for (i = 0; i < jv_len(list); i++) {
			csv_jv(out, jv_at(list, i), 1);
			csv_row(out);
		}
	} else if (rd.spec.type == RT_BRAINSTORM) {
		csv_field(out, "idea", 4, 1);
		csv_field(out, "cluster", 7, 0);
		csv_row(out);
		list = jv_get(jv_get(res, "results"), "ideas");
		for (i = 0; i < jv_len(list); i++) {
			csv_jv(out, jv_get(jv_at(list, i), "text"), 1);
			csv_jv(out, jv_get(jv_at(list, i), "cluster"), 0);
			csv_row(out);
		}
	} else if (rd.spec.ncrits > 0) {
		/* Multi-criteria: one row per option and criterion. */
		csv_field(out, "option", 6, 1);
		csv_field(out, "criterion", 9, 0);
		for (j = 0; j < ncols; j++)
			csv_field(out, cols[j], strlen(cols[j]), 0);
		for (j = 1; j <= (size_t)rd.spec.scale_max; j++) {
			snprintf(hdr, sizeof(hdr), "value %zu", j);
			csv_field(out, hdr, strlen(hdr), 0);
		}
		csv_row(out);
		for (i = 0; i < jv_len(list) && i < rd.spec.nopts; i++) {
			o = jv_get(jv_at(list, i), "criteria");
			for (k = 0; k < jv_len(o) && k < rd.spec.ncrits; k++) {
				csv_field(out, rd.labels[i],
				    strlen(rd.labels[i]), 1);
				csv_field(out, rd.critnames[k],
				    strlen(rd.critnames[k]), 0);
				for (j = 0; j < ncols; j++)
					csv_jv(out, jv_get(jv_at(o, k),
					    cols[j]), 0);
				v = jv_get(jv_at(o, k), "distribution");
				for (j = 0; j < jv_len(v); j++)
					csv_jv(out, jv_at(v, j), 0);
				csv_row(out);
			}
		}
	} else {
		csv_field(out, "option", 6, 1);
		for (j = 0; j < ncols; j++)
			csv_field(out, cols[j], strlen(cols[j]), 0);
		/* The distribution or the ranks, one column each. */
		o = jv_at(list, 0);
		v = jv_get(o, rd.spec.type == RT_RANKING ? "ranks" :
		    "distribution");
		for (j = 0; j < jv_len(v); j++) {
			snprintf(hdr, sizeof(hdr), "%s %zu",
			    rd.spec.type == RT_RANKING ? "rank" : "value",
			    j + 1);
			csv_field(out, hdr, strlen(hdr), 0);
		}
		csv_row(out);
		for (i = 0; i < jv_len(list) && i < rd.spec.nopts; i++) {
			o = jv_at(list, i);
			csv_field(out, rd.labels[i], strlen(rd.labels[i]), 1);
			for (j = 0; j < ncols; j++)
				csv_jv(out, jv_get(o, cols[j]), 0);
			v = jv_get(o, rd.spec.type == RT_RANKING ? "ranks" :
			    "distribution");
			for (j = 0; j < jv_len(v); j++)
				csv_jv(out, jv_at(v, j), 0);
			csv_row(out);
		}
	}
	jv_free(res);
	rnd_release(&rd);
	r->resp.status = 200;
	r->resp.ctype = "text/csv; charset=utf-8";
	r->resp.disposition = "attachment; filename=\"round-results.csv\"";
	return 200;
}

/*
 * GET /api/sessions/{id}/export: one session, its rounds and their
 * results, as one JSON document (a download).
 */
int
api_session_export(struct request *r)
{
	struct jw	*w;
	int		 rc;

	if ((rc = owned(r)) != 1 || (rc = plan_check_reports(r)) != 1)
		return rc;
	w = resp_json(r, 200);
	jw_obj(w);
	jw_kstr(w, "format", "primoforum-session-1");
	if (session_fields_write(r, w) == -1 ||
	    rounds_export(r, w, r->ids[0]) == -1) {
		jw_free(w);
		return db_unavailable(r);
	}
	jw_end(w);
	r->resp.disposition = "attachment; filename=\"primoforum-session.json\"";
	return resp_done(r, w);
}

/*
 * Writes the agenda of session {id} as a template keeps it:
 * {"rounds": [{"type", "title", "options": [labels], settings}]}.
 * Returns 0 or -1.
 */
int
agenda_write(struct request *r, struct jw *w)
{
	struct dbparam	 p[1] = { DBP_INT(r->ids[0]) };
	struct rnds	 l;
	struct rnd	*x;
	size_t		 i, j;
	int		 rc = -1;

	memset(&l, 0, sizeof(l));
	if (db_exec(r->db, STMT_ROUND_LIST, p, 1, rnds_row, &l) < 0)
		return -1;
	jw_obj(w);
	jw_key(w, "rounds");
	jw_arr(w);
	for (i = 0; i < l.n; i++) {
		x = &l.r[i];
		if (rnd_options(r->db, x) == -1)
			goto out;
		jw_obj(w);
		jw_kstr(w, "type", rtype_name(x->spec.type));
		jw_kstr(w, "title", x->title);
		if (x->spec.nopts > 0) {
			jw_key(w, "options");
			jw_arr(w);
			for (j = 0; j < x->spec.nopts; j++)
				jw_str(w, x->labels[j]);
			jw_end(w);
		}
		settings_write(w, x, 1);
		jw_end(w);
	}
	jw_end(w);
	jw_end(w);
	rc = 0;
out:
	rnds_release(&l);
	return rc;
}

/*
 * Participants grouping a brainstorm's ideas (when the round allows it,
 * while it is open): POST /api/participant/rounds/{id}/clusters {"name"}
 * and POST /api/participant/rounds/{id}/ideas/{id}/cluster
 * {"cluster": id or null}.
 */
static int
part_clustering(struct request *r, struct rnd *rd)
{
	int	 rc;

	if ((rc = part_round(r, rd)) < 0)
		return db_unavailable(r);
	if (rc == 0)
		return resp_error(r, 404, "not_found", "no such round");
	if (rd->spec.type != RT_BRAINSTORM || !rd->participants_cluster)
		return resp_error(r, 403, "not_allowed", "in this round only "
		    "the facilitator groups the ideas");
	if (strcmp(rd->state, "open") != 0)
		return resp_error(r, 409, "round_closed", "this round is not "
		    "open");
	return 0;
}

static const struct field pcluster_fields[] = {
	{ "name", FT_STRING, 1, 1, 200 },
};

int
api_part_cluster_create(struct request *r)
{
	struct rnd	 rd;
	struct dbparam	 p[2];
	const char	*name;
	size_t		 len;
	long long	 id;
	int		 rc;

	if ((rc = fields_check(r, pcluster_fields, 1)) != 0)
		return rc;
	if ((rc = part_clustering(r, &rd)) == 0) {
		name = field_str(r, "name", &len);
		p[0] = (struct dbparam)DBP_INT(rd.id);
		p[1] = (struct dbparam)DBP_TEXT(name, len);
		if (db_exec(r->db, STMT_CLUSTER_INSERT, p, 2, NULL, NULL) != 1)
			rc = db_unavailable(r);
		else {
			id = db_last_id(r->db);
			p[0] = (struct dbparam)DBP_INT(rd.id);
			(void)db_exec(r->db, STMT_ROUND_BUMP, p, 1, NULL, NULL);
			p[0] = (struct dbparam)DBP_INT(r->part.session_id);
			(void)db_exec(r->db, STMT_SESSION_BUMP, p, 1, NULL,
			    NULL);
			w_created(r, id);
			rc = 201;
		}
	}
	rnd_release(&rd);
	return rc;
}

static const struct field pmove_fields[] = {
	{ "cluster", FT_INT, 0, 1, INT64_MAX },
};

int
api_part_idea_cluster(struct request *r)
{
	struct rnd	 rd;
	struct dbparam	 p[3];
	long long	 cid = 0, found;
	int		 rc;

	if ((rc = fields_check(r, pmove_fields, 1)) != 0)
		return rc;
	if ((rc = part_clustering(r, &rd)) != 0) {
		rnd_release(&rd);
		return rc;
	}
	if (field_int(r, "cluster", &cid) == 0) {
		p[0] = (struct dbparam)DBP_INT(cid);
		p[1] = (struct dbparam)DBP_INT(rd.id);
		if ((rc = db_exec(r->db, STMT_CLUSTER_EXISTS, p, 2, count_row,
		    &found)) <= 0) {
			rnd_release(&rd);
			return rc < 0 ? db_unavailable(r) : resp_error(r, 422,
			    "invalid_field", "no such cluster in this round");
		}
		p[0] = (struct dbparam)DBP_INT(cid);
	} else
		p[0] = (struct dbparam)DBP_NULL;
	p[1] = (struct dbparam)DBP_INT(r->ids[1]);
	p[2] = (struct dbparam)DBP_INT(rd.id);
	if ((rc = db_exec(r->db, STMT_IDEA_SET_CLUSTER, p, 3, NULL, NULL)) < 0)
		rc = db_unavailable(r);
	else if (rc == 0)
		rc = resp_error(r, 404, "not_found", "no such idea");
	else {
		p[0] = (struct dbparam)DBP_INT(rd.id);
		(void)db_exec(r->db, STMT_ROUND_BUMP, p, 1, NULL, NULL);
		p[0] = (struct dbparam)DBP_INT(r->part.session_id);
		(void)db_exec(r->db, STMT_SESSION_BUMP, p, 1, NULL, NULL);
		rc = resp_json_status(r, 200, "moved");
	}
	rnd_release(&rd);
	return rc;
}
