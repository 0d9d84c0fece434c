//! One command, one connection: connect, send the request, read the reply.

use std::io;
use std::sync::OnceLock;

use crate::client::{Error, Result, in_tracing_group};
use crate::model::error::ErrorCode;
pub use crate::proto::sessiond::Reply;
use crate::proto::sessiond::{Command, REPLY_HEADER_LEN, ReplyHeader, Request};
use crate::transport::paths::{self, Ids};
use crate::transport::unix::Connection;

/// Largest reply part we accept (the daemon never sends more than a few MiB).
const MAX_REPLY_PART: u32 = 256 * 1024 * 1024;

/// The debug log: off unless `LTTNG_CTL_DEBUG` is set (and not empty or `0`) when the first
/// command runs, or [`set_debug_log`] was called before.
static DEBUG: OnceLock<bool> = OnceLock::new();

fn debug_on() -> bool {
    *DEBUG.get_or_init(|| {
        std::env::var_os("LTTNG_CTL_DEBUG").is_some_and(|v| !v.is_empty() && v != "0")
    })
}

/// Turns the debug log of commands and replies on stderr on or off for this process,
/// overriding `LTTNG_CTL_DEBUG`. Takes effect only before the first command (the setting
/// is read once); returns whether it did.
///
/// ```
/// // Before any command: takes effect; the setting is then fixed.
/// assert!(lttng_ctl::client::set_debug_log(false));
/// assert!(!lttng_ctl::client::set_debug_log(true));
/// ```
pub fn set_debug_log(on: bool) -> bool {
    DEBUG.set(on).is_ok()
}

/// One line of the debug log (when it is on), for what is not a command: the run-time
/// check of a program's own copy of upstream's code, for example.
pub fn debug_note(text: std::fmt::Arguments<'_>) {
    if debug_on() {
        eprintln!("lttng-ctl: {}: {text}", std::process::id());
    }
}

fn command_name(id: u32) -> String {
    Command::from_u32(id).map_or_else(|| format!("#{id}"), Command::name)
}

/// One debug line: `lttng-ctl: <pid>: SET_CONSUMER_URI session="s" -> 13156+8210 bytes`.
pub(crate) fn log_request(req: &Request) {
    if debug_on() {
        eprintln!(
            "lttng-ctl: {}: {} session={:?} -> {}+{} bytes",
            std::process::id(),
            command_name(req.cmd),
            req.session_name,
            crate::proto::sessiond::REQUEST_HEADER_LEN,
            req.payload.len()
        );
    }
}

/// One debug line per reply header: `... SET_CONSUMER_URI code 10 <- 0+0 bytes`.
pub(crate) fn log_reply_header(h: &ReplyHeader) {
    if debug_on() {
        eprintln!(
            "lttng-ctl: {}: {} code {} <- {}+{} bytes",
            std::process::id(),
            command_name(h.cmd),
            h.ret_code,
            h.cmd_header_size,
            h.data_size
        );
    }
}

/// One debug line for a command that got no reply: the error and its text.
fn log_failure(req: &Request, e: Error) {
    if debug_on() {
        eprintln!(
            "lttng-ctl: {}: {} error {} ({})",
            std::process::id(),
            command_name(req.cmd),
            e.0,
            e.text()
        );
    }
}

/// Connects to the first session daemon socket that answers, for a process whose ids are
/// `ids`.
pub(crate) fn connect_as(ids: &Ids) -> Result<Connection> {
    for path in paths::candidate_sockets(ids, || in_tracing_group(ids.uid)) {
        if let Ok(conn) = Connection::connect(&path) {
            return Ok(conn);
        }
    }
    Err(ErrorCode::NoSessiond.into())
}

/// Connects to the first session daemon socket that answers.
pub(crate) fn connect() -> Result<Connection> {
    connect_as(&Ids::current())
}

fn io_error(e: &io::Error) -> Error {
    if e.kind() == io::ErrorKind::UnexpectedEof {
        ErrorCode::NoSessiond.into()
    } else {
        ErrorCode::Fatal.into()
    }
}

