//! The C layer's kit, seen from C: an object of the library passed back after it was
//! released, an object of another kind, or a pointer the library never returned is refused
//! with the function's invalid-argument value, without reading it and without a double
//! free (under valgrind, which would report either).

mod common;

use common::*;

#[test]
fn released_foreign_and_wrong_kind_objects_are_refused() {
    let Some(f) = Fixture::build("stale_objects", &["tests/c/stale_objects.c"], Link::Real) else {
        return;
    };
    let out = f.run_ours(&[]);
    let text = ok_stdout("stale_objects", &out);
    for line in [
        "released descriptor: refused",
        "released schedule: refused",
        "released snapshot output: refused",
        "released save attributes: refused",
        "released handle: destroyed once",
        "wrong kind: refused",
        "foreign pointers: refused",
    ] {
        assert!(text.lines().any(|l| l == line), "{line:?} in:\n{text}");
    }
    if !have("valgrind") {
        return;
    }
    f.assert_clean_under_valgrind(&["--leak-check=no"], &[]);
}
