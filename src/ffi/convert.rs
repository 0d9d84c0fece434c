//! Conversions between the C structs of `types` and the model, in both directions.

use std::ffi::c_char;

use crate::client::{Handle, SessionRecord};
use crate::ffi::boundary::{BadArg, as_bytes, fill_zeroed_fixed, fixed_str, write_fixed};
use crate::ffi::types::{
    lttng_channel, lttng_channel_extended, lttng_domain, lttng_event, lttng_handle, lttng_session,
};
use crate::model::channel::{Channel, ChannelAttr, ChannelExtended};
use crate::model::domain::{DOMAIN_SIZE, Domain};
use crate::model::event::{EVENT_FUNCTION, EVENT_FUNCTION_ENTRY, EVENT_PROBE, Event, ProbeAttr};

/// The domain's 308 bytes, read from C memory.
///
/// # Safety
/// `d` points at a readable `struct lttng_domain`.
pub unsafe fn domain_from_c(d: *const lttng_domain) -> Domain {
    // SAFETY: the caller guarantees 308 readable bytes at `d`; C memory is initialized.
    let bytes = unsafe { std::slice::from_raw_parts(d.cast::<u8>(), DOMAIN_SIZE) };
    let int = |i: usize| i32::from_ne_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    Domain {
        kind: int(0),
        buf_type: int(4),
        rest: bytes[8..].to_vec(),
    }
}

/// Writes a model domain into a C domain.
///
/// # Safety
/// `d` points at a writable `struct lttng_domain`.
pub unsafe fn domain_to_c(src: &Domain, d: *mut lttng_domain) {
    let bytes: Vec<u8> = [src.kind.to_ne_bytes(), src.buf_type.to_ne_bytes()]
        .concat()
        .into_iter()
        .chain(src.rest.iter().copied())
        .collect();
    // SAFETY: `d` has room for 308 bytes and `bytes` is exactly that long.
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), d.cast::<u8>(), DOMAIN_SIZE) };
}

/// The Rust handle for a C handle; `Err` when its session name is not terminated.
///
/// # Safety
/// `h` points at a readable `struct lttng_handle`.
pub unsafe fn handle_from_c(h: *const lttng_handle) -> Result<Handle, BadArg> {
    // SAFETY: the caller guarantees `h` is readable.
    let handle = unsafe { &*h };
    let name = fixed_str(&handle.session_name)?;
    // SAFETY: the domain is a field of the readable handle.
    let domain = unsafe { domain_from_c(std::ptr::addr_of!(handle.domain)) };
    Ok(Handle::new(name, domain))
}

/// A channel from C, and whether it had extended attributes (read through
/// `attr.extended.ptr` when set; defaults are the caller's business otherwise).
///
/// # Safety
/// `c` points at a readable `struct lttng_channel` whose `attr.extended.ptr` is NULL or
/// points at a readable `struct lttng_channel_extended`.
pub unsafe fn channel_from_c(c: *const lttng_channel) -> Result<(Channel, bool), BadArg> {
    // SAFETY: the caller guarantees `c` is readable.
    let c = unsafe { &*c };
    let name = fixed_str(&c.name)?.to_owned();
    let a = &c.attr;
    // SAFETY: both union members are 8 bytes of initialized C memory.
    let ext_ptr = unsafe { a.extended.ptr }.cast::<lttng_channel_extended>();
    let extended = if ext_ptr.is_null() {
        None
    } else {
        // SAFETY: the caller guarantees a non-NULL pointer is readable; the struct is packed,
        // hence the unaligned read.
        let e = unsafe { std::ptr::read_unaligned(ext_ptr) };
        Some(ChannelExtended {
            discarded_events: e.discarded_events,
            lost_packets: e.lost_packets,
            monitor_timer_interval: e.monitor_timer_interval,
            blocking_timeout: e.blocking_timeout,
        })
    };
    let mut out = Channel {
        name,
        enabled: c.enabled != 0,
        attr: ChannelAttr {
            overwrite: a.overwrite,
            subbuf_size: a.subbuf_size,
            num_subbuf: a.num_subbuf,
            switch_timer_interval: a.switch_timer_interval,
            read_timer_interval: a.read_timer_interval,
            output: a.output,
            tracefile_size: a.tracefile_size,
            tracefile_count: a.tracefile_count,
            live_timer_interval: a.live_timer_interval,
        },
        extended: ChannelExtended::default(),
    };
    let had_extended = extended.is_some();
    if let Some(e) = extended {
        out.extended = e;
    }
    Ok((out, had_extended))
}

