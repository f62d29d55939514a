/* SPDX-License-Identifier: ISC */
/*
 * state.c: what a participant's poll shows of the session's rounds (P8),
 * the domain.  The part that every participant of the session shares is
 * rendered once per session version and kept (below); the responder's
 * own answers ("mine") are read with the participant, in the poll's one
 * query (participant.c), and woven into it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

/*
 * The part of a participant's state that is the same for everyone in the
 * session: the rounds they see with their options, open walls and
 * revealed results.  After a change thousands of participants ask for
 * their state within two seconds and only their own answers differ, so
 * a worker renders it once per session version and keeps the last few
 * (the session's version moves with everything in it: db.c's
 * session_param lists the statements).  Each round is kept as two JSON
 * fragments, the fields before the participant's answer and those after.
 */
#define SHARED_SESSIONS	4
#define FRAGMENT_MAX	(4 * 1024 * 1024)	/* as a response's cap */

struct shround {
	long long	 id;
	struct buf	 head;	/* "id":..,..,"options":[..] */
	struct buf	 tail;	/* "wall", "clusters", "results", or empty */
};

static struct shared {
	long long	 session, version;	/* session 0: free */
	struct shround	*r;
	size_t		 n;
	struct step	 st;		/* the step and timer (step.c) */
	struct board	 board;		/* owned; the leaderboard */
	long long	 built;		/* when st was read: mono_ms() */
	unsigned long	 used;		/* for the least recently used */
} shared[SHARED_SESSIONS];
static unsigned long	 shared_clock;

static void
shared_release(struct shared *c)
{
	size_t	 i;

	for (i = 0; i < c->n; i++) {
		buf_release(&c->r[i].head);
		buf_release(&c->r[i].tail);
	}
	free(c->r);
	board_release(&c->board);
	memset(c, 0, sizeof(*c));
}

/*
 * Closes w and moves the object it wrote into tmp to b, without the
 * outer braces; tmp is released.  Returns 0 or -1.
 */
static int
fragment(struct buf *tmp, struct jw *w, struct buf *b)
{
	int	 rc = 0;

	buf_init(b, FRAGMENT_MAX);
	if (jw_close(w) == -1 || tmp->len < 2 || (tmp->len > 2 &&
	    buf_append(b, tmp->data + 1, tmp->len - 2) == -1))
		rc = -1;
	buf_release(tmp);
	return rc;
}

/* Renders session's rounds into c.  Returns 0 or -1 (database). */
static int
shared_build(struct db *db, struct shared *c, long long session)
{
	struct round	*v;
	struct buf	 tmp;
	struct jw	*w;
	size_t		 i, n;
	int		 rc = -1;

	/* The timer's remaining time is the database's, at this read. */
	if (step_load(db, session, &c->st) != OUT_OK)
		return -1;
	c->built = mono_ms();
	/* It moves only with a reveal, which moves the version. */
	board_init(&c->board);
	if (leaderboard_load(db, session, &c->board) != OUT_OK)
		return -1;
	if (agenda_visible(db, session, &v, &n) != OUT_OK)
		return -1;
	buf_init(&tmp, FRAGMENT_MAX);
	c->r = xcalloc(n + 1, sizeof(*c->r));
	for (i = 0; i < n; i++, c->n++) {
		c->r[i].id = v[i].id;
		w = jw_new(&tmp);
		jw_obj(w);
		round_write(w, &v[i]);
		jw_end(w);
		if (fragment(&tmp, w, &c->r[i].head) == -1)
			goto out;
		w = jw_new(&tmp);
		jw_obj(w);
		if (rtype_uses(v[i].spec.type, RS_OPEN_WALL) &&
		    v[i].open_wall && !v[i].revealed) {
			jw_key(w, "wall");
			if (round_wall_write(db, w, v[i].id) != OUT_OK)
				goto fail;
			if (v[i].participants_cluster) {
				jw_key(w, "clusters");
				if (round_clusters_write(db, w, v[i].id) !=
				    OUT_OK)
					goto fail;
			}
		}
		if (v[i].revealed && round_results_write(db, w, &v[i], 0) !=
		    OUT_OK)
			goto fail;
		/*
		 * A scored round's correct options: only once revealed and
		 * closed (a question reopened takes answers again).
		 */
		if (v[i].revealed && strcmp(v[i].state, "closed") == 0 &&
		    rtype_score(v[i].spec.type) != NULL &&
		    quiz_correct_write(db, w, v[i].id) != OUT_OK)
			goto fail;
		jw_end(w);
		if (fragment(&tmp, w, &c->r[i].tail) == -1)
			goto out;
	}
	rc = 0;
	goto out;
fail:
	jw_free(w);
out:
	buf_release(&tmp);
	rounds_free(v, n);
	return rc;
}

