//! The bodies of the fuzz targets, shared by `cargo fuzz` (fuzz/fuzz_targets/*.rs) and by the
//! stable regression test that replays the corpora (tests/fuzz_corpus.rs).
//!
//! Each function takes any bytes; it must not panic, and it asserts the properties of the
//! decoder it drives: a decoded value encodes to bytes that decode to the same value, two
//! parsers of the same text agree, a written packet reads back.

#![allow(dead_code)]

use std::ffi::{CString, c_char};

use lttng_ctl::client::load::config;
use lttng_ctl::ctf::{self, PacketBuilder, TraceInfo};
use lttng_ctl::ffi::types::{lttng_dst_type, lttng_uri};
use lttng_ctl::ffi::uri::{lttng_uri_free, lttng_uri_parse};
use lttng_ctl::filter;
use lttng_ctl::model::uri::{self, DstType, NoResolve, Uri, UriKind};
use lttng_ctl::proto::consumer::Message;
use lttng_ctl::proto::sessiond::{
    DOMAIN_OFFSET, REPLY_HEADER_LEN, REQUEST_HEADER_LEN, Reply, ReplyHeader, UNION_OFFSET,
};
use lttng_ctl::proto::wire::{Reader, Writer};
use lttng_ctl::proto::{location, objects, relayd, replies, uri as wire_uri};
use lttng_ctl::sessiond;

/// The filter-expression compiler: a bytecode or an error, never a panic; a parsed tree
/// prints to text that parses back to the same tree; a bytecode describes its own length.
pub fn filter_parser(data: &[u8]) {
    // The C API refuses non-UTF-8 strings before compiling.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(ast) = filter::parse(text) {
        let printed = ast.to_string();
        assert_eq!(filter::parse(&printed).as_ref(), Ok(&ast), "{printed:?}");
    }
    if let Ok(bytecode) = filter::compile(text) {
        assert!(bytecode.len() <= filter::bytecode::MAX_LEN);
        let len = u32::from_ne_bytes(bytecode[0..4].try_into().unwrap()) as usize;
        let reloc = u32::from_ne_bytes(bytecode[4..8].try_into().unwrap()) as usize;
        assert_eq!(bytecode.len(), filter::bytecode::HEADER_LEN + len);
        assert!(reloc <= len);
    }
}

/// True when a decoded value holds no U+FFFD, i.e. its strings were UTF-8 on the wire. The
/// decoders replace invalid bytes (as the C library passes them through); such a value need
/// not encode back to the same bytes, so round trips are only asserted for the others.
fn lossless<T: std::fmt::Debug>(v: &T) -> bool {
    !format!("{v:?}").contains('\u{FFFD}')
}

/// Reads a NUL-terminated C array.
fn c_array(a: &[c_char]) -> String {
    let bytes: Vec<u8> = a
        .iter()
        .take_while(|&&c| c != 0)
        .map(|&c| c as u8)
        .collect();
    String::from_utf8(bytes).expect("the library writes UTF-8")
}

/// Wire form of destination URIs: what the daemon decodes is what the library encoded.
fn wire_round_trip(uris: &[Uri]) {
    for u in uris {
        if u.kind != UriKind::Destination || u.dtype == DstType::Host {
            continue;
        }
        let Ok(bytes) = wire_uri::encode_all(std::slice::from_ref(u)) else {
            continue;
        };
        assert_eq!(bytes.len(), wire_uri::WIRE_URI_LEN);
        let back = wire_uri::decode(&mut Reader::new(&bytes)).expect("encoded URI decodes");
        assert_eq!(
            (back.dtype, back.stream, back.port, &back.subdir, &back.dst),
            (u.dtype, u.stream, u.port, &u.subdir, &u.dst),
            "{u:?}"
        );
    }
}

