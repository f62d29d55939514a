#!/bin/bash
# SPDX-License-Identifier: ISC
# headers.t: TLS settings and the security headers on every kind of
# response: page, static file, API 200, API 4xx, nginx's own 404.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
with_stack

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
