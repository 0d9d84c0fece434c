//! Loading saved sessions (`lttng_load_session`): like upstream, done client-side. The
//! session configuration XML (as `lttng save` writes it) is parsed, then replayed with the
//! ordinary commands: create the session with its output, its channels, event rules,
//! contexts, process-attribute trackers and rotation schedules, and start it if it was.

use std::path::{Path, PathBuf};

use roxmltree::{Document, Node};

use crate::client::rotation::{self, Schedule};
use crate::client::tracker::{self, Value};
use crate::client::{self, Error, Handle, Report, Result};
use crate::model::channel::{Channel, ChannelAttr, ChannelExtended, OUTPUT_MMAP, OUTPUT_SPLICE};
use crate::model::domain::{Domain, DomainType};
use crate::model::error::ErrorCode;
use crate::model::event::{Context, Event};
use crate::model::session::{SessionDescriptor, SessionKind};
use crate::model::snapshot::SnapshotOutput;

/// What to load and how.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// A file or directory; empty: `$LTTNG_HOME/.lttng/sessions`, then `/etc/lttng/sessions`.
    pub input: String,
    /// Load only this session (empty: every session found).
    pub session_name: String,
    /// Replace existing sessions of the same name.
    pub overwrite: bool,
    /// Output URLs replacing the saved ones.
    pub overrides: OutputOverrides,
    /// Name replacing the saved one (with `session_name` set).
    pub override_name: Option<String>,
    /// Where messages go (upstream prints them on stderr unless told to be quiet): the
    /// flag says whether it is an error (else a warning).
    pub report: Option<Report>,
}

/// Output URLs that replace a saved session's (`lttng_load_session_attr_set_override_*`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutputOverrides {
    /// A local path replacing any saved output.
    pub path: Option<String>,
    /// The control URL replacing the saved one (and a saved path).
    pub ctrl: Option<String>,
    /// The data URL replacing the saved one (and a saved path).
    pub data: Option<String>,
}

impl OutputOverrides {
    /// The output after the overrides, as upstream applies them: a path override replaces
    /// everything; a control or data override replaces its URL and drops a saved path.
    fn apply(
        &self,
        path: Option<String>,
        net: Option<(String, String)>,
    ) -> (Option<String>, Option<String>, Option<String>) {
        if let Some(p) = &self.path {
            return (Some(p.clone()), None, None);
        }
        let (mut path, (mut ctrl, mut data)) =
            (path, net.map_or((None, None), |(c, d)| (Some(c), Some(d))));
        if let Some(c) = &self.ctrl {
            ctrl = Some(c.clone());
            path = None;
        }
        if let Some(d) = &self.data {
            data = Some(d.clone());
            path = None;
        }
        (path, ctrl, data)
    }
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

/// Loads the sessions `opts` designates. Errors as upstream: a missing input path is
/// -LTTNG_ERR_INVALID, a named session that no file holds -LTTNG_ERR_LOAD_SESSION_NOENT, a
/// file that does not parse -LTTNG_ERR_LOAD_INVALID_CONFIG. A session that fails to load
/// after its creation is reported through `opts.report` (upstream prints it) and destroyed.
pub fn load(opts: &LoadOptions) -> Result<()> {
    if !opts.input.is_empty() {
        if !Path::new(&opts.input).exists() {
            return Err(ErrorCode::Invalid.into());
        }
        return load_path(Path::new(&opts.input), opts);
    }
    let mut loaded = false;
    if let Some(home) = crate::transport::paths::home_dir() {
        match load_path(&home.join(".lttng/sessions"), opts) {
            Ok(()) => loaded = true,
            Err(e) if e.code() == Some(ErrorCode::LoadSessionNoent) => {}
            Err(e) => return Err(e),
        }
    }
    match load_path(Path::new("/etc/lttng/sessions"), opts) {
        Ok(()) => Ok(()),
        Err(e)
            if e.code() == Some(ErrorCode::LoadSessionNoent)
                && (loaded || opts.session_name.is_empty()) =>
        {
            Ok(())
        }
        Err(e) => Err(e),
    }
}

fn load_path(path: &Path, opts: &LoadOptions) -> Result<()> {
    if !path.is_dir() {
        if !path.exists() {
            return Err(ErrorCode::LoadSessionNoent.into());
        }
        return load_file(path, opts);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|_| Error::from(ErrorCode::LoadIoFail))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "lttng"))
        .collect();
    files.sort();
    let named = !opts.session_name.is_empty();
    for file in files {
        match load_file(&file, opts) {
            Err(e) if e.code() == Some(ErrorCode::LoadSessionNoent) => {}
            // As upstream: once the file holding a named session is found, the directory
            // load reports success, even when loading that session failed.
            _ if named => return Ok(()),
            Err(e) => return Err(e),
            Ok(()) => {}
        }
    }
    if named {
        Err(ErrorCode::LoadSessionNoent.into())
    } else {
        Ok(())
    }
}

