#!/bin/sh
# The read buffer each thread keeps from one input to the next
# (tools/lib/readbuf.c): its unit tests, then the reader as users run it,
# input after input on one buffer, one that grew for a long value.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

run readbuf-test
exit_is 0 "readbuf-test: unit tests of the kept read buffer"
sed -n 's/^\(not \)\{0,1\}ok [0-9]* - /  /p' "$T_OUT" | diag "$(cat)"

# A report whose requestedUrl is longer than the first read buffer makes
# it grow; the reports read after it by the thread that read it must be read as
# they are read alone.
python3 - "$REPORTS/lh12-heavy-desktop-run1.json" "$T_TMP/long.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r['requestedUrl'] = 'https://a.test/?' + 'q' * 600000
json.dump(r, open(sys.argv[2], 'w'))
PY
run po-lighthouse-parse "$REPORTS"/lh12-*.json
cp "$T_OUT" "$T_TMP/alone.ndjson"
alone_rc=$T_RC
run po-lighthouse-parse "$T_TMP/long.json" "$REPORTS"/lh12-*.json
is "$T_RC" "$alone_rc" \
    "a long value, then reports: the exit status of the reports alone"
tail -n "$(wc -l < "$T_TMP/alone.ndjson")" "$T_OUT" > "$T_TMP/after.ndjson"
same "$T_TMP/alone.ndjson" "$T_TMP/after.ndjson" \
    "the reports after it give what they give alone"

done_testing
