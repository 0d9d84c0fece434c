//! Triggers on the wire (REGISTER_TRIGGER, UNREGISTER_TRIGGER, LIST_TRIGGERS,
//! EXECUTE_ERROR_QUERY): the serialized trigger (`lttng_trigger_comm`, then its name,
//! condition and action), the trigger set of a listing, error-query requests and results.
//!
//! Every structure is packed and host-ordered. String lengths count the terminator; 0 means
//! "absent". No I/O happens here.

use std::os::fd::{AsRawFd, OwnedFd, RawFd};

use crate::proto::DecodeError;
use crate::proto::objects::SNAPSHOT_OUTPUT_LEN;
use crate::proto::wire::{Reader, Writer};

/// Size of the trigger header (`u64 uid, u32 length, u32 name_len, u8 is_hidden`).
pub const TRIGGER_HEADER_LEN: usize = 17;

pub use crate::model::trigger::*;

fn range<T>() -> Result<T, DecodeError> {
    Err(DecodeError::Range)
}

/// A string of `len` bytes (terminator included), `None` when `len` is 0.
fn opt_string(r: &mut Reader<'_>, len: u32) -> Result<Option<String>, DecodeError> {
    if len == 0 {
        Ok(None)
    } else {
        r.sized_cstr(len as usize).map(Some)
    }
}

fn string(r: &mut Reader<'_>, len: u32) -> Result<String, DecodeError> {
    r.sized_cstr(len as usize)
}

fn cstr_len(s: &Option<String>) -> u32 {
    s.as_ref().map_or(0, |s| s.len() as u32 + 1)
}

fn put_opt(w: &mut Writer, s: &Option<String>) {
    if let Some(s) = s {
        w.cstr(s);
    }
}

/// Decodes one trigger; the reader is left after it.
pub fn decode_trigger(r: &mut Reader<'_>) -> Result<Trigger, DecodeError> {
    let uid = r.u64()?;
    if uid > u64::from(u32::MAX) {
        return range();
    }
    let length = r.u32()? as usize;
    let name_len = r.u32()?;
    let is_hidden = r.u8()? != 0;
    let start = r.position();
    let name = opt_string(r, name_len)?;
    let condition = decode_condition(r)?;
    let action = decode_action(r)?;
    if r.position() - start != length {
        return Err(DecodeError::Length);
    }
    Ok(Trigger {
        uid,
        name,
        is_hidden,
        condition,
        action,
    })
}

/// Decodes a LIST_TRIGGERS reply: `u32 count, u32 length`, then the triggers, whose total
/// size must be `length`.
pub fn decode_triggers(b: &[u8]) -> Result<Vec<Trigger>, DecodeError> {
    let mut r = Reader::new(b);
    let count = r.u32()?;
    let length = r.u32()? as usize;
    let start = r.position();
    let mut out = Vec::new();
    for _ in 0..count {
        out.push(decode_trigger(&mut r)?);
    }
    if r.position() - start != length {
        return Err(DecodeError::Length);
    }
    Ok(out)
}

/// Encodes triggers as LIST_TRIGGERS answers them.
pub fn encode_triggers(triggers: &[Trigger]) -> Vec<u8> {
    let mut body = Vec::new();
    for t in triggers {
        body.extend_from_slice(&encode_trigger(t));
    }
    let mut w = Writer::with_capacity(8 + body.len());
    w.u32(triggers.len() as u32);
    w.u32(body.len() as u32);
    w.bytes(&body);
    w.into_inner()
}

/// Encodes the trigger header and name in front of already serialized condition and action
/// bytes (`body`), as upstream serializes a trigger.
pub fn encode_trigger_parts(uid: u64, name: Option<&str>, is_hidden: bool, body: &[u8]) -> Vec<u8> {
    let name_len = name.map_or(0, |n| n.len() + 1);
    let mut w = Writer::with_capacity(TRIGGER_HEADER_LEN + name_len + body.len());
    w.u64(uid);
    w.u32((name_len + body.len()) as u32);
    w.u32(name_len as u32);
    w.u8(u8::from(is_hidden));
    if let Some(n) = name {
        w.cstr(n);
    }
    w.bytes(body);
    w.into_inner()
}

