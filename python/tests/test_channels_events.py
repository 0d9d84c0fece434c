"""Channels with their attributes, event rules with filters, log levels and exclusions,
contexts, domains and the instrumentation lists."""

from __future__ import annotations

import time
from typing import Callable

import pytest

import lttng_ctl
from lttng_ctl import (BufferType, ContextType, Domain, ErrorCode, EventOutput, EventType,
                       LogLevel, LogLevelRule, LttngError, PythonLogLevel, Session)

from conftest import env, kernel_refused, require_triggers


def test_channel_attributes(session: Session) -> None:
    c = session.enable_channel("attrs", overwrite=True, subbuf_size=16384, num_subbuf=8,
                               switch_timer_us=200000, read_timer_us=300000,
                               output=EventOutput.MMAP, tracefile_size=1 << 20,
                               tracefile_count=4, live_timer_us=0, monitor_timer_us=500000,
                               blocking_timeout_us=1000)
    assert c == session.channel("attrs")
    assert (c.name, c.domain, c.enabled, c.overwrite) == ("attrs", Domain.UST, True, True)
    assert (c.subbuf_size, c.num_subbuf) == (16384, 8)
    assert (c.switch_timer_us, c.read_timer_us) == (200000, 300000)
    assert (c.tracefile_size, c.tracefile_count, c.output) == (1 << 20, 4, EventOutput.MMAP)
    assert (c.monitor_timer_us, c.blocking_timeout_us) == (500000, 1000)
    assert (c.discarded_events, c.lost_packets) == (0, 0)


def test_channel_defaults_and_listing(session: Session) -> None:
    a = session.enable_channel("a")
    b = session.enable_channel("b", subbuf_size=8192, blocking_timeout_us=-1)
    assert not a.overwrite and a.subbuf_size > 0 and a.num_subbuf > 0
    assert b.blocking_timeout_us == -1
    assert [c.name for c in session.channels()] == ["a", "b"] or \
        sorted(c.name for c in session.channels()) == ["a", "b"]
    session.disable_channel("b")
    assert not session.channel("b").enabled
    session.enable_channel("b")
    assert session.channel("b").enabled
    assert session.domains() == [lttng_ctl.DomainInfo(Domain.UST, BufferType.PER_UID)]


def test_per_pid_buffers(session: Session) -> None:
    session.enable_channel("pp", buffer_type=BufferType.PER_PID)
    assert session.domains() == [lttng_ctl.DomainInfo(Domain.UST, BufferType.PER_PID)]


def test_channel_errors(session: Session) -> None:
    with pytest.raises(lttng_ctl.ChannelNotFoundError) as info:
        session.channel("nochan")
    assert info.value.code == ErrorCode.UST_CHAN_NOT_FOUND
    with pytest.raises(lttng_ctl.ChannelNotFoundError):
        session.disable_channel("nochan")
    with pytest.raises(lttng_ctl.InvalidArgumentError) as invalid:
        session.enable_channel("bad", subbuf_size=3000)  # not a power of two
    assert invalid.value.code == ErrorCode.INVALID
    with pytest.raises(lttng_ctl.InvalidArgumentError) as agent:
        session.enable_channel("j", Domain.JUL)  # lttng_channel_create refuses agents
    assert agent.value.call == "lttng_channel_create"
    kernel_refused(lambda: session.enable_channel("k", Domain.KERNEL))
    session.enable_channel("c")
    session.enable_event("x", "c")
    with session.tracing():
        with pytest.raises(LttngError):  # no new channel in a started session... of a
            session.enable_channel("c", subbuf_size=8192)  # different configuration


def test_event_rules(session: Session) -> None:
    session.enable_channel("c")
    session.enable_event("app:*", "c", filter='size > 100 && name == "x*"',
                         log_level=LogLevelRule.at_least_as_severe_as(LogLevel.INFO))
    session.enable_event("exact", "c", log_level=LogLevelRule.exactly(LogLevel.DEBUG))
    session.enable_event("plain", "c")
    events = {e.name: e for e in session.events("c")}
    assert set(events) == {"app:*", "exact", "plain"}
    app = events["app:*"]
    assert (app.type, app.enabled, app.domain, app.channel) == (EventType.TRACEPOINT, True,
                                                                Domain.UST, "c")
    assert app.filter == 'size > 100 && name == "x*"'
    assert app.log_level == LogLevelRule(int(LogLevel.INFO), at_least=True)
    assert events["exact"].log_level == LogLevelRule.exactly(LogLevel.DEBUG)
    assert events["plain"].log_level is None and events["plain"].filter is None
    session.disable_event("plain", "c")
    assert not {e.name: e for e in session.events("c")}["plain"].enabled
    session.disable_event(None, "c")  # all of them
    assert not any(e.enabled for e in session.events("c"))


def test_default_channel(session: Session) -> None:
    session.enable_event("e1")
    assert [c.name for c in session.channels()] == [lttng_ctl.DEFAULT_CHANNEL]
    assert [e.name for e in session.events()] == ["e1"]


