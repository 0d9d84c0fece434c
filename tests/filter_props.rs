//! Properties of the filter compiler, checked on many seeded random inputs:
//!
//! * pretty-printing a tree and parsing the text gives the same tree (and printing that
//!   gives the same text);
//! * for the hand-written corpus, printing what was parsed and compiling the printed text
//!   gives the same bytecode as compiling the original text;
//! * no input, however broken, makes the compiler panic.

use lttng_ctl::filter::ast::{Ast, BinaryOp, Link, Node, NodeId, Segment, UnaryOp};
use lttng_ctl::filter::{self, FilterError};

/// xorshift64*: deterministic, so a failure names its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

fn identifier(rng: &mut Rng) -> String {
    const FIRST: &[u8] = b"abcxyzLE_:Q";
    const REST: &[u8] = b"abc_:09LZ";
    loop {
        let mut s = String::new();
        if rng.chance(10) {
            s.push_str(["\\u00e9", "\\U0001F600"][rng.below(2)]);
        } else {
            s.push(char::from(FIRST[rng.below(FIRST.len())]));
        }
        for _ in 0..rng.below(5) {
            if rng.chance(5) {
                s.push_str("\\u0041");
            } else {
                s.push(char::from(REST[rng.below(REST.len())]));
            }
        }
        // A lone ':' is the colon token, not an identifier.
        if s != ":" {
            return s;
        }
    }
}

fn name(rng: &mut Rng) -> String {
    match rng.below(10) {
        0 => "$ctx".into(),
        1 => "$app".into(),
        2 => format!("${}", identifier(rng)),
        _ => identifier(rng),
    }
}

fn string_value(rng: &mut Rng) -> String {
    // Anything but a newline (dropped by the scanner); never both quote kinds (a literal
    // cannot hold its own quote). "ESCSE" + "Q" makes values only a split spelling reads.
    const PIECES: &[&str] = &[
        "a", "Z", " ", "*", "**", "\\*", "\\\\", "\\", "é", "'", "\t", "/*", "//", "ESCSE", "Q",
        "$", "0",
    ];
    let mut s = String::new();
    for _ in 0..rng.below(6) {
        s.push_str(PIECES[rng.below(PIECES.len())]);
    }
    if rng.chance(10) {
        s.push('"');
        s.retain(|c| c != '\'');
    }
    s
}

fn float_bits(rng: &mut Rng) -> u64 {
    match rng.below(6) {
        0 => 0,
        1 => f64::INFINITY.to_bits(),
        2 => rng.next() & ((1 << 52) - 1), // subnormal
        _ => loop {
            // Positive and not a NaN (the scanner has no sign and no NaN).
            let bits = rng.next() & !(1 << 63);
            if !f64::from_bits(bits).is_nan() {
                return bits;
            }
        },
    }
}

/// Wraps `id` in parentheses: the printer adds none, so the generator does, where the
/// grammar needs them.
fn nest(ast: &mut Ast, id: NodeId) -> NodeId {
    ast.push(Node::Nested(id)).unwrap()
}

fn is_binary(ast: &Ast, id: NodeId) -> Option<BinaryOp> {
    match ast.node(id) {
        Some(Node::Binary(op, ..)) => Some(*op),
        _ => None,
    }
}

/// A unary expression (what an operand of a unary operator or an index must be).
fn unary_operand(rng: &mut Rng, ast: &mut Ast, depth: usize) -> NodeId {
    let id = expression(rng, ast, depth);
    if is_binary(ast, id).is_some() {
        nest(ast, id)
    } else {
        id
    }
}

