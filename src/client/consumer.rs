//! A session's consumer: its URIs (2.13's URL pair and the network-consumer design's
//! single URI), a consumer daemon's socket, and the design's enable and disable.

use crate::client::{Error, Handle, Report, Result, execute, invalid, parse_urls};
use crate::model::error::ErrorCode;
use crate::model::uri::{self, Uri};
use crate::proto::sessiond::{Command, PATH_MAX, union_offsets};

/// The resolver used for URLs: the system's (getaddrinfo).
pub fn resolver() -> &'static dyn uri::Resolve {
    &crate::transport::resolve::SystemResolver
}

/// `lttng_set_consumer_url`: parses a control URL and an optional data URL with the 2.13
/// rules (`net://HOST[:CTRL[:DATA]]` alone, or `tcp://` control and data on the same host, or
/// a local path) and sends them in one SET_CONSUMER_URI.
///
/// ```no_run
/// use lttng_ctl::client::{self, Handle};
/// use lttng_ctl::model::domain::Domain;
///
/// let consumer = Handle::new("demo", Domain::zeroed());
/// client::set_consumer_url(&consumer, Some("tcp://127.0.0.1:5342"), Some("tcp://127.0.0.1:5343"), None)?;
/// # Ok::<(), lttng_ctl::client::Error>(())
/// ```
pub fn set_consumer_url(
    handle: &Handle,
    ctrl: Option<&str>,
    data: Option<&str>,
    report: Option<Report>,
) -> Result<()> {
    let uris = parse_urls(ctrl, data, report)?;
    set_consumer_uris(handle, &uris)
}

/// Sends SET_CONSUMER_URI with `uris` (already valid and resolved).
pub fn set_consumer_uris(handle: &Handle, uris: &[Uri]) -> Result<()> {
    let payload =
        crate::proto::uri::encode_all(uris).map_err(|_| Error::from(ErrorCode::Invalid))?;
    let req = handle
        .request(Command::SetConsumerUri)?
        .with_union_u32(union_offsets::FIRST_U32, uris.len() as u32)
        .with_payload(payload);
    execute(&req).map(|_| ())
}

/// The design's `lttng_set_consumer_uri`: validates one URI, resolves a host name, applies
/// the stream's default port, then sends it as SET_CONSUMER_URI. Nothing is sent when the
/// URI is refused ([`prepare_consumer_uri`] says why).
///
/// Use a handle without a domain. Refused by the reference daemon once the consumer is
/// enabled (`LTTNG_ERR_URL_EXIST`, 21) and once the session has started.
///
/// ```no_run
/// use lttng_ctl::client::{self, Handle};
/// use lttng_ctl::model::domain::Domain;
/// use lttng_ctl::model::uri::{StreamType, Uri};
///
/// let consumer = Handle::new("demo", Domain::zeroed());
/// client::set_consumer_uri(&consumer, &Uri::path("/var/trace/demo", StreamType::Control))?;
/// # Ok::<(), lttng_ctl::client::Error>(())
/// ```
pub fn set_consumer_uri(handle: &Handle, uri: &Uri) -> Result<()> {
    let uri = prepare_consumer_uri(uri)?;
    set_consumer_uris(handle, std::slice::from_ref(&uri))
}

