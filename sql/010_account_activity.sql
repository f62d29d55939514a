-- SPDX-License-Identifier: ISC
-- 010_account_activity.sql: when an account last logged in, for the
-- retention of inactive accounts (primoforumctl purge).  NULL: not since
-- this version; created_at stands in.
ALTER TABLE account ADD COLUMN IF NOT EXISTS last_active_at DATETIME(6) NULL;
