#!/bin/bash
# SPDX-License-Identifier: ISC
# check.t: primoforumctl check passes the shipped configuration (nginx as
# rendered from nginx/primoforum.conf.in, MariaDB with the shipped
# snippet, encryption at rest on) and flags each deviation: TLS 1.0
# allowed, an open /admin/, a /live/ that logs its token or keeps open
# files cached, a world-readable secrets file, an application account
# with DDL rights, local_infile on.  It reads nginx's configuration as
# nginx does: through a main nginx.conf and its includes (globs,
# symbolic links, relative names), or nginx -T's output; a missing
# include and an include loop fail, naming their place.
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

good() {	# good SED-EXPR NAME: a changed nginx config must still pass
	sed -e "$1" "$PF_DIR/primoforum-site.conf" >"$T_DIR/good.conf"
	like "$(ctl check "$T_DIR/good.conf")" ' 0 failed$' "check passes: $2"
}

# Comments and quoted strings are not directives.
good 's/^ssl_protocols TLSv1.2 TLSv1.3;/& # never TLSv1.1 or SSLv3/' \
    "a comment after ssl_protocols"
bad 's/^server_tokens off;/log_format pf_note "\nserver_tokens off;\n";/' \
    'FAIL nginx: server_tokens not off$' "server_tokens off only inside a quoted string"
bad '0,/^\tserver_name _;/s//&\n\tserver_tokens on;/' \
    'FAIL nginx: server_tokens on \(.*/bad.conf:[0-9]+\)' "server_tokens on in one server"

# /live/TOKEN.json: the token is a capability, never logged; a removed
# document gone at once (no open_file_cache).
bad 's|/live/- \$server_protocol|$request_uri $server_protocol|' \
    'FAIL nginx: location \^~ /live/ logs its token: access_log at .*/bad.conf:[0-9]+ uses log_format primoforum_live \(.*/bad.conf:[0-9]+\), which writes \$request_uri' \
    "a /live/ log format that writes \$request_uri"
bad '/access_log .* primoforum_live;/d' \
    'FAIL nginx: location \^~ /live/ logs its token: access_log at .* uses log_format primoforum .*, which writes \$uri' \
    "/live/ without its own access_log (the server's logs \$uri)"
bad '/location @live_gone {/,/}/{/access_log/d}' \
    'FAIL nginx: location \^~ /live/ logs its token: in location @live_gone, access_log at' \
    "the error_page of /live/ (@live_gone) logging the token"
bad 's/^\tcharset utf-8;/&\n\topen_file_cache max=1000 inactive=20s;/' \
    'FAIL nginx: location \^~ /live/ is under the open_file_cache at .*/bad.conf:[0-9]+' \
    "open_file_cache on for the server"
bad '/log_not_found off;/d' \
    'FAIL nginx: location \^~ /live/ logs a missing document.s path \(its token\) to the error log' \
    "/live/ logging a missing document (a stopped session's token) to the error log"

