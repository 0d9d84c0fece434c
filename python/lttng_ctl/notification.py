"""Notifications: a channel to the session daemon's notification thread, subscribed to
conditions, that yields :class:`Notification` objects.

The 2.13 C API has no timeout: ``lttng_notification_channel_get_next_notification``
blocks until a notification arrives. This module waits with
``lttng_notification_channel_has_pending_notification``, which does not block while no
message has started to arrive, and sleeps between polls (1 ms, doubling up to 50 ms): a
notification is seen at most 50 ms after it arrives, a timeout is honoured to that
precision, and Ctrl-C interrupts the wait. (A helper thread blocked in
``get_next_notification`` could not be cancelled, and would hold the channel's lock
against ``subscribe``.) A channel is used by one thread at a time.

::

    with NotificationChannel() as channel:
        channel.subscribe(BufferUsageHigh("s", "chan", threshold_ratio=0.75))
        for n in channel.notifications(timeout=10):     # ends after 10 s without any
            print(n.evaluation.usage_ratio)
"""

from __future__ import annotations

import ctypes
import time
from dataclasses import dataclass, field
from typing import Any, Iterator, List, Optional, Tuple

from . import _native
from .enums import ConditionType
from .errors import ChannelClosedError, ErrorCode
from .rotation import TraceArchiveLocation, archive_location_from_c
from .rules import get_number
from .trigger import Condition, Trigger

__all__ = [
    "NotificationChannel", "Notification", "Evaluation", "BufferUsageEvaluation",
    "SessionConsumedSizeEvaluation", "SessionRotationEvaluation",
    "EventRuleMatchesEvaluation", "field_value",
]

Lib = _native.NativeLibrary

CHANNEL_STATUSES = {
    -1: ("LTTNG_NOTIFICATION_CHANNEL_STATUS_ERROR", ErrorCode.UNK),
    -2: ("LTTNG_NOTIFICATION_CHANNEL_STATUS_CLOSED", ErrorCode.NO_SESSIOND),
    -3: ("LTTNG_NOTIFICATION_CHANNEL_STATUS_ALREADY_SUBSCRIBED", ErrorCode.INVALID),
    -4: ("LTTNG_NOTIFICATION_CHANNEL_STATUS_UNKNOWN_CONDITION", ErrorCode.INVALID),
    -5: ("LTTNG_NOTIFICATION_CHANNEL_STATUS_INVALID", ErrorCode.INVALID),
    -6: ("LTTNG_NOTIFICATION_CHANNEL_STATUS_UNSUPPORTED_VERSION", ErrorCode.NOT_SUPPORTED),
}
EVALUATION_STATUSES = _native.statuses(
    "LTTNG_EVALUATION_STATUS", ERROR=-1, INVALID=-2, UNKNOWN=-3, UNSET=-4)
FIELD_VALUE_STATUSES = {
    -2: ("LTTNG_EVENT_FIELD_VALUE_STATUS_UNAVAILABLE", ErrorCode.INVALID),
    -1: ("LTTNG_EVENT_FIELD_VALUE_STATUS_INVALID", ErrorCode.INVALID),
}
_OK, _DROPPED, _INTERRUPTED = 0, 1, 2
_MAX_PAUSE = 0.05


# --- Captured field values -------------------------------------------------------------------

