#!/bin/bash
# SPDX-License-Identifier: ISC
# rounds.t: rounds through nginx over HTTPS with the real database
# every round type end to end with several
# participants, team mode, the validation rules as 422s, open/close,
# reveal and hide, no change after close, anonymity, and 200 participants
# answering one round at once with none lost or doubled.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
with_stack
. "$PF_SRC/t/lib/api.sh"

browser ann 127.0.0.11
call ann POST /api/accounts '{"email":"ann@example.org","display_name":"Ann","password":"ann has a good passphrase"}'
# Teams and 300 participants: the Pro plan.
sql -e "UPDATE account SET plan = 'pro' WHERE email = 'ann@example.org'"
call ann POST /api/sessions '{"title":"Evaluation","named":true}'
S=$(jget "$body" session.id)
call ann POST "/api/sessions/$S/start" ''
CODE=$(jget "$body" session.join_code)

mkround() {	# mkround JSON: sets R and O (option ids, space separated)
	call ann POST "/api/sessions/$S/rounds" "$1"
	R=$(jget "$body" round.id)
	O=$(printf '%s' "$body" | perl -MJSON::PP -e 'print join " ", map { $_->{id} } @{decode_json(<STDIN>)->{round}{options}}')
}
answer() {	# answer BROWSER JSON: as participant
	call "$1" POST "/api/participant/rounds/$R/answer" "$2"
}

for i in 1 2 3 4; do
	browser "p$i" "127.0.0.2$i"
	call "p$i" POST /api/join "{\"code\":\"$CODE\",\"display_name\":\"P$i\"}"
done
is "$code" 201 "four participants"

# --- choice -------------------------------------------------------------
mkround '{"type":"choice","title":"Lunch?","options":["Soup","Salad","Both"],"min_picks":1,"max_picks":1}'
is "$code" 201 "a choice round"
CHOICE=$R
set -- $O; soup=$1 salad=$2 both=$3
answer p1 "{\"choices\":[$soup]}"
is "$code" 409 "not open yet: answers refused"
like "$body" '"code":"round_closed"' "round_closed"
call p1 GET /api/participant/state
like "$body" '"rounds":\[\]' "a draft round is not shown to participants"
call ann POST "/api/sessions/$S/rounds/$R/open" ''
is "$(jget "$body" round.state)" open "open the round"
call p1 GET /api/participant/state
like "$(jget "$body" rounds)" "\"title\":\"Lunch\\?\"" "the participant sees the open round"
unlike "$(jget "$body" rounds)" '"results"' "but no results (not revealed)"
answer p1 "{\"choices\":[$soup]}"
is "$code" 201 "p1 answers"
answer p2 "{\"choices\":[$soup]}"
answer p3 "{\"choices\":[$both]}"
answer p4 "{\"choices\":[$soup,$salad]}"
is "$code" 422 "two picks where one is allowed: 422"
like "$body" 'choose exactly 1' "saying which rule"
answer p4 "{\"choices\":[999999]}"
is "$code" 422 "an unknown option: 422"
answer p4 '{"choices":"soup"}'
is "$code" 422 "a wrong shape: 422"
answer p4 "{\"choices\":[$salad]}"
is "$code" 201 "p4 answers"
answer p1 "{\"choices\":[$salad]}"
is "$code" 200 "p1 changes the answer while the round is open"
call ann GET "/api/sessions/$S/rounds/$R/results"
is "$(jget "$body" round.results.responses)" 4 "four responses, not five"
like "$(jget "$body" round.results.options)" "\"count\":1,\"option\":$soup,\"percent\":25" "soup 1 of 4 (25%)"
like "$(jget "$body" round.results.options)" "\"count\":2,\"option\":$salad,\"percent\":50" "salad 2 of 4 (50%)"
unlike "$body" 'P1|P2|"participant' "results say nothing of who answered what"
etag=$(printf '%s' "$headers" | sed -n 's/^etag: \(.*\)\r$/\1/p')
call ann GET "/api/sessions/$S/rounds/$R/results" '' -H "If-None-Match: $etag"
is "$code" 304 "results unchanged: 304"
call ann POST "/api/sessions/$S/rounds/$R/close" ''
answer p2 "{\"choices\":[$salad]}"
is "$code" 409 "after close no change"
call ann GET "/api/sessions/$S/rounds/$R/results" '' -H "If-None-Match: $etag"
is "$code" 200 "results after close: 200 (the version moved)"
like "$(jget "$body" round.results.options)" "\"count\":1,\"option\":$soup," "the refused change changed nothing"
call p2 GET /api/participant/state
like "$(jget "$body" rounds)" '^\[\]$' "a closed, unrevealed round is gone from the participant's view"
call ann POST "/api/sessions/$S/rounds/$R/reveal" ''
call p2 GET /api/participant/state
like "$(jget "$body" rounds)" '"results":\{.*"options":\[' "revealed: participants see the results"
call ann POST "/api/sessions/$S/rounds/$R/hide" ''
call p2 GET /api/participant/state
unlike "$(jget "$body" rounds)" '"results"' "hidden again"

# --- rating ---------------------------------------------------------------
mkround '{"type":"rating","title":"How useful was the morning?","options":["Morning"],"scale_max":10}'
set -- $O; m=$1
RATING=$R
call ann POST "/api/sessions/$S/rounds/$R/open" ''
for x in "p1 4" "p2 6" "p3 8" "p4 null"; do
	set -- $x
	answer "$1" "{\"ratings\":[{\"option\":$m,\"value\":$2}]}"
done
answer p1 "{\"ratings\":[{\"option\":$m,\"value\":11}]}"
is "$code" 422 "out of scale: 422"
like "$body" 'rate from 1 to 10' "says the scale"
call ann GET "/api/sessions/$S/rounds/$R/results"
like "$body" '"count":3,"no_opinion":1,"mean":6.00,"median":6.00,"sd":1.63' \
    "mean 6, median 6, sd 1.63 of 4, 6, 8; one no-opinion"

# --- multi-criteria rating --------------------------------------------------------
mkround '{"type":"rating","title":"Weigh the plans","options":["Plan A","Plan B"],"criteria":["Cost","Impact"],"scale_max":5}'
is "$code" 201 "a rating on two criteria"
set -- $O; pa=$1 pb=$2
crits=$(printf '%s' "$body" | perl -MJSON::PP -e 'print join " ", map { $_->{id} } @{decode_json(<STDIN>)->{round}{criteria}}')
set -- $crits; cost=$1 impact=$2
MULTI=$R
call ann POST "/api/sessions/$S/rounds/$R/open" ''
answer p1 "{\"ratings\":[{\"option\":$pa,\"criterion\":$cost,\"value\":2},{\"option\":$pa,\"criterion\":$impact,\"value\":5}]}"
is "$code" 201 "p1 rates plan A on both criteria"
answer p2 "{\"ratings\":[{\"option\":$pa,\"criterion\":$cost,\"value\":4}]}"
answer p3 "{\"ratings\":[{\"option\":$pa,\"value\":4}]}"
is "$code" 422 "a rating without its criterion: 422"
like "$body" 'names no criterion' "saying so"
call ann GET "/api/sessions/$S/rounds/$R/results"
like "$body" "\"option\":$pa,\"criteria\":\\[\\{\"criterion\":$cost,\"count\":2,\"no_opinion\":0,\"mean\":3.00" \
    "plan A on cost: two ratings, mean 3"
like "$body" "\\{\"criterion\":$impact,\"count\":1,\"no_opinion\":0,\"mean\":5.00" "plan A on impact: mean 5"

# --- ranking, points, statements, open, brainstorm ----------------------------
mkround '{"type":"ranking","title":"Priorities","options":["A","B","C"]}'
set -- $O; A=$1 B=$2 C=$3
call ann POST "/api/sessions/$S/rounds/$R/open" ''
answer p1 "{\"ranking\":[$A,$B,$C]}"
answer p2 "{\"ranking\":[$B,$A,$C]}"
answer p3 "{\"ranking\":[$A,$C,$B]}"
answer p4 "{\"ranking\":[$A,$A,$B]}"
is "$code" 422 "duplicate ranks: 422"
call ann GET "/api/sessions/$S/rounds/$R/results"
like "$(jget "$body" round.results.options)" "\"borda\":8,\"option\":$A," "Borda A = 3+2+3 = 8"
like "$(jget "$body" round.results.options)" "\"borda\":6,\"option\":$B," "Borda B = 2+3+1 = 6"

mkround '{"type":"points","title":"Spend 10","options":["X","Y"],"budget":10,"max_per_option":7}'
set -- $O; X=$1 Y=$2
call ann POST "/api/sessions/$S/rounds/$R/open" ''
answer p1 "{\"points\":[{\"option\":$X,\"points\":7},{\"option\":$Y,\"points\":3}]}"
is "$code" 201 "points within budget"
answer p2 "{\"points\":[{\"option\":$X,\"points\":6},{\"option\":$Y,\"points\":5}]}"
is "$code" 422 "over budget: 422"
like "$body" '11 points is over the budget of 10' "says by how much"
answer p2 "{\"points\":[{\"option\":$X,\"points\":8}]}"
like "$body" 'at most 7 points per option' "per-option maximum"
call ann GET "/api/sessions/$S/rounds/$R/results"
like "$(jget "$body" round.results.options)" "\"option\":$X,\"points\":7,\"voters\":1" "point totals"

