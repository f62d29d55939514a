/* SPDX-License-Identifier: ISC */
/*
 * ngxconf.c: an nginx configuration read the way nginx reads it, for
 * primoforumctl check (check.c).  nginx reads one main file and, at
 * each "include", the files it names, in place; so on Debian the site's
 * settings are in /etc/nginx/conf.d/primoforum.conf, inside the http {}
 * of /etc/nginx/nginx.conf, and a check that read one file alone would
 * miss them, or miss what the other files add.  This module gives the
 * directives of all the files in nginx's order, each with its words,
 * its file and line and the block it is in, so that a check sees what
 * nginx will use and can say where it is.
 *
 * As nginx does (src/core/ngx_conf_file.c): the words are split as
 * ngx_conf_read_token() splits them ("#" starts a comment only where a
 * word could start; quotes and backslashes escape; "${" opens no
 * block); an include names a file or a glob(3) pattern, whose files are
 * read in glob's (sorted) order, and a relative one is relative to the
 * main file's directory (nginx's conf prefix), however deep it is
 * included; each file's blocks close in that file.  What nginx would
 * refuse is a problem that names its place, and reading goes on where
 * it can, so that one problem does not hide the other findings.  nginx
 * follows an include loop until it crashes; here a loop, includes
 * nested deeper than NGX_DEPTH, and more than NGX_FILES files or
 * NGX_TOTAL bytes in all are problems too.
 *
 * The output of "nginx -T" is read as the files it holds: each follows
 * a line "# configuration file PATH:", and includes are looked up among
 * them (a pattern with fnmatch(3)), so an auditor can check a dump
 * without the host's files.
 */
#include <sys/types.h>

#include <errno.h>
#include <fnmatch.h>
#include <glob.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "buf.h"
#include "banned.h"

#define NGX_WORD	4096		/* bytes in a word: nginx's buffer */
#define NGX_ARGS	1024		/* words in one directive */
#define NGX_BLOCKS	64		/* blocks open at once in one file */
#define NGX_DEPTH	16		/* files open at once (includes) */
#define NGX_FILES	1024		/* files read in all (one twice: two) */
#define NGX_TOTAL	(8 << 20)	/* bytes read in all */
#define NGX_DIRS	(256 * 1024)	/* directives in all */
#define NGX_PROBLEMS	32		/* problems kept; then one says more */
#define DUMP_HEAD	"# configuration file "

enum tok {
	TOK_WORD,	/* a word, in the lexer's buffer */
	TOK_SEMI,	/* ";": the end of a directive */
	TOK_OPEN,	/* "{": the end of a block's directive */
	TOK_CLOSE,	/* "}" */
	TOK_EOF,
	TOK_ERROR	/* lexer.err says what */
};

struct lexer {
	const char	*p, *end;
	size_t		 line;		/* the line *p is on */
	size_t		 wline;		/* the line the last token began on */
	struct buf	 word;		/* the last word, unquoted (owned) */
	const char	*err;
};

/* What reading the files shares: where relative names start, how deep. */
struct loader {
	char		 prefix[PATH_MAX];	/* the main file's directory
						 * and "/", or "" */
	const char	*dump;			/* "nginx -T" output, or NULL */
	size_t		 dumplen;
	char		*open[NGX_DEPTH];	/* the files being read, by
						 * real path (owned) */
	size_t		 depth;
	size_t		 total;			/* bytes read so far */
};

static void	include(struct ngxconf *, struct loader *, size_t,
		    const char *);

void
ngxconf_init(struct ngxconf *c)
{
	memset(c, 0, sizeof(*c));
}

void
ngxconf_release(struct ngxconf *c)
{
	size_t	 i, j;

	for (i = 0; i < c->ndir; i++) {
		for (j = 0; j < c->dir[i].argc; j++)
			free(c->dir[i].argv[j]);
		free(c->dir[i].argv);
	}
	free(c->dir);
	for (i = 0; i < c->nfile; i++)
		free(c->file[i]);
	free(c->file);
	for (i = 0; i < c->nproblem; i++)
		free(c->problem[i]);
	free(c->problem);
	ngxconf_init(c);
}

