//! The run-time check of the program's copy of upstream's code, once per process, before
//! any object of the program is read or built through [`super::layout`].
//!
//! Probe objects make round trips through the program's own public functions: a trigger
//! built with the program's constructors is read through the layout and through the
//! program's getters, and its condition and action serialized through their slots must give
//! the bytes this library's codec gives; containers, error-query results, evaluations,
//! captured values and a notification built in the layout are read back through the
//! program's getters and released by its destructors. A program whose answers differ (a
//! build that is not 2.13.9's layout) fails the check: its trigger API answers
//! LTTNG_ERR_NOT_SUPPORTED and its notifications the channel's ERROR status, and the layout
//! is not used again.

use std::ffi::{CStr, c_char, c_int, c_uint, c_void};
use std::sync::OnceLock;

use super::layout::{self, ErrorQueryAction};
use super::notify::{build_evaluation, build_notification};
use super::{
    HostError, HostTrigger, Obj, build_results, build_triggers, destroy_with, host, new_trigger,
    query_parts, serialize_obj, sym, validate,
};
use crate::client::notification::Received;
use crate::client::trigger::{serialize_action, serialize_condition};
use crate::model::location::ArchiveLocation;
use crate::model::notification::{Evaluation, FieldValue, Notification};
use crate::model::trigger::{Action, Condition, QueryResult, RatePolicy, Trigger};

/// What the check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Probe {
    /// The program's triggers, conditions, actions, trigger sets, error queries and
    /// results match the layout.
    pub triggers: bool,
    /// The program's notifications, evaluations and captured values match too.
    pub notifications: bool,
}

/// The check's result (run on first use).
pub fn result() -> Probe {
    static RESULT: OnceLock<Probe> = OnceLock::new();
    *RESULT.get_or_init(|| {
        let triggers = super::present() && check_triggers().is_ok();
        let notifications = triggers && super::notify::present() && check_notifications().is_ok();
        crate::client::debug_note(format_args!(
            "the program's own copy of upstream's objects: triggers {}, notifications {}",
            if triggers {
                "checked"
            } else {
                "absent or not matching"
            },
            if notifications {
                "checked"
            } else {
                "absent or not matching"
            },
        ));
        Probe {
            triggers,
            notifications,
        }
    })
}

/// `Ok` when `ok`; otherwise the check failed here (noted in the debug log).
#[track_caller]
fn check(ok: bool) -> Result<(), HostError> {
    if ok {
        return Ok(());
    }
    let at = std::panic::Location::caller();
    crate::client::debug_note(format_args!(
        "the program's copy of upstream's objects does not match 2.13.9's layout (check at {}:{}): not used",
        at.file(),
        at.line()
    ));
    Err(HostError::Failed)
}

fn euid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

fn probe_trigger() -> Trigger {
    Trigger {
        uid: u64::from(euid()),
        name: Some("lttng-ctl-probe".into()),
        is_hidden: false,
        condition: Condition::ConsumedSize {
            threshold: 4242,
            session: "probe".into(),
        },
        action: Action::List(vec![Action::Notify(RatePolicy { once: false, n: 3 })]),
    }
}

/// A C string of the program, as text.
fn text(p: *const c_char) -> Option<String> {
    // SAFETY: callers pass NULL or a C string the program lent.
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
}

/// The probe trigger, its layout against the program's getters, its condition and action
/// through their slots.
fn check_trigger_object(t: Obj, model: &Trigger) -> Result<(), HostError> {
    // SAFETY: a live trigger the program's constructors just built.
    let ht = unsafe { HostTrigger::new(t) };
    check(ht.name().as_deref() == model.name.as_deref())?;
    check(ht.uid() == Some(euid()))?;
    let condition = host!("lttng_trigger_get_condition", fn(Obj) -> Obj, t);
    let action = host!("lttng_trigger_get_action", fn(Obj) -> Obj, t);
    // SAFETY: a live trigger of the program (what the check is about).
    let raw = unsafe { &*t.cast::<layout::Trigger>() };
    check(raw.condition == condition && raw.action == action)?;
    check(raw.creds.uid.is_set == 1 && raw.creds.uid.value == euid() && raw.creds.gid.is_set == 0)?;
    check(!raw.registered && !raw.is_hidden && raw.lock.opaque == [0; 5])?;
    check(text(raw.name) == model.name)?;
    check(host!("lttng_condition_get_type", fn(Obj) -> c_int, condition) == 100)?;
    check(host!("lttng_action_get_type", fn(Obj) -> c_int, action) == 5)?;
    // SAFETY: live objects of the program.
    let (kinds_ok, valid) = unsafe {
        (
            (*condition.cast::<layout::Condition>()).r#type == 100
                && (*action.cast::<layout::ActionHead>()).r#type == 5,
            validate(condition) && validate(action),
        )
    };
    check(kinds_ok && valid)?;
    let (mut c_bytes, mut a_bytes, mut fds) = (Vec::new(), Vec::new(), Vec::new());
    // SAFETY: live objects of the program.
    let serialized = unsafe {
        serialize_obj(condition, &mut c_bytes, &mut fds)
            && serialize_obj(action, &mut a_bytes, &mut fds)
    };
    check(serialized && fds.is_empty())?;
    check(c_bytes == serialize_condition(&model.condition))?;
    check(a_bytes == serialize_action(&model.action))
}

