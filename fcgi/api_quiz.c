/* SPDX-License-Identifier: ISC */
/*
 * api_quiz.c: the facilitator's routes of scored rounds (a quiz): the
 * options marked correct, and the session's leaderboard and whether the
 * room sees it.  Validate, call leaderboard.c, write JSON.  The session
 * is checked with session_owned() (whoever may run it), never with an
 * account condition of our own.
 *
 *	GET	/api/sessions/{id}/rounds/{id}/correct	{"correct": [id]}
 *	PUT	/api/sessions/{id}/rounds/{id}/correct	{"correct": [id]}
 *	GET	/api/sessions/{id}/leaderboard		{"leaderboard": ..}
 *	PATCH	/api/sessions/{id}/leaderboard		{"hidden": bool}
 */
#include <stdio.h>
#include <string.h>

#include "extern.h"
#include "banned.h"

/* Answers {"correct": [...]} of round {id}, which is the session's. */
static int
correct_reply(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	struct round	 rd;
	struct jw	*w;
	enum outcome	 o;

	if ((o = agenda_round(r->db, r->ids[0], r->ids[1], &rd, &why)) !=
	    OUT_OK)
		return resp_outcome(r, o, &why);
	round_release(&rd);
	w = resp_json(r, 200);
	jw_obj(w);
	if (quiz_correct_write(r->db, w, r->ids[1]) != OUT_OK) {
		jw_free(w);
		return db_unavailable(r);
	}
	jw_end(w);
	return resp_done(r, w);
}

int
api_correct_get(struct request *r)
{
	int	 rc;

	if ((rc = resp_session_role(r, MEMBER_COFACILITATOR)) != 1)
		return rc;
	return correct_reply(r);
}

static const struct field correct_fields[] = {
	{ "correct", FT_LIST, 1, 0, 100 },
};

int
api_correct_set(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;
	int		 rc;

	if ((rc = resp_session_role(r, MEMBER_COFACILITATOR)) != 1)
		return rc;
	if ((rc = fields_check(r, correct_fields,
	    sizeof(correct_fields) / sizeof(correct_fields[0]))) != 0)
		return rc;
	if ((o = quiz_correct_set(r->db, r->ids[0], r->ids[1],
	    jv_get(r->json, "correct"), &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	return correct_reply(r);
}

/* Answers the whole leaderboard of session {id}, hidden or not. */
static int
board_reply(struct request *r)
{
	struct board	 b;
	struct jw	*w;

	board_init(&b);
	if (leaderboard_load(r->db, r->ids[0], &b) != OUT_OK) {
		board_release(&b);
		return db_unavailable(r);
	}
	w = resp_json(r, 200);
	jw_obj(w);
	jw_kbool(w, "hidden", b.hidden != 0);
	leaderboard_write(w, &b, BOARD_OWNER);
	jw_end(w);
	board_release(&b);
	return resp_done(r, w);
}

int
api_leaderboard_get(struct request *r)
{
	int	 rc;

	if ((rc = resp_session_role(r, MEMBER_COFACILITATOR)) != 1)
		return rc;
	return board_reply(r);
}

static const struct field board_fields[] = {
	{ "hidden", FT_BOOL, 1, 0, 0 },
};

int
api_leaderboard_set(struct request *r)
{
	int	 rc;

	if ((rc = resp_session_role(r, MEMBER_COFACILITATOR)) != 1)
		return rc;
	if ((rc = fields_check(r, board_fields,
	    sizeof(board_fields) / sizeof(board_fields[0]))) != 0)
		return rc;
	if (leaderboard_set_hidden(r->db, r->ids[0],
	    jv_bool(jv_get(r->json, "hidden")) == 1) != OUT_OK)
		return db_unavailable(r);
	return board_reply(r);
}
