/* SPDX-License-Identifier: ISC */
/*
 * profile.c: a session's profile questions and its results by group,
 * the domain (migration 025).
 *
 * The facilitator sets one or two questions, each with 2..12 answers,
 * while the session has had no participants (the answers given would
 * otherwise change meaning); the minimum group size and the projector's
 * per-group view can change at any time.  A participant answers each
 * question once at join, one tap, and may change it; "rather not say"
 * is stored as no answer and counts as "other".  The answer is kept with
 * the participant only: no live document has it.  What leaves the
 * server is per group, computed by groups.c, with groups below the
 * minimum merged (P8).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

/* A row of STMT_PROFILE_LIST. */
struct prow {
	long long	 qid;
	char		*qtext;		/* owned */
	long long	 aid;
	char		*atext;		/* owned */
};
static const struct dbfield prow_cols[] = {
	DBF_I(prow, qid),
	DBF_S(prow, qtext),
	DBF_I(prow, aid),
	DBF_S(prow, atext),
};
static const struct dbshape prow_shape = DBSHAPE(prow_cols, prow);

/* The row of STMT_PROFILE_SETTINGS. */
struct psettings {
	long long	 min, question;
	char		 mode[10];
	long long	 highlight;
};
static const struct dbfield psettings_cols[] = {
	DBF_I(psettings, min),
	DBF_I(psettings, question),
	DBF_C(psettings, mode),
	DBF_I(psettings, highlight),
};
static const struct dbshape psettings_shape = DBSHAPE(psettings_cols,
    psettings);

/* Two numbers: a question and an answer, an answer and a count. */
struct pair {
	long long	 a, b;
};
static const struct dbfield pair_cols[] = {
	DBF_I(pair, a),
	DBF_I(pair, b),
};
static const struct dbshape pair_shape = DBSHAPE(pair_cols, pair);

/* A value with its responder's answer (STMT_GROUP_VALUES). */
struct gvalue {
	long long	 group, option, criterion, value;
};
static const struct dbfield gvalue_cols[] = {
	DBF_I(gvalue, group),
	DBF_I(gvalue, option),
	DBF_I(gvalue, criterion),
	DBF_I(gvalue, value),
};
static const struct dbshape gvalue_shape = DBSHAPE(gvalue_cols, gvalue);

void
profile_release(struct profile *pf)
{
	size_t	 i, j;

	for (i = 0; i < pf->nq; i++) {
		free(pf->q[i].text);
		for (j = 0; j < pf->q[i].na; j++)
			free(pf->q[i].atext[j]);
	}
	memset(pf, 0, sizeof(*pf));
}

/*
 * Loads session's questions and settings into pf (released by
 * profile_release()).  OUT_OK, OUT_NOT_FOUND (no session) or OUT_DB_DOWN.
 */
enum outcome
profile_load(struct db *db, long long session, struct profile *pf)
{
	struct dbparam		 p[1] = { DBP_INT(session) };
	struct psettings	 st;
	struct prow		*v;
	struct pquestion	*q = NULL;
	size_t			 i, n;
	int			 rc;

	memset(pf, 0, sizeof(*pf));
	memset(&st, 0, sizeof(st));
	if ((rc = db_one(db, STMT_PROFILE_SETTINGS, p, 1, &psettings_shape,
	    &st)) < 0)
		return OUT_DB_DOWN;
	if (rc == 0)
		return OUT_NOT_FOUND;
	pf->min = st.min;
	pf->view = st.question;
	pf->highlight = st.highlight;
	xsnprintf(pf->mode, sizeof(pf->mode), "%s", st.mode);
	if (db_list(db, STMT_PROFILE_LIST, p, 1, &prow_shape, &v, &n) < 0)
		return OUT_DB_DOWN;
	for (i = 0; i < n; i++) {
		if (q == NULL || q->id != v[i].qid) {
			if (pf->nq == PROFILE_QUESTIONS_MAX)
				break;
			q = &pf->q[pf->nq++];
			q->id = v[i].qid;
			q->text = v[i].qtext;
			v[i].qtext = NULL;
		}
		if (q->na == PROFILE_ANSWERS_MAX)
			continue;
		q->aid[q->na] = v[i].aid;
		q->atext[q->na++] = v[i].atext;
		v[i].atext = NULL;
	}
	db_list_free(&prow_shape, v, n);
	return OUT_OK;
}

