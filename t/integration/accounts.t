#!/bin/bash
# SPDX-License-Identifier: ISC
# accounts.t: facilitator accounts through nginx over HTTPS with the real
# database: registration and the password rules, login and its
# same answer for unknown and wrong, throttling, the login cookie,
# timeouts, logout and password change, CSRF, two-factor, password reset,
# export, deletion, the audit trail, and a canary password that must end
# up nowhere.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
with_stack
. "$PF_SRC/t/lib/api.sh"

CANARY="Canary-$(openssl rand -hex 8)-paard batterij"
EMOJI_PW="$(printf 'a long sentence with spaces and emoji \xf0\x9f\x90\x8e %.0s' $(seq 1 5))"
EMOJI_PW=${EMOJI_PW:0:200}

browser ann 127.0.0.11
browser ann2 127.0.0.12
browser bob 127.0.0.13
browser eve 127.0.0.14
browser anon 127.0.0.15

reg() {	# reg BROWSER EMAIL NAME PASSWORD
	call "$1" POST /api/accounts "$(printf '{"email":"%s","display_name":"%s","password":"%s"}' "$2" "$3" "$4")"
}
# Each login comes from a fresh address, as a phone moving between
# networks would: nginx allows an address 10 logins a minute, and this
# test logs in far more often than that.
NEXT=1
login() {	# login BROWSER EMAIL PASSWORD [CODE]
	local extra=""
	[ -n "${4:-}" ] && extra=",\"code\":\"$4\""
	NEXT=$((NEXT + 1))
	FROM=127.0.1.$NEXT call "$1" POST /api/login "$(printf '{"email":"%s","password":"%s"%s}' "$2" "$3" "$extra")"
}

# --- registration and the password rules -----------------------------
reg anon a1@example.org A "short pw"
is "$code" 422 "a password under 12 characters is refused"
like "$body" '"code":"weak_password".*too short' "and the message says why"
reg anon a1@example.org A "1qaz2wsx3edc"
is "$code" 422 "a common password (in the shipped list) is refused"
like "$body" 'most common' "with a message that says so"
reg anon a1@example.org A "1QAZ2wsx3EDC"
is "$code" 422 "the list is compared without regard to case"
reg anon longname@example.org A "LONGNAME@example.org"
is "$code" 422 "a password equal to the email is refused"
reg anon not-an-email A "$CANARY"
is "$code" 422 "a malformed email is refused"
like "$body" '"code":"invalid_email"' "as invalid_email"
call anon POST /api/accounts '{"email":"x@example.org","password":"'"$CANARY"'"}'
is "$code" 422 "a missing display name is refused"
like "$body" 'display_name is required' "naming the field"
call anon POST /api/accounts '{"email":"x@example.org","display_name":"X","password":"'"$CANARY"'","admin":true}'
is "$code" 422 "an unknown field is refused"

reg ann " Ann@Example.ORG " "Ann" "$CANARY"
is "$code" 201 "registration with a good password: 201"
like "$body" '"email":"ann@example.org"' "email normalized (trimmed, lowercase)"
like "$body" '"plan":"free"' "a new account starts on the free plan"
ann_id=$(jget "$body" account.id)
like "$headers" 'set-cookie: __Host-pf_login=[0-9a-f]{64}; Path=/; Secure; HttpOnly; SameSite=Lax' \
    "login cookie: __Host- prefix, Secure, HttpOnly, SameSite=Lax, Path=/"
reg bob "ANN@example.org" "Ann again" "another good passphrase"
is "$code" 409 "the same email in other case is taken"
like "$body" '"code":"email_taken"' "as email_taken"
# ... but registration must not list the emails that have accounts: each
# email_taken counts against the address, and a few later it waits.
for i in 1 2 3; do
	FROM=127.0.0.42 call anon POST /api/accounts '{"email":"ann@example.org","display_name":"P","password":"a probe of the email"}'
	taken="${taken:-}$code "
