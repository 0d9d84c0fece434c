//! The notification channel: one long-lived connection to the session daemon's
//! notification socket, on which a client subscribes to conditions and receives the
//! notifications of the triggers that use them.
//!
//! As upstream's `lttng_notification_channel` (`src/lib/lttng-ctl/channel.c` of 2.13):
//! * the sockets tried are the root daemon's, then the one under the LTTng home
//!   ([`notification_sockets`]); the handshake (version 1.1) goes with the process's
//!   credentials, and fails only when no HANDSHAKE answers or the daemon's major version
//!   is not 1 (its reply status is ignored);
//! * every exchange holds the channel's lock, including a blocked [`Channel::next`]: a
//!   command from another thread waits until a notification arrives;
//! * notifications that arrive while a command waits for its reply are queued and handed
//!   out newest first, dropped markers among them ([`Queue`]);
//! * a notification is decoded when it arrives (its capture payload too), so a malformed
//!   one fails the call that read it;
//! * a daemon that goes away is [`NextError::Error`], never "closed"; only the wait for data
//!   is interruptible by a signal ([`NextError::Interrupted`]): once a message has started
//!   to arrive, it is read to its end.
//!
//! ```no_run
//! use lttng_ctl::client::notification::{Channel, Next};
//!
//! let channel = Channel::open().expect("a session daemon");
//! // A serialized condition: SESSION_CONSUMED_SIZE of 1 MiB on session "s".
//! let condition = [&[100u8][..], &(1u64 << 20).to_ne_bytes(), &2u32.to_ne_bytes(), b"s\0"].concat();
//! assert_eq!(channel.command(true, &condition, &[]), Ok(0));
//! if let Ok(Next::Notification(n)) = channel.next() {
//!     println!("{:?}", n.notification.evaluation);
//! }
//! ```

use std::os::fd::{AsRawFd, BorrowedFd, RawFd};
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::model::notification::{Evaluation, FieldValue, Notification};
use crate::model::trigger::Condition;
use crate::proto::notification::{
    Header, MESSAGE_HEADER_LEN, MessageType, Queue, VERSION, decode_captures, decode_command_reply,
    decode_handshake, decode_notification, encode_handshake, encode_subscription,
};
use crate::transport::paths::{Ids, notification_sockets};
use crate::transport::unix::Connection;

pub use crate::proto::notification::QUEUE_LIMIT;

/// A notification as received: the trigger and evaluation, and for an event-rule-matches
/// evaluation with capture descriptors, the captured values decoded (one per descriptor,
/// `None` where the tracer could not capture it).
#[derive(Debug, Clone, PartialEq)]
pub struct Received {
    /// The notification.
    pub notification: Notification,
    /// The captured values (`None` when the condition captures nothing).
    pub captures: Option<Vec<Option<FieldValue>>>,
}

/// What [`Channel::next`] hands out.
#[derive(Debug, Clone, PartialEq)]
pub enum Next {
    /// A notification.
    Notification(Box<Received>),
    /// Notifications were dropped here (the client did not read fast enough).
    Dropped,
}

/// Why [`Channel::next`] has nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextError {
    /// A signal interrupted the wait.
    Interrupted,
    /// The daemon closed the channel, broke the protocol, or sent what does not decode.
    Error,
}

/// A failed exchange: the channel cannot go on (upstream's ERROR status).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChannelError;

/// A connected and handshaken notification channel. All methods take `&self` and hold the
/// channel's lock for the whole exchange.
#[derive(Debug)]
pub struct Channel {
    conn: Connection,
    inner: Mutex<Inner>,
}

#[derive(Debug)]
struct Inner {
    queue: Queue<Received>,
    /// The daemon's protocol version, once its HANDSHAKE arrived.
    version: Option<(u8, u8)>,
}

/// One message as read from the socket: its type byte and payload (passed descriptors are
/// closed: no 2.13 notification needs them).
struct Message {
    kind: i8,
    payload: Vec<u8>,
}

