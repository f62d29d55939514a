/* SPDX-License-Identifier: ISC */
/*
 * ops.c: what primoforumctl does for operators beyond accounts and the
 * audit trail: backup and restore (mariadb-dump and mariadb, as the
 * migrations account), retention (purge), and check, which compares an
 * installation with the secure baseline for sysadmins and auditors.
 *
 * The database password never appears on a command line: the client
 * programs get it in a 0600 option file that is removed at once.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extern.h"
#include "db.h"
#include "migrate.h"
#include "banned.h"

extern char **environ;

/*
 * Writes a [client] option file for the migrations account into path
 * (a template for mkstemp).  Returns 0, or -1 with errno set.
 */
static int
client_options(const struct config *cfg, char *path)
{
	FILE	*f;
	int	 fd;

	if ((fd = mkstemp(path)) == -1)
		return -1;
	if ((f = fdopen(fd, "w")) == NULL) {
		close(fd);
		unlink(path);
		return -1;
	}
	/* Option files take quoted values; a password has no quote or \. */
	fprintf(f, "[client]\nuser=\"%s\"\npassword=\"%s\"\nsocket=\"%s\"\n",
	    cfg->str[CFG_DB_MIGRATE_USER],
	    cfg->secret[SECRET_DB_MIGRATE_PASSWORD],
	    cfg->str[CFG_DB_SOCKET]);
	if (fclose(f) == EOF) {
		unlink(path);
		return -1;
	}
	return 0;
}

/*
 * Runs prog (found on PATH) with the option file and args, its standard
 * input from infd and output to outfd (-1: inherited).  Returns its exit
 * status, or -1.
 */
static int
run_client(const char *prog, const char *opts, const char *const args[],
    int infd, int outfd)
{
	posix_spawn_file_actions_t	 fa;
	char				*argv[16], optfile[512];
	pid_t				 pid;
	size_t				 n = 0, i;
	int				 st, rc;

	/* The client would read another file than ours: refuse. */
	if (strfmt(optfile, sizeof(optfile), "--defaults-extra-file=%s",
	    opts) == -1) {
		log_warnx("%s: option file path too long", opts);
		return -1;
	}
	argv[n++] = (char *)prog;
	argv[n++] = optfile;
	for (i = 0; args[i] != NULL && n < 15; i++)
		argv[n++] = (char *)args[i];
	argv[n] = NULL;
	posix_spawn_file_actions_init(&fa);
	if (infd != -1)
		posix_spawn_file_actions_adddup2(&fa, infd, STDIN_FILENO);
	if (outfd != -1)
		posix_spawn_file_actions_adddup2(&fa, outfd, STDOUT_FILENO);
	rc = posix_spawnp(&pid, prog, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		fprintf(stderr, "primoforumctl: %s: %s\n", prog, strerror(rc));
		return -1;
	}
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/*
 * backup FILE: one consistent dump (a single transaction: InnoDB) of the
 * whole database, into a new file of mode 0600.
 */
int
ops_backup(const struct config *cfg, struct db *db, const char *path)
{
	const char	*args[] = { "--single-transaction", "--hex-blob",
	    "--routines", "--triggers", "--events", "--no-tablespaces",
	    "--skip-dump-date", cfg->str[CFG_DB_NAME], NULL };
	char		 opts[] = "/tmp/primoforumctl.XXXXXX";
	int		 fd, rc;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) == -1) {
		fprintf(stderr, "primoforumctl: %s: %s\n", path,
		    strerror(errno));
		return 1;
	}
	if (client_options(cfg, opts) == -1) {
		fprintf(stderr, "primoforumctl: option file: %s\n",
		    strerror(errno));
		close(fd);
		unlink(path);
		return 1;
	}
	/* Written first, so the backup holds the event of its own making. */
	audit_ctl(db, "backup", 0, NULL, "started");
	rc = run_client("mariadb-dump", opts, args, -1, fd);
	unlink(opts);
	if (close(fd) == -1 || rc != 0) {
		fprintf(stderr, "primoforumctl: the backup failed; %s "
		    "removed\n", path);
		unlink(path);
		audit_ctl(db, "backup", 0, NULL, "failed");
		return 1;
	}
	audit_ctl(db, "backup", 0, NULL, "ok");
	printf("backup written to %s\n", path);
	return 0;
}

/*
 * The application account's grants live in the migrations (one GRANT
 * statement a line), not in a dump: a restore on a new server applies
 * them again from the migration files.
 */