done
is "$taken" "409 409 409 " "three probes of a taken email from one address: 409 each"
FROM=127.0.0.42 call anon POST /api/accounts '{"email":"free-one@example.org","display_name":"P","password":"a probe of the email"}'
is "$code" 429 "the next registration from that address waits, taken or not"
like "$body" '"code":"too_many_attempts"' "too_many_attempts"
like "$headers" 'retry-after: [0-9]+' "with Retry-After"
is "$(sql -e "SELECT COUNT(*) FROM account WHERE email = 'free-one@example.org'")" 0 "and registers nothing"
NOSAVE=1 FROM=127.0.0.43 call anon POST /api/accounts '{"email":"free-one@example.org","display_name":"P","password":"a probe of the email"}'
is "$code" 201 "another address registers as before"

reg bob bob@example.org "Bob" "$EMOJI_PW"
is "$code" 201 "a 200-character password with spaces and emoji is accepted"
bob_id=$(jget "$body" account.id)
call bob POST /api/logout ''
login bob bob@example.org "$EMOJI_PW"
is "$code" 200 "and logs in, not truncated"
login eve bob@example.org "${EMOJI_PW:0:199}"
is "$code" 401 "the same password one character short does not"

hashes=$(sql -e "SELECT password_hash FROM account")
bad=$(printf '%s\n' "$hashes" | grep -Evc '^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$')
is "$bad" 0 "every stored hash is argon2id v=19 with the configured m, t, p and a 16-byte salt"

# --- login: same answer for unknown and wrong ------------------------
login eve ann@example.org "wrong password here"
c1=$code b1=$body
login eve nobody@example.org "wrong password here"
is "$code $body" "$c1 $b1" "unknown email and wrong password: the same status and body"
# The time, as medians of three each, alternating, each from an address of
# its own (the login's back-off counts per address and per email: ann and
# bob stay under its five free failures): one sample beside a loaded
# suite (the ASan lane) can be off by twice.
lt() {	# lt ADDR EMAIL: one failed login's time
	pf_curl -o /dev/null -w '%{time_total}' --interface "$1" -H 'Content-Type: application/json' \
	    --data-binary "{\"email\":\"$2\",\"password\":\"wrong password again\"}" "$PF_URL/api/login"
}
tw=""; tu=""
for i in 1 2 3; do
	case $i in 1) e=ann@example.org ;; *) e=bob@example.org ;; esac
	tw="$tw $(lt "127.0.7.$i" "$e")"
	tu="$tu $(lt "127.0.7.$((i + 10))" "nobody$i@example.org")"
done
t1=$(printf '%s\n' $tw | sort -n | sed -n 2p)
t2=$(printf '%s\n' $tu | sort -n | sed -n 2p)
ok $(perl -e 'exit !($ARGV[1] > 0.5 * $ARGV[0] && $ARGV[1] > 0.01)' "$t1" "$t2"; echo $?) \
    "and about the same time (medians: wrong ${t1}s, unknown ${t2}s: a dummy verify)"

# --- throttling: X held back, Y still logs in --------------------------
browser x 127.0.0.21
browser y 127.0.0.22
login x ann@example.org "$CANARY"
is "$code" 200 "ann logs in after two wrong passwords"
call x POST /api/logout ''
codes=""
for i in 1 2 3 4 5; do
	login x ann@example.org "not the password $i"
	codes="$codes$code "
done
is "$codes" "401 401 401 401 401 " "and that success forgot them: five wrong passwords for ann, from five addresses: 401 each"
login x ann@example.org "$CANARY"
is "$code" 429 "then even the right password waits (back-off per email)"
like "$headers" 'retry-after: [0-9]+' "with Retry-After"
wait=$(printf '%s' "$headers" | sed -n 's/^retry-after: *\([0-9]*\).*/\1/p' | head -1)
login y bob@example.org "$EMOJI_PW"
is "$code" 200 "meanwhile bob logs in"
sleep "${wait:-1}"
login x ann@example.org "$CANARY"
is "$code" 200 "after Retry-After's wait ann can log in: no permanent lockout"
call x POST /api/logout ''