/// The URI parsers (2.13's `uri_parse`, the design's hop-list parser, the control/data pair
/// parser) on any text, without name resolution; where the design's parser accepts the
/// text, the C export `lttng_uri_parse` returns the same URIs in its C structs.
pub fn uri_parser(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(uris) = uri::parse_uri(text, &NoResolve) {
        assert!(matches!(uris.len(), 1 | 2));
        wire_round_trip(&uris);
    }
    let (ctrl, data_url) = match text.split_once('\n') {
        Some((c, d)) => (Some(c), Some(d)),
        None => (Some(text), None),
    };
    if let Ok(uris) = uri::parse_str_urls(ctrl, data_url, &NoResolve) {
        assert!(uris.len() <= 2);
        wire_round_trip(&uris);
        for u in &uris {
            let _ = u.validate_for_consumer();
            let _ = u.to_url();
        }
    }
    let Ok(uris) = uri::parse_consumer_uri(text, &NoResolve) else {
        return;
    };
    assert!(!uris.is_empty());
    wire_round_trip(&uris);
    // Only numeric addresses and `localhost` parsed without a resolver: the export (which
    // resolves names) sees the same text and must agree, field by field.
    if text
        .split(['/', ':', ',', '[', ']'])
        .any(|w| w == "localhost")
    {
        return;
    }
    let Ok(c_text) = CString::new(text) else {
        return;
    };
    let mut out: *mut lttng_uri = std::ptr::null_mut();
    // SAFETY: a C string and a valid out-pointer.
    let n = unsafe { lttng_uri_parse(c_text.as_ptr(), &mut out) };
    assert_eq!(n, uris.len() as i32, "{text:?}");
    for (i, u) in uris.iter().enumerate() {
        // SAFETY: the export returned an array of n URIs.
        let c = unsafe { &*out.add(i) };
        let dst = match c.dtype {
            // SAFETY: every member of the union is a byte array; ipv4/ipv6 are prefixes of path.
            lttng_dst_type::LTTNG_DST_IPV4 => c_array(unsafe { &c.dst.ipv4 }),
            // SAFETY: as above.
            lttng_dst_type::LTTNG_DST_IPV6 => c_array(unsafe { &c.dst.ipv6 }),
            // SAFETY: as above.
            _ => c_array(unsafe { &c.dst.path }),
        };
        assert_eq!(c.port, u.port);
        assert_eq!(c_array(&c.subdir), u.subdir);
        assert_eq!(dst, u.dst);
    }
    // SAFETY: the array came from lttng_uri_parse and is released once.
    unsafe { lttng_uri_free(out) };
}

/// A compact form of a client request, so that the fuzzer reaches the payload decoders
/// without growing 13156-byte inputs: command id, the first union bytes (sizes), the event
/// length field, the domain type and buffer type, then the payload.
fn compact_request(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; REQUEST_HEADER_LEN];
    out[4] = b's'; // session name "s"
    let mut r = Reader::new(data);
    for (at, n) in [
        (0, 4),                  // cmd
        (UNION_OFFSET, 10),      // first u32 / home size + descriptor size
        (UNION_OFFSET + 256, 4), // event length
        (DOMAIN_OFFSET, 4),      // domain type
        (DOMAIN_OFFSET + 4, 4),  // buffer type
    ] {
        let take = n.min(r.remaining());
        let b = r.take(take).unwrap();
        out[at..at + take].copy_from_slice(b);
    }
    out.extend_from_slice(&data[data.len() - r.remaining()..]);
    out
}

/// The reference daemon's client-request decoder (header, announced payload and its limit,
/// the command's payload and union strings), on raw bytes (first byte even) or on the
/// compact form above (odd).
pub fn sessiond_request(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = if mode & 1 == 0 {
        let mut raw = rest.to_vec();
        if raw.len() < REQUEST_HEADER_LEN {
            raw.resize(REQUEST_HEADER_LEN, 0);
        }
        raw
    } else {
        compact_request(rest)
    };
    if let Some(Ok(req)) = sessiond::decode_client_request(&bytes) {
        assert_eq!(req.payload.len(), req.payload_len().unwrap());
        assert_eq!(req.encode_header().len(), REQUEST_HEADER_LEN);
    }
}

/// A reply as the library reads it: a 4-byte command header, then the data.
fn reply_of(b: &[u8]) -> Reply {
    let n = b.len().min(4);
    Reply {
        header: ReplyHeader::default(),
        cmd_header: b[..n].to_vec(),
        data: b[n..].to_vec(),
    }
}