mkround '{"type":"statements","title":"Do you agree?","options":["We should meet weekly"]}'
set -- $O; st=$1
call ann POST "/api/sessions/$S/rounds/$R/open" ''
for x in "p1 5" "p2 4" "p3 1" "p4 0"; do
	set -- $x
	answer "$1" "{\"answers\":[{\"option\":$st,\"value\":$2}]}"
done
call ann GET "/api/sessions/$S/rounds/$R/results"
like "$(jget "$body" round.results.options)" '"agree":2,.*"disagree":1,.*"pass":1' "agreement, disagreement, pass"

mkround '{"type":"open","title":"Anything else?","max_length":50}'
call ann POST "/api/sessions/$S/rounds/$R/open" ''
answer p1 '{"text":"More coffee, please"}'
is "$code" 201 "an open answer"
answer p2 "{\"text\":\"$(printf 'x%.0s' $(seq 1 51))\"}"
is "$code" 422 "too long: 422"
call ann GET "/api/sessions/$S/rounds/$R/results"
like "$(jget "$body" round.results.texts)" 'More coffee' "the facilitator reads the texts"
call p1 GET /api/participant/state
like "$(jget "$body" rounds)" "\"answer\":\\[\\],\"answered\":true,.*\"id\":$R,.*\"text\":\"More coffee, please\"" \
    "the participant's state holds their own text answer (no values)"

# The word cloud: whole short answers in a normal form; long ones as words
# without the session language's stop words; the facilitator hides one.
OPENR=$R
answer p2 '{"text":"more  coffee, PLEASE."}'
answer p3 '{"text":"Write down!"}'
answer p4 '{"text":"We should write down the coffee plan"}'
call ann GET "/api/sessions/$S/rounds/$R/results"
cloud=$(jget "$body" round.results.cloud)
like "$cloud" '^\[\{"entry":"more coffee, please","n":2\}' \
    "the cloud: two said \"more coffee, please\" (case, spaces, the dot)"
like "$cloud" '"entry":"write down","n":1' "a short answer stays whole"
like "$cloud" '"entry":"coffee","n":1.*"entry":"plan","n":1' \
    "a long one as words"
unlike "$cloud" '"entry":"(the|we)"' "without English stop words"
is "$(jget "$body" round.results.texts | grep -o '"' | wc -l)" 8 \
    "the texts unchanged beside it"
call ann POST "/api/sessions/$S/rounds/$R/cloud" '{"entry":"More Coffee,  please","hidden":true}'
is "$code" 200 "the facilitator hides an entry"
is "$(jget "$body" entry)" "more coffee, please" "by its normal form"
call ann GET "/api/sessions/$S/rounds/$R/results"
like "$(jget "$body" round.results.cloud)" '"entry":"more coffee, please","hidden":true,"n":2' \
    "the facilitator's results list it as hidden"
call ann POST "/api/sessions/$S/rounds/$R/reveal" ''
call p1 GET /api/participant/state
like "$(jget "$body" rounds)" '"cloud":\[\{"entry":"coffee"' "revealed: the participants get the cloud"
unlike "$(jget "$body" rounds)" '"entry":"more coffee, please"' "without the hidden entry"
call ann POST "/api/sessions/$S/rounds/$R/cloud" '{"entry":"more coffee, please","hidden":false}'
is "$code" 200 "shown again"
call p1 GET /api/participant/state
like "$(jget "$body" rounds)" '"cloud":\[\{"entry":"more coffee, please","n":2\}' "and back for the participants"

# Open answers are moderated as ideas are: hidden from the participants
# and the room's screen, kept (marked) in the facilitator's results.
call ann POST "/api/sessions/$S/projector" ''
TOK=$(jget "$body" projector_link); TOK=${TOK#*#}
call ann POST "/api/sessions/$S/step" "{\"kind\":\"round\",\"round\":$R,\"view\":\"results\"}"
room_has() {	# room_has RE: waits (up to 3 s) for the room's document to match
	local i
	for i in $(seq 1 60); do
		room=$(pf_curl -s "$PF_URL/live/$TOK.json")
		printf '%s' "$room" | grep -Eq "$1" && return 0
		sleep 0.05
	done
	return 1
}
room_has '"Write down!"'; ok $? "the room's document shows the open answers"
unlike "$room" '"answers"|"id":[0-9]+,"text"' "without the answers' ids"
call ann GET "/api/sessions/$S/rounds/$R/results"
wd=$(printf '%s' "$body" | perl -MJSON::PP -e 'for (@{decode_json(<STDIN>)->{round}{results}{answers}}) { print $_->{id} if $_->{text} eq "Write down!" }')
like "$wd" '^[0-9]+$' "the facilitator's results give each answer its id"
call ann PATCH "/api/sessions/$S/rounds/$R/answers/$wd" '{"hidden":true}'
is "$code:$(jget "$body" hidden)" "200:true" "the facilitator hides an open answer"
for i in $(seq 1 60); do room=$(pf_curl -s "$PF_URL/live/$TOK.json"); case $room in *'Write down!'*) sleep 0.05;; *) break;; esac; done
unlike "$room" 'Write down!' "gone from the room's document within seconds"
like "$room" 'More coffee' "the others stay"
call p1 GET /api/participant/state
unlike "$(jget "$body" rounds)" 'Write down!' "and from the participants' state"
call ann GET "/api/sessions/$S/rounds/$R/results"
like "$(jget "$body" round.results.answers)" "\"hidden\":true,\"id\":$wd,\"text\":\"Write down!\"" \
    "the facilitator's results keep it, marked hidden"
unlike "$(jget "$body" round.results.texts)" 'Write down!' "out of the texts the room is shown"
call ann PATCH "/api/sessions/$S/rounds/$R/answers/999999" '{"hidden":true}'
is "$code" 404 "an answer not of this round: 404"
call ann PATCH "/api/sessions/$S/rounds/$CHOICE/answers/$wd" '{"hidden":true}'
is "$code" 409 "a choice round has no open answers to hide"
call ann PATCH "/api/sessions/$S/rounds/$R/answers/$wd" '{}'
is "$code" 422 "hidden is required"
call p1 PATCH "/api/sessions/$S/rounds/$R/answers/$wd" '{"hidden":false}'
is "$code" 401 "a participant cannot moderate"
call ann POST "/api/sessions/$S/step" '{"kind":"join"}'

# A moderation queue: in a moderated round input waits, hidden from the
# room and the phones, until the facilitator approves it; hiding it
# rejects it; a changed open answer waits again.
OPENSAVE=$R
mkround '{"type":"open","title":"Moderated question","moderated":true}'
MQ=$R
is "$(jget "$body" round.moderated)" true "a moderated open question"
call ann POST "/api/sessions/$S/rounds/$MQ/open" ''
call ann POST "/api/sessions/$S/step" "{\"kind\":\"round\",\"round\":$MQ,\"view\":\"results\"}"
R=$MQ; answer p1 '{"text":"Needs a look first"}'
is "$code" 201 "an answer to it is taken"
call ann GET "/api/sessions/$S/rounds/$MQ/results"
mq=$(printf '%s' "$body" | perl -MJSON::PP -e 'for (@{decode_json(<STDIN>)->{round}{results}{answers}}) { print $_->{id} if $_->{text} eq "Needs a look first" }')
like "$(jget "$body" round.results.answers)" "\"hidden\":true,\"id\":$mq,\"pending\":true" \
    "and waits for approval in the facilitator's results"
sleep 0.6
room=$(pf_curl -s "$PF_URL/live/$TOK.json")
unlike "$room" 'Needs a look first' "not on the room's screen meanwhile"
call p2 GET /api/participant/state
unlike "$(jget "$body" rounds)" 'Needs a look first' "nor on the phones"
call ann PATCH "/api/sessions/$S/rounds/$MQ/answers/$mq" '{"hidden":false}'
is "$code" 200 "the facilitator approves it"
room_has 'Needs a look first'; ok $? "then the room's screen shows it"
call ann GET "/api/sessions/$S/rounds/$MQ/results"
unlike "$(jget "$body" round.results.answers)" '"pending":true' "and it waits no more"
answer p1 '{"text":"Needs a look first, changed"}'
call ann GET "/api/sessions/$S/rounds/$MQ/results"
like "$(jget "$body" round.results.answers)" '"pending":true,"text":"Needs a look first, changed"' \
    "a changed answer waits again"
mkround '{"type":"brainstorm","title":"Moderated ideas","open_wall":true,"moderated":true}'
MB=$R
call ann POST "/api/sessions/$S/rounds/$MB/open" ''
call p1 POST "/api/participant/rounds/$MB/ideas" '{"text":"A waiting idea"}'
is "$code" 201 "an idea in a moderated brainstorm is taken"
call p2 GET /api/participant/state
unlike "$(jget "$body" rounds)" 'A waiting idea' "and not on the open wall before approval"
call p1 GET "/api/participant/rounds/$MB/ideas"
like "$body" '"text":"A waiting idea","hidden":true,"pending":true' "its author sees it waiting, not hidden"
call ann GET "/api/sessions/$S/rounds/$MB/ideas"
wi=$(printf '%s' "$body" | perl -MJSON::PP -e 'for (@{decode_json(<STDIN>)->{ideas}}) { print $_->{id} if $_->{text} eq "A waiting idea" }')
like "$(jget "$body" ideas)" "\"hidden\":true,\"id\":$wi,.*\"pending\":true" "the board shows it waiting"
call ann PATCH "/api/sessions/$S/rounds/$MB/ideas/$wi" '{"hidden":false}'
call p2 GET /api/participant/state
like "$(jget "$body" rounds)" 'A waiting idea' "approved: on the wall"
call ann POST "/api/sessions/$S/rounds/$MB/close" ''
call ann POST "/api/sessions/$S/rounds/$MQ/close" ''
R=$OPENSAVE
call ann POST "/api/sessions/$S/step" '{"kind":"join"}'

