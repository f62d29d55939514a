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
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

/*
 * Makes a reset link for account into out.  Returns 0, or -1 if the
 * database refused or the link does not fit.
 */
int
reset_link_create(struct db *db, const struct config *cfg, long long id,
    char *out, size_t outsz)
{
	char		 tok[65];
	unsigned char	 h[32];
	struct dbparam	 p[3];
	int		 n, rc = -1;

	if (token_new(tok, h) == -1)
		return -1;
	p[0] = (struct dbparam)DBP_INT(id);
	p[1] = (struct dbparam)DBP_BLOB(h, sizeof(h));
	p[2] = (struct dbparam)DBP_INT(RESET_SECONDS);
	if (db_exec(db, STMT_RESET_INSERT, p, 3, NULL, NULL) != 1)
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
 * Someone asked for a reset of email (normalized): when an enabled
 * account has it, a link is mailed in language lang.  The caller answers
 * the same either way.  Returns OUT_OK, or OUT_DB_DOWN.
 */
enum outcome
reset_request(struct request *r, const char *email, enum lang lang)
{
	struct acctkey	 k;
	struct buf	 body;
	char		 link[512];
	enum outcome	 o;
	int		 rc;

	if ((o = acct_by_email(r->db, email, &k)) == OUT_DB_DOWN)
		return o;
	if (o != OUT_OK || k.disabled) {
		acctkey_release(&k);
		return OUT_OK;
	}
	if (reset_link_create(r->db, r->cfg, k.id, link, sizeof(link)) == -1) {
		acctkey_release(&k);
		return OUT_DB_DOWN;
	}
	buf_init(&body, 8192);
	buf_appendf(&body, "%s\n\n%s\n\n%s\n", text_get(lang, TEXT_RESET_INTRO),
	    link, text_get(lang, TEXT_RESET_OUTRO));
	rc = mail_send(r->cfg, email, text_get(lang, TEXT_RESET_SUBJECT),
	    buf_str(&body));
	OPENSSL_cleanse(link, sizeof(link));
	OPENSSL_cleanse(body.data, body.len);
	buf_release(&body);
	audit(r, "password_reset_requested", k.id, NULL,
	    rc == 0 ? "ok" : "mail_failed");
	acctkey_release(&k);
	return OUT_OK;
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
