/* SPDX-License-Identifier: ISC */
/*
 * session.c: a facilitator's sessions, the domain (P4, P6, P7): load,
 * list, create, edit, duplicate, delete, start with a new join code,
 * lock, stop, teams, participants, and the sweep that stops sessions
 * past their maximum age.  Functions over the database and plain values;
 * they return an outcome (and, refusing, why), never a status: the
 * handlers (api_session.c and others) answer.
 *
 * Every statement names the account as well as the session, so another
 * account's session is "not found", never data.  Who may do what is
 * member.c's (member_check()): session_load() and session_owned() mean
 * "may run and edit" (the owner or a co-facilitator), session_seen() and
 * session_moderated() let a moderator in too, session_owner() only the
 * owner.  A stop is one
 * transaction: the session row turns "stopped" and loses its code, and
 * every participant token of it is cleared; participant requests check
 * the session's state in the same query that finds their token, so none
 * is served after the commit.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

#define START_TRIES	8	/* codes drawn before giving up (40 bits) */

/* A session row (SESSION_COLS of stmtdef.h), column by column. */
static const struct dbfield session_fields[] = {
	DBF_I(session, id),
	DBF_S(session, title),
	DBF_S(session, desc),
	DBF_S(session, lang),
	DBF_I(session, named),
	DBF_I(session, teams_on),
	DBF_I(session, maxp),
	DBF_I(session, allow_change),
	DBF_S(session, state),
	DBF_I(session, locked),
	DBF_S(session, code),
	DBF_I(session, run),
	DBF_I(session, version),
	DBF_S(session, started),
	DBF_S(session, stopped),
	DBF_S(session, created),
};
static const struct dbshape session_shape = DBSHAPE(session_fields, session);

/* A session shared with an account, and its role (STMT_MEMBER_SESSIONS). */
struct shared {
	struct session	 s;
	char		*role;		/* owned */
};
#define SHARED_FIELD(m, t) { t, offsetof(struct shared, s) + \
	offsetof(struct session, m), 0 }
static const struct dbfield shared_fields[] = {
	SHARED_FIELD(id, DBF_INT),
	SHARED_FIELD(title, DBF_STR),
	SHARED_FIELD(desc, DBF_STR),
	SHARED_FIELD(lang, DBF_STR),
	SHARED_FIELD(named, DBF_INT),
	SHARED_FIELD(teams_on, DBF_INT),
	SHARED_FIELD(maxp, DBF_INT),
	SHARED_FIELD(allow_change, DBF_INT),
	SHARED_FIELD(state, DBF_STR),
	SHARED_FIELD(locked, DBF_INT),
	SHARED_FIELD(code, DBF_STR),
	SHARED_FIELD(run, DBF_INT),
	SHARED_FIELD(version, DBF_INT),
	SHARED_FIELD(started, DBF_STR),
	SHARED_FIELD(stopped, DBF_STR),
	SHARED_FIELD(created, DBF_STR),
	DBF_S(shared, role),
};
static const struct dbshape shared_shape = DBSHAPE(shared_fields, shared);

/* A team of STMT_TEAM_LIST. */
struct team {
	long long	 id;
	char		*name;		/* owned */
	long long	 participants;
};
static const struct dbfield team_fields[] = {
	DBF_I(team, id),
	DBF_S(team, name),
	DBF_I(team, participants),
};
static const struct dbshape team_shape = DBSHAPE(team_fields, team);

/* A participant of STMT_PARTICIPANT_LIST. */
struct member {
	long long	 id;
	char		*name;		/* owned, or NULL */
	char		*team;		/* owned, or NULL */
	char		*joined;	/* owned */
};
static const struct dbfield member_fields[] = {
	DBF_I(member, id),
	DBF_S(member, name),
	DBF_S(member, team),
	DBF_S(member, joined),
};
static const struct dbshape member_shape = DBSHAPE(member_fields, member);

/* A running session past its age (STMT_SESSION_EXPIRED). */
struct expired {
	long long	 id, account;
};
static const struct dbfield expired_fields[] = {
	DBF_I(expired, id),
	DBF_I(expired, account),
};
static const struct dbshape expired_shape = DBSHAPE(expired_fields, expired);

