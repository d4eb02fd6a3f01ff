#!/bin/sh
# The skimmer (tools/lib/json-skim.c) that lets po-lighthouse-parse pass
# over the screenshots of a report: its unit tests (tests/lib/skim-test,
# every chunking of hand-made documents), then the reader as users run it.
# A report read with its data: URLs skimmed must give what the same report
# gives where those strings are not data: URLs ("datx:" is not skimmed), and
# every fault in or after a skimmed string must be refused at the very
# line and column, with the message, that yajl gives without the skimmer.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

run skim-test
exit_is 0 "skim-test: unit tests of the skimmer"
sed -n 's/^\(not \)\{0,1\}ok [0-9]* - /  /p' "$T_OUT" | diag "$(cat)"

# report NAME AFTER-URL [URL-PREFIX]: a small report whose final-screenshot
# is a data: URL of 200 000 base64 bytes followed by AFTER-URL (the rest of
# the string and of the document), on one line like the real ones.
report() {
	python3 - "$T_TMP/$1.json" "$2" "${3:-data:}" <<'PY'
import sys
path, after, prefix = sys.argv[1], sys.argv[2], sys.argv[3]
head = ('{"lighthouseVersion":"12.0.0","requestedUrl":"https://a.test/",'
        '"finalUrl":"https://a.test/","fetchTime":"2024-01-01T00:00:00Z",'
        '"configSettings":{"formFactor":"mobile"},"audits":{'
        '"largest-contentful-paint":{"score":0.5,"scoreDisplayMode":'
        '"numeric","numericValue":2500},"final-screenshot":{"score":null,'
        '"scoreDisplayMode":"informative","details":{"type":"screenshot",'
        '"data":"')
body = prefix + 'image/jpeg;base64,' + 'QUJD' * 50000
with open(path, 'wb') as f:
    f.write(head.encode() + body.encode() +
            after.encode('utf-8', 'surrogateescape'))
PY
}

TAIL='"}}},"categories":{"performance":{"score":0.5}}}'

# same_as_unskimmed NAME AFTER DESCRIPTION: po-lighthouse-parse says the
# same of the data: report as of its "datx:" twin, messages included.
same_as_unskimmed() {
	report "$1" "$2"
	report "$1-datx" "$2" "datx:"
	run po-lighthouse-parse "$T_TMP/$1.json"
	sed "s|$1.json|NAME|" "$T_OUT" > "$T_TMP/$1.out"
	sed "s|$1.json|NAME|" "$T_ERR" > "$T_TMP/$1.err"
	rc=$T_RC
	run po-lighthouse-parse "$T_TMP/$1-datx.json"
	sed "s|$1-datx.json|NAME|" "$T_ERR" > "$T_TMP/$1-datx.err"
	sed "s|$1-datx.json|NAME|" "$T_OUT" > "$T_TMP/$1-datx.out"
	is "$rc" "$T_RC" "$3: the same exit status"
	same "$T_TMP/$1.err" "$T_TMP/$1-datx.err" "$3: the same message"
	same "$T_TMP/$1.out" "$T_TMP/$1-datx.out" "$3: the same output"
}

same_as_unskimmed good "$TAIL" "a report with a long data: URL"
like "$T_TMP/good.out" '"lcp":\{"value":2500,' "and its metrics are read"
same_as_unskimmed after "\"}}},\"categories\":{\"performance\":{\"score\":0.5}}!}" \
    "a fault after a skimmed data: URL, on its line"
like "$T_TMP/after.err" '^po-lighthouse-parse: .*:1:200[0-9]{3}: invalid JSON' \
    "the fault's column counts the skimmed bytes"
same_as_unskimmed utf8 "$(printf 'QUJD\377QUJD')$TAIL" \
    "a byte that is not UTF-8 inside a data: URL"
like "$T_TMP/utf8.err" 'invalid (UTF-8|bytes in UTF8)' "is refused as bad UTF-8"
same_as_unskimmed control "$(printf 'QUJD\001QUJD')$TAIL" \
    "a control character inside a data: URL"
same_as_unskimmed escape "QUJD\\u00e9QUJD\\/$TAIL" \
    "escapes inside a data: URL"
same_as_unskimmed badescape "QUJD\\qQUJD$TAIL" \
    "a bad escape inside a data: URL"
same_as_unskimmed cut "" "a report cut short inside a data: URL"
like "$T_TMP/cut.err" 'NAME' "the cut report is named"

