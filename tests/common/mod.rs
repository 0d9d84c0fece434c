//! Test harness: real LTTng daemons run as an unprivileged user in private directories, C
//! programs compiled against the real headers and run on our library.
//!
//! Isolation rules (README.md, "Tests"): every daemon runs as the unprivileged test user,
//! with its own `LTTNG_HOME` and its own ports; processes are started so that their pid is
//! known (`setpriv` execs the daemon) and only those pids are ever signalled.

#![allow(dead_code)]

pub mod copies;
pub mod standin;

pub use copies::*;

use std::ffi::OsStr;
use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

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

fn run_text<I, S>(program: &str, args: I) -> String
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

/// A private directory owned by the test user, removed when dropped.
pub struct TestDir {
    pub path: PathBuf,
}

impl TestDir {
    pub fn new(tag: &str) -> TestDir {
        let base = std::env::temp_dir().join(format!(
            "lttng-ctl-test-{tag}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&base);
        std::fs::create_dir_all(&base).unwrap();
        let dir = TestDir { path: base };
        dir.give_to_test_user(&dir.path);
        dir
    }

    pub fn join(&self, p: &str) -> PathBuf {
        self.path.join(p)
    }

    /// Creates a sub-directory owned by the test user.
    pub fn subdir(&self, name: &str) -> PathBuf {
        let p = self.path.join(name);
        std::fs::create_dir_all(&p).unwrap();
        self.give_to_test_user(&p);
        p
    }

    fn give_to_test_user(&self, p: &Path) {
        let (uid, gid) = test_ids();
        let _ = Command::new("chown")
            .arg(format!("{uid}:{gid}"))
            .arg(p)
            .status();
        let _ = std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755));
    }
}

static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

