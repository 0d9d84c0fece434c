//! The health API's components: which daemon a health object asks, and the names of the
//! threads its answer describes (upstream's tables, by bit position).

use std::ffi::CStr;
use std::path::PathBuf;

/// A consumer daemon kind (`enum lttng_health_consumerd`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consumerd {
    /// `LTTNG_HEALTH_CONSUMERD_UST_32`.
    Ust32,
    /// `LTTNG_HEALTH_CONSUMERD_UST_64`.
    Ust64,
    /// `LTTNG_HEALTH_CONSUMERD_KERNEL`.
    Kernel,
}

impl Consumerd {
    /// The kind of an `enum lttng_health_consumerd` value; `None` for any other value.
    pub fn from_raw(value: i32) -> Option<Consumerd> {
        match value {
            0 => Some(Consumerd::Ust32),
            1 => Some(Consumerd::Ust64),
            2 => Some(Consumerd::Kernel),
            _ => None,
        }
    }
}

/// The daemon a health query asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Component {
    /// The session daemon.
    Sessiond,
    /// A consumer daemon of the session daemon.
    Consumerd(Consumerd),
    /// A relay daemon, at the health socket given verbatim (it has no default: its name
    /// holds the relay daemon's pid).
    Relayd(PathBuf),
}

/// The threads whose health a component reports, by kind (how many and their names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Threads {
    /// The session daemon's 12.
    Sessiond,
    /// A consumer daemon's 5.
    Consumerd,
    /// A relay daemon's 6.
    Relayd,
}

/// The session daemon's thread names by bit. Upstream's table has no entry for bit 8 (its
/// notification thread), so that thread's name is NULL.
const SESSIOND_THREADS: [Option<&CStr>; 12] = [
    Some(c"Session daemon command"),
    Some(c"Session daemon application manager"),
    Some(c"Session daemon application registration"),
    Some(c"Session daemon kernel"),
    Some(c"Session daemon consumer manager"),
    Some(c"Session daemon hash table cleanup"),
    Some(c"Session daemon application notification manager"),
    Some(c"Session daemon application registration dispatcher"),
    None,
    Some(c"Session daemon rotation manager"),
    Some(c"Session daemon timer manager"),
    Some(c"Session daemon trigger action executor"),
];

/// A consumer daemon's thread names by bit.
const CONSUMERD_THREADS: [Option<&CStr>; 5] = [
    Some(c"Consumer daemon channel"),
    Some(c"Consumer daemon metadata"),
    Some(c"Consumer daemon data"),
    Some(c"Consumer daemon session daemon command manager"),
    Some(c"Consumer daemon metadata timer"),
];

/// A relay daemon's thread names by bit.
const RELAYD_THREADS: [Option<&CStr>; 6] = [
    Some(c"Relay daemon dispatcher"),
    Some(c"Relay daemon worker"),
    Some(c"Relay daemon listener"),
    Some(c"Relay daemon live dispatcher"),
    Some(c"Relay daemon live worker"),
    Some(c"Relay daemon live listener"),
];

impl Threads {
    /// The thread names, by bit of the daemon's answer; their count is the number of
    /// threads.
    pub fn names(self) -> &'static [Option<&'static CStr>] {
        match self {
            Threads::Sessiond => &SESSIOND_THREADS,
            Threads::Consumerd => &CONSUMERD_THREADS,
            Threads::Relayd => &RELAYD_THREADS,
        }
    }
}

impl Component {
    /// The threads this component reports.
    pub fn threads(&self) -> Threads {
        match self {
            Component::Sessiond => Threads::Sessiond,
            Component::Consumerd(_) => Threads::Consumerd,
            Component::Relayd(_) => Threads::Relayd,
        }
    }
}

/// The health of each of `count` threads in a daemon's answer: bit `i` set means thread `i`
/// is in bad health.
pub fn thread_health(bitmask: u64, count: usize) -> impl Iterator<Item = bool> {
    (0..count).map(move |i| i < 64 && bitmask & (1 << i) != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thread_tables_have_upstreams_counts_and_the_null_at_sessiond_8() {
        assert_eq!(Threads::Sessiond.names().len(), 12);
        assert_eq!(Threads::Consumerd.names().len(), 5);
        assert_eq!(Threads::Relayd.names().len(), 6);
        let sessiond = Threads::Sessiond.names();
        assert_eq!(sessiond.iter().position(Option::is_none), Some(8));
        assert_eq!(sessiond[9], Some(c"Session daemon rotation manager"));
        assert!(Threads::Consumerd.names().iter().all(Option::is_some));
        assert!(Threads::Relayd.names().iter().all(Option::is_some));
    }

    #[test]
    fn consumerd_kinds_follow_the_c_enum() {
        assert_eq!(Consumerd::from_raw(0), Some(Consumerd::Ust32));
        assert_eq!(Consumerd::from_raw(1), Some(Consumerd::Ust64));
        assert_eq!(Consumerd::from_raw(2), Some(Consumerd::Kernel));
        assert_eq!(Consumerd::from_raw(3), None);
        assert_eq!(Consumerd::from_raw(-1), None);
    }

    #[test]
    fn bit_i_is_thread_i() {
        let bad: Vec<bool> = thread_health(0b1000_0000_0101, 12).collect();
        assert_eq!(
            bad,
            [
                true, false, true, false, false, false, false, false, false, false, false, true
            ]
        );
    }
}
