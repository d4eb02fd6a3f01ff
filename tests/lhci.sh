#!/bin/bash
# po-budget with Lighthouse CI configurations: every scenario that `lhci
# assert` was run on (tests/fixtures/lighthouse/lhci/, see its README) gives
# the same exit status and the same assertion results, and configurations
# that lhci misreads or rejects are refused.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

SCEN=$LH/lhci

# One shape for both sides, sorted: lhci's assertion-results.json, and the
# check documents of po-budget's stream.
LHCI_SHAPE='map({name: (.auditId + (if .auditProperty then "." +
	.auditProperty else "" end)), audit: .auditId, assertion: .name,
	level, url, expected, actual, values, operator, passed,
	message: (.message // null)}) | sort'
PO_SHAPE='[.[] | select(.type == "check") | {name, audit, assertion, level,
	url: .subject, expected: .limit, actual: .value, values, operator,
	passed: (.status == "pass"), message: (.message // null)}] | sort'

# same_json GOT EXPECTED DESCRIPTION: two JSON files are equal.
same_json() {
	if [ "$(jq -cS . "$1")" = "$(jq -cS . "$2")" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diff -u <(jq -S '.[]' "$2") <(jq -S '.[]' "$1") | head -n 40 |
		    diag "$(cat)"
	fi
}

# The configuration a scenario ran with.  budgets-desktop had none
# (`--no-lighthouserc --budgetsFile=budget.json`): the same options as a
# one-line rc file.
config_of() {
	dir=$1
	if [ -f "$dir/lighthouserc.json" ]; then
		echo "$dir/lighthouserc.json"
		return
	fi
	budgets=$(sed -n 's/.*--budgetsFile=\([^ ]*\).*/\1/p' "$dir/command.txt")
	printf '{"ci": {"assert": {"budgetsFile": "%s"}}}\n' \
	    "$dir/$budgets" >"$T_TMP/$(basename "$dir")-rc.json"
	echo "$T_TMP/$(basename "$dir")-rc.json"
}

for dir in "$SCEN"/*/; do
	dir=${dir%/}
	name=$(basename "$dir")
	reports=$(awk -v lh="$LH" '{ printf " %s/%s", lh, $2 }' \
	    "$dir/reports.txt")
	config=$(config_of "$dir")
	out=$T_TMP/$name.stream
	run_sh "po-lighthouse-parse $reports | po-budget -b '$config' \
	    >'$out'; exit \${PIPESTATUS[1]}"
	expected=$(cat "$dir/exit-code.txt")
	if [ "$name" = invalid-budgets-and-assertions ]; then
		# lhci stops with a stack trace ("Cannot use both budgets AND
		# assertions") and exit 1; po refuses the configuration as bad
		# input, exit 2.
		exit_is 2 "$name: refused as bad input (lhci crashed, exit 1)"
		like "$T_ERR" "lighthouserc.json: .*cannot be used with budgetsFile" \
		    "$name: the message names the file and the conflict"
		continue
	fi
	exit_is "$expected" "$name: exit $expected as lhci"
	jq -s "$PO_SHAPE | map(select(.passed | not))" "$out" \
	    >"$T_TMP/$name.po-failed"
	# Some rc files set includePassedAssertions: compare the non-passing
	# results on both sides.
	jq "$LHCI_SHAPE | map(select(.passed | not))" \
	    "$dir/assertion-results.json" >"$T_TMP/$name.lhci"
	same_json "$T_TMP/$name.po-failed" "$T_TMP/$name.lhci" \
	    "$name: the failed and warned assertions are lhci's"
	if [ -f "$dir/assertion-results-with-passed.json" ] &&
	    jq -e 'any(.passed)' "$dir/assertion-results-with-passed.json" \
	    >/dev/null; then
		jq -s "$PO_SHAPE" "$out" >"$T_TMP/$name.po-all"
		jq "$LHCI_SHAPE" "$dir/assertion-results-with-passed.json" \
		    >"$T_TMP/$name.lhci-all"
		same_json "$T_TMP/$name.po-all" "$T_TMP/$name.lhci-all" \
		    "$name: every assertion, passing ones too, is lhci's"
	fi
	valid_stream "$out" "$name: the stream validates against the schema"
done

# Configurations lhci misreads or rejects: exit 2, one message naming the
# file.  refuse NAME JSON ERE
LEAN=$REPORTS/lh12-lean-mobile-run1.json
refuse() {
	printf '%s\n' "$2" >"$T_TMP/$1.json"
	run_sh "po-lighthouse-parse '$LEAN' | po-budget -b '$T_TMP/$1.json'; \
	    exit \${PIPESTATUS[1]}"
	exit_is 2 "$1: refused"
	like "$T_ERR" "^po-budget: [^ ]*/$1\\.json: .*$3" \
	    "$1: the message names the file and says why"
}

# rc JSON: a configuration whose ci.assert is JSON.
rc() {
	printf '{"ci": {"assert": %s}}' "$1"
}

refuse misspelt-option \
    "$(rc '{"assertions": {"interactive": ["error", {"maxNumericValu": 3}]}}')" \
    "unknown assertion option 'maxNumericValu' \\(lhci would ignore it"
refuse misspelt-level "$(rc '{"assertions": {"interactive": "eror"}}')" \
    "unknown level 'eror' \\(lhci would report a failure but never fail"
refuse capital-key "$(rc '{"assertions": {"firstContentfulPaint": "error"}}')" \
    "firstContentfulPaint.*capitals.*switch the assertion off"
refuse misspelt-aggregation \
    "$(rc '{"aggregationMethod": "medain", "preset": "lighthouse:all"}')" \
    "unknown aggregationMethod 'medain'"
refuse misspelt-aggregation-option \
    "$(rc '{"assertions": {"interactive": ["error", {"aggregationMethod": "max"}]}}')" \
    "unknown aggregationMethod 'max' \\(lhci would silently take the highest"
refuse misspelt-aggregation-key \
    "$(rc '{"aggregationmethod": "median", "preset": "lighthouse:all"}')" \
    "unknown option 'aggregationmethod' \\(lhci would ignore it\\)"
refuse matrix-with-options "$(rc '{"aggregationMethod": "median",
    "assertMatrix": [{"assertions": {"interactive": "error"}}]}')" \
    "'aggregationMethod' cannot be used with assertMatrix"
refuse budgets-with-preset \
    "$(rc '{"budgetsFile": "budget.json", "preset": "lighthouse:all"}')" \
    "'preset' cannot be used with budgetsFile"
refuse unknown-preset "$(rc '{"preset": "lighthouse:default"}')" \
    "unknown preset 'lighthouse:default'"
refuse no-assert-section '{"ci": {"collect": {"numberOfRuns": 3}}}' \
    "no ci.assert section"
refuse no-assertions "$(rc '{"includePassedAssertions": true}')" \
    "No assertions to use"
refuse misspelt-section '{"ci": {"asert": {"preset": "lighthouse:all"}}}' \
    "unknown section 'asert'"
refuse assert-option-elsewhere \
    '{"ci": {"collect": {"preset": "lighthouse:all"}, "assert": {}}}' \
    "ci.collect.preset: lhci merges this into the assert options"
refuse property-ignored "$(rc '{"assertions": {"interactive:p95": "error"}}')" \
    "audit 'interactive' has no property 'p95'"
refuse bad-resource-summary \
    "$(rc '{"assertions": {"resource-summary:script:bytes": "error"}}')" \
    "resource-summary:<type>:size or :count"
refuse budget-options \
    "$(rc '{"assertions": {"performance-budget": ["error", {"minScore": 1}]}}')" \
    "lhci ignores the options of performance-budget"
refuse null-level "$(rc '{"assertions": {"interactive": null}}')" \
    "lhci would read null as"
refuse lookahead "$(rc '{"assertMatrix": [{"matchingUrlPattern":
    "lean(?=\\.html)", "assertions": {"interactive": "error"}}]}')" \
    "matchingUrlPattern 'lean\\(\\?=\\\\.html\\)': a lookaround"