static enum outcome
no_session(struct why *why)
{
	why_set(why, "not_found", "no such session");
	return OUT_NOT_FOUND;
}

void
session_release(struct session *s)
{
	db_shape_release(&session_shape, s);
	memset(s, 0, sizeof(*s));
}

void
sessions_free(struct session *v, size_t n)
{
	db_list_free(&session_shape, v, n);
}

/* Loads session id if account has role need in it (member_check()). */
static enum outcome
session_load_as(struct db *db, long long id, long long account,
    enum member_role need, struct session *s, struct why *why)
{
	struct dbparam	 p[2] = { DBP_INT(id), DBP_INT(account) };
	enum member_role role;
	enum outcome	 o;
	int		 rc;

	memset(s, 0, sizeof(*s));
	if ((o = member_check(db, id, account, need, &role, why)) != OUT_OK)
		return o;
	rc = db_one(db, STMT_SESSION_GET, p, 2, &session_shape, s);
	if (rc < 0)
		return OUT_DB_DOWN;
	if (rc == 0)
		return no_session(why);
	s->role = member_role_name(role);
	return OUT_OK;
}

/*
 * Loads session id for account, who may run and edit it (its owner or
 * a co-facilitator).  OUT_OK, OUT_NOT_FOUND, OUT_DENIED (a moderator) or
 * OUT_DB_DOWN.
 */
enum outcome
session_load(struct db *db, long long id, long long account,
    struct session *s, struct why *why)
{
	return session_load_as(db, id, account, MEMBER_COFACILITATOR, s, why);
}

/* The same for anyone who sees the session: a moderator too. */
enum outcome
session_seen(struct db *db, long long id, long long account,
    struct session *s, struct why *why)
{
	return session_load_as(db, id, account, MEMBER_MODERATOR, s, why);
}

/* May account moderate session id (moderator or more)? */
enum outcome
session_moderated(struct db *db, long long id, long long account,
    struct why *why)
{
	return member_check(db, id, account, MEMBER_MODERATOR, NULL, why);
}

/* Is account the owner of session id (delete, members)? */
enum outcome
session_owner(struct db *db, long long id, long long account,
    struct why *why)
{
	return member_check(db, id, account, MEMBER_OWNER, NULL, why);
}

/*
 * The sessions shared with account, newest first, each with the role
 * (s->role, static): *v (owned, sessions_free()).
 */
enum outcome
session_list_shared(struct db *db, long long account, struct session **v,
    size_t *n)
{
	struct dbparam	 p[1] = { DBP_INT(account) };
	struct shared	*sh;
	size_t		 i;

	*v = NULL;
	*n = 0;
	if (db_list(db, STMT_MEMBER_SESSIONS, p, 1, &shared_shape, &sh,
	    n) < 0)
		return OUT_DB_DOWN;
	if (*n > 0)
		*v = xcalloc(*n, sizeof(**v));
	for (i = 0; i < *n; i++) {
		(*v)[i] = sh[i].s;
		(*v)[i].role = member_role_name(member_role_parse(sh[i].role,
		    strlen(sh[i].role)));
		free(sh[i].role);
	}
	free(sh);
	return OUT_OK;
}

/* The account's sessions, newest first: *v (owned, sessions_free()). */
enum outcome
session_list(struct db *db, long long account, struct session **v,
    size_t *n)
{
	struct dbparam	 p[1] = { DBP_INT(account) };

	if (db_list(db, STMT_SESSION_LIST, p, 1, &session_shape, v, n) < 0)
		return OUT_DB_DOWN;
	return OUT_OK;
}

/* The version of session id of account (an unchanged poll, ownership). */
enum outcome
session_version(struct db *db, long long id, long long account,
    long long *version, struct why *why)
{
	struct dbparam	 p[2] = { DBP_INT(id), DBP_INT(account) };
	int		 rc;

	*version = 0;
	rc = db_exec(db, STMT_SESSION_VERSION, p, 2, db_row_int, version);
	if (rc < 0)
		return OUT_DB_DOWN;
	if (rc == 0)
		return no_session(why);
	return OUT_OK;
}

