"""Sessions: creation in every mode, listing with attributes, destruction, context
managers, start/stop, clear, and the session-wide calls."""

from __future__ import annotations

import os
import time
from typing import Dict

import pytest

import lttng_ctl
from lttng_ctl import ErrorCode, LttngError, Session

from conftest import unique


def test_create_without_output() -> None:
    name = unique()
    with lttng_ctl.create_session(name) as s:
        assert s.name == name and s.owned
        info = s.info()
        assert (info.name, info.output, info.active, info.snapshot, info.live_timer_us) == (
            name, "", False, False, 0)
        assert info.mode == "normal" and not info.enabled
    assert not Session(name).exists


def test_create_local_path_and_file_url(work: str) -> None:
    path = os.path.join(work, "local")
    with lttng_ctl.create_session(unique(), path) as s:
        assert s.info().output == path
    path2 = os.path.join(work, "file")
    with lttng_ctl.create_session(unique(), "file://" + path2) as s:
        assert s.info().output == path2


def test_create_network(net_url: str, relay: Dict[str, int]) -> None:
    with lttng_ctl.create_session(unique(), net_url) as s:
        assert s.info().output == f"tcp4://127.0.0.1:{relay['ctrl']}/ [data: {relay['data']}]"
    with lttng_ctl.create_session(unique(), f"tcp://127.0.0.1:{relay['ctrl']}",
                                  data_url=f"tcp://127.0.0.1:{relay['data']}") as s:
        assert s.info().output == f"tcp4://127.0.0.1:{relay['ctrl']}/ [data: {relay['data']}]"


def test_create_snapshot_modes(work: str, net_url: str) -> None:
    with lttng_ctl.create_session(unique(), snapshot=True) as s:
        info = s.info()
        assert info.snapshot and info.mode == "snapshot" and info.output == ""
        assert s.snapshot_outputs() == []
    path = os.path.join(work, "snap")
    with lttng_ctl.create_session(unique(), path, snapshot=True) as s:
        assert s.info().snapshot
        (out,) = s.snapshot_outputs()
        assert out.ctrl_url.endswith(path)
    with lttng_ctl.create_session(unique(), net_url, snapshot=True) as s:
        (out,) = s.snapshot_outputs()
        assert out.ctrl_url.startswith("tcp4://127.0.0.1:")


def test_create_live(net_url: str) -> None:
    with lttng_ctl.create_session(unique(), net_url, live_timer_us=250000) as s:
        info = s.info()
        assert info.live_timer_us == 250000 and info.mode == "live" and not info.snapshot
    with lttng_ctl.create_session(unique(), live_timer_us=100000) as s:
        info = s.info()  # the daemon's default relay daemon, shown as no output
        assert (info.mode, info.live_timer_us, info.output) == ("live", 100000, "")


def test_create_errors(work: str) -> None:
    name = unique()
    with lttng_ctl.create_session(name, os.path.join(work, "a")):
        with pytest.raises(lttng_ctl.SessionExistsError) as info:
            lttng_ctl.create_session(name, os.path.join(work, "b"))
        assert info.value.code == ErrorCode.EXIST_SESS
    with pytest.raises(lttng_ctl.InvalidArgumentError) as invalid:
        lttng_ctl.create_session(unique(), "foo://x")
    assert invalid.value.call == "lttng_session_descriptor_network_create"
    with pytest.raises(lttng_ctl.InvalidArgumentError):
        lttng_ctl.create_session(unique(), "relative/path")
    with pytest.raises(lttng_ctl.InvalidArgumentError):
        lttng_ctl.create_session(unique(), "net://127.0.0.1", live_timer_us=0)
    with pytest.raises(ValueError):
        lttng_ctl.create_session(unique(), "/tmp/x", live_timer_us=100)
    with pytest.raises(ValueError):
        lttng_ctl.create_session(unique(), snapshot=True, live_timer_us=100)


def test_automatic_name() -> None:
    with lttng_ctl.create_session() as s:
        assert s.name.startswith("auto-")
        assert s.exists