refuse duplicate-key \
    "$(rc '{"assertions": {"interactive": "warn", "interactive": "error"}}')" \
    "'interactive' appears twice"
refuse extends '{"ci": {"extends": "base.json", "assert": {}}}' "ci.extends"

# lhci also reads JavaScript and YAML rc files; po reads JSON only.
printf 'ci:\n  assert:\n    preset: lighthouse:recommended\n' \
    >"$T_TMP/lighthouserc.yml"
run_sh "po-lighthouse-parse '$LEAN' | po-budget -b '$T_TMP/lighthouserc.yml'; \
    exit \${PIPESTATUS[1]}"
exit_is 2 "a YAML rc file is refused"
like "$T_ERR" "^po-budget: [^ ]*/lighthouserc\\.yml" "the message names it"

# Nothing asserted: lhci would pass, po refuses the configuration when it
# loads it, as it refuses every budget that limits nothing.
printf '%s\n' "$(rc '{"assertions": {"interactive": "off"}}')" \
    >"$T_TMP/all-off.json"
run_sh "po-lighthouse-parse '$LEAN' | po-budget -b '$T_TMP/all-off.json'"
exit_is 2 "a configuration that asserts nothing does not pass"
like "$T_ERR" "all-off\\.json: ci\\.assert: no assertion is on" "and says why"