/// A random tree, built children first as the parser builds it.
fn expression(rng: &mut Rng, ast: &mut Ast, depth: usize) -> NodeId {
    let leaf = depth == 0 || rng.chance(25);
    let choice = if leaf { rng.below(4) } else { 4 + rng.below(4) };
    match choice {
        0 => ast.push(Node::Int(rng.next() >> rng.below(64))).unwrap(),
        1 => ast.push(Node::Float(float_bits(rng))).unwrap(),
        2 => ast.push(Node::Str(string_value(rng))).unwrap(),
        3 | 4 => {
            let mut segments = Vec::new();
            for i in 0..1 + rng.below(3) {
                let link = match (i, rng.chance(70)) {
                    (0, _) => Link::First,
                    (_, true) => Link::Dot,
                    _ => Link::Arrow,
                };
                let mut indices = Vec::new();
                for _ in 0..rng.below(3) {
                    let index = if depth > 0 && rng.chance(20) {
                        unary_operand(rng, ast, depth - 1)
                    } else {
                        ast.push(Node::Int(rng.below(20) as u64)).unwrap()
                    };
                    indices.push(index);
                }
                segments.push(Segment {
                    link,
                    name: name(rng),
                    indices,
                });
            }
            ast.push(Node::Field(segments)).unwrap()
        }
        5 => {
            let op = [UnaryOp::Plus, UnaryOp::Minus, UnaryOp::Not, UnaryOp::BitNot][rng.below(4)];
            let operand = unary_operand(rng, ast, depth - 1);
            ast.push(Node::Unary(op, operand)).unwrap()
        }
        6 => {
            let inner = expression(rng, ast, depth - 1);
            nest(ast, inner)
        }
        _ => {
            let op = BinaryOp::ALL[rng.below(BinaryOp::ALL.len())];
            let mut lhs = expression(rng, ast, depth - 1);
            // Left-associative: a looser operator on the left, or a looser or equal one on
            // the right, needs parentheses.
            if is_binary(ast, lhs).is_some_and(|l| l.precedence() < op.precedence()) {
                lhs = nest(ast, lhs);
            }
            let mut rhs = expression(rng, ast, depth - 1);
            if is_binary(ast, rhs).is_some_and(|r| r.precedence() <= op.precedence()) {
                rhs = nest(ast, rhs);
            }
            ast.push(Node::Binary(op, lhs, rhs)).unwrap()
        }
    }
}

#[test]
fn printed_trees_parse_back_to_the_same_tree() {
    let mut compiled = 0;
    for seed in 1..=20_000u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
        let mut ast = Ast::new();
        let depth = 1 + rng.below(6);
        expression(&mut rng, &mut ast, depth);
        let text = ast.to_string();
        let parsed = filter::parse(&text)
            .unwrap_or_else(|e| panic!("seed {seed}: {text:?} does not parse: {e}"));
        assert_eq!(parsed, ast, "seed {seed}: {text:?}");
        assert_eq!(parsed.to_string(), text, "seed {seed}");
        if filter::compile(&text).is_ok() {
            compiled += 1;
        }
    }
    // The trees are random, most do not type-check; some must.
    assert!(
        compiled > 500,
        "only {compiled} of the random trees compiled"
    );
}

#[test]
fn printing_the_corpus_keeps_its_bytecode() {
    let corpus = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/filters.txt"),
    )
    .unwrap();
    let mut checked = 0;
    for line in corpus
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let Ok(ast) = filter::parse(line) else {
            continue;
        };
        let printed = ast.to_string();
        assert_eq!(
            filter::parse(&printed).as_ref(),
            Ok(&ast),
            "{line:?} -> {printed:?}"
        );
        assert_eq!(filter::compile(&printed), filter::compile(line), "{line:?}");
        checked += 1;
    }
    assert!(checked > 200, "{checked}");
}

#[test]
fn random_text_never_panics() {
    const ALPHABET: &[&str] = &[
        "a", "$ctx", ".", "->", "[", "]", "(", ")", "\"", "'", "*", "\\", "==", "!", "&&", "||",
        "<", "<<", "0", "0x", "1.", "e", "p", "9", " ", "\n", "/*", "//", "L", ":", "u", "é",
        "ESCSEQ", "-", "~",
    ];
    for seed in 1..=20_000u64 {
        let mut rng = Rng(seed.wrapping_mul(0xd1b5_4a32_d192_ed03) | 1);
        let text: String = (0..rng.below(40))
            .map(|_| ALPHABET[rng.below(ALPHABET.len())])
            .collect();
        match filter::compile(&text) {
            Ok(bytecode) => assert!(bytecode.len() >= 48 + 2, "{text:?}"),
            Err(FilterError::TooLong(_)) => panic!("{text:?} is short"),
            Err(_) => {}
        }
    }
}
