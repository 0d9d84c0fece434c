//! The list replies of the client protocol, decoded as the library reads them: a count in
//! the 4-byte command header (or at the start of the data), then the elements. Each failure
//! is the code upstream's library returns for it.

use crate::model::channel::Channel;
use crate::model::error::ErrorCode;
use crate::model::event::{Event, EventField};
use crate::proto::objects;
use crate::proto::sessiond::{Reply, SYMBOL_NAME_LEN};
use crate::proto::wire::Reader;

/// The element count a list reply carries as its 4-byte command header; `wrong_size` when
/// the header has another size (each command answers that as upstream does), OVERFLOW when
/// the count does not fit an `int`.
fn header_count(reply: &Reply, wrong_size: ErrorCode) -> Result<u32, ErrorCode> {
    if reply.cmd_header.len() != 4 {
        return Err(wrong_size);
    }
    let count = Reader::new(&reply.cmd_header).u32().unwrap_or(0);
    if count > i32::MAX as u32 {
        return Err(ErrorCode::Overflow);
    }
    Ok(count)
}

/// The command header and the data as one buffer (how the library reads some replies),
/// and the count at its start: INVALID_PROTOCOL when missing, OVERFLOW when it does not fit
/// an `int`.
fn counted(reply: &Reply) -> Result<(Vec<u8>, u32), ErrorCode> {
    let mut all = reply.cmd_header.clone();
    all.extend_from_slice(&reply.data);
    let count = Reader::new(&all)
        .u32()
        .map_err(|_| ErrorCode::InvalidProtocol)?;
    if count > i32::MAX as u32 {
        return Err(ErrorCode::Overflow);
    }
    Ok((all, count))
}

/// Decodes a LIST_CHANNELS reply.
pub fn decode_channels_reply(reply: &Reply) -> Result<Vec<Channel>, ErrorCode> {
    let count = header_count(reply, ErrorCode::Fatal)?;
    objects::decode_channel_list(count, &reply.data).map_err(|_| ErrorCode::Invalid)
}

/// Decodes a LIST_EVENTS reply.
pub fn decode_events_reply(reply: &Reply) -> Result<Vec<Event>, ErrorCode> {
    let (all, count) = counted(reply)?;
    let mut r = Reader::new(&all[4..]);
    let mut events = Vec::new();
    for _ in 0..count {
        events.push(objects::decode_event(&mut r).map_err(|_| ErrorCode::Invalid)?);
    }
    if r.remaining() != 0 {
        return Err(ErrorCode::InvalidProtocol);
    }
    Ok(events)
}

/// Decodes a LIST_TRACEPOINTS / LIST_SYSCALLS reply.
pub fn decode_instrumentation_reply(reply: &Reply) -> Result<Vec<Event>, ErrorCode> {
    let count = header_count(reply, ErrorCode::Unk)?;
    objects::decode_event_list(count, &reply.data).map_err(|_| ErrorCode::Invalid)
}

/// Decodes a LIST_TRACEPOINT_FIELDS reply.
pub fn decode_fields_reply(reply: &Reply) -> Result<Vec<EventField>, ErrorCode> {
    let (all, count) = counted(reply)?;
    let mut r = Reader::new(&all[4..]);
    let bad = |_| ErrorCode::Invalid;
    let mut out = Vec::new();
    for _ in 0..count {
        let kind = i32::from(r.u8().map_err(bad)?);
        let nowrite = r.u8().map_err(bad)? != 0;
        let name_len = r.u32().map_err(bad)? as usize;
        let event_len = r.u32().map_err(bad)? as usize;
        if name_len > SYMBOL_NAME_LEN - 1 {
            return Err(ErrorCode::Invalid);
        }
        let name = r.sized_cstr(name_len).map_err(bad)?;
        let mut er = Reader::new(r.take(event_len).map_err(bad)?);
        let event = objects::decode_event(&mut er).map_err(bad)?;
        out.push(EventField {
            name,
            kind,
            nowrite,
            event,
        });
    }
    Ok(out)
}
