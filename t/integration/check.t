#!/bin/bash
# SPDX-License-Identifier: ISC
# check.t: primoforumctl check passes the shipped configuration (nginx as
# rendered from nginx/primoforum.conf.in, MariaDB with the shipped
# snippet, encryption at rest on) and flags each deviation: TLS 1.0
# allowed, an open /admin/, a world-readable secrets file, an application
# account with DDL rights, local_infile on.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
. "$PF_SRC/script/lib/stack.sh"

# MariaDB with the shipped snippet: its key file paths point at keys
# made here; everything else is as shipped.
K=$(mktemp -d "${TMPDIR:-/tmp}/pf-keys.XXXXXX")
chmod 755 "$K"
(umask 077
 printf '1;%s\n' "$(openssl rand -hex 32)" >"$K/keys.txt"
 openssl rand -hex 32 >"$K/keyfile.passwd"
 openssl enc -aes-256-cbc -md sha1 -pass "file:$K/keyfile.passwd" \
     -in "$K/keys.txt" -out "$K/keyfile.enc" 2>/dev/null)
sed -e "s|/etc/mysql/encryption/|$K/|" "$PF_SRC/script/install/mariadb-primoforum.cnf" >"$K/my.cnf"
PF_DB_DEFAULTS=$K/my.cnf with_stack
. "$PF_SRC/t/lib/api.sh"
ctl() { "$PF_BUILD/primoforumctl" -f "$PF_DIR/primoforum.conf" "$@"; }

out=$(ctl check "$PF_DIR/primoforum-site.conf")
is "$?" 0 "the shipped configuration passes"
like "$out" '^ok   nginx: ssl_protocols TLS 1.2 and 1.3 only' "TLS"
like "$out" 'ok   nginx: location ~\* \^/admin' "the admin pages behind the allowlist"
like "$out" 'ok   nginx: location ~\* \^/api/admin' "the admin API too"
like "$out" 'ok   database: primoforum has only SELECT, INSERT, UPDATE and DELETE' "least privilege"
like "$out" 'ok   database: local_infile (OFF|0)' "local_infile off"
like "$out" 'ok   database: encryption at rest \(file_key_management ACTIVE, innodb_encrypt_tables FORCE\)' \
    "encryption at rest with the shipped snippet"
like "$out" 'ok   secrets file .* mode 0600' "the secrets file"
like "$out" ' 0 failed$' "nothing failed"

bad() {	# bad SED-EXPR PATTERN NAME: a changed nginx config must fail
	sed -e "$1" "$PF_DIR/primoforum-site.conf" >"$T_DIR/bad.conf"
	out=$(ctl check "$T_DIR/bad.conf")
	isnt "$?" 0 "check fails: $3"
	like "$out" "$2" "and names it"
}
bad 's/ssl_protocols TLSv1.2 TLSv1.3;/ssl_protocols TLSv1 TLSv1.2 TLSv1.3;/' \
    'FAIL nginx: ssl_protocols allows TLS 1.1 or older' "TLS 1.0 allowed"
bad "0,/include .*admin-allow.conf;/{s|include .*admin-allow.conf;|allow all;|}" \
    'FAIL nginx: location ~\* \^/admin' "an open /admin/"
printf 'allow 127.0.0.1;\nallow all;\n' >"$T_DIR/open-allow.conf"
bad "s|include .*admin-allow.conf;|include $T_DIR/open-allow.conf;|" \
    'allows all' "an allowlist that allows all"

chmod 644 "$PF_DIR/secrets"
out=$(ctl check "$PF_DIR/primoforum-site.conf" 2>&1)
isnt "$?" 0 "check fails: a world-readable secrets file"
like "$out" 'FAIL secrets file .* mode 0644' "and names it"
chmod 600 "$PF_DIR/secrets"

sql -e "GRANT CREATE, DROP ON primoforum.* TO 'primoforum'@'localhost'"
out=$(ctl check "$PF_DIR/primoforum-site.conf")
isnt "$?" 0 "check fails: the application account with DDL rights"
like "$out" 'FAIL database: the application account has GRANT CREATE, DROP' "and names it"
sql -e "REVOKE CREATE, DROP ON primoforum.* FROM 'primoforum'@'localhost'"
sql -e "GRANT UPDATE ON primoforum.audit_event TO primoforum_app"
like "$(ctl check "$PF_DIR/primoforum-site.conf")" 'FAIL database: the application account has GRANT .*UPDATE ON `primoforum`.`audit_event`' \
    "UPDATE on the audit trail is flagged"
sql -e "REVOKE UPDATE ON primoforum.audit_event FROM primoforum_app"

sql -e "SET GLOBAL local_infile = 1"
out=$(ctl check "$PF_DIR/primoforum-site.conf")
isnt "$?" 0 "check fails: local_infile on"
like "$out" 'FAIL database: local_infile (ON|1)' "and names it"
sql -e "SET GLOBAL local_infile = 0"
like "$(ctl check "$PF_DIR/primoforum-site.conf")" ' 0 failed$' "all put back: it passes again"

done_testing