# A JavaScript pattern po translates: the translation matches what
# JavaScript matches (\d, classes, lazy quantifiers, escaped slashes).
printf '%s\n' "$(rc '{"assertMatrix": [
	{"matchingUrlPattern": "^https?:\\/\\/[\\d.]+:80\\d{2}\\/le.*?\\.html$",
	 "assertions": {"categories:performance": "error"}},
	{"matchingUrlPattern": "\\/(?:medium|heavy)\\.html",
	 "assertions": {"categories:performance": "error"}}]}')" \
    >"$T_TMP/patterns.json"
run_sh "po-lighthouse-parse '$LEAN' | po-budget -b '$T_TMP/patterns.json'"
exit_is 0 "a translated pattern matches the lean page"
jq_is "$T_OUT" 'select(.type == "check") | .name' '"categories.performance"' \
    "only the pattern that matches applies"

# An assertion's own aggregationMethod wins over the set's (lhci spreads
# the assertion's options last): pessimistic LCP of lean runs 1-3.
printf '%s\n' "$(rc '{"aggregationMethod": "optimistic", "assertions": {
	"largest-contentful-paint": ["warn", {"maxNumericValue": 900.5,
	"aggregationMethod": "pessimistic"}]}}')" >"$T_TMP/own-agg.json"
run_sh "po-lighthouse-parse $REPORTS/lh12-lean-mobile-run[123].json |
    po-budget -b '$T_TMP/own-agg.json'"
exit_is 0 "a warning does not fail"
jq_is "$T_OUT" 'select(.type == "check") | [.status, .value, .aggregation]' \
    '["warn",900.5990999999999,"pessimistic"]' \
    "the assertion's aggregationMethod is used"

# Presets follow the lhci release of the reports' Lighthouse: 0.15 (which
# added the insight audits) for Lighthouse 13, 0.14 before.
printf '%s\n' "$(rc '{"preset": "lighthouse:recommended"}')" \
    >"$T_TMP/recommended.json"
run_sh "po-lighthouse-parse $REPORTS/lh13-lean-mobile-run1.json |
    po-budget -b '$T_TMP/recommended.json'"
jq_is "$T_OUT" 'select(.type == "check" and .audit == "render-blocking-insight")
    | [.assertion, .level, .limit]' '["maxLength","warn",0]' \
    "lighthouse:recommended asserts insights on Lighthouse 13 reports"
run_sh "po-lighthouse-parse '$LEAN' | po-budget -b '$T_TMP/recommended.json'"
is "$(jq -s 'map(select(.type == "check")) | [length,
    (map(select(.audit | endswith("-insight"))) | length)]' "$T_OUT" | jq -c .)" \
    '[125,0]' "but not on Lighthouse 12 reports (125 results, as lhci 0.14)"
printf '%s\n' "$(rc '{"assertions": {"render-blocking-insight": "warn"}}')" \
    >"$T_TMP/insight.json"
run_sh "po-lighthouse-parse '$LEAN' | po-budget -b '$T_TMP/insight.json'"
jq_is "$T_OUT" 'select(.type == "check") | [.assertion, .message]' \
    '["auditRan","\"render-blocking-insight\" is not a known audit."]' \
    "an insight audit is unknown to lhci 0.14"

done_testing
