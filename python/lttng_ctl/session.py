"""Recording sessions and what they hold: channels, event rules, contexts, the consumer
(network-consumer design), rotation, snapshots, trackers, save and load."""

from __future__ import annotations

import contextlib
import ctypes
import os
import time
import weakref
from dataclasses import dataclass
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple, Union

from . import _native
from .enums import (BufferType, ContextType, Domain, EventOutput, EventType, LogLevelType,
                    ProcessAttr)
from .errors import ErrorCode, SessionNotFoundError
from .rotation import (RotationResult, RotationSchedule, TraceArchiveLocation,
                       archive_location_from_c, rotation_schedules_from_c)
from .rules import (KernelProbeAddress, KernelProbeLocation, KernelProbeSymbol, LogLevelRule,
                    UserspaceProbeLocation)
from .snapshot import SnapshotOutput, snapshot_output_c
from .tracker import Tracker
from .uri import Uri, parse_uri

__all__ = [
    "Session", "SessionInfo", "ChannelInfo", "EventInfo", "DomainInfo", "PerfCounter",
    "AppContext", "Tracepoint", "TracepointField", "create_session", "list_sessions",
    "destroy_session", "save_sessions", "load_sessions", "list_tracepoints",
    "list_tracepoint_fields", "list_syscalls", "DEFAULT_CHANNEL",
]

Lib = _native.NativeLibrary

#: The channel the session daemon creates for an event rule enabled without one.
DEFAULT_CHANNEL = "channel0"

_DEFAULT_BUFFERS = {Domain.KERNEL: BufferType.GLOBAL}
_DESTRUCTION_STATUSES = _native.statuses(
    "LTTNG_DESTRUCTION_HANDLE_STATUS", ERROR=-2, INVALID=-1)
_DESTRUCTION_STATUSES[2] = ("LTTNG_DESTRUCTION_HANDLE_STATUS_TIMEOUT", ErrorCode.UNK)
_CLEAR_STATUSES = _native.statuses("LTTNG_CLEAR_HANDLE_STATUS", ERROR=-2, INVALID=-1)
_CLEAR_STATUSES[2] = ("LTTNG_CLEAR_HANDLE_STATUS_TIMEOUT", ErrorCode.UNK)
_ROTATION_STATUSES = _native.statuses("LTTNG_ROTATION_STATUS", ERROR=-1, INVALID=-2)


def _b(s: Optional[str]) -> Optional[bytes]:
    return None if s is None else os.fsencode(s)


def _timeout_ms(timeout: Optional[float]) -> int:
    return -1 if timeout is None else max(0, int(timeout * 1000))


# --- Value types -----------------------------------------------------------------------------

@dataclass(frozen=True)
class SessionInfo:
    """One session as ``lttng_list_sessions`` describes it.

    ``output`` is a path, a relay output (``tcp4://HOST:CTRL/ [data: DATA]``) or "" for
    none; ``active`` whether it is tracing; ``snapshot`` whether it is in snapshot mode;
    ``live_timer_us`` the live timer (0: not live); ``creation_time`` seconds since the
    epoch (``lttng_session_get_creation_time``), None when the daemon did not say.
    """

    name: str
    output: str
    active: bool
    snapshot: bool
    live_timer_us: int
    creation_time: Optional[int] = None

    @property
    def mode(self) -> str:
        """``"snapshot"``, ``"live"`` or ``"normal"``."""
        if self.snapshot:
            return "snapshot"
        return "live" if self.live_timer_us else "normal"

    @property
    def enabled(self) -> bool:
        """Same as :attr:`active` (the C field's name)."""
        return self.active

    def session(self, library: Optional[Lib] = None) -> "Session":
        """A :class:`Session` for it (not destroyed by ``with``)."""
        return Session(self.name, library)


@dataclass(frozen=True)
class DomainInfo:
    """A domain of a session (``lttng_list_domains``)."""

    type: Domain
    buffer_type: BufferType


@dataclass(frozen=True)
class ChannelInfo:
    """A channel and its attributes (``lttng_list_channels`` and the extended getters).

    Timers are in microseconds (0: none); ``overwrite`` is True for flight-recorder mode,
    False for discard mode; ``blocking_timeout_us`` -1 means "block forever";
    ``discarded_events`` and ``lost_packets`` are the counters so far.
    """

    name: str
    domain: Domain
    enabled: bool
    overwrite: bool
    subbuf_size: int
    num_subbuf: int
    switch_timer_us: int
    read_timer_us: int
    output: EventOutput
    tracefile_size: int
    tracefile_count: int
    live_timer_us: int
    monitor_timer_us: Optional[int] = None
    blocking_timeout_us: Optional[int] = None
    discarded_events: Optional[int] = None
    lost_packets: Optional[int] = None


@dataclass(frozen=True)
class EventInfo:
    """An event rule of a channel (``lttng_list_events``): ``filter`` is its filter
    expression, ``exclusions`` its excluded names, ``log_level`` its log level rule (None:
    all levels)."""

    name: str
    type: EventType
    enabled: bool
    domain: Domain
    channel: Optional[str]
    log_level: Optional[LogLevelRule] = None
    filter: Optional[str] = None
    exclusions: Tuple[str, ...] = ()
    pid: int = 0
    probe: Optional[KernelProbeLocation] = None
    function: Optional[str] = None
    userspace_probe: Optional[UserspaceProbeLocation] = None


@dataclass(frozen=True)
class Tracepoint:
    """An instrumentation point an application or the kernel offers
    (``lttng_list_tracepoints``, ``lttng_list_syscalls``)."""

    name: str
    type: EventType
    log_level: int
    pid: int
    domain: Domain


@dataclass(frozen=True)
class TracepointField:
    """A field of a tracepoint (``lttng_list_tracepoint_fields``)."""

    tracepoint: str
    name: str
    type: int
    nowrite: bool
    pid: int


