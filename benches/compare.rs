//! `cargo bench --bench compare`: this library against the real `liblttng-ctl.so.0`, the
//! reference session daemon against the real `lttng-sessiond`, and the reference consumer's
//! streaming throughput to a real `lttng-relayd`, printed side by side in one run as
//! Markdown tables (BENCHMARKS.md records one run).
//!
//! Every daemon runs as the unprivileged test user with its own `LTTNG_HOME` and ports,
//! started so that its pid is known, and only those pids are signalled (tests/common).
//!
//! Knobs (environment): `BENCH_ROUNDS` (A/B rounds of the control path, default 10),
//! `BENCH_BATCH` (calls per round and library, default 200), `BENCH_LIST_RUNS` (`lttng list`
//! processes per round and library, default 10), `BENCH_SECS` (seconds per thread and
//! daemon point, default 2), `BENCH_STREAM_SECS` (seconds per streaming point, default 2),
//! `BENCH_RSS_CALLS` (calls of the memory test, default 100000), `BENCH_ONLY` (a comma list
//! of sections to run: control, threads, daemon, memory, streaming, notify), `BENCH_NOTIFY_EVENTS`
//! (events per notification point, default 5000).

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "compare/discard_relay.rs"]
mod discard_relay;

use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::*;
use lttng_ctl::consumer::{read_message, relay, send_message};
use lttng_ctl::ctf::{PacketBuilder, TraceInfo};
use lttng_ctl::proto::consumer::{Message, Output as ConsumerOutput, StreamSpec};
use lttng_ctl::proto::relayd::CreateSession;
use lttng_ctl::transport::unix::Connection;

fn knob(name: &str, default: f64) -> f64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn section(name: &str) -> bool {
    std::env::var("BENCH_ONLY").map_or(true, |v| v.split(',').any(|s| s.trim() == name))
}

fn sh(cmd: &str) -> String {
    Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

/// The two libraries a driver process can run on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Lib {
    Ours,
    Real,
}

impl Lib {
    fn name(self) -> &'static str {
        match self {
            Lib::Ours => "ours",
            Lib::Real => "real",
        }
    }
}

/// The compiled C driver and the directory holding our `liblttng-ctl.so.0`.
struct Driver {
    program: PathBuf,
    lib: PathBuf,
}

impl Driver {
    fn run(&self, lib: Lib, home: &Path, args: &[&str]) -> Output {
        let ours = (lib == Lib::Ours).then_some(self.lib.as_path());
        run_c(&self.program, home, ours, args, &[])
    }

    fn run_ok(&self, lib: Lib, home: &Path, args: &[&str]) -> String {
        let out = self.run(lib, home, args);
        ok_stdout(
            &format!("ctl_bench {} ({})", args.join(" "), lib.name()),
            &out,
        )
    }

    fn samples(&self, lib: Lib, home: &Path, args: &[&str]) -> Vec<f64> {
        self.run_ok(lib, home, args)
            .lines()
            .filter_map(|l| l.trim().parse::<f64>().ok())
            .collect()
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn us(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else {
        format!("{:.1} µs", ns / 1e3)
    }
}

fn verdict(ok: bool) -> &'static str {
    if ok { "met" } else { "MISSED" }
}

/// Interleaved A B A B rounds of one driver command; (median, p99) per library.
fn ab_rounds(driver: &Driver, home: &Path, args: &[&str], rounds: usize) -> [(f64, f64, usize); 2] {
    let mut all: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
    for _ in 0..rounds {
        for (i, lib) in [Lib::Ours, Lib::Real].into_iter().enumerate() {
            all[i].extend(driver.samples(lib, home, args));
        }
    }
    all.map(|mut v| {
        v.sort_by(f64::total_cmp);
        (percentile(&v, 0.5), percentile(&v, 0.99), v.len())
    })
}

fn control_path(driver: &Driver, dir: &TestDir) {
    let rounds = knob("BENCH_ROUNDS", 10.0) as usize;
    let batch = knob("BENCH_BATCH", 200.0) as usize;
    let list_runs = knob("BENCH_LIST_RUNS", 10.0) as usize;
    let requests = record_requests(driver, dir);
    let sessiond = Sessiond::start(dir);
    let home = &sessiond.home;
    for s in ["pre1", "pre2", "pre3"] {
        lttng_ok(home, &["create", s, "--no-output"]);
    }
    lttng_ok(home, &["enable-event", "-u", "-a", "-s", "pre1"]);
    println!(
        "## Control path (real lttng-sessiond {})\n",
        sh("lttng-sessiond --version")
    );
    println!(
        "{rounds} rounds, ours then real in each (A B A B), {batch} timed calls per round and \
         library after 10 untimed; {list_runs} `lttng list` processes per round and library.\n"
    );
    println!(
        "| operation | ours median | real median | ratio | ours p99 | real p99 | p99 ratio | samples | target | |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    let batch_s = batch.to_string();
    let list_s = list_runs.to_string();
    let cases: [(&str, Vec<&str>, f64); 5] = [
        ("list-sessions", vec!["calls", "list", &batch_s, "10"], 0.9),
        (
            "create+destroy",
            vec!["calls", "create_destroy", &batch_s, "10"],
            1.0,
        ),
        (
            "enable-event",
            vec!["calls", "enable_event", &batch_s, "10"],
            1.0,
        ),
        (
            "start+stop",
            vec!["calls", "start_stop", &batch_s, "10"],
            1.0,
        ),
        (
            "`lttng list` process",
            vec!["exec", &list_s, "/usr/bin/lttng", "list"],
            1.0,
        ),
    ];
    for (name, args, target) in cases {
        let [(om, op, n), (rm, rp, _)] = ab_rounds(driver, home, &args, rounds);
        let ratio = om / rm;
        println!(
            "| {name} | {} | {} | **{ratio:.2}** | {} | {} | {:.2} | {n} + {n} | ≤ {target:.1} | {} |",
            us(om),
            us(rm),
            us(op),
            us(rp),
            op / rp,
            verdict(ratio <= target)
        );
    }
    println!();
    floor_table(driver, &sessiond, &requests, rounds, batch);
}

/// The request files of the floor client, per operation: what the libraries sent.
struct Requests {
    list: Vec<PathBuf>,
    create_destroy: Vec<PathBuf>,
}

/// Records what both libraries send for one list-sessions call and one create+destroy
/// (the stand-in daemon of tests/common, on the home the real daemon will use, since a
/// create carries the caller's home), checks that ours and the real library send the same
/// bytes, and writes each request to a file for the floor client. The stand-in's socket is
/// removed before the real daemon starts.
fn record_requests(driver: &Driver, dir: &TestDir) -> Requests {
    let home = dir.subdir("home");
    let standin = common::standin::StandIn::start(&home);
    let record = |op: &str| {
        let mut per_lib = Vec::new();
        for lib in [Lib::Ours, Lib::Real] {
            driver.run_ok(lib, &home, &["calls", op, "1", "0"]);
            per_lib.push(standin.take());
        }
        assert_eq!(
            per_lib[0], per_lib[1],
            "{op}: our library and the real one sent different requests"
        );
        assert!(!per_lib[0].is_empty(), "{op}: nothing recorded");
        let files: Vec<PathBuf> = per_lib[0]
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let path = dir.join(&format!("request-{op}-{i}.bin"));
                let mut bytes = r.header.clone();
                bytes.extend_from_slice(&r.payload);
                std::fs::write(&path, bytes).unwrap();
                path
            })
            .collect();
        (files, per_lib[0].len())
    };
    let (list, _) = record("list");
    let (create_destroy, n) = record("create_destroy");
    assert_eq!(n, 4, "create+destroy: create, stop, data pending, destroy");
    std::fs::remove_dir_all(home.join(".lttng")).unwrap();
    Requests {
        list,
        create_destroy,
    }
}

