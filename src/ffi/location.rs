//! `struct lttng_trace_archive_location` (`lttng/location.h`): where a completed rotation's
//! or a destroyed session's archive is.
//!
//! The layout is upstream's, byte for byte: the `lttng` CLI links its own copy of the
//! location getters and reads the objects this library returns with them. Objects and
//! their strings are `calloc`'d; the rotation or destruction handle that owns one releases
//! it with [`release`].

use std::ffi::{c_char, c_int, c_long};

use crate::ffi::alloc::{calloc_array, free, strdup};
use crate::ffi::boundary::ffi_boundary;
use crate::model::location::{ArchiveLocation, LOCATION_LOCAL, LOCATION_RELAY};

/// `enum lttng_trace_archive_location_type`.
pub type lttng_trace_archive_location_type = c_int;
/// `enum lttng_trace_archive_location_status`.
pub type lttng_trace_archive_location_status = c_int;
/// `enum lttng_trace_archive_location_relay_protocol_type`.
pub type lttng_trace_archive_location_relay_protocol_type = c_int;

const S_OK: c_int = 0;
const S_INVALID: c_int = -1;

/// Upstream's layout (40 bytes on x86-64): a reference count, the type, then the local
/// path, or the relay's host, protocol, ports and relative path (`path` is the local path
/// or the host, as upstream's union places them).
#[repr(C)]
pub struct lttng_trace_archive_location {
    refcount: c_long,
    kind: c_int,
    path: *mut c_char,
    protocol: c_int,
    control_port: u16,
    data_port: u16,
    relative_path: *mut c_char,
}

/// A new object for `location` (reference count 1), or NULL when memory runs out.
pub fn create(location: &ArchiveLocation) -> *mut lttng_trace_archive_location {
    let obj = calloc_array::<lttng_trace_archive_location>(1);
    if obj.is_null() {
        return obj;
    }
    let value = match location {
        ArchiveLocation::Local { absolute_path } => lttng_trace_archive_location {
            refcount: 1,
            kind: LOCATION_LOCAL,
            path: strdup(absolute_path),
            protocol: 0,
            control_port: 0,
            data_port: 0,
            relative_path: std::ptr::null_mut(),
        },
        ArchiveLocation::Relay {
            host,
            protocol,
            control_port,
            data_port,
            relative_path,
        } => lttng_trace_archive_location {
            refcount: 1,
            kind: LOCATION_RELAY,
            path: strdup(host),
            protocol: *protocol,
            control_port: *control_port,
            data_port: *data_port,
            relative_path: strdup(relative_path),
        },
    };
    let incomplete =
        value.path.is_null() || (value.kind == LOCATION_RELAY && value.relative_path.is_null());
    // SAFETY: `obj` is a fresh, suitably aligned allocation for one location.
    unsafe { obj.write(value) };
    if incomplete {
        // SAFETY: just created above, not shared yet.
        unsafe { release(obj) };
        return std::ptr::null_mut();
    }
    obj
}

/// Drops a reference; the last one frees the object and its strings (NULL is fine).
///
/// # Safety
/// `location` is NULL or came from [`create`] and still holds the reference released here.
pub unsafe fn release(location: *mut lttng_trace_archive_location) {
    if location.is_null() {
        return;
    }
    // SAFETY: a live object of this module, by contract.
    let obj = unsafe { &mut *location };
    obj.refcount -= 1;
    if obj.refcount > 0 {
        return;
    }
    // SAFETY: the strings and the object were calloc'd by `create`, freed once here.
    unsafe {
        free(obj.path);
        free(obj.relative_path);
        free(location);
    }
}

/// The location's type (`LTTNG_TRACE_ARCHIVE_LOCATION_TYPE_UNKNOWN` for NULL).
///
/// # Safety
/// `location` is NULL or a location returned by this library, still owned by its handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_trace_archive_location_get_type(
    location: *const lttng_trace_archive_location,
) -> lttng_trace_archive_location_type {
    ffi_boundary!(0, {
        if location.is_null() {
            return 0;
        }
        // SAFETY: a live location, by contract.
        unsafe { (*location).kind }
    })
}

