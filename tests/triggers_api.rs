//! The action, rate-policy, action-path, trigger and error-query API (`lttng/action/*.h`,
//! `lttng/trigger/trigger.h`, `lttng/error-query.h`) through tests/c/triggers_api.c, on the
//! real library and on ours: the objects alone (every getter, NULL and the wrong kind of
//! action), then registrations of triggers with every action and condition kind on a real
//! unprivileged `lttng-sessiond`, the listing read back, every error-query kind and the
//! unregistrations. The outputs must be identical; ours runs clean under valgrind. A
//! recording stand-in daemon proves that both libraries send the same REGISTER_TRIGGER,
//! UNREGISTER_TRIGGER and EXECUTE_ERROR_QUERY requests.

mod common;

use common::standin::{Recorded, StandIn};
use common::*;
use lttng_ctl::model::trigger::{Action, Trigger};
use lttng_ctl::proto::sessiond::{Command, Request};
use lttng_ctl::proto::wire::Reader;

/// Asserts two outputs are identical, showing the lines that differ.
fn assert_same(what: &str, ours: &str, real: &str) {
    if ours == real {
        return;
    }
    let (o, r): (Vec<_>, Vec<_>) = (ours.lines().collect(), real.lines().collect());
    let first = o
        .iter()
        .zip(&r)
        .position(|(a, b)| a != b)
        .unwrap_or(o.len().min(r.len()));
    let from = first.saturating_sub(3);
    panic!(
        "{what}: outputs differ from line {}\n--- ours:\n{}\n--- real:\n{}",
        first + 1,
        o[from..(first + 12).min(o.len())].join("\n"),
        r[from..(first + 12).min(r.len())].join("\n")
    );
}

/// Runs the program on both libraries with `args` and asserts identical output; returns it.
fn same(f: &Fixture, args: &[&str]) -> String {
    let real = ok_stdout("triggers_api (real library)", &f.run_real(args));
    let ours = ok_stdout("triggers_api (ours)", &f.run_ours(args));
    assert_same("triggers_api", &ours, &real);
    ours
}

fn assert_has(text: &str, lines: &[&str]) {
    for line in lines {
        assert!(text.lines().any(|l| l == *line), "{line:?} not in:\n{text}");
    }
}

#[test]
fn objects_behave_as_in_the_real_library() {
    let Some(f) = Fixture::build("triggers_objects", &["tests/c/triggers_api.c"], Link::Real)
    else {
        return;
    };
    let text = same(&f, &["objects"]);
    assert_has(
        &text,
        &[
            "every_n(0): NULL",
            "types: every=0 once=1 NULL=-1",
            "path: count 0 3: [0] 0 3 [1] 0 0 [2] 0 18446744073709551615 [3] -1 77",
            "  new snapshot: session -4 (NULL), policy 0 every 1",
            "  set_name NULL=-3 empty=-3 on NULL=-3 on notify=-3",
            "get_output=0 lent=o1",
            "get_count NULL=-3 (count 0) on notify=-3 (count 0)",
            "    start: session 0 later, policy 0 every 1",
        ],
    );
    println!("{text}");
    if have("valgrind") || in_ci() {
        f.assert_clean_under_valgrind(
            &["--leak-check=full", "--errors-for-leak-kinds=definite"],
            &["objects"],
        );
    }
}

#[test]
fn triggers_registered_listed_queried_and_removed_as_the_real_library_does() {
    if !have_all(&["lttng", "lttng-sessiond", "setpriv", "cc"]) {
        return;
    }
    let Some(f) = Fixture::build("triggers_daemon", &["tests/c/triggers_api.c"], Link::Real) else {
        return;
    };
    // Each library gets a fresh daemon: the daemon numbers the names it generates.
    let fresh_daemon = || {
        let sessiond = Sessiond::start(&f.dir);
        // A size-based rotation makes the daemon register a hidden trigger of its own,
        // which no listing shows.
        let out = f.dir.subdir("rot-output");
        lttng_ok(
            &f.home,
            &["create", "rot", "--output", out.to_str().unwrap()],
        );
        lttng_ok(&f.home, &["enable-event", "-u", "-a", "-s", "rot"]);
        lttng_ok(&f.home, &["enable-rotation", "-s", "rot", "--size", "1M"]);
        sessiond
    };
    let sessiond = fresh_daemon();
    let real = ok_stdout(
        "triggers_api daemon (real library)",
        &f.run_real(&["daemon"]),
    );
    drop(sessiond);
    let sessiond = fresh_daemon();
    let ours = ok_stdout("triggers_api daemon (ours)", &f.run_ours(&["daemon"]));
    assert_same("triggers_api daemon", &ours, &real);
    println!("{ours}");
    assert_has(
        &ours,
        &[
            "register automatic: 10, name 0 trigger0",
            "register T_action0 again: 97, as other: 97",
            "register a duplicate name: 126, name -4 (NULL)",
            "register invalid (no session name): 125, name -4 (NULL)",
            "query of an unregistered trigger: 11",
            "list: 10, count 0 13; [13]: NULL",
            "register a kernel trigger: 79, name -4 (NULL)",
            "    [0] type 0, name 0 total execution failures, description 0 Aggregated count of \
             errors encountered when executing the action, value 0 0",
            "unregister trigger0: 0, again: -127",
            "list: 10, count 0 0; [0]: NULL",
        ],
    );
    drop(sessiond);
    if have("valgrind") || in_ci() {
        let _sessiond = fresh_daemon();
        f.assert_clean_under_valgrind(
            &["--leak-check=full", "--errors-for-leak-kinds=definite"],
            &["daemon"],
        );
    }
}

