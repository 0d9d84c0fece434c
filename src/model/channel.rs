//! Channels (`struct lttng_channel`, its attributes and 2.13's extended attributes).

use crate::model::domain::{BufferType, DomainType};

/// `enum lttng_event_output`: splice.
pub const OUTPUT_SPLICE: i32 = 0;
/// `enum lttng_event_output`: mmap.
pub const OUTPUT_MMAP: i32 = 1;

/// `struct lttng_channel_attr` without its padding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ChannelAttr {
    /// -1 session default, 1 overwrite, 0 discard.
    pub overwrite: i32,
    /// Sub-buffer size in bytes.
    pub subbuf_size: u64,
    /// Number of sub-buffers.
    pub num_subbuf: u64,
    /// Switch timer (µs).
    pub switch_timer_interval: u32,
    /// Read timer (µs).
    pub read_timer_interval: u32,
    /// Output mode (splice 0, mmap 1).
    pub output: i32,
    /// Trace file size limit (bytes).
    pub tracefile_size: u64,
    /// Trace file count limit.
    pub tracefile_count: u64,
    /// Live timer (µs).
    pub live_timer_interval: u32,
}

/// 2.13's extended channel attributes (`struct lttng_channel_extended`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ChannelExtended {
    /// Events discarded (statistic).
    pub discarded_events: u64,
    /// Packets lost (statistic).
    pub lost_packets: u64,
    /// Monitor timer (µs).
    pub monitor_timer_interval: u64,
    /// Blocking timeout (µs; -1 forever, 0 never block).
    pub blocking_timeout: i64,
}

/// A channel.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Channel {
    /// Name (at most 255 bytes).
    pub name: String,
    /// Enabled flag.
    pub enabled: bool,
    /// Attributes.
    pub attr: ChannelAttr,
    /// Extended attributes.
    pub extended: ChannelExtended,
}

/// Default monitor timer of every domain (µs).
pub const DEFAULT_MONITOR_TIMER_US: u64 = 1_000_000;

/// The library's default attributes for a channel of `domain` (`lttng_channel_set_default_attr`).
///
/// `None` for a domain that has no channel defaults (the attributes are then left zero).
pub fn default_attr(domain: DomainType, buf_type: i32) -> Option<ChannelAttr> {
    let base = ChannelAttr {
        overwrite: -1,
        ..ChannelAttr::default()
    };
    match domain {
        DomainType::Kernel => Some(ChannelAttr {
            subbuf_size: 1024 * 1024,
            num_subbuf: 4,
            switch_timer_interval: 0,
            read_timer_interval: 200_000,
            output: OUTPUT_SPLICE,
            ..base
        }),
        DomainType::Ust => {
            let per_uid = buf_type == BufferType::PerUid as i32;
            let subbuf = if per_uid { 512 * 1024 } else { 16 * 1024 };
            Some(ChannelAttr {
                subbuf_size: subbuf,
                num_subbuf: 4,
                switch_timer_interval: 0,
                read_timer_interval: 0,
                output: OUTPUT_MMAP,
                ..base
            })
        }
        _ => None,
    }
}
