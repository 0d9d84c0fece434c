//! The command socket to a session daemon: a Unix stream socket, one command per
//! connection, credentials sent explicitly with the request header, never SIGPIPE.
//!
//! System calls go through `rustix` (on its libc backend, so that they are the C library's
//! functions as upstream's are: interposers, valgrind and thread cancellation see the same
//! calls). Three things no crate covers stay `unsafe` here: registering a `pthread_atfork`
//! handler, one `recvmsg` that scatters into a `Vec`'s spare capacity, and lending the
//! raw descriptor numbers the trigger API passes to `send_fds`.

use std::io::{self, IoSlice, IoSliceMut};
use std::mem::{self, MaybeUninit};
use std::os::fd::{AsRawFd, BorrowedFd, OwnedFd, RawFd};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::Path;
use std::sync::atomic::{AtomicI32, Ordering};

use rustix::io::{Errno, retry_on_intr};
use rustix::net::{
    RecvAncillaryBuffer, RecvAncillaryMessage, RecvFlags, SendAncillaryBuffer,
    SendAncillaryMessage, SendFlags, UCred,
};
use rustix::process::{Gid, Pid, Uid};

use crate::transport::paths::Ids;

/// `MSG_NOSIGNAL` on receives too, as upstream passes it (the kernel ignores it there).
const RECV_NOSIGNAL: RecvFlags = RecvFlags::from_bits_retain(libc::MSG_NOSIGNAL as u32);

/// This process's pid as last read, for the credentials (0: not read yet). A pid changes
/// only in a child after `fork`: a handler registered with `pthread_atfork` forgets it there.
/// A child made without `fork(3)` (a raw `clone`) would keep the parent's; the kernel refuses
/// such credentials with EPERM before anything is sent (unless the process has
/// CAP_SYS_ADMIN), and the send then reads the pid again and retries.
static PID: AtomicI32 = AtomicI32::new(0);

extern "C" fn forget_pid_in_child() {
    PID.store(0, Ordering::Relaxed);
}

fn pid(refresh: bool) -> Pid {
    static AT_FORK: std::sync::Once = std::sync::Once::new();
    AT_FORK.call_once(|| {
        // SAFETY: neither rustix nor nix wraps pthread_atfork. The handler is a plain
        // function that only stores to an atomic, which is async-signal-safe as a fork child
        // handler must be; glibc records it against this library's `__dso_handle` and
        // drops it if the library is unloaded, so it never runs once its code is gone.
        // Registering cannot fail in a way that matters: without it, the EPERM retry below
        // still applies.
        unsafe { libc::pthread_atfork(None, None, Some(forget_pid_in_child)) };
    });
    match Pid::from_raw(PID.load(Ordering::Relaxed)) {
        Some(cached) if !refresh => cached,
        _ => {
            let now = rustix::process::getpid();
            PID.store(now.as_raw_pid(), Ordering::Relaxed);
            now
        }
    }
}

/// Most file descriptors passed in one `SCM_RIGHTS` message, as upstream.
pub const MAX_FDS: usize = 253;

/// Length of a Unix socket path, terminator included (`sizeof(sun_path)`).
pub const SUN_PATH_CAPACITY: usize = 108;

/// Wakes every thread blocked in `accept` on `listener` (they get an error) and makes later
/// `accept`s fail at once: Linux's answer to `shutdown` on a listening socket. Unlike a
/// connection to the socket's path, it works when the path is gone.
pub fn stop_accepting(listener: &UnixListener) -> io::Result<()> {
    Ok(rustix::net::shutdown(
        listener,
        rustix::net::Shutdown::Both,
    )?)
}

/// A connected command socket. Dropping it shuts the connection down and closes it.
#[derive(Debug)]
pub struct Connection {
    stream: UnixStream,
    /// Whether dropping shuts the connection down before closing it (a daemon's
    /// connections, whose fd may have been inherited); a client's is only closed.
    shutdown_on_drop: bool,
}

