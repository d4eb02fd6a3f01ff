#!/bin/sh
# po-k6-check on bad input: summaries, raw points and thresholds files that
# are empty, cut short, garbage, of the wrong types or shapes, too large
# for a double, or not UTF-8.  Each must exit 2 exactly, with a message
# that names the file, the line and the column, and never write a summary
# that passes.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

# po-k6-check reads a po stream from a standard input that is not a
# terminal: give it an empty one unless a test pipes something in.
exec < /dev/null

K6=$FIXTURES/k6
P01=$K6/01-pass-basic/points.ndjson
W=$T_TMP/work
mkdir -p "$W"

# bad FILE ERE DESCRIPTION [OPTIONS...]: exit 2, a message matching ERE
# (the program and file name are prefixed here), no passing summary.
bad() {
	file=$1
	ere=$2
	what=$3
	shift 3
	run po-k6-check "$@" "$file"
	exit_is 2 "$what: exit 2"
	like "$T_ERR" "^po-k6-check: $(basename "$file")$ere" \
	    "$what: says where and what"
	unlike "$T_OUT" '"exit":[01]' "$what: no summary that passes"
}

cd "$W" || exit 2

# --- Summaries --------------------------------------------------------
printf '' > empty.json
bad empty.json ': empty input: expected k6 output$' "an empty file"
printf '   \n\n' > blank.json
bad blank.json ':3:1: invalid JSON: premature EOF$' "a file of blank lines"
printf 'summary of the run\n' > garbage.json
bad garbage.json ':1:[0-9]+: invalid JSON: invalid char in json text$' "garbage"
printf '[1, 2]' > array.json
bad array.json ':1:2: expected a k6 summary \(a JSON object\)$' "a JSON array"
printf '{"root_group": {}}' > nometrics.json
bad nometrics.json ': no "metrics" object: not a k6 summary$' \
    "an object without metrics"
printf '{"metrics": {"x": {"avg": "12"}}}' > string.json
bad string.json ":1:31: 'avg' of metric 'x' is not a number$" \
    "a value that is a string"
printf '{"metrics": {"x": {"avg": 1e999}}}' > huge.json
bad huge.json ":1:32: 'avg' of metric 'x': number '1e999' is out of range$" \
    "a number too large for a double"
printf '{"metrics": {"x": {"avg": 1, "thresholds": {"avg<2": "yes"}}}}' \
    > verdict.json
bad verdict.json ":1:[0-9]+: unexpected threshold result in metric 'x'$" \
    "a threshold result that is not a boolean"
printf '{"metrics": {"x": {"type": "histogram", "values": {"avg": 1}}}}' \
    > type.json
bad type.json ":1:20: metric 'x': unknown metric type 'histogram'$" \
    "an unknown metric type"
printf '{"metrics": {"x": {"type": "trend", "values": {"avg": 1}}, "y": {"avg": 1}}}' \
    > mixed.json
bad mixed.json ":1:[0-9]+: metric 'y': in the --summary-export shape, unlike the metrics before it$" \
    "handleSummary and --summary-export shapes mixed"
printf '{"metrics": {"x": {"type": "trend", "values": {"rate": 1}}}}' \
    > agg.json
bad agg.json ":1:20: metric 'x': a trend has no 'rate'$" \
    "an aggregate the type has not"
printf '{"metrics": {"x\377": {"avg": 1}}}' > utf8.json
bad utf8.json ':1:[0-9]+: invalid JSON: invalid bytes in UTF8 string$' \
    "a metric name that is not UTF-8"
printf '{"state": {"testRunDurationMs": "long"}, "metrics": {}}' > state.json
bad state.json ':1:[0-9]+: state.testRunDurationMs is not a number$' \
    "a run duration that is not a number"
printf '{"metrics": {"x{a:1": {"avg": 1}}}' > name.json
bad name.json ":1:[0-9]+: metric 'x\{a:1': unmatched opening curly brace$" \
    "a sub-metric name k6 could not have written"

