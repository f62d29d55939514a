/* SPDX-License-Identifier: ISC */
/*
 * log.c: the log of primoforumd and its workers.  One line per event,
 * written with a single write(2) to a file opened O_APPEND, so lines from
 * several workers never interleave.  SIGHUP makes each process reopen the
 * file (log_reopen), for logrotate.
 *
 * What is never logged: request bodies, cookies, query strings, headers,
 * passwords, tokens, keys.  log_request() takes a struct request and
 * writes only the fields named below, so a handler cannot leak one.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "extern.h"
#include "banned.h"

static int	 logfd = STDERR_FILENO;
static char	*logpath;	/* owned; NULL for stderr */

/*
 * Opens path for appending (NULL or "-" for stderr).
 * Returns 0, or -1 with errno set.
 */
int
log_open(const char *path)
{
	int	 fd;

	if (path == NULL || strcmp(path, "-") == 0 || *path == '\0') {
		log_close();
		return 0;
	}
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
	if (fd == -1)
		return -1;
	log_close();
	logfd = fd;
	logpath = xstrdup(path);
	return 0;
}

/*
 * Reopens the log file after rotation.  On failure the old descriptor
 * stays in use.  Returns 0 or -1.
 */
int
log_reopen(void)
{
	char	*path;
	int	 rc;

	if (logpath == NULL)
		return 0;
	path = xstrdup(logpath);
	rc = log_open(path);
	free(path);
	return rc;
}

void
log_close(void)
{
	if (logfd != STDERR_FILENO)
		close(logfd);
	logfd = STDERR_FILENO;
	free(logpath);
	logpath = NULL;
}

/* Writes "2026-11-29T01:02:03.123Z " to buf (at least 32 bytes). */
static void
log_stamp(char *buf, size_t sz)
{
	struct timespec	 ts;
	struct tm	 tm;
	char		 d[24];
	int		 ms, n;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(d, sizeof(d), "%Y-%m-%dT%H:%M:%S", &tm);
	ms = (int)(ts.tv_nsec / 1000000) % 1000;
	n = snprintf(buf, sz, "%.19s.%03dZ", d, ms);
	/* A stamp cut short would misdate the line: none rather. */
	if (n < 0 || (size_t)n >= sz)
		buf[0] = '\0';
}

/* Formats and writes one line; control characters become '?'. */
static void __attribute__((format(printf, 2, 0)))
log_line(const char *level, const char *fmt, va_list ap, int errnum)
{
	char	 line[1024], stamp[40];
	int	 n, m;
	size_t	 i, len;

	log_stamp(stamp, sizeof(stamp));
	n = snprintf(line, sizeof(line), "%s pid=%ld %s ", stamp,
	    (long)getpid(), level);
	if (n < 0 || (size_t)n >= sizeof(line))
		return;
	m = vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	if (m < 0)
		return;
	len = (size_t)n + (size_t)m;
	if (len > sizeof(line) - 2)
		len = sizeof(line) - 2;	/* truncated: still one line */
	if (errnum != 0) {
		m = snprintf(line + len, sizeof(line) - len, ": %s",
		    strerror(errnum));
		if (m > 0)
			len += (size_t)m;
		if (len > sizeof(line) - 2)
			len = sizeof(line) - 2;
	}
	for (i = (size_t)n; i < len; i++)
		if ((unsigned char)line[i] < 0x20 || line[i] == 0x7f)
			line[i] = '?';
	line[len++] = '\n';
	/* Nowhere to report a failed log write; the line is dropped. */
	if (write(logfd, line, len) == -1)
		return;
}

void
log_info(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_line("info", fmt, ap, 0);
	va_end(ap);
}

void
log_warnx(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_line("warn", fmt, ap, 0);
	va_end(ap);
}

void
log_warn(const char *fmt, ...)
{
	va_list	 ap;
	int	 e = errno;

	va_start(ap, fmt);
	log_line("warn", fmt, ap, e);
	va_end(ap);
}
