//! Trigger objects that belong to the calling program.
//!
//! Upstream's `lttng` CLI links its own copy of the trigger, condition, action, event-rule
//! and error-query code and exports it; the real liblttng-ctl calls those functions through
//! its PLT, so inside the CLI every trigger object is made and read by the CLI's code. This
//! module does the same: it resolves upstream's public functions with
//! `dlsym(RTLD_DEFAULT, ...)` (the program's copy comes first) and uses the objects' own
//! `validate`/`serialize` slots, so the objects stay in the program's hands. The few fields
//! upstream's library writes directly (trigger name and owner) and the containers that have
//! no public constructor (`struct lttng_triggers`, error-query results) are laid out as in
//! 2.13.9 (x86_64), with libc memory the program's code may `free()`.
//!
//! In a program without such a copy, nothing resolves and the callers answer
//! LTTNG_ERR_NOT_SUPPORTED.

pub mod layout;

use std::ffi::{CStr, CString, c_char, c_int, c_void};
use std::os::fd::{FromRawFd, OwnedFd};

use crate::model::trigger::{
    Action, Condition, EventExpr, EventRule, KernelLocation, LogLevelRule, QueryResult, RatePolicy,
    Threshold, Trigger, rule_type,
};

/// A host function is missing, or a host call failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostError {
    /// The program has no copy of upstream's trigger code.
    Missing,
    /// A constructor or setter failed, or an object could not be serialized.
    Failed,
}

/// The program's definition of `name` (a NUL-terminated symbol name).
fn sym(name: &str) -> Result<*mut c_void, HostError> {
    let c = CStr::from_bytes_with_nul(name.as_bytes()).map_err(|_| HostError::Missing)?;
    // SAFETY: dlsym with RTLD_DEFAULT and a valid C string has no other precondition.
    let p = unsafe { libc::dlsym(libc::RTLD_DEFAULT, c.as_ptr()) };
    if p.is_null() {
        Err(HostError::Missing)
    } else {
        Ok(p)
    }
}

/// True when the program provides upstream's trigger code.
pub fn available() -> bool {
    sym("lttng_trigger_create\0").is_ok()
}

/// Calls upstream's public function `$name` of C type `fn($t...) -> $r` in the program.
macro_rules! host {
    ($name:expr, fn($($t:ty),*) -> $r:ty, $($a:expr),*) => {{
        let p = sym(concat!($name, "\0"))?;
        // SAFETY: `p` is the program's definition of upstream's public function `$name`,
        // whose C prototype (lttng/*.h, 2.13) is the function type written here.
        let f = unsafe { std::mem::transmute::<*mut c_void, unsafe extern "C" fn($($t),*) -> $r>(p) };
        // SAFETY: the arguments are live objects of the program or C strings, as
        // upstream's prototype requires; checked by the callers.
        unsafe { f($($a),*) }
    }};
}

type Obj = *mut c_void;

// Layouts of 2.13.9 (x86_64): see the module documentation.
const TRIGGER_CONDITION: usize = 8;
const TRIGGER_ACTION: usize = 16;
const TRIGGER_NAME: usize = 24;
const TRIGGER_UID_SET: usize = 32;
const TRIGGER_UID: usize = 36;
const TRIGGER_HIDDEN: usize = 65;
const OBJ_TYPE: usize = 8;
const OBJ_VALIDATE: usize = 16;
const OBJ_SERIALIZE: usize = 24;
const ERM_RULE: usize = 56;
const BUFFER_USAGE_DOMAIN_SET: usize = 104;
const BUFFER_USAGE_DOMAIN: usize = 108;
const QUERY_TRIGGER: usize = 8;
const QUERY_ACTION_PATH: usize = 16;
const DYN_ARRAY_COUNT: usize = 32;
const FD_HANDLE_FD: usize = 8;

/// Reads a `T` at `base + off`.
///
/// # Safety
/// `base + off` is readable for `size_of::<T>()` bytes and holds a `T`.
unsafe fn rd<T: Copy>(base: *const c_void, off: usize) -> T {
    // SAFETY: this function's contract: `base + off` holds a readable `T`; the read is
    // unaligned, so no alignment is required.
    unsafe { base.cast::<u8>().add(off).cast::<T>().read_unaligned() }
}

/// Writes a `T` at `base + off`.
///
/// # Safety
/// `base + off` is writable for `size_of::<T>()` bytes.
unsafe fn wr<T: Copy>(base: *mut c_void, off: usize, v: T) {
    // SAFETY: this function's contract: `base + off` is writable for a `T`; the write is
    // unaligned, so no alignment is required.
    unsafe { base.cast::<u8>().add(off).cast::<T>().write_unaligned(v) }
}

/// `struct lttng_dynamic_pointer_array` (48 bytes).
#[repr(C)]
struct PointerArray {
    data: *mut *mut c_void,
    size: usize,
    capacity: usize,
    element_size: usize,
    count: usize,
    destructor: Option<unsafe extern "C" fn(*mut c_void)>,
}

const _: () = assert!(size_of::<PointerArray>() == 48);

