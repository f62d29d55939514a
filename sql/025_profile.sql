-- SPDX-License-Identifier: ISC
-- 025_profile.sql: profile questions and results by group.
--
-- A session asks one or two profile questions at join ("I am here as:
-- resident / municipality / business"), each with 2..12 answers the
-- facilitator sets (profile.c).  A participant's answer is kept with the
-- participant, never in the live documents; answer_id NULL is "rather
-- not say", which counts as "other".  Groups smaller than group_min
-- responders are merged into "other" (groups.c, docs/rounds.md).  The
-- projector's per-group view is the session's group_question (NULL: off),
-- group_mode ('side' or 'highlight') and group_highlight (an answer id,
-- or NULL for "other").
CREATE TABLE IF NOT EXISTS profile_question (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	session_id BIGINT UNSIGNED NOT NULL,
	position INT UNSIGNED NOT NULL,
	text VARCHAR(200) NOT NULL,
	UNIQUE KEY profile_question_place (session_id, position),
	CONSTRAINT profile_question_session_fk FOREIGN KEY (session_id)
		REFERENCES session (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS profile_answer (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	question_id BIGINT UNSIGNED NOT NULL,
	position INT UNSIGNED NOT NULL,
	text VARCHAR(100) NOT NULL,
	UNIQUE KEY profile_answer_place (question_id, position),
	CONSTRAINT profile_answer_question_fk FOREIGN KEY (question_id)
		REFERENCES profile_question (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS participant_profile (
	participant_id BIGINT UNSIGNED NOT NULL,
	question_id BIGINT UNSIGNED NOT NULL,
	answer_id BIGINT UNSIGNED NULL,
	PRIMARY KEY (participant_id, question_id),
	KEY participant_profile_question (question_id),
	CONSTRAINT participant_profile_participant_fk FOREIGN KEY
		(participant_id) REFERENCES participant (id) ON DELETE CASCADE,
	CONSTRAINT participant_profile_question_fk FOREIGN KEY (question_id)
		REFERENCES profile_question (id) ON DELETE CASCADE,
	CONSTRAINT participant_profile_answer_fk FOREIGN KEY (answer_id)
		REFERENCES profile_answer (id) ON DELETE CASCADE
) ENGINE=InnoDB;

ALTER TABLE session ADD COLUMN IF NOT EXISTS group_min INT UNSIGNED NOT NULL
	DEFAULT 5;
ALTER TABLE session ADD COLUMN IF NOT EXISTS group_question BIGINT UNSIGNED
	NULL;
ALTER TABLE session ADD COLUMN IF NOT EXISTS group_mode VARCHAR(9) NOT NULL
	DEFAULT 'side';
ALTER TABLE session ADD COLUMN IF NOT EXISTS group_highlight BIGINT UNSIGNED
	NULL;

GRANT SELECT, INSERT, UPDATE, DELETE ON profile_question TO primoforum_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON profile_answer TO primoforum_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON participant_profile TO primoforum_app;
