#!/bin/bash
# SPDX-License-Identifier: ISC
# sessions.t: the session life cycle through nginx over HTTPS with the
# real database: prepare, start with a join code, join (named,
# teams, resume), lock, remove, live state with 304s, 50 joining at once,
# the plan's limit, stop with participants polling (nothing served after
# the commit), a new code on restart, isolation between accounts and
# sessions, the automatic stop, guessing held back, co-facilitators and
# moderators (invited by mail, accepted, revoked), profile questions
# and results by group (merged below the minimum, in the room's document
# and the downloads), the audit trail.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
with_stack
. "$PF_SRC/t/lib/api.sh"

browser ann 127.0.0.11
browser bob 127.0.0.12
call ann POST /api/accounts '{"email":"ann@example.org","display_name":"Ann","password":"ann has a good passphrase"}'
call bob POST /api/accounts '{"email":"bob@example.org","display_name":"Bob","password":"bob has a good passphrase"}'
is "$code" 201 "two facilitators"
# Ann runs tables (teams): the Pro plan.  Plan limits: billing.t.
sql -e "UPDATE account SET plan = 'pro' WHERE email = 'ann@example.org'"

# --- prepare ------------------------------------------------------------
call ann POST /api/sessions '{"title":"Study day","description":"Morning","language":"nl","named":true,"teams_on":true,"teams":["Tafel 1","Tafel 2"],"allow_change":false}'
is "$code" 201 "create a session"
sid=$(jget "$body" session.id)
is "$(jget "$body" session.state)" draft "a draft"
like "$(jget "$body" session.teams)" '"name":"Tafel 1".*"name":"Tafel 2"' "with its teams in order"
is "$(jget "$body" session.join_code)" "" "and no join code yet"
call ann POST /api/sessions '{"title":""}'
is "$code" 422 "an empty title is refused"
call ann POST /api/sessions '{"title":"x","language":"fr"}'
is "$code" 422 "a language we do not speak (en, nl, de) is refused"
call ann POST /api/sessions '{"title":"Studientag","language":"de"}'
is "$code" 201 "German is spoken"
de=$(jget "$body" session.id)
call ann POST "/api/sessions/$de/duplicate" ''
is "$(jget "$body" session.title)" "Studientag (Kopie)" "a German copy is a Kopie"
dde=$(jget "$body" session.id)
call ann DELETE "/api/sessions/$de"
call ann DELETE "/api/sessions/$dde"
is "$code" 204 "the German sessions go again"
call ann POST /api/sessions '{"title":"x","teams_on":true}'
is "$code" 422 "teams on without team names is refused"
call ann POST /api/sessions '{"title":"x","teams":["A","A"]}'
is "$code" 422 "two teams with one name are refused"
call ann PATCH "/api/sessions/$sid" '{"title":"Study day, edited","max_participants":40}'
is "$code" 200 "edit"
is "$(jget "$body" session.title)" "Study day, edited" "title changed"
is "$(jget "$body" session.teams_on)" true "other settings kept"
call ann POST "/api/sessions/$sid/duplicate" ''
is "$code" 201 "duplicate"
dup=$(jget "$body" session.id)
is "$(jget "$body" session.title)" "Study day, edited (kopie)" "the copy is named as such, in the session's language"
like "$(jget "$body" session.teams)" 'Tafel 1.*Tafel 2' "with the teams"
call ann GET /api/sessions
is "$(jget "$body" sessions | grep -o '"id"' | wc -l)" 2 "the list shows both"
call ann DELETE "/api/sessions/$dup"
is "$code" 204 "delete the copy"
call ann GET "/api/sessions/$dup"
is "$code" 404 "it is gone"

# --- start --------------------------------------------------------------
call ann POST "/api/sessions/$sid/start" ''
is "$code" 200 "start"
jc=$(jget "$body" session.join_code)
like "$jc" '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$' "a join code XXXX-XXXX"
like "$(jget "$body" session.join_link)" "^$PF_URL/j/[0-9A-Z]{8}$" "and a join link"
call ann POST "/api/sessions/$sid/start" ''
is "$code" 409 "starting a running session: 409"
call ann GET "/api/sessions/$sid/qr"
is "$code" 200 "the QR code"
like "$headers" 'content-type: image/svg\+xml' "as SVG"
like "$body" '^<svg xmlns' "drawn on the server"
call ann PATCH "/api/sessions/$sid" '{"named":false}'
is "$code" 409 "named/anonymous cannot change while running"
call ann DELETE "/api/sessions/$sid"
is "$code" 409 "a running session cannot be deleted"

# --- join ---------------------------------------------------------------
browser p1 127.0.0.21
browser p2 127.0.0.22
lower=$(echo "$jc" | tr 'A-Z' 'a-z' | tr -d '-')
call p1 POST /api/join "{\"code\":\"$lower\",\"display_name\":\"Piet\",\"team\":\"Tafel 1\"}"
is "$code" 201 "join with the code typed in lowercase, without the dash"
like "$headers" 'set-cookie: __Host-pf_part=[0-9a-f]{64}; Path=/; Secure; HttpOnly; SameSite=Strict' \
    "participant cookie: __Host-, Secure, HttpOnly, SameSite=Strict"
p1id=$(jget "$body" participant.id)
call p1 POST /api/join "{\"code\":\"$jc\",\"display_name\":\"Piet again\",\"team\":\"Tafel 2\"}"
is "$code" 200 "the same browser joining again"
is "$(jget "$body" resumed) $(jget "$body" participant.id)" "true $p1id" "resumes the same participant"
call p2 POST /api/join "{\"code\":\"$jc\",\"team\":\"Tafel 2\"}"
is "$code" 422 "a named session asks for a name"
call p2 POST /api/join "{\"code\":\"$jc\",\"display_name\":\"Marie\"}"
is "$code" 422 "with teams on, a team is needed"
call p2 POST /api/join "{\"code\":\"$jc\",\"display_name\":\"Marie\",\"team\":\"Tafel 9\"}"
is "$code" 422 "an unknown team is refused"
call p2 POST /api/join "{\"code\":\"$jc\",\"display_name\":\"Marie\",\"team\":\"Tafel 2\"}"
is "$code" 201 "a second participant"
p2id=$(jget "$body" participant.id)

