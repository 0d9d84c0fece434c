//! Session commands: create, list (sessions and domains), start, stop, data pending,
//! destroy, and the daemon's shutdown.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::model::domain::{BufferType, Domain, DomainType};
use crate::model::error::ErrorCode;
use crate::model::session::{OutputKind, SessionInfo, SessionKind};
use crate::model::uri::{DstType, StreamType, Uri};
use crate::proto::objects;
use crate::proto::sessiond::Request;
use crate::transport::signals;

use super::request::parse_create;
use super::{Caller, Daemon, OK, Reply, err, output, unix_now, with_named};
use crate::sessiond::link::{Failure, Link};
use crate::sessiond::session::{ConsumerState, Session, Template};
use crate::sessiond::worker::{STOP_WAIT, pump, session_worker};

/// Session names the real daemon refuses: empty, `/`, or longer than 254 bytes.
fn valid_session_name(name: &str) -> bool {
    !name.is_empty() && !name.contains('/') && name.len() <= 254
}

pub(super) fn create_session(daemon: &Arc<Daemon>, req: &Request, caller: Caller) -> Reply {
    let (home, mut desc) = match parse_create(req) {
        Ok(parsed) => parsed,
        Err(reply) => return reply,
    };
    if desc.kind == SessionKind::Live && desc.output == OutputKind::Local {
        return err(ErrorCode::Invalid);
    }
    let (now, now_ns) = unix_now();
    let datetime = signals::local_datetime(now);
    let auto = desc.name.is_none();
    let name = desc
        .name
        .clone()
        .unwrap_or_else(|| format!("auto-{datetime}"));
    if !valid_session_name(&name) {
        return err(ErrorCode::SessionInvalidChar);
    }
    // Default outputs, as the real daemon fills them in.
    if desc.uris.is_empty() {
        match desc.output {
            OutputKind::Local => {
                let Some(home) = &home else {
                    return err(ErrorCode::Invalid);
                };
                let dir = if auto {
                    format!("{home}/lttng-traces/{name}")
                } else {
                    format!("{home}/lttng-traces/{name}-{datetime}")
                };
                desc.uris = vec![Uri::path(&dir, StreamType::Control)];
            }
            OutputKind::Network => {
                let mut c = Uri::path("", StreamType::Control);
                c.dtype = DstType::Ipv4;
                c.dst = "127.0.0.1".into();
                c.port = 5342;
                let mut d = c.clone();
                d.stream = StreamType::Data;
                d.port = 5343;
                desc.uris = vec![c, d];
            }
            OutputKind::None => {}
        }
    }
    let template = match desc.uris.as_slice() {
        [] => Template::default(),
        [local] if !local.is_network() => {
            if !local.dst.starts_with('/') || local.dst.contains("../") {
                return err(ErrorCode::Invalid);
            }
            Template::local(&local.dst)
        }
        [c, d] => {
            if c.dst == d.dst && c.port == d.port {
                return err(ErrorCode::Invalid);
            }
            Template {
                control: Some(c.clone()),
                data: Some(d.clone()),
            }
        }
        _ => return err(ErrorCode::Invalid),
    };
    desc.name = Some(name.clone());
    let Ok(reply) = objects::encode_descriptor(&desc) else {
        return err(ErrorCode::Fatal);
    };
    // A snapshot session's output is its default snapshot output, not a live consumer.
    let (template, snapshot_outputs) = if desc.kind == SessionKind::Snapshot && !template.is_empty()
    {
        (
            Template::default(),
            vec![(1, "snapshot-1".to_owned(), template)],
        )
    } else {
        (template, Vec::new())
    };
    let id = daemon
        .next_id
        .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    {
        let mut state = daemon.lock();
        if state.find(&name).is_some() {
            return err(ErrorCode::ExistSess);
        }
        state.sessions.push(Session {
            id,
            name: name.clone(),
            uid: caller.uid,
            gid: caller.gid,
            creation_time: now,
            kind: desc.kind,
            live_timer: desc.live_timer_us as u32,
            template,
            consumer: ConsumerState::Disabled,
            link: None,
            output: Template::default(),
            target: None,
            stretches: 0,
            local_dirs: Vec::new(),
            failure_reported: false,
            ops: Arc::default(),
            active: false,
            ever_started: false,
            has_ust: false,
            ust_buf_type: BufferType::PerUid as i32,
            channels: Vec::new(),
            next_seq: 0,
            trace_uuid: crate::sessiond::random_uuid(),
            clock_start: Instant::now(),
            clock_offset_ns: now_ns,
            destroying: false,
            snapshot_outputs,
            snapshots_taken: 0,
        });
    }
    let worker = daemon.clone();
    let _ = std::thread::Builder::new()
        .name(format!("session-{id}"))
        .spawn(move || session_worker(&worker, id));
    Reply::data(reply)
}

