//! Every C test program (tests/c/*.c) and every example (examples/*.c) that a test runs, under
//! AddressSanitizer and under valgrind, on our library, with the setup its own test uses:
//!
//! | program | daemons | arguments (per tool) |
//! |---|---|---|
//! | null_args, strerror, attrs | none | none |
//! | conditions | none | none |
//! | triggers_api | none; recording stand-in; real lttng-sessiond | `objects`; `daemon uprobe`; `daemon` |
//! | wire_calls, refuse, sigpipe | recording stand-in (tests/common/standin.rs) | none |
//! | filter_corpus | recording stand-in | tests/data/filters.txt rotated over the three calls, agent domains, limits |
//! | faults | dying stand-in (tests/python/dying_sessiond.py) | `list`, `exclusions` (die at accept, after the header, mid-payload); `pending` (mute, then killed) |
//! | faults | lttng-ref-sessiond, killed by pid mid-run | `loop 4` |
//! | list_sessions | lttng-ref-sessiond (four sessions), real lttng-relayd | none |
//! | consumer_uri | lttng-ref-sessiond, real lttng-relayd | `SESSION net://... sleep 0.6`; `SESSION LOCAL_DIR sleep 0.3` with LTTNG_CTL_DEBUG=1 |
//! | consumer_url | lttng-ref-sessiond, real lttng-relayd | `net://` alone, `tcp://` control and data, a refused data host (exit 97) |
//! | design_chain | lttng-ref-sessiond, real lttng-relayd | `SESSION 127.0.0.1 CTRL DATA CLOSED 300` |
//! | soak | lttng-ref-sessiond | `4 2` (4 threads, 2 s) |
//! | threads | real lttng-sessiond | `2` (8 threads, 2 rounds) |
//! | legacy_trackers | real lttng-sessiond | `SESSION` |
//! | e2e (`-DNO_DESIGN_API`, and full) | real lttng-sessiond and lttng-relayd | `url ...`, `uri ...`, traced_app 100 |
//! | filter_e2e | real lttng-sessiond and lttng-relayd | the five filters of tests/filter_e2e.rs, traced_app 100 |
//! | consumer_uri | real lttng-sessiond and lttng-relayd | `SESSION net://... traced_app 100` |
//! | traced_app | (the command of the three rows above) | `100` |
//! | notification_standin | stand-in notification socket (tests/python/notification_standin.py) | none |
//! | notification_channel | real lttng-sessiond | `SESSION traced_app OUTPUT_DIR` |
//!
//! Programs built against the real library for a differential test run here on ours, through
//! LD_LIBRARY_PATH, like every other. Each check of the program's own test that proves it did
//! its work is repeated (a trace with every event, the requests the stand-in received, the
//! return codes); comparisons with the real library and timing bounds are not.
//!
//! Each program is built twice: with `-fsanitize=address` (the test first checks that
//! AddressSanitizer is linked: `__asan_init` in the binary, libasan in `ldd`; and that its
//! runtime ran: `atexit=1` makes every instrumented process print its exit statistics), and
//! plain, run under `valgrind --error-exitcode=87 --leak-check=full
//! --errors-for-leak-kinds=definite --trace-children=yes` (whose banner each run must print).
//! AddressSanitizer and LeakSanitizer intercept `malloc` and `free` in our (uninstrumented)
//! library too: a leak, a double or foreign `free`, a C read past a buffer the library
//! allocated are caught; valgrind checks the library's own code. A first test proves that
//! both tools fail a use after free and a leak with their exit codes. A program that runs the
//! traced application must show that the application ran under the tool too.
//!
//! Suppressions, for findings in system components only, each justified in its file:
//! tests/c/valgrind.supp (padding bytes the `lttng` CLI's own serializer leaves
//! uninitialised; a leak in liblttng-ust's probe registration when a filter reads a context
//! field) and tests/c/lsan.supp (the same liblttng-ust leak).
//!
//! Not covered:
//! * tests/c/trigger_setup.c: tests/triggers.rs runs it on the real library (it registers the
//!   triggers the real `lttng` CLI then lists and removes on ours: that runs here under
//!   valgrind on our library, not under AddressSanitizer, the CLI being Debian's
//!   uninstrumented binary); the same constructors run on our library in triggers_api.
//! * The soak test's resident-size bound: both tools change memory use by design (soak.c
//!   runs here for its calls, not its measurements).
//!
//! Under CI=true a missing valgrind, libasan, daemon, babeltrace2 or python3 fails.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::standin::StandIn;
use common::*;

/// Exit code AddressSanitizer uses for its reports (distinct from the programs' own).
const ASAN_EXIT: i32 = 86;
/// Exit code valgrind uses for its errors.
const VALGRIND_EXIT: i32 = 87;

/// `fast_unwind_on_malloc=0`: LeakSanitizer's allocation stacks are then complete through
/// code built without frame pointers (our library, liblttng-ust), which the suppressions of
/// tests/c/lsan.supp need.
const ASAN_OPTIONS: &str =
    "detect_leaks=1:exitcode=86:print_summary=1:atexit=1:fast_unwind_on_malloc=0";
