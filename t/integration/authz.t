#!/bin/bash
# SPDX-License-Identifier: ISC
# authz.t: the authorization matrix (docs/authorization.tsv) proved: every
# route of the program is in it, and every route is called as every role
# (anonymous, a participant, the facilitator who owns the session, another
# facilitator with the owner's ids, a participant of another session, an
# admin and an auditor, a co-facilitator and a moderator of the owner's
# session, and a co-facilitator whose membership was revoked), with the
# answer checked against the matrix.  A
# denial must show nothing of the resource.  The rendered page
# docs/authorization-matrix.md must be what script/render-authz makes of it.
#
# Every browser here is on the admin allowlist, so what refuses the admin
# routes to a facilitator or a participant is the application's own check
# (role and two-factor), not nginx (that is admin.t).
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
PF_ALLOWLIST="allow 127.0.0.0/27;
deny all;" with_stack
. "$PF_SRC/t/lib/api.sh"

matrix=$(grep -v '^#' "$PF_SRC/docs/authorization.tsv" | grep -v '^$')
is "$("$PF_BUILD/primoforumctl" routes | cut -f1-3 | sort)" \
    "$(printf '%s\n' "$matrix" | cut -f1-3 | sort)" \
    "the matrix lists exactly the program's routes, with their methods and paths"
is "$("$PF_SRC/script/render-authz")" "$(cat "$PF_SRC/docs/authorization-matrix.md")" \
    "docs/authorization-matrix.md is the rendering of the matrix"

