"""Health checks of the session daemon, its consumer daemon and a relay daemon."""

from __future__ import annotations

import errno

import pytest

import lttng_ctl
from lttng_ctl import ConsumerDaemon, HealthError, Session

from conftest import env


def test_sessiond() -> None:
    report = lttng_ctl.sessiond_health()
    assert report.ok and report.component == "lttng-sessiond"
    assert len(report.threads) == 12 and report.bad_threads == []
    names = [t.name for t in report.threads]
    assert names[0] == "Session daemon command"
    assert names[8] is None  # the notification thread has no name upstream
    assert lttng_ctl.library().sessiond_health() == report


def test_consumerd(session: Session) -> None:
    session.enable_event("*")
    with session.tracing():  # the user-space consumer daemon exists once tracing needs it
        report = lttng_ctl.consumerd_health(ConsumerDaemon.UST_64)
    assert report.ok and len(report.threads) == 5
    assert report.threads[0].name == "Consumer daemon channel"
    with pytest.raises(HealthError) as kernel:
        lttng_ctl.consumerd_health(ConsumerDaemon.KERNEL)  # --no-kernel: none
    assert kernel.value.errno is None and "did not answer" in str(kernel.value)


def test_relayd() -> None:
    report = lttng_ctl.relayd_health(env("LTTNG_CTL_TEST_RELAY_HEALTH"))
    assert report.ok and len(report.threads) == 6
    assert report.threads[0].name == "Relay daemon dispatcher"
    with pytest.raises(HealthError) as missing:
        lttng_ctl.relayd_health("/nonexistent/health-1")
    assert missing.value.errno is None
    with pytest.raises(HealthError) as empty:
        lttng_ctl.relayd_health("")
    assert empty.value.errno == errno.EINVAL
    with pytest.raises(HealthError) as too_long:
        lttng_ctl.relayd_health("/" + "x" * 5000)
    assert too_long.value.errno == errno.EINVAL
