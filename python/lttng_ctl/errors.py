"""Exceptions, and the LTTng error codes they carry.

Every failure of a library call raises :class:`LttngError` (or a subclass): ``code`` is the
positive ``enum lttng_error_code`` (an :class:`ErrorCode`), ``text`` its
``lttng_strerror()`` text, ``call`` the C function. Calls that answer with a status enum
instead of an error code (the trigger objects, trackers, the notification channel, ...)
raise :class:`StatusError`, an :class:`LttngError` whose ``code`` is the nearest LTTng code
and whose ``status`` is the C status name. Subclasses exist for the errors a program
commonly handles (:class:`SessionNotFoundError`, :class:`InvalidArgumentError`, ...); the
others raise :class:`LttngError` itself.

Other exceptions: :class:`LibraryNotFoundError` when no liblttng-ctl loads,
:class:`UnsupportedByLibraryError` for a function the loaded library does not export, and
its subclass :class:`NotLttngCtlError` for lttng-ctl's network-consumer calls on another
liblttng-ctl (the system's); :class:`HealthError` for a health query that failed.
"""

from __future__ import annotations

import enum
from typing import Dict, Optional, Type

__all__ = [
    "ErrorCode",
    "LttngError",
    "StatusError",
    "InvalidArgumentError",
    "NotSupportedError",
    "UndefinedCommandError",
    "NoSessionDaemonError",
    "SessionNotFoundError",
    "SessionExistsError",
    "AlreadyStartedError",
    "AlreadyStoppedError",
    "ChannelNotFoundError",
    "ChannelExistsError",
    "EventExistsError",
    "EventNotFoundError",
    "PermissionDeniedError",
    "KernelUnavailableError",
    "TrackerValueExistsError",
    "TrackerValueMissingError",
    "TriggerExistsError",
    "TriggerNotFoundError",
    "RelayConnectError",
    "AlreadySubscribedError",
    "UnknownConditionError",
    "ChannelClosedError",
    "WaitTimeoutError",
    "LibraryNotFoundError",
    "UnsupportedByLibraryError",
    "NotLttngCtlError",
    "NotLttngCtl",
    "HealthError",
]


