/* SPDX-License-Identifier: ISC */
/*
 * leaderboard.c: what scored rounds (a quiz) need of the domain, for any
 * type whose row of round.c's table names a scoring rule: the options
 * marked correct (secret until the round is revealed: only the
 * facilitator's route and a revealed round's documents write them), the
 * check before such a round opens (a correct option, the time of the
 * opening by the database's clock, the question's time limit on the
 * presenter's timer), and the session's leaderboard over its revealed
 * scored rounds, computed by score.c.
 *
 * Only revealed rounds count: a leaderboard that moved with the answers
 * of an open question would tell the room who was right before the
 * reveal.  So the board moves only with a reveal (or a hide, or a change
 * of the correct options), each of which bumps the session's version:
 * state.c keeps it with the shared part of the participants' state.
 *
 * The caller checked that the session is the account's (session_owned())
 * where a facilitator acts.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

#define BOARD_ROOM_MAX	10	/* entries the room's documents show */

/* A round before it opens (STMT_QUIZ_OPEN_INFO). */
struct openinfo {
	char		 type[16];
	long long	 min_picks, max_picks, time_limit, ncorrect, running;
};
static const struct dbfield openinfo_cols[] = {
	DBF_C(openinfo, type),
	DBF_I(openinfo, min_picks),
	DBF_I(openinfo, max_picks),
	DBF_I(openinfo, time_limit),
	DBF_I(openinfo, ncorrect),
	DBF_I(openinfo, running),
};
static const struct dbshape openinfo_shape = DBSHAPE(openinfo_cols,
    openinfo);

/* One answer of a revealed round (STMT_QUIZ_SCORES). */
struct scorerow {
	char		 key[25];
	char		*name;		/* owned, or NULL */
	char		 type[16];
	long long	 time_limit, speed_bonus, ncorrect, right, wrong;
	long long	 elapsed;
};
static const struct dbfield scorerow_cols[] = {
	DBF_C(scorerow, key),
	DBF_S(scorerow, name),
	DBF_C(scorerow, type),
	DBF_I(scorerow, time_limit),
	DBF_I(scorerow, speed_bonus),
	DBF_I(scorerow, ncorrect),
	DBF_I(scorerow, right),
	DBF_I(scorerow, wrong),
	DBF_I(scorerow, elapsed),
};
static const struct dbshape scorerow_shape = DBSHAPE(scorerow_cols,
    scorerow);

/* The session's board settings (STMT_QUIZ_BOARD_INFO). */
struct boardinfo {
	long long	 hidden, teams;
};
static const struct dbfield boardinfo_cols[] = {
	DBF_I(boardinfo, hidden),
	DBF_I(boardinfo, teams),
};
static const struct dbshape boardinfo_shape = DBSHAPE(boardinfo_cols,
    boardinfo);

/*
 * Before round id of session opens, inside the opening's transaction
 * (roundedit.c's round_open_check()): a round that scores needs a
 * correct option (OUT_CONFLICT no_correct_option) that an answer can
 * pick within its picks (OUT_CONFLICT correct_picks); it notes the
 * database's time of the opening, and a time limit starts the
 * presenter's timer, which closes the round at zero.  Other types pass.
 * Returns OUT_OK, a refusal, or OUT_DB_DOWN.
 */
enum outcome
quiz_open_check(struct db *db, long long session, long long id,
    struct why *why)
{
	struct dbparam	 p[3] = { DBP_INT(id), DBP_INT(session) };
	struct openinfo	 oi;
	int		 rc;

