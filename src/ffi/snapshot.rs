//! Exports of `lttng/snapshot.h`.

use std::ffi::{c_char, c_int};

use crate::client::snapshot::{SNAPSHOT_OUTPUT_LEN, SnapshotOutput};
use crate::client::{self, snapshot};
use crate::ffi::alloc::{calloc_array, calloc_bytes, free};
use crate::ffi::boundary::{ffi_boundary, fixed_str, req_str, write_fixed};
use crate::ffi::lttng::{INVALID, UNKNOWN, rc, report_error};
use crate::model::error::ErrorCode;
use crate::model::uri::DstType;

/// `struct lttng_snapshot_output` (packed, 8459 bytes: the wire layout too).
#[repr(C, packed)]
pub struct lttng_snapshot_output {
    id: u32,
    max_size: u64,
    name: [c_char; 255],
    ctrl_url: [c_char; 4096],
    data_url: [c_char; 4096],
}

const _: () = assert!(size_of::<lttng_snapshot_output>() == SNAPSHOT_OUTPUT_LEN);

/// A listed set of outputs, iterated with `lttng_snapshot_output_list_get_next`.
pub struct lttng_snapshot_output_list {
    array: *mut lttng_snapshot_output,
    count: usize,
    index: usize,
}

/// The model of a C output.
fn model(o: &lttng_snapshot_output) -> SnapshotOutput {
    let text = |a: &[c_char]| fixed_str(a).map(str::to_owned).unwrap_or_default();
    SnapshotOutput {
        id: o.id,
        max_size: o.max_size,
        name: text(&o.name),
        ctrl_url: text(&o.ctrl_url),
        data_url: text(&o.data_url),
    }
}

/// Allocates an output (max size unlimited). Release with `lttng_snapshot_output_destroy`.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_snapshot_output_create() -> *mut lttng_snapshot_output {
    ffi_boundary!(std::ptr::null_mut(), {
        let o = calloc_array::<lttng_snapshot_output>(1);
        if !o.is_null() {
            // SAFETY: fresh zeroed allocation of the right size; packed, so an unaligned write.
            unsafe { std::ptr::addr_of_mut!((*o).max_size).write_unaligned(u64::MAX) };
        }
        o
    })
}

/// Releases an output (NULL is fine).
///
/// # Safety
/// `output` is NULL or an output from `lttng_snapshot_output_create`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_snapshot_output_destroy(output: *mut lttng_snapshot_output) {
    // SAFETY: forwarded contract (calloc'd).
    ffi_boundary!((), { unsafe { free(output) } })
}

/// The output's id (0 until the daemon assigned one; 0 for NULL, where the real library
/// crashes).
///
/// # Safety
/// `output` is NULL or a valid output.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_snapshot_output_get_id(output: *const lttng_snapshot_output) -> u32 {
    ffi_boundary!(0, {
        if output.is_null() {
            return 0;
        }
        // SAFETY: non-NULL and valid by contract; unaligned read of a packed field.
        unsafe { std::ptr::addr_of!((*output).id).read_unaligned() }
    })
}

/// The output's maximum size (all ones: unlimited; 0 for NULL).
///
/// # Safety
/// `output` is NULL or a valid output.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_snapshot_output_get_maxsize(
    output: *const lttng_snapshot_output,
) -> u64 {
    ffi_boundary!(0, {
        if output.is_null() {
            return 0;
        }
        // SAFETY: non-NULL and valid by contract; unaligned read of a packed field.
        unsafe { std::ptr::addr_of!((*output).max_size).read_unaligned() }
    })
}

/// A string field of an output, or NULL for a NULL output.
///
/// # Safety
/// `output` is NULL or a valid output.
unsafe fn text_field(
    output: *const lttng_snapshot_output,
    field: fn(&lttng_snapshot_output) -> &[c_char],
) -> *const c_char {
    if output.is_null() {
        return std::ptr::null();
    }
    // SAFETY: non-NULL and valid by contract; the string fields have alignment 1.
    field(unsafe { &*output }).as_ptr()
}

