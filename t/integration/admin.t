#!/bin/bash
# admin.t: /admin/ and /api/admin/ only from the allowlist (P9), whatever
# the path trick, and X-Forwarded-For is not believed.  127.0.0.2 is the
# outsider: it is local, but not on the allowlist.
PF_SRC=${PF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$PF_SRC/t/lib/tap.sh"
with_stack

for p in /admin/ /ADMIN/ /%61dmin/ //admin/ /x/../admin/ /admin \
    /Admin/index.html /%2561dmin/ /api/admin/ /api/ADMIN/x /api//admin/; do
	code=$(pf_curl --interface 127.0.0.2 --path-as-is -o /dev/null \
	    -w '%{http_code}' "$PF_URL$p")
	case $p in
	/%2561dmin/) want=404 ;;	# decodes once, to /%61dmin/: no such file
	/api/ADMIN/x) want=403 ;;
	*) want=403 ;;
	esac
	is "$code" "$want" "outsider: $p is $want"
	code=$(pf_curl --interface 127.0.0.2 --path-as-is -o /dev/null \
	    -H 'X-Forwarded-For: 127.0.0.1' -H 'X-Real-IP: 127.0.0.1' \
	    -w '%{http_code}' "$PF_URL$p")
	is "$code" "$want" "outsider with X-Forwarded-For: $p is $want"
done

code=$(pf_curl -o /dev/null -w '%{http_code}' "$PF_URL/admin/")
is "$code" 200 "allowlisted address reaches /admin/"
code=$(pf_curl --path-as-is -o /dev/null -w '%{http_code}' \
    "$PF_URL/x/../%61dmin/")
is "$code" 200 "allowlisted address: the same page through a path trick"
code=$(pf_curl -o /dev/null -w '%{http_code}' "$PF_URL/api/admin/")
is "$code" 404 "allowlisted address reaches the application under /api/admin/"

done_testing