class ErrorCode(enum.IntEnum):
    """``enum lttng_error_code`` (lttng/lttng-error.h), without the ``LTTNG_ERR_`` prefix."""

    OK = 10
    UNK = 11
    UND = 12
    SESSION_STARTED = 13
    UNKNOWN_DOMAIN = 14
    NOT_SUPPORTED = 15
    NO_SESSION = 16
    CREATE_DIR_FAIL = 17
    SESSION_FAIL = 18
    NO_SESSIOND = 19
    SET_URL = 20
    URL_EXIST = 21
    BUFFER_NOT_SUPPORTED = 22
    SESS_NOT_FOUND = 23
    BUFFER_TYPE_MISMATCH = 24
    FATAL = 25
    NOMEM = 26
    SELECT_SESS = 27
    EXIST_SESS = 28
    NO_EVENT = 29
    CONNECT_FAIL = 30
    SNAPSHOT_OUTPUT_EXIST = 31
    EPERM = 32
    KERN_NA = 33
    KERN_VERSION = 34
    KERN_EVENT_EXIST = 35
    KERN_SESS_FAIL = 36
    KERN_CHAN_EXIST = 37
    KERN_CHAN_FAIL = 38
    KERN_CHAN_NOT_FOUND = 39
    KERN_CHAN_DISABLE_FAIL = 40
    KERN_CHAN_ENABLE_FAIL = 41
    KERN_CONTEXT_FAIL = 42
    KERN_ENABLE_FAIL = 43
    KERN_DISABLE_FAIL = 44
    KERN_META_FAIL = 45
    KERN_START_FAIL = 46
    KERN_STOP_FAIL = 47
    KERN_CONSUMER_FAIL = 48
    KERN_STREAM_FAIL = 49
    START_SESSION_ONCE = 50
    SNAPSHOT_FAIL = 51
    NO_STREAM = 52
    KERN_LIST_FAIL = 53
    UST_CALIBRATE_FAIL = 54
    UST_EVENT_ENABLED = 55
    UST_SESS_FAIL = 56
    UST_CHAN_EXIST = 57
    UST_CHAN_FAIL = 58
    UST_CHAN_NOT_FOUND = 59
    UST_CHAN_DISABLE_FAIL = 60
    UST_CHAN_ENABLE_FAIL = 61
    CHAN_EXIST = 62
    UST_ENABLE_FAIL = 63
    UST_DISABLE_FAIL = 64
    UST_META_FAIL = 65
    UST_START_FAIL = 66
    UST_STOP_FAIL = 67
    UST_CONSUMER64_FAIL = 68
    UST_CONSUMER32_FAIL = 69
    UST_STREAM_FAIL = 70
    SNAPSHOT_NODATA = 71
    NO_CHANNEL = 72
    SESSION_INVALID_CHAR = 73
    UST_LIST_FAIL = 74
    UST_EVENT_EXIST = 75
    UST_EVENT_NOT_FOUND = 76
    UST_CONTEXT_EXIST = 77
    UST_CONTEXT_INVAL = 78
    NEED_ROOT_SESSIOND = 79
    TRACE_ALREADY_STARTED = 80
    TRACE_ALREADY_STOPPED = 81
    KERN_EVENT_ENOSYS = 82
    NEED_CHANNEL_NAME = 83
    NO_UST = 84
    SAVE_FILE_EXIST = 85
    SAVE_IO_FAIL = 86
    LOAD_INVALID_CONFIG = 87
    LOAD_IO_FAIL = 88
    LOAD_SESSION_NOENT = 89
    MAX_SIZE_INVALID = 90
    MI_OUTPUT_TYPE = 91
    MI_IO_FAIL = 92
    MI_NOT_IMPLEMENTED = 93
    INVALID = 97
    NO_USTCONSUMERD = 98
    NO_KERNCONSUMERD = 99
    EVENT_EXIST_LOGLEVEL = 100
    URL_DATA_MISS = 101
    URL_CTRL_MISS = 102
    ENABLE_CONSUMER_FAIL = 103
    RELAYD_CONNECT_FAIL = 104
    RELAYD_VERSION_FAIL = 105
    FILTER_INVAL = 106
    FILTER_NOMEM = 107
    FILTER_EXIST = 108
    NO_CONSUMER = 109
    EXCLUSION_INVAL = 110
    EXCLUSION_NOMEM = 111
    INVALID_EVENT_NAME = 112
    INVALID_CHANNEL_NAME = 113
    PROCESS_ATTR_EXISTS = 114
    PROCESS_ATTR_MISSING = 115
    INVALID_CHANNEL_DOMAIN = 116
    OVERFLOW = 117
    SESSION_NOT_STARTED = 118
    LIVE_SESSION = 119
    PER_PID_SESSION = 120
    KERN_CONTEXT_UNAVAILABLE = 121
    REGEN_STATEDUMP_FAIL = 122
    REGEN_STATEDUMP_NOMEM = 123
    NOT_SNAPSHOT_SESSION = 124
    INVALID_TRIGGER = 125
    TRIGGER_EXISTS = 126
    TRIGGER_NOT_FOUND = 127
    COMMAND_CANCELLED = 128
    ROTATION_PENDING = 129
    ROTATION_NOT_AVAILABLE = 130
    ROTATION_SCHEDULE_SET = 131
    ROTATION_SCHEDULE_NOT_SET = 132
    ROTATION_MULTIPLE_AFTER_STOP = 133
    ROTATION_WRONG_VERSION = 134
    NO_SESSION_OUTPUT = 135
    ROTATION_NOT_AVAILABLE_RELAY = 136
    AGENT_TRACING_DISABLED = 137
    PROBE_LOCATION_INVAL = 138
    ELF_PARSING = 139
    SDT_PROBE_SEMAPHORE = 140
    ROTATION_FAIL_CONSUMER = 141
    ROTATE_RENAME_FAIL_CONSUMER = 142
    ROTATION_PENDING_LOCAL_FAIL_CONSUMER = 143
    ROTATION_PENDING_RELAY_FAIL_CONSUMER = 144
    MKDIR_FAIL_CONSUMER = 145
    CHAN_NOT_FOUND = 146
    SNAPSHOT_UNSUPPORTED = 147
    SESSION_NOT_EXIST = 148
    CREATE_TRACE_CHUNK_FAIL_CONSUMER = 149
    CLOSE_TRACE_CHUNK_FAIL_CONSUMER = 150
    TRACE_CHUNK_EXISTS_FAIL_CONSUMER = 151
    INVALID_PROTOCOL = 152
    FILE_CREATION_ERROR = 153
    TIMER_STOP_ERROR = 154
    ROTATION_NOT_AVAILABLE_KERNEL = 155
    CLEAR_RELAY_DISALLOWED = 156
    CLEAR_NOT_AVAILABLE_RELAY = 157
    CLEAR_FAIL_CONSUMER = 158
    ROTATION_AFTER_STOP_CLEAR = 159
    USER_NOT_FOUND = 160
    GROUP_NOT_FOUND = 161
    UNSUPPORTED_DOMAIN = 162
    PROCESS_ATTR_TRACKER_INVALID_TRACKING_POLICY = 163
    EVENT_NOTIFIER_GROUP_NOTIFICATION_FD = 164
    INVALID_CAPTURE_EXPRESSION = 165
    EVENT_NOTIFIER_REGISTRATION = 166
    EVENT_NOTIFIER_ERROR_ACCOUNTING = 167
    EVENT_NOTIFIER_ERROR_ACCOUNTING_FULL = 168
    INVALID_ERROR_QUERY_TARGET = 169
    BUFFER_FLUSH_FAILED = 170

    @classmethod
    def _missing_(cls, value: object) -> Optional["ErrorCode"]:
        return None


