#!/bin/bash
# SPDX-License-Identifier: ISC
# answers.t: the participant's page answers every round type (choice,
# rating with no opinion, ranking by keyboard, points, statements, open
# question) on a phone, and the facilitator's results hold exactly those
# answers; the idea wall with likes (wall.mjs); the audience Q&A
# (qa.mjs): a phone asks and votes, the projector's order follows.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
with_stack
. "$PF_SRC/t/lib/api.sh"

browser ann 127.0.0.11
call ann POST /api/accounts '{"email":"ann@example.org","display_name":"Ann","password":"ann has a good passphrase"}'
call ann POST /api/sessions '{"title":"Every kind","language":"en"}'
S=$(jget "$body" session.id)
call ann POST "/api/sessions/$S/start" ''
CODE=$(jget "$body" session.join_code | tr -d -)
declare -A R
for spec in \
    '{"type":"choice","title":"Lunch","options":["Soup","Bread","Salad"],"min_picks":1,"max_picks":2}' \
    '{"type":"rating","title":"How useful","options":["Morning","Afternoon"],"scale_max":5}' \
    '{"type":"ranking","title":"Order","options":["A","B","C"]}' \
    '{"type":"points","title":"Budget","options":["X","Y"],"budget":10}' \
    '{"type":"statements","title":"Statements","options":["Work is fun","Meetings are short"]}' \
    '{"type":"open","title":"Anything else?"}' \
    '{"type":"brainstorm","title":"Ideas for lunch","open_wall":true,"participants_cluster":true}'; do
	call ann POST "/api/sessions/$S/rounds" "$spec"
	id=$(jget "$body" round.id)
	R[$(jget "$body" round.type)]=$id
	call ann POST "/api/sessions/$S/rounds/$id/open" ''
done
is "${#R[@]}" 7 "seven open rounds, one of each type"

cd "$PF_SRC/t/browser" || exit 1
out=$(node answers.mjs "$PF_URL" "$CODE" 2>&1)
for type in choice rating ranking points statements open; do
	like "$out" "$type: Thank you: your answer is in" "$type answered on the phone"
done
like "$out" 'list: 7' "seven rounds open and no step on one: a list to pick from"
like "$out" 'order: C,A,B' "ranking moved by keyboard"
like "$out" 'left: Points left: 0 / 10' "points left shown"
like "$out" 'problems: 0' "no script error"
res() { call ann GET "/api/sessions/$S/rounds/${R[$1]}/results"; printf '%s' "$body"; }
like "$(res choice)" '"count":1,"percent":100\},\{"option":[0-9]+,"count":1,"percent":100\},\{"option":[0-9]+,"count":0' "choice: Soup and Bread"
like "$(res rating)" '"mean":4\.00.*"no_opinion":1' "rating: 4, and no opinion"
like "$(res ranking)" '"borda":2,.*"borda":1,.*"borda":3,' "ranking: C first, then A, then B"
like "$(res points)" '"points":6,.*"points":4,' "points: 6 and 4"
like "$(res statements)" '"agree":1.*"pass":1' "statements: agree, pass"
like "$(res open)" '"texts":\["More breaks, please"\]' "open: the text"
like "$out" 'clustered: Health' "the participant made a cluster and filed the idea under it"
like "$(res brainstorm)" '"text":"Walk outside at lunch","cluster":"Health"' "brainstorm: the idea, in the participant's cluster"