/* The shared part of session at version, from the cache or made. */
static struct shared *
shared_get(struct db *db, long long session, long long version)
{
	struct shared	*c, *old = &shared[0];
	size_t		 i;

	for (i = 0; i < SHARED_SESSIONS; i++) {
		c = &shared[i];
		if (c->session == session && c->version == version) {
			c->used = ++shared_clock;
			return c;
		}
		if (c->used < old->used)
			old = c;
	}
	shared_release(old);
	if (shared_build(db, old, session) == -1) {
		shared_release(old);
		return NULL;
	}
	old->session = session;
	old->version = version;
	old->used = ++shared_clock;
	return old;
}

/*
 * The responder's own answers in the session's visible rounds, as the
 * participant's poll reads them with itself (STMT_PARTICIPANT_STATE):
 * mine_row() takes each row's round, text, option, criterion, value
 * (the poll's hot path: decoded in place, the text copied once a round).
 * The rows come in no promised order (an ORDER BY made that query three
 * times dearer: a sort for every poll), so they are gathered per round
 * and the values sorted here.
 */
struct mineval {
	long long	 option, criterion, value;
};

struct mineround {
	long long	 round;
	char		*text;		/* owned, or NULL */
	struct mineval	*v;		/* owned */
	size_t		 nv;
};

struct mine {
	struct mineround *r;		/* owned */
	size_t		  n;
};

int
mine_row(void *arg, const struct dbcol *c, size_t n)
{
	struct mine		*m = arg;
	struct mineround	*mr;
	long long		 round, o, k, v;
	size_t			 i;

	if (n != 5 || parse_int(c[0].s, c[0].len, 0, INT64_MAX, &round))
		return -1;
	for (i = 0; i < m->n && m->r[i].round != round; i++)
		continue;
	if (i == m->n) {
		m->r = xreallocarray(m->r, m->n + 1, sizeof(*m->r));
		mr = &m->r[m->n++];
		memset(mr, 0, sizeof(*mr));
		mr->round = round;
		mr->text = c[1].null ? NULL : xstrndup(c[1].s, c[1].len);
	}
	mr = &m->r[i];
	if (c[2].null)
		return 0;
	if (parse_int(c[2].s, c[2].len, 0, INT64_MAX, &o) ||
	    parse_int(c[3].s, c[3].len, 0, INT64_MAX, &k) ||
	    parse_int(c[4].s, c[4].len, INT32_MIN, INT32_MAX, &v))
		return -1;
	mr->v = xreallocarray(mr->v, mr->nv + 1, sizeof(*mr->v));
	mr->v[mr->nv].option = o;
	mr->v[mr->nv].criterion = k;
	mr->v[mr->nv++].value = v;
	return 0;
}

struct mine *
mine_new(void)
{
	return xcalloc(1, sizeof(struct mine));
}

void
mine_free(struct mine *m)
{
	size_t	 i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n; i++) {
		free(m->r[i].text);
		free(m->r[i].v);
	}
	free(m->r);
	free(m);
}

static int
mineval_cmp(const void *a, const void *b)
{
	const struct mineval	*x = a, *y = b;

	if (x->option != y->option)
		return x->option < y->option ? -1 : 1;
	if (x->criterion != y->criterion)
		return x->criterion < y->criterion ? -1 : 1;
	return 0;
}

