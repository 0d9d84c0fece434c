//! Gathered writes on any stream socket: several buffers in one `sendmsg`, never SIGPIPE.
//! The consumer sends a packet's header and its content this way, without first copying
//! them into one buffer.

use std::io::{self, IoSlice};
use std::os::fd::AsFd;

use rustix::io::retry_on_intr;
use rustix::net::{SendAncillaryBuffer, SendFlags};

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
    let mut iov = [IoSlice::new(&[]); MAX_PARTS];
    // Index of the first part not sent in full, and how much of it was sent.
    let mut first = 0;
    let mut sent_of_first = 0;
    while first < parts.len() {
        let mut count = 0;
        for (k, part) in parts[first..].iter().enumerate() {
            let part = if k == 0 { &part[sent_of_first..] } else { part };
            iov[count] = IoSlice::new(part);
            count += 1;
        }
        let mut n = retry_on_intr(|| {
            rustix::net::sendmsg(
                socket,
                &iov[..count],
                &mut SendAncillaryBuffer::default(),
                SendFlags::NOSIGNAL,
            )
        })?;
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
