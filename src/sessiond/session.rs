//! Session state of the reference daemon: output template, consumer state, the user-space
//! domain's channels and event rules, and the reference tracer's bounded buffers.

use std::collections::VecDeque;
use std::time::Instant;

use crate::ctf::{Packet, PacketBuilder, TICK_EVENT_NAME};
use crate::model::channel::Channel;
use crate::model::event::{Context, Event};
use crate::model::session::SessionKind;
use crate::model::uri::{StreamType, Uri};
use crate::proto::consumer::Output;

/// Where a session's consumer writes: its template (the design's consumer URIs).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Template {
    /// Control URI (a network URI, or a local path).
    pub control: Option<Uri>,
    /// Data URI (network only).
    pub data: Option<Uri>,
}

impl Template {
    /// A local output in `dir`.
    pub fn local(dir: &str) -> Template {
        Template {
            control: Some(Uri::path(dir, StreamType::Control)),
            data: None,
        }
    }

    /// True for a local-path output.
    pub fn is_local(&self) -> bool {
        self.control.as_ref().is_some_and(|u| !u.is_network())
    }

    /// True when no output is set.
    pub fn is_empty(&self) -> bool {
        self.control.is_none() && self.data.is_none()
    }

    /// What `lttng list` shows as the session's path.
    pub fn display(&self) -> String {
        match (&self.control, &self.data) {
            (Some(c), _) if !c.is_network() => c.dst.clone(),
            (Some(c), Some(d)) => {
                let v = if c.dtype == crate::model::uri::DstType::Ipv6 {
                    "6"
                } else {
                    "4"
                };
                let host = if v == "6" {
                    format!("[{}]", c.dst)
                } else {
                    c.dst.clone()
                };
                format!(
                    "tcp{v}://{host}:{}/{} [data: {}]",
                    c.effective_port(),
                    c.subdir,
                    d.effective_port()
                )
            }
            _ => String::new(),
        }
    }
}

/// State of a session's consumer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConsumerState {
    /// Not enabled (the template may still be edited).
    Disabled,
    /// Enabled: the consumer consumes (its process is started at the first start).
    Enabled,
    /// Enabled once, then disabled: consumption paused, the consumer kept.
    Paused,
    /// The consumer stopped writing (it failed or died): the code the next command answers
    /// and the reason `lttng list` shows.
    Failed(super::link::Failure),
}

/// One channel of the user-space domain, with the reference tracer's buffer.
#[derive(Debug)]
pub struct ChannelState {
    /// Attributes as enabled.
    pub channel: Channel,
    /// Event rules.
    pub events: Vec<Event>,
    /// Contexts added.
    pub contexts: Vec<Context>,
    /// The sub-buffer being filled.
    pub current: Option<PacketBuilder>,
    /// Full sub-buffers waiting for the consumer (at most `num_subbuf - 1`).
    pub ready: VecDeque<Packet>,
    /// Next packet sequence number.
    pub packet_seq: u64,
    /// Events that found no room (running total).
    pub discarded: u64,
    /// Sub-buffers overwritten before anyone read them (overwrite mode).
    pub lost: u64,
    /// Number of the next packet handed to the consumer in the current trace.
    pub stretch_seq: u64,
    /// The running discarded total when the current trace began: its packets count from it.
    pub stretch_base: u64,
    /// The running discarded total of the last packet handed to a consumer.
    pub handed_discarded: u64,
}

impl ChannelState {
    /// A new channel.
    pub fn new(channel: Channel) -> ChannelState {
        ChannelState {
            channel,
            events: Vec::new(),
            contexts: Vec::new(),
            current: None,
            ready: VecDeque::new(),
            packet_seq: 0,
            discarded: 0,
            lost: 0,
            stretch_seq: 0,
            stretch_base: 0,
            handed_discarded: 0,
        }
    }

    /// Takes the full sub-buffers, as packets of the trace `uuid`: numbered from 0 in that
    /// trace, with the events discarded since it began.
    fn take_ready(&mut self, uuid: [u8; 16]) -> Vec<Packet> {
        let mut out: Vec<Packet> = self.ready.drain(..).collect();
        for p in &mut out {
            let total = p.index.events_discarded;
            p.restamp(uuid, self.stretch_seq, total - self.stretch_base.min(total));
            self.stretch_seq += 1;
            self.handed_discarded = total;
        }
        out
    }

    /// Starts a new trace: what was discarded after the last packet handed over goes into
    /// the new trace's first packet.
    fn begin_stretch(&mut self) {
        self.stretch_seq = 0;
        self.stretch_base = self.handed_discarded;
    }

