//! Triggers (`lttng/trigger/trigger.h`) as values: a trigger's owner, name, condition and
//! action, and the results of an error query. Their wire form is `proto::trigger`.

use std::os::fd::{AsRawFd, OwnedFd};
use std::sync::Arc;

/// A serialized trigger, decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Trigger {
    /// Owner uid.
    pub uid: u64,
    /// Name (`None` for an anonymous trigger).
    pub name: Option<String>,
    /// Internal trigger hidden from listings.
    pub is_hidden: bool,
    /// Condition.
    pub condition: Condition,
    /// Action.
    pub action: Action,
}

/// `enum lttng_condition_type` values.
pub mod condition_type {
    /// Session consumed size.
    pub const SESSION_CONSUMED_SIZE: i8 = 100;
    /// Buffer usage high.
    pub const BUFFER_USAGE_HIGH: i8 = 101;
    /// Buffer usage low.
    pub const BUFFER_USAGE_LOW: i8 = 102;
    /// Rotation ongoing.
    pub const SESSION_ROTATION_ONGOING: i8 = 103;
    /// Rotation completed.
    pub const SESSION_ROTATION_COMPLETED: i8 = 104;
    /// Event rule matches.
    pub const EVENT_RULE_MATCHES: i8 = 105;
}

/// A buffer-usage threshold: bytes or a ratio.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Threshold {
    /// In bytes.
    Bytes(u64),
    /// A ratio of the buffer size.
    Ratio(f64),
}

/// A trigger condition.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// BUFFER_USAGE_HIGH (`high`) or BUFFER_USAGE_LOW.
    BufferUsage {
        /// High (else low).
        high: bool,
        /// Threshold.
        threshold: Threshold,
        /// Session.
        session: String,
        /// Channel.
        channel: String,
        /// `enum lttng_domain_type`.
        domain: i8,
    },
    /// SESSION_CONSUMED_SIZE.
    ConsumedSize {
        /// Bytes.
        threshold: u64,
        /// Session.
        session: String,
    },
    /// SESSION_ROTATION_ONGOING (`completed` false) or _COMPLETED.
    Rotation {
        /// Completed (else ongoing).
        completed: bool,
        /// Session.
        session: String,
    },
    /// EVENT_RULE_MATCHES.
    EventRuleMatches {
        /// The rule.
        rule: EventRule,
        /// Capture descriptors.
        captures: Vec<EventExpr>,
    },
}

/// A log level rule: `at_least` (AT_LEAST_AS_SEVERE_AS) or EXACTLY, and the level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogLevelRule {
    /// AT_LEAST_AS_SEVERE_AS (else EXACTLY).
    pub at_least: bool,
    /// Level.
    pub level: i32,
}

/// `enum lttng_event_rule_type` values.
pub mod rule_type {
    /// Kernel syscall.
    pub const KERNEL_SYSCALL: i8 = 0;
    /// Kernel kprobe.
    pub const KERNEL_KPROBE: i8 = 1;
    /// Kernel tracepoint.
    pub const KERNEL_TRACEPOINT: i8 = 2;
    /// Kernel uprobe.
    pub const KERNEL_UPROBE: i8 = 3;
    /// User tracepoint.
    pub const USER_TRACEPOINT: i8 = 4;
    /// JUL.
    pub const JUL_LOGGING: i8 = 5;
    /// log4j.
    pub const LOG4J_LOGGING: i8 = 6;
    /// Python.
    pub const PYTHON_LOGGING: i8 = 7;
}

/// A kernel probe location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KernelLocation {
    /// SYMBOL_OFFSET.
    Symbol {
        /// Symbol.
        name: String,
        /// Offset.
        offset: u64,
    },
    /// ADDRESS.
    Address(u64),
}

/// `enum lttng_userspace_probe_location_lookup_method_type` values a location can hold (the
/// public API has no constructor of FUNCTION_DEFAULT, and upstream's parser asserts on it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LookupMethod {
    /// FUNCTION_ELF (1).
    FunctionElf,
    /// TRACEPOINT_SDT (2).
    TracepointSdt,
}

/// What a userspace probe location instruments in its binary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserspaceProbe {
    /// FUNCTION: a function's entry.
    Function {
        /// Function name.
        function: String,
    },
    /// TRACEPOINT: an SDT probe's call sites.
    Tracepoint {
        /// Probe name.
        probe: String,
        /// Provider name.
        provider: String,
    },
}

/// The binary a userspace probe location refers to, opened `O_RDONLY` when the location was
/// created; shared by the location's copies (upstream's `fd_handle`), closed with the last.
/// It travels beside the serialized bytes, as a passed file descriptor. Two are equal when
/// they are the same descriptor number.
#[derive(Debug, Clone)]
pub struct BinaryFd(pub Arc<OwnedFd>);

impl PartialEq for BinaryFd {
    fn eq(&self, other: &BinaryFd) -> bool {
        self.0.as_raw_fd() == other.0.as_raw_fd()
    }
}

impl Eq for BinaryFd {}

/// A userspace probe location (`lttng/userspace-probe.h`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserspaceLocation {
    /// Function or tracepoint.
    pub probe: UserspaceProbe,
    /// Path of the binary, as given.
    pub binary_path: String,
    /// Lookup method.
    pub lookup: LookupMethod,
    /// The open binary; `None` for a decoded location whose descriptor was not attached.
    pub binary_fd: Option<BinaryFd>,
}

