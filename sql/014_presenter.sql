-- SPDX-License-Identifier: ISC
-- 014_presenter.sql: presenter mode.  A running session has one step,
-- what the room sees now (the join screen, a round in one of its views,
-- or a blank screen); a timer for one round, which may close it at zero;
-- and a projector link, of whose token only the SHA-256 is kept (as of
-- participant tokens).  A round says whether the projector shows its
-- results while answers come in ("live") or only at its results step or
-- after the reveal ("reveal"), and carries the time at which its timer
-- closes it (closes_at), so that an answer, which reads the round's row
-- anyway, is refused after zero without another query.  No foreign keys
-- to round: a step or timer of a deleted round is shown as none.
ALTER TABLE session ADD COLUMN IF NOT EXISTS step_kind
	ENUM('join', 'round', 'blank') NOT NULL DEFAULT 'join';
ALTER TABLE session ADD COLUMN IF NOT EXISTS step_round BIGINT UNSIGNED NULL;
ALTER TABLE session ADD COLUMN IF NOT EXISTS step_view
	ENUM('question', 'answer', 'results') NULL;
ALTER TABLE session ADD COLUMN IF NOT EXISTS timer_round BIGINT UNSIGNED NULL;
ALTER TABLE session ADD COLUMN IF NOT EXISTS timer_ends_at DATETIME(6) NULL;
ALTER TABLE session ADD COLUMN IF NOT EXISTS timer_close TINYINT(1) NOT NULL
	DEFAULT 0;
ALTER TABLE session ADD COLUMN IF NOT EXISTS projector_token_hash BINARY(32)
	NULL;
CREATE UNIQUE INDEX IF NOT EXISTS session_projector
	ON session (projector_token_hash);
ALTER TABLE round ADD COLUMN IF NOT EXISTS projector_results
	ENUM('live', 'reveal') NOT NULL DEFAULT 'reveal';
ALTER TABLE round ADD COLUMN IF NOT EXISTS closes_at DATETIME(6) NULL;
