//! A session's output: the network-consumer design's commands (21 SET_CONSUMER_URI, 20
//! ENABLE_CONSUMER, 19 DISABLE_CONSUMER) and the consumer switch.
//!
//! Each consumer the session starts writes a trace of its own, a *stretch* of the session:
//! the first one where the template names (`<relay out>/<host>/<session>-<date>/`, or the
//! local directory), the n-th one after it in `<session>-<date>-<n>` on a relay daemon, and
//! in `<dir>-<n>` for a local directory an earlier stretch already wrote to. Enabling the
//! consumer after its template changed (a paused consumer, new URIs) starts the new
//! consumer first, and only once it writes hands it the session: the old one gets
//! everything the buffers hold, closes its trace (and its relay session) and exits. A
//! switch that fails leaves the old consumer in charge, consuming again.

use std::sync::Arc;
use std::time::Duration;

use crate::consumer::relay::{self, Control, RelayError};
use crate::ctf::TraceInfo;
use crate::model::domain::BufferType;
use crate::model::error::ErrorCode;
use crate::model::session::SessionKind;
use crate::model::uri::{Protocol, StreamType, Uri};
use crate::proto::consumer::{Message, Output, StreamSpec};
use crate::proto::relayd::CreateSession;
use crate::proto::sessiond::{Request, union_offsets};
use crate::proto::uri as wire_uri;
use crate::proto::wire::Reader;
use crate::transport::signals;

use super::commands::{err, with_named, with_session_mut};
use super::link::{Failure, Link};
use super::session::{ConsumerState, Session, Template};
use super::{Daemon, Reply};

const OK: u32 = ErrorCode::Ok as u32;

/// How long a consumer may take to show that it writes (its streams announced, a drain
/// confirmed): the relay daemon's answers, or the local files created.
pub const CONFIRM_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a consumer that is replaced or closed may take to write what it holds.
pub const CLOSE_TIMEOUT: Duration = Duration::from_secs(30);

/// The trace path of a session's user-space buffers.
fn trace_path(s: &Session) -> String {
    if s.ust_buf_type == BufferType::PerPid as i32 {
        format!("ust/pid/lttng-ref-sessiond-{}", std::process::id())
    } else {
        format!("ust/uid/{}/64-bit", s.uid)
    }
}

/// The `Setup` message of a consumer writing the trace `uuid` of session `s` to `output`.
pub fn setup_message(daemon: &Daemon, s: &Session, output: Output, uuid: [u8; 16]) -> Message {
    let info = TraceInfo {
        uuid,
        hostname: daemon.hostname.clone(),
        session_name: s.name.clone(),
        clock_offset_ns: s.clock_offset_ns,
    };
    Message::Setup {
        output,
        hostname: daemon.hostname.clone(),
        session_name: s.name.clone(),
        trace_path: trace_path(s),
        metadata: info.metadata(),
        streams: s
            .channels
            .iter()
            .enumerate()
            .map(|(i, c)| StreamSpec {
                id: i as u32,
                name: c.channel.name.clone(),
                subbuf_size: c.channel.attr.subbuf_size.clamp(4096, 64 << 20),
            })
            .collect(),
    }
}

/// Relay session parameters of a session: name, id, creation time, live timer, snapshot
/// flag, and which stretch of the session it holds (0 for the first).
pub struct RelayTarget<'a> {
    pub name: &'a str,
    pub id: u64,
    pub creation: u64,
    pub live: u32,
    pub snapshot: bool,
    pub stretch: u64,
}

/// Connects both relay paths and creates the relay session; on any failure both sockets
/// are closed (dropped) before returning.
pub fn connect_relay(
    daemon: &Daemon,
    target: &RelayTarget<'_>,
    t: &Template,
) -> Result<(std::net::TcpStream, std::net::TcpStream, u64, String), Failure> {
    let RelayTarget {
        name: s_name,
        id: s_id,
        creation,
        live,
        snapshot,
        stretch,
    } = *target;
    let (Some(c), Some(d)) = (&t.control, &t.data) else {
        return Err(Failure {
            code: ErrorCode::UrlDataMiss,
            reason: "no data URI".into(),
        });
    };
    let fail = |e: RelayError| Failure {
        code: e.code(),
        reason: e.to_string(),
    };
    let control = relay::connect(&c.dst, c.effective_port()).map_err(fail)?;
    let data = relay::connect(&d.dst, d.effective_port()).map_err(fail)?;
    let mut ctl = Control::new(control);
    ctl.version().map_err(fail)?;
    let mut base_path = c.subdir.trim_end_matches('/').to_owned();
    let mut session_id = s_id;
    if stretch > 0 {
        // A later stretch: a directory and an id of its own (a relay daemon that already
        // holds an earlier stretch would otherwise truncate it).
        if base_path.is_empty() {
            base_path = format!("{s_name}-{}", signals::local_datetime(creation));
        }
        base_path = format!("{base_path}-{stretch}");
        session_id = s_id + (stretch << 32);
    }
    let (relay_id, path) = ctl
        .create_session(&CreateSession {
            session_name: s_name.to_owned(),
            hostname: daemon.hostname.clone(),
            base_path,
            live_timer: live,
            snapshot,
            sessiond_uuid: daemon.sessiond_uuid,
            session_id,
            creation_time: creation,
        })
        .map_err(fail)?;
    Ok((ctl.into_stream(), data, relay_id, path))
}

