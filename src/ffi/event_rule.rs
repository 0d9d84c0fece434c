//! Exports of `lttng/event-rule/*.h`, `lttng/log-level-rule.h` and `lttng/kernel-probe.h`:
//! event rules and what they hold (`ffi::userspace_probe` has the userspace probe
//! locations).
//!
//! Nodes (`ffi::object`). As upstream:
//!
//! * a rule is reference counted (`lttng_event_rule_destroy` gives back the caller's
//!   reference; a condition keeps its own);
//! * a rule keeps **copies** of the log-level rule and of the probe location it is given,
//!   and lends them back with its getters (valid until the rule goes or the attribute is
//!   set again); strings it returns are lent likewise;
//! * the tracepoint-like rules start with the name pattern "*"; a pattern is stored with
//!   runs of `*` folded into one (an escaped `\*` kept), as upstream normalises it;
//! * a setter refuses NULL and the empty string (INVALID), an exclusion is at most 255
//!   bytes (it may be empty), a user tracepoint's log level lies in 0 (EMERG) ..= 14
//!   (DEBUG) and the agents' levels anywhere; a getter answers UNSET for an attribute never
//!   set, INVALID for NULL or a rule of another type;
//! * `lttng_event_rule_user_tracepoint_get_name_pattern_exclusion_at_index` answers OK and
//!   leaves `*exclusion` unchanged for an index past the end.
//!
//! Where upstream crashes (an assertion or `abort()`: a NULL log-level rule given to a
//! rule's setter, a NULL out-parameter of a kernel probe location's getter), this library
//! answers INVALID. Strings must be UTF-8 (else INVALID, or NULL from a constructor).

use std::ffi::{CString, c_char, c_int, c_uint};
use std::ops::{Deref, DerefMut};

use crate::ffi::boundary::{Out, ffi_boundary, opt_arg_str, out_arg};
use crate::ffi::object::{Shared, c_object, from_c, node, release_c};
use crate::ffi::userspace_probe::{self, lttng_userspace_probe_location};
use crate::model::trigger::{EventRule, KernelLocation, LogLevelRule, rule_type};

pub use crate::ffi::status::{
    lttng_event_rule_kernel_syscall_emission_site, lttng_event_rule_status, lttng_event_rule_type,
    lttng_kernel_probe_location_status, lttng_kernel_probe_location_type,
    lttng_log_level_rule_status, lttng_log_level_rule_type,
};

type Status = lttng_event_rule_status;

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
    /// KERNEL_UPROBE.
    KernelUprobe {
        /// Event name.
        name: Option<CString>,
        /// Location (a copy of what was given, sharing its open binary).
        location: Shared<lttng_userspace_probe_location>,
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

impl RuleData {
    /// `enum lttng_event_rule_type` of the rule.
    fn kind(&self) -> i8 {
        match self {
            RuleData::UserTracepoint { .. } => rule_type::USER_TRACEPOINT,
            RuleData::KernelTracepoint { .. } => rule_type::KERNEL_TRACEPOINT,
            RuleData::KernelSyscall { .. } => rule_type::KERNEL_SYSCALL,
            RuleData::KernelKprobe { .. } => rule_type::KERNEL_KPROBE,
            RuleData::KernelUprobe { .. } => rule_type::KERNEL_UPROBE,
            RuleData::Logging { kind, .. } => *kind,
        }
    }

    /// The name pattern and filter of a rule of type `kind`.
    fn pattern_filter(&mut self, kind: i8) -> Option<(&mut CString, &mut Option<CString>)> {
        if self.kind() != kind {
            return None;
        }
        match self {
            RuleData::UserTracepoint {
                pattern, filter, ..
            }
            | RuleData::KernelTracepoint { pattern, filter }
            | RuleData::KernelSyscall {
                pattern, filter, ..
            }
            | RuleData::Logging {
                pattern, filter, ..
            } => Some((pattern, filter)),
            RuleData::KernelKprobe { .. } | RuleData::KernelUprobe { .. } => None,
        }
    }

    /// The log-level rule of a rule of type `kind`.
    fn log_level(&mut self, kind: i8) -> Option<&mut Option<Shared<lttng_log_level_rule>>> {
        if self.kind() != kind {
            return None;
        }
        match self {
            RuleData::UserTracepoint { log_level, .. } | RuleData::Logging { log_level, .. } => {
                Some(log_level)
            }
            _ => None,
        }
    }

    /// The event name of a probe rule of type `kind`.
    fn event_name(&mut self, kind: i8) -> Option<&mut Option<CString>> {
        if self.kind() != kind {
            return None;
        }
        match self {
            RuleData::KernelKprobe { name, .. } | RuleData::KernelUprobe { name, .. } => Some(name),
            _ => None,
        }
    }
}

/// `s` as a C string, up to its first NUL.
fn cstring(s: &str) -> CString {
    let b = s.as_bytes();
    let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
    CString::new(&b[..end]).unwrap_or_default()
}

fn lossy(s: &CString) -> String {
    String::from_utf8_lossy(s.as_bytes()).into_owned()
}

/// A name pattern as upstream stores it: each run of `*` becomes one `*`; a backslash and
/// the character it escapes are kept as they are (so `\*` does not start a run).
pub fn normalize_pattern(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut star = false;
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '*' if star => continue,
            '*' => {
                star = true;
                out.push(c);
            }
            '\\' => {
                out.push(c);
                star = false;
                match chars.next() {
                    Some(next) => out.push(next),
                    None => break,
                }
            }
            _ => {
                star = false;
                out.push(c);
            }
        }
    }
    out
}

/// A new rule node handed to C.
fn new_rule(data: RuleData) -> *mut lttng_event_rule {
    Shared::new(data).into_c()
}

/// A tracepoint-like rule with the default pattern "*".
fn tracepoint_like(kind: i8) -> RuleData {
    let pattern = cstring("*");
    match kind {
        rule_type::USER_TRACEPOINT => RuleData::UserTracepoint {
            pattern,
            filter: None,
            log_level: None,
            exclusions: Vec::new(),
        },
        rule_type::KERNEL_TRACEPOINT => RuleData::KernelTracepoint {
            pattern,
            filter: None,
        },
        _ => RuleData::Logging {
            kind,
            pattern,
            filter: None,
            log_level: None,
        },
    }
}

fn set_pattern(rule: Shared<lttng_event_rule>, kind: i8, pattern: Option<&str>) -> Status {
    let Some(pattern) = pattern.filter(|p| !p.is_empty()) else {
        return Status::INVALID;
    };
    match rule.lock().pattern_filter(kind) {
        Some((slot, _)) => {
            *slot = cstring(&normalize_pattern(pattern));
            Status::OK
        }
        None => Status::INVALID,
    }
}

