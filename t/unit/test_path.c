/* SPDX-License-Identifier: ISC */
/*
 * test_path.c: path_normalize() against nginx's normalization of $uri,
 * including the tricks that must not get around a location (/admin/).
 */
#include <stdlib.h>

#include "extern.h"
#include "tap.h"

static void
norm(const char *in, const char *want)
{
	char	*out = NULL;
	int	 rc;

	rc = path_normalize(in, strlen(in), &out);
	if (want == NULL)
		ok(rc == -1 && out == NULL, "refuse %s", in);
	else
		is_str(rc == 0 ? out : "(refused)", want, "%s -> %s", in, want);
	free(out);
}

int
main(void)
{
	char	*out;

	norm("/", "/");
	norm("/api/health", "/api/health");
	norm("/api/health/", "/api/health/");
	norm("//admin/", "/admin/");
	norm("/%61dmin/", "/admin/");
	norm("/%61%64%6D%69%6E/x", "/admin/x");
	norm("/x/../admin/", "/admin/");
	norm("/x/./../admin", "/admin");
	norm("/./admin/.", "/admin/");
	norm("/a/b/..", "/a/");
	norm("/a/b/../", "/a/");
	norm("/a/%2e%2e/b", "/b");
	norm("/a%2Fb", "/a/b");
	norm("/a//b///c", "/a/b/c");
	norm("/...", "/...");
	norm("/a/..b", "/a/..b");
	norm("/ADMIN/", "/ADMIN/");
	norm("/a?b", "/a?b");
	norm("/caf%C3%A9", "/caf\xc3\xa9");
	norm("/..", NULL);
	norm("/../admin/", NULL);
	norm("/a/../..", NULL);
	norm("/%2e%2e/", NULL);
	norm("/a%00b", NULL);
	norm("/a%0ab", NULL);
	norm("/a%", NULL);
	norm("/a%4", NULL);
	norm("/a%zz", NULL);
	norm("", NULL);
	norm("admin/", NULL);
	ok(path_normalize("/a\0b", 4, &out) == -1, "raw NUL refused");
	return done_testing();
}