call ann POST "/api/sessions/$S/rounds/$R/hide" ''
call ann POST "/api/sessions/$S/rounds/$R/cloud" '{"entry":" ?! ","hidden":true}'
is "$code" 422 "an entry with nothing in it: 422"
call ann POST "/api/sessions/$S/rounds/$R/cloud" "{\"entry\":\"$(printf 'x%.0s' $(seq 1 201))\",\"hidden\":true}"
is "$code" 422 "an entry too long: 422"
call ann POST "/api/sessions/$S/rounds/$R/cloud" '{"entry":"x"}'
is "$code" 422 "hidden is required"
call ann POST "/api/sessions/$S/rounds/$CHOICE/cloud" '{"entry":"soup","hidden":true}'
is "$code" 409 "a choice round has no cloud"
browser nobody 127.0.0.13
call nobody POST "/api/sessions/$S/rounds/$R/cloud" '{"entry":"x","hidden":true}'
is "$code" 401 "anonymous: 401"

mkround '{"type":"brainstorm","title":"Ideas for the fair"}'
call ann POST "/api/sessions/$S/rounds/$R/open" ''
call p1 POST "/api/participant/rounds/$R/ideas" '{"text":"A bake sale"}'
is "$code" 201 "an idea"
call p1 POST "/api/participant/rounds/$R/ideas" '{"text":"Face painting"}'
call p2 POST "/api/participant/rounds/$R/ideas" '{"text":"A quiz"}'
answer p3 '{"text":"no"}'
is "$code" 422 "a brainstorm takes ideas, not answers"
call ann GET "/api/sessions/$S/rounds/$R/results"
is "$(jget "$body" round.results.ideas | grep -o '"text"' | wc -l)" 3 "three ideas, many per participant"

# Silent brainstorm: participants do not see the wall.
call p3 GET /api/participant/state
unlike "$(jget "$body" rounds)" 'bake sale' "a silent brainstorm: participants do not see the ideas"

# Moderation: hide, edit, merge.
BR=$R
call ann GET "/api/sessions/$S/rounds/$BR/ideas"
ids=$(printf '%s' "$body" | perl -MJSON::PP -e 'print join " ", map { $_->{id} } @{decode_json(<STDIN>)->{ideas}}')
set -- $ids; bake=$1 face=$2 quiz=$3
call ann PATCH "/api/sessions/$S/rounds/$BR/ideas/$quiz" '{"hidden":true}'
is "$code" 200 "hide an idea"
call ann PATCH "/api/sessions/$S/rounds/$BR/ideas/$face" '{"text":"Face painting for children"}'
is "$code" 200 "edit an idea"
call p2 POST "/api/participant/rounds/$BR/ideas" '{"text":"Bake sale!"}'
call ann GET "/api/sessions/$S/rounds/$BR/ideas"
dup=$(printf '%s' "$body" | perl -MJSON::PP -e 'print $_->{id} for grep { $_->{text} eq "Bake sale!" } @{decode_json(<STDIN>)->{ideas}}')
call ann POST "/api/sessions/$S/rounds/$BR/ideas/$dup/merge" "{\"into\":$bake}"
is "$code" 200 "merge a duplicate into the first"
call ann POST "/api/sessions/$S/rounds/$BR/ideas/$dup/merge" "{\"into\":$dup}"
is "$code" 422 "an idea cannot merge into itself"
call ann GET "/api/sessions/$S/rounds/$BR/results"
wall=$(jget "$body" round.results.ideas)
like "$wall" 'Face painting for children' "the edit shows"
unlike "$wall" 'A quiz|Bake sale!' "hidden and merged ideas do not"

# Clusters: create, move ideas in, rename, merge.
call ann POST "/api/sessions/$S/rounds/$BR/clusters" '{"name":"Food"}'
is "$code" 201 "a cluster"
food=$(printf '%s' "$body" | perl -MJSON::PP -e 'print $_->{id} for grep { $_->{name} eq "Food" } @{decode_json(<STDIN>)->{clusters}}')
call ann POST "/api/sessions/$S/rounds/$BR/clusters" '{"name":"Fun"}'
fun=$(printf '%s' "$body" | perl -MJSON::PP -e 'print $_->{id} for grep { $_->{name} eq "Fun" } @{decode_json(<STDIN>)->{clusters}}')
call ann POST "/api/sessions/$S/rounds/$BR/clusters" '{"name":"Games"}'
games=$(printf '%s' "$body" | perl -MJSON::PP -e 'print $_->{id} for grep { $_->{name} eq "Games" } @{decode_json(<STDIN>)->{clusters}}')
call ann PATCH "/api/sessions/$S/rounds/$BR/ideas/$bake" "{\"cluster\":$food}"
call ann PATCH "/api/sessions/$S/rounds/$BR/ideas/$face" "{\"cluster\":$games}"
is "$code" 200 "ideas move into clusters"
call ann PATCH "/api/sessions/$S/rounds/$BR/ideas/$face" '{"cluster":999999}'
is "$code" 422 "not into a cluster of another round"
call ann POST "/api/sessions/$S/rounds/$BR/clusters/$games/merge" "{\"into\":$fun}"
is "$code" 200 "merge two clusters"
call ann PATCH "/api/sessions/$S/rounds/$BR/clusters/$fun" '{"name":"Fun and games"}'
is "$code" 200 "rename a cluster"
call ann GET "/api/sessions/$S/rounds/$BR/results"
like "$(jget "$body" round.results.ideas)" '"cluster":"Fun and games","id":[0-9]+,"text":"Face painting for children"' \
    "the idea followed its cluster through merge and rename"
like "$(jget "$body" round.results.clusters)" '"ideas":1,"name":"Food"' "clusters count their ideas"

# The brainstorm's clusters become the options of a points vote.
mkround "{\"type\":\"points\",\"title\":\"Which area first?\",\"options_from\":$BR,\"options_use\":\"clusters\",\"budget\":5}"
is "$code" 201 "a points round from the brainstorm's clusters"
like "$(jget "$body" round.options)" '"label":"Food".*"label":"Fun and games"' "with the clusters as options"
mkround "{\"type\":\"choice\",\"title\":\"Pick one idea\",\"options_from\":$BR}"
like "$(jget "$body" round.options)" '"label":"A bake sale".*"label":"Face painting for children"' "or its visible ideas"
unlike "$(jget "$body" round.options)" 'A quiz|Bake sale!' "without hidden or merged ones"
call ann POST "/api/sessions/$S/rounds" "{\"type\":\"choice\",\"title\":\"x\",\"options_from\":$R}"
is "$code" 422 "options only from a brainstorm"

# The cluster vote prepared before its brainstorm has run: it takes the
# clusters when it opens, and sits right after the brainstorm.
mkround '{"type":"brainstorm","title":"Ideas for next year"}'
BR2=$R
mkround '{"type":"open","title":"A closing question"}'
mkround "{\"type\":\"points\",\"title\":\"Vote: ideas for next year\",\"options_from\":$BR2,\"options_use\":\"clusters\",\"budget\":10,\"after\":$BR2}"
is "$code" 201 "a points round from the clusters of a brainstorm that has none yet"
FED=$R
is "$(jget "$body" round.options)" "[]" "no options yet"
is "$(jget "$body" round.options_from) $(jget "$body" round.options_use)" "$BR2 clusters" "it names what feeds it"
mkround "{\"type\":\"choice\",\"title\":\"Pick up to three\",\"options_from\":$BR2,\"min_picks\":1,\"max_picks\":3}"
FED2=$R
is "$(sql -e "SELECT GROUP_CONCAT(title ORDER BY position SEPARATOR '|') FROM round WHERE session_id = $S AND position >= (SELECT position FROM round WHERE id = $BR2)")" \
    "Ideas for next year|Vote: ideas for next year|A closing question|Pick up to three" "the vote sits right after its brainstorm"
call ann POST "/api/sessions/$S/rounds/$FED/open" ''
is "$code" 409 "it cannot open before the brainstorm has clusters"
like "$body" '"code":"feed_empty".*has no clusters yet' "feed_empty, saying why"
call ann POST "/api/sessions/$S/rounds/$BR2/open" ''
call p1 POST "/api/participant/rounds/$BR2/ideas" '{"text":"More trees"}'
call p2 POST "/api/participant/rounds/$BR2/ideas" '{"text":"Bike racks"}'
call ann POST "/api/sessions/$S/rounds/$BR2/clusters" '{"name":"Green"}'
call ann POST "/api/sessions/$S/rounds/$BR2/clusters" '{"name":"Mobility"}'
call ann POST "/api/sessions/$S/rounds/$FED/open" ''
is "$code" 200 "once there are clusters it opens"
call ann GET "/api/sessions/$S/rounds/$FED/results"
like "$(jget "$body" round.options)" '"label":"Green".*"label":"Mobility"' "with the clusters as its options"
is "$(sql -e "SELECT COUNT(*) FROM round_option o JOIN cluster c ON c.id = o.source_cluster WHERE o.round_id = $FED")" 2 \
    "each option keeps the cluster it came from (an idea's path)"
