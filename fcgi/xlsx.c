/* SPDX-License-Identifier: ISC */
/*
 * xlsx.c: spreadsheets (Office Open XML workbooks) through libxlsxwriter,
 * its only user.  A workbook is a list of sheets, each written cell by
 * cell through a struct tsink as CSV is (csv.c): text as text (never a
 * formula: a participant's "=1+1" stays words), numbers as numbers (two
 * decimals shown when they have them), the first row of each sheet bold
 * and frozen, each column as wide as its widest cell (within bounds).
 *
 * libxlsxwriter 1.1.4 (Debian 12) writes only to a file: the workbook
 * goes to a temporary file in tmpdir, is read back into the caller's
 * buffer, and the file is removed whatever happens.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "extern.h"
#include "banned.h"

#define XLSX_COLS	64	/* columns whose width is tracked */
#define XLSX_CELL_MAX	32767	/* Excel's limit on a cell's text */

struct xlsx {
	lxw_workbook	*wb;
	lxw_worksheet	*ws;		/* the sheet being written, or NULL */
	lxw_format	*head;		/* the first row: bold */
	lxw_format	*fixed;		/* a number with two decimals */
	lxw_row_t	 row;
	lxw_col_t	 col;
	double		 width[XLSX_COLS];	/* the sheet's, in characters */
	char		 path[PATH_MAX];
	int		 failed;	/* a cell could not be written */
};

/* The width a cell of len bytes of UTF-8 wants: its characters, bounded. */
static double
cell_width(const char *s, size_t len)
{
	size_t	 i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n < 8 ? 8 : n > 60 ? 60 : (double)n + 1;
}

static void
widen(struct xlsx *x, double w)
{
	if (x->col < XLSX_COLS && w > x->width[x->col])
		x->width[x->col] = w;
}

static void
sink_str(void *arg, const char *s, size_t len)
{
	struct xlsx	*x = arg;
	char		*z;

	if (x->ws == NULL)
		return;
	/* Cut at a whole character past Excel's limit, and NUL-ended. */
	if (len > XLSX_CELL_MAX) {
		len = XLSX_CELL_MAX;
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;
	}
	z = xstrndup(s, len);
	if (len > 0 && worksheet_write_string(x->ws, x->row, x->col, z,
	    x->row == 0 ? x->head : NULL) != LXW_NO_ERROR)
		x->failed = 1;
	free(z);
	widen(x, cell_width(s, len));
	x->col++;
}

static void
sink_num(void *arg, double d, int decimals)
{
	struct xlsx	*x = arg;

	if (x->ws == NULL)
		return;
	if (worksheet_write_number(x->ws, x->row, x->col, d,
	    decimals > 0 ? x->fixed : NULL) != LXW_NO_ERROR)
		x->failed = 1;
	widen(x, 8);
	x->col++;
}

static void
sink_row(void *arg)
{
	struct xlsx	*x = arg;

	x->row++;
	x->col = 0;
}

/* Gives the sheet being written its columns' widths. */
static void
sheet_end(struct xlsx *x)
{
	lxw_col_t	 c;

	if (x->ws == NULL)
		return;
	for (c = 0; c < XLSX_COLS; c++)
		if (x->width[c] > 0)
			(void)worksheet_set_column(x->ws, c, c, x->width[c],
			    NULL);
	x->ws = NULL;
}

/*
 * Starts a workbook in a temporary file in tmpdir, with title (UTF-8) as
 * its document title.  Returns it, or NULL (logged).
 */
struct xlsx *
xlsx_open(const char *tmpdir, const char *title)
{
	lxw_doc_properties	 props;
	struct xlsx		*x;
	int			 fd, n;

	x = xcalloc(1, sizeof(*x));
	n = snprintf(x->path, sizeof(x->path), "%s/primoforum-xlsx.XXXXXX",
	    tmpdir);
	if (n < 0 || (size_t)n >= sizeof(x->path) ||
	    (fd = mkstemp(x->path)) == -1) {
		log_warn("xlsx: a temporary file in %s", tmpdir);
		free(x);
		return NULL;
	}
	close(fd);
	if ((x->wb = workbook_new(x->path)) == NULL) {
		log_warnx("xlsx: no workbook");
		(void)unlink(x->path);
		free(x);
		return NULL;
	}
	memset(&props, 0, sizeof(props));
	props.title = (char *)title;
	props.author = (char *)"Primoforum";
	(void)workbook_set_properties(x->wb, &props);
	x->head = workbook_add_format(x->wb);
	format_set_bold(x->head);
	x->fixed = workbook_add_format(x->wb);
	format_set_num_format(x->fixed, "0.00");
	return x;
}

/*
 * Starts a new sheet named name (made valid: no []:*?/\, not starting or
 * ending with an apostrophe, at most 31 characters; the caller makes
 * names unique), and makes t write to it.  Returns 0, or -1.
 */
int
xlsx_sheet(struct xlsx *x, const char *name, struct tsink *t)
{
	char	 clean[LXW_SHEETNAME_MAX * 4 + 1];
	size_t	 i, j, k, n = 0, chars = 0;
	unsigned char c;

	sheet_end(x);
	/* Whole characters (the text is valid UTF-8), at most 31. */
	for (i = 0; name[i] != '\0' && chars < LXW_SHEETNAME_MAX; i += k) {
		c = (unsigned char)name[i];
		k = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
		if (n + k >= sizeof(clean))
			break;
		for (j = 0; j < k && name[i + j] != '\0'; j++)
			clean[n++] = k == 1 && strchr("[]:*?/\\", c) != NULL ?
			    ' ' : name[i + j];
		if (j < k)
			break;
		chars++;
	}
	while (n > 0 && (clean[n - 1] == '\'' || clean[n - 1] == ' '))
		n--;
	clean[n] = '\0';
	i = 0;
	while (clean[i] == '\'')
		i++;
	if (clean[i] == '\0' ||
	    workbook_validate_sheet_name(x->wb, clean + i) != LXW_NO_ERROR ||
	    (x->ws = workbook_add_worksheet(x->wb, clean + i)) == NULL)
		return -1;
	(void)worksheet_freeze_panes(x->ws, 1, 0);
	x->row = 0;
	x->col = 0;
	memset(x->width, 0, sizeof(x->width));
	t->str = sink_str;
	t->num = sink_num;
	t->row = sink_row;
	t->arg = x;
	return 0;
}

/*
 * Writes the workbook and appends it to out; the temporary file is gone
 * and x freed in every case.  Returns 0, -2 (past out's cap), or -1 (a
 * cell or the file failed; logged).
 */
int
xlsx_close(struct xlsx *x, struct buf *out)
{
	struct stat	 st;
	FILE		*f = NULL;
	char		 chunk[16384];
	size_t		 n;
	int		 rc = -1;
	lxw_error	 e;

	sheet_end(x);
	if ((e = workbook_close(x->wb)) != LXW_NO_ERROR) {
		log_warnx("xlsx: %s", lxw_strerror(e));
		goto out;
	}
	if (x->failed) {
		log_warnx("xlsx: a cell could not be written");
		goto out;
	}
	if ((f = fopen(x->path, "rb")) == NULL || fstat(fileno(f), &st) == -1) {
		log_warn("xlsx: %s", x->path);
		goto out;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_append(out, chunk, n) == -1) {
			rc = -2;
			goto out;
		}
	rc = ferror(f) ? -1 : 0;
out:
	if (f != NULL)
		fclose(f);
	if (unlink(x->path) == -1 && errno != ENOENT)
		log_warn("xlsx: %s", x->path);
	free(x);
	return rc;
}
