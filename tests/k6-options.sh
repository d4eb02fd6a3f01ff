#!/bin/sh
# po-k6-check's options and its place in a pipeline: thresholds from the
# command line and from files, k6's grammar, --window, --approx, the
# standard input as a po stream or as k6 output, and po-budget after it.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

# po-k6-check reads a po stream from a standard input that is not a
# terminal: give it an empty one unless a test pipes something in.
exec < /dev/null

K6=$FIXTURES/k6
R02=$K6/02-fail-all-forms
R07=$K6/07-large
W=$T_TMP/work
mkdir -p "$W"

jqs_is() {
	is "$(jq -s -c "$2" "$1" 2>&1)" "$3" "$4"
}

# --- Thresholds on the command line -----------------------------------
run po-k6-check --no-input-thresholds \
    -t 'http_req_duration{status:200}: p(95)<200, p(99) < 130' \
    -t 'http_req_duration{ status : "200" }: max<200' \
    -t "checks{check:size ok}: rate>0.99" \
    "$K6/05-handlesummary-return/points.ndjson.gz"
exit_is 0 "05: the -t thresholds hold (exit 0), the input's are ignored"
jqs_is "$T_OUT" '[.[] | select(.type == "check") | [.name, .assertion, .value, .status, .origin.rule]]' \
    '[["checks{check:size ok}","rate>0.99",1,"pass","-t #3"],["http_req_duration{ status : \"200\" }","max<200",138.661372,"pass","-t #2"],["http_req_duration{status:200}","p(95)<200",120.77575245,"pass","-t #1"],["http_req_duration{status:200}","p(99) < 130",123.02611033000001,"pass","-t #1"]]' \
    "several per -t, spelled as k6 reads them, a tag value with a space"
run po-k6-check --no-input-thresholds \
    -t 'http_req_duration{status:200}: p(95)<200, p(99) < 60' \
    "$K6/05-handlesummary-return/points.ndjson.gz"
exit_is 1 "a -t threshold that is crossed fails the gate (exit 1)"

for t in 'http_req_duration: p(95)=<200' 'http_req_duration: p(101)<200' \
    'http_req_duration: p(NaN)<200' 'http_req_duration: avg<NaN' \
    'http_req_duration: avg' 'http_req_duration: p( 95)<5' \
    'http_req_duration{}: avg<5' 'http_req_duration{status}: avg<5' \
    'http_req_duration}: avg<5' 'http_req_duration avg<5'; do
	run po-k6-check -t "$t" "$R02/summary.json"
	exit_is 2 "-t '$t': k6 rejects it or would crash on it: exit 2"
	is "$(cat "$T_OUT")" "" "-t '$t': nothing is read"
done
run po-k6-check -t 'http_req_duration: p(101)<200' "$R02/summary.json"
like "$T_ERR" "^po-k6-check: threshold 'p\\(101\\)<200' on 'http_req_duration': percentile 101 is not between 0 and 100 \\(k6 accepts it, then crashes at the end of the test\\)$" \
    "p(101) is refused with the reason"
run po-k6-check -t 'http_req_duration: p<1' -t 'http_req_duration: avg < 0x1p4' \
    -t 'http_req_duration: med>=.5' "$R02/points.ndjson.gz"
jqs_is "$T_OUT" '[.[] | select(.type == "check" and (.origin.rule | startswith("-t"))) | [.assertion, .aggregation, .value, .limit]]' \
    '[["p<1","p(0)",0.121933,1],["avg < 0x1p4","avg",18.574454912162146,16],["med>=.5","med",17.642789999999998,0.5]]' \
    "k6's grammar: a bare p is p(0), Go's hexadecimal and short numbers"

run po-k6-check -t 'vus_max: max<5' "$R02/summary.json"
exit_is 2 "an aggregate the metric's type has not: exit 2"
like "$T_ERR" "^po-k6-check: threshold 'max<5' on 'vus_max': k6 rejects it: unsupported aggregation method max on a gauge metric \\(supported: value\\)$" \
    "with k6's reason"
like "$T_OUT" '"type":"summary".*"status":"error","exit":2' \
    "the summary says the gate could not decide"
