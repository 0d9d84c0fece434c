"""lttng-ctl's network-consumer calls: ``struct lttng_uri``, ``lttng_uri_parse``,
``lttng_set_consumer_uri``, ``lttng_enable_consumer``, ``lttng_disable_consumer``.

They need lttng-ctl's library (elsewhere: NotLttngCtlError) and a daemon that implements
them: the reference daemon, lttng-ref-sessiond (the real 2.13 daemon answers UND)."""

from __future__ import annotations

import os
from typing import Dict, Iterator

import pytest

import lttng_ctl
from lttng_ctl import ErrorCode, StreamType, Uri

from conftest import MODE, missing, ref_home, unique

pytestmark = pytest.mark.skipif(MODE != "ours", reason="lttng-ctl's own calls")


@pytest.fixture
def ref(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Points the library at lttng-ref-sessiond (LTTNG_HOME is read at every call)."""
    home = ref_home()
    if not home:
        missing("$LTTNG_CTL_TEST_REF_HOME is not set (lttng-ref-sessiond)")
    monkeypatch.setenv("LTTNG_HOME", home)  # type: ignore[arg-type]
    yield


def test_parse_uri() -> None:
    control, data = lttng_ctl.parse_uri("net://127.0.0.1:6000/sub")
    assert (str(control), str(data)) == ("tcp4://127.0.0.1:6000/sub", "tcp4://127.0.0.1:5343/")
    assert (control.stype, data.stype) == (StreamType.CONTROL, StreamType.DATA)
    assert (control.subdir, control.port, data.port) == ("sub", 6000, 0)
    (path,) = lttng_ctl.parse_uri("/tmp/trace")
    assert (path.dtype, path.dst, str(path)) == (lttng_ctl.DstType.PATH, "/tmp/trace",
                                                 "file:///tmp/trace")
    hop, dest = lttng_ctl.parse_uri("tcp://10.0.0.1,tcp6://[::1]:7000")
    assert hop.is_hop and not dest.is_hop
    assert str(dest) == "tcp6://[::1]:7000/"
    assert repr(dest) == "<Uri control tcp6://[::1]:7000/>"
    with pytest.raises(lttng_ctl.InvalidArgumentError) as info:
        lttng_ctl.parse_uri("foo://x")
    assert (info.value.code, info.value.call) == (ErrorCode.INVALID, "lttng_uri_parse")


def test_uri_builders() -> None:
    u = Uri.network("192.168.1.2", StreamType.DATA, 7000, subdir="d")
    assert (u.dtype, u.dst, str(u)) == (lttng_ctl.DstType.IPV4, "192.168.1.2",
                                        "tcp4://192.168.1.2:7000/d")
    assert Uri.network("::1", StreamType.CONTROL).dtype == lttng_ctl.DstType.IPV6
    assert Uri.network("localhost", StreamType.CONTROL).dtype == lttng_ctl.DstType.HOST
    assert Uri.local("/x").dst == "/x"


def test_consumer_chain(ref: None, relay: Dict[str, int], work: str) -> None:
    ctrl, data = relay["ctrl"], relay["data"]
    with lttng_ctl.create_session(unique()) as s:
        with pytest.raises(lttng_ctl.LttngError) as no_uri:
            s.enable_consumer()
        assert no_uri.value.code == ErrorCode.URL_CTRL_MISS
        hop = lttng_ctl.parse_uri("tcp://10.0.0.1,tcp://127.0.0.1")[0]
        with pytest.raises(lttng_ctl.NotSupportedError):
            s.set_consumer_uri(hop)
        udp = Uri.network("127.0.0.1", StreamType.CONTROL, ctrl, proto=lttng_ctl.ProtoType.UDP)
        with pytest.raises(lttng_ctl.InvalidArgumentError):
            s.set_consumer_uri(udp)
        s.set_consumer_uri(Uri.network("127.0.0.1", StreamType.CONTROL, ctrl))
        with pytest.raises(lttng_ctl.LttngError) as no_data:
            s.enable_consumer()
        assert no_data.value.code == ErrorCode.URL_DATA_MISS
        s.set_consumer_uri(Uri.network("localhost", StreamType.DATA, data))
        s.enable_consumer()
        with pytest.raises(lttng_ctl.LttngError) as locked:
            s.set_consumer(f"net://127.0.0.1:{ctrl}:{data}")
        assert locked.value.code == ErrorCode.URL_EXIST
        s.enable_event("*")
        with s.tracing():
            s.disable_consumer()
            local = os.path.join(work, "local")
            s.set_consumer(local)
            s.enable_consumer()
            assert s.info().output == local
            s.disable_consumer()
            s.set_consumer("net://127.0.0.1:1:2")
            with pytest.raises(lttng_ctl.RelayConnectError):
                s.enable_consumer()
            assert s.info().output == local  # the consumer that writes stays
    assert os.path.isdir(os.path.join(work, "local", "ust"))


def test_consumer_url_strings(ref: None, relay: Dict[str, int]) -> None:
    with lttng_ctl.create_session(unique()) as s:
        s.set_consumer_url(f"net://127.0.0.1:{relay['ctrl']}:{relay['data']}")
        s.enable_consumer()
        assert s.info().output == (f"tcp4://127.0.0.1:{relay['ctrl']}/ "
                                   f"[data: {relay['data']}]")


def test_real_daemon_answers_undefined(relay: Dict[str, int]) -> None:
    # The real lttng-sessiond 2.13 does not know the design's commands.
    with lttng_ctl.create_session(unique()) as s:
        s.set_consumer(f"net://127.0.0.1:{relay['ctrl']}:{relay['data']}")
        with pytest.raises(lttng_ctl.UndefinedCommandError) as info:
            s.enable_consumer()
        assert info.value.code == ErrorCode.UND
        with pytest.raises(lttng_ctl.UndefinedCommandError):
            s.disable_consumer()
