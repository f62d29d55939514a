/* SPDX-License-Identifier: ISC */
/*
 * wall.c: a participant's own ideas of a brainstorm, the domain: the
 * list of what they sent (for the phone's "your ideas"), and mending or
 * taking back one while the round is open.  Only the participant who
 * wrote an idea may change it, also in team mode (a table's members do
 * not rewrite each other's words); anyone else's idea is "no such
 * idea", as if it did not exist.  An idea the facilitator merged away
 * is no longer the participant's to change.  Every change moves the
 * round's version and, with an open wall, the session's, so the console,
 * the projector and the wall see it at their next poll.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

/* One of the participant's ideas (STMT_IDEAS_MINE). */
struct myidea {
	long long	 id;
	char		*text;		/* owned */
	long long	 hidden;
};
static const struct dbfield myidea_cols[] = {
	DBF_I(myidea, id),
	DBF_S(myidea, text),
	DBF_I(myidea, hidden),
};
static const struct dbshape myidea_shape = DBSHAPE(myidea_cols, myidea);

/* An idea the participant likes (STMT_LIKES_MINE). */
struct likedidea {
	long long	 id;
};
static const struct dbfield liked_cols[] = {
	DBF_I(likedidea, id),
};
static const struct dbshape liked_shape = DBSHAPE(liked_cols, likedidea);

/*
 * Round of pt's session, a brainstorm, into rd (released by the caller
 * on OUT_OK only).  open: it must also be open for ideas.  Returns
 * OUT_OK; OUT_NOT_FOUND; OUT_INVALID (not a brainstorm); OUT_CONFLICT
 * (open asked and the round is not).
 */
static enum outcome
wall_round(struct db *db, const struct partn *pt, long long round,
    int open, struct round *rd, struct why *why)
{
	enum outcome	 o = OUT_OK;
	int		 rc;

	if ((rc = round_fetch(db, STMT_ROUND_FOR_PARTICIPANT, round,
	    pt->session_id, rd)) < 0)
		return OUT_DB_DOWN;
	if (rc == 0) {
		why_set(why, "not_found", "no such round");
		return OUT_NOT_FOUND;
	}
	if (!rtype_takes_ideas(rd->spec.type)) {
		why_set(why, "invalid_answer", "this round takes answers, not "
		    "ideas");
		o = OUT_INVALID;
	} else if (open && (strcmp(rd->state, "open") != 0 ||
	    rd->closed_due)) {
		why_set(why, "round_closed", "this round is not open for "
		    "ideas");
		o = OUT_CONFLICT;
	}
	if (o != OUT_OK)
		round_release(rd);
	return o;
}

/* Moves round's version and, with an open wall, the session's. */
static void
bump(struct db *db, const struct round *rd, long long session)
{
	struct dbparam	 p[1] = { DBP_INT(rd->id) };

	(void)db_exec(db, STMT_ROUND_BUMP, p, 1, NULL, NULL);
	if (rd->open_wall)
		session_bump(db, session);
}

/* Writes "liked": [ids], the ideas of round that pt likes. */
static enum outcome
liked_write(struct db *db, const struct partn *pt, long long round,
    struct jw *w)
{
	struct dbparam	 p[2] = { DBP_INT(pt->id), DBP_INT(round) };
	struct likedidea *v;
	size_t		 i, n;

	if (db_list(db, STMT_LIKES_MINE, p, 2, &liked_shape, &v, &n) < 0)
		return OUT_DB_DOWN;
	jw_key(w, "liked");
	jw_arr(w);
	for (i = 0; i < n; i++)
		jw_int(w, v[i].id);
	jw_end(w);
	db_list_free(&liked_shape, v, n);
	return OUT_OK;
}

/*
 * Writes "ideas": [{"id", "text", "hidden"}], pt's own ideas of
 * brainstorm round (any state), and "liked": the ids of the ideas pt
 * likes (an idea merged into another: that one), into the open object w.  Returns OUT_OK
 * or the refusal (as wall_round()).
 */
enum outcome
wall_mine_write(struct db *db, const struct partn *pt, long long round,
    struct jw *w, struct why *why)
{
	struct round	 rd;
	struct dbparam	 p[2];
	struct myidea	*v;
	enum outcome	 o;
	size_t		 i, n;

	if ((o = wall_round(db, pt, round, 0, &rd, why)) != OUT_OK)
		return o;
	p[0] = (struct dbparam)DBP_INT(rd.id);
	p[1] = (struct dbparam)DBP_INT(pt->id);
	round_release(&rd);
	if (db_list(db, STMT_IDEAS_MINE, p, 2, &myidea_shape, &v, &n) < 0)
		return OUT_DB_DOWN;
	jw_key(w, "ideas");
	jw_arr(w);
	for (i = 0; i < n; i++) {
		jw_obj(w);
		jw_kint(w, "id", v[i].id);
		jw_kstr(w, "text", v[i].text);
		jw_kbool(w, "hidden", v[i].hidden != 0);
		if (v[i].hidden == 2)
			jw_kbool(w, "pending", 1);
		jw_end(w);
	}
	jw_end(w);
	db_list_free(&myidea_shape, v, n);
	return liked_write(db, pt, round, w);
}

