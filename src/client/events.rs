//! Event rules and contexts (`lttng/event.h`), and the instrumentation points a daemon
//! lists: tracepoints, system calls, tracepoint fields.

use crate::client::{Error, Handle, Result, execute, invalid};
use crate::model::domain::{BufferType, Domain, DomainType};
use crate::model::error::ErrorCode;
use crate::model::event::{Context, Event, EventField};
use crate::proto::objects;
use crate::proto::replies;
use crate::proto::sessiond::{Command, Request, SYMBOL_NAME_LEN, union_offsets};

/// `lttng_list_events` for `channel`.
pub fn list_events(handle: &Handle, channel: &str) -> Result<Vec<Event>> {
    if channel.len() >= SYMBOL_NAME_LEN {
        return invalid();
    }
    let req = handle.request(Command::ListEvents)?.with_union_str(
        union_offsets::CHANNEL_NAME,
        SYMBOL_NAME_LEN,
        channel,
    );
    replies::decode_events_reply(&execute(&req)?).map_err(Error::from)
}

fn event_request(cmd: Command, handle: &Handle, event: &Event, channel: &str) -> Result<Request> {
    if channel.len() >= SYMBOL_NAME_LEN || event.name.len() >= SYMBOL_NAME_LEN {
        return invalid();
    }
    let payload = objects::encode_event(event);
    Ok(handle
        .request(cmd)?
        .with_union_str(union_offsets::CHANNEL_NAME, SYMBOL_NAME_LEN, channel)
        .with_union_u32(union_offsets::EVENT_LENGTH, payload.len() as u32)
        .with_payload(payload))
}

/// The filter expression a request needs: the caller's, or for the agent domains (JUL,
/// log4j, Python) the one upstream synthesizes from the logger name and log level.
fn needed_filter(handle: &Handle, event: &Event, filter: Option<&str>) -> Option<String> {
    let agent = handle
        .domain
        .domain_type()
        .is_some_and(DomainType::is_agent);
    if !agent {
        return filter.map(str::to_owned);
    }
    let mut expr = match (event.name.as_str(), filter) {
        ("*", f) => f.map(str::to_owned),
        (name, None) => Some(format!("logger_name == \"{name}\"")),
        (name, Some(f)) => Some(format!("({f}) && (logger_name == \"{name}\")")),
    };
    if event.loglevel_type != 0 {
        let op = if event.loglevel_type == 1 { ">=" } else { "==" };
        let level = format!("int_loglevel {op} {}", event.loglevel);
        expr = Some(match expr {
            Some(base) => format!("({base}) && ({level})"),
            None => level,
        });
    }
    expr
}

/// Where a call gives what upstream's filter compiler prints on stderr when it refuses an
/// expression (its exact text, several lines). The client prints nothing itself; the C layer
/// passes a reporter that prints it.
pub type FilterReport = fn(&str);

/// Compiles a filter expression for the daemon: the whole `struct lttng_bytecode`.
///
/// Every failure is -LTTNG_ERR_FILTER_INVAL, as upstream; upstream's diagnostics go to
/// `report`. With `LTTNG_CTL_FILTER_DEBUG` set, our own reason is printed too.
fn compile_filter(expr: &str, report: Option<FilterReport>) -> Result<Vec<u8>> {
    crate::filter::compile(expr).map_err(|e| {
        if std::env::var_os("LTTNG_CTL_FILTER_DEBUG").is_some() {
            eprintln!("lttng-ctl: filter {expr:?}: {e}");
        }
        let text = e.diagnostics();
        if let (Some(report), false) = (report, text.is_empty()) {
            report(&text);
        }
        ErrorCode::FilterInval.into()
    })
}

/// `lttng_enable_event_with_exclusions`. An empty name becomes `*`, in the caller's event
/// too, as upstream. `filter`, when given, must not be empty.
pub fn enable_event(
    handle: &Handle,
    event: &mut Event,
    channel: Option<&str>,
    filter: Option<&str>,
) -> Result<()> {
    enable_event_reporting(handle, event, channel, filter, None)
}

/// [`enable_event`], giving upstream's diagnostics of a refused filter to `report`.
pub fn enable_event_reporting(
    handle: &Handle,
    event: &mut Event,
    channel: Option<&str>,
    filter: Option<&str>,
    report: Option<FilterReport>,
) -> Result<()> {
    if filter == Some("") {
        return invalid();
    }
    if event.name.is_empty() {
        event.name = "*".to_owned();
    }
    let mut to_send = event.clone();
    if let Some(expr) = needed_filter(handle, event, filter) {
        to_send.bytecode = Some(compile_filter(&expr, report)?);
        to_send.filter_expression = Some(expr);
    }
    if to_send
        .exclusions
        .iter()
        .any(|x| x.len() >= SYMBOL_NAME_LEN)
    {
        return invalid();
    }
    let req = event_request(
        Command::EnableEvent,
        handle,
        &to_send,
        channel.unwrap_or(""),
    )?;
    execute(&req).map(|_| ())
}

