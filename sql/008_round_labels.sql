-- SPDX-License-Identifier: ISC
-- 008_round_labels.sql: end labels of a rating scale ("not useful" ..
-- "very useful"), and brainstorms whose participants may group the ideas
-- into clusters themselves.

ALTER TABLE round ADD COLUMN IF NOT EXISTS label_low VARCHAR(60) NULL;
ALTER TABLE round ADD COLUMN IF NOT EXISTS label_high VARCHAR(60) NULL;
ALTER TABLE round ADD COLUMN IF NOT EXISTS participants_cluster TINYINT(1)
	NOT NULL DEFAULT 0;
