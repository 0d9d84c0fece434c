//! Sockets: the session daemon's Unix command socket (credentials, fd passing), socket-path
//! discovery and name resolution, on `rustix` and `nix`. The only place besides `ffi` with
//! `unsafe` code, kept for what no crate covers; each block states why it holds.

pub mod paths;
pub mod resolve;
pub mod signals;
pub mod tcp;
pub mod unix;
pub mod vectored;
