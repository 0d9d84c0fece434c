//! Exports of `lttng/condition/*.h`: conditions and their evaluations.

use std::ffi::CString;

use crate::ffi::event_expr::lttng_event_expr;
use crate::ffi::event_rule::lttng_event_rule;
use crate::ffi::object::{Shared, c_object};
use crate::model::notification::Evaluation;
use crate::model::trigger::{Condition, Threshold};

/// A condition's data.
#[derive(Debug)]
pub enum ConditionData {
    /// BUFFER_USAGE_HIGH (`high`) or BUFFER_USAGE_LOW; every part optional until set.
    BufferUsage {
        /// High (else low).
        high: bool,
        /// Threshold.
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

c_object!(
    /// `struct lttng_condition` (opaque).
    lttng_condition => ConditionData
);

/// An evaluation's data, with the objects its getters lend (helper B: a completed
/// rotation's `lttng_trace_archive_location`, see `ffi::location::create`/`release`, and
/// the captured values as an ARRAY field value).
#[derive(Debug)]
pub struct EvaluationData {
    /// The evaluation.
    pub value: Evaluation,
}

c_object!(
    /// `struct lttng_evaluation` (opaque).
    lttng_evaluation => EvaluationData
);

/// The model value of a condition node; `None` while the condition is invalid (a part unset).
pub fn condition_to_model(condition: &Shared<lttng_condition>) -> Option<Condition> {
    todo!("helper B: {condition:?}")
}

/// A new evaluation node from a received evaluation; `condition` is the condition of the
/// notification's trigger (its capture descriptors name the captured values). `None` when
/// the capture payload does not decode (upstream then fails the whole notification).
pub fn evaluation_from_model(
    evaluation: &Evaluation,
    condition: &Condition,
) -> Option<Shared<lttng_evaluation>> {
    todo!("helper B: {evaluation:?} {condition:?}")
}

/// A new condition node from a model value.
pub fn condition_from_model(condition: &Condition) -> Shared<lttng_condition> {
    todo!("helper B: {condition:?}")
}