/// Loads the sessions of one file; LOAD_SESSION_NOENT when a named session is not in it.
fn load_file(file: &Path, opts: &LoadOptions) -> Result<()> {
    let xml = std::fs::read_to_string(file).map_err(|_| Error::from(ErrorCode::LoadIoFail))?;
    let doc = Document::parse(&xml).map_err(|_| bad_config())?;
    let root = doc.root_element();
    if !root.has_tag_name("sessions") {
        return Err(bad_config());
    }
    let mut found = opts.session_name.is_empty();
    for s in root.children().filter(|c| c.has_tag_name("session")) {
        let name = text(s, "name").ok_or_else(bad_config)?;
        if !opts.session_name.is_empty() && name != opts.session_name {
            continue;
        }
        load_session(s, name, opts)?;
        found = true;
        if !opts.session_name.is_empty() {
            break;
        }
    }
    if found {
        Ok(())
    } else {
        Err(ErrorCode::LoadSessionNoent.into())
    }
}

/// The output of a saved session: a local path, or control and data URLs.
fn saved_output(s: Node<'_, '_>) -> (Option<String>, Option<(String, String)>) {
    match child(s, "output").and_then(|o| child(o, "consumer_output")) {
        Some(c) => destination(c),
        None => (None, None),
    }
}

/// Where a `consumer_output` element sends the trace, when it is enabled.
fn destination(consumer_output: Node<'_, '_>) -> (Option<String>, Option<(String, String)>) {
    if matches!(text(consumer_output, "enabled"), Some("false")) {
        return (None, None);
    }
    let Some(dest) = child(consumer_output, "destination") else {
        return (None, None);
    };
    if let Some(p) = text(dest, "path") {
        return (Some(p.to_owned()), None);
    }
    match child(dest, "net_output") {
        Some(net) => match (text(net, "control_uri"), text(net, "data_uri")) {
            (Some(c), Some(d)) => (None, Some((c.to_owned(), d.to_owned()))),
            _ => (None, None),
        },
        None => (None, None),
    }
}

/// Adds the saved snapshot outputs of a snapshot session (`output/snapshot_outputs/output`),
/// with the output overrides applied to each, as upstream.
fn add_snapshot_outputs(s: Node<'_, '_>, session: &str, opts: &LoadOptions) -> Result<()> {
    let Some(list) = child(s, "output").and_then(|o| o.children().find(|c| c.is_element())) else {
        return Ok(());
    };
    for node in list.children().filter(|c| c.is_element()) {
        let mut output = SnapshotOutput {
            max_size: u64::MAX,
            ..SnapshotOutput::default()
        };
        let (mut path, mut net) = (None, None);
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
                _ => (path, net) = destination(field),
            }
        }
        match opts.overrides.apply(path, net) {
            (Some(p), _, _) => output.ctrl_url = p,
            (None, c, d) => {
                output.ctrl_url = c.unwrap_or_default();
                output.data_url = d.unwrap_or_default();
            }
        }
        client::snapshot::add_output(session, &output)?;
    }
    Ok(())
}

/// `tcp4://host:port/sub` (how outputs are saved) as a URL the 2.13 parser takes.
fn saved_url(u: &str) -> String {
    u.replacen("tcp4://", "tcp://", 1)
}

