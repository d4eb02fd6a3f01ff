#!/bin/sh
# po-report -f markdown stays under GitHub's 1 MiB limit for a job summary
# (--max-bytes): over it, findings are left out from the lowest ranked up,
# then passing checks, and a line says how many; the verdict, the failed
# and warned checks and the error documents never are.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

S=$FIXTURES/streams
E=$PO_SRCDIR/tests/expected/report
MiB=1048576

# generate NPASS NFIND: a gate over 3 + NPASS pages, 3 of which failed, and
# NFIND findings whose savings grow with their number, so that the last
# one generated ranks first.
generate() {
	awk -v npass="$1" -v nfind="$2" 'BEGIN {
		origin = "\"origin\":{\"file\":\"perf-budget.json\",\"format\":\"po\",\"rule\":\"rules[0]\"}"
		check = "{\"po\":1,\"type\":\"check\",\"source\":\"po-budget\",\"subject\":\"https://shop.test/product/%d\",\"name\":\"lcp\",\"metric\":\"lcp\",\"status\":\"%s\",\"level\":\"error\",\"value\":%d,\"limit\":2500,\"operator\":\"<=\",\"unit\":\"ms\",%s}\n"
		for (i = 1; i <= 3; i++)
			printf check, i, "fail", 3000 + i, origin
		for (i = 4; i <= npass + 3; i++)
			printf check, i, "pass", 1000 + i % 1000, origin
		for (i = 1; i <= nfind; i++)
			printf "{\"po\":1,\"type\":\"finding\",\"source\":\"lighthouse\",\"subject\":\"https://shop.test/product/%d\",\"id\":\"unused-javascript\",\"title\":\"Reduce unused JavaScript\",\"severity\":\"high\",\"layer\":\"frontend\",\"savings\":{\"ms\":%d,\"bytes\":%d},\"impact\":\"high\",\"effort\":\"high\"}\n", i, i, 1024 * i
		printf "{\"po\":1,\"type\":\"summary\",\"source\":\"po-budget\",\"status\":\"fail\",\"exit\":1,\"checks\":%d,\"passed\":%d,\"warned\":0,\"failed\":3,\"errors\":0,\"subjects\":%d,\"budgets\":[\"perf-budget.json\"]}\n", npass + 3, npass, npass + 3
	}'
}

# left_out WHAT: the number the note about WHAT gives, or 0.
left_out() {
	sed -n "s/^_\([0-9]*\) $1 left out to keep this report under [0-9]* bytes\._\$/\1/p" "$T_OUT" |
	    grep . || echo 0
}

# --- a report far over the limit ---------------------------------------------
generate 20000 20000 > "$T_TMP/big.ndjson"
run po-report -f markdown "$T_TMP/big.ndjson"
exit_is 0 "a report over 1 MiB is written"
size=$(wc -c < "$T_OUT")
is "$([ "$size" -le $MiB ] && echo under)" under \
    "it is cut to 1 MiB or less ($size bytes)"
is "$(head -n 1 "$T_OUT")" "## ❌ Performance gate: FAIL" "the verdict comes first"
is "$(grep -c '^| ❌ fail | ' "$T_OUT")" 3 "every failed check is there"
is "$(left_out findings)" 20000 "every finding is left out, and the note says so"
kept=$(grep -c '^| ✅ pass | ' "$T_OUT")
is "$((kept + $(left_out 'passing checks')))" 20000 \
    "then passing checks: kept ($kept) and left out add up"
is "$(tail -n 1 "$T_OUT")" \
    "_20000 findings left out to keep this report under 1048576 bytes._" \
    "the last line says what was left out"
run po-report -f markdown --max-bytes=0 "$T_TMP/big.ndjson"
is "$(grep -c '^| ✅ pass | ' "$T_OUT") $(grep -c '^| [0-9]* | Reduce' "$T_OUT")" \
    "20000 20000" "--max-bytes=0: nothing is left out"
