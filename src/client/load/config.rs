//! Session configuration files (`lttng save`'s XML), parsed without I/O into what loading
//! them replays: each session's output, snapshot outputs, domains with their channels,
//! event rules, contexts and process-attribute trackers, rotation schedules and started
//! state.
//!
//! A value that does not parse (a number, a domain type, a missing name) is kept in place
//! as an `Err`: loading stops there, after the commands that come before it, exactly as
//! when the file was read while the commands were sent.

use roxmltree::{Document, Node};

use crate::client::rotation::Schedule;
use crate::client::{Error, Result};
use crate::model::channel::{
    Channel, ChannelAttr, ChannelExtended, DEFAULT_MONITOR_TIMER_US, OUTPUT_MMAP, OUTPUT_SPLICE,
    default_attr,
};
use crate::model::domain::{Domain, DomainType};
use crate::model::error::ErrorCode;
use crate::model::event::{Context, Event};
use crate::model::tracker::Value;

/// A saved output: a local path, or control and data URLs (either may be absent).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Destination {
    /// A local path.
    pub path: Option<String>,
    /// Control and data URLs.
    pub net: Option<(String, String)>,
}

/// One `<session>` of a file.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedSession {
    /// Its saved name.
    pub name: String,
    /// `snapshot_mode`.
    pub snapshot: bool,
    /// `live_timer_interval` (µs), if saved.
    pub live_timer: Result<Option<u64>>,
    /// `output/consumer_output`.
    pub output: Destination,
    /// The outputs of a snapshot session, in order.
    pub snapshot_outputs: Vec<Result<SavedSnapshotOutput>>,
    /// The domains, in order.
    pub domains: Vec<Result<SavedDomain>>,
    /// The rotation schedules (`None`: an element that is not one), in order.
    pub rotation_schedules: Vec<Result<Option<Schedule>>>,
    /// Whether it was tracing when saved.
    pub started: bool,
}

/// One snapshot output.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SavedSnapshotOutput {
    /// Name.
    pub name: String,
    /// Maximum size (all ones when not saved).
    pub max_size: u64,
    /// Where it writes.
    pub destination: Destination,
}

/// One domain with its channels and trackers.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedDomain {
    /// The domain (type and buffer type).
    pub domain: Domain,
    /// Its channels, in order.
    pub channels: Vec<Result<SavedChannel>>,
    /// Its process-attribute trackers that have a value set, in order.
    pub trackers: Vec<SavedTracker>,
}

/// One channel with its event rules and contexts.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedChannel {
    /// The channel as ENABLE_CHANNEL sends it.
    pub channel: Channel,
    /// Its event rules, in order.
    pub events: Vec<SavedEvent>,
    /// Its contexts (the ones this library knows), in order.
    pub contexts: Vec<Context>,
    /// Whether it was enabled.
    pub enabled: bool,
}

/// One event rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedEvent {
    /// The rule (kind, name, log level, exclusions).
    pub event: Event,
    /// Its filter expression.
    pub filter: Option<String>,
    /// Whether it was enabled.
    pub enabled: bool,
}

/// A process-attribute tracker restricted to a value set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedTracker {
    /// `enum lttng_process_attr`.
    pub attr: i32,
    /// The values, in order.
    pub values: Vec<Result<Value>>,
}

fn bad_config() -> Error {
    ErrorCode::LoadInvalidConfig.into()
}

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| c.has_tag_name(name))
}

fn text<'a>(n: Node<'a, '_>, name: &str) -> Option<&'a str> {
    child(n, name).and_then(|c| c.text()).map(str::trim)
}

fn number(n: Node<'_, '_>, name: &str) -> Result<Option<u64>> {
    text(n, name)
        .map(|t| t.parse::<u64>().map_err(|_| bad_config()))
        .transpose()
}

fn boolean(n: Node<'_, '_>, name: &str) -> bool {
    matches!(text(n, name), Some("true" | "1" | "on" | "yes"))
}

