//! Exports of `lttng/event.h`: event rules, contexts and their listing.

use std::ffi::{c_char, c_int};

use crate::client;
use crate::ffi::alloc::{calloc_array, calloc_bytes, free};
use crate::ffi::boundary::{
    BadArg, OnBadArg, Out, arg_mut, arg_ref, arg_str, ffi_boundary, fixed_str, opt_arg_str,
    opt_str, out_arg, try_arg, write_fixed,
};
use crate::ffi::convert::{event_from_c, event_to_c, handle_from_c};
use crate::ffi::lttng::{rc, report_filter};
use crate::ffi::object::{node, release_c};
use crate::ffi::types::{
    LTTNG_SYMBOL_NAME_LEN, lttng_event, lttng_event_context, lttng_event_extended,
    lttng_event_field, lttng_handle,
};
use crate::ffi::userspace_probe::lttng_userspace_probe_location;
use crate::model::error::ErrorCode;
use crate::model::event::{
    CONTEXT_APP_CONTEXT, CONTEXT_PERF_COUNTER, CONTEXT_PERF_CPU_COUNTER,
    CONTEXT_PERF_THREAD_COUNTER, Context, EVENT_ALL, Event,
};

fn align8(n: usize) -> usize {
    n.div_ceil(8) * 8
}

/// Lists the event rules of a channel. On success stores one `malloc`'d block in `*events`
/// (NULL when empty) and returns the count. The block holds the events, then for each its
/// extended data (filter expression, exclusion names), which `lttng_event_get_*` read. One
/// `free()` releases it all; do not call `lttng_event_destroy` on its elements.
///
/// # Safety
/// `handle` and `events` are valid pointers or NULL; `channel_name` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_list_events(
    handle: *mut lttng_handle,
    channel_name: *const c_char,
    events: *mut *mut lttng_event,
) -> c_int {
    ffi_boundary!({
        let handle = arg_ref!(handle);
        let chan = arg_str!(channel_name);
        let events = out_arg!(events);
        let h = try_arg!(handle_from_c(handle));
        list_into(client::list_events(&h, chan), events)
    })
}

/// One `malloc`'d block in upstream's layout for listed events: the events, then for each
/// its extended data (filter expression, exclusion names). NULL for an empty list.
pub(crate) fn events_block(list: &[Event]) -> Result<*mut lttng_event, c_int> {
    let n = list.len();
    if n == 0 {
        return Ok(std::ptr::null_mut());
    }
    let ext_size = size_of::<lttng_event_extended>();
    let per_event_extra = |e: &Event| {
        align8(
            ext_size
                + e.filter_expression.as_ref().map_or(0, |f| f.len() + 1)
                + e.exclusions.len() * LTTNG_SYMBOL_NAME_LEN,
        )
    };
    let head = n * size_of::<lttng_event>();
    let total = head + list.iter().map(per_event_extra).sum::<usize>();
    let block = calloc_bytes(total);
    if block.is_null() {
        return Err(-(ErrorCode::Nomem as c_int));
    }
    let mut offset = head;
    for (i, e) in list.iter().enumerate() {
        // SAFETY: `total` counts every byte written below: n events, then per event its
        // 8-aligned extended struct, filter text and 256-byte exclusion slots. calloc
        // aligns the block for the events and every extended struct starts 8-aligned.
        unsafe {
            let ev = &mut *block.cast::<lttng_event>().add(i);
            event_to_c(e, ev);
            let ext_ptr = block.add(offset).cast::<lttng_event_extended>();
            let mut cursor = offset + ext_size;
            let mut ext = lttng_event_extended {
                filter_expression: std::ptr::null_mut(),
                exclusion_count: e.exclusions.len() as u32,
                exclusion_strings: std::ptr::null_mut(),
                probe_location: std::ptr::null_mut(),
            };
            if let Some(f) = &e.filter_expression {
                let dst = block.add(cursor);
                std::ptr::copy_nonoverlapping(f.as_ptr(), dst, f.len());
                ext.filter_expression = dst.cast();
                cursor += f.len() + 1;
            }
            if !e.exclusions.is_empty() {
                ext.exclusion_strings = block.add(cursor).cast();
                for x in &e.exclusions {
                    let slot = std::slice::from_raw_parts_mut(
                        block.add(cursor).cast::<c_char>(),
                        LTTNG_SYMBOL_NAME_LEN,
                    );
                    write_fixed(slot, x);
                    cursor += LTTNG_SYMBOL_NAME_LEN;
                }
            }
            ext_ptr.write(ext);
            ev.extended.ptr = ext_ptr.cast();
            offset = align8(cursor);
        }
    }
    Ok(block.cast())
}

