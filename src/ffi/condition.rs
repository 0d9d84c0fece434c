//! Exports of `lttng/condition/*.h`: conditions and their evaluations.
//!
//! A condition is a node (`ffi::object`): constructors give the caller a reference,
//! `lttng_condition_destroy` gives it back, a trigger takes its own. Every part starts
//! unset; setters check their argument as upstream does, getters answer UNSET for a part
//! never set and INVALID for a condition of another type. An event-rule-matches condition
//! shares its rule with the caller (upstream takes a reference) and owns its capture
//! descriptors.
//!
//! Evaluations are created only by the library, from a received notification
//! ([`evaluation_from_model`]); the C API reads and destroys them. A completed rotation's
//! evaluation owns the archive location it lends, an event-rule-matches evaluation the
//! captured values it lends.

use std::ffi::{CString, c_char, c_uint};
use std::ops::{Deref, DerefMut};

use crate::client::decode_captures;
use crate::ffi::boundary::{Out, arg_str, ffi_boundary, out_arg};
use crate::ffi::event_expr::{
    c_string, expr_from_model, expr_to_model, field_value_from_model, lttng_event_expr,
    lttng_event_field_value, text,
};
use crate::ffi::event_rule::{RuleData, lttng_event_rule, rule_from_model, rule_to_model};
use crate::ffi::location::{self, lttng_trace_archive_location};
use crate::ffi::object::{Shared, c_object, from_c, node, release_c, take_c};
use crate::ffi::tracker::lttng_domain_type;
use crate::model::notification::{Evaluation, FieldValue};
use crate::model::trigger::{Condition, EventRule, Threshold};

pub use crate::ffi::status::{
    lttng_condition_status, lttng_condition_type, lttng_evaluation_event_rule_matches_status,
    lttng_evaluation_status,
};

const OK: lttng_condition_status = lttng_condition_status::OK;
const INVALID: lttng_condition_status = lttng_condition_status::INVALID;
const UNSET: lttng_condition_status = lttng_condition_status::UNSET;

/// A condition's data.
#[derive(Debug)]
pub enum ConditionData {
    /// BUFFER_USAGE_HIGH (`high`) or BUFFER_USAGE_LOW; every part optional until set.
    BufferUsage {
        /// High (else low).
        high: bool,
        /// Threshold: setting one kind unsets the other, as upstream.
        threshold: Option<Threshold>,
        /// Session.
        session: Option<CString>,
        /// Channel.
        channel: Option<CString>,
        /// `enum lttng_domain_type`.
        domain: Option<i32>,
    },
    /// SESSION_CONSUMED_SIZE.
    ConsumedSize {
        /// Bytes.
        threshold: Option<u64>,
        /// Session.
        session: Option<CString>,
    },
    /// SESSION_ROTATION_ONGOING (`completed` false) or _COMPLETED.
    Rotation {
        /// Completed (else ongoing).
        completed: bool,
        /// Session.
        session: Option<CString>,
    },
    /// EVENT_RULE_MATCHES: the rule (shared with the caller, as upstream) and the capture
    /// descriptors (owned).
    EventRuleMatches {
        /// The rule.
        rule: Shared<lttng_event_rule>,
        /// Capture descriptors.
        captures: Vec<Shared<lttng_event_expr>>,
    },
}

impl ConditionData {
    /// The condition's type.
    pub fn kind(&self) -> lttng_condition_type {
        use lttng_condition_type as T;
        match self {
            ConditionData::BufferUsage { high: true, .. } => T::BUFFER_USAGE_HIGH,
            ConditionData::BufferUsage { high: false, .. } => T::BUFFER_USAGE_LOW,
            ConditionData::ConsumedSize { .. } => T::SESSION_CONSUMED_SIZE,
            ConditionData::Rotation {
                completed: false, ..
            } => T::SESSION_ROTATION_ONGOING,
            ConditionData::Rotation {
                completed: true, ..
            } => T::SESSION_ROTATION_COMPLETED,
            ConditionData::EventRuleMatches { .. } => T::EVENT_RULE_MATCHES,
        }
    }
}

c_object!(
    /// `struct lttng_condition` (opaque).
    lttng_condition => ConditionData
);

/// The archive location a completed rotation's evaluation owns and lends (NULL when the
/// daemon sent none).
#[derive(Debug)]
struct OwnedLocation(*mut lttng_trace_archive_location);

// SAFETY: the location is never modified after `location::create`; its one reference is
// this value's, released once, by its `Drop`, from whichever thread drops the evaluation.
unsafe impl Send for OwnedLocation {}

impl Drop for OwnedLocation {
    fn drop(&mut self) {
        // SAFETY: NULL, or the object `location::create` returned, whose only reference
        // this is.
        unsafe { location::release(self.0) };
    }
}

/// An evaluation's data, with the objects its getters lend.
#[derive(Debug)]
pub struct EvaluationData {
    /// The evaluation.
    pub value: Evaluation,
    /// An event-rule-matches evaluation's captured values: an ARRAY with one element per
    /// capture descriptor (`None`: no capture descriptors, or no payload).
    captured: Option<Shared<lttng_event_field_value>>,
    /// A rotation's archive location.
    location: OwnedLocation,
}

c_object!(
    /// `struct lttng_evaluation` (opaque).
    lttng_evaluation => EvaluationData
);

fn name_text(name: &Option<CString>) -> Option<String> {
    name.as_ref().map(text)
}

/// The model value of a condition node; `None` while the condition is invalid (a part
/// unset).
pub fn condition_to_model(condition: &Shared<lttng_condition>) -> Option<Condition> {
    Some(match condition.lock().deref() {
        ConditionData::BufferUsage {
            high,
            threshold,
            session,
            channel,
            domain,
        } => Condition::BufferUsage {
            high: *high,
            threshold: (*threshold)?,
            session: name_text(session)?,
            channel: name_text(channel)?,
            // The wire's domain is an i8, as upstream casts it.
            domain: (*domain)? as i8,
        },
        ConditionData::ConsumedSize { threshold, session } => Condition::ConsumedSize {
            threshold: (*threshold)?,
            session: name_text(session)?,
        },
        ConditionData::Rotation { completed, session } => Condition::Rotation {
            completed: *completed,
            session: name_text(session)?,
        },
        // Parent before children: the condition stays locked while its rule and
        // expressions are read.
        ConditionData::EventRuleMatches { rule, captures } => {
            // Upstream validates the rule with the condition (a probe rule needs its name).
            let rule = Some(rule_to_model(rule)).filter(EventRule::is_valid)?;
            Condition::EventRuleMatches {
                rule,
                captures: captures.iter().map(expr_to_model).collect(),
            }
        }
    })
}

