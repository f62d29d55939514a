/*
 * api_session.c: a facilitator's sessions (P4, P6, P7): prepare (create,
 * read, edit, duplicate, delete), start with a new join code, lock,
 * remove a participant, stop, and the live state the console polls.
 *
 * Every statement names the account as well as the session, so another
 * account's session is "not found" (404), never data.  A stop is one
 * transaction: the session row turns "stopped" and loses its code, and
 * every participant token of it is cleared; participant requests check
 * the session's state in the same query that finds their token, so none
 * is served after the commit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

#define START_TRIES	8	/* codes drawn before giving up (40 bits) */

struct sess {
	long long	 id, named, teams_on, maxp, allow_change, locked;
	long long	 run, version;
	char		*title;		/* owned */
	char		*desc;		/* owned, or NULL */
	char		*lang;		/* owned */
	char		*state;		/* owned */
	char		*code;		/* owned, or NULL */
	char		*started;	/* owned, or NULL */
	char		*stopped;	/* owned, or NULL */
	char		*created;	/* owned */
};

static char *
dup_col(const struct dbcol *c)
{
	return c->null ? NULL : xstrndup(c->s, c->len);
}

static int
num_col(const struct dbcol *c, long long *v)
{
	return parse_int(c->s, c->len, 0, INT64_MAX, v);
}

static void
sess_release(struct sess *s)
{
	free(s->title);
	free(s->desc);
	free(s->lang);
	free(s->state);
	free(s->code);
	free(s->started);
	free(s->stopped);
	free(s->created);
	memset(s, 0, sizeof(*s));
}

static int
sess_parse(struct sess *s, const struct dbcol *c, size_t n)
{
	memset(s, 0, sizeof(*s));
	if (n != 16 || num_col(&c[0], &s->id) || num_col(&c[4], &s->named) ||
	    num_col(&c[5], &s->teams_on) || num_col(&c[6], &s->maxp) ||
	    num_col(&c[7], &s->allow_change) || num_col(&c[9], &s->locked) ||
	    num_col(&c[11], &s->run) || num_col(&c[12], &s->version))
		return -1;
	s->title = dup_col(&c[1]);
	s->desc = dup_col(&c[2]);
	s->lang = dup_col(&c[3]);
	s->state = dup_col(&c[8]);
	s->code = dup_col(&c[10]);
	s->started = dup_col(&c[13]);
	s->stopped = dup_col(&c[14]);
	s->created = dup_col(&c[15]);
	return 0;
}

static int
sess_row(void *arg, const struct dbcol *c, size_t n)
{
	return sess_parse(arg, c, n);
}

/* Loads session id of the request's account.  Returns 1, 0, or -1 (503). */
static int
sess_load(struct request *r, long long id, struct sess *s)
{
	struct dbparam	 p[2] = { DBP_INT(id), DBP_INT(r->auth.account_id) };
	int		 rc;

	memset(s, 0, sizeof(*s));
	rc = db_exec(r->db, STMT_SESSION_GET, p, 2, sess_row, s);
	if (rc < 0) {
		sess_release(s);
		db_unavailable(r);
		return -1;
	}
	return rc == 1;
}

static int
not_found(struct request *r)
{
	return resp_error(r, 404, "not_found", "no such session");
}

/* The join link of a code: SITE/j/CODE. */
static void
join_link(const struct request *r, const char *code, char *out, size_t sz)
{
	snprintf(out, sz, "%s/j/%s", r->cfg->str[CFG_SITE_ORIGIN], code);
}

