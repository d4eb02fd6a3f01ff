#!/bin/sh
# po-budget --baseline: regression checks under the "change" limits of a po
# budget, as users run them.  Real Lighthouse reports make a real
# regression (the heavy page served where the lean one was); made-up
# streams in tests/fixtures/regression make noise whose Mann-Whitney
# p-values were worked out by hand (see its README).
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

RF=$FIXTURES/regression
B=$T_TMP/budget.json
budget() {
	printf '%s\n' "$1" > "$B"
}
checks() {
	jq -c "select(.type==\"check\") | $1" "$T_OUT"
}
summary() {
	jq -c "select(.type==\"summary\") | $1" "$T_OUT"
}

# --- a real regression: lean page before, heavy page after ----------------
po-lighthouse-parse "$REPORTS"/lh12-lean-mobile-run*.json >"$T_TMP/lean.ndjson"
po-lighthouse-parse "$REPORTS"/lh12-heavy-mobile-run*.json |
    jq -c '.subject |= sub("8081/heavy"; "8080/lean")' >"$T_TMP/heavy-as-lean.ndjson"
budget '{"po_budget": 1, "rules": [
  {"metric": "lcp", "change": {"warn": "5%", "error": ["10%", "50ms"]}},
  {"metric": "resource.total.size", "change": {"error": "+5%"}},
  {"metric": "score.performance", "change": {"error": "+0.05"}},
  {"metric": "cls", "change": {"error": "+0.01"}}]}'
run po-budget -b "$B" --baseline "$T_TMP/lean.ndjson" "$T_TMP/heavy-as-lean.ndjson"
exit_is 1 "the heavy page where the lean one was fails the gate (exit 1)"
is "$(checks '[.name, .kind, .status, .level]' | tr '\n' ' ')" \
    '["lcp","regression","fail","error"] ["resource.total.size","regression","fail","error"] ["score.performance","regression","fail","error"] ["cls","regression","fail","error"] ' \
    "one regression check per rule, each failed"
is "$(checks 'select(.name=="lcp") | [.baseline, .value, .limit, .operator, .change, .change_ratio]')" \
    '[900.5138999999999,32404.60727152497,990.5652899999999,"<=",31504.09337152497,34.98457199997132]' \
    "LCP: medians of both sides, limit = baseline + 10 % (larger than 50 ms), change and ratio"
is "$(checks 'select(.name=="lcp") | [.runs, .test]')" \
    '[{"baseline":3,"current":3},{"method":"mann-whitney-u","p_value":0.05,"alpha":0.05}]' \
    "3 runs a side, all slower: the exact p-value is 1/20, which reaches alpha 0.05"
is "$(checks 'select(.name=="score.performance") | [.operator, .baseline, .value, .limit]')" \
    '[">=",1,0.29,0.95]' \
    "a score is better higher: the limit is below the baseline"
is "$(checks 'select(.name=="cls") | [.baseline, .change_ratio, .limit]')" \
    '[0,null,0.01]' "a baseline of 0 has no change ratio (null)"
is "$(summary '[.status, .exit, .checks, .failed, .subjects]')" \
    '["fail",1,4,4,1]' "the summary counts the regression checks"
valid_stream "$T_OUT" "output valid against the schema"
is "$(jq -c 'select(.type=="metrics") | .file[-22:]' "$T_OUT" | tr '\n' ' ')" \
    '"heavy-mobile-run1.json" "heavy-mobile-run2.json" "heavy-mobile-run3.json" ' \
    "the current stream passes through; the baseline does not"

run po-budget -b "$B" --baseline "$T_TMP/lean.ndjson" "$T_TMP/lean.ndjson"
exit_is 0 "the same runs on both sides pass (exit 0)"
is "$(checks '[.name, .status, .change]' | tr '\n' ' ')" \
    '["lcp","pass",0] ["resource.total.size","pass",0] ["score.performance","pass",0] ["cls","pass",0] ' \
    "no change, no regression"
is "$(checks 'select(.name=="cls") | .test')" \
    '{"method":"mann-whitney-u","p_value":1,"alpha":0.05}' \
    "every value equal: the p-value is 1"
valid_stream "$T_OUT" "output valid against the schema"

