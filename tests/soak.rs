//! Soak (not in the default run): 16 threads of one C program share our library against
//! the reference session daemon for 5 minutes, each looping over a session's whole life
//! (create, enable channel and event, list sessions, channels and events, start, stop,
//! destroy). Zero errors; the resident size of the program and of the daemon stays flat
//! after warm-up.
//!
//! ```sh
//! cargo test --release --test soak -- --ignored --nocapture
//! LTTNG_CTL_SOAK_SECS=60 LTTNG_CTL_SOAK_THREADS=16 cargo test --release --test soak -- --ignored --nocapture
//! ```

mod common;

use std::process::Stdio;
use std::time::{Duration, Instant};

use common::*;

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// VmRSS of a process, in KiB.
fn rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Stable: the last sample is within 10% + 4 MiB of the largest sample of the first third
/// (after warm-up).
fn assert_stable(what: &str, samples: &[u64]) {
    let third = (samples.len() / 3).max(1);
    let warm = *samples[..third].iter().max().unwrap();
    let last = *samples.last().unwrap();
    println!("{what}: rss after warm-up {warm} KiB, at the end {last} KiB, samples {samples:?}");
    assert!(
        last <= warm + warm / 10 + 4096,
        "{what}: resident size grew from {warm} KiB to {last} KiB"
    );
}

#[test]
#[ignore = "5 minutes; run with --ignored"]
fn sixteen_threads_for_five_minutes() {
    let secs = env_or("LTTNG_CTL_SOAK_SECS", 300);
    let threads = env_or("LTTNG_CTL_SOAK_THREADS", 16);
    let Some(f) = Fixture::build("soak", &["tests/c/soak.c"], Link::Real) else {
        return;
    };
    let refd = RefSessiond::start(&f.dir, &[]);
    let out_path = f.dir.join("soak.out");
    let err_path = f.dir.join("soak.err");
    let mut child = as_test_user(&f.program)
        .args([threads.to_string(), secs.to_string()])
        .env("LTTNG_HOME", &refd.home)
        .env("LD_LIBRARY_PATH", &f.lib)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("soak");
    let started = Instant::now();
    let (mut client, mut daemon) = (Vec::new(), Vec::new());
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > Duration::from_secs(secs + 300) {
            let _ = child.kill();
            panic!("the soak program hung");
        }
        client.push(rss_kb(child.id()));
        daemon.push(rss_kb(refd.daemon.pid()));
        std::thread::sleep(Duration::from_secs((secs / 30).clamp(1, 10)));
    };
    let took = started.elapsed();
    let out = std::fs::read_to_string(&out_path).unwrap();
    let err = std::fs::read_to_string(&err_path).unwrap();
    println!("{out}");
    let total = out.lines().last().unwrap_or_default();
    let calls: u64 = total
        .split_whitespace()
        .nth(2)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    println!(
        "{threads} threads, {took:?}: {calls} calls, {:.0} calls/s",
        calls as f64 / took.as_secs_f64()
    );
    assert!(status.success(), "{status}: {total}\n{err}");
    assert!(total.contains(" errors 0 "), "{total}\n{err}");
    assert!(calls > 0);
    client.retain(|&kb| kb > 0);
    assert_stable("soak program", &client);
    assert_stable("lttng-ref-sessiond", &daemon);
}
