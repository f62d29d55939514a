/*
 * db.h: the database, as the rest of primoforum sees it.  db.c owns the
 * MariaDB connection and is the only file that includes <mysql.h>.  SQL
 * lives in db.c as a table of prepared statements indexed by enum stmt;
 * callers pass parameters and receive rows as text columns.
 */
#ifndef DB_H
#define DB_H

#include <stddef.h>

struct db;

/* Every statement the program runs; the SQL is in db.c's stmts[]. */
enum stmt {
	STMT_SCHEMA_VERSION,	/* the highest applied migration */
	STMT_MIG_CREATE,	/* schema_migrations, if missing */
	STMT_MIG_LIST,		/* applied migrations, in order */
	STMT_MIG_RECORD,	/* record one applied migration */
	STMT__MAX
};

/* Results of db_exec() below zero. */
#define DB_ERROR	(-1)	/* statement failed; logged */
#define DB_DOWN		(-2)	/* no connection to the server */
#define DB_DUP		(-3)	/* a unique key refused the row */

/* Where and as whom to connect; strings are copied by db_open(). */
struct dbconf {
	const char	*socket;	/* unix socket of the server */
	const char	*name;		/* database */
	const char	*user;
	const char	*password;
	unsigned int	 timeout;	/* connect, read, write: seconds */
	int		 multi;		/* allow multi-statement scripts */
};

/* A parameter to bind. */
enum dbtype {
	DBT_INT,
	DBT_TEXT,
	DBT_NULL
};
struct dbparam {
	enum dbtype	 type;
	long long	 i;
	const char	*s;
	size_t		 len;
};

/* One column of a result row, as text; valid during the callback. */
struct dbcol {
	const char	*s;
	size_t		 len;
	int		 null;
};

/* Called for each row; return 0 to go on, -1 to stop with DB_ERROR. */
typedef int (*db_row_fn)(void *, const struct dbcol *, size_t);

struct db	*db_open(const struct dbconf *);
void		 db_free(struct db *);
int		 db_connected(const struct db *);
int		 db_exec(struct db *, enum stmt, const struct dbparam *,
		    size_t, db_row_fn, void *);
int		 db_script(struct db *, const char *, size_t, char *, size_t);

#endif /* DB_H */
