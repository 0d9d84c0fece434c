//! C programs and our library: where the cdylib and the workspace programs are, building C programs against the real headers, running them on either library.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use super::*;

/// The directory of the cdylib this test run built: cargo builds it next to the test
/// binaries (target/<profile>/deps/) for `cargo test`, and uplifts it to target/<profile>/
/// only for `cargo build`.
pub fn our_lib_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let deps = exe.parent().unwrap().to_path_buf();
    for dir in [deps.clone(), deps.parent().unwrap().to_path_buf()] {
        if dir.join("liblttng_ctl.so").exists() {
            return dir;
        }
    }
    panic!("liblttng_ctl.so not built next to {}", exe.display());
}

/// A program of the workspace (`tools/`: lttng-consumer, lttng-ref-sessiond,
/// lttng-ref-consumerd), as `cargo build` or `cargo test` left it beside our library.
pub fn built_program(name: &str) -> String {
    // Test executables run from target/<profile>/deps; the programs are one level up.
    let exe = std::env::current_exe().unwrap();
    let deps = exe.parent().unwrap();
    let path = [deps.parent().unwrap(), deps]
        .into_iter()
        .map(|d| d.join(name))
        .find(|p| p.exists())
        .unwrap_or_else(|| deps.parent().unwrap().join(name));
    assert!(
        path.exists(),
        "{} is not built: run `cargo build --release` (or `cargo test --release`) at the top of the workspace",
        path.display()
    );
    path.to_string_lossy().into_owned()
}

/// A directory holding `liblttng-ctl.so.0` -> our cdylib, for LD_LIBRARY_PATH.
pub fn our_lib_path(dir: &TestDir) -> PathBuf {
    let lib = dir.subdir("lib");
    let link = lib.join("liblttng-ctl.so.0");
    if !link.exists() {
        std::fs::copy(our_lib_dir().join("liblttng_ctl.so"), &link).unwrap();
        let _ = std::fs::set_permissions(&link, std::fs::Permissions::from_mode(0o755));
        // For programs that use our additions and link to our library by name.
        std::os::unix::fs::symlink("liblttng-ctl.so.0", lib.join("liblttng-ctl.so")).unwrap();
    }
    lib
}

/// Link flags of a program that uses the network-consumer API, which only our library has.
pub fn ours_libs(lib: &Path) -> Vec<String> {
    vec![
        format!("-L{}", lib.display()),
        "-llttng-ctl".into(),
        "-ldl".into(),
        "-lpthread".into(),
    ]
}

/// Compiles C sources (paths relative to the repository) against the real headers and our
/// header. `libs` are the link flags: a control program links the real `-llttng-ctl`, which
/// LD_LIBRARY_PATH replaces with ours at run time.
pub fn compile_c(dir: &TestDir, name: &str, sources: &[&str], libs: &[&str]) -> PathBuf {
    let out = dir.join(name);
    let mut cmd = Command::new(std::env::var("CC").unwrap_or_else(|_| "cc".into()));
    cmd.args(["-std=gnu11", "-Wall", "-Wextra", "-Werror", "-g", "-O1"])
        .arg(format!("-I{}", repo().join("include").display()))
        .arg(format!("-I{}", repo().join("tests/c").display()));
    for s in sources {
        cmd.arg(repo().join(s));
    }
    cmd.arg("-o").arg(&out).args(libs);
    let output = cmd.output().expect("cc");
    assert!(
        output.status.success(),
        "compiling {name} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let _ = std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o755));
    out
}

/// Link flags of a program that uses liblttng-ctl.
pub const CTL_LIBS: &[&str] = &["-llttng-ctl", "-ldl", "-lpthread"];
/// Link flags of a traced application.
pub const UST_LIBS: &[&str] = &["-llttng-ust", "-ldl"];

/// Runs `program` as the test user with `LTTNG_HOME=home`, on our library when `lib` is set
/// (on the system library otherwise), with a time limit.
pub fn run_c(
    program: &Path,
    home: &Path,
    lib: Option<&Path>,
    args: &[&str],
    env: &[(&str, &str)],
) -> Output {
    let mut cmd = as_test_user(program);
    cmd.args(args)
        .env("LTTNG_HOME", home)
        .env_remove("LD_LIBRARY_PATH");
    if let Some(lib) = lib {
        cmd.env("LD_LIBRARY_PATH", lib);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    run_with_timeout(cmd, Duration::from_secs(120))
}

/// How a C test program links: to the real library (upstream API only, replaced by ours at
/// run time through LD_LIBRARY_PATH) or to ours by name (for the network-consumer API).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Link {
    Real,
    Ours,
}

/// A C test program built in its own directory, with an LTTng home for the test user.
pub struct Fixture {
    pub dir: TestDir,
    pub home: PathBuf,
    pub lib: PathBuf,
    pub program: PathBuf,
}

impl Fixture {
    /// Builds `sources` as `tag`; `None` (skip) when the compiler or setpriv is missing
    /// outside CI.
    pub fn build(tag: &str, sources: &[&str], link: Link) -> Option<Fixture> {
        if !have_all(&["cc", "setpriv"]) {
            return None;
        }
        let dir = TestDir::new(tag);
        let home = dir.subdir("home");
        let lib = our_lib_path(&dir);
        let libs = match link {
            Link::Real => CTL_LIBS.iter().map(|s| s.to_string()).collect(),
            Link::Ours => ours_libs(&lib),
        };
        let libs: Vec<&str> = libs.iter().map(String::as_str).collect();
        let program = compile_c(&dir, tag, sources, &libs);
        Some(Fixture {
            dir,
            home,
            lib,
            program,
        })
    }

    /// Runs the program on our library.
    pub fn run_ours(&self, args: &[&str]) -> Output {
        run_c(&self.program, &self.home, Some(&self.lib), args, &[])
    }

    /// Runs the program on our library under valgrind with `options` (and `args`), and
    /// asserts that valgrind ran and found no error.
    pub fn assert_clean_under_valgrind(&self, options: &[&str], args: &[&str]) {
        let mut all = vec!["--error-exitcode=3"];
        all.extend_from_slice(options);
        all.push(self.program.to_str().unwrap());
        all.extend_from_slice(args);
        let out = run_c(
            Path::new("valgrind"),
            &self.home,
            Some(&self.lib),
            &all,
            &[],
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("Memcheck"),
            "valgrind did not run:\n{stderr}"
        );
        assert!(
            stderr.contains("ERROR SUMMARY: 0 errors") && out.status.success(),
            "valgrind found errors ({}):\n{stderr}",
            out.status
        );
    }

    /// Runs the program on the real library (which it then checks it loaded).
    pub fn run_real(&self, args: &[&str]) -> Output {
        run_c(
            &self.program,
            &self.home,
            None,
            args,
            &[("LTTNG_CTL_EXPECT_REAL", "1")],
        )
    }
}
