#!/bin/bash
# SPDX-License-Identifier: ISC
# admin.t: the admin area's page in Chromium, from the allowlist: log in
# with two-factor, find an account, disable it, make a reset link, read
# the audit trail and the configuration report; English and Dutch; no
# script or CSP error.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
with_stack
. "$PF_SRC/t/lib/api.sh"

browser fac 127.0.0.11
call fac POST /api/accounts '{"email":"fac@example.org","display_name":"Fac","password":"the facilitator passphrase"}'
call fac POST /api/sessions '{"title":"Secret strategy day"}'
PW="admins have long passphrases"
secret=$(printf '%s\n' "$PW" | "$PF_BUILD/primoforumctl" -f "$PF_DIR/primoforum.conf" \
    create-admin root@example.org "Root Admin" | sed -n 3p)

cd "$PF_SRC/t/browser" || exit 1
out=$(node admin.mjs "$PF_URL" root@example.org "$PW" "$(oathtool --totp -b "$secret")" "${PF_SCREENSHOTS:-}" 2>&1)
like "$out" 'who: *Logged in as Root Admin <root@example.org> \(admin\)' "the admin logs in with two-factor"
like "$out" 'status: accounts *2' "the system status"
like "$out" 'row: Fac *fac@example.org' "an account is found"
unlike "$out" 'Secret strategy day' "never a session's content"
like "$out" 'after: .*disabled' "and disabled"
is "$(sql -e "SELECT disabled FROM account WHERE email = 'fac@example.org'")" 1 "in the database"
like "$out" 'link: .*reset\.html#token=[0-9a-f]{64}' "a reset link"
like "$out" 'audit rows: [1-9]' "the audit trail"
like "$out" 'audit: .*account_disabled' "with what the admin just did"
like "$out" 'config: .*session_max_hours' "the configuration report"
like "$out" 'config: .*totp_key *set' "with which secrets are set"
like "$out" 'csv: /api/admin/audit\?.*format=csv' "and a CSV download"
like "$out" 'nl h1: Beheer' "in Dutch"
like "$out" 'nl lang: nl' "with the page's language"
like "$out" 'problems: 0' "no script or CSP errors"

done_testing