pub(super) fn list_sessions(daemon: &Daemon, caller: Caller) -> Reply {
    let state = daemon.lock();
    let list: Vec<SessionInfo> = state
        .sessions
        .iter()
        .rev()
        .filter(|s| !s.destroying && (caller.uid == 0 || caller.uid == s.uid))
        .map(|s| {
            let mut path = if s.kind == SessionKind::Snapshot {
                String::new()
            } else {
                s.template.display()
            };
            if let ConsumerState::Failed(f) = &s.consumer {
                path = format!("{path} [consumer failed: {}]", f.reason);
            }
            SessionInfo {
                name: s.name.clone(),
                path,
                enabled: u32::from(s.active),
                snapshot_mode: u32::from(s.kind == SessionKind::Snapshot),
                live_timer_interval: s.live_timer,
                creation_time: Some(s.creation_time),
            }
        })
        .collect();
    Reply::data(objects::encode_session_list(&list))
}

/// LIST_DOMAINS: the user-space domain once the session has it.
pub(super) fn list_domains(s: &Session) -> Reply {
    let mut data = Vec::new();
    if s.has_ust {
        let d = Domain::new(
            DomainType::Ust,
            if s.ust_buf_type == 0 {
                BufferType::PerPid
            } else {
                BufferType::PerUid
            },
        );
        data = objects::encode_domain(&d);
    }
    Reply::data(data)
}

/// START: a session whose consumer stopped writing does not start (every event would be
/// lost); a new consumer must show that it writes before the start is answered.
pub(super) fn start(daemon: &Arc<Daemon>, name: &str) -> Reply {
    let needs_consumer = {
        let mut state = daemon.lock();
        let Some(s) = state.find_mut(name) else {
            return err(ErrorCode::SessNotFound);
        };
        if s.active {
            return err(ErrorCode::TraceAlreadyStarted);
        }
        if !s.has_ust || s.channels.is_empty() {
            return err(ErrorCode::NoChannel);
        }
        if let ConsumerState::Failed(f) = &s.consumer {
            let code = f.code;
            s.failure_reported = true;
            return err(code);
        }
        s.link.is_none()
            && s.consumer == ConsumerState::Disabled
            && !s.template.is_empty()
            && !s.ever_started
    };
    if needs_consumer {
        let r = output::enable_consumer(daemon, name);
        if r.code != OK {
            return r;
        }
    }
    // One consumer command at a time on the session (a switch must not happen between the
    // setup below and its confirmation).
    let Some(ops) = daemon.lock().find(name).map(|s| s.ops.clone()) else {
        return err(ErrorCode::SessNotFound);
    };
    let _serial = ops
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let was_started;
    let setup = {
        let mut state = daemon.lock();
        let Some(s) = state.find_mut(name) else {
            return err(ErrorCode::SessNotFound);
        };
        s.active = true;
        was_started = std::mem::replace(&mut s.ever_started, true);
        match (&s.link, &s.target, &s.consumer) {
            (Some(link), Some(target), _) if !link.is_set_up() => Some((
                link.clone(),
                Some(output::setup_message(
                    daemon,
                    s,
                    target.clone(),
                    s.trace_uuid,
                )),
            )),
            (Some(link), _, ConsumerState::Enabled) => Some((link.clone(), None)),
            _ => None,
        }
    };
    daemon.wake.notify_all();
    let Some((link, setup)) = setup else {
        return Reply::code(OK);
    };
    let confirmed = match &setup {
        Some(setup) => link.send_setup(setup).map_err(|e| Failure {
            code: ErrorCode::NoUstconsumerd,
            reason: e.to_string(),
        }),
        None => Ok(()),
    }
    .and_then(|()| link.confirm_writing(output::CONFIRM_TIMEOUT));
    let Err(f) = confirmed else {
        return Reply::code(OK);
    };
    daemon.log(&format!(
        "session {name}: the consumer does not write: {}",
        f.reason
    ));
    if setup.is_none() {
        // The consumer of an earlier start stopped writing meanwhile (an idle relay
        // connection that broke): the session does not start, the consumer is failed.
        return with_named(daemon, name, |s| {
            s.active = false;
            output::note_link_failure(s);
            s.failure_reported = true;
            err(f.code)
        });
    }
    // As the real daemon: a start that fails leaves the session as it was, without the
    // consumer that could not write (the next start tries a new one).
    link.close(output::CLOSE_TIMEOUT);
    with_named(daemon, name, |s| {
        s.active = false;
        s.ever_started = was_started;
        if s.link.as_ref().is_some_and(|l| Arc::ptr_eq(l, &link)) {
            s.link = None;
            s.target = None;
            s.consumer = ConsumerState::Disabled;
        }
        err(f.code)
    })
}

