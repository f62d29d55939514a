/* SPDX-License-Identifier: ISC */
/*
 * export.c: a facilitator's downloads, the domain: one round's results
 * as CSV, every response of a session as one CSV, a session as a
 * workbook (xlsx.c), a session with its rounds and their results as one
 * JSON document, and every session of an account (the account's export);
 * and their file names.
 * The numbers are the ones the live results show (agenda.c, round.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
	struct csvsink	 cs;
	struct tsink	 t;
	enum outcome	 rc;

	if ((rc = agenda_round(db, session, id, &rd, why)) != OUT_OK)
		return rc;
	results_init(&res);
	if ((rc = round_results_load(db, &rd, &res)) == OUT_OK &&
	    (rc = quiz_results_mark(db, &rd, &res)) == OUT_OK) {
		buf_reset(out);
		csv_begin(out);
		csv_sink(&cs, out, &t);
		results_table(&res, rd.labels, rd.critnames, &t);
		rc = profile_groups_table(db, session, &rd, &t);
	}
	results_release(&res);
	round_release(&rd);
	return rc;
}

/* STMT_OPTION_SOURCES: where a fed round's option came from. */
struct optsrc {
	long long	 option, idea, cluster;	/* 0: none */
};
static const struct dbfield optsrc_fields[] = {
	DBF_I(optsrc, option),
	DBF_I(optsrc, idea),
	DBF_I(optsrc, cluster),
};
static const struct dbshape optsrc_shape = DBSHAPE(optsrc_fields, optsrc);

/*
 * Writes "option_sources": [{"option", "idea", "cluster"}] of a round fed
 * by a brainstorm (feed.c): the path of an idea to its cluster and that
 * cluster's score in this round (the report follows it).  Nothing for
 * other rounds.
 */
static enum outcome
sources_write(struct db *db, struct jw *w, long long round)
{
	struct dbparam	 p[1] = { DBP_INT(round) };
	struct optsrc	*v;
	size_t		 i, n;

	if (db_list(db, STMT_OPTION_SOURCES, p, 1, &optsrc_shape, &v, &n) < 0)
		return OUT_DB_DOWN;
	if (n > 0) {
		jw_key(w, "option_sources");
		jw_arr(w);
		for (i = 0; i < n; i++) {
			jw_obj(w);
			jw_kint(w, "option", v[i].option);
			jw_key(w, "idea");
			if (v[i].idea > 0)
				jw_int(w, v[i].idea);
			else
				jw_null(w);
			jw_key(w, "cluster");
			if (v[i].cluster > 0)
				jw_int(w, v[i].cluster);
			else
				jw_null(w);
			jw_end(w);
		}
		jw_end(w);
	}
	db_list_free(&optsrc_shape, v, n);
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
		if (v[i].feed_round > 0)
			o = sources_write(db, w, v[i].id);
		if (o == OUT_OK)
			o = round_results_write(db, w, &v[i], 1);
		jw_end(w);
	}
	jw_end(w);
	rounds_free(v, n);
	return o;
}

/* An ISO time "YYYY-MM-DDTHH:MM:SSZ" as seconds since 1970, or -1. */
static long long
iso_seconds(const char *iso)
{
	static const struct { size_t at, len; long long lo, hi; } part[6] = {
		{ 0, 4, 1970, 9999 }, { 5, 2, 1, 12 }, { 8, 2, 1, 31 },
		{ 11, 2, 0, 23 }, { 14, 2, 0, 59 }, { 17, 2, 0, 60 },
	};
	long long	 v[6];
	struct tm	 tm;
	size_t		 i;

	if (iso == NULL || strlen(iso) < 19)
		return -1;
	for (i = 0; i < 6; i++)
		if (parse_int(iso + part[i].at, part[i].len, part[i].lo,
		    part[i].hi, &v[i]) == -1)
			return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = (int)v[0] - 1900;
	tm.tm_mon = (int)v[1] - 1;
	tm.tm_mday = (int)v[2];
	tm.tm_hour = (int)v[3];
	tm.tm_min = (int)v[4];
	tm.tm_sec = (int)v[5];
	return (long long)timegm(&tm);
}

