/* SPDX-License-Identifier: ISC */
/*
 * answer.c: what participants send (P8), the domain: one response to a
 * round (the hot path: every participant answers each round within
 * seconds), ideas for a brainstorm, and, where the round lets them,
 * participants grouping its ideas into clusters.
 *
 * A response is checked against its round by round_validate() and
 * stored in one transaction with the round row locked, so a close waits
 * for answers in flight and no answer lands after it.  One response per
 * responder (the team in team mode); a change replaces it, only while
 * the round is open and the session allows changes.  In an anonymous
 * session nothing shows who answered what.  The fast path
 * (answer_quick()) does the same in fewer statements, the token's check
 * among them; what it does not decide takes the full path.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

/*
 * The settings, options (and criteria) of the rounds this worker took
 * answers for lately, at a version of the round: an edit (roundedit.c)
 * moves the version, so an answer need not read them again while the
 * version stays: round_validate() checks against the settings and the
 * ids kept here, and the fast path's statement checks the version.
 */
#define OPTCACHE	16

static struct optcache {
	long long	 round, version;
	struct roundspec spec;		/* opts, crits: the two below */
	long long	*opts, *crits;
	size_t		 nopts, ncrits;
	int		 tally;		/* this worker's tally row exists */
} optcache[OPTCACHE];
static size_t	 optnext;

static long long *
ids_dup(const long long *v, size_t n)
{
	long long	*d;

	if (n == 0)
		return NULL;
	d = xreallocarray(NULL, n, sizeof(*d));
	memcpy(d, v, n * sizeof(*d));
	return d;
}

/*
 * Sets rd's option and criterion ids, and *cp to their cache entry.
 * Returns 0 or -1.
 */
static int
answer_options(struct db *db, struct round *rd, struct optcache **cp)
{
	struct optcache	*c;
	size_t		 i;

	for (i = 0; i < OPTCACHE; i++) {
		c = &optcache[i];
		if (c->round != rd->id || c->version != rd->version)
			continue;
		rd->spec.opts = rd->opts = ids_dup(c->opts, c->nopts);
		rd->spec.nopts = c->nopts;
		rd->labels = xcalloc(c->nopts + 1, sizeof(*rd->labels));
		rd->spec.crits = rd->crits = ids_dup(c->crits, c->ncrits);
		rd->spec.ncrits = c->ncrits;
		rd->critnames = xcalloc(c->ncrits + 1,
		    sizeof(*rd->critnames));
		*cp = c;
		return 0;
	}
	if (round_options(db, rd) == -1)
		return -1;
	/* What was kept of an older version of the round goes. */
	for (i = 0; i < OPTCACHE; i++)
		if (optcache[i].round == rd->id)
			optcache[i].round = 0;
	c = &optcache[optnext++ % OPTCACHE];
	free(c->opts);
	free(c->crits);
	c->round = rd->id;
	c->version = rd->version;
	c->opts = ids_dup(rd->opts, rd->spec.nopts);
	c->nopts = rd->spec.nopts;
	c->crits = ids_dup(rd->crits, rd->spec.ncrits);
	c->ncrits = rd->spec.ncrits;
	c->spec = rd->spec;
	c->spec.opts = c->opts;
	c->spec.crits = c->crits;
	c->tally = 0;
	*cp = c;
	return 0;
}

/* Hands a stored answer a to kept (if not NULL); a is then empty. */
static void
keep(struct answers *a, struct answers *kept)
{
	if (kept == NULL)
		return;
	*kept = *a;
	memset(a, 0, sizeof(*a));
}

/*
 * One try at storing an answer, in one transaction: the round read with
 * a shared lock (open?), the response inserted (or, if the responder
 * has one and may change it, updated), its values, and this worker's
 * (slot's) tally row of the round.  Answers to one round take no lock
 * that another answer waits for, so they commit in parallel (and InnoDB
 * commits them in groups).  Returns an outcome, or -1 for a deadlock
 * (rolled back, nothing stored) for the caller to try again.
 */
static int
answer_once(struct db *db, const struct partn *pt, long long round,
    int slot, const struct jv *body, int *changed, struct answers *kept,
    struct why *why)
{
	struct round	 rd;
	struct answers	 a;
	struct optcache	*oc;
	struct dbparam	 p[5], q[5];
	char		 key[32], msg[200];
	long long	 rid = 0;
	size_t		 i;
	int		 rc, dbrc, existed = 0, tally = 0;

