/* SPDX-License-Identifier: ISC */
/*
 * api_answer.c: the routes of what participants send (P8), by their
 * token (participant_authenticate() set r->part):
 *	POST /api/participant/rounds/{id}/answer		one response
 *	POST /api/participant/rounds/{id}/ideas			a brainstorm idea
 *	POST /api/participant/rounds/{id}/clusters		a new cluster
 *	POST /api/participant/rounds/{id}/ideas/{id}/cluster	group an idea
 *	GET, PATCH, DELETE .../rounds/{id}/ideas[/{id}]		their own ideas
 *	POST, DELETE .../rounds/{id}/ideas/{id}/like		a like
 * Each handler checks the body, calls the domain (answer.c) and writes
 * the answer.  The first checks the token itself (route.c lets it), in
 * the statement that stores the answer: one round trip less.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "banned.h"

/* The participant's cookie, as api_participant.c reads it. */
#define PART_COOKIE	"__Host-pf_part"
#define PART_MAXAGE(r)	((r)->cfg->num[CFG_SESSION_MAX_HOURS] * 3600)

/*
 * The hot path, whose route checks no token first (route.c): the body
 * goes to round_validate() as it came, and answer_quick() checks the
 * token in the statement that stores the answer.  What that does not
 * decide takes the full path: the token's check, which answers 401 or
 * 503 as on every participant route, then answer_store(), with every
 * refusal it gives.  (Handlers call no handler: the check is
 * participant.c's, as participant_authenticate() makes it.)
 */
int
api_round_answer(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	struct answers	 kept;
	const struct kv	*ck;
	struct jw	*w;
	unsigned char	 h[32];
	enum outcome	 o = OUT_UNAUTHENTICATED;
	size_t		 i;
	int		 changed = 0, token;

	memset(&kept, 0, sizeof(kept));
	ck = kvlist_get(&r->cookies, PART_COOKIE);
	if ((token = ck != NULL && ck->vallen == 64)) {
		sha256(ck->val, ck->vallen, h);
		o = answer_quick(r->db, h, PART_MAXAGE(r), r->ids[0], r->slot,
		    r->json, &changed, &kept);
	}
	if (o == OUT_CONFLICT || o == OUT_UNAUTHENTICATED) {
		/* The check of participant_authenticate(), its 401. */
		if (token)
			o = participant_who(r->db, h, PART_MAXAGE(r),
			    &r->part);
		if (o == OUT_UNAUTHENTICATED && token &&
		    participant_was_removed(r->db, h) == 1)
			why_set(&why, "removed", "you were removed from this "
			    "session");
		else if (o == OUT_UNAUTHENTICATED)
			why_set(&why, "session_ended", "this session has "
			    "ended, or you are no longer in it");
		else if (o == OUT_OK)
			o = answer_store(r->db, &r->part, r->ids[0], r->slot,
			    r->json, &changed, &kept, &why);
	}
	if (o != OUT_OK) {
		answers_release(&kept);
		return resp_outcome(r, o, &why);
	}
	/*
	 * What was stored, as the participant's state has it: the page
	 * keeps its own answers from here (the room's document has none).
	 */
	w = resp_json(r, changed ? 200 : 201);
	jw_obj(w);
	jw_kstr(w, "status", changed ? "changed" : "saved");
	jw_key(w, "answer");
	jw_arr(w);
	for (i = 0; i < kept.n; i++) {
		jw_obj(w);
		jw_kint(w, "option", kept.a[i].option);
		if (kept.a[i].criterion > 0)
			jw_kint(w, "criterion", kept.a[i].criterion);
		jw_kint(w, "value", kept.a[i].value);
		jw_end(w);
	}
	jw_end(w);
	if (kept.text != NULL) {
		jw_key(w, "text");
		jw_strn(w, kept.text, kept.textlen);
	}
	jw_end(w);
	answers_release(&kept);
	return resp_done(r, w);
}

static const struct field idea_fields[] = {
	{ "text", FT_STRING, 1, 1, 1000 },
};
/*
 * A new idea: "named" true puts the asker's name on it, in a session
 * that names people (a Q&A's question not asked anonymously); else
 * nobody's.
 */
