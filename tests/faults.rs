//! Faults around the library and the reference daemons (issue 7, "Hardening"); the ones
//! tests/refd_faults.rs already covers (relayd killed while streaming, consumer killed,
//! hostile and stalled clients) are not repeated here.
//!
//! * the session daemon killed in the middle of a command: the call returns an error at
//!   once, never hangs, never raises SIGPIPE (a stand-in daemon that kills itself at a
//!   chosen point, and the reference daemon killed under a 4-thread load);
//! * a daemon that accepts and never answers: the call blocks, as upstream's (no timeout on
//!   the command socket), and returns as soon as the daemon dies;
//! * the relay daemon restarted during a session: the consumer fails cleanly, enabling it
//!   again streams to the new relay daemon, what the first one wrote stays;
//! * a full disk under the consumer's local output: a clean error, and the trace keeps
//!   every complete packet (babeltrace2 reads it; seq contiguous from 0).
//!
//! Bounds ("promptly") are generous: they catch hangs, not slowness.

mod common;

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

const NO_SESSIOND: i32 = -19;
const FATAL: i32 = -25;
const UNK: i32 = -11;

fn fixture(tag: &str) -> Option<Fixture> {
    if !have_all(&["python3"]) {
        return None;
    }
    Fixture::build(tag, &["tests/c/faults.c"], Link::Real)
}

/// The C program's result line `<what>: RC`.
fn rc_of(out: &std::process::Output, what: &str) -> i32 {
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{what}: ")))
        .unwrap_or_else(|| {
            panic!(
                "no {what} line: {text}\n{}",
                String::from_utf8_lossy(&out.stderr)
            )
        })
        .trim()
        .parse()
        .unwrap()
}

fn assert_clean_exit(out: &std::process::Output) {
    assert_eq!(
        out.status.signal(),
        None,
        "killed by a signal (SIGPIPE is 13): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{out:?}");
}

#[test]
fn sessiond_killed_in_the_middle_of_a_command() {
    let Some(f) = fixture("fault-dying") else {
        return;
    };
    for (mode, call) in DYING_CASES {
        let mut standin = DyingSessiond::start(&f.home, mode);
        let t = Instant::now();
        let out = f.run_ours(&[call]);
        let took = t.elapsed();
        assert_clean_exit(&out);
        let rc = rc_of(&out, call);
        println!("{mode} / {call}: {rc} in {took:?}");
        assert!(
            rc == NO_SESSIOND || rc == FATAL,
            "{mode} / {call}: {rc}, expected -LTTNG_ERR_NO_SESSIOND or -LTTNG_ERR_FATAL"
        );
        assert!(
            took < Duration::from_secs(30),
            "{mode} / {call} took {took:?}"
        );
        wait_for(
            &format!("the stand-in to die ({mode} / {call})"),
            Duration::from_secs(20),
            || !standin.daemon.is_running(),
        );
    }
}

#[test]
fn reference_sessiond_killed_under_load() {
    if !have_all(&["setpriv"]) {
        return;
    }
    let Some(f) = Fixture::build("fault-kill-load", &["tests/c/faults.c"], Link::Real) else {
        return;
    };
    let refd_dir = TestDir::new("fault-kill-load-refd");
    let mut refd = RefSessiond::start(&refd_dir, &[]);
    let out_path = f.dir.join("loop.out");
    let mut child = spawn_ours(&f, &refd.home, &["loop", "4"], &out_path);
    wait_for("the threads to run", Duration::from_secs(60), || {
        std::fs::read_to_string(&out_path)
            .unwrap_or_default()
            .contains("running")
    });
    std::thread::sleep(Duration::from_millis(300));
    // Killed mid-command: the four threads are in the middle of calls.
    refd.daemon.child.kill().unwrap();
    let _ = refd.daemon.child.wait();
    let t = Instant::now();
    let status = wait_child(&mut child, Duration::from_secs(60));
    let took = t.elapsed();
    let text = std::fs::read_to_string(&out_path).unwrap();
    println!("{text}exited {took:?} after the kill");
    assert_eq!(status.signal(), None, "killed by a signal: {text}");
    assert!(status.success(), "{text}");
    let lines: Vec<&str> = text.lines().filter(|l| l.starts_with("thread ")).collect();
    assert_eq!(lines.len(), 4, "{text}");
    for l in lines {
        let rc: i32 = l.rsplit(' ').next().unwrap().parse().unwrap();
        // lttng_destroy_session waits for the daemon's deferred answer; when the daemon dies
        // meanwhile, upstream's returns -LTTNG_ERR_UNK (the destruction handle's wait fails),
        // and so does ours.
        let destroy_wait = l.contains(" destroy error ") && rc == UNK;
        assert!(rc == NO_SESSIOND || rc == FATAL || destroy_wait, "{l}");
    }
    assert!(took < Duration::from_secs(30), "took {took:?}");
}

