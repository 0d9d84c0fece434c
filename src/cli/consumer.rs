//! The network-consumer design's two commands, `enable` and `disable`, as
//! `lttng-consumer` runs them.
//!
//! ```text
//! lttng-consumer enable [URI] [-C [HOP1,]URI] [-D [HOP1,]URI] [-s NAME]
//! lttng-consumer disable [-s NAME]
//! ```
//!
//! `enable` first checks every URI without contacting the daemon ([`plan_enable`]), then sets
//! them one by one on the session's consumer (`lttng_set_consumer_uri`) and enables it
//! (`lttng_enable_consumer`). Without URIs it only enables, which resumes a consumer that
//! `disable` paused.
//!
//! ```
//! use lttng_ctl::cli::consumer::plan_enable;
//! use lttng_ctl::model::uri::NoResolve;
//!
//! let uris = plan_enable(Some("net://127.0.0.1"), None, None, &NoResolve)?;
//! let urls: Vec<String> = uris.iter().map(|u| u.to_url()).collect();
//! assert_eq!(urls, ["tcp4://127.0.0.1:5342/", "tcp4://127.0.0.1:5343/"]);
//!
//! let refused = plan_enable(None, Some("tcp://10.0.0.1,tcp://127.0.0.1"), None, &NoResolve);
//! assert!(refused.unwrap_err().message.starts_with("Proxy not supported"));
//! # Ok::<(), lttng_ctl::cli::Failure>(())
//! ```

#![forbid(unsafe_code)]

use std::io::Write;

use crate::cli::Failure;
use crate::client::{self, Handle};
use crate::model::domain::{BufferType, Domain, DomainType};
use crate::model::error::ErrorCode;
use crate::model::uri::{self, DstType, Resolve, StreamType, Uri, UriKind};

/// Which option a URI came from, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Positional,
    Control,
    Data,
}

impl Source {
    fn describe(self, text: &str) -> String {
        match self {
            Source::Positional => format!("URI '{text}'"),
            Source::Control => format!("control URI '{text}' (-C)"),
            Source::Data => format!("data URI '{text}' (-D)"),
        }
    }
}

/// What a URI sets, for messages: `control URI`, `data URI` or `local output`.
pub fn role(uri: &Uri) -> &'static str {
    match (uri.dtype, uri.stream) {
        (DstType::Path, _) => "local output",
        (_, StreamType::Control) => "control URI",
        (_, StreamType::Data) => "data URI",
    }
}

/// Parses one argument with the design's parser, refusing hops.
fn parse(text: &str, source: Source, resolver: &dyn Resolve) -> Result<Vec<Uri>, Failure> {
    let what = source.describe(text);
    let uris = uri::parse_consumer_uri(text, resolver)
        .map_err(|e| Failure::refused(format!("Invalid {what}: {e}")))?;
    let hops = uris.iter().filter(|u| u.kind == UriKind::Hop).count();
    if hops > 0 {
        return Err(Failure::refused(format!(
            "Proxy not supported: the {what} goes through {hops} hop{} before its destination",
            if hops == 1 { "" } else { "s" }
        ))
        .hint("lttng-relayd takes direct connections only: give the destination URI alone."));
    }
    Ok(uris)
}

/// Parses a `-C`/`-D` argument: exactly one destination, whose stream becomes `stream`.
fn parse_single(
    text: &str,
    source: Source,
    stream: StreamType,
    resolver: &dyn Resolve,
) -> Result<Uri, Failure> {
    let mut uris = parse(text, source, resolver)?;
    if uris.len() != 1 {
        return Err(Failure::refused(format!(
            "Invalid {}: net:// sets both paths; give it without -C/-D, or use tcp://",
            source.describe(text)
        )));
    }
    let mut u = uris.remove(0);
    u.stream = stream;
    Ok(u)
}

