//! Exports of `lttng/channel.h` and `lttng/domain.h`.

use std::ffi::{c_char, c_int};

use crate::client;
use crate::ffi::alloc::{calloc_array, calloc_bytes, free};
use crate::ffi::boundary::{
    BadArg, OnBadArg, arg_mut, arg_ref, arg_str, ffi_boundary, out_arg, try_arg,
};
use crate::ffi::convert::{
    channel_from_c, channel_to_c, domain_from_c, domain_to_c, handle_from_c,
};
use crate::ffi::lttng::rc;
use crate::ffi::types::{
    lttng_channel, lttng_channel_attr, lttng_channel_extended, lttng_domain, lttng_handle,
};
use crate::model::channel::{DEFAULT_MONITOR_TIMER_US, default_attr};
use crate::model::domain::{BufferType, DOMAIN_SIZE, DomainType};
use crate::model::error::ErrorCode;

/// Lists the domains of a session. On success stores a `malloc`'d array in `*domains` (NULL
/// when empty) and returns its length; the caller releases it with `free()`.
///
/// # Safety
/// `session_name` is a C string or NULL; `domains` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_list_domains(
    session_name: *const c_char,
    domains: *mut *mut lttng_domain,
) -> c_int {
    ffi_boundary!({
        let name = arg_str!(session_name);
        let out = out_arg!(domains);
        let list = match client::list_domains(name) {
            Ok(l) => l,
            Err(e) => return e.api_value(),
        };
        let block: *mut lttng_domain = if list.is_empty() {
            std::ptr::null_mut()
        } else {
            let b = calloc_bytes(list.len() * DOMAIN_SIZE).cast::<lttng_domain>();
            if b.is_null() {
                return -(ErrorCode::Nomem as c_int);
            }
            for (i, d) in list.iter().enumerate() {
                // SAFETY: the block holds list.len() zeroed domains (calloc; all zero is a
                // valid domain) and i < list.len().
                domain_to_c(d, unsafe { &mut *b.add(i) });
            }
            b
        };
        out.write(block);
        list.len() as c_int
    })
}

/// Lists the channels of the handle's session and domain. On success stores one `malloc`'d
/// block in `*channels` (NULL when empty) and returns the count: the channels, followed by
/// their extended attributes (each `attr.extended.ptr` points there). One `free()` releases
/// it all; do not call `lttng_channel_destroy` on its elements.
///
/// # Safety
/// `handle` and `channels` are valid pointers or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_list_channels(
    handle: *mut lttng_handle,
    channels: *mut *mut lttng_channel,
) -> c_int {
    ffi_boundary!({
        let handle = arg_ref!(handle);
        let out = out_arg!(channels);
        let h = try_arg!(handle_from_c(handle));
        let list = match client::list_channels(&h) {
            Ok(l) => l,
            Err(e) => return e.api_value(),
        };
        let n = list.len();
        let block: *mut lttng_channel = if n == 0 {
            std::ptr::null_mut()
        } else {
            let chan_len = n * size_of::<lttng_channel>();
            let b = calloc_bytes(chan_len + n * size_of::<lttng_channel_extended>());
            if b.is_null() {
                return -(ErrorCode::Nomem as c_int);
            }
            for (i, c) in list.iter().enumerate() {
                // SAFETY: the block holds n zeroed channels (calloc alignment suits them)
                // followed by n packed extended structs; i < n.
                unsafe {
                    let ext = b.add(chan_len + i * size_of::<lttng_channel_extended>());
                    channel_to_c(c, &mut *b.cast::<lttng_channel>().add(i), ext.cast());
                }
            }
            b.cast()
        };
        out.write(block);
        n as c_int
    })
}

fn online_cpus() -> Option<u64> {
    // SAFETY: sysconf has no preconditions.
    let n = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
    (n > 0).then_some(n as u64)
}

fn available_memory() -> Option<u64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|kb| kb.parse::<u64>().ok())
            .map(|kb| kb * 1024)
    };
    field("MemAvailable:").or_else(|| field("MemTotal:"))
}

