"""The :class:`Library` object, and the process-wide default one."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, List, Optional

from . import _native
from .enums import ConsumerDaemon, Domain

if TYPE_CHECKING:
    from .health import HealthReport
    from .notification import NotificationChannel
    from .session import Session, SessionInfo, Tracepoint
    from .trigger import Trigger
    from .uri import Uri

__all__ = ["Library", "library", "set_library"]


class Library(_native.NativeLibrary):
    """A loaded liblttng-ctl, with the module's functions as methods bound to it.

    ``Library()`` loads what :func:`find_library` names (``$LTTNG_CTL_LIBRARY``, the
    package's own copy, then ``liblttng-ctl.so.0`` from the dynamic loader);
    ``Library(path)`` a given file. ``is_lttng_ctl`` says whether it is lttng-ctl's (the
    network-consumer calls work only then); ``version`` is ``lttng_rs_version()``.
    """

    # -- daemon --

    def set_tracing_group(self, name: str) -> None:
        """``lttng_set_tracing_group``: the group whose members use the root daemon."""
        self.call("lttng_set_tracing_group", name.encode())

    # -- sessions --

    def create_session(self, name: Optional[str] = None, output: Optional[str] = None,
                       **options: object) -> "Session":
        """:func:`lttng_ctl.create_session` on this library."""
        from .session import create_session
        return create_session(name, output, library=self, **options)  # type: ignore[arg-type]

    def session(self, name: str) -> "Session":
        """A :class:`Session` for an existing session (not destroyed by ``with``)."""
        from .session import Session
        return Session(name, self)

    def list_sessions(self) -> List["SessionInfo"]:
        """:func:`lttng_ctl.list_sessions` on this library."""
        from .session import list_sessions
        return list_sessions(self)

    def destroy_session(self, name: str) -> None:
        """``lttng_destroy_session``: stops the session, waits for its data, destroys it."""
        from .session import destroy_session
        destroy_session(name, self)

    def save_sessions(self, name: Optional[str] = None, path: Optional[str] = None,
                      **options: bool) -> None:
        """:func:`lttng_ctl.save_sessions` on this library."""
        from .session import save_sessions
        save_sessions(name, path, library=self, **options)

    def load_sessions(self, name: Optional[str] = None, path: Optional[str] = None,
                      **options: object) -> None:
        """:func:`lttng_ctl.load_sessions` on this library."""
        from .session import load_sessions
        load_sessions(name, path, library=self, **options)  # type: ignore[arg-type]

    def list_tracepoints(self, domain: Domain = Domain.UST) -> List["Tracepoint"]:
        """:func:`lttng_ctl.list_tracepoints` on this library."""
        from .session import list_tracepoints
        return list_tracepoints(domain, self)

    # -- network-consumer design --

    def parse_uri(self, text: str) -> List["Uri"]:
        """:func:`lttng_ctl.parse_uri` (``lttng_uri_parse``) on this library."""
        from .uri import parse_uri
        return parse_uri(text, self)

    # -- triggers and notifications --

    def register_trigger(self, trigger: "Trigger", name: Optional[str] = None) -> "Trigger":
        """:func:`lttng_ctl.register_trigger` on this library."""
        from .trigger import register_trigger
        return register_trigger(trigger, name, self)

    def list_triggers(self) -> List["Trigger"]:
        """:func:`lttng_ctl.list_triggers` on this library."""
        from .trigger import list_triggers
        return list_triggers(self)

    def unregister_trigger(self, trigger: "Trigger | str") -> None:
        """:func:`lttng_ctl.unregister_trigger` on this library."""
        from .trigger import unregister_trigger
        unregister_trigger(trigger, self)

    def notification_channel(self, timeout: Optional[float] = None) -> "NotificationChannel":
        """A :class:`NotificationChannel` on this library."""
        from .notification import NotificationChannel
        return NotificationChannel(self, timeout=timeout)

    # -- health --

    def sessiond_health(self) -> "HealthReport":
        """:func:`lttng_ctl.sessiond_health` on this library."""
        from .health import sessiond_health
        return sessiond_health(self)

    def consumerd_health(self, kind: ConsumerDaemon = ConsumerDaemon.UST_64) -> "HealthReport":
        """:func:`lttng_ctl.consumerd_health` on this library."""
        from .health import consumerd_health
        return consumerd_health(kind, self)

    def relayd_health(self, path: str) -> "HealthReport":
        """:func:`lttng_ctl.relayd_health` on this library."""
        from .health import relayd_health
        return relayd_health(path, self)


_default: Optional[Library] = None
_default_lock = threading.Lock()


def library() -> Library:
    """The process-wide default :class:`Library`, loaded on first use (see
    :func:`find_library`). Every function and class of the package uses it unless given
    another."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Library()
    return _default


def set_library(lib: Optional[Library]) -> None:
    """Makes ``lib`` the default library (None: load it again on next use)."""
    global _default
    _default = lib
