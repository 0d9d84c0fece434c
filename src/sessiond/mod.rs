//! The reference session daemon: the LTTng 2.13 client protocol (so that the real `lttng`
//! CLI and this library drive it), the network-consumer design's commands, a built-in
//! user-space event source (`ref:tick`), and one `lttng-ref-consumerd` per session output.
//!
//! Threads: one per client connection (a stalled client blocks nobody), one worker per
//! session (ticks, sub-buffer switches, packet hand-off to the consumer), one reader per
//! consumer link. All session state sits behind one mutex.

#![forbid(unsafe_code)]

mod commands;
pub mod link;
mod output;
pub mod session;
mod worker;

use std::io;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use crate::proto::sessiond::{REQUEST_HEADER_LEN, ReplyHeader, Request};
use crate::transport::paths;
use crate::transport::signals;
use crate::transport::unix::Connection;

use session::Session;

/// Default rate of the reference tracer (events per second).
pub const DEFAULT_TICK_RATE: u32 = 100;
/// Default period of sub-buffer switches (so that a trace streams while it grows).
pub const DEFAULT_SWITCH_INTERVAL: Duration = Duration::from_millis(500);
/// How long a client may take to send a whole request.
pub const CLIENT_TIMEOUT: Duration = Duration::from_secs(5);

/// Daemon configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Client socket path (default: where the real daemon would listen).
    pub client_sock: Option<PathBuf>,
    /// Consumer daemon executable (default: `lttng-ref-consumerd` beside this executable).
    pub consumerd_path: Option<PathBuf>,
    /// Reference tracer rate (events per second).
    pub tick_rate: u32,
    /// Period of sub-buffer switches.
    pub switch_interval: Duration,
    /// Pid file (default: beside the socket).
    pub pid_file: Option<PathBuf>,
    /// Host name used for relay outputs and trace metadata.
    pub hostname: Option<String>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            client_sock: None,
            consumerd_path: None,
            tick_rate: DEFAULT_TICK_RATE,
            switch_interval: DEFAULT_SWITCH_INTERVAL,
            pid_file: None,
            hostname: None,
        }
    }
}

/// Why the daemon could not run.
#[derive(Debug, thiserror::Error)]
pub enum DaemonError {
    /// Another daemon answers on the socket.
    #[error("a session daemon already answers on {0}")]
    AlreadyRunning(PathBuf),
    /// No home directory to put the socket in.
    #[error("cannot find the LTTng home directory (set LTTNG_HOME or HOME)")]
    NoHome,
    /// I/O failure.
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// Shared daemon state.
pub struct Daemon {
    config: Config,
    consumerd: PathBuf,
    hostname: String,
    sessiond_uuid: [u8; 16],
    root: bool,
    state: Mutex<State>,
    /// Wakes session workers (state changes, shutdown).
    wake: Condvar,
    next_id: AtomicU64,
    shutting_down: AtomicBool,
}

/// Every session.
#[derive(Default)]
pub struct State {
    sessions: Vec<Session>,
}

impl State {
    fn find(&self, name: &str) -> Option<&Session> {
        self.sessions
            .iter()
            .find(|s| s.name == name && !s.destroying)
    }

    fn find_mut(&mut self, name: &str) -> Option<&mut Session> {
        self.sessions
            .iter_mut()
            .find(|s| s.name == name && !s.destroying)
    }

    fn by_id(&self, id: u64) -> Option<&Session> {
        self.sessions.iter().find(|s| s.id == id)
    }

