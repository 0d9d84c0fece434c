"""Notifications: a channel subscribed to conditions, iterated with a timeout; captured
field values of a traced application as Python values."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from typing import Callable, List

import pytest

import lttng_ctl
from lttng_ctl import (BufferUsageHigh, BufferUsageLow, ConditionType, ContextField,
                       EventRuleMatches, Notify, NotificationChannel, PayloadField,
                       SessionConsumedSize, SessionRotationCompleted, SessionRotationOngoing,
                       Trigger, UserTracepointRule)

from conftest import require_triggers, run_app, unique

APP = "LTTNG_CTL_TEST_CAPTURE_APP"


def test_subscription_errors(triggers: List[str]) -> None:
    condition = SessionConsumedSize("s", 10)
    with NotificationChannel() as channel:
        with pytest.raises(lttng_ctl.UnknownConditionError) as unknown:
            channel.unsubscribe(condition)
        assert unknown.value.status == "LTTNG_NOTIFICATION_CHANNEL_STATUS_UNKNOWN_CONDITION"
        channel.subscribe(condition)
        with pytest.raises(lttng_ctl.AlreadySubscribedError) as again:
            channel.subscribe(condition)
        assert again.value.code == lttng_ctl.ErrorCode.INVALID
        with pytest.raises(lttng_ctl.InvalidArgumentError):
            channel.subscribe(BufferUsageHigh("s", "c"))  # no threshold
        channel.unsubscribe(condition)
        assert not channel.pending()
    assert "closed" in repr(channel)
    with pytest.raises(ValueError):
        channel.receive(0)


def test_timeouts(triggers: List[str]) -> None:
    with NotificationChannel(timeout=0.3) as channel:
        channel.subscribe(SessionRotationOngoing("never"))
        start = time.monotonic()
        assert channel.receive(timeout=0.2) is None
        assert 0.2 <= time.monotonic() - start < 2
        start = time.monotonic()
        assert list(channel) == []  # the channel's own timeout
        assert list(channel.notifications(timeout=0)) == []
        assert 0.3 <= time.monotonic() - start < 3


def test_captured_values(triggers: List[str]) -> None:
    captures = [PayloadField("n"), PayloadField("neg"), PayloadField("big"), PayloadField("x"),
                PayloadField("text"), PayloadField("values"), PayloadField("values")[2],
                PayloadField("color"), PayloadField("no_such_field"), ContextField("vpid")]
    condition = EventRuleMatches(UserTracepointRule("pycap:sample", filter="n >= 2"),
                                 captures=captures)
    name = unique("cap")
    triggers.append(name)
    lttng_ctl.register_trigger(Trigger(condition, Notify()), name)
    with NotificationChannel() as channel:
        channel.subscribe(condition)
        app = run_app(APP, "5")
        assert app.returncode == 0
        got = list(channel.notifications(timeout=5, count=3))
    assert len(got) == 3
    for i, n in zip((2, 3, 4), got):
        assert n.trigger_name == name
        assert n.condition == condition
        assert isinstance(n.evaluation, lttng_ctl.EventRuleMatchesEvaluation)
        assert n.evaluation.type == ConditionType.EVENT_RULE_MATCHES
        values = n.captures
        assert values is not None
        n_, neg, big, x, text, array, elem, color, unavailable, vpid = values
        assert n_ == i and isinstance(n_, int)
        assert neg == -i * 1000000000000
        assert big == (1 << 64) - 1 - i
        assert x == i + 0.25 and isinstance(x, float)
        assert text == f"sample {i}"
        assert array == [i, 2 * i, 3 * i]
        assert elem == 3 * i
        assert color == i % 2
        assert unavailable is None
        assert isinstance(vpid, int) and vpid > 0


def test_iterating_a_channel(triggers: List[str]) -> None:
    condition = EventRuleMatches(UserTracepointRule("pycap:sample"),
                                 captures=[PayloadField("text")])
    name = unique("iter")
    triggers.append(name)
    lttng_ctl.register_trigger(Trigger(condition, Notify()), name)
    texts = []
    with NotificationChannel(timeout=3) as channel:
        channel.subscribe(condition)
        run_app(APP, "4")
        for notification in channel:
            texts.append(notification.captures[0])  # type: ignore[index]
        assert channel.dropped == 0
    assert texts == [f"sample {i}" for i in range(4)]


def test_no_captures(triggers: List[str]) -> None:
    condition = EventRuleMatches(UserTracepointRule("pycap:sample"))
    name = unique("nocap")
    triggers.append(name)
    lttng_ctl.register_trigger(Trigger(condition, Notify()), name)
    with NotificationChannel() as channel:
        channel.subscribe(condition)
        run_app(APP, "1")
        n = channel.receive(timeout=5)
    assert n is not None and n.captures is None
    assert isinstance(n.evaluation, lttng_ctl.EventRuleMatchesEvaluation)
    assert n.evaluation.captures is None


def test_session_notifications(triggers: List[str], work: str,
                               start_app: Callable[..., object]) -> None:
    with lttng_ctl.create_session(unique(), f"{work}/trace") as s:
        s.enable_channel("c", subbuf_size=4096, num_subbuf=2, monitor_timer_us=100000)
        s.enable_event("pycap:*", "c")
        conditions = [BufferUsageHigh(s.name, "c", threshold_ratio=0.0001),
                      BufferUsageLow(s.name, "c", threshold_ratio=0.99),
                      SessionConsumedSize(s.name, 1),
                      SessionRotationOngoing(s.name), SessionRotationCompleted(s.name)]
        for c in conditions:
            name = unique("sess")
            triggers.append(name)
            lttng_ctl.register_trigger(Trigger(c, Notify()), name)
        seen = {}
        with NotificationChannel() as channel:
            for c in conditions:
                channel.subscribe(c)
            with s.tracing():
                start_app(APP, "200000", "10")
                deadline = time.monotonic() + 30
                while len(seen) < 3 and time.monotonic() < deadline:
                    n = channel.receive(timeout=1)
                    if n is not None and n.evaluation is not None:
                        seen[n.evaluation.type] = n
                s.rotate()
                while len(seen) < 5 and time.monotonic() < deadline:
                    n = channel.receive(timeout=1)
                    if n is not None and n.evaluation is not None:
                        seen[n.evaluation.type] = n
    assert set(seen) == {ConditionType.BUFFER_USAGE_HIGH, ConditionType.BUFFER_USAGE_LOW,
                         ConditionType.SESSION_CONSUMED_SIZE,
                         ConditionType.SESSION_ROTATION_ONGOING,
                         ConditionType.SESSION_ROTATION_COMPLETED}
    high = seen[ConditionType.BUFFER_USAGE_HIGH].evaluation
    assert isinstance(high, lttng_ctl.BufferUsageEvaluation)
    assert 0 < high.usage_ratio <= 1 and high.usage_bytes > 0
    consumed = seen[ConditionType.SESSION_CONSUMED_SIZE].evaluation
    assert isinstance(consumed, lttng_ctl.SessionConsumedSizeEvaluation)
    assert consumed.consumed_bytes >= 1
    done = seen[ConditionType.SESSION_ROTATION_COMPLETED]
    assert isinstance(done.evaluation, lttng_ctl.SessionRotationEvaluation)
    assert isinstance(done.evaluation.location, lttng_ctl.LocalArchive)
    assert done.evaluation.location.path.startswith(f"{work}/trace/archives/")
    ongoing = seen[ConditionType.SESSION_ROTATION_ONGOING].evaluation
    assert isinstance(ongoing, lttng_ctl.SessionRotationEvaluation)
    assert ongoing.id == done.evaluation.id and ongoing.location is None


DAEMON_GOES_AWAY = """
import os, signal, socket, subprocess, sys, time
import lttng_ctl
from lttng_ctl import NotificationChannel, SessionRotationOngoing

