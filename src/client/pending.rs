//! Commands whose answer comes later on the same connection: DESTROY_SESSION (a result,
//! then the session's rotation state and, after a rotation, its archive location) and
//! CLEAR_SESSION (a result). The handle keeps the connection until the answer is read.

use std::time::Duration;

use crate::client::exchange::{
    connect_as, log_reply_header, log_request, read_reply, send_request,
};
use crate::client::{Error, Result};
use crate::model::error::ErrorCode;
use crate::model::location::ArchiveLocation;
use crate::proto::location;
use crate::proto::sessiond::{Command, Request};
use crate::transport::paths::Ids;
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
    let ids = Ids::current();
    let conn = connect_as(&ids)?;
    send_request(&conn, &req, &ids).map_err(|_| Error::from(ErrorCode::Fatal))?;
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
        let reply = read_reply(&self.conn).map_err(|_| ())?;
        let h = reply.header;
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
        if h.data_size > MAX_LOCATION {
            return Err(());
        }
        let state: [u8; 4] = reply.cmd_header.as_slice().try_into().map_err(|_| ())?;
        let state = i32::from_ne_bytes(state);
        self.rotation_state = Some(state);
        match state {
            // No rotation, or a rotation error: nothing follows.
            0 | -1 => Ok(()),
            // Completed: the archive location follows.
            2 => {
                let (location, _) = location::decode_comm(&reply.data).map_err(|_| ())?;
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
        // Without a limit the read itself waits; with one, poll first.
        if let Some(timeout) = timeout {
            match self.conn.poll_readable(Some(timeout)) {
                Ok(true) => {}
                Ok(false) => return Wait::Timeout,
                Err(_) => {
                    self.failed = true;
                    return Wait::Error;
                }
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
