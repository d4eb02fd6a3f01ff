#!/bin/sh
# po-budget --baseline with bad input: a baseline that is not whole, limits
# on change that do not say what they mean, and bad options.  Each is one
# message and exit 2; none passes.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

RF=$FIXTURES/regression
B=$T_TMP/budget.json
BASE=$T_TMP/base.ndjson
budget() {
	printf '%s\n' "$1" > "$B"
}
gate() {
	run po-budget -b "$RF/budget.json" --baseline "$BASE" "$RF/slow.ndjson"
}
# refused 'WHAT' ERE: the last run exited 2 with one message matching ERE,
# and wrote a summary that says error.
refused() {
	exit_is 2 "$1: exit 2"
	like "$T_ERR" "$2" "$1: says what is wrong"
	is "$(wc -l <"$T_ERR" | tr -d ' ')" 1 "$1: one message"
}

# --- the baseline ----------------------------------------------------------
cp "$RF/base.ndjson" "$BASE"
printf '%s\n' '{"po":1,"type":"error","source":"lighthouse","subject":"https://shop.example/checkout","code":"NO_FCP","message":"The page did not paint any content."}' >>"$BASE"
gate
refused "an error document in the baseline" \
    "^po-budget: $BASE:6: the baseline has an error document: 'https://shop.example/checkout' could not be measured, so it cannot be compared with\$"
is "$(jq -c 'select(.type=="summary") | [.status, .exit, .checks]' "$T_OUT")" \
    '["error",2,0]' "the summary says error and nothing was checked"
valid_stream "$T_OUT" "output valid against the schema"

head -n 2 "$RF/base.ndjson" >"$BASE"
printf '{"po":1,"type":"metrics",\n' >>"$BASE"
gate
exit_is 2 "bad JSON in the baseline: exit 2"
like "$T_ERR" "^po-budget: $BASE:3:" "the message names the line"

: >"$BASE"
gate
refused "an empty baseline" \
    "^po-budget: $BASE: no measurements in the baseline: nothing to compare with\$"

jq -c 'select(.type=="summary")' "$FIXTURES/streams/pass.ndjson" >"$BASE"
gate
refused "a baseline with no measurement" \
    "no measurements in the baseline"

printf '%s\n' '{"po":1,"type":"metrics","source":"t","subject":"s","metrics":{"lcp":{"value":"fast","unit":"ms","better":"lower"}}}' >"$BASE"
gate
refused "a metric that is not a number" \
    "^po-budget: $BASE:1: metrics document without a finite number"

printf '%s\n' '{"po":1,"type":"metrics","source":"t","subject":"https://shop.example/checkout","metrics":{"lcp":{"value":1,"unit":"ms","better":"lower","samples":[1,"x"]}}}' >"$BASE"
gate
exit_is 2 "a sample that is not a number: exit 2"
like "$T_ERR" "^po-budget: $BASE:1: metric 'lcp' of 'https://shop.example/checkout' has no numeric value\$" \
    "the message names the metric"

printf '%s\n' '{"po":1,"type":"metrics","source":"t","subject":"https://shop.example/checkout","metrics":{"lcp":{"value":1,"unit":"bytes","better":"lower"}}}' >"$BASE"
gate
exit_is 2 "a baseline in another unit: exit 2"
like "$T_ERR" "metric 'lcp' of 'https://shop.example/checkout' is in bytes, but .* limits it in ms" \
    "the message names both units"

run po-budget -b "$RF/budget.json" --baseline "$T_TMP/missing" "$RF/slow.ndjson"
refused "a baseline that does not exist" "^po-budget: $T_TMP/missing: .*No such file or directory\$"

gzip -c "$RF/base.ndjson" >"$T_TMP/base.ndjson.gz"
run po-budget -b "$RF/budget.json" --baseline "$T_TMP/base.ndjson.gz" "$RF/slow.ndjson"
exit_is 1 "a gzip-compressed baseline is read as it is"