/// Allocates a zeroed event with its extended data. Release with `lttng_event_destroy`.
///
/// # Safety
/// None.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_create() -> *mut lttng_event {
    ffi_boundary!({
        let ev = calloc_array::<lttng_event>(1);
        let ext = calloc_array::<lttng_event_extended>(1);
        if ev.is_null() || ext.is_null() {
            // SAFETY: both came from calloc (or are NULL).
            unsafe {
                free(ev);
                free(ext);
            }
            return std::ptr::null_mut();
        }
        // SAFETY: `ev` is a fresh zeroed event (calloc; all zero is a valid event).
        unsafe { &mut *ev }.extended.ptr = ext.cast();
        ev
    })
}

/// Releases an event from `lttng_event_create` (NULL is fine). Not for listed events.
///
/// # Safety
/// `event` is NULL or an event from `lttng_event_create` not yet destroyed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_destroy(event: *mut lttng_event) {
    ffi_boundary!({
        let ext = extended_of(arg_ref!(event));
        // SAFETY: by contract the event and its extended data came from calloc; the
        // extended data is readable.
        if let Some(x) = unsafe { ext.as_ref() } {
            release_c(
                x.probe_location
                    .cast_const()
                    .cast::<lttng_userspace_probe_location>(),
            );
        }
        // SAFETY: by contract the event and its extended data came from calloc.
        unsafe {
            free(ext.cast_mut());
            free(event);
        }
    })
}

/// The extended data of an event, or NULL.
fn extended_of(event: &lttng_event) -> *const lttng_event_extended {
    // SAFETY: both members of the union are 8 bytes of plain data.
    unsafe { event.extended.ptr.cast() }
}

/// The extended data of an event, when it has some.
///
/// # Safety
/// The event's extended pointer is NULL or readable (the exports' contract: an event from
/// `lttng_event_create` or a listing).
unsafe fn extended(event: &lttng_event) -> Option<&lttng_event_extended> {
    // SAFETY: this function's contract.
    unsafe { extended_of(event).as_ref() }
}

/// Stores the filter expression of a listed event in `*filter_string` (NULL when it has
/// none); the string belongs to the event's block. 0 or -LTTNG_ERR_INVALID for NULL.
///
/// # Safety
/// `event` and `filter_string` are valid pointers or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_get_filter_expression(
    event: *mut lttng_event,
    filter_string: *mut *const c_char,
) -> c_int {
    ffi_boundary!({
        let event = arg_ref!(event);
        let out = out_arg!(filter_string);
        // SAFETY: the export's contract: the extended pointer is NULL or readable.
        let ext = unsafe { extended(event) };
        out.write(ext.map_or(std::ptr::null(), |x| x.filter_expression.cast_const()));
        0
    })
}

/// The number of exclusion names of a listed event, or -LTTNG_ERR_INVALID for NULL.
///
/// # Safety
/// `event` is a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_get_exclusion_name_count(event: *mut lttng_event) -> c_int {
    ffi_boundary!({
        let event = arg_ref!(event);
        // SAFETY: the export's contract: the extended pointer is NULL or readable.
        let count = unsafe { extended(event) }.map_or(0, |x| x.exclusion_count);
        c_int::try_from(count).unwrap_or(-(ErrorCode::Overflow as c_int))
    })
}

/// Stores the `index`-th exclusion name of a listed event in `*exclusion_name` (a string of
/// the event's block). 0, or -LTTNG_ERR_INVALID for NULL or an index out of range.
///
/// # Safety
/// `event` and `exclusion_name` are valid pointers or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_get_exclusion_name(
    event: *mut lttng_event,
    index: usize,
    exclusion_name: *mut *const c_char,
) -> c_int {
    ffi_boundary!({
        let event = arg_ref!(event);
        let out = out_arg!(exclusion_name);
        if index > u32::MAX as usize {
            return -(ErrorCode::Overflow as c_int);
        }
        // SAFETY: the export's contract: the extended pointer is NULL or readable.
        let Some(ext) = (unsafe { extended(event) }) else {
            return OnBadArg::on_bad_arg();
        };
        if index >= ext.exclusion_count as usize {
            return OnBadArg::on_bad_arg();
        }
        // SAFETY: a listed event's exclusion strings are `exclusion_count` slots of 256
        // bytes, and index < exclusion_count.
        out.write(unsafe { ext.exclusion_strings.add(index * LTTNG_SYMBOL_NAME_LEN) });
        0
    })
}

