#!/bin/bash
# SPDX-License-Identifier: ISC
# headers.t: TLS settings and the security headers on every kind of
# response: page, static file, API 200, API 4xx, nginx's own 404; and
# nginx's own errors as JSON, over HTTP/1.1 and HTTP/2, malformed
# requests too.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
with_stack
. "$PF_SRC/t/lib/api.sh"

check_headers() {
	local what=$1 h=$2
	like "$h" 'strict-transport-security: max-age=[0-9]{8}' "$what: HSTS"
	like "$h" "content-security-policy: default-src 'self'" "$what: CSP"
	unlike "$h" 'unsafe-inline|unsafe-eval' "$what: CSP has no unsafe-*"
	like "$h" "frame-ancestors 'none'" "$what: frame-ancestors 'none'"
	like "$h" 'x-content-type-options: nosniff' "$what: nosniff"
	like "$h" 'referrer-policy: no-referrer' "$what: Referrer-Policy"
	unlike "$h" 'server: nginx/' "$what: no server version"
}

h=$(pf_curl -sI "$PF_URL/")
like "$h" '^HTTP/2 200' "landing page is served"
check_headers "page" "$h"
like "$h" 'cache-control: no-cache' "page: revalidated on every load"

h=$(pf_curl -sI "$PF_URL/v/1/assets/site.css")
like "$h" '^HTTP/2 200' "versioned static file is served"
check_headers "static file" "$h"
like "$h" 'cache-control: max-age=31536000' "versioned asset: cached a year"

h=$(pf_curl -si "$PF_URL/api/health" | sed '/^\r*$/q')
check_headers "API 200" "$h"
h=$(pf_curl -si "$PF_URL/api/nope" | sed '/^\r*$/q')
like "$h" '^HTTP/2 404' "API 404"
check_headers "API 404" "$h"
h=$(pf_curl -si -X POST "$PF_URL/api/health" | sed '/^\r*$/q')
check_headers "API 405" "$h"
h=$(pf_curl -si "$PF_URL/no-such-page" | sed '/^\r*$/q')
like "$h" '^HTTP/2 404' "missing page is 404"
check_headers "page 404" "$h"

# --- nginx's own errors are JSON ------------------------------------------
# json_error WHAT STATUS CODE RESPONSE: RESPONSE (status line, headers,
# blank line, body) is STATUS with the application's error shape and
# CODE, its type and the security headers.
json_error() {
	local what=$1 status=$2 code=$3 resp=$4 head body
	head=$(printf '%s' "$resp" | sed '/^\r*$/q' | tr 'A-Z' 'a-z')
	body=$(printf '%s' "$resp" | sed '1,/^\r*$/d')
	like "$head" "^http/(1\.1|2) $status " "$what: $status"
	like "$head" $'content-type: application/json; charset=utf-8\r' \
	    "$what: typed as JSON"
	like "$head" 'strict-transport-security: max-age=' "$what: HSTS"
	like "$(jget "$body" "")" "^\\{\"error\":\\{\"code\":\"$code\",\"message\":\"[^\"]+\"\\}\\}\$" \
	    "$what: the JSON error $code"
}

# h1 REQUEST: sends REQUEST (printf %b escapes) as it is over TLS, for
# what curl will not send; prints the answer.
h1() {
	printf '%b' "$1" | timeout 10 openssl s_client -quiet \
	    -connect "127.0.0.1:$PF_HTTPS_PORT" -servername localhost 2>/dev/null
}
H=$'Host: localhost\r\nConnection: close\r\n'

# Requests nginx cannot parse, answered before it has chosen a location
# (often before it has read the path): the server's error pages.
json_error "HTTP/1.1 lower-case method" 400 bad_request \
    "$(h1 "get /api/health HTTP/1.1\r\n$H\r\n")"
json_error "HTTP/1.1 %00 in the path" 400 bad_request \
    "$(h1 "GET /api/a%00b HTTP/1.1\r\n$H\r\n")"
json_error "HTTP/1.1 Transfer-Encoding and Content-Length" 400 bad_request \
    "$(h1 "POST /api/login HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n{}")"
json_error "HTTP/1.1 two Content-Length" 400 bad_request \
    "$(h1 "POST /api/login HTTP/1.1\r\n${H}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}")"
json_error "HTTP/1.1 a broken chunked body" 400 bad_request \
    "$(h1 "POST /api/admin/status HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\nzz\r\n")"
