//! Event rules and what they hold (`lttng/event-rule/*.h`, `log-level-rule.h`,
//! `kernel-probe.h`, `userspace-probe.h`), no daemon needed: tests/c/event_rules.c builds
//! every rule type, probe location and log-level rule, sets and reads back every attribute
//! and tries the invalid cases; its output on the real library and on ours must be
//! identical. On ours it also runs under valgrind (no invalid access, no leak, no descriptor
//! left open: the program checks it), and with `ours-only`, the cases where upstream crashes.

mod common;

use common::*;

/// Lines the comparison must contain, so that an empty or truncated run cannot pass.
const EXPECTED: &[&str] = &[
    "pattern = \"a*b*c\"",
    "pattern = \"\\**x\\\\*y*\"",
    "past the end = \"sentinel\"",
    "exclusion 2: 255 bytes, \"eeeeeeeeeeee\"",
    "kernel_syscall_create(3): NULL",
    "log level rule is a copy: yes",
    "location is a copy: yes",
    "probe name = \"third\"",
    "provider name = \"second\"",
    "copy shares the binary's fd: yes",
    "copy has its own lookup method: yes",
    "fd open after the original's destruction: yes",
    "fd open after the rule's destruction: no",
    "function name of 300 bytes kept as 256",
    "the event closed its location's fd: yes",
    "done",
];

#[test]
fn event_rules_behave_as_the_real_library() {
    let Some(f) = Fixture::build("event_rules", &["tests/c/event_rules.c"], Link::Real) else {
        return;
    };
    let real = ok_stdout("event_rules (real library)", &f.run_real(&[]));
    let ours = ok_stdout("event_rules (ours)", &f.run_ours(&[]));
    assert_eq!(ours, real, "outputs differ (left: ours, right: real)");
    for line in EXPECTED {
        assert!(ours.lines().any(|l| l == *line), "{line:?} not in:\n{ours}");
    }

    let only = ok_stdout("event_rules ours-only", &f.run_ours(&["ours-only"]));
    assert_eq!(
        only,
        "user tracepoint NULL log level rule: -3\n\
         jul NULL log level rule: -3\n\
         symbol offset to NULL: -1\n\
         address to NULL: -1\n\
         lookup method of NULL: NULL\n\
         type of a log-level rule as a rule: -1\n\
         pattern of a location as a rule: -3\n\
         rule as a log-level rule: -3\n\
         kprobe on a userspace location: NULL\n\
         type of a rule as a location: -1\n\
         lent log-level rule survives its destructor: 0\n\
         released rule: -1\n\
         released location: -1\n"
    );

    if !have("valgrind") {
        return;
    }
    f.assert_clean_under_valgrind(
        &[
            "--leak-check=full",
            "--errors-for-leak-kinds=definite,indirect",
        ],
        &[],
    );
    f.assert_clean_under_valgrind(
        &[
            "--leak-check=full",
            "--errors-for-leak-kinds=definite,indirect",
        ],
        &["ours-only"],
    );
}
