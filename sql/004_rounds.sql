-- SPDX-License-Identifier: ISC
-- 004_rounds.sql: a session's agenda of rounds, their options, the
-- participants' responses, and brainstorm ideas.
--
-- One response per responder per round: the responder is the team when
-- the session works in teams, else the participant (responder_key makes
-- that one unique key).  In an anonymous session the participant id is
-- kept only for that rule; no route shows it.

CREATE TABLE IF NOT EXISTS round (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	session_id BIGINT UNSIGNED NOT NULL,
	position INT UNSIGNED NOT NULL,
	type VARCHAR(16) NOT NULL,
	title VARCHAR(300) NOT NULL,
	state VARCHAR(8) NOT NULL DEFAULT 'draft',
	revealed TINYINT(1) NOT NULL DEFAULT 0,
	min_picks INT UNSIGNED NOT NULL DEFAULT 1,
	max_picks INT UNSIGNED NOT NULL DEFAULT 1,
	scale_max INT UNSIGNED NOT NULL DEFAULT 5,
	no_opinion TINYINT(1) NOT NULL DEFAULT 1,
	top_n INT UNSIGNED NOT NULL DEFAULT 0,
	budget INT UNSIGNED NOT NULL DEFAULT 10,
	max_per_option INT UNSIGNED NOT NULL DEFAULT 0,
	max_length INT UNSIGNED NOT NULL DEFAULT 500,
	-- Bumped by every response: the ETag of the round's results.
	version BIGINT UNSIGNED NOT NULL DEFAULT 1,
	KEY round_session (session_id, position),
	CONSTRAINT round_session_fk FOREIGN KEY (session_id)
		REFERENCES session (id) ON DELETE CASCADE,
	CONSTRAINT round_state_ck CHECK (state IN ('draft', 'open', 'closed')),
	CONSTRAINT round_type_ck CHECK (type IN ('brainstorm', 'choice',
		'rating', 'ranking', 'points', 'statements', 'open'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS round_option (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	round_id BIGINT UNSIGNED NOT NULL,
	position INT UNSIGNED NOT NULL,
	label VARCHAR(300) NOT NULL,
	KEY option_round (round_id, position),
	CONSTRAINT option_round_fk FOREIGN KEY (round_id)
		REFERENCES round (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS response (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	round_id BIGINT UNSIGNED NOT NULL,
	-- 'p' + participant id, or 't' + team id in team mode.
	responder_key VARCHAR(24) NOT NULL,
	participant_id BIGINT UNSIGNED NOT NULL,
	team_id BIGINT UNSIGNED NULL,
	text TEXT NULL,
	updated_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	UNIQUE KEY response_once (round_id, responder_key),
	CONSTRAINT response_round_fk FOREIGN KEY (round_id)
		REFERENCES round (id) ON DELETE CASCADE,
	CONSTRAINT response_participant_fk FOREIGN KEY (participant_id)
		REFERENCES participant (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS response_value (
	response_id BIGINT UNSIGNED NOT NULL,
	option_id BIGINT UNSIGNED NOT NULL,
	-- choice: 1; rating: 1..scale or 0 for no opinion; ranking: the
	-- rank; points: the points; statements: 1..5, 0 for pass.
	value INT NOT NULL,
	PRIMARY KEY (response_id, option_id),
	CONSTRAINT value_response_fk FOREIGN KEY (response_id)
		REFERENCES response (id) ON DELETE CASCADE,
	CONSTRAINT value_option_fk FOREIGN KEY (option_id)
		REFERENCES round_option (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS idea (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	round_id BIGINT UNSIGNED NOT NULL,
	participant_id BIGINT UNSIGNED NOT NULL,
	team_id BIGINT UNSIGNED NULL,
	text VARCHAR(1000) NOT NULL,
	hidden TINYINT(1) NOT NULL DEFAULT 0,
	created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	KEY idea_round (round_id),
	CONSTRAINT idea_round_fk FOREIGN KEY (round_id)
		REFERENCES round (id) ON DELETE CASCADE,
	CONSTRAINT idea_participant_fk FOREIGN KEY (participant_id)
		REFERENCES participant (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

GRANT SELECT, INSERT, UPDATE, DELETE ON round TO primoforum_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON round_option TO primoforum_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON response TO primoforum_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON response_value TO primoforum_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON idea TO primoforum_app;
