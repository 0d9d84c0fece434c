//! The LTTng 2.13 client <-> session daemon messages: the 13156-byte request header
//! (`struct lttcomm_session_msg`, packed), the 24-byte reply header and the command ids.
//!
//! Everything is host byte order, as upstream. No I/O happens here.

use crate::model::domain::Domain;
use crate::proto::DecodeError;
use crate::proto::wire::{Reader, Writer};

/// Size of the request header.
pub const REQUEST_HEADER_LEN: usize = 13156;
/// Size of the reply header.
pub const REPLY_HEADER_LEN: usize = 24;
/// Offset of the embedded `struct lttng_session`.
pub const SESSION_OFFSET: usize = 4;
/// Size of `struct lttng_session`.
pub const SESSION_LEN: usize = 4376;
/// Offset of the embedded `struct lttng_domain`.
pub const DOMAIN_OFFSET: usize = 4380;
/// Size of `struct lttng_domain`.
pub const DOMAIN_LEN: usize = 308;
/// Offset of the per-command union.
pub const UNION_OFFSET: usize = 4688;
/// Size of the per-command union.
pub const UNION_LEN: usize = 8464;
/// Offset of `fd_count`.
pub const FD_COUNT_OFFSET: usize = 13152;
/// `LTTNG_NAME_MAX`: session names hold at most 254 bytes plus the terminator.
pub const NAME_MAX: usize = 255;
/// `LTTNG_SYMBOL_NAME_LEN`: channel and event names hold at most 255 bytes plus terminator.
pub const SYMBOL_NAME_LEN: usize = 256;
/// `PATH_MAX`.
pub const PATH_MAX: usize = 4096;
/// Largest variable payload the reference daemon accepts in one request.
pub const MAX_PAYLOAD: usize = 16 * 1024 * 1024;

/// Command ids of 2.13 (`enum lttcomm_sessiond_command`).
#[allow(missing_docs)]
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    AddContext = 0,
    DisableChannel = 2,
    DisableEvent = 3,
    ListSyscalls = 4,
    EnableChannel = 5,
    EnableEvent = 6,
    DestroySession = 9,
    ListChannels = 10,
    ListDomains = 11,
    ListEvents = 12,
    ListSessions = 13,
    ListTracepoints = 14,
    RegisterConsumer = 15,
    StartTrace = 16,
    StopTrace = 17,
    ListTracepointFields = 18,
    DisableConsumer = 19,
    EnableConsumer = 20,
    SetConsumerUri = 21,
    DataPending = 24,
    SnapshotAddOutput = 25,
    SnapshotDelOutput = 26,
    SnapshotListOutput = 27,
    SnapshotRecord = 28,
    SaveSession = 31,
    ProcessAttrTrackerAddIncludeValue = 32,
    ProcessAttrTrackerRemoveIncludeValue = 33,
    ProcessAttrTrackerGetPolicy = 34,
    ProcessAttrTrackerSetPolicy = 35,
    ProcessAttrTrackerGetInclusionSet = 36,
    SetSessionShmPath = 40,
    RegenerateMetadata = 41,
    RegenerateStatedump = 42,
    RegisterTrigger = 43,
    UnregisterTrigger = 44,
    RotateSession = 45,
    RotationGetInfo = 46,
    RotationSetSchedule = 47,
    SessionListRotationSchedules = 48,
    CreateSessionExt = 49,
    ClearSession = 50,
    ListTriggers = 51,
    ExecuteErrorQuery = 52,
}

