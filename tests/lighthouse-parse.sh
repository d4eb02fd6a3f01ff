#!/bin/sh
# po-lighthouse-parse on the real reports of Lighthouse 9 to 13: every value
# agrees with what the reports hold (tests/fixtures/lighthouse/index.json was
# read out of them by the fixtures' own script), at full precision.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

# What index.json says each report holds, in the stream's names.
expected_of() {
	jq -c --arg f "$1" '.[] | select(.file == $f) |
	    {subject: .finalUrl, form_factor: .formFactor,
	     version: .lighthouseVersion,
	     fcp, lcp, cls, tbt, si, tti, ttfb: .serverResponseTime,
	     tbw: .totalByteWeight, requests,
	     scores: (.categories | with_entries(select(.value != null)))}' \
	    "$LH/index.json"
}

actual_of() {
	jq -c 'select(.type == "metrics") |
	    {subject, form_factor: .tags.form_factor,
	     version: .tags.lighthouse_version,
	     fcp: .metrics.fcp.value, lcp: .metrics.lcp.value,
	     cls: .metrics.cls.value, tbt: .metrics.tbt.value,
	     si: .metrics["speed-index"].value, tti: .metrics.tti.value,
	     ttfb: .metrics.ttfb.value,
	     tbw: .metrics["total-byte-weight"].value,
	     requests: .metrics.requests.value,
	     scores: (.metrics | to_entries
	         | map(select(.key | startswith("score.")))
	         | map({key: (.key | ltrimstr("score.")), value: .value.value})
	         | from_entries)}' "$1"
}

for report in $(jq -r '.[] | select(.runtimeError == null) | .file' \
    "$LH/index.json"); do
	run po-lighthouse-parse "$REPORTS/$report"
	exit_is 0 "$report: exit 0"
	is "$(actual_of "$T_OUT")" "$(expected_of "$report")" \
	    "$report: metrics, scores and tags equal the report's"
	is "$(jq -s '[.[] | select(.type == "metrics")] | length' "$T_OUT")" 1 \
	    "$report: one metrics document"
done

# Numbers are written as the report spelled them, not re-rounded.
run po-lighthouse-parse "$REPORTS/lh12-lean-mobile-run1.json"
like "$T_OUT" '"ttfb":\{"value":0\.0050000000000000044,' \
    "a value keeps every digit the report gave"
like "$T_OUT" '"resource\.third-party\.size":\{"value":0,"unit":"bytes"' \
    "every resource type of the summary, third-party included"
valid_stream "$T_OUT" "the output is valid against the stream schema"

# The resource summary by type: medium has a font of 238765 bytes.
run po-lighthouse-parse "$REPORTS/lh13-medium-mobile-run1.json"
jq_is "$T_OUT" 'select(.type=="metrics") | [.metrics["resource.font.size"].value, .metrics["resource.total.count"].value, .metrics["dom-size"].value]' \
    '[238765,12,271]' "LH 13: resource summary, and DOM size from dom-size-insight"
jq_is "$T_OUT" 'select(.type=="finding" and .id=="render-blocking-insight") | .severity' \
    '"high"' "LH 13: a failed insight (score 0) is a finding"
jq_is "$T_OUT" 'select(.type=="finding" and .id=="viewport-insight") | .id' \
    '' "LH 13: a passing insight (score 1) is no finding"

# Findings: failed opportunities and diagnostics, with their savings.
run po-lighthouse-parse "$REPORTS/lh12-heavy-mobile-run1.json"
jq_is "$T_OUT" 'select(.type=="finding" and .id=="unused-javascript") | [.savings.ms, .savings.bytes, .layer, .severity]' \
    '[4350,680237,"frontend","high"]' "LH 12 opportunity: savings in ms and bytes"
jq_is "$T_OUT" 'select(.type=="finding" and .id=="uses-text-compression") | .layer' \
    '"infrastructure"' "uncompressed text is an infrastructure finding"
jq_is "$T_OUT" 'select(.type=="finding" and .id=="server-response-time") | .layer' \
    '"backend"' "a slow server response is a backend finding"
valid_stream "$T_OUT" "findings are valid against the schema"
run po-lighthouse-parse "$REPORTS/lh13-heavy-mobile-run1.json"
jq_is "$T_OUT" 'select(.type=="finding" and .id=="cache-insight") | [.savings.ms, .metric_savings.LCP]' \
    '[27750,27750]' "LH 13 insight: savings from metricSavings"
jq_is "$T_OUT" 'select(.type=="finding" and .id=="image-delivery-insight") | (.savings.bytes > 0)' \
    'true' "LH 13 insight: byte savings from debugData.wastedBytes"
run po-lighthouse-parse --no-findings "$REPORTS/lh13-heavy-mobile-run1.json"
jq_is "$T_OUT" '.type' '"metrics"' "--no-findings writes the metrics only"

# A page that could not be measured: an error document, a message naming
# the file and the code, exit 2; the other reports are still parsed.
for report in $(jq -r '.[] | select(.runtimeError != null) | .file' \
    "$LH/index.json"); do
	code=$(jq -r --arg f "$report" '.[] | select(.file == $f) | .runtimeError' \
	    "$LH/index.json")
	run po-lighthouse-parse "$REPORTS/lh12-lean-mobile-run1.json" \
	    "$REPORTS/$report"
	exit_is 2 "$report: exit 2"
	jq_is "$T_OUT" '[.type]' "$(printf '["metrics"]\n["error"]')" \
	    "$report: the good report's metrics, then an error document"
	jq_is "$T_OUT" 'select(.type=="error") | .code' "\"$code\"" \
	    "$report: the error document carries $code"
	like "$T_ERR" "^po-lighthouse-parse: .*$report: .*$code" \
	    "$report: the message names the file and the code"
done

# Input from stdin, and gzip recognised by its magic bytes.
run_sh "po-lighthouse-parse < '$REPORTS/lh12-lean-desktop-run1.json'"
jq_is "$T_OUT" '.file' '"<stdin>"' "reads standard input"
gzip -c "$REPORTS/lh12-lean-desktop-run1.json" > "$T_TMP/report.json.data"
run po-lighthouse-parse "$T_TMP/report.json.data"
jq_is "$T_OUT" '.metrics.lcp.value' '300' "reads a gzip-compressed report"

done_testing
