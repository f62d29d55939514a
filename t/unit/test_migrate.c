/* SPDX-License-Identifier: ISC */
/*
 * test_migrate.c: migration file names and their order.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "extern.h"
#include "migrate.h"
#include "tap.h"

static void
touch(const char *dir, const char *name)
{
	char	 p[512];
	int	 fd;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	if ((fd = open(p, O_WRONLY | O_CREAT, 0644)) != -1)
		close(fd);
}

int
main(void)
{
	struct migration	*m;
	char			 dir[] = "/tmp/pfmigXXXXXX", err[256], p[512];
	int			 n;

	is_int(migration_version("001_foundation.sql"), 1, "001");
	is_int(migration_version("012_accounts_2.sql"), 12, "012");
	is_int(migration_version("1_x.sql"), 1, "one digit");
	is_int(migration_version("001_Foundation.sql"), -1, "capitals");
	is_int(migration_version("001_.sql"), -1, "no name");
	is_int(migration_version("001-x.sql"), -1, "dash");
	is_int(migration_version("x_001.sql"), -1, "no number");
	is_int(migration_version("001_x.sql~"), -1, "backup file");
	is_int(migration_version("000_x.sql"), -1, "version 0");
	is_int(migration_version("accounts.sql"), -1, "not a migration");

	if (mkdtemp(dir) == NULL)
		return 1;
	touch(dir, "010_ten.sql");
	touch(dir, "002_two.sql");
	touch(dir, "001_one.sql");
	touch(dir, "README");
	n = migrations_list(dir, &m, err, sizeof(err));
	is_int(n, 3, "three migrations listed");
	if (n == 3) {
		is_str(m[0].name, "001_one.sql", "first");
		is_str(m[1].name, "002_two.sql", "second");
		is_str(m[2].name, "010_ten.sql", "numeric, not text, order");
		migrations_free(m, 3);
	}
	touch(dir, "002_again.sql");
	n = migrations_list(dir, &m, err, sizeof(err));
	ok(n == -1 && strstr(err, "same version"), "duplicate version: %s",
	    err);
	n = migrations_list("/nonexistent/dir", &m, err, sizeof(err));
	ok(n == -1, "missing directory refused");
	snprintf(p, sizeof(p), "rm -r %s", dir);
	(void)!system(p);
	return done_testing();
}
