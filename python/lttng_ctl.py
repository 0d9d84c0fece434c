"""Python bindings, through ctypes, for lttng-ctl: the LTTng 2.13 control library
(liblttng-ctl.so.0) with the network-consumer API of LTTng's design.

No compiled extension: this module loads the shared library at run time. It finds it, in
order, from the ``path`` given to :class:`Library`, the ``LTTNG_CTL_LIBRARY`` environment
variable, then the system loader (``liblttng-ctl.so.0``, which honours ``LD_LIBRARY_PATH``).

Every failed call raises :class:`LttngError`, which carries the LTTng error code and the
``lttng_strerror`` text. Sessions are context managers::

    import lttng_ctl

    lib = lttng_ctl.Library()
    with lib.create_session("demo") as session:          # destroyed on exit
        session.set_consumer("net://127.0.0.1:5342:5343")  # control and data URIs
        session.enable_consumer()
        session.enable_event("*")                         # user space
        with session.tracing():                           # start ... stop
            run_the_workload()

The network-consumer functions (:meth:`Session.set_consumer`, :meth:`Session.set_consumer_uri`,
:meth:`Session.enable_consumer`, :meth:`Session.disable_consumer`, :meth:`Library.parse_uri`)
exist only in lttng-ctl: with the system's liblttng-ctl they raise :class:`NotLttngCtl`.
"""

import ctypes
import os
from contextlib import contextmanager

__all__ = [
    "Library", "Session", "SessionInfo", "Uri", "LttngError", "NotLttngCtl",
    "LTTNG_DST_IPV4", "LTTNG_DST_IPV6", "LTTNG_DST_HOST", "LTTNG_DST_PATH",
    "LTTNG_URI_HOP", "LTTNG_URI_DST", "LTTNG_STREAM_CONTROL", "LTTNG_STREAM_DATA",
    "LTTNG_UDP", "LTTNG_TCP",
]

# enum lttng_dst_type, lttng_uri_type, lttng_stream_type, lttng_proto_type (the design's).
LTTNG_DST_IPV4, LTTNG_DST_IPV6, LTTNG_DST_HOST, LTTNG_DST_PATH = range(4)
LTTNG_URI_HOP, LTTNG_URI_DST = range(2)
LTTNG_STREAM_CONTROL, LTTNG_STREAM_DATA = range(2)
LTTNG_UDP, LTTNG_TCP = range(2)

# enum lttng_domain_type, lttng_buffer_type, lttng_event_type (lttng/domain.h, event.h).
DOMAIN_KERNEL, DOMAIN_UST, DOMAIN_JUL, DOMAIN_LOG4J, DOMAIN_PYTHON = 1, 2, 3, 4, 5
BUFFER_PER_PID, BUFFER_PER_UID = 0, 1
EVENT_TRACEPOINT = 0

# enum lttng_error_code values this module refers to.
LTTNG_OK = 10
LTTNG_ERR_UND = 12
LTTNG_ERR_INVALID = 97

_PATH_MAX = 4096
_DEFAULT_PORTS = {LTTNG_STREAM_CONTROL: 5342, LTTNG_STREAM_DATA: 5343}


class LttngError(Exception):
    """A failed call: ``code`` is the positive ``enum lttng_error_code``, ``text`` its
    ``lttng_strerror`` text, ``call`` the C function."""

    def __init__(self, code, text, call):
        self.code = code
        self.text = text
        self.call = call
        super().__init__(f"{call}: {text} (LTTng error {code})")


class NotLttngCtl(RuntimeError):
    """The loaded liblttng-ctl is not lttng-ctl: the network-consumer API is missing."""


class _UriDst(ctypes.Union):
    _fields_ = [("ipv4", ctypes.c_char * 16), ("ipv6", ctypes.c_char * 46),
                ("path", ctypes.c_char * _PATH_MAX), ("padding", ctypes.c_char * 128)]


