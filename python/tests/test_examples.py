"""The Python examples of examples/, run as a user runs them."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from typing import Callable, List

import lttng_ctl

from conftest import env, require_triggers, run_app, unique


def example(name: str) -> str:
    return os.path.join(env("LTTNG_CTL_TEST_EXAMPLES"), name)


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True,
                          timeout=timeout)


def test_session_tour(work: str) -> None:
    app = env("LTTNG_CTL_TEST_TRACEF_APP")
    out = run(example("session_tour.py"), os.path.join(work, "tour"), app, "100")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[-1] == "done"
    assert any(line.startswith("rotation COMPLETED: ") for line in lines), out.stdout
    assert any(line.startswith("snapshot of ") for line in lines), out.stdout
    assert os.listdir(os.path.join(work, "tour", "saved"))


def test_health_check() -> None:
    out = run(example("health_check.py"), "--relayd", env("LTTNG_CTL_TEST_RELAY_HEALTH"))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "lttng-sessiond: ok" in out.stdout and "lttng-relayd: ok" in out.stdout


def test_capture_field(lib: lttng_ctl.Library) -> None:
    require_triggers(lib)
    name = unique("ex")
    p = subprocess.Popen([sys.executable, example("capture_field.py"), "--name", name,
                          "--count", "3", "--timeout", "20", "--filter", "n < 3",
                          "pycap:sample", "text", "n", "values[1]", "$ctx.vpid"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert p.stdout is not None
    header = p.stdout.readline()  # once the trigger is registered and subscribed
    assert header.startswith(f"trigger {name}: capturing text, n, values[1], $ctx.vpid"), \
        header + (p.stderr.read() if p.stderr else "")
    run_app("LTTNG_CTL_TEST_CAPTURE_APP", "10")
    rest, err = p.communicate(timeout=60)
    assert p.returncode == 0, err
    lines = rest.splitlines()
    assert [line.rsplit(" ", 1)[0] for line in lines] == [
        f"text='sample {i}' n={i} values[1]={2 * i}" for i in range(3)]
    assert name not in {t.name for t in lttng_ctl.list_triggers()}  # unregistered


def test_buffer_usage_monitor(lib: lttng_ctl.Library, work: str,
                              start_app: Callable[..., object]) -> None:
    require_triggers(lib)
    with lttng_ctl.create_session(unique(), os.path.join(work, "t")) as s:
        s.enable_channel("c", subbuf_size=4096, num_subbuf=2, monitor_timer_us=100000)
        s.enable_event("pycap:*", "c")
        before = {t.name for t in lttng_ctl.list_triggers()}
        p = subprocess.Popen([sys.executable, example("buffer_usage_monitor.py"), s.name, "c",
                              "--high", "0.0001", "--low", "0.99", "--count", "2",
                              "--timeout", "30"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert p.stdout is not None
        assert p.stdout.readline().startswith(f"monitoring {s.name}/c")
        with s.tracing():
            start_app("LTTNG_CTL_TEST_CAPTURE_APP", "200000", "10")
            rest, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
        lines: List[str] = rest.splitlines()
        assert len(lines) == 2, rest
        assert sorted(line.split(":")[0] for line in lines) == ["high", "low"]
        assert all("% full (" in line for line in lines)
        assert {t.name for t in lttng_ctl.list_triggers()} == before


def test_list_triggers(lib: lttng_ctl.Library) -> None:
    require_triggers(lib)
    name = unique("lt")
    t = lttng_ctl.register_trigger(lttng_ctl.Trigger(lttng_ctl.SessionRotationOngoing("s"),
                                                     lttng_ctl.Notify()), name)
    try:
        out = run(example("list_triggers.py"))
        assert out.returncode == 0, out.stderr
        assert f"trigger {name} (owner uid {os.getuid()})" in out.stdout
        assert "condition: SessionRotationOngoing(session='s')" in out.stdout
    finally:
        t.unregister()


def test_consumer_example(lib: lttng_ctl.Library, work: str) -> None:
    # The network-consumer example, on the real daemon: it creates, sets the consumer
    # (lttng-ctl) or reports the system library's refusal.
    out = run(example("consumer.py"), unique("cx"), os.path.join(work, "cx"), "0.1")
    if lib.is_lttng_ctl:
        assert out.returncode == 0, out.stderr
        assert "the session daemon connects the consumer itself" in out.stdout
        assert out.stdout.rstrip().endswith("done")
    else:
        assert out.returncode != 0 and "NotLttngCtlError" in out.stderr
    time.sleep(0)
