//! Which session daemon a call reaches follows upstream's rules at every call, although this
//! library looks the tracing group up once: a member of the tracing group reaches the root
//! daemon's socket, anyone else (or a member once `lttng_set_tracing_group` names another
//! group) its own `$LTTNG_HOME`, and a home changed between calls is honoured at the next
//! call. The same C program runs on both libraries, as a member and as a non-member.
//!
//! The real library does not keep its own rules after the first call: its group check
//! answers 1 or -1, never 0, and its caller tests the answer for truth, so every call first
//! retries the socket the previous call used (a static buffer) and reaches it while it
//! answers, whatever the group or the home now say. Its output is pinned below as what it
//! is; ours follows the rules at every call.
//!
//! The root daemon's socket lives in `/var/run/lttng`: the scenario runs in a mount
//! namespace of its own with a private tmpfs there, so the machine's real socket is never
//! reached. Three reference session daemons run as the test user (the "global" one on the
//! namespace's `/var/run/lttng/client-lttng-sessiond`), each holding one session named after
//! it; they are started with known pids and ended by pid.

mod common;

use std::process::Command;
use std::time::Duration;

use common::*;

const SCENARIO: &str = r#"
set -eu
mkdir -p /var/run/lttng
mount -t tmpfs -o mode=0755 tmpfs /var/run/lttng
chown "$TEST_UID:$TEST_GID" /var/run/lttng
pids=""
cleanup() { for p in $pids; do kill "$p" 2>/dev/null || true; done; wait; }
trap cleanup EXIT
as_user() { setpriv --reuid="$TEST_UID" --regid="$TEST_GID" "$@"; }
start() {
	home=$1; shift
	# A simple command in the background: $! is setpriv's pid, which execs the daemon.
	LTTNG_HOME=$home setpriv --reuid="$TEST_UID" --regid="$TEST_GID" --clear-groups -- \
		"$REFD" "$@" >"$home/refd.log" 2>&1 &
	pids="$pids $!"
}
start "$H0" --client-sock /var/run/lttng/client-lttng-sessiond --pid-file "$H0/refd.pid"
start "$H1"
start "$H2"
for sock in /var/run/lttng/client-lttng-sessiond "$H1/.lttng/client-lttng-sessiond" \
	"$H2/.lttng/client-lttng-sessiond"; do
	i=0
	until [ -S "$sock" ]; do
		i=$((i + 1)); [ $i -lt 200 ] || { echo "no socket $sock" >&2; exit 1; }
		sleep 0.05
	done
done
LTTNG_HOME=$H1 as_user --clear-groups -- lttng create home1 --no-output >/dev/null
LTTNG_HOME=$H2 as_user --clear-groups -- lttng create home2 --no-output >/dev/null
LTTNG_HOME=$H1 as_user --groups="$TRACING_GID" -- lttng create global --no-output >/dev/null
for who in member non-member; do
	if [ $who = member ]; then groups="--groups=$TRACING_GID"; else groups=--clear-groups; fi
	for lib in real ours; do
		echo "== $who $lib"
		if [ $lib = ours ]; then
			LTTNG_HOME=$H1 LD_LIBRARY_PATH=$OURS as_user $groups -- "$PROGRAM" "$H2"
		else
			LTTNG_HOME=$H1 LTTNG_CTL_EXPECT_REAL=1 as_user $groups -- "$PROGRAM" "$H2"
		fi
	done
done
"#;

const MEMBER: &str = "start: global
again: global
group no-such-group: home1
second home: home2
group tracing: global
group tracing again: global
";

/// The real library as a member: the socket of the first call, ever after.
const REAL_MEMBER: &str = "start: global
again: global
group no-such-group: global
second home: global
group tracing: global
group tracing again: global
";

/// The real library as a non-member: likewise.
const REAL_NON_MEMBER: &str = "start: home1
again: home1
group no-such-group: home1
second home: home1
group tracing: home1
group tracing again: home1
";

const NON_MEMBER: &str = "start: home1
again: home1
group no-such-group: home1
second home: home2
group tracing: home2
group tracing again: home2
";

