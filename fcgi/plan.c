/*
 * plan.c: what an account's plan allows (P10: limits enforced on the
 * server, never only in the page).  Plans are rows of the plan table
 * (sql/009_admin_billing.sql); the billing webhook (api_billing.c) and
 * the admin area (api_admin.c) set account.plan.
 *
 * A refusal is 402 Payment Required with a message that names the limit
 * and the plan, so a facilitator knows what to change.
 */
#include <stdio.h>
#include <string.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

struct plan {
	char		 name[17];
	char		 title[61];
	long long	 max_participants;
	long long	 max_running;
	long long	 teams;
	long long	 reports;
};

static int
plan_row(void *arg, const struct dbcol *c, size_t n)
{
	struct plan	*p = arg;

	if (n != 6 || c[0].len >= sizeof(p->name) ||
	    c[1].len >= sizeof(p->title) ||
	    parse_int(c[2].s, c[2].len, 0, INT64_MAX, &p->max_participants) ||
	    parse_int(c[3].s, c[3].len, 0, INT64_MAX, &p->max_running) ||
	    parse_int(c[4].s, c[4].len, 0, 1, &p->teams) ||
	    parse_int(c[5].s, c[5].len, 0, 1, &p->reports))
		return -1;
	memcpy(p->name, c[0].s, c[0].len);
	p->name[c[0].len] = '\0';
	memcpy(p->title, c[1].s, c[1].len);
	p->title[c[1].len] = '\0';
	return 0;
}

static void
plan_write(struct jw *w, const struct plan *p)
{
	jw_obj(w);
	jw_kstr(w, "name", p->name);
	jw_kstr(w, "title", p->title);
	jw_kint(w, "max_participants", p->max_participants);
	jw_kint(w, "max_running_sessions", p->max_running);
	jw_kbool(w, "teams", (int)p->teams);
	jw_kbool(w, "reports", (int)p->reports);
	jw_end(w);
}

static int
plan_list_row(void *arg, const struct dbcol *c, size_t n)
{
	struct plan	 p;

	memset(&p, 0, sizeof(p));
	if (plan_row(&p, c, n) == -1)
		return -1;
	plan_write(arg, &p);
	return 0;
}

/* Writes every plan as array elements into w.  Returns 0 or -1. */
int
plan_list(struct db *db, struct jw *w)
{
	return db_exec(db, STMT_PLAN_LIST, NULL, 0, plan_list_row, w) < 0 ?
	    -1 : 0;
}

/* Loads the plan of the request's account.  Returns 1, or 503 (set). */
static int
plan_load(struct request *r, struct plan *p)
{
	struct dbparam	 q[1] = { DBP_INT(r->auth.account_id) };

	memset(p, 0, sizeof(*p));
	if (db_exec(r->db, STMT_PLAN_OF_ACCOUNT, q, 1, plan_row, p) != 1)
		return db_unavailable(r);
	return 1;
}

/*
 * May session id start?  Teams need a plan with teams; a participant
 * limit above the plan's cannot be promised; and the plan caps the
 * sessions running at once (this one not counted: starting again a
 * session that runs is refused elsewhere).  Returns 1 to go on, or the
 * status of the response set (402, 503).
 */
int
plan_check_start(struct request *r, long long id, int teams_on,
    long long maxp)
{
	struct plan	 p;
	struct dbparam	 q[2];
	long long	 running = 0;
	int		 rc;

	if ((rc = plan_load(r, &p)) != 1)
		return rc;
	if (teams_on && !p.teams) {
		return resp_error(r, 402, "plan_limit", "teams are not part of the "
		    "%s plan; turn teams off or upgrade", p.title);
	}
	if (maxp > p.max_participants) {
		return resp_error(r, 402, "plan_limit", "the %s plan allows %lld "
		    "participants per session; this session asks for %lld",
		    p.title, p.max_participants, maxp);
	}
	q[0] = (struct dbparam)DBP_INT(r->auth.account_id);
	q[1] = (struct dbparam)DBP_INT(id);
	if (db_exec(r->db, STMT_SESSIONS_RUNNING, q, 2, db_row_int,
	    &running) != 1)
		return db_unavailable(r);
	if (running >= p.max_running) {
		return resp_error(r, 402, "plan_limit", "the %s plan allows %lld "
		    "running session%s at a time; stop one first or upgrade",
		    p.title, p.max_running, p.max_running == 1 ? "" : "s");
	}
	return 1;
}

/* May the account download reports?  Returns 1, or 402/503 (set). */
int
plan_check_reports(struct request *r)
{
	struct plan	 p;
	int		 rc;

	if ((rc = plan_load(r, &p)) != 1)
		return rc;
	if (!p.reports) {
		return resp_error(r, 402, "plan_limit", "reports and downloads are "
		    "not part of the %s plan; upgrade to download them",
		    p.title);
	}
	return 1;
}

/* GET /api/plans: what each plan allows, for the account page. */
int
api_plans(struct request *r)
{
	struct jw	*w;

	w = resp_json(r, 200);
	jw_obj(w);
	jw_key(w, "plans");
	jw_arr(w);
	if (plan_list(r->db, w) == -1) {
		jw_free(w);
		return db_unavailable(r);
	}
	jw_end(w);
	jw_end(w);
	return resp_done(r, w);
}