/// A new condition node from a model value.
pub fn condition_from_model(condition: &Condition) -> Shared<lttng_condition> {
    Shared::new(match condition {
        Condition::BufferUsage {
            high,
            threshold,
            session,
            channel,
            domain,
        } => ConditionData::BufferUsage {
            high: *high,
            threshold: Some(*threshold),
            session: Some(c_string(session)),
            channel: Some(c_string(channel)),
            domain: Some(i32::from(*domain)),
        },
        Condition::ConsumedSize { threshold, session } => ConditionData::ConsumedSize {
            threshold: Some(*threshold),
            session: Some(c_string(session)),
        },
        Condition::Rotation { completed, session } => ConditionData::Rotation {
            completed: *completed,
            session: Some(c_string(session)),
        },
        Condition::EventRuleMatches { rule, captures } => ConditionData::EventRuleMatches {
            rule: rule_from_model(rule),
            captures: captures.iter().map(expr_from_model).collect(),
        },
    })
}

/// A new evaluation node from a received evaluation; `condition` is the condition of the
/// notification's trigger (its capture descriptors name the captured values). `None` when
/// the capture payload does not decode (upstream then fails the whole notification), when
/// an event-rule-matches evaluation comes with a condition of another type, or when memory
/// for the archive location runs out.
///
/// As upstream, an empty capture payload gives no captured values (NONE). A payload for a
/// condition without capture descriptors is refused (`None`), as `client::notification`
/// refuses the notification (upstream asserts that there is at least one).
pub fn evaluation_from_model(
    evaluation: &Evaluation,
    condition: &Condition,
) -> Option<Shared<lttng_evaluation>> {
    let mut captured = None;
    let mut location = OwnedLocation(std::ptr::null_mut());
    match evaluation {
        Evaluation::EventRuleMatches { capture_payload } => {
            let Condition::EventRuleMatches { captures, .. } = condition else {
                return None;
            };
            if !capture_payload.is_empty() {
                if captures.is_empty() {
                    return None;
                }
                let values = decode_captures(capture_payload, captures.len()).ok()?;
                captured = Some(field_value_from_model(&FieldValue::Array(values)));
            }
        }
        Evaluation::Rotation {
            location: Some(l), ..
        } => {
            location.0 = location::create(l);
            if location.0.is_null() {
                return None;
            }
        }
        _ => {}
    }
    Some(Shared::new(EvaluationData {
        value: evaluation.clone(),
        captured,
        location,
    }))
}

/// A new condition handed to C.
fn new_condition(data: ConditionData) -> *mut lttng_condition {
    Shared::new(data).into_c()
}

/// The type of a condition (LTTNG_CONDITION_TYPE_UNKNOWN for NULL or a pointer that is not
/// a live condition of this library).
///
/// # Safety
/// `condition` is NULL or a condition of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_condition_get_type(
    condition: *const lttng_condition,
) -> lttng_condition_type {
    ffi_boundary!({ node!(condition).lock().kind() })
}

/// Gives back the caller's reference to a condition; the condition goes with its last
/// reference (a trigger keeps its own). NULL, a borrowed pointer (from a getter) or a second
/// call is ignored.
///
/// # Safety
/// `condition` is NULL or a condition of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_condition_destroy(condition: *mut lttng_condition) {
    ffi_boundary!({
        release_c(condition);
    })
}

/// A new BUFFER_USAGE_LOW condition, every part unset. Release with
/// `lttng_condition_destroy`.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_condition_buffer_usage_low_create() -> *mut lttng_condition {
    ffi_boundary!({ new_buffer_usage(false) })
}

/// A new BUFFER_USAGE_HIGH condition, every part unset. Release with
/// `lttng_condition_destroy`.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_condition_buffer_usage_high_create() -> *mut lttng_condition {
    ffi_boundary!({ new_buffer_usage(true) })
}

fn new_buffer_usage(high: bool) -> *mut lttng_condition {
    new_condition(ConditionData::BufferUsage {
        high,
        threshold: None,
        session: None,
        channel: None,
        domain: None,
    })
}

/// The parts of a buffer-usage condition, for the closure of [`with_buffer_usage`].
struct BufferUsageParts<'a> {
    threshold: &'a mut Option<Threshold>,
    session: &'a mut Option<CString>,
    channel: &'a mut Option<CString>,
    domain: &'a mut Option<i32>,
}

/// Runs `f` on a buffer-usage condition's parts; INVALID for a pointer that is not a live
/// condition or a condition of another type.
fn with_buffer_usage(
    condition: *const lttng_condition,
    f: impl FnOnce(BufferUsageParts<'_>) -> lttng_condition_status,
) -> lttng_condition_status {
    let condition = node!(condition);
    let mut data = condition.lock();
    match data.deref_mut() {
        ConditionData::BufferUsage {
            threshold,
            session,
            channel,
            domain,
            ..
        } => f(BufferUsageParts {
            threshold,
            session,
            channel,
            domain,
        }),
        _ => INVALID,
    }
}

/// Writes a part that is set (OK), or answers UNSET.
fn get_part<T: Copy>(part: Option<T>, out: Out<T>) -> lttng_condition_status {
    match part {
        Some(v) => {
            out.write(v);
            OK
        }
        None => UNSET,
    }
}

/// Lends a name that is set (OK), or answers UNSET.
fn get_name(name: &Option<CString>, out: Out<*const c_char>) -> lttng_condition_status {
    // The string lives until the name is set again or the condition goes, as upstream.
    get_part(name.as_ref().map(|n| n.as_ptr()), out)
}

/// Stores a copy of a non-empty name.
fn set_name(slot: &mut Option<CString>, name: &str) -> lttng_condition_status {
    if name.is_empty() {
        return INVALID;
    }
    *slot = Some(c_string(name));
    OK
}

/// Stores in `*threshold_ratio` the ratio threshold of a buffer-usage condition; UNSET when
/// none is set (or a threshold in bytes is), INVALID for NULL arguments or a condition of
/// another type.
///
/// # Safety
/// `condition` is NULL or a condition of this library; `threshold_ratio` a valid pointer
/// or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_condition_buffer_usage_get_threshold_ratio(
    condition: *const lttng_condition,
    threshold_ratio: *mut f64,
) -> lttng_condition_status {
    ffi_boundary!({
        let out = out_arg!(threshold_ratio);
        with_buffer_usage(condition, |p| match *p.threshold {
            Some(Threshold::Ratio(r)) => get_part(Some(r), out),
            _ => UNSET,
        })
    })
}

