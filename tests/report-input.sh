#!/bin/sh
# po-report on bad input: every document that is not what the po stream
# says (share/po-stream.schema.json) is named with its file, line and
# column and makes po-report exit 2, with or without --gate, whatever the
# verdict; an empty input, a missing file, every truncation of a good
# stream, bad options and a failed write do too.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

S=$FIXTURES/streams
cd "$T_TMP" || exit 2

# bad NAME 'DOCUMENT' 'MESSAGE': the one-line stream NAME.ndjson is refused
# with exactly MESSAGE (after "po-report: "), exit 2, and fails the gate.
bad() {
	printf '%s\n' "$2" > "$1.ndjson"
	run po-report "$1.ndjson"
	exit_is 2 "$1: exit 2" &&
	is "$(head -n 1 "$T_ERR")" "po-report: $3" "$1: $3" &&
	like "$T_OUT" '^ERROR: the input could not be read completely$' \
	    "$1: the report says ERROR"
	run po-report --gate -f junit "$1.ndjson"
	exit_is 2 "$1: --gate exits 2"
}

HEAD='"po":1,"type":"check","source":"po-budget","subject":"s","name":"lcp"'
ORIGIN='"origin":{"file":"b.json","format":"po"}'
OK='"status":"pass","level":"error","value":1,"limit":2,"operator":"<="'
SUM='"po":1,"type":"summary","source":"po-budget","status":"pass"'
COUNTS='"checks":1,"passed":1,"warned":0,"failed":0,"errors":0'
FIND='"po":1,"type":"finding","source":"lighthouse","subject":"s","id":"x","title":"t","layer":"frontend","impact":"high","effort":"low"'

# --- the stream itself (the reader's messages) -------------------------------
bad garbage 'hello' \
    'garbage.ndjson:1:2: invalid JSON: invalid char in json text'
bad truncated '{"po":1,' 'truncated.ndjson:1:9: invalid JSON: premature EOF'
bad array '[1,2]' \
    'array.ndjson:1:1: expected a po document (a JSON object), found another JSON value'
bad no-version '{"type":"check"}' \
    'no-version.ndjson:1:1: not a po document: no "po" version (is this a report that needs a parser such as po-lighthouse-parse?)'
bad version-2 '{"po":2,"type":"check"}' \
    'version-2.ndjson:1:1: unsupported po stream version 2 (this po reads 1)'

# --- documents that break the schema ----------------------------------------
bad unknown-type '{"po":1,"type":"verdict"}' \
    "unknown-type.ndjson:1:25: unknown document type 'verdict' (expected metrics, finding, check, summary or error)"
bad no-status "{$HEAD,\"level\":\"error\",\"value\":1,\"limit\":2,\"operator\":\"<=\",$ORIGIN}" \
    'no-status.ndjson:1:165: check document: missing "status"'
bad bad-status "{$HEAD,\"status\":\"ok\",\"level\":\"error\",\"value\":1,\"limit\":2,\"operator\":\"<=\",$ORIGIN}" \
    "bad-status.ndjson:1:85: check document: \"status\" must be \"pass\", \"warn\" or \"fail\", not 'ok'"
bad status-number "{$HEAD,\"status\":1,\"level\":\"error\",\"value\":1,\"limit\":2,\"operator\":\"<=\",$ORIGIN}" \
    'status-number.ndjson:1:82: check document: "status" must be "pass", "warn" or "fail"'
bad value-string "{$HEAD,\"status\":\"pass\",\"level\":\"error\",\"value\":\"1\",\"limit\":2,\"operator\":\"<=\",$ORIGIN}" \
    'value-string.ndjson:1:115: check document: "value" must be a finite number or null'
bad limit-null "{$HEAD,\"status\":\"pass\",\"level\":\"error\",\"value\":1,\"limit\":null,\"operator\":\"<=\",$ORIGIN}" \
    'limit-null.ndjson:1:126: check document: "limit" must be a finite number'
bad huge-value "{$HEAD,\"status\":\"pass\",\"level\":\"error\",\"value\":1e999,\"limit\":2,\"operator\":\"<=\",$ORIGIN}" \
    'huge-value.ndjson:1:117: check document: "value" must be a finite number or null'
