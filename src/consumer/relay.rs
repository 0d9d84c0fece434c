//! A client of `lttng-relayd`'s control and data connections (protocol 2.11), used by the
//! session daemon (connect, VERSION, CREATE_SESSION) and the consumer (everything after).

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

use crate::model::error::ErrorCode;
use crate::proto::relayd::{self, CreateSession, RelayCommand};

/// How long one relayd exchange may take before the connection counts as lost.
pub const IO_TIMEOUT: Duration = Duration::from_secs(10);
/// How long connecting may take.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Why talking to the relay daemon failed.
#[derive(Debug, thiserror::Error)]
pub enum RelayError {
    /// Could not connect.
    #[error("cannot connect to lttng-relayd at {addr}: {source}")]
    Connect {
        /// Where.
        addr: String,
        /// Why.
        source: io::Error,
    },
    /// The connection failed.
    #[error("lttng-relayd connection lost: {0}")]
    Io(#[from] io::Error),
    /// The relay daemon is not a 2.x relay daemon we can talk to.
    #[error("lttng-relayd version {0}.{1} is not compatible")]
    Version(u32, u32),
    /// The relay daemon refused a command.
    #[error("lttng-relayd refused {cmd:?} with code {code}")]
    Refused {
        /// Command.
        cmd: RelayCommand,
        /// Its code.
        code: u32,
    },
    /// A reply that does not parse.
    #[error("lttng-relayd sent a malformed reply")]
    Protocol,
}

impl RelayError {
    /// The LTTng error code for this failure, as the design's rules give it: a relay daemon
    /// that cannot be reached or goes away: LTTNG_ERR_RELAYD_CONNECT_FAIL; an incompatible
    /// one: LTTNG_ERR_RELAYD_VERSION_FAIL; one that refuses a command:
    /// LTTNG_ERR_ENABLE_CONSUMER_FAIL.
    pub fn code(&self) -> ErrorCode {
        match self {
            RelayError::Connect { .. } | RelayError::Io(_) | RelayError::Protocol => {
                ErrorCode::RelaydConnectFail
            }
            RelayError::Version(..) => ErrorCode::RelaydVersionFail,
            RelayError::Refused { .. } => ErrorCode::EnableConsumerFail,
        }
    }
}

/// Connects to `host:port` with the consumer's timeouts (TCP_NODELAY on).
pub fn connect(host: &str, port: u16) -> Result<TcpStream, RelayError> {
    let addr_text = if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    };
    let addrs: Vec<SocketAddr> = (host, port)
        .to_socket_addrs()
        .map_err(|source| RelayError::Connect {
            addr: addr_text.clone(),
            source,
        })?
        .collect();
    let mut last = io::Error::new(io::ErrorKind::NotFound, "no address");
    for addr in addrs {
        match TcpStream::connect_timeout(&addr, CONNECT_TIMEOUT) {
            Ok(s) => {
                s.set_nodelay(true)?;
                s.set_read_timeout(Some(IO_TIMEOUT))?;
                s.set_write_timeout(Some(IO_TIMEOUT))?;
                return Ok(s);
            }
            Err(e) => last = e,
        }
    }
    Err(RelayError::Connect {
        addr: addr_text,
        source: last,
    })
}

/// Most SEND_INDEX commands sent before their replies are read. The replies are 4 bytes
/// each, so the window stays far below the socket buffers on both sides and neither peer
/// can block on a full buffer.
pub const INDEX_WINDOW: usize = 64;

/// The control connection.
#[derive(Debug)]
pub struct Control {
    stream: TcpStream,
    /// SEND_INDEX commands sent whose replies are not read yet.
    unread_index_replies: usize,
}

impl Control {
    /// Wraps a connected control socket.
    pub fn new(stream: TcpStream) -> Control {
        Control {
            stream,
            unread_index_replies: 0,
        }
    }

    /// The socket (to pass it on). Call `settle` first if indexes were sent.
    pub fn into_stream(self) -> TcpStream {
        self.stream
    }

    /// Sends one command. Replies to pipelined indexes are read first, so that every other
    /// command's reply is the next thing on the connection.
    fn send(&mut self, message: &[u8]) -> Result<(), RelayError> {
        self.settle()?;
        self.stream.write_all(message)?;
        Ok(())
    }

