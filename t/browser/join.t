#!/bin/bash
# SPDX-License-Identifier: ISC
# join.t: a participant joins from the join link on a phone-sized
# Chromium, sees the session, and when the facilitator stops it the page
# says that the session has ended, within a few seconds (P7); a second
# phone, removed by the facilitator, says that she was removed.  Then
# profile questions (groups.mjs): phones at 360x740 and 320x568 answer
# one at join, the console shows a round's results by group and the
# cross-group view as computed by hand, merging a group below the
# minimum, and puts them on the projector (1280x720, 1920x1080).
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

# --- profile questions and results by group (groups.mjs) -------------------------
# The hand-computed case of docs/rounds.md ("Results by group"): 6
# residents, 5 businesses, 2 municipality (merged into other: fewer than
# 5), 2 rather not say, 1 never answers.  Two of the residents are phones
# in Chromium, who meet the question right after the join.
call ann POST /api/sessions '{"title":"Consultation","language":"en"}'
G=$(jget "$body" session.id)
call ann PUT "/api/sessions/$G/profile" '{"questions":[{"text":"I am here as","answers":["Resident","Business","Municipality"]}]}'
Q=$(jget "$body" profile.questions.0.id)
A_RES=$(jget "$body" profile.questions.0.answers.0.id)
A_BUS=$(jget "$body" profile.questions.0.answers.1.id)
A_MUN=$(jget "$body" profile.questions.0.answers.2.id)
call ann POST "/api/sessions/$G/rounds" '{"type":"statements","title":"Do you agree?","options":["Build the bridge","Keep the park"]}'
GR=$(jget "$body" round.id)
GA=$(jget "$body" round.options.0.id); GB=$(jget "$body" round.options.1.id)
call ann POST "/api/sessions/$G/start" ''
glink=$(jget "$body" session.join_link); gcode=$(jget "$body" session.join_code)
call ann POST "/api/sessions/$G/rounds/$GR/open" ''
n=0
for x in "$A_RES 4 4" "$A_RES 4 4" "$A_RES 5 4" "$A_RES 4 4" \
    "$A_BUS 1 4" "$A_BUS 2 4" "$A_BUS 1 5" "$A_BUS 2 4" "$A_BUS 2 4" \
    "$A_MUN 3 4" "$A_MUN 3 4" "null 3 4" "null 4 4" "none 2 4"; do
	set -- $x; n=$((n + 1))
	browser "g$n" "127.0.4.$n"
	call "g$n" POST /api/join "{\"code\":\"$gcode\"}"
	[ "$1" != none ] && call "g$n" POST /api/participant/profile "{\"question\":$Q,\"answer\":$1}"
	call "g$n" POST "/api/participant/rounds/$GR/answer" "{\"answers\":[{\"option\":$GA,\"value\":$2},{\"option\":$GB,\"value\":$3}]}"
done
call ann POST "/api/sessions/$G/projector" ''
plink=$(jget "$body" projector_link)
call ann POST "/api/sessions/$G/step" "{\"kind\":\"round\",\"round\":$GR,\"view\":\"results\"}"
gshots=${PF_SCREENSHOTS:-$T_DIR/screenshots}
mkdir -p "$gshots"
out=$(PF_PROJECTOR_LINK=$plink node groups.mjs "$PF_URL" ann@example.org "ann has a good passphrase" "$G" "$glink" "$GR" "$gshots" 2>&1)
printf '%s\n' "$out" | sed 's/^/# /'
like "$out" 'phone 360x740 asked: I am here as \[Resident\|Business\|Municipality\|Rather not say\]' "the phone asks the profile question right after the join, with rather not say"
like "$out" 'phone 320x568 asked: I am here as' "on the small phone too"
like "$out" 'phone 360x740 targets: small 0 out 0 wide true rounds hidden true' "big targets, all in view, before any round (360x740)"
like "$out" 'phone 320x568 targets: small 0 out 0 wide true rounds hidden true' "and at 320x568"
like "$out" 'phone 360 kept: Resident' "one tap keeps the answer"
like "$out" 'phone 320 answer: 201' "then the round"
like "$out" 'console profile: I am here as \[Resident\|Business\|Municipality\] disabled true :: People have joined' "the console's settings show the question, locked once people joined"
like "$out" 'console counts: Resident \(6\) · Business \(5\) · Other \(5\)' "the console: residents 6, businesses 5, other 5"
like "$out" 'console merged: Merged into other, so that every group shown has at least 5: Municipality' "the municipality (2) merged into other"
like "$out" 'console side 1: Build the bridge = Resident 4.5 g-above, Business 1.6 g-below, Other 3 g-middle => Resident and Business differ' \
    "side by side: 4.5 above, 1.6 below, 3 in the middle: residents and businesses differ"
