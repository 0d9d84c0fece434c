//! Exports of `lttng/rotation.h`.

use std::ffi::{c_char, c_int, c_uint};

use crate::client::rotation::{self, Schedule};
use crate::ffi::boundary::{ffi_boundary, req_str};
use crate::ffi::location::{self, lttng_trace_archive_location};
use crate::ffi::types::lttng_rotation_state;
use crate::model::error::ErrorCode;
use crate::model::session::SESSION_NAME_MAX;

/// `enum lttng_rotation_status`.
pub type lttng_rotation_status = c_int;
/// `enum lttng_rotation_schedule_type`.
pub type lttng_rotation_schedule_type = c_int;

const R_OK: c_int = 0;
const R_UNAVAILABLE: c_int = 1;
const R_ERROR: c_int = -1;
const R_INVALID: c_int = -2;
const R_SCHEDULE_ALREADY_SET: c_int = -3;

/// A rotation in progress (opaque); once completed, it owns the archive location.
pub struct lttng_rotation_handle {
    session: String,
    id: u64,
    location: *mut lttng_trace_archive_location,
}

impl lttng_rotation_handle {
    /// Builds and keeps the archive location of a completed rotation (once).
    fn cache_location(&mut self, info: &rotation::RotationInfo) -> bool {
        if self.location.is_null() {
            let Ok(location) = info.archive_location() else {
                return false;
            };
            self.location = location::create(&location);
        }
        !self.location.is_null()
    }
}

impl Drop for lttng_rotation_handle {
    fn drop(&mut self) {
        // SAFETY: the handle holds the only reference, taken in `cache_location`.
        unsafe { location::release(self.location) };
    }
}

/// `LTTNG_ROTATION_STATE_COMPLETED`.
const COMPLETED: c_int = 2;

/// Options of an immediate rotation (opaque, unused by 2.13).
#[repr(C)]
pub struct lttng_rotation_immediate_descriptor {
    _private: [u8; 0],
}

/// A rotation schedule (opaque): a size threshold or a period, set or not yet.
pub struct lttng_rotation_schedule {
    periodic: bool,
    value: Option<u64>,
}

/// The schedules of a session (opaque; owns them).
pub struct lttng_rotation_schedules {
    list: Vec<*mut lttng_rotation_schedule>,
}

/// Rotates a session now. With `rotation_handle`, stores a handle to follow the rotation
/// (release with `lttng_rotation_handle_destroy`). `descriptor` is unused, as upstream.
/// 0 or a negative LTTng code.
///
/// # Safety
/// `session_name` is a C string or NULL; `rotation_handle` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_rotate_session(
    session_name: *const c_char,
    _descriptor: *mut lttng_rotation_immediate_descriptor,
    rotation_handle: *mut *mut lttng_rotation_handle,
) -> c_int {
    ffi_boundary!(-(ErrorCode::Unk as c_int), {
        // SAFETY: forwarded contract.
        let name = match unsafe { req_str(session_name) } {
            Ok(n) if n.len() <= SESSION_NAME_MAX => n,
            _ => return -(ErrorCode::Invalid as c_int),
        };
        if rotation_handle.is_null() {
            return -(ErrorCode::Invalid as c_int);
        }
        match rotation::rotate(name) {
            Ok(id) => {
                let h = lttng_rotation_handle {
                    session: name.to_owned(),
                    id,
                    location: std::ptr::null_mut(),
                };
                // SAFETY: non-NULL out-parameter, valid by contract.
                unsafe { *rotation_handle = Box::into_raw(Box::new(h)) };
                0
            }
            Err(e) => e.api_value(),
        }
    })
}