/* Records a problem; past NGX_PROBLEMS, one last that says so. */
static void PRINTFLIKE(2, 3)
problem(struct ngxconf *c, const char *fmt, ...)
{
	char	 msg[1024];
	va_list	 ap;

	if (c->nproblem > NGX_PROBLEMS)
		return;
	va_start(ap, fmt);
	(void)vmsgf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (c->nproblem == NGX_PROBLEMS)
		(void)msgf(msg, sizeof(msg), "more than %d problems: the "
		    "rest are not shown", NGX_PROBLEMS);
	c->problem = xreallocarray(c->problem, c->nproblem + 1,
	    sizeof(*c->problem));
	c->problem[c->nproblem++] = xstrdup(msg);
}

static int
is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

static enum tok
lex_error(struct lexer *x, const char *err)
{
	x->err = err;
	return TOK_ERROR;
}

/*
 * The next token of x, as ngx_conf_read_token() reads it.  A word is
 * unquoted into x->word: a backslash keeps the next character from
 * ending the word and is dropped before a quote or a backslash; \t, \r
 * and \n are those characters.
 */
static enum tok
lex(struct lexer *x)
{
	char	 ch, q = '\0';
	int	 var = 0;

	buf_reset(&x->word);
	for (;;) {
		if (x->p == x->end)
			return TOK_EOF;
		ch = *x->p;
		if (ch == '#') {
			while (x->p < x->end && *x->p != '\n')
				x->p++;
			continue;
		}
		if (!is_space(ch))
			break;
		if (ch == '\n')
			x->line++;
		x->p++;
	}
	x->wline = x->line;
	if (ch == ';' || ch == '{' || ch == '}') {
		x->p++;
		return ch == ';' ? TOK_SEMI : ch == '{' ? TOK_OPEN : TOK_CLOSE;
	}
	if (ch == '"' || ch == '\'')
		q = *x->p++;
	while (x->p < x->end) {
		ch = *x->p;
		if (ch == '\0')
			return lex_error(x, "a NUL byte");
		/* "${name}" is a variable, not a block. */
		if (q == '\0' && (is_space(ch) || ch == ';' ||
		    (ch == '{' && !var)))
			return TOK_WORD;
		x->p++;
		if (q != '\0' && ch == q) {
			/* nginx wants a space, ";", "{" or ")" after it. */
			if (x->p < x->end && !is_space(*x->p) && *x->p != ';' &&
			    *x->p != '{' && *x->p != ')')
				return lex_error(x, "unexpected character "
				    "after a quoted string");
			return TOK_WORD;
		}
		if (ch == '\n')
			x->line++;
		var = ch == '$';
		if (ch == '\\' && x->p < x->end) {
			var = 0;
			ch = *x->p++;
			if (ch == '\n')
				x->line++;
			if (ch == '\0')
				return lex_error(x, "a NUL byte");
			if (ch == 't' || ch == 'r' || ch == 'n')
				ch = ch == 't' ? '\t' : ch == 'r' ? '\r' : '\n';
			else if (ch != '"' && ch != '\'' && ch != '\\' &&
			    buf_append(&x->word, "\\", 1) == -1)
				return lex_error(x, "a word too long");
		}
		if (buf_append(&x->word, &ch, 1) == -1)
			return lex_error(x, "a word too long");
	}
	if (q != '\0')
		return lex_error(x, "unexpected end of file in a quoted "
		    "string");
	return TOK_WORD;
}

/*
 * Appends a directive of argc words (the array is copied, the words
 * taken over).  Returns its index, or NGXCONF_NONE past NGX_DIRS.
 */
static size_t
add_dir(struct ngxconf *c, char **argv, size_t argc, size_t file,
    size_t line, size_t parent)
{
	struct ngxdir	*d;

	if (c->ndir == NGX_DIRS)
		return NGXCONF_NONE;
	if (c->ndir == c->dirsz) {
		c->dirsz = c->dirsz == 0 ? 256 : c->dirsz * 2;
		c->dir = xreallocarray(c->dir, c->dirsz, sizeof(*c->dir));
	}
	d = &c->dir[c->ndir];
	d->argv = xreallocarray(NULL, argc, sizeof(*d->argv));
	memcpy(d->argv, argv, argc * sizeof(*argv));
	d->argc = argc;
	d->file = file;
	d->line = line;
	d->parent = parent;
	d->end = 0;
	return c->ndir++;
}

