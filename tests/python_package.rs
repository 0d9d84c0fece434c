//! The Python package (`python/`): built as a wheel and installed into a fresh virtual
//! environment of Debian's python3, type-checked (mypy --strict), then its pytest suite
//! (`python/tests`) run against the real lttng-sessiond, a real lttng-relayd and
//! lttng-ref-sessiond, all as the unprivileged test user with their own homes and ports:
//! once on this library (`LTTNG_CTL_LIBRARY`), once on the system's liblttng-ctl (the
//! network-consumer calls then raise NotLttngCtlError, the rest works the same).
//! `pip install ./python` into a second environment is checked too.
//!
//! pip fetches setuptools (the build backend), pytest and mypy from PyPI. Under CI a
//! missing piece (python3-venv, the network, a daemon) fails the test; elsewhere it skips.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

/// Debian's interpreter (a user-local one under /root is not readable by the test user).
const PYTHON: &str = "/usr/bin/python3";

fn crate_version() -> String {
    let manifest = std::fs::read_to_string(repo().join("Cargo.toml")).unwrap();
    manifest
        .lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .expect("version in Cargo.toml")
        .to_owned()
}

/// `__version__` of python/lttng_ctl/_version.py, the package's version (pyproject.toml
/// reads it: `dynamic = ["version"]`).
fn package_version() -> String {
    let text = std::fs::read_to_string(repo().join("python/lttng_ctl/_version.py")).unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix("__version__ = \""))
        .and_then(|v| v.strip_suffix('"'))
        .expect("__version__ in python/lttng_ctl/_version.py")
        .to_owned()
}

#[test]
fn python_package_version_is_the_crates() {
    assert_eq!(package_version(), crate_version());
    let pyproject = std::fs::read_to_string(repo().join("python/pyproject.toml")).unwrap();
    assert!(pyproject.contains("dynamic = [\"version\"]"), "{pyproject}");
    assert!(
        pyproject.contains("version = { attr = \"lttng_ctl._version.__version__\" }"),
        "{pyproject}"
    );
    assert!(repo().join("python/lttng_ctl/py.typed").is_file());
}