def field_value(lib: Lib, ptr: Optional[int]) -> Any:
    """A ``struct lttng_event_field_value`` as a Python value: ``int`` (integers and
    enumerations), ``float``, ``str``, ``list`` (arrays, recursively), None (unavailable)."""
    if not ptr:
        return None
    kind = lib.fn("lttng_event_field_value_get_type")(ptr)
    if kind in (0, 2):  # UNSIGNED_INT, UNSIGNED_ENUM
        return get_number(lib, "lttng_event_field_value_unsigned_int_get_value", ptr,
                          ctypes.c_uint64, FIELD_VALUE_STATUSES)
    if kind in (1, 3):  # SIGNED_INT, SIGNED_ENUM
        return get_number(lib, "lttng_event_field_value_signed_int_get_value", ptr,
                          ctypes.c_int64, FIELD_VALUE_STATUSES)
    if kind == 4:
        value = ctypes.c_double()
        lib.call_status("lttng_event_field_value_real_get_value", ptr, ctypes.byref(value),
                        statuses=FIELD_VALUE_STATUSES)
        return float(value.value)
    if kind == 5:
        text = ctypes.c_char_p()
        lib.call_status("lttng_event_field_value_string_get_value", ptr, ctypes.byref(text),
                        statuses=FIELD_VALUE_STATUSES)
        return (text.value or b"").decode("utf-8", "replace")
    if kind == 6:
        return _array(lib, ptr)
    raise lib.error(ErrorCode.INVALID, "lttng_event_field_value_get_type",
                    f"LTTNG_EVENT_FIELD_VALUE_TYPE {kind}")


def _array(lib: Lib, ptr: int) -> List[Any]:
    length = get_number(lib, "lttng_event_field_value_array_get_length", ptr, ctypes.c_uint,
                        FIELD_VALUE_STATUSES)
    at = lib.fn("lttng_event_field_value_array_get_element_at_index")
    values: List[Any] = []
    for i in range(length):
        elem = ctypes.c_void_p()
        status = at(ptr, i, ctypes.byref(elem))
        if status == -2:  # UNAVAILABLE: the capture could not be evaluated
            values.append(None)
        elif status != 0:
            raise lib.status_error("lttng_event_field_value_array_get_element_at_index",
                                   status, FIELD_VALUE_STATUSES)
        else:
            values.append(field_value(lib, elem.value))
    return values


# --- Evaluations -----------------------------------------------------------------------------

class Evaluation:
    """Why a notification was sent: the state that made its condition true."""

    type: ConditionType

    @staticmethod
    def _from_c(lib: Lib, ptr: Optional[int]) -> Optional["Evaluation"]:
        if not ptr:
            return None
        kind = ConditionType(lib.fn("lttng_evaluation_get_type")(ptr))
        if kind in (ConditionType.BUFFER_USAGE_HIGH, ConditionType.BUFFER_USAGE_LOW):
            ratio = ctypes.c_double()
            lib.call_status("lttng_evaluation_buffer_usage_get_usage_ratio", ptr,
                            ctypes.byref(ratio), statuses=EVALUATION_STATUSES)
            return BufferUsageEvaluation(kind, float(ratio.value), get_number(
                lib, "lttng_evaluation_buffer_usage_get_usage", ptr, ctypes.c_uint64,
                EVALUATION_STATUSES))
        if kind == ConditionType.SESSION_CONSUMED_SIZE:
            return SessionConsumedSizeEvaluation(kind, get_number(
                lib, "lttng_evaluation_session_consumed_size_get_consumed_size", ptr,
                ctypes.c_uint64, EVALUATION_STATUSES))
        if kind in (ConditionType.SESSION_ROTATION_ONGOING,
                    ConditionType.SESSION_ROTATION_COMPLETED):
            rid = get_number(lib, "lttng_evaluation_session_rotation_get_id", ptr,
                             ctypes.c_uint64, EVALUATION_STATUSES)
            location = None
            if kind == ConditionType.SESSION_ROTATION_COMPLETED:
                loc = ctypes.c_void_p()
                if lib.fn("lttng_evaluation_session_rotation_completed_get_location")(
                        ptr, ctypes.byref(loc)) == 0:
                    location = archive_location_from_c(lib, loc.value)
            return SessionRotationEvaluation(kind, rid, location)
        if kind == ConditionType.EVENT_RULE_MATCHES:
            values = ctypes.c_void_p()
            status = lib.fn("lttng_evaluation_event_rule_matches_get_captured_values")(
                ptr, ctypes.byref(values))
            if status == 1:  # NONE: the condition captures nothing
                return EventRuleMatchesEvaluation(kind, None)
            if status != 0:
                raise lib.status_error(
                    "lttng_evaluation_event_rule_matches_get_captured_values", status,
                    {-1: ("LTTNG_EVALUATION_EVENT_RULE_MATCHES_STATUS_INVALID",
                          ErrorCode.INVALID)})
            if not values.value:
                return EventRuleMatchesEvaluation(kind, ())
            return EventRuleMatchesEvaluation(kind, tuple(_array(lib, values.value)))
        return None


