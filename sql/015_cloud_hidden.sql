-- SPDX-License-Identifier: ISC
-- 015_cloud_hidden.sql: the entries of a round's word cloud that the
-- facilitator hid (POST /api/sessions/{id}/rounds/{id}/cloud), by their
-- normal form (fcgi/cloud.c: case folded, spaces collapsed, trailing
-- punctuation gone), so the column compares bytes.  Participants and
-- the projector's link get the cloud without them; the facilitator's
-- results list them as hidden.
CREATE TABLE IF NOT EXISTS cloud_hidden (
	round_id BIGINT UNSIGNED NOT NULL,
	entry VARCHAR(200) NOT NULL,
	PRIMARY KEY (round_id, entry),
	CONSTRAINT cloud_hidden_round_fk FOREIGN KEY (round_id)
		REFERENCES round (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

GRANT SELECT, INSERT, DELETE ON cloud_hidden TO primoforum_app;
