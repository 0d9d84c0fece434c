//! The 2.13 wire form of a URI (`struct lttng_uri`, packed, 8210 bytes).
//!
//! The design's URI (`crate::model::uri::Uri`) is richer than the 2.13 wire form: hops and
//! host names do not exist on the wire, so they must be resolved or refused before encoding.

use crate::model::uri::{DstType, Protocol, StreamType, Uri, UriKind};
use crate::proto::DecodeError;
use crate::proto::wire::{Reader, Writer};

/// Size of one wire URI.
pub const WIRE_URI_LEN: usize = 8210;
const SUBDIR_LEN: usize = 4096;
const DST_LEN: usize = 4096;

/// Why a URI has no wire form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EncodeError {
    /// Hops do not exist in 2.13.
    #[error("hops cannot be sent to a 2.13 daemon")]
    Hop,
    /// Host names must be resolved first.
    #[error("host name not resolved")]
    Unresolved,
}

/// Appends the 8210-byte wire form of `uri`.
pub fn encode(uri: &Uri, w: &mut Writer) -> Result<(), EncodeError> {
    if uri.kind == UriKind::Hop {
        return Err(EncodeError::Hop);
    }
    let dtype = match uri.dtype {
        DstType::Ipv4 => 1,
        DstType::Ipv6 => 2,
        DstType::Path => 3,
        DstType::Host => return Err(EncodeError::Unresolved),
    };
    let proto = match (uri.dtype, uri.proto) {
        (DstType::Path, _) => 0,
        (_, Protocol::Tcp) => 1,
        // The value 2.13's header reserves for UDP.
        (_, Protocol::Udp) => 2,
    };
    w.u32(dtype);
    w.u32(0); // utype: LTTNG_URI_DST
    w.u32(match uri.stream {
        StreamType::Control => 0,
        StreamType::Data => 1,
    });
    w.u32(proto);
    w.u16(uri.port);
    w.fixed_str(&uri.subdir, SUBDIR_LEN);
    w.fixed_str(&uri.dst, DST_LEN);
    Ok(())
}

/// Encodes a list of URIs back to back.
pub fn encode_all(uris: &[Uri]) -> Result<Vec<u8>, EncodeError> {
    let mut w = Writer::with_capacity(uris.len() * WIRE_URI_LEN);
    for uri in uris {
        encode(uri, &mut w)?;
    }
    Ok(w.into_inner())
}

/// Decodes one wire URI.
pub fn decode(r: &mut Reader<'_>) -> Result<Uri, DecodeError> {
    let dtype = match r.u32()? {
        1 => DstType::Ipv4,
        2 => DstType::Ipv6,
        3 => DstType::Path,
        _ => return Err(DecodeError::Range),
    };
    if r.u32()? != 0 {
        return Err(DecodeError::Range);
    }
    let stream = match r.u32()? {
        0 => StreamType::Control,
        1 => StreamType::Data,
        _ => return Err(DecodeError::Range),
    };
    let proto = match (dtype, r.u32()?) {
        (DstType::Path, _) | (_, 1) => Protocol::Tcp,
        (_, 2) => Protocol::Udp,
        _ => return Err(DecodeError::Range),
    };
    let port = r.u16()?;
    let subdir = r.fixed_str(SUBDIR_LEN)?;
    let dst = r.fixed_str(DST_LEN)?;
    Ok(Uri {
        dtype,
        kind: UriKind::Destination,
        stream,
        proto,
        port,
        subdir,
        dst,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::uri::{NoResolve, parse_str_urls};

    #[test]
    fn fact_sheet_example() {
        let uris = parse_str_urls(
            Some("tcp://127.0.0.1:7000/c"),
            Some("tcp://127.0.0.1:7001/d"),
            &NoResolve,
        )
        .unwrap();
        let bytes = encode_all(&uris).unwrap();
        assert_eq!(bytes.len(), 16420);
        assert_eq!(
            &bytes[0..18],
            &[1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0x58, 0x1b]
        );
        assert_eq!(&bytes[18..20], b"c\0");
        assert_eq!(&bytes[4114..4124], b"127.0.0.1\0");
        let mut r = Reader::new(&bytes);
        assert_eq!(decode(&mut r).unwrap(), uris[0]);
        assert_eq!(decode(&mut r).unwrap(), uris[1]);
    }
}
