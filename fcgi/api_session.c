/* SPDX-License-Identifier: ISC */
/*
 * api_session.c: the routes of a facilitator's sessions (P4, P6, P7):
 * prepare (create, read, edit, duplicate, delete), start with a new join
 * code, lock, remove a participant, stop, and the live state the console
 * polls.  Each handler checks the body, calls the domain (session.c) and
 * writes the answer; another account's session is "not found" (404).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "banned.h"

#define ORIGIN(r)	((r)->cfg->str[CFG_SITE_ORIGIN])

/* Answers with one session and its teams. */
static int
session_reply(struct request *r, int status, long long id)
{
	struct why	 why = { NULL, "", 0 };
	struct jw	*w;
	enum outcome	 o;

	w = resp_json(r, status);
	jw_obj(w);
	if ((o = session_json(r->db, w, id, r->auth.account_id, ORIGIN(r),
	    &why)) != OUT_OK) {
		jw_free(w);
		return resp_outcome(r, o, &why);
	}
	jw_end(w);
	return resp_done(r, w);
}

int
api_sessions_list(struct request *r)
{
	struct session	*s, *sh;
	struct jw	*w;
	size_t		 i, n, nsh;

	if (session_list(r->db, r->auth.account_id, &s, &n) != OUT_OK)
		return db_unavailable(r);
	if (session_list_shared(r->db, r->auth.account_id, &sh, &nsh) !=
	    OUT_OK) {
		sessions_free(s, n);
		return db_unavailable(r);
	}
	w = resp_json(r, 200);
	jw_obj(w);
	jw_key(w, "sessions");
	jw_arr(w);
	for (i = 0; i < n; i++) {
		jw_obj(w);
		session_write(w, &s[i], ORIGIN(r));
		jw_end(w);
	}
	jw_end(w);
	/* Those shared with the caller, each with the caller's role. */
	jw_key(w, "shared");
	jw_arr(w);
	for (i = 0; i < nsh; i++) {
		jw_obj(w);
		session_write(w, &sh[i], ORIGIN(r));
		jw_end(w);
	}
	jw_end(w);
	jw_end(w);
	sessions_free(s, n);
	sessions_free(sh, nsh);
	return resp_done(r, w);
}

static const struct field create_fields[] = {
	{ "title", FT_STRING, 1, 1, 200 },
	{ "description", FT_STRING, 0, 0, 2000 },
	{ "language", FT_STRING, 0, 2, 2 },
	{ "named", FT_BOOL, 0, 0, 0 },
	{ "teams_on", FT_BOOL, 0, 0, 0 },
	{ "teams", FT_STRLIST, 0, 1, 100 },
	{ "max_participants", FT_INT, 0, 0, 1000000 },
	{ "allow_change", FT_BOOL, 0, 0, 0 },
};
#define NSESSION_FIELDS (sizeof(create_fields) / sizeof(create_fields[0]))

/* The same for an edit, where every field is optional. */
static const struct field update_fields[] = {
	{ "title", FT_STRING, 0, 1, 200 },
	{ "description", FT_STRING, 0, 0, 2000 },
	{ "language", FT_STRING, 0, 2, 2 },
	{ "named", FT_BOOL, 0, 0, 0 },
	{ "teams_on", FT_BOOL, 0, 0, 0 },
	{ "teams", FT_STRLIST, 0, 1, 100 },
	{ "max_participants", FT_INT, 0, 0, 1000000 },
	{ "allow_change", FT_BOOL, 0, 0, 0 },
};

/* The checked body's settings as an edit (e->team points into it). */
static void
edit_read(const struct request *r, struct session_edit *e)
{
	const struct jv	*v;
	size_t		 i;

	memset(e, 0, sizeof(*e));
	e->title = field_str(r, "title", &e->titlelen);
	if ((v = jv_get(r->json, "description")) != NULL) {
		e->desc_set = 1;
		e->desc = jv_str(v, &e->desclen);
	}
	e->lang = field_str(r, "language", &e->langlen);
	e->named = jv_bool(jv_get(r->json, "named"));
	e->teams_on = jv_bool(jv_get(r->json, "teams_on"));
	e->allow_change = jv_bool(jv_get(r->json, "allow_change"));
	if (field_int(r, "max_participants", &e->maxp) != 0)
		e->maxp = -1;
	if ((v = jv_get(r->json, "teams")) != NULL) {
		e->teams_set = 1;
		for (i = 0; i < jv_len(v) && i < SESSION_TEAMS_MAX; i++) {
			e->team[i] = jv_str(jv_at(v, i), &e->teamlen[i]);
			if (e->team[i] == NULL) {
				e->team[i] = "";
				e->teamlen[i] = 0;
			}
		}
		e->nteams = i;
	}
}