call ann POST "/api/sessions/$S/rounds/$FED2/open" ''
is "$code" 200 "a choice of up to three from two ideas opens"
is "$(sql -e "SELECT CONCAT(min_picks, '-', max_picks, ' ', (SELECT COUNT(*) FROM round_option WHERE round_id = $FED2 AND source_idea IS NOT NULL)) FROM round WHERE id = $FED2")" "1-2 2" \
    "with the two ideas, picks cut to two"
call ann GET "/api/sessions/$S/export"
green=$(sql -e "SELECT id FROM cluster WHERE round_id = $BR2 AND name = 'Green'")
like "$body" "\"option_sources\":\\[\\{\"option\":[0-9]+,\"idea\":null,\"cluster\":$green\\}" \
    "the session export names each fed option's cluster (for the report's path of an idea)"
call ann POST "/api/sessions/$S/rounds/$FED/close" ''
call ann POST "/api/sessions/$S/rounds/$FED2/close" ''
call ann POST "/api/sessions/$S/rounds/$BR2/close" ''

# An open wall: participants see the ideas as they come.
mkround '{"type":"brainstorm","title":"Open wall","open_wall":true}'
call ann POST "/api/sessions/$S/rounds/$R/open" ''
call p1 POST "/api/participant/rounds/$R/ideas" '{"text":"Everyone sees this"}'
call p4 GET /api/participant/state
like "$(jget "$body" rounds)" '"wall":\[\{"cluster":null,"id":[0-9]+,"text":"Everyone sees this"\}\]' \
    "an open wall shows the ideas to every participant"

# Participants mend or take back their own ideas while the round is open.
WALL=$R
call p1 GET "/api/participant/rounds/$R/ideas"
like "$body" '^\{"ideas":\[\{"id":[0-9]+,"text":"Everyone sees this","hidden":false\}\],"liked":\[\]\}$' "a participant lists their own ideas"
mine=$(jget "$body" ideas | perl -MJSON::PP -e 'print decode_json(<STDIN>)->[0]{id}')
call p4 GET "/api/participant/rounds/$R/ideas"
is "$body" '{"ideas":[],"liked":[]}' "another has none of them"
call p4 PATCH "/api/participant/rounds/$R/ideas/$mine" '{"text":"Hijacked"}'
is "$code" 404 "another participant's idea cannot be changed: 404"
call p4 DELETE "/api/participant/rounds/$R/ideas/$mine"
is "$code" 404 "nor taken back: 404"
call p1 PATCH "/api/participant/rounds/$R/ideas/$mine" '{"text":"Everyone sees this, mended"}'
is "$code" 200 "the author mends their idea"
call p1 PATCH "/api/participant/rounds/$R/ideas/$mine" '{"text":""}'
is "$code" 422 "not to nothing"
call p4 GET /api/participant/state
like "$(jget "$body" rounds)" '"text":"Everyone sees this, mended"' "the wall shows it mended"
call p1 POST "/api/participant/rounds/$R/ideas" '{"text":"Take me back"}'
back=$(sql -e "SELECT id FROM idea WHERE text = 'Take me back'")
call p1 DELETE "/api/participant/rounds/$R/ideas/$back"
is "$code" 204 "the author takes an idea back"
call p4 GET /api/participant/state
unlike "$(jget "$body" rounds)" 'Take me back' "gone from the wall"
is "$(sql -e "SELECT COUNT(*) FROM idea WHERE id = $back")" 0 "and from the database"
trees=$(sql -e "SELECT id FROM idea WHERE text = 'More trees'")
call p1 PATCH "/api/participant/rounds/$BR2/ideas/$trees" '{"text":"Even more trees"}'
is "$code:$(jget "$body" error.code)" "409:round_closed" "a closed round's ideas stay as they are: 409"
call p1 DELETE "/api/participant/rounds/$BR2/ideas/$trees"
is "$code" 409 "and are not taken back: 409"
call p1 PATCH "/api/participant/rounds/$CHOICE/ideas/$mine" '{"text":"x"}'
is "$code" 422 "a choice round has no ideas"

# Upvotes: likes on an open wall, one per participant; ideas by likes.
mkround '{"type":"brainstorm","title":"Like them","open_wall":true,"upvotes":true}'
like "$(jget "$body" round)" '"upvotes":true' "a brainstorm with upvotes"
UP=$R
call ann POST "/api/sessions/$S/rounds/$R/open" ''
for x in "p1 Early idea" "p2 Popular idea" "p3 Popular, again"; do
	set -- $x; who=$1; shift
	call "$who" POST "/api/participant/rounds/$R/ideas" "{\"text\":\"$*\"}"
done
early=$(sql -e "SELECT id FROM idea WHERE round_id = $R AND text = 'Early idea'")
pop=$(sql -e "SELECT id FROM idea WHERE round_id = $R AND text = 'Popular idea'")
dup=$(sql -e "SELECT id FROM idea WHERE round_id = $R AND text = 'Popular, again'")
call p4 POST "/api/participant/rounds/$R/ideas/$pop/like" ''
is "$code:$(jget "$body" status)" "200:liked" "a participant likes an idea"
call p4 POST "/api/participant/rounds/$R/ideas/$pop/like" ''
is "$code" 200 "liking twice is no error"
is "$(sql -e "SELECT COUNT(*) FROM idea_like WHERE idea_id = $pop")" 1 "and counts once"
call p1 GET /api/participant/state
wall=$(printf '%s' "$body" | perl -MJSON::PP -e 'for (@{decode_json(<STDIN>)->{rounds}}) { print join(",", map { "$_->{text}=$_->{likes}" } @{$_->{wall}}) if $_->{title} eq "Like them" }')
is "$wall" "Popular idea=1,Early idea=0,Popular, again=0" "the wall: each idea's likes, the most liked first, then by time"
call p4 GET "/api/participant/rounds/$R/ideas"
is "$(jget "$body" liked)" "[$pop]" "the participant's own likes"
call p4 DELETE "/api/participant/rounds/$R/ideas/$pop/like"
is "$code:$(jget "$body" status)" "200:unliked" "a like taken back"
call p4 GET "/api/participant/rounds/$R/ideas"
is "$(jget "$body" liked)" "[]" "gone from their likes"
# A duplicate's likes go to the idea it is merged into, once per person.
call p4 POST "/api/participant/rounds/$R/ideas/$pop/like" ''
call p4 POST "/api/participant/rounds/$R/ideas/$dup/like" ''
call p1 POST "/api/participant/rounds/$R/ideas/$dup/like" ''
call p2 POST "/api/participant/rounds/$R/ideas/$early/like" ''
call ann GET "/api/sessions/$S/rounds/$R/ideas"
is "$(jget "$body" ideas | perl -MJSON::PP -e 'print join(",", map { "$_->{text}=$_->{likes}" } @{decode_json(<STDIN>)})')" \
    "Popular, again=2,Early idea=1,Popular idea=1" "the console's board: by likes, then by time"
call ann POST "/api/sessions/$S/rounds/$R/ideas/$dup/merge" "{\"into\":$pop}"
call ann GET "/api/sessions/$S/rounds/$R/results"
is "$(jget "$body" round.results.ideas | perl -MJSON::PP -e 'print join(",", map { "$_->{text}=$_->{likes}" } @{decode_json(<STDIN>)})')" \
    "Popular idea=2,Early idea=1" "merged: the duplicate's likes count for the idea it went into, p4's once"
call p4 GET "/api/participant/rounds/$R/ideas"
is "$(jget "$body" liked)" "[$pop]" "p4 likes it once"
call p1 DELETE "/api/participant/rounds/$R/ideas/$pop/like"
is "$(sql -e "SELECT COUNT(*) FROM idea_like WHERE participant_id = (SELECT participant_id FROM idea WHERE id = $early)")" 0 \
    "taking back the like of the merged idea takes back the one given to its duplicate"
call p1 POST "/api/participant/rounds/$R/ideas/$dup/like" ''
is "$code" 404 "a merged idea is no longer on the wall to like: 404"
call p1 POST "/api/participant/rounds/$WALL/ideas/$mine/like" ''
is "$code:$(jget "$body" error.code)" "403:not_allowed" "a round without upvotes takes no likes"
call p1 POST "/api/participant/rounds/$R/ideas/$mine/like" ''
is "$code" 404 "an idea of another round: 404"
call ann POST "/api/sessions/$S/rounds/$R/close" ''
call p1 POST "/api/participant/rounds/$R/ideas/$early/like" ''
is "$code:$(jget "$body" error.code)" "409:round_closed" "a closed round takes no likes"
call p2 DELETE "/api/participant/rounds/$R/ideas/$early/like"
is "$code" 409 "nor takes them back"

# Participants who may group the ideas themselves.
mkround '{"type":"brainstorm","title":"Group them yourselves","open_wall":true,"participants_cluster":true}'
PC=$R
call ann POST "/api/sessions/$S/rounds/$R/open" ''
call p1 POST "/api/participant/rounds/$R/ideas" '{"text":"Solar panels"}'
call p2 POST "/api/participant/rounds/$R/clusters" '{"name":"Energy"}'
is "$code" 201 "a participant makes a cluster"
energy=$(jget "$body" id)
call p2 GET /api/participant/state
idea=$(printf '%s' "$body" | perl -MJSON::PP -e 'for (@{decode_json(<STDIN>)->{rounds}}) { print $_->{wall}[0]{id} if $_->{title} eq "Group them yourselves" }')
like "$(jget "$body" rounds)" '"clusters":\[\{"id":[0-9]+,"ideas":0,"name":"Energy"\}\]' "participants see the clusters"
call p2 POST "/api/participant/rounds/$R/ideas/$idea/cluster" "{\"cluster\":$energy}"
is "$code" 200 "and file an idea under one"
call ann GET "/api/sessions/$S/rounds/$R/results"
like "$(jget "$body" round.results.ideas)" '"cluster":"Energy","id":[0-9]+,"text":"Solar panels"' "the facilitator sees it filed"
call p2 POST "/api/participant/rounds/$BR/clusters" '{"name":"Mine"}'
is "$code" 403 "where the round does not allow it, participants cannot group"

