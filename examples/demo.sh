#!/usr/bin/env bash
# The lttng-ctl demo, end to end on a fresh machine:
#   installs the real LTTng 2.13 tools (Debian packages) when missing, builds the library,
#   starts a real lttng-sessiond and lttng-relayd as an unprivileged user on private ports,
#   runs the network-consumer chain (examples/consumer_uri.c) on our library while a traced
#   application emits 1000 events, then shows where the trace landed and its first events
#   as babeltrace2 reads them. Cleans up after itself, also when interrupted.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
EVENTS=${EVENTS:-1000}

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! command -v lttng-sessiond >/dev/null || ! command -v babeltrace2 >/dev/null \
	|| [ ! -e /usr/include/lttng/lttng.h ] || ! dpkg -s liblttng-ust-dev >/dev/null 2>&1; then
	say "installing the LTTng 2.13 tools (apt)"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq lttng-tools liblttng-ctl-dev liblttng-ust-dev babeltrace2 python3-lttng gcc >/dev/null
fi

say "building lttng-ctl (cargo build --release)"
cargo build --release --quiet

WORK=$(mktemp -d /tmp/lttng-ctl-demo.XXXXXX)
chmod 755 "$WORK"
PIDS=()
cleanup() {
	for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
	for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Daemons run as an unprivileged user (root would use the system-wide daemon's socket).
RUN=()
if [ "$(id -u)" = 0 ]; then
	id lttngdemo >/dev/null 2>&1 || useradd -r -M -s /usr/sbin/nologin lttngdemo
	RUN=(setpriv --reuid="$(id -u lttngdemo)" --regid="$(id -g lttngdemo)" --clear-groups --)
	chown "$(id -u lttngdemo):$(id -g lttngdemo)" "$WORK"
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
CTRL=$(free_port); DATA=$(free_port); LIVE=$(free_port)

mkdir -p "$WORK/lib" "$WORK/home" "$WORK/relayd-home" "$WORK/traces"
[ "$(id -u)" = 0 ] && chown -R "$(id -u lttngdemo):$(id -g lttngdemo)" "$WORK"
cp target/release/liblttng_ctl.so "$WORK/lib/liblttng-ctl.so.0"
ln -s liblttng-ctl.so.0 "$WORK/lib/liblttng-ctl.so"
cc -Wall -Wextra -Werror -Iinclude examples/consumer_uri.c -o "$WORK/consumer_uri" -L"$WORK/lib" -llttng-ctl
cc -Wall -Wextra -Werror examples/traced_app.c -o "$WORK/traced_app" -llttng-ust -ldl

say "starting lttng-relayd (control $CTRL, data $DATA) and lttng-sessiond (LTTNG_HOME=$WORK/home)"
LTTNG_HOME=$WORK/relayd-home "${RUN[@]}" lttng-relayd -C "tcp://127.0.0.1:$CTRL" -D "tcp://127.0.0.1:$DATA" \
	-L "tcp://127.0.0.1:$LIVE" -o "$WORK/traces" >"$WORK/relayd.log" 2>&1 &
PIDS+=($!)
LTTNG_HOME=$WORK/home "${RUN[@]}" lttng-sessiond --no-kernel >"$WORK/sessiond.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do
	[ -S "$WORK/home/.lttng/client-lttng-sessiond" ] && [ -S "$WORK/home/.lttng/lttng-ust-sock-8" ] && break
	sleep 0.1
done

say "running the network-consumer chain on lttng-ctl (Rust) as liblttng-ctl.so.0"
LTTNG_HOME=$WORK/home LD_LIBRARY_PATH=$WORK/lib "${RUN[@]}" "$WORK/consumer_uri" demo \
	"net://127.0.0.1:$CTRL:$DATA" "$WORK/traced_app" "$EVENTS"

TRACE=$(find "$WORK/traces/$(hostname)" -mindepth 1 -maxdepth 1 -type d -name 'demo-*' | head -1)
say "the trace landed under the sending host's name: ${TRACE#"$WORK/traces/"}"
find "$TRACE" -maxdepth 4 -type d | sed "s|$WORK/traces/||; s|^|    |"
COUNT=$(babeltrace2 "$TRACE" | grep -c 'lttng_ust_tracef:event')
say "babeltrace2 reads $COUNT of $EVENTS events; the first ones:"
babeltrace2 "$TRACE" | grep 'lttng_ust_tracef:event' | head -5
[ "$COUNT" = "$EVENTS" ]