/// Checks and completes the URIs of `enable` without contacting a daemon: the positional
/// URI (`net://`, `net4://`, `net6://`: control and data; `file://` or an absolute path: a
/// local output), then `-C` (control) and `-D` (data), each `[HOP1,]URI`.
///
/// The result is in sending order, with default ports applied (5342 control, 5343 data)
/// and host names resolved through `resolver`. Refused, with exit code 1: parse errors, any
/// hop ("proxy not supported"), a positional `tcp://`/`udp://` (which path would it set?),
/// `net://` given to `-C`/`-D`, and what `lttng_set_consumer_uri` refuses (UDP control
/// path, relative paths, `..`).
pub fn plan_enable(
    uri: Option<&str>,
    control: Option<&str>,
    data: Option<&str>,
    resolver: &dyn Resolve,
) -> Result<Vec<Uri>, Failure> {
    let mut planned: Vec<(Uri, Source, &str)> = Vec::new();
    if let Some(text) = uri {
        let uris = parse(text, Source::Positional, resolver)?;
        let single_network = uris.len() == 1 && uris[0].is_network();
        if single_network {
            return Err(Failure::refused(format!(
                "A single URI must be net://, net4://, net6://, file:// or an absolute path, \
                 not '{text}'"
            ))
            .hint("Give tcp:// and udp:// URIs with -C (control) and -D (data)."));
        }
        planned.extend(uris.into_iter().map(|u| (u, Source::Positional, text)));
    }
    if let Some(text) = control {
        let u = parse_single(text, Source::Control, StreamType::Control, resolver)?;
        planned.push((u, Source::Control, text));
    }
    if let Some(text) = data {
        let u = parse_single(text, Source::Data, StreamType::Data, resolver)?;
        planned.push((u, Source::Data, text));
    }
    planned
        .into_iter()
        .map(|(u, source, text)| {
            u.validate_for_consumer()
                .map_err(|e| Failure::refused(format!("Invalid {}: {e}", source.describe(text))))?;
            let mut u = u;
            u.port = u.effective_port();
            Ok(u)
        })
        .collect()
}

/// A handle on the session's consumer template: no domain, as the design asks.
fn consumer_handle(session: &str) -> Handle {
    Handle::new(session, Domain::zeroed())
}

/// The hint for a daemon that does not know the design's commands.
fn undefined_hint(e: client::Error, f: Failure) -> Failure {
    if e.code() == Some(ErrorCode::Und) {
        f.hint(
            "The LTTng 2.13 session daemon does not implement the network-consumer commands; \
             lttng-ref-sessiond does.",
        )
    } else {
        f
    }
}

/// `lttng-consumer enable`: sets `uris` (from [`plan_enable`]) on the consumer of `session`
/// in order, then enables it. Writes one line per step to `out`:
///
/// ```text
/// Control URI set to tcp4://127.0.0.1:5342/ for session s1
/// Data URI set to tcp4://127.0.0.1:5343/ for session s1
/// Consumer enabled for session s1
/// ```
///
/// Stops at the first failure, whose exit code is the LTTng error code.
pub fn enable(session: &str, uris: &[Uri], out: &mut dyn Write) -> Result<(), Failure> {
    let handle = consumer_handle(session);
    for u in uris {
        client::set_consumer_uri(&handle, u).map_err(|e| {
            let f = Failure::lttng(
                &format!(
                    "Setting the {} of session {session} to {}",
                    role(u),
                    u.to_url()
                ),
                e,
            );
            if e.code() == Some(ErrorCode::UrlExist) {
                f.hint("The consumer is enabled: disable it first (lttng-consumer disable).")
            } else {
                f
            }
        })?;
        say(
            out,
            &format!(
                "{} set to {} for session {session}",
                capitalized(role(u)),
                u.to_url()
            ),
        );
    }
    client::enable_consumer(&handle).map_err(|e| {
        undefined_hint(
            e,
            Failure::lttng(&format!("Enabling the consumer of session {session}"), e),
        )
    })?;
    say(out, &format!("Consumer enabled for session {session}"));
    Ok(())
}

/// `lttng-consumer disable`: pauses the consumer of `session` (it stays connected; enable
/// resumes it). Writes `Consumer disabled for session NAME` to `out`.
pub fn disable(session: &str, out: &mut dyn Write) -> Result<(), Failure> {
    client::disable_consumer(&consumer_handle(session)).map_err(|e| {
        undefined_hint(
            e,
            Failure::lttng(&format!("Disabling the consumer of session {session}"), e),
        )
    })?;
    say(out, &format!("Consumer disabled for session {session}"));
    Ok(())
}

