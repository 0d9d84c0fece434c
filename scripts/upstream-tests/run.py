#!/usr/bin/python3
"""Runs upstream lttng-tools 2.13.9's regression tests on our library and/or upstream's
(called by scripts/upstream-tests.sh, which builds everything first; see its header)."""

import argparse
import concurrent.futures
import filecmp
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SYSPATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
SYSTEM_LIB = "/usr/lib/x86_64-linux-gnu/liblttng-ctl.so.0"

# The user-space tests of tests/fast_regression, tests/regression/tools and tests/regression/ust,
# paths relative to upstream's tests/ folder.
TESTS = """
regression/tools/base-path/test_ust
regression/tools/channel/test_channel
regression/tools/clear/test_ust
regression/tools/crash/test_crash
regression/tools/exclusion/test_exclusion
regression/tools/filtering/test_invalid_filter
regression/tools/filtering/test_unsupported_op
regression/tools/filtering/test_valid_filter
regression/tools/health/test_thread_ok
regression/tools/health/test_thread_stall
regression/tools/health/test_tp_fail
regression/tools/live/test_ust
regression/tools/live/test_ust_tracefile_count
regression/tools/live/test_lttng_ust
regression/tools/metadata/test_ust
regression/tools/mi/test_mi
regression/tools/notification/test_notification_ust_buffer_usage
regression/tools/notification/test_notification_ust_capture
regression/tools/notification/test_notification_ust_error
regression/tools/notification/test_notification_ust_event_rule_condition_exclusion
regression/tools/notification/test_notification_multi_app
regression/tools/notification/test_notification_notifier_discarded_count
regression/tools/notification/test_rotation
regression/tools/regen-metadata/test_ust
regression/tools/regen-statedump/test_ust
regression/tools/relayd-grouping/test_ust
regression/tools/rotation/test_ust
regression/tools/rotation/test_save_load_mi
regression/tools/rotation/test_schedule_api
regression/tools/save-load/test_autoload
regression/tools/save-load/test_load
regression/tools/save-load/test_save
regression/tools/snapshots/test_ust_fast
regression/tools/snapshots/test_ust_long
regression/tools/snapshots/test_ust_streaming
regression/tools/streaming/test_ust
regression/tools/streaming/test_high_throughput_limits
regression/tools/tracefile-limits/test_tracefile_count
regression/tools/tracefile-limits/test_tracefile_size
regression/tools/tracker/test_event_tracker
regression/tools/trigger/test_add_trigger_cli
regression/tools/trigger/test_list_triggers_cli
regression/tools/trigger/test_remove_trigger_cli
regression/tools/trigger/name/test_trigger_name_backwards_compat
regression/tools/trigger/hidden/test_hidden_trigger
regression/tools/trigger/rate-policy/test_ust_rate_policy
regression/tools/trigger/start-stop/test_start_stop
regression/tools/wildcard/test_event_wildcard
regression/tools/working-directory/test_relayd_working_directory
regression/ust/baddr-statedump/test_baddr-statedump
regression/ust/before-after/test_before_after
regression/ust/blocking/test_blocking
regression/ust/buffers-pid/test_buffers_pid
regression/ust/clock-override/test_clock_override
regression/ust/daemon/test_daemon
regression/ust/exit-fast/test_exit-fast
regression/ust/fork/test_fork
regression/ust/getcpu-override/test_getcpu_override
regression/ust/high-throughput/test_high_throughput
regression/ust/libc-wrapper/test_libc-wrapper
regression/ust/linking/test_linking
regression/ust/low-throughput/test_low_throughput
regression/ust/multi-lib/test_multi_lib
regression/ust/multi-session/test_multi_session
regression/ust/namespaces/test_ns_contexts
regression/ust/namespaces/test_ns_contexts_change
regression/ust/nprocesses/test_nprocesses
regression/ust/overlap/test_overlap
regression/ust/periodical-metadata-flush/test_periodical_metadata_flush
regression/ust/python-logging/test_python_logging
regression/ust/rotation-destroy-flush/test_rotation_destroy_flush
regression/ust/type-declarations/test_type_declarations
regression/ust/ust-dl/test_ust-dl
regression/ust/test_event_basic
regression/ust/test_event_tracef
regression/ust/test_event_perf
""".split()

