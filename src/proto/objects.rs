//! Serialized objects carried in payloads: session descriptors, session and domain lists,
//! channels and events (2.13's `*_comm` formats, packed, host order).

use crate::model::channel::{Channel, ChannelAttr, ChannelExtended};
use crate::model::domain::{DOMAIN_SIZE, Domain};
use crate::model::event::{
    CONTEXT_APP_CONTEXT, Context, EVENT_FUNCTION, EVENT_FUNCTION_ENTRY, EVENT_PROBE, Event,
    ProbeAttr,
};
use crate::model::session::{OutputKind, SessionDescriptor, SessionInfo, SessionKind};
pub use crate::model::snapshot::SnapshotOutput;
use crate::model::tracker::Value;
use crate::proto::DecodeError;
use crate::proto::sessiond::{NAME_MAX, PATH_MAX, SESSION_LEN, SYMBOL_NAME_LEN};
use crate::proto::uri::{self, EncodeError, WIRE_URI_LEN};
use crate::proto::wire::{Reader, Writer};

/// Size of one LIST_SESSIONS extended record (`{u64 creation_time, u8 is_set}`).
pub const SESSION_EXTENDED_LEN: usize = 9;
/// Size of the channel header (`struct lttng_channel_comm`).
pub const CHANNEL_COMM_LEN: usize = 83;
/// Size of the event header (`struct lttng_event_comm`).
pub const EVENT_COMM_LEN: usize = 43;
/// Size of the session descriptor header (live adds 8).
pub const DESCRIPTOR_HEADER_LEN: usize = 7;

/// Encodes a session descriptor (CREATE_SESSION_EXT payload and reply).
pub fn encode_descriptor(d: &SessionDescriptor) -> Result<Vec<u8>, EncodeError> {
    let mut w = Writer::with_capacity(64 + d.uris.len() * WIRE_URI_LEN);
    w.u8(d.kind as u8);
    w.u8(d.output as u8);
    let name_len = d.name.as_ref().map_or(0, |n| n.len() + 1);
    w.u32(name_len as u32);
    w.u8(d.uris.len() as u8);
    if d.kind == SessionKind::Live {
        w.u64(d.live_timer_us);
    }
    if let Some(name) = &d.name {
        w.cstr(name);
    }
    for u in &d.uris {
        uri::encode(u, &mut w)?;
    }
    Ok(w.into_inner())
}

/// Decodes a session descriptor; the bytes must be consumed exactly.
pub fn decode_descriptor(bytes: &[u8]) -> Result<SessionDescriptor, DecodeError> {
    let mut r = Reader::new(bytes);
    let kind = match r.u8()? {
        1 => SessionKind::Regular,
        2 => SessionKind::Snapshot,
        3 => SessionKind::Live,
        _ => return Err(DecodeError::Range),
    };
    let output = match r.u8()? {
        0 => OutputKind::None,
        1 => OutputKind::Local,
        2 => OutputKind::Network,
        _ => return Err(DecodeError::Range),
    };
    let name_len = r.u32()? as usize;
    let uri_count = r.u8()? as usize;
    let live_timer_us = if kind == SessionKind::Live {
        r.u64()?
    } else {
        0
    };
    let name = match name_len {
        0 => None,
        n if n > NAME_MAX => return Err(DecodeError::Length),
        n => Some(r.sized_cstr(n)?),
    };
    let max_uris = match output {
        OutputKind::None => 0,
        OutputKind::Local => 1,
        OutputKind::Network => 2,
    };
    if uri_count > max_uris {
        return Err(DecodeError::Range);
    }
    let mut uris = Vec::with_capacity(uri_count);
    for _ in 0..uri_count {
        uris.push(uri::decode(&mut r)?);
    }
    if r.remaining() != 0 {
        return Err(DecodeError::Length);
    }
    Ok(SessionDescriptor {
        kind,
        output,
        name,
        uris,
        live_timer_us,
    })
}

/// Encodes one `struct lttng_session` (4376 bytes, `extended` zero as on the wire).
pub fn encode_session(s: &SessionInfo, w: &mut Writer) {
    w.fixed_str(&s.name, NAME_MAX);
    w.fixed_str(&s.path, PATH_MAX);
    w.zeros(1); // alignment of `enabled` (255 + 4096 = 4351)
    w.u32(s.enabled);
    w.u32(s.snapshot_mode);
    w.u32(s.live_timer_interval);
    w.zeros(4 + 8);
}

