//! A small CTF 1.8 writer for the reference tracer: the TSDL metadata of a trace whose only
//! event class is `ref:tick { u64 seq; string msg; }`, packets (header, context, events),
//! and LTTng index files. Little-endian, every field byte-aligned; no I/O.

#![forbid(unsafe_code)]

use crate::proto::relayd::PacketIndex;

/// CTF packet magic.
pub const PACKET_MAGIC: u32 = 0xC1FC_1FC1;
/// Bytes of packet header + packet context.
pub const PACKET_PREAMBLE_LEN: usize = 84;
/// LTTng index file magic.
pub const INDEX_MAGIC: u32 = 0xC1F1_DCC1;
/// Index entry size (index format 1.1).
pub const INDEX_ENTRY_LEN: usize = 72;
/// Event class id of `ref:tick`.
pub const TICK_EVENT_ID: u32 = 0;
/// Name of the reference tracer's event.
pub const TICK_EVENT_NAME: &str = "ref:tick";

/// What the metadata of one trace says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceInfo {
    /// Trace UUID: fresh for every trace (babeltrace2 merges traces that share one).
    pub uuid: [u8; 16],
    /// Host name, as the relay daemon names the output directory.
    pub hostname: String,
    /// Session name.
    pub session_name: String,
    /// Wall-clock time of clock value 0, in ns since the epoch.
    pub clock_offset_ns: u64,
}

/// Formats a UUID the canonical way.
pub fn uuid_string(u: &[u8; 16]) -> String {
    let h: Vec<String> = u.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        h[0..4].concat(),
        h[4..6].concat(),
        h[6..8].concat(),
        h[8..10].concat(),
        h[10..16].concat()
    )
}

fn tsdl_escape(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control())
        .flat_map(|c| match c {
            '"' | '\\' => vec!['\\', c],
            _ => vec![c],
        })
        .collect()
}

impl TraceInfo {
    /// The trace's TSDL metadata (plain text; send with padding 0).
    pub fn metadata(&self) -> String {
        let uuid = uuid_string(&self.uuid);
        let secs = self.clock_offset_ns / 1_000_000_000;
        let ns = self.clock_offset_ns % 1_000_000_000;
        format!(
            r#"/* CTF 1.8 */

typealias integer {{ size = 8; align = 8; signed = false; }} := uint8_t;
typealias integer {{ size = 32; align = 8; signed = false; }} := uint32_t;
typealias integer {{ size = 64; align = 8; signed = false; }} := uint64_t;

trace {{
	major = 1;
	minor = 8;
	uuid = "{uuid}";
	byte_order = le;
	packet.header := struct {{
		uint32_t magic;
		uint8_t uuid[16];
		uint32_t stream_id;
		uint64_t stream_instance_id;
	}};
}};

env {{
	hostname = "{host}";
	domain = "ust";
	tracer_name = "lttng-ref";
	tracer_major = 2;
	tracer_minor = 13;
	trace_name = "{session}";
}};

clock {{
	name = "monotonic";
	uuid = "{uuid}";
	description = "Monotonic Clock";
	freq = 1000000000;
	precision = 1;
	offset_s = {secs};
	offset = {ns};
	absolute = FALSE;
}};

typealias integer {{
	size = 64; align = 8; signed = false;
	map = clock.monotonic.value;
}} := uint64_clock_monotonic_t;

stream {{
	id = 0;
	packet.context := struct {{
		uint64_clock_monotonic_t timestamp_begin;
		uint64_clock_monotonic_t timestamp_end;
		uint64_t content_size;
		uint64_t packet_size;
		uint64_t packet_seq_num;
		uint64_t events_discarded;
		uint32_t cpu_id;
	}};
	event.header := struct {{
		uint32_t id;
		uint64_clock_monotonic_t timestamp;
	}};
}};

event {{
	name = "{event}";
	id = {id};
	stream_id = 0;
	loglevel = 13;
	fields := struct {{
		uint64_t seq;
		string msg;
	}};
}};
"#,
            host = tsdl_escape(&self.hostname),
            session = tsdl_escape(&self.session_name),
            event = TICK_EVENT_NAME,
            id = TICK_EVENT_ID,
        )
    }
}

/// Size of one `ref:tick` event record with message `msg`.
pub fn tick_event_len(msg: &str) -> usize {
    4 + 8 + 8 + msg.len() + 1
}

