/* SPDX-License-Identifier: ISC */
/*
 * live.c: the documents a running session's room polls, the domain.
 *
 * Each running session has two, which nginx serves from live_dir
 * (livedir.c) without a worker:
 *
 *  - the participants' document, /live/LIVE_TOKEN.json: what every
 *    participant of the session may see and nothing personal: the
 *    session's title and language, the rounds visible to participants
 *    with their options, open walls and revealed results (state.c's
 *    shared part), the step and the timer, the version.  A participant
 *    learns its name from a worker, with the participant's cookie
 *    (GET /api/participant/state), with their own answers;
 *  - the room's document, /live/ROOM_TOKEN.json, the projector link's:
 *    what the projector shows (projector.c), results as each round's
 *    projector setting allows.
 *
 * The publisher (publisher.c, one process per host) calls
 * live_publish() when a worker wakes it and every live_period_ms: one
 * query over the running sessions (STMT_LIVE_SCAN) says what moved, and
 * a session's documents are rendered again at most every COALESCE_MS,
 * so a room answering costs four writes a second, not one an answer.
 * The same query sees changes made through other hosts, so every host's
 * documents follow the database.  A session gone from the scan has its
 * documents removed.
 *
 * The end is exact on the host that makes it: live_end() takes the
 * documents down inside the transaction that ends the session (or
 * retires a token), before its commit; live_end_done() after it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

#define COALESCE_MS	250	/* a session's documents at most this often */
#define DOC_MAX		(4 * 1024 * 1024)
#define SIZES_MAX	8	/* lengths remembered within one second */

/* What moves a session's documents (STMT_LIVE_SCAN). */
struct livescan {
	long long	 id, version, tally, joined;
	char		 live[LIVE_TOKEN_LEN + 1];
	char		 room[LIVE_TOKEN_LEN + 1];
	long long	 due;		/* ms until a timer closes; -1 none */
};
static const struct dbfield livescan_cols[] = {
	DBF_I(livescan, id),
	DBF_I(livescan, version),
	DBF_I(livescan, tally),
	DBF_I(livescan, joined),
	DBF_C(livescan, live),
	DBF_C(livescan, room),
	DBF_I(livescan, due),
};
static const struct dbshape livescan_shape = DBSHAPE(livescan_cols,
    livescan);

/* A running session's public fields (STMT_LIVE_SESSION). */
struct livesess {
	char		*title;		/* owned */
	char		*lang;		/* owned */
	long long	 allow_change;
	char		*code;		/* owned, or NULL */
	long long	 participants;
};
static const struct dbfield livesess_cols[] = {
	DBF_S(livesess, title),
	DBF_S(livesess, lang),
	DBF_I(livesess, allow_change),
	DBF_S(livesess, code),
	DBF_I(livesess, participants),
};
static const struct dbshape livesess_shape = DBSHAPE(livesess_cols,
    livesess);

/* The tokens a change retires (STMT_LIVE_LOCK, _ACCOUNT). */
struct livelock {
	long long	 id;
	char		 live[LIVE_TOKEN_LEN + 1];
	char		 room[LIVE_TOKEN_LEN + 1];
};
static const struct dbfield livelock_cols[] = {
	DBF_I(livelock, id),
	DBF_C(livelock, live),
	DBF_C(livelock, room),
};
static const struct dbshape livelock_shape = DBSHAPE(livelock_cols,
    livelock);

/*
 * A document as last written: its token, what it showed, and the
 * lengths written in the current second.  nginx's ETag is the file's
 * modification second and its length, so a second version of the same
 * length within one second would look unchanged to a poll: such a
 * version is padded with spaces until its length is new.
 */
struct livedoc {
	char		 tok[LIVE_TOKEN_LEN + 1];
	long long	 key[3];
	int		 written;
	time_t		 sec;
	size_t		 sizes[SIZES_MAX];
	size_t		 nsizes;
};

struct livesession {
	long long	 id;
	long long	 last;		/* ms (monotonic) of the last render */
	int		 seen;
	struct livedoc	 part, room;
};

struct live {
	const struct config	*cfg;
	struct livesession	*s;	/* owned */
	size_t			 n;
};

