//! Process-attribute trackers (`lttng/tracker.h`): which processes a domain traces.

use crate::client::{Error, Result, execute, session_request};
use crate::model::domain::Domain;
use crate::model::error::ErrorCode;
pub use crate::model::tracker::Value;
use crate::proto::objects::decode_tracker_values;
use crate::proto::sessiond::Command;

/// A request on the tracker of `attr` in `domain_type`: the domain carries only its type.
fn tracker_request(
    cmd: Command,
    session: &str,
    domain_type: i32,
    attr: i32,
) -> Result<crate::proto::sessiond::Request> {
    let domain = Domain {
        kind: domain_type,
        ..Domain::zeroed()
    };
    Ok(session_request(cmd, session)?
        .with_domain(&domain)
        .with_union_bytes(0, &attr.to_ne_bytes()))
}

/// PROCESS_ATTR_TRACKER_GET_POLICY.
pub fn get_policy(session: &str, domain_type: i32, attr: i32) -> Result<i32> {
    let reply = execute(&tracker_request(
        Command::ProcessAttrTrackerGetPolicy,
        session,
        domain_type,
        attr,
    )?)?;
    match reply.data.as_slice() {
        [a, b, c, d] => Ok(i32::from_ne_bytes([*a, *b, *c, *d])),
        _ => Err(ErrorCode::InvalidProtocol.into()),
    }
}

/// PROCESS_ATTR_TRACKER_SET_POLICY.
pub fn set_policy(session: &str, domain_type: i32, attr: i32, policy: i32) -> Result<()> {
    let req = tracker_request(
        Command::ProcessAttrTrackerSetPolicy,
        session,
        domain_type,
        attr,
    )?
    .with_union_bytes(4, &policy.to_ne_bytes());
    execute(&req).map(|_| ())
}

/// PROCESS_ATTR_TRACKER_ADD/REMOVE_INCLUDE_VALUE.
pub fn add_remove(
    add: bool,
    session: &str,
    domain_type: i32,
    attr: i32,
    value: &Value,
) -> Result<()> {
    let cmd = if add {
        Command::ProcessAttrTrackerAddIncludeValue
    } else {
        Command::ProcessAttrTrackerRemoveIncludeValue
    };
    let mut req = tracker_request(cmd, session, domain_type, attr)?
        .with_union_bytes(4, &value.type_code().to_ne_bytes());
    match value {
        Value::Pid(p) => req = req.with_union_bytes(8, &i64::from(*p).to_ne_bytes()),
        Value::Uid(u) | Value::Gid(u) => {
            req = req.with_union_bytes(8, &u64::from(*u).to_ne_bytes())
        }
        Value::UserName(n) | Value::GroupName(n) => {
            let mut payload = n.as_bytes().to_vec();
            payload.push(0);
            req = req
                .with_union_bytes(16, &(payload.len() as u32).to_ne_bytes())
                .with_payload(payload);
        }
    }
    execute(&req).map(|_| ())
}

/// PROCESS_ATTR_TRACKER_GET_INCLUSION_SET.
pub fn inclusion_set(session: &str, domain_type: i32, attr: i32) -> Result<Vec<Value>> {
    let reply = execute(&tracker_request(
        Command::ProcessAttrTrackerGetInclusionSet,
        session,
        domain_type,
        attr,
    )?)?;
    if reply.data.is_empty() {
        return Err(ErrorCode::InvalidProtocol.into());
    }
    decode_tracker_values(&reply.data).ok_or(Error::from(ErrorCode::InvalidProtocol))
}
