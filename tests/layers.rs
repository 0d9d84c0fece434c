//! The layers point one way (ARCHITECTURE.md, "Layers"): every `crate::<module>` path in
//! a module's source names a module its layer may use. A new import from a layer above, or
//! past the layer below (the C layer reaching into `proto`), fails here with its file and
//! line.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What each top-level module may name besides itself.
const ALLOWED: &[(&str, &[&str])] = &[
    // Below everything: domain types, no I/O.
    ("model", &[]),
    // Sans-I/O codecs of model values.
    ("proto", &["model"]),
    // Sockets and paths.
    ("transport", &["model"]),
    // The filter-expression compiler.
    ("filter", &[]),
    // The CTF writer of the reference consumer.
    ("ctf", &["model", "proto"]),
    // The safe Rust API.
    ("client", &["model", "proto", "transport", "filter"]),
    // The C layer: through the client only (and the model's types).
    ("ffi", &["client", "model"]),
    // The command-line programs: through the client (and `.lttngrc` under the LTTng home).
    ("cli", &["client", "model", "transport"]),
    // The reference daemons.
    ("consumer", &["model", "proto", "transport", "ctf"]),
    (
        "sessiond",
        &["model", "proto", "transport", "ctf", "consumer"],
    ),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules a line names through `crate::`: `crate::a::...` and the
/// members of `crate::{a, b::c}`.
fn named_modules(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && name != "self" {
                    out.push(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.push(name);
        }
    }
    out
}

#[test]
fn no_module_imports_from_a_layer_it_may_not_use() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let layers: BTreeSet<&str> = ALLOWED.iter().map(|(m, _)| *m).collect();
    let mut violations = Vec::new();
    for (module, allowed) in ALLOWED {
        let mut files = Vec::new();
        rust_files(&src.join(module), &mut files);
        assert!(!files.is_empty(), "src/{module} has no sources");
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                for named in named_modules(code) {
                    let ok = named == *module
                        || allowed.contains(&named.as_str())
                        || !layers.contains(named.as_str());
                    if !ok {
                        violations.push(format!(
                            "{}:{}: {module} names crate::{named}: {}",
                            file.strip_prefix(&src).unwrap().display(),
                            n + 1,
                            line.trim()
                        ));
                    }
                }
            }
        }
    }
    assert!(
        violations.is_empty(),
        "imports against the layers (ARCHITECTURE.md):\n{}",
        violations.join("\n")
    );
}

#[test]
fn every_top_level_module_has_a_rule() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if !path.is_dir() || name == "bin" {
            continue;
        }
        assert!(
            ALLOWED.iter().any(|(m, _)| *m == name),
            "src/{name}: add its layer to ALLOWED in tests/layers.rs and to ARCHITECTURE.md"
        );
    }
}

#[test]
fn the_scanner_sees_paths_and_groups() {
    assert_eq!(named_modules("use crate::proto::objects;"), ["proto"]);
    assert_eq!(
        named_modules("use crate::{client, model::uri};"),
        ["client", "model"]
    );
    assert_eq!(
        named_modules("let x = crate::ffi::lttng::f(crate::proto::X);"),
        ["ffi", "proto"]
    );
}

/// The library's dependency graph holds no command-line crate: the programs that parse
/// arguments (clap) are the `tools/` package.
#[test]
fn the_library_does_not_depend_on_clap() {
    let out = std::process::Command::new(env!("CARGO"))
        .args([
            "tree",
            "--offline",
            "-p",
            "lttng-ctl",
            "-e",
            "normal",
            "--prefix",
            "none",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "cargo tree: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("lttng-ctl"), "{text}");
    assert!(
        !text.lines().any(|l| l.starts_with("clap")),
        "the library depends on clap:\n{text}"
    );
}
