//! Command handlers of the reference session daemon.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::consumer::relay::{self, Control, RelayError};
use crate::ctf::TraceInfo;
use crate::model::channel::{Channel, ChannelExtended, DEFAULT_MONITOR_TIMER_US, default_attr};
use crate::model::domain::{BufferType, Domain, DomainType};
use crate::model::error::ErrorCode;
use crate::model::event::{CONTEXT_APP_CONTEXT, Context, EVENT_ALL, EVENT_TRACEPOINT, Event};
use crate::model::session::{OutputKind, SessionDescriptor, SessionInfo, SessionKind};
use crate::model::uri::{DstType, Protocol, StreamType, Uri};
use crate::proto::consumer::{Message, Output, StreamSpec};
use crate::proto::objects;
use crate::proto::relayd::CreateSession;
use crate::proto::sessiond::{Command, PATH_MAX, Request, SYMBOL_NAME_LEN, union_offsets};
use crate::proto::uri as wire_uri;
use crate::proto::wire::{Reader, Writer};
use crate::transport::signals;

use super::link::Link;
use super::session::{ChannelState, ConsumerState, Session, Template};
use super::{Caller, Daemon, Reply};

const OK: u32 = ErrorCode::Ok as u32;

fn err(code: ErrorCode) -> Reply {
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
                data = d.to_bytes();
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
        Command::SetConsumerUri => set_consumer_uri(daemon, req),
        Command::EnableConsumer => enable_consumer(daemon, &req.session_name, true),
        Command::DisableConsumer => disable_consumer(daemon, &req.session_name),
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
        Some(Command::SetConsumerUri) => parse_uris(req).map(|_| ()).map_err(code),
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

fn with_session_mut(
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
            relay_session: None,
            relay_reconnects: 0,
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
            if let ConsumerState::Failed(reason) = &s.consumer {
                path = format!("{path} [consumer failed: {reason}]");
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
        let reply = enable_consumer(daemon, name, false);
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

/// The trace path of a session's user-space buffers.
fn trace_path(s: &Session) -> String {
    if s.ust_buf_type == BufferType::PerPid as i32 {
        format!("ust/pid/lttng-ref-sessiond-{}", std::process::id())
    } else {
        format!("ust/uid/{}/64-bit", s.uid)
    }
}

fn setup_message(daemon: &Daemon, s: &Session, relay: Option<(u64, String)>) -> Message {
    let info = TraceInfo {
        uuid: s.trace_uuid,
        hostname: daemon.hostname.clone(),
        session_name: s.name.clone(),
        clock_offset_ns: s.clock_offset_ns,
    };
    let output = match (relay, &s.template.control) {
        (Some((session_id, path)), _) => Output::Relay {
            session_id,
            path,
            creation_time: s.creation_time,
        },
        (None, Some(c)) => Output::Local { dir: c.dst.clone() },
        (None, None) => Output::Local { dir: String::new() },
    };
    Message::Setup {
        output,
        hostname: daemon.hostname.clone(),
        session_name: s.name.clone(),
        trace_path: trace_path(s),
        metadata: info.metadata(),
        streams: s
            .channels
            .iter()
            .enumerate()
            .map(|(i, c)| StreamSpec {
                id: i as u32,
                name: c.channel.name.clone(),
                subbuf_size: c.channel.attr.subbuf_size.clamp(4096, 64 << 20),
            })
            .collect(),
    }
}

fn relay_error_code(e: &RelayError) -> ErrorCode {
    match e {
        RelayError::Connect { .. } | RelayError::Io(_) | RelayError::Protocol => {
            ErrorCode::RelaydConnectFail
        }
        RelayError::Version(..) => ErrorCode::RelaydVersionFail,
        RelayError::Refused { .. } => ErrorCode::EnableConsumerFail,
    }
}

/// Connects both relay paths and creates the relay session; on any failure both sockets
/// are closed (dropped) before returning.
/// Relay session parameters of a session: name, id, creation time, live timer, snapshot
/// flag, and how many relay sessions were created after a failure (0 for the first).
struct RelayTarget<'a> {
    name: &'a str,
    id: u64,
    creation: u64,
    live: u32,
    snapshot: bool,
    reconnect: u64,
}

fn connect_relay(
    daemon: &Daemon,
    target: &RelayTarget<'_>,
    t: &Template,
) -> Result<(std::net::TcpStream, std::net::TcpStream, u64, String), (ErrorCode, String)> {
    let RelayTarget {
        name: s_name,
        id: s_id,
        creation,
        live,
        snapshot,
        reconnect,
    } = *target;
    let (Some(c), Some(d)) = (&t.control, &t.data) else {
        return Err((ErrorCode::UrlDataMiss, "no data URI".into()));
    };
    let fail = |e: RelayError| (relay_error_code(&e), e.to_string());
    let control = relay::connect(&c.dst, c.effective_port()).map_err(fail)?;
    let data = relay::connect(&d.dst, d.effective_port()).map_err(fail)?;
    let mut ctl = Control::new(control);
    ctl.version().map_err(fail)?;
    let mut base_path = c.subdir.trim_end_matches('/').to_owned();
    let mut session_id = s_id;
    if reconnect > 0 {
        // A new relay session after a failure: a directory and an id of its own (a relay
        // daemon restarted on the same output would otherwise truncate the first trace).
        if base_path.is_empty() {
            base_path = format!("{s_name}-{}", signals::local_datetime(creation));
        }
        base_path = format!("{base_path}-{reconnect}");
        session_id = s_id + (reconnect << 32);
    }
    let (relay_id, path) = ctl
        .create_session(&CreateSession {
            session_name: s_name.to_owned(),
            hostname: daemon.hostname.clone(),
            base_path,
            live_timer: live,
            snapshot,
            sessiond_uuid: daemon.sessiond_uuid,
            session_id,
            creation_time: creation,
        })
        .map_err(fail)?;
    Ok((ctl.into_stream(), data, relay_id, path))
}

/// The design's ENABLE_CONSUMER: both URIs needed; connects both relay paths and creates
/// the relay session (or uses a local directory); starts the consumer.
fn enable_consumer(daemon: &Arc<Daemon>, name: &str, explicit: bool) -> Reply {
    let (template, id, creation, live, snapshot, state) = {
        let state = daemon.lock();
        let Some(s) = state.find(name) else {
            return err(ErrorCode::SessNotFound);
        };
        (
            s.template.clone(),
            s.id,
            s.creation_time,
            s.live_timer,
            s.kind == SessionKind::Snapshot,
            s.consumer.clone(),
        )
    };
    if state == ConsumerState::Enabled {
        return Reply::code(OK);
    }
    if state == ConsumerState::Paused {
        return with_named(daemon, name, |s| {
            s.consumer = ConsumerState::Enabled;
            Reply::code(OK)
        });
    }
    if template.control.is_none() {
        return err(ErrorCode::UrlCtrlMiss);
    }
    let relay = if template.is_local() {
        None
    } else {
        if template.data.is_none() {
            return err(ErrorCode::UrlDataMiss);
        }
        if template
            .data
            .as_ref()
            .is_some_and(|d| d.proto == Protocol::Udp)
        {
            daemon.log(&format!(
                "session {name}: lttng-relayd 2.13 has no UDP data path"
            ));
            return err(ErrorCode::EnableConsumerFail);
        }
        // After a failure, the new relay session gets its own directory and trace UUID.
        let reconnect = if matches!(state, ConsumerState::Failed(_)) {
            let mut n = 0;
            with_named(daemon, name, |s| {
                s.relay_reconnects += 1;
                s.trace_uuid = super::random_uuid();
                n = s.relay_reconnects;
                Reply::code(OK)
            });
            n
        } else {
            0
        };
        let target = RelayTarget {
            name,
            id,
            creation,
            live,
            snapshot,
            reconnect,
        };
        match connect_relay(daemon, &target, &template) {
            Ok(r) => Some(r),
            Err((code, why)) => {
                daemon.log(&format!(
                    "session {name}: enabling the consumer failed: {why}"
                ));
                return err(code);
            }
        }
    };
    let weak = Arc::downgrade(daemon);
    let session_name = name.to_owned();
    let on_failure = move |reason: String| {
        if let Some(d) = weak.upgrade() {
            d.log(&format!(
                "session {session_name}: consumer failed: {reason}"
            ));
            let mut state = d.lock();
            if let Some(s) = state.by_id_mut(id) {
                s.consumer = ConsumerState::Failed(reason);
            }
        }
    };
    let (sockets, relay_session) = match relay {
        Some((c, d, rid, path)) => (Some((c, d)), Some((rid, path))),
        None => (None, None),
    };
    let link = match Link::spawn(&daemon.consumerd, sockets, on_failure) {
        Ok(l) => l,
        Err(e) => {
            daemon.log(&format!(
                "session {name}: cannot start {}: {e}",
                daemon.consumerd.display()
            ));
            return err(ErrorCode::EnableConsumerFail);
        }
    };
    let _ = explicit;
    with_named(daemon, name, |s| {
        s.relay_session = relay_session;
        s.link = Some(link);
        s.consumer = ConsumerState::Enabled;
        if s.ever_started {
            // Enabled while tracing: the consumer starts writing right away.
            let _ = send_setup(daemon, s);
        }
        Reply::code(OK)
    })
}

fn with_named(daemon: &Daemon, name: &str, f: impl FnOnce(&mut Session) -> Reply) -> Reply {
    let mut state = daemon.lock();
    let r = match state.find_mut(name) {
        Some(s) => f(s),
        None => err(ErrorCode::SessNotFound),
    };
    daemon.wake.notify_all();
    r
}

fn send_setup(daemon: &Daemon, s: &mut Session) -> Result<(), ErrorCode> {
    let Some(link) = s.link.clone() else {
        return Ok(());
    };
    if link.is_set_up() {
        return Ok(());
    }
    let setup = setup_message(daemon, s, s.relay_session.clone());
    link.send_setup(&setup).map_err(|e| {
        daemon.log(&format!("session {}: consumer setup failed: {e}", s.name));
        ErrorCode::NoUstconsumerd
    })
}

fn disable_consumer(daemon: &Arc<Daemon>, name: &str) -> Reply {
    with_named(daemon, name, |s| match s.consumer {
        ConsumerState::Enabled => {
            s.consumer = ConsumerState::Paused;
            Reply::code(OK)
        }
        ConsumerState::Paused => Reply::code(OK),
        _ => err(ErrorCode::NoConsumer),
    })
}

/// SET_CONSUMER_URI's payload: one or two wire URIs.
fn parse_uris(req: &Request) -> Result<Vec<Uri>, Reply> {
    let count = req.union_u32(union_offsets::FIRST_U32) as usize;
    if count == 0 || count > 2 || req.payload.len() != count * wire_uri::WIRE_URI_LEN {
        return Err(err(ErrorCode::Invalid));
    }
    let mut r = Reader::new(&req.payload);
    let mut uris = Vec::new();
    for _ in 0..count {
        match wire_uri::decode(&mut r) {
            Ok(u) => uris.push(u),
            Err(_) => return Err(err(ErrorCode::Invalid)),
        }
    }
    Ok(uris)
}

fn set_consumer_uri(daemon: &Arc<Daemon>, req: &Request) -> Reply {
    let uris = match parse_uris(req) {
        Ok(uris) => uris,
        Err(reply) => return reply,
    };
    with_session_mut(daemon, req, |s| {
        if s.consumer == ConsumerState::Enabled {
            return err(ErrorCode::UrlExist);
        }
        if s.active {
            return err(ErrorCode::TraceAlreadyStarted);
        }
        let mut t = s.template.clone();
        for u in uris {
            if !u.is_network() {
                if !u.dst.starts_with('/') || u.dst.contains("../") {
                    return err(ErrorCode::Invalid);
                }
                t = Template::local(&u.dst);
                continue;
            }
            if u.subdir.contains("../") || u.subdir.split('/').any(|c| c == "..") {
                return err(ErrorCode::Invalid);
            }
            if u.stream == StreamType::Control && u.proto == Protocol::Udp {
                return err(ErrorCode::Invalid);
            }
            if t.is_local() {
                t = Template::default();
            }
            let mut u = u;
            u.port = u.effective_port();
            match u.stream {
                StreamType::Control => t.control = Some(u),
                StreamType::Data => t.data = Some(u),
            }
        }
        if let (Some(c), Some(d)) = (&t.control, &t.data) {
            if c.is_network() && c.dst == d.dst && c.port == d.port {
                return err(ErrorCode::Invalid);
            }
        }
        // A new destination: the paused consumer (if any) is replaced at the next enable.
        if t != s.template {
            if let Some(old) = s.link.take() {
                std::thread::spawn(move || old.close(Duration::from_secs(10)));
            }
            s.relay_session = None;
            s.consumer = ConsumerState::Disabled;
            s.trace_uuid = super::random_uuid();
        }
        s.template = t;
        Reply::code(OK)
    })
}

fn start(daemon: &Arc<Daemon>, name: &str) -> Reply {
    let needs_consumer = {
        let state = daemon.lock();
        let Some(s) = state.find(name) else {
            return err(ErrorCode::SessNotFound);
        };
        if s.active {
            return err(ErrorCode::TraceAlreadyStarted);
        }
        if !s.has_ust || s.channels.is_empty() {
            return err(ErrorCode::NoChannel);
        }
        s.link.is_none()
            && s.consumer == ConsumerState::Disabled
            && !s.template.is_empty()
            && !s.ever_started
    };
    if needs_consumer {
        let r = enable_consumer(daemon, name, false);
        if r.code != OK {
            return r;
        }
    }
    with_named(daemon, name, |s| {
        s.active = true;
        s.ever_started = true;
        match send_setup(daemon, s) {
            Ok(()) => Reply::code(OK),
            Err(code) => err(code),
        }
    })
}

/// Hands every full sub-buffer to the consumer (when consuming), then, with `drain`, asks
/// for a drain. Lock order: link writer, then state.
fn pump(daemon: &Daemon, id: u64, drain: bool) {
    let link = {
        let state = daemon.lock();
        let Some(s) = state.sessions.iter().find(|s| s.id == id) else {
            return;
        };
        match (&s.link, &s.consumer) {
            (Some(l), ConsumerState::Enabled) if l.is_set_up() => l.clone(),
            _ => return,
        }
    };
    let conn = link
        .conn
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let packets = {
        let mut state = daemon.lock();
        let Some(s) = state.by_id_mut(id) else { return };
        if drain {
            s.flush();
        }
        s.take_ready()
    };
    for (stream, p) in packets {
        if crate::consumer::send_packet(&conn, &p.view(stream)).is_err() {
            return;
        }
    }
    if drain {
        let _ = link.request_drain(&conn);
    }
}

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
        s.flush();
        s.id
    };
    pump(daemon, id, true);
    daemon.wake.notify_all();
    Reply::code(OK)
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

/// Stops (if needed), drains, closes the consumer and removes the session.
fn destroy_session(daemon: &Arc<Daemon>, name: &str) -> Reply {
    let (id, active) = {
        let mut state = daemon.lock();
        let Some(s) = state.find_mut(name) else {
            return err(ErrorCode::SessNotFound);
        };
        (s.id, s.active)
    };
    if active {
        stop(daemon, name);
    }
    let link = {
        let mut state = daemon.lock();
        let Some(s) = state.by_id_mut(id) else {
            return err(ErrorCode::SessNotFound);
        };
        s.destroying = true;
        s.link.take()
    };
    daemon.wake.notify_all();
    if let Some(link) = link {
        link.wait_for(Duration::from_secs(30), |st| {
            st.failed.is_some() || !link_drain_pending(st, &link)
        });
        link.close(Duration::from_secs(10));
    }
    daemon.lock().sessions.retain(|s| s.id != id);
    daemon.wake.notify_all();
    Reply {
        code: OK,
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
        let setup = setup_message(daemon, s, None);
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
        let target = RelayTarget {
            name: &req.session_name,
            id: s_id,
            creation,
            live: 0,
            snapshot: true,
            reconnect: 0,
        };
        match connect_relay(daemon, &target, &t) {
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
            Err((code, why)) => {
                daemon.log(&format!(
                    "session {}: snapshot failed: {why}",
                    req.session_name
                ));
                return err(code);
            }
        }
    };
    let link = match Link::spawn(&daemon.consumerd, relay, |_| {}) {
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