static long long
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Takes down the documents of session id that the change in this
 * transaction retires: all of them (LIVE_ALL: the session ends), the
 * room's (LIVE_ROOM: the projector link is renewed; the caller stores
 * the new token), or the participants' (LIVE_PART: a participant was
 * removed; a new token is stored here, so the others find the new
 * document through a worker and the removed one cannot).  The row is
 * locked first, so the tokens taken down are the ones the commit
 * retires.  Call live_end_done() after the commit or rollback, whatever
 * this returns.  A session that is not running has none: OUT_OK.
 */
enum outcome
live_end(struct db *db, long long id, enum livewhat what,
    struct liveend *le)
{
	struct dbparam	 p[2] = { DBP_INT(id) };
	struct livelock	 lk;
	const char	*toks[2];
	char		 tok[LIVE_TOKEN_LEN + 1];
	int		 rc;

	memset(le, 0, sizeof(*le));
	memset(&lk, 0, sizeof(lk));
	if ((rc = db_one(db, STMT_LIVE_LOCK, p, 1, &livelock_shape, &lk)) < 0)
		return OUT_DB_DOWN;
	if (rc == 0 || !livedir_on())
		goto renew;
	le->v = xcalloc(1, sizeof(*le->v));
	le->n = 1;
	le->v[0].session = id;
	le->v[0].what = what;
	toks[0] = what != LIVE_ROOM ? lk.live : NULL;
	toks[1] = what != LIVE_PART ? lk.room : NULL;
	if (what == LIVE_PART)
		xsnprintf(le->v[0].tok, sizeof(le->v[0].tok), "%s", lk.live);
	else if (what == LIVE_ROOM)
		xsnprintf(le->v[0].tok, sizeof(le->v[0].tok), "%s", lk.room);
	if (livedir_revoke(id, what == LIVE_ALL ? NULL : le->v[0].tok, toks,
	    2) == -1) {
		free(le->v);
		memset(le, 0, sizeof(*le));
		return OUT_BUSY;
	}
renew:
	if (what != LIVE_PART || rc == 0)
		return OUT_OK;
	if (livedir_token_new(tok) == -1)
		return OUT_ERROR;
	p[0] = (struct dbparam)DBP_STR(tok);
	p[1] = (struct dbparam)DBP_INT(id);
	return db_exec(db, STMT_LIVE_RENEW, p, 2, NULL, NULL) < 0 ?
	    OUT_DB_DOWN : OUT_OK;
}

/*
 * As live_end(LIVE_ALL) for every running session of account (its
 * deletion, disabling, purge).
 */
enum outcome
live_end_account(struct db *db, long long account, struct liveend *le)
{
	struct dbparam	 p[1] = { DBP_INT(account) };
	struct livelock	*lk;
	const char	*toks[2];
	size_t		 i, n;

	memset(le, 0, sizeof(*le));
	if (db_list(db, STMT_LIVE_LOCK_ACCOUNT, p, 1, &livelock_shape, &lk,
	    &n) < 0)
		return OUT_DB_DOWN;
	if (n > 0 && livedir_on())
		le->v = xcalloc(n, sizeof(*le->v));
	for (i = 0; i < n && le->v != NULL; i++) {
		toks[0] = lk[i].live;
		toks[1] = lk[i].room;
		if (livedir_revoke(lk[i].id, NULL, toks, 2) == -1) {
			db_list_free(&livelock_shape, lk, n);
			return OUT_BUSY;
		}
		le->v[le->n].session = lk[i].id;
		le->v[le->n++].what = LIVE_ALL;
	}
	db_list_free(&livelock_shape, lk, n);
	return OUT_OK;
}

/* After the commit (committed) or rollback of what live_end() began. */
void
live_end_done(struct liveend *le, int committed)
{
	size_t	 i;

	for (i = 0; i < le->n; i++)
		livedir_revoke_end(le->v[i].session, le->v[i].what ==
		    LIVE_ALL ? NULL : le->v[i].tok, committed);
	free(le->v);
	memset(le, 0, sizeof(*le));
}

struct live *
live_new(const struct config *cfg)
{
	struct live	*lv;

	lv = xcalloc(1, sizeof(*lv));
	lv->cfg = cfg;
	return lv;
}

