#!/bin/sh
# po-baseline save, show and log on a real repository with a history,
# a branch and a merge, read back by po-baseline and by git itself.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"
. "$PO_SRCDIR/tests/baseline-lib.sh"

R=$T_TMP/repo
# main: m1 m2 m3 m4 M m5, where M merges feature (f1 f2, forked at m3).
new_repo "$R" && commit "$R" m1 && commit "$R" m2 && commit "$R" m3 &&
git -C "$R" checkout -q -b feature && commit "$R" f1 && commit "$R" f2 &&
git -C "$R" checkout -q main && commit "$R" m4 &&
t_clock=$((t_clock + 60)) &&
GIT_AUTHOR_DATE="@$t_clock +0000" GIT_COMMITTER_DATE="@$t_clock +0000" \
    git -C "$R" merge -q --no-ff -m M feature && commit "$R" m5
is "$(git -C "$R" rev-list --first-parent --count main)" 6 \
    "the repository has its history"
M1=$(rev "$R" main~4) M3=$(rev "$R" main~3) M4=$(rev "$R" main~2)
M5=$(rev "$R" main) F2=$(rev "$R" feature)

# --- save and show
run_sh "cd '$R' && po-baseline save < '$BASE_FIX/medium-mobile-run1.ndjson'"
exit_is 0 "save reads a stream on stdin"
like "$T_ERR" '^po-baseline: 3 documents that are not metrics left out$' \
    "save says it left the findings out"
run po-baseline -C "$R" show
exit_is 0 "show finds what was saved"
metrics "$BASE_FIX/medium-mobile-run1.ndjson" >"$T_TMP/want"
same "$T_OUT" "$T_TMP/want" "show prints the metrics documents as they came"
is "$(cat "$T_ERR")" "" "show says nothing on stderr when it finds them"
git -C "$R" notes --ref po show "$M5" >"$T_TMP/git-note" 2>&1
same "$T_TMP/git-note" "$T_TMP/want" "git notes reads the same note"
valid_stream "$T_OUT" "what show prints is a valid stream"

run po-baseline -C "$R" save --commit main~2 "$BASE_FIX/lean-mobile-run1.ndjson" \
    "$BASE_FIX/lean-desktop-run1.ndjson"
exit_is 0 "save reads files, for another commit"
run po-baseline -C "$R" save --commit "$M4" "$BASE_FIX/lean-mobile-run2.ndjson"
exit_is 0 "a second save for the same commit"
run po-baseline -C "$R" show "$M4"
{ metrics "$BASE_FIX/lean-mobile-run2.ndjson"
  metrics "$BASE_FIX/lean-desktop-run1.ndjson"; } >"$T_TMP/want"
same "$T_OUT" "$T_TMP/want" \
    "the same source, subject and form factor replaces, another form factor stays"

run po-baseline -C "$R" save --commit main~4 "$BASE_FIX/error-404.ndjson"
exit_is 2 "save refuses a stream with an error document"
like "$T_ERR" "error-404.ndjson:1: error document: the measurement failed" \
    "and says which document"
run po-baseline -C "$R" show "$M1"
exit_is 1 "nothing was saved for that commit"
run_sh "cat '$BASE_FIX/lean-mobile-run1.ndjson' '$BASE_FIX/error-404.ndjson' |
    po-baseline -C '$R' save --commit main~4"
exit_is 2 "an error document beside good ones still refuses the lot"
run po-baseline -C "$R" show "$M1"
exit_is 1 "and saves none of them"
run po-baseline -C "$R" save --commit main~4 /dev/null
exit_is 2 "save refuses an empty input"
like "$T_ERR" "no metrics documents in the input" "and says so"
printf 'not json\n' >"$T_TMP/garbage"
run po-baseline -C "$R" save --commit main~4 "$T_TMP/garbage"
exit_is 2 "save refuses what is not a stream"
run po-baseline -C "$R" save --commit main~4 "$BASE_FIX/../streams/pass.ndjson"
exit_is 2 "save refuses a stream without measurements"
printf '{"po":1,"type":"metrics","subject":"x","metrics":{}}\n' >"$T_TMP/nosource"
run po-baseline -C "$R" save --commit main~4 "$T_TMP/nosource"
exit_is 2 "save refuses a metrics document without a source"
like "$T_ERR" 'nosource:1: metrics document without a "source"' \
    "and names it"
run po-baseline -C "$R" save --commit no-such-rev "$BASE_FIX/lean-mobile-run1.ndjson"
exit_is 2 "save refuses an unknown revision"
like "$T_ERR" "^po-baseline: 'no-such-rev': unknown revision" "and names it"
run po-baseline -C "$R" show "$M1"
exit_is 1 "none of the refused saves left anything"

