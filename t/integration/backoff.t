#!/bin/bash
# SPDX-License-Identifier: ISC
# backoff.t: the login back-off counted in the host's memory: failed and
# refused logins from many addresses write no row of login_throttle; an
# email past its free failures is written once per failure (not per
# refusal), another host's longer wait in the database is taken, refused
# logins are audited in aggregate, and the counter outlives a restart of
# primoforumd; joins guessed from many addresses write no row either.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
with_stack
. "$PF_SRC/t/lib/api.sh"

PW="a good passphrase for kim"
browser kim 127.0.0.11
call kim POST /api/accounts "{\"email\":\"kim@example.org\",\"display_name\":\"Kim\",\"password\":\"$PW\"}"
is "$code" 201 "kim registers"
call kim POST /api/logout ''

rows() { sql -e "SELECT COUNT(*) FROM login_throttle"; }
N=0
attempt() {	# attempt EMAIL PASSWORD: from a new address; sets code
	N=$((N + 1))
	FROM=127.0.$((8 + N / 250)).$((N % 250 + 1)) call kim POST /api/login \
	    "{\"email\":\"$1\",\"password\":\"$2\"}"
}

# A distributed flood: 40 wrong logins, each a new email from a new
# address.
r0=$(rows)
codes=""
for i in $(seq 1 40); do
	attempt "flood-$i@example.org" "not the password $i"
	codes="$codes$code "
done
is "$(echo "$codes" | tr ' ' '\n' | sort | uniq -c | awk 'NF == 2 {print $2 "x" $1}' | tr '\n' ' ')" "401x40 " \
    "40 wrong logins from 40 addresses: 401 each"
is "$(rows)" "$r0" "and not one row of login_throttle written (still $r0)"

# The email's counter: free failures in memory, then the database.
codes=""
for i in 1 2 3 4; do
	attempt kim@example.org "wrong $i"
	codes="$codes$code "
done
is "$codes" "401 401 401 401 " "four wrong passwords for kim: 401 each"
is "$(sql -e "SELECT COUNT(*) FROM login_throttle WHERE kind = 'e'")" 0 \
    "below its free failures the email's counter is in memory only"
attempt kim@example.org "wrong 5"
is "$code" 401 "a fifth: 401"
is "$(sql -e "SELECT failures FROM login_throttle WHERE kind = 'e' AND key_hash = UNHEX(SHA2('kim@example.org', 256))")" 5 \
    "past them the database holds it (5 failures), for a restart and the other hosts"
is "$(sql -e "SELECT COUNT(*) FROM login_throttle WHERE kind = 'a'")" 0 "no address's counter is written"

# Another host counted more and set a longer wait: this host takes it
# when its own wait (1 s) ends.
a0=$(sql -e "SELECT COUNT(*) FROM audit_event WHERE action = 'login' AND outcome = 'throttled'")
sql -e "UPDATE login_throttle SET failures = 12, blocked_until = UTC_TIMESTAMP(6) + INTERVAL 120 SECOND WHERE kind = 'e'"
sleep 1.2
attempt kim@example.org "$PW"
is "$code" 429 "another host's longer wait is taken: even the right password waits"
ra=$(printf '%s' "$headers" | sed -n 's/^retry-after: *\([0-9]*\).*/\1/p' | head -1)
ok "$([ "${ra:-0}" -gt 100 ]; echo $?)" "Retry-After is the database's wait ($ra s)"

# Refused attempts: no write, audited in aggregate.
before=$(sql -e "SELECT CONCAT(failures, ' ', updated_at) FROM login_throttle WHERE kind = 'e'")
codes=""
for i in $(seq 1 12); do
	attempt kim@example.org "wrong again $i"
	codes="$codes$code "
done
is "$(echo "$codes" | tr ' ' '\n' | sort | uniq -c | awk 'NF == 2 {print $2 "x" $1}' | tr '\n' ' ')" "429x12 " \
    "12 more attempts from 12 addresses: 429 each"
is "$(sql -e "SELECT CONCAT(failures, ' ', updated_at) FROM login_throttle WHERE kind = 'e'")" "$before" \
    "the row is not written by a refusal (failures and updated_at as before)"
is "$(sql -e "SELECT COUNT(*) FROM audit_event WHERE action = 'login' AND outcome = 'throttled'")" $((a0 + 2)) \
    "refusals audited in aggregate: 2 rows (the 1st and the 10th) for 13"
like "$(sql -e "SELECT target FROM audit_event WHERE action = 'login' AND outcome = 'throttled'")" \
    'refused logins: 10' "saying how many"

# A restart of primoforumd empties the table: the email's wait comes
# back from the database, the flood's counters are gone.
daemon_stop "$PF_DIR"
daemon_start "$PF_DIR" || echo "# primoforumd did not restart"
wait_for "pf_curl -f '$PF_URL/api/health'" 20
attempt kim@example.org "$PW"
is "$code" 429 "after a restart kim still waits (read back from the database)"

# Joins guessed from many addresses: no row either.
r0=$(rows)
codes=""
for i in $(seq 1 20); do
	codes="$codes $(pf_curl -s -o /dev/null -w '%{http_code}' --interface "127.0.20.$i" \
	    -H 'Content-Type: application/json' --data-binary "{\"code\":\"ABCD-EF$(printf '%02d' $i)\"}" \
	    "$PF_URL/api/join")"
done
is "$(echo "$codes" | tr ' ' '\n' | grep -c 404)" 20 "20 wrong join codes from 20 addresses: 404 each"
is "$(rows)" "$r0" "and no row of login_throttle written"

# After the wait, the right password logs in and the row goes.
sql -e "UPDATE login_throttle SET blocked_until = UTC_TIMESTAMP(6) WHERE kind = 'e'"
daemon_stop "$PF_DIR"
daemon_start "$PF_DIR" || echo "# primoforumd did not restart"
wait_for "pf_curl -f '$PF_URL/api/health'" 20
attempt kim@example.org "$PW"
is "$code" 200 "once the wait is over kim logs in: a back-off, not a lockout"
is "$(sql -e "SELECT COUNT(*) FROM login_throttle WHERE kind = 'e'")" 0 "and the success removes the row"

done_testing
