#!/bin/bash
# SPDX-License-Identifier: ISC
# report.t: the printable report of a session in Chromium: a header with
# the participants, the day and how long it ran; every round of every
# type with its results (a rating's and the statements' distributions as
# a bar per point of the scale, votes, points and scores as bars with
# their numbers, open answers, ideas by cluster), in the session's
# language, under the CSP; and printed to PDF on A4, holding all that.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
with_stack
. "$PF_SRC/t/lib/api.sh"

browser ann 127.0.0.11
PW="ann has a good passphrase"
call ann POST /api/accounts "{\"email\":\"ann@example.org\",\"display_name\":\"Ann\",\"password\":\"$PW\"}"
call ann POST /api/sessions '{"title":"Studiedag verslag","language":"nl","description":"Teamdag in december"}'
S=$(jget "$body" session.id)
call ann POST "/api/sessions/$S/start" ''
CODE=$(jget "$body" session.join_code)

R=""; O=""
mkround() {	# mkround JSON: adds and opens a round; sets R and O (option ids)
	call ann POST "/api/sessions/$S/rounds" "$1"
	R=$(jget "$body" round.id)
	O=$(printf '%s' "$body" | perl -MJSON::PP -e 'print join " ", map { $_->{id} } @{decode_json(<STDIN>)->{round}{options}}')
	call ann POST "/api/sessions/$S/rounds/$R/open" ''
}
for i in 1 2 3 4; do
	browser "p$i" "127.0.0.2$i"
	call "p$i" POST /api/join "{\"code\":\"$CODE\"}"
done
answer() {	# answer BROWSER JSON
	call "$1" POST "/api/participant/rounds/$R/answer" "$2"
}

mkround '{"type":"choice","title":"Lunch?","options":["Soep","Salade"]}'
set -- $O; soep=$1 salade=$2
answer p1 "{\"choices\":[$soep]}"
answer p2 "{\"choices\":[$soep]}"
answer p3 "{\"choices\":[$salade]}"

mkround '{"type":"rating","title":"Hoe nuttig was de ochtend?","options":["Ochtend","Middag"],"scale_max":5,"label_low":"Niet","label_high":"Heel","no_opinion":true}'
set -- $O; och=$1 mid=$2
answer p1 "{\"ratings\":[{\"option\":$och,\"value\":5},{\"option\":$mid,\"value\":3}]}"
answer p2 "{\"ratings\":[{\"option\":$och,\"value\":4},{\"option\":$mid,\"value\":3}]}"
answer p3 "{\"ratings\":[{\"option\":$och,\"value\":4},{\"option\":$mid,\"value\":null}]}"
answer p4 "{\"ratings\":[{\"option\":$och,\"value\":2}]}"
RATING=$R

mkround '{"type":"statements","title":"Stellingen over vergaderen","options":["We vergaderen wekelijks","Thuiswerk mag vaker"]}'
set -- $O; st1=$1 st2=$2
for x in "p1 5 4" "p2 4 4" "p3 1 2" "p4 0 5"; do
	set -- $x
	answer "$1" "{\"answers\":[{\"option\":$st1,\"value\":$2},{\"option\":$st2,\"value\":$3}]}"
done
STATEMENTS=$R

mkround '{"type":"rating","title":"Weeg de plannen","options":["Plan A","Plan B"],"criteria":["Kosten","Effect"],"scale_max":10}'
set -- $O; pa=$1 pb=$2
crits=$(printf '%s' "$body" | perl -MJSON::PP -e 'print join " ", map { $_->{id} } @{decode_json(<STDIN>)->{round}{criteria}}')
set -- $crits; cost=$1 effect=$2
answer p1 "{\"ratings\":[{\"option\":$pa,\"criterion\":$cost,\"value\":3},{\"option\":$pa,\"criterion\":$effect,\"value\":9},{\"option\":$pb,\"criterion\":$cost,\"value\":7},{\"option\":$pb,\"criterion\":$effect,\"value\":6}]}"
answer p2 "{\"ratings\":[{\"option\":$pa,\"criterion\":$cost,\"value\":4},{\"option\":$pa,\"criterion\":$effect,\"value\":10}]}"

