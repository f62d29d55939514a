#!/bin/bash
# SPDX-License-Identifier: ISC
# scenario.t: the browser app end to end: register, build a
# session, start it, the projector screen, three phones joining and
# sending ideas, clustering by mouse and keyboard, a points vote on the
# clusters, live results on the projector, downloads and the report, the
# account page, stop, and the phones told the session ended; a session
# shared from the console with a co-facilitator and a moderator.  axe-core
# finds no serious or critical violation on any main screen, in English
# or Dutch; screenshots of each go to PF_SCREENSHOTS (or the test's dir).
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
with_stack
. "$PF_SRC/t/lib/api.sh"

shots=${PF_SCREENSHOTS:-$T_DIR/screenshots}
mkdir -p "$shots"
cd "$PF_SRC/t/browser" || exit 1
out=$(node scenario.mjs "$PF_URL" "$shots" 2>&1)
printf "%s\n" "$out" >"${PF_SCREENSHOTS:-$T_DIR}/scenario.out" 2>/dev/null
like "$out" 'registered: yes' "a facilitator registers from the page"
like "$out" 'session: [0-9]+' "and makes a session in the console"
like "$out" 'error beside the form: .*option.* \| after BUTTON\.submit \| in view \| rgb\((1[5-9][0-9]|2[0-9][0-9]), ' \
    "a refused round: the message right after the form's button, in view, in red"
like "$out" 'status line: \(empty\)' "not at the top of the page"
like "$out" 'errors after a success: 0' "the next success takes the error away"
like "$out" 'saved beside the form: Saved\.' "and says so beside the same button"
like "$out" 'prepared vote: 2\. Prepared vote.*Options: the clusters of 1\. What should we improve\?, taken when this round opens\.' \
    "a vote on the clusters prepared before its brainstorm has run, saying where its options will come from"
like "$out" 'code: [0-9A-Z]{4}-[0-9A-Z]{4}' "starts it: a join code"
like "$out" 'projector code: [0-9A-Z]{4}-[0-9A-Z]{4}' "the projector shows the code"
like "$out" 'participants joined: 3' "three phones join with the link"
like "$out" 'console count: 3' "the console counts them"
like "$out" 'people: anonymous #1 · joined [0-9]{2}:[0-9]{2} \| anonymous #2 · joined [0-9]{2}:[0-9]{2} \| anonymous #3 · joined' \
    "and lists them apart: the same name numbered, with the joining time"
like "$out" 'remove asks: Remove anonymous #2 \(joined [0-9]{2}:[0-9]{2}\)\? Their answers stay\.' \
    "removing one asks first, naming whom"
like "$out" 'removals after cancel: 0' "and cancelling removes no one"
like "$out" 'projector ideas: 6' "the projector shows every idea"
like "$out" 'projector cloud words: [1-9]' "and a word cloud"
like "$out" 'edited: A training budget for everyone' "an idea's wording mended in place (moderation)"
like "$out" 'clusters: Not in a cluster=0 Meetings=2 Goals=2 Training=2' \
    "ideas clustered by drag and drop and by keyboard"
like "$out" 'clusters merged: Merge "Extra" into "Goals"\? Its 0 ideas move there' \
    "two clusters merged from the board, after a question naming what moves"
like "$out" 'renamed: Goals to Targets and back' "a cluster renamed in place"
like "$out" 'after the merge: Not in a cluster=0 Meetings=1 Goals=2 Training=2' \
    "a duplicate dropped onto its twin is merged"
like "$out" 'new idea on the open board after: [0-9]+ ms' "the open board shows a new idea without being opened again"
like "$out" 'h hides: Fewer slides' "H hides the focused idea"
like "$out" 'h shows again: yes' "and shows it again"
like "$out" 'moved up: 1\. Vote: What should we improve\?' \
    "the vote on the clusters is titled from the brainstorm's question; the agenda reorders by keyboard"
like "$out" 'round 2: 2\. Vote: What should we improve\?' "and back"
like "$out" 'budget p1: (Points left|Punten over): 0 / 10' "the phone shows the points left"
like "$out" 'answers sent: 3' "three answers"
like "$out" 'projector results: .*Goals ?12 points · 3 voters' "the projector shows the totals live"
like "$out" 'projector results: .*Training ?11 points' "every cluster"
like "$out" 'console results: .*Meetings ?7 points · 2 voters' "so does the console"
like "$out" 'csv download: team-day-what-next-[0-9]{4}-[0-9]{2}-[0-9]{2}-r2-points\.csv' \
    "the round's CSV downloads, named after the session, its day and the round"
