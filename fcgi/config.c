/* SPDX-License-Identifier: ISC */
/*
 * config.c: primoforum.conf and the secrets file.  Both are "key = value"
 * lines; '#' starts a comment line; blank lines are ignored; an unknown
 * key, a repeated key or a value out of range is an error that names the
 * line, so a typo never silently falls back to a default.
 *
 * Secrets (database passwords, later keys) live in a separate file named
 * by secrets_file.  It must be a regular file with no group or other
 * permission bits (mode 0600 or 0400), or the program refuses to start:
 * P11, secrets only where they belong.  They are wiped on release.
 *
 * Every key, its default and its range are in cfgdefs[] below;
 * docs/operations.md documents them.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "extern.h"
#include "banned.h"

enum ctype {
	CT_STR,
	CT_NUM
};

struct cfgdef {
	const char	*name;
	enum ctype	 type;
	const char	*def;		/* NULL: required */
	long long	 min, max;	/* CT_NUM */
};

static const struct cfgdef cfgdefs[CFG__MAX] = {
	[CFG_SOCKET] = { "socket", CT_STR, "/run/primoforum/fcgi.sock", 0, 0 },
	[CFG_SOCKET_GROUP] = { "socket_group", CT_STR, "", 0, 0 },
	/* 0: one worker per core. */
	[CFG_WORKERS] = { "workers", CT_NUM, "0", 0, 256 },
	[CFG_LOG_FILE] = { "log_file", CT_STR, "-", 0, 0 },
	[CFG_PID_FILE] = { "pid_file", CT_STR, "", 0, 0 },
	/* A path, or "credential:NAME" (systemd's LoadCredential=). */
	[CFG_SECRETS_FILE] = { "secrets_file", CT_STR,
	    PF_SYSCONFDIR "/primoforum/secrets", 0, 0 },
	[CFG_DB_SOCKET] = { "db_socket", CT_STR,
	    "/run/mysqld/mysqld.sock", 0, 0 },
	[CFG_DB_NAME] = { "db_name", CT_STR, "primoforum", 0, 0 },
	[CFG_DB_USER] = { "db_user", CT_STR, "primoforum", 0, 0 },
	[CFG_DB_MIGRATE_USER] = { "db_migrate_user", CT_STR,
	    "primoforum_migrate", 0, 0 },
	[CFG_DB_TIMEOUT] = { "db_timeout", CT_NUM, "5", 1, 300 },
	[CFG_MIGRATIONS_DIR] = { "migrations_dir", CT_STR,
	    PF_PKGDATADIR "/sql", 0, 0 },
	[CFG_MAX_BODY] = { "max_body", CT_NUM, "65536", 1024, 16777216 },
	[CFG_JSON_MAX_DEPTH] = { "json_max_depth", CT_NUM, "16", 1, 64 },
	[CFG_JSON_MAX_NODES] = { "json_max_nodes", CT_NUM, "4096", 16,
	    1000000 },
	[CFG_MAX_PAIRS] = { "max_pairs", CT_NUM, "64", 1, 1024 },
	[CFG_SHUTDOWN_TIMEOUT] = { "shutdown_timeout", CT_NUM, "30", 1,
	    3600 },
	/* The site's own origin: CSRF checks, links in mail. */
	[CFG_SITE_ORIGIN] = { "site_origin", CT_STR, "https://localhost:8443",
	    0, 0 },
	/*
	 * argon2id: memory in KiB, passes, lanes.  The defaults are OWASP's
	 * minimum (19 MiB, 2, 1): about 40 ms a hash on the 2-core machines
	 * we measured (shared/PERFORMANCE.md).
	 */
	[CFG_ARGON2_M] = { "argon2_m", CT_NUM, "19456", 8192, 4194304 },
	[CFG_ARGON2_T] = { "argon2_t", CT_NUM, "2", 1, 64 },
	[CFG_ARGON2_P] = { "argon2_p", CT_NUM, "1", 1, 16 },
	/* 0: one per core.  Past it, a login or registration gets 503. */
	[CFG_ARGON2_MAX_CONCURRENT] = { "argon2_max_concurrent", CT_NUM, "0",
	    0, 256 },
	[CFG_PASSWORD_MIN] = { "password_min", CT_NUM, "12", 8, 128 },
	[CFG_PASSWORD_BLOCKLIST] = { "password_blocklist", CT_STR,
	    PF_PKGDATADIR "/common-passwords.txt", 0, 0 },
	/* Seconds a login lives without use, and at all. */
	[CFG_LOGIN_IDLE] = { "login_idle", CT_NUM, "7200", 60, 604800 },
	[CFG_LOGIN_ABSOLUTE] = { "login_absolute", CT_NUM, "43200", 60,
	    2592000 },
	/* The sendmail interface: argv split on spaces; the mail on stdin. */
	[CFG_SENDMAIL] = { "sendmail", CT_STR, "/usr/sbin/sendmail -t -i", 0,
	    0 },
	[CFG_MAIL_FROM] = { "mail_from", CT_STR, "primoforum@localhost", 0,
	    0 },
	/* A running session stops by itself after this many hours. */
	[CFG_SESSION_MAX_HOURS] = { "session_max_hours", CT_NUM, "12", 1,
	    168 },
	/*
	 * Milliseconds a host trusts its table of running sessions for
	 * unchanged participant polls (pollcache.c): how late a change made
	 * on another worker host is seen.  0: every poll asks the database.
	 */
	[CFG_POLL_CACHE_MS] = { "poll_cache_ms", CT_NUM, "1000", 0, 60000 },
	/*
	 * The directory of the live documents that nginx serves (livedir.c;
	 * tmpfs), and how often the publisher looks for changes made
	 * through other hosts.  An empty live_dir: no documents.
	 */
	[CFG_LIVE_DIR] = { "live_dir", CT_STR, "/run/primoforum/live", 0, 0 },
	[CFG_LIVE_PERIOD_MS] = { "live_period_ms", CT_NUM, "250", 20, 10000 },
	/*
	 * Audit rows older than this many days are removed by
	 * primoforumctl audit purge; the chain stays verifiable.
	 */
	[CFG_AUDIT_RETENTION_DAYS] = { "audit_retention_days", CT_NUM, "730",
	    30, 36500 },
	/*
	 * primoforumctl purge: participants' input of sessions stopped
	 * longer ago than this, and facilitator accounts inactive longer.
	 */
	[CFG_PURGE_SESSION_DAYS] = { "purge_session_days", CT_NUM, "90", 1,
	    36500 },
	[CFG_PURGE_ACCOUNT_MONTHS] = { "purge_account_months", CT_NUM, "24",
	    1, 1200 },
};