impl PointerArray {
    /// An array owning `items` (a `malloc`'d block), or NULL data when empty.
    fn from_items(
        items: &[*mut c_void],
        destructor: unsafe extern "C" fn(*mut c_void),
    ) -> Result<PointerArray, HostError> {
        let bytes = size_of_val(items);
        let data: *mut *mut c_void = if items.is_empty() {
            std::ptr::null_mut()
        } else {
            crate::ffi::alloc::calloc_bytes(bytes).cast()
        };
        if !items.is_empty() && data.is_null() {
            return Err(HostError::Failed);
        }
        for (i, item) in items.iter().enumerate() {
            // SAFETY: `data` has room for items.len() pointers.
            unsafe { data.add(i).write(*item) };
        }
        Ok(PointerArray {
            data,
            size: bytes,
            capacity: bytes,
            element_size: size_of::<*mut c_void>(),
            count: items.len(),
            destructor: Some(destructor),
        })
    }
}

/// `struct lttng_payload` (72 bytes): a dynamic buffer and the fd handles.
#[repr(C)]
struct Payload {
    data: *mut u8,
    size: usize,
    capacity: usize,
    fd_handles: PointerArray,
}

const _: () = assert!(size_of::<Payload>() == 72);

impl Payload {
    fn new() -> Payload {
        Payload {
            data: std::ptr::null_mut(),
            size: 0,
            capacity: 0,
            fd_handles: PointerArray {
                data: std::ptr::null_mut(),
                size: 0,
                capacity: 0,
                element_size: size_of::<*mut c_void>(),
                count: 0,
                destructor: None,
            },
        }
    }

    /// The bytes written, and copies (`dup`) of the fds of the handles pushed; releases
    /// everything else.
    fn finish(self) -> (Vec<u8>, Vec<OwnedFd>) {
        let bytes = if self.data.is_null() {
            Vec::new()
        } else {
            // SAFETY: the program's serializers keep `size` bytes valid at `data`.
            unsafe { std::slice::from_raw_parts(self.data, self.size) }.to_vec()
        };
        let mut fds = Vec::new();
        for i in 0..self.fd_handles.count {
            // SAFETY: `count` handles were pushed, each with a reference taken for us.
            let handle = unsafe { self.fd_handles.data.add(i).read() };
            // SAFETY: an `fd_handle` {long refcount; int fd}; dup has no other precondition.
            let fd = unsafe { libc::dup(rd::<c_int>(handle, FD_HANDLE_FD)) };
            if fd >= 0 {
                // SAFETY: a fresh descriptor that nothing else owns.
                fds.push(unsafe { OwnedFd::from_raw_fd(fd) });
            }
            // SAFETY: `handle` is the live fd handle the serializer appended to the payload;
            // this drops the reference it took.
            unsafe { fd_handle_put(handle) };
        }
        // SAFETY: both blocks come from the program's realloc (or are NULL).
        unsafe {
            libc::free(self.data.cast());
            libc::free(self.fd_handles.data.cast());
        }
        (bytes, fds)
    }
}

/// Drops one reference on an `fd_handle`; the last one closes the fd and frees it.
///
/// # Safety
/// `handle` is a live `fd_handle` on which the caller owns a reference.
unsafe fn fd_handle_put(handle: *mut c_void) {
    // SAFETY: the refcount is the first field, a long, updated atomically upstream.
    let rc = unsafe { &*handle.cast::<std::sync::atomic::AtomicI64>() };
    if rc.fetch_sub(1, std::sync::atomic::Ordering::AcqRel) == 1 {
        // SAFETY: last reference: the handle and its fd are ours to release.
        unsafe {
            libc::close(rd::<c_int>(handle, FD_HANDLE_FD));
            libc::free(handle);
        }
    }
}

type Validate = unsafe extern "C" fn(*const c_void) -> bool;
type Serialize = unsafe extern "C" fn(*const c_void, *mut Payload) -> c_int;

/// Runs an object's `validate` slot (none means valid).
///
/// # Safety
/// `obj` is a live condition or action of the program.
unsafe fn validate(obj: *const c_void) -> bool {
    if obj.is_null() {
        return false;
    }
    // SAFETY: slot of the object's base, a function pointer or NULL.
    match unsafe { rd::<Option<Validate>>(obj, OBJ_VALIDATE) } {
        // SAFETY: the object's own slot, called on it.
        Some(f) => unsafe { f(obj) },
        None => true,
    }
}

/// Serializes a condition or action: its type byte, then its `serialize` slot's output.
///
/// # Safety
/// `obj` is a live condition or action of the program.
unsafe fn serialize_obj(obj: *const c_void, out: &mut Vec<u8>, fds: &mut Vec<OwnedFd>) -> bool {
    // SAFETY: the base's type and slot fields.
    let (kind, slot) = unsafe {
        (
            rd::<i32>(obj, OBJ_TYPE),
            rd::<Option<Serialize>>(obj, OBJ_SERIALIZE),
        )
    };
    let Some(slot) = slot else { return false };
    let mut payload = Payload::new();
    // SAFETY: the object's own slot, appending to an empty payload of upstream's layout.
    let ret = unsafe { slot(obj, &mut payload) };
    let (bytes, more_fds) = payload.finish();
    out.push(kind as i8 as u8);
    out.extend_from_slice(&bytes);
    fds.extend(more_fds);
    ret == 0
}

