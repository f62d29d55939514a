-- SPDX-License-Identifier: ISC
-- 003_sessions.sql: group sessions, their teams and participants, and
-- the history of join codes.
--
-- A session is a draft, running or stopped.  Each start is a new "run":
-- participants belong to one run, and a participant's token is good only
-- while its session is running that same run, so a stop (one UPDATE of
-- the session row) logs everyone out at the moment it commits.  The join
-- code exists only while the session runs; the unique index makes it
-- unique among running sessions (NULLs do not collide).

CREATE TABLE IF NOT EXISTS session (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	account_id BIGINT UNSIGNED NOT NULL,
	title VARCHAR(200) NOT NULL,
	description TEXT NULL,
	language CHAR(2) NOT NULL DEFAULT 'en',
	named TINYINT(1) NOT NULL DEFAULT 0,
	teams_on TINYINT(1) NOT NULL DEFAULT 0,
	max_participants INT UNSIGNED NOT NULL DEFAULT 0,
	allow_change TINYINT(1) NOT NULL DEFAULT 1,
	state VARCHAR(8) NOT NULL DEFAULT 'draft',
	locked TINYINT(1) NOT NULL DEFAULT 0,
	join_code CHAR(8) NULL,
	run INT UNSIGNED NOT NULL DEFAULT 0,
	-- Bumped by every change that pollers must see (ETag).
	version BIGINT UNSIGNED NOT NULL DEFAULT 1,
	started_at DATETIME(6) NULL,
	stopped_at DATETIME(6) NULL,
	created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	UNIQUE KEY session_join_code (join_code),
	KEY session_account (account_id),
	KEY session_running (state, started_at),
	CONSTRAINT session_account_fk FOREIGN KEY (account_id)
		REFERENCES account (id) ON DELETE CASCADE,
	CONSTRAINT session_state_ck CHECK (state IN ('draft', 'running', 'stopped'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS team (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	session_id BIGINT UNSIGNED NOT NULL,
	name VARCHAR(100) NOT NULL,
	position INT UNSIGNED NOT NULL,
	UNIQUE KEY team_name (session_id, name),
	CONSTRAINT team_session_fk FOREIGN KEY (session_id)
		REFERENCES session (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS participant (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	session_id BIGINT UNSIGNED NOT NULL,
	run INT UNSIGNED NOT NULL,
	-- SHA-256 of the cookie token; NULL once the run has ended.
	token_hash BINARY(32) NULL,
	display_name VARCHAR(100) NULL,
	team_id BIGINT UNSIGNED NULL,
	removed TINYINT(1) NOT NULL DEFAULT 0,
	joined_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	UNIQUE KEY participant_token (token_hash),
	KEY participant_run (session_id, run, removed),
	CONSTRAINT participant_session_fk FOREIGN KEY (session_id)
		REFERENCES session (id) ON DELETE CASCADE,
	CONSTRAINT participant_team_fk FOREIGN KEY (team_id)
		REFERENCES team (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Codes handed out, so none comes back within 30 days.
CREATE TABLE IF NOT EXISTS join_code_history (
	code CHAR(8) NOT NULL PRIMARY KEY,
	used_at DATETIME(6) NOT NULL
) ENGINE=InnoDB;

GRANT SELECT, INSERT, UPDATE, DELETE ON session TO primoforum_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON team TO primoforum_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON participant TO primoforum_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON join_code_history TO primoforum_app;