def test_exclusions(session: Session) -> None:
    session.enable_channel("c")
    session.enable_event("app:*", "c", exclusions=["app:noisy", "app:debug_*"],
                         filter="v == 1")
    # (Listing them back would abort the real 2.13.9 daemon: see conftest.py.)
    with pytest.raises(lttng_ctl.EventExistsError):
        session.enable_event("app:*", "c", exclusions=["app:noisy", "app:debug_*"],
                             filter="v == 1")
    with pytest.raises(TypeError):
        session.enable_event("app:*", "c", exclusions="app:noisy")


def test_event_errors(session: Session) -> None:
    session.enable_channel("c")
    session.enable_event("dup", "c")
    with pytest.raises(lttng_ctl.EventExistsError) as info:
        session.enable_event("dup", "c")
    assert info.value.code == ErrorCode.UST_EVENT_ENABLED
    with pytest.raises(LttngError) as bad_filter:
        session.enable_event("f", "c", filter="x ==== 2")
    assert bad_filter.value.code == ErrorCode.FILTER_INVAL
    with pytest.raises(LttngError) as need_channel:
        session.enable_event("nochannel")  # a non-default channel exists
    assert need_channel.value.code == ErrorCode.NEED_CHANNEL_NAME
    kernel_refused(lambda: session.enable_event("sched_switch", None, Domain.KERNEL))
    kernel_refused(lambda: session.enable_event("open", None, Domain.KERNEL,
                                                type=EventType.SYSCALL))
    kernel_refused(lambda: session.enable_event(
        "p", None, Domain.KERNEL, type=EventType.PROBE,
        probe=lttng_ctl.KernelProbeSymbol("do_sys_open", 0)))
    kernel_refused(lambda: session.enable_event("f", None, Domain.KERNEL,
                                                type=EventType.FUNCTION, function="vfs_read"))


def test_userspace_probe_rules(session: Session, lib: lttng_ctl.Library) -> None:
    require_triggers(lib)  # the probe location objects come with the trigger API
    with pytest.raises(lttng_ctl.InvalidArgumentError) as info:
        session.enable_event("u", None, Domain.KERNEL,
                             userspace_probe=lttng_ctl.UserspaceProbeFunction(
                                 "/nonexistent/binary", "main"))
    assert info.value.call == "lttng_userspace_probe_location_function_create"
    app = env("LTTNG_CTL_TEST_CAPTURE_APP")
    kernel_refused(lambda: session.enable_event(
        "u", None, Domain.KERNEL, userspace_probe=lttng_ctl.UserspaceProbeFunction(app, "main")))


def test_agent_domains(session: Session) -> None:
    session.enable_event("my.logger", None, Domain.JUL)
    session.enable_event("l4j", None, Domain.LOG4J,
                         log_level=LogLevelRule.exactly(lttng_ctl.Log4jLogLevel.WARN))
    session.enable_event("pylog", None, Domain.PYTHON,
                         log_level=LogLevelRule.at_least_as_severe_as(PythonLogLevel.WARNING))
    domains = {d.type for d in session.domains()}
    assert {Domain.UST, Domain.JUL, Domain.LOG4J, Domain.PYTHON} <= domains
    session.disable_event("my.logger", None, Domain.JUL)


def test_contexts(session: Session) -> None:
    session.enable_channel("c")
    session.add_context("vpid", channel="c")
    session.add_context(ContextType.PROCNAME, channel="c")
    session.add_context("$app.myprovider:myctx", channel="c")
    session.add_context(lttng_ctl.AppContext("p2", "t2"), channel="c")
    session.add_context(lttng_ctl.PerfCounter("perf:thread:cpu-cycles", 0, 0), channel="c")
    with pytest.raises(LttngError) as dup:
        session.add_context("vpid", channel="c")
    assert dup.value.code == ErrorCode.UST_CONTEXT_EXIST
    with pytest.raises(LttngError) as invalid:
        session.add_context(ContextType.HOSTNAME, channel="c")  # kernel only
    assert invalid.value.code == ErrorCode.UST_CONTEXT_INVAL
    kernel_refused(lambda: session.add_context("pid", Domain.KERNEL))
    with pytest.raises(ValueError):
        session.add_context("no-such-context")
    with pytest.raises(ValueError):
        lttng_ctl.AppContext.parse("$app.missing-colon")
    assert lttng_ctl.AppContext.parse("$app.a:b") == lttng_ctl.AppContext("a", "b")


def test_list_tracepoints(start_app: Callable[..., object]) -> None:
    start_app("LTTNG_CTL_TEST_CAPTURE_APP", "100000", "1000")
    deadline = time.monotonic() + 20
    found: list = []
    while time.monotonic() < deadline:
        found = [t for t in lttng_ctl.list_tracepoints() if t.name == "pycap:sample"]
        if found:
            break
        time.sleep(0.1)
    assert found, "the traced application did not register"
    (tp,) = found
    assert (tp.type, tp.domain, tp.log_level) == (EventType.TRACEPOINT, Domain.UST, 6)
    assert tp.pid > 0
    fields = {f.name for f in lttng_ctl.list_tracepoint_fields()
              if f.tracepoint == "pycap:sample"}
    assert {"n", "neg", "big", "x", "text", "values", "color"} <= fields
    with pytest.raises(lttng_ctl.PermissionDeniedError):
        lttng_ctl.list_tracepoints(Domain.KERNEL)
    with pytest.raises(lttng_ctl.PermissionDeniedError):
        lttng_ctl.list_syscalls()
