//! Exports of `lttng/action/*.h`: actions, rate policies and action paths.
//!
//! Nodes (`ffi::object`): an action is reference counted (a trigger or a list takes a
//! reference, `lttng_action_destroy` gives the caller's back); a rate policy and an action
//! path are plain objects their owner destroys. As upstream, an action keeps a *copy* of the
//! rate policy it is given and lends it back; a list keeps a reference to each action added
//! (changes made to it afterwards show in the list); a snapshot action takes ownership of the
//! `lttng_snapshot_output` it is given (`ffi::snapshot`'s object, released with the action)
//! and lends it back.
//!
//! Statuses are upstream's: INVALID for NULL, an object of another kind (a getter of a start
//! action called on a notify action, a pointer that is not a live object of this library) or
//! a refused value; UNSET where upstream has it (a snapshot action's session name and output).

use std::ffi::{CString, c_char, c_uint};
use std::ops::{Deref, DerefMut};

use crate::client::snapshot::SNAPSHOT_OUTPUT_LEN;
use crate::ffi::boundary::{self, arg_str, ffi_boundary, out_arg};
use crate::ffi::object::{Shared, c_object, from_c, node, release_c};
use crate::ffi::snapshot::{
    lttng_snapshot_output, lttng_snapshot_output_create, lttng_snapshot_output_destroy,
};
use crate::model::trigger::{Action, RatePolicy, action_type};

pub use crate::ffi::status::{
    lttng_action_path_status, lttng_action_status, lttng_action_type, lttng_rate_policy_status,
    lttng_rate_policy_type,
};

const OK: lttng_action_status = lttng_action_status::OK;
const INVALID: lttng_action_status = lttng_action_status::INVALID;
const UNSET: lttng_action_status = lttng_action_status::UNSET;

c_object!(
    /// `struct lttng_rate_policy` (opaque).
    lttng_rate_policy => RatePolicy
);

c_object!(
    /// `struct lttng_action_path` (opaque): the indexes of nested list actions leading to an
    /// action of a trigger.
    lttng_action_path => Vec<u64>
);

/// A snapshot output an action owns: an object of `ffi::snapshot`
/// (`lttng_snapshot_output_create`), released with the action.
#[derive(Debug)]
pub struct OwnedOutput(*mut lttng_snapshot_output);

// SAFETY: the output is plain memory (a packed C struct) that this value owns; the only
// accesses from Rust are reads while the owning action's mutex is held.
unsafe impl Send for OwnedOutput {}

impl Drop for OwnedOutput {
    fn drop(&mut self) {
        // SAFETY: a pointer from `lttng_snapshot_output_create`; the destructor ignores it
        // when the caller already released it (it is then no longer registered).
        unsafe { lttng_snapshot_output_destroy(self.0) }
    }
}

/// Offsets and sizes of the strings of `struct lttng_snapshot_output` (packed: `u32 id`,
/// `u64 max_size`, `name[255]`, `ctrl_url[4096]`, `data_url[4096]`).
const OUTPUT_NAME: (usize, usize) = (12, 255);
const OUTPUT_CTRL_URL: (usize, usize) = (267, 4096);
const OUTPUT_DATA_URL: (usize, usize) = (4363, 4096);
const _: () = assert!(OUTPUT_DATA_URL.0 + OUTPUT_DATA_URL.1 == SNAPSHOT_OUTPUT_LEN);

/// Zeroes what follows the terminator of the string at `field`; its length, or `None` when
/// no terminator is inside the field.
fn clean_string(bytes: &mut [u8], (offset, size): (usize, usize)) -> Option<usize> {
    let field = &mut bytes[offset..offset + size];
    let len = field.iter().position(|&b| b == 0)?;
    field[len..].fill(0);
    Some(len)
}

impl OwnedOutput {
    /// The output's bytes (its wire form, which is its C layout), what follows each string's
    /// terminator zeroed; `None` when upstream's `lttng_snapshot_output_validate` refuses it
    /// (no control URL, a string without terminator) or the caller released it.
    fn bytes(&self) -> Option<Vec<u8>> {
        if !boundary::is_live(self.0.cast_const()) {
            return None;
        }
        // SAFETY: a live output of `ffi::snapshot`: `SNAPSHOT_OUTPUT_LEN` bytes of plain data
        // (the struct is packed, alignment 1), not freed while registered.
        let raw = unsafe { std::slice::from_raw_parts(self.0.cast::<u8>(), SNAPSHOT_OUTPUT_LEN) };
        let mut bytes = raw.to_vec();
        let ctrl = clean_string(&mut bytes, OUTPUT_CTRL_URL)?;
        clean_string(&mut bytes, OUTPUT_DATA_URL)?;
        clean_string(&mut bytes, OUTPUT_NAME)?;
        (ctrl > 0).then_some(bytes)
    }

