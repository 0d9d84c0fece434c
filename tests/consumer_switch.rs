//! The design's consumer switch while a session traces (issue 14), against real relay
//! daemons: network -> local -> another relay daemon -> back, with `lttng-consumer` and the
//! real `lttng` CLI, and with the C API; a failed switch; a resume that cannot write; and the
//! failures the reference daemon reports as the real 2.13 daemon does (a directory it cannot
//! create, a relay daemon gone, a full disk), each run on both daemons.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use common::*;

/// The reference tracer's rate: events per second.
const RATE: &str = "1000";
/// How long each stretch lasts.
const STRETCH: Duration = Duration::from_millis(400);

fn consumer(home: &Path, args: &[&str]) -> Output {
    lttng_consumer(home, args, &[])
}

fn consumer_ok(home: &Path, args: &[&str]) -> String {
    ok_stdout(
        &format!("lttng-consumer {}", args.join(" ")),
        &consumer(home, args),
    )
}

/// The stretch directories of `session` under a relay daemon's output, by stretch number:
/// `<session>-<date>` is stretch 0, `<session>-<date>-<n>` stretch n.
fn relay_stretches(relayd: &Relayd, session: &str) -> Vec<(u64, PathBuf)> {
    let host = relayd.output.join(hostname());
    let mut out: Vec<(u64, PathBuf)> = std::fs::read_dir(&host)
        .unwrap_or_else(|e| panic!("{}: {e}", host.display()))
        .flatten()
        .map(|e| e.path())
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_owned();
            let rest = name.strip_prefix(&format!("{session}-"))?;
            // <date>-<time>[-<n>]
            let n = rest.splitn(3, '-').nth(2).map_or(0, |n| n.parse().unwrap());
            Some((n, p))
        })
        .collect();
    out.sort();
    out
}

/// Reads every stretch on its own (babeltrace2 fails the test on a broken one), checks that
/// each holds events, and that the session's `seq` runs from 0 across them in order, without
/// gap or repetition.
fn assert_stretches_contiguous(stretches: &[&Path]) -> Vec<usize> {
    let mut all = Vec::new();
    let mut sizes = Vec::new();
    for dir in stretches {
        let seqs = tick_seqs(dir);
        assert!(
            !seqs.is_empty(),
            "no event in the stretch {}",
            dir.display()
        );
        sizes.push(seqs.len());
        all.extend(seqs);
    }
    assert_contiguous(&all);
    sizes
}

/// The relay daemon saw no error: its sessions ended as they should.
fn assert_relayd_clean(relayd: &Relayd) {
    let log = relayd.log_text();
    assert!(
        !log.contains("Error") && !log.contains("PERROR"),
        "lttng-relayd reported:\n{log}"
    );
}

fn discarded_events(home: &Path, session: &str) -> Vec<String> {
    lttng_ok(home, &["list", session])
        .lines()
        .filter(|l| l.contains("Discarded events:"))
        .map(|l| l.trim().to_owned())
        .collect()
}

