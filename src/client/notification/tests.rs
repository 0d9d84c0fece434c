//! The channel against a stand-in daemon (a thread on a socket pair): the fact sheet's
//! fake-endpoint run (queue order, dropped markers, close), handshakes, the queue's limit,
//! and what does not decode.

use super::*;
use crate::model::trigger::{Action, RatePolicy, Trigger};
use crate::proto::trigger::encode_trigger;
use std::io::{Read, Write};
use std::os::unix::net::UnixStream;

fn message(kind: i8, payload: &[u8]) -> Vec<u8> {
    let mut out = Header {
        kind,
        size: payload.len() as u32,
        fds: 0,
    }
    .encode()
    .to_vec();
    out.extend_from_slice(payload);
    out
}

/// A NOTIFICATION for a consumed-size trigger named `name`, evaluated at `consumed`.
fn notification(name: &str, consumed: u64) -> Vec<u8> {
    let trigger = encode_trigger(&Trigger {
        uid: 1000,
        name: Some(name.into()),
        is_hidden: false,
        condition: Condition::ConsumedSize {
            threshold: 10,
            session: "s".into(),
        },
        action: Action::Notify(RatePolicy { once: false, n: 1 }),
    });
    let mut evaluation = vec![100u8];
    evaluation.extend(consumed.to_ne_bytes());
    let mut payload = ((trigger.len() + evaluation.len()) as u32)
        .to_ne_bytes()
        .to_vec();
    payload.extend(trigger);
    payload.extend(evaluation);
    message(4, &payload)
}

const DROPPED: [u8; 9] = [5, 0, 0, 0, 0, 0, 0, 0, 0];

fn reply(status: i8) -> Vec<u8> {
    message(3, &[status as u8])
}

fn handshake_answer(major: u8) -> Vec<u8> {
    let mut out = message(0, &[major, 1]);
    out.extend(reply(0));
    out
}

/// Reads one client message (header and payload).
fn read_message(s: &mut UnixStream) -> (i8, Vec<u8>) {
    let mut head = [0u8; MESSAGE_HEADER_LEN];
    s.read_exact(&mut head).unwrap();
    let h = Header::decode(&head).unwrap();
    let mut payload = vec![0u8; h.size as usize];
    s.read_exact(&mut payload).unwrap();
    (h.kind, payload)
}

/// A channel whose daemon is `daemon`, run on the other end after the handshake.
fn channel_with(daemon: impl FnOnce(UnixStream) + Send + 'static) -> Channel {
    let (client, mut server) = UnixStream::pair().unwrap();
    std::thread::spawn(move || {
        let (kind, payload) = read_message(&mut server);
        assert_eq!((kind, payload), (0, vec![1, 1]), "the client's handshake");
        server.write_all(&handshake_answer(1)).unwrap();
        daemon(server);
    });
    Channel::handshake(Connection::from_stream(client)).expect("handshake")
}

fn trigger_name(n: &Next) -> String {
    match n {
        Next::Notification(r) => r.notification.trigger.name.clone().unwrap(),
        Next::Dropped => "DROPPED".into(),
    }
}

#[test]
fn the_fake_endpoint_run_of_the_fact_sheet() {
    // N1, N2, DROPPED, N3 arrive before the reply; N4 later; then the daemon closes.
    let (go, wait) = std::sync::mpsc::channel::<()>();
    let ch = channel_with(move |mut s| {
        let (kind, _) = read_message(&mut s);
        assert_eq!(kind, 1);
        let mut burst = notification("N1", 1);
        burst.extend(notification("N2", 2));
        burst.extend(DROPPED);
        burst.extend(notification("N3", 3));
        burst.extend(reply(0));
        s.write_all(&burst).unwrap();
        wait.recv().unwrap();
        s.write_all(&notification("N4", 4)).unwrap();
        wait.recv().unwrap();
    });
    assert_eq!(ch.daemon_version(), Some((1, 1)));
    assert_eq!(ch.command(true, &[100], &[]), Ok(0));
    let mut seen = Vec::new();
    for _ in 0..4 {
        assert_eq!(ch.has_pending(), Ok(Some(true)));
        seen.push(trigger_name(&ch.next().unwrap()));
    }
    assert_eq!(seen, ["N3", "DROPPED", "N2", "N1"]);
    assert_eq!(ch.has_pending(), Ok(Some(false)));
    go.send(()).unwrap();
    let n4 = ch.next().unwrap();
    assert_eq!(trigger_name(&n4), "N4");
    let Next::Notification(r) = n4 else {
        unreachable!()
    };
    assert_eq!(r.notification.evaluation, Evaluation::ConsumedSize(4));
    drop(go);
    // Peer closed: an error, not "closed".
    assert_eq!(ch.next(), Err(NextError::Error));
    assert_eq!(ch.has_pending(), Err(ChannelError));
}

