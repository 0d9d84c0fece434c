//! Exports of `lttng/userspace-probe.h`: userspace probe locations (a function's entry or an
//! SDT probe's call sites in a binary) and their lookup methods.
//!
//! Both are nodes (`ffi::object`). As upstream:
//!
//! * a location opens its binary `O_RDONLY` when it is created and keeps the descriptor
//!   until its last copy goes (the copies share it: upstream's `fd_handle`); the descriptor
//!   is also close-on-exec here;
//! * a location takes over the lookup method it is created with (on success only: a failed
//!   creation leaves it to the caller), and lends it back with
//!   `lttng_userspace_probe_location_get_lookup_method`;
//! * `lttng_userspace_probe_location_tracepoint_create` stores its second argument as the
//!   provider name and its third as the probe name: upstream's definition names them in
//!   that order, its header in the other;
//! * names are cut to 256 bytes and the binary path to 4096 (after opening it), as
//!   upstream's copies are.
//!
//! Strings must be UTF-8 (else the constructor returns NULL).

use std::ffi::{CString, c_char, c_int};
use std::os::fd::{AsRawFd, OwnedFd};
use std::sync::Arc;

use crate::ffi::boundary::{ffi_boundary, opt_arg_str};
use crate::ffi::object::{Shared, c_object, from_c, release_c};
use crate::model::trigger::{BinaryFd, LookupMethod, UserspaceLocation, UserspaceProbe};

pub use crate::ffi::status::{
    lttng_userspace_probe_location_function_instrumentation_type,
    lttng_userspace_probe_location_lookup_method_type, lttng_userspace_probe_location_status,
    lttng_userspace_probe_location_type,
};

c_object!(
    /// `struct lttng_userspace_probe_location_lookup_method` (opaque).
    lttng_userspace_probe_location_lookup_method => LookupMethod
);

/// What a location instruments.
#[derive(Debug, Clone)]
pub enum ProbeData {
    /// FUNCTION.
    Function {
        /// Function name.
        function: CString,
        /// `enum lttng_userspace_probe_location_function_instrumentation_type` (ENTRY).
        instrumentation: c_int,
    },
    /// TRACEPOINT.
    Tracepoint {
        /// Probe name.
        probe: CString,
        /// Provider name.
        provider: CString,
    },
}

/// A userspace probe location's data.
#[derive(Debug)]
pub struct LocationData {
    /// Function or tracepoint.
    pub probe: ProbeData,
    /// Binary path.
    pub binary_path: CString,
    /// The lookup method it owns (lent by its getter).
    pub lookup: Shared<lttng_userspace_probe_location_lookup_method>,
    /// The open binary, shared with the location's copies; `None` for a location made from
    /// a model value without one.
    pub binary_fd: Option<BinaryFd>,
}

c_object!(
    /// `struct lttng_userspace_probe_location` (opaque).
    lttng_userspace_probe_location => LocationData
);

/// Longest name upstream keeps (`LTTNG_SYMBOL_NAME_LEN`), without the terminator.
const NAME_MAX: usize = 256;
/// Longest binary path upstream keeps (`LTTNG_PATH_MAX`), without the terminator.
const PATH_MAX: usize = 4096;

/// `s` cut to `max` bytes, up to its first NUL, as a C string.
fn cut(s: &str, max: usize) -> CString {
    let b = s.as_bytes();
    let end = b.iter().position(|&c| c == 0).unwrap_or(b.len()).min(max);
    CString::new(&b[..end]).unwrap_or_default()
}

fn lossy(s: &CString) -> String {
    String::from_utf8_lossy(s.as_bytes()).into_owned()
}

/// A new location: opens `binary_path` (`None` when it cannot be opened).
fn create(
    binary_path: &str,
    probe: ProbeData,
    lookup: Shared<lttng_userspace_probe_location_lookup_method>,
) -> Option<Shared<lttng_userspace_probe_location>> {
    let file = std::fs::File::open(binary_path).ok()?;
    Some(Shared::new(LocationData {
        probe,
        binary_path: cut(binary_path, PATH_MAX),
        lookup,
        binary_fd: Some(BinaryFd(Arc::new(OwnedFd::from(file)))),
    }))
}

