#!/bin/sh
# Every parser of po against bad input, run as users run the tools: the
# Lighthouse report reader (po-lighthouse-parse), the po stream reader
# (po-budget, and po-report once it reads the stream), the budget loaders
# (po-budget -b: po's format, Lighthouse budget.json, Lighthouse CI) and
# the gzip-transparent input layer under all of them.
#
# Each bad input must give exit status 2 exactly (never 0 or 1, never a
# signal, never a sanitizer's exit code), at least one message on stderr
# that names the file (with line:col where the input has a position), and
# nothing on stdout that a gate downstream would take for a pass.  Under
# the sanitizer build the same checks catch crashes and leaks.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

FUZZ=$PO_SRCDIR/tests/fuzz
W=$T_TMP/work
mkdir -p "$W"

# A tool that hangs on some input is a failure, not a stuck test suite.
LIMIT=${PO_TEST_TIMEOUT:-120}

# -- Known gaps -------------------------------------------------------
# Cases that fail today because of bugs outside this test's files, reported
# to the lead.  `todo REASON` marks the next check as a TAP TODO: it still
# runs and is shown as "not ok ... # TODO" (XFAIL), but does not fail the
# suite; when the bug is fixed it passes and says so in a comment.
T_TODO=
T_TODO_BUDGET=

todo() {
	T_TODO=$1
}


# The same, for the po-budget check of the next bad_stream only: a gap of
# po-budget's that po-report does not share.
todo_budget() {
	T_TODO_BUDGET=$1
}

# verdict OK DESCRIPTION: one TAP line, honouring a pending todo.
verdict() {
	t_n=$((t_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $t_n - $2"
		[ -z "$T_TODO" ] || diag "fixed: $T_TODO (drop the todo)"
	elif [ -n "$T_TODO" ]; then
		echo "not ok $t_n - $2 # TODO $T_TODO"
	else
		echo "not ok $t_n - $2"
		t_failed=$((t_failed + 1))
	fi
	T_TODO=
}

# -- What a refusal looks like ----------------------------------------

# check_run TOOL NAME POS: what is wrong with the last run, as a refusal of
# its input, or nothing.  It must have no sanitizer report, exit 2, a
# message "TOOL: NAME:" (NAME taken literally) followed by line:col when
# POS is "linecol" or by a line number when it is "line", and nothing on
# stdout that a gate would take for a pass: no measurement from
# po-lighthouse-parse, and from po-budget a last line that is a summary
# with status error.  One awk does it all: the truncation loops run this
# thousands of times.
check_run() {
	LC_ALL=C awk -v tool="$1" -v name="$2" -v pos="$3" -v rc="$T_RC" '
	FILENAME == ARGV[1] {
		if ($0 ~ /AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:/)
			san = 1
		p = tool ": " name ":"
		if (substr($0, 1, length(p)) == p) {
			rest = substr($0, length(p) + 1)
			if (pos == "linecol") {
				if (rest ~ /^[0-9]+:[0-9]+: /)
					named = 1
			} else if (pos == "line") {
				if (rest ~ /^[0-9]+(:[0-9]+)?: /)
					named = 1
			} else {
				named = 1
			}
		}
		next
	}
	{
		last = $0
		if (tool == "po-lighthouse-parse" &&
		    $0 ~ /"type":"(metrics|finding)"/)
			measured = 1
		if ($0 ~ /"type":"summary",.*"status":"(pass|warn|fail)"/)
			passed = 1
	}
	END {
		if (san)
			print "a sanitizer report"
		else if (rc != 2)
			print "exit " rc
		else if (!named)
			print "no message \"" tool ": " name ":" \
			    (pos == "file" ? "" : "<" pos ">:") " ...\""
		else if (measured)
			print "measurements on stdout"
		else if (tool == "po-budget" &&
		    last !~ /"type":"summary",.*"status":"error","exit":2,/)
			print "the last line is not a summary with status error"
		else if (passed)
			print "a summary that is not an error"
	}' "$T_ERR" "$T_OUT"
}

# names_file TOOL NAME POS: whether the last run has such a message.
names_file() {
	case $(T_RC=2; check_run "$1" "$2" "$3") in
	"no message"*|"a sanitizer report") return 1 ;;
	*) return 0 ;;
	esac
}

sanitizer_report() {
	grep -Eq 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:' "$T_ERR"
}

report_failure() {
	diag "$1"
	head -n 3 "$T_ERR" | cut -c1-200 | diag "$(cat)"
}

# refused TOOL NAME POS DESCRIPTION: the check for one run.
refused() {
	problem=$(check_run "$1" "$2" "$3")
	if [ -z "$problem" ]; then
		verdict 0 "$4"
	else
		verdict 1 "$4"
		report_failure "$problem"
	fi
}

# The ways to hand a file to a parser: as a report, as the stream of
# po-budget, as its budget, as the stream of po-report.
lhp() {
	run timeout "$LIMIT" po-lighthouse-parse "$1"
}

budget_stream() {
	run timeout "$LIMIT" po-budget -b "$GOOD_BUDGET" "$1"
}

budget_file() {
	run timeout "$LIMIT" po-budget -b "$1" "$GOOD_STREAM"
}

report_stream() {
	run timeout "$LIMIT" po-report "$1"
}

# bad_lhr FILE POS DESCRIPTION (and the same for the stream and budgets).
bad_lhr() {
	lhp "$1"
	refused po-lighthouse-parse "$1" "$2" "po-lighthouse-parse: $3"
}

# What the stream reader itself must refuse, in every tool that reads the
# stream; a pending todo holds for each of them.
bad_stream() {
	pending=$T_TODO
	[ -z "$T_TODO_BUDGET" ] || T_TODO=$T_TODO_BUDGET
	T_TODO_BUDGET=
	budget_stream "$1"
	refused po-budget "$1" "$2" "po-budget (stream): $3"
	if [ -n "$HAVE_REPORT" ]; then
		T_TODO=$pending
		report_stream "$1"
		refused po-report "$1" "$2" "po-report (stream): $3"
	fi
}

