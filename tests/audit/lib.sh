# Servers for po-audit's tests, sourced after tests/tap.sh: the Lighthouse
# fixture site built in the test's scratch folder and served by Debian's
# nginx on loopback (plain and TLS with HTTP/2, its certificate from a CA
# made here with openssl), and the fault server.  Every port is picked
# free at run time; the servers are stopped, by their own PIDs, on exit.

AUDIT_SRC=$PO_SRCDIR/tests/audit
AUDIT_FIX=$PO_SRCDIR/tests/fixtures/audit
AUDIT_RUN=$T_TMP/run
AUDIT_SITE=$T_TMP/site
mkdir -p "$AUDIT_RUN" "$AUDIT_SITE"
# nginx's workers drop root; they must be able to read the site.
chmod 755 "$T_TMP"

audit_stop() {
	if [ -s "$AUDIT_RUN/nginx.pid" ]; then
		kill "$(cat "$AUDIT_RUN/nginx.pid")" 2>/dev/null
	fi
	if [ -n "${AUDIT_FAULT_PID:-}" ]; then
		kill "$AUDIT_FAULT_PID" 2>/dev/null
	fi
	rm -rf "$T_TMP"
}
trap audit_stop EXIT
# A test stopped by a signal must not leave nginx running.
trap 'exit 1' HUP INT TERM

# audit_need CMD...: skips the whole script when a server it needs is not
# installed (ci/deps.sh installs them).
audit_need() {
	for cmd in "$@"; do
		if ! command -v "$cmd" >/dev/null 2>&1 &&
		    [ ! -x "/usr/sbin/$cmd" ]; then
			echo "1..0 # SKIP $cmd is not installed"
			exit 0
		fi
	done
	PATH=$PATH:/usr/sbin
}

# audit_free_port: a port free on 127.0.0.1 and 127.0.0.2, four digits
# like the fixture site's own (so that its pages keep their byte sizes),
# and not one handed out before in this test.
audit_free_port() {
	/usr/bin/python3 - "$AUDIT_RUN/ports" <<'PY'
import random, socket, sys
path = sys.argv[1]
try:
    used = set(open(path).read().split())
except OSError:
    used = set()
for _ in range(1000):
    port = random.randint(2000, 9999)
    if str(port) in used:
        continue
    try:
        for host in ("127.0.0.1", "127.0.0.2"):
            s = socket.socket()
            s.bind((host, port))
            s.close()
    except OSError:
        continue
    open(path, "a").write("%d\n" % port)
    print(port)
    break
PY
}

# audit_build_site: the fixture site in $AUDIT_SITE, its generated bundles
# made by its own generator (byte-identical to what Lighthouse fetched) and
# every binary asset a file of the size it was served with.  The pages
# name the third party's port, 8090 in the fixture, $TP_PORT here.
audit_build_site() {
	cp -R "$AUDIT_FIX/site/www" "$AUDIT_FIX/site/cdn" "$AUDIT_SITE/" &&
	chmod -R u+w "$AUDIT_SITE" &&
	while read -r _ size path; do
		if [ ! -f "$AUDIT_SITE/$path" ]; then
			mkdir -p "$(dirname "$AUDIT_SITE/$path")" &&
			head -c "$size" /dev/zero >"$AUDIT_SITE/$path"
		fi
	done <"$AUDIT_FIX/site/assets.sha256" &&
	for kind in vendor:js/vendor.bundle.js medium:js/medium.bundle.js \
	    css:css/heavy-unused.css; do
		/usr/bin/python3 "$AUDIT_FIX/site/gen-bundle.py" "${kind%%:*}" \
		    >"$AUDIT_SITE/www/static/${kind#*:}" || return 1
	done &&
	for f in "$AUDIT_SITE"/www/*.html "$AUDIT_SITE"/cdn/tp/*.js; do
		sed "s/127\.0\.0\.2:8090/127.0.0.2:$TP_PORT/g" "$f" >"$f.tmp" &&
		mv "$f.tmp" "$f" || return 1
	done &&
	chmod -R a+rX "$AUDIT_SITE"
}

# audit_make_ca: a CA and a server certificate for 127.0.0.1 it signed.
audit_make_ca() {
	(
		cd "$AUDIT_RUN" &&
		openssl req -x509 -newkey rsa:2048 -nodes -days 2 \
		    -subj "/CN=po-audit test CA" -keyout ca.key -out ca.crt &&
		openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
		    -keyout server.key -out server.csr &&
		printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >san.ext &&
		openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key \
		    -CAcreateserial -days 2 -extfile san.ext -out server.crt
	) >"$AUDIT_RUN/openssl.log" 2>&1
}

# audit_wait_port PORT [HOST]: until something listens there (5 s at most).
audit_wait_port() {
	/usr/bin/python3 - "$1" "${2:-127.0.0.1}" <<'PY'
import socket, sys, time
for _ in range(100):
    try:
        socket.create_connection((sys.argv[2], int(sys.argv[1])), 0.2).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit(1)
PY
}

# audit_start_site: builds the site and starts nginx; sets GOOD, BAD, TP
# and TLS to the URLs of its servers.
audit_start_site() {
	GOOD_PORT=$(audit_free_port) && BAD_PORT=$(audit_free_port) &&
	TP_PORT=$(audit_free_port) && TLS_PORT=$(audit_free_port) &&
	audit_build_site && audit_make_ca &&
	sed -e "s|@ROOT@|$AUDIT_SITE|g" -e "s|@RUN@|$AUDIT_RUN|g" \
	    -e "s|@GOOD@|$GOOD_PORT|g" -e "s|@BAD@|$BAD_PORT|g" \
	    -e "s|@TP@|$TP_PORT|g" -e "s|@TLS@|$TLS_PORT|g" \
	    "$AUDIT_SRC/nginx.conf.in" >"$AUDIT_RUN/nginx.conf" &&
	nginx -p "$AUDIT_RUN" -e "$AUDIT_RUN/nginx-startup.log" \
	    -c "$AUDIT_RUN/nginx.conf" &&
	audit_wait_port "$GOOD_PORT" && audit_wait_port "$TLS_PORT" &&
	audit_wait_port "$TP_PORT" 127.0.0.2 || {
		echo "Bail out! nginx did not start"
		cat "$AUDIT_RUN"/*.log | sed 's/^/# /'
		exit 1
	}
	GOOD=http://127.0.0.1:$GOOD_PORT
	BAD=http://127.0.0.1:$BAD_PORT
	TP=http://127.0.0.2:$TP_PORT
	TLS=https://127.0.0.1:$TLS_PORT
	CA=$AUDIT_RUN/ca.crt
}

# audit_start_fault: starts the fault server; sets FAULT to its URL.
audit_start_fault() {
	/usr/bin/python3 "$AUDIT_SRC/fault-server.py" "$AUDIT_RUN/fault.port" &
	AUDIT_FAULT_PID=$!
	for _ in $(seq 100); do
		[ -s "$AUDIT_RUN/fault.port" ] && break
		sleep 0.05
	done
	[ -s "$AUDIT_RUN/fault.port" ] || {
		echo "Bail out! the fault server did not start"
		exit 1
	}
	FAULT=http://127.0.0.1:$(cat "$AUDIT_RUN/fault.port")
}
