#!/bin/bash
# SPDX-License-Identifier: ISC
# join.t: a participant joins from the join link on a phone-sized
# Chromium, sees the session, and when the facilitator stops it the page
# says that the session has ended, within a few seconds (P7); a second
# phone, removed by the facilitator, says that she was removed.
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
# A second phone, whom the facilitator will remove.
PF_SHOT="$T_DIR/removed.png" node join.mjs "$link" en-GB "Marie" "Tafel 1" \
    "$T_DIR/removed" >"$T_DIR/phone2.out" 2>&1 &
phone2=$!
wait_for "grep -q 'joined: yes' '$T_DIR/phone.out'" 30
ok $? "the phone joined through the page"
wait_for "grep -q 'joined: yes' '$T_DIR/phone2.out'" 30
ok $? "and a second one"
out=$(cat "$T_DIR/phone.out")
like "$out" 'code-field: [0-9A-Z]{8}' "the code came from the link"
like "$out" 'fields-before: 0' "no name or team field before the session asks"
like "$out" 'name-asked: .*(name|naam)' "the name field appears with its reason next to it"
like "$out" 'team-asked: .*(team|tafel)' "then the team field"
like "$out" 'title: Studiedag' "the page shows the session's title"
like "$out" 'who: Je doet mee als Piet \(Tafel 2\)' "and the participant's name and team, in the session's language"
call ann GET "/api/sessions/$sid/live"
like "$(jget "$body" participants)" '"display_name":"Piet"' "the facilitator sees Piet"

marie=$(jget "$body" participants | perl -MJSON::PP -e 'print $_->{id} for grep { $_->{display_name} eq "Marie" } @{decode_json(<STDIN>)}')
call ann DELETE "/api/sessions/$sid/participants/$marie"
is "$code" 204 "the facilitator removes Marie"
touch "$T_DIR/removed"
wait "$phone2"
out2=$(cat "$T_DIR/phone2.out")
like "$out2" 'ended: Je bent uit deze sessie verwijderd' "her phone says she was removed, not that the session ended"
like "$out2" 'problems: 0' "no script errors on her phone"

call ann POST "/api/sessions/$sid/stop" ''
is "$code" 200 "the facilitator stops the session"
touch "$T_DIR/stopped"
wait "$phone"
out=$(cat "$T_DIR/phone.out")
like "$out" 'ended: Deze sessie is afgelopen' "the phone says the session has ended"
ms=$(printf '%s' "$out" | sed -n 's/^ended-after-ms: //p')
ok $([ -n "$ms" ] && [ "$ms" -le 5000 ]; echo $?) "within the next poll or two (${ms} ms)"
like "$out" 'problems: 0' "no script errors on the way"
[ -n "${PF_SCREENSHOTS:-}" ] && cp "$T_DIR/ended.png" "$T_DIR/removed.png" "$PF_SCREENSHOTS/"

done_testing
