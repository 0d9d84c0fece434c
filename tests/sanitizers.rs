//! The C test programs and examples under AddressSanitizer and under valgrind, on our
//! library: without a daemon (NULL and malformed arguments, error texts, save/load
//! attributes) and against the reference session daemon (eight threads creating, listing
//! and destroying sessions; listing sessions, channels and events; the design's consumer
//! chain to a local output).
//!
//! Each program is built twice: with `-fsanitize=address` (the test first checks that
//! AddressSanitizer really is linked: `__asan_init` in the binary, libasan in `ldd`), and
//! plain, run under `valgrind --error-exitcode=1 --leak-check=full
//! --errors-for-leak-kinds=definite`. Under CI=true a missing valgrind or libasan fails.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use common::*;

/// Exit code AddressSanitizer uses for its reports (distinct from the programs' own).
const ASAN_EXIT: i32 = 86;
/// Exit code valgrind uses for its errors.
const VALGRIND_EXIT: i32 = 87;

struct Program {
    name: &'static str,
    sources: &'static [&'static str],
    link: Link,
    /// Needs the reference session daemon.
    daemon: bool,
    args: fn(&Path) -> Vec<String>,
}

const PROGRAMS: &[Program] = &[
    Program {
        name: "null_args",
        sources: &["tests/c/null_args.c"],
        link: Link::Ours,
        daemon: false,
        args: |_| vec![],
    },
    Program {
        name: "strerror",
        sources: &["tests/c/strerror.c"],
        link: Link::Real,
        daemon: false,
        args: |_| vec![],
    },
    Program {
        name: "attrs",
        sources: &["tests/c/attrs.c"],
        link: Link::Real,
        daemon: false,
        args: |_| vec![],
    },
    Program {
        name: "threads",
        sources: &["tests/c/threads.c"],
        link: Link::Real,
        daemon: true,
        args: |_| vec!["5".into()],
    },
    Program {
        name: "list_sessions",
        sources: &["examples/list_sessions.c"],
        link: Link::Real,
        daemon: true,
        args: |_| vec![],
    },
    Program {
        name: "consumer_uri",
        sources: &["examples/consumer_uri.c"],
        link: Link::Ours,
        daemon: true,
        args: |dir| {
            vec![
                "chain".into(),
                format!("file://{}", dir.join("chain-trace").display()),
            ]
        },
    },
];

/// Compiles like common::compile_c, with extra flags.
fn compile(dir: &TestDir, p: &Program, tag: &str, extra: &[&str], lib: &Path) -> PathBuf {
    let out = dir.join(&format!("{}-{tag}", p.name));
    let mut cmd = Command::new(std::env::var("CC").unwrap_or_else(|_| "cc".into()));
    cmd.args(["-std=gnu11", "-Wall", "-Wextra", "-Werror", "-g", "-O1"])
        .args(extra)
        .arg(format!("-I{}", repo().join("include").display()))
        .arg(format!("-I{}", repo().join("tests/c").display()));
    for s in p.sources {
        cmd.arg(repo().join(s));
    }
    cmd.arg("-o").arg(&out);
    match p.link {
        Link::Real => cmd.args(CTL_LIBS),
        Link::Ours => cmd.args(ours_libs(lib)),
    };
    let output = cmd.output().expect("cc");
    assert!(
        output.status.success(),
        "compiling {} ({tag}) failed:\n{}",
        p.name,
        String::from_utf8_lossy(&output.stderr)
    );
    let _ = std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o755));
    out
}

/// Proof that AddressSanitizer is linked into `program`.
fn assert_asan_linked(program: &Path) {
    let nm = Command::new("nm").arg(program).output().expect("nm");
    let symbols = String::from_utf8_lossy(&nm.stdout);
    assert!(
        symbols.contains("__asan_init"),
        "{}: no __asan_init",
        program.display()
    );
    let ldd = Command::new("ldd").arg(program).output().expect("ldd");
    let libs = String::from_utf8_lossy(&ldd.stdout);
    assert!(
        libs.contains("libasan"),
        "{}: libasan not linked:\n{libs}",
        program.display()
    );
}

fn run(cmd: Command) -> Output {
    run_with_timeout(cmd, Duration::from_secs(300))
}

fn command(
    wrapper: Option<&[&str]>,
    program: &Path,
    args: &[String],
    home: &Path,
    lib: &Path,
) -> Command {
    let mut cmd = match wrapper {
        Some(w) => {
            let mut c = as_test_user(w[0]);
            c.args(&w[1..]).arg(program);
            c
        }
        None => as_test_user(program),
    };
    cmd.args(args)
        .env("LTTNG_HOME", home)
        .env("LD_LIBRARY_PATH", lib)
        .env(
            "ASAN_OPTIONS",
            format!("detect_leaks=1:exitcode={ASAN_EXIT}:print_summary=1"),
        );
    cmd
}

