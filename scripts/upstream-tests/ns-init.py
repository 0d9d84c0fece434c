#!/usr/bin/python3
"""PID 1 of one upstream test's namespaces (started by run.py through `unshare`).

Sets up the test's private world: our library bind-mounted over the in-tree liblttng-ctl (unless
the baseline runs), private tmpfs over /run/lttng, /tmp and /dev/shm, a fresh HOME, `lo` up, its
own host name. Then runs the test with a time limit, reaps every process that ends up orphaned
here (the daemons upstream's helpers start in the background), records those killed by a crash
signal or that exited 127 (the loader's status), and at the end kills whatever is left: only
this test's processes live in this PID namespace.

Which library each program mapped: every process of the test runs with LD_DEBUG=files written to
private files (the loader then tells which liblttng-ctl it loaded, from which path, in which
program), and while the test runs the /proc/PID/maps of its processes are read every 50 ms: the
device and inode of the liblttng-ctl mapped by each process seen are compared with our library's
(or upstream's for the baseline).

Writes result.json (with the loads), tap.txt (the test's stdout) and stderr.txt into --out.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time

CRASH_SIGNALS = {
    signal.SIGSEGV,
    signal.SIGABRT,
    signal.SIGBUS,
    signal.SIGFPE,
    signal.SIGILL,
    signal.SIGSYS,
    signal.SIGTRAP,
}


def sh(*cmd):
    subprocess.run(cmd, check=True)


def proc_name(pid):
    """The command of a process that ended (a zombie still has its comm)."""
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return "?"


LD_DEBUG_DIR = "/tmp/.upstream-tests-ld"


def sample_maps(maps, looked):
    """Records the liblttng-ctl mapped by each process not yet recorded (a process is looked at
    a few times: it may not have mapped its libraries yet)."""
    for name in os.listdir("/proc"):
        if not name.isdigit() or name == "1":
            continue
        pid = int(name)
        if pid in maps or looked.get(pid, 0) > 20:
            continue
        try:
            with open(f"/proc/{pid}/maps") as f:
                lines = f.read().splitlines()
            exe = os.readlink(f"/proc/{pid}/exe")
        except OSError:
            continue
        for line in lines:
            fields = line.split(None, 5)
            if len(fields) == 6 and "liblttng-ctl" in fields[5]:
                maps[pid] = {
                    "exe": exe,
                    "dev": fields[3],
                    "inode": int(fields[4]),
                    "path": fields[5],
                }
                break
        else:
            looked[pid] = looked.get(pid, 0) + 1


def read_ld_debug():
    """[{"exe", "lib"}] for every process that loaded a liblttng-ctl, from the loader's logs."""
    loads = []
    for name in sorted(os.listdir(LD_DEBUG_DIR)):
        exe, libs = None, []
        try:
            with open(os.path.join(LD_DEBUG_DIR, name), errors="replace") as f:
                for line in f:
                    _, _, text = line.partition(":\t")
                    if text.startswith("initialize program: "):
                        exe = text[len("initialize program: ") :].strip()
                    elif text.startswith("calling init: ") and "liblttng-ctl" in text:
                        libs.append(text[len("calling init: ") :].strip())
        except OSError:
            continue
        for lib in libs:
            loads.append({"exe": exe, "lib": lib})
    return loads


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ours", help="our library, bind-mounted over --intree")
    ap.add_argument("--intree", required=True, help="the in-tree liblttng-ctl.so.0 (real file)")
    ap.add_argument("--bind", action="append", default=[], help="SOURCE:TARGET bind mount")
    ap.add_argument("--timeout", type=float, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--path", required=True, help="PATH of the test")
    ap.add_argument("--tests-dir", required=True, help="upstream's tests/ folder (the cwd)")
    ap.add_argument("test", help="path relative to --tests-dir")
    args = ap.parse_args()
    assert os.getpid() == 1, "ns-init.py must be PID 1 of a new PID namespace"

    # The mounts of this namespace only (unshare made them private).
    if args.ours:
        sh("mount", "--bind", args.ours, args.intree)
    for pair in args.bind:
        source, target = pair.split(":", 1)
        sh("mount", "--bind", source, target)
    for d in ("/run/lttng", "/tmp", "/dev/shm"):
        os.makedirs(d, exist_ok=True)
        sh("mount", "-t", "tmpfs", "-o", "mode=1777", "tmpfs", d)
    os.chmod("/run/lttng", 0o755)
    home = "/tmp/home"
    os.makedirs(home)
    sh("ip", "link", "set", "lo", "up")
    sh("hostname", "upstream-test")

    env = {
        "PATH": args.path,
        "HOME": home,
        "USER": "root",
        "LOGNAME": "root",
        "SHELL": "/bin/bash",
        "LANG": "C.UTF-8",
        "TERM": "dumb",
        "LD_DEBUG": "files",
        "LD_DEBUG_OUTPUT": LD_DEBUG_DIR + "/ld",
    }
    os.makedirs(LD_DEBUG_DIR)
    maps = {}  # pid -> {"exe", "dev", "inode", "path"} of processes seen mapping a liblttng-ctl
    looked = {}  # pid -> how many times its maps showed no liblttng-ctl
    started = time.monotonic()
    with open(os.path.join(args.out, "tap.txt"), "wb") as out, open(
        os.path.join(args.out, "stderr.txt"), "wb"
    ) as err:
        # As upstream's harness runs them: from tests/, by a relative path (some tests build
        # paths like `./$CURDIR/program`).
        main_proc = subprocess.Popen(
            [args.test],
            cwd=args.tests_dir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
        )
    main_status = None
    timed_out = False
    ended = []  # (pid, name, how) for processes other than the test that died abnormally
    deadline = started + args.timeout
    while main_status is None:
        try:
            info = os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        except ChildProcessError:
            break
        if info is None:
            sample_maps(maps, looked)
            if time.monotonic() > deadline:
                timed_out = True
                os.kill(-1, signal.SIGKILL)  # every process of this namespace but us
                deadline = float("inf")
            time.sleep(0.05)
            continue
        pid = info.si_pid
        name = proc_name(pid)
        os.waitpid(pid, 0)
        if pid == main_proc.pid:
            main_status = (info.si_code, info.si_status)
            continue
        if info.si_code in (os.CLD_KILLED, os.CLD_DUMPED) and info.si_status in CRASH_SIGNALS:
            ended.append(
                {"pid": pid, "name": name, "how": signal.Signals(info.si_status).name}
            )
        elif info.si_code == os.CLD_EXITED and info.si_status == 127:
            ended.append({"pid": pid, "name": name, "how": "exit 127"})
    duration = time.monotonic() - started
    # What the test left running (daemons it did not stop) goes with the namespace.
    try:
        os.kill(-1, signal.SIGKILL)
    except ProcessLookupError:
        pass
    while True:
        try:
            os.wait()
        except ChildProcessError:
            break
    code, status = main_status or (None, None)
    loads = read_ld_debug()
    if os.environ.get("UPSTREAM_TESTS_KEEP_LD"):
        subprocess.run(["cp", "-r", LD_DEBUG_DIR, os.path.join(args.out, "ld")], check=False)
    result = {
        "exit": status if code == os.CLD_EXITED else None,
        "signal": signal.Signals(status).name
        if code in (os.CLD_KILLED, os.CLD_DUMPED)
        else None,
        "timeout": timed_out,
        "duration": round(duration, 1),
        "orphans": ended,
        "loads": loads,
        "maps": list(maps.values()),
    }
    with open(os.path.join(args.out, "result.json"), "w") as f:
        json.dump(result, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