/// The state of a rotation (`enum lttng_rotation_state`).
///
/// # Safety
/// `rotation_handle` is NULL or a handle of this library; `state` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_rotation_handle_get_state(
    rotation_handle: *mut lttng_rotation_handle,
    state: *mut lttng_rotation_state,
) -> lttng_rotation_status {
    ffi_boundary!(R_ERROR, {
        if rotation_handle.is_null() || state.is_null() {
            return R_INVALID;
        }
        // SAFETY: a handle of this library, by contract.
        let h = unsafe { &mut *rotation_handle };
        match rotation::info(&h.session, h.id) {
            Ok(info) => {
                // As upstream: a completed rotation's location is kept with its state.
                if info.state == COMPLETED && !h.cache_location(&info) {
                    return R_ERROR;
                }
                // SAFETY: non-NULL out-parameter, valid by contract.
                unsafe { *state = info.state };
                R_OK
            }
            Err(_) => R_ERROR,
        }
    })
}

/// Where a completed rotation's archive is: stores in `location` an object owned by the
/// handle (valid until `lttng_rotation_handle_destroy`; do not free it). Answers
/// LTTNG_ROTATION_STATUS_UNAVAILABLE while the rotation is not completed. Unlike upstream,
/// which leaves `location` unset when the state was not asked first, it always stores it.
///
/// # Safety
/// `rotation_handle` is NULL or a handle of this library; `location` NULL or valid for
/// writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_rotation_handle_get_archive_location(
    rotation_handle: *mut lttng_rotation_handle,
    location: *mut *const lttng_trace_archive_location,
) -> lttng_rotation_status {
    ffi_boundary!(R_ERROR, {
        if rotation_handle.is_null() || location.is_null() {
            return R_INVALID;
        }
        // SAFETY: a handle of this library, by contract.
        let h = unsafe { &mut *rotation_handle };
        if h.location.is_null() {
            match rotation::info(&h.session, h.id) {
                Ok(info) if info.state != COMPLETED => return R_UNAVAILABLE,
                Ok(info) if h.cache_location(&info) => {}
                _ => return R_ERROR,
            }
        }
        // SAFETY: non-NULL out-parameter, valid by contract.
        unsafe { *location = h.location };
        R_OK
    })
}

/// Releases a rotation handle (NULL is fine).
///
/// # Safety
/// `rotation_handle` is NULL or a handle of this library not yet destroyed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_rotation_handle_destroy(
    rotation_handle: *mut lttng_rotation_handle,
) {
    ffi_boundary!((), {
        if !rotation_handle.is_null() {
            // SAFETY: created by Box::into_raw here, destroyed once by contract.
            drop(unsafe { Box::from_raw(rotation_handle) });
        }
    })
}

fn new_schedule(periodic: bool) -> *mut lttng_rotation_schedule {
    Box::into_raw(Box::new(lttng_rotation_schedule {
        periodic,
        value: None,
    }))
}

/// A size-threshold schedule, threshold unset. Release with `lttng_rotation_schedule_destroy`.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_rotation_schedule_size_threshold_create()
-> *mut lttng_rotation_schedule {
    ffi_boundary!(std::ptr::null_mut(), { new_schedule(false) })
}

/// A periodic schedule, period unset. Release with `lttng_rotation_schedule_destroy`.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_rotation_schedule_periodic_create() -> *mut lttng_rotation_schedule {
    ffi_boundary!(std::ptr::null_mut(), { new_schedule(true) })
}

/// The type of a schedule (-1 for NULL).
///
/// # Safety
/// `schedule` is NULL or a schedule of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_rotation_schedule_get_type(
    schedule: *const lttng_rotation_schedule,
) -> lttng_rotation_schedule_type {
    ffi_boundary!(-1, {
        // SAFETY: forwarded contract.
        unsafe { schedule.as_ref() }.map_or(-1, |s| c_int::from(s.periodic))
    })
}

/// # Safety
/// `schedule` is NULL or a schedule of this library; `out` a valid pointer or NULL.
unsafe fn get_value(
    schedule: *const lttng_rotation_schedule,
    periodic: bool,
    out: *mut u64,
) -> c_int {
    // SAFETY: forwarded contract.
    match unsafe { schedule.as_ref() } {
        Some(s) if s.periodic == periodic && !out.is_null() => match s.value {
            Some(v) => {
                // SAFETY: non-NULL out-parameter, valid by contract.
                unsafe { *out = v };
                R_OK
            }
            None => R_UNAVAILABLE,
        },
        _ => R_INVALID,
    }
}