# A rating scale with end labels.
mkround '{"type":"rating","title":"How useful?","options":["Today"],"label_low":"Not at all","label_high":"Very"}'
like "$(jget "$body" round)" '"label_high":"Very","label_low":"Not at all"' "a rating scale with end labels"

call ann GET "/api/sessions/$S/rounds"
is "$(jget "$body" rounds | grep -o '"position"' | wc -l)" 20 "the agenda holds twenty rounds in order"
call ann DELETE "/api/sessions/$S/rounds/$PC"
is "$code" 409 "an open round cannot be deleted"

# --- the audience Q&A (qa): its questions are ideas on a wall, liked ------------
# The row fixes the wall, the likes and the live projector on, whatever
# the body says; moderated and session_wide are the facilitator's.
mkround '{"type":"qa","title":"Ask us","moderated":true,"session_wide":true,"open_wall":false,"upvotes":false,"projector_results":"reveal"}'
QA=$R
like "$(jget "$body" round)" '"moderated":true,"open_wall":true,.*"projector_results":"live",.*"session_wide":true,.*"upvotes":true' \
    "a qa round: wall, likes and the live projector fixed on; moderated and session-wide as asked"
call ann POST "/api/sessions/$S/rounds/$QA/open" ''
call p1 POST "/api/participant/rounds/$QA/ideas" '{"text":"Who pays for the bridge?","named":true}'
is "$code" 201 "a participant asks a question, by name"
call p2 POST "/api/participant/rounds/$QA/ideas" '{"text":"When does it open?","named":false}'
is "$code" 201 "another asks anonymously (ticked)"
call p3 POST "/api/participant/rounds/$QA/ideas" '{"text":"Why a bridge at all?","named":true}'
call p4 POST "/api/participant/rounds/$QA/ideas" '{"text":"Who pays for it?","named":true}'
call p4 POST "/api/participant/rounds/$QA/ideas" '{"text":"x","named":"yes"}'
is "$code" 422 "named is true or false"
q() { sql -e "SELECT id FROM idea WHERE round_id = $QA AND text = '$1'"; }
q1=$(q 'Who pays for the bridge?'); q2=$(q 'When does it open?'); q3=$(q 'Why a bridge at all?'); q4=$(q 'Who pays for it?')
qawall() {	# qawall BROWSER: "text=likes/mark/by,..." of the Q&A's wall in their state
	call "$1" GET /api/participant/state
	printf '%s' "$body" | perl -MJSON::PP -e 'for (@{decode_json(<STDIN>)->{rounds}}) { print join(",", map { "$_->{text}=$_->{likes}/" . ($_->{mark} // "") . "/" . ($_->{by} // "") } @{$_->{wall}}) if $_->{title} eq "Ask us" }'
}
is "$(qawall p2)" "" "moderated: the questions wait, on no phone"
call p1 POST "/api/participant/rounds/$QA/ideas/$q2/like" ''
is "$code" 404 "a waiting question cannot be liked"
for x in $q1 $q2 $q4; do call ann PATCH "/api/sessions/$S/rounds/$QA/ideas/$x" '{"hidden":false}'; done
call ann PATCH "/api/sessions/$S/rounds/$QA/ideas/$q3" '{"hidden":true}'
is "$(qawall p2)" "Who pays for the bridge?=0//P1,When does it open?=0//,Who pays for it?=0//P4" \
    "approved: on the wall, by time while unliked; named by the asker's name, the anonymous one by none; the hidden one gone"
for who in p2 p3 p4; do call $who POST "/api/participant/rounds/$QA/ideas/$q1/like" ''; done
call p3 DELETE "/api/participant/rounds/$QA/ideas/$q1/like"
is "$code:$(jget "$body" status)" "200:unliked" "an upvote taken back"
call p2 POST "/api/participant/rounds/$QA/ideas/$q1/like" ''
is "$code:$(jget "$body" status)" "200:liked" "a second upvote is no error"
call p1 POST "/api/participant/rounds/$QA/ideas/$q2/like" ''
call p2 POST "/api/participant/rounds/$QA/ideas/$q4/like" ''
call p3 POST "/api/participant/rounds/$QA/ideas/$q4/like" ''
call p1 POST "/api/participant/rounds/$QA/ideas/$q3/like" ''
is "$code" 404 "nor a hidden one"
is "$(qawall p1)" "Who pays for the bridge?=2//P1,Who pays for it?=2//P4,When does it open?=1//" \
    "by votes (p2 once), then by time"
call ann POST "/api/sessions/$S/rounds/$QA/ideas/$q4/merge" "{\"into\":$q1}"
is "$(qawall p1)" "Who pays for the bridge?=3//P1,When does it open?=1//" \
    "a duplicate merged: its votes go to its twin, p2's once"
# Marks: one being answered (first), the answered kept (last).
call ann POST "/api/sessions/$S/rounds/$QA/ideas/$q2/mark" '{"mark":"answering"}'
is "$code" 200 "the facilitator marks a question as being answered"
like "$(jget "$body" ideas)" "\"id\":$q2,\"likes\":1,\"mark\":\"answering\"" "the board shows the mark"
is "$(qawall p1)" "When does it open?=1/answering/,Who pays for the bridge?=3//P1" \
    "the one being answered comes first on the phones"
call ann POST "/api/sessions/$S/rounds/$QA/ideas/$q1/mark" '{"mark":"answering"}'
is "$(qawall p1)" "Who pays for the bridge?=3/answering/P1,When does it open?=1/answered/" \
    "another: the first is answered now, kept last"
is "$(sql -e "SELECT COUNT(*) FROM idea WHERE round_id = $QA AND mark = 1")" 1 "only one question is being answered"
call ann POST "/api/sessions/$S/rounds/$QA/ideas/$q1/mark" '{"mark":"answered"}'
call ann POST "/api/sessions/$S/rounds/$QA/ideas/$q2/mark" '{"mark":"none"}'
is "$(qawall p1)" "When does it open?=1//,Who pays for the bridge?=3/answered/P1" "answered, and a mark taken off"
call ann POST "/api/sessions/$S/rounds/$QA/ideas/$q3/mark" '{"mark":"answering"}'
is "$code:$(jget "$body" error.code)" "404:not_found" "a hidden question takes no mark"
call ann POST "/api/sessions/$S/rounds/$QA/ideas/$q2/mark" '{"mark":"later"}'
is "$code:$(jget "$body" error.code)" "422:invalid_field" "a mark is answering, answered or none"
call ann POST "/api/sessions/$S/rounds/$CHOICE/ideas/$q2/mark" '{"mark":"answered"}'
is "$code:$(jget "$body" error.code)" "409:wrong_type" "a round without ideas has no marks"
call p1 POST "/api/sessions/$S/rounds/$QA/ideas/$q2/mark" '{"mark":"answering"}'
is "$code" 401 "a participant cannot mark"
call ann POST "/api/sessions/$S/rounds/$QA/ideas/$q2/mark" '{"mark":"answering"}'
# The room's document: the Q&A on the projector, in the wall's order.
call ann POST "/api/sessions/$S/step" "{\"kind\":\"round\",\"round\":$QA,\"view\":\"answer\"}"
room_has '"Who pays for the bridge\?"'; ok $? "the room's document carries the questions live"
is "$(printf '%s' "$room" | perl -MJSON::PP -e 'print join(",", map { "$_->{text}=$_->{likes}/" . ($_->{mark} // "") } @{decode_json(<STDIN>)->{round}{results}{ideas}})')" \
    "When does it open?=1/answering,Who pays for the bridge?=3/answered" "with their votes and marks, the one being answered first"
unlike "$room" 'Why a bridge|Who pays for it|"P[1-4]"' "no hidden or merged question, and no name on the room's screen"
# Session-wide: reachable while another round is the step.
mkround '{"type":"choice","title":"Meanwhile","options":["Yes","No"]}'
call ann POST "/api/sessions/$S/rounds/$R/open" ''
call ann POST "/api/sessions/$S/step" "{\"kind\":\"round\",\"round\":$R,\"view\":\"answer\"}"
call p3 GET /api/participant/state
like "$(jget "$body" rounds)" "\"id\":$QA,.*\"session_wide\":true,.*\"state\":\"open\"" \
    "another round is the step: the session-wide Q&A is still on the phones"
call p3 POST "/api/participant/rounds/$QA/ideas" '{"text":"And the budget?"}'
is "$code" 201 "and takes questions"
call ann GET "/api/sessions/$S/rounds/$QA/ideas"
like "$(jget "$body" ideas)" '"pending":true,"text":"And the budget\?"' "waiting for approval"
call p3 GET /api/participant/state
live=$(jget "$body" live)
for i in $(seq 1 60); do doc=$(pf_curl -s "$PF_URL$live"); case $doc in *Meanwhile*) break;; *) sleep 0.05;; esac; done
like "$doc" '"title":"Meanwhile"' "the participants' document: the step's round"
like "$doc" '"session_wide":true.*Who pays for the bridge' "and the session-wide Q&A's questions"
unlike "$doc" 'And the budget|Why a bridge|Who pays for it\?' "no waiting, hidden or merged question in it"
call ann GET "/api/sessions/$S/export"
like "$body" 'Who pays for the bridge' "the session's export holds the questions"
unlike "$body" '"by"' "and names no asker"
call ann POST "/api/sessions/$S/rounds/$R/close" ''
call ann POST "/api/sessions/$S/rounds/$QA/close" ''
call ann POST "/api/sessions/$S/step" '{"kind":"join"}'

