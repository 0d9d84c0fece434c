//! Exports of `lttng/session.h` and `lttng/handle.h`.

use std::ffi::{c_char, c_int, c_uint};

use crate::client;
use crate::client::SESSION_EXTENDED_LEN;
use crate::ffi::alloc::{calloc_bytes, free};
use crate::ffi::boundary::{
    OnBadArg, Opaque, arg_ref, arg_str, ffi_boundary, opt_arg_str, out_arg, register, unregister,
    write_fixed,
};
use crate::ffi::convert::{domain_from_c, domain_to_c, session_to_c};
use crate::ffi::lttng::{rc, report_error};
use crate::ffi::types::{lttng_domain, lttng_error_code, lttng_handle, lttng_session};
use crate::model::error::ErrorCode;
use crate::model::session::session_name_fits;

/// Creates a regular session. `url` NULL: no output; an absolute path or `file://` URL: a
/// local output; `net://` (or `net6://`): a network output to a relay daemon.
/// 0 or a negative LTTng code.
///
/// # Safety
/// `name` and `url` are C strings or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_create_session(name: *const c_char, url: *const c_char) -> c_int {
    ffi_boundary!({
        rc(client::create_session(
            arg_str!(name),
            opt_arg_str!(url),
            Some(report_error),
        ))
    })
}

/// Creates a snapshot session, with `snapshot_url` as its default snapshot output (or none).
///
/// # Safety
/// `name` and `snapshot_url` are C strings or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_create_session_snapshot(
    name: *const c_char,
    snapshot_url: *const c_char,
) -> c_int {
    ffi_boundary!({
        rc(client::create_session_snapshot(
            arg_str!(name),
            opt_arg_str!(snapshot_url),
            Some(report_error),
        ))
    })
}

/// Creates a live session streaming to `url` (a `net://` URL, or NULL for no output) with a
/// live timer of `timer_interval` µs (must not be 0).
///
/// # Safety
/// `name` and `url` are C strings or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_create_session_live(
    name: *const c_char,
    url: *const c_char,
    timer_interval: c_uint,
) -> c_int {
    ffi_boundary!({
        rc(client::create_session_live(
            arg_str!(name),
            opt_arg_str!(url),
            timer_interval,
            Some(report_error),
        ))
    })
}

/// Stops the session (if started), waits for its data, destroys it and waits until the
/// daemon has released it. 0 or a negative LTTng code.
///
/// # Safety
/// `name` is a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_destroy_session(name: *const c_char) -> c_int {
    ffi_boundary!({
        match arg_str!(name) {
            n if session_name_fits(n) => rc(client::destroy_session(n)),
            _ => OnBadArg::on_bad_arg(),
        }
    })
}

/// Asks the daemon to destroy the session and returns at once, without its answer (so 0
/// even for a session that does not exist, as the real library).
///
/// # Safety
/// `name` is a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_destroy_session_no_wait(name: *const c_char) -> c_int {
    ffi_boundary!({
        match arg_str!(name) {
            n if session_name_fits(n) => rc(client::destroy_session_no_wait(n)),
            _ => OnBadArg::on_bad_arg(),
        }
    })
}

/// Lists the caller's sessions. On success stores a `malloc`'d array in `*sessions` and
/// returns its length (0 with `*sessions` NULL when there is none); the caller releases the
/// array with one `free()`. The creation-time records live in the same block.
/// -LTTNG_ERR_INVALID for NULL (where the real library crashes).
///
/// # Safety
/// `sessions` is a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_list_sessions(sessions: *mut *mut lttng_session) -> c_int {
    ffi_boundary!({
        let out = out_arg!(sessions);
        let filled = client::with_session_records(|list| {
            let n = list.len();
            if n == 0 {
                return Ok((std::ptr::null_mut(), 0));
            }
            let struct_len = n * size_of::<lttng_session>();
            let block = calloc_bytes(struct_len + n * SESSION_EXTENDED_LEN);
            if block.is_null() {
                return Err(-(ErrorCode::Nomem as c_int));
            }
            for (i, s) in list.iter().enumerate() {
                // SAFETY: the block holds n zeroed sessions (calloc'd, suitably aligned)
                // followed by n 9-byte records; index i < n stays inside.
                unsafe {
                    let out = &mut *block.cast::<lttng_session>().add(i);
                    session_to_c(s, out);
                    let ext = block.add(struct_len + i * SESSION_EXTENDED_LEN);
                    std::ptr::copy_nonoverlapping(
                        s.creation_time.unwrap_or(0).to_ne_bytes().as_ptr(),
                        ext,
                        8,
                    );
                    *ext.add(8) = u8::from(s.creation_time.is_some());
                    out.extended.ptr = ext.cast();
                }
            }
            Ok((block, n))
        });
        let (block, n) = match filled {
            Ok(Ok(done)) => done,
            Ok(Err(code)) => return code,
            Err(e) => return e.api_value(),
        };
        out.write(block.cast());
        n as c_int
    })
}

