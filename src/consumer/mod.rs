//! The reference consumer daemon: receives a session's packets from the reference session
//! daemon over a Unix socket and writes them as CTF, either in a local directory (data
//! files, metadata, index files) or to a real `lttng-relayd` over the streaming protocol.
//!
//! One consumer process per session output. For a network output, the session daemon has
//! already connected both relayd paths and created the relay session; it hands the two
//! sockets over with SCM_RIGHTS right after the `Setup` message.

#![forbid(unsafe_code)]

pub mod relay;

use std::fs::{self, File};
use std::io::{self, Seek, SeekFrom, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::ctf;
use crate::model::error::ErrorCode;
use crate::proto::consumer::{
    FRAME_HEADER_LEN, MAX_FRAME, Message, Output, PACKET_KIND, PacketView, StreamSpec,
};
use crate::proto::relayd::{NO_SEQ, PacketIndex};
use crate::transport::unix::Connection;

use relay::{Control, RelayError};

/// How long the consumer waits for the relay daemon to confirm data at a drain.
pub const DRAIN_TIMEOUT: Duration = Duration::from_secs(30);

/// Why the consumer stopped.
#[derive(Debug, thiserror::Error)]
pub enum ConsumerError {
    /// The link to the session daemon failed.
    #[error("session daemon link: {0}")]
    Link(io::Error),
    /// A message that does not parse, or comes out of order.
    #[error("protocol error: {0}")]
    Protocol(String),
    /// Creating the local trace directory failed.
    #[error("creating the trace directory: {0}")]
    CreateDir(io::Error),
    /// Creating a local trace file failed.
    #[error("creating a trace file: {0}")]
    CreateFile(io::Error),
    /// Writing locally failed.
    #[error("writing the trace: {0}")]
    Local(io::Error),
    /// Streaming to the relay daemon failed.
    #[error(transparent)]
    Relay(#[from] RelayError),
}

impl ConsumerError {
    /// The LTTng error code the session daemon answers for this failure: the real 2.13
    /// daemon's where it has one (a directory it cannot create: LTTNG_ERR_CREATE_DIR_FAIL;
    /// a relay daemon it cannot reach: LTTNG_ERR_RELAYD_CONNECT_FAIL), the nearest one
    /// otherwise (README, "Errors").
    pub fn code(&self) -> ErrorCode {
        match self {
            ConsumerError::Link(_) => ErrorCode::NoUstconsumerd,
            ConsumerError::Protocol(_) => ErrorCode::InvalidProtocol,
            ConsumerError::CreateDir(_) => ErrorCode::CreateDirFail,
            ConsumerError::CreateFile(_) => ErrorCode::FileCreationError,
            ConsumerError::Local(_) => ErrorCode::BufferFlushFailed,
            ConsumerError::Relay(e) => e.code(),
        }
    }
}

/// Reads one message from the session daemon; `None` at end of file.
pub fn read_message(link: &Connection) -> Result<Option<Message>, ConsumerError> {
    Ok(match LinkReader::default().next(link)? {
        None => None,
        Some(Frame::Message(m)) => Some(m),
        Some(Frame::Packet(p)) => Some(Message::Packet {
            stream: p.stream,
            content: p.content.to_vec(),
            padding: p.padding,
            index: p.index,
        }),
    })
}

/// Sends one message.
pub fn send_message(link: &Connection, m: &Message) -> io::Result<()> {
    link.send(&m.encode())
}

/// Sends one packet: the same frame as `Message::Packet`, gathered from the head and the
/// content in place (one `sendmsg`, no copy of the content into a frame).
pub fn send_packet(link: &Connection, p: &PacketView<'_>) -> io::Result<()> {
    crate::transport::vectored::send_all(link.stream(), &[&p.encode_head(), p.content])
}

/// One frame read by a `LinkReader`.
#[derive(Debug)]
pub enum Frame<'a> {
    /// A packet, borrowed from the reader's buffer.
    Packet(PacketView<'a>),
    /// Any other message.
    Message(Message),
}

/// Reads the session daemon's frames into one buffer reused from frame to frame, so that a
/// packet costs one copy out of the kernel and no allocation.
#[derive(Debug, Default)]
pub struct LinkReader {
    buf: Vec<u8>,
}

impl LinkReader {
    /// The next frame; `None` at end of file.
    pub fn next<'a>(&'a mut self, link: &Connection) -> Result<Option<Frame<'a>>, ConsumerError> {
        let mut header = [0u8; FRAME_HEADER_LEN];
        match link.recv_exact(&mut header) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
            Err(e) => return Err(ConsumerError::Link(e)),
        }
        let protocol = |e: crate::proto::DecodeError| ConsumerError::Protocol(e.to_string());
        let (kind, len) = Message::decode_header(&header).map_err(protocol)?;
        debug_assert!(len <= MAX_FRAME);
        if self.buf.len() < len {
            self.buf.resize(len, 0);
        }
        let body = &mut self.buf[..len];
        link.recv_exact(body).map_err(ConsumerError::Link)?;
        if kind == PACKET_KIND {
            PacketView::decode(body)
                .map(|p| Some(Frame::Packet(p)))
                .map_err(protocol)
        } else {
            Message::decode(kind, body)
                .map(|m| Some(Frame::Message(m)))
                .map_err(protocol)
        }
    }
}

