//! Exports of `lttng/session-descriptor.h`, `lttng/destruction-handle.h`,
//! `lttng/clear-handle.h` and the `_ext` session calls of `lttng/session.h`.

use std::ffi::{CString, c_char, c_int, c_ulonglong};
use std::time::Duration;

use crate::client::{self, pending};
use crate::ffi::boundary::{BadArg, ffi_boundary, opt_str, req_str};
use crate::ffi::location::{self, lttng_trace_archive_location};
use crate::ffi::lttng::report_error;
use crate::ffi::types::{
    lttng_clear_handle_status, lttng_destruction_handle_status, lttng_error_code,
    lttng_rotation_state, lttng_session_descriptor_status,
};
use crate::model::error::ErrorCode;
use crate::model::session::{OutputKind, SESSION_NAME_MAX, SessionDescriptor, SessionKind};
use crate::model::uri::{self, StreamType, Uri};

/// A session descriptor (opaque to C; only this library's functions touch it).
pub struct lttng_session_descriptor {
    desc: SessionDescriptor,
    name: Option<CString>,
}

type DescStatus = lttng_session_descriptor_status;
const DESC_INVALID: DescStatus = -1;
const DESC_OK: DescStatus = 0;
const DESC_UNSET: DescStatus = 1;

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
    Ok(Box::into_raw(Box::new(lttng_session_descriptor {
        desc,
        name,
    })))
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

/// # Safety
/// The strings are C strings or NULL.
unsafe fn make(
    kind: SessionKind,
    output: OutputKind,
    name: *const c_char,
    first: *const c_char,
    second: *const c_char,
    live: u64,
) -> *mut lttng_session_descriptor {
    // SAFETY: forwarded contract.
    let (name, first, second) = unsafe { (opt_str(name), opt_str(first), opt_str(second)) };
    let (Ok(name), Ok(first), Ok(second)) =
        (name.transpose(), first.transpose(), second.transpose())
    else {
        return std::ptr::null_mut();
    };
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

/// A regular session without output. `name` NULL: the daemon names it. Release with
/// `lttng_session_descriptor_destroy`. NULL when the name is too long.
///
/// # Safety
/// `name` is a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_session_descriptor_create(
    name: *const c_char,
) -> *mut lttng_session_descriptor {
    ffi_boundary!(std::ptr::null_mut(), {
        // SAFETY: forwarded contract.
        unsafe {
            make(
                SessionKind::Regular,
                OutputKind::None,
                name,
                std::ptr::null(),
                std::ptr::null(),
                0,
            )
        }
    })
}