/// The library's reply decoders, one per first byte: reply header, session, domain,
/// channel, event, tracepoint and field lists, session descriptors, snapshot outputs,
/// tracker values, archive locations. What decodes encodes back to the same value.
pub fn reply_decoder(data: &[u8]) {
    let Some((&which, b)) = data.split_first() else {
        return;
    };
    match which % 12 {
        0 => {
            if let Ok(raw) =
                <&[u8; REPLY_HEADER_LEN]>::try_from(b.get(..REPLY_HEADER_LEN).unwrap_or(&[]))
            {
                let h = ReplyHeader::decode(raw);
                assert_eq!(&h.encode(), raw);
            }
        }
        1 => {
            if let Some(list) = objects::decode_session_list(b).ok().filter(lossless) {
                let again = objects::decode_session_list(&objects::encode_session_list(&list));
                assert_eq!(again.as_ref(), Ok(&list));
            }
        }
        2 => {
            let list = objects::decode_domain_list(b);
            assert!(list.len() <= b.len());
        }
        3 => {
            if let Some(list) = replies::decode_channels_reply(&reply_of(b))
                .ok()
                .filter(lossless)
            {
                let mut w = Writer::default();
                for c in &list {
                    objects::encode_channel(c, &mut w);
                }
                let again = objects::decode_channel_list(list.len() as u32, &w.into_inner());
                assert_eq!(again.as_ref(), Ok(&list));
            }
        }
        4 => {
            if let Some(list) = replies::decode_events_reply(&reply_of(b))
                .ok()
                .filter(lossless)
            {
                let mut bytes = (list.len() as u32).to_ne_bytes().to_vec();
                for e in &list {
                    bytes.extend(objects::encode_event(e));
                }
                let again = replies::decode_events_reply(&reply_of(&bytes));
                assert_eq!(again.ok().as_ref(), Some(&list));
            }
        }
        5 => {
            let _ = replies::decode_instrumentation_reply(&reply_of(b));
        }
        6 => {
            let _ = replies::decode_fields_reply(&reply_of(b));
        }
        7 => {
            if let Some(d) = objects::decode_descriptor(b).ok().filter(lossless) {
                if let Ok(bytes) = objects::encode_descriptor(&d) {
                    assert_eq!(objects::decode_descriptor(&bytes).as_ref(), Ok(&d));
                }
            }
        }
        8 => {
            if let Some(o) = objects::decode_snapshot_output(b).ok().filter(lossless) {
                let bytes = objects::encode_snapshot_output(&o);
                assert_eq!(objects::decode_snapshot_output(&bytes).as_ref(), Ok(&o));
            }
        }
        9 => {
            let _ = objects::decode_tracker_values(b);
        }
        10 => {
            if let Some(l) = location::decode_rotation_info(b).ok().filter(lossless) {
                let bytes = location::encode_rotation_info(&l);
                assert_eq!(location::decode_rotation_info(&bytes).as_ref(), Ok(&l));
            }
            if let Some((l, n)) = location::decode_comm(b).ok().filter(lossless) {
                assert!(n <= b.len());
                let bytes = location::encode_comm(&l);
                assert_eq!(location::decode_comm(&bytes).map(|x| x.0).as_ref(), Ok(&l));
            }
        }
        _ => {
            let count = b.first().copied().unwrap_or(0) as u32;
            let rest = b.get(1..).unwrap_or(&[]);
            let _ = objects::decode_event_list(count, rest);
            let _ = objects::decode_channel_list(count, rest);
        }
    }
}

/// The relayd protocol codec: control messages and CREATE_SESSION as a relay daemon reads
/// them, and every reply the consumer's relayd client reads.
pub fn relayd_codec(data: &[u8]) {
    if let Ok((cmd, payload)) = relayd::decode_control(data) {
        assert!(payload.len() <= data.len());
        if cmd == relayd::RelayCommand::CreateSession as u32 {
            if let Some(cs) = relayd::decode_create_session(payload).ok().filter(lossless) {
                let m = cs.encode();
                let (cmd2, payload2) = relayd::decode_control(&m).expect("encoded message decodes");
                assert_eq!(cmd2, cmd);
                assert_eq!(relayd::decode_create_session(payload2).as_ref(), Ok(&cs));
            }
        }
    }
    let _ = relayd::ControlHeader::decode(data);
    let _ = relayd::decode_version_reply(data);
    let _ = relayd::decode_handle_reply(data);
    let _ = relayd::decode_u32_reply(data);
    if let Ok((reply, path_len)) = relayd::decode_create_session_reply_head(data) {
        assert!(path_len <= 4096);
        let rest = data.get(16..).unwrap_or(&[]);
        let path = relayd::decode_path(&rest[..path_len.min(rest.len())]);
        let _ = (reply, path);
    }
    if let Ok((handle, seq, size, padding)) = relayd::decode_data_header(data) {
        let h = relayd::data_header(handle, seq, size, padding);
        assert_eq!(
            relayd::decode_data_header(&h),
            Ok((handle, seq, size, padding))
        );
    }
}

