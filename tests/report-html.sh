#!/bin/sh
# po-report -f html and -f svg: one self-contained page (no script, nothing
# fetched) and one chart, both well-formed XML as xmllint reads them, with
# the numbers of the stream in them; the page rendered by a real browser
# (headless Chromium) is not blank.  Strings from the stream (subjects are
# URLs) are escaped and cannot add markup.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

F=$FIXTURES/report
S=$FIXTURES/streams
E=$PO_SRCDIR/tests/expected/report
cat "$F/history.ndjson" "$F/regression-fail.ndjson" > "$T_TMP/gate.ndjson"

# xp FILE XPATH: the string value of XPATH in FILE.
xp() {
	xmllint --xpath "$2" "$1" 2>&1
}

# well_formed FILE DESCRIPTION
well_formed() {
	if xmllint --noout "$1" >"$T_TMP/xmllint.log" 2>&1; then
		ok 0 "$2"
	else
		ok 1 "$2"
		head -n 5 "$T_TMP/xmllint.log" | diag "$(cat)"
	fi
}

SVG="*[local-name()='svg']"
LCP="//$SVG[@data-metric='lcp']"

# --- the page --------------------------------------------------------------------
run po-report -f html "$T_TMP/gate.ndjson"
exit_is 0 "-f html: exit 0"
cp "$T_OUT" "$T_TMP/gate.html"
same "$T_TMP/gate.html" "$E/gate.html" "the page is as expected"
well_formed "$T_TMP/gate.html" "the page is well-formed XML"
is "$(head -n 1 "$T_TMP/gate.html")" "<!DOCTYPE html>" "it starts with the HTML doctype"
is "$(xp "$T_TMP/gate.html" 'count(//script | //link | //img | //iframe | //object | //*[@src] | //*[@href])')" 0 \
    "no script, no link, nothing fetched"
unlike "$T_TMP/gate.html" 'url\(|@import|https?://[^<"]*\.(css|js|png|svg|woff)' \
    "the style sheet fetches nothing"
is "$(xp "$T_TMP/gate.html" 'string(//header[@id="verdict"]/h1)')" FAIL "the verdict"
is "$(xp "$T_TMP/gate.html" 'string(//header[@id="verdict"]/@class)')" "verdict fail" \
    "the verdict's colour"
is "$(xp "$T_TMP/gate.html" 'string(//header[@id="verdict"]/p)')" \
    "8 checks over 1 subject: 6 failed, 1 warned, 1 passed." "the counts of the summary"
is "$(xp "$T_TMP/gate.html" 'count(//section[@id="checks"]//tbody/tr)')" 8 \
    "the checks table has a row per check"
is "$(xp "$T_TMP/gate.html" 'count(//section[@id="checks"]//tbody/tr[@class="fail"])')" 6 \
    "six of them failed"
is "$(xp "$T_TMP/gate.html" 'string(//section[@id="checks"]//tbody/tr[1]/td[4])')" "32.4 s" \
    "the first failure is lcp at 32.4 s"
is "$(xp "$T_TMP/gate.html" 'count(//section[@id="before-after"]//tbody/tr)')" 3 \
    "the before/after table has a row per regression check"
row='//section[@id="before-after"]//tbody/tr[td[2]="lcp"]'
is "$(for i in 3 4 5 6 7; do xp "$T_TMP/gate.html" "string($row/td[$i])"; done | paste -sd '|' -)" \
    "3.47 s|32.4 s|+28.9 s (+834%)|no|Mann-Whitney U, p = 0.05, alpha 0.1, 3 runs before, 3 after" \
    "lcp: before, after, change, target met, test"
