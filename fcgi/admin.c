/* SPDX-License-Identifier: ISC */
/*
 * admin.c: what the admin area reads and changes (P8, P9, P12), as data
 * and rules: an account as an admin sees it (identity, plan, state and
 * counts; never a session's title, rounds, ideas or answers), finding
 * accounts, disabling, enabling, changing the plan, ending logins, and
 * the system's counts.  A domain module: api_admin.c validates, calls
 * these and answers; each change here is an audit event.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

/* ADMIN_ACCOUNT_COLS (db.c), in their order. */
static const struct dbfield adminacct_fields[] = {
	DBF_I(adminacct, id),
	DBF_S(adminacct, email),
	DBF_S(adminacct, name),
	DBF_S(adminacct, plan),
	DBF_S(adminacct, role),
	DBF_I(adminacct, disabled),
	DBF_I(adminacct, totp),
	DBF_S(adminacct, created),
	DBF_S(adminacct, seen),
	DBF_I(adminacct, logins),
	DBF_I(adminacct, sessions),
};
static const struct dbshape adminacct_shape =
    DBSHAPE(adminacct_fields, adminacct);

/* STMT_ADMIN_COUNTS, in its order. */
static const struct dbfield admincounts_fields[] = {
	DBF_I(admincounts, accounts),
	DBF_I(admincounts, disabled),
	DBF_I(admincounts, running),
	DBF_I(admincounts, participants),
	DBF_I(admincounts, logins),
	DBF_I(admincounts, schema),
	DBF_I(admincounts, events),
};
static const struct dbshape admincounts_shape =
    DBSHAPE(admincounts_fields, admincounts);

/* Writes an account as the admin area shows it. */
void
adminacct_write(struct jw *w, const struct adminacct *a)
{
	jw_obj(w);
	jw_kint(w, "id", a->id);
	jw_kstr(w, "email", a->email);
	jw_kstr(w, "display_name", a->name);
	jw_kstr(w, "plan", a->plan);
	jw_kstr(w, "role", a->role);
	jw_kbool(w, "disabled", a->disabled == 1);
	jw_kbool(w, "two_factor", a->totp == 1);
	jw_kstr(w, "created_at", a->created);
	jw_kstr(w, "last_seen", a->seen);
	jw_kint(w, "logins", a->logins);
	jw_kint(w, "sessions", a->sessions);
	jw_end(w);
}

/* Frees an array of accounts from admin_accounts_find(). */
void
adminacct_list_free(struct adminacct *v, size_t n)
{
	db_list_free(&adminacct_shape, v, n);
}

/* Frees what admin_account_get() decoded. */
void
adminacct_release(struct adminacct *a)
{
	db_shape_release(&adminacct_shape, a);
}

/* Writes s between two '%' into out, LIKE's wildcards escaped. */
static int
like_pattern(const char *s, size_t len, char *out, size_t outsz)
{
	size_t	 i, o = 0;

	if (outsz < 3)
		return -1;
	out[o++] = '%';
	for (i = 0; i < len; i++) {
		if (o + 4 > outsz)
			return -1;
		if (s[i] == '%' || s[i] == '_' || s[i] == '\\')
			out[o++] = '\\';
		out[o++] = s[i];
	}
	out[o++] = '%';
	out[o] = '\0';
	return 0;
}

/*
 * Finds at most 100 accounts whose email or name holds q (or whose id
 * it is) into the new array *v of *n (adminacct_list_free()).  Returns
 * OUT_OK, OUT_INVALID (invalid_query) or OUT_DB_DOWN.
 */
enum outcome
admin_accounts_find(struct db *db, const char *q, size_t len,
    struct adminacct **v, size_t *n, struct why *why)
{
	struct dbparam	 p[3];
	char		 pat[256];
	long long	 id = 0;

	*v = NULL;
	*n = 0;
	if (len > 100 || (q != NULL && !utf8_valid(q, len))) {
		why_set(why, "invalid_query",
		    "q is at most 100 characters of text");
		return OUT_INVALID;
	}
	if (like_pattern(q != NULL ? q : "", len, pat, sizeof(pat)) == -1) {
		why_set(why, "invalid_query", "q is too long");
		return OUT_INVALID;
	}
	if (q != NULL)
		(void)parse_int(q, len, 1, INT64_MAX, &id);
	p[0] = (struct dbparam)DBP_STR(pat);
	p[1] = (struct dbparam)DBP_STR(pat);
	p[2] = (struct dbparam)DBP_INT(id);
	if (db_list(db, STMT_ADMIN_ACCOUNTS, p, 3, &adminacct_shape, v, n) < 0)
		return OUT_DB_DOWN;
	return OUT_OK;
}

/*
 * Loads account id as an admin sees it (adminacct_release()).  Returns
 * OUT_OK, OUT_NOT_FOUND (no_such account) or OUT_DB_DOWN.
 */
enum outcome
admin_account_get(struct db *db, long long id, struct adminacct *a,
    struct why *why)
{
	struct dbparam	 p[1] = { DBP_INT(id) };
	int		 rc;

	rc = db_one(db, STMT_ADMIN_ACCOUNT, p, 1, &adminacct_shape, a);
	if (rc < 0)
		return OUT_DB_DOWN;
	if (rc == 0) {
		why_set(why, "not_found", "no such account");
		return OUT_NOT_FOUND;
	}
	return OUT_OK;
}

/* The audit target of account id. */
static void
target_of(long long id, char *buf, size_t sz)
{
	int	 n;

	n = snprintf(buf, sz, "account:%lld", id);
	if (n < 0 || (size_t)n >= sz)
		buf[0] = '\0';
}

