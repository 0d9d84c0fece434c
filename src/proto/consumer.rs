//! The reference session daemon <-> reference consumer daemon messages (our own protocol,
//! over a Unix socket pair). Frames are `u32 kind, u32 length, payload`, host order.
//! The relay daemon's control and data sockets travel as SCM_RIGHTS right after `Setup`.

use crate::proto::DecodeError;
use crate::proto::relayd::PacketIndex;
use crate::proto::wire::{Reader, Writer};

/// Size of a frame header.
pub const FRAME_HEADER_LEN: usize = 8;
/// Largest frame payload accepted (a packet is at most one sub-buffer).
pub const MAX_FRAME: usize = 64 * 1024 * 1024;
/// Size of a `Packet` frame before its content: frame header, stream, padding, and the
/// eight index fields.
pub const PACKET_HEAD_LEN: usize = FRAME_HEADER_LEN + 4 + 4 + 8 * 8;

/// Where the consumer writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// A local directory (the session's output directory).
    Local {
        /// Absolute path.
        dir: String,
    },
    /// A relay daemon whose session the session daemon already created; the control and
    /// data sockets follow the `Setup` frame.
    Relay {
        /// Relay session id.
        session_id: u64,
        /// Session directory, relative to the relayd output, as the relayd reported it.
        path: String,
        /// Session creation time (Unix seconds), for the trace chunk.
        creation_time: u64,
    },
}

/// One channel's stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamSpec {
    /// Channel index in the session.
    pub id: u32,
    /// Channel name (the stream file is `<name>_0`).
    pub name: String,
    /// Sub-buffer (packet) size.
    pub subbuf_size: u64,
}

/// A message between the two daemons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// Session daemon -> consumer: what to write and where.
    Setup {
        /// Output.
        output: Output,
        /// Host name (the relay's directory level; the metadata's env.hostname).
        hostname: String,
        /// Session name.
        session_name: String,
        /// Trace path relative to the session directory (`ust/uid/<uid>/64-bit`).
        trace_path: String,
        /// TSDL metadata of the trace.
        metadata: String,
        /// The streams.
        streams: Vec<StreamSpec>,
    },
    /// Session daemon -> consumer: one finished packet of stream `stream`.
    Packet {
        /// Stream id (as in `StreamSpec::id`).
        stream: u32,
        /// Packet content.
        content: Vec<u8>,
        /// Zero bytes completing the packet.
        padding: u32,
        /// Index fields.
        index: PacketIndex,
    },
    /// Session daemon -> consumer: answer `Drained` once everything sent so far is durable.
    Drain {
        /// Echoed token.
        token: u64,
    },
    /// Consumer -> session daemon: everything before the `Drain` is written.
    Drained {
        /// Echoed token.
        token: u64,
    },
    /// Session daemon -> consumer: close the streams and exit.
    Close,
    /// Consumer -> session daemon: streams closed.
    Closed,
    /// Consumer -> session daemon: ready (setup done, streams announced).
    Ready,
    /// Consumer -> session daemon: a failure (the consumer exits after it).
    Failed {
        /// The `enum lttng_error_code` the session daemon answers for it.
        code: u32,
        /// What went wrong.
        reason: String,
    },
}

/// A `Packet` frame's payload, borrowed from the buffer it was received in (the consumer's
/// hot path: no copy of the content).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PacketView<'a> {
    /// Stream id (as in `StreamSpec::id`).
    pub stream: u32,
    /// Packet content.
    pub content: &'a [u8],
    /// Zero bytes completing the packet.
    pub padding: u32,
    /// Index fields.
    pub index: PacketIndex,
}

impl PacketView<'_> {
    /// The frame up to the content: send it, then `content`, to make the whole frame.
    pub fn encode_head(&self) -> [u8; PACKET_HEAD_LEN] {
        let mut out = [0u8; PACKET_HEAD_LEN];
        let len = (PACKET_HEAD_LEN - FRAME_HEADER_LEN + self.content.len()) as u32;
        let fields = [PACKET, len, self.stream, self.padding];
        let wide = self.index.fields();
        let (narrow_out, wide_out) = out.split_at_mut(16);
        for (dst, v) in narrow_out.chunks_exact_mut(4).zip(fields) {
            dst.copy_from_slice(&v.to_ne_bytes());
        }
        for (dst, v) in wide_out.chunks_exact_mut(8).zip(wide) {
            dst.copy_from_slice(&v.to_ne_bytes());
        }
        out
    }

    /// Decodes a `Packet` frame's payload (what follows the frame header).
    pub fn decode(body: &[u8]) -> Result<PacketView<'_>, DecodeError> {
        let mut r = Reader::new(body);
        let stream = r.u32()?;
        let padding = r.u32()?;
        let mut fields = [0u64; 8];
        for f in &mut fields {
            *f = r.u64()?;
        }
        let index = PacketIndex::from_fields(fields);
        Ok(PacketView {
            stream,
            content: r.take(r.remaining())?,
            padding,
            index,
        })
    }
}

/// The kind of a `Packet` frame (see `Message::decode_header`).
pub const PACKET_KIND: u32 = PACKET;

const SETUP: u32 = 1;
const PACKET: u32 = 2;
const DRAIN: u32 = 3;
const DRAINED: u32 = 4;
const CLOSE: u32 = 5;
const CLOSED: u32 = 6;
const READY: u32 = 7;
const FAILED: u32 = 8;

fn put_str(w: &mut Writer, s: &str) {
    w.u32(s.len() as u32);
    w.bytes(s.as_bytes());
}

fn get_str(r: &mut Reader<'_>) -> Result<String, DecodeError> {
    let n = r.u32()? as usize;
    Ok(String::from_utf8_lossy(r.take(n)?).into_owned())
}

