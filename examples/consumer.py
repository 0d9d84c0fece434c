#!/usr/bin/env python3
"""The network-consumer design's chain from Python, with the lttng_ctl package (ctypes).

Usage: consumer.py [--library PATH] SESSION URI [SECONDS]

  lttng create SESSION; lttng-consumer enable URI; lttng enable-event -u -a;
  lttng start; (SECONDS pass); lttng stop; lttng destroy

URI is net://HOST[:CTRL[:DATA]] (a relay daemon) or an absolute path (a local trace). The
library is --library, else $LTTNG_CTL_LIBRARY, else liblttng-ctl.so.0 from the system loader.
The lttng_ctl package is found beside this script (../python), installed, or on PYTHONPATH.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import lttng_ctl  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", help="path of liblttng-ctl.so.0 (lttng-ctl)")
    parser.add_argument("session")
    parser.add_argument("uri")
    parser.add_argument("seconds", nargs="?", type=float, default=1.0)
    args = parser.parse_args()

    lib = lttng_ctl.Library(args.library)
    print(f"library: {lib.version}")
    try:
        with lib.create_session(args.session) as session:
            print(f"created session {session.name}")
            for uri in session.set_consumer(args.uri):
                print(f"  {'data' if uri.stype == lttng_ctl.LTTNG_STREAM_DATA else 'control'}"
                      f" URI set to {uri}")
            try:
                session.enable_consumer()
                print("  consumer enabled")
            except lttng_ctl.LttngError as e:
                if e.code != lttng_ctl.LTTNG_ERR_UND:
                    raise
                print("  the session daemon connects the consumer itself (LTTng 2.13)")
            session.enable_event("*")
            with session.tracing():
                print(f"tracing for {args.seconds} s; output: {session.info().output}")
                time.sleep(args.seconds)
            print("stopped; destroying")
        print("done")
    except lttng_ctl.LttngError as e:
        print(f"Error: {e.call}: {e.text}", file=sys.stderr)
        return e.code
    return 0


if __name__ == "__main__":
    sys.exit(main())
