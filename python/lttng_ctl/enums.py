"""The C enums of the 2.13 headers as Python ``IntEnum``s (the ``LTTNG_`` prefix and the
enum's own prefix dropped: ``LTTNG_DOMAIN_UST`` is ``Domain.UST``)."""

from __future__ import annotations

import enum

__all__ = [
    "Domain", "BufferType", "EventType", "LogLevelType", "LogLevel", "JulLogLevel",
    "Log4jLogLevel", "PythonLogLevel", "EventOutput", "ContextType", "EventFieldType",
    "ProcessAttr", "TrackingPolicy", "RotationState", "ConditionType", "ActionType",
    "EventRuleType", "SyscallEmissionSite", "ConsumerDaemon", "DstType", "UriType",
    "StreamType", "ProtoType",
]


class Domain(enum.IntEnum):
    """``enum lttng_domain_type``."""
    NONE = 0
    KERNEL = 1
    UST = 2
    JUL = 3
    LOG4J = 4
    PYTHON = 5


class BufferType(enum.IntEnum):
    """``enum lttng_buffer_type``."""
    PER_PID = 0
    PER_UID = 1
    GLOBAL = 2


class EventType(enum.IntEnum):
    """``enum lttng_event_type``."""
    ALL = -1
    TRACEPOINT = 0
    PROBE = 1
    FUNCTION = 2
    FUNCTION_ENTRY = 3
    NOOP = 4
    SYSCALL = 5
    USERSPACE_PROBE = 6


class LogLevelType(enum.IntEnum):
    """``enum lttng_loglevel_type``."""
    ALL = 0
    RANGE = 1
    SINGLE = 2


class LogLevel(enum.IntEnum):
    """``enum lttng_loglevel`` (user space)."""
    EMERG = 0
    ALERT = 1
    CRIT = 2
    ERR = 3
    WARNING = 4
    NOTICE = 5
    INFO = 6
    DEBUG_SYSTEM = 7
    DEBUG_PROGRAM = 8
    DEBUG_PROCESS = 9
    DEBUG_MODULE = 10
    DEBUG_UNIT = 11
    DEBUG_FUNCTION = 12
    DEBUG_LINE = 13
    DEBUG = 14


class JulLogLevel(enum.IntEnum):
    """``enum lttng_loglevel_jul``."""
    OFF = 2147483647
    SEVERE = 1000
    WARNING = 900
    INFO = 800
    CONFIG = 700
    FINE = 500
    FINER = 400
    FINEST = 300
    ALL = -2147483648


class Log4jLogLevel(enum.IntEnum):
    """``enum lttng_loglevel_log4j``."""
    OFF = 2147483647
    FATAL = 50000
    ERROR = 40000
    WARN = 30000
    INFO = 20000
    DEBUG = 10000
    TRACE = 5000
    ALL = -2147483648


class PythonLogLevel(enum.IntEnum):
    """``enum lttng_loglevel_python``."""
    CRITICAL = 50
    ERROR = 40
    WARNING = 30
    INFO = 20
    DEBUG = 10
    NOTSET = 0


class EventOutput(enum.IntEnum):
    """``enum lttng_event_output``."""
    SPLICE = 0
    MMAP = 1


class ContextType(enum.IntEnum):
    """``enum lttng_event_context_type``."""
    PID = 0
    PERF_COUNTER = 1
    PROCNAME = 2
    PRIO = 3
    NICE = 4
    VPID = 5
    TID = 6
    VTID = 7
    PPID = 8
    VPPID = 9
    PTHREAD_ID = 10
    HOSTNAME = 11
    IP = 12
    PERF_CPU_COUNTER = 13
    PERF_THREAD_COUNTER = 14
    APP_CONTEXT = 15
    INTERRUPTIBLE = 16
    PREEMPTIBLE = 17
    NEED_RESCHEDULE = 18
    MIGRATABLE = 19
    CALLSTACK_KERNEL = 20
    CALLSTACK_USER = 21
    CGROUP_NS = 22
    IPC_NS = 23
    MNT_NS = 24
    NET_NS = 25
    PID_NS = 26
    USER_NS = 27
    UTS_NS = 28
    UID = 29
    EUID = 30
    SUID = 31
    GID = 32
    EGID = 33
    SGID = 34
    VUID = 35
    VEUID = 36
    VSUID = 37
    VGID = 38
    VEGID = 39
    VSGID = 40
    TIME_NS = 41