class Uri(ctypes.Structure):
    """``struct lttng_uri`` (8244 bytes), as ``lttng_uri_parse`` fills it.

    ``dst`` is the address or path, whichever union member ``dtype`` selects; ``port`` 0
    means the stream's default (5342 control, 5343 data).
    """

    _fields_ = [("dtype", ctypes.c_int), ("utype", ctypes.c_int), ("stype", ctypes.c_int),
                ("proto", ctypes.c_int), ("port", ctypes.c_uint16),
                ("_padding", ctypes.c_char * 32), ("_subdir", ctypes.c_char * _PATH_MAX),
                ("_dst", _UriDst)]

    @classmethod
    def network(cls, host, stype, port=0, proto=LTTNG_TCP, subdir=""):
        """A network destination: ``host`` is a numeric IPv4 or IPv6 address, or a name
        (resolved when the URI is set)."""
        uri = cls(utype=LTTNG_URI_DST, stype=stype, proto=proto, port=port)
        if ":" in host:
            uri.dtype, uri._dst.ipv6 = LTTNG_DST_IPV6, host.encode()
        elif host.replace(".", "").isdigit():
            uri.dtype, uri._dst.ipv4 = LTTNG_DST_IPV4, host.encode()
        else:
            uri.dtype, uri._dst.path = LTTNG_DST_HOST, host.encode()
        uri._subdir = subdir.encode()
        return uri

    @classmethod
    def local(cls, path):
        """A local output directory (an absolute path)."""
        uri = cls(dtype=LTTNG_DST_PATH, utype=LTTNG_URI_DST, stype=LTTNG_STREAM_CONTROL,
                  proto=LTTNG_TCP)
        uri._dst.path = os.fsencode(path)
        return uri

    @property
    def dst(self):
        """The numeric address, host name or path."""
        member = {LTTNG_DST_IPV4: "ipv4", LTTNG_DST_IPV6: "ipv6"}.get(self.dtype, "path")
        return os.fsdecode(getattr(self._dst, member))

    @property
    def subdir(self):
        """The sub-directory of the trace output ("" for none)."""
        return os.fsdecode(self._subdir)

    @property
    def is_hop(self):
        """True for a proxy on the way (``HOP1,URI``): parsed, not supported."""
        return self.utype == LTTNG_URI_HOP

    def __str__(self):
        if self.dtype == LTTNG_DST_PATH:
            return f"file://{self.dst}"
        proto = "udp" if self.proto == LTTNG_UDP else "tcp"
        port = self.port or _DEFAULT_PORTS.get(self.stype, 0)
        host = {LTTNG_DST_IPV4: ("4", self.dst), LTTNG_DST_IPV6: ("6", f"[{self.dst}]")}
        family, shown = host.get(self.dtype, ("", self.dst))
        return f"{proto}{family}://{shown}:{port}/{self.subdir}"

    def __repr__(self):
        stream = "control" if self.stype == LTTNG_STREAM_CONTROL else "data"
        kind = "hop" if self.is_hop else stream
        return f"<Uri {kind} {self}>"


class _Domain(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("buf_type", ctypes.c_int),
                ("padding", ctypes.c_char * 12), ("attr", ctypes.c_char * 288)]


class _Event(ctypes.Structure):
    # struct lttng_event (584 bytes): the leading fields named, the rest zero.
    _fields_ = [("type", ctypes.c_int), ("name", ctypes.c_char * 256),
                ("loglevel_type", ctypes.c_int), ("loglevel", ctypes.c_int),
                ("_rest", ctypes.c_char * 316)]


class _Session(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char * 255), ("path", ctypes.c_char * _PATH_MAX),
                ("enabled", ctypes.c_uint32), ("snapshot_mode", ctypes.c_uint32),
                ("live_timer_interval", ctypes.c_uint), ("extended", ctypes.c_void_p)]


for _struct, _size in ((Uri, 8244), (_Domain, 308), (_Event, 584), (_Session, 4376)):
    assert ctypes.sizeof(_struct) == _size, (_struct, ctypes.sizeof(_struct))


class SessionInfo:
    """One entry of :meth:`Library.list_sessions`: ``name``, ``output`` (a path, a
    ``tcp4://HOST:CTRL/ [data: DATA]`` relay output, or "" for none), ``active``,
    ``snapshot``, ``live_timer_us``."""

    def __init__(self, raw):
        self.name = raw.name.decode()
        self.output = os.fsdecode(raw.path)
        self.active = bool(raw.enabled)
        self.snapshot = bool(raw.snapshot_mode)
        self.live_timer_us = raw.live_timer_interval

    def __repr__(self):
        state = "active" if self.active else "inactive"
        return f"<SessionInfo {self.name} [{state}] output={self.output or 'none'}>"


def _find_library(path):
    return path or os.environ.get("LTTNG_CTL_LIBRARY") or "liblttng-ctl.so.0"