impl Channel {
    /// Connects to the session daemon's notification socket (the root daemon's, then the
    /// one under the LTTng home) and handshakes. `None` when no daemon answers as upstream
    /// requires.
    pub fn open() -> Option<Channel> {
        let ids = Ids::current();
        let conn = notification_sockets(&ids)
            .iter()
            .find_map(|path| Connection::connect(path).ok())?;
        Channel::handshake(conn)
    }

    /// Handshakes on an already connected socket (also for tests with a stand-in daemon).
    pub fn handshake(conn: Connection) -> Option<Channel> {
        let channel = Channel {
            conn,
            inner: Mutex::new(Inner {
                queue: Queue::new(),
                version: None,
            }),
        };
        {
            let mut inner = channel.lock();
            channel
                .conn
                .send_with_credentials(&encode_handshake())
                .ok()?;
            channel.reply(&mut inner).ok()?;
            if inner.version?.0 != VERSION.0 {
                return None;
            }
        }
        Some(channel)
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The socket's descriptor (upstream's `channel->socket`, which lttng-sessiond polls).
    pub fn raw_fd(&self) -> RawFd {
        self.conn.raw_fd()
    }

    /// Shuts the connection down: a thread blocked in [`Channel::next`] wakes up with an
    /// error, and so does every later call.
    pub fn shutdown(&self) {
        let _ = self.conn.shutdown();
    }

    /// The daemon's protocol version, as its handshake said.
    pub fn daemon_version(&self) -> Option<(u8, u8)> {
        self.lock().version
    }

