//! The consumer <-> `lttng-relayd` streaming protocol, version 2.11 layouts (what the real
//! 2.13 producers send). Everything is big-endian. No I/O here.
//!
//! Control connection: a 24-byte header (`circuit_id`, `data_size`, `cmd`, `cmd_version`)
//! then `data_size` payload bytes; most commands get a reply whose shape depends on the
//! command. Data connection: a 32-byte header per packet, then the packet; never a reply.

use crate::proto::DecodeError;

/// Size of the control header.
pub const CONTROL_HEADER_LEN: usize = 24;
/// Size of the data header.
pub const DATA_HEADER_LEN: usize = 32;
/// Protocol major version.
pub const MAJOR: u32 = 2;
/// Protocol minor version we speak (the relayd creates `<host>/<session>-<date>/` from 11).
pub const MINOR: u32 = 11;
/// Largest control payload a relayd accepts.
pub const MAX_CONTROL_PAYLOAD: u64 = 128 * 1024 * 1024;
/// `LTTNG_OK` as the relayd sends it.
pub const RET_OK: u32 = 10;
/// "No packet sent" in CLOSE_STREAM and DATA_PENDING.
pub const NO_SEQ: u64 = u64::MAX;

/// Relay daemon command numbers.
#[allow(missing_docs)]
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelayCommand {
    AddStream = 1,
    CreateSession = 2,
    StartData = 3,
    Version = 5,
    SendMetadata = 6,
    CloseStream = 7,
    DataPending = 8,
    QuiescentControl = 9,
    BeginDataPending = 10,
    EndDataPending = 11,
    SendIndex = 13,
    StreamsSent = 16,
    CreateTraceChunk = 19,
    CloseTraceChunk = 20,
    TraceChunkExists = 21,
    GetConfiguration = 22,
}

impl RelayCommand {
    /// The command with this number, among those this codec knows.
    pub fn from_u32(v: u32) -> Option<RelayCommand> {
        use RelayCommand::*;
        [
            AddStream,
            CreateSession,
            StartData,
            Version,
            SendMetadata,
            CloseStream,
            DataPending,
            QuiescentControl,
            BeginDataPending,
            EndDataPending,
            SendIndex,
            StreamsSent,
            CreateTraceChunk,
            CloseTraceChunk,
            TraceChunkExists,
            GetConfiguration,
        ]
        .into_iter()
        .find(|c| *c as u32 == v)
    }
}

/// Big-endian byte writer.
#[derive(Debug, Default)]
struct Be(Vec<u8>);

impl Be {
    fn u8(&mut self, v: u8) -> &mut Self {
        self.0.push(v);
        self
    }
    fn u32(&mut self, v: u32) -> &mut Self {
        self.0.extend_from_slice(&v.to_be_bytes());
        self
    }
    fn u64(&mut self, v: u64) -> &mut Self {
        self.0.extend_from_slice(&v.to_be_bytes());
        self
    }
    fn bytes(&mut self, b: &[u8]) -> &mut Self {
        self.0.extend_from_slice(b);
        self
    }
    fn cstr(&mut self, s: &str) -> &mut Self {
        self.0.extend_from_slice(s.as_bytes());
        self.0.push(0);
        self
    }
}

/// Big-endian byte reader.
struct BeReader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> BeReader<'a> {
    fn new(buf: &'a [u8]) -> Self {
        BeReader { buf, pos: 0 }
    }
    fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        let end = self.pos.checked_add(n).ok_or(DecodeError::Length)?;
        let out = self.buf.get(self.pos..end).ok_or(DecodeError::Truncated)?;
        self.pos = end;
        Ok(out)
    }
    fn u8(&mut self) -> Result<u8, DecodeError> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, DecodeError> {
        let mut b = [0u8; 4];
        b.copy_from_slice(self.take(4)?);
        Ok(u32::from_be_bytes(b))
    }
    fn u64(&mut self) -> Result<u64, DecodeError> {
        let mut b = [0u8; 8];
        b.copy_from_slice(self.take(8)?);
        Ok(u64::from_be_bytes(b))
    }
    fn rest(&mut self) -> &'a [u8] {
        let out = &self.buf[self.pos..];
        self.pos = self.buf.len();
        out
    }
}