    /// A new output holding `bytes` (an output's wire form); `None` for another length or
    /// when memory is short.
    fn from_bytes(bytes: &[u8]) -> Option<OwnedOutput> {
        if bytes.len() != SNAPSHOT_OUTPUT_LEN {
            return None;
        }
        let mut clean = bytes.to_vec();
        for field in [OUTPUT_NAME, OUTPUT_CTRL_URL, OUTPUT_DATA_URL] {
            if clean_string(&mut clean, field).is_none() {
                // Keep it terminated, as upstream's decoder insists.
                let (offset, size) = field;
                clean[offset + size - 1] = 0;
            }
        }
        // SAFETY: no precondition.
        let o = unsafe { lttng_snapshot_output_create() };
        if o.is_null() {
            return None;
        }
        // SAFETY: a fresh output of `SNAPSHOT_OUTPUT_LEN` bytes (packed, alignment 1), not
        // yet shared; `clean` has exactly that length.
        unsafe { std::ptr::copy_nonoverlapping(clean.as_ptr(), o.cast::<u8>(), clean.len()) };
        Some(OwnedOutput(o))
    }
}

/// An action's data.
#[derive(Debug)]
pub enum ActionData {
    /// NOTIFY.
    Notify {
        /// Rate policy (a copy of what was set; EVERY_N(1) by default).
        policy: Shared<lttng_rate_policy>,
    },
    /// START_SESSION, STOP_SESSION, ROTATE_SESSION (`kind` is the action type).
    Session {
        /// One of the three action types.
        kind: i8,
        /// Session.
        session: Option<CString>,
        /// Rate policy.
        policy: Shared<lttng_rate_policy>,
    },
    /// SNAPSHOT_SESSION.
    Snapshot {
        /// Session.
        session: Option<CString>,
        /// The output given with `lttng_action_snapshot_session_set_output` (owned).
        output: Option<OwnedOutput>,
        /// Rate policy.
        policy: Shared<lttng_rate_policy>,
    },
    /// LIST: the actions (shared with the caller, as upstream).
    List(Vec<Shared<lttng_action>>),
}

impl ActionData {
    /// The `enum lttng_action_type` value.
    fn kind(&self) -> i8 {
        match self {
            ActionData::Notify { .. } => action_type::NOTIFY,
            ActionData::Session { kind, .. } => *kind,
            ActionData::Snapshot { .. } => action_type::SNAPSHOT_SESSION,
            ActionData::List(_) => action_type::LIST,
        }
    }

    /// The rate policy, for the kinds that have one.
    fn policy_mut(&mut self) -> Option<&mut Shared<lttng_rate_policy>> {
        match self {
            ActionData::Notify { policy }
            | ActionData::Session { policy, .. }
            | ActionData::Snapshot { policy, .. } => Some(policy),
            ActionData::List(_) => None,
        }
    }

    /// The session name, for the kinds that have one.
    fn session_mut(&mut self) -> Option<&mut Option<CString>> {
        match self {
            ActionData::Session { session, .. } | ActionData::Snapshot { session, .. } => {
                Some(session)
            }
            _ => None,
        }
    }
}

c_object!(
    /// `struct lttng_action` (opaque).
    lttng_action => ActionData
);

/// A C string of `s`, cut at an inner NUL (which a C string cannot hold).
pub(crate) fn c_string(s: &str) -> CString {
    let end = s.find('\0').unwrap_or(s.len());
    CString::new(&s[..end]).unwrap_or_default()
}

fn policy_node(policy: RatePolicy) -> Shared<lttng_rate_policy> {
    Shared::new(policy)
}

/// The default rate policy of every action: EVERY_N(1).
fn default_policy() -> Shared<lttng_rate_policy> {
    policy_node(RatePolicy { once: false, n: 1 })
}