#[test]
fn switch_while_tracing_with_lttng_consumer() {
    if !have_all(&["lttng", "lttng-relayd", "babeltrace2", "setpriv"]) {
        return;
    }
    let dir = TestDir::new("switch-cli");
    let a = Relayd::start_tagged(&dir, "a");
    let b = Relayd::start_tagged(&dir, "b");
    let refd = RefSessiond::start(&dir, &["--tick-rate", RATE, "--switch-timer", "100"]);
    let home = &refd.home;
    let local = dir.subdir("local").join("sw");
    let local_text = local.display().to_string();
    // The chain.
    lttng_ok(home, &["create", "sw"]);
    consumer_ok(home, &["enable", &a.net_url()]);
    lttng_ok(home, &["enable-event", "-u", "-a"]);
    lttng_ok(home, &["start"]);
    std::thread::sleep(STRETCH);
    consumer_ok(home, &["disable"]);
    let out = consumer_ok(home, &["enable", &local_text]);
    assert_eq!(
        out,
        format!(
            "Local output set to file://{local_text} for session sw\n\
             Consumer enabled for session sw\n"
        )
    );
    assert!(lttng_ok(home, &["list", "sw"]).contains(&format!("Trace output: {local_text}")));
    // The first relay session is over: relay daemon A holds none of its files.
    let first = relay_stretches(&a, "sw");
    assert_eq!(first.len(), 1, "{first:?}");
    wait_for(
        "relay daemon A to end the first stretch",
        Duration::from_secs(5),
        || a.open_files_under(&first[0].1).is_empty(),
    );
    std::thread::sleep(STRETCH);
    consumer_ok(home, &["disable"]);
    consumer_ok(home, &["enable", &b.net_url()]);
    std::thread::sleep(STRETCH);
    // A failed switch: nobody listens on the new relay daemon's ports, or only its control
    // path connects. The consumer on relay daemon B goes on; its trace stays whole.
    let closed = format!("net://127.0.0.1:{}:{}", free_port(), free_port());
    let half = format!("net://127.0.0.1:{}:{}", a.control_port, free_port());
    for uri in [&closed, &half] {
        consumer_ok(home, &["disable"]);
        let failed = consumer(home, &["enable", uri]);
        assert_eq!(failed.status.code(), Some(104), "{failed:?}");
        let err = String::from_utf8_lossy(&failed.stderr);
        assert!(
            err.contains(
                "Error: Enabling the consumer of session sw: Unable to connect to lttng-relayd"
            ),
            "{err}"
        );
        let list = lttng_ok(home, &["list", "sw"]);
        assert!(
            list.contains(&format!(
                "tcp4://127.0.0.1:{}/ [data: {}]",
                b.control_port, b.data_port
            )),
            "{list}"
        );
        std::thread::sleep(STRETCH / 2);
    }
    // Back to relay daemon A: a stretch of its own there.
    consumer_ok(home, &["disable"]);
    consumer_ok(home, &["enable", &a.net_url()]);
    std::thread::sleep(STRETCH);
    lttng_ok(home, &["stop"]);
    assert_eq!(discarded_events(home, "sw"), ["Discarded events: 0"]);
    lttng_ok(home, &["destroy"]);

    let on_a = relay_stretches(&a, "sw");
    let on_b = relay_stretches(&b, "sw");
    let numbers: Vec<u64> = on_a.iter().chain(&on_b).map(|(n, _)| *n).collect();
    assert_eq!(numbers, [0, 3, 2], "stretch directories: {on_a:?} {on_b:?}");
    let sizes = assert_stretches_contiguous(&[&on_a[0].1, &local, &on_b[0].1, &on_a[1].1]);
    // The consumer on B wrote through both failed switches (three stretches' worth).
    assert!(sizes[2] > sizes[1], "{sizes:?}");
    assert_relayd_clean(&a);
    assert_relayd_clean(&b);
    for (_, d) in on_a.iter().chain(&on_b) {
        assert_eq!(a.open_files_under(d), Vec::<PathBuf>::new());
        assert_eq!(b.open_files_under(d), Vec::<PathBuf>::new());
    }
    println!("stretches (events): {sizes:?}");
}

#[test]
fn switch_while_tracing_from_the_c_api() {
    if !have_all(&["lttng-relayd", "babeltrace2"]) {
        return;
    }
    let Some(f) = Fixture::build("switch_chain", &["tests/c/switch_chain.c"], Link::Ours) else {
        return;
    };
    let a = Relayd::start_tagged(&f.dir, "a");
    let b = Relayd::start_tagged(&f.dir, "b");
    let refd = RefSessiond::start(&f.dir, &["--tick-rate", RATE, "--switch-timer", "100"]);
    let local = f.dir.subdir("local").join("cs");
    let args = [
        "cs".to_owned(),
        local.display().to_string(),
        a.control_port.to_string(),
        a.data_port.to_string(),
        b.control_port.to_string(),
        b.data_port.to_string(),
        free_port().to_string(),
        STRETCH.as_millis().to_string(),
    ];
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run_c(&f.program, &refd.home, Some(&f.lib), &args, &[]);
    let text = ok_stdout("switch_chain", &out);
    assert!(text.contains("discarded=0"), "{text}");
    let on_a = relay_stretches(&a, "cs");
    let on_b = relay_stretches(&b, "cs");
    assert_eq!(on_a.len(), 2, "{on_a:?}");
    assert_eq!(on_b.len(), 1, "{on_b:?}");
    let sizes = assert_stretches_contiguous(&[&on_a[0].1, &local, &on_b[0].1, &on_a[1].1]);
    assert_relayd_clean(&a);
    assert_relayd_clean(&b);
    println!("{text}stretches (events): {sizes:?}");
}