/* Question id of pf, or NULL. */
const struct pquestion *
profile_question(const struct profile *pf, long long id)
{
	size_t	 i;

	for (i = 0; i < pf->nq; i++)
		if (pf->q[i].id == id)
			return &pf->q[i];
	return NULL;
}

/* The text of answer a of q, or NULL ("other"). */
const char *
profile_answer_text(const struct pquestion *q, long long a)
{
	size_t	 i;

	for (i = 0; i < q->na; i++)
		if (q->aid[i] == a)
			return q->atext[i];
	return NULL;
}

/* Writes [{"id", "text", "answers": [{"id", "text"}]}]. */
static void
questions_write(struct jw *w, const struct profile *pf)
{
	size_t	 i, j;

	jw_arr(w);
	for (i = 0; i < pf->nq; i++) {
		jw_obj(w);
		jw_kint(w, "id", pf->q[i].id);
		jw_kstr(w, "text", pf->q[i].text);
		jw_key(w, "answers");
		jw_arr(w);
		for (j = 0; j < pf->q[i].na; j++) {
			jw_obj(w);
			jw_kint(w, "id", pf->q[i].aid[j]);
			jw_kstr(w, "text", pf->q[i].atext[j]);
			jw_end(w);
		}
		jw_end(w);
		jw_end(w);
	}
	jw_end(w);
}

/*
 * Writes the members of a session's profile into an open object:
 * "questions", "group_min", "locked" (it has had participants) and
 * "view" (the projector's: null, or {"question", "mode", "highlight"}).
 */
void
profile_write(struct jw *w, const struct profile *pf, int locked)
{
	jw_key(w, "questions");
	questions_write(w, pf);
	jw_kint(w, "group_min", pf->min);
	jw_kbool(w, "locked", locked);
	jw_key(w, "view");
	if (pf->view <= 0 || profile_question(pf, pf->view) == NULL) {
		jw_null(w);
		return;
	}
	jw_obj(w);
	jw_kint(w, "question", pf->view);
	jw_kstr(w, "mode", pf->mode);
	jw_key(w, "highlight");
	if (pf->highlight > 0)
		jw_int(w, pf->highlight);
	else
		jw_null(w);
	jw_end(w);
}

/*
 * Whether session has had participants: 1, 0, or -1 (database down).
 * In a transaction, its row stays locked until the end (no join).
 */
int
profile_locked(struct db *db, long long session)
{
	struct dbparam	 p[1] = { DBP_INT(session) };
	long long	 n = 0;

	if (db_exec(db, STMT_PROFILE_PEOPLE, p, 1, db_row_int, &n) != 1)
		return -1;
	return n > 0;
}

/*
 * A text of 1..max bytes, not only blanks, without control characters:
 * its length, or 0.
 */
static size_t
text_ok(const struct jv *v, size_t max, const char **s)
{
	size_t	 len, i;

	if ((*s = jv_str(v, &len)) == NULL || len == 0 || len > max)
		return 0;
	for (i = 0; i < len; i++)
		if ((unsigned char)(*s)[i] < 0x20 || (*s)[i] == 0x7f)
			return 0;
	for (i = 0; i < len; i++)
		if ((*s)[i] != ' ')
			return len;
	return 0;
}

/* Whether two texts are the same but for ASCII case. */
static int
same_text(const char *a, size_t alen, const char *b, size_t blen)
{
	return alen == blen && strncasecmp(a, b, alen) == 0;
}

