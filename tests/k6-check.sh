#!/bin/sh
# po-k6-check against real k6 v0.48.0 runs (tests/fixtures/k6/README.md says
# how they were made and what k6 concluded).  From every input form k6
# writes -- --summary-export, handleSummary data, raw points plain and
# gzipped -- po must give every value k6 computed, the same double, and
# k6's verdict on every threshold, and exit 1 where k6 exited 99.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

# po-k6-check reads a po stream from a standard input that is not a
# terminal: give it an empty one unless a test pipes something in.
exec < /dev/null

K6=$FIXTURES/k6
export K6

# jqs_is FILE FILTER EXPECTED DESCRIPTION: jq -s, over the whole stream.
jqs_is() {
	is "$(jq -s -c "$2" "$1" 2>&1)" "$3" "$4"
}

# The values po wrote against those of handle-summary.json, compared as
# doubles, and the checks against k6's verdicts.  Prints
# "COMPARED MISMATCHES": the number of values compared, then a list of
# what differs ([] when nothing does).  A check without a value (an empty
# Rate, which k6 lets pass) is compared by its verdict only.
compare='
def poname: if test("^p\\(") then "p" + .[2:-1] else . end;
($out | map(select(.type == "metrics") | .metrics) | add // {}) as $got
| ($out | map(select(.type == "check"))) as $checks
| [$hs[0].metrics | to_entries[] | .key as $m | .value.values | to_entries[]
   | {name: ($m + "." + (.key | poname)), want: .value}
   | .got = $got[.name].value] as $values
| [$hs[0].metrics | to_entries[] | .key as $m | .value as $v
   | ($v.thresholds // {}) | to_entries[]
   | .key as $expr | .value.ok as $ok
   | ($expr | capture("^(?<agg>[a-z]+(\\([0-9.]+\\))?)").agg) as $agg
   | [$checks[] | select(.name == $m and .assertion == $expr)] as $c
   | {metric: $m, expr: $expr, ok: $ok, n: ($c | length),
      status: $c[0].status, value: $c[0].value, want: $v.values[$agg]}] as $thresholds
| [($values | length),
   ([$values[] | select(.got != .want)]
    + [$thresholds[] | select(.n != 1 or (.status == "pass") != .ok or
        (.want != null and .value != null and .value != .want))])]'

# fidelity LABEL OUTPUT HANDLE_SUMMARY COUNT: the tests for one output.
fidelity() {
	jq -n -c --slurpfile hs "$3" --slurpfile out "$2" "$compare" \
	    > "$T_TMP/compare" 2>&1
	is "$(jq -c '.[0]' "$T_TMP/compare")" "$4" \
	    "$1: all $4 values of handle-summary.json are there"
	is "$(jq -c '.[1]' "$T_TMP/compare")" "[]" \
	    "$1: each is k6's double, each threshold has k6's verdict and value"
}

# k6_status RUN: the exit status po owes a run, from k6's (99 -> 1).
k6_status() {
	case $(cat "$K6/$1/exit-code.txt") in
	0) echo 0 ;;
	99) echo 1 ;;
	*) echo unexpected ;;
	esac
}

# Options that make raw points give everything handle-summary.json has:
# the thresholds of every metric and sub-metric (the NDJSON holds those of
# metrics only), k6's summaryTrendStats, its run duration, and every
# metric asked for in full.
points_opts() {
	hs=$K6/$1/handle-summary.json
	jq '.metrics | with_entries(select(.value.thresholds))
	    | map_values(.thresholds | keys)' "$hs" > "$T_TMP/thresholds.json"
	printf '%s' "-T $T_TMP/thresholds.json"
	printf " -s '%s'" "$(jq -r '.options.summaryTrendStats | join(",")' "$hs")"
	printf ' -d %sms' "$(jq -r '.state.testRunDurationMs' "$hs")"
	jq -r '.metrics | keys[] | " -m \(@sh)"' "$hs" | tr -d '\n'
}

# Values per run, as the fixtures' README counts them.
count() {
	case $1 in
	01*) echo 128 ;; 02*) echo 227 ;; 03*) echo 92 ;; 04*) echo 128 ;;
	05*) echo 105 ;; 06*) echo 130 ;; 07*) echo 101 ;;
	esac
}

RUNS="01-pass-basic 02-fail-all-forms 03-abort-on-fail
04-split-two-generators/gen-a 04-split-two-generators/gen-b
05-handlesummary-return 06-volume 07-large"

