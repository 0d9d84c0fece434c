//! Consumer URIs: the design's model and both parsers.
//!
//! Two parsers share one scanner:
//!
//! * [`parse_str_urls`] is what the 2.13 API (`lttng_create_session`, `lttng_set_consumer_url`)
//!   uses: it accepts exactly what the real 2.13 library accepts and gives the same URIs, so
//!   that the bytes we send the daemon are the real library's.
//! * [`parse_consumer_uri`] is the network-consumer design's parser (`lttng_uri_parse`, the
//!   `-C`/`-D` options): the 2.13 grammar plus `udp://`/`udp6://`, a `[HOP1,]URI` hop list and
//!   plain absolute paths as files.
//!
//! Host names are resolved through a [`Resolve`] implementation so this module does no I/O.

use std::net::{Ipv4Addr, Ipv6Addr};

/// Default control port of a network consumer (`net://HOST` without ports).
pub const DEFAULT_CONTROL_PORT: u16 = 5342;
/// Default data port of a network consumer.
pub const DEFAULT_DATA_PORT: u16 = 5343;
/// Capacity of the `subdir` and path arrays (`PATH_MAX`), terminator included.
pub const PATH_CAPACITY: usize = 4096;
/// Capacity of the `ipv4` member (`INET_ADDRSTRLEN`), terminator included.
pub const IPV4_CAPACITY: usize = 16;
/// Capacity of the `ipv6` member (`INET6_ADDRSTRLEN`), terminator included.
pub const IPV6_CAPACITY: usize = 46;

/// Kind of destination (`enum lttng_dst_type` of the design).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DstType {
    /// Numeric IPv4 address.
    Ipv4,
    /// Numeric IPv6 address.
    Ipv6,
    /// Host name, resolved when the URI is used.
    Host,
    /// Absolute local path.
    Path,
}

/// Whether the URI is a hop or the final destination (`enum lttng_uri_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UriKind {
    /// A proxy on the way (parsed, not supported by any daemon yet).
    Hop,
    /// The final destination.
    Destination,
}

/// Which stream of a consumer the URI is for (`enum lttng_stream_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StreamType {
    /// The control path (commands, metadata). TCP only.
    Control,
    /// The data path (trace packets).
    Data,
}

impl StreamType {
    /// The default port of this stream.
    pub fn default_port(self) -> u16 {
        match self {
            StreamType::Control => DEFAULT_CONTROL_PORT,
            StreamType::Data => DEFAULT_DATA_PORT,
        }
    }
}

/// Transport protocol (`enum lttng_proto_type`). Meaningless for [`DstType::Path`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Protocol {
    /// UDP (data path only).
    Udp,
    /// TCP.
    Tcp,
}

/// One consumer URI, as the design describes it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Uri {
    /// Destination kind; says how to read [`Uri::dst`].
    pub dtype: DstType,
    /// Hop or destination.
    pub kind: UriKind,
    /// Control or data.
    pub stream: StreamType,
    /// Transport protocol.
    pub proto: Protocol,
    /// Port; 0 means "the default port of the stream".
    pub port: u16,
    /// Sub-directory of the trace output, without a leading `/`.
    pub subdir: String,
    /// Numeric address, host name or absolute path, by `dtype`.
    pub dst: String,
}

impl Uri {
    /// A local-file destination.
    pub fn path(path: &str, stream: StreamType) -> Uri {
        Uri {
            dtype: DstType::Path,
            kind: UriKind::Destination,
            stream,
            proto: Protocol::Tcp,
            port: 0,
            subdir: String::new(),
            dst: path.to_owned(),
        }
    }

    /// True for a network destination (IPv4, IPv6 or host name).
    pub fn is_network(&self) -> bool {
        self.dtype != DstType::Path
    }

    /// The port to use: the explicit one, or the stream's default for a network URI.
    pub fn effective_port(&self) -> u16 {
        if self.port == 0 && self.is_network() {
            self.stream.default_port()
        } else {
            self.port
        }
    }