/*
 * May account run and edit session id (its owner or a co-facilitator)?
 * OUT_OK, OUT_NOT_FOUND (why: "no such session"), OUT_DENIED (a
 * moderator) or OUT_DB_DOWN; the handlers answer.
 */
enum outcome
session_owned(struct db *db, long long id, long long account,
    struct why *why)
{
	return member_check(db, id, account, MEMBER_COFACILITATOR, NULL, why);
}

/* The join link of a code: ORIGIN/j/CODE. */
void
session_join_link(const char *origin, const char *code, char *out, size_t sz)
{
	/* A link cut short would send people elsewhere: none rather. */
	(void)strfmt(out, sz, "%s/j/%s", origin, code);
}

/* Writes the fields of a session (not its teams) into an open object. */
void
session_write(struct jw *w, const struct session *s, const char *origin)
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
		session_join_link(origin, s->code, link, sizeof(link));
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
	if (s->role != NULL)
		jw_kstr(w, "role", s->role);
}

/* Writes "teams": [...] of session id. */
enum outcome
session_teams_write(struct db *db, struct jw *w, long long id)
{
	struct dbparam	 p[1] = { DBP_INT(id) };
	struct team	*t;
	size_t		 i, n;

	if (db_list(db, STMT_TEAM_LIST, p, 1, &team_shape, &t, &n) < 0)
		return OUT_DB_DOWN;
	jw_key(w, "teams");
	jw_arr(w);
	for (i = 0; i < n; i++) {
		jw_obj(w);
		jw_kint(w, "id", t[i].id);
		jw_kstr(w, "name", t[i].name);
		jw_kint(w, "participants", t[i].participants);
		jw_end(w);
	}
	jw_end(w);
	db_list_free(&team_shape, t, n);
	return OUT_OK;
}

/*
 * Writes "session": {...} of session id of account, with its teams, into
 * an open object (what most session routes answer, and the export).  A
 * read: a moderator sees it too; what changed it checked its role.
 */
enum outcome
session_json(struct db *db, struct jw *w, long long id, long long account,
    const char *origin, struct why *why)
{
	struct session	 s;
	enum outcome	 o;

	if ((o = session_seen(db, id, account, &s, why)) != OUT_OK)
		return o;
	jw_key(w, "session");
	jw_obj(w);
	session_write(w, &s, origin);
	o = session_teams_write(db, w, s.id);
	jw_end(w);
	session_release(&s);
	return o;
}

/*
 * Applies an edit over s (a new session's defaults or the stored one),
 * with the rules: a known language, named and teams fixed while the
 * session runs, distinct team names, teams when teams are on.
 */
static enum outcome
session_apply(struct session *s, const struct session_edit *e, int running,
    int creating, struct why *why)
{
	size_t	 i, j;
	int	 lang;

	if (e->title != NULL) {
		free(s->title);
		s->title = xstrndup(e->title, e->titlelen);
	}
	if (e->desc_set) {
		free(s->desc);
		s->desc = e->desc != NULL && e->desclen > 0 ?
		    xstrndup(e->desc, e->desclen) : NULL;
	}
	if (e->lang != NULL) {
		if ((lang = lang_parse(e->lang, e->langlen)) < 0) {
			why_set(why, "invalid_field", "language must be "
			    "\"en\", \"nl\" or \"de\"");
			return OUT_INVALID;
		}
		free(s->lang);
		s->lang = xstrdup(lang_code((enum lang)lang));
	}
	if (e->named != -1) {
		if (running && e->named != s->named) {
			why_set(why, "running", "named or anonymous cannot "
			    "change while the session runs");
			return OUT_CONFLICT;
		}
		s->named = e->named;
	}
	if (e->teams_on != -1) {
		if (running && e->teams_on != s->teams_on) {
			why_set(why, "running", "teams cannot be switched "
			    "while the session runs");
			return OUT_CONFLICT;
		}
		s->teams_on = e->teams_on;
	}
	if (e->maxp != -1)
		s->maxp = e->maxp;
	if (e->allow_change != -1)
		s->allow_change = e->allow_change;
	if (e->teams_set && running) {
		why_set(why, "running", "teams cannot change while the "
		    "session runs");
		return OUT_CONFLICT;
	}
	for (i = 0; i < e->nteams; i++)
		for (j = i + 1; j < e->nteams; j++)
			if (e->teamlen[i] == e->teamlen[j] &&
			    memcmp(e->team[i], e->team[j], e->teamlen[i]) == 0) {
				why_set(why, "invalid_field", "two teams are "
				    "named \"%.40s\"", e->team[i]);
				return OUT_INVALID;
			}
	if (s->teams_on && (creating || e->teams_set) && e->nteams == 0) {
		why_set(why, "invalid_field", "teams_on needs at least one "
		    "team in teams");
		return OUT_INVALID;
	}
	return OUT_OK;
}

