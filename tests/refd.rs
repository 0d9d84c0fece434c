//! The reference session daemon and consumer, for real: the real `lttng` CLI on the real
//! library drives `lttng-ref-sessiond`; this library's design API drives it from C and from
//! Python; traces stream to a real `lttng-relayd` and babeltrace2 reads them.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use common::*;

fn relay_trace(relayd: &Relayd, session: &str) -> std::path::PathBuf {
    find_dir(&relayd.output.join(hostname()), &format!("{session}-"))
}

#[test]
fn real_cli_drives_the_reference_daemon_to_a_real_relayd() {
    if !have_all(&["lttng", "lttng-relayd", "babeltrace2", "setpriv"]) {
        return;
    }
    let dir = TestDir::new("refd-cli");
    let relayd = Relayd::start(&dir);
    let refd = RefSessiond::start(&dir, &["--tick-rate", "500"]);
    let home = &refd.home;
    let out = lttng_ok(
        home,
        &["create", "cli1", &format!("--set-url={}", relayd.net_url())],
    );
    assert!(
        out.contains(&format!(
            "tcp4://127.0.0.1:{}/ [data: {}]",
            relayd.control_port, relayd.data_port
        )),
        "{out}"
    );
    lttng_ok(home, &["enable-event", "-u", "-a"]);
    lttng_ok(home, &["start"]);
    std::thread::sleep(Duration::from_millis(800));
    let list = lttng_ok(home, &["list"]);
    assert!(list.contains("cli1 [active]"), "{list}");
    let detail = lttng_ok(home, &["list", "cli1"]);
    for needle in [
        "Recording session cli1: [active]",
        "- channel0: [enabled]",
        "Discarded events: 0",
        "* (type: tracepoint) [enabled]",
    ] {
        assert!(detail.contains(needle), "{needle} missing in:\n{detail}");
    }
    lttng_ok(home, &["status"]);
    lttng_ok(home, &["stop"]);
    lttng_ok(home, &["destroy"]);
    let seqs = tick_seqs(&relay_trace(&relayd, "cli1"));
    assert_contiguous(&seqs);
    assert!(seqs.len() >= 200, "only {} events", seqs.len());
    assert!(refd.consumer_pids().is_empty(), "consumer left running");
    println!("{} events, seq 0..{}", seqs.len(), seqs.len() - 1);
}

#[test]
fn design_api_from_c_with_every_consumer_rule() {
    if !have_all(&["lttng-relayd", "babeltrace2"]) {
        return;
    }
    let Some(f) = Fixture::build("design_chain", &["tests/c/design_chain.c"], Link::Ours) else {
        return;
    };
    let relayd = Relayd::start(&f.dir);
    let refd = RefSessiond::start(&f.dir, &["--tick-rate", "2000"]);
    let closed = free_port();
    let program = f.program.clone();
    let home = refd.home.clone();
    let lib = f.lib.clone();
    let args = [
        "dc1".to_owned(),
        "127.0.0.1".into(),
        relayd.control_port.to_string(),
        relayd.data_port.to_string(),
        closed.to_string(),
        "700".into(),
    ];
    let handle = std::thread::spawn(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run_c(&program, &home, Some(&lib), &args, &[])
    });
    // While the program pauses after the aborted enable: nothing half open.
    let mut checked = false;
    for _ in 0..100 {
        std::thread::sleep(Duration::from_millis(20));
        if handle.is_finished() {
            break;
        }
        if refd.log_text().contains("enabling the consumer failed") {
            assert_eq!(
                refd.tcp_socket_count(),
                0,
                "a relay socket stayed open after the abort"
            );
            assert!(
                !relayd.output.join(hostname()).exists(),
                "a relay session was created"
            );
            checked = true;
            break;
        }
    }
    let out = handle.join().unwrap();
    let text = ok_stdout("design_chain", &out);
    assert!(
        checked,
        "did not observe the aborted enable:\n{text}\n{}",
        refd.log_text()
    );
    let discarded: u64 = text
        .lines()
        .find_map(|l| l.strip_prefix("discarded="))
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        discarded > 0,
        "a paused consumer should make the small buffers overflow:\n{text}"
    );
    let seqs = tick_seqs(&relay_trace(&relayd, "dc1"));
    // Every event emitted is either in the trace or counted as discarded.
    for w in seqs.windows(2) {
        assert!(w[0] < w[1], "seq not increasing: {w:?}");
    }
    let emitted = seqs.last().unwrap() + 1;
    assert_eq!(
        emitted - seqs.len() as u64,
        discarded,
        "missing seqs must equal the discarded count"
    );
    assert_eq!(seqs[0], 0);
    println!(
        "{} events in the trace, {discarded} discarded, {emitted} emitted",
        seqs.len()
    );
}

