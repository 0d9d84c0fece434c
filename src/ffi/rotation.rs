//! Exports of `lttng/rotation.h`.

use std::ffi::{c_char, c_int, c_uint};

use crate::client::rotation::{self, Schedule};
use crate::ffi::boundary::{
    OnBadArg, Opaque, Out, arg_str, ffi_boundary, free_c, into_c, obj_mut, obj_ref, out, out_arg,
};
use crate::ffi::location::{self, lttng_trace_archive_location};
use crate::ffi::types::lttng_rotation_state;
use crate::model::error::ErrorCode;
use crate::model::session::SESSION_NAME_MAX;

pub use crate::ffi::status::{lttng_rotation_schedule_type, lttng_rotation_status};

const R_OK: lttng_rotation_status = lttng_rotation_status::OK;
const R_UNAVAILABLE: lttng_rotation_status = lttng_rotation_status::UNAVAILABLE;
const R_ERROR: lttng_rotation_status = lttng_rotation_status::ERROR;
const R_INVALID: lttng_rotation_status = lttng_rotation_status::INVALID;
const R_SCHEDULE_ALREADY_SET: lttng_rotation_status = lttng_rotation_status::SCHEDULE_ALREADY_SET;

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

impl Opaque for lttng_rotation_handle {}
impl Opaque for lttng_rotation_schedule {}
impl Opaque for lttng_rotation_schedules {}