json_error "HTTP/1.1 unknown Transfer-Encoding" 501 not_implemented \
    "$(h1 "POST /api/login HTTP/1.1\r\n${H}Transfer-Encoding: gzip\r\n\r\n")"
json_error "HTTP/1.1 HTTP/3.0 in the request line" 505 http_version_not_supported \
    "$(h1 "GET /api/health HTTP/3.0\r\n$H\r\n")"
json_error "plain HTTP to the HTTPS port" 400 https_required \
    "$(pf_curl -si "http://localhost:$PF_HTTPS_PORT/api/health")"
# With our SNI but no Host, or another one, nginx takes the request to
# the default server: no answer from it, errors included.
is "$(h1 "GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n")" "" \
    "HTTP/1.1 without Host: no answer"
is "$(h1 "POST /api/login HTTP/1.1\r\nHost: evil.example\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}")" "" \
    "HTTP/1.1 another Host, two Content-Length: no answer"
# On the HTTP port a request line nginx cannot read meets the default
# server first, which answers nothing either.
is "$(pf_curl -si -X get "http://localhost:$PF_HTTP_PORT/api/health" 2>/dev/null)" "" \
    "plain HTTP, lower-case method: no answer"

long=$(head -c 9000 /dev/zero | tr '\0' a)
json_error "HTTP/1.1 a 9 KB header" 400 headers_too_large \
    "$(pf_curl --http1.1 -si -H "X-Big: $long" "$PF_URL/api/health")"
json_error "HTTP/1.1 a 40 KB cookie" 400 headers_too_large \
    "$(pf_curl --http1.1 -si -H "Cookie: a=$(head -c 40000 /dev/zero | tr '\0' a)" \
    "$PF_URL/api/health")"
json_error "HTTP/1.1 a long path" 414 uri_too_long \
    "$(pf_curl --http1.1 -si "$PF_URL/api/$long")"
json_error "HTTP/1.1 a long query" 414 uri_too_long \
    "$(pf_curl --http1.1 -si "$PF_URL/api/health?q=$long")"
# HTTP/2: nginx 1.22 ends the connection (GOAWAY) on a header field
# over 8 KB, a long path or cookie too, so there is no answer to check.
for v in 1.1 2; do
	json_error "HTTP/$v TRACE" 405 method_not_allowed \
	    "$(pf_curl --http$v -si -X TRACE "$PF_URL/api/health")"
	json_error "HTTP/$v DELETE of a live document" 405 method_not_allowed \
	    "$(pf_curl --http$v -si -X DELETE "$PF_URL/live/0123456789abcdef0123456789abcdef.json")"
	json_error "HTTP/$v body over 1 MiB to /api/admin/" 413 body_too_large \
	    "$(head -c 2000000 /dev/zero | pf_curl --http$v -si -X POST \
	    -H 'Content-Type: application/json' --data-binary @- \
	    "$PF_URL/api/admin/status")"
done
json_error "HTTP/2 lower-case method" 400 bad_request \
    "$(pf_curl --http2 -si -X get "$PF_URL/api/health")"
json_error "HTTP/2 %00 in the path" 400 bad_request \
    "$(pf_curl --http2 -si --path-as-is "$PF_URL/api/a%00b")"
json_error "an internal error path, asked for" 404 not_found \
    "$(pf_curl -si "$PF_URL/.error/400")"
# The server's error pages hold for the static locations too (the
# pages' location keeps its own 404 page); a live document, whose
# location has its own error_page, repeats them.
json_error "a missing asset" 404 not_found \
    "$(pf_curl -si "$PF_URL/assets/no-such.css")"
json_error "a directory without an index" 403 forbidden \
    "$(pf_curl -si "$PF_URL/assets/")"
json_error "an asset whose ETag does not match If-Match" 412 precondition_failed \
    "$(pf_curl -si -H 'If-Match: "nope"' "$PF_URL/v/1/assets/site.css")"
