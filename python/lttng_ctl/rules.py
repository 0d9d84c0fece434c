"""Values shared by event rules of sessions and of triggers: log level rules and probe
locations (kernel and user space).

They are plain Python values (frozen dataclasses); the library objects are built from them
when a call needs one, and read back into them (``_to_c`` / ``_from_c``).
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import Any, Optional, Union

from . import _native
from .errors import ErrorCode

__all__ = [
    "LogLevelRule", "KernelProbeLocation", "KernelProbeAddress", "KernelProbeSymbol",
    "UserspaceProbeLocation", "UserspaceProbeFunction", "UserspaceProbeTracepoint",
]

Lib = _native.NativeLibrary
LOG_LEVEL_RULE_STATUSES = _native.statuses("LTTNG_LOG_LEVEL_RULE_STATUS", ERROR=-1, INVALID=-3)
KERNEL_PROBE_STATUSES = _native.statuses("LTTNG_KERNEL_PROBE_LOCATION_STATUS", INVALID=-1)


def new(lib: Lib, create: str, destroy: str, *args: object) -> _native.Owned:
    """Calls the constructor ``create``; NULL raises :class:`InvalidArgumentError`."""
    ptr = lib.fn(create)(*args)
    if not ptr:
        raise lib.error(ErrorCode.INVALID, create)
    return _native.Owned(lib, ptr, destroy)


def get_string(lib: Lib, getter: str, ptr: Optional[int],
               statuses: Optional[_native.StatusTable] = None) -> Optional[str]:
    """A ``const char **`` getter returning a status; UNSET (or NULL) gives None."""
    value = ctypes.c_char_p()
    status = lib.fn(getter)(ptr, ctypes.byref(value))
    if status == 0:
        return _native.text(value.value)
    if status in (-4, 1):  # ..._STATUS_UNSET (1 for the session descriptor)
        return None
    raise lib.status_error(getter, status, statuses or _native.GENERIC_STATUSES)


def get_number(lib: Lib, getter: str, ptr: Optional[int], ctype: Any,
               statuses: Optional[_native.StatusTable] = None) -> int:
    """An integer out-parameter getter returning a status."""
    value = ctype()
    status = lib.fn(getter)(ptr, ctypes.byref(value))
    if status != 0:
        raise lib.status_error(getter, status, statuses or _native.GENERIC_STATUSES)
    return int(value.value)


@dataclass(frozen=True)
class LogLevelRule:
    """``struct lttng_log_level_rule``: events of ``level`` exactly, or at least as severe as
    ``level`` (``at_least=True``). Levels are the domain's: :class:`LogLevel` (user space),
    :class:`JulLogLevel`, :class:`Log4jLogLevel`, :class:`PythonLogLevel`."""

    level: int
    at_least: bool = False

    @classmethod
    def exactly(cls, level: int) -> "LogLevelRule":
        """Events of this level only."""
        return cls(int(level), False)

    @classmethod
    def at_least_as_severe_as(cls, level: int) -> "LogLevelRule":
        """Events of this level or a more severe one."""
        return cls(int(level), True)

    def _to_c(self, lib: Lib) -> _native.Owned:
        create = ("lttng_log_level_rule_at_least_as_severe_as_create" if self.at_least
                  else "lttng_log_level_rule_exactly_create")
        return new(lib, create, "lttng_log_level_rule_destroy", int(self.level))

    @classmethod
    def _from_c(cls, lib: Lib, ptr: int) -> "LogLevelRule":
        kind = lib.fn("lttng_log_level_rule_get_type")(ptr)
        at_least = kind == 1
        getter = ("lttng_log_level_rule_at_least_as_severe_as_get_level" if at_least
                  else "lttng_log_level_rule_exactly_get_level")
        return cls(get_number(lib, getter, ptr, ctypes.c_int, LOG_LEVEL_RULE_STATUSES), at_least)


class KernelProbeLocation:
    """Where a kernel probe is placed: :class:`KernelProbeAddress` or
    :class:`KernelProbeSymbol`."""

    def _to_c(self, lib: Lib) -> _native.Owned:
        raise NotImplementedError

    @staticmethod
    def _from_c(lib: Lib, ptr: int) -> "KernelProbeLocation":
        kind = lib.fn("lttng_kernel_probe_location_get_type")(ptr)
        if kind == 1:
            return KernelProbeAddress(get_number(
                lib, "lttng_kernel_probe_location_address_get_address", ptr, ctypes.c_uint64,
                KERNEL_PROBE_STATUSES))
        name = _native.text(lib.fn("lttng_kernel_probe_location_symbol_get_name")(ptr)) or ""
        offset = get_number(lib, "lttng_kernel_probe_location_symbol_get_offset", ptr,
                            ctypes.c_uint64, KERNEL_PROBE_STATUSES)
        return KernelProbeSymbol(name, offset)


@dataclass(frozen=True)
class KernelProbeAddress(KernelProbeLocation):
    """A kernel address."""

    address: int

    def _to_c(self, lib: Lib) -> _native.Owned:
        return new(lib, "lttng_kernel_probe_location_address_create",
                   "lttng_kernel_probe_location_destroy", int(self.address))


@dataclass(frozen=True)
class KernelProbeSymbol(KernelProbeLocation):
    """A kernel symbol plus an offset."""

    name: str
    offset: int = 0

    def _to_c(self, lib: Lib) -> _native.Owned:
        return new(lib, "lttng_kernel_probe_location_symbol_create",
                   "lttng_kernel_probe_location_destroy", self.name.encode(), int(self.offset))


class UserspaceProbeLocation:
    """Where a user-space probe is placed: :class:`UserspaceProbeFunction` (an ELF
    function) or :class:`UserspaceProbeTracepoint` (an SDT probe). The library opens the
    binary when the location is built: it must exist."""

    def _to_c(self, lib: Lib) -> _native.Owned:
        raise NotImplementedError

    @staticmethod
    def _from_c(lib: Lib, ptr: int) -> "UserspaceProbeLocation":
        kind = lib.fn("lttng_userspace_probe_location_get_type")(ptr)
        if kind == 1:
            return UserspaceProbeTracepoint(
                _native.text(lib.fn(
                    "lttng_userspace_probe_location_tracepoint_get_binary_path")(ptr)) or "",
                _native.text(lib.fn(
                    "lttng_userspace_probe_location_tracepoint_get_provider_name")(ptr)) or "",
                _native.text(lib.fn(
                    "lttng_userspace_probe_location_tracepoint_get_probe_name")(ptr)) or "")
        return UserspaceProbeFunction(
            _native.text(lib.fn(
                "lttng_userspace_probe_location_function_get_binary_path")(ptr)) or "",
            _native.text(lib.fn(
                "lttng_userspace_probe_location_function_get_function_name")(ptr)) or "")


def _with_lookup(lib: Lib, method: str, create: str, *args: object) -> _native.Owned:
    lookup = new(lib, method, "lttng_userspace_probe_location_lookup_method_destroy")
    loc = new(lib, create, "lttng_userspace_probe_location_destroy", *args, lookup.ptr)
    lookup.release()  # the location owns it now
    return loc


@dataclass(frozen=True)
class UserspaceProbeFunction(UserspaceProbeLocation):
    """The entry of ``function`` in the ELF binary ``binary_path``."""

    binary_path: str
    function: str

    def _to_c(self, lib: Lib) -> _native.Owned:
        return _with_lookup(lib, "lttng_userspace_probe_location_lookup_method_function_elf_create",
                            "lttng_userspace_probe_location_function_create",
                            self.binary_path.encode(), self.function.encode())


@dataclass(frozen=True)
class UserspaceProbeTracepoint(UserspaceProbeLocation):
    """The SDT probe ``provider:probe`` of the binary ``binary_path``."""

    binary_path: str
    provider: str
    probe: str

    def _to_c(self, lib: Lib) -> _native.Owned:
        return _with_lookup(
            lib, "lttng_userspace_probe_location_lookup_method_tracepoint_sdt_create",
            # The header names the second argument probe_name, the third provider_name;
            # upstream's implementation (and its CLI) take the provider second.
            "lttng_userspace_probe_location_tracepoint_create", self.binary_path.encode(),
            self.provider.encode(), self.probe.encode())


AnyProbe = Union[KernelProbeLocation, UserspaceProbeLocation]
