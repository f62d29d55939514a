/* SPDX-License-Identifier: ISC */
/*
 * projector.c: presenter mode's projector link, the domain.  A running
 * session has at most one projector token: 32 bytes from the CSPRNG as
 * 64 hex digits, of which only the SHA-256 is stored (as of participant
 * tokens).  The facilitator opens SITE/projector.html#TOKEN on the
 * room's PC without logging in; the page sends the token in the header
 * X-Projector-Token (the fragment never reaches a log), and gets what
 * the room sees: the session's title and join code, the step, the timer
 * and the step's round as participants see it.  Renewing the link makes
 * a new token (the old one stops working at once).  A stop keeps the
 * hash (stmt.c's STEP_RESET), so that the room's screen can be told the
 * session ended (OUT_ENDED, and nothing else of it); the next start
 * clears it, so an old link never comes back to life.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

#define TOKEN_HEX	LIVE_TOKEN_LEN

/* The session of a projector token (STMT_PROJECTOR_FIND). */
static const struct dbfield projector_cols[] = {
	DBF_I(projector, session),
	DBF_I(projector, version),
	DBF_I(projector, tally),
	DBF_I(projector, participants),
	DBF_S(projector, title),
	DBF_S(projector, lang),
	DBF_S(projector, code),
};
static const struct dbshape projector_shape = DBSHAPE(projector_cols,
    projector);

void
projector_release(struct projector *pj)
{
	db_shape_release(&projector_shape, pj);
	memset(pj, 0, sizeof(*pj));
}

/*
 * A new projector token for running session id of account: link (sz
 * bytes) is ORIGIN/projector.html#TOKEN.  The old token stops working.
 */
enum outcome
projector_renew(struct db *db, long long id, long long account,
    const char *origin, char *link, size_t sz, struct why *why)
{
	struct dbparam	 p[4];
	struct liveend	 le;
	unsigned char	 hash[32];
	char		 hex[TOKEN_HEX + 1];
	enum outcome	 o;
	int		 rc, ok = 0;

	if ((o = step_running(db, id, account, why)) != OUT_OK)
		return o;
	if (livedir_token_new(hex) == -1) {
		why_set(why, "internal_error", "no randomness available");
		return OUT_ERROR;
	}
	sha256(hex, TOKEN_HEX, hash);
	if (db_begin(db) != 0)
		return OUT_DB_DOWN;
	/* The old room document goes before the new token commits. */
	if ((o = live_end(db, id, LIVE_ROOM, &le)) != OUT_OK) {
		db_rollback(db);
		goto out;
	}
	p[0] = (struct dbparam)DBP_BLOB(hash, sizeof(hash));
	p[1] = (struct dbparam)DBP_STR(hex);
	p[2] = (struct dbparam)DBP_INT(id);
	p[3] = (struct dbparam)DBP_INT(account);
	rc = db_exec(db, STMT_PROJECTOR_SET, p, 4, NULL, NULL);
	if (rc < 0 || db_commit(db) != 0) {
		db_rollback(db);
		o = OUT_DB_DOWN;
	} else if (rc == 0) {
		db_rollback(db);
		why_set(why, "not_running", "the session is not running");
		o = OUT_CONFLICT;
	} else if (strfmt(link, sz, "%s/projector.html#%s", origin,
	    hex) == -1) {
		ok = 1;
		o = OUT_ERROR;
		why_set(why, "internal_error", "the link is too long");
	} else
		ok = 1;
	live_end_done(&le, ok);
out:
	OPENSSL_cleanse(hex, sizeof(hex));
	return o;
}