/// Encodes a whole trigger.
pub fn encode_trigger(t: &Trigger) -> Vec<u8> {
    let mut w = Writer::default();
    encode_condition(&t.condition, &mut w);
    encode_action(&t.action, &mut w);
    encode_trigger_parts(t.uid, t.name.as_deref(), t.is_hidden, &w.into_inner())
}

/// Decodes a condition (type byte first).
pub fn decode_condition(r: &mut Reader<'_>) -> Result<Condition, DecodeError> {
    use condition_type::*;
    let kind = r.i8()?;
    match kind {
        BUFFER_USAGE_HIGH | BUFFER_USAGE_LOW => {
            let in_bytes = r.u8()? != 0;
            let bytes = r.u64()?;
            let ratio = f64::from_bits(r.u64()?);
            let session_len = r.u32()?;
            let channel_len = r.u32()?;
            let domain = r.i8()?;
            let session = string(r, session_len)?;
            let channel = string(r, channel_len)?;
            Ok(Condition::BufferUsage {
                high: kind == BUFFER_USAGE_HIGH,
                threshold: if in_bytes {
                    Threshold::Bytes(bytes)
                } else {
                    Threshold::Ratio(ratio)
                },
                session,
                channel,
                domain,
            })
        }
        SESSION_CONSUMED_SIZE => {
            let threshold = r.u64()?;
            let len = r.u32()?;
            Ok(Condition::ConsumedSize {
                threshold,
                session: string(r, len)?,
            })
        }
        SESSION_ROTATION_ONGOING | SESSION_ROTATION_COMPLETED => {
            let len = r.u32()?;
            Ok(Condition::Rotation {
                completed: kind == SESSION_ROTATION_COMPLETED,
                session: string(r, len)?,
            })
        }
        EVENT_RULE_MATCHES => {
            let rule = decode_event_rule(r)?;
            let count = r.u32()?;
            let mut captures = Vec::new();
            for _ in 0..count {
                captures.push(decode_event_expr(r, 0)?);
            }
            Ok(Condition::EventRuleMatches { rule, captures })
        }
        _ => range(),
    }
}

/// Encodes a condition (type byte first).
pub fn encode_condition(c: &Condition, w: &mut Writer) {
    use condition_type::*;
    match c {
        Condition::BufferUsage {
            high,
            threshold,
            session,
            channel,
            domain,
        } => {
            w.i8(if *high {
                BUFFER_USAGE_HIGH
            } else {
                BUFFER_USAGE_LOW
            });
            let (in_bytes, bytes, ratio) = match threshold {
                Threshold::Bytes(b) => (1, *b, 0.0),
                Threshold::Ratio(r) => (0, 0, *r),
            };
            w.u8(in_bytes);
            w.u64(bytes);
            w.u64(f64::to_bits(ratio));
            w.u32(session.len() as u32 + 1);
            w.u32(channel.len() as u32 + 1);
            w.i8(*domain);
            w.cstr(session);
            w.cstr(channel);
        }
        Condition::ConsumedSize { threshold, session } => {
            w.i8(SESSION_CONSUMED_SIZE);
            w.u64(*threshold);
            w.u32(session.len() as u32 + 1);
            w.cstr(session);
        }
        Condition::Rotation { completed, session } => {
            w.i8(if *completed {
                SESSION_ROTATION_COMPLETED
            } else {
                SESSION_ROTATION_ONGOING
            });
            w.u32(session.len() as u32 + 1);
            w.cstr(session);
        }
        Condition::EventRuleMatches { rule, captures } => {
            w.i8(EVENT_RULE_MATCHES);
            encode_event_rule(rule, w);
            w.u32(captures.len() as u32);
            for c in captures {
                encode_event_expr(c, w);
            }
        }
    }
}

const LLR_LEN: u32 = 8;

fn decode_llr(r: &mut Reader<'_>, len: u32) -> Result<Option<LogLevelRule>, DecodeError> {
    match len {
        0 => Ok(None),
        LLR_LEN => {
            let kind = r.i8()?;
            r.skip(3)?;
            let level = r.i32()?;
            match kind {
                0 | 1 => Ok(Some(LogLevelRule {
                    at_least: kind == 1,
                    level,
                })),
                _ => range(),
            }
        }
        _ => Err(DecodeError::Length),
    }
}

