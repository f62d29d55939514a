/* SPDX-License-Identifier: ISC */
/*
 * db.c: the MariaDB connection of one process, running the program's
 * statements (their SQL is the table of stmt.c).  Only this file
 * includes <mysql.h>.
 *
 * A worker holds one connection.  Statements are prepared on first use
 * and kept for the life of the connection, so each is parsed once per
 * connection.  When the server goes away (restart, failover, kill), the
 * statement that noticed fails with DB_DOWN, the connection is dropped,
 * and the next call connects and prepares again; a statement marked
 * "retry" (a read) is tried once more on a fresh connection at once, so
 * a restart costs at most the request in flight and often not even that.
 *
 * Every connection sets utf8mb4, UTC, and a strict sql_mode, so a value
 * that does not fit is an error, never silently changed.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>
#include <openssl/crypto.h>

#include "extern.h"
#include "db.h"
#include "banned.h"


/*
 * READ COMMITTED: no gap locks, so answers that insert responses side by
 * side do not deadlock on the gaps between them (the lost 3% of an
 * earlier try, docs/performance.md); what must not change under a
 * transaction is locked by it (FOR UPDATE, LOCK IN SHARE MODE).
 */
#define SQL_MODE "SET time_zone = '+00:00', " \
	"tx_isolation = 'READ-COMMITTED', sql_mode = " \
	"'STRICT_ALL_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ZERO_DATE," \
	"NO_ZERO_IN_DATE,NO_ENGINE_SUBSTITUTION,ONLY_FULL_GROUP_BY'"


#define DB_CHANGES	32	/* sessions one transaction changes, tracked */

struct db {
	MYSQL		*m;		/* owned; NULL while disconnected */
	MYSQL_STMT	*st[STMT__MAX];	/* owned; prepared on first use */
	char		*socket;	/* owned */
	char		*name;		/* owned */
	char		*user;		/* owned */
	char		*password;	/* owned; wiped on free */
	unsigned int	 timeout;
	int		 multi;
	int		 intx;		/* inside db_begin() .. commit */
	long long	 last_id;	/* of the last INSERT */
	long long	 changes[DB_CHANGES]; /* sessions changed in intx */
	size_t		 nchanges;
	db_change_fn	 change_begin;	/* told of a session's change, */
	db_change_fn	 change_end;	/* or NULL (db_on_change()) */
};

/*
 * The transaction ended: whoever watches changes (the worker's poll
 * table) may trust its sessions again.
 */
static void
db_changes_end(struct db *db)
{
	while (db->nchanges > 0) {
		--db->nchanges;
		if (db->change_end != NULL)
			db->change_end(db->changes[db->nchanges]);
	}
}

/*
 * Tells db.c whom to tell that a session changes: begin is called before
 * a statement that changes what a poll sees runs, end when its
 * transaction is over (stmt_session() says which statements).
 * A lower floor informs a higher one through these, never by a call.
 */
void
db_on_change(struct db *db, db_change_fn begin, db_change_fn end)
{
	db->change_begin = begin;
	db->change_end = end;
}

/* Returns 1 if err means the connection is gone. */
static int
db_lost(unsigned int err)
{
	switch (err) {
	case CR_SERVER_GONE_ERROR:
	case CR_SERVER_LOST:
	case CR_CONNECTION_ERROR:
	case CR_CONN_HOST_ERROR:
	case CR_SERVER_LOST_EXTENDED:
	case CR_COMMANDS_OUT_OF_SYNC:
	case ER_CONNECTION_KILLED:
	case ER_SERVER_SHUTDOWN:
	case ER_QUERY_INTERRUPTED:
		return 1;
	default:
		return 0;
	}
}

/* Drops the connection and its statements. */
static void
db_disconnect(struct db *db)
{
	size_t	 i;

	db->intx = 0;
	db_changes_end(db);
	for (i = 0; i < STMT__MAX; i++)
		if (db->st[i] != NULL) {
			mysql_stmt_close(db->st[i]);
			db->st[i] = NULL;
		}
	if (db->m != NULL)
		mysql_close(db->m);
	db->m = NULL;
}

/*
 * Connects if not connected.  Returns 0, or DB_DOWN (logged once per
 * outage by the caller's status, not here, to keep floods out of logs).
 */