/// Encodes a LIST_SESSIONS reply: the sessions, then their extended records.
pub fn encode_session_list(sessions: &[SessionInfo]) -> Vec<u8> {
    let mut w = Writer::with_capacity(sessions.len() * (SESSION_LEN + SESSION_EXTENDED_LEN));
    for s in sessions {
        encode_session(s, &mut w);
    }
    for s in sessions {
        w.u64(s.creation_time.unwrap_or(0));
        w.u8(u8::from(s.creation_time.is_some()));
    }
    w.into_inner()
}

/// One session of a LIST_SESSIONS reply, borrowed from the reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionRecord<'a> {
    /// The name's bytes up to its first NUL (all 255 when the daemon left none).
    pub name: &'a [u8],
    /// The path's bytes up to its first NUL (all 4096 when the daemon left none).
    pub path: &'a [u8],
    /// `enabled`.
    pub enabled: u32,
    /// `snapshot_mode`.
    pub snapshot_mode: u32,
    /// `live_timer_interval`.
    pub live_timer_interval: u32,
    /// The extended record's creation time, when set.
    pub creation_time: Option<u64>,
}

fn until_nul(raw: &[u8]) -> &[u8] {
    &raw[..raw.iter().position(|&b| b == 0).unwrap_or(raw.len())]
}

/// The sessions of a LIST_SESSIONS reply, without copying their strings. Its size must be a
/// multiple of 4385.
pub fn session_records(bytes: &[u8]) -> Result<Vec<SessionRecord<'_>>, DecodeError> {
    let entry = SESSION_LEN + SESSION_EXTENDED_LEN;
    if bytes.len() % entry != 0 {
        return Err(DecodeError::Length);
    }
    let n = bytes.len() / entry;
    let (sessions, extended) = bytes.split_at(n * SESSION_LEN);
    let mut r = Reader::new(sessions);
    let mut x = Reader::new(extended);
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let raw = r.take(SESSION_LEN)?;
        let mut s = Reader::new(raw);
        let name = until_nul(s.take(NAME_MAX)?);
        let path = until_nul(s.take(PATH_MAX)?);
        s.skip(1)?;
        let (enabled, snapshot_mode, live_timer_interval) = (s.u32()?, s.u32()?, s.u32()?);
        let time = x.u64()?;
        let is_set = x.u8()?;
        out.push(SessionRecord {
            name,
            path,
            enabled,
            snapshot_mode,
            live_timer_interval,
            creation_time: (is_set != 0).then_some(time),
        });
    }
    Ok(out)
}

/// Decodes a LIST_SESSIONS reply. Its size must be a multiple of 4385.
pub fn decode_session_list(bytes: &[u8]) -> Result<Vec<SessionInfo>, DecodeError> {
    Ok(session_records(bytes)?
        .into_iter()
        .map(|s| SessionInfo {
            name: String::from_utf8_lossy(s.name).into_owned(),
            path: String::from_utf8_lossy(s.path).into_owned(),
            enabled: s.enabled,
            snapshot_mode: s.snapshot_mode,
            live_timer_interval: s.live_timer_interval,
            creation_time: s.creation_time,
        })
        .collect())
}

/// Encodes a domain: its 308 bytes (`struct lttng_domain`, as requests and LIST_DOMAINS
/// carry it).
pub fn encode_domain(d: &Domain) -> Vec<u8> {
    let mut out = Vec::with_capacity(DOMAIN_SIZE);
    out.extend_from_slice(&d.kind.to_ne_bytes());
    out.extend_from_slice(&d.buf_type.to_ne_bytes());
    out.extend_from_slice(&d.rest);
    out
}

/// Decodes a domain from exactly 308 bytes.
pub fn decode_domain(b: &[u8]) -> Result<Domain, DecodeError> {
    if b.len() != DOMAIN_SIZE {
        return Err(DecodeError::Length);
    }
    let mut r = Reader::new(b);
    Ok(Domain {
        kind: r.i32()?,
        buf_type: r.i32()?,
        rest: r.take(DOMAIN_SIZE - 8)?.to_vec(),
    })
}

