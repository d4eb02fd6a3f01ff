#!/bin/sh
# Builds the libFuzzer harnesses tests/fuzz/fuzz-*.c with clang, AddressSanitizer
# and UndefinedBehaviorSanitizer, against the sources of the internal library
# (tools/lib/*.c, compiled here with coverage instrumentation, not the
# build's libpo.a).  Nothing of the normal build depends on this script.
#
# Usage: tests/fuzz/build.sh [BUILDDIR]
#
# BUILDDIR is a configured po build directory: its config.h is used, and the
# harnesses are written to BUILDDIR/tests/fuzz/ as fuzz-NAME, each with its
# dictionary fuzz-NAME.dict.  It defaults to the source tree.  `make fuzz`
# runs this script for the build directory it is run in.  Set FUZZ_CC to use
# another clang than `clang`.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$top}" && pwd)
out=$build/tests/fuzz
cc=${FUZZ_CC:-clang}

if ! command -v "$cc" >/dev/null 2>&1; then
	echo "build.sh: '$cc' not found: the fuzz harnesses need clang" >&2
	exit 2
fi
if [ ! -f "$build/config.h" ]; then
	echo "build.sh: $build/config.h: not found: run configure first" >&2
	exit 2
fi

# Every library po uses: the harnesses link the whole internal library and
# the tool-specific code of tools/*/, whatever each harness needs of it.
pkgs="yajl zlib libxml-2.0 libcurl libgit2"
sanitize="-fsanitize=address,undefined -fno-sanitize-recover=all"
cflags="-g -O1 -fno-omit-frame-pointer -std=gnu11 -Wall -Wextra
	-Wno-unused-parameter $sanitize
	-I$build -I$top/tools $(pkg-config --cflags $pkgs)"
libs="$(pkg-config --libs $pkgs) -lm -lpthread"

mkdir -p "$out/obj"
rm -f "$out/obj/"*.o "$out/obj/libpo-fuzz.a"
for src in "$top"/tools/*/*.c; do
	dir=$(basename "$(dirname "$src")")
	obj=$out/obj/$dir-$(basename "$src" .c).o
	# shellcheck disable=SC2086
	"$cc" $cflags -fsanitize=fuzzer-no-link -c "$src" -o "$obj"
done
ar rcs "$out/obj/libpo-fuzz.a" "$out"/obj/*.o

for src in "$here"/fuzz-*.c; do
	name=$(basename "$src" .c)
	# shellcheck disable=SC2086
	"$cc" $cflags -fsanitize=fuzzer -DFUZZ_SRCDIR="\"$here\"" \
	    "$src" "$out/obj/libpo-fuzz.a" $libs -o "$out/$name"
	dict=$here/${name#fuzz-}.dict
	cat "$here/json.dict" > "$out/$name.dict"
	if [ -f "$dict" ]; then
		cat "$dict" >> "$out/$name.dict"
	fi
	echo "built $out/$name"
done