for r in $RUNS; do
	hs=$K6/$r/handle-summary.json
	want=$(k6_status "$r")
	for form in summary.json handle-summary.json; do
		run po-k6-check "$K6/$r/$form"
		exit_is "$want" "$r $form: exit $want (k6 exited $(cat "$K6/$r/exit-code.txt"))"
		fidelity "$r $form" "$T_OUT" "$hs" "$(count "$r")"
		is "$(cat "$T_ERR")" "" "$r $form: nothing on stderr"
	done
	valid_stream "$T_OUT" "$r: the output is a valid po stream"
	points=$K6/$r/points.ndjson
	[ -f "$points" ] || points=$points.gz
	opts=$(points_opts "$r")
	run_sh "po-k6-check $opts '$points'"
	exit_is "$want" "$r $(basename "$points"): exit $want"
	fidelity "$r $(basename "$points")" "$T_OUT" "$hs" "$(count "$r")"
	cp "$T_OUT" "$T_TMP/parallel"
	run_sh "po-k6-check -j 1 $opts '$points'"
	same "$T_OUT" "$T_TMP/parallel" \
	    "$r: one thread gives the same output as every core"
done

# Plain points split into many chunks parsed in parallel: the same output
# as the gzipped file, every value k6's.
for r in 02-fail-all-forms 06-volume 07-large; do
	gunzip -c "$K6/$r/points.ndjson.gz" > "$T_TMP/points.ndjson"
	opts=$(points_opts "$r")
	run_sh "po-k6-check $opts --subject s '$T_TMP/points.ndjson' |
	    jq -c 'del(.file, .origin.file)'"
	exit_is "$(k6_status "$r")" "$r plain: exit as k6"
	cp "$T_OUT" "$T_TMP/plain"
	fidelity "$r plain" "$T_TMP/plain" "$K6/$r/handle-summary.json" \
	    "$(count "$r")"
	run_sh "po-k6-check $opts --subject s '$K6/$r/points.ndjson.gz' |
	    jq -c 'del(.file, .origin.file)'"
	same "$T_TMP/plain" "$T_OUT" "$r: plain and gzipped give the same"
done
rm -f "$T_TMP/points.ndjson"

# Lines longer than a chunk (2 MiB) among ordinary ones: the buffers that
# chunks are read into are handed back and reused, and a long line must
# still reach the parser whole, and the lines after it unharmed.
r=06-volume
gunzip -c "$K6/$r/points.ndjson.gz" > "$T_TMP/points.ndjson"
awk 'BEGIN { pad = "x"; while (length(pad) < 3000000) pad = pad pad }
    NR % 15000 == 7 && /"type":"Point"/ {
	sub(/"tags":\{/, "\"tags\":{\"pad\":\"" pad "\",") } { print }' \
    "$T_TMP/points.ndjson" > "$T_TMP/long.ndjson"
is "$(awk 'length > 2097152' "$T_TMP/long.ndjson" | wc -l | tr -d ' ')" 5 \
    "five lines of 06-volume grown past a chunk"
opts=$(points_opts "$r")
run_sh "po-k6-check $opts --subject s '$T_TMP/long.ndjson' |
    jq -c 'del(.file, .origin.file)'"
exit_is "$(k6_status "$r")" "long lines: exit as k6"
fidelity "$r long lines" "$T_OUT" "$K6/$r/handle-summary.json" \
    "$(count "$r")"
rm -f "$T_TMP/points.ndjson" "$T_TMP/long.ndjson"

# --- The two generators of 04 as one test --------------------------------
G=$K6/04-split-two-generators
run_sh "po-k6-check -t 'http_req_duration{name:search}: p(90)<80' \
    -s 'avg,min,med,max,p(90),p(95),p(99),p(99.9),count' \
    $G/gen-a/points.ndjson.gz $G/gen-b/points.ndjson.gz"
exit_is 1 "04 combined: p(99)<55 is crossed, as on each generator (exit 1)"
jq_is "$T_OUT" 'select(.type == "metrics") | .metrics
    | [."http_req_duration.count", ."http_req_duration.min",
       ."http_req_duration.med", ."http_req_duration.p90",
       ."http_req_duration.p95", ."http_req_duration.p99",
       ."http_req_duration.p99.9", ."http_req_duration.max",
       ."http_req_duration.avg"] | map(.value)' \
    '[996,0.091026,12.3610155,52.266325,56.49575625,59.30704035,59.65701244000002,59.80834,20.18190548995984]' \
    "04 combined: http_req_duration over 996 points, as the README computes"
jq_is "$T_OUT" 'select(.type == "metrics") | .metrics
    | [."search_time.med", ."search_time.p90", ."search_time.p95",
       ."search_time.p99", ."http_req_failed.rate", ."checks.rate",
       ."http_reqs.count", ."iterations.count"] | map(.value)' \
    '[39.8276235,56.4975495,58.2877238,59.57737066,0,1,996,498]' \
    "04 combined: the other values of the README"
jqs_is "$T_OUT" '[.[] | select(.type == "check") | [.name, .assertion, .status]]' \
    '[["checks","rate>=0.99","pass"],["http_req_duration","p(95)<100","pass"],["http_req_duration","p(99)<55","fail"],["http_req_duration","avg<60","pass"],["http_req_duration{name:search}","p(90)<80","pass"],["http_req_failed","rate<0.01","pass"],["http_reqs","count>150","pass"],["search_time","med<45","pass"]]' \
    "04 combined: the README's verdicts, each threshold once"
jq_is "$T_OUT" 'select(.type == "metrics") | [.subject, .tags.inputs]' \
    "[\"$G/gen-a/points.ndjson.gz + $G/gen-b/points.ndjson.gz\",2]" \
    "04 combined: one run of two inputs"
run_sh "po-k6-check $G/gen-b/points.ndjson.gz $G/gen-a/points.ndjson.gz"
jq_is "$T_OUT" 'select(.type == "metrics") | .metrics."http_req_duration.avg".value' \
    20.18190548995983 \
    "04 combined: gen-b first sums in that order, as the README says"

# --- What k6 does with empty sub-metrics (run 02) ------------------------
run po-k6-check "$K6/02-fail-all-forms/handle-summary.json"
jqs_is "$T_OUT" '[.[] | select(.type == "check" and (.name | test("404|success.scenario:checkout|orders_placed\\{")))
    | [.name, .value, .status]]' \
    '[["http_req_duration{status:404}",0,"pass"],["login_success{scenario:checkout}",null,"pass"],["orders_placed{scenario:browse}",0,"fail"]]' \
    "02: an empty Trend is 0, an empty Rate has no value and passes, an empty Counter counts 0"