static int
db_connect(struct db *db)
{
	unsigned int	 t = db->timeout, off = 0;

	if (db->m != NULL)
		return 0;
	if ((db->m = mysql_init(NULL)) == NULL)
		return DB_DOWN;
	mysql_options(db->m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(db->m, MYSQL_INIT_COMMAND, SQL_MODE);
	mysql_options(db->m, MYSQL_OPT_CONNECT_TIMEOUT, &t);
	mysql_options(db->m, MYSQL_OPT_READ_TIMEOUT, &t);
	mysql_options(db->m, MYSQL_OPT_WRITE_TIMEOUT, &t);
	mysql_options(db->m, MYSQL_OPT_LOCAL_INFILE, &off);
	if (mysql_real_connect(db->m, "localhost", db->user, db->password,
	    db->name, 0, db->socket,
	    db->multi ? CLIENT_MULTI_STATEMENTS : 0) == NULL) {
		log_warnx("database connect: %s", mysql_error(db->m));
		mysql_close(db->m);
		db->m = NULL;
		return DB_DOWN;
	}
	return 0;
}

/* Copies the configuration; connects lazily, on first use. */
struct db *
db_open(const struct dbconf *c)
{
	struct db	*db;
	enum stmt	 bad;

	/* A statement defined twice or not at all is a build mistake. */
	if ((bad = stmt_check()) != STMT__MAX)
		errx(1, "statement %d is not defined exactly once", (int)bad);
	db = xcalloc(1, sizeof(*db));
	db->socket = xstrdup(c->socket);
	db->name = xstrdup(c->name);
	db->user = xstrdup(c->user);
	db->password = xstrdup(c->password != NULL ? c->password : "");
	db->timeout = c->timeout > 0 ? c->timeout : 5;
	db->multi = c->multi;
	return db;
}

/*
 * Opens the connection the configuration names: the application's
 * account, or with migrate set the migrations' account (which may run
 * multi-statement scripts).
 */
struct db *
db_open_config(const struct config *cfg, int migrate)
{
	struct dbconf	 dc;

	memset(&dc, 0, sizeof(dc));
	dc.socket = cfg->str[CFG_DB_SOCKET];
	dc.name = cfg->str[CFG_DB_NAME];
	dc.user = cfg->str[migrate ? CFG_DB_MIGRATE_USER : CFG_DB_USER];
	dc.password = cfg->secret[migrate ? SECRET_DB_MIGRATE_PASSWORD :
	    SECRET_DB_PASSWORD];
	dc.timeout = (unsigned int)cfg->num[CFG_DB_TIMEOUT];
	dc.multi = migrate;
	return db_open(&dc);
}

void
db_free(struct db *db)
{
	if (db == NULL)
		return;
	db_disconnect(db);
	OPENSSL_cleanse(db->password, strlen(db->password));
	free(db->password);
	free(db->socket);
	free(db->name);
	free(db->user);
	free(db);
}

/* Returns 1 if a connection is open (it may still be stale). */
int
db_connected(const struct db *db)
{
	return db->m != NULL;
}

/*
 * Returns the prepared statement s, preparing it on first use, or NULL
 * with *rc set.
 */
static MYSQL_STMT *
db_stmt(struct db *db, enum stmt s, int *rc)
{
	MYSQL_STMT	*st;
	my_bool		 one = 1;

	if ((*rc = db_connect(db)) != 0)
		return NULL;
	if (db->st[s] != NULL)
		return db->st[s];
	if ((st = mysql_stmt_init(db->m)) == NULL) {
		*rc = DB_DOWN;
		return NULL;
	}
	if (mysql_stmt_prepare(st, stmt_sql(s), strlen(stmt_sql(s)))) {
		*rc = db_lost(mysql_stmt_errno(st)) ? DB_DOWN : DB_ERROR;
		log_warnx("prepare statement %d: %s", (int)s,
		    mysql_stmt_error(st));
		mysql_stmt_close(st);
		return NULL;
	}
	mysql_stmt_attr_set(st, STMT_ATTR_UPDATE_MAX_LENGTH, &one);
	db->st[s] = st;
	return st;
}

/*
 * Fetches every row of st's result and passes each to fn.
 * Returns the number of rows, or DB_ERROR / DB_DOWN.
 */
static int
db_rows(MYSQL_STMT *st, MYSQL_RES *meta, db_row_fn fn, void *arg)
{
	MYSQL_BIND	*b = NULL;
	struct dbcol	*cols = NULL;
	unsigned long	*lens = NULL;
	my_bool		*nulls = NULL;
	MYSQL_FIELD	*f;
	size_t		 i, n;
	int		 rc, rows = 0, frc;

	n = mysql_num_fields(meta);
	if (mysql_stmt_store_result(st)) {
		rc = db_lost(mysql_stmt_errno(st)) ? DB_DOWN : DB_ERROR;
		goto out;
	}
	f = mysql_fetch_fields(meta);
	b = xcalloc(n, sizeof(*b));
	cols = xcalloc(n, sizeof(*cols));
	lens = xcalloc(n, sizeof(*lens));
	nulls = xcalloc(n, sizeof(*nulls));
	for (i = 0; i < n; i++) {
		b[i].buffer_type = MYSQL_TYPE_STRING;
		b[i].buffer_length = (f[i].max_length > 63 ?
		    f[i].max_length : 63) + 1;
		b[i].buffer = xmalloc(b[i].buffer_length);
		b[i].length = &lens[i];
		b[i].is_null = &nulls[i];
	}
	if (mysql_stmt_bind_result(st, b)) {
		rc = DB_ERROR;
		goto out;
	}
	for (;;) {
		frc = mysql_stmt_fetch(st);
		if (frc == MYSQL_NO_DATA)
			break;
		if (frc == 1) {
			rc = db_lost(mysql_stmt_errno(st)) ? DB_DOWN : DB_ERROR;
			goto out;
		}
		for (i = 0; i < n; i++) {
			/* A column longer than max_length said: grow it. */
			if (!nulls[i] && lens[i] >= b[i].buffer_length) {
				free(b[i].buffer);
				b[i].buffer_length = lens[i] + 1;
				b[i].buffer = xmalloc(b[i].buffer_length);
				if (mysql_stmt_fetch_column(st, &b[i],
				    (unsigned int)i, 0)) {
					rc = DB_ERROR;
					goto out;
				}
			}
			((char *)b[i].buffer)[nulls[i] ? 0 : lens[i]] = '\0';
			cols[i].s = b[i].buffer;
			cols[i].len = nulls[i] ? 0 : lens[i];
			cols[i].null = nulls[i];
		}
		rows++;
		if (fn != NULL && fn(arg, cols, n) == -1) {
			rc = DB_ERROR;
			goto out;
		}
	}
	rc = rows;
out:
	mysql_stmt_free_result(st);
	for (i = 0; b != NULL && i < n; i++)
		free(b[i].buffer);
	free(b);
	free(cols);
	free(lens);
	free(nulls);
	return rc;
}

/* One attempt at db_exec(). */
static int
db_exec1(struct db *db, enum stmt s, const struct dbparam *p, size_t np,
    db_row_fn fn, void *arg)
{
	MYSQL_STMT	*st;
	MYSQL_BIND	*b = NULL;
	MYSQL_RES	*meta = NULL;
	unsigned long	*lens = NULL;
	size_t		 i;
	int		 rc;
	unsigned int	 err;

	if ((st = db_stmt(db, s, &rc)) == NULL)
		return rc;
	if (np != mysql_stmt_param_count(st)) {
		log_warnx("statement %d: %zu parameters for %lu", (int)s, np,
		    mysql_stmt_param_count(st));
		return DB_ERROR;
	}
	if (np > 0) {
		b = xcalloc(np, sizeof(*b));
		lens = xcalloc(np, sizeof(*lens));
		for (i = 0; i < np; i++) {
			switch (p[i].type) {
			case DBT_INT:
				b[i].buffer_type = MYSQL_TYPE_LONGLONG;
				b[i].buffer = (void *)&p[i].i;
				break;
			case DBT_TEXT:
			case DBT_BLOB:
				b[i].buffer_type = p[i].type == DBT_BLOB ?
				    MYSQL_TYPE_BLOB : MYSQL_TYPE_STRING;
				b[i].buffer = (void *)p[i].s;
				lens[i] = p[i].len;
				b[i].buffer_length = p[i].len;
				b[i].length = &lens[i];
				break;
			case DBT_NULL:
				b[i].buffer_type = MYSQL_TYPE_NULL;
				break;
			}
		}
		if (mysql_stmt_bind_param(st, b)) {
			rc = DB_ERROR;
			goto out;
		}
	}
	if (mysql_stmt_execute(st)) {
		err = mysql_stmt_errno(st);
		if (err == ER_DUP_ENTRY)
			rc = DB_DUP;
		else if (err == ER_LOCK_DEADLOCK)
			rc = DB_DEADLOCK;
		else if (db_lost(err))
			rc = DB_DOWN;
		else {
			log_warnx("statement %d: %s", (int)s,
			    mysql_stmt_error(st));
			rc = DB_ERROR;
		}
		goto out;
	}
	/* Only an INSERT makes an id; other statements leave it be. */
	if (mysql_stmt_insert_id(st) != 0)
		db->last_id = (long long)mysql_stmt_insert_id(st);
	if ((meta = mysql_stmt_result_metadata(st)) == NULL)
		rc = (int)mysql_stmt_affected_rows(st);
	else
		rc = db_rows(st, meta, fn, arg);
out:
	if (meta != NULL)
		mysql_free_result(meta);
	free(b);
	free(lens);
	return rc;
}

/*
 * Runs statement s with np parameters; for a query, calls fn for each
 * row.  Returns the number of rows (a query) or affected rows (a change),
 * or DB_DUP, DB_DOWN or DB_ERROR.  After DB_DOWN the connection is
 * dropped; a retry-safe statement is tried once more at once.
 */
int
db_exec(struct db *db, enum stmt s, const struct dbparam *p, size_t np,
    db_row_fn fn, void *arg)
{
	int		 rc, had = db->m != NULL;
	size_t		 sp;
	long long	 sess = 0;

	if ((sp = stmt_session(s)) > 0 && sp <= np &&
	    p[sp - 1].type == DBT_INT) {
		sess = p[sp - 1].i;
		if (db->change_begin != NULL)
			db->change_begin(sess);
		if (db->intx && db->nchanges < DB_CHANGES) {
			db->changes[db->nchanges++] = sess;
			sess = 0;
		}
	}
	rc = db_exec1(db, s, p, np, fn, arg);
	if (rc == DB_DOWN) {
		db_disconnect(db);
		/* Never inside a transaction: its earlier work is gone. */
		if (had && stmt_retry(s) && !db->intx) {
			rc = db_exec1(db, s, p, np, fn, arg);
			if (rc == DB_DOWN)
				db_disconnect(db);
		}
	}
	/* Not in a transaction (or past DB_CHANGES): it ended already. */
	if (sess != 0 && db->change_end != NULL)
		db->change_end(sess);
	return rc;
}

/*
 * Runs a script of several statements (a migration file) as it is.
 * This and only this runs SQL that is not a prepared statement: the
 * migration files are part of the program, never user input.
 * Returns 0, or -1 with err set.
 */
int
db_script(struct db *db, const char *sql, size_t len, char *err,
    size_t errsz)
{
	MYSQL_RES	*res;
	int		 st;

	if (db_connect(db) != 0) {
		msgf(err, errsz, "cannot connect to the database");
		return -1;
	}
	if (mysql_real_query(db->m, sql, len))
		goto fail;
	do {
		if ((res = mysql_store_result(db->m)) != NULL)
			mysql_free_result(res);
		else if (mysql_field_count(db->m) != 0)
			goto fail;
	} while ((st = mysql_next_result(db->m)) == 0);
	if (st > 0)
		goto fail;
	return 0;
fail:
	msgf(err, errsz, "%s", mysql_error(db->m));
	db_disconnect(db);
	return -1;
}

/*
 * Transactions.  db_begin() connects if needed; a lost connection inside
 * a transaction is not retried (the work is gone with it), the caller
 * answers 503.  Returns 0, or DB_DOWN / DB_ERROR.
 */
int
db_begin(struct db *db)
{
	int	 rc, had = db->m != NULL;

	if ((rc = db_exec1(db, STMT_BEGIN, NULL, 0, NULL, NULL)) == DB_DOWN) {
		/* Stale connection: one fresh try, nothing is lost yet. */
		db_disconnect(db);
		if (had)
			rc = db_exec1(db, STMT_BEGIN, NULL, 0, NULL, NULL);
		if (rc == DB_DOWN)
			db_disconnect(db);
	}
	if (rc < 0)
		return rc;
	db->intx = 1;
	return 0;
}

int
db_commit(struct db *db)
{
	int	 rc = 0;

	if (db->m == NULL)
		return DB_DOWN;
	if (mysql_commit(db->m)) {
		rc = db_lost(mysql_errno(db->m)) ? DB_DOWN : DB_ERROR;
		log_warnx("commit: %s", mysql_error(db->m));
	}
	db->intx = 0;
	db_changes_end(db);
	if (rc == DB_DOWN)
		db_disconnect(db);
	return rc;
}

/* A row callback for a single count or id: column 0 into *(long long *). */
int
db_row_int(void *arg, const struct dbcol *c, size_t n)
{
	return n >= 1 && !c[0].null && parse_int(c[0].s, c[0].len, 0,
	    INT64_MAX, arg) == 0 ? 0 : -1;
}

/* Returns 1 between db_begin() and its commit or rollback. */
int
db_in_transaction(const struct db *db)
{
	return db->intx;
}

void
db_rollback(struct db *db)
{
	db->intx = 0;
	db_changes_end(db);
	if (db->m == NULL)
		return;
	if (mysql_rollback(db->m))
		db_disconnect(db);
}

/* Returns the id the last INSERT made on this connection. */
long long
db_last_id(struct db *db)
{
	return db->last_id;
}