/// Decodes a LIST_DOMAINS reply (n × 308 bytes; a trailing partial entry is ignored, as
/// upstream divides the size).
pub fn decode_domain_list(bytes: &[u8]) -> Vec<Domain> {
    bytes
        .chunks_exact(DOMAIN_SIZE)
        .filter_map(|c| decode_domain(c).ok())
        .collect()
}

/// Encodes a channel (`lttng_channel_comm` + name), as ENABLE_CHANNEL and LIST_CHANNELS carry it.
pub fn encode_channel(c: &Channel, w: &mut Writer) {
    w.u32(c.name.len() as u32 + 1);
    w.u8(u8::from(c.enabled));
    w.i8(c.attr.overwrite as i8);
    w.u64(c.attr.subbuf_size);
    w.u64(c.attr.num_subbuf);
    w.u32(c.attr.switch_timer_interval);
    w.u32(c.attr.read_timer_interval);
    w.u8(c.attr.output as u8);
    w.u64(c.attr.tracefile_size);
    w.u64(c.attr.tracefile_count);
    w.u32(c.attr.live_timer_interval);
    w.u64(c.extended.discarded_events);
    w.u64(c.extended.lost_packets);
    w.u64(c.extended.monitor_timer_interval);
    w.i64(c.extended.blocking_timeout);
    w.cstr(&c.name);
}

/// Decodes one channel.
pub fn decode_channel(r: &mut Reader<'_>) -> Result<Channel, DecodeError> {
    let name_len = r.u32()? as usize;
    if name_len == 0 || name_len > SYMBOL_NAME_LEN {
        return Err(DecodeError::Length);
    }
    let enabled = r.u8()? != 0;
    let attr = ChannelAttr {
        overwrite: i32::from(r.i8()?),
        subbuf_size: r.u64()?,
        num_subbuf: r.u64()?,
        switch_timer_interval: r.u32()?,
        read_timer_interval: r.u32()?,
        output: i32::from(r.u8()?),
        tracefile_size: r.u64()?,
        tracefile_count: r.u64()?,
        live_timer_interval: r.u32()?,
    };
    let extended = ChannelExtended {
        discarded_events: r.u64()?,
        lost_packets: r.u64()?,
        monitor_timer_interval: r.u64()?,
        blocking_timeout: r.i64()?,
    };
    let name = r.sized_cstr(name_len)?;
    Ok(Channel {
        name,
        enabled,
        attr,
        extended,
    })
}

/// Decodes a LIST_CHANNELS reply: `count` channels back to back.
pub fn decode_channel_list(count: u32, bytes: &[u8]) -> Result<Vec<Channel>, DecodeError> {
    let mut r = Reader::new(bytes);
    let mut out = Vec::new();
    for _ in 0..count {
        out.push(decode_channel(&mut r)?);
    }
    if r.remaining() != 0 {
        return Err(DecodeError::Length);
    }
    Ok(out)
}

/// Encodes an event (`lttng_event_comm` + name, exclusions, filter, bytecode, probe data).
pub fn encode_event(e: &Event) -> Vec<u8> {
    let expr_len = e.filter_expression.as_ref().map_or(0, |f| f.len() + 1);
    let bytecode_len = e.bytecode.as_ref().map_or(0, Vec::len);
    let probe = encode_probe_attr(e);
    let function = encode_function_attr(e);
    let mut w = Writer::with_capacity(EVENT_COMM_LEN + e.name.len() + 1 + expr_len + bytecode_len);
    w.i8(e.kind as i8);
    w.i8(e.loglevel_type as i8);
    w.i32(e.loglevel);
    w.i8(e.enabled as i8);
    w.i32(e.pid);
    w.u32(e.flags);
    w.u32(e.name.len() as u32 + 1);
    w.u32(e.exclusions.len() as u32);
    w.u32(expr_len as u32);
    w.u32(bytecode_len as u32);
    w.u32(0); // userspace probe location: not sent by this library yet
    w.u32(probe.len() as u32);
    w.u32(function.len() as u32);
    w.cstr(&e.name);
    for x in &e.exclusions {
        w.u32(x.len() as u32 + 1);
        w.cstr(x);
    }
    if let Some(f) = &e.filter_expression {
        w.cstr(f);
    }
    if let Some(b) = &e.bytecode {
        w.bytes(b);
    }
    w.bytes(&probe);
    w.bytes(&function);
    w.into_inner()
}

