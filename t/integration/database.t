#!/bin/bash
# SPDX-License-Identifier: ISC
# database.t: MariaDB restarted under load (health 503 while it is down,
# 200 again by itself), the migrations (idempotent, forward only), and
# the application account's least privilege.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
with_stack
S=$PF_DIR
sup=$(cat "$S/primoforumd.pid")
workers=$(pgrep -P "$sup" | sort | tr '\n' ' ')
root() { mariadb --no-defaults --socket="$S/mysql.sock" -uroot -N "$@"; }
app() { mariadb --no-defaults --socket="$S/mysql.sock" -uprimoforum \
    -p"$(cat "$S/app.pw")" -N primoforum "$@"; }

# Load: four clients polling health for the whole restart.
load() {
	local end=$((SECONDS + $1))
	while [ $SECONDS -lt $end ]; do
		pf_curl -o /dev/null -w '%{http_code}\n' "$PF_URL/api/health"
	done
}
loaders=""
for i in 1 2 3 4; do load 8 >"$S/load.$i" & loaders="$loaders $!"; done
sleep 1
db_stop "$S"
code=$(pf_curl -o "$S/down.json" -w '%{http_code}' "$PF_URL/api/health")
is "$code" 503 "health is 503 while the database is down"
like "$(cat "$S/down.json")" '"code":"database_unavailable"' "with a JSON error"
like "$(pf_curl -sI "$PF_URL/api/health")" 'retry-after: 5' "and Retry-After"
sleep 1
db_start "$S"
wait_for "[ \"\$(pf_curl -o /dev/null -w '%{http_code}' '$PF_URL/api/health')\" = 200 ]" 10
ok $? "health is 200 again by itself once the database is back"
wait $loaders
codes=$(cat "$S"/load.* | sort | uniq -c | tr -s ' ' | tr '\n' ';')
diag "status counts under load: $codes"
unlike "$(cat "$S"/load.*)" '^(000|502|500)$' \
    "under load every answer was 200 or 503: no 502, no dropped request"
like "$(cat "$S"/load.*)" '^503$' "the outage was seen (503) under load"
is "$(pgrep -P "$sup" | sort | tr '\n' ' ')" "$workers" \
    "the same workers serve: reconnection, not restart"
# After the restart the first statement on each stale connection retries.
fails=0
for i in $(seq 1 20); do
	c=$(pf_curl -o /dev/null -w '%{http_code}' "$PF_URL/api/health")
	[ "$c" = 200 ] || fails=$((fails + 1))
done
is "$fails" 0 "20 requests after recovery: all 200"

# Migrations: a second run applies nothing.
out=$("$PF_BUILD/primoforumctl" -f "$S/primoforum.conf" migrate 2>&1)
ok $? "migrate again succeeds"
like "$out" '\(0 applied now\)' "and applies nothing"
is "$(root -e 'SELECT COUNT(*) FROM primoforum.schema_migrations')" \
    "$(ls "$PF_SRC"/sql/[0-9]*_*.sql | wc -l)" "one row per migration file"

# A database from a newer release is refused.
root -e "INSERT INTO primoforum.schema_migrations (version, name) VALUES (999999, '999999_future.sql')"
out=$("$PF_BUILD/primoforumctl" -f "$S/primoforum.conf" migrate 2>&1)
ok $(( $? == 0 )) "migrate refuses a database newer than the code"
like "$out" 'migration 999999.*newer release' "and says so"
root -e "DELETE FROM primoforum.schema_migrations WHERE version = 999999"

# The application's account: no DDL, no changes to schema_migrations.
out=$(app -e 'CREATE TABLE t (i INT)' 2>&1)
like "$out" 'denied' "the app account cannot create tables"
out=$(app -e 'DELETE FROM schema_migrations' 2>&1)
like "$out" 'denied' "the app account cannot delete migration records"
out=$(app -e 'SELECT COUNT(*) FROM schema_migrations' 2>&1)
like "$out" '^[0-9]+$' "the app account can read what it needs"
out=$(app -e 'SELECT COUNT(*) FROM mysql.user' 2>&1)
like "$out" 'denied' "and nothing outside its database"
like "$(root -e 'SELECT @@local_infile')" '^0$' "local_infile is off"

done_testing
