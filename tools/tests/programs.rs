//! The programs start and answer `--version` (`--help`) (this test also makes `cargo test` build them
//! for the library's tests, which run them from the target directory).

#[test]
fn every_program_answers_its_version() {
    for (program, flag, expect) in [
        (
            env!("CARGO_BIN_EXE_lttng-consumer"),
            "--version",
            env!("CARGO_PKG_VERSION"),
        ),
        (
            env!("CARGO_BIN_EXE_lttng-ref-sessiond"),
            "--version",
            env!("CARGO_PKG_VERSION"),
        ),
        (env!("CARGO_BIN_EXE_lttng-ref-consumerd"), "--help", "Usage"),
    ] {
        let out = std::process::Command::new(program)
            .arg(flag)
            .output()
            .unwrap_or_else(|e| panic!("{program}: {e}"));
        assert!(out.status.success(), "{program} {flag}: {}", out.status);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(expect), "{program} {flag}: {text}");
    }
}
