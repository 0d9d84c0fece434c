#!/usr/bin/env bash
# The lttng-ctl demo, end to end, from a fresh Debian 12 machine with a Rust toolchain:
#
#   1. installs what is missing (apt: lttng-tools, babeltrace2, ...) and builds (cargo);
#   2. starts the reference session daemon (lttng-ref-sessiond, this project's) and a real
#      lttng-relayd, as an unprivileged user, on private ports and directories;
#   3. runs the network-consumer design's chain: the real `lttng` CLI creates the session,
#      `lttng-consumer` (on this library) points its consumer at the relay daemon, the CLI
#      enables all user-space events and starts; while the trace streams, the demo shows it
#      growing, pauses the consumer (lttng-consumer disable) and resumes it (enable);
#   4. stops, destroys, and prints where the trace landed and its first events as
#      babeltrace2 reads them.
#
# It removes everything it created on exit, also on Ctrl-C.
# Settings: DEMO_SECONDS (tracing time, default 4), DEMO_RATE (events per second, 1000).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TRACING=${DEMO_SECONDS:-4}
RATE=${DEMO_RATE:-1000}
TARGET=${CARGO_TARGET_DIR:-$PWD/target}/release

bold() { printf '\033[1m%s\033[0m\n' "$*"; }
say() { bold "==> $*"; }
run_shown() { printf '    $ %s\n' "$*"; }

# 1. What the demo and the test suite need (Debian 12 packages, upstream's source), installed
#    as root by scripts/install-deps.sh; without root, only what the demo itself runs.
if [ "$(id -u)" = 0 ]; then
	say "installing what the demo and the tests use (scripts/install-deps.sh: apt)"
	scripts/install-deps.sh
else
	for tool in lttng lttng-relayd babeltrace2 setpriv python3 cc; do
		command -v "$tool" >/dev/null || {
			echo "missing: $tool (run as root: scripts/install-deps.sh)" >&2
			exit 1
		}
	done
fi
command -v cargo >/dev/null || { echo "cargo not found: install a Rust toolchain (https://rustup.rs)" >&2; exit 1; }

say "building lttng-ctl (cargo build --release)"
cargo build --release --quiet