# The configuration as nginx reads it: a main nginx.conf laid out as
# Debian's, in a directory of its own.  It includes the site by a glob
# (conf.d/*.conf), another site through a symbolic link in
# sites-enabled/, and mime.types, each relative to its own directory,
# and so is the other site's snippets/ include (not relative to
# sites-available/).  nginx itself must accept it.
E=${T_DIR:?}/etc
mkdir -p "$E/conf.d" "$E/sites-available" "$E/sites-enabled" "$E/snippets"
cp "$PF_DIR/primoforum-site.conf" "$E/conf.d/primoforum.conf"
cp /etc/nginx/mime.types "$E/mime.types"
cat >"$E/nginx.conf" <<NGINX
# ssl_protocols TLSv1 TLSv1.1;
pid $E/nginx.pid;
error_log $E/error.log;
events { worker_connections 64; }
http {
	include mime.types;
	# server_tokens on;
	include conf.d/*.conf;
	include sites-enabled/*;
}
NGINX
printf 'server {\n\tlisten 127.0.0.1:%s;\n\tserver_name other.invalid;\n\tinclude snippets/other.conf;\n}\n' \
    "$PF_HTTP_PORT" >"$E/sites-available/other"
printf 'return 404;\n' >"$E/snippets/other.conf"
ln -s ../sites-available/other "$E/sites-enabled/other"
nginx -p "$E" -c "$E/nginx.conf" -t >"$T_DIR/nginx-t.log" 2>&1 || {
	cat "$T_DIR/nginx-t.log"; echo "Bail out! nginx refuses the test's nginx.conf"; exit 1; }
site=$(ctl check "$PF_DIR/primoforum-site.conf")
out=$(ctl check "$E/nginx.conf")
is "$?" 0 "a main nginx.conf that includes the site passes"
is "${out//$E\/conf.d\/primoforum.conf/SITE}" "${site//$PF_DIR\/primoforum-site.conf/SITE}" \
    "with the same findings as the site file itself"
like "$out" "^ok   nginx: ssl_protocols TLS 1.2 and 1.3 only \\($E/conf.d/primoforum.conf:[0-9]+\\)$" \
    "each finding names the included file and line"
like "$out" "^ok   nginx: location ~\\* \\^/admin\\(/\\|\\$\\) is behind the allowlist, \"deny all\" at $PF_DIR/admin-allow.conf:[0-9]+ " \
    "the allowlist is read through the same includes"

# The output of nginx -T: the same findings, from the dump alone.
nginx -p "$E" -c "$E/nginx.conf" -T >"$T_DIR/nginx-T.txt" 2>/dev/null
is "$(ctl check "$T_DIR/nginx-T.txt")" "$out" "nginx -T output: the same findings"

# Debian's nginx.conf sets ssl_protocols with TLS 1.0 and 1.1 (and
# ssl_prefer_server_ciphers) in its http {}: the site's servers set their
# own, which replace them, so it passes, and nginx accepts the two.
sed -e 's|^http {|&\n\tssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;\n\tssl_prefer_server_ciphers on;|' "$E/nginx.conf" >"$E/debian.conf"
like "$(ctl check "$E/debian.conf")" "ok   nginx: ssl_protocols TLS 1.2 and 1.3 only \\([^)]*primoforum[^)]*\\)" \
    "Debian's TLS 1.0 in http {} does not reach the site's servers, which set their own"
nginx -t -p "$E" -c "$E/debian.conf" >/dev/null 2>&1
is "$?" 0 "and nginx takes the site beside Debian's TLS lines (no duplicate directive)"
# A TLS server of another site without its own list inherits Debian's.
printf 'server {\n\tlisten 127.0.0.1:1 ssl;\n\tserver_name other.example;\n}\n' >"$E/conf.d/other.conf"
like "$(ctl check "$E/debian.conf")" \
    "^FAIL nginx: ssl_protocols allows TLS 1.1 or older \\($E/debian.conf:6\\)$" \
    "but a TLS server that inherits TLS 1.0 from the main file fails, named there"
rm -f "$E/conf.d/other.conf"

# What nginx would refuse is a failure that names its place.
sed -e 's|include conf.d/\*.conf;|&\n\tinclude conf.d/missing.conf;|' "$E/nginx.conf" >"$E/missing.conf"
like "$(ctl check "$E/missing.conf")" \
    "^FAIL nginx: $E/conf.d/missing.conf: No such file or directory \\(included at $E/missing.conf:[0-9]+\\)$" \
    "a missing include file fails, named with the include's place"
# nginx itself follows a loop until it crashes.
printf 'include loop-b.conf;\n' >"$T_DIR/loop-a.conf"
printf 'server_tokens off;\ninclude %s/loop-a.conf;\n' "$T_DIR" >"$T_DIR/loop-b.conf"
out=$(ctl check "$T_DIR/loop-a.conf")
st=$?
printf '%s\n' "$out" | grep -qxF "FAIL nginx: include loop: $T_DIR/loop-a.conf is already being read (included at $T_DIR/loop-b.conf:2)" &&
    printf '%s\n' "$out" | grep -qx "ok   nginx: server_tokens off ($T_DIR/loop-b.conf:1)" &&
    printf '%s\n' "$out" | grep -Eq '^[0-9]+ checks passed, [0-9]+ failed$' && [ "$st" -eq 1 ]
ok $? "an include loop is refused cleanly: named, the rest read, every check run, exit 1"

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
