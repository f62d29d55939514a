/* SPDX-License-Identifier: ISC */
/*
 * ideamark.c: the facilitator's mark on an idea, the domain: "being
 * answered" (at most one per round) or "answered", or none.  The floor
 * of the audience Q&A round (a question being answered is highlighted on
 * the projector and the phones, the answered ones kept apart), open to
 * every round of ideas.  The marks order the wall (STMT_IDEA_LIST: the
 * one being answered first, the answered last), which the participants'
 * and the room's documents carry; results.c names them.  Marking an idea
 * while another is being answered makes that one answered: the room
 * has moved on.  Only an idea on the wall takes a mark: a hidden, a
 * waiting or a merged one is "no such idea".  The caller has checked
 * that the round is a round of ideas of the caller's session
 * (idea_round_as(): a moderator marks too).
 */
#include <stddef.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

/*
 * Sets idea's mark in round of session (0 none, 1 being answered, 2
 * answered), in one transaction with the round's row locked.  Returns
 * OUT_OK; OUT_NOT_FOUND (no such idea on the round's wall); OUT_DB_DOWN.
 */
enum outcome
idea_mark(struct db *db, long long session, long long round, long long idea,
    int mark, struct why *why)
{
	struct dbparam	 p[3];
	long long	 found;
	int		 rc;

	if (db_begin(db) != 0)
		return OUT_DB_DOWN;
	p[0] = (struct dbparam)DBP_INT(round);
	p[1] = (struct dbparam)DBP_INT(idea);
	if (db_exec(db, STMT_MARK_LOCK, p, 1, db_row_int, &found) != 1 ||
	    (mark == 1 && db_exec(db, STMT_MARK_MOVE_ON, p, 2, NULL,
	    NULL) < 0))
		goto down;
	p[0] = (struct dbparam)DBP_INT(mark);
	p[1] = (struct dbparam)DBP_INT(idea);
	p[2] = (struct dbparam)DBP_INT(round);
	if ((rc = db_exec(db, STMT_MARK_SET, p, 3, NULL, NULL)) < 0)
		goto down;
	if (rc == 0 && (rc = db_exec(db, STMT_IDEA_ON_WALL, p + 1, 2,
	    db_row_int, &found)) < 0)
		goto down;
	if (rc == 0) {
		/* Not on the wall (a mark already there changes nothing). */
		db_rollback(db);
		why_set(why, "not_found", "no such idea on the wall");
		return OUT_NOT_FOUND;
	}
	p[0] = (struct dbparam)DBP_INT(round);
	if (db_exec(db, STMT_ROUND_BUMP, p, 1, NULL, NULL) < 0 ||
	    db_commit(db) != 0)
		goto down;
	session_bump(db, session);
	return OUT_OK;
down:
	db_rollback(db);
	return OUT_DB_DOWN;
}