# The same answer for an unknown, a malformed and (below) a stopped code.
browser g 127.0.0.31
call g POST /api/join '{"code":"ZZZZ-ZZZZ"}'
c_unknown="$code $body"
call g POST /api/join '{"code":"not a code!"}'
is "$code $body" "$c_unknown" "a malformed code gets the same answer as an unknown one"
is "$code" 404 "404 unknown_code"

# --- state and live, with ETags --------------------------------------------
call p1 GET /api/participant/state
is "$code" 200 "participant state"
is "$(jget "$body" session.title) $(jget "$body" participant.display_name)" "Study day, edited Piet" \
    "the session's title and their own name"
etag=$(printf '%s' "$headers" | sed -n 's/^etag: \(.*\)\r$/\1/p')
like "$etag" '^"s[0-9]+p[0-9]+v[0-9]+m[0-9a-f]{16}"$' "with an ETag"
call p1 GET /api/participant/state '' -H "If-None-Match: $etag"
is "$code" 304 "If-None-Match, nothing changed: 304"
is "$body" "" "without a body"
call ann GET "/api/sessions/$sid/live"
is "$code" 200 "the facilitator's live state"
is "$(jget "$body" participant_count)" 2 "two participants"
like "$(jget "$body" participants)" '"display_name":"Piet","id":[0-9]+,"joined_at":"[^"]+","team":"Tafel 1"' "names and teams"
like "$(jget "$body" teams)" '"name":"Tafel 2","participants":1' "counts per team"
live_etag=$(printf '%s' "$headers" | sed -n 's/^etag: \(.*\)\r$/\1/p')
call ann GET "/api/sessions/$sid/live" '' -H "If-None-Match: $live_etag"
is "$code" 304 "live: 304 when nothing changed"

# --- lock, remove -------------------------------------------------------
call ann POST "/api/sessions/$sid/lock" ''
is "$code" 200 "lock"
browser p3 127.0.0.23
call p3 POST /api/join "{\"code\":\"$jc\",\"display_name\":\"Kees\",\"team\":\"Tafel 1\"}"
is "$code" 403 "locked: a new participant is refused"
like "$body" '"code":"locked"' "as locked"
call p1 POST /api/join "{\"code\":\"$jc\",\"display_name\":\"Piet\",\"team\":\"Tafel 1\"}"
is "$code" 200 "while someone already in comes back"
call ann GET "/api/sessions/$sid/live" '' -H "If-None-Match: $live_etag"
is "$code" 200 "live: 200 after a change (the lock)"
call ann POST "/api/sessions/$sid/unlock" ''
call p3 POST /api/join "{\"code\":\"$jc\",\"display_name\":\"Kees\",\"team\":\"Tafel 1\"}"
is "$code" 201 "unlocked: joins again"
p3id=$(jget "$body" participant.id)
call p1 GET /api/participant/state '' -H "If-None-Match: $etag"
is "$code" 200 "participant state: 200 after a change"
call bob DELETE "/api/sessions/$sid/participants/$p3id"
is "$code" 404 "another facilitator cannot remove a participant"
call ann DELETE "/api/sessions/$sid/participants/$p3id"
is "$code" 204 "the facilitator removes a participant"
call p3 GET /api/participant/state
is "$code" 401 "whose token dies at once"
like "$body" '"code":"removed","message":"you were removed from this session"' \
    "and who is told so (not that the session ended)"
call p3 POST "/api/participant/rounds/1/answer" '{"choices":[1]}'
like "$code $body" '^401 .*"code":"removed"' "an answer gets the same"
call p3 POST /api/join "{\"code\":\"$jc\",\"display_name\":\"Kees\",\"team\":\"Tafel 1\"}"
is "$code" 201 "(they may join again as someone new, unless locked)"

# --- isolation -------------------------------------------------------------
for route in "GET /api/sessions/$sid" "PATCH /api/sessions/$sid" \
    "DELETE /api/sessions/$sid" "POST /api/sessions/$sid/duplicate" \
    "POST /api/sessions/$sid/start" "POST /api/sessions/$sid/stop" \
    "POST /api/sessions/$sid/lock" "POST /api/sessions/$sid/unlock" \
    "GET /api/sessions/$sid/live" "GET /api/sessions/$sid/qr" \
    "DELETE /api/sessions/$sid/participants/$p1id"; do
	set -- $route
	data=""
	[ "$1" = PATCH ] && data='{"title":"stolen"}'
	call bob "$1" "$2" "$data"
	is "$code" 404 "another account: $route is 404"
	unlike "$body" 'Study day|Piet|Marie|Tafel' "and shows nothing of it"
done
call bob GET /api/sessions
unlike "$body" 'Study day' "bob's list has none of ann's sessions"
call p1 GET "/api/sessions/$sid/live"
is "$code" 401 "a participant cannot use the facilitator's routes"
call ann GET /api/participant/state
is "$code" 401 "a facilitator without a participant cookie gets no participant state"
call ann PATCH "/api/sessions/$sid" '{"title":"Study day, edited"}'

# --- 50 joining at once, and the plan's limit -------------------------------
sql -e "UPDATE plan SET max_participants = 50 WHERE name = 'pro'"
call ann POST /api/sessions '{"title":"Big room"}'
big=$(jget "$body" session.id)
call ann POST "/api/sessions/$big/start" ''
bigcode=$(jget "$body" session.join_code)
mkdir -p "$T_DIR/many"
pids=""
for i in $(seq 1 50); do
	pf_curl -s -o "$T_DIR/many/$i.json" -w '%{http_code}\n' --interface "127.0.4.$i" \
	    -c "$T_DIR/many/$i.jar" -H 'Content-Type: application/json' \
	    --data-binary "{\"code\":\"$bigcode\"}" "$PF_URL/api/join" >"$T_DIR/many/$i.code" &
	pids="$pids $!"
