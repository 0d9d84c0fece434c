//! Loading saved sessions (`lttng_load_session`): like upstream, done client-side. The
//! session configuration XML (as `lttng save` writes it) is read and parsed ([`config`], no
//! I/O), then replayed here with the ordinary commands: create the session with its output,
//! its channels, event rules, contexts, process-attribute trackers and rotation schedules,
//! and start it if it was.

pub mod config;

use std::path::{Path, PathBuf};

use crate::client::rotation;
use crate::client::snapshot::SnapshotOutput;
use crate::client::tracker;
use crate::client::{self, Error, Handle, Report, Result};
use crate::model::error::ErrorCode;
use crate::model::event::Event;
use crate::model::session::{SessionDescriptor, SessionKind};

use config::{Destination, SavedChannel, SavedDomain, SavedEvent, SavedSession, SavedTracker};

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
    fn apply(&self, saved: &Destination) -> (Option<String>, Option<String>, Option<String>) {
        if let Some(p) = &self.path {
            return (Some(p.clone()), None, None);
        }
        let (mut path, (mut ctrl, mut data)) = (
            saved.path.clone(),
            saved
                .net
                .clone()
                .map_or((None, None), |(c, d)| (Some(c), Some(d))),
        );
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
    replay(config::parse(&xml)?, opts)
}

/// Loads parsed sessions: those `opts` names (every one when it names none), in order.
fn replay(sessions: Vec<Result<SavedSession>>, opts: &LoadOptions) -> Result<()> {
    let mut found = opts.session_name.is_empty();
    for s in sessions {
        let s = s?;
        if !opts.session_name.is_empty() && s.name != opts.session_name {
            continue;
        }
        load_session(&s, opts)?;
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

/// Adds the saved snapshot outputs of a snapshot session, with the output overrides
/// applied to each, as upstream.
fn add_snapshot_outputs(s: &SavedSession, session: &str, opts: &LoadOptions) -> Result<()> {
    for saved in &s.snapshot_outputs {
        let saved = saved.clone()?;
        let mut output = SnapshotOutput {
            max_size: saved.max_size,
            name: saved.name,
            ..SnapshotOutput::default()
        };
        match opts.overrides.apply(&saved.destination) {
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

fn load_session(s: &SavedSession, opts: &LoadOptions) -> Result<()> {
    let name = opts.override_name.as_deref().unwrap_or(&s.name);
    let live = s.live_timer?;
    if client::list_sessions()?.iter().any(|x| x.name == name) {
        if !opts.overwrite {
            return Err(ErrorCode::ExistSess.into());
        }
        client::destroy_session(name)?;
    }
    let uris = match opts.overrides.apply(&s.output) {
        (Some(p), _, _) => client::parse_urls(Some(&p), None, opts.report)?,
        (None, None, None) => Vec::new(),
        (None, c, d) => client::parse_urls(
            c.as_deref().map(saved_url).as_deref(),
            d.as_deref().map(saved_url).as_deref(),
            opts.report,
        )?,
    };
    let kind = match (s.snapshot, live) {
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
    .and_then(|()| configure(s, name, opts));
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
fn configure(s: &SavedSession, name: &str, opts: &LoadOptions) -> Result<()> {
    for d in &s.domains {
        load_domain(d.as_ref().map_err(|e| *e)?, name, opts)?;
    }
    for schedule in &s.rotation_schedules {
        if let Some(schedule) = (*schedule)? {
            rotation::set_schedule(name, schedule, true)?;
        }
    }
    if s.started {
        client::start_tracing(name)?;
    }
    Ok(())
}

fn load_domain(d: &SavedDomain, session: &str, opts: &LoadOptions) -> Result<()> {
    let handle = Handle::new(session, d.domain.clone());
    for c in &d.channels {
        load_channel(c.as_ref().map_err(|e| *e)?, &handle, opts)?;
    }
    for t in &d.trackers {
        load_tracker(t, session, d.domain.kind)?;
    }
    Ok(())
}

fn load_channel(c: &SavedChannel, handle: &Handle, opts: &LoadOptions) -> Result<()> {
    let name = &c.channel.name;
    client::enable_channel(handle, &c.channel)?;
    if !c.events.is_empty() {
        // As upstream: create every rule, disable them all, then enable those that were.
        for e in &c.events {
            load_event(e, handle, name, opts)?;
        }
        let all = Event {
            kind: -1,
            loglevel: -1,
            ..Event::default()
        };
        client::disable_event(handle, &all, Some(name), None)?;
        for e in c.events.iter().filter(|e| e.enabled) {
            load_event(e, handle, name, opts)?;
        }
    }
    for context in &c.contexts {
        client::add_context(handle, context, None, Some(name))?;
    }
    if !c.enabled {
        client::disable_channel(handle, name)?;
    }
    Ok(())
}

fn load_event(e: &SavedEvent, handle: &Handle, channel: &str, opts: &LoadOptions) -> Result<()> {
    let mut event = e.event.clone();
    if client::enable_event(handle, &mut event, Some(channel), e.filter.as_deref()).is_err() {
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

fn load_tracker(t: &SavedTracker, session: &str, domain: i32) -> Result<()> {
    tracker::set_policy(session, domain, t.attr, 2)?;
    let mut outcome = Ok(());
    for value in &t.values {
        match tracker::add_remove(
            true,
            session,
            domain,
            t.attr,
            value.as_ref().map_err(|e| *e)?,
        ) {
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
