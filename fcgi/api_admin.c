/*
 * api_admin.c: the admin area's API (P8, P9, P12).  Every route here is
 * under /api/admin/, which nginx serves only to the allowlist; the route
 * table lets only a login of an admin (or, for the audit trail and the
 * configuration report, an auditor) with two-factor on reach these
 * handlers (route.c).
 *
 *	GET	/api/admin/status			counts, schema, workers
 *	GET	/api/admin/accounts?q=			find accounts
 *	GET	/api/admin/accounts/{id}		one account
 *	POST	/api/admin/accounts/{id}/disable	disable; logins end
 *	POST	/api/admin/accounts/{id}/enable
 *	PUT	/api/admin/accounts/{id}/plan		{"plan": name}
 *	POST	/api/admin/accounts/{id}/reset-link	a single-use link
 *	DELETE	/api/admin/accounts/{id}/logins		end every login
 *	GET	/api/admin/audit?from=&to=&format=	the audit trail
 *	GET	/api/admin/config			the configuration report
 *
 * What an admin sees of an account is its identity, plan, state and
 * counts: never a session's title, rounds, ideas or answers.  Those
 * belong to the facilitator and the participants (P8).  Every call is
 * an audit event, reads included.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

/* How many audit rows one API call returns at most. */
#define AUDIT_MAX_ROWS	10000

static const char *const accountcols[] = { "id", "email", "display_name",
	"plan", "role", "disabled", "two_factor", "created_at", "last_seen",
	"logins", "sessions" };

static int
account_row(void *arg, const struct dbcol *c, size_t n)
{
	struct jw	*w = arg;
	long long	 v;
	size_t		 i;

	if (n != 11)
		return -1;
	jw_obj(w);
	for (i = 0; i < n; i++) {
		jw_key(w, accountcols[i]);
		if (c[i].null)
			jw_null(w);
		else if (i == 5 || i == 6)
			jw_bool(w, c[i].len == 1 && c[i].s[0] == '1');
		else if ((i == 0 || i >= 9) &&
		    parse_int(c[i].s, c[i].len, 0, INT64_MAX, &v) == 0)
			jw_int(w, v);
		else
			jw_strn(w, c[i].s, c[i].len);
	}
	jw_end(w);
	return 0;
}

static void
target_of(struct request *r, char *buf, size_t sz)
{
	snprintf(buf, sz, "account:%lld", r->ids[0]);
}

/* Appends s to out with LIKE's wildcards escaped, between two '%'. */
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

int
api_admin_accounts(struct request *r)
{
	const struct kv	*q;
	struct dbparam	 p[3];
	struct jw	*w;
	char		 pat[256];
	long long	 id = 0;
	size_t		 len;
	int		 rc;

	q = kvlist_get(&r->query, "q");
	len = q != NULL ? q->vallen : 0;
	if (len > 100 || (q != NULL && !utf8_valid(q->val, len)))
		return resp_error(r, 422, "invalid_query",
		    "q is at most 100 characters of text");
	if (like_pattern(q != NULL ? q->val : "", len, pat, sizeof(pat)) ==
	    -1)
		return resp_error(r, 422, "invalid_query", "q is too long");
	if (q != NULL)
		(void)parse_int(q->val, len, 1, INT64_MAX, &id);
	p[0] = (struct dbparam)DBP_STR(pat);
	p[1] = (struct dbparam)DBP_STR(pat);
	p[2] = (struct dbparam)DBP_INT(id);
	w = resp_json(r, 200);
	jw_obj(w);
	jw_key(w, "accounts");
	jw_arr(w);
	if ((rc = db_exec(r->db, STMT_ADMIN_ACCOUNTS, p, 3, account_row, w)) <
	    0) {
		jw_free(w);
		return db_unavailable(r);
	}
	jw_end(w);
	jw_kint(w, "count", rc);
	jw_end(w);
	audit(r, "admin_accounts_searched", 0, NULL, "ok");
	return resp_done(r, w);
}

/* Writes {"account": {...}} for r->ids[0], or a 404. */
static int
account_answer(struct request *r)
{
	struct dbparam	 p[1];
	struct jw	*w;
	int		 rc;

	p[0] = (struct dbparam)DBP_INT(r->ids[0]);
	w = resp_json(r, 200);
	jw_obj(w);
	jw_key(w, "account");
	rc = db_exec(r->db, STMT_ADMIN_ACCOUNT, p, 1, account_row, w);
	if (rc < 0) {
		jw_free(w);
		return db_unavailable(r);
	}
	if (rc == 0) {
		jw_free(w);
		return resp_error(r, 404, "not_found", "no such account");
	}
	jw_end(w);
	return resp_done(r, w);
}

int
api_admin_account(struct request *r)
{
	char	 target[40];

	target_of(r, target, sizeof(target));
	audit(r, "admin_account_viewed", r->ids[0], target, "ok");
	return account_answer(r);
}

/*
 * Disable or enable: the flag and, on disable, every login of the
 * account in one transaction, so no request of it is served after.
 */
