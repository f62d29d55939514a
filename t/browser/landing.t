#!/bin/bash
# SPDX-License-Identifier: ISC
# landing.t: the landing page in headless Chromium, through nginx over
# HTTPS: it loads its module scripts under the CSP, calls /api/health and
# says the service is up, in English or Dutch by the browser's language;
# the not-found page in German or Dutch.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
if ! command -v chromium >/dev/null 2>&1; then
	echo "Bail out! chromium is not installed (script/bootstrap installs it)"
	exit 1
fi
with_stack

# browser LANG ARGS...: a fresh profile each time; the flags keep
# Chromium off the network it cannot reach here.
browser() {
	local lang=$1
	shift
	local prof
	prof=$(mktemp -d "$T_DIR/chromium.XXXXXX")
	timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic \
	    --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync --user-data-dir="$prof" \
	    --ignore-certificate-errors --lang="$lang" --accept-lang="$lang" \
	    --host-resolver-rules="MAP localhost 127.0.0.1" \
	    --virtual-time-budget=8000 "$@" 2>"$prof/stderr"
}

dom=$(browser en-GB --dump-dom "$PF_URL/")
like "$dom" '<h1 data-i18n="landing.title">Live group sessions' "English page for an English browser"
like "$dom" 'id="status"[^>]*data-state="ok"' "the page called /api/health and got ok"
like "$dom" 'database is reachable' "and says so in English"
like "$dom" '<html lang="en"' "html lang follows the language"
like "$(grep 'GET /assets/landing.js' "$PF_DIR/access.log")" ' 200 ' \
    "the module script was fetched (allowed by the CSP)"

dom=$(browser nl-NL --dump-dom "$PF_URL/")
like "$dom" 'Live groepssessies' "Dutch page for a Dutch browser"
like "$dom" 'database is bereikbaar' "status in Dutch"
like "$dom" '<html lang="nl"' "html lang is nl"

# A path that is not there: 404.html, in the browser's language too.
dom=$(browser de-DE --dump-dom "$PF_URL/no/such/page")
like "$dom" '<h1 data-i18n="notFound.title">Nicht gefunden' "not found: German for a German browser"
like "$dom" '<html lang="de"' "html lang is de"
like "$dom" 'aria-label="Sprache"' "the switch's label from the catalogue"
dom=$(browser nl-NL --dump-dom "$PF_URL/nothing.html")
like "$dom" 'Deze pagina bestaat niet' "not found: Dutch for a Dutch browser"

# With the database down the page says so, in plain words.
db_stop "$PF_DIR"
dom=$(browser en-GB --dump-dom "$PF_URL/")
like "$dom" 'data-state="down"' "database down: the page shows it"
like "$dom" 'not reachable right now' "with a sentence a person understands"
db_start "$PF_DIR"

# A phone-sized screenshot, kept for people to look at.
browser nl-NL --window-size=360,740 --screenshot="$T_DIR/landing.png" \
    "$PF_URL/" >/dev/null 2>&1
ok $([ -s "$T_DIR/landing.png" ]; echo $?) "screenshot at 360 px wide"
[ -n "${PF_SCREENSHOTS:-}" ] && cp "$T_DIR/landing.png" "$PF_SCREENSHOTS/"

done_testing