/* Checks the "questions" of a body: OUT_OK or OUT_INVALID (why). */
static enum outcome
questions_check(const struct jv *qs, struct why *why)
{
	const struct jv	*q, *as;
	const char	*s, *t, *qt[PROFILE_QUESTIONS_MAX];
	size_t		 i, j, k, len, tlen, na, qlen[PROFILE_QUESTIONS_MAX];

	if (jv_type(qs) != JV_ARRAY || jv_len(qs) > PROFILE_QUESTIONS_MAX) {
		why_set(why, "invalid_field", "questions must be a list of at "
		    "most %d questions", PROFILE_QUESTIONS_MAX);
		return OUT_INVALID;
	}
	for (i = 0; i < jv_len(qs); i++) {
		q = jv_at(qs, i);
		if ((len = text_ok(jv_get(q, "text"), PROFILE_TEXT_MAX,
		    &s)) == 0) {
			why_set(why, "invalid_field", "question %zu needs a "
			    "text of 1 to %d characters", i + 1,
			    PROFILE_TEXT_MAX);
			return OUT_INVALID;
		}
		qt[i] = s;
		qlen[i] = len;
		for (k = 0; k < i; k++)
			if (same_text(qt[k], qlen[k], s, len)) {
				why_set(why, "invalid_field", "question %zu is "
				    "the same as question %zu", i + 1, k + 1);
				return OUT_INVALID;
			}
		as = jv_get(q, "answers");
		na = jv_len(as);
		if (jv_type(as) != JV_ARRAY || na < PROFILE_ANSWERS_MIN ||
		    na > PROFILE_ANSWERS_MAX) {
			why_set(why, "invalid_field", "question %zu needs %d "
			    "to %d answers", i + 1, PROFILE_ANSWERS_MIN,
			    PROFILE_ANSWERS_MAX);
			return OUT_INVALID;
		}
		for (j = 0; j < na; j++) {
			if ((len = text_ok(jv_at(as, j), PROFILE_ANSWER_MAX,
			    &s)) == 0) {
				why_set(why, "invalid_field", "answer %zu of "
				    "question %zu needs 1 to %d characters",
				    j + 1, i + 1, PROFILE_ANSWER_MAX);
				return OUT_INVALID;
			}
			for (k = 0; k < j; k++) {
				t = jv_str(jv_at(as, k), &tlen);
				if (same_text(t, tlen, s, len)) {
					why_set(why, "invalid_field",
					    "question %zu has the answer "
					    "\"%.40s\" twice", i + 1, s);
					return OUT_INVALID;
				}
			}
		}
	}
	return OUT_OK;
}

/* Stores the checked questions qs of session in place of its own. */
static int
questions_store(struct db *db, long long session, const struct jv *qs)
{
	struct dbparam	 p[3];
	const struct jv	*as;
	const char	*s;
	long long	 qid;
	size_t		 i, j, len;

	p[0] = (struct dbparam)DBP_INT(session);
	if (db_exec(db, STMT_PROFILE_CLEAR, p, 1, NULL, NULL) < 0)
		return -1;
	for (i = 0; i < jv_len(qs); i++) {
		s = jv_str(jv_get(jv_at(qs, i), "text"), &len);
		p[0] = (struct dbparam)DBP_INT(session);
		p[1] = (struct dbparam)DBP_INT((long long)i + 1);
		p[2] = (struct dbparam)DBP_TEXT(s, len);
		if (db_exec(db, STMT_PROFILE_QUESTION_INSERT, p, 3, NULL,
		    NULL) != 1)
			return -1;
		qid = db_last_id(db);
		as = jv_get(jv_at(qs, i), "answers");
		for (j = 0; j < jv_len(as); j++) {
			s = jv_str(jv_at(as, j), &len);
			p[0] = (struct dbparam)DBP_INT(qid);
			p[1] = (struct dbparam)DBP_INT((long long)j + 1);
			p[2] = (struct dbparam)DBP_TEXT(s, len);
			if (db_exec(db, STMT_PROFILE_ANSWER_INSERT, p, 3,
			    NULL, NULL) != 1)
				return -1;
		}
	}
	return 0;
}

/*
 * Sets session's profile from body (the caller checked the session is
 * the account's): "questions" (replaced; refused with OUT_CONFLICT once
 * the session has had participants, unless they are the same) and
 * "group_min".  Nothing is stored unless all of it is good.
 */
enum outcome
profile_set(struct db *db, long long session, const struct jv *body,
    struct why *why)
{
	const struct jv	*qs, *mv;
	struct dbparam	 p[2];
	long long	 min = 0;
	enum outcome	 o;
	int		 locked;

