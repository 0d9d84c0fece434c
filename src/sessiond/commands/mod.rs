//! The reference session daemon's client commands: the checks made before a payload is
//! read ([`precheck`]), then [`dispatch`] to the handlers, by area: `sessions` (create,
//! list, start, stop, destroy), `channels` (channels, event rules, contexts, tracepoints),
//! `snapshot`, and `output` (the consumer commands, in `sessiond/output.rs`). What a
//! request carries is decoded in `request`; the session workers are `sessiond/worker.rs`.

mod channels;
pub(super) mod request;
mod sessions;
mod snapshot;

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::model::domain::DomainType;
use crate::model::error::ErrorCode;
use crate::proto::sessiond::{Command, Request};

use super::output;
use super::session::Session;
use super::{Caller, Daemon, Reply};

pub(super) use request::{decode_payload, max_payload};
pub(super) use sessions::shutdown;

pub(super) const OK: u32 = ErrorCode::Ok as u32;

pub(super) fn err(code: ErrorCode) -> Reply {
    Reply::code(code as u32)
}

/// Commands that do not name a session.
fn needs_session(cmd: Option<Command>) -> bool {
    !matches!(
        cmd,
        Some(
            Command::CreateSessionExt
                | Command::ListSessions
                | Command::ListTracepoints
                | Command::ListSyscalls
                | Command::ListTracepointFields
                | Command::SaveSession
                | Command::RegisterTrigger
                | Command::UnregisterTrigger
                | Command::ListTriggers
                | Command::ExecuteErrorQuery
        )
    )
}

/// Commands that act on a domain (the real daemon checks the domain before anything else).
fn uses_domain(cmd: Option<Command>) -> bool {
    matches!(
        cmd,
        Some(
            Command::AddContext
                | Command::DisableChannel
                | Command::DisableEvent
                | Command::EnableChannel
                | Command::EnableEvent
                | Command::ListChannels
                | Command::ListEvents
                | Command::ListTracepoints
                | Command::ListTracepointFields
                | Command::ProcessAttrTrackerAddIncludeValue
                | Command::ProcessAttrTrackerRemoveIncludeValue
                | Command::ProcessAttrTrackerGetPolicy
                | Command::ProcessAttrTrackerSetPolicy
                | Command::ProcessAttrTrackerGetInclusionSet
        )
    )
}

/// Checks made before the payload is read (as the real daemon): id, domain, session,
/// ownership. An `Err` is answered without reading the payload.
pub fn precheck(daemon: &Daemon, req: &Request, caller: Caller) -> Result<(), Reply> {
    let cmd = req.command();
    if cmd.is_none() && req.cmd > 52 {
        return Err(err(ErrorCode::Und));
    }
    if uses_domain(cmd) || (cmd.is_some() && req.domain.kind != 0 && req.domain.kind != 2) {
        match req.domain.domain_type() {
            Some(DomainType::Kernel) => {
                return Err(err(if daemon.root {
                    ErrorCode::KernNa
                } else {
                    ErrorCode::NeedRootSessiond
                }));
            }
            Some(DomainType::Ust) => {}
            Some(DomainType::None) if !uses_domain(cmd) => {}
            _ => return Err(err(ErrorCode::UnknownDomain)),
        }
    }
    if needs_session(cmd) {
        let state = daemon.lock();
        let Some(s) = state.find(&req.session_name) else {
            return Err(err(ErrorCode::SessNotFound));
        };
        if caller.uid != 0 && caller.uid != s.uid {
            return Err(err(ErrorCode::Eperm));
        }
    }
    if cmd.is_none() {
        return Err(err(ErrorCode::Und));
    }
    Ok(())
}

/// Runs a command whose payload has been read.
pub fn dispatch(daemon: &Arc<Daemon>, req: &Request, caller: Caller) -> Reply {
    let Some(cmd) = req.command() else {
        return err(ErrorCode::Und);
    };
    match cmd {
        Command::CreateSessionExt => sessions::create_session(daemon, req, caller),
        Command::ListSessions => sessions::list_sessions(daemon, caller),
        Command::DestroySession => sessions::destroy_session(daemon, &req.session_name),
        Command::ListDomains => with_session(daemon, req, sessions::list_domains),
        Command::ListChannels => with_session(daemon, req, channels::list_channels),
        Command::ListEvents => with_session(daemon, req, |s| channels::list_events(s, req)),
        Command::ListTracepoints => channels::list_tracepoints(),
        Command::EnableChannel => channels::enable_channel(daemon, req),
        Command::DisableChannel => {
            with_session_mut(daemon, req, |s| channels::disable_channel(s, req))
        }
        Command::EnableEvent => channels::enable_event(daemon, req),
        Command::DisableEvent => channels::disable_event(daemon, req),
        Command::AddContext => channels::add_context(daemon, req),
        Command::StartTrace => sessions::start(daemon, &req.session_name),
        Command::StopTrace => sessions::stop(daemon, &req.session_name),
        Command::DataPending => sessions::data_pending(daemon, &req.session_name),
        Command::SetConsumerUri => output::set_consumer_uri(daemon, req),
        Command::EnableConsumer => output::enable_consumer(daemon, &req.session_name),
        Command::DisableConsumer => output::disable_consumer(daemon, &req.session_name),
        Command::SessionListRotationSchedules => Reply::data(vec![0; 18]),
        Command::SnapshotListOutput => snapshot::snapshot_list_output(daemon, req),
        Command::SnapshotRecord => snapshot::snapshot_record(daemon, req),
        Command::ProcessAttrTrackerGetPolicy => Reply::data(0u32.to_ne_bytes().to_vec()),
        Command::ProcessAttrTrackerGetInclusionSet => {
            err(ErrorCode::ProcessAttrTrackerInvalidTrackingPolicy)
        }
        _ => err(ErrorCode::Und),
    }
}

pub(super) fn with_session(
    daemon: &Daemon,
    req: &Request,
    f: impl FnOnce(&Session) -> Reply,
) -> Reply {
    let state = daemon.lock();
    match state.find(&req.session_name) {
        Some(s) => f(s),
        None => err(ErrorCode::SessNotFound),
    }
}

pub(super) fn with_session_mut(
    daemon: &Daemon,
    req: &Request,
    f: impl FnOnce(&mut Session) -> Reply,
) -> Reply {
    let mut state = daemon.lock();
    match state.find_mut(&req.session_name) {
        Some(s) => {
            let r = f(s);
            daemon.wake.notify_all();
            r
        }
        None => err(ErrorCode::SessNotFound),
    }
}

/// Runs `f` on the session named `name`, then wakes the session workers.
pub(super) fn with_named(
    daemon: &Daemon,
    name: &str,
    f: impl FnOnce(&mut Session) -> Reply,
) -> Reply {
    let mut state = daemon.lock();
    let r = match state.find_mut(name) {
        Some(s) => f(s),
        None => err(ErrorCode::SessNotFound),
    };
    daemon.wake.notify_all();
    r
}

pub(super) fn unix_now() -> (u64, u64) {
    let d = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    (d.as_secs(), d.as_nanos() as u64)
}
