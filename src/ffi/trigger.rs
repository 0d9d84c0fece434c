//! Exports of `lttng/trigger/trigger.h` and `lttng/error-query.h`, and the ELF helpers
//! upstream exports for the userspace-probe code of its tools.
//!
//! Not implemented yet: trigger objects are built and read by upstream code compiled into
//! the calling program (the `lttng` CLI links it statically), so this library must learn
//! their exact in-memory layouts before it can register or list them. Until then these
//! answer LTTNG_ERR_NOT_SUPPORTED (negated where upstream returns an `int`), and the ELF
//! helpers report failure.

use std::ffi::{c_char, c_int};

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

/// Registers a trigger under `name`. Not implemented yet: LTTNG_ERR_NOT_SUPPORTED
/// (LTTNG_ERR_INVALID for NULL arguments). Nothing is sent.
///
/// # Safety
/// Arguments are not dereferenced.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_register_trigger_with_name(
    trigger: *mut lttng_trigger,
    name: *const c_char,
) -> lttng_error_code {
    if trigger.is_null() || name.is_null() {
        ErrorCode::Invalid as lttng_error_code
    } else {
        NOT_SUPPORTED
    }
}

/// Registers a trigger with a generated name. Not implemented yet: LTTNG_ERR_NOT_SUPPORTED.
///
/// # Safety
/// Arguments are not dereferenced.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_register_trigger_with_automatic_name(
    trigger: *mut lttng_trigger,
) -> lttng_error_code {
    if trigger.is_null() {
        ErrorCode::Invalid as lttng_error_code
    } else {
        NOT_SUPPORTED
    }
}

/// Unregisters a trigger. Not implemented yet: -LTTNG_ERR_NOT_SUPPORTED.
///
/// # Safety
/// Arguments are not dereferenced.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_unregister_trigger(trigger: *const lttng_trigger) -> c_int {
    if trigger.is_null() {
        -(ErrorCode::Invalid as c_int)
    } else {
        -(NOT_SUPPORTED as c_int)
    }
}

/// Lists the caller's triggers. Not implemented yet: LTTNG_ERR_NOT_SUPPORTED.
///
/// # Safety
/// Arguments are not dereferenced.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_list_triggers(
    triggers: *mut *mut lttng_triggers,
) -> lttng_error_code {
    if triggers.is_null() {
        ErrorCode::Invalid as lttng_error_code
    } else {
        NOT_SUPPORTED
    }
}

/// Runs an error query. Not implemented yet: LTTNG_ERR_NOT_SUPPORTED.
///
/// # Safety
/// Arguments are not dereferenced.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_error_query_execute(
    query: *const lttng_error_query,
    endpoint: *const lttng_endpoint,
    results: *mut *mut lttng_error_query_results,
) -> lttng_error_code {
    if query.is_null() || endpoint.is_null() || results.is_null() {
        ErrorCode::Invalid as lttng_error_code
    } else {
        NOT_SUPPORTED
    }
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
