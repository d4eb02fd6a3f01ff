# Shared by the scripts of make bench (run, k6-run, audit-run,
# baseline-run): results kept in $RESULTS, hyperfine runs side by side, and
# the arithmetic of the ratios.  Sourced; needs HYPERFINE, PO_BENCH_RUNS, RESULTS and WORK set.

die() {
	echo "bench: $*" >&2
	exit 2
}

# say LINE: prints a result line and keeps it for results.txt.
say() {
	printf '%s\n' "$1"
	printf '%s\n' "$1" >>"$RESULTS"
}

# Quotes a path for the shell that hyperfine starts.
q() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# bench NAME JSON -n CMD-NAME CMD ...: one hyperfine run of several commands
# side by side.  -i because po-budget and lhci exit 1 when the gate fails;
# every command's exit status was checked once before (see status_of).
bench() {
	name=$1 json=$2
	shift 2
	echo
	echo "--- hyperfine: $name"
	"$HYPERFINE" --style basic -i --warmup "${BENCH_WARMUP:-2}" \
	    --min-runs "$PO_BENCH_RUNS" --export-json "$json" "$@" ||
	    die "hyperfine failed"
}

# mean_ms, median_ms, sd_ms JSON NAME: the mean, the median and the
# standard deviation of the times of the command called NAME, in ms.
mean_ms() {
	jq -r --arg n "$2" '.results[] | select(.command == $n) | .mean * 1000' "$1"
}

median_ms() {
	jq -r --arg n "$2" '.results[] | select(.command == $n) | .median * 1000' "$1"
}

sd_ms() {
	jq -r --arg n "$2" '.results[] | select(.command == $n) | .stddev * 1000' "$1"
}

# exits_of JSON NAME: the exit statuses hyperfine saw, e.g. "1" or "0 1".
exits_of() {
	jq -r --arg n "$2" '.results[] | select(.command == $n) |
	    .exit_codes | unique | map(tostring) | join(" ")' "$1"
}

mb_per_s() {
	awk -v b="$1" -v t="$2" 'BEGIN { printf "%.0f MB/s", b / 1e6 / (t / 1000) }'
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { r = a / b;
	    printf (r >= 10 ? "%.0fx" : "%.2fx"), r }'
}

# at_most RATIO LIMIT / at_least RATIO LIMIT: "met" or "MISSED".
at_most() {
	awk -v r="$1" -v l="$2" 'BEGIN { print (r <= l ? "met" : "MISSED") }'
}

at_least() {
	awk -v r="$1" -v l="$2" 'BEGIN { print (r >= l ? "met" : "MISSED") }'
}

# cpu_ms JSON NAME: user plus system time, in milliseconds; more than the
# wall time when a command uses several cores.
cpu_ms() {
	jq -r --arg n "$2" '.results[] | select(.command == $n) |
	    (.user + .system) * 1000' "$1"
}

# row JSON NAME [BYTES]: one aligned line of a table: mean wall time, its
# standard deviation and the median, throughput (from the mean), CPU time
# and the exit statuses seen.
row() {
	mean=$(mean_ms "$1" "$2")
	line=$(awk -v t="$mean" -v s="$(sd_ms "$1" "$2")" \
	    -v m="$(median_ms "$1" "$2")" \
	    'BEGIN { printf "%7.1f ms +- %5.1f (median %7.1f)", t, s, m }')
	if [ $# -ge 3 ]; then
		line="$line $(printf '%9s' "$(mb_per_s "$3" "$mean")")"
	else
		line="$line           "
	fi
	line="$line $(awk -v c="$(cpu_ms "$1" "$2")" \
	    'BEGIN { printf "  cpu %6.1f ms", c }')"
	say "$(printf '  %-46s %s  exit %s' "$2" "$line" "$(exits_of "$1" "$2")")"
}

bytes_of() {
	cat "$@" | wc -c | tr -d ' '
}

mb() {
	awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1e6 }'
}

# status_of CMD: runs a shell command once, quietly, and prints its exit
# status, so that ignoring exit codes in hyperfine hides nothing.
status_of() {
	sh -c "$1" >/dev/null 2>"$WORK/stderr"
	echo $?
}


# header TITLE: the first lines of a results file: what ran where, and how
# busy the machine was.
header() {
	cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null |
	    head -n 1)
	say "$1, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	say "machine: $(uname -sm), $(nproc 2>/dev/null || echo '?') CPUs${cpu:+, $cpu}"
	say "tools: $("$HYPERFINE" --version), $(jq --version), yajl $(pkg-config --modversion yajl 2>/dev/null || echo '?')"
	say "load average at the start: $(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null) (times on a busy machine are longer and vary more; cpu times and instruction counts less so)"
}
