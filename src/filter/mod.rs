//! Filter expressions: a compiler from LTTng 2.13's filter language to its bytecode,
//! byte for byte what the real `liblttng-ctl` sends to the session daemon.
//!
//! The passes, in upstream's order:
//!
//! 1. [`lexer`]: text to tokens (flex's rules and quirks);
//! 2. [`parser`]: tokens to an [`Ast`] (the grammar, its precedence, its depth limit);
//! 3. [`ir`]: typed intermediate form, upstream's checks and glob normalization;
//! 4. [`bytecode`]: `struct lttng_bytecode` (header, instructions, relocation table).
//!
//! ```
//! use lttng_ctl::filter;
//!
//! let bytecode = filter::compile("msg == \"tick 1*\" && $ctx.vpid > 0").unwrap();
//! // 30 bytes of instructions, 18 of relocations (`msg`, `$ctx.vpid`).
//! assert_eq!(bytecode.len(), filter::bytecode::HEADER_LEN + 48);
//! assert!(filter::compile("a + 1 == 2").is_err()); // arithmetic: refused, as upstream
//! ```
//!
//! Nothing here recurses on the input, allocates without bound or panics: any text gets a
//! bytecode or a [`FilterError`], which the C API reports as `-LTTNG_ERR_FILTER_INVAL`.

#![forbid(unsafe_code)]

pub mod ast;
pub mod bytecode;
pub mod ir;
pub mod lexer;
pub mod parser;

pub use ast::Ast;
pub use parser::parse;

/// Longest expression accepted, in bytes (upstream: shorter than `LTTNG_FILTER_MAX_LEN`).
pub const MAX_EXPRESSION_LEN: usize = bytecode::MAX_LEN - 1;

/// Why an expression does not compile. Upstream returns the same code for all of them, and
/// prints why on stderr: [`FilterError::diagnostics`] gives its text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    /// The text is longer than [`MAX_EXPRESSION_LEN`].
    #[error("filter expression too long ({0} bytes, at most 65535)")]
    TooLong(usize),
    /// The text does not follow the grammar.
    #[error("syntax error at byte {offset}: {message}")]
    Syntax {
        /// Byte offset in the text.
        offset: usize,
        /// What went wrong.
        message: String,
    },
    /// A literal in operand position that upstream's parser refuses while reading it (an
    /// escape sequence, a constant its `sscanf` cannot read); `message` is upstream's.
    #[error("syntax error at byte {offset}: {message}")]
    Literal {
        /// Byte offset in the text.
        offset: usize,
        /// Upstream's words.
        message: &'static str,
    },
    /// Nested deeper than upstream's parser stack allows.
    #[error("expression nested too deeply")]
    TooDeep,
    /// The expression parses but upstream's IR generation refuses it (types, operators,
    /// field references); the text is upstream's message.
    #[error("invalid filter: {0}")]
    Invalid(String),
    /// The checks after the IR generation refuse it (escapes in strings, glob patterns); the
    /// text is upstream's whole line.
    #[error("invalid filter: {0}")]
    Unsupported(String),
    /// The instructions or the relocation table outgrow 65,536 bytes while being generated.
    #[error("filter bytecode too large")]
    BytecodeOverflow,
    /// The bytecode would exceed 65,536 bytes (header included).
    #[error("filter bytecode too large")]
    TooLarge,
}

impl FilterError {
    /// What upstream's library prints on stderr when it refuses an expression for this
    /// reason, byte for byte (its parser's and visitors' `fprintf`s, which `lttng_opt_quiet`
    /// does not silence); empty where it prints nothing (the length limits).
    pub fn diagnostics(&self) -> String {
        match self {
            FilterError::TooLong(_) | FilterError::TooLarge => String::new(),
            // bison's `yyerror` ("error " and its message), then the caller's line.
            FilterError::Syntax { .. } => "error syntax error\nParse error\n".to_owned(),
            FilterError::TooDeep => "error memory exhausted\nParse error\n".to_owned(),
            // The grammar's own refusals add a newline of their own to the message.
            FilterError::Literal { message, .. } => {
                format!("error parse error: {message}\n\nParse error\n")
            }
            FilterError::Invalid(message) => format!("[error] {message}\nGenerate IR error\n"),
            FilterError::Unsupported(line) => format!("{line}\n"),
            FilterError::BytecodeOverflow => "Generate bytecode error\n".to_owned(),
        }
    }
}

