#!/bin/sh
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"
run po-lighthouse-parse "$REPORTS/lh12-medium-mobile-run1.json"
exit_is 0 "a normal report parses"
done_testing
