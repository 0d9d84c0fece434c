//! Exports of `lttng/trigger/trigger.h` and `lttng/error-query.h`, and the ELF helpers
//! upstream exports for the userspace-probe code of its tools.
//!
//! Trigger objects are built and read by upstream's code compiled into the calling program
//! (the `lttng` CLI links it statically and exports it); `trigger_host` reaches it. Without
//! it these answer LTTNG_ERR_NOT_SUPPORTED (negated where upstream returns an `int`). The
//! ELF helpers report failure (the CLI imports but never calls them).

use std::ffi::{c_char, c_int, c_void};

use crate::client::trigger;
use crate::ffi::boundary::{ffi_boundary, opt_str};
use crate::ffi::trigger_host as host;
use crate::ffi::types::lttng_error_code;
use crate::model::error::ErrorCode;

/// Upstream's `struct lttng_trigger` (only ever passed by pointer).
#[repr(C)]
pub struct lttng_trigger {
    _private: [u8; 0],
}

/// Upstream's `struct lttng_triggers`.
#[repr(C)]
pub struct lttng_triggers {
    _private: [u8; 0],
}

/// Upstream's `struct lttng_error_query`.
#[repr(C)]
pub struct lttng_error_query {
    _private: [u8; 0],
}

/// Upstream's `struct lttng_endpoint`.
#[repr(C)]
pub struct lttng_endpoint {
    _private: [u8; 0],
}

/// Upstream's `struct lttng_error_query_results`.
#[repr(C)]
pub struct lttng_error_query_results {
    _private: [u8; 0],
}

const NOT_SUPPORTED: lttng_error_code = ErrorCode::NotSupported as lttng_error_code;

fn code(c: ErrorCode) -> c_int {
    c as c_int
}

fn euid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

/// Upstream's registration, returning 0 or a negative code.
///
/// # Safety
/// `trigger` is NULL or a live trigger of the calling program.
unsafe fn register(trigger: *mut lttng_trigger, name: Option<&str>, generate_name: bool) -> c_int {
    if trigger.is_null() {
        return -code(ErrorCode::Invalid);
    }
    if !host::available() {
        return -code(ErrorCode::NotSupported);
    }
    let t = trigger.cast::<c_void>();
    // SAFETY: a live trigger of the program, by contract (so are the calls below).
    if unsafe { host::trigger_name(t) }.is_some() {
        // Already registered.
        return -code(ErrorCode::Invalid);
    }
    if let Some(n) = name {
        // SAFETY: as above.
        if unsafe { host::set_trigger_name(t, Some(n)) }.is_err() {
            return -code(ErrorCode::Nomem);
        }
    }
    // SAFETY: as above.
    let ret = unsafe { register_named(t, name.is_none() && !generate_name) };
    let ret = match ret {
        Ok(reply_name) if name.is_some() || generate_name => {
            // SAFETY: as above.
            match unsafe { host::set_trigger_name(t, reply_name.as_deref()) } {
                Ok(()) => return 0,
                Err(_) => return -code(ErrorCode::Nomem),
            }
        }
        Ok(_) => return 0,
        Err(e) => e,
    };
    // SAFETY: as above.
    match unsafe { host::set_trigger_name(t, None) } {
        Ok(()) => ret,
        Err(_) => -code(ErrorCode::Unk),
    }
}

/// The owner check, validation, serialization and exchange of a registration; the name the
/// daemon answered, or the negative code.
///
/// # Safety
/// `t` is a live trigger of the calling program.
unsafe fn register_named(t: *mut c_void, anonymous: bool) -> Result<Option<String>, c_int> {
    let me = euid();
    // SAFETY: forwarded contract (also for the calls below).
    match unsafe { host::trigger_uid(t) } {
        // SAFETY: as above.
        None => unsafe { host::set_trigger_uid(t, me) },
        Some(uid) if uid != me && me != 0 => return Err(-code(ErrorCode::Eperm)),
        Some(_) => {}
    }
    // SAFETY: as above.
    if !unsafe { host::trigger_validates(t) } {
        return Err(-code(ErrorCode::InvalidTrigger));
    }
    // SAFETY: as above.
    let domain = unsafe { host::trigger_domain(t) };
    // SAFETY: as above; the owner was set just before.
    let uid = unsafe { host::trigger_uid(t) }.unwrap_or(me);
    // SAFETY: as above.
    let hidden = unsafe { host::trigger_hidden(t) };
    // SAFETY: as above.
    let s =
        unsafe { host::serialize_trigger(t, uid, hidden) }.map_err(|_| -code(ErrorCode::Unk))?;
    trigger::register(&s, domain, anonymous).map_err(|e| e.api_value())
}