mkround '{"type":"ranking","title":"Prioriteiten","options":["Rust","Ruimte","Regie"]}'
set -- $O
answer p1 "{\"ranking\":[$1,$2,$3]}"
answer p2 "{\"ranking\":[$2,$1,$3]}"

mkround '{"type":"points","title":"Verdeel 10 punten","options":["Scholing","Uitje"],"budget":10}'
set -- $O
answer p1 "{\"points\":[{\"option\":$1,\"points\":7},{\"option\":$2,\"points\":3}]}"
answer p2 "{\"points\":[{\"option\":$1,\"points\":10}]}"

mkround '{"type":"open","title":"Wat neem je mee?"}'
answer p1 '{"text":"Meer koffie"}'
answer p2 '{"text":"Een plan voor januari"}'

mkround '{"type":"brainstorm","title":"Ideeën"}'
for x in "p1 Meer pauzes" "p2 Korter vergaderen" "p3 Een lunchwandeling"; do
	call "${x%% *}" POST "/api/participant/rounds/$R/ideas" "{\"text\":\"${x#* }\"}"
done
call ann POST "/api/sessions/$S/rounds/$R/clusters" '{"name":"Ritme"}'
CL=$(jget "$body" clusters.0.id)
for i in 0 1; do
	IDEA=$(jget "$body" "ideas.$i.id")
	call ann PATCH "/api/sessions/$S/rounds/$R/ideas/$IDEA" "{\"cluster\":$CL}"
done
is "$code" 200 "a session with a round of every type, answered"
# The vote on the clusters, fed by the brainstorm: the path of an idea.
BR=$R
call ann POST "/api/sessions/$S/rounds/$BR/clusters" '{"name":"Buiten"}'
call ann POST "/api/sessions/$S/rounds" "{\"type\":\"points\",\"title\":\"Stemming: Ideeën\",\"options_from\":$BR,\"options_use\":\"clusters\",\"budget\":10,\"after\":$BR}"
R=$(jget "$body" round.id)
call ann POST "/api/sessions/$S/rounds/$R/open" ''
call ann GET "/api/sessions/$S/rounds/$R/results"
O=$(printf '%s' "$body" | perl -MJSON::PP -e 'my %o = map { $_->{label} => $_->{id} } @{decode_json(<STDIN>)->{round}{options}}; print "$o{Ritme} $o{Buiten}"')
set -- $O
answer p1 "{\"points\":[{\"option\":$1,\"points\":6},{\"option\":$2,\"points\":4}]}"
answer p2 "{\"points\":[{\"option\":$1,\"points\":10}]}"
is "$code" 201 "and a points vote on its clusters, answered"

# Stopped, after 95 minutes (the start moved back: no test waits that long).
call ann POST "/api/sessions/$S/stop" ''
sql -e "UPDATE session SET started_at = stopped_at - INTERVAL 95 MINUTE WHERE id = $S"
call ann GET "/api/sessions/$S/export"
is "$(jget "$body" session.participants) $(jget "$body" session.duration_minutes)" \
    "4 95" "the export: 4 participants, 95 minutes"
[ -n "${PF_DUMP:-}" ] && printf '%s\n' "$body" >"$PF_DUMP"

shots=${PF_SCREENSHOTS:-$T_DIR}
cd "$PF_SRC/t/browser" || exit 1
out=$(node report.mjs "$PF_URL" ann@example.org "$PW" "$S" "$T_DIR/report.pdf" "$shots" 2>&1)
like "$out" 'login: 200' "logged in from the page"
like "$out" 'h1: Studiedag verslag' "the report shows the session"
FACTS='4 deelnemers · [0-9]{1,2} [a-z]+ 20[0-9]{2} · 1 uur 35 min'
like "$out" "facts: $FACTS
" "its header: participants, the day and the duration, in Dutch"
TITLES=("1. Lunch?" "2. Hoe nuttig was de ochtend?" "3. Stellingen over vergaderen"
    "4. Weeg de plannen" "5. Prioriteiten" "6. Verdeel 10 punten"
    "7. Wat neem je mee?" "8. Ideeën" "9. Stemming: Ideeën" "Van idee naar besluit")