fn get_pattern(rule: Shared<lttng_event_rule>, kind: i8, out: Out<*const c_char>) -> Status {
    match rule.lock().pattern_filter(kind) {
        Some((pattern, _)) => {
            out.write(pattern.as_ptr());
            Status::OK
        }
        None => Status::INVALID,
    }
}

fn set_filter(rule: Shared<lttng_event_rule>, kind: i8, filter: Option<&str>) -> Status {
    let Some(filter) = filter.filter(|f| !f.is_empty()) else {
        return Status::INVALID;
    };
    match rule.lock().pattern_filter(kind) {
        Some((_, slot)) => {
            *slot = Some(cstring(filter));
            Status::OK
        }
        None => Status::INVALID,
    }
}

fn get_filter(rule: Shared<lttng_event_rule>, kind: i8, out: Out<*const c_char>) -> Status {
    match rule.lock().pattern_filter(kind) {
        Some((_, Some(filter))) => {
            out.write(filter.as_ptr());
            Status::OK
        }
        Some((_, None)) => Status::UNSET,
        None => Status::INVALID,
    }
}

/// Lowest and highest user-space log level (`LTTNG_LOGLEVEL_EMERG`, `LTTNG_LOGLEVEL_DEBUG`).
const UST_LEVELS: std::ops::RangeInclusive<i32> = 0..=14;

fn set_log_level(
    rule: Shared<lttng_event_rule>,
    kind: i8,
    log_level_rule: *const lttng_log_level_rule,
) -> Status {
    let mut data = rule.lock();
    let Some(slot) = data.log_level(kind) else {
        return Status::INVALID;
    };
    let Some(value) = from_c(log_level_rule).map(|l| *l.lock()) else {
        return Status::INVALID;
    };
    if kind == rule_type::USER_TRACEPOINT && !UST_LEVELS.contains(&value.level) {
        return Status::INVALID;
    }
    *slot = Some(Shared::new(value));
    Status::OK
}

fn get_log_level(
    rule: Shared<lttng_event_rule>,
    kind: i8,
    out: Out<*const lttng_log_level_rule>,
) -> Status {
    match rule.lock().log_level(kind) {
        Some(Some(l)) => {
            out.write(l.as_c().cast_const());
            Status::OK
        }
        Some(None) => Status::UNSET,
        None => Status::INVALID,
    }
}

fn set_event_name(rule: Shared<lttng_event_rule>, kind: i8, name: Option<&str>) -> Status {
    let Some(name) = name.filter(|n| !n.is_empty()) else {
        return Status::INVALID;
    };
    match rule.lock().event_name(kind) {
        Some(slot) => {
            *slot = Some(cstring(name));
            Status::OK
        }
        None => Status::INVALID,
    }
}

fn get_event_name(rule: Shared<lttng_event_rule>, kind: i8, out: Out<*const c_char>) -> Status {
    match rule.lock().event_name(kind) {
        Some(Some(name)) => {
            out.write(name.as_ptr());
            Status::OK
        }
        Some(None) => Status::UNSET,
        None => Status::INVALID,
    }
}

fn log_level_from_model(l: &LogLevelRule) -> Shared<lttng_log_level_rule> {
    Shared::new(*l)
}

fn kernel_location_to_model(l: &Shared<lttng_kernel_probe_location>) -> KernelLocation {
    match l.lock().deref() {
        KernelLocationData::Symbol { name, offset } => KernelLocation::Symbol {
            name: lossy(name),
            offset: *offset,
        },
        KernelLocationData::Address(a) => KernelLocation::Address(*a),
    }
}

fn kernel_location_from_model(l: &KernelLocation) -> Shared<lttng_kernel_probe_location> {
    Shared::new(match l {
        KernelLocation::Symbol { name, offset } => KernelLocationData::Symbol {
            name: cstring(name),
            offset: *offset,
        },
        KernelLocation::Address(a) => KernelLocationData::Address(*a),
    })
}

/// The model value of a rule node.
pub fn rule_to_model(rule: &Shared<lttng_event_rule>) -> EventRule {
    let data = rule.lock();
    let opt = |s: &Option<CString>| s.as_ref().map(lossy);
    let llr = |l: &Option<Shared<lttng_log_level_rule>>| l.as_ref().map(|l| *l.lock());
    match data.deref() {
        RuleData::UserTracepoint {
            pattern,
            filter,
            log_level,
            exclusions,
        } => EventRule::UserTracepoint {
            pattern: Some(lossy(pattern)),
            filter: opt(filter),
            log_level: llr(log_level),
            exclusions: exclusions.iter().map(lossy).collect(),
        },
        RuleData::KernelTracepoint { pattern, filter } => EventRule::KernelTracepoint {
            pattern: Some(lossy(pattern)),
            filter: opt(filter),
        },
        RuleData::KernelSyscall {
            emission_site,
            pattern,
            filter,
        } => EventRule::KernelSyscall {
            emission_site: *emission_site,
            pattern: Some(lossy(pattern)),
            filter: opt(filter),
        },
        RuleData::KernelKprobe { name, location } => EventRule::KernelKprobe {
            name: opt(name),
            location: kernel_location_to_model(location),
        },
        RuleData::KernelUprobe { name, location } => EventRule::KernelUprobe {
            name: opt(name),
            location: userspace_probe::location_to_model(location),
        },
        RuleData::Logging {
            kind,
            pattern,
            filter,
            log_level,
        } => EventRule::Logging {
            kind: *kind,
            pattern: Some(lossy(pattern)),
            filter: opt(filter),
            log_level: llr(log_level),
        },
    }
}

