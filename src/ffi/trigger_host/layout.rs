//! Upstream 2.13.9's private C layouts (x86_64), for the objects this library must read or
//! build inside a program that carries its own copy of upstream's object code
//! (`/usr/bin/lttng`, `lttng-sessiond`, `lttng-relayd`: see the parent module).
//!
//! Only what no public function reaches is here:
//! * a trigger's name (no public setter) and hidden flag (no public accessor);
//! * the `validate` and `serialize` slots of a condition or action (upstream's library
//!   validates and serializes through them; no public function does) and the payload they
//!   append to (`struct lttng_payload`, its fd handles);
//! * the containers that have no public constructor, which this library builds for the
//!   program's own getters and destructors: a trigger set, error-query results, a
//!   notification, its evaluation, and the captured field values;
//! * the target and parts of an error query (no public accessor);
//! * the notification channel's socket, which lttng-sessiond reads at its offset.
//!
//! Every struct is a `#[repr(C)]` mirror with upstream's field names. [`CHECKS`] lists the
//! size of each and the offset of each field used; the unit test compiles a C program
//! against upstream's own internal headers (`LTTNG_UPSTREAM_SRC`, see DEVELOPERS.md) that
//! prints the same, and compares. At run time, `probe` checks the same layouts once
//! against the program's own public functions before any is used.

// The mirrors' fields are upstream's, with upstream's names: its headers document them.
#![allow(missing_docs)]

use std::ffi::{c_char, c_int, c_long, c_void};
use std::mem::{offset_of, size_of};

/// `struct urcu_ref`.
#[repr(C)]
pub struct UrcuRef {
    pub refcount: c_long,
}

/// `LTTNG_OPTIONAL(uint32_t)` (`uid_t`, `gid_t`).
#[repr(C)]
pub struct OptionalU32 {
    pub is_set: u8,
    pub value: u32,
}

/// `LTTNG_OPTIONAL(uint64_t)`.
#[repr(C)]
pub struct OptionalU64 {
    pub is_set: u8,
    pub value: u64,
}

/// `struct lttng_credentials`.
#[repr(C)]
pub struct Credentials {
    pub uid: OptionalU32,
    pub gid: OptionalU32,
}

/// `pthread_mutex_t` (glibc, x86_64).
#[repr(C)]
pub struct Mutex {
    pub opaque: [u64; 5],
}

/// `struct lttng_trigger`.
#[repr(C)]
pub struct Trigger {
    pub r#ref: UrcuRef,
    pub condition: *mut c_void,
    pub action: *mut c_void,
    pub name: *mut c_char,
    pub creds: Credentials,
    pub tracer_token: OptionalU64,
    pub registered: bool,
    pub is_hidden: bool,
    pub lock: Mutex,
}

/// `bool (*validate)(const struct lttng_condition *)` (and the action's).
pub type ValidateFn = unsafe extern "C" fn(*const c_void) -> bool;
/// `int (*serialize)(const struct lttng_condition *, struct lttng_payload *)` (and the
/// action's).
pub type SerializeFn = unsafe extern "C" fn(*const c_void, *mut Payload) -> c_int;

/// `struct lttng_condition`.
#[repr(C)]
pub struct Condition {
    pub r#ref: UrcuRef,
    pub r#type: c_int,
    pub validate: Option<ValidateFn>,
    pub serialize: Option<SerializeFn>,
    pub equal: *const c_void,
    pub destroy: *const c_void,
    pub mi_serialize: *const c_void,
}

/// The start of `struct lttng_action`, up to the slots used.
#[repr(C)]
pub struct ActionHead {
    pub r#ref: UrcuRef,
    pub r#type: c_int,
    pub validate: Option<ValidateFn>,
    pub serialize: Option<SerializeFn>,
}

/// `struct lttng_dynamic_buffer`.
#[repr(C)]
pub struct DynamicBuffer {
    pub data: *mut c_char,
    pub size: usize,
    pub _capacity: usize,
}

/// `struct lttng_dynamic_array`.
#[repr(C)]
pub struct DynamicArray {
    pub buffer: DynamicBuffer,
    pub element_size: usize,
    pub size: usize,
    pub destructor: Option<unsafe extern "C" fn(*mut c_void)>,
}

/// `struct lttng_dynamic_pointer_array`.
#[repr(C)]
pub struct PointerArray {
    pub array: DynamicArray,
}

