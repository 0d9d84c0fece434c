//! The network-consumer design's C API: `struct lttng_uri`, the URI parser, and the
//! consumer commands. Declared by this library's own header (`include/lttng-ctl-rs.h`),
//! meant to be included after `<lttng/lttng.h>`.

use std::ffi::{c_char, c_int};

use crate::client;
use crate::ffi::alloc::{calloc_array, free};
use crate::ffi::boundary::{
    BadArg, OnBadArg, arg_ref, arg_str, ffi_boundary, fixed_str, out_arg, try_arg, write_fixed,
};
use crate::ffi::convert::handle_from_c;
use crate::ffi::lttng::rc;
use crate::ffi::types::{
    INET_ADDRSTRLEN, INET6_ADDRSTRLEN, lttng_dst_type, lttng_handle, lttng_proto_type,
    lttng_stream_type, lttng_uri, lttng_uri_raw, lttng_uri_type,
};
use crate::model::error::ErrorCode;
use crate::model::uri::{DstType, Protocol, StreamType, Uri, UriKind, parse_consumer_uri};

/// Reads a C `lttng_uri`, checking enum values and string terminators first.
fn uri_from_c(uri: &lttng_uri) -> Result<Uri, BadArg> {
    // SAFETY: lttng_uri_raw has the layout of lttng_uri (tests/layout.rs) with plain integers
    // in place of the enums, so any bytes a C caller stored are valid to read through it.
    let raw = unsafe { &*(uri as *const lttng_uri).cast::<lttng_uri_raw>() };
    let dtype = match raw.dtype {
        0 => DstType::Ipv4,
        1 => DstType::Ipv6,
        2 => DstType::Host,
        3 => DstType::Path,
        _ => return Err(BadArg),
    };
    let kind = match raw.utype {
        0 => UriKind::Hop,
        1 => UriKind::Destination,
        _ => return Err(BadArg),
    };
    let stream = match raw.stype {
        0 => StreamType::Control,
        1 => StreamType::Data,
        _ => return Err(BadArg),
    };
    let proto = match raw.proto {
        0 => Protocol::Udp,
        1 => Protocol::Tcp,
        _ => return Err(BadArg),
    };
    let dst_capacity = match dtype {
        DstType::Ipv4 => INET_ADDRSTRLEN,
        DstType::Ipv6 => INET6_ADDRSTRLEN,
        DstType::Host | DstType::Path => raw.dst.len(),
    };
    Ok(Uri {
        dtype,
        kind,
        stream,
        proto,
        port: raw.port,
        subdir: fixed_str(&raw.subdir)?.to_owned(),
        dst: fixed_str(&raw.dst[..dst_capacity])?.to_owned(),
    })
}

/// Writes a model URI into a zeroed C `lttng_uri`.
fn uri_to_c(src: &Uri, out: &mut lttng_uri) {
    out.dtype = match src.dtype {
        DstType::Ipv4 => lttng_dst_type::LTTNG_DST_IPV4,
        DstType::Ipv6 => lttng_dst_type::LTTNG_DST_IPV6,
        DstType::Host => lttng_dst_type::LTTNG_DST_HOST,
        DstType::Path => lttng_dst_type::LTTNG_DST_PATH,
    };
    out.utype = match src.kind {
        UriKind::Hop => lttng_uri_type::LTTNG_URI_HOP,
        UriKind::Destination => lttng_uri_type::LTTNG_URI_DST,
    };
    out.stype = match src.stream {
        StreamType::Control => lttng_stream_type::LTTNG_STREAM_CONTROL,
        StreamType::Data => lttng_stream_type::LTTNG_STREAM_DATA,
    };
    out.proto = match src.proto {
        Protocol::Udp => lttng_proto_type::LTTNG_UDP,
        Protocol::Tcp => lttng_proto_type::LTTNG_TCP,
    };
    out.port = src.port;
    write_fixed(&mut out.subdir, &src.subdir);
    // SAFETY: writing the largest member of a union of byte arrays.
    unsafe { write_fixed(&mut out.dst.path, &src.dst) };
}

