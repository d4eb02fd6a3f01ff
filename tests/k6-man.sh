#!/bin/sh
# The manual of po-k6-check: mandoc finds nothing to warn about, and every
# option --help lists is in it.  (tests/man-examples.sh runs its EXAMPLES.)
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

PAGE=$PO_SRCDIR/man/po-k6-check.1

if command -v mandoc >/dev/null 2>&1; then
	run mandoc -Tlint -Wwarning "$PAGE"
	exit_is 0 "mandoc -Tlint -Wwarning: exit 0"
	is "$(cat "$T_OUT" "$T_ERR")" "" "mandoc -Tlint -Wwarning: silent"
else
	t_n=$((t_n + 1))
	echo "ok $t_n - mandoc lint # SKIP mandoc is not installed"
fi

run po-k6-check --help
for option in $(grep -Eo -- '--[a-z][a-z-]+' "$T_OUT" | sort -u); do
	flag=${option#--}
	if grep -Eq "^\\.It .*Fl -$flag( |$)" "$PAGE"; then
		ok 0 "the page documents $option"
	else
		ok 1 "the page documents $option"
	fi
done
like "$PAGE" '^\.Sh EXIT STATUS$' "the page has an EXIT STATUS"
like "$PAGE" 'k6 exits 99' "which says how it maps to k6's"
like "$PAGE" 'v0\.48\.0' "the page says which k6 version's outputs were tested"

done_testing
