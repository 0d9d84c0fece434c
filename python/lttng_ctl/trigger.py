"""Triggers: conditions, actions, event rules, rate policies and capture expressions, as
Python values; registering, listing and removing triggers; querying their errors.

Every class here is a frozen dataclass. The library's objects (``struct lttng_trigger``,
``lttng_condition``, ...) are built from them when a call needs them and destroyed after;
triggers listed by the daemon are read back into them, so that ``==`` compares what was
registered with what is listed::

    from lttng_ctl import (Trigger, EventRuleMatches, UserTracepointRule, PayloadField,
                           Notify, register_trigger)

    trigger = Trigger(EventRuleMatches(UserTracepointRule("my_app:*", filter="n > 3"),
                                       captures=[PayloadField("n")]),
                      Notify())
    registered = register_trigger(trigger, "my-trigger")
    ...
    registered.unregister()
"""

from __future__ import annotations

import ctypes
import os
from dataclasses import dataclass, field, replace
from typing import Any, List, Optional, Tuple

from . import _native
from .enums import ActionType, ConditionType, Domain, EventRuleType, SyscallEmissionSite
from .errors import ErrorCode, TriggerNotFoundError
from .rules import (KernelProbeLocation, LogLevelRule, UserspaceProbeLocation, get_number,
                    get_string, new)

__all__ = [
    "EventExpr", "PayloadField", "ContextField", "AppContextField", "ArrayElement",
    "EventRule", "UserTracepointRule", "KernelTracepointRule", "KernelSyscallRule",
    "KernelKprobeRule", "KernelUprobeRule", "JulLoggingRule", "Log4jLoggingRule",
    "PythonLoggingRule", "Condition", "BufferUsageHigh", "BufferUsageLow",
    "SessionConsumedSize", "SessionRotationOngoing", "SessionRotationCompleted",
    "EventRuleMatches", "RatePolicy", "EveryN", "OnceAfterN", "Action", "Notify",
    "StartSession", "StopSession", "RotateSession", "SnapshotSession", "ActionList",
    "Trigger", "ErrorQueryResult", "register_trigger", "list_triggers", "unregister_trigger",
    "trigger_errors",
]

Lib = _native.NativeLibrary

CONDITION_STATUSES = _native.statuses(
    "LTTNG_CONDITION_STATUS", ERROR=-1, UNKNOWN=-2, INVALID=-3, UNSET=-4, UNSUPPORTED=-5)
ACTION_STATUSES = _native.statuses(
    "LTTNG_ACTION_STATUS", ERROR=-1, UNKNOWN=-2, INVALID=-3, UNSET=-4)
EVENT_RULE_STATUSES = _native.statuses(
    "LTTNG_EVENT_RULE_STATUS", ERROR=-1, UNKNOWN=-2, INVALID=-3, UNSET=-4, UNSUPPORTED=-5)
RATE_POLICY_STATUSES = _native.statuses(
    "LTTNG_RATE_POLICY_STATUS", ERROR=-1, UNKNOWN=-2, INVALID=-3, UNSET=-4, UNSUPPORTED=-5,
    PERMISSION_DENIED=-6)
TRIGGER_STATUSES = _native.statuses(
    "LTTNG_TRIGGER_STATUS", ERROR=-1, UNKNOWN=-2, INVALID=-3, UNSET=-4, UNSUPPORTED=-5,
    PERMISSION_DENIED=-6)
EXPR_STATUSES = _native.statuses("LTTNG_EVENT_EXPR_STATUS", INVALID=-1)
ERROR_QUERY_STATUSES = {
    -1: ("LTTNG_ERROR_QUERY_RESULTS_STATUS_ERROR", ErrorCode.UNK),
    -2: ("LTTNG_ERROR_QUERY_RESULTS_STATUS_INVALID_PARAMETER", ErrorCode.INVALID),
}


def _s(lib: Lib, call: str, statuses: Any, *args: Any) -> None:
    lib.call_status(call, *args, statuses=statuses)


# --- Capture expressions ---------------------------------------------------------------------

class EventExpr:
    """An expression naming a field to capture: :class:`PayloadField`,
    :class:`ContextField`, :class:`AppContextField`, or an element of one of them
    (``PayloadField("array")[2]``)."""

    def __getitem__(self, index: int) -> "ArrayElement":
        return ArrayElement(self, index)

    def _to_c(self, lib: Lib) -> _native.Owned:
        raise NotImplementedError

    @staticmethod
    def _from_c(lib: Lib, ptr: int) -> "EventExpr":
        kind = lib.fn("lttng_event_expr_get_type")(ptr)
        if kind == 0:
            return PayloadField(_native.text(
                lib.fn("lttng_event_expr_event_payload_field_get_name")(ptr)) or "")
        if kind == 1:
            return ContextField(_native.text(
                lib.fn("lttng_event_expr_channel_context_field_get_name")(ptr)) or "")
        if kind == 2:
            return AppContextField(
                _native.text(lib.fn(
                    "lttng_event_expr_app_specific_context_field_get_provider_name")(ptr)) or "",
                _native.text(lib.fn(
                    "lttng_event_expr_app_specific_context_field_get_type_name")(ptr)) or "")
        if kind == 3:
            parent = lib.fn("lttng_event_expr_array_field_element_get_parent_expr")(ptr)
            index = get_number(lib, "lttng_event_expr_array_field_element_get_index", ptr,
                               ctypes.c_uint, EXPR_STATUSES)
            return ArrayElement(EventExpr._from_c(lib, parent), index)
        raise lib.error(ErrorCode.INVALID, "lttng_event_expr_get_type",
                        f"LTTNG_EVENT_EXPR_TYPE {kind}")