	qs = jv_get(body, "questions");
	if ((mv = jv_get(body, "group_min")) != NULL && (jv_int(mv,
	    &min) != 0 || min < PROFILE_MIN_LOW || min > PROFILE_MIN_HIGH)) {
		why_set(why, "invalid_field", "group_min must be a whole "
		    "number from %d to %d", PROFILE_MIN_LOW, PROFILE_MIN_HIGH);
		return OUT_INVALID;
	}
	if (qs != NULL && (o = questions_check(qs, why)) != OUT_OK)
		return o;
	if (db_begin(db) != 0)
		return OUT_DB_DOWN;
	if (qs != NULL) {
		if ((locked = profile_locked(db, session)) < 0)
			goto fail;
		if (locked) {
			db_rollback(db);
			why_set(why, "profile_locked", "people have joined "
			    "this session: its profile questions stay as "
			    "they were asked");
			return OUT_CONFLICT;
		}
		if (questions_store(db, session, qs) == -1)
			goto fail;
	}
	p[0] = (struct dbparam)DBP_INT(min);
	p[1] = (struct dbparam)DBP_INT(session);
	if (mv != NULL && db_exec(db, STMT_PROFILE_SET_MIN, p, 2, NULL,
	    NULL) < 0)
		goto fail;
	if (db_exec(db, STMT_SESSION_BUMP, p + 1, 1, NULL, NULL) < 0 ||
	    db_commit(db) != 0)
		goto fail;
	return OUT_OK;
fail:
	db_rollback(db);
	return OUT_DB_DOWN;
}

/*
 * Sets the projector's per-group view of session: body "question" (an
 * id of its questions, or null: off), "mode" ("side" or "highlight")
 * and "highlight" (an answer of the question, or null: "other").
 */
enum outcome
profile_view_set(struct db *db, long long session, const struct jv *body,
    struct why *why)
{
	struct profile		 pf;
	const struct pquestion	*q = NULL;
	const struct jv		*v;
	struct dbparam		 p[4];
	const char		*mode = "side";
	long long		 qid = 0, hl = 0;
	enum outcome		 o;

	if ((o = profile_load(db, session, &pf)) != OUT_OK)
		return o;
	o = OUT_INVALID;
	v = jv_get(body, "question");
	if (v != NULL && jv_type(v) != JV_NULL && (jv_int(v, &qid) != 0 ||
	    (q = profile_question(&pf, qid)) == NULL)) {
		why_set(why, "invalid_field", "question must be one of the "
		    "session's profile questions, or null");
		goto out;
	}
	if ((v = jv_get(body, "mode")) != NULL) {
		mode = jv_str(v, NULL);
		if (mode == NULL || (strcmp(mode, "side") != 0 &&
		    strcmp(mode, "highlight") != 0)) {
			why_set(why, "invalid_field", "mode must be \"side\" "
			    "or \"highlight\"");
			goto out;
		}
	}
	v = jv_get(body, "highlight");
	if (v != NULL && jv_type(v) != JV_NULL && (q == NULL ||
	    jv_int(v, &hl) != 0 || profile_answer_text(q, hl) == NULL)) {
		why_set(why, "invalid_field", "highlight must be an answer of "
		    "the question, or null for \"other\"");
		goto out;
	}
	p[0] = q != NULL ? (struct dbparam)DBP_INT(qid) :
	    (struct dbparam)DBP_NULL;
	p[1] = (struct dbparam)DBP_STR(mode);
	p[2] = hl > 0 ? (struct dbparam)DBP_INT(hl) : (struct dbparam)DBP_NULL;
	p[3] = (struct dbparam)DBP_INT(session);
	o = OUT_DB_DOWN;
	if (db_exec(db, STMT_PROFILE_SET_VIEW, p, 4, NULL, NULL) < 0 ||
	    db_exec(db, STMT_SESSION_BUMP, p + 3, 1, NULL, NULL) < 0)
		goto out;
	o = OUT_OK;
out:
	profile_release(&pf);
	return o;
}

/*
 * Writes what participant pt is asked: "questions" of the session, each
 * with "answered" and "answer" (their answer's id; null: none, or
 * "rather not say").
 */