    /// True when an enabled rule of this channel matches `ref:tick`.
    pub fn records_tick(&self) -> bool {
        self.channel.enabled
            && self.events.iter().any(|e| {
                e.enabled != 0
                    && glob_match(&e.name, TICK_EVENT_NAME)
                    && !e.exclusions.iter().any(|x| glob_match(x, TICK_EVENT_NAME))
            })
    }

    fn capacity(&self) -> usize {
        self.channel.attr.subbuf_size.clamp(4096, 64 * 1024 * 1024) as usize
    }

    fn max_ready(&self) -> usize {
        (self.channel.attr.num_subbuf.clamp(2, 1024) - 1) as usize
    }

    fn close_current(&mut self, now: u64) -> bool {
        if self.ready.len() >= self.max_ready() {
            if self.channel.attr.overwrite != 1 {
                return false;
            }
            // Overwrite mode: the oldest full sub-buffer makes room, and counts as lost.
            self.ready.pop_front();
            self.lost += 1;
        }
        if let Some(p) = self.current.take() {
            let packet = p.finish(self.packet_seq, self.discarded, now);
            self.packet_seq += 1;
            self.ready.push_back(packet);
        }
        true
    }

    /// Records one event; false (and counted as discarded) when the buffer is full.
    pub fn record(&mut self, uuid: [u8; 16], timestamp: u64, seq: u64, msg: &str) -> bool {
        let capacity = self.capacity();
        for _ in 0..2 {
            let current = self
                .current
                .get_or_insert_with(|| PacketBuilder::new(uuid, capacity, 0));
            if current.push_tick(timestamp, seq, msg) {
                return true;
            }
            if !self.close_current(timestamp) {
                break;
            }
        }
        self.discarded += 1;
        false
    }

    /// Closes a partly filled sub-buffer (switch timer, stop). Its events are discarded
    /// when no sub-buffer is free for it.
    pub fn flush(&mut self, now: u64) {
        if self.current.as_ref().is_some_and(|c| !c.is_empty()) && !self.close_current(now) {
            // No free sub-buffer: the partial packet's events are lost, and counted.
            if let Some(p) = self.current.take() {
                self.discarded += p.finish(0, 0, now).events;
            }
        }
    }
}

/// `*` globbing as LTTng event names use it (`*` anywhere matches any run of characters).
pub fn glob_match(pattern: &str, name: &str) -> bool {
    fn go(p: &[u8], n: &[u8]) -> bool {
        match p.split_first() {
            None => n.is_empty(),
            Some((b'*', rest)) => (0..=n.len()).any(|i| go(rest, &n[i..])),
            Some((c, rest)) => n.first() == Some(c) && go(rest, &n[1..]),
        }
    }
    go(pattern.as_bytes(), name.as_bytes())
}

/// A tracing session.
#[derive(Debug)]
pub struct Session {
    /// Daemon-wide id.
    pub id: u64,
    /// Name.
    pub name: String,
    /// Owner (from the creating client's credentials).
    pub uid: u32,
    /// Owner's group.
    pub gid: u32,
    /// Creation time (Unix seconds).
    pub creation_time: u64,
    /// Regular, snapshot or live.
    pub kind: SessionKind,
    /// Live timer (µs).
    pub live_timer: u32,
    /// Output template.
    pub template: Template,
    /// Consumer state.
    pub consumer: ConsumerState,
    /// The consumer, once started.
    pub link: Option<std::sync::Arc<super::link::Link>>,
    /// Where the consumer writes: `output` is the template it was started from, `target`
    /// the relay session or the local directory it writes to.
    pub output: Template,
    /// See `output`.
    pub target: Option<Output>,
    /// Consumers started so far: each one writes a trace of its own (a stretch of the
    /// session), the n-th (from 0) in `<session>-<date>-<n>` on a relay daemon, so that a
    /// later stretch never overwrites an earlier one.
    pub stretches: u64,
    /// Local directories earlier stretches wrote to (a later one there goes to `<dir>-<n>`).
    pub local_dirs: Vec<String>,
    /// The failure of the consumer was already answered to a command.
    pub failure_reported: bool,
    /// Held by the commands that start, replace or end the consumer, one at a time.
    pub ops: std::sync::Arc<std::sync::Mutex<()>>,
    /// Tracing now.
    pub active: bool,
    /// Started at least once (channels are then fixed).
    pub ever_started: bool,
    /// The user-space domain exists (an event, channel or context was added).
    pub has_ust: bool,
    /// Buffer type of the user-space domain.
    pub ust_buf_type: i32,
    /// Channels of the user-space domain.
    pub channels: Vec<ChannelState>,
    /// Next `ref:tick` sequence number (contiguous for the whole session).
    pub next_seq: u64,
    /// Trace UUID of the current output.
    pub trace_uuid: [u8; 16],
    /// Clock zero of the trace.
    pub clock_start: Instant,
    /// Wall-clock time of clock zero (ns since the epoch).
    pub clock_offset_ns: u64,
    /// Being destroyed.
    pub destroying: bool,
    /// Snapshot outputs: (id, name, destination).
    pub snapshot_outputs: Vec<(u32, String, Template)>,
    /// Snapshots recorded so far (names the next one).
    pub snapshots_taken: u64,
}

