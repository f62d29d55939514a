/* SPDX-License-Identifier: ISC */
/*
 * buf.h: a growable byte buffer with a hard cap, as curl's dynbuf.  All
 * response bodies and generated text go through it, so no output can grow
 * without bound and every append reports whether it fit.
 */
#ifndef BUF_H
#define BUF_H

#include <stddef.h>

struct buf {
	char	*data;	/* owned; NUL-terminated when len > 0, or NULL */
	size_t	 len;	/* bytes used, without the NUL */
	size_t	 cap;	/* bytes allocated */
	size_t	 max;	/* the cap: appends that pass it fail */
};

/* Starts an empty buffer that may grow to max bytes; allocates nothing. */
void	 buf_init(struct buf *, size_t max);

/* Appends len bytes.  Returns 0, or -1 (buffer unchanged) past the cap. */
int	 buf_append(struct buf *, const void *, size_t);

/* Appends a formatted string.  Returns 0, or -1 (unchanged) past the cap. */
int	 buf_appendf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

/* Empties the buffer, keeping its memory. */
void	 buf_reset(struct buf *);

/* Frees the contents; the buffer is then as after buf_init(). */
void	 buf_release(struct buf *);

/* Returns the contents as a string ("" when empty); never NULL. */
const char *buf_str(const struct buf *);

#endif /* BUF_H */
