//! Process-attribute trackers (`lttng/tracker.h`): which processes a domain traces.

use crate::client::{Error, Result, execute, session_request};
use crate::model::domain::Domain;
use crate::model::error::ErrorCode;
use crate::proto::sessiond::Command;
use crate::proto::wire::Reader;

/// One value of an inclusion set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A process id.
    Pid(i32),
    /// A user id.
    Uid(u32),
    /// A user name.
    UserName(String),
    /// A group id.
    Gid(u32),
    /// A group name.
    GroupName(String),
}

impl Value {
    /// `enum lttng_process_attr_value_type`.
    pub fn type_code(&self) -> i32 {
        match self {
            Value::Pid(_) => 0,
            Value::Uid(_) => 1,
            Value::UserName(_) => 2,
            Value::Gid(_) => 3,
            Value::GroupName(_) => 4,
        }
    }
}

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
    decode_values(&reply.data).ok_or(Error::from(ErrorCode::InvalidProtocol))
}

/// Decodes a GET_INCLUSION_SET reply's data (fuzzing and tests).
#[doc(hidden)]
pub fn decode_values(b: &[u8]) -> Option<Vec<Value>> {
    let mut r = Reader::new(b);
    let count = r.u32().ok()? as usize;
    if count.checked_mul(12)? > b.len() {
        return None;
    }
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let kind = r.i32().ok()?;
        let raw = r.u64().ok()?;
        let value = match kind {
            0 => Value::Pid(raw as i64 as i32),
            1 => Value::Uid(raw as u32),
            3 => Value::Gid(raw as u32),
            2 | 4 => {
                let len = (raw & 0xffff_ffff) as usize;
                let name = r.sized_cstr(len).ok()?;
                if kind == 2 {
                    Value::UserName(name)
                } else {
                    Value::GroupName(name)
                }
            }
            _ => return None,
        };
        out.push(value);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inclusion_set_from_the_capture() {
        let b = [1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0];
        assert_eq!(decode_values(&b), Some(vec![Value::Pid(1)]));
        let mut named = vec![1, 0, 0, 0, 2, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0];
        named.extend_from_slice(b"root\0");
        assert_eq!(
            decode_values(&named),
            Some(vec![Value::UserName("root".into())])
        );
        assert_eq!(decode_values(&[9, 0, 0, 0]), None);
    }
}
