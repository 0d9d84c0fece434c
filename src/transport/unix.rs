//! The command socket to a session daemon: a Unix stream socket, one command per
//! connection, credentials sent explicitly with the request header, never SIGPIPE.

use std::io;
use std::mem;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::sync::atomic::{AtomicI32, Ordering};

use crate::transport::paths::Ids;

/// This process's pid as last read, for the credentials (0: not read yet). A pid changes
/// only in a child after `fork`: a handler registered with `pthread_atfork` forgets it there.
/// A child made without `fork(3)` (a raw `clone`) would keep the parent's; the kernel refuses
/// such credentials with EPERM before anything is sent (unless the process has
/// CAP_SYS_ADMIN), and the send then reads the pid again and retries.
static PID: AtomicI32 = AtomicI32::new(0);

extern "C" fn forget_pid_in_child() {
    PID.store(0, Ordering::Relaxed);
}

fn pid(refresh: bool) -> libc::pid_t {
    static AT_FORK: std::sync::Once = std::sync::Once::new();
    AT_FORK.call_once(|| {
        // SAFETY: the handler is a plain function that only stores to an atomic, which is
        // async-signal-safe as a fork child handler must be; registering cannot fail in a
        // way that matters (without it, the EPERM retry below still applies).
        unsafe { libc::pthread_atfork(None, None, Some(forget_pid_in_child)) };
    });
    let cached = PID.load(Ordering::Relaxed);
    if cached != 0 && !refresh {
        return cached;
    }
    // SAFETY: getpid has no preconditions and cannot fail.
    let now = unsafe { libc::getpid() };
    PID.store(now, Ordering::Relaxed);
    now
}

/// Most file descriptors passed in one `SCM_RIGHTS` message, as upstream.
pub const MAX_FDS: usize = 253;

/// Length of a Unix socket path, terminator included (`sizeof(sun_path)`).
pub const SUN_PATH_CAPACITY: usize = 108;