is "$([ "$(wc -c < "$T_OUT")" -gt $MiB ] && echo over)" over \
    "and the whole report is over 1 MiB"
run po-report -f markdown --gate "$T_TMP/big.ndjson"
exit_is 1 "cutting the report does not change the verdict"

# --- findings go first --------------------------------------------------------
generate 50 20000 > "$T_TMP/findings.ndjson"
run po-report -f markdown "$T_TMP/findings.ndjson"
size=$(wc -c < "$T_OUT")
is "$([ "$size" -le $MiB ] && echo under)" under "under 1 MiB ($size bytes)"
is "$(grep -c '^| ✅ pass | ' "$T_OUT") $(left_out 'passing checks')" "50 0" \
    "every passing check is kept while findings can go"
kept=$(grep -c '^| [0-9]* | Reduce' "$T_OUT")
is "$((kept + $(left_out findings)))" 20000 \
    "findings kept ($kept) and left out add up"
is "$(grep '^| [0-9]* | Reduce' "$T_OUT" | cut -d '|' -f 2 | tr -d ' ' |
    awk '$1 != NR' | wc -l)" 0 "the findings kept are the top ranked, in order"
like "$T_OUT" '^\| 1 \| Reduce unused JavaScript \| https://shop\.test/product/20000 \| 20 s, 19\.5 MiB \|' \
    "the first is the one that saves most"

# --- a real report cut to a small size, exactly -------------------------------
cd "$PO_SRCDIR" || exit 2
R=tests/fixtures/lighthouse/reports
po-lighthouse-parse $R/lh12-heavy-mobile-run1.json $R/lh12-heavy-mobile-run2.json \
    $R/lh12-heavy-mobile-run3.json $R/lh12-lean-mobile-run1.json \
    $R/lh12-error-404.json 2>/dev/null | cat - "$S/fail.ndjson" > "$T_TMP/lh-fail.ndjson"
cd - >/dev/null || exit 2
run po-report -f markdown --max-bytes=5000 "$T_TMP/lh-fail.ndjson"
exit_is 0 "--max-bytes=5000: exit 0"
same "$T_OUT" "$E/lighthouse-fail-5000.md" "the findings are cut to the limit"
is "$([ "$(wc -c < "$T_OUT")" -le 5000 ] && echo under)" under "under 5000 bytes"
run po-report -f markdown --max-bytes=2000 "$T_TMP/lh-fail.ndjson"
same "$T_OUT" "$E/lighthouse-fail-2000.md" \
    "--max-bytes=2000: no finding fits, and passing checks go too"
is "$(wc -c < "$T_ERR")" 0 "without a warning: what must be shown fits"

# --- what must be shown is never cut ------------------------------------------
run po-report -f markdown --max-bytes=100 "$S/fail.ndjson"
exit_is 0 "a limit too small for the failed checks: still exit 0"
is "$(cat "$T_ERR")" \
    "po-report: the report takes 1506 bytes without passing checks and findings, more than --max-bytes=100: written whole" \
    "with a warning"
is "$(grep -c '^| ❌ fail | ' "$T_OUT") $(grep -c '^| ⚠️ warn | ' "$T_OUT")" "11 2" \
    "every failed and warned check is written"
is "$(left_out 'passing checks')" 3 "the passing checks are left out"
run po-report -f markdown --max-bytes=100 "$S/error.ndjson"
like "$T_OUT" '^\| http://127\.0\.0\.1:8099/index\.html \| po-budget \|' \
    "the error documents are written"

# --- hostile strings stay in their cell ----------------------------------------
run po-report -f markdown "$S/hostile.ndjson"
is "$(awk 'length($0) > 1500' "$T_OUT" | wc -l)" 0 \
    "a 1500-character string is cut short in its cell"
is "$(grep -c '^| ' "$T_OUT")" "$(grep -c '^| .* |$' "$T_OUT")" \
    "every table row ends on its own line: line breaks do not split a row"

done_testing