done
wait $pids
is "$(cat "$T_DIR"/many/*.code | sort | uniq -c | tr -s ' ')" " 50 201" "50 participants joining at once: all 201"
is "$(cat "$T_DIR"/many/*.json | grep -o '"id":[0-9]*' | sort -u | wc -l)" 50 "50 different participants"
call ann GET "/api/sessions/$big/live"
is "$(jget "$body" participant_count)" 50 "the console counts 50"
unlike "$(jget "$body" participants)" '"display_name":"[^n]' "an anonymous session keeps no names"
browser late 127.0.0.41
call late POST /api/join "{\"code\":\"$bigcode\"}"
is "$code" 409 "the 51st is refused: the plan allows 50"
like "$body" '"code":"session_full".*50' "with a message that says so"

# --- stop while participants poll and answer ---------------------------------------
call ann POST "/api/sessions/$big/rounds" '{"type":"choice","title":"Quick vote","options":["Yes","No"]}'
rid=$(jget "$body" round.id)
opt=$(printf '%s' "$body" | perl -MJSON::PP -e 'print decode_json(<STDIN>)->{round}{options}[0]{id}')
call ann POST "/api/sessions/$big/rounds/$rid/open" ''
is "$(jget "$body" round.state)" open "a round is open for them to answer"
poll() {	# poll N: participant N polls and answers until told to stop
	local i=$1 s c tag="" t
	while [ ! -e "$T_DIR/stop-polling" ]; do
		s=$(date +%s.%N)
		# With the ETag it holds, as the page does: mostly 304s
		# answered from the poll cache.
		c=$(pf_curl -s -o /dev/null -D "$T_DIR/hdr.$i" -w '%{http_code}' \
		    --interface "127.0.4.$i" -b "$T_DIR/many/$i.jar" \
		    ${tag:+-H "If-None-Match: $tag"} "$PF_URL/api/participant/state")
		t=$(sed -n 's/^etag: \(.*\)\r$/\1/p' "$T_DIR/hdr.$i")
		[ -n "$t" ] && tag=$t
		echo "$s $c state"
		s=$(date +%s.%N)
		c=$(pf_curl -s -o /dev/null -w '%{http_code}' --interface "127.0.4.$i" \
		    -b "$T_DIR/many/$i.jar" -H 'Content-Type: application/json' \
		    --data-binary "{\"choices\":[$opt]}" \
		    "$PF_URL/api/participant/rounds/$rid/answer")
		echo "$s $c answer"
	done >"$T_DIR/poll.$i"
}
pids=""
for i in $(seq 1 20); do poll "$i" & pids="$pids $!"; done
sleep 1.5
call ann POST "/api/sessions/$big/stop" ''
stopped_at=$(date +%s.%N)
is "$code" 200 "stop, with 20 participants polling and answering"
sleep 1.5
touch "$T_DIR/stop-polling"
wait $pids
before=$(cat "$T_DIR"/poll.* | awk -v t="$stopped_at" '$1 < t - 1 && $2 ~ /^2/' | wc -l)
ok $([ "$before" -gt 0 ]; echo $?) "they were served before the stop ($before answers of 2xx)"
answered=$(cat "$T_DIR"/poll.* | awk -v t="$stopped_at" '$1 < t - 1 && $3 == "answer" && $2 ~ /^20[01]$/' | wc -l)
ok $([ "$answered" -gt 0 ]; echo $?) "answers among them ($answered)"
unchanged=$(cat "$T_DIR"/poll.* | awk -v t="$stopped_at" '$1 < t && $3 == "state" && $2 == 304' | wc -l)
ok $([ "$unchanged" -gt 0 ]; echo $?) "and unchanged polls answered 304 ($unchanged)"
late2xx=$(cat "$T_DIR"/poll.* | awk -v t="$stopped_at" '$1 >= t && $2 ~ /^2/' | wc -l)
after=$(cat "$T_DIR"/poll.* | awk -v t="$stopped_at" '$1 >= t' | wc -l)
is "$late2xx" 0 "not one 2xx for the $after requests (polls and answers) sent after the stop committed"
is "$(cat "$T_DIR"/poll.* | awk -v t="$stopped_at" '$1 >= t {print $2}' | sort -u | tr '\n' ' ')" "401 " \
    "every one of them is 401"
call g POST /api/join "{\"code\":\"$bigcode\"}"
is "$code $body" "$c_unknown" "the stopped session's code: the same answer as an unknown code"
is "$(sql -e "SELECT COUNT(*) FROM participant WHERE session_id = $big AND token_hash IS NOT NULL")" 0 \
    "every participant token of the session is cleared"
call ann GET "/api/sessions/$big"
is "$(jget "$body" session.state) $(jget "$body" session.join_code)" "stopped " "stopped, and the code freed"

call ann POST "/api/sessions/$big/start" ''
is "$code" 200 "start again"
newcode=$(jget "$body" session.join_code)
ok $([ "$newcode" != "$bigcode" ]; echo $?) "with a new code ($bigcode, now $newcode)"
pf_curl -s -o /dev/null -w '%{http_code}' --interface 127.0.4.1 -b "$T_DIR/many/1.jar" \
    "$PF_URL/api/participant/state" >"$T_DIR/again"
is "$(cat "$T_DIR/again")" 401 "nobody from before is inside"
call ann GET "/api/sessions/$big/live"
is "$(jget "$body" participant_count)" 0 "the new run starts empty"
call ann POST "/api/sessions/$big/stop" ''

# --- the automatic stop ---------------------------------------------------------
call p1 GET /api/participant/state
is "$code" 200 "ann's first session still runs"
sql -e "UPDATE session SET started_at = UTC_TIMESTAMP(6) - INTERVAL 13 HOUR WHERE id = $sid"
call p1 GET /api/participant/state
is "$code" 401 "past session_max_hours (12) the tokens are refused at once"
sup=$(cat "$PF_DIR/primoforumd.pid")
pkill -9 -P "$sup"
wait_for "[ \"\$(pgrep -P $sup | wc -l)\" -eq 2 ]" 10
pf_curl -s -o /dev/null "$PF_URL/api/health"
pf_curl -s -o /dev/null "$PF_URL/api/health"
sleep 0.5
is "$(sql -e "SELECT CONCAT(state, ' ', join_code IS NULL) FROM session WHERE id = $sid")" "stopped 1" \
    "and the sweep stops the session and frees its code"
