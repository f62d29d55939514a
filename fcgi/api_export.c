/* SPDX-License-Identifier: ISC */
/*
 * api_export.c: a facilitator's downloads (P4; the plan must allow
 * reports):
 *	GET /api/sessions/{id}/rounds/{id}/results.csv	one round's results
 *	GET /api/sessions/{id}/responses.csv		every response
 *	GET /api/sessions/{id}/export.xlsx		the session, a workbook
 *	GET /api/sessions/{id}/export			the session, as JSON
 * The handlers check ownership and the plan, and export.c writes, and
 * names the file (the session, its day, the round).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "banned.h"

/* A whole session's download may be this large (the usual cap: 4 MiB). */
#define EXPORT_MAX	(64 * 1024 * 1024)

/*
 * Session {id} is the caller's (loaded into s) and the plan has reports:
 * 1, or the status of the answer set.
 */
static int
allowed(struct request *r, struct session *s)
{
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;

	memset(s, 0, sizeof(*s));
	if ((o = session_load(r->db, r->ids[0], r->auth.account_id, s,
	    &why)) != OUT_OK || (o = plan_may_report(r, s->id, &why)) != OUT_OK) {
		session_release(s);
		return resp_outcome(r, o, &why);
	}
	return 1;
}

/* Sets the download's type and its file name (ASCII: the slug's). */
static void
download(struct request *r, const char *ctype, const char *name)
{
	(void)msgf(r->resp.dispo, sizeof(r->resp.dispo),
	    "attachment; filename=\"%s\"", name);
	r->resp.disposition = r->resp.dispo;
	if (ctype != NULL)
		r->resp.ctype = ctype;
}

int
api_round_csv(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	struct session	 s;
	struct round	 rd;
	char		 name[128];
	enum outcome	 o;
	int		 rc;

	if ((rc = allowed(r, &s)) != 1)
		return rc;
	if ((o = agenda_round(r->db, r->ids[0], r->ids[1], &rd,
	    &why)) == OUT_OK) {
		export_filename(&s, &rd, "csv", name, sizeof(name));
		round_release(&rd);
		o = export_round_csv(r->db, r->ids[0], r->ids[1],
		    &r->resp.body, &why);
	}
	session_release(&s);
	if (o != OUT_OK)
		return resp_outcome(r, o, &why);
	r->resp.status = 200;
	download(r, "text/csv; charset=utf-8", name);
	return 200;
}

int
api_responses_csv(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	struct session	 s;
	char		 name[128];
	enum outcome	 o;
	int		 rc;

	if ((rc = allowed(r, &s)) != 1)
		return rc;
	export_filename(&s, NULL, "csv", name, sizeof(name));
	session_release(&s);
	r->resp.body.max = EXPORT_MAX;
	if ((o = export_responses_csv(r->db, r->ids[0], &r->resp.body,
	    &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	r->resp.status = 200;
	download(r, "text/csv; charset=utf-8", name);
	return 200;
}

int
api_session_xlsx(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	struct session	 s;
	const char	*tmp;
	char		 name[128];
	enum outcome	 o;
	int		 rc;

	if ((rc = allowed(r, &s)) != 1)
		return rc;
	export_filename(&s, NULL, "xlsx", name, sizeof(name));
	if ((tmp = getenv("TMPDIR")) == NULL || *tmp != '/')
		tmp = "/tmp";
	r->resp.body.max = EXPORT_MAX;
	o = export_session_xlsx(r->db, &s, tmp, &r->resp.body, &why);
	session_release(&s);
	if (o != OUT_OK)
		return resp_outcome(r, o, &why);
	r->resp.status = 200;
	download(r, "application/vnd.openxmlformats-officedocument."
	    "spreadsheetml.sheet", name);
	return 200;
}

int
api_session_export(struct request *r)
{
	struct session	 s;
	struct jw	*w;
	char		 name[128];
	enum outcome	 o;
	int		 rc;

	if ((rc = allowed(r, &s)) != 1)
		return rc;
	export_filename(&s, NULL, "json", name, sizeof(name));
	w = resp_json(r, 200);
	jw_obj(w);
	o = export_session(r->db, w, &s, r->cfg->str[CFG_SITE_ORIGIN]);
	session_release(&s);
	if (o != OUT_OK) {
		jw_free(w);
		return db_unavailable(r);
	}
	jw_end(w);
	download(r, NULL, name);
	return resp_done(r, w);
}