class Library:
    """A loaded liblttng-ctl: explicitly ``path``, else ``$LTTNG_CTL_LIBRARY``, else
    ``liblttng-ctl.so.0`` from the system loader."""

    def __init__(self, path=None):
        self.path = _find_library(path)
        lib = ctypes.CDLL(self.path)
        self._lib = lib
        lib.lttng_strerror.restype = ctypes.c_char_p
        lib.lttng_strerror.argtypes = [ctypes.c_int]
        lib.lttng_create_handle.restype = ctypes.c_void_p
        lib.lttng_create_handle.argtypes = [ctypes.c_char_p, ctypes.POINTER(_Domain)]
        lib.lttng_destroy_handle.argtypes = [ctypes.c_void_p]
        lib.lttng_list_sessions.argtypes = [ctypes.POINTER(ctypes.POINTER(_Session))]
        lib.lttng_set_consumer_url.argtypes = [ctypes.c_void_p, ctypes.c_char_p,
                                               ctypes.c_char_p]
        lib.lttng_enable_event.argtypes = [ctypes.c_void_p, ctypes.POINTER(_Event),
                                           ctypes.c_char_p]
        for name in ("lttng_create_session", "lttng_destroy_session", "lttng_start_tracing",
                     "lttng_stop_tracing", "lttng_stop_tracing_no_wait"):
            getattr(lib, name).argtypes = [ctypes.c_char_p]
        self._libc = ctypes.CDLL(None)
        self._libc.free.argtypes = [ctypes.c_void_p]
        self.is_lttng_ctl = hasattr(lib, "lttng_rs_version")
        if self.is_lttng_ctl:
            lib.lttng_rs_version.restype = ctypes.c_char_p
            lib.lttng_uri_parse.argtypes = [ctypes.c_char_p,
                                            ctypes.POINTER(ctypes.POINTER(Uri))]
            lib.lttng_uri_free.argtypes = [ctypes.POINTER(Uri)]
            lib.lttng_set_consumer_uri.argtypes = [ctypes.c_void_p, ctypes.POINTER(Uri)]
            lib.lttng_enable_consumer.argtypes = [ctypes.c_void_p]
            lib.lttng_disable_consumer.argtypes = [ctypes.c_void_p]

    def __repr__(self):
        return f"<lttng_ctl.Library {self.path} ({self.version})>"

    @property
    def version(self):
        """``lttng_rs_version()`` (``2.13.9-lttng-ctl-rs-X.Y.Z``), or None for another
        liblttng-ctl."""
        return self._lib.lttng_rs_version().decode() if self.is_lttng_ctl else None

    def strerror(self, code):
        """``lttng_strerror`` of a code (either sign)."""
        text = self._lib.lttng_strerror(-abs(code))
        return text.decode() if text else "Unknown error code"

    def _check(self, ret, call):
        if ret < 0:
            raise LttngError(-ret, self.strerror(ret), call)
        return ret

    def _call(self, name, *args):
        return self._check(getattr(self._lib, name)(*args), name)

    def _design(self, name):
        if not self.is_lttng_ctl:
            raise NotLttngCtl(f"{name}: {self.path} is not lttng-ctl (no network-consumer API)")
        return getattr(self._lib, name)

    def session_daemon_alive(self):
        """True when a session daemon answers on this process's socket."""
        return self._lib.lttng_session_daemon_alive() == 1

    def parse_uri(self, text):
        """``lttng_uri_parse``: a list of :class:`Uri`, hops first, then one destination or
        two (control and data) for ``net://``. Raises :class:`LttngError` (code 97)."""
        array = ctypes.POINTER(Uri)()
        count = self._check(self._design("lttng_uri_parse")(text.encode(), ctypes.byref(array)),
                            "lttng_uri_parse")
        try:
            return [Uri.from_buffer_copy(array[i]) for i in range(count)]
        finally:
            self._lib.lttng_uri_free(array)

    def create_session(self, name, url=None):
        """``lttng_create_session``: no ``url`` means no output (set a consumer next); a
        path or ``file://`` a local output. Returns a :class:`Session` that destroys the
        session when used as a context manager."""
        self._call("lttng_create_session", name.encode(), url.encode() if url else None)
        return Session(self, name)

    def session(self, name):
        """A :class:`Session` for an existing session (not destroyed by ``with``)."""
        return Session(self, name, owned=False)

    def list_sessions(self):
        """``lttng_list_sessions``: a list of :class:`SessionInfo`."""
        array = ctypes.POINTER(_Session)()
        count = self._call("lttng_list_sessions", ctypes.byref(array))
        try:
            return [SessionInfo(array[i]) for i in range(count)]
        finally:
            self._libc.free(array)

    def destroy_session(self, name):
        """``lttng_destroy_session``: stops, waits for the data, destroys."""
        self._call("lttng_destroy_session", name.encode())


