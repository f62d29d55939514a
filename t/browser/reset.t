#!/bin/bash
# SPDX-License-Identifier: ISC
# reset.t: the password reset as a person does it: "forgot password" on
# the site, the link from the mail opened in Chromium, a new password
# typed (keyboard only) and saved, then a login with it.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
with_stack
. "$PF_SRC/t/lib/api.sh"

browser ann 127.0.0.11
call ann POST /api/accounts '{"email":"ann@example.org","display_name":"Ann","password":"the first good passphrase"}'
is "$code" 201 "an account"

# The forgot page, driven in the browser.
cd "$PF_SRC/t/browser" || exit 1
out=$(node --input-type=module -e '
import { launch, newPage } from "./lib.mjs";
const b = await launch();
const { page, problems } = await newPage(b, "en-GB");
await page.goto(process.argv[1]);
await page.fill("#email", "Ann@Example.org");
await page.click("button[type=submit]");
await page.waitForFunction(() => document.getElementById("result").textContent !== "");
console.log("result: " + await page.textContent("#result"));
console.log("problems: " + problems.length);
await b.close();' "$PF_URL/forgot.html" 2>&1)
like "$out" 'result: If an account has this email address, a link is on its way' \
    "the forgot page says the link is on its way"
like "$out" 'problems: 0' "without script errors (CSP holds)"
link=$(grep -ho 'https://[^ ]*reset.html#token=[0-9a-f]*' "$PF_DIR"/mail/* | head -1)
like "$link" 'reset.html#token=[0-9a-f]{64}$' "the mail holds the link"

out=$(node reset.mjs "$link" nl-NL "een nieuw wachtwoord hier" "een ander wachtwoord" 2>&1)
like "$out" 'heading: Kies een nieuw wachtwoord' "Dutch page for a Dutch browser"
like "$out" 'url-after-load: [^#]*$' "the token is taken out of the address bar"
like "$out" 'result: De twee wachtwoorden zijn niet gelijk' "two different passwords: said so, in Dutch"

out=$(PF_SHOT="$T_DIR/reset.png" node reset.mjs "$link" en-GB "my new passphrase 🐎" "my new passphrase 🐎" 2>&1)
like "$out" 'result: Your password is changed' "the new password is saved"
like "$out" 'state: ok' "shown as success"
like "$out" 'problems: 0' "no script errors"
[ -n "${PF_SCREENSHOTS:-}" ] && cp "$T_DIR/reset.png" "$PF_SCREENSHOTS/"

call ann GET /api/account
is "$code" 401 "the reset logged the old browser out"
FROM=127.0.0.31 call ann POST /api/login '{"email":"ann@example.org","password":"my new passphrase 🐎"}'
is "$code" 200 "and the new password logs in"

out=$(node reset.mjs "$link" en-GB "yet another passphrase" "yet another passphrase" 2>&1)
like "$out" 'result: That did not work: This link is not valid: it was used already' \
    "the same link a second time is refused, in words (the catalogue's, for its error code)"

done_testing