enum outcome
profile_mine_write(struct db *db, struct jw *w, const struct partn *pt)
{
	struct dbparam	 p[1] = { DBP_INT(pt->id) };
	struct profile	 pf;
	struct pair	*v;
	size_t		 i, j, k, n;
	enum outcome	 o;

	if ((o = profile_load(db, pt->session_id, &pf)) != OUT_OK)
		return o == OUT_NOT_FOUND ? OUT_DB_DOWN : o;
	if (db_list(db, STMT_PROFILE_MINE, p, 1, &pair_shape, &v, &n) < 0) {
		profile_release(&pf);
		return OUT_DB_DOWN;
	}
	jw_key(w, "questions");
	jw_arr(w);
	for (i = 0; i < pf.nq; i++) {
		jw_obj(w);
		jw_kint(w, "id", pf.q[i].id);
		jw_kstr(w, "text", pf.q[i].text);
		jw_key(w, "answers");
		jw_arr(w);
		for (j = 0; j < pf.q[i].na; j++) {
			jw_obj(w);
			jw_kint(w, "id", pf.q[i].aid[j]);
			jw_kstr(w, "text", pf.q[i].atext[j]);
			jw_end(w);
		}
		jw_end(w);
		for (k = 0; k < n && v[k].a != pf.q[i].id; k++)
			;
		jw_kbool(w, "answered", k < n);
		jw_key(w, "answer");
		if (k < n && v[k].b > 0)
			jw_int(w, v[k].b);
		else
			jw_null(w);
		jw_end(w);
	}
	jw_end(w);
	db_list_free(&pair_shape, v, n);
	profile_release(&pf);
	return OUT_OK;
}

/*
 * Participant pt answers a profile question: body "question" (an id)
 * and "answer" (an answer's id, or null: "rather not say").
 */
enum outcome
profile_give(struct db *db, const struct partn *pt, const struct jv *body,
    struct why *why)
{
	struct profile		 pf;
	const struct pquestion	*q;
	const struct jv		*v;
	struct dbparam		 p[3];
	long long		 qid = 0, a = 0;
	enum outcome		 o;

	if ((o = profile_load(db, pt->session_id, &pf)) != OUT_OK)
		return o == OUT_NOT_FOUND ? OUT_DB_DOWN : o;
	o = OUT_INVALID;
	if (jv_int(jv_get(body, "question"), &qid) != 0 ||
	    (q = profile_question(&pf, qid)) == NULL) {
		why_set(why, "invalid_field", "question must be one of this "
		    "session's profile questions");
		goto out;
	}
	v = jv_get(body, "answer");
	if (v == NULL) {
		why_set(why, "missing_field", "answer is required (null: "
		    "rather not say)");
		goto out;
	}
	if (jv_type(v) != JV_NULL && (jv_int(v, &a) != 0 ||
	    profile_answer_text(q, a) == NULL)) {
		why_set(why, "invalid_field", "answer must be one of the "
		    "question's answers, or null");
		goto out;
	}
	p[0] = (struct dbparam)DBP_INT(pt->id);
	p[1] = (struct dbparam)DBP_INT(qid);
	p[2] = a > 0 ? (struct dbparam)DBP_INT(a) : (struct dbparam)DBP_NULL;
	if (db_exec(db, STMT_PROFILE_GIVE, p, 3, NULL, NULL) < 0) {
		o = OUT_DB_DOWN;
		goto out;
	}
	/*
	 * The room's results by group count this answer now: the session's
	 * version moves (STMT_SESSION_BUMP itself: session.c calls this
	 * module, so this one does not call back).
	 */
	p[0] = (struct dbparam)DBP_INT(pt->session_id);
	(void)db_exec(db, STMT_SESSION_BUMP, p, 1, NULL, NULL);
	o = OUT_OK;
out:
	profile_release(&pf);
	return o;
}

/* Whether round r's results can be shown by group (they score options). */
int
profile_groups_apply(const struct round *r)
{
	const struct resultform	*f = rtype_results(r->spec.type);

	return f != NULL && f->kind != RK_TEXTS && f->kind != RK_IDEAS;
}

/*
 * Fills g (initialised) with round r's results per group of question q
 * of pf; with values 0 only the groups (for the export's group column).
 */