	memset(&a, 0, sizeof(a));
	memset(&rd, 0, sizeof(rd));
	if (db_begin(db) != 0)
		return OUT_DB_DOWN;
	if ((dbrc = round_fetch(db, STMT_ROUND_FOR_ANSWER, round,
	    pt->session_id, &rd)) < 0)
		goto down;
	if (dbrc == 0) {
		db_rollback(db);
		why_set(why, "not_found", "no such round");
		return OUT_NOT_FOUND;
	}
	/* Not open, or open but its timer ran out (closes_at, at this read). */
	if (strcmp(rd.state, "open") != 0 || rd.closed_due) {
		db_rollback(db);
		why_set(why, "round_closed", "this round is not open for "
		    "answers");
		rc = OUT_CONFLICT;
		goto out;
	}
	if ((dbrc = answer_options(db, &rd, &oc)) < 0)
		goto down;
	tally = oc->tally;
	if (round_validate(&rd.spec, body, &a, msg, sizeof(msg)) == -1) {
		db_rollback(db);
		why_set(why, "invalid_answer", "%s", msg);
		rc = OUT_INVALID;
		goto out;
	}
	if (pt->team_id > 0)
		xsnprintf(key, sizeof(key), "t%lld", pt->team_id);
	else
		xsnprintf(key, sizeof(key), "p%lld", pt->id);
	p[0] = (struct dbparam)DBP_INT(rd.id);
	p[1] = (struct dbparam)DBP_STR(key);
	p[2] = (struct dbparam)DBP_INT(pt->id);
	p[3] = pt->team_id > 0 ? (struct dbparam)DBP_INT(pt->team_id) :
	    (struct dbparam)DBP_NULL;
	p[4] = a.text != NULL ? (struct dbparam)DBP_TEXT(a.text, a.textlen) :
	    (struct dbparam)DBP_NULL;
	/* Most answers are first answers: insert, and see. */
	q[0] = p[1];
	q[1] = p[2];
	q[2] = p[3];
	q[3] = p[4];
	q[4] = p[0];
	dbrc = db_exec(db, STMT_RESPONSE_INSERT, q, 5, NULL, NULL);
	if (dbrc == 1)
		rid = db_last_id(db);
	else if (dbrc == DB_DUP) {
		if (!pt->allow_change) {
			db_rollback(db);
			why_set(why, "already_answered", "you answered this "
			    "round already, and this session does not allow "
			    "changes");
			rc = OUT_CONFLICT;
			goto out;
		}
		existed = 1;
		if ((dbrc = db_exec(db, STMT_RESPONSE_FIND, p, 2,
		    db_row_int, &rid)) < 1)
			goto down;
		p[0] = p[2];
		p[1] = p[4];
		p[2] = (struct dbparam)DBP_INT(rid);
		if ((dbrc = db_exec(db, STMT_RESPONSE_UPDATE, p, 3, NULL,
		    NULL)) < 0)
			goto down;
		p[0] = (struct dbparam)DBP_INT(rid);
		if ((dbrc = db_exec(db, STMT_VALUES_DELETE, p, 1, NULL,
		    NULL)) < 0)
			goto down;
	} else
		goto down;
	p[0] = (struct dbparam)DBP_INT(rid);
	for (i = 0; i < a.n; i++) {
		p[1] = (struct dbparam)DBP_INT(a.a[i].option);
		p[2] = (struct dbparam)DBP_INT(a.a[i].criterion);
		p[3] = (struct dbparam)DBP_INT(a.a[i].value);
		if ((dbrc = db_exec(db, STMT_VALUE_INSERT, p, 4, NULL,
		    NULL)) != 1)
			goto down;
	}
	p[0] = (struct dbparam)DBP_INT(rd.id);
	p[1] = (struct dbparam)DBP_INT(slot);
	if (!tally || (dbrc = db_exec(db, STMT_TALLY_BUMP, p, 2, NULL,
	    NULL)) == 0)
		dbrc = db_exec(db, STMT_TALLY_ADD, p, 2, NULL, NULL);
	if (dbrc < 1)
		goto down;
	/* Revealed results are part of every participant's state. */
	if (rd.revealed) {
		p[0] = (struct dbparam)DBP_INT(pt->session_id);
		if ((dbrc = db_exec(db, STMT_SESSION_BUMP, p, 1, NULL,
		    NULL)) < 0)
			goto down;
	}
	if ((dbrc = db_commit(db)) != 0)
		goto down;
	oc->tally = 1;
	*changed = existed;
	rc = OUT_OK;
	keep(&a, kept);
	goto out;
down:
	db_rollback(db);
	rc = dbrc == DB_DEADLOCK ? -1 : OUT_DB_DOWN;
out:
	answers_release(&a);
	round_release(&rd);
	return rc;
}

