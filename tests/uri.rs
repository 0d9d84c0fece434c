//! URI parsing: every case of lttng-tools 2.13's tests/unit/test_uri.c and of the protocol
//! fact sheet (same results as the real 2.13 parser), the design's additions (UDP, hops,
//! plain paths), every refusal, and the C entry points `lttng_uri_parse`/`lttng_uri_free`.

use std::ffi::{CStr, CString};

use lttng_ctl::ffi::types::{
    lttng_dst_type, lttng_proto_type, lttng_stream_type, lttng_uri, lttng_uri_type,
};
use lttng_ctl::ffi::uri::{lttng_uri_free, lttng_uri_parse};
use lttng_ctl::model::uri::*;

/// A resolver that knows a few names, so that tests never depend on DNS.
struct Hosts;

impl Resolve for Hosts {
    fn resolve(&self, host: &str, family: Family) -> Option<String> {
        match (host, family) {
            ("localhost", Family::V4) => Some("127.0.0.1".into()),
            ("localhost", Family::V6) => Some("::1".into()),
            ("relay.example", Family::V4) => Some("10.1.2.3".into()),
            _ => None,
        }
    }
}

fn parse(s: &str) -> Result<Vec<Uri>, UriError> {
    parse_uri(s, &Hosts)
}

/// (dtype, stream, port, subdir, dst) of each URI.
fn summary(uris: &[Uri]) -> Vec<(DstType, StreamType, u16, String, String)> {
    uris.iter()
        .map(|u| (u.dtype, u.stream, u.port, u.subdir.clone(), u.dst.clone()))
        .collect()
}

use DstType::*;
use StreamType::*;

fn s(
    dtype: DstType,
    stream: StreamType,
    port: u16,
    subdir: &str,
    dst: &str,
) -> (DstType, StreamType, u16, String, String) {
    (dtype, stream, port, subdir.into(), dst.into())
}

#[test]
fn upstream_test_uri_c_cases() {
    assert_eq!(
        summary(&parse("net://localhost").unwrap()),
        [
            s(Ipv4, Control, 0, "", "127.0.0.1"),
            s(Ipv4, Data, 0, "", "127.0.0.1")
        ]
    );
    assert_eq!(
        summary(&parse("net://localhost:8989:4242/my/test/path").unwrap()),
        [
            s(Ipv4, Control, 8989, "my/test/path", "127.0.0.1"),
            s(Ipv4, Data, 4242, "", "127.0.0.1")
        ]
    );
    assert_eq!(
        summary(&parse("net://localhost:8989:4242").unwrap()),
        [
            s(Ipv4, Control, 8989, "", "127.0.0.1"),
            s(Ipv4, Data, 4242, "", "127.0.0.1")
        ]
    );
    assert_eq!(
        summary(&parse("net6://[::1]:8989").unwrap()),
        [
            s(Ipv6, Control, 8989, "", "::1"),
            s(Ipv6, Data, 0, "", "::1")
        ]
    );
    assert_eq!(
        summary(&parse("tcp://42.42.42.42/my/test/path").unwrap()),
        [s(Ipv4, Control, 0, "my/test/path", "42.42.42.42")]
    );
    assert_eq!(
        summary(&parse("tcp6://[fe80::f66d:4ff:fe53:d220]/my/test/path").unwrap()),
        [s(
            Ipv6,
            Control,
            0,
            "my/test/path",
            "fe80::f66d:4ff:fe53:d220"
        )]
    );
    assert_eq!(
        summary(&parse("file:///my/test/path").unwrap()),
        [s(Path, Control, 0, "", "/my/test/path")]
    );
    assert!(parse("file/my/test/path").is_err());
    assert!(parse("net://:8999").is_err());
    // uri_compare cases: same string equal, different ports different.
    assert_eq!(
        parse("net://localhost").unwrap(),
        parse("net://localhost").unwrap()
    );
    assert_ne!(
        parse("net://localhost").unwrap(),
        parse("net://localhost:8989:4242").unwrap()
    );
}

