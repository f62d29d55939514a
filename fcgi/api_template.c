/*
 * api_template.c: agendas kept for reuse.
 *
 *	GET    /api/templates			built-in ones and the account's
 *	POST   /api/sessions/{id}/template	keep a session's agenda
 *	POST   /api/templates/{id}/use		a new draft session from one
 *	DELETE /api/templates/{id}		the account's own only
 *
 * A template is the agenda as agenda_write() puts it; using one creates
 * each round through round_create_in(), the same checks as by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

static int
template_row(void *arg, const struct dbcol *c, size_t n)
{
	struct jw	*w = arg;
	long long	 id, builtin;

	if (n != 4 || parse_int(c[0].s, c[0].len, 1, INT64_MAX, &id) ||
	    parse_int(c[3].s, c[3].len, 0, 1, &builtin))
		return -1;
	jw_obj(w);
	jw_kint(w, "id", id);
	jw_key(w, "name");
	jw_strn(w, c[1].s, c[1].len);
	jw_kstr(w, "language", c[2].s);
	jw_kbool(w, "builtin", builtin != 0);
	jw_end(w);
	return 0;
}

int
api_templates_list(struct request *r)
{
	struct dbparam	 p[1] = { DBP_INT(r->auth.account_id) };
	struct jw	*w;

	w = resp_json(r, 200);
	jw_obj(w);
	jw_key(w, "templates");
	jw_arr(w);
	if (db_exec(r->db, STMT_TEMPLATE_LIST, p, 1, template_row, w) < 0) {
		jw_free(w);
		return db_unavailable(r);
	}
	jw_end(w);
	jw_end(w);
	return resp_done(r, w);
}

static int
lang_row(void *arg, const struct dbcol *c, size_t n)
{
	char	*lang = arg;

	if (n != 1 || c[0].len != 2)
		return -1;
	memcpy(lang, c[0].s, 3);
	return 0;
}

static const struct field save_fields[] = {
	{ "name", FT_STRING, 1, 1, 200 },
};

int
api_template_save(struct request *r)
{
	struct dbparam	 p[4];
	struct buf	 agenda;
	struct jw	*w;
	const char	*name;
	size_t		 len;
	char		 lang[3];
	long long	 id;
	int		 rc;

	if ((rc = fields_check(r, save_fields, 1)) != 0)
		return rc;
	p[0] = (struct dbparam)DBP_INT(r->ids[0]);
	p[1] = (struct dbparam)DBP_INT(r->auth.account_id);
	if ((rc = db_exec(r->db, STMT_SESSION_LANG, p, 2, lang_row, lang)) < 0)
		return db_unavailable(r);
	if (rc == 0)
		return resp_error(r, 404, "not_found", "no such session");
	buf_init(&agenda, 4 * 1024 * 1024);
	w = jw_new(&agenda);
	if (agenda_write(r, w) == -1 || jw_close(w) == -1) {
		buf_release(&agenda);
		return db_unavailable(r);
	}
	name = field_str(r, "name", &len);
	p[0] = (struct dbparam)DBP_INT(r->auth.account_id);
	p[1] = (struct dbparam)DBP_TEXT(name, len);
	p[2] = (struct dbparam)DBP_STR(lang);
	p[3] = (struct dbparam)DBP_TEXT(agenda.data, agenda.len);
	rc = db_exec(r->db, STMT_TEMPLATE_INSERT, p, 4, NULL, NULL);
	buf_release(&agenda);
	if (rc != 1)
		return db_unavailable(r);
	id = db_last_id(r->db);
	w = resp_json(r, 201);
	jw_obj(w);
	jw_key(w, "template");
	jw_obj(w);
	jw_kint(w, "id", id);
	jw_key(w, "name");
	jw_strn(w, name, len);
	jw_kstr(w, "language", lang);
	jw_kbool(w, "builtin", 0);
	jw_end(w);
	jw_end(w);
	return resp_done(r, w);
}

struct tpl {
	char	*name;		/* owned */
	char	 lang[3];
	char	*agenda;	/* owned */
	size_t	 agendalen;
};

static int
tpl_row(void *arg, const struct dbcol *c, size_t n)
{
	struct tpl	*t = arg;

	if (n != 3 || c[1].len != 2)
		return -1;
	t->name = xstrndup(c[0].s, c[0].len);
	memcpy(t->lang, c[1].s, 3);
	t->agenda = xstrndup(c[2].s, c[2].len);
	t->agendalen = c[2].len;
	return 0;
}

static const struct field use_fields[] = {
	{ "title", FT_STRING, 0, 1, 200 },
};

int
api_template_use(struct request *r)
{
	struct tpl	 t;
	struct dbparam	 p[8];
	struct limits	 lim = *r->limits;
	struct perr	 e;
	struct jv	*agenda, *body;
	const struct jv	*rounds;
	const char	*title;
	size_t		 i, len;
	long long	 sid;
	int		 rc;

	memset(&t, 0, sizeof(t));
	if (r->json != NULL && (rc = fields_check(r, use_fields, 1)) != 0)
		return rc;
	p[0] = (struct dbparam)DBP_INT(r->ids[0]);
	p[1] = (struct dbparam)DBP_INT(r->auth.account_id);
	if ((rc = db_exec(r->db, STMT_TEMPLATE_GET, p, 2, tpl_row, &t)) < 0)
		return db_unavailable(r);
	if (rc == 0)
		return resp_error(r, 404, "not_found", "no such template");
	lim.max_body = t.agendalen;
	lim.json_nodes = 1000000;
	if ((agenda = json_parse(t.agenda, t.agendalen, &lim, &e)) == NULL) {
		free(t.name);
		free(t.agenda);
		return resp_error(r, 500, "internal_error", "a broken template");
	}
	if ((title = field_str(r, "title", &len)) == NULL) {
		title = t.name;
		len = strlen(title);
	}
	p[0] = (struct dbparam)DBP_INT(r->auth.account_id);
	p[1] = (struct dbparam)DBP_TEXT(title, len);
	p[2] = (struct dbparam)DBP_NULL;
	p[3] = (struct dbparam)DBP_STR(t.lang);
	p[4] = (struct dbparam)DBP_INT(0);
	p[5] = (struct dbparam)DBP_INT(0);
	p[6] = (struct dbparam)DBP_INT(0);
	p[7] = (struct dbparam)DBP_INT(1);
	rc = db_exec(r->db, STMT_SESSION_INSERT, p, 8, NULL, NULL);
	free(t.name);
	free(t.agenda);
	if (rc != 1) {
		jv_free(agenda);
		return db_unavailable(r);
	}
	sid = db_last_id(r->db);
	/* Each round as if the facilitator had added it by hand. */
	body = r->json;
	r->ids[0] = sid;
	rounds = jv_get(agenda, "rounds");
	for (i = 0, rc = 201; i < jv_len(rounds) && rc == 201; i++) {
		r->json = (struct jv *)jv_at(rounds, i);
		rc = round_create_in(r);
	}
	r->json = body;
	jv_free(agenda);
	if (rc != 201)
		return rc;
	return session_answer(r, 201, sid);
}

int
api_template_delete(struct request *r)
{
	struct dbparam	 p[2] = { DBP_INT(r->ids[0]),
	    DBP_INT(r->auth.account_id) };
	int		 rc;

	if ((rc = db_exec(r->db, STMT_TEMPLATE_DELETE, p, 2, NULL, NULL)) < 0)
		return db_unavailable(r);
	if (rc == 0)
		return resp_error(r, 404, "not_found", "no such template of "
		    "yours (built-in ones stay)");
	r->resp.status = 204;
	return 204;
}
