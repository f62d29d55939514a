/* SPDX-License-Identifier: ISC */
/*
 * api_idea.c: the routes of moderating and clustering a brainstorm's
 * ideas, and of hiding an open question's answers, for the session's
 * facilitator (P4: another account's ids are 404) and those who run it
 * with them: a moderator lists, hides, shows, merges and edits ideas,
 * renames clusters and hides answers; making, deleting and merging
 * clusters is for a co-facilitator or the owner (member.c).
 *
 *	GET    .../rounds/{id}/ideas			every idea, clusters
 *	PATCH  .../rounds/{id}/ideas/{id}		text, hidden, cluster
 *	POST   .../rounds/{id}/ideas/{id}/merge		into another idea
 *	POST   .../rounds/{id}/clusters			a new cluster
 *	PATCH  .../rounds/{id}/clusters/{id}		rename
 *	DELETE .../rounds/{id}/clusters/{id}		its ideas unclustered
 *	POST   .../rounds/{id}/clusters/{id}/merge	into another cluster
 *	PATCH  .../rounds/{id}/answers/{id}		an open answer hidden
 *	POST   .../rounds/{id}/ideas/{id}/mark		being answered, answered
 * (all under /api/sessions/{id}).  The handlers check the body, and
 * idea.c does the work.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "banned.h"

#define SESSION(r)	((r)->ids[0])
#define ROUND(r)	((r)->ids[1])

/*
 * The caller has role need in session {id} (a moderator moderates, a
 * co-facilitator or the owner also sorts into clusters) and round {id}
 * is a brainstorm of it: 1, or the status of the refusal.
 */
