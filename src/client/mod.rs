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
//! client::create_session("demo", Some("net://127.0.0.1:5342:5343"))?;
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
//! client::create_session("demo", None)?;
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

mod exchange;
pub mod load;
pub mod pending;
pub mod rotation;
pub mod snapshot;
pub mod tracker;
pub mod trigger;

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use crate::model::channel::Channel;
use crate::model::domain::{BufferType, Domain, DomainType};
use crate::model::error::ErrorCode;
pub use crate::model::event::EventField;
use crate::model::event::{Context, Event};
use crate::model::session::{SessionDescriptor, SessionInfo, SessionKind, session_name_fits};
use crate::model::uri::{self, Uri};
pub use crate::proto::objects::SessionRecord;
use crate::proto::sessiond::{Command, PATH_MAX, Request, SYMBOL_NAME_LEN, union_offsets};
use crate::proto::wire::Writer;
use crate::proto::{objects, replies};
use crate::transport::paths;

pub use exchange::{Reply, execute, set_debug_log};

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

/// The tracing group and what was found out about it.
struct TracingGroup {
    /// Set by [`set_tracing_group`]; `None` means the default group.
    name: Option<String>,
    /// Whether the process is a member, and for which real uid it was found: looked up once
    /// (the group database and the process's supplementary groups), not on every command.
    member: Option<(libc::uid_t, bool)>,
}

static TRACING_GROUP: Mutex<TracingGroup> = Mutex::new(TracingGroup {
    name: None,
    member: None,
});

fn tracing_group_state() -> std::sync::MutexGuard<'static, TracingGroup> {
    TRACING_GROUP.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The tracing group used to decide whether to try the root daemon's socket.
pub fn tracing_group() -> String {
    tracing_group_state()
        .name
        .clone()
        .unwrap_or_else(|| paths::DEFAULT_TRACING_GROUP.to_owned())
}

/// Sets the tracing group (process-wide, as upstream). Membership is looked up again at the
/// next command.
pub fn set_tracing_group(name: &str) {
    let mut state = tracing_group_state();
    state.name = Some(name.to_owned());
    state.member = None;
}

/// Whether a process of real uid `uid` is a member of the tracing group.
///
/// Upstream looks the group up in the group database and reads the supplementary groups on
/// every command. Neither changes for a running process unless it changes its own
/// credentials: its supplementary groups are fixed at login, and changing them takes
/// `setgroups`, which a process that is not root can only do with CAP_SETGID. So the answer
/// is kept per real uid: a process that changes user (root dropping to a user, say) looks it
/// up again, and so does every process after [`set_tracing_group`].
pub(crate) fn in_tracing_group(uid: libc::uid_t) -> bool {
    let mut state = tracing_group_state();
    if let Some((for_uid, member)) = state.member {
        if for_uid == uid {
            return member;
        }
    }
    let member = paths::is_group_member(
        state
            .name
            .as_deref()
            .unwrap_or(paths::DEFAULT_TRACING_GROUP),
    );
    state.member = Some((uid, member));
    member
}

/// True when a session daemon accepts connections on the socket this process would use.
///
/// Connects and closes without sending anything, like the real library.
pub fn session_daemon_alive() -> bool {
    exchange::connect().is_ok()
}

/// The resolver used for URLs: the system's (getaddrinfo).
pub fn resolver() -> &'static dyn uri::Resolve {
    &crate::transport::resolve::SystemResolver
}