fn check(what: &str, out: &Output) {
    assert!(
        out.status.success(),
        "{what}: {}\nstdout:\n{}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("ERROR: AddressSanitizer"),
        "{what}: {stderr}"
    );
    assert!(!stderr.contains("ERROR: LeakSanitizer"), "{what}: {stderr}");
}

/// Sessions for the listing program to show: a channel, an event, a local output.
fn populate(refd: &RefSessiond, dir: &TestDir) {
    let out = dir.subdir("listed-trace");
    lttng_ok(
        &refd.home,
        &["create", "listed", &format!("--output={}", out.display())],
    );
    lttng_ok(&refd.home, &["enable-channel", "-u", "chan"]);
    lttng_ok(&refd.home, &["enable-event", "-u", "ref:*", "-c", "chan"]);
    lttng_ok(&refd.home, &["create", "empty", "--no-output"]);
}

/// The harness catches what it should: a use after free fails under both tools, with their
/// own exit codes.
fn assert_tools_catch_a_use_after_free(dir: &TestDir, valgrind: &[&str]) {
    let src = dir.join("uaf.c");
    std::fs::write(
        &src,
        "#include <stdlib.h>\nint main(void) { volatile char *p = malloc(8); p[0] = 1; \
         free((void *) p); return p[0]; }\n",
    )
    .unwrap();
    for (tag, flags) in [("asan", &["-fsanitize=address"][..]), ("plain", &[][..])] {
        let out = dir.join(&format!("uaf-{tag}"));
        let cc = Command::new(std::env::var("CC").unwrap_or_else(|_| "cc".into()))
            .args(["-g", "-O0"])
            .args(flags)
            .arg(&src)
            .arg("-o")
            .arg(&out)
            .status()
            .unwrap();
        assert!(cc.success());
        let _ = std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o755));
    }
    let home = dir.subdir("uaf-home");
    let lib = dir.subdir("uaf-lib");
    let asan = run(command(None, &dir.join("uaf-asan"), &[], &home, &lib));
    assert_eq!(asan.status.code(), Some(ASAN_EXIT), "{asan:?}");
    let vg = run(command(
        Some(valgrind),
        &dir.join("uaf-plain"),
        &[],
        &home,
        &lib,
    ));
    assert_eq!(vg.status.code(), Some(VALGRIND_EXIT), "{vg:?}");
}

#[test]
fn c_programs_under_asan_and_valgrind() {
    if !have_all(&["cc", "setpriv", "nm", "ldd", "lttng", "valgrind"]) {
        return;
    }
    let dir = TestDir::new("sanitizers");
    let lib = our_lib_path(&dir);
    // No daemon answers here (the reference daemon's home is "home").
    let home = dir.subdir("no-daemon-home");
    let refd = RefSessiond::start(&dir, &[]);
    populate(&refd, &dir);
    let valgrind: &[&str] = &[
        "valgrind",
        "--quiet",
        "--error-exitcode=87",
        "--leak-check=full",
        "--errors-for-leak-kinds=definite",
        "--show-leak-kinds=definite",
    ];
    assert_eq!(VALGRIND_EXIT, 87);
    assert_tools_catch_a_use_after_free(&dir, valgrind);
    for p in PROGRAMS {
        let asan = compile(
            &dir,
            p,
            "asan",
            &["-fsanitize=address", "-fno-omit-frame-pointer"],
            &lib,
        );
        assert_asan_linked(&asan);
        let plain = compile(&dir, p, "plain", &[], &lib);
        let home = if p.daemon { &refd.home } else { &home };
        let args = (p.args)(&dir.path);
        if !p.daemon {
            // The banner proves the sanitizer runs, not only that it is linked.
            let mut cmd = command(None, &asan, &args, home, &lib);
            cmd.env("ASAN_OPTIONS", "help=1");
            let banner = run(cmd);
            assert!(
                String::from_utf8_lossy(&banner.stderr)
                    .contains("Available flags for AddressSanitizer"),
                "{}: no AddressSanitizer banner",
                p.name
            );
        }
        let out = run(command(None, &asan, &args, home, &lib));
        check(&format!("{} under AddressSanitizer", p.name), &out);
        let out = run(command(Some(valgrind), &plain, &args, home, &lib));
        check(&format!("{} under valgrind", p.name), &out);
        println!("{}: clean under AddressSanitizer and valgrind", p.name);
    }
}