int
api_session_create(struct request *r)
{
	struct session_edit	 e;
	struct why		 why = { NULL, "", 0 };
	enum outcome		 o;
	long long		 id;
	int			 rc;

	if ((rc = fields_check(r, create_fields, NSESSION_FIELDS)) != 0)
		return rc;
	edit_read(r, &e);
	if ((o = session_create(r->db, r->auth.account_id, &e, &id,
	    &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	return session_reply(r, 201, id);
}

int
api_session_get(struct request *r)
{
	return session_reply(r, 200, r->ids[0]);
}

int
api_session_update(struct request *r)
{
	struct session_edit	 e;
	struct why		 why = { NULL, "", 0 };
	enum outcome		 o;
	int			 rc;

	if ((rc = fields_check(r, update_fields, NSESSION_FIELDS)) != 0)
		return rc;
	edit_read(r, &e);
	if ((o = session_update(r->db, r->ids[0], r->auth.account_id, &e,
	    &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	return session_reply(r, 200, r->ids[0]);
}

/* The audit event of a change to session {id}. */
static void
session_audit(struct request *r, const char *what)
{
	char	 target[32];

	xsnprintf(target, sizeof(target), "session:%lld", r->ids[0]);
	audit(r, what, r->auth.account_id, target, "ok");
}

int
api_session_delete(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;

	if ((o = session_delete(r->db, r->ids[0], r->auth.account_id,
	    &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	session_audit(r, "session_deleted");
	r->resp.status = 204;
	return 204;
}

int
api_session_duplicate(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;
	long long	 id;

	if ((o = session_duplicate(r->db, r->ids[0], r->auth.account_id, &id,
	    &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	return session_reply(r, 201, id);
}

int
api_session_start(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	struct session	 s;
	enum outcome	 o;

	/* The plan's limits first: a refused start changes nothing. */
	if ((o = session_load(r->db, r->ids[0], r->auth.account_id, &s,
	    &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	o = strcmp(s.state, "running") == 0 ? OUT_OK :
	    plan_may_start(r, s.id, (int)s.teams_on, s.maxp, &why);
	session_release(&s);
	if (o == OUT_OK)
		o = session_start(r->db, r->ids[0], r->auth.account_id, &why);
	if (o == OUT_BUSY)
		log_warnx("rid=%s no free join code in 8 tries", r->id);
	if (o != OUT_OK)
		return resp_outcome(r, o, &why);
	session_audit(r, "session_started");
	return session_reply(r, 200, r->ids[0]);
}

int
api_session_stop(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;

	if ((o = session_stop(r->db, r->ids[0], r->auth.account_id,
	    &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	session_audit(r, "session_stopped");
	return session_reply(r, 200, r->ids[0]);
}

static int
set_lock(struct request *r, int locked)
{
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;

	if ((o = session_lock(r->db, r->ids[0], r->auth.account_id, locked,
	    &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	session_audit(r, locked ? "session_locked" : "session_unlocked");
	return session_reply(r, 200, r->ids[0]);
}

int
api_session_lock(struct request *r)
{
	return set_lock(r, 1);
}

int
api_session_unlock(struct request *r)
{
	return set_lock(r, 0);
}

/*
 * GET /api/sessions/{id}/live: what the console polls.  The ETag is the
 * session's version with its rounds' versions and answers; an unchanged
 * one is a 304 after one read, without building the state.  A round
 * whose timer ran out (and closes it) is closed first.
 */
int
api_session_live(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	struct session	 s;
	struct step	 st;
	struct jw	*w;
	enum outcome	 o;
	long long	 n;
	int		 closed;

	if ((o = step_live_tag(r->db, r->ids[0], r->auth.account_id,
	    r->resp.etag, sizeof(r->resp.etag), &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	if ((closed = step_timer_due(r->db, r->ids[0])) < 0)
		return db_unavailable(r);
	if (closed > 0 && (o = step_live_tag(r->db, r->ids[0],
	    r->auth.account_id, r->resp.etag, sizeof(r->resp.etag),
	    &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	if (etag_matches(r))
		return 304;
	if ((o = session_seen(r->db, r->ids[0], r->auth.account_id, &s,
	    &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	if ((o = step_load(r->db, s.id, &st)) != OUT_OK) {
		session_release(&s);
		return resp_outcome(r, o, &why);
	}
	w = resp_json(r, 200);
	jw_obj(w);
	jw_key(w, "session");
	jw_obj(w);
	session_write(w, &s, ORIGIN(r));
	jw_end(w);
	if (session_teams_write(r->db, w, s.id) != OUT_OK ||
	    session_participants_write(r->db, w, s.id, &n) != OUT_OK)
		goto down;
	jw_kint(w, "participant_count", n);
	step_write(w, &st);
	step_timer_write(w, &st, 0);
	if (step_room_write(r->db, w, s.id, &st) != OUT_OK)
		goto down;
	jw_end(w);
	session_release(&s);
	/* The ETag stays on a 200, for the next poll. */
	return resp_done(r, w);
down:
	jw_free(w);
	session_release(&s);
	r->resp.etag[0] = '\0';
	return db_unavailable(r);
}

/* GET /api/sessions/{id}/qr: the join link as a QR code (SVG). */
int
api_session_qr(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	struct session	 s;
	enum outcome	 o;
	char		 link[300], *svg;

	/* The join link a moderator sees on the page anyway. */
	if ((o = session_seen(r->db, r->ids[0], r->auth.account_id, &s,
	    &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	if (s.code == NULL) {
		session_release(&s);
		return resp_error(r, 409, "wrong_state",
		    "only a running session has a join code");
	}
	session_join_link(ORIGIN(r), s.code, link, sizeof(link));
	session_release(&s);
	if ((svg = qr_svg(link)) == NULL)
		return resp_error(r, 500, "internal_error", "no QR code");
	buf_reset(&r->resp.body);
	buf_append(&r->resp.body, svg, strlen(svg));
	free(svg);
	r->resp.status = 200;
	r->resp.ctype = "image/svg+xml";
	return 200;
}

int
api_participant_remove(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;
	char		 target[64];

	if ((o = session_participant_remove(r->db, r->ids[0],
	    r->auth.account_id, r->ids[1], &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	xsnprintf(target, sizeof(target), "session:%lld participant:%lld",
	    r->ids[0], r->ids[1]);
	audit(r, "participant_removed", r->auth.account_id, target, "ok");
	r->resp.status = 204;
	return 204;
}