/// Where the client runs relative to the session daemon.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Placement {
    SameCpu,
    DifferentCpus,
}

impl Placement {
    fn name(self) -> &'static str {
        match self {
            Placement::SameCpu => "same CPU",
            Placement::DifferentCpus => "different CPUs",
        }
    }

    /// (daemon CPU, client CPU).
    fn cpus(self) -> (usize, usize) {
        match self {
            Placement::SameCpu => (0, 0),
            Placement::DifferentCpus => (0, 1),
        }
    }
}

/// Pins every thread of `pid` to `cpu`.
fn pin_all_threads(pid: u32, cpu: usize) {
    let status = Command::new("taskset")
        .args(["-a", "-p", "-c", &cpu.to_string(), &pid.to_string()])
        .stdout(Stdio::null())
        .status()
        .expect("taskset");
    assert!(status.success(), "taskset -a -p {pid}");
}

/// `program ARGS` as the test user on `cpu`, on our library when `ours` is set; under
/// `strace -f -c` when `count` names its output file.
fn client_command(
    program: &Path,
    args: &[&str],
    home: &Path,
    cpu: usize,
    ours: Option<&Path>,
    count: Option<&Path>,
) -> Command {
    let (uid, gid) = test_ids();
    let mut cmd = Command::new("taskset");
    cmd.args(["-c", &cpu.to_string(), "setpriv"])
        .arg(format!("--reuid={uid}"))
        .arg(format!("--regid={gid}"))
        .args(["--clear-groups", "--"]);
    if let Some(out) = count {
        cmd.args(["strace", "-f", "-qq", "-c", "-o"]).arg(out);
    }
    cmd.arg(program)
        .args(args)
        .env("LTTNG_HOME", home)
        .env_remove("LD_LIBRARY_PATH");
    if let Some(lib) = ours {
        cmd.env("LD_LIBRARY_PATH", lib);
    }
    cmd
}

/// One of the three clients of the floor table.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Client {
    Real,
    Ours,
    Floor,
}

struct FloorCase<'a> {
    driver: &'a Driver,
    floor: &'a Path,
    home: &'a Path,
    op: &'a str,
    requests: &'a [PathBuf],
}

impl FloorCase<'_> {
    fn command(
        &self,
        client: Client,
        n: usize,
        warmup: usize,
        cpu: usize,
        count: Option<&Path>,
    ) -> Command {
        let (n, warmup) = (n.to_string(), warmup.to_string());
        match client {
            Client::Floor => {
                let mut args = vec!["calls", n.as_str(), warmup.as_str()];
                args.extend(self.requests.iter().map(|p| p.to_str().unwrap()));
                client_command(self.floor, &args, self.home, cpu, None, count)
            }
            Client::Real | Client::Ours => client_command(
                &self.driver.program,
                &["calls", self.op, &n, &warmup],
                self.home,
                cpu,
                (client == Client::Ours).then_some(self.driver.lib.as_path()),
                count,
            ),
        }
    }

    fn samples(&self, client: Client, n: usize, cpu: usize) -> Vec<f64> {
        let out = run_with_timeout(
            self.command(client, n, 10, cpu, None),
            Duration::from_secs(300),
        );
        ok_stdout(&format!("{} ({})", self.op, client.name()), &out)
            .lines()
            .filter_map(|l| l.trim().parse::<f64>().ok())
            .collect()
    }

    /// System calls per call: the calls `strace -c` counts for `n` calls, less those of a run
    /// with none (process start and exit), divided by `n`.
    fn syscalls_per_call(&self, client: Client, cpu: usize, scratch: &Path) -> Option<f64> {
        let n = 200;
        let mut total = [0.0; 2];
        for (i, calls) in [0, n].into_iter().enumerate() {
            let file = scratch.join(format!("strace-{}-{}-{calls}.txt", self.op, client.name()));
            let _ = std::fs::remove_file(&file);
            let out = run_with_timeout(
                self.command(client, calls, 0, cpu, Some(&file)),
                Duration::from_secs(120),
            );
            if !out.status.success() {
                return None;
            }
            let text = std::fs::read_to_string(&file).ok()?;
            let line = text.lines().find(|l| l.trim_end().ends_with(" total"))?;
            total[i] = line.split_whitespace().nth(3)?.parse().ok()?;
        }
        Some((total[1] - total[0]) / n as f64)
    }
}

