#!/bin/bash
# SPDX-License-Identifier: ISC
# live.t: the live documents (fcgi/live.c, livedir.c, publisher.c).  A
# running session's participants and its projector poll JSON files that
# nginx serves: they hold what every participant may see and nothing
# personal, reach no worker, carry nginx's ETag and 304, follow each
# change (two versions in one second too), and end exactly: after the
# commit of a stop (20 participants polling and answering), of a removal
# (the token is renewed), of a projector link's renewal or of the
# account's deletion, no poll gets 200 or 304.  A second primoforumd on
# the same database (another host) keeps its own documents in step
# within its publisher period.  Paths cannot be guessed or listed.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
with_stack
. "$PF_SRC/t/lib/api.sh"

# doc PATH [ETAG]: a document as a browser without cookies polls it.
doc() {
	local args=(-s -D "$T_DIR/dh" -o "$T_DIR/db" -w '%{http_code}')
	[ -n "${2:-}" ] && args+=(-H "If-None-Match: $2")
	: >"$T_DIR/db"
	code=$(pf_curl "${args[@]}" "$PF_URL$1")
	body=$(cat "$T_DIR/db")
	headers=$(cat "$T_DIR/dh")
}
etag_of() { printf '%s' "$headers" | sed -n 's/^etag: \(.*\)\r$/\1/p'; }
# moved PATH ETAG: waits (up to 3 s) until PATH's ETag is not ETAG.
moved() {
	local i
	for i in $(seq 1 60); do
		doc "$1" "$2"
		[ "$code" != 304 ] && return 0
		sleep 0.05
	done
	return 1
}
# appears PATH: waits (up to 3 s) for PATH to be served.
appears() {
	local i
	for i in $(seq 1 60); do
		doc "$1"
		[ "$code" = 200 ] && return 0
		sleep 0.05
	done
	return 1
}
worker_lines() { grep -c ' rid=' "$PF_DIR/primoforumd.log"; }
dbver() { sql -e "SELECT version FROM session WHERE id = $1"; }

browser ann 127.0.0.11
browser room 127.0.0.12
call ann POST /api/accounts '{"email":"ann@example.org","display_name":"Ann","password":"ann has a good passphrase"}'
sql -e "UPDATE account SET plan = 'pro' WHERE email = 'ann@example.org'"
call ann POST /api/sessions '{"title":"Live room","named":true}'
S=$(jget "$body" session.id)
call ann POST "/api/sessions/$S/rounds" '{"type":"choice","title":"Lunch?","options":["Soup","Salad"]}'
R=$(jget "$body" round.id)
O1=$(jget "$body" round.options.0.id)
call ann POST "/api/sessions/$S/start" ''
jc=$(jget "$body" session.join_code)
browser p1 127.0.0.21
browser p2 127.0.0.22
call p1 POST /api/join "{\"code\":\"$jc\",\"display_name\":\"Piet Secret\"}"
call p2 POST /api/join "{\"code\":\"$jc\",\"display_name\":\"Marie Hidden\"}"
p2id=$(jget "$body" participant.id)

# --- the participants' document ----------------------------------------
call p1 GET /api/participant/state
L=$(jget "$body" live)
like "$L" '^/live/[0-9a-f]{32}\.json$' "the worker names the participants' document: 128 bits as hex"
like "$(jget "$body" server_time_ms)" '^1[0-9]{12}$' "and gives the server's clock (for the timer)"
call p2 GET /api/participant/state
is "$(jget "$body" live)" "$L" "one document for all participants of the session"
is "$(sql -e "SELECT live_token FROM session WHERE id = $S")" "$(basename "$L" .json)" "its name is the session's live_token"
appears "$L"; ok $? "the publisher writes it"
# The last join may still be on its way into the document: wait for it.
for i in $(seq 1 60); do
	[ "$(jget "$body" version)" = "$(dbver "$S")" ] && break
	sleep 0.05
	doc "$L"
done
is "$code" 200 "nginx serves it: 200"
like "$headers" 'content-type: application/json' "as JSON"
like "$headers" 'cache-control: no-cache' "revalidated on every poll (no-cache)"
like "$headers" 'content-security-policy: default-src' "with the security headers"
like "$headers" 'strict-transport-security: max-age' "and HSTS"
is "$(jget "$body" session.title)" "Live room" "it holds the session's title"
is "$(jget "$body" step.kind)" join "and the step"
unlike "$body" 'Piet Secret' "no participant's name"
unlike "$body" 'Marie Hidden' "nor another's"
unlike "$body" '"participant"' "nothing about any one participant"
unlike "$body" '"answered"' "no one's answers"
unlike "$body" "$jc" "not even the join code"
E=$(etag_of)
like "$E" '^"[0-9a-f]+-[0-9a-f]+"$' "nginx's own ETag"
doc "$L" "$E"
is "$code:$body" "304:" "with the ETag: 304, no body"

