#!/bin/bash
# SPDX-License-Identifier: ISC
# backup.t: primoforumctl backup and restore.  A session with answers,
# ideas and audit rows is backed up; the database is destroyed; the
# restore brings back every account, session, response and audit row,
# the chain intact, and the application works on it at once.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
with_stack
. "$PF_SRC/t/lib/api.sh"
ctl() { "$PF_BUILD/primoforumctl" -f "$PF_DIR/primoforum.conf" "$@"; }

browser ann 127.0.0.11
PW="ann has a good passphrase"
call ann POST /api/accounts "{\"email\":\"ann@example.org\",\"display_name\":\"Ann\",\"password\":\"$PW\"}"
call ann POST /api/sessions '{"title":"Back me up"}'
S=$(jget "$body" session.id)
call ann POST "/api/sessions/$S/start" ''
CODE=$(jget "$body" session.join_code)
call ann POST "/api/sessions/$S/rounds" '{"type":"choice","title":"Pick","options":["A","B"]}'
R=$(jget "$body" round.id); O=$(jget "$body" round.options.0.id)
call ann POST "/api/sessions/$S/rounds/$R/open" ''
for i in 1 2 3; do
	browser "p$i" "127.0.0.2$i"
	call "p$i" POST /api/join "{\"code\":\"$CODE\"}"
	call "p$i" POST "/api/participant/rounds/$R/answer" "{\"choices\":[$O]}"
done
is "$code" 201 "a session with three answers"

tables="account login session participant round round_option response response_value audit_event audit_head plan schema_migrations"
snapshot() {
	for t in $tables; do
		printf '%s %s\n' "$t" "$(sql -e "CHECKSUM TABLE $t" | cut -f2)"
	done
}
before=$(snapshot)
rm -f "$T_DIR/backup.sql"
out=$(ctl backup "$T_DIR/backup.sql")
like "$out" "backup written to $T_DIR/backup.sql" "backup writes the dump"
is "$(stat -c %a "$T_DIR/backup.sql")" 600 "readable by its owner only"
unlike "$(ps -eo args)" "$(cat "$PF_DIR/migrate.pw")" "no password on a command line"
ctl backup "$T_DIR/backup.sql" >/dev/null 2>&1
isnt $? 0 "backup never overwrites a file"
after_backup=$(snapshot | grep -v '^audit_')

# The disaster: the database is gone.
sql -e "DROP DATABASE primoforum; CREATE DATABASE primoforum CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
call ann GET /api/account
ok $([ "$code" -ge 400 ]; echo $?) "with the database gone the application fails ($code)"
out=$(ctl restore "$T_DIR/backup.sql")
like "$out" "restored from" "restore loads the dump"
is "$(snapshot | grep -v '^audit_')" "$after_backup" "every table is back as it was (checksums)"
is "$(sql -e "SELECT COUNT(*) FROM response")" 3 "every response"
like "$(ctl audit verify)" '^audit chain intact' "the audit chain is intact"
like "$(sql -e "SELECT CONCAT(action, ':', outcome) FROM audit_event ORDER BY seq DESC LIMIT 2" | tr '\n' ' ')" \
    'backup_restored:ok backup:started' "the backup (inside itself) and the restore are audited"
call ann GET "/api/sessions/$S/rounds/$R/results"
like "$body" '"count":3' "the application serves the restored data"
call p1 GET /api/participant/state
is "$code" 200 "participants are still in"
out=$(ctl restore "$T_DIR/backup.sql" 2>&1)
like "$out" 'restore only into an empty one' "restore refuses a database that has tables"
call ann POST "/api/sessions/$S/stop" ''
is "$code" 200 "and the application can still write (grants restored)"

done_testing
