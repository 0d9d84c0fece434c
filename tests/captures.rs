//! Captured event fields of every kind the user-space tracer gives, through a real session
//! daemon: tests/c/captures.c registers a trigger on tests/c/capture_app.c's tracepoint
//! (tests/c/capture_tp.h: signed and unsigned integers of each width, a hexadecimal one, a
//! string, a fixed array, a sequence, a text array, enumerations over signed and unsigned
//! containers, double and float) with 23 capture descriptors (every field, array and
//! sequence elements in and out of range, an element of a string, a field that does not
//! exist, a channel context field, an application context field), runs the app and prints
//! the values of both notifications. The outputs on the real library and on ours must be
//! identical, and the program runs clean under valgrind on ours.

mod common;

use common::*;

#[test]
fn every_capture_kind_as_the_real_library_decodes_it() {
    if !have_all(&["lttng-sessiond", "setpriv", "cc"]) {
        return;
    }
    let Some(f) = Fixture::build("captures", &["tests/c/captures.c"], Link::Real) else {
        return;
    };
    let _sessiond = Sessiond::start(&f.dir);
    let app = compile_c(&f.dir, "capture_app", &["tests/c/capture_app.c"], UST_LIBS);
    let app = app.to_str().unwrap();

    let real = ok_stdout("captures (real library)", &f.run_real(&[app]));
    let ours = ok_stdout("captures (ours)", &f.run_ours(&[app]));
    println!("{ours}");
    assert_eq!(ours, real, "outputs differ (left: ours, right: real)");
    for line in [
        "descriptors: 23",
        "register: 10",
        "  [0] expr type 0: SIGNED_INT 0:-1000000000000 (as unsigned: -1)",
        "  [2] expr type 0: UNSIGNED_INT 0:18446744073709551615 (as signed: -1)",
        "  [3] expr type 0: SIGNED_INT 0:-3 (as unsigned: -1)",
        "  [6] expr type 0: STRING 0:\"first\"",
        "  [7] expr type 0: ARRAY(0:3) [SIGNED_INT 0:-1 (as unsigned: -1), UNSIGNED_INT 0:0 \
         (as signed: -1), UNSIGNED_INT 0:2147483647 (as signed: -1), past the end: -1]",
        "  [8] expr type 0: ARRAY(0:1) [SIGNED_INT 0:-1 (as unsigned: -1), past the end: -1]",
        "  [10] expr type 0: UNSIGNED_ENUM 0:0 (as signed: -1)",
        "  [11] expr type 0: SIGNED_ENUM 0:-5 (as unsigned: -1)",
        "  [12] expr type 0: REAL 0:1.5",
        "  [13] expr type 0: REAL 0:-0.25",
        "  [14] expr type 0: UNAVAILABLE",
        "  [17] expr type 3: UNAVAILABLE",
        "  [21] expr type 1: type 0, the app's pid: yes",
        "  [22] expr type 2: UNAVAILABLE",
        "unregister: 0",
    ] {
        assert!(ours.contains(line), "missing {line:?} in:\n{ours}");
    }
    if have("valgrind") {
        f.assert_clean_under_valgrind(
            &[
                "--leak-check=full",
                "--errors-for-leak-kinds=definite,indirect,possible",
            ],
            &[app],
        );
    }
}
