//! Exports of `lttng/session-descriptor.h`, `lttng/destruction-handle.h`,
//! `lttng/clear-handle.h` and the `_ext` session calls of `lttng/session.h`.

use std::ffi::{CString, c_char, c_int, c_ulonglong};
use std::time::Duration;

use crate::client::{self, pending};
use crate::ffi::boundary::{
    BadArg, OnBadArg, Opaque, arg_str, ffi_boundary, free_c, into_c, obj_mut, obj_ref, opt_arg_str,
    out, out_arg,
};
use crate::ffi::location::{self, lttng_trace_archive_location};
use crate::ffi::lttng::report_error;
use crate::ffi::types::{
    lttng_clear_handle_status, lttng_destruction_handle_status, lttng_error_code,
    lttng_rotation_state, lttng_session_descriptor_status,
};
use crate::model::session::{OutputKind, SESSION_NAME_MAX, SessionDescriptor, SessionKind};
use crate::model::uri::{self, StreamType, Uri};

/// A session descriptor (opaque to C; only this library's functions touch it).
pub struct lttng_session_descriptor {
    desc: SessionDescriptor,
    name: Option<CString>,
}

type DescStatus = lttng_session_descriptor_status;

impl Opaque for lttng_session_descriptor {}

fn new_descriptor(
    kind: SessionKind,
    output: OutputKind,
    name: Option<&str>,
    uris: Vec<Uri>,
    live: u64,
) -> Result<*mut lttng_session_descriptor, BadArg> {
    if name.is_some_and(|n| n.len() > SESSION_NAME_MAX) {
        return Err(BadArg);
    }
    let desc = SessionDescriptor {
        kind,
        output,
        name: name.map(str::to_owned),
        uris,
        live_timer_us: live,
    };
    let name = desc
        .name
        .as_deref()
        .map(|n| CString::new(n).map_err(|_| BadArg))
        .transpose()?;
    Ok(into_c(lttng_session_descriptor { desc, name }))
}

/// A local path as a descriptor URI (`file://` + absolute path).
fn path_uri(path: &str) -> Result<Uri, BadArg> {
    if path.len() >= uri::PATH_CAPACITY || !path.starts_with('/') {
        return Err(BadArg);
    }
    let uris = uri::parse_uri(&format!("file://{path}"), &uri::NoResolve).map_err(|_| BadArg)?;
    uris.into_iter().next().ok_or(BadArg)
}

/// A control/data URL pair as descriptor URIs (none or both).
fn network_uris(ctrl: Option<&str>, data: Option<&str>) -> Result<Vec<Uri>, BadArg> {
    let uris = client::parse_urls_reporting(ctrl, data, Some(report_error)).map_err(|_| BadArg)?;
    match uris.as_slice() {
        [] => Ok(uris),
        [c, d]
            if c.stream == StreamType::Control
                && d.stream == StreamType::Data
                && c.is_network() =>
        {
            Ok(uris)
        }
        _ => Err(BadArg),
    }
}

/// A descriptor of `kind` and `output` from the C arguments: NULL when a string is not
/// UTF-8, a name is too long, a path is not absolute or the URLs are not a valid pair.
fn make(
    kind: SessionKind,
    output: OutputKind,
    name: Option<&str>,
    first: Option<&str>,
    second: Option<&str>,
    live: u64,
) -> *mut lttng_session_descriptor {
    let uris = match output {
        OutputKind::None => Ok(Vec::new()),
        OutputKind::Local => first
            .map(path_uri)
            .transpose()
            .map(|u| u.into_iter().collect()),
        OutputKind::Network => network_uris(first, second),
    };
    match uris.and_then(|uris| new_descriptor(kind, output, name, uris, live)) {
        Ok(p) => p,
        Err(BadArg) => std::ptr::null_mut(),
    }
}

/// The body of a descriptor constructor: NULL for a string argument that is not UTF-8, a
/// name that is too long, a path that is not absolute, URLs that are not a valid pair, or a
/// zero live timer. Release the result with `lttng_session_descriptor_destroy`.
macro_rules! descriptor {
    ($kind:ident, $output:ident, $name:expr, $first:expr, $second:expr, $live:expr) => {{
        let live: u64 = $live;
        if SessionKind::$kind == SessionKind::Live && live == 0 {
            return std::ptr::null_mut();
        }
        let (name, first, second) = ($name, $first, $second);
        make(
            SessionKind::$kind,
            OutputKind::$output,
            name,
            first,
            second,
            live,
        )
    }};
}

