/* SPDX-License-Identifier: ISC */
/*
 * cloud.c: the word cloud of an open question or a brainstorm, computed
 * by the server (struct cloud).  An entry is what people said, in a
 * normal form (cloud_normalize(): case folded, spaces collapsed and
 * trimmed, trailing punctuation gone), so that "Write down." and
 * "write  down" are one entry.  An answer of up to CLOUD_WHOLE words
 * stays whole; a longer one is split into words and the stop words of
 * the session's language (text.c, text_stopword()) are left out.  Each
 * answer counts once per entry, so the largest entry is what most
 * people said.  Pure, on the rules floor with results.c: the hidden
 * entries are handed in (cloud_finish()) by the domain (cloudhide.c).
 * The normalizer takes any bytes (t/fuzz/fuzz_cloud.c).
 */
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "banned.h"

#define CLOUD_WHOLE	3	/* answers of up to this many words stay whole */

/* Initialises an empty cloud (allocates nothing). */
void
cloud_init(struct cloud *c)
{
	memset(c, 0, sizeof(*c));
}

/* Frees the entries; the cloud is empty after. */
void
cloud_release(struct cloud *c)
{
	size_t	 i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++)
		free(c->v[i].s);
	free(c->v);
	cloud_init(c);
}

/*
 * Decodes the UTF-8 character at s[*i] and moves *i past it.  Returns
 * its code point, or -1 for a byte that starts no valid character
 * (which is skipped alone).
 */
static long
next_char(const unsigned char *s, size_t len, size_t *i)
{
	size_t	 n, k;
	long	 c;

	if (s[*i] < 0x80)
		return s[(*i)++];
	if (s[*i] >= 0xc2 && s[*i] <= 0xdf)
		n = 2;
	else if (s[*i] >= 0xe0 && s[*i] <= 0xef)
		n = 3;
	else if (s[*i] >= 0xf0 && s[*i] <= 0xf4)
		n = 4;
	else
		n = 0;
	if (n == 0 || len - *i < n ||
	    !utf8_valid((const char *)s + *i, n)) {
		(*i)++;
		return -1;
	}
	c = s[*i] & (0x7f >> n);
	for (k = 1; k < n; k++)
		c = (c << 6) | (s[*i + k] & 0x3f);
	*i += n;
	return c;
}