is "$(printf '%s\n' "$out" | sed -n 's/^titles: //p')" \
    "$(IFS='|'; printf '%s' "${TITLES[*]}" | sed 's/|/ | /g')" "every round, in order"
like "$out" 'Meerkeuze · 3 antwoorden' "what each round is and counts, in the session's language"
like "$out" 'Soep *2 \(67%\) *Salade *1 \(33%\)' "a vote's bars with their numbers, most first"
like "$out" 'Ochtend *gemiddeld 3,8 van 5 · mediaan 4 · 4 antwoorden *1 Niet *0 *2 *1 \(25%\) *3 *0 *4 *2 \(50%\) *5 Heel *1 \(25%\)' \
    "a rating: the mean in plain words, a bar per point of the scale, its ends named"
like "$out" 'Middag *gemiddeld 3 van 5 · mediaan 3 · 2 antwoorden · 1 geen mening' "with who had no opinion"
like "$out" 'Plan A · Kosten *gemiddeld 3,5 van 10' "a rating per option and criterion"
like "$out" 'We vergaderen wekelijks *2 eens · 0 neutraal · 1 oneens · 1 keer gepast *Helemaal oneens *1 \(33%\) *Oneens *0 *Neutraal *0 *Eens *1 \(33%\) *Helemaal eens *1 \(33%\)' \
    "statements: agreement in words, a bar per level"
like "$out" '1\. Rust *score 5 · 1× op de eerste plaats *1\. Ruimte *score 5.*3\. Regie *score 2 *Score \(Borda\): een eerste plaats is 3 punten waard' \
    "a ranking by score, ties sharing a place, the score explained"
like "$out" 'Scholing *17 punten · van 2 deelnemers *Uitje *3 punten · van 1 deelnemer' "points"
like "$out" 'Open vraag · 2 antwoorden *Meer koffie *Een plan voor januari' "open answers"
like "$out" 'Brainstorm · 3 ideeën *Ritme · 2 ideeën *Meer pauzes *Korter vergaderen *Niet in een cluster · 1 idee *Een lunchwandeling' \
    "ideas by cluster"
like "$out" 'Van idee naar besluit *Elk idee, het cluster waarin het kwam.* *Idee *Cluster *In de stemming *Meer pauzes *Ritme *9\. Stemming: Ideeën: 16 punten · van 2 deelnemers *Korter vergaderen *Ritme *9\. Stemming: Ideeën: 16 punten · van 2 deelnemers *Een lunchwandeling *\(geen cluster\) *niet over gestemd' \
    "the path of each idea: its cluster and that cluster's score in the vote that followed"
# A bar of answers is as long as its share (within 2 px) and at least
# 20 px: one answer of four is a quarter of its track, not a sliver.
for media in screen print; do
	for type in rating statements; do
		like "$out" "$media $type bars: [0-9]+, answered [1-9][0-9]*, thinnest ([2-9][0-9]|[1-9][0-9]{2,})px, out of proportion: none" \
		    "$media: every bar of a $type with answers is legible and in proportion"
	done
done
like "$out" 'print tools: hidden' "printed without the screen's tools"
like "$out" 'pdf pages: [1-9][0-9]*, sizes: 595x842
' "the PDF: every page A4 (595 x 842 points)"
like "$out" "pdf page 1: 1 / [0-9]+ VERSLAG Studiedag verslag Teamdag in december $FACTS " \
    "its first page starts with the header, numbered"
pdf=$(printf '%s\n' "$out" | grep '^pdf page ')
missing=""
for x in "${TITLES[@]}" "gemiddeld 3,8 van 5" "Helemaal oneens 1 (33%)" "Een lunchwandeling"; do
	case $pdf in *"$x"*) ;; *) missing="$missing [$x]" ;; esac
done
is "$missing" "" "it holds every round's title and results"
# (grep reads a page a line: both on one.)
like "$pdf" 'pdf page [0-9]+: .*4\. Weeg de plannen .*Plan B · Effect' \
    "a round that fits on a page is not split over two"
like "$out" 'problems: 0' "no script or CSP errors"
[ -n "${PF_SCREENSHOTS:-}" ] && cp "$T_DIR/report.pdf" "$PF_SCREENSHOTS/"

done_testing
