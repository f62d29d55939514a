/* SPDX-License-Identifier: ISC */
/*
 * route.c: the route table.  Every API route is one row: method, path
 * pattern, handler and name.  The name goes into the log and into
 * docs/api.md; the authorization matrix (docs/) lists the same names.
 * A path that matches a pattern but not its method gets 405 with an
 * Allow header; a path that matches nothing gets 404.  HEAD is served by
 * the GET handler (worker.c sends no body).
 *
 * Before a handler runs, route_guard() refuses cross-site requests that
 * change state (403), checks the login of routes that need one (401) and
 * its CSRF token (403; both refusals are audit events), the role and
 * two-factor of staff routes (403, audited), the signature of the
 * billing webhook (401), and parses a request body (if any) as JSON under
 * the limits (request_json: 415, 413 or 400), so no handler sees an
 * unchecked body or an unauthenticated caller.  One exception: the
 * answer's hot path checks the participant's token in the statement
 * that stores the answer (token_in_handler()), with the same refusals.
 *
 * Patterns are literal segments and "{id}" segments (a positive decimal
 * number, stored in r->ids in order).
 */
#include <stdio.h>
#include <string.h>

#include "extern.h"
#include "banned.h"

enum routeid {
	ROUTE_HEALTH,
	ROUTE_REGISTER,
	ROUTE_LOGIN,
	ROUTE_LOGOUT,
	ROUTE_ACCOUNT_GET,
	ROUTE_ACCOUNT_DELETE,
	ROUTE_ACCOUNT_EXPORT,
	ROUTE_PASSWORD_CHANGE,
	ROUTE_LOGINS_LIST,
	ROUTE_LOGIN_END,
	ROUTE_TOTP_SETUP,
	ROUTE_TOTP_ENABLE,
	ROUTE_TOTP_DISABLE,
	ROUTE_PASSWORD_FORGOT,
	ROUTE_PASSWORD_RESET,
	ROUTE_SESSIONS_LIST,
	ROUTE_SESSION_CREATE,
	ROUTE_SESSION_GET,
	ROUTE_SESSION_UPDATE,
	ROUTE_SESSION_DELETE,
	ROUTE_SESSION_DUPLICATE,
	ROUTE_SESSION_START,
	ROUTE_SESSION_STOP,
	ROUTE_SESSION_LOCK,
	ROUTE_SESSION_UNLOCK,
	ROUTE_SESSION_LIVE,
	ROUTE_SESSION_QR,
	ROUTE_PARTICIPANT_REMOVE,
	ROUTE_SESSION_STEP,
	ROUTE_SESSION_TIMER,
	ROUTE_SESSION_TIMER_STOP,
	ROUTE_SESSION_PROJECTOR,
	ROUTE_PROJECTOR_STATE,
	ROUTE_ROUNDS_LIST,
	ROUTE_ROUND_CREATE,
	ROUTE_ROUND_DELETE,
	ROUTE_ROUND_UPDATE,
	ROUTE_ROUND_MOVE,
	ROUTE_ROUND_OPEN,
	ROUTE_ROUND_CLOSE,
	ROUTE_ROUND_REVEAL,
	ROUTE_ROUND_HIDE,
	ROUTE_ROUND_RESULTS,
	ROUTE_ROUND_CLOUD,
	ROUTE_ROUND_CSV,
	ROUTE_ROUND_TYPES,
	ROUTE_RESPONSES_CSV,
	ROUTE_SESSION_XLSX,
	ROUTE_SESSION_EXPORT,
	ROUTE_TEMPLATES_LIST,
	ROUTE_TEMPLATE_SAVE,
	ROUTE_TEMPLATE_USE,
	ROUTE_TEMPLATE_DELETE,
	ROUTE_IDEAS_LIST,
	ROUTE_IDEA_UPDATE,
	ROUTE_IDEA_MERGE,
	ROUTE_CLUSTER_CREATE,
	ROUTE_CLUSTER_RENAME,
	ROUTE_CLUSTER_DELETE,
	ROUTE_CLUSTER_MERGE,
	ROUTE_JOIN,
	ROUTE_PARTICIPANT_STATE,
	ROUTE_ROUND_ANSWER,
	ROUTE_ROUND_IDEA,
	ROUTE_PART_CLUSTER_CREATE,
	ROUTE_PART_IDEA_CLUSTER,
	ROUTE_PLANS,
	ROUTE_BILLING_WEBHOOK,
	ROUTE_ADMIN_STATUS,
	ROUTE_ADMIN_ACCOUNTS,
	ROUTE_ADMIN_ACCOUNT,
	ROUTE_ADMIN_DISABLE,
	ROUTE_ADMIN_ENABLE,
	ROUTE_ADMIN_PLAN,
	ROUTE_ADMIN_RESET_LINK,
	ROUTE_ADMIN_LOGINS_END,
	ROUTE_ADMIN_AUDIT,
	ROUTE_ADMIN_CONFIG,
	ROUTE_ADMIN_REFUSED,
	/* The idea wall and open answers. */
	ROUTE_ANSWER_HIDE,
	ROUTE_PART_IDEAS,
	ROUTE_PART_IDEA_EDIT,
	ROUTE_PART_IDEA_DELETE,
	ROUTE_PART_LIKE,
	ROUTE_PART_UNLIKE,
	/* Marks on ideas: the audience Q&A's floor. */
	ROUTE_IDEA_MARK,
	/* The people who run a session with its owner. */
	ROUTE_MEMBERS_LIST,
	ROUTE_MEMBER_INVITE,
	ROUTE_MEMBER_REVOKE,
	ROUTE_INVITATION_ACCEPT,
	/* Scored rounds (a quiz) and the leaderboard: api_quiz.c. */
	ROUTE_CORRECT_GET,
	ROUTE_CORRECT_SET,
	ROUTE_LEADERBOARD_GET,
	ROUTE_LEADERBOARD_SET,
	/* Profile questions and results by group. */
	ROUTE_PROFILE_GET,
	ROUTE_PROFILE_SET,
	ROUTE_GROUP_VIEW,
	ROUTE_ROUND_GROUPS,
	ROUTE_PART_PROFILE,
	ROUTE_PART_PROFILE_GIVE,
	ROUTE__MAX
};