fn encode_llr(l: &LogLevelRule, w: &mut Writer) {
    w.i8(i8::from(l.at_least));
    w.zeros(3);
    w.i32(l.level);
}

fn decode_kernel_location(r: &mut Reader<'_>) -> Result<KernelLocation, DecodeError> {
    match r.i8()? {
        0 => {
            let len = r.u32()?;
            let offset = r.u64()?;
            Ok(KernelLocation::Symbol {
                name: string(r, len)?,
                offset,
            })
        }
        1 => Ok(KernelLocation::Address(r.u64()?)),
        _ => range(),
    }
}

fn encode_kernel_location(l: &KernelLocation, w: &mut Writer) {
    match l {
        KernelLocation::Symbol { name, offset } => {
            w.i8(0);
            w.u32(name.len() as u32 + 1);
            w.u64(*offset);
            w.cstr(name);
        }
        KernelLocation::Address(a) => {
            w.i8(1);
            w.u64(*a);
        }
    }
}

/// Decodes a userspace probe location (userspace-probe.c): `i8 type`; FUNCTION
/// `u32 function_len, binary_len`, function, binary; TRACEPOINT `u32 probe_len,
/// provider_len, binary_len`, probe, provider, binary; then `i8 lookup_method`. Its binary's
/// descriptor travels beside the bytes: the location comes back without it. Lookup method 0
/// (FUNCTION_DEFAULT, on which upstream's parser asserts) or another value is refused.
pub fn decode_userspace_location(r: &mut Reader<'_>) -> Result<UserspaceLocation, DecodeError> {
    let (probe, binary_path) = match r.i8()? {
        0 => {
            let (function_len, binary_len) = (r.u32()?, r.u32()?);
            let function = string(r, function_len)?;
            let binary = string(r, binary_len)?;
            (UserspaceProbe::Function { function }, binary)
        }
        1 => {
            let (probe_len, provider_len, binary_len) = (r.u32()?, r.u32()?, r.u32()?);
            let probe = string(r, probe_len)?;
            let provider = string(r, provider_len)?;
            let binary = string(r, binary_len)?;
            (UserspaceProbe::Tracepoint { probe, provider }, binary)
        }
        _ => return range(),
    };
    let lookup = match r.i8()? {
        1 => LookupMethod::FunctionElf,
        2 => LookupMethod::TracepointSdt,
        _ => return range(),
    };
    Ok(UserspaceLocation {
        probe,
        binary_path,
        lookup,
        binary_fd: None,
    })
}

/// Encodes a userspace probe location (see [`decode_userspace_location`]); its descriptor
/// is not part of the bytes ([`EventRule::binary_fd`]).
pub fn encode_userspace_location(l: &UserspaceLocation, w: &mut Writer) {
    match &l.probe {
        UserspaceProbe::Function { function } => {
            w.i8(0);
            w.u32(function.len() as u32 + 1);
            w.u32(l.binary_path.len() as u32 + 1);
            w.cstr(function);
        }
        UserspaceProbe::Tracepoint { probe, provider } => {
            w.i8(1);
            w.u32(probe.len() as u32 + 1);
            w.u32(provider.len() as u32 + 1);
            w.u32(l.binary_path.len() as u32 + 1);
            w.cstr(probe);
            w.cstr(provider);
        }
    }
    w.cstr(&l.binary_path);
    w.i8(match l.lookup {
        LookupMethod::FunctionElf => 1,
        LookupMethod::TracepointSdt => 2,
    });
}

