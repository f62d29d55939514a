#!/bin/bash
# SPDX-License-Identifier: ISC
# answers.t: the answers' hot path through nginx over HTTPS with the real
# database: many answers of the same participants at once (first ones
# and changes, one value and several), none lost or doubled, counted on
# the tally rows exactly once each; team members racing where changes
# are not allowed; the refusals of the fast path (removed participant,
# closed round, stopped session, a bad body) the same as the full
# path's; and the statements an answer costs, from the server's general
# log: five for a first answer, six for a change.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
with_stack
. "$PF_SRC/t/lib/api.sh"

browser ann 127.0.0.11
call ann POST /api/accounts '{"email":"ann@example.org","display_name":"Ann","password":"ann has a good passphrase"}'
# Teams: the Pro plan.
sql -e "UPDATE account SET plan = 'pro' WHERE email = 'ann@example.org'"
call ann POST /api/sessions '{"title":"Crowd"}'
S=$(jget "$body" session.id)
call ann POST "/api/sessions/$S/start" ''
CODE=$(jget "$body" session.join_code)

mkround() {	# mkround SESSION JSON: sets R and O (option ids), opens it
	call ann POST "/api/sessions/$1/rounds" "$2"
	R=$(jget "$body" round.id)
	O=$(printf '%s' "$body" | perl -MJSON::PP -e 'print join " ", map { $_->{id} } @{decode_json(<STDIN>)->{round}{options}}')
	call ann POST "/api/sessions/$1/rounds/$R/open" ''
}
tally() { sql -e "SELECT COALESCE(SUM(n), 0) FROM round_tally WHERE round_id = $1"; }
# burst ROUND FILE: every line "participant body" of FILE sent at once;
# the statuses into $T_DIR/burst/*.code
burst() {
	local n=0 who data pids=""
	rm -rf "$T_DIR/burst"
	mkdir -p "$T_DIR/burst"
	while read -r who data; do
		n=$((n + 1))
		pf_curl -s -o "$T_DIR/burst/$n.body" -w '%{http_code}\n' \
		    --interface "${B_ADDR[$who]}" -b "$T_DIR/jar.$who" \
		    -H "Origin: $PF_URL" -H 'Sec-Fetch-Site: same-origin' \
		    -H 'Content-Type: application/json' --data-binary "$data" \
		    "$PF_URL/api/participant/rounds/$1/answer" \
		    >"$T_DIR/burst/$n.code" &
		pids="$pids $!"
	done <"$2"
	wait $pids
}
count() { cat "$T_DIR"/burst/*.code | grep -c "^$1\$"; }

N=30
for i in $(seq 1 $N); do
	browser "p$i" "127.0.8.$i"
	call "p$i" POST /api/join "{\"code\":\"$CODE\"}"
done
is "$code" 201 "$N participants join"

# --- one value: first answers and changes at once -----------------------
mkround "$S" '{"type":"choice","title":"Left or right?","options":["Left","Right"]}'
set -- $O; left=$1 right=$2
CHOICE=$R
: >"$T_DIR/sends"
for k in 1 2 3 4; do for i in $(seq 1 $N); do
	o=$left; [ $((k % 2)) = 0 ] && o=$right
	echo "p$i {\"choices\":[$o]}" >>"$T_DIR/sends"
done; done
burst "$R" "$T_DIR/sends"
is "$(count 201)" $N "$((N * 4)) answers at once, 4 from each: one 201 each"
is "$(count 200)" $((N * 3)) "and three changes (200) each"
is "$(sql -e "SELECT COUNT(*) FROM response WHERE round_id = $R")" $N \
    "$N responses stored: none lost, none doubled"
is "$(sql -e "SELECT COUNT(*) FROM response_value v JOIN response q ON q.id = v.response_id WHERE q.round_id = $R")" $N \
    "one value each: the replaced ones are gone"
is "$(tally "$R")" $((N * 4)) "the tally counts every accepted answer once"
call ann GET "/api/sessions/$S/rounds/$R/results"
is "$(jget "$body" round.results.responses)" $N "the results count $N"

# --- several values: changes at once -------------------------------------
mkround "$S" '{"type":"ranking","title":"Order","options":["A","B","C"]}'
set -- $O; a=$1 b=$2 c=$3
: >"$T_DIR/sends"
for i in $(seq 1 $N); do
	echo "p$i {\"ranking\":[$a,$b,$c]}" >>"$T_DIR/sends"
	echo "p$i {\"ranking\":[$c,$a,$b]}" >>"$T_DIR/sends"
	echo "p$i {\"ranking\":[$b,$c,$a]}" >>"$T_DIR/sends"
done
burst "$R" "$T_DIR/sends"
is "$(( $(count 201) + $(count 200) ))" $((N * 3)) "$((N * 3)) rankings at once: all accepted"
is "$(count 201)" $N "one first answer each"
is "$(sql -e "SELECT COUNT(*) FROM response_value v JOIN response q ON q.id = v.response_id WHERE q.round_id = $R")" $((N * 3)) \
    "three values a response, no more: no change's values mixed with another's"
is "$(sql -e "SELECT COUNT(*) FROM (SELECT v.response_id FROM response_value v JOIN response q ON q.id = v.response_id WHERE q.round_id = $R GROUP BY v.response_id HAVING SUM(v.value) = 6 AND COUNT(DISTINCT v.value) = 3) x")" $N \
    "each a whole ranking 1, 2, 3"
is "$(tally "$R")" $((N * 3)) "the tally counts each once"

# --- the statements an answer costs ----------------------------------------
# Every worker has the round's settings by now (their first answer to
# it took the full path).  The general log of the application's account.
mkround "$S" '{"type":"choice","title":"Counted","options":["Yes","No"]}'
set -- $O; yes=$1
for i in $(seq 1 20); do
	call "p$i" POST "/api/participant/rounds/$R/answer" "{\"choices\":[$yes]}"
done
sql -e "TRUNCATE mysql.general_log; SET GLOBAL log_output = 'TABLE', general_log = 1"
for i in $(seq 21 30); do
	call "p$i" POST "/api/participant/rounds/$R/answer" "{\"choices\":[$yes]}"
done
sql -e "SET GLOBAL general_log = 0"
# The workers' statements: not the publisher's (its connection is the
# one that looks over the running sessions' room_token).
stmts() { sql -e "SELECT COUNT(*) FROM mysql.general_log WHERE user_host LIKE 'primoforum[%' AND command_type IN ('Execute', 'Query') AND thread_id NOT IN (SELECT thread_id FROM mysql.general_log WHERE argument LIKE '%s.room_token%')"; }
first=$(stmts)
sql -e "TRUNCATE mysql.general_log; SET GLOBAL general_log = 1"
for i in $(seq 21 30); do
	call "p$i" POST "/api/participant/rounds/$R/answer" "{\"choices\":[$yes]}"
done
sql -e "SET GLOBAL general_log = 0"
changes=$(stmts)
is "$first" 50 "ten first answers: five statements each ($first)"
is "$changes" 60 "ten changes: six statements each ($changes)"
is "$(tally "$R")" 40 "and each counted once"

# --- the refusals, with the round in every worker's cache -------------------
call p1 POST "/api/participant/rounds/$R/answer" '{"choices":[999999]}'
is "$code" 422 "an unknown option: 422"
like "$body" '"code":"invalid_answer"' "invalid_answer"
call p1 POST "/api/participant/rounds/$R/answer" '{"choices":[' \
    -H 'Content-Type: application/json'
is "$code" 400 "a body that is not JSON: 400"
P2=$(sql -e "SELECT MAX(id) FROM participant WHERE session_id = $S")
call ann DELETE "/api/sessions/$S/participants/$P2"
call "p$N" POST "/api/participant/rounds/$R/answer" "{\"choices\":[$yes]}"
is "$code" 401 "a removed participant's answer: 401"
like "$body" '"code":"removed"' "removed (told so, not that the session ended)"
call "p$N" POST "/api/participant/rounds/$R/answer" '{"choices":['
is "$code" 401 "with a body that is not JSON too: the token first"
call p1 POST "/api/participant/rounds/999999/answer" "{\"choices\":[$yes]}"
is "$code" 404 "no such round: 404"
call ann POST "/api/sessions/$S/rounds/$R/close" ''
call p1 POST "/api/participant/rounds/$R/answer" "{\"choices\":[$yes]}"
is "$code" 409 "a closed round: 409"
like "$body" '"code":"round_closed"' "round_closed"
call ann POST "/api/sessions/$S/rounds/$CHOICE/reveal" ''
call ann POST "/api/sessions/$S/rounds/$CHOICE/open" ''
call p1 POST "/api/participant/rounds/$CHOICE/answer" "{\"choices\":[$right]}"
is "$code" 200 "an open round with its results shown: changed (the full path)"
call ann POST "/api/sessions/$S/stop" ''
call p1 POST "/api/participant/rounds/$CHOICE/answer" "{\"choices\":[$left]}"
is "$code" 401 "a stopped session: 401"
like "$body" '"code":"session_ended"' "session_ended"

# --- a table's members at once, no changes allowed ------------------------------
call ann POST /api/sessions '{"title":"Tables","teams_on":true,"teams":["T1","T2"],"allow_change":false}'
S2=$(jget "$body" session.id)
call ann POST "/api/sessions/$S2/start" ''
C2=$(jget "$body" session.join_code)
for i in $(seq 1 20); do
	browser "q$i" "127.0.9.$i"
	team=T1; [ $i -gt 10 ] && team=T2
	call "q$i" POST /api/join "{\"code\":\"$C2\",\"team\":\"$team\"}"
done
mkround "$S2" '{"type":"choice","title":"Table vote","options":["Yes","No"]}'
set -- $O
: >"$T_DIR/sends"
for i in $(seq 1 20); do echo "q$i {\"choices\":[$1]}" >>"$T_DIR/sends"; done
burst "$R" "$T_DIR/sends"
is "$(count 201)" 2 "20 members of two tables at once: two 201s"
is "$(count 409)" 18 "the others refused"
# Again: now every worker has the round's settings.
burst "$R" "$T_DIR/sends"
is "$(count 201)" 0 "again: no table answers twice"
is "$(count 409)" 20 "every member refused"
like "$(cat "$T_DIR"/burst/*.body | sort -u)" '"code":"already_answered"' \
    "already_answered"
is "$(sql -e "SELECT COUNT(*) FROM response WHERE round_id = $R")" 2 \
    "two responses: one per table"
is "$(tally "$R")" 2 "counted twice in all"

done_testing