/// Collects the exclusion names given to `lttng_enable_event_with_exclusions`.
///
/// # Safety
/// `names` is NULL or points at `count` C strings.
unsafe fn exclusions_from_c(count: c_int, names: *mut *mut c_char) -> Result<Vec<String>, BadArg> {
    if count == 0 {
        return Ok(Vec::new());
    }
    if count < 0 || names.is_null() {
        return Err(BadArg);
    }
    (0..count as usize)
        .map(|i| {
            // SAFETY: `names` holds `count` entries by contract.
            let p = unsafe { *names.add(i) };
            if p.is_null() {
                return Err(BadArg);
            }
            // SAFETY: each entry is a C string by contract; only the first 256 bytes matter,
            // and a name must be terminated within them.
            let bytes = unsafe { std::slice::from_raw_parts(p, strnlen(p, LTTNG_SYMBOL_NAME_LEN)) };
            fixed_str(bytes).map(str::to_owned)
        })
        .collect()
}

/// Reads at most `max` bytes of a C string, stopping after its terminator.
///
/// # Safety
/// `p` is a C string.
unsafe fn strnlen(p: *const c_char, max: usize) -> usize {
    // SAFETY: the string is readable up to its terminator, and we stop there.
    (0..max)
        .find(|&i| unsafe { *p.add(i) } == 0)
        .map_or(max, |i| i + 1)
}

/// Enables an event rule (a name or pattern; empty means `*`, written back into `ev->name`)
/// in `channel_name` (NULL: the default channel), with an optional filter and exclusions.
/// 0 or a negative LTTng code.
///
/// A filter is compiled to 2.13's bytecode by this library (`src/filter`), as the real one
/// does; an invalid filter gets -LTTNG_ERR_FILTER_INVAL.
///
/// # Safety
/// `handle` and `ev` are valid pointers or NULL; `channel_name` and `filter_expression` C
/// strings or NULL; `exclusion_list` NULL or `exclusion_count` C strings.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_enable_event_with_exclusions(
    handle: *mut lttng_handle,
    ev: *mut lttng_event,
    channel_name: *const c_char,
    filter_expression: *const c_char,
    exclusion_count: c_int,
    exclusion_list: *mut *mut c_char,
) -> c_int {
    ffi_boundary!({
        let (handle, ev) = (arg_ref!(handle), arg_mut!(ev));
        let chan = opt_arg_str!(channel_name);
        let filter = opt_arg_str!(filter_expression);
        if filter == Some("") {
            return OnBadArg::on_bad_arg();
        }
        if ev.name[0] == 0 {
            write_fixed(&mut ev.name, "*");
        }
        let h = handle_from_c(handle);
        // SAFETY: the export's contract: the event's extended pointer is NULL or readable,
        // and `exclusion_list` holds `exclusion_count` C strings.
        let (e, x) = unsafe {
            (
                event_from_c(ev),
                exclusions_from_c(exclusion_count, exclusion_list),
            )
        };
        let (Ok(h), Ok(mut e), Ok(x)) = (h, e, x) else {
            return OnBadArg::on_bad_arg();
        };
        e.exclusions = x;
        rc(client::enable_event_reporting(
            &h,
            &mut e,
            chan,
            filter,
            Some(report_filter),
        ))
    })
}

/// `lttng_enable_event_with_exclusions` without filter and exclusions.
///
/// # Safety
/// As `lttng_enable_event_with_exclusions`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_enable_event(
    handle: *mut lttng_handle,
    ev: *mut lttng_event,
    channel_name: *const c_char,
) -> c_int {
    ffi_boundary!({
        // SAFETY: the same arguments under the same contract, with no exclusions (and no
        // filter, for lttng_enable_event).
        unsafe {
            lttng_enable_event_with_exclusions(
                handle,
                ev,
                channel_name,
                std::ptr::null(),
                0,
                std::ptr::null_mut(),
            )
        }
    })
}

/// `lttng_enable_event_with_exclusions` with a filter and no exclusions.
///
/// # Safety
/// As `lttng_enable_event_with_exclusions`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_enable_event_with_filter(
    handle: *mut lttng_handle,
    event: *mut lttng_event,
    channel_name: *const c_char,
    filter_expression: *const c_char,
) -> c_int {
    ffi_boundary!({
        // SAFETY: the same arguments under the same contract, with no exclusions (and no
        // filter, for lttng_enable_event).
        unsafe {
            lttng_enable_event_with_exclusions(
                handle,
                event,
                channel_name,
                filter_expression,
                0,
                std::ptr::null_mut(),
            )
        }
    })
}