# Every truncation of a one-line baseline: a document cut short is never a
# baseline (and never a pass).  The stream reader says where the JSON
# broke, and then that the file is not a stream at all.
line=$(head -n 1 "$RF/base.ndjson")
len=${#line}
bad=0
i=0
while [ "$i" -lt "$len" ]; do
	printf '%s' "$line" | head -c "$i" >"$BASE"
	po-budget -b "$RF/budget.json" --baseline "$BASE" "$RF/slow.ndjson" \
	    >/dev/null 2>"$T_TMP/err"
	rc=$?
	if [ "$rc" -ne 2 ] || [ ! -s "$T_TMP/err" ] ||
	    grep -qv "^po-budget: $BASE[:]" "$T_TMP/err"; then
		bad=$((bad + 1))
		diag "prefix of $i bytes: exit $rc"
	fi
	i=$((i + 1))
done
is "$bad" 0 "all $len truncations of a baseline exit 2, with messages about it"

# --- limits on change in the budget ---------------------------------------
cp "$RF/base.ndjson" "$BASE"
for change in '5' '"5%"' '{}' '{"warn": "-5%"}' '{"error": "ten%"}' \
    '{"error": "10 %"}' '{"error": " 10%"}' '{"error": ["10%", "20%"]}' \
    '{"error": ["50ms", "60ms"]}' '{"error": []}' \
    '{"error": ["10%", "50ms", "1s"]}' '{"error": -50}' '{"error": "+-5%"}' \
    '{"error": "5parsecs"}' '{"error": "+ 50ms"}' '{"error": null}' \
    '{"fail": "10%"}'; do
	budget "{\"po_budget\": 1, \"rules\": [{\"metric\": \"lcp\", \"change\": $change}]}"
	run po-budget -b "$B" --baseline "$BASE" "$RF/slow.ndjson"
	exit_is 2 "change $change is refused"
	like "$T_ERR" "^po-budget: $B:1:28: rules\\[0\\]: .*'change" \
	    "change $change: the message names the rule"
done
budget '{"po_budget": 1, "rules": [{"metric": "lcp", "operator": "==", "change": {"error": "10%"}}]}'
run po-budget -b "$B" --baseline "$BASE" "$RF/slow.ndjson"
refused "a limit on change with operator ==" \
    "rules\\[0\\]: 'change' needs a direction: operator '==' has none\$"
budget '{"po_budget": 1, "rules": [{"metric": "lcp", "env": {"ci": {"change": {"error": "1%"}}}, "change": {"error": "10%"}}]}'
run po-budget -b "$B" --baseline "$BASE" "$RF/slow.ndjson"
refused "an environment cannot override a limit on change" \
    "env overrides may set only 'warn' and 'error', not 'change'"
budget '{"po_budget": 1, "rules": [{"metric": "api.latency", "change": {"error": "10%"}}]}'
printf '%s\n' '{"po":1,"type":"metrics","source":"t","subject":"s","metrics":{"api.latency":{"value":1,"unit":"ms"}}}' >"$T_TMP/nobetter"
run po-budget -b "$B" --baseline "$T_TMP/nobetter" "$T_TMP/nobetter"
refused "a metric whose direction nothing says" \
    "rules\\[0\\]: cannot tell which way 'api.latency' of 's' gets worse: give the rule an 'operator'\$"
budget '{"po_budget": 1, "rules": [{"metric": "api.latency", "operator": "<", "change": {"error": "10%"}}]}'
run po-budget -b "$B" --baseline "$T_TMP/nobetter" "$T_TMP/nobetter"
exit_is 0 "an operator gives the direction"
budget '{"po_budget": 1, "rules": [{"metric": "fid", "change": {"error": "10%"}}]}'
run po-budget -b "$B" --baseline "$BASE" "$RF/slow.ndjson"
refused "a limit on change of a metric nothing measured" \
    "rules\\[0\\]: no measurement of 'fid' for subject '\\*' in the stream\$"
budget '{"po_budget": 1, "rules": [{"metric": "fid", "optional": true, "change": {"error": "10%"}}, {"metric": "lcp", "change": {"error": "10%"}}]}'
run po-budget -b "$B" --baseline "$BASE" "$RF/slow.ndjson"
exit_is 1 "an optional limit on change with nothing to hold is skipped"

# --- options ----------------------------------------------------------------
run po-budget -b "$SHARE/default-budget.json" --baseline "$BASE" "$RF/slow.ndjson"
refused "--baseline with a budget that limits no change" \
    "^po-budget: $BASE: no budget limits the change of any metric: give a rule of a po budget a \"change\"\$"
run po-budget -b "$LH/budgets/budget.json" --baseline "$BASE" "$RF/slow.ndjson"
refused "--baseline with a Lighthouse budget.json alone" \
    "no budget limits the change of any metric"
run_sh "po-budget -b '$RF/budget.json' --baseline - <'$RF/slow.ndjson'"
exit_is 2 "--baseline - is refused: the standard input is the stream"
like "$T_ERR" "^po-budget: --baseline needs a file: the standard input is the stream to check\$" \
    "and says why"
for alpha in 0 1 -0.1 1.5 abc 0.05x '' nan inf; do
	run po-budget -b "$RF/budget.json" --baseline "$RF/base.ndjson" --alpha "$alpha" "$RF/slow.ndjson"
	exit_is 2 "--alpha '$alpha' is refused"
	like "$T_ERR" "^po-budget: --alpha needs a number between 0 and 1, not '$alpha'\$" \
	    "--alpha '$alpha': says why"
done
is "$(wc -c <"$T_OUT" | tr -d ' ')" 0 "a usage error writes nothing on stdout"
budget '{"po_budget": 1, "rules": [{"metric": "lcp", "change": {"error": "10%"}}]}'
run po-budget -b "$B" "$RF/slow.ndjson"
exit_is 2 "limits on change without --baseline: nothing checked (exit 2)"

done_testing
