/* SPDX-License-Identifier: ISC */
/*
 * stmtmember.c: the statements of the people who run a session with its
 * owner (member.c, 024_members.sql), a table of the shape stmt.c reads
 * (stmtdef.h).  An invitation is found by the SHA-256 of its token, and
 * only while it was not accepted; an accepted member's row names the
 * account, and only an accepted row gives a role.
 */
#include <stddef.h>

#include "extern.h"
#include "db.h"
#include "stmtdef.h"
#include "banned.h"

const struct stmtdef stmts_member[STMT__MAX] = {
	/*
	 * The caller's role in session ?: 3 owner, 2 co-facilitator,
	 * 1 moderator, 0 none (no row: no such session).  The parameters:
	 * account, account, session.
	 */
	[STMT_MEMBER_ROLE] = { "SELECT IF(s.account_id = ?, 3, COALESCE(("
	    "SELECT IF(m.role = 'cofacilitator', 2, 1) FROM session_member m "
	    "WHERE m.session_id = s.id AND m.account_id = ? AND "
	    "m.accepted_at IS NOT NULL), 0)) FROM session s WHERE s.id = ?",
	    1 },
	/* A duplicate (session, email) is DB_DUP: invited already. */
	[STMT_MEMBER_INSERT] = { "INSERT INTO session_member (session_id, "
	    "email, role, token_hash, expires_at) VALUES (?, ?, ?, ?, "
	    "UTC_TIMESTAMP(6) + INTERVAL ? SECOND)", 0 },
	[STMT_MEMBER_LIST] = { "SELECT m.id, m.email, m.role, "
	    "m.accepted_at IS NOT NULL, m.accepted_at IS NULL AND "
	    "m.expires_at <= UTC_TIMESTAMP(6), a.display_name, "
	    "DATE_FORMAT(m.invited_at, '%Y-%m-%dT%H:%i:%sZ') FROM "
	    "session_member m LEFT JOIN account a ON a.id = m.account_id "
	    "WHERE m.session_id = ? ORDER BY m.id", 1 },
	[STMT_MEMBER_GET] = { "SELECT email, role, COALESCE(account_id, 0) "
	    "FROM session_member WHERE id = ? AND session_id = ?", 1 },
	[STMT_MEMBER_DELETE] = { "DELETE FROM session_member WHERE id = ? "
	    "AND session_id = ?", 0 },
	/*
	 * A member who accepted may have made or read the projector link
	 * (the room's document: the join code, the results): revoked, the
	 * link dies with the membership, and the owner makes a new one.
	 */
	[STMT_MEMBER_ROOM_RETIRE] = { "UPDATE session SET "
	    "projector_token_hash = NULL, room_token = NULL WHERE id = ? AND "
	    "state = 'running'", 0 },
	/* Expired ones are found too, to be told apart from unknown ones. */
	[STMT_MEMBER_FIND] = { "SELECT m.id, m.session_id, m.email, m.role, "
	    "m.expires_at <= UTC_TIMESTAMP(6), s.title FROM session_member m "
	    "JOIN session s ON s.id = m.session_id WHERE m.token_hash = ? AND "
	    "m.accepted_at IS NULL FOR UPDATE", 0 },
	/* The token is spent: it works once. */
	[STMT_MEMBER_ACCEPT] = { "UPDATE session_member SET account_id = ?, "
	    "accepted_at = UTC_TIMESTAMP(6), token_hash = NULL WHERE id = ? "
	    "AND accepted_at IS NULL", 0 },
	[STMT_MEMBER_SESSIONS] = { "SELECT " SESSION_COLS ", m.role FROM "
	    "session s JOIN session_member m ON m.session_id = s.id WHERE "
	    "m.account_id = ? AND m.accepted_at IS NOT NULL ORDER BY s.id "
	    "DESC", 1 },
	/* Who invites, or accepts: their email. */
	[STMT_MEMBER_WHO] = { "SELECT email FROM account WHERE id = ?", 1 },
	/* The plan limits are the owner's, whoever starts the session. */
	[STMT_SESSION_OWNER] = { "SELECT account_id FROM session WHERE "
	    "id = ?", 1 },
};
