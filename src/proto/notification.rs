//! The notification channel's messages (`struct lttng_notification_channel_message`, 9
//! bytes, packed: `i8 type`, `u32 size`, `u32 fds`, then `size` payload bytes), the
//! serialized notification (`u32 length`, trigger, evaluation), and the capture payload of an
//! event-rule-matches evaluation (msgpack) as field values. Sans-I/O: the channel itself
//! reads and writes the bytes.

use crate::model::notification::{Evaluation, FieldValue, Notification};
use crate::model::trigger::condition_type;
use crate::proto::DecodeError;
use crate::proto::location;
use crate::proto::trigger::decode_trigger;
use crate::proto::wire::Reader;

/// Size of a message header.
pub const MESSAGE_HEADER_LEN: usize = 9;
/// The largest payload a client accepts (and the daemon sends).
pub const MAX_MESSAGE_PAYLOAD: u32 = 65536;
/// The channel protocol version this side speaks (1.1).
pub const VERSION: (u8, u8) = (1, 1);

/// Message types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageType {
    /// Version exchange, both ways.
    Handshake,
    /// Client: start receiving a condition's notifications.
    Subscribe,
    /// Client: stop.
    Unsubscribe,
    /// Daemon: the status of the last command.
    CommandReply,
    /// Daemon: a notification.
    Notification,
    /// Daemon: notifications were dropped (the client was too slow).
    NotificationDropped,
}

impl MessageType {
    /// The type byte.
    pub fn code(self) -> i8 {
        match self {
            MessageType::Handshake => 0,
            MessageType::Subscribe => 1,
            MessageType::Unsubscribe => 2,
            MessageType::CommandReply => 3,
            MessageType::Notification => 4,
            MessageType::NotificationDropped => 5,
        }
    }

    /// The type of a type byte.
    pub fn from_code(code: i8) -> Option<MessageType> {
        [
            MessageType::Handshake,
            MessageType::Subscribe,
            MessageType::Unsubscribe,
            MessageType::CommandReply,
            MessageType::Notification,
            MessageType::NotificationDropped,
        ]
        .into_iter()
        .find(|t| t.code() == code)
    }
}

/// A message header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// The type byte (kept raw: a receiver refuses the unknown ones itself).
    pub kind: i8,
    /// Payload bytes that follow.
    pub size: u32,
    /// Descriptors passed after the payload.
    pub fds: u32,
}

impl Header {
    /// The 9 bytes.
    pub fn encode(&self) -> [u8; MESSAGE_HEADER_LEN] {
        let mut out = [0u8; MESSAGE_HEADER_LEN];
        out[0] = self.kind as u8;
        out[1..5].copy_from_slice(&self.size.to_ne_bytes());
        out[5..9].copy_from_slice(&self.fds.to_ne_bytes());
        out
    }

    /// From the 9 bytes; a payload over [`MAX_MESSAGE_PAYLOAD`] is refused, as the client does.
    pub fn decode(b: &[u8; MESSAGE_HEADER_LEN]) -> Result<Header, DecodeError> {
        let mut r = Reader::new(b);
        let h = Header {
            kind: r.i8()?,
            size: r.u32()?,
            fds: r.u32()?,
        };
        if h.size > MAX_MESSAGE_PAYLOAD {
            return Err(DecodeError::Length);
        }
        Ok(h)
    }

    /// The message type, if known.
    pub fn message_type(&self) -> Option<MessageType> {
        MessageType::from_code(self.kind)
    }
}

fn message(kind: MessageType, payload: &[u8]) -> Vec<u8> {
    message_with_fds(kind, payload, 0)
}

fn message_with_fds(kind: MessageType, payload: &[u8], fds: u32) -> Vec<u8> {
    let mut out = Header {
        kind: kind.code(),
        size: payload.len() as u32,
        fds,
    }
    .encode()
    .to_vec();
    out.extend_from_slice(payload);
    out
}

/// The client's handshake: version 1.1 (11 bytes; sent with the client's credentials).
pub fn encode_handshake() -> Vec<u8> {
    message(MessageType::Handshake, &[VERSION.0, VERSION.1])
}

/// A SUBSCRIBE (or UNSUBSCRIBE) of a serialized condition, announcing the `fds` descriptors
/// (a userspace probe's binary) sent after it.
pub fn encode_subscription(condition: &[u8], subscribe: bool, fds: u32) -> Vec<u8> {
    let kind = if subscribe {
        MessageType::Subscribe
    } else {
        MessageType::Unsubscribe
    };
    message_with_fds(kind, condition, fds)
}

