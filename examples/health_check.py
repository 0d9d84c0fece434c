#!/usr/bin/env python3
"""Checks the health of the LTTng daemons with the lttng_ctl package.

Usage: health_check.py [--relayd HEALTH_SOCKET] [--library PATH]

Prints each daemon's threads and exits 1 when one is in bad health or does not answer:
the session daemon, its user-space consumer daemons (once tracing made them exist), and,
with --relayd, the relay daemon whose health socket is given
(<its LTTNG_HOME>/.lttng/relayd/health-<pid>).
"""
import argparse
import os
import sys

try:
    import lttng_ctl
except ImportError:  # run from a checkout
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
    import lttng_ctl


def show(report):
    state = "ok" if report.ok else "BAD"
    print(f"{report.component}: {state}")
    for thread in report.threads:
        print(f"  {'ok ' if thread.ok else 'BAD'} {thread.name or '(unnamed)'}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relayd", help="a relay daemon's health socket")
    parser.add_argument("--library", help="path of liblttng-ctl.so.0")
    args = parser.parse_args()
    if args.library:
        lttng_ctl.set_library(lttng_ctl.Library(args.library))

    healthy = True
    checks = [("lttng-sessiond", lttng_ctl.sessiond_health)]
    for kind in (lttng_ctl.ConsumerDaemon.UST_64, lttng_ctl.ConsumerDaemon.UST_32):
        checks.append((kind.name, lambda kind=kind: lttng_ctl.consumerd_health(kind)))
    if args.relayd:
        checks.append(("lttng-relayd", lambda: lttng_ctl.relayd_health(args.relayd)))
    for name, check in checks:
        try:
            report = check()
        except lttng_ctl.HealthError as e:
            if name.startswith("UST_"):
                print(f"consumer daemon {name}: not running")
                continue
            print(f"{name}: no answer ({e})")
            healthy = False
            continue
        show(report)
        healthy = healthy and report.ok
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
