#!/usr/bin/env python3
"""Prints the buffer-usage notifications of a channel, with the lttng_ctl package.

Usage: buffer_usage_monitor.py [options] SESSION CHANNEL

Registers two triggers with a "notify" action (buffer usage above --high, below --low),
subscribes a notification channel to their conditions and prints each notification:

    high: session demo, channel chan: 87.5% full (114688 bytes)

It ends after --count notifications, or --timeout seconds without one (default: never),
or Ctrl-C, and unregisters its triggers. The channel's monitor timer (``lttng
enable-channel --monitor-timer``) sets how often the session daemon samples the usage.
"""
import argparse
import os
import sys

try:
    import lttng_ctl
except ImportError:  # run from a checkout
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
    import lttng_ctl

from lttng_ctl import (BufferUsageHigh, BufferUsageLow, ConditionType, Domain, Notify,
                       NotificationChannel, Trigger)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("session")
    parser.add_argument("channel")
    parser.add_argument("--domain", choices=["ust", "kernel"], default="ust")
    parser.add_argument("--high", type=float, default=0.75, help="ratio (default 0.75)")
    parser.add_argument("--low", type=float, default=0.25, help="ratio (default 0.25)")
    parser.add_argument("--count", type=int, help="stop after N notifications")
    parser.add_argument("--timeout", type=float, help="stop after S seconds without one")
    parser.add_argument("--library", help="path of liblttng-ctl.so.0")
    args = parser.parse_args()

    if args.library:
        lttng_ctl.set_library(lttng_ctl.Library(args.library))
    domain = Domain.KERNEL if args.domain == "kernel" else Domain.UST
    conditions = {
        "high": BufferUsageHigh(args.session, args.channel, domain, threshold_ratio=args.high),
        "low": BufferUsageLow(args.session, args.channel, domain, threshold_ratio=args.low),
    }
    registered = []
    try:
        for kind, condition in conditions.items():
            registered.append(lttng_ctl.register_trigger(Trigger(condition, Notify())))
        with NotificationChannel(timeout=args.timeout) as channel:
            for condition in conditions.values():
                channel.subscribe(condition)
            print(f"monitoring {args.session}/{args.channel} (high {args.high:.0%}, "
                  f"low {args.low:.0%})", flush=True)
            for notification in channel.notifications(args.timeout, args.count):
                usage = notification.evaluation
                kind = "high" if usage.type == ConditionType.BUFFER_USAGE_HIGH else "low"
                print(f"{kind}: session {args.session}, channel {args.channel}: "
                      f"{usage.usage_ratio:.1%} full ({usage.usage_bytes} bytes)", flush=True)
    except KeyboardInterrupt:
        pass
    except lttng_ctl.LttngError as e:
        print(f"Error: {e}", file=sys.stderr)
        return 1
    finally:
        for trigger in registered:
            trigger.unregister()
    return 0


if __name__ == "__main__":
    sys.exit(main())
