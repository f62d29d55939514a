/* SPDX-License-Identifier: ISC */
/*
 * feed.c: ideas of one round feed the next.  A choice, ranking or points
 * round made "from the ideas (or clusters) of brainstorm N" keeps that
 * link (round.feed_round, feed_use): it can be added before N has run,
 * and takes N's visible ideas or its clusters when it opens, while it is
 * still a draft without answers (so a facilitator prepares the cluster
 * vote with the rest of the agenda).  Each option keeps the idea or
 * cluster it came from (round_option.source_idea, source_cluster): the
 * path of an idea to its cluster and that cluster's score.
 *
 * A domain module below agenda.c (which calls it when it makes a round
 * and before it opens one); it reads and writes only the rows it names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

#define FEED_MAX_LABEL	300	/* round_option.label */

static const struct dbfield item_cols[] = {
	DBF_I(feeditem, id),
	DBF_S(feeditem, label),
};
static const struct dbshape item_shape = DBSHAPE(item_cols, feeditem);

/* STMT_FEED_LOCK, in the order of its columns. */
struct feedrow {
	long long	 feed_round;
	char		 use[10];
	char		 type[16];
	char		 state[8];
	long long	 min_picks, max_picks, top_n;
	long long	 responses;
	long long	 source_position;
};
static const struct dbfield feedrow_cols[] = {
	DBF_I(feedrow, feed_round),
	DBF_C(feedrow, use),
	DBF_C(feedrow, type),
	DBF_C(feedrow, state),
	DBF_I(feedrow, min_picks),
	DBF_I(feedrow, max_picks),
	DBF_I(feedrow, top_n),
	DBF_I(feedrow, responses),
	DBF_I(feedrow, source_position),
};
static const struct dbshape feedrow_shape = DBSHAPE(feedrow_cols, feedrow);

/* STMT_FEED_SOURCE: the type of the round that would feed. */
struct feedsrc {
	char		 type[16];
};
static const struct dbfield feedsrc_cols[] = {
	DBF_C(feedsrc, type),
};
static const struct dbshape feedsrc_shape = DBSHAPE(feedsrc_cols, feedsrc);

/* Returns 1 if use names clusters ("clusters"), else 0 (ideas). */
static int
clusters(const char *use)
{
	return use != NULL && strcmp(use, "clusters") == 0;
}

void
feed_free(struct feeditem *v, size_t n)
{
	db_list_free(&item_shape, v, n);
}

/*
 * What brainstorm round src of session gives now: its visible ideas, or
 * (use "clusters") its clusters, into *v (owned: feed_free()).  Returns
 * OUT_OK, OUT_INVALID (src is not a brainstorm of this session) or
 * OUT_DB_DOWN.
 */
enum outcome
feed_take(struct db *db, long long session, long long src, const char *use,
    struct feeditem **v, size_t *n, struct why *why)
{
	struct dbparam	 p[2] = { DBP_INT(src), DBP_INT(session) };
	struct feedsrc	 f;
	int		 rc, t;

	*v = NULL;
	*n = 0;
	memset(&f, 0, sizeof(f));
	rc = db_one(db, STMT_FEED_SOURCE, p, 2, &feedsrc_shape, &f);
	if (rc < 0)
		return OUT_DB_DOWN;
	if (rc == 0 || (t = rtype_parse(f.type)) < 0 ||
	    !rtype_takes_ideas(t)) {
		why_set(why, "invalid_field", "options_from must be a "
		    "brainstorm round of this session");
		return OUT_INVALID;
	}
	if (db_list(db, clusters(use) ? STMT_CLUSTERS_AS_OPTIONS :
	    STMT_IDEAS_AS_OPTIONS, p, 1, &item_shape, v, n) < 0)
		return OUT_DB_DOWN;
	return OUT_OK;
}

/*
 * Inserts items as the options of round id, each with the idea or (use
 * "clusters") cluster it came from.  Returns 0, or -1.
 */
int
feed_insert(struct db *db, long long id, const char *use,
    const struct feeditem *v, size_t n)
{
	struct dbparam	 p[5];
	size_t		 i, len;

	for (i = 0; i < n; i++) {
		/* A cut would split a character: at a whole one. */
		len = strlen(v[i].label);
		if (len > FEED_MAX_LABEL) {
			len = FEED_MAX_LABEL;
			while (len > 0 &&
			    ((unsigned char)v[i].label[len] & 0xc0) == 0x80)
				len--;
		}
		p[0] = (struct dbparam)DBP_INT(id);
		p[1] = (struct dbparam)DBP_INT((long long)i + 1);
		p[2] = (struct dbparam)DBP_TEXT(v[i].label, len);
		p[3] = clusters(use) ? (struct dbparam)DBP_NULL :
		    (struct dbparam)DBP_INT(v[i].id);
		p[4] = clusters(use) ? (struct dbparam)DBP_INT(v[i].id) :
		    (struct dbparam)DBP_NULL;
		if (db_exec(db, STMT_FEED_OPTION_INSERT, p, 5, NULL, NULL) != 1)
			return -1;
	}
	return 0;
}

