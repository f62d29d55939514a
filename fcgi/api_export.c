/* SPDX-License-Identifier: ISC */
/*
 * api_export.c: a facilitator's downloads (P4; the plan must allow
 * reports):
 *	GET /api/sessions/{id}/rounds/{id}/results.csv	one round's results
 *	GET /api/sessions/{id}/export			the session, as JSON
 * The handlers check ownership and the plan, and export.c writes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "banned.h"

/* Session {id} is the caller's and the plan has reports: 1, or the status. */
static int
allowed(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;

	if ((o = session_owned(r->db, r->ids[0], r->auth.account_id,
	    &why)) != OUT_OK || (o = plan_may_report(r, &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	return 1;
}

int
api_round_csv(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;
	int		 rc;

	if ((rc = allowed(r)) != 1)
		return rc;
	if ((o = export_round_csv(r->db, r->ids[0], r->ids[1], &r->resp.body,
	    &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	r->resp.status = 200;
	r->resp.ctype = "text/csv; charset=utf-8";
	r->resp.disposition = "attachment; filename=\"round-results.csv\"";
	return 200;
}

int
api_session_export(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	struct jw	*w;
	enum outcome	 o;
	int		 rc;

	if ((rc = allowed(r)) != 1)
		return rc;
	w = resp_json(r, 200);
	jw_obj(w);
	if ((o = export_session(r->db, w, r->ids[0], r->auth.account_id,
	    r->cfg->str[CFG_SITE_ORIGIN], &why)) != OUT_OK) {
		jw_free(w);
		return o == OUT_NOT_FOUND ? resp_outcome(r, o, &why) :
		    db_unavailable(r);
	}
	jw_end(w);
	r->resp.disposition = "attachment; filename=\"primoforum-session.json\"";
	return resp_done(r, w);
}
