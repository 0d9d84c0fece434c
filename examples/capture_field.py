#!/usr/bin/env python3
"""Prints fields of every matching user-space event, captured by a trigger, with the
lttng_ctl package. No recording session is needed: the session daemon sends the values.

Usage: capture_field.py [options] PATTERN FIELD [FIELD...]

    capture_field.py 'lttng_ust_tracef:*' msg          # what tracef() printed
    capture_field.py --filter 'n > 3' 'my_app:*' n values[2] '$ctx.vpid'

A FIELD is a payload field, an element of an array field (name[index]), or a context
field ($ctx.NAME). Values print as Python values (ints, floats, strings, lists; None when
unavailable). It ends after --count events, or --timeout seconds without one, or Ctrl-C,
and unregisters its trigger.
"""
import argparse
import os
import re
import sys

try:
    import lttng_ctl
except ImportError:  # run from a checkout
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
    import lttng_ctl

from lttng_ctl import (ContextField, EventRuleMatches, Notify, NotificationChannel,
                       PayloadField, Trigger, UserTracepointRule)


def expression(text):
    """`name`, `name[3]`, `$ctx.name` as a capture expression."""
    match = re.fullmatch(r"(\$ctx\.)?([A-Za-z_][A-Za-z0-9_]*)((?:\[\d+\])*)", text)
    if not match:
        raise ValueError(f"not a field: {text!r}")
    expr = (ContextField if match.group(1) else PayloadField)(match.group(2))
    for index in re.findall(r"\[(\d+)\]", match.group(3)):
        expr = expr[int(index)]
    return expr


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pattern", help="event name pattern (* globbing)")
    parser.add_argument("fields", nargs="+", metavar="FIELD")
    parser.add_argument("--filter", help="filter expression")
    parser.add_argument("--count", type=int, help="stop after N events")
    parser.add_argument("--timeout", type=float, help="stop after S seconds without one")
    parser.add_argument("--name", help="trigger name (default: chosen by the daemon)")
    parser.add_argument("--library", help="path of liblttng-ctl.so.0")
    args = parser.parse_args()

    if args.library:
        lttng_ctl.set_library(lttng_ctl.Library(args.library))
    try:
        captures = [expression(f) for f in args.fields]
    except ValueError as e:
        parser.error(str(e))
    condition = EventRuleMatches(UserTracepointRule(args.pattern, filter=args.filter),
                                 captures=captures)
    trigger = None
    try:
        trigger = lttng_ctl.register_trigger(Trigger(condition, Notify()), args.name)
        with NotificationChannel() as channel:
            channel.subscribe(condition)
            print(f"trigger {trigger.name}: capturing {', '.join(args.fields)} of {args.pattern}",
                  flush=True)
            for notification in channel.notifications(args.timeout, args.count):
                values = notification.captures or ()
                print(" ".join(f"{n}={v!r}" for n, v in zip(args.fields, values)), flush=True)
    except KeyboardInterrupt:
        pass
    except lttng_ctl.LttngError as e:
        print(f"Error: {e}", file=sys.stderr)
        return 1
    finally:
        if trigger is not None:
            trigger.unregister()
    return 0


if __name__ == "__main__":
    sys.exit(main())
