/* SPDX-License-Identifier: ISC */
/*
 * agenda.c: a session's rounds, the domain (P4, P8).  A round is a
 * struct round decoded by a shape from a row of ROUND_COLS (db.c), with
 * its options and a rating's criteria; this module creates rounds from
 * their settings, moves and deletes them, opens, closes, reveals and
 * hides them, and renders rounds and their results as JSON for the
 * handlers (api_round.c, api_export.c) and the other domain modules
 * (state.c, answer.c, export.c, idea.c, template.c).  The rules of each
 * round type are round.c's table: a new round's settings are read and
 * checked by round_settings(), a round's settings written by walking the
 * settings its type uses; results are loaded into a struct results
 * (round_results_load()) that results.c writes as JSON here and as CSV
 * for export.c.  No round type is named in this file.
 *
 * Functions return an outcome (and, refusing, why); the caller checked
 * that the session is the account's where a facilitator acts.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

/* A round row (ROUND_COLS of db.c), column by column. */
static const struct dbfield round_cols[] = {
	DBF_I(round, id),
	DBF_I(round, position),
	DBF_C(round, type),
	DBF_S(round, title),
	DBF_C(round, state),
	DBF_I(round, revealed),
	DBF_I(round, spec.min_picks),
	DBF_I(round, spec.max_picks),
	DBF_I(round, spec.scale_max),
	DBF_I(round, spec.no_opinion),
	DBF_I(round, spec.top_n),
	DBF_I(round, spec.budget),
	DBF_I(round, spec.max_per_option),
	DBF_I(round, spec.max_length),
	DBF_I(round, version),
	DBF_I(round, open_wall),
	DBF_S(round, label_low),
	DBF_S(round, label_high),
	DBF_I(round, participants_cluster),
	DBF_I(round, closed_due),
	DBF_C(round, projector_results),
	DBF_I(round, feed_round),
	DBF_C(round, feed_use),
	DBF_I(round, upvotes),
	DBF_I(round, moderated),
	DBF_I(round, spec.session_wide),
	DBF_I(round, spec.time_limit),
	DBF_I(round, spec.speed_bonus),
};
static const struct dbshape round_shape = DBSHAPE(round_cols, round);

/* An option or a criterion: id and label (STMT_OPTION_LIST, _CRITERION_). */
struct label {
	long long	 id;
	char		*text;		/* owned */
};
static const struct dbfield label_cols[] = {
	DBF_I(label, id),
	DBF_S(label, text),
};
static const struct dbshape label_shape = DBSHAPE(label_cols, label);

/* An idea of the wall (STMT_IDEA_LIST). */
struct wallidea {
	long long	 id;
	char		*text;		/* owned */
	char		*cluster;	/* owned, or NULL */
	long long	 likes;		/* -1: the round has no upvotes */
	long long	 mark;		/* ideamark.c: 0, 1 answering, 2 done */
	char		*by;		/* owned; the asker, named, or NULL */
};
static const struct dbfield wall_cols[] = {
	DBF_I(wallidea, id),
	DBF_S(wallidea, text),
	DBF_S(wallidea, cluster),
	DBF_I(wallidea, likes),
	DBF_I(wallidea, mark),
	DBF_S(wallidea, by),
};
static const struct dbshape wall_shape = DBSHAPE(wall_cols, wallidea);

/* A cluster (STMT_CLUSTER_LIST). */
struct cluster {
	long long	 id;
	char		*name;		/* owned */
	long long	 ideas;
};
static const struct dbfield cluster_cols[] = {
	DBF_I(cluster, id),
	DBF_S(cluster, name),
	DBF_I(cluster, ideas),
};
static const struct dbshape cluster_shape = DBSHAPE(cluster_cols, cluster);

/* One value of one response (STMT_RESULTS_VALUES): struct answer. */
static const struct dbfield answer_cols[] = {
	DBF_I(answer, option),
	DBF_I(answer, criterion),
	DBF_I(answer, value),
};
static const struct dbshape answer_shape = DBSHAPE(answer_cols, answer);