#[test]
fn a_resume_never_reports_success_for_a_consumer_that_does_not_write() {
    if !have_all(&["lttng", "lttng-relayd", "babeltrace2", "setpriv"]) {
        return;
    }
    let dir = TestDir::new("switch-resume");
    let mut relayd = Relayd::start(&dir);
    let refd = RefSessiond::start(&dir, &["--tick-rate", RATE, "--switch-timer", "100"]);
    let home = &refd.home;
    lttng_ok(
        home,
        &["create", "rs", &format!("--set-url={}", relayd.net_url())],
    );
    lttng_ok(home, &["enable-event", "-u", "-a"]);
    lttng_ok(home, &["start"]);
    std::thread::sleep(STRETCH);
    consumer_ok(home, &["disable"]);
    // The relay daemon goes away while the consumer is paused (its idle connections do not
    // notice): the resume finds out, and says it.
    relayd.daemon.stop();
    let resumed = consumer(home, &["enable"]);
    assert_eq!(resumed.status.code(), Some(104), "{resumed:?}");
    assert!(
        String::from_utf8_lossy(&resumed.stderr).contains(
            "Error: Enabling the consumer of session rs: Unable to connect to lttng-relayd"
        )
    );
    assert!(lttng_ok(home, &["list", "rs"]).contains("[consumer failed: "));
    // A start would lose every event: refused while no consumer writes.
    lttng_ok(home, &["stop"]);
    lttng_fails(
        home,
        &["start"],
        104,
        "Error: Unable to connect to lttng-relayd",
    );
    let (code, message) = destroy_incomplete("rs");
    lttng_fails(home, &["destroy"], code, &message);
    let seqs = tick_seqs(&find_dir(&relayd.output.join(hostname()), "rs-"));
    assert_contiguous(&seqs);
}

/// One failure on one daemon: the session `f1` and what each command answered.
#[derive(Debug, PartialEq, Eq)]
struct Answers {
    /// (command, exit code, stderr) of every command after the failure.
    lines: Vec<(String, Option<i32>, String)>,
}

fn answer(home: &Path, args: &[&str]) -> (String, Option<i32>, String) {
    let out = lttng(home, args);
    (
        args.join(" "),
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).trim().to_owned(),
    )
}

/// `lttng create p1 --output=<a directory the daemon's user cannot create>`, then
/// enable-event, start, stop, destroy.
fn directory_not_creatable(home: &Path, parent: &Path) -> Answers {
    let out = parent.join("out");
    lttng_ok(
        home,
        &["create", "p1", &format!("--output={}", out.display())],
    );
    lttng_ok(home, &["enable-event", "-u", "-a"]);
    let mut lines = vec![answer(home, &["start"])];
    let list = lttng_ok(home, &["list", "p1"]);
    assert!(list.contains("Recording session p1: [inactive]"), "{list}");
    lines.push(answer(home, &["stop"]));
    lines.push(answer(home, &["destroy"]));
    assert!(!out.exists(), "{} was created", out.display());
    Answers { lines }
}

#[test]
fn a_directory_the_daemon_cannot_create_fails_the_start_on_both_daemons() {
    if !have_all(&["lttng", "lttng-sessiond", "setpriv"]) {
        return;
    }
    let dir = TestDir::new("switch-perm");
    let parent = dir.subdir("perm");
    std::fs::set_permissions(&parent, std::os::unix::fs::PermissionsExt::from_mode(0o555)).unwrap();
    let real = {
        let real_dir = TestDir::new("switch-perm-real");
        let sessiond = Sessiond::start(&real_dir);
        directory_not_creatable(&sessiond.home, &parent)
    };
    let ours = {
        let ref_dir = TestDir::new("switch-perm-ref");
        let refd = RefSessiond::start(&ref_dir, &[]);
        directory_not_creatable(&refd.home, &parent)
    };
    assert_eq!(
        real.lines[0],
        (
            "start".into(),
            Some(17),
            "Error: Create directory failed".into()
        )
    );
    assert_eq!(ours, real);
}

