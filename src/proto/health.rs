//! The health check of the LTTng daemons (`include/lttng/health-internal.h`): one 4-byte
//! request, one 8-byte reply, both packed, in host order, one exchange per connection.

use crate::proto::DecodeError;

/// `HEALTH_CMD_CHECK`, the only command.
pub const CMD_CHECK: u32 = 0;
/// Size of `struct health_comm_msg`.
pub const REQUEST_LEN: usize = 4;
/// Size of `struct health_comm_reply`.
pub const REPLY_LEN: usize = 8;

/// The request: `struct health_comm_msg { u32 cmd = HEALTH_CMD_CHECK }`.
pub fn encode_check() -> [u8; REQUEST_LEN] {
    CMD_CHECK.to_ne_bytes()
}

/// The command of a request (a daemon's side).
pub fn decode_request(bytes: &[u8]) -> Result<u32, DecodeError> {
    let bytes: [u8; REQUEST_LEN] = exact(bytes)?;
    Ok(u32::from_ne_bytes(bytes))
}

/// The reply: `struct health_comm_reply { u64 ret_code }`, the bitmask of the threads in
/// bad health (bit `i`: thread `i`).
pub fn encode_reply(bad_threads: u64) -> [u8; REPLY_LEN] {
    bad_threads.to_ne_bytes()
}

/// The bitmask of a reply.
pub fn decode_reply(bytes: &[u8]) -> Result<u64, DecodeError> {
    let bytes: [u8; REPLY_LEN] = exact(bytes)?;
    Ok(u64::from_ne_bytes(bytes))
}

fn exact<const N: usize>(bytes: &[u8]) -> Result<[u8; N], DecodeError> {
    bytes.try_into().map_err(|_| {
        if bytes.len() < N {
            DecodeError::Truncated
        } else {
            DecodeError::Length
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_is_the_captured_bytes() {
        // The real library's request, captured with strace: 4 zero bytes.
        assert_eq!(encode_check(), [0, 0, 0, 0]);
        assert_eq!(decode_request(&[0, 0, 0, 0]), Ok(CMD_CHECK));
        assert_eq!(decode_request(&[0, 0, 0]), Err(DecodeError::Truncated));
        assert_eq!(decode_request(&[0; 5]), Err(DecodeError::Length));
    }

    #[test]
    fn reply_is_a_host_order_bitmask() {
        // A healthy daemon's reply, captured: 8 zero bytes.
        assert_eq!(decode_reply(&[0; 8]), Ok(0));
        let bytes = encode_reply(0b1000_0000_0101);
        assert_eq!(&bytes[..], &0x805u64.to_ne_bytes()[..]);
        assert_eq!(decode_reply(&bytes), Ok(0x805));
        assert_eq!(decode_reply(&encode_reply(u64::MAX)), Ok(u64::MAX));
        if cfg!(target_endian = "little") {
            assert_eq!(bytes, [5, 8, 0, 0, 0, 0, 0, 0]);
        }
        assert_eq!(decode_reply(&[0; 7]), Err(DecodeError::Truncated));
        assert_eq!(decode_reply(&[]), Err(DecodeError::Truncated));
        assert_eq!(decode_reply(&[0; 9]), Err(DecodeError::Length));
    }
}