impl Message {
    /// The whole frame.
    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer::default();
        // Room for the frame header, filled in once the payload's length is known.
        w.zeros(FRAME_HEADER_LEN);
        let kind = match self {
            Message::Setup {
                output,
                hostname,
                session_name,
                trace_path,
                metadata,
                streams,
            } => {
                match output {
                    Output::Local { dir } => {
                        w.u8(0);
                        put_str(&mut w, dir);
                    }
                    Output::Relay {
                        session_id,
                        path,
                        creation_time,
                    } => {
                        w.u8(1);
                        w.u64(*session_id);
                        put_str(&mut w, path);
                        w.u64(*creation_time);
                    }
                }
                put_str(&mut w, hostname);
                put_str(&mut w, session_name);
                put_str(&mut w, trace_path);
                put_str(&mut w, metadata);
                w.u32(streams.len() as u32);
                for s in streams {
                    w.u32(s.id);
                    put_str(&mut w, &s.name);
                    w.u64(s.subbuf_size);
                }
                SETUP
            }
            Message::Packet {
                stream,
                content,
                padding,
                index,
            } => {
                let view = PacketView {
                    stream: *stream,
                    content,
                    padding: *padding,
                    index: *index,
                };
                let mut out = Vec::with_capacity(PACKET_HEAD_LEN + content.len());
                out.extend_from_slice(&view.encode_head());
                out.extend_from_slice(content);
                return out;
            }
            Message::Drain { token } => {
                w.u64(*token);
                DRAIN
            }
            Message::Drained { token } => {
                w.u64(*token);
                DRAINED
            }
            Message::Close => CLOSE,
            Message::Closed => CLOSED,
            Message::Ready => READY,
            Message::Failed { code, reason } => {
                w.u32(*code);
                put_str(&mut w, reason);
                FAILED
            }
        };
        let mut out = w.into_inner();
        let len = (out.len() - FRAME_HEADER_LEN) as u32;
        out[..4].copy_from_slice(&kind.to_ne_bytes());
        out[4..FRAME_HEADER_LEN].copy_from_slice(&len.to_ne_bytes());
        out
    }

    /// Decodes a frame header: (kind, payload length).
    pub fn decode_header(b: &[u8; FRAME_HEADER_LEN]) -> Result<(u32, usize), DecodeError> {
        let kind = u32::from_ne_bytes([b[0], b[1], b[2], b[3]]);
        let len = u32::from_ne_bytes([b[4], b[5], b[6], b[7]]) as usize;
        if len > MAX_FRAME {
            return Err(DecodeError::Length);
        }
        Ok((kind, len))
    }

    /// Decodes a frame's payload.
    pub fn decode(kind: u32, body: &[u8]) -> Result<Message, DecodeError> {
        let mut r = Reader::new(body);
        let msg = match kind {
            SETUP => {
                let output = match r.u8()? {
                    0 => Output::Local {
                        dir: get_str(&mut r)?,
                    },
                    1 => Output::Relay {
                        session_id: r.u64()?,
                        path: get_str(&mut r)?,
                        creation_time: r.u64()?,
                    },
                    _ => return Err(DecodeError::Range),
                };
                let hostname = get_str(&mut r)?;
                let session_name = get_str(&mut r)?;
                let trace_path = get_str(&mut r)?;
                let metadata = get_str(&mut r)?;
                let n = r.u32()? as usize;
                if n > r.remaining() / 16 {
                    return Err(DecodeError::Length);
                }
                let mut streams = Vec::with_capacity(n);
                for _ in 0..n {
                    streams.push(StreamSpec {
                        id: r.u32()?,
                        name: get_str(&mut r)?,
                        subbuf_size: r.u64()?,
                    });
                }
                Message::Setup {
                    output,
                    hostname,
                    session_name,
                    trace_path,
                    metadata,
                    streams,
                }
            }
            PACKET => {
                let p = PacketView::decode(r.take(r.remaining())?)?;
                Message::Packet {
                    stream: p.stream,
                    content: p.content.to_vec(),
                    padding: p.padding,
                    index: p.index,
                }
            }
            DRAIN => Message::Drain { token: r.u64()? },
            DRAINED => Message::Drained { token: r.u64()? },
            CLOSE => Message::Close,
            CLOSED => Message::Closed,
            READY => Message::Ready,
            FAILED => Message::Failed {
                code: r.u32()?,
                reason: get_str(&mut r)?,
            },
            _ => return Err(DecodeError::Range),
        };
        if r.remaining() != 0 {
            return Err(DecodeError::Length);
        }
        Ok(msg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let msgs = [
            Message::Setup {
                output: Output::Relay {
                    session_id: 4,
                    path: "h/s-1".into(),
                    creation_time: 9,
                },
                hostname: "h".into(),
                session_name: "s".into(),
                trace_path: "ust/uid/0/64-bit".into(),
                metadata: "/* CTF 1.8 */".into(),
                streams: vec![StreamSpec {
                    id: 0,
                    name: "channel0".into(),
                    subbuf_size: 4096,
                }],
            },
            Message::Packet {
                stream: 0,
                content: vec![1, 2, 3],
                padding: 5,
                index: PacketIndex {
                    packet_size: 64,
                    ..Default::default()
                },
            },
            Message::Drain { token: 3 },
            Message::Failed {
                code: 104,
                reason: "x".into(),
            },
            Message::Close,
        ];
        for m in msgs {
            let frame = m.encode();
            let (kind, len) =
                Message::decode_header(frame[..FRAME_HEADER_LEN].try_into().unwrap()).unwrap();
            assert_eq!(len, frame.len() - FRAME_HEADER_LEN);
            assert_eq!(
                Message::decode(kind, &frame[FRAME_HEADER_LEN..]).unwrap(),
                m
            );
        }
    }
}
