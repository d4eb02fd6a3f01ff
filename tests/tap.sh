# TAP helpers sourced by every test script.  Tests run the installed-style
# binaries from the build tree (PATH is set by `make check`) as users run
# them, and compare stdout, stderr and the exit status exactly.

: "${PO_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${PO_BUILDDIR:=$PO_SRCDIR}"
FIXTURES=$PO_SRCDIR/tests/fixtures
LH=$FIXTURES/lighthouse
REPORTS=$LH/reports
SHARE=$PO_SRCDIR/share
export NO_COLOR=1

T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/po-test.XXXXXX")
trap 'rm -rf "$T_TMP"' EXIT
T_OUT=$T_TMP/stdout
T_ERR=$T_TMP/stderr
T_RC=0
t_n=0
t_failed=0

# run CMD ARGS...: runs a command, keeping stdout in $T_OUT, stderr in
# $T_ERR and the exit status in $T_RC.
run() {
	"$@" >"$T_OUT" 2>"$T_ERR"
	T_RC=$?
}

# run_sh 'PIPELINE': the same for a shell pipeline (pipefail: any stage).
run_sh() {
	bash -o pipefail -c "$1" >"$T_OUT" 2>"$T_ERR"
	T_RC=$?
}

ok() {
	t_n=$((t_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $t_n - $2"
	else
		echo "not ok $t_n - $2"
		t_failed=$((t_failed + 1))
	fi
}

diag() {
	printf '%s\n' "$@" | sed 's/^/# /'
}

# is ACTUAL EXPECTED DESCRIPTION
is() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diag "expected: $2" "     got: $1"
	fi
}

# exit_is N DESCRIPTION: the last run's exit status.
exit_is() {
	if [ "$T_RC" -eq "$1" ]; then
		ok 0 "$2"
	else
		ok 1 "$2"
		diag "expected exit $1, got $T_RC; stderr:"
		head -n 5 "$T_ERR" | diag "$(cat)"
	fi
}

# like FILE ERE DESCRIPTION: FILE has a line matching ERE.
like() {
	if grep -Eq -- "$2" "$1"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diag "no line of $(basename "$1") matches: $2"
		head -n 5 "$1" | diag "$(cat)"
	fi
}

# unlike FILE ERE DESCRIPTION: no line of FILE matches ERE.
unlike() {
	if grep -Eq -- "$2" "$1"; then
		ok 1 "$3"
		grep -E -- "$2" "$1" | head -n 3 | diag "$(cat)"
	else
		ok 0 "$3"
	fi
}

# same GOT EXPECTED DESCRIPTION: the two files are identical.
same() {
	if cmp -s "$1" "$2"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diff -u "$2" "$1" | head -n 40 | diag "$(cat)"
	fi
}

# jq_is FILE FILTER EXPECTED DESCRIPTION: jq -c FILTER on FILE gives EXPECTED.
jq_is() {
	is "$(jq -c "$2" "$1" 2>&1)" "$3" "$4"
}

# valid_stream FILE DESCRIPTION: every line of FILE is a po document that
# the schema in share/ accepts.
valid_stream() {
	if ! /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
		t_n=$((t_n + 1))
		echo "ok $t_n - $2 # SKIP python3-jsonschema is not installed"
		return
	fi
	if /usr/bin/python3 "$PO_SRCDIR/tests/validate-stream.py" \
	    "$SHARE/po-stream.schema.json" "$1" >"$T_TMP/schema.log" 2>&1; then
		ok 0 "$2"
	else
		ok 1 "$2"
		head -n 10 "$T_TMP/schema.log" | diag "$(cat)"
	fi
}

done_testing() {
	echo "1..$t_n"
	[ "$t_failed" -eq 0 ]
}