# The idea wall with upvotes (wall.mjs): a phone edits and deletes its own
# idea, likes one, and the projector's order follows.
call ann POST "/api/sessions/$S/rounds" '{"type":"brainstorm","title":"Vote the ideas","open_wall":true,"upvotes":true,"projector_results":"live"}'
RW=$(jget "$body" round.id)
call ann POST "/api/sessions/$S/rounds/$RW/open" ''
call ann POST "/api/sessions/$S/projector" ''
TOK=$(jget "$body" projector_link); TOK=${TOK#*#}
call ann POST "/api/sessions/$S/step" "{\"kind\":\"round\",\"round\":$RW,\"view\":\"results\"}"
browser pia 127.0.0.12
call pia POST /api/join "{\"code\":\"$CODE\"}"
call pia POST "/api/participant/rounds/$RW/ideas" '{"text":"Idea A"}'
call pia POST "/api/participant/rounds/$RW/ideas" '{"text":"Idea B"}'
shots=${PF_SCREENSHOTS:-$T_DIR/screenshots}
mkdir -p "$shots"
out=$(node wall.mjs "$PF_URL" "$CODE" "$TOK" "$shots" ann@example.org "ann has a good passphrase" "$S" 2>&1)
like "$out" 'projector before: Idea A.*0 likes \| Idea B.*0 likes' "the projector: the ideas with their likes, by time"
like "$out" 'yours: Your ideas' "the phone lists the participant's own ideas"
like "$out" 'edited: My own idea, better' "edited in place"
like "$out" 'on the wall: edited' "and mended on the wall"
like "$out" 'asked: Delete .My own idea, better.\? It goes from the wall\.' "delete asks first"
like "$out" 'deleted: gone from yours and the wall' "then the idea is gone"
like "$out" 'like button: Like: Idea B \(0 likes\) false' "a like button, not pressed"
like "$out" 'liked: ♥ 1 true' "pressed: the participant's own like, and the count"
like "$out" 'projector after: Idea B.*1 like \| Idea A' "the projector puts the liked idea first"
like "$out" 'phone order: Idea B,Idea A' "so does the phone's wall"
like "$out" 'taken back: ♡ 0' "the like taken back"
like "$out" 'console: More breaks, please hidden from the room Show' "the console hides an open answer, marked, with Show to undo"
like "$out" 'console cloud: empty' "and out of the word cloud"
like "$(res open)" '"texts":\[\],"answers":\[\{"id":[0-9]+,"text":"More breaks, please","hidden":true\}\]' "stored hidden: out of the texts the room is shown"
like "$out" 'problems: 0' "no script error"
is "$(sql -e "SELECT COUNT(*) FROM idea_like")" 0 "no like left in the database"

# The audience Q&A (qa.mjs): a named session whose step is another
# round; the session-wide Q&A is a tap away on the phone, which asks
# and votes; the projector's order follows the votes; the console
# marks the question being answered and the projector puts it on top.
call ann POST /api/sessions '{"title":"Town hall","language":"en","named":true}'
S2=$(jget "$body" session.id)
call ann POST "/api/sessions/$S2/start" ''
CODE2=$(jget "$body" session.join_code | tr -d -)
call ann POST "/api/sessions/$S2/rounds" '{"type":"qa","title":"Ask the mayor","session_wide":true}'
QA=$(jget "$body" round.id)
call ann POST "/api/sessions/$S2/rounds" '{"type":"choice","title":"Quick poll","options":["Yes","No"]}'
POLL=$(jget "$body" round.id)
for r in $QA $POLL; do call ann POST "/api/sessions/$S2/rounds/$r/open" ''; done
call ann POST "/api/sessions/$S2/projector" ''
TOK2=$(jget "$body" projector_link); TOK2=${TOK2#*#}
call ann POST "/api/sessions/$S2/step" "{\"kind\":\"round\",\"round\":$POLL,\"view\":\"answer\"}"
browser quinn 127.0.0.13
call quinn POST /api/join "{\"code\":\"$CODE2\",\"display_name\":\"Quinn\"}"
browser rosa 127.0.0.14
call rosa POST /api/join "{\"code\":\"$CODE2\",\"display_name\":\"Rosa\"}"
call quinn POST "/api/participant/rounds/$QA/ideas" '{"text":"Can we get more buses?","named":true}'
call rosa POST "/api/participant/rounds/$QA/ideas" '{"text":"What about bike lanes?"}'
buses=$(sql -e "SELECT id FROM idea WHERE round_id = $QA AND text LIKE 'Can we%'")
bikes=$(sql -e "SELECT id FROM idea WHERE round_id = $QA AND text LIKE 'What about%'")
call quinn POST "/api/participant/rounds/$QA/ideas/$buses/like" ''
call rosa POST "/api/participant/rounds/$QA/ideas/$bikes/like" ''
out=$(node qa.mjs "$PF_URL" "$CODE2" "$TOK2" "$shots" ann@example.org "ann has a good passphrase" "$S2" "$QA" 2>&1)
printf "%s\n" "$out" >"$shots/qa-out.txt"
like "$out" 'step: Quick poll, tab: Questions' "another round is the step: the phone has a Questions button"
like "$out" 'aside: Ask the mayor, back: Back to the current round' "which shows the session-wide Q&A, and leads back"
like "$out" 'anonymous box: 1' "a named session offers to ask anonymously"
like "$out" 'by: parking asked by Phone Pat, decides \(nobody\)' "asked by name, or anonymously: no name"
like "$out" 'step set: 200' "the facilitator puts the Q&A on the projector"
like "$out" 'projector before: 1\s*Can we get more buses\? \| 1\s*What about bike lanes\? \| 0\s*Is there parking\? \| 0\s*Who decides' \
    "the projector: the questions by votes, then by time"
like "$out" 'projector names: none' "and names nobody"
like "$out" 'vote button: Vote for: What about bike lanes\? \(1 vote\) false' "a vote button, not pressed"
like "$out" 'projector after: 2\s*What about bike lanes\? \| 1\s*Can we get more buses' "the phone votes: the projector's order follows"
like "$out" 'phone by votes: What about bike lanes\?,Can we get more buses\?,Is there parking\?,Who decides' "so does the phone's"
like "$out" 'phone by time: Who decides in the end\?,Is there parking\?,What about bike lanes\?,Can we get more buses\?' "sorted by time: newest first"
like "$out" 'qa controls: reveal 0, projector setting 0' "a Q&A offers no reveal and no projector setting: it is always live"
like "$out" 'board: Being answered.*Is there parking' "the console's board marks the question being answered"
like "$out" 'projector now: Being answered\s*Is there parking\?.*\| then: 2\s*What about bike lanes' "the projector puts it on top, the others below"
like "$out" 'phone: answering first Being answered\s*Is there parking' "and the phones"
like "$out" 'problems: 0' "no script error"
is "$(sql -e "SELECT COUNT(*) FROM idea_like l JOIN idea i ON i.id = l.idea_id WHERE i.round_id = $QA")" 3 "three votes stored"

done_testing