/*
 * Before round id of session opens, in the caller's transaction (the
 * opening's own, so that new options and the open state commit
 * together): a fed draft without answers takes what its brainstorm holds
 * now as its options (picks asked for cut to what there is).  Anything
 * else is left as it is.  Returns OUT_OK, OUT_CONFLICT (feed_empty:
 * nothing to take yet) or OUT_DB_DOWN; the caller rolls back on any but
 * OUT_OK.
 */
enum outcome
feed_open(struct db *db, long long session, long long id, struct why *why)
{
	struct feedrow	 f;
	struct feeditem	*v = NULL;
	struct dbparam	 p[4];
	size_t		 n = 0;
	long long	 maxp, minp, top;
	enum outcome	 o;
	int		 rc;

	p[0] = (struct dbparam)DBP_INT(id);
	p[1] = (struct dbparam)DBP_INT(session);
	memset(&f, 0, sizeof(f));
	if ((rc = db_one(db, STMT_FEED_LOCK, p, 2, &feedrow_shape, &f)) < 0)
		return OUT_DB_DOWN;
	if (rc == 0 || f.feed_round <= 0 || strcmp(f.state, "draft") != 0 ||
	    f.responses > 0)
		return OUT_OK;
	if ((o = feed_take(db, session, f.feed_round, f.use, &v, &n,
	    why)) != OUT_OK)
		/* Its brainstorm is no longer one: keep the options it has. */
		return o == OUT_INVALID ? OUT_OK : o;
	if (n == 0) {
		why_set(why, "feed_empty", "round %lld has no %s yet: this "
		    "round takes them when it opens", f.source_position,
		    clusters(f.use) ? "clusters" : "ideas");
		return OUT_CONFLICT;
	}
	maxp = f.max_picks > (long long)n ? (long long)n : f.max_picks;
	minp = f.min_picks > maxp ? maxp : f.min_picks;
	top = f.top_n > (long long)n ? (long long)n : f.top_n;
	o = OUT_DB_DOWN;
	p[0] = (struct dbparam)DBP_INT(id);
	if (db_exec(db, STMT_FEED_OPTIONS_CLEAR, p, 1, NULL, NULL) < 0 ||
	    feed_insert(db, id, f.use, v, n) == -1)
		goto out;
	p[0] = (struct dbparam)DBP_INT(minp);
	p[1] = (struct dbparam)DBP_INT(maxp);
	p[2] = (struct dbparam)DBP_INT(top);
	p[3] = (struct dbparam)DBP_INT(id);
	if (db_exec(db, STMT_FEED_PICKS, p, 4, NULL, NULL) < 0)
		goto out;
	o = OUT_OK;
out:
	feed_free(v, n);
	return o;
}

/*
 * The brainstorm that feeds a new round of session, from body: its id
 * ("options_from"), or its place in the agenda ("options_from_position",
 * as a template names it: its rounds have no ids yet).  *src is 0 for a
 * round that is not fed.  Returns OUT_OK, OUT_INVALID (both given, or no
 * round at that place) or OUT_DB_DOWN; feed_take() checks the round.
 */
enum outcome
feed_source(struct db *db, long long session, const struct jv *body,
    long long *src, struct why *why)
{
	struct dbparam	 p[2];
	long long	 pos;
	int		 rc, by_id;

	*src = 0;
	by_id = jv_int(jv_get(body, "options_from"), src) == 0;
	if (jv_int(jv_get(body, "options_from_position"), &pos) == -1)
		return OUT_OK;
	if (by_id) {
		why_set(why, "invalid_field", "give options_from or "
		    "options_from_position, not both");
		return OUT_INVALID;
	}
	p[0] = (struct dbparam)DBP_INT(session);
	p[1] = (struct dbparam)DBP_INT(pos);
	if ((rc = db_exec(db, STMT_ROUND_AT, p, 2, db_row_int, src)) < 0)
		return OUT_DB_DOWN;
	if (rc == 0) {
		why_set(why, "invalid_field", "options_from_position: no round "
		    "at place %lld of the agenda", pos);
		return OUT_INVALID;
	}
	return OUT_OK;
}
