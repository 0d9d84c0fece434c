//! Exports of `lttng/health.h`: the health of the session daemon, its consumer daemons and
//! a relay daemon.
//!
//! Upstream's conventions here are errno-like, not LTTng codes: 0, -1 (no answer, or bad
//! health), -EINVAL for a NULL or unusable argument. A health object owns its threads:
//! `lttng_health_get_thread` lends a pointer into it, valid until `lttng_health_destroy`.

use std::ffi::{CStr, OsStr, c_char, c_int, c_uint};
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

use crate::client::PATH_MAX;
use crate::client::health::{self, Component, Consumerd, QueryError, Threads, thread_health};
use crate::ffi::boundary::{
    Opaque, ffi_boundary, free_c, into_c, obj_mut, obj_ref, opt_arg_bytes, register, unregister,
};

/// `enum lttng_health_consumerd`.
pub type lttng_health_consumerd = c_int;

pub use crate::ffi::status::lttng_health_int;

/// A daemon's health (opaque): what to ask, the last answer, the threads it describes.
pub struct lttng_health {
    /// `None` for what upstream creates but refuses to query (a consumer daemon of an
    /// unknown kind): -EINVAL.
    target: Option<Component>,
    /// The bitmask of threads in bad health; all ones until a query succeeds.
    state: u64,
    /// Registered while the object lives; their addresses never change (boxed slice).
    threads: Box<[lttng_health_thread]>,
}

/// One thread of a health object (opaque, owned by it).
pub struct lttng_health_thread {
    name: Option<&'static CStr>,
    /// 0 (good, also before any query, as upstream) or -1 (bad).
    state: c_int,
}

impl Opaque for lttng_health {}
impl Opaque for lttng_health_thread {}

impl Drop for lttng_health {
    fn drop(&mut self) {
        for thread in self.threads.iter() {
            unregister(thread);
        }
    }
}

fn create(target: Option<Component>, threads: Threads) -> *mut lttng_health {
    let threads: Box<[lttng_health_thread]> = threads
        .names()
        .iter()
        .map(|&name| lttng_health_thread { name, state: 0 })
        .collect();
    // The slice's heap memory stays where it is when the box moves into the object.
    for thread in threads.iter() {
        register(thread);
    }
    into_c(lttng_health {
        target,
        state: u64::MAX,
        threads,
    })
}

/// A health object for the session daemon (12 threads). Release with
/// `lttng_health_destroy`.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_health_create_sessiond() -> *mut lttng_health {
    ffi_boundary!({ create(Some(Component::Sessiond), Threads::Sessiond) })
}

/// A health object for the consumer daemon of kind `consumerd` (5 threads). Release with
/// `lttng_health_destroy`. As upstream, an unknown kind still gives an object, whose query
/// returns -EINVAL.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_health_create_consumerd(
    consumerd: lttng_health_consumerd,
) -> *mut lttng_health {
    ffi_boundary!({
        create(
            Consumerd::from_raw(consumerd).map(Component::Consumerd),
            Threads::Consumerd,
        )
    })
}

/// A health object for the relay daemon whose health socket is `path`, taken verbatim
/// (the relay daemon's is `<LTTng home>/.lttng/relayd/health-<pid>`, or
/// `/var/run/lttng/relayd/health-<pid>` for root's; 6 threads). Release with
/// `lttng_health_destroy`. NULL for a NULL path or one of `PATH_MAX` bytes or more; an
/// empty path gives an object whose query returns -EINVAL.
///
/// # Safety
/// `path` is NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_health_create_relayd(path: *const c_char) -> *mut lttng_health {
    ffi_boundary!({
        let Some(path) = opt_arg_bytes!(path) else {
            return std::ptr::null_mut();
        };
        if path.len() >= PATH_MAX {
            return std::ptr::null_mut();
        }
        let path = PathBuf::from(OsStr::from_bytes(path));
        create(Some(Component::Relayd(path)), Threads::Relayd)
    })
}

