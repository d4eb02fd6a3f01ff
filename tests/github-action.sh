#!/bin/sh
# The GitHub Action (contrib/github) run as a runner runs its steps: with
# GITHUB_STEP_SUMMARY, GITHUB_OUTPUT and RUNNER_TEMP pointing at temporary
# files, on the tools of this build.
. "${PO_SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

ACTION=$PO_SRCDIR/contrib/github/po-action.sh
gate() {
	: > "$T_TMP/summary.md"
	: > "$T_TMP/output"
	mkdir -p "$T_TMP/runner"
	run env GITHUB_STEP_SUMMARY="$T_TMP/summary.md" \
	    GITHUB_OUTPUT="$T_TMP/output" RUNNER_TEMP="$T_TMP/runner" \
	    GITHUB_WORKSPACE="$PO_SRCDIR" PO_PIPELINE="$1" \
	    bash "$ACTION" gate
}

like "$PO_SRCDIR/contrib/github/action.yml" 'po-action.sh" gate' \
    "action.yml runs the gate step of po-action.sh"

gate "po-lighthouse-parse '$REPORTS/lh12-heavy-mobile-run1.json' | po-budget -b '$SHARE/default-budget.json'"
exit_is 1 "a failed gate fails the step"
like "$T_OUT" '^::error ' "failed checks become ::error annotations in the log"
like "$T_TMP/summary.md" '[Ff][Aa][Ii][Ll]' "the job summary gets the markdown report with the verdict"
like "$T_TMP/output" '^exit-code=1$' "the exit-code output is the pipeline's status"
like "$T_TMP/output" '^status=fail$' "the status output is the verdict"
like "$T_TMP/output" "^stream=$T_TMP/runner/po-stream.ndjson\$" "the stream is kept in RUNNER_TEMP"

gate "po-lighthouse-parse '$REPORTS/lh12-lean-mobile-run1.json' | po-budget -b '$SHARE/default-budget.json'"
exit_is 0 "a passing gate passes the step"
like "$T_OUT" '^::notice ' "the verdict is a notice in the log"
like "$T_TMP/output" '^status=pass$' "the status output says pass"

gate "po-lighthouse-parse '$REPORTS/lh12-error-404.json' | po-budget -b '$SHARE/default-budget.json'"
exit_is 2 "a page that could not be measured fails the step (exit 2)"
like "$T_TMP/output" '^status=error$' "the status output says error"

gate "true"
exit_is 2 "a pipeline that wrote no verdict fails closed"

gate ""
exit_is 2 "an empty pipeline input is refused"

done_testing