/// The lookup method argument of a constructor, when it is a live method of one of the
/// `accepted` kinds.
fn lookup_arg(
    lookup_method: *mut lttng_userspace_probe_location_lookup_method,
    accepted: LookupMethod,
) -> Option<Shared<lttng_userspace_probe_location_lookup_method>> {
    let lookup = from_c(lookup_method)?;
    let kind = *lookup.lock();
    (kind == accepted).then_some(lookup)
}

/// Hands a new location to C; the location has taken over the lookup method, so C's
/// reference to it (if it owned one) is given back.
fn hand_over(
    location: Shared<lttng_userspace_probe_location>,
    lookup_method: *mut lttng_userspace_probe_location_lookup_method,
) -> *mut lttng_userspace_probe_location {
    release_c(lookup_method);
    location.into_c()
}

/// A copy of a location (what an event rule keeps): the same strings, a new lookup method
/// of the same kind, the same open binary.
pub fn copy(
    location: &Shared<lttng_userspace_probe_location>,
) -> Shared<lttng_userspace_probe_location> {
    let data = location.lock();
    let lookup = Shared::new(*data.lookup.lock());
    Shared::new(LocationData {
        probe: data.probe.clone(),
        binary_path: data.binary_path.clone(),
        lookup,
        binary_fd: data.binary_fd.clone(),
    })
}

/// The model value of a location node.
pub fn location_to_model(location: &Shared<lttng_userspace_probe_location>) -> UserspaceLocation {
    let data = location.lock();
    let probe = match &data.probe {
        ProbeData::Function { function, .. } => UserspaceProbe::Function {
            function: lossy(function),
        },
        ProbeData::Tracepoint { probe, provider } => UserspaceProbe::Tracepoint {
            probe: lossy(probe),
            provider: lossy(provider),
        },
    };
    let lookup = *data.lookup.lock();
    UserspaceLocation {
        probe,
        binary_path: lossy(&data.binary_path),
        lookup,
        binary_fd: data.binary_fd.clone(),
    }
}

/// A new location node from a model value (sharing its open binary, if any).
pub fn location_from_model(location: &UserspaceLocation) -> Shared<lttng_userspace_probe_location> {
    let probe = match &location.probe {
        UserspaceProbe::Function { function } => ProbeData::Function {
            function: cut(function, NAME_MAX),
            instrumentation: lttng_userspace_probe_location_function_instrumentation_type::ENTRY.0,
        },
        UserspaceProbe::Tracepoint { probe, provider } => ProbeData::Tracepoint {
            probe: cut(probe, NAME_MAX),
            provider: cut(provider, NAME_MAX),
        },
    };
    Shared::new(LocationData {
        probe,
        binary_path: cut(&location.binary_path, PATH_MAX),
        lookup: Shared::new(location.lookup),
        binary_fd: location.binary_fd.clone(),
    })
}

/// Runs `f` on a location's data when `location` is a live location of `kind` (FUNCTION or
/// TRACEPOINT); `None` otherwise.
fn with_kind<R>(
    location: *const lttng_userspace_probe_location,
    tracepoint: bool,
    f: impl FnOnce(&mut LocationData) -> R,
) -> Option<R> {
    let location = from_c(location)?;
    let mut data = location.lock();
    let is_tracepoint = matches!(data.probe, ProbeData::Tracepoint { .. });
    (is_tracepoint == tracepoint).then(|| f(&mut data))
}

/// The kind of a lookup method; UNKNOWN for NULL or a pointer that is not a live method.
///
/// # Safety
/// `lookup_method` is NULL or a pointer from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_userspace_probe_location_lookup_method_get_type(
    lookup_method: *const lttng_userspace_probe_location_lookup_method,
) -> lttng_userspace_probe_location_lookup_method_type {
    ffi_boundary!({
        match from_c(lookup_method).map(|m| *m.lock()) {
            Some(LookupMethod::FunctionElf) => {
                lttng_userspace_probe_location_lookup_method_type::FUNCTION_ELF
            }
            Some(LookupMethod::TracepointSdt) => {
                lttng_userspace_probe_location_lookup_method_type::TRACEPOINT_SDT
            }
            None => lttng_userspace_probe_location_lookup_method_type::UNKNOWN,
        }
    })
}

