#!/usr/bin/env bash
# Installs lttng-ctl into PREFIX:
#   PREFIX/lib/liblttng-ctl.so.0                the library (SONAME liblttng-ctl.so.0)
#   PREFIX/lib/liblttng-ctl.so -> liblttng-ctl.so.0
#   PREFIX/lib/pkgconfig/lttng-ctl.pc           pkg-config name lttng-ctl, version 2.13.9
#   PREFIX/include/lttng-ctl-rs.h               the network-consumer API (after <lttng/lttng.h>)
#   PREFIX/bin/lttng-consumer                   the design's enable/disable commands
#   PREFIX/bin/lttng-ref-sessiond, lttng-ref-consumerd   the reference daemons
#   PREFIX/share/man/man1/lttng-consumer.1
#   PREFIX/lib/python3/dist-packages/lttng_ctl/          the Python package (ctypes), with
#       _lib/liblttng-ctl.so.0 -> LIBDIR/liblttng-ctl.so.0   the library it loads
#     (for a virtual environment: pip install REPO/python, see python/README.md)
#
# Usage: scripts/install.sh [--no-build] [--build-dir DIR] [--libdir DIR] PREFIX
#   --no-build       do not run `cargo build --release` (use what DIR holds)
#   --build-dir DIR  where cargo left the release build (default: $CARGO_TARGET_DIR/release,
#                    else target/release); the library may also be in DIR/deps
#   --libdir DIR     library directory (default: PREFIX/lib)
#   DESTDIR          (environment) staging root prepended to every installed path
#
# The C headers of LTTng 2.13 (<lttng/lttng.h>) come from the distribution
# (Debian: liblttng-ctl-dev); lttng-ctl-rs.h includes them.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit "${1:-1}"; }

BUILD=1
BUILD_DIR=
LIBDIR=
while [ $# -gt 0 ]; do
	case "$1" in
	--no-build) BUILD=0 ;;
	--build-dir) BUILD_DIR=${2:?--build-dir needs a directory}; shift ;;
	--build-dir=*) BUILD_DIR=${1#*=} ;;
	--libdir) LIBDIR=${2:?--libdir needs a directory}; shift ;;
	--libdir=*) LIBDIR=${1#*=} ;;
	-h | --help) usage 0 ;;
	-*) echo "install.sh: unknown option $1" >&2; usage ;;
	*) break ;;
	esac
	shift
done
[ $# -eq 1 ] || usage
PREFIX=$1
case "$PREFIX" in /*) ;; *) echo "install.sh: PREFIX must be absolute: $PREFIX" >&2; exit 1 ;; esac
LIBDIR=${LIBDIR:-$PREFIX/lib}
BUILD_DIR=${BUILD_DIR:-${CARGO_TARGET_DIR:-$REPO/target}/release}
DEST=${DESTDIR:-}

if [ "$BUILD" = 1 ]; then
	(cd "$REPO" && cargo build --release --locked)
fi

# `cargo build` leaves the library in DIR, `cargo test` only in DIR/deps: take the newer.
LIB=
for candidate in "$BUILD_DIR/liblttng_ctl.so" "$BUILD_DIR/deps/liblttng_ctl.so"; do
	if [ -f "$candidate" ] && { [ -z "$LIB" ] || [ "$candidate" -nt "$LIB" ]; }; then
		LIB=$candidate
	fi
done
[ -n "$LIB" ] || { echo "install.sh: no liblttng_ctl.so under $BUILD_DIR (build first)" >&2; exit 1; }

say() { printf '  %s\n' "$*"; }
echo "Installing lttng-ctl into $DEST$PREFIX"

install -d "$DEST$LIBDIR/pkgconfig" "$DEST$PREFIX/include" "$DEST$PREFIX/bin" \
	"$DEST$PREFIX/share/man/man1" "$DEST$PREFIX/lib/python3/dist-packages"
install -m 0755 "$LIB" "$DEST$LIBDIR/liblttng-ctl.so.0"
ln -sfn liblttng-ctl.so.0 "$DEST$LIBDIR/liblttng-ctl.so"
say "$LIBDIR/liblttng-ctl.so.0, liblttng-ctl.so -> liblttng-ctl.so.0"

install -m 0644 "$REPO/include/lttng-ctl-rs.h" "$DEST$PREFIX/include/lttng-ctl-rs.h"
say "$PREFIX/include/lttng-ctl-rs.h"

VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' "$REPO/Cargo.toml" | head -1)
cat >"$DEST$LIBDIR/pkgconfig/lttng-ctl.pc" <<PC
prefix=$PREFIX
exec_prefix=\${prefix}
libdir=$LIBDIR
includedir=\${prefix}/include

Name: lttng-ctl
Description: LTTng 2.13 control library (lttng-ctl $VERSION, Rust) with the network-consumer API
URL: https://lttng.org
Version: 2.13.9
Libs: -L\${libdir} -llttng-ctl
Libs.private: -ldl -lpthread
Cflags: -I\${includedir}
PC
say "$LIBDIR/pkgconfig/lttng-ctl.pc (pkg-config lttng-ctl)"

for bin in lttng-consumer lttng-ref-sessiond lttng-ref-consumerd; do
	if [ -f "$BUILD_DIR/$bin" ]; then
		install -m 0755 "$BUILD_DIR/$bin" "$DEST$PREFIX/bin/$bin"
		say "$PREFIX/bin/$bin"
	fi
done
install -m 0644 "$REPO/man/lttng-consumer.1" "$DEST$PREFIX/share/man/man1/lttng-consumer.1"
say "$PREFIX/share/man/man1/lttng-consumer.1"
PYDIR=$PREFIX/lib/python3/dist-packages/lttng_ctl
install -d "$DEST$PYDIR/_lib"
install -m 0644 "$REPO"/python/lttng_ctl/*.py "$REPO/python/lttng_ctl/py.typed" "$DEST$PYDIR/"
# The package's own copy of the library (its lookup's third step): this prefix's.
ln -sfn "$LIBDIR/liblttng-ctl.so.0" "$DEST$PYDIR/_lib/liblttng-ctl.so.0"
say "$PYDIR/ (the Python package; it loads $LIBDIR/liblttng-ctl.so.0)"

cat <<EOF_MSG
Done. Build against it with
  PKG_CONFIG_PATH=$LIBDIR/pkgconfig cc prog.c \$(pkg-config --cflags --libs lttng-ctl)
and run programs on it with LD_LIBRARY_PATH=$LIBDIR (unless $LIBDIR is a system directory).
EOF_MSG
