//! The whole LTTng toolchain on this library: the Debian `lttng-sessiond`, `lttng-relayd`
//! and `lttng` all load it (LD_LIBRARY_PATH), which `/proc/<pid>/maps` (the daemons) and the
//! loader's trace (the CLI) prove. A traced application's session is streamed to the relay
//! daemon with size-based rotation: the session daemon's rotation thread subscribes through
//! this library's notification channel with its own conditions and reads this library's
//! notifications, built in its own layout, with its own code; every event is read back by
//! babeltrace2 across the trace chunks. And `lttng create` with no daemon running spawns a
//! session daemon that loads this library and works.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use common::*;

/// Events per run of the traced application, and runs.
const EVENTS: usize = 2000;
const RUNS: usize = 6;

/// The `lttng` CLI as the test user, on the library in `lib`, with `home` as its LTTng home.
fn lttng_on(home: &Path, lib: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = as_test_user("lttng");
    cmd.args(args)
        .env("LTTNG_HOME", home)
        .env("HOME", home)
        .env("LD_LIBRARY_PATH", lib);
    for (k, v) in env {
        cmd.env(k, v);
    }
    run_with_timeout(cmd, Duration::from_secs(60))
}

fn lttng_ok_on(home: &Path, lib: &Path, args: &[&str]) -> String {
    ok_stdout(
        &format!("lttng {}", args.join(" ")),
        &lttng_on(home, lib, args, &[]),
    )
}

/// Asserts that process `pid` mapped the library in `lib` (and no other liblttng-ctl).
fn assert_maps_our_library(what: &str, pid: u32, lib: &Path) {
    let maps = std::fs::read_to_string(format!("/proc/{pid}/maps")).unwrap();
    let ours = lib.join("liblttng-ctl.so.0");
    let mapped: Vec<&str> = maps
        .lines()
        .filter(|l| l.contains("liblttng-ctl"))
        .collect();
    assert!(
        !mapped.is_empty() && mapped.iter().all(|l| l.ends_with(&*ours.to_string_lossy())),
        "{what} (pid {pid}) does not map {}:\n{}",
        ours.display(),
        mapped.join("\n")
    );
}

/// The chunk directories of the session's trace under the relay daemon's output: the
/// archived chunks, oldest first.
fn archives(relayd: &Relayd, session: &str) -> Vec<PathBuf> {
    let host_dir = relayd.output.join(hostname());
    let Ok(entries) = std::fs::read_dir(&host_dir) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for trace in entries.flatten() {
        if !trace
            .file_name()
            .to_string_lossy()
            .starts_with(&format!("{session}-"))
        {
            continue;
        }
        if let Ok(chunks) = std::fs::read_dir(trace.path().join("archives")) {
            out.extend(chunks.flatten().map(|c| c.path()));
        }
    }
    out.sort();
    out
}

