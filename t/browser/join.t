#!/bin/bash
# SPDX-License-Identifier: ISC
# join.t: a participant joins from the join link on a phone-sized
# Chromium, sees the session, and when the facilitator stops it the page
# says that the session has ended, within a few seconds (P7).
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
with_stack
. "$PF_SRC/t/lib/api.sh"

browser ann 127.0.0.11
call ann POST /api/accounts '{"email":"ann@example.org","display_name":"Ann","password":"ann has a good passphrase"}'
sql -e "UPDATE account SET plan = 'pro' WHERE email = 'ann@example.org'"	# teams
call ann POST /api/sessions '{"title":"Studiedag","language":"nl","named":true,"teams_on":true,"teams":["Tafel 1","Tafel 2"]}'
sid=$(jget "$body" session.id)
call ann POST "/api/sessions/$sid/start" ''
link=$(jget "$body" session.join_link)
like "$link" "/j/[0-9A-Z]{8}$" "a running session with a join link"

cd "$PF_SRC/t/browser" || exit 1
PF_SHOT="$T_DIR/ended.png" node join.mjs "$link" en-GB "Piet" "Tafel 2" \
    "$T_DIR/stopped" >"$T_DIR/phone.out" 2>&1 &
phone=$!
wait_for "grep -q 'joined: yes' '$T_DIR/phone.out'" 30
ok $? "the phone joined through the page"
out=$(cat "$T_DIR/phone.out")
like "$out" 'code-field: [0-9A-Z]{8}' "the code came from the link"
like "$out" 'fields-before: 0' "no name or team field before the session asks"
like "$out" 'name-asked: .*(name|naam)' "the name field appears with its reason next to it"
like "$out" 'team-asked: .*(team|tafel)' "then the team field"
like "$out" 'title: Studiedag' "the page shows the session's title"
like "$out" 'who: Je doet mee als Piet \(Tafel 2\)' "and the participant's name and team, in the session's language"
call ann GET "/api/sessions/$sid/live"
like "$(jget "$body" participants)" '"display_name":"Piet"' "the facilitator sees Piet"

call ann POST "/api/sessions/$sid/stop" ''
is "$code" 200 "the facilitator stops the session"
touch "$T_DIR/stopped"
wait "$phone"
out=$(cat "$T_DIR/phone.out")
like "$out" 'ended: Deze sessie is afgelopen' "the phone says the session has ended"
ms=$(printf '%s' "$out" | sed -n 's/^ended-after-ms: //p')
ok $([ -n "$ms" ] && [ "$ms" -le 5000 ]; echo $?) "within the next poll or two (${ms} ms)"
like "$out" 'problems: 0' "no script errors on the way"
[ -n "${PF_SCREENSHOTS:-}" ] && cp "$T_DIR/ended.png" "$PF_SCREENSHOTS/"

done_testing