/// # Safety
/// `schedule` is NULL or a schedule of this library.
unsafe fn set_value(schedule: *mut lttng_rotation_schedule, periodic: bool, value: u64) -> c_int {
    // SAFETY: forwarded contract.
    match unsafe { schedule.as_mut() } {
        Some(s) if s.periodic == periodic && value != 0 && value != u64::MAX => {
            s.value = Some(value);
            R_OK
        }
        _ => R_INVALID,
    }
}

/// The threshold of a size schedule, in bytes.
///
/// # Safety
/// `schedule` is NULL or a schedule of this library; `size_threshold_bytes` a valid pointer
/// or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_rotation_schedule_size_threshold_get_threshold(
    schedule: *const lttng_rotation_schedule,
    size_threshold_bytes: *mut u64,
) -> lttng_rotation_status {
    ffi_boundary!(R_ERROR, {
        // SAFETY: forwarded contract.
        unsafe { get_value(schedule, false, size_threshold_bytes) }
    })
}

/// Sets the threshold of a size schedule (not 0, not all ones).
///
/// # Safety
/// `schedule` is NULL or a schedule of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_rotation_schedule_size_threshold_set_threshold(
    schedule: *mut lttng_rotation_schedule,
    size_threshold_bytes: u64,
) -> lttng_rotation_status {
    ffi_boundary!(R_ERROR, {
        // SAFETY: forwarded contract.
        unsafe { set_value(schedule, false, size_threshold_bytes) }
    })
}

/// The period of a periodic schedule, in µs.
///
/// # Safety
/// `schedule` is NULL or a schedule of this library; `period_us` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_rotation_schedule_periodic_get_period(
    schedule: *const lttng_rotation_schedule,
    period_us: *mut u64,
) -> lttng_rotation_status {
    // SAFETY: forwarded contract.
    ffi_boundary!(R_ERROR, { unsafe { get_value(schedule, true, period_us) } })
}

/// Sets the period of a periodic schedule (not 0, not all ones).
///
/// # Safety
/// `schedule` is NULL or a schedule of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_rotation_schedule_periodic_set_period(
    schedule: *mut lttng_rotation_schedule,
    period_us: u64,
) -> lttng_rotation_status {
    // SAFETY: forwarded contract.
    ffi_boundary!(R_ERROR, { unsafe { set_value(schedule, true, period_us) } })
}

/// Releases a schedule (NULL is fine).
///
/// # Safety
/// `schedule` is NULL or a schedule of this library not yet destroyed (and not owned by a
/// schedule list).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_rotation_schedule_destroy(schedule: *mut lttng_rotation_schedule) {
    ffi_boundary!((), {
        if !schedule.is_null() {
            // SAFETY: created by Box::into_raw here, destroyed once by contract.
            drop(unsafe { Box::from_raw(schedule) });
        }
    })
}

/// Releases a list of schedules and its schedules (NULL is fine).
///
/// # Safety
/// `schedules` is NULL or a list of this library not yet destroyed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_rotation_schedules_destroy(
    schedules: *mut lttng_rotation_schedules,
) {
    ffi_boundary!((), {
        if schedules.is_null() {
            return;
        }
        // SAFETY: created by Box::into_raw here, destroyed once by contract; it owns its
        // schedules.
        let list = unsafe { Box::from_raw(schedules) };
        for s in list.list {
            // SAFETY: as above.
            drop(unsafe { Box::from_raw(s) });
        }
    })
}

/// The number of schedules in a list.
///
/// # Safety
/// `schedules` is NULL or a list of this library; `count` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_rotation_schedules_get_count(
    schedules: *const lttng_rotation_schedules,
    count: *mut c_uint,
) -> lttng_rotation_status {
    ffi_boundary!(R_ERROR, {
        // SAFETY: forwarded contract.
        match (unsafe { schedules.as_ref() }, count.is_null()) {
            (Some(l), false) => {
                // SAFETY: non-NULL out-parameter, valid by contract.
                unsafe { *count = l.list.len() as c_uint };
                R_OK
            }
            _ => R_INVALID,
        }
    })
}

