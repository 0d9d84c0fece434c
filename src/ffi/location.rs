//! `struct lttng_trace_archive_location` (`lttng/location.h`): where a completed rotation's
//! or a destroyed session's archive is.
//!
//! The layout is upstream's, byte for byte: the `lttng` CLI links its own copy of the
//! location getters and reads the objects this library returns with them. Objects and
//! their strings are `calloc`'d; the rotation or destruction handle that owns one releases
//! it with [`release`].

use std::ffi::{c_char, c_int, c_long};

use crate::ffi::alloc::{calloc_array, free, strdup};
use crate::ffi::boundary::{Opaque, ffi_boundary, obj_ref, out, register, unregister};
use crate::model::location::{ArchiveLocation, LOCATION_LOCAL, LOCATION_RELAY};

pub use crate::ffi::status::{
    lttng_trace_archive_location_status, lttng_trace_archive_location_type,
};

/// `enum lttng_trace_archive_location_relay_protocol_type`.
pub type lttng_trace_archive_location_relay_protocol_type = c_int;

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

impl Opaque for lttng_trace_archive_location {}

/// A new object for `location` (reference count 1, registered), or NULL when memory runs
/// out.
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
    register(obj.cast_const());
    if incomplete {
        // SAFETY: just created above, not shared yet.
        unsafe { release(obj) };
        return std::ptr::null_mut();
    }
    obj
}

/// Drops a reference; the last one unregisters and frees the object and its strings (NULL,
/// or a pointer that is not a live location, is ignored).
///
/// # Safety
/// `location` is NULL or came from [`create`] and still holds the reference released here.
pub unsafe fn release(location: *mut lttng_trace_archive_location) {
    if !crate::ffi::boundary::is_live(location.cast_const()) {
        return;
    }
    // SAFETY: a live object of this module, by contract.
    let obj = unsafe { &mut *location };
    obj.refcount -= 1;
    if obj.refcount > 0 {
        return;
    }
    unregister(location.cast_const());
    // SAFETY: the strings and the object were calloc'd by `create`, freed once here.
    unsafe {
        free(obj.path);
        free(obj.relative_path);
        free(location);
    }
}

/// The location's type (`LTTNG_TRACE_ARCHIVE_LOCATION_TYPE_UNKNOWN` for NULL or a pointer
/// that is not a live location of this library).
///
/// # Safety
/// `location` is NULL or a location returned by this library, still owned by its handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_trace_archive_location_get_type(
    location: *const lttng_trace_archive_location,
) -> lttng_trace_archive_location_type {
    ffi_boundary!({ lttng_trace_archive_location_type(obj_ref!(location).kind) })
}

/// The location when it has type `kind`.
fn of_kind(
    location: &lttng_trace_archive_location,
    kind: c_int,
) -> Option<&lttng_trace_archive_location> {
    (location.kind == kind).then_some(location)
}

/// The body of a getter of a location field: INVALID for a NULL or foreign location, a
/// location of another type, or a NULL out-parameter; the field is written only on success.
macro_rules! field_of {
    ($location:expr, $out:expr, $kind:expr, |$l:ident| $field:expr) => {{
        let Some($l) = of_kind(obj_ref!($location), $kind) else {
            return lttng_trace_archive_location_status::INVALID;
        };
        out!($out, $field);
        lttng_trace_archive_location_status::OK
    }};
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
    ffi_boundary!({
        field_of!(location, absolute_path, LOCATION_LOCAL, |l| l
            .path
            .cast_const())
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
    ffi_boundary!({
        field_of!(location, relay_host, LOCATION_RELAY, |l| l
            .path
            .cast_const())
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
    ffi_boundary!({ field_of!(location, control_port, LOCATION_RELAY, |l| l.control_port) })
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
    ffi_boundary!({ field_of!(location, data_port, LOCATION_RELAY, |l| l.data_port) })
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
    ffi_boundary!({ field_of!(location, protocol, LOCATION_RELAY, |l| l.protocol) })
}

/// The archive's path relative to the relay daemon's output directory. The string
/// belongs to the location.
///
/// # Safety
/// `location` is NULL or a live location; `relative_path` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_trace_archive_location_relay_get_relative_path(
    location: *const lttng_trace_archive_location,
    relative_path: *mut *const c_char,
) -> lttng_trace_archive_location_status {
    ffi_boundary!({
        field_of!(location, relative_path, LOCATION_RELAY, |l| l
            .relative_path
            .cast_const())
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
