-- SPDX-License-Identifier: ISC
-- 023_quiz.sql: the quiz round type and what it needs of the
-- floors below: options marked correct (secret until the reveal), the
-- server's time at which a round first opened (a speed bonus counts
-- from it to the answer's updated_at, both by the database's clock), a
-- question's time limit and speed bonus, whether the facilitator hides
-- the session's leaderboard, and the projector's leaderboard view.
ALTER TABLE round_option ADD COLUMN IF NOT EXISTS correct TINYINT(1) NOT NULL
	DEFAULT 0;
ALTER TABLE round ADD COLUMN IF NOT EXISTS opened_at DATETIME(6) NULL;
ALTER TABLE round ADD COLUMN IF NOT EXISTS time_limit INT UNSIGNED NOT NULL
	DEFAULT 0;
ALTER TABLE round ADD COLUMN IF NOT EXISTS speed_bonus INT UNSIGNED NOT NULL
	DEFAULT 0;
ALTER TABLE session ADD COLUMN IF NOT EXISTS leaderboard_hidden TINYINT(1)
	NOT NULL DEFAULT 0;
ALTER TABLE session MODIFY COLUMN step_view
	ENUM('question', 'answer', 'results', 'leaderboard') NULL;