/// Decodes an event rule (type byte first). A KERNEL_UPROBE rule's location comes back
/// without its binary's descriptor, which travels beside the bytes
/// ([`EventRule::binary_fd_slot`]).
pub fn decode_event_rule(r: &mut Reader<'_>) -> Result<EventRule, DecodeError> {
    use rule_type::*;
    let kind = r.i8()?;
    match kind {
        USER_TRACEPOINT => {
            let (pattern_len, filter_len, llr_len) = (r.u32()?, r.u32()?, r.u32()?);
            let (excl_count, excl_len) = (r.u32()?, r.u32()? as usize);
            let pattern = opt_string(r, pattern_len)?;
            let filter = opt_string(r, filter_len)?;
            let log_level = decode_llr(r, llr_len)?;
            let start = r.position();
            let mut exclusions = Vec::new();
            for _ in 0..excl_count {
                let len = r.u32()?;
                exclusions.push(string(r, len)?);
            }
            if r.position() - start != excl_len {
                return Err(DecodeError::Length);
            }
            Ok(EventRule::UserTracepoint {
                pattern,
                filter,
                log_level,
                exclusions,
            })
        }
        KERNEL_TRACEPOINT => {
            let (pattern_len, filter_len) = (r.u32()?, r.u32()?);
            Ok(EventRule::KernelTracepoint {
                pattern: opt_string(r, pattern_len)?,
                filter: opt_string(r, filter_len)?,
            })
        }
        KERNEL_SYSCALL => {
            let emission_site = r.u32()?;
            let (pattern_len, filter_len) = (r.u32()?, r.u32()?);
            Ok(EventRule::KernelSyscall {
                emission_site,
                pattern: opt_string(r, pattern_len)?,
                filter: opt_string(r, filter_len)?,
            })
        }
        KERNEL_KPROBE => {
            let (name_len, location_len) = (r.u32()?, r.u32()? as usize);
            let name = opt_string(r, name_len)?;
            let start = r.position();
            let location = decode_kernel_location(r)?;
            if r.position() - start != location_len {
                return Err(DecodeError::Length);
            }
            Ok(EventRule::KernelKprobe { name, location })
        }
        KERNEL_UPROBE => {
            let (name_len, location_len) = (r.u32()?, r.u32()? as usize);
            let name = opt_string(r, name_len)?;
            let start = r.position();
            let location = decode_userspace_location(r)?;
            if r.position() - start != location_len {
                return Err(DecodeError::Length);
            }
            Ok(EventRule::KernelUprobe { name, location })
        }
        JUL_LOGGING | LOG4J_LOGGING | PYTHON_LOGGING => {
            let (pattern_len, filter_len, llr_len) = (r.u32()?, r.u32()?, r.u32()?);
            Ok(EventRule::Logging {
                kind,
                pattern: opt_string(r, pattern_len)?,
                filter: opt_string(r, filter_len)?,
                log_level: decode_llr(r, llr_len)?,
            })
        }
        _ => range(),
    }
}

/// Encodes an event rule (type byte first).
pub fn encode_event_rule(rule: &EventRule, w: &mut Writer) {
    use rule_type::*;
    match rule {
        EventRule::UserTracepoint {
            pattern,
            filter,
            log_level,
            exclusions,
        } => {
            w.i8(USER_TRACEPOINT);
            w.u32(cstr_len(pattern));
            w.u32(cstr_len(filter));
            w.u32(if log_level.is_some() { LLR_LEN } else { 0 });
            w.u32(exclusions.len() as u32);
            w.u32(exclusions.iter().map(|e| 4 + e.len() as u32 + 1).sum());
            put_opt(w, pattern);
            put_opt(w, filter);
            if let Some(l) = log_level {
                encode_llr(l, w);
            }
            for e in exclusions {
                w.u32(e.len() as u32 + 1);
                w.cstr(e);
            }
        }
        EventRule::KernelTracepoint { pattern, filter } => {
            w.i8(KERNEL_TRACEPOINT);
            w.u32(cstr_len(pattern));
            w.u32(cstr_len(filter));
            put_opt(w, pattern);
            put_opt(w, filter);
        }
        EventRule::KernelSyscall {
            emission_site,
            pattern,
            filter,
        } => {
            w.i8(KERNEL_SYSCALL);
            w.u32(*emission_site);
            w.u32(cstr_len(pattern));
            w.u32(cstr_len(filter));
            put_opt(w, pattern);
            put_opt(w, filter);
        }
        EventRule::KernelKprobe { name, location } => {
            w.i8(KERNEL_KPROBE);
            let mut loc = Writer::default();
            encode_kernel_location(location, &mut loc);
            let loc = loc.into_inner();
            w.u32(cstr_len(name));
            w.u32(loc.len() as u32);
            put_opt(w, name);
            w.bytes(&loc);
        }
        EventRule::KernelUprobe { name, location } => {
            w.i8(KERNEL_UPROBE);
            let mut loc = Writer::default();
            encode_userspace_location(location, &mut loc);
            let loc = loc.into_inner();
            w.u32(cstr_len(name));
            w.u32(loc.len() as u32);
            put_opt(w, name);
            w.bytes(&loc);
        }
        EventRule::Logging {
            kind,
            pattern,
            filter,
            log_level,
        } => {
            w.i8(*kind);
            w.u32(cstr_len(pattern));
            w.u32(cstr_len(filter));
            w.u32(if log_level.is_some() { LLR_LEN } else { 0 });
            put_opt(w, pattern);
            put_opt(w, filter);
            if let Some(l) = log_level {
                encode_llr(l, w);
            }
        }
    }
}