/// Starts the C program on our library as the test user, stdout to `out`.
fn spawn_ours(f: &Fixture, home: &Path, args: &[&str], out: &Path) -> Child {
    let file = std::fs::File::create(out).unwrap();
    let _ = std::fs::set_permissions(out, std::os::unix::fs::PermissionsExt::from_mode(0o666));
    as_test_user(&f.program)
        .args(args)
        .env("LTTNG_HOME", home)
        .env("LD_LIBRARY_PATH", &f.lib)
        .stdin(Stdio::null())
        .stdout(file)
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn")
}

/// Waits for a child we started; kills it (by pid) and fails when it outlives `timeout`.
fn wait_child(child: &mut Child, timeout: Duration) -> std::process::ExitStatus {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(s) = child.try_wait().unwrap() {
            return s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the program hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Documented behaviour: no timeout on the command socket (as the real library, whose
/// commands may legitimately take long, e.g. a stop that waits for data); the call blocks
/// while the daemon holds the connection, and returns an error as soon as it dies.
#[test]
fn mute_daemon_blocks_the_call_until_it_dies() {
    let Some(f) = fixture("fault-mute") else {
        return;
    };
    let mut standin = DyingSessiond::start(&f.home, "mute");
    let out_path = f.dir.join("pending.out");
    let mut child = spawn_ours(&f, &f.home, &["pending"], &out_path);
    wait_for("the call to block", Duration::from_secs(60), || {
        std::fs::read_to_string(&out_path)
            .unwrap_or_default()
            .contains("pending")
    });
    standin.daemon.child.kill().unwrap();
    let _ = standin.daemon.child.wait();
    let status = wait_child(&mut child, Duration::from_secs(30));
    let text = std::fs::read_to_string(&out_path).unwrap();
    assert_eq!(status.signal(), None, "{text}");
    assert!(status.success(), "{text}");
    let rc: i32 = text
        .lines()
        .find_map(|l| l.strip_prefix("list: "))
        .unwrap()
        .parse()
        .unwrap();
    assert!(rc == NO_SESSIOND || rc == FATAL, "{text}");
}

/// A real lttng-relayd on the given ports (so that a restarted one takes the same ones).
fn relayd_on(dir: &TestDir, ports: (u16, u16, u16), output: &Path, tag: &str) -> Daemon {
    let home = dir.subdir(&format!("relayd-home-{tag}"));
    let log = std::fs::File::create(dir.join(&format!("relayd-{tag}.log"))).unwrap();
    let child = as_test_user("lttng-relayd")
        .arg("-C")
        .arg(format!("tcp://127.0.0.1:{}", ports.0))
        .arg("-D")
        .arg(format!("tcp://127.0.0.1:{}", ports.1))
        .arg("-L")
        .arg(format!("tcp://127.0.0.1:{}", ports.2))
        .arg("-o")
        .arg(output)
        .env("LTTNG_HOME", &home)
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .expect("lttng-relayd");
    let mut d = Daemon {
        child,
        name: "lttng-relayd",
    };
    wait_for("lttng-relayd", Duration::from_secs(20), || {
        assert!(d.is_running(), "lttng-relayd exited early");
        std::net::TcpStream::connect(("127.0.0.1", ports.0)).is_ok()
    });
    d
}

/// The `ref:tick` trace directories under a relayd output or a local output.
fn trace_dirs(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().is_some_and(|n| n == "metadata") {
                out.push(d.clone());
            }
        }
    }
    out.sort();
    out
}

fn lttng_consumer(home: &Path, args: &[&str]) -> std::process::Output {
    let program = program_copy(home.parent().unwrap(), env!("CARGO_BIN_EXE_lttng-consumer"));
    let mut cmd = as_test_user(program);
    cmd.args(args)
        .env("LTTNG_HOME", home)
        .env_remove("LD_LIBRARY_PATH");
    run_with_timeout(cmd, Duration::from_secs(60))
}

#[test]
fn relayd_restarted_during_a_session() {
    if !have_all(&["lttng", "lttng-relayd", "babeltrace2", "setpriv"]) {
        return;
    }
    let dir = TestDir::new("fault-relayd-restart");
    let ports = (free_port(), free_port(), free_port());
    let output = dir.subdir("relayd-out");
    let mut first = relayd_on(&dir, ports, &output, "1");
    let refd = RefSessiond::start(&dir, &["--tick-rate", "500", "--switch-timer", "100"]);
    let url = format!("net://127.0.0.1:{}:{}", ports.0, ports.1);
    lttng_ok(&refd.home, &["create", "rr", &format!("--set-url={url}")]);
    lttng_ok(
        &refd.home,
        &[
            "enable-channel",
            "-u",
            "c",
            "--subbuf-size=4096",
            "--num-subbuf=8",
        ],
    );
    lttng_ok(&refd.home, &["enable-event", "-u", "-a", "-c", "c"]);
    lttng_ok(&refd.home, &["start"]);
    wait_for(
        "data from the first relayd",
        Duration::from_secs(30),
        || trace_dirs(&output).len() == 1 && !tick_seqs(&trace_dirs(&output)[0]).is_empty(),
    );
    first.stop();
    wait_for("the consumer to fail", Duration::from_secs(30), || {
        lttng_ok(&refd.home, &["list", "rr"]).contains("consumer failed")
    });
    let before = trace_dirs(&output);
    assert_eq!(before.len(), 1);
    let seqs_before = tick_seqs(&before[0]);
    assert_contiguous(&seqs_before);

    // The relay daemon comes back on the same ports: enabling the consumer again streams
    // to it (a new relay session directory), while the session keeps tracing.
    let _second = relayd_on(&dir, ports, &output, "2");
    let out = lttng_consumer(&refd.home, &["enable", "-s", "rr"]);
    assert!(out.status.success(), "{out:?}\n{}", refd.log_text());
    wait_for(
        "data from the second relayd",
        Duration::from_secs(30),
        || {
            let dirs = trace_dirs(&output);
            dirs.len() == 2
                && dirs
                    .iter()
                    .any(|d| *d != before[0] && !tick_seqs(d).is_empty())
        },
    );
    lttng_ok(&refd.home, &["stop"]);
    let list = lttng_ok(&refd.home, &["list", "rr"]);
    assert!(!list.contains("consumer failed"), "{list}");
    lttng_ok(&refd.home, &["destroy", "rr"]);
    // What the first relayd wrote is still there, unchanged; the second trace is whole
    // and continues the session's sequence.
    assert_eq!(tick_seqs(&before[0]), seqs_before);
    let after: Vec<PathBuf> = trace_dirs(&output)
        .into_iter()
        .filter(|d| *d != before[0])
        .collect();
    assert_eq!(after.len(), 1);
    let first_name = before[0]
        .strip_prefix(&output)
        .unwrap()
        .iter()
        .nth(1)
        .unwrap();
    let second_name = after[0]
        .strip_prefix(&output)
        .unwrap()
        .iter()
        .nth(1)
        .unwrap();
    assert_eq!(
        second_name.to_string_lossy(),
        format!("{}-1", first_name.to_string_lossy())
    );
    let seqs_after = tick_seqs(&after[0]);
    assert!(!seqs_after.is_empty());
    assert!(seqs_after[0] > *seqs_before.last().unwrap());
    for w in seqs_after.windows(2) {
        assert_eq!(w[1], w[0] + 1, "gap in the second trace");
    }
}

/// A small tmpfs, unmounted when dropped.
struct Tmpfs {
    path: PathBuf,
}

impl Tmpfs {
    fn mount(path: PathBuf, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(&path).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size},mode=0777")])
            .arg("tmpfs")
            .arg(&path)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            assert!(!in_ci(), "cannot mount a tmpfs (root is needed under CI)");
            eprintln!("SKIP: cannot mount a tmpfs (not root?)");
            return None;
        }
        Some(Tmpfs { path })
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.path).status();
    }
}