/* Who may call a route. */
enum who {
	WHO_ANYONE,	/* no login needed */
	WHO_ACCOUNT,	/* a login of an account (facilitator or admin) */
	WHO_PARTICIPANT,	/* a participant of a running session */
	WHO_PARTICIPANT_POLL,	/* the same, found by the handler in its
				 * own single query (polling) */
	WHO_ADMIN,	/* a login of an admin with two-factor on (P9) */
	WHO_STAFF,	/* the same, or of an auditor: the audit trail and
			 * the configuration report, no content (P8) */
	WHO_SIGNED,	/* a server: the body signed with the billing key */
	WHO_NGINX	/* nginx itself, for any method (admin.refused) */
};

struct route {
	const char	*name;
	enum method	 method;
	const char	*pattern;
	enum who	 who;
	int		(*fn)(struct request *);
};

static const struct route routes[ROUTE__MAX] = {
	/* Liveness and database status, for monitoring and the pages. */
	[ROUTE_HEALTH] = { "health", METHOD_GET, "/api/health", WHO_ANYONE,
	    api_health },
	/* Accounts: api_account.c, api_login.c, api_totp.c, api_reset.c. */
	[ROUTE_REGISTER] = { "account.register", METHOD_POST, "/api/accounts",
	    WHO_ANYONE, api_register },
	[ROUTE_LOGIN] = { "login", METHOD_POST, "/api/login", WHO_ANYONE,
	    api_login },
	[ROUTE_LOGOUT] = { "logout", METHOD_POST, "/api/logout", WHO_ACCOUNT,
	    api_logout },
	[ROUTE_ACCOUNT_GET] = { "account.get", METHOD_GET, "/api/account",
	    WHO_ACCOUNT, api_account_get },
	[ROUTE_ACCOUNT_DELETE] = { "account.delete", METHOD_DELETE,
	    "/api/account", WHO_ACCOUNT, api_account_delete },
	[ROUTE_ACCOUNT_EXPORT] = { "account.export", METHOD_GET,
	    "/api/account/export", WHO_ACCOUNT, api_account_export },
	[ROUTE_PASSWORD_CHANGE] = { "account.password", METHOD_POST,
	    "/api/account/password", WHO_ACCOUNT, api_password_change },
	[ROUTE_LOGINS_LIST] = { "account.logins", METHOD_GET,
	    "/api/account/logins", WHO_ACCOUNT, api_logins_list },
	[ROUTE_LOGIN_END] = { "account.login_end", METHOD_DELETE,
	    "/api/account/logins/{id}", WHO_ACCOUNT, api_login_end },
	[ROUTE_TOTP_SETUP] = { "account.totp_setup", METHOD_POST,
	    "/api/account/totp/setup", WHO_ACCOUNT, api_totp_setup },
	[ROUTE_TOTP_ENABLE] = { "account.totp_enable", METHOD_POST,
	    "/api/account/totp/enable", WHO_ACCOUNT, api_totp_enable },
	[ROUTE_TOTP_DISABLE] = { "account.totp_disable", METHOD_POST,
	    "/api/account/totp/disable", WHO_ACCOUNT, api_totp_disable },
	[ROUTE_PASSWORD_FORGOT] = { "password.forgot", METHOD_POST,
	    "/api/password/forgot", WHO_ANYONE, api_password_forgot },
	[ROUTE_PASSWORD_RESET] = { "password.reset", METHOD_POST,
	    "/api/password/reset", WHO_ANYONE, api_password_reset },
	/* Sessions of the logged-in account: api_session.c. */
	[ROUTE_SESSIONS_LIST] = { "session.list", METHOD_GET, "/api/sessions",
	    WHO_ACCOUNT, api_sessions_list },
	[ROUTE_SESSION_CREATE] = { "session.create", METHOD_POST,
	    "/api/sessions", WHO_ACCOUNT, api_session_create },
	[ROUTE_SESSION_GET] = { "session.get", METHOD_GET,
	    "/api/sessions/{id}", WHO_ACCOUNT, api_session_get },
	[ROUTE_SESSION_UPDATE] = { "session.update", METHOD_PATCH,
	    "/api/sessions/{id}", WHO_ACCOUNT, api_session_update },
	[ROUTE_SESSION_DELETE] = { "session.delete", METHOD_DELETE,
	    "/api/sessions/{id}", WHO_ACCOUNT, api_session_delete },
	[ROUTE_SESSION_DUPLICATE] = { "session.duplicate", METHOD_POST,
	    "/api/sessions/{id}/duplicate", WHO_ACCOUNT, api_session_duplicate },
	[ROUTE_SESSION_START] = { "session.start", METHOD_POST,
	    "/api/sessions/{id}/start", WHO_ACCOUNT, api_session_start },
	[ROUTE_SESSION_STOP] = { "session.stop", METHOD_POST,
	    "/api/sessions/{id}/stop", WHO_ACCOUNT, api_session_stop },
	[ROUTE_SESSION_LOCK] = { "session.lock", METHOD_POST,
	    "/api/sessions/{id}/lock", WHO_ACCOUNT, api_session_lock },
	[ROUTE_SESSION_UNLOCK] = { "session.unlock", METHOD_POST,
	    "/api/sessions/{id}/unlock", WHO_ACCOUNT, api_session_unlock },
	[ROUTE_SESSION_LIVE] = { "session.live", METHOD_GET,
	    "/api/sessions/{id}/live", WHO_ACCOUNT, api_session_live },
	[ROUTE_SESSION_QR] = { "session.qr", METHOD_GET,
	    "/api/sessions/{id}/qr", WHO_ACCOUNT, api_session_qr },
	[ROUTE_PARTICIPANT_REMOVE] = { "session.participant_remove",
	    METHOD_DELETE, "/api/sessions/{id}/participants/{id}", WHO_ACCOUNT,
	    api_participant_remove },
	/* Presenter mode: the step, the timer, the projector (api_presenter.c). */
	[ROUTE_SESSION_STEP] = { "session.step", METHOD_POST,
	    "/api/sessions/{id}/step", WHO_ACCOUNT, api_session_step },
	[ROUTE_SESSION_TIMER] = { "session.timer", METHOD_POST,
	    "/api/sessions/{id}/timer", WHO_ACCOUNT, api_session_timer },
	[ROUTE_SESSION_TIMER_STOP] = { "session.timer_stop", METHOD_DELETE,
	    "/api/sessions/{id}/timer", WHO_ACCOUNT, api_session_timer_stop },
	[ROUTE_SESSION_PROJECTOR] = { "session.projector", METHOD_POST,
	    "/api/sessions/{id}/projector", WHO_ACCOUNT, api_projector_link },
	/* No login: the handler finds the session by X-Projector-Token. */
	[ROUTE_PROJECTOR_STATE] = { "projector.state", METHOD_GET,
	    "/api/projector/state", WHO_ANYONE, api_projector_state },
	/* Rounds of an account's session: api_round.c. */
	[ROUTE_ROUNDS_LIST] = { "round.list", METHOD_GET,
	    "/api/sessions/{id}/rounds", WHO_ACCOUNT, api_rounds_list },
	[ROUTE_ROUND_CREATE] = { "round.create", METHOD_POST,
	    "/api/sessions/{id}/rounds", WHO_ACCOUNT, api_round_create },
	[ROUTE_ROUND_DELETE] = { "round.delete", METHOD_DELETE,
	    "/api/sessions/{id}/rounds/{id}", WHO_ACCOUNT, api_round_delete },
	[ROUTE_ROUND_UPDATE] = { "round.update", METHOD_PATCH,
	    "/api/sessions/{id}/rounds/{id}", WHO_ACCOUNT, api_round_update },
	[ROUTE_ROUND_MOVE] = { "round.move", METHOD_POST,
	    "/api/sessions/{id}/rounds/{id}/move", WHO_ACCOUNT, api_round_move },
	[ROUTE_ROUND_OPEN] = { "round.open", METHOD_POST,
	    "/api/sessions/{id}/rounds/{id}/open", WHO_ACCOUNT, api_round_open },
	[ROUTE_ROUND_CLOSE] = { "round.close", METHOD_POST,
	    "/api/sessions/{id}/rounds/{id}/close", WHO_ACCOUNT,
	    api_round_close },
	[ROUTE_ROUND_REVEAL] = { "round.reveal", METHOD_POST,
	    "/api/sessions/{id}/rounds/{id}/reveal", WHO_ACCOUNT,
	    api_round_reveal },
	[ROUTE_ROUND_HIDE] = { "round.hide", METHOD_POST,
	    "/api/sessions/{id}/rounds/{id}/hide", WHO_ACCOUNT, api_round_hide },
	[ROUTE_ROUND_RESULTS] = { "round.results", METHOD_GET,
	    "/api/sessions/{id}/rounds/{id}/results", WHO_ACCOUNT,
	    api_round_results },
	[ROUTE_ROUND_CLOUD] = { "round.cloud", METHOD_POST,
	    "/api/sessions/{id}/rounds/{id}/cloud", WHO_ACCOUNT,
	    api_round_cloud },
	/* Downloads: CSV per round (csv.c), JSON per session. */
	[ROUTE_ROUND_CSV] = { "round.csv", METHOD_GET,
	    "/api/sessions/{id}/rounds/{id}/results.csv", WHO_ACCOUNT,
	    api_round_csv },
	/* The round types of round.c's table, for the pages: api_round.c. */
	[ROUTE_ROUND_TYPES] = { "round.types", METHOD_GET, "/api/round-types",
	    WHO_ANYONE, api_round_types },
	[ROUTE_RESPONSES_CSV] = { "session.responses_csv", METHOD_GET,
	    "/api/sessions/{id}/responses.csv", WHO_ACCOUNT,
	    api_responses_csv },
	[ROUTE_SESSION_XLSX] = { "session.xlsx", METHOD_GET,
	    "/api/sessions/{id}/export.xlsx", WHO_ACCOUNT, api_session_xlsx },
	[ROUTE_SESSION_EXPORT] = { "session.export", METHOD_GET,
	    "/api/sessions/{id}/export", WHO_ACCOUNT, api_session_export },
	/* Templates: api_template.c. */
	[ROUTE_TEMPLATES_LIST] = { "template.list", METHOD_GET,
	    "/api/templates", WHO_ACCOUNT, api_templates_list },
	[ROUTE_TEMPLATE_SAVE] = { "template.save", METHOD_POST,
	    "/api/sessions/{id}/template", WHO_ACCOUNT, api_template_save },
	[ROUTE_TEMPLATE_USE] = { "template.use", METHOD_POST,
	    "/api/templates/{id}/use", WHO_ACCOUNT, api_template_use },
	[ROUTE_TEMPLATE_DELETE] = { "template.delete", METHOD_DELETE,
	    "/api/templates/{id}", WHO_ACCOUNT, api_template_delete },
	/* Moderating and clustering a brainstorm: api_idea.c. */
	[ROUTE_IDEAS_LIST] = { "idea.list", METHOD_GET,
	    "/api/sessions/{id}/rounds/{id}/ideas", WHO_ACCOUNT,
	    api_ideas_list },
	[ROUTE_IDEA_UPDATE] = { "idea.update", METHOD_PATCH,
	    "/api/sessions/{id}/rounds/{id}/ideas/{id}", WHO_ACCOUNT,
	    api_idea_update },
	[ROUTE_IDEA_MERGE] = { "idea.merge", METHOD_POST,
	    "/api/sessions/{id}/rounds/{id}/ideas/{id}/merge", WHO_ACCOUNT,
	    api_idea_merge },
	[ROUTE_CLUSTER_CREATE] = { "cluster.create", METHOD_POST,
	    "/api/sessions/{id}/rounds/{id}/clusters", WHO_ACCOUNT,
	    api_cluster_create },
	[ROUTE_CLUSTER_RENAME] = { "cluster.rename", METHOD_PATCH,
	    "/api/sessions/{id}/rounds/{id}/clusters/{id}", WHO_ACCOUNT,
	    api_cluster_rename },
	[ROUTE_CLUSTER_DELETE] = { "cluster.delete", METHOD_DELETE,
	    "/api/sessions/{id}/rounds/{id}/clusters/{id}", WHO_ACCOUNT,
	    api_cluster_delete },
	[ROUTE_CLUSTER_MERGE] = { "cluster.merge", METHOD_POST,
	    "/api/sessions/{id}/rounds/{id}/clusters/{id}/merge", WHO_ACCOUNT,
	    api_cluster_merge },
	/* Participants: api_participant.c, api_round.c. */
	[ROUTE_JOIN] = { "join", METHOD_POST, "/api/join", WHO_ANYONE,
	    api_join },
	[ROUTE_PARTICIPANT_STATE] = { "participant.state", METHOD_GET,
	    "/api/participant/state", WHO_PARTICIPANT_POLL,
	    api_participant_state },
	[ROUTE_ROUND_ANSWER] = { "participant.answer", METHOD_POST,
	    "/api/participant/rounds/{id}/answer", WHO_PARTICIPANT,
	    api_round_answer },
	[ROUTE_ROUND_IDEA] = { "participant.idea", METHOD_POST,
	    "/api/participant/rounds/{id}/ideas", WHO_PARTICIPANT,
	    api_round_idea },
	[ROUTE_PART_CLUSTER_CREATE] = { "participant.cluster", METHOD_POST,
	    "/api/participant/rounds/{id}/clusters", WHO_PARTICIPANT,
	    api_part_cluster_create },
	[ROUTE_PART_IDEA_CLUSTER] = { "participant.idea_cluster", METHOD_POST,
	    "/api/participant/rounds/{id}/ideas/{id}/cluster", WHO_PARTICIPANT,
	    api_part_idea_cluster },
	/* Plans and the billing provider's webhook: plan.c, api_billing.c. */
	[ROUTE_PLANS] = { "plan.list", METHOD_GET, "/api/plans", WHO_ANYONE,
	    api_plans },
	[ROUTE_BILLING_WEBHOOK] = { "billing.webhook", METHOD_POST,
	    "/api/billing/webhook", WHO_SIGNED, api_billing_webhook },
	/*
	 * The admin area: api_admin.c.  nginx passes /api/admin/ only from
	 * the allowlist; these rows add the login, its role and two-factor.
	 */
	[ROUTE_ADMIN_STATUS] = { "admin.status", METHOD_GET,
	    "/api/admin/status", WHO_ADMIN, api_admin_status },
	[ROUTE_ADMIN_ACCOUNTS] = { "admin.accounts", METHOD_GET,
	    "/api/admin/accounts", WHO_ADMIN, api_admin_accounts },
	[ROUTE_ADMIN_ACCOUNT] = { "admin.account", METHOD_GET,
	    "/api/admin/accounts/{id}", WHO_ADMIN, api_admin_account },
	[ROUTE_ADMIN_DISABLE] = { "admin.disable", METHOD_POST,
	    "/api/admin/accounts/{id}/disable", WHO_ADMIN, api_admin_disable },
	[ROUTE_ADMIN_ENABLE] = { "admin.enable", METHOD_POST,
	    "/api/admin/accounts/{id}/enable", WHO_ADMIN, api_admin_enable },
	[ROUTE_ADMIN_PLAN] = { "admin.plan", METHOD_PUT,
	    "/api/admin/accounts/{id}/plan", WHO_ADMIN, api_admin_plan },
	[ROUTE_ADMIN_RESET_LINK] = { "admin.reset_link", METHOD_POST,
	    "/api/admin/accounts/{id}/reset-link", WHO_ADMIN,
	    api_admin_reset_link },
	[ROUTE_ADMIN_LOGINS_END] = { "admin.logins_end", METHOD_DELETE,
	    "/api/admin/accounts/{id}/logins", WHO_ADMIN,
	    api_admin_logins_end },
	[ROUTE_ADMIN_AUDIT] = { "admin.audit", METHOD_GET, "/api/admin/audit",
	    WHO_STAFF, api_admin_audit },
	[ROUTE_ADMIN_CONFIG] = { "admin.config", METHOD_GET,
	    "/api/admin/config", WHO_STAFF, api_admin_config },
	/*
	 * Not callable from outside (nginx answers it 404): where nginx
	 * sends a request for the admin area from an address outside the
	 * allowlist, so the refusal is in the audit trail (P9).
	 */
	[ROUTE_ADMIN_REFUSED] = { "admin.refused", METHOD_GET,
	    "/api/_refused", WHO_NGINX, api_admin_refused },
	/*
	 * The idea wall and open answers: the facilitator hides an open
	 * answer (api_idea.c); a participant lists, mends and takes back
	 * their own ideas (api_answer.c).
	 */
	[ROUTE_ANSWER_HIDE] = { "answer.hide", METHOD_PATCH,
	    "/api/sessions/{id}/rounds/{id}/answers/{id}", WHO_ACCOUNT,
	    api_answer_hide },
	[ROUTE_PART_IDEAS] = { "participant.ideas", METHOD_GET,
	    "/api/participant/rounds/{id}/ideas", WHO_PARTICIPANT,
	    api_part_ideas },
	[ROUTE_PART_IDEA_EDIT] = { "participant.idea_edit", METHOD_PATCH,
	    "/api/participant/rounds/{id}/ideas/{id}", WHO_PARTICIPANT,
	    api_part_idea_edit },
	[ROUTE_PART_IDEA_DELETE] = { "participant.idea_delete",
	    METHOD_DELETE, "/api/participant/rounds/{id}/ideas/{id}",
	    WHO_PARTICIPANT, api_part_idea_delete },
	[ROUTE_PART_LIKE] = { "participant.like", METHOD_POST,
	    "/api/participant/rounds/{id}/ideas/{id}/like", WHO_PARTICIPANT,
	    api_part_like },
	[ROUTE_PART_UNLIKE] = { "participant.unlike", METHOD_DELETE,
	    "/api/participant/rounds/{id}/ideas/{id}/like", WHO_PARTICIPANT,
	    api_part_unlike },
	/* A mark on an idea: being answered, answered (api_idea.c). */
	[ROUTE_IDEA_MARK] = { "idea.mark", METHOD_POST,
	    "/api/sessions/{id}/rounds/{id}/ideas/{id}/mark", WHO_ACCOUNT,
	    api_idea_mark },
	/*
	 * Co-facilitators and moderators (api_member.c): the owner invites
	 * and revokes; the invited account accepts with the mailed token.
	 */
	[ROUTE_MEMBERS_LIST] = { "member.list", METHOD_GET,
	    "/api/sessions/{id}/members", WHO_ACCOUNT, api_members_list },
	[ROUTE_MEMBER_INVITE] = { "member.invite", METHOD_POST,
	    "/api/sessions/{id}/members", WHO_ACCOUNT, api_member_invite },
	[ROUTE_MEMBER_REVOKE] = { "member.revoke", METHOD_DELETE,
	    "/api/sessions/{id}/members/{id}", WHO_ACCOUNT, api_member_revoke },
	[ROUTE_INVITATION_ACCEPT] = { "invitation.accept", METHOD_POST,
	    "/api/invitations/accept", WHO_ACCOUNT, api_invitation_accept },
	[ROUTE_CORRECT_GET] = { "round.correct", METHOD_GET,
	    "/api/sessions/{id}/rounds/{id}/correct", WHO_ACCOUNT,
	    api_correct_get },
	[ROUTE_CORRECT_SET] = { "round.correct_set", METHOD_PUT,
	    "/api/sessions/{id}/rounds/{id}/correct", WHO_ACCOUNT,
	    api_correct_set },
	[ROUTE_LEADERBOARD_GET] = { "session.leaderboard", METHOD_GET,
	    "/api/sessions/{id}/leaderboard", WHO_ACCOUNT,
	    api_leaderboard_get },
	[ROUTE_LEADERBOARD_SET] = { "session.leaderboard_set", METHOD_PATCH,
	    "/api/sessions/{id}/leaderboard", WHO_ACCOUNT,
	    api_leaderboard_set },
	/*
	 * Profile questions and results by group (api_profile.c): the
	 * facilitator sets the questions, the projector's view, and reads
	 * a round's results per group; a participant answers at join.
	 */
	[ROUTE_PROFILE_GET] = { "profile.get", METHOD_GET,
	    "/api/sessions/{id}/profile", WHO_ACCOUNT, api_profile_get },
	[ROUTE_PROFILE_SET] = { "profile.set", METHOD_PUT,
	    "/api/sessions/{id}/profile", WHO_ACCOUNT, api_profile_set },
	[ROUTE_GROUP_VIEW] = { "profile.group_view", METHOD_PUT,
	    "/api/sessions/{id}/group-view", WHO_ACCOUNT, api_group_view },
	[ROUTE_ROUND_GROUPS] = { "round.groups", METHOD_GET,
	    "/api/sessions/{id}/rounds/{id}/groups", WHO_ACCOUNT,
	    api_round_groups },
	[ROUTE_PART_PROFILE] = { "participant.profile", METHOD_GET,
	    "/api/participant/profile", WHO_PARTICIPANT,
	    api_participant_profile },
	[ROUTE_PART_PROFILE_GIVE] = { "participant.profile_answer",
	    METHOD_POST, "/api/participant/profile", WHO_PARTICIPANT,
	    api_participant_profile_give },
};

