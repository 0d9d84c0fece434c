"""Python bindings, through ctypes, for liblttng-ctl: the LTTng 2.13 control library, as
lttng-ctl (a Rust drop-in for ``liblttng-ctl.so.0``) implements it, with its
network-consumer API.

No compiled extension: the package loads the shared library at run time, from (in order)
the path given to :class:`Library`, ``$LTTNG_CTL_LIBRARY``, the package's own copy
(``lttng_ctl/_lib/liblttng-ctl.so.0``, when one was installed there), then
``liblttng-ctl.so.0`` through the dynamic loader (``LD_LIBRARY_PATH``, then the system's
library). On a liblttng-ctl that is not lttng-ctl's, everything works except the
network-consumer calls, which raise :class:`NotLttngCtlError`.

Failures raise :class:`LttngError` (``code``: the LTTng error code, ``text``: its
``lttng_strerror`` text, ``call``: the C function) or one of its subclasses::

    import lttng_ctl
    from lttng_ctl import Domain, LogLevelRule, LogLevel

    with lttng_ctl.create_session("demo", "/tmp/demo-trace") as session:   # destroyed on exit
        session.enable_channel("chan", subbuf_size=1 << 20)
        session.enable_event("my_app:*", "chan", filter="size > 100",
                             exclusions=["my_app:noisy"],
                             log_level=LogLevelRule.at_least_as_severe_as(LogLevel.INFO))
        session.add_context("vpid", channel="chan")
        with session.tracing():                                           # start ... stop
            run_the_workload()

Triggers and notifications::

    from lttng_ctl import (Trigger, EventRuleMatches, UserTracepointRule, PayloadField,
                           Notify, NotificationChannel)

    condition = EventRuleMatches(UserTracepointRule("my_app:*"), captures=[PayloadField("n")])
    trigger = lttng_ctl.register_trigger(Trigger(condition, Notify()), "watch-n")
    with NotificationChannel() as channel:
        channel.subscribe(condition)
        for notification in channel.notifications(timeout=5):
            print(notification.captures)
    trigger.unregister()
"""

from ._native import BUNDLED, LIBRARY_ENV, SONAME, find_library
from ._version import LTTNG_VERSION, __version__
from .enums import (ActionType, BufferType, ConditionType, ConsumerDaemon, ContextType, Domain,
                    DstType, EventFieldType, EventOutput, EventRuleType, EventType, JulLogLevel,
                    Log4jLogLevel, LogLevel, LogLevelType, ProcessAttr, ProtoType,
                    PythonLogLevel, RotationState, StreamType, SyscallEmissionSite,
                    TrackingPolicy, UriType)
from .errors import (AlreadyStartedError, AlreadyStoppedError, AlreadySubscribedError,
                     ChannelClosedError, ChannelExistsError, ChannelNotFoundError, ErrorCode,
                     EventExistsError, EventNotFoundError, HealthError, InvalidArgumentError,
                     KernelUnavailableError, LibraryNotFoundError, LttngError,
                     NoSessionDaemonError, NotLttngCtl, NotLttngCtlError, NotSupportedError,
                     PermissionDeniedError, RelayConnectError, SessionExistsError,
                     SessionNotFoundError, StatusError, TrackerValueExistsError,
                     TrackerValueMissingError, TriggerExistsError, TriggerNotFoundError,
                     UndefinedCommandError, UnknownConditionError, UnsupportedByLibraryError,
                     WaitTimeoutError)
from .health import HealthReport, HealthThread, consumerd_health, relayd_health, sessiond_health
from .library import Library, library, set_library
from .notification import (BufferUsageEvaluation, EventRuleMatchesEvaluation, Evaluation,
                           Notification, NotificationChannel, SessionConsumedSizeEvaluation,
                           SessionRotationEvaluation)
from .rotation import (LocalArchive, Periodic, RelayArchive, RotationResult, RotationSchedule,
                       SizeThreshold, TraceArchiveLocation)
from .rules import (KernelProbeAddress, KernelProbeLocation, KernelProbeSymbol, LogLevelRule,
                    UserspaceProbeFunction, UserspaceProbeLocation, UserspaceProbeTracepoint)
from .session import (DEFAULT_CHANNEL, AppContext, ChannelInfo, DomainInfo, EventInfo,
                      PerfCounter, Session, SessionInfo, Tracepoint, TracepointField,
                      create_session, destroy_session, list_sessions, list_syscalls,
                      list_tracepoint_fields, list_tracepoints, load_sessions, save_sessions)
from .snapshot import SnapshotOutput
from .tracker import Tracker
from .trigger import (Action, ActionList, AppContextField, ArrayElement, BufferUsageHigh,
                      BufferUsageLow, Condition, ContextField, ErrorQueryResult, EventExpr,
                      EventRule, EventRuleMatches, EveryN, JulLoggingRule, KernelKprobeRule,
                      KernelSyscallRule, KernelTracepointRule, KernelUprobeRule, Log4jLoggingRule,
                      Notify, OnceAfterN, PayloadField, PythonLoggingRule, RatePolicy,
                      RotateSession, SessionConsumedSize, SessionRotationCompleted,
                      SessionRotationOngoing, SnapshotSession, StartSession, StopSession,
                      Trigger, UserTracepointRule, list_triggers, register_trigger,
                      trigger_errors, unregister_trigger)
from .uri import Uri, parse_uri


def session_daemon_alive() -> bool:
    """``lttng_session_daemon_alive`` on the default library."""
    return library().session_daemon_alive()


def strerror(code: int) -> str:
    """``lttng_strerror`` of an LTTng error code (either sign), on the default library."""
    return library().strerror(code)