/// What breaks while `f1` traces.
#[derive(Clone, Copy, Debug)]
enum Break {
    /// The relay daemon is killed.
    Relayd,
    /// The disk under the local output fills up.
    Disk,
}

/// Sets up `f1` on a real daemon (events from the traced application) or on the reference
/// daemon, breaks its output, and collects what `lttng list`, stop and destroy answer.
fn break_while_tracing(
    what: Break,
    dir: &TestDir,
    home: &Path,
    emit: &dyn Fn(),
    disk: &Path,
) -> (Answers, String) {
    let mut relayd = None;
    let output = match what {
        Break::Relayd => {
            let r = Relayd::start(dir);
            let url = format!("--set-url={}", r.net_url());
            relayd = Some(r);
            url
        }
        Break::Disk => format!("--output={}", disk.join("out").display()),
    };
    lttng_ok(home, &["create", "f1", &output]);
    start_small_channel(home, &["--num-subbuf=4", "--switch-timer=100000"]);
    emit();
    if let Some(r) = relayd.as_mut() {
        r.daemon.stop();
    }
    emit();
    let list = lttng_ok(home, &["list", "f1"]);
    let lines = vec![answer(home, &["stop"]), answer(home, &["destroy"])];
    (Answers { lines }, list)
}

fn compare_failure_while_tracing(what: Break) {
    if !have_all(&[
        "lttng",
        "lttng-sessiond",
        "lttng-relayd",
        "setpriv",
        "cc",
        "mount",
    ]) {
        return;
    }
    let real_dir = TestDir::new("switch-break-real");
    let Some(real_disk) = Tmpfs::mount(real_dir.join("disk"), "256k") else {
        return;
    };
    let app = compile_c(&real_dir, "app", &["examples/traced_app.c"], UST_LIBS);
    let sessiond = Sessiond::start(&real_dir);
    let home = sessiond.home.clone();
    let emit = || {
        for _ in 0..2 {
            ok_stdout("traced_app", &run_c(&app, &home, None, &["30000"], &[]));
        }
        std::thread::sleep(Duration::from_millis(500));
    };
    let (real, real_list) = break_while_tracing(what, &real_dir, &home, &emit, &real_disk.path);

    let ref_dir = TestDir::new("switch-break-ref");
    let Some(ref_disk) = Tmpfs::mount(ref_dir.join("disk"), "256k") else {
        return;
    };
    let refd = RefSessiond::start(&ref_dir, &["--tick-rate", "5000", "--switch-timer", "50"]);
    let calls = std::cell::Cell::new(0);
    let emit = || {
        std::thread::sleep(Duration::from_millis(300));
        // The disk fills by itself; the relay daemon is killed after the first call.
        if matches!(what, Break::Disk) || calls.replace(1) > 0 {
            wait_for("the consumer to fail", Duration::from_secs(30), || {
                lttng_ok(&refd.home, &["list", "f1"]).contains("consumer failed")
            });
        }
    };
    let (ours, ref_list) = break_while_tracing(what, &ref_dir, &refd.home, &emit, &ref_disk.path);
    println!("{what:?}: real {real:?}\nours {ours:?}");

    // The real daemon says nothing until the destroy; the reference daemon shows the failure
    // in `lttng list` and answers it to the next command; both answer the destroy alike.
    assert!(!real_list.contains("consumer failed"), "{real_list}");
    assert!(ref_list.contains("[consumer failed: "), "{ref_list}");
    assert_eq!(real.lines[0].1, Some(0), "{real:?}");
    let (code, text) = match what {
        Break::Relayd => (104, "Error: Unable to connect to lttng-relayd"),
        Break::Disk => (170, "Error: Failed to flush stream buffer"),
    };
    assert_eq!(ours.lines[0], ("stop".into(), Some(code), text.into()));
    let (code, message) = destroy_incomplete("f1");
    let destroy = ("destroy".to_owned(), Some(code), message);
    match what {
        Break::Relayd => assert_eq!(real.lines[1], destroy, "the real daemon"),
        // The real daemon reports a full disk only when its consumer's write fails during the
        // destroy's last flush; when the disk filled earlier, it answers 0 and the end of the
        // trace is lost without a word (which run it is depends on timing).
        Break::Disk => assert!(
            real.lines[1] == destroy
                || real.lines[1] == ("destroy".to_owned(), Some(0), String::new()),
            "the real daemon: {:?}",
            real.lines[1]
        ),
    }
    assert_eq!(ours.lines[1], destroy, "the reference daemon");
}

