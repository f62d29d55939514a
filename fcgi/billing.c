/* SPDX-License-Identifier: ISC */
/*
 * billing.c: subscription state from the recurring-billing provider
 * (Chargify-style) as data and rules (P10).  A domain module:
 * api_billing.c checks the webhook's signature and reads the event, and
 * billing_apply() applies it.
 *
 * Each event id is processed once: a replay changes nothing.  Events
 * carry the time they happened; one older than the newest applied to its
 * subscription is recorded as stale and changes nothing, so events that
 * arrive out of order leave the state of the newest.  States map to the
 * account's plan: trialing, active and past_due (the provider's dunning
 * period) keep the product's plan; canceled and expired return the
 * account to the free plan.  No card data ever arrives here or is
 * stored: the provider holds it.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

/* The provider's states and whether the product's plan applies. */
static const struct state {
	const char	*name;
	int		 paid;
} states[] = {
	{ "trialing", 1 },
	{ "active", 1 },
	{ "past_due", 1 },
	{ "canceled", 0 },
	{ "expired", 0 },
};

/* STMT_PLAN_BY_PRODUCT: the plan a product sells. */
struct planname {
	char	 name[17];
};
static const struct dbfield planname_fields[] = {
	DBF_C(planname, name),
};
static const struct dbshape planname_shape =
    DBSHAPE(planname_fields, planname);

/* STMT_SUBSCRIPTION_LOCK: what is known of a subscription. */
struct subrow {
	long long	 account;
	char		 plan[65];	/* VARCHAR(16): of characters */
	char		 state[65];
	char		 when[24];
};
static const struct dbfield subrow_fields[] = {
	DBF_I(subrow, account),
	DBF_C(subrow, plan),
	DBF_C(subrow, state),
	DBF_C(subrow, when),
};
static const struct dbshape subrow_shape = DBSHAPE(subrow_fields, subrow);

/*
 * Returns 1 if sig (64 hex digits) is the HMAC-SHA256 of [body, body +
 * len) under key, compared in constant time; 0 if not.
 */
int
billing_signature_valid(const char *key, const char *sig, const char *body,
    size_t len)
{
	unsigned char	 mac[EVP_MAX_MD_SIZE], got[32];
	unsigned int	 maclen = 0;
	size_t		 i;
	int		 hi, lo;

	if (key == NULL || sig == NULL || strlen(sig) != 64)
		return 0;
	for (i = 0; i < 32; i++) {
		if ((hi = hexdigit(sig[2 * i])) < 0 ||
		    (lo = hexdigit(sig[2 * i + 1])) < 0)
			return 0;
		got[i] = (unsigned char)(hi << 4 | lo);
	}
	return HMAC(EVP_sha256(), key, (int)strlen(key),
	    (const unsigned char *)(body != NULL ? body : ""), len, mac,
	    &maclen) != NULL && maclen == 32 &&
	    CRYPTO_memcmp(mac, got, 32) == 0;
}

/*
 * The provider's state [s, s + len): its static name, and in *paid
 * whether the product's plan applies.  Returns NULL for a state we do
 * not know.
 */
const char *
billing_state(const char *s, size_t len, int *paid)
{
	size_t	 i;

	for (i = 0; s != NULL && i < sizeof(states) / sizeof(states[0]); i++)
		if (strlen(states[i].name) == len &&
		    memcmp(states[i].name, s, len) == 0) {
			*paid = states[i].paid;
			return states[i].name;
		}
	return NULL;
}

/*
 * Applies event e in one transaction: the subscription row locked, the
 * account's plan set, the event id recorded; *word says what became of
 * it ("applied", "ignored", "stale", "duplicate").  The id's unique key
 * makes a concurrent replay roll back whole.  Returns OUT_OK,
 * OUT_INVALID (unknown_product, unknown_customer) or OUT_DB_DOWN.
 */
enum outcome
billing_apply(struct request *r, struct event *e, const char **word,
    struct why *why)
{
	struct subrow	 cur;
	struct planname	 pn;
	struct dbparam	 p[5];
	char		 when[24], target[192];
	const char	*outcome = "applied";
	int		 rc, have, n;

