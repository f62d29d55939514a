-- SPDX-License-Identifier: ISC
-- 005_ideas.sql: brainstorm moderation and clustering.
--
-- A brainstorm round is silent (only the facilitator sees the ideas) or
-- open (participants see the idea wall grow).  The facilitator hides,
-- edits and merges ideas, and groups them into named clusters; ideas or
-- clusters then become the options of a later round.

ALTER TABLE round ADD COLUMN IF NOT EXISTS open_wall TINYINT(1) NOT NULL
	DEFAULT 0;

CREATE TABLE IF NOT EXISTS cluster (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	round_id BIGINT UNSIGNED NOT NULL,
	name VARCHAR(200) NOT NULL,
	KEY cluster_round (round_id),
	CONSTRAINT cluster_round_fk FOREIGN KEY (round_id)
		REFERENCES round (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE idea ADD COLUMN IF NOT EXISTS cluster_id BIGINT UNSIGNED NULL;
ALTER TABLE idea ADD COLUMN IF NOT EXISTS merged_into BIGINT UNSIGNED NULL;
ALTER TABLE idea ADD CONSTRAINT idea_cluster_fk FOREIGN KEY IF NOT EXISTS
	(cluster_id) REFERENCES cluster (id) ON DELETE SET NULL;

GRANT SELECT, INSERT, UPDATE, DELETE ON cluster TO primoforum_app;
