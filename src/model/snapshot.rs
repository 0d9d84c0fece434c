//! Snapshot outputs (`struct lttng_snapshot_output`): where a snapshot session records.

/// A snapshot output as SNAPSHOT_*_OUTPUT and SNAPSHOT_RECORD carry it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SnapshotOutput {
    /// Output id (0 = unset).
    pub id: u32,
    /// Maximum size (0 or all-ones = unlimited).
    pub max_size: u64,
    /// Name.
    pub name: String,
    /// Control URL (or local path).
    pub ctrl_url: String,
    /// Data URL.
    pub data_url: String,
}