/// SET_CONSUMER_URI's payload: one or two wire URIs.
pub fn parse_uris(req: &Request) -> Result<Vec<Uri>, Reply> {
    let count = req.union_u32(union_offsets::FIRST_U32) as usize;
    if count == 0 || count > 2 || req.payload.len() != count * wire_uri::WIRE_URI_LEN {
        return Err(err(ErrorCode::Invalid));
    }
    let mut r = Reader::new(&req.payload);
    let mut uris = Vec::new();
    for _ in 0..count {
        match wire_uri::decode(&mut r) {
            Ok(u) => uris.push(u),
            Err(_) => return Err(err(ErrorCode::Invalid)),
        }
    }
    Ok(uris)
}

/// SET_CONSUMER_URI: edits the template. Refused while the consumer is enabled; accepted
/// while the session traces (the design's switch: disable, set, enable).
pub fn set_consumer_uri(daemon: &Arc<Daemon>, req: &Request) -> Reply {
    let uris = match parse_uris(req) {
        Ok(uris) => uris,
        Err(reply) => return reply,
    };
    with_session_mut(daemon, req, |s| {
        if s.consumer == ConsumerState::Enabled {
            return err(ErrorCode::UrlExist);
        }
        let mut t = s.template.clone();
        for u in uris {
            if !u.is_network() {
                if !u.dst.starts_with('/') || u.dst.contains("../") {
                    return err(ErrorCode::Invalid);
                }
                t = Template::local(&u.dst);
                continue;
            }
            if u.subdir.contains("../") || u.subdir.split('/').any(|c| c == "..") {
                return err(ErrorCode::Invalid);
            }
            if u.stream == StreamType::Control && u.proto == Protocol::Udp {
                return err(ErrorCode::Invalid);
            }
            if t.is_local() {
                t = Template::default();
            }
            let mut u = u;
            u.port = u.effective_port();
            match u.stream {
                StreamType::Control => t.control = Some(u),
                StreamType::Data => t.data = Some(u),
            }
        }
        if let (Some(c), Some(d)) = (&t.control, &t.data) {
            if c.is_network() && c.dst == d.dst && c.port == d.port {
                return err(ErrorCode::Invalid);
            }
        }
        s.template = t;
        Reply::code(OK)
    })
}

/// Makes a failure of the session's consumer the session's state at once (the consumer's
/// reader thread does it too, a moment later).
pub fn note_link_failure(s: &mut Session) {
    let Some(f) = s.link.as_ref().and_then(|l| l.failure()) else {
        return;
    };
    if !matches!(s.consumer, ConsumerState::Failed(_)) {
        s.consumer = ConsumerState::Failed(f);
        s.failure_reported = false;
    }
}

/// Answers a consumer failure: the session remembers that it was reported.
fn answer_failure(daemon: &Daemon, name: &str, f: &Failure) -> Reply {
    with_named(daemon, name, |s| {
        note_link_failure(s);
        s.failure_reported = true;
        err(f.code)
    })
}

/// DISABLE_CONSUMER: pauses consumption (the consumer and its connections stay). A consumer
/// that stopped writing answers why.
pub fn disable_consumer(daemon: &Arc<Daemon>, name: &str) -> Reply {
    with_named(daemon, name, |s| match &s.consumer {
        ConsumerState::Enabled => {
            s.consumer = ConsumerState::Paused;
            Reply::code(OK)
        }
        ConsumerState::Paused => Reply::code(OK),
        ConsumerState::Failed(f) => {
            s.failure_reported = true;
            err(f.code)
        }
        ConsumerState::Disabled => err(ErrorCode::NoConsumer),
    })
}

/// What ENABLE_CONSUMER does for a session in its present state.
enum Plan {
    /// Already consuming.
    Nothing,
    /// The paused consumer consumes again.
    Resume(Arc<Link>),
    /// A new consumer, from the template (the first one, a switch, or after a failure).
    Start(NewStretch),
}