# A well-formed document whose values a gate cannot use: po-budget must
# refuse it; po-report, which only shows it, need not.
bad_values() {
	budget_stream "$1"
	refused po-budget "$1" "$2" "po-budget (stream): $3"
}

bad_budget() {
	budget_file "$1"
	refused po-budget "$1" "$2" "po-budget -b: $3"
}

# every_truncation KIND FILE STEP DESCRIPTION: each prefix of FILE shorter
# than its content (trailing white space aside), every STEP bytes, is
# refused.  KIND is lhr, stream or budget.  A prefix that ends at a line
# boundary of a stream is a shorter good stream, and is skipped.
every_truncation() {
	kind=$1 file=$2 step=$3 desc=$4
	size=$(printf '%s' "$(cat "$file")" | wc -c)
	cut=$W/truncated.$kind
	skip=" "
	if [ "$kind" = stream ]; then
		# The empty stream is a case of its own, above.
		skip=" 0 $(LC_ALL=C awk '{ off += length($0) + 1;
		    printf "%d %d ", off - 1, off }' "$file")"
	fi
	nfail=0 ntried=0 first=
	n=0
	while [ "$n" -lt "$size" ]; do
		case $skip in
		*" $n "*) n=$((n + step)); continue ;;
		esac
		head -c "$n" "$file" > "$cut"
		case $kind in
		lhr) lhp "$cut"; problem=$(check_run po-lighthouse-parse "$cut" "$(pos_of "$n")") ;;
		stream) budget_stream "$cut"; problem=$(check_run po-budget "$cut" "$(pos_of "$n" line)") ;;
		budget) budget_file "$cut"; problem=$(check_run po-budget "$cut" "$(pos_of "$n")") ;;
		esac
		ntried=$((ntried + 1))
		if [ -n "$problem" ]; then
			nfail=$((nfail + 1))
			[ "$nfail" -gt 5 ] || first="$first
offset $n: $problem: $(head -n 1 "$T_ERR" | cut -c1-160)"
		fi
		n=$((n + step))
	done
	if [ "$nfail" -eq 0 ]; then
		verdict 0 "$desc ($ntried prefixes)"
	else
		verdict 1 "$desc ($nfail of $ntried prefixes)"
		diag "$first"
	fi
}

# An empty prefix has no position to give; any other one has line:col (or,
# for a stream, a line).
pos_of() {
	if [ "$1" -eq 0 ]; then
		echo file
	else
		echo "${2:-linecol}"
	fi
}

# -- The good inputs everything is cut from ----------------------------

# A small hand-made report with everything the reader looks at.
SMALL_LHR=$W/small-lhr.json
printf '%s' '{"lighthouseVersion":"12.0.0","requestedUrl":"https://a.test/","finalUrl":"https://a.test/","fetchTime":"2024-01-01T00:00:00.000Z","configSettings":{"formFactor":"mobile"},"runtimeError":null,"audits":{"largest-contentful-paint":{"id":"largest-contentful-paint","title":"LCP","score":0.5,"scoreDisplayMode":"numeric","numericValue":2500.5},"network-requests":{"score":null,"scoreDisplayMode":"informative","details":{"type":"table","items":[{"url":"https://a.test/"},{"url":"https://a.test/x.js"}]}},"unused-javascript":{"title":"Unused JS","score":0,"scoreDisplayMode":"metricSavings","displayValue":"Est savings of 10 KiB","details":{"type":"opportunity","overallSavingsMs":150,"overallSavingsBytes":10240,"debugData":{"wastedBytes":10240}},"metricSavings":{"LCP":150,"FCP":0}},"resource-summary":{"score":null,"details":{"items":[{"resourceType":"script","requestCount":1,"transferSize":2048}]}}},"categories":{"performance":{"score":0.62,"auditRefs":[{"id":"largest-contentful-paint","group":"metrics"},{"id":"unused-javascript","group":"load-opportunities"}]}}}' > "$SMALL_LHR"

# A small stream that passes the budget below, and a real one.
SMALL_STREAM=$W/small.ndjson
cat > "$SMALL_STREAM" <<'EOF'
{"po":1,"type":"metrics","source":"lighthouse","subject":"https://a.test/","tags":{"form_factor":"mobile"},"metrics":{"lcp":{"value":2000,"unit":"ms","better":"lower","samples":[1900,2000,2100]},"cls":{"value":0.01,"unit":"unitless","better":"lower"}}}
{"po":1,"type":"finding","source":"lighthouse","subject":"https://a.test/","id":"unused-javascript","title":"Unused JS","severity":"high","layer":"frontend","savings":{"ms":150,"bytes":10240},"impact":"medium","effort":"high"}
{"po":1,"type":"check","source":"other","subject":"https://a.test/","name":"x","status":"pass","level":"error","value":1,"limit":2,"operator":"<=","origin":{"file":"b.json","format":"po"}}
EOF

GOOD_BUDGET=$W/good-budget.json
printf '%s\n' '{"po_budget":1,"rules":[{"metric":"lcp","error":2500},{"metric":"cls","warn":0.1,"error":0.25,"optional":true}]}' > "$GOOD_BUDGET"

GOOD_STREAM=$W/good.ndjson
po-lighthouse-parse "$REPORTS/lh12-lean-mobile-run1.json" > "$GOOD_STREAM"

# po-report joins in once it reads the stream (the placeholder does not),
# and Lighthouse CI configurations once po-budget reads them.
HAVE_REPORT=
if po-report --version >/dev/null 2>&1; then
	HAVE_REPORT=1
fi
LHCI_RC=$LH/lhci/levels/lighthouserc.json
HAVE_LHCI=
if po-budget -b "$LHCI_RC" "$GOOD_STREAM" >/dev/null 2>&1 ||
    [ $? -eq 1 ]; then
	HAVE_LHCI=1
fi

skip() {
	t_n=$((t_n + 1))
	echo "ok $t_n - $1 # SKIP $2"
}

