/* SPDX-License-Identifier: ISC */
/*
 * live.c: the end of a running session's live documents, the domain.
 *
 * Each running session has two documents that nginx serves from
 * live_dir (livedir.c), written by the publisher (publish.c): the
 * participants' (named by session.live_token) and the room's (named by
 * session.room_token, the projector link's token).  What must be exact
 * is their end (P7, P8): after the commit of a stop, of a removal, of a
 * projector link's renewal, of an account's deletion or disabling, no
 * poll may get the old document.  The change's transaction calls
 * live_end() (or live_end_account()) before its commit: the session's
 * row is locked, so the tokens read are the ones the commit retires,
 * and livedir_revoke() takes their files down and keeps the publisher
 * from writing them again; live_end_done() after the commit or the
 * rollback.  Other hosts' publishers see the end within their period.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

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