/// What `atexit=1` makes every process with the AddressSanitizer runtime print.
const ASAN_RAN: &str = "AddressSanitizer exit stats:";
/// The banner of every process valgrind runs.
const VALGRIND_RAN: &str = "Memcheck, a memory error detector";

const VALGRIND: &[&str] = &[
    "--error-exitcode=87",
    "--leak-check=full",
    "--errors-for-leak-kinds=definite",
    "--show-leak-kinds=definite",
    // The traced application that e2e, filter_e2e and consumer_uri run is checked too; the
    // examples' other command, `sleep`, is not ours.
    "--trace-children=yes",
    "--trace-children-skip=*/sleep",
    // Deep enough that the suppressions of tests/c/valgrind.supp reach the export the
    // `lttng` CLI called, from the system call inside our library.
    "--num-callers=40",
];

const NO_SESSIOND: i32 = -19;
const FATAL: i32 = -25;
const UNK: i32 = -11;

/// valgrind as the test user, with its options and the suppressions of tests/c/valgrind.supp
/// (copied into `dir`).
fn valgrind(dir: &TestDir) -> Command {
    let mut cmd = as_test_user("valgrind");
    cmd.args(VALGRIND).arg(format!(
        "--suppressions={}",
        dir.repo_file("tests/c/valgrind.supp").display()
    ));
    cmd
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tool {
    Asan,
    Valgrind,
}

const TOOLS: [Tool; 2] = [Tool::Asan, Tool::Valgrind];

impl Tool {
    fn tag(self) -> &'static str {
        match self {
            Tool::Asan => "asan",
            Tool::Valgrind => "vg",
        }
    }

    /// What every process the tool runs in prints.
    fn banner(self) -> &'static str {
        match self {
            Tool::Asan => ASAN_RAN,
            Tool::Valgrind => VALGRIND_RAN,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Tool::Asan => "AddressSanitizer",
            Tool::Valgrind => "valgrind",
        }
    }
}

/// Whether the compiler can link AddressSanitizer; under CI a missing libasan fails.
fn have_asan(dir: &TestDir) -> bool {
    let src = dir.join("asan-probe.c");
    std::fs::write(&src, "int main(void) { return 0; }\n").unwrap();
    let ok = Command::new(std::env::var("CC").unwrap_or_else(|_| "cc".into()))
        .arg("-fsanitize=address")
        .arg(&src)
        .arg("-o")
        .arg(dir.join("asan-probe"))
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        assert!(
            !in_ci(),
            "libasan is required under CI but cannot be linked"
        );
        eprintln!("SKIP: cannot link AddressSanitizer (outside CI)");
    }
    ok
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

/// One test's directory, with our library in it.
struct Lab {
    dir: TestDir,
    lib: PathBuf,
}

/// A program built for both tools.
struct Built {
    name: String,
    asan: PathBuf,
    plain: PathBuf,
}

impl Built {
    fn program(&self, tool: Tool) -> &Path {
        match tool {
            Tool::Asan => &self.asan,
            Tool::Valgrind => &self.plain,
        }
    }

    /// The program's path for `tool`, as an argument of another program.
    fn arg(&self, tool: Tool) -> String {
        self.program(tool).to_string_lossy().into_owned()
    }
}

impl Lab {
    /// `None` (skip) outside CI when something is missing.
    fn new(tag: &str, needs: &[&str]) -> Option<Lab> {
        let mut all = vec!["cc", "setpriv", "nm", "ldd", "valgrind"];
        all.extend_from_slice(needs);
        if !have_all(&all) {
            return None;
        }
        let dir = TestDir::new(tag);
        if !have_asan(&dir) {
            return None;
        }
        let lib = our_lib_path(&dir);
        Some(Lab { dir, lib })
    }

    /// Builds `sources` with `flags` (link flags included), once with AddressSanitizer and
    /// once plain.
    fn build_with(&self, name: &str, sources: &[&str], flags: &[String]) -> Built {
        let build = |tool: Tool| {
            let mut args: Vec<&str> = Vec::new();
            if tool == Tool::Asan {
                args.extend(["-fsanitize=address", "-fno-omit-frame-pointer"]);
            }
            args.extend(flags.iter().map(String::as_str));
            compile_c(&self.dir, &format!("{name}-{}", tool.tag()), sources, &args)
        };
        let asan = build(Tool::Asan);
        assert_asan_linked(&asan);
        Built {
            name: name.to_owned(),
            asan,
            plain: build(Tool::Valgrind),
        }
    }

    /// A control program, linked like its own test links it.
    fn build(&self, name: &str, sources: &[&str], link: Link) -> Built {
        let libs = match link {
            Link::Real => CTL_LIBS.iter().map(|s| s.to_string()).collect(),
            Link::Ours => ours_libs(&self.lib),
        };
        self.build_with(name, sources, &libs)
    }