/*
 * Stores participant pt's answer body to round (its worker's tally row:
 * slot); *changed tells a change from a first answer, kept (if not NULL:
 * answers_release()) receives what was stored, for the reply.  A
 * deadlock's victim was rolled back whole: it is tried again, three
 * times in all.
 */
enum outcome
answer_store(struct db *db, const struct partn *pt, long long round,
    int slot, const struct jv *body, int *changed, struct answers *kept,
    struct why *why)
{
	int	 rc, tries = 0;

	*changed = 0;
	while ((rc = answer_once(db, pt, round, slot, body, changed, kept,
	    why)) == -1)
		if (++tries == 3) {
			log_warnx("answer: deadlocked %d times", tries);
			return OUT_DB_DOWN;
		}
	return (enum outcome)rc;
}

/*
 * Values a as the JSON array STMT_VALUES_INSERT reads: [option,
 * criterion, value] each, numbers only.  Returns it; the caller frees.
 */
static char *
values_json(const struct answers *a)
{
	char	*s;
	size_t	 i, len = 0, sz;

	/* Three numbers of at most 20 characters, and punctuation. */
	sz = a->n * 70 + 3;
	s = xmalloc(sz);
	s[len++] = '[';
	for (i = 0; i < a->n; i++) {
		xsnprintf(s + len, sz - len, "%s[%lld,%lld,%lld]",
		    i > 0 ? "," : "", a->a[i].option, a->a[i].criterion,
		    a->a[i].value);
		len += strlen(s + len);
	}
	xsnprintf(s + len, sz - len, "]");
	return s;
}

/*
 * The fast path of an answer, for the participant whose token hashes to
 * h (a session at most maxage seconds old): five statements for a first
 * answer and six for a change, transaction included, where the full
 * path takes seven and ten with the token's check.  One statement
 * (STMT_ANSWER_UPSERT) checks the token, the session and the round, and
 * adds or changes the response; the round's settings and options are
 * this worker's cache's, and the body is checked against them first.
 *
 * Returns OUT_OK (stored; *changed tells a change from a first answer),
 * OUT_DB_DOWN if the commit failed (it may have committed: not to be
 * tried again), or OUT_CONFLICT when it did not decide: nothing is
 * stored, and the caller takes the full path (participant_who(), then
 * answer_store()), which gives every refusal as it always did.  That is
 * the path of a
 * round not in the cache, a body the settings refuse, a token refused,
 * a round not open, revealed results (an answer then moves the session's
 * version), a change the session does not allow, and any error.
 */
enum outcome
answer_quick(struct db *db, const unsigned char h[32], long long maxage,
    long long round, int slot, const struct jv *body, int *changed,
    struct answers *kept)
{
	struct answers	 a;
	struct optcache	*oc = NULL;
	struct dbparam	 p[5];
	char		 msg[200], *json = NULL;
	long long	 rid;
	size_t		 i;
	int		 rc, dbrc;
	enum outcome	 o = OUT_CONFLICT;

