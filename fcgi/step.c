/* SPDX-License-Identifier: ISC */
/*
 * step.c: presenter mode, the domain: what the room sees now (the
 * session's step: the join screen, a round in one of its views, or a
 * blank screen), the timer of a round, how many have answered each round
 * (and, in team mode, which teams have not), and whether a round's
 * results show on the projector while answers come in.
 *
 * The database's clock is the truth: the remaining time of a timer is
 * computed by the statement that reads it, at that read.  A timer that
 * closes its round at zero writes its end into the round's row
 * (closes_at), which every answer reads anyway (ROUND_COLS), so an
 * answer after zero is refused without a query more; the round's state
 * turns closed at the next read of the console's or the projector's
 * state (step_timer_due()).  Every change here bumps the session's
 * version (stmt.c's session_param[]), so polls see it.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

/* A session's step and timer (STMT_STEP_GET), column by column. */
static const struct dbfield step_cols[] = {
	DBF_C(step, kind),
	DBF_I(step, round),
	DBF_C(step, view),
	DBF_I(step, timer_round),
	DBF_I(step, remaining_ms),
	DBF_I(step, timer_close),
	DBF_I(step, teams_on),
};
static const struct dbshape step_shape = DBSHAPE(step_cols, step);

/* A round's counts (STMT_ROUND_ANSWERED, _ONE). */
struct answered {
	long long	 id, position;
	char		 state[8];
	long long	 revealed;
	char		 projector[8];
	long long	 answered;
};
static const struct dbfield answered_cols[] = {
	DBF_I(answered, id),
	DBF_I(answered, position),
	DBF_C(answered, state),
	DBF_I(answered, revealed),
	DBF_C(answered, projector),
	DBF_I(answered, answered),
};
static const struct dbshape answered_shape = DBSHAPE(answered_cols,
    answered);

/* What the console's ETag is made of (STMT_LIVE_TAG). */
struct livetag {
	long long	 version, rounds;
};
static const struct dbfield livetag_cols[] = {
	DBF_I(livetag, version),
	DBF_I(livetag, rounds),
};
static const struct dbshape livetag_shape = DBSHAPE(livetag_cols, livetag);

/* Session id's step and timer into st. */
enum outcome
step_load(struct db *db, long long session, struct step *st)
{
	struct dbparam	 p[1] = { DBP_INT(session) };
	int		 rc;

	memset(st, 0, sizeof(*st));
	if ((rc = db_one(db, STMT_STEP_GET, p, 1, &step_shape, st)) < 0)
		return OUT_DB_DOWN;
	st->read_at_ms = wall_ms();
	return rc == 0 ? OUT_NOT_FOUND : OUT_OK;
}

/* Writes "step": {"kind", "round", "view"} into an open object. */
void
step_write(struct jw *w, const struct step *st)
{
	int	 round = strcmp(st->kind, "round") == 0;

	jw_key(w, "step");
	jw_obj(w);
	jw_kstr(w, "kind", st->kind);
	jw_key(w, "round");
	if (round && st->round > 0)
		jw_int(w, st->round);
	else
		jw_null(w);
	jw_kstr(w, "view", round && st->view[0] != '\0' ? st->view : NULL);
	jw_end(w);
}

/*
 * Writes "timer": null or {"round", "remaining_ms", "ends_at_ms",
 * "close"}: the time left at the read (st), less elapsed milliseconds
 * since (a cached st), and when it ends by the host's clock (ms since
 * the epoch), for a page that reads it from a document written earlier.
 */
void
step_timer_write(struct jw *w, const struct step *st, long long elapsed)
{
	long long	 left = st->remaining_ms - elapsed;

	jw_key(w, "timer");
	if (st->timer_round <= 0) {
		jw_null(w);
		return;
	}
	jw_obj(w);
	jw_kint(w, "round", st->timer_round);
	jw_kint(w, "remaining_ms", left > 0 ? left : 0);
	jw_kint(w, "ends_at_ms", st->read_at_ms + st->remaining_ms);
	jw_kbool(w, "close", st->timer_close != 0);
	jw_end(w);
}

/*
 * The console's ETag of session id of account: its version, and its
 * rounds' versions with their answers, in tag (sz bytes).
 */
enum outcome
step_live_tag(struct db *db, long long id, long long account, char *tag,
    size_t sz, struct why *why)
{
	struct dbparam	 p[2] = { DBP_INT(id), DBP_INT(account) };
	struct livetag	 t;
	int		 rc;

	if ((rc = db_one(db, STMT_LIVE_TAG, p, 2, &livetag_shape, &t)) < 0)
		return OUT_DB_DOWN;
	if (rc == 0) {
		why_set(why, "not_found", "no such session");
		return OUT_NOT_FOUND;
	}
	xsnprintf(tag, sz, "\"v%llda%lld\"", t.version, t.rounds);
	return OUT_OK;
}

