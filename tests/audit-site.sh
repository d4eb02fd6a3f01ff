#!/bin/sh
# po-audit against Debian's nginx on loopback serving the Lighthouse
# fixture site (tests/fixtures/audit/site/, the pages Lighthouse measured
# for tests/fixtures/lighthouse/): the resource summary agrees with what
# Lighthouse 12 measured there, the findings with its failed audits, and
# the stream goes through po-budget with a Lighthouse budget.json.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"
. "$PO_SRCDIR/tests/audit/lib.sh"
audit_need nginx openssl
audit_start_site
BUDGET=$PO_SRCDIR/tests/fixtures/audit/budget.json
# A jq prefix that makes the whole stream one array.
ALL='[., inputs] | '

# lh_summary REPORT TYPE: Lighthouse's transfer size and request count of
# TYPE in REPORT, without the requests the pages' scripts make (po-audit
# runs no JavaScript: the tracking pixel and the injected ad banner).
lh_summary() {
	jq -c --arg t "$2" '[.audits["network-requests"].details.items[]
	    | select(.url | test("pixel.gif|ad-banner") | not)
	    | select(.url | endswith("favicon.ico") | not)
	    | select($t == "total" or ($t == "third-party" and
	        (.url | startswith("http://127.0.0.2"))) or
	        (.resourceType | ascii_downcase) == $t)]
	    | [(map(.transferSize) | add // 0), length]' "$REPORTS/$1"
}

audit_summary() {
	jq -c --arg t "$2" 'select(.type == "metrics") |
	    [.metrics["resource.\($t).size"].value,
	     .metrics["resource.\($t).count"].value]' "$1"
}

# close A B TOLERANCE: the sizes are equal within TOLERANCE bytes and the
# counts are equal.
close() {
	jq -n --argjson a "$1" --argjson b "$2" --argjson tol "$3" \
	    '$a[1] == $b[1] and (($a[0] - $b[0]) | fabs) <= $tol' | grep -q true
}

# What Lighthouse 12 measured, page by page.  Bodies are byte for byte the
# same; headers differ a little (nginx here, nginx behind the fixture's
# slow backend there; Chromium's requests), and gzip output with the port
# number in the page, so sizes agree within a tolerance per request.
for case in medium:"$GOOD":lh12-medium-desktop-run1.json \
    heavy:"$BAD":lh12-heavy-desktop-run1.json \
    lean:"$GOOD":lh12-lean-desktop-run1.json; do
	page=${case%%:*}; rest=${case#*:}; report=${rest##*:}; base=${rest%:*}
	run po-audit "$base/$page.html"
	exit_is 0 "$page: exit 0"
	valid_stream "$T_OUT" "$page: the output is valid against the schema"
	cp "$T_OUT" "$T_TMP/$page.json"
	for type in total document script stylesheet image font media other \
	    third-party; do
		got=$(audit_summary "$T_TMP/$page.json" $type)
		want=$(lh_summary "$report" $type)
		n=$(echo "$want" | jq '.[1]')
		if close "$got" "$want" $((50 * n + 50)); then
			ok 0 "$page: $type size and count as Lighthouse measured"
		else
			ok 1 "$page: $type size and count as Lighthouse measured"
			diag "po-audit [size,count] $got, Lighthouse $want"
		fi
	done
	[ "$page" = heavy ] && continue
	is "$(jq 'select(.type == "metrics") | .metrics["dom-size"].value' \
	    "$T_TMP/$page.json")" \
	    "$(jq '.audits["dom-size"].numericValue' "$REPORTS/$report")" \
	    "$page: DOM size as Lighthouse counted it"
done

# Bytes that do not depend on the port: image and font bodies are sent as
# they are, so their transfer size is the file plus nginx's headers.
jq_is "$T_TMP/medium.json" 'select(.type=="metrics") |
    [.metrics["resource.font.size"].value, .metrics["resource.image.size"].value,
     .metrics["requests"].value, .metrics["third-party-origins"].value]' \
    '[238765,205411,12,1]' \
    "medium: font and image bytes exactly; the favicon counts in requests only"
jq_is "$T_TMP/medium.json" 'select(.type=="metrics") | .tags |
    [.status, .http_version, .content_encoding]' '[200,"1.1","gzip"]' \
    "medium: status, HTTP version and compression of the document"
# heavy.html is 2,615 elements for Lighthouse: app.js inserts a banner and
# widget.js an ad image, which po-audit does not run.
jq_is "$T_TMP/heavy.json" 'select(.type=="metrics") | .metrics["dom-size"].value' \
    '2613' "heavy: the DOM of the HTML, without what scripts insert"

# Findings: heavy.html fails the audits Lighthouse failed on it.
jq_is "$T_TMP/heavy.json" "$ALL"'[.[] | select(.type=="finding") | .id] | sort' \
    '["dom-size","offscreen-images","oversized-images","render-blocking-resources","unsized-images","uses-long-cache-ttl","uses-text-compression"]' \
    "heavy: the findings of a slow, uncompressed, uncached page"
jq_is "$T_TMP/heavy.json" 'select(.id=="render-blocking-resources") |
    [.severity, (.evidence | split("; ") | length)]' '["high",6]' \
    "heavy: 4 stylesheets and 3 synchronous scripts block rendering"
jq_is "$T_TMP/heavy.json" 'select(.id=="uses-text-compression") |
    [.layer, (.evidence | test("vendor.bundle.js \\(728693 bytes"))]' \
    '["infrastructure",true]' "heavy: the uncompressed 728693-byte bundle"
jq_is "$T_TMP/heavy.json" 'select(.id=="unsized-images") | .evidence' \
    '"'"$BAD"'/static/img/hero-big.jpg; '"$BAD"'/static/img/gallery-1.jpg; '"$BAD"'/static/img/gallery-2.jpg; '"$BAD"'/static/img/gallery-noise.png; '"$BAD"'/static/img/thumb-01.jpg; and 23 more"' \
    "heavy: the 28 images without width and height"
jq_is "$T_TMP/heavy.json" 'select(.id=="dom-size") | .severity' '"high"' \
    "heavy: 2613 elements is past Lighthouse's 1400"
# medium.html: only what Lighthouse 12 also listed under uses-long-cache-ttl
# (the third party's script and image; the pixel is not requested here).
jq_is "$T_TMP/medium.json" 'select(.id=="uses-long-cache-ttl") | .evidence' \
    '"'"$TP"'/tp/analytics.js (no lifetime, ETag, Last-Modified); '"$TP"'/img/ad-square.jpg (no lifetime, ETag, Last-Modified)"' \
    "medium: the third party's uncached script and image"
jq_is "$T_TMP/medium.json" "$ALL"'[.[] | select(.type=="finding") | .id] | sort' \
    '["render-blocking-resources","uses-long-cache-ttl"]' \
    "medium: no compression, size or lazy-loading finding"
jq_is "$T_TMP/lean.json" "$ALL"'[.[] | select(.type=="finding")] | length' '0' \
    "lean: no finding"

# The same budget.json as Lighthouse's, without its timings (po-audit
# measures no paint): medium is over its font and total sizes.
run_sh "po-audit '$GOOD/medium.html' '$GOOD/lean.html' | po-budget -b '$BUDGET'"
exit_is 1 "po-budget with a Lighthouse budget.json fails medium"
jq_is "$T_OUT" "$ALL"'[.[] | select(.type=="check" and .status=="fail") | .name]' \
    '["resource-summary.font.size","resource-summary.total.size"]' \
    "the checks that fail are those Lighthouse's budget failed"
valid_stream "$T_OUT" "the gated stream is valid"
run_sh "po-audit '$GOOD/lean.html' | po-budget -b '$BUDGET' | po-report -f markdown"
exit_is 0 "lean passes the budget through po-report"
like "$T_OUT" 'PASS' "the markdown report says it passed"

# Samples: the timings are medians over fresh connections, each sample
# kept, and the p95 beside them.
run po-audit -s 3 "$GOOD/timed.html"
exit_is 0 "three samples: exit 0"
jq_is "$T_OUT" 'select(.type=="metrics") | [(.metrics.ttfb.samples | length),
    (.metrics["connect-time"].samples | length),
    (.metrics["ttfb.p95"].value >= .metrics.ttfb.value), .tags.samples]' \
    '[3,3,true,3]' "ttfb and connect time over three samples"
jq_is "$T_OUT" 'select(.type=="metrics") | [.metrics["server-timing.db"].value,
    .metrics["server-timing.app"].value, .metrics["server-timing.cache"]]' \
    '[12.5,30,null]' "Server-Timing durations; an entry without dur is left out"