/// What starting a consumer needs to know about the session.
struct NewStretch {
    template: Template,
    id: u64,
    creation: u64,
    live: u32,
    snapshot: bool,
    stretch: u64,
    local_dirs: Vec<String>,
    /// The session traced already: the consumer is set up and must write at once.
    writing: bool,
}

fn plan(s: &Session) -> Plan {
    match (&s.consumer, &s.link) {
        (ConsumerState::Enabled, _) => Plan::Nothing,
        (ConsumerState::Paused, Some(link)) if s.template == s.output => Plan::Resume(link.clone()),
        _ => Plan::Start(NewStretch {
            template: s.template.clone(),
            id: s.id,
            creation: s.creation_time,
            live: s.live_timer,
            snapshot: s.kind == SessionKind::Snapshot,
            stretch: s.stretches,
            local_dirs: s.local_dirs.clone(),
            writing: s.ever_started,
        }),
    }
}

/// The design's ENABLE_CONSUMER: resumes a paused consumer, or starts one from the template
/// (both URIs needed; connects both relay paths and creates the relay session, or creates
/// the local directory) and, when it replaces one, hands it the session. Answers success
/// only for a consumer that writes.
pub fn enable_consumer(daemon: &Arc<Daemon>, name: &str) -> Reply {
    let ops = {
        let state = daemon.lock();
        match state.find(name) {
            Some(s) => s.ops.clone(),
            None => return err(ErrorCode::SessNotFound),
        }
    };
    let _serial = ops
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let plan = {
        let state = daemon.lock();
        match state.find(name) {
            Some(s) => plan(s),
            None => return err(ErrorCode::SessNotFound),
        }
    };
    match plan {
        Plan::Nothing => Reply::code(OK),
        Plan::Resume(link) => {
            with_named(daemon, name, |s| {
                s.consumer = ConsumerState::Enabled;
                Reply::code(OK)
            });
            match link.confirm_writing(CONFIRM_TIMEOUT) {
                Ok(()) => Reply::code(OK),
                Err(f) => {
                    daemon.log(&format!(
                        "session {name}: the consumer does not write: {}",
                        f.reason
                    ));
                    answer_failure(daemon, name, &f)
                }
            }
        }
        Plan::Start(new) => match start_stretch(daemon, name, &new) {
            Ok(()) => Reply::code(OK),
            Err(f) => {
                daemon.log(&format!(
                    "session {name}: enabling the consumer failed: {}",
                    f.reason
                ));
                // The old consumer, if one is alive, goes on where it wrote.
                with_named(daemon, name, |s| {
                    let old_alive = s.link.as_ref().is_some_and(|l| l.failure().is_none());
                    if old_alive && s.consumer == ConsumerState::Paused {
                        s.template = s.output.clone();
                        s.consumer = ConsumerState::Enabled;
                    }
                    err(f.code)
                })
            }
        },
    }
}

/// Where the next consumer writes: a relay session (connected sockets), or a local
/// directory (created here, as the real daemon creates its output at the first start).
fn open_target(
    daemon: &Daemon,
    name: &str,
    new: &NewStretch,
) -> Result<(Output, Option<(std::net::TcpStream, std::net::TcpStream)>), Failure> {
    let refused = |code: ErrorCode, reason: &str| Failure {
        code,
        reason: reason.to_owned(),
    };
    let t = &new.template;
    let Some(control) = &t.control else {
        return Err(refused(ErrorCode::UrlCtrlMiss, "no control URI"));
    };
    if t.is_local() {
        let mut dir = control.dst.clone();
        if new.local_dirs.contains(&dir) {
            dir = format!("{dir}-{}", new.stretch);
        }
        std::fs::create_dir_all(&dir).map_err(|e| Failure {
            code: ErrorCode::CreateDirFail,
            reason: format!("creating {dir}: {e}"),
        })?;
        return Ok((Output::Local { dir }, None));
    }
    match &t.data {
        None => return Err(refused(ErrorCode::UrlDataMiss, "no data URI")),
        Some(d) if d.proto == Protocol::Udp => {
            return Err(refused(
                ErrorCode::EnableConsumerFail,
                "lttng-relayd 2.13 has no UDP data path",
            ));
        }
        Some(_) => {}
    }
    let target = RelayTarget {
        name,
        id: new.id,
        creation: new.creation,
        live: new.live,
        snapshot: new.snapshot,
        stretch: new.stretch,
    };
    let (c, d, session_id, path) = connect_relay(daemon, &target, t)?;
    Ok((
        Output::Relay {
            session_id,
            path,
            creation_time: new.creation,
        },
        Some((c, d)),
    ))
}

