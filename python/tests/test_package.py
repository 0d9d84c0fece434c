"""The package itself: version, typing marker, exports, and how it finds the library."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys

import pytest

import lttng_ctl
from lttng_ctl import _native

from conftest import MODE, env


def test_version_is_the_crates() -> None:
    assert lttng_ctl.__version__ == os.environ.get("LTTNG_CTL_TEST_CRATE_VERSION",
                                                  lttng_ctl.__version__)
    assert lttng_ctl.LTTNG_VERSION == "2.13.9"


def test_imported_from_the_installation() -> None:
    if os.environ.get("LTTNG_CTL_TEST_INSTALLED"):
        # The wheel's copy in the virtual environment, not the checkout's.
        assert lttng_ctl.__file__.startswith(sys.prefix), lttng_ctl.__file__


def test_py_typed_and_docstrings() -> None:
    package = os.path.dirname(lttng_ctl.__file__)
    assert os.path.isfile(os.path.join(package, "py.typed"))
    for name in lttng_ctl.__all__:
        obj = getattr(lttng_ctl, name)
        if callable(obj) and not isinstance(obj, type(lttng_ctl.Domain.UST)):
            assert obj.__doc__, f"{name} has no docstring"


def test_everything_listed_is_there() -> None:
    for name in lttng_ctl.__all__:
        assert hasattr(lttng_ctl, name), name


def test_the_library_matches_the_mode(lib: lttng_ctl.Library) -> None:
    if MODE == "ours":
        assert lib.version == f"2.13.9-lttng-ctl-rs-{lttng_ctl.__version__}"
        assert lib.crate_version == lttng_ctl.__version__
        assert lib.matches_package
        assert repr(lib).startswith("<lttng_ctl.Library ")
    else:
        assert lib.version is None and lib.crate_version is None
        assert not lib.matches_package
        assert "not lttng-ctl" in repr(lib)


def _python(code: str, **env_changes: str | None) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ)
    for key, value in env_changes.items():
        if value is None:
            environment.pop(key, None)
        else:
            environment[key] = value
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=environment, timeout=60)


LOOKUP = ("import lttng_ctl; lib = lttng_ctl.Library(); "
          "print(lib.path); print(lib.version); print(lib.is_lttng_ctl)")


def test_lookup_environment_variable() -> None:
    ours = env("LTTNG_CTL_TEST_OURS")
    out = _python(LOOKUP, LTTNG_CTL_LIBRARY=ours, LD_LIBRARY_PATH=None)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [ours, f"2.13.9-lttng-ctl-rs-{lttng_ctl.__version__}",
                                       "True"]


def test_lookup_explicit_path_wins() -> None:
    ours = env("LTTNG_CTL_TEST_OURS")
    code = f"import lttng_ctl; print(lttng_ctl.Library({ours!r}).path)"
    out = _python(code, LTTNG_CTL_LIBRARY="/nonexistent/liblttng-ctl.so.0")
    assert out.stdout.strip() == ours, out.stderr
    assert lttng_ctl.find_library("/x/y.so") == "/x/y.so"


def test_lookup_falls_back_to_the_system_loader() -> None:
    out = _python(LOOKUP, LTTNG_CTL_LIBRARY=None, LD_LIBRARY_PATH=None)
    assert out.returncode == 0, out.stderr
    # The system's liblttng-ctl (Debian's): not lttng-ctl.
    assert out.stdout.splitlines() == ["liblttng-ctl.so.0", "None", "False"]


def test_lookup_loader_path_picks_ours() -> None:
    ours = env("LTTNG_CTL_TEST_OURS")
    out = _python(LOOKUP, LTTNG_CTL_LIBRARY=None, LD_LIBRARY_PATH=os.path.dirname(ours))
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[1:] == [f"2.13.9-lttng-ctl-rs-{lttng_ctl.__version__}",
                                           "True"]


def test_lookup_bundled_copy() -> None:
    ours = env("LTTNG_CTL_TEST_OURS")
    bundled = lttng_ctl.BUNDLED
    if not os.access(os.path.dirname(os.path.dirname(bundled)), os.W_OK):
        pytest.skip("the installed package is read-only")
    os.makedirs(os.path.dirname(bundled), exist_ok=True)
    os.symlink(ours, bundled)
    try:
        out = _python(LOOKUP, LTTNG_CTL_LIBRARY=None, LD_LIBRARY_PATH=None)
        assert out.returncode == 0, out.stderr
        assert out.stdout.splitlines() == [bundled,
                                           f"2.13.9-lttng-ctl-rs-{lttng_ctl.__version__}",
                                           "True"]
        # The variable still comes first.
        out = _python(LOOKUP, LTTNG_CTL_LIBRARY="liblttng-ctl.so.0", LD_LIBRARY_PATH=None)
        assert out.stdout.splitlines()[0] == "liblttng-ctl.so.0"
    finally:
        os.unlink(bundled)
        os.rmdir(os.path.dirname(bundled))


def test_library_not_found() -> None:
    with pytest.raises(lttng_ctl.LibraryNotFoundError) as info:
        lttng_ctl.Library("/nonexistent/liblttng-ctl.so.0")
    assert "LTTNG_CTL_LIBRARY" in str(info.value)
    assert isinstance(info.value, OSError)


SYSTEM_REFUSES = """
import lttng_ctl
system = lttng_ctl.library()
assert not system.is_lttng_ctl, system
calls = [lambda: system.parse_uri("net://127.0.0.1"),
         lambda: lttng_ctl.Session("x").enable_consumer(),
         lambda: lttng_ctl.Session("x").disable_consumer(),
         lambda: lttng_ctl.Session("x").set_consumer_uri(lttng_ctl.Uri.local("/tmp/x"))]
