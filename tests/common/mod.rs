//! Test harness: real LTTng daemons run as an unprivileged user in private directories, C
//! programs compiled against the real headers and run on our library.
//!
//! Isolation rules (README.md, "Tests"): every daemon runs as the unprivileged test user,
//! with its own `LTTNG_HOME` and its own ports; processes are started so that their pid is
//! known (`setpriv` execs the daemon) and only those pids are ever signalled.
//!
//! By concern: `env` (CI, installed programs, the test user), `dirs` (private directories),
//! `process` (pids, ports, time limits), `daemons` (real and reference daemons), `programs`
//! (our library, C programs built against the real headers), `cli` (the `lttng` and
//! `lttng-consumer` commands), `traces` (what arrived), `copies` (what the test user runs),
//! `standin` (a recording stand-in daemon).

#![allow(dead_code)]

pub mod cli;
pub mod copies;
pub mod daemons;
pub mod dirs;
pub mod env;
pub mod process;
pub mod programs;
pub mod standin;
pub mod traces;

#[allow(unused_imports)]
pub use cli::*;
#[allow(unused_imports)]
pub use copies::*;
#[allow(unused_imports)]
pub use daemons::*;
#[allow(unused_imports)]
pub use dirs::*;
#[allow(unused_imports)]
pub use env::*;
#[allow(unused_imports)]
pub use process::*;
#[allow(unused_imports)]
pub use programs::*;
#[allow(unused_imports)]
pub use traces::*;
