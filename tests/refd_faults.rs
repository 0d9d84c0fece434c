//! The reference daemons under faults and hostile clients: relay data port closed, relayd
//! killed while streaming, consumer killed, garbage and stalled clients, other users.

mod common;

use std::io::Write;
use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

use common::*;
use lttng_ctl::proto::sessiond::{Command, REPLY_HEADER_LEN, ReplyHeader, Request, union_offsets};
use lttng_ctl::transport::unix::Connection;

fn started_network_session(dir: &TestDir, tag: &str) -> Option<(Relayd, RefSessiond)> {
    if !have_all(&["lttng", "lttng-relayd", "babeltrace2", "setpriv"]) {
        return None;
    }
    let relayd = Relayd::start(dir);
    let refd = RefSessiond::start(dir, &["--tick-rate", "500"]);
    lttng_ok(
        &refd.home,
        &["create", tag, &format!("--set-url={}", relayd.net_url())],
    );
    lttng_ok(&refd.home, &["enable-event", "-u", "-a"]);
    lttng_ok(&refd.home, &["start"]);
    std::thread::sleep(Duration::from_millis(500));
    Some((relayd, refd))
}

fn wait_until(what: &str, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if f() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("timed out waiting for {what}");
}

#[test]
fn relayd_killed_while_streaming() {
    let dir = TestDir::new("fault-relayd");
    let Some((mut relayd, mut refd)) = started_network_session(&dir, "rk") else {
        return;
    };
    relayd.daemon.stop();
    wait_until("the consumer to report", || {
        lttng_ok(&refd.home, &["list"]).contains("consumer failed")
    });
    assert!(
        refd.daemon.is_running(),
        "the session daemon died with its consumer"
    );
    assert!(lttng_ok(&refd.home, &["status"]).contains("consumer failed"));
    // The next command says it, once; the destroy as the real daemon does.
    lttng_fails(
        &refd.home,
        &["stop"],
        104,
        "Error: Unable to connect to lttng-relayd",
    );
    let (code, message) = destroy_incomplete("rk");
    lttng_fails(&refd.home, &["destroy"], code, &message);
    assert!(
        refd.log_text().contains("consumer failed"),
        "{}",
        refd.log_text()
    );
    assert!(refd.consumer_pids().is_empty());
    lttng_ok(&refd.home, &["list"]);
}

#[test]
fn consumer_killed() {
    let dir = TestDir::new("fault-consumer");
    let Some((_relayd, mut refd)) = started_network_session(&dir, "ck") else {
        return;
    };
    let consumers = refd.consumer_pids();
    assert_eq!(consumers.len(), 1, "one consumer per session output");
    std::process::Command::new("kill")
        .args(["-KILL", &consumers[0].to_string()])
        .status()
        .unwrap();
    wait_until("the daemon to notice", || {
        lttng_ok(&refd.home, &["list", "ck"]).contains("consumer failed")
    });
    assert!(refd.daemon.is_running());
    // The real daemon's answer when its consumer daemon is gone.
    lttng_fails(&refd.home, &["stop"], 98, "Error: No UST consumer detected");
    let (code, message) = destroy_incomplete("ck");
    lttng_fails(&refd.home, &["destroy"], code, &message);
    assert!(refd.daemon.is_running());
    assert!(!lttng_ok(&refd.home, &["list"]).contains("ck"));
}

fn raw_connect(refd: &RefSessiond) -> Connection {
    Connection::from_stream(UnixStream::connect(refd.socket()).unwrap())
}

fn raw_request(refd: &RefSessiond, req: &Request) -> ReplyHeader {
    let conn = raw_connect(refd);
    conn.send_with_credentials(&req.encode_header()).unwrap();
    conn.send(&req.payload).unwrap();
    let mut b = [0u8; REPLY_HEADER_LEN];
    conn.recv_exact(&mut b).unwrap();
    ReplyHeader::decode(&b)
}

#[test]
fn hostile_clients_are_dropped_without_blocking_others() {
    if !have_all(&["lttng", "setpriv"]) {
        return;
    }
    let dir = TestDir::new("fault-hostile");
    let refd = RefSessiond::start(&dir, &[]);
    lttng_ok(&refd.home, &["create", "h1", "--no-output"]);

    // A truncated header, then close.
    let mut s = UnixStream::connect(refd.socket()).unwrap();
    s.write_all(&[1, 2, 3]).unwrap();
    drop(s);
    // A header announcing more payload than the protocol allows: dropped, no reply.
    let huge = Request::new(Command::CreateSessionExt)
        .with_union_bytes(union_offsets::DESCRIPTOR_SIZE, &(1u64 << 40).to_ne_bytes());
    let conn = raw_connect(&refd);
    conn.send_with_credentials(&huge.encode_header()).unwrap();
    let mut b = [0u8; 1];
    assert_eq!(
        conn.recv_some(&mut b).unwrap_or(0),
        0,
        "an oversized request must be dropped"
    );
    // A client that announces a payload and never sends it stays pending...
    let stalled = raw_connect(&refd);
    let uri = Request::new(Command::SetConsumerUri)
        .with_session("h1")
        .with_union_u32(0, 1);
    stalled.send_with_credentials(&uri.encode_header()).unwrap();
    // ...while others are served at once.
    let t = Instant::now();
    assert!(lttng_ok(&refd.home, &["list"]).contains("h1"));
    assert!(
        t.elapsed() < Duration::from_secs(3),
        "a stalled client blocked the daemon"
    );
    // Random requests get an answer or are dropped; the daemon keeps serving.
    let mut seed = 0x1234_5678u64;
    for _ in 0..200 {
        let mut header = vec![0u8; lttng_ctl::proto::sessiond::REQUEST_HEADER_LEN];
        for byte in header.iter_mut().step_by(7) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            *byte = seed as u8;
        }
        header[0..4].copy_from_slice(&((seed % 60) as u32).to_ne_bytes());
        let conn = raw_connect(&refd);
        let _ = conn.send_with_credentials(&header);
        let _ = conn.stream().shutdown(std::net::Shutdown::Write);
        let mut reply = [0u8; 24];
        let _ = conn.recv_exact(&mut reply);
    }
    // Unknown ids answer "undefined command"; a known id on a missing session, "not found".
    assert_eq!(
        raw_request(
            &refd,
            &Request {
                cmd: 1000,
                ..Request::new(Command::ListSessions)
            }
        )
        .ret_code,
        12
    );
    assert_eq!(
        raw_request(
            &refd,
            &Request::new(Command::StartTrace).with_session("nosuch")
        )
        .ret_code,
        23
    );
    assert!(lttng_ok(&refd.home, &["list"]).contains("h1"));
    drop(stalled);
}

#[test]
fn sessions_belong_to_their_owner() {
    if !have_all(&["lttng", "setpriv"]) {
        return;
    }
    let dir = TestDir::new("fault-owner");
    let refd = RefSessiond::start(&dir, &[]);
    lttng_ok(&refd.home, &["create", "mine", "--no-output"]);
    // Another user (who can reach the socket through the group) neither sees nor controls it.
    let theirs = lttng_as_other(&refd.home, &["list"]);
    assert!(
        !String::from_utf8_lossy(&theirs.stdout).contains("mine"),
        "{theirs:?}"
    );
    let destroy = lttng_as_other(&refd.home, &["destroy", "mine"]);
    assert!(!destroy.status.success());
    assert!(lttng_ok(&refd.home, &["list"]).contains("mine"));
    // Root sees and controls every session.
    let start = raw_request(
        &refd,
        &Request::new(Command::DataPending).with_session("mine"),
    );
    assert_eq!(start.ret_code, 10);
}
