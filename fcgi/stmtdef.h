/* SPDX-License-Identifier: ISC */
/*
 * stmtdef.h: the shape of a table of statements (stmt.c, stmtsess.c, ...).
 * Each table is indexed by enum stmt and defines only its own rows, the
 * rest left NULL; stmt.c looks a statement up in each.
 */
#ifndef STMTDEF_H
#define STMTDEF_H

struct stmtdef {
	const char	*sql;
	int		 retry;	/* safe to run again after a lost connection */
};

extern const struct stmtdef stmts_account[STMT__MAX];
extern const struct stmtdef stmts_session[STMT__MAX];
extern const struct stmtdef stmts_qa[STMT__MAX];
extern const struct stmtdef stmts_member[STMT__MAX];
extern const struct stmtdef stmts_quiz[STMT__MAX];
extern const struct stmtdef stmts_profile[STMT__MAX];

/* The columns of a session, as api_session.c reads them. */
#define SESSION_COLS "s.id, s.title, s.description, s.language, s.named, " \
	"s.teams_on, s.max_participants, s.allow_change, s.state, s.locked, " \
	"s.join_code, s.run, s.version, " \
	"DATE_FORMAT(s.started_at, '%Y-%m-%dT%H:%i:%sZ'), " \
	"DATE_FORMAT(s.stopped_at, '%Y-%m-%dT%H:%i:%sZ'), " \
	"DATE_FORMAT(s.created_at, '%Y-%m-%dT%H:%i:%sZ')"

/*
 * Who may act on session s (a table or alias with id and account_id),
 * as a condition with one parameter, the caller's account: MAY_RUN, its
 * owner or a co-facilitator who accepted; MAY_SEE, those and a moderator
 * who accepted (024_members.sql).  member.c checks the same in C before
 * a handler works (member_check()); a statement that names the account
 * says it with these, so that it is right on its own too (P4).
 */
#define MAY_ROLE(s, roles) "EXISTS (SELECT 1 FROM account ra WHERE " \
	"ra.id = ? AND (ra.id = " s ".account_id OR EXISTS (SELECT 1 FROM " \
	"session_member rm WHERE rm.session_id = " s ".id AND " \
	"rm.account_id = ra.id AND rm.accepted_at IS NOT NULL AND " \
	"rm.role IN (" roles "))))"
#define MAY_RUN(s)	MAY_ROLE(s, "'cofacilitator'")
#define MAY_SEE(s)	MAY_ROLE(s, "'cofacilitator', 'moderator'")

#endif
