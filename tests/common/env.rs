//! What the machine offers and who runs what: CI mode, installed programs, the test user.

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use super::*;

/// Name of the unprivileged user the tests create and run daemons as.
pub const TEST_USER: &str = "lttngtest";

/// True when running under CI (a missing real component is then a failure, not a skip).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Whether a program is installed; under CI a missing one fails the test.
pub fn have(program: &str) -> bool {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {program}"))
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            !in_ci(),
            "{program} is required under CI but is not installed"
        );
        eprintln!("SKIP: {program} not installed (outside CI)");
    }
    found
}

/// Checks that the real LTTng pieces a test needs are installed.
pub fn have_all(programs: &[&str]) -> bool {
    programs.iter().all(|p| have(p))
}

/// The uid and gid the daemons and C programs run as.
pub fn test_ids() -> (u32, u32) {
    static IDS: OnceLock<(u32, u32)> = OnceLock::new();
    *IDS.get_or_init(|| {
        let uid = run_text("id", ["-u"]).trim().parse::<u32>().unwrap();
        if uid != 0 {
            let gid = run_text("id", ["-g"]).trim().parse::<u32>().unwrap();
            return (uid, gid);
        }
        let exists = Command::new("id")
            .arg(TEST_USER)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap()
            .success();
        if !exists {
            let status = Command::new("useradd")
                .args(["-r", "-M", "-s", "/usr/sbin/nologin", TEST_USER])
                .status()
                .expect("useradd");
            // Another test binary may have created it meanwhile.
            assert!(
                status.success()
                    || Command::new("id")
                        .arg(TEST_USER)
                        .status()
                        .unwrap()
                        .success(),
                "could not create the test user"
            );
        }
        let uid = run_text("id", ["-u", TEST_USER]).trim().parse().unwrap();
        let gid = run_text("id", ["-g", TEST_USER]).trim().parse().unwrap();
        (uid, gid)
    })
}

pub fn run_text<I, S>(program: &str, args: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let out = Command::new(program).args(args).output().expect(program);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A command that runs as the test user (through `setpriv`, which execs the program, so the
/// child's pid is the program's pid).
///
/// `program` must not lie in the checkout or target/: they may be out of that user's reach
/// (setpriv would still exec it, being root until the exec, but the program could not read
/// what lies beside it); copy it into the test's directory first (tests/common/copies.rs).
pub fn as_test_user(program: impl AsRef<OsStr>) -> Command {
    let path = Path::new(program.as_ref());
    assert!(
        !path.starts_with(repo()),
        "{} is in the checkout: copy it into the test's directory (TestDir::program, \
         TestDir::repo_file) before running it as the test user",
        path.display()
    );
    let (uid, gid) = test_ids();
    if !running_as_root() {
        return Command::new(program);
    }
    let mut cmd = Command::new("setpriv");
    cmd.arg(format!("--reuid={uid}"))
        .arg(format!("--regid={gid}"))
        .arg("--clear-groups")
        .arg("--")
        .arg(program);
    cmd
}

pub fn running_as_root() -> bool {
    static ROOT: OnceLock<bool> = OnceLock::new();
    *ROOT.get_or_init(|| run_text("id", ["-u"]).trim() == "0")
}

/// A second unprivileged user, member of the test user's group (so that it can reach a
/// 0660 socket of the test user's daemon), for access-control tests.
pub fn other_user() -> (u32, u32) {
    let (_, gid) = test_ids();
    static IDS: OnceLock<(u32, u32)> = OnceLock::new();
    *IDS.get_or_init(|| {
        let name = "lttngtest2";
        if !Command::new("id")
            .arg(name)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap()
            .success()
        {
            let _ = Command::new("useradd")
                .args(["-r", "-M", "-s", "/usr/sbin/nologin", name])
                .status();
        }
        let uid = run_text("id", ["-u", name]).trim().parse().unwrap();
        let own_gid = run_text("id", ["-g", name]).trim().parse().unwrap();
        let _ = gid;
        (uid, own_gid)
    })
}