/// A new rule node from a model value (an absent pattern becomes the default "*").
pub fn rule_from_model(rule: &EventRule) -> Shared<lttng_event_rule> {
    let pattern = |p: &Option<String>| cstring(p.as_deref().unwrap_or("*"));
    let opt = |s: &Option<String>| s.as_deref().map(cstring);
    Shared::new(match rule {
        EventRule::UserTracepoint {
            pattern: p,
            filter,
            log_level,
            exclusions,
        } => RuleData::UserTracepoint {
            pattern: pattern(p),
            filter: opt(filter),
            log_level: log_level.as_ref().map(log_level_from_model),
            exclusions: exclusions.iter().map(|e| cstring(e)).collect(),
        },
        EventRule::KernelTracepoint { pattern: p, filter } => RuleData::KernelTracepoint {
            pattern: pattern(p),
            filter: opt(filter),
        },
        EventRule::KernelSyscall {
            emission_site,
            pattern: p,
            filter,
        } => RuleData::KernelSyscall {
            emission_site: *emission_site,
            pattern: pattern(p),
            filter: opt(filter),
        },
        EventRule::KernelKprobe { name, location } => RuleData::KernelKprobe {
            name: opt(name),
            location: kernel_location_from_model(location),
        },
        EventRule::KernelUprobe { name, location } => RuleData::KernelUprobe {
            name: opt(name),
            location: userspace_probe::location_from_model(location),
        },
        EventRule::Logging {
            kind,
            pattern: p,
            filter,
            log_level,
        } => RuleData::Logging {
            kind: *kind,
            pattern: pattern(p),
            filter: opt(filter),
            log_level: log_level.as_ref().map(log_level_from_model),
        },
    })
}

/// The type of a rule; UNKNOWN for NULL or a pointer that is not a live rule.
///
/// # Safety
/// `event_rule` is NULL or a pointer from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_get_type(
    event_rule: *const lttng_event_rule,
) -> lttng_event_rule_type {
    ffi_boundary!({
        match from_c(event_rule) {
            Some(rule) => lttng_event_rule_type(c_int::from(rule.lock().kind())),
            None => lttng_event_rule_type::UNKNOWN,
        }
    })
}

/// Gives back the caller's reference to a rule (from a constructor); the rule goes with its
/// last reference (a condition keeps its own). NULL, a rule a condition lends, or a second
/// call does nothing.
///
/// # Safety
/// `rule` is NULL or a pointer from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_destroy(rule: *mut lttng_event_rule) {
    ffi_boundary!({
        release_c(rule);
    })
}

/// The type of a log-level rule; UNKNOWN for NULL or a pointer that is not a live one.
///
/// # Safety
/// `rule` is NULL or a pointer from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_log_level_rule_get_type(
    rule: *const lttng_log_level_rule,
) -> lttng_log_level_rule_type {
    ffi_boundary!({
        match from_c(rule).map(|r| r.lock().at_least) {
            Some(false) => lttng_log_level_rule_type::EXACTLY,
            Some(true) => lttng_log_level_rule_type::AT_LEAST_AS_SEVERE_AS,
            None => lttng_log_level_rule_type::UNKNOWN,
        }
    })
}

/// A new log-level rule matching exactly `level` (any value); release with
/// `lttng_log_level_rule_destroy`. NULL on failure.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_log_level_rule_exactly_create(
    level: c_int,
) -> *mut lttng_log_level_rule {
    ffi_boundary!({
        Shared::new(LogLevelRule {
            at_least: false,
            level,
        })
        .into_c()
    })
}

/// A new log-level rule matching `level` and every more severe level (any value); release
/// with `lttng_log_level_rule_destroy`. NULL on failure.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_log_level_rule_at_least_as_severe_as_create(
    level: c_int,
) -> *mut lttng_log_level_rule {
    ffi_boundary!({
        Shared::new(LogLevelRule {
            at_least: true,
            level,
        })
        .into_c()
    })
}

fn get_level(
    rule: *const lttng_log_level_rule,
    at_least: bool,
    out: Out<c_int>,
) -> lttng_log_level_rule_status {
    match from_c(rule).map(|r| *r.lock()) {
        Some(r) if r.at_least == at_least => {
            out.write(r.level);
            lttng_log_level_rule_status::OK
        }
        _ => lttng_log_level_rule_status::INVALID,
    }
}

/// Stores the level of an EXACTLY log-level rule in `*level`. OK, or INVALID for NULL
/// arguments or a rule of the other type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `level` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_log_level_rule_exactly_get_level(
    rule: *const lttng_log_level_rule,
    level: *mut c_int,
) -> lttng_log_level_rule_status {
    ffi_boundary!({
        let out = out_arg!(level);
        get_level(rule, false, out)
    })
}

/// Stores the level of an AT_LEAST_AS_SEVERE_AS log-level rule in `*level`. OK, or INVALID
/// for NULL arguments or a rule of the other type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `level` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_log_level_rule_at_least_as_severe_as_get_level(
    rule: *const lttng_log_level_rule,
    level: *mut c_int,
) -> lttng_log_level_rule_status {
    ffi_boundary!({
        let out = out_arg!(level);
        get_level(rule, true, out)
    })
}

/// Releases a log-level rule the caller owns. NULL, a rule an event rule lends, or a second
/// call does nothing.
///
/// # Safety
/// `log_level_rule` is NULL or a pointer from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_log_level_rule_destroy(log_level_rule: *mut lttng_log_level_rule) {
    ffi_boundary!({
        release_c(log_level_rule);
    })
}

/// A new user tracepoint rule with the name pattern "*"; release with `lttng_event_rule_destroy`.
/// NULL on failure.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_user_tracepoint_create() -> *mut lttng_event_rule {
    ffi_boundary!({ new_rule(tracepoint_like(rule_type::USER_TRACEPOINT)) })
}

/// Sets the name pattern of a user tracepoint rule (`*` wildcards; runs of `*` are folded). OK, or
/// INVALID for NULL, an empty pattern or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `pattern` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_user_tracepoint_set_name_pattern(
    rule: *mut lttng_event_rule,
    pattern: *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({
        set_pattern(
            node!(rule),
            rule_type::USER_TRACEPOINT,
            opt_arg_str!(pattern),
        )
    })
}

/// Stores the name pattern of a user tracepoint rule in `*pattern` (lent by the rule). OK, or
/// INVALID for NULL arguments or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `pattern` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_user_tracepoint_get_name_pattern(
    rule: *const lttng_event_rule,
    pattern: *mut *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({
        let rule = node!(rule);
        get_pattern(rule, rule_type::USER_TRACEPOINT, out_arg!(pattern))
    })
}

/// Sets the filter expression of a user tracepoint rule (not parsed here: the session daemon
/// does). OK, or INVALID for NULL, an empty expression or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `expression` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_user_tracepoint_set_filter(
    rule: *mut lttng_event_rule,
    expression: *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({
        set_filter(
            node!(rule),
            rule_type::USER_TRACEPOINT,
            opt_arg_str!(expression),
        )
    })
}

/// Stores the filter expression of a user tracepoint rule in `*expression` (lent by the rule). OK,
/// UNSET when it has none, or INVALID for NULL arguments or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `expression` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_user_tracepoint_get_filter(
    rule: *const lttng_event_rule,
    expression: *mut *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({
        let rule = node!(rule);
        get_filter(rule, rule_type::USER_TRACEPOINT, out_arg!(expression))
    })
}

