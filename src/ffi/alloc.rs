//! Memory handed to C: allocated with libc's `calloc`, so the caller's `free()` releases it.

use std::ffi::c_char;

/// Allocates `size` zeroed bytes with `calloc` (at least one byte, so the result is never
/// NULL merely because `size` is 0). NULL on allocation failure.
pub fn calloc_bytes(size: usize) -> *mut u8 {
    // SAFETY: calloc has no preconditions; a NULL result is handled by the callers.
    unsafe { libc::calloc(1, size.max(1)).cast() }
}

/// Allocates an array of `n` zeroed `T` with `calloc`, or NULL.
pub fn calloc_array<T>(n: usize) -> *mut T {
    match n.checked_mul(std::mem::size_of::<T>()) {
        Some(size) => calloc_bytes(size).cast(),
        None => std::ptr::null_mut(),
    }
}

/// A `calloc`'d copy of `s` with its terminator, or NULL.
pub fn strdup(s: &str) -> *mut c_char {
    let p = calloc_bytes(s.len() + 1);
    if !p.is_null() {
        // SAFETY: `p` has room for s.len() + 1 bytes and does not overlap `s`.
        unsafe { std::ptr::copy_nonoverlapping(s.as_ptr(), p, s.len()) };
    }
    p.cast()
}

/// Releases memory from the functions above (NULL is fine).
///
/// # Safety
/// `p` is NULL or came from this module and was not freed yet.
pub unsafe fn free<T>(p: *mut T) {
    // SAFETY: the caller's contract (NULL or a live allocation of this module, which are
    // all malloc/calloc'd); libc::free accepts NULL.
    unsafe { libc::free(p.cast()) }
}
