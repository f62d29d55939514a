/* SPDX-License-Identifier: ISC */
/*
 * api_round.c: the routes of a session's agenda, for its facilitator
 * and those who run it with them (P4, P8; another account's ids are
 * 404; a moderator reads the agenda and the results and hides cloud
 * entries, member.c):
 *	GET    /api/sessions/{id}/rounds			the agenda
 *	POST   /api/sessions/{id}/rounds			add a round
 *	DELETE /api/sessions/{id}/rounds/{id}			remove one
 *	POST   /api/sessions/{id}/rounds/{id}/move		up or down
 *	POST   /api/sessions/{id}/rounds/{id}/open|close|reveal|hide
 *	GET    /api/sessions/{id}/rounds/{id}/results		live results
 *	PATCH  /api/sessions/{id}/rounds/{id}			edit it (roundedit.c)
 *	GET    /api/round-types				the types (anyone)
 * Each handler checks the body, calls the domain (agenda.c) and writes
 * the answer.  Participants' routes are api_answer.c's, downloads
 * api_export.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "banned.h"

/* Answers {"rounds": [...]}: the agenda of session {id}. */
static int
rounds_reply(struct request *r)
{
	struct round	*v;
	struct jw	*w;
	size_t		 i, n;
	int		 rc;

	if ((rc = resp_session_role(r, MEMBER_MODERATOR)) != 1)
		return rc;
	if (agenda_list(r->db, r->ids[0], &v, &n) != OUT_OK)
		return db_unavailable(r);
	w = resp_json(r, 200);
	jw_obj(w);
	jw_key(w, "rounds");
	jw_arr(w);
	for (i = 0; i < n; i++) {
		jw_obj(w);
		round_write(w, &v[i]);
		jw_end(w);
	}
	jw_end(w);
	jw_end(w);
	rounds_free(v, n);
	return resp_done(r, w);
}

/* Answers {"round": {...}}: round {id} of session {id}. */
static int
round_reply(struct request *r, int status)
{
	struct why	 why = { NULL, "", 0 };
	struct round	 rd;
	struct jw	*w;
	enum outcome	 o;

	if ((o = agenda_round(r->db, r->ids[0], r->ids[1], &rd, &why)) !=
	    OUT_OK)
		return resp_outcome(r, o, &why);
	w = resp_json(r, status);
	jw_obj(w);
	jw_key(w, "round");
	jw_obj(w);
	round_write(w, &rd);
	jw_end(w);
	jw_end(w);
	round_release(&rd);
	return resp_done(r, w);
}

/* The audit event of a change to round {id}. */
static void
round_audit(struct request *r, const char *what)
{
	char	 target[64];

	xsnprintf(target, sizeof(target), "session:%lld round:%lld",
	    r->ids[0], r->ids[1]);
	audit(r, what, r->auth.account_id, target, "ok");
}

int
api_rounds_list(struct request *r)
{
	return rounds_reply(r);
}

