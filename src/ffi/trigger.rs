//! Exports of `lttng/trigger/trigger.h` and `lttng/error-query.h`, and the ELF helpers
//! upstream exports for the userspace-probe code of its tools.
//!
//! Triggers, trigger sets, error queries and their results are nodes (`ffi::object`): a
//! trigger takes a reference to its condition and action (the caller may release its own
//! right after `lttng_trigger_create`, and changes made through them afterwards show in the
//! trigger, as upstream); a listing holds a reference to each trigger it lends; an error
//! query holds a copy of its trigger taken when the query is created (upstream copies it).
//!
//! A pointer that is not one of this library's objects may be one of the calling program's
//! own copy of upstream's code (the `lttng` CLI links it statically and exports it, so its
//! objects reach the registration, listing and error-query exports): `trigger_host` serves
//! those. In a program without such a copy, such a pointer is refused as invalid. The ELF
//! helpers report failure (the CLI imports but never calls them).

use std::ffi::{CString, c_char, c_int, c_uint, c_void};

use crate::client::trigger;
use crate::ffi::action::{
    action_at_path, action_from_model, action_to_model, c_string, lttng_action, lttng_action_path,
    model_action_at_path,
};
use crate::ffi::boundary::{OnBadArg, ffi_boundary, opt_arg_str, out_arg};
use crate::ffi::condition::{condition_from_model, condition_to_model, lttng_condition};
use crate::ffi::object::{Shared, c_object, from_c, node, release_c};
use crate::ffi::trigger_host::{self as host, HostTrigger};
use crate::ffi::types::lttng_error_code;
use crate::model::error::ErrorCode;
use crate::model::trigger::{QueryResult, Trigger, query_target};

pub use crate::ffi::status::{
    lttng_error_query_result_status, lttng_error_query_result_type,
    lttng_error_query_results_status, lttng_trigger_status,
};

/// A trigger's data: its condition and action (shared with the caller, as upstream), name
/// and owner.
#[derive(Debug)]
pub struct TriggerData {
    /// Name (`None` until set or registered).
    pub name: Option<CString>,
    /// Owner uid (`None`: unset, the caller's effective uid at registration).
    pub owner: Option<u32>,
    /// Hidden from listings (session daemon internal).
    pub hidden: bool,
    /// The condition.
    pub condition: Shared<lttng_condition>,
    /// The action.
    pub action: Shared<lttng_action>,
}

c_object!(
    /// `struct lttng_trigger` (opaque). A pointer that is not one of this library's triggers
    /// may be one of the calling program's own copy of upstream's code (`trigger_host`).
    lttng_trigger => TriggerData
);

c_object!(
    /// `struct lttng_triggers` (opaque): the triggers of a listing.
    lttng_triggers => Vec<Shared<lttng_trigger>>
);

/// An error query's data: what it asks about, and the copy of the trigger it was made for.
#[derive(Debug)]
pub struct QueryData {
    /// One of [`query_target`].
    pub target: i8,
    /// The trigger as it was when the query was made; its `uid` counts only when `owned`.
    pub trigger: Trigger,
    /// The trigger had an owner (it was registered, or its owner set) when copied.
    pub owned: bool,
    /// ACTION target: the path of list indexes to the action.
    pub path: Option<Vec<u64>>,
}

c_object!(
    /// `struct lttng_error_query` (opaque).
    lttng_error_query => QueryData
);

/// One error-query result, with the C strings its getters lend.
#[derive(Debug)]
pub struct ResultData {
    /// Name.
    pub name: CString,
    /// Description.
    pub description: CString,
    /// Counter value.
    pub value: u64,
}

c_object!(
    /// `struct lttng_error_query_result` (opaque).
    lttng_error_query_result => ResultData
);

c_object!(
    /// `struct lttng_error_query_results` (opaque).
    lttng_error_query_results => Vec<Shared<lttng_error_query_result>>
);

/// Upstream's `struct lttng_endpoint`.
#[repr(C)]
pub struct lttng_endpoint {
    _private: [u8; 0],
}

fn euid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

fn code(c: ErrorCode) -> c_int {
    c as c_int
}

/// A new trigger node from a model value (a listed or notified trigger).
pub fn trigger_from_model(trigger: &Trigger) -> Shared<lttng_trigger> {
    Shared::new(TriggerData {
        name: trigger.name.as_deref().map(c_string),
        owner: u32::try_from(trigger.uid).ok(),
        hidden: trigger.is_hidden,
        condition: condition_from_model(&trigger.condition),
        action: action_from_model(&trigger.action),
    })
}

