//! Command handlers of the reference session daemon.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::model::channel::{Channel, ChannelExtended, DEFAULT_MONITOR_TIMER_US, default_attr};
use crate::model::domain::{BufferType, Domain, DomainType};
use crate::model::error::ErrorCode;
use crate::model::event::{CONTEXT_APP_CONTEXT, Context, EVENT_ALL, EVENT_TRACEPOINT, Event};
use crate::model::session::{OutputKind, SessionDescriptor, SessionInfo, SessionKind};
use crate::model::uri::{DstType, StreamType, Uri};
use crate::proto::consumer::{Message, Output};
use crate::proto::objects;
use crate::proto::sessiond::{Command, PATH_MAX, Request, SYMBOL_NAME_LEN, union_offsets};
use crate::proto::uri as wire_uri;
use crate::proto::wire::{Reader, Writer};
use crate::transport::signals;

use super::link::{Failure, Link};
use super::output;
use super::session::{ChannelState, ConsumerState, Session, Template};
use super::{Caller, Daemon, Reply};

const OK: u32 = ErrorCode::Ok as u32;

pub(super) fn err(code: ErrorCode) -> Reply {
    Reply::code(code as u32)
}

/// Largest payload accepted for a request; more is a hostile or broken client.
pub fn max_payload(req: &Request) -> usize {
    match req.command() {
        Some(Command::CreateSessionExt) => PATH_MAX + 65536,
        Some(Command::SetConsumerUri) => 2 * wire_uri::WIRE_URI_LEN,
        Some(Command::EnableChannel) => objects::CHANNEL_COMM_LEN + SYMBOL_NAME_LEN,
        Some(Command::EnableEvent | Command::DisableEvent) => 4 * 1024 * 1024,
        Some(Command::AddContext) => 4096,
        _ => 0,
    }
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
        Command::CreateSessionExt => create_session(daemon, req, caller),
        Command::ListSessions => list_sessions(daemon, caller),
        Command::DestroySession => destroy_session(daemon, &req.session_name),
        Command::ListDomains => with_session(daemon, req, |s| {
            let mut data = Vec::new();
            if s.has_ust {
                let d = Domain::new(
                    DomainType::Ust,
                    if s.ust_buf_type == 0 {
                        BufferType::PerPid
                    } else {
                        BufferType::PerUid
                    },
                );
                data = objects::encode_domain(&d);
            }
            Reply::data(data)
        }),
        Command::ListChannels => with_session(daemon, req, list_channels),
        Command::ListEvents => with_session(daemon, req, |s| list_events(s, req)),
        Command::ListTracepoints => list_tracepoints(),
        Command::EnableChannel => enable_channel(daemon, req),
        Command::DisableChannel => with_session_mut(daemon, req, |s| {
            let Ok(name) = req.union_str(union_offsets::CHANNEL_NAME, SYMBOL_NAME_LEN) else {
                return err(ErrorCode::Invalid);
            };
            if !s.has_ust {
                return err(ErrorCode::NoChannel);
            }
            match s.channel_mut(&name) {
                Some(c) => {
                    c.channel.enabled = false;
                    Reply::code(OK)
                }
                None => err(ErrorCode::UstChanNotFound),
            }
        }),
        Command::EnableEvent => enable_event(daemon, req),
        Command::DisableEvent => disable_event(daemon, req),
        Command::AddContext => add_context(daemon, req),
        Command::StartTrace => start(daemon, &req.session_name),
        Command::StopTrace => stop(daemon, &req.session_name),
        Command::DataPending => data_pending(daemon, &req.session_name),
        Command::SetConsumerUri => output::set_consumer_uri(daemon, req),
        Command::EnableConsumer => output::enable_consumer(daemon, &req.session_name),
        Command::DisableConsumer => output::disable_consumer(daemon, &req.session_name),
        Command::SessionListRotationSchedules => Reply::data(vec![0; 18]),
        Command::SnapshotListOutput => snapshot_list_output(daemon, req),
        Command::SnapshotRecord => snapshot_record(daemon, req),
        Command::ProcessAttrTrackerGetPolicy => Reply::data(0u32.to_ne_bytes().to_vec()),
        Command::ProcessAttrTrackerGetInclusionSet => {
            err(ErrorCode::ProcessAttrTrackerInvalidTrackingPolicy)
        }
        _ => err(ErrorCode::Und),
    }
}