# A data: URL where no value can be (found by tests/fuzz/fuzz-skim): yajl
# refuses the string as a whole token, at its first byte.
cp "$PO_SRCDIR/tests/fuzz/seeds/skim/after-a-number.json" "$T_TMP/num.json"
sed 's/"data:/"datx:/' "$T_TMP/num.json" > "$T_TMP/num-datx.json"
run po-lighthouse-parse "$T_TMP/num.json"
sed 's|num.json|NAME|' "$T_ERR" > "$T_TMP/num.err"
run po-lighthouse-parse "$T_TMP/num-datx.json"
sed 's|num-datx.json|NAME|' "$T_ERR" > "$T_TMP/num-datx.err"
same "$T_TMP/num.err" "$T_TMP/num-datx.err" \
    "a data: URL after a number: refused where yajl refuses it unskimmed"
like "$T_TMP/num.err" ':1:13: invalid JSON' "at the string's first byte"

# A data: URL where po keeps the value: refused, never kept cut short.
python3 - "$T_TMP/dataurl.json" <<'PY'
import sys
url = 'data:text/html;base64,' + 'QUJD' * 1000
doc = ('{"lighthouseVersion":"12.0.0","requestedUrl":"%s","finalUrl":"%s",'
       '"audits":{"largest-contentful-paint":{"score":0.5,'
       '"scoreDisplayMode":"numeric","numericValue":2500}}}' % (url, url))
open(sys.argv[1], 'w').write(doc)
PY
run po-lighthouse-parse "$T_TMP/dataurl.json"
exit_is 2 "a long data: URL as the requested URL is refused"
like "$T_ERR" '^po-lighthouse-parse: .*dataurl.json:1:[0-9]+: .*requestedUrl: a data: URL is not a value po can keep here' \
    "with a message naming the field"
is "$(wc -c < "$T_OUT" | tr -d ' ')" 0 "and no metrics"

# A real report: the same metrics with and without its screenshots.
python3 - "$REPORTS/lh12-heavy-desktop-run1.json" "$T_TMP/noshots.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r.pop('fullPageScreenshot', None)
for a in ('final-screenshot', 'screenshot-thumbnails'):
    r['audits'].pop(a, None)
json.dump(r, open(sys.argv[2], 'w'))
PY
po-lighthouse-parse "$REPORTS/lh12-heavy-desktop-run1.json" |
    jq -c 'select(.type == "metrics") | .metrics' > "$T_TMP/shots.metrics"
po-lighthouse-parse "$T_TMP/noshots.json" |
    jq -c 'select(.type == "metrics") | .metrics' > "$T_TMP/noshots.metrics"
same "$T_TMP/shots.metrics" "$T_TMP/noshots.metrics" \
    "a real report gives the same metrics without its screenshots"

# -- Faults on indented lines --------------------------------------------
# Lighthouse writes its reports indented: the skimming reader names the
# line and column of a fault there as yajl does of the same bytes read
# whole (po-budget reads a budget file without the skimmer).

# indented NAME PLACE MESSAGE-ERE CONTENT: po-lighthouse-parse and
# po-budget refuse CONTENT at PLACE (line:col) with the same message.
indented() {
	printf "$4" > "$T_TMP/ind-$1.json"
	run po-lighthouse-parse "$T_TMP/ind-$1.json"
	exit_is 2 "$1: refused"
	like "$T_ERR" "^po-lighthouse-parse: [^:]*ind-$1\\.json:$2: invalid JSON: $3" \
	    "$1: at $2, as in the file"
	run po-budget -b "$T_TMP/ind-$1.json" /dev/null
	like "$T_ERR" "^po-budget: [^:]*ind-$1\\.json:$2: invalid JSON: $3" \
	    "$1: po-budget, which reads it whole, says the same"
}

indented comment 3:4 'probable comment found in input text, comments are not enabled$' \
    '{\n  "lighthouseVersion": "12.0.0",\n   /x\n}\n'
indented newline-in-string 2:31 'invalid character inside string$' \
    '{\n  "lighthouseVersion": "12.0.0\n    ",\n  "a": 1\n}\n'
indented tabs 3:6 'invalid char in json text$' \
    '{\n  "lighthouseVersion": "12.0.0",\n\t\t  @\n}\n'
indented deep 3:20 'invalid string in json text$' \
    '{\n  "lighthouseVersion": "12.0.0",\n      "audits": tru\n}\n'
indented crlf 3:13 'invalid string in json text$' \
    '{\r\n  "lighthouseVersion": "12.0.0",\r\n    "a": nul,\r\n}\r\n'

# A real report, indented as Lighthouse writes it and compacted: the same
# stream.
jq -c . "$REPORTS/lh12-heavy-desktop-run1.json" > "$T_TMP/compact.json"
po-lighthouse-parse "$REPORTS/lh12-heavy-desktop-run1.json" |
    jq -c 'del(.file)' > "$T_TMP/indented.out"
po-lighthouse-parse "$T_TMP/compact.json" | jq -c 'del(.file)' > "$T_TMP/compact.out"
same "$T_TMP/indented.out" "$T_TMP/compact.out" \
    "a real report gives the same stream indented and compacted"

done_testing
