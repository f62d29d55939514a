/* SPDX-License-Identifier: ISC */
/*
 * api_presenter.c: the routes of presenter mode (docs/api.md,
 * "Presenter mode"):
 *	POST   /api/sessions/{id}/step		what the room sees now
 *	POST   /api/sessions/{id}/timer		start a timer, or add to it
 *	DELETE /api/sessions/{id}/timer		stop it
 *	POST   /api/sessions/{id}/projector	a new projector link
 *	GET    /api/projector/state		what the projector shows
 * The first four are the owner's (the route's login; another account's
 * session is 404); the projector's state needs no login, only the
 * token in X-Projector-Token.  Each handler checks the body, calls the
 * domain (step.c, projector.c) and writes the answer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "banned.h"

#define ORIGIN(r)	((r)->cfg->str[CFG_SITE_ORIGIN])
#define MAXAGE(r)	((r)->cfg->num[CFG_SESSION_MAX_HOURS] * 3600)

/* Answers {"step": {...}, "timer": ...} of session {id}. */
static int
step_reply(struct request *r, int timer)
{
	struct step	 st;
	struct jw	*w;
	enum outcome	 o;

	if ((o = step_load(r->db, r->ids[0], &st)) != OUT_OK)
		return resp_outcome(r, o, NULL);
	w = resp_json(r, 200);
	jw_obj(w);
	if (timer)
		step_timer_write(w, &st, 0);
	else
		step_write(w, &st);
	jw_end(w);
	return resp_done(r, w);
}

static const struct field step_fields[] = {
	{ "kind", FT_STRING, 1, 4, 5 },
	{ "round", FT_INT, 0, 1, INT64_MAX },
	{ "view", FT_STRING, 0, 6, 11 },
};

