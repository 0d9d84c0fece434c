//! `#[repr(C)]` mirrors of the public structs of `/usr/include/lttng` (the ABI contract) and
//! of the design's `struct lttng_uri`, with compile-time layout checks. The layout test
//! (tests/layout.rs) compares them with what the C compiler says.

#![allow(non_camel_case_types, missing_docs)]

use std::ffi::c_char;
use std::mem::{offset_of, size_of};

use crate::ffi::boundary::c_status;

pub const LTTNG_NAME_MAX: usize = 255;
pub const LTTNG_SYMBOL_NAME_LEN: usize = 256;
pub use crate::client::PATH_MAX;

pub use crate::ffi::status::{lttng_error_code, lttng_session_descriptor_status};

impl From<crate::model::error::ErrorCode> for lttng_error_code {
    fn from(code: crate::model::error::ErrorCode) -> lttng_error_code {
        lttng_error_code(code as std::ffi::c_int)
    }
}

impl lttng_error_code {
    /// The code of a client error (positive).
    pub fn of(e: crate::client::Error) -> lttng_error_code {
        lttng_error_code(e.0)
    }
}

/// The destruction and clear handles' status enums (the same members).
macro_rules! handle_status {
    ($($(#[$meta:meta])* $name:ident;)*) => {$(
        c_status! {
            $(#[$meta])*
            $name {
                ERROR = -2,
                INVALID = -1,
                OK = 0,
                COMPLETED = 1,
                TIMEOUT = 2,
            }
            on_panic = ERROR, on_bad_arg = INVALID
        }
    )*};
}

handle_status! {
    /// `enum lttng_destruction_handle_status`.
    lttng_destruction_handle_status;
    /// `enum lttng_clear_handle_status`.
    lttng_clear_handle_status;
}

/// `enum lttng_rotation_state`.
pub type lttng_rotation_state = std::ffi::c_int;

/// Upstream's obsolete `struct lttng_calibrate`, only ever passed by pointer.
#[repr(C)]
pub struct lttng_calibrate {
    _private: [u8; 0],
}

#[repr(C)]
#[derive(Clone, Copy)]
pub union lttng_domain_attr {
    pub pid: i32,
    pub exec_name: [c_char; LTTNG_NAME_MAX],
    pub padding: [c_char; LTTNG_SYMBOL_NAME_LEN + 32],
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct lttng_domain {
    pub r#type: i32,
    pub buf_type: i32,
    pub padding: [c_char; 12],
    pub attr: lttng_domain_attr,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct lttng_handle {
    pub session_name: [c_char; LTTNG_NAME_MAX],
    pub domain: lttng_domain,
    pub padding: [c_char; 16],
}

#[repr(C)]
#[derive(Clone, Copy)]
pub union lttng_ptr_or_pad {
    pub padding: u64,
    pub ptr: *mut std::ffi::c_void,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct lttng_session {
    pub name: [c_char; LTTNG_NAME_MAX],
    pub path: [c_char; PATH_MAX],
    pub enabled: u32,
    pub snapshot_mode: u32,
    pub live_timer_interval: u32,
    pub alignment_padding: [c_char; 4],
    pub extended: lttng_ptr_or_pad,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct lttng_channel_attr {
    pub overwrite: i32,
    pub subbuf_size: u64,
    pub num_subbuf: u64,
    pub switch_timer_interval: u32,
    pub read_timer_interval: u32,
    pub output: i32,
    pub tracefile_size: u64,
    pub tracefile_count: u64,
    pub live_timer_interval: u32,
    pub align_to_64: u32,
    pub extended: lttng_ptr_or_pad,
    pub padding: [c_char; LTTNG_SYMBOL_NAME_LEN + 12],
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct lttng_channel {
    pub name: [c_char; LTTNG_SYMBOL_NAME_LEN],
    pub enabled: u32,
    pub attr: lttng_channel_attr,
    pub padding: [c_char; 16],
}

/// 2.13's `struct lttng_channel_extended` (packed; 32 bytes).
#[repr(C, packed)]
#[derive(Clone, Copy, Default)]
pub struct lttng_channel_extended {
    pub discarded_events: u64,
    pub lost_packets: u64,
    pub monitor_timer_interval: u64,
    pub blocking_timeout: i64,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct lttng_event_probe_attr {
    pub addr: u64,
    pub offset: u64,
    pub symbol_name: [c_char; LTTNG_SYMBOL_NAME_LEN],
    pub padding: [c_char; 16],
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct lttng_event_function_attr {
    pub symbol_name: [c_char; LTTNG_SYMBOL_NAME_LEN],
    pub padding: [c_char; 16],
}

#[repr(C)]
#[derive(Clone, Copy)]
pub union lttng_event_attr {
    pub probe: lttng_event_probe_attr,
    pub ftrace: lttng_event_function_attr,
    pub padding: [c_char; LTTNG_SYMBOL_NAME_LEN + 32],
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct lttng_event {
    pub r#type: i32,
    pub name: [c_char; LTTNG_SYMBOL_NAME_LEN],
    pub loglevel_type: i32,
    pub loglevel: i32,
    pub enabled: i32,
    pub pid: i32,
    pub filter: u8,
    pub exclusion: u8,
    pub padding2: [c_char; 2],
    pub flags: u32,
    pub padding: [c_char; 4],
    pub extended: lttng_ptr_or_pad,
    pub attr: lttng_event_attr,
}

/// 2.13's `struct lttng_event_extended` (what `lttng_event.extended.ptr` points at).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct lttng_event_extended {
    pub filter_expression: *mut c_char,
    pub exclusion_count: u32,
    pub exclusion_strings: *mut c_char,
    pub probe_location: *mut std::ffi::c_void,
}

/// `struct lttng_event_field` (`lttng_list_tracepoint_fields`).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct lttng_event_field {
    pub field_name: [c_char; LTTNG_SYMBOL_NAME_LEN],
    pub r#type: i32,
    pub padding: [c_char; LTTNG_SYMBOL_NAME_LEN + 32],
    pub event: lttng_event,
    pub nowrite: i32,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct lttng_event_perf_counter_ctx {
    pub r#type: u32,
    pub config: u64,
    pub name: [c_char; LTTNG_SYMBOL_NAME_LEN],
    pub padding: [c_char; 16],
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct lttng_event_app_ctx {
    pub provider_name: *mut c_char,
    pub ctx_name: *mut c_char,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub union lttng_event_context_u {
    pub perf_counter: lttng_event_perf_counter_ctx,
    pub app_ctx: lttng_event_app_ctx,
    pub padding: [c_char; LTTNG_SYMBOL_NAME_LEN + 32],
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct lttng_event_context {
    pub ctx: i32,
    pub padding: [c_char; 16],
    pub u: lttng_event_context_u,
}

// ---- The design's network-consumer URI (our addition to the C API) ----

/// `LTTNG_NETWORK_PADDING1_LEN`.
pub const LTTNG_NETWORK_PADDING1_LEN: usize = 32;
/// `LTTNG_NETWORK_PADDING2_LEN`.
pub const LTTNG_NETWORK_PADDING2_LEN: usize = 128;
/// `INET_ADDRSTRLEN`.
pub const INET_ADDRSTRLEN: usize = 16;
/// `INET6_ADDRSTRLEN`.
pub const INET6_ADDRSTRLEN: usize = 46;

/// Kind of destination of a consumer URI.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum lttng_dst_type {
    /// `dst.ipv4` holds a numeric IPv4 address.
    LTTNG_DST_IPV4,
    /// `dst.ipv6` holds a numeric IPv6 address.
    LTTNG_DST_IPV6,
    /// `dst.path` holds a host name, resolved when the URI is set.
    LTTNG_DST_HOST,
    /// `dst.path` holds an absolute local path.
    LTTNG_DST_PATH,
}

/// Hop or final destination.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum lttng_uri_type {
    /// A proxy on the way: parsed, not supported.
    LTTNG_URI_HOP,
    /// The final destination.
    LTTNG_URI_DST,
}

/// Which path of the consumer a URI sets.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum lttng_stream_type {
    /// Control path (TCP only).
    LTTNG_STREAM_CONTROL,
    /// Data path.
    LTTNG_STREAM_DATA,
}

/// Transport protocol; ignored for `LTTNG_DST_PATH`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum lttng_proto_type {
    /// UDP (data path only).
    LTTNG_UDP,
    /// TCP.
    LTTNG_TCP,
}

/// Destination of a consumer URI; the member in use follows `dtype` (`path` for both
/// `LTTNG_DST_HOST` and `LTTNG_DST_PATH`).
#[repr(C)]
#[derive(Clone, Copy)]
pub union lttng_uri_dst {
    /// Numeric IPv4 address, NUL-terminated.
    pub ipv4: [c_char; INET_ADDRSTRLEN],
    /// Numeric IPv6 address, NUL-terminated.
    pub ipv6: [c_char; INET6_ADDRSTRLEN],
    /// Host name or absolute path, NUL-terminated.
    pub path: [c_char; PATH_MAX],
    /// Reserved.
    pub padding: [c_char; LTTNG_NETWORK_PADDING2_LEN],
}

/// A consumer URI, as the network-consumer design declares it (8244 bytes on x86-64).
///
/// Fields read as C strings must be NUL-terminated within their arrays; enums must hold one
/// of their enumerators. Build one by hand (zero it first) or with `lttng_uri_parse`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct lttng_uri {
    /// Destination kind.
    pub dtype: lttng_dst_type,
    /// Hop or destination.
    pub utype: lttng_uri_type,
    /// Control or data path.
    pub stype: lttng_stream_type,
    /// Transport protocol.
    pub proto: lttng_proto_type,
    /// Port, host order; 0 means the default port of the stream (5342 control, 5343 data).
    pub port: u16,
    /// Reserved, zero.
    pub padding: [c_char; LTTNG_NETWORK_PADDING1_LEN],
    /// Sub-directory of the trace output, relative, NUL-terminated.
    pub subdir: [c_char; PATH_MAX],
    /// Destination.
    pub dst: lttng_uri_dst,
}

/// The raw form of `lttng_uri`, for reading what a C caller wrote without assuming its
/// enums hold valid values.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct lttng_uri_raw {
    pub dtype: u32,
    pub utype: u32,
    pub stype: u32,
    pub proto: u32,
    pub port: u16,
    pub padding: [c_char; LTTNG_NETWORK_PADDING1_LEN],
    pub subdir: [c_char; PATH_MAX],
    pub dst: [c_char; PATH_MAX],
}

const _: () = {
    assert!(size_of::<lttng_domain>() == 308);
    assert!(offset_of!(lttng_domain, attr) == 20);
    assert!(size_of::<lttng_handle>() == 580);
    assert!(offset_of!(lttng_handle, domain) == 256);
    assert!(offset_of!(lttng_handle, padding) == 564);
    assert!(size_of::<lttng_session>() == 4376);
    assert!(offset_of!(lttng_session, enabled) == 4352);
    assert!(offset_of!(lttng_session, extended) == 4368);
    assert!(size_of::<lttng_channel_attr>() == 344);
    assert!(offset_of!(lttng_channel_attr, extended) == 64);
    assert!(size_of::<lttng_channel>() == 624);
    assert!(offset_of!(lttng_channel, attr) == 264);
    assert!(size_of::<lttng_channel_extended>() == 32);
    assert!(size_of::<lttng_event>() == 584);
    assert!(offset_of!(lttng_event, flags) == 280);
    assert!(offset_of!(lttng_event, extended) == 288);
    assert!(offset_of!(lttng_event, attr) == 296);
    assert!(size_of::<lttng_event_extended>() == 32);
    assert!(size_of::<lttng_event_field>() == 1144);
    assert!(offset_of!(lttng_event_field, event) == 552);
    assert!(offset_of!(lttng_event_field, nowrite) == 1136);
    assert!(size_of::<lttng_event_context>() == 312);
    assert!(offset_of!(lttng_event_context, u) == 24);
    assert!(size_of::<lttng_event_perf_counter_ctx>() == 288);
    assert!(size_of::<lttng_uri>() == 8244);
    assert!(offset_of!(lttng_uri, port) == 16);
    assert!(offset_of!(lttng_uri, padding) == 18);
    assert!(offset_of!(lttng_uri, subdir) == 50);
    assert!(offset_of!(lttng_uri, dst) == 4146);
    assert!(size_of::<lttng_uri_raw>() == size_of::<lttng_uri>());
    assert!(offset_of!(lttng_uri_raw, dst) == offset_of!(lttng_uri, dst));
};