/// Nesting limit of array-element expressions (a hostile peer cannot overflow the stack).
const MAX_EXPR_DEPTH: usize = 64;

fn decode_event_expr(r: &mut Reader<'_>, depth: usize) -> Result<EventExpr, DecodeError> {
    if depth > MAX_EXPR_DEPTH {
        return range();
    }
    match r.u8()? {
        0 => {
            let len = r.u32()?;
            Ok(EventExpr::PayloadField(string(r, len)?))
        }
        1 => {
            let len = r.u32()?;
            Ok(EventExpr::ChannelContextField(string(r, len)?))
        }
        2 => {
            let len = r.u32()?;
            let provider = string(r, len)?;
            let len = r.u32()?;
            Ok(EventExpr::AppContextField {
                provider,
                type_name: string(r, len)?,
            })
        }
        3 => {
            let index = r.u32()?;
            let array = Box::new(decode_event_expr(r, depth + 1)?);
            Ok(EventExpr::ArrayElement { array, index })
        }
        _ => range(),
    }
}

fn encode_event_expr(e: &EventExpr, w: &mut Writer) {
    match e {
        EventExpr::PayloadField(n) | EventExpr::ChannelContextField(n) => {
            w.u8(if matches!(e, EventExpr::PayloadField(_)) {
                0
            } else {
                1
            });
            w.u32(n.len() as u32 + 1);
            w.cstr(n);
        }
        EventExpr::AppContextField {
            provider,
            type_name,
        } => {
            w.u8(2);
            w.u32(provider.len() as u32 + 1);
            w.cstr(provider);
            w.u32(type_name.len() as u32 + 1);
            w.cstr(type_name);
        }
        EventExpr::ArrayElement { array, index } => {
            w.u8(3);
            w.u32(*index);
            encode_event_expr(array, w);
        }
    }
}

fn decode_policy(r: &mut Reader<'_>) -> Result<RatePolicy, DecodeError> {
    let kind = r.i8()?;
    let n = r.u64()?;
    match kind {
        0 | 1 => Ok(RatePolicy { once: kind == 1, n }),
        _ => range(),
    }
}

fn encode_policy(p: &RatePolicy, w: &mut Writer) {
    w.i8(i8::from(p.once));
    w.u64(p.n);
}

/// Nesting limit of action lists.
const MAX_ACTION_DEPTH: usize = 16;

/// Decodes an action (type byte first).
pub fn decode_action(r: &mut Reader<'_>) -> Result<Action, DecodeError> {
    decode_action_at(r, 0)
}