impl Client {
    fn name(self) -> &'static str {
        match self {
            Client::Real => "real",
            Client::Ours => "ours",
            Client::Floor => "floor",
        }
    }
}

/// The control path against its floor: the real library, ours and the floor client (the
/// same request bytes sent the cheapest correct way), alternating rounds, with the client on
/// the daemon's CPU and on another one; then the system calls per call of each.
fn floor_table(
    driver: &Driver,
    sessiond: &Sessiond,
    requests: &Requests,
    rounds: usize,
    batch: usize,
) {
    let scratch = TestDir::new("bench-floor");
    let floor = compile_c(&scratch, "floor", &["benches/floor.c"], &[]);
    let pid = sessiond.daemon.child.id();
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let placements: &[Placement] = if cpus >= 2 {
        &[Placement::SameCpu, Placement::DifferentCpus]
    } else {
        &[Placement::SameCpu]
    };
    println!("## Control path against its floor\n");
    println!(
        "The floor is `benches/floor.c`: per request one socket, one connect, one `sendmsg` \
         with the request and SCM_CREDENTIALS, `recv` until the reply is complete, close; no \
         library. It sends the bytes both libraries were recorded sending to a stand-in \
         daemon just before (the bench checks that ours and the real one send the same \
         bytes). The session daemon's threads are pinned to CPU 0 (`taskset -a`), the client \
         to the CPU the placement names. {rounds} rounds of real, ours, floor; {batch} timed \
         calls per round and client after 10 untimed.\n"
    );
    println!(
        "| operation | placement | real | ours | floor | ours/floor | real/floor | target | |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    let cases = [
        ("list-sessions", "list", requests.list.as_slice()),
        (
            "create+destroy (4 round trips)",
            "create_destroy",
            requests.create_destroy.as_slice(),
        ),
    ];
    let clients = [Client::Real, Client::Ours, Client::Floor];
    let case_for = |op, requests| FloorCase {
        driver,
        floor: &floor,
        home: &sessiond.home,
        op,
        requests,
    };
    for &placement in placements {
        let (daemon_cpu, client_cpu) = placement.cpus();
        pin_all_threads(pid, daemon_cpu);
        for (name, op, files) in cases {
            let case = case_for(op, files);
            let mut all: [Vec<f64>; 3] = Default::default();
            for _ in 0..rounds {
                for (i, c) in clients.into_iter().enumerate() {
                    all[i].extend(case.samples(c, batch, client_cpu));
                }
            }
            let [real, ours, floor_ns] = all.map(|mut v| {
                v.sort_by(f64::total_cmp);
                percentile(&v, 0.5)
            });
            let target = if placement == Placement::SameCpu {
                "≤ 1.10"
            } else {
                ""
            };
            let verdict_text = if placement == Placement::SameCpu {
                verdict(ours / floor_ns <= 1.10)
            } else {
                ""
            };
            println!(
                "| {name} | {} | {} | {} | {} | **{:.2}** | {:.2} | {target} | {verdict_text} |",
                placement.name(),
                us(real),
                us(ours),
                us(floor_ns),
                ours / floor_ns,
                real / floor_ns,
            );
        }
    }
    println!();
    println!("System calls per call (`strace -f -c`, 200 calls less a run of none):\n");
    println!("| operation | real | ours | floor |");
    println!("|---|---|---|---|");
    for (name, op, files) in cases {
        let case = case_for(op, files);
        let counts = clients.map(|c| {
            case.syscalls_per_call(c, 0, &scratch.path)
                .map_or_else(|| "n/a (strace?)".to_owned(), |n| format!("{n:.1}"))
        });
        println!("| {name} | {} | {} | {} |", counts[0], counts[1], counts[2]);
    }
    println!();
}

struct ThreadsResult {
    calls: u64,
    errors: u64,
    first_error: i64,
    stuck: u64,
    secs: f64,
}

fn parse_threads(text: &str) -> Option<ThreadsResult> {
    let line = text.lines().find(|l| l.starts_with("threads="))?;
    let field = |k: &str| {
        line.split_whitespace()
            .find_map(|f| f.strip_prefix(&format!("{k}=")).map(str::to_owned))
    };
    Some(ThreadsResult {
        calls: field("calls")?.parse().ok()?,
        errors: field("errors")?.parse().ok()?,
        first_error: field("first_error")?.parse().ok()?,
        stuck: field("stuck")?.parse().ok()?,
        secs: field("secs")?.parse().ok()?,
    })
}

