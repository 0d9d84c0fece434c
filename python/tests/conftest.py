"""Fixtures of the lttng_ctl tests, run by tests/python_package.rs against real daemons.

Environment (set by the Rust driver; the tests run as the unprivileged test user):

  LTTNG_HOME                    the real lttng-sessiond's home (started --no-kernel)
  LTTNG_CTL_TEST_MODE           "ours" (LTTNG_CTL_LIBRARY names lttng-ctl's library) or
                                "system" (the loader finds the system's liblttng-ctl)
  LTTNG_CTL_TEST_OURS           lttng-ctl's liblttng-ctl.so.0 (in both modes)
  LTTNG_CTL_TEST_REF_HOME       the home of lttng-ref-sessiond (the network-consumer calls)
  LTTNG_CTL_TEST_RELAY          CTRL:DATA:LIVE ports of a real lttng-relayd
  LTTNG_CTL_TEST_RELAY_HEALTH   that relay daemon's health socket
  LTTNG_CTL_TEST_TRACEF_APP     examples/traced_app.c built (N tracef() events)
  LTTNG_CTL_TEST_CAPTURE_APP    tests/c/py_capture_app.c built (pycap:sample events)
  LTTNG_CTL_TEST_EXAMPLES       the examples/ directory
  LTTNG_CTL_TEST_WORK           a directory the tests may write in
  CI                            "true": a missing component fails instead of skipping

The real lttng-sessiond 2.13.9 aborts on four requests, whichever library sends them (the
lttng CLI included); the tests stay away from them: listing the user-space event rules of
a channel when one has exclusions (they are enabled, and read back only where the daemon
survives it: nowhere), listing the event rules of a user-space channel that does not exist,
unregistering a trigger whose event rule is of an agent domain (JUL, log4j, Python), and an
error query on a trigger's single action (the package does not send it).
"""

from __future__ import annotations

import itertools
import os
import subprocess
import uuid
from typing import Callable, Dict, Iterator, List, Optional

import pytest

import lttng_ctl

CI = os.environ.get("CI") in ("true", "1")
MODE = os.environ.get("LTTNG_CTL_TEST_MODE", "ours")
_counter = itertools.count()


def missing(what: str) -> None:
    """A component the test needs is missing: a failure under CI, else a skip."""
    if CI:
        pytest.fail(f"{what} (required under CI)")
    pytest.skip(what)


def env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        missing(f"${name} is not set")
    return value  # type: ignore[return-value]


def unique(prefix: str = "py") -> str:
    """A session or trigger name no other test uses."""
    return f"{prefix}-{os.getpid()}-{next(_counter)}-{uuid.uuid4().hex[:6]}"


@pytest.fixture(scope="session")
def lib() -> lttng_ctl.Library:
    library = lttng_ctl.library()
    if MODE == "ours":
        assert library.is_lttng_ctl, library
        assert library.path == os.environ["LTTNG_CTL_LIBRARY"]
    else:
        assert not library.is_lttng_ctl, library
    return library


@pytest.fixture(scope="session")
def ours() -> bool:
    return MODE == "ours"


@pytest.fixture(autouse=True)
def daemon_survives(lib: lttng_ctl.Library) -> Iterator[None]:
    """Every test leaves the session daemon running (a crash shows where it happened)."""
    assert lib.session_daemon_alive(), "no session daemon before the test"
    yield
    assert lib.session_daemon_alive(), "the session daemon died during the test"


def require_triggers(lib: lttng_ctl.Library) -> None:
    """The trigger object API (issue 12's exports) must be in the loaded library."""
    for name in ("lttng_trigger_create", "lttng_condition_event_rule_matches_create",
                 "lttng_notification_channel_create", "lttng_event_field_value_get_type"):
        if not lib.exports(name):
            missing(f"{lib.path} does not export {name} (the trigger and notification "
                    f"object API)")


@pytest.fixture
def triggers(lib: lttng_ctl.Library) -> Iterator[List[str]]:
    """Requires the trigger API; unregisters, after the test, the triggers whose names the
    test appended to the list it gets."""
    require_triggers(lib)
    names: List[str] = []
    yield names
    registered = {t.name for t in lttng_ctl.list_triggers()}
    for name in names:
        if name in registered:
            lttng_ctl.unregister_trigger(name)


@pytest.fixture
def work(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A fresh directory for traces and saved sessions."""
    base = os.environ.get("LTTNG_CTL_TEST_WORK")
    if base:
        path = os.path.join(base, unique("w"))
        os.makedirs(path)
        return path
    return str(tmp_path_factory.mktemp("work"))


@pytest.fixture
def session(work: str) -> Iterator[lttng_ctl.Session]:
    """A session with a local output, destroyed after the test (if it still exists)."""
    s = lttng_ctl.create_session(unique("s"), os.path.join(work, "trace"))
    yield s
    s.close()
    if s.exists:
        s.destroy()


@pytest.fixture(scope="session")
def relay() -> Dict[str, int]:
    ctrl, data, live = env("LTTNG_CTL_TEST_RELAY").split(":")
    return {"ctrl": int(ctrl), "data": int(data), "live": int(live)}


@pytest.fixture(scope="session")
def net_url(relay: Dict[str, int]) -> str:
    return f"net://127.0.0.1:{relay['ctrl']}:{relay['data']}"


def run_app(variable: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    """Runs a traced application (same user, same LTTNG_HOME) to its end."""
    app = env(variable)
    return subprocess.run([app, *args], check=True, timeout=timeout, capture_output=True)


@pytest.fixture
def start_app() -> Iterator[Callable[..., "subprocess.Popen[bytes]"]]:
    """Starts traced applications in the background; ends them (by pid) after the test."""
    started: List["subprocess.Popen[bytes]"] = []

    def start(variable: str, *args: str) -> "subprocess.Popen[bytes]":
        p = subprocess.Popen([env(variable), *args], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        started.append(p)
        return p

    yield start
    for p in started:
        if p.poll() is None:
            p.kill()
        p.wait()


def kernel_refused(call: Callable[[], object]) -> None:
    """A kernel request to a user's daemon: NEED_ROOT_SESSIOND. The daemon answers before
    reading the request's payload; the real library then often dies of EPIPE writing it
    and returns FATAL (README, "Signals"), lttng-ctl returns the answer."""
    with pytest.raises(lttng_ctl.LttngError) as info:
        call()
    if MODE == "ours":
        assert type(info.value) is lttng_ctl.PermissionDeniedError, info.value
        assert info.value.code == lttng_ctl.ErrorCode.NEED_ROOT_SESSIOND
    else:
        assert info.value.code in (lttng_ctl.ErrorCode.NEED_ROOT_SESSIOND,
                                   lttng_ctl.ErrorCode.FATAL), info.value


def ref_home() -> Optional[str]:
    return os.environ.get("LTTNG_CTL_TEST_REF_HOME")