# The good inputs pass, so that a refusal below is the bad input's doing.
lhp "$SMALL_LHR"
exit_is 0 "the hand-made report is read"
budget_stream "$SMALL_STREAM"
exit_is 0 "the hand-made stream passes the hand-made budget"
run po-budget -b "$GOOD_BUDGET" "$GOOD_STREAM"
exit_is 0 "a real report's stream passes the hand-made budget"
for b in "$FUZZ/data/po-budget.json" "$SHARE/default-budget.json" \
    "$LH/budgets/budget.json"; do
	run po-budget -e ci -b "$b" "$GOOD_STREAM"
	if [ "$T_RC" -le 1 ]; then
		verdict 0 "$(basename "$b") loads and holds"
	else
		verdict 1 "$(basename "$b") loads and holds"
		report_failure "exit $T_RC"
	fi
done

# And the check of a refusal tells one from a pass.
lhp "$SMALL_LHR"
[ -n "$(check_run po-lighthouse-parse "$SMALL_LHR" file)" ]
verdict $? "a report that is read is not taken for a refusal"
budget_stream "$SMALL_STREAM"
[ -n "$(check_run po-budget "$SMALL_STREAM" file)" ]
verdict $? "a stream that passes is not taken for a refusal"

# -- Empty, garbage, not JSON ------------------------------------------

: > "$W/empty.json"
printf '  \n\t\n' > "$W/blank.json"
printf 'garbage' > "$W/garbage.json"
head -c 1500 "$(command -v po-budget)" > "$W/binary.json"
printf '<html><body>502 Bad Gateway</body></html>\n' > "$W/html.json"
printf 'lcp: 2500\ncls: 0.1\n' > "$W/yaml.json"
printf "{'lcp': 2500}" > "$W/single-quotes.json"
printf '{"a":1,}' > "$W/trailing-comma.json"
printf '{"a":1} {"b":2}' > "$W/two-values.json"
printf '\357\273\277{"a":1}' > "$W/bom.json"
printf '{"a":1 // comment\n}' > "$W/comment.json"

bad_lhr "$W/empty.json" file "empty file"
bad_stream "$W/empty.json" file "empty stream"
bad_budget "$W/empty.json" file "empty budget"
for f in blank garbage binary html yaml single-quotes trailing-comma \
    two-values bom comment; do
	bad_lhr "$W/$f.json" linecol "$f"
	# A NUL byte is refused before the JSON is parsed, with no position.
	bad_budget "$W/$f.json" "$([ $f = binary ] && echo file || echo linecol)" "$f"
done
# In a stream, blank lines are allowed; two values on a line are not.
for f in garbage binary html yaml single-quotes trailing-comma two-values \
    bom comment; do
	bad_stream "$W/$f.json" line "$f"
done
bad_stream "$W/blank.json" file "blank lines only"

# -- JSON of the wrong shape and the wrong types -----------------------

# A report with one member replaced: wrong_lhr NAME SED-EXPRESSION.
wrong_lhr() {
	sed "$2" "$SMALL_LHR" > "$W/lhr-$1.json"
	if cmp -s "$SMALL_LHR" "$W/lhr-$1.json"; then
		verdict 1 "po-lighthouse-parse: $1 (the edit did nothing)"
		return
	fi
	bad_lhr "$W/lhr-$1.json" file "$1"
}

for v in '[]' '"report"' '42' 'null' 'true'; do
	printf '%s' "$v" > "$W/lhr-top.json"
	bad_lhr "$W/lhr-top.json" linecol "a report that is $v"
done
wrong_lhr "lighthouseVersion a number" 's/"lighthouseVersion":"12.0.0"/"lighthouseVersion":12/'
wrong_lhr "finalUrl and requestedUrl numbers" 's/"requestedUrl":"https:\/\/a.test\/","finalUrl":"https:\/\/a.test\/"/"requestedUrl":1,"finalUrl":2/'
wrong_lhr "audits an array" 's/"audits":{.*},"categories"/"audits":[1,2],"categories"/'
wrong_lhr "audits empty" 's/"audits":{.*},"categories"/"audits":{},"categories"/'
wrong_lhr "an audit that is a string" 's/"audits":{.*},"categories"/"audits":{"largest-contentful-paint":"fast"},"categories"/'
wrong_lhr "numericValue a string" 's/"numericValue":2500.5/"numericValue":"2500.5"/'
wrong_lhr "numericValue an object" 's/"numericValue":2500.5/"numericValue":{"v":2500.5}/'
wrong_lhr "score a string" 's/"score":0.5,/"score":"0.5",/'
wrong_lhr "categories an array" 's/"categories":{.*}}$/"categories":[1]}/'
wrong_lhr "category score a string" 's/"score":0.62/"score":"good"/'
wrong_lhr "details.items an object" 's/"items":\[{"url":"https:\/\/a.test\/"},{"url":"https:\/\/a.test\/x.js"}\]/"items":{"url":1}/'
wrong_lhr "runtimeError a string" 's/"runtimeError":null/"runtimeError":"NO_FCP"/'
wrong_lhr "runtimeError.code a number" 's/"runtimeError":null/"runtimeError":{"code":5,"message":"x"}/'

# Stream documents of the wrong shape: each line given after a good one, so
# that the refusal is of that line (line 2).
wrong_stream() {
	{ head -n 1 "$SMALL_STREAM"; printf '%s\n' "$2"; } > "$W/stream-$1.ndjson"
	bad_stream "$W/stream-$1.ndjson" line "$1"
}

wrong_values() {
	{ head -n 1 "$SMALL_STREAM"; printf '%s\n' "$2"; } > "$W/values-$1.ndjson"
	bad_values "$W/values-$1.ndjson" line "$1"
}