/* A team's value (STMT_RESULTS_BY_TEAM). */
struct teamvalue {
	char		*team;		/* owned */
	long long	 option, criterion, value;
};
static const struct dbfield teamvalue_cols[] = {
	DBF_S(teamvalue, team),
	DBF_I(teamvalue, option),
	DBF_I(teamvalue, criterion),
	DBF_I(teamvalue, value),
};
static const struct dbshape teamvalue_shape = DBSHAPE(teamvalue_cols,
    teamvalue);

/* A round's neighbour (STMT_ROUND_ABOVE, _BELOW). */
struct idpos {
	long long	 id, pos;
};
static const struct dbfield idpos_cols[] = {
	DBF_I(idpos, id),
	DBF_I(idpos, pos),
};
static const struct dbshape idpos_shape = DBSHAPE(idpos_cols, idpos);

/* Frees what a round owns; it is zero after. */
void
round_release(struct round *r)
{
	size_t	 i;

	for (i = 0; r->labels != NULL && i < r->spec.nopts; i++)
		free(r->labels[i]);
	free(r->labels);
	free(r->opts);
	for (i = 0; r->critnames != NULL && i < r->spec.ncrits; i++)
		free(r->critnames[i]);
	free(r->critnames);
	free(r->crits);
	db_shape_release(&round_shape, r);
	memset(r, 0, sizeof(*r));
}

void
rounds_free(struct round *v, size_t n)
{
	size_t	 i;

	for (i = 0; v != NULL && i < n; i++)
		round_release(&v[i]);
	free(v);
}

/* Decodes a round row into r (zeroed first).  Returns 0 or -1. */
static int
round_decode(struct round *r, const struct dbcol *c, size_t n)
{
	int	 t;

	memset(r, 0, sizeof(*r));
	if (db_decode(&round_shape, c, n, r) == -1 ||
	    (t = rtype_parse(r->type)) < 0) {
		round_release(r);
		return -1;
	}
	r->spec.type = t;
	return 0;
}

static int
round_row(void *arg, const struct dbcol *c, size_t n)
{
	return round_decode(arg, c, n);
}

struct roundlist {
	struct round	*v;
	size_t		 n;
};

static int
roundlist_row(void *arg, const struct dbcol *c, size_t n)
{
	struct roundlist	*l = arg;

	l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
	if (round_decode(&l->v[l->n], c, n) == -1)
		return -1;
	l->n++;
	return 0;
}

/*
 * Runs s, a statement of one round (round id, session id), into r
 * without its options.  Returns the number of rows or a DB_* error.
 */
int
round_fetch(struct db *db, enum stmt s, long long round, long long session,
    struct round *r)
{
	struct dbparam	 p[2] = { DBP_INT(round), DBP_INT(session) };
	int		 rc;

	memset(r, 0, sizeof(*r));
	if ((rc = db_exec(db, s, p, 2, round_row, r)) < 0)
		round_release(r);
	return rc;
}

/* Loads a round's options (and a rating's criteria).  Returns 0 or -1. */
int
round_options(struct db *db, struct round *r)
{
	struct dbparam	 p[1] = { DBP_INT(r->id) };
	struct label	*l;
	size_t		 i, n;

	if (db_list(db, STMT_OPTION_LIST, p, 1, &label_shape, &l, &n) < 0)
		return -1;
	r->opts = xcalloc(n + 1, sizeof(*r->opts));
	r->labels = xcalloc(n + 1, sizeof(*r->labels));
	for (i = 0; i < n; i++) {
		r->opts[i] = l[i].id;
		r->labels[i] = l[i].text;	/* moved */
	}
	free(l);
	r->spec.opts = r->opts;
	r->spec.nopts = n;
	if (!rtype_uses(r->spec.type, RS_CRITERIA))
		return 0;
	if (db_list(db, STMT_CRITERION_LIST, p, 1, &label_shape, &l, &n) < 0)
		return -1;
	r->crits = xcalloc(n + 1, sizeof(*r->crits));
	r->critnames = xcalloc(n + 1, sizeof(*r->critnames));
	for (i = 0; i < n; i++) {
		r->crits[i] = l[i].id;
		r->critnames[i] = l[i].text;
	}
	free(l);
	r->spec.crits = r->crits;
	r->spec.ncrits = n;
	return 0;
}