/// The output's name (owned by the output; NULL for NULL).
///
/// # Safety
/// `output` is NULL or a valid output.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_snapshot_output_get_name(
    output: *const lttng_snapshot_output,
) -> *const c_char {
    ffi_boundary!(std::ptr::null(), {
        // SAFETY: forwarded contract.
        unsafe { text_field(output, |o| &o.name) }
    })
}

/// The output's control URL or path (owned by the output; NULL for NULL).
///
/// # Safety
/// `output` is NULL or a valid output.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_snapshot_output_get_ctrl_url(
    output: *const lttng_snapshot_output,
) -> *const c_char {
    ffi_boundary!(std::ptr::null(), {
        // SAFETY: forwarded contract.
        unsafe { text_field(output, |o| &o.ctrl_url) }
    })
}

/// The output's data URL (owned by the output; NULL for NULL).
///
/// # Safety
/// `output` is NULL or a valid output.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_snapshot_output_get_data_url(
    output: *const lttng_snapshot_output,
) -> *const c_char {
    ffi_boundary!(std::ptr::null(), {
        // SAFETY: forwarded contract.
        unsafe { text_field(output, |o| &o.data_url) }
    })
}

/// Sets the output's id (not 0). 0 or -LTTNG_ERR_INVALID.
///
/// # Safety
/// `output` is NULL or a valid output.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_snapshot_output_set_id(
    id: u32,
    output: *mut lttng_snapshot_output,
) -> c_int {
    ffi_boundary!(UNKNOWN, {
        if output.is_null() || id == 0 {
            return INVALID;
        }
        // SAFETY: non-NULL, valid by contract; unaligned write for the packed layout.
        unsafe { std::ptr::addr_of_mut!((*output).id).write_unaligned(id) };
        0
    })
}

/// Sets the output's maximum size in bytes.
///
/// # Safety
/// `output` is NULL or a valid output.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_snapshot_output_set_size(
    size: u64,
    output: *mut lttng_snapshot_output,
) -> c_int {
    ffi_boundary!(UNKNOWN, {
        if output.is_null() {
            return INVALID;
        }
        // SAFETY: non-NULL, valid by contract; unaligned write for the packed layout.
        unsafe { std::ptr::addr_of_mut!((*output).max_size).write_unaligned(size) };
        0
    })
}

/// Copies `value` into one of the output's strings; -LTTNG_ERR_INVALID when it does not fit.
///
/// # Safety
/// `value` is a C string or NULL; `output` NULL or a valid output.
unsafe fn set_text(
    value: *const c_char,
    output: *mut lttng_snapshot_output,
    field: fn(&mut lttng_snapshot_output) -> &mut [c_char],
) -> c_int {
    if output.is_null() {
        return INVALID;
    }
    // SAFETY: forwarded contract.
    let Ok(v) = (unsafe { req_str(value) }) else {
        return INVALID;
    };
    // SAFETY: non-NULL, valid by contract; the string fields have alignment 1.
    let array = field(unsafe { &mut *output });
    if v.len() >= array.len() {
        return INVALID;
    }
    write_fixed(array, v);
    0
}

/// Sets the output's name (at most 254 bytes).
///
/// # Safety
/// `name` is a C string or NULL; `output` NULL or a valid output.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_snapshot_output_set_name(
    name: *const c_char,
    output: *mut lttng_snapshot_output,
) -> c_int {
    ffi_boundary!(UNKNOWN, {
        // SAFETY: forwarded contract.
        unsafe { set_text(name, output, |o| &mut o.name) }
    })
}

/// Sets the output's control URL verbatim.
///
/// # Safety
/// `url` is a C string or NULL; `output` NULL or a valid output.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_snapshot_output_set_ctrl_url(
    url: *const c_char,
    output: *mut lttng_snapshot_output,
) -> c_int {
    ffi_boundary!(UNKNOWN, {
        // SAFETY: forwarded contract.
        unsafe { set_text(url, output, |o| &mut o.ctrl_url) }
    })
}