# --- show: no baseline, nearest, merge base
run po-baseline -C "$R" show main~1
exit_is 1 "show exits 1 for a commit without a baseline"
like "$T_ERR" "^po-baseline: no baseline for commit $(rev "$R" main~1)\$" \
    "and names the commit"
like "$T_ERR" "po-baseline fetch.*git fetch origin refs/notes/po:refs/notes/po" \
    "and tells how to fetch the notes"
is "$(wc -c <"$T_OUT")" 0 "and prints nothing on stdout"
run po-baseline -C "$R" show --nearest main~1
exit_is 0 "show --nearest goes back along the first parents"
same "$T_OUT" "$T_TMP/want" "to the nearest baseline (main~2)"
like "$T_ERR" "the nearest baseline is that of $M4, 1 first-parent commit back" \
    "and says which commit it is"
run po-baseline -C "$R" save --commit feature "$BASE_FIX/heavy-desktop-run1.ndjson"
exit_is 0 "save on the branch"
run po-baseline -C "$R" show --nearest "$M3"
exit_is 1 "nothing before main~2 on main"
like "$T_ERR" "no baseline on the 3 commits of the first-parent history of $M3" \
    "and says how far it looked"
run_sh "git -C '$R' checkout -q main~1 && po-baseline -C '$R' show --nearest"
exit_is 0 "from the merge, --nearest follows the first parent"
same "$T_OUT" "$T_TMP/want" "and not the merged branch"
git -C "$R" checkout -q main
run po-baseline -C "$R" show --nearest feature
metrics "$BASE_FIX/heavy-desktop-run1.ndjson" >"$T_TMP/heavy"
same "$T_OUT" "$T_TMP/heavy" "on the branch, --nearest finds the branch's own"
run po-baseline -C "$R" save --commit main~3 "$BASE_FIX/lean-desktop-run1.ndjson"
git -C "$R" checkout -q -b topic main~3 && commit "$R" t1 && commit "$R" t2 &&
git -C "$R" checkout -q main
run po-baseline -C "$R" show --base main topic
exit_is 0 "show --base: the merge base of REV and BRANCH"
metrics "$BASE_FIX/lean-desktop-run1.ndjson" >"$T_TMP/m3"
same "$T_OUT" "$T_TMP/m3" "is main~3, where the branch forked"
run_sh "git -C '$R' checkout -q topic && po-baseline -C '$R' show --base main"
exit_is 0 "show --base BRANCH starts from HEAD"
same "$T_OUT" "$T_TMP/m3" "the pre-merge question: what main measured"
git -C "$R" checkout -q main
run po-baseline -C "$R" show --base main~4 --nearest main
exit_is 1 "--base with --nearest looks back from the merge base"
run po-baseline -C "$R" show --base no-such-branch
exit_is 2 "an unknown branch is an error"

# --- log
run po-baseline -C "$R" log
exit_is 0 "log exits 0 when it finds data"
jq -r '[.tags.commit, .tags.commit_time, .subject, .tags.form_factor] | join(" ")' \
    "$T_OUT" >"$T_TMP/log"
when() {
	git -C "$R" log -1 --format=%cd --date=format-local:%Y-%m-%dT%H:%M:%SZ "$1"
}
cat >"$T_TMP/want" <<EOT
$M3 $(TZ=UTC when "$M3") http://127.0.0.1:8080/lean.html desktop
$M4 $(TZ=UTC when "$M4") http://127.0.0.1:8080/lean.html mobile
$M4 $(TZ=UTC when "$M4") http://127.0.0.1:8080/lean.html desktop
$M5 $(TZ=UTC when "$M5") http://127.0.0.1:8080/medium.html mobile
EOT
same "$T_TMP/log" "$T_TMP/want" \
    "log: oldest first, first parents only, tagged with commit and time"
like "$T_OUT" '"commit_time":"2025-11-25T00:0[0-9]:00Z"' "commit_time is ISO 8601 UTC"
valid_stream "$T_OUT" "what log prints is a valid stream"
jq -c 'del(.tags.commit, .tags.commit_time)' "$T_OUT" | tail -n 1 >"$T_TMP/got"
metrics "$BASE_FIX/medium-mobile-run1.ndjson" | jq -c . >"$T_TMP/want"
same "$T_TMP/got" "$T_TMP/want" "log changes nothing else in a document"
run po-baseline -C "$R" log --metric lcp
is "$(jq -c '.metrics | keys' "$T_OUT" | sort -u)" '["lcp"]' "--metric keeps only that metric"
jq -c '.metrics.lcp' "$T_OUT" >"$T_TMP/got"
jq -c '.metrics.lcp' "$BASE_FIX/lean-desktop-run1.ndjson" \
    "$BASE_FIX/lean-mobile-run2.ndjson" "$BASE_FIX/lean-desktop-run1.ndjson" \
    "$BASE_FIX/medium-mobile-run1.ndjson" | grep -v null >"$T_TMP/want"
