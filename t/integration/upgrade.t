#!/bin/bash
# SPDX-License-Identifier: ISC
# upgrade.t: an upgrade keeps every row.  Twice: from the version just
# before the newest migration, and from version 8, the last before the
# audit trail became a hash chain.  A database at that version gets
# accounts, a session with participants and audit rows (written by
# primoforumctl, or, before the chain, as the old program wrote them);
# `primoforumctl migrate` to the newest version keeps them all, the old
# audit rows join the chain, and `audit verify` holds, also after new
# rows are added.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
. "$PF_SRC/script/lib/stack.sh"

D=$(mktemp -d "${TMPDIR:-/tmp}/pf-upgrade.XXXXXX")
chmod 755 "$D"
trap 'db_stop "$D"; [ -n "${PF_KEEP:-}" ] || rm -rf "$D"' EXIT
all=$(ls "$PF_SRC"/sql/[0-9][0-9][0-9]_*.sql)
newest=$(basename "$(printf '%s\n' "$all" | tail -1)" | cut -c1-3)
# The one before it (numbers need not be consecutive).
before=$(basename "$(printf '%s\n' "$all" | tail -2 | head -1)" | cut -c1-3)
user=(); [ "$(id -u)" -eq 0 ] && user=(--user=root)
ctl() { "$PF_BUILD/primoforumctl" -f "$D/primoforum.conf" "$@"; }
q() { mariadb --no-defaults --socket="$D/mysql.sock" -uroot -N primoforum "$@"; }
counts() { q -e "SELECT (SELECT COUNT(*) FROM account), (SELECT COUNT(*) FROM session), (SELECT COUNT(*) FROM participant), (SELECT COUNT(*) FROM audit_event)"; }

upgrade_from() {	# upgrade_from VERSION: a database at VERSION, then migrate
	local from=$1 f n
	db_stop "$D"
	rm -rf "$D/data" "$D/sql"
	mkdir "$D/sql"
	for f in $all; do
		n=$(basename "$f" | cut -c1-3)
		[ "$((10#$n))" -le "$((10#$from))" ] && cp "$f" "$D/sql/"
	done
	mariadb-install-db --no-defaults "${user[@]}" --datadir="$D/data" \
	    --auth-root-authentication-method=socket --skip-test-db >/dev/null 2>&1
	(umask 077; for k in app migrate; do openssl rand -hex 24 >"$D/$k.pw"; done
	 openssl rand -hex 32 >"$D/totp.key")
	db_start "$D" || { echo "Bail out! no MariaDB"; exit 1; }
	{ echo "SET @app_pw = '$(cat "$D/app.pw")', @migrate_pw = '$(cat "$D/migrate.pw")';"
	  cat "$PF_SRC/sql/accounts.sql"; } | mariadb --no-defaults --socket="$D/mysql.sock" -uroot
	write_config "$D"
	sed -i "s|^migrations_dir = .*|migrations_dir = $D/sql|" "$D/primoforum.conf"
	like "$(ctl migrate)" "schema at version $((10#$from)) " "version $from"
	q <<'SQL'
INSERT INTO account (email, display_name, password_hash) VALUES
  ('ann@example.org', 'Ann', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA'),
  ('bob@example.org', 'Bob', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA');
INSERT INTO session (account_id, title) SELECT id, 'Studiedag' FROM account WHERE email = 'ann@example.org';
INSERT INTO participant (session_id, run, display_name) SELECT id, 1, 'Piet' FROM session;
INSERT INTO participant (session_id, run, display_name) SELECT id, 1, NULL FROM session;
SQL
	if [ "$((10#$from))" -lt 9 ]; then
		# The audit trail as the program wrote it before the chain.
		q <<'SQL'
INSERT INTO audit_event (account_id, actor, address, request_id, action, target, outcome) VALUES
  (1, 'anonymous', '127.0.0.1', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'account_registered', NULL, 'ok'),
  (1, 'account:1', '::1', NULL, 'login', 'a target, with "quotes" and
a line break', 'failed'),
  (NULL, 'operator', NULL, NULL, 'password_reset_link', 'ü ë 中文', 'ok');
SQL
	else
		ctl reset-link ann@example.org >/dev/null
		ctl disable bob@example.org >/dev/null
		ctl enable bob@example.org >/dev/null
	fi
	before=$(counts)
	is "$before" "$(printf '2\t1\t2\t3')" "version $from: rows written"
	for f in $all; do cp "$f" "$D/sql/"; done
	like "$(ctl migrate)" "schema at version $((10#$newest)) " "migrate brings it to version $newest"
	is "$(counts)" "$before" "every row is still there"
	is "$(q -e "SELECT GROUP_CONCAT(action ORDER BY id SEPARATOR '|') FROM audit_event")" \
	    "$(q -e "SELECT GROUP_CONCAT(action ORDER BY seq SEPARATOR '|') FROM audit_event")" \
	    "the audit rows are chained in their order"
	like "$(ctl audit verify)" '^audit chain intact: 3 rows' "and the chain verifies"
	ctl disable bob@example.org >/dev/null
	like "$(ctl audit verify)" '^audit chain intact: 4 rows' "new rows join the chain"
	like "$(ctl migrate)" '\(0 applied now\)' "a second migrate changes nothing"
}

upgrade_from "$before"
upgrade_from 008

done_testing
