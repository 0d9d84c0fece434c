"""A stand-in for lttng-sessiond's notification socket, for tests/notification_channel.rs.

Usage: notification_standin.py SOCKET_PATH

Serves one client: answers the handshake (version 1.1), then each command in turn:
  1st: N1, N2, a dropped marker, N3, then the reply (OK): queued by the client meanwhile;
  2nd: 105 notifications (Q0..Q104), then the reply ALREADY_SUBSCRIBED (-3);
  3rd: the reply (OK), then N_final half a second later;
  4th: the reply UNKNOWN_CONDITION (-4), then a notification that does not decode, then
       closes the connection half a second later.
Every notification is a rotation-ongoing one (session "s1") whose rotation id is its rank.
"""
import os
import socket
import struct
import sys
import time


def message(kind, payload=b""):
    return struct.pack("<bII", kind, len(payload), 0) + payload


def notification(name, rotation_id):
    n = name.encode() + b"\0"
    condition = struct.pack("<bI", 103, 3) + b"s1\0"
    action = struct.pack("<bbQ", 0, 0, 1)
    body = n + condition + action
    trigger = struct.pack("<QIIB", os.geteuid(), len(body), len(n), 0) + body
    evaluation = struct.pack("<bQB", 103, rotation_id, 0)
    return message(4, struct.pack("<I", len(trigger + evaluation)) + trigger + evaluation)


def read_exact(conn, n):
    data = b""
    while len(data) < n:
        part = conn.recv(n - len(data))
        if not part:
            sys.exit(0)
        data += part
    return data


def read_message(conn):
    kind, size, _fds = struct.unpack("<bII", read_exact(conn, 9))
    return kind, read_exact(conn, size)


def main():
    path = sys.argv[1]
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(1)
    open(path + ".ready", "w").close()
    conn, _ = server.accept()
    read_message(conn)
    conn.sendall(message(0, b"\x01\x01") + message(3, b"\x00"))
    read_message(conn)
    conn.sendall(notification("N1", 1) + notification("N2", 2) + message(5)
                 + notification("N3", 3) + message(3, b"\x00"))
    read_message(conn)
    burst = b"".join(notification("Q%d" % i, i) for i in range(105))
    conn.sendall(burst + message(3, struct.pack("<b", -3)))
    read_message(conn)
    conn.sendall(message(3, b"\x00"))
    time.sleep(0.5)
    conn.sendall(notification("N_final", 7))
    read_message(conn)
    conn.sendall(message(3, struct.pack("<b", -4)) + message(4, b"\x01\x02\x03"))
    time.sleep(0.5)
    conn.close()
    time.sleep(1)


if __name__ == "__main__":
    main()
