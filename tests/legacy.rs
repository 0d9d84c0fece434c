//! Calls that 2.13 keeps for older programs (the PID tracker API, `lttng_metadata_regenerate`)
//! give the real library's results against the real session daemon.

mod common;

use common::*;

#[test]
fn legacy_pid_tracker_calls_match_the_real_library() {
    if !have("lttng-sessiond") {
        return;
    }
    let Some(f) = Fixture::build("legacy", &["tests/c/legacy_trackers.c"], Link::Real) else {
        return;
    };
    let run = |real: bool| {
        let dir = TestDir::new(if real { "legacy-real" } else { "legacy-ours" });
        let sessiond = Sessiond::start(&dir);
        let mut cmd = as_test_user(&f.program);
        cmd.arg("legacy")
            .env("LTTNG_HOME", &sessiond.home)
            .env_remove("LD_LIBRARY_PATH");
        if real {
            cmd.env("LTTNG_CTL_EXPECT_REAL", "1");
        } else {
            cmd.env("LD_LIBRARY_PATH", &f.lib);
        }
        ok_stdout(
            "legacy_trackers",
            &run_with_timeout(cmd, std::time::Duration::from_secs(60)),
        )
    };
    let real = run(true);
    let ours = run(false);
    // Upstream leaves `*enabled` unwritten when the tracker has an inclusion set; this library
    // writes 1 there (the set is enabled). Everything else is identical.
    assert!(
        real.contains("list two: ret=0 enabled=-1 n=2: 7 42"),
        "{real}"
    );
    assert!(
        ours.contains("list two: ret=0 enabled=1 n=2: 7 42"),
        "{ours}"
    );
    let ours = ours
        .replace("ret=0 enabled=1 n=1:", "ret=0 enabled=-1 n=1:")
        .replace("ret=0 enabled=1 n=2:", "ret=0 enabled=-1 n=2:");
    for (r, o) in real.lines().zip(ours.lines()) {
        assert_eq!(o, r, "left: ours, right: real");
    }
    assert_eq!(ours, real);
    println!("{ours}");
}
