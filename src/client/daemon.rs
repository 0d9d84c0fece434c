//! The session daemon this process talks to: the tracing group (which decides whether the
//! root daemon is tried) and whether a daemon answers.

use std::sync::{Mutex, PoisonError};

use crate::client::exchange;
use crate::transport::paths;

/// The tracing group and what was found out about it.
struct TracingGroup {
    /// Set by [`set_tracing_group`]; `None` means the default group.
    name: Option<String>,
    /// Whether the process is a member, and for which real uid it was found: looked up once
    /// (the group database and the process's supplementary groups), not on every command.
    member: Option<(libc::uid_t, bool)>,
}

static TRACING_GROUP: Mutex<TracingGroup> = Mutex::new(TracingGroup {
    name: None,
    member: None,
});

fn tracing_group_state() -> std::sync::MutexGuard<'static, TracingGroup> {
    TRACING_GROUP.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The tracing group used to decide whether to try the root daemon's socket.
pub fn tracing_group() -> String {
    tracing_group_state()
        .name
        .clone()
        .unwrap_or_else(|| paths::DEFAULT_TRACING_GROUP.to_owned())
}

/// Sets the tracing group (process-wide, as upstream). Membership is looked up again at the
/// next command.
pub fn set_tracing_group(name: &str) {
    let mut state = tracing_group_state();
    state.name = Some(name.to_owned());
    state.member = None;
}

/// Whether a process of real uid `uid` is a member of the tracing group.
///
/// Upstream looks the group up in the group database and reads the supplementary groups on
/// every command. Neither changes for a running process unless it changes its own
/// credentials: its supplementary groups are fixed at login, and changing them takes
/// `setgroups`, which a process that is not root can only do with CAP_SETGID. So the answer
/// is kept per real uid: a process that changes user (root dropping to a user, say) looks it
/// up again, and so does every process after [`set_tracing_group`].
pub(crate) fn in_tracing_group(uid: libc::uid_t) -> bool {
    let mut state = tracing_group_state();
    if let Some((for_uid, member)) = state.member {
        if for_uid == uid {
            return member;
        }
    }
    let member = paths::is_group_member(
        state
            .name
            .as_deref()
            .unwrap_or(paths::DEFAULT_TRACING_GROUP),
    );
    state.member = Some((uid, member));
    member
}

/// True when a session daemon accepts connections on the socket this process would use.
///
/// Connects and closes without sending anything, like the real library.
pub fn session_daemon_alive() -> bool {
    exchange::connect().is_ok()
}