/// The events the session's user-space channels discarded so far (the sum of `lttng
/// list`'s "Discarded events"): what the buffers could not hold, for example while the
/// consumer was disabled.
pub fn discarded_events(session: &str) -> Result<u64, client::Error> {
    let handle = Handle::new(session, Domain::new(DomainType::Ust, BufferType::PerUid));
    Ok(client::list_channels(&handle)?
        .iter()
        .map(|c| c.extended.discarded_events)
        .sum())
}

/// The warning `lttng-consumer enable` prints (on stderr) when the session discarded
/// events, `None` when it did not.
pub fn discard_warning(session: &str, discarded: u64) -> Option<String> {
    (discarded > 0).then(|| {
        let (events, were) = if discarded == 1 {
            ("event", "was")
        } else {
            ("events", "were")
        };
        format!(
            "Warning: {discarded} {events} of session {session} {were} discarded so far: the \
             buffers were full while the consumer was disabled or behind (see `lttng list \
             {session}`)"
        )
    })
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Writes a line, ignoring a closed stdout (as the lttng CLI does).
fn say(out: &mut dyn Write, line: &str) {
    let _ = writeln!(out, "{line}").and_then(|()| out.flush());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::uri::NoResolve;

    fn urls(uri: Option<&str>, c: Option<&str>, d: Option<&str>) -> Result<Vec<String>, Failure> {
        plan_enable(uri, c, d, &NoResolve).map(|v| v.iter().map(Uri::to_url).collect())
    }

    #[test]
    fn one_uri_sets_both_paths_with_defaults() {
        assert_eq!(
            urls(Some("net://127.0.0.1:6000:6001/sub"), None, None).unwrap(),
            ["tcp4://127.0.0.1:6000/sub", "tcp4://127.0.0.1:6001/"]
        );
        assert_eq!(
            urls(Some("net6://[::1]"), None, None).unwrap(),
            ["tcp6://[::1]:5342/", "tcp6://[::1]:5343/"]
        );
        assert_eq!(urls(Some("/tmp/t"), None, None).unwrap(), ["file:///tmp/t"]);
        assert_eq!(
            urls(Some("file:///tmp/t"), None, None).unwrap(),
            ["file:///tmp/t"]
        );
    }

    #[test]
    fn control_and_data_options() {
        let plan = plan_enable(
            None,
            Some("tcp://127.0.0.1"),
            Some("udp://127.0.0.1:7000"),
            &NoResolve,
        )
        .unwrap();
        assert_eq!((plan[0].stream, plan[0].port), (StreamType::Control, 5342));
        assert_eq!((plan[1].stream, plan[1].port), (StreamType::Data, 7000));
        assert_eq!(role(&plan[0]), "control URI");
        assert!(urls(None, None, None).unwrap().is_empty());
    }

    #[test]
    fn refusals_send_nothing_and_exit_1() {
        for (uri, c, d, start) in [
            (
                None,
                Some("tcp://1.1.1.1,tcp://127.0.0.1"),
                None,
                "Proxy not supported",
            ),
            (
                Some("tcp://1.1.1.1,net://127.0.0.1"),
                None,
                None,
                "Proxy not supported",
            ),
            (Some("tcp://127.0.0.1"), None, None, "A single URI must be"),
            (None, Some("net://127.0.0.1"), None, "Invalid control URI"),
            (None, Some("udp://127.0.0.1"), None, "Invalid control URI"),
            (None, None, Some("foo://x"), "Invalid data URI"),
            (Some("relative/path"), None, None, "Invalid URI"),
            (Some("/a/../b"), None, None, "Invalid URI"),
        ] {
            let f = urls(uri, c, d).unwrap_err();
            assert!(f.message.starts_with(start), "{uri:?} {c:?} {d:?}: {f}");
            assert_eq!(f.exit_code, 1);
        }
    }

    #[test]
    fn warns_only_about_discarded_events() {
        assert_eq!(discard_warning("s", 0), None);
        assert!(
            discard_warning("s", 1)
                .unwrap()
                .starts_with("Warning: 1 event of session s was")
        );
        assert!(
            discard_warning("s", 7)
                .unwrap()
                .starts_with("Warning: 7 events of session s were")
        );
    }

    #[test]
    fn capitalizes() {
        assert_eq!(capitalized("local output"), "Local output");
    }
}
