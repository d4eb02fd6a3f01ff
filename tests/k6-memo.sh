#!/bin/sh
# The memos of line heads and tails (tools/lib/k6-memo.c): k6-points.c
# cuts a point's line around its time and value and replays what yajl
# said of a head or tail it has seen before.  Whatever the lines, that
# must change nothing: on the real k6 runs and on lines made to look alike
# where it matters (the same tail after a prefix of another shape, a bad
# number just before a known tail, a tail in a second document, a known
# head before a bad time or number, CRLF, a last line without newline),
# k6-memo-test parses each file with and without the memo and compares
# everything.  Then po-k6-check as users run it on such a file.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

exec < /dev/null
K6=$FIXTURES/k6
W=$T_TMP/work
mkdir -p "$W"

# memo_same FILE DESCRIPTION [OPTIONS...]: the same both ways.
memo_same() {
	file=$1
	what=$2
	shift 2
	run k6-memo-test "$@" "$file"
	if [ "$T_RC" -eq 0 ] && ! grep -q '^not ok' "$T_OUT"; then
		ok 0 "$what"
	else
		ok 1 "$what"
		diag "exit $T_RC"
		grep -v '^ok' "$T_OUT" | head -n 8 | diag "$(cat)"
		head -n 3 "$T_ERR" | diag "$(cat)"
	fi
}

SUB='http_req_duration{expected_response:true}'
for f in "$K6"/*/points.ndjson "$K6"/*/points.ndjson.gz; do
	[ -f "$f" ] || continue
	name=$(basename "$(dirname "$f")")
	memo_same "$f" "$name: the same with the memo, tails and heads replayed" \
	    -r -H
	memo_same "$f" "$name: the same with a sub-metric keeping every tag" \
	    -r -s "$SUB" -s 'http_reqs{scenario:default}'
done

# Lines made to probe the memo: each case is a file whose first lines
# put a tail in the memo, then a line where that very tail follows
# something else.
python3 - "$W" <<'PY'
import sys
w = sys.argv[1]
T = '"2026-11-24T22:05:15.806424254Z"'
TAIL = ',"tags":{"expected_response":"true","name":"http://a/x","scenario":"s","status":"200"}}}'
def point(metric='http_req_duration', value='1.5', tail=TAIL, time=T):
    return '{"metric":"%s","type":"Point","data":{"time":%s,"value":%s%s' % (
        metric, time, value, tail)
META = ('{"type":"Metric","data":{"name":"http_req_duration","type":"trend",'
        '"contains":"time","thresholds":["p(95)<50"],"submetrics":null},'
        '"metric":"http_req_duration"}')