# Prefixes of a real summary are cut short: exit 2, never a verdict.  Every
# 7th byte and each of the last 64 (where a cut leaves nearly all of it):
# each run costs a process, and the suite must stay quick.
S=$K6/03-abort-on-fail/handle-summary.json
size=$(wc -c < "$S")
failures=0
tried=0
n=1
while [ "$n" -lt "$size" ]; do
	if [ $((n % 7)) -ne 0 ] && [ "$n" -lt $((size - 64)) ]; then
		n=$((n + 1))
		continue
	fi
	tried=$((tried + 1))
	head -c "$n" "$S" > cut.json
	po-k6-check cut.json > cut.out 2> cut.err
	rc=$?
	if [ "$rc" -ne 2 ] || ! grep -Eq '^po-k6-check: cut.json(:[0-9]+:[0-9]+)?: ' cut.err ||
	    grep -q '"exit":[01]' cut.out; then
		failures=$((failures + 1))
		[ "$failures" -gt 3 ] || diag "prefix of $n bytes: exit $rc"
	fi
	n=$((n + 1))
done
is "$failures" 0 "each of $tried prefixes of handle-summary.json: exit 2 and a message"

# --- Raw points ---------------------------------------------------------
head -n 1 "$P01" > p.ndjson
sed -n 2p "$P01" >> p.ndjson
{ sed -n 2p "$P01"; sed -n 1p "$P01"; } > before.ndjson
bad before.ndjson ":1: point of 'http_reqs' before its Metric line$" \
    "a point before its metric"
sed '2s/"value":1,/"value":"1",/' p.ndjson > string.ndjson
bad string.ndjson ":2:[0-9]+: value '1' is not a number$" "a value that is a string"
sed '2s/"value":1,/"value":NaN,/' p.ndjson > nan.ndjson
bad nan.ndjson ':2:[0-9]+: invalid JSON: invalid char in json text$' "NaN"
sed '2s/"value":1,/"value":1e999,/' p.ndjson > huge.ndjson
bad huge.ndjson ':2:[0-9]+: value 1e999 is out of range$' "a value too large for a double"
sed '2s/"value":1,/"value":null,/' p.ndjson > null.ndjson
bad null.ndjson ":2:[0-9]+: point of 'http_reqs' without a \"value\"$" "a null value"
sed '2s/"time":"[^"]*"/"time":"yesterday"/' p.ndjson > time.ndjson
bad time.ndjson ":2:[0-9]+: time 'yesterday' is not an RFC 3339 time$" "a time that is not one"
sed '2s/"time":"20/"time":"10/' p.ndjson > past.ndjson
bad past.ndjson ":2:[0-9]+: time '10[^']*' is outside the years 1970 to 2262 that po reads$" \
    "a time long before k6 (found by fuzz-k6-points: it overflowed)"
sed '2s/"time":"20/"time":"93/' p.ndjson > future.ndjson
bad future.ndjson ":2:[0-9]+: time '93[^']*' is outside the years 1970 to 2262 that po reads$" \
    "a time too far ahead for nanoseconds in 64 bits"
sed '2s/Z"/+5:30"/' p.ndjson > offset.ndjson
bad offset.ndjson ":2:[0-9]+: time '[^']*' is not an RFC 3339 time$" "a malformed offset"
sed '1s/"counter"/"histogram"/' p.ndjson > type.ndjson
bad type.ndjson ":1:[0-9]+: metric 'http_reqs' has an unknown type 'histogram' \(expected counter, gauge, rate or trend\)$" \
    "an unknown metric type"
sed '2s/"Point"/"Sample"/' p.ndjson > kind.ndjson
bad kind.ndjson ":2:[0-9]+: unknown line type 'Sample' \(expected Metric or Point\)$" \
    "an unknown line type"
sed '2s/"status":"200"/"status":200/' p.ndjson > tag.ndjson
bad tag.ndjson ":2:[0-9]+: point of 'http_reqs' has a tag that is not a string$" \
    "a tag that is not a string"