/// The model value of a trigger node; `None` while its condition or action is invalid. An
/// owner that is not set yet is the caller's effective uid (as registration sets it).
pub fn trigger_to_model(trigger: &Shared<lttng_trigger>) -> Option<Trigger> {
    let (name, owner, hidden, condition, action) = {
        let t = trigger.lock();
        (
            t.name.as_ref().map(|n| n.to_string_lossy().into_owned()),
            t.owner,
            t.hidden,
            t.condition.clone(),
            t.action.clone(),
        )
    };
    Some(Trigger {
        uid: u64::from(owner.unwrap_or_else(euid)),
        name,
        is_hidden: hidden,
        condition: condition_to_model(&condition)?,
        action: action_to_model(&action)?,
    })
}

/// The calling program's trigger behind a pointer that is not one of ours: `Err` with the
/// negative code for NULL or when the program carries no upstream trigger code
/// (-LTTNG_ERR_INVALID), or when it carries a copy whose objects failed the run-time check
/// (-LTTNG_ERR_NOT_SUPPORTED: never read with a layout that does not match).
///
/// # Safety
/// `trigger` is NULL or a live trigger of the calling program (the exports' contract).
unsafe fn host_trigger(trigger: *const lttng_trigger) -> Result<HostTrigger, c_int> {
    if trigger.is_null() || !host::present() {
        return Err(-code(ErrorCode::Invalid));
    }
    if !host::available() {
        return Err(-code(ErrorCode::NotSupported));
    }
    // SAFETY: this function's contract, and the program's trigger code is there.
    Ok(unsafe { HostTrigger::new(trigger.cast_mut().cast()) })
}

/// A trigger registration and unregistration can work on: one of ours or the program's.
trait Registrable {
    /// True when the trigger has a name.
    fn named(&self) -> bool;
    /// Replaces the name.
    fn set_name(&self, name: Option<&str>) -> Result<(), ()>;
    /// The owner, if set.
    fn uid(&self) -> Option<u32>;
    /// Sets the owner.
    fn set_uid(&self, uid: u32);
    /// Checks, serializes and sends the registration; the daemon's name for the trigger or
    /// the negative code.
    fn send_register(&self, anonymous: bool) -> Result<Option<String>, c_int>;
    /// Checks, serializes (owned by `uid`) and sends the unregistration; the negative code
    /// on failure.
    fn send_unregister(&self, uid: u32) -> Result<(), c_int>;
}

impl Registrable for Shared<lttng_trigger> {
    fn named(&self) -> bool {
        self.lock().name.is_some()
    }
    fn set_name(&self, name: Option<&str>) -> Result<(), ()> {
        self.lock().name = name.map(c_string);
        Ok(())
    }
    fn uid(&self) -> Option<u32> {
        self.lock().owner
    }
    fn set_uid(&self, uid: u32) {
        self.lock().owner = Some(uid);
    }
    fn send_register(&self, anonymous: bool) -> Result<Option<String>, c_int> {
        let model = trigger_to_model(self).ok_or(-code(ErrorCode::InvalidTrigger))?;
        trigger::register(&model, anonymous).map_err(|e| e.api_value())
    }
    fn send_unregister(&self, uid: u32) -> Result<(), c_int> {
        let mut model = trigger_to_model(self).ok_or(-code(ErrorCode::InvalidTrigger))?;
        model.uid = u64::from(uid);
        trigger::unregister(&model).map_err(|e| e.api_value())
    }
}

impl Registrable for HostTrigger {
    fn named(&self) -> bool {
        self.name().is_some()
    }
    fn set_name(&self, name: Option<&str>) -> Result<(), ()> {
        HostTrigger::set_name(*self, name).map_err(|_| ())
    }
    fn uid(&self) -> Option<u32> {
        HostTrigger::uid(*self)
    }
    fn set_uid(&self, uid: u32) {
        HostTrigger::set_uid(*self, uid)
    }
    fn send_register(&self, anonymous: bool) -> Result<Option<String>, c_int> {
        if !self.validates() {
            return Err(-code(ErrorCode::InvalidTrigger));
        }
        let uid = HostTrigger::uid(*self).unwrap_or_else(euid);
        let s = self
            .serialize(uid, self.hidden())
            .map_err(|_| -code(ErrorCode::Unk))?;
        trigger::register_serialized(&s, self.domain(), anonymous).map_err(|e| e.api_value())
    }
    fn send_unregister(&self, uid: u32) -> Result<(), c_int> {
        if !self.validates() {
            return Err(-code(ErrorCode::InvalidTrigger));
        }
        let s = self
            .serialize(uid, self.hidden())
            .map_err(|_| -code(ErrorCode::Unk))?;
        trigger::unregister_serialized(&s).map_err(|e| e.api_value())
    }
}

