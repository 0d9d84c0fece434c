//! Exports of `lttng/tracker.h`: process-attribute tracker handles and value sets.

use std::ffi::{CString, c_char, c_int, c_uint};

use crate::client::tracker::{self, Value};
use crate::ffi::boundary::{
    Opaque, arg_str, ffi_boundary, free_c, into_c, obj_mut, obj_ref, out, out_arg, register,
    unregister,
};
use crate::ffi::types::lttng_error_code;
use crate::model::error::ErrorCode;

pub use crate::ffi::status::{
    lttng_process_attr_tracker_handle_status, lttng_process_attr_value_type,
    lttng_process_attr_values_status,
};

/// `enum lttng_tracking_policy`.
pub type lttng_tracking_policy = c_int;
/// `enum lttng_process_attr`.
pub type lttng_process_attr = c_int;
/// `enum lttng_domain_type`.
pub type lttng_domain_type = c_int;

type Status = lttng_process_attr_tracker_handle_status;
type ValuesStatus = lttng_process_attr_values_status;

/// A tracker of one process attribute of one domain of a session (opaque).
pub struct lttng_process_attr_tracker_handle {
    session: String,
    domain: i32,
    attr: i32,
    inclusion_set: Option<Box<lttng_process_attr_values>>,
}

/// A tracker's inclusion set (opaque; owned by its handle, registered while it lives).
pub struct lttng_process_attr_values {
    values: Vec<Value>,
    names: Vec<Option<CString>>,
}

impl Opaque for lttng_process_attr_tracker_handle {}
impl Opaque for lttng_process_attr_values {}

impl Drop for lttng_process_attr_values {
    fn drop(&mut self) {
        unregister(self as *const lttng_process_attr_values);
    }
}

fn session_missing(e: crate::client::Error) -> bool {
    e.0 == ErrorCode::SessionNotExist as i32 || e.0 == ErrorCode::SessNotFound as i32
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
    ffi_boundary!({
        let name = arg_str!(session_name);
        let out = out_arg!(out_tracker_handle);
        if domain != 1 && domain != 2 {
            return ErrorCode::UnsupportedDomain.into();
        }
        match tracker::get_policy(name, domain, process_attr) {
            Ok(_) => {}
            Err(e) if session_missing(e) => return ErrorCode::SessionNotExist.into(),
            Err(_) => return ErrorCode::Unk.into(),
        }
        out.write(into_c(lttng_process_attr_tracker_handle {
            session: name.to_owned(),
            domain,
            attr: process_attr,
            inclusion_set: None,
        }));
        lttng_error_code::OK
    })
}

