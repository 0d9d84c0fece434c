//! The health API (`lttng/health.h`) against real daemons: tests/c/health.c queries a real
//! `lttng-sessiond`, its user-space consumer daemon and a real `lttng-relayd`, then the same
//! once they are gone, and a stand-in daemon that reports threads in bad health; it runs
//! on the real library and on ours, and the outputs must be identical.

mod common;

use std::io::{Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use common::*;

/// Runs the program on both libraries with `args` and asserts identical output; returns it.
fn same(f: &Fixture, args: &[&str]) -> String {
    let real = ok_stdout("health (real library)", &f.run_real(args));
    let ours = ok_stdout("health (ours)", &f.run_ours(args));
    assert_eq!(ours, real, "outputs differ (left: ours, right: real)");
    ours
}

fn assert_has(text: &str, lines: &[&str]) {
    for line in lines {
        assert!(text.lines().any(|l| l == *line), "{line:?} not in:\n{text}");
    }
}

/// A relay daemon's health socket under `home`, once it accepts connections.
fn relayd_health_socket(home: &Path, pid: u32) -> PathBuf {
    let socket = home.join(format!(".lttng/relayd/health-{pid}"));
    wait_for(
        "the relay daemon's health socket",
        Duration::from_secs(20),
        || UnixStream::connect(&socket).is_ok(),
    );
    socket
}

const ARGUMENT_CASES: &[&str] = &[
    "query(NULL)=-22 state(NULL)=-22 nr_threads(NULL)=-22 (-EINVAL=-22)",
    "get_thread(NULL, 0)=NULL thread_state(NULL)=-22 thread_name(NULL)=NULL",
    "relayd NULL path: create: NULL",
    "relayd empty path: query=-22 state=-1 nr_threads=6",
    "relayd missing socket: query=-1 state=-1 nr_threads=6",
    "relayd path of PATH_MAX-1 bytes: query=-1 state=-1 nr_threads=6",
    "relayd path of PATH_MAX bytes: create: NULL",
    "consumerd NR_LTTNG_HEALTH_CONSUMERD: query=-22 state=-1 nr_threads=5",
    "consumerd -1: query=-22 state=-1 nr_threads=5",
    "  [4] Consumer daemon metadata timer: 0",
    "get_thread(h, UINT_MAX)=NULL",
];

#[test]
fn health_of_real_daemons_as_the_real_library_reports_it() {
    if !have_all(&["lttng", "lttng-sessiond", "lttng-relayd", "setpriv", "cc"]) {
        return;
    }
    let Some(f) = Fixture::build("health", &["tests/c/health.c"], Link::Real) else {
        return;
    };
    let mut sessiond = Sessiond::start(&f.dir);
    assert_eq!(sessiond.home, f.home);
    lttng_ok(&f.home, &["create", "h", "--snapshot"]);
    lttng_ok(&f.home, &["enable-event", "-u", "-a"]);
    lttng_ok(&f.home, &["start"]);
    let consumerd = f.home.join(".lttng/ustconsumerd64/health");
    wait_for(
        "the consumer daemon's health socket",
        Duration::from_secs(20),
        || UnixStream::connect(&consumerd).is_ok(),
    );
    let mut relayd = Relayd::start(&f.dir);
    let relayd_home = f.dir.join("relayd-home");
    let relayd_socket = relayd_health_socket(&relayd_home, relayd.daemon.pid());
    let relayd_arg = relayd_socket.to_str().unwrap();

    let alive = same(&f, &[relayd_arg]);
    assert_has(
        &alive,
        &[
            "sessiond: before query: state=-1 nr_threads=12 thread0=0",
            "sessiond: query=0 state=0 nr_threads=12",
            "  [0] Session daemon command: 0",
            "  [8] (NULL): 0",
            "  [11] Session daemon trigger action executor: 0",
            "  [12] past the end: NULL",
            "consumerd ust64: query=0 state=0 nr_threads=5",
            "  [3] Consumer daemon session daemon command manager: 0",
            "consumerd ust32: query=-1 state=-1 nr_threads=5",
            "consumerd kernel: query=-1 state=-1 nr_threads=5",
            "relayd: query=0 state=0 nr_threads=6",
            "  [5] Relay daemon live listener: 0",
        ],
    );
    assert_has(&alive, ARGUMENT_CASES);

    // As root, the library tries the root daemon's socket twice and never the home's.
    let as_root = |lib: Option<&Path>| -> Output {
        let mut cmd = Command::new(&f.program);
        cmd.env("LTTNG_HOME", &f.home).env_remove("LD_LIBRARY_PATH");
        match lib {
            Some(lib) => cmd.env("LD_LIBRARY_PATH", lib),
            None => cmd.env("LTTNG_CTL_EXPECT_REAL", "1"),
        };
        run_with_timeout(cmd, Duration::from_secs(60))
    };
    if running_as_root() {
        let real = ok_stdout("health as root (real library)", &as_root(None));
        let ours = ok_stdout("health as root (ours)", &as_root(Some(&f.lib)));
        assert_eq!(
            ours, real,
            "as root: outputs differ (left: ours, right: real)"
        );
        if !Path::new("/var/run/lttng/sessiond-health").exists() {
            assert_has(&ours, &["sessiond: query=-1 state=-1 nr_threads=12"]);
        }
    }

    // Dead daemons: no answer on either library.
    lttng_ok(&f.home, &["destroy", "h"]);
    sessiond.daemon.stop();
    relayd.daemon.stop();
    wait_for("the consumer daemon's end", Duration::from_secs(20), || {
        UnixStream::connect(&consumerd).is_err()
    });
    let dead = same(&f, &[relayd_arg]);
    assert_has(
        &dead,
        &[
            "sessiond: query=-1 state=-1 nr_threads=12",
            "consumerd ust64: query=-1 state=-1 nr_threads=5",
            "relayd: query=-1 state=-1 nr_threads=6",
            "  [2] Relay daemon listener: 0",
        ],
    );
}

/// A stand-in relay daemon: answers every health check with `bad_threads`; returns the
/// requests it received when `stop` is connected to.
fn stand_in(socket: &Path, bad_threads: u64) -> std::thread::JoinHandle<Vec<[u8; 4]>> {
    let listener = UnixListener::bind(socket).unwrap();
    std::fs::set_permissions(socket, std::fs::Permissions::from_mode(0o777)).unwrap();
    std::thread::spawn(move || {
        let mut requests = Vec::new();
        for stream in listener.incoming() {
            let mut stream = stream.unwrap();
            let mut request = [0u8; 4];
            if stream.read_exact(&mut request).is_err() {
                break; // the test's own connection: stop
            }
            requests.push(request);
            stream.write_all(&bad_threads.to_ne_bytes()).unwrap();
        }
        requests
    })
}

#[test]
fn threads_in_bad_health_as_the_real_library_reports_them() {
    if !have_all(&["setpriv", "cc"]) {
        return;
    }
    let Some(f) = Fixture::build("health_bad", &["tests/c/health.c"], Link::Real) else {
        return;
    };
    let socket = f.dir.subdir("standin").join("health-1");
    let server = stand_in(&socket, 0b10_0101);
    let out = same(&f, &[socket.to_str().unwrap()]);
    drop(UnixStream::connect(&socket).unwrap());
    assert_eq!(server.join().unwrap(), [[0u8; 4]; 2], "one check per run");
    assert_has(
        &out,
        &[
            "relayd: query=0 state=-1 nr_threads=6",
            "  [0] Relay daemon dispatcher: -1",
            "  [1] Relay daemon worker: 0",
            "  [2] Relay daemon listener: -1",
            "  [3] Relay daemon live dispatcher: 0",
            "  [5] Relay daemon live listener: -1",
        ],
    );
    assert_has(&out, ARGUMENT_CASES);

    // The objects and their threads, created, lent, refused and released, under valgrind.
    if !have("valgrind") {
        return;
    }
    f.assert_clean_under_valgrind(
        &["--leak-check=full", "--errors-for-leak-kinds=definite"],
        &[],
    );
}
