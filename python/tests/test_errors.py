"""Errors: every failure raises an LttngError carrying the LTTng code and its text."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys

import pytest

import lttng_ctl
from lttng_ctl import ErrorCode, LttngError

from conftest import unique


def test_strerror(lib: lttng_ctl.Library) -> None:
    assert lib.strerror(23) == lib.strerror(-23) == "Session name not found"
    assert lttng_ctl.strerror(ErrorCode.INVALID) == "Invalid parameter"
    assert lib.strerror(52) == "Unknown error code"  # no text upstream


def test_error_carries_code_text_and_call(lib: lttng_ctl.Library) -> None:
    with pytest.raises(lttng_ctl.SessionNotFoundError) as info:
        lttng_ctl.destroy_session(unique("missing"))
    e = info.value
    assert isinstance(e, LttngError) and isinstance(e, LookupError)
    assert e.code == ErrorCode.SESS_NOT_FOUND and isinstance(e.code, ErrorCode)
    assert e.text == "Session name not found" == lib.strerror(e.code)
    assert e.call == "lttng_destroy_session"
    assert e.status is None
    assert str(e) == "lttng_destroy_session: Session name not found (LTTng error 23)"


def test_errors_pickle() -> None:
    e = lttng_ctl.InvalidArgumentError(97, "Invalid parameter", "f", "SOME_STATUS")
    back = pickle.loads(pickle.dumps(e))
    assert type(back) is lttng_ctl.InvalidArgumentError
    assert (back.code, back.text, back.call, back.status) == (97, "Invalid parameter", "f",
                                                              "SOME_STATUS")


def test_error_classes_by_code(lib: lttng_ctl.Library) -> None:
    expected = {
        ErrorCode.INVALID: lttng_ctl.InvalidArgumentError,
        ErrorCode.NOT_SUPPORTED: lttng_ctl.NotSupportedError,
        ErrorCode.UND: lttng_ctl.UndefinedCommandError,
        ErrorCode.NO_SESSIOND: lttng_ctl.NoSessionDaemonError,
        ErrorCode.SESS_NOT_FOUND: lttng_ctl.SessionNotFoundError,
        ErrorCode.EXIST_SESS: lttng_ctl.SessionExistsError,
        ErrorCode.TRACE_ALREADY_STARTED: lttng_ctl.AlreadyStartedError,
        ErrorCode.TRACE_ALREADY_STOPPED: lttng_ctl.AlreadyStoppedError,
        ErrorCode.UST_CHAN_NOT_FOUND: lttng_ctl.ChannelNotFoundError,
        ErrorCode.UST_EVENT_ENABLED: lttng_ctl.EventExistsError,
        ErrorCode.NEED_ROOT_SESSIOND: lttng_ctl.PermissionDeniedError,
        ErrorCode.PROCESS_ATTR_EXISTS: lttng_ctl.TrackerValueExistsError,
        ErrorCode.PROCESS_ATTR_MISSING: lttng_ctl.TrackerValueMissingError,
        ErrorCode.TRIGGER_EXISTS: lttng_ctl.TriggerExistsError,
        ErrorCode.TRIGGER_NOT_FOUND: lttng_ctl.TriggerNotFoundError,
        ErrorCode.RELAYD_CONNECT_FAIL: lttng_ctl.RelayConnectError,
        ErrorCode.SESSION_NOT_EXIST: lttng_ctl.SessionNotFoundError,
        ErrorCode.SAVE_FILE_EXIST: LttngError,
    }
    for code, cls in expected.items():
        e = lib.error(-code, "call")
        assert type(e) is cls, code
        assert e.code == code and e.text == lib.strerror(code)


NO_DAEMON = """
import lttng_ctl
assert not lttng_ctl.session_daemon_alive()
for call in (lttng_ctl.list_sessions, lambda: lttng_ctl.create_session("x"),
             lambda: lttng_ctl.Session("x").start()):
    try:
        call()
    except lttng_ctl.NoSessionDaemonError as e:
        assert e.code == lttng_ctl.ErrorCode.NO_SESSIOND and isinstance(e, ConnectionError)
        print(e.call)
"""


def test_no_session_daemon(work: str) -> None:
    # A home without a daemon (in a new process: the real library keeps the first home it
    # sees): every command answers NO_SESSIOND.
    out = subprocess.run([sys.executable, "-c", NO_DAEMON], capture_output=True, text=True,
                         env=dict(os.environ, LTTNG_HOME=work), timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["lttng_list_sessions", "lttng_create_session_ext",
                                  "lttng_start_tracing"]


def test_status_errors_are_lttng_errors() -> None:
    # A status enum failure (here a condition setter's INVALID) is an LttngError too.
    assert issubclass(lttng_ctl.StatusError, LttngError)
    assert issubclass(lttng_ctl.AlreadySubscribedError, lttng_ctl.StatusError)
    assert issubclass(lttng_ctl.UnknownConditionError, lttng_ctl.StatusError)
    assert issubclass(lttng_ctl.ChannelClosedError, ConnectionError)
    assert issubclass(lttng_ctl.WaitTimeoutError, TimeoutError)


def test_bad_session_names(work: str) -> None:
    with pytest.raises(LttngError) as info:
        lttng_ctl.create_session("a/b", os.path.join(work, "t"))
    assert info.value.code == ErrorCode.SESSION_INVALID_CHAR
    assert info.value.call == "lttng_create_session_ext"