fn decode_action_at(r: &mut Reader<'_>, depth: usize) -> Result<Action, DecodeError> {
    use action_type::*;
    let kind = r.i8()?;
    match kind {
        NOTIFY => Ok(Action::Notify(decode_policy(r)?)),
        START_SESSION | STOP_SESSION | ROTATE_SESSION => {
            let len = r.u32()?;
            let session = opt_string(r, len)?;
            Ok(Action::Session {
                kind,
                session,
                policy: decode_policy(r)?,
            })
        }
        SNAPSHOT_SESSION => {
            let (session_len, output_len, policy_len) = (r.u32()?, r.u32()?, r.u32()?);
            let session = opt_string(r, session_len)?;
            let output = match output_len as usize {
                0 => None,
                SNAPSHOT_OUTPUT_LEN => Some(r.take(SNAPSHOT_OUTPUT_LEN)?.to_vec()),
                _ => return Err(DecodeError::Length),
            };
            let start = r.position();
            let policy = decode_policy(r)?;
            if r.position() - start != policy_len as usize {
                return Err(DecodeError::Length);
            }
            Ok(Action::Snapshot {
                session,
                output,
                policy,
            })
        }
        LIST if depth < MAX_ACTION_DEPTH => {
            let count = r.u32()?;
            let mut out = Vec::new();
            for _ in 0..count {
                out.push(decode_action_at(r, depth + 1)?);
            }
            Ok(Action::List(out))
        }
        _ => range(),
    }
}

/// Encodes an action (type byte first).
pub fn encode_action(a: &Action, w: &mut Writer) {
    match a {
        Action::Notify(p) => {
            w.i8(action_type::NOTIFY);
            encode_policy(p, w);
        }
        Action::Session {
            kind,
            session,
            policy,
        } => {
            w.i8(*kind);
            w.u32(cstr_len(session));
            put_opt(w, session);
            encode_policy(policy, w);
        }
        Action::Snapshot {
            session,
            output,
            policy,
        } => {
            w.i8(action_type::SNAPSHOT_SESSION);
            w.u32(cstr_len(session));
            w.u32(output.as_ref().map_or(0, |o| o.len() as u32));
            w.u32(9);
            put_opt(w, session);
            if let Some(o) = output {
                w.bytes(o);
            }
            encode_policy(policy, w);
        }
        Action::List(items) => {
            w.i8(action_type::LIST);
            w.u32(items.len() as u32);
            for item in items {
                encode_action(item, w);
            }
        }
    }
}

/// A trigger serialized for REGISTER_TRIGGER, UNREGISTER_TRIGGER and EXECUTE_ERROR_QUERY:
/// `lttng_trigger_comm`, name, condition and action, with the file descriptors its userspace
/// probe locations refer to (sent after the request; closed when this is dropped).
#[derive(Debug)]
pub struct SerializedTrigger {
    bytes: Vec<u8>,
    fds: Vec<OwnedFd>,
}

impl SerializedTrigger {
    /// The trigger of `owner` named `name`, hidden or not, whose condition and action are
    /// `condition_and_action` (each its type byte and the object's own serialization, as
    /// upstream writes them), with the `fds` that serialization referred to.
    pub fn new(
        owner: u64,
        name: Option<&str>,
        is_hidden: bool,
        condition_and_action: &[u8],
        fds: Vec<OwnedFd>,
    ) -> SerializedTrigger {
        SerializedTrigger {
            bytes: encode_trigger_parts(owner, name, is_hidden, condition_and_action),
            fds,
        }
    }

    /// The serialized trigger.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Its file descriptors, as the numbers to pass.
    pub fn raw_fds(&self) -> Vec<RawFd> {
        self.fds.iter().map(AsRawFd::as_raw_fd).collect()
    }
}

/// The EXECUTE_ERROR_QUERY payload: the target type, the serialized trigger and, for an
/// action target, its path of list indexes.
pub fn encode_error_query(target: i8, trigger: &[u8], action_path: Option<&[u64]>) -> Vec<u8> {
    let mut w = Writer::with_capacity(1 + trigger.len() + 64);
    w.i8(target);
    w.bytes(trigger);
    if let Some(path) = action_path {
        w.u32(path.len() as u32);
        for i in path {
            w.u64(*i);
        }
    }
    w.into_inner()
}

