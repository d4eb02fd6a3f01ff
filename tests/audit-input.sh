#!/bin/sh
# po-audit on bad input: options, URLs, files of URLs, headers files, and
# sitemaps that are garbage, truncated, not sitemaps, or hostile.  Each is
# one message naming file:line and exit 2, before anything is fetched.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"
BAD=$FIXTURES/audit/bad

# bad DESCRIPTION EXPECTED-STDERR COMMAND...: exit 2, nothing on stdout,
# exactly this on stderr.
bad() {
	desc=$1 want=$2
	shift 2
	run "$@"
	exit_is 2 "$desc: exit 2"
	is "$(cat "$T_ERR")" "$want" "$desc: the message"
	is "$(wc -c <"$T_OUT")" 0 "$desc: nothing on stdout"
}

run po-audit
exit_is 2 "no URL: usage error"
like "$T_ERR" '^po-audit: no URL, --urls or --sitemap to audit$' "no URL: the message"
for opt in "-s 0" "-s 1.5" "-s x" "-j 0" "--timeout -1s" "--timeout 1x" \
    "--max-size 0" "--max-redirects 51" "-c 0"; do
	# shellcheck disable=SC2086
	run po-audit $opt http://127.0.0.1:9/
	exit_is 2 "'$opt': usage error"
done

bad "an ftp URL" "po-audit: not an http or https URL 'ftp://127.0.0.1/x'" \
    po-audit ftp://127.0.0.1/x
bad "no URL at all" "po-audit: not an http or https URL 'index.html'" \
    po-audit index.html
bad "a javascript: URL" "po-audit: not an http or https URL 'javascript:alert(1)'" \
    po-audit 'javascript:alert(1)'
bad "a URL with invalid UTF-8" "po-audit: invalid UTF-8 in a URL" \
    po-audit "$(printf 'http://127.0.0.1:9/\303\050')"

bad "a missing file of URLs" \
    "po-audit: $T_TMP/none.txt: No such file or directory" \
    po-audit -f "$T_TMP/none.txt"
: >"$T_TMP/empty.txt"
bad "an empty file of URLs" "po-audit: no page to audit" \
    po-audit -f "$T_TMP/empty.txt"
bad "bad lines in a file of URLs" \
    "po-audit: $BAD/urls-bad.txt:4:3: not an http or https URL 'ftp://127.0.0.1/b.html'
po-audit: $BAD/urls-bad.txt:5:1: not an http or https URL 'not a url'
po-audit: $BAD/urls-bad.txt:6:20: invalid UTF-8 in a URL" \
    po-audit -f "$BAD/urls-bad.txt"

bad "bad lines in a headers file" \
    "po-audit: $BAD/headers-bad.txt:2:1: not a 'Name: value' header line
po-audit: $BAD/headers-bad.txt:3:4: a header name may not contain this character
po-audit: $BAD/headers-bad.txt:4:9: a control character in the value of a header
po-audit: $BAD/headers-bad.txt:5:9: invalid UTF-8" \
    po-audit -H "$BAD/headers-bad.txt" http://127.0.0.1:9/
bad "an unset header variable" \
    "po-audit: \$PO_TEST_UNSET: the environment variable is not set" \
    env -u PO_TEST_UNSET po-audit --api --header-env PO_TEST_UNSET \
    http://127.0.0.1:9/
PO_TEST_SECRET="$(printf 'Authorization: Bearer s3cr3t\001')" run po-audit \
    --header-env PO_TEST_SECRET http://127.0.0.1:9/
exit_is 2 "a header variable with a control character: exit 2"
unlike "$T_ERR" 's3cr3t' "its value is not echoed"
bad "a missing body file" "po-audit: $T_TMP/none.json: No such file or directory" \
    po-audit --api --body "$T_TMP/none.json" http://127.0.0.1:9/

bad "a sitemap that is not XML" \
    "po-audit: $BAD/sitemap-garbage.xml:1: document is empty" \
    po-audit --sitemap "$BAD/sitemap-garbage.xml"
bad "an RSS feed as a sitemap" \
    "po-audit: $BAD/sitemap-rss.xml:2: not a sitemap: the root element is 'rss', not 'urlset' or 'sitemapindex'" \
    po-audit --sitemap "$BAD/sitemap-rss.xml"
bad "a sitemap with invalid UTF-8" \
    "po-audit: $BAD/sitemap-bad-utf8.xml:2: input is not proper UTF-8, indicate encoding" \
    po-audit --sitemap "$BAD/sitemap-bad-utf8.xml"
bad "a sitemap with a javascript: URL" \
    "po-audit: $BAD/sitemap-bad-loc.xml:2: not an http or https URL 'javascript:alert(1)'" \
    po-audit --sitemap "$BAD/sitemap-bad-loc.xml"
bad "a sitemap with an external entity (XXE)" \
    "po-audit: $BAD/sitemap-xxe.xml:3: not an http or https URL ''" \
    po-audit --sitemap "$BAD/sitemap-xxe.xml"
bad "a sitemap index that lists a local file" \
    "po-audit: $BAD/sitemap-index-file.xml:2: a sitemap index may only list http or https URLs, not '/etc/passwd'" \
    po-audit --sitemap "$BAD/sitemap-index-file.xml"
bad "a missing sitemap" "po-audit: $T_TMP/none.xml: No such file or directory" \
    po-audit --sitemap "$T_TMP/none.xml"

# Every truncation of a good sitemap: exit 2, one message, no output.
sed 's|@BASE@|http://127.0.0.1:9|' "$FIXTURES/audit/sitemap.xml.in" \
    >"$T_TMP/sitemap.xml"
size=$(wc -c <"$T_TMP/sitemap.xml")
bad_cuts=0
cut=0
while [ "$cut" -lt $((size - 1)) ]; do
	head -c "$cut" "$T_TMP/sitemap.xml" >"$T_TMP/cut.xml"
	run po-audit --sitemap "$T_TMP/cut.xml"
	if [ "$T_RC" -ne 2 ] || [ "$(wc -l <"$T_ERR")" -ne 1 ] ||
	    [ -s "$T_OUT" ]; then
		bad_cuts=$((bad_cuts + 1))
		[ "$bad_cuts" -le 3 ] && diag "cut at $cut: exit $T_RC" "$(cat "$T_ERR")"
	fi
	cut=$((cut + 1))
done
is "$bad_cuts" 0 "each of the $((size - 1)) truncations of a sitemap: one message, exit 2"

done_testing