/// Sends the header and the payload of `req` in one `sendmsg` with the credentials of `ids`.
/// The daemon reads the header, then the payload: the bytes are upstream's, only gathered.
pub(crate) fn send_request(conn: &Connection, req: &Request, ids: &Ids) -> io::Result<()> {
    conn.send_two_with_credentials(&req.encode_header(), &req.payload, ids)
}

/// Room for the first read of a reply: the header and, in the same `recvmsg`, a payload of
/// up to this size (a list of three sessions is 13 KiB).
const FIRST_READ: usize = 16 * 1024;

/// Reads one whole reply: its header, command header and payload.
pub(crate) fn read_reply(conn: &Connection) -> Result<Reply> {
    let mut raw = [0u8; REPLY_HEADER_LEN];
    let mut rest = Vec::with_capacity(FIRST_READ);
    let mut got = 0;
    while got < REPLY_HEADER_LEN {
        let n = conn
            .recv_scatter(&mut raw[got..], &mut rest)
            .map_err(|e| io_error(&e))?;
        if n == 0 {
            return Err(ErrorCode::NoSessiond.into());
        }
        got += n;
    }
    let header = ReplyHeader::decode(&raw);
    if header.cmd_header_size > MAX_REPLY_PART || header.data_size > MAX_REPLY_PART {
        return Err(ErrorCode::Fatal.into());
    }
    let cmd_header_len = header.cmd_header_size as usize;
    let total = cmd_header_len + header.data_size as usize;
    if rest.len() < total {
        rest.reserve_exact(total - rest.len());
        while rest.len() < total {
            if conn
                .recv_scatter(&mut [], &mut rest)
                .map_err(|e| io_error(&e))?
                == 0
            {
                return Err(ErrorCode::NoSessiond.into());
            }
        }
    }
    rest.truncate(total);
    let cmd_header = rest[..cmd_header_len].to_vec();
    if cmd_header_len > 0 {
        rest.drain(..cmd_header_len);
    }
    Ok(Reply {
        header,
        cmd_header,
        data: rest,
    })
}

/// The error a reply code maps to, by the command's error path.
fn check(req: &Request, reply: Reply) -> Result<Reply> {
    let code = reply.header.ret_code;
    if code == ErrorCode::Ok as u32 {
        return Ok(reply);
    }
    let payload_style = req.command().is_some_and(Command::is_payload_style);
    if payload_style && !(11..171).contains(&code) {
        return Err(ErrorCode::Unk.into());
    }
    Err(Error(code as i32))
}

/// Sends `req` on a new connection and returns the daemon's reply, or its error code.
///
/// When the daemon refuses a request before reading its payload and closes, the payload
/// send fails; the reply it already sent is still read and returned, and no SIGPIPE is
/// raised.
pub fn execute(req: &Request) -> Result<Reply> {
    execute_with_fds(req, &[])
}

/// [`execute`], passing `fds` (`SCM_RIGHTS`) after the request; `req.fd_count` must say how
/// many.
pub fn execute_with_fds(req: &Request, fds: &[std::os::fd::RawFd]) -> Result<Reply> {
    log_request(req);
    let outcome = exchange(req, fds);
    match &outcome {
        Ok(reply) => log_reply_header(&reply.header),
        Err(e) => log_failure(req, *e),
    }
    outcome.and_then(|reply| check(req, reply))
}

fn exchange(req: &Request, fds: &[std::os::fd::RawFd]) -> Result<Reply> {
    let ids = Ids::current();
    let conn = connect_as(&ids)?;
    let sent = send_request(&conn, req, &ids).and_then(|()| {
        if fds.is_empty() {
            Ok(())
        } else {
            conn.send_fds(fds)
        }
    });
    match (sent, read_reply(&conn)) {
        (_, Ok(reply)) => Ok(reply),
        (Err(e), Err(_)) => Err(io_error(&e)),
        (Ok(()), Err(e)) => Err(e),
    }
}
