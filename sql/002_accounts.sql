-- SPDX-License-Identifier: ISC
-- 002_accounts.sql: facilitator accounts, their logins (authenticated
-- browsers), two-factor recovery codes, password resets, login
-- throttling, and the audit trail.
--
-- Secrets are never stored as they are: passwords as argon2id hashes,
-- login/reset tokens and recovery codes as SHA-256 digests, the TOTP
-- secret encrypted (AES-256-GCM, key in the secrets file).

CREATE TABLE IF NOT EXISTS account (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	-- Normalized (trimmed, lowercase): unique without regard to case.
	email VARCHAR(254) NOT NULL,
	display_name VARCHAR(100) NOT NULL,
	organisation VARCHAR(200) NULL,
	password_hash VARCHAR(255) NOT NULL,
	plan VARCHAR(16) NOT NULL DEFAULT 'free',
	role VARCHAR(16) NOT NULL DEFAULT 'facilitator',
	totp_secret VARBINARY(128) NULL,
	totp_enabled TINYINT(1) NOT NULL DEFAULT 0,
	-- The last accepted TOTP time step: a step is used at most once.
	totp_last_step BIGINT NOT NULL DEFAULT 0,
	disabled TINYINT(1) NOT NULL DEFAULT 0,
	created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	UNIQUE KEY account_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS login (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	account_id BIGINT UNSIGNED NOT NULL,
	token_hash BINARY(32) NOT NULL,
	csrf_token CHAR(64) NOT NULL,
	user_agent VARCHAR(256) NULL,
	address VARCHAR(64) NULL,
	created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	last_seen DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	UNIQUE KEY login_token (token_hash),
	KEY login_account (account_id),
	CONSTRAINT login_account_fk FOREIGN KEY (account_id)
		REFERENCES account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS recovery_code (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	account_id BIGINT UNSIGNED NOT NULL,
	code_hash BINARY(32) NOT NULL,
	used_at DATETIME(6) NULL,
	UNIQUE KEY recovery_code_hash (account_id, code_hash),
	CONSTRAINT recovery_account_fk FOREIGN KEY (account_id)
		REFERENCES account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS password_reset (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	account_id BIGINT UNSIGNED NOT NULL,
	token_hash BINARY(32) NOT NULL,
	expires_at DATETIME(6) NOT NULL,
	used_at DATETIME(6) NULL,
	UNIQUE KEY password_reset_token (token_hash),
	CONSTRAINT reset_account_fk FOREIGN KEY (account_id)
		REFERENCES account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Failed logins, keyed by the SHA-256 of the normalized email (whether or
-- not such an account exists, so throttling reveals nothing) and by
-- address.  A key is held back exponentially, never locked for good.
CREATE TABLE IF NOT EXISTS login_throttle (
	kind CHAR(1) NOT NULL,		-- 'e'mail or 'a'ddress
	key_hash BINARY(32) NOT NULL,
	failures INT UNSIGNED NOT NULL DEFAULT 0,
	blocked_until DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	updated_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (kind, key_hash)
) ENGINE=InnoDB;

-- The audit trail.  The application may add and read rows, never change
-- or remove them (grants below).  No foreign key: events outlive the
-- account they are about.
CREATE TABLE IF NOT EXISTS audit_event (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	account_id BIGINT UNSIGNED NULL,
	actor VARCHAR(64) NOT NULL,
	address VARCHAR(64) NULL,
	request_id CHAR(32) NULL,
	action VARCHAR(64) NOT NULL,
	target VARCHAR(128) NULL,
	outcome VARCHAR(16) NOT NULL,
	KEY audit_account (account_id, at),
	KEY audit_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

GRANT SELECT, INSERT, UPDATE, DELETE ON account TO primoforum_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON login TO primoforum_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON recovery_code TO primoforum_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON password_reset TO primoforum_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON login_throttle TO primoforum_app;
GRANT SELECT, INSERT ON audit_event TO primoforum_app;