valid_stream "$T_OUT" "samples: valid stream"

# Redirects: followed, counted, and a finding.
run po-audit "$GOOD/moved"
exit_is 0 "a redirect: exit 0"
jq_is "$T_OUT" 'select(.type=="metrics") | [.subject, .tags.requested_url,
    .metrics.redirects.value]' "[\"$GOOD/lean.html\",\"$GOOD/moved\",1]" \
    "the final URL is the subject, the redirect is counted"
jq_is "$T_OUT" 'select(.type=="finding") | .id' '"redirects"' \
    "a redirect on the way to the page is a finding"

# TLS with HTTP/2, trusting the test's own CA.
run po-audit --cacert "$CA" "$TLS/medium.html"
exit_is 0 "https with --cacert: exit 0"
jq_is "$T_OUT" 'select(.type=="metrics") | [.tags.http_version,
    (.metrics["tls-time"].value > 0), .metrics["resource.font.size"].value < 238765]' \
    '["2",true,true]' "HTTP/2, a TLS handshake, HPACK-compressed headers"
valid_stream "$T_OUT" "https: valid stream"
run po-audit "$TLS/lean.html"
exit_is 2 "https without the CA: nothing could be audited, exit 2"
jq_is "$T_OUT" '[.type, .code]' '["error","INSECURE_DOCUMENT_REQUEST"]' \
    "an untrusted certificate is an error document"
like "$T_ERR" "^po-audit: $TLS/lean.html: .*certificate" \
    "the message names the URL and the certificate problem"
