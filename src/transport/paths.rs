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

/// True when the process runs setuid or setgid; environment variables are then ignored.
fn is_setuid_setgid() -> bool {
    // SAFETY: these getters have no preconditions and cannot fail.
    unsafe { libc::geteuid() != libc::getuid() || libc::getegid() != libc::getgid() }
}

fn env_unless_privileged(name: &str) -> Option<OsString> {
    if is_setuid_setgid() {
        None
    } else {
        std::env::var_os(name)
    }
}

/// The LTTng home directory: `$LTTNG_HOME` verbatim (even empty), else `$HOME`, else the
/// passwd entry of the real uid.
pub fn home_dir() -> Option<PathBuf> {
    if let Some(home) = env_unless_privileged("LTTNG_HOME") {
        return Some(PathBuf::from(home));
    }
    if let Some(home) = env_unless_privileged("HOME") {
        return Some(PathBuf::from(home));
    }
    passwd_home()
}

fn passwd_home() -> Option<PathBuf> {
    let mut buf = vec![0u8; 16384];
    // SAFETY: passwd is plain data; all-zero is valid.
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut result: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: every pointer is live and `buf.len()` is the size of `buf`; getuid cannot fail.
    let rc = unsafe {
        libc::getpwuid_r(
            libc::getuid(),
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
    let mut path = home_dir()?.into_os_string().into_vec();
    path.extend_from_slice(b"/.lttng/");
    path.extend_from_slice(CLIENT_SOCKET_NAME.as_bytes());
    Some(PathBuf::from(OsString::from_vec(path)))
}

/// True when the real uid is root.
pub fn is_root() -> bool {
    // SAFETY: getuid has no preconditions and cannot fail.
    unsafe { libc::getuid() == 0 }
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

/// The client sockets to try, in order, for a caller whose tracing group is `group`.
///
/// Root uses only the global socket. A member of the tracing group tries the global socket
/// first and falls back to its own; anyone else uses its own. The real library probes the
/// global socket with an extra empty connection; we instead try to connect for the command
/// itself and fall back when that fails, so no extra connection is ever made.
pub fn candidate_sockets(group: &str) -> Vec<PathBuf> {
    if is_root() {
        return vec![PathBuf::from(GLOBAL_CLIENT_SOCKET)];
    }
    let mut out = Vec::with_capacity(2);
    if is_group_member(group) {
        out.push(PathBuf::from(GLOBAL_CLIENT_SOCKET));
    }
    if let Some(home) = home_client_socket() {
        out.push(home);
    }
    out
}
