//! The PID tracker functions that 2.13 keeps for older programs (`lttng_track_pid`,
//! `lttng_untrack_pid`, `lttng_list_tracker_pids`), built on the process-attribute tracker
//! exports as upstream builds them, with the same codes.

use std::ffi::{c_int, c_uint};

use crate::ffi::alloc::calloc_array;
use crate::ffi::boundary::{OnBadArg, arg_ref, ffi_boundary, out_arg};
use crate::ffi::tracker::*;
use crate::ffi::types::lttng_handle;
use crate::model::error::ErrorCode;

const DOMAIN_KERNEL: c_int = 1;
const ATTR_PROCESS_ID: c_int = 0;
const ATTR_VIRTUAL_PROCESS_ID: c_int = 1;
const POLICY_INCLUDE_ALL: c_int = 0;
const POLICY_EXCLUDE_ALL: c_int = 1;
const POLICY_INCLUDE_SET: c_int = 2;
type Status = lttng_process_attr_tracker_handle_status;

/// A tracker status as the `enum lttng_error_code` these functions return.
fn status_code(status: Status) -> ErrorCode {
    match status.0 {
        0 => ErrorCode::Ok,
        -5 => ErrorCode::Invalid,
        -4 => ErrorCode::SessionNotExist,
        -2 => ErrorCode::InvalidProtocol,
        1 => ErrorCode::ProcessAttrExists,
        2 => ErrorCode::ProcessAttrMissing,
        _ => ErrorCode::Unk,
    }
}

/// 0 for LTTNG_OK, else the negated code.
fn ret(code: ErrorCode) -> c_int {
    if code == ErrorCode::Ok {
        0
    } else {
        -(code as c_int)
    }
}

/// A tracker handle released on drop.
struct Tracker(*mut lttng_process_attr_tracker_handle);

impl Drop for Tracker {
    fn drop(&mut self) {
        // SAFETY: a handle from lttng_session_get_tracker_handle, released once.
        unsafe { lttng_process_attr_tracker_handle_destroy(self.0) };
    }
}

/// The tracker of `attr` in `h`'s session and domain.
fn tracker(h: &lttng_handle, attr: c_int) -> Result<Tracker, ErrorCode> {
    let mut out = std::ptr::null_mut();
    // SAFETY: the name is an array inside the handle (NUL-checked by the callee through
    // req_str up to its terminator; an unterminated name reads at most into `domain`, which
    // follows it, as upstream).
    let code = unsafe {
        lttng_session_get_tracker_handle(h.session_name.as_ptr(), h.domain.r#type, attr, &mut out)
    };
    match ErrorCode::from_i32(code.0) {
        Some(ErrorCode::Ok) => Ok(Tracker(out)),
        Some(e) => Err(e),
        None => Err(ErrorCode::Unk),
    }
}

/// The process-id attribute a PID tracker call works on in `h`'s domain.
fn pid_attr(h: &lttng_handle) -> c_int {
    if h.domain.r#type == DOMAIN_KERNEL {
        ATTR_PROCESS_ID
    } else {
        ATTR_VIRTUAL_PROCESS_ID
    }
}

/// The process-id tracker of `h`'s domain and its attribute, or the call's result.
fn pid_tracker(h: &lttng_handle) -> Result<(Tracker, c_int), c_int> {
    let attr = pid_attr(h);
    let t = tracker(h, attr).map_err(ret)?;
    Ok((t, attr))
}

fn policy(t: &Tracker) -> Result<c_int, ErrorCode> {
    let mut p = 0;
    // SAFETY: `t.0` is a live handle and `p` a valid out-parameter.
    match unsafe { lttng_process_attr_tracker_handle_get_tracking_policy(t.0, &mut p) } {
        Status::OK => Ok(p),
        s => Err(status_code(s)),
    }
}

fn set_policy(t: &Tracker, p: c_int) -> ErrorCode {
    // SAFETY: `t.0` is a live handle.
    status_code(unsafe { lttng_process_attr_tracker_handle_set_tracking_policy(t.0, p) })
}

/// Adds `pid` to, or removes it from, the tracker of attribute `attr`.
fn add_remove(t: &Tracker, attr: c_int, add: bool, pid: c_int) -> Status {
    // SAFETY: `t.0` is a live handle.
    unsafe {
        match (attr == ATTR_PROCESS_ID, add) {
            (true, true) => lttng_process_attr_process_id_tracker_handle_add_pid(t.0, pid),
            (true, false) => lttng_process_attr_process_id_tracker_handle_remove_pid(t.0, pid),
            (false, true) => lttng_process_attr_virtual_process_id_tracker_handle_add_pid(t.0, pid),
            (false, false) => {
                lttng_process_attr_virtual_process_id_tracker_handle_remove_pid(t.0, pid)
            }
        }
    }
}