static const char *const secretnames[SECRET__MAX] = {
	[SECRET_DB_PASSWORD] = "db_password",
	[SECRET_DB_MIGRATE_PASSWORD] = "db_migrate_password",
	/* 64 hex digits: the AES-256-GCM key for stored TOTP secrets. */
	[SECRET_TOTP_KEY] = "totp_key",
	/* The key the billing provider signs its webhooks with. */
	[SECRET_BILLING_KEY] = "billing_webhook_key",
};

/*
 * The configuration report for auditors (GET /api/admin/config): every
 * setting with its value, and for each secret only whether it is set.
 */
void
config_report(const struct config *c, struct jw *w)
{
	size_t	 k;

	jw_key(w, "settings");
	jw_obj(w);
	for (k = 0; k < CFG__MAX; k++) {
		if (cfgdefs[k].type == CT_NUM)
			jw_kint(w, cfgdefs[k].name, c->num[k]);
		else
			jw_kstr(w, cfgdefs[k].name, c->str[k]);
	}
	jw_end(w);
	jw_key(w, "secrets_set");
	jw_obj(w);
	for (k = 0; k < SECRET__MAX; k++)
		jw_kbool(w, secretnames[k], c->secret[k] != NULL);
	jw_end(w);
}

/* Sets every key to its default. */
void
config_init(struct config *c)
{
	enum cfg	 k;

	memset(c, 0, sizeof(*c));
	for (k = 0; k < CFG__MAX; k++) {
		c->str[k] = xstrdup(cfgdefs[k].def);
		if (cfgdefs[k].type == CT_NUM)
			(void)parse_int(c->str[k], strlen(c->str[k]),
			    cfgdefs[k].min, cfgdefs[k].max, &c->num[k]);
	}
}

const char *
config_name(enum cfg k)
{
	return cfgdefs[k].name;
}

/* Trims spaces and tabs from both ends of [*s, *e). */
static void
trim(const char **s, const char **e)
{
	while (*s < *e && (**s == ' ' || **s == '\t' || **s == '\r'))
		(*s)++;
	while (*e > *s && ((*e)[-1] == ' ' || (*e)[-1] == '\t' ||
	    (*e)[-1] == '\r'))
		(*e)--;
}

/*
 * Calls fn(arg, line, key, keylen, val, vallen) for every "key = value"
 * line of [s, s + len).  Returns 0, or -1 with err set.
 */
