/* SPDX-License-Identifier: ISC */
/*
 * account.c: a facilitator's account as data and rules (P3, P5): its row
 * decoded into struct acct, registering, the password (its rules, its
 * hash, confirming it), the account's audit events for the export, and
 * deleting it.  A domain module: it returns an outcome and fills a
 * struct why when it refuses; the handlers (api_account.c, api_login.c,
 * api_totp.c, api_reset.c) turn that into an answer.
 *
 * Password hashes and sealed TOTP secrets are decoded into the structs
 * here; acct_release() and acctkey_release() wipe them before freeing.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

#define TAKEN_FREE	3	/* "email_taken" answers per address, free */

/* STMT_ACCOUNT_BY_ID, in the order of its columns. */
static const struct dbfield acct_fields[] = {
	DBF_I(acct, id),
	DBF_S(acct, email),
	DBF_S(acct, name),
	DBF_S(acct, org),
	DBF_S(acct, plan),
	DBF_S(acct, role),
	DBF_I(acct, totp_enabled),
	DBF_S(acct, created),
	DBF_S(acct, hash),
	DBF_B(acct, secret, secretlen),
	DBF_I(acct, last_step),
};
static const struct dbshape acct_shape = DBSHAPE(acct_fields, acct);

/* STMT_ACCOUNT_BY_EMAIL, in the order of its columns. */
static const struct dbfield acctkey_fields[] = {
	DBF_I(acctkey, id),
	DBF_S(acctkey, hash),
	DBF_I(acctkey, disabled),
	DBF_I(acctkey, totp),
	DBF_S(acctkey, role),
	DBF_I(acctkey, last_step),
};
static const struct dbshape acctkey_shape = DBSHAPE(acctkey_fields, acctkey);

/* STMT_AUDIT_BY_ACCOUNT: one event of the account, for its export. */
struct acctevent {
	char	*at, *action, *target, *outcome, *address, *rid; /* owned */
};
static const struct dbfield acctevent_fields[] = {
	DBF_S(acctevent, at),
	DBF_S(acctevent, action),
	DBF_S(acctevent, target),
	DBF_S(acctevent, outcome),
	DBF_S(acctevent, address),
	DBF_S(acctevent, rid),
};
static const struct dbshape acctevent_shape =
    DBSHAPE(acctevent_fields, acctevent);

/*
 * Loads account id into a (zeroed first; acct_release() frees it).
 * Returns OUT_OK, OUT_NOT_FOUND or OUT_DB_DOWN (a then holds nothing).
 */
enum outcome
acct_load(struct db *db, long long id, struct acct *a)
{
	struct dbparam	 p[1] = { DBP_INT(id) };
	int		 rc;

	rc = db_one(db, STMT_ACCOUNT_BY_ID, p, 1, &acct_shape, a);
	if (rc < 0)
		return OUT_DB_DOWN;
	if (rc == 0 || a->id <= 0) {
		acct_release(a);
		return OUT_NOT_FOUND;
	}
	return OUT_OK;
}

/* Frees what acct_load() decoded, the hash and the secret wiped first. */
void
acct_release(struct acct *a)
{
	if (a->hash != NULL)
		OPENSSL_cleanse(a->hash, strlen(a->hash));
	if (a->secret != NULL)
		OPENSSL_cleanse(a->secret, a->secretlen);
	db_shape_release(&acct_shape, a);
	memset(a, 0, sizeof(*a));
}

/* Writes the public part of an account (never the hash or secret). */
void
acct_write(struct jw *w, const struct acct *a)
{
	jw_obj(w);
	jw_kint(w, "id", a->id);
	jw_kstr(w, "email", a->email);
	jw_kstr(w, "display_name", a->name);
	jw_kstr(w, "organisation", a->org);
	jw_kstr(w, "plan", a->plan);
	jw_kstr(w, "role", a->role);
	jw_kbool(w, "totp_enabled", a->totp_enabled != 0);
	jw_kstr(w, "created_at", a->created);
	jw_end(w);
}

/*
 * Looks an account up by normalized email, with what logging in needs
 * (acctkey_release() frees it).  Returns OUT_OK, OUT_NOT_FOUND or
 * OUT_DB_DOWN; k is zero unless OUT_OK.
 */
enum outcome
acct_by_email(struct db *db, const char *email, struct acctkey *k)
{
	struct dbparam	 p[1] = { DBP_STR(email) };
	int		 rc;

	rc = db_one(db, STMT_ACCOUNT_BY_EMAIL, p, 1, &acctkey_shape, k);
	if (rc < 0)
		return OUT_DB_DOWN;
	if (rc == 0 || k->id <= 0 || k->hash == NULL || k->role == NULL) {
		acctkey_release(k);
		return OUT_NOT_FOUND;
	}
	return OUT_OK;
}