    /// Reads the replies to every SEND_INDEX sent so far; the first refusal is the error.
    pub fn settle(&mut self) -> Result<(), RelayError> {
        while self.unread_index_replies > 0 {
            let n = self.unread_index_replies.min(INDEX_WINDOW);
            let mut replies = [0u8; 4 * INDEX_WINDOW];
            crate::transport::tcp::quick_ack(&self.stream)?;
            self.stream.read_exact(&mut replies[..4 * n])?;
            self.unread_index_replies -= n;
            for reply in replies[..4 * n].chunks_exact(4) {
                match relayd::decode_u32_reply(reply).map_err(|_| RelayError::Protocol)? {
                    relayd::RET_OK => {}
                    code => {
                        return Err(RelayError::Refused {
                            cmd: RelayCommand::SendIndex,
                            code,
                        });
                    }
                }
            }
        }
        Ok(())
    }

    fn read(&mut self, n: usize) -> Result<Vec<u8>, RelayError> {
        let mut b = vec![0u8; n];
        self.stream.read_exact(&mut b)?;
        Ok(b)
    }

    /// Sends a command and reads its 4-byte reply.
    fn code(&mut self, message: &[u8]) -> Result<u32, RelayError> {
        self.send(message)?;
        let b = self.read(4)?;
        relayd::decode_u32_reply(&b).map_err(|_| RelayError::Protocol)
    }

    fn expect_ok(&mut self, cmd: RelayCommand, message: &[u8]) -> Result<(), RelayError> {
        match self.code(message)? {
            relayd::RET_OK => Ok(()),
            code => Err(RelayError::Refused { cmd, code }),
        }
    }

    /// VERSION(2, 11); fails unless the relayd speaks 2.x with x >= 11.
    pub fn version(&mut self) -> Result<(), RelayError> {
        self.send(&relayd::version(relayd::MAJOR, relayd::MINOR))?;
        let b = self.read(8)?;
        let (major, minor) = relayd::decode_version_reply(&b).map_err(|_| RelayError::Protocol)?;
        if major != relayd::MAJOR || minor < relayd::MINOR {
            return Err(RelayError::Version(major, minor));
        }
        Ok(())
    }

    /// CREATE_SESSION: returns (relay session id, session directory relative to the output).
    pub fn create_session(&mut self, cs: &CreateSession) -> Result<(u64, String), RelayError> {
        self.send(&cs.encode())?;
        let head = self.read(16)?;
        let (reply, path_len) =
            relayd::decode_create_session_reply_head(&head).map_err(|_| RelayError::Protocol)?;
        let path = relayd::decode_path(&self.read(path_len)?);
        if reply.ret_code != relayd::RET_OK {
            return Err(RelayError::Refused {
                cmd: RelayCommand::CreateSession,
                code: reply.ret_code,
            });
        }
        Ok((reply.session_id, path))
    }

    /// CREATE_TRACE_CHUNK (once per session, before the streams).
    pub fn create_trace_chunk(
        &mut self,
        chunk_id: u64,
        creation_time: u64,
    ) -> Result<(), RelayError> {
        self.expect_ok(
            RelayCommand::CreateTraceChunk,
            &relayd::create_trace_chunk(chunk_id, creation_time),
        )
    }

    /// ADD_STREAM: returns the relay handle.
    pub fn add_stream(
        &mut self,
        channel: &str,
        pathname: &str,
        chunk_id: u64,
    ) -> Result<u64, RelayError> {
        self.send(&relayd::add_stream(channel, pathname, chunk_id))?;
        let b = self.read(12)?;
        let (handle, code) = relayd::decode_handle_reply(&b).map_err(|_| RelayError::Protocol)?;
        if code != relayd::RET_OK {
            return Err(RelayError::Refused {
                cmd: RelayCommand::AddStream,
                code,
            });
        }
        Ok(handle)
    }

    /// STREAMS_SENT.
    pub fn streams_sent(&mut self) -> Result<(), RelayError> {
        self.expect_ok(RelayCommand::StreamsSent, &relayd::streams_sent())
    }

    /// SEND_METADATA (no reply).
    pub fn send_metadata(&mut self, handle: u64, text: &[u8]) -> Result<(), RelayError> {
        self.send(&relayd::send_metadata(handle, text))
    }