@dataclass(frozen=True)
class PerfCounter:
    """A perf counter context (``LTTNG_EVENT_CONTEXT_PERF_*``): ``type`` and ``config`` as
    perf_event_open(2) has them, ``name`` the context field's name. ``context`` is
    ``PERF_THREAD_COUNTER`` (user space) or ``PERF_CPU_COUNTER`` (kernel)."""

    name: str
    type: int
    config: int
    context: ContextType = ContextType.PERF_THREAD_COUNTER


@dataclass(frozen=True)
class AppContext:
    """An application-specific context (``$app.PROVIDER:TYPE``, agent domains)."""

    provider: str
    type: str

    @classmethod
    def parse(cls, text: str) -> "AppContext":
        """``"$app.provider:type"`` (or ``"provider:type"``)."""
        body = text[len("$app."):] if text.startswith("$app.") else text
        provider, sep, name = body.partition(":")
        if not sep or not provider or not name:
            raise ValueError(f"not an application context: {text!r} ($app.PROVIDER:TYPE)")
        return cls(provider, name)


ContextSpec = Union[ContextType, str, PerfCounter, AppContext]


# --- Module-level functions ------------------------------------------------------------------

def create_session(name: Optional[str] = None, output: Optional[str] = None, *,
                   data_url: Optional[str] = None, snapshot: bool = False,
                   live_timer_us: Optional[int] = None, shm_path: Optional[str] = None,
                   library: Optional[Lib] = None) -> "Session":
    """Creates a session (``lttng_create_session_ext`` with a session descriptor) and
    returns it as a :class:`Session` that is destroyed when a ``with`` block ends.

    ``name`` None lets the daemon choose one (:attr:`Session.name` tells it). ``output``:
    None for no output (set a consumer next), an absolute path or ``file://PATH`` for a
    local trace, else a URL for a relay daemon (``net://HOST[:CTRL[:DATA]]``,
    ``tcp://HOST:PORT`` with ``data_url``). ``snapshot=True`` creates a snapshot session
    (``output`` is then its default snapshot output); ``live_timer_us`` a live session (its
    output must be a relay daemon; None output means ``net://127.0.0.1``).
    """
    lib = _native.resolve(library)
    if snapshot and live_timer_us is not None:
        raise ValueError("a session is either a snapshot session or a live session")
    local = output is not None and (output.startswith("/") or output.startswith("file://"))
    path = output
    if output is not None and output.startswith("file://"):
        path = output[len("file://"):]
    bname = _b(name)
    desc: Tuple[Any, ...]
    if live_timer_us is not None:
        if local:
            raise ValueError("a live session streams to a relay daemon: give a URL")
        if output is None:
            desc = ("lttng_session_descriptor_live_create", bname, int(live_timer_us))
        else:
            desc = ("lttng_session_descriptor_live_network_create", bname, _b(output),
                    _b(data_url), int(live_timer_us))
    elif snapshot:
        if output is None:
            desc = ("lttng_session_descriptor_snapshot_create", bname)
        elif local:
            desc = ("lttng_session_descriptor_snapshot_local_create", bname, _b(path))
        else:
            desc = ("lttng_session_descriptor_snapshot_network_create", bname, _b(output),
                    _b(data_url))
    elif output is None:
        desc = ("lttng_session_descriptor_create", bname)
    elif local:
        desc = ("lttng_session_descriptor_local_create", bname, _b(path))
    else:
        desc = ("lttng_session_descriptor_network_create", bname, _b(output), _b(data_url))
    ptr = lib.fn(desc[0])(*desc[1:])
    if not ptr:
        raise lib.error(ErrorCode.INVALID, desc[0])
    with _native.Owned(lib, ptr, "lttng_session_descriptor_destroy") as d:
        lib.call_code("lttng_create_session_ext", d.ptr)
        created = ctypes.c_char_p()
        lib.call_status("lttng_session_descriptor_get_session_name", d.ptr,
                        ctypes.byref(created),
                        statuses=_native.statuses("LTTNG_SESSION_DESCRIPTOR_STATUS",
                                                  INVALID=-1, UNSET=1))
        session = Session(_native.text(created.value) or "", lib, owned=True)
    if shm_path is not None:
        session.set_shm_path(shm_path)
    return session


def list_sessions(library: Optional[Lib] = None) -> List[SessionInfo]:
    """``lttng_list_sessions``: every session of the daemon, as :class:`SessionInfo`."""
    lib = _native.resolve(library)
    array = ctypes.POINTER(_native.Session)()
    count = lib.call("lttng_list_sessions", ctypes.byref(array))
    try:
        result = []
        get_time = lib.fn("lttng_session_get_creation_time")
        for i in range(count):
            raw = array[i]
            stamp = ctypes.c_uint64()
            ret = get_time(ctypes.byref(raw), ctypes.byref(stamp))
            result.append(SessionInfo(
                name=raw.name.decode(), output=os.fsdecode(raw.path), active=bool(raw.enabled),
                snapshot=bool(raw.snapshot_mode), live_timer_us=int(raw.live_timer_interval),
                creation_time=int(stamp.value) if ret == ErrorCode.OK else None))
        return result
    finally:
        if array:
            _native.free(array)


def destroy_session(name: str, library: Optional[Lib] = None) -> None:
    """``lttng_destroy_session``: stops the session, waits for its data, destroys it."""
    lib = _native.resolve(library)
    lib.call("lttng_destroy_session", name.encode())