	if ((rc = db_one(db, STMT_QUIZ_OPEN_INFO, p, 2, &openinfo_shape,
	    &oi)) < 0)
		return OUT_DB_DOWN;
	if (rc == 0 || rtype_score(rtype_parse(oi.type)) == NULL)
		return OUT_OK;
	if (oi.ncorrect == 0) {
		why_set(why, "no_correct_option", "mark the correct option "
		    "(or options) before this question opens");
		return OUT_CONFLICT;
	}
	if (oi.ncorrect > oi.max_picks) {
		why_set(why, "correct_picks", "%lld options are correct but "
		    "an answer picks at most %lld: mark fewer or allow more "
		    "picks", oi.ncorrect, oi.max_picks);
		return OUT_CONFLICT;
	}
	if (db_exec(db, STMT_QUIZ_OPENED, p, 1, NULL, NULL) < 0)
		return OUT_DB_DOWN;
	if (oi.time_limit > 0 && oi.running) {
		p[0] = (struct dbparam)DBP_INT(id);
		p[1] = (struct dbparam)DBP_INT(oi.time_limit);
		p[2] = (struct dbparam)DBP_INT(session);
		if (db_exec(db, STMT_QUIZ_TIMER, p, 3, NULL, NULL) < 0)
			return OUT_DB_DOWN;
		p[0] = (struct dbparam)DBP_INT(session);
		if (db_exec(db, STMT_ROUND_SET_CLOSES, p, 1, NULL, NULL) < 0)
			return OUT_DB_DOWN;
	}
	return OUT_OK;
}

/* Collects one option id (STMT_QUIZ_CORRECT_LIST) into a struct ids. */
struct ids {
	long long	*v;	/* owned */
	size_t		 n;
};

static int
id_row(void *arg, const struct dbcol *c, size_t n)
{
	struct ids	*ids = arg;
	long long	 v = 0;

	if (db_row_int(&v, c, n) == -1)
		return -1;
	ids->v = xreallocarray(ids->v, ids->n + 1, sizeof(*ids->v));
	ids->v[ids->n++] = v;
	return 0;
}

/*
 * Writes "correct": [option, ...] of round id into an open object (the
 * caller decides that it may be seen: the facilitator, or the round is
 * revealed).  Returns OUT_OK or OUT_DB_DOWN (the writer then holds a
 * part: the caller drops it).
 */
enum outcome
quiz_correct_write(struct db *db, struct jw *w, long long id)
{
	struct dbparam	 p[1] = { DBP_INT(id) };
	struct ids	 ids = { NULL, 0 };
	size_t		 i;

	if (db_exec(db, STMT_QUIZ_CORRECT_LIST, p, 1, id_row, &ids) < 0) {
		free(ids.v);
		return OUT_DB_DOWN;
	}
	jw_key(w, "correct");
	jw_arr(w);
	for (i = 0; i < ids.n; i++)
		jw_int(w, ids.v[i]);
	jw_end(w);
	free(ids.v);
	return OUT_OK;
}

/*
 * Marks the correct options of round rd in its results res (loaded by
 * round_results_load()), for the exports' "correct" column; nothing for
 * a type that does not score.  Returns OUT_OK or OUT_DB_DOWN.
 */
enum outcome
quiz_results_mark(struct db *db, const struct round *rd, struct results *res)
{
	struct dbparam	 p[1] = { DBP_INT(rd->id) };
	struct ids	 ids = { NULL, 0 };
	size_t		 i;

	if (rtype_score(rd->spec.type) == NULL)
		return OUT_OK;
	if (db_exec(db, STMT_QUIZ_CORRECT_LIST, p, 1, id_row, &ids) < 0) {
		free(ids.v);
		return OUT_DB_DOWN;
	}
	for (i = 0; i < ids.n; i++)
		results_mark_correct(res, ids.v[i]);
	free(ids.v);
	return OUT_OK;
}

/* A round's option by place (STMT_QUIZ_OPTIONS). */
struct placed {
	long long	 id, correct;
};
static const struct dbfield placed_cols[] = {
	DBF_I(placed, id),
	DBF_I(placed, correct),
};
static const struct dbshape placed_shape = DBSHAPE(placed_cols, placed);

/* Returns 1 if one of the first i entries of list is the number v. */
static int
named_before(const struct jv *list, size_t i, long long v)
{
	long long	 w;
	size_t		 k;

	for (k = 0; k < i; k++)
		if (jv_int(jv_at(list, k), &w) == 0 && w == v)
			return 1;
	return 0;
}