/// The model value of an action node; `None` while the action is invalid (upstream's
/// `lttng_action_validate`: a session action without session name, a snapshot action whose
/// output lacks a control URL, a list holding such an action).
pub fn action_to_model(action: &Shared<lttng_action>) -> Option<Action> {
    let data = action.lock();
    let name = |s: &Option<CString>| -> Option<String> {
        s.as_ref()
            .and_then(|s| s.to_str().ok())
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    match data.deref() {
        ActionData::Notify { policy } => Some(Action::Notify(*policy.lock())),
        ActionData::Session {
            kind,
            session,
            policy,
        } => Some(Action::Session {
            kind: *kind,
            session: Some(name(session)?),
            policy: *policy.lock(),
        }),
        ActionData::Snapshot {
            session,
            output,
            policy,
        } => Some(Action::Snapshot {
            session: Some(name(session)?),
            output: match output {
                Some(o) => Some(o.bytes()?),
                None => None,
            },
            policy: *policy.lock(),
        }),
        ActionData::List(items) => items
            .iter()
            .map(action_to_model)
            .collect::<Option<Vec<_>>>()
            .map(Action::List),
    }
}

/// A new action node from a model value.
pub fn action_from_model(action: &Action) -> Shared<lttng_action> {
    let name = |s: &Option<String>| s.as_deref().map(c_string);
    Shared::new(match action {
        Action::Notify(p) => ActionData::Notify {
            policy: policy_node(*p),
        },
        Action::Session {
            kind,
            session,
            policy,
        } => ActionData::Session {
            kind: *kind,
            session: name(session),
            policy: policy_node(*policy),
        },
        Action::Snapshot {
            session,
            output,
            policy,
        } => ActionData::Snapshot {
            session: name(session),
            output: output.as_deref().and_then(OwnedOutput::from_bytes),
            policy: policy_node(*policy),
        },
        Action::List(items) => ActionData::List(items.iter().map(action_from_model).collect()),
    })
}

/// The action at `path` (list indexes from `action`); `None` when an index is out of range
/// or names into an action that is not a list. The empty path is the action itself.
pub fn action_at_path(action: &Shared<lttng_action>, path: &[u64]) -> Option<Shared<lttng_action>> {
    let mut current = action.clone();
    for &index in path {
        let next = match current.lock().deref() {
            ActionData::List(items) => usize::try_from(index)
                .ok()
                .and_then(|i| items.get(i))
                .cloned()?,
            _ => return None,
        };
        current = next;
    }
    Some(current)
}

/// The model action at `path` of a model action (the daemon's side of an action path).
pub fn model_action_at_path<'a>(action: &'a Action, path: &[u64]) -> Option<&'a Action> {
    let mut current = action;
    for &index in path {
        current = match current {
            Action::List(items) => items.get(usize::try_from(index).ok()?)?,
            _ => return None,
        };
    }
    Some(current)
}

fn new_action(data: ActionData) -> *mut lttng_action {
    Shared::new(data).into_c()
}

fn new_session_action(kind: i8) -> *mut lttng_action {
    new_action(ActionData::Session {
        kind,
        session: None,
        policy: default_policy(),
    })
}

/// Sets the session name of an action of type `kind`: INVALID for NULL, another kind, or a
/// NULL, empty or non-UTF-8 name.
///
/// # Safety
/// `name` is NULL or a C string.
unsafe fn set_session_name(
    action: *mut lttng_action,
    kind: i8,
    name: *const c_char,
) -> lttng_action_status {
    let action = node!(action.cast_const());
    let name = arg_str!(name);
    if name.is_empty() {
        return INVALID;
    }
    let mut data = action.lock();
    if data.kind() != kind {
        return INVALID;
    }
    match data.session_mut() {
        Some(session) => {
            *session = Some(c_string(name));
            OK
        }
        None => INVALID,
    }
}

/// The session name of an action of type `kind`; `unset` is the status when it has none
/// (upstream's start, stop and rotate actions answer OK and NULL, the snapshot action
/// UNSET).
///
/// # Safety
/// `out` is NULL or valid for writes.
unsafe fn get_session_name(
    action: *const lttng_action,
    kind: i8,
    out: *mut *const c_char,
    unset: lttng_action_status,
) -> lttng_action_status {
    let action = node!(action);
    let out = out_arg!(out);
    let mut data = action.lock();
    if data.kind() != kind {
        return INVALID;
    }
    match data.session_mut() {
        Some(Some(name)) => {
            out.write(name.as_ptr());
            OK
        }
        Some(None) if unset == OK => {
            out.write(std::ptr::null());
            OK
        }
        Some(None) => unset,
        None => INVALID,
    }
}

/// Replaces the rate policy of an action of type `kind` with a copy of `policy`.
fn set_rate_policy(
    action: *mut lttng_action,
    kind: i8,
    policy: *const lttng_rate_policy,
) -> lttng_action_status {
    let action = node!(action.cast_const());
    let policy = node!(policy);
    let copy = *policy.lock();
    let mut data = action.lock();
    if data.kind() != kind {
        return INVALID;
    }
    match data.policy_mut() {
        Some(p) => {
            *p = policy_node(copy);
            OK
        }
        None => INVALID,
    }
}

