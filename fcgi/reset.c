/* SPDX-License-Identifier: ISC */
/*
 * reset.c: forgotten passwords as data and rules (OWASP ASVS 5.0 6.4).
 * A domain module: api_reset.c (the two routes), api_admin.c (an admin's
 * link) and primoforumctl (an operator's) call it.
 *
 * A link carries a random token in its fragment (browsers do not send a
 * fragment to servers, so it stays out of access logs and Referer
 * headers); only its SHA-256 is stored; it expires after an hour and
 * works once.  A reset ends every login of the account.  The mail is
 * written in the person's language from the text catalogues (text.c).
 *
 * Asking for a link must not tell whether an email has an account: the
 * answer is the same, and so is its time, because everything that
 * differs (the look-up, the link, the mail) runs after the answer is
 * sent (reset_request() sets the request's "later" step, which the
 * worker runs once the answer is out).  Mails are limited, silently, to
 * RESET_PER_ACCOUNT an hour for an account and RESET_PER_ADDRESS an hour
 * from an address, so that nobody can flood a mailbox through us.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

#define RESET_PER_ACCOUNT	3	/* mails an hour for an account */
#define RESET_PER_ADDRESS	5	/* mails an hour from an address */

/* What the later step needs: it runs after the request's body is gone. */
struct resetlater {
	char		 email[256];	/* normalized */
	enum lang	 lang;
};

/* STMT_RESET_RECENT, in the order of its columns. */
struct resetrecent {
	long long	 account;	/* links of the account, last hour */
	long long	 address;	/* links asked from the address */
};
static const struct dbfield recent_fields[] = {
	DBF_I(resetrecent, account),
	DBF_I(resetrecent, address),
};
static const struct dbshape recent_shape = DBSHAPE(recent_fields,
    resetrecent);

/*
 * Makes a reset link for account into out; requester is the SHA-256 of
 * the address that asked (NULL: an admin or an operator).  Returns 0, or
 * -1 if the database refused or the link does not fit.
 */
int
reset_link_create(struct db *db, const struct config *cfg, long long id,
    const unsigned char *requester, char *out, size_t outsz)
{
	char		 tok[65];
	unsigned char	 h[32];
	struct dbparam	 p[4];
	int		 n, rc = -1;

	if (token_new(tok, h) == -1)
		return -1;
	p[0] = (struct dbparam)DBP_INT(id);
	p[1] = (struct dbparam)DBP_BLOB(h, sizeof(h));
	p[2] = (struct dbparam)DBP_INT(RESET_SECONDS);
	p[3] = requester != NULL ? (struct dbparam)DBP_BLOB(requester, 32) :
	    (struct dbparam)DBP_NULL;
	if (db_exec(db, STMT_RESET_INSERT, p, 4, NULL, NULL) != 1)
		goto out;
	n = snprintf(out, outsz, "%s/reset.html#token=%s",
	    cfg->str[CFG_SITE_ORIGIN], tok);
	if (n < 0 || (size_t)n >= outsz)
		goto out;
	rc = 0;
out:
	OPENSSL_cleanse(tok, sizeof(tok));
	return rc;
}

/*
 * The later step of a request for a link (the answer is out): when an
 * enabled account has the email and neither limit is reached, a link is
 * mailed.  Every outcome is audited; none reaches the person who asked.
 */
static void
reset_mail(struct request *r)
{
	const struct resetlater *l = r->later_arg;
	struct resetrecent n;
	struct acctkey	 k;
	struct dbparam	 p[2];
	struct buf	 body;
	unsigned char	 addr[32];
	char		 link[512];
	const char	*outcome;
	int		 rc;

	memset(&k, 0, sizeof(k));
	if (acct_by_email(r->db, l->email, &k) != OUT_OK || k.disabled)
		goto out;
	sha256(r->remote_addr != NULL ? r->remote_addr : "-",
	    r->remote_addr != NULL ? strlen(r->remote_addr) : 1, addr);
	p[0] = (struct dbparam)DBP_INT(k.id);
	p[1] = (struct dbparam)DBP_BLOB(addr, sizeof(addr));
	memset(&n, 0, sizeof(n));
	if (db_one(r->db, STMT_RESET_RECENT, p, 2, &recent_shape, &n) != 1) {
		outcome = "error";
		goto audit;
	}
	if (n.account >= RESET_PER_ACCOUNT || n.address >= RESET_PER_ADDRESS) {
		outcome = "limited";
		goto audit;
	}
	if (reset_link_create(r->db, r->cfg, k.id, addr, link,
	    sizeof(link)) == -1) {
		outcome = "error";
		goto audit;
	}
	buf_init(&body, 8192);
	buf_appendf(&body, "%s\n\n%s\n\n%s\n", text_get(l->lang,
	    TEXT_RESET_INTRO), link, text_get(l->lang, TEXT_RESET_OUTRO));
	rc = mail_send(r->cfg, l->email, text_get(l->lang,
	    TEXT_RESET_SUBJECT), buf_str(&body));
	OPENSSL_cleanse(link, sizeof(link));
	OPENSSL_cleanse(body.data, body.len);
	buf_release(&body);
	outcome = rc == 0 ? "ok" : "mail_failed";
audit:
	audit(r, "password_reset_requested", k.id, NULL, outcome);
out:
	acctkey_release(&k);
}

/*
 * Someone asked for a reset of email (normalized) in language lang: the
 * link is mailed after the answer (reset_mail()), so that the caller
 * answers the same, in the same time, either way.
 */
void
reset_request(struct request *r, const char *email, enum lang lang)
{
	struct resetlater *l;

	l = xcalloc(1, sizeof(*l));
	xsnprintf(l->email, sizeof(l->email), "%s", email);
	l->lang = lang;
	free(r->later_arg);
	r->later_arg = l;
	r->later = reset_mail;
}

/*
 * Sets a new password with the token of a link, which is then spent,
 * and ends every login of the account.  One transaction.  Returns
 * OUT_OK, OUT_NOT_FOUND (no such link, used, or expired), OUT_INVALID
 * (weak_password), OUT_BUSY, OUT_ERROR or OUT_DB_DOWN.
 */
enum outcome
reset_use(struct request *r, const char *tok, size_t toklen, const char *pw,
    size_t pwlen, struct why *why)
{
	struct acct	 a;
	struct dbparam	 p[2];
	unsigned char	 h[32];
	char		 hash[AUTH_ENCODED_MAX];
	long long	 id = 0;
	enum outcome	 o;
	int		 rc;

	memset(&a, 0, sizeof(a));
	sha256(tok, toklen, h);
	if (db_begin(r->db) != 0)
		return OUT_DB_DOWN;
	p[0] = (struct dbparam)DBP_BLOB(h, sizeof(h));
	rc = db_exec(r->db, STMT_RESET_FIND, p, 1, db_row_int, &id);
	if (rc < 0 || (rc == 1 && id <= 0))
		goto down;
	if (rc != 1) {
		db_rollback(r->db);
		audit(r, "password_reset", 0, NULL, "refused");
		return OUT_NOT_FOUND;
	}
	if (acct_load(r->db, id, &a) != OUT_OK)
		goto down;
	o = acct_password_hash(pw, pwlen, a.email, strlen(a.email), hash, why);
	if (o != OUT_OK) {
		db_rollback(r->db);
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
	o = OUT_OK;
	goto out;
down:
	db_rollback(r->db);
	o = OUT_DB_DOWN;
out:
	acct_release(&a);
	return o;
}
