#!/usr/bin/env python3
"""The network-consumer design's chain from Python, through ctypes on lttng-ctl.

Usage: design_chain.py LIBRARY SESSION HOST CTRL_PORT DATA_PORT SECONDS

Creates SESSION without output, sets its control and data URIs with lttng_set_consumer_uri,
checks the refusals of the design (missing URIs, UDP control path, URIs locked while
enabled), enables the consumer, enables every user-space event, starts, pauses and resumes
the consumer while tracing, stops and destroys. Exits non-zero on the first surprise.
"""
import ctypes
import sys
import time

LTTNG_DST_IPV4, LTTNG_DST_IPV6, LTTNG_DST_HOST, LTTNG_DST_PATH = range(4)
LTTNG_URI_HOP, LTTNG_URI_DST = range(2)
LTTNG_STREAM_CONTROL, LTTNG_STREAM_DATA = range(2)
LTTNG_UDP, LTTNG_TCP = range(2)
PATH_MAX = 4096


class UriDst(ctypes.Union):
    _fields_ = [("ipv4", ctypes.c_char * 16), ("ipv6", ctypes.c_char * 46),
                ("path", ctypes.c_char * PATH_MAX), ("padding", ctypes.c_char * 128)]


class Uri(ctypes.Structure):
    _fields_ = [("dtype", ctypes.c_int), ("utype", ctypes.c_int), ("stype", ctypes.c_int),
                ("proto", ctypes.c_int), ("port", ctypes.c_uint16), ("padding", ctypes.c_char * 32),
                ("subdir", ctypes.c_char * PATH_MAX), ("dst", UriDst)]


class Domain(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("buf_type", ctypes.c_int), ("padding", ctypes.c_char * 12),
                ("attr", ctypes.c_char * 288)]


class Event(ctypes.Structure):
    # struct lttng_event (584 bytes): only the leading fields are named.
    _fields_ = [("type", ctypes.c_int), ("name", ctypes.c_char * 256), ("loglevel_type", ctypes.c_int),
                ("loglevel", ctypes.c_int), ("rest", ctypes.c_char * 316)]


assert ctypes.sizeof(Uri) == 8244, ctypes.sizeof(Uri)
assert ctypes.sizeof(Domain) == 308
assert ctypes.sizeof(Event) == 584


def main():
    lib_path, session, host, ctrl, data, seconds = sys.argv[1:7]
    lib = ctypes.CDLL(lib_path)
    lib.lttng_strerror.restype = ctypes.c_char_p
    lib.lttng_create_handle.restype = ctypes.c_void_p
    lib.lttng_create_handle.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    for f in ("lttng_set_consumer_uri",):
        getattr(lib, f).argtypes = [ctypes.c_void_p, ctypes.POINTER(Uri)]
    for f in ("lttng_enable_consumer", "lttng_disable_consumer", "lttng_destroy_handle"):
        getattr(lib, f).argtypes = [ctypes.c_void_p]
    lib.lttng_enable_event.argtypes = [ctypes.c_void_p, ctypes.POINTER(Event), ctypes.c_char_p]
    lib.lttng_rs_version.restype = ctypes.c_char_p
    print("library:", lib.lttng_rs_version().decode())

    def expect(what, got, want):
        text = lib.lttng_strerror(got)
        print(f"{what:<40} -> {got} ({text.decode() if text else ''})")
        if got != want:
            sys.exit(f"{what}: got {got}, expected {want}")

    def uri(stype, port, proto=LTTNG_TCP):
        u = Uri()
        u.dtype, u.utype, u.stype, u.proto, u.port = LTTNG_DST_IPV4, LTTNG_URI_DST, stype, proto, port
        u.dst.ipv4 = host.encode()
        return u

    s = session.encode()
    expect("create_session", lib.lttng_create_session(s, None), 0)
    h = lib.lttng_create_handle(s, None)
    ust = Domain(type=2, buf_type=1)
    hu = lib.lttng_create_handle(s, ctypes.byref(ust))
    expect("enable_consumer without URIs", lib.lttng_enable_consumer(h), -102)
    expect("set UDP control URI", lib.lttng_set_consumer_uri(h, uri(LTTNG_STREAM_CONTROL, int(ctrl), LTTNG_UDP)), -97)
    expect("set control URI", lib.lttng_set_consumer_uri(h, uri(LTTNG_STREAM_CONTROL, int(ctrl))), 0)
    expect("enable_consumer without data URI", lib.lttng_enable_consumer(h), -101)
    expect("set data URI", lib.lttng_set_consumer_uri(h, uri(LTTNG_STREAM_DATA, int(data))), 0)
    expect("enable_consumer", lib.lttng_enable_consumer(h), 0)
    expect("set URI while enabled", lib.lttng_set_consumer_uri(h, uri(LTTNG_STREAM_DATA, int(data))), -21)
    ev = Event(type=0, loglevel=-1)
    expect("enable_event", lib.lttng_enable_event(hu, ctypes.byref(ev), None), 0)
    expect("start", lib.lttng_start_tracing(s), 0)
    time.sleep(float(seconds))
    expect("disable_consumer", lib.lttng_disable_consumer(h), 0)
    time.sleep(float(seconds))
    expect("enable_consumer again", lib.lttng_enable_consumer(h), 0)
    time.sleep(float(seconds))
    expect("stop", lib.lttng_stop_tracing(s), 0)
    expect("destroy", lib.lttng_destroy_session(s), 0)
    lib.lttng_destroy_handle(h)
    lib.lttng_destroy_handle(hu)
    print("done")


if __name__ == "__main__":
    main()