@dataclass(frozen=True)
class BufferUsageEvaluation(Evaluation):
    """A channel's buffer usage: ``usage_ratio`` (0.0 to 1.0) and ``usage_bytes``."""

    type: ConditionType
    usage_ratio: float
    usage_bytes: int


@dataclass(frozen=True)
class SessionConsumedSizeEvaluation(Evaluation):
    """The bytes the session has consumed."""

    type: ConditionType
    consumed_bytes: int


@dataclass(frozen=True)
class SessionRotationEvaluation(Evaluation):
    """A rotation (``id``) started or completed; ``location`` says where a completed one
    archived its chunk."""

    type: ConditionType
    id: int
    location: Optional[TraceArchiveLocation] = None


@dataclass(frozen=True)
class EventRuleMatchesEvaluation(Evaluation):
    """An event matched: ``captures`` holds the values of the condition's capture
    expressions, in order (None for the ones that were unavailable), or is None when the
    condition captures nothing."""

    type: ConditionType
    captures: Optional[Tuple[Any, ...]]


# --- Notifications ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Notification:
    """A notification: the :class:`Condition` that became true, its :class:`Evaluation`,
    and the :class:`Trigger` that sent it."""

    condition: Optional[Condition]
    evaluation: Optional[Evaluation]
    trigger: Optional[Trigger] = field(default=None)

    @property
    def captures(self) -> Optional[Tuple[Any, ...]]:
        """The captured field values of an event-rule-matches notification (else None)."""
        ev = self.evaluation
        return ev.captures if isinstance(ev, EventRuleMatchesEvaluation) else None

    @property
    def trigger_name(self) -> Optional[str]:
        """The name of the trigger that sent it."""
        return self.trigger.name if self.trigger is not None else None

    @classmethod
    def _from_c(cls, lib: Lib, ptr: int) -> "Notification":
        cond = lib.fn("lttng_notification_get_condition")(ptr)
        ev = lib.fn("lttng_notification_get_evaluation")(ptr)
        trig = lib.fn("lttng_notification_get_trigger")(ptr)
        return cls(Condition._from_c(lib, cond) if cond else None,
                   Evaluation._from_c(lib, ev),
                   Trigger._from_c(lib, trig) if trig else None)