# F owns session S (running, named) with participant P; G is another
# facilitator.  F has a second login L2 to end.
PW_F="the owner has a passphrase"
PW_G="the other one has a passphrase"
browser facilitator 127.0.0.11
browser other_facilitator 127.0.0.12
browser participant 127.0.0.13
browser anonymous 127.0.0.14
browser second 127.0.0.15
browser other_participant 127.0.0.16
browser admin 127.0.0.17
browser auditor 127.0.0.18
browser victim 127.0.0.19
browser co_facilitator 127.0.0.20
browser moderator 127.0.0.21
browser revoked 127.0.0.22
call facilitator POST /api/accounts "{\"email\":\"f@example.org\",\"display_name\":\"F\",\"password\":\"$PW_F\"}"
call other_facilitator POST /api/accounts "{\"email\":\"g@example.org\",\"display_name\":\"G\",\"password\":\"$PW_G\"}"
call facilitator POST /api/sessions '{"title":"Matrix session","named":true}'
S=$(jget "$body" session.id)
call facilitator POST "/api/sessions/$S/start" ''
CODE=$(jget "$body" session.join_code)
call participant POST /api/join "{\"code\":\"$CODE\",\"display_name\":\"Pieter Participant\"}"
P=$(jget "$body" participant.id)
call facilitator POST "/api/sessions/$S/rounds" '{"type":"choice","title":"Matrix vote","options":["Yes","No"]}'
R=$(jget "$body" round.id)
OPT=$(printf '%s' "$body" | perl -MJSON::PP -e 'print decode_json(<STDIN>)->{round}{options}[0]{id}')
call facilitator POST "/api/sessions/$S/rounds" '{"type":"brainstorm","title":"Matrix ideas"}'
RB=$(jget "$body" round.id)
call facilitator POST "/api/sessions/$S/rounds/$RB/open" ''
call participant POST "/api/participant/rounds/$RB/ideas" '{"text":"First idea"}'
call facilitator GET "/api/sessions/$S/rounds/$RB/ideas"
IDEA=$(printf '%s' "$body" | perl -MJSON::PP -e 'print decode_json(<STDIN>)->{ideas}[0]{id}')
call participant POST "/api/participant/rounds/$RB/ideas" '{"text":"Taken back"}'
call facilitator GET "/api/sessions/$S/rounds/$RB/ideas"
IDEA2=$(printf '%s' "$body" | perl -MJSON::PP -e 'print decode_json(<STDIN>)->{ideas}[1]{id}')
call facilitator POST "/api/sessions/$S/rounds" '{"type":"open","title":"Matrix question"}'
RO=$(jget "$body" round.id)
call facilitator POST "/api/sessions/$S/rounds/$RO/open" ''
call participant POST "/api/participant/rounds/$RO/answer" '{"text":"An answer"}'
call facilitator GET "/api/sessions/$S/rounds/$RO/results"
ANS=$(printf '%s' "$body" | perl -MJSON::PP -e 'print decode_json(<STDIN>)->{round}{results}{answers}[0]{id}')
call facilitator POST "/api/sessions/$S/rounds/$RB/clusters" '{"name":"C1"}'
call facilitator POST "/api/sessions/$S/rounds/$RB/clusters" '{"name":"C2"}'
CL1=$(printf '%s' "$body" | perl -MJSON::PP -e 'print decode_json(<STDIN>)->{clusters}[0]{id}')
CL2=$(printf '%s' "$body" | perl -MJSON::PP -e 'print decode_json(<STDIN>)->{clusters}[1]{id}')
call facilitator POST "/api/sessions/$S/template" '{"name":"F template"}'
TPL=$(jget "$body" template.id)
call facilitator POST "/api/sessions/$S/template" '{"name":"F template 2"}'
TPL2=$(jget "$body" template.id)
call second POST /api/login "{\"email\":\"f@example.org\",\"password\":\"$PW_F\"}"
# G runs a session of their own, with participant Q.
call other_facilitator POST /api/sessions '{"title":"G session"}'
call other_facilitator POST "/api/sessions/$(jget "$body" session.id)/start" ''
call other_participant POST /api/join "{\"code\":\"$(jget "$body" session.join_code)\"}"
# Staff accounts exist only by primoforumctl; they log in with a code.
staff_login() {	# staff_login BROWSER EMAIL ROLE
	local out secret
	out=$(printf '%s\n' "$PW_STAFF" | "$PF_BUILD/primoforumctl" -f "$PF_DIR/primoforum.conf" \
	    create-admin "$2" "Staff $3" "$3")
	secret=$(printf '%s\n' "$out" | sed -n 3p)
	call "$1" POST /api/login "{\"email\":\"$2\",\"password\":\"$PW_STAFF\",\"code\":\"$(oathtool --totp -b "$secret")\"}"
	is "$code" 200 "$3 logs in with two-factor"
}
PW_STAFF="staff have long passphrases"
staff_login admin a@example.org admin
staff_login auditor u@example.org auditor
call victim POST /api/accounts '{"email":"v@example.org","display_name":"V","password":"the victim has a passphrase"}'
V=$(sql -e "SELECT id FROM account WHERE email = 'v@example.org'")
# F's co-facilitator C, moderator M, and R whose membership F revoked;
# a pending invitation (X) for F to revoke.
mails() { ls "$PF_DIR/mail" 2>/dev/null | grep -c '^mail\.'; }
member() {	# member BROWSER EMAIL ROLE
	local n
	n=$(mails)
	call "$1" POST /api/accounts "{\"email\":\"$2\",\"display_name\":\"$1\",\"password\":\"members have passphrases\"}"
	call facilitator POST "/api/sessions/$S/members" "{\"email\":\"$2\",\"role\":\"$3\"}"
	wait_for "[ \$(mails) -gt $n ]" 10
	call "$1" POST /api/invitations/accept "{\"token\":\"$(grep -l "^To: $2" "$PF_DIR"/mail/mail.* |
	    xargs cat | grep -o 'invite=[0-9a-f]*' | cut -d= -f2)\"}"
	is "$code" 200 "$1 accepts F's invitation as $3"
}
member co_facilitator c@example.org cofacilitator
member moderator m@example.org moderator
member revoked r@example.org cofacilitator
call facilitator DELETE "/api/sessions/$S/members/$(sql -e "SELECT id FROM session_member WHERE email = 'r@example.org'")"
is "$code" 204 "F revokes R"
call facilitator POST "/api/sessions/$S/members" '{"email":"x@example.org","role":"moderator"}'
XM=$(sql -e "SELECT id FROM session_member WHERE email = 'x@example.org'")
FID=$(sql -e "SELECT id FROM account WHERE email = 'f@example.org'")
call second GET /api/account/logins
L2=$(printf '%s' "$body" | perl -MJSON::PP -e 'for (@{decode_json(<STDIN>)->{logins}}) { print $_->{id} if $_->{current} }')
ok $([ -n "$S" ] && [ -n "$P" ] && [ -n "$L2" ] && [ -n "$V" ]; echo $?) "set-up: session $S, participant $P, second login $L2, victim $V"