#[test]
fn socket_choice_follows_group_and_home_between_calls() {
    if !running_as_root() || !have_all(&["unshare", "lttng"]) {
        assert!(!in_ci(), "CI runs as root with util-linux and lttng-tools");
        return;
    }
    let tracing_gid = String::from_utf8_lossy(
        &Command::new("getent")
            .args(["group", "tracing"])
            .output()
            .expect("getent")
            .stdout,
    )
    .split(':')
    .nth(2)
    .map(str::to_owned);
    let Some(tracing_gid) = tracing_gid else {
        assert!(!in_ci(), "lttng-tools creates the tracing group");
        return;
    };
    let Some(f) = Fixture::build("socket_choice", &["tests/c/socket_choice.c"], Link::Real) else {
        return;
    };
    let (uid, gid) = test_ids();
    let homes: Vec<_> = ["h0", "h1", "h2"].iter().map(|h| f.dir.subdir(h)).collect();
    let mut cmd = Command::new("unshare");
    cmd.args(["--mount", "--propagation", "private", "sh", "-c", SCENARIO])
        .env("TEST_UID", uid.to_string())
        .env("TEST_GID", gid.to_string())
        .env("TRACING_GID", tracing_gid.trim())
        .env("REFD", f.dir.ref_sessiond_program())
        .env("PROGRAM", &f.program)
        .env("OURS", &f.lib)
        .env("H0", &homes[0])
        .env("H1", &homes[1])
        .env("H2", &homes[2])
        .env_remove("LD_LIBRARY_PATH")
        .env_remove("LTTNG_HOME");
    let out = run_with_timeout(cmd, Duration::from_secs(120));
    let text = ok_stdout("the socket-choice scenario", &out);
    let section = |name: &str| {
        text.split(&format!("== {name}\n"))
            .nth(1)
            .and_then(|rest| rest.split("== ").next())
            .unwrap_or_else(|| panic!("no section {name} in:\n{text}"))
            .to_owned()
    };
    println!("{text}");
    assert_eq!(section("member ours"), MEMBER, "our library, as a member");
    assert_eq!(section("non-member ours"), NON_MEMBER, "our library");
    assert_eq!(
        section("member real"),
        REAL_MEMBER,
        "the real library, as a member"
    );
    assert_eq!(
        section("non-member real"),
        REAL_NON_MEMBER,
        "the real library"
    );
}

/// After `fork`, the child's requests carry its own pid in SCM_CREDENTIALS (the kernel
/// would refuse the parent's for an unprivileged process; a privileged one would send a
/// wrong pid silently), on both libraries: every `sendmsg` under `strace -f` names the pid
/// of the process that made it, and none fails.
#[test]
fn credentials_follow_fork() {
    if !have_all(&["strace", "lttng-sessiond"]) {
        assert!(!in_ci(), "CI installs strace and lttng-tools");
        return;
    }
    let Some(f) = Fixture::build("fork_calls", &["tests/c/fork_calls.c"], Link::Real) else {
        return;
    };
    let sessiond = Sessiond::start(&f.dir);
    lttng_ok(&sessiond.home, &["create", "s1", "--no-output"]);
    for ours in [false, true] {
        let trace = f.dir.join(if ours { "strace-ours" } else { "strace-real" });
        let mut cmd = as_test_user("strace");
        cmd.args(["-f", "-qq", "-e", "trace=sendmsg", "-o"])
            .arg(&trace)
            .arg(&f.program)
            .env("LTTNG_HOME", &sessiond.home)
            .env_remove("LD_LIBRARY_PATH");
        if ours {
            cmd.env("LD_LIBRARY_PATH", &f.lib);
        } else {
            cmd.env("LTTNG_CTL_EXPECT_REAL", "1");
        }
        let out = run_with_timeout(cmd, Duration::from_secs(60));
        let text = ok_stdout("fork_calls", &out);
        for line in ["parent: 1", "child: 1", "child again: 1", "parent after: 1"] {
            assert!(text.lines().any(|l| l == line), "{line:?} in:\n{text}");
        }
        let strace = std::fs::read_to_string(&trace).unwrap();
        let mut pids = std::collections::BTreeSet::new();
        let mut with_creds = 0;
        for line in strace.lines().filter(|l| l.contains("sendmsg(")) {
            assert!(!line.contains("= -1"), "a failed sendmsg: {line}");
            let Some((_, creds)) = line.split_once("SCM_CREDENTIALS, cmsg_data={pid=") else {
                continue;
            };
            let caller = line.split_whitespace().next().unwrap();
            let sent = creds.split(',').next().unwrap();
            assert_eq!(sent, caller, "credentials of another process: {line}");
            pids.insert(caller.to_owned());
            with_creds += 1;
        }
        assert_eq!(pids.len(), 2, "parent and child sent requests:\n{strace}");
        assert!(with_creds >= 4, "{strace}");
    }
}