# Tests of those folders that cannot run on this kind of machine, with the reason.
KERNEL = "needs the kernel tracer (lttng-modules loaded in the running kernel)"
JAVA = (
    "needs a Java runtime and compiler, the lttng-ust Java agent's jars and a build"
    " configured with --enable-test-java-agent-*"
)
LEFT_OUT = {
    "regression/tools/clear/test_kernel": KERNEL,
    "regression/tools/live/test_kernel": KERNEL,
    "regression/tools/live/test_lttng_kernel": KERNEL,
    "regression/tools/metadata/test_kernel": KERNEL,
    "regression/tools/notification/test_notification_kernel_buffer_usage": KERNEL,
    "regression/tools/notification/test_notification_kernel_capture": KERNEL,
    "regression/tools/notification/test_notification_kernel_error": KERNEL,
    "regression/tools/notification/test_notification_kernel_instrumentation": KERNEL,
    "regression/tools/notification/test_notification_kernel_syscall": KERNEL,
    "regression/tools/notification/test_notification_kernel_userspace_probe": KERNEL,
    "regression/tools/regen-metadata/test_kernel": KERNEL,
    "regression/tools/regen-statedump/test_kernel": KERNEL,
    "regression/tools/rotation/test_kernel": KERNEL,
    "regression/tools/snapshots/test_kernel": KERNEL,
    "regression/tools/snapshots/test_kernel_streaming": KERNEL,
    "regression/tools/streaming/test_kernel": KERNEL,
    "regression/kernel/*": KERNEL,
    "regression/ust/java-jul/test_java_jul": JAVA,
    "regression/ust/java-log4j/test_java_log4j": JAVA,
    "regression/ust/java-log4j2/test_agent_log4j2_domain_log4j": JAVA,
}

# Tests that take too long for every run (CI runs without them), with their own time limit;
# `--all` adds them.
LONG = {
    "regression/tools/health/test_thread_stall": (
        "more than 15 minutes (30-second stalls, one after the other)",
        2400,
    ),
    "regression/tools/health/test_tp_fail": (
        "more than 10 minutes (the same waits as test_thread_stall)",
        2400,
    ),
    "regression/tools/streaming/test_high_throughput_limits": (
        "more than 15 minutes (streams through bandwidth limits set with tc)",
        2400,
    ),
    "regression/ust/low-throughput/test_low_throughput": (
        "20 minutes (its application records one event a minute)",
        1500,
    ),
}

# What in a test's stderr tells that a program crashed (bash reports its children killed by a
# signal) or could not be loaded or linked.
CRASH_RE = re.compile(
    r"Segmentation fault|Aborted|Bus error|Illegal instruction|Floating point exception"
    r"|core dumped"
)
LOAD_RE = re.compile(
    r"symbol lookup error.*|error while loading shared libraries.*|undefined symbol: \S+"
)


def tap_counts(text):
    """planned, ok, not ok, skipped (ok lines with a SKIP directive), todo, bail out."""
    planned = None
    ok = notok = skip = 0
    bail = False
    for line in text.splitlines():
        m = re.match(r"^1\.\.(\d+)", line)
        if m and planned is None:
            planned = int(m.group(1))
            continue
        m = re.match(r"^(not ok|ok)\b[^#]*(#\s*(\w+))?", line)
        if m:
            directive = (m.group(3) or "").lower()
            if m.group(1) == "ok" and directive.startswith("skip"):
                skip += 1
            elif m.group(1) == "ok":
                ok += 1
            else:
                notok += 1
        elif line.startswith("Bail out!"):
            bail = True
    return {"planned": planned, "ok": ok, "notok": notok, "skip": skip, "bail": bail}


class Setup:
    def __init__(self, src, cache, ours):
        self.src = src
        self.cache = cache
        self.tests = os.path.join(src, "tests")
        link = os.path.join(src, "src/lib/lttng-ctl/.libs/liblttng-ctl.so.0")
        self.intree = os.path.realpath(link)
        # The system's liblttng-ctl (python3-lttng's bindings, which the python tests import,
        # load it): the library under test is bind-mounted over it too.
        self.system = os.path.realpath(SYSTEM_LIB) if os.path.exists(SYSTEM_LIB) else None
        self.ours = ours
        # Upstream's library also kept aside (for the daemons' fallback, see below).
        self.upstream_dir = os.path.join(cache, "upstream-lib")
        os.makedirs(self.upstream_dir, exist_ok=True)
        self.upstream_copy = os.path.join(self.upstream_dir, "liblttng-ctl.so.0")
        if not os.path.exists(self.upstream_copy) or not filecmp.cmp(
            self.intree, self.upstream_copy, shallow=False
        ):
            shutil.copyfile(self.intree, self.upstream_copy + ".new")
            os.replace(self.upstream_copy + ".new", self.upstream_copy)

    def inode(self, path):
        st = os.stat(path)
        return (os.major(st.st_dev), os.minor(st.st_dev), st.st_ino)