# --- downloads: CSV per round, JSON per session ---------------------------------------
pf_curl -s -b "$T_DIR/jar.ann" -D "$T_DIR/csv.h" -o "$T_DIR/choice.csv" \
    "$PF_URL/api/sessions/$S/rounds/$CHOICE/results.csv"
like "$(cat "$T_DIR/csv.h")" 'content-type: text/csv; charset=utf-8' "CSV download"
like "$(cat "$T_DIR/csv.h")" 'content-disposition: attachment' "as an attachment"
is "$(head -c 3 "$T_DIR/choice.csv" | od -An -tx1 | tr -d ' ')" efbbbf "starts with the UTF-8 BOM"
is "$(tail -c +4 "$T_DIR/choice.csv")" "$(printf 'option,count,percent\r\nSoup,1,25\r\nSalad,2,50\r\nBoth,1,25\r')" \
    "choice CSV, line by line"
pf_curl -s -b "$T_DIR/jar.ann" -o "$T_DIR/rating.csv" \
    "$PF_URL/api/sessions/$S/rounds/$RATING/results.csv"
is "$(tail -c +4 "$T_DIR/rating.csv" | tr -d '\r')" "$(printf 'option,count,no_opinion,mean,median,sd,value 1,value 2,value 3,value 4,value 5,value 6,value 7,value 8,value 9,value 10\nMorning,3,1,6.00,6.00,1.63,0,0,0,1,0,1,0,1,0,0')" \
    "rating CSV, line by line"
pf_curl -s -b "$T_DIR/jar.ann" -o "$T_DIR/multi.csv" \
    "$PF_URL/api/sessions/$S/rounds/$MULTI/results.csv"
is "$(tail -c +4 "$T_DIR/multi.csv" | tr -d '\r')" "$(printf 'option,criterion,count,no_opinion,mean,median,sd,value 1,value 2,value 3,value 4,value 5\nPlan A,Cost,2,0,3.00,3.00,1.00,0,1,0,1,0\nPlan A,Impact,1,0,5.00,5.00,0.00,0,0,0,0,1\nPlan B,Cost,0,0,0.00,0.00,0.00,0,0,0,0,0\nPlan B,Impact,0,0,0.00,0.00,0.00,0,0,0,0,0')" \
    "multi-criteria CSV: one row per option and criterion"
pf_curl -s -b "$T_DIR/jar.ann" -o "$T_DIR/ideas.csv" \
    "$PF_URL/api/sessions/$S/rounds/$BR/results.csv"
like "$(cat "$T_DIR/ideas.csv")" 'Face painting for children,Fun and games' "brainstorm CSV: ideas with their clusters"
call ann GET "/api/sessions/$S/export"
is "$code" 200 "session export"
is "$(jget "$body" format)" "primoforum-session-1" "one JSON document"
is "$(jget "$body" session.participants)" 4 "with the participants of the run"
is "$(jget "$body" session | grep -o '"duration_minutes":null')" \
    '"duration_minutes":null' "and no duration while it runs"
is "$(jget "$body" rounds | grep -o '"type":' | wc -l)" 22 "with every round"
like "$(jget "$body" rounds)" '"borda":8' "and their results"
like "$headers" 'content-disposition: attachment; filename="evaluation-[0-9]{4}-[0-9]{2}-[0-9]{2}\.json"' \
    "named after the session and its day"
like "$(cat "$T_DIR/csv.h")" 'filename="evaluation-[0-9]{4}-[0-9]{2}-[0-9]{2}-r[0-9]+-choice\.csv"' \
    "a round's CSV after the session, its day, the round's number and type"

# Every response of the session in one CSV; a participant's formula is
# defused there as in a round's CSV.
call p1 POST "/api/participant/rounds/$PC/ideas" '{"text":"=HYPERLINK(\"http://x.test\",\"go\")"}'
is "$code" 201 "(a participant types a formula as an idea)"
pf_curl -s -b "$T_DIR/jar.ann" -D "$T_DIR/resp.h" -o "$T_DIR/responses.csv" \
    "$PF_URL/api/sessions/$S/responses.csv"
like "$(cat "$T_DIR/resp.h")" 'content-type: text/csv; charset=utf-8' "the session's responses as CSV"
like "$(cat "$T_DIR/resp.h")" 'filename="evaluation-[0-9]{4}-[0-9]{2}-[0-9]{2}\.csv"' "named after the session"
is "$(head -1 "$T_DIR/responses.csv" | tail -c +4 | tr -d '\r')" \
    "round,question,type,option,criterion,value,text,cluster,idea_state,team,time" "its columns"
want=$(sql -e "SELECT (SELECT COUNT(*) FROM response_value v JOIN response x ON x.id = v.response_id JOIN round r ON r.id = x.round_id WHERE r.session_id = $S) + (SELECT COUNT(*) FROM response x JOIN round r ON r.id = x.round_id WHERE r.session_id = $S AND x.text IS NOT NULL) + (SELECT COUNT(*) FROM idea i JOIN round r ON r.id = i.round_id WHERE r.session_id = $S)")
rows=$(perl -MText::ParseWords -e 'local $/; my $t = <STDIN>; my $n = 0; $n++ while $t =~ /(?:[^"\r]|"(?:[^"]|"")*")*\r\n/g; print $n - 1' <"$T_DIR/responses.csv")
is "$rows" "$want" "every response once: $want rows (each value, text answer and idea)"
like "$(cat "$T_DIR/responses.csv")" "Group them yourselves,brainstorm,,,,\"'=HYPERLINK\(\"\"http://x.test\"\",\"\"go\"\"\)\",,shown,," \
    "the formula defused (a leading apostrophe), with its round and state"
like "$(cat "$T_DIR/responses.csv")" 'How useful was the morning\?,rating,Morning,,6,,,,,20[0-9-]+T[0-9:]+Z' \
    "a rating's value with its option and time"
like "$(cat "$T_DIR/responses.csv")" ',Solar panels,Energy,shown,' "an idea with its cluster"
like "$(cat "$T_DIR/responses.csv")" 'Anything else\?,open,,,,Write down!,,hidden,' "a hidden open answer: in the export, marked hidden"
like "$(cat "$T_DIR/responses.csv")" 'Anything else\?,open,,,,"More coffee, please",,shown,' "a shown one marked shown"
unlike "$(cat "$T_DIR/responses.csv")" 'Pia|Piet|p1@|participant' "no participant's name (a named session)"

# The session as a workbook, read back from its XML.
pf_curl -s -b "$T_DIR/jar.ann" -D "$T_DIR/xlsx.h" -o "$T_DIR/s.xlsx" \
    "$PF_URL/api/sessions/$S/export.xlsx"
like "$(cat "$T_DIR/xlsx.h")" 'content-type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' "a workbook"
like "$(cat "$T_DIR/xlsx.h")" 'filename="evaluation-[0-9]{4}-[0-9]{2}-[0-9]{2}\.xlsx"' "named after the session"
cells=$("$PF_SRC/t/lib/xlsx-cells" "$T_DIR/s.xlsx")
like "$cells" '^Summary!A1 s session' "a Summary sheet first"
like "$cells" 'Summary!B1 s Evaluation' "with the session's title"
like "$cells" 'Summary!B5 n [0-9]+' "its participants, a number"
is "$(printf '%s\n' "$cells" | grep -c '^Summary!A[0-9]* n ')" 22 "and its twenty-two rounds, numbered"
is "$(printf '%s\n' "$cells" | cut -d'!' -f1 | sort -u | grep -vc '^Summary$')" 22 "a sheet per round"
choice=$(sql -e "SELECT CONCAT(position, ' ', title) FROM round WHERE id = $CHOICE")
like "$cells" "$choice!A2 s Soup" "a choice round's sheet: its options"
like "$cells" "$choice!B2 n 1" "counts as numbers"
like "$cells" "$choice!C3 n 50" "percentages as numbers"
rating=$(sql -e "SELECT CONCAT(position, ' ', title) FROM round WHERE id = $RATING")
like "$cells" "$rating!D2 n 6" "a mean as a number (6.00)"
like "$cells" "$rating!A1 s option" "a header row"
like "$cells" "=HYPERLINK" "the participant's formula is there ..."
unlike "$cells" ' f ' "... as a text: no cell of the workbook is a formula"

# --- isolation ------------------------------------------------------------------
browser bob 127.0.0.12
call bob POST /api/accounts '{"email":"bob@example.org","display_name":"Bob","password":"bob has a good passphrase"}'
call bob GET "/api/sessions/$S/rounds/$R/results"
is "$code" 404 "another account: results 404"
call bob POST "/api/sessions/$S/rounds" '{"type":"open","title":"x"}'
is "$code" 404 "another account cannot add rounds"
call bob POST "/api/sessions/$S/rounds/$R/close" ''
is "$code" 404 "nor close them"
call bob GET "/api/sessions/$S/rounds/$CHOICE/results.csv"
is "$code" 404 "nor download their results"
call bob GET "/api/sessions/$S/export"
is "$code" 404 "nor export the session"
call bob GET "/api/sessions/$S/responses.csv"
is "$code" 404 "nor download its responses"
call bob GET "/api/sessions/$S/export.xlsx"
is "$code" 404 "nor its workbook"
call bob POST "/api/sessions/$S/rounds/$OPENR/cloud" '{"entry":"coffee","hidden":true}'
is "$code" 404 "nor hide an entry of their word cloud"