home = os.environ["LTTNG_HOME"]
try:
    NotificationChannel()
except lttng_ctl.NoSessionDaemonError as e:
    print("no daemon:", e.call)
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
daemon = subprocess.Popen(["lttng-sessiond", "--no-kernel", f"--agent-tcp-port={port}"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    path = os.path.join(home, ".lttng", "sessiond-notification")
    deadline = time.monotonic() + 20
    while not (os.path.exists(path) and lttng_ctl.session_daemon_alive()):
        assert daemon.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    channel = NotificationChannel()
    channel.subscribe(SessionRotationOngoing("s"))
    daemon.send_signal(signal.SIGTERM)
    daemon.wait(30)
    try:
        channel.receive(timeout=5)
    except lttng_ctl.ChannelClosedError as e:
        assert isinstance(e, ConnectionError)
        print("closed:", int(e.code), e.call)
    channel.close()
finally:
    if daemon.poll() is None:
        daemon.kill()
        daemon.wait()
"""


def test_session_daemon_goes_away(lib: lttng_ctl.Library, work: str) -> None:
    # In a process of its own (the real library keeps the first home it sees), with a
    # session daemon of its own (its pid known, ended by pid): no daemon, then one that
    # goes away while a channel waits.
    require_triggers(lib)
    home = os.path.join(work, "own-home")
    os.makedirs(home)
    out = subprocess.run([sys.executable, "-c", DAEMON_GOES_AWAY], capture_output=True,
                         text=True, env=dict(os.environ, LTTNG_HOME=home), timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "no daemon: lttng_notification_channel_create",
        "closed: 19 lttng_notification_channel_has_pending_notification"], out.stdout
