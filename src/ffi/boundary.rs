//! The C layer's kit. Every export goes through it:
//!
//! * [`ffi_boundary!`] runs the body and turns a panic (always a bug) into the fallback its
//!   return type names ([`OnPanic`]): -LTTNG_ERR_UNK for an `int`, NULL for a pointer,
//!   LTTNG_ERR_UNK for an `enum lttng_error_code`, the `ERROR` member of a status enum. It
//!   reports the panic once on stderr.
//! * [`arg_ref!`], [`arg_mut!`], [`arg_str!`], [`opt_arg_str!`], [`out!`] turn C pointers
//!   into references and strings, and return the export's bad-argument value
//!   ([`OnBadArg`]: -LTTNG_ERR_INVALID, NULL, LTTNG_ERR_INVALID or the status enum's
//!   `INVALID`) for NULL or a string that is not UTF-8.
//! * Opaque objects ([`Opaque`]) are registered under their Rust type from [`into_c`] to
//!   [`free_c`]; [`obj_ref!`] and [`obj_mut!`] refuse a pointer that is not a live object of
//!   the expected type (NULL, freed, another type, or not ours) without reading it.
//!
//! Raw pointers become references only here. The macros' dereferences rely on the export's
//! `# Safety` contract (the crate documentation's vocabulary: a pointer argument is NULL or
//! valid for the call); the kit checks what can be checked.

use std::any::TypeId;
use std::ffi::{CStr, c_char, c_int};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

use crate::model::error::ErrorCode;

/// The value an export returns when its body panicked.
pub trait OnPanic {
    /// The fallback.
    fn on_panic() -> Self;
}

/// The value an export returns for a NULL or unusable argument.
pub trait OnBadArg {
    /// The refusal.
    fn on_bad_arg() -> Self;
}

impl OnPanic for c_int {
    fn on_panic() -> c_int {
        -(ErrorCode::Unk as c_int)
    }
}

impl OnBadArg for c_int {
    fn on_bad_arg() -> c_int {
        -(ErrorCode::Invalid as c_int)
    }
}

impl<T> OnPanic for *mut T {
    fn on_panic() -> *mut T {
        std::ptr::null_mut()
    }
}

impl<T> OnBadArg for *mut T {
    fn on_bad_arg() -> *mut T {
        std::ptr::null_mut()
    }
}

impl<T> OnPanic for *const T {
    fn on_panic() -> *const T {
        std::ptr::null()
    }
}

impl<T> OnBadArg for *const T {
    fn on_bad_arg() -> *const T {
        std::ptr::null()
    }
}

/// Getters that return a plain number or flag answer 0 (false) for a bad argument and on a
/// bug, as upstream's do for NULL where they do not crash.
macro_rules! zero_fallback {
    ($($t:ty),*) => {$(
        impl OnPanic for $t {
            fn on_panic() -> $t {
                <$t>::default()
            }
        }
        impl OnBadArg for $t {
            fn on_bad_arg() -> $t {
                <$t>::default()
            }
        }
    )*};
}
zero_fallback!((), bool, u32, u64);