/* Frees what acct_by_email() decoded, the hash wiped first. */
void
acctkey_release(struct acctkey *k)
{
	if (k->hash != NULL)
		OPENSSL_cleanse(k->hash, strlen(k->hash));
	db_shape_release(&acctkey_shape, k);
	memset(k, 0, sizeof(*k));
}

/*
 * The password rules, then its argon2id hash into hash (the caller
 * wipes it).  Returns OUT_OK, OUT_INVALID (weak_password), OUT_BUSY or
 * OUT_ERROR.
 */
enum outcome
acct_password_hash(const char *pw, size_t pwlen, const char *email,
    size_t elen, char hash[AUTH_ENCODED_MAX], struct why *why)
{
	const char	*refusal;
	int		 rc;

	if ((refusal = password_refusal(pw, pwlen, email, elen)) != NULL) {
		why_set(why, "weak_password", "%s", refusal);
		return OUT_INVALID;
	}
	rc = auth_hash(pw, pwlen, hash);
	if (rc != AUTH_OK)
		OPENSSL_cleanse(hash, AUTH_ENCODED_MAX);
	if (rc == AUTH_BUSY)
		return OUT_BUSY;
	if (rc != AUTH_OK) {
		why_set(why, "internal_error",
		    "the password could not be stored");
		return OUT_ERROR;
	}
	return OUT_OK;
}

/*
 * Checks the account's current password before action (an audit event
 * when it is wrong), behind the login's back-off (guard.c): a stolen
 * login cookie guesses no faster than a stranger at the login page.
 * Returns OUT_OK, OUT_BUSY, OUT_THROTTLED, OUT_DB_DOWN or OUT_DENIED
 * (wrong_password).
 */
enum outcome
acct_password_confirm(struct request *r, const struct acct *a,
    const char *pw, size_t len, const char *action, struct why *why)
{
	struct guard	 g;
	enum outcome	 o;
	int		 rc;

	if ((o = guard_begin(r, a->email, action, a->id, &g, why)) != OUT_OK)
		return o;
	rc = auth_verify(a->hash, pw, len);
	if (rc == AUTH_BUSY)
		return OUT_BUSY;
	if (rc != AUTH_OK) {
		guard_fail(r, &g);
		audit(r, action, a->id, NULL, "refused");
		why_set(why, "wrong_password", "the password is not correct");
		return OUT_DENIED;
	}
	guard_pass(r, &g);
	return OUT_OK;
}

/*
 * Registers an account: the email normalized, the password's rules, its
 * hash, the row.  *id is the new account's.  Returns OUT_OK, OUT_INVALID
 * (invalid_email, weak_password), OUT_CONFLICT (email_taken),
 * OUT_THROTTLED (too many taken from this address), OUT_BUSY, OUT_ERROR
 * or OUT_DB_DOWN.
 */
enum outcome
acct_register(struct request *r, const struct acct_new *n, long long *id,
    struct why *why)
{
	char		 email[256], hash[AUTH_ENCODED_MAX];
	unsigned char	 akey[32];
	struct throttle	 t;
	struct dbparam	 p[4];
	size_t		 elen;
	enum outcome	 o;
	int		 rc;

	if (email_normalize(n->email, n->emaillen, email,
	    sizeof(email)) == -1) {
		why_set(why, "invalid_email",
		    "email is not a valid email address");
		return OUT_INVALID;
	}
	elen = strlen(email);
	/*
	 * An email that has an account answers 409: registration would list
	 * them, so each 409 counts against the address, and past a few it
	 * waits (1 s, 2 s, ... 15 min), taken or not.  docs/security.md says
	 * why this and not a mail to the owner.
	 */
	sha256(r->remote_addr != NULL ? r->remote_addr : "-",
	    r->remote_addr != NULL ? strlen(r->remote_addr) : 1, akey);
	if (throttle_get(r->db, "r", akey, &t) == -1)
		return OUT_DB_DOWN;
	if (t.wait > 0) {
		why->wait = t.wait;
		return OUT_THROTTLED;
	}
	if ((o = acct_password_hash(n->pw, n->pwlen, email, elen, hash,
	    why)) != OUT_OK)
		return o;
	p[0] = (struct dbparam)DBP_TEXT(email, elen);
	p[1] = (struct dbparam)DBP_TEXT(n->name, n->namelen);
	p[2] = n->org != NULL && n->orglen > 0 ?
	    (struct dbparam)DBP_TEXT(n->org, n->orglen) :
	    (struct dbparam)DBP_NULL;
	p[3] = (struct dbparam)DBP_STR(hash);
	rc = db_exec(r->db, STMT_ACCOUNT_INSERT, p, 4, NULL, NULL);
	OPENSSL_cleanse(hash, sizeof(hash));
	if (rc == DB_DUP) {
		(void)throttle_fail(r->db, "r", akey, TAKEN_FREE);
		why_set(why, "email_taken", "an account with this email "
		    "exists; log in, or ask for a password reset");
		return OUT_CONFLICT;
	}
	if (rc != 1)
		return OUT_DB_DOWN;
	*id = db_last_id(r->db);
	audit(r, "account_registered", *id, NULL, "ok");
	return OUT_OK;
}