/// A regular session without output. `name` NULL: the daemon names it. NULL when the
/// name is too long.
///
/// # Safety
/// The strings are C strings or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_session_descriptor_create(
    name: *const c_char,
) -> *mut lttng_session_descriptor {
    ffi_boundary!({ descriptor!(Regular, None, opt_arg_str!(name), None, None, 0) })
}

/// A regular session writing under the absolute `path` (NULL: the daemon's default,
/// `$LTTNG_HOME/lttng-traces/<name>-<date>`).
///
/// # Safety
/// The strings are C strings or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_session_descriptor_local_create(
    name: *const c_char,
    path: *const c_char,
) -> *mut lttng_session_descriptor {
    ffi_boundary!({
        descriptor!(
            Regular,
            Local,
            opt_arg_str!(name),
            opt_arg_str!(path),
            None,
            0
        )
    })
}

/// A regular session streaming to a relay daemon (both URLs NULL: `net://127.0.0.1`).
///
/// # Safety
/// The strings are C strings or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_session_descriptor_network_create(
    name: *const c_char,
    control_url: *const c_char,
    data_url: *const c_char,
) -> *mut lttng_session_descriptor {
    ffi_boundary!({
        descriptor!(
            Regular,
            Network,
            opt_arg_str!(name),
            opt_arg_str!(control_url),
            opt_arg_str!(data_url),
            0
        )
    })
}

/// A snapshot session without output.
///
/// # Safety
/// The strings are C strings or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_session_descriptor_snapshot_create(
    name: *const c_char,
) -> *mut lttng_session_descriptor {
    ffi_boundary!({ descriptor!(Snapshot, None, opt_arg_str!(name), None, None, 0) })
}

/// A snapshot session whose default snapshot output is the local `path` (NULL: default).
///
/// # Safety
/// The strings are C strings or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_session_descriptor_snapshot_local_create(
    name: *const c_char,
    path: *const c_char,
) -> *mut lttng_session_descriptor {
    ffi_boundary!({
        descriptor!(
            Snapshot,
            Local,
            opt_arg_str!(name),
            opt_arg_str!(path),
            None,
            0
        )
    })
}

/// A snapshot session whose default snapshot output is a relay daemon.
///
/// # Safety
/// The strings are C strings or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_session_descriptor_snapshot_network_create(
    name: *const c_char,
    control_url: *const c_char,
    data_url: *const c_char,
) -> *mut lttng_session_descriptor {
    ffi_boundary!({
        descriptor!(
            Snapshot,
            Network,
            opt_arg_str!(name),
            opt_arg_str!(control_url),
            opt_arg_str!(data_url),
            0
        )
    })
}

/// A live session without output; NULL for a zero timer.
///
/// # Safety
/// The strings are C strings or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_session_descriptor_live_create(
    name: *const c_char,
    live_timer_interval_us: c_ulonglong,
) -> *mut lttng_session_descriptor {
    ffi_boundary!({
        descriptor!(
            Live,
            None,
            opt_arg_str!(name),
            None,
            None,
            live_timer_interval_us
        )
    })
}

/// A live session streaming to a relay daemon (both URLs NULL: `net://127.0.0.1`); NULL
/// for a zero timer.
///
/// # Safety
/// The strings are C strings or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_session_descriptor_live_network_create(
    name: *const c_char,
    control_url: *const c_char,
    data_url: *const c_char,
    live_timer_interval_us: c_ulonglong,
) -> *mut lttng_session_descriptor {
    ffi_boundary!({
        descriptor!(
            Live,
            Network,
            opt_arg_str!(name),
            opt_arg_str!(control_url),
            opt_arg_str!(data_url),
            live_timer_interval_us
        )
    })
}

/// Stores the descriptor's session name in `*name` (owned by the descriptor; after
/// `lttng_create_session_ext`, the daemon's name for an unnamed session). Returns
/// LTTNG_SESSION_DESCRIPTOR_STATUS_OK, _UNSET or _INVALID (NULL arguments).
///
/// # Safety
/// `descriptor` is NULL or a descriptor of this library; `name` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_session_descriptor_get_session_name(
    descriptor: *const lttng_session_descriptor,
    name: *mut *const c_char,
) -> lttng_session_descriptor_status {
    ffi_boundary!({
        let d = obj_ref!(descriptor);
        let out = out_arg!(name);
        match &d.name {
            Some(n) => {
                out.write(n.as_ptr());
                DescStatus::OK
            }
            None => DescStatus::UNSET,
        }
    })
}