/*
 * Changes the text of pt's idea of open brainstorm round to (text,
 * len), or deletes the idea (text NULL).  Returns OUT_OK; OUT_NOT_FOUND
 * (no such round, or no idea of pt's there); OUT_INVALID (no brainstorm,
 * too long); OUT_CONFLICT (the round is not open).
 */
enum outcome
wall_idea_change(struct db *db, const struct partn *pt, long long round,
    long long idea, const char *text, size_t len, struct why *why)
{
	struct round	 rd;
	struct dbparam	 p[4];
	long long	 found;
	enum outcome	 o;
	int		 rc;

	if ((o = wall_round(db, pt, round, 1, &rd, why)) != OUT_OK)
		return o;
	p[0] = (struct dbparam)DBP_TEXT(text, len);
	p[1] = (struct dbparam)DBP_INT(idea);
	p[2] = (struct dbparam)DBP_INT(rd.id);
	p[3] = (struct dbparam)DBP_INT(pt->id);
	if (text != NULL &&
	    (long long)utf8_len(text, len) > rd.spec.max_length) {
		why_set(why, "invalid_answer", "an idea is at most %lld "
		    "characters", rd.spec.max_length);
		o = OUT_INVALID;
		goto out;
	}
	if ((rc = db_exec(db, STMT_IDEA_OWN, p + 1, 3, db_row_int,
	    &found)) <= 0) {
		if (rc == 0)
			why_set(why, "not_found", "no such idea");
		o = rc < 0 ? OUT_DB_DOWN : OUT_NOT_FOUND;
		goto out;
	}
	if (text != NULL)
		rc = db_exec(db, STMT_IDEA_OWN_SET_TEXT, p, 4, NULL, NULL);
	else if ((rc = db_exec(db, STMT_IDEA_UNMERGE, p + 1, 2, NULL,
	    NULL)) >= 0)
		rc = db_exec(db, STMT_IDEA_OWN_DELETE, p + 1, 3, NULL, NULL);
	if (rc < 0) {
		o = OUT_DB_DOWN;
		goto out;
	}
	bump(db, &rd, pt->session_id);
out:
	round_release(&rd);
	return o;
}

/*
 * Likes (on) idea of open brainstorm round for pt, or takes the like
 * back (also one given to an idea since merged into this one).  Once
 * per participant: a second like changes nothing.  Returns OUT_OK;
 * OUT_NOT_FOUND (no such round, or the idea is not on its wall);
 * OUT_INVALID (no brainstorm); OUT_CONFLICT (not open); OUT_DENIED (the
 * round has no upvotes, or no open wall to like on).
 */
enum outcome
wall_like(struct db *db, const struct partn *pt, long long round,
    long long idea, int on, struct why *why)
{
	struct round	 rd;
	struct dbparam	 p[4];
	long long	 found;
	enum outcome	 o;
	int		 rc;

	if ((o = wall_round(db, pt, round, 1, &rd, why)) != OUT_OK)
		return o;
	if (!rd.upvotes || !rd.open_wall) {
		why_set(why, "not_allowed", "this round takes no likes");
		o = OUT_DENIED;
		goto out;
	}
	p[0] = (struct dbparam)DBP_INT(idea);
	p[1] = (struct dbparam)DBP_INT(rd.id);
	if ((rc = db_exec(db, STMT_IDEA_ON_WALL, p, 2, db_row_int,
	    &found)) <= 0) {
		if (rc == 0)
			why_set(why, "not_found", "no such idea");
		o = rc < 0 ? OUT_DB_DOWN : OUT_NOT_FOUND;
		goto out;
	}
	if (on) {
		p[1] = (struct dbparam)DBP_INT(pt->id);
		rc = db_exec(db, STMT_LIKE_ADD, p, 2, NULL, NULL);
	} else {
		p[0] = (struct dbparam)DBP_INT(pt->id);
		p[1] = (struct dbparam)DBP_INT(rd.id);
		p[2] = (struct dbparam)DBP_INT(idea);
		p[3] = (struct dbparam)DBP_INT(idea);
		rc = db_exec(db, STMT_LIKE_DELETE, p, 4, NULL, NULL);
	}
	if (rc < 0) {
		o = OUT_DB_DOWN;
		goto out;
	}
	if (rc > 0)
		bump(db, &rd, pt->session_id);
out:
	round_release(&rd);
	return o;
}