/// `struct lttng_payload`.
#[repr(C)]
pub struct Payload {
    pub buffer: DynamicBuffer,
    pub _fd_handles: PointerArray,
}

/// `struct fd_handle` (defined in `src/common/fd-handle.c`).
#[repr(C)]
pub struct FdHandle {
    pub r#ref: UrcuRef,
    pub fd: c_int,
}

/// `struct lttng_triggers`.
#[repr(C)]
pub struct Triggers {
    pub array: PointerArray,
}

/// `struct lttng_error_query` (defined in `src/common/error-query.c`).
#[repr(C)]
pub struct ErrorQuery {
    pub target_type: c_int,
}

/// `struct lttng_error_query_action` (the trigger and condition queries are its prefix).
#[repr(C)]
pub struct ErrorQueryAction {
    pub parent: ErrorQuery,
    pub trigger: *mut c_void,
    pub action_path: *mut c_void,
}

/// `struct lttng_error_query_result`.
#[repr(C)]
pub struct ErrorQueryResult {
    pub r#type: c_int,
    pub name: *mut c_char,
    pub description: *mut c_char,
}

/// `struct lttng_error_query_result_counter`.
#[repr(C)]
pub struct ErrorQueryResultCounter {
    pub parent: ErrorQueryResult,
    pub value: u64,
}

/// `struct lttng_error_query_results`.
#[repr(C)]
pub struct ErrorQueryResults {
    pub results: PointerArray,
}

/// `struct lttng_notification`.
#[repr(C)]
pub struct Notification {
    pub trigger: *mut c_void,
    pub evaluation: *mut Evaluation,
}

/// `void (*destroy)(struct lttng_evaluation *)`.
pub type EvaluationDestroyFn = unsafe extern "C" fn(*mut Evaluation);
/// `int (*serialize)(const struct lttng_evaluation *, struct lttng_payload *)`.
pub type EvaluationSerializeFn = unsafe extern "C" fn(*const Evaluation, *mut Payload) -> c_int;

/// `struct lttng_evaluation`.
#[repr(C)]
pub struct Evaluation {
    pub r#type: c_int,
    pub serialize: Option<EvaluationSerializeFn>,
    pub destroy: Option<EvaluationDestroyFn>,
}

/// `struct lttng_evaluation_buffer_usage`.
#[repr(C)]
pub struct EvaluationBufferUsage {
    pub parent: Evaluation,
    pub buffer_use: u64,
    pub buffer_capacity: u64,
}

/// `struct lttng_evaluation_session_consumed_size`.
#[repr(C)]
pub struct EvaluationConsumedSize {
    pub parent: Evaluation,
    pub session_consumed: u64,
}

/// `struct lttng_evaluation_session_rotation`.
#[repr(C)]
pub struct EvaluationRotation {
    pub parent: Evaluation,
    pub id: u64,
    pub location: *mut c_void,
}

/// `struct lttng_evaluation_event_rule_matches`.
#[repr(C)]
pub struct EvaluationEventRuleMatches {
    pub parent: Evaluation,
    pub capture_payload: DynamicBuffer,
    pub captured_values: *mut FieldValue,
}

/// `struct lttng_event_field_value`.
#[repr(C)]
pub struct FieldValue {
    pub r#type: c_int,
}

/// `struct lttng_event_field_value_uint` (and `_int`, `_real`: one 8-byte value after the
/// type).
#[repr(C)]
pub struct FieldValueU64 {
    pub parent: FieldValue,
    pub val: u64,
}

/// `struct lttng_event_field_value_enum`.
#[repr(C)]
pub struct FieldValueEnum {
    pub parent: FieldValue,
    pub labels: PointerArray,
}

/// `struct lttng_event_field_value_enum_uint` (and `_enum_int`).
#[repr(C)]
pub struct FieldValueEnumU64 {
    pub parent: FieldValueEnum,
    pub val: u64,
}

/// `struct lttng_event_field_value_string`.
#[repr(C)]
pub struct FieldValueString {
    pub parent: FieldValue,
    pub val: *mut c_char,
}

/// `struct lttng_event_field_value_array`.
#[repr(C)]
pub struct FieldValueArray {
    pub parent: FieldValue,
    pub elems: PointerArray,
}