@dataclass(frozen=True)
class PayloadField(EventExpr):
    """A field of the event's payload (``lttng_event_expr_event_payload_field_create``)."""

    name: str

    def _to_c(self, lib: Lib) -> _native.Owned:
        return new(lib, "lttng_event_expr_event_payload_field_create", "lttng_event_expr_destroy",
                   self.name.encode())


@dataclass(frozen=True)
class ContextField(EventExpr):
    """A context field of the event's channel (``$ctx.NAME``)."""

    name: str

    def _to_c(self, lib: Lib) -> _native.Owned:
        return new(lib, "lttng_event_expr_channel_context_field_create",
                   "lttng_event_expr_destroy", self.name.encode())


@dataclass(frozen=True)
class AppContextField(EventExpr):
    """An application-specific context field (``$app.PROVIDER:TYPE``)."""

    provider: str
    type: str

    def _to_c(self, lib: Lib) -> _native.Owned:
        return new(lib, "lttng_event_expr_app_specific_context_field_create",
                   "lttng_event_expr_destroy", self.provider.encode(), self.type.encode())


@dataclass(frozen=True)
class ArrayElement(EventExpr):
    """Element ``index`` of the array (or sequence) field ``array``."""

    array: EventExpr
    index: int

    def _to_c(self, lib: Lib) -> _native.Owned:
        parent = self.array._to_c(lib)
        elem = new(lib, "lttng_event_expr_array_field_element_create",
                   "lttng_event_expr_destroy", parent.ptr, int(self.index))
        parent.release()  # owned by the element now
        return elem


# --- Event rules -----------------------------------------------------------------------------

class EventRule:
    """What events a trigger matches: one of the ``*Rule`` classes."""

    def _to_c(self, lib: Lib) -> _native.Owned:
        raise NotImplementedError

    @staticmethod
    def _from_c(lib: Lib, ptr: int) -> "EventRule":
        kind = EventRuleType(lib.fn("lttng_event_rule_get_type")(ptr))
        cls: Any = _RULE_CLASSES.get(kind)
        if cls is None:
            raise lib.error(ErrorCode.INVALID, "lttng_event_rule_get_type", kind.name)
        rule: EventRule = cls._read(lib, ptr)
        return rule


def _set_pattern_filter(lib: Lib, prefix: str, ptr: int, pattern: Optional[str],
                        filter: Optional[str]) -> None:
    if pattern is not None:
        _s(lib, f"lttng_event_rule_{prefix}_set_name_pattern", EVENT_RULE_STATUSES, ptr,
           pattern.encode())
    if filter is not None:
        _s(lib, f"lttng_event_rule_{prefix}_set_filter", EVENT_RULE_STATUSES, ptr,
           filter.encode())


def _get(lib: Lib, prefix: str, what: str, ptr: int) -> Optional[str]:
    return get_string(lib, f"lttng_event_rule_{prefix}_get_{what}", ptr, EVENT_RULE_STATUSES)


def _set_log_level(lib: Lib, prefix: str, ptr: int, rule: Optional[LogLevelRule]) -> None:
    if rule is not None:
        with rule._to_c(lib) as r:
            _s(lib, f"lttng_event_rule_{prefix}_set_log_level_rule", EVENT_RULE_STATUSES, ptr,
               r.ptr)


def _get_log_level(lib: Lib, prefix: str, ptr: int) -> Optional[LogLevelRule]:
    out = ctypes.c_void_p()
    status = lib.fn(f"lttng_event_rule_{prefix}_get_log_level_rule")(ptr, ctypes.byref(out))
    if status == -4 or not out.value:  # UNSET
        return None
    if status != 0:
        raise lib.status_error(f"lttng_event_rule_{prefix}_get_log_level_rule", status,
                               EVENT_RULE_STATUSES)
    return LogLevelRule._from_c(lib, out.value)


@dataclass(frozen=True)
class _PatternRule(EventRule):
    name_pattern: str = "*"
    filter: Optional[str] = None

    _prefix = ""

    def _create(self, lib: Lib) -> _native.Owned:
        return new(lib, f"lttng_event_rule_{self._prefix}_create", "lttng_event_rule_destroy")

    def _to_c(self, lib: Lib) -> _native.Owned:
        rule = self._create(lib)
        try:
            _set_pattern_filter(lib, self._prefix, rule.ptr, self.name_pattern, self.filter)
            self._extra(lib, rule.ptr)
        except BaseException:
            rule.close()
            raise
        return rule

    def _extra(self, lib: Lib, ptr: int) -> None:
        pass

    @classmethod
    def _read(cls, lib: Lib, ptr: int) -> "EventRule":
        return cls(name_pattern=_get(lib, cls._prefix, "name_pattern", ptr) or "",
                   filter=_get(lib, cls._prefix, "filter", ptr))


