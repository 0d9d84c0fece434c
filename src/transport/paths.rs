//! Where the session daemon's client socket and the daemons' health sockets are, chosen per
//! call as the real library does.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::PathBuf;

use crate::model::health::{Component, Consumerd};

/// The root session daemon's client socket (rundir compiled into Debian's 2.13.9).
pub const GLOBAL_CLIENT_SOCKET: &str = "/var/run/lttng/client-lttng-sessiond";
/// The client socket's name under `<home>/.lttng/`.
pub const CLIENT_SOCKET_NAME: &str = "client-lttng-sessiond";
/// The default tracing group.
pub const DEFAULT_TRACING_GROUP: &str = "tracing";

/// The process's real and effective ids, read together (two system calls: `getresuid`,
/// `getresgid`). A command reads them once and uses them for every decision that needs them:
/// root or not, whether the environment may be trusted, the credentials it sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ids {
    /// Real user id.
    pub uid: libc::uid_t,
    /// Effective user id.
    pub euid: libc::uid_t,
    /// Real group id.
    pub gid: libc::gid_t,
    /// Effective group id.
    pub egid: libc::gid_t,
}

impl Ids {
    /// The ids as they are now (never cached: a process may change them between calls).
    pub fn current() -> Ids {
        use nix::unistd::{getegid, geteuid, getgid, getresgid, getresuid, getuid};
        // getresuid/getresgid fail only for a bad pointer, which nix never passes; the
        // fallback is there to need no panic.
        let (uid, euid) =
            getresuid().map_or_else(|_| (getuid(), geteuid()), |r| (r.real, r.effective));
        let (gid, egid) =
            getresgid().map_or_else(|_| (getgid(), getegid()), |r| (r.real, r.effective));
        Ids {
            uid: uid.as_raw(),
            euid: euid.as_raw(),
            gid: gid.as_raw(),
            egid: egid.as_raw(),
        }
    }

    /// True when the real uid is root.
    pub fn is_root(&self) -> bool {
        self.uid == 0
    }

    /// True when the process runs setuid or setgid (real and effective ids differ):
    /// environment variables are then ignored, as upstream's `lttng_secure_getenv` does.
    pub fn privileged(&self) -> bool {
        self.euid != self.uid || self.egid != self.gid
    }

    fn env(&self, name: &str) -> Option<OsString> {
        if self.privileged() {
            None
        } else {
            std::env::var_os(name)
        }
    }
}

/// The LTTng home directory: `$LTTNG_HOME` verbatim (even empty), else `$HOME`, else the
/// passwd entry of the real uid.
pub fn home_dir() -> Option<PathBuf> {
    home_dir_for(&Ids::current())
}

/// [`home_dir`] for a process whose ids are `ids`.
pub fn home_dir_for(ids: &Ids) -> Option<PathBuf> {
    if let Some(home) = ids.env("LTTNG_HOME") {
        return Some(PathBuf::from(home));
    }
    if let Some(home) = ids.env("HOME") {
        return Some(PathBuf::from(home));
    }
    passwd_home(ids.uid)
}

fn passwd_home(uid: libc::uid_t) -> Option<PathBuf> {
    let user = nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid)).ok()??;
    Some(user.dir)
}

/// The per-user client socket, `<home>/.lttng/client-lttng-sessiond`.
pub fn home_client_socket() -> Option<PathBuf> {
    home_client_socket_for(&Ids::current())
}

/// [`home_client_socket`] for a process whose ids are `ids`.
pub fn home_client_socket_for(ids: &Ids) -> Option<PathBuf> {
    Some(home_file(home_dir_for(ids)?, CLIENT_SOCKET_NAME))
}

/// `<home>/.lttng/<name>`, joined as upstream's format strings join it (an empty home gives
/// `/.lttng/<name>`).
fn home_file(home: PathBuf, name: &str) -> PathBuf {
    let mut path = home.into_os_string().into_vec();
    path.extend_from_slice(b"/.lttng/");
    path.extend_from_slice(name.as_bytes());
    PathBuf::from(OsString::from_vec(path))
}

/// True when the real uid is root.
pub fn is_root() -> bool {
    Ids::current().is_root()
}

/// True when `group` exists and its gid is among the process's supplementary groups.
pub fn is_group_member(group: &str) -> bool {
    let Some(gid) = group_id(group) else {
        return false;
    };
    rustix::process::getgroups().is_ok_and(|groups| groups.iter().any(|g| g.as_raw() == gid))
}

/// The gid of group `name`, if it exists.
pub fn group_id(name: &str) -> Option<libc::gid_t> {
    let group = nix::unistd::Group::from_name(name).ok()??;
    Some(group.gid.as_raw())
}

