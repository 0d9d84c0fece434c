//! ABI layout: the C compiler, reading the real `/usr/include/lttng` headers (and our header
//! for `struct lttng_uri`), must agree with the Rust definitions on every size, alignment,
//! field offset and constant the library uses.

mod common;

use std::mem::{align_of, offset_of, size_of};

use common::*;
use lttng_ctl::ffi::types::*;
use lttng_ctl::model::error::ErrorCode;

macro_rules! layout {
    ($v:ident, $t:ident { $($f:ident),* $(,)? }) => {{
        $v.push((format!("sizeof(struct {})", stringify!($t)), size_of::<$t>() as i64));
        $v.push((format!("_Alignof(struct {})", stringify!($t)), align_of::<$t>() as i64));
        $(
            $v.push((
                format!("offsetof(struct {}, {})", stringify!($t), stringify!($f)),
                offset_of!($t, $f) as i64,
            ));
        )*
    }};
}

fn expectations() -> Vec<(String, i64)> {
    let mut v = Vec::new();
    layout!(
        v,
        lttng_domain {
            r#type,
            buf_type,
            padding,
            attr
        }
    );
    layout!(
        v,
        lttng_handle {
            session_name,
            domain,
            padding
        }
    );
    layout!(
        v,
        lttng_session {
            name,
            path,
            enabled,
            snapshot_mode,
            live_timer_interval,
            alignment_padding,
            extended
        }
    );
    layout!(
        v,
        lttng_channel_attr {
            overwrite,
            subbuf_size,
            num_subbuf,
            switch_timer_interval,
            read_timer_interval,
            output,
            tracefile_size,
            tracefile_count,
            live_timer_interval,
            align_to_64,
            extended,
            padding
        }
    );
    layout!(
        v,
        lttng_channel {
            name,
            enabled,
            attr,
            padding
        }
    );
    layout!(
        v,
        lttng_event_probe_attr {
            addr,
            offset,
            symbol_name,
            padding
        }
    );
    layout!(
        v,
        lttng_event_function_attr {
            symbol_name,
            padding
        }
    );
    layout!(
        v,
        lttng_event {
            r#type,
            name,
            loglevel_type,
            loglevel,
            enabled,
            pid,
            filter,
            exclusion,
            padding2,
            flags,
            padding,
            extended,
            attr
        }
    );
    layout!(
        v,
        lttng_event_perf_counter_ctx {
            r#type,
            config,
            name,
            padding
        }
    );
    layout!(v, lttng_event_context { ctx, padding, u });
    layout!(
        v,
        lttng_uri {
            dtype,
            utype,
            stype,
            proto,
            port,
            padding,
            subdir,
            dst
        }
    );
    for entry in &mut v {
        entry.0 = entry.0.replace("r#type", "type");
    }
    for (name, value) in [
        ("LTTNG_DST_IPV4", lttng_dst_type::LTTNG_DST_IPV4 as i64),
        ("LTTNG_DST_IPV6", lttng_dst_type::LTTNG_DST_IPV6 as i64),
        ("LTTNG_DST_HOST", lttng_dst_type::LTTNG_DST_HOST as i64),
        ("LTTNG_DST_PATH", lttng_dst_type::LTTNG_DST_PATH as i64),
        ("LTTNG_URI_HOP", lttng_uri_type::LTTNG_URI_HOP as i64),
        ("LTTNG_URI_DST", lttng_uri_type::LTTNG_URI_DST as i64),
        (
            "LTTNG_STREAM_CONTROL",
            lttng_stream_type::LTTNG_STREAM_CONTROL as i64,
        ),
        (
            "LTTNG_STREAM_DATA",
            lttng_stream_type::LTTNG_STREAM_DATA as i64,
        ),
        ("LTTNG_UDP", lttng_proto_type::LTTNG_UDP as i64),
        ("LTTNG_TCP", lttng_proto_type::LTTNG_TCP as i64),
        (
            "LTTNG_NETWORK_PADDING1_LEN",
            LTTNG_NETWORK_PADDING1_LEN as i64,
        ),
        (
            "LTTNG_NETWORK_PADDING2_LEN",
            LTTNG_NETWORK_PADDING2_LEN as i64,
        ),
        ("LTTNG_NAME_MAX", LTTNG_NAME_MAX as i64),
        ("LTTNG_SYMBOL_NAME_LEN", LTTNG_SYMBOL_NAME_LEN as i64),
        ("PATH_MAX", PATH_MAX as i64),
        ("INET_ADDRSTRLEN", INET_ADDRSTRLEN as i64),
        ("INET6_ADDRSTRLEN", INET6_ADDRSTRLEN as i64),
        ("LTTNG_DOMAIN_NONE", 0),
        ("LTTNG_DOMAIN_KERNEL", 1),
        ("LTTNG_DOMAIN_UST", 2),
        ("LTTNG_DOMAIN_JUL", 3),
        ("LTTNG_DOMAIN_LOG4J", 4),
        ("LTTNG_DOMAIN_PYTHON", 5),
        ("LTTNG_BUFFER_PER_PID", 0),
        ("LTTNG_BUFFER_PER_UID", 1),
        ("LTTNG_BUFFER_GLOBAL", 2),
        ("LTTNG_EVENT_ALL", lttng_ctl::model::event::EVENT_ALL as i64),
        (
            "LTTNG_EVENT_TRACEPOINT",
            lttng_ctl::model::event::EVENT_TRACEPOINT as i64,
        ),
        (
            "LTTNG_EVENT_PROBE",
            lttng_ctl::model::event::EVENT_PROBE as i64,
        ),
        (
            "LTTNG_EVENT_FUNCTION",
            lttng_ctl::model::event::EVENT_FUNCTION as i64,
        ),
        (
            "LTTNG_EVENT_FUNCTION_ENTRY",
            lttng_ctl::model::event::EVENT_FUNCTION_ENTRY as i64,
        ),
        (
            "LTTNG_EVENT_SYSCALL",
            lttng_ctl::model::event::EVENT_SYSCALL as i64,
        ),
        (
            "LTTNG_EVENT_USERSPACE_PROBE",
            lttng_ctl::model::event::EVENT_USERSPACE_PROBE as i64,
        ),
        (
            "LTTNG_EVENT_SPLICE",
            lttng_ctl::model::channel::OUTPUT_SPLICE as i64,
        ),
        (
            "LTTNG_EVENT_MMAP",
            lttng_ctl::model::channel::OUTPUT_MMAP as i64,
        ),
        (
            "LTTNG_EVENT_CONTEXT_PERF_COUNTER",
            lttng_ctl::model::event::CONTEXT_PERF_COUNTER as i64,
        ),
        (
            "LTTNG_EVENT_CONTEXT_PERF_CPU_COUNTER",
            lttng_ctl::model::event::CONTEXT_PERF_CPU_COUNTER as i64,
        ),
        (
            "LTTNG_EVENT_CONTEXT_PERF_THREAD_COUNTER",
            lttng_ctl::model::event::CONTEXT_PERF_THREAD_COUNTER as i64,
        ),
        (
            "LTTNG_EVENT_CONTEXT_APP_CONTEXT",
            lttng_ctl::model::event::CONTEXT_APP_CONTEXT as i64,
        ),
    ] {
        v.push((name.to_owned(), value));
    }
    for code in ErrorCode::ALL {
        v.push((code.c_name().to_owned(), *code as i64));
    }
    v
}