is "$(xp "$T_TMP/gate.html" "count(//section[@id='history']//$SVG)")" 5 \
    "a chart per metric of the history"
is "$(xp "$T_TMP/gate.html" "count(//section[@id='history']//figure/*[local-name()='figcaption'])")" 5 \
    "each with a caption"
values=$(xmllint --xpath "$LCP//*[local-name()='circle']/@data-value" "$T_TMP/gate.html" |
    sed 's/ *data-value="\([^"]*\)"/\1 /g' | xargs)
is "$values" "900.5138999999999 900.5990999999999 3469.25835 32404.60727152497" \
    "lcp: a point per commit, at the median of its runs"
is "$(xmllint --xpath "$LCP//*[local-name()='circle']/@data-runs" "$T_TMP/gate.html" |
    sed 's/ *data-runs="\([^"]*\)"/\1 /g' | xargs)" "3 1 3 3" "with the number of runs"
is "$(xp "$T_TMP/gate.html" "string($LCP//*[@class='budget']/@data-limit)")" 2500 \
    "lcp: the budget line is at the limit of the budget check"
is "$(xp "$T_TMP/gate.html" "normalize-space($LCP//*[@class='budget']/*[local-name()='text'])")" \
    "budget <= 2.5 s" "and says so"
is "$(xp "$T_TMP/gate.html" "count(//$SVG[@data-metric='total-byte-weight']//*[@class='budget'])")" 0 \
    "no budget line without a budget check"
# The geometry: y grows downwards; the budget line lies between the first
# point (901 ms, under it) and the last (32.4 s, over it).
# (In document order: the budget line, then the points.)
ys=$(xmllint --xpath "$LCP//*[local-name()='circle']/@cy | $LCP//*[@class='budget']/*[local-name()='line']/@y1" \
    "$T_TMP/gate.html" | sed 's/ *c\{0,1\}y1\{0,1\}="\([^"]*\)"/\1 /g' | xargs)
is "$(echo "$ys" | awk '{ print ($2 > $1 && $1 > $5) ? "between" : "not: " $0 }')" between \
    "the budget line lies between the first point and the last ($ys)"
is "$(xmllint --xpath "$LCP//*[local-name()='circle']/@fill" "$T_TMP/gate.html" |
    sed 's/ *fill="\([^"]*\)"/\1 /g' | xargs)" "#0969da #0969da #cf222e #cf222e" \
    "points over the budget are red"

# --- the chart alone ---------------------------------------------------------------
run po-report -f svg --metric lcp "$T_TMP/gate.ndjson"
exit_is 0 "-f svg --metric lcp: exit 0"
cp "$T_OUT" "$T_TMP/lcp.svg"
same "$T_TMP/lcp.svg" "$E/lcp.svg" "the chart is as expected"
well_formed "$T_TMP/lcp.svg" "the chart is well-formed XML"
is "$(xp "$T_TMP/lcp.svg" 'namespace-uri(/*)')" "http://www.w3.org/2000/svg" \
    "an SVG document"
is "$(xmllint --xpath "//*[local-name()='circle']/@data-value" "$T_TMP/lcp.svg" |
    sed 's/ *data-value="\([^"]*\)"/\1 /g' | xargs)" \
    "900.5138999999999 900.5990999999999 3469.25835 32404.60727152497" \
    "the same points as in the page"
run po-report -f svg --metric cls --subject http://127.0.0.1:8080/shop.html "$T_TMP/gate.ndjson"
exit_is 0 "--metric and --subject pick a chart"
is "$(xp "$T_OUT" 'string(/*/@data-metric)')" cls "the one asked for"

run po-report -f svg "$T_TMP/gate.ndjson"
exit_is 2 "-f svg with five series and no --metric: exit 2"
is "$(cat "$T_ERR")" \
    "po-report: 5 series in the history: -f svg draws one; pick it with --metric NAME and --subject SUBJECT (the first is 'lcp' of 'http://127.0.0.1:8080/shop.html')" \
    "and says how to pick one"
is "$(wc -c < "$T_OUT")" 0 "nothing is written"
run po-report -f svg --metric lcp --subject http://elsewhere.test/ "$T_TMP/gate.ndjson"
exit_is 2 "-f svg of a series that is not there: exit 2"
is "$(cat "$T_ERR")" \
    "po-report: no history to draw: -f svg needs metrics documents tagged with a commit, as po-baseline log writes them, of the metric and subject asked for" \
    "and says so"
run po-report -f svg "$S/fail.ndjson"
exit_is 2 "-f svg of a stream without history: exit 2"

# --- older streams, and every hand-written one ---------------------------------------
for stream in pass warn fail error hostile two-summaries; do
	run po-report -f html "$S/$stream.ndjson"
	exit_is 0 "$stream: -f html exits 0" &&
	well_formed "$T_OUT" "$stream: the page is well-formed"
done
run po-report -f html "$S/fail.ndjson"
is "$(xp "$T_OUT" 'count(//section[@id="before-after"] | //section[@id="history"])')" 0 \
    "a stream without regression checks or history: neither section"
is "$(xp "$T_OUT" 'count(//section[@id="checks"]//tbody/tr)')" 16 "but every check"

# --- hostile strings ----------------------------------------------------------------
HOSTILE='https://x.test/?a=1&b=<script>alert(1)</script>"'"'"'</style>'
jq -c --arg s "$HOSTILE" '.subject = $s | .metrics = {"<b>lcp</b>": .metrics.lcp}' \
    "$F/history.ndjson" > "$T_TMP/hostile.ndjson"
jq -c --arg s "$HOSTILE" 'select(.type == "check" and .metric == "lcp") | .subject = $s |
    .name = "<b>lcp</b>" | .metric = "<b>lcp</b>" | .message = "\u0001 ]]> <!-- </svg>"' \
    "$F/regression-fail.ndjson" >> "$T_TMP/hostile.ndjson"
tail -n 1 "$F/regression-fail.ndjson" >> "$T_TMP/hostile.ndjson"
run po-report -f html "$T_TMP/hostile.ndjson"
exit_is 0 "hostile strings: -f html exits 0"
cp "$T_OUT" "$T_TMP/hostile.html"
well_formed "$T_TMP/hostile.html" "the page is still well-formed"
is "$(xp "$T_TMP/hostile.html" 'count(//script | //b | //style[2])')" 0 \
    "no element comes from the stream"
is "$(xp "$T_TMP/hostile.html" 'string(//section[@id="checks"]//tbody/tr[1]/td[2])')" \
    "$HOSTILE" "the subject comes back intact"
is "$(xp "$T_TMP/hostile.html" "string(//$SVG/@data-subject)")" "$HOSTILE" \
    "in the chart too"
is "$(xp "$T_TMP/hostile.html" "count(//$SVG[@data-metric='<b>lcp</b>']//*[@class='budget'])")" 1 \
    "the budget line is found by the metric's name, whatever it holds"
like "$T_TMP/hostile.html" '<td>� \]\]&gt; &lt;!-- &lt;/svg&gt;</td>' \
    "a control character becomes U+FFFD, markup is escaped"
run po-report -f svg --metric '<b>lcp</b>' "$T_TMP/hostile.ndjson"
exit_is 0 "hostile strings: -f svg exits 0"
well_formed "$T_OUT" "the chart is still well-formed"

# --- a write that fails ---------------------------------------------------------------
if [ -w /dev/full ]; then
	run_sh "po-report -f html '$T_TMP/gate.ndjson' > /dev/full"
	exit_is 2 "-f html into a full disk: exit 2"
	run_sh "po-report -f svg --metric lcp '$T_TMP/gate.ndjson' > /dev/full"
	exit_is 2 "-f svg into a full disk: exit 2"
else
	for f in html svg; do
		t_n=$((t_n + 1))
		echo "ok $t_n - -f $f into a full disk # SKIP no /dev/full"
	done
fi

# --- in a browser ---------------------------------------------------------------------
# Counts the colours of a PNG (8-bit RGB or RGBA, not interlaced, as
# Chromium writes screenshots), decoded with zlib alone; every fourth pixel
# of a row is enough to tell a page from a blank one (a blank page has 1).
cat > "$T_TMP/colours.py" <<'PY'
import struct, sys, zlib

data = open(sys.argv[1], "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit("not a PNG")
pos, idat = 8, b""
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
if depth != 8 or ctype not in (2, 6) or interlace:
    sys.exit("unsupported PNG: depth %d, colour type %d" % (depth, ctype))
bpp = 3 if ctype == 2 else 4
stride = width * bpp
raw = zlib.decompress(idat)
prev = bytearray(stride)
colours = set()
for y in range(height):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1:
            line[i] = (line[i] + a) & 255
        elif f == 2:
            line[i] = (line[i] + b) & 255
        elif f == 3:
            line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, bpp * 4):
        colours.add(bytes(line[x:x + 3]))
    prev = line
print(width, height, len(colours))
PY
CHROMIUM=$(command -v chromium || command -v chromium-browser)
if [ -n "$CHROMIUM" ]; then
	shot() {
		mkdir -p "$T_TMP/profile" &&
		(cd "$T_TMP" && timeout 120 "$CHROMIUM" --headless --no-sandbox \
		    --disable-gpu --disable-quic --no-first-run \
		    --disable-background-networking --disable-component-update \
		    --disable-sync --user-data-dir="$T_TMP/profile" \
		    --screenshot="$2" --window-size=1200,900 "file://$1") \
		    >"$T_TMP/chromium.log" 2>&1
	}
	shot "$T_TMP/gate.html" "$T_TMP/gate.png"
	is "$?" 0 "headless Chromium renders the page"
	read -r width height colours <<EOT
$(python3 "$T_TMP/colours.py" "$T_TMP/gate.png" 2>&1)
EOT
	is "$width x $height" "1200 x 900" "the screenshot is the window's size"
	is "$([ "${colours:-0}" -gt 16 ] 2>/dev/null && echo many)" many \
	    "and not blank: $colours colours"
	shot "$T_TMP/lcp.svg" "$T_TMP/lcp.png"
	colours=$(python3 "$T_TMP/colours.py" "$T_TMP/lcp.png" 2>&1 | cut -d ' ' -f 3)
	is "$([ "${colours:-0}" -gt 4 ] 2>/dev/null && echo many)" many \
	    "the chart alone renders too: $colours colours"
else
	for what in "renders the page" "the window's size" "not blank" "the chart alone"; do
		t_n=$((t_n + 1))
		echo "ok $t_n - Chromium: $what # SKIP chromium is not installed"
	done
fi

done_testing
