/* SPDX-License-Identifier: ISC */
/*
 * participant.c: participants, who join without an account (P6, P7,
 * P8), the domain: finding a participant by the SHA-256 of their token,
 * the poll's one query (the participant, the session's version and
 * their own answers), and joining a running session by its code.
 *
 * A token is good only while its session runs the same run and the
 * participant was not removed (db.c's PARTICIPANT_GOOD).  The same
 * browser joining again with the same code is the same participant (no
 * second vote).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

/* A participant row (STMT_PARTICIPANT_AUTH, the head of _STATE). */
static const struct dbfield participant_cols[] = {
	DBF_I(participant, id),
	DBF_I(participant, session),
	DBF_S(participant, name),
	DBF_S(participant, team),
	DBF_I(participant, version),
	DBF_S(participant, title),
	DBF_S(participant, lang),
	DBF_I(participant, allow_change),
	DBF_I(participant, team_id),
	DBF_C(participant, live),
};
static const struct dbshape participant_shape = DBSHAPE(participant_cols,
    participant);
#define PARTICIPANT_NCOLS \
	(sizeof(participant_cols) / sizeof(participant_cols[0]))

/* The ids of a participant's writes (STMT_PARTICIPANT_WHO). */
static const struct dbfield partn_cols[] = {
	DBF_I(partn, id),
	DBF_I(partn, session_id),
	DBF_I(partn, team_id),
	DBF_I(partn, allow_change),
};
static const struct dbshape partn_shape = DBSHAPE(partn_cols, partn);

/* The running session of a join code (STMT_SESSION_BY_CODE). */
struct bycode {
	long long	 id, run, locked, named, teams_on, maxp;
	long long	 planmax;	/* the owner's plan's participants */
	long long	 account;
	char		*title;		/* owned */
	char		*lang;		/* owned */
};
static const struct dbfield bycode_cols[] = {
	DBF_I(bycode, id),
	DBF_I(bycode, run),
	DBF_I(bycode, locked),
	DBF_I(bycode, named),
	DBF_I(bycode, teams_on),
	DBF_I(bycode, maxp),
	DBF_I(bycode, planmax),
	DBF_I(bycode, account),
	DBF_S(bycode, title),
	DBF_S(bycode, lang),
};
static const struct dbshape bycode_shape = DBSHAPE(bycode_cols, bycode);

void
participant_release(struct participant *p)
{
	db_shape_release(&participant_shape, p);
	memset(p, 0, sizeof(*p));
}

/*
 * The ids of the participant whose token hashes to h (a session at most
 * maxage seconds old): OUT_OK, OUT_UNAUTHENTICATED or OUT_DB_DOWN.
 */
enum outcome
participant_who(struct db *db, const unsigned char h[32], long long maxage,
    struct partn *pt)
{
	struct dbparam	 p[2] = { DBP_BLOB(h, 32), DBP_INT(maxage) };
	int		 rc;

	rc = db_one(db, STMT_PARTICIPANT_WHO, p, 2, &partn_shape, pt);
	if (rc < 0)
		return OUT_DB_DOWN;
	return rc == 0 ? OUT_UNAUTHENTICATED : OUT_OK;
}

/* The poll's rows: the participant, then their answers. */
struct staterow {
	struct participant	*p;
	struct mine		*m;
	int			 rows;
};

static int
state_row(void *arg, const struct dbcol *c, size_t n)
{
	struct staterow	*s = arg;

	if (n != PARTICIPANT_NCOLS + 5)
		return -1;
	if (s->rows++ == 0 && db_decode(&participant_shape, c,
	    PARTICIPANT_NCOLS, s->p) == -1)
		return -1;
	/* A row of NULLs after the participant: no answers. */
	if (c[PARTICIPANT_NCOLS].null)
		return 0;
	return mine_row(s->m, c + PARTICIPANT_NCOLS, 5);
}

/*
 * The participant's poll in one query: the participant of token hash h
 * and their session (p), and their own answers (m).
 */
enum outcome
participant_state(struct db *db, const unsigned char h[32], long long maxage,
    struct participant *pp, struct mine *m)
{
	struct dbparam	 p[2] = { DBP_BLOB(h, 32), DBP_INT(maxage) };
	struct staterow	 st = { pp, m, 0 };
	int		 rc;

	memset(pp, 0, sizeof(*pp));
	if ((rc = db_exec(db, STMT_PARTICIPANT_STATE, p, 2, state_row,
	    &st)) < 0) {
		participant_release(pp);
		return OUT_DB_DOWN;
	}
	return rc == 0 ? OUT_UNAUTHENTICATED : OUT_OK;
}

/* Writes what a participant sees of themself and their session. */
void
participant_write(struct jw *w, const struct participant *p)
{
	jw_key(w, "participant");
	jw_obj(w);
	jw_kint(w, "id", p->id);
	jw_kstr(w, "display_name", p->name);
	jw_kstr(w, "team", p->team);
	jw_end(w);
	jw_key(w, "session");
	jw_obj(w);
	jw_kstr(w, "title", p->title);
	jw_kstr(w, "language", p->lang);
	jw_kstr(w, "state", "running");
	jw_kbool(w, "allow_change", p->allow_change != 0);
	jw_end(w);
}

void
joined_release(struct joined *j)
{
	participant_release(&j->me);
	free(j->title);
	free(j->lang);
	memset(j, 0, sizeof(*j));
}

