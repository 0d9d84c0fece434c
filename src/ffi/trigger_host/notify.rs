//! Notifications for a program that reads them with its own code (lttng-sessiond: its
//! rotation thread reads the notifications of its size-based rotations with its own
//! `lttng_notification_get_*`, `lttng_condition_*` and `lttng_evaluation_*`, and frees them
//! with its own `lttng_notification_destroy`).
//!
//! Such a notification is built in upstream's layout ([`layout::Notification`]): its
//! trigger by the program's own constructors (`new_trigger`), its evaluation and captured
//! values in the mirrors' layout, with this module's destructor in the evaluation's
//! `destroy` slot (the program's `lttng_evaluation_destroy` calls it), so that what this
//! library allocated is freed by this library. A completed rotation's location is this
//! library's own location object, which is upstream's layout already (`ffi::location`).

use std::ffi::{c_int, c_void};

use super::layout::{
    self, Evaluation as CEvaluation, EvaluationBufferUsage, EvaluationConsumedSize,
    EvaluationEventRuleMatches, EvaluationRotation, FieldValueArray, FieldValueEnumU64,
    FieldValueString, FieldValueU64,
};
use super::{HostError, new_trigger, pointer_array, probe, sym};
use crate::client::notification::Received;
use crate::ffi::alloc::{calloc_array, calloc_bytes, strdup};
use crate::model::notification::{Evaluation, FieldValue};
use crate::model::trigger::condition_type;

/// True when the program defines its own `lttng_notification_destroy`: the notifications
/// this library hands it must then be of its own kind.
pub fn present() -> bool {
    sym("lttng_notification_destroy\0").is_ok()
}

/// True when the program's notifications passed the run-time check.
pub fn available() -> bool {
    present() && super::present() && probe::result().notifications
}

/// A notification of the program's kind for `received` (released by the program's
/// `lttng_notification_destroy`).
pub fn build_notification(received: &Received) -> Result<*mut c_void, HostError> {
    let evaluation = build_evaluation(
        &received.notification.evaluation,
        received.captures.as_deref(),
    )?;
    let trigger = match new_trigger(&received.notification.trigger) {
        Ok(t) => t,
        Err(e) => {
            // SAFETY: built just above, not handed out.
            unsafe { destroy_evaluation(evaluation) };
            return Err(e);
        }
    };
    let n = calloc_array::<layout::Notification>(1);
    if n.is_null() {
        // SAFETY: built just above, not handed out.
        unsafe { destroy_evaluation(evaluation) };
        destroy_trigger(trigger);
        return Err(HostError::Failed);
    }
    // SAFETY: a fresh allocation of one notification.
    unsafe {
        n.write(layout::Notification {
            trigger,
            evaluation,
        })
    };
    Ok(n.cast())
}

fn destroy_trigger(t: *mut c_void) {
    super::destroy_with("lttng_trigger_destroy\0", t);
}

/// An evaluation in upstream's layout, with [`destroy_evaluation`] as its destructor;
/// `captures` are the decoded captured values of an event-rule-matches evaluation.
pub fn build_evaluation(
    evaluation: &Evaluation,
    captures: Option<&[Option<FieldValue>]>,
) -> Result<*mut CEvaluation, HostError> {
    let base = |kind: i8| CEvaluation {
        r#type: c_int::from(kind),
        serialize: Some(serialize_evaluation),
        destroy: Some(destroy_evaluation),
    };
    let p: *mut CEvaluation = match evaluation {
        Evaluation::BufferUsage {
            high,
            used,
            capacity,
        } => place(EvaluationBufferUsage {
            parent: base(if *high {
                condition_type::BUFFER_USAGE_HIGH
            } else {
                condition_type::BUFFER_USAGE_LOW
            }),
            buffer_use: *used,
            buffer_capacity: *capacity,
        })?,
        Evaluation::ConsumedSize(consumed) => place(EvaluationConsumedSize {
            parent: base(condition_type::SESSION_CONSUMED_SIZE),
            session_consumed: *consumed,
        })?,
        Evaluation::Rotation {
            completed,
            id,
            location,
        } => {
            let loc = match location {
                Some(l) => {
                    let p = crate::ffi::location::create(l);
                    if p.is_null() {
                        return Err(HostError::Failed);
                    }
                    p.cast::<c_void>()
                }
                None => std::ptr::null_mut(),
            };
            place(EvaluationRotation {
                parent: base(if *completed {
                    condition_type::SESSION_ROTATION_COMPLETED
                } else {
                    condition_type::SESSION_ROTATION_ONGOING
                }),
                id: *id,
                location: loc,
            })
            .inspect_err(|_| {
                // SAFETY: created just above, not handed out.
                unsafe { crate::ffi::location::release(loc.cast()) };
            })?
        }
        Evaluation::EventRuleMatches { capture_payload } => {
            let payload = copy_bytes(capture_payload)?;
            let values = match captures {
                Some(values) => match build_array(values) {
                    Ok(v) => v,
                    Err(e) => {
                        // SAFETY: copied just above, not handed out.
                        unsafe { libc::free(payload.data.cast()) };
                        return Err(e);
                    }
                },
                None => std::ptr::null_mut(),
            };
            place(EvaluationEventRuleMatches {
                parent: base(condition_type::EVENT_RULE_MATCHES),
                capture_payload: payload,
                captured_values: values.cast(),
            })?
        }
    };
    Ok(p)
}

