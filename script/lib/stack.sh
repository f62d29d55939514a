# SPDX-License-Identifier: ISC
# script/lib/stack.sh: start and stop a private primoforum stack (MariaDB,
# primoforumd, nginx with TLS) in one directory, on free ports, never
# touching the system's services.  Sourced by script/server, script/test
# and the integration tests (t/integration).
#
# Variables read (all have defaults):
#   PF_SRC       the source tree (this checkout)
#   PF_BUILD     the build tree holding primoforumd and primoforumctl
#   PF_TEMPLATE  a directory from stack_template: a migrated MariaDB data
#                directory and a TLS certificate, copied by stack_start
#                so each test starts from the same state in a second
# Set by stack_start, for tests:
#   PF_DIR PF_HTTPS_PORT PF_HTTP_PORT PF_URL PF_CURL (an array-free curl
#   command line prefix, see pf_curl)

: "${PF_SRC:=$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/../.." && pwd)}"
: "${PF_BUILD:=$PF_SRC/.build/normal}"

# A free TCP port on 127.0.0.1 (the kernel picks one; a race with another
# process is possible but unlikely, and a clash fails loudly at start).
free_port() {
	perl -MIO::Socket::INET -e '
		my $s = IO::Socket::INET->new(Listen => 1, LocalAddr =>
		    "127.0.0.1", LocalPort => 0, ReuseAddr => 1) or die;
		print $s->sockport, "\n";'
}

# Waits up to $2 seconds (default 20) for the command $1 to succeed.
wait_for() {
	local i n=$(( ${2:-20} * 10 ))
	for ((i = 0; i < n; i++)); do
		eval "$1" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	return 1
}

# The group nginx's workers run as; it owns the FastCGI socket.
web_group() {
	if [ "$(id -u)" -eq 0 ]; then
		echo www-data
	else
		id -gn
	fi
}

# Starts mariadbd on datadir $1 with its socket in $1/..; $2 is the log.
db_start() {
	local dir=$1 user=() defaults=--no-defaults
	[ "$(id -u)" -eq 0 ] && user=(--user=root)
	# PF_DB_DEFAULTS: an option file (check.t: the shipped snippet);
	# PF_DB_EXTRA: more options (script/bench: the server's redo log size).
	[ -n "${PF_DB_DEFAULTS:-}" ] && defaults=--defaults-file=$PF_DB_DEFAULTS
	mariadbd "$defaults" "${user[@]}" --datadir="$dir/data" \
	    --socket="$dir/mysql.sock" --pid-file="$dir/mariadb.pid" \
	    --skip-networking --log-error="$dir/mariadb.err" \
	    --local-infile=0 --skip-name-resolve \
	    --innodb-buffer-pool-size=128M --innodb-log-file-size=16M \
	    --innodb-flush-log-at-trx-commit=1 \
	    --character-set-server=utf8mb4 \
	    --collation-server=utf8mb4_unicode_ci \
	    --sql-mode=STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION \
	    --max-connections=500 ${PF_DB_EXTRA:-} >/dev/null 2>&1 &
	if ! wait_for "mariadb-admin --no-defaults --socket='$dir/mysql.sock' -uroot ping" 30; then
		echo "stack: MariaDB did not start; see $dir/mariadb.err" >&2
		tail -20 "$dir/mariadb.err" >&2
		return 1
	fi
}

db_stop() {
	local dir=$1 pid
	[ -f "$dir/mariadb.pid" ] || return 0
	pid=$(cat "$dir/mariadb.pid")
	kill "$pid" 2>/dev/null || true
	wait_for "! kill -0 $pid" 30 || kill -9 "$pid" 2>/dev/null || true
	rm -f "$dir/mariadb.pid"
}

# Writes primoforum.conf and the secrets file (0600) for a stack in $1.
write_config() {
	local dir=$1
	cat >"$dir/primoforum.conf" <<CONF
# Written by script/lib/stack.sh for a private stack.
socket = $dir/run/fcgi.sock
socket_group = $(web_group)
workers = ${PF_WORKERS:-2}
log_file = $dir/primoforumd.log
pid_file = $dir/primoforumd.pid
secrets_file = $dir/secrets
db_socket = $dir/mysql.sock
migrations_dir = $PF_SRC/sql
shutdown_timeout = 10
site_origin = https://localhost:${PF_HTTPS_PORT:-8443}
password_blocklist = $PF_SRC/fcgi/data/common-passwords.txt
sendmail = ${PF_SENDMAIL:-$PF_SRC/t/lib/mailbox $dir/mail}
mail_from = primoforum@localhost
live_dir = $dir/run/live
${PF_EXTRA_CONF:-}
CONF
	# A stack made before the billing webhook existed gets its key now.
	[ -s "$dir/billing.key" ] ||
	    (umask 077; openssl rand -hex 32 >"$dir/billing.key")
	(umask 077; cat >"$dir/secrets" <<SECRETS
db_password = $(cat "$dir/app.pw")
db_migrate_password = $(cat "$dir/migrate.pw")
totp_key = $(cat "$dir/totp.key")
billing_webhook_key = $(cat "$dir/billing.key")
SECRETS
	)
}