impl Session {
    /// The trace clock now.
    pub fn now(&self) -> u64 {
        self.clock_start.elapsed().as_nanos() as u64
    }

    /// Emits one `ref:tick` into every channel recording it. Returns whether any did.
    pub fn tick(&mut self) -> bool {
        if !self.active || !self.channels.iter().any(ChannelState::records_tick) {
            return false;
        }
        let seq = self.next_seq;
        self.next_seq += 1;
        let now = self.now();
        let msg = format!("tick {seq}");
        let uuid = self.trace_uuid;
        for c in self.channels.iter_mut().filter(|c| c.records_tick()) {
            c.record(uuid, now, seq, &msg);
        }
        true
    }

    /// Closes every partial sub-buffer.
    pub fn flush(&mut self) {
        let now = self.now();
        for c in &mut self.channels {
            c.flush(now);
        }
    }

    /// Copies what the buffers hold, for a snapshot: partial sub-buffers are closed first;
    /// the buffers keep their content.
    pub fn snapshot_packets(&mut self) -> Vec<(u32, Packet)> {
        self.flush();
        let mut out = Vec::new();
        for (i, c) in self.channels.iter().enumerate() {
            out.extend(c.ready.iter().cloned().map(|p| (i as u32, p)));
        }
        out
    }

    /// Takes the full sub-buffers of every channel, in channel order, as packets of the
    /// current trace.
    pub fn take_ready(&mut self) -> Vec<(u32, Packet)> {
        let uuid = self.trace_uuid;
        let mut out = Vec::new();
        for (i, c) in self.channels.iter_mut().enumerate() {
            out.extend(c.take_ready(uuid).into_iter().map(|p| (i as u32, p)));
        }
        out
    }

    /// Everything the buffers hold, as packets of the current trace: the full sub-buffers,
    /// then the partial ones (closed once the full ones made room for them).
    pub fn take_all(&mut self) -> Vec<(u32, Packet)> {
        let mut out = self.take_ready();
        self.flush();
        out.extend(self.take_ready());
        out
    }

    /// Starts the trace `uuid` (a new consumer): its packets are numbered from 0.
    pub fn begin_stretch(&mut self, uuid: [u8; 16]) {
        self.trace_uuid = uuid;
        for c in &mut self.channels {
            c.begin_stretch();
        }
    }

    /// The channel named `name`.
    pub fn channel_mut(&mut self, name: &str) -> Option<&mut ChannelState> {
        self.channels.iter_mut().find(|c| c.channel.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::channel::ChannelAttr;

    #[test]
    fn globbing() {
        assert!(glob_match("*", "ref:tick"));
        assert!(glob_match("ref:*", "ref:tick"));
        assert!(glob_match("r*k", "ref:tick"));
        assert!(glob_match("ref:tick", "ref:tick"));
        assert!(!glob_match("ref:tock", "ref:tick"));
        assert!(!glob_match("my_prov:*", "ref:tick"));
    }

    #[test]
    fn bounded_buffers_count_discards() {
        let attr = ChannelAttr {
            subbuf_size: 4096,
            num_subbuf: 2,
            ..ChannelAttr::default()
        };
        let mut c = ChannelState::new(Channel {
            name: "c".into(),
            enabled: true,
            attr,
            ..Channel::default()
        });
        let mut recorded = 0u64;
        for seq in 0..1000 {
            if c.record([0; 16], seq, seq, &format!("tick {seq}")) {
                recorded += 1;
            }
        }
        assert_eq!(c.ready.len(), 1, "num_subbuf - 1 full sub-buffers wait");
        assert_eq!(recorded + c.discarded, 1000);
        let in_ready = c.ready[0].events;
        let in_current = c.current.as_ref().map_or(0, |_| recorded - in_ready);
        assert_eq!(in_ready + in_current, recorded);
    }
}
