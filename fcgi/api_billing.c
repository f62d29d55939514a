/*
 * api_billing.c: subscription state from the recurring-billing provider
 * (Chargify-style), by webhook (P10).
 *
 *	POST /api/billing/webhook
 *	X-Chargify-Webhook-Signature-Hmac-Sha-256: <hex HMAC-SHA256 of body>
 *	{"id": "evt_1", "event": "subscription_state_change",
 *	 "occurred_at": "2026-11-29T10:00:00Z",
 *	 "subscription": {"id": "sub_1", "state": "active",
 *	     "product": "primoforum-pro", "customer_reference": "42"}}
 *
 * The signature is checked over the raw body, in constant time, before
 * the body is parsed (route.c runs billing_signature_ok() first): a
 * missing or wrong one is 401 and nothing is read.  Each event id is
 * processed once: a replay is 200 and changes nothing.  Events carry the
 * time they happened; one older than the newest applied to its
 * subscription is recorded as stale and changes nothing, so events that
 * arrive out of order leave the state of the newest.
 *
 * States map to the account's plan: trialing, active and past_due (the
 * provider's dunning period) keep the product's plan; canceled and
 * expired return the account to the free plan.  No card data ever
 * arrives here or is stored: the provider holds it.
 */
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

/*
 * Returns 1 if the body carries a good signature; otherwise sets the
 * response (401, or 503 if no key is configured) and returns 0.
 */
int
billing_signature_ok(struct request *r)
{
	const char	*key = r->cfg->secret[SECRET_BILLING_KEY];
	unsigned char	 mac[EVP_MAX_MD_SIZE], got[32];
	unsigned int	 maclen = 0;
	size_t		 i;
	int		 hi, lo;

	if (key == NULL) {
		resp_error(r, 503, "not_configured", "the billing webhook is "
		    "not configured on this server (billing_webhook_key)");
		return 0;
	}
	if (r->signature == NULL || strlen(r->signature) != 64)
		goto bad;
	for (i = 0; i < 32; i++) {
		if ((hi = hexdigit(r->signature[2 * i])) < 0 ||
		    (lo = hexdigit(r->signature[2 * i + 1])) < 0)
			goto bad;
		got[i] = (unsigned char)(hi << 4 | lo);
	}
	if (HMAC(EVP_sha256(), key, (int)strlen(key),
	    (const unsigned char *)(r->body != NULL ? r->body : ""),
	    r->bodylen, mac, &maclen) == NULL || maclen != 32 ||
	    CRYPTO_memcmp(mac, got, 32) != 0)
		goto bad;
	return 1;
bad:
	audit(r, "billing_webhook", 0, "bad signature", "refused");
	resp_error(r, 401, "bad_signature",
	    "the webhook signature is missing or wrong");
	return 0;
}

/* An id of the provider: 1..64 of [A-Za-z0-9_.:-]. */
static int
id_ok(const char *s, size_t len)
{
	size_t	 i;

	if (s == NULL || len == 0 || len > 64)
		return 0;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || strchr("_.:-", s[i])))
			return 0;
	return 1;
}