/// Where packets go.
trait Sink {
    fn write_packet(
        &mut self,
        stream: u32,
        content: &[u8],
        padding: u32,
        index: &PacketIndex,
    ) -> Result<(), ConsumerError>;
    /// Makes everything written so far durable (on disk, or confirmed by the relayd).
    fn drain(&mut self) -> Result<(), ConsumerError>;
    /// Closes every stream.
    fn close(&mut self) -> Result<(), ConsumerError>;
}

/// A sub-path that stays inside its parent: relative, no `..`, no empty components.
fn safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && path
            .split('/')
            .all(|c| !c.is_empty() && c != "." && c != "..")
}

fn stream_file_name(spec: &StreamSpec) -> String {
    format!("{}_0", spec.name)
}

/// The stream with session-daemon id `id` among a sink's streams; a packet for any other
/// is a protocol error.
fn find_stream<T>(
    streams: &mut [T],
    id: u32,
    id_of: impl Fn(&T) -> u32,
) -> Result<&mut T, ConsumerError> {
    streams
        .iter_mut()
        .find(|s| id_of(s) == id)
        .ok_or_else(|| ConsumerError::Protocol(format!("unknown stream {id}")))
}

/// Writes `n` zero bytes.
fn write_zeros(out: &mut impl Write, mut n: usize) -> io::Result<()> {
    static ZEROS: [u8; 64 * 1024] = [0; 64 * 1024];
    while n > 0 {
        let k = n.min(ZEROS.len());
        out.write_all(&ZEROS[..k])?;
        n -= k;
    }
    Ok(())
}

struct LocalStream {
    id: u32,
    data: File,
    index: File,
    offset: u64,
}

/// Local output: `<dir>/<trace path>/{metadata, <channel>_0, index/<channel>_0.idx}`.
struct LocalSink {
    streams: Vec<LocalStream>,
}

impl LocalSink {
    fn create(
        dir: &Path,
        metadata: &str,
        streams: &[StreamSpec],
    ) -> Result<LocalSink, ConsumerError> {
        fs::create_dir_all(dir.join("index")).map_err(ConsumerError::CreateDir)?;
        fs::write(dir.join("metadata"), metadata).map_err(ConsumerError::CreateFile)?;
        let mut out = Vec::new();
        for spec in streams {
            let name = stream_file_name(spec);
            let data = File::create(dir.join(&name)).map_err(ConsumerError::CreateFile)?;
            let mut index = File::create(dir.join("index").join(format!("{name}.idx")))
                .map_err(ConsumerError::CreateFile)?;
            index
                .write_all(&ctf::index_file_header())
                .map_err(ConsumerError::CreateFile)?;
            out.push(LocalStream {
                id: spec.id,
                data,
                index,
                offset: 0,
            });
        }
        Ok(LocalSink { streams: out })
    }
}