/// Upstream's registration (`_lttng_register_trigger`): a trigger that has a name already is
/// refused (-LTTNG_ERR_INVALID, nothing sent); `name` is set first and unset again on
/// failure; an unset owner becomes the caller's effective uid, another owner is refused for
/// a caller that is not root (-LTTNG_ERR_EPERM); an invalid trigger is
/// -LTTNG_ERR_INVALID_TRIGGER. On success a named or automatically named trigger takes the
/// name the daemon answered. 0 or a negative code.
fn register(t: &dyn Registrable, name: Option<&str>, generate_name: bool) -> c_int {
    if t.named() {
        return -code(ErrorCode::Invalid);
    }
    if let Some(n) = name {
        if t.set_name(Some(n)).is_err() {
            return -code(ErrorCode::Nomem);
        }
    }
    let me = euid();
    let sent = match t.uid() {
        None => {
            t.set_uid(me);
            t.send_register(name.is_none() && !generate_name)
        }
        Some(uid) if uid != me && me != 0 => Err(-code(ErrorCode::Eperm)),
        Some(_) => t.send_register(name.is_none() && !generate_name),
    };
    let ret = match sent {
        Ok(reply_name) if name.is_some() || generate_name => {
            return match t.set_name(reply_name.as_deref()) {
                Ok(()) => 0,
                Err(()) => -code(ErrorCode::Nomem),
            };
        }
        Ok(_) => return 0,
        Err(e) => e,
    };
    match t.set_name(None) {
        Ok(()) => ret,
        Err(()) => -code(ErrorCode::Unk),
    }
}

/// Upstream's unregistration: the trigger's copy is sent (owned by the caller's effective
/// uid when unset; another owner is refused for a caller that is not root); the trigger
/// itself is not changed. 0 or a negative code.
fn unregister(t: &dyn Registrable) -> c_int {
    let me = euid();
    let uid = match t.uid() {
        None => me,
        Some(uid) if uid != me && me != 0 => return -code(ErrorCode::Eperm),
        Some(uid) => uid,
    };
    match t.send_unregister(uid) {
        Ok(()) => 0,
        Err(e) => e,
    }
}

/// Registers `trigger`, one of ours or the calling program's: 0 or a negative code.
///
/// # Safety
/// `trigger` is NULL, a trigger of this library or a live trigger of the calling program.
unsafe fn register_any(trigger: *mut lttng_trigger, name: Option<&str>, generate: bool) -> c_int {
    if let Some(t) = from_c(trigger.cast_const()) {
        return register(&t, name, generate);
    }
    // SAFETY: this function's contract: not ours, so NULL or the program's.
    match unsafe { host_trigger(trigger) } {
        Ok(t) => register(&t, name, generate),
        Err(r) => r,
    }
}

/// LTTNG_OK for 0, else the code (positive), as the `_with_*` registrations answer.
fn error_code(ret: c_int) -> lttng_error_code {
    if ret == 0 {
        lttng_error_code::OK
    } else {
        lttng_error_code(-ret)
    }
}

/// A new trigger of `condition` and `action`, owned by the caller (`lttng_trigger_destroy`).
/// The trigger takes a reference to each: the caller keeps its own. NULL when either is NULL
/// (or not a live object of this library).
///
/// # Safety
/// `condition` is NULL or a condition; `action` NULL or an action.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_trigger_create(
    condition: *mut lttng_condition,
    action: *mut lttng_action,
) -> *mut lttng_trigger {
    ffi_boundary!({
        let condition = node!(condition.cast_const());
        let action = node!(action.cast_const());
        Shared::new(TriggerData {
            name: None,
            owner: None,
            hidden: false,
            condition,
            action,
        })
        .into_c()
    })
}

/// Sets the trigger's owner. PERMISSION_DENIED for another uid than the caller's effective
/// uid unless the caller is root (checked here as upstream does, and again by the daemon).
///
/// # Safety
/// `trigger` is NULL or a trigger.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_trigger_set_owner_uid(
    trigger: *mut lttng_trigger,
    uid: u32,
) -> lttng_trigger_status {
    ffi_boundary!({
        let t = node!(trigger.cast_const());
        let me = euid();
        if me != 0 && me != uid {
            return lttng_trigger_status::PERMISSION_DENIED;
        }
        t.lock().owner = Some(uid);
        lttng_trigger_status::OK
    })
}

/// The trigger's owner, through `uid`; UNSET before it was set or the trigger registered.
///
/// # Safety
/// `trigger` is NULL or a trigger; `uid` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_trigger_get_owner_uid(
    trigger: *const lttng_trigger,
    uid: *mut u32,
) -> lttng_trigger_status {
    ffi_boundary!({
        let t = node!(trigger);
        let out = out_arg!(uid);
        match t.lock().owner {
            Some(u) => {
                out.write(u);
                lttng_trigger_status::OK
            }
            None => lttng_trigger_status::UNSET,
        }
    })
}

/// Lends the trigger's condition (valid while the trigger lives); NULL for NULL.
///
/// # Safety
/// `trigger` is NULL or a trigger.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_trigger_get_condition(
    trigger: *mut lttng_trigger,
) -> *mut lttng_condition {
    ffi_boundary!({ node!(trigger.cast_const()).lock().condition.as_c() })
}

