/* SPDX-License-Identifier: ISC */
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
 * an audit event, reads included.  The queries and changes are
 * admin.c's; this file validates, calls it, and answers.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "extern.h"
#include "banned.h"

/* How many audit rows one API call returns at most. */
#define AUDIT_MAX_ROWS	10000

/* The audit target of the route's account. */
static const char *
target_of(struct request *r, char *buf, size_t sz)
{
	int	 n;

	n = snprintf(buf, sz, "account:%lld", r->ids[0]);
	return n > 0 && (size_t)n < sz ? buf : NULL;
}

/* GET /api/admin/accounts?q=: at most 100, and their count. */
int
api_admin_accounts(struct request *r)
{
	const struct kv		*q;
	struct adminacct	*v;
	struct why		 why = { NULL, "", 0 };
	struct jw		*w;
	size_t			 n, i;
	enum outcome		 o;

	q = kvlist_get(&r->query, "q");
	o = admin_accounts_find(r->db, q != NULL ? q->val : NULL,
	    q != NULL ? q->vallen : 0, &v, &n, &why);
	if (o != OUT_OK)
		return resp_outcome(r, o, &why);
	w = resp_json(r, 200);
	jw_obj(w);
	jw_key(w, "accounts");
	jw_arr(w);
	for (i = 0; i < n; i++)
		adminacct_write(w, &v[i]);
	jw_end(w);
	jw_kint(w, "count", (long long)n);
	jw_end(w);
	adminacct_list_free(v, n);
	audit(r, "admin_accounts_searched", 0, NULL, "ok");
	return resp_done(r, w);
}

/* Answers {"account": {...}} for r->ids[0], or a 404. */
static int
account_answer(struct request *r)
{
	struct adminacct	 a;
	struct why		 why = { NULL, "", 0 };
	struct jw		*w;
	enum outcome		 o;

	if ((o = admin_account_get(r->db, r->ids[0], &a, &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	w = resp_json(r, 200);
	jw_obj(w);
	jw_key(w, "account");
	adminacct_write(w, &a);
	jw_end(w);
	adminacct_release(&a);
	return resp_done(r, w);
}

/* GET /api/admin/accounts/{id}. */
int
api_admin_account(struct request *r)
{
	char	 target[40];

	audit(r, "admin_account_viewed", r->ids[0],
	    target_of(r, target, sizeof(target)), "ok");
	return account_answer(r);
}

/* Disable (off) or enable the route's account, then show it. */
static int
set_disabled(struct request *r, int off)
{
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;

	if ((o = admin_set_disabled(r, r->ids[0], off, &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	return account_answer(r);
}

/* POST /api/admin/accounts/{id}/disable: its logins end too. */
int
api_admin_disable(struct request *r)
{
	return set_disabled(r, 1);
}

/* POST /api/admin/accounts/{id}/enable. */
int
api_admin_enable(struct request *r)
{
	return set_disabled(r, 0);
}

static const struct field plan_fields[] = {
	{ "plan", FT_STRING, 1, 1, 16 },
};

/* PUT /api/admin/accounts/{id}/plan: {"plan": name}. */
int
api_admin_plan(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	const char	*plan;
	size_t		 len;
	enum outcome	 o;
	int		 rc;

	if ((rc = fields_check(r, plan_fields,
	    sizeof(plan_fields) / sizeof(plan_fields[0]))) != 0)
		return rc;
	plan = field_str(r, "plan", &len);
	if ((o = admin_set_plan(r, r->ids[0], plan, len, &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	return account_answer(r);
}

/* POST /api/admin/accounts/{id}/reset-link: 201, a single-use link. */
int
api_admin_reset_link(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	struct jw	*w;
	char		 link[512];
	enum outcome	 o;

	o = admin_reset_link(r, r->ids[0], link, sizeof(link), &why);
	if (o != OUT_OK)
		return resp_outcome(r, o, &why);
	w = resp_json(r, 201);
	jw_obj(w);
	jw_kstr(w, "link", link);
	jw_kint(w, "valid_seconds", RESET_SECONDS);
	jw_kstr(w, "note", "single use; give it to the account's owner only");
	jw_end(w);
	return resp_done(r, w);
}

/* DELETE /api/admin/accounts/{id}/logins: every login ends. */
int
api_admin_logins_end(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;

	if ((o = admin_logins_end(r, r->ids[0], &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	return account_answer(r);
}

/* GET /api/admin/status: counts, schema, workers, version. */
int
api_admin_status(struct request *r)
{
	struct jw	*w;

	w = resp_json(r, 200);
	jw_obj(w);
	jw_key(w, "database");
	jw_obj(w);
	if (admin_counts_write(r->db, w) != OUT_OK) {
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
	int		 csv = 0, nf, nt;

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
	nf = snprintf(f, sizeof(f), "%.19s", from != NULL ? from->val :
	    "1970-01-01");
	nt = snprintf(t, sizeof(t), "%.19s", to != NULL ? to->val :
	    "9999-12-31");
	if (nf < 0 || (size_t)nf >= sizeof(f) || nt < 0 ||
	    (size_t)nt >= sizeof(t))
		return resp_error(r, 422, "invalid_period", "from and to are "
		    "dates (YYYY-MM-DD) or times (YYYY-MM-DDTHH:MM:SSZ), UTC");
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
	if (plan_list(r->db, w) != OUT_OK) {
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