    /// Applies the stream type and, for a network URI without a port, its default port.
    fn set_default_attr(&mut self, stream: StreamType) {
        self.stream = stream;
        self.port = self.effective_port();
    }

    /// Checks what a consumer URI must satisfy before it is sent to a daemon.
    ///
    /// Refuses hops (not supported), UDP on the control path, relative paths, a `subdir` or
    /// path with a `..` component, empty destinations and strings too long for the 2.13 wire
    /// form.
    pub fn validate_for_consumer(&self) -> Result<(), UriError> {
        if self.kind == UriKind::Hop {
            return Err(UriError::HopNotSupported);
        }
        if self.dst.is_empty() {
            return Err(UriError::NoAddress);
        }
        if has_parent_component(&self.subdir) {
            return Err(UriError::ClimbsOut);
        }
        if self.subdir.len() >= PATH_CAPACITY || self.dst.len() >= PATH_CAPACITY {
            return Err(UriError::TooLong);
        }
        match self.dtype {
            DstType::Path => {
                if !self.dst.starts_with('/') {
                    return Err(UriError::RelativePath);
                }
                if has_parent_component(&self.dst) {
                    return Err(UriError::ClimbsOut);
                }
            }
            _ => {
                if self.stream == StreamType::Control && self.proto == Protocol::Udp {
                    return Err(UriError::UdpControl);
                }
            }
        }
        Ok(())
    }

    /// Renders the URI the way LTTng prints a consumer URI (`tcp4://1.2.3.4:5342/sub`).
    pub fn to_url(&self) -> String {
        match self.dtype {
            DstType::Path => format!("file://{}", self.dst),
            DstType::Ipv6 => format!(
                "{}6://[{}]:{}/{}",
                self.proto_name(),
                self.dst,
                self.port,
                self.subdir
            ),
            DstType::Ipv4 | DstType::Host => format!(
                "{}{}://{}:{}/{}",
                self.proto_name(),
                if self.dtype == DstType::Ipv4 { "4" } else { "" },
                self.dst,
                self.port,
                self.subdir
            ),
        }
    }

    fn proto_name(&self) -> &'static str {
        match self.proto {
            Protocol::Tcp => "tcp",
            Protocol::Udp => "udp",
        }
    }
}

fn has_parent_component(path: &str) -> bool {
    path.split('/').any(|c| c == "..")
}

/// Why a URI was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UriError {
    /// Unknown scheme (and not a plain absolute path where those are allowed).
    #[error("unknown protocol")]
    UnknownProtocol,
    /// `file://` not followed by an absolute path.
    #[error("missing destination full path")]
    MissingFullPath,
    /// `[` without `]`, `[]`, or junk after `]`.
    #[error("broken IPv6 address")]
    BrokenIpv6,
    /// Nothing where the host should be.
    #[error("no address or hostname")]
    NoAddress,
    /// Port 0, negative, or above 65535.
    #[error("invalid port number")]
    InvalidPort,
    /// Characters left after the address, ports and subdir.
    #[error("trailing characters not recognized")]
    TrailingCharacters,
    /// Host that is not an address of the scheme's family and does not resolve to one.
    #[error("bad hostname for the address family")]
    BadHostname,
    /// Data URL given with a `file://` control URL.
    #[error("cannot have a data URL when destination is file://")]
    DataWithFile,
    /// `net://` control URL with a different data URL.
    #[error("control URL uses the net:// protocol and the data URL is different")]
    NetWithDifferentData,
    /// `net://` used as a data URL.
    #[error("data URL can not be set with the net[4|6]:// protocol")]
    NetAsData,
    /// Control and data resolve to different hosts.
    #[error("control and data destination mismatch")]
    DestinationMismatch,
    /// Nothing to parse.
    #[error("empty URL")]
    Empty,
    /// A hop, which no daemon supports yet.
    #[error("proxy (hop) not supported")]
    HopNotSupported,
    /// UDP on the control path.
    #[error("the control path is TCP only")]
    UdpControl,
    /// A relative local path.
    #[error("a local path must be absolute")]
    RelativePath,
    /// A `..` component in a path or subdir.
    #[error("path climbs out of the trace directory with '..'")]
    ClimbsOut,
    /// A string longer than its fixed array.
    #[error("string too long")]
    TooLong,
    /// A NUL byte inside the text (a C caller's string ends there; the wire form would
    /// silently cut the path or host at it).
    #[error("NUL byte in URL")]
    Nul,
}

