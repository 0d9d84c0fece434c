//! `lttng-consumer` end to end: the design's chain with the real `lttng` CLI (on the real
//! library) and `lttng-consumer` (on this library) against the reference daemon and a real
//! relay daemon; usage errors, refusals and failures with the lttng CLI's messages and exit
//! codes; the library's debug log.

mod common;

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use common::*;

fn consumer(home: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    lttng_consumer(home, args, env)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Asserts the exit code and that stderr contains `needle`; returns stderr.
fn fails_with(out: &Output, code: i32, needle: &str) -> String {
    let err = text(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(code),
        "exit code; stdout:\n{}\nstderr:\n{err}",
        text(&out.stdout)
    );
    assert!(err.contains(needle), "{needle:?} missing in stderr:\n{err}");
    err
}

fn relay_trace(relayd: &Relayd, session: &str) -> std::path::PathBuf {
    find_dir(&relayd.output.join(hostname()), &format!("{session}-"))
}

#[test]
fn design_chain_with_lttng_consumer_and_the_lttng_cli() {
    if !have_all(&["lttng", "lttng-relayd", "babeltrace2", "setpriv"]) {
        return;
    }
    let dir = TestDir::new("consumer-chain");
    let relayd = Relayd::start(&dir);
    let refd = RefSessiond::start(&dir, &["--tick-rate", "500"]);
    let home = &refd.home;
    // The design's chain; lttng-consumer finds the session in .lttngrc, as lttng does.
    lttng_ok(home, &["create", "chain"]);
    let out = consumer(home, &["enable", &relayd.net_url()], &[]);
    let stdout = ok_stdout("lttng-consumer enable", &out);
    let (c, d) = (relayd.control_port, relayd.data_port);
    assert_eq!(
        stdout,
        format!(
            "Control URI set to tcp4://127.0.0.1:{c}/ for session chain\n\
             Data URI set to tcp4://127.0.0.1:{d}/ for session chain\n\
             Consumer enabled for session chain\n"
        )
    );
    assert!(
        out.stderr.is_empty(),
        "the library printed: {}",
        text(&out.stderr)
    );
    let listed = lttng_ok(home, &["list", "chain"]);
    assert!(
        listed.contains(&format!("tcp4://127.0.0.1:{c}/ [data: {d}]")),
        "{listed}"
    );
    lttng_ok(home, &["enable-event", "-u", "-a"]);
    lttng_ok(home, &["start"]);
    std::thread::sleep(Duration::from_millis(800));
    lttng_ok(home, &["stop"]);
    lttng_ok(home, &["destroy"]);
    let seqs = tick_seqs(&relay_trace(&relayd, "chain"));
    assert_contiguous(&seqs);
    assert!(seqs.len() >= 200, "only {} events", seqs.len());
    println!("{stdout}{} events, seq 0..{}", seqs.len(), seqs.len() - 1);
}

#[test]
fn disable_pauses_enable_resumes_and_uris_are_locked_while_enabled() {
    if !have_all(&["lttng", "lttng-relayd", "babeltrace2", "setpriv"]) {
        return;
    }
    let dir = TestDir::new("consumer-pause");
    let relayd = Relayd::start(&dir);
    let refd = RefSessiond::start(&dir, &["--tick-rate", "500"]);
    let home = &refd.home;
    lttng_ok(home, &["create", "other"]);
    lttng_ok(home, &["create", "pause", "--no-output"]);
    // -C and -D, with -s (the current session is "pause" now, "other" is not used).
    let ctrl = format!("tcp://127.0.0.1:{}", relayd.control_port);
    let data = format!("tcp://localhost:{}", relayd.data_port);
    let out = consumer(
        home,
        &["enable", "-s", "pause", "-C", &ctrl, "-D", &data],
        &[],
    );
    ok_stdout("enable -C -D", &out);
    let locked = consumer(home, &["enable", "--session=pause", "-D", &data], &[]);
    fails_with(&locked, 21, "URL already exists");
    fails_with(&locked, 21, "disable it first");
    lttng_ok(home, &["enable-event", "-u", "-a", "-s", "pause"]);
    lttng_ok(home, &["start", "pause"]);
    std::thread::sleep(Duration::from_millis(300));
    let paused = consumer(home, &["disable"], &[]);
    assert_eq!(
        ok_stdout("disable", &paused),
        "Consumer disabled for session pause\n"
    );
    std::thread::sleep(Duration::from_millis(300));
    let resumed = consumer(home, &["enable", "-s", "pause"], &[]);
    assert_eq!(
        ok_stdout("enable (resume)", &resumed),
        "Consumer enabled for session pause\n"
    );
    std::thread::sleep(Duration::from_millis(300));
    lttng_ok(home, &["destroy", "pause"]);
    let seqs = tick_seqs(&relay_trace(&relayd, "pause"));
    assert_eq!(seqs.first(), Some(&0));
    for w in seqs.windows(2) {
        assert!(w[0] < w[1], "seq not increasing: {w:?}");
    }
    // A session without consumer cannot be disabled.
    let none = consumer(home, &["disable", "-s", "other"], &[]);
    fails_with(&none, 109, "Disabling the consumer of session other");
}

#[test]
fn usage_errors_follow_the_lttng_cli() {
    if !have("setpriv") {
        return;
    }
    let dir = TestDir::new("consumer-usage");
    let home = dir.subdir("home");
    let help = consumer(&home, &["--help"], &[]);
    assert!(ok_stdout("--help", &help).contains("enable"));
    let help = consumer(&home, &["enable", "--help"], &[]);
    assert!(ok_stdout("enable --help", &help).contains("--control-uri"));
    let version = consumer(&home, &["--version"], &[]);
    assert!(
        ok_stdout("--version", &version)
            .starts_with(concat!("lttng-consumer ", env!("CARGO_PKG_VERSION")))
    );
    fails_with(&consumer(&home, &[], &[]), 1, "Usage: lttng-consumer");
    fails_with(
        &consumer(&home, &["bogus"], &[]),
        2,
        "lttng-consumer: bogus is not an lttng-consumer command. See 'lttng-consumer --help'.",
    );
    fails_with(
        &consumer(&home, &["enable", "--bogus"], &[]),
        2,
        "Error: Unrecognized option --bogus used with 'enable' command",
    );
    fails_with(
        &consumer(&home, &["disable", "-s"], &[]),
        2,
        "Error: A value is required for '--session <NAME>'",
    );
    fails_with(
        &consumer(&home, &["enable", "/tmp/a", "/tmp/b"], &[]),
        1,
        "Error: Unknown argument: /tmp/b",
    );
    // No session given and no current session.
    let err = fails_with(
        &consumer(&home, &["disable"], &[]),
        1,
        &format!(
            "Error: Can't find valid lttng config {}/.lttngrc",
            home.display()
        ),
    );
    assert!(err.contains("Did you create a session?"), "{err}");
    // Refused before anything is sent: nothing in the debug log.
    let debug = [("LTTNG_CTL_DEBUG", "1")];
    for (args, needle) in [
        (
            &["enable", "-s", "s", "tcp://10.0.0.1:5342,net://127.0.0.1"][..],
            "Error: Proxy not supported: the URI 'tcp://10.0.0.1:5342,net://127.0.0.1' goes through 1 hop",
        ),
        (
            &[
                "enable",
                "-s",
                "s",
                "-C",
                "tcp://10.1.1.1,tcp://10.2.2.2,tcp://127.0.0.1",
            ][..],
            "Error: Proxy not supported: the control URI 'tcp://10.1.1.1,tcp://10.2.2.2,tcp://127.0.0.1' (-C) goes through 2 hops",
        ),
        (
            &["enable", "-s", "s", "-C", "udp://127.0.0.1"][..],
            "Error: Invalid control URI 'udp://127.0.0.1' (-C): the control path is TCP only",
        ),
        (
            &["enable", "-s", "s", "tcp://127.0.0.1"][..],
            "Error: A single URI must be net://",
        ),
        (
            &["enable", "-s", "s", "foo://x"][..],
            "Error: Invalid URI 'foo://x': unknown protocol",
        ),
    ] {
        let err = fails_with(&consumer(&home, args, &debug), 1, needle);
        assert!(!err.contains("lttng-ctl:"), "something was sent:\n{err}");
    }
    // No daemon: the library's code and text.
    fails_with(
        &consumer(&home, &["disable", "-s", "s"], &[]),
        19,
        "Error: Disabling the consumer of session s: No session daemon is available",
    );
}

#[test]
fn daemon_refusals_and_the_debug_log() {
    if !have_all(&["lttng", "setpriv"]) {
        return;
    }
    let dir = TestDir::new("consumer-refusals");
    let refd = RefSessiond::start(&dir, &[]);
    let home = &refd.home;
    let missing = consumer(home, &["enable", "-s", "nosuch", "net://127.0.0.1"], &[]);
    fails_with(
        &missing,
        23,
        "Error: Setting the control URI of session nosuch to tcp4://127.0.0.1:5342/: Session name not found",
    );
    lttng_ok(home, &["create", "half", "--no-output"]);
    let closed = free_port();
    let half = consumer(
        home,
        &["enable", "-C", &format!("tcp://127.0.0.1:{closed}")],
        &[],
    );
    fails_with(&half, 101, "Error: Enabling the consumer of session half:");
    let refused = consumer(
        home,
        &[
            "enable",
            &format!("net://127.0.0.1:{closed}:{}", free_port()),
        ],
        &[("LTTNG_CTL_DEBUG", "1")],
    );
    let err = fails_with(
        &refused,
        104,
        "Error: Enabling the consumer of session half:",
    );
    // The debug log: one line per command and one per reply, with names and codes.
    for needle in [
        "SET_CONSUMER_URI session=\"half\" -> 13156+",
        "SET_CONSUMER_URI code 10 <- 0+0 bytes",
        "ENABLE_CONSUMER session=\"half\" -> 13156+0 bytes",
        "ENABLE_CONSUMER code 104",
    ] {
        assert!(err.contains(needle), "{needle:?} missing in:\n{err}");
    }
    assert_eq!(
        err.lines().filter(|l| l.starts_with("lttng-ctl: ")).count(),
        6,
        "{err}"
    );
    // -v: the same log, plus the session and the planned URIs.
    let verbose = consumer(home, &["-v", "disable"], &[]);
    let err = fails_with(&verbose, 109, "lttng-consumer: session half");
    assert!(err.contains("DISABLE_CONSUMER code 109"), "{err}");
}

#[test]
fn the_real_sessiond_does_not_know_the_design_commands() {
    if !have_all(&["lttng", "lttng-sessiond", "setpriv"]) {
        return;
    }
    let dir = TestDir::new("consumer-real");
    let sessiond = Sessiond::start(&dir);
    let home = &sessiond.home;
    lttng_ok(home, &["create", "real", "--no-output"]);
    let out = consumer(home, &["enable", "net://127.0.0.1"], &[]);
    let err = fails_with(
        &out,
        12,
        "Error: Enabling the consumer of session real: Undefined command",
    );
    assert!(err.contains("lttng-ref-sessiond does"), "{err}");
    // The URIs were set: the real daemon keeps them as the session's output.
    assert!(text(&out.stdout).contains("Data URI set to tcp4://127.0.0.1:5343/"));
    assert!(lttng_ok(home, &["list", "real"]).contains("tcp4://127.0.0.1:5342/ [data: 5343]"));
    // The switch of the design: 2.13's rule refuses any URI once the session was started
    // (the reference daemon switches, tests/consumer_switch.rs).
    lttng_ok(home, &["create", "started", "--no-output"]);
    lttng_ok(home, &["enable-event", "-u", "-a"]);
    lttng_ok(home, &["start"]);
    let switch = consumer(home, &["enable", "/tmp/lttng-ctl-never-created"], &[]);
    fails_with(
        &switch,
        80,
        "Error: Setting the local output of session started to \
         file:///tmp/lttng-ctl-never-created: Tracing has already been started once",
    );
    lttng_ok(home, &["destroy", "-a"]);
}

#[test]
fn man_page_renders_and_documents_every_option() {
    let page = repo().join("man/lttng-consumer.1");
    let roff = std::fs::read_to_string(&page).unwrap();
    for option in [
        "control\\-uri",
        "data\\-uri",
        "session",
        "verbose",
        "help",
        "version",
    ] {
        assert!(
            roff.contains(&format!("\\-\\-{option}")),
            "--{option} undocumented"
        );
    }
    let help = std::process::Command::new(built_program("lttng-consumer"))
        .args(["enable", "--help"])
        .output()
        .unwrap();
    for long in text(&help.stdout)
        .split_whitespace()
        .filter(|w| w.starts_with("--"))
    {
        let name = long.trim_start_matches("--").trim_end_matches([',', '.']);
        assert!(
            roff.contains(&name.replace('-', "\\-")),
            "{long} of --help missing in the man page"
        );
    }
    if !have("groff") {
        return;
    }
    let out = std::process::Command::new("groff")
        .args(["-man", "-ww", "-z"])
        .arg(&page)
        .output()
        .unwrap();
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "groff: {}",
        text(&out.stderr)
    );
}
