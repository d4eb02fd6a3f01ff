#!/bin/sh
# The manual of po-audit: mandoc finds nothing to warn about, every option
# --help lists and every finding the code can write is in it, each with
# its Lighthouse audit.  (tests/man-examples.sh runs its EXAMPLES.)
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

PAGE=$PO_SRCDIR/man/po-audit.1

if command -v mandoc >/dev/null 2>&1; then
	run mandoc -Tlint -Wwarning "$PAGE"
	exit_is 0 "mandoc -Tlint -Wwarning: exit 0"
	is "$(cat "$T_OUT" "$T_ERR")" "" "mandoc -Tlint -Wwarning: silent"
else
	t_n=$((t_n + 1))
	echo "ok $t_n - mandoc lint # SKIP mandoc is not installed"
fi

run po-audit --help
for option in $(grep -Eo -- '--[a-z][a-z-]+' "$T_OUT" | sort -u); do
	flag=${option#--}
	case $flag in help|usage|version) continue ;; esac
	if grep -Eq "^\\.It .*Fl -$flag( |$)" "$PAGE"; then
		ok 0 "the page documents $option"
	else
		ok 1 "the page documents $option"
	fi
done

for id in $(sed -n 's/.*begin(&[a-z]*, "\([a-z-]*\)",.*/\1/p' \
    "$PO_SRCDIR/tools/audit/findings.c"); do
	if sed -n "/^\\.It Cm $id\$/,/^\\.It /p" "$PAGE" | grep -q '^Lighthouse'; then
		ok 0 "the page explains finding $id and its Lighthouse audit"
	else
		ok 1 "the page explains finding $id and its Lighthouse audit"
	fi
done
like "$PAGE" '^\.Sh EXIT STATUS$' "the page has an EXIT STATUS"

done_testing