# --- the login: account page, CSRF, timeouts -------------------------
call ann GET /api/account
is "$code" 200 "GET /api/account with the cookie"
is "$(jget "$body" account.display_name)" "Ann" "shows the account"
call anon GET /api/account
is "$code" 401 "without a login: 401"
like "$body" '"code":"login_required"' "login_required"

csrf=${B_CSRF[ann]}
B_CSRF[ann]=""
call ann POST /api/account/totp/setup '{}'
is "$code" 403 "a state-changing request without the CSRF token is refused"
like "$body" '"code":"csrf_token"' "as csrf_token"
B_CSRF[ann]=$csrf
SITE=cross-site call ann POST /api/account/totp/setup '{}'
is "$code" 403 "Sec-Fetch-Site: cross-site is refused"
SITE=same-site call ann POST /api/account/totp/setup '{}'
is "$code" 403 "Sec-Fetch-Site: same-site is refused too"
SITE= ORIGIN=https://evil.example call ann POST /api/account/totp/setup '{}'
is "$code" 403 "a foreign Origin is refused"
like "$body" '"code":"cross_site"' "as cross_site"
SITE= ORIGIN=https://evil.example call anon POST /api/login '{"email":"ann@example.org","password":"x"}'
is "$code" 403 "login from another site is refused too (login CSRF)"
is "$(sql -e "SELECT CONCAT(COUNT(*), ' ', MIN(outcome)) FROM audit_event WHERE action = 'cross_site_refused'")" "4 refused" \
    "each cross-site refusal is an audit event"
is "$(sql -e "SELECT target FROM audit_event WHERE action = 'csrf_refused'")" "account.totp_setup" \
    "and so is a missing CSRF token, with the route"

login ann2 ann@example.org "$CANARY"
is "$code" 200 "a second browser logs in"
call ann2 GET /api/account/logins
is "$(jget "$body" logins | grep -o '"id"' | wc -l)" 2 "the account lists its two logins"
like "$body" '"address":"127\.0\.1\.[0-9]+"' "with the address it logged in from"
like "$body" '"current":true' "and marks the current one"
last_login() { sql -e "SELECT MAX(id) FROM login WHERE account_id = $ann_id"; }
l2=$(last_login)
sql -e "UPDATE login SET last_seen = UTC_TIMESTAMP(6) - INTERVAL 121 MINUTE WHERE id = $l2"
call ann2 GET /api/account
is "$code" 401 "idle for over 2 hours: the login has ended"
like "$body" '"code":"login_expired"' "login_expired"
is "$(sql -e "SELECT COUNT(*) FROM login WHERE id = $l2")" 0 \
    "and it is deleted on the server"
sql -e "UPDATE login SET last_seen = UTC_TIMESTAMP(6) - INTERVAL 119 MINUTE WHERE id = (SELECT MIN(id) FROM login WHERE account_id = $ann_id)"
call ann GET /api/account
is "$code" 200 "idle for just under 2 hours: still logged in"
login ann2 ann@example.org "$CANARY"
sql -e "UPDATE login SET created_at = UTC_TIMESTAMP(6) - INTERVAL 721 MINUTE WHERE id = $(last_login)"
call ann2 GET /api/account
is "$code" 401 "older than 12 hours, though active: ended (absolute timeout)"

login ann2 ann@example.org "$CANARY"
call ann GET /api/account/logins
other=$(printf '%s' "$body" | perl -MJSON::PP -e 'for (@{decode_json(<STDIN>)->{logins}}) { print $_->{id}, "\n" unless $_->{current} }' | head -1)
call bob DELETE "/api/account/logins/$other"
is "$code" 404 "another account cannot end ann's login"
call ann DELETE "/api/account/logins/$other"
is "$code" 204 "ann ends her other browser's login from the account page"
call ann2 GET /api/account
is "$code" 401 "that browser is logged out at once"

