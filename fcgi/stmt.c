/* SPDX-License-Identifier: ISC */
/*
 * stmt.c: every SQL statement of the program, in tables indexed by enum
 * stmt (db.h), each statement with a comment; db.c prepares and runs
 * them.  Data only: nothing here talks to the server, so the SQL can be
 * read (and reviewed) apart from the connection code.  No statement is
 * ever built from strings at run time.
 *
 * The statements are split by concern over several files, each a table
 * of the same shape that defines only its own rows (stmtdef.h): this
 * file the foundation, accounts, logins, the audit trail, the admin area
 * and plans; stmtsess.c a session and what it holds.  stmt_check() (run
 * by every program at start and by t/unit/test_stmt) proves that each
 * statement is defined exactly once.
 */
#include <stddef.h>

#include "extern.h"
#include "db.h"
#include "stmtdef.h"
#include "banned.h"

/* The columns of an audit row, in the order audit_canonical() takes. */
#define AUDIT_COLS "seq, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f'), " \
	"account_id, actor, address, request_id, action, target, outcome, " \
	"prev_hash, hash"

/* The columns of an account in the admin area: no content, no secret. */
#define ADMIN_ACCOUNT_COLS "a.id, a.email, a.display_name, a.plan, a.role, " \
	"a.disabled, a.totp_enabled, " \
	"DATE_FORMAT(a.created_at, '%Y-%m-%dT%H:%i:%sZ'), " \
	"(SELECT DATE_FORMAT(MAX(l.last_seen), '%Y-%m-%dT%H:%i:%sZ') " \
	"FROM login l WHERE l.account_id = a.id), " \
	"(SELECT COUNT(*) FROM login l WHERE l.account_id = a.id), " \
	"(SELECT COUNT(*) FROM session s WHERE s.account_id = a.id)"

/* The columns of a plan, as plan.c reads them. */
#define PLAN_COLS "p.name, p.title, p.max_participants, p.max_running, " \
	"p.teams, p.reports"
