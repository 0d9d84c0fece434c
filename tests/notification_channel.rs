//! The notification channel against a real session daemon, through tests/c/notification_channel.c
//! on the real library and on ours: the statuses of every entry point (NULL and invalid
//! arguments, subscribe and unsubscribe twice), then one notification of every kind a
//! session daemon produces (buffer usage high and low, session consumed size, rotation
//! ongoing and completed, event rule matches with the captures of a tracef() app), each
//! with its evaluation. The outputs must be identical; the program also runs clean under
//! valgrind on ours. (The queue's order, dropped markers, the daemon going away and the
//! 100-entry limit are `client::notification`'s unit tests, against a stand-in daemon.)

mod common;

use std::path::Path;

use common::*;

/// Creates and starts session `name` (channel "c", every user-space event, output under
/// `output`) with the real CLI.
fn session(home: &Path, name: &str, output: &Path) {
    lttng_ok(
        home,
        &["create", name, &format!("--output={}", output.display())],
    );
    lttng_ok(home, &["enable-channel", "-u", "c", "-s", name]);
    lttng_ok(home, &["enable-event", "-u", "-a", "-c", "c", "-s", name]);
    lttng_ok(home, &["start", name]);
}

/// The program destroyed the session (before unregistering its triggers): it is gone.
fn destroyed(home: &Path, name: &str) {
    let listed = lttng_ok(home, &["list"]);
    assert!(!listed.contains(name), "{name} not destroyed:\n{listed}");
}

fn run(f: &Fixture, app: &Path, name: &str, ours: bool) -> String {
    let output = f.dir.subdir(&format!("trace-{name}"));
    session(&f.home, name, &output);
    let args = [name, app.to_str().unwrap(), output.to_str().unwrap()];
    let out = if ours {
        f.run_ours(&args)
    } else {
        f.run_real(&args)
    };
    let text = ok_stdout(&format!("notification_channel ({name})"), &out);
    destroyed(&f.home, name);
    text.replace(name, "SESSION")
}

#[test]
fn notifications_of_every_kind_as_the_real_library_delivers_them() {
    if !have_all(&["lttng", "lttng-sessiond", "setpriv", "cc"]) {
        return;
    }
    let Some(f) = Fixture::build(
        "notification_channel",
        &["tests/c/notification_channel.c"],
        Link::Real,
    ) else {
        return;
    };
    let _sessiond = Sessiond::start(&f.dir);
    let app = compile_c(&f.dir, "app", &["examples/traced_app.c"], UST_LIBS);

    let real = run(&f, &app, "nc_real", false);
    let ours = run(&f, &app, "nc_ours", true);
    println!("{ours}");
    assert_eq!(ours, real, "outputs differ (left: ours, right: real)");
    for line in [
        "create(command endpoint): NULL",
        "subscribe(ch, invalid): -5",
        "subscribe again: -3",
        "unsubscribe again: -4",
        "has_pending: 0 false",
        "T_high: condition 101, evaluation 101, same condition as trigger: yes",
        "T_low: condition 102, evaluation 102, same condition as trigger: yes",
        "T_consumed: condition 100, evaluation 100, same condition as trigger: yes",
        "T_ongoing: condition 103, evaluation 103, same condition as trigger: yes",
        "T_completed: condition 104, evaluation 104, same condition as trigger: yes",
        "  status 0, captures: ARRAY(3) [STRING \"tick 0\", UNAVAILABLE, UNAVAILABLE]",
        "unsubscribe T_matches again: -4",
    ] {
        assert!(ours.contains(line), "missing {line:?} in:\n{ours}");
    }

    if have("valgrind") {
        let name = "nc_valgrind";
        let output = f.dir.subdir("trace-valgrind");
        session(&f.home, name, &output);
        f.assert_clean_under_valgrind(
            &[
                "--leak-check=full",
                "--errors-for-leak-kinds=definite,indirect,possible",
            ],
            &[name, app.to_str().unwrap(), output.to_str().unwrap()],
        );
        destroyed(&f.home, name);
    }
}