#[test]
fn fact_sheet_parser_cases() {
    assert_eq!(parse("net://127.0.0.1:65535").unwrap()[0].port, 65535);
    for bad in [
        "net://127.0.0.1:0",
        "net://127.0.0.1:65536",
        "net://127.0.0.1:-5",
        "net://127.0.0.1:1:2:3",
        "tcp://h:1:2",
        "net6://::1",
        "net://[::1]",
        "tcp://[::1]",
        "tcp6://127.0.0.1",
        "net6://[]",
        "net6://[::1",
        "net6://[::1]x",
        "file://",
        "file://relative",
        "http://x",
        "/some/path",
        "relative",
        "net://127.0.0.1x",
        "net://256.1.1.1",
        "net://host.invalid",
        "net://:8999",
        "udp://1.2.3.4",
    ] {
        assert!(parse(bad).is_err(), "{bad} should be refused");
    }
    assert_eq!(parse("net://127.0.0.1:1234abc").unwrap()[0].port, 1234);
    assert_eq!(parse("net6://localhost").unwrap()[0].dst, "::1");
    let u = parse("tcp6://[::1]:99/x").unwrap();
    assert_eq!((u[0].port, u[0].subdir.as_str()), (99, "x"));
    assert_eq!(parse("net://127.0.0.1/a/b/").unwrap()[0].subdir, "a/b/");
    assert_eq!(parse("net://localhost/").unwrap()[0].subdir, "");
    assert_eq!(parse("file:///").unwrap()[0].dst, "/");
    assert_eq!(parse("NET6://[::1]::7000/a/b").unwrap()[1].port, 7000);
    assert_eq!(parse("net://localhost:5342:5342").unwrap().len(), 2);
    assert_eq!(parse("TCP://1.2.3.4").unwrap()[0].dst, "1.2.3.4");
    assert_eq!(parse("tcp4://relay.example").unwrap()[0].dst, "10.1.2.3");
}

#[test]
fn url_pairs_as_the_2_13_api() {
    let p = |c: Option<&str>, d: Option<&str>| parse_str_urls(c, d, &Hosts).map(|u| summary(&u));
    assert_eq!(
        p(Some("net://1.2.3.4"), None).unwrap(),
        [
            s(Ipv4, Control, 5342, "", "1.2.3.4"),
            s(Ipv4, Data, 5343, "", "1.2.3.4")
        ]
    );
    assert_eq!(
        p(Some("net://1.2.3.4:1:2/sub"), None).unwrap(),
        [
            s(Ipv4, Control, 1, "sub", "1.2.3.4"),
            s(Ipv4, Data, 2, "", "1.2.3.4")
        ]
    );
    assert_eq!(
        p(Some("NET6://[::1]::7000/a/b"), None).unwrap(),
        [
            s(Ipv6, Control, 5342, "a/b", "::1"),
            s(Ipv6, Data, 7000, "", "::1")
        ]
    );
    assert_eq!(
        p(
            Some("tcp://localhost:1000/c"),
            Some("tcp://127.0.0.1:2000/d")
        )
        .unwrap(),
        [
            s(Ipv4, Control, 1000, "c", "127.0.0.1"),
            s(Ipv4, Data, 2000, "d", "127.0.0.1")
        ]
    );
    assert_eq!(
        p(Some("tcp://1.2.3.4"), Some("tcp://1.2.3.4"))
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        p(None, Some("tcp4://10.1.2.3")).unwrap(),
        [s(Ipv4, Data, 5343, "", "10.1.2.3")]
    );
    assert_eq!(
        p(Some("/abs/path"), None).unwrap(),
        [s(Path, Control, 0, "", "/abs/path")]
    );
    assert_eq!(
        p(Some("file:///a"), Some("")).unwrap(),
        [s(Path, Control, 0, "", "/a")]
    );
    assert_eq!(
        p(Some("net://1.2.3.4"), Some("net://1.2.3.4"))
            .unwrap()
            .len(),
        2
    );
    assert!(p(None, None).unwrap().is_empty());
    for (c, d) in [
        (Some("net://[::1]"), None),
        (Some("file:///x"), Some("tcp://1.2.3.4")),
        (Some("tcp://1.2.3.4"), Some("net://1.2.3.4")),
        (Some("tcp://1.2.3.4"), Some("tcp://5.6.7.8")),
        (Some("net://1.2.3.4"), Some("tcp://1.2.3.4")),
        (Some("relative/path"), None),
        (None, Some("/some/path")),
        (Some(""), Some("")),
        (Some(""), None),
    ] {
        assert!(p(c, d).is_err(), "{c:?} {d:?} should be refused");
    }
}