/*
 * Appends the responder's fields of round id to o: "answered", and if
 * they answered, "answer" and "text".  Returns 0 or -1.
 */
static int
mine_write(struct buf *o, struct mine *m, long long id)
{
	struct mineround	*mr;
	struct buf		 tmp, b;
	struct jw		*w;
	size_t			 i;
	int			 rc;

	if (m == NULL)		/* a live document: nothing personal */
		return 0;
	for (i = 0; i < m->n && m->r[i].round != id; i++)
		continue;
	if (i == m->n)
		return buf_appendf(o, ",\"answered\":false");
	mr = &m->r[i];
	if (mr->nv > 1)		/* an open answer has none: v is NULL */
		qsort(mr->v, mr->nv, sizeof(*mr->v), mineval_cmp);
	buf_init(&tmp, FRAGMENT_MAX);
	w = jw_new(&tmp);
	jw_obj(w);
	jw_kbool(w, "answered", 1);
	jw_key(w, "answer");
	jw_arr(w);
	for (i = 0; i < mr->nv; i++) {
		jw_obj(w);
		jw_kint(w, "option", mr->v[i].option);
		if (mr->v[i].criterion > 0)
			jw_kint(w, "criterion", mr->v[i].criterion);
		jw_kint(w, "value", mr->v[i].value);
		jw_end(w);
	}
	jw_end(w);
	if (mr->text != NULL)
		jw_kstr(w, "text", mr->text);
	jw_end(w);
	if (fragment(&tmp, w, &b) == -1) {
		buf_release(&b);
		return -1;
	}
	rc = buf_appendf(o, ",%.*s", (int)b.len, b.data != NULL ? b.data :
	    "");
	buf_release(&b);
	return rc;
}

/*
 * Writes "rounds": [...] of the participant's state: open rounds with
 * their options and the responder's own answer (m, read with the
 * participant; NULL for the participants' live document, live.c), and
 * revealed closed rounds with their results; then "step" and "timer"
 * (what the room sees) and "leaderboard" (leaderboard.c).  The rest is the shared part of the session at
 * version (cached).
 */
enum outcome
state_rounds_write(struct db *db, struct jw *w, long long session,
    long long version, struct mine *m)
{
	struct shared	*c;
	struct buf	 o;
	size_t		 i;
	enum outcome	 rc = OUT_DB_DOWN;

	if ((c = shared_get(db, session, version)) == NULL)
		return OUT_DB_DOWN;
	buf_init(&o, FRAGMENT_MAX);
	jw_key(w, "rounds");
	jw_arr(w);
	for (i = 0; i < c->n; i++) {
		buf_reset(&o);
		if (buf_append(&o, "{", 1) == -1 ||
		    buf_append(&o, c->r[i].head.data, c->r[i].head.len) ||
		    mine_write(&o, m, c->r[i].id) == -1 ||
		    (c->r[i].tail.len > 0 && buf_appendf(&o, ",%.*s",
		    (int)c->r[i].tail.len, c->r[i].tail.data)) ||
		    buf_append(&o, "}", 1) == -1) {
			rc = OUT_ERROR;
			goto out;
		}
		jw_raw(w, o.data, o.len);
	}
	jw_end(w);
	/* The step, and the timer less the time since it was read. */
	step_write(w, &c->st);
	step_timer_write(w, &c->st, mono_ms() - c->built);
	leaderboard_write(w, &c->board, BOARD_PHONES);
	rc = OUT_OK;
out:
	buf_release(&o);
	return rc;
}

/*
 * Writes "score": responder key's own points and rank on the session's
 * leaderboard at version (the shared part's, cached), for the
 * participant's own poll only: never in a published document.
 */
enum outcome
state_score_write(struct db *db, struct jw *w, long long session,
    long long version, const char *key)
{
	struct shared	*c;

	if ((c = shared_get(db, session, version)) == NULL)
		return OUT_DB_DOWN;
	leaderboard_mine_write(w, &c->board, key);
	return OUT_OK;
}