/*
 * Marks options of round id of session correct, and the others not, in
 * one transaction; bumps the session (a revealed round's board moves).
 * list holds option ids, or (places) 1-based places among the round's
 * options.  OUT_INVALID: the round does not score, or an entry is no
 * option of it; OUT_NOT_FOUND: no such round.
 */
static enum outcome
correct_mark(struct db *db, long long session, long long id,
    const struct jv *list, int places, struct why *why)
{
	struct dbparam	 p[2] = { DBP_INT(id), DBP_INT(session) };
	struct openinfo	 oi;
	struct placed	*v = NULL;
	enum outcome	 o;
	long long	 opt;
	size_t		 i, n = 0;
	int		 rc;

	if (jv_type(list) != JV_ARRAY || jv_len(list) > 100) {
		why_set(why, "invalid_field", "%s must be a list of %s",
		    places ? "correct_places" : "correct", places ?
		    "places (1 the first option)" : "options");
		return OUT_INVALID;
	}
	if ((rc = db_one(db, STMT_QUIZ_OPEN_INFO, p, 2, &openinfo_shape,
	    &oi)) < 0)
		return OUT_DB_DOWN;
	if (rc == 0) {
		why_set(why, "not_found", "no such round");
		return OUT_NOT_FOUND;
	}
	if (rtype_score(rtype_parse(oi.type)) == NULL) {
		why_set(why, "invalid_field", "a %s round has no correct "
		    "options", oi.type);
		return OUT_INVALID;
	}
	if (places && db_list(db, STMT_QUIZ_OPTIONS, p, 1, &placed_shape, &v,
	    &n) < 0)
		return OUT_DB_DOWN;
	o = OUT_DB_DOWN;
	if (db_begin(db) != 0)
		goto out;
	if (db_exec(db, STMT_QUIZ_CORRECT_CLEAR, p, 1, NULL, NULL) < 0)
		goto down;
	for (i = 0; i < jv_len(list); i++) {
		if (jv_int(jv_at(list, i), &opt) == -1 || opt <= 0 ||
		    (places && (size_t)opt > n))
			goto bad;
		if (named_before(list, i, opt)) {
			why_set(why, "invalid_field", "%s %zu names an option "
			    "twice", places ? "correct_places" : "correct",
			    i + 1);
			o = OUT_INVALID;
			goto down;
		}
		p[0] = (struct dbparam)DBP_INT(places ? v[opt - 1].id : opt);
		p[1] = (struct dbparam)DBP_INT(id);
		switch (db_exec(db, STMT_QUIZ_CORRECT_MARK, p, 2, NULL,
		    NULL)) {
		case -1:
			goto down;
		case 0:
			goto bad;
		}
	}
	session_bump(db, session);
	if (db_commit(db) != 0)
		goto down;
	o = OUT_OK;
	goto out;
bad:
	why_set(why, "invalid_field", "%s %zu is not %s of this round",
	    places ? "correct_places" : "correct", i + 1, places ?
	    "the place of an option" : "an option");
	o = OUT_INVALID;
down:
	db_rollback(db);
out:
	db_list_free(&placed_shape, v, n);
	return o;
}

/* PUT .../correct: list holds option ids (correct_mark()). */
enum outcome
quiz_correct_set(struct db *db, long long session, long long id,
    const struct jv *list, struct why *why)
{
	return correct_mark(db, session, id, list, 0, why);
}

/*
 * A new round's "correct_places" (body of POST .../rounds, or a
 * template's round): checked before the round is made, so that a bad
 * one makes none: 1..the options given, none twice, and only for a type
 * that scores with typed options.  Returns OUT_OK or OUT_INVALID.
 */