static const struct field ask_fields[] = {
	{ "text", FT_STRING, 1, 1, 1000 },
	{ "named", FT_BOOL, 0, 0, 0 },
};

int
api_round_idea(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	const char	*text;
	enum outcome	 o;
	size_t		 len;
	int		 rc;

	if ((rc = fields_check(r, ask_fields, 2)) != 0)
		return rc;
	text = field_str(r, "text", &len);
	if ((o = answer_idea(r->db, &r->part, r->ids[0], text, len,
	    jv_bool(jv_get(r->json, "named")) == 1, &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	return resp_json_status(r, 201, "saved");
}

static const struct field pcluster_fields[] = {
	{ "name", FT_STRING, 1, 1, 200 },
};

int
api_part_cluster_create(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	struct jw	*w;
	const char	*name;
	enum outcome	 o;
	size_t		 len;
	long long	 id;
	int		 rc;

	if ((rc = fields_check(r, pcluster_fields, 1)) != 0)
		return rc;
	name = field_str(r, "name", &len);
	if ((o = answer_cluster_create(r->db, &r->part, r->ids[0], name, len,
	    &id, &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	w = resp_json(r, 201);
	jw_obj(w);
	jw_kint(w, "id", id);
	jw_end(w);
	(void)resp_done(r, w);
	return 201;
}

static const struct field pmove_fields[] = {
	{ "cluster", FT_INT, 0, 1, INT64_MAX },
};

int
api_part_idea_cluster(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;
	long long	 cid = 0;
	int		 rc;

	if ((rc = fields_check(r, pmove_fields, 1)) != 0)
		return rc;
	if (field_int(r, "cluster", &cid) != 0)
		cid = 0;
	if ((o = answer_idea_cluster(r->db, &r->part, r->ids[0], r->ids[1],
	    cid, &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	return resp_json_status(r, 200, "moved");
}

/*
 * GET /api/participant/rounds/{id}/ideas: the participant's own ideas
 * of a brainstorm, {"ideas": [{"id", "text", "hidden"}]} (wall.c).
 */
int
api_part_ideas(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	struct jw	*w;
	enum outcome	 o;

	w = resp_json(r, 200);
	jw_obj(w);
	if ((o = wall_mine_write(r->db, &r->part, r->ids[0], w, &why)) !=
	    OUT_OK) {
		jw_free(w);
		return resp_outcome(r, o, &why);
	}
	jw_end(w);
	return resp_done(r, w);
}

/* PATCH /api/participant/rounds/{id}/ideas/{id} {"text"}: mends one. */
int
api_part_idea_edit(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	const char	*text;
	enum outcome	 o;
	size_t		 len;
	int		 rc;

	if ((rc = fields_check(r, idea_fields, 1)) != 0)
		return rc;
	text = field_str(r, "text", &len);
	if ((o = wall_idea_change(r->db, &r->part, r->ids[0], r->ids[1],
	    text, len, &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	return resp_json_status(r, 200, "changed");
}

/* DELETE /api/participant/rounds/{id}/ideas/{id}: takes one back. */
int
api_part_idea_delete(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;

	if ((o = wall_idea_change(r->db, &r->part, r->ids[0], r->ids[1],
	    NULL, 0, &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	r->resp.status = 204;
	return 204;
}

/*
 * POST and DELETE /api/participant/rounds/{id}/ideas/{id}/like: a like
 * of an idea on an open wall with upvotes, or taking it back (wall.c).
 * Answers {"status": "liked"} or {"status": "unliked"}, also when
 * nothing changed (a second like).
 */
static int
like(struct request *r, int on)
{
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;

	if ((o = wall_like(r->db, &r->part, r->ids[0], r->ids[1], on,
	    &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	return resp_json_status(r, 200, on ? "liked" : "unliked");
}

int
api_part_like(struct request *r)
{
	return like(r, 1);
}

int
api_part_unlike(struct request *r)
{
	return like(r, 0);
}
