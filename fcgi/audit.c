/*
 * audit.c: the audit trail.  Every security-relevant event becomes one
 * row of audit_event: time (UTC, by the database), account, actor,
 * address, request id, action, target and outcome.  Never a secret: the
 * callers pass fixed action words and ids.  The application's database
 * account may only INSERT and SELECT this table (sql/002_accounts.sql).
 *
 * A failure to write the trail is logged; the request it describes has
 * already happened and is not undone by it.
 */
#include <stdio.h>
#include <string.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

static void
audit_write(struct db *db, long long account, const char *actor,
    const char *address, const char *rid, const char *action,
    const char *target, const char *outcome)
{
	struct dbparam	 p[7];

	p[0] = account > 0 ? (struct dbparam)DBP_INT(account) :
	    (struct dbparam)DBP_NULL;
	p[1] = (struct dbparam)DBP_STR(actor);
	p[2] = address != NULL ? (struct dbparam)DBP_STR(address) :
	    (struct dbparam)DBP_NULL;
	p[3] = rid != NULL ? (struct dbparam)DBP_STR(rid) :
	    (struct dbparam)DBP_NULL;
	p[4] = (struct dbparam)DBP_STR(action);
	p[5] = target != NULL ? (struct dbparam)DBP_STR(target) :
	    (struct dbparam)DBP_NULL;
	p[6] = (struct dbparam)DBP_STR(outcome);
	if (db_exec(db, STMT_AUDIT_INSERT, p, 7, NULL, NULL) != 1)
		log_warnx("rid=%s audit event %s for account %lld not written",
		    rid != NULL ? rid : "-", action, account);
}

/*
 * Records an event of a request: action about account (0: none known),
 * with an optional target and the outcome ("ok", "failed", "refused").
 */
void
audit(struct request *r, const char *action, long long account,
    const char *target, const char *outcome)
{
	char	 actor[32];

	if (r->auth.account_id > 0)
		snprintf(actor, sizeof(actor), "account:%lld",
		    r->auth.account_id);
	else
		snprintf(actor, sizeof(actor), "anonymous");
	audit_write(r->db, account, actor, r->remote_addr, r->id, action,
	    target, outcome);
}

/* Records an event of primoforumctl (the operator on the host). */
void
audit_ctl(struct db *db, const char *action, long long account,
    const char *target, const char *outcome)
{
	audit_write(db, account, "operator", NULL, NULL, action, target,
	    outcome);
}

/* Records an event the program does by itself (an automatic stop). */
void
audit_system(struct db *db, const char *action, long long account,
    const char *target, const char *outcome)
{
	audit_write(db, account, "system", NULL, NULL, action, target,
	    outcome);
}