/// A whole control message: header and payload.
pub fn control_message(cmd: RelayCommand, payload: &[u8]) -> Vec<u8> {
    let mut w = Be(Vec::with_capacity(CONTROL_HEADER_LEN + payload.len()));
    w.u64(0)
        .u64(payload.len() as u64)
        .u32(cmd as u32)
        .u32(0)
        .bytes(payload);
    w.0
}

/// A decoded control header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ControlHeader {
    /// Ignored by the relayd.
    pub circuit_id: u64,
    /// Payload bytes that follow.
    pub data_size: u64,
    /// Command number.
    pub cmd: u32,
    /// Ignored by the relayd.
    pub cmd_version: u32,
}

impl ControlHeader {
    /// Decodes 24 bytes.
    pub fn decode(b: &[u8]) -> Result<ControlHeader, DecodeError> {
        let mut r = BeReader::new(b);
        Ok(ControlHeader {
            circuit_id: r.u64()?,
            data_size: r.u64()?,
            cmd: r.u32()?,
            cmd_version: r.u32()?,
        })
    }
}

/// VERSION payload.
pub fn version(major: u32, minor: u32) -> Vec<u8> {
    control_message(
        RelayCommand::Version,
        &Be::default().u32(major).u32(minor).0,
    )
}

/// Decodes a VERSION reply: (major, minor).
pub fn decode_version_reply(b: &[u8]) -> Result<(u32, u32), DecodeError> {
    let mut r = BeReader::new(b);
    Ok((r.u32()?, r.u32()?))
}

/// CREATE_SESSION at 2.11.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateSession {
    /// Session name (non-empty, no `/`, not starting with `.`).
    pub session_name: String,
    /// Host name of the producer (the relayd's output directory level).
    pub hostname: String,
    /// Base path (empty: `<session>-<date>`).
    pub base_path: String,
    /// Live timer (µs), 0 for a normal session.
    pub live_timer: u32,
    /// Snapshot session.
    pub snapshot: bool,
    /// Random, non-nil per producer run.
    pub sessiond_uuid: [u8; 16],
    /// Producer-side session id.
    pub session_id: u64,
    /// Creation time, Unix seconds.
    pub creation_time: u64,
}

impl CreateSession {
    /// The whole control message.
    pub fn encode(&self) -> Vec<u8> {
        let mut w = Be::default();
        w.u32(self.session_name.len() as u32 + 1)
            .u32(self.hostname.len() as u32 + 1)
            .u32(self.base_path.len() as u32 + 1)
            .u32(self.live_timer)
            .u8(u8::from(self.snapshot))
            .u8(0)
            .bytes(&self.sessiond_uuid)
            .u64(self.session_id)
            .u64(self.creation_time)
            .u8(0)
            .u64(0)
            .cstr(&self.session_name)
            .cstr(&self.hostname)
            .cstr(&self.base_path);
        control_message(RelayCommand::CreateSession, &w.0)
    }
}

/// CREATE_SESSION reply: relay session id, code, output path (relative to the relayd output).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateSessionReply {
    /// Relay session id.
    pub session_id: u64,
    /// Status code (10 = OK).
    pub ret_code: u32,
    /// Session directory, relative to the relayd output directory.
    pub path: String,
}

/// Decodes the fixed 16 bytes of a CREATE_SESSION reply; returns it and the path length.
pub fn decode_create_session_reply_head(
    b: &[u8],
) -> Result<(CreateSessionReply, usize), DecodeError> {
    let mut r = BeReader::new(b);
    let session_id = r.u64()?;
    let ret_code = r.u32()?;
    let path_len = r.u32()? as usize;
    if path_len > 4096 {
        return Err(DecodeError::Length);
    }
    Ok((
        CreateSessionReply {
            session_id,
            ret_code,
            path: String::new(),
        },
        path_len,
    ))
}

/// Decodes the path of a CREATE_SESSION reply.
pub fn decode_path(b: &[u8]) -> String {
    let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
    String::from_utf8_lossy(&b[..end]).into_owned()
}