@dataclass(frozen=True)
class UserTracepointRule(_PatternRule):
    """User-space tracepoints whose name matches ``name_pattern`` (``*`` globbing), minus
    the names in ``exclusions``, of a ``log_level``, for which ``filter`` is true."""

    log_level: Optional[LogLevelRule] = None
    exclusions: Tuple[str, ...] = ()

    _prefix = "user_tracepoint"

    def __post_init__(self) -> None:
        if isinstance(self.exclusions, str):
            raise TypeError("exclusions is a sequence of names, not one string")
        object.__setattr__(self, "exclusions", tuple(self.exclusions))

    def _extra(self, lib: Lib, ptr: int) -> None:
        _set_log_level(lib, self._prefix, ptr, self.log_level)
        for name in self.exclusions:
            _s(lib, "lttng_event_rule_user_tracepoint_add_name_pattern_exclusion",
               EVENT_RULE_STATUSES, ptr, name.encode())

    @classmethod
    def _read(cls, lib: Lib, ptr: int) -> "EventRule":
        count = get_number(lib, "lttng_event_rule_user_tracepoint_get_name_pattern_exclusion_count",
                           ptr, ctypes.c_uint, EVENT_RULE_STATUSES)
        exclusions = []
        for i in range(count):
            name = ctypes.c_char_p()
            _s(lib, "lttng_event_rule_user_tracepoint_get_name_pattern_exclusion_at_index",
               EVENT_RULE_STATUSES, ptr, i, ctypes.byref(name))
            exclusions.append(_native.text(name.value) or "")
        return cls(name_pattern=_get(lib, cls._prefix, "name_pattern", ptr) or "",
                   filter=_get(lib, cls._prefix, "filter", ptr),
                   log_level=_get_log_level(lib, cls._prefix, ptr), exclusions=tuple(exclusions))


@dataclass(frozen=True)
class KernelTracepointRule(_PatternRule):
    """Kernel tracepoints matching ``name_pattern`` for which ``filter`` is true."""

    _prefix = "kernel_tracepoint"


@dataclass(frozen=True)
class KernelSyscallRule(_PatternRule):
    """System calls matching ``name_pattern``, at their entry, exit or both."""

    emission_site: SyscallEmissionSite = SyscallEmissionSite.ENTRY_EXIT

    _prefix = "kernel_syscall"

    def _create(self, lib: Lib) -> _native.Owned:
        return new(lib, "lttng_event_rule_kernel_syscall_create", "lttng_event_rule_destroy",
                   int(self.emission_site))

    @classmethod
    def _read(cls, lib: Lib, ptr: int) -> "EventRule":
        site = lib.fn("lttng_event_rule_kernel_syscall_get_emission_site")(ptr)
        return cls(name_pattern=_get(lib, cls._prefix, "name_pattern", ptr) or "",
                   filter=_get(lib, cls._prefix, "filter", ptr),
                   emission_site=SyscallEmissionSite(site))


@dataclass(frozen=True)
class _LoggingRule(_PatternRule):
    log_level: Optional[LogLevelRule] = None

    def _extra(self, lib: Lib, ptr: int) -> None:
        _set_log_level(lib, self._prefix, ptr, self.log_level)

    @classmethod
    def _read(cls, lib: Lib, ptr: int) -> "EventRule":
        return cls(name_pattern=_get(lib, cls._prefix, "name_pattern", ptr) or "",
                   filter=_get(lib, cls._prefix, "filter", ptr),
                   log_level=_get_log_level(lib, cls._prefix, ptr))


@dataclass(frozen=True)
class JulLoggingRule(_LoggingRule):
    """``java.util.logging`` loggers matching ``name_pattern``."""

    _prefix = "jul_logging"


@dataclass(frozen=True)
class Log4jLoggingRule(_LoggingRule):
    """Apache log4j loggers matching ``name_pattern``."""

    _prefix = "log4j_logging"


@dataclass(frozen=True)
class PythonLoggingRule(_LoggingRule):
    """Python ``logging`` loggers matching ``name_pattern``."""

    _prefix = "python_logging"


@dataclass(frozen=True)
class KernelKprobeRule(EventRule):
    """A kernel probe at ``location``, its events named ``event_name``."""

    location: KernelProbeLocation
    event_name: str

    def _to_c(self, lib: Lib) -> _native.Owned:
        with self.location._to_c(lib) as loc:
            rule = new(lib, "lttng_event_rule_kernel_kprobe_create", "lttng_event_rule_destroy",
                       loc.ptr)
        try:
            _s(lib, "lttng_event_rule_kernel_kprobe_set_event_name", EVENT_RULE_STATUSES,
               rule.ptr, self.event_name.encode())
        except BaseException:
            rule.close()
            raise
        return rule

    @classmethod
    def _read(cls, lib: Lib, ptr: int) -> "EventRule":
        loc = ctypes.c_void_p()
        _s(lib, "lttng_event_rule_kernel_kprobe_get_location", EVENT_RULE_STATUSES, ptr,
           ctypes.byref(loc))
        return cls(KernelProbeLocation._from_c(lib, loc.value),  # type: ignore[arg-type]
                   _get(lib, "kernel_kprobe", "event_name", ptr) or "")


