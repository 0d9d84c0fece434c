//! The daemons the tests start: real lttng-sessiond and lttng-relayd, the reference daemon, a dying stand-in.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use super::*;

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