/// Sets the log-level rule of a user tracepoint rule to a copy of `log_level_rule` whose level lies in 0 (EMERG) ..= 14 (DEBUG);
/// the caller keeps its own. OK, or INVALID for NULL, a pointer that is not a live
/// log-level rule or a rule of another type.
///
/// # Safety
/// `rule` and `log_level_rule` are NULL or pointers from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_user_tracepoint_set_log_level_rule(
    rule: *mut lttng_event_rule,
    log_level_rule: *const lttng_log_level_rule,
) -> lttng_event_rule_status {
    ffi_boundary!({ set_log_level(node!(rule), rule_type::USER_TRACEPOINT, log_level_rule) })
}

/// Stores the log-level rule of a user tracepoint rule in `*log_level_rule` (lent by the rule). OK,
/// UNSET when it has none, or INVALID for NULL arguments or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `log_level_rule` NULL or valid for
/// writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_user_tracepoint_get_log_level_rule(
    rule: *const lttng_event_rule,
    log_level_rule: *mut *const lttng_log_level_rule,
) -> lttng_event_rule_status {
    ffi_boundary!({
        let rule = node!(rule);
        get_log_level(rule, rule_type::USER_TRACEPOINT, out_arg!(log_level_rule))
    })
}

/// Adds a name to exclude to a user tracepoint rule (at most 255 bytes; it may be empty).
/// OK, or INVALID for NULL, a longer name or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `exclusion` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_user_tracepoint_add_name_pattern_exclusion(
    rule: *mut lttng_event_rule,
    exclusion: *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({
        let rule = node!(rule);
        let Some(exclusion) = opt_arg_str!(exclusion) else {
            return Status::INVALID;
        };
        match rule.lock().deref_mut() {
            RuleData::UserTracepoint { exclusions, .. } if exclusion.len() < EXCLUSION_MAX => {
                exclusions.push(cstring(exclusion));
                Status::OK
            }
            _ => Status::INVALID,
        }
    })
}

/// Longest exclusion plus its terminator (`LTTNG_SYMBOL_NAME_LEN`).
const EXCLUSION_MAX: usize = 256;

/// Stores the number of excluded names of a user tracepoint rule in `*count`. OK, or
/// INVALID for NULL arguments or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `count` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_user_tracepoint_get_name_pattern_exclusion_count(
    rule: *const lttng_event_rule,
    count: *mut c_uint,
) -> lttng_event_rule_status {
    ffi_boundary!({
        let rule = node!(rule);
        let out = out_arg!(count);
        match rule.lock().deref() {
            RuleData::UserTracepoint { exclusions, .. } => {
                out.write(exclusions.len() as c_uint);
                Status::OK
            }
            _ => Status::INVALID,
        }
    })
}

/// Stores the excluded name at `index` of a user tracepoint rule in `*exclusion` (lent by
/// the rule). OK, or INVALID for NULL arguments or a rule of another type; as upstream, an
/// index past the end answers OK and leaves `*exclusion` as it was.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `exclusion` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_user_tracepoint_get_name_pattern_exclusion_at_index(
    rule: *const lttng_event_rule,
    index: c_uint,
    exclusion: *mut *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({
        let rule = node!(rule);
        let out = out_arg!(exclusion);
        match rule.lock().deref() {
            RuleData::UserTracepoint { exclusions, .. } => {
                if let Some(e) = exclusions.get(index as usize) {
                    out.write(e.as_ptr());
                }
                Status::OK
            }
            _ => Status::INVALID,
        }
    })
}

/// A new kernel tracepoint rule with the name pattern "*"; release with `lttng_event_rule_destroy`.
/// NULL on failure.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_kernel_tracepoint_create() -> *mut lttng_event_rule {
    ffi_boundary!({ new_rule(tracepoint_like(rule_type::KERNEL_TRACEPOINT)) })
}

/// Sets the name pattern of a kernel tracepoint rule (`*` wildcards; runs of `*` are folded). OK, or
/// INVALID for NULL, an empty pattern or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `pattern` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_kernel_tracepoint_set_name_pattern(
    rule: *mut lttng_event_rule,
    pattern: *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({
        set_pattern(
            node!(rule),
            rule_type::KERNEL_TRACEPOINT,
            opt_arg_str!(pattern),
        )
    })
}

/// Stores the name pattern of a kernel tracepoint rule in `*pattern` (lent by the rule). OK, or
/// INVALID for NULL arguments or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `pattern` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_kernel_tracepoint_get_name_pattern(
    rule: *const lttng_event_rule,
    pattern: *mut *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({
        let rule = node!(rule);
        get_pattern(rule, rule_type::KERNEL_TRACEPOINT, out_arg!(pattern))
    })
}

/// Sets the filter expression of a kernel tracepoint rule (not parsed here: the session daemon
/// does). OK, or INVALID for NULL, an empty expression or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `expression` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_kernel_tracepoint_set_filter(
    rule: *mut lttng_event_rule,
    expression: *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({
        set_filter(
            node!(rule),
            rule_type::KERNEL_TRACEPOINT,
            opt_arg_str!(expression),
        )
    })
}

/// Stores the filter expression of a kernel tracepoint rule in `*expression` (lent by the rule). OK,
/// UNSET when it has none, or INVALID for NULL arguments or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `expression` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_kernel_tracepoint_get_filter(
    rule: *const lttng_event_rule,
    expression: *mut *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({
        let rule = node!(rule);
        get_filter(rule, rule_type::KERNEL_TRACEPOINT, out_arg!(expression))
    })
}

/// Sets the name pattern of a kernel syscall rule (`*` wildcards; runs of `*` are folded). OK, or
/// INVALID for NULL, an empty pattern or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `pattern` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_kernel_syscall_set_name_pattern(
    rule: *mut lttng_event_rule,
    pattern: *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({
        set_pattern(
            node!(rule),
            rule_type::KERNEL_SYSCALL,
            opt_arg_str!(pattern),
        )
    })
}

/// Stores the name pattern of a kernel syscall rule in `*pattern` (lent by the rule). OK, or
/// INVALID for NULL arguments or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `pattern` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_kernel_syscall_get_name_pattern(
    rule: *const lttng_event_rule,
    pattern: *mut *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({
        let rule = node!(rule);
        get_pattern(rule, rule_type::KERNEL_SYSCALL, out_arg!(pattern))
    })
}