@dataclass(frozen=True)
class KernelUprobeRule(EventRule):
    """A user-space probe (kernel tracer) at ``location``, its events named
    ``event_name``."""

    location: UserspaceProbeLocation
    event_name: str

    def _to_c(self, lib: Lib) -> _native.Owned:
        with self.location._to_c(lib) as loc:
            rule = new(lib, "lttng_event_rule_kernel_uprobe_create", "lttng_event_rule_destroy",
                       loc.ptr)
        try:
            _s(lib, "lttng_event_rule_kernel_uprobe_set_event_name", EVENT_RULE_STATUSES,
               rule.ptr, self.event_name.encode())
        except BaseException:
            rule.close()
            raise
        return rule

    @classmethod
    def _read(cls, lib: Lib, ptr: int) -> "EventRule":
        loc = ctypes.c_void_p()
        _s(lib, "lttng_event_rule_kernel_uprobe_get_location", EVENT_RULE_STATUSES, ptr,
           ctypes.byref(loc))
        return cls(UserspaceProbeLocation._from_c(lib, loc.value),  # type: ignore[arg-type]
                   _get(lib, "kernel_uprobe", "event_name", ptr) or "")


_RULE_CLASSES = {
    EventRuleType.USER_TRACEPOINT: UserTracepointRule,
    EventRuleType.KERNEL_TRACEPOINT: KernelTracepointRule,
    EventRuleType.KERNEL_SYSCALL: KernelSyscallRule,
    EventRuleType.KERNEL_KPROBE: KernelKprobeRule,
    EventRuleType.KERNEL_UPROBE: KernelUprobeRule,
    EventRuleType.JUL_LOGGING: JulLoggingRule,
    EventRuleType.LOG4J_LOGGING: Log4jLoggingRule,
    EventRuleType.PYTHON_LOGGING: PythonLoggingRule,
}


# --- Conditions ------------------------------------------------------------------------------

class Condition:
    """When a trigger fires: one of :class:`BufferUsageHigh`, :class:`BufferUsageLow`,
    :class:`SessionConsumedSize`, :class:`SessionRotationOngoing`,
    :class:`SessionRotationCompleted`, :class:`EventRuleMatches`. A notification channel
    subscribes to conditions too."""

    def _to_c(self, lib: Lib) -> _native.Owned:
        raise NotImplementedError

    @staticmethod
    def _from_c(lib: Lib, ptr: int) -> "Condition":
        kind = lib.fn("lttng_condition_get_type")(ptr)
        if kind in (ConditionType.BUFFER_USAGE_HIGH, ConditionType.BUFFER_USAGE_LOW):
            return _BufferUsage._read(lib, ptr, kind)
        if kind == ConditionType.SESSION_CONSUMED_SIZE:
            return SessionConsumedSize(
                _cond_string(lib, "session_consumed_size_get_session_name", ptr),
                get_number(lib, "lttng_condition_session_consumed_size_get_threshold", ptr,
                           ctypes.c_uint64, CONDITION_STATUSES))
        if kind in (ConditionType.SESSION_ROTATION_ONGOING,
                    ConditionType.SESSION_ROTATION_COMPLETED):
            name = _cond_string(lib, "session_rotation_get_session_name", ptr)
            return (SessionRotationOngoing(name) if kind == ConditionType.SESSION_ROTATION_ONGOING
                    else SessionRotationCompleted(name))
        if kind == ConditionType.EVENT_RULE_MATCHES:
            return EventRuleMatches._read(lib, ptr)
        raise lib.error(ErrorCode.INVALID, "lttng_condition_get_type", f"condition type {kind}")


def _cond_string(lib: Lib, getter: str, ptr: int) -> str:
    return get_string(lib, f"lttng_condition_{getter}", ptr, CONDITION_STATUSES) or ""


def _set_cond(lib: Lib, setter: str, ptr: int, *args: Any) -> None:
    _s(lib, f"lttng_condition_{setter}", CONDITION_STATUSES, ptr, *args)


@dataclass(frozen=True)
class _BufferUsage(Condition):
    session: str
    channel: str
    domain: Domain = Domain.UST
    threshold_ratio: Optional[float] = None
    threshold_bytes: Optional[int] = None

    _create = ""

    def _to_c(self, lib: Lib) -> _native.Owned:
        cond = new(lib, self._create, "lttng_condition_destroy")
        try:
            _set_cond(lib, "buffer_usage_set_session_name", cond.ptr, self.session.encode())
            _set_cond(lib, "buffer_usage_set_channel_name", cond.ptr, self.channel.encode())
            _set_cond(lib, "buffer_usage_set_domain_type", cond.ptr, int(self.domain))
            if self.threshold_ratio is not None:
                _set_cond(lib, "buffer_usage_set_threshold_ratio", cond.ptr,
                          float(self.threshold_ratio))
            if self.threshold_bytes is not None:
                _set_cond(lib, "buffer_usage_set_threshold", cond.ptr, int(self.threshold_bytes))
        except BaseException:
            cond.close()
            raise
        return cond

    @staticmethod
    def _read(lib: Lib, ptr: int, kind: int) -> "Condition":
        cls = BufferUsageHigh if kind == ConditionType.BUFFER_USAGE_HIGH else BufferUsageLow
        ratio = ctypes.c_double()
        has_ratio = lib.fn("lttng_condition_buffer_usage_get_threshold_ratio")(
            ptr, ctypes.byref(ratio)) == 0
        size = ctypes.c_uint64()
        has_size = lib.fn("lttng_condition_buffer_usage_get_threshold")(
            ptr, ctypes.byref(size)) == 0
        domain = ctypes.c_int()
        _set_cond(lib, "buffer_usage_get_domain_type", ptr, ctypes.byref(domain))
        return cls(session=_cond_string(lib, "buffer_usage_get_session_name", ptr),
                   channel=_cond_string(lib, "buffer_usage_get_channel_name", ptr),
                   domain=Domain(domain.value),
                   threshold_ratio=ratio.value if has_ratio else None,
                   threshold_bytes=int(size.value) if has_size else None)