run po-k6-check -t 'nope: count>1' "$R02/points.ndjson.gz"
exit_is 2 "a threshold on a metric the run does not have: exit 2"
like "$T_ERR" "no metric 'nope' in .*points.ndjson.gz \\(k6 rejects a threshold on a metric it does not know\\)$" \
    "says so"
run po-k6-check -t 'dropped_iterations: count<1' "$R02/points.ndjson.gz"
jqs_is "$T_OUT" '[.[] | select(.type == "check" and .name == "dropped_iterations") | [.value, .status]]' \
    '[[0,"pass"]]' "a built-in metric without points counts 0, as in k6"
run po-k6-check -t 'http_req_duration: p(99.9)<100' "$K6/03-abort-on-fail/summary.json"
exit_is 2 "a summary without the percentile a -t threshold asks for: exit 2"
like "$T_ERR" "summary.json has no 'p\\(99.9\\)' for it: export it with k6 run --summary-trend-stats 'avg,min,med,max,p\\(90\\),p\\(95\\),p\\(99.9\\)', or give the raw points \\(--out json\\)$" \
    "and tells how to export it"
run po-k6-check -t 'http_req_duration{status:404}: max<100' "$K6/01-pass-basic/summary.json"
exit_is 2 "a summary without the sub-metric a -t threshold asks for: exit 2"

# --- Thresholds files -------------------------------------------------
cat > "$W/thresholds.json" <<'EOF'
{
  "http_req_duration{name:checkout-api}": ["med>=30", {"threshold": "p(99)<=500", "abortOnFail": true, "delayAbortEval": "10s"}],
  "http_req_duration{status:404}": ["max<100"],
  "orders_placed{scenario:browse}": ["count>0"]
}
EOF
run po-k6-check -T "$W/thresholds.json" "$R02/points.ndjson.gz"
exit_is 1 "02 points with the sub-metric thresholds of the script: exit 1 as k6"
jqs_is "$T_OUT" '[.[] | select(.type == "check" and .origin.format == "k6" and (.origin.file | endswith("thresholds.json"))) | [.name, .assertion, .value, .status, .origin.rule]]' \
    '[["http_req_duration{name:checkout-api}","med>=30",40.816693,"pass","http_req_duration{name:checkout-api}[0]"],["http_req_duration{name:checkout-api}","p(99)<=500",41.014757,"pass","http_req_duration{name:checkout-api}[1]"],["http_req_duration{status:404}","max<100",0,"pass","http_req_duration{status:404}[0]"],["orders_placed{scenario:browse}","count>0",0,"fail","orders_placed{scenario:browse}[0]"]]' \
    "k6's options.thresholds shape: strings and objects, empty sub-metrics as k6"
jqs_is "$T_OUT" '.[-1].budgets' "[\"$W/thresholds.json\"]" \
    "the summary names the thresholds file"
printf '{"vus": 2, "stages": [{"duration": "5s", "target": 2}], "thresholds": {"http_reqs": ["count>2000"]}}' \
    > "$W/options.json"
run po-k6-check --no-input-thresholds -T "$W/options.json" "$R02/summary.json"
exit_is 1 "k6 options holding thresholds (k6 inspect's output): read, crossed"
jqs_is "$T_OUT" '[.[] | select(.type == "check") | [.name, .assertion, .value]]' \
    '[["http_reqs","count>2000",888]]' "only the thresholds of the options are held"
run po-k6-check -T "$W/thresholds.json" -t 'orders_placed{scenario:browse}: count>0' \
    "$R02/handle-summary.json"
jqs_is "$T_OUT" '[.[] | select(.type == "check" and .name == "orders_placed{scenario:browse}")] | length' \
    1 "a threshold named by the input and by two options is held once"

# --- Windows ----------------------------------------------------------
run po-k6-check --window 5s -t 'http_reqs: count>0' -t 'http_req_duration: p(100)<1000' \
    "$R02/points.ndjson.gz"
exit_is 1 "--window 5s: thresholds crossed in some window fail (exit 1)"
jqs_is "$T_OUT" '[.[] | select(.type == "check" and .assertion == "count>0" and .name == "http_reqs")
    | [.aggregation, (.values | length), (.values | add), .value, .message]]' \
    '[["count per 5s window",5,888,3,"worst of 5 windows with samples: window 5, 20s to 25s after the first point (from 2026-11-24T22:00:05Z)"]]' \
    "a Counter's count per window: the windows add up to the run's 888"