/// A trigger of the calling program, checked once where it enters: every method relies on
/// what [`HostTrigger::new`] requires, so the exports hold one `unsafe` for the whole call
/// instead of one per access.
#[derive(Debug, Clone, Copy)]
pub struct HostTrigger(*mut c_void);

impl HostTrigger {
    /// # Safety
    /// `t` is a live trigger of the calling program (built by its own copy of upstream's
    /// 2.13.9 object code, which [`available`] found), not used by another thread during the
    /// call.
    pub unsafe fn new(t: *mut c_void) -> HostTrigger {
        HostTrigger(t)
    }

    /// The trigger's name (`None` when unset).
    pub fn name(self) -> Option<String> {
        // SAFETY: `new`'s contract: a live trigger of the program.
        unsafe { trigger_name(self.0) }
    }

    /// Replaces the trigger's name (`None` clears it).
    pub fn set_name(self, name: Option<&str>) -> Result<(), HostError> {
        // SAFETY: `new`'s contract: a live trigger of the program.
        unsafe { set_trigger_name(self.0, name) }
    }

    /// The trigger's owner uid, if set.
    pub fn uid(self) -> Option<u32> {
        // SAFETY: `new`'s contract: a live trigger of the program.
        unsafe { trigger_uid(self.0) }
    }

    /// Sets the trigger's owner uid.
    pub fn set_uid(self, uid: u32) {
        // SAFETY: `new`'s contract: a live trigger of the program.
        unsafe { set_trigger_uid(self.0, uid) }
    }

    /// Whether the trigger's condition and action validate.
    pub fn validates(self) -> bool {
        // SAFETY: `new`'s contract: a live trigger of the program.
        unsafe { trigger_validates(self.0) }
    }

    /// The domain the trigger is restricted to.
    pub fn domain(self) -> i32 {
        // SAFETY: `new`'s contract: a live trigger of the program.
        unsafe { trigger_domain(self.0) }
    }

    /// Whether the trigger is hidden.
    pub fn hidden(self) -> bool {
        // SAFETY: `new`'s contract: a live trigger of the program.
        unsafe { trigger_hidden(self.0) }
    }

    /// The trigger serialized as upstream does, owned by `uid`, hidden or not.
    pub fn serialize(self, uid: u32, hidden: bool) -> Result<Serialized, HostError> {
        // SAFETY: `new`'s contract: a live trigger of the program.
        unsafe { serialize_trigger(self.0, uid, hidden) }
    }
}

/// The trigger's name (`None` when unset).
///
/// # Safety
/// `t` is a live trigger of the program.
pub unsafe fn trigger_name(t: *const c_void) -> Option<String> {
    // SAFETY: the name field, NULL or a C string.
    let p = unsafe { rd::<*const c_char>(t, TRIGGER_NAME) };
    // SAFETY: a non-NULL name field is a C string the trigger owns.
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
}

/// Replaces the trigger's name (`None` clears it), as upstream's library does: a `strdup`.
///
/// # Safety
/// `t` is a live trigger of the program.
pub unsafe fn set_trigger_name(t: *mut c_void, name: Option<&str>) -> Result<(), HostError> {
    let new = match name {
        Some(n) => {
            let p = crate::ffi::alloc::strdup(n);
            if p.is_null() {
                return Err(HostError::Failed);
            }
            p
        }
        None => std::ptr::null_mut(),
    };
    // SAFETY: the name field holds NULL or a malloc'd string the trigger owns.
    unsafe {
        libc::free(rd::<*mut c_char>(t, TRIGGER_NAME).cast());
        wr(t, TRIGGER_NAME, new);
    }
    Ok(())
}

/// The trigger's owner uid, if set.
///
/// # Safety
/// `t` is a live trigger of the program.
pub unsafe fn trigger_uid(t: *const c_void) -> Option<u32> {
    // SAFETY: the optional uid fields.
    unsafe { (rd::<u8>(t, TRIGGER_UID_SET) != 0).then(|| rd::<u32>(t, TRIGGER_UID)) }
}

/// Sets the trigger's owner uid (the gid stays unset).
///
/// # Safety
/// `t` is a live trigger of the program.
pub unsafe fn set_trigger_uid(t: *mut c_void, uid: u32) {
    // SAFETY: the optional uid fields.
    unsafe {
        wr::<u8>(t, TRIGGER_UID_SET, 1);
        wr(t, TRIGGER_UID, uid);
    }
}

/// Whether the trigger's condition and action validate (the owner is checked by callers).
///
/// # Safety
/// `t` is a live trigger of the program.
pub unsafe fn trigger_validates(t: *const c_void) -> bool {
    // SAFETY: live trigger: its condition and action are live objects or NULL.
    unsafe { validate(rd(t, TRIGGER_CONDITION)) && validate(rd(t, TRIGGER_ACTION)) }
}

