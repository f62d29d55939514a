/* SPDX-License-Identifier: ISC */
/*
 * test_text.c: the server's catalogues are complete, and a browser's
 * Accept-Language picks the language people asked for.
 */
#include "extern.h"
#include "tap.h"

int
main(void)
{
	ok(text_complete(), "every language has every server text");
	{
		int	 l;

		for (l = 0; l < LANG__MAX; l++)
			ok(text_stopwords((enum lang)l) > 10,
			    "%s has its stop words", lang_code((enum lang)l));
	}
	ok(text_stopword(LANG_NL, "het", 3), "het is a Dutch stop word");
	ok(!text_stopword(LANG_EN, "het", 3), "not an English one");
	ok(text_stopword(LANG_DE, "f\xc3\xbcr", 4), "f\xc3\xbcr: German");
	is_int(lang_parse("de", 2), LANG_DE, "de is German");
	is_int(lang_parse("NL", 2), LANG_NL, "codes are case-blind");
	is_int(lang_parse("fr", 2), -1, "French is not (yet) spoken");
	is_int(lang_parse("e", 1), -1, "a prefix is not a code");
	is_str(lang_code(LANG_NL), "nl", "the code of Dutch");
	is_int(lang_accept(NULL), LANG_EN, "no header: English");
	is_int(lang_accept("de-DE,de;q=0.9,en;q=0.8"), LANG_DE,
	    "a German browser");
	is_int(lang_accept("fr-FR, nl-BE;q=0.7, en;q=0.3"), LANG_NL,
	    "the first range we speak, past one we do not");
	is_int(lang_accept("nl;q=0, de"), LANG_DE, "q=0 is a refusal");
	is_int(lang_accept("nl;q=0.000,en"), LANG_EN, "and so is q=0.000");
	is_int(lang_accept("*"), LANG_EN, "a wildcard: English");
	is_int(lang_accept(""), LANG_EN, "an empty header: English");
	is_str(text_get(LANG_DE, TEXT_COPY), "Kopie", "a German text");
	is_str(text_get(LANG__MAX, TEXT_COPY), "copy",
	    "an unknown language falls back to English");
	return done_testing();
}