warm = [META] + [point(value=v) for v in ('1', '2.25', '3e2', '-0.5')]
cases = {
    'plain': warm + [point(value='7')],
    'metric-type': warm + ['{"metric":"http_req_duration","type":"Metric",'
        '"data":{"time":%s,"value":1%s' % (T, TAIL)],
    'no-metric': warm + ['{"type":"Point","data":{"time":%s,"value":1%s' % (T, TAIL)],
    'no-time': warm + ['{"metric":"http_req_duration","type":"Point",'
        '"data":{"value":1%s' % TAIL],
    'bad-number-dot': warm + [point(value='1.')],
    'bad-number-exp': warm + [point(value='1e')],
    'bad-number-minus': warm + [point(value='-')],
    'leading-zero': warm + [point(value='01')],
    'number-then-number': warm + [point(value='1-2')],
    'huge-number': warm + [point(value='1e999')],
    'value-deeper': warm + ['{"metric":"http_req_duration","type":"Point",'
        '"data":{"time":%s,"x":{"value":1%s}' % (T, TAIL)],
    'value-in-array': warm + ['{"metric":"http_req_duration","type":"Point",'
        '"data":{"time":%s,"x":[{"value":1%s]}' % (T, TAIL)],
    'escaped-key': warm + ['{"metric":"http_req_duration","type":"Point",'
        '"data":{"time":%s,"val\\u0075e":1%s' % (T, TAIL)],
    'value-twice': warm + ['{"metric":"http_req_duration","type":"Point",'
        '"data":{"time":%s,"value":1,"value":2%s' % (T, TAIL)],
    'root-value-key': warm + ['{"value":1%s' % TAIL],
    'second-document': warm + [point(tail=TAIL + '{"metric":"m","type":"Point",'
        '"data":{"time":%s,"value":1%s' % (T, TAIL))] * 3,
    'split-document': warm + ['{"metric":"http_req_duration",',
        '"type":"Point","data":{"time":%s,"value":9%s' % (T, TAIL), point()],
    'tag-not-string': warm + [point(tail=',"tags":{"a":1}}}')] ,
    'tags-null': [point(tail=',"tags":null}}')] * 4,
    'metric-after-data': [META] + ['{"type":"Point","data":{"time":%s,"value":%d,'
        '"tags":{"status":"200"}},"metric":"http_req_duration"}' % (T, v)
        for v in range(6)],
    'bad-utf8-tail': warm + [point(tail=',"tags":{"a":"\xff"}}}')],
    'bad-time': warm + [point(time='"yesterday"')],
    'unclosed': warm + [point(tail=TAIL[:-1])],
    'extra-close': warm + [point(tail=TAIL + '}')],
    'other-metric': warm + [point(metric='iteration_duration')] * 3,
    # A tail of braces alone, no tags: a replay with no text at all
    # (found by fuzz-k6-points under UBSan).
    'braces-only': [META] + [point(tail='}}')] * 3,
    # Known heads (every warm line has the same one) before what the
    # memo of heads must not take for a known line.
    'head-bad-time': warm + [point(time='"2026-13-45T99:99:99Z"')],
    'head-time-range': warm + [point(time='"9999-01-01T00:00:00Z"')],
    'head-escaped-time': warm + [point(time='"2026-11-24T22:05:15\\u002e8Z"')],
    'head-time-not-string': warm + [point(time='20261124')],
    'head-blanks': warm + [' \t' + point()] * 3,
    'head-numbers': warm + [point(value=v) for v in ('0', '-0', '1E+2',
        '0.5e-3', '-12.75E-1', '123456789012345678901234567890', '1e308')],
    'head-bad-plus': warm + [point(value='+1')],
    'head-bad-dot-first': warm + [point(value='.5')],
    'head-bad-dot-exp': warm + [point(value='1.e5')],
    'head-bad-exp-sign': warm + [point(value='1e+')],
    'head-bad-minus-twice': warm + [point(value='--1')],
    'head-bad-zeros': warm + [point(value='-00')],
    'head-metric-type': warm + ['{"metric":"http_req_duration","type":"Metric",'
        '"data":{"time":%s,"value":1%s' % (T, TAIL)] * 3,
    'head-not-data': warm + ['{"metric":"http_req_duration","type":"Point",'
        '"x":{"time":%s,"value":1%s' % (T, TAIL)] * 3,
    'head-data-first': [META] + ['{"data":{"time":%s,"value":%d,"tags":'
        '{"status":"200"}},"type":"Point","metric":"http_req_duration"}'
        % (T, v) for v in range(6)],
    'head-then-other-tail': warm + [point(tail=',"tags":{"status":"500"}}}')] * 3,
}
for name, lines in cases.items():
    with open('%s/%s.ndjson' % (w, name), 'wb') as f:
        f.write(('\n'.join(lines) + '\n').encode('latin-1'))
    with open('%s/%s-crlf.ndjson' % (w, name), 'wb') as f:
        f.write(('\r\n'.join(lines) + '\r\n').encode('latin-1'))
    with open('%s/%s-noeol.ndjson' % (w, name), 'wb') as f:
        f.write('\n'.join(lines).encode('latin-1'))
PY
for f in "$W"/*.ndjson; do
	memo_same "$f" "$(basename "$f" .ndjson): the same with the memo" \
	    -s "$SUB"
done

# The cases where a known tail comes after a line of its own make the
# memo replay: check that it did, so that the rest tests something.
for name in plain other-metric tags-null metric-after-data braces-only; do
	memo_same "$W/$name.ndjson" "$name: tails replayed" -r
done
for name in plain head-blanks head-numbers head-data-first \
    head-then-other-tail; do
	memo_same "$W/$name.ndjson" "$name: heads replayed" -H
done

# As users see it: a bad number just before a known tail is reported where
# yajl finds it, on its line and column, exit 2.
run po-k6-check "$W/bad-number-dot.ndjson"
exit_is 2 "po-k6-check: a bad number before a known tail: exit 2"
like "$T_ERR" '^po-k6-check: .*bad-number-dot\.ndjson:6:104: invalid JSON: malformed number' \
    "po-k6-check: ... names line 6, column 104, where the number ends"

# The same points with a tag that differs from line to line, so that no
# tail is ever seen twice: the same report, to the byte.
mkdir -p "$W/memo" "$W/unique"
cp "$W/plain.ndjson" "$W/memo/points.ndjson"
python3 - "$W/plain.ndjson" "$W/unique/points.ndjson" <<'PY'
import sys
with open(sys.argv[1]) as src, open(sys.argv[2], 'w') as out:
    for n, line in enumerate(src):
        out.write(line.replace('"tags":{', '"tags":{"u":"%d",' % n))
PY
in_dir() { run sh -c 'cd "$1" && shift && exec "$@"' sh "$@"; }
in_dir "$W/memo" po-k6-check points.ndjson
cp "$T_OUT" "$W/memo.out"
memo_rc=$T_RC
in_dir "$W/unique" po-k6-check points.ndjson
same "$T_OUT" "$W/memo.out" "po-k6-check: the same report with tails replayed and without"
is "$T_RC" "$memo_rc" "po-k6-check: ... and the same exit status"
is "$memo_rc" 1 "po-k6-check: p(95)<50 crossed: exit 1"
jq_is "$W/memo.out" 'select(.type=="check") | [.metric, .value]' \
    '["http_req_duration.p95",241.39999999999995]' \
    "po-k6-check: ... p(95) of -0.5, 1, 2.25, 7, 300, interpolated as k6 does"

done_testing