def elf_symbols(path, defined):
    flag = "--defined-only" if defined else "--undefined-only"
    out = subprocess.run(
        ["nm", "-D", flag, path], capture_output=True, text=True, check=False
    ).stdout
    syms = set()
    for line in out.splitlines():
        parts = line.split()
        if parts:
            syms.add(parts[-1].split("@")[0])
    return syms


class Missing:
    """Which liblttng-ctl symbols each in-tree program imports that our library lacks."""

    def __init__(self, setup):
        self.upstream = elf_symbols(setup.intree, True)
        self.ours = elf_symbols(setup.ours, True) if setup.ours else None
        self.cache = {}

    def of(self, exe):
        if self.ours is None or not exe:
            return []
        if exe not in self.cache:
            need = elf_symbols(exe, False) & self.upstream
            self.cache[exe] = sorted(need - self.ours)
        return self.cache[exe]


def write_fallback_wrapper(setup, program):
    """A launcher for a daemon that runs it on upstream's library (see the `fallback` lines of
    the expected-results file)."""
    binary = os.path.join(setup.src, "src/bin", program, ".libs", program)
    wrapper = os.path.join(setup.cache, "fallback-" + program)
    with open(wrapper, "w") as f:
        f.write(
            "#!/bin/sh\n"
            f"# {program} on upstream's library (scripts/upstream-tests.sh fallback)\n"
            f'LD_LIBRARY_PATH="{setup.upstream_dir}${{LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}}"\n'
            "export LD_LIBRARY_PATH\n"
            f'exec "{binary}" "$@"\n'
        )
    os.chmod(wrapper, 0o755)
    return wrapper, os.path.join(setup.src, "src/bin", program, program)


def run_one(setup, test, lib, out_dir, timeout, wrappers):
    """Runs one test in its namespaces; returns its result record. `wrappers`: (launcher,
    in-tree program) pairs of the daemons that fall back to upstream's library."""
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(out_dir)
    cmd = [
        "unshare", "--pid", "--fork", "--mount-proc", "--net", "--mount", "--uts", "--ipc",
        "--propagation", "private",
        "/usr/bin/python3", os.path.join(HERE, "ns-init.py"),
        "--intree", setup.intree,
        "--timeout", str(timeout),
        "--out", out_dir,
        "--path", SYSPATH,
    ]  # fmt: skip
    if lib == "ours":
        cmd += ["--ours", setup.ours]
        if setup.system:
            cmd += ["--bind", f"{setup.ours}:{setup.system}"]
        for wrapper, target in wrappers:
            cmd += ["--bind", f"{wrapper}:{target}"]
    elif setup.system:
        cmd += ["--bind", f"{setup.intree}:{setup.system}"]
    cmd += ["--tests-dir", setup.tests, test]
    env = {"PATH": SYSPATH, "LANG": "C.UTF-8"}
    subprocess.run(cmd, env=env, check=False)
    try:
        with open(os.path.join(out_dir, "result.json")) as f:
            res = json.load(f)
    except (OSError, ValueError):
        res = {"exit": None, "signal": None, "timeout": False, "duration": 0,
               "orphans": [], "loads": [], "maps": [], "setup_failed": True}  # fmt: skip
    with open(os.path.join(out_dir, "tap.txt"), errors="replace") as f:
        res["tap"] = tap_counts(f.read())
    try:
        with open(os.path.join(out_dir, "stderr.txt"), errors="replace") as f:
            stderr = f.read()
    except OSError:
        stderr = ""
    res["crashes"] = sorted(
        {m.group(0) for m in CRASH_RE.finditer(stderr)}
        | {f"{o['name']} {o['how']}" for o in res["orphans"] if o["how"] != "exit 127"}
        | ({f"test {res['signal']}"} if res["signal"] and not res["timeout"] else set())
    )
    res["load_errors"] = sorted(
        {shorten(m.group(0), setup.src) for m in LOAD_RE.finditer(stderr)}
        | {f"{o['name']} exit 127" for o in res["orphans"] if o["how"] == "exit 127"}
    )
    return res


