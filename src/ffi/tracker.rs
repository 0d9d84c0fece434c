//! Exports of `lttng/tracker.h`: process-attribute tracker handles and value sets.

use std::ffi::{CString, c_char, c_int, c_uint};

use crate::client::tracker::{self, Value};
use crate::ffi::boundary::{ffi_boundary, req_str};
use crate::ffi::types::lttng_error_code;
use crate::model::error::ErrorCode;

/// `enum lttng_process_attr_tracker_handle_status`.
pub type lttng_process_attr_tracker_handle_status = c_int;
/// `enum lttng_process_attr_values_status`.
pub type lttng_process_attr_values_status = c_int;
/// `enum lttng_process_attr_value_type`.
pub type lttng_process_attr_value_type = c_int;
/// `enum lttng_tracking_policy`.
pub type lttng_tracking_policy = c_int;
/// `enum lttng_process_attr`.
pub type lttng_process_attr = c_int;
/// `enum lttng_domain_type`.
pub type lttng_domain_type = c_int;

const ST_GROUP_NOT_FOUND: c_int = -7;
const ST_USER_NOT_FOUND: c_int = -6;
const ST_INVALID_TRACKING_POLICY: c_int = -5;
const ST_SESSION_DOES_NOT_EXIST: c_int = -4;
const ST_ERROR: c_int = -3;
const ST_COMMUNICATION_ERROR: c_int = -2;
const ST_INVALID: c_int = -1;
const ST_OK: c_int = 0;
const ST_EXISTS: c_int = 1;
const ST_MISSING: c_int = 2;

/// A tracker of one process attribute of one domain of a session (opaque).
pub struct lttng_process_attr_tracker_handle {
    session: String,
    domain: i32,
    attr: i32,
    inclusion_set: Option<Box<lttng_process_attr_values>>,
}

/// A tracker's inclusion set (opaque; owned by its handle).
pub struct lttng_process_attr_values {
    values: Vec<Value>,
    names: Vec<Option<CString>>,
}

/// Gets a handle on a tracker of a session (user space or kernel); validates that it exists.
/// Release with `lttng_process_attr_tracker_handle_destroy`. Returns LTTNG_OK or an
/// `enum lttng_error_code`.
///
/// # Safety
/// `session_name` is a C string or NULL; `out_tracker_handle` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_session_get_tracker_handle(
    session_name: *const c_char,
    domain: lttng_domain_type,
    process_attr: lttng_process_attr,
    out_tracker_handle: *mut *mut lttng_process_attr_tracker_handle,
) -> lttng_error_code {
    ffi_boundary!(ErrorCode::Unk as lttng_error_code, {
        // SAFETY: forwarded contract.
        let Ok(name) = (unsafe { req_str(session_name) }) else {
            return ErrorCode::Invalid as lttng_error_code;
        };
        if out_tracker_handle.is_null() {
            return ErrorCode::Invalid as lttng_error_code;
        }
        if domain != 1 && domain != 2 {
            return ErrorCode::UnsupportedDomain as lttng_error_code;
        }
        match tracker::get_policy(name, domain, process_attr) {
            Ok(_) => {}
            Err(e)
                if e.0 == ErrorCode::SessionNotExist as i32
                    || e.0 == ErrorCode::SessNotFound as i32 =>
            {
                return ErrorCode::SessionNotExist as lttng_error_code;
            }
            Err(_) => return ErrorCode::Unk as lttng_error_code,
        }
        let h = lttng_process_attr_tracker_handle {
            session: name.to_owned(),
            domain,
            attr: process_attr,
            inclusion_set: None,
        };
        // SAFETY: non-NULL out-parameter, valid by contract.
        unsafe { *out_tracker_handle = Box::into_raw(Box::new(h)) };
        ErrorCode::Ok as lttng_error_code
    })
}

/// Releases a tracker handle and its inclusion set (NULL is fine).
///
/// # Safety
/// `tracker` is NULL or a handle of this library not yet destroyed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_tracker_handle_destroy(
    tracker: *mut lttng_process_attr_tracker_handle,
) {
    ffi_boundary!((), {
        if !tracker.is_null() {
            // SAFETY: created by Box::into_raw here, destroyed once by contract.
            drop(unsafe { Box::from_raw(tracker) });
        }
    })
}

