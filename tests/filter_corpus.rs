//! Filter expressions, byte for byte against the real library: one C program
//! (tests/c/filter_corpus.c) runs a list of enable/disable calls with filters, once on the
//! real liblttng-ctl and once on ours, against the recording stand-in daemon. Both must
//! return the same codes and send the same requests (header and payload: event, filter
//! text, bytecode and relocations).
//!
//! The list: the hand-written expressions of tests/data/filters.txt, expressions drawn by
//! a seeded generator from the grammar (valid and broken), the limits (length, bytecode
//! size, nesting depth), and the agent domains' synthesized filters.

mod common;

use common::standin::{Recorded, StandIn};
use common::*;
use lttng_ctl::proto::objects;
use lttng_ctl::proto::wire::Reader;

/// One call of the C driver.
#[derive(Clone, Debug)]
struct Record {
    /// 'e' enable_event_with_filter, 'x' with exclusions, 'd' disable_event_ext.
    call: char,
    /// 'u' user space, 'j' JUL, 'l' log4j, 'p' Python.
    domain: char,
    loglevel_type: i32,
    loglevel: i32,
    name: String,
    filter: Option<String>,
}

impl Record {
    fn ust(filter: &str) -> Record {
        Record {
            call: 'e',
            domain: 'u',
            loglevel_type: 0,
            loglevel: -1,
            name: "prov:event".into(),
            filter: Some(filter.into()),
        }
    }

    fn encode(&self, out: &mut Vec<u8>) {
        let fields = [
            self.call.to_string(),
            self.domain.to_string(),
            self.loglevel_type.to_string(),
            self.loglevel.to_string(),
            self.name.clone(),
            if self.filter.is_some() { "1" } else { "0" }.to_string(),
            self.filter.clone().unwrap_or_default(),
        ];
        out.extend_from_slice(fields.join("\x1f").as_bytes());
        out.push(0);
    }
}

/// The hand-written corpus.
fn hand_written() -> Vec<String> {
    let text = std::fs::read_to_string(repo().join("tests/data/filters.txt")).unwrap();
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.strip_prefix("hex:") {
            Some(hex) => String::from_utf8(unhex(hex)).unwrap(),
            None => l.to_owned(),
        })
        .collect()
}

/// A small deterministic generator (xorshift64*).
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

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const INTS: &[&str] = &[
    "0",
    "1",
    "42",
    "017",
    "0x1f",
    "0xFFFFFFFFFFFFFFFF",
    "18446744073709551615",
    "7u",
    "3ULL",
    "0x10l",
    "99999999999999999999",
    "00",
    "0u",
];
const FLOATS: &[&str] = &[
    "1.5", ".5", "2.", "1e3", "1.5e-3", "0x1p4", "0x1.8p1", "3.25f", "1e999", "0x.8",
];
const STRINGS: &[&str] = &[
    "\"tick\"",
    "\"tick 1*\"",
    "\"*7\"",
    "\"a*b\"",
    "\"\"",
    "\"x\\*\"",
    "\"a**\"",
    "'c'",
    "\"bad\\n\"",
    "\"\\\\\"",
    "L\"w*\"",
    "\"sp ace\"",
];
const NAMES: &[&str] = &[
    "a",
    "msg",
    "field_1",
    "x:y",
    "_n",
    "$ctx.vpid",
    "$ctx.procname",
    "$app.p:c",
    "s.t",
    "arr[2]",
    "arr[0][1]",
    "a->b",
    "$ctx.x[1]",
    "arr[i]",
    "$bad.x",
    "$ctx",
];
const BINARY: &[&str] = &[
    "==", "!=", "<", ">", "<=", ">=", "&&", "||", "&", "|", "^", "<<", ">>", "+", "-", "*", "/",
    "%",
];
const UNARY: &[&str] = &["!", "-", "~", "+"];
const BLANKS: &[&str] = &[" ", "", "  ", "\t", "\n", " /* c */ "];