/// Checks and completes a design URI for the 2.13 wire (see [`set_consumer_uri`]): the
/// URI as it will be sent, with a host name resolved and the stream's default port applied.
///
/// Errors: hops give `LTTNG_ERR_NOT_SUPPORTED` (15); UDP on the control path, relative
/// paths, `..`, unresolvable hosts `LTTNG_ERR_INVALID` (97).
///
/// ```
/// use lttng_ctl::client::{self, Error};
/// use lttng_ctl::model::uri::{NoResolve, parse_consumer_uri};
///
/// let uris = parse_consumer_uri("net://127.0.0.1:6000", &NoResolve).unwrap();
/// let data = client::prepare_consumer_uri(&uris[1])?;
/// assert_eq!(data.to_url(), "tcp4://127.0.0.1:5343/"); // the data path's default port
///
/// let hop = parse_consumer_uri("tcp://10.0.0.1,tcp://127.0.0.1", &NoResolve).unwrap();
/// assert_eq!(client::prepare_consumer_uri(&hop[0]), Err(Error(15)));
/// # Ok::<(), lttng_ctl::client::Error>(())
/// ```
pub fn prepare_consumer_uri(uri: &Uri) -> Result<Uri> {
    uri.validate_for_consumer().map_err(|e| match e {
        uri::UriError::HopNotSupported => Error::from(ErrorCode::NotSupported),
        _ => Error::from(ErrorCode::Invalid),
    })?;
    let mut out = uri.clone();
    let bad = || Error::from(ErrorCode::Invalid);
    match out.dtype {
        uri::DstType::Host => {
            // A name becomes the address the 2.13 wire needs: IPv4 first, as LTTng prefers.
            let v4 = resolver().resolve(&out.dst, uri::Family::V4);
            let (dtype, addr) = match v4 {
                Some(addr) => (uri::DstType::Ipv4, addr),
                None => {
                    let v6 = resolver()
                        .resolve(&out.dst, uri::Family::V6)
                        .ok_or_else(bad)?;
                    (uri::DstType::Ipv6, v6)
                }
            };
            out.dtype = dtype;
            out.dst = addr;
        }
        uri::DstType::Ipv4 | uri::DstType::Ipv6 => {
            let family = if out.dtype == uri::DstType::Ipv4 {
                uri::Family::V4
            } else {
                uri::Family::V6
            };
            // Numeric addresses only (and `localhost`, as the 2.13 parser allows).
            out.dst = uri::numeric_address(&out.dst, family, &uri::NoResolve).map_err(|_| bad())?;
        }
        uri::DstType::Path => {}
    }
    out.port = out.effective_port();
    Ok(out)
}

/// `lttng_register_consumer` (command 15).
pub fn register_consumer(handle: &Handle, socket_path: &str) -> Result<()> {
    if socket_path.len() >= PATH_MAX {
        return invalid();
    }
    let req = handle
        .request(Command::RegisterConsumer)?
        .with_union_str(0, PATH_MAX, socket_path);
    execute(&req).map(|_| ())
}

/// The design's `lttng_enable_consumer` (command 20): the daemon connects the control and
/// data paths (both URIs must be set: `LTTNG_ERR_URL_CTRL_MISS` 102,
/// `LTTNG_ERR_URL_DATA_MISS` 101; `LTTNG_ERR_RELAYD_CONNECT_FAIL` 104 when the relay daemon
/// does not answer) and consumes; enabling a disabled consumer resumes it. The real 2.13
/// daemon answers "Undefined command" (12); the reference daemon performs it.
///
/// ```no_run
/// use lttng_ctl::client::{self, Handle};
/// use lttng_ctl::model::domain::Domain;
///
/// let consumer = Handle::new("demo", Domain::zeroed());
/// client::set_consumer_url(&consumer, Some("net://127.0.0.1"), None, None)?;
/// client::enable_consumer(&consumer)?;
/// client::disable_consumer(&consumer)?; // pause
/// client::enable_consumer(&consumer)?;  // resume
/// # Ok::<(), lttng_ctl::client::Error>(())
/// ```
pub fn enable_consumer(handle: &Handle) -> Result<()> {
    execute(&handle.request(Command::EnableConsumer)?).map(|_| ())
}

/// The design's `lttng_disable_consumer` (command 19): pauses consumption; the consumer
/// and its relay connections stay, and what the buffers cannot hold meanwhile is counted as
/// discarded. `LTTNG_ERR_NO_CONSUMER` (109) when the session has none.
pub fn disable_consumer(handle: &Handle) -> Result<()> {
    execute(&handle.request(Command::DisableConsumer)?).map(|_| ())
}