fn check_triggers() -> Result<(), HostError> {
    let model = probe_trigger();
    let t = new_trigger(&model)?;
    let checked = check_trigger_object(t, &model).and_then(|()| check_queries(t, &model));
    destroy_with("lttng_trigger_destroy\0", t);
    checked?;
    check_fd_payload()?;
    check_trigger_set(&model)?;
    check_results()
}

/// A condition whose serialization passes a descriptor (a uprobe rule's binary): the bytes
/// and the fd handle, read back from the payload. Skipped where the program cannot make
/// one (its location cannot open the binary).
fn check_fd_payload() -> Result<(), HostError> {
    use crate::model::trigger::{EventRule, LookupMethod, UserspaceLocation, UserspaceProbe};
    let model = Condition::EventRuleMatches {
        rule: EventRule::KernelUprobe {
            name: Some("probe".into()),
            location: UserspaceLocation {
                probe: UserspaceProbe::Function {
                    function: "main".into(),
                },
                binary_path: "/proc/self/exe".into(),
                lookup: LookupMethod::FunctionElf,
                binary_fd: None,
            },
        },
        captures: Vec::new(),
    };
    let Ok(c) = super::build_condition(&model) else {
        return Ok(());
    };
    let (mut bytes, mut fds) = (Vec::new(), Vec::new());
    // SAFETY: a live condition the program's constructors just built.
    let serialized = unsafe { serialize_obj(c.obj, &mut bytes, &mut fds) };
    drop(c);
    check(serialized && fds.len() == 1)?;
    check(bytes == serialize_condition(&model))
}

/// A trigger set built in the layout, read and released by the program.
fn check_trigger_set(model: &Trigger) -> Result<(), HostError> {
    if sym("lttng_triggers_get_count\0").is_err() {
        return Ok(());
    }
    let set = build_triggers(std::slice::from_ref(model))?;
    let mut count: c_uint = 0;
    let status = host!(
        "lttng_triggers_get_count",
        fn(Obj, *mut c_uint) -> c_int,
        set,
        &mut count
    );
    let first = host!(
        "lttng_triggers_get_at_index",
        fn(Obj, c_uint) -> Obj,
        set,
        0
    );
    let name = if first.is_null() {
        None
    } else {
        // SAFETY: a trigger of the set, built by the program's constructors.
        unsafe { HostTrigger::new(first) }.name()
    };
    destroy_with("lttng_triggers_destroy\0", set);
    check(status == 0 && count == 1 && name == model.name)
}

/// Error queries made by the program's constructors, read through the layout.
fn check_queries(t: Obj, model: &Trigger) -> Result<(), HostError> {
    if sym("lttng_error_query_action_create\0").is_err() {
        return Ok(());
    }
    let index: u64 = 0;
    let path = host!(
        "lttng_action_path_create",
        fn(*const u64, usize) -> Obj,
        &index,
        1
    );
    check(!path.is_null())?;
    let queries = [
        (
            0,
            host!("lttng_error_query_trigger_create", fn(Obj) -> Obj, t),
        ),
        (
            1,
            host!("lttng_error_query_condition_create", fn(Obj) -> Obj, t),
        ),
        (
            2,
            host!(
                "lttng_error_query_action_create",
                fn(Obj, Obj) -> Obj,
                t,
                path
            ),
        ),
    ];
    let mut ok = true;
    for (target, q) in queries {
        if q.is_null() {
            ok = false;
            continue;
        }
        // SAFETY: a live query of the program (what the check is about).
        let (kind, trigger, indexes) = unsafe { query_parts(q) };
        // SAFETY: a live query of the program: its target type is its first field.
        let prefix_ok = unsafe { (*q.cast::<ErrorQueryAction>()).parent.target_type } == target;
        let name = (!trigger.is_null())
            // SAFETY: the query's copy of the trigger, built by the program.
            .then(|| unsafe { HostTrigger::new(trigger.cast_mut()) }.name())
            .flatten();
        ok &= prefix_ok
            && kind == target
            && name == model.name
            && indexes == (target == 2).then(|| vec![0]);
        destroy_with("lttng_error_query_destroy\0", q);
    }
    destroy_with("lttng_action_path_destroy\0", path);
    check(ok)
}