/*
 * Closes the rounds of session id whose timer ran out (and bumps the
 * session).  Returns the number closed, or -1.
 */
int
step_timer_due(struct db *db, long long id)
{
	struct dbparam	 p[1] = { DBP_INT(id) };
	int		 rc;

	if ((rc = db_exec(db, STMT_TIMER_CLOSE_DUE, p, 1, NULL, NULL)) < 0)
		return -1;
	if (rc > 0)
		session_bump(db, id);
	return rc;
}

/*
 * Is session id of account running?  OUT_OK, OUT_NOT_FOUND, or
 * OUT_CONFLICT (why: not_running).
 */
enum outcome
step_running(struct db *db, long long id, long long account,
    struct why *why)
{
	struct session	 s;
	enum outcome	 o;
	int		 running;

	if ((o = session_load(db, id, account, &s, why)) != OUT_OK)
		return o;
	running = strcmp(s.state, "running") == 0;
	session_release(&s);
	if (running)
		return OUT_OK;
	why_set(why, "not_running", "the session is not running");
	return OUT_CONFLICT;
}

/* Round id of session (loaded into rd), or OUT_INVALID: not of it. */
static enum outcome
own_round(struct db *db, long long session, long long id, struct round *rd,
    struct why *why)
{
	enum outcome	 o;

	if ((o = agenda_round(db, session, id, rd, why)) == OUT_NOT_FOUND) {
		why_set(why, "invalid_field", "round must be a round of this "
		    "session");
		return OUT_INVALID;
	}
	return o;
}

/*
 * Makes kind (join, round, blank) the step of running session id of
 * account; with round, the round (of the session) and its view.  The
 * view "answer" opens a draft round, as the open route does.
 */
enum outcome
step_set(struct db *db, long long id, long long account, const char *kind,
    long long round, const char *view, struct why *why)
{
	struct dbparam	 p[5];
	struct round	 rd;
	enum outcome	 o;
	int		 draft, rc;

	if ((o = step_running(db, id, account, why)) != OUT_OK)
		return o;
	if (round > 0) {
		if ((o = own_round(db, id, round, &rd, why)) != OUT_OK)
			return o;
		draft = strcmp(rd.state, "draft") == 0;
		round_release(&rd);
		if (draft && strcmp(view, "answer") == 0 &&
		    (o = round_set_state(db, id, round, "open", why)) !=
		    OUT_OK)
			return o;
	}
	p[0] = (struct dbparam)DBP_STR(kind);
	p[1] = round > 0 ? (struct dbparam)DBP_INT(round) :
	    (struct dbparam)DBP_NULL;
	p[2] = view != NULL ? (struct dbparam)DBP_STR(view) :
	    (struct dbparam)DBP_NULL;
	p[3] = (struct dbparam)DBP_INT(id);
	p[4] = (struct dbparam)DBP_INT(account);
	if ((rc = db_exec(db, STMT_STEP_SET, p, 5, NULL, NULL)) < 0)
		return OUT_DB_DOWN;
	return OUT_OK;
}

/*
 * Runs s (a timer statement) and sets the rounds' deadlines from the
 * timer, in one transaction.  Returns the rows s changed, or -1.
 */
static int
timer_change(struct db *db, enum stmt s, struct dbparam *p, size_t n,
    long long id)
{
	struct dbparam	 q[1] = { DBP_INT(id) };
	int		 rc;

	if (db_begin(db) != 0)
		return -1;
	if ((rc = db_exec(db, s, p, n, NULL, NULL)) < 0 ||
	    db_exec(db, STMT_ROUND_SET_CLOSES, q, 1, NULL, NULL) < 0 ||
	    db_commit(db) != 0) {
		db_rollback(db);
		return -1;
	}
	return rc;
}

/*
 * Starts a timer of seconds for round (of running session id of
 * account); close: the round closes at zero.  A timer running is
 * replaced.
 */
enum outcome
step_timer_start(struct db *db, long long id, long long account,
    long long round, long long seconds, int close, struct why *why)
{
	struct dbparam	 p[5];
	struct round	 rd;
	enum outcome	 o;

	if ((o = step_running(db, id, account, why)) != OUT_OK ||
	    (o = own_round(db, id, round, &rd, why)) != OUT_OK)
		return o;
	round_release(&rd);
	p[0] = (struct dbparam)DBP_INT(round);
	p[1] = (struct dbparam)DBP_INT(seconds);
	p[2] = (struct dbparam)DBP_INT(close != 0);
	p[3] = (struct dbparam)DBP_INT(id);
	p[4] = (struct dbparam)DBP_INT(account);
	if (timer_change(db, STMT_TIMER_SET, p, 5, id) < 0)
		return OUT_DB_DOWN;
	return OUT_OK;
}