# --- password change ends the other logins ---------------------------
login ann2 ann@example.org "$CANARY"
call ann POST /api/account/password '{"current_password":"wrong one","new_password":"a new fine passphrase"}'
is "$code" 403 "password change needs the current password"
NEWPW="$CANARY and more"
call ann POST /api/account/password "{\"current_password\":\"$CANARY\",\"new_password\":\"$NEWPW\"}"
is "$code" 204 "password changed"
call ann2 GET /api/account
is "$code" 401 "the other login ended"
call ann GET /api/account
is "$code" 200 "this login goes on"
login eve ann@example.org "$CANARY"
is "$code" 401 "the old password no longer works"

# --- logout -----------------------------------------------------------
call ann POST /api/logout ''
is "$code" 204 "logout"
like "$headers" 'set-cookie: __Host-pf_login=; .*Max-Age=0' "clears the cookie"
call ann GET /api/account
is "$code" 401 "and the login is gone on the server"

# --- two-factor -------------------------------------------------------
login ann ann@example.org "$NEWPW"
call ann POST /api/account/totp/setup '{}'
is "$code" 200 "two-factor set-up"
secret=$(jget "$body" secret)
like "$(jget "$body" otpauth_uri)" '^otpauth://totp/Primoforum:ann@example.org\?secret=[A-Z2-7]{32}&issuer=Primoforum' \
    "an otpauth URI"
like "$(jget "$body" qr_svg)" '^<svg xmlns="http://www.w3.org/2000/svg".*<path' "and its QR code as SVG"
stored=$(sql -e "SELECT HEX(totp_secret) FROM account WHERE id = $ann_id")
unlike "$stored" "$(printf '%s' "$secret" | tr -d '\n')" "the secret is stored sealed, not as it is"
call ann POST /api/account/totp/enable '{"code":"000000"}'
is "$code" 422 "a wrong code does not enable it"
now=$(oathtool --totp -b "$secret")
call ann POST /api/account/totp/enable "{\"code\":\"$now\"}"
is "$code" 200 "the right code enables it"
rc1=$(jget "$body" recovery_codes.0)
rc2=$(jget "$body" recovery_codes.1)
is "$(jget "$body" recovery_codes | grep -o '"' | wc -l)" 20 "ten recovery codes, shown once"
is "$(sql -e "SELECT COUNT(*) FROM recovery_code WHERE account_id = $ann_id AND used_at IS NULL")" 10 \
    "stored (as hashes)"
unlike "$(sql -e "SELECT HEX(code_hash) FROM recovery_code")" "${rc1//-/}" "not as they are"
call ann POST /api/logout ''

login ann ann@example.org "$NEWPW"
is "$code" 401 "with two-factor on, the password alone is not enough"
like "$body" '"code":"code_required"' "code_required"
login ann ann@example.org "$NEWPW" "$now"
is "$code" 401 "the code already used to enable it is refused (time-step reuse)"
next=$(oathtool --totp -b -N "$(date -u -d '+30 seconds' '+%Y-%m-%d %H:%M:%S UTC')" "$secret")
login ann ann@example.org "$NEWPW" "$next"
is "$code" 200 "a fresh code logs in"
call ann POST /api/logout ''
login ann ann@example.org "$NEWPW" "$next"
is "$code" 401 "the same code again is refused (replay)"
login ann ann@example.org "$NEWPW" "$rc1"
is "$code" 200 "a recovery code logs in"
call ann POST /api/logout ''
login ann ann@example.org "$NEWPW" "$rc1"
is "$code" 401 "a recovery code works once"
login ann ann@example.org "$NEWPW" "$(echo "$rc2" | tr 'A-Z' 'a-z')"
is "$code" 200 "recovery codes are read without regard to case"
call ann POST /api/account/totp/disable "{\"password\":\"$NEWPW\",\"code\":\"000000\"}"
is "$code" 403 "turning two-factor off needs a valid code"
call ann POST /api/account/totp/setup '{}'
is "$code" 409 "set-up again while on: 409"

