//! Notifications (`lttng/notification/notification.h`, `lttng/condition/evaluation.h`) as
//! values: the trigger that fired, the evaluation of its condition, and the captured event
//! fields of an event-rule-matches evaluation. Their wire form is `proto::notification`.

use crate::model::location::ArchiveLocation;
use crate::model::trigger::Trigger;

/// The evaluation of a condition, by condition type.
#[derive(Debug, Clone, PartialEq)]
pub enum Evaluation {
    /// BUFFER_USAGE_HIGH (`high`) or BUFFER_USAGE_LOW.
    BufferUsage {
        /// High (else low).
        high: bool,
        /// Bytes in use.
        used: u64,
        /// The buffers' capacity in bytes.
        capacity: u64,
    },
    /// SESSION_CONSUMED_SIZE: bytes consumed.
    ConsumedSize(u64),
    /// SESSION_ROTATION_ONGOING (`completed` false) or _COMPLETED.
    Rotation {
        /// Completed (else ongoing).
        completed: bool,
        /// The rotation's id.
        id: u64,
        /// Where the archive is (a completed rotation).
        location: Option<ArchiveLocation>,
    },
    /// EVENT_RULE_MATCHES: the capture payload as the daemon sent it (msgpack; empty when
    /// the condition captures nothing).
    EventRuleMatches {
        /// The msgpack bytes.
        capture_payload: Vec<u8>,
    },
}

/// A notification: the trigger whose condition was met, and the evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct Notification {
    /// The trigger.
    pub trigger: Trigger,
    /// The evaluation.
    pub evaluation: Evaluation,
}

/// A captured event field value (`enum lttng_event_field_value_type`), as upstream decodes a
/// capture payload: any non-negative integer, whatever its msgpack width or signedness, is
/// unsigned.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    /// UNSIGNED_INT (0).
    UnsignedInt(u64),
    /// SIGNED_INT (1).
    SignedInt(i64),
    /// UNSIGNED_ENUM (2): the value and its labels.
    UnsignedEnum(u64, Vec<String>),
    /// SIGNED_ENUM (3): the value and its labels.
    SignedEnum(i64, Vec<String>),
    /// REAL (4).
    Real(f64),
    /// STRING (5).
    String(String),
    /// ARRAY (6): elements, `None` where the tracer could not capture it (unavailable).
    Array(Vec<Option<FieldValue>>),
}