/// The client sockets to try, in order, for a process whose ids are `ids` and which is
/// (`in_group`) or is not a member of the tracing group; `in_group` is asked only for a
/// process that is not root.
///
/// Root uses only the global socket. A member of the tracing group tries the global socket
/// first and falls back to its own; anyone else uses its own. The real library probes the
/// global socket with an extra empty connection; we instead try to connect for the command
/// itself and fall back when that fails, so no extra connection is ever made.
pub fn candidate_sockets(ids: &Ids, in_group: impl FnOnce() -> bool) -> Vec<PathBuf> {
    if ids.is_root() {
        return vec![PathBuf::from(GLOBAL_CLIENT_SOCKET)];
    }
    let mut out = Vec::with_capacity(2);
    if in_group() {
        out.push(PathBuf::from(GLOBAL_CLIENT_SOCKET));
    }
    if let Some(home) = home_client_socket_for(ids) {
        out.push(home);
    }
    out
}

/// The root daemons' run directory (compiled into Debian's 2.13.9).
pub const GLOBAL_RUNDIR: &str = "/var/run/lttng";

/// The notification socket's name, under the run directory or `<home>/.lttng/`.
pub const NOTIFICATION_SOCKET_NAME: &str = "sessiond-notification";

/// The notification sockets to try, in order, for a process whose ids are `ids`: the root
/// daemon's, then the one under the LTTng home, for everyone, root included (upstream asks
/// about the tracing group, but its check answers -1 for a non-member, which counts as
/// true, so every caller tries the root daemon's socket first; and unlike the command
/// socket, root falls back to its own home).
pub fn notification_sockets(ids: &Ids) -> Vec<PathBuf> {
    let mut out = vec![PathBuf::from(format!(
        "{GLOBAL_RUNDIR}/{NOTIFICATION_SOCKET_NAME}"
    ))];
    if let Some(home) = home_dir_for(ids) {
        out.push(home_file(home, NOTIFICATION_SOCKET_NAME));
    }
    out
}

/// The health sockets to try, in order, to ask `component` about its health, for a process
/// whose ids are `ids`; the first that accepts the connection is the one asked.
///
/// A relay daemon's socket is the path given, alone. For the others, upstream's rules
/// (`lttng-ctl-health.c`), quirks included:
/// * the root daemon's socket (`/var/run/lttng/...`) first, for everyone: upstream asks
///   whether the process is in the tracing group, but its check answers -1 for a
///   non-member (and for a group that does not exist), which counts as true, so the answer
///   never changes the choice and is not looked up here;
/// * then, when that connection fails, the socket under the LTTng home (`$LTTNG_HOME`,
///   `$HOME`, the passwd entry, else `/tmp`), except for root (real uid 0), for which the
///   retry computes the root daemon's path again: root never reaches a per-user daemon.
pub fn health_sockets(component: &Component, ids: &Ids) -> Vec<PathBuf> {
    let name = match component {
        Component::Relayd(path) => return vec![path.clone()],
        Component::Sessiond => "sessiond-health",
        Component::Consumerd(Consumerd::Ust32) => "ustconsumerd32/health",
        Component::Consumerd(Consumerd::Ust64) => "ustconsumerd64/health",
        Component::Consumerd(Consumerd::Kernel) => "kconsumerd/health",
    };
    let global = PathBuf::from(format!("{GLOBAL_RUNDIR}/{name}"));
    let retry = if ids.is_root() {
        global.clone()
    } else {
        home_file(
            home_dir_for(ids).unwrap_or_else(|| PathBuf::from("/tmp")),
            name,
        )
    };
    vec![global, retry]
}

#[cfg(test)]
mod tests {
    use super::*;

    const USER: Ids = Ids {
        uid: 1000,
        euid: 1000,
        gid: 1000,
        egid: 1000,
    };
    const ROOT: Ids = Ids {
        uid: 0,
        euid: 0,
        gid: 0,
        egid: 0,
    };

    #[test]
    fn health_sockets_follow_upstream() {
        let home = home_dir_for(&USER).unwrap_or_else(|| PathBuf::from("/tmp"));
        let at_home = |name: &str| home_file(home.clone(), name);
        assert_eq!(
            health_sockets(&Component::Sessiond, &USER),
            [
                PathBuf::from("/var/run/lttng/sessiond-health"),
                at_home("sessiond-health")
            ]
        );
        for (kind, name) in [
            (Consumerd::Ust32, "ustconsumerd32/health"),
            (Consumerd::Ust64, "ustconsumerd64/health"),
            (Consumerd::Kernel, "kconsumerd/health"),
        ] {
            let component = Component::Consumerd(kind);
            let global = PathBuf::from(format!("/var/run/lttng/{name}"));
            assert_eq!(
                health_sockets(&component, &USER),
                [global.clone(), at_home(name)]
            );
            // Root retries the root daemon's socket, never its home.
            assert_eq!(health_sockets(&component, &ROOT), [global.clone(), global]);
        }
        let relayd = Component::Relayd(PathBuf::from("rel/health-12"));
        assert_eq!(
            health_sockets(&relayd, &ROOT),
            [PathBuf::from("rel/health-12")]
        );
    }

    #[test]
    fn an_empty_home_is_joined_as_upstream_formats_it() {
        assert_eq!(
            home_file(PathBuf::new(), "sessiond-health"),
            PathBuf::from("/.lttng/sessiond-health")
        );
    }
}
