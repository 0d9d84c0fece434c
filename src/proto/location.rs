//! The two encodings of a trace archive location that the session daemon sends: the
//! fixed-size one of ROTATION_GET_INFO's reply and the length-prefixed one that follows a
//! DESTROY_SESSION reply after a rotation.

use crate::model::location::{ArchiveLocation, LOCATION_LOCAL, LOCATION_RELAY};
use crate::proto::DecodeError;
use crate::proto::wire::{Reader, Writer};

/// `LTTNG_PATH_MAX`.
const PATH_MAX: usize = 4096;
/// `LTTNG_HOST_NAME_MAX`.
const HOST_MAX: usize = 256;
/// Size of the packed header of the length-prefixed form (type and the relay variant).
pub const COMM_HEADER_LEN: usize = 14;

/// Decodes the location part of a ROTATION_GET_INFO reply (what follows the state): a
/// type byte, then a path, or a host, protocol, ports and path, in fixed arrays.
pub fn decode_rotation_info(bytes: &[u8]) -> Result<ArchiveLocation, DecodeError> {
    let mut r = Reader::new(bytes);
    match i32::from(r.i8()?) {
        LOCATION_LOCAL => Ok(ArchiveLocation::Local {
            absolute_path: r.fixed_str(PATH_MAX)?,
        }),
        LOCATION_RELAY => {
            let host = r.fixed_str(HOST_MAX)?;
            let protocol = i32::from(r.i8()?);
            let control_port = r.u16()?;
            let data_port = r.u16()?;
            let relative_path = r.fixed_str(PATH_MAX)?;
            Ok(ArchiveLocation::Relay {
                host,
                protocol,
                control_port,
                data_port,
                relative_path,
            })
        }
        _ => Err(DecodeError::Range),
    }
}

/// Encodes the location part of a ROTATION_GET_INFO reply (its inverse).
pub fn encode_rotation_info(location: &ArchiveLocation) -> Vec<u8> {
    let mut w = Writer::with_capacity(1 + HOST_MAX + 5 + PATH_MAX);
    match location {
        ArchiveLocation::Local { absolute_path } => {
            w.i8(LOCATION_LOCAL as i8);
            w.fixed_str(absolute_path, PATH_MAX);
            w.zeros(HOST_MAX + 5);
        }
        ArchiveLocation::Relay {
            host,
            protocol,
            control_port,
            data_port,
            relative_path,
        } => {
            w.i8(LOCATION_RELAY as i8);
            w.fixed_str(host, HOST_MAX);
            w.i8(*protocol as i8);
            w.u16(*control_port);
            w.u16(*data_port);
            w.fixed_str(relative_path, PATH_MAX);
        }
    }
    w.into_inner()
}

/// Decodes the length-prefixed form; returns the location and the bytes it used.
pub fn decode_comm(bytes: &[u8]) -> Result<(ArchiveLocation, usize), DecodeError> {
    let mut r = Reader::new(bytes);
    let header = r.take(COMM_HEADER_LEN)?;
    let mut h = Reader::new(header);
    let kind = i32::from(h.i8()?);
    let location = match kind {
        LOCATION_LOCAL => {
            let len = h.u32()? as usize;
            ArchiveLocation::Local {
                absolute_path: r.sized_cstr(len)?,
            }
        }
        LOCATION_RELAY => {
            let host_len = h.u32()? as usize;
            let protocol = i32::from(h.i8()?);
            let control_port = h.u16()?;
            let data_port = h.u16()?;
            let path_len = h.u32()? as usize;
            let host = r.sized_cstr(host_len)?;
            let relative_path = r.sized_cstr(path_len)?;
            ArchiveLocation::Relay {
                host,
                protocol,
                control_port,
                data_port,
                relative_path,
            }
        }
        _ => return Err(DecodeError::Range),
    };
    Ok((location, r.position()))
}

/// Encodes the length-prefixed form (its inverse).
pub fn encode_comm(location: &ArchiveLocation) -> Vec<u8> {
    let mut w = Writer::with_capacity(COMM_HEADER_LEN + 64);
    match location {
        ArchiveLocation::Local { absolute_path } => {
            w.i8(LOCATION_LOCAL as i8);
            w.u32(absolute_path.len() as u32 + 1);
            w.zeros(COMM_HEADER_LEN - 5);
            w.cstr(absolute_path);
        }
        ArchiveLocation::Relay {
            host,
            protocol,
            control_port,
            data_port,
            relative_path,
        } => {
            w.i8(LOCATION_RELAY as i8);
            w.u32(host.len() as u32 + 1);
            w.i8(*protocol as i8);
            w.u16(*control_port);
            w.u16(*data_port);
            w.u32(relative_path.len() as u32 + 1);
            w.cstr(host);
            w.cstr(relative_path);
        }
    }
    w.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relay() -> ArchiveLocation {
        ArchiveLocation::Relay {
            host: "relay.example".into(),
            protocol: 0,
            control_port: 5342,
            data_port: 5343,
            relative_path: "host/s-20260101T000000+0000/archives/x-1".into(),
        }
    }

    #[test]
    fn both_forms_round_trip() {
        let local = ArchiveLocation::Local {
            absolute_path: "/tmp/a/archives/x-0".into(),
        };
        for loc in [local, relay()] {
            let info = encode_rotation_info(&loc);
            assert_eq!(info.len(), 4358);
            assert_eq!(decode_rotation_info(&info).unwrap(), loc);
            let comm = encode_comm(&loc);
            assert_eq!(decode_comm(&comm).unwrap(), (loc, comm.len()));
        }
    }

    #[test]
    fn comm_layout_is_packed() {
        let comm = encode_comm(&relay());
        assert_eq!(comm[0], 2);
        assert_eq!(u32::from_ne_bytes(comm[1..5].try_into().unwrap()), 14);
        assert_eq!(u16::from_ne_bytes(comm[6..8].try_into().unwrap()), 5342);
        assert_eq!(u16::from_ne_bytes(comm[8..10].try_into().unwrap()), 5343);
        assert_eq!(&comm[14..28], b"relay.example\0");
    }

    #[test]
    fn malformed_locations_are_refused() {
        assert!(decode_rotation_info(&[3]).is_err());
        assert!(decode_rotation_info(&[1, b'a']).is_err());
        let mut comm = encode_comm(&relay());
        comm.pop();
        assert!(decode_comm(&comm).is_err());
        let mut comm = encode_comm(&relay());
        *comm.last_mut().unwrap() = b'x';
        assert!(decode_comm(&comm).is_err());
        assert!(decode_comm(&[1, 0, 0, 0, 0]).is_err());
        let mut zero_len = encode_comm(&ArchiveLocation::Local {
            absolute_path: "/p".into(),
        });
        zero_len[1..5].copy_from_slice(&0u32.to_ne_bytes());
        assert!(decode_comm(&zero_len).is_err());
    }
}