# The constants of the first releases of the module (the network-consumer enums, a few
# domain and error values), kept for the programs that use them.
LTTNG_DST_IPV4, LTTNG_DST_IPV6, LTTNG_DST_HOST, LTTNG_DST_PATH = (
    DstType.IPV4, DstType.IPV6, DstType.HOST, DstType.PATH)
LTTNG_URI_HOP, LTTNG_URI_DST = UriType.HOP, UriType.DST
LTTNG_STREAM_CONTROL, LTTNG_STREAM_DATA = StreamType.CONTROL, StreamType.DATA
LTTNG_UDP, LTTNG_TCP = ProtoType.UDP, ProtoType.TCP
DOMAIN_KERNEL, DOMAIN_UST, DOMAIN_JUL, DOMAIN_LOG4J, DOMAIN_PYTHON = (
    Domain.KERNEL, Domain.UST, Domain.JUL, Domain.LOG4J, Domain.PYTHON)
BUFFER_PER_PID, BUFFER_PER_UID = BufferType.PER_PID, BufferType.PER_UID
EVENT_TRACEPOINT = EventType.TRACEPOINT
LTTNG_OK, LTTNG_ERR_UND, LTTNG_ERR_INVALID = ErrorCode.OK, ErrorCode.UND, ErrorCode.INVALID

__all__ = [
    "__version__", "Action", "ActionList", "ActionType", "AlreadyStartedError",
    "AlreadyStoppedError", "AlreadySubscribedError", "AppContext", "AppContextField",
    "ArrayElement", "BUFFER_PER_PID", "BUFFER_PER_UID", "BUNDLED", "BufferType",
    "BufferUsageEvaluation", "BufferUsageHigh", "BufferUsageLow", "ChannelClosedError",
    "ChannelExistsError", "ChannelInfo", "ChannelNotFoundError", "Condition", "ConditionType",
    "ConsumerDaemon", "ContextField", "ContextType", "DEFAULT_CHANNEL", "DOMAIN_JUL",
    "DOMAIN_KERNEL", "DOMAIN_LOG4J", "DOMAIN_PYTHON", "DOMAIN_UST", "Domain", "DomainInfo",
    "DstType", "EVENT_TRACEPOINT", "ErrorCode", "ErrorQueryResult", "Evaluation",
    "EventExistsError", "EventExpr", "EventFieldType", "EventInfo", "EventNotFoundError",
    "EventOutput", "EventRule", "EventRuleMatches", "EventRuleMatchesEvaluation",
    "EventRuleType", "EventType", "EveryN", "HealthError", "HealthReport", "HealthThread",
    "InvalidArgumentError", "JulLogLevel", "JulLoggingRule", "KernelKprobeRule",
    "KernelProbeAddress", "KernelProbeLocation", "KernelProbeSymbol", "KernelSyscallRule",
    "KernelTracepointRule", "KernelUnavailableError", "KernelUprobeRule", "LIBRARY_ENV",
    "LTTNG_DST_HOST", "LTTNG_DST_IPV4", "LTTNG_DST_IPV6", "LTTNG_DST_PATH",
    "LTTNG_ERR_INVALID", "LTTNG_ERR_UND", "LTTNG_OK", "LTTNG_STREAM_CONTROL",
    "LTTNG_STREAM_DATA", "LTTNG_TCP", "LTTNG_UDP", "LTTNG_URI_DST", "LTTNG_URI_HOP",
    "LTTNG_VERSION", "Library", "LibraryNotFoundError", "LocalArchive", "Log4jLogLevel",
    "Log4jLoggingRule", "LogLevel", "LogLevelRule", "LogLevelType", "LttngError",
    "NoSessionDaemonError", "NotLttngCtl", "NotLttngCtlError", "NotSupportedError",
    "Notification", "NotificationChannel", "Notify", "OnceAfterN", "PayloadField",
    "PerfCounter", "Periodic", "PermissionDeniedError", "ProcessAttr", "ProtoType",
    "PythonLogLevel", "PythonLoggingRule", "RatePolicy", "RelayArchive", "RelayConnectError",
    "RotateSession", "RotationResult", "RotationSchedule", "RotationState", "SONAME",
    "Session", "SessionConsumedSize", "SessionConsumedSizeEvaluation", "SessionExistsError",
    "SessionInfo", "SessionNotFoundError", "SessionRotationCompleted",
    "SessionRotationEvaluation", "SessionRotationOngoing", "SizeThreshold", "SnapshotOutput",
    "SnapshotSession", "StartSession", "StatusError", "StopSession", "StreamType",
    "SyscallEmissionSite", "TraceArchiveLocation", "Tracepoint", "TracepointField", "Tracker",
    "TrackerValueExistsError", "TrackerValueMissingError", "TrackingPolicy", "Trigger",
    "TriggerExistsError", "TriggerNotFoundError", "UndefinedCommandError",
    "UnknownConditionError", "UnsupportedByLibraryError", "Uri", "UriType",
    "UserTracepointRule", "UserspaceProbeFunction", "UserspaceProbeLocation",
    "UserspaceProbeTracepoint", "WaitTimeoutError", "consumerd_health", "create_session",
    "destroy_session", "find_library", "library", "list_sessions", "list_syscalls",
    "list_tracepoint_fields", "list_tracepoints", "list_triggers", "load_sessions",
    "parse_uri", "register_trigger", "relayd_health", "save_sessions", "session_daemon_alive",
    "sessiond_health", "set_library", "strerror", "trigger_errors", "unregister_trigger",
]
