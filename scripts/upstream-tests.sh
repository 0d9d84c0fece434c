#!/usr/bin/env bash
# Runs lttng-tools 2.13.9's own regression tests (Debian's source package) with every program
# that loads liblttng-ctl (the in-tree lttng, lttng-sessiond, lttng-relayd and the tests' own C
# programs) loading our library; `--baseline` runs them on upstream's library.
#
#   scripts/upstream-tests.sh [--ours] [--baseline] [--build-only] [--list] [--update-expected]
#                             [--jobs N] [--all] [--resume] [--timeout SECONDS] [TEST...]
#
#   --ours              run on our library (the default when neither library is named)
#   --baseline          run on upstream's own library (the in-tree one); with --ours too: both,
#                       printed side by side
#   --build-only        get and build upstream's tree, then stop
#   --list              print the tests that run and those left out (with the reason), then stop
#   --update-expected   with --baseline: write the baseline's counts to tests/upstream-expected.txt
#   --jobs N            run N tests at once (each has its own namespaces; .ci/run uses 2)
#   --all               the long tests too (see --list)
#   --resume            reuse the results an earlier run left for the same library file
#   TEST...             run only these (paths relative to upstream's tests/, as in --list)
#
# Environment: UPSTREAM_TESTS_CACHE (where the source is fetched and built, by default
# <repo>/target/upstream-tests, or /var/tmp/lttng-ctl-upstream-tests-<repo> for a checkout
# under /tmp), CARGO_TARGET_DIR (where our library is built), OURS_LIB (our
# library, by default built here with `cargo build --release`), UPSTREAM_TESTS_TIMEOUT (seconds
# per test at most, 900 by default; within it, three times what upstream's library took as
# tests/upstream-expected.txt records it, two minutes at least).
#
# Needs root (apt-get, namespaces, bind mounts). Each test runs in namespaces of its own (PID with
# its own /proc, mount, network with only `lo`, UTS, IPC), with private tmpfs over /var/run/lttng,
# /tmp, /dev/shm and a fresh HOME, so that upstream's helpers (daemons at the default paths and ports, killed
# by pattern) reach only what that test started. Inside it, our library is bind-mounted over the
# in-tree liblttng-ctl.so.0 that every in-tree program loads (libtool's wrappers put its folder
# in LD_LIBRARY_PATH) and over the system's (python3-lttng loads it); the loader's log
# (LD_DEBUG=files) and the /proc/PID/maps of the processes prove which file each one mapped.
#
# The gate: the script fails when ours passes fewer TAP points than upstream's (the counts in
# tests/upstream-expected.txt, measured on this machine type) on any test, or crashes where
# upstream's does not.
set -uo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${UPSTREAM_TESTS_CACHE:-$REPO/target/upstream-tests}
# Each test gets a private /tmp: a checkout under /tmp (a CI clone, say) keeps its cache in
# /var/tmp instead, named after the checkout.
case "$CACHE" in
/tmp/* | /tmp)
	[ -n "${UPSTREAM_TESTS_CACHE:-}" ] ||
		CACHE=/var/tmp/lttng-ctl-upstream-tests$(printf '%s' "$REPO" | tr -c 'A-Za-z0-9' '-')
	;;
esac
VERSION=2.13.9
SRC=$CACHE/ltt-control-$VERSION
EXPECTED=$REPO/tests/upstream-expected.txt
TIMEOUT=${UPSTREAM_TESTS_TIMEOUT:-900}
# The system's programs first (not a python of pyenv or the like).
SYSPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

die() {
	echo "upstream-tests: $*" >&2
	exit 2
}

# ---------------------------------------------------------------------------------------------
# Building upstream's tree (once; reused when the stamp is there).

ensure_deb_src() {
	if grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then
		return
	fi
	local deb=/etc/apt/sources.list.d/debian.sources
	[ -f "$deb" ] || die "no deb-src entry and no $deb to derive one from"
	echo "upstream-tests: adding a deb-src entry (from $deb)"
	sed -E 's/^Types:.*/Types: deb-src/' "$deb" >/etc/apt/sources.list.d/debian-src.sources
	apt-get update -qq
}