@dataclass(frozen=True)
class BufferUsageHigh(_BufferUsage):
    """The buffers of channel ``channel`` of session ``session`` (``domain``) are at least
    ``threshold_ratio`` full (0.0 to 1.0), or hold at least ``threshold_bytes``. The
    channel's monitor timer sets how often it is sampled."""

    _create = "lttng_condition_buffer_usage_high_create"


@dataclass(frozen=True)
class BufferUsageLow(_BufferUsage):
    """The buffers of the channel are at most ``threshold_ratio`` full, or hold at most
    ``threshold_bytes``."""

    _create = "lttng_condition_buffer_usage_low_create"


@dataclass(frozen=True)
class SessionConsumedSize(Condition):
    """Session ``session`` has consumed (written out) at least ``threshold_bytes``."""

    session: str
    threshold_bytes: int

    def _to_c(self, lib: Lib) -> _native.Owned:
        cond = new(lib, "lttng_condition_session_consumed_size_create", "lttng_condition_destroy")
        try:
            _set_cond(lib, "session_consumed_size_set_session_name", cond.ptr,
                      self.session.encode())
            _set_cond(lib, "session_consumed_size_set_threshold", cond.ptr,
                      int(self.threshold_bytes))
        except BaseException:
            cond.close()
            raise
        return cond


@dataclass(frozen=True)
class _SessionRotation(Condition):
    session: str

    _create = ""

    def _to_c(self, lib: Lib) -> _native.Owned:
        cond = new(lib, self._create, "lttng_condition_destroy")
        try:
            _set_cond(lib, "session_rotation_set_session_name", cond.ptr, self.session.encode())
        except BaseException:
            cond.close()
            raise
        return cond


@dataclass(frozen=True)
class SessionRotationOngoing(_SessionRotation):
    """A rotation of session ``session`` starts."""

    _create = "lttng_condition_session_rotation_ongoing_create"


@dataclass(frozen=True)
class SessionRotationCompleted(_SessionRotation):
    """A rotation of session ``session`` completes (the evaluation tells where the chunk
    went)."""

    _create = "lttng_condition_session_rotation_completed_create"


@dataclass(frozen=True)
class EventRuleMatches(Condition):
    """An event matches ``rule``; the notification carries the values of ``captures``
    (:class:`EventExpr`), in order."""

    rule: EventRule
    captures: Tuple[EventExpr, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "captures", tuple(self.captures))

    def _to_c(self, lib: Lib) -> _native.Owned:
        with self.rule._to_c(lib) as rule:
            cond = new(lib, "lttng_condition_event_rule_matches_create", "lttng_condition_destroy",
                       rule.ptr)
        try:
            for capture in self.captures:
                expr = capture._to_c(lib)
                _set_cond(lib, "event_rule_matches_append_capture_descriptor", cond.ptr, expr.ptr)
                expr.release()  # the condition owns it now
        except BaseException:
            cond.close()
            raise
        return cond

    @classmethod
    def _read(cls, lib: Lib, ptr: int) -> "EventRuleMatches":
        rule = ctypes.c_void_p()
        _set_cond(lib, "event_rule_matches_get_rule", ptr, ctypes.byref(rule))
        count = get_number(lib, "lttng_condition_event_rule_matches_get_capture_descriptor_count",
                           ptr, ctypes.c_uint, CONDITION_STATUSES)
        at = lib.fn("lttng_condition_event_rule_matches_get_capture_descriptor_at_index")
        captures = tuple(EventExpr._from_c(lib, at(ptr, i)) for i in range(count))
        return cls(EventRule._from_c(lib, rule.value), captures)  # type: ignore[arg-type]


# --- Rate policies ---------------------------------------------------------------------------

class RatePolicy:
    """How often an action runs when its trigger fires: :class:`EveryN` or
    :class:`OnceAfterN`."""

    def _to_c(self, lib: Lib) -> _native.Owned:
        raise NotImplementedError

    @staticmethod
    def _from_c(lib: Lib, ptr: int) -> "RatePolicy":
        kind = lib.fn("lttng_rate_policy_get_type")(ptr)
        if kind == 1:
            return OnceAfterN(get_number(lib, "lttng_rate_policy_once_after_n_get_threshold", ptr,
                                         ctypes.c_uint64, RATE_POLICY_STATUSES))
        return EveryN(get_number(lib, "lttng_rate_policy_every_n_get_interval", ptr,
                                 ctypes.c_uint64, RATE_POLICY_STATUSES))


@dataclass(frozen=True)
class EveryN(RatePolicy):
    """Every ``interval``-th time (1: every time, the default policy)."""

    interval: int = 1

    def _to_c(self, lib: Lib) -> _native.Owned:
        return new(lib, "lttng_rate_policy_every_n_create", "lttng_rate_policy_destroy",
                   int(self.interval))


@dataclass(frozen=True)
class OnceAfterN(RatePolicy):
    """Once, the ``threshold``-th time."""

    threshold: int

    def _to_c(self, lib: Lib) -> _native.Owned:
        return new(lib, "lttng_rate_policy_once_after_n_create", "lttng_rate_policy_destroy",
                   int(self.threshold))


