-- SPDX-License-Identifier: ISC
-- 011_round_tally.sql: answers are counted on tally rows, one per worker
-- slot, instead of each bumping its round's version (many answer at
-- once).  Every answer took the round's row exclusively for that bump, so answers to
-- one round committed one at a time; now they take the round's row
-- shared (a close, which takes it exclusively, still waits for the
-- answers in flight) and a worker's own tally row, and commit in
-- parallel.  A round's results version (its ETag) is its version plus
-- the sum of its tally rows.
CREATE TABLE IF NOT EXISTS round_tally (
	round_id BIGINT UNSIGNED NOT NULL,
	slot SMALLINT UNSIGNED NOT NULL,
	n BIGINT UNSIGNED NOT NULL DEFAULT 0,
	PRIMARY KEY (round_id, slot),
	CONSTRAINT tally_round_fk FOREIGN KEY (round_id)
		REFERENCES round (id) ON DELETE CASCADE
) ENGINE=InnoDB;

GRANT SELECT, INSERT, UPDATE, DELETE ON round_tally TO primoforum_app;
