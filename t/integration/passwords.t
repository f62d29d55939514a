#!/bin/bash
# SPDX-License-Identifier: ISC
# passwords.t: argon2id under pressure and over time: at most
# argon2_max_concurrent hashes at once on the host (excess: 503 with
# Retry-After), a weaker stored hash upgraded at the next login, and a
# tampered hash refused before it is verified.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
PF_WORKERS=4 PF_EXTRA_CONF="argon2_max_concurrent = 1" with_stack
. "$PF_SRC/t/lib/api.sh"

PW="a perfectly good passphrase"
browser ann 127.0.0.11
call ann POST /api/accounts "{\"email\":\"ann@example.org\",\"display_name\":\"Ann\",\"password\":\"$PW\"}"
is "$code" 201 "registered"
id=$(jget "$body" account.id)

# A flood of logins from many addresses: one hash at a time on this host.
flood() {
	local i
	for i in $(seq 1 16); do
		pf_curl -s -o /dev/null -D - --interface "127.0.2.$i" \
		    -H 'Content-Type: application/json' \
		    --data-binary "{\"email\":\"ann@example.org\",\"password\":\"$PW\"}" \
		    "$PF_URL/api/login" | tr -d '\r' | grep -Ei '^(HTTP|retry-after)' | tr '\n' ' ' &
		echo
	done
	wait
}
for round in 1 2 3; do
	out=$(flood)
	echo "$out" | grep -q ' 503 ' && break
	sleep 1
done
like "$out" 'HTTP/2 503 +retry-after: 1' "past the limit a login gets 503 with Retry-After"
like "$out" 'HTTP/2 200' "while the others are served"
sleep 0.3
like "$(grep 'error=busy' "$PF_DIR/primoforumd.log" | head -1)" 'route=login status=503' \
    "the log names it"

# A hash made with weaker settings than the configuration is upgraded.
weak=$(printf '%s' "$PW" | argon2 "$(openssl rand -hex 8)" -id -t 1 -k 8192 -p 1 -l 32 -e)
like "$weak" '^\$argon2id\$v=19\$m=8192,t=1,p=1\$' "a weaker hash (m=8192, t=1) is made"
sql -e "UPDATE account SET password_hash = '$weak' WHERE id = $id"
sleep 1
call ann POST /api/login "{\"email\":\"ann@example.org\",\"password\":\"$PW\"}"
is "$code" 200 "login with the weaker hash works"
like "$(sql -e "SELECT password_hash FROM account WHERE id = $id")" '^\$argon2id\$v=19\$m=19456,t=2,p=1\$' \
    "and the stored hash now has the configured settings"
like "$(sql -e "SELECT action FROM audit_event WHERE account_id = $id")" 'password_rehashed' \
    "recorded in the audit trail"

# A tampered hash that would cost gigabytes is refused unverified.
sql -e "UPDATE account SET password_hash = '\$argon2id\$v=19\$m=2000000000,t=2,p=1\$c2FsdHNhbHRzYWx0c2FsdA\$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' WHERE id = $id"
call ann POST /api/login "{\"email\":\"ann@example.org\",\"password\":\"$PW\"}"
is "$code" 401 "a tampered hash: the login is refused"
sleep 0.3
like "$(cat "$PF_DIR/primoforumd.log")" "account $id: stored hash refused unverified" \
    "and the refusal is logged for the operator"
# Four workers and the publisher, and none died (the supervisor would
# have replaced it, and said so in the log).
is "$(pgrep -P "$(cat "$PF_DIR/primoforumd.pid")" | wc -l)" 5 "no worker died on it"
unlike "$(cat "$PF_DIR/primoforumd.log")" '(worker|publisher) [0-9]+ \(pid [0-9]+\) (killed|exited)' \
    "the supervisor replaced no process"

done_testing
