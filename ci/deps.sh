# Sourced by ci/test, ci/demo and ci/bench: installs the Debian packages po
# needs to build and test, only when one is missing, so a second run is
# quick and a fresh machine needs nothing but this script.

po_need_packages() {
	missing=""
	for pkg in "$@"; do
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null |
		    grep -q "ok installed" || missing="$missing $pkg"
	done
	[ -z "$missing" ] && return 0
	echo "ci: installing$missing" >&2
	if [ "$(id -u)" -ne 0 ]; then
		SUDO=sudo
	else
		SUDO=
	fi
	$SUDO apt-get update -qq &&
	    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
	    --no-install-recommends $missing >/dev/null
}

# What building po needs.
PO_BUILD_PACKAGES="gcc make autoconf automake pkg-config libc6-dev
	libyajl-dev zlib1g-dev libxml2-dev libcurl4-openssl-dev libgit2-dev"
# What its tests need besides: jq and xmllint to read outputs, the JSON
# Schema validator, mandoc to lint man pages, git for repositories.
PO_TEST_PACKAGES="jq libxml2-utils python3 python3-jsonschema mandoc git
	ca-certificates"
# -- audit packages --
# po-audit's tests serve the fixture site with nginx (over TLS too, with a
# CA that openssl makes); make bench compares it with curl.
PO_TEST_PACKAGES="$PO_TEST_PACKAGES nginx-light openssl curl"
# -- end audit packages --
# -- baseline packages --
# po-baseline's tests build repositories with git and serve one with
# git daemon (both in package git), and find a free port with python3;
# make bench-baseline times with hyperfine.
PO_TEST_PACKAGES="$PO_TEST_PACKAGES git python3"
# -- end baseline packages --
# -- report-html packages --
# Headless Chromium renders po-report's HTML page in tests/report-html.sh,
# which checks that the screenshot is not blank (skipped without it).
PO_TEST_PACKAGES="$PO_TEST_PACKAGES chromium"
# -- end report-html packages --