def shorten(text, src):
    return text.replace(src + "/", "")


def prove(setup, res, lib, fallbacks, missing):
    """Which library the test's programs mapped: a short text, and whether it is as meant."""
    want = setup.inode(setup.ours if lib == "ours" else setup.intree)
    upstream_copy = setup.inode(setup.upstream_copy)
    if lib != "ours":
        fallbacks = []
    # Under a fallback, the daemon, and what it starts (its consumer daemons), may map the
    # copy of upstream's library; they may also map ours, when a preloaded testpoint library
    # of the test brings it first (its rpath is the in-tree folder).
    family = set(fallbacks) | ({"lttng-consumerd"} if fallbacks else set())
    meant_paths = {setup.intree, setup.system}
    good = True
    notes = []
    counts = {}
    for load in res["loads"]:
        exe = load["exe"] or "?"
        name = os.path.basename(exe)
        counts[name] = counts.get(name, 0) + 1
        if os.path.realpath(load["lib"]) in meant_paths:
            continue
        if name in family and load["lib"] == setup.upstream_copy:
            continue
        good = False
        notes.append(f"{name} loaded {load['lib']}")
    mapped_ok = 0
    for m in res["maps"]:
        major, minor = (int(x, 16) for x in m["dev"].split(":"))
        got = (major, minor, m["inode"])
        name = os.path.basename(m["exe"])
        if got == want or (name in family and got == upstream_copy):
            mapped_ok += 1
        else:
            good = False
            notes.append(f"{name} mapped inode {m['inode']}")
    fallback_exes = {os.path.join(setup.src, "src/bin", p, ".libs", p) for p in fallbacks}
    unresolved = {}
    if lib == "ours":
        for exe in {load["exe"] for load in res["loads"]} - fallback_exes:
            lacks = missing.of(exe)
            if lacks:
                unresolved[os.path.basename(exe)] = lacks
    progs = ", ".join(f"{n}×{c}" for n, c in sorted(counts.items()))
    text = f"{len(res['loads'])} loads ({progs}); maps {mapped_ok}/{len(res['maps'])} as meant ("
    text += "ours" if lib == "ours" else "upstream's"
    if fallbacks:
        text += f"; {', '.join(fallbacks)} on upstream's: fallback"
    text += ")"
    if notes:
        text += "; WRONG: " + "; ".join(sorted(set(notes))[:5])
    if not res["loads"]:
        text = "no program loaded a liblttng-ctl"
    return text, good, unresolved


def fmt_counts(res):
    if res is None:
        return "-"
    t = res["tap"]
    planned = "?" if t["planned"] is None else t["planned"]
    s = f"{t['ok']}/{planned}"
    if t["notok"]:
        s += f" {t['notok']}✗"
    if t["skip"]:
        s += f" {t['skip']}s"
    if res["timeout"]:
        s += " TIMEOUT"
    if res["crashes"]:
        s += " CRASH"
    if res["load_errors"]:
        s += " LOADERR"
    return s


def read_expected(path):
    """{test: {"ok", "crash"}}, {test: reason} waiting, {program: reason} fallbacks, notes."""
    counts, waiting, fallbacks, better = {}, {}, {}, {}
    if not os.path.exists(path):
        return counts, waiting, fallbacks, better
    with open(path) as f:
        for raw in f:
            line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
            if not line:
                continue
            parts = line.split(None, 2)
            if parts[0] == "waiting":
                waiting[parts[1]] = parts[2] if len(parts) > 2 else ""
            elif parts[0] == "fallback":
                fallbacks[parts[1]] = parts[2] if len(parts) > 2 else ""
            elif parts[0] == "better":
                better[parts[1]] = parts[2] if len(parts) > 2 else ""
            else:
                f = line.split()
                counts[f[0]] = {
                    "planned": f[1],
                    "ok": int(f[2]),
                    "notok": int(f[3]),
                    "skip": int(f[4]),
                    "crash": f[5] != "-",
                    "seconds": float(f[6]) if len(f) > 6 else None,
                }
    return counts, waiting, fallbacks, better