/// Reads one field of a location of type `kind`; INVALID for NULL arguments or another type.
///
/// # Safety
/// `location` is NULL or a live location; `out` NULL or valid for writes.
unsafe fn get<T>(
    location: *const lttng_trace_archive_location,
    out: *mut T,
    kind: c_int,
    field: impl FnOnce(&lttng_trace_archive_location) -> T,
) -> lttng_trace_archive_location_status {
    if location.is_null() || out.is_null() {
        return S_INVALID;
    }
    // SAFETY: a live location, by contract.
    let obj = unsafe { &*location };
    if obj.kind != kind {
        return S_INVALID;
    }
    // SAFETY: non-NULL out-parameter, valid by contract.
    unsafe { out.write(field(obj)) };
    S_OK
}

/// The absolute path of a local archive. The string belongs to the location.
///
/// # Safety
/// `location` is NULL or a live location; `absolute_path` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_trace_archive_location_local_get_absolute_path(
    location: *const lttng_trace_archive_location,
    absolute_path: *mut *const c_char,
) -> lttng_trace_archive_location_status {
    ffi_boundary!(S_INVALID, {
        // SAFETY: forwarded contract.
        unsafe {
            get(location, absolute_path, LOCATION_LOCAL, |l| {
                l.path.cast_const()
            })
        }
    })
}

/// The relay daemon's host of a relay archive. The string belongs to the location.
///
/// # Safety
/// `location` is NULL or a live location; `relay_host` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_trace_archive_location_relay_get_host(
    location: *const lttng_trace_archive_location,
    relay_host: *mut *const c_char,
) -> lttng_trace_archive_location_status {
    ffi_boundary!(S_INVALID, {
        // SAFETY: forwarded contract.
        unsafe {
            get(location, relay_host, LOCATION_RELAY, |l| {
                l.path.cast_const()
            })
        }
    })
}

/// The relay daemon's control port of a relay archive.
///
/// # Safety
/// `location` is NULL or a live location; `control_port` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_trace_archive_location_relay_get_control_port(
    location: *const lttng_trace_archive_location,
    control_port: *mut u16,
) -> lttng_trace_archive_location_status {
    ffi_boundary!(S_INVALID, {
        // SAFETY: forwarded contract.
        unsafe { get(location, control_port, LOCATION_RELAY, |l| l.control_port) }
    })
}

/// The relay daemon's data port of a relay archive.
///
/// # Safety
/// `location` is NULL or a live location; `data_port` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_trace_archive_location_relay_get_data_port(
    location: *const lttng_trace_archive_location,
    data_port: *mut u16,
) -> lttng_trace_archive_location_status {
    ffi_boundary!(S_INVALID, {
        // SAFETY: forwarded contract.
        unsafe { get(location, data_port, LOCATION_RELAY, |l| l.data_port) }
    })
}

/// The protocol to the relay daemon of a relay archive (TCP).
///
/// # Safety
/// `location` is NULL or a live location; `protocol` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_trace_archive_location_relay_get_protocol_type(
    location: *const lttng_trace_archive_location,
    protocol: *mut lttng_trace_archive_location_relay_protocol_type,
) -> lttng_trace_archive_location_status {
    ffi_boundary!(S_INVALID, {
        // SAFETY: forwarded contract.
        unsafe { get(location, protocol, LOCATION_RELAY, |l| l.protocol) }
    })
}

/// The archive's path relative to the relay daemon's output directory. The string belongs
/// to the location.
///
/// # Safety
/// `location` is NULL or a live location; `relative_path` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_trace_archive_location_relay_get_relative_path(
    location: *const lttng_trace_archive_location,
    relative_path: *mut *const c_char,
) -> lttng_trace_archive_location_status {
    ffi_boundary!(S_INVALID, {
        // SAFETY: forwarded contract.
        unsafe {
            get(location, relative_path, LOCATION_RELAY, |l| {
                l.relative_path.cast_const()
            })
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_is_upstreams() {
        assert_eq!(std::mem::size_of::<lttng_trace_archive_location>(), 40);
        assert_eq!(std::mem::offset_of!(lttng_trace_archive_location, kind), 8);
        assert_eq!(std::mem::offset_of!(lttng_trace_archive_location, path), 16);
        assert_eq!(
            std::mem::offset_of!(lttng_trace_archive_location, protocol),
            24
        );
        assert_eq!(
            std::mem::offset_of!(lttng_trace_archive_location, control_port),
            28
        );
        assert_eq!(
            std::mem::offset_of!(lttng_trace_archive_location, data_port),
            30
        );
        assert_eq!(
            std::mem::offset_of!(lttng_trace_archive_location, relative_path),
            32
        );
    }
}
