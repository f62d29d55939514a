/* SPDX-License-Identifier: ISC */
/*
 * xmalloc.c: allocators that never return NULL, as tmux's.  Out of memory
 * in a worker is not something a request can recover from: the worker
 * exits and the supervisor starts a fresh one.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extern.h"
#include "banned.h"

static void __attribute__((noreturn))
xfatal(const char *what, size_t n)
{
	log_warnx("out of memory: %s of %zu bytes", what, n);
	_exit(70);
}

void *
xmalloc(size_t n)
{
	void	*p;

	if (n == 0)
		n = 1;
	if ((p = malloc(n)) == NULL)
		xfatal("malloc", n);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void	*p;

	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
	if ((p = calloc(nmemb, size)) == NULL)
		xfatal("calloc", size);
	return p;
}

void *
xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	void	*p;

	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
	if (size > SIZE_MAX / nmemb)
		xfatal("reallocarray overflow", size);
	if ((p = realloc(ptr, nmemb * size)) == NULL)
		xfatal("realloc", nmemb * size);
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;

	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*p;
	int	 n;

	va_start(ap, fmt);
	n = vasprintf(&p, fmt, ap);
	va_end(ap);
	if (n < 0)
		xfatal("vasprintf", 0);
	return p;
}

/*
 * Formats into a fixed buffer sized to fit by construction (an id with
 * a prefix, a timestamp): not fitting is a bug, fatal like running out
 * of memory, never a value silently cut short.
 */
void
xsnprintf(char *buf, size_t sz, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sz, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sz) {
		log_warnx("xsnprintf: \"%s\" does not fit in %zu bytes", fmt,
		    sz);
		_exit(70);
	}
}
