#!/bin/bash
# SPDX-License-Identifier: ISC
# admin.t: /admin/ and /api/admin/ only from the allowlist (P9), whatever
# the path trick, and X-Forwarded-For is not believed.  127.0.0.2 is the
# outsider: it is local, but not on the allowlist.  Each refusal is an
# audit row with the outsider's real address.  Inside: an admin login
# needs two-factor; what admins do (disable, plan, reset link, logins) is
# done at once and audited; auditors read the trail and the configuration
# report, nothing else.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
with_stack

for p in /admin/ /ADMIN/ /%61dmin/ //admin/ /x/../admin/ /admin \
    /Admin/index.html /%2561dmin/ /api/admin/ /api/ADMIN/x /api//admin/; do
	code=$(pf_curl --interface 127.0.0.2 --path-as-is -o /dev/null \
	    -w '%{http_code}' "$PF_URL$p")
	case $p in
	/%2561dmin/) want=404 ;;	# decodes once, to /%61dmin/: no such file
	/api/ADMIN/x) want=403 ;;
	*) want=403 ;;
	esac
	is "$code" "$want" "outsider: $p is $want"
	code=$(pf_curl --interface 127.0.0.2 --path-as-is -o /dev/null \
	    -H 'X-Forwarded-For: 127.0.0.1' -H 'X-Real-IP: 127.0.0.1' \
	    -w '%{http_code}' "$PF_URL$p")
	is "$code" "$want" "outsider with X-Forwarded-For: $p is $want"
done

code=$(pf_curl -o /dev/null -w '%{http_code}' "$PF_URL/admin/")
is "$code" 200 "allowlisted address reaches /admin/"
code=$(pf_curl --path-as-is -o /dev/null -w '%{http_code}' \
    "$PF_URL/x/../%61dmin/")
is "$code" 200 "allowlisted address: the same page through a path trick"
code=$(pf_curl -o /dev/null -w '%{http_code}' "$PF_URL/api/admin/")
is "$code" 404 "allowlisted address reaches the application under /api/admin/"
. "$PF_SRC/t/lib/api.sh"

# --- refusals are audited, with the real address --------------------------
out=$(pf_curl --interface 127.0.0.2 -H 'X-Forwarded-For: 127.0.0.1' \
    -H 'X-Real-IP: 127.0.0.1' -H 'Forwarded: for=127.0.0.1' \
    "$PF_URL/api/admin/status")
like "$out" '"code":"forbidden"' "the refusal is JSON"
is "$(sql -e "SELECT CONCAT(address, ' ', outcome) FROM audit_event WHERE action = 'admin_refused' ORDER BY seq DESC LIMIT 1")" \
    "127.0.0.2 refused" "the audit row records 127.0.0.2, not the forwarded address"
n=$(sql -e "SELECT COUNT(*) FROM audit_event WHERE action = 'admin_refused' AND address = '127.0.0.2'")
ok $([ "$n" -ge 20 ]; echo $?) "every refused request above is in the trail ($n rows)"
code=$(pf_curl -o /dev/null -w '%{http_code}' "$PF_URL/api/_refused")
is "$code" 404 "the refusal handler cannot be called directly"

# --- staff: two-factor, and what admins do --------------------------------
ctl() { "$PF_BUILD/primoforumctl" -f "$PF_DIR/primoforum.conf" "$@"; }
PW="admins have long passphrases"
secret=$(printf '%s\n' "$PW" | ctl create-admin root@example.org "Root" | sed -n 3p)
like "$secret" '^[A-Z2-7]{32}$' "create-admin prints the two-factor secret"
printf '%s\n' "$PW" | ctl create-admin root@example.org "Root" >/dev/null 2>&1
isnt $? 0 "create-admin refuses an email that has an account"
out=$(printf '%s\n' "password" | ctl create-admin weak@example.org "Weak" 2>&1)
like "$out" 'password' "create-admin refuses a weak password"
browser admin 127.0.0.1
call admin POST /api/login "{\"email\":\"root@example.org\",\"password\":\"$PW\"}"
is "$code" 401 "an admin without the code is not logged in"
call admin POST /api/login "{\"email\":\"root@example.org\",\"password\":\"$PW\",\"code\":\"$(oathtool --totp -b "$secret")\"}"
is "$code" 200 "the admin logs in with the code"
call admin GET /api/admin/status
is "$code" 200 "status"
like "$body" '"accounts":1,' "counts accounts"
like "$body" '"schema_version":[0-9]+' "and the schema version"
like "$body" '"configured":[0-9]+' "and the workers"