# Makes a template in $1: a MariaDB data directory with the accounts and
# every migration applied, passwords, and a self-signed certificate.
stack_template() {
	local dir=$1 user=()
	mkdir -p "$dir"
	rm -rf "$dir/data"
	[ "$(id -u)" -eq 0 ] && user=(--user=root)
	mariadb-install-db --no-defaults "${user[@]}" --datadir="$dir/data" \
	    --auth-root-authentication-method=socket --skip-test-db \
	    >"$dir/install-db.log" 2>&1 || {
		cat "$dir/install-db.log" >&2; return 1; }
	(umask 077
	 openssl rand -hex 24 >"$dir/app.pw"
	 openssl rand -hex 24 >"$dir/migrate.pw"
	 openssl rand -hex 32 >"$dir/totp.key")
	db_start "$dir" || return 1
	{ echo "SET @app_pw = '$(cat "$dir/app.pw")', @migrate_pw = '$(cat "$dir/migrate.pw")';"
	  cat "$PF_SRC/sql/accounts.sql"; } |
	    mariadb --no-defaults --socket="$dir/mysql.sock" -uroot || {
		db_stop "$dir"; return 1; }
	write_config "$dir"
	"$PF_BUILD/primoforumctl" -f "$dir/primoforum.conf" migrate \
	    >"$dir/migrate.log" 2>&1 || {
		cat "$dir/migrate.log" >&2; db_stop "$dir"; return 1; }
	db_stop "$dir"
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
	    -nodes -days 365 -subj /CN=localhost \
	    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
	    -keyout "$dir/tls.key" -out "$dir/tls.crt" >/dev/null 2>&1
	chmod 600 "$dir/tls.key"
}

# Renders nginx/primoforum.conf.in and a main config around it into $1.
write_nginx() {
	local dir=$1 user=""
	mkdir -p "$dir/nginx-tmp"
	[ "$(id -u)" -eq 0 ] && user="user www-data $(web_group);"
	# PF_ALLOWLIST: a test's own allowlist ("allow ...; deny all;").
	if [ -n "${PF_ALLOWLIST:-}" ]; then
		printf '%s\n' "$PF_ALLOWLIST" >"$dir/admin-allow.conf"
	else
		cp "$PF_SRC/nginx/admin-allow.conf" "$dir/admin-allow.conf"
	fi
	"$PF_SRC/script/render-nginx" \
	    SERVER_NAME=localhost \
	    HTTPS_LISTEN="127.0.0.1:$PF_HTTPS_PORT" \
	    HTTP_LISTEN="127.0.0.1:$PF_HTTP_PORT" \
	    HTTPS_ORIGIN="https://localhost:$PF_HTTPS_PORT" \
	    CERT="$dir/tls.crt" KEY="$dir/tls.key" \
	    HTDOCS="$PF_SRC/htdocs" SOCKET="$dir/run/fcgi.sock" \
	    ALLOWLIST="$dir/admin-allow.conf" \
	    ACCESS_LOG="$dir/access.log" ACME_ROOT="$dir/acme" \
	    LIVE_DIR="$dir/run/live" \
	    <"$PF_SRC/nginx/primoforum.conf.in" >"$dir/primoforum-site.conf" || return 1
	cat >"$dir/nginx.conf" <<NGINX
# The private nginx's main context; the site is the production template.
$user
worker_processes ${PF_NGINX_WORKERS:-1};
pid $dir/nginx.pid;
error_log $dir/nginx-error.log warn;
events { worker_connections 4096; }
http {
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	sendfile on;
	keepalive_timeout 65;
	client_body_temp_path $dir/nginx-tmp/body;
	fastcgi_temp_path $dir/nginx-tmp/fastcgi;
	proxy_temp_path $dir/nginx-tmp/proxy;
	uwsgi_temp_path $dir/nginx-tmp/uwsgi;
	scgi_temp_path $dir/nginx-tmp/scgi;
	include $dir/primoforum-site.conf;
}
NGINX
}

daemon_start() {
	local dir=$1
	"$PF_BUILD/primoforumd" -f "$dir/primoforum.conf" \
	    >/dev/null 2>>"$dir/primoforumd.log" &
	wait_for "[ -S '$dir/run/fcgi.sock' ] && [ -f '$dir/primoforumd.pid' ]" 10 || {
		echo "stack: primoforumd did not start" >&2
		tail -20 "$dir/primoforumd.log" >&2; return 1; }
}

