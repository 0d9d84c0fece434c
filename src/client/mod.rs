//! The safe Rust API: LTTng 2.13 control operations against a session daemon.
//!
//! Every call opens its own connection, sends one command and reads its reply, so calls
//! from any number of threads never share a socket. Errors carry the LTTng code the real
//! library would return (negated by [`Error::api_value`]).
//!
//! ```no_run
//! use lttng_ctl::client::{self, Handle};
//! use lttng_ctl::model::domain::{BufferType, Domain, DomainType};
//! use lttng_ctl::model::event::Event;
//!
//! client::create_session("demo", Some("net://127.0.0.1:5342:5343"), None)?;
//! let handle = Handle::new("demo", Domain::new(DomainType::Ust, BufferType::PerUid));
//! client::enable_event(&handle, &mut Event { name: "*".into(), ..Event::default() }, None, None)?;
//! client::start_tracing("demo")?;
//! client::stop_tracing("demo", true)?;
//! client::destroy_session("demo")?;
//! # Ok::<(), lttng_ctl::client::Error>(())
//! ```
//!
//! The network-consumer design's chain: a session without output, then its consumer's
//! control and data URIs through a handle without a domain, then the consumer enabled.
//!
//! ```no_run
//! use lttng_ctl::client::{self, Handle};
//! use lttng_ctl::model::domain::Domain;
//! use lttng_ctl::model::uri::parse_consumer_uri;
//!
//! client::create_session("demo", None, None)?;
//! let consumer = Handle::new("demo", Domain::zeroed());
//! let uris = parse_consumer_uri("net://127.0.0.1:5342:5343", client::resolver())
//!     .map_err(|_| client::Error(97))?;
//! for uri in &uris {
//!     client::set_consumer_uri(&consumer, uri)?; // control, then data
//! }
//! client::enable_consumer(&consumer)?;           // connects the relay daemon
//! # Ok::<(), lttng_ctl::client::Error>(())
//! ```
//!
//! Set `LTTNG_CTL_DEBUG=1` (or call [`set_debug_log`] first) for a log of every command and
//! reply on stderr; the library prints nothing otherwise.

#![forbid(unsafe_code)]

mod channels;
mod consumer;
mod daemon;
mod events;
mod exchange;
pub mod health;
pub mod load;
pub mod notification;
pub mod pending;
pub mod rotation;
mod sessions;
pub mod snapshot;
pub mod tracker;
pub mod trigger;

use crate::model::domain::Domain;
use crate::model::error::ErrorCode;
use crate::model::session::session_name_fits;
use crate::proto::sessiond::{Command, Request};

pub use crate::model::event::EventField;
/// The captured values of a notification's capture payload (`ffi::condition`).
pub use crate::proto::notification::decode_captures;
/// Size of the creation-time record after each session of a LIST_SESSIONS reply (what
/// `lttng_session_get_creation_time` reads after the array).
pub use crate::proto::objects::SESSION_EXTENDED_LEN;
pub use crate::proto::objects::SessionRecord;
/// `LTTNG_PATH_MAX`: the size of every path and URL array of the API.
pub use crate::proto::sessiond::PATH_MAX;
pub use channels::{disable_channel, enable_channel, list_channels};
pub use consumer::{
    disable_consumer, enable_consumer, prepare_consumer_uri, register_consumer, resolver,
    set_consumer_uri, set_consumer_uris, set_consumer_url,
};
pub(crate) use daemon::in_tracing_group;
pub use daemon::{session_daemon_alive, set_tracing_group, tracing_group};
pub use events::{FilterReport, disable_event_reporting, enable_event_reporting};
pub use events::{
    add_context, disable_event, enable_event, list_events, list_syscalls, list_tracepoint_fields,
    list_tracepoints,
};
pub use exchange::{Reply, debug_note, execute, set_debug_log};
pub use sessions::{
    DATA_PENDING_POLL, create_session, create_session_ext, create_session_live,
    create_session_snapshot, data_pending, destroy_session, destroy_session_no_wait, list_domains,
    list_sessions, parse_urls, parse_urls_reporting, regenerate_metadata, regenerate_statedump,
    save_session, set_session_shm_path, start_tracing, stop_tracing, with_session_records,
};