/// The sessions of a file, in order; a `<session>` without a name is an `Err` in its place.
/// A document that is not XML, or whose root is not `<sessions>`, is
/// LTTNG_ERR_LOAD_INVALID_CONFIG.
pub fn parse(xml: &str) -> Result<Vec<Result<SavedSession>>> {
    let doc = Document::parse(xml).map_err(|_| bad_config())?;
    let root = doc.root_element();
    if !root.has_tag_name("sessions") {
        return Err(bad_config());
    }
    Ok(root
        .children()
        .filter(|c| c.has_tag_name("session"))
        .map(session)
        .collect())
}

fn session(s: Node<'_, '_>) -> Result<SavedSession> {
    let name = text(s, "name").ok_or_else(bad_config)?.to_owned();
    let attributes = child(s, "attributes");
    let output = child(s, "output");
    Ok(SavedSession {
        name,
        snapshot: attributes.is_some_and(|a| boolean(a, "snapshot_mode")),
        live_timer: attributes
            .map(|a| number(a, "live_timer_interval"))
            .transpose()
            .map(Option::flatten),
        output: output
            .and_then(|o| child(o, "consumer_output"))
            .map(destination)
            .unwrap_or_default(),
        snapshot_outputs: output
            .and_then(|o| o.children().find(|c| c.is_element()))
            .map(|list| {
                list.children()
                    .filter(|c| c.is_element())
                    .map(snapshot_output)
                    .collect()
            })
            .unwrap_or_default(),
        domains: child(s, "domains")
            .map(|d| {
                d.children()
                    .filter(|c| c.has_tag_name("domain"))
                    .map(domain)
                    .collect()
            })
            .unwrap_or_default(),
        rotation_schedules: attributes
            .and_then(|a| child(a, "rotation_schedules"))
            .map(|sched| {
                sched
                    .children()
                    .filter(Node::is_element)
                    .map(|r| match r.tag_name().name() {
                        "periodic" => number(r, "time_us").map(|n| n.map(Schedule::Periodic)),
                        "size_threshold" => {
                            number(r, "bytes").map(|n| n.map(Schedule::SizeThreshold))
                        }
                        _ => Ok(None),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        started: boolean(s, "started"),
    })
}

/// Where a `consumer_output` element sends the trace, when it is enabled.
fn destination(consumer_output: Node<'_, '_>) -> Destination {
    let none = Destination::default();
    if matches!(text(consumer_output, "enabled"), Some("false")) {
        return none;
    }
    let Some(dest) = child(consumer_output, "destination") else {
        return none;
    };
    if let Some(p) = text(dest, "path") {
        return Destination {
            path: Some(p.to_owned()),
            net: None,
        };
    }
    match child(dest, "net_output").map(|net| (text(net, "control_uri"), text(net, "data_uri"))) {
        Some((Some(c), Some(d))) => Destination {
            path: None,
            net: Some((c.to_owned(), d.to_owned())),
        },
        _ => none,
    }
}

/// One element of `output/snapshot_outputs`.
fn snapshot_output(node: Node<'_, '_>) -> Result<SavedSnapshotOutput> {
    let mut output = SavedSnapshotOutput {
        max_size: u64::MAX,
        ..SavedSnapshotOutput::default()
    };
    for field in node.children().filter(|c| c.is_element()) {
        match field.tag_name().name() {
            "name" => output.name = field.text().unwrap_or_default().trim().to_owned(),
            "max_size" => {
                output.max_size = field
                    .text()
                    .unwrap_or_default()
                    .trim()
                    .parse()
                    .map_err(|_| bad_config())?
            }
            _ => output.destination = destination(field),
        }
    }
    Ok(output)
}

fn domain(d: Node<'_, '_>) -> Result<SavedDomain> {
    let kind = match text(d, "type") {
        Some("KERNEL") => DomainType::Kernel,
        Some("UST") => DomainType::Ust,
        Some("JUL") => DomainType::Jul,
        Some("LOG4J") => DomainType::Log4j,
        Some("PYTHON") => DomainType::Python,
        _ => return Err(bad_config()),
    };
    let buf_type = match text(d, "buffer_type") {
        Some("PER_PID") => 0,
        Some("GLOBAL") => 2,
        _ => 1,
    };
    Ok(SavedDomain {
        domain: Domain {
            kind: kind as i32,
            buf_type,
            ..Domain::zeroed()
        },
        channels: child(d, "channels")
            .map(|c| {
                c.children()
                    .filter(|c| c.has_tag_name("channel"))
                    .map(|c| channel(c, kind, buf_type))
                    .collect()
            })
            .unwrap_or_default(),
        trackers: child(d, "process_attr_trackers")
            .map(|t| {
                t.children()
                    .filter(Node::is_element)
                    .filter_map(tracker)
                    .collect()
            })
            .unwrap_or_default(),
    })
}

fn channel(c: Node<'_, '_>, kind: DomainType, buf_type: i32) -> Result<SavedChannel> {
    let name = text(c, "name").ok_or_else(bad_config)?.to_owned();
    let defaults = default_attr(kind, buf_type).unwrap_or_default();
    let attr = ChannelAttr {
        overwrite: match text(c, "overwrite_mode") {
            Some("OVERWRITE") => 1,
            Some("DISCARD") => 0,
            _ => -1,
        },
        subbuf_size: number(c, "subbuffer_size")?.unwrap_or(defaults.subbuf_size),
        num_subbuf: number(c, "subbuffer_count")?.unwrap_or(defaults.num_subbuf),
        switch_timer_interval: number(c, "switch_timer_interval")?.unwrap_or(0) as u32,
        read_timer_interval: number(c, "read_timer_interval")?.unwrap_or(0) as u32,
        output: match text(c, "output_type") {
            Some("SPLICE") => OUTPUT_SPLICE,
            Some("MMAP") => OUTPUT_MMAP,
            _ => defaults.output,
        },
        tracefile_size: number(c, "tracefile_size")?.unwrap_or(0),
        tracefile_count: number(c, "tracefile_count")?.unwrap_or(0),
        live_timer_interval: number(c, "live_timer_interval")?.unwrap_or(0) as u32,
    };
    let extended = ChannelExtended {
        monitor_timer_interval: number(c, "monitor_timer_interval")?
            .unwrap_or(DEFAULT_MONITOR_TIMER_US),
        blocking_timeout: text(c, "blocking_timeout")
            .and_then(|t| t.parse().ok())
            .unwrap_or(0),
        ..ChannelExtended::default()
    };
    Ok(SavedChannel {
        channel: Channel {
            name,
            enabled: true,
            attr,
            extended,
        },
        events: child(c, "events")
            .map(|e| {
                e.children()
                    .filter(|e| e.has_tag_name("event"))
                    .map(event)
                    .collect()
            })
            .unwrap_or_default(),
        contexts: child(c, "contexts")
            .map(|x| {
                x.children()
                    .filter(|x| x.has_tag_name("context"))
                    .filter_map(context)
                    .collect()
            })
            .unwrap_or_default(),
        enabled: boolean(c, "enabled"),
    })
}

fn event(e: Node<'_, '_>) -> SavedEvent {
    let mut event = Event {
        kind: match text(e, "type") {
            Some("ALL") => -1,
            Some("PROBE") | Some("KPROBE") => 1,
            Some("FUNCTION") | Some("KRETPROBE") => 2,
            Some("FUNCTION_ENTRY") => 3,
            Some("NOOP") => 4,
            Some("SYSCALL") => 5,
            _ => 0,
        },
        name: text(e, "name").unwrap_or("").to_owned(),
        loglevel_type: match text(e, "loglevel_type") {
            Some("RANGE") => 1,
            Some("SINGLE") => 2,
            _ => 0,
        },
        loglevel: text(e, "loglevel")
            .and_then(|t| t.parse().ok())
            .unwrap_or(-1),
        ..Event::default()
    };
    if let Some(x) = child(e, "exclusions") {
        event.exclusions = x
            .children()
            .filter_map(|n| n.text())
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
    }
    SavedEvent {
        event,
        filter: text(e, "filter").map(str::to_owned),
        enabled: boolean(e, "enabled"),
    }
}

/// The context types by their saved names, in `enum lttng_event_context_type` order.
const CONTEXT_NAMES: [&str; 42] = [
    "PID",
    "PERF_COUNTER",
    "PROCNAME",
    "PRIO",
    "NICE",
    "VPID",
    "TID",
    "VTID",
    "PPID",
    "VPPID",
    "PTHREAD_ID",
    "HOSTNAME",
    "IP",
    "PERF_CPU_COUNTER",
    "PERF_THREAD_COUNTER",
    "APP_CONTEXT",
    "INTERRUPTIBLE",
    "PREEMPTIBLE",
    "NEED_RESCHEDULE",
    "MIGRATABLE",
    "CALLSTACK_KERNEL",
    "CALLSTACK_USER",
    "CGROUP_NS",
    "IPC_NS",
    "MNT_NS",
    "NET_NS",
    "PID_NS",
    "USER_NS",
    "UTS_NS",
    "UID",
    "EUID",
    "SUID",
    "GID",
    "EGID",
    "SGID",
    "VUID",
    "VEUID",
    "VSUID",
    "VGID",
    "VEGID",
    "VSGID",
    "TIME_NS",
];

/// A saved context (`<type>VPID</type>`, perf counters and app contexts).
fn context(ctx: Node<'_, '_>) -> Option<Context> {
    if let Some(app) = child(ctx, "app") {
        return Some(Context::App {
            provider: text(app, "provider_name")?.to_owned(),
            name: text(app, "ctx_name")?.to_owned(),
        });
    }
    let t = text(ctx, "type")?;
    CONTEXT_NAMES
        .iter()
        .position(|n| *n == t)
        .map(|i| Context::Simple(i as i32))
}

/// A tracker element with a value set (`None`: another element, or no value set saved,
/// which means the tracker includes everything).
fn tracker(t: Node<'_, '_>) -> Option<SavedTracker> {
    let (attr, value_tag) = match t.tag_name().name() {
        "pid_process_attr_tracker" => (0, "pid"),
        "vpid_process_attr_tracker" => (1, "vpid"),
        "uid_process_attr_tracker" => (2, "uid"),
        "vuid_process_attr_tracker" => (3, "vuid"),
        "gid_process_attr_tracker" => (4, "gid"),
        "vgid_process_attr_tracker" => (5, "vgid"),
        _ => return None,
    };
    let values = child(t, "process_attr_values")?;
    Some(SavedTracker {
        attr,
        values: values
            .children()
            .filter(|v| v.has_tag_name(value_tag))
            .map(|v| tracker_value(v, attr))
            .collect(),
    })
}

fn tracker_value(v: Node<'_, '_>, attr: i32) -> Result<Value> {
    if let Some(id) = text(v, "id") {
        let id: i64 = id.parse().map_err(|_| bad_config())?;
        Ok(match attr {
            0 | 1 => Value::Pid(id as i32),
            2 | 3 => Value::Uid(id as u32),
            _ => Value::Gid(id as u32),
        })
    } else if let Some(n) = text(v, "name") {
        Ok(if attr == 2 || attr == 3 {
            Value::UserName(n.to_owned())
        } else {
            Value::GroupName(n.to_owned())
        })
    } else {
        Err(bad_config())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_stay_in_place() {
        let xml = "<sessions><session><name>a</name><domains>\
            <domain><type>UST</type><channels><channel><name>c</name>\
            <subbuffer_size>x</subbuffer_size></channel></channels></domain>\
            <domain><type>NOPE</type></domain></domains></session>\
            <session/></sessions>";
        let sessions = parse(xml).unwrap();
        assert_eq!(sessions.len(), 2);
        let a = sessions[0].as_ref().unwrap();
        assert_eq!(a.name, "a");
        let ust = a.domains[0].as_ref().unwrap();
        assert_eq!(ust.channels[0], Err(bad_config()));
        assert_eq!(a.domains[1], Err(bad_config()));
        assert_eq!(sessions[1], Err(bad_config()));
        assert_eq!(parse("<other/>"), Err(bad_config()));
        assert_eq!(parse("<"), Err(bad_config()));
    }
}
