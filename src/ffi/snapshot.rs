//! Exports of `lttng/snapshot.h`.

use std::ffi::{c_char, c_int};

use crate::client::snapshot::{SNAPSHOT_OUTPUT_LEN, SnapshotOutput};
use crate::client::{self, snapshot};
use crate::ffi::alloc::{calloc_array, calloc_bytes, free};
use crate::ffi::boundary::{
    OnBadArg, Opaque, arg_str, ffi_boundary, fixed_str, free_c, into_c, obj_mut, obj_ref,
    opt_obj_ref, out_arg, register, unregister, write_fixed,
};
use crate::ffi::lttng::{rc, report_error};
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

/// A listed set of outputs, iterated with `lttng_snapshot_output_list_get_next`; its
/// outputs are registered while the list lives.
pub struct lttng_snapshot_output_list {
    array: *mut lttng_snapshot_output,
    count: usize,
    index: usize,
}

impl Opaque for lttng_snapshot_output {}
impl Opaque for lttng_snapshot_output_list {}

impl Drop for lttng_snapshot_output_list {
    fn drop(&mut self) {
        for i in 0..self.count {
            // SAFETY: i < count elements of the list's array.
            unregister(unsafe { self.array.add(i) }.cast_const());
        }
        // SAFETY: the array was calloc'd by lttng_snapshot_list_output and is owned here.
        unsafe { free(self.array) };
    }
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
    ffi_boundary!({
        let o = calloc_array::<lttng_snapshot_output>(1);
        if !o.is_null() {
            // SAFETY: a fresh zeroed allocation of the right size (all zero is a valid
            // output; packed, so alignment 1).
            unsafe { &mut *o }.max_size = u64::MAX;
            register(o.cast_const());
        }
        o
    })
}

/// Releases an output from `lttng_snapshot_output_create` (NULL, or a pointer that is not
/// such a live output, is ignored).
///
/// # Safety
/// `output` is NULL or an output from `lttng_snapshot_output_create`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_snapshot_output_destroy(output: *mut lttng_snapshot_output) {
    ffi_boundary!({
        if unregister(output.cast_const()) {
            // SAFETY: calloc'd by lttng_snapshot_output_create, unregistered now: its only
            // release.
            unsafe { free(output) }
        }
    })
}

/// The output's id (0 until the daemon assigned one; 0 for NULL, where the real library
/// crashes).
///
/// # Safety
/// `output` is NULL or a valid output.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_snapshot_output_get_id(output: *const lttng_snapshot_output) -> u32 {
    ffi_boundary!({ obj_ref!(output).id })
}

/// The output's maximum size (all ones: unlimited; 0 for NULL).
///
/// # Safety
/// `output` is NULL or a valid output.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_snapshot_output_get_maxsize(
    output: *const lttng_snapshot_output,
) -> u64 {
    ffi_boundary!({ obj_ref!(output).max_size })
}

/// The output's name (owned by the output; NULL for NULL).
///
/// # Safety
/// `output` is NULL or a valid output.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_snapshot_output_get_name(
    output: *const lttng_snapshot_output,
) -> *const c_char {
    ffi_boundary!({ obj_ref!(output).name.as_ptr() })
}

/// The output's control URL or path (owned by the output; NULL for NULL).
///
/// # Safety
/// `output` is NULL or a valid output.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_snapshot_output_get_ctrl_url(
    output: *const lttng_snapshot_output,
) -> *const c_char {
    ffi_boundary!({ obj_ref!(output).ctrl_url.as_ptr() })
}

/// The output's data URL (owned by the output; NULL for NULL).
///
/// # Safety
/// `output` is NULL or a valid output.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_snapshot_output_get_data_url(
    output: *const lttng_snapshot_output,
) -> *const c_char {
    ffi_boundary!({ obj_ref!(output).data_url.as_ptr() })
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
    ffi_boundary!({
        let o = obj_mut!(output);
        if id == 0 {
            return OnBadArg::on_bad_arg();
        }
        o.id = id;
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
    ffi_boundary!({
        obj_mut!(output).max_size = size;
        0
    })
}

/// Copies `value` into one of the output's strings; -LTTNG_ERR_INVALID when it does not fit.
fn set_text(
    value: &str,
    output: &mut lttng_snapshot_output,
    field: fn(&mut lttng_snapshot_output) -> &mut [c_char],
) -> c_int {
    let array = field(output);
    if value.len() >= array.len() {
        return OnBadArg::on_bad_arg();
    }
    write_fixed(array, value);
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
    ffi_boundary!({
        let o = obj_mut!(output);
        set_text(arg_str!(name), o, |o| &mut o.name)
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
    ffi_boundary!({
        let o = obj_mut!(output);
        set_text(arg_str!(url), o, |o| &mut o.ctrl_url)
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
    ffi_boundary!({
        let o = obj_mut!(output);
        set_text(arg_str!(url), o, |o| &mut o.data_url)
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

/// Sets `url` as the output's control URL when it parses to `want` URIs of the right kind.
fn set_checked_url(
    url: &str,
    output: &mut lttng_snapshot_output,
    want: usize,
    network: bool,
) -> c_int {
    if urls_are(url, None, want, network) {
        set_text(url, output, |o| &mut o.ctrl_url)
    } else {
        OnBadArg::on_bad_arg()
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
    ffi_boundary!({
        let p = arg_str!(path);
        set_checked_url(p, obj_mut!(output), 1, false)
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
    ffi_boundary!({
        let u = arg_str!(url);
        set_checked_url(u, obj_mut!(output), 2, true)
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
    ffi_boundary!({
        let (c, d) = (arg_str!(ctrl_url), arg_str!(data_url));
        let o = obj_mut!(output);
        if !urls_are(c, Some(d), 2, true) {
            return OnBadArg::on_bad_arg();
        }
        let r = set_text(c, o, |o| &mut o.ctrl_url);
        if r != 0 {
            return r;
        }
        set_text(d, o, |o| &mut o.data_url)
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
    ffi_boundary!({
        let name = arg_str!(session_name);
        let o = obj_mut!(output);
        match snapshot::add_output(name, &model(o)) {
            Ok(id) => {
                o.id = id;
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
    ffi_boundary!({
        let name = arg_str!(session_name);
        rc(snapshot::del_output(name, &model(obj_ref!(output))))
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
    ffi_boundary!({
        let name = arg_str!(session_name);
        let out = out_arg!(list);
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
        let count = raw.len() / SNAPSHOT_OUTPUT_LEN;
        for i in 0..count {
            // SAFETY: i < count elements of `array`.
            register(unsafe { array.add(i) }.cast_const());
        }
        out.write(into_c(lttng_snapshot_output_list {
            array,
            count,
            index: 0,
        }));
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
    ffi_boundary!({
        let l = obj_mut!(list);
        if l.index >= l.count {
            return std::ptr::null_mut();
        }
        // SAFETY: index < count elements of the list's array.
        let p = unsafe { l.array.add(l.index) };
        l.index += 1;
        p
    })
}

/// Releases a list and its outputs (NULL, or a pointer that is not a live list, is
/// ignored).
///
/// # Safety
/// `list` is NULL or a list of this library not yet destroyed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_snapshot_output_list_destroy(list: *mut lttng_snapshot_output_list) {
    ffi_boundary!({ free_c(list) })
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
    ffi_boundary!({
        let name = arg_str!(session_name);
        let m = opt_obj_ref!(output).map(model);
        rc(snapshot::record(name, m.as_ref()))
    })
}
