//! Filters end to end, on our library against the real LTTng 2.13 daemons: a traced
//! application emits 1000 `tracef()` events "tick 0" .. "tick 999"; a session streams
//! them to a real relay daemon through an event rule with a filter; babeltrace2 must read
//! exactly the events the filter keeps, each once.

mod common;

use common::*;

const EVENTS: usize = 1000;

/// A session with one filter, and which ticks it keeps (decided here, independently of
/// any filter code).
struct Case {
    session: &'static str,
    filter: &'static str,
    keeps: fn(usize) -> bool,
}

fn starts_with(i: usize, digit: char) -> bool {
    i.to_string().starts_with(digit)
}

fn cases() -> Vec<Case> {
    vec![
        // Glob with its only star at the end (legacy string comparison).
        Case {
            session: "fstarend",
            filter: "msg == \"tick 1*\"",
            keeps: |i| starts_with(i, '1'),
        },
        // Full glob pattern (LOAD_STAR_GLOB_STRING).
        Case {
            session: "fglob",
            filter: "msg == \"tick *7\"",
            keeps: |i| i % 10 == 7,
        },
        // Short-circuit ||, two comparisons.
        Case {
            session: "for",
            filter: "msg == \"tick 1*\" || msg == \"tick *7\"",
            keeps: |i| starts_with(i, '1') || i % 10 == 7,
        },
        // A context field, a negation, &&, parentheses.
        Case {
            session: "fctx",
            filter: "$ctx.vpid > 0 && !(msg != \"tick 5*\")",
            keeps: |i| starts_with(i, '5'),
        },
        // Plain string equality: one event.
        Case {
            session: "fexact",
            filter: "msg == \"tick 42\"",
            keeps: |i| i == 42,
        },
    ]
}

#[test]
fn filters_keep_exactly_the_matching_events() {
    if !have_all(&[
        "lttng-sessiond",
        "lttng-relayd",
        "babeltrace2",
        "cc",
        "setpriv",
    ]) {
        return;
    }
    let dir = TestDir::new("filter-e2e");
    let lib = our_lib_path(&dir);
    let program = compile_c(&dir, "filter_e2e", &["tests/c/filter_e2e.c"], CTL_LIBS);
    let app = compile_c(&dir, "app", &["examples/traced_app.c"], UST_LIBS);
    let relayd = Relayd::start(&dir);
    let sessiond = Sessiond::start(&dir);
    let url = relayd.net_url();
    let count = EVENTS.to_string();
    let mut report = Vec::new();
    for Case {
        session,
        filter,
        keeps,
    } in cases()
    {
        let out = run_c(
            &program,
            &sessiond.home,
            Some(&lib),
            &[session, &url, app.to_str().unwrap(), &count, filter],
            &[],
        );
        let stdout = ok_stdout(session, &out);
        assert!(stdout.contains(&format!("filter=[{filter}]")), "{stdout}");

        let trace = find_dir(&relayd.output.join(hostname()), &format!("{session}-"));
        let lines = babeltrace_events(&trace);
        let mut seen: Vec<usize> = lines
            .iter()
            .filter(|l| l.contains("lttng_ust_tracef:event"))
            .map(|l| {
                let at = l
                    .find("\"tick ")
                    .unwrap_or_else(|| panic!("no tick in {l}"));
                let digits: String = l[at + 6..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                digits.parse().unwrap()
            })
            .collect();
        seen.sort_unstable();
        let expected: Vec<usize> = (0..EVENTS).filter(|&i| keeps(i)).collect();
        assert_eq!(
            seen,
            expected,
            "filter {filter:?}: babeltrace2 read {} events, expected {}",
            seen.len(),
            expected.len()
        );
        report.push(format!("{filter}: {} of {EVENTS} events", seen.len()));
    }
    println!("{}", report.join("\n"));
}