M='"source":"t","subject":"https://a.test/"'
wrong_stream "a line that is a number" '42'
wrong_stream "a line that is a string" '"metrics"'
wrong_stream "a line that is an array" '[{"po":1,"type":"metrics"}]'
wrong_stream "a line that is null" 'null'
wrong_stream "po a string" '{"po":"1","type":"metrics"}'
wrong_stream "po 2" '{"po":2,"type":"metrics"}'
wrong_stream "no po" '{"type":"metrics"}'
wrong_stream "type a number" '{"po":1,"type":5}'
wrong_stream "no type" '{"po":1}'
wrong_values "metrics an array" "{\"po\":1,\"type\":\"metrics\",$M,\"metrics\":[1]}"
wrong_values "a metric that is a number" "{\"po\":1,\"type\":\"metrics\",$M,\"metrics\":{\"lcp\":2000}}"
wrong_values "a metric value that is a string" "{\"po\":1,\"type\":\"metrics\",$M,\"metrics\":{\"lcp\":{\"value\":\"2000\",\"unit\":\"ms\",\"better\":\"lower\"}}}"
wrong_values "samples of strings" "{\"po\":1,\"type\":\"metrics\",$M,\"metrics\":{\"lcp\":{\"value\":2000,\"unit\":\"ms\",\"better\":\"lower\",\"samples\":[\"x\"]}}}"
wrong_values "subject a number" "{\"po\":1,\"type\":\"metrics\",\"source\":\"t\",\"subject\":5,\"metrics\":{\"lcp\":{\"value\":2000,\"unit\":\"ms\",\"better\":\"lower\"}}}"
wrong_stream "an unknown type" '{"po":1,"type":"bogus"}'
wrong_values "check status a number" "{\"po\":1,\"type\":\"check\",$M,\"name\":\"x\",\"status\":5}"

# Budgets of the wrong shape and types, one per loader.
wrong_budget() {
	printf '%s' "$2" > "$W/budget-$1.json"
	bad_budget "$W/budget-$1.json" "${3:-file}" "$1"
}

wrong_budget "a number" '42'
wrong_budget "a string" '"budget"'
wrong_budget "null" 'null'
wrong_budget "an empty object" '{}'
wrong_budget "po: po_budget a string" '{"po_budget":"1","rules":[{"metric":"lcp","error":1}]}'
wrong_budget "po: po_budget 2" '{"po_budget":2,"rules":[{"metric":"lcp","error":1}]}'
wrong_budget "po: rules an object" '{"po_budget":1,"rules":{"metric":"lcp","error":1}}'
wrong_budget "po: no rules" '{"po_budget":1}'
wrong_budget "po: rules empty" '{"po_budget":1,"rules":[]}'
wrong_budget "po: a rule that is a number" '{"po_budget":1,"rules":[42]}' linecol
wrong_budget "po: an unknown key" '{"po_budget":1,"rules":[{"metric":"lcp","error":1,"eror":2}]}' linecol
wrong_budget "po: error a string" '{"po_budget":1,"rules":[{"metric":"lcp","error":"fast"}]}' linecol
wrong_budget "po: error an array" '{"po_budget":1,"rules":[{"metric":"lcp","error":[1]}]}' linecol
wrong_budget "po: metric a number" '{"po_budget":1,"rules":[{"metric":5,"error":1}]}' linecol
wrong_budget "po: optional a string" '{"po_budget":1,"rules":[{"metric":"lcp","error":1,"optional":"yes"}]}' linecol
wrong_budget "po: an unknown operator" '{"po_budget":1,"rules":[{"metric":"lcp","error":1,"operator":"=<"}]}' linecol
wrong_budget "po: an unknown aggregation" '{"po_budget":1,"rules":[{"metric":"lcp","error":1,"aggregation":"p101"}]}' linecol
wrong_budget "po: aggregation p1e1" '{"po_budget":1,"rules":[{"metric":"lcp","error":1,"aggregation":"p1e1"}]}' linecol
wrong_budget "po: aggregation 'p 50'" '{"po_budget":1,"rules":[{"metric":"lcp","error":1,"aggregation":"p 50"}]}' linecol
wrong_budget "po: an override of another env that is a string" '{"po_budget":1,"rules":[{"metric":"lcp","error":2500,"env":{"prod":{"error":"fast"}}}]}' linecol
wrong_budget "lighthouse: an entry that is a number" '[42]'
wrong_budget "lighthouse: timings an object" '[{"timings":{"metric":"interactive","budget":1}}]'
wrong_budget "lighthouse: budget a string" '[{"timings":[{"metric":"interactive","budget":"1"}]}]'
wrong_budget "lighthouse: path a number" '[{"path":5}]'
wrong_budget "lighthouse: firstPartyHostnames a string" '[{"options":{"firstPartyHostnames":"a.test"}}]'
wrong_budget "lighthouse: an unknown metric" '[{"timings":[{"metric":"lcp","budget":1}]}]'
wrong_budget "lighthouse: no entries" '[]'
wrong_budget "lhci: ci a number" '{"ci":5}'
wrong_budget "lhci: assert an array" '{"ci":{"assert":[1]}}'
wrong_budget "lhci: assertions a string" '{"ci":{"assert":{"assertions":"all"}}}'
wrong_budget "lhci: a level that is a number" '{"ci":{"assert":{"assertions":{"first-contentful-paint":[2,{"maxNumericValue":1}]}}}}'
wrong_budget "lhci: maxNumericValue a string" '{"ci":{"assert":{"assertions":{"first-contentful-paint":["error",{"maxNumericValue":"1"}]}}}}'