    fn by_id_mut(&mut self, id: u64) -> Option<&mut Session> {
        self.sessions.iter_mut().find(|s| s.id == id)
    }
}

/// 16 random bytes (UUIDs), from the kernel.
pub fn random_uuid() -> [u8; 16] {
    let mut b = [0u8; 16];
    if let Ok(mut f) = std::fs::File::open("/dev/urandom") {
        let _ = io::Read::read_exact(&mut f, &mut b);
    }
    if b == [0; 16] {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        b[..16].copy_from_slice(&t.as_nanos().to_le_bytes());
    }
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    b
}

impl Daemon {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn log(&self, msg: &str) {
        eprintln!("lttng-ref-sessiond: {msg}");
    }
}

/// Where the client socket goes for this user: `--client-sock`, the global rundir for
/// root, `$LTTNG_HOME/.lttng/` otherwise.
pub fn socket_path(config: &Config) -> Result<PathBuf, DaemonError> {
    if let Some(p) = &config.client_sock {
        return Ok(p.clone());
    }
    if paths::is_root() {
        return Ok(PathBuf::from(paths::GLOBAL_CLIENT_SOCKET));
    }
    paths::home_client_socket().ok_or(DaemonError::NoHome)
}

/// Binds the client socket: refuses when a live daemon answers, replaces a stale file,
/// mode 0660 (group `tracing` for a root daemon).
fn bind(path: &Path) -> Result<UnixListener, DaemonError> {
    if UnixStream::connect(path).is_ok() {
        return Err(DaemonError::AlreadyRunning(path.to_owned()));
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let _ = std::fs::remove_file(path);
    let listener = UnixListener::bind(path)?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o660))?;
    if paths::is_root() {
        if let Some(gid) = signals::group_id(paths::DEFAULT_TRACING_GROUP) {
            let _ = signals::chgrp(path, gid);
        }
    }
    Ok(listener)
}

/// Runs the daemon until SIGTERM or SIGINT; then stops every session, ends every consumer
/// and removes the socket. `ready` is called once the socket accepts clients.
pub fn run(config: Config, ready: impl FnOnce(&Path)) -> Result<(), DaemonError> {
    signals::block_termination()?;
    let path = socket_path(&config)?;
    let listener = bind(&path)?;
    let pid_file = config
        .pid_file
        .clone()
        .unwrap_or_else(|| path.with_file_name("lttng-ref-sessiond.pid"));
    std::fs::write(&pid_file, format!("{}\n", std::process::id()))?;
    let consumerd = config.consumerd_path.clone().unwrap_or_else(|| {
        std::env::current_exe()
            .ok()
            .and_then(|e| e.parent().map(|d| d.join("lttng-ref-consumerd")))
            .unwrap_or_else(|| PathBuf::from("lttng-ref-consumerd"))
    });
    let daemon = Arc::new(Daemon {
        hostname: config.hostname.clone().unwrap_or_else(signals::hostname),
        config,
        consumerd,
        sessiond_uuid: random_uuid(),
        root: paths::is_root(),
        state: Mutex::new(State::default()),
        wake: Condvar::new(),
        next_id: AtomicU64::new(1),
        shutting_down: AtomicBool::new(false),
    });
    let acceptor = {
        let daemon = daemon.clone();
        let listener = listener.try_clone()?;
        std::thread::Builder::new()
            .name("accept".into())
            .spawn(move || accept_loop(&daemon, &listener))?
    };
    daemon.log(&format!("listening on {}", path.display()));
    ready(&path);
    let sig = signals::wait_termination()?;
    daemon.log(&format!("signal {sig}: shutting down"));
    daemon.shutting_down.store(true, Ordering::SeqCst);
    // Wake the acceptor so that it sees the flag (even when the socket's path is gone),
    // then remove the socket.
    let _ = crate::transport::unix::stop_accepting(&listener);
    let _ = std::fs::remove_file(&path);
    drop(listener);
    commands::shutdown(&daemon);
    let _ = std::fs::remove_file(&pid_file);
    let _ = acceptor.join();
    Ok(())
}

fn accept_loop(daemon: &Arc<Daemon>, listener: &UnixListener) {
    for stream in listener.incoming() {
        if daemon.shutting_down.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else {
            // Persistent errors (EMFILE) would spin: back off briefly.
            std::thread::sleep(Duration::from_millis(1));
            continue;
        };
        let daemon = daemon.clone();
        let _ = std::thread::Builder::new()
            .name("client".into())
            .spawn(move || {
                let _ = serve_client(&daemon, stream);
            });
    }
}

/// The caller of one request.
#[derive(Debug, Clone, Copy)]
pub struct Caller {
    /// Effective uid (kernel-checked).
    pub uid: u32,
    /// Effective gid.
    pub gid: u32,
}

