-- SPDX-License-Identifier: ISC
-- 022_qa.sql: the audience Q&A round type and the floor
-- features it needs, which every round of ideas may use.
--
-- idea.mark: the facilitator's mark on an idea (ideamark.c): 0 none,
-- 1 being answered (at most one per round), 2 answered.
-- idea.named: the asker chose to be named (a named session, "ask
-- anonymously" not ticked); read only together with session.named, so
-- an anonymous session names nobody.
-- round.session_wide: the round stays reachable on the phones beside
-- whatever round is the step (a "Questions" tab).
ALTER TABLE idea ADD COLUMN IF NOT EXISTS mark TINYINT NOT NULL DEFAULT 0;
ALTER TABLE idea ADD COLUMN IF NOT EXISTS named TINYINT(1) NOT NULL
	DEFAULT 0;
ALTER TABLE round ADD COLUMN IF NOT EXISTS session_wide TINYINT(1) NOT NULL
	DEFAULT 0;
