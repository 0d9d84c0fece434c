//! A client of `lttng-relayd`'s control and data connections (protocol 2.11), used by the
//! session daemon (connect, VERSION, CREATE_SESSION) and the consumer (everything after).

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

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

/// The control connection.
#[derive(Debug)]
pub struct Control {
    stream: TcpStream,
}

impl Control {
    /// Wraps a connected control socket.
    pub fn new(stream: TcpStream) -> Control {
        Control { stream }
    }

    /// The socket (to pass it on).
    pub fn into_stream(self) -> TcpStream {
        self.stream
    }

    fn send(&mut self, message: &[u8]) -> Result<(), RelayError> {
        self.stream.write_all(message)?;
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

    /// SEND_INDEX for one packet.
    pub fn send_index(
        &mut self,
        handle: u64,
        seq: u64,
        index: &relayd::PacketIndex,
    ) -> Result<(), RelayError> {
        self.expect_ok(
            RelayCommand::SendIndex,
            &relayd::send_index(handle, seq, index),
        )
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
    data.write_all(&header)?;
    data.write_all(content)?;
    Ok(())
}