bad bad-operator "{$HEAD,\"status\":\"pass\",\"level\":\"error\",\"value\":1,\"limit\":2,\"operator\":\"=<\",$ORIGIN}" \
    "bad-operator.ndjson:1:139: check document: \"operator\" must be \"<\", \"<=\", \">\", \">=\", \"==\" or \"!=\", not '=<'"
bad no-origin "{$HEAD,$OK}" \
    'no-origin.ndjson:1:140: check document: missing "origin"'
bad origin-string "{$HEAD,$OK,\"origin\":\"b.json\"}" \
    'origin-string.ndjson:1:157: check document: "origin" must be an object'
bad origin-format "{$HEAD,$OK,\"origin\":{\"file\":\"b.json\",\"format\":\"yaml\"}}" \
    "origin-format.ndjson:1:181: check document: \"origin.format\" must be \"po\", \"lighthouse-budget\", \"lhci\", \"k6\" or \"default\", not 'yaml'"
bad origin-no-file "{$HEAD,$OK,\"origin\":{\"format\":\"po\"}}" \
    'origin-no-file.ndjson:1:164: check document: missing "origin.file"'
bad bad-unit "{$HEAD,$OK,\"unit\":\"furlongs\",$ORIGIN}" \
    "bad-unit.ndjson:1:157: check document: \"unit\" must be \"ms\", \"bytes\", \"score\", \"count\", \"unitless\", \"ratio\", \"rps\" or \"per_second\", not 'furlongs'"
bad control-word "{$HEAD,\"status\":\"p\\u001b[31m\",\"level\":\"error\",\"value\":1,\"limit\":2,\"operator\":\"<=\",$ORIGIN}" \
    "control-word.ndjson:1:94: check document: \"status\" must be \"pass\", \"warn\" or \"fail\", not 'p?[31m'"
bad summary-exit-3 "{$SUM,\"exit\":3,$COUNTS}" \
    'summary-exit-3.ndjson:1:71: summary document: "exit" must be 0, 1 or 2'
bad summary-fraction "{$SUM,\"exit\":0,\"checks\":1.5,\"passed\":1,\"warned\":0,\"failed\":0,\"errors\":0}" \
    'summary-fraction.ndjson:1:84: summary document: "checks" must be a whole number, zero or more'
bad summary-negative "{$SUM,\"exit\":0,\"checks\":1,\"passed\":-1,\"warned\":0,\"failed\":0,\"errors\":0}" \
    'summary-negative.ndjson:1:94: summary document: "passed" must be a whole number, zero or more'
bad summary-status "{\"po\":1,\"type\":\"summary\",\"source\":\"po-budget\",\"status\":\"ok\",\"exit\":0,$COUNTS}" \
    "summary-status.ndjson:1:60: summary document: \"status\" must be \"pass\", \"warn\", \"fail\" or \"error\", not 'ok'"
bad summary-no-errors "{$SUM,\"exit\":0,\"checks\":1,\"passed\":1,\"warned\":0,\"failed\":0}" \
    'summary-no-errors.ndjson:1:116: summary document: missing "errors"'
bad finding-severity "{$FIND,\"severity\":\"urgent\",\"savings\":{}}" \
    "finding-severity.ndjson:1:152: finding document: \"severity\" must be \"high\", \"medium\" or \"low\", not 'urgent'"
bad finding-savings "{$FIND,\"severity\":\"high\",\"savings\":{\"ms\":\"1\"}}" \
    'finding-savings.ndjson:1:170: finding document: "savings.ms" must be a finite number'
bad finding-no-savings "{$FIND,\"severity\":\"high\"}" \
    'finding-no-savings.ndjson:1:151: finding document: missing "savings"'
bad finding-tags "{$FIND,\"severity\":\"high\",\"savings\":{},\"tags\":[]}" \
    'finding-tags.ndjson:1:172: finding document: "tags" must be an object'
bad error-no-message '{"po":1,"type":"error","source":"lighthouse","subject":"s","code":"X"}' \
    'error-no-message.ndjson:1:71: error document: missing "message"'
bad error-code-number '{"po":1,"type":"error","source":"lighthouse","subject":"s","code":404,"message":"m"}' \
    'error-code-number.ndjson:1:70: error document: "code" must be a string'
bad metrics-no-metrics '{"po":1,"type":"metrics","source":"lighthouse","subject":"s"}' \
    'metrics-no-metrics.ndjson:1:62: metrics document: missing "metrics"'