#[test]
fn sessiond_relayd_and_cli_on_our_library_rotate_by_size() {
    if !have_all(&[
        "lttng",
        "lttng-sessiond",
        "lttng-relayd",
        "babeltrace2",
        "cc",
        "setpriv",
    ]) {
        return;
    }
    let dir = TestDir::new("daemons-lib");
    let lib = our_lib_path(&dir);
    let relayd = Relayd::start_on(&dir, &lib);
    let sessiond = Sessiond::start_on(&dir, Some(&lib));
    let home = sessiond.home.clone();
    assert_maps_our_library("lttng-relayd", relayd.daemon.pid(), &lib);
    assert_maps_our_library("lttng-sessiond", sessiond.daemon.pid(), &lib);

    // The CLI: the loader says which file it loaded.
    let out = lttng_on(&home, &lib, &["version"], &[("LD_DEBUG", "libs")]);
    let trace = String::from_utf8_lossy(&out.stderr);
    let ours = format!("calling init: {}", lib.join("liblttng-ctl.so.0").display());
    assert!(
        trace.contains(&ours),
        "lttng did not load our library:\n{trace}"
    );

    let app = compile_c(&dir, "app", &["examples/traced_app.c"], UST_LIBS);
    let url = format!(
        "net://127.0.0.1:{}:{}",
        relayd.control_port, relayd.data_port
    );
    lttng_ok_on(&home, &lib, &["create", "rot", &format!("--set-url={url}")]);
    // Small sub-buffers flushed every 200 ms: the consumed size grows while the app runs.
    lttng_ok_on(
        &home,
        &lib,
        &[
            "enable-channel",
            "-u",
            "c",
            "--subbuf-size=16384",
            "--num-subbuf=32",
            "--switch-timer=200000",
        ],
    );
    lttng_ok_on(&home, &lib, &["enable-event", "-u", "-a", "-c", "c"]);
    lttng_ok_on(&home, &lib, &["start"]);
    let enabled = lttng_ok_on(&home, &lib, &["enable-rotation", "--size", "64K"]);
    assert!(
        enabled.contains("Enabled size-based rotations every 65536 bytes"),
        "{enabled}"
    );
    for _ in 0..RUNS {
        let out = run_c(&app, &home, None, &[&EVENTS.to_string()], &[]);
        ok_stdout("the traced application", &out);
        std::thread::sleep(Duration::from_millis(1200));
    }
    // Each size threshold crossed is a notification on the session daemon's own channel,
    // then a rotation.
    let deadline = Instant::now() + Duration::from_secs(30);
    while archives(&relayd, "rot").len() < 2 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(200));
    }
    let schedules = lttng_ok_on(&home, &lib, &["list", "rot"]);
    assert!(
        schedules.contains("size threshold: 65536 bytes"),
        "{schedules}"
    );
    lttng_ok_on(&home, &lib, &["stop"]);
    lttng_ok_on(&home, &lib, &["destroy"]);

    let chunks = archives(&relayd, "rot");
    assert!(
        chunks.len() >= 3,
        "expected size-based rotations (at least 2, then the last chunk at destroy): {chunks:?}\n\
         session daemon log:\n{}",
        std::fs::read_to_string(dir.join("sessiond.log")).unwrap_or_default()
    );
    let mut ticks = 0;
    let mut per_tick = vec![0usize; EVENTS];
    for chunk in &chunks {
        for line in babeltrace_events(chunk) {
            if let Some(i) = line
                .split("\"tick ")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .and_then(|n| n.parse::<usize>().ok())
            {
                ticks += 1;
                per_tick[i] += 1;
            }
        }
    }
    assert_eq!(
        ticks,
        EVENTS * RUNS,
        "events read across {} chunks",
        chunks.len()
    );
    assert!(
        per_tick.iter().all(|&n| n == RUNS),
        "every tick once per run"
    );
    println!(
        "{} chunks, {ticks} events read back by babeltrace2; sessiond, relayd and lttng on {}",
        chunks.len(),
        lib.display()
    );
    let log = std::fs::read_to_string(dir.join("sessiond.log")).unwrap_or_default();
    assert!(
        !log.contains("Error:") && !log.contains("symbol lookup error"),
        "session daemon log:\n{log}"
    );
}

/// A session daemon `lttng create` spawned: stopped by its pid (from its pid file) when
/// dropped.
struct Spawned {
    pid: u32,
}

impl Drop for Spawned {
    fn drop(&mut self) {
        let pid = self.pid.to_string();
        let _ = std::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Path::new(&format!("/proc/{pid}")).exists() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        if Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::process::Command::new("kill")
                .args(["-KILL", &pid])
                .status();
        }
    }
}

#[test]
fn lttng_create_spawns_a_session_daemon_on_our_library() {
    if !have_all(&["lttng", "lttng-sessiond", "setpriv"]) {
        return;
    }
    let dir = TestDir::new("spawn-lib");
    let lib = our_lib_path(&dir);
    let home = dir.subdir("home");
    // The spawned daemon reads its options from the home's lttng.conf: a private agent port.
    let conf = dir.subdir("home/.lttng");
    std::fs::write(
        conf.join("lttng.conf"),
        format!("[sessiond]\nagent-tcp-port={}\n", free_port()),
    )
    .unwrap();
    let out = lttng_on(
        &home,
        &lib,
        &[
            "create",
            "spawned",
            &format!("--output={}", dir.subdir("trace").display()),
        ],
        &[],
    );
    let pid_file = home.join(".lttng/lttng-sessiond.pid");
    let spawned = std::fs::read_to_string(&pid_file)
        .ok()
        .and_then(|p| p.trim().parse().ok())
        .map(|pid| Spawned { pid });
    let text = ok_stdout("lttng create (spawning a daemon)", &out);
    assert!(text.contains("Spawning a session daemon"), "{text}");
    let spawned = spawned.expect("the spawned daemon's pid file");
    assert_maps_our_library("the spawned lttng-sessiond", spawned.pid, &lib);
    // It works, its rotation thread's channel included.
    lttng_ok_on(&home, &lib, &["enable-event", "-u", "-a"]);
    lttng_ok_on(&home, &lib, &["start"]);
    let enabled = lttng_ok_on(&home, &lib, &["enable-rotation", "--size", "1M"]);
    assert!(
        enabled.contains("Enabled size-based rotations"),
        "{enabled}"
    );
    let listed = lttng_ok_on(&home, &lib, &["list"]);
    assert!(listed.contains("spawned"), "{listed}");
    lttng_ok_on(&home, &lib, &["destroy", "spawned"]);
    drop(spawned);
}