/// Sets the filter expression of a kernel syscall rule (not parsed here: the session daemon
/// does). OK, or INVALID for NULL, an empty expression or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `expression` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_kernel_syscall_set_filter(
    rule: *mut lttng_event_rule,
    expression: *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({
        set_filter(
            node!(rule),
            rule_type::KERNEL_SYSCALL,
            opt_arg_str!(expression),
        )
    })
}

/// Stores the filter expression of a kernel syscall rule in `*expression` (lent by the rule). OK,
/// UNSET when it has none, or INVALID for NULL arguments or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `expression` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_kernel_syscall_get_filter(
    rule: *const lttng_event_rule,
    expression: *mut *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({
        let rule = node!(rule);
        get_filter(rule, rule_type::KERNEL_SYSCALL, out_arg!(expression))
    })
}

/// A new kernel syscall rule with the name pattern "*" firing at `emission_site` (entry,
/// exit or both); release with `lttng_event_rule_destroy`. NULL for another emission site.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_kernel_syscall_create(
    emission_site: lttng_event_rule_kernel_syscall_emission_site,
) -> *mut lttng_event_rule {
    ffi_boundary!({
        let Ok(site) = u32::try_from(emission_site.0) else {
            return std::ptr::null_mut();
        };
        if site > 2 {
            return std::ptr::null_mut();
        }
        new_rule(RuleData::KernelSyscall {
            emission_site: site,
            pattern: cstring("*"),
            filter: None,
        })
    })
}

/// The emission site of a kernel syscall rule; UNKNOWN for NULL or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_kernel_syscall_get_emission_site(
    rule: *const lttng_event_rule,
) -> lttng_event_rule_kernel_syscall_emission_site {
    ffi_boundary!({
        let rule = node!(rule);
        match rule.lock().deref() {
            RuleData::KernelSyscall { emission_site, .. } => {
                lttng_event_rule_kernel_syscall_emission_site(*emission_site as c_int)
            }
            _ => lttng_event_rule_kernel_syscall_emission_site::UNKNOWN,
        }
    })
}

/// A new JUL logging rule with the name pattern "*"; release with `lttng_event_rule_destroy`.
/// NULL on failure.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_jul_logging_create() -> *mut lttng_event_rule {
    ffi_boundary!({ new_rule(tracepoint_like(rule_type::JUL_LOGGING)) })
}

/// Sets the name pattern of a JUL logging rule (`*` wildcards; runs of `*` are folded). OK, or
/// INVALID for NULL, an empty pattern or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `pattern` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_jul_logging_set_name_pattern(
    rule: *mut lttng_event_rule,
    pattern: *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({ set_pattern(node!(rule), rule_type::JUL_LOGGING, opt_arg_str!(pattern)) })
}

/// Stores the name pattern of a JUL logging rule in `*pattern` (lent by the rule). OK, or
/// INVALID for NULL arguments or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `pattern` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_jul_logging_get_name_pattern(
    rule: *const lttng_event_rule,
    pattern: *mut *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({
        let rule = node!(rule);
        get_pattern(rule, rule_type::JUL_LOGGING, out_arg!(pattern))
    })
}

/// Sets the filter expression of a JUL logging rule (not parsed here: the session daemon
/// does). OK, or INVALID for NULL, an empty expression or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `expression` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_jul_logging_set_filter(
    rule: *mut lttng_event_rule,
    expression: *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({
        set_filter(
            node!(rule),
            rule_type::JUL_LOGGING,
            opt_arg_str!(expression),
        )
    })
}

/// Stores the filter expression of a JUL logging rule in `*expression` (lent by the rule). OK,
/// UNSET when it has none, or INVALID for NULL arguments or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `expression` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_jul_logging_get_filter(
    rule: *const lttng_event_rule,
    expression: *mut *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({
        let rule = node!(rule);
        get_filter(rule, rule_type::JUL_LOGGING, out_arg!(expression))
    })
}

/// Sets the log-level rule of a JUL logging rule to a copy of `log_level_rule` (any level);
/// the caller keeps its own. OK, or INVALID for NULL, a pointer that is not a live
/// log-level rule or a rule of another type.
///
/// # Safety
/// `rule` and `log_level_rule` are NULL or pointers from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_jul_logging_set_log_level_rule(
    rule: *mut lttng_event_rule,
    log_level_rule: *const lttng_log_level_rule,
) -> lttng_event_rule_status {
    ffi_boundary!({ set_log_level(node!(rule), rule_type::JUL_LOGGING, log_level_rule) })
}

/// Stores the log-level rule of a JUL logging rule in `*log_level_rule` (lent by the rule). OK,
/// UNSET when it has none, or INVALID for NULL arguments or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `log_level_rule` NULL or valid for
/// writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_jul_logging_get_log_level_rule(
    rule: *const lttng_event_rule,
    log_level_rule: *mut *const lttng_log_level_rule,
) -> lttng_event_rule_status {
    ffi_boundary!({
        let rule = node!(rule);
        get_log_level(rule, rule_type::JUL_LOGGING, out_arg!(log_level_rule))
    })
}

/// A new log4j logging rule with the name pattern "*"; release with `lttng_event_rule_destroy`.
/// NULL on failure.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_log4j_logging_create() -> *mut lttng_event_rule {
    ffi_boundary!({ new_rule(tracepoint_like(rule_type::LOG4J_LOGGING)) })
}

/// Sets the name pattern of a log4j logging rule (`*` wildcards; runs of `*` are folded). OK, or
/// INVALID for NULL, an empty pattern or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `pattern` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_log4j_logging_set_name_pattern(
    rule: *mut lttng_event_rule,
    pattern: *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({ set_pattern(node!(rule), rule_type::LOG4J_LOGGING, opt_arg_str!(pattern)) })
}

/// Stores the name pattern of a log4j logging rule in `*pattern` (lent by the rule). OK, or
/// INVALID for NULL arguments or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `pattern` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_log4j_logging_get_name_pattern(
    rule: *const lttng_event_rule,
    pattern: *mut *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({
        let rule = node!(rule);
        get_pattern(rule, rule_type::LOG4J_LOGGING, out_arg!(pattern))
    })
}

/// Sets the filter expression of a log4j logging rule (not parsed here: the session daemon
/// does). OK, or INVALID for NULL, an empty expression or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `expression` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_log4j_logging_set_filter(
    rule: *mut lttng_event_rule,
    expression: *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({
        set_filter(
            node!(rule),
            rule_type::LOG4J_LOGGING,
            opt_arg_str!(expression),
        )
    })
}