/*
 * In an "nginx -T" text from p on, the next line "# configuration file
 * NAME:".  Returns the line's start (name and nlen set), or NULL.
 */
static const char *
dump_next(const char *p, const char *end, const char **name, size_t *nlen)
{
	const char	*nl;
	size_t		 hl = strlen(DUMP_HEAD), ll;

	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		ll = (size_t)(nl - p);
		if (ll > hl + 1 && memcmp(p, DUMP_HEAD, hl) == 0 &&
		    p[ll - 1] == ':') {
			*name = p + hl;
			*nlen = ll - hl - 1;
			return p;
		}
		if (nl == end)
			break;
	}
	return NULL;
}

/* In the dump, the text of the file named name (len set), or NULL. */
static const char *
dump_find(const struct loader *l, const char *name, size_t *len)
{
	const char	*p = l->dump, *end = l->dump + l->dumplen;
	const char	*n, *body, *q;
	size_t		 nlen;

	while ((p = dump_next(p, end, &n, &nlen)) != NULL) {
		body = memchr(p, '\n', (size_t)(end - p));
		body = body != NULL ? body + 1 : end;
		if (nlen == strlen(name) && memcmp(n, name, nlen) == 0) {
			if ((q = dump_next(body, end, &n, &nlen)) != NULL)
				end = q;
			*len = (size_t)(end - body);
			return body;
		}
		p = body;
	}
	return NULL;
}

/*
 * Reads the directives of one file's text (file: its index in c->file)
 * into c->dir as the contents of block parent, following includes with
 * l (without l they stay directives).  Stops at the first error, as
 * nginx does, and records it; the blocks left open end there.  Returns
 * 0, or -1 on an error.
 */
static int
parse_text(struct ngxconf *c, struct loader *l, size_t file,
    const char *text, size_t len, size_t parent)
{
	struct lexer	 x;
	char		**argv, where[PATH_MAX + 32];
	const char	*errstr = NULL;
	size_t		 argc = 0, line = 0, open[NGX_BLOCKS], nopen = 0, i;
	enum tok	 t;

	memset(&x, 0, sizeof(x));
	x.p = text;
	x.end = text + len;
	x.line = 1;
	buf_init(&x.word, NGX_WORD);
	argv = xcalloc(NGX_ARGS, sizeof(*argv));
	while (errstr == NULL && (t = lex(&x)) != TOK_EOF) {
		if (t == TOK_ERROR) {
			errstr = x.err;
		} else if (t == TOK_WORD) {
			if (argc == 0)
				line = x.wline;
			if (argc == NGX_ARGS)
				errstr = "too many words in a directive";
			else
				argv[argc++] = xstrdup(buf_str(&x.word));
		} else if (t == TOK_CLOSE) {
			if (argc > 0 || nopen == 0)
				errstr = "unexpected \"}\"";
			else
				c->dir[open[--nopen]].end = c->ndir;
		} else if (argc == 0) {
			errstr = t == TOK_SEMI ? "unexpected \";\"" :
			    "unexpected \"{\"";
		} else if (t == TOK_OPEN && nopen == NGX_BLOCKS) {
			errstr = "blocks nested too deep";
		} else if ((i = add_dir(c, argv, argc, file, line,
		    nopen > 0 ? open[nopen - 1] : parent)) == NGXCONF_NONE) {
			errstr = "too many directives in all";
		} else {
			argc = 0;
			if (t == TOK_OPEN)
				open[nopen++] = i;
			else if (l != NULL && strcmp(c->dir[i].argv[0],
			    "include") == 0) {
				(void)msgf(where, sizeof(where), "%s:%zu",
				    c->file[file], line);
				include(c, l, i, where);
			}
		}
	}
	if (errstr == NULL && argc > 0)
		errstr = "unexpected end of file, expecting \";\" or \"}\"";
	else if (errstr == NULL && nopen > 0)
		errstr = "unexpected end of file, expecting \"}\"";
	if (errstr != NULL)
		problem(c, "%s (%s:%zu)", errstr, c->file[file], x.line);
	while (nopen > 0)
		c->dir[open[--nopen]].end = c->ndir;
	while (argc > 0)
		free(argv[--argc]);
	free(argv);
	buf_release(&x.word);
	return errstr == NULL ? 0 : -1;
}