/// The stand-in notification socket (tests/python/notification_standin.py) in `home`, as
/// the test user; ended by pid when dropped.
fn standin(f: &Fixture) -> Daemon {
    let lttng_dir = f.dir.subdir("home/.lttng");
    let socket = lttng_dir.join("sessiond-notification");
    let ready = lttng_dir.join("sessiond-notification.ready");
    let _ = std::fs::remove_file(&ready);
    let script = f.dir.repo_file("tests/python/notification_standin.py");
    let child = as_test_user("/usr/bin/python3")
        .arg(script)
        .arg(&socket)
        .stdin(std::process::Stdio::null())
        .spawn()
        .expect("python3");
    let mut daemon = Daemon {
        child,
        name: "notification_standin.py",
    };
    wait_for(
        "the stand-in notification socket",
        std::time::Duration::from_secs(20),
        || {
            assert!(daemon.is_running(), "the stand-in exited early");
            ready.exists()
        },
    );
    daemon
}

#[test]
fn queue_order_limit_interruption_and_close_as_the_real_library() {
    if !have_all(&["python3", "setpriv", "cc"]) {
        return;
    }
    let Some(f) = Fixture::build(
        "notification_standin",
        &["tests/c/notification_standin.c"],
        Link::Real,
    ) else {
        return;
    };
    let mut outputs = Vec::new();
    for ours in [false, true] {
        let _standin = standin(&f);
        let out = if ours {
            f.run_ours(&[])
        } else {
            f.run_real(&[])
        };
        outputs.push(ok_stdout("notification_standin", &out));
    }
    let (real, ours) = (&outputs[0], &outputs[1]);
    println!("{ours}");
    assert_eq!(ours, real, "outputs differ (left: ours, right: real)");
    assert_eq!(
        ours.as_str(),
        "subscribe -> 0\n\
         queued: has_pending -> 0, true\nqueued: get_next -> 0 N3 id 3\n\
         queued: has_pending -> 0, true\nqueued: get_next -> 1 (NULL)\n\
         queued: has_pending -> 0, true\nqueued: get_next -> 0 N2 id 2\n\
         queued: has_pending -> 0, true\nqueued: get_next -> 0 N1 id 1\n\
         empty: has_pending -> 0, false\n\
         interrupted: get_next -> 2 (NULL)\n\
         subscribe again -> -3\n\
         limit: entry 0: status 0 Q99\n\
         limit: entry 99: status 1 (NULL)\n\
         limit: 100 entries\n\
         unsubscribe -> 0\n\
         blocking: get_next -> 0 N_final id 7\n\
         unsubscribe again -> -4\n\
         malformed: has_pending -> 0, unwritten\n\
         closed: get_next -> -1 (NULL)\n\
         closed: has_pending -> -1, unwritten\n"
    );
    if have("valgrind") {
        let _standin = standin(&f);
        f.assert_clean_under_valgrind(
            &[
                "--leak-check=full",
                "--errors-for-leak-kinds=definite,indirect,possible",
            ],
            &[],
        );
    }
}

#[test]
fn a_program_whose_objects_do_not_match_is_refused_untouched() {
    if !have_all(&["python3", "setpriv", "cc"]) {
        return;
    }
    let mut libs: Vec<&str> = vec!["-rdynamic"];
    libs.extend_from_slice(CTL_LIBS);
    let dir = TestDir::new("fake_host");
    let home = dir.subdir("home");
    let lib = our_lib_path(&dir);
    let program = compile_c(&dir, "fake_host", &["tests/c/fake_host.c"], &libs);
    let f = Fixture {
        dir,
        home,
        lib,
        program,
    };
    let _standin = standin(&f);
    let out = run_c(
        &f.program,
        &f.home,
        Some(&f.lib),
        &[],
        &[("LTTNG_CTL_DEBUG", "1")],
    );
    let text = ok_stdout("fake_host", &out);
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(
        log.contains("triggers absent or not matching, notifications absent or not matching"),
        "{log}"
    );
    assert!(
        text.starts_with("subscribe -> 0\nget_next -> -1 NULL\nsubscribe(program's) -> -5\n"),
        "{text}"
    );
    // The trigger API refuses the program's pointer too (its code, ffi::trigger, decides
    // which error).
    assert!(text.contains("register(program's) -> "), "{text}");
    println!("{text}");
}