/// The session daemon <-> consumer link frames, as the consumer reads them.
pub fn consumer_link(data: &[u8]) {
    let Some(head) = data.get(..8) else {
        return;
    };
    let head: &[u8; 8] = head.try_into().unwrap();
    let Ok((kind, len)) = Message::decode_header(head) else {
        return;
    };
    let body = &data[8..];
    let body = &body[..len.min(body.len())];
    if let Some(m) = Message::decode(kind, body).ok().filter(lossless) {
        let frame = m.encode();
        let (kind2, len2) = Message::decode_header(frame[..8].try_into().unwrap()).unwrap();
        assert_eq!(len2, frame.len() - 8);
        assert_eq!(Message::decode(kind2, &frame[8..]).as_ref(), Ok(&m));
    }
}

/// Undoes the TSDL string escape of the writer.
fn tsdl_unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            out.extend(chars.next());
        } else {
            out.push(c);
        }
    }
    out
}

/// The value of `key = "...";` in TSDL text (the string may hold escaped quotes).
fn tsdl_string<'a>(text: &'a str, key: &str) -> &'a str {
    let start = text.find(&format!("\t{key} = \"")).expect(key) + key.len() + 5;
    let rest = &text[start..];
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return &rest[..i],
            _ => escaped = false,
        }
    }
    panic!("unterminated string for {key}");
}

/// The CTF writer round trip: events written into a packet read back from it, the packet
/// describes itself, its index entry has the fixed size; metadata strings survive any
/// session or host name.
pub fn ctf_roundtrip(data: &[u8]) {
    let mut r = Reader::new(data);
    let capacity = r.u16().unwrap_or(4096) as usize;
    let cpu = u32::from(r.u8().unwrap_or(0));
    let mut builder = PacketBuilder::new([7; 16], capacity, cpu);
    let mut written: Vec<(u64, u64, String)> = Vec::new();
    let mut ts = 0u64;
    while let (Ok(step), Ok(len)) = (r.u8(), r.u8()) {
        let Ok(raw) = r.take((len as usize).min(r.remaining())) else {
            break;
        };
        // Messages are text without NUL (the daemon writes "tick <seq>").
        let msg: String = String::from_utf8_lossy(raw).replace('\0', "");
        ts += u64::from(step);
        let seq = written.len() as u64;
        if !builder.push_tick(ts, seq, &msg) {
            break;
        }
        written.push((ts, seq, msg));
    }
    let packet = builder.finish(9, 3, ts + 1);
    assert_eq!(packet.events, written.len() as u64);
    assert_eq!(
        packet.content.len() + packet.padding as usize,
        capacity.max(ctf::PACKET_PREAMBLE_LEN + 64)
    );
    let (events, index) = ctf::parse_packet(&packet.content).expect("packet parses");
    assert_eq!(index, packet.index);
    let mut er = Reader::new(events);
    for (ts, seq, msg) in &written {
        assert_eq!(er.u32(), Ok(ctf::TICK_EVENT_ID));
        assert_eq!(
            u64::from_le_bytes(er.take(8).unwrap().try_into().unwrap()),
            *ts
        );
        assert_eq!(
            u64::from_le_bytes(er.take(8).unwrap().try_into().unwrap()),
            *seq
        );
        let text = er.take(msg.len() + 1).unwrap();
        assert_eq!(&text[..msg.len()], msg.as_bytes());
        assert_eq!(text[msg.len()], 0);
    }
    assert_eq!(er.remaining(), 0);
    assert_eq!(ctf::index_entry(0, &index).len(), ctf::INDEX_ENTRY_LEN);
    // Metadata: the remaining bytes split into a host and a session name.
    let rest = String::from_utf8_lossy(&data[data.len() - r.remaining()..]).into_owned();
    let (host, session) = rest.split_once('\n').unwrap_or((&rest, "s"));
    let info = TraceInfo {
        uuid: [1; 16],
        hostname: host.to_owned(),
        session_name: session.to_owned(),
        clock_offset_ns: ts,
    };
    let text = info.metadata();
    let visible = |s: &str| s.chars().filter(|c| !c.is_control()).collect::<String>();
    assert_eq!(tsdl_unescape(tsdl_string(&text, "hostname")), visible(host));
    assert_eq!(
        tsdl_unescape(tsdl_string(&text, "trace_name")),
        visible(session)
    );
}

