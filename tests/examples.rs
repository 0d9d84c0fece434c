//! The programs under `examples/`, built and run as a user would: the design's chain in C
//! with `struct lttng_uri` and with URL strings, a session lister, and the Python example,
//! against the reference daemon and a real relay daemon (and the chain once against the
//! real session daemon).

mod common;

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use common::*;

fn relay_trace(relayd: &Relayd, session: &str) -> std::path::PathBuf {
    find_dir(&relayd.output.join(hostname()), &format!("{session}-"))
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn consumer_uri_streams_to_a_real_relayd_through_the_reference_daemon() {
    if !have_all(&["lttng-relayd", "babeltrace2"]) {
        return;
    }
    let Some(f) = Fixture::build("ex_uri", &["examples/consumer_uri.c"], Link::Ours) else {
        return;
    };
    let relayd = Relayd::start(&f.dir);
    let refd = RefSessiond::start(&f.dir, &["--tick-rate", "500"]);
    let url = relayd.net_url();
    let out = run_c(
        &f.program,
        &refd.home,
        Some(&f.lib),
        &["exuri", &url, "sleep", "0.6"],
        &[],
    );
    let text = ok_stdout("consumer_uri", &out);
    let (c, d) = (relayd.control_port, relayd.data_port);
    for needle in [
        "library: 2.13.9-lttng-ctl-rs-",
        &format!("[2/6] control URI set to tcp4://127.0.0.1:{c}/"),
        &format!("[2/6] data URI set to tcp4://127.0.0.1:{d}/"),
        "[2/6] consumer enabled",
        "[6/6] session destroyed",
    ] {
        assert!(text.contains(needle), "{needle:?} missing in:\n{text}");
    }
    // Off by default: the library prints nothing.
    assert_eq!(stderr(&out), "");
    let seqs = tick_seqs(&relay_trace(&relayd, "exuri"));
    assert_contiguous(&seqs);
    println!("{text}{} events", seqs.len());

    // A local output, with LTTNG_CTL_DEBUG=1: one line per command and per reply, named.
    let local = f.dir.subdir("local");
    let local_text = local.to_string_lossy().into_owned();
    let out = run_c(
        &f.program,
        &refd.home,
        Some(&f.lib),
        &["exdebug", &local_text, "sleep", "0.3"],
        &[("LTTNG_CTL_DEBUG", "1")],
    );
    let text = ok_stdout("consumer_uri (local, debug)", &out);
    assert!(
        text.contains(&format!("[2/6] local output set to file://{local_text}")),
        "{text}"
    );
    assert_contiguous(&tick_seqs(&local));
    let log = stderr(&out);
    for cmd in [
        "CREATE_SESSION_EXT",
        "SET_CONSUMER_URI",
        "ENABLE_CONSUMER",
        "ENABLE_EVENT",
        "START_TRACE",
        "STOP_TRACE",
        "DATA_PENDING",
        "DESTROY_SESSION",
    ] {
        assert!(
            log.lines()
                .any(|l| l.starts_with("lttng-ctl: ") && l.contains(&format!(": {cmd} "))),
            "{cmd} missing in the debug log:\n{log}"
        );
    }
    assert!(
        log.contains(": DESTROY_SESSION code 10 <- 4+0 bytes"),
        "{log}"
    );
}

#[test]
fn consumer_uri_on_the_real_session_daemon() {
    if !have_all(&["lttng-sessiond", "lttng-relayd", "babeltrace2"]) {
        return;
    }
    let Some(f) = Fixture::build("ex_uri_real", &["examples/consumer_uri.c"], Link::Ours) else {
        return;
    };
    let app = compile_c(&f.dir, "app", &["examples/traced_app.c"], UST_LIBS);
    let relayd = Relayd::start(&f.dir);
    let sessiond = Sessiond::start(&f.dir);
    let app = app.to_string_lossy().into_owned();
    let out = run_c(
        &f.program,
        &sessiond.home,
        Some(&f.lib),
        &["exreal", &relayd.net_url(), &app, "1000"],
        &[],
    );
    let text = ok_stdout("consumer_uri", &out);
    assert!(
        text.contains("the session daemon connects the consumer itself"),
        "{text}"
    );
    let events = babeltrace_events(&relay_trace(&relayd, "exreal"));
    let ticks = events
        .iter()
        .filter(|l| l.contains("lttng_ust_tracef:event"))
        .count();
    assert_eq!(ticks, 1000, "{text}");
}

#[test]
fn consumer_url_with_net_and_with_control_and_data_urls() {
    if !have_all(&["lttng-relayd", "babeltrace2"]) {
        return;
    }
    let Some(f) = Fixture::build("ex_url", &["examples/consumer_url.c"], Link::Ours) else {
        return;
    };
    let relayd = Relayd::start(&f.dir);
    let refd = RefSessiond::start(&f.dir, &["--tick-rate", "500"]);
    let ctrl = format!("tcp://127.0.0.1:{}", relayd.control_port);
    let data = format!("tcp://127.0.0.1:{}", relayd.data_port);
    let net = relayd.net_url();
    for (session, args) in [
        ("exnet", vec![net.as_str(), "-", "sleep", "0.4"]),
        ("excd", vec![ctrl.as_str(), data.as_str(), "sleep", "0.4"]),
    ] {
        let mut all = vec![session];
        all.extend(args);
        let out = run_c(&f.program, &refd.home, Some(&f.lib), &all, &[]);
        let text = ok_stdout("consumer_url", &out);
        assert!(text.contains("consumer enabled"), "{text}");
        assert_contiguous(&tick_seqs(&relay_trace(&relayd, session)));
    }
    // A refusal: the data host must be the control host (the 2.13 URL rules).
    let out = run_c(
        &f.program,
        &refd.home,
        Some(&f.lib),
        &["exbad", &ctrl, "tcp://127.0.0.2:5343"],
        &[],
    );
    assert_eq!(out.status.code(), Some(97), "{out:?}");
    assert!(stderr(&out).contains("Error: lttng_set_consumer_url: "));
}

fn lines_without_library(out: &Output) -> Vec<String> {
    ok_stdout("list_sessions", out)
        .lines()
        .filter(|l| !l.starts_with("library: "))
        .map(str::to_owned)
        .collect()
}

#[test]
fn list_sessions_same_on_both_libraries() {
    if !have_all(&["lttng", "lttng-relayd"]) {
        return;
    }
    // Built against the system library: an existing binary, run on ours by LD_LIBRARY_PATH.
    let Some(f) = Fixture::build("ex_list", &["examples/list_sessions.c"], Link::Real) else {
        return;
    };
    let relayd = Relayd::start(&f.dir);
    let refd = RefSessiond::start(&f.dir, &[]);
    let home = &refd.home;
    let local = f.dir.subdir("local");
    lttng_ok(home, &["create", "none", "--no-output"]);
    lttng_ok(
        home,
        &["create", "loc", &format!("--output={}", local.display())],
    );
    lttng_ok(
        home,
        &["create", "net", &format!("--set-url={}", relayd.net_url())],
    );
    lttng_ok(home, &["enable-event", "-u", "-a", "-s", "net"]);
    lttng_ok(home, &["create", "snap", "--snapshot", "--no-output"]);
    let ours = run_c(&f.program, home, Some(&f.lib), &[], &[]);
    let real = run_c(
        &f.program,
        home,
        None,
        &[],
        &[("LTTNG_CTL_EXPECT_REAL", "1")],
    );
    let text = ok_stdout("list_sessions (ours)", &ours);
    assert!(text.starts_with("library: 2.13.9-lttng-ctl-rs-"), "{text}");
    assert!(ok_stdout("list_sessions (real)", &real).starts_with("library: liblttng-ctl"));
    assert_eq!(lines_without_library(&ours), lines_without_library(&real));
    for needle in [
        "4 sessions",
        "none [inactive] regular\n  output:  none",
        &format!("loc [inactive] regular\n  output:  {}", local.display()),
        &format!(
            "net [inactive] regular\n  output:  tcp4://127.0.0.1:{}/ [data: {}]",
            relayd.control_port, relayd.data_port
        ),
        "snap [inactive] snapshot",
        "  user space domain\n    channel channel0 [enabled]",
        "      event rule * [enabled]",
    ] {
        assert!(text.contains(needle), "{needle:?} missing in:\n{text}");
    }
    println!("{text}");
}

fn python() -> &'static str {
    // Debian's interpreter (a user-local one under /root is not readable by the test user).
    if Path::new("/usr/bin/python3").exists() {
        "/usr/bin/python3"
    } else {
        "python3"
    }
}

