/* SPDX-License-Identifier: ISC */
/*
 * test_config.c: the config and secrets parsers, and the refusal of a
 * secrets file that others can read.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "extern.h"
#include "tap.h"

static int
parse(struct config *c, const char *s, char *err, size_t errsz)
{
	config_init(c);
	return config_parse(c, s, strlen(s), err, errsz);
}

int
main(void)
{
	struct config	 c;
	char		 err[256], dir[] = "/tmp/pfcfgXXXXXX", path[300];
	const char	*s;
	int		 fd;

	config_init(&c);
	is_int(c.num[CFG_WORKERS], 0, "default workers: one per core");
	is_int(c.num[CFG_MAX_BODY], 65536, "default max_body");
	config_release(&c);

	s = "# comment\n\n  workers = 4  \nsocket=/tmp/x.sock\r\n"
	    "max_body = 2048\nlog_file = /var/log/pf.log";
	ok(parse(&c, s, err, sizeof(err)) == 0, "valid config parses");
	is_int(c.num[CFG_WORKERS], 4, "workers");
	is_str(c.str[CFG_SOCKET], "/tmp/x.sock", "socket, CR trimmed");
	is_str(c.str[CFG_LOG_FILE], "/var/log/pf.log", "log_file");
	is_str(c.str[CFG_DB_NAME], "primoforum", "unset keys keep defaults");
	config_release(&c);

	ok(parse(&c, "wrokers = 4\n", err, sizeof(err)) == -1 &&
	    strstr(err, "line 1") && strstr(err, "unknown key"),
	    "unknown key named with its line: %s", err);
	config_release(&c);
	ok(parse(&c, "\nworkers = many\n", err, sizeof(err)) == -1 &&
	    strstr(err, "line 2") && strstr(err, "whole number"),
	    "bad number: %s", err);
	config_release(&c);
	ok(parse(&c, "max_body = 10\n", err, sizeof(err)) == -1,
	    "number under its minimum refused");
	config_release(&c);
	ok(parse(&c, "workers = 2\nworkers = 3\n", err, sizeof(err)) == -1 &&
	    strstr(err, "twice"), "repeated key refused: %s", err);
	config_release(&c);
	ok(parse(&c, "just words\n", err, sizeof(err)) == -1 &&
	    strstr(err, "key = value"), "line without = refused");
	config_release(&c);

	config_init(&c);
	s = "db_password = s3cret pass\n";
	ok(secrets_parse(&c, s, strlen(s), err, sizeof(err)) == 0,
	    "secrets parse");
	is_str(c.secret[SECRET_DB_PASSWORD], "s3cret pass", "db_password");
	s = "db_pasword = leaked-value\n";
	ok(secrets_parse(&c, s, strlen(s), err, sizeof(err)) == -1 &&
	    strstr(err, "leaked-value") == NULL,
	    "unknown secret refused without echoing the value: %s", err);
	config_release(&c);

	/* A secrets file that others can read is refused. */
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/secrets", dir);
	fd = open(path, O_WRONLY | O_CREAT, 0600);
	(void)!write(fd, "db_password = x\n", 16);
	close(fd);
	config_init(&c);
	free(c.str[CFG_SECRETS_FILE]);
	c.str[CFG_SECRETS_FILE] = strdup(path);
	ok(config_load_secrets(&c, err, sizeof(err)) == 0, "0600 accepted");
	chmod(path, 0640);
	ok(config_load_secrets(&c, err, sizeof(err)) == -1 &&
	    strstr(err, "0640") && strstr(err, "chmod 600"),
	    "0640 refused: %s", err);
	chmod(path, 0604);
	ok(config_load_secrets(&c, err, sizeof(err)) == -1,
	    "world-readable refused");
	chmod(path, 0400);
	ok(config_load_secrets(&c, err, sizeof(err)) == 0, "0400 accepted");
	config_release(&c);
	unlink(path);
	rmdir(dir);
	return done_testing();
}