def _code_of(code: int) -> "int | ErrorCode":
    try:
        return ErrorCode(code)
    except ValueError:
        return code


class LttngError(Exception):
    """A failed LTTng call.

    ``code`` is the positive LTTng error code (an :class:`ErrorCode` when it is one the
    headers name), ``text`` the library's ``lttng_strerror()`` text for it, ``call`` the C
    function that failed. ``status`` is set by :class:`StatusError` only.
    """

    code: "int | ErrorCode"
    text: str
    call: str
    status: Optional[str]

    def __init__(self, code: int, text: str, call: str, status: Optional[str] = None):
        self.code = _code_of(abs(code))
        self.text = text
        self.call = call
        self.status = status
        detail = f", {status}" if status else ""
        super().__init__(f"{call}: {text} (LTTng error {int(self.code)}{detail})")

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (_rebuild, (type(self), int(self.code), self.text, self.call, self.status))


def _rebuild(cls: Type[LttngError], code: int, text: str, call: str,
             status: Optional[str]) -> LttngError:
    return cls(code, text, call, status)


class StatusError(LttngError):
    """A call that answers with a status enum failed: ``status`` is the C status name (for
    example ``LTTNG_CONDITION_STATUS_INVALID``), ``code`` the nearest LTTng error code
    (``INVALID`` for an invalid argument, ``NOT_SUPPORTED``, ``UNK`` for a generic error)."""


class InvalidArgumentError(LttngError, ValueError):
    """``LTTNG_ERR_INVALID`` (97), or an ``..._STATUS_INVALID`` status: the library refused
    an argument."""


class NotSupportedError(LttngError):
    """``LTTNG_ERR_NOT_SUPPORTED`` (15), or an ``..._STATUS_UNSUPPORTED`` status."""


class UndefinedCommandError(LttngError):
    """``LTTNG_ERR_UND`` (12): the session daemon does not know the command (the real 2.13
    daemon answers so to lttng-ctl's ``lttng_enable_consumer``)."""


class NoSessionDaemonError(LttngError, ConnectionError):
    """``LTTNG_ERR_NO_SESSIOND`` (19): no session daemon answers."""


class SessionNotFoundError(LttngError, LookupError):
    """``LTTNG_ERR_SESS_NOT_FOUND`` (23) or ``SESSION_NOT_EXIST`` (148)."""


class SessionExistsError(LttngError):
    """``LTTNG_ERR_EXIST_SESS`` (28)."""


class AlreadyStartedError(LttngError):
    """``LTTNG_ERR_TRACE_ALREADY_STARTED`` (80)."""


class AlreadyStoppedError(LttngError):
    """``LTTNG_ERR_TRACE_ALREADY_STOPPED`` (81)."""


class ChannelNotFoundError(LttngError, LookupError):
    """A channel that does not exist (``UST_CHAN_NOT_FOUND`` 59, ``KERN_CHAN_NOT_FOUND`` 39,
    ``CHAN_NOT_FOUND`` 146)."""


class ChannelExistsError(LttngError):
    """A channel that exists already (``UST_CHAN_EXIST`` 57, ``KERN_CHAN_EXIST`` 37,
    ``CHAN_EXIST`` 62)."""


class EventExistsError(LttngError):
    """An event rule that exists already (``UST_EVENT_EXIST`` 75, ``KERN_EVENT_EXIST`` 35,
    ``UST_EVENT_ENABLED`` 55, ``FILTER_EXIST`` 108)."""


class EventNotFoundError(LttngError, LookupError):
    """``UST_EVENT_NOT_FOUND`` (76), ``NO_EVENT`` (29)."""


class PermissionDeniedError(LttngError, PermissionError):
    """``LTTNG_ERR_EPERM`` (32), ``NEED_ROOT_SESSIOND`` (79), or a ``PERMISSION_DENIED``
    status."""


class KernelUnavailableError(LttngError):
    """The kernel tracer is not available (``KERN_NA`` 33)."""


class TrackerValueExistsError(LttngError):
    """``PROCESS_ATTR_EXISTS`` (114): the value is tracked already."""


class TrackerValueMissingError(LttngError, LookupError):
    """``PROCESS_ATTR_MISSING`` (115): the value is not tracked."""


class TriggerExistsError(LttngError):
    """``TRIGGER_EXISTS`` (126)."""


