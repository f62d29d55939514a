#!/bin/bash
# SPDX-License-Identifier: ISC
# report.t: the printable report of a session in Chromium: every round
# with its results (bars and numbers), ideas by cluster, in the session's
# language, under the CSP, and printed to PDF.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
with_stack
. "$PF_SRC/t/lib/api.sh"

browser ann 127.0.0.11
PW="ann has a good passphrase"
call ann POST /api/accounts "{\"email\":\"ann@example.org\",\"display_name\":\"Ann\",\"password\":\"$PW\"}"
call ann POST /api/sessions '{"title":"Studiedag verslag","language":"nl"}'
S=$(jget "$body" session.id)
call ann POST "/api/sessions/$S/start" ''
CODE=$(jget "$body" session.join_code)
call ann POST "/api/sessions/$S/rounds" '{"type":"choice","title":"Lunch?","options":["Soep","Salade"]}'
R1=$(jget "$body" round.id); O1=$(jget "$body" round.options.0.id)
call ann POST "/api/sessions/$S/rounds" '{"type":"brainstorm","title":"Ideeën"}'
R2=$(jget "$body" round.id)
call ann POST "/api/sessions/$S/rounds/$R1/open" ''
call ann POST "/api/sessions/$S/rounds/$R2/open" ''
browser p1 127.0.0.21
call p1 POST /api/join "{\"code\":\"$CODE\"}"
call p1 POST "/api/participant/rounds/$R1/answer" "{\"choices\":[$O1]}"
call p1 POST "/api/participant/rounds/$R2/ideas" '{"text":"Meer pauzes"}'
call ann POST "/api/sessions/$S/rounds/$R2/clusters" '{"name":"Ritme"}'
CL=$(jget "$body" clusters.0.id)
IDEA=$(jget "$body" ideas.0.id)
call ann PATCH "/api/sessions/$S/rounds/$R2/ideas/$IDEA" "{\"cluster\":$CL}"
is "$code" 200 "a session with a vote and clustered ideas"

cd "$PF_SRC/t/browser" || exit 1
out=$(node report.mjs "$PF_URL" ann@example.org "$PW" "$S" "$T_DIR/report.pdf" 2>&1)
like "$out" 'login: 200' "logged in from the page"
like "$out" 'h1: Studiedag verslag' "the report shows the session"
like "$out" 'sections: 2' "every round"
like "$out" 'bars: [1-9]' "with bars for the results"
like "$out" 'Soep *1 *100' "the numbers"
like "$out" 'Meerkeuze · 1 antwoorden' "in the session's language"
like "$out" 'Ritme *Meer pauzes' "ideas by cluster"
like "$out" 'problems: 0' "no script or CSP errors"
ok $([ "$(head -c 5 "$T_DIR/report.pdf")" = "%PDF-" ]; echo $?) "it prints to PDF"
[ -n "${PF_SCREENSHOTS:-}" ] && cp "$T_DIR/report.pdf" "$PF_SCREENSHOTS/"

done_testing
