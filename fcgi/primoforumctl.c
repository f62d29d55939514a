/* SPDX-License-Identifier: ISC */
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
 *	primoforumctl [-f config] create-admin EMAIL NAME [admin|auditor]
 *		a staff account: the password is read from standard input,
 *		the two-factor secret is printed once (no default accounts)
 *	primoforumctl [-f config] disable EMAIL | enable EMAIL
 *		an account's logins end at once; it cannot log in again
 *	primoforumctl [-f config] audit verify
 *		walk the audit chain; name the first broken row
 *	primoforumctl [-f config] audit export FROM TO [csv|json]
 *		the audit rows with FROM <= time < TO (UTC)
 *	primoforumctl [-f config] audit purge
 *		remove the rows older than audit_retention_days
 *	primoforumctl [-f config] purge
 *		retention of participants' input and inactive accounts
 *	primoforumctl [-f config] backup FILE | restore FILE
 *		a consistent dump; a restore into an empty database
 *	primoforumctl [-f config] check [NGINX_CONF]
 *		the installation against the secure baseline
 *
 * Every command that changes something writes an audit event.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "extern.h"
#include "db.h"
#include "migrate.h"
#include "banned.h"

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: primoforumctl [-f config] command [args]\n"
	    "  migrate | check-config | routes | reset-link email |\n"
	    "  create-admin email name [admin|auditor] | disable email |\n"
	    "  enable email | audit verify | "
	    "audit export from to [csv|json]\n");
	exit(2);
}