like "$out" 'csv: .*option,points,voters.*Goals,12,3' "with the totals"
like "$out" 'json download: team-day-what-next-[0-9]{4}-[0-9]{2}-[0-9]{2}\.json' "the session downloads as JSON"
like "$out" 'report sections: 2' "the report has both rounds"
like "$out" 'report paths: 6' "and the path of each of the six ideas to its cluster's score"
like "$out" 'dialog: Delete round 1\. What should we improve\? and its 6 ideas\?' \
    "deleting a round asks first, naming what goes with it"
like "$out" 'rounds after cancel: 2' "and Cancel keeps it"
like "$out" 'edit refused: .*budget cannot change.* \| after BUTTON\.submit' \
    "an edit of a setting after answers is refused, beside Save"
like "$out" 'edit confirmed: .Training. has 3 answers\. Remove it anyway\?' \
    "removing an option with answers asks first, naming how many"
like "$out" 'edited round: 2\. Vote: what should we improve first\? \| .*Goals' \
    "the round edited in place: its new title"
unlike "$(printf '%s\n' "$out" | grep '^edited round')" 'Training' "and the option gone from its live results"
like "$out" 'account: .*fiona@example.org' "the account page"
like "$out" 'participants see the end: 3' "after stop every phone says the session ended"
like "$out" 'projector ended: yes' "so does the projector"
n=$(printf '%s\n' "$out" | grep -c '^axe ')
ok $([ "$n" -ge 18 ]; echo $?) "axe-core ran on $n screens"
unlike "$(printf '%s\n' "$out" | grep '^axe ')" '^axe [^:]*: [1-9]' "no serious or critical accessibility violation"
like "$out" 'problems: 0' "no script or CSP error anywhere"

# Co-facilitators and moderators: Oona's session, shared from her console.
browser oona 127.0.0.41
call oona POST /api/accounts '{"email":"oona@example.org","display_name":"Oona","password":"oona has a long passphrase"}'
sql -e "UPDATE account SET plan = 'pro' WHERE email = 'oona@example.org'"
call oona POST /api/sessions '{"title":"Planning day"}'
os=$(jget "$body" session.id)
call oona POST "/api/sessions/$os/rounds" '{"type":"brainstorm","title":"What do we plan?"}'
call oona POST "/api/sessions/$os/start" ''
mout=$(node members.mjs "$PF_URL" "$shots" "$PF_DIR/mail" "$os" 2>&1)
printf "%s\n" "$mout" >"${PF_SCREENSHOTS:-$T_DIR}/members.out" 2>/dev/null
like "$mout" 'members: cleo@example.org ?Co-facilitator ?Invited.*max@example.org ?Moderator ?Invited' \
    "the owner invites a co-facilitator and a moderator from the People tab"
like "$mout" 'Cleo accepted: You now run .Planning day. with its owner, as Co-facilitator' \
    "the invitee opens the mailed link, registers, and accepts"
like "$mout" 'Cleo shared: Planning day ?Co-facilitator ?running' "her console lists the shared session with her role"
like "$mout" 'Max shared: Planning day ?Moderator' "the moderator's too"
like "$mout" 'moderator offered: none' "a moderator's session page offers no start, stop, delete, export, settings or agenda"
like "$mout" 'moderator ideas button: true' "but the ideas to moderate"
like "$mout" 'moderator open button: false' "and no opening of rounds"
like "$mout" 'moderator cluster form: false' "nor making clusters on the board"
like "$mout" 'revoke asks: Revoke cleo@example.org \(Co-facilitator\)\?' "revoking asks first, naming whom"
like "$mout" 'members in Dutch: Max · max@example.org ?Moderator ?Geaccepteerd ?Intrekken' \
    "the list speaks the page's language, drawn anew when it changes"
like "$mout" 'revoked sees: That did not work: That does not exist' "and the revoked co-facilitator finds the session no more"
like "$mout" 'axe people tab: 0' "the People tab: no serious accessibility violation"
like "$mout" 'axe shared list: 0' "nor the shared list"
like "$mout" 'problems: 0' "no script or CSP error"
n=$(ls "$shots"/*.png 2>/dev/null | wc -l)
ok $([ "$n" -ge 18 ]; echo $?) "$n screenshots saved"
[ -n "${PF_SCREENSHOTS:-}" ] || printf '%s\n' "$out" | grep -E '^(axe|problems)' | head -40 | sed 's/^/# /'

done_testing