/*
 * How long session s ran, in whole minutes (rounded): from its start to
 * its stop; -1 while it runs (no stop yet) or if it never ran.
 */
static long long
session_minutes(const struct session *s)
{
	long long	 a = iso_seconds(s->started), b = iso_seconds(s->stopped);

	return a < 0 || b < a ? -1 : (b - a + 30) / 60;
}

/*
 * How many joined the last run of session s, the removed not counted,
 * into *n (0 if it never ran).  Returns OUT_OK or OUT_DB_DOWN.
 */
static enum outcome
session_people(struct db *db, const struct session *s, long long *n)
{
	struct dbparam	 p[2] = { DBP_INT(s->id), DBP_INT(s->run) };

	*n = 0;
	return db_exec(db, STMT_PARTICIPANT_COUNT, p, 2, db_row_int, n) < 0 ?
	    OUT_DB_DOWN : OUT_OK;
}

/*
 * Writes session s (the caller loaded it: it is the account's) as its
 * export into an open object: "format", "session" with its teams and
 * profile questions (profile.c), the participants of its last run and
 * how long it ran ("duration_minutes", null while it runs or if it never
 * ran), and "rounds" with their results.  Returns OUT_OK or OUT_DB_DOWN.
 */
enum outcome
export_session(struct db *db, struct jw *w, const struct session *s,
    const char *origin)
{
	long long	 people, minutes;
	enum outcome	 o;

	if ((o = session_people(db, s, &people)) != OUT_OK)
		return o;
	jw_kstr(w, "format", "primoforum-session-1");
	jw_key(w, "session");
	jw_obj(w);
	session_write(w, s, origin);
	if ((o = session_teams_write(db, w, s->id)) != OUT_OK ||
	    (o = profile_json(db, w, s->id)) != OUT_OK)
		return o;
	jw_kint(w, "participants", people);
	jw_key(w, "duration_minutes");
	if ((minutes = session_minutes(s)) < 0)
		jw_null(w);
	else
		jw_int(w, minutes);
	jw_end(w);
	return export_rounds(db, w, s->id);
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

/* A row of STMT_SESSION_RESPONSES, in the order of its columns. */
struct resprow {
	long long	 round;
	char		*question, *type, *option, *criterion;
	char		*value;		/* digits, or NULL for a text */
	char		*text, *cluster, *state, *team, *at;
	long long	 id;
	long long	 round_id;
	long long	 answer[1];	/* the first question's; 0: none */
};
static const struct dbfield resprow_fields[] = {
	DBF_I(resprow, round),
	DBF_S(resprow, question),
	DBF_S(resprow, type),
	DBF_S(resprow, option),
	DBF_S(resprow, criterion),
	DBF_S(resprow, value),
	DBF_S(resprow, text),
	DBF_S(resprow, cluster),
	DBF_S(resprow, state),
	DBF_S(resprow, team),
	DBF_S(resprow, at),
	DBF_I(resprow, id),
	DBF_I(resprow, round_id),
	DBF_I(resprow, answer[0]),
};
static const struct dbshape resprow_shape = DBSHAPE(resprow_fields,
    resprow);

/* The whole-session CSV's columns: docs/api.md, "Downloads". */
static const char *const resp_columns[] = {
	"round", "question", "type", "option", "criterion", "value", "text",
	"cluster", "idea_state", "team", "time",
};

/* A text cell (NULL: empty). */
static void
cell(const struct tsink *t, const char *s)
{
	t->str(t->arg, s != NULL ? s : "", s != NULL ? strlen(s) : 0);
}

/*
 * What responses.csv's rows need: the sink, and each round's groups per
 * profile question (groups.c: merged below the minimum), so a row's
 * group is the merged one, or none if its group is left out (P8).
 */
struct respctx {
	const struct tsink	*t;
	struct profile		 pf;
	long long		*rounds;	/* owned; ids */
	struct groups		*g;	/* owned; [round * nq + question] */
	size_t			 n;
	/*
	 * Group columns: the first question's only.  Two on one row would
	 * cross the groups (the only resident over 60), which no minimum
	 * of either question prevents; the tables per group have both.
	 */
	size_t			 nq;
};

/* The group cells of a row: per question, its merged group's name. */
static void
resp_groups(const struct respctx *x, const struct resprow *row)
{
	const struct groups	*g;
	size_t			 i, q;
	int			 k;

	for (i = 0; i < x->n && x->rounds[i] != row->round_id; i++)
		;
	for (q = 0; q < x->nq; q++) {
		g = i < x->n ? &x->g[i * x->nq + q] : NULL;
		k = g != NULL ? groups_index(g, row->answer[q]) : -1;
		cell(x->t, k >= 0 ? profile_group_name(g, (size_t)k,
		    &x->pf.q[q]) : NULL);
	}
}

/* Writes one decoded row to the sink, as it comes (no list in memory). */
static int
resp_row(void *arg, const struct dbcol *c, size_t n)
{
	const struct respctx	*x = arg;
	const struct tsink	*t = x->t;
	struct resprow		 row;
	long long		 v;

	memset(&row, 0, sizeof(row));
	if (db_decode(&resprow_shape, c, n, &row) == -1) {
		db_shape_release(&resprow_shape, &row);
		return -1;
	}
	t->num(t->arg, (double)row.round, 0);
	cell(t, row.question);
	cell(t, row.type);
	cell(t, row.option);
	cell(t, row.criterion);
	if (row.value != NULL && parse_int(row.value, strlen(row.value),
	    INT32_MIN, INT32_MAX, &v) == 0)
		t->num(t->arg, (double)v, 0);
	else
		cell(t, NULL);
	cell(t, row.text);
	cell(t, row.cluster);
	cell(t, row.state);
	cell(t, row.team);
	cell(t, row.at);
	resp_groups(x, &row);
	t->row(t->arg);
	db_shape_release(&resprow_shape, &row);
	return 0;
}

/*
 * Every response of session (the caller checked it is the account's) as
 * one CSV into out: a row per value of a response (option, criterion,
 * value), per text answer and per idea (with its cluster and whether it
 * is shown, hidden or merged), with round, question, type, team and
 * time.  No column names a participant (P8).  Returns OUT_OK,
 * OUT_ERROR (too large for out: why says) or OUT_DB_DOWN.
 */
enum outcome
export_responses_csv(struct db *db, long long session, struct buf *out,
    struct why *why)
{
	struct dbparam	 p[3];
	struct csvsink	 cs;
	struct tsink	 t;
	struct respctx	 x;
	struct round	*v = NULL;
	size_t		 i, q, nv = 0;
	enum outcome	 o = OUT_DB_DOWN;

	memset(&x, 0, sizeof(x));
	x.t = &t;
	if (profile_load(db, session, &x.pf) != OUT_OK ||
	    agenda_list(db, session, &v, &nv) != OUT_OK)
		goto out;
	x.nq = x.pf.nq > 0 ? 1 : 0;
	x.rounds = xcalloc(nv + 1, sizeof(*x.rounds));
	x.g = xcalloc(nv * x.nq + 1, sizeof(*x.g));
	for (x.n = 0; x.n < nv; x.n++) {
		x.rounds[x.n] = v[x.n].id;
		for (q = 0; q < x.nq; q++) {
			groups_init(&x.g[x.n * x.nq + q]);
			if (profile_groups_load(db, &v[x.n], &x.pf,
			    &x.pf.q[q], 0, &x.g[x.n * x.nq + q]) != OUT_OK)
				goto out;
		}
	}
	buf_reset(out);
	csv_begin(out);
	csv_sink(&cs, out, &t);
	for (i = 0; i < sizeof(resp_columns) / sizeof(resp_columns[0]); i++)
		cell(&t, resp_columns[i]);
	/* The group column, if the session asks a profile question. */
	for (q = 0; q < x.nq; q++)
		cell(&t, "group");
	t.row(t.arg);
	p[0] = p[1] = p[2] = (struct dbparam)DBP_INT(session);
	if (db_exec(db, STMT_SESSION_RESPONSES, p, 3, resp_row, &x) < 0)
		goto out;
	o = OUT_OK;
	if (out->len + 2 >= out->max) {
		why_set(why, "export_too_large", "the session's responses do "
		    "not fit in one download");
		o = OUT_ERROR;
	}
out:
	for (i = 0; i < x.n * x.nq; i++)
		groups_release(&x.g[i]);
	free(x.g);
	free(x.rounds);
	profile_release(&x.pf);
	rounds_free(v, nv);
	return o;
}

/*
 * A download's file name into out: the session's title as a slug, its
 * day (of the start, else of its creation), and for a round "-rN-type";
 * then ".ext".  "strategy-day-2026-12-01-r3-ranking.csv".
 */
void
export_filename(const struct session *s, const struct round *rd,
    const char *ext, char *out, size_t outsz)
{
	/* U+00C0 .. U+00FF (UTF-8 C3 80 .. C3 BF) as ASCII; '-': none. */
	static const char latin1[] =
	    "aaaaaaaceeeeiiiidnooooo-ouuuuyts"
	    "aaaaaaaceeeeiiiidnooooo-ouuuuyty";
	char		 slug[48], day[11], ch;
	const char	*d, *p;
	size_t		 n = 0;

	for (p = s->title; *p != '\0' && n < sizeof(slug) - 1; p++) {
		ch = *p;
		if ((unsigned char)ch == 0xc3 && ((unsigned char)p[1] & 0xc0) ==
		    0x80)
			ch = latin1[(unsigned char)*++p & 0x3f];
		else if (((unsigned char)ch & 0xc0) == 0x80)
			continue;	/* the rest of another character */
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
			slug[n++] = ch;
		else if (ch >= 'A' && ch <= 'Z')
			slug[n++] = ch - 'A' + 'a';
		else if (n > 0 && slug[n - 1] != '-')
			slug[n++] = '-';
	}
	while (n > 0 && slug[n - 1] == '-')
		n--;
	slug[n] = '\0';
	d = s->started != NULL ? s->started : s->created;
	xsnprintf(day, sizeof(day), "%.10s", d != NULL ? d : "");
	if (rd != NULL)
		(void)msgf(out, outsz, "%s-%s-r%lld-%s.%s", n > 0 ? slug :
		    "session", day, rd->position, rd->type, ext);
	else
		(void)msgf(out, outsz, "%s-%s.%s", n > 0 ? slug : "session",
		    day, ext);
}

/* A row of two cells: a name and a text (NULL: empty) or a number. */
static void
pair(const struct tsink *t, const char *name, const char *text,
    long long num)
{
	cell(t, name);
	if (text != NULL)
		cell(t, text);
	else if (num >= 0)
		t->num(t->arg, (double)num, 0);
	t->row(t->arg);
}

/*
 * The session's leaderboard (its revealed quiz questions) as a sheet:
 * rank, team, points, correct, answered.  As every export, it names no
 * participant (P8): a table by its name, a participant by none.
 */
static void
board_table(const struct board *b, const struct tsink *t)
{
	static const char *const heads[] = { "rank", "team", "points",
	    "correct", "answered" };
	size_t	 i;

	for (i = 0; i < sizeof(heads) / sizeof(heads[0]); i++)
		cell(t, heads[i]);
	t->row(t->arg);
	for (i = 0; i < b->n; i++) {
		t->num(t->arg, (double)b->v[i].rank, 0);
		cell(t, b->teams ? b->v[i].name : NULL);
		t->num(t->arg, (double)b->v[i].points, 0);
		t->num(t->arg, (double)b->v[i].correct, 0);
		t->num(t->arg, (double)b->v[i].answered, 0);
		t->row(t->arg);
	}
}

/*
 * Session s (the caller checked it is the account's) as a workbook into
 * out: a summary sheet (title, start, stop, duration, participants of
 * its last run, each round with its responses), a sheet per round with
 * its results, as the round's CSV has them, numbers as numbers, and with
 * a revealed quiz question the "Leaderboard".
 * tmpdir holds the workbook while it is written.  Returns OUT_OK,
 * OUT_ERROR (why says) or OUT_DB_DOWN.
 */
enum outcome
export_session_xlsx(struct db *db, const struct session *s,
    const char *tmpdir, struct buf *out, struct why *why)
{
	static const char *const heads[] = { "round", "question", "type",
	    "state", "responses" };
	struct round	*v = NULL;
	struct results	*res = NULL;
	struct board	 b;
	struct xlsx	*x;
	struct tsink	 t;
	char		 name[64];
	long long	 people;
	size_t		 i, n = 0;
	enum outcome	 o = OUT_DB_DOWN;
	int		 rc;

	board_init(&b);
	if (session_people(db, s, &people) != OUT_OK ||
	    leaderboard_load(db, s->id, &b) != OUT_OK ||
	    agenda_list(db, s->id, &v, &n) != OUT_OK) {
		board_release(&b);
		return OUT_DB_DOWN;
	}
	res = xcalloc(n > 0 ? n : 1, sizeof(*res));
	for (i = 0; i < n; i++) {
		results_init(&res[i]);
		if (round_results_load(db, &v[i], &res[i]) != OUT_OK ||
		    quiz_results_mark(db, &v[i], &res[i]) != OUT_OK)
			goto out;
	}
	o = OUT_ERROR;
	why_set(why, "export_failed", "the workbook could not be written");
	if ((x = xlsx_open(tmpdir, s->title)) == NULL)
		goto out;
	if (xlsx_sheet(x, "Summary", &t) == 0) {
		pair(&t, "session", s->title, -1);
		pair(&t, "started", s->started != NULL ? s->started : "", -1);
		pair(&t, "stopped", s->stopped != NULL ? s->stopped : "", -1);
		pair(&t, "duration_minutes", NULL, session_minutes(s));
		pair(&t, "participants", NULL, people);
		t.row(t.arg);
		for (i = 0; i < sizeof(heads) / sizeof(heads[0]); i++)
			cell(&t, heads[i]);
		t.row(t.arg);
		for (i = 0; i < n; i++) {
			t.num(t.arg, (double)v[i].position, 0);
			cell(&t, v[i].title);
			cell(&t, v[i].type);
			cell(&t, v[i].state);
			t.num(t.arg, (double)res[i].responses, 0);
			t.row(t.arg);
		}
	}
	for (i = 0; i < n; i++) {
		/* The number first: names stay unique however titles cut. */
		(void)msgf(name, sizeof(name), "%lld %s", v[i].position,
		    v[i].title);
		if (xlsx_sheet(x, name, &t) == -1) {
			/* A workbook without a round would mislead: none. */
			why_set(why, "export_failed", "round %lld's sheet could "
			    "not be made", v[i].position);
			(void)xlsx_close(x, out);
			buf_reset(out);
			goto out;
		}
		results_table(&res[i], v[i].labels, v[i].critnames, &t);
		if (profile_groups_table(db, s->id, &v[i], &t) != OUT_OK) {
			(void)xlsx_close(x, out);
			buf_reset(out);
			o = OUT_DB_DOWN;
			goto out;
		}
	}
	if (b.rounds > 0 && xlsx_sheet(x, "Leaderboard", &t) == 0)
		board_table(&b, &t);
	buf_reset(out);
	if ((rc = xlsx_close(x, out)) == 0)
		o = OUT_OK;
	else if (rc == -2)
		why_set(why, "export_too_large", "the session's workbook does "
		    "not fit in one download");
out:
	for (i = 0; i < n; i++)
		results_release(&res[i]);
	free(res);
	rounds_free(v, n);
	board_release(&b);
	return o;
}