/* A time as the provider sends it: YYYY-MM-DDTHH:MM:SSZ, UTC. */
static int
when_ok(const char *s, size_t len)
{
	static const char pat[] = "dddd-dd-ddTdd:dd:ddZ";
	size_t	 i;

	if (s == NULL || len != sizeof(pat) - 1)
		return 0;
	for (i = 0; i < len; i++)
		if (pat[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != pat[i])
			return 0;
	return 1;
}

/* What the event says, checked. */
struct event {
	const char	*id, *sub, *state, *product, *when;
	size_t		 idlen, sublen, productlen;
	long long	 account;
	int		 paid;
	char		 plan[17];
};

static int
event_read(struct request *r, struct event *e)
{
	const struct jv	*sub;
	const char	*s, *ref;
	size_t		 len, reflen, i;

	memset(e, 0, sizeof(*e));
	if (r->json == NULL)
		return resp_error(r, 400, "invalid_event",
		    "the body is not an event");
	e->id = jv_str(jv_get(r->json, "id"), &e->idlen);
	if (!id_ok(e->id, e->idlen))
		return resp_error(r, 422, "invalid_field",
		    "id is the event's id (1 to 64 letters, digits, _.:-)");
	e->when = jv_str(jv_get(r->json, "occurred_at"), &len);
	if (!when_ok(e->when, len))
		return resp_error(r, 422, "invalid_field",
		    "occurred_at is a UTC time, YYYY-MM-DDTHH:MM:SSZ");
	if ((sub = jv_get(r->json, "subscription")) == NULL)
		return 0;	/* not about a subscription: ignored */
	e->sub = jv_str(jv_get(sub, "id"), &e->sublen);
	if (!id_ok(e->sub, e->sublen))
		return resp_error(r, 422, "invalid_field",
		    "subscription.id is missing or not an id");
	s = jv_str(jv_get(sub, "state"), &len);
	for (i = 0; s != NULL && i < sizeof(states) / sizeof(states[0]); i++)
		if (strlen(states[i].name) == len &&
		    memcmp(states[i].name, s, len) == 0) {
			e->state = states[i].name;
			e->paid = states[i].paid;
		}
	if (e->state == NULL)
		return resp_error(r, 422, "invalid_field", "subscription.state "
		    "is trialing, active, past_due, canceled or expired");
	e->product = jv_str(jv_get(sub, "product"), &e->productlen);
	if (!id_ok(e->product, e->productlen))
		return resp_error(r, 422, "invalid_field",
		    "subscription.product is missing or not a handle");
	ref = jv_str(jv_get(sub, "customer_reference"), &reflen);
	if (ref == NULL || parse_int(ref, reflen, 1, INT64_MAX,
	    &e->account) == -1)
		return resp_error(r, 422, "invalid_field",
		    "subscription.customer_reference is the account's id");
	return 0;
}

static int
plan_name_row(void *arg, const struct dbcol *c, size_t n)
{
	char	*plan = arg;

	if (n != 1 || c[0].len >= 17)
		return -1;
	memcpy(plan, c[0].s, c[0].len);
	plan[c[0].len] = '\0';
	return 0;
}

struct subrow {
	long long	 account;
	char		 when[24];
};

static int
sub_row(void *arg, const struct dbcol *c, size_t n)
{
	struct subrow	*s = arg;

	if (n != 4 || c[3].len >= sizeof(s->when) ||
	    parse_int(c[0].s, c[0].len, 1, INT64_MAX, &s->account) == -1)
		return -1;
	memcpy(s->when, c[3].s, c[3].len);
	s->when[c[3].len] = '\0';
	return 0;
}

static int
answer(struct request *r, const char *outcome)
{
	struct jw	*w;

	w = resp_json(r, 200);
	jw_obj(w);
	jw_kstr(w, "outcome", outcome);
	jw_end(w);
	return resp_done(r, w);
}

/*
 * Applies the event in one transaction: the subscription row locked, the
 * account's plan set, the event id recorded.  The id's unique key makes
 * a concurrent replay roll back whole.
 */
int
api_billing_webhook(struct request *r)
{
	struct event	 e;
	struct subrow	 cur;
	struct dbparam	 p[5];
	char		 when[24], target[192];
	const char	*outcome = "applied";
	int		 rc, have;

	if ((rc = event_read(r, &e)) != 0)
		return rc;
	if (db_begin(r->db) != 0)
		return db_unavailable(r);
	if (e.sub == NULL) {
		outcome = "ignored";
		goto record;
	}
	p[0] = (struct dbparam)DBP_TEXT(e.product, e.productlen);
	if ((rc = db_exec(r->db, STMT_PLAN_BY_PRODUCT, p, 1, plan_name_row,
	    e.plan)) < 0)
		goto down;
	if (rc == 0) {
		db_rollback(r->db);
		return resp_error(r, 422, "unknown_product", "no plan sells "
		    "the product \"%.*s\"", (int)e.productlen, e.product);
	}
	memset(&cur, 0, sizeof(cur));
	p[0] = (struct dbparam)DBP_TEXT(e.sub, e.sublen);
	if ((have = db_exec(r->db, STMT_SUBSCRIPTION_LOCK, p, 1, sub_row,
	    &cur)) < 0)
		goto down;
	/* The subscription stays with the account it was first sold to. */
	if (have)
		e.account = cur.account;
	snprintf(when, sizeof(when), "%.20s", e.when);
	if (have && strcmp(when, cur.when) < 0) {
		outcome = "stale";
		goto record;
	}
	p[0] = (struct dbparam)DBP_INT(e.account);
	if ((rc = db_exec(r->db, STMT_ACCOUNT_BY_ID, p, 1, NULL, NULL)) < 0)
		goto down;
	if (rc == 0) {
		db_rollback(r->db);
		return resp_error(r, 422, "unknown_customer",
		    "no account has the id %lld", e.account);
	}
	p[0] = (struct dbparam)DBP_TEXT(e.sub, e.sublen);
	p[1] = (struct dbparam)DBP_INT(e.account);
	p[2] = (struct dbparam)DBP_STR(e.plan);
	p[3] = (struct dbparam)DBP_STR(e.state);
	/* "T" and "Z" out: the form DATETIME takes in strict mode. */
	when[10] = ' ';
	when[19] = '\0';
	p[4] = (struct dbparam)DBP_STR(when);
	if (db_exec(r->db, STMT_SUBSCRIPTION_UPSERT, p, 5, NULL, NULL) < 0)
		goto down;
	p[0] = (struct dbparam)DBP_STR(e.paid ? e.plan : "free");
	p[1] = (struct dbparam)DBP_INT(e.account);
	if (db_exec(r->db, STMT_ACCOUNT_SET_PLAN, p, 2, NULL, NULL) < 0)
		goto down;
record:
	p[0] = (struct dbparam)DBP_TEXT(e.id, e.idlen);
	p[1] = e.sub != NULL ? (struct dbparam)DBP_TEXT(e.sub, e.sublen) :
	    (struct dbparam)DBP_NULL;
	p[2] = (struct dbparam)DBP_STR(outcome);
	rc = db_exec(r->db, STMT_BILLING_EVENT_INSERT, p, 3, NULL, NULL);
	if (rc == DB_DUP) {
		db_rollback(r->db);
		return answer(r, "duplicate");
	}
	if (rc < 0)
		goto down;
	snprintf(target, sizeof(target), "event:%.40s subscription:%.40s "
	    "state:%s", e.id, e.sub != NULL ? e.sub : "-",
	    e.state != NULL ? e.state : "-");
	audit(r, "billing_webhook", e.sub != NULL ? e.account : 0, target,
	    outcome);
	if (db_commit(r->db) != 0)
		return db_unavailable(r);
	return answer(r, outcome);
down:
	db_rollback(r->db);
	return db_unavailable(r);
}
