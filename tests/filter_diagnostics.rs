//! What the library prints when it refuses a filter expression: upstream's parser and
//! visitors print their diagnostics on stderr (`[error] make_op: binary operation '*' not
//! supported`, `Generate IR error`, `error syntax error`, `Parse error`, ...) before the CLI's
//! own error line, and `lttng -q` does not silence them. The real `lttng enable-event` runs on
//! the real library and on ours (no session daemon is needed: the expression is compiled
//! before anything is sent); exit status, stdout and stderr must be identical.

mod common;

use std::path::Path;
use std::time::Duration;

use common::*;

/// Refused expressions, one for each message upstream prints (and the order in which it
/// reports the first of several faults).
fn bad_filters() -> Vec<String> {
    let mut filters: Vec<String> = [
        // Parser: bison's syntax error, the grammar's own refusals.
        "a ==",
        " ",
        "a b",
        "\"abc",
        "'' == a",
        "a ==\r1",
        "é == 1",
        "\"ESCSEQ\" == a",
        "a == 'xESCSEQ'",
        "\"aESCSEQ",
        "a \"ESCSEQ\"",
        "0X1F == a",
        "0u == a",
        "a 0X1F",
        // IR generation.
        "a * 2",
        "a / 2 == 1",
        "a % 2",
        "1 + 2",
        "b == a - 1",
        "(!\"s\") * 2",
        "!\"x\"",
        "-\"s\" == a",
        "~\"s\"",
        "\"x\"",
        "1.5",
        "\"s\" == 1",
        "1.5 != \"s\"",
        "\"x\" && a",
        "a || \"x\"",
        "a & \"s\"",
        "a ^ 1.5",
        "a << 1.0",
        "$ctx",
        "$app == 1",
        "$foo.x == 1",
        "a[b] == 1",
        "$ctx.a[x] == 1",
        // Checks after the IR.
        "a == \"\\q\"",
        "a == \"x\\\"",
        "\"a*b\" == \"c*d\"",
        "\"a*\" == \"b*c\"",
        "a < \"x*y\"",
        "a >= \"*x\"",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Nested deeper than bison's stack.
    filters.push(format!("{}a", "(".repeat(10_001)));
    // Bytecode larger than 65,536 bytes while being generated (12 bytes per `1&&`).
    filters.push(format!("{}1", "1&&".repeat(5_500)));
    // Bytecode that fits but not with its header: refused without a word.
    let n = (65_489 + 2) / 12;
    filters.push(format!(
        "{}{}",
        "!".repeat(65_489 - (12 * n - 2)),
        vec!["1"; n].join("&&")
    ));
    filters
}

/// `lttng [options] enable-event <domain> ... --filter <filter>` on the real library (`lib`
/// None) or on ours: exit status, stdout, stderr.
fn enable_event(
    home: &Path,
    lib: Option<&Path>,
    options: &[&str],
    domain: &str,
    filter: &str,
) -> String {
    let mut cmd = as_test_user("lttng");
    cmd.args(options)
        .args(["enable-event", domain, "-s", "s", "x", "--filter", filter])
        .env("LTTNG_HOME", home)
        .env("HOME", home);
    match lib {
        Some(lib) => cmd.env("LD_LIBRARY_PATH", lib),
        None => cmd.env_remove("LD_LIBRARY_PATH"),
    };
    let out = run_with_timeout(cmd, Duration::from_secs(60));
    format!(
        "exit {:?}\n--- stdout\n{}--- stderr\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn refused_filters_print_upstreams_diagnostics() {
    if !have("lttng") {
        assert!(!in_ci(), "lttng is missing");
        eprintln!("skipped: the lttng CLI is not installed");
        return;
    }
    let dir = TestDir::new("filter-diag");
    let home = dir.subdir("home");
    let lib = our_lib_path(&dir);
    let mut failures = Vec::new();
    let mut silent = 0;
    for filter in bad_filters() {
        // User space; quiet (the CLI's line goes, upstream's diagnostics stay); JUL, where
        // the library wraps the expression in its own (`logger_name == ...`).
        for (options, domain) in [(&[][..], "-u"), (&["-q"][..], "-u"), (&[][..], "-j")] {
            let real = enable_event(&home, None, options, domain, &filter);
            let ours = enable_event(&home, Some(&lib), options, domain, &filter);
            // (With JUL, `1.5` is an operand of `&&`: accepted.)
            if domain == "-u" && !real.starts_with("exit Some(106)") {
                failures.push(format!(
                    "{filter:.60?} {options:?} {domain}: not refused by the real library:\n{}",
                    shorten(&real)
                ));
            }
            let diagnostics = real.split("--- stderr\n").nth(1).unwrap_or("");
            if domain == "-u" && (diagnostics.is_empty() || diagnostics.starts_with("Error: ")) {
                silent += 1;
            }
            if real != ours {
                failures.push(format!(
                    "{filter:.80?} {options:?} {domain}\n=== real:\n{}\n=== ours:\n{}",
                    shorten(&real),
                    shorten(&ours)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // Only the last one, too large with its header, is refused without a word (2 runs).
    assert_eq!(silent, 2, "refusals without a diagnostic");
}

/// Long filters are echoed by the CLI's error line: keep reports readable.
fn shorten(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.len() > 300 {
                format!(
                    "{}... ({} bytes)",
                    l.chars().take(300).collect::<String>(),
                    l.len()
                )
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