/* Writes the fields of a session (not its teams). */
static void
sess_fields(const struct request *r, struct jw *w, const struct sess *s)
{
	char	 fmt[16], link[300];

	jw_kint(w, "id", s->id);
	jw_kstr(w, "title", s->title);
	jw_kstr(w, "description", s->desc);
	jw_kstr(w, "language", s->lang);
	jw_kbool(w, "named", s->named != 0);
	jw_kbool(w, "teams_on", s->teams_on != 0);
	jw_kint(w, "max_participants", s->maxp);
	jw_kbool(w, "allow_change", s->allow_change != 0);
	jw_kstr(w, "state", s->state);
	jw_kbool(w, "locked", s->locked != 0);
	if (s->code != NULL) {
		joincode_format(s->code, fmt);
		join_link(r, s->code, link, sizeof(link));
		jw_kstr(w, "join_code", fmt);
		jw_kstr(w, "join_link", link);
	} else {
		jw_kstr(w, "join_code", NULL);
		jw_kstr(w, "join_link", NULL);
	}
	jw_kint(w, "version", s->version);
	jw_kstr(w, "started_at", s->started);
	jw_kstr(w, "stopped_at", s->stopped);
	jw_kstr(w, "created_at", s->created);
}

static int
team_row(void *arg, const struct dbcol *c, size_t n)
{
	struct jw	*w = arg;
	long long	 id, count;

	if (n != 3 || num_col(&c[0], &id) || num_col(&c[2], &count))
		return -1;
	jw_obj(w);
	jw_kint(w, "id", id);
	jw_kstr(w, "name", c[1].s);
	jw_kint(w, "participants", count);
	jw_end(w);
	return 0;
}

/* Writes "teams": [...].  Returns 0 or -1. */
static int
teams_write(struct request *r, struct jw *w, long long id)
{
	struct dbparam	 p[1] = { DBP_INT(id) };

	jw_key(w, "teams");
	jw_arr(w);
	if (db_exec(r->db, STMT_TEAM_LIST, p, 1, team_row, w) < 0)
		return -1;
	jw_end(w);
	return 0;
}

/* Answers with one session and its teams. */
int
session_answer(struct request *r, int status, long long id)
{
	struct sess	 s;
	struct jw	*w;
	int		 rc;

	if ((rc = sess_load(r, id, &s)) != 1)
		return rc == 0 ? not_found(r) : r->resp.status;
	w = resp_json(r, status);
	jw_obj(w);
	jw_key(w, "session");
	jw_obj(w);
	sess_fields(r, w, &s);
	if (teams_write(r, w, id) == -1) {
		jw_free(w);
		sess_release(&s);
		return db_unavailable(r);
	}
	jw_end(w);
	jw_end(w);
	sess_release(&s);
	return resp_done(r, w);
}

/*
 * Writes "session": {...} of session {id} with its teams (the session
 * export).  Returns 0, or -1 if it could not be read.
 */
int
session_fields_write(struct request *r, struct jw *w)
{
	struct sess	 s;
	int		 rc;

	if (sess_load(r, r->ids[0], &s) != 1)
		return -1;
	jw_key(w, "session");
	jw_obj(w);
	sess_fields(r, w, &s);
	rc = teams_write(r, w, s.id);
	jw_end(w);
	sess_release(&s);
	return rc;
}

struct listctx {
	struct request	*r;
	struct jw	*w;
	int		 full;	/* with rounds and results (export) */
};

static int
list_row(void *arg, const struct dbcol *c, size_t n)
{
	struct listctx	*x = arg;
	struct sess	 s;

	if (sess_parse(&s, c, n) == -1) {
		sess_release(&s);
		return -1;
	}
	jw_obj(x->w);
	sess_fields(x->r, x->w, &s);
	if (x->full && rounds_export(x->r, x->w, s.id) == -1) {
		sess_release(&s);
		return -1;
	}
	jw_end(x->w);
	sess_release(&s);
	return 0;
}

/*
 * Writes the account's sessions as an array; with full set, each with
 * its rounds and their results (the export).  Returns 0 or -1.
 */
int
sessions_write(struct request *r, struct jw *w, int full)
{
	struct dbparam	 p[1] = { DBP_INT(r->auth.account_id) };
	struct listctx	 x = { r, w, full };

	jw_arr(w);
	if (db_exec(r->db, STMT_SESSION_LIST, p, 1, list_row, &x) < 0)
		return -1;
	jw_end(w);
	return 0;
}