/// Sets the threshold of a buffer-usage condition as a ratio of the buffers' size (which
/// unsets a threshold in bytes); INVALID outside [0, 1] (as upstream, NaN passes that
/// test) or for a condition of another type.
///
/// # Safety
/// `condition` is NULL or a condition of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_condition_buffer_usage_set_threshold_ratio(
    condition: *mut lttng_condition,
    threshold_ratio: f64,
) -> lttng_condition_status {
    ffi_boundary!({
        #[allow(clippy::manual_range_contains)] // `contains` would refuse NaN.
        if threshold_ratio < 0.0 || threshold_ratio > 1.0 {
            return INVALID;
        }
        with_buffer_usage(condition, |p| {
            *p.threshold = Some(Threshold::Ratio(threshold_ratio));
            OK
        })
    })
}

/// Stores in `*threshold_bytes` the threshold in bytes of a buffer-usage condition; UNSET
/// when none is set (or a ratio is), INVALID for NULL arguments or a condition of another
/// type.
///
/// # Safety
/// `condition` is NULL or a condition of this library; `threshold_bytes` a valid pointer
/// or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_condition_buffer_usage_get_threshold(
    condition: *const lttng_condition,
    threshold_bytes: *mut u64,
) -> lttng_condition_status {
    ffi_boundary!({
        let out = out_arg!(threshold_bytes);
        with_buffer_usage(condition, |p| match *p.threshold {
            Some(Threshold::Bytes(b)) => get_part(Some(b), out),
            _ => UNSET,
        })
    })
}

/// Sets the threshold of a buffer-usage condition in bytes (any value; unsets a ratio);
/// INVALID for a condition of another type.
///
/// # Safety
/// `condition` is NULL or a condition of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_condition_buffer_usage_set_threshold(
    condition: *mut lttng_condition,
    threshold_bytes: u64,
) -> lttng_condition_status {
    ffi_boundary!({
        with_buffer_usage(condition, |p| {
            *p.threshold = Some(Threshold::Bytes(threshold_bytes));
            OK
        })
    })
}

/// Stores in `*session_name` the session name of a buffer-usage condition (lent, valid
/// until it is set again or the condition goes); UNSET when none is set, INVALID for NULL
/// arguments or a condition of another type.
///
/// # Safety
/// `condition` is NULL or a condition of this library; `session_name` a valid pointer or
/// NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_condition_buffer_usage_get_session_name(
    condition: *const lttng_condition,
    session_name: *mut *const c_char,
) -> lttng_condition_status {
    ffi_boundary!({
        let out = out_arg!(session_name);
        with_buffer_usage(condition, |p| get_name(p.session, out))
    })
}

/// Sets the session name of a buffer-usage condition (copied); INVALID for NULL, an empty
/// name, a name that is not UTF-8 or a condition of another type.
///
/// # Safety
/// `condition` is NULL or a condition of this library; `session_name` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_condition_buffer_usage_set_session_name(
    condition: *mut lttng_condition,
    session_name: *const c_char,
) -> lttng_condition_status {
    ffi_boundary!({
        let name = arg_str!(session_name);
        with_buffer_usage(condition, |p| set_name(p.session, name))
    })
}

/// Stores in `*channel_name` the channel name of a buffer-usage condition (lent, valid
/// until it is set again or the condition goes); UNSET when none is set, INVALID for NULL
/// arguments or a condition of another type.
///
/// # Safety
/// `condition` is NULL or a condition of this library; `channel_name` a valid pointer or
/// NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_condition_buffer_usage_get_channel_name(
    condition: *const lttng_condition,
    channel_name: *mut *const c_char,
) -> lttng_condition_status {
    ffi_boundary!({
        let out = out_arg!(channel_name);
        with_buffer_usage(condition, |p| get_name(p.channel, out))
    })
}

/// Sets the channel name of a buffer-usage condition (copied); INVALID for NULL, an empty
/// name, a name that is not UTF-8 or a condition of another type.
///
/// # Safety
/// `condition` is NULL or a condition of this library; `channel_name` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_condition_buffer_usage_set_channel_name(
    condition: *mut lttng_condition,
    channel_name: *const c_char,
) -> lttng_condition_status {
    ffi_boundary!({
        let name = arg_str!(channel_name);
        with_buffer_usage(condition, |p| set_name(p.channel, name))
    })
}

/// Stores in `*domain_type` the domain of a buffer-usage condition; UNSET when none is set,
/// INVALID for NULL arguments or a condition of another type.
///
/// # Safety
/// `condition` is NULL or a condition of this library; `domain_type` a valid pointer or
/// NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_condition_buffer_usage_get_domain_type(
    condition: *const lttng_condition,
    domain_type: *mut lttng_domain_type,
) -> lttng_condition_status {
    ffi_boundary!({
        let out = out_arg!(domain_type);
        with_buffer_usage(condition, |p| get_part(*p.domain, out))
    })
}

/// Sets the domain of a buffer-usage condition; INVALID for LTTNG_DOMAIN_NONE or a
/// condition of another type (any other value is kept, as upstream).
///
/// # Safety
/// `condition` is NULL or a condition of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_condition_buffer_usage_set_domain_type(
    condition: *mut lttng_condition,
    domain_type: lttng_domain_type,
) -> lttng_condition_status {
    ffi_boundary!({
        if domain_type == 0 {
            return INVALID;
        }
        with_buffer_usage(condition, |p| {
            *p.domain = Some(domain_type);
            OK
        })
    })
}

/// A new SESSION_CONSUMED_SIZE condition, every part unset. Release with
/// `lttng_condition_destroy`.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_condition_session_consumed_size_create() -> *mut lttng_condition {
    ffi_boundary!({
        new_condition(ConditionData::ConsumedSize {
            threshold: None,
            session: None,
        })
    })
}

/// Runs `f` on a consumed-size condition's threshold and session; INVALID for a pointer
/// that is not a live condition or a condition of another type.
fn with_consumed_size(
    condition: *const lttng_condition,
    f: impl FnOnce(&mut Option<u64>, &mut Option<CString>) -> lttng_condition_status,
) -> lttng_condition_status {
    let condition = node!(condition);
    let mut data = condition.lock();
    match data.deref_mut() {
        ConditionData::ConsumedSize { threshold, session } => f(threshold, session),
        _ => INVALID,
    }
}

/// Stores in `*consumed_threshold_bytes` the threshold of a consumed-size condition; UNSET
/// when none is set, INVALID for NULL arguments or a condition of another type.
///
/// # Safety
/// `condition` is NULL or a condition of this library; `consumed_threshold_bytes` a valid
/// pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_condition_session_consumed_size_get_threshold(
    condition: *const lttng_condition,
    consumed_threshold_bytes: *mut u64,
) -> lttng_condition_status {
    ffi_boundary!({
        let out = out_arg!(consumed_threshold_bytes);
        with_consumed_size(condition, |t, _| get_part(*t, out))
    })
}

