//! The exports with NULL and edge-case arguments, called from Rust so that Miri can run
//! them (`cargo +nightly miri test --test ffi_edge_args`): every call here is refused, or
//! answered, before any socket is opened (Miri has no sockets). tests/null_args.rs drives
//! the full list from C, against no daemon.
//!
//! Miri checks what the C test cannot see: the exports' unsafe code (C strings, fixed
//! arrays, unions, malloc'd results, Box'd objects) on these paths, for undefined behaviour
//! and leaks.

use std::ffi::{CStr, CString, c_char};
use std::ptr::{null, null_mut};

use lttng_ctl::ffi::channel::*;
use lttng_ctl::ffi::event::*;
use lttng_ctl::ffi::lttng::*;
use lttng_ctl::ffi::rs::lttng_rs_version;
use lttng_ctl::ffi::session::*;
use lttng_ctl::ffi::types::{lttng_domain, lttng_event, lttng_session, lttng_uri, lttng_uri_raw};
use lttng_ctl::ffi::uri::*;

const INVALID: i32 = -97;

fn c(s: &str) -> CString {
    CString::new(s).unwrap()
}

fn long_name() -> CString {
    CString::new("x".repeat(599)).unwrap()
}

/// A zeroed C struct.
fn zeroed<T: Copy>() -> T {
    // SAFETY: only used for the repr(C) structs of lttng/*.h, made of integers, arrays and
    // pointers (and enums whose 0 is a valid value); all-zero bytes are valid for them.
    unsafe { std::mem::zeroed() }
}

#[test]
fn strerror_and_version() {
    let step = if cfg!(miri) { 7 } else { 1 };
    for code in (-200..=200)
        .step_by(step)
        .chain([i32::MIN, i32::MIN + 1, i32::MAX])
    {
        // SAFETY: any code is accepted.
        let p = unsafe { lttng_strerror(code) };
        if !p.is_null() {
            // SAFETY: a static NUL-terminated string.
            assert!(!unsafe { CStr::from_ptr(p) }.to_bytes().is_empty());
        }
    }
    // SAFETY: no arguments; a static string.
    let v = unsafe { CStr::from_ptr(lttng_rs_version()) };
    assert!(v.to_str().unwrap().starts_with("2.13.9-lttng-ctl-rs-"));
}

#[test]
fn session_calls_refuse_null_and_malformed_names() {
    let long = long_name();
    // SAFETY: every call below passes NULL or C strings, as the exports accept.
    unsafe {
        assert_eq!(lttng_set_tracing_group(null()), INVALID);
        assert_eq!(lttng_start_tracing(null()), INVALID);
        assert_eq!(lttng_start_tracing(long.as_ptr()), INVALID);
        assert_eq!(lttng_stop_tracing(null()), INVALID);
        assert_eq!(lttng_stop_tracing_no_wait(null()), INVALID);
        assert_eq!(lttng_data_pending(null()), INVALID);
        assert_eq!(lttng_create_session(null(), null()), INVALID);
        assert_eq!(lttng_create_session(long.as_ptr(), null()), INVALID);
        assert_eq!(
            lttng_create_session(c("s").as_ptr(), c("").as_ptr()),
            INVALID
        );
        let rel = c("relative/path");
        assert_eq!(lttng_create_session(c("s").as_ptr(), rel.as_ptr()), INVALID);
        assert_eq!(lttng_create_session_snapshot(null(), null()), INVALID);
        assert_eq!(lttng_create_session_live(null(), null(), 1), INVALID);
        assert_eq!(
            lttng_create_session_live(c("s").as_ptr(), null(), 0),
            INVALID
        );
        assert_eq!(lttng_destroy_session(null()), INVALID);
        assert_eq!(lttng_destroy_session(long.as_ptr()), INVALID);
        assert_eq!(lttng_destroy_session_no_wait(null()), INVALID);
        assert_eq!(lttng_list_sessions(null_mut()), INVALID);
        let mut t = 0u64;
        assert_eq!(
            lttng_session_get_creation_time(null(), &mut t).0,
            INVALID.abs()
        );
        // A session record whose extended pointer is NULL (not from lttng_list_sessions).
        let s: lttng_session = zeroed();
        assert_ne!(lttng_session_get_creation_time(&s, &mut t).0, 0);
    }
}