/// STOP: the consumer gets everything; a consumer that stopped writing says so in the
/// answer (once: the next commands answer as usual, `lttng list` keeps showing it).
pub(super) fn stop(daemon: &Arc<Daemon>, name: &str) -> Reply {
    let id = {
        let mut state = daemon.lock();
        let Some(s) = state.find_mut(name) else {
            return err(ErrorCode::SessNotFound);
        };
        if !s.active {
            return err(ErrorCode::TraceAlreadyStopped);
        }
        s.active = false;
        // Partial sub-buffers close now, also for a paused consumer (which gets them when
        // it resumes).
        s.flush();
        s.id
    };
    let drain = pump(daemon, id, true);
    daemon.wake.notify_all();
    if let Some((link, token)) = &drain {
        link.wait_for(STOP_WAIT, |st| st.failed.is_some() || st.drained >= *token);
    }
    with_named(daemon, name, |s| {
        output::note_link_failure(s);
        match &s.consumer {
            ConsumerState::Failed(f) if !s.failure_reported => {
                s.failure_reported = true;
                err(f.code)
            }
            _ => Reply::code(OK),
        }
    })
}

pub(super) fn data_pending(daemon: &Daemon, name: &str) -> Reply {
    let state = daemon.lock();
    let Some(s) = state.find(name) else {
        return err(ErrorCode::SessNotFound);
    };
    if s.active {
        return err(ErrorCode::SessionStarted);
    }
    let pending =
        s.consumer == ConsumerState::Enabled && s.link.as_ref().is_some_and(|l| l.drain_pending());
    Reply::data(vec![u8::from(pending)])
}

/// Stops (if needed), drains, closes the consumer and removes the session. When the
/// consumer stopped writing, the trace is incomplete: the answer is the real daemon's in
/// that case, LTTNG_ERR_ROTATION_FAIL_CONSUMER.
pub(super) fn destroy_session(daemon: &Arc<Daemon>, name: &str) -> Reply {
    let (id, active, ops) = {
        let mut state = daemon.lock();
        let Some(s) = state.find_mut(name) else {
            return err(ErrorCode::SessNotFound);
        };
        (s.id, s.active, s.ops.clone())
    };
    let _serial = ops
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // The consumer writes what the buffers hold, also when it was paused.
    with_named(daemon, name, |s| {
        if s.consumer == ConsumerState::Paused {
            s.consumer = ConsumerState::Enabled;
        }
        Reply::code(OK)
    });
    if active {
        stop(daemon, name);
    } else if let Some((link, token)) = pump(daemon, id, true) {
        link.wait_for(STOP_WAIT, |st| st.failed.is_some() || st.drained >= token);
    }
    let (link, failed) = {
        let mut state = daemon.lock();
        let Some(s) = state.by_id_mut(id) else {
            return err(ErrorCode::SessNotFound);
        };
        s.destroying = true;
        output::note_link_failure(s);
        (
            s.link.take(),
            matches!(s.consumer, ConsumerState::Failed(_)),
        )
    };
    daemon.wake.notify_all();
    let mut failed = failed;
    if let Some(link) = link {
        link.wait_for(Duration::from_secs(30), |st| {
            st.failed.is_some() || !link_drain_pending(st, &link)
        });
        link.close(Duration::from_secs(10));
        failed |= link.is_set_up() && link.failure().is_some();
    }
    daemon.lock().sessions.retain(|s| s.id != id);
    daemon.wake.notify_all();
    Reply {
        code: if failed {
            ErrorCode::RotationFailConsumer as u32
        } else {
            OK
        },
        cmd_header: 0i32.to_ne_bytes().to_vec(),
        data: Vec::new(),
        pid: u32::MAX,
    }
}

fn link_drain_pending(st: &crate::sessiond::link::LinkStatus, link: &Link) -> bool {
    let asked = *link
        .next_token
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    st.drained < asked
}

/// Ends every session (daemon shutdown).
pub(in crate::sessiond) fn shutdown(daemon: &Arc<Daemon>) {
    let names: Vec<String> = daemon
        .lock()
        .sessions
        .iter()
        .map(|s| s.name.clone())
        .collect();
    for n in names {
        destroy_session(daemon, &n);
    }
}
