#!/bin/bash
# upgrade.t: an upgrade from the previous schema version keeps every row.
# A database at the version before the newest migration gets accounts,
# a session with participants and answers, and audit rows written the
# old way (no chain); `primoforumctl migrate` to the newest version keeps
# them all, and chains the old audit rows so that `audit verify` holds,
# also after new rows are added.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
. "$PF_SRC/script/lib/stack.sh"

D=$(mktemp -d "${TMPDIR:-/tmp}/pf-upgrade.XXXXXX")
chmod 755 "$D"
trap 'db_stop "$D"; [ -n "${PF_KEEP:-}" ] || rm -rf "$D"' EXIT
newest=$(ls "$PF_SRC"/sql/[0-9][0-9][0-9]_*.sql | tail -1)
mkdir "$D/sql"
for f in "$PF_SRC"/sql/[0-9][0-9][0-9]_*.sql; do
	[ "$f" = "$newest" ] || cp "$f" "$D/sql/"
done
user=(); [ "$(id -u)" -eq 0 ] && user=(--user=root)
mariadb-install-db --no-defaults "${user[@]}" --datadir="$D/data" \
    --auth-root-authentication-method=socket --skip-test-db >/dev/null 2>&1
(umask 077; for k in app migrate; do openssl rand -hex 24 >"$D/$k.pw"; done
 openssl rand -hex 32 >"$D/totp.key")
db_start "$D" || { echo "Bail out! no MariaDB"; exit 1; }
{ echo "SET @app_pw = '$(cat "$D/app.pw")', @migrate_pw = '$(cat "$D/migrate.pw")';"
  cat "$PF_SRC/sql/accounts.sql"; } | mariadb --no-defaults --socket="$D/mysql.sock" -uroot
write_config "$D"
sed -i "s|^migrations_dir = .*|migrations_dir = $D/sql|" "$D/primoforum.conf"
ctl() { "$PF_BUILD/primoforumctl" -f "$D/primoforum.conf" "$@"; }
q() { mariadb --no-defaults --socket="$D/mysql.sock" -uroot -N primoforum "$@"; }

prev=$(basename "$(ls "$D"/sql/*.sql | tail -1)" | cut -c1-3)
like "$(ctl migrate)" "schema at version $((10#$prev))" "the previous schema version, $prev"
q <<'SQL'
INSERT INTO account (email, display_name, password_hash) VALUES
  ('ann@example.org', 'Ann', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA'),
  ('bob@example.org', 'Bob', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA');
INSERT INTO session (account_id, title) SELECT id, 'Studiedag' FROM account WHERE email = 'ann@example.org';
INSERT INTO participant (session_id, run, display_name) SELECT id, 1, 'Piet' FROM session;
INSERT INTO participant (session_id, run, display_name) SELECT id, 1, NULL FROM session;
INSERT INTO audit_event (account_id, actor, address, request_id, action, target, outcome) VALUES
  (1, 'anonymous', '127.0.0.1', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'account_registered', NULL, 'ok'),
  (1, 'account:1', '::1', NULL, 'login', 'a target, with "quotes" and
a line break', 'failed'),
  (NULL, 'operator', NULL, NULL, 'password_reset_link', 'ü ë 中文', 'ok');
SQL
before=$(q -e "SELECT (SELECT COUNT(*) FROM account), (SELECT COUNT(*) FROM session), (SELECT COUNT(*) FROM participant), (SELECT COUNT(*) FROM audit_event)")
is "$before" "$(printf '2\t1\t2\t3')" "rows written at the previous version"

cp "$newest" "$D/sql/"
like "$(ctl migrate)" "applying $(basename "$newest")" "migrate applies the newest migration"
after=$(q -e "SELECT (SELECT COUNT(*) FROM account), (SELECT COUNT(*) FROM session), (SELECT COUNT(*) FROM participant), (SELECT COUNT(*) FROM audit_event)")
is "$after" "$before" "every row is still there"
is "$(q -e "SELECT GROUP_CONCAT(target ORDER BY id SEPARATOR '|') FROM audit_event")" \
    "$(q -e "SELECT GROUP_CONCAT(target ORDER BY seq SEPARATOR '|') FROM audit_event")" \
    "the old audit rows are chained in their order"
like "$(ctl audit verify)" '^audit chain intact: 3 rows' "and the chain verifies"
ctl disable bob@example.org >/dev/null
like "$(ctl audit verify)" '^audit chain intact: 4 rows' "new rows join the chain"
like "$(ctl migrate)" '\(0 applied now\)' "a second migrate changes nothing"

done_testing