# Lighthouse CI's budgetsFile: the budget it names is read too, and a bad
# one is named in the message.
if [ -n "$HAVE_LHCI" ]; then
	mkdir -p "$W/lhci-budgets"
	printf '{"ci":{"assert":{"budgetsFile":"budget.json"}}}' \
	    > "$W/lhci-budgets/lighthouserc.json"
	lhci_budgets_file() {
		printf '%s' "$2" > "$W/lhci-budgets/budget.json"
		budget_file "$W/lhci-budgets/lighthouserc.json"
		refused po-budget "$W/lhci-budgets/budget.json" "$3" \
		    "lhci: a budgetsFile that is $1"
	}
	lhci_budgets_file "empty" '' file
	lhci_budgets_file "garbage" 'garbage' linecol
	lhci_budgets_file "truncated" '[{"timings":[{"metric":"interactive","budg' linecol
	lhci_budgets_file "an object" '{"timings":[]}' file
	lhci_budgets_file "a budget that is a string" '[{"timings":[{"metric":"interactive","budget":"1"}]}]' file
	lhci_budgets_file "a budget of 1e999" '[{"timings":[{"metric":"interactive","budget":1e999}]}]' file
	lhci_budgets_file "an overlong UTF-8 path" "$(printf '[{"path":"/\300\257"}]')" linecol
	rm -f "$W/lhci-budgets/budget.json"
	budget_file "$W/lhci-budgets/lighthouserc.json"
	refused po-budget "$W/lhci-budgets/budget.json" file \
	    "lhci: a budgetsFile that is missing"
	mkdir "$W/lhci-budgets/budget.json"
	budget_file "$W/lhci-budgets/lighthouserc.json"
	refused po-budget "$W/lhci-budgets/budget.json" file \
	    "lhci: a budgetsFile that is a directory"
	wrong_budget "lhci: budgetsFile a number" '{"ci":{"assert":{"budgetsFile":5}}}'
	wrong_budget "lhci: matchingUrlPattern a number" '{"ci":{"assert":{"assertMatrix":[{"matchingUrlPattern":5,"assertions":{"first-contentful-paint":"error"}}]}}}'
	wrong_budget "lhci: matchingUrlPattern not a regular expression" '{"ci":{"assert":{"assertMatrix":[{"matchingUrlPattern":"(a","assertions":{"first-contentful-paint":"error"}}]}}}'
	wrong_budget "lhci: assertMatrix an object" '{"ci":{"assert":{"assertMatrix":{"assertions":{}}}}}'
	wrong_budget "lhci: minScore 1e999" '{"ci":{"assert":{"assertions":{"categories:performance":["error",{"minScore":1e999}]}}}}'
	wrong_budget "lhci: maxNumericValue -1e999" '{"ci":{"assert":{"assertions":{"first-contentful-paint":["error",{"maxNumericValue":-1e999}]}}}}'
else
	skip "Lighthouse CI budgetsFile" \
	    "po-budget does not read Lighthouse CI configurations yet"
fi

# -- Every truncation of a good document ------------------------------

every_truncation lhr "$SMALL_LHR" 1 \
    "po-lighthouse-parse: every truncation of a small report"
for r in lh13-heavy-desktop-run1 lh9-medium-mobile-run1; do
	size=$(wc -c < "$REPORTS/$r.json")
	every_truncation lhr "$REPORTS/$r.json" $((size / 150 + 1)) \
	    "po-lighthouse-parse: 150 truncations of $r"
done
every_truncation stream "$SMALL_STREAM" 1 \
    "po-budget: every truncation of a small stream inside a document"
size=$(wc -c < "$GOOD_STREAM")
every_truncation stream "$GOOD_STREAM" $((size / 200 + 1)) \
    "po-budget: 200 truncations of a real report's stream"
every_truncation budget "$GOOD_BUDGET" 1 \
    "po-budget -b: every truncation of a small po budget"
every_truncation budget "$FUZZ/data/po-budget.json" 1 \
    "po-budget -b: every truncation of a po budget with every feature"
every_truncation budget "$LH/budgets/budget.json" 1 \
    "po-budget -b: every truncation of a Lighthouse budget.json"
if [ -n "$HAVE_LHCI" ]; then
	every_truncation budget "$LHCI_RC" 1 \
	    "po-budget -b: every truncation of a Lighthouse CI config"
	every_truncation budget "$LH/lhci/assert-matrix/lighthouserc.json" 7 \
	    "po-budget -b: every 7th truncation of a Lighthouse CI assertMatrix"
else
	skip "every truncation of a Lighthouse CI config" \
	    "po-budget does not read Lighthouse CI configurations yet"
fi

# -- Deep nesting ------------------------------------------------------

# deep OPEN CLOSE N: N opening brackets, then N closing ones.
deep() {
	LC_ALL=C awk -v o="$1" -v c="$2" -v n="$3" 'BEGIN {
	    s = ""; for (i = 0; i < n; i++) printf "%s", o;
	    for (i = 0; i < n; i++) printf "%s", c }'
}

{ printf '{"lighthouseVersion":"12","finalUrl":"u","audits":{"x":{"details":'
  deep '[' ']' 100000; printf '}}}'; } > "$W/deep-lhr.json"
bad_lhr "$W/deep-lhr.json" linecol "10^5 nested arrays in an audit"
{ printf '{"lighthouseVersion":"12","finalUrl":"u","audits":'
  deep '{"a":' '}' 100000; printf '}'; } > "$W/deep-lhr-obj.json"
bad_lhr "$W/deep-lhr-obj.json" linecol "10^5 nested objects"
deep '[' '' 100000 > "$W/deep-open.json"
bad_lhr "$W/deep-open.json" linecol "10^5 unclosed arrays"
{ head -n 1 "$SMALL_STREAM"; printf '{"po":1,"type":"metrics","x":'
  deep '[' ']' 100000; printf '}\n'; } > "$W/deep.ndjson"
bad_stream "$W/deep.ndjson" line "10^5 nested arrays in a document"
{ printf '{"po_budget":1,"rules":[{"metric":"lcp","error":1,"tags":'
  deep '{"a":' '}' 100000; printf '}]}'; } > "$W/deep-budget.json"
bad_budget "$W/deep-budget.json" linecol "po: 10^5 nested objects in a rule"
{ printf '['; deep '[' ']' 100000; printf ']'; } > "$W/deep-lh-budget.json"
bad_budget "$W/deep-lh-budget.json" linecol "10^5 nested arrays"

# -- Huge numbers, NaN and Infinity -----------------------------------

for v in 1e999 -1e999; do
	wrong_lhr "numericValue $v" "s/\"numericValue\":2500.5/\"numericValue\":$v/"
	wrong_lhr "category score $v" "s/\"score\":0.62/\"score\":$v/"
