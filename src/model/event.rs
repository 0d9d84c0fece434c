//! Event rules (`struct lttng_event` plus 2.13's extended data) and contexts.

/// `LTTNG_EVENT_ALL`.
pub const EVENT_ALL: i32 = -1;
/// `LTTNG_EVENT_TRACEPOINT`.
pub const EVENT_TRACEPOINT: i32 = 0;
/// `LTTNG_EVENT_PROBE`.
pub const EVENT_PROBE: i32 = 1;
/// `LTTNG_EVENT_FUNCTION`.
pub const EVENT_FUNCTION: i32 = 2;
/// `LTTNG_EVENT_FUNCTION_ENTRY`.
pub const EVENT_FUNCTION_ENTRY: i32 = 3;
/// `LTTNG_EVENT_SYSCALL`.
pub const EVENT_SYSCALL: i32 = 5;
/// `LTTNG_EVENT_USERSPACE_PROBE`.
pub const EVENT_USERSPACE_PROBE: i32 = 6;

/// Kernel probe attributes (`struct lttng_event_probe_attr`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProbeAttr {
    /// Address.
    pub addr: u64,
    /// Offset from the symbol.
    pub offset: u64,
    /// Symbol name.
    pub symbol_name: String,
}

/// An event rule.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Event {
    /// `enum lttng_event_type`.
    pub kind: i32,
    /// Name or pattern.
    pub name: String,
    /// `enum lttng_loglevel_type`.
    pub loglevel_type: i32,
    /// Log level.
    pub loglevel: i32,
    /// Enabled flag (-1: does not apply).
    pub enabled: i32,
    /// Process id (unused by 2.13 daemons).
    pub pid: i32,
    /// `enum lttng_event_flag`.
    pub flags: u32,
    /// Excluded event names.
    pub exclusions: Vec<String>,
    /// Filter expression text.
    pub filter_expression: Option<String>,
    /// Compiled filter bytecode (48-byte header + program).
    pub bytecode: Option<Vec<u8>>,
    /// Kernel probe attributes (probe and function types).
    pub probe: Option<ProbeAttr>,
    /// Function-entry symbol.
    pub function: Option<String>,
}

/// A context to add (`struct lttng_event_context`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Context {
    /// A context without arguments (`enum lttng_event_context_type` value).
    Simple(i32),
    /// A perf counter context.
    PerfCounter {
        /// `LTTNG_EVENT_CONTEXT_PERF_*` value.
        ctx: i32,
        /// perf type.
        kind: u32,
        /// perf config.
        config: u64,
        /// Name.
        name: String,
    },
    /// An application context `$app.PROVIDER:NAME`.
    App {
        /// Provider.
        provider: String,
        /// Context name.
        name: String,
    },
}

/// `LTTNG_EVENT_CONTEXT_PERF_COUNTER`.
pub const CONTEXT_PERF_COUNTER: i32 = 1;
/// `LTTNG_EVENT_CONTEXT_PERF_CPU_COUNTER`.
pub const CONTEXT_PERF_CPU_COUNTER: i32 = 13;
/// `LTTNG_EVENT_CONTEXT_PERF_THREAD_COUNTER`.
pub const CONTEXT_PERF_THREAD_COUNTER: i32 = 14;
/// `LTTNG_EVENT_CONTEXT_APP_CONTEXT`.
pub const CONTEXT_APP_CONTEXT: i32 = 15;
/// One field of an instrumentation point (`lttng_list_tracepoint_fields`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventField {
    /// Field name.
    pub name: String,
    /// `enum lttng_event_field_type`.
    pub kind: i32,
    /// Whether the field is not written to the trace.
    pub nowrite: bool,
    /// The event it belongs to.
    pub event: Event,
}
