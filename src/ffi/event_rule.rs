//! Exports of `lttng/event-rule/*.h`, `lttng/log-level-rule.h`, `lttng/kernel-probe.h` and
//! `lttng/userspace-probe.h`: event rules and what they hold.
//!
//! Nodes (`ffi::object`): a rule holds copies of the log-level rule and probe location it
//! was given (as upstream, which copies them), lent back by its getters.

use std::ffi::CString;

use crate::ffi::object::{Shared, c_object};
use crate::model::trigger::{EventRule, KernelLocation, LogLevelRule};

c_object!(
    /// `struct lttng_log_level_rule` (opaque).
    lttng_log_level_rule => LogLevelRule
);

/// A kernel probe location's data.
#[derive(Debug, Clone)]
pub enum KernelLocationData {
    /// SYMBOL_OFFSET.
    Symbol {
        /// Symbol.
        name: CString,
        /// Offset.
        offset: u64,
    },
    /// ADDRESS.
    Address(u64),
}

c_object!(
    /// `struct lttng_kernel_probe_location` (opaque).
    lttng_kernel_probe_location => KernelLocationData
);

/// An event rule's data: what C set, with the objects its getters lend.
#[derive(Debug)]
pub enum RuleData {
    /// USER_TRACEPOINT.
    UserTracepoint {
        /// Name pattern (upstream's default "*").
        pattern: CString,
        /// Filter expression.
        filter: Option<CString>,
        /// Log-level rule (a copy of what was set).
        log_level: Option<Shared<lttng_log_level_rule>>,
        /// Excluded names.
        exclusions: Vec<CString>,
    },
    /// KERNEL_TRACEPOINT.
    KernelTracepoint {
        /// Name pattern.
        pattern: CString,
        /// Filter expression.
        filter: Option<CString>,
    },
    /// KERNEL_SYSCALL.
    KernelSyscall {
        /// Emission site.
        emission_site: u32,
        /// Name pattern.
        pattern: CString,
        /// Filter expression.
        filter: Option<CString>,
    },
    /// KERNEL_KPROBE.
    KernelKprobe {
        /// Event name.
        name: Option<CString>,
        /// Location (a copy of what was given).
        location: Shared<lttng_kernel_probe_location>,
    },
    /// JUL_LOGGING, LOG4J_LOGGING, PYTHON_LOGGING (`kind` is the rule type).
    Logging {
        /// One of the three rule types.
        kind: i8,
        /// Name pattern.
        pattern: CString,
        /// Filter expression.
        filter: Option<CString>,
        /// Log-level rule (a copy of what was set).
        log_level: Option<Shared<lttng_log_level_rule>>,
    },
}

c_object!(
    /// `struct lttng_event_rule` (opaque).
    lttng_event_rule => RuleData
);

/// The model value of a rule node.
pub fn rule_to_model(rule: &Shared<lttng_event_rule>) -> EventRule {
    todo!("helper A: {rule:?}")
}

/// A new rule node from a model value.
pub fn rule_from_model(rule: &EventRule) -> Shared<lttng_event_rule> {
    todo!("helper A: {rule:?}")
}

/// Unused until helper A: keeps the imports alive.
pub fn _location(_: KernelLocation) {}
