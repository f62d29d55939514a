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

done_testing