/// The start of `struct lttng_notification_channel`, as lttng-sessiond reads it: its lock,
/// then the socket (this library's channel keeps the same prefix).
#[repr(C)]
pub struct ChannelHead {
    pub lock: Mutex,
    pub socket: c_int,
}

/// One layout fact: in upstream's C, `sizeof(c_type)` (no member) or
/// `offsetof(c_type, member)`, and the value the mirror gives.
#[derive(Debug, Clone, Copy)]
pub struct Check {
    /// The C type (`struct lttng_trigger`).
    pub c_type: &'static str,
    /// The member path, as in C (`creds.uid.is_set`); `None` for the size.
    pub member: Option<&'static str>,
    /// What the mirror says.
    pub rust: usize,
}

impl Check {
    /// The size of a mirror that covers only the start of its C struct: not compared.
    pub const PREFIX: usize = usize::MAX;
}

/// `Check`s of a mirror: its size and the offsets of the listed fields (paths as in C).
macro_rules! checks {
    ($($rust:ty => $c:literal $(($prefix:ident))? { $($($f:ident).+),* })*) => {
        &[$(
            Check {
                c_type: $c,
                member: None,
                rust: if true $(&& stringify!($prefix).is_empty())? {
                    size_of::<$rust>()
                } else {
                    Check::PREFIX
                },
            },
            $(Check {
                c_type: $c,
                member: Some(stringify!($($f).+)),
                rust: offset_of!($rust, $($f).+),
            },)*
        )*]
    };
}

/// Every layout fact the mirrors rely on.
pub const CHECKS: &[Check] = checks! {
    Trigger => "struct lttng_trigger" {
        condition, action, name, creds.uid.is_set, creds.uid.value, creds.gid.is_set,
        registered, is_hidden, lock
    }
    Condition => "struct lttng_condition" { r#type, validate, serialize, destroy }
    ActionHead => "struct lttng_action" (prefix) { r#type, validate, serialize }
    DynamicBuffer => "struct lttng_dynamic_buffer" { data, size }
    PointerArray => "struct lttng_dynamic_pointer_array" {
        array.buffer.data, array.buffer.size, array.element_size, array.size,
        array.destructor
    }
    Payload => "struct lttng_payload" { buffer, _fd_handles }
    FdHandle => "struct fd_handle" { fd }
    Triggers => "struct lttng_triggers" { array }
    ErrorQuery => "struct lttng_error_query" { target_type }
    ErrorQueryAction => "struct lttng_error_query_action" { trigger, action_path }
    ErrorQueryAction => "struct lttng_error_query_trigger" (prefix) { trigger }
    ErrorQueryAction => "struct lttng_error_query_condition" (prefix) { trigger }
    ErrorQueryResult => "struct lttng_error_query_result" { r#type, name, description }
    ErrorQueryResultCounter => "struct lttng_error_query_result_counter" { value }
    ErrorQueryResults => "struct lttng_error_query_results" { results }
    Notification => "struct lttng_notification" { trigger, evaluation }
    Evaluation => "struct lttng_evaluation" { r#type, serialize, destroy }
    EvaluationBufferUsage => "struct lttng_evaluation_buffer_usage" {
        buffer_use, buffer_capacity
    }
    EvaluationConsumedSize => "struct lttng_evaluation_session_consumed_size" {
        session_consumed
    }
    EvaluationRotation => "struct lttng_evaluation_session_rotation" { id, location }
    EvaluationEventRuleMatches => "struct lttng_evaluation_event_rule_matches" {
        capture_payload, captured_values
    }
    FieldValue => "struct lttng_event_field_value" { r#type }
    FieldValueU64 => "struct lttng_event_field_value_uint" { val }
    FieldValueU64 => "struct lttng_event_field_value_int" { val }
    FieldValueU64 => "struct lttng_event_field_value_real" { val }
    FieldValueEnum => "struct lttng_event_field_value_enum" { labels }
    FieldValueEnumU64 => "struct lttng_event_field_value_enum_uint" { parent.labels, val }
    FieldValueEnumU64 => "struct lttng_event_field_value_enum_int" { parent.labels, val }
    FieldValueString => "struct lttng_event_field_value_string" { val }
    FieldValueArray => "struct lttng_event_field_value_array" { elems }
    ChannelHead => "struct lttng_notification_channel" (prefix) { socket }
};

#[cfg(test)]
mod tests;
