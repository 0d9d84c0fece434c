//! The real `lttng` CLI and this project's `lttng-consumer`, run as the test user.

use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

use super::*;

/// Runs the real `lttng` CLI (on the real library) as the test user against `home`.
pub fn lttng(home: &Path, args: &[&str]) -> Output {
    let mut cmd = as_test_user("lttng");
    cmd.args(args)
        .env("LTTNG_HOME", home)
        .env_remove("LD_LIBRARY_PATH");
    run_with_timeout(cmd, Duration::from_secs(60))
}

/// Runs `lttng` and asserts success; returns stdout.
pub fn lttng_ok(home: &Path, args: &[&str]) -> String {
    let out = lttng(home, args);
    ok_stdout(&format!("lttng {}", args.join(" ")), &out)
}

/// Runs this project's `lttng-consumer` as the test user against `home` (on this library),
/// with `env` added and without the debug variable unless `env` sets it.
pub fn lttng_consumer(home: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let program = program_copy(home.parent().unwrap(), &built_program("lttng-consumer"));
    let mut cmd = as_test_user(program);
    cmd.args(args)
        .env("LTTNG_HOME", home)
        .env_remove("LTTNG_CTL_DEBUG")
        .env_remove("LD_LIBRARY_PATH");
    for (k, v) in env {
        cmd.env(k, v);
    }
    run_with_timeout(cmd, Duration::from_secs(60))
}

/// Creates channel `c` with 4 KiB sub-buffers (and `attrs`), enables every user-space
/// event in it, and starts the current session.
pub fn start_small_channel(home: &Path, attrs: &[&str]) {
    let mut args = vec!["enable-channel", "-u", "c", "--subbuf-size=4096"];
    args.extend_from_slice(attrs);
    lttng_ok(home, &args);
    lttng_ok(home, &["enable-event", "-u", "-a", "-c", "c"]);
    lttng_ok(home, &["start"]);
}

/// Runs `lttng`, asserts that it fails with `code` and that stderr contains `needle`;
/// returns stderr.
pub fn lttng_fails(home: &Path, args: &[&str], code: i32, needle: &str) -> String {
    let out = lttng(home, args);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(code),
        "lttng {}: stdout:\n{}\nstderr:\n{err}",
        args.join(" "),
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(err.contains(needle), "{needle:?} missing in:\n{err}");
    err
}

/// The message and exit code of a destroy whose trace is incomplete (the consumer stopped
/// writing): the real 2.13 daemon's, which the reference daemon gives too.
pub fn destroy_incomplete(session: &str) -> (i32, String) {
    (
        141,
        format!(
            "Error: Rotation failure on consumer during the destruction of session \"{session}\""
        ),
    )
}

/// Runs the real `lttng` CLI as the second user (with the test user's group as a
/// supplementary group) against `home`.
pub fn lttng_as_other(home: &Path, args: &[&str]) -> Output {
    let (uid, gid) = other_user();
    let (_, test_gid) = test_ids();
    let mut cmd = Command::new("setpriv");
    cmd.arg(format!("--reuid={uid}"))
        .arg(format!("--regid={gid}"))
        .arg(format!("--groups={test_gid}"))
        .arg("--")
        .arg("lttng")
        .args(args)
        .env("LTTNG_HOME", home)
        .env_remove("LD_LIBRARY_PATH");
    run_with_timeout(cmd, Duration::from_secs(60))
}