impl Command {
    /// Every command id of 2.13.
    pub const ALL: &'static [Command] = &[
        Command::AddContext,
        Command::DisableChannel,
        Command::DisableEvent,
        Command::ListSyscalls,
        Command::EnableChannel,
        Command::EnableEvent,
        Command::DestroySession,
        Command::ListChannels,
        Command::ListDomains,
        Command::ListEvents,
        Command::ListSessions,
        Command::ListTracepoints,
        Command::RegisterConsumer,
        Command::StartTrace,
        Command::StopTrace,
        Command::ListTracepointFields,
        Command::DisableConsumer,
        Command::EnableConsumer,
        Command::SetConsumerUri,
        Command::DataPending,
        Command::SnapshotAddOutput,
        Command::SnapshotDelOutput,
        Command::SnapshotListOutput,
        Command::SnapshotRecord,
        Command::SaveSession,
        Command::ProcessAttrTrackerAddIncludeValue,
        Command::ProcessAttrTrackerRemoveIncludeValue,
        Command::ProcessAttrTrackerGetPolicy,
        Command::ProcessAttrTrackerSetPolicy,
        Command::ProcessAttrTrackerGetInclusionSet,
        Command::SetSessionShmPath,
        Command::RegenerateMetadata,
        Command::RegenerateStatedump,
        Command::RegisterTrigger,
        Command::UnregisterTrigger,
        Command::RotateSession,
        Command::RotationGetInfo,
        Command::RotationSetSchedule,
        Command::SessionListRotationSchedules,
        Command::CreateSessionExt,
        Command::ClearSession,
        Command::ListTriggers,
        Command::ExecuteErrorQuery,
    ];

    /// The command with this id, if 2.13 defines one.
    pub fn from_u32(id: u32) -> Option<Command> {
        Command::ALL.iter().copied().find(|c| *c as u32 == id)
    }

    /// Upstream's name without the `LTTNG_` prefix, for diagnostics.
    pub fn name(self) -> String {
        let mut out = String::new();
        for (i, ch) in format!("{self:?}").chars().enumerate() {
            if ch.is_ascii_uppercase() && i > 0 {
                out.push('_');
            }
            out.push(ch.to_ascii_uppercase());
        }
        out
    }

    /// Commands whose header and payload travel in one write, and whose error codes are
    /// clamped to the known range by the library.
    pub fn is_payload_style(self) -> bool {
        matches!(
            self,
            Command::AddContext
                | Command::ListEvents
                | Command::ListTracepointFields
                | Command::RegisterTrigger
                | Command::UnregisterTrigger
                | Command::ListTriggers
                | Command::ExecuteErrorQuery
        )
    }
}

/// A request: the fixed header fields plus the variable payload that follows it.
#[derive(Debug, Clone)]
pub struct Request {
    /// Command id (kept raw so that any id can be sent or decoded).
    pub cmd: u32,
    /// `session.name`; empty for commands without a session.
    pub session_name: String,
    /// The domain, or all zero.
    pub domain: Domain,
    /// The per-command union, 8464 bytes on the wire; here up to its last byte written (the
    /// rest is zero), so that a request that sets no union member costs no union at all.
    /// Read it with [`Request::union_u16`], [`Request::union_u32`], [`Request::union_str`].
    pub union: Vec<u8>,
    /// Number of fds that follow the payload.
    pub fd_count: u32,
    /// Variable payload.
    pub payload: Vec<u8>,
}

impl Request {
    /// A request for `cmd` with everything else zero.
    pub fn new(cmd: Command) -> Request {
        Request {
            cmd: cmd as u32,
            session_name: String::new(),
            domain: Domain::zeroed(),
            union: Vec::new(),
            fd_count: 0,
            payload: Vec::new(),
        }
    }

    /// Sets the session name (the caller has checked that it fits).
    pub fn with_session(mut self, name: &str) -> Request {
        self.session_name = name.to_owned();
        self
    }

    /// Sets the domain.
    pub fn with_domain(mut self, domain: &Domain) -> Request {
        self.domain = domain.clone();
        self
    }

    /// Writes `bytes` into the union at `offset` (relative to the union).
    pub fn with_union_bytes(mut self, offset: usize, bytes: &[u8]) -> Request {
        let end = offset + bytes.len();
        assert!(end <= UNION_LEN, "union member inside the union");
        if self.union.len() < end {
            self.union.resize(end, 0);
        }
        self.union[offset..end].copy_from_slice(bytes);
        self
    }

    /// Writes a u32 into the union at `offset`.
    pub fn with_union_u32(self, offset: usize, value: u32) -> Request {
        self.with_union_bytes(offset, &value.to_ne_bytes())
    }

    /// Writes a NUL-padded string into the union at `offset`, in an array of `cap` bytes.
    pub fn with_union_str(self, offset: usize, cap: usize, s: &str) -> Request {
        let mut field = vec![0u8; cap];
        let n = s.len().min(cap - 1);
        field[..n].copy_from_slice(&s.as_bytes()[..n]);
        self.with_union_bytes(offset, &field)
    }

