//! End to end against the real LTTng 2.13 daemons: a C program built against the real
//! headers runs on our library, streams a traced application's events to a real relay
//! daemon, and babeltrace2 reads every one of them under `<relayd out>/<hostname>/`.

mod common;

use common::*;

const EVENTS: usize = 1000;

struct Setup {
    dir: TestDir,
    relayd: Relayd,
    sessiond: Sessiond,
    e2e: std::path::PathBuf,
    app: std::path::PathBuf,
    lib: std::path::PathBuf,
}

fn setup(tag: &str) -> Option<Setup> {
    if !have_all(&[
        "lttng-sessiond",
        "lttng-relayd",
        "babeltrace2",
        "cc",
        "setpriv",
    ]) {
        return None;
    }
    let dir = TestDir::new(tag);
    let lib = our_lib_path(&dir);
    let e2e = if tag.ends_with("url") {
        let mut flags = vec!["-DNO_DESIGN_API"];
        flags.extend_from_slice(CTL_LIBS);
        compile_c(&dir, "e2e", &["tests/c/e2e.c"], &flags)
    } else {
        let libs = ours_libs(&lib);
        compile_c(
            &dir,
            "e2e",
            &["tests/c/e2e.c"],
            &libs.iter().map(String::as_str).collect::<Vec<_>>(),
        )
    };
    let app = compile_c(&dir, "app", &["examples/traced_app.c"], UST_LIBS);
    let relayd = Relayd::start(&dir);
    let sessiond = Sessiond::start(&dir);
    Some(Setup {
        dir,
        relayd,
        sessiond,
        e2e,
        app,
        lib,
    })
}

/// Checks that the session's trace under the relay daemon's output has every event once.
fn assert_trace_complete(s: &Setup, session: &str) {
    let host_dir = s.relayd.output.join(hostname());
    let trace = find_dir(&host_dir, &format!("{session}-"));
    let lines = babeltrace_events(&trace);
    let ticks: Vec<&String> = lines
        .iter()
        .filter(|l| l.contains("lttng_ust_tracef:event"))
        .collect();
    assert_eq!(
        ticks.len(),
        EVENTS,
        "events read by babeltrace2 in {}",
        trace.display()
    );
    for i in [0, EVENTS / 2, EVENTS - 1] {
        let needle = format!("\"tick {i}\"");
        assert!(
            ticks.iter().any(|l| l.contains(&needle)),
            "missing {needle}"
        );
    }
    println!(
        "{}: {} events under {}",
        session,
        ticks.len(),
        trace.display()
    );
}

#[test]
fn session_url_streams_to_real_relayd() {
    let Some(s) = setup("e2e-url") else { return };
    let out = run_c(
        &s.e2e,
        &s.sessiond.home,
        Some(&s.lib),
        &[
            "url",
            "urlsess",
            &s.relayd.net_url(),
            s.app.to_str().unwrap(),
            &EVENTS.to_string(),
        ],
        &[],
    );
    let stdout = ok_stdout("e2e url", &out);
    let expected = format!(
        "output: tcp4://127.0.0.1:{}/ [data: {}]",
        s.relayd.control_port, s.relayd.data_port
    );
    assert!(stdout.contains(&expected), "{stdout}");
    assert_trace_complete(&s, "urlsess");
    drop(s.dir);
}

#[test]
fn design_uri_api_streams_to_real_relayd() {
    let Some(s) = setup("e2e-uri") else { return };
    let out = run_c(
        &s.e2e,
        &s.sessiond.home,
        Some(&s.lib),
        &[
            "uri",
            "urisess",
            "127.0.0.1",
            &s.relayd.control_port.to_string(),
            &s.relayd.data_port.to_string(),
            s.app.to_str().unwrap(),
            &EVENTS.to_string(),
        ],
        &[],
    );
    ok_stdout("e2e uri", &out);
    assert_trace_complete(&s, "urisess");
}
