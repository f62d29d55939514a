# SPDX-License-Identifier: ISC
# t/lib/api.sh: calling the API like a browser does, for the integration
# tests.  Each "browser" is a name: it has its own cookie jar, its own
# source address on the loopback (127.0.0.N, so nginx's per-address
# limits see different clients) and the CSRF token it was last given.
#
#   browser NAME ADDR       declare a browser
#   call NAME METHOD PATH [JSON [curl args...]]
#                           sets $code (HTTP status), $body, $headers;
#                           sends Origin and Sec-Fetch-Site as a page of
#                           the site would (override with ORIGIN=... and
#                           SITE=... before the call), and X-CSRF-Token
#                           when known
#   FROM=ADDR call ...      this one call from another address
#   NOSAVE=1 call ...       keep no cookie this call sets
#   jget JSON PATH          prints a value: jget "$body" account.id
# Every answer body is appended to $T_DIR/responses, so a test can search
# all of them afterwards (for a secret that must never come back).

declare -A B_ADDR B_CSRF

browser() {
	B_ADDR[$1]=$2
	B_CSRF[$1]=""
}

call() {
	local who=$1 method=$2 path=$3 data=${4:-}
	shift 4 2>/dev/null || shift $#
	local jar=$T_DIR/jar.$who
	[ -n "${NOSAVE:-}" ] && jar=/dev/null
	local args=(-s --interface "${FROM:-${B_ADDR[$who]}}" -X "$method"
	    -b "$T_DIR/jar.$who" -c "$jar"
	    -H "Origin: ${ORIGIN-$PF_URL}"
	    -H "Sec-Fetch-Site: ${SITE-same-origin}"
	    -D "$T_DIR/headers" -o "$T_DIR/body" -w '%{http_code}')
	[ -n "${B_CSRF[$who]}" ] && args+=(-H "X-CSRF-Token: ${B_CSRF[$who]}")
	[ -n "$data" ] && args+=(-H 'Content-Type: application/json'
	    --data-binary "$data")
	rm -f "$T_DIR/body"
	: >"$T_DIR/body"
	code=$(pf_curl "${args[@]}" "$@" "$PF_URL$path")
	body=$(cat "$T_DIR/body")
	headers=$(cat "$T_DIR/headers")
	printf '%s\n' "$body" >>"$T_DIR/responses"
	local t
	t=$(jget "$body" csrf_token 2>/dev/null)
	[ -n "$t" ] && [ -z "${NOSAVE:-}" ] && B_CSRF[$who]=$t
	return 0
}

jget() {
	printf '%s' "$1" | perl -MJSON::PP -e '
		my $d = eval { JSON::PP->new->decode(join "", <STDIN>) };
		exit 1 unless defined $d;
		for my $k (split /\./, $ARGV[0]) {
			$d = ref $d eq "ARRAY" ? $d->[$k] : $d->{$k};
		}
		exit 1 unless defined $d;
		print ref $d ? JSON::PP->new->canonical->encode($d) :
		    JSON::PP::is_bool($d) ? ($d ? "true" : "false") : $d;' "$2"
}

# sql ARGS: the database as root (for what a test must arrange or check).
sql() {
	mariadb --no-defaults --socket="$PF_DIR/mysql.sock" -uroot -N \
	    primoforum "$@"
}