jqs_is "$T_OUT" '[.[] | select(.type == "check" and .assertion == "p(100)<1000") | [(.values | max), .value]]' \
    '[[64.589904,64.589904]]' "p(100) per window: the worst is the run's max"
jqs_is "$T_OUT" '[.[] | select(.type == "metrics") | .metrics | ."http_req_duration.p95".value, ."http_reqs.count".value]' \
    '[51.24897174999999,888]' "the metrics document still holds the whole run"
jqs_is "$T_OUT" '[.[] | select(.type == "check" and .assertion == "rate>0.99")
    | [.status, .value, .message]]' \
    '[["fail",0.9502262443438914,"worst of 5 windows with samples: window 3, 10s to 15s after the first point (from 2026-11-24T21:59:55Z)"]]' \
    "a Rate over its worst window"
valid_stream "$T_OUT" "--window: the output is a valid po stream"
head -n 4 "$K6/01-pass-basic/points.ndjson" |
    sed '4s/"time":"2026-/"time":"2126-/' > "$W/far.ndjson"
run po-k6-check --window 1ms "$W/far.ndjson"
exit_is 2 "points a century apart in windows of 1 ms: exit 2"
like "$T_ERR" "^po-k6-check: .*far.ndjson: the points span more than 1000000 windows: give a longer --window$" \
    "rather than a million windows"
run po-k6-check --window 1m "$R02/summary.json"
exit_is 2 "--window on a summary: exit 2"
like "$T_ERR" "^po-k6-check: --window needs raw points" "says why"

# --- --approx -----------------------------------------------------------
S='avg,min,med,max,p(1),p(10),p(75),p(90),p(95),p(99),p(99.9),p(99.99)'
run_sh "po-k6-check -s '$S' '$R07/points.ndjson.gz' | jq -c 'select(.type == \"metrics\") | .metrics'"
cp "$T_OUT" "$W/exact.json"
run_sh "po-k6-check --approx -s '$S' '$R07/points.ndjson.gz' | jq -c 'select(.type == \"metrics\") | .metrics'"
exit_is 0 "--approx on 07 (81,693 requests): exit 0"
run po-k6-check --approx -t 'http_req_duration: p(95)<0.2' "$R07/points.ndjson.gz"
valid_stream "$T_OUT" "--approx: the output is a valid po stream"
run_sh "po-k6-check --approx -s '$S' '$R07/points.ndjson.gz' | jq -c 'select(.type == \"metrics\") | .metrics'"
is "$(jq -n -c --slurpfile e "$W/exact.json" --slurpfile a "$T_OUT" '
    [$e[0] | to_entries[] | select(.key | test("^http_req_(duration|waiting)\\.(p|med)"))
     | (.value.value) as $x | ($a[0][.key].value) as $y
     | select(($y - $x | fabs) > 0.001 * ($x | fabs))] | length')" 0 \
    "every percentile is within 0.1 % of the exact one"
is "$(jq -n -c --slurpfile e "$W/exact.json" --slurpfile a "$T_OUT" '
    [$e[0] | to_entries[] | select(.key | test("\\.(avg|min|max|count|rate)$"))
     | select($a[0][.key].value != .value.value)] | length')" 0 \
    "the other aggregates stay exact"

# --- Standard input -----------------------------------------------------
LH=$FIXTURES/lighthouse/reports/lh12-lean-mobile-run1.json
po-lighthouse-parse "$LH" > "$W/lh.po"
run_sh "po-lighthouse-parse '$LH' | po-k6-check '$R02/summary.json' | head -n 1"
same "$T_OUT" "$W/lh.po" "a po stream on standard input goes through unchanged, first"
run_sh "po-lighthouse-parse '$LH' | po-k6-check '$R02/summary.json' |
    po-budget -b '$SHARE/default-budget.json'"
exit_is 1 "po-lighthouse-parse | po-k6-check | po-budget: http_req_failed is over the default budget (exit 1)"
jqs_is "$T_OUT" '[.[] | select(.type == "check" and .source == "po-budget") | [.name, .status]]' \
    '[["lcp","pass"],["cls","pass"],["tbt","pass"],["fcp","pass"],["ttfb","pass"],["http_req_duration.p95","pass"],["http_req_duration.p99","pass"],["http_req_failed.rate","fail"]]' \
    "the default budget limits k6's p95, p99 and failure rate by name"