/// An event rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventRule {
    /// USER_TRACEPOINT.
    UserTracepoint {
        /// Name pattern.
        pattern: Option<String>,
        /// Filter expression.
        filter: Option<String>,
        /// Log level rule.
        log_level: Option<LogLevelRule>,
        /// Excluded names.
        exclusions: Vec<String>,
    },
    /// KERNEL_TRACEPOINT.
    KernelTracepoint {
        /// Name pattern.
        pattern: Option<String>,
        /// Filter expression.
        filter: Option<String>,
    },
    /// KERNEL_SYSCALL.
    KernelSyscall {
        /// 0 entry+exit, 1 entry, 2 exit.
        emission_site: u32,
        /// Name pattern.
        pattern: Option<String>,
        /// Filter expression.
        filter: Option<String>,
    },
    /// KERNEL_KPROBE.
    KernelKprobe {
        /// Event name.
        name: Option<String>,
        /// Location.
        location: KernelLocation,
    },
    /// KERNEL_UPROBE.
    KernelUprobe {
        /// Event name.
        name: Option<String>,
        /// Location.
        location: UserspaceLocation,
    },
    /// JUL_LOGGING, LOG4J_LOGGING or PYTHON_LOGGING (`kind` is the rule type).
    Logging {
        /// One of the three rule types.
        kind: i8,
        /// Name pattern.
        pattern: Option<String>,
        /// Filter expression.
        filter: Option<String>,
        /// Log level rule.
        log_level: Option<LogLevelRule>,
    },
}

impl Condition {
    /// The descriptor this condition's serialization refers to: its event rule's uprobe
    /// binary, if any.
    pub fn binary_fd(&self) -> Option<&BinaryFd> {
        match self {
            Condition::EventRuleMatches { rule, .. } => rule.binary_fd(),
            _ => None,
        }
    }
}

impl EventRule {
    /// The `enum lttng_domain_type` the rule belongs to.
    pub fn domain(&self) -> i32 {
        match self {
            EventRule::UserTracepoint { .. } => 2,
            EventRule::Logging { kind, .. } => match *kind {
                rule_type::JUL_LOGGING => 3,
                rule_type::LOG4J_LOGGING => 4,
                _ => 5,
            },
            _ => 1,
        }
    }

    /// Upstream's `lttng_event_rule_validate`: a kprobe or uprobe rule needs an event name,
    /// the others a name pattern (which their constructors set to "*").
    pub fn is_valid(&self) -> bool {
        match self {
            EventRule::KernelKprobe { name, .. } | EventRule::KernelUprobe { name, .. } => {
                name.is_some()
            }
            EventRule::UserTracepoint { pattern, .. }
            | EventRule::KernelTracepoint { pattern, .. }
            | EventRule::KernelSyscall { pattern, .. }
            | EventRule::Logging { pattern, .. } => pattern.is_some(),
        }
    }

    /// The open binary of a KERNEL_UPROBE rule's location (the one descriptor an event rule
    /// can carry), to pass beside the rule's bytes.
    pub fn binary_fd(&self) -> Option<&BinaryFd> {
        match self {
            EventRule::KernelUprobe { location, .. } => location.binary_fd.as_ref(),
            _ => None,
        }
    }

    /// Where a decoded KERNEL_UPROBE rule takes the descriptor received beside its bytes;
    /// `None` for other rules.
    pub fn binary_fd_slot(&mut self) -> Option<&mut Option<BinaryFd>> {
        match self {
            EventRule::KernelUprobe { location, .. } => Some(&mut location.binary_fd),
            _ => None,
        }
    }
}

/// A capture descriptor's expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventExpr {
    /// EVENT_PAYLOAD_FIELD.
    PayloadField(String),
    /// CHANNEL_CONTEXT_FIELD.
    ChannelContextField(String),
    /// APP_SPECIFIC_CONTEXT_FIELD.
    AppContextField {
        /// Provider.
        provider: String,
        /// Type.
        type_name: String,
    },
    /// ARRAY_FIELD_ELEMENT.
    ArrayElement {
        /// The array.
        array: Box<EventExpr>,
        /// Index.
        index: u32,
    },
}

/// A rate policy: EVERY_N (`once` false, N = interval) or ONCE_AFTER_N (threshold).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RatePolicy {
    /// ONCE_AFTER_N (else EVERY_N).
    pub once: bool,
    /// Interval or threshold.
    pub n: u64,
}

/// `enum lttng_action_type` values.
pub mod action_type {
    /// Notify.
    pub const NOTIFY: i8 = 0;
    /// Start session.
    pub const START_SESSION: i8 = 1;
    /// Stop session.
    pub const STOP_SESSION: i8 = 2;
    /// Rotate session.
    pub const ROTATE_SESSION: i8 = 3;
    /// Snapshot session.
    pub const SNAPSHOT_SESSION: i8 = 4;
    /// List.
    pub const LIST: i8 = 5;
}

/// A trigger action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// NOTIFY.
    Notify(RatePolicy),
    /// START_SESSION, STOP_SESSION or ROTATE_SESSION (`kind` is the action type).
    Session {
        /// One of the three action types.
        kind: i8,
        /// Session.
        session: Option<String>,
        /// Rate policy.
        policy: RatePolicy,
    },
    /// SNAPSHOT_SESSION.
    Snapshot {
        /// Session.
        session: Option<String>,
        /// The raw 8459-byte `struct lttng_snapshot_output`, if any.
        output: Option<Vec<u8>>,
        /// Rate policy.
        policy: RatePolicy,
    },
    /// LIST.
    List(Vec<Action>),
}

/// `enum lttng_error_query_target_type` values.
pub mod query_target {
    /// The trigger.
    pub const TRIGGER: i8 = 0;
    /// Its condition.
    pub const CONDITION: i8 = 1;
    /// One of its actions.
    pub const ACTION: i8 = 2;
}

/// One error-query result (upstream has counters only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryResult {
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Counter value.
    pub value: u64,
}