/// A random expression from the grammar (`depth` bounds the nesting).
fn gen_expr(rng: &mut Rng, depth: usize) -> String {
    if depth == 0 || rng.chance(30) {
        return gen_operand(rng, depth);
    }
    match rng.below(10) {
        0..=5 => {
            let op = rng.pick(BINARY);
            // Mostly comparisons and logic, so that many compile.
            let op = if rng.chance(60) {
                rng.pick(&["==", "!=", "&&", "||", "<", ">="])
            } else {
                op
            };
            let blank = rng.pick(BLANKS);
            format!(
                "{}{blank}{op}{blank}{}",
                gen_expr(rng, depth - 1),
                gen_expr(rng, depth - 1)
            )
        }
        6..=7 => format!("({})", gen_expr(rng, depth - 1)),
        _ => format!("{}{}", rng.pick(UNARY), gen_operand(rng, depth - 1)),
    }
}

fn gen_operand(rng: &mut Rng, depth: usize) -> String {
    match rng.below(10) {
        0..=4 => rng.pick(NAMES).to_owned(),
        5..=6 => rng.pick(INTS).to_owned(),
        7 => rng.pick(FLOATS).to_owned(),
        8 => rng.pick(STRINGS).to_owned(),
        _ if depth > 0 => format!("({})", gen_expr(rng, depth - 1)),
        _ => "b".to_owned(),
    }
}

/// Typical filters: a field compared with a literal, combined with `&&` / `||`.
fn gen_typical(rng: &mut Rng) -> String {
    let terms = 1 + rng.below(3);
    let mut out = String::new();
    for i in 0..terms {
        if i > 0 {
            out.push_str(rng.pick(&[" && ", " || "]));
        }
        let field = rng.pick(&[
            "msg",
            "$ctx.vpid",
            "intfield",
            "arr[3]",
            "$ctx.procname",
            "s.f",
        ]);
        let (op, lit) = if field == "msg" || field == "$ctx.procname" {
            (rng.pick(&["==", "!="]), rng.pick(STRINGS))
        } else {
            (
                rng.pick(&["==", "!=", "<", ">", "<=", ">="]),
                rng.pick(&["1", "0x10", "-5", "1.5", "077"]),
            )
        };
        let term = format!("{field} {op} {lit}");
        if rng.chance(30) {
            out.push_str(&format!("({term})"));
        } else {
            out.push_str(&term);
        }
    }
    out
}

/// Breaks a valid-looking expression: drop, duplicate or insert a character.
fn mutate(rng: &mut Rng, s: &str) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return "(".into();
    }
    let at = rng.below(chars.len());
    match rng.below(3) {
        0 => {
            chars.remove(at);
        }
        1 => {
            let c = chars[at];
            chars.insert(at, c);
        }
        _ => {
            let c = *rng
                .pick(&[
                    "(", ")", "[", "]", "\"", "'", ".", "$", "=", "*", "\\", "0", ":",
                ])
                .as_bytes()
                .first()
                .unwrap() as char;
            chars.insert(at, c);
        }
    }
    chars.into_iter().collect()
}

fn generated() -> Vec<String> {
    let mut rng = Rng(0x5eed_f11e_7e55_0001);
    let mut out = Vec::new();
    for _ in 0..150 {
        out.push(gen_typical(&mut rng));
    }
    for _ in 0..250 {
        out.push(gen_expr(&mut rng, 4));
    }
    for _ in 0..100 {
        let base = gen_typical(&mut rng);
        out.push(mutate(&mut rng, &base));
    }
    out.retain(|s| !s.is_empty());
    out
}