/// Releases a lookup method the caller owns (one from a constructor that no location has
/// taken over). NULL, a method a location owns, or a second call does nothing.
///
/// # Safety
/// `lookup_method` is NULL or a pointer from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_userspace_probe_location_lookup_method_destroy(
    lookup_method: *mut lttng_userspace_probe_location_lookup_method,
) {
    ffi_boundary!({
        release_c(lookup_method);
    })
}

/// A new ELF function lookup method, owned by the caller until a location takes it over
/// (`lttng_userspace_probe_location_function_create`); NULL on failure.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_userspace_probe_location_lookup_method_function_elf_create()
-> *mut lttng_userspace_probe_location_lookup_method {
    ffi_boundary!({ Shared::new(LookupMethod::FunctionElf).into_c() })
}

/// A new SDT tracepoint lookup method, owned by the caller until a location takes it over
/// (`lttng_userspace_probe_location_tracepoint_create`); NULL on failure.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_userspace_probe_location_lookup_method_tracepoint_sdt_create()
-> *mut lttng_userspace_probe_location_lookup_method {
    ffi_boundary!({ Shared::new(LookupMethod::TracepointSdt).into_c() })
}

/// The kind of a location; UNKNOWN for NULL or a pointer that is not a live location.
///
/// # Safety
/// `location` is NULL or a pointer from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_userspace_probe_location_get_type(
    location: *const lttng_userspace_probe_location,
) -> lttng_userspace_probe_location_type {
    ffi_boundary!({
        match from_c(location).map(|l| matches!(l.lock().probe, ProbeData::Tracepoint { .. })) {
            Some(false) => lttng_userspace_probe_location_type::FUNCTION,
            Some(true) => lttng_userspace_probe_location_type::TRACEPOINT,
            None => lttng_userspace_probe_location_type::UNKNOWN,
        }
    })
}

/// Releases a location the caller owns, with its lookup method; its binary is closed once
/// no copy uses it. NULL, a location an event rule lends, or a second call does nothing.
///
/// # Safety
/// `location` is NULL or a pointer from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_userspace_probe_location_destroy(
    location: *mut lttng_userspace_probe_location,
) {
    ffi_boundary!({
        release_c(location);
    })
}

/// A new location of the entry of `function_name` in `binary_path`, which it opens
/// read-only. `lookup_method` must be an ELF function lookup method: the location takes it
/// over. NULL (and the caller keeps the method) for a NULL string, another lookup method,
/// or a binary that cannot be opened. Release with `lttng_userspace_probe_location_destroy`.
///
/// # Safety
/// `binary_path` and `function_name` are C strings or NULL; `lookup_method` NULL or a
/// pointer from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_userspace_probe_location_function_create(
    binary_path: *const c_char,
    function_name: *const c_char,
    lookup_method: *mut lttng_userspace_probe_location_lookup_method,
) -> *mut lttng_userspace_probe_location {
    ffi_boundary!({
        let (Some(path), Some(function)) = (opt_arg_str!(binary_path), opt_arg_str!(function_name))
        else {
            return std::ptr::null_mut();
        };
        let Some(lookup) = lookup_arg(lookup_method, LookupMethod::FunctionElf) else {
            return std::ptr::null_mut();
        };
        let probe = ProbeData::Function {
            function: cut(function, NAME_MAX),
            instrumentation: lttng_userspace_probe_location_function_instrumentation_type::ENTRY.0,
        };
        match create(path, probe, lookup) {
            Some(location) => hand_over(location, lookup_method),
            None => std::ptr::null_mut(),
        }
    })
}

