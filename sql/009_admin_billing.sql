-- SPDX-License-Identifier: ISC
-- 009_admin_billing.sql: the audit trail becomes a hash chain, plans move
-- from the configuration into the data, and subscriptions arrive from
-- the billing provider's webhook.

-- The chain.  Each row carries its sequence number, the hash of the
-- row before it and its own hash: SHA-256 over the canonical text of the
-- row (fcgi/audit.c, audit_canonical(), and the UPDATE below write the
-- same text).  audit_head holds the last sequence number and hash; a
-- writer locks it, so rows are chained in one order even with many
-- workers and hosts.  primoforumctl audit verify walks the chain.
ALTER TABLE audit_event ADD COLUMN IF NOT EXISTS seq BIGINT UNSIGNED NULL;
ALTER TABLE audit_event ADD COLUMN IF NOT EXISTS prev_hash CHAR(64) NULL;
ALTER TABLE audit_event ADD COLUMN IF NOT EXISTS hash CHAR(64) NULL;

CREATE TABLE IF NOT EXISTS audit_head (
	id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
	seq BIGINT UNSIGNED NOT NULL,
	hash CHAR(64) NOT NULL
) ENGINE=InnoDB;

-- Rows written before this version join the chain in id order.  The
-- canonical text: "pf-audit-1", then seq, time, account, actor, address,
-- request id, action, target, outcome and the previous hash, one a line;
-- text fields as "<length in bytes>:<bytes>", NULL as "-".
SET @pf_seq = 0;
SET @pf_hash = REPEAT('0', 64);
UPDATE audit_event SET
	seq = (@pf_seq := @pf_seq + 1),
	prev_hash = @pf_hash,
	hash = (@pf_hash := SHA2(CONCAT('pf-audit-1\n', seq, '\n',
	    DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f'), '\n',
	    IFNULL(CONCAT(LENGTH(account_id), ':', account_id), '-'), '\n',
	    CONCAT(LENGTH(actor), ':', actor), '\n',
	    IFNULL(CONCAT(LENGTH(address), ':', address), '-'), '\n',
	    IFNULL(CONCAT(LENGTH(request_id), ':', request_id), '-'), '\n',
	    CONCAT(LENGTH(action), ':', action), '\n',
	    IFNULL(CONCAT(LENGTH(target), ':', target), '-'), '\n',
	    CONCAT(LENGTH(outcome), ':', outcome), '\n',
	    prev_hash), 256))
	WHERE seq IS NULL ORDER BY id;
INSERT IGNORE INTO audit_head (id, seq, hash) VALUES (1, @pf_seq, @pf_hash);

ALTER TABLE audit_event MODIFY seq BIGINT UNSIGNED NOT NULL;
ALTER TABLE audit_event MODIFY prev_hash CHAR(64) NOT NULL;
ALTER TABLE audit_event MODIFY hash CHAR(64) NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS audit_seq ON audit_event (seq);

GRANT SELECT, UPDATE ON audit_head TO primoforum_app;

-- Plans (P10): what each plan allows.  account.plan names one.  The
-- limits are enforced by the application when a session starts, when
-- someone joins and when a report is downloaded.
CREATE TABLE IF NOT EXISTS plan (
	name VARCHAR(16) NOT NULL PRIMARY KEY,
	title VARCHAR(60) NOT NULL,
	-- Participants in one run of a session.
	max_participants INT UNSIGNED NOT NULL,
	-- Sessions running at the same time.
	max_running INT UNSIGNED NOT NULL,
	teams TINYINT(1) NOT NULL DEFAULT 0,
	reports TINYINT(1) NOT NULL DEFAULT 0,
	-- The billing provider's product handle for this plan, if it is sold.
	product VARCHAR(64) NULL,
	UNIQUE KEY plan_product (product)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT IGNORE INTO plan (name, title, max_participants, max_running, teams,
    reports, product) VALUES
	('free', 'Free', 50, 2, 0, 1, NULL),
	('pro', 'Pro', 500, 5, 1, 1, 'primoforum-pro'),
	('enterprise', 'Enterprise', 5000, 25, 1, 1, 'primoforum-enterprise');

-- Subscriptions as the billing provider reports them.  No card data: the
-- provider holds it; this keeps the state and which plan it buys.
-- event_at is the time of the newest event applied, so an older event
-- that arrives late changes nothing.
CREATE TABLE IF NOT EXISTS subscription (
	id VARCHAR(64) NOT NULL PRIMARY KEY,
	account_id BIGINT UNSIGNED NOT NULL,
	plan VARCHAR(16) NOT NULL,
	state VARCHAR(16) NOT NULL,
	event_at DATETIME(6) NOT NULL,
	updated_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	KEY subscription_account (account_id),
	CONSTRAINT subscription_account_fk FOREIGN KEY (account_id)
		REFERENCES account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Webhook events already processed, by the provider's event id: a replay
-- is answered 200 and changes nothing.
CREATE TABLE IF NOT EXISTS billing_event (
	id VARCHAR(64) NOT NULL PRIMARY KEY,
	subscription_id VARCHAR(64) NULL,
	outcome VARCHAR(16) NOT NULL,
	received_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

GRANT SELECT ON plan TO primoforum_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON subscription TO primoforum_app;
GRANT SELECT, INSERT ON billing_event TO primoforum_app;