#[test]
fn handles_channels_and_events() {
    let long = long_name();
    let mut ust: lttng_domain = zeroed();
    ust.r#type = 2; // LTTNG_DOMAIN_UST
    ust.buf_type = 1; // LTTNG_BUFFER_PER_UID
    // SAFETY: every call below passes NULL, C strings, or objects created right here.
    unsafe {
        lttng_destroy_handle(null_mut());
        assert!(lttng_create_handle(long.as_ptr(), &mut ust).is_null());
        let h = lttng_create_handle(c("s").as_ptr(), &mut ust);
        assert!(!h.is_null());
        assert_eq!((*h).domain.r#type, 2);
        let mut bad_handle = *h;
        bad_handle.session_name.fill(b'y' as c_char);

        let mut chans = null_mut();
        assert_eq!(lttng_list_channels(null_mut(), &mut chans), INVALID);
        assert_eq!(lttng_list_channels(h, null_mut()), INVALID);
        assert_eq!(lttng_disable_channel(null_mut(), c("c").as_ptr()), INVALID);
        assert_eq!(lttng_disable_channel(h, null()), INVALID);
        assert_eq!(lttng_disable_channel(h, long.as_ptr()), INVALID);
        lttng_channel_set_default_attr(null_mut(), null_mut());
        lttng_channel_set_default_attr(&mut ust, null_mut());
        assert!(lttng_channel_create(null_mut()).is_null());
        lttng_channel_destroy(null_mut());
        let mut u = 0u64;
        let mut i = 0i64;
        assert_eq!(
            lttng_channel_get_discarded_event_count(null_mut(), &mut u),
            INVALID
        );
        assert_eq!(
            lttng_channel_get_lost_packet_count(null_mut(), &mut u),
            INVALID
        );
        assert_eq!(
            lttng_channel_set_monitor_timer_interval(null_mut(), 1),
            INVALID
        );
        assert_eq!(lttng_channel_set_blocking_timeout(null_mut(), 1), INVALID);
        let created = lttng_channel_create(&mut ust);
        assert!(!created.is_null());
        assert_eq!(lttng_channel_set_blocking_timeout(created, -2), INVALID);
        assert_eq!(
            lttng_channel_set_blocking_timeout(created, 2_147_483_648_000),
            INVALID
        );
        assert_eq!(
            lttng_channel_set_blocking_timeout(created, 2_147_483_647_999),
            0
        );
        assert_eq!(lttng_channel_get_blocking_timeout(created, &mut i), 0);
        assert_eq!(i, 2_147_483_647_999);
        assert_eq!(lttng_channel_set_monitor_timer_interval(created, 5), 0);
        assert_eq!(lttng_channel_get_monitor_timer_interval(created, &mut u), 0);
        assert_eq!(u, 5);
        lttng_channel_destroy(created);

        let mut evp = null_mut();
        assert_eq!(
            lttng_list_events(null_mut(), c("c").as_ptr(), &mut evp),
            INVALID
        );
        assert_eq!(lttng_list_events(h, null(), &mut evp), INVALID);
        assert_eq!(lttng_list_events(h, long.as_ptr(), &mut evp), INVALID);
        let mut ev: lttng_event = zeroed();
        assert_eq!(lttng_enable_event(null_mut(), &mut ev, null()), INVALID);
        assert_eq!(lttng_enable_event(h, null_mut(), null()), INVALID);
        assert_eq!(
            lttng_enable_event(&mut bad_handle, &mut ev, null()),
            INVALID
        );
        assert_eq!(lttng_enable_event(h, &mut ev, long.as_ptr()), INVALID);
        let empty = c("");
        assert_eq!(
            lttng_enable_event_with_filter(h, &mut ev, null(), empty.as_ptr()),
            INVALID
        );
        ev.name.fill(b'e' as c_char); // unterminated
        assert_eq!(lttng_enable_event(h, &mut ev, null()), INVALID);
        let mut ev: lttng_event = zeroed();
        assert_eq!(
            lttng_enable_event_with_exclusions(h, &mut ev, null(), null(), 2, null_mut()),
            INVALID
        );
        assert_eq!(
            lttng_enable_event_with_exclusions(h, &mut ev, null(), null(), -1, null_mut()),
            INVALID
        );
        let mut bad_list = [null_mut::<c_char>()];
        assert_eq!(
            lttng_enable_event_with_exclusions(
                h,
                &mut ev,
                null(),
                null(),
                1,
                bad_list.as_mut_ptr()
            ),
            INVALID
        );
        let mut long_list = [long.as_ptr().cast_mut()];
        assert_eq!(
            lttng_enable_event_with_exclusions(
                h,
                &mut ev,
                null(),
                null(),
                1,
                long_list.as_mut_ptr()
            ),
            INVALID
        );
        assert_eq!(
            lttng_disable_event(null_mut(), c("e").as_ptr(), null()),
            INVALID
        );
        assert_eq!(lttng_disable_event(h, long.as_ptr(), null()), INVALID);
        assert_eq!(
            lttng_disable_event_ext(null_mut(), &mut ev, null(), null()),
            INVALID
        );
        assert_eq!(
            lttng_disable_event_ext(h, null_mut(), null(), null()),
            INVALID
        );
        let mut s: *const c_char = null();
        assert_eq!(
            lttng_event_get_filter_expression(null_mut(), &mut s),
            INVALID
        );
        assert_eq!(
            lttng_event_get_filter_expression(&mut ev, null_mut()),
            INVALID
        );
        assert_eq!(lttng_event_get_exclusion_name_count(null_mut()), INVALID);
        assert_eq!(
            lttng_event_get_exclusion_name(null_mut(), 0, &mut s),
            INVALID
        );
        let created = lttng_event_create();
        assert!(!created.is_null());
        assert_eq!(lttng_event_get_exclusion_name(created, 0, &mut s), INVALID);
        assert_eq!(
            lttng_event_get_exclusion_name(created, 0, null_mut()),
            INVALID
        );
        assert_eq!(lttng_event_get_exclusion_name_count(created), 0);
        lttng_event_destroy(created);
        lttng_event_destroy(null_mut());

        assert_eq!(lttng_enable_consumer(null_mut()), INVALID);
        assert_eq!(lttng_disable_consumer(null_mut()), INVALID);
        lttng_destroy_handle(h);
    }
}

#[test]
fn uri_parse_and_set_consumer_uri_edges() {
    let mut uris: *mut lttng_uri = null_mut();
    // SAFETY: every call below passes NULL, C strings, and the array lttng_uri_parse returned.
    unsafe {
        assert_eq!(lttng_uri_parse(null(), &mut uris), INVALID);
        let text = c("net://127.0.0.1:1:2/sub");
        assert_eq!(lttng_uri_parse(text.as_ptr(), null_mut()), INVALID);
        for bad in [
            "",
            "net://[::1",
            "relative",
            "tcp://1.2.3.4:0",
            "file://rel",
        ] {
            assert_eq!(
                lttng_uri_parse(c(bad).as_ptr(), &mut uris),
                INVALID,
                "{bad}"
            );
        }
        assert!(uris.is_null());
        lttng_uri_free(null_mut());
        assert_eq!(lttng_uri_parse(text.as_ptr(), &mut uris), 2);
        let (ctrl, data) = (&*uris, &*uris.add(1));
        assert_eq!((ctrl.port, data.port), (1, 2));
        assert_eq!(CStr::from_ptr(ctrl.subdir.as_ptr()).to_bytes(), b"sub");
        assert_eq!(
            CStr::from_ptr(ctrl.dst.ipv4.as_ptr()).to_bytes(),
            b"127.0.0.1"
        );
        // Hops come first, as LTTNG_URI_HOP.
        let hops = c("tcp6://[::1]:80/x,tcp://10.0.0.1");
        let mut list: *mut lttng_uri = null_mut();
        assert_eq!(lttng_uri_parse(hops.as_ptr(), &mut list), 2);
        assert_eq!((*list).utype as u32, 0);
        assert_eq!((*list.add(1)).utype as u32, 1);
        lttng_uri_free(list);
        let path = c("/tmp/trace");
        let mut local: *mut lttng_uri = null_mut();
        assert_eq!(lttng_uri_parse(path.as_ptr(), &mut local), 1);
        assert_eq!(
            CStr::from_ptr((*local).dst.path.as_ptr()).to_bytes(),
            b"/tmp/trace"
        );
        lttng_uri_free(local);

        // lttng_set_consumer_uri refuses before sending anything.
        let h = lttng_create_handle(c("s").as_ptr(), null_mut());
        assert_eq!(lttng_set_consumer_uri(null_mut(), uris), INVALID);
        assert_eq!(lttng_set_consumer_uri(h, null()), INVALID);
        let mut raw: lttng_uri_raw = *uris.cast::<lttng_uri_raw>();
        raw.dtype = 9; // not an enum value
        assert_eq!(
            lttng_set_consumer_uri(h, (&raw as *const lttng_uri_raw).cast()),
            INVALID
        );
        let mut raw: lttng_uri_raw = *uris.cast::<lttng_uri_raw>();
        raw.subdir.fill(b'a' as c_char); // unterminated
        assert_eq!(
            lttng_set_consumer_uri(h, (&raw as *const lttng_uri_raw).cast()),
            INVALID
        );
        let mut raw: lttng_uri_raw = *uris.cast::<lttng_uri_raw>();
        raw.proto = 0; // UDP on the control path
        assert_eq!(
            lttng_set_consumer_uri(h, (&raw as *const lttng_uri_raw).cast()),
            INVALID
        );
        let mut raw: lttng_uri_raw = *uris.cast::<lttng_uri_raw>();
        let up = b"../up\0";
        for (d, s) in raw.subdir.iter_mut().zip(up) {
            *d = *s as c_char;
        }
        assert_eq!(
            lttng_set_consumer_uri(h, (&raw as *const lttng_uri_raw).cast()),
            INVALID
        );
        lttng_destroy_handle(h);
        lttng_uri_free(uris);
    }
}
