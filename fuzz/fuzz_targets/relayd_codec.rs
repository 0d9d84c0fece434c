//! `cargo +nightly fuzz run relayd_codec`: the body is `relayd_codec` in fuzz/targets.rs, which
//! tests/fuzz_corpus.rs replays over fuzz/corpus/relayd_codec on stable.

#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::relayd_codec(data));