/// Creates a session from a descriptor and returns the daemon's completed descriptor.
///
/// A local or network output without URIs gets the daemon's default location under this
/// process's LTTng home, as upstream.
pub fn create_session_ext(desc: &SessionDescriptor) -> Result<SessionDescriptor> {
    if let Some(name) = &desc.name {
        checked_session_name(name)?;
    }
    let body = objects::encode_descriptor(desc).map_err(|_| Error::from(ErrorCode::Invalid))?;
    let needs_home = desc.uris.is_empty() && desc.output != crate::model::session::OutputKind::None;
    let mut payload = Vec::new();
    let mut home_size = 0u16;
    if needs_home {
        let home = paths::home_dir().ok_or(Error::from(ErrorCode::Fatal))?;
        let home = home.to_string_lossy().into_owned();
        if home.len() + 1 > PATH_MAX {
            return invalid();
        }
        payload.extend_from_slice(home.as_bytes());
        payload.push(0);
        home_size = payload.len() as u16;
    }
    let body_len = body.len() as u64;
    payload.extend_from_slice(&body);
    let req = Request::new(Command::CreateSessionExt)
        .with_union_bytes(union_offsets::HOME_DIR_SIZE, &home_size.to_ne_bytes())
        .with_union_bytes(union_offsets::DESCRIPTOR_SIZE, &body_len.to_ne_bytes())
        .with_payload(payload);
    let reply = execute(&req)?;
    if reply.data.is_empty() {
        return Err(ErrorCode::Fatal.into());
    }
    objects::decode_descriptor(&reply.data).map_err(|_| ErrorCode::Fatal.into())
}

/// Parses a URL pair the way the 2.13 API does. A refused pair is reported as upstream's
/// parser reports it (see [`parse_urls_reporting`]).
pub fn parse_urls(ctrl: Option<&str>, data: Option<&str>) -> Result<Vec<Uri>> {
    parse_urls_reporting(ctrl, data).map_err(|_| ErrorCode::Invalid.into())
}

/// Parses a URL pair the way the 2.13 API does; when it refuses them, prints upstream's
/// messages (`Error: ...` on stderr), as the real library does, unless the program set
/// `lttng_opt_quiet` (the `lttng` CLI's `-q`).
pub fn parse_urls_reporting(
    ctrl: Option<&str>,
    data: Option<&str>,
) -> std::result::Result<Vec<Uri>, uri::UriError> {
    let parsed = uri::parse_str_urls(ctrl, data, resolver());
    if parsed.is_err() {
        for line in uri::str_urls_messages(ctrl, data, resolver()) {
            // The process-wide quiet flag is the exported `lttng_opt_quiet`.
            crate::ffi::lttng::report_error(true, &line);
        }
    }
    parsed
}

/// `lttng_create_session`: no URL means no output; a path or `file://` URL a local output;
/// a `net://` URL a network output.
pub fn create_session(name: &str, url: Option<&str>) -> Result<()> {
    let uris = parse_urls(url, None)?;
    if uris.len() == 1 && uris[0].is_network() {
        return invalid();
    }
    create_session_ext(&SessionDescriptor::from_uris(
        SessionKind::Regular,
        Some(name),
        uris,
    ))
    .map(|_| ())
}

/// `lttng_create_session_snapshot`.
pub fn create_session_snapshot(name: &str, url: Option<&str>) -> Result<()> {
    let uris = parse_urls(url, None)?;
    if uris.len() == 1 && uris[0].is_network() {
        return invalid();
    }
    create_session_ext(&SessionDescriptor::from_uris(
        SessionKind::Snapshot,
        Some(name),
        uris,
    ))
    .map(|_| ())
}

/// `lttng_create_session_live`: the URL, when given, must be a network one.
pub fn create_session_live(name: &str, url: Option<&str>, timer_us: u32) -> Result<()> {
    if timer_us == 0 {
        return invalid();
    }
    let uris = parse_urls(url, None)?;
    if !uris.is_empty() && uris.len() != 2 {
        return invalid();
    }
    let mut desc = SessionDescriptor::from_uris(SessionKind::Live, Some(name), uris);
    desc.live_timer_us = u64::from(timer_us);
    create_session_ext(&desc).map(|_| ())
}

/// `lttng_list_sessions`.
pub fn list_sessions() -> Result<Vec<SessionInfo>> {
    let reply = execute(&Request::new(Command::ListSessions))?;
    objects::decode_session_list(&reply.data).map_err(|_| ErrorCode::Unk.into())
}