/// Address family asked of a resolver.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// IPv4.
    V4,
    /// IPv6.
    V6,
}

/// Host-name resolution, supplied by the caller so that parsing does no I/O.
pub trait Resolve {
    /// The first numeric address of `host` in `family`, as text, or `None`.
    fn resolve(&self, host: &str, family: Family) -> Option<String>;
}

/// A resolver that knows no names: only numeric addresses and `localhost` parse.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoResolve;

impl Resolve for NoResolve {
    fn resolve(&self, _host: &str, _family: Family) -> Option<String> {
        None
    }
}

/// The numeric form of `host` in `family`: a literal is kept verbatim, a name is resolved,
/// and `localhost` falls back to the loopback address when resolution fails (as 2.13 does).
pub fn numeric_address(
    host: &str,
    family: Family,
    resolver: &dyn Resolve,
) -> Result<String, UriError> {
    let literal = match family {
        Family::V4 => host.parse::<Ipv4Addr>().is_ok(),
        Family::V6 => host.parse::<Ipv6Addr>().is_ok(),
    };
    let (capacity, loopback) = match family {
        Family::V4 => (IPV4_CAPACITY, "127.0.0.1"),
        Family::V6 => (IPV6_CAPACITY, "::1"),
    };
    let addr = if literal {
        host.to_owned()
    } else if let Some(found) = resolver.resolve(host, family) {
        found
    } else if host == "localhost" {
        loopback.to_owned()
    } else {
        return Err(UriError::BadHostname);
    };
    // The address lives in a fixed array; 2.13 truncates, which only ever matters for
    // literals that cannot be valid anyway.
    Ok(truncate(&addr, capacity - 1))
}

fn truncate(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_owned();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_owned()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SchemeKind {
    File,
    /// Two URIs (control, data), up to two ports.
    Net(Family),
    /// One URI, one port.
    Single(Family, Protocol),
}

struct Scheme {
    prefix: &'static str,
    kind: SchemeKind,
    /// Part of the design only, refused by the 2.13 API parser.
    design_only: bool,
}

const SCHEMES: &[Scheme] = &[
    Scheme {
        prefix: "file://",
        kind: SchemeKind::File,
        design_only: false,
    },
    Scheme {
        prefix: "net://",
        kind: SchemeKind::Net(Family::V4),
        design_only: false,
    },
    Scheme {
        prefix: "net4://",
        kind: SchemeKind::Net(Family::V4),
        design_only: false,
    },
    Scheme {
        prefix: "net6://",
        kind: SchemeKind::Net(Family::V6),
        design_only: false,
    },
    Scheme {
        prefix: "tcp://",
        kind: SchemeKind::Single(Family::V4, Protocol::Tcp),
        design_only: false,
    },
    Scheme {
        prefix: "tcp4://",
        kind: SchemeKind::Single(Family::V4, Protocol::Tcp),
        design_only: false,
    },
    Scheme {
        prefix: "tcp6://",
        kind: SchemeKind::Single(Family::V6, Protocol::Tcp),
        design_only: false,
    },
    Scheme {
        prefix: "udp://",
        kind: SchemeKind::Single(Family::V4, Protocol::Udp),
        design_only: true,
    },
    Scheme {
        prefix: "udp4://",
        kind: SchemeKind::Single(Family::V4, Protocol::Udp),
        design_only: true,
    },
    Scheme {
        prefix: "udp6://",
        kind: SchemeKind::Single(Family::V6, Protocol::Udp),
        design_only: true,
    },
];

fn find_scheme(s: &str, design: bool) -> Option<&'static Scheme> {
    SCHEMES.iter().find(|scheme| {
        (design || !scheme.design_only)
            && s.len() >= scheme.prefix.len()
            && s.as_bytes()[..scheme.prefix.len()].eq_ignore_ascii_case(scheme.prefix.as_bytes())
    })
}