# The request each route gets: bodies that pass authorization but do no
# harm (a wrong password, a bad token, an existing email).
declare -A REQ
REQ[health]="GET /api/health"
REQ[account.register]="POST /api/accounts {\"email\":\"f@example.org\",\"display_name\":\"X\",\"password\":\"yet another passphrase\"}"
REQ[login]="POST /api/login {\"email\":\"nobody@example.org\",\"password\":\"not anybody's password\"}"
REQ[logout]="POST /api/logout"
REQ[account.get]="GET /api/account"
REQ[account.delete]="DELETE /api/account {\"password\":\"not the password at all\"}"
REQ[account.export]="GET /api/account/export"
REQ[account.password]="POST /api/account/password {\"current_password\":\"not the password at all\",\"new_password\":\"a brand new passphrase\"}"
REQ[account.logins]="GET /api/account/logins"
REQ[account.login_end]="DELETE /api/account/logins/$L2"
REQ[account.totp_setup]="POST /api/account/totp/setup {}"
REQ[account.totp_enable]="POST /api/account/totp/enable {\"code\":\"000000\"}"
REQ[account.totp_disable]="POST /api/account/totp/disable {\"password\":\"x\",\"code\":\"000000\"}"
REQ[password.forgot]="POST /api/password/forgot {\"email\":\"nobody@example.org\"}"
REQ[password.reset]="POST /api/password/reset {\"token\":\"$(printf '0%.0s' $(seq 1 64))\",\"password\":\"a brand new passphrase\"}"
REQ[session.list]="GET /api/sessions"
REQ[session.create]="POST /api/sessions {\"title\":\"Another session\"}"
REQ[session.get]="GET /api/sessions/$S"
REQ[session.update]="PATCH /api/sessions/$S {\"description\":\"changed\"}"
REQ[session.delete]="DELETE /api/sessions/$S"
REQ[session.duplicate]="POST /api/sessions/$S/duplicate"
REQ[session.start]="POST /api/sessions/$S/start"
REQ[session.stop]="POST /api/sessions/$S/stop"
REQ[session.lock]="POST /api/sessions/$S/lock"
REQ[session.unlock]="POST /api/sessions/$S/unlock"
REQ[session.live]="GET /api/sessions/$S/live"
REQ[session.qr]="GET /api/sessions/$S/qr"
REQ[session.participant_remove]="DELETE /api/sessions/$S/participants/$P"
REQ[session.step]="POST /api/sessions/$S/step {\"kind\":\"join\"}"
REQ[session.timer]="POST /api/sessions/$S/timer {\"round\":$R,\"seconds\":60}"
REQ[session.timer_stop]="DELETE /api/sessions/$S/timer"
REQ[session.projector]="POST /api/sessions/$S/projector"
REQ[projector.state]="GET /api/projector/state"
REQ[round.update]="PATCH /api/sessions/$S/rounds/$R {\"projector_results\":\"reveal\"}"
REQ[round.list]="GET /api/sessions/$S/rounds"
REQ[round.create]="POST /api/sessions/$S/rounds {\"type\":\"open\",\"title\":\"Another round\"}"
REQ[round.delete]="DELETE /api/sessions/$S/rounds/$RB"
REQ[round.move]="POST /api/sessions/$S/rounds/$R/move {\"direction\":\"down\"}"
REQ[round.open]="POST /api/sessions/$S/rounds/$R/open"
REQ[round.close]="POST /api/sessions/$S/rounds/$R/close"
REQ[round.reveal]="POST /api/sessions/$S/rounds/$R/reveal"
REQ[round.hide]="POST /api/sessions/$S/rounds/$R/hide"
REQ[round.results]="GET /api/sessions/$S/rounds/$R/results"
REQ[round.cloud]="POST /api/sessions/$S/rounds/$RB/cloud {\"entry\":\"x\",\"hidden\":false}"
REQ[participant.answer]="POST /api/participant/rounds/$R/answer {\"choices\":[$OPT]}"
REQ[participant.idea]="POST /api/participant/rounds/$RB/ideas {\"text\":\"An idea\"}"
REQ[round.csv]="GET /api/sessions/$S/rounds/$R/results.csv"
REQ[round.types]="GET /api/round-types"
REQ[session.export]="GET /api/sessions/$S/export"
REQ[session.responses_csv]="GET /api/sessions/$S/responses.csv"
REQ[session.xlsx]="GET /api/sessions/$S/export.xlsx"
REQ[template.list]="GET /api/templates"
REQ[template.save]="POST /api/sessions/$S/template {\"name\":\"Another\"}"
REQ[template.use]="POST /api/templates/$TPL/use"
REQ[template.delete]="DELETE /api/templates/$TPL2"
REQ[idea.list]="GET /api/sessions/$S/rounds/$RB/ideas"
REQ[idea.update]="PATCH /api/sessions/$S/rounds/$RB/ideas/$IDEA {\"hidden\":false}"
REQ[idea.merge]="POST /api/sessions/$S/rounds/$RB/ideas/$IDEA/merge {\"into\":$IDEA}"
REQ[cluster.create]="POST /api/sessions/$S/rounds/$RB/clusters {\"name\":\"C3\"}"
REQ[cluster.rename]="PATCH /api/sessions/$S/rounds/$RB/clusters/$CL1 {\"name\":\"C1b\"}"
REQ[cluster.delete]="DELETE /api/sessions/$S/rounds/$RB/clusters/$CL2"
REQ[cluster.merge]="POST /api/sessions/$S/rounds/$RB/clusters/$CL1/merge {\"into\":$CL1}"
REQ[participant.cluster]="POST /api/participant/rounds/$RB/clusters {\"name\":\"Theirs\"}"
REQ[participant.idea_cluster]="POST /api/participant/rounds/$RB/ideas/$IDEA/cluster {\"cluster\":null}"
REQ[answer.hide]="PATCH /api/sessions/$S/rounds/$RO/answers/$ANS {\"hidden\":false}"
REQ[participant.ideas]="GET /api/participant/rounds/$RB/ideas"
REQ[participant.idea_edit]="PATCH /api/participant/rounds/$RB/ideas/$IDEA {\"text\":\"First idea\"}"
REQ[participant.idea_delete]="DELETE /api/participant/rounds/$RB/ideas/$IDEA2"
REQ[participant.like]="POST /api/participant/rounds/$RB/ideas/$IDEA/like"
REQ[participant.unlike]="DELETE /api/participant/rounds/$RB/ideas/$IDEA/like"
REQ[idea.mark]="POST /api/sessions/$S/rounds/$RB/ideas/$IDEA/mark {\"mark\":\"none\"}"
REQ[join]="POST /api/join {\"code\":\"$CODE\",\"display_name\":\"Someone\"}"
REQ[participant.state]="GET /api/participant/state"
REQ[plan.list]="GET /api/plans"
REQ[billing.webhook]="POST /api/billing/webhook {\"id\":\"evt_1\",\"occurred_at\":\"2026-01-01T00:00:00Z\"}"
REQ[admin.status]="GET /api/admin/status"
REQ[admin.accounts]="GET /api/admin/accounts?q=example"
REQ[admin.account]="GET /api/admin/accounts/$FID"
REQ[admin.disable]="POST /api/admin/accounts/$V/disable"
REQ[admin.enable]="POST /api/admin/accounts/$V/enable"
REQ[admin.plan]="PUT /api/admin/accounts/$V/plan {\"plan\":\"free\"}"
REQ[admin.reset_link]="POST /api/admin/accounts/$V/reset-link"
REQ[admin.logins_end]="DELETE /api/admin/accounts/$V/logins"
REQ[admin.audit]="GET /api/admin/audit?limit=5"
REQ[admin.config]="GET /api/admin/config"
REQ[admin.refused]="GET /api/_refused"
REQ[member.list]="GET /api/sessions/$S/members"
REQ[member.invite]="POST /api/sessions/$S/members {\"email\":\"y@example.org\",\"role\":\"moderator\"}"
REQ[member.revoke]="DELETE /api/sessions/$S/members/$XM"
REQ[invitation.accept]="POST /api/invitations/accept {\"token\":\"$(printf '0%.0s' $(seq 1 64))\"}"
REQ[round.correct]="GET /api/sessions/$S/rounds/$R/correct"
REQ[round.correct_set]="PUT /api/sessions/$S/rounds/$R/correct {\"correct\":[$OPT]}"
REQ[session.leaderboard]="GET /api/sessions/$S/leaderboard"
REQ[session.leaderboard_set]="PATCH /api/sessions/$S/leaderboard {\"hidden\":false}"
REQ[profile.get]="GET /api/sessions/$S/profile"
REQ[profile.set]="PUT /api/sessions/$S/profile {\"group_min\":5}"
REQ[profile.group_view]="PUT /api/sessions/$S/group-view {\"question\":null}"
REQ[round.groups]="GET /api/sessions/$S/rounds/$RO/groups"
REQ[participant.profile]="GET /api/participant/profile"
REQ[participant.profile_answer]="POST /api/participant/profile {\"question\":1,\"answer\":null}"

