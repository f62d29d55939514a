-- SPDX-License-Identifier: ISC
-- 024_members.sql: the people who run a session with its owner.
--
-- The owner invites an email as co-facilitator (runs and edits the
-- session) or moderator (moderates its ideas and answers).  The mail
-- carries a random token; only its SHA-256 is stored, it expires, and
-- accepting spends it: the row then names the account that accepted
-- (logged in with the invited email) and the hash is gone.  Revoking
-- deletes the row, so a revoked member has no row at all and the
-- session is "not found" for them at once (fcgi/member.c).  The audit
-- trail keeps the history.
CREATE TABLE IF NOT EXISTS session_member (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	session_id BIGINT UNSIGNED NOT NULL,
	email VARCHAR(254) NOT NULL,
	role VARCHAR(16) NOT NULL,		-- cofacilitator | moderator
	account_id BIGINT UNSIGNED NULL,	-- set when accepted
	token_hash BINARY(32) NULL,		-- NULL once accepted
	expires_at DATETIME(6) NOT NULL,
	invited_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	accepted_at DATETIME(6) NULL,
	UNIQUE KEY session_member_email (session_id, email),
	UNIQUE KEY session_member_account (session_id, account_id),
	UNIQUE KEY session_member_token (token_hash),
	KEY session_member_of (account_id),
	CONSTRAINT session_member_session_fk FOREIGN KEY (session_id)
		REFERENCES session (id) ON DELETE CASCADE,
	CONSTRAINT session_member_account_fk FOREIGN KEY (account_id)
		REFERENCES account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

GRANT SELECT, INSERT, UPDATE, DELETE ON session_member TO primoforum_app;
