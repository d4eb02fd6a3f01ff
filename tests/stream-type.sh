#!/bin/sh
# A document whose "type" is not one of the five of the stream's schema
# (share/po-stream.schema.json) is refused by the stream reader
# (tools/lib/stream-read.c), in every tool that reads the stream: named
# with its file, line and the column of the type, exit 2, and not passed
# through to a gate's output.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"
. "$PO_SRCDIR/tests/baseline-lib.sh"

RF=$FIXTURES/regression
W=$T_TMP/work
mkdir -p "$W"
cd "$W" || exit 2

# The good stream of the regression fixtures, with a document of an
# unknown type as its second line.
{ head -n 1 "$RF/slow.ndjson"; printf '%s\n' '{"po":1,"type":"verdict","status":"pass"}';
    tail -n +2 "$RF/slow.ndjson"; } > typed.ndjson
MESSAGE="typed.ndjson:2:25: unknown document type 'verdict' (expected metrics, finding, check, summary or error)"

# says TOOL: the last run exited 2 with the reader's message.
says() {
	exit_is 2 "$1: exit 2"
	is "$(head -n 1 "$T_ERR")" "$1: $MESSAGE" \
	    "$1: names the file, line and column of the type"
}

run po-budget -b "$RF/budget.json" typed.ndjson
says po-budget
unlike "$T_OUT" '"type":"verdict"' "po-budget: the document is not passed through"
is "$(tail -n 1 "$T_OUT" | jq -c '[.type, .status, .exit]')" '["summary","error",2]' \
    "po-budget: the summary says error"

run po-report typed.ndjson
says po-report

run po-budget -b "$RF/budget.json" --baseline typed.ndjson "$RF/slow.ndjson"
says po-budget
is "$(tail -n 1 "$T_OUT" | jq -c '[.status, .exit]')" '["error",2]' \
    "po-budget --baseline: an unknown type in the baseline: the summary says error"

# po-k6-check reads the stream of the tools before it on standard input.
run_sh "po-k6-check '$FIXTURES/k6/01-pass-basic/summary.json' < typed.ndjson"
exit_is 2 "po-k6-check: exit 2"
like "$T_ERR" "^po-k6-check: <stdin>:2:25: unknown document type 'verdict'" \
    "po-k6-check: names the input, line and column"
unlike "$T_OUT" '"type":"verdict"' "po-k6-check: the document is not passed through"

R=$T_TMP/repo
new_repo "$R" && commit "$R" m1
run po-baseline -C "$R" save "$W/typed.ndjson"
exit_is 2 "po-baseline save: exit 2"
is "$(head -n 1 "$T_ERR")" "po-baseline: $W/$MESSAGE" \
    "po-baseline save: names the file, line and column of the type"
run po-baseline -C "$R" show
exit_is 1 "po-baseline save: nothing was saved"
like "$T_ERR" "^po-baseline: no baseline" "po-baseline show: says there is none"

# The type is compared as written: no other case, no padding.
for type in Metrics 'check ' ''; do
	printf '{"po":1,"type":"%s"}\n' "$type" > odd.ndjson
	{ head -n 1 "$RF/slow.ndjson"; cat odd.ndjson; } > odd2.ndjson
	run po-budget -b "$RF/budget.json" odd2.ndjson
	exit_is 2 "type '$type': exit 2"
	like "$T_ERR" "^po-budget: odd2\\.ndjson:2:[0-9]+: unknown document type '$type'" \
	    "type '$type': refused as unknown"
done

# A type that holds a line break and a tab: the message stays one line,
# with '?' for each control character.
printf '{"po":1,"type":"a\\nb\\tc"}\n' > ctl.ndjson
run po-budget -b "$RF/budget.json" ctl.ndjson
exit_is 2 "a type with control characters: exit 2"
like "$T_ERR" "^po-budget: ctl\\.ndjson:1:[0-9]+: unknown document type 'a\\?b\\?c' \\(expected" \
    "the message shows them as '?'"
is "$(grep -c 'unknown document type' "$T_ERR")" 1 "in one line"
unlike "$T_ERR" "^b" "no line starts with the rest of the type"

done_testing