/// Lends the trigger's condition (valid while the trigger lives); NULL for NULL.
///
/// # Safety
/// `trigger` is NULL or a trigger.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_trigger_get_const_condition(
    trigger: *const lttng_trigger,
) -> *const lttng_condition {
    ffi_boundary!({ node!(trigger).lock().condition.as_c().cast_const() })
}

/// Lends the trigger's action (valid while the trigger lives); NULL for NULL.
///
/// # Safety
/// `trigger` is NULL or a trigger.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_trigger_get_action(
    trigger: *mut lttng_trigger,
) -> *mut lttng_action {
    ffi_boundary!({ node!(trigger.cast_const()).lock().action.as_c() })
}

/// Lends the trigger's action (valid while the trigger lives); NULL for NULL.
///
/// # Safety
/// `trigger` is NULL or a trigger.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_trigger_get_const_action(
    trigger: *const lttng_trigger,
) -> *const lttng_action {
    ffi_boundary!({ node!(trigger).lock().action.as_c().cast_const() })
}

/// Lends the trigger's name through `name` (valid until the trigger is renamed by a
/// registration, or released); UNSET, with NULL written, while it has none (before a named
/// or automatically named registration).
///
/// # Safety
/// `trigger` is NULL or a trigger; `name` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_trigger_get_name(
    trigger: *const lttng_trigger,
    name: *mut *const c_char,
) -> lttng_trigger_status {
    ffi_boundary!({
        let t = node!(trigger);
        let out = out_arg!(name);
        match &t.lock().name {
            Some(n) => {
                out.write(n.as_ptr());
                lttng_trigger_status::OK
            }
            None => {
                out.write(std::ptr::null());
                lttng_trigger_status::UNSET
            }
        }
    })
}

/// Gives back the caller's reference to a trigger (its condition and action go with the
/// last reference). NULL, a borrowed pointer or one already given back is ignored.
///
/// # Safety
/// `trigger` is NULL or a trigger.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_trigger_destroy(trigger: *mut lttng_trigger) {
    ffi_boundary!({
        release_c(trigger.cast_const());
    })
}

/// Registers a trigger anonymously (deprecated upstream: the trigger gets no name). 0 or a
/// negative code. The trigger stays the caller's; its owner is set to the caller's effective
/// uid when it was unset.
///
/// # Safety
/// `trigger` is NULL, a trigger of this library or a live trigger of the calling program.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_register_trigger(trigger: *mut lttng_trigger) -> c_int {
    ffi_boundary!({
        // SAFETY: the export's contract.
        unsafe { register_any(trigger, None, false) }
    })
}

/// Registers a trigger under `name` (NULL registers it anonymously, as upstream). On
/// success the trigger holds the daemon's name for it. LTTNG_OK or an error code
/// (positive). The trigger stays the caller's (release it with `lttng_trigger_destroy`).
///
/// # Safety
/// `trigger` is NULL, a trigger of this library or a live trigger of the calling program;
/// `name` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_register_trigger_with_name(
    trigger: *mut lttng_trigger,
    name: *const c_char,
) -> lttng_error_code {
    ffi_boundary!({
        let name = opt_arg_str!(name);
        // SAFETY: the export's contract.
        error_code(unsafe { register_any(trigger, name, false) })
    })
}

/// Registers a trigger under a name the daemon generates, stored in the trigger.
/// LTTNG_OK or an error code (positive). The trigger stays the caller's.
///
/// # Safety
/// `trigger` is NULL, a trigger of this library or a live trigger of the calling program.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_register_trigger_with_automatic_name(
    trigger: *mut lttng_trigger,
) -> lttng_error_code {
    ffi_boundary!({
        // SAFETY: the export's contract.
        error_code(unsafe { register_any(trigger, None, true) })
    })
}

/// Unregisters a trigger (matched by the daemon on its name and owner). 0 or a negative
/// code. The trigger stays the caller's, unchanged.
///
/// # Safety
/// `trigger` is NULL, a trigger of this library or a live trigger of the calling program.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_unregister_trigger(trigger: *const lttng_trigger) -> c_int {
    ffi_boundary!({
        if let Some(t) = from_c(trigger) {
            return unregister(&t);
        }
        // SAFETY: the export's contract: not ours, so NULL or the program's.
        match unsafe { host_trigger(trigger) } {
            Ok(t) => unregister(&t),
            Err(r) => r,
        }
    })
}