#[test]
fn command_statuses_are_the_daemons_reply() {
    let ch = channel_with(|mut s| {
        for status in [0i8, -3, -4] {
            read_message(&mut s);
            s.write_all(&reply(status)).unwrap();
        }
    });
    assert_eq!(ch.command(true, &[100], &[]), Ok(0));
    assert_eq!(ch.command(true, &[100], &[]), Ok(-3));
    assert_eq!(ch.command(false, &[101], &[]), Ok(-4));
    // The daemon is gone.
    assert_eq!(ch.command(false, &[101], &[]), Err(ChannelError));
}

#[test]
fn handshakes_that_fail() {
    for answer in [handshake_answer(2), reply(0), message(4, &[]), Vec::new()] {
        let (client, mut server) = UnixStream::pair().unwrap();
        let t = std::thread::spawn(move || {
            read_message(&mut server);
            server.write_all(&answer).unwrap();
        });
        assert!(Channel::handshake(Connection::from_stream(client)).is_none());
        t.join().unwrap();
    }
}

#[test]
fn past_the_limit_the_oldest_becomes_a_dropped_marker() {
    let ch = channel_with(|mut s| {
        read_message(&mut s);
        let mut burst = Vec::new();
        for i in 0..QUEUE_LIMIT + 5 {
            burst.extend(notification(&format!("N{i}"), i as u64));
        }
        burst.extend(reply(0));
        s.write_all(&burst).unwrap();
    });
    assert_eq!(ch.command(true, &[100], &[]), Ok(0));
    let mut seen = Vec::new();
    while let Ok(Some(true)) = ch.has_pending() {
        seen.push(trigger_name(&ch.next().unwrap()));
    }
    assert_eq!(seen.len(), QUEUE_LIMIT);
    assert_eq!(seen[0], format!("N{}", QUEUE_LIMIT - 1));
    assert_eq!(seen.last().unwrap(), "DROPPED");
}

#[test]
fn what_does_not_decode() {
    let ch = channel_with(|mut s| {
        // A notification that does not decode: has_pending says OK without an answer.
        s.write_all(&message(4, &[1, 2, 3])).unwrap();
        // Then one during a command: the command fails.
        read_message(&mut s);
        s.write_all(&message(4, &[1, 2, 3])).unwrap();
        s.write_all(&reply(0)).unwrap();
        // A reply where a notification is expected.
        s.write_all(&reply(0)).unwrap();
        // A header announcing more than upstream's limit.
        let mut big = Header {
            kind: 4,
            size: 65537,
            fds: 0,
        }
        .encode()
        .to_vec();
        big.extend([0u8; 16]);
        s.write_all(&big).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(200));
    });
    ch.conn
        .wait_readable_interruptible(None)
        .expect("the first message");
    assert_eq!(ch.has_pending(), Ok(None));
    assert_eq!(ch.command(true, &[100], &[]), Err(ChannelError));
    // The reply left behind by the failed command, then the stray one.
    assert_eq!(ch.next(), Err(NextError::Error));
    assert_eq!(ch.next(), Err(NextError::Error));
    assert_eq!(ch.next(), Err(NextError::Error));
}

#[test]
fn shutdown_wakes_a_blocked_reader() {
    let (client, server) = UnixStream::pair().unwrap();
    let daemon = std::thread::spawn(move || {
        let mut s = server;
        read_message(&mut s);
        s.write_all(&handshake_answer(1)).unwrap();
        // Stays connected, silent, until the client shuts down.
        let mut rest = Vec::new();
        let _ = s.read_to_end(&mut rest);
    });
    let ch = std::sync::Arc::new(Channel::handshake(Connection::from_stream(client)).unwrap());
    let reader = {
        let ch = ch.clone();
        std::thread::spawn(move || ch.next())
    };
    std::thread::sleep(std::time::Duration::from_millis(100));
    ch.shutdown();
    assert_eq!(reader.join().unwrap(), Err(NextError::Error));
    daemon.join().unwrap();
}

#[test]
fn captures_are_decoded_on_reception() {
    use crate::model::trigger::{EventExpr, EventRule};
    let trigger = Trigger {
        uid: 1000,
        name: Some("T".into()),
        is_hidden: false,
        condition: Condition::EventRuleMatches {
            rule: EventRule::UserTracepoint {
                pattern: Some("*".into()),
                filter: None,
                log_level: None,
                exclusions: Vec::new(),
            },
            captures: vec![EventExpr::PayloadField("msg".into())],
        },
        action: Action::Notify(RatePolicy { once: false, n: 1 }),
    };
    let body = |capture: &[u8]| {
        let t = encode_trigger(&trigger);
        let mut e = vec![105u8];
        e.extend((capture.len() as u32).to_ne_bytes());
        e.extend(capture);
        let mut p = ((t.len() + e.len()) as u32).to_ne_bytes().to_vec();
        p.extend(t);
        p.extend(e);
        p
    };
    let r = decode(&body(&[0x91, 0xa2, b'h', b'i'])).unwrap();
    assert_eq!(
        r.captures,
        Some(vec![Some(FieldValue::String("hi".into()))])
    );
    assert_eq!(decode(&body(&[])).unwrap().captures, None);
    // A boolean fails the whole notification, as upstream.
    assert_eq!(decode(&body(&[0x91, 0xc3])), Err(ChannelError));
}