/// The domain the trigger is restricted to (`enum lttng_domain_type`; 0 for none).
///
/// # Safety
/// `t` is a live trigger of the program.
pub unsafe fn trigger_domain(t: *const c_void) -> i32 {
    // SAFETY: live trigger and condition, fields per the 2.13.9 layouts.
    unsafe {
        let c: *const c_void = rd(t, TRIGGER_CONDITION);
        if c.is_null() {
            return 0;
        }
        match rd::<i32>(c, OBJ_TYPE) {
            101 | 102 if rd::<u8>(c, BUFFER_USAGE_DOMAIN_SET) != 0 => {
                rd::<i32>(c, BUFFER_USAGE_DOMAIN)
            }
            105 => {
                let rule: *const c_void = rd(c, ERM_RULE);
                if rule.is_null() {
                    return 0;
                }
                match rd::<i32>(rule, OBJ_TYPE) {
                    4 => 2,
                    5 => 3,
                    6 => 4,
                    7 => 5,
                    _ => 1,
                }
            }
            _ => 0,
        }
    }
}

/// A serialized trigger and the fds its serialization pushed.
pub use crate::client::trigger::SerializedTrigger as Serialized;

/// Serializes a trigger as upstream does, with `uid` as its owner and `hidden` as its
/// hidden flag.
///
/// # Safety
/// `t` is a live trigger of the program.
pub unsafe fn serialize_trigger(
    t: *const c_void,
    uid: u32,
    hidden: bool,
) -> Result<Serialized, HostError> {
    let mut body = Vec::new();
    let mut fds = Vec::new();
    // SAFETY: live trigger: its condition and action are live objects.
    let ok = unsafe {
        let c: *const c_void = rd(t, TRIGGER_CONDITION);
        let a: *const c_void = rd(t, TRIGGER_ACTION);
        !c.is_null()
            && !a.is_null()
            && serialize_obj(c, &mut body, &mut fds)
            && serialize_obj(a, &mut body, &mut fds)
    };
    if !ok {
        return Err(HostError::Failed);
    }
    // SAFETY: live trigger.
    let name = unsafe { trigger_name(t) };
    Ok(Serialized::new(
        u64::from(uid),
        name.as_deref(),
        hidden,
        &body,
        fds,
    ))
}

/// Whether the trigger is hidden.
///
/// # Safety
/// `t` is a live trigger of the program.
pub unsafe fn trigger_hidden(t: *const c_void) -> bool {
    // SAFETY: the is_hidden field.
    unsafe { rd::<u8>(t, TRIGGER_HIDDEN) != 0 }
}

/// The parts of an error query: target type, trigger, and action path (ACTION target).
///
/// # Safety
/// `q` is a live error query of the program.
pub unsafe fn query_parts(q: *const c_void) -> (i32, *const c_void, Option<Vec<u64>>) {
    // SAFETY: the query's fields per its kind.
    unsafe {
        let target: i32 = rd(q, 0);
        let trigger: *const c_void = rd(q, QUERY_TRIGGER);
        let path = (target == 2).then(|| {
            let p: *const c_void = rd(q, QUERY_ACTION_PATH);
            if p.is_null() {
                return Vec::new();
            }
            let data: *const u64 = rd(p, 0);
            let count: usize = rd(p, DYN_ARRAY_COUNT);
            (0..count).map(|i| data.add(i).read_unaligned()).collect()
        });
        (target, trigger, path)
    }
}

fn cstring(s: &str) -> Result<CString, HostError> {
    CString::new(s).map_err(|_| HostError::Failed)
}

fn nonnull(p: Obj) -> Result<Obj, HostError> {
    if p.is_null() {
        Err(HostError::Failed)
    } else {
        Ok(p)
    }
}

fn ok(status: c_int) -> Result<(), HostError> {
    if status == 0 {
        Ok(())
    } else {
        Err(HostError::Failed)
    }
}

/// Destroys a host object with `destroy` when dropped, unless released.
struct Owned {
    obj: Obj,
    destroy: fn(Obj),
}

impl Owned {
    fn new(obj: Obj, destroy: fn(Obj)) -> Result<Owned, HostError> {
        nonnull(obj).map(|obj| Owned { obj, destroy })
    }
    fn release(self) -> Obj {
        let obj = self.obj;
        std::mem::forget(self);
        obj
    }
}

impl Drop for Owned {
    fn drop(&mut self) {
        (self.destroy)(self.obj);
    }
}

fn destroy_with(name: &'static str, obj: Obj) {
    if let Ok(p) = sym(name) {
        // SAFETY: `p` is the program's destructor `name`, of C type `void (*)(T *)`.
        let f = unsafe { std::mem::transmute::<*mut c_void, unsafe extern "C" fn(Obj)>(p) };
        // SAFETY: `obj` is a live object of the matching kind that we own.
        unsafe { f(obj) };
    }
}