/// The limits: expression length, bytecode size, parser depth, on both sides of each.
fn limits() -> Vec<String> {
    let mut out = Vec::new();
    let padded = |n: usize| format!("a{}== 1", " ".repeat(n - 5));
    out.extend([padded(65535), padded(65536)]);
    // `1&&1&&...` is 12 bytes per term; `!` adds one.
    let program = |len: usize| {
        let n = (len + 2) / 12;
        format!(
            "{}{}",
            "!".repeat(len - (12 * n - 2)),
            vec!["1"; n].join("&&")
        )
    };
    out.extend([65487, 65488, 65489, 65536, 65537].map(program));
    let nested = |n: usize| format!("{}a{}", "(".repeat(n), ")".repeat(n));
    out.extend([9995, 9996, 9997].map(nested));
    out.extend([9997, 9998].map(|n| format!("{}a", "!".repeat(n))));
    out.extend([4998, 4999].map(|n| format!("{}a{}", "-(".repeat(n), ")".repeat(n))));
    out.extend([3332, 3333].map(|k| format!("a{} == 1", "[1]".repeat(k))));
    out.extend([3332, 3333].map(|n| format!("{}a{}", "a == (".repeat(n), ")".repeat(n))));
    // The deepest string literals: 9,994 parentheses leave room for "" but not for "x".
    out.extend(
        ["\"\"", "\"x\""].map(|s| format!("{}a == {s}{}", "(".repeat(9994), ")".repeat(9994))),
    );
    // Long names and strings, many relocations.
    out.push(format!("{} == 1", "n".repeat(60000)));
    out.push(format!("a == \"{}*\"", "s".repeat(60000)));
    out.push(
        (0..1500)
            .map(|i| format!("f{i}.g[1] == 1"))
            .collect::<Vec<_>>()
            .join(" || "),
    );
    out
}

/// Agent domains: the filters the library derives from a logger name and a log level.
fn agent_records() -> Vec<Record> {
    let mut out = Vec::new();
    for domain in ['j', 'l', 'p'] {
        for (name, lltype, ll) in [
            ("*", 0, 0),
            ("org.example.Main", 0, 0),
            ("org.example.Main", 1, 800),
            ("*", 2, 500),
            ("my.logger", 2, -3),
            ("", 0, 0),
        ] {
            for filter in [
                None,
                Some("int_field > 3"),
                Some("msg == \"x*\""),
                Some("1 +"),
            ] {
                for call in ['e', 'd'] {
                    out.push(Record {
                        call,
                        domain,
                        loglevel_type: lltype,
                        loglevel: ll,
                        name: name.into(),
                        filter: filter.map(str::to_owned),
                    });
                }
            }
        }
    }
    // A logger name that breaks the synthesized filter, and a quote in it.
    for name in ["a\"b", "x*y", "ESCSEQ"] {
        out.push(Record {
            call: 'e',
            domain: 'j',
            loglevel_type: 0,
            loglevel: 0,
            name: name.into(),
            filter: None,
        });
    }
    out
}

/// Runs the records on one library; returns the codes and what the stand-in received.
fn run(f: &Fixture, stand_in: &StandIn, input: &str, real: bool) -> (Vec<i32>, Vec<Recorded>) {
    let tag = if real { "real" } else { "ours" };
    let results = f.dir.join(&format!("results-{tag}"));
    std::fs::write(&results, "").unwrap();
    let (uid, gid) = test_ids();
    std::process::Command::new("chown")
        .arg(format!("{uid}:{gid}"))
        .arg(&results)
        .status()
        .unwrap();
    let args = [input, results.to_str().unwrap()];
    let out = if real {
        f.run_real(&args)
    } else {
        f.run_ours(&args)
    };
    ok_stdout(tag, &out);
    let codes = std::fs::read_to_string(&results)
        .unwrap()
        .lines()
        .map(|l| l.parse().unwrap())
        .collect();
    (codes, stand_in.take())
}

fn describe(expr: &Option<String>) -> String {
    let e = expr.as_deref().unwrap_or("(null)");
    if e.len() > 120 {
        let head: String = e.chars().take(100).collect();
        format!("{head:?}... ({} bytes)", e.len())
    } else {
        format!("{e:?}")
    }
}