/// A reply: header fields, command header, data.
#[derive(Debug, Default)]
pub struct Reply {
    /// `enum lttng_error_code`.
    pub code: u32,
    /// Command header.
    pub cmd_header: Vec<u8>,
    /// Data.
    pub data: Vec<u8>,
    /// `pid` field (0xFFFFFFFF for the deferred destroy reply).
    pub pid: u32,
}

impl Reply {
    /// An empty reply with `code`.
    pub fn code(code: u32) -> Reply {
        Reply {
            code,
            ..Reply::default()
        }
    }

    /// LTTNG_OK with data.
    pub fn data(data: Vec<u8>) -> Reply {
        Reply {
            code: 10,
            data,
            ..Reply::default()
        }
    }
}

/// The payload length a request header announces, when the daemon accepts it.
fn accepted_payload_len(req: &Request) -> Option<usize> {
    req.payload_len()
        .filter(|&n| n <= commands::max_payload(req))
}

/// Decodes one client request from the bytes a client sends (the 13156-byte header, then
/// the payload) exactly as the daemon does before acting on it: header, announced payload
/// length and its limit, then the command's payload and union strings. Returns the request,
/// or the code the daemon would answer; `None` when the daemon would drop the connection
/// (short or malformed header, oversized or missing payload). No I/O, no state: the entry
/// point of the `sessiond_request` fuzz target and its regression test.
#[doc(hidden)]
pub fn decode_client_request(bytes: &[u8]) -> Option<Result<Request, u32>> {
    let header = bytes.get(..REQUEST_HEADER_LEN)?;
    let mut req = Request::decode_header(header).ok()?;
    let len = accepted_payload_len(&req)?;
    let payload = bytes.get(REQUEST_HEADER_LEN..REQUEST_HEADER_LEN.checked_add(len)?)?;
    req.payload = payload.to_vec();
    Some(commands::decode_payload(&req).map(|()| req))
}

fn serve_client(daemon: &Arc<Daemon>, stream: UnixStream) -> io::Result<()> {
    stream.set_read_timeout(Some(CLIENT_TIMEOUT))?;
    stream.set_write_timeout(Some(CLIENT_TIMEOUT))?;
    let conn = Connection::from_stream(stream);
    let cred = conn.peer_credentials()?;
    let caller = Caller {
        uid: cred.uid.as_raw(),
        gid: cred.gid.as_raw(),
    };
    let started = Instant::now();
    let mut header = vec![0u8; REQUEST_HEADER_LEN];
    // A probe (connect then close) or a truncated header: drop silently, as the real daemon.
    conn.recv_exact(&mut header)?;
    let mut req =
        Request::decode_header(&header).map_err(|_| io::Error::from(io::ErrorKind::InvalidData))?;
    let Some(len) = accepted_payload_len(&req) else {
        daemon.log(&format!(
            "dropping a client announcing an oversized payload (command {})",
            req.cmd
        ));
        return Ok(());
    };
    // The payload is read even when the request is refused early (the real daemon leaves it
    // unread and closes, which kills a client that is still sending with SIGPIPE).
    let mut payload = vec![0u8; len];
    conn.recv_exact(&mut payload)?;
    if started.elapsed() > CLIENT_TIMEOUT {
        return Ok(());
    }
    req.payload = payload;
    let reply = match commands::precheck(daemon, &req, caller) {
        Err(reply) => reply,
        Ok(()) => commands::dispatch(daemon, &req, caller),
    };
    let header = ReplyHeader {
        cmd: req.cmd,
        ret_code: reply.code,
        pid: if reply.pid != 0 {
            reply.pid
        } else {
            req.domain.pid() as u32
        },
        cmd_header_size: reply.cmd_header.len() as u32,
        data_size: reply.data.len() as u32,
        fd_count: 0,
    };
    let mut out = header.encode().to_vec();
    out.extend_from_slice(&reply.cmd_header);
    out.extend_from_slice(&reply.data);
    conn.send(&out)
}