# Admins: two-factor or no login, and it cannot be turned off.
sql -e "UPDATE account SET role = 'admin' WHERE id = $ann_id"
call ann POST /api/account/totp/disable "{\"password\":\"$NEWPW\",\"code\":\"$(jget "$(printf '{"c":"%s"}' "$rc2")" c)\"}"
is "$code" 403 "an admin cannot turn two-factor off"
like "$body" '"code":"second_factor_required"' "second_factor_required"
sql -e "UPDATE account SET totp_enabled = 0 WHERE id = $ann_id"
login eve ann@example.org "$NEWPW"
is "$code" 403 "an admin without two-factor cannot log in at all"
like "$body" 'primoforumctl' "and is told how an operator enrols it"
sql -e "UPDATE account SET role = 'facilitator', totp_enabled = 1 WHERE id = $ann_id"

# --- password reset ---------------------------------------------------
# The mail goes after the answer: wait for it.
mails() { ls "$PF_DIR/mail" 2>/dev/null | grep -c '^mail\.'; }
mail_wait() { wait_for "[ \$(mails) -ge $1 ]" 10; }
call anon POST /api/password/forgot '{"email":"nobody@example.org"}'
c1=$code b1=$body
call anon POST /api/password/forgot '{"email":"bob@example.org"}'
is "$code $body" "$c1 $b1" "forgot: the same answer for an unknown and a known email"
is "$code" 202 "202 Accepted"
mail_wait 1
mail=$(cat "$PF_DIR"/mail/mail.* 2>/dev/null)
is "$(ls "$PF_DIR/mail" | wc -l)" 1 "one mail sent (none for the unknown email)"
like "$mail" '^To: bob@example.org' "to bob"
like "$mail" 'Subject: Primoforum: reset your password' "in English for a browser that asks for none"
unlike "$mail" 'wachtwoord|Passwort' "in one language only"
token=$(printf '%s' "$mail" | grep -o 'reset.html#token=[0-9a-f]*' | head -1 | cut -d= -f2)
like "$token" '^[0-9a-f]{64}$' "with a link that carries a 256-bit token in its fragment"
unlike "$(sql -e "SELECT HEX(token_hash) FROM password_reset")" "$token" "the token is stored hashed"
browser bob2 127.0.0.17
login bob2 bob@example.org "$EMOJI_PW"
call anon POST /api/password/reset "{\"token\":\"$token\",\"password\":\"short\"}"
is "$code" 422 "reset: the password rules hold"
call anon POST /api/password/reset "{\"token\":\"$token\",\"password\":\"bob's brand new passphrase\"}"
is "$code" 204 "reset with the link"
call bob2 GET /api/account
is "$code" 401 "the reset ended bob's logins"
call anon POST /api/password/reset "{\"token\":\"$token\",\"password\":\"and yet another passphrase\"}"
is "$code" 400 "the link works once"
like "$body" '"code":"invalid_token"' "invalid_token"
login bob2 bob@example.org "bob's brand new passphrase"
is "$code" 200 "bob logs in with the new password"
link=$("$PF_BUILD/primoforumctl" -f "$PF_DIR/primoforum.conf" reset-link Bob@Example.org)
like "$link" "^$PF_URL/reset.html#token=[0-9a-f]{64}" "primoforumctl reset-link makes a link (never a password)"
token2=$(printf '%s' "$link" | head -1 | sed 's/.*token=//')
sql -e "UPDATE password_reset SET expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND WHERE used_at IS NULL"
call anon POST /api/password/reset "{\"token\":\"$token2\",\"password\":\"expired link passphrase\"}"
is "$code" 400 "an expired link is refused"

