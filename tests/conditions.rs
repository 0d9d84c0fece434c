//! Conditions, capture descriptors, evaluations and captured values from C
//! (tests/c/conditions.c): every condition and expression kind built and read back through
//! every getter (other kinds' included), event-rule-matches conditions on every rule type,
//! invalid arguments, ownership transfers; run on the real library and on ours, with
//! identical output, then on ours under valgrind (no error, nothing lost), and what only our
//! library survives (`conditions ours`). No daemon is involved: these objects live in the
//! library.

mod common;

use common::*;

fn assert_has(text: &str, lines: &[&str]) {
    for line in lines {
        assert!(text.lines().any(|l| l == *line), "{line:?} not in:\n{text}");
    }
}

#[test]
fn conditions_and_expressions_as_the_real_library_builds_them() {
    let Some(f) = Fixture::build("conditions", &["tests/c/conditions.c"], Link::Real) else {
        return;
    };
    let real = ok_stdout("conditions (real library)", &f.run_real(&[]));
    let ours = ok_stdout("conditions (ours)", &f.run_ours(&[]));
    assert_eq!(ours, real, "outputs differ (left: ours, right: real)");
    assert_has(
        &ours,
        &[
            // Unset parts, then a NaN ratio accepted (upstream's range test lets it pass).
            "  buffer_usage: ratio=-4:-1 bytes=-4:42 session=-4:(untouched) channel=-4:(untouched) domain=-4:77",
            "  ratio -0.1=-3 1.0001=-3 nan=0 1=0 0=0 0.75=0",
            "  buffer_usage: ratio=-4:-1 bytes=0:18446744073709551615 session=0:s2 channel=0:ch2 domain=0:99",
            // A getter of another type: INVALID; get_rule writes NULL then.
            "  event_rule_matches: rule=-3:NULL count=-3:4242 count NULL out=-3 at(0)=NULL at(UINT_MAX)=NULL",
            "  consumed_size: threshold=0:0 session=0:cs2 NULL out: -3 -3",
            "nested: type=3 payload=(NULL) channel=(NULL) app=(NULL):(NULL) index=0:4294967295 index NULL out=-1 parent=expr",
            "equal: NULL,NULL=1 NULL,e=0 e,NULL=0 self=1 same=1 other name=0 other kind=0",
            "field value NULL: type=-1 uint=-1 int=-1 real=-1 string=-1 length=-1 element=-1",
            // The condition keeps its rule; descriptors in order, the last past the end.
            "  get_rule after the caller's destroy=0 type=4 pattern=0:my_*",
            "  count=0:5",
            "  descriptor 4: type=3 payload=(NULL) channel=(NULL) app=(NULL):(NULL) index=0:2 index NULL out=-1 parent=expr",
            "  descriptor 5: type=-1 payload=(NULL) channel=(NULL) app=(NULL):(NULL) index=-1:4242 index NULL out=-1 parent=NULL",
            "  descriptor 2 equals a new vpid: 1, descriptor 1: 0",
            // Probes cannot capture.
            "kprobe address: type=105 get_rule=0:the rule rule type=1",
            "  append payload=-5",
            "uprobe: type=105 get_rule=0:the rule rule type=3",
        ],
    );
    assert_eq!(
        ours.lines().filter(|l| *l == "  append payload=-5").count(),
        3,
        "{ours}"
    );
    let beyond = ok_stdout("conditions ours", &f.run_ours(&["ours"]));
    assert_eq!(
        beyond,
        "ours: get_rule NULL out=-3\n\
         ours: append=0 after the caller's destroy: name=f append again=0 count=2 same=yes\n\
         ours: parent after the caller's destroy: arr\n\
         ours: append element=0\n\
         ours: destroyed twice\n"
    );
    if !have("valgrind") {
        return;
    }
    f.assert_clean_under_valgrind(
        &[
            "--leak-check=full",
            "--errors-for-leak-kinds=definite,indirect,possible",
        ],
        &[],
    );
    f.assert_clean_under_valgrind(
        &[
            "--leak-check=full",
            "--errors-for-leak-kinds=definite,indirect,possible",
        ],
        &["ours"],
    );
}