jqs_is "$T_OUT" '[.[] | select(.type == "summary") | [.source, .checks]]' \
    '[["po-k6-check",41],["po-budget",49]]' \
    "po-budget counts po-k6-check's checks too"
run_sh "gunzip -c '$R02/points.ndjson.gz' | po-k6-check"
exit_is 1 "without a file, raw points on standard input are the k6 input"
run_sh "po-k6-check - < '$R02/summary.json'"
exit_is 1 "'-' names standard input as a k6 input"
jqs_is "$T_OUT" '.[0] | [.subject, .file]' '["<stdin>","<stdin>"]' \
    "named <stdin> in the documents"
run_sh "gunzip -c '$R02/points.ndjson.gz' | po-k6-check '$R02/summary.json'"
exit_is 2 "k6 output on standard input while files are named: exit 2"
like "$T_ERR" "^po-k6-check: <stdin>:1:1: " "with a message about standard input"
run_sh "po-k6-check < '$W/lh.po'"
exit_is 2 "a po stream but no k6 input: exit 2"
like "$T_ERR" "^po-k6-check: <stdin>:1:1: a po stream, not k6 output: name the k6 outputs" \
    "says what to do"
run_sh "po-k6-check '$W/lh.po' < /dev/null"
exit_is 2 "a po stream named as a k6 input: exit 2"
valid_stream "$T_OUT" "an error's output is a valid po stream"
run_sh "po-k6-check '$R02/summary.json' <&-"
exit_is 1 "a closed standard input is no stream: the run is judged (exit 1)"
run_sh "po-k6-check <&-"
exit_is 2 "no file and a closed standard input: exit 2"
like "$T_ERR" "^po-k6-check: no k6 input: name the files of k6's output, or '-' for standard input$" \
    "says so"

# --- Several runs, and a run without thresholds -------------------------
run po-k6-check "$K6/01-pass-basic/summary.json" "$R02/handle-summary.json"
exit_is 1 "two summaries are two runs; one crossed: exit 1"
jqs_is "$T_OUT" '.[-1] | [.checks, .failed, .subjects]' '[55,9,2]' \
    "each run is held to its own thresholds"
run po-k6-check --no-input-thresholds "$R02/points.ndjson.gz"
exit_is 0 "no thresholds at all: po-k6-check only parses (exit 0)"
jqs_is "$T_OUT" '[.[] | .type]' '["metrics"]' "and writes the metrics, no summary"
jqs_is "$T_OUT" '.[0].metrics | keys | map(select(startswith("http_req_duration."))) | length' \
    8 "http_req_duration is reported in full for po's default budget"
jqs_is "$T_OUT" '.[0].metrics | [."http_req_waiting.p95", ."http_req_waiting.avg".value]' \
    '[null,18.516144722972978]' "other Trends only with what costs no memory"
run po-k6-check --no-input-thresholds -m 'http_req_waiting' \
    -m 'http_req_duration{status:200}' -s 'p(50),count' "$R02/points.ndjson.gz"
jqs_is "$T_OUT" '[.[0].metrics | to_entries[] | select(.key | test("waiting|status")) | [.key, .value.value]]' \
    '[["http_req_duration{status:200}.p50",17.488653],["http_req_duration{status:200}.count",855],["http_req_waiting.p50",17.5528745],["http_req_waiting.count",888]]' \
    "--metric and --summary-trend-stats choose what else is reported"
run po-k6-check -m 'nope' "$R02/points.ndjson.gz"
exit_is 2 "--metric naming a metric the run has not: exit 2"

# --- Usage --------------------------------------------------------------
for args in "--window 0s" "--window soon" "--duration -3" "--jobs x" \
    "-s avg,p(200)" "-s rate" "--bogus"; do
	run po-k6-check $args "$R02/summary.json"
	exit_is 2 "po-k6-check $args: a usage error, exit 2"
done
run po-k6-check --duration 20 "$R02/summary.json"
exit_is 2 "--duration with only summaries: exit 2"
run po-k6-check --help
exit_is 0 "--help: exit 0"
like "$T_OUT" "^  po-lighthouse-parse lhr.json \\| po-k6-check k6.json \\| po-budget" \
    "--help shows a pipeline"

done_testing
