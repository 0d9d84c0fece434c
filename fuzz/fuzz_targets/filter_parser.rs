//! `cargo +nightly fuzz run filter_parser`: the filter-expression compiler. The body is
//! `filter_parser` in fuzz/targets.rs (any text gives a bytecode or an error, never a panic
//! or a stack overflow; a parsed tree prints to text that parses back to the same tree; a
//! bytecode respects the limits and describes its own length), which tests/fuzz_corpus.rs
//! replays over fuzz/corpus/filter_parser on stable.

#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::filter_parser(data));
