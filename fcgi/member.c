/* SPDX-License-Identifier: ISC */
/*
 * * member.c: the people who run a session with its owner, the
 * domain: who may do what on a session, invitations by mail, accepting
 * one, revoking.  A domain module: api_member.c (the routes), session.c
 * (session_load(), session_owned()) and idea.c call it.
 *
 * Roles, in order: a moderator moderates the ideas and answers; a
 * co-facilitator runs and edits the session as its owner does; the owner
 * alone deletes it and manages its members.  member_check() is the one
 * place that decides: the caller's role (STMT_MEMBER_ROLE) against the
 * role a route needs.  Not a member at all: "not found", as another
 * account's session always was (P4); a member whose role is too small:
 * "forbidden" (they know the session).  Revoking deletes the row, so the
 * next request of a revoked member is "not found".
 *
 * An invitation carries a random token; only its SHA-256 is stored, it
 * expires after INVITE_SECONDS and works once.  It is accepted by a
 * login of the account that has the invited email, so a forwarded link
 * gives nobody else a way in.  The mail goes out after the answer
 * (the request's later step, as reset.c's), in the session's language.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

/* The names of the roles, as the API and the table spell them. */
static const char *const role_names[MEMBER__MAX] = {
	[MEMBER_NONE] = "none",
	[MEMBER_MODERATOR] = "moderator",
	[MEMBER_COFACILITATOR] = "cofacilitator",
	[MEMBER_OWNER] = "owner",
};

/* What the later step needs: it runs after the request's body is gone. */
struct memberlater {
	char		 email[256];
	char		 link[512];	/* wiped after use */
	char		 title[256];
	enum member_role role;
	enum lang	 lang;
};

/* A row of STMT_MEMBER_LIST. */
struct memberrow {
	long long	 id;
	char		*email;		/* owned */
	char		*role;		/* owned */
	long long	 accepted, expired;
	char		*name;		/* owned, or NULL */
	char		*invited;	/* owned */
};
static const struct dbfield memberrow_fields[] = {
	DBF_I(memberrow, id),
	DBF_S(memberrow, email),
	DBF_S(memberrow, role),
	DBF_I(memberrow, accepted),
	DBF_I(memberrow, expired),
	DBF_S(memberrow, name),
	DBF_S(memberrow, invited),
};
static const struct dbshape memberrow_shape = DBSHAPE(memberrow_fields,
    memberrow);

/* A row of STMT_MEMBER_GET. */
struct memberone {
	char		*email;		/* owned */
	char		*role;		/* owned */
	long long	 account;
};
static const struct dbfield memberone_fields[] = {
	DBF_S(memberone, email),
	DBF_S(memberone, role),
	DBF_I(memberone, account),
};
static const struct dbshape memberone_shape = DBSHAPE(memberone_fields,
    memberone);

/*
 * The caller's email (STMT_MEMBER_WHO): read here, not through
 * account.c, which calls session.c, which calls this module.
 */
struct who {
	char		*email;		/* owned */
};
static const struct dbfield who_fields[] = {
	DBF_S(who, email),
};
static const struct dbshape who_shape = DBSHAPE(who_fields, who);

/* Loads the email of account into w.  OUT_OK or OUT_DB_DOWN. */
static enum outcome
who_load(struct db *db, long long account, struct who *w)
{
	struct dbparam	 p[1] = { DBP_INT(account) };

	memset(w, 0, sizeof(*w));
	return db_one(db, STMT_MEMBER_WHO, p, 1, &who_shape, w) == 1 ?
	    OUT_OK : OUT_DB_DOWN;
}

/* A row of STMT_MEMBER_FIND. */
struct invitation {
	long long	 id, session;
	char		*email;		/* owned */
	char		*role;		/* owned */
	long long	 expired;
	char		*title;		/* owned */
};
static const struct dbfield invitation_fields[] = {
	DBF_I(invitation, id),
	DBF_I(invitation, session),
	DBF_S(invitation, email),
	DBF_S(invitation, role),
	DBF_I(invitation, expired),
	DBF_S(invitation, title),
};
static const struct dbshape invitation_shape = DBSHAPE(invitation_fields,
    invitation);

