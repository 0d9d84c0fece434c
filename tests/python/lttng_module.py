#!/usr/bin/env python3
"""python3-lttng (Debian's SWIG binding of liblttng-ctl) on whatever liblttng-ctl.so.0 the
loader finds: create (local and URL), handles, channels, events, contexts, start/stop,
list domains/channels/events, destroy, strerror.

Usage: lttng_module.py OUTPUT_DIR   (prints "done" at the end; exits non-zero on a surprise)
lttng.list_sessions() is not called: it crashes on the real library too (its SWIG wrapper
reads sessions past the array).
"""
import ctypes
import sys

import lttng


def check(what, got, want=0):
    print(f"{what}: {got}")
    if got != want:
        sys.exit(f"{what}: got {got!r}, expected {want!r}")


def main():
    out = sys.argv[1]
    lib = ctypes.CDLL("liblttng-ctl.so.0")
    version = getattr(lib, "lttng_rs_version", None)
    if version is not None:
        version.restype = ctypes.c_char_p
        print("library:", version().decode())
    else:
        print("library: real liblttng-ctl")

    check("session_daemon_alive", lttng.session_daemon_alive(), 1)
    check("strerror(-97)", lttng.strerror(-97), "Invalid parameter")
    check("create local", lttng.create("py_local", out))
    check("create url", lttng.create("py_net", "net://127.0.0.1:1:2"))
    check("create again", lttng.create("py_local", out), -28)

    dom = lttng.Domain()
    dom.type = lttng.DOMAIN_UST
    dom.buf_type = lttng.BUFFER_PER_UID
    han = lttng.Handle("py_local", dom)

    chan = lttng.Channel()
    chan.name = "pychan"
    lttng.channel_set_default_attr(dom, chan.attr)
    chan.attr.subbuf_size = 8192
    chan.attr.num_subbuf = 4
    check("enable_channel", lttng.enable_channel(han, chan))

    ev = lttng.Event()
    ev.type = lttng.EVENT_TRACEPOINT
    ev.name = "py_prov:*"
    ev.loglevel = -1
    check("enable_event", lttng.enable_event(han, ev, "pychan"))
    ctx = lttng.EventContext()
    ctx.ctx = lttng.EVENT_CONTEXT_VPID
    check("add_context", lttng.add_context(han, ctx, None, "pychan"))

    check("start", lttng.start("py_local"))
    check("start again", lttng.start("py_local"), -80)
    check("stop", lttng.stop("py_local"))

    domains = lttng.list_domains("py_local")
    check("domains", [d.type for d in domains], [lttng.DOMAIN_UST])
    channels = lttng.list_channels(han)
    check("channels", sorted(channels), ["pychan"])
    check("subbuf_size", channels["pychan"].attr.subbuf_size, 8192)
    events = lttng.list_events(han, "pychan")
    check("events", sorted(events), ["py_prov:*"])
    check("disable_event", lttng.disable_event(han, "py_prov:*", "pychan"))
    check("disable_channel", lttng.disable_channel(han, "pychan"))

    check("destroy local", lttng.destroy("py_local"))
    check("destroy url", lttng.destroy("py_net"))
    check("destroy missing", lttng.destroy("py_local"), -23)
    print("done")


if __name__ == "__main__":
    main()