/// The library's pre-flight check: the channel's buffers on every CPU must fit in memory.
fn check_memory(subbuf_size: u64, num_subbuf: u64) -> Result<(), c_int> {
    let overflow = -(ErrorCode::Overflow as c_int);
    let per_cpu = subbuf_size.checked_mul(num_subbuf).ok_or(overflow)?;
    let cpus = online_cpus().ok_or(-(ErrorCode::Fatal as c_int))?;
    let total = per_cpu.checked_mul(cpus).ok_or(overflow)?;
    let available = available_memory().ok_or(-(ErrorCode::Nomem as c_int))?;
    if total > available {
        return Err(-(ErrorCode::Nomem as c_int));
    }
    Ok(())
}

/// Creates (or re-enables) a channel in the handle's session and domain. Without extended
/// attributes (`attr.extended.ptr` NULL), the domain's defaults are used for them.
/// First checks that the buffers fit in available memory (-LTTNG_ERR_NOMEM, or
/// -LTTNG_ERR_OVERFLOW), as the real library. 0 or a negative LTTng code.
///
/// # Safety
/// `handle` and `chan` are valid pointers or NULL; `chan->attr.extended.ptr` is NULL or
/// points at extended attributes (as set by `lttng_channel_create`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_enable_channel(
    handle: *mut lttng_handle,
    chan: *mut lttng_channel,
) -> c_int {
    ffi_boundary!({
        let (handle, chan) = (arg_ref!(handle), arg_ref!(chan));
        if let Err(code) = check_memory(chan.attr.subbuf_size, chan.attr.num_subbuf) {
            return code;
        }
        let h = handle_from_c(handle);
        // SAFETY: the export's contract: `attr.extended.ptr` is NULL or readable.
        let c = unsafe { channel_from_c(chan) };
        let (Ok(h), Ok((mut c, had_extended))) = (h, c) else {
            return OnBadArg::on_bad_arg();
        };
        if !had_extended {
            let monitored = matches!(
                h.domain.domain_type(),
                Some(DomainType::Kernel | DomainType::Ust)
            );
            c.extended.monitor_timer_interval = if monitored {
                DEFAULT_MONITOR_TIMER_US
            } else {
                0
            };
        }
        rc(client::enable_channel(&h, &c))
    })
}

/// Disables the named channel of the handle's session and domain.
///
/// # Safety
/// `handle` is a valid pointer or NULL; `name` a C string or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_disable_channel(
    handle: *mut lttng_handle,
    name: *const c_char,
) -> c_int {
    ffi_boundary!({
        let h = try_arg!(handle_from_c(arg_ref!(handle)));
        rc(client::disable_channel(&h, arg_str!(name)))
    })
}

/// Fills `attr` with the library's defaults for `domain` (its extended attributes too, when
/// `attr->extended.ptr` is set). Does nothing when either argument is NULL.
///
/// # Safety
/// `domain` and `attr` are valid pointers or NULL; `attr->extended.ptr` is NULL or points at
/// extended attributes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_channel_set_default_attr(
    domain: *mut lttng_domain,
    attr: *mut lttng_channel_attr,
) {
    ffi_boundary!({
        let d = domain_from_c(arg_ref!(domain));
        let attr = arg_mut!(attr);
        // SAFETY: reading the pointer member of initialized C memory.
        let ext = unsafe { attr.extended.ptr }.cast::<lttng_channel_extended>();
        let kind = d.domain_type();
        let defaults = kind.and_then(|k| default_attr(k, d.buf_type));
        // SAFETY: lttng_channel_attr is plain data; all-zero is valid.
        *attr = unsafe { std::mem::zeroed() };
        attr.overwrite = -1;
        if let Some(v) = defaults {
            attr.subbuf_size = v.subbuf_size.max(page_size());
            attr.num_subbuf = v.num_subbuf;
            attr.switch_timer_interval = v.switch_timer_interval;
            attr.read_timer_interval = v.read_timer_interval;
            attr.output = v.output;
        }
        if !ext.is_null() {
            let monitor = if defaults.is_some() {
                DEFAULT_MONITOR_TIMER_US
            } else {
                0
            };
            let e = lttng_channel_extended {
                monitor_timer_interval: monitor,
                ..Default::default()
            };
            // SAFETY: a non-NULL extended pointer targets writable extended attributes.
            unsafe { std::ptr::write_unaligned(ext, e) };
        }
        attr.extended.ptr = ext.cast();
    })
}