# --- Actions ---------------------------------------------------------------------------------

class Action:
    """What a trigger does: :class:`Notify`, :class:`StartSession`, :class:`StopSession`,
    :class:`RotateSession`, :class:`SnapshotSession`, or an :class:`ActionList` of them."""

    def _to_c(self, lib: Lib) -> _native.Owned:
        raise NotImplementedError

    @staticmethod
    def _from_c(lib: Lib, ptr: int) -> "Action":
        kind = lib.fn("lttng_action_get_type")(ptr)
        if kind == ActionType.LIST:
            count = get_number(lib, "lttng_action_list_get_count", ptr, ctypes.c_uint,
                               ACTION_STATUSES)
            at = lib.fn("lttng_action_list_get_at_index")
            return ActionList(tuple(Action._from_c(lib, at(ptr, i)) for i in range(count)))
        if kind == ActionType.NOTIFY:
            return Notify(_get_policy(lib, "notify", ptr))
        prefix = _ACTION_PREFIXES.get(kind)
        if prefix is None:
            raise lib.error(ErrorCode.INVALID, "lttng_action_get_type", f"action type {kind}")
        session = get_string(lib, f"lttng_action_{prefix}_get_session_name", ptr,
                             ACTION_STATUSES) or ""
        policy = _get_policy(lib, prefix, ptr)
        if kind == ActionType.SNAPSHOT_SESSION:
            out = ctypes.c_void_p()
            status = lib.fn("lttng_action_snapshot_session_get_output")(ptr, ctypes.byref(out))
            if status == 0 and out.value:
                o = out.value
                name = _native.text(lib.fn("lttng_snapshot_output_get_name")(o)) or None
                ctrl = _native.text(lib.fn("lttng_snapshot_output_get_ctrl_url")(o)) or None
                data = _native.text(lib.fn("lttng_snapshot_output_get_data_url")(o)) or None
                size = int(lib.fn("lttng_snapshot_output_get_maxsize")(o))
                unlimited = size in (0, (1 << 64) - 1)  # -1ULL: not set
                return SnapshotSession(session, url=ctrl, name=name,
                                       max_size=None if unlimited else size, data_url=data,
                                       rate_policy=policy)
            return SnapshotSession(session, rate_policy=policy)
        cls = {ActionType.START_SESSION: StartSession, ActionType.STOP_SESSION: StopSession,
               ActionType.ROTATE_SESSION: RotateSession}[kind]
        return cls(session, policy)


def _get_policy(lib: Lib, prefix: str, ptr: int) -> RatePolicy:
    out = ctypes.c_void_p()
    status = lib.fn(f"lttng_action_{prefix}_get_rate_policy")(ptr, ctypes.byref(out))
    if status != 0 or not out.value:
        return EveryN()
    return RatePolicy._from_c(lib, out.value)


def _set_policy(lib: Lib, prefix: str, ptr: int, policy: Optional[RatePolicy]) -> None:
    if policy is not None:
        with policy._to_c(lib) as p:
            _s(lib, f"lttng_action_{prefix}_set_rate_policy", ACTION_STATUSES, ptr, p.ptr)


_ACTION_PREFIXES = {
    ActionType.START_SESSION: "start_session", ActionType.STOP_SESSION: "stop_session",
    ActionType.ROTATE_SESSION: "rotate_session",
    ActionType.SNAPSHOT_SESSION: "snapshot_session",
}


@dataclass(frozen=True)
class Notify(Action):
    """Sends a notification to the notification channels subscribed to the condition.
    Every action has a rate policy; :class:`EveryN` ``(1)``, the default, runs it every
    time."""

    rate_policy: RatePolicy = EveryN()

    def _to_c(self, lib: Lib) -> _native.Owned:
        action = new(lib, "lttng_action_notify_create", "lttng_action_destroy")
        try:
            _set_policy(lib, "notify", action.ptr, self.rate_policy)
        except BaseException:
            action.close()
            raise
        return action


@dataclass(frozen=True)
class _SessionAction(Action):
    session: str
    rate_policy: RatePolicy = EveryN()

    _prefix = ""

    def _to_c(self, lib: Lib) -> _native.Owned:
        action = new(lib, f"lttng_action_{self._prefix}_create", "lttng_action_destroy")
        try:
            _s(lib, f"lttng_action_{self._prefix}_set_session_name", ACTION_STATUSES, action.ptr,
               self.session.encode())
            _set_policy(lib, self._prefix, action.ptr, self.rate_policy)
            self._extra(lib, action.ptr)
        except BaseException:
            action.close()
            raise
        return action

    def _extra(self, lib: Lib, ptr: int) -> None:
        pass


@dataclass(frozen=True)
class StartSession(_SessionAction):
    """Starts session ``session``."""

    _prefix = "start_session"


@dataclass(frozen=True)
class StopSession(_SessionAction):
    """Stops session ``session``."""

    _prefix = "stop_session"


@dataclass(frozen=True)
class RotateSession(_SessionAction):
    """Rotates session ``session``."""

    _prefix = "rotate_session"


