/* SPDX-License-Identifier: ISC */
/*
 * util.c: small checked helpers that several modules need: number
 * parsing over (pointer, length), CSPRNG bytes and hex encoding.
 */
#include <errno.h>
#include <pthread.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/rand.h>

#include "extern.h"
#include "banned.h"

/*
 * Parses a decimal integer of exactly len bytes (optional leading '-')
 * and checks that it lies in [min, max].  No spaces, no '+', no empty
 * string.  Returns 0 and sets *out, or -1.
 */
int
parse_int(const char *s, size_t len, long long min, long long max,
    long long *out)
{
	unsigned long long	 v = 0, lim;
	size_t			 i = 0;
	int			 neg = 0;

	if (len > 0 && s[0] == '-') {
		neg = 1;
		i = 1;
	}
	if (i == len)
		return -1;
	lim = neg ? (unsigned long long)LLONG_MAX + 1 : LLONG_MAX;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		if (v > (lim - (unsigned long long)(s[i] - '0')) / 10)
			return -1;
		v = v * 10 + (unsigned long long)(s[i] - '0');
	}
	if (neg) {
		if (v == (unsigned long long)LLONG_MAX + 1) {
			if (min > LLONG_MIN)
				return -1;
			*out = LLONG_MIN;
			return 0;
		}
		*out = -(long long)v;
	} else
		*out = (long long)v;
	if (*out < min || *out > max)
		return -1;
	return 0;
}

/*
 * Fills buf with len bytes from OpenSSL's CSPRNG, which the OS seeds.
 * Returns 0, or -1 if it could not.
 */
int
random_bytes(void *buf, size_t len)
{
	if (len > INT_MAX || RAND_bytes(buf, (int)len) != 1)
		return -1;
	return 0;
}

/* Writes 2 * len lowercase hex digits and a NUL to out. */
void
hex_encode(const unsigned char *p, size_t len, char *out)
{
	static const char	 hex[] = "0123456789abcdef";
	size_t			 i;

	for (i = 0; i < len; i++) {
		out[2 * i] = hex[p[i] >> 4];
		out[2 * i + 1] = hex[p[i] & 0xf];
	}
	out[2 * len] = '\0';
}

/*
 * Returns 1 if [s, s + len) is well-formed UTF-8 (RFC 3629 section 4:
 * no overlong forms, no surrogates, nothing past U+10FFFF), else 0.
 * yajl only checks the shape of sequences, so every string from a client
 * passes through here as well.
 */
int
utf8_valid(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, n, k;
	unsigned int		 c, min;

	while (i < len) {
		c = p[i];
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			c &= 0x1f;
			min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			c &= 0x0f;
			min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			c &= 0x07;
			min = 0x10000;
		} else
			return 0;
		if (len - i - 1 < n)
			return 0;
		for (k = 1; k <= n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return 0;
			c = (c << 6) | (p[i + k] & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return 0;
		i += n + 1;
	}
	return 1;
}

/* Returns the number of code points of valid UTF-8. */
size_t
utf8_len(const char *s, size_t len)
{
	size_t	 i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

/* Returns the value of a hex digit, or -1. */
int
hexdigit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Cuts a NUL-terminated string that snprintf() truncated back to its
 * last whole UTF-8 character, so that a shortened message stays valid.
 */
void
utf8_trim(char *s)
{
	size_t	 n = strlen(s), i = n;

	/* Back over continuation bytes to the lead byte of the last one. */
	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0)
		return;
	if ((unsigned char)s[i - 1] >= 0xC0 && utf8_valid(s + i - 1,
	    n - (i - 1)) == 0)
		s[i - 1] = '\0';
}

/*
 * Formats a message for people or the log into [buf, buf + sz), sz > 0.
 * A message, not data: a longer one is cut at its last whole UTF-8
 * character and ends in "...".  Returns 0 if it fit, 1 if it was cut,
 * -1 if the format failed (buf is then "").
 */
int
msgf(char *buf, size_t sz, const char *fmt, ...)
{
	va_list	 ap;
	int	 rc;

	va_start(ap, fmt);
	rc = vmsgf(buf, sz, fmt, ap);
	va_end(ap);
	return rc;
}

/* msgf() with a va_list. */
int
vmsgf(char *buf, size_t sz, const char *fmt, va_list ap)
{
	int	 n;

	n = vsnprintf(buf, sz, fmt, ap);
	if (n < 0) {
		buf[0] = '\0';
		return -1;
	}
	if ((size_t)n < sz)
		return 0;
	if (sz > 4) {
		buf[sz - 4] = '\0';
		utf8_trim(buf);
		memcpy(buf + strlen(buf), "...", 4);
	}
	return 1;
}

/*
 * Formats data (a path, an id, a header) into [buf, buf + sz): data cut
 * short would be wrong, not merely shorter.  Returns 0, or -1 if it did
 * not fit or the format failed (buf is then "").
 */
int
strfmt(char *buf, size_t sz, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sz, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sz) {
		if (sz > 0)
			buf[0] = '\0';
		return -1;
	}
	return 0;
}

/* The host's clock in milliseconds since the epoch (0 if it fails). */
long long
wall_ms(void)
{
	struct timespec	 ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) == -1)
		return 0;
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A monotonic clock in milliseconds (0 if it fails): ages and periods. */
long long
mono_ms(void)
{
	struct timespec	 ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) == -1)
		return 0;
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Makes mu a robust mutex shared by the processes that inherit its
 * mapping (the hosts' shared tables: pollcache.c, backoff.c,
 * livedir.c).  Returns 0 or -1.
 */
int
shm_mutex_init(pthread_mutex_t *mu)
{
	pthread_mutexattr_t	 a;
	int			 rc = -1;

	if (pthread_mutexattr_init(&a) != 0)
		return -1;
	if (pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED) == 0 &&
	    pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST) == 0 &&
	    pthread_mutex_init(mu, &a) == 0)
		rc = 0;
	pthread_mutexattr_destroy(&a);
	return rc;
}