    /// examples/traced_app.c, the traced application of the end-to-end tests.
    fn build_app(&self) -> Built {
        let libs: Vec<String> = UST_LIBS.iter().map(|s| s.to_string()).collect();
        self.build_with("traced_app", &["examples/traced_app.c"], &libs)
    }

    /// The command that runs `program` under `tool` as the test user, on our library.
    fn command(
        &self,
        tool: Tool,
        program: &Built,
        home: &Path,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Command {
        let mut cmd = match tool {
            Tool::Asan => as_test_user(program.program(tool)),
            Tool::Valgrind => {
                let mut c = valgrind(&self.dir);
                c.arg(program.program(tool));
                c
            }
        };
        cmd.args(args)
            .env("LTTNG_HOME", home)
            .env("LD_LIBRARY_PATH", &self.lib)
            .env("ASAN_OPTIONS", ASAN_OPTIONS)
            .env(
                "LSAN_OPTIONS",
                format!(
                    "suppressions={}:print_suppressions=0",
                    self.dir.repo_file("tests/c/lsan.supp").display()
                ),
            );
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd
    }

    /// Runs `program` under `tool`; it must exit with `code` and the tool must be clean.
    fn run_expecting(
        &self,
        code: i32,
        tool: Tool,
        program: &Built,
        home: &Path,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Output {
        let cmd = self.command(tool, program, home, args, env);
        let out = run_with_timeout(cmd, Duration::from_secs(300));
        let what = format!("{} {}", program.name, args.join(" "));
        check(tool, &what, &out, code);
        out
    }

    /// Runs `program` under `tool`; it must succeed and the tool must be clean. Returns
    /// stdout.
    fn run(
        &self,
        tool: Tool,
        program: &Built,
        home: &Path,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> String {
        let out = self.run_expecting(0, tool, program, home, args, env);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Starts `program` under `tool`, stdout and stderr to files named after `tag`.
    fn spawn(&self, tool: Tool, program: &Built, home: &Path, args: &[&str], tag: &str) -> Running {
        let stdout = self.dir.join(&format!("{tag}.out"));
        let stderr = self.dir.join(&format!("{tag}.err"));
        let child = self
            .command(tool, program, home, args, &[])
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&stdout).unwrap())
            .stderr(std::fs::File::create(&stderr).unwrap())
            .spawn()
            .expect("spawn");
        Running {
            child,
            tool,
            what: format!("{} {}", program.name, args.join(" ")),
            stdout,
            stderr,
        }
    }
}

/// A program started by `Lab::spawn`.
struct Running {
    child: Child,
    tool: Tool,
    what: String,
    stdout: PathBuf,
    stderr: PathBuf,
}

impl Running {
    fn stdout_text(&self) -> String {
        std::fs::read_to_string(&self.stdout).unwrap_or_default()
    }

    /// Waits until stdout contains `needle`.
    fn wait_for_output(&mut self, needle: &str) {
        wait_for(
            &format!("{:?} from {}", needle, self.what),
            Duration::from_secs(120),
            || {
                if let Some(status) = self.child.try_wait().unwrap() {
                    panic!(
                        "{} exited early ({status}):\n{}\n{}",
                        self.what,
                        self.stdout_text(),
                        std::fs::read_to_string(&self.stderr).unwrap_or_default()
                    );
                }
                self.stdout_text().contains(needle)
            },
        );
    }

    /// Waits for the program (killed by pid if it hangs), checks it succeeded under a clean
    /// tool, returns stdout.
    fn finish(mut self) -> String {
        let deadline = Instant::now() + Duration::from_secs(120);
        let status = loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                break s;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!("{} hung:\n{}", self.what, self.stdout_text());
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let out = Output {
            status,
            stdout: std::fs::read(&self.stdout).unwrap(),
            stderr: std::fs::read(&self.stderr).unwrap(),
        };
        check(self.tool, &self.what, &out, 0);
        self.stdout_text()
    }
}

/// The run exited with `code`, the tool ran and reported nothing.
fn check(tool: Tool, what: &str, out: &Output, code: i32) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let describe = || {
        format!(
            "{what} under {}: {}\nstdout:\n{}\nstderr:\n{stderr}",
            tool.name(),
            out.status,
            String::from_utf8_lossy(&out.stdout)
        )
    };
    assert_eq!(out.status.code(), Some(code), "{}", describe());
    assert!(
        !stderr.contains("ERROR: AddressSanitizer") && !stderr.contains("ERROR: LeakSanitizer"),
        "{}",
        describe()
    );
    assert!(
        stderr.contains(tool.banner()),
        "{} did not run: {}",
        tool.name(),
        describe()
    );
    println!("{what}: clean under {}", tool.name());
}

fn relay_trace(relayd: &Relayd, session: &str) -> PathBuf {
    find_dir(&relayd.output.join(hostname()), &format!("{session}-"))
}

/// The `tracef` events "tick N" babeltrace2 reads in `trace`, as their N, sorted.
fn ticks(trace: &Path) -> Vec<usize> {
    let mut seen: Vec<usize> = babeltrace_events(trace)
        .iter()
        .filter(|l| l.contains("lttng_ust_tracef:event"))
        .filter_map(|l| {
            let at = l.find("\"tick ")?;
            l[at + 6..]
                .split(|c: char| !c.is_ascii_digit())
                .next()?
                .parse()
                .ok()
        })
        .collect();
    seen.sort_unstable();
    seen
}

/// A use after free and a leak fail under both tools, with their own exit codes.
#[test]
fn both_tools_catch_a_use_after_free_and_a_leak() {
    let Some(lab) = Lab::new("sanitizers-canary", &[]) else {
        return;
    };
    for (name, source, asan_says, valgrind_says) in [
        (
            "uaf",
            "#include <stdlib.h>\nint main(void) { volatile char *p = malloc(8); p[0] = 1; \
             free((void *) p); return p[0]; }\n",
            "heap-use-after-free",
            "Invalid read",
        ),
        (
            "leak",
            "#include <stdlib.h>\n__attribute__((noinline)) static void leak(void) \
             { char *volatile p = malloc(64); p[0] = 1; p = NULL; }\n\
             int main(void) { leak(); return 0; }\n",
            "detected memory leaks",
            "definitely lost",
        ),
    ] {
        let src = lab.dir.join(&format!("{name}.c"));
        std::fs::write(&src, source).unwrap();
        let build = |tool: Tool, flags: &[&str]| {
            let out = lab.dir.join(&format!("{name}-{}", tool.tag()));
            let cc = Command::new(std::env::var("CC").unwrap_or_else(|_| "cc".into()))
                .args(["-g", "-O0"])
                .args(flags)
                .arg(&src)
                .arg("-o")
                .arg(&out)
                .status()
                .unwrap();
            assert!(cc.success());
            out
        };
        let program = Built {
            name: name.to_owned(),
            asan: build(Tool::Asan, &["-fsanitize=address"]),
            plain: build(Tool::Valgrind, &[]),
        };
        let home = lab.dir.subdir("home");
        for (tool, code, says) in [
            (Tool::Asan, ASAN_EXIT, asan_says),
            (Tool::Valgrind, VALGRIND_EXIT, valgrind_says),
        ] {
            let out = run_with_timeout(
                lab.command(tool, &program, &home, &[], &[]),
                Duration::from_secs(60),
            );
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(code), "{name}: {stderr}");
            assert!(stderr.contains(says), "{name}: {stderr}");
            println!("{name}: caught by {}", tool.name());
        }
    }
}