impl Drop for TestDir {
    fn drop(&mut self) {
        if std::env::var_os("LTTNG_CTL_KEEP_TEST_DIRS").is_none() {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

/// A child process we started, ended by pid (SIGTERM, then SIGKILL) when dropped.
pub struct Daemon {
    pub child: Child,
    pub name: &'static str,
}

impl Daemon {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    pub fn stop(&mut self) {
        if !self.is_running() {
            return;
        }
        let pid = self.pid().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if !self.is_running() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A free TCP port on 127.0.0.1 (bound then released).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Polls `ready` every 50 ms; panics after `timeout`.
pub fn wait_for(what: &str, timeout: Duration, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if ready() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("timed out waiting for {what}");
}

/// A real `lttng-sessiond --no-kernel` running as the test user with its own LTTNG_HOME.
pub struct Sessiond {
    pub home: PathBuf,
    pub daemon: Daemon,
}

impl Sessiond {
    pub fn start(dir: &TestDir) -> Sessiond {
        Sessiond::start_on(dir, None)
    }

    /// A session daemon on the library in `lib` (LD_LIBRARY_PATH), or on the system's.
    pub fn start_on(dir: &TestDir, lib: Option<&Path>) -> Sessiond {
        let home = dir.subdir("home");
        let log = std::fs::File::create(dir.join("sessiond.log")).unwrap();
        let mut cmd = as_test_user("lttng-sessiond");
        cmd.env_remove("LD_LIBRARY_PATH");
        if let Some(lib) = lib {
            cmd.env("LD_LIBRARY_PATH", lib);
        }
        let child = cmd
            .arg("--no-kernel")
            .arg(format!("--agent-tcp-port={}", free_port()))
            .env("LTTNG_HOME", &home)
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("spawn lttng-sessiond");
        let mut daemon = Daemon {
            child,
            name: "lttng-sessiond",
        };
        let socket = home.join(".lttng/client-lttng-sessiond");
        let ust = home.join(".lttng/lttng-ust-sock-8");
        wait_for("lttng-sessiond sockets", Duration::from_secs(20), || {
            assert!(daemon.is_running(), "lttng-sessiond exited early");
            socket.exists()
                && ust.exists()
                && std::os::unix::net::UnixStream::connect(&socket).is_ok()
        });
        Sessiond { home, daemon }
    }
}

/// The (mode, faults.c call) pairs the fault tests run against a `DyingSessiond`: the
/// daemon dies at accept, after the request header, or in the middle of the payload.
pub const DYING_CASES: [(&str, &str); 5] = [
    ("die-at-accept", "list"),
    ("die-after-header", "list"),
    ("die-at-accept", "exclusions"),
    ("die-after-header", "exclusions"),
    ("die-mid-payload", "exclusions"),
];

/// The stand-in daemon of tests/python/dying_sessiond.py on `home`'s client socket, as the
/// test user: it dies (SIGKILL) or goes mute in the middle of the first command, as `mode`
/// says (see the script). Ended by pid when dropped, if still alive.
pub struct DyingSessiond {
    pub daemon: Daemon,
}

impl DyingSessiond {
    pub fn start(home: &Path, mode: &str) -> DyingSessiond {
        let socket = home.join(".lttng/client-lttng-sessiond");
        // A ready file left by the previous stand-in would let the call race ahead.
        let ready = PathBuf::from(format!("{}.ready", socket.display()));
        let _ = std::fs::remove_file(&ready);
        let script = repo_copy(home.parent().unwrap(), "tests/python/dying_sessiond.py");
        let child = as_test_user("/usr/bin/python3")
            .arg(script)
            .arg(&socket)
            .arg(mode)
            .stdin(Stdio::null())
            .spawn()
            .expect("python3");
        let mut daemon = Daemon {
            child,
            name: "dying_sessiond.py",
        };
        wait_for("the stand-in daemon", Duration::from_secs(20), || {
            assert!(daemon.is_running(), "the stand-in daemon exited early");
            ready.exists()
        });
        DyingSessiond { daemon }
    }
}

/// A real `lttng-relayd` on private ports, writing under `output`.
pub struct Relayd {
    pub control_port: u16,
    pub data_port: u16,
    pub live_port: u16,
    pub output: PathBuf,
    pub log: PathBuf,
    pub daemon: Daemon,
}

impl Relayd {
    pub fn start(dir: &TestDir) -> Relayd {
        Relayd::start_writing_to(dir, &dir.subdir("relayd-out"))
    }

    /// A relay daemon writing under `output` (for example a tmpfs directory).
    pub fn start_writing_to(dir: &TestDir, output: &Path) -> Relayd {
        Relayd::spawn(dir, output, "", None)
    }

    /// A relay daemon on the library in `lib` (LD_LIBRARY_PATH).
    pub fn start_on(dir: &TestDir, lib: &Path) -> Relayd {
        Relayd::spawn(dir, &dir.subdir("relayd-out"), "", Some(lib))
    }

    /// One more relay daemon in `dir`: its output, home and log are named after `tag`.
    pub fn start_tagged(dir: &TestDir, tag: &str) -> Relayd {
        Relayd::spawn(
            dir,
            &dir.subdir(&format!("relayd-out-{tag}")),
            &format!("-{tag}"),
            None,
        )
    }

    /// Starts a relay daemon on three free ports. A port found free can be taken by another
    /// test before the daemon binds it (the daemon then exits at once): a few attempts, each
    /// on new ports.
    fn spawn(dir: &TestDir, output: &Path, suffix: &str, lib: Option<&Path>) -> Relayd {
        let output = output.to_path_buf();
        let home = dir.subdir(&format!("relayd-home{suffix}"));
        let log = dir.join(&format!("relayd{suffix}.log"));
        for attempt in 1..=4 {
            let (c, d, l) = (free_port(), free_port(), free_port());
            let file = std::fs::File::create(&log).unwrap();
            let mut cmd = as_test_user("lttng-relayd");
            if let Some(lib) = lib {
                cmd.env("LD_LIBRARY_PATH", lib);
            }
            let child = cmd
                .arg("-C")
                .arg(format!("tcp://127.0.0.1:{c}"))
                .arg("-D")
                .arg(format!("tcp://127.0.0.1:{d}"))
                .arg("-L")
                .arg(format!("tcp://127.0.0.1:{l}"))
                .arg("-o")
                .arg(&output)
                .env("LTTNG_HOME", &home)
                .stdin(Stdio::null())
                .stdout(file.try_clone().unwrap())
                .stderr(file)
                .spawn()
                .expect("spawn lttng-relayd");
            let mut daemon = Daemon {
                child,
                name: "lttng-relayd",
            };
            let deadline = Instant::now() + Duration::from_secs(20);
            let up = loop {
                if !daemon.is_running() {
                    break false;
                }
                if TcpStream::connect(("127.0.0.1", c)).is_ok() {
                    break true;
                }
                assert!(
                    Instant::now() < deadline,
                    "timed out waiting for lttng-relayd ports"
                );
                std::thread::sleep(Duration::from_millis(50));
            };
            if up {
                return Relayd {
                    control_port: c,
                    data_port: d,
                    live_port: l,
                    output,
                    log,
                    daemon,
                };
            }
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            assert!(attempt < 4, "lttng-relayd exited early:\n{text}");
            eprintln!("lttng-relayd exited early (attempt {attempt}), new ports:\n{text}");
        }
        unreachable!("the loop returns or panics")
    }

    /// What the relay daemon printed (errors only, as it runs without -v).
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// The files the relay daemon holds open under `dir`.
    pub fn open_files_under(&self, dir: &Path) -> Vec<PathBuf> {
        std::fs::read_dir(format!("/proc/{}/fd", self.daemon.pid()))
            .map(|fds| {
                fds.flatten()
                    .filter_map(|f| std::fs::read_link(f.path()).ok())
                    .filter(|p| p.starts_with(dir))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn net_url(&self) -> String {
        format!("net://127.0.0.1:{}:{}", self.control_port, self.data_port)
    }
}

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

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
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

/// Runs a command, killing it (by pid) when it outlives `timeout`.
pub fn run_with_timeout(mut cmd: Command, timeout: Duration) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let deadline = Instant::now() + timeout;
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut b);
        b
    });
    let err_reader = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stderr, &mut b);
        b
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let status = child.wait().unwrap();
            let stdout = out_reader.join().unwrap();
            panic!(
                "timed out ({status}); stdout so far:\n{}",
                String::from_utf8_lossy(&stdout)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out_reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
    }
}

/// Asserts success and returns stdout as text.
pub fn ok_stdout(what: &str, out: &Output) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{what} failed ({}):\nstdout:\n{stdout}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// Counts the events babeltrace2 reads in `trace_dir`, returning them as text lines.
pub fn babeltrace_events(trace_dir: &Path) -> Vec<String> {
    let out = Command::new("babeltrace2")
        .arg(trace_dir)
        .output()
        .expect("babeltrace2");
    assert!(
        out.status.success(),
        "babeltrace2 failed on {}: {}",
        trace_dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

/// This machine's host name, as the relay daemon names its output directory.
pub fn hostname() -> String {
    run_text("hostname", std::iter::empty::<&str>())
        .trim()
        .to_owned()
}

/// The single directory under `parent` whose name starts with `prefix`.
pub fn find_dir(parent: &Path, prefix: &str) -> PathBuf {
    let found: Vec<PathBuf> = std::fs::read_dir(parent)
        .unwrap_or_else(|e| panic!("{}: {e}", parent.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one {prefix}* under {}: {found:?}",
        parent.display()
    );
    found.into_iter().next().unwrap()
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

/// The reference session daemon (`lttng-ref-sessiond`) as the test user, with its own
/// `LTTNG_HOME`.
pub struct RefSessiond {
    pub home: PathBuf,
    pub daemon: Daemon,
    pub log: PathBuf,
    /// The copy of the program it runs (in the test's directory).
    pub program: PathBuf,
}

impl RefSessiond {
    pub fn start(dir: &TestDir, args: &[&str]) -> RefSessiond {
        let home = dir.subdir("home");
        let log = dir.join("ref-sessiond.log");
        let file = std::fs::File::create(&log).unwrap();
        let program = dir.ref_sessiond_program();
        let child = as_test_user(&program)
            .args(args)
            .env("LTTNG_HOME", &home)
            .env_remove("LD_LIBRARY_PATH")
            .stdin(Stdio::null())
            .stdout(file.try_clone().unwrap())
            .stderr(file)
            .spawn()
            .expect("spawn lttng-ref-sessiond");
        let mut daemon = Daemon {
            child,
            name: "lttng-ref-sessiond",
        };
        let socket = home.join(".lttng/client-lttng-sessiond");
        wait_for("lttng-ref-sessiond socket", Duration::from_secs(20), || {
            assert!(
                daemon.is_running(),
                "lttng-ref-sessiond exited early: {}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
            std::os::unix::net::UnixStream::connect(&socket).is_ok()
        });
        RefSessiond {
            home,
            daemon,
            log,
            program,
        }
    }

    pub fn socket(&self) -> PathBuf {
        self.home.join(".lttng/client-lttng-sessiond")
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Pids of the consumer daemons it runs.
    pub fn consumer_pids(&self) -> Vec<u32> {
        let pid = self.daemon.pid();
        let mut out = Vec::new();
        if let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) {
            for t in tasks.flatten() {
                let children =
                    std::fs::read_to_string(t.path().join("children")).unwrap_or_default();
                out.extend(
                    children
                        .split_whitespace()
                        .filter_map(|p| p.parse::<u32>().ok()),
                );
            }
        }
        out
    }

    /// Number of TCP sockets the daemon holds.
    pub fn tcp_socket_count(&self) -> usize {
        let pid = self.daemon.pid();
        let inodes: std::collections::HashSet<String> = ["/proc/net/tcp", "/proc/net/tcp6"]
            .iter()
            .flat_map(|f| {
                std::fs::read_to_string(f)
                    .unwrap_or_default()
                    .lines()
                    .skip(1)
                    .map(|l| l.split_whitespace().nth(9).unwrap_or("").to_owned())
                    .collect::<Vec<_>>()
            })
            .collect();
        std::fs::read_dir(format!("/proc/{pid}/fd"))
            .map(|fds| {
                fds.flatten()
                    .filter_map(|f| std::fs::read_link(f.path()).ok())
                    .filter_map(|l| {
                        l.to_string_lossy()
                            .strip_prefix("socket:[")
                            .and_then(|s| s.strip_suffix(']'))
                            .map(str::to_owned)
                    })
                    .filter(|i| inodes.contains(i))
                    .count()
            })
            .unwrap_or(0)
    }
}

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

/// The `seq` values of `ref:tick` events babeltrace2 reads under `dir`, in order.
pub fn tick_seqs(dir: &Path) -> Vec<u64> {
    babeltrace_events(dir)
        .iter()
        .filter(|l| l.contains("ref:tick"))
        .filter_map(|l| {
            l.split("seq = ")
                .nth(1)?
                .split(',')
                .next()?
                .trim()
                .parse()
                .ok()
        })
        .collect()
}

/// Asserts 0, 1, 2, ... without gap or repetition.
pub fn assert_contiguous(seqs: &[u64]) {
    assert!(!seqs.is_empty(), "no ref:tick event in the trace");
    for (i, s) in seqs.iter().enumerate() {
        assert_eq!(*s, i as u64, "seq gap or repetition at position {i}");
    }
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

/// A small tmpfs, unmounted when dropped.
pub struct Tmpfs {
    pub path: PathBuf,
}

impl Tmpfs {
    pub fn mount(path: PathBuf, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(&path).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size},mode=0777")])
            .arg("tmpfs")
            .arg(&path)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            assert!(!in_ci(), "cannot mount a tmpfs (root is needed under CI)");
            eprintln!("SKIP: cannot mount a tmpfs (not root?)");
            return None;
        }
        Some(Tmpfs { path })
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.path).status();
    }
}