/// The `index`-th schedule of a list (owned by the list), or NULL.
///
/// # Safety
/// `schedules` is NULL or a list of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_rotation_schedules_get_at_index(
    schedules: *const lttng_rotation_schedules,
    index: c_uint,
) -> *const lttng_rotation_schedule {
    ffi_boundary!(std::ptr::null(), {
        // SAFETY: forwarded contract.
        unsafe { schedules.as_ref() }
            .and_then(|l| l.list.get(index as usize).copied())
            .map_or(std::ptr::null(), |p| p.cast_const())
    })
}

/// # Safety
/// `session_name` is a C string or NULL; `schedule` NULL or a schedule of this library.
unsafe fn update(
    session_name: *const c_char,
    schedule: *const lttng_rotation_schedule,
    add: bool,
) -> c_int {
    // SAFETY: forwarded contract.
    let (name, s) = unsafe { (req_str(session_name), schedule.as_ref()) };
    let (Ok(name), Some(s)) = (name, s) else {
        return R_INVALID;
    };
    if name.len() > SESSION_NAME_MAX {
        return R_INVALID;
    }
    let Some(value) = s.value else {
        return R_INVALID;
    };
    let sched = if s.periodic {
        Schedule::Periodic(value)
    } else {
        Schedule::SizeThreshold(value)
    };
    match rotation::set_schedule(name, sched, add) {
        Ok(()) => R_OK,
        Err(e) => match ErrorCode::from_i32(e.0) {
            Some(ErrorCode::RotationScheduleSet) => R_SCHEDULE_ALREADY_SET,
            Some(ErrorCode::RotationScheduleNotSet) => R_INVALID,
            _ => R_ERROR,
        },
    }
}

/// Adds a rotation schedule to a session.
///
/// # Safety
/// `session_name` is a C string or NULL; `schedule` NULL or a schedule of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_session_add_rotation_schedule(
    session_name: *const c_char,
    schedule: *const lttng_rotation_schedule,
) -> lttng_rotation_status {
    // SAFETY: forwarded contract.
    ffi_boundary!(R_ERROR, { unsafe { update(session_name, schedule, true) } })
}

/// Removes a rotation schedule from a session.
///
/// # Safety
/// `session_name` is a C string or NULL; `schedule` NULL or a schedule of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_session_remove_rotation_schedule(
    session_name: *const c_char,
    schedule: *const lttng_rotation_schedule,
) -> lttng_rotation_status {
    ffi_boundary!(R_ERROR, {
        // SAFETY: forwarded contract.
        unsafe { update(session_name, schedule, false) }
    })
}

/// Lists a session's rotation schedules into `*schedules` (release with
/// `lttng_rotation_schedules_destroy`). Returns LTTNG_OK (positive, as upstream) or a
/// negative LTTng code.
///
/// # Safety
/// `session_name` is a C string or NULL; `schedules` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_session_list_rotation_schedules(
    session_name: *const c_char,
    schedules: *mut *mut lttng_rotation_schedules,
) -> c_int {
    ffi_boundary!(-(ErrorCode::Unk as c_int), {
        // SAFETY: forwarded contract.
        let Ok(name) = (unsafe { req_str(session_name) }) else {
            return -(ErrorCode::Invalid as c_int);
        };
        if schedules.is_null() || name.len() > SESSION_NAME_MAX {
            return -(ErrorCode::Invalid as c_int);
        }
        match rotation::list_schedules(name) {
            Ok(found) => {
                let list = found
                    .into_iter()
                    .map(|s| {
                        let (periodic, value) = match s {
                            Schedule::Periodic(v) => (true, v),
                            Schedule::SizeThreshold(v) => (false, v),
                        };
                        Box::into_raw(Box::new(lttng_rotation_schedule {
                            periodic,
                            value: Some(value),
                        }))
                    })
                    .collect();
                // SAFETY: non-NULL out-parameter, valid by contract.
                unsafe { *schedules = Box::into_raw(Box::new(lttng_rotation_schedules { list })) };
                ErrorCode::Ok as c_int
            }
            Err(e) => e.api_value(),
        }
    })
}
