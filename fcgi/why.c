/* SPDX-License-Identifier: ISC */
/*
 * why.c: the words of a refusal.  A domain module that refuses returns
 * an outcome (enum outcome, extern.h) and fills a struct why with a
 * static code and a message for people; a handler hands both to
 * resp_outcome() (response.c).  It lives below the domain floor so that
 * every domain module may fill one without calling up into the http
 * floor.
 */
#include <stdarg.h>
#include <stdio.h>

#include "extern.h"
#include "banned.h"

/* Fills in why: a static code and a message for people. */
void
why_set(struct why *why, const char *code, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	why->code = code;
	va_start(ap, fmt);
	n = vsnprintf(why->msg, sizeof(why->msg), fmt, ap);
	va_end(ap);
	/* A message cut short still says most; never a half character. */
	if (n < 0)
		why->msg[0] = '\0';
	else if ((size_t)n >= sizeof(why->msg))
		utf8_trim(why->msg);
}