/// Stores the filter expression of a log4j logging rule in `*expression` (lent by the rule). OK,
/// UNSET when it has none, or INVALID for NULL arguments or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `expression` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_log4j_logging_get_filter(
    rule: *const lttng_event_rule,
    expression: *mut *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({
        let rule = node!(rule);
        get_filter(rule, rule_type::LOG4J_LOGGING, out_arg!(expression))
    })
}

/// Sets the log-level rule of a log4j logging rule to a copy of `log_level_rule` (any level);
/// the caller keeps its own. OK, or INVALID for NULL, a pointer that is not a live
/// log-level rule or a rule of another type.
///
/// # Safety
/// `rule` and `log_level_rule` are NULL or pointers from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_log4j_logging_set_log_level_rule(
    rule: *mut lttng_event_rule,
    log_level_rule: *const lttng_log_level_rule,
) -> lttng_event_rule_status {
    ffi_boundary!({ set_log_level(node!(rule), rule_type::LOG4J_LOGGING, log_level_rule) })
}

/// Stores the log-level rule of a log4j logging rule in `*log_level_rule` (lent by the rule). OK,
/// UNSET when it has none, or INVALID for NULL arguments or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `log_level_rule` NULL or valid for
/// writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_log4j_logging_get_log_level_rule(
    rule: *const lttng_event_rule,
    log_level_rule: *mut *const lttng_log_level_rule,
) -> lttng_event_rule_status {
    ffi_boundary!({
        let rule = node!(rule);
        get_log_level(rule, rule_type::LOG4J_LOGGING, out_arg!(log_level_rule))
    })
}

/// A new Python logging rule with the name pattern "*"; release with `lttng_event_rule_destroy`.
/// NULL on failure.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_python_logging_create() -> *mut lttng_event_rule {
    ffi_boundary!({ new_rule(tracepoint_like(rule_type::PYTHON_LOGGING)) })
}

/// Sets the name pattern of a Python logging rule (`*` wildcards; runs of `*` are folded). OK, or
/// INVALID for NULL, an empty pattern or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `pattern` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_python_logging_set_name_pattern(
    rule: *mut lttng_event_rule,
    pattern: *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({
        set_pattern(
            node!(rule),
            rule_type::PYTHON_LOGGING,
            opt_arg_str!(pattern),
        )
    })
}

/// Stores the name pattern of a Python logging rule in `*pattern` (lent by the rule). OK, or
/// INVALID for NULL arguments or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `pattern` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_python_logging_get_name_pattern(
    rule: *const lttng_event_rule,
    pattern: *mut *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({
        let rule = node!(rule);
        get_pattern(rule, rule_type::PYTHON_LOGGING, out_arg!(pattern))
    })
}

/// Sets the filter expression of a Python logging rule (not parsed here: the session daemon
/// does). OK, or INVALID for NULL, an empty expression or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `expression` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_python_logging_set_filter(
    rule: *mut lttng_event_rule,
    expression: *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({
        set_filter(
            node!(rule),
            rule_type::PYTHON_LOGGING,
            opt_arg_str!(expression),
        )
    })
}

/// Stores the filter expression of a Python logging rule in `*expression` (lent by the rule). OK,
/// UNSET when it has none, or INVALID for NULL arguments or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `expression` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_python_logging_get_filter(
    rule: *const lttng_event_rule,
    expression: *mut *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({
        let rule = node!(rule);
        get_filter(rule, rule_type::PYTHON_LOGGING, out_arg!(expression))
    })
}

/// Sets the log-level rule of a Python logging rule to a copy of `log_level_rule` (any level);
/// the caller keeps its own. OK, or INVALID for NULL, a pointer that is not a live
/// log-level rule or a rule of another type.
///
/// # Safety
/// `rule` and `log_level_rule` are NULL or pointers from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_python_logging_set_log_level_rule(
    rule: *mut lttng_event_rule,
    log_level_rule: *const lttng_log_level_rule,
) -> lttng_event_rule_status {
    ffi_boundary!({ set_log_level(node!(rule), rule_type::PYTHON_LOGGING, log_level_rule) })
}

/// Stores the log-level rule of a Python logging rule in `*log_level_rule` (lent by the rule). OK,
/// UNSET when it has none, or INVALID for NULL arguments or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `log_level_rule` NULL or valid for
/// writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_python_logging_get_log_level_rule(
    rule: *const lttng_event_rule,
    log_level_rule: *mut *const lttng_log_level_rule,
) -> lttng_event_rule_status {
    ffi_boundary!({
        let rule = node!(rule);
        get_log_level(rule, rule_type::PYTHON_LOGGING, out_arg!(log_level_rule))
    })
}

/// A new kernel kprobe rule at a copy of `location`, without an event name
/// yet; the caller keeps its location. Release with `lttng_event_rule_destroy`. NULL for
/// NULL or a pointer that is not a live kernel probe location.
///
/// # Safety
/// `location` is NULL or a pointer from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_kernel_kprobe_create(
    location: *const lttng_kernel_probe_location,
) -> *mut lttng_event_rule {
    ffi_boundary!({
        let Some(location) = from_c(location) else {
            return std::ptr::null_mut();
        };
        new_rule(RuleData::KernelKprobe {
            name: None,
            location: Shared::new(location.lock().clone()),
        })
    })
}

/// Stores the location of a kernel kprobe rule in `*location` (the rule's copy, lent). OK, or
/// INVALID for NULL arguments or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `location` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_kernel_kprobe_get_location(
    rule: *const lttng_event_rule,
    location: *mut *const lttng_kernel_probe_location,
) -> lttng_event_rule_status {
    ffi_boundary!({
        let rule = node!(rule);
        let out = out_arg!(location);
        match rule.lock().deref() {
            RuleData::KernelKprobe { location, .. } => {
                out.write(location.as_c().cast_const());
                Status::OK
            }
            _ => Status::INVALID,
        }
    })
}

/// Sets the event name of a kernel kprobe rule. OK, or INVALID for NULL, an empty name or a rule
/// of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `name` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_kernel_kprobe_set_event_name(
    rule: *mut lttng_event_rule,
    name: *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({ set_event_name(node!(rule), rule_type::KERNEL_KPROBE, opt_arg_str!(name)) })
}

/// Stores the event name of a kernel kprobe rule in `*name` (lent by the rule). OK, UNSET when
/// none was set, or INVALID for NULL arguments or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `name` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_kernel_kprobe_get_event_name(
    rule: *const lttng_event_rule,
    name: *mut *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({
        let rule = node!(rule);
        get_event_name(rule, rule_type::KERNEL_KPROBE, out_arg!(name))
    })
}