/// Wakes every thread blocked in `accept` on `listener` (they get an error) and makes later
/// `accept`s fail at once: Linux's answer to `shutdown` on a listening socket. Unlike a
/// connection to the socket's path, it works when the path is gone.
pub fn stop_accepting(listener: &std::os::unix::net::UnixListener) -> io::Result<()> {
    // SAFETY: the fd is the listener's, open for the duration of the call; shutdown does
    // not close it.
    let rc = unsafe { libc::shutdown(listener.as_raw_fd(), libc::SHUT_RDWR) };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
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
        let mut creds = libc::ucred {
            pid: pid(false),
            uid: ids.euid,
            gid: ids.egid,
        };
        let iov = [io::IoSlice::new(head), io::IoSlice::new(tail)];
        let sent = loop {
            let mut control = ControlBuffer::new(mem::size_of::<libc::ucred>());
            control.push(libc::SCM_CREDENTIALS, &creds_bytes(&creds));
            match self.sendmsg_vectored(&iov, Some(&mut control)) {
                Err(e) if e.raw_os_error() == Some(libc::EPERM) && creds.pid != pid(true) => {
                    creds.pid = pid(false);
                }
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
            let sent = self.sendmsg(buf, None)?;
            buf = &buf[sent..];
        }
        Ok(())
    }

    /// Sends file descriptors as one `SCM_RIGHTS` message carried by a single 0 byte.
    pub fn send_fds(&self, fds: &[RawFd]) -> io::Result<()> {
        if fds.is_empty() || fds.len() > MAX_FDS {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "bad fd count"));
        }
        let bytes: Vec<u8> = fds.iter().flat_map(|fd| fd.to_ne_bytes()).collect();
        let mut control = ControlBuffer::new(bytes.len());
        control.push(libc::SCM_RIGHTS, &bytes);
        self.sendmsg(&[0u8], Some(&mut control)).map(|_| ())
    }

    /// Receives file descriptors sent as one `SCM_RIGHTS` message with a 1-byte body.
    pub fn recv_fds(&self, count: usize) -> io::Result<Vec<OwnedFd>> {
        if count == 0 || count > MAX_FDS {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "bad fd count"));
        }
        let mut byte = [0u8; 1];
        let mut control = ControlBuffer::new(count * mem::size_of::<RawFd>());
        let (n, fds) = self.recvmsg(&mut byte, &mut control)?;
        if n == 0 {
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
            // SAFETY: the pointer and length describe the unfilled tail of `buf`, which is
            // valid for writes for its whole length.
            let n = unsafe {
                libc::recv(
                    self.stream.as_raw_fd(),
                    buf[got..].as_mut_ptr().cast(),
                    buf.len() - got,
                    libc::MSG_NOSIGNAL,
                )
            };
            if n < 0 {
                let err = io::Error::last_os_error();
                if err.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(err);
            }
            if n == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            got += n as usize;
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
        // SAFETY: msghdr is plain data; all-zero is a valid empty header.
        let mut msg: libc::msghdr = unsafe { mem::zeroed() };
        msg.msg_iov = iov.as_mut_ptr();
        msg.msg_iovlen = iov.len() as _;
        let n = loop {
            // SAFETY: the two iovecs describe `head` and the spare capacity of `tail`, both
            // valid for writes of their lengths for the duration of the call; no control
            // buffer is given.
            let n = unsafe { libc::recvmsg(self.stream.as_raw_fd(), &mut msg, libc::MSG_NOSIGNAL) };
            if n >= 0 {
                break n as usize;
            }
            let err = io::Error::last_os_error();
            if err.kind() != io::ErrorKind::Interrupted {
                return Err(err);
            }
        };
        let into_tail = n.saturating_sub(head.len());
        // SAFETY: recvmsg initialised the first `into_tail` bytes of the spare capacity,
        // which it received past `head`.
        unsafe { tail.set_len(tail.len() + into_tail) };
        Ok(n)
    }

    /// Reads into `buf` what arrives first; 0 means the peer closed.
    pub fn recv_some(&self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            // SAFETY: `buf` is valid for writes of `buf.len()` bytes.
            let n = unsafe {
                libc::recv(
                    self.stream.as_raw_fd(),
                    buf.as_mut_ptr().cast(),
                    buf.len(),
                    libc::MSG_NOSIGNAL,
                )
            };
            if n >= 0 {
                return Ok(n as usize);
            }
            let err = io::Error::last_os_error();
            if err.kind() != io::ErrorKind::Interrupted {
                return Err(err);
            }
        }
    }

    fn sendmsg(&self, buf: &[u8], control: Option<&mut ControlBuffer>) -> io::Result<usize> {
        self.sendmsg_vectored(&[io::IoSlice::new(buf)], control)
    }

    fn sendmsg_vectored(
        &self,
        iov: &[io::IoSlice<'_>],
        control: Option<&mut ControlBuffer>,
    ) -> io::Result<usize> {
        // SAFETY: msghdr is plain data; all-zero is a valid empty header.
        let mut msg: libc::msghdr = unsafe { mem::zeroed() };
        // IoSlice is ABI-compatible with iovec (std guarantees it on Unix); sendmsg only
        // reads through msg_iov.
        msg.msg_iov = iov.as_ptr() as *mut libc::iovec;
        msg.msg_iovlen = iov.len() as _;
        if let Some(control) = control {
            msg.msg_control = control.buf.as_mut_ptr().cast();
            msg.msg_controllen = control.used as _;
        }
        loop {
            // SAFETY: `msg` points at the iovecs of `iov` (only read by sendmsg) and at a
            // control buffer built by ControlBuffer::push, all alive for the call.
            let n = unsafe { libc::sendmsg(self.stream.as_raw_fd(), &msg, libc::MSG_NOSIGNAL) };
            if n >= 0 {
                return Ok(n as usize);
            }
            let err = io::Error::last_os_error();
            if err.kind() != io::ErrorKind::Interrupted {
                return Err(err);
            }
        }
    }

    fn recvmsg(
        &self,
        buf: &mut [u8],
        control: &mut ControlBuffer,
    ) -> io::Result<(usize, Vec<OwnedFd>)> {
        let mut iov = libc::iovec {
            iov_base: buf.as_mut_ptr().cast(),
            iov_len: buf.len(),
        };
        // SAFETY: msghdr is plain data; all-zero is a valid empty header.
        let mut msg: libc::msghdr = unsafe { mem::zeroed() };
        msg.msg_iov = &mut iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control.buf.as_mut_ptr().cast();
        msg.msg_controllen = (control.buf.len() * 8) as _;
        let n = loop {
            // SAFETY: `msg` describes `buf` and the control buffer, both valid for writes of
            // their lengths for the duration of the call.
            let n = unsafe {
                libc::recvmsg(
                    self.stream.as_raw_fd(),
                    &mut msg,
                    libc::MSG_NOSIGNAL | libc::MSG_CMSG_CLOEXEC,
                )
            };
            if n >= 0 {
                break n as usize;
            }
            let err = io::Error::last_os_error();
            if err.kind() != io::ErrorKind::Interrupted {
                return Err(err);
            }
        };
        let mut fds = Vec::new();
        // SAFETY: `msg` was filled by recvmsg; the CMSG_* macros walk its control buffer within
        // msg_controllen, and each SCM_RIGHTS payload holds whole ints that the kernel just
        // installed in this process, so taking ownership of them is sound.
        unsafe {
            let mut cmsg = libc::CMSG_FIRSTHDR(&msg);
            while !cmsg.is_null() {
                if (*cmsg).cmsg_level == libc::SOL_SOCKET && (*cmsg).cmsg_type == libc::SCM_RIGHTS {
                    let data = libc::CMSG_DATA(cmsg);
                    let len = (*cmsg).cmsg_len as usize - libc::CMSG_LEN(0) as usize;
                    for i in 0..len / mem::size_of::<RawFd>() {
                        let fd = std::ptr::read_unaligned(data.cast::<RawFd>().add(i));
                        fds.push(std::os::fd::FromRawFd::from_raw_fd(fd));
                    }
                }
                cmsg = libc::CMSG_NXTHDR(&msg, cmsg);
            }
        }
        Ok((n, fds))
    }

    /// Waits until the socket has data (or the peer closed) for at most `timeout` (`None`:
    /// forever). True when readable.
    pub fn poll_readable(&self, timeout: Option<std::time::Duration>) -> io::Result<bool> {
        let ms = timeout.map_or(-1, |t| i32::try_from(t.as_millis()).unwrap_or(i32::MAX));
        let mut pfd = libc::pollfd {
            fd: self.stream.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        loop {
            // SAFETY: `pfd` is one valid pollfd and the count passed is 1.
            let n = unsafe { libc::poll(&mut pfd, 1, ms) };
            if n >= 0 {
                return Ok(n > 0);
            }
            let err = io::Error::last_os_error();
            if err.kind() != io::ErrorKind::Interrupted {
                return Err(err);
            }
        }
    }

    /// Enables `SO_PASSCRED` so that received messages carry the peer's credentials.
    pub fn set_passcred(&self) -> io::Result<()> {
        let on: libc::c_int = 1;
        // SAFETY: the option value points at a live c_int and its size is passed.
        let rc = unsafe {
            libc::setsockopt(
                self.stream.as_raw_fd(),
                libc::SOL_SOCKET,
                libc::SO_PASSCRED,
                (&on as *const libc::c_int).cast(),
                mem::size_of::<libc::c_int>() as libc::socklen_t,
            )
        };
        if rc == 0 {
            Ok(())
        } else {
            Err(io::Error::last_os_error())
        }
    }

    /// The credentials of the peer, as the kernel recorded them at connect time.
    pub fn peer_credentials(&self) -> io::Result<libc::ucred> {
        // SAFETY: ucred is plain data; all-zero is valid.
        let mut cred: libc::ucred = unsafe { mem::zeroed() };
        let mut len = mem::size_of::<libc::ucred>() as libc::socklen_t;
        // SAFETY: `cred` and `len` are live and `len` holds the size of `cred`.
        let rc = unsafe {
            libc::getsockopt(
                self.stream.as_raw_fd(),
                libc::SOL_SOCKET,
                libc::SO_PEERCRED,
                (&mut cred as *mut libc::ucred).cast(),
                &mut len,
            )
        };
        if rc == 0 {
            Ok(cred)
        } else {
            Err(io::Error::last_os_error())
        }
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        if self.shutdown_on_drop {
            let _ = self.stream.shutdown(std::net::Shutdown::Both);
        }
    }
}

fn creds_bytes(creds: &libc::ucred) -> [u8; 12] {
    let mut out = [0u8; 12];
    out[..4].copy_from_slice(&creds.pid.to_ne_bytes());
    out[4..8].copy_from_slice(&creds.uid.to_ne_bytes());
    out[8..].copy_from_slice(&creds.gid.to_ne_bytes());
    out
}

/// An aligned buffer holding one control message.
struct ControlBuffer {
    buf: Vec<u64>,
    used: usize,
}

impl ControlBuffer {
    fn new(payload: usize) -> ControlBuffer {
        // SAFETY: CMSG_SPACE is a pure size computation.
        let space = unsafe { libc::CMSG_SPACE(payload as u32) } as usize;
        ControlBuffer {
            buf: vec![0u64; space.div_ceil(8)],
            used: 0,
        }
    }

    /// Writes one SOL_SOCKET control message of type `kind` carrying `data`.
    fn push(&mut self, kind: libc::c_int, data: &[u8]) {
        // SAFETY: CMSG_LEN/CMSG_SPACE are pure size computations.
        let (len, space) = unsafe {
            (
                libc::CMSG_LEN(data.len() as u32) as usize,
                libc::CMSG_SPACE(data.len() as u32) as usize,
            )
        };
        assert!(
            space <= self.buf.len() * 8,
            "control buffer sized for the message"
        );
        // SAFETY: a zeroed msghdr pointing at our buffer lets CMSG_FIRSTHDR return its start,
        // which is 8-byte aligned and has room for `space` bytes (asserted above); the header
        // and data writes stay inside that room.
        unsafe {
            let mut msg: libc::msghdr = mem::zeroed();
            msg.msg_control = self.buf.as_mut_ptr().cast();
            msg.msg_controllen = space as _;
            let cmsg = libc::CMSG_FIRSTHDR(&msg);
            (*cmsg).cmsg_level = libc::SOL_SOCKET;
            (*cmsg).cmsg_type = kind;
            (*cmsg).cmsg_len = len as _;
            std::ptr::copy_nonoverlapping(data.as_ptr(), libc::CMSG_DATA(cmsg), data.len());
        }
        // Like upstream, msg_controllen is CMSG_LEN of the one message (28 for credentials).
        self.used = len;
    }
}