enum outcome
quiz_places_check(const struct jv *body, struct why *why)
{
	const struct jv	*list = jv_get(body, "correct_places");
	size_t		 i, j, nopts = jv_len(jv_get(body, "options"));
	long long	 a, b;

	if (list == NULL || jv_type(list) == JV_NULL)
		return OUT_OK;
	if (rtype_score(rtype_parse(jv_str(jv_get(body, "type"),
	    NULL))) == NULL || jv_type(list) != JV_ARRAY) {
		why_set(why, "invalid_field", "correct_places: a list of "
		    "places, for a quiz with its options");
		return OUT_INVALID;
	}
	for (i = 0; i < jv_len(list); i++) {
		if (jv_int(jv_at(list, i), &a) == -1 || a < 1 ||
		    (size_t)a > nopts) {
			why_set(why, "invalid_field", "correct_places %zu is "
			    "not the place of an option (1 to %zu)", i + 1,
			    nopts);
			return OUT_INVALID;
		}
		for (j = 0; j < i; j++)
			if (jv_int(jv_at(list, j), &b) == 0 && a == b) {
				why_set(why, "invalid_field", "correct_places: "
				    "%lld twice", a);
				return OUT_INVALID;
			}
	}
	return OUT_OK;
}

/*
 * Marks new round id's "correct_places" of body (quiz_places_check()ed),
 * if any.  Returns OUT_OK, OUT_INVALID or OUT_DB_DOWN.
 */
enum outcome
quiz_places_mark(struct db *db, long long session, long long id,
    const struct jv *body, struct why *why)
{
	const struct jv	*list = jv_get(body, "correct_places");

	if (list == NULL || jv_type(list) == JV_NULL)
		return OUT_OK;
	return correct_mark(db, session, id, list, 1, why);
}

/*
 * Writes "correct_places": [1-based places] of round id (a template
 * keeps its quiz questions' correct options so); nothing for a round
 * that does not score or has none.  Returns OUT_OK or OUT_DB_DOWN.
 */
enum outcome
quiz_places_write(struct db *db, struct jw *w, const struct round *rd)
{
	struct dbparam	 p[1] = { DBP_INT(rd->id) };
	struct placed	*v = NULL;
	size_t		 i, n = 0, k = 0;

	if (rtype_score(rd->spec.type) == NULL)
		return OUT_OK;
	if (db_list(db, STMT_QUIZ_OPTIONS, p, 1, &placed_shape, &v, &n) < 0)
		return OUT_DB_DOWN;
	for (i = 0; i < n; i++)
		if (v[i].correct && k++ == 0) {
			jw_key(w, "correct_places");
			jw_arr(w);
		}
	for (i = 0; k > 0 && i < n; i++)
		if (v[i].correct)
			jw_int(w, (long long)i + 1);
	if (k > 0)
		jw_end(w);
	db_list_free(&placed_shape, v, n);
	return OUT_OK;
}

/*
 * Loads the leaderboard of session into b (board_init()ed; the caller
 * releases it): every answer of its revealed scored rounds, scored by
 * its type's rule (score.c), summed per responder and ranked.  Returns
 * OUT_OK or OUT_DB_DOWN.
 */
enum outcome
leaderboard_load(struct db *db, long long session, struct board *b)
{
	struct dbparam		 p[1] = { DBP_INT(session) };
	const struct scorerule	*rule;
	struct boardinfo	 bi;
	struct scorerow		*v = NULL;
	struct scorein		 in;
	struct dbtext		*types = NULL;
	size_t			 i, n = 0, nt = 0;
	long long		 pts;
	enum outcome		 o = OUT_DB_DOWN;

	if (db_one(db, STMT_QUIZ_BOARD_INFO, p, 1, &boardinfo_shape,
	    &bi) != 1)
		return OUT_DB_DOWN;
	b->hidden = bi.hidden;
	b->teams = bi.teams;
	if (db_list(db, STMT_QUIZ_REVEALED, p, 1, &db_text_shape, &types,
	    &nt) < 0)
		goto out;
	for (i = 0; i < nt; i++)
		if (rtype_score(rtype_parse(types[i].s)) != NULL)
			b->rounds++;
	if (b->rounds == 0) {
		o = OUT_OK;
		goto out;
	}
	if (db_list(db, STMT_QUIZ_SCORES, p, 1, &scorerow_shape, &v,
	    &n) < 0)
		goto out;
	for (i = 0; i < n; i++) {
		if ((rule = rtype_score(rtype_parse(v[i].type))) == NULL)
			continue;
		in.ncorrect = v[i].ncorrect;
		in.right = v[i].right;
		in.wrong = v[i].wrong;
		in.elapsed_ms = v[i].elapsed;
		in.time_limit = v[i].time_limit;
		in.speed_bonus = v[i].speed_bonus;
		pts = score_points(rule, &in);
		board_add(b, v[i].key, v[i].name, pts, pts > 0);
	}
	board_rank(b);
	o = OUT_OK;
out:
	db_list_free(&db_text_shape, types, nt);
	db_list_free(&scorerow_shape, v, n);
	return o;
}