/// A new kernel uprobe rule at a copy of `location` (sharing its open binary), without an event name
/// yet; the caller keeps its location. Release with `lttng_event_rule_destroy`. NULL for
/// NULL or a pointer that is not a live userspace probe location.
///
/// # Safety
/// `location` is NULL or a pointer from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_kernel_uprobe_create(
    location: *const lttng_userspace_probe_location,
) -> *mut lttng_event_rule {
    ffi_boundary!({
        let Some(location) = from_c(location) else {
            return std::ptr::null_mut();
        };
        new_rule(RuleData::KernelUprobe {
            name: None,
            location: userspace_probe::copy(&location),
        })
    })
}

/// Stores the location of a kernel uprobe rule in `*location` (the rule's copy, lent). OK, or
/// INVALID for NULL arguments or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `location` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_kernel_uprobe_get_location(
    rule: *const lttng_event_rule,
    location: *mut *const lttng_userspace_probe_location,
) -> lttng_event_rule_status {
    ffi_boundary!({
        let rule = node!(rule);
        let out = out_arg!(location);
        match rule.lock().deref() {
            RuleData::KernelUprobe { location, .. } => {
                out.write(location.as_c().cast_const());
                Status::OK
            }
            _ => Status::INVALID,
        }
    })
}

/// Sets the event name of a kernel uprobe rule. OK, or INVALID for NULL, an empty name or a rule
/// of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `name` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_kernel_uprobe_set_event_name(
    rule: *mut lttng_event_rule,
    name: *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({ set_event_name(node!(rule), rule_type::KERNEL_UPROBE, opt_arg_str!(name)) })
}

/// Stores the event name of a kernel uprobe rule in `*name` (lent by the rule). OK, UNSET when
/// none was set, or INVALID for NULL arguments or a rule of another type.
///
/// # Safety
/// `rule` is NULL or a pointer from this library; `name` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_rule_kernel_uprobe_get_event_name(
    rule: *const lttng_event_rule,
    name: *mut *const c_char,
) -> lttng_event_rule_status {
    ffi_boundary!({
        let rule = node!(rule);
        get_event_name(rule, rule_type::KERNEL_UPROBE, out_arg!(name))
    })
}

/// The type of a kernel probe location; UNKNOWN for NULL or a pointer that is not a live
/// one.
///
/// # Safety
/// `location` is NULL or a pointer from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_kernel_probe_location_get_type(
    location: *const lttng_kernel_probe_location,
) -> lttng_kernel_probe_location_type {
    ffi_boundary!({
        match from_c(location).map(|l| matches!(*l.lock(), KernelLocationData::Address(_))) {
            Some(false) => lttng_kernel_probe_location_type::SYMBOL_OFFSET,
            Some(true) => lttng_kernel_probe_location_type::ADDRESS,
            None => lttng_kernel_probe_location_type::UNKNOWN,
        }
    })
}

/// Releases a kernel probe location the caller owns. NULL, a location a rule lends, or a
/// second call does nothing.
///
/// # Safety
/// `location` is NULL or a pointer from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_kernel_probe_location_destroy(
    location: *mut lttng_kernel_probe_location,
) {
    ffi_boundary!({
        release_c(location);
    })
}

/// A new kernel probe location at `offset` bytes from `symbol_name` (at most 255 bytes);
/// release with `lttng_kernel_probe_location_destroy`. NULL for NULL or a longer name.
///
/// # Safety
/// `symbol_name` is a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_kernel_probe_location_symbol_create(
    symbol_name: *const c_char,
    offset: u64,
) -> *mut lttng_kernel_probe_location {
    ffi_boundary!({
        match opt_arg_str!(symbol_name) {
            Some(name) if name.len() < SYMBOL_MAX => Shared::new(KernelLocationData::Symbol {
                name: cstring(name),
                offset,
            })
            .into_c(),
            _ => std::ptr::null_mut(),
        }
    })
}

/// Longest symbol name plus its terminator (`LTTNG_SYMBOL_NAME_LEN`).
const SYMBOL_MAX: usize = 256;

/// The symbol of a SYMBOL_OFFSET location, lent while the location lives; NULL for NULL or
/// an ADDRESS location.
///
/// # Safety
/// `location` is NULL or a pointer from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_kernel_probe_location_symbol_get_name(
    location: *const lttng_kernel_probe_location,
) -> *const c_char {
    ffi_boundary!({
        match from_c(location) {
            Some(l) => match l.lock().deref() {
                KernelLocationData::Symbol { name, .. } => name.as_ptr(),
                KernelLocationData::Address(_) => std::ptr::null(),
            },
            None => std::ptr::null(),
        }
    })
}

/// Stores the offset of a SYMBOL_OFFSET location in `*offset`. OK, or INVALID for NULL
/// arguments (upstream asserts on a NULL `offset`) or an ADDRESS location.
///
/// # Safety
/// `location` is NULL or a pointer from this library; `offset` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_kernel_probe_location_symbol_get_offset(
    location: *const lttng_kernel_probe_location,
    offset: *mut u64,
) -> lttng_kernel_probe_location_status {
    ffi_boundary!({
        let out = out_arg!(offset);
        match from_c(location).map(|l| l.lock().clone()) {
            Some(KernelLocationData::Symbol { offset, .. }) => {
                out.write(offset);
                lttng_kernel_probe_location_status::OK
            }
            _ => lttng_kernel_probe_location_status::INVALID,
        }
    })
}

/// A new kernel probe location at `address`; release with
/// `lttng_kernel_probe_location_destroy`. NULL on failure.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_kernel_probe_location_address_create(
    address: u64,
) -> *mut lttng_kernel_probe_location {
    ffi_boundary!({ Shared::new(KernelLocationData::Address(address)).into_c() })
}

/// Stores the address of an ADDRESS location in `*offset`. OK, or INVALID for NULL
/// arguments (upstream asserts on a NULL `offset`) or a SYMBOL_OFFSET location.
///
/// # Safety
/// `location` is NULL or a pointer from this library; `offset` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_kernel_probe_location_address_get_address(
    location: *const lttng_kernel_probe_location,
    offset: *mut u64,
) -> lttng_kernel_probe_location_status {
    ffi_boundary!({
        let out = out_arg!(offset);
        match from_c(location).map(|l| l.lock().clone()) {
            Some(KernelLocationData::Address(a)) => {
                out.write(a);
                lttng_kernel_probe_location_status::OK
            }
            _ => lttng_kernel_probe_location_status::INVALID,
        }
    })
}

#[cfg(test)]
mod tests {
    use std::os::fd::OwnedFd;
    use std::sync::Arc;

