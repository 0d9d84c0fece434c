//! Sockets: the session daemon's Unix command socket (credentials, fd passing), socket-path
//! discovery and name resolution. The only place besides `ffi` with `unsafe` code; each
//! block states its invariant.

pub mod paths;
pub mod resolve;
pub mod signals;
pub mod tcp;
pub mod unix;
pub mod vectored;
