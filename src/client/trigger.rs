//! Triggers (`lttng/trigger/trigger.h`) and error queries (`lttng/error-query.h`):
//! REGISTER_TRIGGER, UNREGISTER_TRIGGER, LIST_TRIGGERS, EXECUTE_ERROR_QUERY.
//!
//! A trigger travels serialized ([`SerializedTrigger`], built by the caller from its
//! condition and action). The four commands send header and payload in one write, and codes
//! the daemon answers outside upstream's range become LTTNG_ERR_UNK.

use std::os::fd::RawFd;

use crate::client::exchange::execute_with_fds;
use crate::client::{Error, Result, execute};
use crate::model::error::ErrorCode;
pub use crate::model::trigger::{QueryResult, Trigger, query_target};
use crate::proto::sessiond::{Command, Request};
pub use crate::proto::trigger::SerializedTrigger;
use crate::proto::trigger::{self, encode_error_query};
use crate::proto::wire::Reader;

fn request(cmd: Command, payload: Vec<u8>, fds: &[RawFd]) -> Result<Request> {
    let len = u32::try_from(payload.len()).map_err(|_| Error::from(ErrorCode::Invalid))?;
    let mut req = Request::new(cmd)
        .with_union_bytes(0, &len.to_ne_bytes())
        .with_payload(payload);
    req.fd_count = fds.len() as u32;
    Ok(req)
}

/// REGISTER_TRIGGER of `trigger` (its fds passed after the request), `domain` its domain
/// restriction (`enum lttng_domain_type`), `anonymous` true only for upstream's deprecated
/// anonymous registration. Returns the name the daemon gave the trigger (`None` if it has
/// none).
///
/// A reply that does not hold a trigger is LTTNG_ERR_INVALID_PROTOCOL.
pub fn register(
    trigger: &SerializedTrigger,
    domain: i32,
    anonymous: bool,
) -> Result<Option<String>> {
    let fds = trigger.raw_fds();
    let mut req = request(Command::RegisterTrigger, trigger.bytes().to_vec(), &fds)?
        .with_union_bytes(4, &[u8::from(anonymous)]);
    req.domain.kind = domain;
    let reply = execute_with_fds(&req, &fds)?;
    let mut all = reply.cmd_header;
    all.extend_from_slice(&reply.data);
    trigger::decode_trigger(&mut Reader::new(&all))
        .map(|t| t.name)
        .map_err(|_| ErrorCode::InvalidProtocol.into())
}

/// UNREGISTER_TRIGGER of `trigger` (and its fds). The reply's data is ignored.
pub fn unregister(trigger: &SerializedTrigger) -> Result<()> {
    let fds = trigger.raw_fds();
    execute_with_fds(
        &request(Command::UnregisterTrigger, trigger.bytes().to_vec(), &fds)?,
        &fds,
    )
    .map(|_| ())
}

/// LIST_TRIGGERS: the caller's triggers. A reply that cannot be decoded is LTTNG_ERR_FATAL,
/// as upstream.
pub fn list() -> Result<Vec<Trigger>> {
    let reply = execute(&Request::new(Command::ListTriggers))?;
    let mut all = reply.cmd_header;
    all.extend_from_slice(&reply.data);
    trigger::decode_triggers(&all).map_err(|_| ErrorCode::Fatal.into())
}

/// EXECUTE_ERROR_QUERY on `trigger` (and its fds): `target` one of [`query_target`], and
/// for an action target the path of list indexes to the action. A reply that cannot be
/// decoded is LTTNG_ERR_INVALID_PROTOCOL.
pub fn error_query(
    target: i8,
    trigger: &SerializedTrigger,
    action_path: Option<&[u64]>,
) -> Result<Vec<QueryResult>> {
    let fds = trigger.raw_fds();
    let payload = encode_error_query(target, trigger.bytes(), action_path);
    let reply = execute_with_fds(&request(Command::ExecuteErrorQuery, payload, &fds)?, &fds)?;
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