/*
 * Reads text, the file nginx names name (real: its real path, for
 * loops), as the contents of block parent; where names the include, or
 * is "" for the main file.  Returns 0, or -1 (a problem recorded).
 */
static int
load_text(struct ngxconf *c, struct loader *l, const char *name,
    const char *real, const char *text, size_t len, size_t parent,
    const char *where)
{
	size_t	 i, file;
	int	 rc;

	for (i = 0; i < l->depth; i++)
		if (strcmp(l->open[i], real) == 0) {
			problem(c, "include loop: %s is already being read "
			    "(included at %s)", name, where);
			return -1;
		}
	if (len > NGX_TOTAL - l->total) {
		problem(c, "more than %d MiB of configuration in all: %s not "
		    "read (included at %s)", NGX_TOTAL >> 20, name, where);
		return -1;
	}
	l->total += len;
	c->file = xreallocarray(c->file, c->nfile + 1, sizeof(*c->file));
	file = c->nfile++;
	c->file[file] = xstrdup(name);
	l->open[l->depth++] = xstrdup(real);
	rc = parse_text(c, l, file, text, len, parent);
	free(l->open[--l->depth]);
	return rc;
}

/*
 * Reads the file nginx names path, from the disk (following symbolic
 * links, as Debian's sites-enabled/ holds them) or from the dump.
 * Returns 0, or -1 (a problem recorded).
 */
static int
load_file(struct ngxconf *c, struct loader *l, const char *path,
    size_t parent, const char *where)
{
	char		 real[PATH_MAX], err[PATH_MAX + 64], *text = NULL;
	const char	*body;
	size_t		 len;
	int		 rc;

	if (l->depth == NGX_DEPTH || c->nfile == NGX_FILES) {
		problem(c, "%s: %s not read (included at %s)", l->depth ==
		    NGX_DEPTH ? "includes nested too deep" : "too many files",
		    path, where);
		return -1;
	}
	if (l->dump != NULL) {
		if ((body = dump_find(l, path, &len)) == NULL) {
			problem(c, "%s: not in the dump (included at %s)",
			    path, where);
			return -1;
		}
		return load_text(c, l, path, path, body, len, parent, where);
	}
	if (realpath(path, real) == NULL) {
		problem(c, "%s: %s (included at %s)", path, strerror(errno),
		    where);
		return -1;
	}
	if ((text = file_read(real, 0, &len, err, sizeof(err))) == NULL) {
		problem(c, "%s (included at %s)", err, where);
		return -1;
	}
	rc = load_text(c, l, path, real, text, len, parent, where);
	free(text);
	return rc;
}

/*
 * Follows the include at directive i (where: its place): the file it
 * names, or each that its pattern matches, sorted (glob(3), as nginx;
 * none is no error), read in place as contents of i's block.
 */
static void
include(struct ngxconf *c, struct loader *l, size_t i, const char *where)
{
	char		 path[PATH_MAX], name[PATH_MAX];
	const char	*p, *end, *n;
	size_t		 nlen, parent = c->dir[i].parent;
	glob_t		 g;
	int		 rc;

	if (c->dir[i].argc != 2) {
		problem(c, "include takes one file (%s)", where);
		return;
	}
	if (strfmt(path, sizeof(path), "%s%s", c->dir[i].argv[1][0] == '/' ?
	    "" : l->prefix, c->dir[i].argv[1]) == -1) {
		problem(c, "an include path too long (%s)", where);
		return;
	}
	if (strpbrk(path, "*?[") == NULL) {
		(void)load_file(c, l, path, parent, where);
		return;
	}
	if (l->dump != NULL) {
		p = l->dump;
		end = l->dump + l->dumplen;
		for (; (p = dump_next(p, end, &n, &nlen)) != NULL; p = n + nlen)
			if (strfmt(name, sizeof(name), "%.*s", (int)nlen,
			    n) == 0 && fnmatch(path, name, FNM_PATHNAME |
			    FNM_PERIOD) == 0)
				(void)load_file(c, l, name, parent, where);
		return;
	}
	memset(&g, 0, sizeof(g));
	if ((rc = glob(path, 0, NULL, &g)) != 0 && rc != GLOB_NOMATCH)
		problem(c, "include %s: the pattern cannot be read (%s)",
		    path, where);
	for (nlen = 0; rc == 0 && nlen < g.gl_pathc; nlen++)
		(void)load_file(c, l, g.gl_pathv[nlen], parent, where);
	globfree(&g);
}

