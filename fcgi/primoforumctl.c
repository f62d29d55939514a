/*
 * primoforumctl.c: the operator's command.  It reads the same
 * configuration and secrets as primoforumd.
 *
 *	primoforumctl [-f config] migrate	apply pending migrations
 *	primoforumctl [-f config] check-config	parse config and secrets
 *	primoforumctl routes			the route table (for auditors)
 *	primoforumctl [-f config] reset-link EMAIL
 *		print a single-use password reset link for an account: an
 *		operator can help someone back in, never set a password
 *
 * Later work adds create-admin, audit, purge, backup and check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extern.h"
#include "db.h"
#include "migrate.h"
#include "banned.h"

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: primoforumctl [-f config] "
	    "migrate | check-config | routes | reset-link email\n");
	exit(2);
}

static int
cmd_migrate(const struct config *cfg)
{
	struct db	*db;
	char		 err[1024];
	int		 rc;

	if (cfg->secret[SECRET_DB_MIGRATE_PASSWORD] == NULL) {
		fprintf(stderr, "primoforumctl: %s: db_migrate_password is "
		    "not set\n", cfg->str[CFG_SECRETS_FILE]);
		return 1;
	}
	db = db_open_config(cfg, 1);
	rc = migrate_run(db, cfg->str[CFG_MIGRATIONS_DIR], stdout, err,
	    sizeof(err));
	if (rc == -1)
		fprintf(stderr, "primoforumctl: migrate: %s\n", err);
	db_free(db);
	return rc == 0 ? 0 : 1;
}

static int
id_row(void *arg, const struct dbcol *c, size_t n)
{
	long long	*id = arg;

	return n >= 1 && parse_int(c[0].s, c[0].len, 1, INT64_MAX, id) == 0 ?
	    0 : -1;
}

static int
cmd_reset_link(const struct config *cfg, const char *arg)
{
	struct db	*db;
	struct dbparam	 p[1];
	char		 email[256], link[512];
	long long	 id = 0;
	int		 rc = 1;

	if (email_normalize(arg, strlen(arg), email, sizeof(email)) == -1) {
		fprintf(stderr, "primoforumctl: %s: not an email address\n",
		    arg);
		return 1;
	}
	db = db_open_config(cfg, 0);
	p[0] = (struct dbparam)DBP_STR(email);
	switch (db_exec(db, STMT_ACCOUNT_BY_EMAIL, p, 1, id_row, &id)) {
	case 1:
		break;
	case 0:
		fprintf(stderr, "primoforumctl: no account has %s\n", email);
		goto out;
	default:
		fprintf(stderr, "primoforumctl: the database is not "
		    "reachable\n");
		goto out;
	}
	if (reset_link_create(db, cfg, id, link, sizeof(link)) == -1) {
		fprintf(stderr, "primoforumctl: no link could be made\n");
		goto out;
	}
	audit_ctl(db, "password_reset_link", id, NULL, "ok");
	printf("%s\n(single use, valid for one hour; give it to the account's "
	    "owner only)\n", link);
	rc = 0;
out:
	db_free(db);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct config	 cfg;
	const char	*conf = "/etc/primoforum/primoforum.conf";
	char		 err[512];
	int		 ch, rc;

	while ((ch = getopt(argc, argv, "f:")) != -1)
		switch (ch) {
		case 'f':
			conf = optarg;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (argc < 1 || argc > 2)
		usage();
	/* Needs no configuration: the table is part of the program. */
	if (strcmp(argv[0], "routes") == 0 && argc == 1) {
		route_print(stdout);
		return 0;
	}

	config_init(&cfg);
	if (config_load(&cfg, conf, err, sizeof(err)) == -1 ||
	    config_load_secrets(&cfg, err, sizeof(err)) == -1) {
		fprintf(stderr, "primoforumctl: %s\n", err);
		config_release(&cfg);
		return 1;
	}
	if (strcmp(argv[0], "migrate") == 0 && argc == 1)
		rc = cmd_migrate(&cfg);
	else if (strcmp(argv[0], "reset-link") == 0 && argc == 2)
		rc = cmd_reset_link(&cfg, argv[1]);
	else if (strcmp(argv[0], "check-config") == 0) {
		printf("configuration ok\n");
		rc = 0;
	} else {
		config_release(&cfg);
		usage();
	}
	config_release(&cfg);
	return rc;
}
