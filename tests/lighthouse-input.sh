#!/bin/sh
# po-lighthouse-parse on reports that are not quite what Lighthouse writes:
# details that are not an object, and details.items of the kind its
# details.type does not have (refused, with the place), the types whose
# items are rightly not rows (read), and the groups of the performance
# audits wherever the category lies and however many audits there are;
# reports inside PageSpeed Insights API responses.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

R=$T_TMP/report.json
HEAD='{"lighthouseVersion":"12.0.0","finalUrl":"https://a.test/","audits":{'
REFS='"categories":{"performance":{"score":0.5,"auditRefs":[{"id":"x","group":"diagnostics"}]}}'

# report DETAILS: one failed audit 'x', a diagnostic, with those details.
report() {
	printf '%s"x":{"score":0,"scoreDisplayMode":"binary","details":%s}},%s}' \
	    "$HEAD" "$1" "$REFS" > "$R"
}

# refused WHAT ERE: exit 2, one message that names the file, line and
# column and matches ERE, and no measurement on stdout.
refused() {
	exit_is 2 "$1: exit 2"
	like "$T_ERR" "^po-lighthouse-parse: $R:1:[0-9]+: not a valid Lighthouse report: $2\$" \
	    "$1: says where and what is wrong"
	is "$(wc -l < "$T_ERR" | tr -d ' ')" 1 "$1: one message"
	is "$(wc -c < "$T_OUT" | tr -d ' ')" 0 "$1: nothing on stdout"
}

# read WHAT: exit 0 and the audit is a finding.
read_ok() {
	exit_is 0 "$1: exit 0"
	jq_is "$T_OUT" 'select(.type=="finding") | .id' '"x"' "$1: the audit is read"
}

# -- details.items against details.type ---------------------------------

report '{"type":"table","headings":[],"items":{"url":1}}'
run po-lighthouse-parse "$R"
refused "the items of a table an object" \
    "audits\.x\.details\.items: the items of 'table' details are an array, found an object"

report '{"items":{"url":1},"type":"opportunity","overallSavingsMs":10}'
run po-lighthouse-parse "$R"
refused "the items of an opportunity an object, before the type" \
    "audits\.x\.details\.type: the items of 'opportunity' details are an array, found an object"

for t in list filmstrip; do
	report "{\"type\":\"$t\",\"items\":{}}"
	run po-lighthouse-parse "$R"
	refused "the items of a $t an object" \
	    "audits\.x\.details\.items: the items of '$t' details are an array, found an object"
done

report '{"type":"checklist","items":[{"label":"a","value":true}]}'
run po-lighthouse-parse "$R"
refused "the items of a checklist an array" \
    "audits\.x\.details\.items: the items of 'checklist' details are an object, found an array"

report '{"type":"table","items":"none"}'
run po-lighthouse-parse "$R"
refused "the items of a table a string" \
    "audits\.x\.details\.items: expected an array, found a string"

for d in '"table"' 42 '[{"type":"table"}]'; do
	report "$d"
	run po-lighthouse-parse "$R"
	refused "details that are $d" "audits\.x\.details: expected an object, found an? (string|number|array)"
done

report 'null'
run po-lighthouse-parse "$R"
read_ok "details that are null"

# LH 13's checklists key their items by check (document-latency-insight).
report '{"type":"checklist","items":{"noRedirects":{"label":"a","value":true}}}'
run po-lighthouse-parse "$R"
read_ok "the items of a checklist an object"

# Debug data holds whatever the audit wants; a type po does not know may
# come with a newer Lighthouse; without a type nothing says what items is.
for d in '{"type":"debugdata","items":{"a":1}}' \
    '{"type":"network-tree","items":{"a":1}}' '{"items":{"a":1}}' \
    '{"type":"table","items":null}' \
    '{"type":"list","items":[{"type":"checklist","items":{"a":{}}}]}'; do
	report "$d"
	run po-lighthouse-parse "$R"
	read_ok "details $d"
done

# Every real report reads, checklists and lists of LH 13 included; those
# with a runtimeError give an error document (exit 2), not a refusal.
bad=
for f in $(jq -r '.[] | select(.runtimeError == null) | .file' "$LH/index.json"); do
	po-lighthouse-parse "$REPORTS/$f" > /dev/null 2>&1 || bad="$bad $f"
done
for f in $(jq -r '.[] | select(.runtimeError != null) | .file' "$LH/index.json"); do
	run po-lighthouse-parse "$REPORTS/$f"
	[ "$T_RC" -eq 2 ] && grep -q '"type":"error"' "$T_OUT" || bad="$bad $f"
done
is "$bad" "" "every real report reads as before"

# -- the groups of the performance audits --------------------------------

printf '%s' '{"lighthouseVersion":"12.0.0","finalUrl":"https://a.test/",'"$REFS"',"audits":{"x":{"score":0,"scoreDisplayMode":"binary"}}}' > "$R"
run po-lighthouse-parse "$R"
read_ok "the category before the audits"

