"""Rotation: archive locations, rotation results and schedules."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import List, Optional

from . import _native
from .enums import RotationState
from .rules import get_number, get_string, new

__all__ = [
    "TraceArchiveLocation", "LocalArchive", "RelayArchive", "RotationResult",
    "RotationSchedule", "SizeThreshold", "Periodic",
]

Lib = _native.NativeLibrary
_LOCATION_STATUSES = _native.statuses("LTTNG_TRACE_ARCHIVE_LOCATION_STATUS", INVALID=-1,
                                      ERROR=-2)
_ROTATION_STATUSES = _native.statuses("LTTNG_ROTATION_STATUS", ERROR=-1, INVALID=-2)


class TraceArchiveLocation:
    """Where a trace chunk was archived: :class:`LocalArchive` or :class:`RelayArchive`."""


@dataclass(frozen=True)
class LocalArchive(TraceArchiveLocation):
    """A directory on this machine."""

    path: str


@dataclass(frozen=True)
class RelayArchive(TraceArchiveLocation):
    """A directory of a relay daemon: ``relative_path`` under its output."""

    host: str
    control_port: int
    data_port: int
    relative_path: str
    protocol: str = "tcp"


def archive_location_from_c(lib: Lib, ptr: Optional[int]) -> Optional[TraceArchiveLocation]:
    """A ``struct lttng_trace_archive_location`` as a Python value (None for NULL)."""
    if not ptr:
        return None
    kind = lib.fn("lttng_trace_archive_location_get_type")(ptr)
    if kind == 1:
        return LocalArchive(get_string(
            lib, "lttng_trace_archive_location_local_get_absolute_path", ptr,
            _LOCATION_STATUSES) or "")
    if kind == 2:
        return RelayArchive(
            host=get_string(lib, "lttng_trace_archive_location_relay_get_host", ptr,
                            _LOCATION_STATUSES) or "",
            control_port=get_number(lib, "lttng_trace_archive_location_relay_get_control_port",
                                    ptr, ctypes.c_uint16, _LOCATION_STATUSES),
            data_port=get_number(lib, "lttng_trace_archive_location_relay_get_data_port",
                                 ptr, ctypes.c_uint16, _LOCATION_STATUSES),
            relative_path=get_string(
                lib, "lttng_trace_archive_location_relay_get_relative_path", ptr,
                _LOCATION_STATUSES) or "")
    return None


@dataclass(frozen=True)
class RotationResult:
    """The end of a rotation: its :class:`RotationState` and, when completed, where the
    chunk was archived."""

    state: RotationState
    location: Optional[TraceArchiveLocation]

    @classmethod
    def of(cls, state: int, location: Optional[TraceArchiveLocation]) -> "RotationResult":
        return cls(RotationState(state), location)


class RotationSchedule:
    """An automatic rotation: :class:`SizeThreshold` or :class:`Periodic`."""

    def _to_c(self, lib: Lib) -> _native.Owned:
        raise NotImplementedError


@dataclass(frozen=True)
class SizeThreshold(RotationSchedule):
    """Rotate each time the session has written ``bytes`` more."""

    bytes: int

    def _to_c(self, lib: Lib) -> _native.Owned:
        s = new(lib, "lttng_rotation_schedule_size_threshold_create",
                "lttng_rotation_schedule_destroy")
        lib.call_status("lttng_rotation_schedule_size_threshold_set_threshold", s.ptr,
                        int(self.bytes), statuses=_ROTATION_STATUSES)
        return s


@dataclass(frozen=True)
class Periodic(RotationSchedule):
    """Rotate every ``period_us`` microseconds."""

    period_us: int

    def _to_c(self, lib: Lib) -> _native.Owned:
        s = new(lib, "lttng_rotation_schedule_periodic_create", "lttng_rotation_schedule_destroy")
        lib.call_status("lttng_rotation_schedule_periodic_set_period", s.ptr,
                        int(self.period_us), statuses=_ROTATION_STATUSES)
        return s


def rotation_schedule_from_c(lib: Lib, ptr: int) -> RotationSchedule:
    kind = lib.fn("lttng_rotation_schedule_get_type")(ptr)
    if kind == 0:
        return SizeThreshold(get_number(
            lib, "lttng_rotation_schedule_size_threshold_get_threshold", ptr, ctypes.c_uint64,
            _ROTATION_STATUSES))
    return Periodic(get_number(lib, "lttng_rotation_schedule_periodic_get_period", ptr,
                               ctypes.c_uint64, _ROTATION_STATUSES))


def rotation_schedules_from_c(lib: Lib, ptr: Optional[int]) -> List[RotationSchedule]:
    if not ptr:
        return []
    count = ctypes.c_uint()
    lib.call_status("lttng_rotation_schedules_get_count", ptr, ctypes.byref(count),
                    statuses=_ROTATION_STATUSES)
    return [rotation_schedule_from_c(lib, lib.fn("lttng_rotation_schedules_get_at_index")(ptr, i))
            for i in range(count.value)]