fn encode_probe_attr(e: &Event) -> Vec<u8> {
    match (&e.probe, e.kind) {
        (Some(p), EVENT_PROBE | EVENT_FUNCTION) => {
            let mut w = Writer::default();
            w.u64(p.addr);
            w.u64(p.offset);
            w.u32(p.symbol_name.len() as u32 + 1);
            w.cstr(&p.symbol_name);
            w.into_inner()
        }
        _ => Vec::new(),
    }
}

fn encode_function_attr(e: &Event) -> Vec<u8> {
    match (&e.function, e.kind) {
        (Some(sym), EVENT_FUNCTION_ENTRY) => {
            let mut w = Writer::default();
            w.u32(sym.len() as u32 + 1);
            w.cstr(sym);
            w.into_inner()
        }
        _ => Vec::new(),
    }
}

/// Decodes one event; `len` bytes of `r` must make exactly one event.
pub fn decode_event(r: &mut Reader<'_>) -> Result<Event, DecodeError> {
    let kind = i32::from(r.i8()?);
    let loglevel_type = i32::from(r.i8()?);
    let loglevel = r.i32()?;
    let enabled = i32::from(r.i8()?);
    let pid = r.i32()?;
    let flags = r.u32()?;
    let name_len = r.u32()? as usize;
    let exclusion_count = r.u32()? as usize;
    let expr_len = r.u32()? as usize;
    let bytecode_len = r.u32()? as usize;
    let uprobe_len = r.u32()? as usize;
    let probe_len = r.u32()? as usize;
    let function_len = r.u32()? as usize;
    if name_len == 0 || name_len > SYMBOL_NAME_LEN {
        return Err(DecodeError::Length);
    }
    let name = r.sized_cstr(name_len)?;
    if exclusion_count > r.remaining() / 5 {
        return Err(DecodeError::Length);
    }
    let mut exclusions = Vec::with_capacity(exclusion_count);
    for _ in 0..exclusion_count {
        let len = r.u32()? as usize;
        if len > SYMBOL_NAME_LEN {
            return Err(DecodeError::Length);
        }
        exclusions.push(r.sized_cstr(len)?);
    }
    let filter_expression = if expr_len > 0 {
        Some(r.sized_cstr(expr_len)?)
    } else {
        None
    };
    if bytecode_len > 0 && filter_expression.is_none() {
        return Err(DecodeError::Range);
    }
    let bytecode = if bytecode_len > 0 {
        Some(r.take(bytecode_len)?.to_vec())
    } else {
        None
    };
    r.skip(uprobe_len)?;
    let probe = if probe_len > 0 {
        let mut p = Reader::new(r.take(probe_len)?);
        let addr = p.u64()?;
        let offset = p.u64()?;
        let len = p.u32()? as usize;
        Some(ProbeAttr {
            addr,
            offset,
            symbol_name: p.sized_cstr(len)?,
        })
    } else {
        None
    };
    let function = if function_len > 0 {
        let mut p = Reader::new(r.take(function_len)?);
        let len = p.u32()? as usize;
        Some(p.sized_cstr(len)?)
    } else {
        None
    };
    Ok(Event {
        kind,
        name,
        loglevel_type,
        loglevel,
        enabled,
        pid,
        flags,
        exclusions,
        filter_expression,
        bytecode,
        probe,
        function,
    })
}

/// Decodes a LIST_EVENTS reply: `count` events back to back.
pub fn decode_event_list(count: u32, bytes: &[u8]) -> Result<Vec<Event>, DecodeError> {
    let mut r = Reader::new(bytes);
    let mut out = Vec::new();
    for _ in 0..count {
        out.push(decode_event(&mut r)?);
    }
    if r.remaining() != 0 {
        return Err(DecodeError::Length);
    }
    Ok(out)
}

/// Size of a serialized snapshot output (`struct lttng_snapshot_output`, packed).
pub const SNAPSHOT_OUTPUT_LEN: usize = 8459;

/// Encodes a snapshot output (8459 bytes).
pub fn encode_snapshot_output(o: &SnapshotOutput) -> Vec<u8> {
    let mut w = Writer::with_capacity(SNAPSHOT_OUTPUT_LEN);
    w.u32(o.id);
    w.u64(o.max_size);
    w.fixed_str(&o.name, NAME_MAX);
    w.fixed_str(&o.ctrl_url, PATH_MAX);
    w.fixed_str(&o.data_url, PATH_MAX);
    w.into_inner()
}

