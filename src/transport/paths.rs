//! Where the session daemon's client socket is, chosen per call as the real library does.

use std::ffi::{CStr, CString, OsString};
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
        let (mut uid, mut euid, mut suid) = (0, 0, 0);
        let (mut gid, mut egid, mut sgid) = (0, 0, 0);
        // SAFETY: each pointer is to a live local; getresuid/getresgid only write through
        // them and cannot fail with valid pointers.
        unsafe {
            libc::getresuid(&mut uid, &mut euid, &mut suid);
            libc::getresgid(&mut gid, &mut egid, &mut sgid);
        }
        Ids {
            uid,
            euid,
            gid,
            egid,
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
    let mut buf = vec![0u8; 16384];
    // SAFETY: passwd is plain data; all-zero is valid.
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut result: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: every pointer is live and `buf.len()` is the size of `buf`.
    let rc = unsafe {
        libc::getpwuid_r(
            uid,
            &mut pwd,
            buf.as_mut_ptr().cast(),
            buf.len(),
            &mut result,
        )
    };
    if rc != 0 || result.is_null() || pwd.pw_dir.is_null() {
        return None;
    }
    // SAFETY: on success pw_dir points at a NUL-terminated string inside `buf`.
    let dir = unsafe { CStr::from_ptr(pwd.pw_dir) };
    Some(PathBuf::from(OsString::from_vec(dir.to_bytes().to_vec())))
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
    let Ok(name) = CString::new(group) else {
        return false;
    };
    let mut buf = vec![0u8; 16384];
    // SAFETY: group is plain data; all-zero is valid.
    let mut grp: libc::group = unsafe { std::mem::zeroed() };
    let mut result: *mut libc::group = std::ptr::null_mut();
    // SAFETY: every pointer is live, `name` is NUL-terminated and `buf.len()` is its size.
    let rc = unsafe {
        libc::getgrnam_r(
            name.as_ptr(),
            &mut grp,
            buf.as_mut_ptr().cast(),
            buf.len(),
            &mut result,
        )
    };
    if rc != 0 || result.is_null() {
        return false;
    }
    let gid = grp.gr_gid;
    // SAFETY: a NULL list with size 0 asks for the count.
    let count = unsafe { libc::getgroups(0, std::ptr::null_mut()) };
    if count <= 0 {
        return false;
    }
    let mut groups = vec![0 as libc::gid_t; count as usize];
    // SAFETY: `groups` has room for `count` entries.
    let got = unsafe { libc::getgroups(count, groups.as_mut_ptr()) };
    got > 0 && groups[..got as usize].contains(&gid)
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
