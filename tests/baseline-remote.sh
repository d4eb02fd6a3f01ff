#!/bin/sh
# po-baseline push and fetch through git's own protocol: a bare repository
# served by `git daemon` on loopback, 8 clones that push their baselines at
# the same moment, and a shallow clone as CI checks one out.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"
. "$PO_SRCDIR/tests/baseline-lib.sh"

CLONES=8
SRV=$T_TMP/srv
daemon_pid=
cleanup() {
	[ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null
	rm -rf "$T_TMP"
}
trap cleanup EXIT
trap 'exit 2' HUP INT TERM

# The repository everyone clones: main with a few commits.
W=$T_TMP/work
new_repo "$W" && for i in 1 2 3 4; do commit "$W" "c$i"; done
git clone -q --bare "$W" "$SRV/po.git" && touch "$SRV/po.git/git-daemon-export-ok"
HEAD_ID=$(rev "$W" main)

# git-daemon itself, not the git wrapper, so that its pid is the one to
# stop; a port taken between free_port and the daemon's bind is retried.
daemon=$(git --exec-path)/git-daemon
for attempt in 1 2 3 4 5; do
	port=$(free_port)
	"$daemon" --listen=127.0.0.1 --port="$port" --base-path="$SRV" \
	    --enable=receive-pack --reuseaddr --informative-errors "$SRV" \
	    2>"$T_TMP/daemon.log" &
	daemon_pid=$!
	n=0
	while [ "$n" -lt 50 ] && ! git ls-remote "git://127.0.0.1:$port/po.git" \
	    >/dev/null 2>&1; do
		kill -0 "$daemon_pid" 2>/dev/null || break
		sleep 0.1
		n=$((n + 1))
	done
	git ls-remote "git://127.0.0.1:$port/po.git" >/dev/null 2>&1 && break
	kill "$daemon_pid" 2>/dev/null
	daemon_pid=
done
URL=git://127.0.0.1:$port/po.git
ok "$([ -n "$daemon_pid" ]; echo $?)" "git daemon serves the repository on loopback"

for i in $(seq 1 "$CLONES"); do
	git clone -q "$URL" "$T_TMP/clone-$i"
	with_subject "page-$i" "$BASE_FIX/lean-mobile-run1.ndjson" |
	    po-baseline -C "$T_TMP/clone-$i" save 2>/dev/null
done
is "$(ls -d "$T_TMP"/clone-* | wc -l)" "$CLONES" "$CLONES clones, each with its own baseline"

# Every clone pushes at the same moment; the ones that lose the race fetch,
# merge and push again.
rm -f "$T_TMP/go"
pushers=
for i in $(seq 1 "$CLONES"); do
	(while [ ! -e "$T_TMP/go" ]; do sleep 0.01; done
	 po-baseline -C "$T_TMP/clone-$i" push 2>"$T_TMP/err-$i"
	 echo $? >"$T_TMP/rc-$i") &
	pushers="$pushers $!"
done
sleep 0.2
: >"$T_TMP/go"
# Not a bare wait, which would wait for the daemon too.
# shellcheck disable=SC2086
wait $pushers
nfailed=0
for i in $(seq 1 "$CLONES"); do
	[ "$(cat "$T_TMP/rc-$i")" = 0 ] || { nfailed=$((nfailed + 1));
	    diag "clone $i: $(cat "$T_TMP/err-$i")"; }
done
is "$nfailed" 0 "all $CLONES pushes exit 0"
git --git-dir="$SRV/po.git" notes --ref po show "$HEAD_ID" >"$T_TMP/served"
is "$(jq -r .subject "$T_TMP/served" | sort -V | tr '\n' ' ')" \
    "$(seq 1 "$CLONES" | sed 's/^/page-/' | tr '\n' ' ')" \
    "every document arrived in the served repository, once"
git --git-dir="$SRV/po.git" fsck --no-progress --strict >/dev/null 2>&1
is "$?" 0 "which git fsck finds sound"

# A later clone fetches the notes and reads them.
L=$T_TMP/later
git clone -q "$URL" "$L"
run po-baseline -C "$L" show
exit_is 1 "a fresh clone has no notes"
like "$T_ERR" "no baseline: this repository has no 'refs/notes/po'" "and says so"
like "$T_ERR" "po-baseline fetch" "and tells how to fetch them"
run po-baseline -C "$L" fetch
exit_is 0 "fetch (origin by default)"
run po-baseline -C "$L" show
exit_is 0 "then show finds the baseline"
same "$T_OUT" "$T_TMP/served" "as the server has it"
is "$(git -C "$L" for-each-ref --format='%(refname)' | grep -c notes)" 1 \
    "fetch touched no ref but the notes ref"
is "$(ls "$L/.git" | grep -c po-baseline)" 0 "and left nothing in .git"

# Fetch merges with what was saved locally in the meantime.
commit "$L" c5
with_subject local-page "$BASE_FIX/lean-mobile-run1.ndjson" | po-baseline -C "$L" save --commit main~1 2>/dev/null
with_subject page-9 "$BASE_FIX/lean-mobile-run1.ndjson" | po-baseline -C "$T_TMP/clone-1" save 2>/dev/null
po-baseline -C "$T_TMP/clone-1" push 2>/dev/null
run po-baseline -C "$L" fetch origin
exit_is 0 "fetch REMOTE, with local and remote notes that diverged"
run po-baseline -C "$L" show main~1
is "$(jq -r .subject "$T_OUT" | sort -V | tr '\n' ' ')" \
    "local-page $(seq 1 9 | sed 's/^/page-/' | tr '\n' ' ')" \
    "merges them: the local document and the remote ones"
is "$(git -C "$L" log -1 --format=%P refs/notes/po | wc -w)" 2 \
    "in a merge commit of the notes"
run po-baseline -C "$L" fetch "$URL"
exit_is 0 "fetch from a URL; nothing new"
run po-baseline -C "$L" push
exit_is 0 "push the merged notes"

# A shallow clone, as actions/checkout makes by default.
S=$T_TMP/shallow
git clone -q --depth 1 "$URL" "$S"
is "$(cat "$S/.git/shallow")" "$HEAD_ID" "a shallow clone of one commit"
run po-baseline -C "$S" fetch
exit_is 0 "fetch works in a shallow clone"
run po-baseline -C "$S" show
exit_is 0 "show finds the baseline of its one commit"
commit "$S" pr-1 && commit "$S" pr-2
run po-baseline -C "$S" show --nearest
exit_is 0 "show --nearest goes back to the shallow boundary"
run po-baseline -C "$S" show --nearest HEAD~1 --ref refs/notes/none
exit_is 1 "no notes ref at all: exit 1"
git clone -q --depth 1 "$URL" "$T_TMP/shallow2" && commit "$T_TMP/shallow2" pr
git -C "$T_TMP/shallow2" fetch -q --depth 1 origin refs/notes/po:refs/notes/po 2>/dev/null
git -C "$T_TMP/shallow2" notes --ref po remove "$HEAD_ID" 2>/dev/null
run po-baseline -C "$T_TMP/shallow2" show --nearest
exit_is 1 "a shallow history without a baseline: exit 1"
like "$T_ERR" "hint: the history of this shallow clone stops at $HEAD_ID" \
    "the message says where the shallow history stops"
like "$T_ERR" "fetch-depth: 0" "and how to fetch all of it"
run po-baseline -C "$S" log
exit_is 0 "log in a shallow clone"
like "$T_ERR" "shallow clone stops at $HEAD_ID" "says the history is cut"
run po-baseline -C "$S" show --base origin/main
exit_is 0 "show --base origin/main in a shallow clone"
git --git-dir="$SRV/po.git" notes --ref po show "$HEAD_ID" >"$T_TMP/served"
same "$T_OUT" "$T_TMP/served" "finds the merge base within the history it has"
git -C "$S" fetch -q --unshallow
run po-baseline -C "$S" show --base origin/main
exit_is 0 "after a fetch of the whole history, it finds it"
same "$T_OUT" "$T_TMP/served" "the same merge base"

# Failures: nothing to push, an unreachable remote, credentials in a URL.
E=$T_TMP/empty
new_repo "$E" && commit "$E" e1
run po-baseline -C "$E" push "$URL"
exit_is 2 "push without notes is an error"
like "$T_ERR" "nothing to push" "and says so"
run po-baseline -C "$E" fetch no-such-remote
exit_is 2 "an unknown remote is an error"
closed=$(free_port)
run po-baseline -C "$L" fetch "http://user:s3cret-token@127.0.0.1:$closed/po.git"
exit_is 2 "an unreachable remote is an error"
like "$T_ERR" "http://127.0.0.1:$closed/po.git" "the message names the remote"
unlike "$T_ERR" "s3cret" "without its password"
run po-baseline -C "$L" push "http://user:s3cret-token@127.0.0.1:$closed/po.git"
exit_is 2 "push to an unreachable remote is an error"
unlike "$T_ERR" "s3cret" "without echoing the password"
run po-baseline -C "$E" fetch "$URL"
exit_is 0 "fetch into a repository without notes"
run po-baseline -C "$E" show --nearest
exit_is 1 "whose history has none of them"

done_testing
