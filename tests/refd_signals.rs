//! The reference session daemon ends on SIGTERM even when its socket's path is gone (a
//! removed directory, another process's cleanup): its acceptor is woken through the
//! listening socket itself, not through a connection to the path.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::*;

#[test]
fn sigterm_ends_the_daemon_without_its_socket_path() {
    if !have("setpriv") {
        return;
    }
    let dir = TestDir::new("refd-sigterm");
    let mut refd = RefSessiond::start(&dir, &[]);
    std::fs::remove_file(refd.socket()).unwrap();
    let pid = refd.daemon.pid().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let deadline = Instant::now() + Duration::from_secs(5);
    let status = loop {
        if let Some(status) = refd.daemon.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "still running 5 s after SIGTERM:\n{}",
            refd.log_text()
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status}: {}", refd.log_text());
}