done
wrong_lhr "category score 123456789012345678901234567890" 's/"score":0.62/"score":123456789012345678901234567890/'
for v in NaN -NaN Infinity -Infinity nan inf; do
	sed "s/\"numericValue\":2500.5/\"numericValue\":$v/" "$SMALL_LHR" > "$W/lhr-nan.json"
	bad_lhr "$W/lhr-nan.json" linecol "numericValue $v"
	wrong_stream "po $v" "{\"po\":$v,\"type\":\"metrics\"}"
	wrong_budget "po: error $v" "{\"po_budget\":1,\"rules\":[{\"metric\":\"lcp\",\"error\":$v}]}" linecol
done
# A huge integer is a number all the same: it is refused where the value
# is fixed (a version), and held against the limit where it is measured.
for v in 1e999 -1e999 123456789012345678901234567890; do
	wrong_stream "po $v" "{\"po\":$v,\"type\":\"metrics\"}"
	wrong_budget "po: po_budget $v" "{\"po_budget\":$v,\"rules\":[{\"metric\":\"lcp\",\"error\":1}]}"
done
for v in 1e999 -1e999; do
	wrong_values "a metric value $v" "{\"po\":1,\"type\":\"metrics\",$M,\"metrics\":{\"lcp\":{\"value\":$v,\"unit\":\"ms\",\"better\":\"lower\"}}}"
	wrong_values "a sample $v" "{\"po\":1,\"type\":\"metrics\",$M,\"metrics\":{\"lcp\":{\"value\":1,\"unit\":\"ms\",\"better\":\"lower\",\"samples\":[1,$v]}}}"
done
{ head -n 1 "$SMALL_STREAM"
  printf '%s\n' "{\"po\":1,\"type\":\"metrics\",\"source\":\"t\",\"subject\":\"https://b.test/\",\"metrics\":{\"lcp\":{\"value\":123456789012345678901234567890,\"unit\":\"ms\",\"better\":\"lower\"}}}"
} > "$W/huge-value.ndjson"
budget_stream "$W/huge-value.ndjson"
exit_is 1 "po-budget: an LCP of 123456789012345678901234567890 ms fails the budget"
for v in 1e999 -1e999; do
	wrong_budget "po: error $v" "{\"po_budget\":1,\"rules\":[{\"metric\":\"lcp\",\"error\":$v}]}" linecol
	wrong_budget "po: error \"${v}ms\"" "{\"po_budget\":1,\"rules\":[{\"metric\":\"lcp\",\"error\":\"${v}ms\"}]}" linecol
	wrong_budget "lighthouse: budget $v" "[{\"timings\":[{\"metric\":\"interactive\",\"budget\":$v}]}]"
done
# A number that is finite as written but overflows once its unit is applied.
wrong_budget "po: error \"1e308s\"" '{"po_budget":1,"rules":[{"metric":"lcp","error":"1e308s"}]}' linecol
wrong_budget "po: error \"1e306GiB\"" '{"po_budget":1,"rules":[{"metric":"total-byte-weight","error":"1e306GiB"}]}' linecol

# -- Invalid UTF-8 inside strings and keys -----------------------------

# utf8 NAME BYTES: BYTES (printf escapes) in a string and in a key of each
# parser's input.
utf8() {
	name=$1 bytes=$2
	printf "{\"lighthouseVersion\":\"12\",\"finalUrl\":\"https://a.test/$bytes\",\"audits\":{\"x\":{\"score\":1}}}" > "$W/utf8-lhr-string.json"
	printf "{\"lighthouseVersion\":\"12\",\"finalUrl\":\"https://a.test/\",\"audits\":{\"x\":{\"score\":1,\"k$bytes\":1}}}" > "$W/utf8-lhr-key.json"
	{ head -n 1 "$SMALL_STREAM"; printf "{\"po\":1,\"type\":\"metrics\",\"source\":\"t\",\"subject\":\"https://a.test/$bytes\",\"metrics\":{}}\n"; } > "$W/utf8-string.ndjson"
	{ head -n 1 "$SMALL_STREAM"; printf "{\"po\":1,\"type\":\"metrics\",\"source\":\"t\",\"subject\":\"s\",\"k$bytes\":1,\"metrics\":{}}\n"; } > "$W/utf8-key.ndjson"
	printf "{\"po_budget\":1,\"description\":\"$bytes\",\"rules\":[{\"metric\":\"lcp\",\"error\":2500}]}" > "$W/utf8-budget-string.json"
	printf "{\"po_budget\":1,\"rules\":[{\"metric\":\"lcp\",\"error\":2500,\"env\":{\"$bytes\":{\"error\":1}}}]}" > "$W/utf8-budget-key.json"
	for f in lhr-string lhr-key; do
		bad_lhr "$W/utf8-$f.json" linecol "$name in a ${f#lhr-}"
	done
	for f in string key; do
		bad_stream "$W/utf8-$f.ndjson" line "$name in a $f"
	done
	for f in string key; do
		bad_budget "$W/utf8-budget-$f.json" linecol "$name in a $f"
	done
}

utf8 "an overlong '/' (C0 AF)" '\300\257'
utf8 "an overlong NUL (C0 80)" '\300\200'
utf8 "a 3-byte overlong (E0 80 AF)" '\340\200\257'
utf8 "a lone continuation byte (80)" '\200'
utf8 "a surrogate in UTF-8 (ED A0 80)" '\355\240\200'
utf8 "a low surrogate in UTF-8 (ED BF BF)" '\355\277\277'
utf8 "a code point past U+10FFFF (F4 90 80 80)" '\364\220\200\200'
utf8 "a truncated sequence (E2 82)" '\342\202'
utf8 "a byte FF" '\377'

# -- A NUL byte ---------------------------------------------------------

