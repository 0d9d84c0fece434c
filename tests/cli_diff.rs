//! The real `lttng` CLI runs unmodified on our library: a scenario of commands
//! (tests/data/cli_scenario.txt) runs twice against fresh real daemons, once with the real
//! liblttng-ctl and once with ours (LD_LIBRARY_PATH); every step's exit status and output
//! must match after normalisation. Also: every symbol the installed `lttng` and
//! `python3-lttng` import resolves in our library, and python3-lttng works on it.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

/// One step's result.
#[derive(Debug, PartialEq, Eq)]
struct Step {
    command: String,
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

/// A scenario row: the command, and the reason when it is a documented deviation.
fn scenario() -> Vec<(String, Option<String>)> {
    let text = std::fs::read_to_string(repo().join("tests/data/cli_scenario.txt")).unwrap();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.strip_prefix("deviation ") {
            Some(rest) => {
                let (why, cmd) = rest
                    .split_once('|')
                    .expect("deviation <reason> | <command>");
                (cmd.trim().to_owned(), Some(why.trim().to_owned()))
            }
            None => (l.to_owned(), None),
        })
        .collect()
}

/// Splits a command line into words, honouring single quotes.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                any = false;
            }
            _ => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Replaces what legitimately differs between two runs.
fn normalise(text: &str, dir: &Path, relayd: &Relayd) -> String {
    let mut s = text.replace(&dir.display().to_string(), "DIR");
    for (port, name) in [
        (relayd.control_port, "{CTRL}"),
        (relayd.data_port, "{DATA}"),
        (relayd.live_port, "{LIVE}"),
    ] {
        s = s.replace(&port.to_string(), name);
    }
    // Dates in generated names, trace paths and archive names.
    let mut out = String::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let digits = |from: usize, n: usize| {
            from + n <= b.len() && b[from..from + n].iter().all(u8::is_ascii_digit)
        };
        if digits(i, 8) && matches!(b.get(i + 8), Some(b'-' | b'T')) && digits(i + 9, 6) {
            out.push_str("DATE");
            i += 15;
        } else {
            out.push(b[i] as char);
            i += 1;
        }
    }
    // babeltrace2's log lines (from `lttng view`) start with a time, a pid and a tid.
    let out = out
        .lines()
        .map(strip_log_prefix)
        .collect::<Vec<_>>()
        .join("\n")
        + if out.ends_with('\n') { "\n" } else { "" };
    canonical_listing(&without_progress_dots(&out))
}

/// Progress dots (one per wait) depend on timing: those after `Destroying session NAME`,
/// `Waiting for data availability` and `Waiting for rotation to complete` are dropped.
fn without_progress_dots(text: &str) -> String {
    const MARKS: [(&str, bool); 3] = [
        ("Destroying session ", true),
        ("Waiting for data availability", false),
        ("Waiting for rotation to complete", false),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let next = MARKS
            .iter()
            .filter_map(|(m, named)| rest.find(m).map(|at| (at, m.len(), *named)))
            .min();
        let Some((at, len, named)) = next else { break };
        let mut end = at + len;
        if named {
            end = rest[end..]
                .find(|c: char| c == '.' || c.is_whitespace())
                .map_or(rest.len(), |n| end + n);
        }
        out.push_str(&rest[..end]);
        rest = rest[end..].trim_start_matches('.');
    }
    out.push_str(rest);
    out
}

/// `MM-DD HH:MM:SS.mmm PID TID rest` becomes `LOG rest`; the CLI's own
/// `PERROR - HH:MM:SS.ns [pid/tid]: rest` becomes `PERROR: rest`.
fn strip_log_prefix(line: &str) -> String {
    if let Some(rest) = line.strip_prefix("PERROR - ") {
        if let Some((_, after)) = rest.split_once("]: ") {
            return format!("PERROR: {after}");
        }
    }
    let mut rest = line;
    let mut tokens = Vec::new();
    for _ in 0..4 {
        rest = rest.trim_start();
        let end = rest.find(' ').unwrap_or(rest.len());
        tokens.push(&rest[..end]);
        rest = &rest[end..];
    }
    let numeric = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let is_log = tokens.len() == 4
        && tokens[0].len() == 5
        && tokens[0].as_bytes()[2] == b'-'
        && tokens[1].contains(':')
        && numeric(tokens[2])
        && numeric(tokens[3]);
    if is_log {
        format!("LOG {}", rest.trim_start())
    } else {
        line.to_owned()
    }
}

/// The daemon lists domains, channels and event rules in hash-table order, which changes
/// from one daemon to the next: sort domain sections, the channel blocks inside them and
/// the rule lines inside those.
fn canonical_listing(text: &str) -> String {
    let mut head: Vec<String> = Vec::new();
    let mut domains: Vec<Vec<String>> = Vec::new();
    for line in text.lines() {
        if line.starts_with("=== Domain") {
            domains.push(vec![line.to_owned()]);
        } else if line.starts_with("Recording session") || line.starts_with("Available") {
            // A new listing: what came before stays in its order.
            head.extend(domains.drain(..).map(|d| canonical_domain(&d)));
            head.push(line.to_owned());
        } else if let Some(d) = domains.last_mut() {
            d.push(line.to_owned());
        } else {
            head.push(line.to_owned());
        }
    }
    let mut sorted: Vec<String> = domains.iter().map(|d| canonical_domain(d)).collect();
    sorted.sort();
    // Listings of one domain (`-u`, `-c`) have no domain header: their channels are in the head.
    let mut out = vec![canonical_domain(&head)];
    out.extend(sorted);
    out.join("\n")
}

