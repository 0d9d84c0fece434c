//! Triggers (`lttng/trigger/trigger.h`) and error queries (`lttng/error-query.h`):
//! REGISTER_TRIGGER, UNREGISTER_TRIGGER, LIST_TRIGGERS, EXECUTE_ERROR_QUERY.
//!
//! A trigger is a [`Trigger`] value; the file descriptor of its userspace probe location
//! (the binary a uprobe event rule names, held in the model beside the location) is passed
//! after the request, as upstream passes it. The four commands send header and payload in
//! one write, and codes the daemon answers outside upstream's range become LTTNG_ERR_UNK.
//!
//! The `*_serialized` forms take a trigger serialized elsewhere (by upstream's own code in a
//! calling program that carries it, `ffi::trigger_host`).

use std::os::fd::{AsRawFd, RawFd};

use crate::client::exchange::execute_with_fds;
use crate::client::{Error, Result, execute};
use crate::model::error::ErrorCode;
use crate::model::trigger::{Condition, EventRule};
pub use crate::model::trigger::{QueryResult, Trigger, query_target};
use crate::proto::sessiond::{Command, Request};
pub use crate::proto::trigger::SerializedTrigger;
use crate::proto::trigger::{self, encode_error_query, encode_trigger};
use crate::proto::wire::Reader;

fn request(cmd: Command, payload: Vec<u8>, fds: &[RawFd]) -> Result<Request> {
    let len = u32::try_from(payload.len()).map_err(|_| Error::from(ErrorCode::Invalid))?;
    let mut req = Request::new(cmd)
        .with_union_bytes(0, &len.to_ne_bytes())
        .with_payload(payload);
    req.fd_count = fds.len() as u32;
    Ok(req)
}

/// The descriptors a trigger's serialization refers to: its uprobe rule's binary, if any.
pub fn trigger_fds(trigger: &Trigger) -> Vec<RawFd> {
    trigger
        .condition
        .binary_fd()
        .map(|fd| fd.0.as_raw_fd())
        .into_iter()
        .collect()
}

/// The domain a trigger is restricted to (`enum lttng_domain_type`), which REGISTER_TRIGGER
/// carries in its header: its event rule's domain, its buffer-usage condition's channel
/// domain, none (0) for the session conditions.
pub fn domain_restriction(trigger: &Trigger) -> i32 {
    match &trigger.condition {
        Condition::BufferUsage { domain, .. } => i32::from(*domain),
        Condition::EventRuleMatches { rule, .. } => EventRule::domain(rule),
        Condition::ConsumedSize { .. } | Condition::Rotation { .. } => 0,
    }
}

/// Whether `trigger` can travel: a uprobe rule's location needs its binary's descriptor,
/// which a location decoded from a listing lacks (upstream's serialization then fails).
pub fn can_serialize(trigger: &Trigger) -> bool {
    match &trigger.condition {
        Condition::EventRuleMatches {
            rule: rule @ EventRule::KernelUprobe { .. },
            ..
        } => rule.binary_fd().is_some(),
        _ => true,
    }
}

fn serializable(trigger: &Trigger) -> Result<()> {
    if can_serialize(trigger) {
        Ok(())
    } else {
        Err(ErrorCode::Unk.into())
    }
}

/// REGISTER_TRIGGER of `trigger` (its owner and name as they stand), `anonymous` true only
/// for upstream's deprecated anonymous registration. Returns the name the daemon gave the
/// trigger (`None` if it has none).
///
/// A trigger that cannot travel ([`can_serialize`]) is LTTNG_ERR_UNK, nothing sent; a reply
/// that does not hold a trigger is LTTNG_ERR_INVALID_PROTOCOL.
pub fn register(trigger: &Trigger, anonymous: bool) -> Result<Option<String>> {
    serializable(trigger)?;
    register_bytes(
        encode_trigger(trigger),
        &trigger_fds(trigger),
        domain_restriction(trigger),
        anonymous,
    )
}

/// [`register`] of a trigger serialized by the calling program's code, `domain` its domain
/// restriction.
pub fn register_serialized(
    trigger: &SerializedTrigger,
    domain: i32,
    anonymous: bool,
) -> Result<Option<String>> {
    register_bytes(
        trigger.bytes().to_vec(),
        &trigger.raw_fds(),
        domain,
        anonymous,
    )
}

fn register_bytes(
    bytes: Vec<u8>,
    fds: &[RawFd],
    domain: i32,
    anonymous: bool,
) -> Result<Option<String>> {
    let mut req =
        request(Command::RegisterTrigger, bytes, fds)?.with_union_bytes(4, &[u8::from(anonymous)]);
    req.domain.kind = domain;
    let reply = execute_with_fds(&req, fds)?;
    let mut all = reply.cmd_header;
    all.extend_from_slice(&reply.data);
    trigger::decode_trigger(&mut Reader::new(&all))
        .map(|t| t.name)
        .map_err(|_| ErrorCode::InvalidProtocol.into())
}