@dataclass(frozen=True)
class SnapshotSession(_SessionAction):
    """Records a snapshot of session ``session``: to ``url`` (a path or a relay daemon's
    control URL, with ``data_url``) when given, else to the session's snapshot output."""

    url: Optional[str] = None
    name: Optional[str] = None
    max_size: Optional[int] = None
    data_url: Optional[str] = None

    _prefix = "snapshot_session"

    def _extra(self, lib: Lib, ptr: int) -> None:
        if self.url is None and self.name is None and self.max_size is None:
            return
        from .snapshot import snapshot_output_c
        out = snapshot_output_c(lib, self.url, self.name, self.max_size, self.data_url)
        try:
            _s(lib, "lttng_action_snapshot_session_set_output", ACTION_STATUSES, ptr, out.ptr)
            out.release()  # the action owns it now
        finally:
            out.close()


@dataclass(frozen=True)
class ActionList(Action):
    """Several actions, run in order."""

    actions: Tuple[Action, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "actions", tuple(self.actions))

    def _to_c(self, lib: Lib) -> _native.Owned:
        lst = new(lib, "lttng_action_list_create", "lttng_action_destroy")
        try:
            for action in self.actions:
                with action._to_c(lib) as a:
                    _s(lib, "lttng_action_list_add_action", ACTION_STATUSES, lst.ptr, a.ptr)
        except BaseException:
            lst.close()
            raise
        return lst


# --- Triggers --------------------------------------------------------------------------------

@dataclass(frozen=True)
class ErrorQueryResult:
    """One error counter of a registered trigger (``lttng_error_query_execute``):
    ``target`` is ``"trigger"``, ``"condition"`` or ``"action"`` (``action_path`` then
    says which one: the indexes into nested action lists)."""

    target: str
    name: str
    description: str
    value: int
    action_path: Tuple[int, ...] = ()


@dataclass(frozen=True)
class Trigger:
    """A condition and the action it runs. ``name`` and ``owner_uid`` are those of a
    registered trigger (None before registration; ``owner_uid`` may be set to register
    as another user, which only root may do)."""

    condition: Condition
    action: Action
    name: Optional[str] = None
    owner_uid: Optional[int] = None
    _library: Optional[Lib] = field(default=None, compare=False, repr=False)

    def _to_c(self, lib: Lib) -> _native.Owned:
        with self.condition._to_c(lib) as cond, self.action._to_c(lib) as action:
            trig = new(lib, "lttng_trigger_create", "lttng_trigger_destroy", cond.ptr, action.ptr)
        try:
            if self.owner_uid is not None:
                _s(lib, "lttng_trigger_set_owner_uid", TRIGGER_STATUSES, trig.ptr,
                   int(self.owner_uid))
        except BaseException:
            trig.close()
            raise
        return trig

    @classmethod
    def _from_c(cls, lib: Lib, ptr: int) -> "Trigger":
        name = get_string(lib, "lttng_trigger_get_name", ptr, TRIGGER_STATUSES)
        uid = ctypes.c_uint()
        owner = (int(uid.value) if lib.fn("lttng_trigger_get_owner_uid")(
            ptr, ctypes.byref(uid)) == 0 else None)
        cond = lib.fn("lttng_trigger_get_const_condition")(ptr)
        action = lib.fn("lttng_trigger_get_const_action")(ptr)
        return cls(Condition._from_c(lib, cond), Action._from_c(lib, action), name, owner, lib)

    def register(self, name: Optional[str] = None,
                 library: Optional[Lib] = None) -> "Trigger":
        """Registers the trigger (see :func:`register_trigger`)."""
        return register_trigger(self, name, library or self._library)

    def unregister(self, library: Optional[Lib] = None) -> None:
        """Unregisters this registered trigger (by its name)."""
        if self.name is None:
            raise ValueError("this trigger has no name: register it first")
        unregister_trigger(self.name, library or self._library)

    def errors(self, library: Optional[Lib] = None) -> List[ErrorQueryResult]:
        """The error counters of this registered trigger, its condition and its actions."""
        if self.name is None:
            raise ValueError("this trigger has no name: register it first")
        return trigger_errors(self.name, library or self._library)


def register_trigger(trigger: Trigger, name: Optional[str] = None,
                     library: Optional[Lib] = None) -> Trigger:
    """Registers ``trigger`` with the session daemon under ``name`` (else
    ``trigger.name``, else a name the daemon chooses: ``lttng_register_trigger_with_
    automatic_name``). Returns it with its name and owner. Raises
    :class:`TriggerExistsError` for a name in use, :class:`LttngError`
    ``INVALID_TRIGGER`` for an incomplete one."""
    lib = _native.resolve(library)
    name = name if name is not None else trigger.name
    with trigger._to_c(lib) as t:
        if name is not None:
            lib.call_code("lttng_register_trigger_with_name", t.ptr, name.encode())
        else:
            lib.call_code("lttng_register_trigger_with_automatic_name", t.ptr)
        registered = get_string(lib, "lttng_trigger_get_name", t.ptr, TRIGGER_STATUSES)
        uid = ctypes.c_uint()
        owner = (int(uid.value) if lib.fn("lttng_trigger_get_owner_uid")(
            t.ptr, ctypes.byref(uid)) == 0 else None)
    return replace(trigger, name=registered if registered is not None else name,
                   owner_uid=owner if owner is not None else os.getuid(), _library=lib)


