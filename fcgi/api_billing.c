/* SPDX-License-Identifier: ISC */
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
 * arrives here or is stored: the provider holds it.  The rules and the
 * rows are billing.c's and plan.c's; this file checks the signature,
 * reads the event, calls them, and answers.
 *
 *	GET /api/plans			what each plan allows
 */
#include <stdio.h>
#include <string.h>

#include "extern.h"
#include "banned.h"

/*
 * Returns 1 if the body carries a good signature; otherwise sets the
 * response (401, or 503 if no key is configured) and returns 0.
 */
int
billing_signature_ok(struct request *r)
{
	const char	*key = r->cfg->secret[SECRET_BILLING_KEY];

	if (key == NULL) {
		resp_error(r, 503, "not_configured", "the billing webhook is "
		    "not configured on this server (billing_webhook_key)");
		return 0;
	}
	if (billing_signature_valid(key, r->signature, r->body, r->bodylen))
		return 1;
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

/*
 * Reads and checks the event of the body into e.  Returns 0, or the
 * status of the refusal set (400, 422).
 */
static int
event_read(struct request *r, struct event *e)
{
	const struct jv	*sub;
	const char	*s, *ref;
	size_t		 len, reflen;

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
	if ((e->state = billing_state(s, len, &e->paid)) == NULL)
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

/* Answers {"outcome": word}: what became of the event. */
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
 * POST /api/billing/webhook: the event applied (billing.c), once.
 * Returns the status.
 */
int
api_billing_webhook(struct request *r)
{
	struct event	 e;
	struct why	 why = { NULL, "", 0 };
	const char	*word;
	enum outcome	 o;
	int		 rc;

	if ((rc = event_read(r, &e)) != 0)
		return rc;
	if ((o = billing_apply(r, &e, &word, &why)) != OUT_OK)
		return resp_outcome(r, o, &why);
	return answer(r, word);
}

/* GET /api/plans: what each plan allows, for the account page. */
int
api_plans(struct request *r)
{
	struct jw	*w;

	w = resp_json(r, 200);
	jw_obj(w);
	jw_key(w, "plans");
	jw_arr(w);
	if (plan_list(r->db, w) != OUT_OK) {
		jw_free(w);
		return db_unavailable(r);
	}
	jw_end(w);
	jw_end(w);
	return resp_done(r, w);
}