/// Reads a listed session's creation time (Unix seconds) into `*creation_time`.
/// Returns LTTNG_OK (positive 10), LTTNG_ERR_INVALID for NULL arguments, or
/// LTTNG_ERR_SESSION_NOT_EXIST when the session carries no creation time.
///
/// # Safety
/// `session` is NULL or an element of an array from `lttng_list_sessions`;
/// `creation_time` is a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_session_get_creation_time(
    session: *const lttng_session,
    creation_time: *mut u64,
) -> lttng_error_code {
    ffi_boundary!({
        let session = arg_ref!(session);
        let out = out_arg!(creation_time);
        // SAFETY: the extended union of a session; both members are plain data, and the
        // pointer member is what lttng_list_sessions writes.
        let ext = unsafe { session.extended.ptr }.cast::<u8>();
        if ext.is_null() {
            return ErrorCode::SessionNotExist.into();
        }
        // SAFETY: a listed session's extended pointer targets its 9-byte record.
        let (value, is_set) = unsafe {
            let mut raw = [0u8; 8];
            std::ptr::copy_nonoverlapping(ext, raw.as_mut_ptr(), 8);
            (u64::from_ne_bytes(raw), *ext.add(8))
        };
        if is_set == 0 {
            return ErrorCode::SessionNotExist.into();
        }
        out.write(value);
        lttng_error_code::OK
    })
}

/// Creates a handle on `session_name` (NULL: empty name) in `domain` (NULL: all zero).
/// Returns NULL when the name is too long or memory runs out. Release with
/// `lttng_destroy_handle`.
///
/// # Safety
/// `session_name` is a C string or NULL; `domain` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_create_handle(
    session_name: *const c_char,
    domain: *mut lttng_domain,
) -> *mut lttng_handle {
    ffi_boundary!({
        let name = match opt_arg_str!(session_name) {
            None => "",
            Some(n) if session_name_fits(n) => n,
            Some(_) => return std::ptr::null_mut(),
        };
        let handle = calloc_bytes(size_of::<lttng_handle>()).cast::<lttng_handle>();
        if handle.is_null() {
            return handle;
        }
        // SAFETY: `handle` is a fresh zeroed allocation of the right size and alignment
        // (calloc), and all zero is a valid handle.
        let h = unsafe { &mut *handle };
        write_fixed(&mut h.session_name, name);
        if !domain.is_null() {
            domain_to_c(&domain_from_c(arg_ref!(domain)), &mut h.domain);
        }
        register(handle.cast_const());
        handle
    })
}

/// Releases a handle from `lttng_create_handle` (NULL, or a handle this library did not
/// create or already released, is ignored).
///
/// # Safety
/// `handle` is NULL or a handle from `lttng_create_handle` not yet destroyed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_destroy_handle(handle: *mut lttng_handle) {
    ffi_boundary!({
        if unregister(handle.cast_const()) {
            // SAFETY: calloc'd by lttng_create_handle and unregistered now: its only release.
            unsafe { free(handle) }
        }
    })
}

/// Handles from `lttng_create_handle` are registered so that `lttng_destroy_handle` frees
/// only those; the other functions take any `struct lttng_handle`, as upstream.
impl Opaque for lttng_handle {}