/// Registers a trigger under `name` (NULL registers it anonymously, as upstream). On
/// success the trigger holds the daemon's name for it. LTTNG_OK or an error code
/// (positive). The trigger stays the caller's (release it with `lttng_trigger_destroy`).
///
/// Trigger objects must come from upstream's trigger code in the calling program (as in
/// the `lttng` CLI); without it: LTTNG_ERR_NOT_SUPPORTED.
///
/// # Safety
/// `trigger` is NULL or a live trigger of the calling program; `name` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_register_trigger_with_name(
    trigger: *mut lttng_trigger,
    name: *const c_char,
) -> lttng_error_code {
    ffi_boundary!(ErrorCode::Unk as lttng_error_code, {
        // SAFETY: forwarded contract.
        let name = match unsafe { opt_str(name) } {
            None => None,
            Some(Ok(n)) => Some(n),
            Some(Err(_)) => return ErrorCode::Invalid as lttng_error_code,
        };
        // SAFETY: forwarded contract.
        match unsafe { register(trigger, name, false) } {
            0 => ErrorCode::Ok as lttng_error_code,
            r => -r,
        }
    })
}

/// Registers a trigger under a name the daemon generates, stored in the trigger.
/// LTTNG_OK or an error code (positive). The trigger stays the caller's.
///
/// # Safety
/// `trigger` is NULL or a live trigger of the calling program.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_register_trigger_with_automatic_name(
    trigger: *mut lttng_trigger,
) -> lttng_error_code {
    ffi_boundary!(ErrorCode::Unk as lttng_error_code, {
        // SAFETY: forwarded contract.
        match unsafe { register(trigger, None, true) } {
            0 => ErrorCode::Ok as lttng_error_code,
            r => -r,
        }
    })
}

/// Unregisters a trigger (matched by the daemon on its name and owner). 0 or a negative
/// code. The trigger stays the caller's.
///
/// # Safety
/// `trigger` is NULL or a live trigger of the calling program.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_unregister_trigger(trigger: *const lttng_trigger) -> c_int {
    ffi_boundary!(-code(ErrorCode::Unk), {
        if trigger.is_null() {
            return -code(ErrorCode::Invalid);
        }
        if !host::available() {
            return -code(ErrorCode::NotSupported);
        }
        let t = trigger.cast::<c_void>();
        let me = euid();
        // SAFETY: a live trigger of the program, by contract (so are the calls below).
        let uid = match unsafe { host::trigger_uid(t) } {
            None => me,
            Some(uid) if uid != me && me != 0 => return -code(ErrorCode::Eperm),
            Some(uid) => uid,
        };
        // SAFETY: as above.
        if !unsafe { host::trigger_validates(t) } {
            return -code(ErrorCode::InvalidTrigger);
        }
        // Upstream sends a copy, which is never hidden.
        // SAFETY: as above.
        let s = match unsafe { host::serialize_trigger(t, uid, false) } {
            Ok(s) => s,
            Err(_) => return -code(ErrorCode::Unk),
        };
        match trigger::unregister(&s) {
            Ok(()) => 0,
            Err(e) => e.api_value(),
        }
    })
}

/// Lists the caller's triggers into `*triggers` (written only on success). LTTNG_OK or an
/// error code (positive); LTTNG_ERR_FATAL for a reply that cannot be decoded. The set is
/// built with upstream's trigger code in the calling program; release it with
/// `lttng_triggers_destroy`.
///
/// # Safety
/// `triggers` is NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_list_triggers(
    triggers: *mut *mut lttng_triggers,
) -> lttng_error_code {
    ffi_boundary!(ErrorCode::Unk as lttng_error_code, {
        if triggers.is_null() {
            return ErrorCode::Invalid as lttng_error_code;
        }
        if !host::available() {
            return NOT_SUPPORTED;
        }
        let list = match trigger::list() {
            Ok(l) => l,
            Err(e) => return e.0,
        };
        match host::build_triggers(&list) {
            Ok(set) => {
                // SAFETY: non-NULL out-parameter, valid by contract.
                unsafe { *triggers = set.cast() };
                ErrorCode::Ok as lttng_error_code
            }
            Err(_) => ErrorCode::Fatal as lttng_error_code,
        }
    })
}

