//! Commands whose answer comes later on the same connection: DESTROY_SESSION (a result,
//! then the session's rotation state and, after a rotation, its archive location) and
//! CLEAR_SESSION (a result). The handle keeps the connection until the answer is read.

use std::time::{Duration, Instant};

use crate::client::exchange::{connect, log_reply_header, log_request};
use crate::client::{Error, Result};
use crate::model::error::ErrorCode;
use crate::model::location::ArchiveLocation;
use crate::proto::location;
use crate::proto::sessiond::{Command, REPLY_HEADER_LEN, ReplyHeader, Request};
use crate::transport::unix::Connection;

/// Largest archive location the destroy reply may carry.
const MAX_LOCATION: u32 = 65536;

/// How a wait ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// The answer is complete.
    Completed,
    /// The time ran out first.
    Timeout,
    /// The connection failed or the answer is malformed.
    Error,
}

/// A command waiting for its answer.
#[derive(Debug)]
pub struct Pending {
    conn: Connection,
    /// Whether the answer carries a rotation state (destroy) or nothing more (clear).
    with_rotation: bool,
    /// The command's result code, once received.
    pub result: Option<u32>,
    /// The rotation state (destroy only).
    pub rotation_state: Option<i32>,
    /// The archive location (destroy after a completed rotation).
    pub location: Option<ArchiveLocation>,
    done: bool,
    failed: bool,
}

fn start(cmd: Command, session: &str, with_rotation: bool) -> Result<Pending> {
    if session.len() > crate::model::session::SESSION_NAME_MAX {
        return Err(ErrorCode::Invalid.into());
    }
    let req = Request::new(cmd).with_session(session);
    log_request(&req);
    let conn = connect()?;
    conn.send_with_credentials(&req.encode_header())
        .map_err(|_| Error::from(ErrorCode::Fatal))?;
    Ok(Pending {
        conn,
        with_rotation,
        result: None,
        rotation_state: None,
        location: None,
        done: false,
        failed: false,
    })
}

/// Sends DESTROY_SESSION and returns the handle that waits for its answer.
pub fn destroy(session: &str) -> Result<Pending> {
    start(Command::DestroySession, session, true)
}

/// Sends CLEAR_SESSION and returns the handle that waits for its answer.
pub fn clear(session: &str) -> Result<Pending> {
    start(Command::ClearSession, session, false)
}

impl Pending {
    /// The connection (for callers that only send).
    pub fn into_connection(self) -> Connection {
        self.conn
    }

    fn read_answer(&mut self) -> std::result::Result<(), ()> {
        let mut raw = [0u8; REPLY_HEADER_LEN];
        self.conn.recv_exact(&mut raw).map_err(|_| ())?;
        let h = ReplyHeader::decode(&raw);
        log_reply_header(&h);
        self.result = Some(h.ret_code);
        if h.ret_code != ErrorCode::Ok as u32 {
            return Ok(());
        }
        if !self.with_rotation {
            return if h.cmd_header_size == 0 && h.data_size == 0 {
                Ok(())
            } else {
                Err(())
            };
        }
        if h.cmd_header_size != 4 || h.data_size > MAX_LOCATION {
            return Err(());
        }
        let mut state = [0u8; 4];
        self.conn.recv_exact(&mut state).map_err(|_| ())?;
        let state = i32::from_ne_bytes(state);
        self.rotation_state = Some(state);
        match state {
            // No rotation, or a rotation error: nothing follows.
            0 | -1 => Ok(()),
            // Completed: the archive location follows.
            2 => {
                let mut location = vec![0u8; h.data_size as usize];
                self.conn.recv_exact(&mut location).map_err(|_| ())?;
                let (location, _) = location::decode_comm(&location).map_err(|_| ())?;
                self.location = Some(location);
                Ok(())
            }
            _ => Err(()),
        }
    }

    /// Waits for the answer, at most `timeout` (`None`: without limit).
    pub fn wait(&mut self, timeout: Option<Duration>) -> Wait {
        if self.failed {
            return Wait::Error;
        }
        if self.done {
            return Wait::Completed;
        }
        let deadline = timeout.map(|t| Instant::now() + t);
        let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
        match self.conn.poll_readable(left) {
            Ok(true) => {}
            Ok(false) => return Wait::Timeout,
            Err(_) => {
                self.failed = true;
                return Wait::Error;
            }
        }
        match self.read_answer() {
            Ok(()) => {
                self.done = true;
                Wait::Completed
            }
            Err(()) => {
                self.failed = true;
                Wait::Error
            }
        }
    }
}
