-- SPDX-License-Identifier: ISC
-- 020_wall.sql: moderating open answers, and likes on the idea wall.
--
-- An open question's answer (a response with a text) can be hidden by
-- the facilitator, as an idea can: gone from the projector and from the
-- participants' view, kept in the facilitator's results and exports.
-- A brainstorm with upvotes lets each participant like an idea of the
-- open wall once (idea_like); a merged idea's likes count for the idea
-- it was merged into, a participant who liked both counting once.

ALTER TABLE response ADD COLUMN IF NOT EXISTS hidden TINYINT(1) NOT NULL
	DEFAULT 0;

ALTER TABLE round ADD COLUMN IF NOT EXISTS upvotes TINYINT(1) NOT NULL
	DEFAULT 0;

CREATE TABLE IF NOT EXISTS idea_like (
	idea_id BIGINT UNSIGNED NOT NULL,
	participant_id BIGINT UNSIGNED NOT NULL,
	created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (idea_id, participant_id),
	KEY idea_like_participant (participant_id),
	CONSTRAINT idea_like_idea_fk FOREIGN KEY (idea_id)
		REFERENCES idea (id) ON DELETE CASCADE,
	CONSTRAINT idea_like_participant_fk FOREIGN KEY (participant_id)
		REFERENCES participant (id) ON DELETE CASCADE
) ENGINE=InnoDB;

GRANT SELECT, INSERT, DELETE ON idea_like TO primoforum_app;