/// Releases a descriptor (NULL, or a pointer that is not a live descriptor, is ignored).
///
/// # Safety
/// `descriptor` is NULL or a descriptor of this library not yet destroyed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_session_descriptor_destroy(
    descriptor: *mut lttng_session_descriptor,
) {
    ffi_boundary!({ free_c(descriptor) })
}

/// Creates the session a descriptor describes; on success the descriptor gets the daemon's
/// name and output. Returns LTTNG_OK or an `enum lttng_error_code` (positive).
///
/// # Safety
/// `session_descriptor` is NULL or a descriptor of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_create_session_ext(
    session_descriptor: *mut lttng_session_descriptor,
) -> lttng_error_code {
    ffi_boundary!({
        let d = obj_mut!(session_descriptor);
        match client::create_session_ext(&d.desc) {
            Ok(reply) => {
                d.name = reply.name.as_deref().and_then(|n| CString::new(n).ok());
                d.desc = reply;
                lttng_error_code::OK
            }
            Err(e) => lttng_error_code::of(e),
        }
    })
}

/// The pending answer of DESTROY_SESSION (opaque to C).
pub struct lttng_destruction_handle {
    pending: pending::Pending,
    /// The archive location, built on first request once the answer is complete.
    location: std::cell::Cell<*mut lttng_trace_archive_location>,
}

impl Drop for lttng_destruction_handle {
    fn drop(&mut self) {
        // SAFETY: the handle holds the only reference to its location.
        unsafe { location::release(self.location.get()) };
    }
}

/// The pending answer of CLEAR_SESSION (opaque to C).
pub struct lttng_clear_handle {
    pending: pending::Pending,
}

impl Opaque for lttng_destruction_handle {}
impl Opaque for lttng_clear_handle {}

/// Sends a command answered later (destroy, clear) for the session `name`; with a handle
/// out-parameter, stores there the handle `wrap` makes to wait for the answer.
fn start<H: Opaque>(
    name: &str,
    send: fn(&str) -> client::Result<pending::Pending>,
    handle: *mut *mut H,
    wrap: fn(pending::Pending) -> H,
) -> lttng_error_code {
    match send(name) {
        Ok(p) => {
            if !handle.is_null() {
                out!(handle, into_c(wrap(p)));
            }
            lttng_error_code::OK
        }
        Err(e) => lttng_error_code::of(e),
    }
}

/// Asks the daemon to destroy a session. With `handle`, stores a handle to wait for the
/// answer (release it with `lttng_destruction_handle_destroy`); without, returns at once.
/// Does not stop tracing first (`lttng_destroy_session` does). Returns LTTNG_OK or an
/// `enum lttng_error_code` (positive).
///
/// # Safety
/// `session_name` is a C string or NULL; `handle` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_destroy_session_ext(
    session_name: *const c_char,
    handle: *mut *mut lttng_destruction_handle,
) -> lttng_error_code {
    ffi_boundary!({
        start(arg_str!(session_name), pending::destroy, handle, |p| {
            lttng_destruction_handle {
                pending: p,
                location: std::cell::Cell::new(std::ptr::null_mut()),
            }
        })
    })
}

/// Asks the daemon to clear a session (discard its buffers and trace files). With
/// `handle`, stores a handle to wait for the answer (release it with
/// `lttng_clear_handle_destroy`). Returns LTTNG_OK or an `enum lttng_error_code`.
///
/// # Safety
/// `session_name` is a C string or NULL; `handle` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_clear_session(
    session_name: *const c_char,
    handle: *mut *mut lttng_clear_handle,
) -> lttng_error_code {
    ffi_boundary!({
        start(arg_str!(session_name), pending::clear, handle, |p| {
            lttng_clear_handle { pending: p }
        })
    })
}

/// The statuses of the destruction and clear handles (same values).
trait HandleStatus: OnBadArg {
    const OK: Self;
    const COMPLETED: Self;
    const TIMEOUT: Self;
    const ERROR: Self;
}

macro_rules! handle_status {
    ($($t:ident),*) => {$(
        impl HandleStatus for $t {
            const OK: $t = $t::OK;
            const COMPLETED: $t = $t::COMPLETED;
            const TIMEOUT: $t = $t::TIMEOUT;
            const ERROR: $t = $t::ERROR;
        }
    )*};
}
handle_status!(lttng_destruction_handle_status, lttng_clear_handle_status);