/// The daemon's version from a HANDSHAKE payload.
pub fn decode_handshake(payload: &[u8]) -> Result<(u8, u8), DecodeError> {
    match payload {
        [major, minor] => Ok((*major, *minor)),
        _ => Err(DecodeError::Length),
    }
}

/// The status byte of a COMMAND_REPLY payload (`enum lttng_notification_channel_status`).
pub fn decode_command_reply(payload: &[u8]) -> Result<i8, DecodeError> {
    match payload {
        [status, ..] => Ok(*status as i8),
        [] => Err(DecodeError::Truncated),
    }
}

/// An evaluation (`{i8 type}` and its body).
pub fn decode_evaluation(r: &mut Reader<'_>) -> Result<Evaluation, DecodeError> {
    Ok(match r.i8()? {
        t @ (condition_type::BUFFER_USAGE_HIGH | condition_type::BUFFER_USAGE_LOW) => {
            Evaluation::BufferUsage {
                high: t == condition_type::BUFFER_USAGE_HIGH,
                used: r.u64()?,
                capacity: r.u64()?,
            }
        }
        condition_type::SESSION_CONSUMED_SIZE => Evaluation::ConsumedSize(r.u64()?),
        t @ (condition_type::SESSION_ROTATION_ONGOING
        | condition_type::SESSION_ROTATION_COMPLETED) => {
            let id = r.u64()?;
            let location = match r.u8()? {
                0 => None,
                _ => {
                    let (location, used) = location::decode_comm(r.rest())?;
                    r.skip(used)?;
                    Some(location)
                }
            };
            Evaluation::Rotation {
                completed: t == condition_type::SESSION_ROTATION_COMPLETED,
                id,
                location,
            }
        }
        condition_type::EVENT_RULE_MATCHES => {
            let n = r.u32()? as usize;
            Evaluation::EventRuleMatches {
                capture_payload: r.take(n)?.to_vec(),
            }
        }
        _ => return Err(DecodeError::Range),
    })
}

/// A serialized notification (a NOTIFICATION message's payload): its length must cover the
/// trigger and the evaluation exactly.
pub fn decode_notification(payload: &[u8]) -> Result<Notification, DecodeError> {
    let mut r = Reader::new(payload);
    let length = r.u32()? as usize;
    if length != r.remaining() {
        return Err(DecodeError::Length);
    }
    let trigger = decode_trigger(&mut r)?;
    let evaluation = decode_evaluation(&mut r)?;
    if r.remaining() != 0 {
        return Err(DecodeError::Length);
    }
    Ok(Notification {
        trigger,
        evaluation,
    })
}

/// The field values of a capture payload for a condition with `descriptors` capture
/// descriptors: the root must be a msgpack array, read by position (upstream does not check
/// its length either, but a shorter array is refused here rather than read past); nil is an
/// unavailable value; booleans, binary and extension values, and maps that are not enums,
/// refuse the whole payload, as upstream.
pub fn decode_captures(
    payload: &[u8],
    descriptors: usize,
) -> Result<Vec<Option<FieldValue>>, DecodeError> {
    let value = rmpv::decode::read_value(&mut &payload[..]).map_err(|_| DecodeError::Range)?;
    let rmpv::Value::Array(items) = value else {
        return Err(DecodeError::Range);
    };
    if items.len() < descriptors {
        return Err(DecodeError::Length);
    }
    items[..descriptors].iter().map(field_value).collect()
}

/// One msgpack value as a field value; `None` for nil (unavailable).
fn field_value(v: &rmpv::Value) -> Result<Option<FieldValue>, DecodeError> {
    use rmpv::Value;
    Ok(Some(match v {
        Value::Nil => return Ok(None),
        Value::Integer(i) => match (i.as_u64(), i.as_i64()) {
            (Some(u), _) => FieldValue::UnsignedInt(u),
            (None, Some(s)) => FieldValue::SignedInt(s),
            (None, None) => return Err(DecodeError::Range),
        },
        Value::F32(f) => FieldValue::Real(f64::from(*f)),
        Value::F64(f) => FieldValue::Real(*f),
        Value::String(s) => FieldValue::String(s.as_str().ok_or(DecodeError::NotUtf8)?.to_owned()),
        Value::Array(items) => {
            FieldValue::Array(items.iter().map(field_value).collect::<Result<_, _>>()?)
        }
        Value::Map(entries) => enum_value(entries)?,
        Value::Boolean(_) | Value::Binary(_) | Value::Ext(..) => {
            return Err(DecodeError::Range);
        }
    }))
}