void
live_free(struct live *lv)
{
	if (lv == NULL)
		return;
	free(lv->s);
	free(lv);
}

/*
 * Writes document d of session s from b (the writer's output), padded
 * so that nginx's ETag moves (struct livedoc).  Returns 1, 0 (refused:
 * being revoked) or -1.
 */
static int
doc_put(long long s, struct livedoc *d, const struct buf *b)
{
	time_t	 now = time(NULL);
	size_t	 pad = 0, i;
	int	 rc;

	if (now != d->sec) {
		d->sec = now;
		d->nsizes = 0;
	}
	for (i = 0; i < d->nsizes; i++)
		if (d->sizes[i] == b->len + pad) {
			pad++;
			i = (size_t)-1;	/* look again from the start */
		}
	if ((rc = livedir_put(s, d->tok, b->data, b->len, pad)) == 1 &&
	    d->nsizes < SIZES_MAX)
		d->sizes[d->nsizes++] = b->len + pad;
	return rc;
}

/* The participants' document of session ls at version into b. */
static enum outcome
part_render(struct db *db, const struct livesess *ss, long long id,
    long long version, struct buf *b)
{
	struct jw	*w;
	enum outcome	 o;

	w = jw_new(b);
	jw_obj(w);
	jw_key(w, "session");
	jw_obj(w);
	jw_kstr(w, "title", ss->title);
	jw_kstr(w, "language", ss->lang);
	jw_kstr(w, "state", "running");
	jw_kbool(w, "allow_change", ss->allow_change != 0);
	jw_end(w);
	if ((o = state_rounds_write(db, w, id, version, NULL)) != OUT_OK) {
		jw_free(w);
		return o;
	}
	jw_kint(w, "version", version);
	jw_end(w);
	return jw_close(w) == -1 ? OUT_ERROR : OUT_OK;
}

/* The room's document of session id into b: the projector's state. */
static enum outcome
room_render(struct db *db, const struct livesess *ss, long long id,
    long long version, const char *origin, struct buf *b)
{
	struct step	 st;
	struct jw	*w;
	enum outcome	 o;

	if ((o = step_load(db, id, &st)) != OUT_OK)
		return o;
	w = jw_new(b);
	jw_obj(w);
	if (projector_session_write(w, ss->title, ss->lang, ss->code,
	    ss->participants, &st, origin) == -1) {
		jw_free(w);
		return OUT_ERROR;
	}
	step_write(w, &st);
	step_timer_write(w, &st, 0);
	if ((o = projector_round_write(db, w, id, &st)) != OUT_OK) {
		jw_free(w);
		return o;
	}
	jw_kint(w, "version", version);
	jw_end(w);
	return jw_close(w) == -1 ? OUT_ERROR : OUT_OK;
}

/* A new token for document d: the old file goes, the document is new. */
static void
doc_token(struct livedoc *d, const char *tok)
{
	if (strcmp(d->tok, tok) == 0)
		return;
	if (d->tok[0] != '\0')
		livedir_drop(d->tok);
	memset(d, 0, sizeof(*d));
	xsnprintf(d->tok, sizeof(d->tok), "%s", tok);
}

/*
 * Renders what moved of session e (as row sc says) and writes it.
 * Returns 0, or -1 if the database failed (tried again next time).
 */
static int
render(struct db *db, struct live *lv, struct livesession *e,
    const struct livescan *sc)
{
	struct dbparam	 p[1] = { DBP_INT(sc->id) };
	struct livesess	 ss;
	struct buf	 b;
	long long	 pk[3] = { sc->version, 0, 0 };
	long long	 rk[3] = { sc->version, sc->tally, sc->joined };
	int		 rc, ret = -1;

	memset(&ss, 0, sizeof(ss));
	if ((rc = db_one(db, STMT_LIVE_SESSION, p, 1, &livesess_shape,
	    &ss)) <= 0)
		return rc < 0 ? -1 : 0;	/* stopped meanwhile: the scan sees */
	buf_init(&b, DOC_MAX);
	if (e->part.tok[0] != '\0' && (!e->part.written ||
	    memcmp(e->part.key, pk, sizeof(pk)) != 0)) {
		if (part_render(db, &ss, sc->id, sc->version, &b) != OUT_OK)
			goto out;
		if (doc_put(sc->id, &e->part, &b) == 1) {
			memcpy(e->part.key, pk, sizeof(pk));
			e->part.written = 1;
		}
	}
	if (e->room.tok[0] != '\0' && (!e->room.written ||
	    memcmp(e->room.key, rk, sizeof(rk)) != 0)) {
		buf_reset(&b);
		if (room_render(db, &ss, sc->id, sc->version,
		    lv->cfg->str[CFG_SITE_ORIGIN], &b) != OUT_OK)
			goto out;
		if (doc_put(sc->id, &e->room, &b) == 1) {
			memcpy(e->room.key, rk, sizeof(rk));
			e->room.written = 1;
		}
	}
	ret = 0;
out:
	buf_release(&b);
	db_shape_release(&livesess_shape, &ss);
	return ret;
}

