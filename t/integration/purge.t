#!/bin/bash
# SPDX-License-Identifier: ISC
# purge.t: primoforumctl purge removes exactly what is past retention:
# the participants' input of sessions stopped more than purge_session_days
# ago (not of newer or running sessions), and facilitator accounts
# inactive for more than purge_account_months (never staff, never an
# active one).  Both are audited.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
with_stack
. "$PF_SRC/t/lib/api.sh"
ctl() { "$PF_BUILD/primoforumctl" -f "$PF_DIR/primoforum.conf" "$@"; }

browser ann 127.0.0.11
call ann POST /api/accounts '{"email":"ann@example.org","display_name":"Ann","password":"ann has a good passphrase"}'
mksession() {	# mksession TITLE: a session with one answer and one idea; sets S
	call ann POST /api/sessions "{\"title\":\"$1\"}"
	S=$(jget "$body" session.id)
	call ann POST "/api/sessions/$S/start" ''
	local code_=$(jget "$body" session.join_code)
	call ann POST "/api/sessions/$S/rounds" '{"type":"brainstorm","title":"Ideas"}'
	local r=$(jget "$body" round.id)
	call ann POST "/api/sessions/$S/rounds/$r/open" ''
	browser "p$S" "127.0.0.$((30 + S))"
	call "p$S" POST /api/join "{\"code\":\"$code_\"}"
	call "p$S" POST "/api/participant/rounds/$r/ideas" '{"text":"An idea"}'
}
mksession Old; OLD=$S
call ann POST "/api/sessions/$OLD/stop" ''
mksession Recent; RECENT=$S
call ann POST "/api/sessions/$RECENT/stop" ''
mksession Running; RUNNING=$S
sql -e "UPDATE session SET stopped_at = UTC_TIMESTAMP() - INTERVAL 91 DAY WHERE id = $OLD"
sql -e "UPDATE session SET stopped_at = UTC_TIMESTAMP() - INTERVAL 89 DAY WHERE id = $RECENT"

# Accounts: one inactive for 25 months, one for 23, a staff account as old.
for who in old recent; do
	browser "$who" 127.0.0.12
	call "$who" POST /api/accounts "{\"email\":\"$who@example.org\",\"display_name\":\"$who\",\"password\":\"a passphrase for $who\"}"
done
printf '%s\n' "staff have long passphrases" | ctl create-admin staff@example.org Staff >/dev/null
sql -e "UPDATE account SET created_at = UTC_TIMESTAMP() - INTERVAL 30 MONTH, last_active_at = UTC_TIMESTAMP() - INTERVAL 25 MONTH WHERE email IN ('old@example.org', 'staff@example.org')"
sql -e "UPDATE account SET created_at = UTC_TIMESTAMP() - INTERVAL 30 MONTH, last_active_at = UTC_TIMESTAMP() - INTERVAL 23 MONTH WHERE email = 'recent@example.org'"

ideas() { sql -e "SELECT COUNT(*) FROM idea i JOIN round r ON r.id = i.round_id WHERE r.session_id = $1"; }
is "$(ideas $OLD) $(ideas $RECENT) $(ideas $RUNNING)" "1 1 1" "three sessions with input"
out=$(ctl purge)
like "$out" 'purged: 1 participants .* 90 days ago; 1 accounts inactive more than 24 months' "purge says what it removed"
is "$(ideas $OLD) $(ideas $RECENT) $(ideas $RUNNING)" "0 1 1" "only the input of the session stopped 91 days ago"
is "$(sql -e "SELECT COUNT(*) FROM participant WHERE session_id = $OLD")" 0 "its participants too"
is "$(sql -e "SELECT title FROM session WHERE id = $OLD")" Old "the session itself (the facilitator's) stays"
is "$(sql -e "SELECT GROUP_CONCAT(email ORDER BY email) FROM account")" \
    "ann@example.org,recent@example.org,staff@example.org" "only the account inactive 25 months is gone; staff stay"
is "$(sql -e "SELECT COUNT(*) FROM audit_event WHERE action = 'retention_purge_account' AND actor = 'operator'")" 1 "the account's removal is audited"
is "$(sql -e "SELECT target FROM audit_event WHERE action = 'retention_purge_input'")" "participants:1" "so is the input's"
like "$(ctl purge)" 'purged: 0 participants .* 0 accounts' "a second purge finds nothing"
call ann POST /api/login '{"email":"ann@example.org","password":"ann has a good passphrase"}'
is "$(sql -e "SELECT last_active_at > UTC_TIMESTAMP() - INTERVAL 1 MINUTE FROM account WHERE email = 'ann@example.org'")" 1 \
    "a login marks the account active"
like "$(ctl audit verify)" intact "the audit chain holds"

done_testing