def save_sessions(name: Optional[str] = None, path: Optional[str] = None, *,
                  overwrite: bool = False, omit_name: bool = False, omit_output: bool = False,
                  library: Optional[Lib] = None) -> None:
    """``lttng_save_session``: saves session ``name`` (None: every session) as XML in the
    directory ``path`` (None: ``$LTTNG_HOME/.lttng/sessions``), one ``NAME.lttng`` file per
    session. Existing files raise :class:`LttngError` ``SAVE_FILE_EXIST`` unless
    ``overwrite``."""
    lib = _native.resolve(library)
    with _native.Owned(lib, lib.fn("lttng_save_session_attr_create")(),
                       "lttng_save_session_attr_destroy") as attr:
        if name is not None:
            lib.call("lttng_save_session_attr_set_session_name", attr.ptr, _b(name))
        if path is not None:
            lib.call("lttng_save_session_attr_set_output_url", attr.ptr, _b(path))
        lib.call("lttng_save_session_attr_set_overwrite", attr.ptr, int(overwrite))
        lib.call("lttng_save_session_attr_set_omit_name", attr.ptr, int(omit_name))
        lib.call("lttng_save_session_attr_set_omit_output", attr.ptr, int(omit_output))
        lib.call("lttng_save_session", attr.ptr)


def load_sessions(name: Optional[str] = None, path: Optional[str] = None, *,
                  overwrite: bool = False, override_url: Optional[str] = None,
                  override_ctrl_url: Optional[str] = None,
                  override_data_url: Optional[str] = None, override_name: Optional[str] = None,
                  library: Optional[Lib] = None) -> None:
    """``lttng_load_session``: loads session ``name`` (None: all) from ``path`` (a file or
    a directory; None: the user's and the system's session directories). ``overwrite``
    replaces existing sessions of the same name; the ``override_*`` arguments change the
    output and the name of what is loaded."""
    lib = _native.resolve(library)
    with _native.Owned(lib, lib.fn("lttng_load_session_attr_create")(),
                       "lttng_load_session_attr_destroy") as attr:
        if name is not None:
            lib.call("lttng_load_session_attr_set_session_name", attr.ptr, _b(name))
        if path is not None:
            lib.call("lttng_load_session_attr_set_input_url", attr.ptr, _b(path))
        lib.call("lttng_load_session_attr_set_overwrite", attr.ptr, int(overwrite))
        for setter, value in (("url", override_url), ("ctrl_url", override_ctrl_url),
                              ("data_url", override_data_url),
                              ("session_name", override_name)):
            if value is not None:
                lib.call(f"lttng_load_session_attr_set_override_{setter}", attr.ptr, _b(value))
        lib.call("lttng_load_session", attr.ptr)


# --- Session ---------------------------------------------------------------------------------

def _close_handles(lib: Lib, handles: Dict[Tuple[int, int], int]) -> None:
    destroy = lib.fn("lttng_destroy_handle")
    for handle in handles.values():
        destroy(handle)
    handles.clear()


