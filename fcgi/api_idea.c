/*
 * api_idea.c: moderating and clustering a brainstorm's ideas, for the
 * session's facilitator (P4: another account's ids are 404).
 *
 *	GET    .../rounds/{id}/ideas			every idea, clusters
 *	PATCH  .../rounds/{id}/ideas/{id}		text, hidden, cluster
 *	POST   .../rounds/{id}/ideas/{id}/merge		into another idea
 *	POST   .../rounds/{id}/clusters			a new cluster
 *	PATCH  .../rounds/{id}/clusters/{id}		rename
 *	DELETE .../rounds/{id}/clusters/{id}		its ideas unclustered
 *	POST   .../rounds/{id}/clusters/{id}/merge	into another cluster
 * (all under /api/sessions/{id}).  Every change moves the round's and
 * the session's version, so the console, the projector and an open idea
 * wall see it at their next poll.
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

static int
id_row(void *arg, const struct dbcol *c, size_t n)
{
	return n >= 1 && parse_int(c[0].s, c[0].len, 1, INT64_MAX, arg) == 0 ?
	    0 : -1;
}

static int
type_row(void *arg, const struct dbcol *c, size_t n)
{
	int	*brainstorm = arg;

	if (n < 3)
		return -1;
	*brainstorm = strcmp(c[2].s, "brainstorm") == 0;
	return 0;
}

/*
 * Checks that session {id} is the caller's and round {id} a brainstorm
 * of it.  Returns 1, or the status with the response set.
 */
static int
brainstorm_of(struct request *r)
{
	struct dbparam	 p[2] = { DBP_INT(r->ids[1]), DBP_INT(r->ids[0]) };
	int		 rc, brainstorm = 0;

	if ((rc = owned(r)) != 1)
		return rc;
	rc = db_exec(r->db, STMT_ROUND_GET, p, 2, type_row, &brainstorm);
	if (rc < 0)
		return db_unavailable(r);
	if (rc == 0)
		return resp_error(r, 404, "not_found", "no such round");
	if (!brainstorm)
		return resp_error(r, 409, "wrong_type", "only a brainstorm "
		    "round has ideas");
	return 1;
}

/* Moves the round's and the session's versions: pollers refetch. */
static void
bump(struct request *r)
{
	struct dbparam	 p[1] = { DBP_INT(r->ids[1]) };

	(void)db_exec(r->db, STMT_ROUND_BUMP, p, 1, NULL, NULL);
	p[0] = (struct dbparam)DBP_INT(r->ids[0]);
	(void)db_exec(r->db, STMT_SESSION_BUMP, p, 1, NULL, NULL);
}

static int
idea_row(void *arg, const struct dbcol *c, size_t n)
{
	struct jw	*w = arg;
	long long	 id, hidden, v;

	if (n != 5 || parse_int(c[0].s, c[0].len, 1, INT64_MAX, &id) ||
	    parse_int(c[2].s, c[2].len, 0, 1, &hidden))
		return -1;
	jw_obj(w);
	jw_kint(w, "id", id);
	jw_key(w, "text");
	jw_strn(w, c[1].s, c[1].len);
	jw_kbool(w, "hidden", hidden != 0);
	jw_key(w, "cluster");
	if (!c[3].null && parse_int(c[3].s, c[3].len, 1, INT64_MAX, &v) == 0)
		jw_int(w, v);
	else
		jw_null(w);
	jw_key(w, "merged_into");
	if (!c[4].null && parse_int(c[4].s, c[4].len, 1, INT64_MAX, &v) == 0)
		jw_int(w, v);
	else
		jw_null(w);
	jw_end(w);
	return 0;
}

int
api_ideas_list(struct request *r)
{
	struct dbparam	 p[1] = { DBP_INT(r->ids[1]) };
	struct jw	*w;
	int		 rc;

	if ((rc = brainstorm_of(r)) != 1)
		return rc;
	w = resp_json(r, 200);
	jw_obj(w);
	jw_key(w, "ideas");
	jw_arr(w);
	if (db_exec(r->db, STMT_IDEA_ALL, p, 1, idea_row, w) < 0)
		goto down;
	jw_end(w);
	jw_key(w, "clusters");
	jw_arr(w);
	if (db_exec(r->db, STMT_CLUSTER_LIST, p, 1, cluster_row, w) < 0)
		goto down;
	jw_end(w);
	jw_end(w);
	return resp_done(r, w);
down:
	jw_free(w);
	return db_unavailable(r);
}