fn destroy_condition(o: Obj) {
    destroy_with("lttng_condition_destroy\0", o);
}
fn destroy_action(o: Obj) {
    destroy_with("lttng_action_destroy\0", o);
}
fn destroy_rule(o: Obj) {
    destroy_with("lttng_event_rule_destroy\0", o);
}
fn destroy_expr(o: Obj) {
    destroy_with("lttng_event_expr_destroy\0", o);
}
fn destroy_policy(o: Obj) {
    destroy_with("lttng_rate_policy_destroy\0", o);
}
fn destroy_llr(o: Obj) {
    destroy_with("lttng_log_level_rule_destroy\0", o);
}
fn destroy_kernel_location(o: Obj) {
    destroy_with("lttng_kernel_probe_location_destroy\0", o);
}
fn destroy_trigger(o: Obj) {
    destroy_with("lttng_trigger_destroy\0", o);
}
fn destroy_snapshot_output(o: Obj) {
    // SAFETY: an output from our lttng_snapshot_output_create.
    unsafe { crate::ffi::snapshot::lttng_snapshot_output_destroy(o.cast()) };
}

fn build_llr(l: &LogLevelRule) -> Result<Owned, HostError> {
    let p = if l.at_least {
        host!(
            "lttng_log_level_rule_at_least_as_severe_as_create",
            fn(c_int) -> Obj,
            l.level
        )
    } else {
        host!(
            "lttng_log_level_rule_exactly_create",
            fn(c_int) -> Obj,
            l.level
        )
    };
    Owned::new(p, destroy_llr)
}

/// Name pattern, filter and log level rule of the tracepoint-like rules, in upstream's
/// deserializer order.
macro_rules! pattern_filter {
    ($rule:expr, $prefix:literal, $pattern:expr, $filter:expr) => {{
        if let Some(p) = $pattern {
            let p = cstring(p)?;
            ok(host!(
                concat!($prefix, "_set_name_pattern"),
                fn(Obj, *const c_char) -> c_int,
                $rule,
                p.as_ptr()
            ))?;
        }
        if let Some(f) = $filter {
            let f = cstring(f)?;
            ok(host!(
                concat!($prefix, "_set_filter"),
                fn(Obj, *const c_char) -> c_int,
                $rule,
                f.as_ptr()
            ))?;
        }
    }};
}

fn build_rule(rule: &EventRule) -> Result<Owned, HostError> {
    match rule {
        EventRule::UserTracepoint {
            pattern,
            filter,
            log_level,
            exclusions,
        } => {
            let r = Owned::new(
                host!("lttng_event_rule_user_tracepoint_create", fn() -> Obj,),
                destroy_rule,
            )?;
            for e in exclusions {
                let e = cstring(e)?;
                ok(host!(
                    "lttng_event_rule_user_tracepoint_add_name_pattern_exclusion",
                    fn(Obj, *const c_char) -> c_int,
                    r.obj,
                    e.as_ptr()
                ))?;
            }
            pattern_filter!(r.obj, "lttng_event_rule_user_tracepoint", pattern, filter);
            if let Some(l) = log_level {
                let l = build_llr(l)?;
                ok(host!(
                    "lttng_event_rule_user_tracepoint_set_log_level_rule",
                    fn(Obj, Obj) -> c_int,
                    r.obj,
                    l.obj
                ))?;
            }
            Ok(r)
        }
        EventRule::KernelTracepoint { pattern, filter } => {
            let r = Owned::new(
                host!("lttng_event_rule_kernel_tracepoint_create", fn() -> Obj,),
                destroy_rule,
            )?;
            pattern_filter!(r.obj, "lttng_event_rule_kernel_tracepoint", pattern, filter);
            Ok(r)
        }
        EventRule::KernelSyscall {
            emission_site,
            pattern,
            filter,
        } => {
            let r = Owned::new(
                host!(
                    "lttng_event_rule_kernel_syscall_create",
                    fn(c_int) -> Obj,
                    *emission_site as c_int
                ),
                destroy_rule,
            )?;
            pattern_filter!(r.obj, "lttng_event_rule_kernel_syscall", pattern, filter);
            Ok(r)
        }
        EventRule::KernelKprobe { name, location } => {
            let loc = match location {
                KernelLocation::Symbol { name, offset } => {
                    let n = cstring(name)?;
                    host!(
                        "lttng_kernel_probe_location_symbol_create",
                        fn(*const c_char, u64) -> Obj,
                        n.as_ptr(),
                        *offset
                    )
                }
                KernelLocation::Address(a) => {
                    host!(
                        "lttng_kernel_probe_location_address_create",
                        fn(u64) -> Obj,
                        *a
                    )
                }
            };
            let loc = Owned::new(loc, destroy_kernel_location)?;
            let r = Owned::new(
                host!(
                    "lttng_event_rule_kernel_kprobe_create",
                    fn(Obj) -> Obj,
                    loc.obj
                ),
                destroy_rule,
            )?;
            if let Some(n) = name {
                let n = cstring(n)?;
                ok(host!(
                    "lttng_event_rule_kernel_kprobe_set_event_name",
                    fn(Obj, *const c_char) -> c_int,
                    r.obj,
                    n.as_ptr()
                ))?;
            }
            Ok(r)
        }
        EventRule::Logging {
            kind,
            pattern,
            filter,
            log_level,
        } => {
            let r = match *kind {
                rule_type::JUL_LOGGING => {
                    let r = Owned::new(
                        host!("lttng_event_rule_jul_logging_create", fn() -> Obj,),
                        destroy_rule,
                    )?;
                    pattern_filter!(r.obj, "lttng_event_rule_jul_logging", pattern, filter);
                    if let Some(l) = log_level {
                        let l = build_llr(l)?;
                        ok(host!(
                            "lttng_event_rule_jul_logging_set_log_level_rule",
                            fn(Obj, Obj) -> c_int,
                            r.obj,
                            l.obj
                        ))?;
                    }
                    r
                }
                rule_type::LOG4J_LOGGING => {
                    let r = Owned::new(
                        host!("lttng_event_rule_log4j_logging_create", fn() -> Obj,),
                        destroy_rule,
                    )?;
                    pattern_filter!(r.obj, "lttng_event_rule_log4j_logging", pattern, filter);
                    if let Some(l) = log_level {
                        let l = build_llr(l)?;
                        ok(host!(
                            "lttng_event_rule_log4j_logging_set_log_level_rule",
                            fn(Obj, Obj) -> c_int,
                            r.obj,
                            l.obj
                        ))?;
                    }
                    r
                }
                _ => {
                    let r = Owned::new(
                        host!("lttng_event_rule_python_logging_create", fn() -> Obj,),
                        destroy_rule,
                    )?;
                    pattern_filter!(r.obj, "lttng_event_rule_python_logging", pattern, filter);
                    if let Some(l) = log_level {
                        let l = build_llr(l)?;
                        ok(host!(
                            "lttng_event_rule_python_logging_set_log_level_rule",
                            fn(Obj, Obj) -> c_int,
                            r.obj,
                            l.obj
                        ))?;
                    }
                    r
                }
            };
            Ok(r)
        }
    }
}