like "$(sql -e "SELECT CONCAT(actor, ' ', outcome) FROM audit_event WHERE action = 'session_stopped' AND target = 'session:$sid'")" \
    'system automatic' "an audit event says it stopped by itself"

# --- guessing --------------------------------------------------------------------
codes=""
for i in $(seq 1 15); do
	codes="$codes $(pf_curl -s -o /dev/null -w '%{http_code}' --interface 127.0.0.99 \
	    -H 'Content-Type: application/json' --data-binary "{\"code\":\"ABCD-EF$(printf '%02d' $i)\"}" \
	    "$PF_URL/api/join")"
done
like "$codes" '429' "guessing codes from one address meets 429 ($codes)"
like "$(sql -e "SELECT target FROM audit_event WHERE action = 'join_refused'")" 'failed joins: 10' \
    "refused joins are audited in aggregate (at 1, 10, 100, ...)"
is "$(sql -e "SELECT COUNT(*) FROM audit_event WHERE action = 'join_refused' AND address = '127.0.0.99'")" 2 \
    "not one row per guess"

# --- co-facilitators and moderators ------------------------------------------
# Ann invites Cora to run her session with her, and Mo to moderate it; the
# mails go out after the answer.  Cora has no account yet, and the free
# plan: a session with teams starts only under Ann's (Pro) plan.
browser cora 127.0.0.21
browser mo 127.0.0.22
browser eve 127.0.0.23
mails() { ls "$PF_DIR/mail" 2>/dev/null | grep -c '^mail\.'; }
invite_token() {	# invite_token EMAIL: the token of the last mail to EMAIL
	grep -l "^To: $1" "$PF_DIR"/mail/mail.* 2>/dev/null | tail -1 | xargs cat |
	    grep -o 'console.html#invite=[0-9a-f]*' | head -1 | cut -d= -f2
}
call ann POST /api/sessions '{"title":"Shared day","named":true,"teams_on":true,"teams":["North","South"]}'
ms=$(jget "$body" session.id)
call ann POST "/api/sessions/$ms/rounds" '{"type":"brainstorm","title":"Ideas together"}'
mr=$(jget "$body" round.id)
m0=$(mails)
call ann POST "/api/sessions/$ms/members" '{"email":" Cora@Example.org ","role":"cofacilitator"}'
is "$code" 201 "the owner invites a co-facilitator"
like "$(jget "$body" members)" '"email":"cora@example.org".*"role":"cofacilitator","state":"pending"' \
    "pending, the email normalized"
call ann POST "/api/sessions/$ms/members" '{"email":"mo@example.org","role":"moderator"}'
is "$code" 201 "and a moderator"
call ann POST "/api/sessions/$ms/members" '{"email":"cora@example.org","role":"moderator"}'
is "$code:$(jget "$body" error.code)" 409:already_invited "the same email twice: already_invited"
call ann POST "/api/sessions/$ms/members" '{"email":"x@example.org","role":"boss"}'
is "$code" 422 "an unknown role is refused"
call ann POST "/api/sessions/$ms/members" '{"email":"ann@example.org","role":"moderator"}'
is "$code" 422 "the owner cannot invite herself"
wait_for "[ \$(mails) -ge $((m0 + 2)) ]" 10
is "$(mails)" $((m0 + 2)) "two mails, one per invitation"
ctok=$(invite_token cora@example.org)
mtok=$(invite_token mo@example.org)
like "$ctok" '^[0-9a-f]{64}$' "the mail carries a link with a 256-bit token in its fragment"
like "$(grep -l '^To: cora@example.org' "$PF_DIR"/mail/mail.* | xargs cat)" 'Shared day' "naming the session"
unlike "$(sql -e "SELECT HEX(token_hash) FROM session_member")" "$ctok" "the token is stored hashed"
call cora POST /api/invitations/accept "{\"token\":\"$ctok\"}"
is "$code" 401 "accepting needs a login"
call eve POST /api/accounts '{"email":"eve@example.org","display_name":"Eve","password":"eve has a good passphrase"}'
call eve POST /api/invitations/accept "{\"token\":\"$ctok\"}"
is "$code:$(jget "$body" error.code)" 403:invite_other_account "a forwarded link gives another account nothing"
call eve GET "/api/sessions/$ms"
is "$code" 404 "Eve still does not find the session"
call cora POST /api/accounts '{"email":"cora@example.org","display_name":"Cora","password":"cora has a good passphrase"}'
call cora GET "/api/sessions/$ms"
is "$code" 404 "before accepting, the invitee does not find it either"
call cora POST /api/invitations/accept "{\"token\":\"$ctok\"}"
is "$code" 200 "the invitee registers, then accepts"
is "$(jget "$body" session.role)" cofacilitator "as co-facilitator"
call cora POST /api/invitations/accept "{\"token\":\"$ctok\"}"
is "$code:$(jget "$body" error.code)" 400:invalid_token "the link works once"
call cora GET /api/sessions
like "$(jget "$body" shared)" "\"id\":$ms,.*\"role\":\"cofacilitator\"" "her console lists the shared session with her role"
# The co-facilitator runs it: start (Ann's plan has teams, Cora's not),
# open a round, step.
call cora POST "/api/sessions/$ms/start" ''
is "$code" 200 "the co-facilitator starts it, under the owner's plan (teams)"
mcode=$(jget "$body" session.join_code)
call cora POST "/api/sessions/$ms/rounds/$mr/open" ''
is "$code" 200 "opens a round"
call cora POST "/api/sessions/$ms/step" "{\"kind\":\"round\",\"round\":$mr,\"view\":\"question\"}"
is "$code" 200 "steps the projector"
call cora PATCH "/api/sessions/$ms" '{"description":"Edited by Cora"}'
is "$code" 200 "edits it"
call cora GET "/api/sessions/$ms/members"
is "$code" 403 "but does not manage its members"
call cora POST "/api/sessions/$ms/members" '{"email":"z@example.org","role":"moderator"}'
is "$code" 403 "nor invites"
call cora DELETE "/api/sessions/$ms"
is "$code" 403 "nor deletes it"
# The moderator moderates: a participant's idea hidden and shown.
call mo POST /api/accounts '{"email":"mo@example.org","display_name":"Mo","password":"mo has a good passphrase"}'
call mo POST /api/invitations/accept "{\"token\":\"$mtok\"}"
is "$code:$(jget "$body" session.role)" 200:moderator "the moderator accepts"
call ann GET "/api/sessions/$ms/members"
like "$(jget "$body" members)" '"display_name":"Mo","email":"mo@example.org","id":[0-9]+,"invited_at":"[^"]+","role":"moderator","state":"accepted"' \
    "the owner's list shows who accepted"