/// One domain section with its channel blocks sorted.
fn canonical_domain(lines: &[String]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut blocks: Vec<Vec<String>> = Vec::new();
    let mut in_channels = false;
    for line in lines {
        // Tracker inclusion sets come in hash-table order too.
        if let Some((label, values)) = line.split_once("IDs:") {
            let mut v: Vec<&str> = values.trim().split(", ").collect();
            v.sort_unstable();
            out.push(format!("{label}IDs: {}", v.join(", ")));
            continue;
        }
        if line.starts_with("Channels:") {
            in_channels = true;
            out.push(line.clone());
        } else if in_channels && line.starts_with("- ") {
            blocks.push(vec![line.clone()]);
        } else if let (true, Some(b)) = (in_channels, blocks.last_mut()) {
            b.push(line.clone());
        } else {
            out.push(line.clone());
        }
    }
    for b in &mut blocks {
        if let Some(p) = b.iter().position(|l| l.trim() == "Recording event rules:") {
            let end = b[p + 1..]
                .iter()
                .position(|l| l.trim().is_empty())
                .map_or(b.len(), |e| p + 1 + e);
            b[p + 1..end].sort();
        }
    }
    blocks.sort();
    out.extend(blocks.into_iter().flatten());
    out.join("\n")
}

fn run_scenario(tag: &str, lib: Option<&Path>) -> Vec<Step> {
    let dir = TestDir::new(tag);
    let out = dir.subdir("out");
    let relayd = Relayd::start(&dir);
    let sessiond = Sessiond::start(&dir);
    let mut steps = Vec::new();
    for (line, _) in scenario() {
        let line = line
            .replace("{OUT}", &out.display().to_string())
            .replace("{CTRL}", &relayd.control_port.to_string())
            .replace("{DATA}", &relayd.data_port.to_string());
        let mut cmd = as_test_user("lttng");
        cmd.args(words(&line))
            .env("LTTNG_HOME", &sessiond.home)
            .env_remove("LD_LIBRARY_PATH");
        if let Some(lib) = lib {
            cmd.env("LD_LIBRARY_PATH", lib);
        }
        let o = run_with_timeout(cmd, std::time::Duration::from_secs(60));
        steps.push(Step {
            command: normalise(&line, &dir.path, &relayd),
            status: o.status.code(),
            stdout: normalise(&String::from_utf8_lossy(&o.stdout), &dir.path, &relayd),
            stderr: normalise(&String::from_utf8_lossy(&o.stderr), &dir.path, &relayd),
        });
    }
    steps
}

/// Where the dynamic loader finds liblttng-ctl.so.0 for `lttng` with `lib` in front.
fn loaded_library(lib: &Path) -> String {
    let out = Command::new("lttng")
        .env("LD_LIBRARY_PATH", lib)
        .env("LD_TRACE_LOADED_OBJECTS", "1")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find(|l| l.contains("liblttng-ctl.so.0"))
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn lttng_cli_scenario_matches_the_real_library() {
    if !have_all(&["lttng", "lttng-sessiond", "lttng-relayd", "setpriv"]) {
        return;
    }
    let libdir = TestDir::new("cli-lib");
    let lib = our_lib_path(&libdir);
    let loaded = loaded_library(&lib);
    assert!(
        loaded.contains(&lib.display().to_string()),
        "lttng does not load our library: {loaded}"
    );
    let rows = scenario();
    let real = run_scenario("cli-real", None);
    let ours = run_scenario("cli-ours", Some(&lib));
    let mut compared = 0;
    for ((r, o), (_, deviation)) in real.iter().zip(&ours).zip(&rows) {
        if let Some(why) = deviation {
            println!(
                "deviation: `lttng {}`: {why}\n  real: {:?}\n  ours: {:?} {}",
                r.command,
                r.status,
                o.status,
                o.stderr.trim()
            );
            assert!(
                o.status.is_some(),
                "`lttng {}` was killed on our library",
                o.command
            );
            continue;
        }
        if std::env::var_os("CLI_DIFF_SHOW").is_some() {
            println!("{o:?}");
        }
        assert_eq!(
            o, r,
            "`lttng {}` differs (left: ours, right: real)",
            r.command
        );
        compared += 1;
    }
    assert_eq!(real.len(), rows.len());
    println!(
        "{compared} of {} steps identical on both libraries",
        rows.len()
    );
}

fn imported_symbols(binary: &str) -> Vec<String> {
    let out = Command::new("nm")
        .args(["-D", "--undefined-only", binary])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().last())
        .map(|s| s.split('@').next().unwrap_or(s).to_owned())
        .collect()
}