/// Decodes an EXECUTE_ERROR_QUERY reply: `u32 count`, then per result
/// `{u8 type, u32 name_len, u32 description_len}`, the two strings and the `u64` counter.
pub fn decode_query_results(b: &[u8]) -> Result<Vec<QueryResult>, DecodeError> {
    let mut r = Reader::new(b);
    let count = r.u32()?;
    let mut out = Vec::new();
    for _ in 0..count {
        let kind = r.u8()?;
        let (name_len, desc_len) = (r.u32()?, r.u32()?);
        let name = string(&mut r, name_len)?;
        let description = string(&mut r, desc_len)?;
        if kind != 0 {
            return range();
        }
        out.push(QueryResult {
            name,
            description,
            value: r.u64()?,
        });
    }
    Ok(out)
}

/// Encodes error-query results.
pub fn encode_query_results(results: &[QueryResult]) -> Vec<u8> {
    let mut w = Writer::default();
    w.u32(results.len() as u32);
    for q in results {
        w.u8(0);
        w.u32(q.name.len() as u32 + 1);
        w.u32(q.description.len() as u32 + 1);
        w.cstr(&q.name);
        w.cstr(&q.description);
        w.u64(q.value);
    }
    w.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        let s: String = s.split_whitespace().collect();
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn user_tracepoint_rule_matches_the_captured_bytes() {
        // --type=user --name='my_prov:*' --filter='x > 3' --log-level=TRACE_INFO..
        // --exclude-name='my_prov:bad'
        let mut b = hex("04 0a000000 06000000 08000000 01000000 10000000");
        b.extend_from_slice(b"my_prov:*\0x > 3\0");
        b.extend_from_slice(&hex("01 000000 06000000 0c000000"));
        b.extend_from_slice(b"my_prov:bad\0");
        let rule = decode_event_rule(&mut Reader::new(&b)).unwrap();
        assert_eq!(
            rule,
            EventRule::UserTracepoint {
                pattern: Some("my_prov:*".into()),
                filter: Some("x > 3".into()),
                log_level: Some(LogLevelRule {
                    at_least: true,
                    level: 6
                }),
                exclusions: vec!["my_prov:bad".into()],
            }
        );
        let mut w = Writer::default();
        encode_event_rule(&rule, &mut w);
        assert_eq!(w.into_inner(), b);
    }

    #[test]
    fn uprobe_rule_matches_the_captured_bytes() {
        // The fact sheet's location (§2.4.2): function "main" in /tmp/lttfs-work/app, ELF.
        let mut loc = hex("00 05000000 14000000");
        loc.extend_from_slice(b"main\0/tmp/lttfs-work/app\0");
        loc.extend_from_slice(&hex("01"));
        assert_eq!(loc.len(), 35);
        let location = decode_userspace_location(&mut Reader::new(&loc)).unwrap();
        assert_eq!(
            location,
            UserspaceLocation {
                probe: UserspaceProbe::Function {
                    function: "main".into()
                },
                binary_path: "/tmp/lttfs-work/app".into(),
                lookup: LookupMethod::FunctionElf,
                binary_fd: None,
            }
        );
        let mut w = Writer::default();
        encode_userspace_location(&location, &mut w);
        assert_eq!(w.into_inner(), loc);
        // The rule around it: name "up", then the location's 35 bytes.
        let mut b = hex("03 03000000 23000000");
        b.extend_from_slice(b"up\0");
        b.extend_from_slice(&loc);
        let rule = decode_event_rule(&mut Reader::new(&b)).unwrap();
        assert_eq!(
            rule,
            EventRule::KernelUprobe {
                name: Some("up".into()),
                location,
            }
        );
        let mut w = Writer::default();
        encode_event_rule(&rule, &mut w);
        assert_eq!(w.into_inner(), b);
        // A tracepoint location (SDT), and what is refused.
        let mut tp = hex("01 02000000 03000000 05000000");
        tp.extend_from_slice(b"p\0pv\0/bin\0");
        tp.extend_from_slice(&hex("02"));
        let l = decode_userspace_location(&mut Reader::new(&tp)).unwrap();
        assert_eq!(
            l.probe,
            UserspaceProbe::Tracepoint {
                probe: "p".into(),
                provider: "pv".into()
            }
        );
        let mut w = Writer::default();
        encode_userspace_location(&l, &mut w);
        assert_eq!(w.into_inner(), tp);
        for bad_lookup in [0u8, 3, 0xff] {
            let mut t = tp.clone();
            *t.last_mut().unwrap() = bad_lookup;
            assert!(decode_userspace_location(&mut Reader::new(&t)).is_err());
        }
        let mut t = tp.clone();
        t[0] = 2;
        assert!(decode_userspace_location(&mut Reader::new(&t)).is_err());
        // A location length that disagrees with the location is refused.
        let mut bad = b.clone();
        bad[5] += 1;
        assert!(decode_event_rule(&mut Reader::new(&bad)).is_err());
        for n in 0..b.len() {
            assert!(decode_event_rule(&mut Reader::new(&b[..n])).is_err());
        }
    }

    #[test]
    fn captures_and_policies_match_the_captured_bytes() {
        let mut b = hex("04000000 00 02000000");
        b.extend_from_slice(b"x\0");
        b.extend_from_slice(&hex("01 05000000"));
        b.extend_from_slice(b"vpid\0");
        b.extend_from_slice(&hex("02 05000000"));
        b.extend_from_slice(b"prov\0");
        b.extend_from_slice(&hex("04000000"));
        b.extend_from_slice(b"ctx\0");
        b.extend_from_slice(&hex("03 02000000 00 04000000"));
        b.extend_from_slice(b"arr\0");
        let mut r = Reader::new(&b);
        let n = r.u32().unwrap();
        let exprs: Vec<_> = (0..n)
            .map(|_| decode_event_expr(&mut r, 0).unwrap())
            .collect();
        assert_eq!(r.remaining(), 0);
        assert_eq!(
            exprs[3],
            EventExpr::ArrayElement {
                array: Box::new(EventExpr::PayloadField("arr".into())),
                index: 2
            }
        );
        let list = hex("05 01000000 00 00 0500000000000000");
        let a = decode_action(&mut Reader::new(&list)).unwrap();
        assert_eq!(
            a,
            Action::List(vec![Action::Notify(RatePolicy { once: false, n: 5 })])
        );
        let mut w = Writer::default();
        encode_action(&a, &mut w);
        assert_eq!(w.into_inner(), list);
    }

    #[test]
    fn triggers_round_trip() {
        let t = Trigger {
            uid: 999,
            name: Some("t1".into()),
            is_hidden: false,
            condition: Condition::BufferUsage {
                high: false,
                threshold: Threshold::Ratio(0.25),
                session: "s".into(),
                channel: "c".into(),
                domain: 2,
            },
            action: Action::List(vec![
                Action::Session {
                    kind: action_type::STOP_SESSION,
                    session: Some("s2".into()),
                    policy: RatePolicy { once: true, n: 3 },
                },
                Action::Snapshot {
                    session: Some("s".into()),
                    output: Some(vec![0; SNAPSHOT_OUTPUT_LEN]),
                    policy: RatePolicy { once: false, n: 1 },
                },
            ]),
        };
        let u = Trigger {
            uid: 0,
            name: None,
            is_hidden: true,
            condition: Condition::EventRuleMatches {
                rule: EventRule::KernelKprobe {
                    name: Some("k".into()),
                    location: KernelLocation::Symbol {
                        name: "do_sys_open".into(),
                        offset: 16,
                    },
                },
                captures: vec![],
            },
            action: Action::Notify(RatePolicy { once: false, n: 1 }),
        };
        let bytes = encode_triggers(&[t.clone(), u.clone()]);
        assert_eq!(decode_triggers(&bytes).unwrap(), vec![t, u]);
        // A wrong total length is refused.
        let mut bad = bytes.clone();
        bad[4] ^= 1;
        assert!(decode_triggers(&bad).is_err());
        for n in 0..bytes.len() {
            assert!(decode_triggers(&bytes[..n]).is_err());
        }
    }

    #[test]
    fn query_results_round_trip() {
        let q = vec![QueryResult {
            name: "discarded tracer messages".into(),
            description: "Count of messages discarded by the tracer".into(),
            value: 3,
        }];
        assert_eq!(decode_query_results(&encode_query_results(&q)).unwrap(), q);
        assert_eq!(
            encode_error_query(query_target::ACTION, b"T", Some(&[1])),
            hex("02 54 01000000 0100000000000000")
        );
    }
}