static int
kv_lines(const char *s, size_t len, char *err, size_t errsz,
    int (*fn)(void *, size_t, const char *, size_t, const char *, size_t,
    char *, size_t), void *arg)
{
	const char	*p = s, *end = s + len, *nl, *eq, *ks, *ke, *vs, *ve;
	size_t		 line = 0;

	if (memchr(s, '\0', len) != NULL) {
		msgf(err, errsz, "the file contains a NUL byte");
		return -1;
	}
	while (p < end) {
		line++;
		if ((nl = memchr(p, '\n', end - p)) == NULL)
			nl = end;
		ks = p;
		ve = nl;
		p = nl + 1;
		trim(&ks, &ve);
		if (ks == ve || *ks == '#')
			continue;
		if ((eq = memchr(ks, '=', ve - ks)) == NULL) {
			msgf(err, errsz, "line %zu: expected key = value",
			    line);
			return -1;
		}
		ke = eq;
		vs = eq + 1;
		trim(&ks, &ke);
		trim(&vs, &ve);
		if (fn(arg, line, ks, ke - ks, vs, ve - vs, err, errsz) == -1)
			return -1;
	}
	return 0;
}

/* The state of one config_parse(). */
struct cfgparse {
	struct config	*c;
	char		 seen[CFG__MAX];
};

static int
config_set(void *arg, size_t line, const char *k, size_t klen,
    const char *v, size_t vlen, char *err, size_t errsz)
{
	struct cfgparse	*p = arg;
	struct config	*c = p->c;
	enum cfg	 i;
	long long	 n;

	for (i = 0; i < CFG__MAX; i++)
		if (strlen(cfgdefs[i].name) == klen &&
		    memcmp(cfgdefs[i].name, k, klen) == 0)
			break;
	if (i == CFG__MAX) {
		msgf(err, errsz, "line %zu: unknown key \"%.*s\"", line,
		    (int)(klen > 64 ? 64 : klen), k);
		return -1;
	}
	if (p->seen[i]) {
		msgf(err, errsz, "line %zu: %s is set twice", line,
		    cfgdefs[i].name);
		return -1;
	}
	p->seen[i] = 1;
	if (cfgdefs[i].type == CT_NUM) {
		if (parse_int(v, vlen, cfgdefs[i].min, cfgdefs[i].max,
		    &n) == -1) {
			msgf(err, errsz, "line %zu: %s must be a whole "
			    "number from %lld to %lld", line, cfgdefs[i].name,
			    cfgdefs[i].min, cfgdefs[i].max);
			return -1;
		}
		c->num[i] = n;
	}
	free(c->str[i]);
	c->str[i] = xstrndup(v, vlen);
	return 0;
}

/*
 * Parses a configuration text over the defaults already in c.
 * Returns 0, or -1 with err set (naming the line).
 */
int
config_parse(struct config *c, const char *s, size_t len, char *err,
    size_t errsz)
{
	struct cfgparse	 p;

	memset(&p, 0, sizeof(p));
	p.c = c;
	return kv_lines(s, len, err, errsz, config_set, &p);
}

/*
 * Reads a whole small file.  With private set, the file must have no
 * group or other permissions.  Returns the contents (caller frees; NUL
 * terminated) or NULL with err set.
 */
char *
file_read(const char *path, int private, size_t *len, char *err,
    size_t errsz)
{
	struct stat	 sb;
	char		*buf = NULL;
	ssize_t		 n;
	size_t		 off = 0;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1) {
		msgf(err, errsz, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		msgf(err, errsz, "%s: not a regular file", path);
		goto fail;
	}
	if (private && (sb.st_mode & 077) != 0) {
		msgf(err, errsz, "%s is mode %04o; a secrets file must be "
		    "readable by its owner only (chmod 600 %s)", path,
		    (unsigned)(sb.st_mode & 07777), path);
		goto fail;
	}
	if (sb.st_size > 1024 * 1024) {
		msgf(err, errsz, "%s: larger than 1 MiB", path);
		goto fail;
	}
	buf = xmalloc((size_t)sb.st_size + 1);
	while (off < (size_t)sb.st_size) {
		n = read(fd, buf + off, (size_t)sb.st_size - off);
		if (n <= 0) {
			msgf(err, errsz, "%s: %s", path,
			    n == 0 ? "short read" : strerror(errno));
			goto fail;
		}
		off += (size_t)n;
	}
	buf[off] = '\0';
	*len = off;
	close(fd);
	return buf;
fail:
	if (buf != NULL) {
		OPENSSL_cleanse(buf, (size_t)sb.st_size);
		free(buf);
	}
	close(fd);
	return NULL;
}