/// Disables the event rules matching `ev` (and `filter_expression`) in `channel_name`.
///
/// # Safety
/// `handle` and `ev` are valid pointers or NULL; the strings C strings or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_disable_event_ext(
    handle: *mut lttng_handle,
    ev: *mut lttng_event,
    channel_name: *const c_char,
    filter_expression: *const c_char,
) -> c_int {
    ffi_boundary!({
        let (handle, ev) = (arg_ref!(handle), arg_ref!(ev));
        let h = handle_from_c(handle);
        // SAFETY: the export's contract: the event's extended pointer is NULL or readable.
        let e = unsafe { event_from_c(ev) };
        let chan = opt_arg_str!(channel_name);
        let filter = opt_arg_str!(filter_expression);
        let (Ok(h), Ok(e)) = (h, e) else {
            return OnBadArg::on_bad_arg();
        };
        rc(client::disable_event_reporting(
            &h,
            &e,
            chan,
            filter,
            Some(report_filter),
        ))
    })
}

/// Disables the event rule `name` (NULL: every event, `-a`) in `channel_name`.
///
/// # Safety
/// `handle` is a valid pointer or NULL; the strings C strings or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_disable_event(
    handle: *mut lttng_handle,
    name: *const c_char,
    channel_name: *const c_char,
) -> c_int {
    ffi_boundary!({
        let h = handle_from_c(arg_ref!(handle));
        let n = opt_arg_str!(name).unwrap_or("");
        let chan = opt_arg_str!(channel_name);
        let h = try_arg!(h);
        if n.len() >= LTTNG_SYMBOL_NAME_LEN {
            return OnBadArg::on_bad_arg();
        }
        let e = Event {
            kind: EVENT_ALL,
            loglevel: -1,
            name: n.to_owned(),
            ..Event::default()
        };
        rc(client::disable_event(&h, &e, chan, None))
    })
}

/// The model context for a C context.
///
/// # Safety
/// The context's app-context strings, if used, are C strings or NULL.
unsafe fn context_from_c(c: &lttng_event_context) -> Result<Context, BadArg> {
    match c.ctx {
        CONTEXT_APP_CONTEXT => {
            // SAFETY: for this type the union holds two string pointers (C strings or NULL).
            let (p, n) = unsafe {
                (
                    opt_str(c.u.app_ctx.provider_name),
                    opt_str(c.u.app_ctx.ctx_name),
                )
            };
            match (p, n) {
                (Some(Ok(p)), Some(Ok(n))) if !p.is_empty() && !n.is_empty() => Ok(Context::App {
                    provider: p.to_owned(),
                    name: n.to_owned(),
                }),
                _ => Err(BadArg),
            }
        }
        CONTEXT_PERF_COUNTER | CONTEXT_PERF_CPU_COUNTER | CONTEXT_PERF_THREAD_COUNTER => {
            // SAFETY: for these types the union holds the perf counter description.
            let p = unsafe { &c.u.perf_counter };
            Ok(Context::PerfCounter {
                ctx: c.ctx,
                kind: p.r#type,
                config: p.config,
                name: fixed_str(&p.name)?.to_owned(),
            })
        }
        other => Ok(Context::Simple(other)),
    }
}

/// Adds a context field to the channel `channel_name` (NULL: every channel) of the handle's
/// session and domain. `event_name` is ignored, as upstream. 0 or a negative LTTng code.
///
/// # Safety
/// `handle` and `ctx` are valid pointers or NULL; the strings C strings or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_add_context(
    handle: *mut lttng_handle,
    ctx: *mut lttng_event_context,
    event_name: *const c_char,
    channel_name: *const c_char,
) -> c_int {
    let _ = event_name;
    ffi_boundary!({
        let (handle, ctx) = (arg_ref!(handle), arg_ref!(ctx));
        let h = handle_from_c(handle);
        // SAFETY: the export's contract: an app context's strings are C strings or NULL.
        let c = unsafe { context_from_c(ctx) };
        let chan = opt_arg_str!(channel_name);
        let (Ok(h), Ok(c)) = (h, c) else {
            return OnBadArg::on_bad_arg();
        };
        rc(client::add_context(&h, &c, None, chan))
    })
}