static int
set_disabled(struct request *r, int off)
{
	struct dbparam	 p[2];
	char		 target[40];
	int		 rc;

	if (off && r->ids[0] == r->auth.account_id)
		return resp_error(r, 409, "own_account",
		    "an admin cannot disable their own account");
	if (db_begin(r->db) != 0)
		return db_unavailable(r);
	p[0] = (struct dbparam)DBP_INT(off);
	p[1] = (struct dbparam)DBP_INT(r->ids[0]);
	if ((rc = db_exec(r->db, STMT_ACCOUNT_SET_DISABLED, p, 2, NULL,
	    NULL)) < 0 || (off && db_exec(r->db, STMT_LOGIN_DELETE_ALL, &p[1],
	    1, NULL, NULL) < 0)) {
		db_rollback(r->db);
		return db_unavailable(r);
	}
	target_of(r, target, sizeof(target));
	audit(r, off ? "account_disabled" : "account_enabled", r->ids[0],
	    target, "ok");
	if (db_commit(r->db) != 0)
		return db_unavailable(r);
	return account_answer(r);
}

int
api_admin_disable(struct request *r)
{
	return set_disabled(r, 1);
}

int
api_admin_enable(struct request *r)
{
	return set_disabled(r, 0);
}

static const struct field plan_fields[] = {
	{ "plan", FT_STRING, 1, 1, 16 },
};

int
api_admin_plan(struct request *r)
{
	struct dbparam	 p[2];
	const char	*plan;
	char		 target[64];
	size_t		 len;
	int		 rc;

	if ((rc = fields_check(r, plan_fields,
	    sizeof(plan_fields) / sizeof(plan_fields[0]))) != 0)
		return rc;
	plan = field_str(r, "plan", &len);
	p[0] = (struct dbparam)DBP_TEXT(plan, len);
	if ((rc = db_exec(r->db, STMT_PLAN_GET, p, 1, NULL, NULL)) < 0)
		return db_unavailable(r);
	if (rc == 0)
		return resp_error(r, 422, "unknown_plan",
		    "there is no plan \"%.16s\"", plan);
	p[1] = (struct dbparam)DBP_INT(r->ids[0]);
	if ((rc = db_exec(r->db, STMT_ACCOUNT_SET_PLAN, p, 2, NULL, NULL)) <
	    0)
		return db_unavailable(r);
	snprintf(target, sizeof(target), "account:%lld plan:%.16s",
	    r->ids[0], plan);
	audit(r, "account_plan_changed", r->ids[0], target, "ok");
	return account_answer(r);
}

int
api_admin_reset_link(struct request *r)
{
	struct dbparam	 p[1];
	struct jw	*w;
	char		 link[512], target[40];
	int		 rc;

	p[0] = (struct dbparam)DBP_INT(r->ids[0]);
	if ((rc = db_exec(r->db, STMT_ADMIN_ACCOUNT, p, 1, NULL,
	    NULL)) < 0)
		return db_unavailable(r);
	if (rc == 0)
		return resp_error(r, 404, "not_found", "no such account");
	if (reset_link_create(r->db, r->cfg, r->ids[0], link,
	    sizeof(link)) == -1)
		return db_unavailable(r);
	target_of(r, target, sizeof(target));
	audit(r, "password_reset_link", r->ids[0], target, "ok");
	w = resp_json(r, 201);
	jw_obj(w);
	jw_kstr(w, "link", link);
	jw_kint(w, "valid_seconds", 3600);
	jw_kstr(w, "note", "single use; give it to the account's owner only");
	jw_end(w);
	return resp_done(r, w);
}

int
api_admin_logins_end(struct request *r)
{
	struct dbparam	 p[1];
	char		 target[40];
	int		 n;

	if (r->ids[0] == r->auth.account_id)
		return resp_error(r, 409, "own_account",
		    "end your own logins from your account page");
	p[0] = (struct dbparam)DBP_INT(r->ids[0]);
	if ((n = db_exec(r->db, STMT_LOGIN_DELETE_ALL, p, 1, NULL, NULL)) < 0)
		return db_unavailable(r);
	target_of(r, target, sizeof(target));
	audit(r, "account_logins_ended", r->ids[0], target, "ok");
	return account_answer(r);
}

static const char *const countcols[] = { "accounts", "accounts_disabled",
	"sessions_running", "participants_active", "logins",
	"schema_version", "audit_events" };

static int
counts_row(void *arg, const struct dbcol *c, size_t n)
{
	struct jw	*w = arg;
	long long	 v;
	size_t		 i;

	for (i = 0; i < n && i < 7; i++)
		jw_kint(w, countcols[i], parse_int(c[i].s, c[i].len, 0,
		    INT64_MAX, &v) == 0 ? v : 0);
	return 0;
}