int
api_sessions_list(struct request *r)
{
	struct jw	*w;

	w = resp_json(r, 200);
	jw_obj(w);
	jw_key(w, "sessions");
	if (sessions_write(r, w, 0) == -1) {
		jw_free(w);
		return db_unavailable(r);
	}
	jw_end(w);
	return resp_done(r, w);
}

static const struct field session_fields[] = {
	{ "title", FT_STRING, 1, 1, 200 },
	{ "description", FT_STRING, 0, 0, 2000 },
	{ "language", FT_STRING, 0, 2, 2 },
	{ "named", FT_BOOL, 0, 0, 0 },
	{ "teams_on", FT_BOOL, 0, 0, 0 },
	{ "teams", FT_STRLIST, 0, 1, 100 },
	{ "max_participants", FT_INT, 0, 0, 1000000 },
	{ "allow_change", FT_BOOL, 0, 0, 0 },
};
#define NSESSION_FIELDS (sizeof(session_fields) / sizeof(session_fields[0]))

/* The same for an edit, where every field is optional. */
static const struct field update_fields[] = {
	{ "title", FT_STRING, 0, 1, 200 },
	{ "description", FT_STRING, 0, 0, 2000 },
	{ "language", FT_STRING, 0, 2, 2 },
	{ "named", FT_BOOL, 0, 0, 0 },
	{ "teams_on", FT_BOOL, 0, 0, 0 },
	{ "teams", FT_STRLIST, 0, 1, 100 },
	{ "max_participants", FT_INT, 0, 0, 1000000 },
	{ "allow_change", FT_BOOL, 0, 0, 0 },
};

/*
 * Applies the body's fields over s (a new session's defaults or the
 * stored one).  Returns 0, or the status with the response set.
 */
static int
sess_merge(struct request *r, struct sess *s, int running)
{
	const struct jv	*v, *teams;
	const char	*str;
	size_t		 len, i, j, li, lj;
	long long	 n;
	int		 b;

	if ((str = field_str(r, "title", &len)) != NULL) {
		free(s->title);
		s->title = xstrndup(str, len);
	}
	if ((v = jv_get(r->json, "description")) != NULL) {
		free(s->desc);
		s->desc = (str = jv_str(v, &len)) != NULL && len > 0 ?
		    xstrndup(str, len) : NULL;
	}
	if ((str = field_str(r, "language", &len)) != NULL) {
		if (strcmp(str, "nl") != 0 && strcmp(str, "en") != 0 &&
		    strcmp(str, "de") != 0)
			return resp_error(r, 422, "invalid_field",
			    "language must be \"nl\" or \"en\"");
		free(s->lang);
		s->lang = xstrdup(str);
	}
	if ((b = jv_bool(jv_get(r->json, "named"))) != -1) {
		if (running && b != s->named)
			return resp_error(r, 409, "running",
			    "named or anonymous cannot change while the "
			    "session runs");
		s->named = b;
	}
	if ((b = jv_bool(jv_get(r->json, "teams_on"))) != -1) {
		if (running && b != s->teams_on)
			return resp_error(r, 409, "running",
			    "teams cannot be switched while the session runs");
		s->teams_on = b;
	}
	if (field_int(r, "max_participants", &n) == 0)
		s->maxp = n;
	if ((b = jv_bool(jv_get(r->json, "allow_change"))) != -1)
		s->allow_change = b;
	teams = jv_get(r->json, "teams");
	if (teams != NULL && running)
		return resp_error(r, 409, "running",
		    "teams cannot change while the session runs");
	for (i = 0; i < jv_len(teams); i++)
		for (j = i + 1; j < jv_len(teams); j++) {
			str = jv_str(jv_at(teams, i), &li);
			if (jv_str(jv_at(teams, j), &lj) != NULL && li == lj &&
			    memcmp(str, jv_str(jv_at(teams, j), NULL), li) == 0)
				return resp_error(r, 422, "invalid_field",
				    "two teams are named \"%.40s\"", str);
		}
	return 0;
}