#[test]
fn two_sessions_stream_to_one_relayd_at_once() {
    if !have_all(&["lttng", "lttng-relayd", "babeltrace2", "setpriv"]) {
        return;
    }
    let dir = TestDir::new("refd-two");
    let relayd = Relayd::start(&dir);
    let refd = RefSessiond::start(&dir, &["--tick-rate", "300"]);
    let home = &refd.home;
    for s in ["twoa", "twob"] {
        lttng_ok(
            home,
            &["create", s, &format!("--set-url={}", relayd.net_url())],
        );
        lttng_ok(home, &["enable-event", "-u", "-a", "-s", s]);
    }
    lttng_ok(home, &["start", "twoa"]);
    lttng_ok(home, &["start", "twob"]);
    std::thread::sleep(Duration::from_millis(700));
    lttng_ok(home, &["destroy", "-a"]);
    for s in ["twoa", "twob"] {
        let seqs = tick_seqs(&relay_trace(&relayd, s));
        assert_contiguous(&seqs);
        assert!(seqs.len() > 50, "{s}: {} events", seqs.len());
    }
}

#[test]
fn local_output_is_a_readable_ctf_trace() {
    if !have_all(&["lttng", "babeltrace2", "setpriv"]) {
        return;
    }
    let dir = TestDir::new("refd-local");
    let refd = RefSessiond::start(&dir, &["--tick-rate", "400"]);
    let out = dir.subdir("trace");
    lttng_ok(
        &refd.home,
        &["create", "loc", &format!("--output={}", out.display())],
    );
    lttng_ok(&refd.home, &["enable-event", "-u", "ref:tick"]);
    lttng_ok(&refd.home, &["start"]);
    std::thread::sleep(Duration::from_millis(500));
    lttng_ok(&refd.home, &["stop"]);
    lttng_ok(&refd.home, &["destroy"]);
    let seqs = tick_seqs(&out);
    assert_contiguous(&seqs);
    let index = std::fs::read_dir(out.join("ust/uid"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path()
        .join("64-bit/index/channel0_0.idx");
    let idx = std::fs::read(&index).unwrap();
    assert_eq!(&idx[..4], &0xC1F1_DCC1u32.to_be_bytes());
    assert!(
        idx.len() > 16 && (idx.len() - 16) % 72 == 0,
        "index entries"
    );
}

#[test]
fn socket_mode_and_lifecycle() {
    if !have("setpriv") {
        return;
    }
    let dir = TestDir::new("refd-life");
    let mut refd = RefSessiond::start(&dir, &[]);
    let mode = std::fs::metadata(refd.socket())
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o660);
    // A second daemon on the same socket refuses to start.
    let second = as_test_user(&refd.program)
        .env("LTTNG_HOME", &refd.home)
        .output()
        .unwrap();
    assert!(!second.status.success());
    assert!(String::from_utf8_lossy(&second.stderr).contains("already answers"));
    // SIGTERM ends it cleanly: socket and pid file removed.
    refd.daemon.stop();
    assert!(!refd.socket().exists(), "socket left behind");
    assert!(!refd.home.join(".lttng/lttng-ref-sessiond.pid").exists());
}

#[test]
fn design_api_from_python_ctypes() {
    if !have_all(&["python3", "lttng-relayd", "babeltrace2", "setpriv"]) {
        return;
    }
    let dir = TestDir::new("refd-python");
    let lib = our_lib_path(&dir).join("liblttng-ctl.so.0");
    let relayd = Relayd::start(&dir);
    let refd = RefSessiond::start(&dir, &["--tick-rate", "500"]);
    // Debian's interpreter (a user-local one under /root is not readable by the test user).
    let python = if std::path::Path::new("/usr/bin/python3").exists() {
        "/usr/bin/python3"
    } else {
        "python3"
    };
    let mut cmd = as_test_user(python);
    cmd.arg(dir.repo_file("tests/python/design_chain.py"))
        .arg(&lib)
        .args([
            "py1",
            "127.0.0.1",
            &relayd.control_port.to_string(),
            &relayd.data_port.to_string(),
            "0.3",
        ])
        .env("LTTNG_HOME", &refd.home);
    let out = run_with_timeout(cmd, Duration::from_secs(60));
    let text = ok_stdout("design_chain.py", &out);
    assert!(text.contains("library: 2.13.9-lttng-ctl-rs-"), "{text}");
    assert!(text.contains("done"), "{text}");
    let seqs = tick_seqs(&relay_trace(&relayd, "py1"));
    assert_contiguous(&seqs);
    println!("{text}{} events", seqs.len());
}

#[test]
fn snapshot_record_where_it_applies() {
    if !have_all(&["lttng", "babeltrace2", "setpriv"]) {
        return;
    }
    let dir = TestDir::new("refd-snap");
    let refd = RefSessiond::start(&dir, &["--tick-rate", "1000"]);
    let out = dir.subdir("snapshots");
    let home = &refd.home;
    let created = lttng_ok(
        home,
        &[
            "create",
            "sn",
            "--snapshot",
            &format!("--output={}", out.display()),
        ],
    );
    assert!(
        created.contains(&format!("Default snapshot output set to {}", out.display())),
        "{created}"
    );
    let early = lttng(home, &["snapshot", "record"]);
    assert!(String::from_utf8_lossy(&early.stderr).contains("Session needs to be started once"));
    lttng_ok(home, &["enable-event", "-u", "-a"]);
    lttng_ok(home, &["start"]);
    std::thread::sleep(Duration::from_millis(400));
    assert!(lttng_ok(home, &["snapshot", "record"]).contains("Snapshot recorded successfully"));
    std::thread::sleep(Duration::from_millis(400));
    lttng_ok(home, &["snapshot", "record"]);
    let listed = lttng_ok(home, &["snapshot", "list-output"]);
    assert!(listed.contains("[1] snapshot-1: "), "{listed}");
    assert!(lttng_ok(home, &["list", "sn"]).contains("Event-loss mode:  overwrite"));
    lttng_ok(home, &["destroy"]);
    let mut dirs: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    dirs.sort_by_key(|p| {
        p.to_string_lossy()
            .rsplit('-')
            .next()
            .unwrap()
            .parse::<u32>()
            .unwrap()
    });
    assert_eq!(dirs.len(), 2, "{dirs:?}");
    let first = tick_seqs(&dirs[0]);
    let second = tick_seqs(&dirs[1]);
    assert!(
        !first.is_empty() && second.last() > first.last(),
        "the second snapshot holds newer events"
    );
    // A regular session is not a snapshot session.
    lttng_ok(home, &["create", "reg", "--no-output"]);
    let wrong = lttng(home, &["snapshot", "record", "-s", "reg"]);
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("non-snapshot session"));
}