/// Runs `program` as the test user with `env`, without LD_LIBRARY_PATH, in `cwd`.
fn run_as_user(
    program: &Path,
    args: &[&str],
    cwd: &Path,
    env: &[(&str, String)],
    timeout: u64,
) -> Output {
    let mut cmd = as_test_user(program);
    cmd.args(args)
        .current_dir(cwd)
        .env_remove("LD_LIBRARY_PATH");
    for (k, v) in env {
        cmd.env(k, v);
    }
    run_with_timeout(cmd, Duration::from_secs(timeout))
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A step that needs python3-venv or PyPI: its failure fails under CI, else skips.
fn needed(what: &str, out: &Output) -> bool {
    if out.status.success() {
        return true;
    }
    assert!(
        !in_ci(),
        "{what} failed (required under CI):\n{}",
        text(out)
    );
    eprintln!("SKIP: {what} failed (outside CI):\n{}", text(out));
    false
}

fn chown_tree(path: &Path) {
    let (uid, gid) = test_ids();
    let status = Command::new("chown")
        .arg("-R")
        .arg(format!("{uid}:{gid}"))
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

struct Venv {
    dir: PathBuf,
}

impl Venv {
    fn bin(&self, name: &str) -> PathBuf {
        self.dir.join("bin").join(name)
    }
}

#[test]
fn python_package_builds_installs_and_passes_its_tests() {
    if !have_all(&["lttng-sessiond", "lttng-relayd", "setpriv", "cc"]) {
        return;
    }
    if !Path::new(PYTHON).exists() {
        assert!(!in_ci(), "{PYTHON} is required under CI");
        eprintln!("SKIP: {PYTHON} not installed");
        return;
    }
    let dir = TestDir::new("pypkg");
    let src = dir.repo_tree("python");
    let examples = dir.repo_tree("examples");
    let pyhome = dir.subdir("pyhome");
    let dist = dir.subdir("dist");
    let work = dir.subdir("work");
    chown_tree(&dir.path);
    let pip_env = vec![
        ("HOME", pyhome.display().to_string()),
        ("PIP_DISABLE_PIP_VERSION_CHECK", "1".to_owned()),
        ("PIP_NO_INPUT", "1".to_owned()),
    ];

    // A fresh environment; the wheel built from python/ (setuptools from PyPI).
    let venv = Venv {
        dir: dir.join("venv"),
    };
    let made = run_as_user(
        Path::new(PYTHON),
        &["-m", "venv", venv.dir.to_str().unwrap()],
        &dir.path,
        &pip_env,
        300,
    );
    if !needed("python3 -m venv (python3-venv)", &made) {
        return;
    }
    let pip = venv.bin("pip");
    let built = run_as_user(
        &pip,
        &[
            "wheel",
            "--no-deps",
            "-w",
            dist.to_str().unwrap(),
            src.to_str().unwrap(),
        ],
        &dir.path,
        &pip_env,
        600,
    );
    if !needed("pip wheel ./python", &built) {
        return;
    }
    let version = crate_version();
    let wheel = dist.join(format!("lttng_ctl-{version}-py3-none-any.whl"));
    assert!(wheel.is_file(), "no {}:\n{}", wheel.display(), text(&built));
    let listing = run_as_user(
        &venv.bin("python"),
        &[
            "-c",
            "import sys, zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))",
            wheel.to_str().unwrap(),
        ],
        &dir.path,
        &pip_env,
        60,
    );
    let names = ok_stdout("wheel listing", &listing);
    for f in [
        "lttng_ctl/__init__.py",
        "lttng_ctl/py.typed",
        "lttng_ctl/trigger.py",
    ] {
        assert!(
            names.lines().any(|l| l == f),
            "{f} not in the wheel:\n{names}"
        );
    }
    assert!(!names.contains("tests/"), "tests in the wheel:\n{names}");
    let installed = run_as_user(
        &pip,
        &["install", wheel.to_str().unwrap(), "pytest", "mypy"],
        &dir.path,
        &pip_env,
        600,
    );
    if !needed("pip install (the wheel, pytest, mypy)", &installed) {
        return;
    }

    // The type hints hold (the installed package, py.typed included).
    let mypy = run_as_user(
        &venv.bin("python"),
        &[
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "-p",
            "lttng_ctl",
        ],
        &dir.path,
        &pip_env,
        600,
    );
    assert!(mypy.status.success(), "mypy --strict:\n{}", text(&mypy));
    println!("mypy: {}", String::from_utf8_lossy(&mypy.stdout).trim());

    // `pip install ./python` works too, in another fresh environment.
    let venv2 = Venv {
        dir: dir.join("venv2"),
    };
    let made2 = run_as_user(
        Path::new(PYTHON),
        &["-m", "venv", venv2.dir.to_str().unwrap()],
        &dir.path,
        &pip_env,
        300,
    );
    assert!(made2.status.success(), "{}", text(&made2));
    let direct = run_as_user(
        &venv2.bin("pip"),
        &["install", src.to_str().unwrap()],
        &dir.path,
        &pip_env,
        600,
    );
    if !needed("pip install ./python", &direct) {
        return;
    }
    let imported = run_as_user(
        &venv2.bin("python"),
        &[
            "-c",
            "import lttng_ctl, sys; print(lttng_ctl.__version__); \
             print(lttng_ctl.__file__.startswith(sys.prefix))",
        ],
        &dir.path,
        &pip_env,
        60,
    );
    assert_eq!(
        ok_stdout("import from pip install ./python", &imported),
        format!("{version}\nTrue\n")
    );

    // The traced applications, the daemons.
    let tracef_app = compile_c(&dir, "traced_app", &["examples/traced_app.c"], UST_LIBS);
    let capture_app = compile_c(
        &dir,
        "py_capture_app",
        &["tests/c/py_capture_app.c"],
        UST_LIBS,
    );
    let lib = our_lib_path(&dir).join("liblttng-ctl.so.0");
    let relayd = Relayd::start(&dir);
    let sessiond = Sessiond::start(&dir);
    let refdir = TestDir::new("pypkg-ref");
    let refd = RefSessiond::start(&refdir, &["--tick-rate", "500"]);
    let relay_health = dir.join(&format!(
        "relayd-home/.lttng/relayd/health-{}",
        relayd.daemon.pid()
    ));
    wait_for(
        "the relay daemon's health socket",
        Duration::from_secs(20),
        || relay_health.exists(),
    );

    for mode in ["ours", "system"] {
        let mut env = pip_env.clone();
        env.extend([
            ("LTTNG_HOME", sessiond.home.display().to_string()),
            ("LTTNG_CTL_TEST_MODE", mode.to_owned()),
            ("LTTNG_CTL_TEST_OURS", lib.display().to_string()),
            ("LTTNG_CTL_TEST_CRATE_VERSION", version.clone()),
            ("LTTNG_CTL_TEST_INSTALLED", "1".to_owned()),
            ("LTTNG_CTL_TEST_REF_HOME", refd.home.display().to_string()),
            (
                "LTTNG_CTL_TEST_RELAY",
                format!(
                    "{}:{}:{}",
                    relayd.control_port, relayd.data_port, relayd.live_port
                ),
            ),
            (
                "LTTNG_CTL_TEST_RELAY_HEALTH",
                relay_health.display().to_string(),
            ),
            (
                "LTTNG_CTL_TEST_TRACEF_APP",
                tracef_app.display().to_string(),
            ),
            (
                "LTTNG_CTL_TEST_CAPTURE_APP",
                capture_app.display().to_string(),
            ),
            ("LTTNG_CTL_TEST_EXAMPLES", examples.display().to_string()),
            ("LTTNG_CTL_TEST_WORK", work.display().to_string()),
        ]);
        if mode == "ours" {
            env.push(("LTTNG_CTL_LIBRARY", lib.display().to_string()));
        }
        let mut cmd = as_test_user(venv.bin("python"));
        cmd.args(["-m", "pytest", "-p", "no:cacheprovider", "-rs", "-v"])
            .arg(src.join("tests"))
            .current_dir(&dir.path)
            .env_remove("LD_LIBRARY_PATH")
            .env_remove("LTTNG_CTL_LIBRARY");
        for (k, v) in &env {
            cmd.env(k, v);
        }
        let out = run_with_timeout(cmd, Duration::from_secs(900));
        let report = text(&out);
        println!("=== pytest on {mode} library ===\n{report}");
        assert!(
            out.status.success(),
            "pytest on the {mode} library failed:\n{report}\nsessiond log: {}",
            std::fs::read_to_string(dir.join("sessiond.log")).unwrap_or_default()
        );
    }
    drop(refd);
}