/* Returns 1 if cluster id is of round {id}, 0 if not, -1 (503 set). */
static int
cluster_of(struct request *r, long long id)
{
	struct dbparam	 p[2] = { DBP_INT(id), DBP_INT(r->ids[1]) };
	long long	 found;
	int		 rc;

	if ((rc = db_exec(r->db, STMT_CLUSTER_EXISTS, p, 2, id_row,
	    &found)) < 0) {
		db_unavailable(r);
		return -1;
	}
	return rc;
}

static const struct field idea_patch[] = {
	{ "text", FT_STRING, 0, 1, 1000 },
	{ "hidden", FT_BOOL, 0, 0, 0 },
	{ "cluster", FT_INT, 0, 1, INT64_MAX },
};

int
api_idea_update(struct request *r)
{
	struct dbparam	 p[3];
	const struct jv	*cl;
	const char	*text;
	size_t		 len;
	long long	 cid, found;
	int		 rc, hidden;

	if ((rc = fields_check(r, idea_patch, 3)) != 0 ||
	    (rc = brainstorm_of(r)) != 1)
		return rc;
	p[1] = (struct dbparam)DBP_INT(r->ids[2]);
	p[2] = (struct dbparam)DBP_INT(r->ids[1]);
	if ((rc = db_exec(r->db, STMT_IDEA_EXISTS, p + 1, 2, id_row,
	    &found)) < 0)
		return db_unavailable(r);
	if (rc == 0)
		return resp_error(r, 404, "not_found", "no such idea");
	if ((text = field_str(r, "text", &len)) != NULL) {
		p[0] = (struct dbparam)DBP_TEXT(text, len);
		if (db_exec(r->db, STMT_IDEA_SET_TEXT, p, 3, NULL, NULL) < 0)
			return db_unavailable(r);
	}
	if ((hidden = jv_bool(jv_get(r->json, "hidden"))) != -1) {
		p[0] = (struct dbparam)DBP_INT(hidden);
		if (db_exec(r->db, STMT_IDEA_SET_HIDDEN, p, 3, NULL, NULL) < 0)
			return db_unavailable(r);
	}
	if ((cl = jv_get(r->json, "cluster")) != NULL) {
		if (jv_type(cl) == JV_NULL)
			p[0] = (struct dbparam)DBP_NULL;
		else {
			(void)jv_int(cl, &cid);
			if ((rc = cluster_of(r, cid)) != 1)
				return rc < 0 ? r->resp.status :
				    resp_error(r, 422, "invalid_field",
				    "cluster %lld is not in this round", cid);
			p[0] = (struct dbparam)DBP_INT(cid);
		}
		if (db_exec(r->db, STMT_IDEA_SET_CLUSTER, p, 3, NULL, NULL) < 0)
			return db_unavailable(r);
	}
	bump(r);
	return api_ideas_list(r);
}

static const struct field into_fields[] = {
	{ "into", FT_INT, 1, 1, INT64_MAX },
};

int
api_idea_merge(struct request *r)
{
	struct dbparam	 p[4];
	long long	 into, found;
	int		 rc;

	if ((rc = fields_check(r, into_fields, 1)) != 0 ||
	    (rc = brainstorm_of(r)) != 1)
		return rc;
	(void)field_int(r, "into", &into);
	p[0] = (struct dbparam)DBP_INT(into);
	p[1] = (struct dbparam)DBP_INT(r->ids[1]);
	if ((rc = db_exec(r->db, STMT_IDEA_EXISTS, p, 2, id_row, &found)) < 0)
		return db_unavailable(r);
	if (rc == 0 || into == r->ids[2])
		return resp_error(r, 422, "invalid_field", "into must be "
		    "another idea of this round");
	p[1] = (struct dbparam)DBP_INT(r->ids[2]);
	p[2] = (struct dbparam)DBP_INT(r->ids[1]);
	p[3] = (struct dbparam)DBP_INT(into);
	if ((rc = db_exec(r->db, STMT_IDEA_MERGE, p, 4, NULL, NULL)) < 0)
		return db_unavailable(r);
	if (rc == 0)
		return resp_error(r, 404, "not_found", "no such idea");
	bump(r);
	return api_ideas_list(r);
}