sed '2s/"status":"200"/"status":"2\xff0"/' p.ndjson > utf8.ndjson
bad utf8.ndjson ':2:[0-9]+: invalid JSON: invalid bytes in UTF8 string$' \
    "a tag that is not UTF-8"
{ cat p.ndjson; echo '{"po":1,"type":"metrics","source":"k6","subject":"x","metrics":{}}'; } > po.ndjson
bad po.ndjson ":3:[0-9]+: unknown line type 'metrics' \\(expected Metric or Point\\)$" \
    "a po document among the points"
{ cat p.ndjson; printf '[1]\n'; } > array.ndjson
bad array.ndjson ':3:[0-9]+: not a k6 Metric or Point line: a JSON array$' \
    "a JSON array among the points"
{ cat p.ndjson; sed -n 1p "$P01" | sed 's/"counter"/"gauge"/'; } > redef.ndjson
bad redef.ndjson ":3: metric 'http_reqs' is a gauge here but a counter before$" \
    "a metric that changes its type"
{ cat p.ndjson; printf '\000\000\n'; } > binary.ndjson
bad binary.ndjson ':3:2: invalid JSON: invalid char in json text$' "binary data"
sed '1s/"thresholds":\["count>100"\]/"thresholds":["count>>100"]/' p.ndjson > th.ndjson
bad th.ndjson ":1: threshold 'count>>100' on 'http_reqs': right-hand side '>100' is not a number that fits a double$" \
    "a Metric line with a threshold k6 would reject"

# Every prefix that ends inside a line is a line cut short.  (A prefix
# that ends with a whole line is a shorter run, and valid.)
head -n 4 "$P01" > four.ndjson
size=$(wc -c < four.ndjson)
ends=" $(awk '{ n += length($0) + 1; printf "%d ", n }' four.ndjson)"
failures=0
checked=0
n=1
while [ "$n" -lt "$size" ]; do
	case $ends in
	*" $n "* | *" $((n + 1)) "*)
		n=$((n + 1))
		continue ;;
	esac
	checked=$((checked + 1))
	head -c "$n" four.ndjson > cut.ndjson
	po-k6-check cut.ndjson > cut.out 2> cut.err
	rc=$?
	if [ "$rc" -ne 2 ] ||
	    ! grep -Eq '^po-k6-check: cut.ndjson:[0-9]+:[0-9]+: ' cut.err ||
	    grep -q '"exit":[01]' cut.out; then
		failures=$((failures + 1))
		[ "$failures" -gt 3 ] || diag "prefix of $n bytes: exit $rc"
	fi
	n=$((n + 1))
done
is "$failures" 0 "each of the $checked prefixes that cut a line: exit 2 and file:line:col"
head -n 12 "$P01" > twelve.ndjson
head -n 5 twelve.ndjson > five.ndjson
run po-k6-check five.ndjson
exit_is 1 "a file cut at the end of a line is a shorter, valid run: judged (exit 1)"

# A gzip stream cut short.
gunzip -c "$K6/04-split-two-generators/gen-a/points.ndjson.gz" | head -n 3000 |
    gzip -c > whole.gz
size=$(wc -c < whole.gz)
for bytes in 2000 $((size / 2)) $((size - 10)); do
	head -c "$bytes" whole.gz > cut$bytes.gz
	bad cut$bytes.gz ': read error: truncated gzip data \(unexpected end of file\)$' \
	    "a gzip stream cut after $bytes bytes"
done

# A gzip stream without its trailer: every line is whole, only gzip can
# tell the stream was cut (inflate has not reached the member's end when
# the data runs out).
head -c $(( $(wc -c < whole.gz) - 8 )) whole.gz > notrailer.gz
po-k6-check notrailer.gz > notrailer.out 2> notrailer.err
rc=$?
t_n=$((t_n + 1))
if [ "$rc" -eq 2 ]; then
	echo "ok $t_n - a gzip stream cut before its trailer: exit 2"
else
	echo "not ok $t_n - a gzip stream cut before its trailer: exit 2 (got exit $rc)"
fi