class Session:
    """A recording session, by name.

    ``Session(name)`` refers to an existing session; :func:`create_session` creates one.
    As a context manager, a session that :func:`create_session` created (``owned``) is
    destroyed when the block ends (stopped first, its data waited for); the handles this
    object holds are released in any case.
    """

    def __init__(self, name: str, library: Optional[Lib] = None, owned: bool = False):
        if isinstance(name, _native.NativeLibrary):  # the first releases: Session(lib, name)
            name, library = library, name  # type: ignore[assignment]
        self.name: str = name
        self.library: Lib = _native.resolve(library)
        self.owned = owned
        self._handles: Dict[Tuple[int, int], int] = {}
        self._finalizer = weakref.finalize(self, _close_handles, self.library, self._handles)

    def __repr__(self) -> str:
        return f"<lttng_ctl.Session {self.name}>"

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Session) and other.name == self.name
                and other.library is self.library)

    def __hash__(self) -> int:
        return hash(self.name)

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
        if self.owned:
            self.destroy()

    def close(self) -> None:
        """Releases the handles this object holds (the session stays)."""
        _close_handles(self.library, self._handles)

    def _name(self) -> bytes:
        return self.name.encode()

    def handle(self, domain: Optional[int] = Domain.UST,
               buffer_type: Optional[int] = None) -> int:
        """A ``struct lttng_handle *`` of this session for ``domain`` (None: no domain, as
        the consumer calls take), kept until :meth:`close`."""
        if domain is None:
            key = (-1, -1)
        else:
            buf = buffer_type if buffer_type is not None else _DEFAULT_BUFFERS.get(
                Domain(domain), BufferType.PER_UID)
            key = (int(domain), int(buf))
        handle = self._handles.get(key)
        if handle:
            return handle
        lib = self.library
        if domain is None:
            handle = lib.fn("lttng_create_handle")(self._name(), None)
        else:
            dom = _native.Domain(type=key[0], buf_type=key[1])
            handle = lib.fn("lttng_create_handle")(self._name(), ctypes.byref(dom))
        if not handle:
            raise lib.error(ErrorCode.INVALID, "lttng_create_handle")
        self._handles[key] = handle
        return int(handle)

    # -- state --

    def info(self) -> SessionInfo:
        """This session's :class:`SessionInfo`; :class:`SessionNotFoundError` when it does
        not exist."""
        for s in list_sessions(self.library):
            if s.name == self.name:
                return s
        raise self.library.error(ErrorCode.SESS_NOT_FOUND, "lttng_list_sessions",
                                 cls=SessionNotFoundError)

    @property
    def exists(self) -> bool:
        """Whether the daemon has a session of this name."""
        return any(s.name == self.name for s in list_sessions(self.library))

    @property
    def active(self) -> bool:
        """Whether the session is tracing."""
        return self.info().active

    def start(self) -> None:
        """``lttng_start_tracing``."""
        self.library.call("lttng_start_tracing", self._name())

    def stop(self, wait: bool = True) -> None:
        """``lttng_stop_tracing`` (waits until the data is written) or, with
        ``wait=False``, ``lttng_stop_tracing_no_wait``."""
        self.library.call("lttng_stop_tracing" if wait else "lttng_stop_tracing_no_wait",
                          self._name())

    @contextlib.contextmanager
    def tracing(self) -> Iterator["Session"]:
        """Starts tracing for the ``with`` block, stops (and waits for the data) after."""
        self.start()
        try:
            yield self
        finally:
            self.stop()

    def data_pending(self) -> bool:
        """``lttng_data_pending``: whether data of the stopped session is still being
        written."""
        return self.library.call("lttng_data_pending", self._name()) == 1

    def regenerate_metadata(self) -> None:
        """``lttng_regenerate_metadata``."""
        self.library.call("lttng_regenerate_metadata", self._name())

    def regenerate_statedump(self) -> None:
        """``lttng_regenerate_statedump``."""
        self.library.call("lttng_regenerate_statedump", self._name())

    def set_shm_path(self, path: str) -> None:
        """``lttng_set_session_shm_path``: where the session's buffers are mapped (before
        it starts)."""
        self.library.call("lttng_set_session_shm_path", self._name(), _b(path))

    def destroy(self, wait: bool = True,
                timeout: Optional[float] = None) -> Optional[TraceArchiveLocation]:
        """Destroys the session (``lttng_destroy_session_ext``): stops it, and with ``wait``
        waits (at most ``timeout`` seconds: :class:`WaitTimeoutError`) until its data is
        written. Returns where the last trace chunk was archived when the session was
        rotated, else None."""
        lib = self.library
        self.close()
        handle = ctypes.c_void_p()
        lib.call_code("lttng_destroy_session_ext", self._name(), ctypes.byref(handle))
        self.owned = False
        with _native.Owned(lib, handle.value, "lttng_destruction_handle_destroy") as h:
            if not wait:
                return None
            lib.call_status("lttng_destruction_handle_wait_for_completion", h.ptr,
                            _timeout_ms(timeout), ok=(0, 1), statuses=_DESTRUCTION_STATUSES)
            result = ctypes.c_int()
            lib.call_status("lttng_destruction_handle_get_result", h.ptr, ctypes.byref(result),
                            statuses=_DESTRUCTION_STATUSES)
            if result.value != ErrorCode.OK:
                raise lib.error(result.value, "lttng_destroy_session_ext")
            state = ctypes.c_int()
            lib.call_status("lttng_destruction_handle_get_rotation_state", h.ptr,
                            ctypes.byref(state), statuses=_DESTRUCTION_STATUSES)
            if state.value != 2:  # LTTNG_ROTATION_STATE_COMPLETED
                return None
            location = ctypes.c_void_p()
            lib.call_status("lttng_destruction_handle_get_archive_location", h.ptr,
                            ctypes.byref(location), statuses=_DESTRUCTION_STATUSES)
            return archive_location_from_c(lib, location.value)

    def clear(self, wait: bool = True, timeout: Optional[float] = None) -> None:
        """``lttng_clear_session``: discards the session's trace data (local sessions, or
        relay daemons that allow it)."""
        lib = self.library
        handle = ctypes.c_void_p()
        lib.call_code("lttng_clear_session", self._name(), ctypes.byref(handle))
        with _native.Owned(lib, handle.value, "lttng_clear_handle_destroy") as h:
            if not wait:
                return
            lib.call_status("lttng_clear_handle_wait_for_completion", h.ptr,
                            _timeout_ms(timeout), ok=(0, 1), statuses=_CLEAR_STATUSES)
            result = ctypes.c_int()
            lib.call_status("lttng_clear_handle_get_result", h.ptr, ctypes.byref(result),
                            statuses=_CLEAR_STATUSES)
            if result.value != ErrorCode.OK:
                raise lib.error(result.value, "lttng_clear_session")

    # -- the consumer (network-consumer design) --

    def set_consumer_uri(self, uri: Uri) -> None:
        """``lttng_set_consumer_uri``: sets the control or data URI (by ``uri.stype``).
        lttng-ctl only (:class:`NotLttngCtlError` elsewhere)."""
        self.library.call("lttng_set_consumer_uri", self.handle(None), ctypes.byref(uri))

    def set_consumer(self, text: str) -> List[Uri]:
        """Parses ``text`` (``net://HOST[:CTRL[:DATA]]``, a path, ...) with
        ``lttng_uri_parse`` and sets every URI it gives; returns them. lttng-ctl only."""
        uris = parse_uri(text, self.library)
        for uri in uris:
            self.set_consumer_uri(uri)
        return uris

    def set_consumer_url(self, control_url: Optional[str],
                         data_url: Optional[str] = None) -> None:
        """``lttng_set_consumer_url`` (the 2.13 call, URL strings; before the session
        starts)."""
        self.library.call("lttng_set_consumer_url", self.handle(None), _b(control_url),
                          _b(data_url))

    def enable_consumer(self) -> None:
        """``lttng_enable_consumer``: connects the consumer (both URIs set). lttng-ctl only;
        the real 2.13 session daemon answers :class:`UndefinedCommandError`."""
        self.library.call("lttng_enable_consumer", self.handle(None))

    def disable_consumer(self) -> None:
        """``lttng_disable_consumer``: pauses consumption; enable again to resume.
        lttng-ctl only."""
        self.library.call("lttng_disable_consumer", self.handle(None))

    # -- domains and channels --

    def domains(self) -> List[DomainInfo]:
        """``lttng_list_domains``."""
        lib = self.library
        array = ctypes.POINTER(_native.Domain)()
        count = lib.call("lttng_list_domains", self._name(), ctypes.byref(array))
        try:
            return [DomainInfo(Domain(array[i].type), BufferType(array[i].buf_type))
                    for i in range(count)]
        finally:
            if array:
                _native.free(array)

    def enable_channel(self, name: str, domain: Domain = Domain.UST, *,
                       buffer_type: Optional[BufferType] = None,
                       overwrite: Optional[bool] = None, subbuf_size: Optional[int] = None,
                       num_subbuf: Optional[int] = None,
                       switch_timer_us: Optional[int] = None,
                       read_timer_us: Optional[int] = None,
                       output: Optional[EventOutput] = None,
                       tracefile_size: Optional[int] = None,
                       tracefile_count: Optional[int] = None,
                       live_timer_us: Optional[int] = None,
                       monitor_timer_us: Optional[int] = None,
                       blocking_timeout_us: Optional[int] = None) -> ChannelInfo:
        """Creates (or enables again) channel ``name`` in ``domain``: ``lttng_channel_create``
        (the domain's defaults), the attributes given, ``lttng_enable_channel``. Returns the
        channel as the daemon lists it."""
        lib = self.library
        buf = buffer_type if buffer_type is not None else _DEFAULT_BUFFERS.get(
            Domain(domain), BufferType.PER_UID)
        dom = _native.Domain(type=int(domain), buf_type=int(buf))
        ptr = lib.fn("lttng_channel_create")(ctypes.byref(dom))
        if not ptr:
            raise lib.error(ErrorCode.INVALID, "lttng_channel_create")
        with _native.Owned(lib, ptr, "lttng_channel_destroy") as chan:
            c = ctypes.cast(chan.ptr, ctypes.POINTER(_native.Channel)).contents
            c.name = name.encode()
            attrs = c.attr
            if overwrite is not None:
                attrs.overwrite = int(bool(overwrite))
            for attr, value in (("subbuf_size", subbuf_size), ("num_subbuf", num_subbuf),
                                ("switch_timer_interval", switch_timer_us),
                                ("read_timer_interval", read_timer_us), ("output", output),
                                ("tracefile_size", tracefile_size),
                                ("tracefile_count", tracefile_count),
                                ("live_timer_interval", live_timer_us)):
                if value is not None:
                    setattr(attrs, attr, int(value))
            if monitor_timer_us is not None:
                lib.call("lttng_channel_set_monitor_timer_interval", chan.ptr,
                         int(monitor_timer_us))
            if blocking_timeout_us is not None:
                lib.call("lttng_channel_set_blocking_timeout", chan.ptr,
                         int(blocking_timeout_us))
            lib.call("lttng_enable_channel", self.handle(domain, buf), chan.ptr)
        return self.channel(name, domain)

    def disable_channel(self, name: str, domain: Domain = Domain.UST) -> None:
        """``lttng_disable_channel``."""
        self.library.call("lttng_disable_channel", self.handle(domain), name.encode())

    def channels(self, domain: Domain = Domain.UST) -> List[ChannelInfo]:
        """``lttng_list_channels``: the channels of ``domain`` with their attributes."""
        lib = self.library
        array = ctypes.POINTER(_native.Channel)()
        count = lib.call("lttng_list_channels", self.handle(domain), ctypes.byref(array))
        try:
            return [self._channel_info(lib, array[i], domain) for i in range(count)]
        finally:
            if array:
                _native.free(array)

    @staticmethod
    def _channel_info(lib: Lib, c: _native.Channel, domain: Domain) -> ChannelInfo:
        ref = ctypes.byref(c)

        def extended(getter: str, ctype: Any) -> Optional[int]:
            value = ctype()
            if lib.fn(getter)(ref, ctypes.byref(value)) < 0:
                return None
            return int(value.value)

        a = c.attr
        return ChannelInfo(
            name=c.name.decode(), domain=Domain(domain), enabled=bool(c.enabled),
            overwrite=a.overwrite == 1, subbuf_size=int(a.subbuf_size),
            num_subbuf=int(a.num_subbuf), switch_timer_us=int(a.switch_timer_interval),
            read_timer_us=int(a.read_timer_interval), output=EventOutput(a.output),
            tracefile_size=int(a.tracefile_size), tracefile_count=int(a.tracefile_count),
            live_timer_us=int(a.live_timer_interval),
            monitor_timer_us=extended("lttng_channel_get_monitor_timer_interval",
                                      ctypes.c_uint64),
            blocking_timeout_us=extended("lttng_channel_get_blocking_timeout", ctypes.c_int64),
            discarded_events=extended("lttng_channel_get_discarded_event_count",
                                      ctypes.c_uint64),
            lost_packets=extended("lttng_channel_get_lost_packet_count", ctypes.c_uint64))

    def channel(self, name: str, domain: Domain = Domain.UST) -> ChannelInfo:
        """The channel ``name`` of ``domain``; :class:`ChannelNotFoundError` when absent."""
        for c in self.channels(domain):
            if c.name == name:
                return c
        code = ErrorCode.KERN_CHAN_NOT_FOUND if domain == Domain.KERNEL else \
            ErrorCode.UST_CHAN_NOT_FOUND
        raise self.library.error(code, "lttng_list_channels")

    # -- event rules --

    @staticmethod
    def _event(name: str, type: EventType, log_level: Optional[LogLevelRule],
               probe: Optional[KernelProbeLocation], function: Optional[str],
               into: Optional[_native.Event] = None) -> _native.Event:
        ev = into if into is not None else _native.Event()
        ev.type = int(type)
        ev.name = name.encode()
        if log_level is None:
            ev.loglevel_type, ev.loglevel = LogLevelType.ALL, -1
        else:
            ev.loglevel_type = LogLevelType.RANGE if log_level.at_least else LogLevelType.SINGLE
            ev.loglevel = int(log_level.level)
        if isinstance(probe, KernelProbeAddress):
            ev.attr.probe.addr = int(probe.address)
        elif isinstance(probe, KernelProbeSymbol):
            ev.attr.probe.symbol_name = probe.name.encode()
            ev.attr.probe.offset = int(probe.offset)
        if function is not None:
            ev.attr.ftrace.symbol_name = function.encode()
        return ev

    def enable_event(self, name: str = "*", channel: Optional[str] = None,
                     domain: Domain = Domain.UST, *, type: EventType = EventType.TRACEPOINT,
                     log_level: Optional[LogLevelRule] = None, filter: Optional[str] = None,
                     exclusions: Sequence[str] = (),
                     probe: Optional[KernelProbeLocation] = None,
                     function: Optional[str] = None,
                     userspace_probe: Optional[UserspaceProbeLocation] = None) -> None:
        """Enables the event rule ``name`` (a pattern: ``*`` for all) in ``channel`` (None:
        the default channel, created when needed) of ``domain``.

        ``log_level`` restricts it to a level (:class:`LogLevelRule`), ``filter`` is a
        filter expression (``lttng_enable_event_with_filter``), ``exclusions`` names not to
        match (user space; ``lttng_enable_event_with_exclusions``). Kernel rules take
        ``type`` (``SYSCALL``, ``PROBE`` with ``probe``, ``FUNCTION`` with ``function``,
        ``USERSPACE_PROBE`` with ``userspace_probe``)."""
        lib = self.library
        handle = self.handle(domain)
        bchannel = _b(channel)
        if userspace_probe is not None:
            ptr = lib.fn("lttng_event_create")()
            if not ptr:
                raise lib.error(ErrorCode.NOMEM, "lttng_event_create")
            with _native.Owned(lib, ptr, "lttng_event_destroy") as ev:
                self._event(name, EventType.USERSPACE_PROBE, log_level, None, None,
                            ctypes.cast(ev.ptr, ctypes.POINTER(_native.Event)).contents)
                loc = userspace_probe._to_c(lib)
                lib.call("lttng_event_set_userspace_probe_location", ev.ptr, loc.ptr)
                loc.release()
                self._enable(ev.ptr, handle, bchannel, filter, exclusions)
            return
        ev_struct = self._event(name, type, log_level, probe, function)
        self._enable(ctypes.addressof(ev_struct), handle, bchannel, filter, exclusions)

    def _enable(self, ev: int, handle: int, channel: Optional[bytes], filter: Optional[str],
                exclusions: Sequence[str]) -> None:
        lib = self.library
        if isinstance(exclusions, str):
            raise TypeError("exclusions is a sequence of names, not one string")
        if exclusions:
            names = (ctypes.c_char_p * len(exclusions))(*[e.encode() for e in exclusions])
            lib.call("lttng_enable_event_with_exclusions", handle, ev, channel, _b(filter),
                     len(exclusions), names)
        elif filter is not None:
            lib.call("lttng_enable_event_with_filter", handle, ev, channel, _b(filter))
        else:
            lib.call("lttng_enable_event", handle, ev, channel)

    def disable_event(self, name: Optional[str] = None, channel: Optional[str] = None,
                      domain: Domain = Domain.UST, *, type: Optional[EventType] = None,
                      filter: Optional[str] = None) -> None:
        """Disables event rules: ``name`` (None: all of them) in ``channel``
        (``lttng_disable_event``; with ``type`` or ``filter``, ``lttng_disable_event_ext``
        on the rules of that type or filter)."""
        lib = self.library
        handle = self.handle(domain)
        if type is None and filter is None:
            lib.call("lttng_disable_event", handle, _b(name), _b(channel))
            return
        ev = self._event(name or "", type if type is not None else EventType.ALL, None, None,
                         None)
        if name is None:
            ev.name = b""
        lib.call("lttng_disable_event_ext", handle, ctypes.byref(ev), _b(channel), _b(filter))

    def events(self, channel: Optional[str] = None,
               domain: Domain = Domain.UST) -> List[EventInfo]:
        """``lttng_list_events``: the event rules of ``channel`` (None: the default channel;
        ignored in the agent domains), with their filters and exclusions."""
        lib = self.library
        if channel is None and domain in (Domain.UST, Domain.KERNEL):
            channel = DEFAULT_CHANNEL
        array = ctypes.POINTER(_native.Event)()
        count = lib.call("lttng_list_events", self.handle(domain), _b(channel),
                         ctypes.byref(array))
        try:
            return [self._event_info(lib, array[i], domain, channel) for i in range(count)]
        finally:
            if array:
                _native.free(array)

    @staticmethod
    def _event_info(lib: Lib, ev: _native.Event, domain: Domain,
                    channel: Optional[str]) -> EventInfo:
        ref = ctypes.byref(ev)
        filt = ctypes.c_char_p()
        filter_text = None
        if lib.fn("lttng_event_get_filter_expression")(ref, ctypes.byref(filt)) == 0:
            filter_text = _native.text(filt.value)
        exclusions: List[str] = []
        count = lib.fn("lttng_event_get_exclusion_name_count")(ref)
        for i in range(max(count, 0)):
            name = ctypes.c_char_p()
            if lib.fn("lttng_event_get_exclusion_name")(ref, i, ctypes.byref(name)) == 0:
                exclusions.append(_native.text(name.value) or "")
        log_level = None
        if ev.loglevel_type == LogLevelType.SINGLE:
            log_level = LogLevelRule.exactly(ev.loglevel)
        elif ev.loglevel_type == LogLevelType.RANGE:
            log_level = LogLevelRule.at_least_as_severe_as(ev.loglevel)
        etype = EventType(ev.type)
        probe: Optional[KernelProbeLocation] = None
        function = None
        if etype in (EventType.PROBE, EventType.FUNCTION_ENTRY):
            p = ev.attr.probe
            probe = (KernelProbeSymbol(p.symbol_name.decode(), int(p.offset))
                     if p.symbol_name else KernelProbeAddress(int(p.addr)))
        elif etype == EventType.FUNCTION:
            function = ev.attr.ftrace.symbol_name.decode()
        uprobe = None
        if etype == EventType.USERSPACE_PROBE:
            loc = lib.fn("lttng_event_get_userspace_probe_location")(ref)
            if loc:
                uprobe = UserspaceProbeLocation._from_c(lib, loc)
        return EventInfo(name=ev.name.decode(), type=etype, enabled=bool(ev.enabled),
                         domain=Domain(domain), channel=channel, log_level=log_level,
                         filter=filter_text, exclusions=tuple(exclusions), pid=int(ev.pid),
                         probe=probe, function=function, userspace_probe=uprobe)

    # -- contexts --

    def add_context(self, context: ContextSpec, domain: Domain = Domain.UST,
                    channel: Optional[str] = None) -> None:
        """``lttng_add_context``: adds a context field to the events of ``channel`` (None:
        every channel of the domain). ``context`` is a :class:`ContextType`, its name
        (``"vpid"``), a :class:`PerfCounter`, an :class:`AppContext` or
        ``"$app.PROVIDER:TYPE"``."""
        lib = self.library
        ctx = _native.EventContext()
        keep: List[bytes] = []
        if isinstance(context, str):
            if context.startswith("$app."):
                context = AppContext.parse(context)
            else:
                try:
                    context = ContextType[context.upper().replace("-", "_")]
                except KeyError:
                    raise ValueError(f"unknown context {context!r}") from None
        if isinstance(context, PerfCounter):
            ctx.ctx = int(context.context)
            ctx.u.perf_counter.type = int(context.type)
            ctx.u.perf_counter.config = int(context.config)
            ctx.u.perf_counter.name = context.name.encode()
        elif isinstance(context, AppContext):
            ctx.ctx = ContextType.APP_CONTEXT
            keep = [context.provider.encode(), context.type.encode()]
            ctx.u.app_ctx.provider_name = keep[0]
            ctx.u.app_ctx.ctx_name = keep[1]
        else:
            ctx.ctx = int(ContextType(context))
        lib.call("lttng_add_context", self.handle(domain), ctypes.byref(ctx), None,
                 _b(channel))
        del keep

    # -- rotation --

    def rotate(self, wait: bool = True, timeout: Optional[float] = None) -> RotationResult:
        """``lttng_rotate_session``: archives the current trace chunk. With ``wait``, polls
        the rotation until it ends (at most ``timeout`` seconds: :class:`WaitTimeoutError`)
        and returns its state and archive location."""
        lib = self.library
        handle = ctypes.c_void_p()
        lib.call("lttng_rotate_session", self._name(), None, ctypes.byref(handle))
        with _native.Owned(lib, handle.value, "lttng_rotation_handle_destroy") as h:
            deadline = None if timeout is None else time.monotonic() + timeout
            state = ctypes.c_int()
            pause = 0.005
            while True:
                lib.call_status("lttng_rotation_handle_get_state", h.ptr, ctypes.byref(state),
                                statuses=_ROTATION_STATUSES)
                if not wait or state.value != 1:  # ONGOING
                    break
                if deadline is not None and time.monotonic() >= deadline:
                    raise lib.error(ErrorCode.UNK, "lttng_rotation_handle_get_state",
                                    "rotation still ongoing after the timeout",
                                    cls=_timeout_class())
                time.sleep(pause)
                pause = min(pause * 2, 0.2)
            location = None
            if state.value == 2:  # COMPLETED
                loc = ctypes.c_void_p()
                if lib.fn("lttng_rotation_handle_get_archive_location")(
                        h.ptr, ctypes.byref(loc)) == 0 and loc.value:
                    location = archive_location_from_c(lib, loc.value)
            return RotationResult.of(state.value, location)

    def add_rotation_schedule(self, schedule: RotationSchedule) -> None:
        """``lttng_session_add_rotation_schedule``."""
        lib = self.library
        with schedule._to_c(lib) as s:
            lib.call_status("lttng_session_add_rotation_schedule", self._name(), s.ptr,
                            statuses=_schedule_statuses(ErrorCode.ROTATION_SCHEDULE_SET))

    def remove_rotation_schedule(self, schedule: RotationSchedule) -> None:
        """``lttng_session_remove_rotation_schedule``."""
        lib = self.library
        with schedule._to_c(lib) as s:
            lib.call_status("lttng_session_remove_rotation_schedule", self._name(), s.ptr,
                            statuses=_schedule_statuses(ErrorCode.ROTATION_SCHEDULE_NOT_SET))

    def rotation_schedules(self) -> List[RotationSchedule]:
        """``lttng_session_list_rotation_schedules``."""
        lib = self.library
        ptr = ctypes.c_void_p()
        lib.call("lttng_session_list_rotation_schedules", self._name(), ctypes.byref(ptr))
        with _native.Owned(lib, ptr.value, "lttng_rotation_schedules_destroy") as s:
            return rotation_schedules_from_c(lib, s.ptr)

    # -- snapshots --

    def add_snapshot_output(self, url: str, *, name: Optional[str] = None,
                            max_size: Optional[int] = None,
                            data_url: Optional[str] = None) -> SnapshotOutput:
        """``lttng_snapshot_add_output``: ``url`` is a path or a relay daemon URL (the
        control URL when ``data_url`` is given). Returns the output as the daemon lists it
        (with its id)."""
        lib = self.library
        with snapshot_output_c(lib, url, name, max_size, data_url) as out:
            lib.call("lttng_snapshot_add_output", self._name(), out.ptr)
            added_id = int(lib.fn("lttng_snapshot_output_get_id")(out.ptr))
        for o in self.snapshot_outputs():
            if o.id == added_id or (name is not None and o.name == name):
                return o
        raise lib.error(ErrorCode.SNAPSHOT_FAIL, "lttng_snapshot_list_output")

    def snapshot_outputs(self) -> List[SnapshotOutput]:
        """``lttng_snapshot_list_output``."""
        lib = self.library
        ptr = ctypes.c_void_p()
        lib.call("lttng_snapshot_list_output", self._name(), ctypes.byref(ptr))
        result: List[SnapshotOutput] = []
        with _native.Owned(lib, ptr.value, "lttng_snapshot_output_list_destroy") as outs:
            while True:
                o = lib.fn("lttng_snapshot_output_list_get_next")(outs.ptr)
                if not o:
                    return result
                result.append(SnapshotOutput._from_c(lib, o))

    def remove_snapshot_output(self, output: Union[SnapshotOutput, int, str]) -> None:
        """``lttng_snapshot_del_output``: by :class:`SnapshotOutput`, id or name."""
        lib = self.library
        with _native.Owned(lib, lib.fn("lttng_snapshot_output_create")(),
                           "lttng_snapshot_output_destroy") as out:
            if isinstance(output, SnapshotOutput):
                output = output.id
            if isinstance(output, int):
                lib.call("lttng_snapshot_output_set_id", int(output), out.ptr)
            else:
                lib.call("lttng_snapshot_output_set_name", output.encode(), out.ptr)
            lib.call("lttng_snapshot_del_output", self._name(), out.ptr)

    def record_snapshot(self, url: Optional[str] = None, *, name: Optional[str] = None,
                        max_size: Optional[int] = None, data_url: Optional[str] = None) -> None:
        """``lttng_snapshot_record``: records a snapshot to ``url`` (None: the session's
        snapshot outputs)."""
        lib = self.library
        if url is None and name is None and max_size is None:
            lib.call("lttng_snapshot_record", self._name(), None, 1)
            return
        with snapshot_output_c(lib, url, name, max_size, data_url) as out:
            lib.call("lttng_snapshot_record", self._name(), out.ptr, 1)

    # -- trackers --

    def tracker(self, attribute: ProcessAttr, domain: Domain = Domain.UST) -> Tracker:
        """``lttng_session_get_tracker_handle``: the tracker of a process attribute."""
        return Tracker(self, ProcessAttr(attribute), Domain(domain))

    # -- save --

    def save(self, path: Optional[str] = None, *, overwrite: bool = False,
             omit_name: bool = False, omit_output: bool = False) -> None:
        """Saves this session (see :func:`save_sessions`)."""
        save_sessions(self.name, path, overwrite=overwrite, omit_name=omit_name,
                      omit_output=omit_output, library=self.library)