/// C `atoi` on the text of a port: optional sign, leading digits, junk ignored.
fn atoi(text: &str) -> i64 {
    let t = text.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    let (neg, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let mut value: i64 = 0;
    for b in digits.bytes().take_while(u8::is_ascii_digit) {
        // Saturate: anything this large is refused anyway.
        value = value.saturating_mul(10).saturating_add(i64::from(b - b'0'));
    }
    if neg { -value } else { value }
}

/// One URI in the 2.13 grammar. `design` enables the design's UDP schemes.
///
/// Returns one URI, or two for `net://` (control, then data). Ports absent from the text are
/// 0; the first URI's stream is control, a `net://` second URI's is data.
fn parse_one(s: &str, design: bool, resolver: &dyn Resolve) -> Result<Vec<Uri>, UriError> {
    parse_one_explained(s, design, resolver).map_err(|r| r.error)
}

/// A refusal of `uri_parse` with the line upstream prints for it (without `Error: `).
struct Refusal {
    error: UriError,
    message: String,
}

fn refuse(error: UriError, message: impl Into<String>) -> Refusal {
    Refusal {
        error,
        message: message.into(),
    }
}

/// [`parse_one`], with upstream's message for a refusal (same checks, same order).
fn parse_one_explained(s: &str, design: bool, resolver: &dyn Resolve) -> Result<Vec<Uri>, Refusal> {
    let scheme = find_scheme(s, design).ok_or_else(|| {
        refuse(
            UriError::UnknownProtocol,
            format!("URI parse unknown protocol {s}"),
        )
    })?;
    let rest = &s[scheme.prefix.len()..];
    let (family, proto, two) = match scheme.kind {
        SchemeKind::File => {
            if !rest.starts_with('/') {
                return Err(refuse(
                    UriError::MissingFullPath,
                    "Missing destination full path.",
                ));
            }
            return Ok(vec![Uri::path(
                &truncate(rest, PATH_CAPACITY - 1),
                StreamType::Control,
            )]);
        }
        SchemeKind::Net(f) => (f, Protocol::Tcp, true),
        SchemeKind::Single(f, p) => (f, p, false),
    };
    let is_sep = |c: char| c == ':' || c == '/';
    let (host, mut tail) = if let Some(bracketed) = rest.strip_prefix('[') {
        let broken = || {
            refuse(
                UriError::BrokenIpv6,
                format!("Broken IPv6 address {bracketed}"),
            )
        };
        let close = bracketed.find(']').ok_or_else(broken)?;
        if close == 0 {
            return Err(broken());
        }
        let after = &bracketed[close + 1..];
        if !(after.is_empty() || after.starts_with(is_sep)) {
            return Err(refuse(
                UriError::BrokenIpv6,
                format!("Unknown symbol after IPv6 address: {after}"),
            ));
        }
        (&bracketed[..close], after)
    } else {
        let end = rest.find(is_sep).unwrap_or(rest.len());
        (&rest[..end], &rest[end..])
    };
    if host.is_empty() {
        return Err(refuse(
            UriError::NoAddress,
            "No address or hostname detected.",
        ));
    }
    let mut ports = [0u16; 2];
    let mut count = 0;
    while let Some(after_colon) = tail.strip_prefix(':') {
        count += 1;
        if (count == 2 && !two) || count > 2 {
            break;
        }
        let end = after_colon.find(is_sep).unwrap_or(after_colon.len());
        let text = &after_colon[..end];
        if !text.is_empty() {
            let port = atoi(text);
            if !(1..=0xffff).contains(&port) {
                // Printed as C's atoi stored into an int prints it.
                return Err(refuse(
                    UriError::InvalidPort,
                    format!("Invalid port number {}", port as i32),
                ));
            }
            ports[count - 1] = port as u16;
        }
        tail = &after_colon[end..];
    }
    let subdir = match tail.strip_prefix('/') {
        Some(sub) => truncate(sub, PATH_CAPACITY - 1),
        None if tail.is_empty() => String::new(),
        None => {
            return Err(refuse(
                UriError::TrailingCharacters,
                format!("Trailing characters not recognized: {tail}"),
            ));
        }
    };
    let dst = numeric_address(host, family, resolver).map_err(|error| {
        let af = match family {
            Family::V4 => 2,
            Family::V6 => 10,
        };
        refuse(error, format!("URI parse bad hostname {host} for af {af}"))
    })?;
    let dtype = match family {
        Family::V4 => DstType::Ipv4,
        Family::V6 => DstType::Ipv6,
    };
    let control = Uri {
        dtype,
        kind: UriKind::Destination,
        stream: StreamType::Control,
        proto,
        port: ports[0],
        subdir,
        dst,
    };
    if two {
        let data = Uri {
            stream: StreamType::Data,
            port: ports[1],
            subdir: String::new(),
            ..control.clone()
        };
        Ok(vec![control, data])
    } else {
        Ok(vec![control])
    }
}

/// Parses one URI exactly as 2.13's `uri_parse` does (no defaults applied).
///
/// `net://` gives two URIs, control then data, each with port 0 where none was given.
pub fn parse_uri(s: &str, resolver: &dyn Resolve) -> Result<Vec<Uri>, UriError> {
    if s.contains('\0') {
        return Err(UriError::Nul);
    }
    parse_one(s, false, resolver)
}

/// The design's parser: `[HOP1,HOP2,...,]URI`.
///
/// * Every form of [`parse_uri`], with the same result, plus `udp://`, `udp4://`, `udp6://`.
/// * A string without a scheme that starts with `/` is a local path (`file://` implied).
/// * Hops come first in the result, with [`UriKind::Hop`]; the destination (one URI, or two
///   for `net://`) follows. A hop must be a network URI.
/// * Ports are left 0 when not given: 0 means "the default port of the stream".
///
/// ```
/// use lttng_ctl::model::uri::{DstType, NoResolve, StreamType, UriKind, parse_consumer_uri};
///
/// let net = parse_consumer_uri("net://127.0.0.1:6000/lab", &NoResolve).unwrap();
/// assert_eq!((net[0].stream, net[0].port, net[0].subdir.as_str()), (StreamType::Control, 6000, "lab"));
/// assert_eq!((net[1].stream, net[1].port), (StreamType::Data, 0)); // 0: 5343
///
/// let local = parse_consumer_uri("/var/trace", &NoResolve).unwrap();
/// assert_eq!((local[0].dtype, local[0].dst.as_str()), (DstType::Path, "/var/trace"));
///
/// let hops = parse_consumer_uri("tcp://10.0.0.1,udp://10.0.0.2:6001", &NoResolve).unwrap();
/// assert_eq!((hops[0].kind, hops[1].kind), (UriKind::Hop, UriKind::Destination));
/// ```
pub fn parse_consumer_uri(s: &str, resolver: &dyn Resolve) -> Result<Vec<Uri>, UriError> {
    if s.is_empty() {
        return Err(UriError::Empty);
    }
    if s.contains('\0') {
        return Err(UriError::Nul);
    }
    let parts = split_hops(s);
    let (dest, hops) = parts.split_last().ok_or(UriError::Empty)?;
    let mut out = Vec::new();
    for hop in hops {
        let uris = parse_one(hop, true, resolver)?;
        for mut uri in uris {
            if uri.dtype == DstType::Path {
                return Err(UriError::UnknownProtocol);
            }
            uri.kind = UriKind::Hop;
            out.push(uri);
        }
    }
    if find_scheme(dest, true).is_none() && dest.starts_with('/') {
        out.push(Uri::path(dest, StreamType::Control));
        if dest.len() >= PATH_CAPACITY {
            return Err(UriError::TooLong);
        }
    } else {
        out.extend(parse_one(dest, true, resolver)?);
    }
    Ok(out)
}

/// Splits a hop list at the commas that are followed by a scheme (`word://`), so that commas
/// inside paths stay where they are.
fn split_hops(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, _) in s.match_indices(',') {
        let next = &s[i + 1..];
        let starts_scheme = next
            .find("://")
            .is_some_and(|p| p > 0 && next[..p].bytes().all(|b| b.is_ascii_alphanumeric()));
        if starts_scheme {
            parts.push(&s[start..i]);
            start = i + 1;
        }
    }
    parts.push(&s[start..]);
    parts
}