/// # Safety
/// `tracker` is NULL or a handle of this library.
unsafe fn handle<'a>(
    tracker: *const lttng_process_attr_tracker_handle,
) -> Option<&'a lttng_process_attr_tracker_handle> {
    // SAFETY: forwarded contract.
    unsafe { tracker.as_ref() }
}

/// The tracker's policy (`enum lttng_tracking_policy`).
///
/// # Safety
/// `tracker` is NULL or a handle of this library; `policy` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_tracker_handle_get_tracking_policy(
    tracker: *const lttng_process_attr_tracker_handle,
    policy: *mut lttng_tracking_policy,
) -> lttng_process_attr_tracker_handle_status {
    ffi_boundary!(ST_ERROR, {
        // SAFETY: forwarded contract.
        let Some(t) = (unsafe { handle(tracker) }) else {
            return ST_INVALID;
        };
        if policy.is_null() {
            return ST_INVALID;
        }
        match tracker::get_policy(&t.session, t.domain, t.attr) {
            Ok(p) => {
                // SAFETY: non-NULL out-parameter, valid by contract.
                unsafe { *policy = p };
                ST_OK
            }
            Err(e)
                if e.0 == ErrorCode::SessionNotExist as i32
                    || e.0 == ErrorCode::SessNotFound as i32 =>
            {
                ST_SESSION_DOES_NOT_EXIST
            }
            Err(_) => ST_ERROR,
        }
    })
}

/// Sets the tracker's policy.
///
/// # Safety
/// `tracker` is NULL or a handle of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_tracker_handle_set_tracking_policy(
    tracker: *const lttng_process_attr_tracker_handle,
    policy: lttng_tracking_policy,
) -> lttng_process_attr_tracker_handle_status {
    ffi_boundary!(ST_ERROR, {
        // SAFETY: forwarded contract.
        let Some(t) = (unsafe { handle(tracker) }) else {
            return ST_INVALID;
        };
        match tracker::set_policy(&t.session, t.domain, t.attr, policy) {
            Ok(()) => ST_OK,
            Err(e) if e.0 == ErrorCode::SessionNotExist as i32 => ST_SESSION_DOES_NOT_EXIST,
            Err(_) => ST_ERROR,
        }
    })
}

fn add_remove_status(r: crate::client::Result<()>, names: bool) -> c_int {
    match r {
        Ok(()) => ST_OK,
        Err(e) => match ErrorCode::from_i32(e.0) {
            Some(ErrorCode::ProcessAttrExists) => ST_EXISTS,
            Some(ErrorCode::ProcessAttrMissing) => ST_MISSING,
            Some(ErrorCode::ProcessAttrTrackerInvalidTrackingPolicy) => ST_INVALID_TRACKING_POLICY,
            Some(ErrorCode::UserNotFound) if names => ST_USER_NOT_FOUND,
            Some(ErrorCode::GroupNotFound) if names => ST_GROUP_NOT_FOUND,
            _ => ST_ERROR,
        },
    }
}

/// # Safety
/// `tracker` is NULL or a handle of this library.
unsafe fn add_remove_int(
    tracker: *const lttng_process_attr_tracker_handle,
    add: bool,
    value: Value,
) -> c_int {
    // SAFETY: forwarded contract.
    let Some(t) = (unsafe { handle(tracker) }) else {
        return ST_INVALID;
    };
    add_remove_status(
        tracker::add_remove(add, &t.session, t.domain, t.attr, &value),
        false,
    )
}

/// # Safety
/// `tracker` is NULL or a handle of this library; `value` a C string or NULL.
unsafe fn add_remove_name(
    tracker: *const lttng_process_attr_tracker_handle,
    add: bool,
    value: *const c_char,
    user: bool,
) -> c_int {
    // SAFETY: forwarded contract.
    let (Some(t), Ok(v)) = (unsafe { handle(tracker) }, unsafe { req_str(value) }) else {
        return ST_INVALID;
    };
    let value = if user {
        Value::UserName(v.to_owned())
    } else {
        Value::GroupName(v.to_owned())
    };
    add_remove_status(
        tracker::add_remove(add, &t.session, t.domain, t.attr, &value),
        true,
    )
}

