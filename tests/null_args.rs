//! Bad input never crashes: a C program calls every entry point with NULL and malformed
//! arguments on our library and checks each refusal code.

mod common;

use common::*;

#[test]
fn every_entry_point_refuses_null_and_malformed_arguments() {
    if !have_all(&["cc", "setpriv"]) {
        return;
    }
    let dir = TestDir::new("null");
    let home = dir.subdir("home");
    let lib = our_lib_path(&dir);
    let libs = ours_libs(&lib);
    let libs: Vec<&str> = libs.iter().map(String::as_str).collect();
    let program = compile_c(&dir, "null_args", &["tests/c/null_args.c"], &libs);
    let out = run_c(&program, &home, Some(&lib), &[], &[]);
    let text = ok_stdout("null_args", &out);
    let count: usize = text.trim().rsplit(' ').next().unwrap().parse().unwrap();
    assert!(count >= 90, "{text}");
    println!("{text}");
}
