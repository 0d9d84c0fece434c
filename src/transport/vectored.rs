//! Gathered writes on any stream socket: several buffers in one `sendmsg`, never SIGPIPE.
//! The consumer sends a packet's header and its content this way, without first copying
//! them into one buffer.

use std::io;
use std::mem;
use std::os::fd::{AsFd, AsRawFd};

/// Most buffers gathered per call (far below `IOV_MAX`).
pub const MAX_PARTS: usize = 8;

/// Sends every byte of `parts`, in order, on the stream socket `socket`, retrying short
/// writes and interruptions. `MSG_NOSIGNAL`: a closed peer is an `EPIPE` error, not a
/// signal.
pub fn send_all(socket: &impl AsFd, parts: &[&[u8]]) -> io::Result<()> {
    if parts.len() > MAX_PARTS {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "too many parts",
        ));
    }
    let fd = socket.as_fd().as_raw_fd();
    let mut iov = [libc::iovec {
        iov_base: std::ptr::null_mut(),
        iov_len: 0,
    }; MAX_PARTS];
    // Index of the first part not sent in full, and how much of it was sent.
    let mut first = 0;
    let mut sent_of_first = 0;
    while first < parts.len() {
        let mut count = 0;
        for (k, part) in parts[first..].iter().enumerate() {
            let part = if k == 0 { &part[sent_of_first..] } else { part };
            iov[count] = libc::iovec {
                iov_base: part.as_ptr() as *mut libc::c_void,
                iov_len: part.len(),
            };
            count += 1;
        }
        // SAFETY: msghdr is plain data; all-zero is a valid empty header.
        let mut msg: libc::msghdr = unsafe { mem::zeroed() };
        msg.msg_iov = iov.as_mut_ptr();
        msg.msg_iovlen = count as _;
        // SAFETY: `msg` points at `count` iovecs, each describing a live sub-slice of one of
        // `parts`, which sendmsg only reads; no control data.
        let n = unsafe { libc::sendmsg(fd, &msg, libc::MSG_NOSIGNAL) };
        if n < 0 {
            let err = io::Error::last_os_error();
            if err.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(err);
        }
        let mut n = n as usize;
        if n == 0 {
            return Err(io::ErrorKind::WriteZero.into());
        }
        while first < parts.len() {
            let left = parts[first].len() - sent_of_first;
            if n < left {
                sent_of_first += n;
                break;
            }
            n -= left;
            first += 1;
            sent_of_first = 0;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;
    use std::os::unix::net::UnixStream;

    #[test]
    fn sends_every_part_in_order_across_short_writes() {
        let (a, mut b) = UnixStream::pair().unwrap();
        let big: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
        let parts: Vec<Vec<u8>> = vec![b"head".to_vec(), vec![], big.clone(), b"tail".to_vec()];
        let reader = std::thread::spawn(move || {
            let mut got = Vec::new();
            b.read_to_end(&mut got).unwrap();
            got
        });
        let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
        send_all(&a, &refs).unwrap();
        drop(a);
        let got = reader.join().unwrap();
        assert_eq!(got, parts.concat());
    }

    #[test]
    fn a_closed_peer_is_an_error_not_a_signal() {
        let (a, b) = UnixStream::pair().unwrap();
        drop(b);
        let e = send_all(&a, &[b"x"]).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::BrokenPipe);
    }
}