# The mail in the person's language: the browser's, or the page's.
rm -f "$PF_DIR"/mail/mail.*
call anon POST /api/password/forgot '{"email":"bob@example.org"}' -H 'Accept-Language: de-DE,de;q=0.9,en;q=0.5'
is "$code" 202 "forgot, from a German browser"
mail_wait 1
mail=$(cat "$PF_DIR"/mail/mail.* 2>/dev/null)
like "$mail" 'Subject: Primoforum: setze dein Passwort zurück' "the mail's subject is German"
like "$mail" 'Jemand \(hoffentlich du\)' "and so is its text, informal (du)"
like "$mail" 'reset.html#token=[0-9a-f]{64}' "with the link"
rm -f "$PF_DIR"/mail/mail.*
call anon POST /api/password/forgot '{"email":"bob@example.org","language":"nl"}' -H 'Accept-Language: de'
mail_wait 1
mail=$(cat "$PF_DIR"/mail/mail.* 2>/dev/null)
like "$mail" 'Subject: Primoforum: stel je wachtwoord opnieuw in' "the page's language before the browser's"
unlike "$mail" '(^| )(u|uw) ' "Dutch is informal (je, not u)"

# Reset mails are limited, silently: three an hour for an account (bob
# has had three links this hour), five an hour from an address.
rm -f "$PF_DIR"/mail/mail.*
FROM=127.0.0.44 call anon POST /api/password/forgot '{"email":"bob@example.org"}'
is "$code $body" "$c1 $b1" "a fourth request for bob within the hour: the same 202"
wait_for "[ \$(sql -e \"SELECT COUNT(*) FROM audit_event WHERE action = 'password_reset_requested' AND outcome = 'limited'\") -eq 1 ]" 10
is "$(sql -e "SELECT COUNT(*) FROM audit_event WHERE action = 'password_reset_requested' AND outcome = 'limited'")" 1 \
    "audited as limited"
is "$(mails)" 0 "and no mail sent"
sql -e "UPDATE password_reset SET created_at = created_at - INTERVAL 2 HOUR"
for i in 1 2 3 4 5; do
	sql -e "INSERT INTO password_reset (account_id, token_hash, expires_at, requester_hash) VALUES ($ann_id, UNHEX(SHA2('probe $i', 256)), UTC_TIMESTAMP(6), UNHEX(SHA2('127.0.0.45', 256)))"
done
FROM=127.0.0.45 call anon POST /api/password/forgot '{"email":"bob@example.org"}'
is "$code $body" "$c1 $b1" "bob again, from an address that had five links this hour: the same 202"
wait_for "[ \$(sql -e \"SELECT COUNT(*) FROM audit_event WHERE action = 'password_reset_requested' AND outcome = 'limited'\") -eq 2 ]" 10
is "$(sql -e "SELECT COUNT(*) FROM audit_event WHERE action = 'password_reset_requested' AND outcome = 'limited'")" 2 \
    "limited: the address's five"
FROM=127.0.0.46 call anon POST /api/password/forgot '{"email":"bob@example.org"}'
mail_wait 1
is "$(mails)" 1 "from another address bob's link is mailed (the hour's limit of his account had passed)"
like "$(sql -e "SELECT HEX(requester_hash) FROM password_reset ORDER BY id DESC LIMIT 1")" \
    "^$(printf '127.0.0.46' | sha256sum | cut -c1-64 | tr a-f A-F)\$" "each link keeps the SHA-256 of the address that asked"

# The same answer takes the same time: the look-up and the mail come
# after it.  Medians of 15 requests each way, alternating.
known="" unknown=""
for i in $(seq 1 15); do
	unknown="$unknown $(pf_curl -s -o /dev/null -w '%{time_total}' --interface 127.0.0.47 -H 'Content-Type: application/json' \
	    --data-binary '{"email":"nobody-'"$i"'@example.org"}' "$PF_URL/api/password/forgot")"
	sql -e "UPDATE password_reset SET created_at = created_at - INTERVAL 2 HOUR"
	known="$known $(pf_curl -s -o /dev/null -w '%{time_total}' --interface 127.0.0.47 -H 'Content-Type: application/json' \
	    --data-binary '{"email":"bob@example.org"}' "$PF_URL/api/password/forgot")"