/// What upstream's `uri_parse` prints (its `ERR` line, without the `Error: ` prefix) when
/// it refuses `s`.
fn uri_parse_message(s: &str, resolver: &dyn Resolve) -> Option<String> {
    parse_one_explained(s, false, resolver)
        .err()
        .map(|r| r.message)
}

/// What upstream's `uri_parse_str_urls` prints when it refuses `ctrl` and `data` (its `ERR`
/// lines, without the `Error: ` prefix, in order), so that a program sees the same messages.
pub fn str_urls_messages(
    ctrl: Option<&str>,
    data: Option<&str>,
    resolver: &dyn Resolve,
) -> Vec<String> {
    let ctrl = ctrl.filter(|c| !c.is_empty());
    let data = data.filter(|d| !d.is_empty());
    let mut lines = Vec::new();
    let unparsable = |url: &str, lines: &mut Vec<String>| {
        lines.extend(uri_parse_message(url, resolver));
        lines.push(format!("Unable to parse the URL {url}"));
    };
    let mut data_follows = data.is_some();
    let mut ctrl_uri = None;
    if let Some(c) = ctrl {
        let url = if c.starts_with('/') {
            format!("file://{c}")
        } else {
            c.to_owned()
        };
        match parse_uri(&url, resolver) {
            Err(_) => {
                unparsable(&url, &mut lines);
                return lines;
            }
            Ok(uris) => {
                if uris[0].dtype == DstType::Path && data.is_some() {
                    lines.push("Cannot have a data URL when destination is file://".to_owned());
                    return lines;
                }
                if uris.len() == 2 {
                    if data.is_some_and(|d| d != c) {
                        lines.push(
                            "Control URL uses the net:// protocol and the data URL is different. \
                             Not allowed."
                                .to_owned(),
                        );
                        return lines;
                    }
                    data_follows = false;
                }
                ctrl_uri = uris.into_iter().next();
            }
        }
    }
    if let (true, Some(d)) = (data_follows, data) {
        match parse_uri(d, resolver) {
            Err(_) => unparsable(d, &mut lines),
            Ok(uris) if uris.len() == 2 => {
                lines.push("Data URL can not be set with the net[4|6]:// protocol".to_owned())
            }
            Ok(uris) => {
                let same = ctrl_uri.as_ref().is_none_or(|c| {
                    matches!(c.dtype, DstType::Ipv4 | DstType::Ipv6) && c.dst == uris[0].dst
                });
                if !same {
                    lines.push("Control and data destination mismatch".to_owned());
                }
            }
        }
    }
    lines
}