#[test]
fn without_a_daemon() {
    let Some(lab) = Lab::new("sanitizers-no-daemon", &[]) else {
        return;
    };
    // No daemon answers here.
    let home = lab.dir.subdir("home");
    let null_args = lab.build("null_args", &["tests/c/null_args.c"], Link::Ours);
    let strerror = lab.build("strerror", &["tests/c/strerror.c"], Link::Real);
    let attrs = lab.build("attrs", &["tests/c/attrs.c"], Link::Real);
    let conditions = lab.build("conditions", &["tests/c/conditions.c"], Link::Real);
    let triggers_api = lab.build("triggers_api", &["tests/c/triggers_api.c"], Link::Real);
    for tool in TOOLS {
        let text = lab.run(tool, &null_args, &home, &[], &[]);
        let count: usize = text.trim().rsplit(' ').next().unwrap().parse().unwrap();
        assert!(count >= 90, "{text}");
        let text = lab.run(tool, &strerror, &home, &[], &[]);
        assert_eq!(text.lines().count(), 406);
        let text = lab.run(tool, &attrs, &home, &[], &[]);
        assert!(text.lines().count() > 30, "{text}");
        let text = lab.run(tool, &conditions, &home, &[], &[]);
        assert!(text.lines().count() > 150, "{text}");
        let text = lab.run(tool, &triggers_api, &home, &["objects"], &[]);
        assert!(text.contains("get_owner_uid=0 is euid: yes"), "{text}");
    }
}

/// Records for tests/c/filter_corpus.c: every expression of tests/data/filters.txt, rotated
/// over its three calls, the agent domains with and without a filter, and the limits
/// (longest filter, deepest nesting). Returns the encoded records and their count.
fn filter_records() -> (Vec<u8>, usize) {
    let record = |out: &mut Vec<u8>, call: char, domain: char, name: &str, filter: &[u8]| {
        let head = format!("{call}\x1f{domain}\x1f0\x1f-1\x1f{name}\x1f1\x1f");
        out.extend_from_slice(head.as_bytes());
        out.extend_from_slice(filter);
        out.push(0);
    };
    let mut out = Vec::new();
    let mut count = 0;
    let text = std::fs::read_to_string(repo().join("tests/data/filters.txt")).unwrap();
    let expressions = text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.strip_prefix("hex:") {
            Some(hex) => unhex(hex),
            None => l.as_bytes().to_vec(),
        });
    for (i, e) in expressions.enumerate() {
        record(&mut out, ['e', 'x', 'd'][i % 3], 'u', "prov:event", &e);
        count += 1;
    }
    for domain in ['j', 'l', 'p'] {
        for filter in ["int_field > 3", "msg == \"x*\"", "1 +"] {
            for call in ['e', 'd'] {
                record(
                    &mut out,
                    call,
                    domain,
                    "org.example.Main",
                    filter.as_bytes(),
                );
                count += 1;
            }
        }
        // No filter: the library synthesizes one from the logger name.
        out.extend_from_slice(format!("e\x1f{domain}\x1f0\x1f0\x1fa\"b\x1f0\x1f\0").as_bytes());
        count += 1;
    }
    for filter in [
        format!("a{}== 1", " ".repeat(65531)),
        format!("a{}== 1", " ".repeat(65532)),
        format!("{}a{}", "(".repeat(9997), ")".repeat(9997)),
        format!("{}a", "!".repeat(9998)),
        (0..1500)
            .map(|i| format!("f{i}.g[1] == 1"))
            .collect::<Vec<_>>()
            .join(" || "),
    ] {
        record(&mut out, 'e', 'u', "prov:event", filter.as_bytes());
        count += 1;
    }
    (out, count)
}

