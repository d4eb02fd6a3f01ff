#!/bin/sh
# The gzip-transparent input layer (tools/lib/input.c) under the tools that
# read through it: a file of several gzip members (gzip's own format for
# `cat a.gz b.gz`) is read whole, as zcat reads it, from a file and from a
# pipe; whatever follows the last member that is not another member is
# refused, where gzip only warns and zlib's gzread says nothing; plain data
# on a pipe is read as it is, whatever its first bytes.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

# po-k6-check reads a po stream from a standard input that is not a
# terminal: give it an empty one unless a test pipes something in.
exec < /dev/null

W=$T_TMP/work
mkdir -p "$W"
cd "$W" || exit 2

REPORT=$REPORTS/lh12-lean-mobile-run1.json
POINTS=$FIXTURES/k6/01-pass-basic/points.ndjson

# members FILE N OUT: FILE cut into N pieces of about the same size, each
# compressed on its own, one after the other in OUT.  The pieces end
# anywhere, in the middle of a line or of a string.
members() {
	size=$(wc -c < "$1")
	piece=$(( (size + $2 - 1) / $2 ))
	rm -f "$3"
	i=0
	while [ "$i" -lt "$2" ]; do
		tail -c +$((i * piece + 1)) "$1" | head -c "$piece" | gzip -nc >> "$3"
		i=$((i + 1))
	done
}

# -- Several members are one file --------------------------------------

gzip -nc "$REPORT" > one.json.gz
members "$REPORT" 3 three.json.gz
{ gzip -nc < /dev/null; cat one.json.gz; gzip -nc < /dev/null; } > empty-members.json.gz
po-lighthouse-parse < "$REPORT" > want.ndjson
for f in one three empty-members; do
	run_sh "po-lighthouse-parse < $f.json.gz"
	exit_is 0 "po-lighthouse-parse: $f.json.gz as a file: exit 0"
	same "$T_OUT" want.ndjson "po-lighthouse-parse: $f.json.gz as a file: the report whole"
	run_sh "cat $f.json.gz | po-lighthouse-parse"
	exit_is 0 "po-lighthouse-parse: $f.json.gz on a pipe: exit 0"
	same "$T_OUT" want.ndjson "po-lighthouse-parse: $f.json.gz on a pipe: the report whole"
done
is "$(zcat three.json.gz | cmp - "$REPORT" && echo same)" same \
    "zcat reads the three members as the report (the test's own check)"

# A stream cut into members in the middle of its lines.
{ cat want.ndjson; po-lighthouse-parse "$REPORTS/lh12-medium-mobile-run1.json"; } \
    > two-runs.ndjson
members two-runs.ndjson 4 two-runs.ndjson.gz
printf '%s\n' '{"po_budget":1,"rules":[{"metric":"lcp","error":60000}]}' > budget.json
po-budget -b budget.json < two-runs.ndjson > want-gate.ndjson
run_sh "po-budget -b budget.json < two-runs.ndjson.gz"
exit_is 0 "po-budget: a stream in four members: exit 0"
same "$T_OUT" want-gate.ndjson "po-budget: a stream in four members: read whole"
run_sh "cat two-runs.ndjson.gz | po-budget -b budget.json"
same "$T_OUT" want-gate.ndjson "po-budget: a stream in four members on a pipe: read whole"

# k6's raw points, as several generators' gzipped files concatenated.
cp "$POINTS" points.ndjson
po-k6-check --subject=run points.ndjson 2>/dev/null |
    sed 's/"points\.ndjson"/"NAME"/g' > want-k6.ndjson
members points.ndjson 5 points.ndjson.gz
run po-k6-check --subject=run points.ndjson.gz
exit_is 0 "po-k6-check: points in five members: exit 0"
sed 's/"points\.ndjson\.gz"/"NAME"/g' "$T_OUT" > got-k6.ndjson
same got-k6.ndjson want-k6.ndjson "po-k6-check: points in five members: every number as from the plain file"

# A budget, read through json-val.c.
members budget.json 2 budget.json.gz
run po-budget -b budget.json.gz two-runs.ndjson
exit_is 0 "po-budget -b: a budget in two members: exit 0"

# -- What follows the last member ----------------------------------------

# after NAME BYTES DESCRIPTION ERE: the report's member followed by BYTES
# (printf's format) is refused from a file and from a pipe, exit 2, with
# one message that names the input and matches ERE, and no measurement.
after() {
	{ cat one.json.gz; printf "$2"; } > "$1.json.gz"
	run po-lighthouse-parse "$1.json.gz"
	exit_is 2 "$3, in a file: exit 2"
	like "$T_ERR" "^po-lighthouse-parse: $1\\.json\\.gz: $4" \
	    "$3, in a file: says so, naming the file"
	is "$(wc -c < "$T_OUT")" 0 "$3, in a file: nothing on stdout"
	run_sh "cat $1.json.gz | po-lighthouse-parse"
	exit_is 2 "$3, on a pipe: exit 2"
	like "$T_ERR" "^po-lighthouse-parse: <stdin>: $4" \
	    "$3, on a pipe: says so, naming the input"
}