/// `lttng_list_sessions` without copying the sessions' strings: `f` gets them borrowed
/// from the daemon's reply, bytes as sent (for callers that copy them elsewhere, as the C
/// layer does into the caller's array).
pub fn with_session_records<R>(f: impl FnOnce(&[SessionRecord<'_>]) -> R) -> Result<R> {
    let reply = execute(&Request::new(Command::ListSessions))?;
    let records = objects::session_records(&reply.data).map_err(|_| ErrorCode::Unk)?;
    Ok(f(&records))
}

/// `lttng_list_domains`.
pub fn list_domains(session: &str) -> Result<Vec<Domain>> {
    let reply = execute(&session_request(Command::ListDomains, session)?)?;
    Ok(objects::decode_domain_list(&reply.data))
}

/// `lttng_list_channels`.
pub fn list_channels(handle: &Handle) -> Result<Vec<Channel>> {
    replies::decode_channels_reply(&execute(&handle.request(Command::ListChannels)?)?)
        .map_err(Error::from)
}

/// `lttng_list_events` for `channel`.
pub fn list_events(handle: &Handle, channel: &str) -> Result<Vec<Event>> {
    if channel.len() >= SYMBOL_NAME_LEN {
        return invalid();
    }
    let req = handle.request(Command::ListEvents)?.with_union_str(
        union_offsets::CHANNEL_NAME,
        SYMBOL_NAME_LEN,
        channel,
    );
    replies::decode_events_reply(&execute(&req)?).map_err(Error::from)
}

/// `lttng_enable_channel` (the caller applies defaults and memory checks).
pub fn enable_channel(handle: &Handle, channel: &Channel) -> Result<()> {
    if channel.name.len() >= SYMBOL_NAME_LEN {
        return invalid();
    }
    let mut w = Writer::default();
    objects::encode_channel(channel, &mut w);
    let payload = w.into_inner();
    let req = handle
        .request(Command::EnableChannel)?
        .with_union_u32(union_offsets::FIRST_U32, payload.len() as u32)
        .with_payload(payload);
    execute(&req).map(|_| ())
}

/// `lttng_disable_channel`.
pub fn disable_channel(handle: &Handle, name: &str) -> Result<()> {
    if name.len() >= SYMBOL_NAME_LEN {
        return invalid();
    }
    let req = handle.request(Command::DisableChannel)?.with_union_str(
        union_offsets::CHANNEL_NAME,
        SYMBOL_NAME_LEN,
        name,
    );
    execute(&req).map(|_| ())
}

fn event_request(cmd: Command, handle: &Handle, event: &Event, channel: &str) -> Result<Request> {
    if channel.len() >= SYMBOL_NAME_LEN || event.name.len() >= SYMBOL_NAME_LEN {
        return invalid();
    }
    let payload = objects::encode_event(event);
    Ok(handle
        .request(cmd)?
        .with_union_str(union_offsets::CHANNEL_NAME, SYMBOL_NAME_LEN, channel)
        .with_union_u32(union_offsets::EVENT_LENGTH, payload.len() as u32)
        .with_payload(payload))
}

/// The filter expression a request needs: the caller's, or for the agent domains (JUL,
/// log4j, Python) the one upstream synthesizes from the logger name and log level.
fn needed_filter(handle: &Handle, event: &Event, filter: Option<&str>) -> Option<String> {
    let agent = handle
        .domain
        .domain_type()
        .is_some_and(DomainType::is_agent);
    if !agent {
        return filter.map(str::to_owned);
    }
    let mut expr = match (event.name.as_str(), filter) {
        ("*", f) => f.map(str::to_owned),
        (name, None) => Some(format!("logger_name == \"{name}\"")),
        (name, Some(f)) => Some(format!("({f}) && (logger_name == \"{name}\")")),
    };
    if event.loglevel_type != 0 {
        let op = if event.loglevel_type == 1 { ">=" } else { "==" };
        let level = format!("int_loglevel {op} {}", event.loglevel);
        expr = Some(match expr {
            Some(base) => format!("({base}) && ({level})"),
            None => level,
        });
    }
    expr
}

/// Compiles a filter expression for the daemon: the whole `struct lttng_bytecode`.
///
/// Every failure is -LTTNG_ERR_FILTER_INVAL, as upstream. Upstream also prints why on
/// stderr; this library prints it only when `LTTNG_CTL_FILTER_DEBUG` is set.
fn compile_filter(expr: &str) -> Result<Vec<u8>> {
    crate::filter::compile(expr).map_err(|e| {
        if std::env::var_os("LTTNG_CTL_FILTER_DEBUG").is_some() {
            eprintln!("lttng-ctl: filter {expr:?}: {e}");
        }
        ErrorCode::FilterInval.into()
    })
}

/// `lttng_enable_event_with_exclusions`. An empty name becomes `*`, in the caller's event
/// too, as upstream. `filter`, when given, must not be empty.
pub fn enable_event(
    handle: &Handle,
    event: &mut Event,
    channel: Option<&str>,
    filter: Option<&str>,
) -> Result<()> {
    if filter == Some("") {
        return invalid();
    }
    if event.name.is_empty() {
        event.name = "*".to_owned();
    }
    let mut to_send = event.clone();
    if let Some(expr) = needed_filter(handle, event, filter) {
        to_send.bytecode = Some(compile_filter(&expr)?);
        to_send.filter_expression = Some(expr);
    }
    if to_send
        .exclusions
        .iter()
        .any(|x| x.len() >= SYMBOL_NAME_LEN)
    {
        return invalid();
    }
    let req = event_request(
        Command::EnableEvent,
        handle,
        &to_send,
        channel.unwrap_or(""),
    )?;
    execute(&req).map(|_| ())
}

/// `lttng_disable_event_ext` (no `*` rewriting, no exclusions).
pub fn disable_event(
    handle: &Handle,
    event: &Event,
    channel: Option<&str>,
    filter: Option<&str>,
) -> Result<()> {
    if filter == Some("") {
        return invalid();
    }
    let mut to_send = event.clone();
    to_send.exclusions.clear();
    if let Some(expr) = needed_filter(handle, event, filter) {
        to_send.bytecode = Some(compile_filter(&expr)?);
        to_send.filter_expression = Some(expr);
    }
    let req = event_request(
        Command::DisableEvent,
        handle,
        &to_send,
        channel.unwrap_or(""),
    )?;
    execute(&req).map(|_| ())
}

/// `lttng_add_context`.
pub fn add_context(
    handle: &Handle,
    ctx: &Context,
    _event: Option<&str>,
    channel: Option<&str>,
) -> Result<()> {
    let channel = channel.unwrap_or("");
    if channel.len() >= SYMBOL_NAME_LEN {
        return invalid();
    }
    let body = objects::encode_context(ctx);
    let req = handle
        .request(Command::AddContext)?
        .with_union_str(union_offsets::CHANNEL_NAME, SYMBOL_NAME_LEN, channel)
        .with_union_u32(union_offsets::EVENT_LENGTH, body.len() as u32)
        .with_payload(body);
    execute(&req).map(|_| ())
}

/// `lttng_start_tracing`.
pub fn start_tracing(session: &str) -> Result<()> {
    execute(&session_request(Command::StartTrace, session)?).map(|_| ())
}

/// Interval between two data-pending polls.
pub const DATA_PENDING_POLL: Duration = Duration::from_millis(200);

/// `lttng_stop_tracing` (`wait`: then poll until no data is pending) or `_no_wait`.
///
/// As upstream, "already stopped" still waits for pending data, then is returned.
pub fn stop_tracing(session: &str, wait: bool) -> Result<()> {
    let stopped = execute(&session_request(Command::StopTrace, session)?).map(|_| ());
    match stopped {
        Ok(()) | Err(Error(81)) if wait => {
            wait_data_pending(session)?;
            stopped
        }
        other => other,
    }
}

fn wait_data_pending(session: &str) -> Result<()> {
    while data_pending(session)? != 0 {
        std::thread::sleep(DATA_PENDING_POLL);
    }
    Ok(())
}

/// `lttng_data_pending`: the daemon's answer byte (0 when all data is written, 1 while some
/// is pending).
pub fn data_pending(session: &str) -> Result<u8> {
    let reply = execute(&session_request(Command::DataPending, session)?)?;
    match reply.data.as_slice() {
        [flag] => Ok(*flag),
        _ => invalid(),
    }
}

/// `lttng_destroy_session`: stop (tolerating "already stopped"), wait for data, destroy and
/// wait for the daemon's deferred answer.
pub fn destroy_session(session: &str) -> Result<()> {
    match stop_tracing(session, true) {
        Ok(()) | Err(Error(81)) => {}
        Err(e) => return Err(e),
    }
    let mut pending = pending::destroy(session)?;
    match pending.wait(None) {
        pending::Wait::Completed => match pending.result {
            Some(10) => Ok(()),
            Some(code) => Err(Error(code as i32)),
            None => Err(ErrorCode::Unk.into()),
        },
        _ => Err(ErrorCode::Unk.into()),
    }
}

/// `lttng_destroy_session_no_wait`: sends the command and returns without an answer.
pub fn destroy_session_no_wait(session: &str) -> Result<()> {
    pending::destroy(session).map(|_| ())
}

/// `lttng_set_consumer_url`: parses a control URL and an optional data URL with the 2.13
/// rules (`net://HOST[:CTRL[:DATA]]` alone, or `tcp://` control and data on the same host, or
/// a local path) and sends them in one SET_CONSUMER_URI.
///
/// ```no_run
/// use lttng_ctl::client::{self, Handle};
/// use lttng_ctl::model::domain::Domain;
///
/// let consumer = Handle::new("demo", Domain::zeroed());
/// client::set_consumer_url(&consumer, Some("tcp://127.0.0.1:5342"), Some("tcp://127.0.0.1:5343"))?;
/// # Ok::<(), lttng_ctl::client::Error>(())
/// ```
pub fn set_consumer_url(handle: &Handle, ctrl: Option<&str>, data: Option<&str>) -> Result<()> {
    let uris = parse_urls(ctrl, data)?;
    set_consumer_uris(handle, &uris)
}

/// Sends SET_CONSUMER_URI with `uris` (already valid and resolved).
pub fn set_consumer_uris(handle: &Handle, uris: &[Uri]) -> Result<()> {
    let payload =
        crate::proto::uri::encode_all(uris).map_err(|_| Error::from(ErrorCode::Invalid))?;
    let req = handle
        .request(Command::SetConsumerUri)?
        .with_union_u32(union_offsets::FIRST_U32, uris.len() as u32)
        .with_payload(payload);
    execute(&req).map(|_| ())
}

/// The design's `lttng_set_consumer_uri`: validates one URI, resolves a host name, applies
/// the stream's default port, then sends it as SET_CONSUMER_URI. Nothing is sent when the
/// URI is refused ([`prepare_consumer_uri`] says why).
///
/// Use a handle without a domain. Refused by the reference daemon once the consumer is
/// enabled (`LTTNG_ERR_URL_EXIST`, 21) and once the session has started.
///
/// ```no_run
/// use lttng_ctl::client::{self, Handle};
/// use lttng_ctl::model::domain::Domain;
/// use lttng_ctl::model::uri::{StreamType, Uri};
///
/// let consumer = Handle::new("demo", Domain::zeroed());
/// client::set_consumer_uri(&consumer, &Uri::path("/var/trace/demo", StreamType::Control))?;
/// # Ok::<(), lttng_ctl::client::Error>(())
/// ```
pub fn set_consumer_uri(handle: &Handle, uri: &Uri) -> Result<()> {
    let uri = prepare_consumer_uri(uri)?;
    set_consumer_uris(handle, std::slice::from_ref(&uri))
}

/// Checks and completes a design URI for the 2.13 wire (see [`set_consumer_uri`]): the
/// URI as it will be sent, with a host name resolved and the stream's default port applied.
///
/// Errors: hops give `LTTNG_ERR_NOT_SUPPORTED` (15); UDP on the control path, relative
/// paths, `..`, unresolvable hosts `LTTNG_ERR_INVALID` (97).
///
/// ```
/// use lttng_ctl::client::{self, Error};
/// use lttng_ctl::model::uri::{NoResolve, parse_consumer_uri};
///
/// let uris = parse_consumer_uri("net://127.0.0.1:6000", &NoResolve).unwrap();
/// let data = client::prepare_consumer_uri(&uris[1])?;
/// assert_eq!(data.to_url(), "tcp4://127.0.0.1:5343/"); // the data path's default port
///
/// let hop = parse_consumer_uri("tcp://10.0.0.1,tcp://127.0.0.1", &NoResolve).unwrap();
/// assert_eq!(client::prepare_consumer_uri(&hop[0]), Err(Error(15)));
/// # Ok::<(), lttng_ctl::client::Error>(())
/// ```
pub fn prepare_consumer_uri(uri: &Uri) -> Result<Uri> {
    uri.validate_for_consumer().map_err(|e| match e {
        uri::UriError::HopNotSupported => Error::from(ErrorCode::NotSupported),
        _ => Error::from(ErrorCode::Invalid),
    })?;
    let mut out = uri.clone();
    let bad = || Error::from(ErrorCode::Invalid);
    match out.dtype {
        uri::DstType::Host => {
            // A name becomes the address the 2.13 wire needs: IPv4 first, as LTTng prefers.
            let v4 = resolver().resolve(&out.dst, uri::Family::V4);
            let (dtype, addr) = match v4 {
                Some(addr) => (uri::DstType::Ipv4, addr),
                None => {
                    let v6 = resolver()
                        .resolve(&out.dst, uri::Family::V6)
                        .ok_or_else(bad)?;
                    (uri::DstType::Ipv6, v6)
                }
            };
            out.dtype = dtype;
            out.dst = addr;
        }
        uri::DstType::Ipv4 | uri::DstType::Ipv6 => {
            let family = if out.dtype == uri::DstType::Ipv4 {
                uri::Family::V4
            } else {
                uri::Family::V6
            };
            // Numeric addresses only (and `localhost`, as the 2.13 parser allows).
            out.dst = uri::numeric_address(&out.dst, family, &uri::NoResolve).map_err(|_| bad())?;
        }
        uri::DstType::Path => {}
    }
    out.port = out.effective_port();
    Ok(out)
}

/// `lttng_save_session` (command 31): saves `session` (empty: every session) as XML under
/// `url` (empty: the daemon's default directory).
pub fn save_session(
    session: &str,
    url: &str,
    overwrite: bool,
    omit_name: bool,
    omit_output: bool,
) -> Result<()> {
    if session.len() >= crate::proto::sessiond::NAME_MAX || url.len() >= PATH_MAX {
        return invalid();
    }
    let mut attr = Writer::with_capacity(4354);
    attr.fixed_str(session, crate::proto::sessiond::NAME_MAX);
    attr.fixed_str(url, PATH_MAX);
    attr.u8(u8::from(overwrite));
    attr.u8(u8::from(omit_name));
    attr.u8(u8::from(omit_output));
    let req = Request::new(Command::SaveSession).with_union_bytes(0, &attr.into_inner());
    execute(&req).map(|_| ())
}

/// `lttng_regenerate_metadata` (command 41).
pub fn regenerate_metadata(session: &str) -> Result<()> {
    execute(&session_request(Command::RegenerateMetadata, session)?).map(|_| ())
}

/// `lttng_regenerate_statedump` (command 42).
pub fn regenerate_statedump(session: &str) -> Result<()> {
    execute(&session_request(Command::RegenerateStatedump, session)?).map(|_| ())
}

/// `lttng_set_session_shm_path` (command 40); `None` clears it.
pub fn set_session_shm_path(session: &str, path: Option<&str>) -> Result<()> {
    let path = path.unwrap_or("");
    if path.len() >= PATH_MAX {
        return invalid();
    }
    let req =
        session_request(Command::SetSessionShmPath, session)?.with_union_str(0, PATH_MAX, path);
    execute(&req).map(|_| ())
}

/// `lttng_register_consumer` (command 15).
pub fn register_consumer(handle: &Handle, socket_path: &str) -> Result<()> {
    if socket_path.len() >= PATH_MAX {
        return invalid();
    }
    let req = handle
        .request(Command::RegisterConsumer)?
        .with_union_str(0, PATH_MAX, socket_path);
    execute(&req).map(|_| ())
}

/// `lttng_list_tracepoints`: the instrumentation points the daemon knows in `domain`.
pub fn list_tracepoints(domain: &Domain) -> Result<Vec<Event>> {
    list_instrumentation(Command::ListTracepoints, domain)
}

/// `lttng_list_syscalls`: the kernel's system calls.
pub fn list_syscalls() -> Result<Vec<Event>> {
    list_instrumentation(
        Command::ListSyscalls,
        &Domain::new(DomainType::Kernel, BufferType::Global),
    )
}

/// LIST_TRACEPOINTS / LIST_SYSCALLS. TODO(ffi): private once the C layer calls the two above.
pub fn list_instrumentation(cmd: Command, domain: &Domain) -> Result<Vec<Event>> {
    let req = Request::new(cmd).with_domain(&domain.for_request());
    replies::decode_instrumentation_reply(&execute(&req)?).map_err(Error::from)
}

/// `lttng_list_tracepoint_fields` (command 18, payload-style).
pub fn list_tracepoint_fields(domain: &Domain) -> Result<Vec<EventField>> {
    replies::decode_fields_reply(&execute(
        &Request::new(Command::ListTracepointFields).with_domain(&domain.for_request()),
    )?)
    .map_err(Error::from)
}

/// The design's `lttng_enable_consumer` (command 20): the daemon connects the control and
/// data paths (both URIs must be set: `LTTNG_ERR_URL_CTRL_MISS` 102,
/// `LTTNG_ERR_URL_DATA_MISS` 101; `LTTNG_ERR_RELAYD_CONNECT_FAIL` 104 when the relay daemon
/// does not answer) and consumes; enabling a disabled consumer resumes it. The real 2.13
/// daemon answers "Undefined command" (12); the reference daemon performs it.
///
/// ```no_run
/// use lttng_ctl::client::{self, Handle};
/// use lttng_ctl::model::domain::Domain;
///
/// let consumer = Handle::new("demo", Domain::zeroed());
/// client::set_consumer_url(&consumer, Some("net://127.0.0.1"), None)?;
/// client::enable_consumer(&consumer)?;
/// client::disable_consumer(&consumer)?; // pause
/// client::enable_consumer(&consumer)?;  // resume
/// # Ok::<(), lttng_ctl::client::Error>(())
/// ```
pub fn enable_consumer(handle: &Handle) -> Result<()> {
    execute(&handle.request(Command::EnableConsumer)?).map(|_| ())
}

/// The design's `lttng_disable_consumer` (command 19): pauses consumption; the consumer
/// and its relay connections stay, and what the buffers cannot hold meanwhile is counted as
/// discarded. `LTTNG_ERR_NO_CONSUMER` (109) when the session has none.
pub fn disable_consumer(handle: &Handle) -> Result<()> {
    execute(&handle.request(Command::DisableConsumer)?).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::domain::BufferType;

    fn handle(kind: DomainType) -> Handle {
        Handle::new("s", Domain::new(kind, BufferType::PerPid))
    }

    fn event(name: &str, loglevel_type: i32, loglevel: i32) -> Event {
        Event {
            name: name.into(),
            loglevel_type,
            loglevel,
            ..Event::default()
        }
    }

    #[test]
    fn agent_domains_derive_filters_like_upstream() {
        let jul = handle(DomainType::Jul);
        assert_eq!(needed_filter(&jul, &event("*", 0, 0), None), None);
        assert_eq!(
            needed_filter(&jul, &event("org.app", 0, 0), None).as_deref(),
            Some("logger_name == \"org.app\"")
        );
        assert_eq!(
            needed_filter(&jul, &event("org.app", 1, 800), None).as_deref(),
            Some("(logger_name == \"org.app\") && (int_loglevel >= 800)")
        );
        assert_eq!(
            needed_filter(&jul, &event("*", 2, 30), None).as_deref(),
            Some("int_loglevel == 30")
        );
        assert_eq!(
            needed_filter(&jul, &event("a", 0, 0), Some("x > 1")).as_deref(),
            Some("(x > 1) && (logger_name == \"a\")")
        );
        assert_eq!(
            needed_filter(&jul, &event("*", 0, 0), Some("x")).as_deref(),
            Some("x")
        );
        // User space and kernel: only the caller's filter.
        let ust = handle(DomainType::Ust);
        assert_eq!(needed_filter(&ust, &event("a", 1, 3), None), None);
        assert_eq!(
            needed_filter(&ust, &event("a", 1, 3), Some("y")).as_deref(),
            Some("y")
        );
    }

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
