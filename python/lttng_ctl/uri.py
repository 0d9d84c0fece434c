"""``struct lttng_uri`` of lttng-ctl's network-consumer design, and ``lttng_uri_parse``."""

from __future__ import annotations

import ctypes
import os
from typing import List, Optional

from . import _native
from .enums import DstType, ProtoType, StreamType, UriType

__all__ = ["Uri", "parse_uri"]

_DEFAULT_PORTS = {StreamType.CONTROL: 5342, StreamType.DATA: 5343}


class Uri(_native.UriStruct):
    """``struct lttng_uri`` (8244 bytes), as ``lttng_uri_parse`` fills it.

    ``dtype`` (:class:`DstType`), ``utype`` (:class:`UriType`), ``stype``
    (:class:`StreamType`), ``proto`` (:class:`ProtoType`), ``port`` (0: the stream's
    default, 5342 control, 5343 data); :attr:`dst` is the address or path, whichever union
    member ``dtype`` selects; :attr:`subdir` the trace's sub-directory.
    """

    @classmethod
    def network(cls, host: str, stype: int, port: int = 0, proto: int = ProtoType.TCP,
                subdir: str = "") -> "Uri":
        """A network destination: ``host`` is a numeric IPv4 or IPv6 address, or a name
        (resolved when the URI is set)."""
        uri = cls(utype=UriType.DST, stype=stype, proto=proto, port=port)
        if ":" in host:
            uri.dtype, uri._dst.ipv6 = DstType.IPV6, host.encode()
        elif host.replace(".", "").isdigit():
            uri.dtype, uri._dst.ipv4 = DstType.IPV4, host.encode()
        else:
            uri.dtype, uri._dst.path = DstType.HOST, host.encode()
        uri._subdir = subdir.encode()
        return uri

    @classmethod
    def local(cls, path: str) -> "Uri":
        """A local output directory (an absolute path)."""
        uri = cls(dtype=DstType.PATH, utype=UriType.DST, stype=StreamType.CONTROL,
                  proto=ProtoType.TCP)
        uri._dst.path = os.fsencode(path)
        return uri

    @property
    def dst(self) -> str:
        """The numeric address, host name or path."""
        member = {DstType.IPV4: "ipv4", DstType.IPV6: "ipv6"}.get(self.dtype, "path")
        return os.fsdecode(getattr(self._dst, member))

    @property
    def subdir(self) -> str:
        """The sub-directory of the trace output ("" for none)."""
        return os.fsdecode(self._subdir)

    @property
    def is_hop(self) -> bool:
        """True for a proxy on the way (``HOP1,URI``): parsed, not supported."""
        return bool(self.utype == UriType.HOP)

    def __str__(self) -> str:
        if self.dtype == DstType.PATH:
            return f"file://{self.dst}"
        proto = "udp" if self.proto == ProtoType.UDP else "tcp"
        port = self.port or _DEFAULT_PORTS.get(self.stype, 0)
        host = {DstType.IPV4: ("4", self.dst), DstType.IPV6: ("6", f"[{self.dst}]")}
        family, shown = host.get(self.dtype, ("", self.dst))
        return f"{proto}{family}://{shown}:{port}/{self.subdir}"

    def __repr__(self) -> str:
        stream = "control" if self.stype == StreamType.CONTROL else "data"
        kind = "hop" if self.is_hop else stream
        return f"<Uri {kind} {self}>"


def parse_uri(text: str, library: Optional[_native.NativeLibrary] = None) -> List[Uri]:
    """``lttng_uri_parse``: a list of :class:`Uri`, hops first, then one destination, or
    two (control and data) for ``net://``. Raises :class:`InvalidArgumentError` (code 97)
    for a string the parser refuses, :class:`NotLttngCtlError` on another liblttng-ctl."""
    lib = _native.resolve(library)
    array = ctypes.POINTER(_native.UriStruct)()
    count = lib.call("lttng_uri_parse", text.encode(), ctypes.byref(array))
    try:
        return [Uri.from_buffer_copy(array[i]) for i in range(count)]
    finally:
        lib.fn("lttng_uri_free")(array)
