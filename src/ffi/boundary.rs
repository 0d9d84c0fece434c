//! The panic boundary and the helpers that turn C arguments into Rust values.
//!
//! Every export runs its body inside `ffi_boundary!`: a panic (always a bug) is caught,
//! reported once on stderr and turned into the export's fallback value. Raw pointers become
//! references only here.

use std::ffi::{CStr, c_char};
use std::sync::atomic::{AtomicBool, Ordering};

/// Runs `$body` and returns its value; a panic returns `$fallback` instead.
macro_rules! ffi_boundary {
    ($fallback:expr, $body:block) => {{
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| $body)) {
            Ok(value) => value,
            Err(_) => {
                $crate::ffi::boundary::report_panic();
                $fallback
            }
        }
    }};
}
pub(crate) use ffi_boundary;

static PANIC_REPORTED: AtomicBool = AtomicBool::new(false);

/// Reports a caught panic once per process.
pub fn report_panic() {
    if !PANIC_REPORTED.swap(true, Ordering::Relaxed) {
        eprintln!("lttng-ctl (Rust): internal error caught at the C boundary; please report it");
    }
}

/// A C string argument: `None` for NULL, `Some(Err(BadArg))` when it is not UTF-8.
///
/// # Safety
/// `ptr` is a C string or NULL.
pub unsafe fn opt_str<'a>(ptr: *const c_char) -> Option<Result<&'a str, BadArg>> {
    if ptr.is_null() {
        return None;
    }
    // SAFETY: non-NULL, and the caller guarantees a NUL-terminated string.
    let s = unsafe { CStr::from_ptr(ptr) };
    Some(s.to_str().map_err(|_| BadArg))
}

/// A required C string argument: `Err` for NULL or non-UTF-8.
///
/// # Safety
/// `ptr` is a C string or NULL.
pub unsafe fn req_str<'a>(ptr: *const c_char) -> Result<&'a str, BadArg> {
    // SAFETY: forwarded contract.
    unsafe { opt_str(ptr) }.unwrap_or(Err(BadArg))
}

/// The string in a fixed C array: `Err` when no NUL terminates it inside the array.
pub fn fixed_str(array: &[c_char]) -> Result<&str, BadArg> {
    let bytes = as_bytes(array);
    let end = bytes.iter().position(|&b| b == 0).ok_or(BadArg)?;
    std::str::from_utf8(&bytes[..end]).map_err(|_| BadArg)
}

/// A `c_char` array seen as bytes.
pub fn as_bytes(array: &[c_char]) -> &[u8] {
    // SAFETY: c_char and u8 have the same size and alignment, and every bit pattern is valid
    // for both; the slice covers the same memory.
    unsafe { std::slice::from_raw_parts(array.as_ptr().cast::<u8>(), array.len()) }
}

/// Copies `s` into a fixed C array, NUL-padded, truncated to leave the terminator.
pub fn write_fixed(array: &mut [c_char], s: &str) {
    let n = fill_zeroed_fixed(array, s.as_bytes());
    for dst in array[n..].iter_mut() {
        *dst = 0;
    }
}

/// Copies `bytes` into a fixed C array that is already all zero (freshly `calloc`'d),
/// truncated to leave the terminator; the rest of the array is left as it is. Returns how
/// many bytes it copied.
pub fn fill_zeroed_fixed(array: &mut [c_char], bytes: &[u8]) -> usize {
    let n = bytes.len().min(array.len().saturating_sub(1));
    for (dst, src) in array.iter_mut().zip(bytes[..n].iter()) {
        *dst = *src as c_char;
    }
    n
}

/// A C argument that cannot be used (NULL where required, unterminated, not UTF-8, out of
/// range); exports turn it into their "invalid argument" code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadArg;