/* Writes code point c as UTF-8 at p; returns the bytes written. */
static size_t
put_char(char *p, long c)
{
	if (c < 0x80) {
		p[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		p[0] = (char)(0xc0 | (c >> 6));
		p[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		p[0] = (char)(0xe0 | (c >> 12));
		p[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		p[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	p[0] = (char)(0xf0 | (c >> 18));
	p[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	p[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	p[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/*
 * The lower case of c for the letters of Latin-1, Latin Extended-A (the
 * letters of nl, en, de and their neighbours: É, Ü, Ĳ, Ł) and basic
 * Cyrillic; other characters are their own.  Never longer in UTF-8.
 */
static long
fold(long c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7))
		return c + 0x20;
	if ((c >= 0x100 && c <= 0x137) || (c >= 0x14a && c <= 0x177))
		return (c & 1) ? c : c + 1;
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e))
		return (c & 1) ? c + 1 : c;
	if (c == 0x178)
		return 0xff;		/* Ÿ */
	if (c == 0x1e9e)
		return 0xdf;		/* ẞ */
	if (c >= 0x410 && c <= 0x42f)
		return c + 0x20;
	if (c >= 0x400 && c <= 0x40f)
		return c + 0x50;
	return c;
}

/* Returns 1 if c separates words (spaces and controls), else 0. */
static int
is_space(long c)
{
	return c < 0x20 || c == ' ' || c == 0x7f || c == 0xa0 ||
	    (c >= 0x2000 && c <= 0x200b) || c == 0x202f || c == 0x3000;
}

/*
 * Returns the bytes of the trailing punctuation at the end of s (len
 * bytes): one of . , ! ? ; : or …, else 0.
 */
static size_t
trailing_punct(const char *s, size_t len)
{
	if (len >= 3 && memcmp(s + len - 3, "\xe2\x80\xa6", 3) == 0)
		return 3;
	if (len >= 1 && strchr(".,!?;:", s[len - 1]) != NULL &&
	    s[len - 1] != '\0')
		return 1;
	return 0;
}

/*
 * The normal form of a text s of len bytes, any bytes: letters folded
 * (fold()), each run of spaces one space, none at either end, trailing
 * punctuation (. , ! ? ; : …) removed, invalid UTF-8 left out.  Returns
 * it NUL-terminated, its length in *outlen (0: nothing is left); the
 * caller frees it.
 */
char *
cloud_normalize(const char *s, size_t len, size_t *outlen)
{
	const unsigned char	*u = (const unsigned char *)s;
	char			*out;
	size_t			 i = 0, n = 0, k;
	long			 c;
	int			 space = 0;

	out = xmalloc(len + 1);
	while (i < len) {
		if ((c = next_char(u, len, &i)) == -1)
			continue;
		if (is_space(c)) {
			space = n > 0;
			continue;
		}
		if (space)
			out[n++] = ' ';
		space = 0;
		n += put_char(out + n, fold(c));
	}
	for (;;) {
		while (n > 0 && out[n - 1] == ' ')
			n--;
		if ((k = trailing_punct(out, n)) == 0)
			break;
		n -= k;
	}
	out[n] = '\0';
	*outlen = n;
	return out;
}

/* The bytes of punctuation at the start (lead) or end of a word. */
static size_t
word_edge(const char *w, size_t len, int lead)
{
	static const char *const marks[] = { "\xc2\xab", "\xc2\xbb",
	    "\xe2\x80\x9e", "\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x98",
	    "\xe2\x80\x99", "\xc2\xbf", "\xc2\xa1", "\xe2\x80\xa6", NULL };
	const char	*ascii = lead ? "\"'([{" : ".,!?;:\"')]}";
	size_t		 i, m;

	if (len == 0)
		return 0;
	if (strchr(ascii, lead ? w[0] : w[len - 1]) != NULL &&
	    (lead ? w[0] : w[len - 1]) != '\0')
		return 1;
	for (i = 0; marks[i] != NULL; i++) {
		m = strlen(marks[i]);
		if (len >= m && memcmp(lead ? w : w + len - m, marks[i], m) ==
		    0)
			return m;
	}
	return 0;
}

/* Adds one occurrence of entry e (len bytes, copied). */
static void
add_entry(struct cloud *c, const char *e, size_t len)
{
	if (c->n == c->cap) {
		c->cap = c->cap == 0 ? 16 : c->cap * 2;
		c->v = xreallocarray(c->v, c->cap, sizeof(*c->v));
	}
	c->v[c->n].s = xstrndup(e, len);
	c->v[c->n].len = len;
	c->v[c->n].n = 1;
	c->v[c->n].hidden = 0;
	c->n++;
}

/* Returns 1 if the last n entries of c hold e (len bytes), else 0. */
static int
added(const struct cloud *c, size_t n, const char *e, size_t len)
{
	size_t	 i;

	for (i = c->n - n; i < c->n; i++)
		if (c->v[i].len == len && memcmp(c->v[i].s, e, len) == 0)
			return 1;
	return 0;
}

/*
 * Adds one answer (len bytes, any bytes) to the cloud, in language l:
 * whole if it has up to CLOUD_WHOLE words (and fits CLOUD_ENTRY_MAX),
 * else its words, each at most once, without edge punctuation, one
 * letter words and l's stop words.  cloud_finish() then counts.
 */
void
cloud_add(struct cloud *c, enum lang l, const char *s, size_t len)
{
	char	*t, *w;
	size_t	 n, i, words = 1, wl, k, mine = 0;

	t = cloud_normalize(s, len, &n);
	if (n == 0)
		goto out;
	for (i = 0; i < n; i++)
		if (t[i] == ' ')
			words++;
	if (words <= CLOUD_WHOLE && n <= CLOUD_ENTRY_MAX) {
		add_entry(c, t, n);
		goto out;
	}
	for (w = t; w < t + n; w += wl + 1) {
		wl = strcspn(w, " ");
		k = wl;
		while ((i = word_edge(w, k, 1)) > 0) {
			w += i;
			k -= i;
			wl -= i;
		}
		while ((i = word_edge(w, k, 0)) > 0)
			k -= i;
		if (k == 0 || k > CLOUD_ENTRY_MAX || utf8_len(w, k) < 2 ||
		    text_stopword(l, w, k) || added(c, mine, w, k))
			continue;
		add_entry(c, w, k);
		mine++;
	}
out:
	free(t);
}

/* Entries by their text (bytes), for counting and finding. */
static int
by_text(const void *a, const void *b)
{
	const struct centry	*x = a, *y = b;
	int			 d;

	d = memcmp(x->s, y->s, x->len < y->len ? x->len : y->len);
	if (d != 0)
		return d;
	return (x->len > y->len) - (x->len < y->len);
}

/* Entries most frequent first, ties by their text. */
static int
by_count(const void *a, const void *b)
{
	const struct centry	*x = a, *y = b;

	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return by_text(a, b);
}

/*
 * Counts the entries added (equal ones become one, its n their number),
 * marks those among the nhidden hidden entries (any form: normalized
 * here) and orders them most frequent first, ties alphabetical (by
 * code point).  Call once, after the last cloud_add().
 */
void
cloud_finish(struct cloud *c, char *const *hidden, size_t nhidden)
{
	struct centry	 key, *e;
	size_t		 i, j;

	if (c->n > 1)
		qsort(c->v, c->n, sizeof(*c->v), by_text);
	for (i = 0, j = 0; i < c->n; i++) {
		if (j > 0 && by_text(&c->v[j - 1], &c->v[i]) == 0) {
			c->v[j - 1].n += c->v[i].n;
			free(c->v[i].s);
			continue;
		}
		c->v[j++] = c->v[i];
	}
	c->n = j;
	for (i = 0; i < nhidden && c->n > 0; i++) {
		key.s = cloud_normalize(hidden[i], strlen(hidden[i]),
		    &key.len);
		e = bsearch(&key, c->v, c->n, sizeof(*c->v), by_text);
		if (e != NULL)
			e->hidden = 1;
		free(key.s);
	}
	if (c->n > 1)
		qsort(c->v, c->n, sizeof(*c->v), by_count);
}

/*
 * Writes the cloud as an array: {"entry", "n"}, most frequent first, at
 * most CLOUD_MAX entries shown.  Hidden entries are left out, or with
 * all (the facilitator's view) listed where they rank, with
 * "hidden": true, and not counted against CLOUD_MAX.
 */
void
cloud_json(const struct cloud *c, int all, struct jw *w)
{
	size_t	 i, shown = 0;

	jw_arr(w);
	for (i = 0; i < c->n && shown < CLOUD_MAX; i++) {
		if (c->v[i].hidden && !all)
			continue;
		jw_obj(w);
		jw_key(w, "entry");
		jw_strn(w, c->v[i].s, c->v[i].len);
		if (c->v[i].hidden)
			jw_kbool(w, "hidden", 1);
		jw_kint(w, "n", c->v[i].n);
		jw_end(w);
		if (!c->v[i].hidden)
			shown++;
	}
	jw_end(w);
}
