"""Snapshot outputs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Optional

from . import _native
from .errors import ErrorCode

__all__ = ["SnapshotOutput"]

Lib = _native.NativeLibrary


@dataclass(frozen=True)
class SnapshotOutput:
    """A snapshot output of a session (``struct lttng_snapshot_output``): ``id`` given by
    the daemon, ``name``, ``ctrl_url`` (a local path as ``file://...`` or a relay daemon's
    control URL), ``data_url``, ``max_size`` in bytes (0: no limit)."""

    id: int
    name: str
    ctrl_url: str
    data_url: str
    max_size: int

    @classmethod
    def _from_c(cls, lib: Lib, ptr: int) -> "SnapshotOutput":
        return cls(id=int(lib.fn("lttng_snapshot_output_get_id")(ptr)),
                   name=_native.text(lib.fn("lttng_snapshot_output_get_name")(ptr)) or "",
                   ctrl_url=_native.text(lib.fn("lttng_snapshot_output_get_ctrl_url")(ptr)) or "",
                   data_url=_native.text(lib.fn("lttng_snapshot_output_get_data_url")(ptr)) or "",
                   max_size=int(lib.fn("lttng_snapshot_output_get_maxsize")(ptr)))


def snapshot_output_c(lib: Lib, url: Optional[str], name: Optional[str],
                      max_size: Optional[int], data_url: Optional[str]) -> _native.Owned:
    """A ``struct lttng_snapshot_output`` as the lttng CLI builds it: ``url`` as the
    control URL (a path or a URL the daemon parses), ``data_url`` when given."""
    ptr = lib.fn("lttng_snapshot_output_create")()
    if not ptr:
        raise lib.error(ErrorCode.NOMEM, "lttng_snapshot_output_create")
    out = _native.Owned(lib, ptr, "lttng_snapshot_output_destroy")
    try:
        if name is not None:
            lib.call("lttng_snapshot_output_set_name", name.encode(), out.ptr)
        if max_size is not None:
            lib.call("lttng_snapshot_output_set_size", int(max_size), out.ptr)
        if url is not None:
            lib.call("lttng_snapshot_output_set_ctrl_url", os.fsencode(url), out.ptr)
        if data_url is not None:
            lib.call("lttng_snapshot_output_set_data_url", os.fsencode(data_url), out.ptr)
    except BaseException:
        out.close()
        raise
    return out