    /// Sets the payload.
    pub fn with_payload(mut self, payload: Vec<u8>) -> Request {
        self.payload = payload;
        self
    }

    /// The command, if known.
    pub fn command(&self) -> Option<Command> {
        Command::from_u32(self.cmd)
    }

    /// `N` bytes of the union at `offset` (zero past what was written).
    fn union_array<const N: usize>(&self, offset: usize) -> [u8; N] {
        let mut b = [0u8; N];
        for (i, byte) in b.iter_mut().enumerate() {
            *byte = self.union.get(offset + i).copied().unwrap_or(0);
        }
        b
    }

    /// A u16 read from the union at `offset`.
    pub fn union_u16(&self, offset: usize) -> u16 {
        u16::from_ne_bytes(self.union_array(offset))
    }

    /// A u32 read from the union at `offset`.
    pub fn union_u32(&self, offset: usize) -> u32 {
        u32::from_ne_bytes(self.union_array(offset))
    }

    /// A u64 read from the union at `offset`.
    pub fn union_u64(&self, offset: usize) -> u64 {
        u64::from_ne_bytes(self.union_array(offset))
    }

    /// The union, all 8464 bytes.
    pub fn union_bytes(&self) -> std::borrow::Cow<'_, [u8]> {
        if self.union.len() == UNION_LEN {
            std::borrow::Cow::Borrowed(&self.union)
        } else {
            let mut full = self.union.clone();
            full.resize(UNION_LEN, 0);
            std::borrow::Cow::Owned(full)
        }
    }

    /// A NUL-terminated string read from the union array at `offset` of `cap` bytes.
    pub fn union_str(&self, offset: usize, cap: usize) -> Result<String, DecodeError> {
        Reader::new(&self.union_bytes()[offset..offset + cap]).fixed_str(cap)
    }

    /// How many payload bytes follow this header, as a daemon computes it from the command
    /// and its union fields. `None` when the announced size overflows.
    pub fn payload_len(&self) -> Option<usize> {
        let u32_at = |off: usize| self.union_u32(off) as usize;
        Some(match self.command() {
            Some(Command::SetConsumerUri) => {
                u32_at(union_offsets::FIRST_U32).checked_mul(crate::proto::uri::WIRE_URI_LEN)?
            }
            Some(Command::EnableChannel) => u32_at(union_offsets::FIRST_U32),
            Some(Command::EnableEvent | Command::DisableEvent | Command::AddContext) => {
                u32_at(union_offsets::EVENT_LENGTH)
            }
            Some(Command::CreateSessionExt) => {
                let home = self.union_u16(union_offsets::HOME_DIR_SIZE) as usize;
                let descriptor = self.union_u64(union_offsets::DESCRIPTOR_SIZE);
                home.checked_add(usize::try_from(descriptor).ok()?)?
            }
            Some(Command::RegisterTrigger | Command::UnregisterTrigger)
            | Some(Command::ExecuteErrorQuery) => u32_at(union_offsets::FIRST_U32),
            _ => 0,
        })
    }

    /// The 13156-byte header.
    pub fn encode_header(&self) -> Vec<u8> {
        let mut w = Writer::with_capacity(REQUEST_HEADER_LEN);
        w.u32(self.cmd);
        w.fixed_str(&self.session_name, NAME_MAX);
        w.zeros(SESSION_LEN - NAME_MAX);
        w.bytes(&crate::proto::objects::encode_domain(&self.domain));
        w.bytes(&self.union);
        w.zeros(UNION_LEN - self.union.len());
        w.u32(self.fd_count);
        let out = w.into_inner();
        debug_assert_eq!(out.len(), REQUEST_HEADER_LEN);
        out
    }

    /// Decodes a header; the payload is read separately, by the command's own rules.
    pub fn decode_header(bytes: &[u8]) -> Result<Request, DecodeError> {
        if bytes.len() != REQUEST_HEADER_LEN {
            return Err(DecodeError::Length);
        }
        let mut r = Reader::new(bytes);
        let cmd = r.u32()?;
        let session_name = r.fixed_str(NAME_MAX)?;
        r.skip(SESSION_LEN - NAME_MAX)?;
        let domain = crate::proto::objects::decode_domain(r.take(DOMAIN_LEN)?)?;
        let union = r.take(UNION_LEN)?.to_vec();
        let fd_count = r.u32()?;
        Ok(Request {
            cmd,
            session_name,
            domain,
            union,
            fd_count,
            payload: Vec::new(),
        })
    }
}