/// Starts a consumer for the template and, once it writes, makes it the session's; the
/// consumer it replaces writes what the buffers hold and closes its trace.
fn start_stretch(daemon: &Arc<Daemon>, name: &str, new: &NewStretch) -> Result<(), Failure> {
    let (output, sockets) = open_target(daemon, name, new)?;
    let weak = Arc::downgrade(daemon);
    let id = new.id;
    let session_name = name.to_owned();
    let on_failure = move |link: &Link, f: Failure| {
        let Some(d) = weak.upgrade() else { return };
        d.log(&format!(
            "session {session_name}: consumer failed: {}",
            f.reason
        ));
        let mut state = d.lock();
        if let Some(s) = state.by_id_mut(id) {
            if s.link.as_deref().is_some_and(|l| std::ptr::eq(l, link)) {
                note_link_failure(s);
            }
        }
    };
    let link = Link::spawn(&daemon.consumerd, sockets, on_failure).map_err(|e| Failure {
        code: ErrorCode::EnableConsumerFail,
        reason: format!("cannot start {}: {e}", daemon.consumerd.display()),
    })?;
    let uuid = super::random_uuid();
    if new.writing {
        let setup = {
            let state = daemon.lock();
            let Some(s) = state.by_id(id) else {
                link.close(CLOSE_TIMEOUT);
                return Err(Failure {
                    code: ErrorCode::SessNotFound,
                    reason: "destroyed".into(),
                });
            };
            setup_message(daemon, s, output.clone(), uuid)
        };
        let confirmed = link
            .send_setup(&setup)
            .map_err(|e| Failure {
                code: ErrorCode::NoUstconsumerd,
                reason: e.to_string(),
            })
            .and_then(|()| link.confirm_writing(CONFIRM_TIMEOUT));
        if let Err(f) = confirmed {
            link.close(CLOSE_TIMEOUT);
            return Err(f);
        }
    }
    hand_over(daemon, id, new, link, output, uuid)
}

/// Makes `link` the session's consumer. The one it replaces, when it still writes, first
/// gets everything the buffers hold (lock order: its writer, then the state, as `pump`),
/// then closes its trace. Its failure to do so is the answer: the new consumer runs, but
/// the end of the previous stretch is lost.
fn hand_over(
    daemon: &Daemon,
    id: u64,
    new: &NewStretch,
    link: Arc<Link>,
    output: Output,
    uuid: [u8; 16],
) -> Result<(), Failure> {
    let old = daemon.lock().by_id(id).and_then(|s| s.link.clone());
    let writer = old.as_ref().map(|l| {
        l.conn
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    });
    let (packets, old_writes) = {
        let mut state = daemon.lock();
        let Some(s) = state.by_id_mut(id) else {
            drop(writer);
            link.close(CLOSE_TIMEOUT);
            return Err(Failure {
                code: ErrorCode::SessNotFound,
                reason: "destroyed".into(),
            });
        };
        let old_writes = old
            .as_ref()
            .is_some_and(|l| l.is_set_up() && l.failure().is_none());
        let packets = if old_writes { s.take_all() } else { Vec::new() };
        if let Output::Local { dir } = &output {
            s.local_dirs.push(dir.clone());
        }
        s.begin_stretch(uuid);
        s.stretches = new.stretch + 1;
        s.link = Some(link);
        s.output = new.template.clone();
        s.target = Some(output);
        s.consumer = ConsumerState::Enabled;
        s.failure_reported = false;
        daemon.wake.notify_all();
        (packets, old_writes)
    };
    let sent = match &writer {
        Some(w) => packets
            .iter()
            .try_for_each(|(stream, p)| crate::consumer::send_packet(w, &p.view(*stream))),
        None => Ok(()),
    };
    drop(writer);
    let Some(old) = old else {
        return Ok(());
    };
    old.close(CLOSE_TIMEOUT);
    if !old_writes {
        return Ok(());
    }
    let failed = |reason: String, code| Failure {
        code,
        reason: format!("the previous consumer did not write its last data: {reason}"),
    };
    match (old.failure(), sent) {
        (Some(f), _) => Err(failed(f.reason, f.code)),
        (None, Err(e)) => Err(failed(e.to_string(), ErrorCode::NoUstconsumerd)),
        (None, Ok(())) if !old.closed() => Err(failed(
            "it did not close its trace in time".into(),
            ErrorCode::NoUstconsumerd,
        )),
        (None, Ok(())) => Ok(()),
    }
}
