/*
 * api_reset.c: forgotten passwords (OWASP ASVS 5.0 6.4).
 *
 *	POST /api/password/forgot	email: mail a reset link
 *	POST /api/password/reset	token, password: set a new one
 *
 * The link carries a random token in its fragment (browsers do not send a
 * fragment to servers, so it stays out of access logs and Referer
 * headers); only its SHA-256 is stored; it expires after an hour and
 * works once.  The answer to "forgot" is the same whether or not the
 * email has an account.  A reset ends every login of the account.  An
 * operator can make the same link (primoforumctl reset-link), never set
 * a password.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

#define RESET_SECONDS	3600

/*
 * Makes a reset link for account into out.  Returns 0, or -1 if the
 * database refused.
 */
int
reset_link_create(struct db *db, const struct config *cfg, long long id,
    char *out, size_t outsz)
{
	char		 tok[65];
	unsigned char	 h[32];
	struct dbparam	 p[3];

	if (token_new(tok, h) == -1)
		return -1;
	p[0] = (struct dbparam)DBP_INT(id);
	p[1] = (struct dbparam)DBP_BLOB(h, sizeof(h));
	p[2] = (struct dbparam)DBP_INT(RESET_SECONDS);
	if (db_exec(db, STMT_RESET_INSERT, p, 3, NULL, NULL) != 1)
		return -1;
	if (snprintf(out, outsz, "%s/reset.html#token=%s",
	    cfg->str[CFG_SITE_ORIGIN], tok) >= (int)outsz)
		return -1;
	OPENSSL_cleanse(tok, sizeof(tok));
	return 0;
}

static const struct field forgot_fields[] = {
	{ "email", FT_STRING, 1, 1, 254 },
	{ "language", FT_STRING, 0, 2, 2 },
};

int
api_password_forgot(struct request *r)
{
	char		 email[256], link[512];
	struct buf	 body;
	struct jw	*w;
	const char	*s;
	size_t		 len;
	long long	 id = 0;
	int		 rc;

	if ((rc = fields_check(r, forgot_fields, 2)) != 0)
		return rc;
	s = field_str(r, "email", &len);
	if (email_normalize(s, len, email, sizeof(email)) == -1)
		return resp_error(r, 422, "invalid_email",
		    "email is not a valid email address");
	if ((rc = acct_by_email(r, email, &id)) < 0)
		return db_unavailable(r);
	if (rc == 1) {
		if (reset_link_create(r->db, r->cfg, id, link,
		    sizeof(link)) == -1)
			return db_unavailable(r);
		buf_init(&body, 8192);
		buf_appendf(&body,
		    "Someone (we hope you) asked to reset the password of your "
		    "Primoforum account.\n\nOpen this link within an hour to "
		    "choose a new password:\n\n%s\n\nIf it was not you, ignore "
		    "this mail: your password stays as it is.\n\n---\n\n"
		    "Iemand (hopelijk u) vroeg om het wachtwoord van uw "
		    "Primoforum-account opnieuw in te stellen.\n\nOpen deze link "
		    "binnen een uur om een nieuw wachtwoord te kiezen:\n\n%s\n\n"
		    "Was u het niet? Negeer dan deze mail: uw wachtwoord blijft "
		    "zoals het is.\n", link, link);
		rc = mail_send(r->cfg, email, "Primoforum: reset your password "
		    "/ wachtwoord opnieuw instellen", buf_str(&body));
		OPENSSL_cleanse(link, sizeof(link));
		OPENSSL_cleanse(body.data, body.len);
		buf_release(&body);
		audit(r, "password_reset_requested", id, NULL,
		    rc == 0 ? "ok" : "mail_failed");
	}
	/* The same answer whether or not the account exists. */
	w = resp_json(r, 202);
	jw_obj(w);
	jw_kstr(w, "status", "accepted");
	jw_kstr(w, "message", "if an account has this email, a link to reset "
	    "its password is on its way");
	jw_end(w);
	return resp_done(r, w);
}

static const struct field reset_fields[] = {
	{ "token", FT_SECRET, 1, 64, 64 },
	{ "password", FT_SECRET, 1, 1, 4096 },
};

static int
reset_row(void *arg, const struct dbcol *c, size_t n)
{
	long long	*id = arg;

	return n == 1 && parse_int(c[0].s, c[0].len, 1, INT64_MAX, id) == 0 ?
	    0 : -1;
}

int
api_password_reset(struct request *r)
{
	struct acct	 a;
	struct dbparam	 p[2];
	unsigned char	 h[32];
	char		 hash[AUTH_ENCODED_MAX];
	const char	*tok, *pw, *why;
	size_t		 toklen, pwlen;
	long long	 id = 0;
	int		 rc;

	memset(&a, 0, sizeof(a));
	if ((rc = fields_check(r, reset_fields, 2)) != 0)
		return rc;
	tok = field_str(r, "token", &toklen);
	pw = field_str(r, "password", &pwlen);
	sha256(tok, toklen, h);
	if (db_begin(r->db) != 0)
		return db_unavailable(r);
	p[0] = (struct dbparam)DBP_BLOB(h, sizeof(h));
	rc = db_exec(r->db, STMT_RESET_FIND, p, 1, reset_row, &id);
	if (rc < 0)
		goto down;
	if (rc != 1) {
		db_rollback(r->db);
		audit(r, "password_reset", 0, NULL, "refused");
		return resp_error(r, 400, "invalid_token",
		    "this link is not valid: it was used already, has expired, "
		    "or was mistyped; ask for a new one");
	}
	if ((rc = acct_load(r, id, &a)) != 1)
		goto down;
	if ((why = password_refusal(pw, pwlen, a.email,
	    strlen(a.email))) != NULL) {
		db_rollback(r->db);
		rc = resp_error(r, 422, "weak_password", "%s", why);
		goto out;
	}
	if ((rc = auth_hash(pw, pwlen, hash)) != AUTH_OK) {
		db_rollback(r->db);
		rc = rc == AUTH_BUSY ? busy_answer(r) : resp_error(r, 500,
		    "internal_error", "the password could not be stored");
		goto out;
	}
	p[0] = (struct dbparam)DBP_STR(hash);
	p[1] = (struct dbparam)DBP_INT(id);
	rc = db_exec(r->db, STMT_ACCOUNT_SET_PASSWORD, p, 2, NULL, NULL);
	OPENSSL_cleanse(hash, sizeof(hash));
	p[0] = (struct dbparam)DBP_INT(id);
	if (rc < 0 ||
	    db_exec(r->db, STMT_RESET_USE, p, 1, NULL, NULL) < 1 ||
	    db_exec(r->db, STMT_LOGIN_DELETE_ALL, p, 1, NULL, NULL) < 0 ||
	    db_commit(r->db) != 0)
		goto down;
	audit(r, "password_reset", id, NULL, "ok");
	r->resp.status = 204;
	rc = 204;
	goto out;
down:
	db_rollback(r->db);
	rc = db_unavailable(r);
out:
	acct_release(&a);
	return rc;
}
