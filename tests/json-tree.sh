#!/bin/sh
# The tree builder of the stream reader (tools/lib/json-tree.c): the same
# trees as yajl_tree_parse on every document the tools write for the real
# reports and k6 runs of the fixtures, and on numbers at the edges.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

po-lighthouse-parse "$REPORTS"/*.json > "$T_TMP/lighthouse.ndjson" 2>/dev/null
po-lighthouse-parse "$REPORTS"/lh12-*.json 2>/dev/null |
    po-budget -b "$LH/lhci/levels/lighthouserc.json" > "$T_TMP/checks.ndjson"
run tree-test "$T_TMP/lighthouse.ndjson" "$T_TMP/checks.ndjson"
exit_is 0 "tree-test: the trees of po_tree_parse are yajl_tree_parse's"
sed -n 's/^\(not \)\{0,1\}ok [0-9]* - /  /p' "$T_OUT" | diag "$(cat)"
grep -q '^not ok' "$T_OUT" && cat "$T_OUT" | diag "$(cat)"

done_testing
