//! `cargo +nightly fuzz run consumer_link`: the body is `consumer_link` in fuzz/targets.rs, which
//! tests/fuzz_corpus.rs replays over fuzz/corpus/consumer_link on stable.

#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::consumer_link(data));
