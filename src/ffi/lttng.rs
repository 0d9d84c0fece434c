//! Exports of `lttng/lttng.h` and `lttng/lttng-error.h`: daemon discovery, tracing group,
//! start/stop, data pending, consumer URL, error texts.

use std::ffi::{c_char, c_int};
use std::sync::OnceLock;

use crate::client;
use crate::ffi::boundary::{OnBadArg, arg_ref, arg_str, ffi_boundary, opt_arg_str, try_arg};
use crate::ffi::convert::handle_from_c;
use crate::ffi::types::{lttng_calibrate, lttng_handle};
use crate::model::error::{ErrorCode, strerror};

/// Maps a client result to the C convention: 0 on success, the negated code on error.
pub(crate) fn rc(r: client::Result<()>) -> c_int {
    match r {
        Ok(()) => 0,
        Err(e) => e.api_value(),
    }
}

/// Returns the text for an LTTng error code (a negative API return value), byte for byte as
/// the real library. Codes it does not know give "Unknown error code"; -94 to -96 give NULL.
///
/// The string is static: the caller must not free it.
///
/// # Safety
/// None: any value is accepted.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_strerror(code: c_int) -> *const c_char {
    ffi_boundary!({
        static TEXTS: OnceLock<Vec<(i32, std::ffi::CString)>> = OnceLock::new();
        let texts = TEXTS.get_or_init(|| {
            (0..=172)
                .filter_map(|c| {
                    strerror(-c).map(|t| (c, std::ffi::CString::new(t).unwrap_or_default()))
                })
                .collect()
        });
        let positive = code.checked_neg().unwrap_or(-1);
        let lookup = if (0..=172).contains(&positive) {
            positive
        } else {
            0
        };
        texts
            .iter()
            .find(|(c, _)| *c == lookup)
            .map_or(std::ptr::null(), |(_, t)| t.as_ptr())
    })
}

/// Returns 1 when a session daemon accepts connections on the socket this process uses,
/// 0 otherwise. Sends nothing.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_session_daemon_alive() -> c_int {
    ffi_boundary!({ c_int::from(client::session_daemon_alive()) })
}

/// Sets the tracing group whose members also try the root session daemon. Process-wide.
/// Returns 0, or -LTTNG_ERR_INVALID for NULL.
///
/// # Safety
/// `name` is a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_set_tracing_group(name: *const c_char) -> c_int {
    ffi_boundary!({
        client::set_tracing_group(arg_str!(name));
        0
    })
}

/// Starts tracing of a session. 0 or a negative LTTng code.
///
/// # Safety
/// `session_name` is a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_start_tracing(session_name: *const c_char) -> c_int {
    ffi_boundary!({
        let n = arg_str!(session_name);
        rc(client::start_tracing(n))
    })
}

/// Stops tracing, then waits (polling every 200 ms) until no data is pending.
///
/// # Safety
/// `session_name` is a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_stop_tracing(session_name: *const c_char) -> c_int {
    ffi_boundary!({
        let n = arg_str!(session_name);
        rc(client::stop_tracing(n, true))
    })
}

/// Stops tracing without waiting for pending data.
///
/// # Safety
/// `session_name` is a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_stop_tracing_no_wait(session_name: *const c_char) -> c_int {
    ffi_boundary!({
        let n = arg_str!(session_name);
        rc(client::stop_tracing(n, false))
    })
}

/// 1 while data of a stopped session is still being written, 0 when all is on disk or sent,
/// or a negative LTTng code.
///
/// Note: the Debian 2.13.9 daemon aborts when asked this about a started session (fixed
/// upstream in 2.13.12); the library forwards the question as the real one does.
///
/// # Safety
/// `session_name` is a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_data_pending(session_name: *const c_char) -> c_int {
    ffi_boundary!({
        let n = arg_str!(session_name);
        match client::data_pending(n) {
            Ok(p) => c_int::from(p),
            Err(e) => e.api_value(),
        }
    })
}