/// Error-query results built in the layout, read and released by the program.
fn check_results() -> Result<(), HostError> {
    if sym("lttng_error_query_results_get_count\0").is_err() {
        return Ok(());
    }
    let results = build_results(&[QueryResult {
        name: "probe name".into(),
        description: "probe description".into(),
        value: 4243,
    }])?;
    let mut count: c_uint = 0;
    let mut result: Obj = std::ptr::null_mut();
    let (mut name, mut description): (*const c_char, *const c_char) =
        (std::ptr::null(), std::ptr::null());
    let mut value: u64 = 0;
    let mut kind = -1;
    let statuses = [
        host!(
            "lttng_error_query_results_get_count",
            fn(Obj, *mut c_uint) -> c_int,
            results,
            &mut count
        ),
        host!(
            "lttng_error_query_results_get_result",
            fn(Obj, *mut Obj, c_uint) -> c_int,
            results,
            &mut result,
            0
        ),
    ];
    if statuses == [0, 0] && !result.is_null() {
        kind = host!(
            "lttng_error_query_result_get_type",
            fn(Obj) -> c_int,
            result
        );
        host!(
            "lttng_error_query_result_get_name",
            fn(Obj, *mut *const c_char) -> c_int,
            result,
            &mut name
        );
        host!(
            "lttng_error_query_result_get_description",
            fn(Obj, *mut *const c_char) -> c_int,
            result,
            &mut description
        );
        host!(
            "lttng_error_query_result_counter_get_value",
            fn(Obj, *mut u64) -> c_int,
            result,
            &mut value
        );
    }
    let read = (count, kind, text(name), text(description), value);
    destroy_with("lttng_error_query_results_destroy\0", results);
    check(
        read == (
            1,
            0,
            Some("probe name".into()),
            Some("probe description".into()),
            4243,
        ),
    )
}

/// An evaluation built in the layout, `read` through the program's getters, then released
/// by the program's `lttng_evaluation_destroy`.
fn with_evaluation(
    e: &Evaluation,
    captures: Option<&[Option<FieldValue>]>,
    read: impl FnOnce(Obj) -> Result<bool, HostError>,
) -> Result<(), HostError> {
    let p = build_evaluation(e, captures)?.cast::<c_void>();
    let ok = read(p);
    destroy_with("lttng_evaluation_destroy\0", p);
    check(ok?)
}

fn check_notifications() -> Result<(), HostError> {
    with_evaluation(&Evaluation::ConsumedSize(77), None, |e| {
        let mut v = 0u64;
        let s = host!(
            "lttng_evaluation_session_consumed_size_get_consumed_size",
            fn(Obj, *mut u64) -> c_int,
            e,
            &mut v
        );
        Ok(host!("lttng_evaluation_get_type", fn(Obj) -> c_int, e) == 100 && s == 0 && v == 77)
    })?;
    let usage = Evaluation::BufferUsage {
        high: false,
        used: 25,
        capacity: 100,
    };
    with_evaluation(&usage, None, |e| {
        let (mut used, mut ratio) = (0u64, 0f64);
        let s1 = host!(
            "lttng_evaluation_buffer_usage_get_usage",
            fn(Obj, *mut u64) -> c_int,
            e,
            &mut used
        );
        let s2 = host!(
            "lttng_evaluation_buffer_usage_get_usage_ratio",
            fn(Obj, *mut f64) -> c_int,
            e,
            &mut ratio
        );
        Ok(
            host!("lttng_evaluation_get_type", fn(Obj) -> c_int, e) == 102
                && (s1, s2, used) == (0, 0, 25)
                && ratio == 0.25,
        )
    })?;
    let rotation = Evaluation::Rotation {
        completed: true,
        id: 78,
        location: Some(ArchiveLocation::Local {
            absolute_path: "/probe".into(),
        }),
    };
    with_evaluation(&rotation, None, |e| {
        let mut id = 0u64;
        let mut location: Obj = std::ptr::null_mut();
        let s1 = host!(
            "lttng_evaluation_session_rotation_get_id",
            fn(Obj, *mut u64) -> c_int,
            e,
            &mut id
        );
        let s2 = host!(
            "lttng_evaluation_session_rotation_completed_get_location",
            fn(Obj, *mut Obj) -> c_int,
            e,
            &mut location
        );
        // SAFETY: an evaluation built by this library in the layout.
        let expected = unsafe { (*e.cast::<layout::EvaluationRotation>()).location };
        Ok((s1, s2, id) == (0, 0, 78) && !location.is_null() && location == expected)
    })?;
    check_captures()?;
    check_notification()
}

