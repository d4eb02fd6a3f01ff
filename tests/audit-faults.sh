#!/bin/sh
# po-audit against a server that misbehaves (tests/audit/fault-server.py):
# a reset, a 500, a redirect loop, a body too large or endless, a server
# too slow, a dead port.  Each is an error document that says so, within
# the timeouts; the run exits 2 only when nothing could be audited.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"
. "$PO_SRCDIR/tests/audit/lib.sh"
audit_start_fault
DEAD=http://127.0.0.1:$(audit_free_port)/

# fault PATH CODE MESSAGE-ERE [OPTIONS...]: one failing page.
fault() {
	path=$1 code=$2 ere=$3
	shift 3
	run po-audit "$@" "$FAULT$path"
	exit_is 2 "$path: nothing could be audited, exit 2"
	jq_is "$T_OUT" '[.type, .code, .subject]' \
	    "[\"error\",\"$code\",\"$FAULT$path\"]" "$path: an error document, $code"
	like "$T_ERR" "^po-audit: $FAULT$(echo "$path" | sed 's/[?]/[?]/g'): $ere" \
	    "$path: the message says why"
	like "$T_ERR" '^po-audit: nothing could be audited$' \
	    "$path: and that nothing was"
	valid_stream "$T_OUT" "$path: valid stream"
}

fault /reset FAILED_DOCUMENT_REQUEST '.*(reset|empty reply)'
fault /500 ERRORED_DOCUMENT_REQUEST 'HTTP status 500$'
fault /loop REDIRECT_LOOP 'maximum \(5\) redirects followed$'
fault /loop REDIRECT_LOOP 'maximum \(2\) redirects followed$' \
    --max-redirects 2
fault /oversized BODY_TOO_LARGE 'maximum file size exceeded$'
fault /endless BODY_TOO_LARGE 'the body is larger than the limit of 1048576 bytes$' \
    --max-size 1MiB

start=$(date +%s)
fault '/slow?ms=5000' TIMEOUT 'operation timed out after' --timeout 1s
is "$(( $(date +%s) - start < 4 ))" 1 "the slow server is given up after 1 s"

run po-audit "$DEAD"
exit_is 2 "a dead port: exit 2"
jq_is "$T_OUT" '[.type, .code]' '["error","FAILED_DOCUMENT_REQUEST"]' \
    "a dead port is an error document"
like "$T_ERR" "^po-audit: $DEAD: .*(onnect|refused)" "a dead port: the message"

# A page that is not HTML is measured as a document, with no subresources.
run po-audit "$FAULT/ok"
exit_is 0 "a JSON document: exit 0"
jq_is "$T_OUT" 'select(.type=="metrics") | [.metrics["resource.total.count"].value,
    .metrics["dom-size"]]' '[1,null]' "a JSON document: one request, no DOM"
fault /html-junk NOT_HTML 'the response is served as HTML but holds no HTML element$'

# Bytes that are not UTF-8 in the headers and the markup: the stream
# stays valid JSON.
run po-audit "$FAULT/bad-bytes"
exit_is 0 "bytes that are not UTF-8 from the server: exit 0"
valid_stream "$T_OUT" "they do not break the stream"
jq_is "$T_OUT" 'select(.type=="metrics") | [(.tags.content_type | explode | last),
    .metrics["resource.image.count"].value]' \
    '[65533,1]' "they are replaced by U+FFFD"

# Good and bad pages together: what was measured is written, what was not
# is an error document, in the order given, and the exit is 0.
run po-audit -j 3 "$FAULT/ok" "$FAULT/500" "$DEAD" "$FAULT/loop" "$FAULT/ok?2"
exit_is 0 "some pages audited: exit 0"
jq_is "$T_OUT" '[.type, .subject]' "[\"metrics\",\"$FAULT/ok\"]
[\"error\",\"$FAULT/500\"]
[\"error\",\"$DEAD\"]
[\"error\",\"$FAULT/loop\"]
[\"metrics\",\"$FAULT/ok?2\"]" "the documents in the order of the pages"
is "$(wc -l <"$T_ERR")" 3 "one message per failed page"
run_sh "po-audit '$FAULT/ok' '$FAULT/500' | po-budget -b '$PO_SRCDIR/tests/fixtures/audit/budget.json'"
exit_is 2 "downstream, the gate fails closed"

# A failure in a later sample fails the page: a flaky page is no pass.
run po-audit -s 8 "$FAULT/flaky"
exit_is 2 "a page that fails one sample of eight: exit 2"
like "$T_ERR" "^po-audit: $FAULT/flaky: sample [0-9] of 8: HTTP status 500$" \
    "the message names the sample"

done_testing