def _schedule_statuses(conflict: int) -> Dict[int, Tuple[str, int]]:
    table = dict(_ROTATION_STATUSES)
    name = ("LTTNG_ROTATION_STATUS_SCHEDULE_ALREADY_SET"
            if conflict == ErrorCode.ROTATION_SCHEDULE_SET
            else "LTTNG_ROTATION_STATUS_SCHEDULE_NOT_SET")
    table[-3] = (name, conflict)
    table[1] = ("LTTNG_ROTATION_STATUS_UNAVAILABLE", ErrorCode.ROTATION_NOT_AVAILABLE)
    return table


def _timeout_class() -> type:
    from .errors import WaitTimeoutError
    return WaitTimeoutError


def list_tracepoints(domain: Domain = Domain.UST,
                     library: Optional[Lib] = None) -> List[Tracepoint]:
    """``lttng_list_tracepoints``: the tracepoints of the registered applications (user
    space, agents) or of the kernel."""
    lib = _native.resolve(library)
    dom = _native.Domain(type=int(domain), buf_type=int(_DEFAULT_BUFFERS.get(
        Domain(domain), BufferType.PER_UID)))
    handle = lib.fn("lttng_create_handle")(None, ctypes.byref(dom))
    try:
        array = ctypes.POINTER(_native.Event)()
        count = lib.call("lttng_list_tracepoints", handle, ctypes.byref(array))
        try:
            return [Tracepoint(array[i].name.decode(), EventType(array[i].type),
                               int(array[i].loglevel), int(array[i].pid), Domain(domain))
                    for i in range(count)]
        finally:
            if array:
                _native.free(array)
    finally:
        lib.fn("lttng_destroy_handle")(handle)