/// Sets the output's data URL verbatim.
///
/// # Safety
/// `url` is a C string or NULL; `output` NULL or a valid output.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_snapshot_output_set_data_url(
    url: *const c_char,
    output: *mut lttng_snapshot_output,
) -> c_int {
    ffi_boundary!(UNKNOWN, {
        // SAFETY: forwarded contract.
        unsafe { set_text(url, output, |o| &mut o.data_url) }
    })
}

/// Checks that `ctrl` (and `data`) parse as the 2.13 library parses URLs and give `want`
/// URIs of the right kind.
fn urls_are(ctrl: &str, data: Option<&str>, want: usize, network: bool) -> bool {
    match client::parse_urls_reporting(Some(ctrl), data, Some(report_error)) {
        Ok(uris) => {
            uris.len() == want && uris.iter().all(|u| (u.dtype != DstType::Path) == network)
        }
        Err(_) => false,
    }
}

/// Sets a local path as the output (it must be absolute).
///
/// # Safety
/// `path` is a C string or NULL; `output` NULL or a valid output.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_snapshot_output_set_local_path(
    path: *const c_char,
    output: *mut lttng_snapshot_output,
) -> c_int {
    ffi_boundary!(UNKNOWN, {
        // SAFETY: forwarded contract.
        match unsafe { req_str(path) } {
            Ok(p) if urls_are(p, None, 1, false) => {
                // SAFETY: forwarded contract.
                unsafe { set_text(path, output, |o| &mut o.ctrl_url) }
            }
            _ => INVALID,
        }
    })
}

/// Sets a `net://` URL as the output.
///
/// # Safety
/// `url` is a C string or NULL; `output` NULL or a valid output.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_snapshot_output_set_network_url(
    url: *const c_char,
    output: *mut lttng_snapshot_output,
) -> c_int {
    ffi_boundary!(UNKNOWN, {
        // SAFETY: forwarded contract.
        match unsafe { req_str(url) } {
            Ok(u) if urls_are(u, None, 2, true) => {
                // SAFETY: forwarded contract.
                unsafe { set_text(url, output, |o| &mut o.ctrl_url) }
            }
            _ => INVALID,
        }
    })
}

/// Sets a control and a data URL as the output.
///
/// # Safety
/// The URLs are C strings or NULL; `output` NULL or a valid output.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_snapshot_output_set_network_urls(
    ctrl_url: *const c_char,
    data_url: *const c_char,
    output: *mut lttng_snapshot_output,
) -> c_int {
    ffi_boundary!(UNKNOWN, {
        // SAFETY: forwarded contract.
        let (c, d) = unsafe { (req_str(ctrl_url), req_str(data_url)) };
        let (Ok(c), Ok(d)) = (c, d) else {
            return INVALID;
        };
        if output.is_null() || !urls_are(c, Some(d), 2, true) {
            return INVALID;
        }
        // SAFETY: forwarded contract.
        let r = unsafe { set_text(ctrl_url, output, |o| &mut o.ctrl_url) };
        if r != 0 {
            return r;
        }
        // SAFETY: forwarded contract.
        unsafe { set_text(data_url, output, |o| &mut o.data_url) }
    })
}

/// Adds `output` to the session's snapshot outputs; on success its id is set.
/// 0 or a negative LTTng code.
///
/// # Safety
/// `session_name` is a C string or NULL; `output` NULL or a valid output.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_snapshot_add_output(
    session_name: *const c_char,
    output: *mut lttng_snapshot_output,
) -> c_int {
    ffi_boundary!(UNKNOWN, {
        // SAFETY: forwarded contract.
        let Ok(name) = (unsafe { req_str(session_name) }) else {
            return INVALID;
        };
        if output.is_null() {
            return INVALID;
        }
        // SAFETY: non-NULL, valid by contract.
        let m = model(unsafe { &*output });
        match snapshot::add_output(name, &m) {
            Ok(id) => {
                // SAFETY: as above; unaligned write for the packed layout.
                unsafe { std::ptr::addr_of_mut!((*output).id).write_unaligned(id) };
                0
            }
            Err(e) => e.api_value(),
        }
    })
}