/// A `malloc`'d copy of `v`, as the evaluation struct that begins with the base.
fn place<T>(v: T) -> Result<*mut CEvaluation, HostError> {
    let p = calloc_array::<T>(1);
    if p.is_null() {
        return Err(HostError::Failed);
    }
    // SAFETY: a fresh allocation of one `T`.
    unsafe { p.write(v) };
    Ok(p.cast())
}

/// A `malloc`'d dynamic buffer holding `bytes`.
fn copy_bytes(bytes: &[u8]) -> Result<layout::DynamicBuffer, HostError> {
    if bytes.is_empty() {
        return Ok(layout::DynamicBuffer {
            data: std::ptr::null_mut(),
            size: 0,
            _capacity: 0,
        });
    }
    let data = calloc_bytes(bytes.len());
    if data.is_null() {
        return Err(HostError::Failed);
    }
    // SAFETY: `data` holds `bytes.len()` bytes.
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), data, bytes.len()) };
    Ok(layout::DynamicBuffer {
        data: data.cast(),
        size: bytes.len(),
        _capacity: bytes.len(),
    })
}

/// The `serialize` slot of the evaluations built here: the program never sends them back
/// (a client does not serialize a received evaluation); refused.
unsafe extern "C" fn serialize_evaluation(
    _evaluation: *const CEvaluation,
    _payload: *mut layout::Payload,
) -> c_int {
    -1
}

/// The `destroy` slot of the evaluations built here: frees the evaluation and what it
/// holds (called by the program's `lttng_evaluation_destroy`).
///
/// # Safety
/// `e` is an evaluation built by [`build_evaluation`], released once.
pub unsafe extern "C" fn destroy_evaluation(e: *mut CEvaluation) {
    if e.is_null() {
        return;
    }
    // SAFETY: this function's contract: the struct of the evaluation's type, built here.
    unsafe {
        match (*e).r#type as i8 {
            condition_type::SESSION_ROTATION_ONGOING
            | condition_type::SESSION_ROTATION_COMPLETED => {
                let r = e.cast::<EvaluationRotation>();
                crate::ffi::location::release((*r).location.cast());
            }
            condition_type::EVENT_RULE_MATCHES => {
                let m = e.cast::<EvaluationEventRuleMatches>();
                libc::free((*m).capture_payload.data.cast());
                destroy_field_value((*m).captured_values.cast());
            }
            _ => {}
        }
        libc::free(e.cast());
    }
}