/* Returns 1 if s is one of the words of list (ending in NULL). */
static int
one_of(const char *s, const char *const *list)
{
	for (; s != NULL && *list != NULL; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

/*
 * POST /api/sessions/{id}/step {"kind": "join"|"round"|"blank",
 * "round": ID, "view": "question"|"answer"|"results"|"leaderboard"}:
 * round and view only with kind round (the view then defaults to
 * "question"); "leaderboard" shows the session's (leaderboard.c).
 */
int
api_session_step(struct request *r)
{
	static const char *const kinds[] = { "join", "round", "blank", NULL };
	static const char *const views[] = { "question", "answer", "results",
	    "leaderboard", NULL };
	struct why	 why = { NULL, "", 0 };
	const char	*kind, *view;
	long long	 round = 0;
	enum outcome	 o;
	int		 rc, isround;

	if ((rc = fields_check(r, step_fields,
	    sizeof(step_fields) / sizeof(step_fields[0]))) != 0)
		return rc;
	kind = field_str(r, "kind", NULL);
	view = field_str(r, "view", NULL);
	(void)field_int(r, "round", &round);
	if (!one_of(kind, kinds))
		return resp_error(r, 422, "invalid_field",
		    "kind must be \"join\", \"round\" or \"blank\"");
	isround = strcmp(kind, "round") == 0;
	if (isround && round == 0)
		return resp_error(r, 422, "missing_field",
		    "a step of kind round needs round");
	if (!isround && (round != 0 || view != NULL))
		return resp_error(r, 422, "invalid_field",
		    "round and view go only with kind round");
	if (view != NULL && !one_of(view, views))
		return resp_error(r, 422, "invalid_field", "view must be "
		    "\"question\", \"answer\", \"results\" or "
		    "\"leaderboard\"");
	if (isround && view == NULL)
		view = "question";
	if ((o = step_set(r->db, r->ids[0], r->auth.account_id, kind, round,
	    view, &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	return step_reply(r, 0);
}

static const struct field timer_fields[] = {
	{ "round", FT_INT, 0, 1, INT64_MAX },
	{ "seconds", FT_INT, 0, 5, 3600 },
	{ "close", FT_BOOL, 0, 0, 0 },
	{ "add", FT_INT, 0, 1, 3600 },
};

/*
 * POST /api/sessions/{id}/timer {"round": ID, "seconds": 5..3600,
 * "close": bool} starts one (replacing a timer running); {"add": N}
 * adds N seconds to the one running.  Answers {"timer": {...}}.
 */
int
api_session_timer(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	long long	 round = 0, secs = 0, add = 0;
	enum outcome	 o;
	int		 rc, close;

	if ((rc = fields_check(r, timer_fields,
	    sizeof(timer_fields) / sizeof(timer_fields[0]))) != 0)
		return rc;
	(void)field_int(r, "round", &round);
	(void)field_int(r, "seconds", &secs);
	(void)field_int(r, "add", &add);
	close = jv_bool(jv_get(r->json, "close")) == 1;
	if (add > 0 && (round != 0 || secs != 0 ||
	    jv_get(r->json, "close") != NULL))
		return resp_error(r, 422, "invalid_field",
		    "add goes alone: it changes the timer running");
	if (add == 0 && (round == 0 || secs == 0))
		return resp_error(r, 422, "missing_field",
		    "a timer needs round and seconds (or add)");
	if (add > 0)
		o = step_timer_add(r->db, r->ids[0], r->auth.account_id, add,
		    &why);
	else
		o = step_timer_start(r->db, r->ids[0], r->auth.account_id,
		    round, secs, close, &why);
	if (o != OUT_OK)
		return resp_outcome(r, o, &why);
	return step_reply(r, 1);
}

/* DELETE /api/sessions/{id}/timer: 204, whether one ran or not. */
int
api_session_timer_stop(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;

	if ((o = step_timer_stop(r->db, r->ids[0], r->auth.account_id,
	    &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	r->resp.status = 204;
	return 204;
}

/*
 * POST /api/sessions/{id}/projector: a new projector link (the old one
 * stops working).  201 {"projector_link": "SITE/projector.html#TOKEN"}.
 */
int
api_projector_link(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	struct jw	*w;
	enum outcome	 o;
	char		 link[400], target[32];

	if ((o = projector_renew(r->db, r->ids[0], r->auth.account_id,
	    ORIGIN(r), link, sizeof(link), &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	xsnprintf(target, sizeof(target), "session:%lld", r->ids[0]);
	audit(r, "projector_link", r->auth.account_id, target, "ok");
	w = resp_json(r, 201);
	jw_obj(w);
	jw_kstr(w, "projector_link", link);
	jw_end(w);
	return resp_done(r, w);
}


/*
 * GET /api/projector/state, with X-Projector-Token: what the room sees.
 * The ETag is the session's version and the step round's version with
 * its answers.  A token of a session that ended is 410 session_ended,
 * with nothing of the session (P7); an unknown or renewed one is 404.
 */
int
api_projector_state(struct request *r)
{
	struct projector pj;
	struct step	 st;
	struct jw	*w;
	enum outcome	 o;

	o = projector_find(r->db, r->projector, MAXAGE(r), &pj, &st);
	if (o == OUT_NOT_FOUND)
		return resp_error(r, 404, "not_found", "no such projector "
		    "link: it was renewed, or never made");
	if (o == OUT_ENDED)
		return resp_error(r, 410, "session_ended", "this session has "
		    "ended");
	if (o != OUT_OK)
		return db_unavailable(r);
	xsnprintf(r->resp.etag, sizeof(r->resp.etag), "\"p%lldr%lld\"",
	    pj.version, pj.tally);
	if (etag_matches(r)) {
		projector_release(&pj);
		return 304;
	}
	w = resp_json(r, 200);
	jw_obj(w);
	if (projector_session_write(w, pj.title, pj.lang, pj.code,
	    pj.participants, &st, ORIGIN(r)) == -1) {
		jw_free(w);
		projector_release(&pj);
		r->resp.etag[0] = '\0';
		return resp_error(r, 500, "internal_error", "no QR code");
	}
	step_write(w, &st);
	step_timer_write(w, &st, 0);
	/* The clock the page reads the live document's timer by. */
	jw_kint(w, "server_time_ms", wall_ms());
	if (projector_round_write(r->db, w, pj.session, &st) != OUT_OK) {
		jw_free(w);
		projector_release(&pj);
		r->resp.etag[0] = '\0';
		return db_unavailable(r);
	}
	jw_end(w);
	projector_release(&pj);
	return resp_done(r, w);
}