jq_is "$T_OUT" 'select(.type == "check" and .name == "vus_max") | [.assertion, .operator, .status]' \
    '["value===7","==","pass"]' "02: === is k6's ==, and the check says =="
jq_is "$T_OUT" 'select(.type == "summary") | [.status, .exit, .checks, .failed, .message]' \
    '["fail",1,41,9,"a threshold was crossed (k6 exits 99)"]' \
    "02: 41 thresholds, 9 crossed, as k6 found"

# --- Counter rates from raw points ----------------------------------------
run po-k6-check -t 'http_reqs: rate>=1000' "$K6/02-fail-all-forms/points.ndjson.gz"
jq_is "$T_OUT" 'select(.type == "check" and .assertion == "rate>=1000") | [.value, .message]' \
    '[43.83130372367914,"per second of 20.259493206 s from the first to the last point; k6 divides by the test run'"'"'s wall time, which raw points do not record: give --duration for k6'"'"'s exact rate"]' \
    "without --duration a Counter's rate is over the points' span, and says so"
run po-k6-check -d 20.285441779 "$K6/02-fail-all-forms/points.ndjson.gz"
jq_is "$T_OUT" 'select(.type == "check" and .assertion == "rate>=1000") | [.value, .message]' \
    '[43.775235938873166,"per second of 20.285441779 s, the test run duration given by --duration"]' \
    "with k6's duration it is k6's exact rate"
run po-k6-check -d 20285.441779ms "$K6/02-fail-all-forms/points.ndjson.gz"
jq_is "$T_OUT" 'select(.type == "check" and .assertion == "rate>=1000") | .value' \
    43.775235938873166 "--duration takes milliseconds too"
run po-k6-check "$K6/02-fail-all-forms/handle-summary.json"
jq_is "$T_OUT" 'select(.type == "metrics") | .tags' \
    '{"k6_input":"handle-summary","duration_ms":20285.441779,"duration_from":"state"}' \
    "handleSummary data gives k6's run duration"

# --- What the points do not hold -----------------------------------------
run po-k6-check "$K6/01-pass-basic/points.ndjson"
exit_is 0 "01 points alone: the thresholds of the Metric lines hold (exit 0)"
like "$T_ERR" "^po-k6-check: .*points.ndjson:3: warning: the script has thresholds on 'http_req_duration\\{status:200\\}', which k6 does not write to --out json" \
    "a warning names the sub-metric whose thresholds the points do not hold"
unlike "$T_ERR" "expected_response:true" \
    "but not the sub-metric k6 adds by itself"
jqs_is "$T_OUT" '[.[] | select(.type == "check") | .origin.rule] | .[0:2]' \
    '["line 19","line 80"]' "a check names the Metric line its threshold came from"
jq_is "$T_OUT" 'select(.type == "metrics") | .tags' \
    '{"k6_input":"points","inputs":1,"scenarios":"default","duration_ms":12281.137982,"duration_from":"points"}' \
    "the metrics document's tags say what po knows of the run"

done_testing