/// Decodes a snapshot output (8459 bytes; unterminated strings are refused).
pub fn decode_snapshot_output(b: &[u8]) -> Result<SnapshotOutput, DecodeError> {
    let mut r = Reader::new(b);
    Ok(SnapshotOutput {
        id: r.u32()?,
        max_size: r.u64()?,
        name: r.fixed_str(NAME_MAX)?,
        ctrl_url: r.fixed_str(PATH_MAX)?,
        data_url: r.fixed_str(PATH_MAX)?,
    })
}

/// Encodes a context (`lttng_event_context_comm` and its type-specific part), ADD_CONTEXT's
/// payload.
pub fn encode_context(ctx: &Context) -> Vec<u8> {
    let mut w = Writer::default();
    match ctx {
        Context::Simple(kind) => w.u32(*kind as u32),
        Context::PerfCounter {
            ctx,
            kind,
            config,
            name,
        } => {
            w.u32(*ctx as u32);
            w.u32(*kind);
            w.u64(*config);
            w.u32(name.len() as u32 + 1);
            w.cstr(name);
        }
        Context::App { provider, name } => {
            w.u32(CONTEXT_APP_CONTEXT as u32);
            w.u32(provider.len() as u32 + 1);
            w.u32(name.len() as u32 + 1);
            w.cstr(provider);
            w.cstr(name);
        }
    }
    w.into_inner()
}

/// Decodes the data of a PROCESS_ATTR_TRACKER_GET_INCLUSION_SET reply: `u32 count`, then
/// per value `{i32 type, u64 value}` (a name's length for names), the names after.
pub fn decode_tracker_values(b: &[u8]) -> Option<Vec<Value>> {
    let mut r = Reader::new(b);
    let count = r.u32().ok()? as usize;
    if count.checked_mul(12)? > b.len() {
        return None;
    }
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let kind = r.i32().ok()?;
        let raw = r.u64().ok()?;
        let value = match kind {
            0 => Value::Pid(raw as i64 as i32),
            1 => Value::Uid(raw as u32),
            3 => Value::Gid(raw as u32),
            2 | 4 => {
                let len = (raw & 0xffff_ffff) as usize;
                let name = r.sized_cstr(len).ok()?;
                if kind == 2 {
                    Value::UserName(name)
                } else {
                    Value::GroupName(name)
                }
            }
            _ => return None,
        };
        out.push(value);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::event::EVENT_ALL;

    #[test]
    fn enable_all_event_is_45_bytes() {
        let e = Event {
            kind: EVENT_ALL,
            name: "*".into(),
            loglevel: -1,
            ..Event::default()
        };
        let b = encode_event(&e);
        assert_eq!(b.len(), 45);
        assert_eq!(b[0], 0xff);
        let back = decode_event(&mut Reader::new(&b)).unwrap();
        assert_eq!(back, e);
    }

    #[test]
    fn channel_round_trip() {
        let c = Channel {
            name: "chan1".into(),
            enabled: true,
            ..Channel::default()
        };
        let mut w = Writer::default();
        encode_channel(&c, &mut w);
        let b = w.into_inner();
        assert_eq!(b.len(), CHANNEL_COMM_LEN + 6);
        assert_eq!(decode_channel_list(1, &b).unwrap(), vec![c]);
    }

    #[test]
    fn session_list_round_trip() {
        let s = SessionInfo {
            name: "s".into(),
            path: "/tmp/x".into(),
            enabled: 1,
            creation_time: Some(42),
            ..SessionInfo::default()
        };
        let b = encode_session_list(std::slice::from_ref(&s));
        assert_eq!(b.len(), 4385);
        assert_eq!(decode_session_list(&b).unwrap(), vec![s]);
    }

    #[test]
    fn inclusion_set_from_the_capture() {
        let b = [1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0];
        assert_eq!(decode_tracker_values(&b), Some(vec![Value::Pid(1)]));
        let mut named = vec![1, 0, 0, 0, 2, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0];
        named.extend_from_slice(b"root\0");
        assert_eq!(
            decode_tracker_values(&named),
            Some(vec![Value::UserName("root".into())])
        );
        assert_eq!(decode_tracker_values(&[9, 0, 0, 0]), None);
    }
}