# --- a bad document among good ones ------------------------------------------
{ head -n 3 "$S/fail.ndjson"; echo '{"po":1,"type":"check"}'; tail -n +4 "$S/fail.ndjson"; } \
    > middle.ndjson
run po-report --gate middle.ndjson
exit_is 2 "a bad document in a failing stream: exit 2, not 1"
is "$(cat "$T_ERR")" 'po-report: middle.ndjson:4:24: check document: missing "source"' \
    "the bad document is named by its line"
like "$T_OUT" '^  the last summary said FAIL: 16 checks' \
    "the report still shows what the summary said"
{ cat "$S/pass.ndjson"; printf '{"po":1,"type":"check","status":"pass"}\n'; } > after.ndjson
run po-report --gate after.ndjson
exit_is 2 "a bad document after a passing summary: exit 2"

# --- empty input, missing files, every truncation ----------------------------
: > empty.ndjson
run po-report empty.ndjson
exit_is 2 "an empty file: exit 2"
is "$(cat "$T_ERR")" "po-report: empty.ndjson: no po documents in the input" "and says so"
is "$(cat "$T_OUT")" "ERROR: no po documents in the input" "and so does the report"
run_sh 'po-report < /dev/null'
is "$(cat "$T_ERR")" "po-report: <stdin>: no po documents in the input" \
    "an empty standard input is named <stdin>"
run_sh 'printf "\n  \n" | po-report --gate'
exit_is 2 "blank lines only: exit 2"
run po-report missing.ndjson
exit_is 2 "a missing file: exit 2"
is "$(cat "$T_ERR")" "po-report: missing.ndjson: No such file or directory" \
    "and names it"
run po-report "$S/pass.ndjson" missing.ndjson
exit_is 2 "a missing file after a passing stream: exit 2"
printf '\000\001binary\n' > binary.ndjson
run po-report binary.ndjson
exit_is 2 "binary data: exit 2"
gzip -c "$S/fail.ndjson" > fail.ndjson.gz
run po-report --gate fail.ndjson.gz
exit_is 1 "a gzip-compressed stream is read as it is"

# Short of the last newline: without it the stream is whole.
size=$(($(wc -c < "$S/pass.ndjson") - 1))
passed=0
i=0
while [ "$i" -lt "$size" ]; do
	head -c "$i" "$S/pass.ndjson" > prefix.ndjson
	po-report --gate prefix.ndjson >/dev/null 2>&1
	rc=$?
	if [ "$rc" -ne 2 ]; then
		diag "the first $i bytes of pass.ndjson exit $rc"
		passed=$((passed + 1))
	fi
	i=$((i + 1))
done
is "$passed" 0 "each of the $size truncations of a passing stream fails the gate with 2"

# --- options ------------------------------------------------------------------
run po-report -f yaml "$S/pass.ndjson"
exit_is 2 "an unknown format: exit 2"
like "$T_ERR" "^po-report: unknown format 'yaml' \(expected text, markdown, junit, github, html or svg\)$" \
    "and says which there are"
run po-report --color=sometimes "$S/pass.ndjson"
exit_is 2 "a bad --color: exit 2"
run po-report --max-bytes=1MiB "$S/pass.ndjson"
exit_is 2 "a --max-bytes with a unit: exit 2"
run po-report --max-bytes=-1 "$S/pass.ndjson"
exit_is 2 "a negative --max-bytes: exit 2"
run po-report --max-bytes=99999999999999999999999 "$S/pass.ndjson"
exit_is 2 "an absurd --max-bytes: exit 2"
run po-report --no-such-option "$S/pass.ndjson"
exit_is 2 "an unknown option: exit 2"

# --- output that cannot be written -------------------------------------------
if [ -w /dev/full ]; then
	for format in text markdown junit github; do
		po-report -f "$format" "$S/fail.ndjson" > /dev/full 2> "$T_ERR"
		T_RC=$?
		exit_is 2 "-f $format into a full disk: exit 2"
	done
	like "$T_ERR" '^po-report: write error on standard output: No space left on device$' \
	    "and says so"
else
	t_n=$((t_n + 5))
	echo "ok $((t_n - 4)) - a full disk # SKIP no /dev/full"
	for j in 3 2 1 0; do echo "ok $((t_n - j)) - a full disk # SKIP no /dev/full"; done
fi

done_testing