static int
grants_apply(const struct config *cfg, struct db *db)
{
	struct migration *m = NULL;
	char		 err[256], line[1024];
	FILE		*f;
	int		 n, i, rc = 0;

	if ((n = migrations_list(cfg->str[CFG_MIGRATIONS_DIR], &m, err,
	    sizeof(err))) == -1) {
		fprintf(stderr, "primoforumctl: %s\n", err);
		return -1;
	}
	for (i = 0; i < n && rc == 0; i++) {
		if ((f = fopen(m[i].path, "r")) == NULL) {
			rc = -1;
			break;
		}
		while (fgets(line, sizeof(line), f) != NULL)
			if (strncmp(line, "GRANT ", 6) == 0 &&
			    db_script(db, line, strlen(line), err,
			    sizeof(err)) == -1) {
				fprintf(stderr, "primoforumctl: %s: %s\n",
				    m[i].name, err);
				rc = -1;
				break;
			}
		fclose(f);
	}
	migrations_free(m, (size_t)n);
	return rc;
}

/* restore FILE: into an empty database only, then the grants. */
int
ops_restore(const struct config *cfg, struct db *db, const char *path)
{
	const char	*args[] = { cfg->str[CFG_DB_NAME], NULL };
	char		 opts[] = "/tmp/primoforumctl.XXXXXX";
	long long	 tables = -1;
	int		 fd, rc;

	if (db_exec(db, STMT_DB_TABLES, NULL, 0, db_row_int, &tables) != 1) {
		fprintf(stderr, "primoforumctl: the database is not "
		    "reachable\n");
		return 1;
	}
	if (tables > 0) {
		fprintf(stderr, "primoforumctl: database %s has %lld tables; "
		    "restore only into an empty one\n", cfg->str[CFG_DB_NAME],
		    tables);
		return 1;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		fprintf(stderr, "primoforumctl: %s: %s\n", path,
		    strerror(errno));
		return 1;
	}
	if (client_options(cfg, opts) == -1) {
		close(fd);
		return 1;
	}
	rc = run_client("mariadb", opts, args, fd, -1);
	unlink(opts);
	close(fd);
	if (rc != 0) {
		fprintf(stderr, "primoforumctl: the restore failed\n");
		return 1;
	}
	if (grants_apply(cfg, db) == -1)
		return 1;
	audit_ctl(db, "backup_restored", 0, NULL, "ok");
	printf("restored from %s\n", path);
	return 0;
}

struct idlist {
	long long	 ids[1000];
	size_t		 n;
};

static int
idlist_row(void *arg, const struct dbcol *c, size_t n)
{
	struct idlist	*l = arg;

	if (l->n == sizeof(l->ids) / sizeof(l->ids[0]))
		return 0;
	return db_row_int(&l->ids[l->n++], c, n);
}

/*
 * purge: retention.  The participants (and with them every answer and
 * idea) of sessions stopped more than purge_session_days ago; and
 * facilitator accounts (never staff) inactive for more than
 * purge_account_months, with everything they own.  Each is audited.
 */
int
ops_purge(const struct config *cfg, struct db *db)
{
	struct dbparam	 p[1];
	struct idlist	 l;
	struct liveend	 le;
	enum outcome	 o;
	char		 target[64];
	long long	 parts = 0, accts = 0;
	size_t		 i;
	int		 rc;

	p[0] = (struct dbparam)DBP_INT(cfg->num[CFG_PURGE_SESSION_DAYS]);
	if ((rc = db_exec(db, STMT_PURGE_PARTICIPANTS, p, 1, NULL, NULL)) < 0)
		goto fail;
	parts = rc;
	xsnprintf(target, sizeof(target), "participants:%lld", parts);
	audit_ctl(db, "retention_purge_input", 0, target, "ok");
	do {
		memset(&l, 0, sizeof(l));
		p[0] = (struct dbparam)DBP_INT(
		    cfg->num[CFG_PURGE_ACCOUNT_MONTHS]);
		if (db_exec(db, STMT_PURGE_ACCOUNTS, p, 1, idlist_row, &l) < 0)
			goto fail;
		for (i = 0; i < l.n; i++) {
			/* A session still running ends as a stop ends it. */
			o = session_stop_all(db, l.ids[i], &le);
			live_end_done(&le, o == OUT_OK);
			if (o != OUT_OK)
				goto fail;
			p[0] = (struct dbparam)DBP_INT(l.ids[i]);
			if (db_exec(db, STMT_ACCOUNT_DELETE, p, 1, NULL,
			    NULL) < 0)
				goto fail;
			audit_ctl(db, "retention_purge_account", l.ids[i],
			    NULL, "ok");
			accts++;
		}
	} while (l.n == sizeof(l.ids) / sizeof(l.ids[0]));
	printf("purged: %lld participants (with their answers and ideas) of "
	    "sessions stopped more than %lld days ago; %lld accounts "
	    "inactive more than %lld months\n", parts,
	    cfg->num[CFG_PURGE_SESSION_DAYS], accts,
	    cfg->num[CFG_PURGE_ACCOUNT_MONTHS]);
	return 0;
fail:
	fprintf(stderr, "primoforumctl: the purge failed; what was removed "
	    "so far is audited\n");
	return 1;
}
