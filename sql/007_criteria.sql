-- SPDX-License-Identifier: ISC
-- 007_criteria.sql: multi-criteria ratings.  A rating round may list
-- criteria (cost, impact, ...); each option is then rated once per
-- criterion.  Ratings without criteria keep criterion_id 0.

CREATE TABLE IF NOT EXISTS round_criterion (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	round_id BIGINT UNSIGNED NOT NULL,
	position INT UNSIGNED NOT NULL,
	name VARCHAR(100) NOT NULL,
	KEY criterion_round (round_id, position),
	CONSTRAINT criterion_round_fk FOREIGN KEY (round_id)
		REFERENCES round (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE response_value ADD COLUMN IF NOT EXISTS criterion_id
	BIGINT UNSIGNED NOT NULL DEFAULT 0;
ALTER TABLE response_value DROP PRIMARY KEY,
	ADD PRIMARY KEY (response_id, option_id, criterion_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON round_criterion TO primoforum_app;
