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

/* Appends a JSON scalar as a CSV field ("" for null or missing). */
static void
csv_jv(struct buf *b, const struct jv *v, int first)
{
	const char	*s;
	size_t		 len;
	char		 num[32];
	long long	 n;

	if ((s = jv_str(v, &len)) != NULL)
		csv_field(b, s, len, first);
	else if (jv_int(v, &n) == 0) {
		len = (size_t)snprintf(num, sizeof(num), "%lld", n);
		csv_field(b, num, len, first);
	} else if ((s = jv_numtext(v, &len)) != NULL) {
		/* Two-decimal results: copied as they were written. */
		csv_field(b, s, len, first);
	} else if (jv_bool(v) != -1)
		csv_field(b, jv_bool(v) ? "true" : "false", jv_bool(v) ? 4 : 5,
		    first);
	else
		csv_field(b, "", 0, first);
}

/*
 * The results of round id of session as CSV (csv.c) into out, one row
 * per option (or text, or idea).  The numbers are the ones of the JSON
 * results: they are made once, by round_results().
 */
enum outcome
export_round_csv(struct db *db, long long session, long long id,
    const struct limits *limits, struct buf *out, struct why *why)
{
	struct round	 rd;
	struct buf	 js;
	struct jw	*w;
	struct jv	*res = NULL;
	struct perr	 e;
	struct limits	 lim = *limits;
	enum outcome	 rc;
	const struct jv	*o, *list, *v;
	const char	*cols[12];
	size_t		 i, j, k, ncols = 0;
	char		 hdr[40];

	if ((rc = agenda_round(db, session, id, &rd, why)) != OUT_OK)
		return rc;
	buf_init(&js, 4 * 1024 * 1024);
	w = jw_new(&js);
	jw_obj(w);
	if (round_results_write(db, w, &rd) != OUT_OK) {
		jw_free(w);
		buf_release(&js);
		round_release(&rd);
		return OUT_DB_DOWN;
	}
	jw_end(w);
	lim.max_body = js.len;
	lim.json_nodes = 1000000;
	if (jw_close(w) == -1 ||
	    (res = json_parse(js.data, js.len, &lim, &e)) == NULL) {
		buf_release(&js);
		round_release(&rd);
		why_set(why, "internal_error", "no CSV");
		return OUT_ERROR;
	}
	buf_release(&js);
	buf_reset(out);
	csv_begin(out);
	switch (rd.spec.type) {
	case RT_CHOICE:
		cols[0] = "count"; cols[1] = "percent"; ncols = 2;
		break;
	case RT_RATING:
		cols[0] = "count"; cols[1] = "no_opinion"; cols[2] = "mean";
		cols[3] = "median"; cols[4] = "sd"; ncols = 5;
		break;
	case RT_STATEMENTS:
		cols[0] = "count"; cols[1] = "pass"; cols[2] = "mean";
		cols[3] = "median"; cols[4] = "sd"; cols[5] = "agree";
		cols[6] = "disagree"; ncols = 7;
		break;
	case RT_RANKING:
		cols[0] = "borda"; ncols = 1;
		break;
	case RT_POINTS:
		cols[0] = "points"; cols[1] = "voters"; ncols = 2;
		break;
	default:
		break;
	}
	list = jv_get(jv_get(res, "results"), "options");
	if (rd.spec.type == RT_OPEN) {
		csv_field(out, "text", 4, 1);
		csv_row(out);
		list = jv_get(jv_get(res, "results"), "texts");
		for (i = 0; i < jv_len(list); i++) {
			csv_jv(out, jv_at(list, i), 1);
			csv_row(out);
		}
	} else if (rd.spec.type == RT_BRAINSTORM) {
		csv_field(out, "idea", 4, 1);
		csv_field(out, "cluster", 7, 0);
		csv_row(out);
		list = jv_get(jv_get(res, "results"), "ideas");
		for (i = 0; i < jv_len(list); i++) {
			csv_jv(out, jv_get(jv_at(list, i), "text"), 1);
			csv_jv(out, jv_get(jv_at(list, i), "cluster"), 0);
			csv_row(out);
		}
	} else if (rd.spec.ncrits > 0) {
		/* Multi-criteria: one row per option and criterion. */
		csv_field(out, "option", 6, 1);
		csv_field(out, "criterion", 9, 0);
		for (j = 0; j < ncols; j++)
			csv_field(out, cols[j], strlen(cols[j]), 0);
		for (j = 1; j <= (size_t)rd.spec.scale_max; j++) {
			snprintf(hdr, sizeof(hdr), "value %zu", j);
			csv_field(out, hdr, strlen(hdr), 0);
		}
		csv_row(out);
		for (i = 0; i < jv_len(list) && i < rd.spec.nopts; i++) {
			o = jv_get(jv_at(list, i), "criteria");
			for (k = 0; k < jv_len(o) && k < rd.spec.ncrits; k++) {
				csv_field(out, rd.labels[i],
				    strlen(rd.labels[i]), 1);
				csv_field(out, rd.critnames[k],
				    strlen(rd.critnames[k]), 0);
				for (j = 0; j < ncols; j++)
					csv_jv(out, jv_get(jv_at(o, k),
					    cols[j]), 0);
				v = jv_get(jv_at(o, k), "distribution");
				for (j = 0; j < jv_len(v); j++)
					csv_jv(out, jv_at(v, j), 0);
				csv_row(out);
			}
		}
	} else {
		csv_field(out, "option", 6, 1);
		for (j = 0; j < ncols; j++)
			csv_field(out, cols[j], strlen(cols[j]), 0);
		/* The distribution or the ranks, one column each. */
		o = jv_at(list, 0);
		v = jv_get(o, rd.spec.type == RT_RANKING ? "ranks" :
		    "distribution");
		for (j = 0; j < jv_len(v); j++) {
			snprintf(hdr, sizeof(hdr), "%s %zu",
			    rd.spec.type == RT_RANKING ? "rank" : "value",
			    j + 1);
			csv_field(out, hdr, strlen(hdr), 0);
		}
		csv_row(out);
		for (i = 0; i < jv_len(list) && i < rd.spec.nopts; i++) {
			o = jv_at(list, i);
			csv_field(out, rd.labels[i], strlen(rd.labels[i]), 1);
			for (j = 0; j < ncols; j++)
				csv_jv(out, jv_get(o, cols[j]), 0);
			v = jv_get(o, rd.spec.type == RT_RANKING ? "ranks" :
			    "distribution");
			for (j = 0; j < jv_len(v); j++)
				csv_jv(out, jv_at(v, j), 0);
			csv_row(out);
		}
	}
	jv_free(res);
	round_release(&rd);
	return OUT_OK;
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
		o = round_results_write(db, w, &v[i]);
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