# 2. A private directory, an unprivileged user, private ports.
WORK=$(mktemp -d /tmp/lttng-ctl-demo.XXXXXX)
chmod 755 "$WORK"
PIDS=()
cleanup() {
	trap - EXIT INT TERM
	# Only the daemons started here, by pid, the session daemon first: its SIGTERM stops
	# every session and ends their consumers; then the relay daemon.
	local i
	for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
		kill -TERM "${PIDS[i]}" 2>/dev/null || true
		wait "${PIDS[i]}" 2>/dev/null || true
	done
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'echo; say "interrupted: cleaning up"; exit 130' INT TERM

RUN=()
if [ "$(id -u)" = 0 ]; then
	# A root session daemon would be the system-wide one: run everything as a plain user.
	id lttngdemo >/dev/null 2>&1 || useradd -r -M -s /usr/sbin/nologin lttngdemo
	RUN=(setpriv --reuid="$(id -u lttngdemo)" --regid="$(id -g lttngdemo)" --clear-groups --)
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
CTRL=$(free_port) DATA=$(free_port) LIVE=$(free_port)

# The programs, copied where the unprivileged user can run them (the daemon finds its
# consumer, lttng-ref-consumerd, beside itself).
mkdir -p "$WORK/bin" "$WORK/home" "$WORK/relayd-home" "$WORK/traces"
cp "$TARGET/lttng-ref-sessiond" "$TARGET/lttng-ref-consumerd" "$TARGET/lttng-consumer" "$WORK/bin/"
[ "$(id -u)" = 0 ] && chown -R "$(id -u lttngdemo):$(id -g lttngdemo)" "$WORK"
export LTTNG_HOME=$WORK/home
as_user() { "${RUN[@]}" env LTTNG_HOME="$LTTNG_HOME" "$@"; }
lttng_cli() { run_shown "lttng $*"; as_user lttng --no-sessiond "$@" | sed 's/^/      /'; }
consumer_cli() { run_shown "lttng-consumer $*"; as_user "$WORK/bin/lttng-consumer" "$@" | sed 's/^/      /'; }

say "starting lttng-relayd (real, control $CTRL, data $DATA) and lttng-ref-sessiond (reference)"
# setsid: the daemons do not get the terminal's Ctrl-C; cleanup stops them in order.
LTTNG_HOME=$WORK/relayd-home setsid "${RUN[@]}" lttng-relayd -C "tcp://127.0.0.1:$CTRL" \
	-D "tcp://127.0.0.1:$DATA" -L "tcp://127.0.0.1:$LIVE" -o "$WORK/traces" >"$WORK/relayd.log" 2>&1 &
PIDS+=($!)
setsid "${RUN[@]}" env LTTNG_HOME="$LTTNG_HOME" "$WORK/bin/lttng-ref-sessiond" --tick-rate "$RATE" \
	>"$WORK/sessiond.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do
	[ -S "$WORK/home/.lttng/client-lttng-sessiond" ] && break
	sleep 0.1
done
[ -S "$WORK/home/.lttng/client-lttng-sessiond" ] || { cat "$WORK/sessiond.log" >&2; exit 1; }
echo "    LTTNG_HOME=$WORK/home; the daemon emits ref:tick events at $RATE per second"

# 3. The design's chain.
say "the network-consumer chain: lttng (real CLI) + lttng-consumer (lttng-ctl, Rust)"
lttng_cli create demo
echo "    (a local output by default: lttng-consumer replaces it with the relay daemon)"
consumer_cli enable "net://127.0.0.1:$CTRL:$DATA"
lttng_cli enable-event -u -a
lttng_cli start

# While it streams: what the relay daemon received so far, as babeltrace2 reads it.
progress() { # SECONDS LABEL
	local end=$((SECONDS + $1)) trace events bytes
	while [ "$SECONDS" -lt "$end" ]; do
		sleep 0.5
		trace=$(find "$WORK/traces" -mindepth 2 -maxdepth 2 -type d -name 'demo-*' 2>/dev/null | head -1)
		[ -n "$trace" ] || continue
		events=$(babeltrace2 "$trace" 2>/dev/null | grep -c 'ref:tick' || true)
		bytes=$(du -sk "$trace" | cut -f1)
		printf '\r      %-9s %7s events in the trace, %6s KiB on disk ' "$2" "$events" "$bytes"
	done
	echo
}
say "streaming for $SECONDS_TRACING s (events reach the relay daemon packet by packet)"
progress "$SECONDS_TRACING" streaming
consumer_cli disable
progress 1 paused
consumer_cli enable
progress 1 resumed
lttng_cli stop
lttng_cli destroy

# 4. Where it landed, and what it holds.
TRACE=$(find "$WORK/traces" -mindepth 2 -maxdepth 2 -type d -name 'demo-*' | head -1)
say "the trace landed under <relayd output>/<this host's name>/<session>-<date>:"
echo "    ${TRACE#"$WORK/traces/"}"
(cd "$WORK/traces" && find "${TRACE#"$WORK/traces/"}" -type f | sort | sed 's/^/      /')
babeltrace2 "$TRACE" >"$WORK/events.txt"
COUNT=$(grep -c 'ref:tick' "$WORK/events.txt")
LAST=$(grep -o 'seq = [0-9]*' "$WORK/events.txt" | tail -1 | cut -d' ' -f3)
say "babeltrace2 reads $COUNT events (seq 0..$LAST); the first ones:"
head -5 "$WORK/events.txt" | sed 's/^/    /'
if [ "$COUNT" -ne $((LAST + 1)) ]; then
	echo "    ($((LAST + 1 - COUNT)) events were discarded while the consumer was paused)"
fi
