#!/bin/sh
# Bad data under the notes ref: each bad note is reported with the commit
# it hangs on, and never keeps the other commits' data from being read.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"
. "$PO_SRCDIR/tests/baseline-lib.sh"

R=$T_TMP/repo
new_repo "$R" && for i in 1 2 3 4 5 6; do commit "$R" "c$i"; done
C1=$(rev "$R" main~5) C6=$(rev "$R" main)
GOOD=$BASE_FIX/lean-mobile-run1.ndjson
metrics "$GOOD" >"$T_TMP/good"

# put REV FILE: makes FILE the note of REV, as git would store it.
put() {
	blob=$(git -C "$R" hash-object -w "$2") &&
	git -C "$R" notes --ref po add -f -C "$blob" "$1" 2>/dev/null
}

run po-baseline -C "$R" save --commit main~5 "$GOOD"
exit_is 0 "a good baseline on the first commit"
printf 'this is not JSON\n' >"$T_TMP/text"
put main~1 "$T_TMP/text"
run po-baseline -C "$R" show main~1
exit_is 2 "a note that is not JSON is an error"
like "$T_ERR" "^po-baseline: refs/notes/po:$(rev "$R" main~1):1:" \
    "reported with its ref, commit and line"
is "$(wc -l <"$T_ERR")" 1 "in one message"
run po-baseline -C "$R" show --nearest
exit_is 2 "--nearest reports the bad note and exits 2"
same "$T_OUT" "$T_TMP/good" "but still finds the good baseline behind it"
run po-baseline -C "$R" log
exit_is 2 "log reports the bad note and exits 2"
same "$(jq -c 'del(.tags.commit, .tags.commit_time)' "$T_OUT" >"$T_TMP/log"; echo "$T_TMP/log")" \
    "$T_TMP/good" "but prints the other commits' data"
like "$T_ERR" "refs/notes/po:$(rev "$R" main~1):1:" "naming the bad commit"

# check NAME CONTENT ERE: a note of CONTENT on main~2 gives exit 2 and a
# message that matches ERE, in show and in log.
check() {
	printf '%s' "$2" >"$T_TMP/note"
	put main~2 "$T_TMP/note"
	run po-baseline -C "$R" show main~2
	exit_is 2 "$1: show exits 2"
	like "$T_ERR" "refs/notes/po:$(rev "$R" main~2):$3" "$1: the message"
}
check "wrong version" '{"po":2,"type":"metrics","source":"s","subject":"x","metrics":{}}' \
    '1:1: unsupported po stream version 2'
check "no version" '{"type":"metrics"}' '1:1: not a po document'
check "not metrics" '{"po":1,"type":"check","source":"s","subject":"x"}' \
    '1:1: not a metrics document'
check "no metrics object" '{"po":1,"type":"metrics","source":"s","subject":"x","metrics":[]}' \
    '1:1: metrics document without'
check "an array" '[1,2]' '1:1: not a po document'
check "truncated" '{"po":1,"type":"metrics","source":"s","subj' '1:'
check "invalid UTF-8" "$(printf '{"po":1,"type":"metrics","source":"\377"}')" \
    '1:[0-9]+: invalid UTF-8'
check "binary" "$(printf 'x\001\002')" '1:'
printf '{"po":1,"type":"metrics"}\0\n' >"$T_TMP/nul"
put main~2 "$T_TMP/nul"
run po-baseline -C "$R" show main~2
exit_is 2 "a NUL byte: show exits 2"
like "$T_ERR" "binary data" "a NUL byte: the message"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; print "" }' >"$T_TMP/deep"
put main~2 "$T_TMP/deep"
run po-baseline -C "$R" show main~2
exit_is 2 "deep nesting: show exits 2, without a crash"

# A note with one good and one bad line: the good one is read.
{ printf 'garbage\n'; cat "$T_TMP/good"; } >"$T_TMP/mixed"
put main~3 "$T_TMP/mixed"
run po-baseline -C "$R" show main~3
exit_is 2 "a half-bad note: show exits 2"
same "$T_OUT" "$T_TMP/good" "and prints its good document"
like "$T_ERR" "refs/notes/po:$(rev "$R" main~3):1:" "and names the bad line"
unlike "$T_ERR" "refs/notes/po:$(rev "$R" main~3):2:" "and only that one"

# Saving over a bad note repairs it.
run po-baseline -C "$R" save --commit main~3 "$BASE_FIX/lean-desktop-run1.ndjson"
exit_is 0 "save over a half-bad note succeeds"
like "$T_ERR" "refs/notes/po:$(rev "$R" main~3): 1 unreadable line of the note dropped" \
    "saying what it dropped"
run po-baseline -C "$R" show main~3
exit_is 0 "the note is clean again"
{ cat "$T_TMP/good"; metrics "$BASE_FIX/lean-desktop-run1.ndjson"; } >"$T_TMP/want"
same "$T_OUT" "$T_TMP/want" "and holds the old good document and the new one"

# Every cut of a good note: a whole document or a message, never a crash.
# (Cuts every 37 bytes; tests/fuzz/fuzz-baseline.c tries the rest.)
size=$(wc -c <"$T_TMP/good")
ncut=0 nbad=0
n=1
while [ "$n" -lt "$size" ]; do
	head -c "$n" "$T_TMP/good" >"$T_TMP/cut"
	put main~4 "$T_TMP/cut"
	po-baseline -C "$R" show main~4 >/dev/null 2>"$T_TMP/cut.err"
	rc=$?
	ncut=$((ncut + 1))
	if [ "$rc" -ne 2 ] || [ "$(wc -l <"$T_TMP/cut.err")" -ne 1 ]; then
		nbad=$((nbad + 1))
		diag "cut at $n: exit $rc"
	fi
	n=$((n + 37))
done
is "$nbad" 0 "each of $ncut cut notes gives one message and exit 2"

# A notes ref that is not a notes commit.
git -C "$R" update-ref refs/notes/broken "$(git -C "$R" rev-parse 'main^{tree}')"
run po-baseline -C "$R" --ref refs/notes/broken show
exit_is 2 "a notes ref that points at a tree is an error"
like "$T_ERR" "'refs/notes/broken': not a notes commit" "and says so"
run po-baseline -C "$R" --ref refs/notes/broken save "$GOOD"
exit_is 2 "save will not write on top of it"

run po-baseline -C "$R" show "$C6"
exit_is 1 "a commit without a note is still 'no baseline'"
run po-baseline -C "$R" show "$C1"
exit_is 0 "and the good one is still good"


done_testing