/* Replaces a session's teams with the body's list (in a transaction). */
static int
teams_store(struct request *r, long long id, const struct jv *teams)
{
	struct dbparam	 p[3];
	const char	*name;
	size_t		 i, len;

	p[0] = (struct dbparam)DBP_INT(id);
	if (db_exec(r->db, STMT_TEAM_DELETE_ALL, p, 1, NULL, NULL) < 0)
		return -1;
	for (i = 0; i < jv_len(teams); i++) {
		name = jv_str(jv_at(teams, i), &len);
		p[1] = (struct dbparam)DBP_TEXT(name, len);
		p[2] = (struct dbparam)DBP_INT((long long)i + 1);
		if (db_exec(r->db, STMT_TEAM_INSERT, p, 3, NULL, NULL) != 1)
			return -1;
	}
	return 0;
}

/* The session parameters of STMT_SESSION_INSERT / _UPDATE, in order. */
static void
sess_params(const struct sess *s, struct dbparam *p)
{
	p[0] = (struct dbparam)DBP_STR(s->title);
	p[1] = s->desc != NULL ? (struct dbparam)DBP_STR(s->desc) :
	    (struct dbparam)DBP_NULL;
	p[2] = (struct dbparam)DBP_STR(s->lang);
	p[3] = (struct dbparam)DBP_INT(s->named);
	p[4] = (struct dbparam)DBP_INT(s->teams_on);
	p[5] = (struct dbparam)DBP_INT(s->maxp);
	p[6] = (struct dbparam)DBP_INT(s->allow_change);
}

/* Inserts s (and teams) as a new draft.  Returns the id, or -1. */
static long long
sess_insert(struct request *r, const struct sess *s, const struct jv *teams)
{
	struct dbparam	 p[8];
	long long	 id;

	p[0] = (struct dbparam)DBP_INT(r->auth.account_id);
	sess_params(s, p + 1);
	if (db_exec(r->db, STMT_SESSION_INSERT, p, 8, NULL, NULL) != 1)
		return -1;
	id = db_last_id(r->db);
	if (teams != NULL && teams_store(r, id, teams) == -1)
		return -1;
	return id;
}

static int
teams_check(struct request *r, const struct sess *s, const struct jv *teams,
    int have_teams)
{
	if (s->teams_on && !have_teams && jv_len(teams) == 0)
		return resp_error(r, 422, "invalid_field",
		    "teams_on needs at least one team in teams");
	return 0;
}

int
api_session_create(struct request *r)
{
	struct sess	 s;
	const struct jv	*teams;
	long long	 id;
	int		 rc;

	if ((rc = fields_check(r, session_fields, NSESSION_FIELDS)) != 0)
		return rc;
	memset(&s, 0, sizeof(s));
	s.lang = xstrdup("en");
	s.allow_change = 1;
	teams = jv_get(r->json, "teams");
	if ((rc = sess_merge(r, &s, 0)) != 0 ||
	    (rc = teams_check(r, &s, teams, 0)) != 0)
		goto out;
	if (db_begin(r->db) != 0) {
		rc = db_unavailable(r);
		goto out;
	}
	if ((id = sess_insert(r, &s, teams)) < 0 ||
	    db_commit(r->db) != 0) {
		db_rollback(r->db);
		rc = db_unavailable(r);
		goto out;
	}
	rc = session_answer(r, 201, id);
out:
	sess_release(&s);
	return rc;
}

int
api_session_get(struct request *r)
{
	return session_answer(r, 200, r->ids[0]);
}

