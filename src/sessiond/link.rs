//! The session daemon's side of a consumer: the `lttng-ref-consumerd` process, the Unix
//! link to it, and what it reported.

use std::net::TcpStream;
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::consumer::{read_message, send_message};
use crate::model::error::ErrorCode;
use crate::proto::consumer::Message;
use crate::transport::unix::Connection;

/// Why a consumer stopped writing: the code the session daemon answers, and the reason
/// `lttng list` shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The LTTng error code.
    pub code: ErrorCode,
    /// What went wrong.
    pub reason: String,
}

impl Failure {
    /// A consumer that exited or whose link broke: the real daemon's answer when its
    /// consumer daemon is gone.
    fn gone(reason: String) -> Failure {
        Failure {
            code: ErrorCode::NoUstconsumerd,
            reason,
        }
    }
}

/// What the consumer reported so far.
#[derive(Debug, Default)]
pub struct LinkStatus {
    /// Setup done and streams announced.
    pub ready: bool,
    /// Highest drain token confirmed.
    pub drained: u64,
    /// Streams closed.
    pub closed: bool,
    /// Why it failed or died, once it did.
    pub failed: Option<Failure>,
}

/// A running consumer.
#[derive(Debug)]
pub struct Link {
    /// Writer side; hold it while sending a sequence that must stay in order.
    pub conn: Mutex<Connection>,
    /// What the consumer reported.
    pub status: Mutex<LinkStatus>,
    /// Signalled on every status change.
    pub changed: Condvar,
    /// The process.
    pub child: Mutex<Child>,
    /// Relay sockets to hand over with the setup (network outputs).
    pub relay: Mutex<Option<(TcpStream, TcpStream)>>,
    /// Setup already sent.
    pub setup_sent: Mutex<bool>,
    /// Last drain token asked.
    pub next_token: Mutex<u64>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Link {
    /// Starts `consumerd` with one end of a socket pair as its standard input, and a thread
    /// that reads its reports. `on_failure` runs once if it fails or dies.
    pub fn spawn(
        consumerd: &Path,
        relay: Option<(TcpStream, TcpStream)>,
        on_failure: impl FnOnce(&Link, Failure) + Send + 'static,
    ) -> std::io::Result<Arc<Link>> {
        let (ours, theirs) = UnixStream::pair()?;
        let child = Command::new(consumerd)
            .stdin(Stdio::from(std::os::fd::OwnedFd::from(theirs)))
            .stdout(Stdio::null())
            .spawn()?;
        let reader = Connection::from_stream(ours.try_clone()?);
        let link = Arc::new(Link {
            conn: Mutex::new(Connection::from_stream(ours)),
            status: Mutex::new(LinkStatus::default()),
            changed: Condvar::new(),
            child: Mutex::new(child),
            relay: Mutex::new(relay),
            setup_sent: Mutex::new(false),
            next_token: Mutex::new(0),
        });
        let weak = Arc::downgrade(&link);
        std::thread::Builder::new()
            .name("consumer-link".into())
            .spawn(move || {
                loop {
                    let message = read_message(&reader);
                    let Some(link) = weak.upgrade() else { return };
                    let failure = {
                        let mut status = lock(&link.status);
                        match message {
                            Ok(Some(Message::Ready)) => {
                                status.ready = true;
                                None
                            }
                            Ok(Some(Message::Drained { token })) => {
                                status.drained = status.drained.max(token);
                                None
                            }
                            Ok(Some(Message::Closed)) => {
                                status.closed = true;
                                None
                            }
                            Ok(None) if status.closed => {
                                drop(status);
                                link.changed.notify_all();
                                return;
                            }
                            Ok(Some(Message::Failed { code, reason })) => Some(Failure {
                                code: ErrorCode::from_i32(code as i32).unwrap_or(ErrorCode::Unk),
                                reason,
                            }),
                            Ok(Some(other)) => {
                                Some(Failure::gone(format!("unexpected message {other:?}")))
                            }
                            Ok(None) => Some(Failure::gone("the consumer exited".to_owned())),
                            Err(e) => Some(Failure::gone(e.to_string())),
                        }
                    };
                    let Some(reason) = failure else {
                        link.changed.notify_all();
                        continue;
                    };
                    let first = {
                        let mut status = lock(&link.status);
                        let first = status.failed.is_none();
                        status.failed.get_or_insert(reason.clone());
                        first
                    };
                    link.changed.notify_all();
                    if first {
                        on_failure(&link, reason);
                    }
                    return;
                }
            })?;
        Ok(link)
    }

    /// The consumer's pid.
    pub fn pid(&self) -> u32 {
        lock(&self.child).id()
    }

    /// Why the consumer failed, if it did.
    pub fn failure(&self) -> Option<Failure> {
        lock(&self.status).failed.clone()
    }

    /// Waits (at most `timeout`) until the consumer is writing: it announced its streams
    /// after `Setup`, and confirmed a drain of everything sent so far. The failure when it
    /// is not; `Ok` also when it does not answer in time (a slow relay daemon is not a
    /// failed one).
    pub fn confirm_writing(&self, timeout: Duration) -> Result<(), Failure> {
        if !self.is_set_up() {
            return self.failure().map_or(Ok(()), Err);
        }
        let token = {
            let conn = lock(&self.conn);
            self.request_drain(&conn)
        };
        let token = match token {
            Ok(t) => t,
            Err(e) => {
                self.wait_for(timeout, |s| s.failed.is_some());
                return Err(self
                    .failure()
                    .unwrap_or_else(|| Failure::gone(e.to_string())));
            }
        };
        self.wait_for(timeout, |s| {
            s.failed.is_some() || (s.ready && s.drained >= token)
        });
        self.failure().map_or(Ok(()), Err)
    }

    /// Sends `Setup` (and the relay sockets after it) unless already sent.
    pub fn send_setup(&self, setup: &Message) -> std::io::Result<()> {
        let conn = lock(&self.conn);
        let mut sent = lock(&self.setup_sent);
        if *sent {
            return Ok(());
        }
        send_message(&conn, setup)?;
        if let Some((control, data)) = lock(&self.relay).take() {
            conn.send_fds(&[control.as_raw_fd(), data.as_raw_fd()])?;
            // Our copies close here; the consumer owns the connections now.
        }
        *sent = true;
        Ok(())
    }

    /// True once the consumer confirmed `Close`.
    pub fn closed(&self) -> bool {
        lock(&self.status).closed
    }

    /// True once `Setup` went out.
    pub fn is_set_up(&self) -> bool {
        *lock(&self.setup_sent)
    }

    /// Asks for a drain; returns its token.
    pub fn request_drain(&self, conn: &Connection) -> std::io::Result<u64> {
        let mut next = lock(&self.next_token);
        *next += 1;
        send_message(conn, &Message::Drain { token: *next })?;
        Ok(*next)
    }

    /// True while a drain asked before is not confirmed (and the consumer is alive).
    pub fn drain_pending(&self) -> bool {
        let asked = *lock(&self.next_token);
        let status = lock(&self.status);
        status.failed.is_none() && status.drained < asked
    }

    /// Waits until `pred(status)` or `timeout`.
    pub fn wait_for(&self, timeout: Duration, pred: impl Fn(&LinkStatus) -> bool) -> bool {
        let deadline = Instant::now() + timeout;
        let mut status = lock(&self.status);
        loop {
            if pred(&status) {
                return true;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            status = self
                .changed
                .wait_timeout(status, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// Asks the consumer to close its streams and exit; waits (bounded), then ends it.
    pub fn close(&self, timeout: Duration) {
        {
            let conn = lock(&self.conn);
            if self.is_set_up() && self.failure().is_none() {
                let _ = send_message(&conn, &Message::Close);
            } else {
                let _ = conn.stream().shutdown(std::net::Shutdown::Both);
            }
        }
        self.wait_for(timeout, |s| s.closed || s.failed.is_some());
        let mut child = lock(&self.child);
        let deadline = Instant::now() + timeout;
        loop {
            match child.try_wait() {
                Ok(Some(_)) | Err(_) => return,
                Ok(None) if Instant::now() > deadline => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return;
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            }
        }
    }
}
