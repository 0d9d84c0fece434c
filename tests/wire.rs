//! Wire compatibility: the same C program runs on the real liblttng-ctl and on ours against
//! a recording stand-in session daemon. Both must send the same bytes, command by command,
//! and print the same decoding of the stand-in's golden replies. Also checks that refused
//! calls send nothing and that a daemon closing early never raises SIGPIPE.

mod common;

use common::standin::StandIn;
use common::*;
use lttng_ctl::proto::sessiond::Request;

#[test]
fn same_bytes_and_same_decoding_as_the_real_library() {
    let Some(f) = Fixture::build("wire_calls", &["tests/c/wire_calls.c"], Link::Real) else {
        return;
    };
    let stand_in = StandIn::start(&f.home);
    let real_out = ok_stdout("real", &f.run_real(&[]));
    let real = stand_in.take();
    let ours_out = ok_stdout("ours", &f.run_ours(&[]));
    let ours = stand_in.take();

    assert_eq!(ours_out, real_out, "printed results differ");
    assert!(
        real.len() > 40,
        "the real library sent only {} requests",
        real.len()
    );
    for (i, (r, o)) in real.iter().zip(&ours).enumerate() {
        if r != o {
            let first = r.header.iter().zip(&o.header).position(|(a, b)| a != b);
            panic!(
                "request {i} differs: real {r:?}, ours {o:?}, first header difference at {first:?}"
            );
        }
    }
    assert_eq!(real.len(), ours.len(), "number of requests");
    println!("{} requests identical; output:\n{ours_out}", ours.len());
}

#[test]
fn refused_design_calls_send_nothing() {
    let Some(f) = Fixture::build("refuse", &["tests/c/refuse.c"], Link::Ours) else {
        return;
    };
    let stand_in = StandIn::start(&f.home);
    let text = ok_stdout("refuse", &f.run_ours(&[]));
    let sent = stand_in.take();
    // Only the two valid URIs and the two consumer commands reach the daemon.
    let cmds: Vec<u32> = sent
        .iter()
        .map(|r| Request::decode_header(&r.header).unwrap().cmd)
        .collect();
    assert_eq!(cmds, [21, 21, 20, 19], "{text}");
    // The valid URIs went out in 2.13 wire form with default ports applied.
    let first = &sent[0].payload;
    assert_eq!(first.len(), 8210);
    assert_eq!(&first[16..18], &5342u16.to_ne_bytes());
    let second = &sent[1].payload;
    assert_eq!(&second[8..12], &1u32.to_ne_bytes(), "stype data");
    assert_eq!(&second[16..18], &7001u16.to_ne_bytes());
    assert_eq!(
        *stand_in.connections.lock().unwrap(),
        4,
        "no probe connection either"
    );
    println!("{text}");
}

#[test]
fn early_answer_is_returned_and_never_sigpipe() {
    use std::os::unix::process::ExitStatusExt;
    let Some(f) = Fixture::build("sigpipe", &["tests/c/sigpipe.c"], Link::Real) else {
        return;
    };
    let _stand_in = StandIn::start(&f.home);
    let text = ok_stdout("sigpipe on ours", &f.run_ours(&[]));
    assert!(text.contains("enable_event: -104"), "{text}");
    // The real library dies of SIGPIPE on the same call.
    let real = f.run_real(&[]);
    println!("ours: {text}real library: {:?}", real.status);
    assert_eq!(
        real.status.signal(),
        Some(libc::SIGPIPE),
        "the real library was expected to die of SIGPIPE"
    );
}
