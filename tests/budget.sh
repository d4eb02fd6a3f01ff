#!/bin/sh
# po-budget with po's own budget format and with a Lighthouse budget.json
# on its own (Lighthouse 11's semantics), as users run it: real reports
# through po-lighthouse-parse, exact exit statuses, checks read with jq.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

B=$T_TMP/budget.json
budget() {
	printf '%s\n' "$1" > "$B"
}
gate() {
	run_sh "po-lighthouse-parse $1 | po-budget -b '$B' $2"
}
checks() {
	jq -c "select(.type==\"check\") | $1" "$T_OUT"
}
summary() {
	jq -c "select(.type==\"summary\") | $1" "$T_OUT"
}
MEDIUM="$REPORTS/lh12-medium-mobile-run1.json $REPORTS/lh12-medium-mobile-run2.json $REPORTS/lh12-medium-mobile-run3.json"

# --- po's format: levels, aggregation, units -------------------------------
budget '{"po_budget": 1, "rules": [{"metric": "lcp", "warn": 3000, "error": "3.5s"}]}'
gate "$MEDIUM"
exit_is 0 "median LCP 3469 ms is under the error limit: pass (exit 0)"
is "$(checks '[.status, .value, .limit, .level, .aggregation, .values]')" \
    '["warn",3469.25835,3000,"warn","median",[3452.21235,3494.8685,3469.25835]]' \
    "over the warn limit only: a warning, showing the warn limit and every run"
is "$(summary '[.status, .exit, .checks, .warned]')" '["warn",0,1,1]' \
    "the summary says pass with a warning"
valid_stream "$T_OUT" "output valid against the schema"
jq_is "$T_OUT" 'select(.type=="metrics") | .subject' \
    "$(printf '"%s"\n' http://127.0.0.1:8080/medium.html http://127.0.0.1:8080/medium.html http://127.0.0.1:8080/medium.html)" \
    "the stream passes through unchanged"

budget '{"po_budget": 1, "rules": [{"metric": "lcp", "error": 3460, "aggregation": "min"}]}'
gate "$MEDIUM"
exit_is 0 "min aggregation: 3452 <= 3460 passes"
budget '{"po_budget": 1, "rules": [{"metric": "lcp", "error": 3460, "aggregation": "p75"}]}'
gate "$MEDIUM"
exit_is 1 "p75 aggregation fails the gate (exit 1)"
is "$(checks '.value')" "3482.0634250000003" \
    "p75 interpolates halfway between the 2nd and 3rd run"
budget '{"po_budget": 1, "aggregation": "max", "rules": [{"metric": "lcp", "error": 3490}]}'
gate "$MEDIUM"
is "$(checks '[.value,.status,.aggregation]')" '[3494.8685,"fail","max"]' \
    "a budget-wide aggregation applies to its rules"

budget '{"po_budget": 1, "rules": [{"metric": "score.performance", "error": 0.9}]}'
gate "$MEDIUM"
is "$(checks '[.operator, .value, .status, .margin]')" '[">=",0.87,"fail",-0.030000000000000027]' \
    "scores: higher is better, so the default operator is >="
exit_is 1 "a score under its limit fails"

budget '{"po_budget": 1, "rules": [{"metric": "resource.font.size", "error": "200KiB"}, {"metric": "resource.total.count", "operator": "<", "error": 12}]}'
gate "$MEDIUM"
is "$(checks '[.name, .value, .limit, .status]' | tr '\n' ' ')" \
    '["resource.font.size",238765,204800,"fail"] ["resource.total.count",12,12,"fail"] ' \
    "sizes with units in KiB, an explicit strict operator"

# --- environments, subjects, tags -----------------------------------------
budget '{"po_budget": 1, "rules": [{"metric": "lcp", "error": 3000, "env": {"staging": {"error": 4000}}}]}'
gate "$MEDIUM"
exit_is 1 "without --env the base limit applies"
gate "$MEDIUM" "--env staging"
exit_is 0 "--env staging applies the staging override"
is "$(checks '.limit')" 4000 "the check shows the overridden limit"
gate "$MEDIUM" "--env production"
exit_is 1 "an environment without overrides keeps the base limits"

budget '{"po_budget": 1, "rules": [{"metric": "lcp", "subject": "*/lean.html", "error": 1000}, {"metric": "tbt", "tags": {"form_factor": "desktop"}, "error": 100}]}'
gate "$REPORTS/lh12-lean-mobile-run1.json $REPORTS/lh12-heavy-mobile-run1.json $REPORTS/lh12-medium-desktop-run1.json"
is "$(checks '[.subject, .name]' | tr '\n' ' ')" \
    '["http://127.0.0.1:8080/lean.html","lcp"] ["http://127.0.0.1:8080/medium.html","tbt"] ' \
    "a subject pattern and a tag filter choose what a rule checks"