	*changed = 0;
	memset(&a, 0, sizeof(a));
	for (i = 0; i < OPTCACHE && oc == NULL; i++)
		if (optcache[i].round == round)
			oc = &optcache[i];
	if (oc == NULL || round_validate(&oc->spec, body, &a, msg,
	    sizeof(msg)) == -1)
		goto out;
	if (db_begin(db) != 0)
		goto out;
	p[0] = a.text != NULL ? (struct dbparam)DBP_TEXT(a.text, a.textlen) :
	    (struct dbparam)DBP_NULL;
	p[1] = (struct dbparam)DBP_BLOB(h, 32);
	p[2] = (struct dbparam)DBP_INT(maxage);
	p[3] = (struct dbparam)DBP_INT(round);
	p[4] = (struct dbparam)DBP_INT(oc->version);
	rc = db_exec(db, STMT_ANSWER_UPSERT, p, 5, NULL, NULL);
	if (rc != 1 && rc != 2)
		goto undo;
	rid = db_last_id(db);
	p[0] = (struct dbparam)DBP_INT(rid);
	if (rc == 2 && db_exec(db, STMT_VALUES_DELETE, p, 1, NULL, NULL) < 0)
		goto undo;
	if (a.n == 1) {
		p[1] = (struct dbparam)DBP_INT(a.a[0].option);
		p[2] = (struct dbparam)DBP_INT(a.a[0].criterion);
		p[3] = (struct dbparam)DBP_INT(a.a[0].value);
		if (db_exec(db, STMT_VALUE_INSERT, p, 4, NULL, NULL) != 1)
			goto undo;
	} else if (a.n > 1) {
		json = values_json(&a);
		p[1] = (struct dbparam)DBP_STR(json);
		if (db_exec(db, STMT_VALUES_INSERT, p, 2, NULL, NULL) !=
		    (int)a.n)
			goto undo;
	}
	p[0] = (struct dbparam)DBP_INT(round);
	p[1] = (struct dbparam)DBP_INT(slot);
	if (!oc->tally || (dbrc = db_exec(db, STMT_TALLY_BUMP, p, 2, NULL,
	    NULL)) == 0)
		dbrc = db_exec(db, STMT_TALLY_ADD, p, 2, NULL, NULL);
	if (dbrc < 1)
		goto undo;
	/* A failed commit may have committed: no second try, a 503. */
	if (db_commit(db) != 0) {
		o = OUT_DB_DOWN;
		goto out;
	}
	oc->tally = 1;
	*changed = rc == 2;
	o = OUT_OK;
	keep(&a, kept);
	goto out;
undo:
	db_rollback(db);
out:
	free(json);
	answers_release(&a);
	return o;
}

/* Round of the participant's session, open to them, with its options. */
static enum outcome
part_round(struct db *db, const struct partn *pt, long long round,
    struct round *rd, struct why *why)
{
	int	 rc;

	rc = round_fetch(db, STMT_ROUND_FOR_PARTICIPANT, round,
	    pt->session_id, rd);
	if (rc < 0 || (rc == 1 && round_options(db, rd) == -1)) {
		round_release(rd);
		return OUT_DB_DOWN;
	}
	if (rc == 0) {
		why_set(why, "not_found", "no such round");
		return OUT_NOT_FOUND;
	}
	return OUT_OK;
}

/* Moves round's version and the session's: their pollers refetch. */
static void
bump(struct db *db, long long round, long long session)
{
	struct dbparam	 p[1] = { DBP_INT(round) };

	(void)db_exec(db, STMT_ROUND_BUMP, p, 1, NULL, NULL);
	if (session > 0)
		session_bump(db, session);
}

/*
 * Adds participant pt's idea (text, len) to brainstorm (or Q&A) round;
 * named: the asker asks to be named by it (only a named session does).
 */