/// Lists the caller's triggers into `*triggers` (written only on success; released with
/// `lttng_triggers_destroy`). LTTNG_OK or an error code (positive); LTTNG_ERR_FATAL for a
/// reply that cannot be decoded. In a program that carries upstream's trigger code, the set
/// is built with it (the program reads it with its own functions).
///
/// # Safety
/// `triggers` is NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_list_triggers(
    triggers: *mut *mut lttng_triggers,
) -> lttng_error_code {
    ffi_boundary!({
        let out = out_arg!(triggers);
        let list = match trigger::list() {
            Ok(l) => l,
            Err(e) => return lttng_error_code::of(e),
        };
        if host::present() {
            // The program reads the set with its own copy of upstream's getters: it must be
            // in that copy's layout, which is used only once the run-time check passed.
            if !host::available() {
                return lttng_error_code::from(ErrorCode::NotSupported);
            }
            return match host::build_triggers(&list) {
                Ok(set) => {
                    out.write(set.cast());
                    lttng_error_code::OK
                }
                Err(_) => lttng_error_code::from(ErrorCode::Fatal),
            };
        }
        let set: Vec<_> = list.iter().map(trigger_from_model).collect();
        out.write(Shared::<lttng_triggers>::new(set).into_c());
        lttng_error_code::OK
    })
}

/// Lends the trigger at `index` of a listing (valid while the listing lives); NULL for NULL
/// or an index out of range.
///
/// # Safety
/// `triggers` is NULL or a trigger set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_triggers_get_at_index(
    triggers: *const lttng_triggers,
    index: c_uint,
) -> *const lttng_trigger {
    ffi_boundary!({
        node!(triggers)
            .lock()
            .get(index as usize)
            .map_or(std::ptr::null(), |t| t.as_c().cast_const())
    })
}

/// The number of triggers of a listing, through `count`.
///
/// # Safety
/// `triggers` is NULL or a trigger set; `count` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_triggers_get_count(
    triggers: *const lttng_triggers,
    count: *mut c_uint,
) -> lttng_trigger_status {
    ffi_boundary!({
        let set = node!(triggers);
        let out = out_arg!(count);
        out.write(set.lock().len() as c_uint);
        lttng_trigger_status::OK
    })
}

/// Releases a listing and its references to the triggers (NULL is ignored).
///
/// # Safety
/// `triggers` is NULL or a trigger set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_triggers_destroy(triggers: *mut lttng_triggers) {
    ffi_boundary!({
        release_c(triggers.cast_const());
    })
}

/// A new query about `trigger` (a copy of it as it stands now), owned by the caller
/// (`lttng_error_query_destroy`); NULL for NULL or an invalid trigger.
fn new_query(
    trigger: *const lttng_trigger,
    target: i8,
    path: Option<Vec<u64>>,
) -> *mut lttng_error_query {
    let t = node!(trigger);
    if let Some(p) = &path {
        let action = t.lock().action.clone();
        if action_at_path(&action, p).is_none() {
            return std::ptr::null_mut();
        }
    }
    let owned = t.lock().owner.is_some();
    // Upstream copies the trigger through its serialization: one that cannot travel (a
    // listed uprobe rule without its binary's descriptor) gives no query.
    let Some(model) = trigger_to_model(&t).filter(trigger::can_serialize) else {
        return std::ptr::null_mut();
    };
    Shared::new(QueryData {
        target,
        trigger: model,
        owned,
        path,
    })
    .into_c()
}

/// A new query of the errors of a trigger (a copy of it is kept), owned by the caller; NULL
/// for NULL or an invalid trigger.
///
/// # Safety
/// `trigger` is NULL or a trigger.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_error_query_trigger_create(
    trigger: *const lttng_trigger,
) -> *mut lttng_error_query {
    ffi_boundary!({ new_query(trigger, query_target::TRIGGER, None) })
}

/// A new query of the errors of a trigger's condition (a copy of the trigger is kept),
/// owned by the caller; NULL for NULL or an invalid trigger.
///
/// # Safety
/// `trigger` is NULL or a trigger.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_error_query_condition_create(
    trigger: *const lttng_trigger,
) -> *mut lttng_error_query {
    ffi_boundary!({ new_query(trigger, query_target::CONDITION, None) })
}

/// A new query of the errors of the trigger's action at `action_path` (copied, as is the
/// trigger), owned by the caller; NULL for NULL, an invalid trigger, a path that names no
/// action of it, or the empty path: upstream's library aborts copying an empty path, and
/// lttng-sessiond 2.13.9 aborts on such a query, so it is never made.
///
/// # Safety
/// `trigger` is NULL or a trigger; `action_path` NULL or an action path.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_error_query_action_create(
    trigger: *const lttng_trigger,
    action_path: *const lttng_action_path,
) -> *mut lttng_error_query {
    ffi_boundary!({
        let path = node!(action_path).lock().clone();
        if path.is_empty() {
            return std::ptr::null_mut();
        }
        new_query(trigger, query_target::ACTION, Some(path))
    })
}

/// Releases an error query (NULL is ignored).
///
/// # Safety
/// `query` is NULL or an error query.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_error_query_destroy(query: *mut lttng_error_query) {
    ffi_boundary!({
        release_c(query.cast_const());
    })
}

