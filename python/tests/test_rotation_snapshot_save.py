"""Rotation, snapshots, save and load."""

from __future__ import annotations

import os
from typing import Dict

import pytest

import lttng_ctl
from lttng_ctl import (ErrorCode, LttngError, Periodic, RotationState, Session,
                       SizeThreshold)

from conftest import unique


def test_rotate_local(session: Session, work: str) -> None:
    session.enable_event("*")
    with session.tracing():
        result = session.rotate()
        assert result.state == RotationState.COMPLETED
        assert isinstance(result.location, lttng_ctl.LocalArchive)
        assert result.location.path.startswith(os.path.join(work, "trace", "archives"))
        assert os.path.isdir(result.location.path)
        second = session.rotate(timeout=60)
        assert second.location != result.location
    started = session.rotate(wait=False)
    assert started.state in (RotationState.ONGOING, RotationState.COMPLETED)


def test_rotate_to_relay(net_url: str, relay: Dict[str, int]) -> None:
    with lttng_ctl.create_session(unique(), net_url) as s:
        s.enable_event("*")
        with s.tracing():
            result = s.rotate()
        assert result.state == RotationState.COMPLETED
        loc = result.location
        assert isinstance(loc, lttng_ctl.RelayArchive)
        assert (loc.host, loc.control_port, loc.data_port, loc.protocol) == (
            "127.0.0.1", relay["ctrl"], relay["data"], "tcp")
        assert s.name in loc.relative_path


def test_rotate_errors(session: Session, net_url: str) -> None:
    session.enable_event("*")
    with pytest.raises(LttngError) as info:
        session.rotate()
    assert info.value.code == ErrorCode.START_SESSION_ONCE
    for options in ({"snapshot": True}, {"live_timer_us": 100000, "output": net_url}, {}):
        output = options.pop("output", None)
        with lttng_ctl.create_session(unique(), output, **options) as s:  # type: ignore[arg-type]
            s.enable_event("*")
            s.start()
            with pytest.raises(LttngError) as unavailable:
                s.rotate()
            assert unavailable.value.code == ErrorCode.ROTATION_NOT_AVAILABLE


def test_rotation_schedules(session: Session) -> None:
    assert session.rotation_schedules() == []
    session.add_rotation_schedule(SizeThreshold(1 << 20))
    session.add_rotation_schedule(Periodic(10_000_000))
    assert sorted(session.rotation_schedules(), key=repr) == sorted(
        [SizeThreshold(1 << 20), Periodic(10_000_000)], key=repr)
    with pytest.raises(lttng_ctl.StatusError) as dup:
        session.add_rotation_schedule(SizeThreshold(2 << 20))
    assert dup.value.code == ErrorCode.ROTATION_SCHEDULE_SET
    assert dup.value.status == "LTTNG_ROTATION_STATUS_SCHEDULE_ALREADY_SET"
    session.remove_rotation_schedule(Periodic(10_000_000))
    assert session.rotation_schedules() == [SizeThreshold(1 << 20)]
    with pytest.raises(lttng_ctl.InvalidArgumentError) as missing:
        session.remove_rotation_schedule(Periodic(5))
    assert missing.value.status == "LTTNG_ROTATION_STATUS_INVALID"
    with pytest.raises(lttng_ctl.StatusError):
        Session(unique("missing")).add_rotation_schedule(Periodic(5))