/// Decodes what a request carries (union strings and payload) with the same functions the
/// handlers use, without acting on it: `Err` holds the code the daemon would answer. For
/// fuzzing and tests.
pub fn decode_payload(req: &Request) -> Result<(), u32> {
    let code = |r: Reply| r.code;
    let channel_name = || {
        req.union_str(union_offsets::CHANNEL_NAME, SYMBOL_NAME_LEN)
            .map(|_| ())
            .map_err(|_| ErrorCode::Invalid as u32)
    };
    match req.command() {
        Some(Command::CreateSessionExt) => parse_create(req).map(|_| ()).map_err(code),
        Some(Command::EnableChannel) => objects::decode_channel(&mut Reader::new(&req.payload))
            .map(|_| ())
            .map_err(|_| ErrorCode::InvalidProtocol as u32),
        Some(Command::EnableEvent | Command::DisableEvent) => {
            event_from_payload(req).map_err(code)?;
            channel_name()
        }
        Some(Command::AddContext) => {
            parse_context(req).map_err(code)?;
            channel_name()
        }
        Some(Command::SetConsumerUri) => output::parse_uris(req).map(|_| ()).map_err(code),
        Some(Command::DisableChannel | Command::ListEvents) => channel_name(),
        Some(_) => Ok(()),
        None => Err(ErrorCode::Und as u32),
    }
}

