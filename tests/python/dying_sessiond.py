#!/usr/bin/env python3
"""A session daemon that dies or goes mute in the middle of a command (tests/faults.rs).

    dying_sessiond.py SOCKET MODE

Listens on SOCKET (a Unix stream socket), writes SOCKET.ready once it accepts, then, for
the first client, by MODE:

    die-at-accept     accepts, then dies (SIGKILL) before reading anything
    die-after-header  reads the 13156-byte request header, then dies before answering
    die-mid-payload   reads the header and 1000 payload bytes, then dies
    mute              reads what the client sends and never answers nor closes
"""

import os
import signal
import socket
import sys

HEADER_LEN = 13156


def read_exactly(conn, n):
    got = 0
    while got < n:
        chunk = conn.recv(min(65536, n - got))
        if not chunk:
            break
        got += len(chunk)
    return got


def main():
    path, mode = sys.argv[1], sys.argv[2]
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if os.path.exists(path):
        os.unlink(path)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(16)
    open(path + ".ready", "w").close()
    conn, _ = server.accept()
    if mode == "die-at-accept":
        os.kill(os.getpid(), signal.SIGKILL)
    read_exactly(conn, HEADER_LEN)
    if mode == "die-after-header":
        os.kill(os.getpid(), signal.SIGKILL)
    if mode == "die-mid-payload":
        read_exactly(conn, 1000)
        os.kill(os.getpid(), signal.SIGKILL)
    # mute: drain whatever comes, hold the connection, never answer.
    while conn.recv(65536):
        pass
    signal.pause()


if __name__ == "__main__":
    main()