run_sh "po-lighthouse-parse '$REPORTS'/lh12-heavy-mobile-run*.json | jq -c '.subject |= sub(\"8081/heavy\"; \"8080/lean\")' | po-budget -b '$B' --baseline '$T_TMP/lean.ndjson'"
exit_is 1 "the current runs come down a pipeline as usual"

# Absolute limits and limits on change in one rule: two checks.
budget '{"po_budget": 1, "rules": [{"metric": "lcp", "error": "40s", "change": {"error": "10%"}}]}'
run po-budget -b "$B" --baseline "$T_TMP/lean.ndjson" "$T_TMP/heavy-as-lean.ndjson"
is "$(checks '[.kind, .status, .limit]' | tr '\n' ' ')" \
    '[null,"pass",40000] ["regression","fail",990.5652899999999] ' \
    "a rule with both limits gives a budget check and a regression check"
exit_is 1 "within the budget but a regression: the gate fails"

# Lighthouse 13 then Lighthouse 12 on the medium page: TBT from 22 and 29 ms
# to 164, 171 and 184 ms, every run slower, yet 2 and 3 runs can give a
# p-value of 1/10 at best.
po-lighthouse-parse "$REPORTS"/lh13-medium-mobile-run*.json >"$T_TMP/lh13.ndjson"
budget '{"po_budget": 1, "rules": [{"metric": "tbt", "change": {"error": ["10%", "50ms"]}}]}'
run_sh "po-lighthouse-parse '$REPORTS'/lh12-medium-mobile-run*.json | po-budget -b '$B' --baseline '$T_TMP/lh13.ndjson'"
exit_is 0 "2 against 3 runs cannot reach alpha 0.05: the gate passes"
is "$(checks '[.status, .baseline, .value, .limit, .runs, .test.p_value]')" \
    '["pass",25.374699999999848,171,75.37469999999985,{"baseline":2,"current":3},0.1]' \
    "over the limit, p = 1/10"
like "$T_OUT" '"message":"2 baseline and 3 current runs are too few for the test to reach alpha 0.05: the smallest p-value they can give is 0.1"' \
    "the check says the runs are too few"
run_sh "po-lighthouse-parse '$REPORTS'/lh12-medium-mobile-run*.json | po-budget -b '$B' --baseline '$T_TMP/lh13.ndjson' --alpha 0.1"
exit_is 1 "with --alpha 0.1 the same change fails"
is "$(checks '[.status, .test]')" \
    '["fail",{"method":"mann-whitney-u","p_value":0.1,"alpha":0.1}]' \
    "the check states the alpha it was held to"
valid_stream "$T_OUT" "output valid against the schema"

# --- noise: made-up runs with hand-computed p-values ----------------------
run po-budget -b "$RF/budget.json" --baseline "$RF/base.ndjson" "$RF/noisy.ndjson"
exit_is 0 "a noisy 12 % rise, not significant: pass (exit 0)"
is "$(checks 'select(.name=="lcp") | [.status, .baseline, .value, .limit, .test.p_value]')" \
    '["pass",1020,1142,1122,0.15476190476190477]' \
    "LCP median 1020 -> 1142 ms is over 1122, but P(U >= 18) = 39/252"
like "$T_OUT" '"message":"the change is over the limit but not significant: p = 0.155 > alpha 0.05"' \
    "the check says why it passed"
valid_stream "$T_OUT" "output valid against the schema"

run po-budget -b "$RF/budget.json" --baseline "$RF/base.ndjson" "$RF/slow.ndjson"
exit_is 1 "every run slower: fail (exit 1)"
is "$(checks '[.name, .status, .test.p_value]' | tr '\n' ' ')" \
    '["lcp","fail",0.003968253968253968] ["score.performance","fail",0.005706018193000828] ' \
    "LCP: P(U = 25) = 1/252; the score has ties: normal approximation"
valid_stream "$T_OUT" "output valid against the schema"

run po-budget -b "$RF/budget.json" --baseline "$RF/base.ndjson" --alpha 0.2 "$RF/noisy.ndjson"
exit_is 1 "with --alpha 0.2 the noisy rise counts"
is "$(checks 'select(.name=="lcp") | [.status, .level, .limit]')" '["fail","error",1122]' \
    "over the error limit: fail at level error"

# Between the warn and the error limit: every run 80 ms faster than in
# slow.ndjson, 1020 -> 1090 ms is +6.9 %.
jq -c '.metrics.lcp.value -= 80' \
    "$RF/slow.ndjson" >"$T_TMP/warn.ndjson"