like "$out" 'console side 2: Keep the park = Resident 4 g-above, Business 4.2 g-above, Other 4 g-above => All groups agree' \
    "the park: all above: all groups agree"
like "$out" 'console cross 1: Build the bridge: Resident and Business differ — Resident above \(4.5\), Business below \(1.6\), Other in the middle \(3\)' \
    "the cross-group view names who differs, measured per group"
like "$out" 'console highlight 1: Build the bridge = Business 1.6 g-below, Everyone 3.1 g-middle' "one group against everyone: businesses 1.6, everyone 50/16 = 3.1"
like "$out" 'projector set: yes' "the console puts it on the projector"
like "$out" 'projector 1280x720: fits Resident \(6\) · Business \(5\) · Other \(5\) :: Resident and Business differ \| All groups agree' "the projector at 1280x720, merged groups only"
like "$out" 'projector 1920x1080: fits' "and at 1920x1080"
like "$out" 'projector highlight: Business 1.6, Everyone 3.1' "one group against everyone on the projector, as the console set it"
like "$out" 'presenter groups: By group: I am here as · One group against everyone' "presenter mode shows what the projector shows"
call ann GET "/api/sessions/$G/profile"
is "$(jget "$body" profile.view)" "" "and its choice, everyone together, turns the group view off"
is "$(printf '%s\n' "$out" | grep -c '^axe [^:]*: 0$')" 3 "axe-core: no serious or critical issue on both phones and the console"
is "$(printf '%s\n' "$out" | grep -c '^done: yes$\|^problems: 0$')" 2 "to the end, no script or CSP error"
# A vote of three options on the projector: one table.  Residents (4
# of the API's; the phones do not vote) merged into other: businesses
# X X X Y Z (60, 20, 20 %), other Y x7, Z x2 (0, 78, 22 %).
call ann POST "/api/sessions/$G/rounds" '{"type":"choice","title":"Which first?","options":["X","Y","Z"],"min_picks":1,"max_picks":1}'
GC=$(jget "$body" round.id)
GO=($(printf '%s' "$body" | perl -MJSON::PP -e 'print join " ", map { $_->{id} } @{decode_json(<STDIN>)->{round}{options}}'))
call ann POST "/api/sessions/$G/rounds/$GC/open" ''
picks=(1 1 1 1 0 0 0 1 2 1 1 1 2 2)
for n in $(seq 1 14); do
	call "g$n" POST "/api/participant/rounds/$GC/answer" "{\"choices\":[${GO[${picks[$((n - 1))]}]}]}"
done
call ann PUT "/api/sessions/$G/group-view" "{\"question\":$Q,\"mode\":\"side\"}"
call ann POST "/api/sessions/$G/step" "{\"kind\":\"round\",\"round\":$GC,\"view\":\"results\"}"
out=$(node groups.mjs --projector "$plink" "$gshots" 2>&1)
printf '%s\n' "$out" | sed 's/^/# /'
like "$out" 'table head: \|Business\|Other\|' "the projector's table: a column per group (residents, 4, merged)"
like "$out" 'table row 1: X\|60%\|0%\|Business and Other differ' "X: businesses 60 % above, other 0 % below: they differ"
like "$out" 'table row 2: Y\|20%\|78%\|Other and Business differ' "Y: other 78 % above, businesses 20 % below"
like "$out" 'table row 3: Z\|20%\|22%\|All groups agree' "Z: both below an equal share: all agree"
is "$(printf '%s\n' "$out" | grep -c '^table fits: true$\|^problems: 0$')" 2 "the table fits 1280x720, no script error"

done_testing