/// Builds one packet (one sub-buffer) of `capacity` bytes.
#[derive(Debug, Clone)]
pub struct PacketBuilder {
    uuid: [u8; 16],
    capacity: usize,
    cpu: u32,
    events: Vec<u8>,
    count: u64,
    timestamp_begin: Option<u64>,
    timestamp_end: u64,
}

/// A finished packet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packet {
    /// The packet's content (header, context, events); `index.packet_size / 8` bytes in
    /// all once `padding` zero bytes are appended.
    pub content: Vec<u8>,
    /// Zero bytes that complete the packet.
    pub padding: u32,
    /// Number of events in it.
    pub events: u64,
    /// Its index entry fields.
    pub index: PacketIndex,
}

/// Offset of the trace UUID in a packet's header.
const UUID_OFFSET: usize = 4;
/// Offset of `packet_seq_num` in a packet's context.
const PACKET_SEQ_OFFSET: usize = 64;
/// Offset of `events_discarded` in a packet's context.
const DISCARDED_OFFSET: usize = 72;

impl Packet {
    /// Makes the packet part of the trace `uuid`, as its stream's packet number `seq`, with
    /// `discarded` events discarded in that trace's stream so far: a packet recorded for one
    /// trace is sent in another when the session's output changes.
    pub fn restamp(&mut self, uuid: [u8; 16], seq: u64, discarded: u64) {
        self.content[UUID_OFFSET..UUID_OFFSET + 16].copy_from_slice(&uuid);
        self.content[PACKET_SEQ_OFFSET..PACKET_SEQ_OFFSET + 8].copy_from_slice(&seq.to_le_bytes());
        self.content[DISCARDED_OFFSET..DISCARDED_OFFSET + 8]
            .copy_from_slice(&discarded.to_le_bytes());
        self.index.packet_seq_num = seq;
        self.index.events_discarded = discarded;
    }

    /// The packet as stream `stream`'s frame to the consumer, borrowing the content.
    pub fn view(&self, stream: u32) -> crate::proto::consumer::PacketView<'_> {
        crate::proto::consumer::PacketView {
            stream,
            content: &self.content,
            padding: self.padding,
            index: self.index,
        }
    }
}

impl PacketBuilder {
    /// An empty packet of `capacity` bytes (a sub-buffer size, at least 4096).
    pub fn new(uuid: [u8; 16], capacity: usize, cpu: u32) -> PacketBuilder {
        PacketBuilder {
            uuid,
            capacity: capacity.max(PACKET_PREAMBLE_LEN + 64),
            cpu,
            events: Vec::new(),
            count: 0,
            timestamp_begin: None,
            timestamp_end: 0,
        }
    }

    /// True when no event was written.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Appends a `ref:tick` event if it fits; false when the packet is full.
    pub fn push_tick(&mut self, timestamp: u64, seq: u64, msg: &str) -> bool {
        if PACKET_PREAMBLE_LEN + self.events.len() + tick_event_len(msg) > self.capacity {
            return false;
        }
        self.events.extend_from_slice(&TICK_EVENT_ID.to_le_bytes());
        self.events.extend_from_slice(&timestamp.to_le_bytes());
        self.events.extend_from_slice(&seq.to_le_bytes());
        self.events.extend_from_slice(msg.as_bytes());
        self.events.push(0);
        self.count += 1;
        self.timestamp_begin.get_or_insert(timestamp);
        self.timestamp_end = timestamp;
        true
    }

    /// Closes the packet: `packet_seq_num` and the stream's running discarded total go into
    /// its context; `now` ends an empty packet's time range.
    pub fn finish(self, packet_seq_num: u64, events_discarded: u64, now: u64) -> Packet {
        let begin = self.timestamp_begin.unwrap_or(now);
        let end = if self.count == 0 {
            now
        } else {
            self.timestamp_end
        };
        let content_len = PACKET_PREAMBLE_LEN + self.events.len();
        let index = PacketIndex {
            packet_size: self.capacity as u64 * 8,
            content_size: content_len as u64 * 8,
            timestamp_begin: begin,
            timestamp_end: end,
            events_discarded,
            stream_id: 0,
            stream_instance_id: u64::from(self.cpu),
            packet_seq_num,
        };
        let mut content = Vec::with_capacity(content_len);
        content.extend_from_slice(&PACKET_MAGIC.to_le_bytes());
        content.extend_from_slice(&self.uuid);
        content.extend_from_slice(&0u32.to_le_bytes());
        content.extend_from_slice(&u64::from(self.cpu).to_le_bytes());
        for v in [
            index.timestamp_begin,
            index.timestamp_end,
            index.content_size,
            index.packet_size,
            packet_seq_num,
            events_discarded,
        ] {
            content.extend_from_slice(&v.to_le_bytes());
        }
        content.extend_from_slice(&self.cpu.to_le_bytes());
        content.extend_from_slice(&self.events);
        Packet {
            padding: (self.capacity - content_len) as u32,
            content,
            events: self.count,
            index,
        }
    }
}

