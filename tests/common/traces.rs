//! Reading what arrived: babeltrace2 output, the relay daemon's directories, sequence checks.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::*;

/// Counts the events babeltrace2 reads in `trace_dir`, returning them as text lines.
pub fn babeltrace_events(trace_dir: &Path) -> Vec<String> {
    let out = Command::new("babeltrace2")
        .arg(trace_dir)
        .output()
        .expect("babeltrace2");
    assert!(
        out.status.success(),
        "babeltrace2 failed on {}: {}",
        trace_dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

/// This machine's host name, as the relay daemon names its output directory.
pub fn hostname() -> String {
    run_text("hostname", std::iter::empty::<&str>())
        .trim()
        .to_owned()
}

/// The single directory under `parent` whose name starts with `prefix`.
pub fn find_dir(parent: &Path, prefix: &str) -> PathBuf {
    let found: Vec<PathBuf> = std::fs::read_dir(parent)
        .unwrap_or_else(|e| panic!("{}: {e}", parent.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one {prefix}* under {}: {found:?}",
        parent.display()
    );
    found.into_iter().next().unwrap()
}

/// The `seq` values of `ref:tick` events babeltrace2 reads under `dir`, in order.
pub fn tick_seqs(dir: &Path) -> Vec<u64> {
    babeltrace_events(dir)
        .iter()
        .filter(|l| l.contains("ref:tick"))
        .filter_map(|l| {
            l.split("seq = ")
                .nth(1)?
                .split(',')
                .next()?
                .trim()
                .parse()
                .ok()
        })
        .collect()
}

/// Asserts 0, 1, 2, ... without gap or repetition.
pub fn assert_contiguous(seqs: &[u64]) {
    assert!(!seqs.is_empty(), "no ref:tick event in the trace");
    for (i, s) in seqs.iter().enumerate() {
        assert_eq!(*s, i as u64, "seq gap or repetition at position {i}");
    }
}

/// The bytes a string of hexadecimal digit pairs spells (recorded messages, test data).
pub fn unhex(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}
