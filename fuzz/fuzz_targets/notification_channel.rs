//! `cargo +nightly fuzz run notification_channel`: the body is `notification_channel` in
//! fuzz/targets.rs, which tests/fuzz_corpus.rs replays over fuzz/corpus/notification_channel
//! on stable.

#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::notification_channel(data));