/// Runs an error query on the session daemon (`endpoint` must be
/// `lttng_session_daemon_command_endpoint`) and stores its results in `*results` (written
/// only on success; release with `lttng_error_query_results_destroy`). LTTNG_OK or an
/// error code (positive).
///
/// # Safety
/// `query` is NULL or a live error query of the calling program; `results` NULL or valid
/// for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_error_query_execute(
    query: *const lttng_error_query,
    endpoint: *const lttng_endpoint,
    results: *mut *mut lttng_error_query_results,
) -> lttng_error_code {
    ffi_boundary!(ErrorCode::Unk as lttng_error_code, {
        if query.is_null() || results.is_null() {
            return ErrorCode::Invalid as lttng_error_code;
        }
        if endpoint != (&raw const COMMAND_ENDPOINT).cast() {
            return ErrorCode::InvalidErrorQueryTarget as lttng_error_code;
        }
        if !host::available() {
            return NOT_SUPPORTED;
        }
        // SAFETY: a live query of the program, by contract.
        let (target, t, path) = unsafe { host::query_parts(query.cast()) };
        // SAFETY: the query holds a live trigger (or NULL).
        let valid = !t.is_null()
            && unsafe { host::trigger_uid(t) }.is_some()
            && unsafe { host::trigger_validates(t) };
        if !valid {
            return ErrorCode::Unk as lttng_error_code;
        }
        // SAFETY: as above.
        let (uid, hidden) = unsafe { (host::trigger_uid(t).unwrap_or(0), host::trigger_hidden(t)) };
        // SAFETY: as above.
        let s = match unsafe { host::serialize_trigger(t, uid, hidden) } {
            Ok(s) => s,
            Err(_) => return ErrorCode::Unk as lttng_error_code,
        };
        let list = match trigger::error_query(target as i8, &s, path.as_deref()) {
            Ok(l) => l,
            Err(e) => return e.0,
        };
        match host::build_results(&list) {
            Ok(r) => {
                // SAFETY: non-NULL out-parameter, valid by contract.
                unsafe { *results = r.cast() };
                ErrorCode::Ok as lttng_error_code
            }
            Err(_) => ErrorCode::Nomem as lttng_error_code,
        }
    })
}

/// Offset of `symbol` in the ELF file `fd`. Not implemented yet: -1.
///
/// # Safety
/// Arguments are not dereferenced.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_elf_get_symbol_offset(
    _fd: c_int,
    _symbol: *mut c_char,
    _offset: *mut u64,
) -> c_int {
    -1
}

/// Offsets of an SDT probe in the ELF file `fd`. Not implemented yet: -1.
///
/// # Safety
/// Arguments are not dereferenced.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_elf_get_sdt_probe_offsets(
    _fd: c_int,
    _provider_name: *const c_char,
    _probe_name: *const c_char,
    _offsets: *mut *mut u64,
    _nb_probes: *mut u32,
) -> c_int {
    -1
}

/// A pointer exported as data for C (`struct lttng_endpoint *`).
#[repr(transparent)]
pub struct EndpointRef(*const lttng_endpoint);

// SAFETY: the pointer targets an immutable, zero-sized static and is never written.
unsafe impl Sync for EndpointRef {}

/// The object behind the endpoint pointers (only its address matters).
static COMMAND_ENDPOINT: u8 = 1;
static NOTIFICATION_ENDPOINT: u8 = 2;

/// The session daemon's command endpoint (`struct lttng_endpoint *const`), which programs
/// pass to `lttng_error_query_execute`. Its address is what identifies it.
#[unsafe(no_mangle)]
pub static lttng_session_daemon_command_endpoint: EndpointRef =
    EndpointRef((&raw const COMMAND_ENDPOINT).cast());

/// The session daemon's notification endpoint (`struct lttng_endpoint *const`).
#[unsafe(no_mangle)]
pub static lttng_session_daemon_notification_endpoint: EndpointRef =
    EndpointRef((&raw const NOTIFICATION_ENDPOINT).cast());