/// Sets the consumer URLs of a session (before it starts). Either URL may be NULL, not both.
/// 0 or a negative LTTng code; a URL that does not parse gives -LTTNG_ERR_INVALID.
///
/// # Safety
/// `handle` is a valid pointer or NULL; the URLs are C strings or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_set_consumer_url(
    handle: *mut lttng_handle,
    control_url: *const c_char,
    data_url: *const c_char,
) -> c_int {
    ffi_boundary!({
        let handle = arg_ref!(handle);
        if control_url.is_null() && data_url.is_null() {
            return OnBadArg::on_bad_arg();
        }
        let h = try_arg!(handle_from_c(handle));
        let (ctrl, data) = (opt_arg_str!(control_url), opt_arg_str!(data_url));
        rc(client::set_consumer_url(&h, ctrl, data, Some(report_error)))
    })
}

/// Obsolete since 2.x upstream; kept for the ABI. Returns -LTTNG_ERR_UND without contacting
/// the daemon, as the real library.
///
/// # Safety
/// None: the arguments are not used.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_calibrate(
    _handle: *mut lttng_handle,
    _calibrate: *mut lttng_calibrate,
) -> c_int {
    ffi_boundary!({ -(ErrorCode::Und as c_int) })
}

/// Regenerates the metadata of a session (a started one). 0 or a negative LTTng code.
///
/// # Safety
/// `session_name` is a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_regenerate_metadata(session_name: *const c_char) -> c_int {
    ffi_boundary!({
        let n = arg_str!(session_name);
        rc(client::regenerate_metadata(n))
    })
}

/// Regenerates the state dump of a session (a started one). 0 or a negative LTTng code.
///
/// # Safety
/// `session_name` is a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_regenerate_statedump(session_name: *const c_char) -> c_int {
    ffi_boundary!({
        let n = arg_str!(session_name);
        rc(client::regenerate_statedump(n))
    })
}

/// Sets where a session's shared-memory buffers live (`shm_path` NULL: the default).
///
/// # Safety
/// The strings are C strings or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_set_session_shm_path(
    session_name: *const c_char,
    shm_path: *const c_char,
) -> c_int {
    ffi_boundary!({
        rc(client::set_session_shm_path(
            arg_str!(session_name),
            opt_arg_str!(shm_path),
        ))
    })
}

/// Registers an external consumer daemon's socket for the handle's domain (obsolete
/// upstream; the 2.13 daemon answers "Undefined command").
///
/// # Safety
/// `handle` is a valid pointer or NULL; `socket_path` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_register_consumer(
    handle: *mut lttng_handle,
    socket_path: *const c_char,
) -> c_int {
    ffi_boundary!({
        let h = handle_from_c(arg_ref!(handle));
        let p = arg_str!(socket_path);
        rc(client::register_consumer(&try_arg!(h), p))
    })
}

/// Prints an error the way upstream's library does (`Error: ...` on stderr), unless the
/// program set `lttng_opt_quiet`. Used only where upstream prints and programs rely on it
/// (loading sessions).
pub(crate) fn report_error(is_error: bool, msg: &str) {
    if lttng_opt_quiet.load(std::sync::atomic::Ordering::Relaxed) == 0 {
        eprintln!("{}: {msg}", if is_error { "Error" } else { "Warning" });
    }
}

/// Prints what upstream's filter compiler prints on stderr when it refuses an expression
/// (`[error] ...`, `Generate IR error`, `error syntax error`, `Parse error`, ...). Upstream
/// prints them with plain `fprintf`s, whatever `lttng_opt_quiet` says (`lttng -q` shows
/// them too), and so does this.
pub(crate) fn report_filter(text: &str) {
    use std::io::Write;
    let _ = std::io::stderr().write_all(text.as_bytes());
}

/// Upstream's global options, shared with the `lttng` CLI, which sets them: quiet (no
/// messages), verbosity, machine-interface output. Quiet silences the messages this library
/// prints as upstream does (`report_error`), not the filter diagnostics (`report_filter`).
#[unsafe(no_mangle)]
pub static lttng_opt_quiet: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(0);
/// See `lttng_opt_quiet`.
#[unsafe(no_mangle)]
pub static lttng_opt_verbose: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(0);
/// See `lttng_opt_quiet`.
#[unsafe(no_mangle)]
pub static lttng_opt_mi: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(0);
/// Upstream's hash-table seed, exported for the static code of its tools (`unsigned long`).
#[unsafe(no_mangle)]
pub static lttng_ht_seed: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