/// Adds a pid to the tracker's inclusion set.
///
/// # Safety
/// `tracker` is NULL or a handle of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_process_id_tracker_handle_add_pid(
    tracker: *const lttng_process_attr_tracker_handle,
    value: libc::pid_t,
) -> lttng_process_attr_tracker_handle_status {
    ffi_boundary!(ST_ERROR, {
        // SAFETY: forwarded contract.
        unsafe { add_remove_int(tracker, true, Value::Pid(value)) }
    })
}

/// Removes a pid from the tracker's inclusion set.
///
/// # Safety
/// `tracker` is NULL or a handle of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_process_id_tracker_handle_remove_pid(
    tracker: *const lttng_process_attr_tracker_handle,
    value: libc::pid_t,
) -> lttng_process_attr_tracker_handle_status {
    ffi_boundary!(ST_ERROR, {
        // SAFETY: forwarded contract.
        unsafe { add_remove_int(tracker, false, Value::Pid(value)) }
    })
}

/// Adds a pid to the tracker's inclusion set.
///
/// # Safety
/// `tracker` is NULL or a handle of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_virtual_process_id_tracker_handle_add_pid(
    tracker: *const lttng_process_attr_tracker_handle,
    value: libc::pid_t,
) -> lttng_process_attr_tracker_handle_status {
    ffi_boundary!(ST_ERROR, {
        // SAFETY: forwarded contract.
        unsafe { add_remove_int(tracker, true, Value::Pid(value)) }
    })
}

/// Removes a pid from the tracker's inclusion set.
///
/// # Safety
/// `tracker` is NULL or a handle of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_virtual_process_id_tracker_handle_remove_pid(
    tracker: *const lttng_process_attr_tracker_handle,
    value: libc::pid_t,
) -> lttng_process_attr_tracker_handle_status {
    ffi_boundary!(ST_ERROR, {
        // SAFETY: forwarded contract.
        unsafe { add_remove_int(tracker, false, Value::Pid(value)) }
    })
}

/// Adds a uid to the tracker's inclusion set.
///
/// # Safety
/// `tracker` is NULL or a handle of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_user_id_tracker_handle_add_uid(
    tracker: *const lttng_process_attr_tracker_handle,
    value: libc::uid_t,
) -> lttng_process_attr_tracker_handle_status {
    ffi_boundary!(ST_ERROR, {
        // SAFETY: forwarded contract.
        unsafe { add_remove_int(tracker, true, Value::Uid(value)) }
    })
}

/// Adds a user name to the tracker's inclusion set.
///
/// # Safety
/// `tracker` is NULL or a handle of this library; `value` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_user_id_tracker_handle_add_user_name(
    tracker: *const lttng_process_attr_tracker_handle,
    value: *const c_char,
) -> lttng_process_attr_tracker_handle_status {
    ffi_boundary!(ST_ERROR, {
        // SAFETY: forwarded contract.
        unsafe { add_remove_name(tracker, true, value, true) }
    })
}

/// Removes a uid from the tracker's inclusion set.
///
/// # Safety
/// `tracker` is NULL or a handle of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_user_id_tracker_handle_remove_uid(
    tracker: *const lttng_process_attr_tracker_handle,
    value: libc::uid_t,
) -> lttng_process_attr_tracker_handle_status {
    ffi_boundary!(ST_ERROR, {
        // SAFETY: forwarded contract.
        unsafe { add_remove_int(tracker, false, Value::Uid(value)) }
    })
}

/// Removes a user name from the tracker's inclusion set.
///
/// # Safety
/// `tracker` is NULL or a handle of this library; `value` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_user_id_tracker_handle_remove_user_name(
    tracker: *const lttng_process_attr_tracker_handle,
    value: *const c_char,
) -> lttng_process_attr_tracker_handle_status {
    ffi_boundary!(ST_ERROR, {
        // SAFETY: forwarded contract.
        unsafe { add_remove_name(tracker, false, value, true) }
    })
}

/// Adds a uid to the tracker's inclusion set.
///
/// # Safety
/// `tracker` is NULL or a handle of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_virtual_user_id_tracker_handle_add_uid(
    tracker: *const lttng_process_attr_tracker_handle,
    value: libc::uid_t,
) -> lttng_process_attr_tracker_handle_status {
    ffi_boundary!(ST_ERROR, {
        // SAFETY: forwarded contract.
        unsafe { add_remove_int(tracker, true, Value::Uid(value)) }
    })
}