/// UNREGISTER_TRIGGER of `trigger` (matched by the daemon on its name and owner). The
/// reply's data is ignored. A trigger that cannot travel is LTTNG_ERR_UNK, nothing sent.
pub fn unregister(trigger: &Trigger) -> Result<()> {
    serializable(trigger)?;
    unregister_bytes(encode_trigger(trigger), &trigger_fds(trigger))
}

/// [`unregister`] of a trigger serialized by the calling program's code.
pub fn unregister_serialized(trigger: &SerializedTrigger) -> Result<()> {
    unregister_bytes(trigger.bytes().to_vec(), &trigger.raw_fds())
}

fn unregister_bytes(bytes: Vec<u8>, fds: &[RawFd]) -> Result<()> {
    execute_with_fds(&request(Command::UnregisterTrigger, bytes, fds)?, fds).map(|_| ())
}

/// LIST_TRIGGERS: the caller's triggers (every user's for root; never the daemon's hidden
/// ones), in the daemon's order. A reply that cannot be decoded is LTTNG_ERR_FATAL, as
/// upstream.
pub fn list() -> Result<Vec<Trigger>> {
    let reply = execute(&Request::new(Command::ListTriggers))?;
    let mut all = reply.cmd_header;
    all.extend_from_slice(&reply.data);
    trigger::decode_triggers(&all).map_err(|_| ErrorCode::Fatal.into())
}

/// EXECUTE_ERROR_QUERY on `trigger`: `target` one of [`query_target`], and for an action
/// target the path of list indexes to the action. A trigger that cannot travel is
/// LTTNG_ERR_UNK, nothing sent; a reply that cannot be decoded is
/// LTTNG_ERR_INVALID_PROTOCOL.
pub fn error_query(
    target: i8,
    trigger: &Trigger,
    action_path: Option<&[u64]>,
) -> Result<Vec<QueryResult>> {
    serializable(trigger)?;
    error_query_bytes(
        target,
        &encode_trigger(trigger),
        &trigger_fds(trigger),
        action_path,
    )
}

/// [`error_query`] on a trigger serialized by the calling program's code.
pub fn error_query_serialized(
    target: i8,
    trigger: &SerializedTrigger,
    action_path: Option<&[u64]>,
) -> Result<Vec<QueryResult>> {
    error_query_bytes(target, trigger.bytes(), &trigger.raw_fds(), action_path)
}

fn error_query_bytes(
    target: i8,
    trigger: &[u8],
    fds: &[RawFd],
    action_path: Option<&[u64]>,
) -> Result<Vec<QueryResult>> {
    let payload = encode_error_query(target, trigger, action_path);
    let reply = execute_with_fds(&request(Command::ExecuteErrorQuery, payload, fds)?, fds)?;
    let mut all = reply.cmd_header;
    all.extend_from_slice(&reply.data);
    trigger::decode_query_results(&all).map_err(|_| ErrorCode::InvalidProtocol.into())
}

/// A condition as upstream serializes it (its type byte, then its body): what SUBSCRIBE
/// and UNSUBSCRIBE carry, and a trigger's first part.
pub fn serialize_condition(condition: &crate::model::trigger::Condition) -> Vec<u8> {
    let mut w = crate::proto::wire::Writer::with_capacity(64);
    trigger::encode_condition(condition, &mut w);
    w.into_inner()
}

/// An action as upstream serializes it (its type byte, then its body).
pub fn serialize_action(action: &crate::model::trigger::Action) -> Vec<u8> {
    let mut w = crate::proto::wire::Writer::with_capacity(64);
    trigger::encode_action(action, &mut w);
    w.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::trigger::{Action, RatePolicy, Threshold};

    fn with(condition: Condition) -> Trigger {
        Trigger {
            uid: 1000,
            name: None,
            is_hidden: false,
            condition,
            action: Action::Notify(RatePolicy { once: false, n: 1 }),
        }
    }

    #[test]
    fn domain_restrictions_are_upstreams() {
        let usage = Condition::BufferUsage {
            high: true,
            threshold: Threshold::Ratio(0.5),
            session: "s".into(),
            channel: "c".into(),
            domain: 1,
        };
        assert_eq!(domain_restriction(&with(usage)), 1);
        let rotation = Condition::Rotation {
            completed: true,
            session: "s".into(),
        };
        assert_eq!(domain_restriction(&with(rotation)), 0);
        let rule = EventRule::Logging {
            kind: crate::model::trigger::rule_type::LOG4J_LOGGING,
            pattern: None,
            filter: None,
            log_level: None,
        };
        let matches = Condition::EventRuleMatches {
            rule,
            captures: vec![],
        };
        assert_eq!(domain_restriction(&with(matches)), 4);
    }
}