fn defined_symbols(library: &Path) -> Vec<String> {
    let out = Command::new("nm")
        .arg("-D")
        .arg("--defined-only")
        .arg(library)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().nth(2))
        .map(str::to_owned)
        .collect()
}

/// The python3-lttng extension module.
fn python_module() -> Option<String> {
    let out = Command::new("dpkg")
        .args(["-L", "python3-lttng"])
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find(|l| l.contains("_lttng") && l.ends_with(".so"))
        .map(str::to_owned)
}

#[test]
fn every_symbol_the_installed_tools_import_resolves_in_our_library() {
    if !have_all(&["lttng", "nm", "dpkg"]) {
        return;
    }
    let real_lib = "/usr/lib/x86_64-linux-gnu/liblttng-ctl.so.0";
    let real = defined_symbols(Path::new(real_lib));
    let ours = defined_symbols(&our_lib_dir().join("liblttng_ctl.so"));
    let mut importers = vec!["/usr/bin/lttng".to_owned()];
    let python = python_module();
    assert!(
        python.is_some() || !in_ci(),
        "python3-lttng is required under CI"
    );
    importers.extend(python);
    let mut needed: Vec<String> = importers
        .iter()
        .flat_map(|b| imported_symbols(b))
        .filter(|s| real.contains(s))
        .collect();
    needed.sort();
    needed.dedup();
    let missing: Vec<&String> = needed.iter().filter(|s| !ours.contains(s)).collect();
    assert!(missing.is_empty(), "not exported: {missing:?}");
    assert!(needed.len() >= 160, "only {} imports found", needed.len());
    println!("{} imported symbols, all exported", needed.len());
}

/// Runs tests/python/lttng_module.py on a fresh real daemon, with `lib` in front of the
/// loader's path (or the system library).
fn run_python(tag: &str, lib: Option<&Path>) -> String {
    let dir = TestDir::new(tag);
    let sessiond = Sessiond::start(&dir);
    let out_dir = dir.subdir("out");
    let mut cmd = as_test_user("/usr/bin/python3");
    cmd.arg(dir.repo_file("tests/python/lttng_module.py"))
        .arg(&out_dir)
        .env("LTTNG_HOME", &sessiond.home)
        .env_remove("LD_LIBRARY_PATH");
    if let Some(lib) = lib {
        cmd.env("LD_LIBRARY_PATH", lib);
    }
    let o = run_with_timeout(cmd, std::time::Duration::from_secs(60));
    ok_stdout("lttng_module.py", &o)
}

#[test]
fn python3_lttng_runs_on_our_library() {
    if !have_all(&["lttng-sessiond", "setpriv"]) || python_module().is_none() {
        assert!(!in_ci(), "python3-lttng is required under CI");
        return;
    }
    let libdir = TestDir::new("python-lib");
    let lib = our_lib_path(&libdir);
    let ours = run_python("python-ours", Some(&lib));
    let real = run_python("python-real", None);
    assert!(ours.starts_with("library: 2.13.9-lttng-ctl-rs-"), "{ours}");
    assert!(real.starts_with("library: real liblttng-ctl"), "{real}");
    assert!(ours.ends_with("done\n"), "{ours}");
    let body = |s: &str| s.lines().skip(1).map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(
        body(&ours),
        body(&real),
        "python3-lttng behaves differently"
    );
    println!("{ours}");
}

/// `lttng.list_sessions()` of python3-lttng crashes on the real library (its SWIG wrapper
/// reads past the returned array); it must end the same way on ours, no better, no worse.
#[test]
fn python3_lttng_list_sessions_ends_as_with_the_real_library() {
    use std::os::unix::process::ExitStatusExt;
    if !have_all(&["lttng-sessiond", "setpriv"]) || python_module().is_none() {
        assert!(!in_ci(), "python3-lttng is required under CI");
        return;
    }
    let libdir = TestDir::new("python-ls-lib");
    let lib = our_lib_path(&libdir);
    let run = |tag: &str, lib: Option<&Path>| {
        let dir = TestDir::new(tag);
        let sessiond = Sessiond::start(&dir);
        let script = format!(
            "import lttng\nassert lttng.create('a', {:?}) == 0\nassert lttng.create('b', None) == 0\nprint('listing', flush=True)\nlttng.list_sessions()\nprint('listed')\n",
            dir.join("out").display().to_string()
        );
        let mut cmd = as_test_user("/usr/bin/python3");
        cmd.arg("-c")
            .arg(script)
            .env("LTTNG_HOME", &sessiond.home)
            .env_remove("LD_LIBRARY_PATH");
        if let Some(lib) = lib {
            cmd.env("LD_LIBRARY_PATH", lib);
        }
        let o = run_with_timeout(cmd, std::time::Duration::from_secs(60));
        (
            o.status.code(),
            o.status.signal(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
        )
    };
    let real = run("python-ls-real", None);
    let ours = run("python-ls-ours", Some(&lib));
    assert!(real.2.starts_with("listing"), "{real:?}");
    assert_eq!(ours, real, "left: ours, right: real");
    println!("both: {real:?}");
}