class NotificationChannel:
    """A notification channel (``lttng_notification_channel_create`` on the session
    daemon's notification endpoint).

    :meth:`subscribe` to conditions, then iterate: ``for n in channel`` waits for
    notifications for ever, or until ``timeout`` seconds pass without one when the channel
    was made with a ``timeout``; :meth:`notifications` takes the timeout (and a ``count``)
    per iteration; :meth:`receive` waits for one. ``dropped`` counts the notifications the
    daemon reported as dropped (the client was too slow). Close it (or use ``with``) to
    disconnect.
    """

    def __init__(self, library: Optional[Lib] = None, *, timeout: Optional[float] = None):
        lib = _native.resolve(library)
        self.library = lib
        self.timeout = timeout
        self.dropped = 0
        endpoint = lib.data_pointer("lttng_session_daemon_notification_endpoint")
        ptr = lib.fn("lttng_notification_channel_create")(endpoint)
        if not ptr:
            raise lib.error(ErrorCode.NO_SESSIOND, "lttng_notification_channel_create")
        self._channel = _native.Owned(lib, ptr, "lttng_notification_channel_destroy")

    def __repr__(self) -> str:
        state = "open" if self._channel.alive else "closed"
        return f"<lttng_ctl.NotificationChannel {state}>"

    def close(self) -> None:
        """Disconnects from the daemon."""
        self._channel.close()

    def __enter__(self) -> "NotificationChannel":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _ptr(self) -> int:
        if not self._channel.ptr:
            raise ValueError("the notification channel is closed")
        return self._channel.ptr

    def subscribe(self, condition: Condition) -> None:
        """Receive the notifications of triggers on ``condition`` (conditions compare by
        value). :class:`AlreadySubscribedError` when subscribed already."""
        lib = self.library
        with condition._to_c(lib) as c:
            lib.call_status("lttng_notification_channel_subscribe", self._ptr(), c.ptr,
                            statuses=CHANNEL_STATUSES)

    def unsubscribe(self, condition: Condition) -> None:
        """Stop receiving them. :class:`UnknownConditionError` when not subscribed."""
        lib = self.library
        with condition._to_c(lib) as c:
            lib.call_status("lttng_notification_channel_unsubscribe", self._ptr(), c.ptr,
                            statuses=CHANNEL_STATUSES)

    def pending(self) -> bool:
        """``lttng_notification_channel_has_pending_notification``: whether a notification
        (or a "dropped" report) can be read without waiting."""
        lib = self.library
        flag = ctypes.c_bool()
        status = lib.fn("lttng_notification_channel_has_pending_notification")(
            self._ptr(), ctypes.byref(flag))
        if status != _OK:
            raise self._error("lttng_notification_channel_has_pending_notification", status)
        return bool(flag.value)

    def _error(self, call: str, status: int) -> Exception:
        # The library answers a generic ERROR when the daemon has gone away: that case is
        # reported as ChannelClosedError (a ConnectionError), the way a program watching
        # notifications wants to tell it.
        lib = self.library
        if status == -1 and not lib.session_daemon_alive():
            return lib.error(ErrorCode.NO_SESSIOND, call,
                             "LTTNG_NOTIFICATION_CHANNEL_STATUS_ERROR (no session daemon)",
                             ChannelClosedError)
        return lib.status_error(call, status, CHANNEL_STATUSES)

    def receive(self, timeout: Optional[float] = None) -> Optional[Notification]:
        """The next notification; None when ``timeout`` seconds (None: no limit) pass
        without one. Raises :class:`ChannelClosedError` when the session daemon has gone
        away (the library's CLOSED status, or its ERROR while no daemon answers)."""
        lib = self.library
        deadline = None if timeout is None else time.monotonic() + max(0.0, timeout)
        pause = 0.001
        while True:
            if self.pending():
                out = ctypes.c_void_p()
                status = lib.fn("lttng_notification_channel_get_next_notification")(
                    self._ptr(), ctypes.byref(out))
                if status == _OK and out.value:
                    with _native.Owned(lib, out.value, "lttng_notification_destroy") as n:
                        return Notification._from_c(lib, n.ptr)
                if status == _DROPPED:
                    self.dropped += 1
                    continue
                if status != _INTERRUPTED:
                    raise self._error("lttng_notification_channel_get_next_notification",
                                      status)
                continue
            now = time.monotonic()
            if deadline is not None and now >= deadline:
                return None
            time.sleep(pause if deadline is None else min(pause, deadline - now))
            pause = min(pause * 2, _MAX_PAUSE)

    def notifications(self, timeout: Optional[float] = None,
                      count: Optional[int] = None) -> Iterator[Notification]:
        """Yields notifications until ``timeout`` seconds pass without one (None: never)
        or ``count`` have been yielded."""
        n = 0
        while count is None or n < count:
            notification = self.receive(timeout)
            if notification is None:
                return
            n += 1
            yield notification

    def __iter__(self) -> Iterator[Notification]:
        return self.notifications(self.timeout)
