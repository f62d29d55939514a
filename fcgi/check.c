/* SPDX-License-Identifier: ISC */
/*
 * check.c: primoforumctl check, the installation against the secure
 * baseline, for sysadmins and auditors alike.  Each check prints one
 * line, "ok" or "FAIL", with what it saw; the command fails if any
 * check does.  What is checked and why is in docs/operations.md.
 *
 *	the secrets file	regular, mode 0600/0400 (P11)
 *	the configuration	https origin, argon2id cost, login lifetimes
 *	the nginx config	as nginx reads it, includes followed: TLS 1.2+
 *				only, HSTS, server_tokens off, every admin
 *				location behind an allowlist that ends in
 *				"deny all" (P1, P9); /live/ logs no token and
 *				caches no open file (P7, P8)
 *	the database account	no DDL or admin privilege, no UPDATE or
 *				DELETE on the audit trail (P9, least privilege)
 *	the database server	local_infile off, durable commits, networking
 *				off or TLS required, encryption at rest (P1, P2)
 *
 * The nginx checks read the directives that ngxconf.c gives, from every
 * file nginx would read, and name the file and line of what they found,
 * so a finding in an included file can be found.  They are a baseline
 * check of the shipped configuration's controls, not nginx's own test
 * ("nginx -t").
 */
#include <sys/stat.h>

#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extern.h"
#include "db.h"
#include "banned.h"

struct checks {
	int	 failed;
	int	 passed;
};