# No poll of a document reaches a worker.
before=$(worker_lines)
for i in $(seq 1 40); do doc "$L" "$E"; done
doc "$L"
sleep 0.3
is "$(worker_lines)" "$before" "41 polls of the document: the workers' log did not grow"
ok "$(grep -q '"GET /live/- ' "$PF_DIR/access.log"; echo $?)" "nginx logs the polls as /live/-"
ok "$(! grep -q "$(basename "$L" .json)" "$PF_DIR/access.log"; echo $?)" "the access log never holds a document's token"

# A change reaches the document.
call ann POST "/api/sessions/$S/rounds/$R/open" ''
moved "$L" "$E"; ok $? "a round opened: the document moves"
is "$(jget "$body" rounds.0.id):$(jget "$body" rounds.0.state)" "$R:open" "with the open round"
is "$(jget "$body" rounds.0.options.1.label)" Salad "and its options"
E=$(etag_of)

# Two versions of equal length in one second still differ to a poll:
# nginx's ETag is the modification second and the length.
for k in 1 2 3; do
	call ann POST "/api/sessions/$S/lock" ''
	moved "$L" "$E"; ok $? "lock $k: the document moves"
	E=$(etag_of)
	is "$(jget "$body" version)" "$(dbver "$S")" "lock $k: the document is at the database's version"
	call ann POST "/api/sessions/$S/unlock" ''
	moved "$L" "$E"; ok $? "unlock $k: the document moves"
	E=$(etag_of)
	is "$(jget "$body" version)" "$(dbver "$S")" "unlock $k: at the database's version"
done

