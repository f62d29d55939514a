/* SPDX-License-Identifier: ISC */
/*
 * stmtqa.c: the statements of the marks on ideas (ideamark.c), the floor
 * that the audience Q&A round stands on and every round of
 * ideas may use.  A mark is idea.mark (022_qa.sql): 0 none, 1 being
 * answered, 2 answered.  The round's row is locked first, so two marks
 * at once leave one idea being answered, not two.
 */
#include <stddef.h>

#include "db.h"
#include "stmtdef.h"

const struct stmtdef stmts_qa[STMT__MAX] = {
	[STMT_MARK_LOCK] = { "SELECT id FROM round WHERE id = ? FOR UPDATE",
	    0 },
	/* The one being answered so far is answered once another is. */
	[STMT_MARK_MOVE_ON] = { "UPDATE idea SET mark = 2 WHERE round_id = ? "
	    "AND mark = 1 AND id <> ?", 0 },
	/* Only an idea on the wall: not hidden, waiting or merged away. */
	[STMT_MARK_SET] = { "UPDATE idea SET mark = ? WHERE id = ? AND "
	    "round_id = ? AND hidden = 0 AND merged_into IS NULL", 0 },
};
