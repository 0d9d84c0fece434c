"""Process attribute trackers (``lttng_process_attr_tracker_handle``)."""

from __future__ import annotations

import ctypes
from typing import TYPE_CHECKING, Any, Dict, List, Tuple, Union

from . import _native
from .enums import Domain, ProcessAttr, TrackingPolicy
from .errors import ErrorCode

if TYPE_CHECKING:
    from .session import Session

__all__ = ["Tracker"]

_HANDLE_STATUSES = {
    -7: ("LTTNG_PROCESS_ATTR_TRACKER_HANDLE_STATUS_GROUP_NOT_FOUND", ErrorCode.GROUP_NOT_FOUND),
    -6: ("LTTNG_PROCESS_ATTR_TRACKER_HANDLE_STATUS_USER_NOT_FOUND", ErrorCode.USER_NOT_FOUND),
    -5: ("LTTNG_PROCESS_ATTR_TRACKER_HANDLE_STATUS_INVALID_TRACKING_POLICY",
         ErrorCode.PROCESS_ATTR_TRACKER_INVALID_TRACKING_POLICY),
    -4: ("LTTNG_PROCESS_ATTR_TRACKER_HANDLE_STATUS_SESSION_DOES_NOT_EXIST",
         ErrorCode.SESS_NOT_FOUND),
    -3: ("LTTNG_PROCESS_ATTR_TRACKER_HANDLE_STATUS_ERROR", ErrorCode.UNK),
    -2: ("LTTNG_PROCESS_ATTR_TRACKER_HANDLE_STATUS_COMMUNICATION_ERROR", ErrorCode.UNK),
    -1: ("LTTNG_PROCESS_ATTR_TRACKER_HANDLE_STATUS_INVALID", ErrorCode.INVALID),
    1: ("LTTNG_PROCESS_ATTR_TRACKER_HANDLE_STATUS_EXISTS", ErrorCode.PROCESS_ATTR_EXISTS),
    2: ("LTTNG_PROCESS_ATTR_TRACKER_HANDLE_STATUS_MISSING", ErrorCode.PROCESS_ATTR_MISSING),
}
_VALUES_STATUSES = {
    -2: ("LTTNG_PROCESS_ATTR_VALUES_STATUS_INVALID_TYPE", ErrorCode.INVALID),
    -1: ("LTTNG_PROCESS_ATTR_VALUES_STATUS_INVALID", ErrorCode.INVALID),
}

# (attribute) -> (function prefix, integer suffix, name suffix or None)
_FUNCTIONS = {
    ProcessAttr.PROCESS_ID: ("process_id", "pid", None),
    ProcessAttr.VIRTUAL_PROCESS_ID: ("virtual_process_id", "pid", None),
    ProcessAttr.USER_ID: ("user_id", "uid", "user_name"),
    ProcessAttr.VIRTUAL_USER_ID: ("virtual_user_id", "uid", "user_name"),
    ProcessAttr.GROUP_ID: ("group_id", "gid", "group_name"),
    ProcessAttr.VIRTUAL_GROUP_ID: ("virtual_group_id", "gid", "group_name"),
}

TrackedValue = Union[int, str]

_VALUE_GETTERS: Dict[int, Tuple[str, Any]] = {
    0: ("pid", ctypes.c_int), 1: ("uid", ctypes.c_uint), 2: ("user_name", ctypes.c_char_p),
    3: ("gid", ctypes.c_uint), 4: ("group_name", ctypes.c_char_p)}


