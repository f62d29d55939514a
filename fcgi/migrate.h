/* SPDX-License-Identifier: ISC */
/*
 * migrate.h: the schema migrations of sql/, for primoforumctl.
 */
#ifndef MIGRATE_H
#define MIGRATE_H

#include <stdio.h>

struct db;

struct migration {
	long long	 version;
	char		*name;	/* owned; the file name */
	char		*path;	/* owned */
};

long long	 migration_version(const char *);
int		 migrations_list(const char *, struct migration **, char *,
		    size_t);
void		 migrations_free(struct migration *, size_t);
int		 migrate_run(struct db *, const char *, FILE *, char *, size_t);

#endif /* MIGRATE_H */