# What ends a login, a participant or the session goes last.
LAST="account.login_end session.participant_remove session.stop logout"
order=$(printf '%s\n' "$matrix" | cut -f1 | grep -vxF -f <(tr ' ' '\n' <<<"$LAST"); tr ' ' '\n' <<<"$LAST")

# Refusals that are authorization; any other answer means the route did
# its work for the caller (perhaps refusing the input).
verdict() {
	local c
	c=$(jget "$body" error.code 2>/dev/null)
	case "$code:$c" in
	401:login_required|401:login_expired|401:session_ended|401:bad_signature|403:cross_site|403:csrf_token|403:forbidden|404:not_found)
		echo deny ;;
	*)	echo allow ;;
	esac
}

# The co-facilitator's turn ends as the facilitator's does: S stopped,
# P removed, a cluster deleted.  Before the facilitator's turn S runs
# again, with a participant and a cluster of its own to remove.
again() {
	call facilitator POST "/api/sessions/$S/start" ''
	CODE=$(jget "$body" session.join_code)
	call participant POST /api/join "{\"code\":\"$CODE\",\"display_name\":\"Pieter Participant\"}"
	P=$(jget "$body" participant.id)
	call facilitator POST "/api/sessions/$S/rounds/$RB/clusters" '{"name":"C4"}'
	CL2=$(sql -e "SELECT id FROM cluster WHERE round_id = $RB AND name = 'C4'")
	ok $([ -n "$P" ] && [ -n "$CL2" ]; echo $?) "S runs again: participant $P, cluster $CL2"
	REQ[session.participant_remove]="DELETE /api/sessions/$S/participants/$P"
	REQ[cluster.delete]="DELETE /api/sessions/$S/rounds/$RB/clusters/$CL2"
	REQ[join]="POST /api/join {\"code\":\"$CODE\",\"display_name\":\"Someone\"}"
}