int
api_round_create(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;
	long long	 id;
	int		 rc;

	if ((rc = resp_session_role(r, MEMBER_COFACILITATOR)) != 1 ||
	    (rc = fields_check(r, round_fields, round_nfields)) != 0)
		return rc;
	/* A quiz's correct options by place, checked before it is made. */
	if ((o = quiz_places_check(r->json, &why)) != OUT_OK ||
	    (o = round_create(r->db, r->ids[0], r->json, &id, &why)) !=
	    OUT_OK || (o = quiz_places_mark(r->db, r->ids[0], id, r->json,
	    &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	r->ids[1] = id;
	return round_reply(r, 201);
}

int
api_round_delete(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;
	int		 rc;

	if ((rc = resp_session_role(r, MEMBER_COFACILITATOR)) != 1)
		return rc;
	if ((o = round_delete(r->db, r->ids[0], r->ids[1], &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	r->resp.status = 204;
	return 204;
}

static const struct field move_fields[] = {
	{ "direction", FT_STRING, 1, 2, 4 },
};

/*
 * POST .../rounds/{id}/move {"direction": "up" | "down"}: the round
 * swaps places with the one before or after it.  At the top (bottom)
 * already: 409.  Answers with the agenda.
 */
int
api_round_move(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	const char	*dir;
	enum outcome	 o;
	int		 rc;

	if ((rc = fields_check(r, move_fields,
	    sizeof(move_fields) / sizeof(move_fields[0]))) != 0)
		return rc;
	dir = field_str(r, "direction", NULL);
	if (strcmp(dir, "up") != 0 && strcmp(dir, "down") != 0)
		return resp_error(r, 422, "invalid_field",
		    "direction is up or down");
	if ((o = round_move(r->db, r->ids[0], r->auth.account_id, r->ids[1],
	    dir[0] == 'u', &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	return rounds_reply(r);
}

/* Moves round {id} to state (open, closed). */
static int
set_state(struct request *r, const char *state)
{
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;
	int		 rc;

	if ((rc = resp_session_role(r, MEMBER_COFACILITATOR)) != 1)
		return rc;
	if ((o = round_set_state(r->db, r->ids[0], r->ids[1], state,
	    &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	round_audit(r, strcmp(state, "open") == 0 ? "round_opened" :
	    "round_closed");
	return round_reply(r, 200);
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
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;
	int		 rc;

	if ((rc = resp_session_role(r, MEMBER_COFACILITATOR)) != 1)
		return rc;
	if ((o = round_set_revealed(r->db, r->ids[0], r->ids[1], revealed,
	    &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	return round_reply(r, 200);
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
	struct why	 why = { NULL, "", 0 };
	struct round	 rd;
	struct jw	*w;
	enum outcome	 o;
	int		 rc;

	if ((rc = resp_session_role(r, MEMBER_MODERATOR)) != 1)
		return rc;
	if ((o = agenda_round(r->db, r->ids[0], r->ids[1], &rd, &why)) !=
	    OUT_OK)
		return resp_outcome(r, o, &why);
	xsnprintf(r->resp.etag, sizeof(r->resp.etag), "\"r%lldv%lld\"",
	    rd.id, rd.version);
	if (etag_matches(r)) {
		round_release(&rd);
		return 304;
	}
	w = resp_json(r, 200);
	jw_obj(w);
	jw_key(w, "round");
	jw_obj(w);
	round_write(w, &rd);
	if (round_results_write(r->db, w, &rd, 1) != OUT_OK) {
		jw_free(w);
		round_release(&rd);
		r->resp.etag[0] = '\0';
		return db_unavailable(r);
	}
	jw_end(w);
	jw_end(w);
	round_release(&rd);
	return resp_done(r, w);
}

static const struct field cloud_fields[] = {
	{ "entry", FT_STRING, 1, 1, CLOUD_ENTRY_MAX },
	{ "hidden", FT_BOOL, 1, 0, 0 },
};

/*
 * POST .../cloud {"entry", "hidden"}: hides an entry of the round's word
 * cloud from the participants and the projector, or shows it again
 * (cloudhide.c).  Answers {"entry": its normal form, "hidden"}.
 */
int
api_round_cloud(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	const char	*e;
	char		*norm;
	size_t		 len, n;
	int		 rc, hidden;
	enum outcome	 o;
	struct jw	*w;

	if ((rc = fields_check(r, cloud_fields, 2)) != 0 ||
	    (rc = resp_session_role(r, MEMBER_MODERATOR)) != 1)
		return rc;
	e = field_str(r, "entry", &len);
	hidden = jv_bool(jv_get(r->json, "hidden"));
	if ((o = cloud_set_hidden(r->db, r->ids[0], r->ids[1], e, len,
	    hidden, &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	norm = cloud_normalize(e, len, &n);
	w = resp_json(r, 200);
	jw_obj(w);
	jw_key(w, "entry");
	jw_strn(w, norm, n);
	jw_kbool(w, "hidden", hidden);
	jw_end(w);
	free(norm);
	return resp_done(r, w);
}

/*
 * GET /api/round-types: the round types of round.c's table, in order,
 * with the options each needs and the settings it uses, so that the
 * pages keep no list of their own.  Anyone may ask: nothing is secret.
 */
int
api_round_types(struct request *r)
{
	struct jw	*w;

	w = resp_json(r, 200);
	jw_obj(w);
	jw_key(w, "round_types");
	rtypes_write(w);
	jw_end(w);
	return resp_done(r, w);
}

/*
 * The fields of an edit: those of a new round but the placement and the
 * feed, options and criteria as objects (roundedit.c checks them), and
 * confirm_remove.
 */
static const struct field update_fields[] = {
	{ "type", FT_STRING, 0, 1, 16 },
	{ "title", FT_STRING, 0, 1, 300 },
	{ "options", FT_LIST, 0, 0, 100 },
	{ "criteria", FT_LIST, 0, 0, 100 },
	{ "min_picks", FT_INT, 0, 1, 100 },
	{ "max_picks", FT_INT, 0, 1, 100 },
	{ "scale_max", FT_INT, 0, 5, 10 },
	{ "no_opinion", FT_BOOL, 0, 0, 0 },
	{ "top_n", FT_INT, 0, 0, 100 },
	{ "budget", FT_INT, 0, 1, 1000 },
	{ "max_per_option", FT_INT, 0, 0, 1000 },
	{ "max_length", FT_INT, 0, 1, 1000 },
	{ "open_wall", FT_BOOL, 0, 0, 0 },
	{ "label_low", FT_STRING, 0, 1, 60 },
	{ "label_high", FT_STRING, 0, 1, 60 },
	{ "participants_cluster", FT_BOOL, 0, 0, 0 },
	{ "projector_results", FT_STRING, 0, 4, 6 },
	{ "session_wide", FT_BOOL, 0, 0, 0 },
	{ "time_limit", FT_INT, 0, 0, 3600 },
	{ "speed_bonus", FT_INT, 0, 0, 1000 },
	{ "confirm_remove", FT_BOOL, 0, 0, 0 },
};

/*
 * PATCH /api/sessions/{id}/rounds/{id}: changes the round's title,
 * options ([{"id", "label"}], the whole list: an entry without "id" is
 * new, an option left out is removed), criteria ([{"id", "name"}]),
 * settings and projector_results; what is absent stays.  Once the round
 * has answers only the wording may change (roundedit.c): 409 has_answers,
 * option_has_answers (without confirm_remove).  Answers with the round.
 */
int
api_round_update(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	struct round	 rd;
	enum outcome	 o;
	int		 rc;

	if ((rc = resp_session_role(r, MEMBER_COFACILITATOR)) != 1 ||
	    (rc = fields_check(r, update_fields,
	    sizeof(update_fields) / sizeof(update_fields[0]))) != 0)
		return rc;
	if ((o = agenda_round(r->db, r->ids[0], r->ids[1], &rd, &why)) !=
	    OUT_OK)
		return resp_outcome(r, o, &why);
	o = round_edit(r->db, r->ids[0], &rd, r->json, &why);
	round_release(&rd);
	if (o != OUT_OK)
		return resp_outcome(r, o, &why);
	round_audit(r, "round_edited");
	return round_reply(r, 200);
}