static int
brainstorm_of(struct request *r, enum member_role need)
{
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;

	if ((o = idea_round_as(r->db, SESSION(r), r->auth.account_id, need,
	    ROUND(r), &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	return 1;
}

/* Answers with every idea of the round and its clusters. */
static int
ideas_reply(struct request *r, int status)
{
	struct jw	*w;

	w = resp_json(r, status);
	jw_obj(w);
	if (idea_list_write(r->db, w, ROUND(r)) != OUT_OK) {
		jw_free(w);
		return db_unavailable(r);
	}
	jw_end(w);
	return resp_done(r, w);
}

/* Answers a change's outcome: the ideas, or the refusal. */
static int
changed(struct request *r, enum outcome o, const struct why *why, int status)
{
	if (o != OUT_OK)
		return resp_outcome(r, o, why);
	return ideas_reply(r, status);
}

int
api_ideas_list(struct request *r)
{
	int	 rc;

	if ((rc = brainstorm_of(r, MEMBER_MODERATOR)) != 1)
		return rc;
	return ideas_reply(r, 200);
}

static const struct field idea_patch[] = {
	{ "text", FT_STRING, 0, 1, 1000 },
	{ "hidden", FT_BOOL, 0, 0, 0 },
	{ "cluster", FT_INT, 0, 1, INT64_MAX },
};

int
api_idea_update(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	struct idea_edit e;
	const struct jv	*cl;
	int		 rc;

	if ((rc = fields_check(r, idea_patch, 3)) != 0 ||
	    (rc = brainstorm_of(r, MEMBER_MODERATOR)) != 1)
		return rc;
	memset(&e, 0, sizeof(e));
	e.text = field_str(r, "text", &e.textlen);
	e.hidden = jv_bool(jv_get(r->json, "hidden"));
	if ((cl = jv_get(r->json, "cluster")) != NULL) {
		e.cluster_set = 1;
		if (jv_type(cl) == JV_NULL || jv_int(cl, &e.cluster) != 0)
			e.cluster = 0;
	}
	return changed(r, idea_update(r->db, SESSION(r), ROUND(r), r->ids[2],
	    &e, &why), &why, 200);
}

static const struct field into_fields[] = {
	{ "into", FT_INT, 1, 1, INT64_MAX },
};

int
api_idea_merge(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	long long	 into;
	int		 rc;

	if ((rc = fields_check(r, into_fields, 1)) != 0 ||
	    (rc = brainstorm_of(r, MEMBER_MODERATOR)) != 1)
		return rc;
	(void)field_int(r, "into", &into);
	return changed(r, idea_merge(r->db, SESSION(r), ROUND(r), r->ids[2],
	    into, &why), &why, 200);
}

static const struct field mark_fields[] = {
	{ "mark", FT_STRING, 1, 1, 16 },
};

/*
 * POST .../ideas/{id}/mark {"mark": "answering", "answered" or "none"}
 * (ideamark.c): answers with every idea, as a change of the board.
 */
int
api_idea_mark(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	const char	*s;
	size_t		 len;
	int		 mark, rc;

	if ((rc = fields_check(r, mark_fields, 1)) != 0 ||
	    (rc = brainstorm_of(r, MEMBER_MODERATOR)) != 1)
		return rc;
	s = field_str(r, "mark", &len);
	if ((mark = results_mark_parse(s, len)) == -1)
		return resp_error(r, 422, "invalid_field", "mark must be "
		    "\"answering\", \"answered\" or \"none\"");
	return changed(r, idea_mark(r->db, SESSION(r), ROUND(r), r->ids[2],
	    mark, &why), &why, 200);
}

static const struct field name_fields[] = {
	{ "name", FT_STRING, 1, 1, 200 },
};

int
api_cluster_create(struct request *r)
{
	const char	*name;
	size_t		 len;
	int		 rc;

	if ((rc = fields_check(r, name_fields, 1)) != 0 ||
	    (rc = brainstorm_of(r, MEMBER_COFACILITATOR)) != 1)
		return rc;
	name = field_str(r, "name", &len);
	return changed(r, idea_cluster_create(r->db, SESSION(r), ROUND(r),
	    name, len), NULL, 201);
}

int
api_cluster_rename(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	const char	*name;
	size_t		 len;
	int		 rc;

	if ((rc = fields_check(r, name_fields, 1)) != 0 ||
	    (rc = brainstorm_of(r, MEMBER_MODERATOR)) != 1)
		return rc;
	name = field_str(r, "name", &len);
	return changed(r, idea_cluster_rename(r->db, SESSION(r), ROUND(r),
	    r->ids[2], name, len, &why), &why, 200);
}

int
api_cluster_delete(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;
	int		 rc;

	if ((rc = brainstorm_of(r, MEMBER_COFACILITATOR)) != 1)
		return rc;
	if ((o = idea_cluster_delete(r->db, SESSION(r), ROUND(r), r->ids[2],
	    &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	r->resp.status = 204;
	return 204;
}

int
api_cluster_merge(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	long long	 into;
	int		 rc;

	if ((rc = fields_check(r, into_fields, 1)) != 0 ||
	    (rc = brainstorm_of(r, MEMBER_COFACILITATOR)) != 1)
		return rc;
	(void)field_int(r, "into", &into);
	return changed(r, idea_cluster_merge(r->db, SESSION(r), ROUND(r),
	    r->ids[2], into, &why), &why, 200);
}

static const struct field answer_patch[] = {
	{ "hidden", FT_BOOL, 1, 0, 0 },
};

/*
 * PATCH .../rounds/{id}/answers/{id} {"hidden"}: hides an open answer
 * from the projector and the participants, or shows it again
 * (opentext.c).  Answers {"id", "hidden"}.
 */
int
api_answer_hide(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	struct jw	*w;
	enum outcome	 o;
	int		 hidden;

	if ((o = session_moderated(r->db, SESSION(r), r->auth.account_id,
	    &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	if ((hidden = fields_check(r, answer_patch, 1)) != 0)
		return hidden;
	hidden = jv_bool(jv_get(r->json, "hidden")) == 1;
	if ((o = opentext_set_hidden(r->db, SESSION(r), ROUND(r), r->ids[2],
	    hidden, &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	w = resp_json(r, 200);
	jw_obj(w);
	jw_kint(w, "id", r->ids[2]);
	jw_kbool(w, "hidden", hidden);
	jw_end(w);
	return resp_done(r, w);
}
