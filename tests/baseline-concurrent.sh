#!/bin/sh
# The jobs of one CI matrix save for the same commit at the same moment:
# 16 writers race for the notes ref, and every document is kept.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"
. "$PO_SRCDIR/tests/baseline-lib.sh"

R=$T_TMP/repo
WRITERS=16
new_repo "$R" && commit "$R" c1 && commit "$R" c2
for i in $(seq 1 "$WRITERS"); do
	with_subject "page-$i" "$BASE_FIX/lean-mobile-run1.ndjson" >"$T_TMP/in-$i"
done

# round: starts every writer at once (each waits for the file "go") and
# waits for them all.
round() {
	rm -f "$T_TMP/go"
	for i in $(seq 1 "$WRITERS"); do
		(while [ ! -e "$T_TMP/go" ]; do sleep 0.01; done
		 po-baseline -C "$R" save "$T_TMP/in-$i" 2>"$T_TMP/err-$i"
		 echo $? >"$T_TMP/rc-$i") &
	done
	sleep 0.2
	: >"$T_TMP/go"
	wait
}

round
nfailed=0
for i in $(seq 1 "$WRITERS"); do
	[ "$(cat "$T_TMP/rc-$i")" = 0 ] || { nfailed=$((nfailed + 1));
	    diag "writer $i: $(cat "$T_TMP/err-$i")"; }
done
is "$nfailed" 0 "all $WRITERS writers exit 0"
run po-baseline -C "$R" show
exit_is 0 "show reads the merged note"
is "$(jq -r .subject "$T_OUT" | sort -V | tr '\n' ' ')" \
    "$(seq 1 "$WRITERS" | sed 's/^/page-/' | tr '\n' ' ')" \
    "every writer's document is there, once"
is "$(git -C "$R" notes --ref po show HEAD | wc -l)" "$WRITERS" \
    "git sees all of them too"
is "$(git -C "$R" rev-list --count refs/notes/po)" "$WRITERS" \
    "one notes commit per writer, each on top of the one before"
git -C "$R" fsck --no-progress --strict >"$T_TMP/fsck" 2>&1
is "$?" 0 "git fsck finds the repository sound"
is "$(git -C "$R" for-each-ref --format='%(refname)' refs/notes/ | tr '\n' ' ')" \
    "refs/notes/po " "no stray ref or lock is left behind"
is "$(find "$R/.git" -name '*.lock' | wc -l)" 0 "no lock file is left behind"

# The same 16 again, on the same commit: each replaces its own document.
for i in $(seq 1 "$WRITERS"); do
	with_subject "page-$i" "$BASE_FIX/lean-mobile-run2.ndjson" >"$T_TMP/in-$i"
done
round
run po-baseline -C "$R" show
is "$(wc -l <"$T_OUT")" "$WRITERS" "a second round replaces, it does not add"
is "$(jq -r .tags.fetch_time "$T_OUT" | sort -u | wc -l)" 1 \
    "and every document is the second run's"
is "$(jq -r .tags.fetch_time "$T_OUT" | sort -u)" \
    "$(jq -r .tags.fetch_time "$BASE_FIX/lean-mobile-run2.ndjson")" \
    "the second run's time"

done_testing