/* Does document d, with token tok, need writing for key k? */
static int
doc_moved(const struct livedoc *d, const char *tok, const long long k[3])
{
	if (tok[0] == '\0')
		return 0;
	return strcmp(d->tok, tok) != 0 || !d->written ||
	    memcmp(d->key, k, 3 * sizeof(k[0])) != 0;
}

/* The entry of session id, made if it is new. */
static struct livesession *
session_entry(struct live *lv, long long id)
{
	size_t	 i;

	for (i = 0; i < lv->n; i++)
		if (lv->s[i].id == id)
			return &lv->s[i];
	lv->s = xreallocarray(lv->s, lv->n + 1, sizeof(*lv->s));
	memset(&lv->s[lv->n], 0, sizeof(lv->s[0]));
	lv->s[lv->n].id = id;
	return &lv->s[lv->n++];
}

/*
 * One look over the running sessions: closes rounds whose timer ran
 * out, writes the documents that moved (each session's at most every
 * COALESCE_MS), removes those of sessions no longer running.  Returns
 * the milliseconds after which it wants to look again (at most
 * live_period_ms), or -1 if the database failed.
 */
int
live_publish(struct db *db, struct live *lv)
{
	struct livescan		*sc;
	struct livesession	*e;
	long long		 now, next, pk[3], rk[3];
	size_t			 i, n;

	next = lv->cfg->num[CFG_LIVE_PERIOD_MS];
	if (db_list(db, STMT_LIVE_SCAN, NULL, 0, &livescan_shape, &sc,
	    &n) < 0)
		return -1;
	now = now_ms();
	for (i = 0; i < lv->n; i++)
		lv->s[i].seen = 0;
	for (i = 0; i < n; i++) {
		e = session_entry(lv, sc[i].id);
		e->seen = 1;
		if (sc[i].due == 0) {
			/* Closed now; the version moves, the next look sees. */
			(void)step_timer_due(db, sc[i].id);
			next = 0;
		} else if (sc[i].due > 0 && sc[i].due < next)
			next = sc[i].due;
		pk[0] = rk[0] = sc[i].version;
		pk[1] = pk[2] = 0;
		rk[1] = sc[i].tally;
		rk[2] = sc[i].joined;
		if (!doc_moved(&e->part, sc[i].live, pk) &&
		    !doc_moved(&e->room, sc[i].room, rk) &&
		    (sc[i].room[0] != '\0' || e->room.tok[0] == '\0'))
			continue;
		if (now - e->last < COALESCE_MS) {
			if (e->last + COALESCE_MS - now < next)
				next = e->last + COALESCE_MS - now;
			continue;
		}
		doc_token(&e->part, sc[i].live);
		doc_token(&e->room, sc[i].room);
		if (render(db, lv, e, &sc[i]) == -1) {
			free(sc);
			return -1;
		}
		e->last = now;
	}
	free(sc);
	/* Gone from the scan: stopped (or ended) and committed. */
	for (i = 0; i < lv->n; ) {
		if (lv->s[i].seen) {
			i++;
			continue;
		}
		doc_token(&lv->s[i].part, "");
		doc_token(&lv->s[i].room, "");
		livedir_forget(lv->s[i].id);
		lv->s[i] = lv->s[--lv->n];
	}
	return (int)(next < 0 ? 0 : next);
}