done
median() { printf '%s\n' $1 | sort -n | sed -n 8p; }
mk=$(median "$known") mu=$(median "$unknown")
ok "$(awk -v k="$mk" -v u="$mu" 'BEGIN { exit !(k <= u * 1.5 + 0.001) }'; echo $?)" \
    "an email with an account answers as fast as one without (medians ${mk}s and ${mu}s)"
mail_wait 16
is "$(mails)" 16 "while each of the 15 known requests still mailed its link"

# --- export: everything of mine, nothing of yours ---------------------
call ann GET /api/account/export
is "$code" 200 "export"
like "$headers" 'content-disposition: attachment; filename="primoforum-export.json"' "as a download"
is "$(jget "$body" account.email)" "ann@example.org" "contains the account"
like "$(jget "$body" audit_events)" '"action":"account_registered"' "and its audit events"
like "$(jget "$body" audit_events)" '"action":"totp_enabled"' "all of them"
like "$(jget "$body" logins)" '"id":' "and its logins"
unlike "$body" 'bob@example.org|"Bob"' "nothing of another account"
unlike "$body" 'argon2|password_hash|totp_secret' "no password hash, no secret"

# --- deletion -----------------------------------------------------------
call bob2 DELETE /api/account '{"password":"not it at all"}'
is "$code" 403 "deletion needs the password"
call bob2 DELETE /api/account "{\"password\":\"bob's brand new passphrase\"}"
is "$code" 204 "bob deletes his account"
left=$(sql -e "SELECT (SELECT COUNT(*) FROM account WHERE id = $bob_id) + (SELECT COUNT(*) FROM login WHERE account_id = $bob_id) + (SELECT COUNT(*) FROM password_reset WHERE account_id = $bob_id) + (SELECT COUNT(*) FROM recovery_code WHERE account_id = $bob_id)")
is "$left" 0 "his account, logins and reset links are gone"
login bob2 bob@example.org "bob's brand new passphrase"
is "$code" 401 "and he cannot log in"

# --- the audit trail -------------------------------------------------
actions=$(sql -e "SELECT DISTINCT action FROM audit_event ORDER BY action" | tr '\n' ' ')
for a in account_registered login logout password_changed login_ended \
    totp_enabled password_reset_requested password_reset \
    password_reset_link account_exported account_deleted recovery_code_used; do
	like "$actions" "(^| )$a( |$)" "audit event: $a"
done
like "$(sql -e "SELECT CONCAT(outcome, ' ', address, ' ', LENGTH(request_id)) FROM audit_event WHERE action = 'login' AND outcome = 'failed' LIMIT 1")" \
    '^failed 127\.0\.[01]\.[0-9]+ 32$' "a failed login is recorded with address and request id"
out=$(mariadb --no-defaults --socket="$PF_DIR/mysql.sock" -uprimoforum -p"$(cat "$PF_DIR/app.pw")" primoforum \
    -e "UPDATE audit_event SET outcome = 'ok'" 2>&1)
like "$out" 'denied' "the application's account cannot change the audit trail"
out=$(mariadb --no-defaults --socket="$PF_DIR/mysql.sock" -uprimoforum -p"$(cat "$PF_DIR/app.pw")" primoforum \
    -e "DELETE FROM audit_event" 2>&1)
like "$out" 'denied' "nor delete from it"

# --- the canary ---------------------------------------------------------
sleep 0.3
dump=$(mariadb-dump --no-defaults --socket="$PF_DIR/mysql.sock" -uroot --all-databases 2>/dev/null)
like "$dump" 'audit_event' "the database dump was taken"
for f in "$PF_DIR/primoforumd.log" "$PF_DIR/access.log" "$PF_DIR/nginx-error.log" \
    "$PF_DIR/mariadb.err" "$T_DIR/responses"; do
	grep -qF "$CANARY" "$f"
	ok $(( $? == 0 )) "the canary password is nowhere in $(basename "$f")"
done
printf '%s' "$dump" | grep -qF "$CANARY"
ok $(( $? == 0 )) "the canary password is nowhere in the database dump"

done_testing