/// Runs one of our queries: the results, or the error code.
fn execute_ours(query: &Shared<lttng_error_query>) -> Result<Vec<QueryResult>, lttng_error_code> {
    // A copy, so that no lock is held during the exchange.
    let (target, t, owned, path) = {
        let q = query.lock();
        (q.target, q.trigger.clone(), q.owned, q.path.clone())
    };
    // Upstream's query refuses to serialize a trigger without owner (never registered).
    let valid = owned
        && match &path {
            Some(p) => model_action_at_path(&t.action, p).is_some(),
            None => true,
        };
    if !valid {
        return Err(ErrorCode::Unk.into());
    }
    trigger::error_query(target, &t, path.as_deref()).map_err(lttng_error_code::of)
}

/// Runs a query of the calling program's: the results built with its code, or the code.
///
/// # Safety
/// `query` is a live error query of the calling program, whose trigger code is there.
unsafe fn execute_host(query: *const lttng_error_query) -> Result<*mut c_void, lttng_error_code> {
    // SAFETY: this function's contract.
    let (target, t, path) = unsafe { host::query_parts(query.cast()) };
    if t.is_null() {
        return Err(ErrorCode::Unk.into());
    }
    // SAFETY: a live query holds a live trigger of the program.
    let t = unsafe { HostTrigger::new(t.cast_mut()) };
    let Some(uid) = t.uid().filter(|_| t.validates()) else {
        return Err(ErrorCode::Unk.into());
    };
    let s = t
        .serialize(uid, t.hidden())
        .map_err(|_| lttng_error_code::from(ErrorCode::Unk))?;
    let list = trigger::error_query_serialized(target as i8, &s, path.as_deref())
        .map_err(lttng_error_code::of)?;
    host::build_results(&list).map_err(|_| ErrorCode::Nomem.into())
}

/// Runs an error query on the session daemon (`endpoint` must be
/// `lttng_session_daemon_command_endpoint`, else LTTNG_ERR_INVALID_ERROR_QUERY_TARGET) and
/// stores its results in `*results` (written only on success; release with
/// `lttng_error_query_results_destroy`). LTTNG_OK or an error code (positive):
/// LTTNG_ERR_UNK for a query about a trigger that had no owner when the query was made (never
/// registered), LTTNG_ERR_INVALID_PROTOCOL for a reply that cannot be decoded.
///
/// # Safety
/// `query` is NULL, an error query of this library or a live error query of the calling
/// program; `results` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_error_query_execute(
    query: *const lttng_error_query,
    endpoint: *const lttng_endpoint,
    results: *mut *mut lttng_error_query_results,
) -> lttng_error_code {
    ffi_boundary!({
        if query.is_null() {
            return OnBadArg::on_bad_arg();
        }
        let out = out_arg!(results);
        if endpoint != (&raw const COMMAND_ENDPOINT).cast() {
            return lttng_error_code::from(ErrorCode::InvalidErrorQueryTarget);
        }
        if let Some(q) = from_c(query) {
            return match execute_ours(&q) {
                Ok(list) => {
                    let set = list
                        .into_iter()
                        .map(|r| {
                            Shared::new(ResultData {
                                name: c_string(&r.name),
                                description: c_string(&r.description),
                                value: r.value,
                            })
                        })
                        .collect();
                    out.write(Shared::<lttng_error_query_results>::new(set).into_c());
                    lttng_error_code::OK
                }
                Err(e) => e,
            };
        }
        if !host::present() {
            return OnBadArg::on_bad_arg();
        }
        if !host::available() {
            return lttng_error_code::from(ErrorCode::NotSupported);
        }
        // SAFETY: the export's contract: not ours, so a live query of the program, whose
        // trigger code is there.
        match unsafe { execute_host(query) } {
            Ok(r) => {
                out.write(r.cast());
                lttng_error_code::OK
            }
            Err(e) => e,
        }
    })
}

/// The number of results, through `count`.
///
/// # Safety
/// `results` is NULL or a result set; `count` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_error_query_results_get_count(
    results: *const lttng_error_query_results,
    count: *mut c_uint,
) -> lttng_error_query_results_status {
    ffi_boundary!({
        let set = node!(results);
        let out = out_arg!(count);
        out.write(set.lock().len() as c_uint);
        lttng_error_query_results_status::OK
    })
}

/// Lends the result at `index` through `result` (valid while the set lives);
/// INVALID_PARAMETER past the end.
///
/// # Safety
/// `results` is NULL or a result set; `result` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_error_query_results_get_result(
    results: *const lttng_error_query_results,
    result: *mut *const lttng_error_query_result,
    index: c_uint,
) -> lttng_error_query_results_status {
    ffi_boundary!({
        let set = node!(results);
        let out = out_arg!(result);
        match set.lock().get(index as usize) {
            Some(r) => {
                out.write(r.as_c().cast_const());
                lttng_error_query_results_status::OK
            }
            None => lttng_error_query_results_status::INVALID_PARAMETER,
        }
    })
}