class _ListedTriggers:
    """The daemon's triggers as C objects (``lttng_list_triggers``), for a ``with``."""

    def __init__(self, lib: Lib):
        self.lib = lib
        ptr = ctypes.c_void_p()
        lib.call_code("lttng_list_triggers", ctypes.byref(ptr))
        self.owned = _native.Owned(lib, ptr.value, "lttng_triggers_destroy")
        count = ctypes.c_uint()
        lib.call_status("lttng_triggers_get_count", self.owned.ptr, ctypes.byref(count),
                        statuses=TRIGGER_STATUSES)
        at = lib.fn("lttng_triggers_get_at_index")
        self.pointers: List[int] = [at(self.owned.ptr, i) for i in range(count.value)]

    def __enter__(self) -> "_ListedTriggers":
        return self

    def __exit__(self, *exc: object) -> None:
        self.owned.close()

    def find(self, name: str, call: str) -> int:
        for p in self.pointers:
            if get_string(self.lib, "lttng_trigger_get_name", p, TRIGGER_STATUSES) == name:
                return p
        raise self.lib.error(ErrorCode.TRIGGER_NOT_FOUND, call, cls=TriggerNotFoundError)


def list_triggers(library: Optional[Lib] = None) -> List[Trigger]:
    """``lttng_list_triggers``: the triggers of the calling user (of every user for root),
    read back into Python values."""
    lib = _native.resolve(library)
    with _ListedTriggers(lib) as listed:
        return [Trigger._from_c(lib, p) for p in listed.pointers]


def unregister_trigger(trigger: "Trigger | str", library: Optional[Lib] = None) -> None:
    """``lttng_unregister_trigger`` of the registered trigger named ``trigger`` (a name or
    a :class:`Trigger` with one). :class:`TriggerNotFoundError` when there is none."""
    lib = _native.resolve(library)
    name = trigger if isinstance(trigger, str) else trigger.name
    if name is None:
        raise ValueError("the trigger has no name: register it first")
    with _ListedTriggers(lib) as listed:
        lib.call("lttng_unregister_trigger", listed.find(name, "lttng_unregister_trigger"))


def _action_paths(lib: Lib, ptr: int, prefix: Tuple[int, ...]) -> List[Tuple[int, ...]]:
    if lib.fn("lttng_action_get_type")(ptr) != ActionType.LIST:
        return [prefix]
    count = get_number(lib, "lttng_action_list_get_count", ptr, ctypes.c_uint, ACTION_STATUSES)
    at = lib.fn("lttng_action_list_get_at_index")
    paths: List[Tuple[int, ...]] = []
    for i in range(count):
        paths.extend(_action_paths(lib, at(ptr, i), prefix + (i,)))
    return paths


def _run_query(lib: Lib, query: _native.Owned, target: str,
               path: Tuple[int, ...] = ()) -> List[ErrorQueryResult]:
    endpoint = lib.data_pointer("lttng_session_daemon_command_endpoint")
    results = ctypes.c_void_p()
    with query:
        lib.call_code("lttng_error_query_execute", query.ptr, endpoint, ctypes.byref(results))
    out = []
    with _native.Owned(lib, results.value, "lttng_error_query_results_destroy") as r:
        count = get_number(lib, "lttng_error_query_results_get_count", r.ptr, ctypes.c_uint,
                           ERROR_QUERY_STATUSES)
        for i in range(count):
            res = ctypes.c_void_p()
            lib.call_status("lttng_error_query_results_get_result", r.ptr, ctypes.byref(res), i,
                            statuses=ERROR_QUERY_STATUSES)
            p = res.value
            out.append(ErrorQueryResult(
                target=target,
                name=get_string(lib, "lttng_error_query_result_get_name", p,
                                ERROR_QUERY_STATUSES) or "",
                description=get_string(lib, "lttng_error_query_result_get_description", p,
                                       ERROR_QUERY_STATUSES) or "",
                value=get_number(lib, "lttng_error_query_result_counter_get_value", p,
                                 ctypes.c_uint64, ERROR_QUERY_STATUSES),
                action_path=path))
    return out


def trigger_errors(name: str, library: Optional[Lib] = None) -> List[ErrorQueryResult]:
    """The error counters of the registered trigger ``name``: the trigger's, its
    condition's, and those of each action of an action list (``lttng_error_query_*``). A
    trigger's single action (not in a list) has its counters left out: the empty action
    path that addresses it makes LTTng 2.13.9's library and session daemon abort."""
    lib = _native.resolve(library)
    results: List[ErrorQueryResult] = []
    with _ListedTriggers(lib) as listed:
        t = listed.find(name, "lttng_error_query_execute")
        results += _run_query(lib, new(lib, "lttng_error_query_trigger_create",
                                       "lttng_error_query_destroy", t), "trigger")
        results += _run_query(lib, new(lib, "lttng_error_query_condition_create",
                                       "lttng_error_query_destroy", t), "condition")
        action = lib.fn("lttng_trigger_get_const_action")(t)
        for path in _action_paths(lib, action, ()):
            if not path:
                # A single action (not in a list) is addressed by an empty action path,
                # which LTTng 2.13.9 cannot copy: its library and its session daemon abort
                # on an assertion (`lttng list-triggers` does on such a trigger).
                continue
            indexes = (ctypes.c_uint64 * max(len(path), 1))(*path)
            with new(lib, "lttng_action_path_create", "lttng_action_path_destroy", indexes,
                     len(path)) as p:
                query = new(lib, "lttng_error_query_action_create", "lttng_error_query_destroy",
                            t, p.ptr)
            results += _run_query(lib, query, "action", path)
    return results

