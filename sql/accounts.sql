-- SPDX-License-Identifier: ISC
-- accounts.sql: the database and its two accounts, run once by the
-- database administrator (as root over the local socket):
--
--   { echo "SET @app_pw = '...', @migrate_pw = '...';"; cat accounts.sql; } |
--       mariadb
--
-- Passwords arrive as user variables on standard input, never on a
-- command line.  The names here are the defaults of primoforum.conf
-- (db_name, db_user, db_migrate_user).
--
-- primoforum_migrate: changes the schema (migrations) and may grant to
--   the role primoforum_app what new tables need.  Nothing outside the
--   primoforum database.
-- primoforum: the application.  Only the role primoforum_app, whose
--   privileges each migration sets table by table (for example: the
--   audit trail gets INSERT and SELECT, never UPDATE or DELETE).
CREATE DATABASE IF NOT EXISTS primoforum
	CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE ROLE IF NOT EXISTS primoforum_app;

EXECUTE IMMEDIATE CONCAT('CREATE USER IF NOT EXISTS ',
	'''primoforum_migrate''@''localhost'' IDENTIFIED BY ', QUOTE(@migrate_pw));
EXECUTE IMMEDIATE CONCAT('ALTER USER ',
	'''primoforum_migrate''@''localhost'' IDENTIFIED BY ', QUOTE(@migrate_pw));
GRANT ALL PRIVILEGES ON primoforum.* TO 'primoforum_migrate'@'localhost'
	WITH GRANT OPTION;

EXECUTE IMMEDIATE CONCAT('CREATE USER IF NOT EXISTS ',
	'''primoforum''@''localhost'' IDENTIFIED BY ', QUOTE(@app_pw));
EXECUTE IMMEDIATE CONCAT('ALTER USER ',
	'''primoforum''@''localhost'' IDENTIFIED BY ', QUOTE(@app_pw));
GRANT primoforum_app TO 'primoforum'@'localhost';
SET DEFAULT ROLE primoforum_app FOR 'primoforum'@'localhost';
FLUSH PRIVILEGES;