browser mp 127.0.0.24
call mp POST /api/join "{\"code\":\"$mcode\",\"display_name\":\"Mia\",\"team\":\"North\"}"
call mp POST "/api/participant/rounds/$mr/ideas" '{"text":"Longer breaks"}'
mi=$(sql -e "SELECT id FROM idea WHERE round_id = $mr")
ok $([ -n "$mi" ]; echo $?) "a participant's idea to moderate"
call mo GET "/api/sessions/$ms"
is "$code:$(jget "$body" session.role)" 200:moderator "the moderator sees the session, with the role"
call mo GET /api/account/export
like "$(jget "$body" shared_sessions)" "\"id\":$ms,.*\"role\":\"moderator\"" "the moderator's own export lists the session shared with her, and her role"
call mo GET "/api/sessions/$ms/rounds/$mr/ideas"
is "$code" 200 "and its ideas"
call mo PATCH "/api/sessions/$ms/rounds/$mr/ideas/$mi" '{"hidden":true}'
is "$code" 200 "hides an idea"
is "$(sql -e "SELECT hidden FROM idea WHERE id = $mi")" 1 "hidden"
for r in "POST /api/sessions/$ms/stop" "DELETE /api/sessions/$ms" "GET /api/sessions/$ms/export" \
    "PATCH /api/sessions/$ms {\"title\":\"Mine\"}" "POST /api/sessions/$ms/rounds {\"type\":\"open\",\"title\":\"x\"}" \
    "POST /api/sessions/$ms/rounds/$mr/close" "POST /api/sessions/$ms/step {\"kind\":\"join\"}"; do
	set -- ${r%% \{*}
	data=""; case "$r" in *" {"*) data="{${r#* \{}" ;; esac
	call mo "$1" "$2" "$data"
	is "$code" 403 "the moderator may not: $1 ${2#/api/sessions/$ms}"