fn page_size() -> u64 {
    // SAFETY: sysconf has no preconditions.
    let p = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if p > 0 { p as u64 } else { 4096 }
}

/// Allocates a channel with the defaults of `domain`, and its extended attributes. NULL for
/// a NULL domain, an agent domain, or a buffer type the domain does not support (UST:
/// per-UID or per-PID; kernel: global). Release with `lttng_channel_destroy`.
///
/// # Safety
/// `domain` is a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_channel_create(domain: *mut lttng_domain) -> *mut lttng_channel {
    ffi_boundary!({
        let d = domain_from_c(arg_ref!(domain));
        let supported = match d.domain_type() {
            Some(DomainType::Ust) => {
                d.buf_type == BufferType::PerUid as i32 || d.buf_type == BufferType::PerPid as i32
            }
            Some(DomainType::Kernel) => d.buf_type == BufferType::Global as i32,
            _ => false,
        };
        if !supported {
            return std::ptr::null_mut();
        }
        let chan = calloc_array::<lttng_channel>(1);
        let ext = calloc_array::<lttng_channel_extended>(1);
        if chan.is_null() || ext.is_null() {
            // SAFETY: both came from calloc (or are NULL).
            unsafe {
                free(chan);
                free(ext);
            }
            return std::ptr::null_mut();
        }
        // SAFETY: `chan` is a fresh zeroed channel; its attr gets the extended pointer, then
        // the defaults (domain is valid by contract).
        unsafe {
            (*chan).attr.extended.ptr = ext.cast();
            lttng_channel_set_default_attr(domain, std::ptr::addr_of_mut!((*chan).attr));
        }
        chan
    })
}

/// Releases a channel from `lttng_channel_create` and its extended attributes (NULL is fine).
///
/// # Safety
/// `channel` is NULL or a channel from `lttng_channel_create` not yet destroyed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_channel_destroy(channel: *mut lttng_channel) {
    ffi_boundary!({
        let ext = extended_of(arg_ref!(channel));
        // SAFETY: by contract both the channel and its extended attributes came from calloc.
        unsafe {
            free(ext);
            free(channel);
        }
    })
}

/// The extended attributes of a channel, or NULL.
fn extended_of(chan: &lttng_channel) -> *mut lttng_channel_extended {
    // SAFETY: both members of the union are 8 bytes of plain data.
    unsafe { chan.attr.extended.ptr.cast() }
}

/// One extended field of a channel; `missing_ok`: a channel without extended attributes
/// reads 0 (else it is refused).
///
/// # Safety
/// The channel's extended pointer is NULL or readable (the exports' contract).
unsafe fn get_extended<T: Default>(
    chan: &lttng_channel,
    missing_ok: bool,
    field: impl Fn(&lttng_channel_extended) -> T,
) -> Result<T, BadArg> {
    let ext = extended_of(chan);
    if ext.is_null() {
        return if missing_ok {
            Ok(T::default())
        } else {
            Err(BadArg)
        };
    }
    // SAFETY: non-NULL and readable by this function's contract; packed, so unaligned.
    Ok(field(&unsafe { std::ptr::read_unaligned(ext) }))
}

/// The body of a getter of the extended attributes: 0, or -LTTNG_ERR_INVALID for NULL
/// arguments (and, where `missing_ok` is false, for a channel without extended attributes).
macro_rules! extended_field {
    ($chan:expr, $out:expr, $missing_ok:expr, $field:ident) => {{
        let chan = arg_ref!($chan);
        let out = out_arg!($out);
        // SAFETY: the export's contract: the extended pointer is NULL or readable.
        out.write(try_arg!(unsafe {
            get_extended(chan, $missing_ok, |e| e.$field)
        }));
        0
    }};
}

