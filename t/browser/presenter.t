#!/bin/bash
# SPDX-License-Identifier: ISC
# presenter.t: a session run in front of a room.  The
# facilitator steps through the agenda by keyboard in the console's
# presenter mode; the projector link (no cookie) shows each step at
# 1280x720, 1920x1080 and 3840x2160 without overflow or clipping, in
# sizes from the viewport; phones at 360x740 and 320x568 show the step's round with its
# first control in view; the timer reads the same on two clocks minutes
# apart; a vote reaches the projector within a second; a reload keeps the
# participant and the answer; the link dies on renewal, and the stop
# shows the end screen; the two phones, both Piet, are told apart in the
# console's "Who is in", and removing one asks first;
# axe-core finds no serious or critical issue.  Screenshots go to
# PF_SCREENSHOTS (en, nl, de).
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
with_stack
. "$PF_SRC/t/lib/api.sh"

browser ann 127.0.0.11
PW="ann has a good passphrase"
call ann POST /api/accounts "{\"email\":\"ann@example.org\",\"display_name\":\"Ann\",\"password\":\"$PW\"}"
call ann POST /api/sessions '{"title":"Team day","language":"en","allow_change":true,"named":true}'
S=$(jget "$body" session.id)
call ann POST "/api/sessions/$S/rounds" '{"type":"choice","title":"Which of these should we start with next quarter?","options":["Shorter meetings","Clearer goals per team","A training budget"]}'
R1=$(jget "$body" round.id)
call ann PATCH "/api/sessions/$S/rounds/$R1" '{"projector_results":"live"}'
is "$code" 200 "round 1's results live on the projector"
call ann POST "/api/sessions/$S/rounds" '{"type":"rating","title":"How useful was this morning?","options":["Talks","Workshops"],"scale_max":5,"label_low":"not at all","label_high":"very"}'
call ann POST "/api/sessions/$S/start" ''
CODE=$(jget "$body" session.join_code)
like "$CODE" '^[0-9A-Z]{4}-[0-9A-Z]{4}$' "a running session with two rounds"

shots=${PF_SCREENSHOTS:-$T_DIR/screenshots}
mkdir -p "$shots"
cd "$PF_SRC/t/browser" || exit 1
out=$(node presenter.mjs "$PF_URL" ann@example.org "$PW" "$S" "$CODE" "$shots" 2>&1)
[ -n "${PF_PRESENTER_OUT:-}" ] && printf "%s\n" "$out" >"$PF_PRESENTER_OUT"
like "$out" 'login: 200' "the facilitator logs in"
like "$out" 'presenter now: Join screen' "presenter mode starts on the join screen"
like "$out" 'projector link: https://[^ ]+/projector.html#' "a projector link is made"
like "$out" 'projector cookies: 0' "the projector has no cookie"
like "$out" "projector join code: $CODE" "and shows the join code"
like "$out" 'projector hidden shown: no' "and nothing of the console"
like "$out" 'phone clocks differ ms: [1-9][0-9]{5}' "the second phone's clock is minutes off"
like "$out" 'people: Piet #1 · joined [0-9]{2}:[0-9]{2} \| Piet #2 · joined [0-9]{2}:[0-9]{2}$' \
    "the console tells the two Piets apart: a number and the joining time"
like "$out" 'remove asks: Remove Piet #2 \(joined [0-9]{2}:[0-9]{2}\)\? Their answers stay\.' \
    "removing one asks first, naming which"
like "$out" 'removals after cancel: 0' "and cancelling removes no one"
n=$(printf '%s\n' "$out" | grep -c '^projector step.*: fits')
is "$n" 18 "every step fits the projector at 1280x720, 1920x1080 and 3840x2160 (no overflow, no clipping, sizes from the viewport)"
unlike "$out" 'projector [^:]*: BAD' "no projector screen is wrong"
unlike "$out" 'phone first control [^:]*: OUT' "after each step the phone's first control is in view without scrolling"
like "$out" 'steps: .*1\. Which.*question > .*answering > .*results > .*2\. How.*question' "the arrow key steps through the agenda"
like "$out" 'back: .*2\. How.*answering' "and back"
like "$out" 'blank: yes' "B blanks the projector"
like "$out" 'timer spread s: [01]$' "the timer reads the same on both phones and the projector"
like "$out" 'timer still runs on the console: .*[0-9]:[0-5][0-9]' "round 1's timer still runs at round 2's question"
like "$out" 'timer on another round: 0 0 0$' "and neither the projector nor a phone shows it over another round"
ms=$(printf '%s\n' "$out" | sed -n 's/^vote to projector ms: //p')
ok $([ -n "$ms" ] && [ "$ms" -le 1000 ]; echo $?) "a vote is on the projector within a second"
echo "# vote to projector: ${ms:-?} ms"
like "$out" 'reload join form: 0' "a reload resumes without the join form"
like "$out" 'reload answer kept: 1' "and with the answer"
like "$out" 'old link after renewal: refused' "a renewed link refuses the old one"
like "$out" 'after the stop: ended' "the stop shows the end screen, not the refusal"
like "$out" 'end text: catalogue ' "the end screen's words come from the catalogue"
like "$out" 'end round left in page: no' "nothing of the session stays in the page after the stop"
like "$out" 'projector qr: svg [3-9][0-9]vh' "the join screen shows the join QR code, large"
like "$out" 'projector end-1920x1080: fits' "the end screen fits"
n=$(printf '%s\n' "$out" | grep -c '^axe ')
ok $([ "$n" -ge 10 ]; echo $?) "axe-core ran on $n screens"
unlike "$(printf '%s\n' "$out" | grep '^axe ')" '^axe [^:]*: [1-9]' "no serious or critical accessibility issue"
like "$out" 'problems: 0' "no script or CSP error"
printf '%s\n' "$out" | grep -E '^(projector step|timers|vote|axe [^:]*: [1-9]|problems|.*BAD|.*OUT)' | head -40 | sed 's/^/# /'

