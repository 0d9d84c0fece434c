//! `cargo +nightly fuzz run reply_decoder`: the body is `reply_decoder` in fuzz/targets.rs, which
//! tests/fuzz_corpus.rs replays over fuzz/corpus/reply_decoder on stable.

#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::reply_decoder(data));
