//! Thread safety: eight threads of one process share our library against the real session
//! daemon; every call gets its own answer.

mod common;

use common::*;

#[test]
fn eight_threads_create_list_destroy() {
    if !have("lttng-sessiond") {
        return;
    }
    let Some(f) = Fixture::build("threads", &["tests/c/threads.c"], Link::Real) else {
        return;
    };
    let _sessiond = Sessiond::start(&f.dir);
    let text = ok_stdout("threads", &f.run_ours(&["10"]));
    assert!(text.contains("threads=8 rounds=10 errors=0"), "{text}");
    println!("{text}");
}
