//! `spawn_viewer`: upstream exports it from liblttng-ctl for the `lttng view` command.

use std::ffi::{OsStr, c_char, c_int};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::process::CommandExt;
use std::process::Command;

use crate::ffi::boundary::{ffi_boundary, opt_arg_bytes};

/// Where Debian installs the default viewers (upstream's configured paths).
const BABELTRACE2_BIN: &str = "/usr/bin/babeltrace2";
const BABELTRACE_BIN: &str = "/usr/bin/babeltrace";

fn program(installed: &str, name: &str) -> String {
    if std::path::Path::new(installed).exists() {
        installed.to_owned()
    } else {
        name.to_owned()
    }
}

/// Replaces the process with a trace viewer reading `trace_path`: `opt_viewer` when given
/// (a command line split at spaces, the path appended), else babeltrace2 (babeltrace when
/// babeltrace2 is missing); in live mode the viewer gets `-i lttng-live URL`. Returns -1
/// only when nothing could be run.
///
/// # Safety
/// `trace_path` and `opt_viewer` are C strings or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn spawn_viewer(
    trace_path: *const c_char,
    opt_viewer: *mut c_char,
    opt_live_mode: bool,
) -> c_int {
    ffi_boundary!(panic = -1, {
        let Some(path) = opt_arg_bytes!(trace_path).map(OsStr::from_bytes) else {
            return -1;
        };
        if let Some(spec) = opt_arg_bytes!(opt_viewer) {
            let mut words = spec.split(|&b| b == b' ').filter(|w| !w.is_empty());
            let Some(bin) = words.next() else { return -1 };
            let err = Command::new(OsStr::from_bytes(bin))
                .args(words.map(OsStr::from_bytes))
                .arg(path)
                .exec();
            eprintln!(
                "Error: Failed to launch \"{}\" viewer: {err}",
                String::from_utf8_lossy(bin)
            );
            return -1;
        }
        for (installed, name) in [
            (BABELTRACE2_BIN, "babeltrace2"),
            (BABELTRACE_BIN, "babeltrace"),
        ] {
            let mut cmd = Command::new(program(installed, name));
            cmd.arg0(name);
            if opt_live_mode {
                cmd.args([OsStr::new("-i"), OsStr::new("lttng-live"), path]);
            } else {
                cmd.arg(path);
            }
            let err = cmd.exec();
            if err.kind() != std::io::ErrorKind::NotFound {
                eprintln!("Error: Failed to launch \"{name}\" viewer: {err}");
                return -1;
            }
        }
        eprintln!(
            "Error: Default viewer \"babeltrace2\" (and fallback \"babeltrace\") not found on the system"
        );
        -1
    })
}