/// Sets the threshold of a consumed-size condition, in bytes (any value); INVALID for a
/// condition of another type.
///
/// # Safety
/// `condition` is NULL or a condition of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_condition_session_consumed_size_set_threshold(
    condition: *mut lttng_condition,
    consumed_threshold_bytes: u64,
) -> lttng_condition_status {
    ffi_boundary!({
        with_consumed_size(condition, |t, _| {
            *t = Some(consumed_threshold_bytes);
            OK
        })
    })
}

/// Stores in `*session_name` the session name of a consumed-size condition (lent, valid
/// until it is set again or the condition goes); UNSET when none is set, INVALID for NULL
/// arguments or a condition of another type.
///
/// # Safety
/// `condition` is NULL or a condition of this library; `session_name` a valid pointer or
/// NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_condition_session_consumed_size_get_session_name(
    condition: *const lttng_condition,
    session_name: *mut *const c_char,
) -> lttng_condition_status {
    ffi_boundary!({
        let out = out_arg!(session_name);
        with_consumed_size(condition, |_, s| get_name(s, out))
    })
}

/// Sets the session name of a consumed-size condition (copied); INVALID for NULL, an empty
/// name, a name that is not UTF-8 or a condition of another type.
///
/// # Safety
/// `condition` is NULL or a condition of this library; `session_name` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_condition_session_consumed_size_set_session_name(
    condition: *mut lttng_condition,
    session_name: *const c_char,
) -> lttng_condition_status {
    ffi_boundary!({
        let name = arg_str!(session_name);
        with_consumed_size(condition, |_, s| set_name(s, name))
    })
}

/// A new SESSION_ROTATION_ONGOING condition, session unset. Release with
/// `lttng_condition_destroy`.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_condition_session_rotation_ongoing_create() -> *mut lttng_condition {
    ffi_boundary!({
        new_condition(ConditionData::Rotation {
            completed: false,
            session: None,
        })
    })
}

/// A new SESSION_ROTATION_COMPLETED condition, session unset. Release with
/// `lttng_condition_destroy`.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_condition_session_rotation_completed_create() -> *mut lttng_condition
{
    ffi_boundary!({
        new_condition(ConditionData::Rotation {
            completed: true,
            session: None,
        })
    })
}

/// Runs `f` on a rotation condition's session; INVALID for a pointer that is not a live
/// condition or a condition of another type.
fn with_rotation(
    condition: *const lttng_condition,
    f: impl FnOnce(&mut Option<CString>) -> lttng_condition_status,
) -> lttng_condition_status {
    let condition = node!(condition);
    let mut data = condition.lock();
    match data.deref_mut() {
        ConditionData::Rotation { session, .. } => f(session),
        _ => INVALID,
    }
}

/// Stores in `*session_name` the session name of a rotation condition (ongoing or
/// completed; lent, valid until it is set again or the condition goes); UNSET when none is
/// set, INVALID for NULL arguments or a condition of another type.
///
/// # Safety
/// `condition` is NULL or a condition of this library; `session_name` a valid pointer or
/// NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_condition_session_rotation_get_session_name(
    condition: *const lttng_condition,
    session_name: *mut *const c_char,
) -> lttng_condition_status {
    ffi_boundary!({
        let out = out_arg!(session_name);
        with_rotation(condition, |s| get_name(s, out))
    })
}

/// Sets the session name of a rotation condition (copied); INVALID for NULL, an empty name,
/// a name that is not UTF-8 or a condition of another type.
///
/// # Safety
/// `condition` is NULL or a condition of this library; `session_name` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_condition_session_rotation_set_session_name(
    condition: *mut lttng_condition,
    session_name: *const c_char,
) -> lttng_condition_status {
    ffi_boundary!({
        let name = arg_str!(session_name);
        with_rotation(condition, |s| set_name(s, name))
    })
}

/// A new EVENT_RULE_MATCHES condition on `rule`, which it shares (it takes its own
/// reference: the caller still destroys its rule), no capture descriptors. NULL when `rule`
/// is NULL or not a live rule of this library. Release with `lttng_condition_destroy`.
///
/// # Safety
/// `rule` is NULL or an event rule of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_condition_event_rule_matches_create(
    rule: *mut lttng_event_rule,
) -> *mut lttng_condition {
    ffi_boundary!({
        new_condition(ConditionData::EventRuleMatches {
            rule: node!(rule),
            captures: Vec::new(),
        })
    })
}

/// Stores in `*rule` the rule of an event-rule-matches condition (lent, valid while the
/// condition lives). INVALID for NULL arguments (where upstream crashes on a NULL `rule`)
/// or a condition of another type, and then, as upstream, `*rule` is set to NULL.
///
/// # Safety
/// `condition` is NULL or a condition of this library; `rule` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_condition_event_rule_matches_get_rule(
    condition: *const lttng_condition,
    rule: *mut *const lttng_event_rule,
) -> lttng_condition_status {
    ffi_boundary!({
        let out = out_arg!(rule);
        let found = from_c(condition).and_then(|c| match c.lock().deref() {
            ConditionData::EventRuleMatches { rule, .. } => Some(rule.as_c().cast_const()),
            _ => None,
        });
        out.write(found.unwrap_or(std::ptr::null()));
        if found.is_some() { OK } else { INVALID }
    })
}

/// Whether a rule of this type can capture event fields (upstream: tracepoints, syscalls
/// and logging domains; not probes).
fn rule_supports_captures(rule: &RuleData) -> bool {
    matches!(
        rule,
        RuleData::UserTracepoint { .. }
            | RuleData::KernelTracepoint { .. }
            | RuleData::KernelSyscall { .. }
            | RuleData::Logging { .. }
    )
}

/// Appends the capture descriptor `expr` to an event-rule-matches condition. On success
/// the condition takes over the caller's reference to `expr` (the caller no longer
/// destroys it; a borrowed `expr`, from a getter, is shared instead). INVALID for NULL
/// arguments, a condition of another type or a pointer that is not a live expression;
/// UNSUPPORTED when the condition's rule cannot capture (kernel probes). The expression is
/// left to the caller on failure.
///
/// # Safety
/// `condition` is NULL or a condition of this library; `expr` NULL or an expression of
/// this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_condition_event_rule_matches_append_capture_descriptor(
    condition: *mut lttng_condition,
    expr: *mut lttng_event_expr,
) -> lttng_condition_status {
    ffi_boundary!({
        let condition = node!(condition);
        let mut data = condition.lock();
        let ConditionData::EventRuleMatches { rule, captures } = data.deref_mut() else {
            return INVALID;
        };
        if from_c(expr).is_none() {
            return INVALID;
        }
        if !rule_supports_captures(&rule.lock()) {
            return lttng_condition_status::UNSUPPORTED;
        }
        let expr = match take_c(expr) {
            Some(owned) => owned,
            None => node!(expr),
        };
        captures.push(expr);
        OK
    })
}