class TriggerNotFoundError(LttngError, LookupError):
    """``TRIGGER_NOT_FOUND`` (127)."""


class RelayConnectError(LttngError, ConnectionError):
    """``RELAYD_CONNECT_FAIL`` (104): the relay daemon cannot be reached."""


class AlreadySubscribedError(StatusError):
    """``LTTNG_NOTIFICATION_CHANNEL_STATUS_ALREADY_SUBSCRIBED``."""


class UnknownConditionError(StatusError, LookupError):
    """``LTTNG_NOTIFICATION_CHANNEL_STATUS_UNKNOWN_CONDITION``: unsubscribing from a
    condition the channel is not subscribed to."""


class ChannelClosedError(StatusError, ConnectionError):
    """``LTTNG_NOTIFICATION_CHANNEL_STATUS_CLOSED``: the session daemon closed the
    notification channel."""


class WaitTimeoutError(StatusError, TimeoutError):
    """A wait with a timeout (destruction, clear, rotation) ran out of time."""


_BY_CODE: Dict[int, Type[LttngError]] = {
    ErrorCode.INVALID: InvalidArgumentError,
    ErrorCode.NOT_SUPPORTED: NotSupportedError,
    ErrorCode.UND: UndefinedCommandError,
    ErrorCode.NO_SESSIOND: NoSessionDaemonError,
    ErrorCode.SESS_NOT_FOUND: SessionNotFoundError,
    ErrorCode.SESSION_NOT_EXIST: SessionNotFoundError,
    ErrorCode.EXIST_SESS: SessionExistsError,
    ErrorCode.TRACE_ALREADY_STARTED: AlreadyStartedError,
    ErrorCode.TRACE_ALREADY_STOPPED: AlreadyStoppedError,
    ErrorCode.UST_CHAN_NOT_FOUND: ChannelNotFoundError,
    ErrorCode.KERN_CHAN_NOT_FOUND: ChannelNotFoundError,
    ErrorCode.CHAN_NOT_FOUND: ChannelNotFoundError,
    ErrorCode.UST_CHAN_EXIST: ChannelExistsError,
    ErrorCode.KERN_CHAN_EXIST: ChannelExistsError,
    ErrorCode.CHAN_EXIST: ChannelExistsError,
    ErrorCode.UST_EVENT_EXIST: EventExistsError,
    ErrorCode.KERN_EVENT_EXIST: EventExistsError,
    ErrorCode.UST_EVENT_ENABLED: EventExistsError,
    ErrorCode.FILTER_EXIST: EventExistsError,
    ErrorCode.UST_EVENT_NOT_FOUND: EventNotFoundError,
    ErrorCode.NO_EVENT: EventNotFoundError,
    ErrorCode.EPERM: PermissionDeniedError,
    ErrorCode.NEED_ROOT_SESSIOND: PermissionDeniedError,
    ErrorCode.KERN_NA: KernelUnavailableError,
    ErrorCode.PROCESS_ATTR_EXISTS: TrackerValueExistsError,
    ErrorCode.PROCESS_ATTR_MISSING: TrackerValueMissingError,
    ErrorCode.TRIGGER_EXISTS: TriggerExistsError,
    ErrorCode.TRIGGER_NOT_FOUND: TriggerNotFoundError,
    ErrorCode.RELAYD_CONNECT_FAIL: RelayConnectError,
}


def error_class(code: int) -> Type[LttngError]:
    """The exception class raised for the LTTng error ``code`` (either sign)."""
    return _BY_CODE.get(abs(code), LttngError)


class LibraryNotFoundError(OSError):
    """No liblttng-ctl could be loaded (see :func:`lttng_ctl.find_library`)."""


class UnsupportedByLibraryError(RuntimeError):
    """The loaded liblttng-ctl does not export ``function`` (an older lttng-ctl that lacks
    it, or the system's library for lttng-ctl's own calls)."""

    def __init__(self, function: str, path: str, why: str = ""):
        self.function = function
        self.path = path
        super().__init__(f"{function}: not exported by {path}{why}")


class NotLttngCtlError(UnsupportedByLibraryError):
    """lttng-ctl's network-consumer calls (``lttng_uri_parse``, ``lttng_set_consumer_uri``,
    ``lttng_enable_consumer``, ``lttng_disable_consumer``) on a liblttng-ctl that is not
    lttng-ctl's (the system's): they exist only in lttng-ctl."""

    def __init__(self, function: str, path: str):
        super().__init__(function, path, " (not lttng-ctl: no network-consumer API)")


#: The name of :class:`NotLttngCtlError` in the first releases of the module.
NotLttngCtl = NotLttngCtlError


class HealthError(OSError):
    """A health check failed: the daemon did not answer (``errno`` None) or the library
    refused the request (``errno`` set, for example ``EINVAL``)."""
