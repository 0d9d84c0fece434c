//! The health of the LTTng daemons: ask a session, consumer or relay daemon which of its
//! threads are in bad health.
//!
//! ```no_run
//! use lttng_ctl::client::health::{self, Component};
//!
//! let bad = health::query(&Component::Sessiond)?;
//! let names = Component::Sessiond.threads().names();
//! for (name, bad) in names.iter().zip(health::thread_health(bad, names.len())) {
//!     println!("{name:?}: {}", if bad { "bad" } else { "good" });
//! }
//! # Ok::<(), health::QueryError>(())
//! ```

use crate::proto::health::{REPLY_LEN, decode_reply, encode_check};
use crate::proto::sessiond::PATH_MAX;
use crate::transport::paths::{Ids, health_sockets};
use crate::transport::unix::Connection;

pub use crate::model::health::{Component, Consumerd, Threads, thread_health};

/// Why a health query has no answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// Nothing to ask: a relay daemon's socket path that is empty (upstream's -EINVAL).
    #[error("invalid health socket path")]
    Invalid,
    /// The per-user socket's path does not fit `PATH_MAX` (upstream's -ENOMEM).
    #[error("health socket path too long")]
    PathTooLong,
    /// No socket accepted the connection, or the daemon did not answer (upstream's -1).
    #[error("the daemon did not answer")]
    NoAnswer,
}

/// Asks `component` for its health: the bitmask of its threads in bad health (bit `i`:
/// thread `i` of [`Component::threads`]), 0 when all are well.
///
/// One connection to the first socket of [`health_sockets`] that accepts it, one 4-byte
/// request, one 8-byte reply, then the connection is closed. A daemon that closes the
/// connection before its whole reply gives [`QueryError::NoAnswer`] (upstream reports
/// success with an uninitialised bitmask).
pub fn query(component: &Component) -> Result<u64, QueryError> {
    if matches!(component, Component::Relayd(path) if path.as_os_str().is_empty()) {
        return Err(QueryError::Invalid);
    }
    for path in health_sockets(component, &Ids::current()) {
        if path.as_os_str().len() >= PATH_MAX {
            return Err(QueryError::PathTooLong);
        }
        if let Ok(conn) = Connection::connect(&path) {
            return ask(&conn).ok_or(QueryError::NoAnswer);
        }
    }
    Err(QueryError::NoAnswer)
}

fn ask(conn: &Connection) -> Option<u64> {
    conn.send(&encode_check()).ok()?;
    let mut reply = [0u8; REPLY_LEN];
    conn.recv_exact(&mut reply).ok()?;
    decode_reply(&reply).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::health::{decode_request, encode_reply};
    use std::io::{Read, Write};
    use std::os::unix::net::UnixListener;
    use std::path::PathBuf;

    /// A relay-daemon-like health socket that reads one request and answers `reply`.
    fn serve(reply: &'static [u8]) -> (PathBuf, std::thread::JoinHandle<u32>) {
        let dir = std::env::temp_dir().join(format!(
            "lttng-ctl-health-{}-{}",
            std::process::id(),
            reply.len()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("health");
        let _ = std::fs::remove_file(&path);
        let listener = UnixListener::bind(&path).unwrap();
        let server = std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            let mut request = [0u8; 4];
            stream.read_exact(&mut request).unwrap();
            stream.write_all(reply).unwrap();
            decode_request(&request).unwrap()
        });
        (path, server)
    }

    #[test]
    fn a_relay_daemon_socket_is_asked_verbatim() {
        static REPLY: [u8; 8] = 0x805u64.to_ne_bytes();
        let (path, server) = serve(&REPLY);
        assert_eq!(query(&Component::Relayd(path.clone())), Ok(0x805));
        assert_eq!(server.join().unwrap(), 0);
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
        assert_eq!(encode_reply(0x805), REPLY);
    }

    #[test]
    fn a_short_reply_is_no_answer() {
        let (path, server) = serve(&[1, 2, 3]);
        assert_eq!(
            query(&Component::Relayd(path.clone())),
            Err(QueryError::NoAnswer)
        );
        server.join().unwrap();
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
    }

    #[test]
    fn an_empty_or_absent_relay_path() {
        assert_eq!(
            query(&Component::Relayd(PathBuf::new())),
            Err(QueryError::Invalid)
        );
        assert_eq!(
            query(&Component::Relayd(PathBuf::from("/nonexistent/health-1"))),
            Err(QueryError::NoAnswer)
        );
    }
}