printf '{"lighthouseVersion":"12\000","finalUrl":"u","audits":{"x":{}}}' > "$W/nul-string.json"
bad_lhr "$W/nul-string.json" linecol "a NUL byte in a string"
printf '{"lighthouseVersion":"12",\000"finalUrl":"u","audits":{"x":{}}}' > "$W/nul-between.json"
bad_lhr "$W/nul-between.json" linecol "a NUL byte between tokens"
{ cat "$SMALL_LHR"; printf '\000'; } > "$W/nul-after.json"
bad_lhr "$W/nul-after.json" linecol "a NUL byte after the report"
{ head -n 1 "$SMALL_STREAM"; printf '{"po":1,"type":"metrics\000"}\n'; } > "$W/nul.ndjson"
bad_stream "$W/nul.ndjson" line "a NUL byte in a document"
{ head -n 1 "$SMALL_STREAM"; printf '\000\n'; } > "$W/nul-line.ndjson"
bad_stream "$W/nul-line.ndjson" line "a line that is a NUL byte"
printf '{"po_budget":1,"rules":[{"metric":"lcp\000","error":1}]}' > "$W/nul-budget.json"
bad_budget "$W/nul-budget.json" file "a NUL byte in a string"

# -- Huge input ----------------------------------------------------------

# A budget over 4 MiB, and a stream line over 64 MiB, are refused before
# they are parsed.
{ printf '{"po_budget":1,"description":"'; head -c 5000000 /dev/zero | tr '\0' x
  printf '","rules":[{"metric":"lcp","error":1}]}'; } > "$W/huge-budget.json"
bad_budget "$W/huge-budget.json" file "a budget of 5 MB"
{ head -n 1 "$SMALL_STREAM"
  printf '{"po":1,"type":"metrics","x":"'; head -c 68000000 /dev/zero | tr '\0' x
  printf '"}\n'; } > "$W/huge.ndjson"
bad_stream "$W/huge.ndjson" line "a document of 68 MB (over the 64 MiB limit)"
rm -f "$W/huge.ndjson" "$W/huge-budget.json"
# A key of 100 KB is cut in the scanner's path, not overflowed.
{ printf '{"lighthouseVersion":"12","finalUrl":"u","audits":{"'
  head -c 100000 /dev/zero | tr '\0' k; printf '":{"score":1}}}'; } > "$W/long-key.json"
lhp "$W/long-key.json"
! sanitizer_report && [ "$T_RC" -le 2 ]
verdict $? "po-lighthouse-parse: a key of 100 KB"

# Many members where a report has a few hundred: the time must stay
# about linear in the size.  (A fixed reader takes well under a second,
# sanitizers and all; the limit is far above that.)
LC_ALL=C awk 'BEGIN {
	n = 50000
	printf "{\"lighthouseVersion\":\"12\",\"finalUrl\":\"https://a.test/\",\"audits\":{"
	for (i = 0; i < n; i++)
		printf "%s\"a%d\":{\"score\":1,\"scoreDisplayMode\":\"binary\"}", i ? "," : "", i
	printf "},\"categories\":{\"performance\":{\"score\":1,\"auditRefs\":["
	for (i = 0; i < n; i++)
		printf "%s{\"id\":\"a%d\",\"group\":\"diagnostics\"}", i ? "," : "", i
	printf "]}}}"
}' > "$W/many-audits.json"
run timeout 20 po-lighthouse-parse "$W/many-audits.json"
verdict "$([ "$T_RC" -eq 0 ] && echo 0 || echo 1)" \
    "po-lighthouse-parse: a report of 50 000 audits in less than 20 s"
[ "$T_RC" -eq 0 ] || diag "exit $T_RC"
LC_ALL=C awk 'BEGIN {
	for (i = 0; i < 50000; i++)
		printf "{\"po\":1,\"type\":\"metrics\",\"source\":\"t\",\"subject\":\"https://a.test/%d\",\"metrics\":{\"lcp\":{\"value\":100,\"unit\":\"ms\",\"better\":\"lower\"}}}\n", i
}' > "$W/many-runs.ndjson"
run timeout 20 po-budget -b "$GOOD_BUDGET" "$W/many-runs.ndjson"
verdict "$([ "$T_RC" -eq 0 ] && echo 0 || echo 1)" \
    "po-budget: a stream of 50 000 runs in less than 20 s"
[ "$T_RC" -eq 0 ] || diag "exit $T_RC"
rm -f "$W/many-audits.json" "$W/many-runs.ndjson"

# -- gzip ---------------------------------------------------------------

gzip -9nc "$SMALL_LHR" > "$W/small-lhr.json.gz"
gzip -9nc "$SMALL_STREAM" > "$W/small.ndjson.gz"
gzip -9nc "$GOOD_BUDGET" > "$W/good-budget.json.gz"
lhp "$W/small-lhr.json.gz"
exit_is 0 "po-lighthouse-parse reads a gzip-compressed report"
budget_stream "$W/small.ndjson.gz"
exit_is 0 "po-budget reads a gzip-compressed stream"
budget_file "$W/good-budget.json.gz"
exit_is 0 "po-budget reads a gzip-compressed budget"

# every_gzip_truncation KIND FILE STEP DESCRIPTION: every prefix of a gzip
# file (the trailer, CRC-32 and length, is part of it) is refused.
every_gzip_truncation() {
	kind=$1 file=$2 step=$3 desc=$4
	size=$(wc -c < "$file")
	cut=$W/truncated-gz.$kind
	nfail=0 ntried=0 first=
	n=1
	while [ "$n" -lt "$size" ]; do
		head -c "$n" "$file" > "$cut"
		case $kind in
		lhr) lhp "$cut"; problem=$(check_run po-lighthouse-parse "$cut" file) ;;
		stream) budget_stream "$cut"; problem=$(check_run po-budget "$cut" file) ;;
		budget) budget_file "$cut"; problem=$(check_run po-budget "$cut" file) ;;
		esac
		ntried=$((ntried + 1))
		if [ -n "$problem" ]; then
			nfail=$((nfail + 1))
			[ "$nfail" -gt 5 ] || first="$first