/// A new location of the call sites of an SDT probe in `binary_path`, which it opens
/// read-only. As upstream's definition (not its header), the second argument becomes the
/// **provider** name and the third the **probe** name. `lookup_method` must be an SDT
/// tracepoint lookup method: the location takes it over. NULL (and the caller keeps the
/// method) for a NULL string, another lookup method, or a binary that cannot be opened.
/// Release with `lttng_userspace_probe_location_destroy`.
///
/// # Safety
/// The strings are C strings or NULL; `lookup_method` NULL or a pointer from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_userspace_probe_location_tracepoint_create(
    binary_path: *const c_char,
    probe_name: *const c_char,
    provider_name: *const c_char,
    lookup_method: *mut lttng_userspace_probe_location_lookup_method,
) -> *mut lttng_userspace_probe_location {
    ffi_boundary!({
        let (Some(path), Some(second), Some(third)) = (
            opt_arg_str!(binary_path),
            opt_arg_str!(probe_name),
            opt_arg_str!(provider_name),
        ) else {
            return std::ptr::null_mut();
        };
        let Some(lookup) = lookup_arg(lookup_method, LookupMethod::TracepointSdt) else {
            return std::ptr::null_mut();
        };
        let probe = ProbeData::Tracepoint {
            provider: cut(second, NAME_MAX),
            probe: cut(third, NAME_MAX),
        };
        match create(path, probe, lookup) {
            Some(location) => hand_over(location, lookup_method),
            None => std::ptr::null_mut(),
        }
    })
}

/// The binary path of a function location, lent while the location lives; NULL for NULL
/// or another kind of location.
///
/// # Safety
/// `location` is NULL or a pointer from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_userspace_probe_location_function_get_binary_path(
    location: *const lttng_userspace_probe_location,
) -> *const c_char {
    ffi_boundary!({
        with_kind(location, false, |d| d.binary_path.as_ptr()).unwrap_or(std::ptr::null())
    })
}

/// The function name of a function location, lent while the location lives; NULL for NULL
/// or another kind of location.
///
/// # Safety
/// `location` is NULL or a pointer from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_userspace_probe_location_function_get_function_name(
    location: *const lttng_userspace_probe_location,
) -> *const c_char {
    ffi_boundary!({
        with_kind(location, false, |d| match &d.probe {
            ProbeData::Function { function, .. } => function.as_ptr(),
            ProbeData::Tracepoint { .. } => std::ptr::null(),
        })
        .unwrap_or(std::ptr::null())
    })
}

/// The descriptor of a function location's open binary (the location keeps it; do not
/// close it); -1 for NULL, another kind of location, or a location without one.
///
/// # Safety
/// `location` is NULL or a pointer from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_userspace_probe_location_function_get_binary_fd(
    location: *const lttng_userspace_probe_location,
) -> c_int {
    ffi_boundary!(panic = -1, {
        with_kind(location, false, |d| raw_fd(d)).unwrap_or(-1)
    })
}

fn raw_fd(data: &LocationData) -> c_int {
    data.binary_fd.as_ref().map_or(-1, |fd| fd.0.as_raw_fd())
}

/// What a function location instruments (ENTRY); UNKNOWN for NULL or another kind of
/// location.
///
/// # Safety
/// `location` is NULL or a pointer from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_userspace_probe_location_function_get_instrumentation_type(
    location: *const lttng_userspace_probe_location,
) -> lttng_userspace_probe_location_function_instrumentation_type {
    ffi_boundary!({
        with_kind(location, false, |d| match d.probe {
            ProbeData::Function {
                instrumentation, ..
            } => lttng_userspace_probe_location_function_instrumentation_type(instrumentation),
            ProbeData::Tracepoint { .. } => {
                lttng_userspace_probe_location_function_instrumentation_type::UNKNOWN
            }
        })
        .unwrap_or(lttng_userspace_probe_location_function_instrumentation_type::UNKNOWN)
    })
}

/// Sets what a function location instruments: only ENTRY is accepted. OK, or INVALID for
/// NULL, another kind of location or another instrumentation type.
///
/// # Safety
/// `location` is NULL or a pointer from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_userspace_probe_location_function_set_instrumentation_type(
    location: *const lttng_userspace_probe_location,
    instrumentation_type: lttng_userspace_probe_location_function_instrumentation_type,
) -> lttng_userspace_probe_location_status {
    ffi_boundary!({
        if instrumentation_type
            != lttng_userspace_probe_location_function_instrumentation_type::ENTRY
        {
            return lttng_userspace_probe_location_status::INVALID;
        }
        with_kind(location, false, |d| {
            if let ProbeData::Function {
                instrumentation, ..
            } = &mut d.probe
            {
                *instrumentation = instrumentation_type.0;
            }
            lttng_userspace_probe_location_status::OK
        })
        .unwrap_or(lttng_userspace_probe_location_status::INVALID)
    })
}

