/*
 * primoforumctl.c: the operator's command.  It reads the same
 * configuration and secrets as primoforumd.
 *
 *	primoforumctl [-f config] migrate	apply pending migrations
 *	primoforumctl [-f config] check-config	parse config and secrets
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

static void
usage(void)
{
	fprintf(stderr, "usage: primoforumctl [-f config] "
	    "migrate | check-config\n");
	exit(2);
}

static int
cmd_migrate(const struct config *cfg)
{
	struct dbconf	 dc;
	struct db	*db;
	char		 err[1024];
	int		 rc;

	if (cfg->secret[SECRET_DB_MIGRATE_PASSWORD] == NULL) {
		fprintf(stderr, "primoforumctl: %s: db_migrate_password is "
		    "not set\n", cfg->str[CFG_SECRETS_FILE]);
		return 1;
	}
	memset(&dc, 0, sizeof(dc));
	dc.socket = cfg->str[CFG_DB_SOCKET];
	dc.name = cfg->str[CFG_DB_NAME];
	dc.user = cfg->str[CFG_DB_MIGRATE_USER];
	dc.password = cfg->secret[SECRET_DB_MIGRATE_PASSWORD];
	dc.timeout = (unsigned int)cfg->num[CFG_DB_TIMEOUT];
	dc.multi = 1;
	db = db_open(&dc);
	rc = migrate_run(db, cfg->str[CFG_MIGRATIONS_DIR], stdout, err,
	    sizeof(err));
	if (rc == -1)
		fprintf(stderr, "primoforumctl: migrate: %s\n", err);
	db_free(db);
	return rc == 0 ? 0 : 1;
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
	if (argc != 1)
		usage();

	config_init(&cfg);
	if (config_load(&cfg, conf, err, sizeof(err)) == -1 ||
	    config_load_secrets(&cfg, err, sizeof(err)) == -1) {
		fprintf(stderr, "primoforumctl: %s\n", err);
		config_release(&cfg);
		return 1;
	}
	if (strcmp(argv[0], "migrate") == 0)
		rc = cmd_migrate(&cfg);
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