#[test]
fn rust_layout_matches_the_c_headers() {
    if !have("cc") {
        return;
    }
    let dir = TestDir::new("layout");
    let expected = expectations();
    let mut src = String::from(
        "#include <stddef.h>\n#include <stdio.h>\n#include <lttng/lttng.h>\n#include \"lttng-ctl-rs.h\"\n\
         int main(void)\n{\n",
    );
    for (expr, _) in &expected {
        src.push_str(&format!(
            "\tprintf(\"%s=%lld\\n\", \"{expr}\", (long long) ({expr}));\n"
        ));
    }
    src.push_str("\treturn 0;\n}\n");
    let file = dir.join("layout.c");
    std::fs::write(&file, src).unwrap();
    let exe = dir.join("layout");
    let out = std::process::Command::new("cc")
        .args(["-std=gnu11", "-Wall", "-Werror"])
        .arg(format!("-I{}", repo().join("include").display()))
        .arg(&file)
        .arg("-o")
        .arg(&exe)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = std::process::Command::new(&exe).output().unwrap();
    let text = ok_stdout("layout", &out);
    let mut mismatches = Vec::new();
    for ((expr, want), line) in expected.iter().zip(text.lines()) {
        let got: i64 = line.rsplit_once('=').unwrap().1.parse().unwrap();
        if got != *want {
            mismatches.push(format!("{expr}: C says {got}, Rust says {want}"));
        }
    }
    assert_eq!(text.lines().count(), expected.len());
    assert!(
        mismatches.is_empty(),
        "layout mismatches:\n{}",
        mismatches.join("\n")
    );
    assert!(expected.len() > 200, "checked {} items", expected.len());
    println!("{} sizes, offsets and constants agree", expected.len());
}

#[test]
fn design_uri_is_8244_bytes() {
    assert_eq!(size_of::<lttng_uri>(), 8244);
}
