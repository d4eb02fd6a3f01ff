#!/bin/sh
# A budget that limits nothing, in each of po-budget's three formats, is
# refused when it is loaded: one message that names the budget file and
# says what is missing, exit 2, a summary that says error.  Lighthouse
# finds nothing over budget in such a budget.json and lhci assert passes
# such a configuration (tests/fixtures/lighthouse/README.md); only a
# configuration with no assertions at all is one lhci stops on ("No
# assertions to use").  A budget that does limit something but nothing the
# stream measured is refused later, naming the input.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

W=$T_TMP/work
mkdir -p "$W"
cd "$W" || exit 2

po-lighthouse-parse "$REPORTS/lh12-lean-mobile-run1.json" > lean.ndjson
NOTHING='a budget that limits nothing cannot pass anything$'

# nothing NAME 'BUDGET' ERE: the budget in NAME.json is refused with one
# message "po-budget: NAME.json: " followed by ERE.
nothing() {
	printf '%s\n' "$2" > "$1.json"
	run po-budget -b "$1.json" lean.ndjson
	exit_is 2 "$1: exit 2"
	like "$T_ERR" "^po-budget: $1\\.json: $3" "$1: says so, naming the budget"
	is "$(wc -l < "$T_ERR" | tr -d ' ')" 1 "$1: one message"
	is "$(tail -n 1 "$T_OUT" | jq -c '[.type, .status, .exit, .checks]')" \
	    '["summary","error",2,0]' "$1: the summary says error"
}

# --- po's format -------------------------------------------------------
nothing po-no-rules '{"po_budget": 1, "rules": []}' "'rules' is empty: $NOTHING"

# --- Lighthouse's budget.json ----------------------------------------------
NO_LIMIT="no budget sets a limit \\(timings, resourceSizes or resourceCounts\\): $NOTHING"
nothing lh-no-budgets '[]' "no budgets: $NOTHING"
nothing lh-empty-budget '[{}]' "$NO_LIMIT"
nothing lh-path-only '[{"path": "/*"}]' "$NO_LIMIT"
nothing lh-empty-options '[{"options": {}}]' "$NO_LIMIT"
nothing lh-hosts-only '[{"options": {"firstPartyHostnames": ["a.test"]}}]' "$NO_LIMIT"
nothing lh-empty-lists \
    '[{"timings": [], "resourceSizes": [], "resourceCounts": []}, {"path": "/x"}]' "$NO_LIMIT"

# A budget without limits after one with some exempts its paths, as in
# Lighthouse: the file loads, and the page it matches is not checked.
printf '%s\n' '[{"path": "/*", "timings": [{"metric": "interactive", "budget": 1}]},
    {"path": "/lean.html"}]' > lh-exempt.json
run po-budget -b lh-exempt.json lean.ndjson
exit_is 2 "a budget without limits beside one with some loads"
like "$T_ERR" "^po-budget: lean\\.ndjson: nothing was checked" \
    "and the page it exempts is not checked: nothing was checked, naming the input"

# --- Lighthouse CI ---------------------------------------------------------
NOT_ON="ci.assert: no assertion is on \\(lhci would pass with nothing checked\\): $NOTHING"
nothing lhci-empty-assertions '{"ci": {"assert": {"assertions": {}}}}' "$NOT_ON"
nothing lhci-all-off '{"ci": {"assert": {"assertions":
    {"first-contentful-paint": "off", "categories:performance": ["off", {"minScore": 0.9}]}}}}' \
    "$NOT_ON"
nothing lhci-matrix-empty '{"ci": {"assert": {"assertMatrix":
    [{"assertions": {}}, {"matchingUrlPattern": "x", "assertions": {"interactive": "off"}}]}}}' \
    "$NOT_ON"
nothing lhci-no-assertions '{"ci": {"assert": {"includePassedAssertions": true}}}' \
    'ci.assert: no assertions, assertMatrix, preset or budgetsFile \(lhci stops with "No assertions to use"\)$'

# A preset whose every assertion is switched off asserts nothing either.
OFF=$(sed -n 's/^[[:space:]]*{ "\([a-z0-9-]*\)", .*/"\1": "off"/p' \
    "$PO_SRCDIR/tools/lib/lhci-preset.c" | paste -sd, -)
is "$(echo "$OFF" | tr , '\n' | wc -l | awk '$1 > 150 { print "many" }')" many \
    "the ids of lighthouse:all are read from lhci-preset.c (the test's own check)"
nothing lhci-preset-off "{\"ci\": {\"assert\": {\"preset\": \"lighthouse:all\", \"assertions\": {$OFF}}}}" \
    "$NOT_ON"

# One set that asserts something is enough.
printf '%s\n' '{"ci": {"assert": {"assertMatrix": [{"assertions": {}},
    {"assertions": {"first-contentful-paint": ["error", {"maxNumericValue": 60000}]}}]}}}' \
    > lhci-one-set.json
run po-budget -b lhci-one-set.json lean.ndjson
exit_is 0 "an assertMatrix with one set that asserts something loads and passes"

# A budgetsFile that limits nothing: the message names that file.
printf '%s\n' '[{"path": "/"}]' > lhci-budgets.json
printf '%s\n' '{"ci": {"assert": {"budgetsFile": "lhci-budgets.json"}}}' > lhci-rc.json
run po-budget -b lhci-rc.json lean.ndjson
exit_is 2 "a budgetsFile that limits nothing: exit 2"
like "$T_ERR" "^po-budget: lhci-budgets\\.json: $NO_LIMIT" \
    "a budgetsFile that limits nothing: says so, naming the budgets file"

done_testing
