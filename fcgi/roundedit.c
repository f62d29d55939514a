/* SPDX-License-Identifier: ISC */
/*
 * roundedit.c: a round changed after it was made (PATCH .../rounds/{id}),
 * and the check that keeps placeholder options from going live.
 *
 * A draft without answers may change in everything but its type.  Once
 * it has answers, or has been open, only its wording may: the title,
 * the option labels, the criterion names and the end labels of a scale;
 * the settings held in struct roundspec (picks, scale, budget, ...) are
 * what answers were checked against, so they stay (has_answers, naming
 * them), as does the set of criteria.  Options may be added and removed;
 * removing one that has answers takes confirm_remove, and the option is
 * then marked removed (019_round_edit.sql): participants, the projector
 * and the live results no longer see it, responses.csv keeps its answers.
 *
 * Before a round opens, round_open_check() refuses options that are
 * still the placeholders of a template ("Idea 1", "Voorstel B"): the
 * words of placeholders[], a space, then a number or a capital letter.
 *
 * A domain module: agenda.c calls round_open_check(); it calls none of
 * agenda.c (the handler loads the round it edits) and checks the round
 * again under the round's lock, so no answer lands between the check
 * and the change.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extern.h"
#include "db.h"
#include "buf.h"
#include "banned.h"

#define LABEL_MAX	300	/* round_option.label, in characters */
#define CRITNAME_MAX	100	/* round_criterion.name */

/*
 * The first words of placeholder labels, in English, Dutch and German
 * (compared without case): what the built-in templates used to ship and
 * what people type for "fill this in later".
 */
static const char *const placeholders[] = {
	"idea", "option", "proposal", "choice", "statement", "item",
	"idee", "optie", "voorstel", "keuze", "stelling",
	"vorschlag", "auswahl", "aussage",
	NULL
};

/* STMT_EDIT_LOCK, in the order of its columns. */
struct editlock {
	char		 state[8];
	long long	 responses;
};
static const struct dbfield editlock_cols[] = {
	DBF_C(editlock, state),
	DBF_I(editlock, responses),
};
static const struct dbshape editlock_shape = DBSHAPE(editlock_cols,
    editlock);

/* One entry of an edited list of options or criteria. */
struct item {
	long long	 id;		/* an existing one's; 0: new */
	const char	*text;		/* in the request body */
	size_t		 len;
	long long	 answers;	/* a removed option's values */
};

/* Returns 1 if label (len bytes) is a placeholder, else 0. */
static int
placeholder(const char *label, size_t len)
{
	const char	*rest;
	size_t		 i, wl, rl;

	for (i = 0; placeholders[i] != NULL; i++) {
		wl = strlen(placeholders[i]);
		if (len < wl + 2 || label[wl] != ' ' ||
		    strncasecmp(label, placeholders[i], wl) != 0)
			continue;
		rest = label + wl + 1;
		rl = len - wl - 1;
		if (rl == 1 && rest[0] >= 'A' && rest[0] <= 'Z')
			return 1;
		if (rl <= 3 && strspn(rest, "0123456789") >= rl)
			return 1;
	}
	return 0;
}

/*
 * Before round id of session opens: refuses (OUT_CONFLICT,
 * placeholder_options, naming them) options that are placeholders, and
 * a scored round without its correct options (quiz_open_check()).
 * Returns OUT_OK, that, or OUT_DB_DOWN.
 */
enum outcome
round_open_check(struct db *db, long long session, long long id,
    struct why *why)
{
	struct dbparam	 p[2] = { DBP_INT(id), DBP_INT(session) };
	struct dbtext	*v;
	struct buf	 list;
	size_t		 i, n, bad = 0;
	enum outcome	 o;

	/* A scored round (a quiz) needs its correct options (leaderboard.c). */
	if ((o = quiz_open_check(db, session, id, why)) != OUT_OK)
		return o;
	if (db_list(db, STMT_OPEN_LABELS, p, 2, &db_text_shape, &v, &n) < 0)
		return OUT_DB_DOWN;
	buf_init(&list, 1024);
	for (i = 0; i < n; i++)
		if (placeholder(v[i].s, strlen(v[i].s)))
			buf_appendf(&list, "%s\"%s\"", bad++ == 0 ? "" : ", ",
			    v[i].s);
	if (bad > 0)
		why_set(why, "placeholder_options", "the options %s are "
		    "placeholders: edit the round before it opens",
		    buf_str(&list));
	buf_release(&list);
	db_list_free(&db_text_shape, v, n);
	return bad > 0 ? OUT_CONFLICT : OUT_OK;
}

