/* SPDX-License-Identifier: ISC */
/*
 * api_member.c: the routes of the people who run a session with its
 * owner:
 *	GET    /api/sessions/{id}/members		invitations, members
 *	POST   /api/sessions/{id}/members		invite {email, role}
 *	DELETE /api/sessions/{id}/members/{id}		revoke
 *	POST   /api/invitations/accept			accept {token}
 * The first three are the owner's alone; accepting is for the account
 * that has the invited email.  Each handler checks the body and calls
 * the domain (member.c), which decides and audits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "banned.h"

#define ORIGIN(r)	((r)->cfg->str[CFG_SITE_ORIGIN])

/* Answers {"members": [...]} of session {id}. */
static int
members_reply(struct request *r, int status)
{
	struct jw	*w;

	w = resp_json(r, status);
	jw_obj(w);
	if (member_list_write(r->db, w, r->ids[0]) != OUT_OK) {
		jw_free(w);
		return db_unavailable(r);
	}
	jw_end(w);
	return resp_done(r, w);
}

/* The caller owns session {id}: 1, or the status of the refusal. */
static int
owner(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;

	if ((o = session_owner(r->db, r->ids[0], r->auth.account_id,
	    &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	return 1;
}

int
api_members_list(struct request *r)
{
	int	 rc;

	if ((rc = owner(r)) != 1)
		return rc;
	return members_reply(r, 200);
}

static const struct field invite_fields[] = {
	{ "email", FT_STRING, 1, 1, 254 },
	{ "role", FT_STRING, 1, 1, 20 },
};

/*
 * POST /api/sessions/{id}/members {"email", "role"}: an invitation,
 * mailed after the answer.  201 with the members.
 */
int
api_member_invite(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	struct session	 s;
	enum member_role role;
	enum outcome	 o;
	const char	*v;
	char		 email[256];
	size_t		 len;
	int		 rc;

	if ((rc = fields_check(r, invite_fields, 2)) != 0 ||
	    (rc = owner(r)) != 1)
		return rc;
	v = field_str(r, "email", &len);
	if (email_normalize(v, len, email, sizeof(email)) == -1)
		return resp_error(r, 422, "invalid_email",
		    "email is not a valid email address");
	v = field_str(r, "role", &len);
	if ((role = member_role_parse(v, len)) == MEMBER_NONE)
		return resp_error(r, 422, "invalid_field", "role must be "
		    "\"cofacilitator\" or \"moderator\"");
	if ((o = session_load(r->db, r->ids[0], r->auth.account_id, &s,
	    &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	o = member_invite(r, &s, email, role, &why);
	session_release(&s);
	if (o != OUT_OK)
		return resp_outcome(r, o, &why);
	return members_reply(r, 201);
}

/* DELETE /api/sessions/{id}/members/{id}: 204; gone at once. */
int
api_member_revoke(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	enum outcome	 o;
	int		 rc;

	if ((rc = owner(r)) != 1)
		return rc;
	if ((o = member_revoke(r, r->ids[0], r->ids[1], &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	r->resp.status = 204;
	return 204;
}

static const struct field accept_fields[] = {
	{ "token", FT_STRING, 1, 1, 128 },
};

/*
 * POST /api/invitations/accept {"token"}: the caller (logged in with
 * the invited email) takes the role.  Answers {"session": {...}} with
 * the caller's "role" in it.
 */
int
api_invitation_accept(struct request *r)
{
	struct why	 why = { NULL, "", 0 };
	struct jw	*w;
	enum member_role role;
	enum outcome	 o;
	const char	*tok;
	long long	 id = 0;
	size_t		 len;
	int		 rc;

	if ((rc = fields_check(r, accept_fields, 1)) != 0)
		return rc;
	tok = field_str(r, "token", &len);
	o = member_accept(r, tok, len, &id, &role, &why);
	/* A link that does not work is the request's fault: 400. */
	if (o == OUT_NOT_FOUND)
		return resp_error(r, 400, "invalid_token", "%s", why.msg);
	if (o != OUT_OK)
		return resp_outcome(r, o, &why);
	w = resp_json(r, 200);
	jw_obj(w);
	if ((o = session_json(r->db, w, id, r->auth.account_id, ORIGIN(r),
	    &why)) != OUT_OK) {
		jw_free(w);
		return resp_outcome(r, o, &why);
	}
	jw_end(w);
	return resp_done(r, w);
}