def list_tracepoint_fields(domain: Domain = Domain.UST,
                           library: Optional[Lib] = None) -> List[TracepointField]:
    """``lttng_list_tracepoint_fields``."""
    lib = _native.resolve(library)
    dom = _native.Domain(type=int(domain), buf_type=int(BufferType.PER_UID))
    handle = lib.fn("lttng_create_handle")(None, ctypes.byref(dom))
    try:
        array = ctypes.POINTER(_native.EventField)()
        count = lib.call("lttng_list_tracepoint_fields", handle, ctypes.byref(array))
        try:
            return [TracepointField(array[i].event.name.decode(),
                                    array[i].field_name.decode(), int(array[i].type),
                                    bool(array[i].nowrite), int(array[i].event.pid))
                    for i in range(count)]
        finally:
            if array:
                _native.free(array)
    finally:
        lib.fn("lttng_destroy_handle")(handle)


def list_syscalls(library: Optional[Lib] = None) -> List[Tracepoint]:
    """``lttng_list_syscalls`` (the kernel tracer's)."""
    lib = _native.resolve(library)
    array = ctypes.POINTER(_native.Event)()
    count = lib.call("lttng_list_syscalls", ctypes.byref(array))
    try:
        return [Tracepoint(array[i].name.decode(), EventType(array[i].type),
                           int(array[i].loglevel), int(array[i].pid), Domain.KERNEL)
                for i in range(count)]
    finally:
        if array:
            _native.free(array)