/// The root ARRAY of captured values (`None` elements are unavailable: NULL entries).
fn build_array(values: &[Option<FieldValue>]) -> Result<*mut c_void, HostError> {
    let mut items = Vec::with_capacity(values.len());
    let fail = |items: &[*mut c_void]| {
        for &i in items {
            // SAFETY: values built below, not handed out.
            unsafe { destroy_field_value(i) };
        }
        HostError::Failed
    };
    for v in values {
        match v {
            None => items.push(std::ptr::null_mut()),
            Some(v) => match build_field_value(v) {
                Ok(p) => items.push(p),
                Err(_) => return Err(fail(&items)),
            },
        }
    }
    let slot = calloc_array::<FieldValueArray>(1);
    if slot.is_null() {
        return Err(fail(&items));
    }
    match pointer_array(&items, destroy_field_value) {
        Ok(elems) => {
            // SAFETY: a fresh allocation of one array value.
            unsafe {
                slot.write(FieldValueArray {
                    parent: layout::FieldValue { r#type: 6 },
                    elems,
                })
            };
            Ok(slot.cast())
        }
        Err(_) => {
            // SAFETY: allocated just above, not handed out.
            unsafe { libc::free(slot.cast()) };
            Err(fail(&items))
        }
    }
}

/// A `malloc`'d copy of a field value struct.
fn place_value<T>(v: T) -> Result<*mut c_void, HostError> {
    let p = calloc_array::<T>(1);
    if p.is_null() {
        return Err(HostError::Failed);
    }
    // SAFETY: a fresh allocation of one `T`.
    unsafe { p.write(v) };
    Ok(p.cast())
}

fn labels(labels: &[String]) -> Result<layout::PointerArray, HostError> {
    let mut items = Vec::with_capacity(labels.len());
    for l in labels {
        let p = strdup(l);
        if p.is_null() {
            for &i in &items {
                // SAFETY: strdup'd below, not handed out.
                unsafe { libc::free(i) };
            }
            return Err(HostError::Failed);
        }
        items.push(p.cast::<c_void>());
    }
    pointer_array(&items, free_label)
}

unsafe extern "C" fn free_label(p: *mut c_void) {
    // SAFETY: a strdup'd label.
    unsafe { libc::free(p) };
}

/// One field value in upstream's layout (`enum lttng_event_field_value_type` values).
fn build_field_value(v: &FieldValue) -> Result<*mut c_void, HostError> {
    let u64_value = |kind: c_int, val: u64| {
        place_value(FieldValueU64 {
            parent: layout::FieldValue { r#type: kind },
            val,
        })
    };
    match v {
        FieldValue::UnsignedInt(u) => u64_value(0, *u),
        FieldValue::SignedInt(s) => u64_value(1, *s as u64),
        FieldValue::Real(f) => u64_value(4, f.to_bits()),
        FieldValue::UnsignedEnum(u, l) => enum_value(2, *u, l),
        FieldValue::SignedEnum(s, l) => enum_value(3, *s as u64, l),
        FieldValue::String(s) => {
            let p = strdup(s);
            if p.is_null() {
                return Err(HostError::Failed);
            }
            place_value(FieldValueString {
                parent: layout::FieldValue { r#type: 5 },
                val: p,
            })
            .inspect_err(|_| {
                // SAFETY: strdup'd just above, not handed out.
                unsafe { libc::free(p.cast()) };
            })
        }
        FieldValue::Array(values) => build_array(values),
    }
}

/// An enum value of type `kind` (2 unsigned, 3 signed) with its labels.
fn enum_value(kind: c_int, val: u64, l: &[String]) -> Result<*mut c_void, HostError> {
    let labels = labels(l)?;
    let data = labels.array.buffer.data;
    place_value(FieldValueEnumU64 {
        parent: layout::FieldValueEnum {
            parent: layout::FieldValue { r#type: kind },
            labels,
        },
        val,
    })
    .inspect_err(|_| {
        // SAFETY: the labels' block, not handed out (the labels leak: out of memory).
        unsafe { libc::free(data.cast()) };
    })
}

/// Frees a field value built here and what it holds (NULL: nothing).
unsafe extern "C" fn destroy_field_value(p: *mut c_void) {
    if p.is_null() {
        return;
    }
    // SAFETY: a field value built by `build_field_value`/`build_array`, released once: the
    // struct of its type, whose arrays hold values or labels built here.
    unsafe {
        match (*p.cast::<layout::FieldValue>()).r#type {
            2 | 3 => free_array(&(*p.cast::<FieldValueEnumU64>()).parent.labels),
            5 => libc::free((*p.cast::<FieldValueString>()).val.cast()),
            6 => free_array(&(*p.cast::<FieldValueArray>()).elems),
            _ => {}
        }
        libc::free(p);
    }
}

/// Releases every element of a pointer array with its destructor, then its block.
///
/// # Safety
/// `a` was built by `pointer_array`, its elements not released yet.
unsafe fn free_array(a: &layout::PointerArray) {
    let a = &a.array;
    let data = a.buffer.data.cast::<*mut c_void>();
    for i in 0..a.size {
        // SAFETY: `size` pointers at `data`, each released once here.
        unsafe {
            let item = data.add(i).read();
            if let Some(d) = a.destructor {
                d(item);
            }
        }
    }
    // SAFETY: the calloc'd block of the array.
    unsafe { libc::free(a.buffer.data.cast()) };
}