/*
 * Joins the running session of code as q asks, in one transaction.
 * OUT_NOT_FOUND: no running session has the code (the caller counts the
 * address's failure); a refusal of the session (locked, a name or team
 * missing, full: j->full and j->account set) says why.  OUT_OK with
 * j->resumed: the browser's token (hash h, or NULL) is already this
 * session's participant j->me; otherwise j->id and j->token are new.
 * akey's join failures are cleared when the code is good.
 */
enum outcome
participant_join(struct db *db, const struct joinreq *q, struct joined *j,
    struct why *why)
{
	struct bycode	 b;
	struct dbparam	 p[5];
	unsigned char	 th[32];
	long long	 count = 0, limit, team_id = 0, tid;
	const char	*name = q->name;
	enum outcome	 o = OUT_DB_DOWN;
	int		 rc;

	memset(j, 0, sizeof(*j));
	memset(&b, 0, sizeof(b));
	if (db_begin(db) != 0)
		return OUT_DB_DOWN;
	p[0] = (struct dbparam)DBP_STR(q->code);
	p[1] = (struct dbparam)DBP_INT(q->maxage);
	if ((rc = db_one(db, STMT_SESSION_BY_CODE, p, 2, &bycode_shape,
	    &b)) < 0)
		goto down;
	if (rc == 0) {
		o = OUT_NOT_FOUND;
		goto refuse;
	}
	throttle_clear(db, "j", q->akey);

	/* The same browser, the same participant: no second vote. */
	if (q->hash != NULL) {
		p[0] = (struct dbparam)DBP_BLOB(q->hash, 32);
		p[1] = (struct dbparam)DBP_INT(q->maxage);
		if ((rc = db_one(db, STMT_PARTICIPANT_AUTH, p, 2,
		    &participant_shape, &j->me)) < 0)
			goto down;
		if (rc == 1 && j->me.session == b.id) {
			db_rollback(db);
			j->resumed = 1;
			o = OUT_OK;
			goto out;
		}
		participant_release(&j->me);
	}
	if (b.locked) {
		why_set(why, "locked", "this session is closed to new "
		    "participants; ask the facilitator");
		o = OUT_DENIED;
		goto refuse;
	}
	if (b.named && (name == NULL || q->namelen == 0)) {
		why_set(why, "missing_field", "display_name is required: this "
		    "session asks for names");
		o = OUT_INVALID;
		goto refuse;
	}
	if (!b.named)
		name = NULL;	/* anonymous: no name is kept, even if sent */
	if (b.teams_on) {
		if (q->team == NULL) {
			why_set(why, "missing_field", "team is required: this "
			    "session works in teams");
			o = OUT_INVALID;
			goto refuse;
		}
		p[0] = (struct dbparam)DBP_INT(b.id);
		p[1] = (struct dbparam)DBP_TEXT(q->team, q->teamlen);
		if ((rc = db_exec(db, STMT_TEAM_BY_NAME, p, 2, db_row_int,
		    &tid)) < 0)
			goto down;
		if (rc == 0) {
			why_set(why, "invalid_field", "there is no team "
			    "\"%.40s\" in this session", q->team);
			o = OUT_INVALID;
			goto refuse;
		}
		team_id = tid;
	}
	limit = b.planmax;
	if (b.maxp > 0 && b.maxp < limit)
		limit = b.maxp;
	p[0] = (struct dbparam)DBP_INT(b.id);
	p[1] = (struct dbparam)DBP_INT(b.run);
	if (db_exec(db, STMT_PARTICIPANT_COUNT, p, 2, db_row_int,
	    &count) != 1)
		goto down;
	if (count >= limit) {
		j->full = 1;
		j->account = b.account;
		j->session = b.id;
		why_set(why, "session_full", "this session is full (%lld "
		    "participants)", limit);
		o = OUT_CONFLICT;
		goto refuse;
	}
	if (token_new(j->token, th) == -1)
		goto down;
	p[2] = (struct dbparam)DBP_BLOB(th, sizeof(th));
	p[3] = name != NULL ? (struct dbparam)DBP_TEXT(name, q->namelen) :
	    (struct dbparam)DBP_NULL;
	p[4] = team_id > 0 ? (struct dbparam)DBP_INT(team_id) :
	    (struct dbparam)DBP_NULL;
	if (db_exec(db, STMT_PARTICIPANT_INSERT, p, 5, NULL, NULL) != 1)
		goto down;
	j->id = db_last_id(db);
	if (db_exec(db, STMT_SESSION_BUMP, p, 1, NULL, NULL) != 1 ||
	    db_commit(db) != 0)
		goto down;
	j->session = b.id;
	j->named = name != NULL;
	j->teamed = team_id > 0;
	j->title = b.title;
	j->lang = b.lang;
	b.title = b.lang = NULL;
	o = OUT_OK;
	goto out;
down:
	o = OUT_DB_DOWN;
refuse:
	db_rollback(db);
out:
	db_shape_release(&bycode_shape, &b);
	return o;
}

/*
 * Whether token hash h is that of a participant the facilitator removed
 * (until the stop forgets every token).  Returns 1, 0, or -1 (the
 * database is down).
 */
int
participant_was_removed(struct db *db, const unsigned char h[32])
{
	struct dbparam	 p[1] = { DBP_BLOB(h, 32) };
	long long	 n = 0;

	if (db_exec(db, STMT_PARTICIPANT_WAS_REMOVED, p, 1, db_row_int,
	    &n) < 0)
		return -1;
	return n > 0;
}