/// Lends the rate policy of an action of type `kind`.
///
/// # Safety
/// `out` is NULL or valid for writes.
unsafe fn get_rate_policy(
    action: *const lttng_action,
    kind: i8,
    out: *mut *const lttng_rate_policy,
) -> lttng_action_status {
    let action = node!(action);
    let out = out_arg!(out);
    let mut data = action.lock();
    if data.kind() != kind {
        return INVALID;
    }
    match data.policy_mut() {
        Some(p) => {
            out.write(p.as_c().cast_const());
            OK
        }
        None => INVALID,
    }
}

/// The action's type; LTTNG_ACTION_TYPE_UNKNOWN for NULL (or a pointer that is not a live
/// action of this library).
///
/// # Safety
/// `action` is NULL or an action.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_get_type(action: *const lttng_action) -> lttng_action_type {
    ffi_boundary!({ lttng_action_type(i32::from(node!(action).lock().kind())) })
}

/// Gives back the caller's reference to an action (a trigger or list that holds it keeps it
/// alive). NULL, a borrowed pointer or one already given back is ignored.
///
/// # Safety
/// `action` is NULL or an action.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_destroy(action: *mut lttng_action) {
    ffi_boundary!({
        release_c(action.cast_const());
    })
}

/// A new, empty list action (owned by the caller: `lttng_action_destroy`).
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_list_create() -> *mut lttng_action {
    ffi_boundary!({ new_action(ActionData::List(Vec::new())) })
}

/// Appends `action` to the list, which takes a reference to it (the caller keeps its own).
/// INVALID for NULL, a `list` that is not a list, or an `action` that is a list (lists do
/// not nest, as upstream).
///
/// # Safety
/// `list` and `action` are NULL or actions.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_list_add_action(
    list: *mut lttng_action,
    action: *mut lttng_action,
) -> lttng_action_status {
    ffi_boundary!({
        let list = node!(list.cast_const());
        let action = node!(action.cast_const());
        if action.lock().kind() == action_type::LIST {
            return INVALID;
        }
        match list.lock().deref_mut() {
            ActionData::List(items) => {
                items.push(action);
                OK
            }
            _ => INVALID,
        }
    })
}

/// The number of actions in the list, through `count`. INVALID for NULL or an action that is
/// not a list (then `count`, when not NULL, is set to 0, as upstream).
///
/// # Safety
/// `list` is NULL or an action; `count` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_list_get_count(
    list: *const lttng_action,
    count: *mut c_uint,
) -> lttng_action_status {
    ffi_boundary!({
        let out = out_arg!(count);
        let n = from_c(list).and_then(|l| match l.lock().deref() {
            ActionData::List(items) => Some(items.len()),
            _ => None,
        });
        match n {
            Some(n) => {
                out.write(n as c_uint);
                OK
            }
            None => {
                out.write(0);
                INVALID
            }
        }
    })
}

/// The action at `index` of the list, lent (valid while the list holds it); NULL for NULL,
/// an action that is not a list, or an index out of range.
///
/// # Safety
/// `list` is NULL or an action.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_list_get_at_index(
    list: *const lttng_action,
    index: c_uint,
) -> *const lttng_action {
    ffi_boundary!({
        action_at_path(&node!(list), &[u64::from(index)])
            .map_or(std::ptr::null(), |a| a.as_c().cast_const())
    })
}

/// A new notify action with the default rate policy, EVERY_N(1) (owned by the caller).
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_notify_create() -> *mut lttng_action {
    ffi_boundary!({
        new_action(ActionData::Notify {
            policy: default_policy(),
        })
    })
}

/// Sets the notify action's rate policy to a copy of `policy` (the caller keeps its own).
///
/// # Safety
/// `action` is NULL or an action; `policy` NULL or a rate policy.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_notify_set_rate_policy(
    action: *mut lttng_action,
    policy: *const lttng_rate_policy,
) -> lttng_action_status {
    ffi_boundary!({ set_rate_policy(action, action_type::NOTIFY, policy) })
}

/// Lends the notify action's rate policy through `policy` (valid until it is replaced or the
/// action released).
///
/// # Safety
/// `action` is NULL or an action; `policy` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_notify_get_rate_policy(
    action: *const lttng_action,
    policy: *mut *const lttng_rate_policy,
) -> lttng_action_status {
    ffi_boundary!({
        // SAFETY: the export's contract: `policy` is NULL or valid for writes.
        unsafe { get_rate_policy(action, action_type::NOTIFY, policy) }
    })
}

