/* SPDX-License-Identifier: ISC */
/*
 * text.c: the languages primoforum speaks and the few texts the server
 * itself writes to people (mail, the name of a copy).  Everything else a
 * person reads comes from the pages' catalogues (htdocs/assets/i18n/),
 * which show an API error by its code; this file is the server's part of
 * the same idea: one catalogue per language, keyed by enum text, and a
 * language is one more catalogue here and one file there
 * (docs/contributing.md).  Pure: no I/O, so test_text checks that every
 * catalogue has every key.
 */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "extern.h"
#include "banned.h"

/*
 * A text of several lines is written in parentheses: for clang, a
 * deliberate concatenation, not a missing comma between two entries.
 *
 * English.  Participants and facilitators are spoken to informally in
 * every language (je in Dutch, du in German), as workshop tools do.
 */
static const char *const text_en[TEXT__MAX] = {
	[TEXT_RESET_SUBJECT] = "Primoforum: reset your password",
	[TEXT_RESET_INTRO] = ("Someone (we hope you) asked to reset the "
	    "password of your Primoforum account.\n\nOpen this link within "
	    "an hour to choose a new password:"),
	[TEXT_RESET_OUTRO] = ("If it was not you, ignore this mail: your "
	    "password stays as it is."),
	[TEXT_COPY] = "copy",
	[TEXT_INVITE_SUBJECT] = "Primoforum: you are invited to run a session",
	[TEXT_INVITE_INTRO] = ("You are invited to run a Primoforum session "
	    "together with its facilitator:"),
	[TEXT_ROLE_COFACILITATOR] = ("as co-facilitator: you run and edit "
	    "the session"),
	[TEXT_ROLE_MODERATOR] = ("as moderator: you moderate its ideas, "
	    "answers and questions"),
	[TEXT_INVITE_OUTRO] = ("Open the link within a week and log in with "
	    "the account of this email address (or register with it first) "
	    "to accept. If you did not expect this, ignore this mail."),
};

static const char *const text_nl[TEXT__MAX] = {
	[TEXT_RESET_SUBJECT] = "Primoforum: stel je wachtwoord opnieuw in",
	[TEXT_RESET_INTRO] = ("Iemand (hopelijk jij) vroeg om het wachtwoord "
	    "van je Primoforum-account opnieuw in te stellen.\n\nOpen deze "
	    "link binnen een uur om een nieuw wachtwoord te kiezen:"),
	[TEXT_RESET_OUTRO] = ("Was jij het niet? Negeer dan deze mail: je "
	    "wachtwoord blijft zoals het is."),
	[TEXT_COPY] = "kopie",
	[TEXT_INVITE_SUBJECT] = "Primoforum: je bent uitgenodigd voor een sessie",
	[TEXT_INVITE_INTRO] = ("Je bent uitgenodigd om samen met de "
	    "facilitator een Primoforum-sessie te leiden:"),
	[TEXT_ROLE_COFACILITATOR] = ("als co-facilitator: je leidt en "
	    "bewerkt de sessie"),
	[TEXT_ROLE_MODERATOR] = ("als moderator: je modereert de ideeën, "
	    "antwoorden en vragen"),
	[TEXT_INVITE_OUTRO] = ("Open de link binnen een week en log in met "
	    "het account van dit e-mailadres (of registreer je er eerst mee) "
	    "om te accepteren. Verwachtte je dit niet? Negeer dan deze mail."),
};

static const char *const text_de[TEXT__MAX] = {
	[TEXT_RESET_SUBJECT] = "Primoforum: setze dein Passwort zurück",
	[TEXT_RESET_INTRO] = ("Jemand (hoffentlich du) hat darum gebeten, das "
	    "Passwort deines Primoforum-Kontos zurückzusetzen.\n\nÖffne "
	    "diesen Link innerhalb einer Stunde, um ein neues Passwort zu "
	    "wählen:"),
	[TEXT_RESET_OUTRO] = ("Warst du das nicht? Dann ignoriere diese Mail: "
	    "dein Passwort bleibt, wie es ist."),
	[TEXT_COPY] = "Kopie",
	[TEXT_INVITE_SUBJECT] = "Primoforum: du bist zu einer Sitzung eingeladen",
	[TEXT_INVITE_INTRO] = ("Du bist eingeladen, eine Primoforum-Sitzung "
	    "zusammen mit ihrer Moderation zu leiten:"),
	[TEXT_ROLE_COFACILITATOR] = ("als Co-Facilitator: du leitest und "
	    "bearbeitest die Sitzung"),
	[TEXT_ROLE_MODERATOR] = ("als Moderator: du moderierst ihre Ideen, "
	    "Antworten und Fragen"),
	[TEXT_INVITE_OUTRO] = ("Öffne den Link innerhalb einer Woche "
	    "und melde dich mit dem Konto dieser E-Mail-Adresse an (oder "
	    "registriere dich zuerst damit), um anzunehmen. Hast du das nicht "
	    "erwartet? Dann ignoriere diese Mail."),
};

/*
 * The stop words of each language: the commonest short words, left out
 * of a word cloud where a long answer is split into words (cloud.c).
 * Lower case, as the cloud folds them; sorted is not needed.
 */
static const char *const stop_en[] = {
	"a", "about", "all", "also", "am", "an", "and", "any", "are", "as",
	"at", "be", "been", "but", "by", "can", "do", "does", "for", "from",
	"had", "has", "have", "he", "her", "his", "how", "i", "if", "in",
	"into", "is", "it", "its", "it's", "just", "me", "more", "my", "no",
	"not", "of", "on", "or", "our", "out", "she", "so", "some", "than",
	"that", "the", "their", "them", "then", "there", "these", "they",
	"this", "to", "too", "up", "us", "very", "was", "we", "were", "what",
	"when", "which", "who", "will", "with", "would", "you", "your",
	NULL
};

