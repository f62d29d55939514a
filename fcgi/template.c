/* SPDX-License-Identifier: ISC */
/*
 * template.c: agendas kept for reuse, the domain.  A template is the
 * agenda as agenda_write() below puts it; using one makes a new draft session
 * whose rounds are created through round_create(), the same checks as
 * by hand (the handler checks each round's fields first).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

/* A template of the list (STMT_TEMPLATE_LIST). */
struct tplline {
	long long	 id;
	char		*name;		/* owned */
	char		 lang[3];
	long long	 builtin;
};
static const struct dbfield tplline_cols[] = {
	DBF_I(tplline, id),
	DBF_S(tplline, name),
	DBF_C(tplline, lang),
	DBF_I(tplline, builtin),
};
static const struct dbshape tplline_shape = DBSHAPE(tplline_cols, tplline);

/* One template (STMT_TEMPLATE_GET): struct template. */
static const struct dbfield template_cols[] = {
	DBF_S(template, name),
	DBF_C(template, lang),
	DBF_S(template, agenda),
};
static const struct dbshape template_shape = DBSHAPE(template_cols,
    template);

/* A session's language (STMT_SESSION_LANG). */
struct lang1 {
	char	 lang[3];
};
static const struct dbfield lang1_cols[] = {
	DBF_C(lang1, lang),
};
static const struct dbshape lang1_shape = DBSHAPE(lang1_cols, lang1);

/* Writes "templates": [...]: the built-in ones and the account's. */
enum outcome
template_list_write(struct db *db, struct jw *w, long long account)
{
	struct dbparam	 p[1] = { DBP_INT(account) };
	struct tplline	*v;
	size_t		 i, n;

	if (db_list(db, STMT_TEMPLATE_LIST, p, 1, &tplline_shape, &v, &n) < 0)
		return OUT_DB_DOWN;
	jw_key(w, "templates");
	jw_arr(w);
	for (i = 0; i < n; i++) {
		jw_obj(w);
		jw_kint(w, "id", v[i].id);
		jw_kstr(w, "name", v[i].name);
		jw_kstr(w, "language", v[i].lang);
		jw_kbool(w, "builtin", v[i].builtin != 0);
		jw_end(w);
	}
	jw_end(w);
	db_list_free(&tplline_shape, v, n);
	return OUT_OK;
}

/*
 * The place (1-based) in v[n] of the round that feeds v[i], if it comes
 * before it (a template's rounds are made in order), else 0.
 */
static size_t
feed_place(const struct round *v, size_t i)
{
	size_t	 j;

	for (j = 0; j < i && v[i].feed_round > 0; j++)
		if (v[j].id == v[i].feed_round)
			return j + 1;
	return 0;
}

/*
 * Writes the agenda of session as a template keeps it:
 * {"rounds": [{"type", "title", "options": [labels], settings}]}; a
 * round fed by an earlier brainstorm names it by its place
 * ("options_from_position", "options_use") instead of options.
 */
static enum outcome
agenda_write(struct db *db, struct jw *w, long long session)
{
	struct round	*v, *x;
	size_t		 i, j, n, from;

	if (agenda_list(db, session, &v, &n) != OUT_OK)
		return OUT_DB_DOWN;
	jw_obj(w);
	jw_key(w, "rounds");
	jw_arr(w);
	for (i = 0; i < n; i++) {
		x = &v[i];
		jw_obj(w);
		jw_kstr(w, "type", rtype_name(x->spec.type));
		jw_kstr(w, "title", x->title);
		if ((from = feed_place(v, i)) > 0) {
			jw_kint(w, "options_from_position", (long long)from);
			jw_kstr(w, "options_use", x->feed_use);
		} else if (x->spec.nopts > 0) {
			jw_key(w, "options");
			jw_arr(w);
			for (j = 0; j < x->spec.nopts; j++)
				jw_str(w, x->labels[j]);
			jw_end(w);
		}
		round_settings_write(w, x, 1);
		if (quiz_places_write(db, w, x) != OUT_OK) {
			rounds_free(v, n);
			return OUT_DB_DOWN;
		}
		jw_end(w);
	}
	jw_end(w);
	jw_end(w);
	rounds_free(v, n);
	return OUT_OK;
}

