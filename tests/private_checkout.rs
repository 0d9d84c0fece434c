//! The suite does not depend on where it is checked out. Everything a test runs, or has
//! read, as the unprivileged test user (scripts, suppression files, C programs, our library,
//! this package's programs) is copied into that test's own directory first
//! (tests/common/copies.rs), because a clone may lie under a directory that user cannot
//! enter (a `mktemp -d`, a home of mode 700).
//!
//! This test makes that situation and runs representative helpers in it: in a mount
//! namespace of its own, the checkout's parent directory is covered by an empty tmpfs of
//! mode 700 under which the checkout (with target/) is mounted again at the same path, then
//! this test binary runs `helpers_run_from_the_test_dir` there. That test also runs on its
//! own, as any other.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::*;

/// Set in the namespace, for the inner run.
const INNER: &str = "LTTNG_CTL_PRIVATE_CHECKOUT";

const SCENARIO: &str = r#"
set -eu
hold=$(mktemp -d)
mount --bind "$REPO" "$hold"
mount -t tmpfs -o mode=0700 private-checkout "$PARENT"
mkdir -p "$REPO"
mount --bind "$hold" "$REPO"
exec "$TEST_EXE" --exact helpers_run_from_the_test_dir --nocapture --test-threads=1
"#;

#[test]
fn helpers_work_from_a_checkout_others_cannot_enter() {
    if std::env::var_os(INNER).is_some()
        || !running_as_root()
        || !have_all(&["unshare", "setpriv", "cc", "lttng"])
    {
        return;
    }
    let repo = repo();
    let parent = repo.parent().unwrap().to_path_buf();
    let exe = std::env::current_exe().unwrap();
    // The covered directory must hide neither the test directories nor the test binary: a
    // checkout under /tmp (a `mktemp -d`) gets its test directories elsewhere, under a short
    // name (Unix socket paths hold 107 bytes).
    let mut tmp = std::env::temp_dir();
    if tmp.starts_with(&parent) {
        tmp = Path::new("/var/tmp").join(format!("lcp-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&tmp);
        let _ =
            std::fs::set_permissions(&tmp, std::os::unix::fs::PermissionsExt::from_mode(0o1777));
    }
    if parent == Path::new("/") || tmp.starts_with(&parent) || !exe.starts_with(&repo) {
        assert!(
            !in_ci(),
            "CI clones the repository into a directory of its own"
        );
        eprintln!(
            "SKIP: cannot hide {} (its parent holds {} or the test binary {})",
            repo.display(),
            tmp.display(),
            exe.display()
        );
        return;
    }
    let mut cmd = Command::new("unshare");
    cmd.args(["--mount", "--propagation", "private", "sh", "-c", SCENARIO])
        .env("REPO", &repo)
        .env("PARENT", &parent)
        .env("TEST_EXE", &exe)
        .env("TMPDIR", &tmp)
        .env(INNER, "1");
    let out = run_with_timeout(cmd, Duration::from_secs(300));
    if tmp != std::env::temp_dir() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    let text = ok_stdout("the helpers in a private checkout", &out);
    assert!(text.contains("1 passed"), "{text}");
    println!("{text}");
}

/// Representative helpers: our reference daemon and its consumer daemon, a C program on our
/// library, the lttng CLI on our library, a Python script of the checkout, lttng-consumer
/// and valgrind's suppressions, all as the test user.
#[test]
fn helpers_run_from_the_test_dir() {
    if !have_all(&["setpriv", "cc", "lttng", "python3"]) {
        return;
    }
    if std::env::var_os(INNER).is_some() {
        // The situation holds: the test user cannot read the checkout.
        let probe = as_test_user("test")
            .arg("-r")
            .arg(repo().join("Cargo.toml"))
            .status()
            .unwrap();
        assert!(!probe.success(), "the checkout is still readable");
    }
    let dir = TestDir::new("private-checkout");
    let refd = RefSessiond::start(&dir, &[]);
    let f = Fixture::build("private-list", &["examples/list_sessions.c"], Link::Real).unwrap();
    lttng_ok(&refd.home, &["create", "private", "--no-output"]);
    let out = run_c(&f.program, &refd.home, Some(&f.lib), &[], &[]);
    let text = ok_stdout("list_sessions on our library", &out);
    assert!(text.contains("private"), "{text}");

    for handed in [&refd.program, &f.program, &f.lib] {
        assert!(!handed.starts_with(repo()), "{}", handed.display());
    }

    let mut cli = as_test_user("lttng");
    cli.args(["list"])
        .env("LTTNG_HOME", &refd.home)
        .env("LD_LIBRARY_PATH", &f.lib);
    let listed = ok_stdout(
        "lttng list on our library",
        &run_with_timeout(cli, Duration::from_secs(60)),
    );
    assert!(listed.contains("private"), "{listed}");

    let mut consumer = as_test_user(dir.program(&built_program("lttng-consumer")));
    consumer.arg("--version");
    ok_stdout(
        "lttng-consumer --version",
        &run_with_timeout(consumer, Duration::from_secs(60)),
    );

    let stand_in_home = dir.subdir("stand-in");
    let stand_in = DyingSessiond::start(&stand_in_home, "mute");
    drop(stand_in);

    if have("valgrind") {
        let mut valgrind = as_test_user("valgrind");
        valgrind
            .arg("-q")
            .arg(format!(
                "--suppressions={}",
                dir.repo_file("tests/c/valgrind.supp").display()
            ))
            .arg("/bin/true");
        ok_stdout(
            "valgrind with the suppressions",
            &run_with_timeout(valgrind, Duration::from_secs(60)),
        );
    }
}
