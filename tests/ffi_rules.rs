//! The C layer's shape, checked on the sources: every export runs inside the kit's panic
//! boundary (`ffi_boundary!`), no `// SAFETY:` comment merely points elsewhere ("forwarded
//! contract", "as above"), and raw pointers are dereferenced only through the kit
//! (`src/ffi/boundary.rs`) or in the few places listed here with their reason.

use std::path::Path;

fn ffi_sources() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ffi");
    let mut out = Vec::new();
    collect_sources(&dir, &dir, &mut out);
    out.sort();
    out
}

/// The `.rs` files under `dir`, named by their path relative to `root`
/// (`trigger_host/probe.rs`).
fn collect_sources(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    for p in std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()) {
        if p.is_dir() {
            collect_sources(root, &p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push((
                p.strip_prefix(root).unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            ));
        }
    }
}

#[test]
fn every_export_runs_inside_the_panic_boundary() {
    let mut missing = Vec::new();
    for (file, text) in ffi_sources() {
        let mut rest = text.as_str();
        while let Some(i) = rest.find("#[unsafe(no_mangle)]\npub unsafe extern \"C\" fn ") {
            rest = &rest[i..];
            let name_start = rest.find("fn ").unwrap() + 3;
            let name: String = rest[name_start..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let body_end = rest.find("\n}\n").unwrap();
            if !rest[..body_end].contains("ffi_boundary!(") {
                missing.push(format!("{file}: {name}"));
            }
            rest = &rest[body_end..];
        }
    }
    assert!(
        missing.is_empty(),
        "exports outside ffi_boundary!: {missing:#?}"
    );
}

#[test]
fn safety_comments_say_why() {
    let mut vague = Vec::new();
    for (file, text) in ffi_sources() {
        for (n, line) in text.lines().enumerate() {
            let l = line.trim();
            if l.starts_with("// SAFETY:")
                && (l.contains("forwarded contract") || l.ends_with("as above."))
            {
                vague.push(format!("{file}:{}: {l}", n + 1));
            }
        }
    }
    assert!(
        vague.is_empty(),
        "SAFETY comments that do not say why: {vague:#?}"
    );
}

/// Raw dereferences (`&*p`, `&mut *p`, `(*p).`) outside the kit, and why each is there.
const ALLOWED_DEREFS: &[(&str, &str)] = &[
    // A fresh calloc'd allocation being initialised before it is handed out.
    ("channel.rs", "(*chan)."),
    ("event.rs", "(*ext).probe_location"),
    ("session.rs", "&mut *handle"),
    ("snapshot.rs", "&mut *o"),
    ("event.rs", "&mut *ev"),
    ("event.rs", "&mut *block"),
    ("channel.rs", "&mut *b."),
    ("session.rs", "&mut *block"),
    ("uri.rs", "&mut *array"),
    ("event.rs", "&mut *array"),
    ("uri.rs", "&*(uri as *const lttng_uri)"),
    ("location.rs", "&mut *location"),
    // Upstream's objects in the calling program (src/ffi/trigger_host.rs and its modules).
    ("trigger_host.rs", ""),
    ("trigger_host/layout.rs", ""),
    ("trigger_host/notify.rs", ""),
    ("trigger_host/probe.rs", ""),
];

/// `&*p`, `&mut *p` or `(*p).field` with `p` a name (not `&**boxed`, `Some(*v)` or a
/// `*mut T` type).
fn has_raw_deref(code: &str) -> bool {
    let starts_name = |rest: &str| {
        rest.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && !rest.starts_with("mut ")
            && !rest.starts_with("const ")
            && !rest.starts_with("self")
    };
    let mut found = false;
    for pat in ["&*", "&mut *"] {
        for (i, _) in code.match_indices(pat) {
            found |= starts_name(&code[i + pat.len()..]);
        }
    }
    for (i, _) in code.match_indices("(*") {
        let rest = &code[i + 2..];
        if starts_name(rest) {
            let name_len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
                .unwrap_or(rest.len());
            found |= rest[name_len..].starts_with(").");
        }
    }
    found
}

#[test]
fn raw_dereferences_stay_in_the_kit() {
    let mut found = Vec::new();
    for (file, text) in ffi_sources() {
        if file == "boundary.rs" {
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if !has_raw_deref(code) {
                continue;
            }
            let allowed = ALLOWED_DEREFS
                .iter()
                .any(|(f, pat)| *f == file && code.contains(pat));
            if !allowed {
                found.push(format!("{file}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "raw dereferences outside the kit: {found:#?}"
    );
}
