#![forbid(unsafe_code)]
//! Domain types and their validation: sessions, domains, channels, events, contexts, URIs,
//! error codes. No I/O and no `unsafe` here.

pub mod channel;
pub mod domain;
pub mod error;
pub mod event;
pub mod health;
pub mod location;
pub mod notification;
pub mod session;
pub mod snapshot;
pub mod tracker;
pub mod trigger;
pub mod uri;