/*
 * Disables (off) or enables account id: the flag and, on disable, every
 * login of the account and every running session of it (stopped as a
 * stop stops one: session_stop_all()) in one transaction, so no request
 * of it, nor any poll of its rooms, is served after.  Returns OUT_OK, OUT_CONFLICT (own_account) or OUT_DB_DOWN.
 */
enum outcome
admin_set_disabled(struct request *r, long long id, int off,
    struct why *why)
{
	struct dbparam	 p[2];
	struct liveend	 le;
	char		 target[40];
	int		 ok = 0;

	if (off && id == r->auth.account_id) {
		why_set(why, "own_account",
		    "an admin cannot disable their own account");
		return OUT_CONFLICT;
	}
	if (db_begin(r->db) != 0)
		return OUT_DB_DOWN;
	p[0] = (struct dbparam)DBP_INT(off);
	p[1] = (struct dbparam)DBP_INT(id);
	memset(&le, 0, sizeof(le));
	if (db_exec(r->db, STMT_ACCOUNT_SET_DISABLED, p, 2, NULL, NULL) < 0 ||
	    (off && (db_exec(r->db, STMT_LOGIN_DELETE_ALL, &p[1], 1, NULL,
	    NULL) < 0 || session_stop_all(r->db, id, &le) != OUT_OK))) {
		db_rollback(r->db);
		live_end_done(&le, 0);
		return OUT_DB_DOWN;
	}
	target_of(id, target, sizeof(target));
	audit(r, off ? "account_disabled" : "account_enabled", id, target,
	    "ok");
	if (db_commit(r->db) == 0)
		ok = 1;
	else
		db_rollback(r->db);
	live_end_done(&le, ok);
	return ok ? OUT_OK : OUT_DB_DOWN;
}

/*
 * Puts account id on plan [plan, plan + len).  Returns OUT_OK,
 * OUT_INVALID (unknown_plan) or OUT_DB_DOWN.
 */
enum outcome
admin_set_plan(struct request *r, long long id, const char *plan,
    size_t len, struct why *why)
{
	struct dbparam	 p[2];
	char		 target[64];
	int		 rc, n;

	p[0] = (struct dbparam)DBP_TEXT(plan, len);
	if ((rc = db_exec(r->db, STMT_PLAN_GET, p, 1, NULL, NULL)) < 0)
		return OUT_DB_DOWN;
	if (rc == 0) {
		why_set(why, "unknown_plan", "there is no plan \"%.16s\"",
		    plan);
		return OUT_INVALID;
	}
	p[1] = (struct dbparam)DBP_INT(id);
	if (db_exec(r->db, STMT_ACCOUNT_SET_PLAN, p, 2, NULL, NULL) < 0)
		return OUT_DB_DOWN;
	/* An id and 16 bytes fit; a cut target would still be logged. */
	n = snprintf(target, sizeof(target), "account:%lld plan:%.16s", id,
	    plan);
	if (n < 0 || (size_t)n >= sizeof(target))
		target_of(id, target, sizeof(target));
	audit(r, "account_plan_changed", id, target, "ok");
	return OUT_OK;
}

/*
 * A single-use reset link for account id into link, for its owner.
 * Returns OUT_OK, OUT_NOT_FOUND or OUT_DB_DOWN.
 */
enum outcome
admin_reset_link(struct request *r, long long id, char *link, size_t sz,
    struct why *why)
{
	struct dbparam	 p[1] = { DBP_INT(id) };
	char		 target[40];
	int		 rc;

	if ((rc = db_exec(r->db, STMT_ADMIN_ACCOUNT, p, 1, NULL, NULL)) < 0)
		return OUT_DB_DOWN;
	if (rc == 0) {
		why_set(why, "not_found", "no such account");
		return OUT_NOT_FOUND;
	}
	if (reset_link_create(r->db, r->cfg, id, NULL, link, sz) == -1)
		return OUT_DB_DOWN;
	target_of(id, target, sizeof(target));
	audit(r, "password_reset_link", id, target, "ok");
	return OUT_OK;
}

/*
 * Ends every login of account id (not the admin's own: those end from
 * the account page).  Returns OUT_OK, OUT_CONFLICT (own_account) or
 * OUT_DB_DOWN.
 */
enum outcome
admin_logins_end(struct request *r, long long id, struct why *why)
{
	struct dbparam	 p[1] = { DBP_INT(id) };
	char		 target[40];

	if (id == r->auth.account_id) {
		why_set(why, "own_account",
		    "end your own logins from your account page");
		return OUT_CONFLICT;
	}
	if (db_exec(r->db, STMT_LOGIN_DELETE_ALL, p, 1, NULL, NULL) < 0)
		return OUT_DB_DOWN;
	target_of(id, target, sizeof(target));
	audit(r, "account_logins_ended", id, target, "ok");
	return OUT_OK;
}

/*
 * Writes the system's counts as members of the object open in w.
 * Returns OUT_OK or OUT_DB_DOWN.
 */
enum outcome
admin_counts_write(struct db *db, struct jw *w)
{
	struct admincounts	 c;

	if (db_one(db, STMT_ADMIN_COUNTS, NULL, 0, &admincounts_shape,
	    &c) != 1)
		return OUT_DB_DOWN;
	jw_kint(w, "accounts", c.accounts);
	jw_kint(w, "accounts_disabled", c.disabled);
	jw_kint(w, "sessions_running", c.running);
	jw_kint(w, "participants_active", c.participants);
	jw_kint(w, "logins", c.logins);
	jw_kint(w, "schema_version", c.schema);
	jw_kint(w, "audit_events", c.events);
	return OUT_OK;
}
