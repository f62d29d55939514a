#!/bin/bash
# SPDX-License-Identifier: ISC
# presenter.t: presenter mode through nginx over HTTPS with the real
# database: the step (what the room sees) in the console's, the
# participants' and the projector's states; the projector link without a
# cookie, refused after a renewal (404), ended after the stop (410 with
# nothing of the session), not revived by a new start; the join QR code
# at the join step only; the timer by the server's clock, and an answer
# refused after zero when it closes the round; projector_results live
# and reveal; a phone that reloads resumes from its cookie.  Every route's refusals: another account, anonymous,
# a session not running, bad bodies.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
with_stack
. "$PF_SRC/t/lib/api.sh"

browser ann 127.0.0.11
browser bob 127.0.0.12
browser anon 127.0.0.13
browser room 127.0.0.14
call ann POST /api/accounts '{"email":"ann@example.org","display_name":"Ann","password":"ann has a good passphrase"}'
call bob POST /api/accounts '{"email":"bob@example.org","display_name":"Bob","password":"bob has a good passphrase"}'
sql -e "UPDATE account SET plan = 'pro' WHERE email = 'ann@example.org'"
call ann POST /api/sessions '{"title":"Studiedag","named":true}'
S=$(jget "$body" session.id)
call ann POST "/api/sessions/$S/rounds" '{"type":"choice","title":"Lunch?","options":["Soup","Salad"]}'
is "$code" 201 "a round"
is "$(jget "$body" round.projector_results)" reveal "a new round's projector_results is reveal by default"
R=$(jget "$body" round.id)
O1=$(jget "$body" round.options.0.id)
call ann POST "/api/sessions/$S/rounds" '{"type":"open","title":"Why?","projector_results":"live"}'
is "$(jget "$body" round.projector_results)" live "projector_results live as a setting of a new round"
R2=$(jget "$body" round.id)
call ann POST "/api/sessions/$S/rounds" '{"type":"open","title":"Bad","projector_results":"sometimes"}'
is "$code:$(jget "$body" error.code)" 422:invalid_field "projector_results must be live or reveal"
call anon GET /api/round-types
like "$body" '"settings":\["min_picks","max_picks","projector_results"\]' "round-types: projector_results is a setting of every type"

# --- not running ----------------------------------------------------------
call ann POST "/api/sessions/$S/step" '{"kind":"join"}'
is "$code:$(jget "$body" error.code)" 409:not_running "step: 409 while the session is a draft"
call ann POST "/api/sessions/$S/projector" ''
is "$code:$(jget "$body" error.code)" 409:not_running "projector link: 409 while a draft"
call ann POST "/api/sessions/$S/timer" "{\"round\":$R,\"seconds\":60}"
is "$code:$(jget "$body" error.code)" 409:not_running "timer: 409 while a draft"

call ann POST "/api/sessions/$S/start" ''
CODE=$(jget "$body" session.join_code)
browser p1 127.0.0.21
browser p2 127.0.0.22
call p1 POST /api/join "{\"code\":\"$CODE\",\"display_name\":\"Pieter Een\"}"
call p2 POST /api/join "{\"code\":\"$CODE\",\"display_name\":\"Paula Twee\"}"
is "$code" 201 "two participants"

# --- the step ---------------------------------------------------------------
call ann GET "/api/sessions/$S/live"
is "$(jget "$body" step)" '{"kind":"join","round":null,"view":null}' "live: the step starts at the join screen"
is "$(jget "$body" timer)" "" "live: no timer"
like "$body" '"timer":null' "live: timer is null"
is "$(jget "$body" rounds.0.answered)" 0 "live: per round, answered 0"
is "$(jget "$body" participant_count)" 2 "live: the participant count"
call p1 GET /api/participant/state
is "$(jget "$body" step)" '{"kind":"join","round":null,"view":null}' "participant: the step"
like "$body" '"timer":null' "participant: timer null"

for bad in '{}' '{"kind":"dance"}' '{"kind":"round"}' "{\"kind\":\"join\",\"round\":$R}" \
    "{\"kind\":\"round\",\"round\":$R,\"view\":\"later\"}" '{"kind":"round","round":999999}' \
    "{\"kind\":\"round\",\"round\":$R,\"extra\":1}"; do
	call ann POST "/api/sessions/$S/step" "$bad"
	is "$code" 422 "step: $bad is 422 ($(jget "$body" error.code))"
done
call bob POST "/api/sessions/$S/step" '{"kind":"blank"}'
is "$code" 404 "step: another account's session is 404"
call anon POST "/api/sessions/$S/step" '{"kind":"blank"}'
is "$code" 401 "step: anonymous is 401"

call ann POST "/api/sessions/$S/step" "{\"kind\":\"round\",\"round\":$R,\"view\":\"question\"}"
is "$code" 200 "step: a round's question"
is "$(jget "$body" step)" "{\"kind\":\"round\",\"round\":$R,\"view\":\"question\"}" "step: answered with the step"
call ann GET "/api/sessions/$S/rounds"
is "$(jget "$body" rounds.0.state)" draft "the question view leaves the round a draft"
call p1 GET /api/participant/state
is "$(jget "$body" step.round)" "$R" "participant: sees the new step (the poll cache learnt of it)"
call ann POST "/api/sessions/$S/step" "{\"kind\":\"round\",\"round\":$R,\"view\":\"answer\"}"
call ann GET "/api/sessions/$S/rounds"
is "$(jget "$body" rounds.0.state)" open "the answer view opens a draft round"
call p1 POST "/api/participant/rounds/$R/answer" "{\"choices\":[$O1]}"
is "$code" 201 "p1 answers"
call ann GET "/api/sessions/$S/live"
is "$(jget "$body" rounds.0.answered)" 1 "live: answered 1"
live_etag=$(printf '%s' "$headers" | sed -n 's/^etag: \(.*\)\r$/\1/p')
call ann GET "/api/sessions/$S/live" '' -H "If-None-Match: $live_etag"
is "$code" 304 "live: 304 while nothing changed"
call p2 POST "/api/participant/rounds/$R/answer" "{\"choices\":[$O1]}"
call ann GET "/api/sessions/$S/live" '' -H "If-None-Match: $live_etag"
is "$code:$(jget "$body" rounds.0.answered)" 200:2 "live: an answer changes the ETag; answered 2"