#[test]
fn against_the_recording_stand_in() {
    let Some(lab) = Lab::new("sanitizers-stand-in", &[]) else {
        return;
    };
    let home = lab.dir.subdir("home");
    let stand_in = StandIn::start(&home);
    let wire_calls = lab.build("wire_calls", &["tests/c/wire_calls.c"], Link::Real);
    let refuse = lab.build("refuse", &["tests/c/refuse.c"], Link::Ours);
    let sigpipe = lab.build("sigpipe", &["tests/c/sigpipe.c"], Link::Real);
    let corpus = lab.build("filter_corpus", &["tests/c/filter_corpus.c"], Link::Real);
    let triggers_api = lab.build("triggers_api", &["tests/c/triggers_api.c"], Link::Real);
    let (records, count) = filter_records();
    let input = lab.dir.join("records");
    std::fs::write(&input, &records).unwrap();
    let mut printed = Vec::new();
    for tool in TOOLS {
        stand_in.take();
        printed.push(lab.run(tool, &wire_calls, &home, &[], &[]));
        let sent = stand_in.take().len();
        assert!(sent > 40, "wire_calls sent only {sent} requests");

        let text = lab.run(tool, &refuse, &home, &[], &[]);
        assert_eq!(stand_in.take().len(), 4, "{text}");

        let text = lab.run(tool, &sigpipe, &home, &[], &[]);
        assert!(text.contains("enable_event: -104"), "{text}");
        stand_in.take();

        let text = lab.run(tool, &triggers_api, &home, &["daemon", "uprobe"], &[]);
        assert!(text.contains("register a uprobe trigger: 10"), "{text}");
        assert!(stand_in.take().len() > 100, "{text}");

        // The results file belongs to the test user, who writes it.
        let results = lab
            .dir
            .subdir(&format!("results-{}", tool.tag()))
            .join("codes");
        lab.run(
            tool,
            &corpus,
            &home,
            &[input.to_str().unwrap(), results.to_str().unwrap()],
            &[],
        );
        let codes: Vec<i32> = std::fs::read_to_string(&results)
            .unwrap()
            .lines()
            .map(|l| l.parse().unwrap())
            .collect();
        assert_eq!(codes.len(), count, "filter_corpus stopped early");
        assert!(
            codes.iter().all(|c| [0, -106, -97].contains(c)),
            "{codes:?}"
        );
        let sent = stand_in.take().len();
        assert_eq!(sent, codes.iter().filter(|&&c| c == 0).count());
        assert!(sent > 100 && sent < count, "{sent} of {count} sent");
    }
    assert_eq!(
        printed[0], printed[1],
        "wire_calls printed different results"
    );
}

#[test]
fn against_a_dying_or_mute_stand_in_and_a_killed_reference_daemon() {
    let Some(lab) = Lab::new("sanitizers-faults", &["python3"]) else {
        return;
    };
    let faults = lab.build("faults", &["tests/c/faults.c"], Link::Real);
    let home = lab.dir.subdir("home");
    let rc_of = |text: &str, call: &str| -> i32 {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{call}: ")))
            .unwrap_or_else(|| panic!("no {call} line: {text}"))
            .trim()
            .parse()
            .unwrap()
    };
    for tool in TOOLS {
        for (mode, call) in DYING_CASES {
            let mut stand_in = DyingSessiond::start(&home, mode);
            let text = lab.run(tool, &faults, &home, &[call], &[]);
            let rc = rc_of(&text, call);
            assert!(rc == NO_SESSIOND || rc == FATAL, "{mode} / {call}: {rc}");
            wait_for("the stand-in to die", Duration::from_secs(20), || {
                !stand_in.daemon.is_running()
            });
        }

        // Blocked on a mute daemon, then released by its death.
        let mut mute = DyingSessiond::start(&home, "mute");
        let mut running = lab.spawn(
            tool,
            &faults,
            &home,
            &["pending"],
            &format!("pending-{}", tool.tag()),
        );
        running.wait_for_output("pending");
        mute.daemon.child.kill().unwrap();
        let _ = mute.daemon.child.wait();
        let rc = rc_of(&running.finish(), "list");
        assert!(rc == NO_SESSIOND || rc == FATAL, "pending: {rc}");

        // Four threads in the middle of calls when the reference daemon is killed.
        let refd_dir = TestDir::new(&format!("sanitizers-faults-refd-{}", tool.tag()));
        let mut refd = RefSessiond::start(&refd_dir, &[]);
        let mut running = lab.spawn(
            tool,
            &faults,
            &refd.home,
            &["loop", "4"],
            &format!("loop-{}", tool.tag()),
        );
        running.wait_for_output("running");
        std::thread::sleep(Duration::from_millis(300));
        refd.daemon.child.kill().unwrap();
        let _ = refd.daemon.child.wait();
        let text = running.finish();
        let lines: Vec<&str> = text.lines().filter(|l| l.starts_with("thread ")).collect();
        assert_eq!(lines.len(), 4, "{text}");
        for l in lines {
            let rc: i32 = l.rsplit(' ').next().unwrap().parse().unwrap();
            let destroy_wait = l.contains(" destroy error ") && rc == UNK;
            assert!(rc == NO_SESSIOND || rc == FATAL || destroy_wait, "{l}");
        }
    }
}

