//! Sessions (`lttng/session.h`, `lttng/lttng.h`): create, list, start, stop, destroy, save,
//! and the 2.13 URL pair parser the creation calls use.

use std::time::Duration;

use crate::client::{
    Error, Report, Result, checked_session_name, execute, invalid, pending, resolver,
    session_request,
};
use crate::model::domain::Domain;
use crate::model::error::ErrorCode;
use crate::model::session::{OutputKind, SessionDescriptor, SessionInfo, SessionKind};
use crate::model::uri::{self, Uri};
use crate::proto::objects::{self, SessionRecord};
use crate::proto::sessiond::{Command, NAME_MAX, PATH_MAX, Request, union_offsets};
use crate::proto::wire::Writer;
use crate::transport::paths;

/// Creates a session from a descriptor and returns the daemon's completed descriptor.
///
/// A local or network output without URIs gets the daemon's default location under this
/// process's LTTng home, as upstream.
pub fn create_session_ext(desc: &SessionDescriptor) -> Result<SessionDescriptor> {
    if let Some(name) = &desc.name {
        checked_session_name(name)?;
    }
    let body = objects::encode_descriptor(desc).map_err(|_| Error::from(ErrorCode::Invalid))?;
    let needs_home = desc.uris.is_empty() && desc.output != OutputKind::None;
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

/// Parses a URL pair the way the 2.13 API does. A refused pair is reported to `report` as
/// upstream's parser reports it (see [`parse_urls_reporting`]).
pub fn parse_urls(
    ctrl: Option<&str>,
    data: Option<&str>,
    report: Option<Report>,
) -> Result<Vec<Uri>> {
    parse_urls_reporting(ctrl, data, report).map_err(|_| ErrorCode::Invalid.into())
}

/// Parses a URL pair the way the 2.13 API does; when it refuses them, gives upstream's
/// messages to `report` (the C layer's reporter prints them as `Error: ...` on stderr, as
/// the real library does, unless the program set `lttng_opt_quiet`).
pub fn parse_urls_reporting(
    ctrl: Option<&str>,
    data: Option<&str>,
    report: Option<Report>,
) -> std::result::Result<Vec<Uri>, uri::UriError> {
    let parsed = uri::parse_str_urls(ctrl, data, resolver());
    if let (Err(_), Some(report)) = (&parsed, report) {
        for line in uri::str_urls_messages(ctrl, data, resolver()) {
            report(true, &line);
        }
    }
    parsed
}

/// `lttng_create_session`: no URL means no output; a path or `file://` URL a local output;
/// a `net://` URL a network output.
pub fn create_session(name: &str, url: Option<&str>, report: Option<Report>) -> Result<()> {
    create_with_url(SessionKind::Regular, name, url, report)
}

/// `lttng_create_session_snapshot`.
pub fn create_session_snapshot(
    name: &str,
    url: Option<&str>,
    report: Option<Report>,
) -> Result<()> {
    create_with_url(SessionKind::Snapshot, name, url, report)
}

/// A session of `kind` with the output of one 2.13 URL (a single URI may not be a network
/// one).
fn create_with_url(
    kind: SessionKind,
    name: &str,
    url: Option<&str>,
    report: Option<Report>,
) -> Result<()> {
    let uris = parse_urls(url, None, report)?;
    if uris.len() == 1 && uris[0].is_network() {
        return invalid();
    }
    create_session_ext(&SessionDescriptor::from_uris(kind, Some(name), uris)).map(|_| ())
}

/// `lttng_create_session_live`: the URL, when given, must be a network one.
pub fn create_session_live(
    name: &str,
    url: Option<&str>,
    timer_us: u32,
    report: Option<Report>,
) -> Result<()> {
    if timer_us == 0 {
        return invalid();
    }
    let uris = parse_urls(url, None, report)?;
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

/// `lttng_save_session` (command 31): saves `session` (empty: every session) as XML under
/// `url` (empty: the daemon's default directory).
pub fn save_session(
    session: &str,
    url: &str,
    overwrite: bool,
    omit_name: bool,
    omit_output: bool,
) -> Result<()> {
    if session.len() >= NAME_MAX || url.len() >= PATH_MAX {
        return invalid();
    }
    let mut attr = Writer::with_capacity(4354);
    attr.fixed_str(session, NAME_MAX);
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
