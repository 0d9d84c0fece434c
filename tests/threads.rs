//! Thread safety: eight threads of one process share our library against the real session
//! daemon; every call gets its own answer.

mod common;

use common::*;

#[test]
fn eight_threads_create_list_destroy() {
    if !have_all(&["lttng-sessiond", "cc", "setpriv"]) {
        return;
    }
    let dir = TestDir::new("threads");
    let lib = our_lib_path(&dir);
    let program = compile_c(&dir, "threads", &["tests/c/threads.c"], CTL_LIBS);
    let sessiond = Sessiond::start(&dir);
    let out = run_c(&program, &sessiond.home, Some(&lib), &["10"], &[]);
    let text = ok_stdout("threads", &out);
    assert!(text.contains("threads=8 rounds=10 errors=0"), "{text}");
    println!("{text}");
}