/// An LTTng error: the positive `enum lttng_error_code` value (or whatever the daemon sent).
///
/// ```
/// use lttng_ctl::client::Error;
/// use lttng_ctl::model::error::ErrorCode;
///
/// let e = Error::from(ErrorCode::SessNotFound);
/// assert_eq!((e.0, e.api_value()), (23, -23));
/// assert_eq!(e.text(), "Session name not found");
/// assert_eq!(e.to_string(), "Session name not found (LTTng error 23)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{} (LTTng error {})", self.text(), self.0)]
pub struct Error(pub i32);

impl Error {
    /// The value the C API returns: the code negated.
    pub fn api_value(self) -> i32 {
        self.0.checked_neg().unwrap_or(i32::MIN)
    }

    /// The code, if upstream defines it.
    pub fn code(self) -> Option<ErrorCode> {
        ErrorCode::from_i32(self.0)
    }

    /// The `lttng_strerror` text.
    pub fn text(self) -> &'static str {
        crate::model::error::strerror(self.api_value()).unwrap_or("Unknown error code")
    }
}

impl From<ErrorCode> for Error {
    fn from(c: ErrorCode) -> Error {
        Error(c as i32)
    }
}

/// Where a call gives the messages upstream's library prints (`Error: ...` on stderr):
/// `true` for an error, else a warning, then the text. The client prints nothing itself;
/// the C layer passes a reporter that prints unless the program set `lttng_opt_quiet`.
pub type Report = fn(bool, &str);

/// Result of a client call.
pub type Result<T> = std::result::Result<T, Error>;

fn invalid<T>() -> Result<T> {
    Err(ErrorCode::Invalid.into())
}

/// A session name and a domain: what most commands act on (`struct lttng_handle`).
///
/// The consumer commands take a handle without a domain ([`Domain::zeroed`]); channel and
/// event commands one with the domain they act on.
///
/// ```
/// use lttng_ctl::client::Handle;
/// use lttng_ctl::model::domain::{BufferType, Domain, DomainType};
///
/// let consumer = Handle::new("demo", Domain::zeroed());
/// let ust = Handle::new("demo", Domain::new(DomainType::Ust, BufferType::PerUid));
/// assert_eq!(ust.domain.domain_type(), Some(DomainType::Ust));
/// assert_eq!(consumer.domain.domain_type(), Some(DomainType::None));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handle {
    /// Session name.
    pub session: String,
    /// Domain.
    pub domain: Domain,
}

impl Handle {
    /// A handle on `session` in `domain`.
    pub fn new(session: &str, domain: Domain) -> Handle {
        Handle {
            session: session.to_owned(),
            domain,
        }
    }

    fn request(&self, cmd: Command) -> Result<Request> {
        Ok(Request::new(cmd)
            .with_session(checked_session_name(&self.session)?)
            .with_domain(&self.domain.for_request()))
    }
}

fn checked_session_name(name: &str) -> Result<&str> {
    if session_name_fits(name) {
        Ok(name)
    } else {
        invalid()
    }
}

fn session_request(cmd: Command, name: &str) -> Result<Request> {
    Ok(Request::new(cmd).with_session(checked_session_name(name)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_map_to_api_values() {
        assert_eq!(Error::from(ErrorCode::Invalid).api_value(), -97);
        assert_eq!(Error(500).api_value(), -500);
        assert_eq!(Error(500).text(), "Unknown error code");
        assert_eq!(Error(i32::MIN).api_value(), i32::MIN);
    }

    #[test]
    fn session_names_must_fit() {
        assert!(checked_session_name(&"x".repeat(254)).is_ok());
        assert_eq!(checked_session_name(&"x".repeat(255)), Err(Error(97)));
    }
}
