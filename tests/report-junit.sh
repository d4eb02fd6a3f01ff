#!/bin/sh
# po-report -f junit writes JUnit XML that tests/junit.xsd accepts (the
# format as Jenkins, GitLab and GitHub's reporters read it), whose counts
# agree with its testcases, and that never looks clean for a gate that did
# not pass.  The schema itself is shown to refuse what those readers would
# misread.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

S=$FIXTURES/streams
XSD=$PO_SRCDIR/tests/junit.xsd

if ! command -v xmllint >/dev/null 2>&1; then
	echo "1..0 # SKIP xmllint is not installed"
	exit 0
fi

# xpath EXPR FILE: the string value of EXPR.
xpath() {
	xmllint --xpath "$1" "$2"
}

# valid FILE WHAT
valid() {
	if xmllint --noout --schema "$XSD" "$1" > "$T_TMP/xmllint.log" 2>&1; then
		ok 0 "$2"
	else
		ok 1 "$2"
		head -n 5 "$T_TMP/xmllint.log" | diag "$(cat)"
	fi
}

# counted FILE WHAT: the totals of <testsuites> and of each <testsuite>
# are those of the testcases they hold.
counted() {
	bad=0
	for n in $(seq 1 "$(xpath 'count(/testsuites/testsuite)' "$1")"); do
		suite="/testsuites/testsuite[$n]"
		for pair in tests:testcase failures:testcase/failure \
		    errors:testcase/error skipped:testcase/skipped; do
			attr=${pair%%:*}
			path=${pair#*:}
			[ "$(xpath "string($suite/@$attr)" "$1")" = \
			    "$(xpath "count($suite/$path)" "$1")" ] || bad=$((bad + 1))
		done
	done
	for pair in tests://testcase failures://failure errors://error \
	    skipped://skipped; do
		[ "$(xpath "string(/testsuites/@${pair%%:*})" "$1")" = \
		    "$(xpath "count(${pair#*:})" "$1")" ] || bad=$((bad + 1))
	done
	is "$bad" 0 "$2"
}

# --- every stream ---------------------------------------------------------------
cd "$PO_SRCDIR" || exit 2
R=tests/fixtures/lighthouse/reports
po-lighthouse-parse $R/lh12-heavy-mobile-run1.json $R/lh12-lean-mobile-run1.json \
    $R/lh12-error-404.json $R/lh12-error-refused.json > "$T_TMP/lighthouse.ndjson" 2>/dev/null
cat "$T_TMP/lighthouse.ndjson" "$S/fail.ndjson" > "$T_TMP/lighthouse-fail.ndjson"
cd - >/dev/null || exit 2
for stream in "$S"/*.ndjson "$T_TMP/lighthouse.ndjson" "$T_TMP/lighthouse-fail.ndjson"; do
	name=$(basename "$stream" .ndjson)
	run po-report -f junit "$stream"
	exit_is 0 "$name: exit 0"
	cp "$T_OUT" "$T_TMP/$name.xml"
	valid "$T_TMP/$name.xml" "$name: valid against junit.xsd"
	counted "$T_TMP/$name.xml" "$name: the counts agree with the testcases"
done

# --- what each document becomes -------------------------------------------------
F=$T_TMP/fail.xml
is "$(xpath 'count(/testsuites/testsuite)' "$F")" 2 "a testsuite per subject"
is "$(xpath 'string(/testsuites/testsuite[2]/@name)' "$F")" "k6: checkout flow" \
    "named by the subject"
is "$(xpath 'string(//testcase[@name="tbt"]/failure/@message)' "$F")" \
    "value 797 ms > limit 300 ms" "a failed check: <failure message=\"value X > limit Y\">"
is "$(xpath 'string(//testcase[@name="tbt"]/@classname)' "$F")" \
    "http://127.0.0.1:8081/heavy.html" "classname is the subject"
is "$(xpath 'count(//testcase[@name="ttfb"]/*[self::failure or self::skipped or self::error])' "$F")" 0 \
    "a warned check passes"
like "$F" '<system-out>WARN \(over a warn level; the gate passes\): value 703 ms &gt; limit 600 ms, margin -103 ms$' \
    "and says WARN in <system-out>"
is "$(xpath 'string(//testcase[@name="interactive"]/failure/@message)' "$F")" \
    "no value (limit <= 5 s)" "a check with no value fails with a message that says so"
is "$(xpath 'count(//testcase[@name="lcp"]) + count(//testcase[@name="lcp (2)"])' "$F")" 2 \
    "two checks of one name in one subject are numbered apart"
is "$(xpath 'count(//testsuite[@name="po-report"])' "$F")" 0 \
    "a failed gate with failed checks needs no verdict testcase"

L=$T_TMP/lighthouse.xml
is "$(xpath 'string(//testcase[@classname="http://127.0.0.1:8080/missing.html"]/error/@type)' "$L")" \
    "ERRORED_DOCUMENT_REQUEST" "an error document is an <error> testcase, typed by its code"
is "$(xpath 'string(//testsuite[@name="po-report"]/testcase[@name="verdict"]/error/@message)' "$L")" \
    "ERROR: no summary in the input: no gate such as po-budget ran over it" \
    "no summary: a verdict testcase errs"
is "$(xpath 'string(//testsuite[@name="po-report"]/testcase/error/@message)' "$T_TMP/error.xml")" \
    "ERROR: 1 check over 2 subjects: 0 failed, 0 warned, 1 passed; 1 error" \
    "an ERROR summary: the verdict testcase errs with its counts"
is "$(xpath 'concat(/testsuites/@failures, " ", /testsuites/@errors)' "$T_TMP/pass.xml")" \
    "0 0" "a passing gate: no failure, no error"

# A summary that failed while every check in the stream passed (the
# failing checks were filtered out upstream): JUnit must not look clean.
sed 's/"status":"pass","exit":0/"status":"fail","exit":1/' "$S/pass.ndjson" > "$T_TMP/filtered.ndjson"
run po-report -f junit "$T_TMP/filtered.ndjson"
cp "$T_OUT" "$T_TMP/filtered.xml"
valid "$T_TMP/filtered.xml" "filtered: valid"
is "$(xpath 'string(//testsuite[@name="po-report"]/testcase[@name="verdict"]/failure/@message)' "$T_TMP/filtered.xml")" \
    "FAIL: 5 checks over 1 subject: 0 failed, 0 warned, 5 passed" \
    "a FAIL verdict without a failed check: the verdict testcase fails"

# Hostile strings: the XML is well formed and says what the stream said.
H=$T_TMP/hostile.xml
is "$(xpath 'string(/testsuites/testsuite[1]/@name)' "$H")" \
    "https://example.test/a|b?q=1&r=<2>#frag \"quoted\" 'single' %s %25 café 日本 😀" \
    "a subject with markup characters and non-ASCII comes back intact"
like "$H" ' \\back �\[31mred�\[0m � �$' \
    "control characters and U+FFFF, which XML cannot carry, become U+FFFD"
is "$(xpath 'string(//testsuite[@name="(no subject)"]/testcase/@classname)' "$H")" \
    "(no subject)" "an empty subject is named"

# --- the schema refuses what readers would misread -------------------------------
# refused WHAT XML: junit.xsd does not accept the document.
refused() {
	printf '%s\n' "$2" > "$T_TMP/refused.xml"
	if xmllint --noout --schema "$XSD" "$T_TMP/refused.xml" >/dev/null 2>&1; then
		ok 1 "junit.xsd refuses $1"
	else
		ok 0 "junit.xsd refuses $1"
	fi
}
refused "a duplicate testcase (GitLab keeps only the first)" \
    '<testsuites><testsuite name="s" tests="2"><testcase classname="c" name="n"/><testcase classname="c" name="n"/></testsuite></testsuites>'
refused "a testcase without a classname" \
    '<testsuites><testsuite name="s" tests="1"><testcase name="n"/></testsuite></testsuites>'
refused "a testsuite without a count of tests" \
    '<testsuites><testsuite name="s"><testcase classname="c" name="n"/></testsuite></testsuites>'
refused "a count that is not a number" \
    '<testsuites><testsuite name="s" tests="two"><testcase classname="c" name="n"/></testsuite></testsuites>'
refused "a failure outside a testcase" \
    '<testsuites><testsuite name="s" tests="0"><failure message="m"/></testsuite></testsuites>'
refused "a testcase both failed and skipped" \
    '<testsuites><testsuite name="s" tests="1"><testcase classname="c" name="n"><failure/><skipped/></testcase></testsuite></testsuites>'
printf '%s\n' '<testsuites name="po" tests="1" failures="1"><testsuite name="s" tests="1" failures="1"><testcase classname="c" name="n" time="0.5"><failure message="m" type="t">details</failure><system-out>out</system-out></testcase></testsuite></testsuites>' \
    > "$T_TMP/accepted.xml"
valid "$T_TMP/accepted.xml" "junit.xsd accepts a plain report with a failure and output"

done_testing