enum outcome
profile_groups_load(struct db *db, const struct round *r,
    const struct profile *pf, const struct pquestion *q, int values,
    struct groups *g)
{
	struct dbparam	 p[2] = { DBP_INT(q->id), DBP_INT(r->id) };
	struct pair	*c = NULL;
	struct gvalue	*v = NULL;
	struct answer	*a = NULL;
	long long	*vg = NULL, cnt[PROFILE_ANSWERS_MAX + 1];
	size_t		 i, k, nc = 0, nv = 0;
	enum outcome	 o = OUT_DB_DOWN;

	if (db_list(db, STMT_GROUP_COUNTS, p, 2, &pair_shape, &c, &nc) < 0)
		goto out;
	if (values && db_list(db, STMT_GROUP_VALUES, p, 2, &gvalue_shape,
	    &v, &nv) < 0)
		goto out;
	memset(cnt, 0, sizeof(cnt));
	for (i = 0; i < nc; i++) {
		for (k = 0; k < q->na && q->aid[k] != c[i].a; k++)
			;
		cnt[k] += c[i].b;	/* k == na: none, "other" */
	}
	a = xcalloc(nv + 1, sizeof(*a));
	vg = xcalloc(nv + 1, sizeof(*vg));
	for (i = 0; i < nv; i++) {
		a[i].option = v[i].option;
		a[i].criterion = v[i].criterion;
		a[i].value = v[i].value;
		vg[i] = v[i].group;
	}
	groups_fill(g, &r->spec, a, vg, nv, q->aid, q->na, cnt, pf->min);
	o = OUT_OK;
out:
	free(a);
	free(vg);
	db_list_free(&pair_shape, c, nc);
	db_list_free(&gvalue_shape, v, nv);
	return o;
}

/*
 * Writes "groups": {"question": {"id", "text", "answers"}, groups_json()
 * members} of round r by question q into an open object.
 */
enum outcome
profile_groups_write(struct db *db, struct jw *w, const struct round *r,
    const struct profile *pf, const struct pquestion *q)
{
	struct groups	 g;
	enum outcome	 o;
	size_t		 j;

	groups_init(&g);
	if ((o = profile_groups_load(db, r, pf, q, 1, &g)) != OUT_OK)
		goto out;
	jw_key(w, "groups");
	jw_obj(w);
	jw_key(w, "question");
	jw_obj(w);
	jw_kint(w, "id", q->id);
	jw_kstr(w, "text", q->text);
	jw_key(w, "answers");
	jw_arr(w);
	for (j = 0; j < q->na; j++) {
		jw_obj(w);
		jw_kint(w, "id", q->aid[j]);
		jw_kstr(w, "text", q->atext[j]);
		jw_end(w);
	}
	jw_end(w);
	jw_end(w);
	groups_json(&g, w);
	jw_end(w);
out:
	groups_release(&g);
	return o;
}

/*
 * The room's per-group results of round r of session, as the
 * facilitator set the projector's view: "groups" (with "mode" and
 * "highlight" a group's key) or nothing when the view is off or the
 * round has none.
 */
enum outcome
profile_room_write(struct db *db, struct jw *w, long long session,
    const struct round *r)
{
	struct dbparam		 p[1] = { DBP_INT(session) };
	struct psettings	 st;
	struct profile		 pf;
	const struct pquestion	*q;
	char			 key[32];
	enum outcome		 o;
	int			 rc;

	if (!profile_groups_apply(r))
		return OUT_OK;
	/* The view off (most rooms): one small query, every render. */
	memset(&st, 0, sizeof(st));
	if ((rc = db_one(db, STMT_PROFILE_SETTINGS, p, 1, &psettings_shape,
	    &st)) < 0)
		return OUT_DB_DOWN;
	if (rc == 0 || st.question <= 0)
		return OUT_OK;
	if ((o = profile_load(db, session, &pf)) != OUT_OK)
		return o == OUT_NOT_FOUND ? OUT_OK : o;
	if (pf.view > 0 && (q = profile_question(&pf, pf.view)) != NULL) {
		jw_key(w, "group_view");
		jw_obj(w);
		jw_kstr(w, "mode", pf.mode);
		if (pf.highlight > 0)
			xsnprintf(key, sizeof(key), "a%lld", pf.highlight);
		else
			xsnprintf(key, sizeof(key), "other");
		jw_kstr(w, "highlight", key);
		jw_end(w);
		o = profile_groups_write(db, w, r, &pf, q);
	}
	profile_release(&pf);
	return o;
}