same "$T_TMP/got" "$T_TMP/want" "with its value, unit and samples as stored"
run po-baseline -C "$R" log --metric no-such-metric
exit_is 1 "log exits 1 when no document has the metric"
run po-baseline -C "$R" log --subject '*/medium.*'
jq_is "$T_OUT" '.subject' '"http://127.0.0.1:8080/medium.html"' "--subject is a glob"
run po-baseline -C "$R" log -n 2
is "$(jq -r .tags.commit "$T_OUT" | uniq | tr '\n' ' ')" "$M4 $M5 " \
    "-n 2: the last two commits that have data, oldest first"
run po-baseline -C "$R" log feature
is "$(jq -r .tags.commit "$T_OUT" | uniq | tr '\n' ' ')" "$M3 $F2 " \
    "log REV follows REV's first parents"

# --- the notes ref
run po-baseline -C "$R" --ref refs/notes/other save "$BASE_FIX/lean-mobile-run1.ndjson"
exit_is 0 "--ref saves under another ref"
is "$(git -C "$R" notes --ref other list | wc -l)" 1 "which git lists"
run po-baseline -C "$R" --ref refs/notes/nothing show
exit_is 1 "show exits 1 when the ref does not exist"
like "$T_ERR" "no baseline: this repository has no 'refs/notes/nothing'" \
    "and says so"
run po-baseline -C "$R" --ref refs/notes/nothing log
exit_is 1 "so does log"

# --- notes written by git, with fan-out
F=$T_TMP/fanout
new_repo "$F"
{
	for i in $(seq 1 300); do
		printf 'commit refs/heads/main\nmark :%d\n' "$i"
		printf 'committer po <po@example.invalid> %d +0000\n' $((1764028800 + i))
		printf 'data 2\nc\n'
		[ "$i" -gt 1 ] && printf 'from :%d\n' $((i - 1))
		printf '\n'
	done
	printf 'commit refs/notes/po\ncommitter po <po@example.invalid> 1764040000 +0000\n'
	printf 'data 6\nnotes\n'
	for i in $(seq 1 2 299); do
		with_subject "page-$i" "$BASE_FIX/lean-mobile-run1.ndjson" >"$T_TMP/doc"
		printf 'N inline :%d\ndata %d\n' "$i" "$(wc -c <"$T_TMP/doc")"
		cat "$T_TMP/doc"
	done
} | git -C "$F" fast-import --quiet
git -C "$F" notes --ref po add -f -m "$(with_subject page-299 "$BASE_FIX/lean-mobile-run1.ndjson")" main~1 2>/dev/null
is "$(git -C "$F" ls-tree refs/notes/po | head -n 1 | cut -c 1-11)" "040000 tree" \
    "git wrote its notes with fan-out"
run po-baseline -C "$F" show --nearest
jq_is "$T_OUT" .subject '"page-299"' "show --nearest reads a fanned-out notes tree"
run po-baseline -C "$F" log --metric lcp
is "$(wc -l <"$T_OUT")" 150 "log reads every note of it"
run po-baseline -C "$F" save --commit main~1 "$BASE_FIX/lean-desktop-run1.ndjson"
exit_is 0 "save adds to a fanned-out tree"
is "$(git -C "$F" notes --ref po show main~1 | jq -r '.subject + " " + .tags.form_factor' | tr '\n' ,)" \
    "page-299 mobile,http://127.0.0.1:8080/lean.html desktop," "which git reads back"
is "$(git -C "$F" notes --ref po list | wc -l)" 150 "and no note is lost"

# --- usage
run po-baseline
exit_is 2 "no command is a usage error"
run po-baseline frobnicate
exit_is 2 "an unknown command is a usage error"
like "$T_ERR" "^po-baseline: unknown command 'frobnicate'" "and says which"
run po-baseline -C "$R" show --metric lcp
exit_is 2 "an option of another command is a usage error"
run po-baseline -C "$R" log -n 0
exit_is 2 "-n 0 is a usage error"
run po-baseline -C "$R" log -n 3x
exit_is 2 "-n with junk is a usage error"
run po-baseline -C "$R" show a b
exit_is 2 "show takes one revision"
run po-baseline -C "$R" --ref notes/po show
exit_is 2 "--ref must be a full ref name"
run po-baseline -C "$T_TMP/nowhere" show
exit_is 2 "a directory that is not a repository is an error"
like "$T_ERR" "^po-baseline: '$T_TMP/nowhere': not in a git repository" "and names it"
run po-baseline -C "$R" show no-such-rev
exit_is 2 "an unknown revision is an error, not 'no baseline'"
run_sh "po-baseline -C '$R' show > /dev/full"
exit_is 2 "a failed write is an error"
run po-baseline --version
like "$T_OUT" '^po-baseline \(po\) ' "--version"

done_testing