impl Sink for LocalSink {
    fn write_packet(
        &mut self,
        stream: u32,
        content: &[u8],
        padding: u32,
        index: &PacketIndex,
    ) -> Result<(), ConsumerError> {
        let s = find_stream(&mut self.streams, stream, |s| s.id)?;
        // The whole packet, then its index entry: a packet never has an index entry before
        // its bytes are in the file. A write that fails part-way (a full disk) leaves the files as they were before this
        // packet, so that the trace keeps every complete packet and stays readable.
        let entry = ctf::index_entry(s.offset, index);
        let index_len = s.index.stream_position().map_err(ConsumerError::Local)?;
        let written = s
            .data
            .write_all(content)
            .and_then(|()| write_zeros(&mut s.data, padding as usize))
            .and_then(|()| s.index.write_all(&entry));
        if let Err(e) = written {
            let _ = s.data.set_len(s.offset);
            let _ = s.data.seek(SeekFrom::Start(s.offset));
            let _ = s.index.set_len(index_len);
            let _ = s.index.seek(SeekFrom::Start(index_len));
            return Err(ConsumerError::Local(e));
        }
        s.offset += (content.len() + padding as usize) as u64;
        Ok(())
    }

    fn drain(&mut self) -> Result<(), ConsumerError> {
        for s in &mut self.streams {
            s.data.sync_data().map_err(ConsumerError::Local)?;
            s.index.sync_data().map_err(ConsumerError::Local)?;
        }
        Ok(())
    }

    fn close(&mut self) -> Result<(), ConsumerError> {
        self.drain()?;
        self.streams.clear();
        Ok(())
    }
}

struct RelayStream {
    id: u32,
    handle: u64,
    next_seq: u64,
}

impl RelayStream {
    fn last_seq(&self) -> u64 {
        if self.next_seq == 0 {
            NO_SEQ
        } else {
            self.next_seq - 1
        }
    }
}

/// Network output: the relay daemon's control and data connections.
struct RelaySink {
    control: Control,
    data: TcpStream,
    session_id: u64,
    metadata: u64,
    streams: Vec<RelayStream>,
    closed: bool,
}

impl RelaySink {
    #[allow(clippy::too_many_arguments)]
    fn create(
        mut control: Control,
        data: TcpStream,
        session_id: u64,
        creation_time: u64,
        trace_path: &str,
        metadata_text: &str,
        specs: &[StreamSpec],
    ) -> Result<RelaySink, ConsumerError> {
        control.create_trace_chunk(0, creation_time)?;
        let metadata = control.add_stream("metadata", trace_path, 0)?;
        let mut streams = Vec::new();
        for spec in specs {
            let handle = control.add_stream(&stream_file_name(spec), trace_path, 0)?;
            streams.push(RelayStream {
                id: spec.id,
                handle,
                next_seq: 0,
            });
        }
        control.streams_sent()?;
        control.send_metadata(metadata, metadata_text.as_bytes())?;
        Ok(RelaySink {
            control,
            data,
            session_id,
            metadata,
            streams,
            closed: false,
        })
    }
}

impl Sink for RelaySink {
    fn write_packet(
        &mut self,
        stream: u32,
        content: &[u8],
        padding: u32,
        index: &PacketIndex,
    ) -> Result<(), ConsumerError> {
        let s = find_stream(&mut self.streams, stream, |s| s.id)?;
        let seq = s.next_seq;
        relay::send_packet(&mut self.data, s.handle, seq, content, padding)?;
        s.next_seq += 1;
        self.control.send_index_pipelined(s.handle, seq, index)?;
        Ok(())
    }

