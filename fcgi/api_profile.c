/* SPDX-License-Identifier: ISC */
/*
 * api_profile.c: the routes of profile questions and results by group
 * (the domain is profile.c, the computing groups.c):
 *	GET  /api/sessions/{id}/profile			questions, minimum
 *	PUT  /api/sessions/{id}/profile			set them
 *	PUT  /api/sessions/{id}/group-view		the projector's view
 *	GET  /api/sessions/{id}/rounds/{id}/groups	results per group
 *	GET  /api/participant/profile			what a phone asks
 *	POST /api/participant/profile			one answer
 * The facilitator's are checked with session_owned() (another account's
 * ids are 404), the participants' by their token (route.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "banned.h"

/* Answers {"profile": {...}} of session {id}, with status. */
static int
profile_reply(struct request *r, int status)
{
	struct profile	 pf;
	struct jw	*w;
	int		 locked;

	if (profile_load(r->db, r->ids[0], &pf) != OUT_OK ||
	    (locked = profile_locked(r->db, r->ids[0])) < 0) {
		profile_release(&pf);
		return db_unavailable(r);
	}
	w = resp_json(r, status);
	jw_obj(w);
	jw_key(w, "profile");
	jw_obj(w);
	profile_write(w, &pf, locked);
	jw_end(w);
	jw_end(w);
	profile_release(&pf);
	return resp_done(r, w);
}

int
api_profile_get(struct request *r)
{
	int	 rc;

	if ((rc = resp_session_role(r, MEMBER_COFACILITATOR)) != 1)
		return rc;
	return profile_reply(r, 200);
}

static const struct field profile_fields[] = {
	{ "questions", FT_LIST, 0, 0, PROFILE_QUESTIONS_MAX },
	{ "group_min", FT_INT, 0, PROFILE_MIN_LOW, PROFILE_MIN_HIGH },
};

/*
 * PUT .../profile {"questions": [{"text", "answers": [...]}],
 * "group_min"}: either or both; answers the profile as GET does.
 */
int
api_profile_set(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;
	int		 rc;

	if ((rc = fields_check(r, profile_fields, 2)) != 0 ||
	    (rc = resp_session_role(r, MEMBER_COFACILITATOR)) != 1)
		return rc;
	if ((o = profile_set(r->db, r->ids[0], r->json, &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	return profile_reply(r, 200);
}

static const struct field view_fields[] = {
	{ "question", FT_INT, 0, 1, INT64_MAX },
	{ "mode", FT_STRING, 0, 4, 9 },
	{ "highlight", FT_INT, 0, 1, INT64_MAX },
};

/* PUT .../group-view {"question", "mode", "highlight"}: the projector's. */
int
api_group_view(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;
	int		 rc;

	if ((rc = fields_check(r, view_fields, 3)) != 0 ||
	    (rc = resp_session_role(r, MEMBER_COFACILITATOR)) != 1)
		return rc;
	if ((o = profile_view_set(r->db, r->ids[0], r->json, &why)) !=
	    OUT_OK)
		return resp_outcome(r, o, &why);
	return profile_reply(r, 200);
}

/*
 * GET .../rounds/{id}/groups[?question=ID]: the round's results per
 * group of the question (the first if none is named), and the
 * cross-group view: {"round": id, "groups": {...}}; "groups" is null
 * when the session asks no profile questions.
 */
int
api_round_groups(struct request *r)
{
	struct why		 why = { NULL, "", 0 };
	struct profile		 pf;
	const struct pquestion	*q;
	const struct kv		*qv;
	struct round		 rd;
	struct jw		*w;
	long long		 qid = 0;
	enum outcome		 o;
	int			 rc;

	if ((rc = resp_session_role(r, MEMBER_COFACILITATOR)) != 1)
		return rc;
	if ((o = agenda_round(r->db, r->ids[0], r->ids[1], &rd, &why)) !=
	    OUT_OK)
		return resp_outcome(r, o, &why);
	if (profile_load(r->db, r->ids[0], &pf) != OUT_OK) {
		round_release(&rd);
		return db_unavailable(r);
	}
	qv = kvlist_get(&r->query, "question");
	if (qv != NULL && parse_int(qv->val, qv->vallen, 1, INT64_MAX,
	    &qid) != 0) {
		rc = resp_error(r, 400, "invalid_query", "question must be "
		    "the id of a profile question");
		goto out;
	}
	q = qid > 0 ? profile_question(&pf, qid) : pf.nq > 0 ? &pf.q[0] :
	    NULL;
	if (q == NULL && qid > 0) {
		rc = resp_error(r, 404, "not_found", "this session has no "
		    "such profile question");
		goto out;
	}
	if (q == NULL) {
		/* No questions, no groups: nothing to show, not an error. */
		w = resp_json(r, 200);
		jw_obj(w);
		jw_kint(w, "round", rd.id);
		jw_key(w, "groups");
		jw_null(w);
		jw_end(w);
		rc = resp_done(r, w);
		goto out;
	}
	if (!profile_groups_apply(&rd)) {
		rc = resp_error(r, 422, "no_groups", "the results of this "
		    "round are texts or ideas: they are not shown by group");
		goto out;
	}
	w = resp_json(r, 200);
	jw_obj(w);
	jw_kint(w, "round", rd.id);
	if (profile_groups_write(r->db, w, &rd, &pf, q) != OUT_OK) {
		jw_free(w);
		rc = db_unavailable(r);
		goto out;
	}
	jw_end(w);
	rc = resp_done(r, w);
out:
	profile_release(&pf);
	round_release(&rd);
	return rc;
}

/* Answers {"questions": [...]}: the participant's, theirs marked. */
static int
mine_reply(struct request *r)
{
	struct jw	*w;

	w = resp_json(r, 200);
	jw_obj(w);
	if (profile_mine_write(r->db, w, &r->part) != OUT_OK) {
		jw_free(w);
		return db_unavailable(r);
	}
	jw_end(w);
	return resp_done(r, w);
}

/* GET /api/participant/profile: what the phone asks at join. */
int
api_participant_profile(struct request *r)
{
	return mine_reply(r);
}

static const struct field give_fields[] = {
	{ "question", FT_INT, 1, 1, INT64_MAX },
	{ "answer", FT_INT, 0, 1, INT64_MAX },
};

/*
 * POST /api/participant/profile {"question", "answer"} (null: rather
 * not say): answers as GET does.
 */
int
api_participant_profile_give(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;
	int		 rc;

	if ((rc = fields_check(r, give_fields, 2)) != 0)
		return rc;
	if ((o = profile_give(r->db, &r->part, r->json, &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	return mine_reply(r);
}