# --- no change allowed, teams -------------------------------------------------------
call ann POST /api/sessions '{"title":"Tables","teams_on":true,"teams":["T1","T2"],"allow_change":false}'
S2=$(jget "$body" session.id)
call ann POST "/api/sessions/$S2/start" ''
C2=$(jget "$body" session.join_code)
for i in 5 6 7; do
	browser "q$i" "127.0.0.3$i"
	team=T1; [ $i = 7 ] && team=T2
	call "q$i" POST /api/join "{\"code\":\"$C2\",\"team\":\"$team\"}"
done
S=$S2
mkround '{"type":"choice","title":"Table vote","options":["Yes","No"]}'
set -- $O; yes=$1 no=$2
call ann POST "/api/sessions/$S/rounds/$R/open" ''
answer q5 "{\"choices\":[$yes]}"
is "$code" 201 "a table answers"
answer q6 "{\"choices\":[$no]}"
is "$code" 409 "its other member cannot answer again: one voice per table"
like "$body" '"code":"already_answered"' "already_answered (changes not allowed)"
answer q7 "{\"choices\":[$no]}"
is "$code" 201 "the other table answers"
call q6 GET /api/participant/state
like "$(jget "$body" rounds)" "\"answer\":\\[\\{\"option\":$yes,\"value\":1\\}\\],\"answered\":true" \
    "the table's answer shows for every member"
call ann GET "/api/sessions/$S/rounds/$R/results"
is "$(jget "$body" round.results.responses)" 2 "two responses: one per table"
is "$(jget "$body" round.results.by_team)" "[{\"answer\":[{\"option\":$yes,\"value\":1}],\"team\":\"T1\"},{\"answer\":[{\"option\":$no,\"value\":1}],\"team\":\"T2\"}]" \
    "results per team: each table's answer"
call ann GET "/api/sessions/$S/responses.csv"
like "$body" 'Table vote,choice,Yes,,1,,,,T1,' "the session's CSV names each table's answer by its team"
like "$body" 'Table vote,choice,No,,1,,,,T2,' "both of them"

# --- 200 at once ----------------------------------------------------------------------
call ann POST /api/sessions '{"title":"Crowd"}'
S=$(jget "$body" session.id)
call ann POST "/api/sessions/$S/start" ''
C3=$(jget "$body" session.join_code)
mkround '{"type":"choice","title":"Crowd vote","options":["Left","Right"]}'
set -- $O; left=$1
call ann POST "/api/sessions/$S/rounds/$R/open" ''
mkdir -p "$T_DIR/crowd"
n=0
for a in 5 6; do for b in $(seq 1 100); do
	n=$((n + 1))
	pf_curl -s -o /dev/null --interface "127.0.$a.$b" -c "$T_DIR/crowd/$n.jar" \
	    -H 'Content-Type: application/json' --data-binary "{\"code\":\"$C3\"}" \
	    "$PF_URL/api/join"
done; done
pids=""
n=0
for a in 5 6; do for b in $(seq 1 100); do
	n=$((n + 1))
	pf_curl -s -o /dev/null -w '%{http_code}\n' --interface "127.0.$a.$b" \
	    -b "$T_DIR/crowd/$n.jar" -H 'Content-Type: application/json' \
	    --data-binary "{\"choices\":[$left]}" \
	    "$PF_URL/api/participant/rounds/$R/answer" >"$T_DIR/crowd/$n.code" &
	pids="$pids $!"
