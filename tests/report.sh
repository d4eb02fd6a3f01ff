#!/bin/sh
# po-report renders the po stream: every format over hand-written streams
# of checks and summaries (pass, warn, fail, error, hostile strings, two
# gates) and over the real output of po-lighthouse-parse, compared with
# the expected files exactly; the exit status with and without --gate;
# colour; the man page.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

S=$FIXTURES/streams
E=$PO_SRCDIR/tests/expected/report

# render NAME ARGS...: po-report ARGS writes exactly tests/expected/report/NAME
# and exits 0 (without --gate, a verdict is not an exit status).
render() {
	name=$1
	shift
	run po-report "$@"
	exit_is 0 "$name: exits 0" &&
	same "$T_OUT" "$E/$name" "$name: rendered as expected"
}

# gate STREAM STATUS WHY
gate() {
	run po-report --gate "$1"
	exit_is "$2" "--gate $(basename "$1"): $3"
}

# --- every format over every hand-written stream ---------------------------
for stream in "$S"/*.ndjson; do
	valid_stream "$stream" "$(basename "$stream") is a valid po stream"
done
for stream in pass warn fail error hostile two-summaries; do
	render "$stream.txt" "$S/$stream.ndjson"
	render "$stream.md" -f markdown "$S/$stream.ndjson"
	render "$stream.xml" --format=junit "$S/$stream.ndjson"
	render "$stream.gh" -f github "$S/$stream.ndjson"
done
run po-report -f text "$S/fail.ndjson"
same "$T_OUT" "$E/fail.txt" "-f text is the default format"
run_sh "po-report < '$S/warn.ndjson'"
same "$T_OUT" "$E/warn.txt" "the stream is read from the standard input"
run_sh "po-report - < '$S/warn.ndjson'"
same "$T_OUT" "$E/warn.txt" "'-' is the standard input"

# Hostile strings: what the expected files show, said outright.
run po-report "$S/hostile.ndjson"
unlike "$T_OUT" "$(printf '\033')" "text: no escape sequence from the stream reaches the terminal"
run po-report -f github "$S/hostile.ndjson"
is "$(grep -vc '^::' "$T_OUT")" 0 "github: no string of the stream starts a line"
is "$(wc -l < "$T_OUT" | tr -d ' ')" 5 "github: one command per check, error and verdict"
like "$T_OUT" '^::error title=FAIL name\|with\|pipes%0Aand a newline%0D%0A%3A%3Aerror%3A%3Ainjected \(https%3A//' \
    "github: line breaks, ':' and ',' in a title are encoded"
run po-report -f markdown "$S/hostile.ndjson"
like "$T_OUT" '^\| ❌ fail \| https://example\.test/a\\\|b\?q=1\\&r=\\<2\\>\\#frag ' \
    "markdown: '|', '&', '<', '>' and '#' are escaped in a cell"

# --- the real output of po-lighthouse-parse ---------------------------------
# Three runs of the heavy page, the lean page and a page that answered 404;
# the paths are relative so that the error document's "file" is stable.
cd "$PO_SRCDIR" || exit 2
R=tests/fixtures/lighthouse/reports
po-lighthouse-parse $R/lh12-heavy-mobile-run1.json $R/lh12-heavy-mobile-run2.json \
    $R/lh12-heavy-mobile-run3.json $R/lh12-lean-mobile-run1.json \
    $R/lh12-error-404.json > "$T_TMP/lh.ndjson" 2>/dev/null
is "$?" 2 "po-lighthouse-parse exits 2 for the page it could not measure"
valid_stream "$T_TMP/lh.ndjson" "the Lighthouse stream is valid"
render lighthouse.txt "$T_TMP/lh.ndjson"
render lighthouse.md -f markdown "$T_TMP/lh.ndjson"
is "$(grep -c '^ *[0-9]*\. ' "$E/lighthouse.txt")" 10 \
    "the text report lists the ten top findings"
is "$(jq -r 'select(.type == "finding") | .id' "$T_TMP/lh.ndjson" | sort -u | wc -l)" \
    "$(grep -c '^| [0-9]' "$E/lighthouse.md")" \
    "a finding found in each of three runs is listed once"
cat "$T_TMP/lh.ndjson" "$S/fail.ndjson" > "$T_TMP/lh-fail.ndjson"
render lighthouse-fail.txt "$T_TMP/lh-fail.ndjson"
render lighthouse-fail.md -f markdown "$T_TMP/lh-fail.ndjson"
render lighthouse-fail.xml -f junit "$T_TMP/lh-fail.ndjson"
render lighthouse-fail.gh -f github "$T_TMP/lh-fail.ndjson"
cd - >/dev/null || exit 2

# --- the verdict and the exit status ---------------------------------------
gate "$S/pass.ndjson" 0 "a pass exits 0"
gate "$S/warn.ndjson" 0 "a pass with warnings exits 0"
gate "$S/fail.ndjson" 1 "a failed gate exits 1"
gate "$S/error.ndjson" 2 "a gate that could not measure a page exits 2"
gate "$S/hostile.ndjson" 1 "hostile strings do not change the verdict"
gate "$S/two-summaries.ndjson" 1 "the last summary counts (pass, then fail)"
run po-report --gate "$T_TMP/lh.ndjson"
exit_is 2 "--gate with no summary in the stream fails closed: exit 2"
is "$(cat "$T_ERR")" \
    "po-report: no summary in the input: nothing to gate on (did po-budget run?)" \
    "and says why"
same "$T_OUT" "$E/lighthouse.txt" "the report is written all the same"
run po-report "$T_TMP/lh.ndjson"
exit_is 0 "without --gate, a stream with no summary renders and exits 0"
is "$(wc -c < "$T_ERR")" 0 "without a word on stderr"

grep -v '"summary"' "$S/two-summaries.ndjson" | head -n 2 > "$T_TMP/first.ndjson"
tail -n 1 "$S/pass.ndjson" >> "$T_TMP/first.ndjson"
tail -n 1 "$S/two-summaries.ndjson" >> "$T_TMP/first.ndjson"
tail -n 1 "$S/pass.ndjson" >> "$T_TMP/first.ndjson"
gate "$T_TMP/first.ndjson" 0 "a summary after the failing one wins again"

# A summary whose exit is worse than its status word: the exit wins.
sed 's/"status":"pass","exit":0/"status":"pass","exit":1/' "$S/pass.ndjson" \
    > "$T_TMP/mixed.ndjson"
gate "$T_TMP/mixed.ndjson" 1 "status pass with exit 1 is a failure"
run po-report "$T_TMP/mixed.ndjson"
like "$T_OUT" '^FAIL: 5 checks' "and is rendered as FAIL"
sed 's/"status":"warn","exit":0/"status":"warn","exit":2/' "$S/warn.ndjson" \
    > "$T_TMP/mixed.ndjson"
gate "$T_TMP/mixed.ndjson" 2 "status warn with exit 2 is an error"

run po-report --gate "$S/fail.ndjson" "$S/pass.ndjson"
exit_is 0 "several files are one stream: the last file's summary counts"

# --- colour -----------------------------------------------------------------
render warn-color.txt --color=always "$S/warn.ndjson"
render fail-color.txt --color "$S/fail.ndjson"
run env NO_COLOR=1 po-report --color=always "$S/warn.ndjson"
same "$T_OUT" "$E/warn-color.txt" "--color=always wins over NO_COLOR"
run env -u NO_COLOR po-report "$S/warn.ndjson"
same "$T_OUT" "$E/warn.txt" "no colour into a pipe"
run po-report --color=never "$S/warn.ndjson"
same "$T_OUT" "$E/warn.txt" "--color=never"
run po-report -f markdown --color=always "$S/warn.ndjson"
same "$T_OUT" "$E/warn.md" "colour is for the text format only"
# On a terminal: script(1) gives po-report one, and writes CR LF.
if script -qc true /dev/null >/dev/null 2>&1; then
	tty_run() {
		env "$1" script -qc "po-report $2 '$S/warn.ndjson'" /dev/null |
		    tr -d '\r' > "$T_OUT"
	}
	tty_run NO_COLOR= ""
	same "$T_OUT" "$E/warn-color.txt" "colour on a terminal"
	tty_run NO_COLOR=1 ""
	same "$T_OUT" "$E/warn.txt" "no colour on a terminal when NO_COLOR is set"
	tty_run NO_COLOR= --color=never
	same "$T_OUT" "$E/warn.txt" "no colour on a terminal with --color=never"
else
	for what in terminal NO_COLOR --color=never; do
		t_n=$((t_n + 1))
		echo "ok $t_n - colour on a terminal ($what) # SKIP no script(1)"
	done
fi

# --- the man page -----------------------------------------------------------
if command -v mandoc >/dev/null 2>&1; then
	run mandoc -Tlint -Wwarning "$PO_SRCDIR/man/po-report.1"
	is "$(cat "$T_OUT" "$T_ERR")" "" "mandoc -Tlint finds nothing in po-report.1"
else
	t_n=$((t_n + 1))
	echo "ok $t_n - mandoc -Tlint po-report.1 # SKIP mandoc is not installed"
fi
run po-report --help
exit_is 0 "--help exits 0"
like "$T_OUT" 'markdown, junit, github, html' "--help lists the formats"

done_testing
