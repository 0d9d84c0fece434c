//! Termination signals for daemons: SIGTERM and SIGINT are blocked in every thread and
//! received synchronously by one waiting thread, so no async-signal handler is needed.

use std::io;

use nix::sys::signal::{SigHandler, SigSet, SigmaskHow, Signal};

fn termination_set() -> SigSet {
    let mut set = SigSet::empty();
    set.add(Signal::SIGTERM);
    set.add(Signal::SIGINT);
    set
}

/// Blocks SIGTERM and SIGINT in the calling thread (call it before spawning any thread, so
/// that every thread inherits the mask) and ignores SIGPIPE process-wide.
pub fn block_termination() -> io::Result<()> {
    nix::sys::signal::pthread_sigmask(SigmaskHow::SIG_BLOCK, Some(&termination_set()), None)?;
    // SAFETY: nix marks `signal` unsafe because a handler must be async-signal-safe;
    // SIG_IGN installs no handler code at all, so nothing runs in signal context.
    unsafe { nix::sys::signal::signal(Signal::SIGPIPE, SigHandler::SigIgn) }?;
    Ok(())
}

/// Waits until SIGTERM or SIGINT arrives (they must be blocked); returns the signal.
pub fn wait_termination() -> io::Result<i32> {
    Ok(termination_set().wait()? as i32)
}

/// The real uid of this process.
pub fn real_uid() -> u32 {
    rustix::process::getuid().as_raw()
}

/// Sends `signal` to the process `pid` (one the caller started).
pub fn kill(pid: u32, signal: i32) -> io::Result<()> {
    let pid = i32::try_from(pid).map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))?;
    let signal = Signal::try_from(signal)?;
    // A positive pid names one process.
    Ok(nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(pid),
        signal,
    )?)
}

/// Changes the group of `path` to `gid`, keeping its owner.
pub fn chgrp(path: &std::path::Path, gid: u32) -> io::Result<()> {
    std::os::unix::fs::chown(path, None, Some(gid))
}

/// The gid of group `name`, if it exists.
pub fn group_id(name: &str) -> Option<u32> {
    crate::transport::paths::group_id(name)
}

/// `YYYYmmdd-HHMMSS` of Unix time `secs` in the local time zone (as LTTng names outputs).
pub fn local_datetime(secs: u64) -> String {
    let t = libc::time_t::try_from(secs).unwrap_or(0);
    let mut tm = std::mem::MaybeUninit::<libc::tm>::uninit();
    // SAFETY: neither rustix nor nix converts to local time (it needs the C library's time
    // zone state). localtime_r is thread-safe, reads `t` and, when it returns non-NULL, has
    // filled every field of `tm`; both pointers are valid for the call.
    let tm = unsafe {
        if libc::localtime_r(&t, tm.as_mut_ptr()).is_null() {
            return "19700101-000000".to_owned();
        }
        tm.assume_init()
    };
    format!(
        "{:04}{:02}{:02}-{:02}{:02}{:02}",
        tm.tm_year + 1900,
        tm.tm_mon + 1,
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec
    )
}

/// This machine's host name.
pub fn hostname() -> String {
    rustix::system::uname()
        .nodename()
        .to_string_lossy()
        .into_owned()
}
