#!/bin/sh
# po-report over what issue 5 adds to the stream: regression checks
# (po-budget --baseline) as a before/after table, and the history of
# po-baseline log as a sparkline per metric, in text and Markdown.  The
# streams under tests/fixtures/report/ are of the shape those tools write,
# made of real Lighthouse measurements (see their README).  Streams without
# the new fields render as before (report.sh holds them to that).
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

F=$FIXTURES/report
E=$PO_SRCDIR/tests/expected/report
# The text format draws blocks in a UTF-8 locale only; fix the locale so
# that the expected files do not depend on the machine's.
LC_ALL=C.UTF-8
export LC_ALL

# render NAME ARGS...: po-report ARGS exits 0 and writes exactly NAME.
render() {
	name=$1
	shift
	run po-report "$@"
	exit_is 0 "$name: exits 0" &&
	same "$T_OUT" "$E/$name" "$name: rendered as expected"
}

# bad NAME 'DOCUMENT' 'MESSAGE': refused with MESSAGE and exit 2.
# The file is named as given, in the current directory.
bad() {
	printf '%s\n' "$2" > "$1.ndjson"
	run po-report "$1.ndjson"
	exit_is 2 "$1: exit 2" &&
	is "$(cat "$T_ERR")" "po-report: $3" "$1: $3"
}