/// CREATE_TRACE_CHUNK (no override name).
pub fn create_trace_chunk(chunk_id: u64, creation_time: u64) -> Vec<u8> {
    control_message(
        RelayCommand::CreateTraceChunk,
        &Be::default().u64(chunk_id).u64(creation_time).u32(0).0,
    )
}

/// ADD_STREAM at 2.11.
pub fn add_stream(channel: &str, pathname: &str, chunk_id: u64) -> Vec<u8> {
    let mut w = Be::default();
    w.u32(channel.len() as u32 + 1)
        .u32(pathname.len() as u32 + 1)
        .u64(0)
        .u64(0)
        .u64(chunk_id)
        .cstr(channel)
        .cstr(pathname);
    control_message(RelayCommand::AddStream, &w.0)
}

/// Decodes an ADD_STREAM reply: (handle, code).
pub fn decode_handle_reply(b: &[u8]) -> Result<(u64, u32), DecodeError> {
    let mut r = BeReader::new(b);
    Ok((r.u64()?, r.u32()?))
}

/// Decodes a 4-byte reply (a code, or a boolean for the data-pending commands).
pub fn decode_u32_reply(b: &[u8]) -> Result<u32, DecodeError> {
    BeReader::new(b).u32()
}

/// STREAMS_SENT.
pub fn streams_sent() -> Vec<u8> {
    control_message(RelayCommand::StreamsSent, &[])
}

/// SEND_METADATA: text TSDL is sent with padding 0. No reply.
pub fn send_metadata(handle: u64, bytes: &[u8]) -> Vec<u8> {
    let mut w = Be::default();
    w.u64(handle).u32(0).bytes(bytes);
    control_message(RelayCommand::SendMetadata, &w.0)
}

/// One packet's index, as SEND_INDEX carries it (80 bytes at minor >= 8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PacketIndex {
    /// Packet size in bits.
    pub packet_size: u64,
    /// Content size in bits.
    pub content_size: u64,
    /// First timestamp.
    pub timestamp_begin: u64,
    /// Last timestamp.
    pub timestamp_end: u64,
    /// Running total of discarded events.
    pub events_discarded: u64,
    /// CTF stream class id.
    pub stream_id: u64,
    /// Stream instance (CPU).
    pub stream_instance_id: u64,
    /// Packet sequence number.
    pub packet_seq_num: u64,
}

impl PacketIndex {
    /// The fields in the order every encoding of an index uses (SEND_INDEX, the CTF index
    /// file after the offset, the consumer link).
    pub fn fields(&self) -> [u64; 8] {
        [
            self.packet_size,
            self.content_size,
            self.timestamp_begin,
            self.timestamp_end,
            self.events_discarded,
            self.stream_id,
            self.stream_instance_id,
            self.packet_seq_num,
        ]
    }

    /// The inverse of `fields`.
    pub fn from_fields(f: [u64; 8]) -> PacketIndex {
        let [
            packet_size,
            content_size,
            timestamp_begin,
            timestamp_end,
            events_discarded,
            stream_id,
            stream_instance_id,
            packet_seq_num,
        ] = f;
        PacketIndex {
            packet_size,
            content_size,
            timestamp_begin,
            timestamp_end,
            events_discarded,
            stream_id,
            stream_instance_id,
            packet_seq_num,
        }
    }
}

/// SEND_INDEX.
pub fn send_index(handle: u64, net_seq_num: u64, i: &PacketIndex) -> Vec<u8> {
    let mut w = Be::default();
    w.u64(handle).u64(net_seq_num);
    for v in i.fields() {
        w.u64(v);
    }
    control_message(RelayCommand::SendIndex, &w.0)
}

/// A command whose payload is one u64 (BEGIN/END_DATA_PENDING, QUIESCENT_CONTROL).
pub fn with_u64(cmd: RelayCommand, v: u64) -> Vec<u8> {
    control_message(cmd, &Be::default().u64(v).0)
}

