//! Snapshot commands: the outputs of a snapshot session and SNAPSHOT_RECORD, which copies
//! the buffers into a new trace through a one-shot consumer.

use std::sync::Arc;
use std::time::Duration;

use crate::model::error::ErrorCode;
use crate::model::session::SessionKind;
use crate::model::uri::{DstType, Uri};
use crate::proto::consumer::{Message, Output};
use crate::proto::objects;
use crate::proto::sessiond::Request;
use crate::transport::signals;

use super::{Daemon, OK, Reply, err, output, unix_now, with_session};
use crate::sessiond::link::Link;
use crate::sessiond::session::Template;

/// The URL text of one side of a template, as LTTng renders snapshot outputs.
fn template_urls(t: &Template) -> (String, String) {
    let render = |u: &Uri| {
        if !u.is_network() {
            return u.dst.clone();
        }
        let (v, host) = if u.dtype == DstType::Ipv6 {
            ("6", format!("[{}]", u.dst))
        } else {
            ("4", u.dst.clone())
        };
        format!("tcp{v}://{host}:{}/{}", u.effective_port(), u.subdir)
    };
    (
        t.control.as_ref().map(render).unwrap_or_default(),
        t.data.as_ref().map(render).unwrap_or_default(),
    )
}

pub(super) fn snapshot_list_output(daemon: &Daemon, req: &Request) -> Reply {
    with_session(daemon, req, |s| {
        if s.kind != SessionKind::Snapshot {
            return err(ErrorCode::NotSnapshotSession);
        }
        let mut data = Vec::new();
        for (id, name, t) in &s.snapshot_outputs {
            let (ctrl_url, data_url) = template_urls(t);
            data.extend(objects::encode_snapshot_output(&objects::SnapshotOutput {
                id: *id,
                max_size: 0,
                name: name.clone(),
                ctrl_url,
                data_url,
            }));
        }
        Reply::data(data)
    })
}

/// SNAPSHOT_RECORD: copies the buffers' content into a new trace under the snapshot
/// output (`snapshot-<id>-<date>-<n>/`), through a one-shot consumer.
pub(super) fn snapshot_record(daemon: &Arc<Daemon>, req: &Request) -> Reply {
    let (setup_base, template, packets, s_id, creation, mut setup) = {
        let mut state = daemon.lock();
        let Some(s) = state.find_mut(&req.session_name) else {
            return err(ErrorCode::SessNotFound);
        };
        if s.kind != SessionKind::Snapshot {
            return err(ErrorCode::NotSnapshotSession);
        }
        if !s.ever_started {
            return err(ErrorCode::StartSessionOnce);
        }
        let Some((id, name, template)) = s.snapshot_outputs.first().cloned() else {
            return err(ErrorCode::NoSessionOutput);
        };
        let n = s.snapshots_taken;
        s.snapshots_taken += 1;
        let (now, _) = unix_now();
        let dir_name = format!("{name}-{}-{n}", signals::local_datetime(now));
        let _ = id;
        let packets = s.snapshot_packets();
        let placeholder = Output::Local { dir: String::new() };
        let setup = output::setup_message(daemon, s, placeholder, s.trace_uuid);
        let base = format!(
            "{}-{}/{dir_name}",
            s.name,
            signals::local_datetime(s.creation_time)
        );
        // A relay session id of its own: the relayd shares trace chunks between sessions
        // with the same (sessiond UUID, session id).
        let relay_id = (s.id << 20) + n + 1;
        (
            if template.is_local() { dir_name } else { base },
            template,
            packets,
            relay_id,
            s.creation_time,
            setup,
        )
    };
    let relay = if template.is_local() {
        if let Message::Setup { output, .. } = &mut setup {
            let root = template
                .control
                .as_ref()
                .map(|c| c.dst.clone())
                .unwrap_or_default();
            *output = Output::Local {
                dir: format!("{root}/{setup_base}"),
            };
        }
        None
    } else {
        let mut t = template.clone();
        if let Some(c) = t.control.as_mut() {
            c.subdir = setup_base.clone();
        }
        let target = output::RelayTarget {
            name: &req.session_name,
            id: s_id,
            creation,
            live: 0,
            snapshot: true,
            stretch: 0,
        };
        match output::connect_relay(daemon, &target, &t) {
            Ok((c, d, rid, path)) => {
                if let Message::Setup { output, .. } = &mut setup {
                    *output = Output::Relay {
                        session_id: rid,
                        path,
                        creation_time: creation,
                    };
                }
                Some((c, d))
            }
            Err(f) => {
                daemon.log(&format!(
                    "session {}: snapshot failed: {}",
                    req.session_name, f.reason
                ));
                return err(f.code);
            }
        }
    };
    let link = match Link::spawn(&daemon.consumerd, relay, |_, _| {}) {
        Ok(l) => l,
        Err(_) => return err(ErrorCode::SnapshotFail),
    };
    let sent = link.send_setup(&setup).and_then(|()| {
        let conn = link
            .conn
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for (stream, p) in packets {
            crate::consumer::send_packet(&conn, &p.view(stream))?;
        }
        Ok(())
    });
    link.close(Duration::from_secs(30));
    let ok = sent.is_ok() && link.failure().is_none();
    if ok {
        Reply::code(OK)
    } else {
        err(ErrorCode::SnapshotFail)
    }
}