/// Stores in `*count` the number of capture descriptors of an event-rule-matches
/// condition; INVALID for NULL arguments or a condition of another type.
///
/// # Safety
/// `condition` is NULL or a condition of this library; `count` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_condition_event_rule_matches_get_capture_descriptor_count(
    condition: *const lttng_condition,
    count: *mut c_uint,
) -> lttng_condition_status {
    ffi_boundary!({
        let out = out_arg!(count);
        match node!(condition).lock().deref() {
            ConditionData::EventRuleMatches { captures, .. } => {
                out.write(captures.len() as c_uint);
                OK
            }
            _ => INVALID,
        }
    })
}

/// Capture descriptor `index` of an event-rule-matches condition (lent, valid while the
/// condition lives); NULL for NULL, a condition of another type or an index past the end.
///
/// # Safety
/// `condition` is NULL or a condition of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_condition_event_rule_matches_get_capture_descriptor_at_index(
    condition: *const lttng_condition,
    index: c_uint,
) -> *const lttng_event_expr {
    ffi_boundary!({
        match node!(condition).lock().deref() {
            ConditionData::EventRuleMatches { captures, .. } => captures
                .get(index as usize)
                .map_or(std::ptr::null(), |e| e.as_c().cast_const()),
            _ => std::ptr::null(),
        }
    })
}

/// The type of the condition an evaluation belongs to (LTTNG_CONDITION_TYPE_UNKNOWN for
/// NULL or a pointer that is not a live evaluation of this library).
///
/// # Safety
/// `evaluation` is NULL or an evaluation of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_evaluation_get_type(
    evaluation: *const lttng_evaluation,
) -> lttng_condition_type {
    ffi_boundary!({
        use lttng_condition_type as T;
        match node!(evaluation).lock().value {
            Evaluation::BufferUsage { high: true, .. } => T::BUFFER_USAGE_HIGH,
            Evaluation::BufferUsage { high: false, .. } => T::BUFFER_USAGE_LOW,
            Evaluation::ConsumedSize(_) => T::SESSION_CONSUMED_SIZE,
            Evaluation::Rotation {
                completed: false, ..
            } => T::SESSION_ROTATION_ONGOING,
            Evaluation::Rotation {
                completed: true, ..
            } => T::SESSION_ROTATION_COMPLETED,
            Evaluation::EventRuleMatches { .. } => T::EVENT_RULE_MATCHES,
        }
    })
}

/// Releases an evaluation the caller owns. An evaluation lent by a notification is the
/// notification's: destroying it does nothing (where upstream would free it under the
/// notification). NULL is ignored.
///
/// # Safety
/// `evaluation` is NULL or an evaluation of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_evaluation_destroy(evaluation: *mut lttng_evaluation) {
    ffi_boundary!({
        release_c(evaluation);
    })
}

/// Reads an evaluation through `pick` (None: another type, INVALID).
fn read_evaluation<T>(
    evaluation: *const lttng_evaluation,
    out: *mut T,
    pick: impl FnOnce(&EvaluationData) -> Option<T>,
) -> lttng_evaluation_status {
    let out = out_arg!(out);
    match pick(&node!(evaluation).lock()) {
        Some(v) => {
            out.write(v);
            lttng_evaluation_status::OK
        }
        None => lttng_evaluation_status::INVALID,
    }
}

/// Stores in `*usage_ratio` the buffer usage a buffer-usage evaluation sampled, as a ratio
/// of the buffers' capacity; INVALID for NULL arguments or another type of evaluation.
///
/// # Safety
/// `evaluation` is NULL or an evaluation of this library; `usage_ratio` a valid pointer or
/// NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_evaluation_buffer_usage_get_usage_ratio(
    evaluation: *const lttng_evaluation,
    usage_ratio: *mut f64,
) -> lttng_evaluation_status {
    ffi_boundary!({
        read_evaluation(evaluation, usage_ratio, |e| match e.value {
            Evaluation::BufferUsage { used, capacity, .. } => Some(used as f64 / capacity as f64),
            _ => None,
        })
    })
}

/// Stores in `*usage_bytes` the buffer usage a buffer-usage evaluation sampled, in bytes;
/// INVALID for NULL arguments or another type of evaluation.
///
/// # Safety
/// `evaluation` is NULL or an evaluation of this library; `usage_bytes` a valid pointer or
/// NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_evaluation_buffer_usage_get_usage(
    evaluation: *const lttng_evaluation,
    usage_bytes: *mut u64,
) -> lttng_evaluation_status {
    ffi_boundary!({
        read_evaluation(evaluation, usage_bytes, |e| match e.value {
            Evaluation::BufferUsage { used, .. } => Some(used),
            _ => None,
        })
    })
}

/// Stores in `*session_consumed` the bytes a consumed-size evaluation saw consumed;
/// INVALID for NULL arguments or another type of evaluation.
///
/// # Safety
/// `evaluation` is NULL or an evaluation of this library; `session_consumed` a valid
/// pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_evaluation_session_consumed_size_get_consumed_size(
    evaluation: *const lttng_evaluation,
    session_consumed: *mut u64,
) -> lttng_evaluation_status {
    ffi_boundary!({
        read_evaluation(evaluation, session_consumed, |e| match e.value {
            Evaluation::ConsumedSize(bytes) => Some(bytes),
            _ => None,
        })
    })
}

/// Stores in `*id` the id of the rotation a rotation evaluation (ongoing or completed)
/// reports; INVALID for NULL arguments or another type of evaluation.
///
/// # Safety
/// `evaluation` is NULL or an evaluation of this library; `id` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_evaluation_session_rotation_get_id(
    evaluation: *const lttng_evaluation,
    id: *mut u64,
) -> lttng_evaluation_status {
    ffi_boundary!({
        read_evaluation(evaluation, id, |e| match e.value {
            Evaluation::Rotation { id, .. } => Some(id),
            _ => None,
        })
    })
}

/// Stores in `*location` where a completed rotation's archive is (lent, valid while the
/// evaluation lives; NULL when the daemon sent none); INVALID for NULL arguments or
/// another type of evaluation (an ongoing rotation's included).
///
/// # Safety
/// `evaluation` is NULL or an evaluation of this library; `location` a valid pointer or
/// NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_evaluation_session_rotation_completed_get_location(
    evaluation: *const lttng_evaluation,
    location: *mut *const lttng_trace_archive_location,
) -> lttng_evaluation_status {
    ffi_boundary!({
        read_evaluation(evaluation, location, |e| match e.value {
            Evaluation::Rotation {
                completed: true, ..
            } => Some(e.location.0.cast_const()),
            _ => None,
        })
    })
}

