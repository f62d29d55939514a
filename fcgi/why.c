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

/*
 * Fills in why: a static code and a message for people.  why may be
 * NULL: a caller that needs no words passes none.
 */
void
why_set(struct why *why, const char *code, const char *fmt, ...)
{
	va_list	 ap;

	if (why == NULL)
		return;
	why->code = code;
	why->wait = 0;
	va_start(ap, fmt);
	/* A message cut short still says most; never a half character. */
	(void)vmsgf(why->msg, sizeof(why->msg), fmt, ap);
	va_end(ap);
}