/// Releases a result set (NULL is ignored).
///
/// # Safety
/// `results` is NULL or a result set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_error_query_results_destroy(
    results: *mut lttng_error_query_results,
) {
    ffi_boundary!({
        release_c(results.cast_const());
    })
}

/// The result's type (COUNTER: the only one upstream has); UNKNOWN for NULL.
///
/// # Safety
/// `result` is NULL or a result.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_error_query_result_get_type(
    result: *const lttng_error_query_result,
) -> lttng_error_query_result_type {
    ffi_boundary!({
        let _ = node!(result);
        lttng_error_query_result_type::COUNTER
    })
}

/// Lends the result's name (valid while its set lives).
///
/// # Safety
/// `result` is NULL or a result; `name` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_error_query_result_get_name(
    result: *const lttng_error_query_result,
    name: *mut *const c_char,
) -> lttng_error_query_result_status {
    ffi_boundary!({
        let r = node!(result);
        let out = out_arg!(name);
        out.write(r.lock().name.as_ptr());
        lttng_error_query_result_status::OK
    })
}

/// Lends the result's description (valid while its set lives).
///
/// # Safety
/// `result` is NULL or a result; `description` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_error_query_result_get_description(
    result: *const lttng_error_query_result,
    description: *mut *const c_char,
) -> lttng_error_query_result_status {
    ffi_boundary!({
        let r = node!(result);
        let out = out_arg!(description);
        out.write(r.lock().description.as_ptr());
        lttng_error_query_result_status::OK
    })
}

/// The counter's value, through `value`.
///
/// # Safety
/// `result` is NULL or a result; `value` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_error_query_result_counter_get_value(
    result: *const lttng_error_query_result,
    value: *mut u64,
) -> lttng_error_query_result_status {
    ffi_boundary!({
        let r = node!(result);
        let out = out_arg!(value);
        out.write(r.lock().value);
        lttng_error_query_result_status::OK
    })
}

/// Offset of `symbol` in the ELF file `fd`. Not implemented yet: -1.
///
/// # Safety
/// Arguments are not dereferenced.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_elf_get_symbol_offset(
    _fd: c_int,
    _symbol: *mut c_char,
    _offset: *mut u64,
) -> c_int {
    ffi_boundary!(panic = -1, { -1 })
}

/// Offsets of an SDT probe in the ELF file `fd`. Not implemented yet: -1.
///
/// # Safety
/// Arguments are not dereferenced.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_elf_get_sdt_probe_offsets(
    _fd: c_int,
    _provider_name: *const c_char,
    _probe_name: *const c_char,
    _offsets: *mut *mut u64,
    _nb_probes: *mut u32,
) -> c_int {
    ffi_boundary!(panic = -1, { -1 })
}

/// A pointer exported as data for C (`struct lttng_endpoint *`).
#[repr(transparent)]
pub struct EndpointRef(*const lttng_endpoint);

// SAFETY: the pointer targets an immutable, zero-sized static and is never written.
unsafe impl Sync for EndpointRef {}

/// The object behind the endpoint pointers (only its address matters).
static COMMAND_ENDPOINT: u8 = 1;
static NOTIFICATION_ENDPOINT: u8 = 2;

/// The session daemon's command endpoint (`struct lttng_endpoint *const`), which programs
/// pass to `lttng_error_query_execute`. Its address is what identifies it.
#[unsafe(no_mangle)]
pub static lttng_session_daemon_command_endpoint: EndpointRef =
    EndpointRef((&raw const COMMAND_ENDPOINT).cast());