/* Round id of session, with its options. */
enum outcome
agenda_round(struct db *db, long long session, long long id,
    struct round *r, struct why *why)
{
	int	 rc;

	rc = round_fetch(db, STMT_ROUND_GET, id, session, r);
	if (rc < 0 || (rc == 1 && round_options(db, r) == -1)) {
		round_release(r);
		return OUT_DB_DOWN;
	}
	if (rc == 0) {
		why_set(why, "not_found", "no such round");
		return OUT_NOT_FOUND;
	}
	return OUT_OK;
}

/*
 * The rounds of session that s finds, in order, with their options: *v
 * (owned, rounds_free()).
 */
static enum outcome
agenda_load(struct db *db, enum stmt s, long long session, struct round **v,
    size_t *n)
{
	struct dbparam		 p[1] = { DBP_INT(session) };
	struct roundlist	 l = { NULL, 0 };
	size_t			 i;

	*v = NULL;
	*n = 0;
	if (db_exec(db, s, p, 1, roundlist_row, &l) < 0)
		goto fail;
	for (i = 0; i < l.n; i++)
		if (round_options(db, &l.v[i]) == -1)
			goto fail;
	*v = l.v;
	*n = l.n;
	return OUT_OK;
fail:
	rounds_free(l.v, l.n);
	return OUT_DB_DOWN;
}

/* The agenda of session: every round, in order (see agenda_load()). */
enum outcome
agenda_list(struct db *db, long long session, struct round **v, size_t *n)
{
	return agenda_load(db, STMT_ROUND_LIST, session, v, n);
}

/* The rounds participants see: open ones, and revealed closed ones. */
enum outcome
agenda_visible(struct db *db, long long session, struct round **v,
    size_t *n)
{
	return agenda_load(db, STMT_ROUNDS_FOR_PARTICIPANT, session, v, n);
}

