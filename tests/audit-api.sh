#!/bin/sh
# po-audit --api: an endpoint requested --samples times, --concurrency at
# a time; latency percentiles, throughput and error rate that po-budget
# holds to an SLO.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"
. "$PO_SRCDIR/tests/audit/lib.sh"
audit_start_fault
SLO=$PO_SRCDIR/tests/fixtures/audit/api-slo.json
ECHO_LOG=$AUDIT_RUN/fault.port.echo

run po-audit --api -s 20 -c 4 "$FAULT/ok"
exit_is 0 "20 requests, 4 at a time: exit 0"
jq_is "$T_OUT" '[.type, .subject, .tags.method, .tags.concurrency,
    .metrics.requests.value, .metrics["error-rate"].value,
    .metrics.throughput.unit, .metrics.throughput.better,
    (.metrics["latency.p50"].value <= .metrics["latency.p95"].value and
     .metrics["latency.p95"].value <= .metrics["latency.p99"].value and
     .metrics["latency.p99"].value <= .metrics["latency.max"].value)]' \
    "[\"metrics\",\"$FAULT/ok\",\"GET\",4,20,0,\"rps\",\"higher\",true]" \
    "the percentiles, in order, the request count and no error"
valid_stream "$T_OUT" "API mode: valid stream"
run_sh "po-audit --api -s 20 -c 4 '$FAULT/ok' | po-budget -b '$SLO'"
exit_is 0 "a fast endpoint meets the SLO"

# Every 4th request of /flaky fails: 10 of 40.
run po-audit --api -s 40 -c 8 "$FAULT/flaky"
exit_is 0 "a flaky endpoint was measured: exit 0"
jq_is "$T_OUT" '[.metrics["error-rate"].value, .metrics.requests.value]' \
    '[0.25,40]' "an error rate of 25 %"
is "$(cat "$T_ERR")" "po-audit: $FAULT/flaky: 10 of 40 requests failed, the first: HTTP status 500" \
    "one message with the count"
run_sh "po-audit --api -s 40 -c 8 '$FAULT/flaky' | po-budget -b '$SLO'"
exit_is 1 "the error rate fails the SLO"

run po-audit --api -s 8 -c 4 "$FAULT/slow?ms=300"
exit_is 0 "a slow endpoint: exit 0"
jq_is "$T_OUT" '.metrics["latency.p50"].value >= 300' 'true' \
    "its latency is at least the server's delay"
run_sh "po-audit --api -s 8 -c 4 '$FAULT/slow?ms=300' | po-budget -b '$SLO'"
exit_is 1 "a p95 over 200 ms fails the SLO"

# Method, headers from a file and from the environment, a body from a
# file: sent as given; the secret is never echoed.
printf 'Content-Type: application/json\nX-Trace: po\n' >"$T_TMP/headers"
printf '{"q":"caf\303\251"}' >"$T_TMP/body.json"
rm -f "$ECHO_LOG"
PO_TEST_AUTH='Authorization: Bearer s3cr3t' run po-audit --api -s 3 -X PUT \
    -H "$T_TMP/headers" --header-env PO_TEST_AUTH --body "$T_TMP/body.json" \
    "$FAULT/echo"
exit_is 0 "PUT with headers and a body: exit 0"
jq_is "$ECHO_LOG" '[.method, .headers["content-type"], .headers["x-trace"],
    .headers.authorization, .body, (.headers["user-agent"] | startswith("po-audit/"))]' \
    '["PUT","application/json","po","Bearer s3cr3t","{\"q\":\"café\"}",true]
["PUT","application/json","po","Bearer s3cr3t","{\"q\":\"café\"}",true]
["PUT","application/json","po","Bearer s3cr3t","{\"q\":\"café\"}",true]' \
    "each request carried the method, headers, body and po-audit's User-Agent"
rm -f "$ECHO_LOG"
run po-audit --api -s 1 --body "$T_TMP/body.json" "$FAULT/echo"
jq_is "$ECHO_LOG" '.method' '"POST"' "a body without --method is a POST"
PO_TEST_AUTH='Authorization: Bearer s3cr3t' run po-audit --api -s 2 \
    --header-env PO_TEST_AUTH "$FAULT/500"
exit_is 2 "an endpoint that always fails: exit 2"
jq_is "$T_OUT" '[.type, .code, .message]' \
    '["error","FAILED_REQUESTS","no request succeeded (2 of 2 failed): HTTP status 500"]' \
    "an error document"
unlike "$T_ERR" 's3cr3t' "the credential is not in any message"
unlike "$T_OUT" 's3cr3t' "nor in the output"

# Options of API mode need --api.
run po-audit -c 4 "$FAULT/ok"
exit_is 2 "--concurrency without --api: usage error"
like "$T_ERR" 'need --api' "the message says so"
run po-audit --api -X get "$FAULT/ok"
exit_is 2 "a method not in capitals: usage error"

# Credentials in a URL are sent (basic authentication) but never echoed:
# not in the stream, not in a message.
cred_url=$(printf '%s' "$FAULT/flaky" | sed 's|^http://|http://po-user:s3cr3t-pass@|')
run po-audit --api -s 4 -c 1 "$cred_url"
exit_is 0 "a URL with credentials: measured"
unlike "$T_OUT" 's3cr3t-pass|po-user' "no credentials in the stream"
unlike "$T_ERR" 's3cr3t-pass|po-user' "nor in the messages"
jq_is "$T_OUT" '[.subject, .tags.requested_url]' "[\"$FAULT/flaky\",\"$FAULT/flaky\"]" \
    "the subject is the URL without them"

done_testing