/* Returns 1 for the methods that change state. */
static int
changes_state(enum method m)
{
	return m == METHOD_POST || m == METHOD_PUT || m == METHOD_PATCH ||
	    m == METHOD_DELETE;
}

/*
 * Returns 1 for the participant route whose handler checks the token
 * itself, in the statement that stores the answer (api_round_answer():
 * the hot path, one round trip less); its refusals are the same.
 */
static int
token_in_handler(const struct route *rt)
{
	return rt == &routes[ROUTE_ROUND_ANSWER];
}

/*
 * The checks every route gets before its handler: CSRF for methods that
 * change state, the login for WHO_ACCOUNT routes (and its CSRF token),
 * and the body as JSON.  Returns 0 to run the handler, or -1 with the
 * response set.
 */
static int
route_guard(struct request *r, const struct route *rt)
{
	if (changes_state(r->method) && !csrf_origin_ok(r)) {
		audit(r, "cross_site_refused", 0, rt->name, "refused");
		resp_error(r, 403, "cross_site",
		    "requests from other sites are refused");
		return -1;
	}
	if (rt->who == WHO_ACCOUNT || rt->who == WHO_ADMIN ||
	    rt->who == WHO_STAFF) {
		if (login_authenticate(r) != 1)
			return -1;
		if (changes_state(r->method) && !csrf_token_ok(r)) {
			audit(r, "csrf_refused", r->auth.account_id, rt->name,
			    "refused");
			resp_error(r, 403, "csrf_token",
			    "the X-CSRF-Token header is missing or wrong");
			return -1;
		}
	}
	/*
	 * Staff routes: the role, and two-factor on (an operator can have
	 * turned it off in the database; the login alone is not enough).
	 */
	if ((rt->who == WHO_ADMIN || rt->who == WHO_STAFF) &&
	    (!r->auth.totp_enabled || r->auth.role == NULL ||
	    (strcmp(r->auth.role, "admin") != 0 && (rt->who == WHO_ADMIN ||
	    strcmp(r->auth.role, "auditor") != 0)))) {
		audit(r, "admin_refused", r->auth.account_id, rt->name,
		    "refused");
		resp_error(r, 403, "forbidden", rt->who == WHO_ADMIN ?
		    "this needs an admin login with two-factor" :
		    "this needs an admin or auditor login with two-factor");
		return -1;
	}
	/* The signature before the body is even parsed. */
	if (rt->who == WHO_SIGNED && !billing_signature_ok(r))
		return -1;
	/* The participant cookie is SameSite=Strict: no token needed. */
	if (rt->who == WHO_PARTICIPANT && !token_in_handler(rt) &&
	    participant_authenticate(r) != 1)
		return -1;
	/*
	 * A body, whatever the route, must be JSON within the limits.  An
	 * empty one is no body, whatever its Content-Type says.  A refused
	 * token comes first, as on every participant route.
	 */
	if (r->bodylen > 0 && request_json(r) != 0) {
		if (rt->who == WHO_PARTICIPANT && token_in_handler(rt))
			(void)participant_authenticate(r);
		return -1;
	}
	return 0;
}

