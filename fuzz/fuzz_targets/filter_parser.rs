//! Fuzzes the filter-expression compiler (`cargo +nightly fuzz run filter_parser`).
//!
//! Any text must give a bytecode or an error, never a panic or a stack overflow; a parsed
//! tree must print to text that parses back to the same tree; a bytecode must respect the
//! limits and describe its own length.

#![no_main]

use libfuzzer_sys::fuzz_target;
use lttng_ctl::filter;

fuzz_target!(|data: &[u8]| {
    // The C API refuses non-UTF-8 strings before compiling.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(ast) = filter::parse(text) {
        let printed = ast.to_string();
        assert_eq!(filter::parse(&printed).as_ref(), Ok(&ast), "{printed:?}");
    }
    if let Ok(bytecode) = filter::compile(text) {
        assert!(bytecode.len() <= filter::bytecode::MAX_LEN);
        let len = u32::from_ne_bytes(bytecode[0..4].try_into().unwrap()) as usize;
        let reloc = u32::from_ne_bytes(bytecode[4..8].try_into().unwrap()) as usize;
        assert_eq!(bytecode.len(), filter::bytecode::HEADER_LEN + len);
        assert!(reloc <= len);
    }
});