/* Replaces a session's teams (in the caller's transaction). */
static int
teams_store(struct db *db, long long id, const struct session_edit *e)
{
	struct dbparam	 p[3];
	size_t		 i;

	p[0] = (struct dbparam)DBP_INT(id);
	if (db_exec(db, STMT_TEAM_DELETE_ALL, p, 1, NULL, NULL) < 0)
		return -1;
	for (i = 0; i < e->nteams; i++) {
		p[1] = (struct dbparam)DBP_TEXT(e->team[i], e->teamlen[i]);
		p[2] = (struct dbparam)DBP_INT((long long)i + 1);
		if (db_exec(db, STMT_TEAM_INSERT, p, 3, NULL, NULL) != 1)
			return -1;
	}
	return 0;
}

/* The session parameters of STMT_SESSION_INSERT / _UPDATE, in order. */
static void
session_params(const struct session *s, struct dbparam *p)
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

/*
 * Inserts s as a new draft of account (no teams; in the caller's
 * transaction, if any).  Returns the id, or -1.
 */
long long
session_insert(struct db *db, long long account, const struct session *s)
{
	struct dbparam	 p[8];

	p[0] = (struct dbparam)DBP_INT(account);
	session_params(s, p + 1);
	if (db_exec(db, STMT_SESSION_INSERT, p, 8, NULL, NULL) != 1)
		return -1;
	return db_last_id(db);
}

/* A new draft session of account from e; *id its id. */
enum outcome
session_create(struct db *db, long long account,
    const struct session_edit *e, long long *id, struct why *why)
{
	struct session	 s;
	enum outcome	 o;

	memset(&s, 0, sizeof(s));
	s.lang = xstrdup("en");
	s.allow_change = 1;
	if ((o = session_apply(&s, e, 0, 1, why)) != OUT_OK)
		goto out;
	o = OUT_DB_DOWN;
	if (db_begin(db) != 0)
		goto out;
	if ((*id = session_insert(db, account, &s)) < 0 ||
	    (e->teams_set && teams_store(db, *id, e) == -1) ||
	    db_commit(db) != 0) {
		db_rollback(db);
		goto out;
	}
	o = OUT_OK;
out:
	session_release(&s);
	return o;
}

/* Applies e to session id of account. */
enum outcome
session_update(struct db *db, long long id, long long account,
    const struct session_edit *e, struct why *why)
{
	struct session	 s;
	struct dbparam	 p[9];
	enum outcome	 o;

	if ((o = session_load(db, id, account, &s, why)) != OUT_OK)
		return o;
	if ((o = session_apply(&s, e, strcmp(s.state, "running") == 0, 0,
	    why)) != OUT_OK)
		goto out;
	o = OUT_DB_DOWN;
	if (db_begin(db) != 0)
		goto out;
	session_params(&s, p);
	p[7] = (struct dbparam)DBP_INT(s.id);
	p[8] = (struct dbparam)DBP_INT(account);
	if (db_exec(db, STMT_SESSION_UPDATE, p, 9, NULL, NULL) < 0 ||
	    (e->teams_set && teams_store(db, s.id, e) == -1) ||
	    db_commit(db) != 0) {
		db_rollback(db);
		goto out;
	}
	o = OUT_OK;
out:
	session_release(&s);
	return o;
}