def write_expected(path, results, old_text):
    """Replaces the count lines of the expected-results file with the baseline's."""
    keep = []
    for raw in (old_text or "").splitlines():
        s = raw.strip()
        if s.startswith(("waiting ", "fallback ", "better ")) or (
            s.startswith("#") and not s.startswith("# counts")
        ):
            keep.append(raw)
    lines = keep or [
        "# Upstream's own liblttng-ctl (scripts/upstream-tests.sh --baseline) on this machine",
        "# type. The gate: on every test, ours passes at least `ok` TAP points, and crashes only",
        "# where upstream's does.",
    ]
    lines.append("# counts: test planned ok not-ok skip crash seconds")
    width = max(len(t) for t in results)
    for test in [t for t in TESTS if t in results]:
        res = results[test]
        t = res["tap"]
        crash = "crash" if res["crashes"] else "-"
        planned = "?" if t["planned"] is None else t["planned"]
        lines.append(
            f"{test:<{width}} {planned:>5} {t['ok']:>5} {t['notok']:>5} {t['skip']:>5}"
            f" {crash:<5} {res['duration']:7.1f}"
        )
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", required=True)
    ap.add_argument("--cache", required=True)
    ap.add_argument("--ours-lib")
    ap.add_argument("--ours", action="store_true")
    ap.add_argument("--baseline", action="store_true")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--update-expected", action="store_true")
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--jobs", type=int, default=1, help="tests run at once")
    ap.add_argument("--all", action="store_true", help="the long tests too")
    ap.add_argument(
        "--resume",
        action="store_true",
        help="reuse the results an earlier run left in the cache for the same library file",
    )
    ap.add_argument("--expected", default=os.path.join(REPO, "tests/upstream-expected.txt"))
    ap.add_argument("tests", nargs="*")
    args = ap.parse_args()

    if args.list:
        for t in TESTS:
            if t not in LONG:
                print(f"run   {t}")
        for t, (why, _) in LONG.items():
            print(f"long  {t}: {why} (with --all)")
        for t, why in LEFT_OUT.items():
            print(f"left  {t}: {why}")
        return 0
    tests = args.tests or [t for t in TESTS if args.all or t not in LONG]
    for t in tests:
        if t not in TESTS:
            sys.exit(f"upstream-tests: unknown test {t} (see --list)")
    libs = []
    if args.baseline:
        libs.append("upstream")
    if args.ours or not args.baseline:
        libs.append("ours")
    setup = Setup(args.src, args.cache, args.ours_lib)
    expected, waiting, fallback_reasons, better = read_expected(args.expected)
    missing = Missing(setup)
    fallbacks = sorted(fallback_reasons)
    wrappers = [write_fallback_wrapper(setup, p) for p in fallbacks] if "ours" in libs else []
    if "ours" in libs:
        for p in fallbacks:
            print(f"upstream-tests: fallback: {p} runs on upstream's library: {fallback_reasons[p]}")

    started = time.monotonic()
    results = {lib: {} for lib in libs}
    bad_proof = []

    lib_ids = {}
    for lib in libs:
        with open(setup.ours if lib == "ours" else setup.intree, "rb") as f:
            lib_ids[lib] = hashlib.sha256(f.read()).hexdigest()
    lib_ids["ours"] = lib_ids.get("ours", "") + "+".join(fallbacks)

    def time_limit(test):
        """Three times what upstream's library took here (two minutes at least), within
        --timeout: a test that waits forever on a program that could not start ends soon."""
        if test in LONG:
            return max(args.timeout, LONG[test][1])
        seconds = expected.get(test, {}).get("seconds")
        if seconds is None:
            return args.timeout
        return min(args.timeout, max(120.0, 3 * seconds))

    def task(test, lib):
        out_dir = os.path.join(args.cache, "results", lib, test)
        res = None
        if args.resume:
            try:
                with open(os.path.join(out_dir, "run.json")) as f:
                    res = json.load(f)
                if res.get("lib_id") != lib_ids[lib] or "good" not in res:
                    res = None
            except (OSError, ValueError):
                res = None
        if res is None:
            res = run_one(setup, test, lib, out_dir, time_limit(test), wrappers)
            res["lib_id"] = lib_ids[lib]
            # Judged now: the files' inodes are those the processes mapped.
            res["proof"], res["good"], res["unresolved"] = prove(
                setup, res, lib, fallbacks, missing
            )
            res["out_dir"] = out_dir
            with open(os.path.join(out_dir, "run.json"), "w") as f:
                json.dump(res, f)
        return test, lib, res, res["good"]

    def report(test, lib, res, good):
        results[lib][test] = res
        if not good:
            bad_proof.append(f"{lib} {test}")
        lines = [f"[{lib:>8}] {test:<72} {fmt_counts(res):<22} {res['duration']:6.1f} s"]
        lines.append(f"           lib: {res['proof']}" + ("" if good else "  <-- NOT AS MEANT"))
        for what, items in (("crash", res["crashes"]), ("load error", res["load_errors"])):
            for item in items[:4]:
                lines.append(f"           {what}: {item}")
        for exe, lacks in sorted(res["unresolved"].items()):
            lines.append(
                f"           ours lacks {len(lacks)} symbol(s) {exe} imports: "
                + ", ".join(lacks[:4])
                + (" ..." if len(lacks) > 4 else "")
            )
        if res.get("setup_failed"):
            lines.append("           the namespace could not be set up (see above)")
        t = res["tap"]
        if t["notok"] or (t["planned"] or 0) > t["ok"] + t["skip"] + t["notok"]:
            lines.append(f"           output: {res['out_dir']}/tap.txt, stderr.txt")
        print("\n".join(lines), flush=True)

    jobs = [(test, lib) for test in tests for lib in libs]
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for future in concurrent.futures.as_completed(
            [pool.submit(task, test, lib) for test, lib in jobs]
        ):
            report(*future.result())
    elapsed = time.monotonic() - started

    # Summary.
    print()
    print(f"{'test':<72} " + " ".join(f"{lib:>22}" for lib in libs))
    totals = {lib: [0, 0, 0, 0] for lib in libs}
    for test in tests:
        cells = []
        for lib in libs:
            res = results[lib][test]
            cells.append(f"{fmt_counts(res):>22}")
            tt = totals[lib]
            tt[0] += res["tap"]["ok"]
            tt[1] += res["tap"]["notok"]
            tt[2] += res["tap"]["skip"]
            tt[3] += res["tap"]["planned"] or 0
        note = "  (waiting: issue 12)" if test in waiting else ""
        print(f"{test:<72} " + " ".join(cells) + note)
    print(
        f"{'total (ok/planned, not ok, skipped)':<72} "
        + " ".join(f"{f'{t[0]}/{t[3]} {t[1]}✗ {t[2]}s':>22}" for t in totals.values())
    )
    print(f"upstream-tests: {len(tests)} tests, {elapsed:.0f} s")

    if args.update_expected:
        if "upstream" not in libs:
            sys.exit("upstream-tests: --update-expected needs --baseline")
        old = open(args.expected).read() if os.path.exists(args.expected) else None
        write_expected(args.expected, results["upstream"], old)
        print(f"upstream-tests: wrote {args.expected}")

    # The gate, for ours against the expected results (or against the baseline run now).
    failures = []
    if bad_proof:
        failures += [f"the libraries mapped are not as meant: {b}" for b in bad_proof]
    if "ours" in libs:
        for test in tests:
            res = results["ours"][test]
            ref = None
            if "upstream" in libs:
                r = results["upstream"][test]
                ref = {"ok": r["tap"]["ok"], "crash": bool(r["crashes"])}
            elif test in expected:
                ref = expected[test]
            if ref is None:
                if test in LONG:
                    print(f"upstream-tests: {test}: no expected result (a long test): not gated")
                else:
                    failures.append(
                        f"{test}: no expected result (run --baseline --update-expected)"
                    )
                continue
            why = []
            if res["tap"]["ok"] < ref["ok"]:
                why.append(f"{res['tap']['ok']} TAP points passed, upstream's {ref['ok']}")
            if res["crashes"] and not ref["crash"]:
                why.append("crashed: " + "; ".join(res["crashes"][:3]))
            if res["load_errors"]:
                why.append("load errors: " + "; ".join(res["load_errors"][:2]))
            if not why:
                continue
            if test in waiting:
                print(f"upstream-tests: waiting ({waiting[test]}): {test}: " + "; ".join(why))
            elif test in better and not res["crashes"] and not res["load_errors"]:
                print(f"upstream-tests: ours better ({better[test]}): {test}: " + "; ".join(why))
            else:
                failures.append(f"{test}: " + "; ".join(why))
        for test in waiting:
            if test in tests and not any(
                f.startswith(test + ":") for f in failures
            ):
                res = results["ours"][test]
                ref = expected.get(test)
                if ref and res["tap"]["ok"] >= ref["ok"] and not res["crashes"]:
                    print(f"upstream-tests: {test} is listed as waiting but passes now")
    if failures:
        print("upstream-tests: FAILED:")
        for f in failures:
            print(f"  {f}")
        return 1
    print("upstream-tests: passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