/// Releases a health object and its threads (NULL, or a pointer that is not a live health
/// object, is ignored).
///
/// # Safety
/// `health` is NULL or an object from an `lttng_health_create_*` function.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_health_destroy(health: *mut lttng_health) {
    ffi_boundary!({ free_c(health) })
}

/// Asks the daemon for its health and records the answer in `health`. 0 when it answered
/// (whatever its health), -1 when no socket accepted the connection or the daemon did not
/// answer in full (the object is then unchanged), -EINVAL for NULL, a consumer daemon of
/// an unknown kind or an empty relay path, -ENOMEM when the per-user socket's path does
/// not fit `PATH_MAX`.
///
/// # Safety
/// `health` is NULL or a valid health object, used by no other thread during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_health_query(health: *mut lttng_health) -> lttng_health_int {
    ffi_boundary!({
        let h = obj_mut!(health);
        let Some(target) = &h.target else {
            return lttng_health_int::INVALID;
        };
        match health::query(target) {
            Ok(bad) => {
                h.state = bad;
                let count = h.threads.len();
                for (thread, bad) in h.threads.iter_mut().zip(thread_health(bad, count)) {
                    thread.state = if bad { -1 } else { 0 };
                }
                lttng_health_int::OK
            }
            Err(QueryError::Invalid) => lttng_health_int::INVALID,
            Err(QueryError::PathTooLong) => lttng_health_int::NOMEM,
            Err(QueryError::NoAnswer) => lttng_health_int::ERROR,
        }
    })
}

/// 0 when the last successful query found every thread in good health, -1 otherwise
/// (also before any successful query), -EINVAL for NULL.
///
/// # Safety
/// `health` is NULL or a valid health object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_health_state(health: *const lttng_health) -> lttng_health_int {
    ffi_boundary!({
        if obj_ref!(health).state == 0 {
            lttng_health_int::OK
        } else {
            lttng_health_int::ERROR
        }
    })
}

/// The number of threads the object describes (sessiond 12, consumerd 5, relayd 6),
/// -EINVAL for NULL.
///
/// # Safety
/// `health` is NULL or a valid health object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_health_get_nr_threads(
    health: *const lttng_health,
) -> lttng_health_int {
    ffi_boundary!({ lttng_health_int(obj_ref!(health).threads.len() as c_int) })
}

/// Thread `nth_thread` of the object (owned by it: valid until `lttng_health_destroy`);
/// NULL for NULL or an index past the last thread.
///
/// # Safety
/// `health` is NULL or a valid health object.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_health_get_thread(
    health: *const lttng_health,
    nth_thread: c_uint,
) -> *const lttng_health_thread {
    ffi_boundary!({
        let h = obj_ref!(health);
        usize::try_from(nth_thread)
            .ok()
            .and_then(|i| h.threads.get(i))
            .map_or(std::ptr::null(), |thread| thread as *const _)
    })
}

/// 0 when the thread was in good health at the last successful query (also before any
/// query, as upstream), -1 when it was not, -EINVAL for NULL.
///
/// # Safety
/// `thread` is NULL or a thread from `lttng_health_get_thread` whose object is alive.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_health_thread_state(
    thread: *const lttng_health_thread,
) -> lttng_health_int {
    ffi_boundary!({ lttng_health_int(obj_ref!(thread).state) })
}

/// The thread's name, a static string (never freed); NULL for NULL and, as upstream, for
/// the session daemon's thread 8 (its notification thread, missing from upstream's table).
///
/// # Safety
/// `thread` is NULL or a thread from `lttng_health_get_thread` whose object is alive.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_health_thread_name(
    thread: *const lttng_health_thread,
) -> *const c_char {
    ffi_boundary!({ obj_ref!(thread).name.map_or(std::ptr::null(), CStr::as_ptr) })
}