/* Deletes session id of account; a running one is refused. */
enum outcome
session_delete(struct db *db, long long id, long long account,
    struct why *why)
{
	struct dbparam	 p[2] = { DBP_INT(id), DBP_INT(account) };
	struct session	 s;
	enum outcome	 o;
	int		 running;

	if ((o = session_owner(db, id, account, why)) != OUT_OK ||
	    (o = session_load(db, id, account, &s, why)) != OUT_OK)
		return o;
	running = strcmp(s.state, "running") == 0;
	session_release(&s);
	if (running) {
		why_set(why, "running", "stop the session before deleting it");
		return OUT_CONFLICT;
	}
	if (db_exec(db, STMT_SESSION_DELETE, p, 2, NULL, NULL) < 0)
		return OUT_DB_DOWN;
	return OUT_OK;
}

/*
 * A new draft with session id's settings, teams and profile questions,
 * titled as a copy in the session's language; *copy its id.
 */
enum outcome
session_duplicate(struct db *db, long long id, long long account,
    long long *copy, struct why *why)
{
	struct session	 s;
	struct team	*t = NULL;
	struct dbparam	 p[3];
	enum outcome	 o;
	char		*title;
	size_t		 i, n = 0;
	int		 lang;

	if ((o = session_load(db, id, account, &s, why)) != OUT_OK)
		return o;
	lang = lang_parse(s.lang, strlen(s.lang));
	title = xasprintf("%.190s (%s)", s.title,
	    text_get(lang < 0 ? LANG_EN : (enum lang)lang, TEXT_COPY));
	free(s.title);
	s.title = title;
	o = OUT_DB_DOWN;
	if (db_begin(db) != 0)
		goto out;
	p[0] = (struct dbparam)DBP_INT(s.id);
	if ((*copy = session_insert(db, account, &s)) < 0 ||
	    db_list(db, STMT_TEAM_LIST, p, 1, &team_shape, &t, &n) < 0)
		goto down;
	for (i = 0; i < n; i++) {
		p[0] = (struct dbparam)DBP_INT(*copy);
		p[1] = (struct dbparam)DBP_STR(t[i].name);
		p[2] = (struct dbparam)DBP_INT((long long)i + 1);
		if (db_exec(db, STMT_TEAM_INSERT, p, 3, NULL, NULL) != 1)
			goto down;
	}
	if (profile_copy(db, s.id, *copy) == -1 || db_commit(db) != 0)
		goto down;
	o = OUT_OK;
	goto out;
down:
	db_rollback(db);
out:
	db_list_free(&team_shape, t, n);
	session_release(&s);
	return o;
}

/*
 * The refusal of a lifecycle change that touched no row: the session is
 * not this account's (not found), or not in the state the change needs.
 */
static enum outcome
state_refusal(struct db *db, long long id, long long account,
    const char *want, struct why *why)
{
	struct session	 s;
	enum outcome	 o;

	if ((o = session_load(db, id, account, &s, why)) != OUT_OK)
		return o;
	why_set(why, "wrong_state", "the session is %s; %s", s.state, want);
	session_release(&s);
	return OUT_CONFLICT;
}

/*
 * Starts session id of account with a new join code (the caller checked
 * the plan's limits).  OUT_BUSY: no free code was found (try again);
 * OUT_ERROR: no randomness.
 */
enum outcome
session_start(struct db *db, long long id, long long account,
    struct why *why)
{
	struct dbparam	 p[4];
	char		 code[JOINCODE_LEN + 1], live[LIVE_TOKEN_LEN + 1];
	int		 i, rc;

	/* The participants' document's name (live.c). */
	if (livedir_token_new(live) == -1) {
		why_set(why, "internal_error", "no randomness available");
		return OUT_ERROR;
	}
	for (i = 0; i < START_TRIES; i++) {
		if (joincode_new(code) == -1) {
			why_set(why, "internal_error", "no randomness "
			    "available");
			return OUT_ERROR;
		}
		p[0] = (struct dbparam)DBP_STR(code);
		rc = db_exec(db, STMT_CODE_RESERVE, p, 1, NULL, NULL);
		if (rc < 0)
			return OUT_DB_DOWN;
		if (rc == 0)
			continue;	/* used in the last 30 days */
		p[1] = (struct dbparam)DBP_STR(live);
		p[2] = (struct dbparam)DBP_INT(id);
		p[3] = (struct dbparam)DBP_INT(account);
		rc = db_exec(db, STMT_SESSION_START, p, 4, NULL, NULL);
		if (rc == DB_DUP)
			continue;	/* a running session has it */
		if (rc < 0)
			return OUT_DB_DOWN;
		if (rc == 0)
			return state_refusal(db, id, account,
			    "it runs already", why);
		/* A mark of the last run's stop must not hold this one. */
		livedir_forget(id);
		return OUT_OK;
	}
	why_set(why, "no_code", "no join code could be made; try again");
	return OUT_BUSY;
}