fn bytecode_of(r: &Recorded) -> Option<Vec<u8>> {
    objects::decode_event(&mut Reader::new(&r.payload))
        .ok()
        .and_then(|e| e.bytecode)
}

#[test]
fn corpus_is_byte_identical_to_the_real_library() {
    let Some(f) = Fixture::build("filter_corpus", &["tests/c/filter_corpus.c"], Link::Real) else {
        return;
    };
    let hand = hand_written();
    let generated = generated();
    let limits = limits();
    let agents = agent_records();
    let mut records: Vec<Record> = hand
        .iter()
        .chain(&generated)
        .chain(&limits)
        .map(|e| Record::ust(e))
        .collect();
    // The other two calls that carry filters.
    for (i, e) in hand.iter().enumerate().step_by(7) {
        let mut r = Record::ust(e);
        r.call = if i % 2 == 0 { 'x' } else { 'd' };
        records.push(r);
    }
    records.extend(agents.iter().cloned());
    let mut input = Vec::new();
    for r in &records {
        r.encode(&mut input);
    }
    let input_path = f.dir.join("records");
    std::fs::write(&input_path, &input).unwrap();
    let input_path = input_path.to_str().unwrap();

    let stand_in = StandIn::start(&f.home);
    let (real_codes, real_sent) = run(&f, &stand_in, input_path, true);
    let (our_codes, our_sent) = run(&f, &stand_in, input_path, false);
    assert_eq!(
        real_codes.len(),
        records.len(),
        "the real run stopped early"
    );
    assert_eq!(our_codes.len(), records.len(), "our run stopped early");

    // Requests go out only for calls that succeed; pair them with their records.
    let mut real_sent = real_sent.into_iter();
    let mut our_sent = our_sent.into_iter();
    let mut differences = Vec::new();
    let (mut identical, mut compiled, mut refused) = (0, 0, 0);
    for (i, r) in records.iter().enumerate() {
        let (rc_real, rc_ours) = (real_codes[i], our_codes[i]);
        let real_req = (rc_real == 0).then(|| real_sent.next()).flatten();
        let our_req = (rc_ours == 0).then(|| our_sent.next()).flatten();
        if rc_real != rc_ours {
            differences.push(format!(
                "#{i} {}: real {rc_real}, ours {rc_ours}",
                describe(&r.filter)
            ));
            continue;
        }
        if real_req != our_req {
            let (rb, ob) = (
                real_req.as_ref().and_then(bytecode_of),
                our_req.as_ref().and_then(bytecode_of),
            );
            differences.push(format!(
                "#{i} {}: requests differ; bytecode real {:02x?}\n ours {:02x?}",
                describe(&r.filter),
                rb.map(|b| b[48..].iter().take(64).copied().collect::<Vec<_>>()),
                ob.map(|b| b[48..].iter().take(64).copied().collect::<Vec<_>>())
            ));
            continue;
        }
        identical += 1;
        if rc_real == 0 {
            compiled += 1;
        } else {
            refused += 1;
        }
    }
    assert!(
        real_sent.next().is_none() && our_sent.next().is_none(),
        "extra requests"
    );
    println!(
        "{} records ({} hand-written, {} generated, {} limits, {} agent-domain, rest \
         exclusion/disable variants): {identical} identical ({compiled} sent, {refused} \
         refused), {} different",
        records.len(),
        hand.len(),
        generated.len(),
        limits.len(),
        agents.len(),
        differences.len()
    );
    assert!(
        differences.is_empty(),
        "{} differences:\n{}",
        differences.len(),
        differences.join("\n")
    );
    // The corpus must exercise both outcomes, and every refusal must be the filter code
    // or the empty-filter code.
    assert!(
        compiled >= 300 && refused >= 200,
        "{compiled} sent, {refused} refused"
    );
    assert!(real_codes.iter().all(|&c| [0, -106, -97].contains(&c)));
}
