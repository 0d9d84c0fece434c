//! The C ABI: the exports of liblttng-ctl 2.13, one module per upstream header, plus the
//! network-consumer design's additions (`uri`) and our own `lttng_rs_` symbols (`rs`).
//!
//! Every export checks its pointers, converts C values through `convert`, calls the safe
//! [`crate::client`] API and maps its result to upstream's return convention, inside the
//! `ffi_boundary!` panic boundary.

#![allow(non_camel_case_types)]

pub mod action;
pub mod alloc;
pub mod boundary;
pub mod channel;
pub mod condition;
pub mod convert;
pub mod event;
pub mod event_expr;
pub mod event_rule;
pub mod health;
pub mod location;
pub mod lttng;
pub mod notification;
pub mod object;
pub mod rotation;
pub mod rs;
pub mod save_load;
pub mod session;
pub mod session_descriptor;
pub mod snapshot;
pub mod status;
pub mod tracker;
pub mod tracker_pid;
pub mod trigger;
pub mod trigger_host;
pub mod types;
pub mod uri;
pub mod userspace_probe;
pub mod viewer;
