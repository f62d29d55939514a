/* SPDX-License-Identifier: ISC */
/*
 * stmtprofile.c: the statements of profile questions and results by
 * group (profile.c; migration 025), a table of the shape stmt.c reads
 * (stmtdef.h).
 */
#include <stddef.h>

#include "extern.h"
#include "db.h"
#include "stmtdef.h"
#include "banned.h"

const struct stmtdef stmts_profile[STMT__MAX] = {
	/* A session's questions with their answers, in order. */
	[STMT_PROFILE_LIST] = { "SELECT q.id, q.text, a.id, a.text FROM "
	    "profile_question q JOIN profile_answer a ON a.question_id = q.id "
	    "WHERE q.session_id = ? ORDER BY q.position, a.position", 1 },
	[STMT_PROFILE_CLEAR] = { "DELETE FROM profile_question WHERE "
	    "session_id = ?", 0 },
	[STMT_PROFILE_QUESTION_INSERT] = { "INSERT INTO profile_question "
	    "(session_id, position, text) VALUES (?, ?, ?)", 0 },
	[STMT_PROFILE_ANSWER_INSERT] = { "INSERT INTO profile_answer "
	    "(question_id, position, text) VALUES (?, ?, ?)", 0 },
	/*
	 * Anyone ever joined: the questions stay as they were asked.  The
	 * session's row locked, as a join locks it (STMT_SESSION_BY_CODE):
	 * nobody joins between this count and the new questions.
	 */
	[STMT_PROFILE_PEOPLE] = { "SELECT (SELECT COUNT(*) FROM participant p "
	    "WHERE p.session_id = s.id) FROM session s WHERE s.id = ? "
	    "FOR UPDATE", 1 },
	[STMT_PROFILE_SETTINGS] = { "SELECT group_min, group_question, "
	    "group_mode, group_highlight FROM session WHERE id = ?", 1 },
	[STMT_PROFILE_SET_MIN] = { "UPDATE session SET group_min = ? WHERE "
	    "id = ?", 0 },
	[STMT_PROFILE_SET_VIEW] = { "UPDATE session SET group_question = ?, "
	    "group_mode = ?, group_highlight = ? WHERE id = ?", 0 },
	/* A participant's answers; answer NULL: "rather not say". */
	[STMT_PROFILE_MINE] = { "SELECT question_id, COALESCE(answer_id, 0) "
	    "FROM participant_profile WHERE participant_id = ?", 1 },
	[STMT_PROFILE_GIVE] = { "INSERT INTO participant_profile "
	    "(participant_id, question_id, answer_id) VALUES (?, ?, ?) "
	    "ON DUPLICATE KEY UPDATE answer_id = VALUES(answer_id)", 0 },
	/* A round's responders per answer of a question (0: none). */
	[STMT_GROUP_COUNTS] = { "SELECT COALESCE(pp.answer_id, 0), COUNT(*) "
	    "FROM response x LEFT JOIN participant_profile pp ON "
	    "pp.participant_id = x.participant_id AND pp.question_id = ? "
	    "WHERE x.round_id = ? GROUP BY 1", 1 },
	/* A round's values, each with its responder's answer. */
	[STMT_GROUP_VALUES] = { "SELECT COALESCE(pp.answer_id, 0), "
	    "v.option_id, v.criterion_id, v.value FROM response_value v "
	    "JOIN response x ON x.id = v.response_id LEFT JOIN "
	    "participant_profile pp ON pp.participant_id = x.participant_id "
	    "AND pp.question_id = ? WHERE x.round_id = ?", 1 },
};
