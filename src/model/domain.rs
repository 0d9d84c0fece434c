//! Tracing domains (`struct lttng_domain`), kept byte-exact so that a handle's domain
//! travels to the daemon exactly as the caller wrote it (its wire form:
//! `proto::objects::{encode_domain, decode_domain}`).

/// Size of `struct lttng_domain`.
pub const DOMAIN_SIZE: usize = 308;

/// `enum lttng_domain_type`.
#[allow(missing_docs)]
#[repr(i32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DomainType {
    None = 0,
    Kernel = 1,
    Ust = 2,
    Jul = 3,
    Log4j = 4,
    Python = 5,
}

impl DomainType {
    /// The domain type with this value.
    pub fn from_i32(v: i32) -> Option<DomainType> {
        Some(match v {
            0 => DomainType::None,
            1 => DomainType::Kernel,
            2 => DomainType::Ust,
            3 => DomainType::Jul,
            4 => DomainType::Log4j,
            5 => DomainType::Python,
            _ => return None,
        })
    }

    /// True for the agent domains (JUL, log4j, Python).
    pub fn is_agent(self) -> bool {
        matches!(
            self,
            DomainType::Jul | DomainType::Log4j | DomainType::Python
        )
    }
}

/// `enum lttng_buffer_type`.
#[allow(missing_docs)]
#[repr(i32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BufferType {
    PerPid = 0,
    PerUid = 1,
    Global = 2,
}

/// A domain as its 308 bytes: type, buffer type, and the padding and `attr` union verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Domain {
    /// `type` (raw; see [`DomainType::from_i32`]).
    pub kind: i32,
    /// `buf_type` (raw).
    pub buf_type: i32,
    /// The 12 padding bytes and the 288-byte `attr` union.
    pub rest: Vec<u8>,
}

impl Domain {
    /// All zero: what commands without a domain send.
    pub fn zeroed() -> Domain {
        Domain {
            kind: 0,
            buf_type: 0,
            rest: vec![0; DOMAIN_SIZE - 8],
        }
    }

    /// A domain of `kind` with `buf_type` and nothing else set.
    pub fn new(kind: DomainType, buf_type: BufferType) -> Domain {
        Domain {
            kind: kind as i32,
            buf_type: buf_type as i32,
            ..Domain::zeroed()
        }
    }

    /// The domain type, if valid.
    pub fn domain_type(&self) -> Option<DomainType> {
        DomainType::from_i32(self.kind)
    }

    /// What a request carries for a handle with this domain: the domain verbatim when its
    /// type is a real domain (1 to 5), else all zero.
    pub fn for_request(&self) -> Domain {
        if (1..=5).contains(&self.kind) {
            self.clone()
        } else {
            Domain::zeroed()
        }
    }

    /// `attr.pid`.
    pub fn pid(&self) -> i32 {
        i32::from_ne_bytes([self.rest[12], self.rest[13], self.rest[14], self.rest[15]])
    }
}