class Session:
    """A recording session. As a context manager, a session this object created is destroyed
    on exit (stopped first, its data waited for)."""

    def __init__(self, library, name, owned=True):
        self.library = library
        self.name = name
        self.owned = owned
        self._consumer = None
        self._ust = None

    def __repr__(self):
        return f"<lttng_ctl.Session {self.name}>"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        if self.owned:
            self.library.destroy_session(self.name)
        return False

    def close(self):
        """Releases the handles this object holds (the session stays)."""
        for handle in (self._consumer, self._ust):
            if handle:
                self.library._lib.lttng_destroy_handle(handle)
        self._consumer = self._ust = None

    def _handle(self, ust):
        # The consumer template is addressed by a handle without a domain, event rules by a
        # user-space one.
        lib = self.library._lib
        if ust and not self._ust:
            domain = _Domain(type=DOMAIN_UST, buf_type=BUFFER_PER_UID)
            self._ust = lib.lttng_create_handle(self.name.encode(), ctypes.byref(domain))
        if not ust and not self._consumer:
            self._consumer = lib.lttng_create_handle(self.name.encode(), None)
        handle = self._ust if ust else self._consumer
        if not handle:
            raise LttngError(LTTNG_ERR_INVALID, self.library.strerror(LTTNG_ERR_INVALID),
                             "lttng_create_handle")
        return handle

    def set_consumer_uri(self, uri):
        """``lttng_set_consumer_uri``: sets the control or data URI (by ``uri.stype``)."""
        f = self.library._design("lttng_set_consumer_uri")
        self.library._check(f(self._handle(False), ctypes.byref(uri)), "lttng_set_consumer_uri")

    def set_consumer(self, text):
        """Parses ``text`` (``net://HOST[:CTRL[:DATA]]``, a path, ...) with
        ``lttng_uri_parse`` and sets every URI it gives; returns them."""
        uris = self.library.parse_uri(text)
        for uri in uris:
            self.set_consumer_uri(uri)
        return uris

    def set_consumer_url(self, control_url, data_url=None):
        """``lttng_set_consumer_url`` (the 2.13 function, URL strings)."""
        self.library._call("lttng_set_consumer_url", self._handle(False), control_url.encode(),
                           data_url.encode() if data_url else None)

    def enable_consumer(self):
        """``lttng_enable_consumer``: connects the consumer (both URIs must be set)."""
        f = self.library._design("lttng_enable_consumer")
        self.library._check(f(self._handle(False)), "lttng_enable_consumer")

    def disable_consumer(self):
        """``lttng_disable_consumer``: pauses consumption; enable again to resume."""
        f = self.library._design("lttng_disable_consumer")
        self.library._check(f(self._handle(False)), "lttng_disable_consumer")

    def enable_event(self, name="*", channel=None):
        """``lttng_enable_event`` on a user-space tracepoint rule (``*``: all)."""
        event = _Event(type=EVENT_TRACEPOINT, name=name.encode(), loglevel=-1)
        self.library._call("lttng_enable_event", self._handle(True), ctypes.byref(event),
                           channel.encode() if channel else None)

    def start(self):
        """``lttng_start_tracing``."""
        self.library._call("lttng_start_tracing", self.name.encode())

    def stop(self, wait=True):
        """``lttng_stop_tracing`` (waits for the data) or ``_no_wait``."""
        call = "lttng_stop_tracing" if wait else "lttng_stop_tracing_no_wait"
        self.library._call(call, self.name.encode())

    @contextmanager
    def tracing(self):
        """Starts tracing for the ``with`` block, stops (and waits for the data) after."""
        self.start()
        try:
            yield self
        finally:
            self.stop()

    def info(self):
        """This session's :class:`SessionInfo`."""
        for s in self.library.list_sessions():
            if s.name == self.name:
                return s
        raise LttngError(23, self.library.strerror(23), "lttng_list_sessions")
