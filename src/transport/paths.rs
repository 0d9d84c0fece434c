//! Where the session daemon's client socket is, chosen per call as the real library does.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::PathBuf;

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
    let mut path = home_dir_for(ids)?.into_os_string().into_vec();
    path.extend_from_slice(b"/.lttng/");
    path.extend_from_slice(CLIENT_SOCKET_NAME.as_bytes());
    Some(PathBuf::from(OsString::from_vec(path)))
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
