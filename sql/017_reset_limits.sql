-- SPDX-License-Identifier: ISC
-- 017_reset_limits.sql: reset mails are limited per account and per
-- requesting address, a few an hour (fcgi/reset.c).  Each link's row says
-- when it was made and from which address (its SHA-256, as the throttle
-- keys are: no address is stored as it is); the limits count the rows of
-- the last hour.
ALTER TABLE password_reset ADD COLUMN IF NOT EXISTS created_at DATETIME(6)
	NOT NULL DEFAULT UTC_TIMESTAMP(6);
ALTER TABLE password_reset ADD COLUMN IF NOT EXISTS requester_hash
	BINARY(32) NULL;
ALTER TABLE password_reset ADD INDEX IF NOT EXISTS reset_account_made
	(account_id, created_at);
ALTER TABLE password_reset ADD INDEX IF NOT EXISTS reset_requester_made
	(requester_hash, created_at);
