#!/bin/bash
# SPDX-License-Identifier: ISC
# pollcache.t: participants' unchanged polls are answered from the host's
# table of running sessions (fcgi/pollcache.c), and that never outlives a
# change: a change made through this host (lock, round opened, participant
# removed, stop) is seen by the very next poll; a change the database got
# from elsewhere (another worker host) within poll_cache_ms.  An ETag is
# bound to its token: another participant's, or a forged one, is a full
# answer, never a 304.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
export PF_EXTRA_CONF="poll_cache_ms = 2000"
with_stack
. "$PF_SRC/t/lib/api.sh"
etag_of() { printf '%s' "$headers" | sed -n 's/^etag: \(.*\)\r$/\1/p'; }
poll() {	# poll WHO [ETAG]
	if [ -n "${2:-}" ]; then
		call "$1" GET /api/participant/state '' -H "If-None-Match: $2"
	else
		call "$1" GET /api/participant/state
	fi
}

browser ann 127.0.0.11
call ann POST /api/accounts '{"email":"ann@example.org","display_name":"Ann","password":"ann has a good passphrase"}'
call ann POST /api/sessions '{"title":"Cached"}'
S=$(jget "$body" session.id)
call ann POST "/api/sessions/$S/start" ''
jc=$(jget "$body" session.join_code)
browser p1 127.0.0.21
browser p2 127.0.0.22
call p1 POST /api/join "{\"code\":\"$jc\"}"
call p2 POST /api/join "{\"code\":\"$jc\"}"
p2id=$(jget "$body" participant.id)

poll p1
is "$code" 200 "a participant's first poll"
E1=$(etag_of)
like "$E1" '^"s[0-9]+p[0-9]+v[0-9]+m[0-9a-f]{16}"$' "an ETag with the session, participant, version and a MAC"
poll p1 "$E1"
is "$code $body" "304 " "unchanged: 304 without a body"
is "$(etag_of)" "$E1" "with the same ETag"
poll p1 "$E1, \"other\""
is "$code" 304 "a list of tags whose first is this one's: 304"
is "$(etag_of)" "$E1" "whose ETag is the server's own, not the list"
poll p1 "W/$E1"
is "$code:$(etag_of)" "304:$E1" "a weak form of it: 304 with the strong tag"

# Another host's change: the database moves on, this host has not heard.
sql -e "UPDATE session SET version = version + 1 WHERE id = $S"
poll p1 "$E1"
is "$code" 304 "a change the host did not make is not seen at once (the poll was answered from memory)"
sleep 2.2
poll p1 "$E1"
is "$code" 200 "after poll_cache_ms it is: the full state"
E1=$(etag_of)
poll p1 "$E1"
is "$code" 304 "and the new ETag is unchanged again"

# The ETag is the token's.
poll p2
E2=$(etag_of)
isnt "$E2" "$E1" "each participant has their own ETag"
poll p2 "$E1"
is "$code" 200 "another participant's ETag: a full answer, not a 304"
forged=$(printf '%s' "$E1" | perl -pe 's/m([0-9a-f])/"m".($1 eq "0" ? "1" : "0")/e')
poll p1 "$forged"
is "$code" 200 "a forged MAC: a full answer"
bumped=$(printf '%s' "$E1" | perl -pe 's/v([0-9]+)/"v".($1+1)/e')
poll p1 "$bumped"
is "$code" 200 "another version under the old MAC: a full answer"

# Changes made through this host are seen by the very next poll.
poll p1 "$E1"
is "$code" 304 "unchanged before the lock"
call ann POST "/api/sessions/$S/lock" ''
is "$code" 200 "the facilitator locks the session"
poll p1 "$E1"
is "$code" 200 "the next poll sees the change at once"
E1=$(etag_of)
call ann POST "/api/sessions/$S/rounds" '{"type":"choice","title":"Yes?","options":["Yes","No"]}'
R=$(jget "$body" round.id)
poll p1 "$E1"
is "$code" 200 "a round added: the session's version moved, seen at once"
E1=$(etag_of)
call ann POST "/api/sessions/$S/rounds/$R/open" ''
poll p1 "$E1"
is "$code" 200 "the round opened: seen at once"
like "$body" "\"id\":$R" "with the round"
E1=$(etag_of)

poll p2
E2=$(etag_of)
poll p2 "$E2"
is "$code" 304 "the second participant is unchanged too"
call ann DELETE "/api/sessions/$S/participants/$p2id"
is "$code" 204 "the facilitator removes the second participant"
poll p2 "$E2"
is "$code" 401 "whose next poll, with the ETag that was good, is refused"

poll p1 "$E1"
is "$code" 200 "the removal changed the session for the others"
E1=$(etag_of)
poll p1 "$E1"
is "$code" 304 "unchanged again"
call ann POST "/api/sessions/$S/stop" ''
is "$code" 200 "stop"
poll p1 "$E1"
is "$code" 401 "the poll right after the stop, with the ETag that was good: 401"
like "$body" '"code":"session_ended"' "the session has ended"

# A session started again: old ETags do not come back to life.
call ann POST "/api/sessions/$S/start" ''
poll p1 "$E1"
is "$code" 401 "the old token stays dead in the next run"

done_testing
