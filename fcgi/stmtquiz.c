/* SPDX-License-Identifier: ISC */
/*
 * stmtquiz.c: the statements of scored rounds (a quiz) and the
 * session's leaderboard (leaderboard.c), a table of the shape stmt.c
 * reads (stmtdef.h).  Times are the database's (UTC_TIMESTAMP(6)): the
 * round's opening and the answer's last change.  No round type is named
 * here: the caller asks round.c's table which types score.
 */
#include <stddef.h>

#include "extern.h"
#include "db.h"
#include "stmtdef.h"
#include "banned.h"

const struct stmtdef stmts_quiz[STMT__MAX] = {
	/* Before a round opens: does it score, and can it be answered? */
	[STMT_QUIZ_OPEN_INFO] = { "SELECT r.type, r.min_picks, r.max_picks, "
	    "r.time_limit, (SELECT COUNT(*) FROM round_option o WHERE "
	    "o.round_id = r.id AND o.correct = 1 AND o.removed = 0), "
	    "s.state = 'running' FROM round r JOIN session s ON s.id = "
	    "r.session_id WHERE r.id = ? AND r.session_id = ?", 0 },
	/* Its latest opening, in the transaction that opens it. */
	[STMT_QUIZ_OPENED] = { "UPDATE round SET opened_at = "
	    "UTC_TIMESTAMP(6) WHERE id = ? AND state <> 'open'", 0 },
	/* The presenter's timer for the question, closing it at zero. */
	[STMT_QUIZ_TIMER] = { "UPDATE session SET timer_round = ?, "
	    "timer_ends_at = UTC_TIMESTAMP(6) + INTERVAL ? SECOND, "
	    "timer_close = 1, version = version + 1 WHERE id = ? AND "
	    "state = 'running'", 0 },
	[STMT_QUIZ_CORRECT_LIST] = { "SELECT o.id FROM round_option o WHERE "
	    "o.round_id = ? AND o.correct = 1 AND o.removed = 0 ORDER BY "
	    "o.position", 1 },
	[STMT_QUIZ_CORRECT_CLEAR] = { "UPDATE round_option SET correct = 0 "
	    "WHERE round_id = ?", 0 },
	[STMT_QUIZ_CORRECT_MARK] = { "UPDATE round_option SET correct = 1 "
	    "WHERE id = ? AND round_id = ? AND removed = 0", 0 },
	[STMT_QUIZ_BOARD_INFO] = { "SELECT leaderboard_hidden, teams_on FROM "
	    "session WHERE id = ?", 1 },
	[STMT_QUIZ_BOARD_HIDE] = { "UPDATE session SET leaderboard_hidden = ?, "
	    "version = version + 1 WHERE id = ?", 0 },
	[STMT_QUIZ_REVEALED] = { "SELECT type FROM round WHERE session_id = ? "
	    "AND revealed = 1 AND state = 'closed'", 1 },
	/* A round's options by place (templates name the correct so). */
	[STMT_QUIZ_OPTIONS] = { "SELECT id, correct FROM round_option WHERE "
	    "round_id = ? AND removed = 0 ORDER BY position, id", 1 },
	/*
	 * One row per answer to a revealed round of the session's current
	 * run: the responder (its key, and its name: the team's, or the
	 * participant's in a named session, else NULL), the round's type and
	 * settings, its number of correct options, the answer's picks of
	 * correct and of other options, and the milliseconds from the
	 * round's latest opening to the answer's last change (-1: not known,
	 * or an answer kept from before that opening).
	 */
	[STMT_QUIZ_SCORES] = { "SELECT x.responder_key, IF(x.team_id IS NOT "
	    "NULL, t.name, IF(s.named, p.display_name, NULL)), r.type, "
	    "r.time_limit, r.speed_bonus, (SELECT COUNT(*) FROM round_option "
	    "o WHERE o.round_id = r.id AND o.correct = 1 AND o.removed = 0), "
	    "(SELECT COUNT(*) FROM response_value v JOIN round_option o ON "
	    "o.id = v.option_id WHERE v.response_id = x.id AND o.correct = 1 "
	    "AND o.removed = 0), "
	    "(SELECT COUNT(*) FROM response_value v JOIN round_option o ON "
	    "o.id = v.option_id WHERE v.response_id = x.id AND o.correct = 0 "
	    "AND o.removed = 0), "
	    "COALESCE(IF(x.updated_at < r.opened_at, -1, TIMESTAMPDIFF("
	    "MICROSECOND, r.opened_at, x.updated_at) DIV 1000), -1) FROM round r JOIN session s ON s.id = r.session_id "
	    "JOIN response x ON x.round_id = r.id JOIN participant p ON p.id = "
	    "x.participant_id LEFT JOIN team t ON t.id = x.team_id WHERE "
	    "r.session_id = ? AND r.revealed = 1 AND r.state = 'closed' AND "
	    "p.run = s.run AND (x.team_id IS NOT NULL OR p.removed = 0) ORDER BY "
	    "r.position, x.id", 1 },
};