GARBAGE='read error: trailing garbage after the gzip data$'
TRUNCATED='read error: truncated gzip data \(unexpected end of file\)$'
after garbage 'trailing garbage' "text after the member" "$GARBAGE"
after newline '\n' "a newline after the member" "$GARBAGE"
after zeros '\0\0\0\0\0\0\0\0' "zero bytes after the member (gzip ignores them)" "$GARBAGE"
after half-magic '\037' "half of gzip's magic bytes after the member" "$TRUNCATED"
after magic '\037\213' "gzip's magic bytes alone after the member" "$TRUNCATED"
after bad-method '\037\213\011\000\000\000\000\000\000\003' \
    "a gzip header with an unknown method after the member" \
    'read error: invalid gzip data: unknown compression method$'

# A second member cut short, or with a wrong CRC.  It holds white space
# only, which a JSON document may end with: gzip alone can tell.
printf '\n\n\n' | gzip -nc > small.gz
size=$(wc -c < small.gz)
{ cat one.json.gz; head -c $((size - 4)) small.gz; } > cut-second.json.gz
run po-lighthouse-parse cut-second.json.gz
exit_is 2 "a second member cut short: exit 2"
like "$T_ERR" "^po-lighthouse-parse: cut-second\\.json\\.gz: $TRUNCATED" \
    "a second member cut short: says so"
{ cat one.json.gz; head -c $((size - 8)) small.gz; printf '\0\0\0\0'; tail -c 4 small.gz; } \
    > crc-second.json.gz
run po-lighthouse-parse crc-second.json.gz
exit_is 2 "a second member with a wrong CRC: exit 2"
like "$T_ERR" '^po-lighthouse-parse: crc-second\.json\.gz: read error: invalid gzip data: incorrect data check$' \
    "a second member with a wrong CRC: says so"

# The same refusal where the other readers are: the stream, a budget, k6.
{ cat two-runs.ndjson.gz; printf 'x'; } > stream-garbage.ndjson.gz
run po-budget -b budget.json stream-garbage.ndjson.gz
exit_is 2 "po-budget: garbage after a gzip stream: exit 2"
like "$T_ERR" "^po-budget: stream-garbage\\.ndjson\\.gz: $GARBAGE" \
    "po-budget: garbage after a gzip stream: says so"
run po-report stream-garbage.ndjson.gz
exit_is 2 "po-report: garbage after a gzip stream: exit 2"
{ cat budget.json.gz; printf 'x'; } > budget-garbage.json.gz
run po-budget -b budget-garbage.json.gz two-runs.ndjson
exit_is 2 "po-budget -b: garbage after a gzip budget: exit 2"
like "$T_ERR" "^po-budget: budget-garbage\\.json\\.gz: $GARBAGE" \
    "po-budget -b: garbage after a gzip budget: says so"
{ cat points.ndjson.gz; printf 'x'; } > points-garbage.ndjson.gz
run po-k6-check points-garbage.ndjson.gz
exit_is 2 "po-k6-check: garbage after gzipped points: exit 2"
like "$T_ERR" "^po-k6-check: points-garbage\\.ndjson\\.gz: $GARBAGE" \
    "po-k6-check: garbage after gzipped points: says so"
unlike "$T_OUT" '"exit":[01]' "po-k6-check: garbage after gzipped points: no summary that passes"

# -- Plain data on a pipe ----------------------------------------------

# Read ahead to look for gzip's magic bytes, then handed over whole.
run_sh "cat '$REPORT' | po-lighthouse-parse"
same "$T_OUT" want.ndjson "a plain report on a pipe: read whole"
printf '\037{}' > almost-magic.json
run_sh "cat almost-magic.json | po-lighthouse-parse"
exit_is 2 "plain data that starts with half of gzip's magic: exit 2"
like "$T_ERR" '^po-lighthouse-parse: <stdin>:1:[0-9]+: invalid JSON' \
    "plain data that starts with half of gzip's magic: read as JSON, not as gzip"
run_sh "printf 5 | po-lighthouse-parse"
exit_is 2 "one byte on a pipe: exit 2"
like "$T_ERR" '^po-lighthouse-parse: <stdin>:1:[0-9]+: ' \
    "one byte on a pipe: read as JSON, with a position"
run_sh "po-lighthouse-parse < /dev/null"
exit_is 2 "nothing on standard input: exit 2"
like "$T_ERR" '^po-lighthouse-parse: <stdin>: ' "nothing on standard input: says so"

done_testing