browser fac 127.0.0.1
call fac POST /api/accounts '{"email":"fac@example.org","display_name":"Fac","password":"the facilitator passphrase"}'
call fac POST /api/sessions '{"title":"Secret strategy day"}'
FAC=$(sql -e "SELECT id FROM account WHERE email = 'fac@example.org'")
call admin GET "/api/admin/accounts?q=FAC%40"
like "$body" '"email":"fac@example.org"' "find an account by part of its email"
like "$body" '"sessions":1' "with counts"
unlike "$body" 'Secret strategy day' "never a session's content"
call admin GET "/api/admin/accounts?q=%25"
is "$(jget "$body" count)" 0 "a % in the query is a character, not a wildcard"
call admin PUT "/api/admin/accounts/$FAC/plan" '{"plan":"gold"}'
is "$code" 422 "an unknown plan is refused"
call admin PUT "/api/admin/accounts/$FAC/plan" '{"plan":"pro"}'
like "$body" '"plan":"pro"' "the plan is changed"
call fac GET /api/account
is "$code" 200 "the facilitator is logged in"
# A session of the account runs, a participant polls its live document.
call fac GET /api/sessions
FS=$(jget "$body" sessions.0.id)
call fac POST "/api/sessions/$FS/start" ''
browser fp 127.0.0.41
call fp POST /api/join "{\"code\":\"$(jget "$body" session.join_code)\"}"
call fp GET /api/participant/state
FL=$(jget "$body" live)
for i in $(seq 1 60); do
	[ "$(pf_curl -s -o /dev/null -w '%{http_code}' "$PF_URL$FL")" = 200 ] && break
	sleep 0.05
done
is "$(pf_curl -s -o /dev/null -w '%{http_code}' "$PF_URL$FL")" 200 "the running session's document is served"
call admin POST "/api/admin/accounts/$FAC/disable" ''
like "$body" '"disabled":true' "disable"
is "$(pf_curl -s -o /dev/null -w '%{http_code}' "$PF_URL$FL")" 404 "its running session's document is gone as the disable answers"
call fp GET /api/participant/state
is "$code" 401 "and its participant is out"
is "$(sql -e "SELECT state FROM session WHERE id = $FS")" stopped "the session stopped"
call fac GET /api/account
is "$code" 401 "the disabled account's login ended at once"
call fac POST /api/login '{"email":"fac@example.org","password":"the facilitator passphrase"}'
is "$code" 401 "and it cannot log in"
call admin POST "/api/admin/accounts/$FAC/enable" ''
call fac POST /api/login '{"email":"fac@example.org","password":"the facilitator passphrase"}'
is "$code" 200 "enabled, it logs in again"
call admin DELETE "/api/admin/accounts/$FAC/logins"
call fac GET /api/account
is "$code" 401 "ending its logins logs it out"
call admin POST "/api/admin/accounts/$FAC/reset-link" ''
like "$(jget "$body" link)" '/reset\.html#token=[0-9a-f]{64}$' "a single-use reset link"
call admin POST "/api/admin/accounts/999999/reset-link" ''
is "$code" 404 "for an account that exists"
ADM=$(sql -e "SELECT id FROM account WHERE email = 'root@example.org'")
call admin POST "/api/admin/accounts/$ADM/disable" ''
is "$code" 409 "an admin cannot lock themselves out"
for a in admin_status_viewed admin_accounts_searched account_plan_changed \
    account_disabled account_enabled account_logins_ended password_reset_link; do
	is "$(sql -e "SELECT COUNT(*) > 0 FROM audit_event WHERE action = '$a' AND actor = 'account:$ADM' AND address = '127.0.0.1' AND LENGTH(request_id) = 32")" 1 \
	    "audited with actor, address and request id: $a"
done

