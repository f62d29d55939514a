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