/*
 * Loads the configuration file at path over the defaults.
 * Returns 0, or -1 with err set.
 */
int
config_load(struct config *c, const char *path, char *err, size_t errsz)
{
	char	*text, e[200];
	size_t	 len;
	int	 rc;

	if ((text = file_read(path, 0, &len, err, errsz)) == NULL)
		return -1;
	rc = config_parse(c, text, len, e, sizeof(e));
	if (rc == -1)
		msgf(err, errsz, "%s: %s", path, e);
	free(text);
	return rc;
}

static int
secret_set(void *arg, size_t line, const char *k, size_t klen,
    const char *v, size_t vlen, char *err, size_t errsz)
{
	struct config	*c = arg;
	enum secret	 i;

	for (i = 0; i < SECRET__MAX; i++)
		if (strlen(secretnames[i]) == klen &&
		    memcmp(secretnames[i], k, klen) == 0)
			break;
	if (i == SECRET__MAX) {
		msgf(err, errsz, "line %zu: unknown key \"%.*s\"", line,
		    (int)(klen > 64 ? 64 : klen), k);
		return -1;
	}
	if (c->secret[i] != NULL) {
		OPENSSL_cleanse(c->secret[i], strlen(c->secret[i]));
		free(c->secret[i]);
	}
	c->secret[i] = xstrndup(v, vlen);
	return 0;
}

/*
 * Parses a secrets text into c->secret.  Error messages name the line and
 * the key, never a value.  Returns 0, or -1 with err set.
 */
int
secrets_parse(struct config *c, const char *s, size_t len, char *err,
    size_t errsz)
{
	return kv_lines(s, len, err, errsz, secret_set, c);
}

/*
 * Loads the secrets file named by secrets_file, refusing one that others
 * could read.  Returns 0, or -1 with err set.
 */
int
config_load_secrets(struct config *c, char *err, size_t errsz)
{
	char		 path[1024], *text, e[200];
	size_t		 len;
	int		 rc;

	if (config_secrets_path(c, path, sizeof(path)) == -1) {
		msgf(err, errsz, "secrets_file = %s: CREDENTIALS_DIRECTORY "
		    "is not set (credential: works under systemd's "
		    "LoadCredential= only)", c->str[CFG_SECRETS_FILE]);
		return -1;
	}
	if ((text = file_read(path, 1, &len, err, errsz)) == NULL)
		return -1;
	rc = secrets_parse(c, text, len, e, sizeof(e));
	if (rc == -1)
		msgf(err, errsz, "%s: %s", path, e);
	OPENSSL_cleanse(text, len);
	free(text);
	return rc;
}

/*
 * The secrets file's path: secrets_file itself, or for "credential:NAME"
 * the file NAME in systemd's $CREDENTIALS_DIRECTORY.  Returns 0 or -1.
 */
int
config_secrets_path(const struct config *c, char *buf, size_t sz)
{
	const char	*v = c->str[CFG_SECRETS_FILE], *dir;
	int		 n;

	if (strncmp(v, "credential:", 11) != 0)
		n = snprintf(buf, sz, "%s", v);
	else if ((dir = getenv("CREDENTIALS_DIRECTORY")) == NULL ||
	    *dir == '\0' || strchr(v + 11, '/') != NULL || v[11] == '\0')
		return -1;
	else
		n = snprintf(buf, sz, "%s/%s", dir, v + 11);
	return n < 0 || (size_t)n >= sz ? -1 : 0;
}

/* Copies the request limits out of the configuration. */
void
config_limits(const struct config *c, struct limits *l)
{
	l->max_body = (size_t)c->num[CFG_MAX_BODY];
	l->json_depth = (size_t)c->num[CFG_JSON_MAX_DEPTH];
	l->json_nodes = (size_t)c->num[CFG_JSON_MAX_NODES];
	l->max_pairs = (size_t)c->num[CFG_MAX_PAIRS];
}

void
config_release(struct config *c)
{
	size_t	 i;

	for (i = 0; i < CFG__MAX; i++)
		free(c->str[i]);
	for (i = 0; i < SECRET__MAX; i++)
		if (c->secret[i] != NULL) {
			OPENSSL_cleanse(c->secret[i], strlen(c->secret[i]));
			free(c->secret[i]);
		}
	memset(c, 0, sizeof(*c));
}
