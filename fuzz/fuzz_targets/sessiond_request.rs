//! `cargo +nightly fuzz run sessiond_request`: the body is `sessiond_request` in fuzz/targets.rs, which
//! tests/fuzz_corpus.rs replays over fuzz/corpus/sessiond_request on stable.

#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::sessiond_request(data));