/// An enum field: a map with `"type": "enum"`, `"value": int` and optional `"labels": [str]`.
fn enum_value(entries: &[(rmpv::Value, rmpv::Value)]) -> Result<FieldValue, DecodeError> {
    let get = |key: &str| {
        entries
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(_, v)| v)
    };
    if get("type").and_then(rmpv::Value::as_str) != Some("enum") {
        return Err(DecodeError::Range);
    }
    let labels = match get("labels") {
        None => Vec::new(),
        Some(rmpv::Value::Array(l)) => l
            .iter()
            .map(|s| s.as_str().map(str::to_owned).ok_or(DecodeError::Range))
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(DecodeError::Range),
    };
    match get("value") {
        Some(rmpv::Value::Integer(i)) => match (i.as_u64(), i.as_i64()) {
            (Some(u), _) => Ok(FieldValue::UnsignedEnum(u, labels)),
            (None, Some(s)) => Ok(FieldValue::SignedEnum(s, labels)),
            (None, None) => Err(DecodeError::Range),
        },
        _ => Err(DecodeError::Range),
    }
}

/// What a channel holds back for `get_next_notification`: messages that arrived while a
/// command waited for its reply. As upstream: the newest comes out first, a dropped marker
/// is queued as an entry of its own and merged with the oldest entry when that one is also
/// a marker, and past [`QUEUE_LIMIT`] entries a new notification is dropped and the oldest
/// entry becomes a marker.
#[derive(Debug, Default)]
pub struct Queue<T> {
    /// Oldest first; `None` is a dropped marker.
    entries: std::collections::VecDeque<Option<T>>,
}

/// Most entries a channel queues (`DEFAULT_CLIENT_MAX_QUEUED_NOTIFICATIONS_COUNT`).
pub const QUEUE_LIMIT: usize = 100;

impl<T> Queue<T> {
    /// An empty queue.
    pub fn new() -> Queue<T> {
        Queue {
            entries: std::collections::VecDeque::new(),
        }
    }

    /// True when something is queued.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many entries are queued (dropped markers included).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Queues a notification.
    pub fn push(&mut self, notification: T) {
        if self.entries.len() >= QUEUE_LIMIT {
            if let Some(oldest) = self.entries.front_mut() {
                *oldest = None;
            }
            return;
        }
        self.entries.push_back(Some(notification));
    }

    /// Queues a dropped marker (merged with the oldest entry when that is one).
    pub fn push_dropped(&mut self) {
        if matches!(self.entries.front(), Some(None)) {
            return;
        }
        if self.entries.len() >= QUEUE_LIMIT {
            if let Some(oldest) = self.entries.front_mut() {
                *oldest = None;
            }
            return;
        }
        self.entries.push_back(None);
    }

