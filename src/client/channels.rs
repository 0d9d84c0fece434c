//! Channels (`lttng/channel.h`): list, enable, disable.

use crate::client::{Error, Handle, Result, execute, invalid};
use crate::model::channel::Channel;
use crate::proto::objects;
use crate::proto::replies;
use crate::proto::sessiond::{Command, SYMBOL_NAME_LEN, union_offsets};
use crate::proto::wire::Writer;

/// `lttng_list_channels`.
pub fn list_channels(handle: &Handle) -> Result<Vec<Channel>> {
    replies::decode_channels_reply(&execute(&handle.request(Command::ListChannels)?)?)
        .map_err(Error::from)
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