/*
 * Stops session id (of account): the row turns stopped and every token
 * of it is cleared, in one transaction; its live documents are taken
 * down before the commit (live.c), so no poll after it gets them.
 */
enum outcome
session_stop(struct db *db, long long id, long long account,
    struct why *why)
{
	struct dbparam	 p[2] = { DBP_INT(id), DBP_INT(account) };
	struct liveend	 le;
	enum outcome	 o;
	int		 rc;

	/* Another's session: not even its documents are touched. */
	if ((o = session_owned(db, id, account, why)) != OUT_OK)
		return o;
	if (db_begin(db) != 0)
		return OUT_DB_DOWN;
	if ((o = live_end(db, id, LIVE_ALL, &le)) != OUT_OK) {
		db_rollback(db);
		live_end_done(&le, 0);
		return o;
	}
	rc = db_exec(db, STMT_SESSION_STOP, p, 2, NULL, NULL);
	if (rc < 0 || (rc == 1 && db_exec(db, STMT_PARTICIPANT_REVOKE_ALL, p,
	    1, NULL, NULL) < 0) || db_commit(db) != 0) {
		db_rollback(db);
		live_end_done(&le, 0);
		return OUT_DB_DOWN;
	}
	live_end_done(&le, rc == 1);
	if (rc == 0)
		return state_refusal(db, id, account, "only a running "
		    "session can stop", why);
	return OUT_OK;
}

/*
 * In the caller's transaction: stops every running session of account
 * (its deletion, disabling or purge) as session_stop() does, each by
 * its own statements, so the poll table and the live documents see each
 * end (le: live_end_done() after the commit or rollback, whatever this
 * returns).
 */
enum outcome
session_stop_all(struct db *db, long long account, struct liveend *le)
{
	struct dbparam	 p[2];
	enum outcome	 o;
	size_t		 i;

	if ((o = live_end_account(db, account, le)) != OUT_OK)
		return o;
	for (i = 0; i < le->n; i++) {
		p[0] = (struct dbparam)DBP_INT(le->v[i].session);
		p[1] = (struct dbparam)DBP_INT(account);
		if (db_exec(db, STMT_SESSION_STOP, p, 2, NULL, NULL) < 0 ||
		    db_exec(db, STMT_PARTICIPANT_REVOKE_ALL, p, 1, NULL,
		    NULL) < 0)
			return OUT_DB_DOWN;
	}
	return OUT_OK;
}

/* Locks (or unlocks) running session id to new participants. */
enum outcome
session_lock(struct db *db, long long id, long long account, int locked,
    struct why *why)
{
	struct dbparam	 p[3] = { DBP_INT(locked), DBP_INT(id),
	    DBP_INT(account) };
	int		 rc;

	if ((rc = db_exec(db, STMT_SESSION_SET_LOCK, p, 3, NULL, NULL)) < 0)
		return OUT_DB_DOWN;
	if (rc == 0)
		return state_refusal(db, id, account, "only a running "
		    "session can be locked or unlocked", why);
	return OUT_OK;
}

/*
 * Writes "participants": [...] of session id's present run; *count
 * their number.
 */