for stream in "$F"/*.ndjson; do
	valid_stream "$stream" "$(basename "$stream") is a valid po stream"
done

# --- before and after ----------------------------------------------------------
render regression-fail.txt "$F/regression-fail.ndjson"
render regression-fail.md -f markdown "$F/regression-fail.ndjson"
render regression-pass.txt "$F/regression-pass.ndjson"
render regression-pass.md -f markdown "$F/regression-pass.ndjson"
run po-report "$F/regression-fail.ndjson"
like "$T_OUT" '^    lcp     3\.47 s  32\.4 s  \+28\.9 s \(\+834%\)  no          Mann-Whitney U, p = 0\.05, alpha 0\.1, 3 runs before, 3 after$' \
    "lcp: before, after, change and its ratio, target not met, the test"
like "$T_OUT" '^    cls     0       0\.184   \+0\.184           no  ' \
    "cls: a baseline of 0 has no ratio (change_ratio null)"
like "$T_OUT" '^    tbt     171 ms  794 ms  \+623 ms \(\+364%\)  yes \(warn\)  ' \
    "tbt: over a warn level only: the target is met, with a warning"
run po-report "$F/regression-pass.ndjson"
like "$T_OUT" '^    lcp     901 ms  901 ms  \+0\.1 ms \(\+0\.00946%\)  yes         single sample, alpha 0\.05, 3 runs before, 1 after$' \
    "a single-sample comparison says so"
run po-report --gate "$F/regression-fail.ndjson"
exit_is 1 "--gate: the regression fails the gate (the summary says so)"
run po-report -f markdown "$F/regression-fail.ndjson"
is "$(grep -c '^| http://127\.0\.0\.1:8080/shop\.html | [a-z]* | .* | .* | .* | .* | Mann-Whitney U' "$T_OUT")" 3 \
    "markdown: a row per regression check"

# A regression check of an older po-budget: no baseline, no change.
jq -c 'del(.baseline, .change, .change_ratio, .runs, .test)' \
    "$F/regression-fail.ndjson" > "$T_TMP/bare.ndjson"
run po-report "$T_TMP/bare.ndjson"
exit_is 0 "regression checks without their numbers: exit 0"
like "$T_OUT" '^    lcp     n/a     32\.4 s  n/a     no          $' \
    "what is missing is n/a"
# A stream of before the baseline: no "kind" at all renders as it did.
jq -c 'del(.kind, .baseline, .change, .change_ratio, .runs, .test)' \
    "$F/regression-fail.ndjson" > "$T_TMP/old.ndjson"
run po-report "$T_TMP/old.ndjson"
unlike "$T_OUT" 'Before and after' "without \"kind\": no before/after table"
run po-report -f markdown "$T_TMP/old.ndjson"
unlike "$T_OUT" 'Before and after' "nor in markdown"

# --- history -------------------------------------------------------------------
render history.txt "$F/history.ndjson"
render history.md -f markdown "$F/history.ndjson"
LC_ALL=C render history-ascii.txt "$F/history.ndjson"
LC_ALL=C run po-report -f markdown "$F/history.ndjson"
same "$T_OUT" "$E/history.md" "markdown is Unicode whatever the locale (GitHub shows it)"
run po-report "$F/history.ndjson"
like "$T_OUT" '^    lcp                ▁▁▂█  901 ms to 32\.4 s \(\+31\.5 s\) over 4 commits, min 901 ms, max 32\.4 s; median of up to 3 runs per commit$' \
    "lcp: a block per commit, the median of its runs"
like "$T_OUT" '^    score\.performance  ██▇▁  1 to 0\.29 \(-0\.71\)' \
    "a score that fell draws falling"
render gate.txt "$F/history.ndjson" "$F/regression-fail.ndjson"
render gate.md -f markdown "$F/history.ndjson" "$F/regression-fail.ndjson"
run po-report "$F/history.ndjson" "$F/regression-fail.ndjson"
like "$T_OUT" '^    lcp  .*; budget <= 2\.5 s$' \
    "the budget of a metric is the limit of its budget check"
like "$T_OUT" '^    total-byte-weight  ▁▁▂█  [^;]*; median of up to 3 runs per commit$' \
    "a metric without a budget check has no budget"
run po-report "$F/history.ndjson" "$T_TMP/bare.ndjson"
unlike "$T_OUT" 'budget <= 3\.82 s' "the limit of a regression check is not a budget line"

# Runs of one commit need not be next to each other; their median counts
# once, where the commit first appears.
M='"po":1,"type":"metrics","source":"k6","subject":"api"'
doc() {
	printf '{%s,"tags":{"commit":"%s","commit_time":"%s"},"metrics":{"http_req_duration.p95":{"value":%s,"unit":"ms","better":"lower"}}}\n' \
	    "$M" "$1" "$2" "$3"
}
{
	doc aaaa1111 2026-11-20T00:00:00Z 100
	doc aaaa1111 2026-11-20T00:00:00Z 500
	doc bbbb2222 2026-11-21T00:00:00Z 200
	doc aaaa1111 2026-11-20T00:00:00Z 300
	doc cccc3333 2026-11-22T00:00:00Z 250
} > "$T_TMP/runs.ndjson"
run po-report "$T_TMP/runs.ndjson"
exit_is 0 "a history of repeated runs: exit 0"
like "$T_OUT" '^    http_req_duration\.p95  █▁▅  300 ms to 250 ms \(-50 ms\) over 3 commits, min 200 ms, max 300 ms; median of up to 3 runs per commit$' \
    "three runs of one commit are one point, their median"
doc dddd4444 2026-11-23T00:00:00Z 250 > "$T_TMP/one.ndjson"
run po-report "$T_TMP/one.ndjson"
like "$T_OUT" '^    http_req_duration\.p95  ▄  250 ms at 1 commit$' \
    "one commit: one block, in the middle"

# Metrics documents without a commit are not history.
cd "$PO_SRCDIR" || exit 2
po-lighthouse-parse tests/fixtures/lighthouse/reports/lh12-lean-mobile-run1.json \
    > "$T_TMP/lh.ndjson"
cd - >/dev/null || exit 2
run po-report "$T_TMP/lh.ndjson"
unlike "$T_OUT" '^History' "metrics documents without a commit tag are not drawn"

# --- --metric and --subject ----------------------------------------------------
run po-report --metric lcp "$F/history.ndjson"
is "$(grep -c '^    [a-z]' "$T_OUT")" 1 "--metric keeps one series"
run po-report --metric lcp --subject http://127.0.0.1:8080/shop.html -f markdown "$F/history.ndjson"
is "$(grep -c '^| http' "$T_OUT")" 1 "--metric and --subject in markdown"
run po-report --subject http://elsewhere.test/ "$F/history.ndjson"
exit_is 0 "a subject with no history: exit 0"
unlike "$T_OUT" '^History' "and no history is shown"

# --- bad input -----------------------------------------------------------------
cd "$T_TMP" || exit 2
H='"po":1,"type":"metrics","source":"lighthouse","subject":"s"'
bad commit-number "{$H,\"tags\":{\"commit\":12},\"metrics\":{}}" \
    'commit-number.ndjson:1:81: metrics document: "tags.commit" must be a non-empty string'
bad commit-not-hex "{$H,\"tags\":{\"commit\":\"HEAD~1\"},\"metrics\":{}}" \
    'commit-not-hex.ndjson:1:87: metrics document: "tags.commit" must be a commit id in hexadecimal'
bad commit-time "{$H,\"tags\":{\"commit\":\"abcd\",\"commit_time\":\"yesterday\"},\"metrics\":{}}" \
    'commit-time.ndjson:1:111: metrics document: "tags.commit_time" must be an ISO 8601 time such as 2026-11-25T01:58:00Z'
bad metric-no-better "{$H,\"tags\":{\"commit\":\"abcd\"},\"metrics\":{\"lcp\":{\"value\":1,\"unit\":\"ms\"}}}" \
    "metric-no-better.ndjson:1:105: metrics document: metric 'lcp' needs a number \"value\", a \"unit\" and \"better\" (\"lower\" or \"higher\")"
bad tags-string "{$H,\"tags\":\"x\",\"metrics\":{}}" \
    'tags-string.ndjson:1:72: metrics document: "tags" must be an object'
C='"po":1,"type":"check","source":"po-budget","subject":"s","name":"lcp","status":"pass","level":"error","value":1,"limit":2,"operator":"<=","origin":{"file":"b.json","format":"po"}'
bad runs-negative "{$C,\"kind\":\"regression\",\"runs\":{\"baseline\":-1,\"current\":3}}" \
    'runs-negative.ndjson:1:222: check document: "runs.baseline" must be a whole number, zero or more'
bad test-string "{$C,\"test\":\"mwu\"}" \
    'test-string.ndjson:1:193: check document: "test" must be an object'
bad change-string "{$C,\"change\":\"+3\"}" \
    'change-string.ndjson:1:194: check document: "change" must be a finite number'
bad p-string "{$C,\"test\":{\"method\":\"mann-whitney-u\",\"p_value\":\"0.1\"}}" \
    'p-string.ndjson:1:230: check document: "test.p_value" must be a finite number or null'
bad kind-number "{$C,\"kind\":1}" \
    'kind-number.ndjson:1:189: check document: "kind" must be a string'

done_testing