/* Returns 1 if s is TOKEN_HEX lowercase hex digits. */
static int
token_shaped(const char *s)
{
	size_t	 i;

	if (s == NULL || strlen(s) != TOKEN_HEX)
		return 0;
	for (i = 0; i < TOKEN_HEX; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* The session of a token hash into pj.  Returns db_one()'s result. */
static int
find(struct db *db, const unsigned char h[32], long long maxage,
    struct projector *pj)
{
	struct dbparam	 p[2] = { DBP_BLOB(h, 32), DBP_INT(maxage) };

	memset(pj, 0, sizeof(*pj));
	return db_one(db, STMT_PROJECTOR_FIND, p, 2, &projector_shape, pj);
}

/*
 * A hash that find() did not find: OUT_ENDED if it is the token of a
 * session that stopped (or ran past maxage), else OUT_NOT_FOUND.
 */
static enum outcome
ended(struct db *db, const unsigned char h[32])
{
	struct dbparam	 p[1] = { DBP_BLOB(h, 32) };
	long long	 n = 0;

	if (db_exec(db, STMT_PROJECTOR_ENDED, p, 1, db_row_int, &n) < 0)
		return OUT_DB_DOWN;
	return n > 0 ? OUT_ENDED : OUT_NOT_FOUND;
}

/*
 * The running session (of at most maxage seconds) whose projector token
 * is token, into pj (projector_release()), and its step into st.  A
 * round whose timer ran out is closed first (step_timer_due()), so the
 * state is read after it.  OUT_ENDED: the token is that of a session
 * that stopped or ran past maxage (pj is then empty: nothing of it is
 * read); OUT_NOT_FOUND: no such token (wrong, or renewed).
 */
enum outcome
projector_find(struct db *db, const char *token, long long maxage,
    struct projector *pj, struct step *st)
{
	unsigned char	 h[32];
	int		 rc;

	memset(pj, 0, sizeof(*pj));
	if (!token_shaped(token))
		return OUT_NOT_FOUND;
	sha256(token, TOKEN_HEX, h);
	if ((rc = find(db, h, maxage, pj)) < 0)
		return OUT_DB_DOWN;
	if (rc == 0)
		return ended(db, h);
	if ((rc = step_timer_due(db, pj->session)) < 0)
		goto down;
	if (rc > 0) {
		projector_release(pj);
		if ((rc = find(db, h, maxage, pj)) < 0)
			return OUT_DB_DOWN;
		if (rc == 0)
			return ended(db, h);
	}
	if (step_load(db, pj->session, st) != OUT_OK)
		goto down;
	return OUT_OK;
down:
	projector_release(pj);
	return OUT_DB_DOWN;
}

/*
 * Writes "round": the step's round of session as participants see it
 * (round_write()), with "answered", and "results" when the view is the
 * results, the round is revealed, or its projector_results is "live"
 * (with them, per group when the facilitator set the projector's group
 * view: profile_room_write(), merged groups only); null when the step
 * is no round (or its round is gone); a revealed scored round adds its
 * "correct" options.  Before it, "leaderboard" (leaderboard.c; null
 * when hidden or there is none).  On OUT_DB_DOWN the writer holds a
 * part: the caller drops it.
 */
enum outcome
projector_round_write(struct db *db, struct jw *w, long long session,
    const struct step *st)
{
	struct why	 why = { NULL, "", 0 };
	struct board	 b;
	struct round	 rd;
	long long	 n;
	enum outcome	 o;

	/* The leaderboard, unless hidden (the "leaderboard" view shows it). */
	board_init(&b);
	o = leaderboard_load(db, session, &b);
	if (o == OUT_OK)
		leaderboard_write(w, &b, BOARD_ROOM);
	board_release(&b);
	if (o != OUT_OK)
		return o;
	jw_key(w, "round");
	if (strcmp(st->kind, "round") != 0 || st->round <= 0) {
		jw_null(w);
		return OUT_OK;
	}
	if ((o = agenda_round(db, session, st->round, &rd, &why)) ==
	    OUT_NOT_FOUND) {
		jw_null(w);
		return OUT_OK;
	}
	if (o != OUT_OK)
		return o;
	if ((o = step_answered(db, session, rd.id, &n)) != OUT_OK)
		goto out;
	jw_obj(w);
	round_write(w, &rd);
	jw_kint(w, "answered", n);
	if ((strcmp(st->view, "results") == 0 || rd.revealed ||
	    strcmp(rd.projector_results, "live") == 0) &&
	    ((o = round_results_write(db, w, &rd, 0)) != OUT_OK ||
	    (o = profile_room_write(db, w, session, &rd)) != OUT_OK))
		goto out;
	/*
	 * A scored round's correct options: only once revealed and closed
	 * (P8; a question reopened takes answers again).
	 */
	if (rd.revealed && strcmp(rd.state, "closed") == 0 &&
	    rtype_score(rd.spec.type) != NULL &&
	    (o = quiz_correct_write(db, w, rd.id)) != OUT_OK)
		goto out;
	jw_end(w);
out:
	round_release(&rd);
	return o;
}

/*
 * Writes "session": the session's part of what the room sees: its title
 * and language, the join code and link (code NULL: none), how many
 * take part, and at the join step the join link's QR code as SVG (the
 * QR route needs a login; the projector has none).  Returns -1 if the
 * QR code could not be made.
 */
int
projector_session_write(struct jw *w, const char *title, const char *lang,
    const char *code, long long participants, const struct step *st,
    const char *origin)
{
	char		 fmt[16], link[300], *svg;

	jw_key(w, "session");
	jw_obj(w);
	jw_kstr(w, "title", title);
	jw_kstr(w, "language", lang);
	if (code == NULL) {
		jw_kstr(w, "join_code", NULL);
		jw_kstr(w, "join_link", NULL);
		jw_kint(w, "participants", participants);
		jw_end(w);
		return 0;
	}
	joincode_format(code, fmt);
	session_join_link(origin, code, link, sizeof(link));
	jw_kstr(w, "join_code", fmt);
	jw_kstr(w, "join_link", link);
	jw_kint(w, "participants", participants);
	if (strcmp(st->kind, "join") == 0) {
		if ((svg = qr_svg(link)) == NULL)
			return -1;
		jw_kstr(w, "join_qr_svg", svg);
		free(svg);
	}
	jw_end(w);
	return 0;
}
