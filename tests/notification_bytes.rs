//! The bytes of the notification channel: tests/c/subscribe_bytes.c subscribes to and
//! unsubscribes from a condition of every kind (buffer usage high and low in bytes and as a
//! ratio, consumed size, rotation ongoing and completed, event rule matches over every event
//! rule kind, with filters, exclusions, log-level rules, kernel and userspace probe
//! locations and capture descriptors of every expression kind) against a recording stand-in
//! (tests/python/notification_recorder.py). The handshake, every SUBSCRIBE and every
//! UNSUBSCRIBE our library sends must equal, byte for byte, what the real library sends for
//! the same calls, but for the three padding bytes of a log-level rule, which the real
//! library leaves uninitialised.

mod common;

use std::path::Path;

use common::*;

/// Runs the program with `lib` (ours, or the real one for `None`) against a fresh recorder
/// in `home`; returns the program's output and the recorded messages.
fn record(f: &Fixture, tag: &str, ours: bool) -> (String, Vec<Vec<u8>>) {
    let home = f.dir.subdir(&format!("home-{tag}"));
    let lttng_dir = f.dir.subdir(&format!("home-{tag}/.lttng"));
    let socket = lttng_dir.join("sessiond-notification");
    let ready = lttng_dir.join("sessiond-notification.ready");
    let output = f.dir.join(&format!("recorded-{tag}.txt"));
    let script = f.dir.repo_file("tests/python/notification_recorder.py");
    let child = as_test_user("/usr/bin/python3")
        .arg(script)
        .arg(&socket)
        .arg(&output)
        .stdin(std::process::Stdio::null())
        .spawn()
        .expect("python3");
    let mut recorder = Daemon {
        child,
        name: "notification_recorder.py",
    };
    wait_for(
        "the recorder's socket",
        std::time::Duration::from_secs(20),
        || {
            assert!(recorder.is_running(), "the recorder exited early");
            ready.exists()
        },
    );
    let args = ["/usr/bin/true"];
    let out = if ours {
        run_c(&f.program, &home, Some(&f.lib), &args, &[])
    } else {
        run_c(
            &f.program,
            &home,
            None,
            &args,
            &[("LTTNG_CTL_EXPECT_REAL", "1")],
        )
    };
    let text = ok_stdout(&format!("subscribe_bytes ({tag})"), &out);
    drop(recorder);
    let recorded = std::fs::read_to_string(&output).unwrap();
    let messages = recorded
        .lines()
        .filter(|l| *l != "client")
        .map(|l| {
            let (hex, fds) = l.split_once(' ').unwrap_or((l, ""));
            let mut bytes = unhex(hex);
            // The descriptors received (a uprobe's binary), after the bytes.
            bytes.extend_from_slice(fds.as_bytes());
            bytes
        })
        .collect();
    (text, messages)
}

/// Zeroes the padding of every log-level rule in a (un)subscription to an event-rule-matches
/// condition over a user tracepoint or agent rule: `{i8 type, 3 bytes of padding, i32}`
/// after the pattern and the filter.
fn mask_log_level_padding(message: &mut [u8]) {
    const HEADER: usize = 9;
    if message.len() < HEADER + 2 || message[HEADER] != 105 {
        return;
    }
    let rule_type = message[HEADER + 1];
    let fields = match rule_type {
        4 => 5,
        5..=7 => 3,
        _ => return,
    };
    let u32_at = |m: &[u8], at: usize| u32::from_le_bytes(m[at..at + 4].try_into().unwrap());
    let lengths = HEADER + 2;
    let (pattern, filter, rule) = (
        u32_at(message, lengths),
        u32_at(message, lengths + 4),
        u32_at(message, lengths + 8),
    );
    if rule == 8 {
        let at = lengths + 4 * fields + pattern as usize + filter as usize;
        message[at + 1..at + 4].fill(0);
    }
}

#[test]
fn subscriptions_of_every_condition_kind_are_sent_as_the_real_library_sends_them() {
    if !have_all(&["python3", "setpriv", "cc"]) {
        return;
    }
    let Some(f) = Fixture::build(
        "notification_bytes",
        &["tests/c/subscribe_bytes.c"],
        Link::Real,
    ) else {
        return;
    };
    assert!(Path::new("/usr/bin/true").exists());
    let (real_text, mut real) = record(&f, "real", false);
    let (ours_text, mut ours) = record(&f, "ours", true);
    println!("{ours_text}");
    assert_eq!(
        ours_text, real_text,
        "outputs differ (left: ours, right: real)"
    );
    assert!(!ours_text.contains("subscribe -"), "{ours_text}");
    assert_eq!(ours_text.lines().count(), 19, "{ours_text}");
    for m in real.iter_mut().chain(ours.iter_mut()) {
        mask_log_level_padding(m);
    }
    assert_eq!(ours.len(), real.len(), "message counts differ");
    assert_eq!(real.len(), 39, "handshake and 19 (un)subscriptions");
    for (i, (o, r)) in ours.iter().zip(real.iter()).enumerate() {
        assert_eq!(o, r, "message {i} differs:\n ours {o:02x?}\n real {r:02x?}");
    }
}