#[test]
fn cli_commands_on_the_reference_daemon() {
    if !have_all(&["lttng", "lttng-relayd", "setpriv"]) {
        return;
    }
    let dir = TestDir::new("refd-cmds");
    let relayd = Relayd::start(&dir);
    let refd = RefSessiond::start(&dir, &[]);
    let home = &refd.home;
    let ctrl = format!("tcp://127.0.0.1:{}", relayd.control_port);
    let data = format!("tcp://127.0.0.1:{}", relayd.data_port);
    let cd = lttng_ok(home, &["create", "cd", "-C", &ctrl, "-D", &data]);
    assert!(
        cd.contains(&format!(
            "tcp4://127.0.0.1:{}/ [data: {}]",
            relayd.control_port, relayd.data_port
        )),
        "{cd}"
    );
    let live = lttng_ok(
        home,
        &[
            "create",
            "lv",
            "--live=1000000",
            &format!("--set-url={}", relayd.net_url()),
        ],
    );
    assert!(
        live.contains("Live timer interval set to 1000000 us"),
        "{live}"
    );
    lttng_ok(home, &["create", "def"]);
    lttng_ok(
        home,
        &[
            "enable-channel",
            "-u",
            "chan1",
            "--subbuf-size=8192",
            "--num-subbuf=4",
        ],
    );
    lttng_ok(home, &["enable-event", "-u", "ref:tick", "-c", "chan1"]);
    lttng_ok(home, &["enable-event", "-u", "my:*"]);
    lttng_ok(home, &["disable-event", "-u", "my:*"]);
    lttng_ok(home, &["add-context", "-u", "-t", "vpid"]);
    let tracepoints = lttng_ok(home, &["list", "-u"]);
    assert!(
        tracepoints.contains("ref:tick (loglevel: TRACE_DEBUG_LINE (13)) (type: tracepoint)"),
        "{tracepoints}"
    );
    let chan = lttng_ok(home, &["list", "def", "-c", "chan1"]);
    for needle in [
        "- chan1: [enabled]",
        "Sub-buffer size:  8192 bytes",
        "ref:tick (type: tracepoint) [enabled]",
    ] {
        assert!(chan.contains(needle), "{needle}:\n{chan}");
    }
    assert!(!chan.contains("channel0"), "-c lists one channel");
    let all = lttng_ok(home, &["list", "def"]);
    assert!(all.contains("my:* (type: tracepoint) [disabled]"), "{all}");
    // Kernel requests get the real non-root daemon's answer.
    let kernel = lttng(home, &["enable-event", "-k", "sched_switch"]);
    assert_eq!(kernel.status.code(), Some(79), "{kernel:?}");
    // Unsupported requests get "undefined command", never a crash or a hang.
    let rotate = lttng(home, &["rotate"]);
    assert!(
        String::from_utf8_lossy(&rotate.stderr).contains("Undefined command"),
        "{rotate:?}"
    );
    lttng_ok(home, &["destroy", "-a"]);
    assert!(lttng_ok(home, &["list"]).contains("Currently no available recording session"));
    let missing = lttng(home, &["destroy", "nosuch"]);
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("Session name nosuch not found"),
        "{missing:?}"
    );
}
