//! Where a trace archive (a completed rotation's chunk, or a destroyed session's last
//! chunk) is: `lttng/location.h`.

/// `enum lttng_trace_archive_location_type`: local.
pub const LOCATION_LOCAL: i32 = 1;
/// `enum lttng_trace_archive_location_type`: relay daemon.
pub const LOCATION_RELAY: i32 = 2;

/// A trace archive's location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArchiveLocation {
    /// On the session daemon's machine.
    Local {
        /// Absolute path of the archive.
        absolute_path: String,
    },
    /// On a relay daemon's machine.
    Relay {
        /// The relay daemon's host.
        host: String,
        /// `enum lttng_trace_archive_location_relay_protocol_type` (0: TCP).
        protocol: i32,
        /// Its control port.
        control_port: u16,
        /// Its data port.
        data_port: u16,
        /// The archive's path relative to the relay daemon's output.
        relative_path: String,
    },
}

impl ArchiveLocation {
    /// The `enum lttng_trace_archive_location_type` value.
    pub fn kind(&self) -> i32 {
        match self {
            ArchiveLocation::Local { .. } => LOCATION_LOCAL,
            ArchiveLocation::Relay { .. } => LOCATION_RELAY,
        }
    }
}