/// Lists the instrumentation points the daemon knows in the handle's domain (user-space
/// tracepoints of registered applications). On success stores one `malloc`'d block in
/// `*events` (as `lttng_list_events`) and returns the count.
///
/// # Safety
/// `handle` and `events` are valid pointers or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_list_tracepoints(
    handle: *mut lttng_handle,
    events: *mut *mut lttng_event,
) -> c_int {
    ffi_boundary!({
        let handle = arg_ref!(handle);
        let events = out_arg!(events);
        let h = try_arg!(handle_from_c(handle));
        list_into(client::list_tracepoints(&h.domain), events)
    })
}

/// Lists the kernel's system calls (kernel domain). As `lttng_list_tracepoints`.
///
/// # Safety
/// `events` is a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_list_syscalls(events: *mut *mut lttng_event) -> c_int {
    ffi_boundary!({
        let events = out_arg!(events);
        list_into(client::list_syscalls(), events)
    })
}

/// Stores a listed set of events in `*events`; returns the count or a negative code.
fn list_into(list: client::Result<Vec<Event>>, events: Out<*mut lttng_event>) -> c_int {
    let list = match list {
        Ok(l) => l,
        Err(e) => return e.api_value(),
    };
    match events_block(&list) {
        Ok(block) => {
            events.write(block);
            list.len() as c_int
        }
        Err(code) => code,
    }
}

/// Lists the fields of the instrumentation points the daemon knows in the handle's domain.
/// On success stores a `malloc`'d array in `*fields` (release it with `free()`) and returns
/// the count.
///
/// # Safety
/// `handle` and `fields` are valid pointers or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_list_tracepoint_fields(
    handle: *mut lttng_handle,
    fields: *mut *mut lttng_event_field,
) -> c_int {
    ffi_boundary!({
        let handle = arg_ref!(handle);
        let fields = out_arg!(fields);
        let h = try_arg!(handle_from_c(handle));
        let list = match client::list_tracepoint_fields(&h.domain) {
            Ok(l) => l,
            Err(e) => return e.api_value(),
        };
        let array = calloc_array::<lttng_event_field>(list.len().max(1));
        if array.is_null() {
            return -(ErrorCode::Nomem as c_int);
        }
        for (i, f) in list.iter().enumerate() {
            // SAFETY: `array` holds list.len() zeroed fields (calloc); i is in range.
            let out = unsafe { &mut *array.add(i) };
            write_fixed(&mut out.field_name, &f.name);
            out.r#type = f.kind;
            out.nowrite = c_int::from(f.nowrite);
            event_to_c(&f.event, &mut out.event);
        }
        if list.is_empty() {
            // SAFETY: calloc'd above, not handed out.
            unsafe { free(array) };
            fields.write(std::ptr::null_mut());
        } else {
            fields.write(array);
        }
        list.len() as c_int
    })
}

/// The userspace probe location attached to an event from `lttng_event_create` (NULL when
/// none), lent: the event owns it.
///
/// # Safety
/// `event` is NULL or an event of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_get_userspace_probe_location(
    event: *const lttng_event,
) -> *const lttng_userspace_probe_location {
    ffi_boundary!({
        let event = arg_ref!(event);
        // SAFETY: the export's contract: the extended pointer is NULL or readable.
        unsafe { extended(event) }
            .map_or(std::ptr::null(), |x| x.probe_location.cast_const().cast())
    })
}

/// Attaches a userspace probe location to an event from `lttng_event_create`; the event
/// takes ownership (the caller's reference, or a new one for a location it does not own,
/// such as one an event rule lends) and releases the location it held before. 0, or
/// -LTTNG_ERR_INVALID for NULL arguments, a pointer that is not a live location, or an
/// event without extended data. (This library does not send such events yet: they are
/// kernel events.)
///
/// # Safety
/// `event` is NULL or an event of this library; `probe_location` NULL or a pointer from
/// this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_event_set_userspace_probe_location(
    event: *mut lttng_event,
    probe_location: *mut lttng_userspace_probe_location,
) -> c_int {
    ffi_boundary!({
        let event = arg_ref!(event);
        let location = node!(probe_location);
        let ext = extended_of(event).cast_mut();
        if ext.is_null() {
            return OnBadArg::on_bad_arg();
        }
        // SAFETY: the export's contract: a set extended pointer of an event of this library
        // is readable.
        let previous = unsafe { (*ext).probe_location }.cast::<lttng_userspace_probe_location>();
        if previous == probe_location {
            return 0;
        }
        // The event takes over the caller's reference, if it owns one; the event's own is
        // counted as C's, given back by lttng_event_destroy or the next call.
        release_c(probe_location);
        release_c(previous);
        // SAFETY: the export's contract: a set extended pointer of an event of this library
        // is writable.
        unsafe { (*ext).probe_location = location.into_c().cast() };
        0
    })
}
