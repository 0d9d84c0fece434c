#![forbid(unsafe_code)]
//! Sans-I/O codecs of the wire protocols: bytes (and fd counts) in, typed messages out.
//!
//! Shared by the library, the reference session daemon and the tests; never opens a socket.

pub mod consumer;
pub mod health;
pub mod location;
pub mod notification;
pub mod objects;
pub mod relayd;
pub mod replies;
pub mod sessiond;
pub mod trigger;
pub mod uri;
pub mod wire;

/// Why bytes could not be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Fewer bytes than the structure needs.
    #[error("truncated message")]
    Truncated,
    /// A size that does not match the structure.
    #[error("bad length")]
    Length,
    /// A string without its terminator, or with an inner NUL.
    #[error("string not terminated")]
    Unterminated,
    /// A string that is not UTF-8.
    #[error("string not UTF-8")]
    NotUtf8,
    /// A field with a value outside its range.
    #[error("value out of range")]
    Range,
}
