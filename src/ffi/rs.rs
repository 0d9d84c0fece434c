//! This library's own symbols (`lttng_rs_` prefix): identification for tests and tools.

use std::ffi::c_char;

use crate::ffi::boundary::ffi_boundary;

/// The version of this library: upstream's API version first, ours as a suffix
/// (`2.13.9-lttng-ctl-rs-<version>`). Static; do not free. Its presence tells a program that
/// the loaded liblttng-ctl is this one.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_rs_version() -> *const c_char {
    const VERSION: &str = concat!("2.13.9-lttng-ctl-rs-", env!("CARGO_PKG_VERSION"), "\0");
    ffi_boundary!({ VERSION.as_ptr().cast() })
}