/// Adds a user name to the tracker's inclusion set.
///
/// # Safety
/// `tracker` is NULL or a handle of this library; `value` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_virtual_user_id_tracker_handle_add_user_name(
    tracker: *const lttng_process_attr_tracker_handle,
    value: *const c_char,
) -> lttng_process_attr_tracker_handle_status {
    ffi_boundary!(ST_ERROR, {
        // SAFETY: forwarded contract.
        unsafe { add_remove_name(tracker, true, value, true) }
    })
}

/// Removes a uid from the tracker's inclusion set.
///
/// # Safety
/// `tracker` is NULL or a handle of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_virtual_user_id_tracker_handle_remove_uid(
    tracker: *const lttng_process_attr_tracker_handle,
    value: libc::uid_t,
) -> lttng_process_attr_tracker_handle_status {
    ffi_boundary!(ST_ERROR, {
        // SAFETY: forwarded contract.
        unsafe { add_remove_int(tracker, false, Value::Uid(value)) }
    })
}

/// Removes a user name from the tracker's inclusion set.
///
/// # Safety
/// `tracker` is NULL or a handle of this library; `value` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_virtual_user_id_tracker_handle_remove_user_name(
    tracker: *const lttng_process_attr_tracker_handle,
    value: *const c_char,
) -> lttng_process_attr_tracker_handle_status {
    ffi_boundary!(ST_ERROR, {
        // SAFETY: forwarded contract.
        unsafe { add_remove_name(tracker, false, value, true) }
    })
}

/// Adds a gid to the tracker's inclusion set.
///
/// # Safety
/// `tracker` is NULL or a handle of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_group_id_tracker_handle_add_gid(
    tracker: *const lttng_process_attr_tracker_handle,
    value: libc::gid_t,
) -> lttng_process_attr_tracker_handle_status {
    ffi_boundary!(ST_ERROR, {
        // SAFETY: forwarded contract.
        unsafe { add_remove_int(tracker, true, Value::Gid(value)) }
    })
}

/// Adds a group name to the tracker's inclusion set.
///
/// # Safety
/// `tracker` is NULL or a handle of this library; `value` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_group_id_tracker_handle_add_group_name(
    tracker: *const lttng_process_attr_tracker_handle,
    value: *const c_char,
) -> lttng_process_attr_tracker_handle_status {
    ffi_boundary!(ST_ERROR, {
        // SAFETY: forwarded contract.
        unsafe { add_remove_name(tracker, true, value, false) }
    })
}

/// Removes a gid from the tracker's inclusion set.
///
/// # Safety
/// `tracker` is NULL or a handle of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_group_id_tracker_handle_remove_gid(
    tracker: *const lttng_process_attr_tracker_handle,
    value: libc::gid_t,
) -> lttng_process_attr_tracker_handle_status {
    ffi_boundary!(ST_ERROR, {
        // SAFETY: forwarded contract.
        unsafe { add_remove_int(tracker, false, Value::Gid(value)) }
    })
}

/// Removes a group name from the tracker's inclusion set.
///
/// # Safety
/// `tracker` is NULL or a handle of this library; `value` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_group_id_tracker_handle_remove_group_name(
    tracker: *const lttng_process_attr_tracker_handle,
    value: *const c_char,
) -> lttng_process_attr_tracker_handle_status {
    ffi_boundary!(ST_ERROR, {
        // SAFETY: forwarded contract.
        unsafe { add_remove_name(tracker, false, value, false) }
    })
}

/// Adds a gid to the tracker's inclusion set.
///
/// # Safety
/// `tracker` is NULL or a handle of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_virtual_group_id_tracker_handle_add_gid(
    tracker: *const lttng_process_attr_tracker_handle,
    value: libc::gid_t,
) -> lttng_process_attr_tracker_handle_status {
    ffi_boundary!(ST_ERROR, {
        // SAFETY: forwarded contract.
        unsafe { add_remove_int(tracker, true, Value::Gid(value)) }
    })
}

