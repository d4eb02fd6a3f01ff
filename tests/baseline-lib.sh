# Sourced by the po-baseline tests after tap.sh: repositories built with
# git, with fixed identities and clocks so that runs are alike.
BASE_FIX=$FIXTURES/baseline
export GIT_AUTHOR_NAME=po GIT_AUTHOR_EMAIL=po@example.invalid
export GIT_COMMITTER_NAME=po GIT_COMMITTER_EMAIL=po@example.invalid
# Neither git nor libgit2 may read the configuration of whoever runs the
# tests.
export HOME=$T_TMP GIT_CONFIG_NOSYSTEM=1 XDG_CONFIG_HOME=$T_TMP/xdg
t_clock=1764028800

# commit DIR MESSAGE: an empty commit, a minute after the previous one.
commit() {
	t_clock=$((t_clock + 60))
	GIT_AUTHOR_DATE="@$t_clock +0000" GIT_COMMITTER_DATE="@$t_clock +0000" \
	    git -C "$1" commit -q --allow-empty -m "$2"
}

# new_repo DIR: an empty repository whose branch is main.
new_repo() {
	git init -q -b main "$1"
}

# rev DIR REV: the full id of REV.
rev() {
	git -C "$1" rev-parse --verify -q "$2^{commit}"
}

# metrics FILE: the metrics documents of a stream, as save stores them.
metrics() {
	grep '"type":"metrics"' "$1"
}

# with_subject SUBJECT FILE: the metrics of FILE under another subject.
with_subject() {
	metrics "$2" | jq -c --arg s "$1" '.subject = $s'
}

# free_port: a TCP port on loopback that nothing listens on just now.
free_port() {
	python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# A leak in libgit2 1.5 itself, not in po: see the file.
LSAN_OPTIONS="suppressions=$BASE_FIX/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS
