//! Channel commands: channels, event rules and contexts of the user-space domain, and the
//! tracepoints the reference tracer provides.

use std::sync::Arc;

use crate::model::channel::{Channel, ChannelExtended, DEFAULT_MONITOR_TIMER_US, default_attr};
use crate::model::domain::DomainType;
use crate::model::error::ErrorCode;
use crate::model::event::{EVENT_ALL, EVENT_TRACEPOINT, Event};
use crate::model::session::SessionKind;
use crate::model::uri::Uri;
use crate::proto::objects;
use crate::proto::sessiond::{Request, SYMBOL_NAME_LEN, union_offsets};
use crate::proto::wire::{Reader, Writer};

use super::request::{event_from_payload, parse_context};
use super::{Daemon, OK, Reply, err, output, with_session_mut};
use crate::sessiond::session::{ChannelState, ConsumerState, Session};

pub(super) fn list_channels(s: &Session) -> Reply {
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

pub(super) fn list_events(s: &Session, req: &Request) -> Reply {
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

pub(super) fn list_tracepoints() -> Reply {
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

pub(super) fn enable_channel(daemon: &Arc<Daemon>, req: &Request) -> Reply {
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

/// DISABLE_CHANNEL.
pub(super) fn disable_channel(s: &mut Session, req: &Request) -> Reply {
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

pub(super) fn enable_event(daemon: &Arc<Daemon>, req: &Request) -> Reply {
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

pub(super) fn disable_event(daemon: &Arc<Daemon>, req: &Request) -> Reply {
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

pub(super) fn add_context(daemon: &Arc<Daemon>, req: &Request) -> Reply {
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
