//! Bad input never crashes: a C program calls every entry point with NULL and malformed
//! arguments on our library and checks each refusal code.

mod common;

use common::*;

#[test]
fn every_entry_point_refuses_null_and_malformed_arguments() {
    let Some(f) = Fixture::build("null_args", &["tests/c/null_args.c"], Link::Ours) else {
        return;
    };
    let text = ok_stdout("null_args", &f.run_ours(&[]));
    let count: usize = text.trim().rsplit(' ').next().unwrap().parse().unwrap();
    assert!(count >= 90, "{text}");
    println!("{text}");
}