/// The 2.13 API's control/data URL pair parser (`uri_parse_str_urls`).
///
/// Both `None` gives no URI (not an error). A control URL starting with `/` is a local path.
/// Defaults are applied: the control URI gets stream control and port 5342 when none was
/// given, the data URI stream data and port 5343.
pub fn parse_str_urls(
    ctrl: Option<&str>,
    data: Option<&str>,
    resolver: &dyn Resolve,
) -> Result<Vec<Uri>, UriError> {
    if ctrl.is_none() && data.is_none() {
        return Ok(Vec::new());
    }
    let ctrl = ctrl.filter(|s| !s.is_empty());
    let mut data = data.filter(|s| !s.is_empty());
    let equal = match (ctrl, data) {
        (Some(c), Some(d)) => c == d,
        _ => true,
    };
    let mut out = Vec::new();
    if let Some(c) = ctrl {
        let file_url;
        let text = if c.starts_with('/') {
            file_url = format!("file://{c}");
            if file_url.len() >= PATH_CAPACITY + 7 {
                return Err(UriError::TooLong);
            }
            file_url.as_str()
        } else {
            c
        };
        let mut uris = parse_uri(text, resolver)?;
        uris[0].set_default_attr(StreamType::Control);
        if uris[0].dtype == DstType::Path && data.is_some() {
            return Err(UriError::DataWithFile);
        }
        if uris.len() == 2 {
            if !equal {
                return Err(UriError::NetWithDifferentData);
            }
            uris[1].set_default_attr(StreamType::Data);
            data = None;
        }
        out = uris;
    }
    if let Some(d) = data {
        let mut uris = parse_uri(d, resolver)?;
        if uris.len() == 2 {
            return Err(UriError::NetAsData);
        }
        uris[0].set_default_attr(StreamType::Data);
        if let Some(c) = out.first() {
            let same = match c.dtype {
                DstType::Ipv4 | DstType::Ipv6 => c.dst == uris[0].dst,
                _ => false,
            };
            if !same {
                return Err(UriError::DestinationMismatch);
            }
        }
        out.extend(uris);
    }
    if out.is_empty() {
        return Err(UriError::Empty);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<Vec<Uri>, UriError> {
        parse_uri(s, &NoResolve)
    }

    #[test]
    fn upstream_unit_cases() {
        let u = p("net://localhost").unwrap();
        assert_eq!(u.len(), 2);
        assert_eq!(
            (u[0].dtype, u[0].port, u[0].dst.as_str()),
            (DstType::Ipv4, 0, "127.0.0.1")
        );
        assert_eq!((u[1].port, u[1].dst.as_str()), (0, "127.0.0.1"));
        let u = p("net://localhost:8989:4242/my/test/path").unwrap();
        assert_eq!((u[0].port, u[0].subdir.as_str()), (8989, "my/test/path"));
        assert_eq!((u[1].port, u[1].subdir.as_str()), (4242, ""));
        let u = p("net6://[::1]:8989").unwrap();
        assert_eq!((u[0].dtype, u[0].port, u[1].port), (DstType::Ipv6, 8989, 0));
        let u = p("tcp://42.42.42.42/my/test/path").unwrap();
        assert_eq!(u.len(), 1);
        assert_eq!(u[0].subdir, "my/test/path");
        let u = p("tcp6://[fe80::f66d:4ff:fe53:d220]/my/test/path").unwrap();
        assert_eq!(u[0].dst, "fe80::f66d:4ff:fe53:d220");
        let u = p("file:///my/test/path").unwrap();
        assert_eq!(
            (u[0].dtype, u[0].dst.as_str()),
            (DstType::Path, "/my/test/path")
        );
        assert_eq!(p("file/my/test/path"), Err(UriError::UnknownProtocol));
        assert_eq!(p("net://:8999"), Err(UriError::NoAddress));
    }

    #[test]
    fn atoi_like_c() {
        assert_eq!(atoi("1234abc"), 1234);
        assert_eq!(atoi("-5"), -5);
        assert_eq!(atoi("x"), 0);
        assert_eq!(atoi("99999999999"), 99_999_999_999);
    }

    #[test]
    fn hops_split_on_schemes_only() {
        assert_eq!(
            split_hops("tcp://1.1.1.1,net://2.2.2.2"),
            ["tcp://1.1.1.1", "net://2.2.2.2"]
        );
        assert_eq!(split_hops("/tmp/a,b"), ["/tmp/a,b"]);
        assert_eq!(split_hops("file:///a,b"), ["file:///a,b"]);
    }
}
