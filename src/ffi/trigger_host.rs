//! Objects that belong to the calling program: the one module that knows upstream 2.13.9's
//! private C layouts.
//!
//! The Debian `lttng` CLI, `lttng-sessiond` and `lttng-relayd` link their own copy of
//! upstream's trigger, condition, action, event-rule, error-query, notification and
//! evaluation code and export it; ELF lookup puts the program first, so inside them those
//! objects are made and read by the program's code, in its layout. The CLI builds a trigger
//! with its own `lttng_trigger_create` and hands it to `lttng_register_trigger_with_name`;
//! lttng-sessiond subscribes with its own conditions and reads the notifications it
//! receives with its own `lttng_notification_get_*`, then frees them with its own
//! `lttng_notification_destroy`.
//!
//! This module reaches that code with `dlsym(RTLD_DEFAULT, ...)`, and counts a definition
//! as the program's only when it lies outside this library (this library exports the same
//! names). It uses the program's public functions wherever they exist (constructors,
//! setters, getters, destructors) and upstream's layout only for what none reaches, as
//! listed in [`layout`], whose `#[repr(C)]` mirrors are checked against upstream's own
//! headers by a unit test. Before any of it is used, [`probe`] checks once that the
//! program's objects are laid out as the mirrors say, by round trips through the program's
//! own public functions; a program that does not match is treated as one without a copy.
//!
//! In a program without a copy (or one that does not match), the callers answer
//! LTTNG_ERR_NOT_SUPPORTED (the trigger API) or the channel's ERROR status (notifications
//! of the program's own kind), and no memory of the program is touched.

pub mod layout;
pub mod notify;
pub mod probe;

use std::ffi::{CStr, CString, c_char, c_int, c_void};
use std::os::fd::{FromRawFd, OwnedFd};

use crate::model::trigger::{
    Action, Condition, EventExpr, EventRule, KernelLocation, LogLevelRule, LookupMethod,
    QueryResult, RatePolicy, Threshold, Trigger, UserspaceProbe, rule_type,
};
use layout::{ErrorQueryAction, ErrorQueryResultCounter, FdHandle, Payload, PointerArray};

/// A host function is missing, or a host call failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostError {
    /// The program has no (matching) copy of upstream's code.
    Missing,
    /// A constructor or setter failed, or an object could not be serialized.
    Failed,
}

/// The base address of the object (executable or library) that holds `p`, if any.
fn object_base(p: *const c_void) -> Option<usize> {
    // SAFETY: dladdr only reads the loader's tables; `info` is plain data it fills.
    let mut info: libc::Dl_info = unsafe { std::mem::zeroed() };
    // SAFETY: as above; any address may be asked about.
    let found = unsafe { libc::dladdr(p, &mut info) } != 0;
    (found && !info.dli_fbase.is_null()).then_some(info.dli_fbase as usize)
}

/// True when `p` lies in this library.
fn is_ours(p: *const c_void) -> bool {
    static OURS: std::sync::OnceLock<Option<usize>> = std::sync::OnceLock::new();
    let ours = *OURS.get_or_init(|| object_base(object_base as *const c_void));
    ours.is_some() && object_base(p) == ours
}

/// The program's definition of `name` (NUL-terminated): the one ELF lookup finds first,
/// when it is not this library's own.
fn sym(name: &str) -> Result<*mut c_void, HostError> {
    let c = CStr::from_bytes_with_nul(name.as_bytes()).map_err(|_| HostError::Missing)?;
    // SAFETY: dlsym with RTLD_DEFAULT and a valid C string has no other precondition.
    let p = unsafe { libc::dlsym(libc::RTLD_DEFAULT, c.as_ptr()) };
    if p.is_null() || is_ours(p) {
        Err(HostError::Missing)
    } else {
        Ok(p)
    }
}

/// True when the program carries its own copy of upstream's trigger code (its
/// `lttng_trigger_create` is not this library's).
pub fn present() -> bool {
    sym("lttng_trigger_create\0").is_ok()
}