doc=$PF_DIR/run/live/0123456789abcdef0123456789abcdef.json
echo '{}' >"$doc"
json_error "a live document whose ETag does not match If-Match" 412 precondition_failed \
    "$(pf_curl -si -H 'If-Match: "nope"' "$PF_URL/live/${doc##*/}")"
chmod 000 "$doc"
json_error "a live document nginx may not read" 403 forbidden \
    "$(pf_curl -si "$PF_URL/live/${doc##*/}")"
rm -f "$doc"

# The refused admin requests' own limit (pf_refused, burst 20), on one
# connection, so the burst is over in well under its second; an address
# of its own for each (the zone counts per address).
n=3
for p in "1.1 /api/admin/x" "2 /api/admin/x" "2 /admin/x"; do
	v=${p% *}
	mkdir "$T_DIR/refused$n"
	pf_curl --http$v --interface "127.0.0.$n" -si \
	    -o "$T_DIR/refused$n/#1" "$PF_URL${p#* }[1-40]"
	r=$(grep -l '^HTTP/[12.]* 429 ' "$T_DIR/refused$n"/* | head -1)
	json_error "HTTP/$v refused requests to ${p#* } past their limit" 429 rate_limited \
	    "$(cat "${r:-/dev/null}")"
	n=$((n + 1))
done

# No worker: the socket moved away, so nginx cannot connect.
mv "$PF_DIR/run/fcgi.sock" "$PF_DIR/run/fcgi.sock.away"
for v in 1.1 2; do
	json_error "HTTP/$v /api/admin/ without a worker" 502 unavailable \
	    "$(pf_curl --http$v -si "$PF_URL/api/admin/status")"
	json_error "HTTP/$v a refused admin request without a worker" 502 unavailable \
	    "$(pf_curl --http$v -si --interface 127.0.0.9 "$PF_URL/api/admin/status")"
done
mv "$PF_DIR/run/fcgi.sock.away" "$PF_DIR/run/fcgi.sock"

# TLS: 1.2 and 1.3 only.
pf_curl -o /dev/null --tlsv1.3 --tls-max 1.3 "$PF_URL/"; ok $? "TLS 1.3 accepted"
pf_curl -o /dev/null --tlsv1.2 --tls-max 1.2 "$PF_URL/"; ok $? "TLS 1.2 accepted"
# The client side allows 1.0/1.1 here (SECLEVEL=0), so only the server
# can be the one that refuses.
for v in tls1 tls1_1; do
	out=$(timeout 10 openssl s_client -connect "127.0.0.1:$PF_HTTPS_PORT" \
	    -servername localhost -$v -cipher 'DEFAULT@SECLEVEL=0' \
	    </dev/null 2>&1)
	like "$out" 'alert protocol version' "server refuses $v"
	like "$out" 'Cipher is \(NONE\)' "no session with $v"
done
out=$(timeout 10 openssl s_client -connect "127.0.0.1:$PF_HTTPS_PORT" \
    -servername localhost -tls1_2 -cipher 'AES128-SHA' </dev/null 2>&1)
like "$out" 'Cipher is \(NONE\)' "TLS 1.2 without forward secrecy refused"

# Plain HTTP: pages redirect, the API is refused.
h=$(pf_curl -si "http://localhost:$PF_HTTP_PORT/some/page?x=1")
like "$h" '^HTTP/1.1 301' "HTTP page redirects"
like "$h" "Location: https://localhost:$PF_HTTPS_PORT/some/page\\?x=1" \
    "to the same path over HTTPS"
h=$(pf_curl -si "http://localhost:$PF_HTTP_PORT/api/health")
like "$h" '^HTTP/1.1 403' "HTTP API is refused, not redirected"
like "$h" '"code":"https_required"' "with a JSON error"
# ACME HTTP-01: the challenge files (and only they) over plain HTTP.
mkdir -p "$PF_DIR/acme/.well-known/acme-challenge"
echo "token-proof" >"$PF_DIR/acme/.well-known/acme-challenge/abc123"
h=$(pf_curl -si "http://localhost:$PF_HTTP_PORT/.well-known/acme-challenge/abc123")
like "$h" '^HTTP/1.1 200' "an ACME challenge is served over HTTP"
like "$h" 'token-proof' "with its content"
h=$(pf_curl -si "http://localhost:$PF_HTTP_PORT/.well-known/acme-challenge/missing")
like "$h" '^HTTP/1.1 404' "a missing challenge is 404, not a redirect"

# Unknown host names: no TLS handshake; no HTTP answer.
curl -sS --max-time 5 -k -o /dev/null \
    --resolve "evil.example:$PF_HTTPS_PORT:127.0.0.1" \
    "https://evil.example:$PF_HTTPS_PORT/" 2>/dev/null
ok $(( $? == 0 )) "unknown SNI gets no TLS handshake"
code=$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' \
    -H 'Host: evil.example' "http://127.0.0.1:$PF_HTTP_PORT/")
is "$code" "000" "unknown Host on HTTP gets no answer"

done_testing
