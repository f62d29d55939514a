/* SPDX-License-Identifier: ISC */
/*
 * test_cloud.c: the word cloud (cloud.c): the normal form of an entry,
 * whole short answers, long answers split into words without the
 * session language's stop words, counting, ties, the cap, hidden
 * entries, and the JSON of a round's results.
 */
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "buf.h"
#include "tap.h"

#define RT_OPEN		rtype_parse("open")

/* The normal form of s, in a static buffer. */
static const char *
norm(const char *s)
{
	static char	 out[512];
	char		*p;
	size_t		 n;

	p = cloud_normalize(s, strlen(s), &n);
	memcpy(out, p, n + 1);
	free(p);
	return out;
}

/* The cloud of the NULL-terminated answers in l, as JSON. */
static const char *
cloud_of(enum lang l, const char **texts, char *const *hidden, size_t nh,
    int all)
{
	static struct buf	 b;
	struct cloud		 c;
	struct jw		*w;

	buf_release(&b);
	buf_init(&b, 1 << 20);
	cloud_init(&c);
	for (; *texts != NULL; texts++)
		cloud_add(&c, l, *texts, strlen(*texts));
	cloud_finish(&c, hidden, nh);
	w = jw_new(&b);
	cloud_json(&c, all, w);
	jw_close(w);
	cloud_release(&c);
	return b.data;
}