    /// SEND_INDEX for one packet without waiting for its reply: the replies are read in
    /// batches once `INDEX_WINDOW` are due, and before any other command (`settle`). A
    /// refusal surfaces at that point, as the error of a later call.
    pub fn send_index_pipelined(
        &mut self,
        handle: u64,
        seq: u64,
        index: &relayd::PacketIndex,
    ) -> Result<(), RelayError> {
        if self.unread_index_replies >= INDEX_WINDOW {
            self.settle()?;
        }
        self.stream
            .write_all(&relayd::send_index(handle, seq, index))?;
        self.unread_index_replies += 1;
        Ok(())
    }

    /// The data-pending handshake, polled until the relay daemon has written everything up
    /// to each stream's last packet, or `timeout` passes (then an error).
    pub fn wait_data_written(
        &mut self,
        session_id: u64,
        streams: &[(u64, u64)],
        metadata: u64,
        timeout: Duration,
    ) -> Result<(), RelayError> {
        let deadline = Instant::now() + timeout;
        loop {
            self.expect_ok(
                RelayCommand::BeginDataPending,
                &relayd::with_u64(RelayCommand::BeginDataPending, session_id),
            )?;
            let mut pending = false;
            for &(handle, last) in streams {
                let m = relayd::with_handle_seq(RelayCommand::DataPending, handle, last);
                pending |= self.code(&m)? != 0;
            }
            self.expect_ok(
                RelayCommand::QuiescentControl,
                &relayd::with_u64(RelayCommand::QuiescentControl, metadata),
            )?;
            let end = relayd::with_u64(RelayCommand::EndDataPending, session_id);
            pending |= self.code(&end)? != 0;
            if !pending {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(RelayError::Io(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "data still pending",
                )));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// CLOSE_STREAM.
    pub fn close_stream(&mut self, handle: u64, last: u64) -> Result<(), RelayError> {
        self.expect_ok(
            RelayCommand::CloseStream,
            &relayd::with_handle_seq(RelayCommand::CloseStream, handle, last),
        )
    }
}

/// Sends one packet on the data connection.
pub fn send_packet(
    data: &mut TcpStream,
    handle: u64,
    seq: u64,
    content: &[u8],
    padding: u32,
) -> Result<(), RelayError> {
    let header = relayd::data_header(handle, seq, content.len() as u32, padding);
    crate::transport::vectored::send_all(data, &[&header, content])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;

    /// A control peer that reads SEND_INDEX commands in batches of `batch` and answers a
    /// batch only once it has read all of it (as a relay daemon behind on its replies
    /// would), with the next codes of `codes`; one code per command.
    fn peer(batch: usize, codes: Vec<u32>) -> (Control, std::thread::JoinHandle<()>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let t = std::thread::spawn(move || {
            let (mut s, _) = listener.accept().unwrap();
            let len = relayd::send_index(0, 0, &relayd::PacketIndex::default()).len();
            let mut buf = vec![0u8; len];
            for chunk in codes.chunks(batch) {
                for _ in chunk {
                    s.read_exact(&mut buf).unwrap();
                }
                let replies: Vec<u8> = chunk.iter().flat_map(|c| c.to_be_bytes()).collect();
                s.write_all(&replies).unwrap();
            }
            let _ = s.read(&mut buf);
        });
        let s = TcpStream::connect(addr).unwrap();
        // A sender that waited for each reply would time out instead of hanging the test.
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        (Control::new(s), t)
    }

    #[test]
    fn indexes_do_not_wait_for_their_replies_and_settle_confirms_them_all() {
        let n = INDEX_WINDOW * 2 + 3;
        let (mut c, t) = peer(INDEX_WINDOW, vec![relayd::RET_OK; n]);
        for seq in 0..n as u64 {
            c.send_index_pipelined(1, seq, &relayd::PacketIndex::default())
                .unwrap();
        }
        assert!(c.unread_index_replies > 0);
        c.settle().unwrap();
        assert_eq!(c.unread_index_replies, 0);
        drop(c);
        t.join().unwrap();
    }

    #[test]
    fn a_refused_index_surfaces_at_the_next_settle() {
        let (mut c, t) = peer(3, vec![relayd::RET_OK, 99, relayd::RET_OK]);
        for seq in 0..3 {
            c.send_index_pipelined(1, seq, &relayd::PacketIndex::default())
                .unwrap();
        }
        match c.settle() {
            Err(RelayError::Refused {
                cmd: RelayCommand::SendIndex,
                code: 99,
            }) => {}
            other => panic!("{other:?}"),
        }
        drop(c);
        t.join().unwrap();
    }
}
