/* SPDX-License-Identifier: ISC */
/*
 * cloudhide.c: the word cloud's data, the domain.  The cloud itself is
 * computed on the rules floor (cloud.c, results_cloud()); this file
 * reads what it needs from the database, the session's language (whose
 * stop words apply) and the entries the facilitator hid, and hands them
 * over as plain values.  Hiding or showing an entry moves the round's
 * and the session's versions, so the console's results, the projector
 * and the participants' state see it at their next poll.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

/* A round's session, type and language (STMT_CLOUD_LANG). */
struct cloudround {
	long long	 session;
	char		 type[16];
	char		 lang[3];
};
static const struct dbfield cloudround_cols[] = {
	DBF_I(cloudround, session),
	DBF_C(cloudround, type),
	DBF_C(cloudround, lang),
};
static const struct dbshape cloudround_shape = DBSHAPE(cloudround_cols,
    cloudround);

/* Returns 1 if results of type have a word cloud (texts or ideas). */
static int
has_cloud(int type)
{
	const struct resultform	*f = rtype_results(type);

	return f != NULL && (f->kind == RK_TEXTS || f->kind == RK_IDEAS);
}

/*
 * Makes the word cloud of round's results (res, its texts or ideas
 * added) in its session's language, the hidden entries marked
 * (results_cloud()).  Returns 0, or -1 if the database failed.
 */
int
cloud_load(struct db *db, long long round, struct results *res)
{
	struct dbparam		 p[1] = { DBP_INT(round) };
	struct cloudround	 cr;
	struct dbtext		*v = NULL;
	char			**h = NULL;
	size_t			 i, n = 0;
	int			 rc, l = LANG_EN;

	if ((rc = db_one(db, STMT_CLOUD_LANG, p, 1, &cloudround_shape,
	    &cr)) < 0)
		return -1;
	if (rc > 0 && (l = lang_parse(cr.lang, strlen(cr.lang))) < 0)
		l = LANG_EN;
	if (db_list(db, STMT_CLOUD_HIDDEN, p, 1, &db_text_shape, &v, &n) < 0)
		return -1;
	if (n > 0)
		h = xcalloc(n, sizeof(*h));
	for (i = 0; i < n; i++)
		h[i] = v[i].s;
	results_cloud(res, (enum lang)l, h, n);
	free(h);
	db_list_free(&db_text_shape, v, n);
	return 0;
}

/*
 * Hides (hidden) or shows again the entry e (len bytes, any form: it is
 * normalized) of round's word cloud; session is the facilitator's,
 * checked by the caller.  Returns OUT_OK; OUT_NOT_FOUND (no such round
 * in session); OUT_CONFLICT (the round's type has no cloud);
 * OUT_INVALID (nothing left of e, or longer than an entry can be).
 */
enum outcome
cloud_set_hidden(struct db *db, long long session, long long round,
    const char *e, size_t len, int hidden, struct why *why)
{
	struct dbparam		 p[2] = { DBP_INT(round), DBP_NULL };
	struct cloudround	 cr;
	char			*norm;
	size_t			 n;
	int			 rc;
	enum outcome		 o = OUT_DB_DOWN;

	norm = cloud_normalize(e, len, &n);
	if (n == 0 || n > CLOUD_ENTRY_MAX) {
		why_set(why, "invalid_field", "entry must be 1 to %d bytes "
		    "of text", CLOUD_ENTRY_MAX);
		o = OUT_INVALID;
		goto out;
	}
	if ((rc = db_one(db, STMT_CLOUD_LANG, p, 1, &cloudround_shape,
	    &cr)) < 0)
		goto out;
	if (rc == 0 || cr.session != session) {
		why_set(why, "not_found", "no such round");
		o = OUT_NOT_FOUND;
		goto out;
	}
	if (!has_cloud(rtype_parse(cr.type))) {
		why_set(why, "wrong_type", "only an open question or a "
		    "brainstorm has a word cloud");
		o = OUT_CONFLICT;
		goto out;
	}
	p[1].type = DBT_TEXT;
	p[1].s = norm;
	p[1].len = n;
	if (db_exec(db, hidden ? STMT_CLOUD_HIDE : STMT_CLOUD_SHOW, p, 2,
	    NULL, NULL) < 0)
		goto out;
	if (db_exec(db, STMT_ROUND_BUMP, p, 1, NULL, NULL) < 0)
		goto out;
	session_bump(db, session);
	o = OUT_OK;
out:
	free(norm);
	return o;
}