def test_list_sessions_attributes(work: str, net_url: str) -> None:
    names = [unique() for _ in range(3)]
    before = time.time()
    sessions = [lttng_ctl.create_session(names[0], os.path.join(work, "t")),
                lttng_ctl.create_session(names[1], snapshot=True),
                lttng_ctl.create_session(names[2], net_url, live_timer_us=500000)]
    try:
        listed = {i.name: i for i in lttng_ctl.list_sessions()}
        assert set(names) <= set(listed)
        normal, snap, live = (listed[n] for n in names)
        assert normal.mode == "normal" and normal.output == os.path.join(work, "t")
        assert snap.mode == "snapshot"
        assert live.mode == "live" and live.live_timer_us == 500000
        for i in (normal, snap, live):
            assert i.creation_time is not None
            assert before - 5 <= i.creation_time <= time.time() + 5
            assert i.session() == Session(i.name)
        assert lttng_ctl.library().list_sessions() == lttng_ctl.list_sessions()
    finally:
        for s in sessions:
            s.destroy()


def test_context_manager_destroys_only_what_it_created(work: str) -> None:
    name = unique()
    created = lttng_ctl.create_session(name, os.path.join(work, "t"))
    with Session(name) as s:  # refers to it: not destroyed
        assert not s.owned
    assert created.exists
    with created:
        pass
    assert not Session(name).exists
    # A session destroyed inside the block is not destroyed twice.
    with lttng_ctl.create_session(unique()) as s:
        s.destroy()
    assert not s.exists


def test_start_stop_tracing(session: Session) -> None:
    session.enable_event("*")
    assert not session.active
    with session.tracing():
        assert session.active
        with pytest.raises(lttng_ctl.AlreadyStartedError) as info:
            session.start()
        assert info.value.code == ErrorCode.TRACE_ALREADY_STARTED
    assert not session.active
    with pytest.raises(lttng_ctl.AlreadyStoppedError):
        session.stop()
    session.start()
    session.stop(wait=False)
    while session.data_pending():
        time.sleep(0.05)
    assert not session.data_pending()


def test_start_without_channel(session: Session) -> None:
    with pytest.raises(LttngError) as info:
        session.start()
    assert info.value.code == ErrorCode.NO_CHANNEL


def test_destroy(work: str) -> None:
    s = lttng_ctl.create_session(unique(), os.path.join(work, "t"))
    s.enable_event("*")
    s.start()
    assert s.destroy() is None  # never rotated: no archive
    assert not s.exists
    with pytest.raises(lttng_ctl.SessionNotFoundError) as info:
        s.destroy()
    assert info.value.call == "lttng_destroy_session_ext"
    s2 = lttng_ctl.create_session(unique(), os.path.join(work, "t2"))
    s2.destroy(wait=False)
    s3 = lttng_ctl.create_session(unique())
    lttng_ctl.destroy_session(s3.name)
    assert not s3.exists


def test_destroy_after_rotation_returns_the_archive(work: str) -> None:
    s = lttng_ctl.create_session(unique(), os.path.join(work, "t"))
    s.enable_event("*")
    with s.tracing():
        s.rotate()
    location = s.destroy()
    assert isinstance(location, lttng_ctl.LocalArchive)
    assert location.path.startswith(os.path.join(work, "t"))


def test_missing_session() -> None:
    missing = Session(unique("missing"))
    assert not missing.exists
    for call in (missing.start, missing.stop, missing.info, missing.clear, missing.destroy,
                 missing.data_pending, missing.events, missing.channels, missing.domains):
        with pytest.raises(lttng_ctl.SessionNotFoundError):
            call()


def test_clear(session: Session) -> None:
    session.enable_event("*")
    session.clear()
    with session.tracing():
        session.clear(wait=False)
    session.clear(timeout=30)


def test_shm_path_and_regenerate(session: Session, work: str) -> None:
    session.set_shm_path(os.path.join(work, "shm"))
    with pytest.raises(LttngError) as info:
        session.regenerate_metadata()
    assert info.value.code == ErrorCode.SESSION_NOT_STARTED
    with pytest.raises(LttngError):
        session.regenerate_statedump()
    session.enable_event("*")
    with session.tracing():
        session.regenerate_metadata()
        session.regenerate_statedump()


def test_session_daemon_alive_and_tracing_group(lib: lttng_ctl.Library) -> None:
    assert lttng_ctl.session_daemon_alive() and lib.session_daemon_alive()
    lib.set_tracing_group("tracing")


def test_legacy_signature(lib: lttng_ctl.Library) -> None:
    # The first releases: Session(library, name); lib.session(name); lib.destroy_session.
    name = unique()
    lib.create_session(name)
    s = Session(lib, name)  # type: ignore[arg-type]
    assert s.name == name and s.library is lib
    assert lib.session(name) == s
    lib.destroy_session(name)