printf '%s"x":{"score":0,"scoreDisplayMode":"binary"}},%s}' "$HEAD" \
    '"categories":{"performance":{"auditRefs":[{"id":"x","group":"hidden"},{"id":"x","group":"diagnostics"}]}}' > "$R"
run po-lighthouse-parse "$R"
exit_is 0 "an audit named twice: exit 0"
is "$(wc -c < "$T_OUT" | tr -d ' ')" "$(po-lighthouse-parse --no-findings "$R" | wc -c | tr -d ' ')" \
    "an audit named twice takes the first group (hidden: no finding)"

# Far more audits than Lighthouse has, each with its group: the time stays
# linear, and past the cap the report is refused.
many() {
	LC_ALL=C awk -v n="$1" 'BEGIN {
		printf "{\"lighthouseVersion\":\"12\",\"finalUrl\":\"u\",\"audits\":{"
		for (i = 0; i < n; i++)
			printf "%s\"a%d\":{\"score\":0,\"scoreDisplayMode\":\"binary\"}", i ? "," : "", i
		printf "},\"categories\":{\"performance\":{\"auditRefs\":["
		for (i = n - 1; i >= 0; i--)
			printf "%s{\"id\":\"a%d\",\"group\":\"diagnostics\"}", i < n - 1 ? "," : "", i
		printf "]}}}"
	}' > "$R"
}
many 100000
run timeout 20 po-lighthouse-parse "$R"
exit_is 0 "100 000 audits: exit 0 in less than 20 s"
is "$(grep -c '"type":"finding"' "$T_OUT")" 100000 "100 000 audits: each has its group"
many 100001
run po-lighthouse-parse "$R"
exit_is 2 "100 001 audits: exit 2"
like "$T_ERR" "^po-lighthouse-parse: $R:1:[0-9]+: not a valid Lighthouse report: audits\.a100000: more audits than any Lighthouse report has" \
    "100 001 audits: says so"

# -- PageSpeed Insights API responses ---------------------------------------
# The API wraps the report in lighthouseResult, next to field data: the
# report inside reads as the same report bare does.
REPORTS=$PO_SRCDIR/tests/fixtures/lighthouse/reports
psi() {
	{ printf '{"captchaResult":"CAPTCHA_NOT_NEEDED","kind":"pagespeedonline#result","id":"https://a.test/","loadingExperience":{"metrics":{"LARGEST_CONTENTFUL_PAINT_MS":{"percentile":1800,"category":"FAST"}},"overall_category":"FAST"},"lighthouseResult":'
	  cat "$1"
	  printf ',"analysisUTCTimestamp":"2026-11-24T22:00:00.000Z"}\n'; } > "$2"
}
for r in lh12-lean-mobile-run1 lh13-heavy-desktop-run1 lh12-error-nofcp; do
	psi "$REPORTS/$r.json" "$T_TMP/psi-$r.json"
	po-lighthouse-parse "$REPORTS/$r.json" 2>"$T_TMP/bare.err" |
	    jq -c 'del(.file)' > "$T_TMP/bare.out"
	bare_rc=$(po-lighthouse-parse "$REPORTS/$r.json" >/dev/null 2>&1; echo $?)
	run po-lighthouse-parse "$T_TMP/psi-$r.json"
	exit_is "$bare_rc" "PSI response around $r: exit $bare_rc, as bare"
	jq -c 'del(.file)' < "$T_OUT" > "$T_TMP/psi.out"
	same "$T_TMP/psi.out" "$T_TMP/bare.out" "PSI response around $r: the same stream"
done

printf '{"kind":"pagespeedonline#result","lighthouseResult":{"lighthouseVersion":"12.0.0","finalUrl":"https://a.test/","audits":{"x":{"score":"high"}}}}' > "$T_TMP/psi-bad.json"
run po-lighthouse-parse "$T_TMP/psi-bad.json"
exit_is 2 "a PSI response with a bad report: exit 2"
like "$T_ERR" "^po-lighthouse-parse: $T_TMP/psi-bad\\.json:1:[0-9]+: not a valid Lighthouse report: lighthouseResult\\.audits\\.x\\.score: " \
    "the path in the message is the response's"

printf '{"error":{"code":500,"message":"Lighthouse returned error: NO_FCP.","status":"INTERNAL"}}' > "$T_TMP/psi-error.json"
run po-lighthouse-parse "$T_TMP/psi-error.json"
exit_is 2 "a PSI error response: exit 2"
like "$T_ERR" "^po-lighthouse-parse: $T_TMP/psi-error\\.json: not a Lighthouse report" \
    "a PSI error response: not a report"
is "$(wc -c < "$T_OUT" | tr -d ' ')" 0 "a PSI error response: no metrics"

done_testing
