//! Sessions: what the daemon lists, and the descriptor that creates one.

use crate::model::uri::Uri;

/// `LTTNG_NAME_MAX`: a session name holds at most 254 bytes.
pub const SESSION_NAME_MAX: usize = 254;

/// One session as `lttng_list_sessions` reports it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SessionInfo {
    /// Name.
    pub name: String,
    /// Output: a directory, a rendered network URL, or empty.
    pub path: String,
    /// 1 while started.
    pub enabled: u32,
    /// 1 for a snapshot session.
    pub snapshot_mode: u32,
    /// Live timer in µs, 0 for non-live sessions.
    pub live_timer_interval: u32,
    /// Creation time (Unix seconds), when the daemon sent one.
    pub creation_time: Option<u64>,
}

/// Kind of session (`enum lttng_session_descriptor_type` + 1 on the wire).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SessionKind {
    /// Normal tracing session.
    Regular = 1,
    /// Snapshot session.
    Snapshot = 2,
    /// Live session.
    Live = 3,
}

/// Where a session writes (`enum lttng_session_descriptor_output_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutputKind {
    /// No output.
    None = 0,
    /// Local directory.
    Local = 1,
    /// A relay daemon.
    Network = 2,
}

/// A session descriptor: what CREATE_SESSION_EXT carries and returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionDescriptor {
    /// Kind of session.
    pub kind: SessionKind,
    /// Kind of output.
    pub output: OutputKind,
    /// Name, or `None` for the daemon to generate one.
    pub name: Option<String>,
    /// 0 or 1 URI for a local output, 0 or 2 (control, data) for a network one.
    pub uris: Vec<Uri>,
    /// Live timer (µs), for live sessions.
    pub live_timer_us: u64,
}

impl SessionDescriptor {
    /// A regular session of `name` with the given output URIs (0: none, 1: local, 2: network).
    pub fn from_uris(kind: SessionKind, name: Option<&str>, uris: Vec<Uri>) -> SessionDescriptor {
        let output = match uris.len() {
            0 => OutputKind::None,
            1 => OutputKind::Local,
            _ => OutputKind::Network,
        };
        SessionDescriptor {
            kind,
            output,
            name: name.map(str::to_owned),
            uris,
            live_timer_us: 0,
        }
    }
}

/// Checks a session name the way the library does before sending: it must fit
/// `LTTNG_NAME_MAX` with its terminator.
pub fn session_name_fits(name: &str) -> bool {
    name.len() <= SESSION_NAME_MAX
}