/// Parses a consumer URI string: `net://HOST[:CTRL[:DATA]][/SUBDIR]`, `net6://`,
/// `tcp://HOST[:PORT][/SUBDIR]`, `tcp6://`, `udp://`, `udp6://`, `file:///PATH`, or a plain
/// absolute path; optionally preceded by hops (`HOP1,HOP2,URI`). IPv6 addresses go in
/// brackets; host names are resolved to numeric addresses.
///
/// On success stores a `malloc`'d array in `*uris` and returns its length: hops first (as
/// `LTTNG_URI_HOP`), then the destination: one URI, or two for `net://` (control, then data).
/// Ports not given are 0 (the stream's default). Release the array with `lttng_uri_free`
/// (or `free`). On error returns -LTTNG_ERR_INVALID and leaves `*uris` untouched.
///
/// # Safety
/// `str` is a C string or NULL; `uris` a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_uri_parse(str: *const c_char, uris: *mut *mut lttng_uri) -> c_int {
    ffi_boundary!({
        let out = out_arg!(uris);
        let Ok(list) = parse_consumer_uri(arg_str!(str), client::resolver()) else {
            return OnBadArg::on_bad_arg();
        };
        let array = calloc_array::<lttng_uri>(list.len());
        if array.is_null() {
            return -(ErrorCode::Nomem as c_int);
        }
        for (i, u) in list.iter().enumerate() {
            // SAFETY: `array` holds list.len() zeroed URIs; zero is a valid value of every
            // enum field.
            uri_to_c(u, unsafe { &mut *array.add(i) });
        }
        out.write(array);
        list.len() as c_int
    })
}

/// Releases an array from `lttng_uri_parse` (NULL is fine).
///
/// # Safety
/// `uris` is NULL or an array from `lttng_uri_parse` not yet released.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_uri_free(uris: *mut lttng_uri) {
    ffi_boundary!({
        // SAFETY: the export's contract: NULL or an array from lttng_uri_parse (calloc).
        unsafe { free(uris) }
    })
}

/// Sets one URI (control or data, by `uri->stype`) of the session's consumer template.
///
/// A `LTTNG_DST_HOST` name is resolved; port 0 means the stream's default (5342 control,
/// 5343 data). The URI is sent as the 2.13 command SET_CONSUMER_URI. Refused without
/// contacting the daemon: NULL arguments, unterminated strings, enum values out of range,
/// UDP on the control path, a relative path, a `..` component in the path or `subdir`, an
/// unresolvable host (-LTTNG_ERR_INVALID); hops (-LTTNG_ERR_NOT_SUPPORTED).
/// 0 or a negative LTTng code.
///
/// # Safety
/// `handle` and `uri` are valid pointers or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_set_consumer_uri(
    handle: *mut lttng_handle,
    uri: *const lttng_uri,
) -> c_int {
    ffi_boundary!({
        let (handle, uri) = (arg_ref!(handle), arg_ref!(uri));
        let (Ok(h), Ok(u)) = (handle_from_c(handle), uri_from_c(uri)) else {
            return OnBadArg::on_bad_arg();
        };
        rc(client::set_consumer_uri(&h, &u))
    })
}

/// Enables the session's consumer: both its control and data URIs must be set; the daemon
/// connects both paths and starts consuming. Sends the 2.13 command id 20.
///
/// The reference daemon (`lttng-ref-sessiond`) performs it. The real 2.13 session daemon
/// answers "Undefined command" and this returns -LTTNG_ERR_UND unchanged (the real 2.13
/// library returns -ENOSYS without asking).
///
/// # Safety
/// `handle` is a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_enable_consumer(handle: *mut lttng_handle) -> c_int {
    ffi_boundary!({
        rc(client::enable_consumer(&try_arg!(handle_from_c(arg_ref!(
            handle
        )))))
    })
}

/// Disables the session's consumer: consumption stops, the consumer stays (enable it again
/// to resume). Sends the 2.13 command id 19; see `lttng_enable_consumer` for what the real
/// daemon answers.
///
/// # Safety
/// `handle` is a valid pointer or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_disable_consumer(handle: *mut lttng_handle) -> c_int {
    ffi_boundary!({
        rc(client::disable_consumer(&try_arg!(handle_from_c(
            arg_ref!(handle)
        ))))
    })
}