int
api_session_update(struct request *r)
{
	struct sess	 s;
	const struct jv	*teams;
	struct dbparam	 p[9];
	int		 rc, running;

	if ((rc = fields_check(r, update_fields, NSESSION_FIELDS)) != 0)
		return rc;
	if ((rc = sess_load(r, r->ids[0], &s)) != 1)
		return rc == 0 ? not_found(r) : r->resp.status;
	running = strcmp(s.state, "running") == 0;
	teams = jv_get(r->json, "teams");
	if ((rc = sess_merge(r, &s, running)) != 0 ||
	    (rc = teams_check(r, &s, teams, teams == NULL)) != 0)
		goto out;
	if (db_begin(r->db) != 0) {
		rc = db_unavailable(r);
		goto out;
	}
	sess_params(&s, p);
	p[7] = (struct dbparam)DBP_INT(s.id);
	p[8] = (struct dbparam)DBP_INT(r->auth.account_id);
	if (db_exec(r->db, STMT_SESSION_UPDATE, p, 9, NULL, NULL) < 0 ||
	    (teams != NULL && teams_store(r, s.id, teams) == -1) ||
	    db_commit(r->db) != 0) {
		db_rollback(r->db);
		rc = db_unavailable(r);
		goto out;
	}
	rc = session_answer(r, 200, s.id);
out:
	sess_release(&s);
	return rc;
}

int
api_session_delete(struct request *r)
{
	struct sess	 s;
	struct dbparam	 p[2] = { DBP_INT(r->ids[0]),
	    DBP_INT(r->auth.account_id) };
	char		 target[32];
	int		 rc;

	if ((rc = sess_load(r, r->ids[0], &s)) != 1)
		return rc == 0 ? not_found(r) : r->resp.status;
	rc = strcmp(s.state, "running") == 0;
	sess_release(&s);
	if (rc)
		return resp_error(r, 409, "running",
		    "stop the session before deleting it");
	if (db_exec(r->db, STMT_SESSION_DELETE, p, 2, NULL, NULL) < 0)
		return db_unavailable(r);
	snprintf(target, sizeof(target), "session:%lld", r->ids[0]);
	audit(r, "session_deleted", r->auth.account_id, target, "ok");
	r->resp.status = 204;
	return 204;
}

struct teamcopy {
	struct request	*r;
	long long	 to;
	long long	 pos;
	int		 failed;
};

static int
team_copy_row(void *arg, const struct dbcol *c, size_t n)
{
	struct teamcopy	*t = arg;
	struct dbparam	 p[3];

	if (n != 3)
		return -1;
	p[0] = (struct dbparam)DBP_INT(t->to);
	p[1] = (struct dbparam)DBP_TEXT(c[1].s, c[1].len);
	p[2] = (struct dbparam)DBP_INT(++t->pos);
	/* Rows are stored before the callbacks run: a new statement is safe. */
	if (db_exec(t->r->db, STMT_TEAM_INSERT, p, 3, NULL, NULL) != 1)
		t->failed = 1;
	return 0;
}

int
api_session_duplicate(struct request *r)
{
	struct sess	 s;
	struct teamcopy	 t;
	struct dbparam	 p[1];
	char		*title;
	long long	 id;
	int		 rc;

	if ((rc = sess_load(r, r->ids[0], &s)) != 1)
		return rc == 0 ? not_found(r) : r->resp.status;
	title = xasprintf("%.190s (%s)", s.title,
	    strcmp(s.lang, "nl") == 0 ? "kopie" : "copy");
	free(s.title);
	s.title = title;
	if (db_begin(r->db) != 0) {
		rc = db_unavailable(r);
		goto out;
	}
	if ((id = sess_insert(r, &s, NULL)) < 0)
		goto down;
	memset(&t, 0, sizeof(t));
	t.r = r;
	t.to = id;
	p[0] = (struct dbparam)DBP_INT(s.id);
	if (db_exec(r->db, STMT_TEAM_LIST, p, 1, team_copy_row, &t) < 0 ||
	    t.failed || db_commit(r->db) != 0)
		goto down;
	rc = session_answer(r, 201, id);
	goto out;
down:
	db_rollback(r->db);
	rc = db_unavailable(r);
out:
	sess_release(&s);
	return rc;
}

/*
 * Answers 404 or 409 for a lifecycle change that touched no row: the
 * session is not this account's, or not in the state the change needs.
 */
