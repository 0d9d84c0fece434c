//! `cargo +nightly fuzz run session_config`: the body is `session_config` in fuzz/targets.rs,
//! which tests/fuzz_corpus.rs replays over fuzz/corpus/session_config on stable.

#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::session_config(data));