    use super::*;
    use crate::model::trigger::{BinaryFd, LookupMethod, UserspaceLocation, UserspaceProbe};

    fn round_trip(rule: EventRule) {
        let node = rule_from_model(&rule);
        assert_eq!(rule_to_model(&node), rule);
        // A second conversion gives an equal, separate node.
        let again = rule_from_model(&rule_to_model(&node));
        assert!(!again.ptr_eq(&node));
        assert_eq!(rule_to_model(&again), rule);
    }

    #[test]
    fn every_rule_type_round_trips() {
        let llr = Some(LogLevelRule {
            at_least: true,
            level: 6,
        });
        round_trip(EventRule::UserTracepoint {
            pattern: Some("my_prov:*".into()),
            filter: Some("x > 3".into()),
            log_level: llr,
            exclusions: vec!["my_prov:bad".into(), String::new()],
        });
        round_trip(EventRule::UserTracepoint {
            pattern: Some("*".into()),
            filter: None,
            log_level: None,
            exclusions: vec![],
        });
        round_trip(EventRule::KernelTracepoint {
            pattern: Some("sched_*".into()),
            filter: Some("prio < 10".into()),
        });
        for emission_site in 0..3 {
            round_trip(EventRule::KernelSyscall {
                emission_site,
                pattern: Some("open*".into()),
                filter: None,
            });
        }
        round_trip(EventRule::KernelKprobe {
            name: Some("k".into()),
            location: KernelLocation::Symbol {
                name: "do_sys_open".into(),
                offset: 16,
            },
        });
        round_trip(EventRule::KernelKprobe {
            name: None,
            location: KernelLocation::Address(0xffff_ffff_8100_0000),
        });
        for kind in [
            rule_type::JUL_LOGGING,
            rule_type::LOG4J_LOGGING,
            rule_type::PYTHON_LOGGING,
        ] {
            round_trip(EventRule::Logging {
                kind,
                pattern: Some("org.*".into()),
                filter: Some("a == 1".into()),
                log_level: Some(LogLevelRule {
                    at_least: false,
                    level: i32::MIN,
                }),
            });
        }
        let binary = std::fs::File::open("/proc/self/exe").unwrap();
        let fd = BinaryFd(Arc::new(OwnedFd::from(binary)));
        round_trip(EventRule::KernelUprobe {
            name: Some("up".into()),
            location: UserspaceLocation {
                probe: UserspaceProbe::Function {
                    function: "main".into(),
                },
                binary_path: "/proc/self/exe".into(),
                lookup: LookupMethod::FunctionElf,
                binary_fd: Some(fd.clone()),
            },
        });
        round_trip(EventRule::KernelUprobe {
            name: None,
            location: UserspaceLocation {
                probe: UserspaceProbe::Tracepoint {
                    probe: "p".into(),
                    provider: "pv".into(),
                },
                binary_path: "/bin/true".into(),
                lookup: LookupMethod::TracepointSdt,
                binary_fd: None,
            },
        });
        // The nodes shared the descriptor; it is ours alone again.
        assert_eq!(Arc::strong_count(&fd.0), 1);
    }

    #[test]
    fn probe_rules_are_valid_once_named() {
        // SAFETY: as a C program would call them: live pointers, a C string literal.
        unsafe {
            let loc = lttng_kernel_probe_location_symbol_create(c"f".as_ptr(), 0);
            let r = lttng_event_rule_kernel_kprobe_create(loc);
            lttng_kernel_probe_location_destroy(loc);
            let node = from_c(r).unwrap();
            assert!(!rule_to_model(&node).is_valid());
            lttng_event_rule_kernel_kprobe_set_event_name(r, c"k".as_ptr());
            assert!(rule_to_model(&node).is_valid());
            lttng_event_rule_destroy(r);
            let t = lttng_event_rule_jul_logging_create();
            assert!(rule_to_model(&from_c(t).unwrap()).is_valid());
            lttng_event_rule_destroy(t);
        }
    }

    #[test]
    fn an_absent_pattern_becomes_the_default() {
        let node = rule_from_model(&EventRule::KernelTracepoint {
            pattern: None,
            filter: None,
        });
        assert_eq!(
            rule_to_model(&node),
            EventRule::KernelTracepoint {
                pattern: Some("*".into()),
                filter: None,
            }
        );
    }

    #[test]
    fn rules_built_through_the_exports_convert_to_the_model() {
        // SAFETY: the exports are called as a C program would: live pointers from their
        // constructors, C string literals, released once.
        unsafe {
            let r = lttng_event_rule_user_tracepoint_create();
            let llr = lttng_log_level_rule_exactly_create(3);
            assert_eq!(
                lttng_event_rule_user_tracepoint_set_name_pattern(r, c"a**b".as_ptr()),
                Status::OK
            );
            assert_eq!(
                lttng_event_rule_user_tracepoint_set_log_level_rule(r, llr),
                Status::OK
            );
            assert_eq!(
                lttng_event_rule_user_tracepoint_add_name_pattern_exclusion(r, c"x".as_ptr()),
                Status::OK
            );
            lttng_log_level_rule_destroy(llr);
            let node = from_c(r).unwrap();
            assert_eq!(
                rule_to_model(&node),
                EventRule::UserTracepoint {
                    pattern: Some("a*b".into()),
                    filter: None,
                    log_level: Some(LogLevelRule {
                        at_least: false,
                        level: 3
                    }),
                    exclusions: vec!["x".into()],
                }
            );
            // The model's rule holds a reference: the C destructor leaves it alive.
            lttng_event_rule_destroy(r);
            assert_eq!(
                lttng_event_rule_get_type(node.as_c()),
                lttng_event_rule_type::USER_TRACEPOINT
            );

            let loc = lttng_kernel_probe_location_address_create(0x1000);
            let k = lttng_event_rule_kernel_kprobe_create(loc);
            lttng_kernel_probe_location_destroy(loc);
            assert_eq!(
                rule_to_model(&from_c(k).unwrap()),
                EventRule::KernelKprobe {
                    name: None,
                    location: KernelLocation::Address(0x1000),
                }
            );
            lttng_event_rule_destroy(k);
        }
    }

    #[test]
    fn patterns_are_normalized_as_upstream() {
        for (given, stored) in [
            ("*", "*"),
            ("a**b***c", "a*b*c"),
            ("\\**x\\\\**y*", "\\**x\\\\*y*"),
            ("end\\", "end\\"),
            ("\\", "\\"),
            ("**", "*"),
            ("é**é", "é*é"),
        ] {
            assert_eq!(normalize_pattern(given), stored, "{given:?}");
        }
    }
}