exit_is 0 "the heavy page is not checked by those rules"

# --- failing closed ---------------------------------------------------------
budget '{"po_budget": 1,
  "rules": [
    {"metric": "lcp", "error": 9000},
    {"metric": "inp", "operator": "<=", "error": 200}
  ]}'
gate "$MEDIUM"
exit_is 2 "a limit on a metric nothing measured is bad input (exit 2)"
like "$T_ERR" "^po-budget: $B:4:5: rules\\[1\\]: no measurement of 'inp'" \
    "the message points at the rule's line and column"
is "$(summary '[.status,.exit]')" '["error",2]' "the summary says error"

budget '{"po_budget": 1, "rules": [{"metric": "inp", "operator": "<=", "error": 200, "optional": true}, {"metric": "lcp", "error": 9000}]}'
gate "$MEDIUM"
exit_is 0 "an optional rule on a missing metric is skipped"

gate "$REPORTS/lh12-lean-mobile-run1.json $REPORTS/lh12-error-404.json"
exit_is 2 "an error document in the stream fails closed (exit 2)"
like "$T_ERR" "could not be measured: ERRORED_DOCUMENT_REQUEST" \
    "and the message says which page and why"

budget '{"po_budget": 1, "rules": [{"metric": "lcp", "error": 2500, "levle": "warn"}]}'
run po-budget -b "$B" /dev/null
exit_is 2 "an unknown key in a rule is refused"
like "$T_ERR" "^po-budget: $B:1:28: rules\\[0\\]: unknown key 'levle'" \
    "naming the key, the rule and where it is"
for bad in '{"po_budget": 2, "rules": []}' \
    '{"po_budget": 1}' \
    '{"po_budget": 1, "rules": [{"metric": "lcp"}]}' \
    '{"po_budget": 1, "rules": [{"metric": "lcp", "error": "fast"}]}' \
    '{"po_budget": 1, "rules": [{"metric": "lcp", "error": 1, "operator": "=>"}]}' \
    '{"po_budget": 1, "rules": [{"metric": "lcp", "error": 1, "aggregation": "p101"}]}' \
    '{"po_budget": 1, "rules": [{"metric": "lcp", "error": 1, "env": {"ci": {"level": 1}}}]}' \
    '{"po_budget": 1, "rules": [{"metric": "my-metric", "error": 1}]}' \
    '{"budgets": []}'; do
	budget "$bad"
	run po-budget -b "$B" /dev/null
	exit_is 2 "refused: $bad"
done

budget '{"po_budget": 1, "rules": [{"metric": "lcp", "error": 2500}]}'
run po-budget -b "$B" /dev/null
exit_is 2 "an empty stream: nothing to check, exit 2"
like "$T_ERR" "^po-budget: /dev/null: no measurements in the input" "and says so, naming the input"
run po-budget -b "$T_TMP/missing.json" /dev/null
exit_is 2 "a missing budget file"
like "$T_ERR" "^po-budget: $T_TMP/missing.json: No such file or directory" \
    "names the file and the system error"

budget '{"po_budget": 1, "rules": []}'
gate "$REPORTS/lh12-lean-mobile-run1.json"
exit_is 2 "a budget without rules is refused (exit 2)"
like "$T_ERR" "'rules' is empty" "and says why"
budget '{"po_budget": 1, "rules": [{"metric": "lcp", "subject": "*/checkout", "error": 1, "optional": true}]}'
gate "$REPORTS/lh12-lean-mobile-run1.json"
exit_is 2 "a budget that checks nothing is not a pass (exit 2)"
like "$T_ERR" "nothing was checked: no limit of the budget applies to the 1 measurement" \
    "and says why"
budget '[{"path": "/nothing", "timings": [{"metric": "interactive", "budget": 1}]}]'
gate "$REPORTS/lh12-lean-mobile-run1.json"
exit_is 2 "a budget.json whose paths match no page checks nothing: exit 2"

# --- the default budget -----------------------------------------------------
run_sh "po-lighthouse-parse $MEDIUM | po-budget -b '$SHARE/default-budget.json'"
exit_is 1 "the default budget fails medium mobile (LCP 3469 > 2500, FCP 2119 > 1800)"
is "$(checks 'select(.status=="fail") | .name' | tr '\n' ' ')" '"lcp" "fcp" ' \
    "exactly LCP and FCP fail"

