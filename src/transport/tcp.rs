//! TCP socket options the standard library does not expose.

use std::io;
use std::net::TcpStream;

/// Sends any delayed acknowledgement now and acknowledges at once for a while
/// (`TCP_QUICKACK`). A peer that leaves Nagle's algorithm on (as `lttng-relayd` does) holds
/// its second small reply until the first is acknowledged; a client about to wait for
/// several replies calls this so that the wait does not last a delayed-ACK timeout.
pub fn quick_ack(stream: &TcpStream) -> io::Result<()> {
    Ok(rustix::net::sockopt::set_tcp_quickack(stream, true)?)
}