/// Adds `pid` to the PID tracker of `handle`'s domain (the inclusion set replaces "all");
/// -1 tracks every process. 0 or a negative LTTng code.
///
/// # Safety
/// `handle` is NULL or points at a readable `struct lttng_handle`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_track_pid(handle: *mut lttng_handle, pid: c_int) -> c_int {
    ffi_boundary!({
        let (t, attr) = match pid_tracker(arg_ref!(handle)) {
            Ok(x) => x,
            Err(code) => return code,
        };
        if pid == -1 {
            return ret(set_policy(&t, POLICY_INCLUDE_ALL));
        }
        match policy(&t) {
            Ok(POLICY_INCLUDE_SET) => {}
            Ok(_) => {
                let e = set_policy(&t, POLICY_INCLUDE_SET);
                if e != ErrorCode::Ok {
                    return ret(e);
                }
            }
            Err(e) => return ret(e),
        }
        ret(status_code(add_remove(&t, attr, true, pid)))
    })
}

/// Removes `pid` from the PID tracker of `handle`'s domain; -1 tracks no process.
/// 0 or a negative LTTng code (-LTTNG_ERR_PID_NOT_TRACKED when it was not tracked).
///
/// # Safety
/// `handle` is NULL or points at a readable `struct lttng_handle`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_untrack_pid(handle: *mut lttng_handle, pid: c_int) -> c_int {
    ffi_boundary!({
        let (t, attr) = match pid_tracker(arg_ref!(handle)) {
            Ok(x) => x,
            Err(code) => return code,
        };
        if pid == -1 {
            return ret(set_policy(&t, POLICY_EXCLUDE_ALL));
        }
        match policy(&t) {
            Ok(POLICY_EXCLUDE_ALL) => return ret(ErrorCode::ProcessAttrMissing),
            Ok(POLICY_INCLUDE_ALL) => return OnBadArg::on_bad_arg(),
            Ok(_) => {}
            Err(e) => return ret(e),
        }
        match add_remove(&t, attr, false, pid) {
            Status::INVALID_TRACKING_POLICY => ret(ErrorCode::ProcessAttrMissing),
            // As upstream, other outcomes of the removal are not reported.
            _ => 0,
        }
    })
}

/// Lists the virtual PID tracker of `handle`'s domain: `*enabled` is 0 when every process
/// is traced (nothing else is written), else 1 with `*pids` a `calloc`'d array of
/// `*nr_pids` PIDs (free it with `free()`). 0 or a negative LTTng code.
///
/// # Safety
/// `handle` is NULL or points at a readable `struct lttng_handle`; the other arguments are
/// NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_list_tracker_pids(
    handle: *mut lttng_handle,
    enabled: *mut c_int,
    pids: *mut *mut i32,
    nr_pids: *mut usize,
) -> c_int {
    ffi_boundary!({
        let h = arg_ref!(handle);
        let (enabled, pids, nr_pids) = (out_arg!(enabled), out_arg!(pids), out_arg!(nr_pids));
        let t = match tracker(h, ATTR_VIRTUAL_PROCESS_ID) {
            Ok(t) => t,
            Err(e) => return ret(e),
        };
        let mut values = std::ptr::null();
        // SAFETY: `t` is live; `values` is a valid out-parameter.
        let status =
            unsafe { lttng_process_attr_tracker_handle_get_inclusion_set(t.0, &mut values) };
        let mut count: c_uint = 0;
        match status {
            Status::OK => {
                // SAFETY: `values` belongs to `t`, alive here.
                let s = unsafe { lttng_process_attr_values_get_count(values, &mut count) };
                if s != lttng_process_attr_values_status::OK {
                    return ret(ErrorCode::Unk);
                }
            }
            Status::INVALID_TRACKING_POLICY => match policy(&t) {
                Ok(POLICY_INCLUDE_ALL) => {
                    enabled.write(0);
                    return 0;
                }
                Ok(POLICY_EXCLUDE_ALL) => {}
                Ok(_) => return ret(ErrorCode::InvalidProtocol),
                Err(e) => return ret(e),
            },
            s => return ret(status_code(s)),
        }
        let array = calloc_array::<i32>(count as usize);
        if array.is_null() {
            return ret(ErrorCode::Nomem);
        }
        for i in 0..count {
            let mut pid = 0;
            // SAFETY: `values` belongs to `t`; `array` has room for `count` PIDs.
            unsafe {
                let s = lttng_process_attr_values_get_pid_at_index(values, i, &mut pid);
                if s != lttng_process_attr_values_status::OK {
                    crate::ffi::alloc::free(array);
                    return ret(ErrorCode::Unk);
                }
                *array.add(i as usize) = pid;
            }
        }
        enabled.write(1);
        pids.write(array);
        nr_pids.write(count as usize);
        0
    })
}

/// The 2.8 name of `lttng_regenerate_metadata`.
///
/// # Safety
/// `session_name` is a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_metadata_regenerate(session_name: *const std::ffi::c_char) -> c_int {
    ffi_boundary!({
        // SAFETY: the same argument under the same contract (a C string or NULL).
        unsafe { crate::ffi::lttng::lttng_regenerate_metadata(session_name) }
    })
}