fn wait<S: HandleStatus>(p: &mut pending::Pending, timeout_ms: c_int) -> S {
    let timeout = (timeout_ms > 0).then(|| Duration::from_millis(timeout_ms as u64));
    match p.wait(timeout) {
        pending::Wait::Completed => S::COMPLETED,
        pending::Wait::Timeout => S::TIMEOUT,
        pending::Wait::Error => S::ERROR,
    }
}

/// Stores the command's result in `result` once the answer arrived (the handles'
/// `get_result`); INVALID before.
fn write_result<S: HandleStatus>(pending: &pending::Pending, result: *mut lttng_error_code) -> S {
    let Some(code) = pending.result else {
        return S::on_bad_arg();
    };
    out!(result, lttng_error_code(code as c_int));
    S::OK
}

/// Releases a destruction handle (NULL, or a pointer that is not a live handle, is ignored).
///
/// # Safety
/// `handle` is NULL or a handle of this library not yet destroyed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_destruction_handle_destroy(handle: *mut lttng_destruction_handle) {
    ffi_boundary!({ free_c(handle) })
}

/// Waits for the destruction to complete, at most `timeout_ms` (<= 0: without limit).
/// Returns LTTNG_DESTRUCTION_HANDLE_STATUS_COMPLETED, _TIMEOUT, _ERROR or _INVALID.
///
/// # Safety
/// `handle` is NULL or a handle of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_destruction_handle_wait_for_completion(
    handle: *mut lttng_destruction_handle,
    timeout_ms: c_int,
) -> lttng_destruction_handle_status {
    ffi_boundary!({ wait(&mut obj_mut!(handle).pending, timeout_ms) })
}

/// The destruction's result, once completed.
///
/// # Safety
/// `handle` is NULL or a handle of this library; `result` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_destruction_handle_get_result(
    handle: *const lttng_destruction_handle,
    result: *mut lttng_error_code,
) -> lttng_destruction_handle_status {
    ffi_boundary!({ write_result(&obj_ref!(handle).pending, result) })
}

/// The session's rotation state at destruction, once completed.
///
/// # Safety
/// `handle` is NULL or a handle of this library; `rotation_state` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_destruction_handle_get_rotation_state(
    handle: *const lttng_destruction_handle,
    rotation_state: *mut lttng_rotation_state,
) -> lttng_destruction_handle_status {
    ffi_boundary!({
        let h = obj_ref!(handle);
        let out = out_arg!(rotation_state);
        match h.pending.rotation_state {
            Some(state) => {
                out.write(state);
                lttng_destruction_handle_status::OK
            }
            None => lttng_destruction_handle_status::INVALID,
        }
    })
}

/// The archive location of the session's last trace chunk, once the destruction completed
/// after the session was rotated: stores in `location` an object owned by the handle (valid
/// until `lttng_destruction_handle_destroy`; do not free it). INVALID when there is none.
///
/// # Safety
/// `handle` is NULL or a handle of this library; `location` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_destruction_handle_get_archive_location(
    handle: *const lttng_destruction_handle,
    location: *mut *const lttng_trace_archive_location,
) -> lttng_destruction_handle_status {
    ffi_boundary!({
        let h = obj_ref!(handle);
        let out = out_arg!(location);
        if h.location.get().is_null() {
            match &h.pending.location {
                Some(l) => h.location.set(location::create(l)),
                None => return lttng_destruction_handle_status::INVALID,
            }
        }
        let obj = h.location.get();
        if obj.is_null() {
            return lttng_destruction_handle_status::ERROR;
        }
        out.write(obj);
        lttng_destruction_handle_status::OK
    })
}

/// Releases a clear handle (NULL, or a pointer that is not a live handle, is ignored).
///
/// # Safety
/// `handle` is NULL or a handle of this library not yet destroyed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_clear_handle_destroy(handle: *mut lttng_clear_handle) {
    ffi_boundary!({ free_c(handle) })
}

/// Waits for the clear to complete, at most `timeout_ms` (<= 0: without limit).
///
/// # Safety
/// `handle` is NULL or a handle of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_clear_handle_wait_for_completion(
    handle: *mut lttng_clear_handle,
    timeout_ms: c_int,
) -> lttng_clear_handle_status {
    ffi_boundary!({ wait(&mut obj_mut!(handle).pending, timeout_ms) })
}

/// The clear's result, once completed.
///
/// # Safety
/// `handle` is NULL or a handle of this library; `result` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_clear_handle_get_result(
    handle: *const lttng_clear_handle,
    result: *mut lttng_error_code,
) -> lttng_clear_handle_status {
    ffi_boundary!({ write_result(&obj_ref!(handle).pending, result) })
}
