-- SPDX-License-Identifier: ISC
-- 001_foundation.sql: the first schema version.
--
-- schema_migrations itself is created by primoforumctl migrate.  The
-- application's account gets its privileges through the role
-- primoforum_app, created with the accounts (sql/accounts.sql), so each
-- migration grants exactly what the tables it adds need, and nothing
-- else: least privilege that the schema carries with it.
GRANT SELECT ON schema_migrations TO primoforum_app;