enum outcome
session_participants_write(struct db *db, struct jw *w, long long id,
    long long *count)
{
	struct dbparam	 p[1] = { DBP_INT(id) };
	struct member	*m;
	size_t		 i, n;

	if (db_list(db, STMT_PARTICIPANT_LIST, p, 1, &member_shape, &m,
	    &n) < 0)
		return OUT_DB_DOWN;
	jw_key(w, "participants");
	jw_arr(w);
	for (i = 0; i < n; i++) {
		jw_obj(w);
		jw_kint(w, "id", m[i].id);
		jw_kstr(w, "display_name", m[i].name);
		jw_kstr(w, "team", m[i].team);
		jw_kstr(w, "joined_at", m[i].joined);
		jw_end(w);
	}
	jw_end(w);
	db_list_free(&member_shape, m, n);
	*count = (long long)n;
	return OUT_OK;
}

/*
 * Removes participant pid from session id of account, and renews the
 * participants' document's token in the same transaction (live.c): the
 * removed participant's next poll of it is a 404, the others learn the
 * new one from a worker.
 */
enum outcome
session_participant_remove(struct db *db, long long id, long long account,
    long long pid, struct why *why)
{
	struct dbparam	 p[2];
	struct liveend	 le;
	enum outcome	 o;
	int		 rc;

	if ((o = session_owned(db, id, account, why)) != OUT_OK)
		return o;
	if (db_begin(db) != 0)
		return OUT_DB_DOWN;
	p[0] = (struct dbparam)DBP_INT(pid);
	p[1] = (struct dbparam)DBP_INT(id);
	if ((rc = db_exec(db, STMT_PARTICIPANT_REMOVE, p, 2, NULL,
	    NULL)) <= 0) {
		db_rollback(db);
		if (rc < 0)
			return OUT_DB_DOWN;
		why_set(why, "not_found", "no such participant");
		return OUT_NOT_FOUND;
	}
	if ((o = live_end(db, id, LIVE_PART, &le)) != OUT_OK ||
	    db_commit(db) != 0) {
		db_rollback(db);
		live_end_done(&le, 0);
		return o != OUT_OK ? o : OUT_DB_DOWN;
	}
	live_end_done(&le, 1);
	return OUT_OK;
}

/* Moves session id's version: its pollers read it again. */
void
session_bump(struct db *db, long long id)
{
	struct dbparam	 p[1] = { DBP_INT(id) };

	(void)db_exec(db, STMT_SESSION_BUMP, p, 1, NULL, NULL);
}

/*
 * Stops running sessions older than session_max_hours, with an audit
 * event each.  Called by the workers about once a minute; two workers
 * racing stop each session once (the UPDATE is conditional).
 */
void
session_sweep(struct db *db, const struct config *cfg)
{
	struct expired	*e;
	struct dbparam	 p[2];
	struct liveend	 le;
	char		 target[32];
	size_t		 i, n;
	int		 rc;

	p[0] = (struct dbparam)DBP_INT(cfg->num[CFG_SESSION_MAX_HOURS] * 3600);
	if (db_list(db, STMT_SESSION_EXPIRED, p, 1, &expired_shape, &e,
	    &n) <= 0)
		return;
	for (i = 0; i < n && i < 100; i++) {
		if (db_begin(db) != 0)
			break;
		if (live_end(db, e[i].id, LIVE_ALL, &le) != OUT_OK) {
			db_rollback(db);
			live_end_done(&le, 0);
			break;
		}
		p[0] = (struct dbparam)DBP_INT(e[i].id);
		p[1] = (struct dbparam)DBP_INT(cfg->num[CFG_SESSION_MAX_HOURS] *
		    3600);
		rc = db_exec(db, STMT_SESSION_EXPIRE, p, 2, NULL, NULL);
		if (rc < 0 || (rc == 1 && db_exec(db,
		    STMT_PARTICIPANT_REVOKE_ALL, p, 1, NULL, NULL) < 0) ||
		    db_commit(db) != 0) {
			db_rollback(db);
			live_end_done(&le, 0);
			break;
		}
		live_end_done(&le, rc == 1);
		if (rc == 1) {
			xsnprintf(target, sizeof(target), "session:%lld",
			    e[i].id);
			audit_system(db, "session_stopped", e[i].account,
			    target, "automatic");
			log_info("session %lld stopped after %lld hours",
			    e[i].id, cfg->num[CFG_SESSION_MAX_HOURS]);
		}
	}
	db_list_free(&expired_shape, e, n);
}