/*
 * Stores hash as the password of account id (a rehash on login, a
 * change).  Returns OUT_OK or OUT_DB_DOWN.
 */
enum outcome
acct_password_set(struct db *db, long long id, const char *hash)
{
	struct dbparam	 p[2] = { DBP_STR(hash), DBP_INT(id) };

	return db_exec(db, STMT_ACCOUNT_SET_PASSWORD, p, 2, NULL, NULL) < 0 ?
	    OUT_DB_DOWN : OUT_OK;
}

/*
 * Changes a's password: the current one confirmed, the new one's rules
 * and hash, and every other login of the account ended (keep is this
 * request's).  Returns OUT_OK, OUT_DENIED (wrong_password), OUT_INVALID
 * (weak_password), OUT_BUSY, OUT_ERROR or OUT_DB_DOWN.
 */
enum outcome
acct_password_change(struct request *r, const struct acct *a,
    const char *cur, size_t curlen, const char *pw, size_t pwlen,
    long long keep, struct why *why)
{
	char		 hash[AUTH_ENCODED_MAX];
	struct dbparam	 p[2];
	enum outcome	 o;

	if ((o = acct_password_confirm(r, a, cur, curlen, "password_change",
	    why)) != OUT_OK)
		return o;
	if ((o = acct_password_hash(pw, pwlen, a->email, strlen(a->email),
	    hash, why)) != OUT_OK)
		return o;
	o = acct_password_set(r->db, a->id, hash);
	OPENSSL_cleanse(hash, sizeof(hash));
	if (o != OUT_OK)
		return o;
	/* Every other browser of this account must log in again. */
	p[0] = (struct dbparam)DBP_INT(a->id);
	p[1] = (struct dbparam)DBP_INT(keep);
	(void)db_exec(r->db, STMT_LOGIN_DELETE_OTHERS, p, 2, NULL, NULL);
	audit(r, "password_changed", a->id, NULL, "ok");
	return OUT_OK;
}

/*
 * Writes the account's audit events as an array (its export).
 * Returns OUT_OK or OUT_DB_DOWN (w then holds a part).
 */
enum outcome
acct_events_write(struct db *db, long long id, struct jw *w)
{
	struct dbparam		 p[1] = { DBP_INT(id) };
	struct acctevent	*v;
	size_t			 n, i;

	if (db_list(db, STMT_AUDIT_BY_ACCOUNT, p, 1, &acctevent_shape, &v,
	    &n) < 0)
		return OUT_DB_DOWN;
	jw_arr(w);
	for (i = 0; i < n; i++) {
		jw_obj(w);
		jw_kstr(w, "at", v[i].at);
		jw_kstr(w, "action", v[i].action);
		jw_kstr(w, "target", v[i].target);
		jw_kstr(w, "outcome", v[i].outcome);
		jw_kstr(w, "address", v[i].address);
		jw_kstr(w, "request_id", v[i].rid);
		jw_end(w);
	}
	jw_end(w);
	db_list_free(&acctevent_shape, v, n);
	return OUT_OK;
}

/*
 * Deletes a, the password confirmed first.  One transaction: the
 * account, its logins, codes and resets, its sessions with their teams
 * and participants (ON DELETE CASCADE) go together, with the audit event
 * that says so, or nothing goes; a running session is stopped first
 * (session_stop_all()), so its room is ended as exactly as by a stop.  Returns OUT_OK, OUT_DENIED
 * (wrong_password), OUT_BUSY or OUT_DB_DOWN.
 */
enum outcome
acct_delete(struct request *r, const struct acct *a, const char *pw,
    size_t len, struct why *why)
{
	struct dbparam	 p[1] = { DBP_INT(a->id) };
	struct liveend	 le;
	enum outcome	 o;

	if ((o = acct_password_confirm(r, a, pw, len, "account_delete",
	    why)) != OUT_OK)
		return o;
	if (db_begin(r->db) != 0)
		return OUT_DB_DOWN;
	/* Its running sessions end as a stop ends them, then go. */
	if ((o = session_stop_all(r->db, a->id, &le)) != OUT_OK)
		goto fail;
	audit(r, "account_deleted", a->id, NULL, "ok");
	if (db_exec(r->db, STMT_ACCOUNT_DELETE, p, 1, NULL, NULL) != 1 ||
	    db_commit(r->db) != 0) {
		o = OUT_DB_DOWN;
		goto fail;
	}
	live_end_done(&le, 1);
	return OUT_OK;
fail:
	db_rollback(r->db);
	live_end_done(&le, 0);
	return o;
}