    fn drain(&mut self) -> Result<(), ConsumerError> {
        let streams: Vec<(u64, u64)> = self
            .streams
            .iter()
            .map(|s| (s.handle, s.last_seq()))
            .collect();
        self.control
            .wait_data_written(self.session_id, &streams, self.metadata, DRAIN_TIMEOUT)?;
        Ok(())
    }

    fn close(&mut self) -> Result<(), ConsumerError> {
        if self.closed {
            return Ok(());
        }
        self.closed = true;
        self.drain()?;
        self.control.close_stream(self.metadata, NO_SEQ)?;
        for s in &self.streams {
            self.control.close_stream(s.handle, s.last_seq())?;
        }
        let _ = self.data.shutdown(std::net::Shutdown::Both);
        Ok(())
    }
}

/// Serves one session daemon link until `Close` or end of file.
///
/// Any failure is reported to the session daemon as `Failed` before returning it.
pub fn serve(link: &Connection) -> Result<(), ConsumerError> {
    let result = serve_inner(link);
    if let Err(e) = &result {
        let _ = send_message(
            link,
            &Message::Failed {
                code: e.code() as u32,
                reason: e.to_string(),
            },
        );
    }
    result
}

fn serve_inner(link: &Connection) -> Result<(), ConsumerError> {
    let Some(Message::Setup {
        output,
        hostname: _,
        session_name: _,
        trace_path,
        metadata,
        streams,
    }) = read_message(link)?
    else {
        return Err(ConsumerError::Protocol("expected Setup first".into()));
    };
    if !safe_relative(&trace_path) {
        return Err(ConsumerError::Protocol(format!(
            "unsafe trace path {trace_path:?}"
        )));
    }
    let mut sink: Box<dyn Sink> = match output {
        Output::Local { dir } => {
            let dir = PathBuf::from(dir);
            if !dir.is_absolute() {
                return Err(ConsumerError::Protocol("relative output directory".into()));
            }
            Box::new(LocalSink::create(
                &dir.join(&trace_path),
                &metadata,
                &streams,
            )?)
        }
        Output::Relay {
            session_id,
            path: _,
            creation_time,
        } => {
            let fds = link.recv_fds(2).map_err(ConsumerError::Link)?;
            let mut fds = fds.into_iter();
            let (Some(control), Some(data)) = (fds.next(), fds.next()) else {
                return Err(ConsumerError::Protocol("missing relay sockets".into()));
            };
            let control = TcpStream::from(control);
            let data = TcpStream::from(data);
            for s in [&control, &data] {
                s.set_read_timeout(Some(relay::IO_TIMEOUT))
                    .map_err(ConsumerError::Link)?;
                s.set_write_timeout(Some(relay::IO_TIMEOUT))
                    .map_err(ConsumerError::Link)?;
            }
            Box::new(RelaySink::create(
                Control::new(control),
                data,
                session_id,
                creation_time,
                &trace_path,
                &metadata,
                &streams,
            )?)
        }
    };
    send_message(link, &Message::Ready).map_err(ConsumerError::Link)?;
    let mut reader = LinkReader::default();
    loop {
        let message = match reader.next(link)? {
            Some(Frame::Packet(p)) => {
                sink.write_packet(p.stream, p.content, p.padding, &p.index)?;
                continue;
            }
            Some(Frame::Message(m)) => Some(m),
            None => None,
        };
        match message {
            Some(Message::Drain { token }) => {
                sink.drain()?;
                send_message(link, &Message::Drained { token }).map_err(ConsumerError::Link)?;
            }
            Some(Message::Close) => {
                sink.close()?;
                send_message(link, &Message::Closed).map_err(ConsumerError::Link)?;
                return Ok(());
            }
            None => {
                // The session daemon went away: close cleanly what can be.
                return sink.close();
            }
            Some(other) => return Err(ConsumerError::Protocol(format!("unexpected {other:?}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_stay_inside() {
        assert!(safe_relative("ust/uid/1000/64-bit"));
        for bad in ["", "/abs", "a/../b", "..", "a//b", "./a"] {
            assert!(!safe_relative(bad), "{bad}");
        }
    }
}