for call in calls:
    try:
        call()
        raise SystemExit("no exception")
    except lttng_ctl.NotLttngCtlError as e:
        assert e.path == system.path and isinstance(e, lttng_ctl.UnsupportedByLibraryError)
        print(e.function)
assert lttng_ctl.NotLttngCtl is lttng_ctl.NotLttngCtlError
try:
    system.fn("lttng_rs_version")
except lttng_ctl.UnsupportedByLibraryError as e:
    print(e.function)
try:
    lttng_ctl.Library("liblttng-ctl.so.0", require_lttng_ctl=True)
except lttng_ctl.NotLttngCtlError as e:
    print("required")
# Everything else works on it.
assert system.strerror(23) == "Session name not found"
assert system.session_daemon_alive()
"""


def test_system_library_refuses_the_design_calls() -> None:
    # In a process of its own: once lttng-ctl's library is loaded, "liblttng-ctl.so.0"
    # names it (its SONAME) for the rest of the process.
    out = _python(SYSTEM_REFUSES, LTTNG_CTL_LIBRARY=None, LD_LIBRARY_PATH=None)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["lttng_uri_parse", "lttng_enable_consumer",
                                  "lttng_disable_consumer", "lttng_set_consumer_uri",
                                  "lttng_rs_version", "required"]


def test_require_lttng_ctl_accepts_ours() -> None:
    lib = lttng_ctl.Library(env("LTTNG_CTL_TEST_OURS"), require_lttng_ctl=True)
    assert lib.is_lttng_ctl


def test_default_library_can_be_replaced(lib: lttng_ctl.Library) -> None:
    other = lttng_ctl.Library(lib.path)
    lttng_ctl.set_library(other)
    try:
        assert lttng_ctl.library() is other
    finally:
        lttng_ctl.set_library(lib)
    assert lttng_ctl.library() is lib


def test_structs_have_the_c_sizes() -> None:
    for struct, size in _native._SIZES.items():
        assert ctypes.sizeof(struct) == size, struct.__name__
    assert ctypes.sizeof(lttng_ctl.Uri) == 8244


def test_enums_match_the_headers() -> None:
    assert lttng_ctl.Domain.UST == 2 and lttng_ctl.Domain.PYTHON == 5
    assert lttng_ctl.ErrorCode.SESS_NOT_FOUND == 23
    assert lttng_ctl.ErrorCode.BUFFER_FLUSH_FAILED == 170
    assert lttng_ctl.ConditionType.EVENT_RULE_MATCHES == 105
    assert lttng_ctl.ContextType.TIME_NS == 41
    assert lttng_ctl.ProcessAttr.VPID is lttng_ctl.ProcessAttr.VIRTUAL_PROCESS_ID
    # The constants of the first releases of the module.
    assert lttng_ctl.LTTNG_STREAM_DATA == 1 and lttng_ctl.LTTNG_ERR_UND == 12
