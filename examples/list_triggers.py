#!/usr/bin/env python3
"""Lists the registered triggers (of the calling user; all of them for root) with their
conditions, actions and error counters, with the lttng_ctl package.

Usage: list_triggers.py [--library PATH]
"""
import argparse
import os
import sys

try:
    import lttng_ctl
except ImportError:  # run from a checkout
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
    import lttng_ctl


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", help="path of liblttng-ctl.so.0")
    args = parser.parse_args()
    if args.library:
        lttng_ctl.set_library(lttng_ctl.Library(args.library))
    try:
        triggers = lttng_ctl.list_triggers()
        for trigger in sorted(triggers, key=lambda t: t.name or ""):
            print(f"trigger {trigger.name} (owner uid {trigger.owner_uid})")
            print(f"  condition: {trigger.condition}")
            print(f"  action:    {trigger.action}")
            for error in trigger.errors():
                where = error.target + "".join(f"[{i}]" for i in error.action_path)
                print(f"  {where}: {error.name} = {error.value}")
    except lttng_ctl.LttngError as e:
        print(f"Error: {e}", file=sys.stderr)
        return 1
    print(f"{len(triggers)} trigger(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