fn build_expr(e: &EventExpr) -> Result<Owned, HostError> {
    let p = match e {
        EventExpr::PayloadField(n) => {
            let n = cstring(n)?;
            host!(
                "lttng_event_expr_event_payload_field_create",
                fn(*const c_char) -> Obj,
                n.as_ptr()
            )
        }
        EventExpr::ChannelContextField(n) => {
            let n = cstring(n)?;
            host!(
                "lttng_event_expr_channel_context_field_create",
                fn(*const c_char) -> Obj,
                n.as_ptr()
            )
        }
        EventExpr::AppContextField {
            provider,
            type_name,
        } => {
            let (p, t) = (cstring(provider)?, cstring(type_name)?);
            host!(
                "lttng_event_expr_app_specific_context_field_create",
                fn(*const c_char, *const c_char) -> Obj,
                p.as_ptr(),
                t.as_ptr()
            )
        }
        EventExpr::ArrayElement { array, index } => {
            let parent = build_expr(array)?;
            let p = host!(
                "lttng_event_expr_array_field_element_create",
                fn(Obj, u32) -> Obj,
                parent.obj,
                *index
            );
            if !p.is_null() {
                // The element owns its parent now.
                parent.release();
            }
            p
        }
    };
    Owned::new(p, destroy_expr)
}

fn build_condition(c: &Condition) -> Result<Owned, HostError> {
    match c {
        Condition::BufferUsage {
            high,
            threshold,
            session,
            channel,
            domain,
        } => {
            let p = if *high {
                host!("lttng_condition_buffer_usage_high_create", fn() -> Obj,)
            } else {
                host!("lttng_condition_buffer_usage_low_create", fn() -> Obj,)
            };
            let c = Owned::new(p, destroy_condition)?;
            match threshold {
                Threshold::Bytes(b) => ok(host!(
                    "lttng_condition_buffer_usage_set_threshold",
                    fn(Obj, u64) -> c_int,
                    c.obj,
                    *b
                ))?,
                Threshold::Ratio(r) => ok(host!(
                    "lttng_condition_buffer_usage_set_threshold_ratio",
                    fn(Obj, f64) -> c_int,
                    c.obj,
                    *r
                ))?,
            }
            let (s, ch) = (cstring(session)?, cstring(channel)?);
            ok(host!(
                "lttng_condition_buffer_usage_set_session_name",
                fn(Obj, *const c_char) -> c_int,
                c.obj,
                s.as_ptr()
            ))?;
            ok(host!(
                "lttng_condition_buffer_usage_set_channel_name",
                fn(Obj, *const c_char) -> c_int,
                c.obj,
                ch.as_ptr()
            ))?;
            ok(host!(
                "lttng_condition_buffer_usage_set_domain_type",
                fn(Obj, c_int) -> c_int,
                c.obj,
                c_int::from(*domain)
            ))?;
            Ok(c)
        }
        Condition::ConsumedSize { threshold, session } => {
            let c = Owned::new(
                host!("lttng_condition_session_consumed_size_create", fn() -> Obj,),
                destroy_condition,
            )?;
            ok(host!(
                "lttng_condition_session_consumed_size_set_threshold",
                fn(Obj, u64) -> c_int,
                c.obj,
                *threshold
            ))?;
            let s = cstring(session)?;
            ok(host!(
                "lttng_condition_session_consumed_size_set_session_name",
                fn(Obj, *const c_char) -> c_int,
                c.obj,
                s.as_ptr()
            ))?;
            Ok(c)
        }
        Condition::Rotation { completed, session } => {
            let p = if *completed {
                host!(
                    "lttng_condition_session_rotation_completed_create",
                    fn() -> Obj,
                )
            } else {
                host!(
                    "lttng_condition_session_rotation_ongoing_create",
                    fn() -> Obj,
                )
            };
            let c = Owned::new(p, destroy_condition)?;
            let s = cstring(session)?;
            ok(host!(
                "lttng_condition_session_rotation_set_session_name",
                fn(Obj, *const c_char) -> c_int,
                c.obj,
                s.as_ptr()
            ))?;
            Ok(c)
        }
        Condition::EventRuleMatches { rule, captures } => {
            let rule = build_rule(rule)?;
            let c = Owned::new(
                host!(
                    "lttng_condition_event_rule_matches_create",
                    fn(Obj) -> Obj,
                    rule.obj
                ),
                destroy_condition,
            )?;
            drop(rule);
            for e in captures {
                let e = build_expr(e)?;
                ok(host!(
                    "lttng_condition_event_rule_matches_append_capture_descriptor",
                    fn(Obj, Obj) -> c_int,
                    c.obj,
                    e.obj
                ))?;
                // The condition owns the expression now.
                e.release();
            }
            Ok(c)
        }
    }
}

