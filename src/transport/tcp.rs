//! TCP socket options the standard library does not expose.

use std::io;
use std::net::TcpStream;
use std::os::fd::AsRawFd;

/// Sends any delayed acknowledgement now and acknowledges at once for a while
/// (`TCP_QUICKACK`). A peer that leaves Nagle's algorithm on (as `lttng-relayd` does) holds
/// its second small reply until the first is acknowledged; a client about to wait for
/// several replies calls this so that the wait does not last a delayed-ACK timeout.
pub fn quick_ack(stream: &TcpStream) -> io::Result<()> {
    let on: libc::c_int = 1;
    // SAFETY: the option value is a live c_int and its exact size is passed.
    let r = unsafe {
        libc::setsockopt(
            stream.as_raw_fd(),
            libc::IPPROTO_TCP,
            libc::TCP_QUICKACK,
            (&raw const on).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}