/*
 * Reads list, the edited options (key "label") or criteria ("name") of
 * a round that has ids[n] now: objects, "id" one of ids (once) or absent
 * for a new one, the text 1..max characters without control characters.
 * Returns OUT_OK with *out (owned: free()) and *nout, or OUT_INVALID.
 */
static enum outcome
items_read(const struct jv *list, const char *what, const char *key,
    size_t max, const long long *ids, size_t n, struct item **out,
    size_t *nout, struct why *why)
{
	const struct jv	*e, *idv;
	struct item	*v;
	size_t		 i, j, k, nv = jv_len(list);

	v = xcalloc(nv + 1, sizeof(*v));
	for (i = 0; i < nv; i++) {
		e = jv_at(list, i);
		idv = jv_get(e, "id");
		if (jv_type(e) != JV_OBJECT ||
		    (v[i].text = jv_str(jv_get(e, key), &v[i].len)) == NULL ||
		    utf8_len(v[i].text, v[i].len) < 1 ||
		    utf8_len(v[i].text, v[i].len) > max)
			goto bad;
		for (k = 0; k < v[i].len; k++)
			if ((unsigned char)v[i].text[k] < 0x20 ||
			    v[i].text[k] == 0x7f)
				goto bad;
		if (idv == NULL || jv_type(idv) == JV_NULL)
			continue;
		j = n;
		if (jv_int(idv, &v[i].id) == 0 && v[i].id > 0)
			for (j = 0; j < n; j++)
				if (ids[j] == v[i].id)
					break;
		for (k = 0; k < i && j < n; k++)
			if (v[k].id == v[i].id)
				j = n;
		if (j == n) {
			why_set(why, "invalid_field", "%s: each id once, one "
			    "of this round's", what);
			free(v);
			return OUT_INVALID;
		}
	}
	*out = v;
	*nout = nv;
	return OUT_OK;
bad:
	why_set(why, "invalid_field", "each of %s must be an object with "
	    "\"%s\", a text of 1 to %zu characters, and an \"id\" unless it "
	    "is new", what, key, max);
	free(v);
	return OUT_INVALID;
}

/* Returns 1 if id is among v[n]'s, else 0. */
static int
kept(const struct item *v, size_t n, long long id)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (v[i].id == id)
			return 1;
	return 0;
}

/* A text field of body (absent: cur; null: NULL) as a parameter. */
static struct dbparam
text_param(const struct jv *body, const char *key, const char *cur)
{
	const struct jv	*v = jv_get(body, key);
	const char	*s;
	size_t		 len;

	if (v == NULL)
		return cur != NULL ? (struct dbparam)DBP_STR(cur) :
		    (struct dbparam)DBP_NULL;
	if ((s = jv_str(v, &len)) == NULL)
		return (struct dbparam)DBP_NULL;
	return (struct dbparam)DBP_TEXT(s, len);
}

/* A switch of body, or cur's where absent. */
static long long
bool_or(const struct jv *body, const char *key, long long cur)
{
	int	 b;

	return (b = jv_bool(jv_get(body, key))) == -1 ? cur : b;
}

/*
 * Writes the edited lists of round id: each kept entry its text and
 * place (set), new ones added (insert), the removed ones deleted, or
 * (options with answers) marked removed.  Returns 0 or -1.
 */
static int
items_write(struct db *db, long long id, const struct item *v, size_t n,
    const struct item *gone, size_t ngone, enum stmt set, enum stmt insert,
    enum stmt hide, enum stmt del)
{
	struct dbparam	 p[4];
	size_t		 i;

	for (i = 0; i < ngone; i++) {
		p[0] = (struct dbparam)DBP_INT(gone[i].id);
		p[1] = (struct dbparam)DBP_INT(id);
		if (db_exec(db, gone[i].answers > 0 ? hide : del, p, 2, NULL,
		    NULL) < 0)
			return -1;
	}
	for (i = 0; i < n; i++) {
		if (v[i].id == 0) {
			p[0] = (struct dbparam)DBP_INT(id);
			p[1] = (struct dbparam)DBP_INT((long long)i + 1);
			p[2] = (struct dbparam)DBP_TEXT(v[i].text, v[i].len);
			if (db_exec(db, insert, p, 3, NULL, NULL) != 1)
				return -1;
			continue;
		}
		p[0] = (struct dbparam)DBP_TEXT(v[i].text, v[i].len);
		p[1] = (struct dbparam)DBP_INT((long long)i + 1);
		p[2] = (struct dbparam)DBP_INT(v[i].id);
		p[3] = (struct dbparam)DBP_INT(id);
		if (db_exec(db, set, p, 4, NULL, NULL) < 0)
			return -1;
	}
	return 0;
}