/// A regular session writing under the absolute `path` (NULL: the daemon's default,
/// `$LTTNG_HOME/lttng-traces/<name>-<date>`).
///
/// # Safety
/// `name` and `path` are C strings or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_session_descriptor_local_create(
    name: *const c_char,
    path: *const c_char,
) -> *mut lttng_session_descriptor {
    ffi_boundary!(std::ptr::null_mut(), {
        // SAFETY: forwarded contract.
        unsafe {
            make(
                SessionKind::Regular,
                OutputKind::Local,
                name,
                path,
                std::ptr::null(),
                0,
            )
        }
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
    ffi_boundary!(std::ptr::null_mut(), {
        // SAFETY: forwarded contract.
        unsafe {
            make(
                SessionKind::Regular,
                OutputKind::Network,
                name,
                control_url,
                data_url,
                0,
            )
        }
    })
}

/// A snapshot session without output.
///
/// # Safety
/// `name` is a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_session_descriptor_snapshot_create(
    name: *const c_char,
) -> *mut lttng_session_descriptor {
    ffi_boundary!(std::ptr::null_mut(), {
        // SAFETY: forwarded contract.
        unsafe {
            make(
                SessionKind::Snapshot,
                OutputKind::None,
                name,
                std::ptr::null(),
                std::ptr::null(),
                0,
            )
        }
    })
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
    ffi_boundary!(std::ptr::null_mut(), {
        // SAFETY: forwarded contract.
        unsafe {
            make(
                SessionKind::Snapshot,
                OutputKind::Local,
                name,
                path,
                std::ptr::null(),
                0,
            )
        }
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
    ffi_boundary!(std::ptr::null_mut(), {
        // SAFETY: forwarded contract.
        unsafe {
            make(
                SessionKind::Snapshot,
                OutputKind::Network,
                name,
                control_url,
                data_url,
                0,
            )
        }
    })
}

/// A live session without output; NULL for a zero timer.
///
/// # Safety
/// `name` is a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_session_descriptor_live_create(
    name: *const c_char,
    live_timer_interval_us: c_ulonglong,
) -> *mut lttng_session_descriptor {
    ffi_boundary!(std::ptr::null_mut(), {
        if live_timer_interval_us == 0 {
            return std::ptr::null_mut();
        }
        // SAFETY: forwarded contract.
        unsafe {
            make(
                SessionKind::Live,
                OutputKind::None,
                name,
                std::ptr::null(),
                std::ptr::null(),
                live_timer_interval_us,
            )
        }
    })
}

/// A live session streaming to a relay daemon (both URLs NULL: `net://127.0.0.1`); NULL for
/// a zero timer.
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
    ffi_boundary!(std::ptr::null_mut(), {
        if live_timer_interval_us == 0 {
            return std::ptr::null_mut();
        }
        // SAFETY: forwarded contract.
        unsafe {
            make(
                SessionKind::Live,
                OutputKind::Network,
                name,
                control_url,
                data_url,
                live_timer_interval_us,
            )
        }
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
    ffi_boundary!(DESC_INVALID, {
        if descriptor.is_null() || name.is_null() {
            return DESC_INVALID;
        }
        // SAFETY: a descriptor of this library, by contract.
        match unsafe { &(*descriptor).name } {
            Some(n) => {
                // SAFETY: non-NULL out-parameter, valid by contract.
                unsafe { *name = n.as_ptr() };
                DESC_OK
            }
            None => DESC_UNSET,
        }
    })
}

/// Releases a descriptor (NULL is fine).
///
/// # Safety
/// `descriptor` is NULL or a descriptor of this library not yet destroyed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_session_descriptor_destroy(
    descriptor: *mut lttng_session_descriptor,
) {
    ffi_boundary!((), {
        if !descriptor.is_null() {
            // SAFETY: created by Box::into_raw in this module, destroyed once by contract.
            drop(unsafe { Box::from_raw(descriptor) });
        }
    })
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
    ffi_boundary!(ErrorCode::Unk as lttng_error_code, {
        if session_descriptor.is_null() {
            return ErrorCode::Invalid as lttng_error_code;
        }
        // SAFETY: a descriptor of this library, by contract.
        let d = unsafe { &mut *session_descriptor };
        match client::create_session_ext(&d.desc) {
            Ok(reply) => {
                d.name = reply.name.as_deref().and_then(|n| CString::new(n).ok());
                d.desc = reply;
                ErrorCode::Ok as lttng_error_code
            }
            Err(e) => e.0,
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
    ffi_boundary!(ErrorCode::Unk as lttng_error_code, {
        // SAFETY: forwarded contract.
        let Ok(name) = (unsafe { req_str(session_name) }) else {
            return ErrorCode::Invalid as lttng_error_code;
        };
        match pending::destroy(name) {
            Ok(p) => {
                if !handle.is_null() {
                    // SAFETY: non-NULL out-parameter, valid by contract.
                    unsafe {
                        *handle = Box::into_raw(Box::new(lttng_destruction_handle {
                            pending: p,
                            location: std::cell::Cell::new(std::ptr::null_mut()),
                        }))
                    };
                }
                ErrorCode::Ok as lttng_error_code
            }
            Err(e) => e.0,
        }
    })
}

// The values of the destruction- and clear-handle status enums (identical).
const H_ERROR: c_int = -2;
const H_INVALID: c_int = -1;
const H_OK: c_int = 0;
const H_COMPLETED: c_int = 1;
const H_TIMEOUT: c_int = 2;

fn wait(p: &mut pending::Pending, timeout_ms: c_int) -> c_int {
    let timeout = (timeout_ms > 0).then(|| Duration::from_millis(timeout_ms as u64));
    match p.wait(timeout) {
        pending::Wait::Completed => H_COMPLETED,
        pending::Wait::Timeout => H_TIMEOUT,
        pending::Wait::Error => H_ERROR,
    }
}

/// Stores the command's result in `result` once the answer arrived (the handles'
/// `get_result`).
///
/// # Safety
/// `result` is NULL or valid for writes.
unsafe fn write_result(pending: &pending::Pending, result: *mut lttng_error_code) -> c_int {
    match pending.result {
        Some(code) if !result.is_null() => {
            // SAFETY: non-NULL out-parameter, valid by contract.
            unsafe { *result = code as lttng_error_code };
            H_OK
        }
        _ => H_INVALID,
    }
}

/// Releases a destruction handle (NULL is fine).
///
/// # Safety
/// `handle` is NULL or a handle of this library not yet destroyed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_destruction_handle_destroy(handle: *mut lttng_destruction_handle) {
    ffi_boundary!((), {
        if !handle.is_null() {
            // SAFETY: created by Box::into_raw in this module, destroyed once by contract.
            drop(unsafe { Box::from_raw(handle) });
        }
    })
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
    ffi_boundary!(H_ERROR, {
        if handle.is_null() {
            return H_INVALID;
        }
        // SAFETY: a handle of this library, by contract.
        wait(unsafe { &mut (*handle).pending }, timeout_ms)
    })
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
    ffi_boundary!(H_ERROR, {
        if handle.is_null() {
            return H_INVALID;
        }
        // SAFETY: a handle of this library, by contract; `result` is forwarded.
        unsafe { write_result(&(*handle).pending, result) }
    })
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
    ffi_boundary!(H_ERROR, {
        if handle.is_null() || rotation_state.is_null() {
            return H_INVALID;
        }
        // SAFETY: a handle of this library, by contract.
        match unsafe { (*handle).pending.rotation_state } {
            Some(state) => {
                // SAFETY: non-NULL out-parameter, valid by contract.
                unsafe { *rotation_state = state };
                H_OK
            }
            None => H_INVALID,
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
    ffi_boundary!(H_ERROR, {
        if handle.is_null() || location.is_null() {
            return H_INVALID;
        }
        // SAFETY: a handle of this library, by contract.
        let h = unsafe { &*handle };
        if h.location.get().is_null() {
            match &h.pending.location {
                Some(l) => h.location.set(location::create(l)),
                None => return H_INVALID,
            }
        }
        let obj = h.location.get();
        if obj.is_null() {
            return H_ERROR;
        }
        // SAFETY: non-NULL out-parameter, valid by contract.
        unsafe { *location = obj };
        H_OK
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
    ffi_boundary!(ErrorCode::Unk as lttng_error_code, {
        // SAFETY: forwarded contract.
        let Ok(name) = (unsafe { req_str(session_name) }) else {
            return ErrorCode::Invalid as lttng_error_code;
        };
        match pending::clear(name) {
            Ok(p) => {
                if !handle.is_null() {
                    // SAFETY: non-NULL out-parameter, valid by contract.
                    unsafe { *handle = Box::into_raw(Box::new(lttng_clear_handle { pending: p })) };
                }
                ErrorCode::Ok as lttng_error_code
            }
            Err(e) => e.0,
        }
    })
}

/// Releases a clear handle (NULL is fine).
///
/// # Safety
/// `handle` is NULL or a handle of this library not yet destroyed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_clear_handle_destroy(handle: *mut lttng_clear_handle) {
    ffi_boundary!((), {
        if !handle.is_null() {
            // SAFETY: created by Box::into_raw in this module, destroyed once by contract.
            drop(unsafe { Box::from_raw(handle) });
        }
    })
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
    ffi_boundary!(H_ERROR, {
        if handle.is_null() {
            return H_INVALID;
        }
        // SAFETY: a handle of this library, by contract.
        wait(unsafe { &mut (*handle).pending }, timeout_ms)
    })
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
    ffi_boundary!(H_ERROR, {
        if handle.is_null() {
            return H_INVALID;
        }
        // SAFETY: a handle of this library, by contract; `result` is forwarded.
        unsafe { write_result(&(*handle).pending, result) }
    })
}
