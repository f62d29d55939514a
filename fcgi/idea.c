/* SPDX-License-Identifier: ISC */
/*
 * idea.c: moderating and clustering a brainstorm's ideas, for the
 * session's facilitator, the domain.  Every change moves the round's and
 * the session's version, so the console, the projector and an open idea
 * wall see it at their next poll.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

/* An idea as moderation sees it (STMT_IDEA_ALL). */
struct idea {
	long long	 id;
	char		*text;		/* owned */
	long long	 hidden;
	long long	 cluster;	/* 0: none */
	long long	 merged_into;	/* 0: none */
	long long	 likes;		/* -1: the round has no upvotes */
	long long	 pending;	/* waiting for approval (hidden) */
	long long	 mark;		/* ideamark.c: 1 answering, 2 done */
	char		*by;		/* owned; the asker if named, or NULL */
};
static const struct dbfield idea_cols[] = {
	DBF_I(idea, id),
	DBF_S(idea, text),
	DBF_I(idea, hidden),
	DBF_I(idea, cluster),
	DBF_I(idea, merged_into),
	DBF_I(idea, likes),
	DBF_I(idea, pending),
	DBF_I(idea, mark),
	DBF_S(idea, by),
};
static const struct dbshape idea_shape = DBSHAPE(idea_cols, idea);

/*
 * Account has role need in session (member_check()) and round is a
 * brainstorm of it: OUT_OK, or the refusal (not found; forbidden: a
 * smaller role; conflict: not a brainstorm).
 */
enum outcome
idea_round_as(struct db *db, long long session, long long account,
    enum member_role need, long long round, struct why *why)
{
	struct round	 rd;
	enum outcome	 o;
	int		 rc;

	if ((o = member_check(db, session, account, need, NULL, why)) !=
	    OUT_OK)
		return o;
	if ((rc = round_fetch(db, STMT_ROUND_GET, round, session, &rd)) < 0)
		return OUT_DB_DOWN;
	if (rc == 0) {
		why_set(why, "not_found", "no such round");
		return OUT_NOT_FOUND;
	}
	o = OUT_OK;
	if (!rtype_takes_ideas(rd.spec.type)) {
		why_set(why, "wrong_type", "only a brainstorm round has "
		    "ideas");
		o = OUT_CONFLICT;
	}
	round_release(&rd);
	return o;
}

/* The same for one who may run and edit the session (session_owned()). */
enum outcome
idea_round(struct db *db, long long session, long long account,
    long long round, struct why *why)
{
	return idea_round_as(db, session, account, MEMBER_COFACILITATOR,
	    round, why);
}

/* Moves the round's and the session's versions: pollers refetch. */
static void
bump(struct db *db, long long session, long long round)
{
	struct dbparam	 p[1] = { DBP_INT(round) };

	(void)db_exec(db, STMT_ROUND_BUMP, p, 1, NULL, NULL);
	session_bump(db, session);
}

static void
id_or_null(struct jw *w, const char *k, long long v)
{
	jw_key(w, k);
	if (v > 0)
		jw_int(w, v);
	else
		jw_null(w);
}

/* Writes "ideas": [...] (every one, with its state) and "clusters". */
enum outcome
idea_list_write(struct db *db, struct jw *w, long long round)
{
	struct dbparam	 p[1] = { DBP_INT(round) };
	struct idea	*v;
	size_t		 i, n;

	if (db_list(db, STMT_IDEA_ALL, p, 1, &idea_shape, &v, &n) < 0)
		return OUT_DB_DOWN;
	jw_key(w, "ideas");
	jw_arr(w);
	for (i = 0; i < n; i++) {
		jw_obj(w);
		jw_kint(w, "id", v[i].id);
		jw_kstr(w, "text", v[i].text);
		jw_kbool(w, "hidden", v[i].hidden != 0);
		id_or_null(w, "cluster", v[i].cluster);
		id_or_null(w, "merged_into", v[i].merged_into);
		if (v[i].likes >= 0)
			jw_kint(w, "likes", v[i].likes);
		if (v[i].pending)
			jw_kbool(w, "pending", 1);
		results_mark_write(w, v[i].mark, v[i].by);
		jw_end(w);
	}
	jw_end(w);
	db_list_free(&idea_shape, v, n);
	jw_key(w, "clusters");
	return round_clusters_write(db, w, round);
}

/* 1 if cluster id is of round, 0 if not, -1 (database). */
static int
cluster_of(struct db *db, long long round, long long id)
{
	struct dbparam	 p[2] = { DBP_INT(id), DBP_INT(round) };
	long long	 found;
	int		 rc;

	rc = db_exec(db, STMT_CLUSTER_EXISTS, p, 2, db_row_int, &found);
	return rc < 0 ? -1 : rc;
}