static int
cmd_migrate(const struct config *cfg, int argc, char *argv[])
{
	struct db	*db;
	char		 err[1024];
	int		 rc;

	(void)argc;
	(void)argv;
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

/*
 * Finds the account of an email address.  Returns its id, or 0 with a
 * message on standard error.
 */
static long long
account_find(struct db *db, const char *arg)
{
	struct dbparam	 p[1];
	char		 email[256];
	long long	 id = 0;

	if (email_normalize(arg, strlen(arg), email, sizeof(email)) == -1) {
		fprintf(stderr, "primoforumctl: %s: not an email address\n",
		    arg);
		return 0;
	}
	p[0] = (struct dbparam)DBP_STR(email);
	switch (db_exec(db, STMT_ACCOUNT_BY_EMAIL, p, 1, db_row_int, &id)) {
	case 1:
		return id;
	case 0:
		fprintf(stderr, "primoforumctl: no account has %s\n", email);
		return 0;
	default:
		fprintf(stderr, "primoforumctl: the database is not "
		    "reachable\n");
		return 0;
	}
}

static int
cmd_reset_link(const struct config *cfg, int argc, char *argv[])
{
	struct db	*db;
	char		 link[512];
	long long	 id;
	int		 rc = 1;

	(void)argc;
	db = db_open_config(cfg, 0);
	if ((id = account_find(db, argv[1])) == 0)
		goto out;
	if (reset_link_create(db, cfg, id, NULL, link, sizeof(link)) == -1) {
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


/* Reads one line of standard input (a password) without its newline. */
static int
read_line(char *buf, size_t sz)
{
	size_t	 len;

	if (fgets(buf, (int)sz, stdin) == NULL)
		return -1;
	len = strcspn(buf, "\r\n");
	if (buf[len] == '\0' && len == sz - 1)
		return -1;		/* longer than the buffer */
	buf[len] = '\0';
	return 0;
}

/*
 * create-admin EMAIL NAME [admin|auditor]: a staff account.  There are
 * no default accounts: the operator makes each one on the host.  The
 * password comes from standard input (checked like any other); the
 * two-factor secret is made here, printed once, and is on from the
 * start, since staff log in with a second factor or not at all (P9).
 */
static int
cmd_create_admin(const struct config *cfg, int argc, char *argv[])
{
	struct db	*db = NULL;
	struct dbparam	 p[4];
	unsigned char	 key[20], sealed[20 + 28];
	char		 email[256], pw[256], hash[AUTH_ENCODED_MAX];
	char		 b32[40], aad[32];
	const char	*role = argc > 3 ? argv[3] : "admin", *why;
	long long	 id;
	int		 n, rc = 1;

	if (strcmp(role, "admin") != 0 && strcmp(role, "auditor") != 0) {
		fprintf(stderr, "primoforumctl: the role is admin or "
		    "auditor, not %s\n", role);
		return 2;
	}
	if (email_normalize(argv[1], strlen(argv[1]), email,
	    sizeof(email)) == -1) {
		fprintf(stderr, "primoforumctl: %s: not an email address\n",
		    argv[1]);
		return 1;
	}
	if (!totp_available()) {
		fprintf(stderr, "primoforumctl: totp_key is not set in the "
		    "secrets file: staff accounts need two-factor\n");
		return 1;
	}
	if (isatty(STDIN_FILENO))
		fprintf(stderr, "Password for %s: ", email);
	if (read_line(pw, sizeof(pw)) == -1) {
		fprintf(stderr, "primoforumctl: no password on standard "
		    "input\n");
		goto out;
	}
	if ((why = password_refusal(pw, strlen(pw), email,
	    strlen(email))) != NULL) {
		fprintf(stderr, "primoforumctl: %s\n", why);
		goto out;
	}
	if (auth_hash(pw, strlen(pw), hash) != AUTH_OK) {
		fprintf(stderr, "primoforumctl: the password could not be "
		    "hashed\n");
		goto out;
	}
	db = db_open_config(cfg, 0);
	p[0] = (struct dbparam)DBP_STR(email);
	p[1] = (struct dbparam)DBP_STR(argv[2]);
	p[2] = (struct dbparam)DBP_STR(hash);
	p[3] = (struct dbparam)DBP_STR(role);
	if ((n = db_exec(db, STMT_ACCOUNT_INSERT_STAFF, p, 4, NULL, NULL)) ==
	    DB_DUP) {
		fprintf(stderr, "primoforumctl: an account with %s exists "
		    "already\n", email);
		goto out;
	} else if (n != 1) {
		fprintf(stderr, "primoforumctl: the account could not be "
		    "stored\n");
		goto out;
	}
	id = db_last_id(db);
	xsnprintf(aad, sizeof(aad), "account:%lld", id);
	if (random_bytes(key, sizeof(key)) == -1 ||
	    (n = secret_seal(key, sizeof(key), aad, sealed)) < 0) {
		fprintf(stderr, "primoforumctl: no secret could be made\n");
		goto out;
	}
	base32_encode(key, sizeof(key), b32);
	OPENSSL_cleanse(key, sizeof(key));
	p[0] = (struct dbparam)DBP_BLOB(sealed, (size_t)n);
	p[1] = (struct dbparam)DBP_INT(id);
	if (db_exec(db, STMT_ACCOUNT_SET_TOTP_SECRET, p, 2, NULL, NULL) != 1)
		goto out;
	p[0] = (struct dbparam)DBP_INT(0);
	if (db_exec(db, STMT_ACCOUNT_TOTP_ENABLE, p, 2, NULL, NULL) != 1)
		goto out;
	audit_ctl(db, "staff_account_created", id, role, "ok");
	printf("account %lld (%s, %s) created.\n"
	    "two-factor secret (enter it in an authenticator app now; it is "
	    "not shown again):\n%s\n"
	    "otpauth://totp/Primoforum:%s?secret=%s&issuer=Primoforum\n",
	    id, email, role, b32, email, b32);
	rc = 0;
out:
	OPENSSL_cleanse(pw, sizeof(pw));
	OPENSSL_cleanse(b32, sizeof(b32));
	db_free(db);
	return rc;
}

/* disable EMAIL, enable EMAIL: an account's logins end with it. */
static int
cmd_disable(const struct config *cfg, int argc, char *argv[])
{
	struct db	*db;
	struct dbparam	 p[2];
	long long	 id;
	int		 off = strcmp(argv[0], "disable") == 0, rc = 1;

	(void)argc;
	db = db_open_config(cfg, 0);
	if ((id = account_find(db, argv[1])) == 0)
		goto out;
	p[0] = (struct dbparam)DBP_INT(off);
	p[1] = (struct dbparam)DBP_INT(id);
	if (db_exec(db, STMT_ACCOUNT_SET_DISABLED, p, 2, NULL, NULL) < 0)
		goto out;
	if (off && db_exec(db, STMT_LOGIN_DELETE_ALL, &p[1], 1, NULL,
	    NULL) < 0)
		goto out;
	audit_ctl(db, off ? "account_disabled" : "account_enabled", id,
	    NULL, "ok");
	printf("account %lld %s\n", id, off ? "disabled; its logins ended" :
	    "enabled");
	rc = 0;
out:
	db_free(db);
	return rc;
}

/* audit verify; audit export FROM TO [csv|json]. */
static int
cmd_audit(const struct config *cfg, int argc, char *argv[])
{
	struct db	*db;
	struct buf	 b;
	struct jw	*w = NULL;
	long long	 n;
	int		 rc = 1, json;

	db = db_open_config(cfg, 0);
	if (strcmp(argv[1], "verify") == 0 && argc == 2) {
		rc = audit_verify(db, stdout);
		if (rc == -1)
			fprintf(stderr, "primoforumctl: the audit trail could "
			    "not be read\n");
		rc = rc == 0 ? 0 : 1;
		goto out;
	}
	if (strcmp(argv[1], "purge") == 0 && argc == 2) {
		/* DELETE is the migrations account's, never the app's. */
		db_free(db);
		db = db_open_config(cfg, 1);
		n = audit_purge(db, cfg->num[CFG_AUDIT_RETENTION_DAYS]);
		if (n < 0)
			fprintf(stderr, "primoforumctl: the audit trail could "
			    "not be purged\n");
		else
			printf("%lld audit rows older than %lld days removed\n",
			    n, cfg->num[CFG_AUDIT_RETENTION_DAYS]);
		rc = n < 0;
		goto out;
	}
	if (strcmp(argv[1], "export") != 0 || argc < 4 || (argc == 5 &&
	    strcmp(argv[4], "csv") != 0 && strcmp(argv[4], "json") != 0)) {
		db_free(db);
		usage();
	}
	json = argc == 5 && strcmp(argv[4], "json") == 0;
	buf_init(&b, (size_t)1 << 31);
	if (json) {
		w = jw_new(&b);
		jw_arr(w);
	}
	n = audit_export(db, argv[2], argv[3], INT64_MAX, w, &b);
	if (json) {
		jw_end(w);
		if (jw_close(w) == -1)
			n = -1;
	}
	if (n < 0)
		fprintf(stderr, "primoforumctl: the audit trail could not be "
		    "read (are %s and %s dates, YYYY-MM-DD?)\n", argv[2],
		    argv[3]);
	else {
		fwrite(b.data, 1, b.len, stdout);
		if (json)
			putchar('\n');
		fprintf(stderr, "%lld rows\n", n);
		rc = 0;
	}
	buf_release(&b);
out:
	db_free(db);
	return rc;
}

/* purge: retention of participants' input and of inactive accounts. */
static int
cmd_purge(const struct config *cfg, int argc, char *argv[])
{
	struct db	*db;
	int		 rc;

	(void)argc;
	(void)argv;
	db = db_open_config(cfg, 0);
	rc = ops_purge(cfg, db);
	db_free(db);
	return rc;
}

/* backup FILE, restore FILE: as the migrations account. */
static int
cmd_backup(const struct config *cfg, int argc, char *argv[])
{
	struct db	*db;
	int		 rc;

	(void)argc;
	if (cfg->secret[SECRET_DB_MIGRATE_PASSWORD] == NULL) {
		fprintf(stderr, "primoforumctl: db_migrate_password is not "
		    "set\n");
		return 1;
	}
	db = db_open_config(cfg, 1);
	rc = strcmp(argv[0], "backup") == 0 ? ops_backup(cfg, db, argv[1]) :
	    ops_restore(cfg, db, argv[1]);
	db_free(db);
	return rc;
}

/*
 * check [NGINX_CONF]: runs even when the secrets file is unusable (that
 * is one of the things it reports); the database checks then fail.
 * nginx's main file by default: the check follows its includes, and
 * what it sets beside the site's file counts too.
 */
static int
cmd_check(const struct config *cfg, int argc, char *argv[])
{
	struct db	*db = NULL;
	int		 rc;

	if (cfg->secret[SECRET_DB_PASSWORD] != NULL)
		db = db_open_config(cfg, 0);
	rc = check_run(cfg, db, argc > 1 ? argv[1] :
	    "/etc/nginx/nginx.conf");
	db_free(db);
	return rc;
}

/* The commands: name, arguments after the name (min, max), function. */
static const struct cmd {
	const char	*name;
	int		 min, max;
	int		(*fn)(const struct config *, int, char *[]);
} cmds[] = {
	{ "migrate", 0, 0, cmd_migrate },
	{ "reset-link", 1, 1, cmd_reset_link },
	{ "create-admin", 2, 3, cmd_create_admin },
	{ "disable", 1, 1, cmd_disable },
	{ "enable", 1, 1, cmd_disable },
	{ "audit", 1, 4, cmd_audit },
	{ "purge", 0, 0, cmd_purge },
	{ "backup", 1, 1, cmd_backup },
	{ "restore", 1, 1, cmd_backup },
	{ "check", 0, 1, cmd_check },
};

int
main(int argc, char *argv[])
{
	struct config	 cfg;
	const struct cmd *c = NULL;
	const char	*conf = PF_SYSCONFDIR "/primoforum/primoforum.conf";
	char		 err[512] = "the secrets are not usable";
	size_t		 i;
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
	if (argc < 1)
		usage();
	/* Needs no configuration: the table is part of the program. */
	if (strcmp(argv[0], "routes") == 0 && argc == 1) {
		route_print(stdout);
		return 0;
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(argv[0], cmds[i].name) == 0)
			c = &cmds[i];
	if (strcmp(argv[0], "check-config") != 0 && (c == NULL ||
	    argc - 1 < c->min || argc - 1 > c->max))
		usage();

	config_init(&cfg);
	if (config_load(&cfg, conf, err, sizeof(err)) == -1 ||
	    (config_load_secrets(&cfg, err, sizeof(err)) == -1 &&
	    (c == NULL || strcmp(c->name, "check") != 0)) ||
	    auth_init(&cfg) == -1) {
		fprintf(stderr, "primoforumctl: %s\n", err);
		config_release(&cfg);
		return 1;
	}
	password_minlen((size_t)cfg.num[CFG_PASSWORD_MIN]);
	if (c == NULL) {
		printf("configuration ok\n");
		rc = 0;
	} else if (strcmp(c->name, "create-admin") == 0 &&
	    password_load(cfg.str[CFG_PASSWORD_BLOCKLIST]) == -1) {
		fprintf(stderr, "primoforumctl: %s: the password blocklist "
		    "cannot be read\n", cfg.str[CFG_PASSWORD_BLOCKLIST]);
		rc = 1;
	} else
		rc = c->fn(&cfg, argc, argv);
	config_release(&cfg);
	return rc;
}