    /// SUBSCRIBE (`subscribe`) or UNSUBSCRIBE of a serialized condition and the descriptors
    /// its serialization refers to (a userspace probe's binary: announced in the header,
    /// sent after the bytes, as upstream): the status byte of the daemon's reply (`enum
    /// lttng_notification_channel_status`: 0, -3 already subscribed, -4 unknown condition,
    /// ...), or an error when the exchange failed.
    pub fn command(
        &self,
        subscribe: bool,
        condition: &[u8],
        fds: &[BorrowedFd<'_>],
    ) -> Result<i8, ChannelError> {
        let mut inner = self.lock();
        let count = u32::try_from(fds.len()).map_err(|_| ChannelError)?;
        self.conn
            .send(&encode_subscription(condition, subscribe, count))
            .map_err(|_| ChannelError)?;
        if !fds.is_empty() {
            let raw: Vec<RawFd> = fds.iter().map(AsRawFd::as_raw_fd).collect();
            self.conn.send_fds(&raw).map_err(|_| ChannelError)?;
        }
        self.reply(&mut inner)
    }

    /// Reads until the daemon's COMMAND_REPLY, queueing the notifications and dropped
    /// markers that come first and noting a HANDSHAKE's version; the reply's status.
    fn reply(&self, inner: &mut Inner) -> Result<i8, ChannelError> {
        loop {
            let message = self.receive()?;
            match MessageType::from_code(message.kind) {
                Some(MessageType::CommandReply) => {
                    return decode_command_reply(&message.payload).map_err(|_| ChannelError);
                }
                Some(MessageType::Notification) => {
                    enqueue(inner, &message.payload)?;
                }
                Some(MessageType::NotificationDropped) => inner.queue.push_dropped(),
                Some(MessageType::Handshake) => {
                    inner.version =
                        Some(decode_handshake(&message.payload).map_err(|_| ChannelError)?);
                }
                _ => return Err(ChannelError),
            }
        }
    }

    /// Whether a notification (or a dropped marker) is ready for [`Channel::next`]: true
    /// when something is queued; otherwise, without waiting, whether data is there, in
    /// which case one whole message is read (blocking until it is complete) and queued.
    ///
    /// `Ok(None)` is upstream's answer for a notification that arrived but does not decode:
    /// OK, with the out-parameter left unwritten (the message is lost).
    pub fn has_pending(&self) -> Result<Option<bool>, ChannelError> {
        let mut inner = self.lock();
        if !inner.queue.is_empty() {
            return Ok(Some(true));
        }
        match self
            .conn
            .wait_readable_interruptible(Some(std::time::Duration::ZERO))
        {
            Ok(false) => return Ok(Some(false)),
            Ok(true) => {}
            Err(_) => return Err(ChannelError),
        }
        let message = self.receive()?;
        match MessageType::from_code(message.kind) {
            Some(MessageType::Notification) => {
                Ok(enqueue(&mut inner, &message.payload).ok().map(|()| true))
            }
            Some(MessageType::NotificationDropped) => {
                inner.queue.push_dropped();
                Ok(Some(true))
            }
            _ => Err(ChannelError),
        }
    }

    /// The next notification: the newest queued one, else the next one from the socket
    /// (waiting for it as long as it takes).
    pub fn next(&self) -> Result<Next, NextError> {
        // Held to the end, as upstream: a blocked `next` keeps other calls waiting.
        let mut inner = self.lock();
        if let Some(entry) = inner.queue.pop() {
            return Ok(entry.map_or(Next::Dropped, |r| Next::Notification(Box::new(r))));
        }
        match self.conn.wait_readable_interruptible(None) {
            Ok(true) => {}
            Ok(false) => return Err(NextError::Error),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {
                return Err(NextError::Interrupted);
            }
            Err(_) => return Err(NextError::Error),
        }
        let message = self.receive().map_err(|_| NextError::Error)?;
        match MessageType::from_code(message.kind) {
            Some(MessageType::Notification) => decode(&message.payload)
                .map(|r| Next::Notification(Box::new(r)))
                .map_err(|_| NextError::Error),
            Some(MessageType::NotificationDropped) => Ok(Next::Dropped),
            _ => Err(NextError::Error),
        }
    }

    /// Reads one whole message: the 9-byte header, exactly its payload, then its
    /// descriptors if it announces some.
    fn receive(&self) -> Result<Message, ChannelError> {
        let mut head = [0u8; MESSAGE_HEADER_LEN];
        self.conn.recv_exact(&mut head).map_err(|_| ChannelError)?;
        let header = Header::decode(&head).map_err(|_| ChannelError)?;
        let mut payload = vec![0u8; header.size as usize];
        self.conn
            .recv_exact(&mut payload)
            .map_err(|_| ChannelError)?;
        if header.fds != 0 {
            // Closed when dropped.
            self.conn
                .recv_fds(header.fds as usize)
                .map_err(|_| ChannelError)?;
        }
        Ok(Message {
            kind: header.kind,
            payload,
        })
    }
}

/// Decodes a NOTIFICATION's payload and queues it; the queue turns it into a dropped
/// marker when full, as upstream (which still decodes it first only when there is room:
/// a full queue drops it unread).
fn enqueue(inner: &mut Inner, payload: &[u8]) -> Result<(), ChannelError> {
    if inner.queue.len() >= QUEUE_LIMIT {
        inner.queue.push_dropped();
        return Ok(());
    }
    let received = decode(payload)?;
    inner.queue.push(received);
    Ok(())
}

/// A NOTIFICATION's payload as upstream decodes it on reception: the notification, and the
/// capture payload of an event-rule-matches evaluation against its condition's capture
/// descriptors.
pub fn decode(payload: &[u8]) -> Result<Received, ChannelError> {
    let notification = decode_notification(payload).map_err(|_| ChannelError)?;
    let captures = match (&notification.evaluation, &notification.trigger.condition) {
        // Upstream asserts that a condition with a capture payload has descriptors.
        (
            Evaluation::EventRuleMatches { capture_payload },
            Condition::EventRuleMatches { captures, .. },
        ) if !capture_payload.is_empty() && !captures.is_empty() => {
            Some(decode_captures(capture_payload, captures.len()).map_err(|_| ChannelError)?)
        }
        (Evaluation::EventRuleMatches { capture_payload }, Condition::EventRuleMatches { .. })
            if capture_payload.is_empty() =>
        {
            None
        }
        (Evaluation::EventRuleMatches { .. }, _) => return Err(ChannelError),
        _ => None,
    };
    Ok(Received {
        notification,
        captures,
    })
}

#[cfg(test)]
mod tests;