daemon_stop() {
	local dir=$1 pid
	[ -f "$dir/primoforumd.pid" ] || return 0
	pid=$(cat "$dir/primoforumd.pid")
	kill -TERM "$pid" 2>/dev/null || true
	wait_for "! kill -0 $pid" 20 || kill -9 "$pid" 2>/dev/null || true
}

nginx_start() {
	local dir=$1
	nginx -p "$dir" -c "$dir/nginx.conf" -t >"$dir/nginx-test.log" 2>&1 || {
		cat "$dir/nginx-test.log" >&2; return 1; }
	nginx -p "$dir" -c "$dir/nginx.conf" >/dev/null 2>&1 </dev/null || return 1
}

nginx_stop() {
	local dir=$1 pid
	[ -f "$dir/nginx.pid" ] || return 0
	pid=$(cat "$dir/nginx.pid")
	kill -QUIT "$pid" 2>/dev/null || true
	wait_for "! kill -0 $pid" 10 || kill -9 "$pid" 2>/dev/null || true
}

# curl against the stack: the stack's CA, localhost pinned to 127.0.0.1.
pf_curl() {
	curl -sS --max-time 10 --cacert "$PF_DIR/tls.crt" \
	    --resolve "localhost:$PF_HTTPS_PORT:127.0.0.1" \
	    --resolve "localhost:$PF_HTTP_PORT:127.0.0.1" "$@"
}

# Starts a whole stack in $1 from the template $PF_TEMPLATE.  Ports are
# free ones unless PF_HTTPS_PORT / PF_HTTP_PORT are set.
stack_start() {
	PF_DIR=$1
	mkdir -p "$PF_DIR/run"
	chmod 755 "$PF_DIR" "$PF_DIR/run"
	# The live documents on tmpfs, as under /run in production: a
	# directory in /dev/shm, linked as run/live (primoforumd makes it 0711).
	if [ ! -e "$PF_DIR/run/live" ]; then
		local shm
		if shm=$(mktemp -d /dev/shm/pf-live.XXXXXX 2>/dev/null); then
			ln -s "$shm" "$PF_DIR/run/live"
		else
			mkdir -p "$PF_DIR/run/live"
		fi
	fi
	# nginx's workers (www-data when we are root) must reach the socket
	# and htdocs/: every directory above them must be searchable.
	local d
	for d in "$PF_DIR" "$PF_SRC/htdocs"; do
		while [ "$d" != / ]; do
			d=$(dirname "$d")
			chmod o+x "$d" 2>/dev/null || true
		done
	done
	# A stack made in its own template (script/server) keeps its data.
	if [ "$(cd "$PF_TEMPLATE" && pwd)" != "$(cd "$PF_DIR" && pwd)" ]; then
		rm -rf "$PF_DIR/data"
		cp -a "$PF_TEMPLATE/data" "$PF_DIR/data"
		cp "$PF_TEMPLATE/tls.crt" "$PF_TEMPLATE/tls.key" \
		    "$PF_TEMPLATE/app.pw" "$PF_TEMPLATE/migrate.pw" \
		    "$PF_TEMPLATE/totp.key" "$PF_TEMPLATE/billing.key" "$PF_DIR/"
	fi
	: "${PF_HTTPS_PORT:=$(free_port)}"
	: "${PF_HTTP_PORT:=$(free_port)}"
	PF_URL="https://localhost:$PF_HTTPS_PORT"
	export PF_DIR PF_HTTPS_PORT PF_HTTP_PORT PF_URL
	printf 'PF_DIR=%s\nPF_HTTPS_PORT=%s\nPF_HTTP_PORT=%s\nPF_URL=%s\n' \
	    "$PF_DIR" "$PF_HTTPS_PORT" "$PF_HTTP_PORT" "$PF_URL" >"$PF_DIR/env"
	write_config "$PF_DIR"
	write_nginx "$PF_DIR" || return 1
	db_start "$PF_DIR" || return 1
	daemon_start "$PF_DIR" || return 1
	nginx_start "$PF_DIR" || return 1
	wait_for "pf_curl -f '$PF_URL/api/health'" 20 || {
		echo "stack: /api/health did not answer" >&2; return 1; }
	# Health needs one worker; tests that count workers need them all.
	local sup
	sup=$(cat "$PF_DIR/primoforumd.pid")
	wait_for "[ \"\$(pgrep -P $sup | wc -l)\" -ge ${PF_WORKERS:-2} ]" 10 || {
		echo "stack: not all ${PF_WORKERS:-2} workers started" >&2
		return 1; }
}

stack_stop() {
	local dir=${1:-$PF_DIR}
	[ -n "$dir" ] || return 0
	nginx_stop "$dir"
	daemon_stop "$dir"
	db_stop "$dir"
	if [ -L "$dir/run/live" ]; then
		rm -rf "$(readlink "$dir/run/live")"
		rm -f "$dir/run/live"
	fi
}