#[test]
fn design_parser_additions() {
    let p = |s: &str| parse_consumer_uri(s, &Hosts);
    // Everything the 2.13 parser accepts, with the same result.
    for text in [
        "net://localhost:8989:4242/my/test/path",
        "tcp6://[::1]:99/x",
        "file:///a/b",
    ] {
        assert_eq!(p(text).unwrap(), parse(text).unwrap(), "{text}");
    }
    // Everything it refuses (but plain absolute paths, which the design treats as files).
    for bad in [
        "file/my/test/path",
        "net://:8999",
        "http://x",
        "relative",
        "net://[::1]",
        "",
    ] {
        assert!(p(bad).is_err(), "{bad}");
    }
    let u = p("/var/trace/out").unwrap();
    assert_eq!(summary(&u), [s(Path, Control, 0, "", "/var/trace/out")]);
    let u = p("udp://1.2.3.4:9000").unwrap();
    assert_eq!((u[0].proto, u[0].port), (Protocol::Udp, 9000));
    let u = p("udp6://[::1]").unwrap();
    assert_eq!((u[0].proto, u[0].dtype), (Protocol::Udp, Ipv6));
    // Hops: parsed, in order, marked as hops.
    let u = p("tcp://10.0.0.1:7000,tcp6://[::1],net://localhost:1:2").unwrap();
    assert_eq!(u.len(), 4);
    assert_eq!(
        u.iter().map(|x| x.kind).collect::<Vec<_>>(),
        [
            UriKind::Hop,
            UriKind::Hop,
            UriKind::Destination,
            UriKind::Destination
        ]
    );
    assert_eq!((u[0].dst.as_str(), u[0].port), ("10.0.0.1", 7000));
    assert_eq!((u[3].stream, u[3].port), (Data, 2));
    // A comma inside a path is part of the path.
    assert_eq!(p("/tmp/a,b").unwrap()[0].dst, "/tmp/a,b");
    // A hop must be a network address; a bad hop refuses the whole list.
    assert!(p("file:///x,net://localhost").is_err());
    assert!(p("tcp://:1,net://localhost").is_err());
}

#[test]
fn consumer_validation() {
    let base = parse_consumer_uri("tcp://1.2.3.4", &Hosts)
        .unwrap()
        .remove(0);
    assert_eq!(base.validate_for_consumer(), Ok(()));
    let udp_control = Uri {
        proto: Protocol::Udp,
        ..base.clone()
    };
    assert_eq!(
        udp_control.validate_for_consumer(),
        Err(UriError::UdpControl)
    );
    let udp_data = Uri {
        proto: Protocol::Udp,
        stream: Data,
        ..base.clone()
    };
    assert_eq!(udp_data.validate_for_consumer(), Ok(()));
    let climbing = Uri {
        subdir: "a/../../etc".into(),
        ..base.clone()
    };
    assert_eq!(climbing.validate_for_consumer(), Err(UriError::ClimbsOut));
    let dots_in_name = Uri {
        subdir: "a..b/c".into(),
        ..base.clone()
    };
    assert_eq!(dots_in_name.validate_for_consumer(), Ok(()));
    let hop = Uri {
        kind: UriKind::Hop,
        ..base.clone()
    };
    assert_eq!(hop.validate_for_consumer(), Err(UriError::HopNotSupported));
    let relative = Uri::path("trace/out", Control);
    assert_eq!(
        relative.validate_for_consumer(),
        Err(UriError::RelativePath)
    );
    let file_udp = Uri {
        proto: Protocol::Udp,
        ..Uri::path("/t", Control)
    };
    assert_eq!(
        file_udp.validate_for_consumer(),
        Ok(()),
        "proto is ignored for paths"
    );
    assert_eq!(base.effective_port(), 5342);
    assert_eq!(
        Uri {
            stream: Data,
            ..base
        }
        .effective_port(),
        5343
    );
}