# --- the trail, for admins and auditors -----------------------------------
call admin GET "/api/admin/audit?from=2000-01-01&to=2999-01-01&limit=10000"
like "$body" '"action":"account_disabled"' "the trail as JSON"
like "$body" '"hash":"[0-9a-f]{64}"' "with the chain's hashes"
call admin GET "/api/admin/audit?format=csv"
like "$body" '^.?.?.?seq,at,account_id,actor,address,request_id,action,target,outcome,prev_hash,hash' "and as CSV"
call admin GET "/api/admin/audit?from=yesterday"
is "$code" 422 "a period that is not a date is refused"
call admin GET "/api/admin/audit?format=xml"
is "$code" 422 "a format other than json or csv is refused"
call admin GET "/api/admin/audit?limit=0"
is "$code" 422 "so is a limit outside 1..10000"
call admin GET "/api/admin/accounts?q=$(head -c 101 /dev/zero | tr '\0' a)"
is "$code" 422 "and a search longer than 100 characters"
auditor=$(printf '%s\n' "$PW" | ctl create-admin audit@example.org "Audit" auditor | sed -n 3p)
browser aud 127.0.0.1
call aud POST /api/login "{\"email\":\"audit@example.org\",\"password\":\"$PW\",\"code\":\"$(oathtool --totp -b "$auditor")\"}"
call aud GET "/api/admin/audit?limit=3"
is "$code" 200 "an auditor reads the trail"
call aud GET /api/admin/config
is "$code" 200 "and the configuration report"
like "$body" '"secrets_set":\{[^}]*"db_password":true' "which names the secrets that are set"
unlike "$body" "$(cat "$PF_DIR/app.pw")" "but never their values"
call aud GET "/api/admin/accounts?q=fac"
is "$code" 403 "an auditor cannot use the admin's account tools"

# An admin whose two-factor was turned off behind the application's back
# keeps nothing: the route checks it on every request.
sql -e "UPDATE account SET totp_enabled = 0 WHERE id = $ADM"
call admin GET /api/admin/status
is "$code" 403 "an admin without two-factor is refused"

# --- the chain -------------------------------------------------------------
out=$(ctl audit verify)
like "$out" '^audit chain intact: [0-9]+ rows' "audit verify: the chain is intact"
out=$(ctl audit export 2000-01-01 2999-01-01 json 2>/dev/null)
like "$out" '^\[\{"seq":1,' "audit export as JSON"
out=$(ctl audit export 2000-01-01 2999-01-01 2>/dev/null | wc -l)
ok $([ "$out" -gt 20 ]; echo $?) "and as CSV ($out lines)"
# Retention: rows past audit_retention_days go; the chain still verifies
# from a purge event that names where it now starts.
sql -e "UPDATE audit_event SET at = at - INTERVAL 800 DAY WHERE seq <= 5"
like "$(ctl audit purge)" '^5 audit rows older than 730 days removed' "audit purge removes the rows past retention"
is "$(sql -e "SELECT MIN(seq) FROM audit_event")" 6 "exactly those"
like "$(ctl audit verify)" 'intact' "the chain verifies after a purge"
is "$(sql -e "SELECT COUNT(*) FROM audit_event WHERE action = 'audit_purged' AND target LIKE 'through seq:5 hash:%'")" 1 \
    "the purge is an audit event that anchors the chain"
seq=$(sql -e "SELECT seq FROM audit_event WHERE action = 'account_disabled' LIMIT 1")
sql -e "UPDATE audit_event SET outcome = 'failed' WHERE seq = $seq"
out=$(ctl audit verify)
is "$?" 1 "audit verify fails on a changed row"
like "$out" "BROKEN at seq $seq: its content does not match" "and names it"
sql -e "UPDATE audit_event SET outcome = 'ok' WHERE seq = $seq"
like "$(ctl audit verify)" 'intact' "put back, the chain is intact again"
sql -e "DELETE FROM audit_event WHERE seq = $((seq + 1))"
like "$(ctl audit verify)" "BROKEN at seq $((seq + 1)): the row is missing" "a deleted row is named"
sql -e "DELETE FROM audit_event WHERE seq > $((seq + 1))"
like "$(ctl audit verify)" "BROKEN at seq $((seq + 1)): rows after it are missing" "cutting off the newest rows shows too"
# A DBA who also moves the head to hide the cut still cannot remove the
# oldest rows: no purge event names the new start.
sql -e "UPDATE audit_head h JOIN audit_event e ON e.seq = (SELECT MAX(seq) FROM audit_event) SET h.seq = e.seq, h.hash = e.hash"
sql -e "DELETE FROM audit_event WHERE seq = 6"
like "$(ctl audit verify)" "BROKEN at seq 7: the rows before it were removed" "so does removing the oldest rows without a purge"

done_testing
