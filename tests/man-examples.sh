#!/bin/sh
# Every example in the EXAMPLES section of every man page in man/ is run,
# and must exit with the status the page gives it and, where the page shows
# what it prints, print exactly that.  A page whose example does not work is
# a broken page (as jq's tests/mantest holds of its manual).
#
# The convention for pages: in EXAMPLES, every display (.Bd ... .Ed, or a
# .Dl line) comes right after a roff comment line that says what it is:
#
#   .\" exit: N      a shell command or script; it must exit N.  It runs with
#                    bash -o pipefail, so a pipeline exits with the status of
#                    the last stage that failed; the page says that status in
#                    its text too ("exits 1").
#   .\" stdout       exactly what the command before it writes to stdout.
#   .\" file: NAME   a file that the commands after it read: it is written to
#                    NAME (a plain file name) before they run.
#   .\" text         shown only, never run: a workflow, a fragment.
#
# A display without one of these fails the test, so no example goes
# untested by mistake.  Commands run with the tools of this build first on
# PATH, the standard input empty, in a scratch directory that links every
# top-level entry of the source tree: paths such as
# tests/fixtures/lighthouse/... and share/default-budget.json work as they do
# from the top of the tree, and NAME files are not written into it.  In a
# display, the roff escapes \e \- \& \(aq \(dq \(ga \(ti \(ha \(rs are decoded
# (a line that starts with a dot is written \&.); any other escape, a macro
# line, or a .Dl with a double quote or a macro in it (roff would not show
# it as written) is an error.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

# Splits the EXAMPLES of one page into numbered files in `dir`, one per
# display, decoded; prints "N<TAB>kind<TAB>argument<TAB>line" for each, and
# "0<TAB>error<TAB>message<TAB>line" for each breach of the convention.
extract='
function fail(line, msg) {
	printf "0\terror\t%s\t%d\n", msg, line
}

function decode(s, line,    out, c, i, n) {
	out = ""
	n = length(s)
	for (i = 1; i <= n; i++) {
		c = substr(s, i, 1)
		if (c != "\\") {
			out = out c
			continue
		}
		c = substr(s, i + 1, 1)
		if (c == "e") {
			out = out "\\"
			i++
		} else if (c == "-") {
			out = out "-"
			i++
		} else if (c == "&") {
			i++
		} else if (c == "(" && (substr(s, i + 2, 2) in special)) {
			out = out special[substr(s, i + 2, 2)]
			i += 3
		} else {
			fail(line, "roff escape (backslash " c ") that this test does not decode")
			return out
		}
	}
	return out
}

function begin_display(line) {
	ndisplays++
	if (marker == "") {
		fail(line, "display without a .\\\" exit:, stdout, file: or text comment before it")
		kind = "none"
		arg = "-"
	} else {
		kind = marker
		arg = marker_arg
	}
	file = dir "/" ndisplays
	printf "" > file
	start = line
	marker = ""
}

function end_display() {
	close(file)
	printf "%d\t%s\t%s\t%d\n", ndisplays, kind, arg, start
}

BEGIN {
	special["aq"] = "\047"
	special["dq"] = "\""
	special["ga"] = "`"
	special["ti"] = "~"
	special["ha"] = "^"
	special["rs"] = "\\"
}

/^\.Sh / {
	in_examples = ($0 == ".Sh EXAMPLES")
	if (in_examples)
		seen_examples = 1
	next
}

!in_examples {
	next
}

in_display {
	if ($0 == ".Ed") {
		in_display = 0
		end_display()
	} else if ($0 ~ /^\.\\"/) {
		# a comment inside a display is not part of it
	} else if ($0 ~ /^[.\047]/) {
		fail(NR, "macro line inside a display: " $0)
	} else {
		print decode($0, NR) > file
	}
	next
}

/^\.\\" *exit: *[0-9]+ *$/ {
	marker = "exit"
	marker_arg = $0
	sub(/^\.\\" *exit: */, "", marker_arg)
	sub(/ *$/, "", marker_arg)
	marker_line = NR
	next
}

/^\.\\" *stdout *$/ {
	marker = "stdout"
	marker_arg = "-"
	marker_line = NR
	next
}

/^\.\\" *text *$/ {
	marker = "text"
	marker_arg = "-"
	marker_line = NR
	next
}

/^\.\\" *file: *[^ \/]+ *$/ {
	marker = "file"
	marker_arg = $0
	sub(/^\.\\" *file: */, "", marker_arg)
	sub(/ *$/, "", marker_arg)
	marker_line = NR
	next
}

/^\.\\"/ {
	next
}

/^\.Bd( |$)/ {
	begin_display(NR)
	in_display = 1
	next
}

/^\.Dl( |$)/ {
	begin_display(NR)
	text = substr($0, 5)
	if (text ~ /"/)
		fail(NR, ".Dl with a double quote, which roff takes as an argument quote: use .Bd -literal")
	if (text ~ /(^| )(Ar|Cm|Fl|Ic|Li|Nm|Op|Pa|Ql|Xr)( |$)/)
		fail(NR, ".Dl with a macro in it: write the command as it is typed")
	print decode(text, NR) > file
	end_display()
	next
}

marker != "" {
	fail(marker_line, "the comment is not followed by a display")
	marker = ""
}

END {
	if (in_display)
		fail(NR, "display not closed by .Ed")
	if (!seen_examples)
		fail(0, "no EXAMPLES section")
}
'

# A directory in which examples run as if from the top of the source tree.
scratch_root() {
	mkdir -p "$1" &&
	for entry in "$PO_SRCDIR"/*; do
		ln -s "$entry" "$1/$(basename "$entry")" || return 1
	done
}

npages=0
for page in "$PO_SRCDIR"/man/*.[1-8]; do
	[ -f "$page" ] || continue
	npages=$((npages + 1))
	name=$(basename "$page")
	work=$T_TMP/$name
	mkdir -p "$work/displays" && scratch_root "$work/root" || {
		ok 1 "$name: scratch directory"
		continue
	}
	awk -v dir="$work/displays" "$extract" "$page" >"$work/index"
	ncommands=0
	have_output=0
	while IFS='	' read -r n kind arg line; do
		where="$name:$line"
		case $kind in
		error)
			ok 1 "$name:$line: $arg"
			;;
		exit)
			ncommands=$((ncommands + 1))
			(cd "$work/root" && bash -o pipefail "$work/displays/$n") \
			    >"$work/stdout" 2>"$work/stderr" </dev/null
			T_RC=$?
			T_ERR=$work/stderr
			have_output=1
			exit_is "$arg" "$where: example exits $arg"
			;;
		stdout)
			if [ "$have_output" -eq 1 ]; then
				same "$work/stdout" "$work/displays/$n" \
				    "$where: prints what the page shows"
			else
				ok 1 "$where: output shown before any command"
			fi
			have_output=0
			;;
		file)
			if [ -e "$work/root/$arg" ]; then
				ok 1 "$where: '$arg' would hide a file of the source tree"
			else
				cp "$work/displays/$n" "$work/root/$arg"
			fi
			;;
		esac
	done <"$work/index"
	if [ "$ncommands" -eq 0 ]; then
		ok 1 "$name: has no example to run"
	fi
done
[ "$npages" -gt 0 ] || ok 1 "no man page in $PO_SRCDIR/man"

done_testing