fn build_policy(p: &RatePolicy) -> Result<Owned, HostError> {
    let obj = if p.once {
        host!("lttng_rate_policy_once_after_n_create", fn(u64) -> Obj, p.n)
    } else {
        host!("lttng_rate_policy_every_n_create", fn(u64) -> Obj, p.n)
    };
    Owned::new(obj, destroy_policy)
}

/// Sets the session name and rate policy of a session action of prefix `$prefix`.
macro_rules! session_and_policy {
    ($a:expr, $prefix:literal, $session:expr, $policy:expr) => {{
        if let Some(s) = $session {
            let s = cstring(s)?;
            ok(host!(
                concat!($prefix, "_set_session_name"),
                fn(Obj, *const c_char) -> c_int,
                $a,
                s.as_ptr()
            ))?;
        }
        let p = build_policy($policy)?;
        ok(host!(
            concat!($prefix, "_set_rate_policy"),
            fn(Obj, Obj) -> c_int,
            $a,
            p.obj
        ))?;
    }};
}

fn build_action(a: &Action) -> Result<Owned, HostError> {
    use crate::model::trigger::action_type::*;
    match a {
        Action::Notify(policy) => {
            let a = Owned::new(
                host!("lttng_action_notify_create", fn() -> Obj,),
                destroy_action,
            )?;
            let p = build_policy(policy)?;
            ok(host!(
                "lttng_action_notify_set_rate_policy",
                fn(Obj, Obj) -> c_int,
                a.obj,
                p.obj
            ))?;
            Ok(a)
        }
        Action::Session {
            kind,
            session,
            policy,
        } => {
            let a = match *kind {
                START_SESSION => {
                    let a = Owned::new(
                        host!("lttng_action_start_session_create", fn() -> Obj,),
                        destroy_action,
                    )?;
                    session_and_policy!(a.obj, "lttng_action_start_session", session, policy);
                    a
                }
                STOP_SESSION => {
                    let a = Owned::new(
                        host!("lttng_action_stop_session_create", fn() -> Obj,),
                        destroy_action,
                    )?;
                    session_and_policy!(a.obj, "lttng_action_stop_session", session, policy);
                    a
                }
                _ => {
                    let a = Owned::new(
                        host!("lttng_action_rotate_session_create", fn() -> Obj,),
                        destroy_action,
                    )?;
                    session_and_policy!(a.obj, "lttng_action_rotate_session", session, policy);
                    a
                }
            };
            Ok(a)
        }
        Action::Snapshot {
            session,
            output,
            policy,
        } => {
            let a = Owned::new(
                host!("lttng_action_snapshot_session_create", fn() -> Obj,),
                destroy_action,
            )?;
            if let Some(s) = session {
                let s = cstring(s)?;
                ok(host!(
                    "lttng_action_snapshot_session_set_session_name",
                    fn(Obj, *const c_char) -> c_int,
                    a.obj,
                    s.as_ptr()
                ))?;
            }
            if let Some(bytes) = output {
                // SAFETY: our own export, no preconditions.
                let o = unsafe { crate::ffi::snapshot::lttng_snapshot_output_create() };
                let o = Owned::new(o.cast(), destroy_snapshot_output)?;
                let n = bytes
                    .len()
                    .min(crate::client::snapshot::SNAPSHOT_OUTPUT_LEN);
                // SAFETY: `o` is a packed 8459-byte output; `n` bytes fit in it.
                unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), o.obj.cast::<u8>(), n) };
                ok(host!(
                    "lttng_action_snapshot_session_set_output",
                    fn(Obj, Obj) -> c_int,
                    a.obj,
                    o.obj
                ))?;
                // The action owns the output now.
                o.release();
            }
            let p = build_policy(policy)?;
            ok(host!(
                "lttng_action_snapshot_session_set_rate_policy",
                fn(Obj, Obj) -> c_int,
                a.obj,
                p.obj
            ))?;
            Ok(a)
        }
        Action::List(items) => {
            let list = Owned::new(
                host!("lttng_action_list_create", fn() -> Obj,),
                destroy_action,
            )?;
            for item in items {
                let child = build_action(item)?;
                ok(host!(
                    "lttng_action_list_add_action",
                    fn(Obj, Obj) -> c_int,
                    list.obj,
                    child.obj
                ))?;
            }
            Ok(list)
        }
    }
}