done; done
wait $pids
sent=$(cat "$T_DIR"/crowd/*.code | grep -c '^201$')
is "$sent" 200 "200 participants answer at once: 200 times 201"
is "$(sql -e "SELECT COUNT(*) FROM response WHERE round_id = $R")" 200 \
    "200 responses in the database: none lost, none doubled"
call ann GET "/api/sessions/$S/rounds/$R/results"
like "$(jget "$body" round.results.options)" "\"count\":200,\"option\":$left,\"percent\":100" "and all 200 counted"

# A Q&A in an anonymous session names nobody, not one who asked to be
# named (the name forced in here, as a bug might put it there).
mkround '{"type":"qa","title":"Crowd questions"}'
call ann PATCH "/api/sessions/$S/rounds/$R" '{"session_wide":true,"open_wall":false}'
is "$code:$(jget "$body" round.session_wide):$(jget "$body" round.open_wall)" "200:true:true" \
    "a draft Q&A made session-wide by an edit; its wall stays on"
call ann POST "/api/sessions/$S/rounds/$R/open" ''
browser c1 127.0.0.41
call c1 POST /api/join "{\"code\":\"$C3\"}"
call c1 POST "/api/participant/rounds/$R/ideas" '{"text":"Is this anonymous?","named":true}'
sql -e "UPDATE participant SET display_name = 'Secret Sam' WHERE id = (SELECT participant_id FROM idea WHERE round_id = $R)"
is "$(sql -e "SELECT named FROM idea WHERE round_id = $R")" 1 "the asker asked to be named"
call c1 GET /api/participant/state
like "$body" 'Is this anonymous' "the question is on the wall"
unlike "$(jget "$body" rounds)" 'Secret Sam|"by"' "an anonymous session names nobody on the phones"
live=$(jget "$body" live)
for i in $(seq 1 60); do doc=$(pf_curl -s "$PF_URL$live"); case $doc in *'Is this anonymous'*) break;; *) sleep 0.05;; esac; done
like "$doc" 'Is this anonymous' "the participants' document carries the question"
unlike "$doc" 'Secret Sam|"by"' "and no name"
call ann GET "/api/sessions/$S/rounds/$R/ideas"
unlike "$body" 'Secret Sam|"by"' "nor the console's board"
call ann GET "/api/sessions/$S/export"
unlike "$body" 'Secret Sam' "nor the session's export"
pf_curl -s -b "$T_DIR/jar.ann" "$PF_URL/api/sessions/$S/responses.csv" >"$T_DIR/qa.csv"
like "$(cat "$T_DIR/qa.csv")" 'Is this anonymous' "the CSV holds the question"
unlike "$(cat "$T_DIR/qa.csv")" 'Secret Sam' "without the name"

# --- the export holds the rounds and their results -----------------------------
call ann GET /api/account/export
is "$code" 200 "export"
like "$body" '"title":"Lunch\?"' "with the rounds"
like "$body" '"borda":8' "and their results"
unlike "$body" '"participant_id"|"P1"' "and no link from an answer to a participant"

# --- the agenda's order ------------------------------------------------------
call ann POST /api/sessions '{"title":"Order"}'
O_S=$(jget "$body" session.id)
for t in First Second Third; do
	call ann POST "/api/sessions/$O_S/rounds" "{\"type\":\"open\",\"title\":\"$t\"}"
	eval "O_$t=$(jget "$body" round.id)"
done
titles() { printf '%s' "$body" | perl -MJSON::PP -e 'print join " ", map { $_->{title} } @{decode_json(<STDIN>)->{rounds}}'; }
call ann POST "/api/sessions/$O_S/rounds/$O_Third/move" '{"direction":"up"}'
is "$code" 200 "a round moves up"
is "$(titles)" "First Third Second" "and swaps places with the one before"
call ann POST "/api/sessions/$O_S/rounds/$O_Third/move" '{"direction":"up"}'
call ann GET "/api/sessions/$O_S/rounds"
is "$(titles)" "Third First Second" "again, to the top"
call ann POST "/api/sessions/$O_S/rounds/$O_Third/move" '{"direction":"up"}'
is "$code" 409 "the first round cannot move up"
like "$body" 'first already' "says so"
call ann POST "/api/sessions/$O_S/rounds/$O_Second/move" '{"direction":"down"}'
is "$code" 409 "the last round cannot move down"
call ann POST "/api/sessions/$O_S/rounds/$O_First/move" '{"direction":"sideways"}'
is "$code" 422 "a direction that is not up or down is refused"
call ann POST "/api/sessions/$O_S/rounds/$O_First/move" '{"direction":"down"}'
is "$(titles)" "Third Second First" "down swaps with the one after"
call ann GET "/api/sessions/$O_S/rounds"
like "$(printf '%s' "$body" | perl -MJSON::PP -e 'print join " ", map { $_->{position} } @{decode_json(<STDIN>)->{rounds}}')" '^1 2 3$' \
    "positions stay 1, 2, 3"

# --- editing a round (roundedit.c) -----------------------------------------
# A draft without answers changes in everything; with answers only its
# wording; an option with answers goes only when confirmed, its answers
# staying in responses.csv; placeholder options cannot open.
call ann POST /api/sessions '{"title":"Edits"}'
S=$(jget "$body" session.id)
call ann POST "/api/sessions/$S/start" ''
CODE=$(jget "$body" session.join_code)
for i in 1 2 3; do
	call "p$i" POST /api/join "{\"code\":\"$CODE\",\"display_name\":\"P$i\"}"
done
is "$code" 201 "(a new session, three participants)"
labels() { printf '%s' "$body" | perl -MJSON::PP -e 'print join "|", map { $_->{label} } @{decode_json(<STDIN>)->{round}{options}}'; }
mkround '{"type":"choice","title":"Dinner?","options":["Pasta","Rice","Bread"],"min_picks":1,"max_picks":1}'
E=$R; set -- $O; pasta=$1 rice=$2 bread=$3
call ann PATCH "/api/sessions/$S/rounds/$E" "{\"title\":\"Dinner tonight?\",\"options\":[{\"id\":$pasta,\"label\":\"Noodles\"},{\"id\":$bread,\"label\":\"Bread\"},{\"label\":\"Soup\"}],\"max_picks\":2}"
is "$code" 200 "a draft round is edited: title, options and a setting"
is "$(jget "$body" round.title)|$(labels)|$(jget "$body" round.max_picks)" \
    "Dinner tonight?|Noodles|Bread|Soup|2" "renamed, one removed, one added, in the new order, max_picks 2"
is "$(jget "$body" round.options.0.id)" "$pasta" "a renamed option keeps its id"
soup=$(jget "$body" round.options.2.id)
call ann PATCH "/api/sessions/$S/rounds/$E" '{"type":"ranking"}'
is "$code:$(jget "$body" error.code)" 422:invalid_field "the type cannot change"
call ann PATCH "/api/sessions/$S/rounds/$E" "{\"options\":[{\"id\":$rice,\"label\":\"Rice\"},{\"label\":\"X\"}]}"
is "$code:$(jget "$body" error.code)" 422:invalid_field "an option id that is not (or no longer) the round's is refused"
call ann PATCH "/api/sessions/$S/rounds/$E" '{"options":["Plain"]}'
is "$code:$(jget "$body" error.code)" 422:invalid_field "options are objects"
call ann PATCH "/api/sessions/$S/rounds/$E" '{"options":[{"id":"one","label":"A"},{"label":"B"}]}'
is "$code:$(jget "$body" error.code)" 422:invalid_field "an id that is no number is refused, not taken for a new option"
call ann POST "/api/sessions/$S/rounds/$E/open" ''
answer p1 "{\"choices\":[$pasta]}"
answer p2 "{\"choices\":[$pasta,$soup]}"
is "$code" 201 "(two answers, one with the new option)"
call ann PATCH "/api/sessions/$S/rounds/$E" "{\"title\":\"Dinner, tonight?\",\"options\":[{\"id\":$pasta,\"label\":\"Pasta\"},{\"id\":$bread,\"label\":\"Bread\"},{\"id\":$soup,\"label\":\"Soup\"}]}"
is "$code:$(jget "$body" round.title)|$(labels)" "200:Dinner, tonight?|Pasta|Bread|Soup" "with answers the wording still changes"
call p3 GET /api/participant/state
like "$body" '"title":"Dinner, tonight\?"' "and participants see the new wording at once"
call ann PATCH "/api/sessions/$S/rounds/$E" '{"max_picks":1}'
is "$code:$(jget "$body" error.code)" 409:has_answers "with answers a setting does not change"
like "$(jget "$body" error.message)" 'max_picks cannot change' "naming it"
call ann PATCH "/api/sessions/$S/rounds/$E" "{\"options\":[{\"id\":$bread,\"label\":\"Bread\"},{\"id\":$soup,\"label\":\"Soup\"}]}"
is "$code:$(jget "$body" error.code)" 409:option_has_answers "removing an option with answers asks for a confirmation"
like "$(jget "$body" error.message)" '"Pasta" has 2 answers' "saying how many it has"
call ann PATCH "/api/sessions/$S/rounds/$E" "{\"options\":[{\"id\":$bread,\"label\":\"Bread\"},{\"id\":$soup,\"label\":\"Soup\"}],\"confirm_remove\":true}"
is "$code:$(labels)" "200:Bread|Soup" "confirmed: the option is gone"
call p3 GET /api/participant/state
unlike "$body" '"Pasta"' "from the participants' page"
answer p3 "{\"choices\":[$pasta]}"
is "$code" 422 "and cannot be answered any more"
call ann GET "/api/sessions/$S/rounds/$E/results"
unlike "$body" "\"option\":$pasta[,}]" "nor in the live results"
pf_curl -s -b "$T_DIR/jar.ann" -o "$T_DIR/responses2.csv" "$PF_URL/api/sessions/$S/responses.csv"
is "$(grep -c '^1,"Dinner, tonight?",choice,Pasta,' "$T_DIR/responses2.csv")" 2 "its two answers stay in responses.csv"
call ann POST "/api/sessions/$S/rounds/$E/close" ''

# A rating's criteria: renamed and added in a draft; only renamed once open.
mkround '{"type":"rating","title":"Venues","options":["Hall","Barn"],"criteria":["Cost","Size"]}'
crit() { printf '%s' "$body" | perl -MJSON::PP -e 'print join "|", map { "$_->{name}" } @{decode_json(<STDIN>)->{round}{criteria}}'; }
c1=$(jget "$body" round.criteria.0.id)
call ann PATCH "/api/sessions/$S/rounds/$R" "{\"criteria\":[{\"id\":$c1,\"name\":\"Price\"},{\"name\":\"Light\"}],\"label_low\":\"poor\"}"
is "$code:$(crit):$(jget "$body" round.label_low)" "200:Price|Light:poor" "a draft's criteria renamed, removed and added"
call ann POST "/api/sessions/$S/rounds/$R/open" ''
call ann PATCH "/api/sessions/$S/rounds/$R" "{\"criteria\":[{\"id\":$c1,\"name\":\"Price\"}]}"
is "$code:$(jget "$body" error.code)" 409:has_answers "an open rating keeps its criteria"
like "$(jget "$body" error.message)" 'criteria' "naming them"
call ann POST "/api/sessions/$S/rounds/$R/close" ''

# Placeholders ("Idee 1") do not go live.
mkround '{"type":"points","title":"Verdeel je punten","options":["Idee 1","Idee 2","Echt idee"]}'
call ann POST "/api/sessions/$S/rounds/$R/open" ''
is "$code:$(jget "$body" error.code)" 409:placeholder_options "a round with placeholder options cannot open"
like "$(jget "$body" error.message)" '"Idee 1", "Idee 2"' "naming them"
unlike "$(jget "$body" error.message)" 'Echt' "and only them"
set -- $O
call ann PATCH "/api/sessions/$S/rounds/$R" "{\"options\":[{\"id\":$1,\"label\":\"Fietsen\"},{\"id\":$2,\"label\":\"Lopen\"},{\"id\":$3,\"label\":\"Echt idee\"}]}"
call ann POST "/api/sessions/$S/rounds/$R/open" ''
is "$code:$(jget "$body" round.state)" 200:open "edited, it opens"
call ann POST "/api/sessions/$S/rounds/$R/close" ''

# --- the round types (round.types) -------------------------------------------
# The server's table, for the pages: no login, table order, each type's
# options and settings, and a page module for every type.
browser nobody 127.0.0.31
call nobody GET /api/round-types
is "$code" 200 "anyone may list the round types"
rtypes() { printf '%s' "$body" | perl -MJSON::PP -e "$1" ; }
is "$(rtypes 'print join " ", map { $_->{type} } @{decode_json(<STDIN>)->{round_types}}')" \
    "brainstorm choice rating ranking points statements open qa quiz" \
    "every round type, in the table's order"
is "$(rtypes 'print join " ", map { "$_->{type}=$_->{min_options}" } @{decode_json(<STDIN>)->{round_types}}')" \
    "brainstorm=0 choice=2 rating=1 ranking=2 points=1 statements=1 open=0 qa=0 quiz=2" \
    "the options each type needs at least"
is "$(rtypes 'print join " ", map { $_->{type} } grep { $_->{takes_ideas} } @{decode_json(<STDIN>)->{round_types}}')" \
    "brainstorm qa" "a brainstorm and a Q&A take ideas (questions)"
is "$(rtypes 'print join " ", map { $_->{type} } grep { $_->{scored} } @{decode_json(<STDIN>)->{round_types}}')" \
    "quiz" "only a quiz scores its answers"
is "$(rtypes 'print join ";", map { "$_->{type}:" . join(",", @{$_->{settings}}) } @{decode_json(<STDIN>)->{round_types}}')" \
    "brainstorm:open_wall,participants_cluster,max_length,projector_results,upvotes,moderated;choice:min_picks,max_picks,projector_results;rating:scale_max,no_opinion,label_low,label_high,criteria,projector_results;ranking:top_n,projector_results;points:budget,max_per_option,projector_results;statements:projector_results;open:max_length,projector_results,moderated;qa:open_wall,max_length,projector_results,upvotes,moderated,session_wide;quiz:min_picks,max_picks,projector_results,time_limit,speed_bonus" \
    "each type's settings, in the order a round writes them"
missing=""
for t in $(rtypes 'print join " ", map { $_->{type} } @{decode_json(<STDIN>)->{round_types}}'); do
	[ -f "$PF_SRC/htdocs/assets/rounds/$t.js" ] || missing="$missing $t"
done
is "$missing" "" "every round type has a page module (htdocs/assets/rounds/<type>.js)"
call ann POST "/api/sessions/$S/rounds" '{"type":"brainstorm","title":"Keys"}'
like "$body" '"revealed":false,"open_wall":false,"participants_cluster":false,"max_length":500,"projector_results":"reveal","upvotes":false,"moderated":false,"options":' \
    "a round object writes its settings in that order"

done_testing