int
api_admin_status(struct request *r)
{
	struct jw	*w;

	w = resp_json(r, 200);
	jw_obj(w);
	jw_key(w, "database");
	jw_obj(w);
	if (db_exec(r->db, STMT_ADMIN_COUNTS, NULL, 0, counts_row, w) != 1) {
		jw_free(w);
		return db_unavailable(r);
	}
	jw_end(w);
	jw_key(w, "workers");
	jw_obj(w);
	jw_kint(w, "configured", r->cfg->num[CFG_WORKERS]);
	jw_kint(w, "this_pid", (long long)getpid());
	jw_end(w);
	jw_kstr(w, "version", PACKAGE_VERSION);
	jw_end(w);
	audit(r, "admin_status_viewed", 0, NULL, "ok");
	return resp_done(r, w);
}

/* A date or a time, UTC: YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS[Z]. */
static int
time_ok(const char *s, size_t len)
{
	static const char pat[] = "dddd-dd-ddTdd:dd:dd";
	size_t	 i;

	if (len == 20 && s[19] == 'Z')
		len = 19;
	if (len != 10 && len != 19)
		return 0;
	for (i = 0; i < len; i++)
		if (pat[i] == 'd' ? s[i] < '0' || s[i] > '9' :
		    s[i] != pat[i] && !(i == 10 && s[i] == ' '))
			return 0;
	return 1;
}

/*
 * The audit trail of a period, for admins and auditors: JSON (default)
 * or CSV (format=csv), from <= at < to; by default the last 30 days.
 */
int
api_admin_audit(struct request *r)
{
	const struct kv	*from, *to, *fmt, *lim;
	char		 f[24], t[24];
	struct jw	*w = NULL;
	long long	 n, max = 1000;
	int		 csv = 0;

	from = kvlist_get(&r->query, "from");
	to = kvlist_get(&r->query, "to");
	fmt = kvlist_get(&r->query, "format");
	lim = kvlist_get(&r->query, "limit");
	if ((from != NULL && !time_ok(from->val, from->vallen)) ||
	    (to != NULL && !time_ok(to->val, to->vallen)))
		return resp_error(r, 422, "invalid_period", "from and to are "
		    "dates (YYYY-MM-DD) or times (YYYY-MM-DDTHH:MM:SSZ), UTC");
	if (fmt != NULL && strcmp(fmt->val, "csv") != 0 &&
	    strcmp(fmt->val, "json") != 0)
		return resp_error(r, 422, "invalid_format",
		    "format is json or csv");
	if (lim != NULL && parse_int(lim->val, lim->vallen, 1,
	    AUDIT_MAX_ROWS, &max) == -1)
		return resp_error(r, 422, "invalid_limit",
		    "limit is a number from 1 to %d", AUDIT_MAX_ROWS);
	csv = fmt != NULL && strcmp(fmt->val, "csv") == 0;
	/* MariaDB reads "T" and "Z" only in some modes: a space, no zone. */
	snprintf(f, sizeof(f), "%.19s", from != NULL ? from->val :
	    "1970-01-01");
	snprintf(t, sizeof(t), "%.19s", to != NULL ? to->val : "9999-12-31");
	if (strlen(f) > 10)
		f[10] = ' ';
	if (strlen(t) > 10)
		t[10] = ' ';
	if (csv) {
		buf_reset(&r->resp.body);
		n = audit_export(r->db, f, t, max, NULL, &r->resp.body);
	} else {
		w = resp_json(r, 200);
		jw_obj(w);
		jw_key(w, "events");
		jw_arr(w);
		n = audit_export(r->db, f, t, max, w, NULL);
	}
	if (n < 0) {
		jw_free(w);
		return db_unavailable(r);
	}
	audit(r, "audit_exported", 0, csv ? "csv" : "json", "ok");
	if (csv) {
		r->resp.status = 200;
		r->resp.ctype = "text/csv; charset=utf-8";
		r->resp.disposition = "attachment; filename=\"audit.csv\"";
		return 200;
	}
	jw_end(w);
	jw_kint(w, "count", n);
	jw_kbool(w, "truncated", n == max);
	jw_end(w);
	return resp_done(r, w);
}

/* The configuration report: settings, which secrets are set, plans. */
int
api_admin_config(struct request *r)
{
	struct jw	*w;

	w = resp_json(r, 200);
	jw_obj(w);
	config_report(r->cfg, w);
	jw_key(w, "plans");
	jw_arr(w);
	if (plan_list(r->db, w) == -1) {
		jw_free(w);
		return db_unavailable(r);
	}
	jw_end(w);
	jw_end(w);
	audit(r, "config_report_viewed", 0, NULL, "ok");
	return resp_done(r, w);
}

/*
 * nginx sends a request for the admin area from outside the allowlist
 * here (error_page 403 in its admin locations), so the refusal is an
 * audit event with the caller's real address.  Whatever headers such as
 * X-Forwarded-For say, REMOTE_ADDR is nginx's $remote_addr.
 */
int
api_admin_refused(struct request *r)
{
	audit(r, "admin_refused", 0, "outside the allowlist", "refused");
	return resp_error(r, 403, "forbidden",
	    "the admin area is not reachable from this address");
}