impl Connection {
    /// Connects to the Unix stream socket at `path`.
    pub fn connect(path: &Path) -> io::Result<Connection> {
        if path.as_os_str().len() >= SUN_PATH_CAPACITY {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "socket path too long",
            ));
        }
        let stream = UnixStream::connect(path)?;
        Ok(Connection {
            stream,
            shutdown_on_drop: false,
        })
    }

    /// Wraps an already connected stream (used by the reference daemon and tests).
    pub fn from_stream(stream: UnixStream) -> Connection {
        Connection {
            stream,
            shutdown_on_drop: true,
        }
    }

    /// The underlying stream.
    pub fn stream(&self) -> &UnixStream {
        &self.stream
    }

    /// Sends `buf` in full; the first `sendmsg` carries `SCM_CREDENTIALS` with this process's
    /// pid, effective uid and effective gid. Never raises SIGPIPE.
    pub fn send_with_credentials(&self, buf: &[u8]) -> io::Result<()> {
        self.send_two_with_credentials(buf, &[], &Ids::current())
    }

    /// Sends `head` then `tail` in full, gathered into one `sendmsg` that carries
    /// `SCM_CREDENTIALS` (this process's pid, and the effective uid and gid of `ids`); what a
    /// short write leaves goes in further `sendmsg`s without credentials. Never raises
    /// SIGPIPE.
    pub fn send_two_with_credentials(&self, head: &[u8], tail: &[u8], ids: &Ids) -> io::Result<()> {
        let parts = [head, tail];
        let iov = [IoSlice::new(head), IoSlice::new(tail)];
        let mut creds = UCred {
            pid: pid(false),
            uid: Uid::from_raw_unchecked(ids.euid),
            gid: Gid::from_raw_unchecked(ids.egid),
        };
        let sent = loop {
            let mut space = [MaybeUninit::uninit(); rustix::cmsg_space!(ScmCredentials(1))];
            let mut control = SendAncillaryBuffer::new(&mut space);
            let pushed = control.push(SendAncillaryMessage::ScmCredentials(creds));
            debug_assert!(pushed, "room for the credentials");
            match self.sendmsg(&iov, &mut control) {
                Err(Errno::PERM) if creds.pid != pid(true) => creds.pid = pid(false),
                other => break other?,
            }
        };
        let mut skip = sent;
        for part in parts {
            let n = skip.min(part.len());
            skip -= n;
            self.send(&part[n..])?;
        }
        Ok(())
    }

    /// Sends `buf` in full, retrying short writes. Never raises SIGPIPE.
    pub fn send(&self, mut buf: &[u8]) -> io::Result<()> {
        while !buf.is_empty() {
            let sent = self.sendmsg(&[IoSlice::new(buf)], &mut SendAncillaryBuffer::default())?;
            buf = &buf[sent..];
        }
        Ok(())
    }

    /// Sends file descriptors as one `SCM_RIGHTS` message carried by a single 0 byte.
    pub fn send_fds(&self, fds: &[RawFd]) -> io::Result<()> {
        if fds.is_empty() || fds.len() > MAX_FDS {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "bad fd count"));
        }
        // SAFETY: the borrows live only until this function returns and nothing keeps
        // them; the kernel reads the numbers and refuses (EBADF) one that is not open, so
        // no memory is at stake. The caller owns the descriptors (the trigger API hands the
        // numbers its C caller passed): when it takes typed fds, this block goes.
        let borrowed: Vec<BorrowedFd<'_>> = fds
            .iter()
            .map(|&fd| unsafe { BorrowedFd::borrow_raw(fd) })
            .collect();
        let mut space = vec![MaybeUninit::uninit(); rustix::cmsg_space!(ScmRights(fds.len()))];
        let mut control = SendAncillaryBuffer::new(&mut space);
        let pushed = control.push(SendAncillaryMessage::ScmRights(&borrowed));
        debug_assert!(pushed, "room for the descriptors");
        self.sendmsg(&[IoSlice::new(&[0u8])], &mut control)?;
        Ok(())
    }

    /// Receives file descriptors sent as one `SCM_RIGHTS` message with a 1-byte body.
    pub fn recv_fds(&self, count: usize) -> io::Result<Vec<OwnedFd>> {
        if count == 0 || count > MAX_FDS {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "bad fd count"));
        }
        let mut byte = [0u8; 1];
        // Room for exactly `count` descriptors, as upstream: more are refused by the kernel
        // (MSG_CTRUNC), not received.
        let mut space = vec![MaybeUninit::uninit(); rustix::cmsg_space!(ScmRights(count))];
        let start = space
            .as_ptr()
            .align_offset(mem::align_of::<libc::cmsghdr>());
        let exact = rustix::cmsg_aligned_space!(ScmRights(count));
        let mut control = RecvAncillaryBuffer::new(&mut space[start..start + exact]);
        let got = retry_on_intr(|| {
            rustix::net::recvmsg(
                &self.stream,
                &mut [IoSliceMut::new(&mut byte)],
                &mut control,
                RECV_NOSIGNAL | RecvFlags::CMSG_CLOEXEC,
            )
        })?;
        let mut fds = Vec::new();
        for message in control.drain() {
            if let RecvAncillaryMessage::ScmRights(received) = message {
                fds.extend(received);
            }
        }
        if got.bytes == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        if fds.len() != count {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "wrong fd count"));
        }
        Ok(fds)
    }

    /// Fills `buf` completely. A peer that closes first gives `UnexpectedEof`.
    pub fn recv_exact(&self, buf: &mut [u8]) -> io::Result<()> {
        let mut got = 0;
        while got < buf.len() {
            match self.recv_some(&mut buf[got..])? {
                0 => return Err(io::ErrorKind::UnexpectedEof.into()),
                n => got += n,
            }
        }
        Ok(())
    }

    /// Reads what arrives first into `head`, then, past its end, into the spare capacity of
    /// `tail` (one `recvmsg`), and extends `tail` by what landed there. Returns the bytes
    /// read in all; 0 means the peer closed.
    pub fn recv_scatter(&self, head: &mut [u8], tail: &mut Vec<u8>) -> io::Result<usize> {
        let spare = tail.spare_capacity_mut();
        let mut iov = [
            libc::iovec {
                iov_base: head.as_mut_ptr().cast(),
                iov_len: head.len(),
            },
            libc::iovec {
                iov_base: spare.as_mut_ptr().cast(),
                iov_len: spare.len(),
            },
        ];
        let n = loop {
            // SAFETY: no crate receives through several buffers into uninitialised memory
            // (rustix's and nix's recvmsg take `IoSliceMut`, which must be initialised, and
            // zeroing the 16 KiB first would cost every reply). msghdr is plain data, for
            // which all-zero is a valid empty header (no name, no control buffer); it points
            // at the two iovecs, which describe `head` and the spare capacity of `tail`, both
            // valid for writes of their lengths and borrowed mutably for the whole call.
            let n = unsafe {
                let mut msg: libc::msghdr = mem::zeroed();
                msg.msg_iov = iov.as_mut_ptr();
                msg.msg_iovlen = iov.len() as _;
                libc::recvmsg(self.stream.as_raw_fd(), &mut msg, libc::MSG_NOSIGNAL)
            };
            if let Ok(n) = usize::try_from(n) {
                break n;
            }
            let err = io::Error::last_os_error();
            if err.kind() != io::ErrorKind::Interrupted {
                return Err(err);
            }
        };
        let into_tail = n.saturating_sub(head.len());
        // SAFETY: recvmsg initialised the first `into_tail` bytes of the spare capacity
        // (it fills the iovecs in order and received `n` bytes, `head.len()` of them into
        // `head`); `into_tail` is at most the spare capacity, so the new length is within
        // the capacity.
        unsafe { tail.set_len(tail.len() + into_tail) };
        Ok(n)
    }

    /// Reads into `buf` what arrives first; 0 means the peer closed.
    pub fn recv_some(&self, buf: &mut [u8]) -> io::Result<usize> {
        let (n, _) = retry_on_intr(|| rustix::net::recv(&self.stream, &mut *buf, RECV_NOSIGNAL))?;
        Ok(n)
    }

    /// One `sendmsg` with `MSG_NOSIGNAL`, retried when interrupted; the bytes sent.
    fn sendmsg(
        &self,
        iov: &[IoSlice<'_>],
        control: &mut SendAncillaryBuffer<'_, '_, '_>,
    ) -> Result<usize, Errno> {
        retry_on_intr(|| rustix::net::sendmsg(&self.stream, iov, control, SendFlags::NOSIGNAL))
    }

    /// Waits until the socket has data (or the peer closed) for at most `timeout` (`None`:
    /// forever). True when readable.
    pub fn poll_readable(&self, timeout: Option<std::time::Duration>) -> io::Result<bool> {
        use rustix::event::{PollFd, PollFlags, Timespec};
        let timeout = timeout.and_then(|t| Timespec::try_from(t).ok());
        let mut fds = [PollFd::new(&self.stream, PollFlags::IN)];
        let n = retry_on_intr(|| rustix::event::poll(&mut fds, timeout.as_ref()))?;
        Ok(n > 0)
    }

    /// Waits until the socket has data, or an error or hang-up to report, for at most
    /// `timeout` (`None`: forever). True when readable. Unlike [`Connection::poll_readable`],
    /// a signal that interrupts the wait ends it: `Err` of kind `Interrupted`.
    pub fn wait_readable_interruptible(
        &self,
        timeout: Option<std::time::Duration>,
    ) -> io::Result<bool> {
        use rustix::event::{PollFd, PollFlags, Timespec};
        let timeout = timeout.and_then(|t| Timespec::try_from(t).ok());
        let mut fds = [PollFd::new(&self.stream, PollFlags::IN | PollFlags::ERR)];
        let n = rustix::event::poll(&mut fds, timeout.as_ref())?;
        Ok(n > 0)
    }

    /// Shuts the connection down both ways (the descriptor stays open until dropped): a
    /// thread blocked reading it wakes up and reads the end of the stream.
    pub fn shutdown(&self) -> io::Result<()> {
        self.stream.shutdown(std::net::Shutdown::Both)
    }

    /// The descriptor's number (for a caller that polls it itself).
    pub fn raw_fd(&self) -> RawFd {
        self.stream.as_raw_fd()
    }

    /// Enables `SO_PASSCRED` so that received messages carry the peer's credentials.
    pub fn set_passcred(&self) -> io::Result<()> {
        Ok(rustix::net::sockopt::set_socket_passcred(
            &self.stream,
            true,
        )?)
    }

    /// The credentials of the peer, as the kernel recorded them at connect time.
    pub fn peer_credentials(&self) -> io::Result<UCred> {
        Ok(rustix::net::sockopt::socket_peercred(&self.stream)?)
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        if self.shutdown_on_drop {
            let _ = self.stream.shutdown(std::net::Shutdown::Both);
        }
    }
}
