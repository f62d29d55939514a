/* SPDX-License-Identifier: ISC */
/*
 * csv.c: CSV as spreadsheets read it (RFC 4180): fields separated by
 * commas, rows ending in CRLF, a field with a comma, quote or line break
 * in double quotes with its quotes doubled, and the file starting with a
 * UTF-8 byte order mark so that Excel takes it for UTF-8.  A field that
 * a spreadsheet would run as a formula (starting with = + - @, a tab or
 * a carriage return) gets a leading apostrophe: participants' words must
 * never execute on the facilitator's machine (OWASP "CSV injection").
 */
#include <stdio.h>
#include <string.h>

#include "extern.h"
#include "banned.h"

/* Starts a CSV document: the byte order mark. */
void
csv_begin(struct buf *b)
{
	buf_append(b, "\xef\xbb\xbf", 3);
}

/* Appends one field (after a comma unless first is set). */
void
csv_field(struct buf *b, const char *s, size_t len, int first)
{
	size_t	 i;
	int	 quote = 0;

	if (!first)
		buf_append(b, ",", 1);
	for (i = 0; i < len; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
			quote = 1;
	if (quote)
		buf_append(b, "\"", 1);
	if (len > 0 && (s[0] == '=' || s[0] == '+' || s[0] == '-' ||
	    s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
		buf_append(b, "'", 1);
	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			buf_append(b, "\"", 1);
		buf_append(b, &s[i], 1);
	}
	if (quote)
		buf_append(b, "\"", 1);
}

/* Ends a row. */
void
csv_row(struct buf *b)
{
	buf_append(b, "\r\n", 2);
}

/* The table sink's cells (struct csvsink): a field after a comma. */
static void
sink_str(void *arg, const char *s, size_t len)
{
	struct csvsink	*c = arg;

	csv_field(c->b, s, len, c->first);
	c->first = 0;
}

/* Whole numbers as themselves, others with their decimals. */
static void
sink_num(void *arg, double d, int decimals)
{
	struct csvsink	*c = arg;
	char		 num[64];
	int		 len;

	len = decimals == 0 ? snprintf(num, sizeof(num), "%lld",
	    (long long)d) : snprintf(num, sizeof(num), "%.*f", decimals, d);
	if (len < 0 || (size_t)len >= sizeof(num))
		len = 0;
	/*
	 * Ours, not a participant's text: no quoting, and no apostrophe
	 * before a minus (csv_field() would make -2 a text).
	 */
	if (!c->first)
		buf_append(c->b, ",", 1);
	buf_append(c->b, num, (size_t)len);
	c->first = 0;
}

static void
sink_row(void *arg)
{
	struct csvsink	*c = arg;

	csv_row(c->b);
	c->first = 1;
}

/*
 * Makes t write CSV rows to b through c (the caller's, alive while t is
 * used).  The caller starts the document with csv_begin().
 */
void
csv_sink(struct csvsink *c, struct buf *b, struct tsink *t)
{
	c->b = b;
	c->first = 1;
	t->str = sink_str;
	t->num = sink_num;
	t->row = sink_row;
	t->arg = c;
}