enum outcome
answer_idea(struct db *db, const struct partn *pt, long long round,
    const char *text, size_t len, int named, struct why *why)
{
	struct round	 rd;
	struct dbparam	 p[6];
	enum outcome	 o;

	if ((o = part_round(db, pt, round, &rd, why)) != OUT_OK)
		return o;
	if (!rtype_takes_ideas(rd.spec.type)) {
		why_set(why, "invalid_answer", "this round takes answers, not "
		    "ideas");
		o = OUT_INVALID;
	} else if (strcmp(rd.state, "open") != 0 || rd.closed_due) {
		why_set(why, "round_closed", "this round is not open for "
		    "ideas");
		o = OUT_CONFLICT;
	} else if ((long long)utf8_len(text, len) > rd.spec.max_length) {
		why_set(why, "invalid_answer", "an idea is at most %lld "
		    "characters", rd.spec.max_length);
		o = OUT_INVALID;
	} else {
		p[0] = (struct dbparam)DBP_INT(rd.id);
		p[1] = (struct dbparam)DBP_INT(pt->id);
		p[2] = pt->team_id > 0 ? (struct dbparam)DBP_INT(pt->team_id) :
		    (struct dbparam)DBP_NULL;
		p[3] = (struct dbparam)DBP_TEXT(text, len);
		p[4] = (struct dbparam)DBP_INT(named != 0);
		/* Its place in the statement: after the idea's columns. */
		p[5] = p[0];
		if (db_exec(db, STMT_IDEA_INSERT, p + 1, 5, NULL, NULL) != 1)
			o = OUT_DB_DOWN;
		else
			/* An open wall is in every participant's state. */
			bump(db, rd.id, rd.open_wall ? pt->session_id : 0);
	}
	round_release(&rd);
	return o;
}

/*
 * Participants grouping a brainstorm's ideas: only when the round allows
 * it, while it is open.
 */
static enum outcome
part_clustering(struct db *db, const struct partn *pt, long long round,
    struct round *rd, struct why *why)
{
	enum outcome	 o;

	if ((o = part_round(db, pt, round, rd, why)) != OUT_OK)
		return o;
	if (!rtype_uses(rd->spec.type, RS_PARTICIPANTS_CLUSTER) ||
	    !rd->participants_cluster) {
		why_set(why, "not_allowed", "in this round only the "
		    "facilitator groups the ideas");
		o = OUT_DENIED;
	} else if (strcmp(rd->state, "open") != 0) {
		why_set(why, "round_closed", "this round is not open");
		o = OUT_CONFLICT;
	}
	if (o != OUT_OK)
		round_release(rd);
	return o;
}

/* A participant's new cluster (name, len) of round; *id its id. */
enum outcome
answer_cluster_create(struct db *db, const struct partn *pt, long long round,
    const char *name, size_t len, long long *id, struct why *why)
{
	struct round	 rd;
	struct dbparam	 p[2];
	enum outcome	 o;

	if ((o = part_clustering(db, pt, round, &rd, why)) != OUT_OK)
		return o;
	p[0] = (struct dbparam)DBP_INT(rd.id);
	p[1] = (struct dbparam)DBP_TEXT(name, len);
	if (db_exec(db, STMT_CLUSTER_INSERT, p, 2, NULL, NULL) != 1)
		o = OUT_DB_DOWN;
	else {
		*id = db_last_id(db);
		bump(db, rd.id, pt->session_id);
	}
	round_release(&rd);
	return o;
}

/* A participant moves idea of round into cluster (0: out of any). */
enum outcome
answer_idea_cluster(struct db *db, const struct partn *pt, long long round,
    long long idea, long long cluster, struct why *why)
{
	struct round	 rd;
	struct dbparam	 p[3];
	long long	 found;
	enum outcome	 o;
	int		 rc;

	if ((o = part_clustering(db, pt, round, &rd, why)) != OUT_OK)
		return o;
	if (cluster > 0) {
		p[0] = (struct dbparam)DBP_INT(cluster);
		p[1] = (struct dbparam)DBP_INT(rd.id);
		if ((rc = db_exec(db, STMT_CLUSTER_EXISTS, p, 2, db_row_int,
		    &found)) <= 0) {
			if (rc == 0)
				why_set(why, "invalid_field", "no such "
				    "cluster in this round");
			o = rc < 0 ? OUT_DB_DOWN : OUT_INVALID;
			goto out;
		}
		p[0] = (struct dbparam)DBP_INT(cluster);
	} else
		p[0] = (struct dbparam)DBP_NULL;
	p[1] = (struct dbparam)DBP_INT(idea);
	p[2] = (struct dbparam)DBP_INT(rd.id);
	if ((rc = db_exec(db, STMT_IDEA_SET_CLUSTER, p, 3, NULL, NULL)) < 0)
		o = OUT_DB_DOWN;
	else if (rc == 0) {
		why_set(why, "not_found", "no such idea");
		o = OUT_NOT_FOUND;
	} else
		bump(db, rd.id, pt->session_id);
out:
	round_release(&rd);
	return o;
}