fn c_parse(text: &str) -> Result<Vec<lttng_uri>, i32> {
    let c = CString::new(text).unwrap();
    let mut out: *mut lttng_uri = std::ptr::null_mut();
    // SAFETY: valid C string and out-pointer.
    let n = unsafe { lttng_uri_parse(c.as_ptr(), &mut out) };
    if n < 0 {
        assert!(out.is_null(), "out-parameter written on error");
        return Err(n);
    }
    // SAFETY: the library returned an array of n URIs.
    let v = unsafe { std::slice::from_raw_parts(out, n as usize) }.to_vec();
    // SAFETY: releasing the library's array once.
    unsafe { lttng_uri_free(out) };
    Ok(v)
}

fn cstr(a: &[std::ffi::c_char]) -> String {
    // SAFETY: the library NUL-terminates every string it writes.
    unsafe { CStr::from_ptr(a.as_ptr()) }
        .to_string_lossy()
        .into_owned()
}

#[test]
fn c_entry_points() {
    let u = c_parse("net://127.0.0.1:6000:6001/sub").unwrap();
    assert_eq!(u.len(), 2);
    assert_eq!(u[0].dtype, lttng_dst_type::LTTNG_DST_IPV4);
    assert_eq!(u[0].utype, lttng_uri_type::LTTNG_URI_DST);
    assert_eq!(u[0].stype, lttng_stream_type::LTTNG_STREAM_CONTROL);
    assert_eq!(u[1].stype, lttng_stream_type::LTTNG_STREAM_DATA);
    assert_eq!(u[0].proto, lttng_proto_type::LTTNG_TCP);
    assert_eq!((u[0].port, u[1].port), (6000, 6001));
    assert_eq!(cstr(&u[0].subdir), "sub");
    // SAFETY: reading the member the dtype selects.
    assert_eq!(cstr(unsafe { &u[0].dst.ipv4 }), "127.0.0.1");
    let u = c_parse("/srv/traces").unwrap();
    assert_eq!(u[0].dtype, lttng_dst_type::LTTNG_DST_PATH);
    // SAFETY: as above.
    assert_eq!(cstr(unsafe { &u[0].dst.path }), "/srv/traces");
    let u = c_parse("tcp://10.0.0.9,net://127.0.0.1").unwrap();
    assert_eq!(u.len(), 3);
    assert_eq!(u[0].utype, lttng_uri_type::LTTNG_URI_HOP);
    assert_eq!(u[1].utype, lttng_uri_type::LTTNG_URI_DST);
    // A proxy chain cannot end in a local file.
    assert_eq!(c_parse("tcp://10.0.0.9,/srv/traces").err(), Some(-97));
    assert_eq!(c_parse("udp6://[::1]:5").ok().map(|v| v.len()), Some(1));
    assert_eq!(c_parse("bogus://x").err(), Some(-97));
    let mut out: *mut lttng_uri = std::ptr::null_mut();
    // SAFETY: NULL arguments are refused, not dereferenced.
    unsafe {
        assert_eq!(lttng_uri_parse(std::ptr::null(), &mut out), -97);
        assert_eq!(
            lttng_uri_parse(c"net://localhost".as_ptr(), std::ptr::null_mut()),
            -97
        );
        lttng_uri_free(std::ptr::null_mut());
    }
}