int
main(void)
{
	struct results	 res;
	struct roundspec s;
	struct buf	 b;
	struct jw	*w;
	const char	*one[] = { "Write down.", "write  down", " WRITE DOWN!",
	    "slows them down", NULL };
	const char	*nl[] = { "De koffie is het probleem van een team",
	    NULL };
	const char	*de[] = { "Der Kaffee und die Pause sind zu kurz", NULL };
	const char	*en[] = { "The coffee in the kitchen is too weak",
	    "We need more coffee and a longer break", NULL };
	const char	*ties[] = { "pear", "apple", "pear", "apple", "fig",
	    NULL };
	const char	*many[62];
	char		 words[60][8];
	char		*hide[] = { "Write Down", "nothing said" };
	const char	*j;
	size_t		 i;

	/* The normal form. */
	is_str(norm("Write down."), "write down", "case folded, the dot gone");
	is_str(norm("  write \t down  "), "write down",
	    "spaces collapsed and trimmed");
	is_str(norm("Wow!?..."), "wow", "every trailing mark goes");
	is_str(norm("Wait\xe2\x80\xa6"), "wait", "and an ellipsis");
	is_str(norm("end ."), "end", "a mark after a space too");
	is_str(norm("\xc3\x89T\xc3\x89 \xc3\x9c" "BER"),
	    "\xc3\xa9t\xc3\xa9 \xc3\xbc" "ber", "\xc3\x89\xe2\x86\x92\xc3\xa9, "
	    "\xc3\x9c\xe2\x86\x92\xc3\xbc");
	is_str(norm("\xc4\xb2SSEL \xc5\x81\xc3\x93" "D\xc5\xb9"),
	    "\xc4\xb3ssel \xc5\x82\xc3\xb3" "d\xc5\xba",
	    "Latin Extended-A: \xc4\xb2, \xc5\x81, \xc5\xb9");
	is_str(norm("STRA\xe1\xba\x9e" "E \xc3\x97"), "stra\xc3\x9f" "e \xc3\x97",
	    "capital sharp s folded, the multiplication sign kept");
	is_str(norm("a\xffz\xc3"), "az", "invalid UTF-8 left out");
	is_str(norm("a\xc2\xa0\xc2\xa0" "b"), "a b",
	    "a no-break space is a space");
	is_str(norm(" ?! "), "", "nothing left");
	is_str(norm("why? really?"), "why? really",
	    "only the trailing mark goes");

	/* Whole short answers, counted by answer. */
	is_str(cloud_of(LANG_EN, one, NULL, 0, 0),
	    "[{\"entry\":\"write down\",\"n\":3},"
	    "{\"entry\":\"slows them down\",\"n\":1}]",
	    "\"Write down.\" and \"write  down\" are one entry, whole: no "
	    "\"down\" of its own");

	/* Long answers: words, without the language's stop words. */
	j = cloud_of(LANG_NL, nl, NULL, 0, 0);
	ok(strstr(j, "\"koffie\"") != NULL && strstr(j, "\"probleem\"") !=
	    NULL && strstr(j, "\"team\"") != NULL, "Dutch words kept: %s", j);
	ok(strstr(j, "\"de\"") == NULL && strstr(j, "\"het\"") == NULL &&
	    strstr(j, "\"een\"") == NULL && strstr(j, "\"van\"") == NULL &&
	    strstr(j, "\"is\"") == NULL, "de, het, een, van, is left out");
	j = cloud_of(LANG_DE, de, NULL, 0, 0);
	is_str(j, "[{\"entry\":\"kaffee\",\"n\":1},{\"entry\":\"kurz\","
	    "\"n\":1},{\"entry\":\"pause\",\"n\":1}]",
	    "German: der, und, die, sind, zu left out");
	j = cloud_of(LANG_EN, de, NULL, 0, 0);
	ok(strstr(j, "\"und\"") != NULL,
	    "the session's language decides: und is a word in English");
	j = cloud_of(LANG_EN, en, NULL, 0, 0);
	ok(strncmp(j, "[{\"entry\":\"coffee\",\"n\":2}", 25) == 0,
	    "coffee, said by two: first (%s)", j);
	ok(strstr(j, "\"the\"") == NULL && strstr(j, "\"a\"") == NULL &&
	    strstr(j, "\"we\"") == NULL, "English stop words left out");
	{
		const char	*rep[] = { "coffee coffee coffee coffee now",
		    "coffee please", NULL };

		is_str(cloud_of(LANG_EN, rep, NULL, 0, 0),
		    "[{\"entry\":\"coffee\",\"n\":1},{\"entry\":"
		    "\"coffee please\",\"n\":1},{\"entry\":\"now\",\"n\":1}]",
		    "a word counts once per answer");
	}
	{
		const char	*q[] = { "\"Better\" (faster) tools, now!",
		    "x y z q w", NULL };

		is_str(cloud_of(LANG_EN, q, NULL, 0, 0),
		    "[{\"entry\":\"better\",\"n\":1},{\"entry\":\"faster\","
		    "\"n\":1},{\"entry\":\"now\",\"n\":1},{\"entry\":\"tools\","
		    "\"n\":1}]", "edge punctuation off words; one letter "
		    "words left out");
	}

	/* Ties alphabetical; the cap. */
	is_str(cloud_of(LANG_EN, ties, NULL, 0, 0),
	    "[{\"entry\":\"apple\",\"n\":2},{\"entry\":\"pear\",\"n\":2},"
	    "{\"entry\":\"fig\",\"n\":1}]", "most frequent first, ties "
	    "alphabetical");
	for (i = 0; i < 60; i++) {
		words[i][0] = 'w';
		words[i][1] = (char)('a' + i / 26);
		words[i][2] = (char)('a' + i % 26);
		words[i][3] = '\0';
		many[i] = words[i];
	}
	many[60] = words[59];
	many[61] = NULL;
	j = cloud_of(LANG_EN, many, NULL, 0, 0);
	{
		size_t	 n = 0;
		const char *p;

		for (p = j; (p = strstr(p, "\"entry\"")) != NULL; p++)
			n++;
		is_int(n, CLOUD_MAX, "at most 40 entries of 60");
	}
	ok(strncmp(j, "[{\"entry\":\"wch\",\"n\":2}", 22) == 0,
	    "the one said twice first: %.30s", j);

	/* Hidden entries. */
	is_str(cloud_of(LANG_EN, one, hide, 2, 0),
	    "[{\"entry\":\"slows them down\",\"n\":1}]",
	    "a hidden entry is left out (hidden in any form)");
	is_str(cloud_of(LANG_EN, one, hide, 2, 1),
	    "[{\"entry\":\"write down\",\"hidden\":true,\"n\":3},"
	    "{\"entry\":\"slows them down\",\"n\":1}]",
	    "and listed as hidden for the facilitator");

	/* In a round's results, beside the texts. */
	memset(&s, 0, sizeof(s));
	s.type = RT_OPEN;
	results_init(&res);
	results_fill(&res, &s, NULL, 0, 2);
	results_add_text(&res, "Write down.", 11);
	results_add_text(&res, "write down", 10);
	results_cloud(&res, LANG_EN, NULL, 0);
	buf_init(&b, 65536);
	w = jw_new(&b);
	jw_obj(w);
	results_json(&res, w);
	jw_end(w);
	jw_close(w);
	is_str(b.data, "{\"responses\":2,\"texts\":[\"Write down.\","
	    "\"write down\"],\"cloud\":[{\"entry\":\"write down\",\"n\":2}]}",
	    "results: the texts unchanged, then the cloud");
	buf_release(&b);
	results_release(&res);
	return done_testing();
}
