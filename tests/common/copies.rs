//! Copies of what a test runs, or has read, as the test user. The checkout and target/ may
//! lie under a directory that user cannot enter (a home of mode 700, a `mktemp -d`), so
//! scripts, suppression files and this package's programs are copied into the test's own
//! directory first; tests/private_checkout.rs runs helpers with the checkout out of the
//! test user's reach to keep it so.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use super::{TestDir, built_program, repo};

impl TestDir {
    /// The checkout's `file` (relative to the repository) copied to the same relative path
    /// under `<dir>/checkout/`, so that files that find each other by relative path (a script
    /// and `python/lttng_ctl.py`) still do.
    pub fn repo_file(&self, file: &str) -> PathBuf {
        repo_copy(&self.path, file)
    }

    /// Every file under the checkout's directory `dir` (relative to the repository), copied
    /// as [`TestDir::repo_file`] copies one (build products such as `__pycache__` left out);
    /// returns the copy of `dir`.
    pub fn repo_tree(&self, dir: &str) -> PathBuf {
        repo_tree_copy(&self.path, dir)
    }

    /// One of this package's programs (`env!("CARGO_BIN_EXE_...")`) copied into `<dir>/bin/`.
    pub fn program(&self, exe: &str) -> PathBuf {
        program_copy(&self.path, exe)
    }

    /// `lttng-ref-sessiond` copied into `<dir>/bin/`, with the `lttng-ref-consumerd` it
    /// starts from beside itself.
    pub fn ref_sessiond_program(&self) -> PathBuf {
        ref_sessiond_copy(&self.path)
    }
}

/// [`TestDir::repo_file`] under `root`.
pub fn repo_copy(root: &Path, file: &str) -> PathBuf {
    let to = root.join("checkout").join(file);
    copy_readable(root, &repo().join(file), &to);
    to
}

/// [`TestDir::repo_tree`] under `root`.
pub fn repo_tree_copy(root: &Path, dir: &str) -> PathBuf {
    let from = repo().join(dir);
    let mut pending = vec![from.clone()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let product = [
                "__pycache__",
                "build",
                "dist",
                ".pytest_cache",
                ".mypy_cache",
            ];
            if product.contains(&name.as_str()) || name.ends_with(".egg-info") {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else {
                let rel = path.strip_prefix(repo()).unwrap();
                repo_copy(root, rel.to_str().unwrap());
            }
        }
    }
    root.join("checkout").join(dir)
}

/// [`TestDir::program`] under `root`.
pub fn program_copy(root: &Path, exe: &str) -> PathBuf {
    let exe = Path::new(exe);
    let to = root.join("bin").join(exe.file_name().unwrap());
    copy_readable(root, exe, &to);
    to
}

/// [`TestDir::ref_sessiond_program`] under `root`.
pub fn ref_sessiond_copy(root: &Path) -> PathBuf {
    program_copy(root, &built_program("lttng-ref-consumerd"));
    program_copy(root, &built_program("lttng-ref-sessiond"))
}

/// Copies `from` to `to` (once), creating the directories from `root` down to it, all
/// readable by everyone, and `to` executable when `from` is.
fn copy_readable(root: &Path, from: &Path, to: &Path) {
    if to.exists() {
        return;
    }
    let parent = to.parent().unwrap();
    std::fs::create_dir_all(parent).unwrap();
    for dir in parent
        .ancestors()
        .take_while(|d| d.starts_with(root) && *d != root)
    {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    // Copied under a temporary name and renamed: a reader never sees a partial file. The
    // copy is written by `cp`, not by this process: a descriptor open for writing here would
    // be inherited by a process another test thread forks meanwhile, and exec'ing the copy
    // would then fail with ETXTBSY ("Text file busy") until that child execs.
    let partial = to.with_extension("partial");
    let status = std::process::Command::new("cp")
        .arg(from)
        .arg(&partial)
        .status()
        .expect("cp");
    assert!(
        status.success(),
        "copying {} to {}: {status}",
        from.display(),
        to.display()
    );
    let executable = from.metadata().unwrap().permissions().mode() & 0o111 != 0;
    let mode = if executable { 0o755 } else { 0o644 };
    std::fs::set_permissions(&partial, std::fs::Permissions::from_mode(mode)).unwrap();
    std::fs::rename(&partial, to).unwrap();
}
