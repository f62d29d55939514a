/* SPDX-License-Identifier: ISC */
/*
 * plan.c: what an account's plan allows (P10: limits enforced on the
 * server, never only in the page).  Plans are rows of the plan table
 * (sql/009_admin_billing.sql); the billing webhook (billing.c) and the
 * admin area (admin.c) set account.plan.
 *
 * A domain module: a refusal is OUT_LIMIT (402 Payment Required, code
 * plan_limit) with a message that names the limit and the plan, so a
 * facilitator knows what to change; the handlers answer them with
 * resp_outcome().
 */
#include <stddef.h>
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

/* PLAN_COLS (db.c), in their order. */
static const struct dbfield plan_fields[] = {
	DBF_C(plan, name),
	DBF_C(plan, title),
	DBF_I(plan, max_participants),
	DBF_I(plan, max_running),
	DBF_I(plan, teams),
	DBF_I(plan, reports),
};
static const struct dbshape plan_shape = DBSHAPE(plan_fields, plan);

static void
plan_write(struct jw *w, const struct plan *p)
{
	jw_obj(w);
	jw_kstr(w, "name", p->name);
	jw_kstr(w, "title", p->title);
	jw_kint(w, "max_participants", p->max_participants);
	jw_kint(w, "max_running_sessions", p->max_running);
	jw_kbool(w, "teams", p->teams != 0);
	jw_kbool(w, "reports", p->reports != 0);
	jw_end(w);
}

/*
 * Writes every plan as array elements into w.  Returns OUT_OK or
 * OUT_DB_DOWN.
 */
enum outcome
plan_list(struct db *db, struct jw *w)
{
	struct plan	*v;
	size_t		 n, i;

	if (db_list(db, STMT_PLAN_LIST, NULL, 0, &plan_shape, &v, &n) < 0)
		return OUT_DB_DOWN;
	for (i = 0; i < n; i++)
		plan_write(w, &v[i]);
	db_list_free(&plan_shape, v, n);
	return OUT_OK;
}

/* Loads the plan of account.  Returns OUT_OK or OUT_DB_DOWN. */
static enum outcome
plan_load(struct db *db, long long account, struct plan *p)
{
	struct dbparam	 q[1] = { DBP_INT(account) };

	return db_one(db, STMT_PLAN_OF_ACCOUNT, q, 1, &plan_shape, p) != 1 ?
	    OUT_DB_DOWN : OUT_OK;
}

/*
 * The owner of session id (*owner): the plan limits are theirs, whoever
 * of the people who run it asks (member.c).  Returns OUT_OK or
 * OUT_DB_DOWN.
 */
static enum outcome
plan_owner(struct db *db, long long id, long long *owner)
{
	struct dbparam	 q[1] = { DBP_INT(id) };

	*owner = 0;
	return db_exec(db, STMT_SESSION_OWNER, q, 1, db_row_int, owner) != 1 ?
	    OUT_DB_DOWN : OUT_OK;
}

/*
 * May session id start, under its owner's plan?  Teams need a plan
 * with teams; a participant limit above the plan's cannot be promised;
 * and the plan caps the sessions running at once (this one not counted:
 * starting again a session that runs is refused elsewhere).  Returns
 * OUT_OK, OUT_LIMIT (plan_limit) or OUT_DB_DOWN.
 */
enum outcome
plan_may_start(struct request *r, long long id, int teams_on,
    long long maxp, struct why *why)
{
	struct plan	 p;
	struct dbparam	 q[2];
	long long	 running = 0, owner;

	if (plan_owner(r->db, id, &owner) != OUT_OK ||
	    plan_load(r->db, owner, &p) != OUT_OK)
		return OUT_DB_DOWN;
	if (teams_on && !p.teams) {
		why_set(why, "plan_limit", "teams are not part of the %s plan; "
		    "turn teams off or upgrade", p.title);
		return OUT_LIMIT;
	}
	if (maxp > p.max_participants) {
		why_set(why, "plan_limit", "the %s plan allows %lld "
		    "participants per session; this session asks for %lld",
		    p.title, p.max_participants, maxp);
		return OUT_LIMIT;
	}
	q[0] = (struct dbparam)DBP_INT(owner);
	q[1] = (struct dbparam)DBP_INT(id);
	if (db_exec(r->db, STMT_SESSIONS_RUNNING, q, 2, db_row_int,
	    &running) != 1)
		return OUT_DB_DOWN;
	if (running >= p.max_running) {
		why_set(why, "plan_limit", "the %s plan allows %lld running "
		    "session%s at a time; stop one first or upgrade", p.title,
		    p.max_running, p.max_running == 1 ? "" : "s");
		return OUT_LIMIT;
	}
	return OUT_OK;
}

/*
 * May the reports of session id be downloaded, under its owner's plan?
 * Returns OUT_OK, OUT_LIMIT (plan_limit) or OUT_DB_DOWN.
 */
enum outcome
plan_may_report(struct request *r, long long id, struct why *why)
{
	struct plan	 p;
	long long	 owner;

	if (plan_owner(r->db, id, &owner) != OUT_OK ||
	    plan_load(r->db, owner, &p) != OUT_OK)
		return OUT_DB_DOWN;
	if (!p.reports) {
		why_set(why, "plan_limit", "reports and downloads are not "
		    "part of the %s plan; upgrade to download them", p.title);
		return OUT_LIMIT;
	}
	return OUT_OK;
}