col=4
for role in anonymous other_facilitator other_participant admin auditor revoked moderator participant co_facilitator facilitator; do
	case $role in
	anonymous) col=4 ;; participant) col=5 ;; facilitator) col=6 ;;
	other_facilitator) col=7 ;; other_participant) col=8 ;; admin) col=9 ;;
	auditor) col=10 ;; co_facilitator) col=11 ;; moderator) col=12 ;;
	revoked) col=13 ;;
	esac
	[ $role = facilitator ] && again
	for route in $order; do
		want=$(printf '%s\n' "$matrix" | awk -F '\t' -v r="$route" -v c=$col '$1 == r { print $c }')
		set -- ${REQ[$route]%% \{*}
		data=""
		case "${REQ[$route]}" in *" {"*) data="{${REQ[$route]#* \{}" ;; esac
		# Joining must not turn the caller into a participant.
		if [ "$route" = join ]; then
			NOSAVE=1 call "$role" "$1" "$2" "$data"
		else
			call "$role" "$1" "$2" "$data"
		fi
		got=$(verdict)
		is "$got" "$want" "$role: $route ($code) is $want"
		if [ "$want" = deny ]; then
			unlike "$body" 'Matrix session|Pieter Participant|f@example.org' \
			    "$role: $route shows nothing of F's session or account"
		fi
		# A revoked member does not even learn that S exists.
		if [ $role = revoked ] && [ "$want" = deny ]; then
			case "$2" in "/api/sessions/$S"|"/api/sessions/$S/"*)
				is "$code" 404 "revoked: $route is 404" ;;
			esac
		fi
	done
done

done_testing