/// Stores in `*field_val` the captured values of an event-rule-matches evaluation: an
/// ARRAY with one element per capture descriptor of the condition (lent, valid while the
/// evaluation lives). NONE when the condition has no capture descriptors; INVALID for NULL
/// arguments or another type of evaluation.
///
/// # Safety
/// `evaluation` is NULL or an evaluation of this library; `field_val` a valid pointer or
/// NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_evaluation_event_rule_matches_get_captured_values(
    evaluation: *const lttng_evaluation,
    field_val: *mut *const lttng_event_field_value,
) -> lttng_evaluation_event_rule_matches_status {
    ffi_boundary!({
        let out = out_arg!(field_val);
        let evaluation = node!(evaluation);
        let data = evaluation.lock();
        match (&data.value, &data.captured) {
            (Evaluation::EventRuleMatches { .. }, Some(values)) => {
                out.write(values.as_c().cast_const());
                lttng_evaluation_event_rule_matches_status::OK
            }
            (Evaluation::EventRuleMatches { .. }, None) => {
                lttng_evaluation_event_rule_matches_status::NONE
            }
            _ => lttng_evaluation_event_rule_matches_status::INVALID,
        }
    })
}

#[cfg(test)]
mod tests {
    use std::ffi::CStr;
    use std::ptr::{null, null_mut};

    use super::*;
    use crate::ffi::event_expr::{
        lttng_event_expr_destroy, lttng_event_expr_event_payload_field_create,
        lttng_event_expr_get_type, lttng_event_expr_type,
        lttng_event_field_value_array_get_element_at_index,
        lttng_event_field_value_array_get_length, lttng_event_field_value_get_type,
        lttng_event_field_value_status, lttng_event_field_value_string_get_value,
        lttng_event_field_value_type, lttng_event_field_value_unsigned_int_get_value,
    };
    use crate::ffi::event_rule::{KernelLocationData, lttng_kernel_probe_location};
    use crate::ffi::location::lttng_trace_archive_location_local_get_absolute_path;
    use crate::model::location::ArchiveLocation;
    use crate::model::trigger::{EventExpr, EventRule};

    fn s(text: &str) -> CString {
        CString::new(text).unwrap()
    }

    /// The §1.5 capture payload of the fact sheet: `[ "hi 0", nil, int16 14133, nil, nil ]`.
    const PAYLOAD: &[u8] = &[
        0x95, 0xa4, 0x68, 0x69, 0x20, 0x30, 0xc0, 0xd1, 0x37, 0x35, 0xc0, 0xc0,
    ];

    fn user_rule() -> Shared<lttng_event_rule> {
        Shared::new(RuleData::UserTracepoint {
            pattern: s("*"),
            filter: None,
            log_level: None,
            exclusions: Vec::new(),
        })
    }

    #[test]
    fn buffer_usage_parts_are_unset_until_set() {
        // SAFETY: our own objects, C strings and local out-parameters.
        unsafe {
            let c = lttng_condition_buffer_usage_high_create();
            let node = from_c(c).unwrap();
            assert_eq!(
                lttng_condition_get_type(c),
                lttng_condition_type::BUFFER_USAGE_HIGH
            );
            let (mut ratio, mut bytes, mut name, mut domain) = (0.0, 0u64, null(), 0);
            assert_eq!(
                lttng_condition_buffer_usage_get_threshold_ratio(c, &mut ratio),
                UNSET
            );
            assert_eq!(
                lttng_condition_buffer_usage_get_threshold(c, &mut bytes),
                UNSET
            );
            assert_eq!(
                lttng_condition_buffer_usage_get_session_name(c, &mut name),
                UNSET
            );
            assert_eq!(
                lttng_condition_buffer_usage_get_domain_type(c, &mut domain),
                UNSET
            );
            assert!(condition_to_model(&node).is_none());
            assert_eq!(
                lttng_condition_buffer_usage_set_threshold_ratio(c, 1.5),
                INVALID
            );
            assert_eq!(
                lttng_condition_buffer_usage_set_threshold_ratio(c, -0.1),
                INVALID
            );
            assert_eq!(
                lttng_condition_buffer_usage_set_threshold_ratio(c, f64::NAN),
                OK
            );
            assert_eq!(
                lttng_condition_buffer_usage_set_threshold_ratio(c, 0.75),
                OK
            );
            assert_eq!(
                lttng_condition_buffer_usage_get_threshold(c, &mut bytes),
                UNSET
            );
            assert_eq!(
                lttng_condition_buffer_usage_set_session_name(c, s("").as_ptr()),
                INVALID
            );
            assert_eq!(
                lttng_condition_buffer_usage_set_session_name(c, null()),
                INVALID
            );
            assert_eq!(
                lttng_condition_buffer_usage_set_session_name(c, s("s1").as_ptr()),
                OK
            );
            assert_eq!(
                lttng_condition_buffer_usage_set_channel_name(c, s("ch").as_ptr()),
                OK
            );
            assert!(condition_to_model(&node).is_none());
            assert_eq!(lttng_condition_buffer_usage_set_domain_type(c, 0), INVALID);
            assert_eq!(lttng_condition_buffer_usage_set_domain_type(c, 2), OK);
            assert_eq!(
                condition_to_model(&node),
                Some(Condition::BufferUsage {
                    high: true,
                    threshold: Threshold::Ratio(0.75),
                    session: "s1".into(),
                    channel: "ch".into(),
                    domain: 2,
                })
            );
            assert_eq!(lttng_condition_buffer_usage_set_threshold(c, 4096), OK);
            assert_eq!(
                lttng_condition_buffer_usage_get_threshold_ratio(c, &mut ratio),
                UNSET
            );
            assert_eq!(
                lttng_condition_buffer_usage_get_threshold(c, &mut bytes),
                OK
            );
            assert_eq!(bytes, 4096);
            assert_eq!(
                lttng_condition_buffer_usage_get_channel_name(c, &mut name),
                OK
            );
            assert_eq!(CStr::from_ptr(name).to_str(), Ok("ch"));
            // Another type's getters and setters refuse it.
            assert_eq!(
                lttng_condition_session_rotation_get_session_name(c, &mut name),
                INVALID
            );
            assert_eq!(
                lttng_condition_session_consumed_size_set_threshold(c, 1),
                INVALID
            );
            let mut count = 0;
            assert_eq!(
                lttng_condition_event_rule_matches_get_capture_descriptor_count(c, &mut count),
                INVALID
            );
            let mut rule = user_rule().as_c().cast_const();
            assert_eq!(
                lttng_condition_event_rule_matches_get_rule(c, &mut rule),
                INVALID
            );
            assert!(rule.is_null());
            let back = condition_to_model(&node).unwrap();
            assert_eq!(condition_to_model(&condition_from_model(&back)), Some(back));
            drop(node);
            lttng_condition_destroy(c);
        }
    }