/// The trigger a request carries, with the bytes of its snapshot outputs after each string's
/// terminator zeroed (upstream sends them uninitialized).
fn normalised_trigger(bytes: &[u8]) -> Trigger {
    let mut t = lttng_ctl::proto::trigger::decode_trigger(&mut Reader::new(bytes)).unwrap();
    fn clean(a: &mut Action) {
        match a {
            Action::Snapshot {
                output: Some(o), ..
            } => {
                for (offset, size) in [(12, 255), (267, 4096), (4363, 4096)] {
                    let field = &mut o[offset..offset + size];
                    if let Some(end) = field.iter().position(|&b| b == 0) {
                        field[end..].fill(0);
                    }
                }
            }
            Action::List(items) => items.iter_mut().for_each(clean),
            _ => {}
        }
    }
    clean(&mut t.action);
    t
}

/// Compares two requests: headers byte for byte, payloads byte for byte or, where upstream
/// leaves bytes uninitialized, as decoded triggers of the same length. True when the
/// payloads are the same bytes.
fn same_request(i: usize, real: &Recorded, ours: &Recorded) -> bool {
    if real.header != ours.header {
        let first = real
            .header
            .iter()
            .zip(&ours.header)
            .position(|(a, b)| a != b);
        panic!("request {i}: headers differ at {first:?}: real {real:?}, ours {ours:?}");
    }
    if real.payload == ours.payload {
        return true;
    }
    assert_eq!(
        real.payload.len(),
        ours.payload.len(),
        "request {i}: payload length"
    );
    let req = Request::decode_header(&real.header).unwrap();
    let skip = usize::from(req.command() == Some(Command::ExecuteErrorQuery));
    assert_eq!(real.payload[..skip], ours.payload[..skip]);
    assert_eq!(
        normalised_trigger(&real.payload[skip..]),
        normalised_trigger(&ours.payload[skip..]),
        "request {i}: triggers differ"
    );
    false
}

#[test]
fn same_trigger_requests_as_the_real_library() {
    let Some(f) = Fixture::build("triggers_wire", &["tests/c/triggers_api.c"], Link::Real) else {
        return;
    };
    let stand_in = StandIn::start(&f.home);
    let real_out = ok_stdout("real", &f.run_real(&["daemon", "uprobe"]));
    let real = stand_in.take();
    let ours_out = ok_stdout("ours", &f.run_ours(&["daemon", "uprobe"]));
    let ours = stand_in.take();
    assert_same("triggers_api daemon uprobe", &ours_out, &real_out);
    let cmds: Vec<u32> = real
        .iter()
        .map(|r| Request::decode_header(&r.header).unwrap().cmd)
        .collect();
    for cmd in [
        Command::RegisterTrigger,
        Command::UnregisterTrigger,
        Command::ExecuteErrorQuery,
        Command::ListTriggers,
    ] {
        assert!(cmds.contains(&(cmd as u32)), "no {cmd:?} in {cmds:?}");
    }
    assert_eq!(real.len(), ours.len(), "number of requests");
    // The uprobe trigger's binary travels as one descriptor beside each of its requests.
    let with_fd = |rs: &[Recorded]| -> Vec<usize> {
        rs.iter()
            .enumerate()
            .filter(|(_, r)| Request::decode_header(&r.header).unwrap().fd_count == 1)
            .map(|(i, _)| i)
            .collect()
    };
    assert!(
        !with_fd(&real).is_empty(),
        "no request carried a descriptor"
    );
    assert_eq!(with_fd(&ours), with_fd(&real), "requests with a descriptor");
    let mut exact = 0;
    for (i, (r, o)) in real.iter().zip(&ours).enumerate() {
        exact += usize::from(same_request(i, r, o));
    }
    println!(
        "{} requests identical ({exact} byte for byte, the others once the bytes upstream \
         leaves uninitialized are ignored); output:\n{ours_out}",
        ours.len()
    );
}