run po-budget -b "$RF/budget.json" --baseline "$RF/base.ndjson" "$T_TMP/warn.ndjson"
is "$(checks 'select(.name=="lcp") | [.status, .level, .value, .limit]')" \
    '["warn","warn",1090,1071]' "over +5 % only: a warning with the warn limit"
exit_is 1 "the score still fails"

# "Whichever is larger": at 200 ms, 10 % is 20 ms, so 50 ms applies.
printf '%s\n' '{"po":1,"type":"metrics","source":"t","subject":"s","metrics":{"lcp":{"value":200,"unit":"ms","better":"lower"}}}' >"$T_TMP/b200"
printf '%s\n' '{"po":1,"type":"metrics","source":"t","subject":"s","metrics":{"lcp":{"value":245,"unit":"ms","better":"lower"}}}' >"$T_TMP/c245"
budget '{"po_budget": 1, "rules": [{"metric": "lcp", "change": {"error": ["10%", "50ms"]}}]}'
run po-budget -b "$B" --baseline "$T_TMP/b200" "$T_TMP/c245"
exit_is 0 "+45 ms on 200 ms passes +10 % or +50 ms"
is "$(checks '[.limit, .change, .change_ratio, .test]')" \
    '[250,45,0.225,{"method":"single-sample","alpha":0.05}]' \
    "the limit is 250 ms; one run a side: a single-sample comparison"
like "$T_OUT" '"message":"single-sample comparison \(1 baseline run, 1 current run\): run-to-run noise is not taken into account"' \
    "the check says it is a single-sample comparison"
valid_stream "$T_OUT" "output valid against the schema"
budget '{"po_budget": 1, "rules": [{"metric": "lcp", "change": {"error": "10%"}}]}'
run po-budget -b "$B" --baseline "$T_TMP/b200" "$T_TMP/c245"
exit_is 1 "+10 % alone: 245 ms is over 220 ms"

run po-budget -b "$RF/budget.json" --baseline "$RF/base.ndjson" "$RF/one.ndjson"
exit_is 1 "one current run against five: a single-sample comparison fails on the medians"
is "$(checks 'select(.name=="lcp") | [.status, .runs, .test.method]')" \
    '["fail",{"baseline":5,"current":1},"single-sample"]' \
    "the number of runs says why"

# --- samples arrays: a document that folds repeated runs ------------------
run po-budget -b "$RF/api-budget.json" --baseline "$RF/samples-base.ndjson" "$RF/samples-cur.ndjson"
exit_is 1 "latency up and throughput down over 7 samples a side: fail"
is "$(checks '[.name, .operator, .baseline, .value, .limit, .runs.current, .test.p_value]' | tr '\n' ' ')" \
    '["http_req_duration.p95","<=",208,262,228.8,7,0.0002913752913752914] ["throughput",">=",950,800,855,7,0.0002913752913752914] ' \
    "the samples are the runs; the direction comes from the stream's better"
valid_stream "$T_OUT" "output valid against the schema"

# --- one side only: no check ----------------------------------------------
printf '%s\n' '{"po":1,"type":"metrics","source":"t","subject":"other","metrics":{"lcp":{"value":300,"unit":"ms","better":"lower"}}}' >"$T_TMP/other"
budget '{"po_budget": 1, "rules": [{"metric": "lcp", "change": {"error": "10%"}}]}'
run po-budget -b "$B" --baseline "$T_TMP/b200" "$T_TMP/c245" "$T_TMP/other"
is "$(checks '.subject')" '"s"' "a subject with no baseline gives no check"
is "$(cat "$T_ERR")" "" "and no message without --verbose"
exit_is 1 "the other subject's verdict stands"
run po-budget -b "$B" --baseline "$T_TMP/other" -v "$T_TMP/c245"
exit_is 2 "nothing in common: nothing checked (exit 2)"
like "$T_ERR" "^po-budget: $B:1:28: rules\\[0\\]: 'lcp' of 's' has no baseline measurement: not compared\$" \
    "--verbose names the subject with no baseline"
like "$T_ERR" "^po-budget: $B:1:28: rules\\[0\\]: 'lcp' of 'other' has no current measurement: not compared\$" \
    "and the one with no current measurement"
is "$(summary '[.status, .checks]')" '["error",0]' "the summary says error"

done_testing
