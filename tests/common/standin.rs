//! A stand-in session daemon for wire tests: it records every request (header and payload)
//! and answers with golden replies. Sessions named `errNNN` get error NNN; the session
//! `early` gets error 104 before its payload is read, and the connection is closed.

use std::io::{Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use lttng_ctl::model::channel::{Channel, ChannelAttr, ChannelExtended};
use lttng_ctl::model::domain::{BufferType, Domain, DomainType};
use lttng_ctl::model::event::Event;
use lttng_ctl::model::session::SessionInfo;
use lttng_ctl::proto::objects;
use lttng_ctl::proto::sessiond::{Command, REQUEST_HEADER_LEN, ReplyHeader, Request};
use lttng_ctl::proto::trigger;
use lttng_ctl::proto::wire::{Reader, Writer};

/// One request as the stand-in received it.
#[derive(Clone, PartialEq, Eq)]
pub struct Recorded {
    pub header: Vec<u8>,
    pub payload: Vec<u8>,
}

impl std::fmt::Debug for Recorded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let req = Request::decode_header(&self.header).unwrap();
        write!(
            f,
            "cmd {} session {:?} payload {} B",
            req.cmd,
            req.session_name,
            self.payload.len()
        )
    }
}

/// A stand-in session daemon: records every request and answers with golden replies.
pub struct StandIn {
    log: Arc<Mutex<Vec<Recorded>>>,
    pub connections: Arc<Mutex<usize>>,
}

fn golden_sessions() -> Vec<SessionInfo> {
    vec![
        SessionInfo {
            name: "w1".into(),
            path: String::new(),
            creation_time: Some(1_700_000_000),
            ..Default::default()
        },
        SessionInfo {
            name: "w3".into(),
            path: "tcp4://127.0.0.1:6000/sub [data: 6001]".into(),
            enabled: 1,
            creation_time: Some(1_700_000_123),
            ..Default::default()
        },
        SessionInfo {
            name: "w4".into(),
            snapshot_mode: 1,
            live_timer_interval: 0,
            creation_time: None,
            ..Default::default()
        },
    ]
}

fn golden_channels() -> Vec<Channel> {
    let attr = ChannelAttr {
        overwrite: 0,
        subbuf_size: 524_288,
        num_subbuf: 4,
        switch_timer_interval: 0,
        read_timer_interval: 0,
        output: 1,
        tracefile_size: 0,
        tracefile_count: 0,
        live_timer_interval: 0,
    };
    vec![
        Channel {
            name: "channel0".into(),
            enabled: true,
            attr,
            extended: ChannelExtended {
                discarded_events: 5,
                lost_packets: 2,
                monitor_timer_interval: 1_000_000,
                blocking_timeout: 0,
            },
        },
        Channel {
            name: "chan1".into(),
            enabled: false,
            attr: ChannelAttr {
                overwrite: 1,
                subbuf_size: 8192,
                num_subbuf: 8,
                tracefile_size: 1 << 20,
                tracefile_count: 3,
                ..attr
            },
            extended: ChannelExtended {
                discarded_events: 0,
                lost_packets: 0,
                monitor_timer_interval: 0,
                blocking_timeout: -1,
            },
        },
    ]
}

fn golden_events() -> Vec<Event> {
    vec![
        Event {
            kind: 0,
            name: "*".into(),
            loglevel: -1,
            enabled: 1,
            ..Default::default()
        },
        Event {
            kind: 0,
            name: "my_prov:*".into(),
            loglevel_type: 1,
            loglevel: 4,
            enabled: 0,
            filter_expression: Some("x == 1".into()),
            exclusions: vec!["my_prov:bad".into(), "my_prov:worse".into()],
            ..Default::default()
        },
    ]
}

/// The triggers registered and not unregistered yet, as LIST_TRIGGERS answers them.
fn registered_triggers(log: &[Recorded]) -> Vec<u8> {
    let mut list: Vec<trigger::Trigger> = Vec::new();
    for r in log {
        let cmd = Request::decode_header(&r.header).unwrap().command();
        if !matches!(
            cmd,
            Some(Command::RegisterTrigger | Command::UnregisterTrigger)
        ) {
            continue;
        }
        let Ok(t) = trigger::decode_trigger(&mut Reader::new(&r.payload)) else {
            continue;
        };
        if cmd == Some(Command::RegisterTrigger) {
            list.push(t);
        } else {
            list.retain(|x| x.name != t.name);
        }
    }
    trigger::encode_triggers(&list)
}

