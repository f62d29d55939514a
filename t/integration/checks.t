#!/bin/bash
# SPDX-License-Identifier: ISC
# checks.t: the checks that keep the source in shape can fail.  The
# layer check (script/check-layers) passes on the build, and fails when
# the declared floors are turned upside down, when a handler calls
# another, when the declared utility pair is split into two units (their
# calls close a loop), and when a built file is in no floor.  The lint
# (script/lint) passes on the tree and fails on a copy with an unchecked
# snprintf, a handler indexing a column, a missing SPDX line and an
# issue number.  Needs a build (PF_BUILD); starts no stack.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
PF_BUILD=${PF_BUILD:-$PF_SRC/.build/normal}
. "$PF_SRC/t/lib/tap.sh"

T=$(mktemp -d "${TMPDIR:-/tmp}/pf-checks.XXXXXX")
trap 'rm -rf "$T"' EXIT
layers() { PF_SRC=$PF_SRC PF_LAYERS=$1 "$PF_SRC/script/check-layers" "$PF_BUILD"; }
# The declared block, rewritten by a sed program into a file of its own.
block() {
	sed -n '/^```layers$/,/^```$/p' "$PF_SRC/docs/architecture.md" |
	    sed "$1" >"$T/$2"
	echo "$T/$2"
}

out=$(layers "$PF_SRC/docs/architecture.md")
ok $? "the layers of docs/architecture.md hold on the build"
like "$out" ' 0 calls up, [0-9]+ sideways, 0 loops$' "no call up and no loop"

# util's files on the top floor: everything calls up to them.
f=$(block 's/^1 util: /99 util: /' upside)
out=$(layers "$f")
isnt "$?" 0 "floors turned over fail"
like "$out" '^UP   [a-z_]+ \([a-z]+\) -> (xmalloc|log|util|buf) \(util\)' \
    "and name the call that goes up"

# response.c moved up onto the handlers' floor, which is flat: every
# handler's call to it is now a call between two handlers.
f=$(block 's/^6 http: response /7 http-as-handlers (flat): response /; s/^7 handlers (flat): /7 handlers (flat): response /; /^7 http-as-handlers/d' flat)
out=$(layers "$f")
isnt "$?" 0 "a call between two files of a flat floor fails"
like "$out" '^FLAT api_[a-z_]+ -> response \(handlers\)' "and is named"

f=$(block 's/xmalloc+log/xmalloc log/' loop)
out=$(layers "$f")
isnt "$?" 0 "the utility pair split in two closes a loop"
like "$out" '^LOOP log xmalloc' "and the loop is named"

f=$(block 's/ stmt / /' missing)
out=$(layers "$f")
isnt "$?" 0 "a built file in no floor fails"
like "$out" '^not in any layer: fcgi/stmt.c' "and is named"

# The lint, on the tree and on a copy with one offence of each kind.
"$PF_SRC/script/lint" >"$T/lint.out" 2>&1
ok $? "script/lint passes on the tree"
mkdir "$T/src"
cp -r "$PF_SRC/fcgi" "$PF_SRC/script" "$PF_SRC/docs" "$PF_SRC/sql" "$T/src/"
printf '\nstatic void\nx(char *b)\n{\n\tsnprintf(b, 8, "%%d", 1);\n}\n' \
    >>"$T/src/fcgi/util.c"
printf '\nstatic void\ny(char *b)\n{\n\t(void)snprintf(b, 8, "%%d", 1);\n}\n' \
    >>"$T/src/fcgi/api_health.c"
printf '/* c[3] */\n' >>"$T/src/fcgi/api_round.c"
sed -i '1d' "$T/src/fcgi/qr.c"
# Written in two pieces, so that this file does not offend itself.
printf -- '-- fixed in %s 12\n' issue >>"$T/src/sql/001_foundation.sql"
out=$(PF_SRC=$T/src "$PF_SRC/script/lint" 2>&1)
isnt "$?" 0 "script/lint fails on a copy with offences"
like "$out" 'unchecked snprintf .*fcgi/api_health.c' "an unchecked snprintf"
unlike "$out" 'fcgi/util.c:' "but not util.c's own, which wraps it"
like "$out" 'indexes columns.*fcgi/api_round.c' "a column index in a handler"
like "$out" 'fcgi/qr.c: no SPDX' "a file without its SPDX line"
like "$out" 'speaks of an issue: sql/001_foundation.sql' "an issue number"

done_testing
