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
extern const struct stmtdef stmts_profile[STMT__MAX];

#endif