#[test]
fn against_the_reference_daemon() {
    let Some(lab) = Lab::new("sanitizers-refd", &["lttng", "lttng-relayd", "babeltrace2"]) else {
        return;
    };
    let list_sessions = lab.build("list_sessions", &["examples/list_sessions.c"], Link::Real);
    let consumer_uri = lab.build("consumer_uri", &["examples/consumer_uri.c"], Link::Ours);
    let consumer_url = lab.build("consumer_url", &["examples/consumer_url.c"], Link::Ours);
    let design_chain = lab.build("design_chain", &["tests/c/design_chain.c"], Link::Ours);
    let soak = lab.build("soak", &["tests/c/soak.c"], Link::Real);
    let relayd = Relayd::start(&lab.dir);
    let refd = RefSessiond::start(&lab.dir, &["--tick-rate", "2000"]);
    let home = &refd.home;

    // The sessions of tests/examples.rs's listing test.
    let listed = lab.dir.subdir("listed");
    lttng_ok(home, &["create", "none", "--no-output"]);
    lttng_ok(
        home,
        &["create", "loc", &format!("--output={}", listed.display())],
    );
    lttng_ok(
        home,
        &["create", "net", &format!("--set-url={}", relayd.net_url())],
    );
    lttng_ok(home, &["enable-event", "-u", "-a", "-s", "net"]);
    lttng_ok(home, &["create", "snap", "--snapshot", "--no-output"]);
    for tool in TOOLS {
        let text = lab.run(tool, &list_sessions, home, &[], &[]);
        assert!(text.contains("4 sessions"), "{text}");
        assert!(text.contains("      event rule * [enabled]"), "{text}");
    }
    for session in ["none", "loc", "net", "snap"] {
        lttng_ok(home, &["destroy", session]);
    }

    let net = relayd.net_url();
    let ctrl = format!("tcp://127.0.0.1:{}", relayd.control_port);
    let data = format!("tcp://127.0.0.1:{}", relayd.data_port);
    let closed = free_port().to_string();
    let (cport, dport) = (
        relayd.control_port.to_string(),
        relayd.data_port.to_string(),
    );
    for tool in TOOLS {
        let t = tool.tag();
        let session = format!("exuri-{t}");
        let text = lab.run(
            tool,
            &consumer_uri,
            home,
            &[&session, &net, "sleep", "0.6"],
            &[],
        );
        assert!(text.contains("[6/6] session destroyed"), "{text}");
        assert_contiguous(&tick_seqs(&relay_trace(&relayd, &session)));

        let local = lab.dir.subdir(&format!("local-{t}"));
        let out = lab.run_expecting(
            0,
            tool,
            &consumer_uri,
            home,
            &[
                &format!("exdebug-{t}"),
                local.to_str().unwrap(),
                "sleep",
                "0.3",
            ],
            &[("LTTNG_CTL_DEBUG", "1")],
        );
        let log = String::from_utf8_lossy(&out.stderr);
        assert!(
            log.contains(": DESTROY_SESSION code 10 <- 4+0 bytes"),
            "{log}"
        );
        assert_contiguous(&tick_seqs(&local));

        for (session, args) in [
            (format!("exnet-{t}"), [net.as_str(), "-"]),
            (format!("excd-{t}"), [ctrl.as_str(), data.as_str()]),
        ] {
            let mut all = vec![session.as_str()];
            all.extend(args);
            all.extend(["sleep", "0.4"]);
            let text = lab.run(tool, &consumer_url, home, &all, &[]);
            assert!(text.contains("consumer enabled"), "{text}");
            assert_contiguous(&tick_seqs(&relay_trace(&relayd, &session)));
        }
        // A refusal: the data host must be the control host.
        let out = lab.run_expecting(
            97,
            tool,
            &consumer_url,
            home,
            &[&format!("exbad-{t}"), &ctrl, "tcp://127.0.0.2:5343"],
            &[],
        );
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("Error: lttng_set_consumer_url: "),
            "{out:?}"
        );
        lttng_ok(home, &["destroy", &format!("exbad-{t}")]);

        let session = format!("dc-{t}");
        let text = lab.run(
            tool,
            &design_chain,
            home,
            &[&session, "127.0.0.1", &cport, &dport, &closed, "300"],
            &[],
        );
        assert!(text.contains("discarded="), "{text}");
        assert!(!tick_seqs(&relay_trace(&relayd, &session)).is_empty());

        let text = lab.run(tool, &soak, home, &["4", "2"], &[]);
        let total = text.lines().last().unwrap_or_default();
        assert!(total.contains(" errors 0 "), "{text}");
    }
}

