"""Health of the LTTng daemons (``lttng_health_*``): the session daemon, its consumer
daemons, a relay daemon."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from typing import List, Optional, Tuple

from . import _native
from .enums import ConsumerDaemon
from .errors import HealthError

__all__ = ["HealthThread", "HealthReport", "sessiond_health", "consumerd_health",
           "relayd_health"]

Lib = _native.NativeLibrary


@dataclass(frozen=True)
class HealthThread:
    """One thread of a daemon: ``name`` (None for a thread the library has no name for)
    and whether it is in good health."""

    name: Optional[str]
    ok: bool


@dataclass(frozen=True)
class HealthReport:
    """A daemon's answer to a health check: ``ok`` when every thread is well."""

    component: str
    ok: bool
    threads: Tuple[HealthThread, ...]

    @property
    def bad_threads(self) -> List[HealthThread]:
        """The threads in bad health."""
        return [t for t in self.threads if not t.ok]


def _query(lib: Lib, ptr: Optional[int], component: str, create: str) -> HealthReport:
    if not ptr:
        raise HealthError(errno.EINVAL, f"{create}: the library refused the request "
                                        f"({component})")
    with _native.Owned(lib, ptr, "lttng_health_destroy") as h:
        ret = lib.fn("lttng_health_query")(h.ptr)
        if ret == -1:
            raise HealthError(f"lttng_health_query: {component} did not answer (is it running, "
                              f"and is its health socket reachable?)")
        if ret < 0:
            raise HealthError(-ret, f"lttng_health_query: {os.strerror(-ret)} ({component})")
        ok = lib.fn("lttng_health_state")(h.ptr) == 0
        count = lib.fn("lttng_health_get_nr_threads")(h.ptr)
        threads = []
        for i in range(max(count, 0)):
            t = lib.fn("lttng_health_get_thread")(h.ptr, i)
            threads.append(HealthThread(_native.text(lib.fn("lttng_health_thread_name")(t)),
                                        lib.fn("lttng_health_thread_state")(t) == 0))
        return HealthReport(component, ok, tuple(threads))


def sessiond_health(library: Optional[Lib] = None) -> HealthReport:
    """Checks the session daemon (the root daemon's health socket, then the user's under
    ``$LTTNG_HOME``). Raises :class:`HealthError` when it does not answer."""
    lib = _native.resolve(library)
    return _query(lib, lib.fn("lttng_health_create_sessiond")(), "lttng-sessiond",
                  "lttng_health_create_sessiond")


def consumerd_health(kind: ConsumerDaemon = ConsumerDaemon.UST_64,
                     library: Optional[Lib] = None) -> HealthReport:
    """Checks a consumer daemon of the session daemon (it exists once tracing needs it)."""
    lib = _native.resolve(library)
    return _query(lib, lib.fn("lttng_health_create_consumerd")(int(kind)),
                  f"consumer daemon {ConsumerDaemon(kind).name}", "lttng_health_create_consumerd")


def relayd_health(path: str, library: Optional[Lib] = None) -> HealthReport:
    """Checks the relay daemon whose health socket is ``path``
    (``<its LTTNG_HOME>/.lttng/relayd/health-<pid>``)."""
    lib = _native.resolve(library)
    return _query(lib, lib.fn("lttng_health_create_relayd")(os.fsencode(path)),
                  "lttng-relayd", "lttng_health_create_relayd")