/// The session daemon's notification endpoint (`struct lttng_endpoint *const`).
#[unsafe(no_mangle)]
pub static lttng_session_daemon_notification_endpoint: EndpointRef =
    EndpointRef((&raw const NOTIFICATION_ENDPOINT).cast());

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::trigger::{Action, Condition, RatePolicy, action_type};
    use std::cell::{Cell, RefCell};

    fn model() -> Trigger {
        Trigger {
            uid: 1234,
            name: Some("t".into()),
            is_hidden: false,
            condition: Condition::Rotation {
                completed: false,
                session: "s".into(),
            },
            action: Action::List(vec![
                Action::Notify(RatePolicy { once: false, n: 2 }),
                Action::Session {
                    kind: action_type::STOP_SESSION,
                    session: Some("s".into()),
                    policy: RatePolicy { once: true, n: 1 },
                },
            ]),
        }
    }

    #[test]
    fn no_error_query_of_an_empty_action_path() {
        // lttng-sessiond 2.13.9 aborts on such a query; upstream's library aborts making it.
        let t = trigger_from_model(&model());
        let empty = Shared::<lttng_action_path>::new(Vec::new()).into_c();
        let first = Shared::<lttng_action_path>::new(vec![0]).into_c();
        // SAFETY: live objects of this library.
        unsafe {
            assert!(lttng_error_query_action_create(t.as_c(), empty).is_null());
            let q = lttng_error_query_action_create(t.as_c(), first);
            assert!(!q.is_null());
            lttng_error_query_destroy(q);
        }
        assert!(release_c(empty.cast_const()) && release_c(first.cast_const()));
    }

    #[test]
    fn triggers_round_trip_through_the_model() {
        let t = trigger_from_model(&model());
        assert_eq!(trigger_to_model(&t), Some(model()));
        assert_eq!(t.lock().owner, Some(1234));
    }

    #[test]
    fn queries_check_their_path_and_need_an_owner() {
        let t = trigger_from_model(&model());
        t.lock().owner = None;
        let c = t.as_c().cast_const();
        assert!(new_query(c, query_target::ACTION, Some(vec![2])).is_null());
        assert!(new_query(c, query_target::ACTION, Some(vec![1, 0])).is_null());
        let q = new_query(c, query_target::ACTION, Some(vec![1]));
        assert!(!q.is_null());
        // Made before the trigger had an owner: refused without any exchange.
        let err = execute_ours(&from_c(q.cast_const()).unwrap()).unwrap_err();
        assert_eq!(err, lttng_error_code::from(ErrorCode::Unk));
        // SAFETY: the query C owns.
        unsafe { lttng_error_query_destroy(q) };
    }

    /// A trigger whose exchanges answer what the test says.
    struct Fake {
        name: RefCell<Option<String>>,
        uid: Cell<Option<u32>>,
        answer: Result<Option<String>, c_int>,
        anonymous: Cell<Option<bool>>,
    }

    impl Fake {
        fn new(answer: Result<Option<String>, c_int>) -> Fake {
            Fake {
                name: RefCell::new(None),
                uid: Cell::new(None),
                answer,
                anonymous: Cell::new(None),
            }
        }
    }

    impl Registrable for Fake {
        fn named(&self) -> bool {
            self.name.borrow().is_some()
        }
        fn set_name(&self, name: Option<&str>) -> Result<(), ()> {
            *self.name.borrow_mut() = name.map(str::to_owned);
            Ok(())
        }
        fn uid(&self) -> Option<u32> {
            self.uid.get()
        }
        fn set_uid(&self, uid: u32) {
            self.uid.set(Some(uid));
        }
        fn send_register(&self, anonymous: bool) -> Result<Option<String>, c_int> {
            self.anonymous.set(Some(anonymous));
            self.answer.clone()
        }
        fn send_unregister(&self, _uid: u32) -> Result<(), c_int> {
            self.answer.clone().map(|_| ())
        }
    }

    #[test]
    fn registration_names_as_upstream() {
        // Named: the daemon's answer is stored; the owner becomes the caller.
        let t = Fake::new(Ok(Some("n".into())));
        assert_eq!(register(&t, Some("n"), false), 0);
        assert_eq!(t.name.borrow().as_deref(), Some("n"));
        assert_eq!(t.uid.get(), Some(euid()));
        assert_eq!(t.anonymous.get(), Some(false));
        // Named already: refused, nothing sent.
        let again = Fake::new(Ok(None));
        *again.name.borrow_mut() = Some("x".into());
        assert_eq!(register(&again, None, true), -code(ErrorCode::Invalid));
        assert_eq!(again.anonymous.get(), None);
        // Automatic: the generated name is copied back.
        let auto = Fake::new(Ok(Some("trigger7".into())));
        assert_eq!(register(&auto, None, true), 0);
        assert_eq!(auto.name.borrow().as_deref(), Some("trigger7"));
        // Anonymous: flagged, and no name kept.
        let anon = Fake::new(Ok(Some("ignored".into())));
        assert_eq!(register(&anon, None, false), 0);
        assert_eq!(anon.anonymous.get(), Some(true));
        assert!(anon.name.borrow().is_none());
        // A failure unsets the name given, and keeps the owner set.
        let refused = Fake::new(Err(-126));
        assert_eq!(register(&refused, Some("dup"), false), -126);
        assert!(refused.name.borrow().is_none());
        assert_eq!(refused.uid.get(), Some(euid()));
        assert_eq!(error_code(-126), lttng_error_code(126));
        assert_eq!(error_code(0), lttng_error_code::OK);
    }

    #[test]
    fn another_owner_needs_root() {
        let t = Fake::new(Ok(None));
        t.uid.set(Some(euid().wrapping_add(1)));
        let expected = if euid() == 0 {
            0
        } else {
            -code(ErrorCode::Eperm)
        };
        assert_eq!(register(&t, Some("n"), false), expected);
        assert_eq!(unregister(&t), expected);
        if expected != 0 {
            assert!(t.name.borrow().is_none());
        }
    }
}