/// A new action path of the `index_count` list indexes at `indexes` (copied), owned by the
/// caller (`lttng_action_path_destroy`). NULL when `indexes` is NULL and the count is not 0.
///
/// # Safety
/// `indexes` is NULL or valid for reads of `index_count` values.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_path_create(
    indexes: *const u64,
    index_count: usize,
) -> *mut lttng_action_path {
    ffi_boundary!({
        let path = if index_count == 0 {
            Vec::new()
        } else if indexes.is_null() {
            return std::ptr::null_mut();
        } else {
            // SAFETY: the export's contract: non-NULL `indexes` holds `index_count` values.
            unsafe { std::slice::from_raw_parts(indexes, index_count) }.to_vec()
        };
        Shared::<lttng_action_path>::new(path).into_c()
    })
}

/// The number of indexes of the path, through `index_count`.
///
/// # Safety
/// `path` is NULL or an action path; `index_count` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_path_get_index_count(
    path: *const lttng_action_path,
    index_count: *mut usize,
) -> lttng_action_path_status {
    ffi_boundary!({
        let path = node!(path);
        let out = out_arg!(index_count);
        out.write(path.lock().len());
        lttng_action_path_status::OK
    })
}

/// The index at position `path_index` of the path, through `out_index`; INVALID past the end.
///
/// # Safety
/// `path` is NULL or an action path; `out_index` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_path_get_index_at_index(
    path: *const lttng_action_path,
    path_index: usize,
    out_index: *mut u64,
) -> lttng_action_path_status {
    ffi_boundary!({
        let path = node!(path);
        let out = out_arg!(out_index);
        match path.lock().get(path_index) {
            Some(&i) => {
                out.write(i);
                lttng_action_path_status::OK
            }
            None => lttng_action_path_status::INVALID,
        }
    })
}

/// Releases an action path (NULL, or a pointer that is not an owned path, is ignored).
///
/// # Safety
/// `action_path` is NULL or an action path.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_path_destroy(action_path: *mut lttng_action_path) {
    ffi_boundary!({
        release_c(action_path.cast_const());
    })
}

/// The rate policy's type; UNKNOWN for NULL.
///
/// # Safety
/// `policy` is NULL or a rate policy.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_rate_policy_get_type(
    policy: *const lttng_rate_policy,
) -> lttng_rate_policy_type {
    ffi_boundary!({
        if node!(policy).lock().once {
            lttng_rate_policy_type::ONCE_AFTER_N
        } else {
            lttng_rate_policy_type::EVERY_N
        }
    })
}

/// A new EVERY_N rate policy (the action runs every `interval`-th time its condition is
/// met), owned by the caller (`lttng_rate_policy_destroy`); NULL for an interval of 0.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_rate_policy_every_n_create(interval: u64) -> *mut lttng_rate_policy {
    ffi_boundary!({
        if interval == 0 {
            return std::ptr::null_mut();
        }
        policy_node(RatePolicy {
            once: false,
            n: interval,
        })
        .into_c()
    })
}

/// The interval of an EVERY_N policy; INVALID for NULL or another type.
///
/// # Safety
/// `policy` is NULL or a rate policy; `interval` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_rate_policy_every_n_get_interval(
    policy: *const lttng_rate_policy,
    interval: *mut u64,
) -> lttng_rate_policy_status {
    ffi_boundary!({
        let p = *node!(policy).lock();
        let out = out_arg!(interval);
        if p.once {
            return lttng_rate_policy_status::INVALID;
        }
        out.write(p.n);
        lttng_rate_policy_status::OK
    })
}

/// A new ONCE_AFTER_N rate policy (the action runs once, the `threshold`-th time its
/// condition is met), owned by the caller; NULL for a threshold of 0.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_rate_policy_once_after_n_create(
    threshold: u64,
) -> *mut lttng_rate_policy {
    ffi_boundary!({
        if threshold == 0 {
            return std::ptr::null_mut();
        }
        policy_node(RatePolicy {
            once: true,
            n: threshold,
        })
        .into_c()
    })
}

/// The threshold of a ONCE_AFTER_N policy; INVALID for NULL or another type.
///
/// # Safety
/// `policy` is NULL or a rate policy; `threshold` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_rate_policy_once_after_n_get_threshold(
    policy: *const lttng_rate_policy,
    threshold: *mut u64,
) -> lttng_rate_policy_status {
    ffi_boundary!({
        let p = *node!(policy).lock();
        let out = out_arg!(threshold);
        if !p.once {
            return lttng_rate_policy_status::INVALID;
        }
        out.write(p.n);
        lttng_rate_policy_status::OK
    })
}