class Tracker:
    """The tracker of one process attribute of a session's domain: its
    :attr:`policy` (:class:`TrackingPolicy`) and, for ``INCLUDE_SET``, the values it
    includes. Values are ids (``int``) or, for user and group attributes, names (``str``).

    ``track`` and ``untrack`` raise :class:`TrackerValueExistsError` and
    :class:`TrackerValueMissingError`; an unknown user or group name raises
    :class:`LttngError` ``USER_NOT_FOUND`` / ``GROUP_NOT_FOUND`` (from the daemon).
    """

    def __init__(self, session: "Session", attribute: ProcessAttr, domain: Domain):
        self.session = session
        self.attribute = attribute
        self.domain = domain
        lib = session.library
        self._lib = lib
        handle = ctypes.c_void_p()
        lib.call_code("lttng_session_get_tracker_handle", session.name.encode(), int(domain),
                      int(attribute), ctypes.byref(handle))
        self._handle = _native.Owned(lib, handle.value,
                                     "lttng_process_attr_tracker_handle_destroy")

    def __repr__(self) -> str:
        return f"<lttng_ctl.Tracker {self.session.name} {self.domain.name} {self.attribute.name}>"

    def close(self) -> None:
        """Releases the tracker handle."""
        self._handle.close()

    def __enter__(self) -> "Tracker":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _ptr(self) -> int:
        if not self._handle.ptr:
            raise ValueError("the tracker is closed")
        return self._handle.ptr

    @property
    def policy(self) -> TrackingPolicy:
        """The tracking policy (settable)."""
        value = ctypes.c_int()
        self._lib.call_status("lttng_process_attr_tracker_handle_get_tracking_policy",
                              self._ptr(), ctypes.byref(value), statuses=_HANDLE_STATUSES)
        return TrackingPolicy(value.value)

    @policy.setter
    def policy(self, policy: TrackingPolicy) -> None:
        self._lib.call_status("lttng_process_attr_tracker_handle_set_tracking_policy",
                              self._ptr(), int(policy), statuses=_HANDLE_STATUSES)

    def _change(self, verb: str, value: TrackedValue) -> None:
        prefix, int_suffix, name_suffix = _FUNCTIONS[self.attribute]
        if isinstance(value, str):
            if name_suffix is None:
                raise TypeError(f"{self.attribute.name} tracks numbers, not names")
            name = f"lttng_process_attr_{prefix}_tracker_handle_{verb}_{name_suffix}"
            arg: object = value.encode()
        elif isinstance(value, int) and not isinstance(value, bool):
            name = f"lttng_process_attr_{prefix}_tracker_handle_{verb}_{int_suffix}"
            arg = int(value)
        else:
            raise TypeError(f"a tracked value is an int or a str, not {type(value).__name__}")
        self._lib.call_status(name, self._ptr(), arg, statuses=_HANDLE_STATUSES)

    def track(self, value: TrackedValue) -> None:
        """Adds ``value`` to the inclusion set (the policy must be ``INCLUDE_SET``)."""
        self._change("add", value)

    def untrack(self, value: TrackedValue) -> None:
        """Removes ``value`` from the inclusion set."""
        self._change("remove", value)

    @property
    def values(self) -> List[TrackedValue]:
        """The inclusion set (``lttng_process_attr_tracker_handle_get_inclusion_set``);
        :class:`LttngError` with ``..._INVALID_TRACKING_POLICY`` unless the policy is
        ``INCLUDE_SET``."""
        lib = self._lib
        values = ctypes.c_void_p()
        lib.call_status("lttng_process_attr_tracker_handle_get_inclusion_set", self._ptr(),
                        ctypes.byref(values), statuses=_HANDLE_STATUSES)
        count = ctypes.c_uint()
        lib.call_status("lttng_process_attr_values_get_count", values, ctypes.byref(count),
                        statuses=_VALUES_STATUSES)
        result: List[TrackedValue] = []
        for i in range(count.value):
            kind = lib.fn("lttng_process_attr_values_get_type_at_index")(values, i)
            getter, ctype = _VALUE_GETTERS[kind]
            out: Any = ctype()
            lib.call_status(f"lttng_process_attr_values_get_{getter}_at_index", values, i,
                            ctypes.byref(out), statuses=_VALUES_STATUSES)
            raw = out.value
            result.append(raw.decode() if isinstance(raw, bytes) else int(raw))
        return result

    def __contains__(self, value: object) -> bool:
        return value in self.values