static int
state_refusal(struct request *r, const char *want)
{
	struct sess	 s;
	int		 rc;

	if ((rc = sess_load(r, r->ids[0], &s)) != 1)
		return rc == 0 ? not_found(r) : r->resp.status;
	rc = resp_error(r, 409, "wrong_state", "the session is %s; %s",
	    s.state, want);
	sess_release(&s);
	return rc;
}

int
api_session_start(struct request *r)
{
	struct dbparam	 p[3];
	char		 code[JOINCODE_LEN + 1], target[32];
	struct sess	 s;
	int		 i, rc;

	/* The plan's limits first: a refused start changes nothing. */
	if ((rc = sess_load(r, r->ids[0], &s)) != 1)
		return rc == 0 ? not_found(r) : r->resp.status;
	rc = strcmp(s.state, "running") == 0 ? 1 :
	    plan_check_start(r, s.id, (int)s.teams_on, s.maxp);
	sess_release(&s);
	if (rc != 1)
		return rc;
	for (i = 0; i < START_TRIES; i++) {
		if (joincode_new(code) == -1)
			return resp_error(r, 500, "internal_error",
			    "no randomness available");
		p[0] = (struct dbparam)DBP_STR(code);
		rc = db_exec(r->db, STMT_CODE_RESERVE, p, 1, NULL, NULL);
		if (rc < 0)
			return db_unavailable(r);
		if (rc == 0)
			continue;	/* used in the last 30 days */
		p[1] = (struct dbparam)DBP_INT(r->ids[0]);
		p[2] = (struct dbparam)DBP_INT(r->auth.account_id);
		rc = db_exec(r->db, STMT_SESSION_START, p, 3, NULL, NULL);
		if (rc == DB_DUP)
			continue;	/* a running session has it */
		if (rc < 0)
			return db_unavailable(r);
		if (rc == 0)
			return state_refusal(r, "it runs already");
		snprintf(target, sizeof(target), "session:%lld", r->ids[0]);
		audit(r, "session_started", r->auth.account_id, target, "ok");
		return session_answer(r, 200, r->ids[0]);
	}
	log_warnx("rid=%s no free join code in %d tries", r->id, START_TRIES);
	r->resp.retry_after = 1;
	return resp_error(r, 503, "no_code", "no join code could be made; try "
	    "again");
}

/*
 * Stops session id (of account): the row turns stopped and every token
 * of it is cleared, in one transaction.  Returns 1 stopped, 0 no such
 * running session, -1 database down.
 */
static int
sess_stop(struct db *db, long long id, long long account)
{
	struct dbparam	 p[2] = { DBP_INT(id), DBP_INT(account) };
	int		 rc;

	if (db_begin(db) != 0)
		return -1;
	rc = db_exec(db, STMT_SESSION_STOP, p, 2, NULL, NULL);
	if (rc < 0 || (rc == 1 && db_exec(db, STMT_PARTICIPANT_REVOKE_ALL, p,
	    1, NULL, NULL) < 0) || db_commit(db) != 0) {
		db_rollback(db);
		return -1;
	}
	return rc;
}

int
api_session_stop(struct request *r)
{
	char	 target[32];
	int	 rc;

	if ((rc = sess_stop(r->db, r->ids[0], r->auth.account_id)) < 0)
		return db_unavailable(r);
	if (rc == 0)
		return state_refusal(r, "only a running session can stop");
	snprintf(target, sizeof(target), "session:%lld", r->ids[0]);
	audit(r, "session_stopped", r->auth.account_id, target, "ok");
	return session_answer(r, 200, r->ids[0]);
}

