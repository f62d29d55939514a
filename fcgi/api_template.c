/* SPDX-License-Identifier: ISC */
/*
 * api_template.c: the routes of agendas kept for reuse.
 *
 *	GET    /api/templates			built-in ones and the account's
 *	POST   /api/sessions/{id}/template	keep a session's agenda
 *	POST   /api/templates/{id}/use		a new draft session from one
 *	DELETE /api/templates/{id}		the account's own only
 *
 * The handlers check the body, and template.c, session.c and agenda.c
 * do the work: using a template creates each of its rounds with the
 * fields and checks of a round added by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "banned.h"

int
api_templates_list(struct request *r)
{
	struct jw	*w;

	w = resp_json(r, 200);
	jw_obj(w);
	if (template_list_write(r->db, w, r->auth.account_id) != OUT_OK) {
		jw_free(w);
		return db_unavailable(r);
	}
	jw_end(w);
	return resp_done(r, w);
}

static const struct field save_fields[] = {
	{ "name", FT_STRING, 1, 1, 200 },
};

int
api_template_save(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	struct jw	*w;
	const char	*name;
	enum outcome	 o;
	size_t		 len;
	char		 lang[3];
	long long	 id;
	int		 rc;

	if ((rc = fields_check(r, save_fields, 1)) != 0)
		return rc;
	name = field_str(r, "name", &len);
	if ((o = template_save(r->db, r->ids[0], r->auth.account_id, name,
	    len, &id, lang, &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
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

static const struct field use_fields[] = {
	{ "title", FT_STRING, 0, 1, 200 },
};

int
api_template_use(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	struct template	 t;
	struct limits	 lim = *r->limits;
	struct perr	 e;
	struct jv	*agenda, *body;
	const struct jv	*rounds;
	const char	*title;
	struct jw	*w;
	enum outcome	 o;
	size_t		 i, len;
	long long	 sid, id;
	int		 rc;

	if (r->json != NULL && (rc = fields_check(r, use_fields, 1)) != 0)
		return rc;
	if ((o = template_load(r->db, r->ids[0], r->auth.account_id, &t,
	    &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	lim.max_body = strlen(t.agenda);
	lim.json_nodes = 1000000;
	if ((agenda = json_parse(t.agenda, lim.max_body, &lim, &e)) == NULL) {
		template_release(&t);
		return resp_error(r, 500, "internal_error", "a broken template");
	}
	if ((title = field_str(r, "title", &len)) == NULL) {
		title = t.name;
		len = strlen(title);
	}
	o = template_session(r->db, r->auth.account_id, &t, title, len, &sid);
	template_release(&t);
	if (o != OUT_OK) {
		jv_free(agenda);
		return db_unavailable(r);
	}
	/* Each round as if the facilitator had added it by hand. */
	body = r->json;
	rounds = jv_get(agenda, "rounds");
	for (i = 0, rc = 0; i < jv_len(rounds) && rc == 0; i++) {
		r->json = (struct jv *)jv_at(rounds, i);
		if ((rc = fields_check(r, round_fields, round_nfields)) == 0 &&
		    ((o = quiz_places_check(r->json, &why)) != OUT_OK ||
		    (o = round_create(r->db, sid, r->json, &id, &why)) !=
		    OUT_OK || (o = quiz_places_mark(r->db, sid, id, r->json,
		    &why)) != OUT_OK))
			rc = resp_outcome(r, o, &why);
	}
	r->json = body;
	jv_free(agenda);
	if (rc != 0)
		return rc;
	w = resp_json(r, 201);
	jw_obj(w);
	if ((o = session_json(r->db, w, sid, r->auth.account_id,
	    r->cfg->str[CFG_SITE_ORIGIN], &why)) != OUT_OK) {
		jw_free(w);
		return resp_outcome(r, o, &why);
	}
	jw_end(w);
	return resp_done(r, w);
}

int
api_template_delete(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;

	if ((o = template_delete(r->db, r->ids[0], r->auth.account_id,
	    &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	r->resp.status = 204;
	return 204;
}