/// The 16-byte header of an index file (format 1.1, big-endian).
pub fn index_file_header() -> Vec<u8> {
    let mut out = Vec::with_capacity(16);
    for v in [INDEX_MAGIC, 1, 1, INDEX_ENTRY_LEN as u32] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    out
}

/// One index entry (big-endian) for a packet written at `offset` in its stream file.
pub fn index_entry(offset: u64, i: &PacketIndex) -> Vec<u8> {
    let mut out = Vec::with_capacity(INDEX_ENTRY_LEN);
    for v in std::iter::once(offset).chain(i.fields()) {
        out.extend_from_slice(&v.to_be_bytes());
    }
    out
}

/// Parses what a packet's header and context say (for tests): (events bytes, index).
pub fn parse_packet(bytes: &[u8]) -> Option<(&[u8], PacketIndex)> {
    let u64_at = |o: usize| {
        bytes
            .get(o..o + 8)
            .map(|b| u64::from_le_bytes(b.try_into().unwrap_or([0; 8])))
    };
    if bytes.get(0..4)? != PACKET_MAGIC.to_le_bytes() {
        return None;
    }
    let index = PacketIndex {
        timestamp_begin: u64_at(32)?,
        timestamp_end: u64_at(40)?,
        content_size: u64_at(48)?,
        packet_size: u64_at(56)?,
        packet_seq_num: u64_at(64)?,
        events_discarded: u64_at(72)?,
        stream_id: 0,
        stream_instance_id: u64_at(24)?,
    };
    let content = (index.content_size / 8) as usize;
    Some((bytes.get(PACKET_PREAMBLE_LEN..content)?, index))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packet_fills_and_describes_itself() {
        let mut p = PacketBuilder::new([1; 16], 4096, 0);
        let mut n = 0u64;
        while p.push_tick(100 + n, n, "tick") {
            n += 1;
        }
        assert_eq!(
            n,
            ((4096 - PACKET_PREAMBLE_LEN) / tick_event_len("tick")) as u64
        );
        let packet = p.finish(3, 7, 999);
        assert_eq!(packet.content.len() + packet.padding as usize, 4096);
        let (events, index) = parse_packet(&packet.content).unwrap();
        assert_eq!(events.len() as u64, n * tick_event_len("tick") as u64);
        assert_eq!(index, packet.index);
        assert_eq!((index.packet_seq_num, index.events_discarded), (3, 7));
        assert_eq!(
            (index.timestamp_begin, index.timestamp_end),
            (100, 100 + n - 1)
        );
        let mut moved = packet.clone();
        moved.restamp([2; 16], 0, 1);
        let (moved_events, moved_index) = parse_packet(&moved.content).unwrap();
        assert_eq!(moved_events, events);
        assert_eq!(moved_index, moved.index);
        assert_eq!(
            (moved_index.packet_seq_num, moved_index.events_discarded),
            (0, 1)
        );
        assert_eq!(&moved.content[4..20], &[2; 16]);
    }

    #[test]
    fn metadata_names_the_trace() {
        let t = TraceInfo {
            uuid: [0xab; 16],
            hostname: "h\"x".into(),
            session_name: "s".into(),
            clock_offset_ns: 1_500_000_000,
        };
        let m = t.metadata();
        assert!(m.contains("uuid = \"abababab-abab-abab-abab-abababababab\""));
        assert!(m.contains("hostname = \"h\\\"x\""));
        assert!(m.contains("offset_s = 1;"));
        assert!(m.contains("offset = 500000000;"));
    }
}
