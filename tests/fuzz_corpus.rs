//! Replays the fuzz corpora (fuzz/corpus/TARGET) and the crash reproducers
//! (fuzz/regressions/TARGET) through the fuzz targets' own bodies (fuzz/targets.rs), on
//! stable, so that every `cargo test` re-checks what the fuzzers found.
//!
//! Under Miri (`cargo +nightly miri test --test fuzz_corpus`) each target replays only its
//! first few inputs.

#[path = "../fuzz/targets.rs"]
mod targets;

use std::path::Path;

fn replay(target: &str, body: fn(&[u8]), min_inputs: usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut n = 0;
    for dir in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        let mut files: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        if cfg!(miri) {
            files.truncate(8);
        }
        for path in files {
            let bytes = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| body(&bytes));
            assert!(outcome.is_ok(), "{target}: {} fails", path.display());
            n += 1;
        }
    }
    if !cfg!(miri) {
        assert!(
            n >= min_inputs,
            "{target}: {n} inputs, expected a corpus of at least {min_inputs}"
        );
    }
}

#[test]
fn uri_parser() {
    replay("uri_parser", targets::uri_parser, 20);
}

#[test]
fn sessiond_request() {
    replay("sessiond_request", targets::sessiond_request, 20);
}

#[test]
fn reply_decoder() {
    replay("reply_decoder", targets::reply_decoder, 20);
}

#[test]
fn relayd_codec() {
    replay("relayd_codec", targets::relayd_codec, 10);
}

#[test]
fn consumer_link() {
    replay("consumer_link", targets::consumer_link, 10);
}

#[test]
fn ctf_roundtrip() {
    replay("ctf_roundtrip", targets::ctf_roundtrip, 10);
}

#[test]
fn filter_parser() {
    replay("filter_parser", targets::filter_parser, 20);
}

#[test]
fn session_config() {
    replay("session_config", targets::session_config, 10);
}

#[test]
fn notification_channel() {
    replay("notification_channel", targets::notification_channel, 10);
}

#[test]
fn capture_payload() {
    replay("capture_payload", targets::capture_payload, 20);
}
