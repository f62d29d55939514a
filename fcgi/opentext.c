/* SPDX-License-Identifier: ISC */
/*
 * opentext.c: the texts of an open question, the domain: read with
 * their state for the results (results.c writes the shown ones for the
 * room, every one for the facilitator), and hidden or shown again by
 * the facilitator, as a brainstorm's ideas are (idea.c).  Hiding moves
 * the round's and the session's versions, so the projector, the
 * participants' state and the room's document (publish.c) lose the
 * text at their next rewrite.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

/* A text as the results take it (STMT_RESULTS_TEXTS). */
struct otext {
	long long	 id;
	char		*text;		/* owned */
	long long	 hidden;
};
static const struct dbfield otext_cols[] = {
	DBF_I(otext, id),
	DBF_S(otext, text),
	DBF_I(otext, hidden),
};
static const struct dbshape otext_shape = DBSHAPE(otext_cols, otext);

/* A round's session and type (STMT_CLOUD_LANG; the language unused). */
struct textround {
	long long	 session;
	char		 type[16];
	char		 lang[3];
};
static const struct dbfield textround_cols[] = {
	DBF_I(textround, session),
	DBF_C(textround, type),
	DBF_C(textround, lang),
};
static const struct dbshape textround_shape = DBSHAPE(textround_cols,
    textround);

/*
 * Adds every text of open round to res (results_add_answer()), hidden
 * ones marked.  Returns 0, or -1 if the database failed.
 */
int
opentext_load(struct db *db, long long round, struct results *res)
{
	struct dbparam	 p[1] = { DBP_INT(round) };
	struct otext	*v;
	size_t		 i, n;

	if (db_list(db, STMT_RESULTS_TEXTS, p, 1, &otext_shape, &v, &n) < 0)
		return -1;
	for (i = 0; i < n; i++)
		results_add_answer(res, v[i].id, (int)v[i].hidden, v[i].text,
		    strlen(v[i].text));
	db_list_free(&otext_shape, v, n);
	return 0;
}

/*
 * Hides (hidden) or shows again the text of response answer of round;
 * session is the facilitator's, checked by the caller.  Returns OUT_OK;
 * OUT_NOT_FOUND (no such round in session, or no such text in it);
 * OUT_CONFLICT (the round is no open question).
 */
enum outcome
opentext_set_hidden(struct db *db, long long session, long long round,
    long long answer, int hidden, struct why *why)
{
	const struct resultform	*f;
	struct textround	 tr;
	struct dbparam		 p[3];
	long long		 found;
	int			 rc;

	p[0] = (struct dbparam)DBP_INT(round);
	if ((rc = db_one(db, STMT_CLOUD_LANG, p, 1, &textround_shape,
	    &tr)) < 0)
		return OUT_DB_DOWN;
	if (rc == 0 || tr.session != session) {
		why_set(why, "not_found", "no such round");
		return OUT_NOT_FOUND;
	}
	f = rtype_results(rtype_parse(tr.type));
	if (f == NULL || f->kind != RK_TEXTS) {
		why_set(why, "wrong_type", "only an open question has "
		    "answers to hide");
		return OUT_CONFLICT;
	}
	p[0] = (struct dbparam)DBP_INT(hidden != 0);
	p[1] = (struct dbparam)DBP_INT(answer);
	p[2] = (struct dbparam)DBP_INT(round);
	if ((rc = db_exec(db, STMT_TEXT_EXISTS, p + 1, 2, db_row_int,
	    &found)) < 0)
		return OUT_DB_DOWN;
	if (rc == 0) {
		why_set(why, "not_found", "no such answer");
		return OUT_NOT_FOUND;
	}
	if (db_exec(db, STMT_TEXT_SET_HIDDEN, p, 3, NULL, NULL) < 0 ||
	    db_exec(db, STMT_ROUND_BUMP, p + 2, 1, NULL, NULL) < 0)
		return OUT_DB_DOWN;
	session_bump(db, session);
	return OUT_OK;
}