	*word = NULL;
	if (db_begin(r->db) != 0)
		return OUT_DB_DOWN;
	if (e->sub == NULL) {
		outcome = "ignored";
		goto record;
	}
	p[0] = (struct dbparam)DBP_TEXT(e->product, e->productlen);
	if ((rc = db_one(r->db, STMT_PLAN_BY_PRODUCT, p, 1, &planname_shape,
	    &pn)) < 0)
		goto down;
	if (rc == 0) {
		db_rollback(r->db);
		why_set(why, "unknown_product", "no plan sells the product "
		    "\"%.*s\"", (int)e->productlen, e->product);
		return OUT_INVALID;
	}
	memcpy(e->plan, pn.name, sizeof(e->plan));
	p[0] = (struct dbparam)DBP_TEXT(e->sub, e->sublen);
	if ((have = db_one(r->db, STMT_SUBSCRIPTION_LOCK, p, 1, &subrow_shape,
	    &cur)) < 0)
		goto down;
	/* The subscription stays with the account it was first sold to. */
	if (have)
		e->account = cur.account;
	/* when_ok() (api_billing.c) let only 20 characters through. */
	n = snprintf(when, sizeof(when), "%.20s", e->when);
	if (n < 0 || (size_t)n != 20)
		goto down;
	if (have && strcmp(when, cur.when) < 0) {
		outcome = "stale";
		goto record;
	}
	p[0] = (struct dbparam)DBP_INT(e->account);
	if ((rc = db_exec(r->db, STMT_ACCOUNT_BY_ID, p, 1, NULL, NULL)) < 0)
		goto down;
	if (rc == 0) {
		db_rollback(r->db);
		why_set(why, "unknown_customer", "no account has the id %lld",
		    e->account);
		return OUT_INVALID;
	}
	p[0] = (struct dbparam)DBP_TEXT(e->sub, e->sublen);
	p[1] = (struct dbparam)DBP_INT(e->account);
	p[2] = (struct dbparam)DBP_STR(e->plan);
	p[3] = (struct dbparam)DBP_STR(e->state);
	/* "T" and "Z" out: the form DATETIME takes in strict mode. */
	when[10] = ' ';
	when[19] = '\0';
	p[4] = (struct dbparam)DBP_STR(when);
	if (db_exec(r->db, STMT_SUBSCRIPTION_UPSERT, p, 5, NULL, NULL) < 0)
		goto down;
	p[0] = (struct dbparam)DBP_STR(e->paid ? e->plan : "free");
	p[1] = (struct dbparam)DBP_INT(e->account);
	if (db_exec(r->db, STMT_ACCOUNT_SET_PLAN, p, 2, NULL, NULL) < 0)
		goto down;
record:
	p[0] = (struct dbparam)DBP_TEXT(e->id, e->idlen);
	p[1] = e->sub != NULL ? (struct dbparam)DBP_TEXT(e->sub, e->sublen) :
	    (struct dbparam)DBP_NULL;
	p[2] = (struct dbparam)DBP_STR(outcome);
	rc = db_exec(r->db, STMT_BILLING_EVENT_INSERT, p, 3, NULL, NULL);
	if (rc == DB_DUP) {
		db_rollback(r->db);
		*word = "duplicate";
		return OUT_OK;
	}
	if (rc < 0)
		goto down;
	/* Each part is capped so that the whole fits. */
	n = snprintf(target, sizeof(target), "event:%.40s subscription:%.40s "
	    "state:%s", e->id, e->sub != NULL ? e->sub : "-",
	    e->state != NULL ? e->state : "-");
	if (n < 0 || (size_t)n >= sizeof(target))
		target[0] = '\0';
	audit(r, "billing_webhook", e->sub != NULL ? e->account : 0, target,
	    outcome);
	if (db_commit(r->db) != 0)
		return OUT_DB_DOWN;
	*word = outcome;
	return OUT_OK;
down:
	db_rollback(r->db);
	return OUT_DB_DOWN;
}
