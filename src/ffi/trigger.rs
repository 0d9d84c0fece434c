//! Exports of `lttng/trigger/trigger.h` and `lttng/error-query.h`, and the ELF helpers
//! upstream exports for the userspace-probe code of its tools.
//!
//! Trigger objects are built and read by upstream's code compiled into the calling program
//! (the `lttng` CLI links it statically and exports it); `trigger_host` reaches it. Without
//! it these answer LTTNG_ERR_NOT_SUPPORTED (negated where upstream returns an `int`). The
//! ELF helpers report failure (the CLI imports but never calls them).

use std::ffi::{CString, c_char, c_int};

use crate::client::trigger;
use crate::ffi::action::lttng_action;
use crate::ffi::boundary::{OnBadArg, ffi_boundary, opt_arg_str, out_arg};
use crate::ffi::condition::lttng_condition;
use crate::ffi::object::{Shared, c_object};
use crate::ffi::trigger_host::{self as host, HostTrigger};
use crate::ffi::types::lttng_error_code;
use crate::model::error::ErrorCode;
use crate::model::trigger::Trigger;

/// A trigger's data: its condition and action (shared with the caller, as upstream), name
/// and owner.
#[derive(Debug)]
pub struct TriggerData {
    /// Name (`None` until set or registered).
    pub name: Option<CString>,
    /// Owner uid (`None`: unset, the caller's effective uid at registration).
    pub owner: Option<u32>,
    /// Hidden from listings (session daemon internal).
    pub hidden: bool,
    /// The condition.
    pub condition: Shared<lttng_condition>,
    /// The action.
    pub action: Shared<lttng_action>,
}

c_object!(
    /// `struct lttng_trigger` (opaque). A pointer that is not one of this library's triggers
    /// may be one of the calling program's own copy of upstream's code (`trigger_host`).
    lttng_trigger => TriggerData
);

/// A new trigger node from a model value (a listed or notified trigger).
pub fn trigger_from_model(trigger: &Trigger) -> Shared<lttng_trigger> {
    todo!("helper C: {trigger:?}")
}

