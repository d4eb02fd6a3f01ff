#!/bin/bash
# The steps of the po GitHub Action (action.yml beside this file), kept in a
# script so that they can be run, and tested, outside a runner with the
# variables a runner sets: GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, GITHUB_PATH,
# RUNNER_TEMP.
#
#   po-action.sh install   build po from this checkout and install it
#   po-action.sh gate      run $PO_PIPELINE, report, exit with the verdict
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)

install_po() {
	local prefix=${PO_PREFIX:-$HOME/.local}
	cd "$top" || return 2
	. ci/deps.sh
	# shellcheck disable=SC2086
	po_need_packages $PO_BUILD_PACKAGES || return 2
	[ -x configure ] || ./bootstrap >/dev/null || return 2
	mkdir -p build-action && cd build-action || return 2
	../configure -q --prefix="$prefix" && make -j"$(nproc)" >/dev/null &&
	    make install >/dev/null || return 2
	[ -n "${GITHUB_PATH:-}" ] && echo "$prefix/bin" >> "$GITHUB_PATH"
	echo "po installed in $prefix"
}

output() {
	[ -n "${GITHUB_OUTPUT:-}" ] && echo "$1=$2" >> "$GITHUB_OUTPUT"
	return 0
}

gate() {
	local stream=${RUNNER_TEMP:-${TMPDIR:-/tmp}}/po-stream.ndjson
	local rc report_rc status

	if [ -z "${PO_PIPELINE:-}" ]; then
		echo "::error title=po::the 'pipeline' input is empty"
		output exit-code 2
		output status error
		return 2
	fi
	bash -o pipefail -c "$PO_PIPELINE" > "$stream"
	rc=$?
	output stream "$stream"
	output exit-code "$rc"
	# Annotations go to the log, the markdown to the job summary; the
	# summary's own verdict decides the step, so that a pipeline that
	# wrote no verdict at all fails closed.
	po-report -f github "$stream"
	if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
		po-report -f markdown "$stream" >> "$GITHUB_STEP_SUMMARY"
	else
		po-report -f text "$stream"
	fi
	po-report -f text --gate "$stream" > /dev/null 2>&1
	report_rc=$?
	case $report_rc in
	0) status=$(jq -r 'select(.type=="summary") | .status' "$stream" | tail -n 1) ;;
	1) status=fail ;;
	*) status=error ;;
	esac
	output status "${status:-pass}"
	# The worse of the pipeline's status and the verdict's.
	[ "$rc" -gt "$report_rc" ] && return "$rc"
	return "$report_rc"
}

case ${1:-} in
install) install_po ;;
gate) gate ;;
*) echo "usage: po-action.sh install|gate" >&2; exit 2 ;;
esac
