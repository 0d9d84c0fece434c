//! Triggers whose conditions `lttng add-trigger` cannot make (buffer usage high/low, session
//! consumed size, session rotation ongoing/completed), registered through the C API on the
//! real library (tests/c/trigger_setup.c: upstream's trigger constructors exist only there
//! and in the CLI), then listed (with their error counts: one error query per condition,
//! action and trigger) and removed by the real `lttng` CLI on the real library and on ours
//! against one real session daemon: every output must be identical. The event-rule-matches
//! forms are rows of tests/data/cli_scenario.txt.

mod common;

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use common::*;

fn lttng_on(home: &Path, lib: Option<&Path>, args: &[&str]) -> Output {
    let mut cmd = as_test_user("lttng");
    cmd.args(args)
        .env("LTTNG_HOME", home)
        .env_remove("LD_LIBRARY_PATH");
    if let Some(lib) = lib {
        cmd.env("LD_LIBRARY_PATH", lib);
    }
    run_with_timeout(cmd, Duration::from_secs(60))
}

/// Runs a read-only command on both libraries and asserts identical results.
fn same(home: &Path, lib: &Path, args: &[&str]) -> Output {
    let real = lttng_on(home, None, args);
    let ours = lttng_on(home, Some(lib), args);
    assert_eq!(
        (
            ours.status.code(),
            String::from_utf8_lossy(&ours.stdout),
            String::from_utf8_lossy(&ours.stderr)
        ),
        (
            real.status.code(),
            String::from_utf8_lossy(&real.stdout),
            String::from_utf8_lossy(&real.stderr)
        ),
        "`lttng {}` differs (left: ours, right: real)",
        args.join(" ")
    );
    ours
}

#[test]
fn c_api_triggers_list_and_remove_like_the_real_library() {
    if !have_all(&["lttng", "lttng-sessiond", "setpriv", "cc"]) {
        return;
    }
    let dir = TestDir::new("triggers");
    let lib = our_lib_path(&dir);
    let sessiond = Sessiond::start(&dir);
    let home = &sessiond.home;
    let setup = compile_c(
        &dir,
        "trigger_setup",
        &["tests/c/trigger_setup.c"],
        CTL_LIBS,
    );
    let out = run_c(&setup, home, None, &[], &[]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "register bu-high: 10\nregister bu-low: 10\n\
         register bu-kernel: 79\nregister consumed: 10\n\
         register rot-ongoing: 10\nregister (automatic): 10\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let listed = same(home, &lib, &["list-triggers"]);
    let text = String::from_utf8_lossy(&listed.stdout);
    for expected in [
        "condition: buffer usage high",
        "threshold (ratio): 0.25",
        "condition: session consumed size",
        "condition: session rotation ongoing",
        "control url: tcp://127.0.0.1:5342, data url: tcp://127.0.0.1:5343, name: out1, max size: 1234",
        "- name: trigger0",
        "start session `s3`, rate policy: every 4 occurrences",
        "stop session `s1`, rate policy: once after 7 occurrences",
    ] {
        assert!(text.contains(expected), "{expected:?} not in\n{text}");
    }
    // Upstream's CLI aborts in its MI output of rotate-session actions, on both libraries.
    let mi = same(home, &lib, &["--mi", "xml", "list-triggers"]);
    assert_eq!(mi.status.code(), None);

    // Removal through our library, then through the real one.
    same(home, &lib, &["remove-trigger", "nosuch"]);
    let removed = lttng_on(home, Some(&lib), &["remove-trigger", "consumed"]);
    assert_eq!(
        String::from_utf8_lossy(&removed.stdout),
        "Removed trigger `consumed`.\n"
    );
    let mi = same(home, &lib, &["--mi", "xml", "list-triggers"]);
    assert_eq!(mi.status.code(), Some(0));
    let removed = lttng_on(home, None, &["remove-trigger", "bu-high"]);
    assert_eq!(removed.status.code(), Some(0));
    same(home, &lib, &["list-triggers"]);
    same(home, &lib, &["remove-trigger", "bu-high"]);
    for name in ["bu-low", "rot-ongoing", "trigger0"] {
        let out = lttng_on(home, Some(&lib), &["remove-trigger", name]);
        assert_eq!(out.status.code(), Some(0), "remove-trigger {name}");
    }
    let empty = same(home, &lib, &["list-triggers"]);
    assert!(empty.stdout.is_empty());
}
