#!/bin/sh
# Unpacks the upstream source of Debian's lttng-tools 2.13.9 (source package ltt-control,
# with its deb-src line) under target/upstream/ltt-control-2.13.9, for the layout test of
# src/ffi/trigger_host/layout.rs, which compiles against upstream's internal headers (they
# also need liburcu-dev). Does nothing when it is there already. See DEVELOPERS.md.
set -eu
cd "$(dirname "$0")/.."
dest=target/upstream
tree=$dest/ltt-control-2.13.9
[ -f "$tree/include/lttng/trigger/trigger-internal.h" ] && exit 0
# apt-get source needs a deb-src twin of the system's deb entries (DEVELOPERS.md).
if ! grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
	sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
		>/etc/apt/sources.list.d/debian-src.sources
	apt-get update -qq
fi
mkdir -p "$dest"
cd "$dest"
apt-get source -qq --download-only ltt-control=2.13.9-1+deb12u1 >/dev/null
rm -rf lttng-tools-2.13.9 ltt-control-2.13.9
tar xjf ltt-control_2.13.9.orig.tar.bz2
mv lttng-tools-2.13.9 ltt-control-2.13.9