# --- a quiz of three questions, two phones at two tables (quiz.mjs) --------
# No speed bonus, so every number is hand-computed: correct Paris, 4, Blue;
# Red picks Paris, 3, Blue (2000), Blue picks Rome, 4, Blue (2000).
sql -e "UPDATE account SET plan = 'pro' WHERE email = 'ann@example.org'"
call ann POST /api/sessions '{"title":"Training quiz","language":"en","teams_on":true,"teams":["Red","Blue"]}'
QS=$(jget "$body" session.id)
call ann POST "/api/sessions/$QS/rounds" '{"type":"quiz","title":"What is the capital of France?","options":["Paris","Rome"]}'
QA=$(jget "$body" round.id)
call ann POST "/api/sessions/$QS/rounds" '{"type":"quiz","title":"2 + 2 =","options":["3","4"]}'
QB=$(jget "$body" round.id)
call ann PUT "/api/sessions/$QS/rounds/$QB/correct" "{\"correct\":[$(jget "$body" round.options.1.id)]}"
call ann POST "/api/sessions/$QS/rounds" '{"type":"quiz","title":"Which table wins today?","options":["Red","Blue"]}'
QC=$(jget "$body" round.id)
call ann PUT "/api/sessions/$QS/rounds/$QC/correct" "{\"correct\":[$(jget "$body" round.options.1.id)]}"
call ann POST "/api/sessions/$QS/rounds/$QA/open" ''
is "$code:$(jget "$body" error.code)" 409:no_correct_option "quiz: the first question waits for its correct option"
call ann POST "/api/sessions/$QS/start" ''
QCODE=$(jget "$body" session.join_code)
call ann POST "/api/sessions/$QS/projector" ''
QLINK=$(jget "$body" projector_link)
qout=$(node quiz.mjs "$PF_URL" ann@example.org "$PW" "$QS" "$QCODE" "$QLINK" "$shots" "$QA" "$QB" "$QC" 2>&1)
[ -n "${PF_PRESENTER_OUT:-}" ] && printf "%s\n" "$qout" >>"$PF_PRESENTER_OUT"
like "$qout" 'console marks: Saved: 1 correct' "quiz: the console marks the correct option on the question's board"
like "$qout" 'open 1: 200' "quiz: and then it opens"
like "$qout" 'projector answer 1280x720: The answer: Paris' "quiz: the projector reveals the answer"
for size in 1280x720 1920x1080; do
	like "$qout" "projector board 1 $size: 1:Red:1000 2:Blue:0\$" "quiz: leaderboard after one question at $size: Red 1000, Blue 0"
	like "$qout" "projector board 2 $size: 1:Blue:1000 1:Red:1000\$" "quiz: after two, a tie shares rank 1 ($size)"
	like "$qout" "projector board 3 $size: 1:Blue:2000 1:Red:2000\$" "quiz: after three, 2000 each ($size)"
done
like "$qout" 'phone score 1 Red: 1000 points · rank 1 of 2' "quiz: Red's phone: its own score and rank"
like "$qout" 'phone score 1 Blue: 0 points · rank 2 of 2' "quiz: Blue's phone (a Dutch phone in an English session): 0, rank 2 of 2"
like "$qout" 'phone score 3 Blue: 2000 points · rank 1 of 2' "quiz: Blue's phone after three: 2000, rank 1"
like "$qout" 'phone board 3 Red: 1:Blue:2000 1:Red:2000$' "quiz: the phone's leaderboard matches the projector's"
like "$qout" 'projector hidden: 0 The leaderboard is not shown.' "quiz: hidden, the projector shows no leaderboard"
like "$qout" 'console board: 1:Blue:2000 1:Red:2000$' "quiz: the console still lists it"
like "$qout" 'console hidden: true' "quiz: with the setting that hides it"
like "$qout" 'console answer: The answer: Paris' "quiz: the console's results mark the correct option"
like "$qout" 'console correct by number: B$' "quiz: the console's form marks a new question's correct option by its number"
unlike "$(printf '%s\n' "$qout" | grep '^axe ')" '^axe [^:]*: [1-9]' "quiz: no serious or critical accessibility issue"
like "$qout" 'problems: 0' "quiz: no script or CSP error"
printf '%s\n' "$qout" | grep -E '^(projector|phone|axe|problems)' | head -30 | sed 's/^/# /'

done_testing