/// Releases a tracker handle and its inclusion set (NULL, or a pointer that is not a live
/// handle, is ignored).
///
/// # Safety
/// `tracker` is NULL or a handle of this library not yet destroyed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_tracker_handle_destroy(
    tracker: *mut lttng_process_attr_tracker_handle,
) {
    ffi_boundary!({ free_c(tracker) })
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
    ffi_boundary!({
        let t = obj_ref!(tracker);
        let policy = out_arg!(policy);
        match tracker::get_policy(&t.session, t.domain, t.attr) {
            Ok(p) => {
                policy.write(p);
                Status::OK
            }
            Err(e) if session_missing(e) => Status::SESSION_DOES_NOT_EXIST,
            Err(_) => Status::ERROR,
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
    ffi_boundary!({
        let t = obj_ref!(tracker);
        match tracker::set_policy(&t.session, t.domain, t.attr, policy) {
            Ok(()) => Status::OK,
            Err(e) if e.0 == ErrorCode::SessionNotExist as i32 => Status::SESSION_DOES_NOT_EXIST,
            Err(_) => Status::ERROR,
        }
    })
}

/// Adds `value` to, or removes it from, the tracker's inclusion set.
fn add_remove(t: &lttng_process_attr_tracker_handle, add: bool, value: Value) -> Status {
    let names = matches!(value, Value::UserName(_) | Value::GroupName(_));
    match tracker::add_remove(add, &t.session, t.domain, t.attr, &value) {
        Ok(()) => Status::OK,
        Err(e) => match ErrorCode::from_i32(e.0) {
            Some(ErrorCode::ProcessAttrExists) => Status::EXISTS,
            Some(ErrorCode::ProcessAttrMissing) => Status::MISSING,
            Some(ErrorCode::ProcessAttrTrackerInvalidTrackingPolicy) => {
                Status::INVALID_TRACKING_POLICY
            }
            Some(ErrorCode::UserNotFound) if names => Status::USER_NOT_FOUND,
            Some(ErrorCode::GroupNotFound) if names => Status::GROUP_NOT_FOUND,
            _ => Status::ERROR,
        },
    }
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
    ffi_boundary!({ add_remove(obj_ref!(tracker), true, Value::Pid(value)) })
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
    ffi_boundary!({ add_remove(obj_ref!(tracker), false, Value::Pid(value)) })
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
    ffi_boundary!({ add_remove(obj_ref!(tracker), true, Value::Pid(value)) })
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
    ffi_boundary!({ add_remove(obj_ref!(tracker), false, Value::Pid(value)) })
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
    ffi_boundary!({ add_remove(obj_ref!(tracker), true, Value::Uid(value)) })
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
    ffi_boundary!({ add_remove(obj_ref!(tracker), false, Value::Uid(value)) })
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
    ffi_boundary!({ add_remove(obj_ref!(tracker), true, Value::Uid(value)) })
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
    ffi_boundary!({ add_remove(obj_ref!(tracker), false, Value::Uid(value)) })
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
    ffi_boundary!({ add_remove(obj_ref!(tracker), true, Value::Gid(value)) })
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
    ffi_boundary!({ add_remove(obj_ref!(tracker), false, Value::Gid(value)) })
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
    ffi_boundary!({ add_remove(obj_ref!(tracker), true, Value::Gid(value)) })
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
    ffi_boundary!({ add_remove(obj_ref!(tracker), false, Value::Gid(value)) })
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
    ffi_boundary!({
        let t = obj_ref!(tracker);
        add_remove(t, true, Value::UserName(arg_str!(value).to_owned()))
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
    ffi_boundary!({
        let t = obj_ref!(tracker);
        add_remove(t, false, Value::UserName(arg_str!(value).to_owned()))
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
    ffi_boundary!({
        let t = obj_ref!(tracker);
        add_remove(t, true, Value::UserName(arg_str!(value).to_owned()))
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
    ffi_boundary!({
        let t = obj_ref!(tracker);
        add_remove(t, false, Value::UserName(arg_str!(value).to_owned()))
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
    ffi_boundary!({
        let t = obj_ref!(tracker);
        add_remove(t, true, Value::GroupName(arg_str!(value).to_owned()))
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
    ffi_boundary!({
        let t = obj_ref!(tracker);
        add_remove(t, false, Value::GroupName(arg_str!(value).to_owned()))
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
    ffi_boundary!({
        let t = obj_ref!(tracker);
        add_remove(t, true, Value::GroupName(arg_str!(value).to_owned()))
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
    ffi_boundary!({
        let t = obj_ref!(tracker);
        add_remove(t, false, Value::GroupName(arg_str!(value).to_owned()))
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
    ffi_boundary!({
        let t = obj_mut!(tracker);
        let values = out_arg!(values);
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
                register(&**set as *const lttng_process_attr_values);
                values.write(&**set);
                Status::OK
            }
            Err(e) => match ErrorCode::from_i32(e.0) {
                Some(ErrorCode::SessionNotExist) => Status::SESSION_DOES_NOT_EXIST,
                Some(ErrorCode::ProcessAttrTrackerInvalidTrackingPolicy) => {
                    Status::INVALID_TRACKING_POLICY
                }
                Some(ErrorCode::InvalidProtocol) => Status::COMMUNICATION_ERROR,
                _ => Status::ERROR,
            },
        }
    })
}

impl lttng_process_attr_values {
    fn at(&self, index: c_uint) -> Option<(&Value, Option<&CString>)> {
        let i = index as usize;
        Some((
            self.values.get(i)?,
            self.names.get(i).and_then(Option::as_ref),
        ))
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
    ffi_boundary!({
        let set = obj_ref!(values);
        out!(count, set.values.len() as c_uint);
        ValuesStatus::OK
    })
}

/// The type of the `index`-th value (`enum lttng_process_attr_value_type`; INVALID when out
/// of range).
///
/// # Safety
/// `values` is NULL or a set of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_process_attr_values_get_type_at_index(
    values: *const lttng_process_attr_values,
    index: c_uint,
) -> lttng_process_attr_value_type {
    ffi_boundary!({
        obj_ref!(values)
            .at(index)
            .map_or(lttng_process_attr_value_type::INVALID, |(v, _)| {
                lttng_process_attr_value_type(v.type_code())
            })
    })
}

/// The body of a value getter: INVALID for a NULL argument or an index out of range,
/// INVALID_TYPE when `pick` finds the value of another type; the value is written only on
/// success.
macro_rules! value_at {
    ($values:expr, $index:expr, $out:expr, $pick:expr) => {{
        let Some((value, name)) = obj_ref!($values).at($index) else {
            return ValuesStatus::INVALID;
        };
        let out = out_arg!($out);
        let pick: fn(&Value, Option<&CString>) -> Option<_> = $pick;
        match pick(value, name) {
            Some(v) => {
                out.write(v);
                ValuesStatus::OK
            }
            None => ValuesStatus::INVALID_TYPE,
        }
    }};
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
    ffi_boundary!({
        value_at!(values, index, out_value, |v, _| match v {
            Value::Pid(v) => Some(*v),
            _ => None,
        })
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
    ffi_boundary!({
        value_at!(values, index, out_value, |v, _| match v {
            Value::Uid(v) => Some(*v),
            _ => None,
        })
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
    ffi_boundary!({
        value_at!(values, index, out_value, |v, _| match v {
            Value::Gid(v) => Some(*v),
            _ => None,
        })
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
    ffi_boundary!({
        value_at!(values, index, out_value, |v, n| match (v, n) {
            (Value::UserName(_), Some(n)) => Some(n.as_ptr()),
            _ => None,
        })
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
    ffi_boundary!({
        value_at!(values, index, out_value, |v, n| match (v, n) {
            (Value::GroupName(_), Some(n)) => Some(n.as_ptr()),
            _ => None,
        })
    })
}