/// `lttng_disable_event_ext` (no `*` rewriting, no exclusions).
pub fn disable_event(
    handle: &Handle,
    event: &Event,
    channel: Option<&str>,
    filter: Option<&str>,
) -> Result<()> {
    disable_event_reporting(handle, event, channel, filter, None)
}

/// [`disable_event`], giving upstream's diagnostics of a refused filter to `report`.
pub fn disable_event_reporting(
    handle: &Handle,
    event: &Event,
    channel: Option<&str>,
    filter: Option<&str>,
    report: Option<FilterReport>,
) -> Result<()> {
    if filter == Some("") {
        return invalid();
    }
    let mut to_send = event.clone();
    to_send.exclusions.clear();
    if let Some(expr) = needed_filter(handle, event, filter) {
        to_send.bytecode = Some(compile_filter(&expr, report)?);
        to_send.filter_expression = Some(expr);
    }
    let req = event_request(
        Command::DisableEvent,
        handle,
        &to_send,
        channel.unwrap_or(""),
    )?;
    execute(&req).map(|_| ())
}

/// `lttng_add_context`.
pub fn add_context(
    handle: &Handle,
    ctx: &Context,
    _event: Option<&str>,
    channel: Option<&str>,
) -> Result<()> {
    let channel = channel.unwrap_or("");
    if channel.len() >= SYMBOL_NAME_LEN {
        return invalid();
    }
    let body = objects::encode_context(ctx);
    let req = handle
        .request(Command::AddContext)?
        .with_union_str(union_offsets::CHANNEL_NAME, SYMBOL_NAME_LEN, channel)
        .with_union_u32(union_offsets::EVENT_LENGTH, body.len() as u32)
        .with_payload(body);
    execute(&req).map(|_| ())
}

/// `lttng_list_tracepoints`: the instrumentation points the daemon knows in `domain`.
pub fn list_tracepoints(domain: &Domain) -> Result<Vec<Event>> {
    list_instrumentation(Command::ListTracepoints, domain)
}

/// `lttng_list_syscalls`: the kernel's system calls.
pub fn list_syscalls() -> Result<Vec<Event>> {
    list_instrumentation(
        Command::ListSyscalls,
        &Domain::new(DomainType::Kernel, BufferType::Global),
    )
}

/// LIST_TRACEPOINTS / LIST_SYSCALLS.
fn list_instrumentation(cmd: Command, domain: &Domain) -> Result<Vec<Event>> {
    let req = Request::new(cmd).with_domain(&domain.for_request());
    replies::decode_instrumentation_reply(&execute(&req)?).map_err(Error::from)
}

/// `lttng_list_tracepoint_fields` (command 18, payload-style).
pub fn list_tracepoint_fields(domain: &Domain) -> Result<Vec<EventField>> {
    replies::decode_fields_reply(&execute(
        &Request::new(Command::ListTracepointFields).with_domain(&domain.for_request()),
    )?)
    .map_err(Error::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn handle(kind: DomainType) -> Handle {
        Handle::new("s", Domain::new(kind, BufferType::PerPid))
    }

    fn event(name: &str, loglevel_type: i32, loglevel: i32) -> Event {
        Event {
            name: name.into(),
            loglevel_type,
            loglevel,
            ..Event::default()
        }
    }

    #[test]
    fn agent_domains_derive_filters_like_upstream() {
        let jul = handle(DomainType::Jul);
        assert_eq!(needed_filter(&jul, &event("*", 0, 0), None), None);
        assert_eq!(
            needed_filter(&jul, &event("org.app", 0, 0), None).as_deref(),
            Some("logger_name == \"org.app\"")
        );
        assert_eq!(
            needed_filter(&jul, &event("org.app", 1, 800), None).as_deref(),
            Some("(logger_name == \"org.app\") && (int_loglevel >= 800)")
        );
        assert_eq!(
            needed_filter(&jul, &event("*", 2, 30), None).as_deref(),
            Some("int_loglevel == 30")
        );
        assert_eq!(
            needed_filter(&jul, &event("a", 0, 0), Some("x > 1")).as_deref(),
            Some("(x > 1) && (logger_name == \"a\")")
        );
        assert_eq!(
            needed_filter(&jul, &event("*", 0, 0), Some("x")).as_deref(),
            Some("x")
        );
        // User space and kernel: only the caller's filter.
        let ust = handle(DomainType::Ust);
        assert_eq!(needed_filter(&ust, &event("a", 1, 3), None), None);
        assert_eq!(
            needed_filter(&ust, &event("a", 1, 3), Some("y")).as_deref(),
            Some("y")
        );
    }
}