/// The lookup method a location owns, lent while the location lives; NULL for NULL (where
/// upstream asserts) or a pointer that is not a live location.
///
/// # Safety
/// `location` is NULL or a pointer from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_userspace_probe_location_get_lookup_method(
    location: *const lttng_userspace_probe_location,
) -> *const lttng_userspace_probe_location_lookup_method {
    ffi_boundary!({
        match from_c(location) {
            Some(l) => l.lock().lookup.as_c().cast_const(),
            None => std::ptr::null(),
        }
    })
}

/// The binary path of a tracepoint location, lent while the location lives; NULL for NULL
/// or another kind of location.
///
/// # Safety
/// `location` is NULL or a pointer from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_userspace_probe_location_tracepoint_get_binary_path(
    location: *const lttng_userspace_probe_location,
) -> *const c_char {
    ffi_boundary!({
        with_kind(location, true, |d| d.binary_path.as_ptr()).unwrap_or(std::ptr::null())
    })
}

/// The probe name of a tracepoint location (the third argument of its constructor), lent
/// while the location lives; NULL for NULL or another kind of location.
///
/// # Safety
/// `location` is NULL or a pointer from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_userspace_probe_location_tracepoint_get_probe_name(
    location: *const lttng_userspace_probe_location,
) -> *const c_char {
    ffi_boundary!({
        with_kind(location, true, |d| match &d.probe {
            ProbeData::Tracepoint { probe, .. } => probe.as_ptr(),
            ProbeData::Function { .. } => std::ptr::null(),
        })
        .unwrap_or(std::ptr::null())
    })
}

/// The provider name of a tracepoint location (the second argument of its constructor),
/// lent while the location lives; NULL for NULL or another kind of location.
///
/// # Safety
/// `location` is NULL or a pointer from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_userspace_probe_location_tracepoint_get_provider_name(
    location: *const lttng_userspace_probe_location,
) -> *const c_char {
    ffi_boundary!({
        with_kind(location, true, |d| match &d.probe {
            ProbeData::Tracepoint { provider, .. } => provider.as_ptr(),
            ProbeData::Function { .. } => std::ptr::null(),
        })
        .unwrap_or(std::ptr::null())
    })
}

/// The descriptor of a tracepoint location's open binary (the location keeps it; do not
/// close it); -1 for NULL, another kind of location, or a location without one.
///
/// # Safety
/// `location` is NULL or a pointer from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_userspace_probe_location_tracepoint_get_binary_fd(
    location: *const lttng_userspace_probe_location,
) -> c_int {
    ffi_boundary!(panic = -1, {
        with_kind(location, true, |d| raw_fd(d)).unwrap_or(-1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_share_the_binary_and_not_the_lookup_method() {
        let lookup = Shared::new(LookupMethod::FunctionElf);
        let probe = ProbeData::Function {
            function: cut("main", NAME_MAX),
            instrumentation: 0,
        };
        let a = create("/proc/self/exe", probe, lookup.clone()).unwrap();
        let b = copy(&a);
        assert_eq!(raw_fd(&a.lock()), raw_fd(&b.lock()));
        assert!(!b.lock().lookup.ptr_eq(&lookup));
        assert_eq!(location_to_model(&a), location_to_model(&b));
        let m = location_to_model(&a);
        assert_eq!(location_to_model(&location_from_model(&m)), m);
        assert!(create("/nonexistent/binary", a.lock().probe.clone(), lookup).is_none());
    }

    #[test]
    fn names_are_cut_as_upstream_copies_them() {
        assert_eq!(cut(&"x".repeat(300), NAME_MAX).as_bytes().len(), 256);
        assert_eq!(cut("ab", NAME_MAX).as_bytes(), b"ab");
    }
}