/// Releases a rate policy the caller owns (NULL, or one an action lends, is ignored).
///
/// # Safety
/// `policy` is NULL or a rate policy.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_rate_policy_destroy(policy: *mut lttng_rate_policy) {
    ffi_boundary!({
        release_c(policy.cast_const());
    })
}

/// A new rotate-session action, without session name (owned by the caller).
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_rotate_session_create() -> *mut lttng_action {
    ffi_boundary!({ new_session_action(action_type::ROTATE_SESSION) })
}

/// Sets the session the action rotates (copied); INVALID for a NULL or empty name.
///
/// # Safety
/// `action` is NULL or an action; `session_name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_rotate_session_set_session_name(
    action: *mut lttng_action,
    session_name: *const c_char,
) -> lttng_action_status {
    ffi_boundary!({
        // SAFETY: the export's contract: `session_name` is NULL or a C string.
        unsafe { set_session_name(action, action_type::ROTATE_SESSION, session_name) }
    })
}

/// Lends the action's session name (NULL, with OK, while unset, as upstream).
///
/// # Safety
/// `action` is NULL or an action; `session_name` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_rotate_session_get_session_name(
    action: *const lttng_action,
    session_name: *mut *const c_char,
) -> lttng_action_status {
    ffi_boundary!({
        // SAFETY: the export's contract: `session_name` is NULL or valid for writes.
        unsafe { get_session_name(action, action_type::ROTATE_SESSION, session_name, OK) }
    })
}

/// Sets the action's rate policy to a copy of `policy`.
///
/// # Safety
/// `action` is NULL or an action; `policy` NULL or a rate policy.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_rotate_session_set_rate_policy(
    action: *mut lttng_action,
    policy: *const lttng_rate_policy,
) -> lttng_action_status {
    ffi_boundary!({ set_rate_policy(action, action_type::ROTATE_SESSION, policy) })
}

/// Lends the action's rate policy.
///
/// # Safety
/// `action` is NULL or an action; `policy` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_rotate_session_get_rate_policy(
    action: *const lttng_action,
    policy: *mut *const lttng_rate_policy,
) -> lttng_action_status {
    ffi_boundary!({
        // SAFETY: the export's contract: `policy` is NULL or valid for writes.
        unsafe { get_rate_policy(action, action_type::ROTATE_SESSION, policy) }
    })
}

/// A new snapshot-session action, without session name or output (owned by the caller).
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_snapshot_session_create() -> *mut lttng_action {
    ffi_boundary!({
        new_action(ActionData::Snapshot {
            session: None,
            output: None,
            policy: default_policy(),
        })
    })
}

/// Sets the session the action snapshots (copied); INVALID for a NULL or empty name.
///
/// # Safety
/// `action` is NULL or an action; `session_name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_snapshot_session_set_session_name(
    action: *mut lttng_action,
    session_name: *const c_char,
) -> lttng_action_status {
    ffi_boundary!({
        // SAFETY: the export's contract: `session_name` is NULL or a C string.
        unsafe { set_session_name(action, action_type::SNAPSHOT_SESSION, session_name) }
    })
}

/// Lends the action's session name; UNSET while it has none.
///
/// # Safety
/// `action` is NULL or an action; `session_name` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_snapshot_session_get_session_name(
    action: *const lttng_action,
    session_name: *mut *const c_char,
) -> lttng_action_status {
    ffi_boundary!({
        // SAFETY: the export's contract: `session_name` is NULL or valid for writes.
        unsafe { get_session_name(action, action_type::SNAPSHOT_SESSION, session_name, UNSET) }
    })
}

/// Gives the action the output its snapshots go to, instead of the session's registered one.
/// The action takes ownership of `output` (from `lttng_snapshot_output_create`; released with
/// the action, or when another output replaces it); on INVALID (NULL, not a snapshot action,
/// not a live output) the caller keeps it.
///
/// # Safety
/// `action` is NULL or an action; `output` NULL or a snapshot output.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_snapshot_session_set_output(
    action: *mut lttng_action,
    output: *mut lttng_snapshot_output,
) -> lttng_action_status {
    ffi_boundary!({
        let action = node!(action.cast_const());
        if output.is_null() || !boundary::is_live(output.cast_const()) {
            return INVALID;
        }
        match action.lock().deref_mut() {
            ActionData::Snapshot { output: held, .. } => {
                if held.as_ref().is_some_and(|h| h.0 == output) {
                    // The same output again: it stays (upstream would free it first).
                    return OK;
                }
                *held = Some(OwnedOutput(output));
                OK
            }
            _ => INVALID,
        }
    })
}

