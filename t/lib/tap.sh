# SPDX-License-Identifier: ISC
# t/lib/tap.sh: TAP for the shell integration tests.
#   ok STATUS NAME         passes when STATUS (a command's $?) is 0
#   is GOT WANT NAME       string equality
#   like GOT REGEX NAME    extended regex match
#   unlike GOT REGEX NAME
#   done_testing           prints the plan; exit status 1 on failures
TAP_N=0
TAP_FAILED=0

ok() {
	local st=$1; shift
	TAP_N=$((TAP_N + 1))
	if [ "$st" -eq 0 ]; then
		echo "ok $TAP_N - $*"
	else
		echo "not ok $TAP_N - $*"
		TAP_FAILED=$((TAP_FAILED + 1))
	fi
}

is() {
	[ "$1" = "$2" ]
	local st=$?
	ok $st "$3"
	[ $st -eq 0 ] || printf '#   got: %s\n#  want: %s\n' "$1" "$2"
	return $st
}

isnt() {
	[ "$1" != "$2" ]
	local st=$?
	ok $st "$3"
	[ $st -eq 0 ] || printf '#   got: %s\n#  want anything else\n' "$1"
	return $st
}

like() {
	printf '%s' "$1" | grep -Eq -- "$2"
	local st=$?
	ok $st "$3"
	[ $st -eq 0 ] || printf '#   got: %s\n#  want match: %s\n' \
	    "$(printf '%s' "$1" | head -c 600)" "$2"
	return $st
}

unlike() {
	! printf '%s' "$1" | grep -Eq -- "$2"
	local st=$?
	ok $st "$3"
	[ $st -eq 0 ] || printf '#   got: %s\n#  must not match: %s\n' \
	    "$(printf '%s' "$1" | head -c 600)" "$2"
	return $st
}

diag() {
	printf '# %s\n' "$*"
}

done_testing() {
	echo "1..$TAP_N"
	[ "$TAP_FAILED" -eq 0 ]
}

# Note for tests: the stack's daemons are children of the test's shell,
# so a bare "wait" waits for MariaDB forever; wait for the pids you start.
#
# Starts a private stack in a fresh temporary directory, stopped and
# removed when the test exits.  Needs PF_SRC, PF_BUILD, PF_TEMPLATE.
with_stack() {
	if [ ! -d "${PF_TEMPLATE:-}/data" ]; then
		echo "Bail out! no PF_TEMPLATE: run this through script/test"
		exit 1
	fi
	. "$PF_SRC/script/lib/stack.sh"
	T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/pf-test.XXXXXX")
	trap 'stack_stop "$T_DIR/stack"; [ -n "${PF_KEEP:-}" ] || rm -rf "$T_DIR"' EXIT
	if ! stack_start "$T_DIR/stack"; then
		echo "Bail out! the stack did not start (see $T_DIR)"
		PF_KEEP=1
		exit 1
	fi
}