#[test]
fn python_example_streams_to_a_real_relayd() {
    if !have_all(&["python3", "lttng-relayd", "babeltrace2", "setpriv"]) {
        return;
    }
    let dir = TestDir::new("ex-python");
    let lib = our_lib_path(&dir).join("liblttng-ctl.so.0");
    let relayd = Relayd::start(&dir);
    let refd = RefSessiond::start(&dir, &["--tick-rate", "500"]);
    let mut cmd = as_test_user(python());
    dir.repo_tree("python/lttng_ctl");
    cmd.arg(dir.repo_file("examples/consumer.py"))
        .arg("--library")
        .arg(&lib)
        .args(["expy", &relayd.net_url(), "0.6"])
        .env("LTTNG_HOME", &refd.home);
    let out = run_with_timeout(cmd, Duration::from_secs(60));
    let text = ok_stdout("consumer.py", &out);
    for needle in [
        "library: 2.13.9-lttng-ctl-rs-",
        &format!(
            "control URI set to tcp4://127.0.0.1:{}/",
            relayd.control_port
        ),
        "consumer enabled",
        &format!(
            "output: tcp4://127.0.0.1:{}/ [data: {}]",
            relayd.control_port, relayd.data_port
        ),
        "done",
    ] {
        assert!(text.contains(needle), "{needle:?} missing in:\n{text}");
    }
    let seqs = tick_seqs(&relay_trace(&relayd, "expy"));
    assert_contiguous(&seqs);
    println!("{text}{} events", seqs.len());
}

#[test]
fn python_module_tests() {
    if !have_all(&["python3", "lttng-relayd", "setpriv"]) {
        return;
    }
    let dir = TestDir::new("py-module");
    let libdir = our_lib_path(&dir);
    let relayd = Relayd::start(&dir);
    let refd = RefSessiond::start(&dir, &[]);
    let mut cmd = as_test_user(python());
    dir.repo_tree("python/lttng_ctl");
    cmd.arg(dir.repo_file("tests/python/test_lttng_ctl.py"))
        .env("LTTNG_HOME", &refd.home)
        .env("LTTNG_CTL_LIBRARY", libdir.join("liblttng-ctl.so.0"))
        .env("LTTNG_CTL_LIBDIR", &libdir)
        .env("RELAY_CTRL", relayd.control_port.to_string())
        .env("RELAY_DATA", relayd.data_port.to_string())
        .env_remove("LD_LIBRARY_PATH");
    let out = run_with_timeout(cmd, Duration::from_secs(120));
    let err = stderr(&out);
    assert!(out.status.success(), "python tests failed:\n{err}");
    assert!(err.contains("OK"), "{err}");
    println!("{err}");
}
