/* SPDX-License-Identifier: ISC */
/*
 * test_stmt.c: the statements, split over tables by concern, are each
 * defined exactly once, and each has SQL.
 */
#include <string.h>

#include "extern.h"
#include "db.h"
#include "tap.h"

int
main(void)
{
	int	 s, empty = 0;

	is_int(stmt_check(), STMT__MAX, "every statement defined once");
	for (s = 0; s < STMT__MAX; s++)
		if (stmt_sql(s) == NULL || strlen(stmt_sql(s)) < 6)
			empty++;
	is_int(empty, 0, "every statement has its SQL");
	ok(stmt_retry(STMT_SCHEMA_VERSION), "a read is retry-safe");
	ok(!stmt_retry(STMT_BEGIN), "a transaction's start is not");
	ok(stmt_session(STMT_SESSION_STOP) == 1, "a stop names its session");
	return done_testing();
}
