#!/bin/bash
# SPDX-License-Identifier: ISC
# api.t: the API path through nginx over HTTPS: health, JSON errors with
# the right statuses (404, 405, 413, 400, 415), HEAD.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
with_stack

out=$(pf_curl -i "$PF_URL/api/health")
like "$out" $'^HTTP/2 200' "health is 200"
like "$out" '"status":"ok","database":"ok","schema":[1-9][0-9]*' \
    "health reports the database and schema version"
like "$out" $'content-type: application/json; charset=utf-8' "JSON type"
like "$out" $'cache-control: no-store' "API answers are not cached"
like "$out" $'x-request-id: [0-9a-f]{32}' "request id echoed"

out=$(pf_curl -I "$PF_URL/api/health")
like "$out" $'^HTTP/2 200' "HEAD health is 200"

out=$(pf_curl -i "$PF_URL/api/no/such/thing")
like "$out" '^HTTP/2 404' "unknown API path is 404"
like "$out" '\{"error":\{"code":"not_found","message":"[^"]+"\}\}' \
    "404 is a JSON error"

out=$(pf_curl -i -X DELETE "$PF_URL/api/health")
like "$out" '^HTTP/2 405' "DELETE health is 405"
like "$out" 'allow: GET, HEAD' "405 lists the allowed methods"
like "$out" '"code":"method_not_allowed"' "405 is a JSON error"

out=$(head -c 100000 /dev/zero | tr '\0' ' ' |
    pf_curl -i -X GET -H 'Content-Type: application/json' \
    --data-binary @- "$PF_URL/api/health")
like "$out" '^HTTP/2 413' "body over max_body is 413 from the application"
like "$out" '"code":"body_too_large"' "413 is a JSON error"

out=$(head -c 2000000 /dev/zero | pf_curl --http1.1 -i -X POST \
    -H 'Content-Type: application/json' --data-binary @- "$PF_URL/api/health")
like "$out" '^HTTP/1.1 413' "body over nginx's cap is 413 from nginx"
like "$out" '"code":"body_too_large"' "nginx's 413 is a JSON error too"
out=$(head -c 2000000 /dev/zero | pf_curl --http2 -i -X POST \
    -H 'Content-Type: application/json' --data-binary @- "$PF_URL/api/health")
like "$out" '^HTTP/2 413' "over HTTP/2 as well"
like "$out" 'content-type: application/json' "as JSON"
like "$out" 'strict-transport-security:' "with the security headers"

out=$(pf_curl -i -X GET -H 'Content-Type: application/json' \
    --data-binary '{"a":' "$PF_URL/api/health")
like "$out" '^HTTP/2 400' "malformed JSON is 400"
like "$out" '"code":"malformed_json"' "400 says malformed_json"

out=$(pf_curl -i -X GET -H 'Content-Type: application/json' \
    --data-binary '{"a":1,"a":2}' "$PF_URL/api/health")
like "$out" '^HTTP/2 400' "duplicate keys are 400"
like "$out" 'duplicate key' "and the message says why"

out=$(pf_curl -i -X GET -H 'Content-Type: application/json' \
    --data-binary "$(printf '[%.0s' $(seq 1 40))" "$PF_URL/api/health")
like "$out" '^HTTP/2 400' "nesting past json_max_depth is 400"

out=$(pf_curl -i -X GET -H 'Content-Type: text/plain' \
    --data-binary 'hello' "$PF_URL/api/health")
like "$out" '^HTTP/2 415' "a body that is not JSON is 415"
like "$out" '"code":"unsupported_media_type"' "415 is a JSON error"

out=$(pf_curl -i -X GET -H 'Content-Type: application/json' --data-binary '' "$PF_URL/api/health")
like "$out" '^HTTP/2 200' "an empty body is no body, whatever its Content-Type"

out=$(pf_curl -i "$PF_URL/api/health?x=%zz")
like "$out" '^HTTP/2 400' "malformed query string is 400"

out=$(pf_curl -i --path-as-is "$PF_URL/api/../api/health")
like "$out" '^HTTP/2 200' "dot segments resolved before routing"

# nginx's limit_req on join and login: a burst from one address is cut
# off with 429, as JSON.
codes=""
for i in $(seq 1 25); do
	codes="$codes $(pf_curl -o "$PF_DIR/rl.json" -w '%{http_code}' -X POST \
	    -H 'Content-Type: application/json' --data-binary '{}' \
	    "$PF_URL/api/join")"
done
like "$codes" ' 429' "a burst of 25 joins from one address meets 429"
like "$(cat "$PF_DIR/rl.json")" '"code":"rate_limited"' "429 is a JSON error"
unlike "$(echo "$codes" | cut -d' ' -f2-6)" '429' "the first joins pass"
codes=""
for i in $(seq 1 12); do
	codes="$codes $(pf_curl -o /dev/null -w '%{http_code}' -X POST \
	    -H 'Content-Type: application/json' --data-binary '{}' \
	    "$PF_URL/api/login")"
done
like "$codes" ' 429' "a burst of 12 logins from one address meets 429"
code=$(pf_curl -o /dev/null -w '%{http_code}' "$PF_URL/api/health")
is "$code" 200 "other routes are not limited"

done_testing
