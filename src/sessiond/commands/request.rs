//! What a client request carries, decoded and checked the way the handlers need it: the
//! largest payload a command may announce, CREATE_SESSION_EXT's home directory and
//! descriptor, an event rule, a context. [`decode_payload`] runs them all without acting
//! (fuzzing and tests).

use crate::model::error::ErrorCode;
use crate::model::event::{CONTEXT_APP_CONTEXT, Context, Event};
use crate::model::session::SessionDescriptor;
use crate::proto::objects;
use crate::proto::sessiond::{Command, PATH_MAX, Request, SYMBOL_NAME_LEN, union_offsets};
use crate::proto::uri as wire_uri;
use crate::proto::wire::Reader;

use super::{Reply, err, output};

/// Largest payload accepted for a request; more is a hostile or broken client.
pub(in crate::sessiond) fn max_payload(req: &Request) -> usize {
    match req.command() {
        Some(Command::CreateSessionExt) => PATH_MAX + 65536,
        Some(Command::SetConsumerUri) => 2 * wire_uri::WIRE_URI_LEN,
        Some(Command::EnableChannel) => objects::CHANNEL_COMM_LEN + SYMBOL_NAME_LEN,
        Some(Command::EnableEvent | Command::DisableEvent) => 4 * 1024 * 1024,
        Some(Command::AddContext) => 4096,
        _ => 0,
    }
}

/// Decodes what a request carries (union strings and payload) with the same functions the
/// handlers use, without acting on it: `Err` holds the code the daemon would answer. For
/// fuzzing and tests.
pub(in crate::sessiond) fn decode_payload(req: &Request) -> Result<(), u32> {
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

/// CREATE_SESSION_EXT's payload: the client's home directory (when sent) and the session
/// descriptor.
pub(super) fn parse_create(req: &Request) -> Result<(Option<String>, SessionDescriptor), Reply> {
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

pub(super) fn event_from_payload(req: &Request) -> Result<Event, Reply> {
    let mut r = Reader::new(&req.payload);
    let e = objects::decode_event(&mut r).map_err(|_| err(ErrorCode::InvalidProtocol))?;
    if r.remaining() != 0
        || req.union_u32(union_offsets::EVENT_LENGTH) as usize != req.payload.len()
    {
        return Err(err(ErrorCode::InvalidProtocol));
    }
    Ok(e)
}

/// ADD_CONTEXT's payload: the context type, and an application context's names.
pub(super) fn parse_context(req: &Request) -> Result<Context, Reply> {
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