# --- the room's document (the projector link) ---------------------------
call ann POST "/api/sessions/$S/projector" ''
TOK=$(jget "$body" projector_link); TOK=${TOK#*#}
like "$TOK" '^[0-9a-f]{32}$' "the projector link's token: 128 bits"
is "$(sql -e "SELECT room_token FROM session WHERE id = $S")" "$TOK" "it names the room's document"
appears "/live/$TOK.json"; ok $? "the room's document is written"
is "$(jget "$body" session.title)" "Live room" "with the session"
like "$(jget "$body" session.join_code)" '^[A-Z0-9]{4}-[A-Z0-9]{4}$' "the room sees the join code"
like "$(jget "$body" session.join_qr_svg)" '^<svg' "and the QR code at the join step"
RE=$(etag_of)
call ann POST "/api/sessions/$S/step" "{\"kind\":\"round\",\"round\":$R,\"view\":\"answer\"}"
moved "/live/$TOK.json" "$RE"; ok $? "a step: the room's document moves"
is "$(jget "$body" round.id):$(jget "$body" round.answered)" "$R:0" "the step's round, none answered"
RE=$(etag_of)
call p1 POST "/api/participant/rounds/$R/answer" "{\"choices\":[$O1]}"
is "$code" 201 "a participant answers"
is "$(jget "$body" answer)" "[{\"option\":$O1,\"value\":1}]" "the reply says what was stored: the page keeps its own answers from it"
moved "/live/$TOK.json" "$RE"; ok $? "the answer moves the room's document"
is "$(jget "$body" round.answered)" 1 "one answered"

call ann POST "/api/sessions/$S/projector" ''
TOK2=$(jget "$body" projector_link); TOK2=${TOK2#*#}
doc "/live/$TOK.json"
is "$code" 404 "renewed: the old link's document is gone at once"
is "$(jget "$body" error.code)" gone "as JSON"
appears "/live/$TOK2.json"; ok $? "the new link's is written"
call room GET /api/projector/state '' -H "X-Projector-Token: $TOK"
is "$code" 404 "the worker: the old token is unknown (renewed)"
call room GET /api/projector/state '' -H "X-Projector-Token: $TOK2"
is "$code" 200 "the new one is good"
like "$(jget "$body" server_time_ms)" '^1[0-9]{12}$' "with the server's clock"

# --- the timer closes its round on its own ------------------------------
call ann POST "/api/sessions/$S/timer" "{\"round\":$R,\"seconds\":5,\"close\":true}"
is "$code" 200 "a timer of five seconds that closes the round"
sleep 0.4
doc "$L"
ends=$(jget "$body" timer.ends_at_ms)
like "$ends" '^1[0-9]{12}$' "the document says when the timer ends (the server's clock)"
now=$(( $(date +%s%N) / 1000000 ))
ok "$([ $((ends - now)) -gt 4000 ] && [ $((ends - now)) -le 5000 ]; echo $?)" "about five seconds from now: $((ends - now)) ms"
# Time passes: the round's end moved to half a second from now, as if
# the timer had run; nothing else is told.
sql -e "UPDATE round SET closes_at = UTC_TIMESTAMP(6) + INTERVAL 500000 MICROSECOND WHERE id = $R"
sleep 1.3
doc "$L"
is "$(jget "$body" rounds)" "[]" "at zero the publisher closes the round: it leaves the document (closed, not revealed) with no read of the console or the projector"
is "$(sql -e "SELECT state FROM round WHERE id = $R")" closed "the round is closed in the database"
call ann POST "/api/sessions/$S/rounds/$R/open" ''

# --- removal renews the participants' document --------------------------
call ann DELETE "/api/sessions/$S/participants/$p2id"
is "$code" 204 "the facilitator removes a participant"
doc "$L"
is "$code" 404 "the document's old path is gone as the removal answers"
call p2 GET /api/participant/state
is "$code" 401 "the removed participant's worker call is refused"
call p1 GET /api/participant/state
L2=$(jget "$body" live)
like "$L2" '^/live/[0-9a-f]{32}\.json$' "the others learn a new path from a worker"
isnt "$L2" "$L" "a new token"
appears "$L2"; ok $? "and the new document is served"
L=$L2

# A stop that rolled back leaves the document removed and its mark taken
# back (livedir.c; unit-tested): the publisher writes it again.
rm -f "$PF_DIR/run/live/$(basename "$L")"
doc "$L"
is "$code" 404 "a document removed behind the publisher's back"
appears "$L"; ok $? "is written again within its period"

# --- guessing and listing ------------------------------------------------
doc /live/
is "$code" 404 "the directory is not listed"
doc "/live/$(basename "$L" .json | tr a-f A-F).json"
is "$code" 404 "a name in capitals: 404"
doc "$L.tmp"
is "$code" 404 "a temporary's name: 404"
doc "/live/$(basename "$L" .json | cut -c1-31).json"
is "$code" 404 "one digit short: 404"
doc /live/0123456789abcdef0123456789abcdef.json
is "$code:$(jget "$body" error.code)" 404:gone "an unknown name: 404 JSON"

# --- a second host on the same database ---------------------------------
H2=$T_DIR/host2
mkdir -p "$H2/run/live"
sed -e "s|^socket = .*|socket = $H2/run/fcgi.sock|" \
    -e "s|^log_file = .*|log_file = $H2/primoforumd.log|" \
    -e "s|^pid_file = .*|pid_file = $H2/primoforumd.pid|" \
    -e "s|^live_dir = .*|live_dir = $H2/run/live|" \
    -e "s|^workers = .*|workers = 1|" \
    "$PF_DIR/primoforum.conf" >"$H2/primoforum.conf"
"$PF_BUILD/primoforumd" -f "$H2/primoforum.conf" >/dev/null 2>>"$H2/primoforumd.log" &
h2pid=$!
f2=$H2/run/live/$(basename "$L")
t0=$(date +%s%N)
# Up to 15 s: a worker host starting beside a loaded suite (the ASan
# lane) can take more than 5; it stops waiting as soon as the file is there.
for i in $(seq 1 300); do [ -s "$f2" ] && break; sleep 0.05; done
ok "$([ -s "$f2" ]; echo $?)" "the second host writes its own copy of the document"
diag "in $(( ($(date +%s%N) - t0) / 1000000 )) ms from its start"
v=$(dbver "$S")
call ann POST "/api/sessions/$S/lock" ''
t0=$(date +%s%N)
for i in $(seq 1 100); do
	[ "$(jget "$(cat "$f2")" version)" -gt "$v" ] 2>/dev/null && break
	sleep 0.02
done
dt=$(( ($(date +%s%N) - t0) / 1000000 ))
ok "$([ "$(jget "$(cat "$f2")" version)" -gt "$v" ]; echo $?)" "a change made through this host reaches the other host's document"
ok "$([ "$dt" -lt 1000 ]; echo $?)" "within its publisher period (250 ms) and a render: $dt ms"

# --- the stop: 20 participants polling and answering --------------------
call ann POST "/api/sessions/$S/unlock" ''
for i in $(seq 1 20); do
	browser "q$i" "127.0.1.$i"
	call "q$i" POST /api/join "{\"code\":\"$jc\",\"display_name\":\"Q$i\"}"
done
call q1 GET /api/participant/state
L=$(jget "$body" live)
like "$L" '^/live/[0-9a-f]{32}\.json$' "twenty more participants joined and poll the document"
appears "$L"; ok $? "which is served"
ok "$(sql -e "SELECT COUNT(*) FROM participant WHERE session_id = $S AND removed = 0 AND token_hash IS NOT NULL" | grep -qx 21; echo $?)" "21 participants in the room"

pollers=()
for i in $(seq 1 20); do
	(
		e=""
		while :; do
			s=$(date +%s%N)
			c=$(pf_curl -s -o /dev/null -D "$T_DIR/ph.$i" -w '%{http_code}' \
			    ${e:+-H "If-None-Match: $e"} "$PF_URL$L")
			echo "$s $c"
			[ "$c" = 200 ] && e=$(sed -n 's/^etag: \(.*\)\r$/\1/p' "$T_DIR/ph.$i")
			if [ "$i" -le 5 ]; then
				pf_curl -s -o /dev/null --interface "127.0.1.$i" \
				    -b "$T_DIR/jar.q$i" -H "Origin: $PF_URL" \
				    -H "Sec-Fetch-Site: same-origin" \
				    -H 'Content-Type: application/json' \
				    --data-binary "{\"choices\":[$O1]}" \
				    "$PF_URL/api/participant/rounds/$R/answer"
			fi
		done >"$T_DIR/polls.$i"
	) &
	pollers+=($!)
done
sleep 1
call ann POST "/api/sessions/$S/stop" ''
tstop=$(date +%s%N)
is "$code" 200 "the facilitator stops the session while they poll and answer"
sleep 0.7
kill "${pollers[@]}" 2>/dev/null
wait "${pollers[@]}" 2>/dev/null
cat "$T_DIR"/polls.* >"$T_DIR/polls"
after_good=$(awk -v t="$tstop" '$1 > t && ($2 == 200 || $2 == 304)' "$T_DIR/polls" | wc -l)
after_all=$(awk -v t="$tstop" '$1 > t' "$T_DIR/polls" | wc -l)
before_good=$(awk -v t="$tstop" '$1 < t && ($2 == 200 || $2 == 304)' "$T_DIR/polls" | wc -l)
ok "$([ "$before_good" -gt 20 ]; echo $?)" "before the stop the polls were served ($before_good)"
ok "$([ "$after_all" -gt 20 ]; echo $?)" "after the stop's answer they went on polling ($after_all)"
is "$after_good" 0 "and not one poll begun after the stop's commit got 200 or 304"
ok "$([ "$(awk -v t="$tstop" '$1 > t && $2 == 404' "$T_DIR/polls" | wc -l)" -eq "$after_all" ]; echo $?)" "every one got 404"
for i in $(seq 1 50); do [ ! -e "$f2" ] && break; sleep 0.02; done
ok "$([ ! -e "$f2" ]; echo $?)" "the other host removes its copy within its period"
call room GET /api/projector/state '' -H "X-Projector-Token: $TOK2"
is "$code:$(jget "$body" error.code)" 410:session_ended "the projector's worker call: the session ended"
kill "$h2pid" 2>/dev/null
wait "$h2pid" 2>/dev/null

# --- deleting the account ends its running session as exactly -----------
browser bob 127.0.0.31
browser b1 127.0.0.32
call bob POST /api/accounts '{"email":"bob@example.org","display_name":"Bob","password":"bob has a good passphrase"}'
call bob POST /api/sessions '{"title":"Bob live"}'
BS=$(jget "$body" session.id)
call bob POST "/api/sessions/$BS/start" ''
call b1 POST /api/join "{\"code\":\"$(jget "$body" session.join_code)\"}"
call b1 GET /api/participant/state
BL=$(jget "$body" live)
appears "$BL"; ok $? "bob's session has its document"
call bob DELETE /api/account '{"password":"bob has a good passphrase"}'
is "$code" 204 "bob deletes his account while the session runs"
doc "$BL"
is "$code" 404 "its document is gone as the deletion answers"
call b1 GET /api/participant/state
is "$code" 401 "and its participant's worker call is refused"

# --- tokens ---------------------------------------------------------------
ok "$(grep -q 'live documents\|publisher' "$PF_DIR/primoforumd.log"; echo $?)" "the publisher runs (its log line)"
ok "$(! grep -q 'live document.*:' "$PF_DIR/primoforumd.log"; echo $?)" "no error writing a document"

done_testing