# A problem deep in a large plain file, read in chunks on every core, is
# reported at its line in the file.
gunzip -c "$K6/06-volume/points.ndjson.gz" > big.ndjson
sed '70000s/"value":/"value":x/' big.ndjson > deep.ndjson
bad deep.ndjson ':70000:95: invalid JSON: invalid char in json text$' \
    "a bad value on line 70000 of 77069"
head -c 12000000 big.ndjson > short.ndjson
bad short.ndjson ':50493:206: truncated line: the JSON object is cut short$' \
    "a large file cut inside its line 50493"
rm -f big.ndjson deep.ndjson short.ndjson

# --- Thresholds files -------------------------------------------------
S01=$K6/01-pass-basic/summary.json
printf '{"http_req_duration": "p(95)<200"}' > t-string.json
run po-k6-check -T t-string.json "$S01"
exit_is 2 "thresholds that are a string, not a list: exit 2"
like "$T_ERR" "^po-k6-check: t-string.json:1:34: thresholds of 'http_req_duration' are not a list of expressions$" \
    "and says where"
printf '{"http_req_duration": [{"threshold": "p(95)<200", "abortOnFial": true}]}' > t-field.json
run po-k6-check -T t-field.json "$S01"
exit_is 2 "a misspelt field of a threshold object: exit 2"
like "$T_ERR" "^po-k6-check: t-field.json:1:[0-9]+: unknown or mistyped field 'abortOnFial' in a threshold object" \
    "and names it"
printf '{"http_req_duration": [{"abortOnFail": true}]}' > t-missing.json
run po-k6-check -T t-missing.json "$S01"
exit_is 2 "a threshold object without its expression: exit 2"
printf '{"http_req_duration": ["p(95)<200",\n  "p(95) =< 200"]}' > t-expr.json
run po-k6-check -T t-expr.json "$S01"
exit_is 2 "an expression k6 rejects: exit 2"
like "$T_ERR" "^po-k6-check: t-expr.json:2:17: threshold 'p\(95\) =< 200' on 'http_req_duration': unknown aggregation method 'p\(95\) =' " \
    "the message points at the expression"
printf '{"http_req_duration": [' > t-cut.json
run po-k6-check -T t-cut.json "$S01"
exit_is 2 "a thresholds file cut short: exit 2"
like "$T_ERR" "^po-k6-check: t-cut.json:1:24: invalid JSON: premature EOF$" "and says so"
is "$(cat "$T_OUT")" "" "a bad thresholds file: nothing is read, nothing written"

# Names are read and compared whole, however long their tags: a URL in a
# sub-metric's name runs well past what json-scan once kept of a key.
long="http_req_duration{url:https://example.com/$(printf '%0300d' 0)}"
printf '{"metrics": {"%s": {"type": "trend", "contains": "time", "values": {"avg": 1}, "thresholds": {"avg<2": {"ok": true}}}}}' \
    "$long" > long.json
printf '{"%s": ["avg<2", "avg<0.5"]}' "$long" > t-long.json
run po-k6-check -T t-long.json long.json
exit_is 1 "a 340-byte sub-metric name: read whole, one threshold crossed (exit 1)"
jqs_is "$T_OUT" '[.[] | select(.type == "check") | [(.name | length), .assertion, .status]]' \
    '[[340,"avg<2","pass"],[340,"avg<0.5","fail"]]' \
    "the summary's and the file's thresholds name the same series"

# k6 options whose "thresholds" is an array: not the object of thresholds
# by metric name, and no crash.
printf '{"thresholds": [["avg<1"]]}' > t-array.json
run po-k6-check -T t-array.json "$S01"
exit_is 2 "options whose thresholds are an array: exit 2"
like "$T_ERR" "^po-k6-check: t-array.json:1:18: a threshold is not a string or an object$" \
    "and says where"
printf '{"thresholds": {"http_reqs": ["count>1"]}, "thresholds": [["avg<1"]]}' > t-twice.json
run po-k6-check -T t-twice.json "$S01"
exit_is 2 "options with thresholds twice, the second an array: exit 2"
like "$T_ERR" "^po-k6-check: t-twice.json:1:60: \"thresholds\" is not an object of thresholds by metric name$" \
    "and says so"

done_testing
