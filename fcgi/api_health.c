/* SPDX-License-Identifier: ISC */
/*
 * api_health.c: GET /api/health, for monitoring (P13) and the landing
 * page.  It asks the database for the schema version, which proves a
 * working connection and the migrations in one primary-key read.
 * 200 {"status":"ok","database":"ok","schema":N}, or 503 with
 * Retry-After while the database cannot be reached.
 */
#include <stdlib.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

/* GET /api/health: 200 with the schema version, or 503. */
int
api_health(struct request *r)
{
	struct jw	*w;
	long long	 version = -1;
	int		 rc;

	rc = db_exec(r->db, STMT_SCHEMA_VERSION, NULL, 0, db_row_int,
	    &version);
	if (rc != 1 || version > INT32_MAX) {
		r->resp.retry_after = 5;
		return resp_error(r, 503, "database_unavailable",
		    "the database is not reachable");
	}
	w = resp_json(r, 200);
	jw_obj(w);
	jw_kstr(w, "status", "ok");
	jw_kstr(w, "database", "ok");
	jw_kint(w, "schema", version);
	jw_end(w);
	return resp_done(r, w);
}