static void PRINTFLIKE(3, 4)
report(struct checks *k, int ok, const char *fmt, ...)
{
	va_list	 ap;

	printf("%s ", ok ? "ok  " : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (ok)
		k->passed++;
	else
		k->failed++;
}

static void
check_secrets(struct checks *k, const struct config *cfg)
{
	struct stat	 sb;
	char		 path[1024];

	if (config_secrets_path(cfg, path, sizeof(path)) == -1) {
		report(k, 0, "secrets file: %s cannot be resolved "
		    "(credential: outside systemd?)", cfg->str[CFG_SECRETS_FILE]);
		return;
	}
	if (lstat(path, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		report(k, 0, "secrets file %s: missing or not a regular file",
		    path);
		return;
	}
	report(k, (sb.st_mode & 077) == 0, "secrets file %s: mode %04o "
	    "(want 0600 or 0400)", path, (unsigned)(sb.st_mode & 07777));
}

static void
check_config(struct checks *k, const struct config *cfg)
{
	report(k, strncmp(cfg->str[CFG_SITE_ORIGIN], "https://", 8) == 0,
	    "site_origin %s is https", cfg->str[CFG_SITE_ORIGIN]);
	report(k, cfg->num[CFG_ARGON2_M] >= 19456 && cfg->num[CFG_ARGON2_T] >=
	    2, "argon2id m=%lld KiB t=%lld (baseline: m >= 19456, t >= 2)",
	    cfg->num[CFG_ARGON2_M], cfg->num[CFG_ARGON2_T]);
	report(k, cfg->num[CFG_PASSWORD_MIN] >= 12,
	    "password_min %lld (baseline: 12 or more)",
	    cfg->num[CFG_PASSWORD_MIN]);
	report(k, cfg->num[CFG_LOGIN_ABSOLUTE] <= 86400 &&
	    cfg->num[CFG_LOGIN_IDLE] <= cfg->num[CFG_LOGIN_ABSOLUTE],
	    "logins end after %lld s idle, %lld s at most (baseline: a day "
	    "at most)", cfg->num[CFG_LOGIN_IDLE],
	    cfg->num[CFG_LOGIN_ABSOLUTE]);
}

static int
starts(const char *line, size_t len, const char *word)
{
	size_t	 n = strlen(word);

	return len >= n && memcmp(line, word, n) == 0;
}

static int
contains(const char *line, size_t len, const char *word)
{
	size_t	 n = strlen(word), i;

	for (i = 0; i + n <= len; i++)
		if (memcmp(line + i, word, n) == 0)
			return 1;
	return 0;
}

/* " (FILE:LINE)" of directive i for a finding, or "" for none. */
static const char *
place(const struct ngxconf *c, size_t i, char *buf, size_t sz)
{
	char	 w[PATH_MAX + 32];

	if (i == NGXCONF_NONE)
		return "";
	(void)msgf(buf, sz, " (%s)", ngxconf_where(c, i, w, sizeof(w)));
	return buf;
}

/* Whether directive i has n words and its last is word. */
static int
last_is(const struct ngxconf *c, size_t i, size_t n, const char *word)
{
	return c->dir[i].argc == n && strcmp(c->dir[i].argv[n - 1], word) == 0;
}

static int
is_location(const struct ngxconf *c, size_t i)
{
	return ngxconf_is(c, i, "location") && c->dir[i].end > 0 &&
	    c->dir[i].argc >= 2;
}

/* A location's words, "~* ^/admin(/|$)", for a finding.  Returns buf. */
static const char *
locname(const struct ngxconf *c, size_t i, char *buf, size_t sz)
{
	size_t	 j, n;

	buf[0] = '\0';
	for (j = 1; j < c->dir[i].argc && (n = strlen(buf)) + 1 < sz; j++)
		(void)msgf(buf + n, sz - n, "%s%s", j > 1 ? " " : "",
		    c->dir[i].argv[j]);
	return buf;
}

/* What ssl_protocols must not name. */
static const char *const weak_protocols[] = {
	"SSLv2", "SSLv3", "TLSv1", "TLSv1.1"
};

/* Whether ssl_protocols directive i names one older than TLS 1.2. */
static int
weak_at(const struct ngxconf *c, size_t i)
{
	size_t	 j, n;

	for (j = 1; j < c->dir[i].argc; j++)
		for (n = 0; n < sizeof(weak_protocols) /
		    sizeof(weak_protocols[0]); n++)
			if (strcmp(c->dir[i].argv[j], weak_protocols[n]) == 0)
				return 1;
	return 0;
}

/* Whether server block i listens with TLS ("listen ... ssl"). */
static int
listens_tls(const struct ngxconf *c, size_t i)
{
	size_t	 j, a;

	for (j = i + 1; j < c->dir[i].end; j = ngxconf_next(c, j))
		if (ngxconf_is(c, j, "listen"))
			for (a = 1; a < c->dir[j].argc; a++)
				if (strcmp(c->dir[j].argv[a], "ssl") == 0)
					return 1;
	return 0;
}

/*
 * TLS 1.2 and 1.3 only, in every server that listens with TLS (nginx
 * takes a port's protocols from its default server, whichever it is, so
 * each must hold).  A server's protocols are its own ssl_protocols, else
 * those of the block around it (Debian's nginx.conf has a list with TLS
 * 1.0 in its http {}), and every ssl_protocols of that one block adds up.
 */
static void
check_tls(struct checks *k, const struct ngxconf *c)
{
	char	 w[PATH_MAX + 40];
	size_t	 i, j, b, d, end, first = NGXCONF_NONE, weak = NGXCONF_NONE;
	size_t	 unset = NGXCONF_NONE;
	int	 servers = 0;

	for (i = 0; i < c->ndir; i++) {
		if (!ngxconf_is(c, i, "server") || c->dir[i].end == 0 ||
		    !listens_tls(c, i))
			continue;
		servers++;
		if ((d = ngxconf_find(c, i, "ssl_protocols")) == NGXCONF_NONE) {
			if (unset == NGXCONF_NONE)
				unset = i;
			continue;
		}
		if (first == NGXCONF_NONE)
			first = d;
		b = c->dir[d].parent;
		end = b == NGXCONF_NONE ? c->ndir : c->dir[b].end;
		for (j = b == NGXCONF_NONE ? 0 : b + 1; j < end;
		    j = ngxconf_next(c, j))
			if (ngxconf_is(c, j, "ssl_protocols") && weak_at(c, j) &&
			    weak == NGXCONF_NONE)
				weak = j;
	}
	report(k, servers > 0 && unset == NGXCONF_NONE && weak == NGXCONF_NONE,
	    "nginx: ssl_protocols %s%s", servers == 0 ?
	    "unknown: no server listens with ssl" :
	    unset != NGXCONF_NONE ? "not set for a server (nginx's default "
	    "allows TLS 1.0 and 1.1)" : weak != NGXCONF_NONE ?
	    "allows TLS 1.1 or older" : "TLS 1.2 and 1.3 only",
	    place(c, weak != NGXCONF_NONE ? weak : unset != NGXCONF_NONE ?
	    unset : first, w, sizeof(w)));
}

/* HSTS sent; server_tokens off, and never on anywhere. */
static void
check_headers(struct checks *k, const struct ngxconf *c)
{
	char	 w[PATH_MAX + 40];
	size_t	 i, hsts = NGXCONF_NONE, off = NGXCONF_NONE, on = NGXCONF_NONE;

	for (i = 0; i < c->ndir; i++) {
		if (ngxconf_is(c, i, "add_header") && c->dir[i].argc >= 3 &&
		    strcasecmp(c->dir[i].argv[1],
		    "Strict-Transport-Security") == 0 && hsts == NGXCONF_NONE)
			hsts = i;
		if (!ngxconf_is(c, i, "server_tokens"))
			continue;
		if (last_is(c, i, 2, "off") && off == NGXCONF_NONE)
			off = i;
		else if (!last_is(c, i, 2, "off") && on == NGXCONF_NONE)
			on = i;
	}
	report(k, hsts != NGXCONF_NONE, "nginx: Strict-Transport-Security "
	    "%s%s", hsts != NGXCONF_NONE ? "sent" : "missing",
	    place(c, hsts, w, sizeof(w)));
	report(k, off != NGXCONF_NONE && on == NGXCONF_NONE,
	    "nginx: server_tokens %s%s", on != NGXCONF_NONE ?
	    c->dir[on].argv[c->dir[on].argc - 1] : off != NGXCONF_NONE ?
	    "off" : "not off", place(c, on != NGXCONF_NONE ? on : off, w,
	    sizeof(w)));
}

/*
 * Each admin location (of a path; named ones like @admin_refused are
 * not) must have access rules of its own, wherever they are included
 * from, that end in "deny all" and never "allow all": nginx takes the
 * first rule that matches.  Returns the number of admin locations.
 */
static int
check_admin(struct checks *k, const struct ngxconf *c)
{
	char	 loc[128], w[PATH_MAX + 40], why[PATH_MAX + 80];
	size_t	 i, j, last, open;
	int	 ok, seen = 0;

	for (i = 0; i < c->ndir; i++) {
		if (!is_location(c, i) || c->dir[i].argv[1][0] == '@' ||
		    strstr(c->dir[i].argv[c->dir[i].argc - 1], "admin") ==
		    NULL)
			continue;
		seen++;
		last = open = NGXCONF_NONE;
		for (j = i + 1; j < c->dir[i].end; j = ngxconf_next(c, j)) {
			if (!ngxconf_is(c, j, "allow") &&
			    !ngxconf_is(c, j, "deny"))
				continue;
			last = j;
			if (ngxconf_is(c, j, "allow") && last_is(c, j, 2,
			    "all") && open == NGXCONF_NONE)
				open = j;
		}
		ok = open == NGXCONF_NONE && last != NGXCONF_NONE &&
		    ngxconf_is(c, last, "deny") && last_is(c, last, 2, "all");
		if (ok)
			(void)msgf(why, sizeof(why), ", \"deny all\" at %s",
			    ngxconf_where(c, last, w, sizeof(w)));
		else if (open != NGXCONF_NONE)
			(void)msgf(why, sizeof(why), ": %s allows all",
			    ngxconf_where(c, open, w, sizeof(w)));
		else if (last == NGXCONF_NONE)
			(void)msgf(why, sizeof(why), ": no allow or deny of "
			    "its own");
		else
			(void)msgf(why, sizeof(why), ": its rules end at %s, "
			    "not in \"deny all;\"", ngxconf_where(c, last, w,
			    sizeof(w)));
		report(k, ok, "nginx: location %s is behind the allowlist%s%s",
		    locname(c, i, loc, sizeof(loc)), why, place(c, i, w,
		    sizeof(w)));
	}
	return seen;
}

/* The variables of a log line that hold the request's path. */
static const char *const path_vars[] = {
	"request", "request_uri", "uri", "document_uri", "request_filename",
	"1", "2", "3", "4", "5", "6", "7", "8", "9"	/* regex captures */
};

/* The first variable in s ($name, ${name}) that holds the path, or NULL. */
static const char *
path_var(const char *s)
{
	size_t	 n, i;

	while ((s = strchr(s, '$')) != NULL) {
		s += s[1] == '{' ? 2 : 1;
		if (isdigit((unsigned char)*s))
			n = 1;
		else
			for (n = 0; isalnum((unsigned char)s[n]) ||
			    s[n] == '_'; n++)
				continue;
		for (i = 0; i < sizeof(path_vars) / sizeof(path_vars[0]); i++)
			if (strlen(path_vars[i]) == n &&
			    memcmp(s, path_vars[i], n) == 0)
				return path_vars[i];
	}
	return NULL;
}

/*
 * Whether a request that ends in block b is logged without its path:
 * the access_log directives that hold there (b's own, else those of the
 * nearest block around it) are "off" or use a log_format that writes no
 * path.  Says why not in why.  Returns 1 if so.
 */
static int
logs_no_path(const struct ngxconf *c, size_t b, char *why, size_t whysz)
{
	char		 w[PATH_MAX + 32], fw[PATH_MAX + 32];
	const char	*fmt, *v = NULL;
	size_t		 a, i, j, f, end;

	if ((a = ngxconf_find(c, b, "access_log")) == NGXCONF_NONE) {
		(void)msgf(why, whysz, "no access_log: nginx's default "
		    "(combined) writes $request");
		return 0;
	}
	end = c->dir[a].parent == NGXCONF_NONE ? c->ndir :
	    c->dir[c->dir[a].parent].end;
	for (i = a; i < end; i = ngxconf_next(c, i))
		if (ngxconf_is(c, i, "access_log") && last_is(c, i, 2, "off"))
			return 1;
	for (i = a; i < end; i = ngxconf_next(c, i)) {
		if (!ngxconf_is(c, i, "access_log"))
			continue;
		fmt = c->dir[i].argc >= 3 ? c->dir[i].argv[2] : "combined";
		for (f = 0; f < c->ndir; f++)
			if (ngxconf_is(c, f, "log_format") &&
			    c->dir[f].argc >= 2 &&
			    strcmp(c->dir[f].argv[1], fmt) == 0)
				break;
		for (j = 2; f < c->ndir && v == NULL && j < c->dir[f].argc;
		    j++)
			v = path_var(c->dir[f].argv[j]);
		if (strcmp(fmt, "combined") == 0)
			v = "request";
		else if (f == c->ndir) {
			(void)msgf(why, whysz, "access_log at %s: no "
			    "log_format %s", ngxconf_where(c, i, w, sizeof(w)),
			    fmt);
			return 0;
		}
		if (v != NULL) {
			(void)msgf(why, whysz, "access_log at %s uses "
			    "log_format %s%s, which writes $%s",
			    ngxconf_where(c, i, w, sizeof(w)), fmt,
			    place(c, f < c->ndir ? f : NGXCONF_NONE, fw,
			    sizeof(fw)), v);
			return 0;
		}
	}
	return 1;
}

/* In the server around block b, the location named name ("@x"). */
static size_t
named_location(const struct ngxconf *c, size_t b, const char *name)
{
	size_t	 i, end;

	while (b != NGXCONF_NONE && !ngxconf_is(c, b, "server"))
		b = c->dir[b].parent;
	end = b == NGXCONF_NONE ? c->ndir : c->dir[b].end;
	for (i = b == NGXCONF_NONE ? 0 : b + 1; i < end; i++)
		if (is_location(c, i) && last_is(c, i, 2, name))
			return i;
	return NGXCONF_NONE;
}

/*
 * The live documents, /live/TOKEN.json: the token is a capability, so
 * no log may hold it, and a removed document must be gone at once, so
 * no open_file_cache may keep it (docs/security.md, P7 and P8).  nginx
 * logs a request in the location it ends in: /live/, one nested in it,
 * or a named location that an error_page in them sends it to
 * (@live_gone).
 */
static void
check_live(struct checks *k, const struct ngxconf *c)
{
	char	 w[PATH_MAX + 40], loc[128], why[2 * PATH_MAX];
	char	 logwhy[2 * PATH_MAX + 160];
	size_t	 live, i, j, n, cache = NGXCONF_NONE;

	for (live = 0; live < c->ndir; live++)
		if (is_location(c, live) && c->dir[live].argc == 3 &&
		    strcmp(c->dir[live].argv[1], "^~") == 0 &&
		    strcmp(c->dir[live].argv[2], "/live/") == 0)
			break;
	if (live == c->ndir) {
		report(k, 0, "nginx: no location ^~ /live/ (the live "
		    "documents)");
		return;
	}
	logwhy[0] = '\0';
	for (i = live; i < c->dir[live].end; i++) {
		if (is_location(c, i))
			n = i;
		else if (ngxconf_is(c, i, "error_page") &&
		    c->dir[i].argv[c->dir[i].argc - 1][0] == '@')
			n = named_location(c, live,
			    c->dir[i].argv[c->dir[i].argc - 1]);
		else
			continue;
		if (n == NGXCONF_NONE)
			continue;
		if (logwhy[0] == '\0' && !logs_no_path(c, n, why,
		    sizeof(why))) {
			if (n == live)
				(void)msgf(logwhy, sizeof(logwhy), ": %s", why);
			else
				(void)msgf(logwhy, sizeof(logwhy), ": in "
				    "location %s, %s", locname(c, n, loc,
				    sizeof(loc)), why);
		}
		/* Files are served from /live/ and the locations in it. */
		if (n == i && cache == NGXCONF_NONE &&
		    (j = ngxconf_find(c, n, "open_file_cache")) !=
		    NGXCONF_NONE && !last_is(c, j, 2, "off"))
			cache = j;
	}
	report(k, logwhy[0] == '\0', "nginx: location ^~ /live/ %s%s%s",
	    logwhy[0] == '\0' ? "logs no token" : "logs its token", logwhy,
	    place(c, live, w, sizeof(w)));
	report(k, cache == NGXCONF_NONE, "nginx: location ^~ /live/ %s%s%s",
	    cache == NGXCONF_NONE ? "has no open_file_cache" :
	    "is under the open_file_cache at ", cache == NGXCONF_NONE ? "" :
	    ngxconf_where(c, cache, why, sizeof(why)), place(c, live, w,
	    sizeof(w)));
	/*
	 * The error log: a stopped session's document is a missing file,
	 * and nginx would log its path (the token) unless told not to.
	 */
	j = ngxconf_find(c, live, "log_not_found");
	report(k, j != NGXCONF_NONE && last_is(c, j, 2, "off"),
	    "nginx: location ^~ /live/ %s%s", j != NGXCONF_NONE &&
	    last_is(c, j, 2, "off") ? "has log_not_found off" :
	    "logs a missing document's path (its token) to the error log: "
	    "set log_not_found off", place(c, j != NGXCONF_NONE ? j : live,
	    w, sizeof(w)));
}

/*
 * The nginx configuration that nginx reads from path (includes followed,
 * or an "nginx -T" dump).  What could not be read fails; the checks then
 * read what could.
 */
static void
check_nginx(struct checks *k, const char *path)
{
	struct ngxconf	 c;
	size_t		 i;

	ngxconf_init(&c);
	(void)ngxconf_load(&c, path);
	for (i = 0; i < c.nproblem; i++)
		report(k, 0, "nginx: %s", c.problem[i]);
	if (c.ndir > 0 || c.nproblem == 0) {
		check_tls(k, &c);
		check_headers(k, &c);
		report(k, check_admin(k, &c) >= 2, "nginx: /admin/ and "
		    "/api/admin/ have their own locations");
		check_live(k, &c);
	}
	ngxconf_release(&c);
}

/* The privileges a grant line of SHOW GRANTS gives, checked. */
struct grants {
	struct checks	*k;
	int		 bad;
};

static int
grant_row(void *arg, const struct dbcol *c, size_t n)
{
	struct grants	*g = arg;
	const char	*s, *on, *to, *priv, *end;
	char		 word[64], obj[160];
	size_t		 len, wl;
	int		 star, audit, ok;

	if (n < 1 || c[0].null)
		return 0;
	s = c[0].s;
	len = c[0].len;
	if (!starts(s, len, "GRANT ") || !contains(s, len, " ON ") ||
	    !contains(s, len, " TO "))
		return 0;	/* a role granted to the account */
	on = strstr(s, " ON ");
	to = strstr(on, " TO ");
	/* An object name too long to read is not one of ours: not ok. */
	ok = strfmt(obj, sizeof(obj), "%.*s", (int)(to - on - 4),
	    on + 4) == 0 && !contains(s, len, "WITH GRANT OPTION");
	star = strncmp(obj, "*.*", 3) == 0;
	audit = strstr(obj, "audit_event") != NULL || strstr(obj, ".*") !=
	    NULL;
	for (priv = s + 6; priv < on; priv = end + 2) {
		if ((end = strstr(priv, ", ")) == NULL || end > on)
			end = on;
		wl = (size_t)(end - priv);
		/* No privilege is that long: "" matches none, so not ok. */
		(void)strfmt(word, sizeof(word), "%.*s", (int)wl, priv);
		if (strcmp(word, "USAGE") == 0)
			continue;
		if (star)
			ok = 0;
		else if (strcmp(word, "SELECT") != 0 &&
		    strcmp(word, "INSERT") != 0 &&
		    strcmp(word, "UPDATE") != 0 && strcmp(word, "DELETE") != 0)
			ok = 0;
		else if (audit && (strcmp(word, "UPDATE") == 0 ||
		    strcmp(word, "DELETE") == 0))
			ok = 0;
		if (end == on)
			break;
	}
	if (!ok) {
		g->bad++;
		report(g->k, 0, "database: the application account has %.*s",
		    (int)(to - s), s);
	}
	return 0;
}

static void
check_grants(struct checks *k, const struct config *cfg, struct db *db)
{
	struct grants	 g = { k, 0 };

	/* The account's own grants and those of its (default) role. */
	if (db_exec(db, STMT_SHOW_GRANTS, NULL, 0, grant_row, &g) < 0) {
		report(k, 0, "database: the grants of %s cannot be read",
		    cfg->str[CFG_DB_USER]);
		return;
	}
	if (g.bad == 0)
		report(k, 1, "database: %s has only SELECT, INSERT, UPDATE and "
		    "DELETE on its tables, and no UPDATE or DELETE on the "
		    "audit trail", cfg->str[CFG_DB_USER]);
}

static const char *const varnames[] = { "local_infile",
	"innodb_flush_log_at_trx_commit", "skip_networking",
	"require_secure_transport", "innodb_encrypt_tables",
	"file_key_management" };

static int
vars_row(void *arg, const struct dbcol *c, size_t n)
{
	char	 (*v)[32] = arg;
	size_t	 i;

	for (i = 0; i < n && i < 6; i++)
		/* A value longer than any we look for reads as "". */
		(void)strfmt(v[i], sizeof(v[i]), "%.*s", (int)c[i].len,
		    c[i].null ? "" : c[i].s);
	return 0;
}

static int
on(const char *v)
{
	return strcmp(v, "1") == 0 || strcasecmp(v, "ON") == 0 ||
	    strcasecmp(v, "FORCE") == 0 || strcasecmp(v, "ACTIVE") == 0;
}

static void
check_server(struct checks *k, struct db *db)
{
	char	 v[6][32];

	memset(v, 0, sizeof(v));
	if (db_exec(db, STMT_SERVER_VARS, NULL, 0, vars_row, v) != 1) {
		report(k, 0, "database: the server's settings cannot be read");
		return;
	}
	report(k, !on(v[0]), "database: %s %s", varnames[0], v[0]);
	report(k, strcmp(v[1], "1") == 0, "database: %s %s (1: every "
	    "commit durable)", varnames[1], v[1]);
	report(k, on(v[2]) || on(v[3]), "database: networking %s",
	    on(v[2]) ? "off (local socket only)" : on(v[3]) ?
	    "with TLS required" : "on without require_secure_transport");
	report(k, on(v[5]) && on(v[4]), "database: encryption at rest "
	    "(file_key_management %s, innodb_encrypt_tables %s)",
	    v[5][0] != '\0' ? v[5] : "not loaded", v[4][0] != '\0' ? v[4] :
	    "OFF");
}

/*
 * Runs every check.  db may be NULL when the secrets could not be read
 * (the database checks then fail).  Returns 0 if all passed, else 1.
 */
int
check_run(const struct config *cfg, struct db *db, const char *nginx)
{
	struct checks	 k = { 0, 0 };

	check_secrets(&k, cfg);
	check_config(&k, cfg);
	check_nginx(&k, nginx);
	if (db == NULL)
		report(&k, 0, "database: not checked (no secrets)");
	else {
		check_grants(&k, cfg, db);
		check_server(&k, db);
	}
	printf("%d checks passed, %d failed\n", k.passed, k.failed);
	return k.failed > 0;
}