/* The name of a role ("owner", "cofacilitator", ...). */
const char *
member_role_name(enum member_role role)
{
	return role >= 0 && role < MEMBER__MAX ? role_names[role] : "none";
}

/*
 * A role an owner may give from its name: MEMBER_COFACILITATOR or
 * MEMBER_MODERATOR, or MEMBER_NONE for anything else.
 */
enum member_role
member_role_parse(const char *s, size_t len)
{
	if (len == 13 && memcmp(s, "cofacilitator", 13) == 0)
		return MEMBER_COFACILITATOR;
	if (len == 9 && memcmp(s, "moderator", 9) == 0)
		return MEMBER_MODERATOR;
	return MEMBER_NONE;
}

/*
 * The role of account in session (*role; MEMBER_NONE if none or no
 * such session).  Returns OUT_OK or OUT_DB_DOWN.
 */
enum outcome
member_role(struct db *db, long long session, long long account,
    enum member_role *role)
{
	struct dbparam	 p[3] = { DBP_INT(account), DBP_INT(account),
	    DBP_INT(session) };
	long long	 v = 0;
	int		 rc;

	*role = MEMBER_NONE;
	if ((rc = db_exec(db, STMT_MEMBER_ROLE, p, 3, db_row_int, &v)) < 0)
		return OUT_DB_DOWN;
	if (rc == 1 && v > MEMBER_NONE && v < MEMBER__MAX)
		*role = (enum member_role)v;
	return OUT_OK;
}

/*
 * May account act on session with role need?  OUT_OK (*got, if not
 * NULL, the role it has), OUT_NOT_FOUND (not a member: "no such
 * session"), OUT_DENIED (a member with a smaller role: "forbidden") or
 * OUT_DB_DOWN.  The one check of every session route.
 */
enum outcome
member_check(struct db *db, long long session, long long account,
    enum member_role need, enum member_role *got, struct why *why)
{
	enum member_role role;

	if (member_role(db, session, account, &role) != OUT_OK)
		return OUT_DB_DOWN;
	if (got != NULL)
		*got = role;
	if (role == MEMBER_NONE) {
		why_set(why, "not_found", "no such session");
		return OUT_NOT_FOUND;
	}
	if (role < need) {
		why_set(why, "forbidden", "as %s of this session you may not "
		    "do this", role == MEMBER_MODERATOR ? "a moderator" :
		    "a co-facilitator");
		return OUT_DENIED;
	}
	return OUT_OK;
}

/*
 * The later step of an invitation (the answer is out): the mail with
 * the link.  Audited either way; the owner sees the invitation pending.
 */
static void
member_mail(struct request *r)
{
	struct memberlater *l = r->later_arg;
	struct buf	 body;
	int		 rc;

	buf_init(&body, 8192);
	buf_appendf(&body, "%s\n\n  %s\n  %s\n\n%s\n\n%s\n", text_get(l->lang,
	    TEXT_INVITE_INTRO), l->title, text_get(l->lang,
	    l->role == MEMBER_MODERATOR ? TEXT_ROLE_MODERATOR :
	    TEXT_ROLE_COFACILITATOR), l->link, text_get(l->lang,
	    TEXT_INVITE_OUTRO));
	rc = mail_send(r->cfg, l->email, text_get(l->lang,
	    TEXT_INVITE_SUBJECT), buf_str(&body));
	OPENSSL_cleanse(l->link, sizeof(l->link));
	OPENSSL_cleanse(body.data, body.len);
	buf_release(&body);
	if (rc != 0)
		audit(r, "member_invite_mail", r->auth.account_id, l->email,
		    "mail_failed");
}

/*
 * The owner (the caller) invites email (normalized) to session as role
 * (MEMBER_COFACILITATOR or MEMBER_MODERATOR); the mail goes out after
 * the answer.  Returns OUT_OK, OUT_INVALID (the owner's own email),
 * OUT_CONFLICT (already_invited), OUT_ERROR or OUT_DB_DOWN.
 */
enum outcome
member_invite(struct request *r, const struct session *s, const char *email,
    enum member_role role, struct why *why)
{
	struct memberlater *l;
	struct who	 me;
	struct dbparam	 p[5];
	unsigned char	 h[32];
	char		 tok[65], target[320];
	enum outcome	 o;
	int		 rc, n;