/*
 * Prints the route table, one route a line: name, method, pattern and
 * who may call it (tab-separated).  t/integration/authz.t compares it
 * with docs/authorization.tsv, so a route the matrix does not list fails.
 */
void
route_print(FILE *f)
{
	static const char *const who[] = { "anyone", "account",
	    "participant", "participant", "admin", "staff", "signed",
	    "nginx" };
	size_t	 i;

	for (i = 0; i < ROUTE__MAX; i++)
		fprintf(f, "%s\t%s\t%s\t%s\n", routes[i].name,
		    routes[i].who == WHO_NGINX ? "ANY" :
		    method_name(routes[i].method), routes[i].pattern,
		    who[routes[i].who]);
}

/* Returns the route's name for the log, or "-" for none. */
const char *
route_name(const struct route *rt)
{
	return rt != NULL ? rt->name : "-";
}

/*
 * Matches path against pattern, storing {id} values in r.
 * Returns 1 on a match, 0 otherwise.
 */
static int
route_match(const char *pat, const char *path, struct request *r)
{
	size_t		 n;
	const char	*end;
	long long	 id;

	r->nids = 0;
	for (;;) {
		if (*pat == '\0' || *path == '\0')
			return *pat == *path;
		if (strncmp(pat, "{id}", 4) == 0) {
			for (end = path; *end >= '0' && *end <= '9'; end++)
				continue;
			if (end == path || r->nids == sizeof(r->ids) /
			    sizeof(r->ids[0]) || parse_int(path, end - path,
			    1, INT64_MAX, &id) == -1)
				return 0;
			r->ids[r->nids++] = id;
			pat += 4;
			path = end;
			continue;
		}
		n = strcspn(pat, "{");
		if (strncmp(pat, path, n) != 0)
			return 0;
		pat += n;
		path += n;
	}
}

