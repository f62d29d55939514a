-- SPDX-License-Identifier: ISC
-- 021_moderation.sql: a moderation queue per round.  In a brainstorm or an
-- open question with "moderated" on, new input waits (pending) and stays
-- hidden from the projector and the participants until the facilitator
-- approves it (shows it); hiding it rejects it.  A changed open answer
-- waits again.  Pending rows are hidden rows, so every view that leaves
-- hidden input out leaves pending input out too.
ALTER TABLE round ADD COLUMN IF NOT EXISTS moderated TINYINT(1) NOT NULL
	DEFAULT 0;
ALTER TABLE idea ADD COLUMN IF NOT EXISTS pending TINYINT(1) NOT NULL
	DEFAULT 0;
ALTER TABLE response ADD COLUMN IF NOT EXISTS pending TINYINT(1) NOT NULL
	DEFAULT 0;
