#!/bin/bash
# SPDX-License-Identifier: ISC
# templates.t: built-in templates in Dutch, English and German, keeping a
# session's agenda as a template, starting a session from one, and
# templates being private to their account.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
with_stack
. "$PF_SRC/t/lib/api.sh"

browser ann 127.0.0.11
browser bob 127.0.0.12
call ann POST /api/accounts '{"email":"ann@example.org","display_name":"Ann","password":"ann has a good passphrase"}'
call bob POST /api/accounts '{"email":"bob@example.org","display_name":"Bob","password":"bob has a good passphrase"}'

call ann GET /api/templates
is "$code" 200 "the templates"
list=$(jget "$body" templates)
is "$(printf '%s' "$list" | grep -o '"builtin":true' | wc -l)" 9 "nine built-in ones"
like "$list" '"language":"nl","name":"Training evalueren"' "in Dutch"
like "$list" '"language":"en","name":"Evaluate a training"' "and in English"
like "$list" '"language":"de","name":"Training auswerten"' "and in German"
eval_id=$(printf '%s' "$list" | perl -MJSON::PP -e 'print $_->{id} for grep { $_->{name} eq "Training evalueren" } @{decode_json(<STDIN>)}')

call ann POST "/api/templates/$eval_id/use" '{"title":"Evaluatie 12 maart"}'
is "$code" 201 "a session from the Dutch evaluation template"
S=$(jget "$body" session.id)
is "$(jget "$body" session.title) $(jget "$body" session.language) $(jget "$body" session.state)" \
    "Evaluatie 12 maart nl draft" "titled as asked, in Dutch, a draft"
call ann GET "/api/sessions/$S/rounds"
is "$(printf '%s' "$body" | perl -MJSON::PP -e 'print join " ", map { $_->{type} } @{decode_json(<STDIN>)->{rounds}}')" \
    "rating statements open" "with the template's three rounds in order"
like "$(jget "$body" rounds.0)" '"label":"Inhoud".*"scale_max":10' "their options and settings"
like "$(jget "$body" rounds.1)" '"title":"Ben je het eens\?"' "the Dutch ones speak informally (je)"

# The German one gives a German session, in the informal du.
de_id=$(printf '%s' "$list" | perl -MJSON::PP -e 'print $_->{id} for grep { $_->{name} eq "Training auswerten" } @{decode_json(<STDIN>)}')
call ann POST "/api/templates/$de_id/use" '{"title":"Auswertung 12. März"}'
is "$code $(jget "$body" session.language)" "201 de" "a session from the German template, in German"
call ann GET "/api/sessions/$(jget "$body" session.id)/rounds"
like "$(jget "$body" rounds.1)" '"title":"Stimmst du zu\?"' "its rounds in German"
call ann PATCH "/api/sessions/$S" '{"language":"de"}'
is "$code $(jget "$body" session.language)" "200 de" "a session's language can be German"
call ann PATCH "/api/sessions/$S" '{"language":"nl"}'

# No built-in template ships placeholder options ("Idee 1", "Proposal A":
# they cannot open, roundedit.c); the vote after a brainstorm takes that
# brainstorm's ideas; the Dutch ones say "je", never "u".
bad=""; fed=""; formal=""
for id in $(printf '%s' "$list" | perl -MJSON::PP -e 'print join " ", map { $_->{id} } grep { $_->{builtin} } @{decode_json(<STDIN>)}'); do
	call ann POST "/api/templates/$id/use" ''
	T=$(jget "$body" session.id); lang=$(jget "$body" session.language)
	call ann GET "/api/sessions/$T/rounds"
	bad="$bad$(printf '%s' "$body" | perl -MJSON::PP -e 'for (@{decode_json(<STDIN>)->{rounds}}) { print "$_->{options}[$_]{label};" for grep { $_->{options}[$_]{label} =~ /^(idea|idee|option|optie|proposal|voorstel|vorschlag|choice|keuze) ([0-9]+|[A-Z])$/i } 0 .. $#{$_->{options}} }')"
	fed="$fed$(printf '%s' "$body" | perl -MJSON::PP -e 'my @r = @{decode_json(<STDIN>)->{rounds}}; for my $i (1 .. $#r) { print "$r[$i]{type}<-$r[$i]{options_use}:", ($r[$i]{options_from} == $r[$i-1]{id} ? "ok" : "wrong"), ";" if $r[$i-1]{type} eq "brainstorm" }')"
	[ "$lang" = nl ] && formal="$formal$(printf '%s' "$body" | perl -MJSON::PP -e 'for (@{decode_json(<STDIN>)->{rounds}}) { print "$_->{title};" if $_->{title} =~ /\b(u|uw|bent|heeft|vindt)\b/ }')"
done
is "$bad" "" "no built-in template has placeholder options"
is "$fed" "points<-ideas:ok;points<-ideas:ok;points<-ideas:ok;" \
    "the points vote after each brainstorm takes its ideas (options_from_position)"
is "$formal" "" "the Dutch templates speak informally (je)"
# An agenda with a fed vote, kept as a template, keeps the feed.
bs_id=$(printf '%s' "$list" | perl -MJSON::PP -e 'print $_->{id} for grep { $_->{name} eq "Brainstormen en prioriteren" } @{decode_json(<STDIN>)}')
call ann POST "/api/templates/$bs_id/use" ''
call ann POST "/api/sessions/$(jget "$body" session.id)/template" '{"name":"Onze brainstorm"}'
call ann POST "/api/templates/$(jget "$body" template.id)/use" ''
call ann GET "/api/sessions/$(jget "$body" session.id)/rounds"
is "$(jget "$body" rounds.1.options_from):$(jget "$body" rounds.1.options_use):$(jget "$body" rounds.1.options)" \
    "$(jget "$body" rounds.0.id):ideas:[]" "a fed vote saved as a template is fed again (options_from_position)"
call ann DELETE "/api/templates/$(sql -e "SELECT id FROM template WHERE name = 'Onze brainstorm'")"

# Keep an agenda of one's own and reuse it.
call ann POST "/api/sessions/$S/rounds" '{"type":"choice","title":"Next date?","options":["May","June"],"min_picks":1,"max_picks":2}'
call ann POST "/api/sessions/$S/template" '{"name":"Our evaluation"}'
is "$code" 201 "save the agenda as a template"
mine=$(jget "$body" template.id)
call ann POST "/api/templates/$mine/use" ''
is "$code" 201 "use it"
S2=$(jget "$body" session.id)
is "$(jget "$body" session.title)" "Our evaluation" "named after the template"
call ann GET "/api/sessions/$S2/rounds"
is "$(printf '%s' "$body" | perl -MJSON::PP -e 'print join " ", map { $_->{type} } @{decode_json(<STDIN>)->{rounds}}')" \
    "rating statements open choice" "the same four rounds"
like "$(jget "$body" rounds.3)" '"max_picks":2,.*"label":"June"' "with their settings"

# Private to the account.
call bob GET /api/templates
unlike "$body" 'Our evaluation' "another account does not see it"
call bob POST "/api/templates/$mine/use" ''
is "$code" 404 "nor use it"
call bob DELETE "/api/templates/$mine"
is "$code" 404 "nor delete it"
call bob POST "/api/sessions/$S/template" '{"name":"stolen"}'
is "$code" 404 "nor keep another's session as a template"
call ann DELETE "/api/templates/$eval_id"
is "$code" 404 "built-in templates stay"
call ann DELETE "/api/templates/$mine"
is "$code" 204 "one's own can go"

done_testing