/// True when the program carries its own copy of upstream's trigger code and its objects
/// passed the run-time check: the trigger API may then use it.
pub fn available() -> bool {
    present() && probe::result().triggers
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
pub(crate) use host;

type Obj = *mut c_void;

impl Payload {
    /// An empty payload, as `lttng_payload_init` leaves it: no bytes, no fd handles, and the
    /// handles' array ready for pointers (its element size set: an all-zero array would take
    /// elements of no size).
    fn new() -> Payload {
        // SAFETY: null pointers, zero sizes and no destructor are valid values of every field.
        let mut payload: Payload = unsafe { std::mem::zeroed() };
        payload._fd_handles.array.element_size = size_of::<*mut c_void>();
        payload
    }

    /// The bytes written, and copies (`dup`) of the fds of the handles pushed; releases
    /// everything else.
    fn finish(self) -> (Vec<u8>, Vec<OwnedFd>) {
        let bytes = if self.buffer.data.is_null() {
            Vec::new()
        } else {
            // SAFETY: the program's serializers keep `size` bytes valid at `data`.
            unsafe { std::slice::from_raw_parts(self.buffer.data.cast::<u8>(), self.buffer.size) }
                .to_vec()
        };
        let handles = &self._fd_handles.array;
        let mut fds = Vec::new();
        for i in 0..handles.size {
            // SAFETY: `size` handles were pushed, each with a reference taken for us.
            let handle = unsafe { handles.buffer.data.cast::<*mut FdHandle>().add(i).read() };
            // SAFETY: a live `fd_handle`; dup has no other precondition.
            let fd = unsafe { libc::dup((*handle).fd) };
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
            libc::free(self.buffer.data.cast());
            libc::free(handles.buffer.data.cast());
        }
        (bytes, fds)
    }
}

/// Drops one reference on an `fd_handle`; the last one closes the fd and frees it.
///
/// # Safety
/// `handle` is a live `fd_handle` on which the caller owns a reference.
unsafe fn fd_handle_put(handle: *mut FdHandle) {
    // SAFETY: the refcount is a long, updated atomically upstream (urcu_ref).
    let rc = unsafe {
        std::sync::atomic::AtomicI64::from_ptr((&raw mut (*handle).r#ref.refcount).cast())
    };
    if rc.fetch_sub(1, std::sync::atomic::Ordering::AcqRel) == 1 {
        // SAFETY: last reference: the handle and its fd are ours to release.
        unsafe {
            libc::close((*handle).fd);
            libc::free(handle.cast());
        }
    }
}

/// Runs the `validate` slot of a condition or action (none means valid).
///
/// # Safety
/// `obj` is NULL or a live condition or action of the program.
unsafe fn validate(obj: *const c_void) -> bool {
    if obj.is_null() {
        return false;
    }
    // SAFETY: a live object: its base's slot is a function pointer or NULL.
    match unsafe { (*obj.cast::<layout::ActionHead>()).validate } {
        // SAFETY: the object's own slot, called on it.
        Some(f) => unsafe { f(obj) },
        None => true,
    }
}

/// Serializes a condition or action as upstream's library does: its type byte, then its
/// `serialize` slot's output, with the fds it pushed.
///
/// # Safety
/// `obj` is a live condition or action of the program.
unsafe fn serialize_obj(obj: *const c_void, out: &mut Vec<u8>, fds: &mut Vec<OwnedFd>) -> bool {
    // SAFETY: a live object's base (conditions and actions share its start).
    let (kind, slot) = unsafe {
        let head = &*obj.cast::<layout::ActionHead>();
        (head.r#type, head.serialize)
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

/// A condition of the program, serialized for SUBSCRIBE/UNSUBSCRIBE after its own
/// validation, with the descriptors its serialization refers to (copies, closed when
/// dropped): `None` when it does not validate (or cannot be serialized).
///
/// # Safety
/// `condition` is a live condition of the program, whose copy passed [`probe`].
pub unsafe fn serialize_condition(condition: *const c_void) -> Option<(Vec<u8>, Vec<OwnedFd>)> {
    let mut bytes = Vec::new();
    let mut fds = Vec::new();
    // SAFETY: this function's contract.
    let ok = unsafe { validate(condition) && serialize_obj(condition, &mut bytes, &mut fds) };
    ok.then_some((bytes, fds))
}

/// A trigger of the calling program, checked once where it enters: every method relies on
/// what [`HostTrigger::new`] requires, so the exports hold one `unsafe` for the whole call
/// instead of one per access.
#[derive(Debug, Clone, Copy)]
pub struct HostTrigger(*mut c_void);

impl HostTrigger {
    /// # Safety
    /// `t` is a live trigger of the calling program (built by its own copy of upstream's
    /// 2.13.9 object code, which [`available`] found and checked), not used by another
    /// thread during the call.
    pub unsafe fn new(t: *mut c_void) -> HostTrigger {
        HostTrigger(t)
    }

    fn raw(self) -> *mut layout::Trigger {
        self.0.cast()
    }

    /// The trigger's name (`None` when unset), through the program's getter.
    pub fn name(self) -> Option<String> {
        let mut name: *const c_char = std::ptr::null();
        let status = (|| {
            Ok::<_, HostError>(host!(
                "lttng_trigger_get_name",
                fn(*const c_void, *mut *const c_char) -> c_int,
                self.0,
                &mut name
            ))
        })()
        .ok()?;
        (status == 0 && !name.is_null()).then(|| {
            // SAFETY: on success the getter lends the trigger's own C string.
            let name = unsafe { CStr::from_ptr(name) };
            name.to_string_lossy().into_owned()
        })
    }

    /// Replaces the trigger's name (`None` clears it), as upstream's library does: the
    /// field holds a `strdup`'d string (no public setter).
    pub fn set_name(self, name: Option<&str>) -> Result<(), HostError> {
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
        // SAFETY: `new`'s contract: a live trigger of the program, whose name field holds
        // NULL or a malloc'd string the trigger owns.
        unsafe {
            let t = self.raw();
            libc::free((*t).name.cast());
            (*t).name = new;
        }
        Ok(())
    }

    /// The trigger's owner uid, if set, through the program's getter.
    pub fn uid(self) -> Option<u32> {
        let mut uid: libc::uid_t = 0;
        let status = (|| {
            Ok::<_, HostError>(host!(
                "lttng_trigger_get_owner_uid",
                fn(*const c_void, *mut libc::uid_t) -> c_int,
                self.0,
                &mut uid
            ))
        })()
        .ok()?;
        (status == 0).then_some(uid)
    }

    /// Sets the trigger's owner uid (the gid becomes unset), through the program's setter;
    /// where that refuses (another uid than the effective one, not root), the credentials
    /// are written as upstream's library writes them.
    pub fn set_uid(self, uid: u32) {
        let status = (|| {
            Ok::<_, HostError>(host!(
                "lttng_trigger_set_owner_uid",
                fn(*mut c_void, libc::uid_t) -> c_int,
                self.0,
                uid
            ))
        })();
        if status != Ok(0) {
            // SAFETY: `new`'s contract: a live trigger of the program.
            unsafe {
                let creds = &mut (*self.raw()).creds;
                creds.uid.is_set = 1;
                creds.uid.value = uid;
                creds.gid.is_set = 0;
            }
        }
    }

    fn condition(self) -> Obj {
        (|| Ok::<_, HostError>(host!("lttng_trigger_get_condition", fn(Obj) -> Obj, self.0)))()
            .unwrap_or(std::ptr::null_mut())
    }

    fn action(self) -> Obj {
        (|| Ok::<_, HostError>(host!("lttng_trigger_get_action", fn(Obj) -> Obj, self.0)))()
            .unwrap_or(std::ptr::null_mut())
    }

    /// Whether the trigger's condition and action validate (the owner is checked by
    /// callers), through their own `validate` slots.
    pub fn validates(self) -> bool {
        // SAFETY: `new`'s contract: the trigger's condition and action are live objects or
        // NULL.
        unsafe { validate(self.condition()) && validate(self.action()) }
    }

    /// The domain the trigger is restricted to (`enum lttng_domain_type`; 0 for none),
    /// through the program's getters.
    pub fn domain(self) -> i32 {
        (|| {
            let c = self.condition();
            if c.is_null() {
                return Ok(0);
            }
            Ok::<_, HostError>(
                match host!("lttng_condition_get_type", fn(Obj) -> c_int, c) {
                    101 | 102 => {
                        let mut domain: c_int = 0;
                        let status = host!(
                            "lttng_condition_buffer_usage_get_domain_type",
                            fn(Obj, *mut c_int) -> c_int,
                            c,
                            &mut domain
                        );
                        if status == 0 { domain } else { 0 }
                    }
                    105 => {
                        let mut rule: Obj = std::ptr::null_mut();
                        let status = host!(
                            "lttng_condition_event_rule_matches_get_rule",
                            fn(Obj, *mut Obj) -> c_int,
                            c,
                            &mut rule
                        );
                        if status != 0 || rule.is_null() {
                            return Ok(0);
                        }
                        match host!("lttng_event_rule_get_type", fn(Obj) -> c_int, rule) {
                            4 => 2,
                            5 => 3,
                            6 => 4,
                            7 => 5,
                            _ => 1,
                        }
                    }
                    _ => 0,
                },
            )
        })()
        .unwrap_or(0)
    }

    /// Whether the trigger is hidden (no public accessor: the layout).
    pub fn hidden(self) -> bool {
        // SAFETY: `new`'s contract: a live trigger of the program.
        unsafe { (*self.raw()).is_hidden }
    }

    /// The trigger serialized as upstream does, owned by `uid`, hidden or not.
    pub fn serialize(self, uid: u32, hidden: bool) -> Result<Serialized, HostError> {
        let mut body = Vec::new();
        let mut fds = Vec::new();
        let (c, a) = (self.condition(), self.action());
        // SAFETY: `new`'s contract: its condition and action are live objects.
        let ok = !c.is_null()
            && !a.is_null()
            && unsafe {
                serialize_obj(c, &mut body, &mut fds) && serialize_obj(a, &mut body, &mut fds)
            };
        if !ok {
            return Err(HostError::Failed);
        }
        Ok(Serialized::new(
            u64::from(uid),
            self.name().as_deref(),
            hidden,
            &body,
            fds,
        ))
    }
}

/// A serialized trigger and the fds its serialization pushed.
pub use crate::client::trigger::SerializedTrigger as Serialized;

/// The parts of an error query of the program: target type, trigger, and the action path's
/// indexes (ACTION target; read with the program's path getters).
///
/// # Safety
/// `q` is a live error query of the program, whose copy passed [`probe`].
pub unsafe fn query_parts(q: *const c_void) -> (i32, *const c_void, Option<Vec<u64>>) {
    // SAFETY: this function's contract: the query's fields per its kind (the trigger and
    // condition queries are the action query's prefix).
    let (target, trigger, path) = unsafe {
        let q = q.cast::<ErrorQueryAction>();
        let target = (*q).parent.target_type;
        let path = if target == 2 {
            (*q).action_path
        } else {
            std::ptr::null_mut()
        };
        (target, (*q).trigger.cast_const(), path)
    };
    let indexes = (target == 2).then(|| action_path_indexes(path).unwrap_or_default());
    (target, trigger, indexes)
}

/// An action path's indexes, through the program's public getters.
fn action_path_indexes(path: Obj) -> Result<Vec<u64>, HostError> {
    if path.is_null() {
        return Ok(Vec::new());
    }
    let mut count: usize = 0;
    ok(host!(
        "lttng_action_path_get_index_count",
        fn(Obj, *mut usize) -> c_int,
        path,
        &mut count
    ))?;
    (0..count)
        .map(|i| {
            let mut index: u64 = 0;
            ok(host!(
                "lttng_action_path_get_index_at_index",
                fn(Obj, usize, *mut u64) -> c_int,
                path,
                i,
                &mut index
            ))?;
            Ok(index)
        })
        .collect()
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
fn destroy_lookup_method(o: Obj) {
    destroy_with("lttng_userspace_probe_location_lookup_method_destroy\0", o);
}
fn destroy_userspace_location(o: Obj) {
    destroy_with("lttng_userspace_probe_location_destroy\0", o);
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
        EventRule::KernelUprobe { name, location } => {
            // The program's location opens the binary itself, as upstream's does.
            let lookup = match location.lookup {
                LookupMethod::FunctionElf => host!(
                    "lttng_userspace_probe_location_lookup_method_function_elf_create",
                    fn() -> Obj,
                ),
                LookupMethod::TracepointSdt => host!(
                    "lttng_userspace_probe_location_lookup_method_tracepoint_sdt_create",
                    fn() -> Obj,
                ),
            };
            let lookup = Owned::new(lookup, destroy_lookup_method)?;
            let binary = cstring(&location.binary_path)?;
            let loc = match &location.probe {
                UserspaceProbe::Function { function } => {
                    let f = cstring(function)?;
                    host!(
                        "lttng_userspace_probe_location_function_create",
                        fn(*const c_char, *const c_char, Obj) -> Obj,
                        binary.as_ptr(),
                        f.as_ptr(),
                        lookup.obj
                    )
                }
                UserspaceProbe::Tracepoint { probe, provider } => {
                    let (probe, provider) = (cstring(probe)?, cstring(provider)?);
                    // Upstream's definition takes the provider second, the probe third.
                    host!(
                        "lttng_userspace_probe_location_tracepoint_create",
                        fn(*const c_char, *const c_char, *const c_char, Obj) -> Obj,
                        binary.as_ptr(),
                        provider.as_ptr(),
                        probe.as_ptr(),
                        lookup.obj
                    )
                }
            };
            // The location owns the lookup method once created.
            let loc = Owned::new(loc, destroy_userspace_location)?;
            lookup.release();
            let r = Owned::new(
                host!(
                    "lttng_event_rule_kernel_uprobe_create",
                    fn(Obj) -> Obj,
                    loc.obj
                ),
                destroy_rule,
            )?;
            if let Some(n) = name {
                let n = cstring(n)?;
                ok(host!(
                    "lttng_event_rule_kernel_uprobe_set_event_name",
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
    let ht = unsafe { HostTrigger::new(trigger.obj) };
    ht.set_name(t.name.as_deref())?;
    ht.set_uid(u32::try_from(t.uid).map_err(|_| HostError::Failed)?);
    if t.is_hidden {
        // SAFETY: a live trigger of the program (no public setter).
        unsafe { (*ht.raw()).is_hidden = true };
    }
    Ok(trigger)
}

/// A trigger of the program built from its decoded form, owned by the caller (released by
/// the program's `lttng_trigger_destroy`).
pub fn new_trigger(t: &Trigger) -> Result<*mut c_void, HostError> {
    build_trigger(t).map(Owned::release)
}

/// A `malloc`'d pointer array (upstream's `lttng_dynamic_pointer_array`) owning `items`,
/// each released with `destructor` by the program's code.
fn pointer_array(
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
        array: layout::DynamicArray {
            buffer: layout::DynamicBuffer {
                data: data.cast(),
                size: bytes,
                _capacity: bytes,
            },
            element_size: size_of::<*mut c_void>(),
            size: items.len(),
            destructor: Some(destructor),
        },
    })
}

/// A `calloc`'d container holding `array` (a `struct lttng_triggers` or
/// `struct lttng_error_query_results`: both are one pointer array).
fn boxed_array(array: PointerArray) -> Result<*mut c_void, HostError> {
    let container =
        crate::ffi::alloc::calloc_bytes(size_of::<PointerArray>()).cast::<PointerArray>();
    if container.is_null() {
        // SAFETY: the block from `pointer_array`, not handed out.
        unsafe { libc::free(array.array.buffer.data.cast()) };
        return Err(HostError::Failed);
    }
    // SAFETY: fresh allocation of the right size.
    unsafe { container.write(array) };
    Ok(container.cast())
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
    let container = boxed_array(pointer_array(&items, destroy)?)?;
    built.into_iter().for_each(|o| {
        o.release();
    });
    Ok(container)
}

/// The destructor of a result in a result set (called by the program's
/// `lttng_error_query_results_destroy`).
unsafe extern "C" fn destroy_result(p: *mut c_void) {
    if p.is_null() {
        return;
    }
    let r = p.cast::<ErrorQueryResultCounter>();
    // SAFETY: a result built by `build_results`: its strings and itself are calloc'd.
    unsafe {
        libc::free((*r).parent.name.cast());
        libc::free((*r).parent.description.cast());
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
        let r = crate::ffi::alloc::calloc_array::<ErrorQueryResultCounter>(1);
        if r.is_null() {
            return Err(fail(&items));
        }
        items.push(r.cast());
        let (name, description) = (
            crate::ffi::alloc::strdup(&q.name),
            crate::ffi::alloc::strdup(&q.description),
        );
        // SAFETY: fresh zeroed allocation of a counter result.
        unsafe {
            r.write(ErrorQueryResultCounter {
                parent: layout::ErrorQueryResult {
                    r#type: 0,
                    name,
                    description,
                },
                value: q.value,
            })
        };
        if name.is_null() || description.is_null() {
            return Err(fail(&items));
        }
    }
    let array = pointer_array(&items, destroy_result).map_err(|_| fail(&items))?;
    boxed_array(array).map_err(|_| fail(&items))
}