/// A session name argument: a C string of at most 254 bytes.
fn session_name(name: &str) -> Option<&str> {
    (name.len() <= SESSION_NAME_MAX).then_some(name)
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
    ffi_boundary!({
        let Some(name) = self::session_name(arg_str!(session_name)) else {
            return OnBadArg::on_bad_arg();
        };
        let out = out_arg!(rotation_handle);
        match rotation::rotate(name) {
            Ok(id) => {
                out.write(into_c(lttng_rotation_handle {
                    session: name.to_owned(),
                    id,
                    location: std::ptr::null_mut(),
                }));
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
    ffi_boundary!({
        let h = obj_mut!(rotation_handle);
        let state = out_arg!(state);
        match rotation::info(&h.session, h.id) {
            Ok(info) => {
                // As upstream: a completed rotation's location is kept with its state.
                if info.state == COMPLETED && !h.cache_location(&info) {
                    return R_ERROR;
                }
                state.write(info.state);
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
    ffi_boundary!({
        let h = obj_mut!(rotation_handle);
        let location = out_arg!(location);
        if h.location.is_null() {
            match rotation::info(&h.session, h.id) {
                Ok(info) if info.state != COMPLETED => return R_UNAVAILABLE,
                Ok(info) if h.cache_location(&info) => {}
                _ => return R_ERROR,
            }
        }
        location.write(h.location);
        R_OK
    })
}

/// Releases a rotation handle (NULL, or a pointer that is not a live handle, is ignored).
///
/// # Safety
/// `rotation_handle` is NULL or a handle of this library not yet destroyed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_rotation_handle_destroy(
    rotation_handle: *mut lttng_rotation_handle,
) {
    ffi_boundary!({ free_c(rotation_handle) })
}

fn new_schedule(periodic: bool, value: Option<u64>) -> *mut lttng_rotation_schedule {
    into_c(lttng_rotation_schedule { periodic, value })
}

/// A size-threshold schedule, threshold unset. Release with `lttng_rotation_schedule_destroy`.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_rotation_schedule_size_threshold_create()
-> *mut lttng_rotation_schedule {
    ffi_boundary!({ new_schedule(false, None) })
}

/// A periodic schedule, period unset. Release with `lttng_rotation_schedule_destroy`.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_rotation_schedule_periodic_create() -> *mut lttng_rotation_schedule {
    ffi_boundary!({ new_schedule(true, None) })
}

/// The type of a schedule (LTTNG_ROTATION_SCHEDULE_TYPE_UNKNOWN for NULL or a pointer that
/// is not a live schedule).
///
/// # Safety
/// `schedule` is NULL or a schedule of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_rotation_schedule_get_type(
    schedule: *const lttng_rotation_schedule,
) -> lttng_rotation_schedule_type {
    ffi_boundary!({
        if obj_ref!(schedule).periodic {
            lttng_rotation_schedule_type::PERIODIC
        } else {
            lttng_rotation_schedule_type::SIZE_THRESHOLD
        }
    })
}

/// Writes a schedule's value when it has the expected kind: UNAVAILABLE while unset.
fn get_value(s: &lttng_rotation_schedule, periodic: bool, out: Out<u64>) -> lttng_rotation_status {
    match (s.periodic == periodic, s.value) {
        (false, _) => R_INVALID,
        (true, None) => R_UNAVAILABLE,
        (true, Some(v)) => {
            out.write(v);
            R_OK
        }
    }
}

/// Sets a schedule's value when it has the expected kind (not 0, not all ones).
fn set_value(s: &mut lttng_rotation_schedule, periodic: bool, value: u64) -> lttng_rotation_status {
    if s.periodic == periodic && value != 0 && value != u64::MAX {
        s.value = Some(value);
        R_OK
    } else {
        R_INVALID
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
    ffi_boundary!({ get_value(obj_ref!(schedule), false, out_arg!(size_threshold_bytes)) })
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
    ffi_boundary!({ set_value(obj_mut!(schedule), false, size_threshold_bytes) })
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
    ffi_boundary!({ get_value(obj_ref!(schedule), true, out_arg!(period_us)) })
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
    ffi_boundary!({ set_value(obj_mut!(schedule), true, period_us) })
}

/// Releases a schedule (NULL, or a pointer that is not a live schedule, is ignored).
///
/// # Safety
/// `schedule` is NULL or a schedule of this library not yet destroyed (and not owned by a
/// schedule list).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_rotation_schedule_destroy(schedule: *mut lttng_rotation_schedule) {
    ffi_boundary!({ free_c(schedule) })
}

/// Releases a list of schedules and its schedules (NULL, or a pointer that is not a live
/// list, is ignored).
///
/// # Safety
/// `schedules` is NULL or a list of this library not yet destroyed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_rotation_schedules_destroy(
    schedules: *mut lttng_rotation_schedules,
) {
    ffi_boundary!({
        // The list's schedules were registered by `into_c`; a schedule a caller already
        // destroyed is not live any more and is skipped.
        for &s in &obj_ref!(schedules).list {
            free_c(s);
        }
        free_c(schedules);
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
    ffi_boundary!({
        let l = obj_ref!(schedules);
        out!(count, l.list.len() as c_uint);
        R_OK
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
    ffi_boundary!({
        obj_ref!(schedules)
            .list
            .get(index as usize)
            .map_or(std::ptr::null(), |p| p.cast_const())
    })
}

/// Adds or removes a schedule.
fn update(name: &str, s: &lttng_rotation_schedule, add: bool) -> lttng_rotation_status {
    let (Some(name), Some(value)) = (session_name(name), s.value) else {
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
    ffi_boundary!({ update(arg_str!(session_name), obj_ref!(schedule), true) })
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
    ffi_boundary!({ update(arg_str!(session_name), obj_ref!(schedule), false) })
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
    ffi_boundary!({
        let Some(name) = self::session_name(arg_str!(session_name)) else {
            return OnBadArg::on_bad_arg();
        };
        let out = out_arg!(schedules);
        match rotation::list_schedules(name) {
            Ok(found) => {
                let list = found
                    .into_iter()
                    .map(|s| match s {
                        Schedule::Periodic(v) => new_schedule(true, Some(v)),
                        Schedule::SizeThreshold(v) => new_schedule(false, Some(v)),
                    })
                    .collect();
                out.write(into_c(lttng_rotation_schedules { list }));
                ErrorCode::Ok as c_int
            }
            Err(e) => e.api_value(),
        }
    })
}