class EventFieldType(enum.IntEnum):
    """``enum lttng_event_field_type``."""
    OTHER = 0
    INTEGER = 1
    ENUM = 2
    FLOAT = 3
    STRING = 4


class ProcessAttr(enum.IntEnum):
    """``enum lttng_process_attr``."""
    PROCESS_ID = 0
    VIRTUAL_PROCESS_ID = 1
    USER_ID = 2
    VIRTUAL_USER_ID = 3
    GROUP_ID = 4
    VIRTUAL_GROUP_ID = 5
    # Short names, as the lttng CLI's options.
    PID = 0
    VPID = 1
    UID = 2
    VUID = 3
    GID = 4
    VGID = 5


class TrackingPolicy(enum.IntEnum):
    """``enum lttng_tracking_policy``."""
    INCLUDE_ALL = 0
    EXCLUDE_ALL = 1
    INCLUDE_SET = 2


class RotationState(enum.IntEnum):
    """``enum lttng_rotation_state``."""
    NO_ROTATION = 0
    ONGOING = 1
    COMPLETED = 2
    EXPIRED = 3
    ERROR = -1


class ConditionType(enum.IntEnum):
    """``enum lttng_condition_type``."""
    UNKNOWN = -1
    SESSION_CONSUMED_SIZE = 100
    BUFFER_USAGE_HIGH = 101
    BUFFER_USAGE_LOW = 102
    SESSION_ROTATION_ONGOING = 103
    SESSION_ROTATION_COMPLETED = 104
    EVENT_RULE_MATCHES = 105


class ActionType(enum.IntEnum):
    """``enum lttng_action_type``."""
    UNKNOWN = -1
    NOTIFY = 0
    START_SESSION = 1
    STOP_SESSION = 2
    ROTATE_SESSION = 3
    SNAPSHOT_SESSION = 4
    LIST = 5


class EventRuleType(enum.IntEnum):
    """``enum lttng_event_rule_type``."""
    UNKNOWN = -1
    KERNEL_SYSCALL = 0
    KERNEL_KPROBE = 1
    KERNEL_TRACEPOINT = 2
    KERNEL_UPROBE = 3
    USER_TRACEPOINT = 4
    JUL_LOGGING = 5
    LOG4J_LOGGING = 6
    PYTHON_LOGGING = 7


class SyscallEmissionSite(enum.IntEnum):
    """``enum lttng_event_rule_kernel_syscall_emission_site``."""
    ENTRY_EXIT = 0
    ENTRY = 1
    EXIT = 2
    UNKNOWN = -1


class ConsumerDaemon(enum.IntEnum):
    """``enum lttng_health_consumerd``."""
    UST_32 = 0
    UST_64 = 1
    KERNEL = 2


class DstType(enum.IntEnum):
    """``enum lttng_dst_type`` (network-consumer design)."""
    IPV4 = 0
    IPV6 = 1
    HOST = 2
    PATH = 3


class UriType(enum.IntEnum):
    """``enum lttng_uri_type`` (network-consumer design)."""
    HOP = 0
    DST = 1


class StreamType(enum.IntEnum):
    """``enum lttng_stream_type`` (network-consumer design)."""
    CONTROL = 0
    DATA = 1


class ProtoType(enum.IntEnum):
    """``enum lttng_proto_type`` (network-consumer design)."""
    UDP = 0
    TCP = 1