    #[test]
    fn consumed_size_and_rotation_conditions() {
        // SAFETY: our own objects, C strings and local out-parameters.
        unsafe {
            let c = lttng_condition_session_consumed_size_create();
            let mut t = 0;
            assert_eq!(
                lttng_condition_session_consumed_size_get_threshold(c, &mut t),
                UNSET
            );
            assert_eq!(
                lttng_condition_session_consumed_size_set_threshold(c, 0),
                OK
            );
            assert_eq!(
                lttng_condition_session_consumed_size_get_threshold(c, &mut t),
                OK
            );
            assert_eq!(
                lttng_condition_session_consumed_size_set_session_name(c, s("x").as_ptr()),
                OK
            );
            assert_eq!(
                condition_to_model(&from_c(c).unwrap()),
                Some(Condition::ConsumedSize {
                    threshold: 0,
                    session: "x".into()
                })
            );
            lttng_condition_destroy(c);
            for (c, completed) in [
                (lttng_condition_session_rotation_ongoing_create(), false),
                (lttng_condition_session_rotation_completed_create(), true),
            ] {
                let mut name = null();
                assert_eq!(
                    lttng_condition_session_rotation_get_session_name(c, &mut name),
                    UNSET
                );
                assert_eq!(
                    lttng_condition_session_rotation_set_session_name(c, s("r").as_ptr()),
                    OK
                );
                assert_eq!(
                    condition_to_model(&from_c(c).unwrap()),
                    Some(Condition::Rotation {
                        completed,
                        session: "r".into()
                    })
                );
                lttng_condition_destroy(c);
            }
        }
    }

    #[test]
    fn event_rule_matches_capture_descriptors() {
        let rule = user_rule();
        // SAFETY: our own objects and local out-parameters.
        unsafe {
            assert!(lttng_condition_event_rule_matches_create(null_mut()).is_null());
            let c = lttng_condition_event_rule_matches_create(rule.as_c());
            let mut got = null();
            assert_eq!(lttng_condition_event_rule_matches_get_rule(c, &mut got), OK);
            assert_eq!(got, rule.as_c().cast_const());
            let e = lttng_event_expr_event_payload_field_create(s("msg").as_ptr());
            assert_eq!(
                lttng_condition_event_rule_matches_append_capture_descriptor(c, null_mut()),
                INVALID
            );
            assert_eq!(
                lttng_condition_event_rule_matches_append_capture_descriptor(c, e),
                OK
            );
            // The condition owns it now: the caller's destroy does nothing.
            lttng_event_expr_destroy(e);
            assert_eq!(
                lttng_event_expr_get_type(e),
                lttng_event_expr_type::EVENT_PAYLOAD_FIELD
            );
            let mut count = 0;
            assert_eq!(
                lttng_condition_event_rule_matches_get_capture_descriptor_count(c, &mut count),
                OK
            );
            assert_eq!(count, 1);
            assert_eq!(
                lttng_condition_event_rule_matches_get_capture_descriptor_at_index(c, 0),
                e.cast_const()
            );
            assert!(
                lttng_condition_event_rule_matches_get_capture_descriptor_at_index(c, 1).is_null()
            );
            lttng_condition_destroy(c);

            let kprobe = Shared::<lttng_event_rule>::new(RuleData::KernelKprobe {
                name: Some(s("k")),
                location: Shared::<lttng_kernel_probe_location>::new(KernelLocationData::Address(
                    1,
                )),
            });
            let c = lttng_condition_event_rule_matches_create(kprobe.as_c());
            let e = lttng_event_expr_event_payload_field_create(s("f").as_ptr());
            assert_eq!(
                lttng_condition_event_rule_matches_append_capture_descriptor(c, e),
                lttng_condition_status::UNSUPPORTED
            );
            // Still the caller's.
            lttng_event_expr_destroy(e);
            lttng_condition_destroy(c);
        }
    }

    #[test]
    fn event_rule_matches_to_and_from_the_model() {
        let rule = EventRule::UserTracepoint {
            pattern: Some("my_*".into()),
            filter: Some("x == 1".into()),
            log_level: None,
            exclusions: vec!["my_bad".into()],
        };
        let captures = vec![
            EventExpr::PayloadField("next_prio".into()),
            EventExpr::ChannelContextField("vpid".into()),
            EventExpr::ArrayElement {
                array: Box::new(EventExpr::AppContextField {
                    provider: "p".into(),
                    type_name: "t".into(),
                }),
                index: 3,
            },
        ];
        let model = Condition::EventRuleMatches { rule, captures };
        let node = condition_from_model(&model);
        assert_eq!(condition_to_model(&node), Some(model));
        // SAFETY: our own object and a local out-parameter.
        unsafe {
            let mut count = 0;
            let c = node.as_c();
            assert_eq!(
                lttng_condition_event_rule_matches_get_capture_descriptor_count(c, &mut count),
                OK
            );
            assert_eq!(count, 3);
        }
        // A probe rule without its event name is not valid.
        let kprobe = Shared::<lttng_event_rule>::new(RuleData::KernelKprobe {
            name: None,
            location: Shared::<lttng_kernel_probe_location>::new(KernelLocationData::Address(1)),
        });
        // SAFETY: a live rule of this library.
        let c = unsafe { lttng_condition_event_rule_matches_create(kprobe.as_c()) };
        let node = from_c(c).unwrap();
        assert!(condition_to_model(&node).is_none());
        if let RuleData::KernelKprobe { name, .. } = kprobe.lock().deref_mut() {
            *name = Some(s("k"));
        }
        assert!(matches!(
            condition_to_model(&node),
            Some(Condition::EventRuleMatches { .. })
        ));
        drop(node);
        // SAFETY: the reference the constructor gave.
        unsafe { lttng_condition_destroy(c) };
    }

    fn capture_condition(n: usize) -> Condition {
        Condition::EventRuleMatches {
            rule: EventRule::UserTracepoint {
                pattern: Some("*".into()),
                filter: None,
                log_level: None,
                exclusions: Vec::new(),
            },
            captures: (0..n)
                .map(|i| EventExpr::PayloadField(format!("f{i}")))
                .collect(),
        }
    }