build_upstream() {
	if [ -f "$SRC/.upstream-tests-built" ]; then
		return
	fi
	local started=$SECONDS
	export DEBIAN_FRONTEND=noninteractive
	mkdir -p "$CACHE"
	ensure_deb_src
	echo "upstream-tests: installing lttng-tools' build dependencies"
	apt-get build-dep -y -qq lttng-tools >"$CACHE/build-dep.log" 2>&1 ||
		{ tail -20 "$CACHE/build-dep.log"; die "apt-get build-dep failed"; }
	# The python agent's test (tests/regression/ust/python-logging) needs the agent itself.
	apt-get install -y -qq python3-lttngust >>"$CACHE/build-dep.log" 2>&1 ||
		{ tail -20 "$CACHE/build-dep.log"; die "installing python3-lttngust failed"; }
	if [ ! -d "$SRC" ]; then
		echo "upstream-tests: apt-get source lttng-tools (into $CACHE)"
		(cd "$CACHE" && apt-get source -qq lttng-tools >"$CACHE/source.log" 2>&1) ||
			{ tail -20 "$CACHE/source.log"; die "apt-get source lttng-tools failed"; }
		[ -d "$SRC" ] || die "apt-get source did not give ltt-control-$VERSION (see $CACHE/source.log)"
	fi
	echo "upstream-tests: building lttng-tools $VERSION with its tests in $SRC (log: $CACHE/build.log)"
	# configure finds python3 on PATH: the system's, where python3-lttngust is installed.
	{ cd "$SRC" &&
		{ [ -f Makefile ] || PATH=$SYSPATH ./configure --disable-man-pages \
			--disable-static --disable-dependency-tracking --enable-test-python3-agent; } &&
		nice -n 19 make -j2 &&
		nice -n 19 make -j2 -C tests check TESTS=; } >"$CACHE/build.log" 2>&1 ||
		{ tail -30 "$CACHE/build.log"; die "building upstream failed (log: $CACHE/build.log)"; }
	cd "$REPO"
	touch "$SRC/.upstream-tests-built"
	echo "upstream-tests: built in $((SECONDS - started)) s"
}

# ---------------------------------------------------------------------------------------------

build_only=0
want_ours=0
args=()
for a in "$@"; do
	case "$a" in
	--build-only) build_only=1 ;;
	--list) exec /usr/bin/python3 "$REPO/scripts/upstream-tests/run.py" --src "$SRC" --cache "$CACHE" --list ;;
	--baseline) args+=("$a") ;;
	--ours) want_ours=1; args+=("$a") ;;
	-h | --help) sed -n '2,/^set -uo/p' "$0" | sed '$d'; exit 0 ;;
	*) args+=("$a") ;;
	esac
done
[ "$(id -u)" = 0 ] || die "needs root (apt-get, namespaces, mounts)"
case "$CACHE" in
/tmp/* | /tmp) die "UPSTREAM_TESTS_CACHE must not be under /tmp (each test gets a private /tmp)" ;;
esac

mkdir -p "$CACHE"
# One run at a time per cache (the library copies and the results are shared).
exec 9>"$CACHE/.lock"
if ! flock -n 9; then
	echo "upstream-tests: another run uses $CACHE; waiting for it"
	flock 9
fi

build_upstream
[ "$build_only" = 1 ] && exit 0

ours_args=()
if [ "$want_ours" = 1 ] || [[ ! " ${args[*]} " =~ " --baseline " ]]; then
	lib=${OURS_LIB:-}
	if [ -z "$lib" ]; then
		echo "upstream-tests: cargo build --release (our library)"
		(cd "$REPO" && nice -n 19 cargo build --release --lib) >"$CACHE/cargo.log" 2>&1 ||
			{ tail -30 "$CACHE/cargo.log"; die "cargo build failed"; }
		lib=${CARGO_TARGET_DIR:-$REPO/target}/release/liblttng_ctl.so
		case "$lib" in /*) ;; *) lib=$REPO/$lib ;; esac
	fi
	[ -f "$lib" ] || die "our library $lib is missing"
	# A copy of its own, so that a build during the run does not change what the tests map.
	mkdir -p "$CACHE/ours"
	if ! cmp -s "$lib" "$CACHE/ours/liblttng-ctl.so.0"; then
		cp "$lib" "$CACHE/ours/liblttng-ctl.so.0.new"
		mv "$CACHE/ours/liblttng-ctl.so.0.new" "$CACHE/ours/liblttng-ctl.so.0"
	fi
	ours_args=(--ours-lib "$CACHE/ours/liblttng-ctl.so.0")
fi
exec /usr/bin/python3 "$REPO/scripts/upstream-tests/run.py" --src "$SRC" --cache "$CACHE" \
	--timeout "$TIMEOUT" "${ours_args[@]}" "${args[@]}"