/// Declares the Rust type of a C enum that exports return: `#[repr(transparent)]` over
/// `int` (the same ABI as the C enum), its members as constants, and the members its
/// fallbacks use.
macro_rules! c_status {
    (
        $(#[$meta:meta])*
        $name:ident { $($(#[$vmeta:meta])* $member:ident = $value:expr),+ $(,)? }
        on_panic = $panic:ident, on_bad_arg = $bad:ident
    ) => {
        $(#[$meta])*
        #[repr(transparent)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name(pub std::ffi::c_int);

        #[allow(missing_docs)]
        impl $name {
            $($(#[$vmeta])* pub const $member: $name = $name($value);)+
        }

        impl $crate::ffi::boundary::OnPanic for $name {
            fn on_panic() -> $name {
                $name::$panic
            }
        }

        impl $crate::ffi::boundary::OnBadArg for $name {
            fn on_bad_arg() -> $name {
                $name::$bad
            }
        }
    };
}
pub(crate) use c_status;

/// Runs an export's body and returns its value; a panic returns the fallback of the
/// export's return type ([`OnPanic`]), or `panic = VALUE` where upstream's convention for
/// that one function differs.
macro_rules! ffi_boundary {
    ($body:block) => {
        $crate::ffi::boundary::ffi_boundary!(
            panic = $crate::ffi::boundary::OnPanic::on_panic(),
            $body
        )
    };
    (panic = $fallback:expr, $body:block) => {{
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

/// `&T` from a pointer argument; NULL returns the export's bad-argument value.
macro_rules! arg_ref {
    ($ptr:expr) => {{
        let ptr = $ptr;
        if ptr.is_null() {
            return $crate::ffi::boundary::OnBadArg::on_bad_arg();
        }
        // SAFETY: non-NULL, and the export's contract makes a non-NULL pointer argument
        // valid for reads of its type for the duration of the call.
        unsafe { &*ptr }
    }};
}
pub(crate) use arg_ref;

/// `&mut T` from a pointer argument; NULL returns the export's bad-argument value.
macro_rules! arg_mut {
    ($ptr:expr) => {{
        let ptr = $ptr;
        if ptr.is_null() {
            return $crate::ffi::boundary::OnBadArg::on_bad_arg();
        }
        // SAFETY: non-NULL, and the export's contract makes a non-NULL pointer argument
        // valid for reads and writes of its type, not aliased, for the duration of the call.
        unsafe { &mut *ptr }
    }};
}
pub(crate) use arg_mut;

/// Writes `value` through an out-parameter; NULL returns the export's bad-argument value.
macro_rules! out {
    ($ptr:expr, $value:expr) => {{
        let out = $crate::ffi::boundary::out_arg!($ptr);
        out.write($value)
    }};
}
pub(crate) use out;

/// A checked out-parameter: non-NULL, written at most once, when the export succeeds.
pub struct Out<T>(*mut T);

impl<T> Out<T> {
    /// # Safety
    /// `ptr` is non-NULL and valid for writes of `T` for the rest of the export's call (the
    /// export's contract for a non-NULL out-parameter); only [`out_arg!`] calls this.
    pub unsafe fn new_unchecked(ptr: *mut T) -> Out<T> {
        Out(ptr)
    }

    /// Stores the result.
    pub fn write(self, value: T) {
        // SAFETY: `new_unchecked`'s contract: non-NULL and valid for writes.
        unsafe { self.0.write(value) }
    }
}

/// Checks an out-parameter up front (NULL returns the export's bad-argument value) and
/// gives an [`Out`] to write the result through once it is known.
macro_rules! out_arg {
    ($ptr:expr) => {{
        let ptr = $ptr;
        if ptr.is_null() {
            return $crate::ffi::boundary::OnBadArg::on_bad_arg();
        }
        // SAFETY: non-NULL; the export's contract makes a non-NULL out-parameter valid for
        // writes for the duration of the call.
        unsafe { $crate::ffi::boundary::Out::new_unchecked(ptr) }
    }};
}
pub(crate) use out_arg;

/// A required string argument; NULL or a string that is not UTF-8 returns the export's
/// bad-argument value.
macro_rules! arg_str {
    ($ptr:expr) => {{
        // SAFETY: the export's contract makes a string argument NULL or a C string.
        match unsafe { $crate::ffi::boundary::req_str($ptr) } {
            Ok(s) => s,
            Err(_) => return $crate::ffi::boundary::OnBadArg::on_bad_arg(),
        }
    }};
}
pub(crate) use arg_str;

/// An optional string argument: `None` for NULL; a string that is not UTF-8 returns the
/// export's bad-argument value.
macro_rules! opt_arg_str {
    ($ptr:expr) => {{
        // SAFETY: the export's contract makes a string argument NULL or a C string.
        match unsafe { $crate::ffi::boundary::opt_str($ptr) } {
            None => None,
            Some(Ok(s)) => Some(s),
            Some(Err(_)) => return $crate::ffi::boundary::OnBadArg::on_bad_arg(),
        }
    }};
}
pub(crate) use opt_arg_str;

/// An optional string argument as bytes (any encoding): `None` for NULL.
macro_rules! opt_arg_bytes {
    ($ptr:expr) => {{
        let ptr: *const std::ffi::c_char = $ptr;
        if ptr.is_null() {
            None
        } else {
            // SAFETY: non-NULL; the export's contract makes a string argument a C string.
            Some(unsafe { std::ffi::CStr::from_ptr(ptr) }.to_bytes())
        }
    }};
}
pub(crate) use opt_arg_bytes;

/// The value of a conversion of C arguments (`Result<T, BadArg>`); a refusal returns the
/// export's bad-argument value.
macro_rules! try_arg {
    ($result:expr) => {
        match $result {
            Ok(value) => value,
            Err($crate::ffi::boundary::BadArg) => {
                return $crate::ffi::boundary::OnBadArg::on_bad_arg();
            }
        }
    };
}
pub(crate) use try_arg;

/// A Rust value handed to C behind an opaque pointer, registered while it lives.
pub trait Opaque: 'static {}

/// How a live object's memory is owned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    /// A `Box` from [`into_c`], released by [`free_c`].
    Boxed,
    /// Memory the library manages otherwise (`calloc`'d for upstream's layout, or an element
    /// of a registered array), registered with [`register`].
    Other,
    /// A reference-counted node of `ffi::object`, with the number of references the C side
    /// owns (from a constructor) and may give back (with its destructor).
    Shared(u32),
}

/// The live opaque objects: (address, type, owner), sorted by address. A program holds few
/// at a time; a sorted vector keeps the code small.
static LIVE: Mutex<Vec<(usize, TypeId, Owner)>> = Mutex::new(Vec::new());

fn live() -> std::sync::MutexGuard<'static, Vec<(usize, TypeId, Owner)>> {
    LIVE.lock().unwrap_or_else(PoisonError::into_inner)
}

// The registry's work is done by these non-generic functions, once, rather than inlined at
// every export for every type.

#[inline(never)]
fn insert_raw(addr: usize, kind: TypeId, owner: Owner) {
    let mut live = live();
    match live.binary_search_by_key(&addr, |e| e.0) {
        Ok(i) => live[i] = (addr, kind, owner),
        Err(i) => live.insert(i, (addr, kind, owner)),
    }
}

/// Removes `addr` when it is registered as `kind` owned by `owner` (any owner for `None`).
#[inline(never)]
fn remove_raw(addr: usize, kind: TypeId, owner: Option<Owner>) -> bool {
    let mut live = live();
    match live.binary_search_by_key(&addr, |e| e.0) {
        Ok(i) if live[i].1 == kind && owner.is_none_or(|w| w == live[i].2) => {
            live.remove(i);
            true
        }
        _ => false,
    }
}

#[inline(never)]
fn is_live_raw(addr: usize, kind: TypeId) -> bool {
    let live = live();
    addr != 0
        && live
            .binary_search_by_key(&addr, |e| e.0)
            .is_ok_and(|i| live[i].1 == kind)
}

fn insert<T: Opaque>(ptr: *const T, owner: Owner) {
    insert_raw(ptr as usize, TypeId::of::<T>(), owner);
}

fn remove<T: Opaque>(ptr: *const T, owner: Option<Owner>) -> bool {
    remove_raw(ptr as usize, TypeId::of::<T>(), owner)
}

/// Boxes `value`, registers it and returns the pointer C will hold; released with
/// [`free_c`].
pub fn into_c<T: Opaque>(value: T) -> *mut T {
    let ptr = Box::into_raw(Box::new(value));
    insert(ptr.cast_const(), Owner::Boxed);
    ptr
}

/// Registers `ptr` as a live `T` whose memory the library owns by other means (`calloc`'d
/// in upstream's layout, an element of a registered array); [`unregister`] it before that
/// memory goes.
pub fn register<T: Opaque>(ptr: *const T) {
    insert(ptr, Owner::Other);
}

/// Forgets `ptr` (see [`register`]); true when it was a live `T`.
pub fn unregister<T: Opaque>(ptr: *const T) -> bool {
    remove(ptr, None)
}

/// Registers a reference-counted node (`ffi::object`) that C does not own yet.
pub fn register_shared<T: Opaque>(ptr: *const T) {
    insert(ptr, Owner::Shared(0));
}

/// Adds (`delta` 1) or gives back (`delta` -1) one C-owned reference of a live node; false
/// when `ptr` is not a live node of type `T`, or C owns no reference to give back.
#[inline(never)]
fn c_refs_raw(addr: usize, kind: TypeId, delta: i32) -> bool {
    let mut live = live();
    let Ok(i) = live.binary_search_by_key(&addr, |e| e.0) else {
        return false;
    };
    match live[i] {
        (_, k, Owner::Shared(n)) if k == kind => {
            let Some(n) = n.checked_add_signed(delta) else {
                return false;
            };
            live[i].2 = Owner::Shared(n);
            true
        }
        _ => false,
    }
}

/// See [`c_refs_raw`].
pub fn c_refs<T: Opaque>(ptr: *const T, delta: i32) -> bool {
    c_refs_raw(ptr as usize, TypeId::of::<T>(), delta)
}

/// Runs `f` while the registry holds `ptr` as a live `T` (so that no destructor can
/// unregister it meanwhile); `None` when it is not one.
pub fn while_live<T: Opaque, R>(ptr: *const T, f: impl FnOnce() -> R) -> Option<R> {
    let live = live();
    let addr = ptr as usize;
    let ok = addr != 0
        && live
            .binary_search_by_key(&addr, |e| e.0)
            .is_ok_and(|i| live[i].1 == TypeId::of::<T>());
    ok.then(f)
}

/// True when `ptr` is a live `T` of this library.
pub fn is_live<T: Opaque>(ptr: *const T) -> bool {
    is_live_raw(ptr as usize, TypeId::of::<T>())
}

/// Releases an object from [`into_c`]: NULL, or a pointer that is not a live boxed `T`
/// (freed already, another type, registered otherwise, not ours), is ignored rather than
/// freed. Safe to call with any pointer: it is dereferenced only when the registry proves
/// it is a live `Box<T>` of this library.
#[allow(clippy::not_unsafe_ptr_arg_deref)]
pub fn free_c<T: Opaque>(ptr: *mut T) {
    if remove(ptr.cast_const(), Some(Owner::Boxed)) {
        // SAFETY: `ptr` was registered by `into_c` (Box::into_raw) and is unregistered now,
        // so this is its only release.
        drop(unsafe { Box::from_raw(ptr) });
    }
}

/// `&T` from an opaque object argument; a pointer that is not a live `T` returns the
/// export's bad-argument value.
macro_rules! obj_ref {
    ($ptr:expr) => {{
        let ptr = $ptr;
        if !$crate::ffi::boundary::is_live(ptr) {
            return $crate::ffi::boundary::OnBadArg::on_bad_arg();
        }
        // SAFETY: a live object of this type, registered by `into_c`; the export's contract
        // keeps it alive and unmodified by others for the duration of the call.
        unsafe { &*ptr }
    }};
}
pub(crate) use obj_ref;

/// `&mut T` from an opaque object argument; a pointer that is not a live `T` returns the
/// export's bad-argument value.
macro_rules! obj_mut {
    ($ptr:expr) => {{
        let ptr = $ptr;
        if !$crate::ffi::boundary::is_live(ptr) {
            return $crate::ffi::boundary::OnBadArg::on_bad_arg();
        }
        // SAFETY: a live object of this type, registered by `into_c`; the export's contract
        // gives the call exclusive use of it.
        unsafe { &mut *ptr }
    }};
}
pub(crate) use obj_mut;

/// An optional opaque object argument: `None` for NULL; a pointer that is not a live `T`
/// returns the export's bad-argument value.
macro_rules! opt_obj_ref {
    ($ptr:expr) => {{
        let ptr = $ptr;
        if ptr.is_null() {
            None
        } else {
            Some($crate::ffi::boundary::obj_ref!(ptr))
        }
    }};
}
pub(crate) use opt_obj_ref;

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
    // SAFETY: the same argument under the same contract.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ffi::rotation::lttng_rotation_status;
    use crate::ffi::types::lttng_error_code;

    struct A(#[allow(dead_code)] u32);
    struct B;
    impl Opaque for A {}
    impl Opaque for B {}

    #[test]
    fn fallbacks_follow_the_return_type() {
        assert_eq!(<c_int as OnPanic>::on_panic(), -(ErrorCode::Unk as c_int));
        assert_eq!(
            <c_int as OnBadArg>::on_bad_arg(),
            -(ErrorCode::Invalid as c_int)
        );
        assert!(<*mut u8 as OnPanic>::on_panic().is_null());
        assert!(<*const u8 as OnBadArg>::on_bad_arg().is_null());
        assert_eq!(lttng_error_code::on_panic(), lttng_error_code::UNK);
        assert_eq!(lttng_error_code::on_bad_arg(), lttng_error_code::INVALID);
        assert_eq!(
            lttng_rotation_status::on_panic(),
            lttng_rotation_status::ERROR
        );
        assert_eq!(
            lttng_rotation_status::on_bad_arg(),
            lttng_rotation_status::INVALID
        );
        assert_eq!(<u64 as OnBadArg>::on_bad_arg(), 0);
    }

    #[test]
    fn a_panic_returns_the_fallback() {
        fn export() -> c_int {
            ffi_boundary!({
                if std::hint::black_box(true) {
                    panic!("a bug");
                }
                0
            })
        }
        assert_eq!(export(), -(ErrorCode::Unk as c_int));
    }

    #[test]
    fn registry_refuses_freed_and_other_kinds() {
        let a = into_c(A(7));
        assert!(is_live(a.cast_const()));
        assert!(!is_live(a.cast_const().cast::<B>()));
        assert!(!unregister(a.cast_const().cast::<B>()));
        free_c(a);
        assert!(!is_live(a.cast_const()));
        // A second release and a foreign pointer are ignored.
        free_c(a);
        free_c(std::ptr::NonNull::<A>::dangling().as_ptr());
        assert!(!is_live(std::ptr::null::<A>()));
    }
}