/*
 * Finds the route for r and runs its handler, or sets a 404 or 405.
 * Handlers set r->resp; this sets nothing else.
 */
void
route_dispatch(struct request *r)
{
	enum method	 m;
	size_t		 i, off = 0;
	int		 seen[METHOD__MAX] = { 0 }, any = 0, n;

	m = r->method == METHOD_HEAD ? METHOD_GET : r->method;
	for (i = 0; i < ROUTE__MAX; i++) {
		if (!route_match(routes[i].pattern, r->path, r))
			continue;
		if (routes[i].method == m || routes[i].who == WHO_NGINX) {
			r->route = &routes[i];
			if (route_guard(r, &routes[i]) == 0)
				(void)routes[i].fn(r);
			return;
		}
		seen[routes[i].method] = any = 1;
	}
	r->nids = 0;
	if (!any) {
		resp_error(r, 404, "not_found", "no such resource");
		return;
	}
	seen[METHOD_HEAD] = seen[METHOD_GET];
	for (m = 0; m < METHOD_OTHER; m++) {
		if (!seen[m])
			continue;
		n = snprintf(r->resp.allow + off, sizeof(r->resp.allow) - off,
		    "%s%s", off > 0 ? ", " : "", method_name(m));
		if (n < 0 || (size_t)n >= sizeof(r->resp.allow) - off)
			break;
		off += (size_t)n;
	}
	resp_error(r, 405, "method_not_allowed",
	    "this resource does not accept %s", r->method_name);
}
