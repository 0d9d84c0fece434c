//! The shared object as a drop-in: its SONAME, its exports against our header, the header
//! against the real headers, and `lttng_strerror` byte for byte against the real library.

mod common;

use std::process::Command;

use common::*;

fn exported_functions() -> Vec<String> {
    let so = our_lib_dir().join("liblttng_ctl.so");
    let out = Command::new("nm")
        .args(["-D", "--defined-only"])
        .arg(&so)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            let (_, kind, name) = (f.next()?, f.next()?, f.next()?);
            (kind == "T").then(|| name.to_owned())
        })
        .collect()
}

/// The dynamic symbols `nm` lists for `file` with `flag` (`--defined-only` or
/// `--undefined-only`), version suffixes removed, sorted.
fn dynamic_symbols(file: &std::path::Path, flag: &str) -> Vec<String> {
    let out = Command::new("nm")
        .arg("-D")
        .arg(flag)
        .arg(file)
        .output()
        .unwrap();
    assert!(out.status.success(), "nm {}", file.display());
    let mut names: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().last())
        .map(|n| n.split('@').next().unwrap().to_owned())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Every function the real 2.13 headers declare, from gcc's own list of the prototypes it
/// saw (`-aux-info`) in `<lttng/lttng.h>`, which includes every public header.
fn header_functions() -> Vec<String> {
    let dir = TestDir::new("hdr-functions");
    let c = dir.path.join("all.c");
    let aux = dir.path.join("all.aux");
    std::fs::write(&c, "#include <lttng/lttng.h>\n").unwrap();
    let out = Command::new("cc")
        .arg("-aux-info")
        .arg(&aux)
        .args(["-c", "-o", "/dev/null"])
        .arg(&c)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&aux).unwrap();
    let mut names: Vec<String> = text
        .lines()
        .filter(|l| l.contains("/usr/include/lttng/"))
        .filter_map(|l| {
            let code = &l[l.find("*/")? + 2..];
            let open = code.find(" (")?;
            let name = code[..open].rsplit([' ', '*']).next()?;
            name.starts_with("lttng_").then(|| name.to_owned())
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn every_function_of_the_public_headers_is_exported() {
    if !have_all(&["nm", "cc"]) || !std::path::Path::new("/usr/include/lttng/lttng.h").exists() {
        assert!(!in_ci(), "the LTTng headers are required under CI");
        return;
    }
    let declared = header_functions();
    assert!(
        declared.len() >= 400,
        "{} functions: {declared:?}",
        declared.len()
    );
    let ours = dynamic_symbols(&our_lib_dir().join("liblttng_ctl.so"), "--defined-only");
    let missing: Vec<&String> = declared
        .iter()
        .filter(|f| ours.binary_search(f).is_err())
        .collect();
    assert!(
        missing.is_empty(),
        "{} of the {} functions of the public headers are not exported: {missing:?}",
        missing.len(),
        declared.len()
    );
}

/// The installed programs and modules linked to liblttng-ctl.so.0.
const LINKED_PROGRAMS: &[&str] = &[
    "/usr/bin/lttng",
    "/usr/bin/lttng-sessiond",
    "/usr/bin/lttng-relayd",
    "/usr/lib/python3/dist-packages/_lttng.cpython-311-x86_64-linux-gnu.so",
];

#[test]
fn every_symbol_the_installed_programs_import_is_exported() {
    let real = std::path::Path::new("/usr/lib/x86_64-linux-gnu/liblttng-ctl.so.0");
    if !have("nm") || !real.exists() {
        assert!(!in_ci(), "the real liblttng-ctl.so.0 is required under CI");
        return;
    }
    let real_exports = dynamic_symbols(real, "--defined-only");
    let ours = dynamic_symbols(&our_lib_dir().join("liblttng_ctl.so"), "--defined-only");
    for program in LINKED_PROGRAMS {
        let path = std::path::Path::new(program);
        if !path.exists() {
            assert!(!in_ci(), "{program} is required under CI");
            continue;
        }
        let imports: Vec<String> = dynamic_symbols(path, "--undefined-only")
            .into_iter()
            .filter(|s| real_exports.binary_search(s).is_ok())
            .collect();
        assert!(imports.len() >= 50, "{program}: {imports:?}");
        let missing: Vec<&String> = imports
            .iter()
            .filter(|s| ours.binary_search(s).is_err())
            .collect();
        assert!(
            missing.is_empty(),
            "{program} imports {} symbols of liblttng-ctl.so.0; ours lacks {missing:?}",
            imports.len()
        );
    }
}

#[test]
fn soname_is_liblttng_ctl_so_0() {
    if !have("readelf") {
        return;
    }
    let so = our_lib_dir().join("liblttng_ctl.so");
    let out = Command::new("readelf").arg("-d").arg(&so).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Library soname: [liblttng-ctl.so.0]"),
        "{text}"
    );
}

#[test]
fn header_declares_exactly_the_exports() {
    if !have("nm") {
        return;
    }
    let header = std::fs::read_to_string(repo().join("include/lttng-ctl-rs.h")).unwrap();
    let declared: Vec<String> = header
        .lines()
        .filter(|l| {
            !l.starts_with("//") && !l.starts_with(' ') && l.contains('(') && l.ends_with(");")
        })
        .filter_map(|l| {
            let before = &l[..l.find('(')?];
            Some(before.rsplit([' ', '*']).next()?.to_owned())
        })
        .collect();
    let exported = exported_functions();
    assert!(declared.len() >= 45, "declared: {declared:?}");
    for f in &declared {
        assert!(exported.contains(f), "{f} declared but not exported");
    }
    // Every export is declared, but lttng_calibrate, whose argument type upstream 2.13 no
    // longer declares a prototype for.
    for f in exported.iter().filter(|f| *f != "lttng_calibrate") {
        assert!(declared.contains(f), "{f} exported but not declared");
    }
    // The only function outside the lttng_ namespace is spawn_viewer, which upstream exports
    // for `lttng view`.
    assert!(
        exported
            .iter()
            .all(|f| f.starts_with("lttng_") || f == "spawn_viewer"),
        "{exported:?}"
    );
}

#[test]
fn header_compiles_after_the_real_headers() {
    if !have("cc") {
        return;
    }
    let dir = TestDir::new("header");
    let src = dir.join("tu.c");
    std::fs::write(
        &src,
        "#include <lttng/lttng.h>\n#include \"lttng-ctl-rs.h\"\n\
         typedef char lttng_uri_is_8244_bytes[sizeof(struct lttng_uri) == 8244 ? 1 : -1];\n\
         int main(void) { return LTTNG_CTL_RS - 1; }\n",
    )
    .unwrap();
    // Upstream's own headers need PATH_MAX, so the GNU dialects (as upstream builds).
    for (compiler, std) in [
        ("cc", "-std=gnu99"),
        ("cc", "-std=gnu11"),
        ("cc", "-std=gnu17"),
        ("c++", "-std=gnu++17"),
    ] {
        if compiler == "c++" && !have("c++") {
            continue;
        }
        let lang = if compiler == "c++" { "c++" } else { "c" };
        let out = Command::new(compiler)
            .args(["-x", lang, std, "-Wall", "-Wextra", "-Werror", "-c"])
            .arg(format!("-I{}", repo().join("include").display()))
            .arg(&src)
            .arg("-o")
            .arg(dir.join("tu.o"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{std}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn strerror_matches_the_real_library_byte_for_byte() {
    let Some(f) = Fixture::build("strerror", &["tests/c/strerror.c"], Link::Real) else {
        return;
    };
    let real = ok_stdout("real", &f.run_real(&[]));
    let ours = ok_stdout("ours", &f.run_ours(&[]));
    assert_eq!(real.lines().count(), 406);
    for (r, o) in real.lines().zip(ours.lines()) {
        assert_eq!(r, o);
    }
    assert_eq!(real, ours);
}

#[test]
fn save_and_load_attributes_match_the_real_library() {
    let Some(f) = Fixture::build("attrs", &["tests/c/attrs.c"], Link::Real) else {
        return;
    };
    let real = ok_stdout("real", &f.run_real(&[]));
    let ours = ok_stdout("ours", &f.run_ours(&[]));
    assert!(real.lines().count() > 30, "{real}");
    println!("{ours}");
    for (r, o) in real.lines().zip(ours.lines()) {
        assert_eq!(o, r, "left: ours, right: real");
    }
    assert_eq!(ours, real);
}

/// The cbindgen version the committed header is generated with (installed by .ci/run).
const CBINDGEN_VERSION: &str = "cbindgen 0.29.2";

#[test]
fn committed_header_is_current() {
    let version = Command::new("cbindgen").arg("--version").output();
    let Ok(version) = version else {
        assert!(!in_ci(), "{CBINDGEN_VERSION} is required under CI");
        eprintln!("SKIP: cbindgen not installed");
        return;
    };
    let version = String::from_utf8_lossy(&version.stdout).trim().to_owned();
    if version != CBINDGEN_VERSION {
        assert!(!in_ci(), "CI needs {CBINDGEN_VERSION}, found {version}");
        eprintln!("SKIP: {version} is not the pinned {CBINDGEN_VERSION}");
        return;
    }
    let dir = TestDir::new("cbindgen");
    let fresh = dir.join("fresh.h");
    let out = Command::new("cbindgen")
        .current_dir(repo())
        .args(["--quiet", "--config", "cbindgen.toml", "--output"])
        .arg(&fresh)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let committed = std::fs::read_to_string(repo().join("include/lttng-ctl-rs.h")).unwrap();
    let generated = std::fs::read_to_string(&fresh).unwrap();
    assert!(
        committed == generated,
        "include/lttng-ctl-rs.h is stale: run `cbindgen --config cbindgen.toml --output include/lttng-ctl-rs.h`"
    );
}