/// Compiles an expression to the `struct lttng_bytecode` the library sends with it
/// (48-byte header included), applying every limit upstream's `liblttng-ctl` applies.
pub fn compile(expression: &str) -> Result<Vec<u8>, FilterError> {
    if expression.len() > MAX_EXPRESSION_LEN {
        return Err(FilterError::TooLong(expression.len()));
    }
    let ast = parse(expression)?;
    let ir = ir::generate(&ast)?;
    let bytecode = bytecode::generate(&ir)?;
    if bytecode.len() > bytecode::MAX_LEN {
        return Err(FilterError::TooLarge);
    }
    Ok(bytecode)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(expr: &str) -> Vec<u8> {
        let b = compile(expr).unwrap_or_else(|e| panic!("{expr}: {e}"));
        let len = u32::from_ne_bytes(b[0..4].try_into().unwrap()) as usize;
        assert_eq!(b.len(), bytecode::HEADER_LEN + len);
        assert!(b[8..48].iter().all(|&x| x == 0));
        b[48..].to_vec()
    }

    fn hex(s: &str) -> Vec<u8> {
        s.split_whitespace()
            .map(|h| u8::from_str_radix(h, 16).unwrap())
            .collect()
    }

    // Expected bytes recorded from the real liblttng-ctl 2.13.9 (x86-64).
    #[test]
    fn known_bytecode() {
        let cases = [
            (
                "a == 1",
                "3b ff ff 41 01 00 00 00 00 00 00 00 0c 01 00 00 61 00",
            ),
            ("1", "41 01 00 00 00 00 00 00 00 01"),
            (
                "a[1][2] == 1",
                "51 52 02 00 55 01 00 00 00 00 00 00 00 56 41 01 00 00 00 00 00 00 00 0c 01 01 00 61 00",
            ),
            (
                "$ctx.procname == \"x*\"",
                "46 ff ff 40 78 2a 00 0c 01 00 00 24 63 74 78 2e 70 72 6f 63 6e 61 6d 65 00",
            ),
            ("a == \"a**\"", "3b ff ff 4c 61 2a 00 0c 01 00 00 61 00"),
            (
                "-1.5 && a",
                "42 00 00 00 00 00 00 f8 3f 31 44 39 12 00 3b ff ff 43 01 0e 00 61 00",
            ),
            (
                "a < b | c",
                "3b ff ff 3b ff ff 3b ff ff 0a 0f 01 00 00 61 00 03 00 62 00 06 00 63 00",
            ),
            (
                "$ctx.a.b[2].c == 1",
                "4f 52 02 00 52 06 00 55 02 00 00 00 00 00 00 00 52 0a 00 56 41 01 00 00 00 00 00 00 00 0c 01 01 00 61 00 04 00 62 00 10 00 63 00",
            ),
            (
                "a && b || c && d",
                "3b ff ff 43 39 0b 00 3b ff ff 43 3a 19 00 3b ff ff 43 39 19 00 3b ff ff 43 01 00 00 61 00 07 00 62 00 0e 00 63 00 15 00 64 00",
            ),
        ];
        for (expr, bytes) in cases {
            assert_eq!(body(expr), hex(bytes), "{expr}");
        }
    }

    #[test]
    fn refusals() {
        for expr in [
            "",
            " ",
            "1.5",
            "\"abc\"",
            "1 + 2",
            "a * 2",
            "\"a*b\" == \"c*\"",
            "\"a*b\" < a",
            "-\"a\" == a",
            "\"x\" && a",
            "a & 1.5",
            "a[b] == 1",
            "$ctx",
            "$foo.x == 1",
            "a == \"\\q\"",
            "0X1F == a",
            "0u == a",
            "'' == a",
            "\"ESCSEQ\" == a",
            "a ==\r1",
        ] {
            assert!(compile(expr).is_err(), "{expr:?} compiled");
        }
    }

    #[test]
    fn length_limits() {
        let padded = |n: usize| format!("a{}== 1", " ".repeat(n - 5));
        assert!(compile(&padded(65535)).is_ok());
        assert_eq!(compile(&padded(65536)), Err(FilterError::TooLong(65536)));
        // 12 bytes per `1&&`, 48 of header: 65,488 bytes of program is the most.
        let program = |len: usize| {
            let n = (len + 2) / 12;
            format!(
                "{}{}",
                "!".repeat(len - (12 * n - 2)),
                vec!["1"; n].join("&&")
            )
        };
        assert_eq!(body(&program(65488)).len(), 65488);
        assert_eq!(compile(&program(65489)), Err(FilterError::TooLarge));
        assert_eq!(compile(&program(65537)), Err(FilterError::BytecodeOverflow));
    }

    /// Inputs that once broke something, or would break a careless implementation.
    #[test]
    fn regression_inputs_never_panic() {
        let deep = "(".repeat(100_000);
        let brackets = "a[".repeat(40_000);
        let unary = "!".repeat(70_000);
        for input in [
            deep.as_str(),
            brackets.as_str(),
            unary.as_str(),
            "a[1][",
            "a[1]]",
            "0x",
            "0x.",
            "0x1p",
            "1e",
            ".",
            "\"",
            "'",
            "L",
            "L'",
            "$",
            "\\u",
            "/*",
            "//",
            "a\0b",
            "é",
            "\"\\",
            "a == \"\\",
            "0x.p1",
            "a->",
            "a.$",
            "'ES\nCSEQ'",
        ] {
            let _ = compile(input);
        }
    }
}
