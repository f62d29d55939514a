/* SPDX-License-Identifier: ISC */
/*
 * test_export.c: what the downloads are made of: the table sink of CSV
 * (numbers as the JSON writes them), file names (a slug of the title, the
 * day, the round), and workbooks whose sheet names Excel would refuse as
 * given (cleaned, cut at 31 characters, never failing the download).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "tap.h"

static const char *
name(const char *title, const char *started, long long pos, const char *type,
    const char *ext)
{
	static char	 out[128];
	struct session	 s;
	struct round	 rd;

	memset(&s, 0, sizeof(s));
	memset(&rd, 0, sizeof(rd));
	s.title = (char *)title;
	s.started = (char *)started;
	s.created = (char *)"2026-11-30T09:00:00Z";
	rd.position = pos;
	if (type != NULL)
		snprintf(rd.type, sizeof(rd.type), "%s", type);
	export_filename(&s, type != NULL ? &rd : NULL, ext, out, sizeof(out));
	return out;
}

int
main(void)
{
	struct buf	 b;
	struct csvsink	 cs;
	struct tsink	 t;
	struct xlsx	*x;
	int		 rc;

	/* The CSV sink: text defused, whole numbers, two decimals. */
	buf_init(&b, 4096);
	csv_sink(&cs, &b, &t);
	t.str(t.arg, "=1+1", 4);
	t.num(t.arg, 42, 0);
	t.num(t.arg, 3.14159, 2);
	t.row(t.arg);
	t.str(t.arg, "next", 4);
	t.row(t.arg);
	is_str(buf_str(&b), "'=1+1,42,3.14\r\nnext\r\n",
	    "sink: a formula defused, 42, 3.14, a new row starts without a comma");
	buf_release(&b);

	/* File names. */
	is_str(name("Strategy Day", "2026-12-01T08:00:00Z", 3, "ranking", "csv"),
	    "strategy-day-2026-12-01-r3-ranking.csv", "a round's CSV");
	is_str(name("Strategy Day", NULL, 0, NULL, "xlsx"),
	    "strategy-day-2026-11-30.xlsx", "never started: the day it was made");
	is_str(name("Zürich: Überblick & Ärger!", "2026-12-01T08:00:00Z", 0,
	    NULL, "csv"), "zurich-uberblick-arger-2026-12-01.csv",
	    "Latin letters lose their accents, the rest is a dash, none at the ends");
	is_str(name("🚀🚀", "2026-12-01T08:00:00Z", 0, NULL, "json"),
	    "session-2026-12-01.json", "nothing left of the title: \"session\"");
	is_str(name("A very long title of a session that goes on and on and on",
	    "2026-12-01T08:00:00Z", 0, NULL, "csv"),
	    "a-very-long-title-of-a-session-that-goes-on-and-2026-12-01.csv",
	    "a long title cut to 47 characters");

	/* Workbooks: names Excel would refuse become valid ones. */
	x = xlsx_open("/tmp", "Test");
	ok(x != NULL, "a workbook in /tmp");
	if (x == NULL)
		return done_testing();
	ok(xlsx_sheet(x, "Summary", &t) == 0, "a sheet");
	t.str(t.arg, "head", 4);
	t.row(t.arg);
	t.num(t.arg, 1.5, 2);
	t.row(t.arg);
	ok(xlsx_sheet(x, "1 [Q1]: what/why? *", &t) == 0,
	    "[]:*?/ in a title: cleaned");
	ok(xlsx_sheet(x, "2 'quoted'", &t) == 0,
	    "apostrophes at the ends: dropped");
	ok(xlsx_sheet(x, "3 Ääääääääääääääääääääääääääääääääääääääääää", &t) == 0,
	    "a long title of two-byte letters: cut at 31 characters, whole");
	ok(xlsx_sheet(x, "4 🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀", &t) == 0,
	    "four-byte characters: cut whole");
	ok(xlsx_sheet(x, "Summary", &t) == -1, "a name twice: refused");
	buf_init(&b, 1024 * 1024);
	rc = xlsx_close(x, &b);
	ok(rc == 0, "the workbook closes");
	ok(b.len > 100 && memcmp(b.data, "PK", 2) == 0,
	    "into the buffer: a zip file");
	buf_release(&b);
	return done_testing();
}