fn reply_for(req: &Request, payload: &[u8], log: &[Recorded]) -> Vec<u8> {
    let mut header = ReplyHeader {
        cmd: req.cmd,
        ret_code: 10,
        ..Default::default()
    };
    if let Some(code) = req.session_name.strip_prefix("err") {
        header.ret_code = code.parse().unwrap();
        return header.encode().to_vec();
    }
    let mut cmd_header = Vec::new();
    let data: Vec<u8> = match req.command() {
        Some(Command::ListSessions) => objects::encode_session_list(&golden_sessions()),
        Some(Command::ListDomains) => {
            let mut v = objects::encode_domain(&Domain::new(DomainType::Ust, BufferType::PerUid));
            v.extend(objects::encode_domain(&Domain::new(
                DomainType::Jul,
                BufferType::PerPid,
            )));
            v
        }
        Some(Command::ListChannels) => {
            let list = golden_channels();
            cmd_header = (list.len() as u32).to_ne_bytes().to_vec();
            let mut w = Writer::default();
            for c in &list {
                objects::encode_channel(c, &mut w);
            }
            w.into_inner()
        }
        Some(Command::ListEvents) => {
            let list = golden_events();
            cmd_header = (list.len() as u32).to_ne_bytes().to_vec();
            list.iter().flat_map(objects::encode_event).collect()
        }
        Some(Command::DataPending) => vec![0],
        // The registered trigger as sent (a real daemon names an unnamed one).
        Some(Command::RegisterTrigger) => payload.to_vec(),
        Some(Command::ListTriggers) => registered_triggers(log),
        Some(Command::ExecuteErrorQuery) => {
            trigger::encode_query_results(&[trigger::QueryResult {
                name: "golden".into(),
                description: "A counter the stand-in answers".into(),
                value: u64::from(payload[0]) + 40,
            }])
        }
        Some(Command::CreateSessionExt) => {
            let home = req.union_u16(0) as usize;
            payload[home..].to_vec()
        }
        Some(Command::DestroySession) => {
            header.pid = u32::MAX;
            cmd_header = 0i32.to_ne_bytes().to_vec();
            Vec::new()
        }
        _ => Vec::new(),
    };
    header.cmd_header_size = cmd_header.len() as u32;
    header.data_size = data.len() as u32;
    let mut out = header.encode().to_vec();
    out.extend(cmd_header);
    out.extend(data);
    out
}

impl StandIn {
    /// Listens on `<home>/.lttng/client-lttng-sessiond`, reachable by the test user.
    pub fn start(home: &Path) -> StandIn {
        let dir = home.join(".lttng");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
        let path = dir.join("client-lttng-sessiond");
        let _ = std::fs::remove_file(&path);
        let listener = UnixListener::bind(&path).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o777)).unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(Mutex::new(0));
        let (log2, conns2) = (log.clone(), connections.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { break };
                *conns2.lock().unwrap() += 1;
                serve(stream, &log2);
            }
        });
        StandIn { log, connections }
    }

    /// The requests received since the last call.
    pub fn take(&self) -> Vec<Recorded> {
        std::mem::take(&mut *self.log.lock().unwrap())
    }
}

fn serve(mut stream: UnixStream, log: &Mutex<Vec<Recorded>>) {
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut header = vec![0u8; REQUEST_HEADER_LEN];
    if stream.read_exact(&mut header).is_err() {
        return; // an empty probe connection
    }
    let req = Request::decode_header(&header).unwrap();
    if req.session_name == "early" {
        // Refuse before reading the payload, like the real daemon's early checks.
        let reply = ReplyHeader {
            cmd: req.cmd,
            ret_code: 104,
            ..Default::default()
        };
        let _ = stream.write_all(&reply.encode());
        log.lock().unwrap().push(Recorded {
            header,
            payload: Vec::new(),
        });
        return;
    }
    let mut payload = vec![0u8; req.payload_len().unwrap()];
    stream.read_exact(&mut payload).unwrap();
    if req.fd_count > 0 {
        // The descriptors come in one message of one byte (discarded, closed, here).
        let mut byte = [0u8; 1];
        stream.read_exact(&mut byte).unwrap();
    }
    log.lock().unwrap().push(Recorded {
        header,
        payload: payload.clone(),
    });
    let log = log.lock().unwrap().clone();
    let _ = stream.write_all(&reply_for(&req, &payload, &log));
}