static int
set_lock(struct request *r, int locked)
{
	struct dbparam	 p[3] = { DBP_INT(locked), DBP_INT(r->ids[0]),
	    DBP_INT(r->auth.account_id) };
	char		 target[32];
	int		 rc;

	if ((rc = db_exec(r->db, STMT_SESSION_SET_LOCK, p, 3, NULL, NULL)) < 0)
		return db_unavailable(r);
	if (rc == 0)
		return state_refusal(r, "only a running session can be "
		    "locked or unlocked");
	snprintf(target, sizeof(target), "session:%lld", r->ids[0]);
	audit(r, locked ? "session_locked" : "session_unlocked",
	    r->auth.account_id, target, "ok");
	return session_answer(r, 200, r->ids[0]);
}

int
api_session_lock(struct request *r)
{
	return set_lock(r, 1);
}

int
api_session_unlock(struct request *r)
{
	return set_lock(r, 0);
}

static int
version_row(void *arg, const struct dbcol *c, size_t n)
{
	return n == 1 && num_col(&c[0], arg) == 0 ? 0 : -1;
}

static int
participant_row(void *arg, const struct dbcol *c, size_t n)
{
	struct jw	*w = arg;
	long long	 id;

	if (n != 4 || num_col(&c[0], &id))
		return -1;
	jw_obj(w);
	jw_kint(w, "id", id);
	jw_kstr(w, "display_name", c[1].null ? NULL : c[1].s);
	jw_kstr(w, "team", c[2].null ? NULL : c[2].s);
	jw_kstr(w, "joined_at", c[3].s);
	jw_end(w);
	return 0;
}

/*
 * GET /api/sessions/{id}/live: what the console polls.  The ETag is the
 * session's version; an unchanged one is a 304 after one primary-key
 * read, without building the state.
 */
int
api_session_live(struct request *r)
{
	struct dbparam	 p[2] = { DBP_INT(r->ids[0]),
	    DBP_INT(r->auth.account_id) };
	struct sess	 s;
	struct jw	*w;
	long long	 version;
	int		 rc, n;

	rc = db_exec(r->db, STMT_SESSION_VERSION, p, 2, version_row, &version);
	if (rc < 0)
		return db_unavailable(r);
	if (rc == 0)
		return not_found(r);
	snprintf(r->resp.etag, sizeof(r->resp.etag), "\"v%lld\"", version);
	if (etag_matches(r))
		return 304;
	if ((rc = sess_load(r, r->ids[0], &s)) != 1)
		return rc == 0 ? not_found(r) : r->resp.status;
	/* The state may have moved on since the version was read. */
	snprintf(r->resp.etag, sizeof(r->resp.etag), "\"v%lld\"", s.version);
	w = resp_json(r, 200);
	jw_obj(w);
	jw_key(w, "session");
	jw_obj(w);
	sess_fields(r, w, &s);
	jw_end(w);
	if (teams_write(r, w, s.id) == -1)
		goto down;
	jw_key(w, "participants");
	jw_arr(w);
	p[0] = (struct dbparam)DBP_INT(s.id);
	if ((n = db_exec(r->db, STMT_PARTICIPANT_LIST, p, 1, participant_row,
	    w)) < 0)
		goto down;
	jw_end(w);
	jw_kint(w, "participant_count", n);
	jw_end(w);
	sess_release(&s);
	rc = resp_done(r, w);
	/* The ETag stays on a 200, for the next poll. */
	return rc;
down:
	jw_free(w);
	sess_release(&s);
	r->resp.etag[0] = '\0';
	return db_unavailable(r);
}

/* GET /api/sessions/{id}/qr: the join link as a QR code (SVG). */
int
api_session_qr(struct request *r)
{
	struct sess	 s;
	char		 link[300], *svg;
	int		 rc;

	if ((rc = sess_load(r, r->ids[0], &s)) != 1)
		return rc == 0 ? not_found(r) : r->resp.status;
	if (s.code == NULL) {
		sess_release(&s);
		return resp_error(r, 409, "wrong_state",
		    "only a running session has a join code");
	}
	join_link(r, s.code, link, sizeof(link));
	sess_release(&s);
	if ((svg = qr_svg(link)) == NULL)
		return resp_error(r, 500, "internal_error", "no QR code");
	buf_reset(&r->resp.body);
	buf_append(&r->resp.body, svg, strlen(svg));
	free(svg);
	r->resp.status = 200;
	r->resp.ctype = "image/svg+xml";
	return 200;
}