    /// The next entry for `get_next_notification`: `Some(Some(n))` a notification,
    /// `Some(None)` a dropped marker, `None` when empty.
    pub fn pop(&mut self) -> Option<Option<T>> {
        self.entries.pop_back()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::trigger::{Action, Condition};

    fn hex(s: &str) -> Vec<u8> {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn handshake_and_replies_as_captured() {
        assert_eq!(encode_handshake(), hex("00 02000000 00000000 01 01"));
        let h = Header::decode(&hex("03 01000000 00000000").try_into().unwrap()).unwrap();
        assert_eq!(h.message_type(), Some(MessageType::CommandReply));
        assert_eq!(h.size, 1);
        assert_eq!(decode_command_reply(&hex("fd")).unwrap(), -3);
        assert_eq!(decode_handshake(&[1, 1]).unwrap(), (1, 1));
        let too_big = Header {
            kind: 4,
            size: MAX_MESSAGE_PAYLOAD + 1,
            fds: 0,
        };
        assert_eq!(Header::decode(&too_big.encode()), Err(DecodeError::Length));
    }

    #[test]
    fn the_session_daemons_own_subscription_as_captured() {
        // SESSION_CONSUMED_SIZE, 1 MiB, session "s2": what lttng-sessiond sends for
        // `lttng enable-rotation --size 1M`.
        let condition = hex("64 0000100000000000 03000000 733200");
        assert_eq!(
            encode_subscription(&condition, true, 0),
            hex("01 10000000 00000000 64 0000100000000000 03000000 733200")
        );
        assert_eq!(encode_subscription(&condition, false, 0)[0], 2);
    }

    #[test]
    fn evaluations_decode() {
        let mut r = Reader::new(&[0x67, 3, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(
            decode_evaluation(&mut r).unwrap(),
            Evaluation::Rotation {
                completed: false,
                id: 3,
                location: None
            }
        );
        let mut b = vec![101u8];
        b.extend(10u64.to_ne_bytes());
        b.extend(100u64.to_ne_bytes());
        assert_eq!(
            decode_evaluation(&mut Reader::new(&b)).unwrap(),
            Evaluation::BufferUsage {
                high: true,
                used: 10,
                capacity: 100
            }
        );
    }

    #[test]
    fn a_notification_with_captures_as_captured() {
        // The trigger of the fact sheet's capture (user tracepoint "lttng_ust_tracef:*",
        // five capture descriptors, notify), its evaluation with the msgpack payload of
        // tracef("hi %d", 0).
        let condition = hex("69 04 13000000 00000000 00000000 00000000 00000000
             6c74746e675f7573745f7472616365663a2a00 05000000
             00 04000000 6d736700 00 0c000000 5f6d73675f6c656e67746800
             01 05000000 7670696400 00 07000000 6e6f7375636800
             03 01000000 00 04000000 6d736700");
        let action = hex("00 00 0100000000000000");
        let name = hex("545f6e6f74696600");
        let mut trigger = hex("ea03000000000000");
        let length = name.len() + condition.len() + action.len();
        assert_eq!(length, 125, "the captured trigger's length");
        trigger.extend((length as u32).to_ne_bytes());
        trigger.extend(hex("08000000 00"));
        trigger.extend(&name);
        trigger.extend(&condition);
        trigger.extend(&action);
        let evaluation = hex("69 0c000000 95 a4 68692030 c0 d1 3735 c0 c0");
        let mut payload = ((trigger.len() + evaluation.len()) as u32)
            .to_ne_bytes()
            .to_vec();
        payload.extend(&trigger);
        payload.extend(&evaluation);
        let n = decode_notification(&payload).unwrap();
        assert_eq!(n.trigger.uid, 1002);
        assert_eq!(n.trigger.name.as_deref(), Some("T_notif"));
        assert!(matches!(
            n.trigger.condition,
            Condition::EventRuleMatches { .. }
        ));
        assert!(matches!(n.trigger.action, Action::Notify(_)));
        let Evaluation::EventRuleMatches { capture_payload } = &n.evaluation else {
            panic!("{:?}", n.evaluation);
        };
        assert_eq!(
            decode_captures(capture_payload, 5).unwrap(),
            vec![
                Some(FieldValue::String("hi 0".into())),
                None,
                // int16-encoded, non-negative: unsigned, as upstream.
                Some(FieldValue::UnsignedInt(14133)),
                None,
                None,
            ]
        );
        // The length must cover the rest exactly.
        let mut bad = payload.clone();
        bad.push(0);
        assert_eq!(decode_notification(&bad), Err(DecodeError::Length));
    }

    #[test]
    fn captures_refuse_what_upstream_refuses() {
        assert!(decode_captures(&hex("91 c3"), 1).is_err()); // a boolean
        assert!(decode_captures(&hex("91 c4 01 00"), 1).is_err()); // binary
        assert!(decode_captures(&hex("c0"), 0).is_err()); // root not an array
        assert!(decode_captures(&hex("91 c0"), 2).is_err()); // fewer elements
        assert_eq!(
            decode_captures(&hex("92 ff cb 3ff8000000000000"), 2).unwrap(),
            vec![Some(FieldValue::SignedInt(-1)), Some(FieldValue::Real(1.5))]
        );
        // An enum: {"type": "enum", "value": 2, "labels": ["two"]}.
        let e = hex("91 83 a4 74797065 a4 656e756d a5 76616c7565 02 a6 6c6162656c73 91 a3 74776f");
        assert_eq!(
            decode_captures(&e, 1).unwrap(),
            vec![Some(FieldValue::UnsignedEnum(2, vec!["two".into()]))]
        );
    }

    #[test]
    fn queue_is_lifo_with_dropped_markers_as_upstream() {
        // The fact sheet's fake endpoint: N1, N2, DROPPED, N3 queued during a subscribe.
        let mut q = Queue::new();
        q.push(1);
        q.push(2);
        q.push_dropped();
        q.push(3);
        assert_eq!(q.pop(), Some(Some(3)));
        assert_eq!(q.pop(), Some(None));
        assert_eq!(q.pop(), Some(Some(2)));
        assert_eq!(q.pop(), Some(Some(1)));
        assert_eq!(q.pop(), None);
        // Past the limit the oldest entry becomes a marker.
        let mut q = Queue::new();
        for i in 0..QUEUE_LIMIT + 5 {
            q.push(i);
        }
        let all: Vec<_> = std::iter::from_fn(|| q.pop()).collect();
        assert_eq!(all.len(), QUEUE_LIMIT);
        assert_eq!(all.last(), Some(&None));
        assert_eq!(all[0], Some(QUEUE_LIMIT - 1));
    }
}