run po-audit -k "$TLS/lean.html"
exit_is 0 "--insecure audits it"
like "$T_ERR" '^po-audit: --insecure: TLS certificates are not verified' \
    "--insecure says so loudly"

# --same-origin: the third party is not fetched but still counted.
tp_before=$(wc -l <"$AUDIT_RUN/tp-access.log")
run po-audit --same-origin "$GOOD/medium.html"
exit_is 0 "--same-origin: exit 0"
jq_is "$T_OUT" 'select(.type=="metrics") | [.metrics["resource.third-party.count"].value,
    .metrics["resource.third-party.size"].value, .metrics["resource.total.count"].value]' \
    '[2,0,11]' "third-party requests counted, not fetched"
is "$(wc -l <"$AUDIT_RUN/tp-access.log")" "$tp_before" \
    "the third party got no request"

# Sitemaps, plain and as an index, read from a file and over HTTP.
sed "s|@BASE@|$GOOD|g" "$PO_SRCDIR/tests/fixtures/audit/sitemap.xml.in" \
    >"$AUDIT_SITE/www/sitemap.xml"
sed "s|@BASE@|$GOOD|g" "$PO_SRCDIR/tests/fixtures/audit/sitemap-index.xml.in" \
    >"$AUDIT_SITE/www/sitemap-index.xml"
run po-audit --sitemap "$AUDIT_SITE/www/sitemap.xml"
exit_is 0 "a sitemap file: exit 0"
jq_is "$T_OUT" "$ALL"'[.[] | select(.type=="metrics") | .subject]' \
    "[\"$GOOD/lean.html\",\"$GOOD/medium.html\"]" "its pages in order"
run po-audit --sitemap "$GOOD/sitemap-index.xml"
exit_is 0 "a sitemap index over HTTP: exit 0"
jq_is "$T_OUT" "$ALL"'[.[] | select(.type=="metrics") | .subject]' \
    "[\"$GOOD/lean.html\",\"$GOOD/medium.html\"]" "the pages of the sitemaps it lists"

# A file of URLs, comments and blank lines skipped; one page failing does
# not fail the run: its error document fails the gate downstream.
printf '# pages\n%s\n\n  %s  \n' "$GOOD/lean.html" "$GOOD/missing.html" \
    >"$T_TMP/urls.txt"
run po-audit -f "$T_TMP/urls.txt"
exit_is 0 "a 404 among the pages: exit 0, it was measured"
jq_is "$T_OUT" '[.type, .code // .subject]' \
    "[\"metrics\",\"$GOOD/lean.html\"]
[\"error\",\"ERRORED_DOCUMENT_REQUEST\"]" "metrics, then an error document"
is "$(cat "$T_ERR")" "po-audit: $GOOD/missing.html: HTTP status 404" \
    "one message for the missing page"
run_sh "po-audit -f '$T_TMP/urls.txt' | po-budget -b '$BUDGET'"
exit_is 2 "po-budget fails closed on the error document"

# file:// only with --allow-file: a local build, with relative links.
mkdir -p "$T_TMP/build/img" &&
printf '<!doctype html><title>b</title><link rel="stylesheet" href="s.css"><img src="img/a.jpg" width="2" height="2">\n' \
    >"$T_TMP/build/index.html" &&
printf 'body { background: url("img/bg.png"); }\n' >"$T_TMP/build/s.css" &&
{
	# A JPEG's header up to its frame: an APP0 segment, then SOF0 with
	# 2000 lines of 3000 pixels; the rest of its 20000 bytes are zeros.
	printf '\377\330\377\340\000\020JFIF\000\001\001\000\000\001\000\001\000\000'
	printf '\377\300\000\021\010\007\320\013\270\003\001\042\000\002\021\001\003\021\001'
	head -c 19961 /dev/zero
} >"$T_TMP/build/img/a.jpg" &&
head -c 300 /dev/zero >"$T_TMP/build/img/bg.png"
run po-audit "file://$T_TMP/build/index.html"
exit_is 2 "file:// without --allow-file: exit 2"
is "$(cat "$T_ERR")" "po-audit: not an http or https URL 'file://$T_TMP/build/index.html'" \
    "the message says why"
run po-audit --allow-file "file://$T_TMP/build/index.html"
exit_is 0 "file:// with --allow-file: exit 0"
jq_is "$T_OUT" 'select(.type=="metrics") | [.metrics["resource.image.count"].value,
    .metrics["resource.image.size"].value, .metrics["resource.stylesheet.size"].value,
    .metrics["failed-requests"].value]' '[2,20300,40,0]' \
    "a local build: the image, the stylesheet's background, the files' bytes"
jq_is "$T_OUT" "$ALL"'[.[] | select(.type=="finding") | .id]' \
    '["render-blocking-resources","oversized-images","viewport"]' \
    "a local build has no cache or compression finding"
jq_is "$T_OUT" 'select(.id=="oversized-images") | [.evidence, (.savings.bytes | floor)]' \
    "[\"file://$T_TMP/build/img/a.jpg (3000x2000 shown at 2x2)\",19999]" \
    "a JPEG's intrinsic size against the size the page shows it at"

done_testing
