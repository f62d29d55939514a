/* SPDX-License-Identifier: ISC */
/*
 * publish.c: writing a running session's live documents, the domain.
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
 * publish_look() when a worker wakes it and every live_period_ms: one
 * query over the running sessions (STMT_LIVE_SCAN) says what moved, and
 * a session's documents are rendered again at most every COALESCE_MS,
 * so a room answering costs four writes a second, not one an answer.
 * The same query sees changes made through other hosts, so every host's
 * documents follow the database.  A session gone from the scan has its
 * documents removed.  Their end is live.c's.
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

struct pub {
	const struct config	*cfg;
	struct livesession	*s;	/* owned */
	size_t			 n;
};

struct pub *
publish_new(const struct config *cfg)
{
	struct pub	*lv;

	lv = xcalloc(1, sizeof(*lv));
	lv->cfg = cfg;
	return lv;
}

void
publish_free(struct pub *lv)
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
render(struct db *db, struct pub *lv, struct livesession *e,
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

/*
 * Does document d, with token tok, need writing for key k?  Also when
 * its file is gone though nothing moved: a revocation that rolled back
 * (livedir.c) removed it.
 */
static int
doc_moved(struct livedoc *d, const char *tok, const long long k[3])
{
	if (tok[0] == '\0')
		return 0;
	if (strcmp(d->tok, tok) != 0 || !d->written ||
	    memcmp(d->key, k, 3 * sizeof(k[0])) != 0)
		return 1;
	if (!livedir_exists(tok)) {
		d->written = 0;
		return 1;
	}
	return 0;
}

/* The entry of session id, made if it is new. */
static struct livesession *
session_entry(struct pub *lv, long long id)
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
publish_look(struct db *db, struct pub *lv)
{
	struct livescan		*sc;
	struct livesession	*e;
	long long		 now, next, pk[3], rk[3];
	size_t			 i, n;

	next = lv->cfg->num[CFG_LIVE_PERIOD_MS];
	if (db_list(db, STMT_LIVE_SCAN, NULL, 0, &livescan_shape, &sc,
	    &n) < 0)
		return -1;
	now = mono_ms();
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