/*
 * Writes "leaderboard" into an open object for reader who: null when
 * there is nothing to show (no scored round revealed) or, for the room
 * and the phones, when the facilitator hides it; else {"hidden",
 * "teams", "rounds", "entries": [{"rank", "name", "points", "correct",
 * "answered"}], "more"}: the room's documents show the first BOARD_ROOM_MAX,
 * the facilitator every entry.  A name is null in an anonymous session,
 * and in the participants' document for every person (P8: a phone shows
 * nobody else's name; a table's name it does): the pages show a neutral
 * label.  The projector names the participants of a named session.
 */
void
leaderboard_write(struct jw *w, const struct board *b, enum boardfor who)
{
	size_t	 i, n;
	int	 room = who != BOARD_OWNER;

	jw_key(w, "leaderboard");
	if (b->rounds == 0 || (room && b->hidden)) {
		jw_null(w);
		return;
	}
	n = room && b->n > BOARD_ROOM_MAX ? BOARD_ROOM_MAX : b->n;
	jw_obj(w);
	jw_kbool(w, "hidden", b->hidden != 0);
	jw_kbool(w, "teams", b->teams != 0);
	jw_kint(w, "rounds", b->rounds);
	jw_key(w, "entries");
	jw_arr(w);
	for (i = 0; i < n; i++) {
		jw_obj(w);
		jw_kint(w, "rank", b->v[i].rank);
		jw_kstr(w, "name", who != BOARD_PHONES || b->teams ?
		    b->v[i].name : NULL);
		jw_kint(w, "points", b->v[i].points);
		jw_kint(w, "correct", b->v[i].correct);
		jw_kint(w, "answered", b->v[i].answered);
		jw_end(w);
	}
	jw_end(w);
	jw_kint(w, "more", (long long)(b->n - n));
	jw_end(w);
}

/*
 * Writes "score" of responder key (a participant's own, from their own
 * worker read): null without a revealed scored round; else {"points",
 * "correct", "answered", "rank" (null when the board is hidden or they
 * have no answer scored), "of" (responders ranked), "place" (their
 * entry's, 1-based; 0: none, or hidden), "teams"}.
 */
void
leaderboard_mine_write(struct jw *w, const struct board *b, const char *key)
{
	const struct boardrow	*row;

	jw_key(w, "score");
	if (b->rounds == 0) {
		jw_null(w);
		return;
	}
	row = board_find(b, key);
	jw_obj(w);
	jw_kint(w, "points", row != NULL ? row->points : 0);
	jw_kint(w, "correct", row != NULL ? row->correct : 0);
	jw_kint(w, "answered", row != NULL ? row->answered : 0);
	jw_key(w, "rank");
	if (row != NULL && !b->hidden)
		jw_int(w, row->rank);
	else
		jw_null(w);
	jw_kint(w, "of", (long long)b->n);
	/*
	 * Their place in the list, so a page can mark their own entry; none
	 * while the board is hidden (a place is a rank without ties).
	 */
	jw_kint(w, "place", row != NULL && !b->hidden ?
	    (long long)(row - b->v) + 1 : 0);
	jw_kbool(w, "teams", b->teams != 0);
	jw_end(w);
}

/* Hides (or shows) session's leaderboard in the room; bumps it. */
enum outcome
leaderboard_set_hidden(struct db *db, long long session, int hidden)
{
	struct dbparam	 p[2] = { DBP_INT(hidden != 0), DBP_INT(session) };

	return db_exec(db, STMT_QUIZ_BOARD_HIDE, p, 2, NULL, NULL) < 0 ?
	    OUT_DB_DOWN : OUT_OK;
}
