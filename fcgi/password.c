/* SPDX-License-Identifier: ISC */
/*
 * password.c: the password rules (OWASP ASVS 5.0 6.2) and email
 * normalization.  A password is any Unicode text of at least password_min
 * code points and at most 1024, never truncated, with no composition
 * rules; it is refused when it equals the email or one of the common
 * passwords of the blocklist file (fcgi/data/common-passwords.txt,
 * compared without regard to ASCII case).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extern.h"
#include "banned.h"

#define PASSWORD_MAX	1024	/* code points */

static char	**blocked;	/* owned; sorted, lowercase */
static size_t	  nblocked;
static size_t	  minlen = 12;

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lowercases ASCII letters in place. */
static void
lower(char *s)
{
	for (; *s != '\0'; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s += 'a' - 'A';
}

/*
 * Loads the blocklist (one password a line).  Returns 0, or -1 (logged)
 * if it cannot be read or holds fewer than 10,000 entries.
 */
int
password_load(const char *path)
{
	FILE	*f;
	char	*line = NULL;
	size_t	 cap = 0;
	ssize_t	 n;

	if ((f = fopen(path, "r")) == NULL) {
		log_warn("password_blocklist %s", path);
		return -1;
	}
	while ((n = getline(&line, &cap, f)) != -1) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n == 0)
			continue;
		blocked = xreallocarray(blocked, nblocked + 1, sizeof(*blocked));
		blocked[nblocked] = xstrndup(line, (size_t)n);
		lower(blocked[nblocked++]);
	}
	free(line);
	fclose(f);
	if (nblocked < 10000) {
		log_warnx("password_blocklist %s: %zu entries, want 10000 or "
		    "more", path, nblocked);
		return -1;
	}
	qsort(blocked, nblocked, sizeof(*blocked), cmp);
	return 0;
}

/* Sets the minimum length (password_min). */
void
password_minlen(size_t n)
{
	minlen = n;
}

/*
 * Checks a new password for an account with the given (normalized)
 * email.  Returns NULL if it may be used, or the reason for the person.
 */
const char *
password_refusal(const char *pw, size_t len, const char *email,
    size_t elen)
{
	char	*low, *key;
	size_t	 cps;
	int	 hit;

	if (!utf8_valid(pw, len) || memchr(pw, '\0', len) != NULL)
		return "the password is not valid text";
	cps = utf8_len(pw, len);
	if (cps < minlen)
		return "the password is too short";
	if (cps > PASSWORD_MAX)
		return "the password is longer than 1024 characters";
	if (len == elen && strncasecmp(pw, email, len) == 0)
		return "the password must not be your email address";
	low = xstrndup(pw, len);
	lower(low);
	key = low;
	hit = nblocked > 0 && bsearch(&key, blocked, nblocked,
	    sizeof(*blocked), cmp) != NULL;
	free(low);
	if (hit)
		return "this password is among the most common ones; choose "
		    "another";
	return NULL;
}

/*
 * Normalizes an email address into out: surrounding white space removed,
 * ASCII lowercased.  It must have one '@' with text on both sides, a dot
 * in the domain, no spaces or control characters, and at most 254 bytes.
 * Returns 0, or -1 if it is not an address.
 */
int
email_normalize(const char *s, size_t len, char *out, size_t outsz)
{
	size_t	 i, at = 0, nat = 0;

	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len < 3 || len > 254 || len >= outsz || !utf8_valid(s, len))
		return -1;
	for (i = 0; i < len; i++) {
		if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f ||
		    s[i] == '<' || s[i] == '>' || s[i] == ',' || s[i] == ';')
			return -1;
		if (s[i] == '@') {
			at = i;
			nat++;
		}
		out[i] = (s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i];
	}
	out[len] = '\0';
	if (nat != 1 || at == 0 || at == len - 1 ||
	    strchr(out + at + 1, '.') == NULL || out[len - 1] == '.' ||
	    out[at + 1] == '.')
		return -1;
	return 0;
}