/// Removes the output matching `output` (its id when set, else its name).
///
/// # Safety
/// `session_name` is a C string or NULL; `output` NULL or a valid output.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_snapshot_del_output(
    session_name: *const c_char,
    output: *mut lttng_snapshot_output,
) -> c_int {
    ffi_boundary!(UNKNOWN, {
        // SAFETY: forwarded contract.
        let Ok(name) = (unsafe { req_str(session_name) }) else {
            return INVALID;
        };
        if output.is_null() {
            return INVALID;
        }
        // SAFETY: non-NULL, valid by contract.
        rc(snapshot::del_output(name, &model(unsafe { &*output })))
    })
}

/// Lists the session's snapshot outputs into `*list` (release with
/// `lttng_snapshot_output_list_destroy`). 0 or a negative LTTng code.
///
/// # Safety
/// `session_name` is a C string or NULL; `list` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_snapshot_list_output(
    session_name: *const c_char,
    list: *mut *mut lttng_snapshot_output_list,
) -> c_int {
    ffi_boundary!(UNKNOWN, {
        // SAFETY: forwarded contract.
        let Ok(name) = (unsafe { req_str(session_name) }) else {
            return INVALID;
        };
        if list.is_null() {
            return INVALID;
        }
        let raw = match snapshot::list_outputs(name) {
            Ok(r) => r,
            Err(e) => return e.api_value(),
        };
        let array = calloc_bytes(raw.len()).cast::<lttng_snapshot_output>();
        if array.is_null() {
            return -(ErrorCode::Nomem as c_int);
        }
        // SAFETY: `array` has room for raw.len() bytes; the struct is the wire layout.
        unsafe { std::ptr::copy_nonoverlapping(raw.as_ptr(), array.cast::<u8>(), raw.len()) };
        let l = lttng_snapshot_output_list {
            array,
            count: raw.len() / SNAPSHOT_OUTPUT_LEN,
            index: 0,
        };
        // SAFETY: non-NULL out-parameter, valid by contract.
        unsafe { *list = Box::into_raw(Box::new(l)) };
        0
    })
}

/// The next output of a list (owned by the list), or NULL at its end.
///
/// # Safety
/// `list` is NULL or a list of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_snapshot_output_list_get_next(
    list: *mut lttng_snapshot_output_list,
) -> *mut lttng_snapshot_output {
    ffi_boundary!(std::ptr::null_mut(), {
        if list.is_null() {
            return std::ptr::null_mut();
        }
        // SAFETY: a list of this library, by contract.
        let l = unsafe { &mut *list };
        if l.index >= l.count {
            return std::ptr::null_mut();
        }
        // SAFETY: index < count elements of the list's array.
        let p = unsafe { l.array.add(l.index) };
        l.index += 1;
        p
    })
}

/// Releases a list and its outputs (NULL is fine).
///
/// # Safety
/// `list` is NULL or a list of this library not yet destroyed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_snapshot_output_list_destroy(list: *mut lttng_snapshot_output_list) {
    ffi_boundary!((), {
        if list.is_null() {
            return;
        }
        // SAFETY: created by Box::into_raw here; its array was calloc'd.
        let l = unsafe { Box::from_raw(list) };
        // SAFETY: as above.
        unsafe { free(l.array) };
    })
}

/// Records a snapshot to `output`, or to the session's default output when NULL. `wait` is
/// ignored, as upstream. 0 or a negative LTTng code.
///
/// # Safety
/// `session_name` is a C string or NULL; `output` NULL or a valid output.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_snapshot_record(
    session_name: *const c_char,
    output: *mut lttng_snapshot_output,
    _wait: c_int,
) -> c_int {
    ffi_boundary!(UNKNOWN, {
        // SAFETY: forwarded contract.
        let Ok(name) = (unsafe { req_str(session_name) }) else {
            return INVALID;
        };
        // SAFETY: NULL or valid by contract.
        let m = (!output.is_null()).then(|| model(unsafe { &*output }));
        rc(snapshot::record(name, m.as_ref()))
    })
}