# --- the projector link -----------------------------------------------------
call bob POST "/api/sessions/$S/projector" ''
is "$code" 404 "projector link: another account's session is 404"
call anon POST "/api/sessions/$S/projector" ''
is "$code" 401 "projector link: anonymous is 401"
call ann POST "/api/sessions/$S/projector" ''
is "$code" 201 "projector link: 201"
LINK=$(jget "$body" projector_link)
like "$LINK" '^https://[^/]+/projector\.html#[0-9a-f]{32}$' "the token is in the link's fragment"
TOK=${LINK#*#}
ok "$(sql -e "SELECT COUNT(*) FROM session WHERE projector_token_hash = UNHEX(SHA2('$TOK', 256))" | grep -qx 1; echo $?)" "only the token's SHA-256 is stored"
call room GET /api/projector/state '' -H "X-Projector-Token: $TOK"
is "$code" 200 "projector: 200 with the token, no cookie"
is "$(jget "$body" session.title)" Studiedag "projector: the session's title"
is "$(jget "$body" session.participants)" 2 "projector: the participants"
like "$(jget "$body" session.join_code)" '^[0-9A-Z]{4}-[0-9A-Z]{4}$' "projector: the join code"
is "$(jget "$body" step.view)" answer "projector: the step"
is "$(jget "$body" round.id):$(jget "$body" round.answered)" "$R:2" "projector: the step's round, answered 2"
is "$(jget "$body" round.results)" "" "projector: no results before the reveal (reveal)"
unlike "$body" 'Pieter|Paula' "projector: no participant's name"
unlike "$body" 'join_qr_svg' "projector: no join QR code at a round's step"
pe=$(printf '%s' "$headers" | sed -n 's/^etag: \(.*\)\r$/\1/p')
call room GET /api/projector/state '' -H "X-Projector-Token: $TOK" -H "If-None-Match: $pe"
is "$code" 304 "projector: 304 on its ETag"
call ann POST "/api/sessions/$S/step" "{\"kind\":\"round\",\"round\":$R,\"view\":\"results\"}"
call room GET /api/projector/state '' -H "X-Projector-Token: $TOK" -H "If-None-Match: $pe"
is "$code" 200 "projector: the step's change changes the ETag"
is "$(jget "$body" round.results.responses)" 2 "projector: results at the results step"
call ann PATCH "/api/sessions/$S/rounds/$R2" '{"projector_results":"maybe"}'
is "$code" 422 "round.update: a bad value is 422"
call ann PATCH "/api/sessions/$S/rounds/$R2" '{"colour":"red"}'
is "$code:$(jget "$body" error.code)" 422:unknown_field "round.update: a field no round has is 422"
call bob PATCH "/api/sessions/$S/rounds/$R2" '{"projector_results":"live"}'
is "$code" 404 "round.update: another account is 404"
call ann PATCH "/api/sessions/$S/rounds/$R" '{"projector_results":"live"}'
is "$code:$(jget "$body" round.projector_results)" 200:live "round.update: live"
call ann POST "/api/sessions/$S/step" "{\"kind\":\"round\",\"round\":$R,\"view\":\"answer\"}"
call room GET /api/projector/state '' -H "X-Projector-Token: $TOK"
is "$(jget "$body" round.results.responses)" 2 "projector: live results while answers come in"
call ann PATCH "/api/sessions/$S/rounds/$R" '{"projector_results":"reveal"}'
call room GET /api/projector/state '' -H "X-Projector-Token: $TOK"
is "$(jget "$body" round.results)" "" "projector: reveal hides them again"
call ann POST "/api/sessions/$S/rounds/$R/reveal" ''
call room GET /api/projector/state '' -H "X-Projector-Token: $TOK"
is "$(jget "$body" round.results.responses)" 2 "projector: results after the reveal"
call ann POST "/api/sessions/$S/step" '{"kind":"blank"}'
call room GET /api/projector/state '' -H "X-Projector-Token: $TOK"
is "$(jget "$body" step.kind):$(jget "$body" round)" "blank:" "projector: a blank step, no round"
like "$body" '"round":null' "projector: round null"
unlike "$body" 'join_qr_svg' "projector: no join QR code at a blank step"
call ann POST "/api/sessions/$S/step" '{"kind":"join"}'
call room GET /api/projector/state '' -H "X-Projector-Token: $TOK"
is "$code:$(jget "$body" step.kind)" 200:join "projector: the join step"
like "$(jget "$body" session.join_qr_svg)" '^<svg xmlns="http://www\.w3\.org/2000/svg" viewBox="0 0 [0-9]+ [0-9]+".*<path fill="#000" d="M[0-9 hvMz-]+"/></svg>$' "projector: the join QR code as SVG at the join step (no login)"
unlike "$(jget "$body" session.join_qr_svg)" '<script|on[a-z]+=|style=' "projector: the SVG has no script, handler or inline style"
call ann POST "/api/sessions/$S/step" '{"kind":"blank"}'
call room GET /api/projector/state ''
is "$code" 404 "projector: no token is 404"
call room GET /api/projector/state '' -H "X-Projector-Token: $(printf "a%.0s" $(seq 1 32))"
is "$code" 404 "projector: a wrong token is 404"
call ann POST "/api/sessions/$S/projector" ''
TOK2=$(jget "$body" projector_link); TOK2=${TOK2#*#}
call room GET /api/projector/state '' -H "X-Projector-Token: $TOK"
is "$code:$(jget "$body" error.code)" 404:not_found "projector: the old token is refused after a renewal"
call room GET /api/projector/state '' -H "X-Projector-Token: $TOK2"
is "$code" 200 "projector: the new token works"
ok "$(grep -c "$TOK2" "$PF_DIR"/*.log "$PF_DIR"/*/*.log 2>/dev/null | grep -v ':0$' | grep -q .; [ $? -ne 0 ]; echo $?)" "the token is in no log"

# --- the timer --------------------------------------------------------------
for bad in '{}' "{\"round\":$R}" "{\"round\":$R,\"seconds\":4}" "{\"round\":$R,\"seconds\":3601}" \
    "{\"round\":$R,\"seconds\":60,\"add\":30}" '{"round":999999,"seconds":60}' '{"add":0}'; do
	call ann POST "/api/sessions/$S/timer" "$bad"
	is "$code" 422 "timer: $bad is 422 ($(jget "$body" error.code))"
done
call ann POST "/api/sessions/$S/timer" '{"add":30}'
is "$code:$(jget "$body" error.code)" 409:wrong_state "timer: add without a timer is 409 wrong_state"
call bob POST "/api/sessions/$S/timer" "{\"round\":$R,\"seconds\":60}"
is "$code" 404 "timer: another account is 404"
call bob DELETE "/api/sessions/$S/timer"
is "$code" 404 "timer stop: another account is 404"
call anon DELETE "/api/sessions/$S/timer"
is "$code" 401 "timer stop: anonymous is 401"
call ann POST "/api/sessions/$S/rounds" '{"type":"choice","title":"Now?","options":["Yes","No"]}'
R3=$(jget "$body" round.id)
O3=$(jget "$body" round.options.0.id)
call ann POST "/api/sessions/$S/step" "{\"kind\":\"round\",\"round\":$R3,\"view\":\"answer\"}"
call ann POST "/api/sessions/$S/timer" "{\"round\":$R3,\"seconds\":60,\"close\":false}"
is "$code" 200 "timer: started"
ms=$(jget "$body" timer.remaining_ms)
ok $([ "$ms" -gt 55000 ] && [ "$ms" -le 60000 ]; echo $?) "timer: remaining_ms $ms by the server's clock"
call ann POST "/api/sessions/$S/timer" '{"add":30}'
ms=$(jget "$body" timer.remaining_ms)
ok $([ "$ms" -gt 85000 ] && [ "$ms" -le 90000 ]; echo $?) "timer: 30 s added ($ms)"
call p1 GET /api/participant/state
is "$(jget "$body" timer.round):$(jget "$body" timer.close)" "$R3:false" "participant: the timer"
ms=$(jget "$body" timer.remaining_ms)
ok $([ "$ms" -gt 80000 ] && [ "$ms" -le 90000 ]; echo $?) "participant: remaining_ms $ms"
call room GET /api/projector/state '' -H "X-Projector-Token: $TOK2"
is "$(jget "$body" timer.round)" "$R3" "projector: the timer"
call ann DELETE "/api/sessions/$S/timer"
is "$code" 204 "timer: stopped"
call ann GET "/api/sessions/$S/live"
like "$body" '"timer":null' "live: no timer after the stop"
# A timer that closes its round: no answer after zero.
call ann POST "/api/sessions/$S/timer" "{\"round\":$R3,\"seconds\":5,\"close\":true}"
is "$(jget "$body" timer.close)" true "timer: close at zero"
call p1 POST "/api/participant/rounds/$R3/answer" "{\"choices\":[$O3]}"
is "$code" 201 "an answer before zero is taken"
sleep 5.5
call p2 POST "/api/participant/rounds/$R3/answer" "{\"choices\":[$O3]}"
is "$code:$(jget "$body" error.code)" 409:round_closed "an answer after zero is refused as closed"
call ann GET "/api/sessions/$S/live"
is "$(jget "$body" timer.remaining_ms)" 0 "live: the timer at zero"
is "$(printf '%s' "$body" | perl -MJSON::PP -e '$r = $ARGV[0]; print map { $_->{state} } grep { $_->{id} == $r } @{decode_json(<STDIN>)->{rounds}}' "$R3")" closed "live: the round is closed at the console's next read"
call ann DELETE "/api/sessions/$S/timer"

# --- team mode: who has not answered --------------------------------------
call ann POST /api/sessions '{"title":"Tafels","teams_on":true,"teams":["Tafel 1","Tafel 2"]}'
T=$(jget "$body" session.id)
call ann POST "/api/sessions/$T/rounds" '{"type":"choice","title":"A or B","options":["A","B"]}'
TR=$(jget "$body" round.id)
TO=$(jget "$body" round.options.0.id)
call ann POST "/api/sessions/$T/start" ''
TCODE=$(jget "$body" session.join_code)
browser t1 127.0.0.31
call t1 POST /api/join "{\"code\":\"$TCODE\",\"team\":\"Tafel 1\"}"
call ann POST "/api/sessions/$T/step" "{\"kind\":\"round\",\"round\":$TR,\"view\":\"answer\"}"
call t1 POST "/api/participant/rounds/$TR/answer" "{\"choices\":[$TO]}"
call ann GET "/api/sessions/$T/live"
is "$(jget "$body" teams_waiting)" '["Tafel 2"]' "live: the teams that have not answered"
is "$(jget "$body" rounds.0.answered)" 1 "live: answered counts teams"
call ann POST "/api/sessions/$S/step" "{\"kind\":\"round\",\"round\":$R2,\"view\":\"question\"}"
call ann GET "/api/sessions/$S/live"
unlike "$body" 'teams_waiting' "no teams_waiting without teams"

# --- a phone that reloads resumes from its cookie ---------------------------
call p1 GET /api/participant/state
is "$code" 200 "a reload: the state from the cookie alone"
is "$(jget "$body" participant.display_name)" "Pieter Een" "the same participant"
is "$(jget "$body" session.title)" Studiedag "the session"
is "$(printf '%s' "$body" | perl -MJSON::PP -e '$r = $ARGV[0]; print map { $_->{answered} ? "yes" : "no" } grep { $_->{id} == $r } @{decode_json(<STDIN>)->{rounds}}' "$R")" yes "and their own answer"

# --- the stop ---------------------------------------------------------------
call ann POST "/api/sessions/$S/stop" ''
call room GET /api/projector/state '' -H "X-Projector-Token: $TOK2"
is "$code:$(jget "$body" error.code)" 410:session_ended "projector: 410 session_ended after the stop (the end screen)"
is "$(printf '%s' "$body" | perl -MJSON::PP -e 'print join ",", sort keys %{decode_json(<STDIN>)}')" error "projector: after the stop the body is the error alone"
unlike "$body" 'Studiedag|Lunch|Soup|join|step|round|timer|participants' "projector: nothing of the session after the stop (P7)"
unlike "$(printf '%s' "$headers" | tr -d '\r')" '^etag:' "projector: no ETag after the stop"
call room GET /api/projector/state '' -H "X-Projector-Token: $TOK2" -H "If-None-Match: $pe"
is "$code" 410 "projector: 410 on an old ETag too"
call room GET /api/projector/state '' -H "X-Projector-Token: $TOK"
is "$code:$(jget "$body" error.code)" 404:not_found "projector: a token renewed before the stop stays 404"
call room GET /api/projector/state '' -H "X-Projector-Token: $(printf 'b%.0s' $(seq 1 64))"
is "$code:$(jget "$body" error.code)" 404:not_found "projector: an unknown token after the stop is 404"
ok "$(sql -e "SELECT projector_token_hash = UNHEX(SHA2('$TOK2', 256)) AND step_kind = 'join' AND timer_round IS NULL FROM session WHERE id = $S" | grep -qx 1; echo $?)" "the stop keeps the token's hash, resets the step and the timer"
call ann POST "/api/sessions/$S/step" '{"kind":"join"}'
is "$code" 409 "step: 409 after the stop"
call ann POST "/api/sessions/$S/projector" ''
is "$code:$(jget "$body" error.code)" 409:not_running "projector link: 409 after the stop"

# --- a new start does not revive the old link ------------------------------
call ann POST "/api/sessions/$S/start" ''
is "$code" 200 "the session starts again"
call room GET /api/projector/state '' -H "X-Projector-Token: $TOK2"
is "$code:$(jget "$body" error.code)" 404:not_found "projector: the last run's token is 404 after a new start (not revived)"
ok "$(sql -e "SELECT projector_token_hash IS NULL FROM session WHERE id = $S" | grep -qx 1; echo $?)" "a new start clears the old token's hash"
call ann POST "/api/sessions/$S/projector" ''
TOK3=$(jget "$body" projector_link); TOK3=${TOK3#*#}
call room GET /api/projector/state '' -H "X-Projector-Token: $TOK3"
is "$code:$(jget "$body" step.kind)" 200:join "projector: a new link of the new run works"
call ann POST "/api/sessions/$S/stop" ''
call room GET /api/projector/state '' -H "X-Projector-Token: $TOK3"
is "$code" 410 "projector: and ends with that run's stop"

# --- a quiz: correct options, secret until the reveal, points by the -------
# server's clock, the leaderboard (named, by team, hidden)
# field ROUND_ID KEY: one key of a round in a state's "rounds".
field() { printf '%s' "$body" | perl -MJSON::PP -e '($r, $k) = @ARGV; for (@{decode_json(<STDIN>)->{rounds}}) { next unless $_->{id} == $r; $v = $_->{$k}; print ref $v ? encode_json($v) : defined $v ? $v : "" }' "$1" "$2"; }
# board: the leaderboard in body as "rank:name:points ..."
board() { printf '%s' "$body" | perl -MJSON::PP -e '$b = decode_json(<STDIN>)->{leaderboard}; print $b ? join(" ", map { "$_->{rank}:" . ($_->{name} // "-") . ":$_->{points}" } @{$b->{entries}}) : "null"'; }
# expect RID RESPONDER_KEY: the points the formula gives the answer, from the
# server's stored times (docs/rounds.md): 1000 + bonus * (L - e) / L.
expect() { sql -e "SELECT IF(x.updated_at < r.opened_at, 1000, 1000 + IF(r.time_limit = 0, 0, GREATEST(0, r.speed_bonus * (r.time_limit * 1000 - TIMESTAMPDIFF(MICROSECOND, r.opened_at, x.updated_at) DIV 1000) DIV (r.time_limit * 1000)))) FROM response x JOIN round r ON r.id = x.round_id WHERE x.round_id = $1 AND x.responder_key = '$2'"; }
call ann POST /api/sessions '{"title":"Quiz","named":true}'
Q=$(jget "$body" session.id)
call ann POST "/api/sessions/$Q/rounds" '{"type":"quiz","title":"Capital of France?","options":["Paris","Rome","Oslo"],"time_limit":20,"speed_bonus":500}'
is "$code:$(jget "$body" round.time_limit):$(jget "$body" round.speed_bonus)" 201:20:500 "quiz: a question with a time limit and a speed bonus"
Q1=$(jget "$body" round.id); paris=$(jget "$body" round.options.0.id); rome=$(jget "$body" round.options.1.id)
call ann POST "/api/sessions/$Q/rounds" '{"type":"quiz","title":"Primes?","options":["2","4","5"],"min_picks":1,"max_picks":1}'
Q2=$(jget "$body" round.id); two=$(jget "$body" round.options.0.id); four=$(jget "$body" round.options.1.id); five=$(jget "$body" round.options.2.id)
call ann POST "/api/sessions/$Q/rounds" '{"type":"quiz","title":"x","options":["a","b"],"speed_bonus":100}'
is "$code:$(jget "$body" error.message)" "422:speed_bonus needs a time_limit" "quiz: a speed bonus needs a time limit"
# Correct options by place when a question is made (templates keep them so).
nq=$(sql -e "SELECT COUNT(*) FROM round WHERE session_id = $Q")
call ann POST "/api/sessions/$Q/rounds" '{"type":"quiz","title":"x","options":["a","b"],"correct_places":[3]}'
is "$code:$(jget "$body" error.code)" 422:invalid_field "correct_places: a place beyond the options is 422"
call ann POST "/api/sessions/$Q/rounds" '{"type":"choice","title":"x","options":["a","b"],"correct_places":[1]}'
is "$code:$(jget "$body" error.code)" 422:invalid_field "correct_places: not for a choice"
is "$(sql -e "SELECT COUNT(*) FROM round WHERE session_id = $Q")" "$nq" "correct_places: a refused one makes no round"
call ann POST "/api/sessions/$Q/rounds" '{"type":"quiz","title":"Largest?","options":["Mars","Jupiter","Venus"],"correct_places":[2]}'
Q3=$(jget "$body" round.id); jup=$(jget "$body" round.options.1.id)
call ann GET "/api/sessions/$Q/rounds/$Q3/correct"
is "$code:$(jget "$body" correct)" "200:[$jup]" "correct_places: the second option marked when made"
call ann POST "/api/sessions/$Q/template" '{"name":"Quiz kept"}'
call ann POST "/api/templates/$(jget "$body" template.id)/use" '{"title":"Quiz again"}'
QT=$(jget "$body" session.id)
tq=$(sql -e "SELECT id FROM round WHERE session_id = $QT AND title = 'Largest?'")
call ann GET "/api/sessions/$QT/rounds/$tq/correct"
is "$code:$(jget "$body" correct)" "200:[$(sql -e "SELECT id FROM round_option WHERE round_id = $tq AND label = 'Jupiter'")]" "template: a quiz question keeps its correct option"
call ann DELETE "/api/sessions/$Q/rounds/$Q3" ''
call ann POST "/api/sessions/$Q/start" ''
QCODE=$(jget "$body" session.join_code)
browser q1 127.0.0.41; browser q2 127.0.0.42; browser q3 127.0.0.43
call q1 POST /api/join "{\"code\":\"$QCODE\",\"display_name\":\"Quinten\"}"
call q2 POST /api/join "{\"code\":\"$QCODE\",\"display_name\":\"Bram\"}"
call q3 POST /api/join "{\"code\":\"$QCODE\",\"display_name\":\"Cato\"}"
QP1=$(jget "$body" participant.id)
call ann POST "/api/sessions/$Q/rounds/$Q1/open" ''
is "$code:$(jget "$body" error.code)" 409:no_correct_option "quiz: no correct option marked: the question cannot open (409)"
call ann PUT "/api/sessions/$Q/rounds/$Q1/correct" '{"correct":[999999]}'
is "$code:$(jget "$body" error.code)" 422:invalid_field "correct: an option of another round is 422"
call ann PUT "/api/sessions/$Q/rounds/$R/correct" "{\"correct\":[$O1]}"
is "$code" 404 "correct: a round of another session is 404"
call bob PUT "/api/sessions/$Q/rounds/$Q1/correct" "{\"correct\":[$paris]}"
is "$code" 404 "correct: another account's session is 404"
call ann PUT "/api/sessions/$Q/rounds/$Q1/correct" "{\"correct\":[$paris]}"
is "$code:$(jget "$body" correct)" "200:[$paris]" "correct: Paris marked"
call ann GET "/api/sessions/$Q/rounds/$Q1/correct"
is "$code:$(jget "$body" correct)" "200:[$paris]" "correct: the facilitator reads it back"
call ann PUT "/api/sessions/$Q/rounds/$Q2/correct" "{\"correct\":[$two,$five]}"
call ann POST "/api/sessions/$Q/rounds/$Q2/open" ''
is "$code:$(jget "$body" error.code)" 409:correct_picks "quiz: two correct options but one pick: 409"
call ann PATCH "/api/sessions/$Q/rounds/$Q2" '{"max_picks":2}'
is "$code:$(jget "$body" round.max_picks)" 200:2 "quiz: two picks allowed"
call ann POST "/api/sessions/$Q/step" "{\"kind\":\"round\",\"round\":$Q1,\"view\":\"question\"}"
call ann POST "/api/sessions/$Q/rounds/$Q1/open" ''
is "$code" 200 "quiz: the question opens"
ok "$(sql -e "SELECT opened_at IS NOT NULL AND opened_at > UTC_TIMESTAMP(6) - INTERVAL 5 SECOND FROM round WHERE id = $Q1" | grep -qx 1; echo $?)" "quiz: the opening's time is the database's"
call ann GET "/api/sessions/$Q/live"
is "$(jget "$body" timer.round):$(jget "$body" timer.close)" "$Q1:true" "quiz: its time limit runs on the presenter's timer, which closes it"
ok "$(jget "$body" timer.remaining_ms | perl -ne 'exit !($_ > 15000 && $_ <= 20000)'; echo $?)" "quiz: 20 s on the timer"
call q1 POST "/api/participant/rounds/$Q1/answer" "{\"choices\":[$paris]}"
is "$code" 201 "quiz: Quinten answers Paris at once"
call q2 POST "/api/participant/rounds/$Q1/answer" "{\"choices\":[$rome]}"
call q3 POST "/api/participant/rounds/$Q1/answer" "{\"choices\":[$rome]}"
sleep 1.2
call q3 POST "/api/participant/rounds/$Q1/answer" "{\"choices\":[$paris]}"
is "$code" 200 "quiz: Cato changes to Paris after 1.2 s"
# Secrecy (P8): before the reveal no document, no participant's state, no
# projector state names the correct option or a score.
call ann POST "/api/sessions/$Q/projector" ''
QTOK=$(jget "$body" projector_link); QTOK=${QTOK#*#}
call room GET /api/projector/state '' -H "X-Projector-Token: $QTOK"
is "$(jget "$body" round.id)" "$Q1" "projector: the open question"
unlike "$body" '"correct"' "projector: no correct option while the question is open"
call q2 GET /api/participant/state
is "$(field "$Q1" state)" open "participant: the open question"
unlike "$body" '"correct"' "participant: no correct option while it is open"
QLIVE=$(jget "$body" live)
ok "$(i=0; until pf_curl -s "$PF_URL$QLIVE" | grep -q "Capital of France"; do i=$((i + 1)); [ $i -gt 60 ] && break; sleep 0.05; done; pf_curl -s "$PF_URL$QLIVE" | grep -q '"correct"'; [ $? = 1 ]; echo $?)" "participants' document: no correct option while it is open"
call ann POST "/api/sessions/$Q/rounds/$Q1/close" ''
call ann POST "/api/sessions/$Q/step" "{\"kind\":\"round\",\"round\":$Q1,\"view\":\"results\"}"
call room GET /api/projector/state '' -H "X-Projector-Token: $QTOK"
is "$(jget "$body" round.results.responses)" 3 "projector: the question's results at its results step"
unlike "$body" '"correct"' "projector: no correct option before the reveal"
is "$(board)" null "projector: no leaderboard before a reveal"
call q1 GET /api/participant/state
unlike "$body" '"correct"' "participant: no correct option before the reveal"
like "$body" '"score":null' "participant: no score before a reveal"
call ann POST "/api/sessions/$Q/rounds/$Q1/reveal" ''
call q1 GET /api/participant/state
is "$(field "$Q1" correct)" "[$paris]" "participant: the correct option once revealed"
e1=$(expect "$Q1" "p$(sql -e "SELECT id FROM participant WHERE session_id = $Q AND display_name = 'Quinten'")")
e3=$(expect "$Q1" "p$QP1")
ok "$(perl -e 'exit !($ARGV[0] > 1450 && $ARGV[0] <= 1500 && $ARGV[1] < $ARGV[0] - 20 && $ARGV[1] > 1000)' "$e1" "$e3"; echo $?)" "quiz: hand-computed from the server's times: Quinten $e1, Cato $e3 (1.2 s later, less bonus)"
is "$(jget "$body" score.points):$(jget "$body" score.rank):$(jget "$body" score.of)" "$e1:1:3" "participant: their own score and rank (rank 1 of 3)"
is "$(board)" "1:-:$e1 2:-:$e3 3:-:0" "participant: the leaderboard, most points first, with nobody's name (P8)"
is "$(jget "$body" score.place)" 1 "participant: their own entry's place"
call q2 GET /api/participant/state
is "$(jget "$body" score.points):$(jget "$body" score.rank)" "0:3" "participant: Bram's own score is 0, rank 3"
call room GET /api/projector/state '' -H "X-Projector-Token: $QTOK"
is "$(jget "$body" round.correct)" "[$paris]" "projector: the correct option once revealed"
is "$(board)" "1:Quinten:$e1 2:Cato:$e3 3:Bram:0" "projector: the same leaderboard, named (a named session)"
ok "$(i=0; until pf_curl -s "$PF_URL$QLIVE" | grep -q '"correct"'; do i=$((i + 1)); [ $i -gt 60 ] && break; sleep 0.05; done; pf_curl -s "$PF_URL$QLIVE" | grep -q "\"points\":$e1"; echo $?)" "participants' document: the correct option and the leaderboard after the reveal"
unlike "$(pf_curl -s "$PF_URL$QLIVE")" '"score"|Quinten|Cato|Bram' "participants' document: nobody's own score (the worker's answer), nobody's name"
call ann POST "/api/sessions/$Q/step" "{\"kind\":\"round\",\"round\":$Q1,\"view\":\"leaderboard\"}"
is "$code:$(jget "$body" step.view)" 200:leaderboard "step: the leaderboard view"
# The second question: two correct options, all needed, no bonus.
call ann POST "/api/sessions/$Q/rounds/$Q2/open" ''
call q1 POST "/api/participant/rounds/$Q2/answer" "{\"choices\":[$two]}"
call q2 POST "/api/participant/rounds/$Q2/answer" "{\"choices\":[$two,$five]}"
call q3 POST "/api/participant/rounds/$Q2/answer" "{\"choices\":[$two,$four]}"
call ann POST "/api/sessions/$Q/rounds/$Q2/close" ''
call ann POST "/api/sessions/$Q/rounds/$Q2/reveal" ''
call ann GET "/api/sessions/$Q/leaderboard"
is "$code:$(board)" "200:1:Quinten:$e1 2:Cato:$e3 3:Bram:1000" "leaderboard: both primes for 1000 (Bram), one of two or a wrong one for none"
is "$(jget "$body" leaderboard.rounds)" 2 "leaderboard: over two revealed questions"
call bob GET "/api/sessions/$Q/leaderboard"
is "$code" 404 "leaderboard: another account's session is 404"
# Hidden by the facilitator: neither the room nor the phones rank.
call ann PATCH "/api/sessions/$Q/leaderboard" '{"hidden":true}'
is "$code:$(jget "$body" hidden):$(board)" "200:true:1:Quinten:$e1 2:Cato:$e3 3:Bram:1000" "leaderboard: hidden; the facilitator still sees it"
call ann PATCH "/api/sessions/$Q/leaderboard" '{"hidden":"yes"}'
is "$code" 422 "leaderboard: hidden must be true or false"
call room GET /api/projector/state '' -H "X-Projector-Token: $QTOK"
is "$(board)" null "projector: no leaderboard while hidden"
call q2 GET /api/participant/state
is "$(board):$(jget "$body" score.points):$(jget "$body" score.rank)" "null:1000:" "participant: no leaderboard and no rank while hidden, their points still"
is "$(jget "$body" score.place)" 0 "participant: no place while hidden either (a place is a rank)"
ok "$(i=0; while pf_curl -s "$PF_URL$QLIVE" | grep -q '"entries"'; do i=$((i + 1)); [ $i -gt 60 ] && break; sleep 0.05; done; pf_curl -s "$PF_URL$QLIVE" | grep -q '"leaderboard":null'; echo $?)" "participants' document: the hidden leaderboard is not published"
call ann PATCH "/api/sessions/$Q/leaderboard" '{"hidden":false}'
# Opened again after its reveal, a question takes answers: its correct
# options leave the phones and it leaves the board until it is closed.
call ann POST "/api/sessions/$Q/rounds/$Q2/open" ''
call q1 GET /api/participant/state
is "$(field "$Q2" state):$(field "$Q2" correct):$(jget "$body" leaderboard.rounds)" "open::1" \
    "quiz: reopened after its reveal, no correct option and not on the board"
call ann POST "/api/sessions/$Q/rounds/$Q2/close" ''
call q1 GET /api/participant/state
is "$(field "$Q2" correct):$(jget "$body" leaderboard.rounds)" "[$two,$five]:2" "quiz: closed again, both back"
call ann PUT "/api/sessions/$Q/rounds/$Q2/correct" "{\"correct\":[$two,$two]}"
is "$code:$(jget "$body" error.message)" "422:correct 2 names an option twice" "correct: an option twice is refused, saying so"
call ann PATCH "/api/sessions/$QT/rounds/$tq" '{"time_limit":30,"speed_bonus":200}'
is "$code:$(jget "$body" round.time_limit):$(jget "$body" round.speed_bonus)" 200:30:200 "quiz: a draft question's time limit and bonus edited"
# A participant removed by the facilitator leaves the board.
call ann DELETE "/api/sessions/$Q/participants/$(sql -e "SELECT id FROM participant WHERE session_id = $Q AND display_name = 'Bram'")" ''
call ann GET "/api/sessions/$Q/leaderboard"
is "$(board)" "1:Quinten:$e1 2:Cato:$e3" "leaderboard: a removed participant is gone from it"
call ann POST "/api/sessions/$Q/stop" ''

# An anonymous session: nobody is named, on the projector either.
call ann POST /api/sessions '{"title":"Anonymous quiz"}'
AQ=$(jget "$body" session.id)
call ann POST "/api/sessions/$AQ/rounds" '{"type":"quiz","title":"1 + 1?","options":["2","3"],"correct_places":[1]}'
AQ1=$(jget "$body" round.id); a2=$(jget "$body" round.options.0.id)
call ann POST "/api/sessions/$AQ/start" ''
browser aq 127.0.0.45
call aq POST /api/join "{\"code\":\"$(jget "$body" session.join_code)\",\"display_name\":\"Secret Sam\"}"
call ann POST "/api/sessions/$AQ/rounds/$AQ1/open" ''
call aq POST "/api/participant/rounds/$AQ1/answer" "{\"choices\":[$a2]}"
call ann POST "/api/sessions/$AQ/rounds/$AQ1/close" ''
call ann POST "/api/sessions/$AQ/rounds/$AQ1/reveal" ''
call ann POST "/api/sessions/$AQ/projector" ''
AQTOK=$(jget "$body" projector_link); AQTOK=${AQTOK#*#}
call room GET /api/projector/state '' -H "X-Projector-Token: $AQTOK"
is "$(board)" "1:-:1000" "anonymous session: the projector's leaderboard names nobody (a neutral label)"
unlike "$body" 'Secret Sam' "anonymous session: no name sent, none shown"
call ann GET "/api/sessions/$AQ/leaderboard"
is "$(board)" "1:-:1000" "anonymous session: nor in the console"
call ann POST "/api/sessions/$AQ/stop" ''

# Team mode: teams by team name; a tie shares its rank (1, 1, 3).
call ann POST /api/sessions '{"title":"Teamquiz","teams_on":true,"teams":["Rood","Blauw","Groen"]}'
TQ=$(jget "$body" session.id)
call ann POST "/api/sessions/$TQ/rounds" '{"type":"quiz","title":"2 + 2?","options":["4","5"]}'
TQ1=$(jget "$body" round.id); t4=$(jget "$body" round.options.0.id); t5=$(jget "$body" round.options.1.id)
call ann PUT "/api/sessions/$TQ/rounds/$TQ1/correct" "{\"correct\":[$t4]}"
call ann POST "/api/sessions/$TQ/start" ''
TQCODE=$(jget "$body" session.join_code)
for tm in Rood:51 Blauw:52 Groen:53; do
	browser "tq${tm#*:}" "127.0.0.${tm#*:}"
	call "tq${tm#*:}" POST /api/join "{\"code\":\"$TQCODE\",\"team\":\"${tm%:*}\"}"
done
call ann POST "/api/sessions/$TQ/rounds/$TQ1/open" ''
call tq51 POST "/api/participant/rounds/$TQ1/answer" "{\"choices\":[$t4]}"
call tq52 POST "/api/participant/rounds/$TQ1/answer" "{\"choices\":[$t4]}"
call tq53 POST "/api/participant/rounds/$TQ1/answer" "{\"choices\":[$t5]}"
call ann POST "/api/sessions/$TQ/rounds/$TQ1/close" ''
call ann POST "/api/sessions/$TQ/rounds/$TQ1/reveal" ''
call tq51 GET /api/participant/state
is "$(board)" "1:Blauw:1000 1:Rood:1000 3:Groen:0" "team mode: teams by name, a tie shares rank 1, the next is 3"
is "$(jget "$body" leaderboard.teams):$(jget "$body" score.points):$(jget "$body" score.rank)" "true:1000:1" "team mode: the table's own score and rank"
# The exports: the question's CSV marks the correct option; the workbook
# has the leaderboard (tables by name; it names no participant).
pf_curl -s -b "$T_DIR/jar.ann" -o "$T_DIR/quiz.csv" "$PF_URL/api/sessions/$TQ/rounds/$TQ1/results.csv"
is "$(tail -c +4 "$T_DIR/quiz.csv")" "$(printf 'option,count,percent,correct\r\n4,2,67,1\r\n5,1,33,0\r')" "quiz CSV: count, percent and which option is correct"
pf_curl -s -b "$T_DIR/jar.ann" -o "$T_DIR/quiz.xlsx" "$PF_URL/api/sessions/$TQ/export.xlsx"
cells=$("$PF_SRC/t/lib/xlsx-cells" "$T_DIR/quiz.xlsx")
like "$cells" '2 \+ 2!D1 s correct' "quiz sheet: a correct column"
like "$cells" '2 \+ 2!D2 n 1' "quiz sheet: 4 is correct"
like "$cells" '2 \+ 2!D3 n 0' "quiz sheet: 5 is not"
is "$(printf '%s\n' "$cells" | grep '^Leaderboard!' | tr '\n' ' ')" "Leaderboard!A1 s rank Leaderboard!B1 s team Leaderboard!C1 s points Leaderboard!D1 s correct Leaderboard!E1 s answered Leaderboard!A2 n 1 Leaderboard!B2 s Blauw Leaderboard!C2 n 1000 Leaderboard!D2 n 1 Leaderboard!E2 n 1 Leaderboard!A3 n 1 Leaderboard!B3 s Rood Leaderboard!C3 n 1000 Leaderboard!D3 n 1 Leaderboard!E3 n 1 Leaderboard!A4 n 3 Leaderboard!B4 s Groen Leaderboard!C4 n 0 Leaderboard!D4 n 0 Leaderboard!E4 n 1 " "workbook: the leaderboard sheet, by table"
# A time limit closes the question at zero, as the timer's close does.
call ann POST "/api/sessions/$TQ/rounds" '{"type":"quiz","title":"Quick!","options":["Yes","No"],"time_limit":1}'
TQ2=$(jget "$body" round.id); ty=$(jget "$body" round.options.0.id)
call ann PUT "/api/sessions/$TQ/rounds/$TQ2/correct" "{\"correct\":[$ty]}"
call ann POST "/api/sessions/$TQ/rounds/$TQ2/open" ''
call tq51 POST "/api/participant/rounds/$TQ2/answer" "{\"choices\":[$ty]}"
is "$code" 201 "time limit: an answer within it"
sleep 1.2
call tq52 POST "/api/participant/rounds/$TQ2/answer" "{\"choices\":[$ty]}"
is "$code:$(jget "$body" error.code)" 409:round_closed "time limit: an answer after zero is refused"
call ann POST "/api/sessions/$TQ/stop" ''

done_testing