fn load_session(s: Node<'_, '_>, saved_name: &str, opts: &LoadOptions) -> Result<()> {
    let name = opts.override_name.as_deref().unwrap_or(saved_name);
    let attributes = child(s, "attributes");
    let snapshot = attributes.is_some_and(|a| boolean(a, "snapshot_mode"));
    let live = attributes
        .map(|a| number(a, "live_timer_interval"))
        .transpose()?
        .flatten();
    if client::list_sessions()?.iter().any(|x| x.name == name) {
        if !opts.overwrite {
            return Err(ErrorCode::ExistSess.into());
        }
        client::destroy_session(name)?;
    }
    let (path, net) = saved_output(s);
    let uris = match opts.overrides.apply(path, net) {
        (Some(p), _, _) => client::parse_urls(Some(&p), None, opts.report)?,
        (None, None, None) => Vec::new(),
        (None, c, d) => client::parse_urls(
            c.as_deref().map(saved_url).as_deref(),
            d.as_deref().map(saved_url).as_deref(),
            opts.report,
        )?,
    };
    let kind = match (snapshot, live) {
        (true, _) => SessionKind::Snapshot,
        (false, Some(t)) if t > 0 => SessionKind::Live,
        _ => SessionKind::Regular,
    };
    // A snapshot session is created without an output; its snapshot outputs follow.
    let uris = if kind == SessionKind::Snapshot {
        Vec::new()
    } else {
        uris
    };
    let mut desc = SessionDescriptor::from_uris(kind, Some(name), uris);
    desc.live_timer_us = live.unwrap_or(0);
    client::create_session_ext(&desc)?;
    let configured = if kind == SessionKind::Snapshot {
        add_snapshot_outputs(s, name, opts)
    } else {
        Ok(())
    }
    .and_then(|()| configure(s, name, attributes, opts));
    if let Err(e) = configured {
        // Upstream passes these tracker outcomes up as positive codes: the rest of the
        // session is skipped, but nothing is reported and the session is kept.
        if matches!(
            e.code(),
            Some(ErrorCode::ProcessAttrExists | ErrorCode::ProcessAttrMissing)
        ) {
            return configured;
        }
        // As upstream: a session that could not be configured is reported and destroyed.
        if let Some(report) = opts.report {
            report(
                true,
                &format!("Failed to load session {name}: {}", e.text()),
            );
        }
        let _ = client::destroy_session(name);
    }
    configured
}

/// Domains, rotation schedules and the started state of a created session.
fn configure(
    s: Node<'_, '_>,
    name: &str,
    attributes: Option<Node<'_, '_>>,
    opts: &LoadOptions,
) -> Result<()> {
    if let Some(domains) = child(s, "domains") {
        for d in domains.children().filter(|c| c.has_tag_name("domain")) {
            load_domain(d, name, opts)?;
        }
    }
    if let Some(sched) = attributes.and_then(|a| child(a, "rotation_schedules")) {
        for r in sched.children().filter(Node::is_element) {
            let schedule = match r.tag_name().name() {
                "periodic" => number(r, "time_us")?.map(Schedule::Periodic),
                "size_threshold" => number(r, "bytes")?.map(Schedule::SizeThreshold),
                _ => None,
            };
            if let Some(schedule) = schedule {
                rotation::set_schedule(name, schedule, true)?;
            }
        }
    }
    if boolean(s, "started") {
        client::start_tracing(name)?;
    }
    Ok(())
}

fn load_domain(d: Node<'_, '_>, session: &str, opts: &LoadOptions) -> Result<()> {
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
    let handle = Handle::new(
        session,
        Domain {
            kind: kind as i32,
            buf_type,
            ..Domain::zeroed()
        },
    );
    if let Some(channels) = child(d, "channels") {
        for c in channels.children().filter(|c| c.has_tag_name("channel")) {
            load_channel(c, &handle, kind, opts)?;
        }
    }
    if let Some(trackers) = child(d, "process_attr_trackers") {
        for t in trackers.children().filter(Node::is_element) {
            load_tracker(t, session, kind as i32)?;
        }
    }
    Ok(())
}