/// Builds a trigger object of the program from its decoded form.
fn build_trigger(t: &Trigger) -> Result<Owned, HostError> {
    let c = build_condition(&t.condition)?;
    let a = build_action(&t.action)?;
    let trigger = Owned::new(
        host!("lttng_trigger_create", fn(Obj, Obj) -> Obj, c.obj, a.obj),
        destroy_trigger,
    )?;
    drop((c, a));
    // SAFETY: a live trigger of the program, just created.
    unsafe {
        set_trigger_name(trigger.obj, t.name.as_deref())?;
        set_trigger_uid(
            trigger.obj,
            u32::try_from(t.uid).map_err(|_| HostError::Failed)?,
        );
        if t.is_hidden {
            wr::<u8>(trigger.obj, TRIGGER_HIDDEN, 1);
        }
    }
    Ok(trigger)
}

/// Builds the `struct lttng_triggers` of a listing (released by the program's
/// `lttng_triggers_destroy`, which puts every trigger and `free()`s the container).
pub fn build_triggers(list: &[Trigger]) -> Result<*mut c_void, HostError> {
    let destroy = sym("lttng_trigger_destroy\0")?;
    // SAFETY: the program's `void lttng_trigger_destroy(struct lttng_trigger *)`.
    let destroy =
        unsafe { std::mem::transmute::<*mut c_void, unsafe extern "C" fn(*mut c_void)>(destroy) };
    let mut built = Vec::new();
    for t in list {
        built.push(build_trigger(t)?);
    }
    let items: Vec<Obj> = built.iter().map(|o| o.obj).collect();
    let array = PointerArray::from_items(&items, destroy)?;
    let container =
        crate::ffi::alloc::calloc_bytes(size_of::<PointerArray>()).cast::<PointerArray>();
    if container.is_null() {
        // SAFETY: the block from from_items, not handed out.
        unsafe { libc::free(array.data.cast()) };
        return Err(HostError::Failed);
    }
    // SAFETY: fresh allocation of the right size.
    unsafe { container.write(array) };
    built.into_iter().for_each(|o| {
        o.release();
    });
    Ok(container.cast())
}

/// `struct lttng_error_query_result_counter` (32 bytes).
#[repr(C)]
struct CounterResult {
    kind: c_int,
    name: *mut c_char,
    description: *mut c_char,
    value: u64,
}

const _: () = assert!(size_of::<CounterResult>() == 32);

/// The destructor of a result in a result set (called by the program's
/// `lttng_error_query_results_destroy`).
unsafe extern "C" fn destroy_result(p: *mut c_void) {
    if p.is_null() {
        return;
    }
    let r = p.cast::<CounterResult>();
    // SAFETY: a result built by `build_results`: its strings and itself are calloc'd.
    unsafe {
        libc::free((*r).name.cast());
        libc::free((*r).description.cast());
        libc::free(p);
    }
}

/// Builds a `struct lttng_error_query_results` (released by the program's
/// `lttng_error_query_results_destroy`).
pub fn build_results(results: &[QueryResult]) -> Result<*mut c_void, HostError> {
    let mut items: Vec<Obj> = Vec::new();
    let fail = |items: &[Obj]| {
        for &i in items {
            // SAFETY: results built below, not handed out.
            unsafe { destroy_result(i) };
        }
        HostError::Failed
    };
    for q in results {
        let r = crate::ffi::alloc::calloc_array::<CounterResult>(1);
        if r.is_null() {
            return Err(fail(&items));
        }
        items.push(r.cast());
        let (name, description) = (
            crate::ffi::alloc::strdup(&q.name),
            crate::ffi::alloc::strdup(&q.description),
        );
        // SAFETY: fresh zeroed allocation of a CounterResult.
        unsafe {
            r.write(CounterResult {
                kind: 0,
                name,
                description,
                value: q.value,
            })
        };
        if name.is_null() || description.is_null() {
            return Err(fail(&items));
        }
    }
    let array = PointerArray::from_items(&items, destroy_result).map_err(|_| fail(&items))?;
    let container =
        crate::ffi::alloc::calloc_bytes(size_of::<PointerArray>()).cast::<PointerArray>();
    if container.is_null() {
        // SAFETY: the block from from_items, not handed out.
        unsafe { libc::free(array.data.cast()) };
        return Err(fail(&items));
    }
    // SAFETY: fresh allocation of the right size.
    unsafe { container.write(array) };
    Ok(container.cast())
}