/* The name of shown group k of g by question q: its answer, or "other". */
const char *
profile_group_name(const struct groups *g, size_t k,
    const struct pquestion *q)
{
	const char	*s;

	s = g->v[k].answer > 0 ? profile_answer_text(q, g->v[k].answer) :
	    NULL;
	return s != NULL ? s : "other";
}

/*
 * Appends round r's per-group tables, one per profile question of
 * session, to t after a blank row (groups_table()): for its CSV and its
 * sheet of the workbook.  Nothing for a round that has none.
 */
enum outcome
profile_groups_table(struct db *db, long long session, const struct round *r,
    const struct tsink *t)
{
	struct profile	 pf;
	struct groups	 g;
	char		*names[GROUPS_MAX];
	size_t		 i, k;
	enum outcome	 o;

	if (!profile_groups_apply(r))
		return OUT_OK;
	if ((o = profile_load(db, session, &pf)) != OUT_OK)
		return o;
	groups_init(&g);
	for (i = 0; i < pf.nq; i++) {
		if ((o = profile_groups_load(db, r, &pf, &pf.q[i], 1, &g)) !=
		    OUT_OK)
			break;
		for (k = 0; k < g.n && k < GROUPS_MAX; k++)
			names[k] = (char *)profile_group_name(&g, k, &pf.q[i]);
		t->row(t->arg);
		groups_table(&g, pf.q[i].text, names, r->labels, r->critnames,
		    t);
	}
	groups_release(&g);
	profile_release(&pf);
	return o;
}

/*
 * Copies session from's profile questions and minimum group size to
 * session to (a duplicate, in the caller's transaction); the projector's
 * view is not copied.  Returns 0, or -1 (the database failed).
 */
int
profile_copy(struct db *db, long long from, long long to)
{
	struct profile	 pf;
	struct dbparam	 p[3];
	long long	 qid;
	size_t		 i, j;
	int		 rc = -1;

	if (profile_load(db, from, &pf) != OUT_OK)
		return -1;
	for (i = 0; i < pf.nq; i++) {
		p[0] = (struct dbparam)DBP_INT(to);
		p[1] = (struct dbparam)DBP_INT((long long)i + 1);
		p[2] = (struct dbparam)DBP_STR(pf.q[i].text);
		if (db_exec(db, STMT_PROFILE_QUESTION_INSERT, p, 3, NULL,
		    NULL) != 1)
			goto out;
		qid = db_last_id(db);
		for (j = 0; j < pf.q[i].na; j++) {
			p[0] = (struct dbparam)DBP_INT(qid);
			p[1] = (struct dbparam)DBP_INT((long long)j + 1);
			p[2] = (struct dbparam)DBP_STR(pf.q[i].atext[j]);
			if (db_exec(db, STMT_PROFILE_ANSWER_INSERT, p, 3,
			    NULL, NULL) != 1)
				goto out;
		}
	}
	p[0] = (struct dbparam)DBP_INT(pf.min);
	p[1] = (struct dbparam)DBP_INT(to);
	if (db_exec(db, STMT_PROFILE_SET_MIN, p, 2, NULL, NULL) < 0)
		goto out;
	rc = 0;
out:
	profile_release(&pf);
	return rc;
}

/*
 * Writes "profile": {...} of session (as GET .../profile has it) into
 * an open object: for the session's export.
 */
enum outcome
profile_json(struct db *db, struct jw *w, long long session)
{
	struct profile	 pf;
	enum outcome	 o;
	int		 locked;

	if ((o = profile_load(db, session, &pf)) != OUT_OK)
		return o == OUT_NOT_FOUND ? OUT_OK : o;
	if ((locked = profile_locked(db, session)) < 0) {
		profile_release(&pf);
		return OUT_DB_DOWN;
	}
	jw_key(w, "profile");
	jw_obj(w);
	profile_write(w, &pf, locked);
	jw_end(w);
	profile_release(&pf);
	return OUT_OK;
}