static const struct field name_fields[] = {
	{ "name", FT_STRING, 1, 1, 200 },
};

int
api_cluster_create(struct request *r)
{
	struct dbparam	 p[2];
	const char	*name;
	size_t		 len;
	int		 rc;

	if ((rc = fields_check(r, name_fields, 1)) != 0 ||
	    (rc = brainstorm_of(r)) != 1)
		return rc;
	name = field_str(r, "name", &len);
	p[0] = (struct dbparam)DBP_INT(r->ids[1]);
	p[1] = (struct dbparam)DBP_TEXT(name, len);
	if (db_exec(r->db, STMT_CLUSTER_INSERT, p, 2, NULL, NULL) != 1)
		return db_unavailable(r);
	bump(r);
	rc = api_ideas_list(r);
	if (rc == 200)
		r->resp.status = 201;
	return r->resp.status;
}

int
api_cluster_rename(struct request *r)
{
	struct dbparam	 p[3];
	const char	*name;
	size_t		 len;
	int		 rc;

	if ((rc = fields_check(r, name_fields, 1)) != 0 ||
	    (rc = brainstorm_of(r)) != 1)
		return rc;
	if ((rc = cluster_of(r, r->ids[2])) != 1)
		return rc < 0 ? r->resp.status : resp_error(r, 404,
		    "not_found", "no such cluster");
	name = field_str(r, "name", &len);
	p[0] = (struct dbparam)DBP_TEXT(name, len);
	p[1] = (struct dbparam)DBP_INT(r->ids[2]);
	p[2] = (struct dbparam)DBP_INT(r->ids[1]);
	if (db_exec(r->db, STMT_CLUSTER_RENAME, p, 3, NULL, NULL) < 0)
		return db_unavailable(r);
	bump(r);
	return api_ideas_list(r);
}

int
api_cluster_delete(struct request *r)
{
	struct dbparam	 p[2] = { DBP_INT(r->ids[2]), DBP_INT(r->ids[1]) };
	int		 rc;

	if ((rc = brainstorm_of(r)) != 1)
		return rc;
	if ((rc = db_exec(r->db, STMT_CLUSTER_DELETE, p, 2, NULL, NULL)) < 0)
		return db_unavailable(r);
	if (rc == 0)
		return resp_error(r, 404, "not_found", "no such cluster");
	bump(r);
	r->resp.status = 204;
	return 204;
}

int
api_cluster_merge(struct request *r)
{
	struct dbparam	 p[3];
	long long	 into;
	int		 rc;

	if ((rc = fields_check(r, into_fields, 1)) != 0 ||
	    (rc = brainstorm_of(r)) != 1)
		return rc;
	(void)field_int(r, "into", &into);
	if ((rc = cluster_of(r, r->ids[2])) != 1)
		return rc < 0 ? r->resp.status : resp_error(r, 404,
		    "not_found", "no such cluster");
	if (into == r->ids[2] || (rc = cluster_of(r, into)) != 1)
		return rc < 0 ? r->resp.status : resp_error(r, 422,
		    "invalid_field", "into must be another cluster of this "
		    "round");
	if (db_begin(r->db) != 0)
		return db_unavailable(r);
	p[0] = (struct dbparam)DBP_INT(into);
	p[1] = (struct dbparam)DBP_INT(r->ids[2]);
	p[2] = (struct dbparam)DBP_INT(r->ids[1]);
	if (db_exec(r->db, STMT_CLUSTER_MOVE, p, 3, NULL, NULL) < 0 ||
	    db_exec(r->db, STMT_CLUSTER_DELETE, p + 1, 2, NULL, NULL) != 1 ||
	    db_commit(r->db) != 0) {
		db_rollback(r->db);
		return db_unavailable(r);
	}
	bump(r);
	return api_ideas_list(r);
}