done
is "$(sql -e "SELECT CONCAT(state, ' ', title) FROM session WHERE id = $ms")" "running Shared day" "the session runs on, unchanged"
# Revoked: gone at once, on every route.
# The co-facilitator made the projector link: it dies with her role.
call cora POST "/api/sessions/$ms/projector" ''
mtokp=$(jget "$body" projector_link); mtokp=${mtokp#*#}
browser mroom 127.0.0.25
call mroom GET /api/projector/state '' -H "X-Projector-Token: $mtokp"
is "$code" 200 "the co-facilitator's projector link shows the room"
is "$(for i in $(seq 1 60); do c=$(pf_curl -s -o /dev/null -w '%{http_code}' "$PF_URL/live/$mtokp.json"); [ "$c" = 200 ] && break; sleep 0.05; done; echo "$c")" 200 "the room's document is served under it"
cid=$(sql -e "SELECT id FROM session_member WHERE email = 'cora@example.org'")
call ann DELETE "/api/sessions/$ms/members/$cid"
is "$code" 204 "the owner revokes the co-facilitator"
call mroom GET /api/projector/state '' -H "X-Projector-Token: $mtokp"
is "$code" 404 "revoked: the projector link she made (and could read) no longer works"
is "$(pf_curl -s -o /dev/null -w '%{http_code}' "$PF_URL/live/$mtokp.json")" 404 "revoked: nor does the room's document"
is "$(sql -e "SELECT COUNT(*) FROM session WHERE id = $ms AND room_token IS NULL AND state = 'running'")" 1 "the session runs on; the owner makes a new link"
for r in "GET /api/sessions/$ms" "POST /api/sessions/$ms/stop" "GET /api/sessions/$ms/rounds" "GET /api/sessions/$ms/live"; do
	call cora ${r% *} ${r#* }
	is "$code" 404 "revoked: $r is 404 at once"
done
call cora GET /api/sessions
is "$(jget "$body" shared)" "[]" "and her console no longer lists it"
# An expired invitation does not work.
call ann POST "/api/sessions/$ms/members" '{"email":"eve@example.org","role":"moderator"}'
wait_for "[ -n \"\$(invite_token eve@example.org)\" ]" 10
sql -e "UPDATE session_member SET expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND WHERE email = 'eve@example.org'"
call eve POST /api/invitations/accept "{\"token\":\"$(invite_token eve@example.org)\"}"
is "$code:$(jget "$body" error.code)" 400:invalid_token "an expired invitation is refused"
call ann GET "/api/sessions/$ms/members"
like "$(jget "$body" members)" '"email":"eve@example.org".*"state":"expired"' "and listed as expired for the owner"
actions=$(sql -e "SELECT CONCAT(action, ':', outcome) FROM audit_event WHERE action LIKE 'member%'" | tr '\n' ' ')
for a in member_invited:ok member_accepted:ok member_accepted:refused member_revoked:ok; do
	like "$actions" "(^| )$a( |$)" "audit event: $a"
done
call ann POST "/api/sessions/$ms/stop" ''
# --- profile questions and results by group -----------------------------------
# A question set and checked while nobody has joined; answered at join
# (one tap; "rather not say" is null and counts as other); a round's
# results per group against a hand-computed case (docs/rounds.md,
# "Results by group"); the minimum group size (P8) in the API, the
# room's document and the downloads.
call ann POST /api/sessions '{"title":"Consultation"}'
G=$(jget "$body" session.id)
call ann GET "/api/sessions/$G/profile"
is "$code:$(jget "$body" profile.questions):$(jget "$body" profile.group_min)" "200:[]:5" "profile.get: no questions, minimum 5"
call ann PUT "/api/sessions/$G/profile" '{"questions":[{"text":"I am here as","answers":["Resident"]}]}'
is "$code:$(jget "$body" error.code)" 422:invalid_field "one answer is too few"
like "$(jget "$body" error.message)" 'question 1 needs 2 to 12 answers' "saying how many"
call ann PUT "/api/sessions/$G/profile" '{"questions":[{"text":"I am here as","answers":["Resident","resident"]}]}'
like "$code:$(jget "$body" error.message)" '422:question 1 has the answer "resident" twice' "a duplicate answer is refused"
call ann PUT "/api/sessions/$G/profile" '{"questions":[{"text":"A","answers":["x","y"]},{"text":"B","answers":["x","y"]},{"text":"C","answers":["x","y"]}]}'
is "$code:$(jget "$body" error.code)" 422:invalid_field "three questions are too many"
call ann PUT "/api/sessions/$G/profile" '{"questions":[{"text":"A","answers":["x","y"]},{"text":"a","answers":["x","y"]}]}'
like "$code:$(jget "$body" error.message)" '422:question 2 is the same as question 1' "the same question twice is refused"
call ann PUT "/api/sessions/$G/profile" '{"questions":[{"text":"  ","answers":["x","y"]}]}'
is "$code" 422 "a blank question is refused"
call ann PUT "/api/sessions/$G/profile" '{"group_min":2}'
like "$code:$(jget "$body" error.message)" '422:group_min must be a whole number from 3 to 100' "a minimum below 3 is refused"
call ann PUT "/api/sessions/$G/profile" '{"questions":[{"text":"I am here as","answers":["Resident","Business","Municipality"]}]}'
is "$code" 200 "profile.set: one question, three answers"
Q=$(jget "$body" profile.questions.0.id)
A_RES=$(jget "$body" profile.questions.0.answers.0.id)
A_BUS=$(jget "$body" profile.questions.0.answers.1.id)
A_MUN=$(jget "$body" profile.questions.0.answers.2.id)
call ann PUT "/api/sessions/$G/profile" '{"questions":[{"text":"Bad","answers":["x"]}]}'
call ann GET "/api/sessions/$G/profile"
is "$(jget "$body" profile.questions.0.text):$(jget "$body" profile.questions.0.answers.2.text)" "I am here as:Municipality" "a refused change lost nothing saved"
call ann POST "/api/sessions/$G/duplicate" ''
GCOPY=$(jget "$body" session.id)
call ann GET "/api/sessions/$GCOPY/profile"
is "$(jget "$body" profile.questions.0.text):$(jget "$body" profile.questions.0.answers.2.text):$(jget "$body" profile.group_min)" \
    "I am here as:Municipality:5" "a duplicate has the same profile questions"
call ann PUT "/api/sessions/$GCOPY/profile" '{"questions":[{"text":"I am here as","answers":["Resident","Business"]},{"text":"My age","answers":["under 30","30 to 60","over 60"]}],"group_min":8}'
is "$code:$(jget "$body" profile.questions.1.answers.2.text):$(jget "$body" profile.group_min)" "200:over 60:8" "two questions and another minimum: the copy is a draft nobody joined"
pf_curl -s -b "$T_DIR/jar.ann" -o "$T_DIR/gc.csv" "$PF_URL/api/sessions/$GCOPY/responses.csv"
is "$(head -1 "$T_DIR/gc.csv" | tail -c +4 | tr -d '\r')" \
    "round,question,type,option,criterion,value,text,cluster,idea_state,team,time,group" \
    "two questions: responses.csv has one group column (two on a row would cross the groups)"
call bob GET "/api/sessions/$G/profile"
c1=$code
call bob PUT "/api/sessions/$G/profile" '{"group_min":9}'
c2=$code
call ann GET "/api/sessions/$G/profile"
is "$c1:$c2:$(jget "$body" profile.group_min)" "404:404:5" "another account: profile.get and .set 404, nothing changed"
call ann POST "/api/sessions/$G/rounds" '{"type":"statements","title":"Do you agree?","options":["Build the bridge","Keep the park"]}'
GR=$(jget "$body" round.id)
GA=$(jget "$body" round.options.0.id); GB=$(jget "$body" round.options.1.id)
call ann POST "/api/sessions/$G/rounds" '{"type":"choice","title":"Few answer","options":["Yes","No"],"min_picks":1,"max_picks":1}'
GC=$(jget "$body" round.id); GY=$(jget "$body" round.options.0.id)
call ann POST "/api/sessions/$G/start" ''
GCODE=$(jget "$body" session.join_code)
# 6 residents, 5 businesses, 2 municipality, 2 rather not say, 1 never
# answers: with a minimum of 5 the municipality is merged into other (5).
who=(); n=0
for g in R R R R R R B B B B B M M N N X; do
	n=$((n + 1)); browser "g$n" "127.0.3.$n"; who[$n]=$g
	call "g$n" POST /api/join "{\"code\":\"$GCODE\"}"
done
call g1 GET /api/participant/profile
is "$code:$(jget "$body" questions.0.text):$(jget "$body" questions.0.answered)" "200:I am here as:false" "participant.profile: the question, not answered yet"
like "$(jget "$body" questions.0.answers)" '"text":"Resident".*"text":"Business".*"text":"Municipality"' "with its answers in order"
call g1 POST /api/participant/profile "{\"question\":$Q,\"answer\":999999}"
is "$code:$(jget "$body" error.code)" 422:invalid_field "an answer the question does not have: 422"
call g1 POST /api/participant/profile "{\"question\":$Q}"
is "$code:$(jget "$body" error.code)" 422:missing_field "no answer at all: 422 (null is rather not say)"
for n in $(seq 1 15); do
	case ${who[$n]} in
	R) a=$A_RES ;; B) a=$A_BUS ;; M) a=$A_MUN ;; N) a=null ;;
	esac
	call "g$n" POST /api/participant/profile "{\"question\":$Q,\"answer\":$a}"