#[test]
fn full_disk_under_the_local_output() {
    if !have_all(&["lttng", "babeltrace2", "setpriv", "mount"]) {
        return;
    }
    let dir = TestDir::new("fault-full-disk");
    let Some(disk) = Tmpfs::mount(dir.join("disk"), "256k") else {
        return;
    };
    let out = disk.path.join("trace");
    let refd = RefSessiond::start(&dir, &["--tick-rate", "3000", "--switch-timer", "50"]);
    lttng_ok(
        &refd.home,
        &["create", "full", &format!("--output={}", out.display())],
    );
    lttng_ok(
        &refd.home,
        &[
            "enable-channel",
            "-u",
            "small",
            "--subbuf-size=4096",
            "--num-subbuf=8",
        ],
    );
    lttng_ok(&refd.home, &["enable-event", "-u", "-a", "-c", "small"]);
    lttng_ok(&refd.home, &["start"]);
    wait_for("the disk to fill", Duration::from_secs(60), || {
        lttng_ok(&refd.home, &["list", "full"]).contains("consumer failed")
    });
    let list = lttng_ok(&refd.home, &["list", "full"]);
    assert!(list.contains("No space left on device"), "{list}");
    assert!(
        refd.log_text().contains("No space left"),
        "{}",
        refd.log_text()
    );
    // The daemon keeps serving; stop and destroy answer.
    lttng_ok(&refd.home, &["stop"]);
    lttng_ok(&refd.home, &["destroy", "full"]);
    // Nothing already written is lost: every complete packet is in the stream file, with
    // its index entry, and the trace reads back from seq 0 without a gap.
    let traces = trace_dirs(&out);
    assert_eq!(traces.len(), 1, "{traces:?}");
    let seqs = tick_seqs(&traces[0]);
    assert_contiguous(&seqs);
    assert!(seqs.len() > 100, "only {} events", seqs.len());
    let stream = std::fs::read_dir(&traces[0])
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("small_"))
        })
        .expect("stream file");
    let data_len = std::fs::metadata(&stream).unwrap().len();
    let index = traces[0].join("index").join(format!(
        "{}.idx",
        stream.file_name().unwrap().to_string_lossy()
    ));
    let index_len = std::fs::metadata(&index).unwrap().len();
    assert_eq!(
        data_len % 4096,
        0,
        "a partial packet was left in the stream file"
    );
    assert_eq!(
        (index_len - 16) / 72,
        data_len / 4096,
        "index and data disagree"
    );
    drop(refd);
}