/// Lends the action's output (valid until replaced or the action released); UNSET while it
/// has none.
///
/// # Safety
/// `action` is NULL or an action; `output` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_snapshot_session_get_output(
    action: *const lttng_action,
    output: *mut *const lttng_snapshot_output,
) -> lttng_action_status {
    ffi_boundary!({
        let action = node!(action);
        let out = out_arg!(output);
        match action.lock().deref() {
            ActionData::Snapshot {
                output: Some(o), ..
            } => {
                out.write(o.0.cast_const());
                OK
            }
            ActionData::Snapshot { output: None, .. } => UNSET,
            _ => INVALID,
        }
    })
}

/// Sets the action's rate policy to a copy of `policy`.
///
/// # Safety
/// `action` is NULL or an action; `policy` NULL or a rate policy.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_snapshot_session_set_rate_policy(
    action: *mut lttng_action,
    policy: *const lttng_rate_policy,
) -> lttng_action_status {
    ffi_boundary!({ set_rate_policy(action, action_type::SNAPSHOT_SESSION, policy) })
}

/// Lends the action's rate policy.
///
/// # Safety
/// `action` is NULL or an action; `policy` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_snapshot_session_get_rate_policy(
    action: *const lttng_action,
    policy: *mut *const lttng_rate_policy,
) -> lttng_action_status {
    ffi_boundary!({
        // SAFETY: the export's contract: `policy` is NULL or valid for writes.
        unsafe { get_rate_policy(action, action_type::SNAPSHOT_SESSION, policy) }
    })
}

/// A new start-session action, without session name (owned by the caller).
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_start_session_create() -> *mut lttng_action {
    ffi_boundary!({ new_session_action(action_type::START_SESSION) })
}

/// Sets the session the action starts (copied); INVALID for a NULL or empty name.
///
/// # Safety
/// `action` is NULL or an action; `session_name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_start_session_set_session_name(
    action: *mut lttng_action,
    session_name: *const c_char,
) -> lttng_action_status {
    ffi_boundary!({
        // SAFETY: the export's contract: `session_name` is NULL or a C string.
        unsafe { set_session_name(action, action_type::START_SESSION, session_name) }
    })
}

/// Lends the action's session name (NULL, with OK, while unset, as upstream).
///
/// # Safety
/// `action` is NULL or an action; `session_name` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_start_session_get_session_name(
    action: *const lttng_action,
    session_name: *mut *const c_char,
) -> lttng_action_status {
    ffi_boundary!({
        // SAFETY: the export's contract: `session_name` is NULL or valid for writes.
        unsafe { get_session_name(action, action_type::START_SESSION, session_name, OK) }
    })
}

/// Sets the action's rate policy to a copy of `policy`.
///
/// # Safety
/// `action` is NULL or an action; `policy` NULL or a rate policy.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_start_session_set_rate_policy(
    action: *mut lttng_action,
    policy: *const lttng_rate_policy,
) -> lttng_action_status {
    ffi_boundary!({ set_rate_policy(action, action_type::START_SESSION, policy) })
}

/// Lends the action's rate policy.
///
/// # Safety
/// `action` is NULL or an action; `policy` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_start_session_get_rate_policy(
    action: *const lttng_action,
    policy: *mut *const lttng_rate_policy,
) -> lttng_action_status {
    ffi_boundary!({
        // SAFETY: the export's contract: `policy` is NULL or valid for writes.
        unsafe { get_rate_policy(action, action_type::START_SESSION, policy) }
    })
}

/// A new stop-session action, without session name (owned by the caller).
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_stop_session_create() -> *mut lttng_action {
    ffi_boundary!({ new_session_action(action_type::STOP_SESSION) })
}

/// Sets the session the action stops (copied); INVALID for a NULL or empty name.
///
/// # Safety
/// `action` is NULL or an action; `session_name` NULL or a C string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_stop_session_set_session_name(
    action: *mut lttng_action,
    session_name: *const c_char,
) -> lttng_action_status {
    ffi_boundary!({
        // SAFETY: the export's contract: `session_name` is NULL or a C string.
        unsafe { set_session_name(action, action_type::STOP_SESSION, session_name) }
    })
}

/// Lends the action's session name (NULL, with OK, while unset, as upstream).
///
/// # Safety
/// `action` is NULL or an action; `session_name` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_stop_session_get_session_name(
    action: *const lttng_action,
    session_name: *mut *const c_char,
) -> lttng_action_status {
    ffi_boundary!({
        // SAFETY: the export's contract: `session_name` is NULL or valid for writes.
        unsafe { get_session_name(action, action_type::STOP_SESSION, session_name, OK) }
    })
}

