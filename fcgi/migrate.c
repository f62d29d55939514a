/* SPDX-License-Identifier: ISC */
/*
 * migrate.c: schema migrations.  sql/ holds files named NNN_name.sql,
 * applied in numeric order by the migration account (which may change
 * the schema; the application's account may not).  schema_migrations
 * records each applied version.  Migrations only go forward: the tool
 * refuses to touch a database that has a version this program does not
 * know, since that database belongs to a newer release.
 *
 * MariaDB commits DDL implicitly, so a migration is not one transaction;
 * a file that fails stops the run before its version is recorded, and
 * the operator fixes and reruns.  Migration files are written to be
 * re-runnable for that reason (IF NOT EXISTS).
 */
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extern.h"
#include "db.h"
#include "migrate.h"
#include "banned.h"

/*
 * Parses a migration file name "NNN_name.sql" (digits, '_', then
 * [a-z0-9_]).  Returns the version (> 0), or -1 if the name is not one.
 */
long long
migration_version(const char *name)
{
	const char	*p;
	long long	 v;
	size_t		 len = strlen(name), d;

	for (d = 0; d < len && name[d] >= '0' && name[d] <= '9'; d++)
		continue;
	if (d == 0 || d >= len || name[d] != '_' || len < d + 6 ||
	    strcmp(name + len - 4, ".sql") != 0)
		return -1;
	for (p = name + d + 1; p < name + len - 4; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '_'))
			return -1;
	if (parse_int(name, d, 1, 999999, &v) == -1)
		return -1;
	return v;
}

static int
mig_cmp(const void *a, const void *b)
{
	const struct migration	*x = a, *y = b;

	return (x->version > y->version) - (x->version < y->version);
}

/*
 * Lists the migration files of dir in order.  Two files with the same
 * version are an error.  Returns the count (*out allocated, free with
 * migrations_free), or -1 with err set.
 */
int
migrations_list(const char *dir, struct migration **out, char *err,
    size_t errsz)
{
	DIR			*d;
	struct dirent		*de;
	struct migration	*m = NULL;
	long long		 v;
	size_t			 n = 0, i;

	*out = NULL;
	if ((d = opendir(dir)) == NULL) {
		msgf(err, errsz, "%s: %s", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if ((v = migration_version(de->d_name)) < 0)
			continue;
		m = xreallocarray(m, n + 1, sizeof(*m));
		m[n].version = v;
		m[n].name = xstrdup(de->d_name);
		m[n].path = xasprintf("%s/%s", dir, de->d_name);
		n++;
	}
	closedir(d);
	qsort(m, n, sizeof(*m), mig_cmp);
	for (i = 1; i < n; i++)
		if (m[i].version == m[i - 1].version) {
			msgf(err, errsz, "%s and %s have the same version",
			    m[i - 1].name, m[i].name);
			migrations_free(m, n);
			return -1;
		}
	*out = m;
	return (int)n;
}

void
migrations_free(struct migration *m, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(m[i].name);
		free(m[i].path);
	}
	free(m);
}

/* Collects applied versions into a growing array. */
struct applied {
	long long	*v;
	size_t		 n;
};

static int
applied_row(void *arg, const struct dbcol *c, size_t n)
{
	struct applied	*a = arg;
	long long	 v;

	if (n < 1 || parse_int(c[0].s, c[0].len, 1, 999999, &v) == -1)
		return -1;
	a->v = xreallocarray(a->v, a->n + 1, sizeof(*a->v));
	a->v[a->n++] = v;
	return 0;
}

static char *
slurp(const char *path, size_t *len, char *err, size_t errsz)
{
	FILE	*f;
	char	*buf = NULL;
	size_t	 cap = 0, n;

	*len = 0;
	if ((f = fopen(path, "r")) == NULL) {
		msgf(err, errsz, "%s: %s", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		if (*len + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 8192;
			buf = xreallocarray(buf, 1, cap);
		}
		n = fread(buf + *len, 1, cap - *len - 1, f);
		*len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		msgf(err, errsz, "%s: read error", path);
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[*len] = '\0';
	return buf;
}

/*
 * Brings the database up to the newest migration in dir, printing what
 * it does to out.  Returns 0, or -1 with err set: a database newer than
 * dir, an applied version missing from dir, or a failed migration.
 */
int
migrate_run(struct db *db, const char *dir, FILE *out, char *err,
    size_t errsz)
{
	struct migration	*m = NULL;
	struct applied		 a = { NULL, 0 };
	struct dbparam		 p[2];
	char			*sql, e[512];
	size_t			 len, i, j;
	int			 n, rc = -1, ran = 0;

	if ((n = migrations_list(dir, &m, err, errsz)) == -1)
		return -1;
	if (db_exec(db, STMT_MIG_CREATE, NULL, 0, NULL, NULL) < 0 ||
	    db_exec(db, STMT_MIG_LIST, NULL, 0, applied_row, &a) < 0) {
		msgf(err, errsz, "cannot read schema_migrations (is the "
		    "database up, and the migration account's password in "
		    "the secrets file?)");
		goto out;
	}
	for (j = 0; j < a.n; j++) {
		for (i = 0; i < (size_t)n; i++)
			if (m[i].version == a.v[j])
				break;
		if (i == (size_t)n) {
			msgf(err, errsz, "the database has migration %lld, "
			    "which this primoforum does not know (it knows up "
			    "to %lld): it belongs to a newer release; refusing "
			    "to migrate", a.v[j], n > 0 ? m[n - 1].version : 0);
			goto out;
		}
	}
	for (i = 0; i < (size_t)n; i++) {
		for (j = 0; j < a.n; j++)
			if (a.v[j] == m[i].version)
				break;
		if (j < a.n)
			continue;
		if ((sql = slurp(m[i].path, &len, err, errsz)) == NULL)
			goto out;
		fprintf(out, "applying %s\n", m[i].name);
		if (db_script(db, sql, len, e, sizeof(e)) == -1) {
			msgf(err, errsz, "%s: %s", m[i].name, e);
			free(sql);
			goto out;
		}
		free(sql);
		memset(p, 0, sizeof(p));
		p[0].type = DBT_INT;
		p[0].i = m[i].version;
		p[1].type = DBT_TEXT;
		p[1].s = m[i].name;
		p[1].len = strlen(m[i].name);
		if (db_exec(db, STMT_MIG_RECORD, p, 2, NULL, NULL) != 1) {
			msgf(err, errsz, "%s: applied but not recorded",
			    m[i].name);
			goto out;
		}
		ran++;
	}
	fprintf(out, "schema at version %lld (%d applied now)\n",
	    n > 0 ? m[n - 1].version : 0, ran);
	rc = 0;
out:
	free(a.v);
	migrations_free(m, n > 0 ? (size_t)n : 0);
	return rc;
}