/// Reads the discarded-event count of a listed channel (0 when not available).
/// 0, or -LTTNG_ERR_INVALID for NULL arguments.
///
/// # Safety
/// `chan` and `discarded_events` are valid pointers or NULL; the channel's `attr.extended.ptr` is
/// NULL or readable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_channel_get_discarded_event_count(
    chan: *mut lttng_channel,
    discarded_events: *mut u64,
) -> c_int {
    ffi_boundary!({ extended_field!(chan, discarded_events, true, discarded_events) })
}

/// Reads the lost-packet count of a listed channel (0 when not available).
///
/// # Safety
/// `chan` and `lost_packets` are valid pointers or NULL; the channel's `attr.extended.ptr` is
/// NULL or readable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_channel_get_lost_packet_count(
    chan: *mut lttng_channel,
    lost_packets: *mut u64,
) -> c_int {
    ffi_boundary!({ extended_field!(chan, lost_packets, true, lost_packets) })
}

/// Reads the monitor timer interval (µs). -LTTNG_ERR_INVALID without extended attributes.
///
/// # Safety
/// `chan` and `monitor_timer_interval` are valid pointers or NULL; the channel's `attr.extended.ptr` is
/// NULL or readable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_channel_get_monitor_timer_interval(
    chan: *mut lttng_channel,
    monitor_timer_interval: *mut u64,
) -> c_int {
    ffi_boundary!({ extended_field!(chan, monitor_timer_interval, false, monitor_timer_interval) })
}

/// Reads the blocking timeout (µs; -1 forever). -LTTNG_ERR_INVALID without extended
/// attributes.
///
/// # Safety
/// `chan` and `blocking_timeout` are valid pointers or NULL; the channel's `attr.extended.ptr` is
/// NULL or readable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_channel_get_blocking_timeout(
    chan: *mut lttng_channel,
    blocking_timeout: *mut i64,
) -> c_int {
    ffi_boundary!({ extended_field!(chan, blocking_timeout, false, blocking_timeout) })
}

/// Updates one extended field of a channel that has extended attributes.
///
/// # Safety
/// The channel's extended pointer is NULL or writable (the exports' contract).
unsafe fn set_extended(chan: &lttng_channel, apply: impl Fn(&mut lttng_channel_extended)) -> c_int {
    let ext = extended_of(chan);
    if ext.is_null() {
        return OnBadArg::on_bad_arg();
    }
    // SAFETY: non-NULL extended pointer, read-modify-write, unaligned (packed struct).
    unsafe {
        let mut e = std::ptr::read_unaligned(ext);
        apply(&mut e);
        std::ptr::write_unaligned(ext, e);
    }
    0
}

/// Sets the monitor timer interval (µs). -LTTNG_ERR_INVALID without extended attributes.
///
/// # Safety
/// `chan` is a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_channel_set_monitor_timer_interval(
    chan: *mut lttng_channel,
    monitor_timer_interval: u64,
) -> c_int {
    ffi_boundary!({
        let chan = arg_ref!(chan);
        // SAFETY: the export's contract: the extended pointer is NULL or writable.
        unsafe { set_extended(chan, |e| e.monitor_timer_interval = monitor_timer_interval) }
    })
}

/// Sets the blocking timeout (µs; -1 forever, 0 never block; at most 2147483647999).
///
/// # Safety
/// `chan` is a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_channel_set_blocking_timeout(
    chan: *mut lttng_channel,
    blocking_timeout: i64,
) -> c_int {
    ffi_boundary!({
        let too_large = blocking_timeout / 1000 > i64::from(i32::MAX);
        let chan = arg_ref!(chan);
        if (blocking_timeout < 0 && blocking_timeout != -1) || too_large {
            return OnBadArg::on_bad_arg();
        }
        // SAFETY: the export's contract: the extended pointer is NULL or writable.
        unsafe { set_extended(chan, |e| e.blocking_timeout = blocking_timeout) }
    })
}