	if ((o = who_load(r->db, r->auth.account_id, &me)) != OUT_OK)
		goto out;
	if (strcmp(me.email, email) == 0) {
		why_set(why, "invalid_email", "you own this session already");
		o = OUT_INVALID;
		goto out;
	}
	o = OUT_ERROR;
	if (token_new(tok, h) == -1)
		goto out;
	/* The mail's link first: no invitation is stored that cannot go. */
	l = xcalloc(1, sizeof(*l));
	xsnprintf(l->email, sizeof(l->email), "%s", email);
	n = snprintf(l->link, sizeof(l->link), "%s/console.html#invite=%s",
	    r->cfg->str[CFG_SITE_ORIGIN], tok);
	if (n < 0 || (size_t)n >= sizeof(l->link)) {
		OPENSSL_cleanse(l, sizeof(*l));
		free(l);
		goto out;
	}
	p[0] = (struct dbparam)DBP_INT(s->id);
	p[1] = (struct dbparam)DBP_STR(email);
	p[2] = (struct dbparam)DBP_STR(member_role_name(role));
	p[3] = (struct dbparam)DBP_BLOB(h, sizeof(h));
	p[4] = (struct dbparam)DBP_INT(INVITE_SECONDS);
	rc = db_exec(r->db, STMT_MEMBER_INSERT, p, 5, NULL, NULL);
	if (rc != 1) {
		OPENSSL_cleanse(l, sizeof(*l));
		free(l);
		o = OUT_DB_DOWN;
		if (rc == DB_DUP) {
			why_set(why, "already_invited", "%.200s is invited "
			    "already; revoke the invitation to send a new one",
			    email);
			o = OUT_CONFLICT;
		}
		goto out;
	}
	(void)strfmt(l->title, sizeof(l->title), "%s", s->title);
	l->role = role;
	l->lang = (enum lang)lang_parse(s->lang, strlen(s->lang));
	free(r->later_arg);
	r->later_arg = l;
	r->later = member_mail;
	xsnprintf(target, sizeof(target), "session:%lld %s %s", s->id,
	    member_role_name(role), email);
	audit(r, "member_invited", r->auth.account_id, target, "ok");
	o = OUT_OK;
out:
	OPENSSL_cleanse(tok, sizeof(tok));
	db_shape_release(&who_shape, &me);
	return o;
}

/*
 * Writes "members": [...] of session: every invitation, pending,
 * expired or accepted.  Returns OUT_OK or OUT_DB_DOWN.
 */
enum outcome
member_list_write(struct db *db, struct jw *w, long long session)
{
	struct dbparam	 p[1] = { DBP_INT(session) };
	struct memberrow *v;
	size_t		 i, n;

	if (db_list(db, STMT_MEMBER_LIST, p, 1, &memberrow_shape, &v, &n) < 0)
		return OUT_DB_DOWN;
	jw_key(w, "members");
	jw_arr(w);
	for (i = 0; i < n; i++) {
		jw_obj(w);
		jw_kint(w, "id", v[i].id);
		jw_kstr(w, "email", v[i].email);
		jw_kstr(w, "role", v[i].role);
		jw_kstr(w, "state", v[i].accepted ? "accepted" :
		    v[i].expired ? "expired" : "pending");
		jw_kstr(w, "display_name", v[i].name);
		jw_kstr(w, "invited_at", v[i].invited);
		jw_end(w);
	}
	jw_end(w);
	db_list_free(&memberrow_shape, v, n);
	return OUT_OK;
}

/*
 * The owner revokes member id of session (pending or accepted): from
 * the commit on, that account has no role in it.  Returns OUT_OK,
 * OUT_NOT_FOUND or OUT_DB_DOWN.
 */
enum outcome
member_revoke(struct request *r, long long session, long long id,
    struct why *why)
{
	struct dbparam	 p[2] = { DBP_INT(id), DBP_INT(session) };
	struct memberone m;
	struct liveend	 le;
	char		 target[320];
	enum outcome	 o = OUT_DB_DOWN;
	int		 rc, ok = 0;

