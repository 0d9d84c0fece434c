#!/usr/bin/env bash
# Installs, on Debian 12 as root, everything the demo, the test suite and the benchmarks use:
# the real LTTng 2.13 (tools, library and headers, the user-space tracer, babeltrace2,
# python3-lttng), a C compiler, valgrind, python3-venv, liburcu-dev, and upstream's source
# (scripts/upstream-source.sh, for the layout test). Used by examples/demo.sh and .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq lttng-tools liblttng-ctl-dev liblttng-ust-dev babeltrace2 python3-lttng \
	gcc g++ binutils util-linux passwd procps python3 python3-venv pkgconf groff-base \
	valgrind liburcu-dev >/dev/null
# Upstream's internal headers, for the layout test of src/ffi/trigger_host/layout.rs.
scripts/upstream-source.sh