static const char *const stop_nl[] = {
	"aan", "al", "alle", "als", "bij", "dan", "dat", "de", "deze", "die",
	"dit", "door", "dus", "een", "en", "er", "geen", "hem", "het", "hij",
	"hoe", "hun", "ik", "in", "is", "je", "jij", "kan", "maar", "me",
	"meer", "met", "mij", "mijn", "moet", "na", "naar", "niet", "nog",
	"nu", "of", "om", "onder", "ons", "onze", "ook", "op", "over", "te",
	"tot", "uit", "van", "veel", "voor", "want", "was", "wat", "we",
	"wel", "wij", "wordt", "worden", "zal", "ze", "zij", "zijn", "zo",
	"zou", "'t",
	NULL
};

static const char *const stop_de[] = {
	"aber", "alle", "als", "am", "an", "auch", "auf", "aus", "bei", "bin",
	"bis", "das", "dass", "dem", "den", "der", "des", "die", "dies",
	"doch", "du", "durch", "ein", "eine", "einem", "einen", "einer",
	"eines", "er", "es", "für", "hat", "ich", "ihr", "im", "in", "ist",
	"ja", "kein", "keine", "man", "mehr", "mit", "nach", "nicht", "noch",
	"nur", "oder", "ohne", "sehr", "sich", "sie", "sind", "so", "um",
	"und", "uns", "vom", "von", "vor", "war", "was", "weil", "wenn",
	"wie", "wir", "wird", "zu", "zum", "zur", "über",
	NULL
};

/*
 * The languages, in the order of enum lang: code, catalogue and stop
 * words.
 */
static const struct {
	const char		 *code;		/* ISO 639-1 */
	const char *const	 *texts;
	const char *const	 *stops;	/* NULL-terminated */
} langs[LANG__MAX] = {
	[LANG_EN] = { "en", text_en, stop_en },
	[LANG_NL] = { "nl", text_nl, stop_nl },
	[LANG_DE] = { "de", text_de, stop_de },
};

/* Returns the language of code [s, s + n), or -1 if we do not speak it. */
int
lang_parse(const char *s, size_t n)
{
	int	 l;

	for (l = 0; l < LANG__MAX; l++)
		if (n == strlen(langs[l].code) &&
		    strncasecmp(s, langs[l].code, n) == 0)
			return l;
	return -1;
}

/* Returns the two-letter code of l ("en" for anything out of range). */
const char *
lang_code(enum lang l)
{
	return langs[l < LANG__MAX ? l : LANG_EN].code;
}

/*
 * Picks the language for an Accept-Language header (RFC 9110 12.5.4):
 * the first range we speak, by its primary tag, in the order given
 * (browsers list them by preference; weights of 0 are refusals).
 * Returns LANG_EN when the header is NULL or names none of ours.
 */
enum lang
lang_accept(const char *h)
{
	const char	*p, *e, *q;
	size_t		 n;
	int		 l;

	for (p = h; p != NULL && *p != '\0'; p = *e == ',' ? e + 1 : e) {
		while (*p == ' ' || *p == '\t')
			p++;
		e = p;
		while (*e != '\0' && *e != ',')
			e++;
		/* The primary subtag: up to '-', ';', ' ' or the end. */
		for (n = 0; p + n < e && p[n] != '-' && p[n] != ';' &&
		    p[n] != ' '; n++)
			continue;
		q = memchr(p, ';', (size_t)(e - p));
		if (q != NULL && (size_t)(e - q) >= 4 &&
		    strncmp(q, ";q=0", 4) == 0 && (e - q == 4 ||
		    (q[4] == '.' && strspn(q + 5, "0") >= (size_t)(e - q - 5))))
			continue;
		if ((l = lang_parse(p, n)) >= 0)
			return (enum lang)l;
	}
	return LANG_EN;
}

/* Returns text t in language l; every catalogue has every key. */
const char *
text_get(enum lang l, enum text t)
{
	const char	*s;

	if (t >= TEXT__MAX)
		return "";
	s = langs[l < LANG__MAX ? l : LANG_EN].texts[t];
	return s != NULL ? s : text_en[t];
}

/* Returns 1 if every language has every text (test_text), else 0. */
int
text_complete(void)
{
	int	 l, t;

	for (l = 0; l < LANG__MAX; l++)
		for (t = 0; t < TEXT__MAX; t++)
			if (langs[l].texts[t] == NULL ||
			    langs[l].texts[t][0] == '\0')
				return 0;
	return 1;
}

/*
 * Returns 1 if the word w (len bytes, lower case) is a stop word of
 * language l (an unknown language: English), else 0.
 */
int
text_stopword(enum lang l, const char *w, size_t len)
{
	const char *const	*p;

	for (p = langs[l < LANG__MAX ? l : LANG_EN].stops; *p != NULL; p++)
		if (strlen(*p) == len && memcmp(*p, w, len) == 0)
			return 1;
	return 0;
}

/* Returns the number of stop words of language l (0: none, a bug). */
size_t
text_stopwords(enum lang l)
{
	const char *const	*p;
	size_t			 n = 0;

	if (l >= LANG__MAX || langs[l].stops == NULL)
		return 0;
	for (p = langs[l].stops; *p != NULL; p++)
		n++;
	return n;
}