/* Changes idea of round as e says (text, hidden, cluster). */
enum outcome
idea_update(struct db *db, long long session, long long round,
    long long idea, const struct idea_edit *e, struct why *why)
{
	struct dbparam	 p[3];
	long long	 found;
	int		 rc;

	p[1] = (struct dbparam)DBP_INT(idea);
	p[2] = (struct dbparam)DBP_INT(round);
	if ((rc = db_exec(db, STMT_IDEA_EXISTS, p + 1, 2, db_row_int,
	    &found)) < 0)
		return OUT_DB_DOWN;
	if (rc == 0) {
		why_set(why, "not_found", "no such idea");
		return OUT_NOT_FOUND;
	}
	if (e->text != NULL) {
		p[0] = (struct dbparam)DBP_TEXT(e->text, e->textlen);
		if (db_exec(db, STMT_IDEA_SET_TEXT, p, 3, NULL, NULL) < 0)
			return OUT_DB_DOWN;
	}
	if (e->hidden != -1) {
		p[0] = (struct dbparam)DBP_INT(e->hidden);
		if (db_exec(db, STMT_IDEA_SET_HIDDEN, p, 3, NULL, NULL) < 0)
			return OUT_DB_DOWN;
	}
	if (e->cluster_set) {
		if (e->cluster <= 0)
			p[0] = (struct dbparam)DBP_NULL;
		else {
			if ((rc = cluster_of(db, round, e->cluster)) < 0)
				return OUT_DB_DOWN;
			if (rc == 0) {
				why_set(why, "invalid_field", "cluster %lld "
				    "is not in this round", e->cluster);
				return OUT_INVALID;
			}
			p[0] = (struct dbparam)DBP_INT(e->cluster);
		}
		if (db_exec(db, STMT_IDEA_SET_CLUSTER, p, 3, NULL, NULL) < 0)
			return OUT_DB_DOWN;
	}
	bump(db, session, round);
	return OUT_OK;
}

/* Merges idea of round into another idea, into. */
enum outcome
idea_merge(struct db *db, long long session, long long round,
    long long idea, long long into, struct why *why)
{
	struct dbparam	 p[4];
	long long	 found;
	int		 rc;

	p[0] = (struct dbparam)DBP_INT(into);
	p[1] = (struct dbparam)DBP_INT(round);
	if ((rc = db_exec(db, STMT_IDEA_EXISTS, p, 2, db_row_int,
	    &found)) < 0)
		return OUT_DB_DOWN;
	if (rc == 0 || into == idea) {
		why_set(why, "invalid_field", "into must be another idea of "
		    "this round");
		return OUT_INVALID;
	}
	p[1] = (struct dbparam)DBP_INT(idea);
	p[2] = (struct dbparam)DBP_INT(round);
	p[3] = (struct dbparam)DBP_INT(into);
	if ((rc = db_exec(db, STMT_IDEA_MERGE, p, 4, NULL, NULL)) < 0)
		return OUT_DB_DOWN;
	if (rc == 0) {
		why_set(why, "not_found", "no such idea");
		return OUT_NOT_FOUND;
	}
	/* What was merged into it follows, with its likes (wall.c). */
	if (db_exec(db, STMT_IDEA_REMERGE, p, 3, NULL, NULL) < 0)
		return OUT_DB_DOWN;
	bump(db, session, round);
	return OUT_OK;
}

/* A new cluster (name, len) of round. */
enum outcome
idea_cluster_create(struct db *db, long long session, long long round,
    const char *name, size_t len)
{
	struct dbparam	 p[2] = { DBP_INT(round), DBP_TEXT(name, len) };

	if (db_exec(db, STMT_CLUSTER_INSERT, p, 2, NULL, NULL) != 1)
		return OUT_DB_DOWN;
	bump(db, session, round);
	return OUT_OK;
}

static enum outcome
no_cluster(int rc, struct why *why)
{
	if (rc < 0)
		return OUT_DB_DOWN;
	why_set(why, "not_found", "no such cluster");
	return OUT_NOT_FOUND;
}

/* Renames cluster id of round. */
enum outcome
idea_cluster_rename(struct db *db, long long session, long long round,
    long long id, const char *name, size_t len, struct why *why)
{
	struct dbparam	 p[3] = { DBP_TEXT(name, len), DBP_INT(id),
	    DBP_INT(round) };
	int		 rc;

	if ((rc = cluster_of(db, round, id)) != 1)
		return no_cluster(rc, why);
	if (db_exec(db, STMT_CLUSTER_RENAME, p, 3, NULL, NULL) < 0)
		return OUT_DB_DOWN;
	bump(db, session, round);
	return OUT_OK;
}

/* Deletes cluster id of round; its ideas are unclustered. */
enum outcome
idea_cluster_delete(struct db *db, long long session, long long round,
    long long id, struct why *why)
{
	struct dbparam	 p[2] = { DBP_INT(id), DBP_INT(round) };
	int		 rc;

	if ((rc = db_exec(db, STMT_CLUSTER_DELETE, p, 2, NULL, NULL)) < 0)
		return OUT_DB_DOWN;
	if (rc == 0)
		return no_cluster(0, why);
	bump(db, session, round);
	return OUT_OK;
}

/* Merges cluster id of round into cluster into, in one transaction. */
enum outcome
idea_cluster_merge(struct db *db, long long session, long long round,
    long long id, long long into, struct why *why)
{
	struct dbparam	 p[3];
	int		 rc;

	if ((rc = cluster_of(db, round, id)) != 1)
		return no_cluster(rc, why);
	if (into == id || (rc = cluster_of(db, round, into)) != 1) {
		if (rc < 0)
			return OUT_DB_DOWN;
		why_set(why, "invalid_field", "into must be another cluster "
		    "of this round");
		return OUT_INVALID;
	}
	if (db_begin(db) != 0)
		return OUT_DB_DOWN;
	p[0] = (struct dbparam)DBP_INT(into);
	p[1] = (struct dbparam)DBP_INT(id);
	p[2] = (struct dbparam)DBP_INT(round);
	if (db_exec(db, STMT_CLUSTER_MOVE, p, 3, NULL, NULL) < 0 ||
	    db_exec(db, STMT_CLUSTER_DELETE, p + 1, 2, NULL, NULL) != 1 ||
	    db_commit(db) != 0) {
		db_rollback(db);
		return OUT_DB_DOWN;
	}
	bump(db, session, round);
	return OUT_OK;
}