/// The model value of a trigger node; `None` while its condition or action is invalid.
pub fn trigger_to_model(trigger: &Shared<lttng_trigger>) -> Option<Trigger> {
    todo!("helper C: {trigger:?}")
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

const NOT_SUPPORTED: lttng_error_code = lttng_error_code(ErrorCode::NotSupported as c_int);

fn code(c: ErrorCode) -> c_int {
    c as c_int
}

fn euid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

/// The calling program's trigger behind an argument: `Err` with the negative code for NULL
/// or when the program carries no upstream trigger code.
///
/// # Safety
/// `trigger` is NULL or a live trigger of the calling program (the exports' contract).
unsafe fn host_trigger(trigger: *const lttng_trigger) -> Result<HostTrigger, c_int> {
    if trigger.is_null() {
        return Err(-code(ErrorCode::Invalid));
    }
    if !host::available() {
        return Err(-code(ErrorCode::NotSupported));
    }
    // SAFETY: this function's contract, and the program's trigger code is there.
    Ok(unsafe { HostTrigger::new(trigger.cast_mut().cast()) })
}

/// Upstream's registration, returning 0 or a negative code.
fn register(t: HostTrigger, name: Option<&str>, generate_name: bool) -> c_int {
    if t.name().is_some() {
        // Already registered.
        return -code(ErrorCode::Invalid);
    }
    if let Some(n) = name {
        if t.set_name(Some(n)).is_err() {
            return -code(ErrorCode::Nomem);
        }
    }
    let ret = match register_named(t, name.is_none() && !generate_name) {
        Ok(reply_name) if name.is_some() || generate_name => {
            return match t.set_name(reply_name.as_deref()) {
                Ok(()) => 0,
                Err(_) => -code(ErrorCode::Nomem),
            };
        }
        Ok(_) => return 0,
        Err(e) => e,
    };
    match t.set_name(None) {
        Ok(()) => ret,
        Err(_) => -code(ErrorCode::Unk),
    }
}

/// The owner check, validation, serialization and exchange of a registration; the name the
/// daemon answered, or the negative code.
fn register_named(t: HostTrigger, anonymous: bool) -> Result<Option<String>, c_int> {
    let me = euid();
    match t.uid() {
        None => t.set_uid(me),
        Some(uid) if uid != me && me != 0 => return Err(-code(ErrorCode::Eperm)),
        Some(_) => {}
    }
    if !t.validates() {
        return Err(-code(ErrorCode::InvalidTrigger));
    }
    let uid = t.uid().unwrap_or(me);
    let s = t
        .serialize(uid, t.hidden())
        .map_err(|_| -code(ErrorCode::Unk))?;
    trigger::register(&s, t.domain(), anonymous).map_err(|e| e.api_value())
}

/// The registrations' common part: LTTNG_OK or the error code (positive).
///
/// # Safety
/// `trigger` is NULL or a live trigger of the calling program.
unsafe fn register_export(
    trigger: *mut lttng_trigger,
    name: Option<&str>,
    generate_name: bool,
) -> lttng_error_code {
    // SAFETY: this function's contract.
    match unsafe { host_trigger(trigger) }.map(|t| register(t, name, generate_name)) {
        Ok(0) => lttng_error_code::OK,
        Ok(r) | Err(r) => lttng_error_code(-r),
    }
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
    ffi_boundary!({
        let name = opt_arg_str!(name);
        // SAFETY: the export's contract: NULL or a live trigger of the calling program.
        unsafe { register_export(trigger, name, false) }
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
    ffi_boundary!({
        // SAFETY: the export's contract: NULL or a live trigger of the calling program.
        unsafe { register_export(trigger, None, true) }
    })
}

/// Unregisters a trigger (matched by the daemon on its name and owner). 0 or a negative
/// code. The trigger stays the caller's.
///
/// # Safety
/// `trigger` is NULL or a live trigger of the calling program.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_unregister_trigger(trigger: *const lttng_trigger) -> c_int {
    ffi_boundary!({
        // SAFETY: the export's contract: NULL or a live trigger of the calling program.
        let t = match unsafe { host_trigger(trigger) } {
            Ok(t) => t,
            Err(r) => return r,
        };
        let me = euid();
        let uid = match t.uid() {
            None => me,
            Some(uid) if uid != me && me != 0 => return -code(ErrorCode::Eperm),
            Some(uid) => uid,
        };
        if !t.validates() {
            return -code(ErrorCode::InvalidTrigger);
        }
        // Upstream sends a copy, which is never hidden.
        let s = match t.serialize(uid, false) {
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
    ffi_boundary!({
        let out = out_arg!(triggers);
        if !host::available() {
            return NOT_SUPPORTED;
        }
        let list = match trigger::list() {
            Ok(l) => l,
            Err(e) => return lttng_error_code::of(e),
        };
        match host::build_triggers(&list) {
            Ok(set) => {
                out.write(set.cast());
                lttng_error_code::OK
            }
            Err(_) => lttng_error_code::from(ErrorCode::Fatal),
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
    ffi_boundary!({
        if query.is_null() {
            return OnBadArg::on_bad_arg();
        }
        let out = out_arg!(results);
        if endpoint != (&raw const COMMAND_ENDPOINT).cast() {
            return lttng_error_code::from(ErrorCode::InvalidErrorQueryTarget);
        }
        if !host::available() {
            return NOT_SUPPORTED;
        }
        // SAFETY: the export's contract: a live error query of the calling program, whose
        // trigger code `host::available()` found.
        let (target, t, path) = unsafe { host::query_parts(query.cast()) };
        if t.is_null() {
            return ErrorCode::Unk.into();
        }
        // SAFETY: a live query holds a live trigger of the program.
        let t = unsafe { HostTrigger::new(t.cast_mut()) };
        let Some(uid) = t.uid().filter(|_| t.validates()) else {
            return ErrorCode::Unk.into();
        };
        let s = match t.serialize(uid, t.hidden()) {
            Ok(s) => s,
            Err(_) => return lttng_error_code::from(ErrorCode::Unk),
        };
        let list = match trigger::error_query(target as i8, &s, path.as_deref()) {
            Ok(l) => l,
            Err(e) => return lttng_error_code::of(e),
        };
        match host::build_results(&list) {
            Ok(r) => {
                out.write(r.cast());
                lttng_error_code::from(ErrorCode::Ok)
            }
            Err(_) => lttng_error_code::from(ErrorCode::Nomem),
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
    ffi_boundary!(panic = -1, { -1 })
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
    ffi_boundary!(panic = -1, { -1 })
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