# --- Lighthouse budget.json on its own: Lighthouse 11's semantics ----------
# Lighthouse 9, 10 and 11 were run with this budget file; their own
# performance-budget and timing-budget audits say what is over budget.
# po must find exactly those, for every such report.
for report in lh9-medium-mobile-run1 lh9-heavy-desktop-run1 \
    lh10-medium-mobile-run1 lh10-heavy-desktop-run1 \
    lh11-medium-mobile-run1 lh11-heavy-desktop-run1; do
	r=$REPORTS/$report.json
	want=$(jq -c '[(.audits["performance-budget"].details.items[]
	    | (select(.sizeOverBudget) | "resource-summary.\(.resourceType).size"),
	      (select(.countOverBudget) | "resource-summary.\(.resourceType).count")),
	    (.audits["timing-budget"].details.items[] | select(.overBudget) | .metric)]
	    | sort' "$r")
	run_sh "po-lighthouse-parse '$r' | po-budget -b '$LH/budgets/budget.json'"
	is "$(jq -c -s '[.[] | select(.type=="check" and .status=="fail") | .name] | sort' "$T_OUT")" \
	    "$want" "$report: po fails exactly what Lighthouse $(echo "$report" | sed 's/lh\([0-9]*\).*/\1/') reported over budget"
done
run_sh "po-lighthouse-parse '$REPORTS/lh11-medium-mobile-run1.json' | po-budget -b '$LH/budgets/budget.json'"
exit_is 1 "over budget: exit 1"
is "$(checks 'select(.name=="resource-summary.font.size") | [.value - .limit, .origin.format, .origin.rule]')" \
    '[85165,"lighthouse-budget","[0].resourceSizes[4]"]' \
    "the overage equals Lighthouse's sizeOverBudget; the rule is named"
run_sh "po-lighthouse-parse '$REPORTS/lh11-heavy-desktop-run1.json' | po-budget -b '$LH/budgets/budget.json'"
exit_is 0 "the heavy page is judged by the last matching budget (/heavy.html) only"
is "$(checks '.origin.rule' | sed 's/\].*//' | sort -u | tr -d '"')" "[1" \
    "every check comes from budget [1]"

budget '[{"path": "/*", "timings": [{"metric": "first-meaningful-paint", "budget": 1000}]}]'
gate "$REPORTS/lh12-medium-mobile-run1.json"
exit_is 2 "a timing the report has no value for is unmeasurable (exit 2)"
for bad in '{"not": "a budget"}' '[{"path": "checkout"}]' '[{"path": "/a*b*"}]' \
    '[{"timings": [{"metric": "lcp", "budget": 1}]}]' \
    '[{"resourceSizes": [{"resourceType": "script", "budget": "1"}]}]' \
    '[{"resourceCounts": [{"resourceType": "font", "budget": 1}, {"resourceType": "font", "budget": 2}]}]' \
    '[{"path": "/", "extra": 1}]' \
    '[{"timings": [{"metric": "interactive", "budget": -5}]}]'; do
	budget "$bad"
	run po-budget -b "$B" /dev/null
	exit_is 2 "refused: $bad"
done

# po-audit's metrics are canonical: a po budget gives them in their units
# with no operator or unit of its own (the API SLO of po-audit(1)).
cat > "$T_TMP/api.ndjson" <<'EOF2'
{"po":1,"type":"metrics","source":"po-audit","subject":"https://api.test/v1","metrics":{"latency.p95":{"value":250.5,"unit":"ms","better":"lower"},"latency.p99":{"value":420,"unit":"ms","better":"lower"},"error-rate":{"value":0.002,"unit":"ratio","better":"lower"},"ttfb.p95":{"value":80,"unit":"ms","better":"lower"},"throughput":{"value":900,"unit":"rps","better":"higher"},"server-timing.db":{"value":45,"unit":"ms","better":"lower"}}}
EOF2
cat > "$T_TMP/slo.json" <<'EOF2'
{"po_budget": 1, "rules": [
  {"metric": "latency.p95", "error": "200ms"},
  {"metric": "latency.p99", "error": "0.5s"},
  {"metric": "error-rate", "error": 0.01},
  {"metric": "ttfb.p95", "error": "100ms"},
  {"metric": "throughput", "error": 500},
  {"metric": "server-timing.db", "error": "50ms"}
]}
EOF2
run po-budget -b "$T_TMP/slo.json" "$T_TMP/api.ndjson"
exit_is 1 "po-audit's API metrics against an SLO without operators or units"
is "$(jq -sc '[.[] | select(.type == "check") | "\(.name) \(.status) \(.operator) \(.limit)"]' "$T_OUT")" \
    '["latency.p95 fail <= 200","latency.p99 pass <= 500","error-rate pass <= 0.01","ttfb.p95 pass <= 100","throughput pass >= 500","server-timing.db pass <= 50"]' \
    "each held in its own unit and direction"

done_testing
