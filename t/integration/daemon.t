#!/bin/bash
# SPDX-License-Identifier: ISC
# daemon.t: primoforumd's process duties: a killed worker is replaced,
# so is the publisher of the live documents,
# SIGHUP reopens the log, SIGTERM lets the request in flight finish, the
# log holds one line per request and never a cookie, query or body, and
# a secrets file that others can read stops the start.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
with_stack
S=$PF_DIR
sup=$(cat "$S/primoforumd.pid")

wait_for "grep -q 'publisher ready' '$S/primoforumd.log'" 10
pub=$(sed -n 's/.* pid=\([0-9]*\) info publisher ready$/\1/p' "$S/primoforumd.log" | tail -1)
workers() { pgrep -P "$sup" | grep -vx "$pub" | sort; }

is "$(stat -c '%a %G' "$S/run/fcgi.sock")" "660 $(web_group)" \
    "the FastCGI socket is mode 0660, group shared with nginx"

before=$(workers)
is "$(echo "$before" | wc -l)" 2 "two workers run (workers = 2)"
is "$(pgrep -P "$sup" | wc -l)" 3 "and the publisher beside them"

# A worker killed with SIGKILL is replaced and the next requests succeed.
victim=$(echo "$before" | head -1)
kill -9 "$victim"
wait_for "[ \"\$(pgrep -P $sup | wc -l)\" -eq 3 ] && ! pgrep -P $sup | grep -qx $victim" 10
ok $? "killed worker $victim replaced"
after=$(workers)
unlike "$after" "^$victim\$" "the dead pid is gone"
fails=0
for i in $(seq 1 40); do
	c=$(pf_curl -o /dev/null -w '%{http_code}' "$PF_URL/api/health")
	[ "$c" = 200 ] || fails=$((fails + 1))
done
is "$fails" 0 "40 requests after the kill all answered 200"
like "$(cat "$S/primoforumd.log")" "worker [01] \\(pid $victim\\) killed by signal 9; replacing it" \
    "the replacement is logged"

# The publisher killed: replaced too.
kill -9 "$pub"
wait_for "[ \"\$(grep -c 'publisher ready' '$S/primoforumd.log')\" -ge 2 ] && [ \"\$(pgrep -P $sup | wc -l)\" -eq 3 ]" 10
ok $? "the killed publisher is replaced"
like "$(cat "$S/primoforumd.log")" "publisher 2 \\(pid $pub\\) killed by signal 9; replacing it" \
    "and that is logged"
pub=$(sed -n 's/.* pid=\([0-9]*\) info publisher ready$/\1/p' "$S/primoforumd.log" | tail -1)

# The access line: one per request, with id, method, route, status, time;
# nothing from the cookie, query string or body.
pf_curl -o /dev/null -H 'Cookie: __Host-pf_login=COOKIESECRET' \
    -H 'Content-Type: application/json' --data-binary '{"p":"BODYSECRET"}' \
    -X GET "$PF_URL/api/health?token=QUERYSECRET"
sleep 0.2
log=$(cat "$S/primoforumd.log")
like "$log" 'rid=[0-9a-f]{32} method=GET route=health status=200 ms=[0-9.]+' \
    "one access line per request, with its fields"
unlike "$log" 'COOKIESECRET|BODYSECRET|QUERYSECRET' \
    "no cookie, body or query string in the log"
rid=$(pf_curl -si "$PF_URL/api/nope" | sed -n 's/^x-request-id: \([0-9a-f]*\).*/\1/p')
sleep 0.2
like "$(grep "rid=$rid" "$S/primoforumd.log")" 'route=- status=404 .*error=not_found' \
    "the request id ties the answer to its log line"
like "$(grep "rid=$rid" "$S/access.log")" '"GET /api/nope' \
    "and to nginx's access line"

# SIGHUP: the log is reopened (logrotate moves it away first).
mv "$S/primoforumd.log" "$S/primoforumd.log.1"
kill -HUP "$sup"
sleep 0.5
for i in 1 2 3 4; do pf_curl -o /dev/null "$PF_URL/api/health"; done
wait_for "[ -s '$S/primoforumd.log' ] && grep -q route=health '$S/primoforumd.log'" 5
ok $? "after SIGHUP the workers write to the new log file"

# SIGTERM while a request is in flight: it finishes, then all exit.  The
# request is held in the database by a table lock that another session
# takes for 3 seconds.
echo "LOCK TABLES schema_migrations WRITE; SELECT SLEEP(3);" |
    mariadb --no-defaults --socket="$S/mysql.sock" -uroot primoforum \
    >/dev/null &
lockpid=$!
sleep 0.5
pf_curl -o "$S/inflight.out" -w '%{http_code}' "$PF_URL/api/health" \
    >"$S/inflight.code" &
curlpid=$!
sleep 0.7
kill -TERM "$sup"
sleep 0.5
kill -0 "$sup" 2>/dev/null
ok $? "primoforumd waits while a request is in flight"
wait "$curlpid"
is "$(cat "$S/inflight.code")" 200 "the request in flight finished with 200"
wait_for "! kill -0 $sup" 10
ok $? "then primoforumd exits"
ok $([ ! -e "$S/run/fcgi.sock" ]; echo $?) "and removes its socket"
wait "$lockpid"

# Secrets readable by others: refused at start, with the fix named.
chmod 644 "$S/secrets"
out=$("$PF_BUILD/primoforumd" -f "$S/primoforum.conf" 2>&1)
st=$?
ok $(( st == 0 )) "primoforumd refuses to start with a 0644 secrets file"
like "$out" 'mode 0644.*chmod 600' "and says why and how to fix it"
chmod 600 "$S/secrets"
out=$("$PF_BUILD/primoforumd" -t -f "$S/primoforum.conf" 2>&1)
ok $? "with mode 0600 the configuration is accepted"

# A typo in the configuration names its line.
printf 'wrokers = 3\n' >>"$S/primoforum.conf"
out=$("$PF_BUILD/primoforumd" -t -f "$S/primoforum.conf" 2>&1)
like "$out" 'line [0-9]+: unknown key "wrokers"' "unknown config key refused"

done_testing