done
is "$code:$(jget "$body" questions.0.answered):$(jget "$body" questions.0.answer)" "200:true:" "rather not say: answered, no answer"
call g1 GET /api/participant/profile
is "$code:$(jget "$body" questions.0.answer)" "200:$A_RES" "a resident's answer is kept"
gv=$(sql -e "SELECT version FROM session WHERE id = $G")
call g1 POST /api/participant/profile "{\"question\":$Q,\"answer\":$A_RES}"
ok "$(sql -e "SELECT version > $gv FROM session WHERE id = $G" | grep -qx 1; echo $?)" "a profile answer moves the session's version: the room's groups refetch"
is "$(sql -e "SELECT COUNT(*) FROM participant_profile pp JOIN participant p ON p.id = pp.participant_id WHERE p.session_id = $G")" 15 "fifteen answers, with the participants"
call ann PUT "/api/sessions/$G/profile" '{"questions":[{"text":"Other","answers":["x","y"]}]}'
is "$code:$(jget "$body" error.code)" 409:profile_locked "people have joined: the questions stay"
call ann PUT "/api/sessions/$G/profile" '{"group_min":5}'
is "$code:$(jget "$body" profile.locked)" 200:true "the minimum still can change"
# Statement 1: residents 5,5,4,4,5,4 (4.50), businesses 1,2,1,2,2 (1.60),
# other (municipality 3,3; rather not say 3,4; never 2) 3.00.
# Statement 2: 4 each, but businesses 4,4,5,4,4 (4.20).
call ann POST "/api/sessions/$G/rounds/$GR/open" ''
v1=(0 5 5 4 4 5 4 1 2 1 2 2 3 3 3 4 2)
for n in $(seq 1 16); do
	b=4; [ "$n" = 9 ] && b=5
	call "g$n" POST "/api/participant/rounds/$GR/answer" "{\"answers\":[{\"option\":$GA,\"value\":${v1[$n]}},{\"option\":$GB,\"value\":$b}]}"
done
call ann GET "/api/sessions/$G/rounds/$GR/groups"
is "$code" 200 "round.groups: 200"
gx() { printf '%s' "$body" | perl -MJSON::PP -e "$1"; }
is "$(gx 'my $g = decode_json(<STDIN>)->{groups}; print join " ", map { ($_->{key} =~ s/^a\d+$/a/r) . "=" . $_->{responses} } @{$g->{groups}}')" \
    "a=6 a=5 other=5" "three groups: residents 6, businesses 5, other 5"
is "$(gx 'my $g = decode_json(<STDIN>)->{groups}; print join " ", map { $_->{answer} // "null" } @{$g->{groups}}')" \
    "$A_RES $A_BUS null" "in the question's order, other last"
is "$(jget "$body" groups.merged)" "[$A_MUN]" "the municipality (2) merged into other"
is "$(jget "$body" groups.left_out)" 0 "nobody left out"
is "$(gx 'my $g = decode_json(<STDIN>)->{groups}; print join " ", map { $_->{results}{options}[0]{mean} } @{$g->{groups}}')" \
    "4.5 1.6 3" "statement 1's means per group: 4.50, 1.60, 3.00"
is "$(gx 'my $g = decode_json(<STDIN>)->{groups}; print join " ", map { "$_->{verdict}:" . ($_->{above} // "-") . ":" . ($_->{below} // "-") } @{$g->{cross}}')" \
    "differ:a$A_RES:a$A_BUS agree:-:-" "statement 1: residents and businesses differ; statement 2: all agree"
is "$(gx 'my $g = decode_json(<STDIN>)->{groups}; print join " ", map { $_->{side} } @{$g->{cross}[0]{groups}}')" \
    "1 -1 0" "sides of statement 1: above, below, neutral (3.00 within 0.5 of 3)"
is "$(jget "$body" groups.question.answers.2.text)" Municipality "the question's answers name the groups"
is "$(jget "$body" groups.cross.0.all.measure)" 3.12 "and the whole room's: 50/16 = 3.125 (written 3.12)"
call ann GET "/api/sessions/$G/rounds/$GR/groups?question=999999"
is "$code:$(jget "$body" error.message)" "404:this session has no such profile question" "round.groups: a question of no session is 404"
call ann GET "/api/sessions/$G/rounds/$GR/groups?question=x"
is "$code:$(jget "$body" error.code)" 400:invalid_query "a question that is no number: 400"
call bob GET "/api/sessions/$G/rounds/$GR/groups"
c1=$code
call ann GET "/api/sessions/$sid/rounds/$GR/groups"
c2=$code
call ann GET "/api/sessions/$G/rounds/$GR/groups"
is "$c1:$c2:$code" "404:404:200" "round.groups: another account's session, a round of another session 404; the owner's 200"
# Three residents and one business answer: all merged, and an "other" of 4
# is below the minimum: no group is shown.
call ann POST "/api/sessions/$G/rounds/$GC/open" ''
for n in 1 2 3 7; do
	call "g$n" POST "/api/participant/rounds/$GC/answer" "{\"choices\":[$GY]}"
done
call ann GET "/api/sessions/$G/rounds/$GC/groups"
is "$(jget "$body" groups.groups):$(jget "$body" groups.left_out)" "[]:4" "a lone other of 4: left out, none shown"
call ann PUT "/api/sessions/$G/profile" '{"group_min":3}'
call ann GET "/api/sessions/$G/rounds/$GC/groups"
is "$(jget "$body" groups.groups):$(jget "$body" groups.left_out):$(jget "$body" groups.merged)" "[]:4:[$A_BUS,$A_RES]" \
    "minimum 3: the residents (3) would give the lone business away as the difference to the whole: they join other, none shown"