offset $n of $size: $problem: $(head -n 1 "$T_ERR" | cut -c1-160)"
		fi
		n=$((n + step))
	done
	if [ "$nfail" -eq 0 ]; then
		verdict 0 "$desc ($ntried prefixes)"
	else
		verdict 1 "$desc ($nfail of $ntried prefixes)"
		diag "$first"
	fi
}

every_gzip_truncation lhr "$W/small-lhr.json.gz" 1 \
    "po-lighthouse-parse: every truncation of a gzip-compressed report"
every_gzip_truncation stream "$W/small.ndjson.gz" 3 \
    "po-budget: every third truncation of a gzip-compressed stream"
every_gzip_truncation budget "$W/good-budget.json.gz" 1 \
    "po-budget -b: every truncation of a gzip-compressed budget"

# The trailer's last 8 bytes alone: the whole deflate stream is there.
size=$(wc -c < "$W/small-lhr.json.gz")
head -c $((size - 8)) "$W/small-lhr.json.gz" > "$W/no-trailer.json.gz"
bad_lhr "$W/no-trailer.json.gz" file "a gzip file without its trailer"
run_sh "head -c $((size - 8)) '$W/small-lhr.json.gz' | timeout $LIMIT po-lighthouse-parse"
problem=$(check_run po-lighthouse-parse '<stdin>' file)
verdict "$([ -z "$problem" ] && echo 0 || echo 1)" \
    "po-lighthouse-parse: a gzip stream without its trailer on a pipe"
[ -z "$problem" ] || report_failure "$problem"

cp "$W/small-lhr.json.gz" "$W/bad-crc.json.gz"
printf '\000\000\000\000' | dd of="$W/bad-crc.json.gz" bs=1 seek=$((size - 8)) \
    conv=notrunc 2>/dev/null
bad_lhr "$W/bad-crc.json.gz" file "a gzip file with a wrong CRC"
{ cat "$W/small-lhr.json.gz"; printf 'trailing garbage'; } > "$W/gz-garbage.json.gz"
bad_lhr "$W/gz-garbage.json.gz" file "garbage after the gzip member"
{ printf '\037\213'; printf 'not deflate at all'; } > "$W/fake.json.gz"
bad_lhr "$W/fake.json.gz" file "gzip's magic bytes on something else"
{ gzip -nc "$W/garbage.json"; } > "$W/garbage.json.gz"
bad_lhr "$W/garbage.json.gz" linecol "gzip-compressed garbage"
gzip -nc "$W/empty.json" > "$W/empty.json.gz"
bad_lhr "$W/empty.json.gz" file "a gzip-compressed empty file"
bad_stream "$W/empty.json.gz" file "a gzip-compressed empty stream"

# -- Not a file at all ----------------------------------------------------

mkdir -p "$W/a-directory"
bad_lhr "$W/a-directory" file "a directory"
bad_stream "$W/a-directory" file "a directory"
bad_budget "$W/a-directory" file "a directory"
bad_lhr "$W/missing.json" file "a missing file"
bad_stream "$W/missing.ndjson" file "a missing file"
bad_budget "$W/missing.json" file "a missing file"
if [ "$(id -u)" -ne 0 ]; then
	cp "$SMALL_LHR" "$W/unreadable.json" && chmod 000 "$W/unreadable.json"
	bad_lhr "$W/unreadable.json" file "an unreadable file"
fi
# The directory given for standard input.
run_sh "timeout $LIMIT po-lighthouse-parse < '$W/a-directory'"
refused po-lighthouse-parse '<stdin>' file "po-lighthouse-parse: a directory on standard input"
run_sh "timeout $LIMIT po-budget -b '$GOOD_BUDGET' < '$W/a-directory'"
refused po-budget '<stdin>' file "po-budget: a directory on standard input"

# -- What the fuzzers found -------------------------------------------
# Each file in tests/fuzz/regressions/ once crashed, hung or ran a tool out
# of memory (found by a harness, or by reading the code the harness runs);
# its name starts with the harness.  The tools must now end with
# 0, 1 or 2 and no sanitizer report; when they refuse it, the message names
# the file.

# Regressions whose bug is not fixed yet (REGRESSION_TODO_<name with every
# character other than a letter or digit as _>): none now.
# budget-lighthouse-empty-options.json crashed parse_options (a NULL
# firstPartyHostnames); budget-lhci-nested-repeat.json took 9 s and 3.4 GB
# in regcomp; budget-lhci-repeat-overflow.json overflowed a long in
# parse_quantifier (UBSan).  All are fixed; the first is a budget that
# limits nothing, refused with a message naming it.

# A regression gets a short time limit: one that once hung should not hold
# up the suite, nor eat the memory of the machine, while it is not fixed;
# a fixed one takes milliseconds.
LIMIT=${PO_TEST_REGRESSION_TIMEOUT:-5}

for f in "$FUZZ"/regressions/*; do
	[ -f "$f" ] || continue
	name=$(basename "$f")
	case $name in
	lhr-*|input-*) lhp "$f"; tool=po-lighthouse-parse ;;
	stream-*) budget_stream "$f"; tool=po-budget ;;
	budget-*) budget_file "$f"; tool=po-budget ;;
	*) continue ;;
	esac
	problem=
	if sanitizer_report; then
		problem="a sanitizer report"
	elif [ "$T_RC" -eq 124 ]; then
		problem="still running after $LIMIT s"
	elif [ "$T_RC" -gt 2 ]; then
		problem="exit $T_RC"
	elif [ "$T_RC" -eq 2 ] && ! names_file "$tool" "$f" file; then
		problem="exit 2 with no message naming the file"
	fi
	eval "todo_text=\${REGRESSION_TODO_$(echo "$name" | tr -c 'a-zA-Z0-9\n' _)-}"
	# The todo is taken only where the gap shows: some show under the
	# sanitizers alone.
	[ -z "$problem" ] || [ -z "$todo_text" ] || todo "$todo_text"
	verdict "$([ -z "$problem" ] && echo 0 || echo 1)" "regression $name"
	[ -z "$problem" ] || report_failure "$problem"
done

done_testing