/*
 * The entries of was[n] (labels[n]) that v[nv] no longer has, into
 * *gone (owned: free()).  Returns how many.
 */
static size_t
items_gone(const struct item *v, size_t nv, const long long *was,
    char *const *labels, size_t n, struct item **gone)
{
	size_t	 i, k = 0;

	*gone = xcalloc(n + 1, sizeof(**gone));
	for (i = 0; i < n; i++)
		if (!kept(v, nv, was[i])) {
			(*gone)[k].id = was[i];
			(*gone)[k].text = labels[i];
			(*gone)[k++].len = strlen(labels[i]);
		}
	return k;
}

/*
 * Applies body, an edit checked against the handler's field table, to
 * round cur of session (loaded with its options): see the top of this
 * file for what may change when.  Bumps the round's and the session's
 * versions, so polls and the live documents see the change.  Returns
 * OUT_OK, OUT_INVALID, OUT_NOT_FOUND, OUT_CONFLICT (has_answers,
 * option_has_answers, wrong_state) or OUT_DB_DOWN.
 */
enum outcome
round_edit(struct db *db, long long session, const struct round *cur,
    const struct jv *body, struct why *why)
{
	struct roundspec s;
	struct editlock	 lk;
	struct item	*opt = NULL, *crit = NULL, *ogone = NULL;
	struct item	*cgone = NULL;
	struct dbparam	 p[18];
	struct buf	 list;
	const struct jv	*v;
	const char	*word;
	size_t		 nopt = 0, ncrit = 0, nogone = 0, ncgone = 0, i, n;
	long long	 total = 0;
	int		 t = cur->spec.type, rc, s_i, answered, fed;
	long long	 a, b;
	enum outcome	 o = OUT_INVALID;

	buf_init(&list, 1024);
	v = jv_get(body, "type");
	if (v != NULL && jv_type(v) != JV_NULL &&
	    rtype_parse(jv_str(v, NULL)) != t) {
		why_set(why, "invalid_field", "type cannot change: add a "
		    "round of the other type");
		goto out;
	}
	fed = cur->feed_round > 0 && strcmp(cur->state, "draft") == 0;
	n = cur->spec.nopts;
	if ((v = jv_get(body, "options")) != NULL && jv_type(v) != JV_NULL) {
		if (fed) {
			why_set(why, "wrong_state", "this round takes its "
			    "options from its brainstorm when it opens");
			o = OUT_CONFLICT;
			goto out;
		}
		if ((o = items_read(v, "options", "label", LABEL_MAX,
		    cur->opts, cur->spec.nopts, &opt, &nopt, why)) != OUT_OK)
			goto out;
		n = nopt;
		nogone = items_gone(opt, nopt, cur->opts, cur->labels,
		    cur->spec.nopts, &ogone);
	}
	if ((v = jv_get(body, "criteria")) != NULL &&
	    jv_type(v) != JV_NULL && rtype_uses(t, RS_CRITERIA)) {
		if ((o = items_read(v, "criteria", "name", CRITNAME_MAX,
		    cur->crits, cur->spec.ncrits, &crit, &ncrit, why)) !=
		    OUT_OK)
			goto out;
		ncgone = items_gone(crit, ncrit, cur->crits, cur->critnames,
		    cur->spec.ncrits, &cgone);
	}
	if ((o = round_settings_edit(body, &cur->spec, fed && n == 0 ?
	    FEED_LATER : n, &s, why)) != OUT_OK)
		goto out;

	o = OUT_DB_DOWN;
	if (db_begin(db) != 0)
		goto out;
	p[0] = (struct dbparam)DBP_INT(cur->id);
	p[1] = (struct dbparam)DBP_INT(session);
	memset(&lk, 0, sizeof(lk));
	if ((rc = db_one(db, STMT_EDIT_LOCK, p, 2, &editlock_shape,
	    &lk)) < 0)
		goto down;
	if (rc == 0) {
		db_rollback(db);
		why_set(why, "not_found", "no such round");
		o = OUT_NOT_FOUND;
		goto out;
	}
	answered = lk.responses > 0 || strcmp(lk.state, "draft") != 0;

	/* What answers were checked against stays once there are any. */
	for (s_i = -1; answered && (s_i = rtype_setting(t, s_i)) >= 0;)
		if (rsetting_get(s_i, &cur->spec, &a) &&
		    rsetting_get(s_i, &s, &b) && a != b)
			buf_appendf(&list, "%s%s", list.len > 0 ? ", " : "",
			    rsetting_name(s_i));
	/* The criteria may be renamed, not added or removed. */
	if (answered && crit != NULL && (ncgone > 0 ||
	    ncrit + ncgone != cur->spec.ncrits))
		buf_appendf(&list, "%scriteria (their names can)",
		    list.len > 0 ? ", " : "");
	if (list.len > 0) {
		db_rollback(db);
		why_set(why, "has_answers", "%s cannot change: the round has "
		    "answers", buf_str(&list));
		o = OUT_CONFLICT;
		goto out;
	}

	/* Removing an option that has answers takes a confirmation. */
	for (i = 0; answered && i < nogone; i++) {
		p[0] = (struct dbparam)DBP_INT(ogone[i].id);
		if (db_exec(db, STMT_EDIT_OPTION_ANSWERS, p, 1, db_row_int,
		    &ogone[i].answers) != 1)
			goto down;
		if (ogone[i].answers > 0)
			buf_appendf(&list, "%s\"%.*s\" has %lld", total == 0 ?
			    "" : ", ", (int)ogone[i].len, ogone[i].text,
			    ogone[i].answers);
		total += ogone[i].answers;
	}
	if (total > 0 && jv_bool(jv_get(body, "confirm_remove")) != 1) {
		db_rollback(db);
		why_set(why, "option_has_answers", "%s %s: send "
		    "confirm_remove to remove it (its answers stay in the "
		    "exports)", buf_str(&list), total == 1 ? "answer" :
		    "answers");
		o = OUT_CONFLICT;
		goto out;
	}

	v = jv_get(body, "projector_results");
	word = v != NULL ? rsetting_word(RS_PROJECTOR_RESULTS, v) : NULL;
	p[0] = jv_str(jv_get(body, "title"), NULL) != NULL ?
	    text_param(body, "title", NULL) :
	    (struct dbparam)DBP_STR(cur->title);
	p[1] = (struct dbparam)DBP_INT(s.min_picks);
	p[2] = (struct dbparam)DBP_INT(s.max_picks);
	p[3] = (struct dbparam)DBP_INT(s.scale_max);
	p[4] = (struct dbparam)DBP_INT(s.no_opinion);
	p[5] = (struct dbparam)DBP_INT(s.top_n);
	p[6] = (struct dbparam)DBP_INT(s.budget);
	p[7] = (struct dbparam)DBP_INT(s.max_per_option);
	p[8] = (struct dbparam)DBP_INT(s.max_length);
	/* What the type fixes stays fixed (a Q&A's wall). */
	p[9] = (struct dbparam)DBP_INT(bool_or(body, "open_wall",
	    cur->open_wall) || rtype_fixed(t, RS_OPEN_WALL));
	p[10] = text_param(body, "label_low", cur->label_low);
	p[11] = text_param(body, "label_high", cur->label_high);
	p[12] = (struct dbparam)DBP_INT(bool_or(body, "participants_cluster",
	    cur->participants_cluster));
	p[13] = (struct dbparam)DBP_STR(rtype_fixed(t, RS_PROJECTOR_RESULTS) ?
	    "live" : word != NULL ? word : cur->projector_results);
	p[14] = (struct dbparam)DBP_INT(s.session_wide);
	p[15] = (struct dbparam)DBP_INT(s.time_limit);
	p[16] = (struct dbparam)DBP_INT(s.speed_bonus);
	p[17] = (struct dbparam)DBP_INT(cur->id);
	if (db_exec(db, STMT_EDIT_ROUND, p, 18, NULL, NULL) < 0)
		goto down;
	if (opt != NULL && items_write(db, cur->id, opt, nopt, ogone, nogone,
	    STMT_EDIT_OPTION_SET, STMT_OPTION_INSERT, STMT_EDIT_OPTION_HIDE,
	    STMT_EDIT_OPTION_DELETE) == -1)
		goto down;
	if (crit != NULL && items_write(db, cur->id, crit, ncrit, cgone,
	    ncgone, STMT_EDIT_CRITERION_SET, STMT_CRITERION_INSERT,
	    STMT_EDIT_CRITERION_DELETE, STMT_EDIT_CRITERION_DELETE) == -1)
		goto down;
	p[0] = (struct dbparam)DBP_INT(session);
	if (db_exec(db, STMT_SESSION_BUMP, p, 1, NULL, NULL) != 1 ||
	    db_commit(db) != 0)
		goto down;
	o = OUT_OK;
	goto out;
down:
	db_rollback(db);
out:
	buf_release(&list);
	free(opt);
	free(crit);
	free(ogone);
	free(cgone);
	return o;
}
