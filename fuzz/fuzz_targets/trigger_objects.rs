//! `cargo +nightly fuzz run trigger_objects`: the body is `trigger_objects` in
//! fuzz/targets.rs, which tests/fuzz_corpus.rs replays over fuzz/corpus/trigger_objects on
//! stable.

#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::trigger_objects(data));
