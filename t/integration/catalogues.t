#!/bin/bash
# SPDX-License-Identifier: ISC
# catalogues.t: the pages' text catalogues are complete.  One catalogue
# per language (htdocs/assets/i18n/<code>.js), all listed in i18n.js; a
# key missing from one, a key a page uses that none has, a round type (a
# module in assets/rounds/) or an error code (resp_error, why_set,
# outcomes[] in fcgi/) without its texts, a language without built-in
# templates, or a formal u or Sie (nl.js, de.js, the mails of
# fcgi/text.c) fails here.  No stack: node reads the files
# (catalogues.mjs).
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
if ! command -v node >/dev/null 2>&1; then
	echo "Bail out! node is not installed (script/bootstrap installs it)"
	exit 1
fi

# check NAME WHAT: one check of catalogues.mjs; its problems as diagnostics.
check() {
	local out st
	out=$(node "$PF_SRC/t/integration/catalogues.mjs" "$PF_SRC" "$1" 2>&1)
	st=$?
	ok $st "$2"
	[ $st -eq 0 ] || printf '%s\n' "$out" | head -40 | diag_lines
}
diag_lines() { while IFS= read -r l; do diag "$l"; done; }

check list "the language list in i18n.js and the catalogue files agree"
check keys "every catalogue has every key another has"
check values "every text is a text, with the English one's placeholders"
check used "every key the pages use (HTML data-i18n, t() in scripts) is in the catalogues"
check rounds "every round type module in htdocs/assets/rounds/ has its name, label and members"
check errors "every error code a person can meet has its error.<code> text"
check templates "every language has built-in templates in sql/"
check register "the Dutch texts say je, never u or uw; the German ones du, never Sie (the pages and the mails)"

done_testing