const struct stmtdef stmts_account[STMT__MAX] = {
	/*
	 * A transaction starts with this and ends with mysql_commit() or
	 * mysql_rollback(): one round trip each, where turning autocommit
	 * off and on again took two more.
	 */
	[STMT_BEGIN] = { "START TRANSACTION", 0 },
	/* The schema version the health check reports. */
	[STMT_SCHEMA_VERSION] = { "SELECT COALESCE(MAX(version), 0) "
	    "FROM schema_migrations", 1 },
	/* primoforumctl migrate: its own bookkeeping table. */
	[STMT_MIG_CREATE] = { "CREATE TABLE IF NOT EXISTS schema_migrations ("
	    "version INT UNSIGNED NOT NULL PRIMARY KEY, "
	    "name VARCHAR(255) NOT NULL, "
	    "applied_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6)"
	    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4", 0 },
	[STMT_MIG_LIST] = { "SELECT version, name FROM schema_migrations "
	    "ORDER BY version", 1 },
	[STMT_MIG_RECORD] = { "INSERT INTO schema_migrations (version, name) "
	    "VALUES (?, ?)", 0 },

	/* Accounts (api_account.c). */
	[STMT_ACCOUNT_INSERT] = { "INSERT INTO account (email, display_name, "
	    "organisation, password_hash) VALUES (?, ?, ?, ?)", 0 },
	[STMT_ACCOUNT_BY_EMAIL] = { "SELECT id, password_hash, disabled, "
	    "totp_enabled, role, totp_last_step FROM account "
	    "WHERE email = ?", 1 },
	[STMT_ACCOUNT_BY_ID] = { "SELECT id, email, display_name, organisation, "
	    "plan, role, totp_enabled, DATE_FORMAT(created_at, "
	    "'%Y-%m-%dT%H:%i:%sZ'), password_hash, totp_secret, totp_last_step "
	    "FROM account WHERE id = ?", 1 },
	[STMT_ACCOUNT_SET_PASSWORD] = { "UPDATE account SET password_hash = ? "
	    "WHERE id = ?", 0 },
	/* A new secret waits, disabled, until a code confirms it. */
	[STMT_ACCOUNT_SET_TOTP_SECRET] = { "UPDATE account SET totp_secret = ?, "
	    "totp_enabled = 0 WHERE id = ? AND totp_enabled = 0", 0 },
	[STMT_ACCOUNT_TOTP_ENABLE] = { "UPDATE account SET totp_enabled = 1, "
	    "totp_last_step = ? WHERE id = ? AND totp_secret IS NOT NULL", 0 },
	[STMT_ACCOUNT_TOTP_DISABLE] = { "UPDATE account SET totp_enabled = 0, "
	    "totp_secret = NULL WHERE id = ?", 0 },
	/* Takes a time step if no later or equal one was used: no replay. */
	[STMT_ACCOUNT_TOTP_STEP] = { "UPDATE account SET totp_last_step = ? "
	    "WHERE id = ? AND totp_last_step < ?", 0 },
	/* Logins, recovery codes and resets go with it (ON DELETE CASCADE). */
	[STMT_ACCOUNT_DELETE] = { "DELETE FROM account WHERE id = ?", 0 },

	/* Logins (login.c). */
	[STMT_LOGIN_INSERT] = { "INSERT INTO login (account_id, token_hash, "
	    "csrf_token, user_agent, address) VALUES (?, ?, ?, ?, ?)", 0 },
	[STMT_LOGIN_GET] = { "SELECT l.id, l.account_id, l.csrf_token, "
	    "TIMESTAMPDIFF(SECOND, l.created_at, UTC_TIMESTAMP(6)), "
	    "TIMESTAMPDIFF(SECOND, l.last_seen, UTC_TIMESTAMP(6)), "
	    "a.email, a.display_name, a.role, a.totp_enabled, a.disabled "
	    "FROM login l JOIN account a ON a.id = l.account_id "
	    "WHERE l.token_hash = ?", 1 },
	[STMT_LOGIN_TOUCH] = { "UPDATE login SET last_seen = UTC_TIMESTAMP(6) "
	    "WHERE id = ?", 0 },
	[STMT_LOGIN_DELETE] = { "DELETE FROM login WHERE id = ?", 0 },
	[STMT_LOGIN_DELETE_TOKEN] = { "DELETE FROM login WHERE token_hash = ?",
	    0 },
	[STMT_LOGIN_DELETE_OWN] = { "DELETE FROM login WHERE id = ? AND "
	    "account_id = ?", 0 },
	[STMT_LOGIN_DELETE_ALL] = { "DELETE FROM login WHERE account_id = ?",
	    0 },
	[STMT_LOGIN_DELETE_OTHERS] = { "DELETE FROM login WHERE account_id = ? "
	    "AND id <> ?", 0 },
	[STMT_LOGIN_LIST] = { "SELECT id, user_agent, address, "
	    "DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%sZ'), "
	    "DATE_FORMAT(last_seen, '%Y-%m-%dT%H:%i:%sZ') FROM login "
	    "WHERE account_id = ? ORDER BY last_seen DESC", 1 },

	/* Two-factor recovery codes, stored as SHA-256. */
	[STMT_RECOVERY_DELETE] = { "DELETE FROM recovery_code WHERE "
	    "account_id = ?", 0 },
	[STMT_RECOVERY_INSERT] = { "INSERT INTO recovery_code (account_id, "
	    "code_hash) VALUES (?, ?)", 0 },
	[STMT_RECOVERY_USE] = { "UPDATE recovery_code SET used_at = "
	    "UTC_TIMESTAMP(6) WHERE account_id = ? AND code_hash = ? AND "
	    "used_at IS NULL", 0 },

	/* Password resets: single use, expiring. */
	[STMT_RESET_INSERT] = { "INSERT INTO password_reset (account_id, "
	    "token_hash, expires_at, requester_hash) VALUES (?, ?, "
	    "UTC_TIMESTAMP(6) + INTERVAL ? SECOND, ?)", 0 },
	/* Links mailed in the last hour: of an account, from an address. */
	[STMT_RESET_RECENT] = { "SELECT (SELECT COUNT(*) FROM password_reset "
	    "WHERE account_id = ? AND requester_hash IS NOT NULL AND "
	    "created_at > UTC_TIMESTAMP(6) - INTERVAL 1 HOUR), "
	    "(SELECT COUNT(*) FROM password_reset WHERE "
	    "requester_hash = ? AND created_at > UTC_TIMESTAMP(6) - "
	    "INTERVAL 1 HOUR)", 1 },
	[STMT_RESET_FIND] = { "SELECT account_id FROM password_reset WHERE "
	    "token_hash = ? AND used_at IS NULL AND expires_at > "
	    "UTC_TIMESTAMP(6) FOR UPDATE", 0 },
	[STMT_RESET_USE] = { "UPDATE password_reset SET used_at = "
	    "UTC_TIMESTAMP(6) WHERE account_id = ? AND used_at IS NULL", 0 },

	/* Failed-login throttling (api_login.c). */
	[STMT_THROTTLE_GET] = { "SELECT failures, GREATEST(0, CEIL("
	    "TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(6), blocked_until) / "
	    "1000000)), TIMESTAMPDIFF(SECOND, updated_at, UTC_TIMESTAMP(6)) "
	    "FROM login_throttle WHERE kind = ? AND key_hash = ?", 1 },
	[STMT_THROTTLE_SET] = { "INSERT INTO login_throttle (kind, key_hash, "
	    "failures, blocked_until, updated_at) VALUES (?, ?, ?, "
	    "UTC_TIMESTAMP(6) + INTERVAL ? SECOND, UTC_TIMESTAMP(6)) "
	    "ON DUPLICATE KEY UPDATE "
	    /*
	     * Several hosts write a key (throttle.c): the larger count and
	     * the later end of the wait stay, unless the row is a day old
	     * (forgotten).  updated_at last, so that the IF()s read the old
	     * value.
	     */
	    "failures = IF(updated_at < UTC_TIMESTAMP(6) - INTERVAL 1 DAY, "
	    "VALUES(failures), GREATEST(failures, VALUES(failures))), "
	    "blocked_until = IF(updated_at < UTC_TIMESTAMP(6) - INTERVAL 1 "
	    "DAY, VALUES(blocked_until), GREATEST(blocked_until, "
	    "VALUES(blocked_until))), updated_at = VALUES(updated_at)", 0 },
	[STMT_THROTTLE_CLEAR] = { "DELETE FROM login_throttle WHERE kind = ? "
	    "AND key_hash = ?", 0 },

	/* The audit trail: rows are only ever added (audit.c). */
	/*
	 * The audit chain (audit.c): lock the head, add the row with its
	 * hash, move the head, in one transaction.
	 */
	[STMT_AUDIT_INSERT] = { "INSERT INTO audit_event (seq, at, account_id, "
	    "actor, address, request_id, action, target, outcome, prev_hash, "
	    "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", 0 },
	[STMT_AUDIT_HEAD_LOCK] = { "SELECT seq, hash FROM audit_head "
	    "WHERE id = 1 FOR UPDATE", 0 },
	[STMT_AUDIT_HEAD_GET] = { "SELECT seq, hash FROM audit_head "
	    "WHERE id = 1", 1 },
	[STMT_AUDIT_HEAD_SET] = { "UPDATE audit_head SET seq = ?, hash = ? "
	    "WHERE id = 1", 0 },
	[STMT_AUDIT_BY_ACCOUNT] = { "SELECT DATE_FORMAT(at, "
	    "'%Y-%m-%dT%H:%i:%s.%fZ'), action, target, outcome, address, "
	    "request_id FROM audit_event WHERE account_id = ? ORDER BY id", 1 },
	/* The chain, for audit verify and export (AUDIT_COLS order). */
	[STMT_AUDIT_CHAIN] = { "SELECT " AUDIT_COLS " FROM audit_event "
	    "WHERE seq > ? ORDER BY seq LIMIT 10000", 1 },
	[STMT_AUDIT_RANGE] = { "SELECT " AUDIT_COLS " FROM audit_event "
	    "WHERE at >= ? AND at < ? AND seq > ? ORDER BY seq LIMIT ?", 1 },
	/*
	 * Retention (primoforumctl audit purge, as the migrations account:
	 * the application's account cannot DELETE here).
	 */
	[STMT_AUDIT_PURGE_POINT] = { "SELECT seq, hash FROM audit_event "
	    "WHERE at < UTC_TIMESTAMP(6) - INTERVAL ? DAY "
	    "ORDER BY seq DESC LIMIT 1", 1 },
	[STMT_AUDIT_PURGE] = { "DELETE FROM audit_event WHERE seq <= ? "
	    "ORDER BY seq LIMIT 5000", 0 },
	/*
	 * The admin area (api_admin.c): accounts and counts, never a
	 * session's content (P8).
	 */
	[STMT_ADMIN_ACCOUNTS] = { "SELECT " ADMIN_ACCOUNT_COLS " FROM account a "
	    "WHERE a.email LIKE ? OR a.display_name LIKE ? OR a.id = ? "
	    "ORDER BY a.id LIMIT 100", 1 },
	[STMT_ADMIN_ACCOUNT] = { "SELECT " ADMIN_ACCOUNT_COLS " FROM account a "
	    "WHERE a.id = ?", 1 },
	[STMT_ADMIN_COUNTS] = { "SELECT (SELECT COUNT(*) FROM account), "
	    "(SELECT COUNT(*) FROM account WHERE disabled = 1), "
	    "(SELECT COUNT(*) FROM session WHERE state = 'running'), "
	    "(SELECT COUNT(*) FROM participant p JOIN session s "
	    "ON s.id = p.session_id AND s.run = p.run AND "
	    "s.state = 'running' WHERE p.removed = 0), "
	    "(SELECT COUNT(*) FROM login), "
	    "(SELECT COALESCE(MAX(version), 0) FROM schema_migrations), "
	    "(SELECT seq FROM audit_head WHERE id = 1)", 1 },
	[STMT_ACCOUNT_SET_DISABLED] = { "UPDATE account SET disabled = ? "
	    "WHERE id = ?", 0 },
	[STMT_ACCOUNT_SET_PLAN] = { "UPDATE account SET plan = ? "
	    "WHERE id = ?", 0 },
	[STMT_ACCOUNT_INSERT_STAFF] = { "INSERT INTO account (email, "
	    "display_name, password_hash, role, plan) "
	    "VALUES (?, ?, ?, ?, 'free')", 0 },
	/* Plans and subscriptions (plan.c, api_billing.c). */
	[STMT_PLAN_GET] = { "SELECT " PLAN_COLS " FROM plan p "
	    "WHERE p.name = ?", 1 },
	[STMT_PLAN_OF_ACCOUNT] = { "SELECT " PLAN_COLS " FROM plan p "
	    "JOIN account a ON a.plan = p.name WHERE a.id = ?", 1 },
	[STMT_PLAN_BY_PRODUCT] = { "SELECT name FROM plan WHERE product = ?",
	    1 },
	[STMT_PLAN_LIST] = { "SELECT " PLAN_COLS " FROM plan p "
	    "ORDER BY p.max_participants", 1 },
	[STMT_SESSIONS_RUNNING] = { "SELECT COUNT(*) FROM session "
	    "WHERE account_id = ? AND state = 'running' AND id <> ?", 0 },
	[STMT_BILLING_EVENT_INSERT] = { "INSERT INTO billing_event (id, "
	    "subscription_id, outcome) VALUES (?, ?, ?)", 0 },
	[STMT_SUBSCRIPTION_LOCK] = { "SELECT account_id, plan, state, "
	    "DATE_FORMAT(event_at, '%Y-%m-%dT%H:%i:%sZ') FROM subscription "
	    "WHERE id = ? FOR UPDATE", 0 },
	[STMT_SUBSCRIPTION_UPSERT] = { "INSERT INTO subscription (id, "
	    "account_id, plan, state, event_at) VALUES (?, ?, ?, ?, ?) "
	    "ON DUPLICATE KEY UPDATE plan = VALUES(plan), "
	    "state = VALUES(state), event_at = VALUES(event_at), "
	    "updated_at = UTC_TIMESTAMP(6)", 0 },
	[STMT_ACCOUNT_ACTIVE] = { "UPDATE account SET last_active_at = "
	    "UTC_TIMESTAMP(6) WHERE id = ?", 0 },
	/*
	 * Retention (ops.c): participants go with their answers and ideas
	 * (ON DELETE CASCADE); the session and its rounds stay the
	 * facilitator's.  Staff accounts are never purged.
	 */
	[STMT_PURGE_PARTICIPANTS] = { "DELETE p FROM participant p "
	    "JOIN session s ON s.id = p.session_id WHERE s.state = 'stopped' "
	    "AND s.stopped_at < UTC_TIMESTAMP(6) - INTERVAL ? DAY", 0 },
	[STMT_PURGE_ACCOUNTS] = { "SELECT id FROM account WHERE role = "
	    "'facilitator' AND COALESCE(last_active_at, created_at) < "
	    "UTC_TIMESTAMP(6) - INTERVAL ? MONTH ORDER BY id LIMIT 1000", 0 },
};

/* Every table of statements; stmt_sql() takes the one that has s. */
static const struct stmtdef *const parts[] = {
	stmts_account,
	stmts_session,
	stmts_qa,
	stmts_member,
	stmts_quiz,
	stmts_profile,
};
#define NPARTS (sizeof(parts) / sizeof(parts[0]))


/*
 * The statements that change what a participant's poll sees (the
 * session's version or state, a participant's token): for each, the
 * parameter (1-based) that names the session.  db_exec() tells the poll
 * cache (pollcache.c) before such a statement runs and again when its
 * transaction ends, so that no poll of that session is answered from
 * memory in between.  A statement missing here would let a host answer
 * "unchanged" for up to poll_cache_ms after the change.
 */
static const unsigned char session_param[STMT__MAX] = {
	[STMT_SESSION_UPDATE] = 8,
	[STMT_SESSION_START] = 3,
	[STMT_LIVE_RENEW] = 2,
	[STMT_SESSION_STOP] = 1,
	[STMT_SESSION_SET_LOCK] = 2,
	[STMT_SESSION_BUMP] = 1,
	[STMT_SESSION_EXPIRE] = 1,
	[STMT_PARTICIPANT_REMOVE] = 2,
	[STMT_PARTICIPANT_REVOKE_ALL] = 1,
	[STMT_STEP_SET] = 4,
	[STMT_TIMER_SET] = 4,
	[STMT_TIMER_ADD] = 2,
	[STMT_TIMER_CLEAR] = 1,
	[STMT_QUIZ_TIMER] = 3,
	[STMT_QUIZ_BOARD_HIDE] = 2,
};

/* Returns the SQL of statement s. */
static const struct stmtdef *
def(enum stmt s)
{
	size_t	 i;

	for (i = 0; i < NPARTS; i++)
		if (parts[i][s].sql != NULL)
			return &parts[i][s];
	return NULL;
}

const char *
stmt_sql(enum stmt s)
{
	const struct stmtdef	*d = def(s);

	return d == NULL ? NULL : d->sql;
}

/* Returns 1 if s is safe to run again after a lost connection (a read). */
int
stmt_retry(enum stmt s)
{
	const struct stmtdef	*d = def(s);

	return d != NULL && d->retry;
}

/*
 * Returns the 1-based parameter of s that names a session whose polled
 * state s changes, or 0 if s changes none.
 */
size_t
stmt_session(enum stmt s)
{
	return session_param[s];
}

/*
 * Returns the first statement that no table or more than one defines,
 * or STMT__MAX if each is defined exactly once: a row forgotten or
 * written twice in two files is a mistake no compiler sees.
 */
enum stmt
stmt_check(void)
{
	size_t	 i, n;
	int	 s;

	for (s = 0; s < STMT__MAX; s++) {
		for (n = i = 0; i < NPARTS; i++)
			n += parts[i][s].sql != NULL;
		if (n != 1)
			return s;
	}
	return STMT__MAX;
}
