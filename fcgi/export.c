/* SPDX-License-Identifier: ISC */
/*
 * export.c: a facilitator's downloads, the domain: one round's results
 * as CSV, a session with its rounds and their results as one JSON
 * document, and every session of an account (the account's export).
 * The numbers are the ones the live results show (agenda.c, round.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

/*
 * The results of round id of session as CSV (csv.c) into out, one row
 * per option (or option and criterion, text, idea), with the byte-order
 * mark first.  The numbers are the ones of the JSON results: both are
 * written from one struct results (round_results_load(), results.c).
 */
enum outcome
export_round_csv(struct db *db, long long session, long long id,
    struct buf *out, struct why *why)
{
	struct round	 rd;
	struct results	 res;
	enum outcome	 rc;

	if ((rc = agenda_round(db, session, id, &rd, why)) != OUT_OK)
		return rc;
	results_init(&res);
	if ((rc = round_results_load(db, &rd, &res)) == OUT_OK) {
		buf_reset(out);
		csv_begin(out);
		results_csv(&res, rd.labels, rd.critnames, out);
	}
	results_release(&res);
	round_release(&rd);
	return rc;
}

/* Writes "rounds": [...] of a session with options and results. */
enum outcome
export_rounds(struct db *db, struct jw *w, long long session)
{
	struct round	*v;
	size_t		 i, n;
	enum outcome	 o = OUT_OK;

	if (agenda_list(db, session, &v, &n) != OUT_OK)
		return OUT_DB_DOWN;
	jw_key(w, "rounds");
	jw_arr(w);
	for (i = 0; i < n && o == OUT_OK; i++) {
		jw_obj(w);
		round_write(w, &v[i]);
		o = round_results_write(db, w, &v[i], 1);
		jw_end(w);
	}
	jw_end(w);
	rounds_free(v, n);
	return o;
}

/*
 * Writes session id of account as its export into an open object:
 * "format", "session" with its teams, "rounds" with their results.
 */
enum outcome
export_session(struct db *db, struct jw *w, long long id, long long account,
    const char *origin, struct why *why)
{
	enum outcome	 o;

	jw_kstr(w, "format", "primoforum-session-1");
	if ((o = session_json(db, w, id, account, origin, why)) != OUT_OK)
		return o;
	return export_rounds(db, w, id);
}

/*
 * Writes the account's sessions as an array; with full set, each with
 * its rounds and their results.
 */
enum outcome
export_sessions(struct db *db, struct jw *w, long long account,
    const char *origin, int full)
{
	struct session	*s;
	size_t		 i, n;
	enum outcome	 o = OUT_OK;

	if (session_list(db, account, &s, &n) != OUT_OK)
		return OUT_DB_DOWN;
	jw_arr(w);
	for (i = 0; i < n && o == OUT_OK; i++) {
		jw_obj(w);
		session_write(w, &s[i], origin);
		if (full)
			o = export_rounds(db, w, s[i].id);
		jw_end(w);
	}
	jw_end(w);
	sessions_free(s, n);
	return o;
}

/*
 * The request's account's sessions, for the account's export
 * (api_account.c): export_sessions() as it calls it.  Returns 0 or -1.
 */
int
sessions_write(struct request *r, struct jw *w, int full)
{
	return export_sessions(r->db, w, r->auth.account_id,
	    r->cfg->str[CFG_SITE_ORIGIN], full) == OUT_OK ? 0 : -1;
}