def test_snapshots(work: str) -> None:
    with lttng_ctl.create_session(unique(), snapshot=True) as s:
        s.enable_event("*")
        with pytest.raises(LttngError) as never_started:
            s.record_snapshot()
        assert never_started.value.code == ErrorCode.START_SESSION_ONCE
        out = s.add_snapshot_output(os.path.join(work, "snapA"), name="A", max_size=1 << 22)
        assert (out.name, out.max_size, out.data_url) == ("A", 1 << 22, "")
        assert out.ctrl_url.endswith(os.path.join(work, "snapA"))
        assert s.snapshot_outputs() == [out]
        with pytest.raises(LttngError) as exists:
            s.add_snapshot_output(os.path.join(work, "snapB"), name="B")
        assert exists.value.code == ErrorCode.SNAPSHOT_OUTPUT_EXIST
        with s.tracing():
            s.record_snapshot()
            s.record_snapshot(os.path.join(work, "explicit"), name="once")
            with pytest.raises(lttng_ctl.InvalidArgumentError):
                s.record_snapshot("relative/path")
        assert os.listdir(os.path.join(work, "snapA"))
        assert os.listdir(os.path.join(work, "explicit"))
        with pytest.raises(lttng_ctl.InvalidArgumentError):
            s.remove_snapshot_output("no-such-output")
        s.remove_snapshot_output("A")
        assert s.snapshot_outputs() == []
        again = s.add_snapshot_output(os.path.join(work, "snapC"))
        s.remove_snapshot_output(again)
        third = s.add_snapshot_output(os.path.join(work, "snapD"))
        s.remove_snapshot_output(third.id)
        assert s.snapshot_outputs() == []


def test_snapshot_to_relay(net_url: str) -> None:
    with lttng_ctl.create_session(unique(), snapshot=True) as s:
        s.enable_event("*")
        out = s.add_snapshot_output(net_url, name="relay")
        assert out.ctrl_url.startswith("tcp4://127.0.0.1:")
        with s.tracing():
            s.record_snapshot()


def test_snapshot_on_normal_session(session: Session, work: str) -> None:
    for call in (lambda: session.add_snapshot_output(os.path.join(work, "x")),
                 lambda: session.record_snapshot()):
        with pytest.raises(LttngError) as info:
            call()
        assert info.value.code == ErrorCode.NOT_SNAPSHOT_SESSION


def test_save_and_load(session: Session, work: str) -> None:
    saved = os.path.join(work, "saved")
    os.makedirs(saved)
    session.enable_channel("c", subbuf_size=8192)
    session.enable_event("app:*", "c", filter="x > 3")
    session.save(saved)
    assert os.listdir(saved) == [f"{session.name}.lttng"]
    with pytest.raises(LttngError) as exists:
        session.save(saved)
    assert exists.value.code == ErrorCode.SAVE_FILE_EXIST
    session.save(saved, overwrite=True)
    with pytest.raises(lttng_ctl.SessionNotFoundError):
        lttng_ctl.save_sessions(unique("missing"), saved)
    # Loading it back: as another name, then over the original.
    copy = unique("copy")
    lttng_ctl.load_sessions(session.name, saved, override_name=copy)
    try:
        loaded = Session(copy)
        assert loaded.channel("c").subbuf_size == 8192
        (event,) = loaded.events("c")
        assert (event.name, event.filter) == ("app:*", "x > 3")
    finally:
        Session(copy).destroy()
    # Over an existing session: left as it is without overwrite, replaced with it.
    session.enable_channel("added")
    lttng_ctl.load_sessions(session.name, saved)
    assert "added" in {c.name for c in session.channels()}
    lttng_ctl.load_sessions(session.name, saved, overwrite=True)
    assert {c.name for c in session.channels()} == {"c"}
    with pytest.raises(LttngError) as noent:
        lttng_ctl.load_sessions(unique("missing"), saved)
    assert noent.value.code == ErrorCode.LOAD_SESSION_NOENT
    with pytest.raises(lttng_ctl.InvalidArgumentError):
        lttng_ctl.load_sessions(None, os.path.join(work, "no-such-dir"))


def test_save_everything_and_load_with_overrides(work: str, net_url: str) -> None:
    saved = os.path.join(work, "all")
    os.makedirs(saved)
    name = unique()
    with lttng_ctl.create_session(name, os.path.join(work, "t")) as s:
        s.enable_event("*")
        lttng_ctl.save_sessions(path=saved, omit_output=True)
        assert f"{name}.lttng" in os.listdir(saved)
        other = unique("ov")
        lttng_ctl.load_sessions(name, saved, override_name=other, override_url=net_url)
        try:
            assert Session(other).info().output.startswith("tcp4://127.0.0.1:")
        finally:
            Session(other).destroy()
