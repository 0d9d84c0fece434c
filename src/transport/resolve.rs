//! Host-name resolution for URIs, through the system resolver.

use std::net::{SocketAddr, ToSocketAddrs};

use crate::model::uri::{Family, Resolve};

/// Resolves names with the system resolver (getaddrinfo), keeping the first address of the
/// requested family, printed numerically.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemResolver;

impl Resolve for SystemResolver {
    fn resolve(&self, host: &str, family: Family) -> Option<String> {
        let addrs = (host, 0u16).to_socket_addrs().ok()?;
        addrs
            .into_iter()
            .find(|a| {
                matches!(
                    (a, family),
                    (SocketAddr::V4(_), Family::V4) | (SocketAddr::V6(_), Family::V6)
                )
            })
            .map(|a| a.ip().to_string())
    }
}
