-- SPDX-License-Identifier: ISC
-- 018_feed.sql: ideas of one round feed the next (fcgi/feed.c).  A round
-- made "from the ideas (or clusters) of round N" keeps that link, so it
-- can be prepared before round N has run and takes N's ideas or clusters
-- when it opens; each option keeps the idea or cluster it came from, so a
-- report can follow an idea to its cluster and that cluster's score.
ALTER TABLE round ADD COLUMN IF NOT EXISTS feed_round BIGINT UNSIGNED NULL;
ALTER TABLE round ADD COLUMN IF NOT EXISTS feed_use VARCHAR(8)
	CHARACTER SET ascii NULL;
ALTER TABLE round ADD CONSTRAINT round_feed_fk FOREIGN KEY IF NOT EXISTS
	(feed_round) REFERENCES round (id) ON DELETE SET NULL;
ALTER TABLE round_option ADD COLUMN IF NOT EXISTS source_idea BIGINT
	UNSIGNED NULL;
ALTER TABLE round_option ADD COLUMN IF NOT EXISTS source_cluster BIGINT
	UNSIGNED NULL;
ALTER TABLE round_option ADD CONSTRAINT option_idea_fk FOREIGN KEY IF NOT
	EXISTS (source_idea) REFERENCES idea (id) ON DELETE SET NULL;
ALTER TABLE round_option ADD CONSTRAINT option_cluster_fk FOREIGN KEY IF
	NOT EXISTS (source_cluster) REFERENCES cluster (id) ON DELETE SET NULL;
