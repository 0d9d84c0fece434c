//! Session rotation (`lttng/rotation.h`): immediate rotations and rotation schedules.

use crate::client::{Result, execute, session_request};
use crate::model::error::ErrorCode;
use crate::model::location::ArchiveLocation;
use crate::proto::location;
use crate::proto::sessiond::Command;
use crate::proto::wire::Reader;

/// A rotation schedule: a size threshold (bytes) or a period (µs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schedule {
    /// Rotate when this many bytes were written.
    SizeThreshold(u64),
    /// Rotate periodically.
    Periodic(u64),
}

/// ROTATE_SESSION: returns the rotation id.
pub fn rotate(session: &str) -> Result<u64> {
    let reply = execute(&session_request(Command::RotateSession, session)?)?;
    Reader::new(&reply.data)
        .u64()
        .map_err(|_| ErrorCode::Invalid.into())
}

/// What ROTATION_GET_INFO says: the rotation state and, once completed, the raw location
/// (location type then its fields, as `struct lttng_rotation_get_info_return`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RotationInfo {
    /// `enum lttng_rotation_state`.
    pub state: i32,
    /// The reply after the state (location type and location).
    pub location: Vec<u8>,
}

impl RotationInfo {
    /// The archive location of a completed rotation.
    pub fn archive_location(&self) -> Result<ArchiveLocation> {
        location::decode_rotation_info(&self.location)
            .map_err(|_| crate::client::Error::from(ErrorCode::InvalidProtocol))
    }
}

/// ROTATION_GET_INFO for rotation `id`.
pub fn info(session: &str, id: u64) -> Result<RotationInfo> {
    let req =
        session_request(Command::RotationGetInfo, session)?.with_union_bytes(0, &id.to_ne_bytes());
    let reply = execute(&req)?;
    let mut r = Reader::new(&reply.data);
    let state = r
        .i32()
        .map_err(|_| crate::client::Error::from(ErrorCode::InvalidProtocol))?;
    Ok(RotationInfo {
        state,
        location: reply.data[4..].to_vec(),
    })
}

/// ROTATION_SET_SCHEDULE: adds (`set`) or removes a schedule.
pub fn set_schedule(session: &str, schedule: Schedule, set: bool) -> Result<()> {
    let (kind, value) = match schedule {
        Schedule::SizeThreshold(v) => (0u8, v),
        Schedule::Periodic(v) => (1u8, v),
    };
    let req = session_request(Command::RotationSetSchedule, session)?
        .with_union_bytes(0, &[kind, u8::from(set)])
        .with_union_bytes(2, &value.to_ne_bytes());
    execute(&req).map(|_| ())
}

/// SESSION_LIST_ROTATION_SCHEDULES: the periodic schedule, then the size schedule.
pub fn list_schedules(session: &str) -> Result<Vec<Schedule>> {
    let reply = execute(&session_request(
        Command::SessionListRotationSchedules,
        session,
    )?)?;
    let mut r = Reader::new(&reply.data);
    let mut out = Vec::new();
    let bad = |_| crate::client::Error::from(ErrorCode::InvalidProtocol);
    let (periodic_set, periodic) = (r.u8().map_err(bad)?, r.u64().map_err(bad)?);
    let (size_set, size) = (r.u8().map_err(bad)?, r.u64().map_err(bad)?);
    if periodic_set == 1 {
        out.push(Schedule::Periodic(periodic));
    }
    if size_set == 1 {
        out.push(Schedule::SizeThreshold(size));
    }
    Ok(out)
}