/// The session-configuration parser (the files `lttng_load_session` reads), without a
/// daemon: any text gives sessions or an error, never a panic, the same way twice, and
/// every channel it gives is enabled when created (its saved state is applied after).
pub fn session_config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = config::parse(text);
    assert_eq!(parsed, config::parse(text));
    for session in parsed.iter().flatten().flatten() {
        for domain in session.domains.iter().flatten() {
            for channel in domain.channels.iter().flatten() {
                assert!(channel.channel.enabled);
            }
        }
    }
}

/// The notification channel's messages as a client reads them: a stream of headers and
/// payloads; a notification's trigger and evaluation, and its captured fields for any
/// descriptor count. Never a panic; a header encodes back to its bytes.
pub fn notification_channel(data: &[u8]) {
    use lttng_ctl::model::notification::Evaluation;
    use lttng_ctl::proto::notification::{self as n, Header, MESSAGE_HEADER_LEN, MessageType};
    let mut r = Reader::new(data);
    while r.remaining() >= MESSAGE_HEADER_LEN {
        let raw: [u8; MESSAGE_HEADER_LEN] = r.take(MESSAGE_HEADER_LEN).unwrap().try_into().unwrap();
        let Ok(h) = Header::decode(&raw) else { return };
        assert_eq!(h.encode(), raw);
        let Ok(payload) = r.take(h.size as usize) else {
            return;
        };
        match h.message_type() {
            Some(MessageType::Handshake) => {
                let _ = n::decode_handshake(payload);
            }
            Some(MessageType::CommandReply) => {
                let _ = n::decode_command_reply(payload);
            }
            Some(MessageType::Notification) => {
                if let Ok(notification) = n::decode_notification(payload) {
                    if let Evaluation::EventRuleMatches { capture_payload } =
                        &notification.evaluation
                    {
                        for descriptors in 0..4 {
                            let _ = n::decode_captures(capture_payload, descriptors);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// A capture payload decoded for a condition with 0 to 7 capture descriptors (the first
/// byte picks how many), as a notification's evaluation is built: the evaluation exists
/// exactly when the payload decodes (or is empty), and the captured
/// values the C getters lend read back as the values the decoder produced.
pub fn capture_payload(data: &[u8]) {
    use lttng_ctl::client::decode_captures;
    use lttng_ctl::ffi::condition::{
        evaluation_from_model, lttng_evaluation_event_rule_matches_get_captured_values,
        lttng_evaluation_event_rule_matches_status as Status,
    };
    use lttng_ctl::model::notification::{Evaluation, FieldValue};
    use lttng_ctl::model::trigger::{Condition, EventExpr, EventRule};

    let Some((&n, payload)) = data.split_first() else {
        return;
    };
    let n = usize::from(n % 8);
    let condition = Condition::EventRuleMatches {
        rule: EventRule::KernelTracepoint {
            pattern: Some("*".into()),
            filter: None,
        },
        captures: (0..n)
            .map(|i| EventExpr::PayloadField(format!("f{i}")))
            .collect(),
    };
    let evaluation = Evaluation::EventRuleMatches {
        capture_payload: payload.to_vec(),
    };
    let node = evaluation_from_model(&evaluation, &condition);
    if n == 0 && !payload.is_empty() {
        // A payload without descriptors: refused, as the channel refuses the notification.
        assert!(
            node.is_none(),
            "an evaluation for captures without descriptors"
        );
        return;
    }
    let decoded = (!payload.is_empty()).then(|| decode_captures(payload, n));
    let values = match decoded {
        Some(Err(_)) => {
            assert!(
                node.is_none(),
                "an evaluation for a payload that does not decode"
            );
            return;
        }
        // What C reads of a string or label: up to its first NUL, as upstream's copy.
        Some(Ok(values)) => Some(as_c_reads(FieldValue::Array(values))),
        None => None,
    };
    let node = node.expect("an evaluation for a payload that decodes");
    let mut root = std::ptr::null();
    // SAFETY: a live evaluation of the library and a local out-parameter.
    let status =
        unsafe { lttng_evaluation_event_rule_matches_get_captured_values(node.as_c(), &mut root) };
    match values {
        None => assert_eq!(status, Status::NONE),
        Some(values) => {
            assert_eq!(status, Status::OK);
            // SAFETY: `root` is lent by the evaluation, alive while `node` is.
            let read = unsafe { read_field_value(root) };
            // Debug text compares NaN equal to itself.
            assert_eq!(format!("{read:?}"), format!("{values:?}"));
        }
    }
}

/// A captured value read back through the C getters alone.
///
/// # Safety
/// `v` is a live field value of the library.
unsafe fn read_field_value(
    v: *const lttng_ctl::ffi::event_expr::lttng_event_field_value,
) -> lttng_ctl::model::notification::FieldValue {
    use lttng_ctl::ffi::event_expr::*;
    use lttng_ctl::model::notification::FieldValue;
    type T = lttng_event_field_value_type;
    const OK: lttng_event_field_value_status = lttng_event_field_value_status::OK;
    // SAFETY: `v` is live (this function's contract); every out-parameter is a local.
    unsafe {
        let (mut u, mut s, mut r, mut text) = (0u64, 0i64, 0f64, std::ptr::null());
        match lttng_event_field_value_get_type(v) {
            T::UNSIGNED_INT | T::UNSIGNED_ENUM => {
                assert_eq!(
                    lttng_event_field_value_unsigned_int_get_value(v, &mut u),
                    OK
                );
                assert_ne!(lttng_event_field_value_signed_int_get_value(v, &mut s), OK);
                if lttng_event_field_value_get_type(v) == T::UNSIGNED_INT {
                    FieldValue::UnsignedInt(u)
                } else {
                    let labels = enum_labels(v);
                    FieldValue::UnsignedEnum(u, labels)
                }
            }
            T::SIGNED_INT | T::SIGNED_ENUM => {
                assert_eq!(lttng_event_field_value_signed_int_get_value(v, &mut s), OK);
                if lttng_event_field_value_get_type(v) == T::SIGNED_INT {
                    FieldValue::SignedInt(s)
                } else {
                    FieldValue::SignedEnum(s, enum_labels(v))
                }
            }
            T::REAL => {
                assert_eq!(lttng_event_field_value_real_get_value(v, &mut r), OK);
                FieldValue::Real(r)
            }
            T::STRING => {
                assert_eq!(lttng_event_field_value_string_get_value(v, &mut text), OK);
                FieldValue::String(
                    std::ffi::CStr::from_ptr(text)
                        .to_string_lossy()
                        .into_owned(),
                )
            }
            T::ARRAY => {
                let mut len = 0;
                assert_eq!(lttng_event_field_value_array_get_length(v, &mut len), OK);
                let mut items = Vec::new();
                for i in 0..len {
                    let mut e = std::ptr::null();
                    match lttng_event_field_value_array_get_element_at_index(v, i, &mut e) {
                        OK => items.push(Some(read_field_value(e))),
                        st => {
                            assert_eq!(st, lttng_event_field_value_status::UNAVAILABLE);
                            assert!(e.is_null());
                            items.push(None);
                        }
                    }
                }
                let mut e = std::ptr::null();
                assert_eq!(
                    lttng_event_field_value_array_get_element_at_index(v, len, &mut e),
                    lttng_event_field_value_status::INVALID
                );
                FieldValue::Array(items)
            }
            other => panic!("field value of type {other:?}"),
        }
    }
}

/// An enum value's labels: the C API has no getter for them (upstream's are not exported),
/// so they come from the node itself.
fn enum_labels(v: *const lttng_ctl::ffi::event_expr::lttng_event_field_value) -> Vec<String> {
    use lttng_ctl::ffi::event_expr::field_value_to_model;
    use lttng_ctl::ffi::object::from_c;
    use lttng_ctl::model::notification::FieldValue;
    match field_value_to_model(&from_c(v).expect("a live value")) {
        FieldValue::UnsignedEnum(_, l) | FieldValue::SignedEnum(_, l) => l,
        other => panic!("not an enum: {other:?}"),
    }
}

/// A captured value as C reads it: strings and labels cut at their first NUL.
fn as_c_reads(
    v: lttng_ctl::model::notification::FieldValue,
) -> lttng_ctl::model::notification::FieldValue {
    use lttng_ctl::model::notification::FieldValue;
    let cut = |s: String| s.split('\0').next().unwrap_or_default().to_owned();
    match v {
        FieldValue::String(s) => FieldValue::String(cut(s)),
        FieldValue::UnsignedEnum(u, l) => {
            FieldValue::UnsignedEnum(u, l.into_iter().map(cut).collect())
        }
        FieldValue::SignedEnum(i, l) => FieldValue::SignedEnum(i, l.into_iter().map(cut).collect()),
        FieldValue::Array(items) => {
            FieldValue::Array(items.into_iter().map(|i| i.map(as_c_reads)).collect())
        }
        other => other,
    }
}