/// A command whose payload is (handle, last_net_seq_num) (DATA_PENDING, CLOSE_STREAM).
pub fn with_handle_seq(cmd: RelayCommand, handle: u64, last: u64) -> Vec<u8> {
    control_message(cmd, &Be::default().u64(handle).u64(last).0)
}

/// The data header of one packet.
pub fn data_header(
    handle: u64,
    net_seq_num: u64,
    data_size: u32,
    padding_size: u32,
) -> [u8; DATA_HEADER_LEN] {
    let mut w = Be::default();
    w.u64(0)
        .u64(handle)
        .u64(net_seq_num)
        .u32(data_size)
        .u32(padding_size);
    let mut out = [0u8; DATA_HEADER_LEN];
    out.copy_from_slice(&w.0);
    out
}

/// A decoded data header: (handle, net_seq_num, data_size, padding_size).
pub fn decode_data_header(b: &[u8]) -> Result<(u64, u64, u32, u32), DecodeError> {
    let mut r = BeReader::new(b);
    let _circuit = r.u64()?;
    Ok((r.u64()?, r.u64()?, r.u32()?, r.u32()?))
}

/// Decodes a control request (header + payload) as a relayd would, for tests and fuzzing:
/// returns the command and its payload.
pub fn decode_control(b: &[u8]) -> Result<(u32, &[u8]), DecodeError> {
    let header = ControlHeader::decode(b.get(..CONTROL_HEADER_LEN).ok_or(DecodeError::Truncated)?)?;
    if header.data_size > MAX_CONTROL_PAYLOAD {
        return Err(DecodeError::Length);
    }
    let mut r = BeReader::new(&b[CONTROL_HEADER_LEN..]);
    let payload = r.take(header.data_size as usize)?;
    let _ = r.rest();
    Ok((header.cmd, payload))
}

/// Decodes a 2.11 CREATE_SESSION payload (the relayd side), for tests and fuzzing.
pub fn decode_create_session(p: &[u8]) -> Result<CreateSession, DecodeError> {
    let mut r = BeReader::new(p);
    let name_len = r.u32()? as usize;
    let host_len = r.u32()? as usize;
    let base_len = r.u32()? as usize;
    let live_timer = r.u32()?;
    let snapshot = r.u8()? != 0;
    let _contains_time = r.u8()?;
    let mut sessiond_uuid = [0u8; 16];
    sessiond_uuid.copy_from_slice(r.take(16)?);
    let session_id = r.u64()?;
    let creation_time = r.u64()?;
    let _chunk_set = r.u8()?;
    let _chunk = r.u64()?;
    let text = |r: &mut BeReader<'_>, n: usize| -> Result<String, DecodeError> {
        let raw = r.take(n)?;
        match raw.split_last() {
            Some((0, s)) => Ok(String::from_utf8_lossy(s).into_owned()),
            _ => Err(DecodeError::Unterminated),
        }
    };
    Ok(CreateSession {
        session_name: text(&mut r, name_len)?,
        hostname: text(&mut r, host_len)?,
        base_path: text(&mut r, base_len)?,
        live_timer,
        snapshot,
        sessiond_uuid,
        session_id,
        creation_time,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_bytes_match_the_capture() {
        let m = version(2, 13);
        assert_eq!(
            m,
            [
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 2,
                0, 0, 0, 13
            ]
        );
    }

    #[test]
    fn create_session_is_59_bytes_plus_names() {
        let cs = CreateSession {
            session_name: "net1".into(),
            hostname: "vm".into(),
            base_path: String::new(),
            live_timer: 0,
            snapshot: false,
            sessiond_uuid: [7; 16],
            session_id: 0,
            creation_time: 1_764_144_705,
        };
        let m = cs.encode();
        let (cmd, payload) = decode_control(&m).unwrap();
        assert_eq!(cmd, 2);
        assert_eq!(payload.len(), 68);
        assert_eq!(decode_create_session(payload).unwrap(), cs);
    }

    #[test]
    fn data_header_round_trip() {
        let h = data_header(3, 7, 1668, 2428);
        assert_eq!(decode_data_header(&h).unwrap(), (3, 7, 1668, 2428));
    }
}