	memset(&m, 0, sizeof(m));
	memset(&le, 0, sizeof(le));
	if (db_begin(r->db) != 0)
		return OUT_DB_DOWN;
	if ((rc = db_one(r->db, STMT_MEMBER_GET, p, 2, &memberone_shape,
	    &m)) < 0)
		goto out;
	if (rc == 0) {
		why_set(why, "not_found", "no such member");
		o = OUT_NOT_FOUND;
		goto out;
	}
	/*
	 * One who accepted may know the room's document: it goes before
	 * the commit, as a renewed projector link's does (live.c).
	 */
	if (m.account > 0) {
		if ((o = live_end(r->db, session, LIVE_ROOM, &le)) != OUT_OK ||
		    db_exec(r->db, STMT_MEMBER_ROOM_RETIRE, p + 1, 1, NULL,
		    NULL) < 0) {
			o = o == OUT_OK ? OUT_DB_DOWN : o;
			goto out;
		}
		o = OUT_DB_DOWN;
	}
	if (db_exec(r->db, STMT_MEMBER_DELETE, p, 2, NULL, NULL) < 0 ||
	    db_commit(r->db) != 0)
		goto out;
	ok = 1;
	o = OUT_OK;
	xsnprintf(target, sizeof(target), "session:%lld %s %s", session,
	    m.role, m.email);
	audit(r, "member_revoked", m.account > 0 ? m.account :
	    r->auth.account_id, target, "ok");
out:
	if (!ok)
		db_rollback(r->db);
	live_end_done(&le, ok);
	db_shape_release(&memberone_shape, &m);
	return o;
}

/*
 * The caller accepts the invitation of token tok: it must be unspent,
 * unexpired, and for the caller's own email.  One transaction; *session
 * and *role say what was accepted.  Returns OUT_OK, OUT_NOT_FOUND
 * (invalid_token: unknown, spent or expired), OUT_DENIED
 * (invite_other_account) or OUT_DB_DOWN.
 */
enum outcome
member_accept(struct request *r, const char *tok, size_t toklen,
    long long *session, enum member_role *role, struct why *why)
{
	struct invitation inv;
	struct who	 me;
	struct dbparam	 p[2];
	unsigned char	 h[32];
	char		 target[320];
	enum outcome	 o = OUT_DB_DOWN;
	int		 rc;

	memset(&inv, 0, sizeof(inv));
	if (who_load(r->db, r->auth.account_id, &me) != OUT_OK)
		goto out;
	sha256(tok, toklen, h);
	if (db_begin(r->db) != 0)
		goto out;
	p[0] = (struct dbparam)DBP_BLOB(h, sizeof(h));
	if ((rc = db_one(r->db, STMT_MEMBER_FIND, p, 1, &invitation_shape,
	    &inv)) < 0)
		goto fail;
	if (rc == 0 || inv.expired) {
		db_rollback(r->db);
		why_set(why, "invalid_token", "this invitation is unknown, "
		    "was used already or has expired; ask for a new one");
		audit(r, "member_accepted", r->auth.account_id, NULL,
		    "refused");
		o = OUT_NOT_FOUND;
		goto out;
	}
	xsnprintf(target, sizeof(target), "session:%lld %s %s", inv.session,
	    inv.role, inv.email);
	if (strcmp(inv.email, me.email) != 0) {
		db_rollback(r->db);
		why_set(why, "invite_other_account", "this invitation is for "
		    "another email; log in with the account of %.200s",
		    inv.email);
		audit(r, "member_accepted", r->auth.account_id, target,
		    "refused");
		o = OUT_DENIED;
		goto out;
	}
	p[0] = (struct dbparam)DBP_INT(r->auth.account_id);
	p[1] = (struct dbparam)DBP_INT(inv.id);
	if (db_exec(r->db, STMT_MEMBER_ACCEPT, p, 2, NULL, NULL) != 1 ||
	    db_commit(r->db) != 0)
		goto fail;
	*session = inv.session;
	*role = member_role_parse(inv.role, strlen(inv.role));
	audit(r, "member_accepted", r->auth.account_id, target, "ok");
	o = OUT_OK;
	goto out;
fail:
	db_rollback(r->db);
out:
	db_shape_release(&invitation_shape, &inv);
	db_shape_release(&who_shape, &me);
	return o;
}
