#!/bin/bash
# SPDX-License-Identifier: ISC
# backoff.t: the login back-off counted in the host's memory: failed and
# refused logins from many addresses write no row of login_throttle; an
# email past its free failures is written once per failure (not per
# refusal), another host's longer wait in the database is taken, refused
# logins are audited in aggregate, and the counter outlives a restart of
# primoforumd; joins guessed from many addresses write no row either.
# Every route that checks a password or a code has the same back-off; a
# device cookie lets the owner's browser pass an email's back-off that
# strangers drove up; a new login ends the browser's old one.
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
    'refused attempts: 10' "saying how many"

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

# --- every route that checks a password or a code has the back-off ---
LPW="lee's own good passphrase"
browser lee 127.0.0.31
call lee POST /api/accounts "{\"email\":\"lee@example.org\",\"display_name\":\"Lee\",\"password\":\"$LPW\"}"
is "$code" 201 "lee registers (and is logged in)"
codes=""
for i in 1 2 3 4 5; do
	call lee POST /api/account/password "{\"current_password\":\"guess $i\",\"new_password\":\"a stolen cookie's password\"}"
	codes="$codes$code "
done
is "$codes" "403 403 403 403 403 " "a stolen login cookie guesses lee's password five times: 403 each"
call lee POST /api/account/password "{\"current_password\":\"$LPW\",\"new_password\":\"a stolen cookie's password\"}"
is "$code" 429 "then changing the password waits, even with the right one"
like "$headers" 'retry-after: [0-9]+' "with Retry-After"
call lee DELETE /api/account "{\"password\":\"$LPW\"}"
is "$code" 429 "deleting the account waits too (the same counter: the email's)"
FROM=127.0.0.32 call lee2 POST /api/login "{\"email\":\"lee@example.org\",\"password\":\"$LPW\"}"
is "$code" 429 "and so does a login from elsewhere: the login's back-off"
sleep 1.2
call lee POST /api/account/password "{\"current_password\":\"$LPW\",\"new_password\":\"lee's second passphrase\"}"
is "$code" 204 "after the wait the right password changes it: a back-off, not a lockout"
LPW="lee's second passphrase"

# The second factor's codes: turning two-factor on.
call lee POST /api/account/totp/setup ''
is "$code" 200 "lee starts two-factor"
codes=""
for i in 1 2 3 4 5; do
	call lee POST /api/account/totp/enable '{"code":"000000"}'
	codes="$codes$code "
done
is "$codes" "422 422 422 422 422 " "five wrong codes: 422 each"
call lee POST /api/account/totp/enable '{"code":"000000"}'
is "$code" 429 "the sixth waits"
sleep 1.2

# A device cookie: a browser that logged in before passes the email's
# back-off that strangers drove up; strangers still wait.
browser home 127.0.0.33
FROM=127.0.0.33 call home POST /api/login "{\"email\":\"lee@example.org\",\"password\":\"$LPW\"}"
is "$code" 200 "lee logs in at home"
like "$headers" 'set-cookie: __Host-pf_device=[0-9a-f]{32}\.[0-9a-f]{64}; Path=/; Secure; HttpOnly; SameSite=Strict' \
    "and the browser gets a device cookie (__Host-, Secure, HttpOnly, Strict)"
codes=""
for i in 1 2 3 4 5; do
	attempt lee@example.org "a stranger's guess $i"
	codes="$codes$code "
done
# As if they had kept on for a while: the wait is two minutes.
sql -e "UPDATE login_throttle SET failures = 12, blocked_until = UTC_TIMESTAMP(6) + INTERVAL 120 SECOND WHERE kind = 'e'"
sleep 1.2
attempt lee@example.org "$LPW"
is "$codes$code" "401 401 401 401 401 429" "strangers guess from five addresses and keep on; then even the right password waits"
FROM=127.0.0.34 call home POST /api/login "{\"email\":\"lee@example.org\",\"password\":\"$LPW\"}"
is "$code" 200 "lee's browser, from a new address, logs in all the same (its device cookie)"
sed 's/\(__Host-pf_device\t\)[0-9a-f]*\./\1ffffffffffffffffffffffffffffffff./' "$T_DIR/jar.home" >"$T_DIR/jar.forged"
browser forged 127.0.0.35
call forged POST /api/login "{\"email\":\"lee@example.org\",\"password\":\"$LPW\"}"
is "$code" 429 "a forged device cookie does not"
cp "$T_DIR/jar.home" "$T_DIR/jar.kimdev"
browser kimdev 127.0.0.36
attempt lee@example.org "one more stranger"
call kimdev POST /api/login "{\"email\":\"kim@example.org\",\"password\":\"$PW\"}"
is "$code" 200 "(kim logs in from lee's browser: a device cookie names one email)"
codes=""
for i in 1 2 3 4 5; do
	FROM=127.0.0.37 call home POST /api/login "{\"email\":\"lee@example.org\",\"password\":\"home guess $i\"}"
	codes="$codes$code "
done
FROM=127.0.0.38 call home POST /api/login "{\"email\":\"lee@example.org\",\"password\":\"$LPW\"}"
is "$codes$code" "401 401 401 401 401 429" "a device cookie's own failures make it wait: a stolen one guesses no faster"

# A new login from a browser ends the login its old cookie held.
sql -e "DELETE FROM login_throttle"
daemon_stop "$PF_DIR"
daemon_start "$PF_DIR" || echo "# primoforumd did not restart"
wait_for "pf_curl -f '$PF_URL/api/health'" 20
browser desk 127.0.0.39
call desk POST /api/login "{\"email\":\"kim@example.org\",\"password\":\"$PW\"}"
is "$code" 200 "kim logs in at a desk"
cp "$T_DIR/jar.desk" "$T_DIR/jar.copy"
browser copy 127.0.0.40
call desk POST /api/login "{\"email\":\"kim@example.org\",\"password\":\"$PW\"}"
is "$code" 200 "and again from the same browser"
call copy GET /api/account
is "$code" 401 "the earlier login's cookie (a copy of it) no longer works"
call desk GET /api/account
is "$code" 200 "the new one does"

done_testing
