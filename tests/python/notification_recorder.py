"""A recording stand-in for lttng-sessiond's notification socket, for
tests/notification_bytes.rs.

Usage: notification_recorder.py SOCKET_PATH OUTPUT

Serves clients one after the other until killed: answers each handshake (version 1.1) and
every command with the reply OK, and appends each message a client sends to OUTPUT as one
line of hex (header and payload; " fds=N" when it passes descriptors, received and
closed), with a line "client" at each new connection.
"""
import os
import socket
import struct
import sys


def read_exact(conn, n):
    data = b""
    while len(data) < n:
        part = conn.recv(n - len(data))
        if not part:
            return None
        data += part
    return data


def main():
    path, output = sys.argv[1], sys.argv[2]
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(1)
    open(path + ".ready", "w").close()
    while True:
        conn, _ = server.accept()
        with open(output, "a") as out:
            out.write("client\n")
        while True:
            header = read_exact(conn, 9)
            if header is None:
                break
            kind, size, _fds = struct.unpack("<bII", header)
            payload = read_exact(conn, size) if size else b""
            if payload is None:
                break
            received = 0
            if _fds:
                # The fds follow the payload: one byte carrying SCM_RIGHTS.
                _data, ancillary, _flags, _addr = conn.recvmsg(
                    1, socket.CMSG_SPACE(4 * _fds))
                for level, kind_, data in ancillary:
                    if level == socket.SOL_SOCKET and kind_ == socket.SCM_RIGHTS:
                        for (fd,) in struct.iter_unpack("<i", data[:len(data) - len(data) % 4]):
                            os.close(fd)
                            received += 1
            with open(output, "a") as out:
                line = (header + payload).hex()
                out.write(line + (" fds=%d" % received if _fds else "") + "\n")
            if kind == 0:
                conn.sendall(struct.pack("<bII", 0, 2, 0) + b"\x01\x01")
            conn.sendall(struct.pack("<bII", 3, 1, 0) + b"\x00")
        conn.close()


if __name__ == "__main__":
    main()