fn with_session(daemon: &Daemon, req: &Request, f: impl FnOnce(&Session) -> Reply) -> Reply {
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

fn unix_now() -> (u64, u64) {
    let d = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    (d.as_secs(), d.as_nanos() as u64)
}

/// Session names the real daemon refuses: empty, `/`, or longer than 254 bytes.
fn valid_session_name(name: &str) -> bool {
    !name.is_empty() && !name.contains('/') && name.len() <= 254
}

/// CREATE_SESSION_EXT's payload: the client's home directory (when sent) and the session
/// descriptor.
fn parse_create(req: &Request) -> Result<(Option<String>, SessionDescriptor), Reply> {
    let home_len = req.union_u16(0) as usize;
    if home_len > req.payload.len() || home_len >= PATH_MAX {
        return Err(err(ErrorCode::Invalid));
    }
    let home = if home_len > 0 {
        let raw = &req.payload[..home_len];
        let Some((0, text)) = raw.split_last() else {
            return Err(err(ErrorCode::Invalid));
        };
        let text = String::from_utf8_lossy(text).into_owned();
        if !text.starts_with('/') {
            return Err(err(ErrorCode::Invalid));
        }
        Some(text)
    } else {
        None
    };
    let Ok(desc) = objects::decode_descriptor(&req.payload[home_len..]) else {
        return Err(err(ErrorCode::InvalidProtocol));
    };
    Ok((home, desc))
}

fn create_session(daemon: &Arc<Daemon>, req: &Request, caller: Caller) -> Reply {
    let (home, mut desc) = match parse_create(req) {
        Ok(parsed) => parsed,
        Err(reply) => return reply,
    };
    if desc.kind == SessionKind::Live && desc.output == OutputKind::Local {
        return err(ErrorCode::Invalid);
    }
    let (now, now_ns) = unix_now();
    let datetime = signals::local_datetime(now);
    let auto = desc.name.is_none();
    let name = desc
        .name
        .clone()
        .unwrap_or_else(|| format!("auto-{datetime}"));
    if !valid_session_name(&name) {
        return err(ErrorCode::SessionInvalidChar);
    }
    // Default outputs, as the real daemon fills them in.
    if desc.uris.is_empty() {
        match desc.output {
            OutputKind::Local => {
                let Some(home) = &home else {
                    return err(ErrorCode::Invalid);
                };
                let dir = if auto {
                    format!("{home}/lttng-traces/{name}")
                } else {
                    format!("{home}/lttng-traces/{name}-{datetime}")
                };
                desc.uris = vec![Uri::path(&dir, StreamType::Control)];
            }
            OutputKind::Network => {
                let mut c = Uri::path("", StreamType::Control);
                c.dtype = DstType::Ipv4;
                c.dst = "127.0.0.1".into();
                c.port = 5342;
                let mut d = c.clone();
                d.stream = StreamType::Data;
                d.port = 5343;
                desc.uris = vec![c, d];
            }
            OutputKind::None => {}
        }
    }
    let template = match desc.uris.as_slice() {
        [] => Template::default(),
        [local] if !local.is_network() => {
            if !local.dst.starts_with('/') || local.dst.contains("../") {
                return err(ErrorCode::Invalid);
            }
            Template::local(&local.dst)
        }
        [c, d] => {
            if c.dst == d.dst && c.port == d.port {
                return err(ErrorCode::Invalid);
            }
            Template {
                control: Some(c.clone()),
                data: Some(d.clone()),
            }
        }
        _ => return err(ErrorCode::Invalid),
    };
    desc.name = Some(name.clone());
    let Ok(reply) = objects::encode_descriptor(&desc) else {
        return err(ErrorCode::Fatal);
    };
    // A snapshot session's output is its default snapshot output, not a live consumer.
    let (template, snapshot_outputs) = if desc.kind == SessionKind::Snapshot && !template.is_empty()
    {
        (
            Template::default(),
            vec![(1, "snapshot-1".to_owned(), template)],
        )
    } else {
        (template, Vec::new())
    };
    let id = daemon
        .next_id
        .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    {
        let mut state = daemon.lock();
        if state.find(&name).is_some() {
            return err(ErrorCode::ExistSess);
        }
        state.sessions.push(Session {
            id,
            name: name.clone(),
            uid: caller.uid,
            gid: caller.gid,
            creation_time: now,
            kind: desc.kind,
            live_timer: desc.live_timer_us as u32,
            template,
            consumer: ConsumerState::Disabled,
            link: None,
            output: Template::default(),
            target: None,
            stretches: 0,
            local_dirs: Vec::new(),
            failure_reported: false,
            ops: Arc::default(),
            active: false,
            ever_started: false,
            has_ust: false,
            ust_buf_type: BufferType::PerUid as i32,
            channels: Vec::new(),
            next_seq: 0,
            trace_uuid: super::random_uuid(),
            clock_start: Instant::now(),
            clock_offset_ns: now_ns,
            destroying: false,
            snapshot_outputs,
            snapshots_taken: 0,
        });
    }
    let worker = daemon.clone();
    let _ = std::thread::Builder::new()
        .name(format!("session-{id}"))
        .spawn(move || session_worker(&worker, id));
    Reply::data(reply)
}

fn list_sessions(daemon: &Daemon, caller: Caller) -> Reply {
    let state = daemon.lock();
    let list: Vec<SessionInfo> = state
        .sessions
        .iter()
        .rev()
        .filter(|s| !s.destroying && (caller.uid == 0 || caller.uid == s.uid))
        .map(|s| {
            let mut path = if s.kind == SessionKind::Snapshot {
                String::new()
            } else {
                s.template.display()
            };
            if let ConsumerState::Failed(f) = &s.consumer {
                path = format!("{path} [consumer failed: {}]", f.reason);
            }
            SessionInfo {
                name: s.name.clone(),
                path,
                enabled: u32::from(s.active),
                snapshot_mode: u32::from(s.kind == SessionKind::Snapshot),
                live_timer_interval: s.live_timer,
                creation_time: Some(s.creation_time),
            }
        })
        .collect();
    Reply::data(objects::encode_session_list(&list))
}

fn list_channels(s: &Session) -> Reply {
    let mut w = Writer::default();
    let mut count = 0u32;
    for c in s.channels.iter().rev() {
        let mut channel = c.channel.clone();
        channel.extended.discarded_events = c.discarded;
        channel.extended.lost_packets = c.lost;
        objects::encode_channel(&channel, &mut w);
        count += 1;
    }
    Reply {
        code: OK,
        cmd_header: count.to_ne_bytes().to_vec(),
        data: w.into_inner(),
        pid: 0,
    }
}

fn list_events(s: &Session, req: &Request) -> Reply {
    let Ok(name) = req.union_str(union_offsets::CHANNEL_NAME, SYMBOL_NAME_LEN) else {
        return err(ErrorCode::Invalid);
    };
    let Some(c) = s.channels.iter().find(|c| c.channel.name == name) else {
        return err(ErrorCode::UstChanNotFound);
    };
    let mut data = Vec::new();
    for e in &c.events {
        let mut listed = e.clone();
        listed.bytecode = None;
        data.extend(objects::encode_event(&listed));
    }
    Reply {
        code: OK,
        cmd_header: (c.events.len() as u32).to_ne_bytes().to_vec(),
        data,
        pid: 0,
    }
}

fn list_tracepoints() -> Reply {
    let e = Event {
        kind: EVENT_TRACEPOINT,
        name: crate::ctf::TICK_EVENT_NAME.into(),
        loglevel: 13,
        enabled: -1,
        pid: std::process::id() as i32,
        ..Event::default()
    };
    Reply {
        code: OK,
        cmd_header: 1u32.to_ne_bytes().to_vec(),
        data: objects::encode_event(&e),
        pid: 0,
    }
}

/// The default channel of the user-space domain.
fn default_channel(buf_type: i32, kind: SessionKind) -> Channel {
    let mut attr = default_attr(DomainType::Ust, buf_type).unwrap_or_default();
    // Discard mode, but snapshot sessions overwrite (they keep the latest data).
    attr.overwrite = i32::from(kind == SessionKind::Snapshot);
    Channel {
        name: "channel0".into(),
        enabled: true,
        attr,
        extended: ChannelExtended {
            monitor_timer_interval: DEFAULT_MONITOR_TIMER_US,
            ..Default::default()
        },
    }
}

/// Makes the user-space domain exist; for a network output this is where the real daemon
/// connects the relay daemon, so the reference daemon enables its consumer here.
fn ensure_ust(daemon: &Arc<Daemon>, name: &str, buf_type: i32) -> Result<(), Reply> {
    let needs_consumer = {
        let mut state = daemon.lock();
        let Some(s) = state.find_mut(name) else {
            return Err(err(ErrorCode::SessNotFound));
        };
        if !s.has_ust {
            s.has_ust = true;
            s.ust_buf_type = buf_type;
        }
        s.link.is_none()
            && s.consumer == ConsumerState::Disabled
            && s.template.control.as_ref().is_some_and(Uri::is_network)
            && s.template.data.is_some()
    };
    if needs_consumer {
        let reply = output::enable_consumer(daemon, name);
        if reply.code != OK {
            return Err(reply);
        }
    }
    Ok(())
}

fn enable_channel(daemon: &Arc<Daemon>, req: &Request) -> Reply {
    let Ok(channel) = objects::decode_channel(&mut Reader::new(&req.payload)) else {
        return err(ErrorCode::InvalidProtocol);
    };
    if channel.name.is_empty() || channel.name.len() >= SYMBOL_NAME_LEN {
        return err(ErrorCode::Invalid);
    }
    if let Err(r) = ensure_ust(daemon, &req.session_name, req.domain.buf_type) {
        return r;
    }
    with_session_mut(daemon, req, |s| {
        if let Some(c) = s.channel_mut(&channel.name) {
            if c.channel.enabled {
                return err(ErrorCode::UstChanExist);
            }
            c.channel.enabled = true;
            return Reply::code(OK);
        }
        if s.ever_started {
            return err(ErrorCode::SessionStarted);
        }
        let mut channel = channel;
        channel.enabled = true;
        // The session default: discard mode, overwrite for snapshot sessions.
        if channel.attr.overwrite == -1 {
            channel.attr.overwrite = i32::from(s.kind == SessionKind::Snapshot);
        }
        s.channels.push(ChannelState::new(channel));
        Reply::code(OK)
    })
}

fn event_from_payload(req: &Request) -> Result<Event, Reply> {
    let mut r = Reader::new(&req.payload);
    let e = objects::decode_event(&mut r).map_err(|_| err(ErrorCode::InvalidProtocol))?;
    if r.remaining() != 0
        || req.union_u32(union_offsets::EVENT_LENGTH) as usize != req.payload.len()
    {
        return Err(err(ErrorCode::InvalidProtocol));
    }
    Ok(e)
}

fn event_key(e: &Event) -> (String, Option<String>, i32, i32, Vec<String>) {
    (
        e.name.clone(),
        e.filter_expression.clone(),
        e.loglevel_type,
        e.loglevel,
        e.exclusions.clone(),
    )
}

fn enable_event(daemon: &Arc<Daemon>, req: &Request) -> Reply {
    let mut event = match event_from_payload(req) {
        Ok(e) => e,
        Err(r) => return r,
    };
    let Ok(channel) = req.union_str(union_offsets::CHANNEL_NAME, SYMBOL_NAME_LEN) else {
        return err(ErrorCode::Invalid);
    };
    if let Err(r) = ensure_ust(daemon, &req.session_name, req.domain.buf_type) {
        return r;
    }
    if event.kind == EVENT_ALL {
        event.kind = EVENT_TRACEPOINT;
    }
    event.enabled = 1;
    with_session_mut(daemon, req, |s| {
        let buf_type = s.ust_buf_type;
        let channel = if channel.is_empty() {
            "channel0".to_owned()
        } else {
            channel
        };
        if s.channel_mut(&channel).is_none() {
            if channel != "channel0" {
                return err(ErrorCode::UstChanNotFound);
            }
            if s.ever_started {
                return err(ErrorCode::SessionStarted);
            }
            s.channels
                .push(ChannelState::new(default_channel(buf_type, s.kind)));
        }
        let Some(c) = s.channel_mut(&channel) else {
            return err(ErrorCode::UstChanNotFound);
        };
        let key = event_key(&event);
        match c.events.iter_mut().find(|e| event_key(e) == key) {
            Some(existing) if existing.enabled != 0 => err(ErrorCode::UstEventEnabled),
            Some(existing) => {
                existing.enabled = 1;
                Reply::code(OK)
            }
            None => {
                c.events.push(event);
                Reply::code(OK)
            }
        }
    })
}

fn disable_event(daemon: &Arc<Daemon>, req: &Request) -> Reply {
    let event = match event_from_payload(req) {
        Ok(e) => e,
        Err(r) => return r,
    };
    let Ok(channel) = req.union_str(union_offsets::CHANNEL_NAME, SYMBOL_NAME_LEN) else {
        return err(ErrorCode::Invalid);
    };
    with_session_mut(daemon, req, |s| {
        if !s.has_ust {
            return err(ErrorCode::NoChannel);
        }
        let channel = if channel.is_empty() {
            "channel0".to_owned()
        } else {
            channel
        };
        let Some(c) = s.channel_mut(&channel) else {
            return err(ErrorCode::UstChanNotFound);
        };
        let all = event.kind == EVENT_ALL && (event.name.is_empty() || event.name == "*");
        let mut found = false;
        for e in c.events.iter_mut().filter(|e| all || e.name == event.name) {
            e.enabled = 0;
            found = true;
        }
        if found || all {
            Reply::code(OK)
        } else {
            err(ErrorCode::UstEventNotFound)
        }
    })
}

/// ADD_CONTEXT's payload: the context type, and an application context's names.
fn parse_context(req: &Request) -> Result<Context, Reply> {
    let mut r = Reader::new(&req.payload);
    let Ok(kind) = r.u32() else {
        return Err(err(ErrorCode::InvalidProtocol));
    };
    Ok(if kind as i32 == CONTEXT_APP_CONTEXT {
        let (Ok(pl), Ok(nl)) = (r.u32(), r.u32()) else {
            return Err(err(ErrorCode::InvalidProtocol));
        };
        let (Ok(provider), Ok(name)) = (r.sized_cstr(pl as usize), r.sized_cstr(nl as usize))
        else {
            return Err(err(ErrorCode::InvalidProtocol));
        };
        Context::App { provider, name }
    } else {
        Context::Simple(kind as i32)
    })
}

fn add_context(daemon: &Arc<Daemon>, req: &Request) -> Reply {
    let ctx = match parse_context(req) {
        Ok(ctx) => ctx,
        Err(reply) => return reply,
    };
    let Ok(channel) = req.union_str(union_offsets::CHANNEL_NAME, SYMBOL_NAME_LEN) else {
        return err(ErrorCode::Invalid);
    };
    if let Err(r) = ensure_ust(daemon, &req.session_name, req.domain.buf_type) {
        return r;
    }
    with_session_mut(daemon, req, |s| {
        if s.ever_started {
            return err(ErrorCode::SessionStarted);
        }
        if s.channels.is_empty() {
            let buf_type = s.ust_buf_type;
            s.channels
                .push(ChannelState::new(default_channel(buf_type, s.kind)));
        }
        let targets: Vec<&mut ChannelState> = s
            .channels
            .iter_mut()
            .filter(|c| channel.is_empty() || c.channel.name == channel)
            .collect();
        if targets.is_empty() {
            return err(ErrorCode::UstChanNotFound);
        }
        for c in targets {
            if c.contexts.contains(&ctx) {
                return err(ErrorCode::UstContextExist);
            }
            c.contexts.push(ctx.clone());
        }
        Reply::code(OK)
    })
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

/// START: a session whose consumer stopped writing does not start (every event would be
/// lost); a new consumer must show that it writes before the start is answered.
fn start(daemon: &Arc<Daemon>, name: &str) -> Reply {
    let needs_consumer = {
        let mut state = daemon.lock();
        let Some(s) = state.find_mut(name) else {
            return err(ErrorCode::SessNotFound);
        };
        if s.active {
            return err(ErrorCode::TraceAlreadyStarted);
        }
        if !s.has_ust || s.channels.is_empty() {
            return err(ErrorCode::NoChannel);
        }
        if let ConsumerState::Failed(f) = &s.consumer {
            let code = f.code;
            s.failure_reported = true;
            return err(code);
        }
        s.link.is_none()
            && s.consumer == ConsumerState::Disabled
            && !s.template.is_empty()
            && !s.ever_started
    };
    if needs_consumer {
        let r = output::enable_consumer(daemon, name);
        if r.code != OK {
            return r;
        }
    }
    // One consumer command at a time on the session (a switch must not happen between the
    // setup below and its confirmation).
    let Some(ops) = daemon.lock().find(name).map(|s| s.ops.clone()) else {
        return err(ErrorCode::SessNotFound);
    };
    let _serial = ops
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let was_started;
    let setup = {
        let mut state = daemon.lock();
        let Some(s) = state.find_mut(name) else {
            return err(ErrorCode::SessNotFound);
        };
        s.active = true;
        was_started = std::mem::replace(&mut s.ever_started, true);
        match (&s.link, &s.target, &s.consumer) {
            (Some(link), Some(target), _) if !link.is_set_up() => Some((
                link.clone(),
                Some(output::setup_message(
                    daemon,
                    s,
                    target.clone(),
                    s.trace_uuid,
                )),
            )),
            (Some(link), _, ConsumerState::Enabled) => Some((link.clone(), None)),
            _ => None,
        }
    };
    daemon.wake.notify_all();
    let Some((link, setup)) = setup else {
        return Reply::code(OK);
    };
    let confirmed = match &setup {
        Some(setup) => link.send_setup(setup).map_err(|e| Failure {
            code: ErrorCode::NoUstconsumerd,
            reason: e.to_string(),
        }),
        None => Ok(()),
    }
    .and_then(|()| link.confirm_writing(output::CONFIRM_TIMEOUT));
    let Err(f) = confirmed else {
        return Reply::code(OK);
    };
    daemon.log(&format!(
        "session {name}: the consumer does not write: {}",
        f.reason
    ));
    if setup.is_none() {
        // The consumer of an earlier start stopped writing meanwhile (an idle relay
        // connection that broke): the session does not start, the consumer is failed.
        return with_named(daemon, name, |s| {
            s.active = false;
            output::note_link_failure(s);
            s.failure_reported = true;
            err(f.code)
        });
    }
    // As the real daemon: a start that fails leaves the session as it was, without the
    // consumer that could not write (the next start tries a new one).
    link.close(output::CLOSE_TIMEOUT);
    with_named(daemon, name, |s| {
        s.active = false;
        s.ever_started = was_started;
        if s.link.as_ref().is_some_and(|l| Arc::ptr_eq(l, &link)) {
            s.link = None;
            s.target = None;
            s.consumer = ConsumerState::Disabled;
        }
        err(f.code)
    })
}

/// Hands every full sub-buffer to the consumer (when consuming), then, with `drain`, asks
/// for a drain and returns the link and the drain's token. Lock order: link writer, then
/// state.
fn pump(daemon: &Daemon, id: u64, drain: bool) -> Option<(Arc<Link>, u64)> {
    let link = {
        let state = daemon.lock();
        let s = state.sessions.iter().find(|s| s.id == id)?;
        match (&s.link, &s.consumer) {
            (Some(l), ConsumerState::Enabled) if l.is_set_up() => l.clone(),
            _ => return None,
        }
    };
    let conn = link
        .conn
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let packets = {
        let mut state = daemon.lock();
        let s = state.by_id_mut(id)?;
        if !s.link.as_ref().is_some_and(|l| Arc::ptr_eq(l, &link)) {
            // Replaced meanwhile: its successor gets the packets.
            return None;
        }
        if drain { s.take_all() } else { s.take_ready() }
    };
    for (stream, p) in packets {
        if crate::consumer::send_packet(&conn, &p.view(stream)).is_err() {
            return None;
        }
    }
    if !drain {
        return None;
    }
    let token = link.request_drain(&conn).ok()?;
    drop(conn);
    Some((link, token))
}

/// How long STOP waits for the consumer to confirm the data (then it answers, and the
/// client's data-pending polling does the rest).
const STOP_WAIT: Duration = Duration::from_secs(5);

/// STOP: the consumer gets everything; a consumer that stopped writing says so in the
/// answer (once: the next commands answer as usual, `lttng list` keeps showing it).
fn stop(daemon: &Arc<Daemon>, name: &str) -> Reply {
    let id = {
        let mut state = daemon.lock();
        let Some(s) = state.find_mut(name) else {
            return err(ErrorCode::SessNotFound);
        };
        if !s.active {
            return err(ErrorCode::TraceAlreadyStopped);
        }
        s.active = false;
        // Partial sub-buffers close now, also for a paused consumer (which gets them when
        // it resumes).
        s.flush();
        s.id
    };
    let drain = pump(daemon, id, true);
    daemon.wake.notify_all();
    if let Some((link, token)) = &drain {
        link.wait_for(STOP_WAIT, |st| st.failed.is_some() || st.drained >= *token);
    }
    with_named(daemon, name, |s| {
        output::note_link_failure(s);
        match &s.consumer {
            ConsumerState::Failed(f) if !s.failure_reported => {
                s.failure_reported = true;
                err(f.code)
            }
            _ => Reply::code(OK),
        }
    })
}

fn data_pending(daemon: &Daemon, name: &str) -> Reply {
    let state = daemon.lock();
    let Some(s) = state.find(name) else {
        return err(ErrorCode::SessNotFound);
    };
    if s.active {
        return err(ErrorCode::SessionStarted);
    }
    let pending =
        s.consumer == ConsumerState::Enabled && s.link.as_ref().is_some_and(|l| l.drain_pending());
    Reply::data(vec![u8::from(pending)])
}

/// Stops (if needed), drains, closes the consumer and removes the session. When the
/// consumer stopped writing, the trace is incomplete: the answer is the real daemon's in
/// that case, LTTNG_ERR_ROTATION_FAIL_CONSUMER.
fn destroy_session(daemon: &Arc<Daemon>, name: &str) -> Reply {
    let (id, active, ops) = {
        let mut state = daemon.lock();
        let Some(s) = state.find_mut(name) else {
            return err(ErrorCode::SessNotFound);
        };
        (s.id, s.active, s.ops.clone())
    };
    let _serial = ops
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // The consumer writes what the buffers hold, also when it was paused.
    with_named(daemon, name, |s| {
        if s.consumer == ConsumerState::Paused {
            s.consumer = ConsumerState::Enabled;
        }
        Reply::code(OK)
    });
    if active {
        stop(daemon, name);
    } else if let Some((link, token)) = pump(daemon, id, true) {
        link.wait_for(STOP_WAIT, |st| st.failed.is_some() || st.drained >= token);
    }
    let (link, failed) = {
        let mut state = daemon.lock();
        let Some(s) = state.by_id_mut(id) else {
            return err(ErrorCode::SessNotFound);
        };
        s.destroying = true;
        output::note_link_failure(s);
        (
            s.link.take(),
            matches!(s.consumer, ConsumerState::Failed(_)),
        )
    };
    daemon.wake.notify_all();
    let mut failed = failed;
    if let Some(link) = link {
        link.wait_for(Duration::from_secs(30), |st| {
            st.failed.is_some() || !link_drain_pending(st, &link)
        });
        link.close(Duration::from_secs(10));
        failed |= link.is_set_up() && link.failure().is_some();
    }
    daemon.lock().sessions.retain(|s| s.id != id);
    daemon.wake.notify_all();
    Reply {
        code: if failed {
            ErrorCode::RotationFailConsumer as u32
        } else {
            OK
        },
        cmd_header: 0i32.to_ne_bytes().to_vec(),
        data: Vec::new(),
        pid: u32::MAX,
    }
}

fn link_drain_pending(st: &super::link::LinkStatus, link: &Link) -> bool {
    let asked = *link
        .next_token
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    st.drained < asked
}

/// Ends every session (daemon shutdown).
pub fn shutdown(daemon: &Arc<Daemon>) {
    let names: Vec<String> = daemon
        .lock()
        .sessions
        .iter()
        .map(|s| s.name.clone())
        .collect();
    for n in names {
        destroy_session(daemon, &n);
    }
}

/// A session's worker: emits `ref:tick` at the configured rate while the session traces,
/// switches sub-buffers periodically, and hands full ones to the consumer.
fn session_worker(daemon: &Arc<Daemon>, id: u64) {
    let rate = daemon.config.tick_rate.max(1);
    let period = Duration::from_secs_f64(1.0 / f64::from(rate));
    let switch = daemon.config.switch_interval;
    let mut emitted_since_start = 0u64;
    let mut run_start: Option<Instant> = None;
    let mut last_switch = Instant::now();
    loop {
        {
            let mut state = daemon.lock();
            let Some(s) = state.by_id_mut(id) else { return };
            if s.destroying {
                return;
            }
            if s.active {
                let start = *run_start.get_or_insert_with(Instant::now);
                let due = (start.elapsed().as_secs_f64() * f64::from(rate)) as u64 + 1;
                // Catch up after a stall, but never burst more than one second of events.
                let burst = (due.saturating_sub(emitted_since_start)).min(u64::from(rate));
                for _ in 0..burst {
                    s.tick();
                }
                emitted_since_start = due.max(emitted_since_start);
                if !switch.is_zero() && last_switch.elapsed() >= switch {
                    s.flush();
                    last_switch = Instant::now();
                }
            } else {
                run_start = None;
                emitted_since_start = 0;
            }
            let wait = if s.active {
                period
            } else {
                Duration::from_millis(200)
            };
            let _ = daemon.wake.wait_timeout(state, wait);
        }
        pump(daemon, id, false);
    }
}

/// The URL text of one side of a template, as LTTng renders snapshot outputs.
fn template_urls(t: &Template) -> (String, String) {
    let render = |u: &Uri| {
        if !u.is_network() {
            return u.dst.clone();
        }
        let (v, host) = if u.dtype == DstType::Ipv6 {
            ("6", format!("[{}]", u.dst))
        } else {
            ("4", u.dst.clone())
        };
        format!("tcp{v}://{host}:{}/{}", u.effective_port(), u.subdir)
    };
    (
        t.control.as_ref().map(render).unwrap_or_default(),
        t.data.as_ref().map(render).unwrap_or_default(),
    )
}

fn snapshot_list_output(daemon: &Daemon, req: &Request) -> Reply {
    with_session(daemon, req, |s| {
        if s.kind != SessionKind::Snapshot {
            return err(ErrorCode::NotSnapshotSession);
        }
        let mut data = Vec::new();
        for (id, name, t) in &s.snapshot_outputs {
            let (ctrl_url, data_url) = template_urls(t);
            data.extend(objects::encode_snapshot_output(&objects::SnapshotOutput {
                id: *id,
                max_size: 0,
                name: name.clone(),
                ctrl_url,
                data_url,
            }));
        }
        Reply::data(data)
    })
}

/// SNAPSHOT_RECORD: copies the buffers' content into a new trace under the snapshot
/// output (`snapshot-<id>-<date>-<n>/`), through a one-shot consumer.
fn snapshot_record(daemon: &Arc<Daemon>, req: &Request) -> Reply {
    let (setup_base, template, packets, s_id, creation, mut setup) = {
        let mut state = daemon.lock();
        let Some(s) = state.find_mut(&req.session_name) else {
            return err(ErrorCode::SessNotFound);
        };
        if s.kind != SessionKind::Snapshot {
            return err(ErrorCode::NotSnapshotSession);
        }
        if !s.ever_started {
            return err(ErrorCode::StartSessionOnce);
        }
        let Some((id, name, template)) = s.snapshot_outputs.first().cloned() else {
            return err(ErrorCode::NoSessionOutput);
        };
        let n = s.snapshots_taken;
        s.snapshots_taken += 1;
        let (now, _) = unix_now();
        let dir_name = format!("{name}-{}-{n}", signals::local_datetime(now));
        let _ = id;
        let packets = s.snapshot_packets();
        let placeholder = Output::Local { dir: String::new() };
        let setup = output::setup_message(daemon, s, placeholder, s.trace_uuid);
        let base = format!(
            "{}-{}/{dir_name}",
            s.name,
            signals::local_datetime(s.creation_time)
        );
        // A relay session id of its own: the relayd shares trace chunks between sessions
        // with the same (sessiond UUID, session id).
        let relay_id = (s.id << 20) + n + 1;
        (
            if template.is_local() { dir_name } else { base },
            template,
            packets,
            relay_id,
            s.creation_time,
            setup,
        )
    };
    let relay = if template.is_local() {
        if let Message::Setup { output, .. } = &mut setup {
            let root = template
                .control
                .as_ref()
                .map(|c| c.dst.clone())
                .unwrap_or_default();
            *output = Output::Local {
                dir: format!("{root}/{setup_base}"),
            };
        }
        None
    } else {
        let mut t = template.clone();
        if let Some(c) = t.control.as_mut() {
            c.subdir = setup_base.clone();
        }
        let target = output::RelayTarget {
            name: &req.session_name,
            id: s_id,
            creation,
            live: 0,
            snapshot: true,
            stretch: 0,
        };
        match output::connect_relay(daemon, &target, &t) {
            Ok((c, d, rid, path)) => {
                if let Message::Setup { output, .. } = &mut setup {
                    *output = Output::Relay {
                        session_id: rid,
                        path,
                        creation_time: creation,
                    };
                }
                Some((c, d))
            }
            Err(f) => {
                daemon.log(&format!(
                    "session {}: snapshot failed: {}",
                    req.session_name, f.reason
                ));
                return err(f.code);
            }
        }
    };
    let link = match Link::spawn(&daemon.consumerd, relay, |_, _| {}) {
        Ok(l) => l,
        Err(_) => return err(ErrorCode::SnapshotFail),
    };
    let sent = link.send_setup(&setup).and_then(|()| {
        let conn = link
            .conn
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for (stream, p) in packets {
            crate::consumer::send_packet(&conn, &p.view(stream))?;
        }
        Ok(())
    });
    link.close(Duration::from_secs(30));
    let ok = sent.is_ok() && link.failure().is_none();
    if ok {
        Reply::code(OK)
    } else {
        err(ErrorCode::SnapshotFail)
    }
}