/// Captured values of every kind, read through the program's field value getters.
fn check_captures() -> Result<(), HostError> {
    let values = [
        Some(FieldValue::UnsignedInt(5)),
        None,
        Some(FieldValue::String("probe".into())),
        Some(FieldValue::Array(vec![Some(FieldValue::SignedInt(-2))])),
        Some(FieldValue::UnsignedEnum(9, vec!["nine".into()])),
        Some(FieldValue::Real(1.5)),
    ];
    let e = Evaluation::EventRuleMatches {
        capture_payload: vec![0x96],
    };
    with_evaluation(&e, Some(&values), |e| {
        let mut root: Obj = std::ptr::null_mut();
        let s = host!(
            "lttng_evaluation_event_rule_matches_get_captured_values",
            fn(Obj, *mut Obj) -> c_int,
            e,
            &mut root
        );
        if s != 0 || root.is_null() {
            return Ok(false);
        }
        let length = |v: Obj| -> Result<c_uint, HostError> {
            let mut n: c_uint = 0;
            let s = host!(
                "lttng_event_field_value_array_get_length",
                fn(Obj, *mut c_uint) -> c_int,
                v,
                &mut n
            );
            check(s == 0).map(|()| n)
        };
        let element = |v: Obj, i: c_uint| -> Result<(c_int, Obj), HostError> {
            let mut out: Obj = std::ptr::null_mut();
            let s = host!(
                "lttng_event_field_value_array_get_element_at_index",
                fn(Obj, c_uint, *mut Obj) -> c_int,
                v,
                i,
                &mut out
            );
            Ok((s, out))
        };
        let kind = |v: Obj| -> Result<c_int, HostError> {
            Ok(host!(
                "lttng_event_field_value_get_type",
                fn(Obj) -> c_int,
                v
            ))
        };
        let unsigned = |v: Obj| -> Result<u64, HostError> {
            let mut u = 0u64;
            let s = host!(
                "lttng_event_field_value_unsigned_int_get_value",
                fn(Obj, *mut u64) -> c_int,
                v,
                &mut u
            );
            check(s == 0).map(|()| u)
        };
        if length(root)? != 6 || kind(root)? != 6 {
            return Ok(false);
        }
        let (s0, v0) = element(root, 0)?;
        let (s1, _) = element(root, 1)?;
        let (s2, v2) = element(root, 2)?;
        let (s3, v3) = element(root, 3)?;
        let (s4, v4) = element(root, 4)?;
        let (s5, v5) = element(root, 5)?;
        // UNAVAILABLE (-2) for the missing value.
        if (s0, s1, s2, s3, s4, s5) != (0, -2, 0, 0, 0, 0) {
            return Ok(false);
        }
        let mut string: *const c_char = std::ptr::null();
        host!(
            "lttng_event_field_value_string_get_value",
            fn(Obj, *mut *const c_char) -> c_int,
            v2,
            &mut string
        );
        let (s30, v30) = element(v3, 0)?;
        let mut signed = 0i64;
        host!(
            "lttng_event_field_value_signed_int_get_value",
            fn(Obj, *mut i64) -> c_int,
            v30,
            &mut signed
        );
        let mut real = 0f64;
        host!(
            "lttng_event_field_value_real_get_value",
            fn(Obj, *mut f64) -> c_int,
            v5,
            &mut real
        );
        Ok(kind(v0)? == 0
            && unsigned(v0)? == 5
            && text(string).as_deref() == Some("probe")
            && length(v3)? == 1
            && s30 == 0
            && signed == -2
            && kind(v4)? == 2
            && unsigned(v4)? == 9
            && kind(v5)? == 4
            && real == 1.5)
    })
}

/// A notification built in the layout, read and released by the program.
fn check_notification() -> Result<(), HostError> {
    let received = Received {
        notification: Notification {
            trigger: probe_trigger(),
            evaluation: Evaluation::ConsumedSize(79),
        },
        captures: None,
    };
    let n = build_notification(&received)?;
    // SAFETY: a notification built by this library in the layout.
    let (trigger, evaluation) = unsafe {
        let raw = &*n.cast::<layout::Notification>();
        (raw.trigger, raw.evaluation.cast::<c_void>())
    };
    let got_trigger = host!("lttng_notification_get_trigger", fn(Obj) -> Obj, n);
    let got_evaluation = host!("lttng_notification_get_evaluation", fn(Obj) -> Obj, n);
    let got_condition = host!("lttng_notification_get_condition", fn(Obj) -> Obj, n);
    let condition = host!("lttng_trigger_get_condition", fn(Obj) -> Obj, trigger);
    let mut consumed = 0u64;
    host!(
        "lttng_evaluation_session_consumed_size_get_consumed_size",
        fn(Obj, *mut u64) -> c_int,
        got_evaluation,
        &mut consumed
    );
    destroy_with("lttng_notification_destroy\0", n);
    check(
        got_trigger == trigger
            && got_evaluation == evaluation
            && got_condition == condition
            && consumed == 79,
    )
}