fn load_channel(
    c: Node<'_, '_>,
    handle: &Handle,
    kind: DomainType,
    opts: &LoadOptions,
) -> Result<()> {
    let name = text(c, "name").ok_or_else(bad_config)?.to_owned();
    {
        let defaults =
            crate::model::channel::default_attr(kind, handle.domain.buf_type).unwrap_or_default();
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
                .unwrap_or(crate::model::channel::DEFAULT_MONITOR_TIMER_US),
            blocking_timeout: text(c, "blocking_timeout")
                .and_then(|t| t.parse().ok())
                .unwrap_or(0),
            ..ChannelExtended::default()
        };
        let channel = Channel {
            name: name.clone(),
            enabled: true,
            attr,
            extended,
        };
        client::enable_channel(handle, &channel)?;
    }
    if let Some(events) = child(c, "events") {
        // As upstream: create every rule, disable them all, then enable those that were.
        let events: Vec<Node<'_, '_>> = events
            .children()
            .filter(|e| e.has_tag_name("event"))
            .collect();
        for e in &events {
            load_event(*e, handle, &name, opts)?;
        }
        let all = Event {
            kind: -1,
            loglevel: -1,
            ..Event::default()
        };
        client::disable_event(handle, &all, Some(&name), None)?;
        for e in events.iter().filter(|e| boolean(**e, "enabled")) {
            load_event(*e, handle, &name, opts)?;
        }
    }
    if let Some(contexts) = child(c, "contexts") {
        for ctx in contexts.children().filter(|x| x.has_tag_name("context")) {
            if let Some(context) = saved_context(ctx) {
                client::add_context(handle, &context, None, Some(&name))?;
            }
        }
    }
    if !boolean(c, "enabled") {
        client::disable_channel(handle, &name)?;
    }
    Ok(())
}

fn load_event(e: Node<'_, '_>, handle: &Handle, channel: &str, opts: &LoadOptions) -> Result<()> {
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
    let filter = text(e, "filter");
    if client::enable_event(handle, &mut event, Some(channel), filter).is_err() {
        if let Some(report) = opts.report {
            report(
                false,
                &format!("Enabling event (name:{}) on load failed.", event.name),
            );
        }
        return Err(bad_config());
    }
    Ok(())
}

/// A saved context (`<type>VPID</type>`, perf counters and app contexts).
fn saved_context(ctx: Node<'_, '_>) -> Option<Context> {
    if let Some(app) = child(ctx, "app") {
        return Some(Context::App {
            provider: text(app, "provider_name")?.to_owned(),
            name: text(app, "ctx_name")?.to_owned(),
        });
    }
    let names = [
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
    let t = text(ctx, "type")?;
    names
        .iter()
        .position(|n| *n == t)
        .map(|i| Context::Simple(i as i32))
}

fn load_tracker(t: Node<'_, '_>, session: &str, domain: i32) -> Result<()> {
    let (attr, value_tag) = match t.tag_name().name() {
        "pid_process_attr_tracker" => (0, "pid"),
        "vpid_process_attr_tracker" => (1, "vpid"),
        "uid_process_attr_tracker" => (2, "uid"),
        "vuid_process_attr_tracker" => (3, "vuid"),
        "gid_process_attr_tracker" => (4, "gid"),
        "vgid_process_attr_tracker" => (5, "vgid"),
        _ => return Ok(()),
    };
    let Some(values) = child(t, "process_attr_values") else {
        // No value set saved: the tracker includes everything.
        return Ok(());
    };
    tracker::set_policy(session, domain, attr, 2)?;
    let mut outcome = Ok(());
    for v in values.children().filter(|v| v.has_tag_name(value_tag)) {
        let value = if let Some(id) = text(v, "id") {
            let id: i64 = id.parse().map_err(|_| bad_config())?;
            match attr {
                0 | 1 => Value::Pid(id as i32),
                2 | 3 => Value::Uid(id as u32),
                _ => Value::Gid(id as u32),
            }
        } else if let Some(n) = text(v, "name") {
            if attr == 2 || attr == 3 {
                Value::UserName(n.to_owned())
            } else {
                Value::GroupName(n.to_owned())
            }
        } else {
            return Err(bad_config());
        };
        match tracker::add_remove(true, session, domain, attr, &value) {
            Ok(()) => {}
            // As upstream: remembered, and the next values are still added.
            Err(e)
                if matches!(
                    e.code(),
                    Some(ErrorCode::ProcessAttrExists | ErrorCode::ProcessAttrMissing)
                ) =>
            {
                outcome = Err(e);
            }
            Err(e) => return Err(e),
        }
    }
    outcome
}