/// Runs `threads OP T SECS`; a description of what happened and the calls per second (when
/// every call succeeded and no thread hung).
fn threads_run(
    driver: &Driver,
    lib: Lib,
    home: &Path,
    op: &str,
    threads: usize,
    secs: f64,
) -> (String, Option<f64>) {
    use std::os::unix::process::ExitStatusExt;
    let mut cmd = as_test_user(&driver.program);
    cmd.args(["threads", op, &threads.to_string(), &secs.to_string()])
        .env("LTTNG_HOME", home)
        .env_remove("LD_LIBRARY_PATH");
    if lib == Lib::Ours {
        cmd.env("LD_LIBRARY_PATH", &driver.lib);
    }
    let out = run_with_timeout(cmd, Duration::from_secs_f64(secs + 30.0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    if let Some(sig) = out.status.signal() {
        let name = match sig {
            libc::SIGPIPE => "SIGPIPE",
            libc::SIGSEGV => "SIGSEGV",
            libc::SIGABRT => "SIGABRT",
            _ => "signal",
        };
        return (format!("killed by {name} ({sig})"), None);
    }
    let Some(r) = parse_threads(&stdout) else {
        return (format!("no result ({})", out.status), None);
    };
    let rate = r.calls as f64 / r.secs;
    let mut what = format!("{rate:.0} calls/s");
    if r.errors > 0 {
        what = format!(
            "{} ok, {} errors (first {}: {})",
            r.calls,
            r.errors,
            r.first_error,
            strerror(r.first_error)
        );
    }
    if r.stuck > 0 {
        what = format!(
            "{what}; {}/{threads} threads hung in a call (never returned)",
            r.stuck
        );
    }
    let clean = r.errors == 0 && r.stuck == 0;
    (what, clean.then_some(rate))
}

fn strerror(code: i64) -> String {
    i32::try_from(code)
        .ok()
        .and_then(lttng_ctl::model::error::strerror)
        .unwrap_or("unknown")
        .to_owned()
}

/// A fresh session daemon for one point (a killed or hung client leaves sessions behind,
/// which every later list would carry), with the three sessions the list workloads see.
enum Fresh {
    // The daemon is dropped (stopped) before its directory.
    Ref { d: RefSessiond, _dir: TestDir },
    Real { d: Sessiond, _dir: TestDir },
}

impl Fresh {
    fn start(real: bool) -> Fresh {
        let dir = TestDir::new("bench-point");
        let fresh = if real {
            Fresh::Real {
                d: Sessiond::start(&dir),
                _dir: dir,
            }
        } else {
            Fresh::Ref {
                d: RefSessiond::start(&dir, &[]),
                _dir: dir,
            }
        };
        for s in ["pre1", "pre2", "pre3"] {
            lttng_ok(fresh.home(), &["create", s, "--no-output"]);
        }
        fresh
    }

    fn home(&self) -> &Path {
        match self {
            Fresh::Ref { d, .. } => &d.home,
            Fresh::Real { d, .. } => &d.home,
        }
    }
}

/// `threads_run` on a fresh daemon.
fn point(
    driver: &Driver,
    lib: Lib,
    real_daemon: bool,
    op: &str,
    threads: usize,
    secs: f64,
) -> (String, Option<f64>) {
    let d = Fresh::start(real_daemon);
    threads_run(driver, lib, d.home(), op, threads, secs)
}

fn threads_section(driver: &Driver) {
    let secs = knob("BENCH_SECS", 2.0);
    println!("## Threads sharing one library instance (reference daemon)\n");
    println!(
        "One process, T threads calling for {secs} s, a fresh daemon for every cell. `list`: lttng_list_sessions; `cycle`: \
         create, enable-event, list, destroy (4 commands, counted as 4 calls).\n"
    );
    println!("| threads | ours: list | ours: cycle | real: list | real: cycle |");
    println!("|---|---|---|---|---|");
    for t in [1, 2, 4, 8] {
        let (ol, _) = point(driver, Lib::Ours, false, "list", t, secs);
        let (oc, oc_rate) = point(driver, Lib::Ours, false, "cycle", t, secs);
        let (rl, _) = point(driver, Lib::Real, false, "list", t, secs);
        let (rc, rc_rate) = point(driver, Lib::Real, false, "cycle", t, secs);
        let cyc = |s: String, r: Option<f64>| r.map_or(s, |r| format!("{:.0} calls/s", r * 4.0));
        println!(
            "| {t} | {ol} | {} | {rl} | {} |",
            cyc(oc, oc_rate),
            cyc(rc, rc_rate)
        );
    }
    println!();
}

fn daemon_section(driver: &Driver) {
    let secs = knob("BENCH_SECS", 2.0);
    println!("## Reference daemon against the real lttng-sessiond, 8 concurrent clients\n");
    println!(
        "8 threads of one process on this library (each call its own connection, so each \
         thread is an independent client), {secs} s per point, same workload on each daemon.\n"
    );
    println!("| workload | lttng-ref-sessiond | real lttng-sessiond | ratio |");
    println!("|---|---|---|---|");
    for (name, op, per) in [
        ("list-sessions", "list", 1.0),
        ("create, enable-event, list, destroy", "cycle", 4.0),
    ] {
        let (a, ar) = point(driver, Lib::Ours, false, op, 8, secs);
        let (b, br) = point(driver, Lib::Ours, true, op, 8, secs);
        let fmt = |s: String, r: Option<f64>| r.map_or(s, |r| format!("{:.0} commands/s", r * per));
        let ratio = match (ar, br) {
            (Some(a), Some(b)) => format!("{:.2}", a / b),
            _ => "-".into(),
        };
        println!("| {name} | {} | {} | {ratio} |", fmt(a, ar), fmt(b, br));
    }
    println!();
}

fn memory_section(driver: &Driver, dir: &TestDir) {
    let calls = knob("BENCH_RSS_CALLS", 100_000.0) as usize;
    let refd = RefSessiond::start(dir, &[]);
    for s in ["pre1", "pre2", "pre3"] {
        lttng_ok(&refd.home, &["create", s, "--no-output"]);
    }
    println!("## Memory (reference daemon, {calls} lttng_list_sessions calls)\n");
    println!(
        "| library | RSS after loading | after 1 call | after {} calls | after {calls} calls | growth |",
        calls / 10 + 1
    );
    println!("|---|---|---|---|---|---|");
    for lib in [Lib::Ours, Lib::Real] {
        let text = driver.run_ok(lib, &refd.home, &["rss", &calls.to_string()]);
        let get = |k: &str| -> i64 {
            text.split_whitespace()
                .find_map(|f| f.strip_prefix(&format!("{k}=")))
                .and_then(|v| v.parse().ok())
                .unwrap_or(-1)
        };
        let (l, f, t, e) = (get("loaded"), get("first"), get("tenth"), get("end"));
        println!(
            "| {} | {l} KiB | {f} KiB | {t} KiB | {e} KiB | {:+} KiB |",
            lib.name(),
            e - t
        );
    }
    println!();
}

/// Loopback TCP ceiling: one connection, 1 MiB writes, the reader discards; MB/s.
fn tcp_ceiling(secs: f64) -> f64 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let reader = std::thread::spawn(move || {
        let (mut s, _) = listener.accept().unwrap();
        let mut buf = vec![0u8; 1 << 20];
        let mut total = 0u64;
        loop {
            match s.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => total += n as u64,
            }
        }
        (total, Instant::now())
    });
    let mut s = TcpStream::connect(addr).unwrap();
    let buf = vec![0x5au8; 1 << 20];
    let start = Instant::now();
    while start.elapsed().as_secs_f64() < secs {
        std::io::Write::write_all(&mut s, &buf).unwrap();
    }
    drop(s);
    let (total, end) = reader.join().unwrap();
    total as f64 / (end - start).as_secs_f64() / 1e6
}

