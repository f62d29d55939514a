#!/bin/bash
# SPDX-License-Identifier: ISC
# install.t: "make install" into a DESTDIR puts everything in its place
# (binaries, migrations, pages, the nginx template, the example config,
# the systemd unit, man pages); the installed daemon and primoforumctl
# run a stack from there; the unit passes systemd-analyze verify; the man
# pages format without warnings.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"

B=$PF_BUILD
D=$(mktemp -d "${TMPDIR:-/tmp}/pf-install.XXXXXX")
chmod 755 "$D"
make -C "$PF_BUILD" install DESTDIR="$D/dest" >"$D/install.log" 2>&1
is "$?" 0 "make install DESTDIR=... succeeds"
prefix=$(sed -n 's/^prefix = //p' "$PF_BUILD/Makefile")
sysconf=$(sed -n 's/^sysconfdir = //p' "$PF_BUILD/Makefile" | sed "s|\${prefix}|$prefix|")
R=$D/dest$prefix
for f in sbin/primoforumd sbin/primoforumctl; do
	ok $([ -x "$R/$f" ]; echo $?) "installed: $f"
done
for f in share/primoforum/sql/001_foundation.sql share/primoforum/sql/accounts.sql \
    share/primoforum/common-passwords.txt share/primoforum/htdocs/index.html \
    share/primoforum/htdocs/assets/api.js share/primoforum/htdocs/admin/index.html \
    share/primoforum/nginx/primoforum.conf.in share/primoforum/nginx/admin-allow.conf \
    share/primoforum/nginx/render-nginx \
    share/primoforum/mariadb-primoforum.cnf \
    share/man/man8/primoforumd.8 share/man/man8/primoforumctl.8 \
    share/man/man5/primoforum.conf.5 lib/systemd/system/primoforumd.service; do
	ok $([ -f "$R/$f" ]; echo $?) "installed: $f"
done
ok $([ -f "$D/dest$sysconf/primoforum/primoforum.conf.example" ]; echo $?) \
    "installed: $sysconf/primoforum/primoforum.conf.example"
is "$(grep -c '@[a-z]*@' "$R/lib/systemd/system/primoforumd.service" "$D/dest$sysconf/primoforum/primoforum.conf.example" | cut -d: -f2 | tr '\n' ' ')" \
    "0 0 " "no placeholder left in the unit or the example"
like "$(cat "$R/lib/systemd/system/primoforumd.service")" "ExecStart=$prefix/sbin/primoforumd -f $sysconf/primoforum/primoforum.conf" \
    "the unit runs the installed daemon with the installed config"

# The unit, with its paths moved into the DESTDIR, as systemd reads it.
sed "s|$prefix/|$R/|g; s|$sysconf/|$D/dest$sysconf/|g" "$R/lib/systemd/system/primoforumd.service" \
    >"$D/primoforumd.service"
out=$(systemd-analyze verify --man=no "$D/primoforumd.service" 2>&1)
is "$?" 0 "systemd-analyze verify passes"
unlike "$out" 'primoforumd.service' "without a word about the unit: $out"
out=$(systemd-analyze security --offline=yes "$D/primoforumd.service" 2>&1 | tail -1)
like "$out" 'Overall exposure level for primoforumd.service: [0-9.]+ (OK|SAFE)' "its exposure: $out"
for m in "$R"/share/man/man*/*; do
	is "$(groff -man -ww -z "$m" 2>&1)" "" "$(basename "$m") formats without warnings"
done

# The stack from the installed programs and migrations.
PF_BUILD=$R/sbin with_stack
like "$(pf_curl "$PF_URL/api/health")" '"status":"ok"' "the installed daemon serves the API"
sed -i "s|^migrations_dir = .*|migrations_dir = $R/share/primoforum/sql|" "$PF_DIR/primoforum.conf"
like "$("$R/sbin/primoforumctl" -f "$PF_DIR/primoforum.conf" migrate)" '\(0 applied now\)' \
    "the installed migrations are the ones the database has"
make -C "$B" uninstall DESTDIR="$D/dest" >/dev/null 2>&1
is "$(find "$D/dest" -type f | wc -l)" 0 "make uninstall removes every file"
rm -rf "$D"

done_testing