/*
 * Checks that session {id} (r->ids[0]) belongs to the caller.  Returns 1,
 * or the status with a 404 (or 503) set.
 */
int
session_owned(struct request *r)
{
	struct dbparam	 p[2] = { DBP_INT(r->ids[0]),
	    DBP_INT(r->auth.account_id) };
	long long	 version;
	int		 rc;

	rc = db_exec(r->db, STMT_SESSION_VERSION, p, 2, version_row, &version);
	if (rc < 0)
		return db_unavailable(r);
	if (rc == 0)
		return not_found(r);
	return 1;
}

int
api_participant_remove(struct request *r)
{
	struct dbparam	 p[2] = { DBP_INT(r->ids[0]),
	    DBP_INT(r->auth.account_id) };
	char		 target[64];
	int		 rc;

	if ((rc = session_owned(r)) != 1)
		return rc;
	p[0] = (struct dbparam)DBP_INT(r->ids[1]);
	p[1] = (struct dbparam)DBP_INT(r->ids[0]);
	if ((rc = db_exec(r->db, STMT_PARTICIPANT_REMOVE, p, 2, NULL,
	    NULL)) < 0)
		return db_unavailable(r);
	if (rc == 0)
		return resp_error(r, 404, "not_found", "no such participant");
	p[0] = (struct dbparam)DBP_INT(r->ids[0]);
	(void)db_exec(r->db, STMT_SESSION_BUMP, p, 1, NULL, NULL);
	snprintf(target, sizeof(target), "session:%lld participant:%lld",
	    r->ids[0], r->ids[1]);
	audit(r, "participant_removed", r->auth.account_id, target, "ok");
	r->resp.status = 204;
	return 204;
}

struct expired {
	long long	*id;
	long long	*account;
	size_t		 n;
};

static int
expired_row(void *arg, const struct dbcol *c, size_t n)
{
	struct expired	*e = arg;

	if (n != 2 || e->n == 100)
		return 0;
	if (num_col(&c[0], &e->id[e->n]) || num_col(&c[1], &e->account[e->n]))
		return -1;
	e->n++;
	return 0;
}

/*
 * Stops running sessions older than session_max_hours, with an audit
 * event each.  Called by the workers about once a minute; two workers
 * racing stop each session once (the UPDATE is conditional).
 */
void
session_sweep(struct db *db, const struct config *cfg)
{
	long long	 ids[100], accounts[100];
	struct expired	 e = { ids, accounts, 0 };
	struct dbparam	 p[2];
	char		 target[32];
	size_t		 i;
	int		 rc;

	p[0] = (struct dbparam)DBP_INT(cfg->num[CFG_SESSION_MAX_HOURS] * 3600);
	if (db_exec(db, STMT_SESSION_EXPIRED, p, 1, expired_row, &e) <= 0)
		return;
	for (i = 0; i < e.n; i++) {
		if (db_begin(db) != 0)
			return;
		p[0] = (struct dbparam)DBP_INT(ids[i]);
		p[1] = (struct dbparam)DBP_INT(cfg->num[CFG_SESSION_MAX_HOURS] *
		    3600);
		rc = db_exec(db, STMT_SESSION_EXPIRE, p, 2, NULL, NULL);
		if (rc < 0 || (rc == 1 && db_exec(db,
		    STMT_PARTICIPANT_REVOKE_ALL, p, 1, NULL, NULL) < 0) ||
		    db_commit(db) != 0) {
			db_rollback(db);
			return;
		}
		if (rc == 1) {
			snprintf(target, sizeof(target), "session:%lld",
			    ids[i]);
			audit_system(db, "session_stopped", accounts[i],
			    target, "automatic");
			log_info("session %lld stopped after %lld hours",
			    ids[i], cfg->num[CFG_SESSION_MAX_HOURS]);
		}
	}
}
