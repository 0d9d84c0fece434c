//! `cargo +nightly fuzz run ctf_roundtrip`: the body is `ctf_roundtrip` in fuzz/targets.rs, which
//! tests/fuzz_corpus.rs replays over fuzz/corpus/ctf_roundtrip on stable.

#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::ctf_roundtrip(data));