    #[test]
    fn the_fact_sheets_capture_payload_decodes_to_its_values() {
        let eval = Evaluation::EventRuleMatches {
            capture_payload: PAYLOAD.to_vec(),
        };
        let e = evaluation_from_model(&eval, &capture_condition(5)).unwrap();
        let p = e.as_c().cast_const();
        // SAFETY: our own objects and local out-parameters.
        unsafe {
            assert_eq!(
                lttng_evaluation_get_type(p),
                lttng_condition_type::EVENT_RULE_MATCHES
            );
            let mut root = null();
            assert_eq!(
                lttng_evaluation_event_rule_matches_get_captured_values(p, &mut root),
                lttng_evaluation_event_rule_matches_status::OK
            );
            assert_eq!(
                lttng_event_field_value_get_type(root),
                lttng_event_field_value_type::ARRAY
            );
            let mut len = 0;
            lttng_event_field_value_array_get_length(root, &mut len);
            assert_eq!(len, 5);
            let mut elems = Vec::new();
            for i in 0..len {
                let mut v = null();
                let st = lttng_event_field_value_array_get_element_at_index(root, i, &mut v);
                elems.push((st, v));
            }
            let mut text = null();
            assert_eq!(
                lttng_event_field_value_string_get_value(elems[0].1, &mut text),
                lttng_event_field_value_status::OK
            );
            assert_eq!(CStr::from_ptr(text).to_str(), Ok("hi 0"));
            let mut u = 0;
            assert_eq!(
                lttng_event_field_value_unsigned_int_get_value(elems[2].1, &mut u),
                lttng_event_field_value_status::OK
            );
            assert_eq!(u, 14133);
            for i in [1, 3, 4] {
                assert_eq!(
                    elems[i],
                    (lttng_event_field_value_status::UNAVAILABLE, null())
                );
            }
            // Another type's getter refuses it.
            let mut id = 0;
            assert_eq!(
                lttng_evaluation_session_rotation_get_id(p, &mut id),
                lttng_evaluation_status::INVALID
            );
        }
        // Without a payload: no captured values.
        for (payload, n) in [(Vec::new(), 0), (Vec::new(), 2)] {
            let eval = Evaluation::EventRuleMatches {
                capture_payload: payload,
            };
            let e = evaluation_from_model(&eval, &capture_condition(n)).unwrap();
            let mut root = null();
            // SAFETY: our own object and a local out-parameter.
            let st = unsafe {
                lttng_evaluation_event_rule_matches_get_captured_values(e.as_c(), &mut root)
            };
            assert_eq!(st, lttng_evaluation_event_rule_matches_status::NONE);
        }
        // A payload that does not decode, fewer values than descriptors, or a condition of
        // another type: no evaluation.
        assert!(evaluation_from_model(&eval_of(PAYLOAD), &capture_condition(0)).is_none());
        let bad = Evaluation::EventRuleMatches {
            capture_payload: vec![0x91, 0xc3],
        };
        assert!(evaluation_from_model(&bad, &capture_condition(1)).is_none());
        assert!(evaluation_from_model(&eval_of(PAYLOAD), &capture_condition(6)).is_none());
        let rotation = Condition::Rotation {
            completed: true,
            session: "s".into(),
        };
        assert!(evaluation_from_model(&eval_of(PAYLOAD), &rotation).is_none());
    }

    fn eval_of(payload: &[u8]) -> Evaluation {
        Evaluation::EventRuleMatches {
            capture_payload: payload.to_vec(),
        }
    }

    #[test]
    fn other_evaluations_read_back() {
        let any = Condition::Rotation {
            completed: true,
            session: "s".into(),
        };
        let usage = Evaluation::BufferUsage {
            high: false,
            used: 3,
            capacity: 4,
        };
        let e = evaluation_from_model(&usage, &any).unwrap();
        let location = ArchiveLocation::Local {
            absolute_path: "/tmp/a".into(),
        };
        let done = Evaluation::Rotation {
            completed: true,
            id: 9,
            location: Some(location),
        };
        let r = evaluation_from_model(&done, &any).unwrap();
        let ongoing = Evaluation::Rotation {
            completed: false,
            id: 2,
            location: None,
        };
        let o = evaluation_from_model(&ongoing, &any).unwrap();
        let size = evaluation_from_model(&Evaluation::ConsumedSize(77), &any).unwrap();
        // SAFETY: our own objects and local out-parameters.
        unsafe {
            let (mut ratio, mut used, mut id, mut loc) = (0.0, 0, 0, null());
            assert_eq!(
                lttng_evaluation_get_type(e.as_c()),
                lttng_condition_type::BUFFER_USAGE_LOW
            );
            assert_eq!(
                lttng_evaluation_buffer_usage_get_usage_ratio(e.as_c(), &mut ratio),
                lttng_evaluation_status::OK
            );
            assert_eq!(ratio, 0.75);
            assert_eq!(
                lttng_evaluation_buffer_usage_get_usage(e.as_c(), &mut used),
                lttng_evaluation_status::OK
            );
            assert_eq!(used, 3);
            assert_eq!(
                lttng_evaluation_session_consumed_size_get_consumed_size(size.as_c(), &mut used),
                lttng_evaluation_status::OK
            );
            assert_eq!(used, 77);
            assert_eq!(
                lttng_evaluation_session_rotation_get_id(r.as_c(), &mut id),
                lttng_evaluation_status::OK
            );
            assert_eq!(id, 9);
            assert_eq!(
                lttng_evaluation_session_rotation_completed_get_location(r.as_c(), &mut loc),
                lttng_evaluation_status::OK
            );
            let mut path = null();
            lttng_trace_archive_location_local_get_absolute_path(loc, &mut path);
            assert_eq!(CStr::from_ptr(path).to_str(), Ok("/tmp/a"));
            assert_eq!(
                lttng_evaluation_session_rotation_get_id(o.as_c(), &mut id),
                lttng_evaluation_status::OK
            );
            assert_eq!(id, 2);
            assert_eq!(
                lttng_evaluation_session_rotation_completed_get_location(o.as_c(), &mut loc),
                lttng_evaluation_status::INVALID
            );
            assert_eq!(
                lttng_evaluation_buffer_usage_get_usage(null(), &mut used),
                lttng_evaluation_status::INVALID
            );
            assert_eq!(
                lttng_evaluation_get_type(null()),
                lttng_condition_type::UNKNOWN
            );
            // Lent by its owner (here Rust): destroying it does nothing.
            lttng_evaluation_destroy(r.as_c());
            assert_eq!(
                lttng_evaluation_session_rotation_get_id(r.as_c(), &mut id),
                lttng_evaluation_status::OK
            );
        }
    }
}