/*
 * Keeps session's agenda as template (name, len) of account; *id is
 * the template's and lang (3 bytes) the session's language.
 */
enum outcome
template_save(struct db *db, long long session, long long account,
    const char *name, size_t len, long long *id, char *lang,
    struct why *why)
{
	struct dbparam	 p[4] = { DBP_INT(session), DBP_INT(account) };
	struct lang1	 l;
	struct buf	 agenda;
	struct jw	*w;
	int		 rc;

	if ((rc = db_one(db, STMT_SESSION_LANG, p, 2, &lang1_shape, &l)) < 0)
		return OUT_DB_DOWN;
	if (rc == 0) {
		why_set(why, "not_found", "no such session");
		return OUT_NOT_FOUND;
	}
	memcpy(lang, l.lang, sizeof(l.lang));
	buf_init(&agenda, 4 * 1024 * 1024);
	w = jw_new(&agenda);
	if (agenda_write(db, w, session) != OUT_OK) {
		jw_free(w);
		buf_release(&agenda);
		return OUT_DB_DOWN;
	}
	if (jw_close(w) == -1) {
		buf_release(&agenda);
		return OUT_DB_DOWN;
	}
	p[0] = (struct dbparam)DBP_INT(account);
	p[1] = (struct dbparam)DBP_TEXT(name, len);
	p[2] = (struct dbparam)DBP_STR(l.lang);
	p[3] = (struct dbparam)DBP_TEXT(agenda.data, agenda.len);
	rc = db_exec(db, STMT_TEMPLATE_INSERT, p, 4, NULL, NULL);
	buf_release(&agenda);
	if (rc != 1)
		return OUT_DB_DOWN;
	*id = db_last_id(db);
	return OUT_OK;
}

void
template_release(struct template *t)
{
	db_shape_release(&template_shape, t);
	memset(t, 0, sizeof(*t));
}

/* Template id, if built in or account's. */
enum outcome
template_load(struct db *db, long long id, long long account,
    struct template *t, struct why *why)
{
	struct dbparam	 p[2] = { DBP_INT(id), DBP_INT(account) };
	int		 rc;

	if ((rc = db_one(db, STMT_TEMPLATE_GET, p, 2, &template_shape, t)) < 0)
		return OUT_DB_DOWN;
	if (rc == 0) {
		why_set(why, "not_found", "no such template");
		return OUT_NOT_FOUND;
	}
	return OUT_OK;
}

/*
 * A new draft session of account titled (title, len), in the template's
 * language, without rounds yet; *sid its id.
 */
enum outcome
template_session(struct db *db, long long account, const struct template *t,
    const char *title, size_t len, long long *sid)
{
	struct session	 s;

	memset(&s, 0, sizeof(s));
	s.title = xstrndup(title, len);
	s.lang = xstrdup(t->lang);
	s.allow_change = 1;
	*sid = session_insert(db, account, &s);
	session_release(&s);
	return *sid < 0 ? OUT_DB_DOWN : OUT_OK;
}

/* Deletes the account's template id (built-in ones stay). */
enum outcome
template_delete(struct db *db, long long id, long long account,
    struct why *why)
{
	struct dbparam	 p[2] = { DBP_INT(id), DBP_INT(account) };
	int		 rc;

	if ((rc = db_exec(db, STMT_TEMPLATE_DELETE, p, 2, NULL, NULL)) < 0)
		return OUT_DB_DOWN;
	if (rc == 0) {
		why_set(why, "not_found", "no such template of yours "
		    "(built-in ones stay)");
		return OUT_NOT_FOUND;
	}
	return OUT_OK;
}