/// Adds a group name to the tracker's inclusion set.
///
/// # Safety
/// `tracker` is NULL or a handle of this library; `value` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_virtual_group_id_tracker_handle_add_group_name(
    tracker: *const lttng_process_attr_tracker_handle,
    value: *const c_char,
) -> lttng_process_attr_tracker_handle_status {
    ffi_boundary!(ST_ERROR, {
        // SAFETY: forwarded contract.
        unsafe { add_remove_name(tracker, true, value, false) }
    })
}

/// Removes a gid from the tracker's inclusion set.
///
/// # Safety
/// `tracker` is NULL or a handle of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_virtual_group_id_tracker_handle_remove_gid(
    tracker: *const lttng_process_attr_tracker_handle,
    value: libc::gid_t,
) -> lttng_process_attr_tracker_handle_status {
    ffi_boundary!(ST_ERROR, {
        // SAFETY: forwarded contract.
        unsafe { add_remove_int(tracker, false, Value::Gid(value)) }
    })
}

/// Removes a group name from the tracker's inclusion set.
///
/// # Safety
/// `tracker` is NULL or a handle of this library; `value` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_virtual_group_id_tracker_handle_remove_group_name(
    tracker: *const lttng_process_attr_tracker_handle,
    value: *const c_char,
) -> lttng_process_attr_tracker_handle_status {
    ffi_boundary!(ST_ERROR, {
        // SAFETY: forwarded contract.
        unsafe { add_remove_name(tracker, false, value, false) }
    })
}

/// The tracker's inclusion set, owned by the handle (valid until the next call or its
/// destruction).
///
/// # Safety
/// `tracker` is NULL or a handle of this library; `values` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_tracker_handle_get_inclusion_set(
    tracker: *mut lttng_process_attr_tracker_handle,
    values: *mut *const lttng_process_attr_values,
) -> lttng_process_attr_tracker_handle_status {
    ffi_boundary!(ST_ERROR, {
        if tracker.is_null() || values.is_null() {
            return ST_INVALID;
        }
        // SAFETY: a handle of this library, by contract.
        let t = unsafe { &mut *tracker };
        t.inclusion_set = None;
        match tracker::inclusion_set(&t.session, t.domain, t.attr) {
            Ok(list) => {
                let names = list
                    .iter()
                    .map(|v| match v {
                        Value::UserName(n) | Value::GroupName(n) => CString::new(n.as_str()).ok(),
                        _ => None,
                    })
                    .collect();
                let set = t.inclusion_set.insert(Box::new(lttng_process_attr_values {
                    values: list,
                    names,
                }));
                // SAFETY: non-NULL out-parameter, valid by contract.
                unsafe { *values = &**set };
                ST_OK
            }
            Err(e) => match ErrorCode::from_i32(e.0) {
                Some(ErrorCode::SessionNotExist) => ST_SESSION_DOES_NOT_EXIST,
                Some(ErrorCode::ProcessAttrTrackerInvalidTrackingPolicy) => {
                    ST_INVALID_TRACKING_POLICY
                }
                Some(ErrorCode::InvalidProtocol) => ST_COMMUNICATION_ERROR,
                _ => ST_ERROR,
            },
        }
    })
}

const V_INVALID_TYPE: c_int = -2;
const V_INVALID: c_int = -1;
const V_OK: c_int = 0;

/// # Safety
/// `values` is NULL or a set of this library.
unsafe fn value_at<'a>(
    values: *const lttng_process_attr_values,
    index: c_uint,
) -> Option<(&'a Value, Option<&'a CString>)> {
    // SAFETY: forwarded contract.
    let set = unsafe { values.as_ref() }?;
    let i = index as usize;
    Some((
        set.values.get(i)?,
        set.names.get(i).and_then(Option::as_ref),
    ))
}

/// Writes what `pick` takes from the `index`-th value into `out_value`: INVALID for a NULL
/// argument or an index out of range, INVALID_TYPE when the value is of another type.
///
/// # Safety
/// `values` is NULL or a set of this library; `out_value` a valid pointer or NULL.
unsafe fn value_out<T>(
    values: *const lttng_process_attr_values,
    index: c_uint,
    out_value: *mut T,
    pick: impl FnOnce(&Value, Option<&CString>) -> Option<T>,
) -> lttng_process_attr_values_status {
    // SAFETY: forwarded contract.
    let Some((value, name)) = (unsafe { value_at(values, index) }) else {
        return V_INVALID;
    };
    if out_value.is_null() {
        return V_INVALID;
    }
    match pick(value, name) {
        Some(v) => {
            // SAFETY: non-NULL out-parameter, valid by contract.
            unsafe { out_value.write(v) };
            V_OK
        }
        None => V_INVALID_TYPE,
    }
}

