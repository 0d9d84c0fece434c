//! Conversions between the C structs of `types` and the model, in both directions.

use std::ffi::c_char;

use crate::client::{Handle, SessionRecord};
use crate::ffi::boundary::{BadArg, as_bytes, fill_zeroed_fixed, fixed_str, write_fixed};
use crate::ffi::types::{
    LTTNG_SYMBOL_NAME_LEN, lttng_channel, lttng_channel_extended, lttng_domain, lttng_event,
    lttng_handle, lttng_session,
};
use crate::model::channel::{Channel, ChannelAttr, ChannelExtended};
use crate::model::domain::{DOMAIN_SIZE, Domain};
use crate::model::event::{EVENT_FUNCTION, EVENT_FUNCTION_ENTRY, EVENT_PROBE, Event, ProbeAttr};

/// A C domain as the model's: type, buffer type, and the padding and `attr` union as
/// bytes, verbatim.
pub fn domain_from_c(d: &lttng_domain) -> Domain {
    // SAFETY: every member of the union is plain bytes or an int over the same memory;
    // reading the widest one reads all of it.
    let attr = unsafe { &d.attr.padding };
    let mut rest = Vec::with_capacity(DOMAIN_SIZE - 8);
    rest.extend_from_slice(as_bytes(&d.padding));
    rest.extend_from_slice(as_bytes(attr));
    Domain {
        kind: d.r#type,
        buf_type: d.buf_type,
        rest,
    }
}

/// Writes a model domain into a C domain.
pub fn domain_to_c(src: &Domain, d: &mut lttng_domain) {
    d.r#type = src.kind;
    d.buf_type = src.buf_type;
    let (padding, attr) = src.rest.split_at(d.padding.len());
    for (dst, b) in d.padding.iter_mut().zip(padding) {
        *dst = *b as c_char;
    }
    let mut union = [0 as c_char; LTTNG_SYMBOL_NAME_LEN + 32];
    for (dst, b) in union.iter_mut().zip(attr) {
        *dst = *b as c_char;
    }
    d.attr.padding = union;
}

/// The Rust handle for a C handle; `Err` when its session name is not terminated.
pub fn handle_from_c(h: &lttng_handle) -> Result<Handle, BadArg> {
    let name = fixed_str(&h.session_name)?;
    Ok(Handle::new(name, domain_from_c(&h.domain)))
}

/// A channel from C, and whether it had extended attributes (read through
/// `attr.extended.ptr` when set; defaults are the caller's business otherwise).
///
/// # Safety
/// `c` points at a readable `struct lttng_channel` whose `attr.extended.ptr` is NULL or
/// points at a readable `struct lttng_channel_extended`.
pub unsafe fn channel_from_c(c: &lttng_channel) -> Result<(Channel, bool), BadArg> {
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
pub unsafe fn event_from_c(e: &lttng_event) -> Result<Event, BadArg> {
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
        // SAFETY: writing a byte-array member of a union of plain data.
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