#[test]
fn against_the_real_daemons() {
    let Some(lab) = Lab::new(
        "sanitizers-real",
        &["lttng", "lttng-sessiond", "lttng-relayd", "babeltrace2"],
    ) else {
        return;
    };
    const EVENTS: usize = 100;
    let count = EVENTS.to_string();
    let app = lab.build_app();
    let threads = lab.build("threads", &["tests/c/threads.c"], Link::Real);
    let legacy = lab.build(
        "legacy_trackers",
        &["tests/c/legacy_trackers.c"],
        Link::Real,
    );
    let mut flags = vec!["-DNO_DESIGN_API".to_owned()];
    flags.extend(CTL_LIBS.iter().map(|s| s.to_string()));
    let e2e_url = lab.build_with("e2e-url", &["tests/c/e2e.c"], &flags);
    let e2e_uri = lab.build("e2e-uri", &["tests/c/e2e.c"], Link::Ours);
    let filter_e2e = lab.build("filter_e2e", &["tests/c/filter_e2e.c"], Link::Real);
    let consumer_uri = lab.build("consumer_uri", &["examples/consumer_uri.c"], Link::Ours);
    let triggers_api = lab.build("triggers_api", &["tests/c/triggers_api.c"], Link::Real);
    let relayd = Relayd::start(&lab.dir);
    let sessiond = Sessiond::start(&lab.dir);
    let home = &sessiond.home;
    let net = relayd.net_url();
    let (cport, dport) = (
        relayd.control_port.to_string(),
        relayd.data_port.to_string(),
    );
    let every_tick = |session: &str| {
        let seen = ticks(&relay_trace(&relayd, session));
        assert_eq!(seen, (0..EVENTS).collect::<Vec<_>>(), "{session}");
    };
    // A program that runs the traced application: the application ran under the tool too.
    // It waits for its registration with the session daemon however long the tool makes it
    // take (lttng-ust gives up after 3 s by default, and the events emitted meanwhile are
    // lost).
    let with_app = |tool: Tool, program: &Built, args: &[&str]| {
        let env = [("LTTNG_UST_REGISTER_TIMEOUT", "-1")];
        let out = lab.run_expecting(0, tool, program, home, args, &env);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.matches(tool.banner()).count() >= 2,
            "traced_app did not run under {}:\n{stderr}",
            tool.name()
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    for tool in TOOLS {
        let t = tool.tag();
        let app = app.arg(tool);
        let text = lab.run(tool, &threads, home, &["2"], &[]);
        assert!(text.contains("threads=8 rounds=2 errors=0"), "{text}");

        let text = lab.run(tool, &triggers_api, home, &["daemon"], &[]);
        assert!(text.contains("register T_condition5: 10"), "{text}");
        assert!(text.ends_with("list: 10, count 0 0; [0]: NULL\n"), "{text}");

        let text = lab.run(tool, &legacy, home, &[&format!("legacy-{t}")], &[]);
        assert!(
            text.contains("list two: ret=0 enabled=1 n=2: 7 42"),
            "{text}"
        );

        let session = format!("e2eurl-{t}");
        let text = with_app(tool, &e2e_url, &["url", &session, &net, &app, &count]);
        assert!(text.contains("done"), "{text}");
        every_tick(&session);

        let session = format!("e2euri-{t}");
        with_app(
            tool,
            &e2e_uri,
            &["uri", &session, "127.0.0.1", &cport, &dport, &app, &count],
        );
        every_tick(&session);

        // The filters of tests/filter_e2e.rs, and how many of ticks 0..100 each keeps.
        for (name, filter, expected) in [
            ("fstarend", "msg == \"tick 1*\"", 11),
            ("fglob", "msg == \"tick *7\"", 10),
            ("for", "msg == \"tick 1*\" || msg == \"tick *7\"", 20),
            ("fctx", "$ctx.vpid > 0 && !(msg != \"tick 5*\")", 11),
            ("fexact", "msg == \"tick 42\"", 1),
        ] {
            let session = format!("{name}-{t}");
            let text = with_app(tool, &filter_e2e, &[&session, &net, &app, &count, filter]);
            assert!(text.contains(&format!("filter=[{filter}]")), "{text}");
            let seen = ticks(&relay_trace(&relayd, &session));
            assert_eq!(seen.len(), expected, "{filter}: {seen:?}");
        }

        let session = format!("exreal-{t}");
        let text = with_app(tool, &consumer_uri, &[&session, &net, &app, &count]);
        assert!(
            text.contains("the session daemon connects the consumer itself"),
            "{text}"
        );
        assert!(text.contains("exited with 0"), "{text}");
        every_tick(&session);
    }

    // tests/triggers.rs: triggers registered on the real library (their constructors exist
    // only there), then listed and removed by the real CLI on our library, under valgrind.
    let setup = compile_c(
        &lab.dir,
        "trigger_setup",
        &["tests/c/trigger_setup.c"],
        CTL_LIBS,
    );
    let out = run_c(&setup, home, None, &[], &[]);
    let text = ok_stdout("trigger_setup (real library)", &out);
    assert!(text.contains("register consumed: 10"), "{text}");
    let cli = |args: &[&str]| {
        let mut cmd = valgrind(&lab.dir);
        cmd.arg("lttng")
            .args(args)
            .env("LTTNG_HOME", home)
            .env("LD_LIBRARY_PATH", &lab.lib);
        let out = run_with_timeout(cmd, Duration::from_secs(120));
        check(
            Tool::Valgrind,
            &format!("lttng {}", args.join(" ")),
            &out,
            0,
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let listed = cli(&["list-triggers"]);
    for expected in [
        "condition: buffer usage high",
        "condition: session consumed size",
        "condition: session rotation ongoing",
        // The daemon numbers the names it generates (triggers_api had some named above).
        "- name: trigger",
    ] {
        assert!(listed.contains(expected), "{expected:?} not in\n{listed}");
    }
    let removed = cli(&["remove-trigger", "consumed"]);
    assert_eq!(removed, "Removed trigger `consumed`.\n");
    assert!(!cli(&["list-triggers"]).contains("session consumed size"));
}

#[test]
fn notification_channel_programs() {
    let Some(lab) = Lab::new(
        "sanitizers-notification",
        &["lttng", "lttng-sessiond", "python3"],
    ) else {
        return;
    };
    let app = lab.build_app();
    let standin = lab.build(
        "notification_standin",
        &["tests/c/notification_standin.c"],
        Link::Real,
    );
    let channel = lab.build(
        "notification_channel",
        &["tests/c/notification_channel.c"],
        Link::Real,
    );
    // Against the stand-in notification socket (tests/python/notification_standin.py).
    let lttng_dir = lab.dir.subdir("standin-home/.lttng");
    let script = lab.dir.repo_file("tests/python/notification_standin.py");
    for tool in TOOLS {
        let ready = lttng_dir.join("sessiond-notification.ready");
        let _ = std::fs::remove_file(&ready);
        let child = as_test_user("/usr/bin/python3")
            .arg(&script)
            .arg(lttng_dir.join("sessiond-notification"))
            .stdin(Stdio::null())
            .spawn()
            .expect("python3");
        let mut daemon = Daemon {
            child,
            name: "notification_standin.py",
        };
        wait_for(
            "the stand-in notification socket",
            Duration::from_secs(20),
            || {
                assert!(daemon.is_running(), "the stand-in exited early");
                ready.exists()
            },
        );
        let home = lttng_dir.parent().unwrap();
        let text = lab.run(tool, &standin, home, &[], &[]);
        for line in [
            "queued: get_next -> 0 N3 id 3",
            "interrupted: get_next -> 2 (NULL)",
            "limit: 100 entries",
            "malformed: has_pending -> 0, unwritten",
            "closed: get_next -> -1 (NULL)",
        ] {
            assert!(text.contains(line), "missing {line:?}:\n{text}");
        }
        daemon.stop();
    }
    // Against the real session daemon: one notification of each kind.
    let sessiond = Sessiond::start(&lab.dir);
    let home = &sessiond.home;
    for tool in TOOLS {
        let session = format!("nc_{}", tool.tag());
        let output = lab.dir.subdir(&format!("trace-{session}"));
        lttng_ok(
            home,
            &[
                "create",
                &session,
                &format!("--output={}", output.display()),
            ],
        );
        lttng_ok(home, &["enable-channel", "-u", "c", "-s", &session]);
        lttng_ok(
            home,
            &["enable-event", "-u", "-a", "-c", "c", "-s", &session],
        );
        lttng_ok(home, &["start", &session]);
        let text = lab.run(
            tool,
            &channel,
            home,
            &[&session, &app.arg(tool), output.to_str().unwrap()],
            &[],
        );
        for line in [
            "T_high: condition 101",
            "T_low: condition 102",
            "T_consumed: condition 100",
            "T_ongoing: condition 103",
            "T_completed: condition 104",
            "captures: ARRAY(3) [STRING \"tick 0\", UNAVAILABLE, UNAVAILABLE]",
            "unregister T_matches: 0",
        ] {
            assert!(text.contains(line), "missing {line:?}:\n{text}");
        }
    }
}