/* Writes "criteria" of a rating: names (a template), or id and name. */
static void
criteria_write(struct jw *w, const struct round *r, int names_only)
{
	size_t	 i;

	if (r->spec.ncrits == 0)
		return;
	jw_key(w, rsetting_name(RS_CRITERIA));
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

/*
 * Writes the settings that a round's type uses (its row of round.c's
 * table), in the table's order of writing.  For a template (names_only)
 * criteria are their names, as round creation takes them; otherwise
 * objects with their ids, as answers name them.  The settings that
 * struct roundspec holds are read through the table; the others are
 * members of struct round, one case each.
 */
void
round_settings_write(struct jw *w, const struct round *r, int names_only)
{
	const char	*name;
	long long	 v;
	int		 s;

	for (s = -1; (s = rtype_setting(r->spec.type, s)) >= 0;) {
		name = rsetting_name(s);
		switch (s) {
		case RS_OPEN_WALL:
			jw_kbool(w, name, r->open_wall != 0);
			break;
		case RS_PARTICIPANTS_CLUSTER:
			jw_kbool(w, name, r->participants_cluster != 0);
			break;
		case RS_UPVOTES:
			jw_kbool(w, name, r->upvotes != 0);
			break;
		case RS_MODERATED:
			jw_kbool(w, name, r->moderated != 0);
			break;
		case RS_LABEL_LOW:
			jw_kstr(w, name, r->label_low);
			break;
		case RS_LABEL_HIGH:
			jw_kstr(w, name, r->label_high);
			break;
		case RS_CRITERIA:
			criteria_write(w, r, names_only);
			break;
		case RS_PROJECTOR_RESULTS:
			jw_kstr(w, name, r->projector_results);
			break;
		default:
			if (!rsetting_get(s, &r->spec, &v))
				break;
			if (rsetting_is_bool(s))
				jw_kbool(w, name, v != 0);
			else
				jw_kint(w, name, v);
			break;
		}
	}
}

/* Writes a round's description (no results) into an open object. */
void
round_write(struct jw *w, const struct round *r)
{
	size_t	 i;

	jw_kint(w, "id", r->id);
	jw_kint(w, "position", r->position);
	jw_kstr(w, "type", rtype_name(r->spec.type));
	jw_kstr(w, "title", r->title);
	jw_kstr(w, "state", r->state);
	jw_kbool(w, "revealed", r->revealed != 0);
	/* Fed: its options are the ideas or clusters of that round. */
	if (r->feed_round > 0) {
		jw_kint(w, "options_from", r->feed_round);
		jw_kstr(w, "options_use", r->feed_use);
	}
	round_settings_write(w, r, 0);
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

/* Writes the wall of brainstorm round id: [{"id", "text", "cluster"}]. */
enum outcome
round_wall_write(struct db *db, struct jw *w, long long id)
{
	struct dbparam	 p[1] = { DBP_INT(id) };
	struct wallidea	*v;
	size_t		 i, n;

	if (db_list(db, STMT_IDEA_LIST, p, 1, &wall_shape, &v, &n) < 0)
		return OUT_DB_DOWN;
	jw_arr(w);
	for (i = 0; i < n; i++) {
		jw_obj(w);
		jw_kint(w, "id", v[i].id);
		jw_kstr(w, "text", v[i].text);
		jw_kstr(w, "cluster", v[i].cluster);
		if (v[i].likes >= 0)
			jw_kint(w, "likes", v[i].likes);
		results_mark_write(w, v[i].mark, v[i].by);
		jw_end(w);
	}
	jw_end(w);
	db_list_free(&wall_shape, v, n);
	return OUT_OK;
}

/* Writes the clusters of round id: [{"id", "name", "ideas"}]. */
enum outcome
round_clusters_write(struct db *db, struct jw *w, long long id)
{
	struct dbparam	 p[1] = { DBP_INT(id) };
	struct cluster	*v;
	size_t		 i, n;

	if (db_list(db, STMT_CLUSTER_LIST, p, 1, &cluster_shape, &v, &n) < 0)
		return OUT_DB_DOWN;
	jw_arr(w);
	for (i = 0; i < n; i++) {
		jw_obj(w);
		jw_kint(w, "id", v[i].id);
		jw_kstr(w, "name", v[i].name);
		jw_kint(w, "ideas", v[i].ideas);
		jw_end(w);
	}
	jw_end(w);
	db_list_free(&cluster_shape, v, n);
	return OUT_OK;
}

/*
 * Writes "by_team": [...]: each table's answer (team mode), as
 * {"team", "answer": [{"option", "criterion", "value"}]}.
 */
static int
byteam_write(struct db *db, struct jw *w, long long round)
{
	struct dbparam		 p[1] = { DBP_INT(round) };
	struct teamvalue	*v;
	size_t			 i, n;

	if (db_list(db, STMT_RESULTS_BY_TEAM, p, 1, &teamvalue_shape, &v,
	    &n) < 0)
		return -1;
	jw_key(w, "by_team");
	jw_arr(w);
	for (i = 0; i < n; i++) {
		if (i == 0 || strcmp(v[i].team, v[i - 1].team) != 0) {
			if (i > 0) {
				jw_end(w);
				jw_end(w);
			}
			jw_obj(w);
			jw_kstr(w, "team", v[i].team);
			jw_key(w, "answer");
			jw_arr(w);
		}
		jw_obj(w);
		jw_kint(w, "option", v[i].option);
		if (v[i].criterion > 0)
			jw_kint(w, "criterion", v[i].criterion);
		jw_kint(w, "value", v[i].value);
		jw_end(w);
	}
	if (n > 0) {
		jw_end(w);
		jw_end(w);
	}
	jw_end(w);
	db_list_free(&teamvalue_shape, v, n);
	return 0;
}

/* Returns 1 if results of this form score options (and have by_team). */
static int
scores_options(const struct resultform *f)
{
	return f != NULL && f->kind != RK_TEXTS && f->kind != RK_IDEAS;
}

/* Adds the wall and the clusters of brainstorm round id to res. */
static int
ideas_load(struct db *db, long long id, struct results *res)
{
	struct dbparam	 p[1] = { DBP_INT(id) };
	struct wallidea	*v;
	struct cluster	*c;
	size_t		 i, n;

	if (db_list(db, STMT_IDEA_LIST, p, 1, &wall_shape, &v, &n) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		results_add_idea(res, v[i].id, v[i].text, strlen(v[i].text),
		    v[i].cluster);
		res->ideas[res->nideas - 1].likes = v[i].likes;
		res->ideas[res->nideas - 1].mark = v[i].mark;
	}
	db_list_free(&wall_shape, v, n);
	if (db_list(db, STMT_CLUSTER_LIST, p, 1, &cluster_shape, &c, &n) < 0)
		return -1;
	for (i = 0; i < n; i++)
		results_add_cluster(res, c[i].id, c[i].name,
		    strlen(c[i].name), c[i].ideas);
	db_list_free(&cluster_shape, c, n);
	return 0;
}

/*
 * Fills res (initialised, results_init()) with the results of round r,
 * as its type's results form asks: the responses' values, an open
 * round's texts, or a brainstorm's ideas and clusters.  The caller
 * writes them (results_json(), results_table()) and releases res.
 */
enum outcome
round_results_load(struct db *db, const struct round *r,
    struct results *res)
{
	const struct resultform	*form = rtype_results(r->spec.type);
	struct dbparam		 p[1] = { DBP_INT(r->id) };
	struct answer		*v = NULL;
	long long		 nresp = 0;
	size_t			 n = 0;
	int			 ideas;
	enum outcome		 o = OUT_DB_DOWN;

	ideas = form != NULL && form->kind == RK_IDEAS;
	if (!ideas && db_exec(db, STMT_RESULTS_COUNT, p, 1, db_row_int,
	    &nresp) != 1)
		goto out;
	if (scores_options(form) && db_list(db, STMT_RESULTS_VALUES, p, 1,
	    &answer_shape, &v, &n) < 0)
		goto out;
	results_fill(res, &r->spec, v, n, nresp);
	if (form != NULL && form->kind == RK_TEXTS &&
	    opentext_load(db, r->id, res) == -1)
		goto out;
	if (ideas && ideas_load(db, r->id, res) == -1)
		goto out;
	if ((ideas || (form != NULL && form->kind == RK_TEXTS)) &&
	    cloud_load(db, r->id, res) == -1)
		goto out;
	o = OUT_OK;
out:
	db_list_free(&answer_shape, v, n);
	return o;
}

/*
 * Writes "results": {...} of a round into an open object: its results
 * (round_results_load(), results_json()) and, where they score options,
 * each table's answer ("by_team"); all: the facilitator's, listing the
 * hidden cloud entries.  On OUT_DB_DOWN the writer holds a part: the
 * caller drops it.
 */
enum outcome
round_results_write(struct db *db, struct jw *w, const struct round *r,
    int all)
{
	struct results	 res;
	enum outcome	 o;

	results_init(&res);
	if ((o = round_results_load(db, r, &res)) != OUT_OK)
		goto out;
	res.cloud_all = all;
	jw_key(w, "results");
	jw_obj(w);
	results_json(&res, w);
	if (scores_options(res.form) && byteam_write(db, w, r->id) == -1) {
		o = OUT_DB_DOWN;
		goto out;
	}
	jw_end(w);
out:
	results_release(&res);
	return o;
}

/* Inserts the labels of list as stmt's rows of round id. */
static int
labels_insert(struct db *db, enum stmt s, long long id, const struct jv *list,
    size_t n)
{
	struct dbparam	 p[3];
	const char	*label;
	size_t		 i, len;

	for (i = 0; i < n; i++) {
		if ((label = jv_str(jv_at(list, i), &len)) == NULL)
			return -1;
		p[0] = (struct dbparam)DBP_INT(id);
		p[1] = (struct dbparam)DBP_INT((long long)i + 1);
		p[2] = (struct dbparam)DBP_TEXT(label, len);
		if (db_exec(db, s, p, 3, NULL, NULL) != 1)
			return -1;
	}
	return 0;
}

/*
 * Adds the round that body describes (its fields checked against
 * round_fields) to the end of session's agenda, or right after round
 * "after"; *id is the new round's.  "options_from" a brainstorm feeds it
 * (feed.c): it takes what the brainstorm holds now, and again when it
 * opens, so it may be added before the brainstorm has any.  Templates
 * add each round of theirs the same way.
 */
enum outcome
round_create(struct db *db, long long session, const struct jv *body,
    long long *id, struct why *why)
{
	struct roundspec s;
	const struct jv	*opts;
	const char	*title, *use, *lo, *hi;
	struct dbparam	 p[22];
	struct feeditem	*from = NULL;
	size_t		 nfrom = 0, tlen, lolen, hilen, nopts;
	long long	 pos = 0, src = 0, after = 0;
	enum outcome	 o;
	int		 t;

	/* The type first, then the options, then the settings (round.c). */
	if ((o = round_type(body, &t, why)) != OUT_OK)
		return o;
	if ((title = jv_str(jv_get(body, "title"), &tlen)) == NULL) {
		why_set(why, "missing_field", "title is required");
		return OUT_INVALID;
	}
	opts = jv_get(body, "options");
	nopts = jv_len(opts);
	use = jv_str(jv_get(body, "options_use"), NULL);
	if (use != NULL && strcmp(use, "ideas") != 0 &&
	    strcmp(use, "clusters") != 0) {
		why_set(why, "invalid_field", "options_use must be \"ideas\" "
		    "or \"clusters\"");
		return OUT_INVALID;
	}
	if ((o = feed_source(db, session, body, &src, why)) != OUT_OK)
		return o;
	if (src > 0) {
		if (nopts > 0) {
			why_set(why, "invalid_field", "give options or "
			    "options_from, not both");
			return OUT_INVALID;
		}
		if ((o = feed_take(db, session, src, use, &from, &nfrom,
		    why)) != OUT_OK)
			return o;
		nopts = nfrom;
	}
	/*
	 * A brainstorm without ideas yet: the settings are checked as for
	 * as many options as a round may have, and cut to what there is
	 * when it opens (feed_open()).
	 */
	if ((o = round_settings(body, src > 0 && nopts == 0 ? FEED_LATER :
	    nopts, &s, why)) != OUT_OK)
		goto out;

	o = OUT_DB_DOWN;
	if (db_begin(db) != 0)
		goto out;
	p[0] = (struct dbparam)DBP_INT(session);
	if (jv_int(jv_get(body, "after"), &after) == 0) {
		p[0] = (struct dbparam)DBP_INT(after);
		p[1] = (struct dbparam)DBP_INT(session);
		if ((t = db_exec(db, STMT_ROUND_POSITION, p, 2, db_row_int,
		    &pos)) < 0)
			goto down;
		if (t == 0) {
			db_rollback(db);
			why_set(why, "invalid_field", "after must be a round "
			    "of this session");
			o = OUT_INVALID;
			goto out;
		}
		p[0] = (struct dbparam)DBP_INT(session);
		p[1] = (struct dbparam)DBP_INT(pos);
		if (db_exec(db, STMT_ROUND_MAKE_ROOM, p, 2, NULL, NULL) < 0)
			goto down;
		pos++;
	} else if (db_exec(db, STMT_ROUND_NEXTPOS, p, 1, db_row_int,
	    &pos) != 1)
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
	p[12] = (struct dbparam)DBP_INT(rtype_bool(s.type, RS_OPEN_WALL, body));
	lo = jv_str(jv_get(body, "label_low"), &lolen);
	hi = jv_str(jv_get(body, "label_high"), &hilen);
	p[13] = lo != NULL ? (struct dbparam)DBP_TEXT(lo, lolen) :
	    (struct dbparam)DBP_NULL;
	p[14] = hi != NULL ? (struct dbparam)DBP_TEXT(hi, hilen) :
	    (struct dbparam)DBP_NULL;
	p[15] = (struct dbparam)DBP_INT(rtype_bool(s.type,
	    RS_PARTICIPANTS_CLUSTER, body));
	p[16] = (struct dbparam)DBP_STR(rtype_word(s.type,
	    RS_PROJECTOR_RESULTS, body));
	p[17] = (struct dbparam)DBP_INT(rtype_bool(s.type, RS_UPVOTES, body));
	p[18] = (struct dbparam)DBP_INT(rtype_bool(s.type, RS_MODERATED, body));
	p[19] = (struct dbparam)DBP_INT(s.session_wide);
		p[20] = (struct dbparam)DBP_INT(s.time_limit);
	p[21] = (struct dbparam)DBP_INT(s.speed_bonus);
	if (db_exec(db, STMT_ROUND_INSERT, p, 22, NULL, NULL) != 1)
		goto down;
	*id = db_last_id(db);
	p[0] = (struct dbparam)DBP_INT(src);
	p[1] = use != NULL ? (struct dbparam)DBP_STR(use) :
	    (struct dbparam)DBP_STR("ideas");
	p[2] = (struct dbparam)DBP_INT(*id);
	if ((src > 0 ? feed_insert(db, *id, use, from, nfrom) == -1 ||
	    db_exec(db, STMT_FEED_SET, p, 3, NULL, NULL) != 1 :
	    labels_insert(db, STMT_OPTION_INSERT, *id, opts, nopts) == -1) ||
	    labels_insert(db, STMT_CRITERION_INSERT, *id,
	    jv_get(body, "criteria"), jv_len(jv_get(body, "criteria"))) == -1)
		goto down;
	p[0] = (struct dbparam)DBP_INT(session);
	if (db_exec(db, STMT_SESSION_BUMP, p, 1, NULL, NULL) != 1 ||
	    db_commit(db) != 0)
		goto down;
	o = OUT_OK;
	goto out;
down:
	db_rollback(db);
out:
	feed_free(from, nfrom);
	return o;
}

/* Deletes round id of session unless it is open; bumps the session. */
enum outcome
round_delete(struct db *db, long long session, long long id,
    struct why *why)
{
	struct dbparam	 p[2] = { DBP_INT(id), DBP_INT(session) };
	int		 rc;

	if ((rc = db_exec(db, STMT_ROUND_DELETE, p, 2, NULL, NULL)) < 0)
		return OUT_DB_DOWN;
	if (rc == 0) {
		why_set(why, "wrong_state", "no such round, or it is open: "
		    "close it first");
		return OUT_CONFLICT;
	}
	session_bump(db, session);
	return OUT_OK;
}

/*
 * Swaps round id of session (of account) with the one before it (up) or
 * after it, in one transaction.  At the top (bottom) already: conflict.
 */
enum outcome
round_move(struct db *db, long long session, long long account,
    long long id, int up, struct why *why)
{
	struct dbparam	 p[3];
	struct idpos	 nb;
	long long	 pos = 0;
	int		 rc;

	if (db_begin(db) != 0)
		return OUT_DB_DOWN;
	p[0] = (struct dbparam)DBP_INT(id);
	p[1] = (struct dbparam)DBP_INT(session);
	p[2] = (struct dbparam)DBP_INT(account);
	if ((rc = db_exec(db, STMT_ROUND_POS_LOCK, p, 3, db_row_int,
	    &pos)) < 0)
		goto down;
	if (rc == 0) {
		db_rollback(db);
		why_set(why, "not_found", "no such round");
		return OUT_NOT_FOUND;
	}
	p[0] = (struct dbparam)DBP_INT(session);
	p[1] = (struct dbparam)DBP_INT(pos);
	if ((rc = db_one(db, up ? STMT_ROUND_ABOVE : STMT_ROUND_BELOW, p, 2,
	    &idpos_shape, &nb)) < 0)
		goto down;
	if (rc == 0) {
		db_rollback(db);
		why_set(why, "wrong_state", "the round is %s already",
		    up ? "first" : "last");
		return OUT_CONFLICT;
	}
	p[0] = (struct dbparam)DBP_INT(nb.pos);
	p[1] = (struct dbparam)DBP_INT(id);
	p[2] = (struct dbparam)DBP_INT(session);
	if (db_exec(db, STMT_ROUND_SET_POS, p, 3, NULL, NULL) < 0)
		goto down;
	p[0] = (struct dbparam)DBP_INT(pos);
	p[1] = (struct dbparam)DBP_INT(nb.id);
	if (db_exec(db, STMT_ROUND_SET_POS, p, 3, NULL, NULL) < 0)
		goto down;
	p[0] = (struct dbparam)DBP_INT(session);
	if (db_exec(db, STMT_SESSION_BUMP, p, 1, NULL, NULL) < 0 ||
	    db_commit(db) != 0)
		goto down;
	return OUT_OK;
down:
	db_rollback(db);
	return OUT_DB_DOWN;
}

/*
 * Moves round id of session to state (open, closed); bumps the session.
 * OUT_CONFLICT feed_empty: a fed round's brainstorm has nothing yet.
 */
enum outcome
round_set_state(struct db *db, long long session, long long id,
    const char *state, struct why *why)
{
	struct dbparam	 p[4] = { DBP_STR(state), DBP_INT(id),
	    DBP_INT(session), DBP_STR(state) };
	enum outcome	 o;
	int		 rc;

	/*
	 * A fed round takes its brainstorm's ideas or clusters now, in one
	 * transaction with the opening; no round opens with placeholder
	 * options (roundedit.c).
	 */
	if (db_begin(db) != 0)
		return OUT_DB_DOWN;
	if (strcmp(state, "open") == 0 &&
	    ((o = feed_open(db, session, id, why)) != OUT_OK ||
	    (o = round_open_check(db, session, id, why)) != OUT_OK)) {
		db_rollback(db);
		return o;
	}
	if ((rc = db_exec(db, STMT_ROUND_SET_STATE, p, 4, NULL, NULL)) < 0 ||
	    (rc > 0 && db_commit(db) != 0)) {
		db_rollback(db);
		return OUT_DB_DOWN;
	}
	if (rc == 0) {
		/* No such round, or in that state already. */
		struct round	 rd;

		db_rollback(db);
		if ((rc = round_fetch(db, STMT_ROUND_GET, id, session,
		    &rd)) < 0)
			return OUT_DB_DOWN;
		round_release(&rd);
		if (rc == 0) {
			why_set(why, "not_found", "no such round");
			return OUT_NOT_FOUND;
		}
		why_set(why, "wrong_state", "the round is %s already", state);
		return OUT_CONFLICT;
	}
	session_bump(db, session);
	return OUT_OK;
}

/* Reveals (or hides) round id's results to participants. */
enum outcome
round_set_revealed(struct db *db, long long session, long long id,
    int revealed, struct why *why)
{
	struct dbparam	 p[3] = { DBP_INT(revealed), DBP_INT(id),
	    DBP_INT(session) };
	int		 rc;

	if ((rc = db_exec(db, STMT_ROUND_SET_REVEALED, p, 3, NULL,
	    NULL)) < 0)
		return OUT_DB_DOWN;
	if (rc == 0) {
		why_set(why, "not_found", "no such round");
		return OUT_NOT_FOUND;
	}
	session_bump(db, session);
	return OUT_OK;
}