/*
 * Reads the configuration that nginx reads from path, its includes
 * followed; or, when path holds the output of "nginx -T", the files in
 * it.  Returns 0 if all was read, else -1: c->problem says what was not,
 * c->dir holds what was.
 */
int
ngxconf_load(struct ngxconf *c, const char *path)
{
	struct loader	 l;
	char		 real[PATH_MAX], err[PATH_MAX + 64], name[PATH_MAX];
	char		*text = NULL;
	const char	*n, *slash;
	size_t		 len, nlen;

	memset(&l, 0, sizeof(l));
	if (realpath(path, real) == NULL) {
		problem(c, "%s: %s", path, strerror(errno));
		return -1;
	}
	if ((text = file_read(real, 0, &len, err, sizeof(err))) == NULL) {
		problem(c, "%s", err);
		return -1;
	}
	if (len > strlen(DUMP_HEAD) && memcmp(text, DUMP_HEAD,
	    strlen(DUMP_HEAD)) == 0 && dump_next(text, text + len, &n,
	    &nlen) == text) {
		l.dump = text;
		l.dumplen = len;
		if (strfmt(name, sizeof(name), "%.*s", (int)nlen, n) == -1)
			problem(c, "%s: a file name too long", path);
		path = name;
	}
	/* nginx's conf prefix: the main file's directory. */
	if ((slash = strrchr(path, '/')) != NULL &&
	    strfmt(l.prefix, sizeof(l.prefix), "%.*s", (int)(slash - path +
	    1), path) == -1)
		problem(c, "%s: a path too long", path);
	if (c->nproblem == 0 && l.dump != NULL)
		(void)load_file(c, &l, path, NGXCONF_NONE, "");
	else if (c->nproblem == 0)
		(void)load_text(c, &l, path, real, text, len, NGXCONF_NONE,
		    "");
	free(text);
	return c->nproblem == 0 ? 0 : -1;
}

/*
 * Reads one text, named name in findings, as nginx would; its includes
 * stay directives, not followed.  No I/O: the unit tests and the fuzzer
 * call it.  Returns 0, or -1 with the error in c->problem.
 */
int
ngxconf_parse(struct ngxconf *c, const char *name, const char *text,
    size_t len)
{
	c->file = xreallocarray(c->file, c->nfile + 1, sizeof(*c->file));
	c->file[c->nfile] = xstrdup(name);
	return parse_text(c, NULL, c->nfile++, text, len, NGXCONF_NONE);
}

/* Whether directive i is named name. */
int
ngxconf_is(const struct ngxconf *c, size_t i, const char *name)
{
	return i < c->ndir && strcmp(c->dir[i].argv[0], name) == 0;
}

/* The next directive after i in i's block: past what a block i holds. */
size_t
ngxconf_next(const struct ngxconf *c, size_t i)
{
	return c->dir[i].end > 0 ? c->dir[i].end : i + 1;
}

/*
 * The first directive named name that holds in block b (NGXCONF_NONE:
 * the top level): b's own, else that of the nearest block around it,
 * as nginx inherits a setting that a block does not make.  Returns its
 * index, or NGXCONF_NONE when nothing sets it.
 */
size_t
ngxconf_find(const struct ngxconf *c, size_t b, const char *name)
{
	size_t	 i, end;

	for (;;) {
		end = b == NGXCONF_NONE ? c->ndir : c->dir[b].end;
		for (i = b == NGXCONF_NONE ? 0 : b + 1; i < end;
		    i = ngxconf_next(c, i))
			if (ngxconf_is(c, i, name))
				return i;
		if (b == NGXCONF_NONE)
			return NGXCONF_NONE;
		b = c->dir[b].parent;
	}
}

/* "FILE:LINE" of directive i into buf, for a finding.  Returns buf. */
const char *
ngxconf_where(const struct ngxconf *c, size_t i, char *buf, size_t sz)
{
	(void)msgf(buf, sz, "%s:%zu", c->file[c->dir[i].file],
	    c->dir[i].line);
	return buf;
}
