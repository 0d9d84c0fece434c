//! `cargo +nightly fuzz run capture_payload`: the body is `capture_payload` in
//! fuzz/targets.rs, which tests/fuzz_corpus.rs replays over fuzz/corpus/capture_payload on
//! stable.

#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::capture_payload(data));