/// CPU seconds (user + system) a process used so far.
fn cpu_secs(pid: u32, ticks: f64) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = rest
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    // Fields 14 and 15 of the file are the 12th and 13th after the command name.
    (f.get(11).unwrap_or(&0.0) + f.get(12).unwrap_or(&0.0)) / ticks
}

fn dir_bytes(p: &Path) -> u64 {
    let mut total = 0;
    if let Ok(rd) = std::fs::read_dir(p) {
        for e in rd.flatten() {
            let Ok(m) = e.metadata() else { continue };
            if m.is_dir() {
                total += dir_bytes(&e.path());
            } else if e.file_name().to_string_lossy().starts_with("stream")
                && !e.file_name().to_string_lossy().ends_with(".idx")
            {
                total += m.len();
            }
        }
    }
    total
}

/// The relay end of a streaming point.
enum Target<'a> {
    /// The real `lttng-relayd`, writing to tmpfs.
    Relayd(&'a Relayd),
    /// The bench's stand-in that discards the data (the consumer's own limit).
    Discard(&'a discard_relay::DiscardRelay),
}

/// Where the bench sends packets.
enum Sink {
    /// Through `lttng-ref-consumerd`, as the reference session daemon does.
    Consumer {
        link: Connection,
        consumer: Daemon,
        frames: Vec<Vec<u8>>,
    },
    /// Straight to the relay daemon.
    Direct {
        ctl: relay::Control,
        data: TcpStream,
        metadata: u64,
        handles: Vec<u64>,
        next_seq: u64,
    },
}

struct StreamPoint {
    mb_s: f64,
    events_s: f64,
    consumer_cpu: f64,
    relayd_cpu: f64,
    written_ok: bool,
}

/// Feeds the reference consumer (as the reference session daemon does: a Unix link, the two
/// relay sockets handed over) with `streams` streams of `subbuf`-byte packets of `ref:tick`
/// events, at `rate` events/s in all (unbounded when `None`), for `secs`; the figures cover
/// the first packet sent to the consumer's confirmation that the relay daemon wrote all.
/// `direct`: no consumer, this process speaks the relay protocol itself (what the relay
/// daemon alone sustains, the consumer's own limit).
fn stream_point(
    target: &Target<'_>,
    direct: bool,
    streams: u32,
    subbuf: usize,
    rate: Option<f64>,
    secs: f64,
    ticks: f64,
) -> StreamPoint {
    static SESSION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    let sid = SESSION.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = format!("bench{sid}");
    let creation = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let (control_port, data_port) = match target {
        Target::Relayd(r) => (r.control_port, r.data_port),
        Target::Discard(d) => (d.control_port, d.data_port),
    };
    let discarded_before = match target {
        Target::Relayd(_) => 0,
        Target::Discard(d) => d.bytes(),
    };
    let control = relay::connect("127.0.0.1", control_port).unwrap();
    let data = relay::connect("127.0.0.1", data_port).unwrap();
    let mut ctl = relay::Control::new(control);
    ctl.version().unwrap();
    let (session_id, path) = ctl
        .create_session(&CreateSession {
            session_name: name.clone(),
            hostname: "bench".into(),
            base_path: String::new(),
            live_timer: 0,
            snapshot: false,
            sessiond_uuid: lttng_ctl::sessiond::random_uuid(),
            session_id: sid,
            creation_time: creation,
        })
        .unwrap();
    let uuid = lttng_ctl::sessiond::random_uuid();
    let info = TraceInfo {
        uuid,
        hostname: "bench".into(),
        session_name: name.clone(),
        clock_offset_ns: 0,
    };
    let trace_path = "ust/uid/999/64-bit";
    // One packet per stream, built once: at a bounded rate, what a 100 ms switch timer
    // flushes at that rate (at most a full sub-buffer); unbounded, full sub-buffers.
    let cap_events = {
        let mut b = PacketBuilder::new(uuid, subbuf, 0);
        let mut n = 0u64;
        while b.push_tick(n, n, &format!("tick {n}")) {
            n += 1;
        }
        n
    };
    let per_packet = match rate {
        Some(r) => ((r / f64::from(streams) * 0.1) as u64).clamp(1, cap_events),
        None => cap_events,
    };
    let period = rate.map(|r| per_packet as f64 * f64::from(streams) / r);
    let packets_built: Vec<lttng_ctl::ctf::Packet> = (0..streams)
        .map(|i| {
            let mut b = PacketBuilder::new(uuid, subbuf, i);
            for n in 0..per_packet {
                b.push_tick(n * 1000, n, &format!("tick {n}"));
            }
            b.finish(0, 0, per_packet * 1000)
        })
        .collect();
    let mut sink = if direct {
        ctl.create_trace_chunk(0, creation).unwrap();
        let metadata = ctl.add_stream("metadata", trace_path, 0).unwrap();
        let handles: Vec<u64> = (0..streams)
            .map(|i| {
                ctl.add_stream(&format!("stream{i}_0"), trace_path, 0)
                    .unwrap()
            })
            .collect();
        ctl.streams_sent().unwrap();
        ctl.send_metadata(metadata, info.metadata().as_bytes())
            .unwrap();
        Sink::Direct {
            ctl,
            data,
            metadata,
            handles,
            next_seq: 0,
        }
    } else {
        let control = ctl.into_stream();
        let (ours, theirs) = UnixStream::pair().unwrap();
        let child = as_test_user(built_program("lttng-ref-consumerd"))
            .stdin(Stdio::from(OwnedFd::from(theirs)))
            .stdout(Stdio::null())
            .spawn()
            .expect("spawn lttng-ref-consumerd");
        let consumer = Daemon {
            child,
            name: "lttng-ref-consumerd",
        };
        let link = Connection::from_stream(ours);
        let setup = Message::Setup {
            output: ConsumerOutput::Relay {
                session_id,
                path: path.clone(),
                creation_time: creation,
            },
            hostname: "bench".into(),
            session_name: name.clone(),
            trace_path: trace_path.into(),
            metadata: info.metadata(),
            streams: (0..streams)
                .map(|i| StreamSpec {
                    id: i,
                    name: format!("stream{i}"),
                    subbuf_size: subbuf as u64,
                })
                .collect(),
        };
        send_message(&link, &setup).unwrap();
        link.send_fds(&[control.as_raw_fd(), data.as_raw_fd()])
            .unwrap();
        drop((control, data));
        match read_message(&link) {
            Ok(Some(Message::Ready)) => {}
            other => panic!("consumer not ready: {other:?}"),
        }
        // Encoded once: the producer's cost stays out of the figures as far as possible.
        let frames = packets_built
            .iter()
            .enumerate()
            .map(|(i, p)| {
                Message::Packet {
                    stream: i as u32,
                    content: p.content.clone(),
                    padding: p.padding,
                    index: p.index,
                }
                .encode()
            })
            .collect();
        Sink::Consumer {
            link,
            consumer,
            frames,
        }
    };

    let pid = match &sink {
        Sink::Consumer { consumer, .. } => Some(consumer.pid()),
        Sink::Direct { .. } => None,
    };
    let cpu = |pid: Option<u32>| {
        (
            pid.map_or(0.0, |p| cpu_secs(p, ticks)),
            match target {
                Target::Relayd(r) => cpu_secs(r.daemon.pid(), ticks),
                Target::Discard(_) => 0.0,
            },
        )
    };
    let cpu0 = cpu(pid);
    let start = Instant::now();
    let mut packets = 0u64;
    let mut k = 0u64;
    loop {
        let elapsed = start.elapsed().as_secs_f64();
        if elapsed >= secs {
            break;
        }
        if let Some(p) = period {
            let due = k as f64 * p;
            if due > elapsed {
                std::thread::sleep(Duration::from_secs_f64((due - elapsed).min(secs - elapsed)));
                continue;
            }
        }
        match &mut sink {
            Sink::Consumer { link, frames, .. } => {
                for f in frames.iter() {
                    link.send(f).unwrap();
                }
            }
            Sink::Direct {
                ctl,
                data,
                handles,
                next_seq,
                ..
            } => {
                for (h, p) in handles.iter().zip(&packets_built) {
                    relay::send_packet(data, *h, *next_seq, &p.content, p.padding).unwrap();
                    ctl.send_index_pipelined(*h, *next_seq, &p.index).unwrap();
                }
                *next_seq += 1;
            }
        }
        packets += u64::from(streams);
        k += 1;
    }
    match &mut sink {
        Sink::Consumer { link, .. } => {
            send_message(link, &Message::Drain { token: 1 }).unwrap();
            match read_message(link) {
                Ok(Some(Message::Drained { token: 1 })) => {}
                other => panic!("consumer did not drain: {other:?}"),
            }
        }
        Sink::Direct {
            ctl,
            metadata,
            handles,
            next_seq,
            ..
        } => {
            let last: Vec<(u64, u64)> = handles.iter().map(|h| (*h, *next_seq - 1)).collect();
            ctl.wait_data_written(session_id, &last, *metadata, Duration::from_secs(60))
                .unwrap();
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    let cpu1 = cpu(pid);
    match sink {
        Sink::Consumer {
            link, mut consumer, ..
        } => {
            send_message(&link, &Message::Close).unwrap();
            let _ = read_message(&link);
            let deadline = Instant::now() + Duration::from_secs(10);
            while consumer.is_running() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(10));
            }
            consumer.stop();
        }
        Sink::Direct {
            mut ctl,
            metadata,
            handles,
            next_seq,
            ..
        } => {
            let _ = ctl.close_stream(metadata, lttng_ctl::proto::relayd::NO_SEQ);
            for h in handles {
                let _ = ctl.close_stream(h, next_seq - 1);
            }
        }
    }

    let bytes = packets * subbuf as u64;
    let written = match target {
        Target::Relayd(relayd) => {
            let session_dir = [
                relayd.output.join(&path),
                relayd.output.join("bench").join(&path),
            ]
            .into_iter()
            .find(|p| p.is_dir())
            .unwrap_or_default();
            let written = dir_bytes(&session_dir);
            let _ = std::fs::remove_dir_all(&session_dir);
            written
        }
        Target::Discard(d) => d.bytes() - discarded_before,
    };
    StreamPoint {
        mb_s: bytes as f64 / elapsed / 1e6,
        events_s: (packets * per_packet) as f64 / elapsed,
        consumer_cpu: (cpu1.0 - cpu0.0) / elapsed * 100.0,
        relayd_cpu: (cpu1.1 - cpu0.1) / elapsed * 100.0,
        written_ok: written == bytes,
    }
}

fn streaming_section(dir: &TestDir) {
    let secs = knob("BENCH_STREAM_SECS", 2.0);
    let ticks: f64 = sh("getconf CLK_TCK").parse().unwrap_or(100.0);
    let shm = PathBuf::from(format!("/dev/shm/lttng-ctl-bench-{}", std::process::id()));
    std::fs::create_dir_all(&shm).unwrap();
    let (uid, gid) = test_ids();
    let _ = Command::new("chown")
        .arg(format!("{uid}:{gid}"))
        .arg(&shm)
        .status();
    let relayd = Relayd::start_writing_to(dir, &shm);
    let ceiling = tcp_ceiling(secs);
    println!("## Streaming: lttng-ref-consumerd to a real lttng-relayd writing to tmpfs\n");
    println!(
        "The bench plays the session daemon's part (the consumer's Unix link, the relay \
         sockets handed over, pre-encoded packets of `ref:tick` events, 31-35 bytes each); \
         {secs} s per point, timed from the first packet to the consumer's drain confirmation \
         (the relay daemon wrote everything). Loopback TCP ceiling (one connection, 1 MiB \
         writes, reader discards), same run: **{ceiling:.0} MB/s**. CPU: share of one core. \
         `written` checks the bytes in the relay daemon's stream files.\n"
    );
    println!(
        "| sender | receiver | streams | sub-buffer | offered events/s | MB/s | events/s | of ceiling | consumer CPU | relayd CPU | written |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    let discard = discard_relay::DiscardRelay::start();
    // (direct, discard, streams, sub-buffer, rate)
    let mut points: Vec<(bool, bool, u32, usize, Option<f64>)> = Vec::new();
    for s in [1, 2, 4, 8] {
        points.push((false, false, s, 1 << 20, None));
    }
    for sub in [64 << 10, 256 << 10, 4 << 20] {
        points.push((false, false, 1, sub, None));
    }
    for r in [1e4, 1e5, 1e6, 1e7] {
        points.push((false, false, 4, 1 << 20, Some(r)));
    }
    for (s, sub) in [(1, 1 << 20), (4, 1 << 20), (1, 64 << 10)] {
        points.push((true, false, s, sub, None));
    }
    for (s, sub) in [(1, 1 << 20), (4, 1 << 20), (1, 64 << 10)] {
        points.push((false, true, s, sub, None));
    }
    points.push((true, true, 1, 1 << 20, None));
    // Best unbounded MB/s: [consumer, direct] x [relayd, discard].
    let mut best = [[0.0f64; 2]; 2];
    for (direct, to_discard, s, sub, rate) in points {
        let target = if to_discard {
            Target::Discard(&discard)
        } else {
            Target::Relayd(&relayd)
        };
        let p = stream_point(&target, direct, s, sub, rate, secs, ticks);
        if rate.is_none() {
            let b = &mut best[usize::from(direct)][usize::from(to_discard)];
            *b = b.max(p.mb_s);
        }
        println!(
            "| {} | {} | {s} | {} KiB | {} | {:.0} | {:.0} | {:.0}% | {} | {} | {} |",
            if direct {
                "bench (no consumer)"
            } else {
                "lttng-ref-consumerd"
            },
            if to_discard {
                "stand-in, discards"
            } else {
                "lttng-relayd → tmpfs"
            },
            sub >> 10,
            rate.map_or("unbounded".into(), |r| format!("{r:.0}")),
            p.mb_s,
            p.events_s,
            p.mb_s / ceiling * 100.0,
            if direct {
                "-".into()
            } else {
                format!("{:.0}%", p.consumer_cpu)
            },
            if to_discard {
                "-".into()
            } else {
                format!("{:.0}%", p.relayd_cpu)
            },
            if p.written_ok { "ok" } else { "MISMATCH" }
        );
    }
    let [
        [consumer_relayd, consumer_discard],
        [direct_relayd, direct_discard],
    ] = best;
    println!(
        "\nBest unbounded point through the consumer to lttng-relayd: {consumer_relayd:.0} MB/s \
         = {:.0}% of the loopback ceiling (target ≥ 80%: {}). lttng-relayd fed directly by the \
         bench: {direct_relayd:.0} MB/s ({:.0}% of the ceiling; the consumer reaches {:.0}% of \
         that). The consumer to the discarding stand-in: {consumer_discard:.0} MB/s ({:.0}% of \
         the ceiling); the bench to the stand-in: {direct_discard:.0} MB/s ({:.0}%).\n",
        consumer_relayd / ceiling * 100.0,
        verdict(consumer_relayd / ceiling >= 0.8),
        direct_relayd / ceiling * 100.0,
        consumer_relayd / direct_relayd * 100.0,
        consumer_discard / ceiling * 100.0,
        direct_discard / ceiling * 100.0,
    );
    drop(relayd);
    let _ = std::fs::remove_dir_all(&shm);
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    if !have_all(&["cc", "setpriv", "lttng", "lttng-sessiond", "lttng-relayd"]) {
        eprintln!("compare: the real LTTng tools are needed (see README: examples/demo.sh)");
        return;
    }
    let dir = TestDir::new("bench");
    let lib = our_lib_path(&dir);
    let program = compile_c(&dir, "ctl_bench", &["benches/ctl_bench.c"], CTL_LIBS);
    let driver = Driver { program, lib };
    let home = dir.subdir("home");
    for (l, want) in [(Lib::Ours, "ours"), (Lib::Real, "real")] {
        let got = driver.run_ok(l, &home, &["lib"]);
        assert_eq!(got.trim(), want, "the driver loaded the wrong library");
    }
    println!("# lttng-ctl benchmarks\n");
    println!(
        "Machine: {} ({} CPUs), {} MiB RAM, Linux {}; LTTng {}; {}; our library: {}.\n",
        sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'"),
        sh("nproc"),
        sh("free -m | awk '/^Mem:/ {print $2}'"),
        sh("uname -r"),
        sh("lttng --version | head -1"),
        sh("rustc --version"),
        sh(&format!(
            "LD_LIBRARY_PATH={} python3 -c 'import ctypes; l=ctypes.CDLL(\"liblttng-ctl.so.0\"); \
             l.lttng_rs_version.restype=ctypes.c_char_p; print(l.lttng_rs_version().decode())'",
            driver.lib.display()
        )),
    );
    println!(
        "Load average at start: {}.\n",
        sh("cut -d' ' -f1-3 /proc/loadavg")
    );
    if section("control") {
        control_path(&driver, &TestDir::new("bench-control"));
    }
    if section("threads") {
        threads_section(&driver);
    }
    if section("daemon") {
        daemon_section(&driver);
    }
    if section("memory") {
        memory_section(&driver, &TestDir::new("bench-memory"));
    }
    if section("streaming") {
        streaming_section(&TestDir::new("bench-stream"));
    }
    if section("notify") {
        notify_section(&driver, &TestDir::new("bench-notify"));
    }
    println!(
        "Load average at the end: {}.",
        sh("cut -d' ' -f1-3 /proc/loadavg")
    );
}

/// One notification point: a listener on `lib` (tests use the real `lttng-sessiond`) reads
/// the notifications of `events` tracef() events emitted at `rate` per second (0: at once).
fn notify_point(
    listener: &Path,
    app: &Path,
    lib: Option<&Path>,
    home: &Path,
    events: u64,
    rate: u64,
) -> String {
    let mut cmd = as_test_user(listener);
    cmd.args(["listen", &events.to_string(), "20"])
        .env("LTTNG_HOME", home)
        .env_remove("LD_LIBRARY_PATH")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    if let Some(lib) = lib {
        cmd.env("LD_LIBRARY_PATH", lib);
    }
    let mut child = cmd.spawn().expect("spawn notify_bench");
    let mut stdout = child.stdout.take().unwrap();
    let mut ready = [0u8; 6];
    if stdout.read_exact(&mut ready).is_err() || &ready != b"ready\n" {
        let _ = child.wait();
        return "listener failed".into();
    }
    let out = run_c(
        app,
        home,
        None,
        &[&events.to_string(), &rate.to_string()],
        &[],
    );
    assert!(out.status.success(), "notify_app failed");
    let mut text = String::new();
    let _ = stdout.read_to_string(&mut text);
    let _ = child.wait();
    text.trim().to_owned()
}

/// The value of `key=` in a listener's line.
fn field(line: &str, key: &str) -> Option<f64> {
    line.split_whitespace()
        .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('=')?.parse().ok())
}

fn notify_section(driver: &Driver, dir: &TestDir) {
    let events = knob("BENCH_NOTIFY_EVENTS", 5000.0) as u64;
    let listener = compile_c(dir, "notify_bench", &["benches/notify_bench.c"], CTL_LIBS);
    let app = compile_c(dir, "notify_app", &["benches/notify_app.c"], UST_LIBS);
    let sessiond = Sessiond::start(dir);
    println!("## Notifications (real lttng-sessiond)\n");
    println!(
        "A trigger on every tracef() event capturing its message (the app's CLOCK_MONOTONIC \
         time), a notification channel subscribed to it, {events} events per point; latency \
         from the event to its notification in the listener. The listener runs on each \
         library in turn, against the same daemon.\n"
    );
    println!(
        "| events per second | library | received | notifications/s | p50 latency | p99 latency \
         | listener CPU per notification |"
    );
    println!("|---|---|---|---|---|---|---|");
    for rate in [1000, 10000, 0] {
        for lib in [Lib::Real, Lib::Ours] {
            let ours = (lib == Lib::Ours).then_some(driver.lib.as_path());
            let line = notify_point(&listener, &app, ours, &sessiond.home, events, rate);
            let received = field(&line, "received").unwrap_or(0.0);
            let span = field(&line, "span_s").unwrap_or(0.0);
            let per_sec = if span > 0.0 { received / span } else { 0.0 };
            let label = if rate == 0 {
                "burst".to_string()
            } else {
                rate.to_string()
            };
            println!(
                "| {label} | {} | {received:.0} of {events} | {per_sec:.0} | {} µs | {} µs | {} µs |",
                lib.name(),
                field(&line, "p50_us").map_or("-".into(), |v| format!("{v:.0}")),
                field(&line, "p99_us").map_or("-".into(), |v| format!("{v:.0}")),
                field(&line, "cpu_us_per_notification").map_or("-".into(), |v| format!("{v:.1}")),
            );
        }
    }
    println!();
}
