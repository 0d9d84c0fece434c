//! The mirrors against upstream's own headers: a C program compiled with lttng-tools
//! 2.13.9's internal headers prints every size and offset of [`CHECKS`].

use super::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Upstream's source tree: `$LTTNG_UPSTREAM_SRC`, else where `scripts/upstream-source.sh`
/// unpacks Debian's source package.
fn upstream_source() -> Option<PathBuf> {
    let dir = std::env::var_os("LTTNG_UPSTREAM_SRC")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("target/upstream/ltt-control-2.13.9")
        });
    if dir
        .join("include/lttng/trigger/trigger-internal.h")
        .exists()
    {
        return Some(dir);
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    assert!(
        !ci,
        "lttng-tools 2.13.9's source is required under CI: run scripts/upstream-source.sh \
         or set LTTNG_UPSTREAM_SRC ({} has no internal headers)",
        dir.display()
    );
    eprintln!(
        "SKIP: no lttng-tools 2.13.9 source at {} (scripts/upstream-source.sh)",
        dir.display()
    );
    None
}

/// The text of `struct <name> { ... };` in an upstream `.c` file (for the structs no header
/// declares).
fn struct_from_source(file: &Path, name: &str) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    let start = text
        .find(&format!("\nstruct {name} {{"))
        .unwrap_or_else(|| panic!("struct {name} not in {}", file.display()));
    let end = start + text[start..].find("\n};").unwrap() + 3;
    text[start..end].to_owned()
}

fn c_program(src: &Path) -> String {
    let mut c = String::from(
        "#define _GNU_SOURCE\n#include <stddef.h>\n#include <stdio.h>\n\
         #include <lttng/trigger/trigger-internal.h>\n\
         #include <lttng/condition/condition-internal.h>\n\
         #include <lttng/action/action-internal.h>\n\
         #include <lttng/condition/evaluation-internal.h>\n\
         #include <lttng/condition/buffer-usage-internal.h>\n\
         #include <lttng/condition/session-consumed-size-internal.h>\n\
         #include <lttng/condition/session-rotation-internal.h>\n\
         #include <lttng/condition/event-rule-matches-internal.h>\n\
         #include <lttng/notification/notification-internal.h>\n\
         #include <lttng/notification/channel-internal.h>\n\
         #include <lttng/event-field-value-internal.h>\n\
         #include <lttng/error-query-internal.h>\n#include <common/payload.h>\n",
    );
    c.push_str(&struct_from_source(
        &src.join("src/common/fd-handle.c"),
        "fd_handle",
    ));
    for s in [
        "lttng_error_query",
        "lttng_error_query_trigger",
        "lttng_error_query_condition",
        "lttng_error_query_action",
        "lttng_error_query_result",
        "lttng_error_query_result_counter",
        "lttng_error_query_results",
    ] {
        c.push_str(&struct_from_source(
            &src.join("src/common/error-query.c"),
            s,
        ));
    }
    c.push_str("\nint main(void)\n{\n");
    for check in CHECKS {
        match check.member {
            None => c.push_str(&format!(
                "\tprintf(\"%zu\\n\", sizeof({}));\n",
                check.c_type
            )),
            Some(m) => c.push_str(&format!(
                "\tprintf(\"%zu\\n\", offsetof({}, {}));\n",
                check.c_type,
                m.replace(' ', "").replace("r#", "")
            )),
        }
    }
    c.push_str("\treturn 0;\n}\n");
    c
}

#[test]
fn mirrors_match_upstreams_headers() {
    let Some(src) = upstream_source() else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("lttng-ctl-layout-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let c = dir.join("layout.c");
    let exe = dir.join("layout");
    std::fs::write(&c, c_program(&src)).unwrap();
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    let out = Command::new(&cc)
        .args(["-std=gnu11", "-Wall", "-Werror", "-Wno-unused-function"])
        .arg(format!("-I{}", src.join("include").display()))
        .arg(format!("-I{}", src.join("src").display()))
        .arg(format!("-I{}", src.display()))
        .arg(&c)
        .arg("-o")
        .arg(&exe)
        .output()
        .expect("cc");
    assert!(
        out.status.success(),
        "compiling {} failed (liburcu-dev installed?):\n{}",
        c.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let out = Command::new(&exe).output().unwrap();
    let values: Vec<usize> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.parse().unwrap())
        .collect();
    assert_eq!(values.len(), CHECKS.len());
    let mut wrong = Vec::new();
    for (check, c_value) in CHECKS.iter().zip(values) {
        if check.rust != Check::PREFIX && check.rust != c_value {
            wrong.push(format!(
                "{} {}: C {c_value}, Rust {}",
                check.c_type,
                check.member.unwrap_or("(size)"),
                check.rust
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(wrong.is_empty(), "layouts differ:\n{}", wrong.join("\n"));
}