/* Adds seconds to the timer of running session id (at zero: from now). */
enum outcome
step_timer_add(struct db *db, long long id, long long account,
    long long seconds, struct why *why)
{
	struct dbparam	 p[3] = { DBP_INT(seconds), DBP_INT(id),
	    DBP_INT(account) };
	enum outcome	 o;
	int		 rc;

	if ((o = step_running(db, id, account, why)) != OUT_OK)
		return o;
	if ((rc = timer_change(db, STMT_TIMER_ADD, p, 3, id)) < 0)
		return OUT_DB_DOWN;
	if (rc == 0) {
		why_set(why, "wrong_state", "no timer is running");
		return OUT_CONFLICT;
	}
	return OUT_OK;
}

/* Stops the timer of session id of account (none running: nothing). */
enum outcome
step_timer_stop(struct db *db, long long id, long long account,
    struct why *why)
{
	struct dbparam	 p[2] = { DBP_INT(id), DBP_INT(account) };
	enum outcome	 o;

	if ((o = session_owned(db, id, account, why)) != OUT_OK)
		return o;
	if (timer_change(db, STMT_TIMER_CLEAR, p, 2, id) < 0)
		return OUT_DB_DOWN;
	return OUT_OK;
}

/* Sets round id's projector_results (the caller checked the session). */
enum outcome
round_set_projector(struct db *db, long long session, long long id,
    const char *word, struct why *why)
{
	struct dbparam	 p[3] = { DBP_STR(word), DBP_INT(id),
	    DBP_INT(session) };
	int		 rc;

	if ((rc = db_exec(db, STMT_ROUND_SET_PROJECTOR, p, 3, NULL,
	    NULL)) < 0)
		return OUT_DB_DOWN;
	if (rc == 0) {
		why_set(why, "not_found", "no such round");
		return OUT_NOT_FOUND;
	}
	session_bump(db, session);
	return OUT_OK;
}

/*
 * Round id of session's responders so far (participants, or teams in
 * team mode): *n.  OUT_NOT_FOUND if it is not the session's.
 */
enum outcome
step_answered(struct db *db, long long session, long long id, long long *n)
{
	struct dbparam	 p[2] = { DBP_INT(id), DBP_INT(session) };
	struct answered	 a;
	int		 rc;

	*n = 0;
	if ((rc = db_one(db, STMT_ROUND_ANSWERED_ONE, p, 2, &answered_shape,
	    &a)) < 0)
		return OUT_DB_DOWN;
	if (rc == 0)
		return OUT_NOT_FOUND;
	*n = a.answered;
	return OUT_OK;
}

/* Writes "teams_waiting": [...]: teams with no answer to round yet. */
static enum outcome
waiting_write(struct db *db, struct jw *w, long long session,
    long long round)
{
	struct dbparam	 p[3] = { DBP_INT(session), DBP_INT(round),
	    DBP_INT(round) };
	struct dbtext	*v;
	size_t		 i, n;

	if (db_list(db, STMT_TEAMS_WAITING, p, 3, &db_text_shape, &v, &n) < 0)
		return OUT_DB_DOWN;
	jw_key(w, "teams_waiting");
	jw_arr(w);
	for (i = 0; i < n; i++)
		jw_str(w, v[i].s);
	jw_end(w);
	db_list_free(&db_text_shape, v, n);
	return OUT_OK;
}

/*
 * Writes what the console shows of the room into an open object:
 * "rounds": [{"id", "position", "state", "revealed",
 * "projector_results", "answered"}] (the agenda, in order), and in team
 * mode, when the step is a round, "teams_waiting".
 */
enum outcome
step_room_write(struct db *db, struct jw *w, long long session,
    const struct step *st)
{
	struct dbparam	 p[1] = { DBP_INT(session) };
	struct answered	*v;
	size_t		 i, n;

	if (db_list(db, STMT_ROUND_ANSWERED, p, 1, &answered_shape, &v,
	    &n) < 0)
		return OUT_DB_DOWN;
	jw_key(w, "rounds");
	jw_arr(w);
	for (i = 0; i < n; i++) {
		jw_obj(w);
		jw_kint(w, "id", v[i].id);
		jw_kint(w, "position", v[i].position);
		jw_kstr(w, "state", v[i].state);
		jw_kbool(w, "revealed", v[i].revealed != 0);
		jw_kstr(w, "projector_results", v[i].projector);
		jw_kint(w, "answered", v[i].answered);
		jw_end(w);
	}
	jw_end(w);
	db_list_free(&answered_shape, v, n);
	if (st->teams_on && strcmp(st->kind, "round") == 0 && st->round > 0)
		return waiting_write(db, w, session, st->round);
	return OUT_OK;
}
