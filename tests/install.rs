//! `scripts/install.sh PREFIX` (the README's install command): the library as
//! `liblttng-ctl.so.0` with `liblttng-ctl.so -> liblttng-ctl.so.0`, the header, a
//! pkg-config file named `lttng-ctl`, the programs, the man page and the Python module; a C
//! program built with `pkg-config --cflags --libs lttng-ctl` links to the installed library
//! and runs the design's chain on it.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

/// Where this test run's binaries are (target/<profile>), which the script installs from.
fn build_dir() -> PathBuf {
    Path::new(&built_program("lttng-consumer"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn pkg_config(prefix: &Path, args: &[&str]) -> String {
    let out = Command::new("pkg-config")
        .args(args)
        .arg("lttng-ctl")
        .env("PKG_CONFIG_PATH", prefix.join("lib/pkgconfig"))
        .output()
        .expect("pkg-config");
    ok_stdout(&format!("pkg-config {args:?}"), &out)
        .trim()
        .to_owned()
}

#[test]
fn install_then_build_with_pkg_config() {
    if !have_all(&["pkg-config", "cc", "setpriv", "readelf"]) {
        return;
    }
    let dir = TestDir::new("install");
    let prefix = dir.subdir("prefix");
    // --no-build: this test run already built everything (a nested cargo build would wait
    // for the lock of the running one).
    let out = Command::new(repo().join("scripts/install.sh"))
        .arg("--no-build")
        .arg("--build-dir")
        .arg(build_dir())
        .arg(&prefix)
        .output()
        .expect("install.sh");
    let log = ok_stdout("install.sh", &out);
    assert!(log.contains("Installing lttng-ctl into"), "{log}");

    let lib = prefix.join("lib");
    let so = lib.join("liblttng-ctl.so.0");
    assert!(so.is_file() && !so.is_symlink());
    assert_eq!(
        std::fs::read_link(lib.join("liblttng-ctl.so")).unwrap(),
        Path::new("liblttng-ctl.so.0")
    );
    let dynamic = Command::new("readelf").arg("-d").arg(&so).output().unwrap();
    assert!(
        String::from_utf8_lossy(&dynamic.stdout).contains("Library soname: [liblttng-ctl.so.0]")
    );
    for f in [
        "include/lttng-ctl-rs.h",
        "bin/lttng-consumer",
        "bin/lttng-ref-sessiond",
        "bin/lttng-ref-consumerd",
        "share/man/man1/lttng-consumer.1",
        "lib/python3/dist-packages/lttng_ctl/__init__.py",
        "lib/python3/dist-packages/lttng_ctl/py.typed",
    ] {
        assert!(prefix.join(f).is_file(), "{f} not installed");
    }

    // The pkg-config name build systems look for.
    assert_eq!(pkg_config(&prefix, &["--modversion"]), "2.13.9");
    let flags = pkg_config(&prefix, &["--cflags", "--libs"]);
    assert!(
        flags.contains(&format!("-I{}", prefix.join("include").display())),
        "{flags}"
    );
    assert!(
        flags.contains(&format!("-L{}", lib.display())) && flags.contains("-llttng-ctl"),
        "{flags}"
    );

    // The examples, built against the installed files only (header and library).
    let build = |name: &str| {
        let program = dir.join(name);
        let mut cc = Command::new(std::env::var("CC").unwrap_or_else(|_| "cc".into()));
        cc.args(["-Wall", "-Wextra", "-Werror"])
            .arg(repo().join(format!("examples/{name}.c")))
            .arg("-o")
            .arg(&program)
            .args(flags.split_whitespace());
        let built = cc.output().unwrap();
        assert!(
            built.status.success(),
            "cc {name}.c with pkg-config flags failed:\n{}",
            String::from_utf8_lossy(&built.stderr)
        );
        let needed = Command::new("readelf")
            .arg("-d")
            .arg(&program)
            .output()
            .unwrap();
        assert!(
            String::from_utf8_lossy(&needed.stdout).contains("Shared library: [liblttng-ctl.so.0]")
        );
        program
    };
    let program = build("consumer_uri");
    build("consumer_url");
    build("list_sessions");

    // It runs on the installed library (LD_LIBRARY_PATH=PREFIX/lib).
    let refd = RefSessiond::start(&dir, &["--tick-rate", "400"]);
    let trace = dir.subdir("trace");
    let out = run_c(
        &program,
        &refd.home,
        Some(&lib),
        &["inst", &trace.to_string_lossy(), "sleep", "0.3"],
        &[],
    );
    let text = ok_stdout("consumer_uri (installed)", &out);
    assert!(text.contains("library: 2.13.9-lttng-ctl-rs-"), "{text}");
    assert!(text.contains("[6/6] session destroyed"), "{text}");

    // The installed lttng-consumer and Python package run too (the package finds the
    // prefix's library by itself: its _lib link).
    let version = Command::new(prefix.join("bin/lttng-consumer"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(ok_stdout("lttng-consumer --version", &version).starts_with("lttng-consumer "));
    if have("python3") {
        let py = Command::new("python3")
            .arg("-c")
            .arg("import lttng_ctl; print(lttng_ctl.Library().version)")
            .env("PYTHONPATH", prefix.join("lib/python3/dist-packages"))
            .env_remove("LD_LIBRARY_PATH")
            .env_remove("LTTNG_CTL_LIBRARY")
            .output()
            .unwrap();
        assert!(ok_stdout("python3 import", &py).starts_with("2.13.9-lttng-ctl-rs-"));
    }
}

#[test]
fn install_refuses_a_relative_prefix() {
    let out = Command::new(repo().join("scripts/install.sh"))
        .args(["--no-build", "relative/prefix"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("PREFIX must be absolute"));
}

/// `cargo cinstall` (cargo-c) with the `[package.metadata.capi]` of Cargo.toml: the same
/// SONAME, links, header and pkg-config name. cargo-c takes a quarter of an hour to build,
/// so CI does not install it; this runs where it is on PATH.
#[test]
fn cargo_c_metadata_gives_the_same_install() {
    let found = Command::new("sh")
        .args(["-c", "command -v cargo-cinstall"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("SKIP: cargo-c (cargo-cinstall) not installed");
        return;
    }
    let dir = TestDir::new("cinstall");
    let prefix = dir.join("prefix");
    // A target directory of its own: the running `cargo test` holds the lock of its own.
    let out = Command::new("cargo")
        .args(["cinstall", "--release", "--library-type=cdylib"])
        .arg(format!("--prefix={}", prefix.display()))
        .arg(format!("--libdir={}", prefix.join("lib").display()))
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .current_dir(repo())
        .output()
        .unwrap();
    ok_stdout("cargo cinstall", &out);
    let lib = prefix.join("lib");
    assert_eq!(
        std::fs::read_link(lib.join("liblttng-ctl.so.0")).unwrap(),
        Path::new("liblttng-ctl.so.0.0.0")
    );
    assert!(lib.join("liblttng-ctl.so").exists());
    assert!(prefix.join("include/lttng-ctl-rs.h").is_file());
    assert_eq!(pkg_config(&prefix, &["--modversion"]), "2.13.9");
    let dynamic = Command::new("readelf")
        .arg("-d")
        .arg(lib.join("liblttng-ctl.so.0.0.0"))
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&dynamic.stdout).contains("Library soname: [liblttng-ctl.so.0]")
    );
}