/// Sets the action's rate policy to a copy of `policy`.
///
/// # Safety
/// `action` is NULL or an action; `policy` NULL or a rate policy.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_stop_session_set_rate_policy(
    action: *mut lttng_action,
    policy: *const lttng_rate_policy,
) -> lttng_action_status {
    ffi_boundary!({ set_rate_policy(action, action_type::STOP_SESSION, policy) })
}

/// Lends the action's rate policy.
///
/// # Safety
/// `action` is NULL or an action; `policy` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_action_stop_session_get_rate_policy(
    action: *const lttng_action,
    policy: *mut *const lttng_rate_policy,
) -> lttng_action_status {
    ffi_boundary!({
        // SAFETY: the export's contract: `policy` is NULL or valid for writes.
        unsafe { get_rate_policy(action, action_type::STOP_SESSION, policy) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    /// A C string the objects lend.
    fn text(p: *const c_char) -> String {
        assert!(!p.is_null());
        // SAFETY: the tests pass strings the objects lend.
        unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_owned()
    }

    #[test]
    fn actions_round_trip_through_the_model() {
        let mut output = vec![0u8; SNAPSHOT_OUTPUT_LEN];
        output[OUTPUT_CTRL_URL.0..OUTPUT_CTRL_URL.0 + 9].copy_from_slice(b"/tmp/snap");
        output[OUTPUT_NAME.0..OUTPUT_NAME.0 + 2].copy_from_slice(b"o1");
        let model = Action::List(vec![
            Action::Notify(RatePolicy { once: true, n: 4 }),
            Action::Session {
                kind: action_type::ROTATE_SESSION,
                session: Some("s".into()),
                policy: RatePolicy { once: false, n: 2 },
            },
            Action::Snapshot {
                session: Some("s".into()),
                output: Some(output),
                policy: RatePolicy { once: false, n: 1 },
            },
        ]);
        let node = action_from_model(&model);
        assert_eq!(action_to_model(&node), Some(model));
        let snap = action_at_path(&node, &[2]).unwrap();
        assert!(action_at_path(&node, &[3]).is_none());
        assert!(action_at_path(&node, &[2, 0]).is_none());
        let mut out = std::ptr::null();
        // SAFETY: a live action and a valid out-parameter.
        let st = unsafe { lttng_action_snapshot_session_get_output(snap.as_c(), &mut out) };
        assert_eq!(st, OK);
        // SAFETY: the output the action lends.
        let url = unsafe { crate::ffi::snapshot::lttng_snapshot_output_get_ctrl_url(out) };
        assert_eq!(text(url), "/tmp/snap");
    }

    #[test]
    fn shared_actions_are_safe_to_use_from_many_threads() {
        let start = Shared::new(ActionData::Session {
            kind: action_type::START_SESSION,
            session: None,
            policy: default_policy(),
        });
        let list = Shared::new(ActionData::List(vec![start.clone(), start.clone()]));
        let threads: Vec<_> = (0..8u64)
            .map(|i| {
                let (start, list) = (start.clone(), list.clone());
                std::thread::spawn(move || {
                    let name = CString::new(format!("s{i}")).unwrap();
                    let policy = policy_node(RatePolicy {
                        once: i % 2 == 0,
                        n: i + 1,
                    });
                    for _ in 0..200 {
                        // SAFETY: live objects and a C string.
                        unsafe {
                            lttng_action_start_session_set_session_name(
                                start.as_c(),
                                name.as_ptr(),
                            );
                            lttng_action_start_session_set_rate_policy(start.as_c(), policy.as_c());
                        }
                        assert!(
                            matches!(action_to_model(&list), Some(Action::List(v)) if v.len() == 2)
                        );
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
    }

    #[test]
    fn invalid_actions_have_no_model() {
        let start = Shared::new(ActionData::Session {
            kind: action_type::START_SESSION,
            session: None,
            policy: default_policy(),
        });
        assert_eq!(action_to_model(&start), None);
        let list = Shared::new(ActionData::List(vec![start.clone()]));
        assert_eq!(action_to_model(&list), None);
        let c = list.clone().into_c();
        let name = c"s1";
        // SAFETY: live actions and a C string.
        let st =
            unsafe { lttng_action_start_session_set_session_name(start.as_c(), name.as_ptr()) };
        assert_eq!(st, OK);
        assert!(matches!(action_to_model(&list), Some(Action::List(v)) if v.len() == 1));
        // SAFETY: C's own reference.
        unsafe { lttng_action_destroy(c) };
    }
}
