//! `cargo +nightly fuzz run uri_parser`: the body is `uri_parser` in fuzz/targets.rs, which
//! tests/fuzz_corpus.rs replays over fuzz/corpus/uri_parser on stable.

#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::uri_parser(data));