#[test]
fn relay_daemon_gone_while_tracing_on_both_daemons() {
    compare_failure_while_tracing(Break::Relayd);
}

#[test]
fn full_disk_while_tracing_on_both_daemons() {
    compare_failure_while_tracing(Break::Disk);
}

/// The discarded-event counts babeltrace2 reports for the trace in `dir` (its warnings).
fn babeltrace_discarded(dir: &Path) -> u64 {
    let out = std::process::Command::new("babeltrace2")
        .arg(dir)
        .output()
        .expect("babeltrace2");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter_map(|l| {
            l.split("discarded ")
                .nth(1)?
                .split(' ')
                .next()?
                .parse::<u64>()
                .ok()
        })
        .sum()
}

#[test]
fn events_discarded_while_disabled_are_counted_in_the_trace_and_reported() {
    if !have_all(&["lttng", "lttng-relayd", "babeltrace2", "setpriv"]) {
        return;
    }
    let dir = TestDir::new("switch-discard");
    let a = Relayd::start_tagged(&dir, "a");
    let refd = RefSessiond::start(&dir, &["--tick-rate", "4000", "--switch-timer", "50"]);
    let home = &refd.home;
    let local = dir.subdir("local").join("sd");
    lttng_ok(
        home,
        &["create", "sd", &format!("--set-url={}", a.net_url())],
    );
    start_small_channel(home, &["--num-subbuf=2"]);
    std::thread::sleep(STRETCH);
    consumer_ok(home, &["disable"]);
    // Two small sub-buffers fill in a few tens of milliseconds.
    std::thread::sleep(STRETCH);
    let out = consumer(home, &["enable", &local.display().to_string()]);
    ok_stdout("enable", &out);
    let warning = String::from_utf8_lossy(&out.stderr).into_owned();
    let reported: u64 = warning
        .strip_prefix("Warning: ")
        .and_then(|w| w.split(' ').next()?.parse().ok())
        .unwrap_or_else(|| panic!("no discard warning: {warning:?}"));
    assert!(
        warning.contains("events of session sd were discarded so far"),
        "{warning}"
    );
    std::thread::sleep(STRETCH);
    lttng_ok(home, &["stop"]);
    let listed: u64 = discarded_events(home, "sd")[0]
        .trim_start_matches("Discarded events: ")
        .parse()
        .unwrap();
    lttng_ok(home, &["destroy"]);
    assert!(reported > 0 && listed >= reported, "{reported} {listed}");
    // Every event emitted is in one stretch or counted as discarded, once; each trace counts
    // its own discarded events (babeltrace2 reports them).
    let first = relay_stretches(&a, "sd");
    assert_eq!(first.len(), 1, "{first:?}");
    let mut seqs = tick_seqs(&first[0].1);
    seqs.extend(tick_seqs(&local));
    for w in seqs.windows(2) {
        assert!(w[0] < w[1], "seq not increasing: {w:?}");
    }
    assert_eq!(seqs[0], 0);
    let emitted = seqs.last().unwrap() + 1;
    assert_eq!(
        emitted - seqs.len() as u64,
        listed,
        "missing seqs against lttng list"
    );
    let in_traces = babeltrace_discarded(&first[0].1) + babeltrace_discarded(&local);
    assert_eq!(in_traces, listed, "discarded events the traces report");
    assert_relayd_clean(&a);
    println!(
        "{warning}{listed} discarded in all, {} events in the traces",
        seqs.len()
    );
}