impl PartialEq for Request {
    /// Equal when they encode to the same bytes (a union written up to a point equals one
    /// that has zeros from there).
    fn eq(&self, other: &Request) -> bool {
        self.cmd == other.cmd
            && self.session_name == other.session_name
            && self.domain == other.domain
            && self.union_bytes() == other.union_bytes()
            && self.fd_count == other.fd_count
            && self.payload == other.payload
    }
}

impl Eq for Request {}

/// Offsets inside the union, per member.
pub mod union_offsets {
    /// `enable`/`disable`/`context`/`list`: `channel_name[256]`.
    pub const CHANNEL_NAME: usize = 0;
    /// `enable`/`disable`/`context`: `length` u32 after the channel name.
    pub const EVENT_LENGTH: usize = 256;
    /// `channel.length`, `uri.size`, `trigger.length`, `error_query.length`, `snapshot_record.wait`.
    pub const FIRST_U32: usize = 0;
    /// `create_session.home_dir_size` (u16).
    pub const HOME_DIR_SIZE: usize = 0;
    /// `create_session.session_descriptor_size` (u64).
    pub const DESCRIPTOR_SIZE: usize = 2;
}

/// The reply header (`struct lttcomm_lttng_msg`, packed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReplyHeader {
    /// Echo of the request's command id.
    pub cmd: u32,
    /// `enum lttng_error_code` (10 = OK).
    pub ret_code: u32,
    /// Echo of the request's `domain.attr.pid`.
    pub pid: u32,
    /// Bytes of command header that follow.
    pub cmd_header_size: u32,
    /// Bytes of payload after the command header.
    pub data_size: u32,
    /// File descriptors sent after the payload.
    pub fd_count: u32,
}

impl ReplyHeader {
    /// Encodes the 24 bytes.
    pub fn encode(&self) -> [u8; REPLY_HEADER_LEN] {
        let mut out = [0u8; REPLY_HEADER_LEN];
        for (i, v) in [
            self.cmd,
            self.ret_code,
            self.pid,
            self.cmd_header_size,
            self.data_size,
            self.fd_count,
        ]
        .iter()
        .enumerate()
        {
            out[i * 4..i * 4 + 4].copy_from_slice(&v.to_ne_bytes());
        }
        out
    }

    /// Decodes the 24 bytes.
    pub fn decode(bytes: &[u8; REPLY_HEADER_LEN]) -> ReplyHeader {
        let f = |i: usize| {
            let mut b = [0u8; 4];
            b.copy_from_slice(&bytes[i * 4..i * 4 + 4]);
            u32::from_ne_bytes(b)
        };
        ReplyHeader {
            cmd: f(0),
            ret_code: f(1),
            pid: f(2),
            cmd_header_size: f(3),
            data_size: f(4),
            fd_count: f(5),
        }
    }
}

/// A reply as the library reads it: the header, then its command header and payload.
#[derive(Debug, Clone, Default)]
pub struct Reply {
    /// The 24-byte header.
    pub header: ReplyHeader,
    /// The command header that follows it.
    pub cmd_header: Vec<u8>,
    /// The payload.
    pub data: Vec<u8>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_layout() {
        let req = Request::new(Command::ListSessions).with_session("abc");
        let h = req.encode_header();
        assert_eq!(h.len(), REQUEST_HEADER_LEN);
        assert_eq!(&h[0..4], &13u32.to_ne_bytes());
        assert_eq!(&h[4..8], b"abc\0");
        let back = Request::decode_header(&h).unwrap();
        assert_eq!(back, req);
    }

    #[test]
    fn reply_round_trip() {
        let r = ReplyHeader {
            cmd: 9,
            ret_code: 10,
            pid: u32::MAX,
            cmd_header_size: 4,
            data_size: 0,
            fd_count: 0,
        };
        assert_eq!(ReplyHeader::decode(&r.encode()), r);
    }
}
