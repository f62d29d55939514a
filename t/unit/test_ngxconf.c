/* SPDX-License-Identifier: ISC */
/*
 * test_ngxconf.c: nginx's configuration split as nginx splits it
 * (ngxconf_parse(): words, comments, quotes, escapes, blocks, lines),
 * what nginx would refuse, and the inheritance the checks read
 * (ngxconf_find()).  Following includes reads files: that is proved
 * against real files and nginx itself in t/integration/check.t.
 */
#include <stdlib.h>

#include "extern.h"
#include "tap.h"

static int
parse(struct ngxconf *c, const char *s)
{
	ngxconf_init(c);
	return ngxconf_parse(c, "t.conf", s, strlen(s));
}

/* Word j of directive i, or "(none)". */
static const char *
word(const struct ngxconf *c, size_t i, size_t j)
{
	return i < c->ndir && j < c->dir[i].argc ? c->dir[i].argv[j] :
	    "(none)";
}

/* The first problem, or "". */
static const char *
problem(const struct ngxconf *c)
{
	return c->nproblem > 0 ? c->problem[0] : "";
}

int
main(void)
{
	struct ngxconf	 c;
	char		 w[64], big[6000];
	size_t		 i;

	ok(parse(&c, "a b;\nc {\n\td e;\n}\nf;\n") == 0 && c.ndir == 4,
	    "directives and a block: 4");
	is_int(c.dir[1].end, 3, "the block ends after its one directive");
	is_int(c.dir[2].parent, 1, "which is in it");
	ok(c.dir[0].parent == NGXCONF_NONE && c.dir[3].parent ==
	    NGXCONF_NONE, "the others at the top");
	is_int(c.dir[2].line, 3, "lines counted");
	is_int(ngxconf_next(&c, 1), 3, "the next after a block is past it");
	is_str(ngxconf_where(&c, 3, w, sizeof(w)), "t.conf:5", "where");
	ngxconf_release(&c);

	ok(parse(&c, "# ssl_protocols TLSv1;\nserver_tokens off; # on;\n")
	    == 0 && c.ndir == 1 && c.dir[0].argc == 2 && c.dir[0].line == 2,
	    "comments are no directives, also after one");
	ngxconf_release(&c);
	ok(parse(&c, "a b#c;") == 0 && c.ndir == 1, "# inside a word");
	is_str(word(&c, 0, 1), "b#c", "is part of it");
	ngxconf_release(&c);

	ok(parse(&c, "add_header X \"a; b { } # c\";\n") == 0 && c.ndir == 1,
	    "a quoted string is one word");
	is_str(word(&c, 0, 2), "a; b { } # c", "with ; { } # in it");
	ngxconf_release(&c);
	ok(parse(&c, "log_format f '\nserver_tokens off;\n';\nb;\n") == 0 &&
	    c.ndir == 2, "a quoted string over lines");
	ok(!ngxconf_is(&c, 1, "server_tokens") && c.dir[1].line == 4,
	    "holds no directive, and its lines count");
	ngxconf_release(&c);
	ok(parse(&c, "a \"x\\\"y\" 'p\\'q' \"t\\tn\\n\" \\;z w\\x;") == 0 &&
	    c.ndir == 1 && c.dir[0].argc == 6, "escapes");
	is_str(word(&c, 0, 1), "x\"y", "\\\" in double quotes");
	is_str(word(&c, 0, 2), "p'q", "\\' in single quotes");
	is_str(word(&c, 0, 3), "t\tn\n", "\\t and \\n");
	is_str(word(&c, 0, 4), "\\;z", "an escaped ; does not end a word");
	is_str(word(&c, 0, 5), "w\\x", "another backslash is kept");
	is_str(word(&c, 0, 6), "(none)", "(six words)");
	ngxconf_release(&c);
	ok(parse(&c, "set $a ${b}c;\nlocation ~ \"^/v/[0-9]{1,32}$\" { }\n")
	    == 0 && c.ndir == 2, "${ opens no block");
	is_str(word(&c, 0, 2), "${b}c", "it is part of the word");
	ok(c.dir[1].end == 2 && c.dir[1].argc == 3, "a quoted regex's {}");
	ngxconf_release(&c);
	ok(parse(&c, "include conf.d/*.conf;") == 0 && ngxconf_is(&c, 0,
	    "include"), "without files, an include stays a directive");
	ngxconf_release(&c);
	ok(parse(&c, "") == 0 && c.ndir == 0, "an empty text");
	ngxconf_release(&c);

	/* What nginx refuses, with the line it is on. */
	ok(parse(&c, "a {\nb;\n") == -1 && strstr(problem(&c),
	    "expecting \"}\" (t.conf:3)") != NULL, "an unclosed block: %s",
	    problem(&c));
	ok(c.ndir == 2 && c.dir[0].end == 2, "what came before is kept");
	ngxconf_release(&c);
	ok(parse(&c, "a;\n}\n") == -1 && strstr(problem(&c),
	    "unexpected \"}\" (t.conf:2)") != NULL, "a } too many: %s",
	    problem(&c));
	ngxconf_release(&c);
	ok(parse(&c, "a b }") == -1 && strstr(problem(&c), "unexpected \"}\"")
	    != NULL, "} inside a directive");
	ngxconf_release(&c);
	ok(parse(&c, ";") == -1 && strstr(problem(&c), "unexpected \";\"") !=
	    NULL, "a lone ;");
	ngxconf_release(&c);
	ok(parse(&c, "a b") == -1 && strstr(problem(&c), "expecting \";\"") !=
	    NULL, "a directive without its ;");
	ngxconf_release(&c);
	ok(parse(&c, "a 'b;\n") == -1 && strstr(problem(&c), "quoted") !=
	    NULL, "an unclosed quote: %s", problem(&c));
	ngxconf_release(&c);
	ok(parse(&c, "a \"b\"c;") == -1 && strstr(problem(&c), "after a "
	    "quoted string") != NULL, "a word glued to a quote");
	ngxconf_release(&c);
	ngxconf_init(&c);
	ok(ngxconf_parse(&c, "t.conf", "a b\0c;", 6) == -1 &&
	    strstr(problem(&c), "NUL") != NULL, "a NUL byte");
	ngxconf_release(&c);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	big[0] = 'a';
	big[1] = ' ';
	ok(parse(&c, big) == -1 && strstr(problem(&c), "too long") != NULL,
	    "a word over nginx's 4096 bytes");
	ngxconf_release(&c);
	for (i = 0; i < 100; i++)
		memcpy(big + 3 * i, "a{ ", 3);
	big[300] = '\0';
	ok(parse(&c, big) == -1 && strstr(problem(&c), "too deep") != NULL,
	    "blocks nested past the bound");
	ngxconf_release(&c);

	/* A setting holds where it is made and in the blocks inside. */
	ok(parse(&c, "access_log a;\nserver {\n\tlocation /x { }\n"
	    "\tlocation /y {\n\t\taccess_log off;\n\t\tlocation /z { }\n"
	    "\t}\n}\n") == 0 && c.ndir == 6, "blocks in blocks");
	is_int(ngxconf_find(&c, 2, "access_log"), 0, "inherited from the top");
	is_int(ngxconf_find(&c, 3, "access_log"), 4, "a block's own");
	is_int(ngxconf_find(&c, 5, "access_log"), 4, "the nearest block's");
	ok(ngxconf_find(&c, 5, "open_file_cache") == NGXCONF_NONE,
	    "nothing sets it: none");
	ngxconf_release(&c);
	return done_testing();
}
