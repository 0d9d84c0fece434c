//! Snapshot outputs and records (`lttng/snapshot.h`).

use crate::client::{Result, execute, session_request};
use crate::model::error::ErrorCode;
pub use crate::model::snapshot::SnapshotOutput;
pub use crate::proto::objects::SNAPSHOT_OUTPUT_LEN;
use crate::proto::objects::encode_snapshot_output;
use crate::proto::sessiond::Command;
use crate::proto::wire::Reader;

/// SNAPSHOT_ADD_OUTPUT: returns the id the daemon gave the output.
pub fn add_output(session: &str, output: &SnapshotOutput) -> Result<u32> {
    let req = session_request(Command::SnapshotAddOutput, session)?
        .with_union_bytes(0, &encode_snapshot_output(output));
    let reply = execute(&req)?;
    Reader::new(&reply.data)
        .u32()
        .map_err(|_| ErrorCode::Invalid.into())
}

/// SNAPSHOT_DEL_OUTPUT (by id when set, else by name).
pub fn del_output(session: &str, output: &SnapshotOutput) -> Result<()> {
    let req = session_request(Command::SnapshotDelOutput, session)?
        .with_union_bytes(0, &encode_snapshot_output(output));
    execute(&req).map(|_| ())
}

/// SNAPSHOT_LIST_OUTPUT: the raw array of 8459-byte outputs.
pub fn list_outputs(session: &str) -> Result<Vec<u8>> {
    let reply = execute(&session_request(Command::SnapshotListOutput, session)?)?;
    let mut data = reply.data;
    data.truncate(data.len() / SNAPSHOT_OUTPUT_LEN * SNAPSHOT_OUTPUT_LEN);
    Ok(data)
}

/// SNAPSHOT_RECORD to `output`, or to the session's default output. The wait argument of
/// the C API is ignored, as upstream.
pub fn record(session: &str, output: Option<&SnapshotOutput>) -> Result<()> {
    let mut req = session_request(Command::SnapshotRecord, session)?;
    if let Some(o) = output {
        req = req.with_union_bytes(4, &encode_snapshot_output(o));
    }
    execute(&req).map(|_| ())
}