/// The number of values in a set.
///
/// # Safety
/// `values` is NULL or a set of this library; `count` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_values_get_count(
    values: *const lttng_process_attr_values,
    count: *mut c_uint,
) -> lttng_process_attr_values_status {
    ffi_boundary!(V_INVALID, {
        // SAFETY: forwarded contract.
        match (unsafe { values.as_ref() }, count.is_null()) {
            (Some(set), false) => {
                // SAFETY: non-NULL out-parameter, valid by contract.
                unsafe { *count = set.values.len() as c_uint };
                V_OK
            }
            _ => V_INVALID,
        }
    })
}

/// The type of the `index`-th value (`enum lttng_process_attr_value_type`; -1 when out of
/// range).
///
/// # Safety
/// `values` is NULL or a set of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_values_get_type_at_index(
    values: *const lttng_process_attr_values,
    index: c_uint,
) -> lttng_process_attr_value_type {
    ffi_boundary!(-1, {
        // SAFETY: forwarded contract.
        unsafe { value_at(values, index) }.map_or(-1, |(v, _)| v.type_code())
    })
}

/// The `index`-th value, when it is a pid.
///
/// # Safety
/// `values` is NULL or a set of this library; `out_value` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_values_get_pid_at_index(
    values: *const lttng_process_attr_values,
    index: c_uint,
    out_value: *mut libc::pid_t,
) -> lttng_process_attr_values_status {
    ffi_boundary!(V_INVALID, {
        // SAFETY: forwarded contract.
        unsafe {
            value_out(values, index, out_value, |v, _| match v {
                Value::Pid(v) => Some(*v),
                _ => None,
            })
        }
    })
}

/// The `index`-th value, when it is a uid.
///
/// # Safety
/// `values` is NULL or a set of this library; `out_value` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_values_get_uid_at_index(
    values: *const lttng_process_attr_values,
    index: c_uint,
    out_value: *mut libc::uid_t,
) -> lttng_process_attr_values_status {
    ffi_boundary!(V_INVALID, {
        // SAFETY: forwarded contract.
        unsafe {
            value_out(values, index, out_value, |v, _| match v {
                Value::Uid(v) => Some(*v),
                _ => None,
            })
        }
    })
}

/// The `index`-th value, when it is a gid.
///
/// # Safety
/// `values` is NULL or a set of this library; `out_value` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_values_get_gid_at_index(
    values: *const lttng_process_attr_values,
    index: c_uint,
    out_value: *mut libc::gid_t,
) -> lttng_process_attr_values_status {
    ffi_boundary!(V_INVALID, {
        // SAFETY: forwarded contract.
        unsafe {
            value_out(values, index, out_value, |v, _| match v {
                Value::Gid(v) => Some(*v),
                _ => None,
            })
        }
    })
}

/// The `index`-th value, when it is a user name (owned by the set).
///
/// # Safety
/// `values` is NULL or a set of this library; `out_value` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_values_get_user_name_at_index(
    values: *const lttng_process_attr_values,
    index: c_uint,
    out_value: *mut *const c_char,
) -> lttng_process_attr_values_status {
    ffi_boundary!(V_INVALID, {
        // SAFETY: forwarded contract.
        unsafe {
            value_out(values, index, out_value, |v, name| match (v, name) {
                (Value::UserName(_), Some(n)) => Some(n.as_ptr()),
                _ => None,
            })
        }
    })
}

/// The `index`-th value, when it is a group name (owned by the set).
///
/// # Safety
/// `values` is NULL or a set of this library; `out_value` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_values_get_group_name_at_index(
    values: *const lttng_process_attr_values,
    index: c_uint,
    out_value: *mut *const c_char,
) -> lttng_process_attr_values_status {
    ffi_boundary!(V_INVALID, {
        // SAFETY: forwarded contract.
        unsafe {
            value_out(values, index, out_value, |v, name| match (v, name) {
                (Value::GroupName(_), Some(n)) => Some(n.as_ptr()),
                _ => None,
            })
        }
    })
}
