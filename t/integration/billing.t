#!/bin/bash
# SPDX-License-Identifier: ISC
# billing.t: subscriptions from the billing provider's webhook, and the
# plans' limits (P10).  The webhook is signed with HMAC-SHA256 over the
# raw body under the shared key: a good signature is applied; a flipped
# byte, a wrong key or no header is 401; a replay is 200 and changes
# nothing; an event older than the newest applied changes nothing; an
# oversize body is 413.  Limits: 402 with a message naming the limit.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
with_stack
. "$PF_SRC/t/lib/api.sh"

KEY=$(cat "$PF_DIR/billing.key")
HDR=X-Chargify-Webhook-Signature-Hmac-Sha-256
sign() {	# sign KEY BODY: the hex HMAC-SHA256
	printf '%s' "$2" | openssl dgst -sha256 -hmac "$1" -r | cut -d' ' -f1
}
hook() {	# hook BODY [SIGNATURE]: sets code and body
	local sig=${2-$(sign "$KEY" "$1")} args=()
	[ -n "$sig" ] && args=(-H "$HDR: $sig")
	body=$(pf_curl -s -o - -w '\n%{http_code}' -H 'Content-Type: application/json' \
	    "${args[@]}" --data-binary "$1" "$PF_URL/api/billing/webhook")
	code=${body##*$'\n'}
	body=${body%$'\n'*}
}
event() {	# event ID WHEN STATE [PRODUCT]
	printf '{"id":"%s","event":"subscription_state_change","occurred_at":"%s","subscription":{"id":"sub_1","state":"%s","product":"%s","customer_reference":"%s"}}' \
	    "$1" "$2" "$3" "${4:-primoforum-pro}" "$ANN"
}
plan() { sql -e "SELECT plan FROM account WHERE id = $ANN"; }

browser ann 127.0.0.11
call ann POST /api/accounts '{"email":"ann@example.org","display_name":"Ann","password":"ann has a good passphrase"}'
ANN=$(sql -e "SELECT id FROM account WHERE email = 'ann@example.org'")
is "$(plan)" free "a new account is on the free plan"

# --- signatures ---------------------------------------------------------------
E1=$(event evt_1 2026-11-01T10:00:00Z active)
hook "$E1" ""
is "$code" 401 "no signature header: 401"
like "$body" '"code":"bad_signature"' "said in JSON"
hook "$E1" "$(sign "not the key" "$E1")"
is "$code" 401 "signed with another key: 401"
flipped=$(printf '%s' "$E1" | sed 's/active/activf/')
hook "$flipped" "$(sign "$KEY" "$E1")"
is "$code" 401 "one byte of the body changed: 401"
# Upper case, and its first digit changed (to 1 if it was 0: the key is
# the stack's own, so one signature in 16 starts with 0 and was left as
# it was, accepted).
hook "$E1" "$(sign "$KEY" "$E1" | tr 'a-f' 'A-F' | sed 's/^0/x/; s/^[^x]/0/; s/^x/1/')"
is "$code" 401 "a signature with one digit changed: 401"
hook "$E1" "zz$(sign "$KEY" "$E1" | cut -c3-)"
is "$code" 401 "a signature that is not hex: 401"
is "$(plan)" free "none of those changed the plan"
is "$(sql -e "SELECT COUNT(*) FROM billing_event")" 0 "nor recorded an event"
is "$(sql -e "SELECT COUNT(*) FROM audit_event WHERE action = 'billing_webhook' AND outcome = 'refused'")" 5 \
    "each refusal is in the audit trail"

# --- applied, replayed, out of order -----------------------------------------------
hook "$E1"
is "$code" 200 "a signed event is applied"
like "$body" '"outcome":"applied"' "and says so"
is "$(plan)" pro "the account is on the product's plan"
hook "$E1"
like "$code $body" '^200 .*"outcome":"duplicate"' "a replay: 200, duplicate"
is "$(sql -e "SELECT COUNT(*) FROM billing_event WHERE id = 'evt_1'")" 1 "processed once"
hook "$(event evt_3 2026-11-03T10:00:00Z canceled)"
is "$(plan)" free "canceled: back to the free plan"
hook "$(event evt_2 2026-11-02T10:00:00Z active)"
like "$code $body" '^200 .*"outcome":"stale"' "an older event arriving late: 200, stale"
is "$(plan)" free "and it does not undo the newer cancel"
is "$(sql -e "SELECT state FROM subscription WHERE id = 'sub_1'")" canceled "the subscription keeps the newest state"
hook "$(event evt_4 2026-11-04T10:00:00Z trialing primoforum-enterprise)"
is "$(plan)" enterprise "a new trial of another product: its plan"
hook "$(event evt_5 2026-11-05T10:00:00Z past_due primoforum-enterprise)"
is "$(plan)" enterprise "past due keeps the plan while the provider retries"
hook "$(event evt_6 2026-11-06T10:00:00Z expired primoforum-enterprise)"
is "$(plan)" free "expired: free"

# --- bad events ---------------------------------------------------------------------
hook "$(event evt_7 2026-11-07T10:00:00Z active no-such-product)"
is "$code" 422 "an unknown product: 422"
hook "$(event evt_8 2026-11-08T10:00:00Z frozen)"
is "$code" 422 "an unknown state: 422"
hook "$(event evt_9 yesterday active)"
is "$code" 422 "a time that is not a time: 422"
hook '{"id":"evt_10","occurred_at":"2026-11-10T10:00:00Z"'
is "$code" 400 "a body that is not JSON: 400"
hook '{"id":"evt_11","event":"test","occurred_at":"2026-11-10T10:00:00Z"}'
like "$code $body" '^200 .*"outcome":"ignored"' "an event about no subscription: ignored"
is "$(plan)" free "none of them changed the plan"
big=$(printf '{"id":"evt_12","pad":"%s"}' "$(head -c 70000 /dev/zero | tr '\0' x)")
hook "$big"
is "$code" 413 "an oversize body: 413"
like "$body" '"code":"body_too_large"' "said in JSON"

# --- plan limits --------------------------------------------------------------------
call ann POST /api/sessions '{"title":"Tables","teams_on":true,"teams":["A","B"]}'
T=$(jget "$body" session.id)
call ann POST "/api/sessions/$T/start" ''
is "$code" 402 "teams on the free plan: 402"
like "$body" '"code":"plan_limit".*teams.*Free' "the message names the limit and the plan"
is "$(sql -e "SELECT state FROM session WHERE id = $T")" draft "the session did not start"
call ann PATCH "/api/sessions/$T" '{"teams_on":false,"max_participants":80}'
call ann POST "/api/sessions/$T/start" ''
is "$code" 402 "asking for 80 participants on a plan of 50: 402"
like "$body" 'allows 50 participants' "said so"
call ann PATCH "/api/sessions/$T" '{"max_participants":0}'
for n in 1 2; do
	call ann POST /api/sessions "{\"title\":\"Run $n\"}"
	call ann POST "/api/sessions/$(jget "$body" session.id)/start" ''
	is "$code" 200 "running session $n of 2"
done
call ann POST "/api/sessions/$T/start" ''
is "$code" 402 "a third running session on the free plan: 402"
like "$body" 'allows 2 running sessions' "said so"
sql -e "UPDATE plan SET reports = 0 WHERE name = 'free'"
call ann GET "/api/sessions/$T/export"
is "$code" 402 "a plan without reports: the export is 402"
call ann POST "/api/sessions/$T/rounds" '{"type":"open","title":"Q"}'
call ann GET "/api/sessions/$T/rounds/$(jget "$body" round.id)/results.csv"
is "$code" 402 "and the CSV"
call ann GET /api/account/export
is "$code" 200 "one's own data export is never limited"
hook "$(event evt_13 2026-11-13T10:00:00Z active)"
call ann POST "/api/sessions/$T/start" ''
is "$code" 200 "on Pro (by the webhook) the third session starts"
call ann GET /api/plans
like "$body" '"name":"free".*"name":"pro"' "the plans are public"

done_testing