call ann PUT "/api/sessions/$G/profile" '{"group_min":5}'
# The room: the facilitator sets the projector's group view.
call ann PUT "/api/sessions/$G/group-view" "{\"question\":999999}"
is "$code:$(jget "$body" error.code)" 422:invalid_field "group-view: a question of no session is 422"
call ann PUT "/api/sessions/$G/group-view" "{\"question\":$Q,\"mode\":\"sideways\"}"
is "$code" 422 "group-view: an unknown mode is 422"
call ann PUT "/api/sessions/$G/group-view" "{\"question\":$Q,\"mode\":\"highlight\",\"highlight\":$A_MUN}"
is "$code:$(jget "$body" profile.view.mode):$(jget "$body" profile.view.highlight)" "200:highlight:$A_MUN" "group-view: highlight the municipality"
call bob PUT "/api/sessions/$G/group-view" "{\"question\":null}"
c1=$code
call ann GET "/api/sessions/$G/profile"
is "$c1:$(jget "$body" profile.view.mode)" "404:highlight" "another account: group-view 404, the view unchanged"
call ann POST "/api/sessions/$G/projector" ''
GTOK=$(jget "$body" projector_link); GTOK=${GTOK#*#}
call ann POST "/api/sessions/$G/step" "{\"kind\":\"round\",\"round\":$GR,\"view\":\"results\"}"
browser groom 127.0.3.99
call groom GET /api/projector/state '' -H "X-Projector-Token: $GTOK"
is "$(jget "$body" round.group_view.mode):$(jget "$body" round.group_view.highlight)" "highlight:a$A_MUN" "projector: the view and its group"
is "$(gx 'my $g = decode_json(<STDIN>)->{round}{groups}; print join " ", map { $_->{key} . "=" . $_->{responses} } @{$g->{groups}}')" \
    "a$A_RES=6 a$A_BUS=5 other=5" "projector: merged groups only (the municipality in other)"
for i in $(seq 1 60); do
	pf_curl -s -o "$T_DIR/groom.json" "$PF_URL/live/$GTOK.json"
	grep -q '"group_view"' "$T_DIR/groom.json" 2>/dev/null && break
	sleep 0.05
done
body=$(cat "$T_DIR/groom.json")
is "$(gx 'my $g = decode_json(<STDIN>)->{round}{groups}; print join " ", map { $_->{responses} } @{$g->{groups}}'):$(jget "$body" round.groups.merged):$(grep -c 'participant_profile\|"participant"' "$T_DIR/groom.json")" \
    "6 5 5:[$A_MUN]:0" "the room's document: the same merged groups, nobody's own answer"
call g1 GET /api/participant/state
st=$(printf '%s' "$body" | grep -c '"groups"\|Municipality')
call g1 GET /api/participant/profile
is "$st:$(printf '%s' "$body" | grep -c 'Municipality')" "0:1" "the participants' state has no groups (the profile only from its own route)"
# The downloads: a group column, per-group tables.
pf_curl -s -b "$T_DIR/jar.ann" -o "$T_DIR/g.csv" "$PF_URL/api/sessions/$G/responses.csv"
is "$(head -1 "$T_DIR/g.csv" | tail -c +4 | tr -d '\r')" \
    "round,question,type,option,criterion,value,text,cluster,idea_state,team,time,group" "responses.csv: a group column"
tr -d '\r' <"$T_DIR/g.csv" >"$T_DIR/g.txt"
is "$(grep -c ',Resident$' "$T_DIR/g.txt"):$(grep -c ',Business$' "$T_DIR/g.txt"):$(grep -c ',other$' "$T_DIR/g.txt"):$(grep -c 'Municipality' "$T_DIR/g.txt")" \
    "12:10:10:0" "statements: 12 resident values, 10 business, 10 other; no municipality (merged)"
is "$(grep -c '^2,Few answer,choice,Yes,,1,,,,,[^,]*,$' "$T_DIR/g.txt")" 4 "the round where all are left out: no group named"
pf_curl -s -b "$T_DIR/jar.ann" -o "$T_DIR/g1.csv" "$PF_URL/api/sessions/$G/rounds/$GR/results.csv"
like "$(tr -d '\r' <"$T_DIR/g1.csv")" 'by group,I am here as,minimum,5,merged into other,1,left out,0' "results.csv: a per-group table"
like "$(tr -d '\r' <"$T_DIR/g1.csv")" 'group,Resident,responses,6' "with each group"
like "$(tr -d '\r' <"$T_DIR/g1.csv")" 'Build the bridge,differ,Resident,Business,1,4.50,-1,1.60,0,3.00' "and the cross-group view"
pf_curl -s -b "$T_DIR/jar.ann" -o "$T_DIR/g.xlsx" "$PF_URL/api/sessions/$G/export.xlsx"
cells=$("$PF_SRC/t/lib/xlsx-cells" "$T_DIR/g.xlsx")
like "$cells" '1 Do you agree![A-Z]+[0-9]+ s by group' "the workbook: a per-group table on the round's sheet"
like "$cells" '1 Do you agree![A-Z]+[0-9]+ s differ' "with the verdict"
is "$(printf '%s\n' "$cells" | grep -c ' s Resident$'):$(printf '%s\n' "$cells" | grep -c 'Municipality')" 3:0 \
    "residents named (group, above, a column of the cross view), the municipality (below the minimum) nowhere"
call ann GET "/api/sessions/$G/export"
is "$(jget "$body" session.profile.questions.0.answers.1.text):$(jget "$body" session.profile.group_min):$(printf '%s' "$body" | grep -c 'participant_profile')" "Business:5:0" \
    "the session's export has its profile questions, not who answered what"
call ann POST "/api/sessions/$G/stop" ''

# --- the audit trail and the account's data ------------------------------------------
actions=$(sql -e "SELECT DISTINCT action FROM audit_event" | tr '\n' ' ')
for a in session_started session_stopped session_locked session_unlocked \
    participant_removed session_deleted join_refused; do
	like "$actions" "(^| )$a( |$)" "audit event: $a"
done
call ann GET /api/account/export
like "$(jget "$body" sessions)" '"title":"Study day, edited".*|"title":"Big room"' "the export lists the sessions"
call ann DELETE /api/account '{"password":"ann has a good passphrase"}'
is "$code" 204 "ann deletes her account"
is "$(sql -e "SELECT (SELECT COUNT(*) FROM session) + (SELECT COUNT(*) FROM participant) + (SELECT COUNT(*) FROM team)")" 0 \
    "her sessions, teams and participants are gone with it"

done_testing