/// Fills a C channel (its `attr.extended.ptr` is set to `ext`, which is filled too).
/// # Safety
/// `ext` is NULL or points at writable room for one extended struct.
pub unsafe fn channel_to_c(src: &Channel, c: &mut lttng_channel, ext: *mut lttng_channel_extended) {
    write_fixed(&mut c.name, &src.name);
    c.enabled = u32::from(src.enabled);
    let a = &mut c.attr;
    a.overwrite = src.attr.overwrite;
    a.subbuf_size = src.attr.subbuf_size;
    a.num_subbuf = src.attr.num_subbuf;
    a.switch_timer_interval = src.attr.switch_timer_interval;
    a.read_timer_interval = src.attr.read_timer_interval;
    a.output = src.attr.output;
    a.tracefile_size = src.attr.tracefile_size;
    a.tracefile_count = src.attr.tracefile_count;
    a.live_timer_interval = src.attr.live_timer_interval;
    a.extended.ptr = ext.cast();
    if !ext.is_null() {
        let e = lttng_channel_extended {
            discarded_events: src.extended.discarded_events,
            lost_packets: src.extended.lost_packets,
            monitor_timer_interval: src.extended.monitor_timer_interval,
            blocking_timeout: src.extended.blocking_timeout,
        };
        // SAFETY: `ext` is non-NULL and points into the caller's block with room for one
        // packed extended struct; the write is unaligned-safe.
        unsafe { std::ptr::write_unaligned(ext, e) };
    }
}

/// The model event for a C event (name, type, log level, flags, probe attributes).
///
/// # Safety
/// `e` points at a readable `struct lttng_event`.
pub unsafe fn event_from_c(e: *const lttng_event) -> Result<Event, BadArg> {
    // SAFETY: the caller guarantees `e` is readable.
    let e = unsafe { &*e };
    let name = fixed_str(&e.name)?.to_owned();
    let mut out = Event {
        kind: e.r#type,
        name,
        loglevel_type: e.loglevel_type,
        loglevel: e.loglevel,
        enabled: e.enabled,
        pid: e.pid,
        flags: e.flags,
        ..Event::default()
    };
    match e.r#type {
        EVENT_PROBE | EVENT_FUNCTION => {
            // SAFETY: for these types the union holds the probe attributes (C memory,
            // initialized).
            let p = unsafe { &e.attr.probe };
            out.probe = Some(ProbeAttr {
                addr: p.addr,
                offset: p.offset,
                symbol_name: fixed_str(&p.symbol_name)?.to_owned(),
            });
        }
        EVENT_FUNCTION_ENTRY => {
            // SAFETY: for this type the union holds the function attributes.
            let f = unsafe { &e.attr.ftrace };
            out.function = Some(fixed_str(&f.symbol_name)?.to_owned());
        }
        _ => {}
    }
    Ok(out)
}

/// Fills the public part of a C event from a model event.
pub fn event_to_c(src: &Event, e: &mut lttng_event) {
    e.r#type = src.kind;
    write_fixed(&mut e.name, &src.name);
    e.loglevel_type = src.loglevel_type;
    e.loglevel = src.loglevel;
    e.enabled = src.enabled;
    e.pid = src.pid;
    e.filter = u8::from(src.filter_expression.is_some());
    e.exclusion = u8::from(!src.exclusions.is_empty());
    e.flags = src.flags;
    if let Some(p) = &src.probe {
        // SAFETY: writing plain-data fields of a union member of C memory we own.
        unsafe {
            e.attr.probe.addr = p.addr;
            e.attr.probe.offset = p.offset;
            write_fixed(&mut e.attr.probe.symbol_name, &p.symbol_name);
        }
    }
    if let Some(f) = &src.function {
        // SAFETY: as above.
        unsafe { write_fixed(&mut e.attr.ftrace.symbol_name, f) };
    }
}

/// Fills a zeroed C session from a listed session.
pub fn session_to_c(src: &SessionRecord<'_>, s: &mut lttng_session) {
    let _ = fill_zeroed_fixed(&mut s.name, src.name);
    let _ = fill_zeroed_fixed(&mut s.path, src.path);
    s.enabled = src.enabled;
    s.snapshot_mode = src.snapshot_mode;
    s.live_timer_interval = src.live_timer_interval;
}

/// True when the C array holds a terminator.
pub fn is_terminated(array: &[c_char]) -> bool {
    as_bytes(array).contains(&0)
}
