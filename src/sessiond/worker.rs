//! The session workers of the reference daemon: each session's thread emits the reference
//! tracer's events and switches sub-buffers; [`pump`] hands full sub-buffers to the
//! session's consumer (and asks it to drain), for the worker and for STOP and DESTROY.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::Daemon;
use super::link::Link;
use super::session::ConsumerState;

/// Hands every full sub-buffer to the consumer (when consuming), then, with `drain`, asks
/// for a drain and returns the link and the drain's token. Lock order: link writer, then
/// state.
pub(in crate::sessiond) fn pump(daemon: &Daemon, id: u64, drain: bool) -> Option<(Arc<Link>, u64)> {
    let link = {
        let state = daemon.lock();
        let s = state.sessions.iter().find(|s| s.id == id)?;
        match (&s.link, &s.consumer) {
            (Some(l), ConsumerState::Enabled) if l.is_set_up() => l.clone(),
            _ => return None,
        }
    };
    let conn = link
        .conn
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let packets = {
        let mut state = daemon.lock();
        let s = state.by_id_mut(id)?;
        if !s.link.as_ref().is_some_and(|l| Arc::ptr_eq(l, &link)) {
            // Replaced meanwhile: its successor gets the packets.
            return None;
        }
        if drain { s.take_all() } else { s.take_ready() }
    };
    for (stream, p) in packets {
        if crate::consumer::send_packet(&conn, &p.view(stream)).is_err() {
            return None;
        }
    }
    if !drain {
        return None;
    }
    let token = link.request_drain(&conn).ok()?;
    drop(conn);
    Some((link, token))
}

/// How long STOP waits for the consumer to confirm the data (then it answers, and the
/// client's data-pending polling does the rest).
pub(in crate::sessiond) const STOP_WAIT: Duration = Duration::from_secs(5);

/// A session's worker: emits `ref:tick` at the configured rate while the session traces,
/// switches sub-buffers periodically, and hands full ones to the consumer.
pub(in crate::sessiond) fn session_worker(daemon: &Arc<Daemon>, id: u64) {
    let rate = daemon.config.tick_rate.max(1);
    let period = Duration::from_secs_f64(1.0 / f64::from(rate));
    let switch = daemon.config.switch_interval;
    let mut emitted_since_start = 0u64;
    let mut run_start: Option<Instant> = None;
    let mut last_switch = Instant::now();
    loop {
        {
            let mut state = daemon.lock();
            let Some(s) = state.by_id_mut(id) else { return };
            if s.destroying {
                return;
            }
            if s.active {
                let start = *run_start.get_or_insert_with(Instant::now);
                let due = (start.elapsed().as_secs_f64() * f64::from(rate)) as u64 + 1;
                // Catch up after a stall, but never burst more than one second of events.
                let burst = (due.saturating_sub(emitted_since_start)).min(u64::from(rate));
                for _ in 0..burst {
                    s.tick();
                }
                emitted_since_start = due.max(emitted_since_start);
                if !switch.is_zero() && last_switch.elapsed() >= switch {
                    s.flush();
                    last_switch = Instant::now();
                }
            } else {
                run_start = None;
                emitted_since_start = 0;
            }
            let wait = if s.active {
                period
            } else {
                Duration::from_millis(200)
            };
            let _ = daemon.wake.wait_timeout(state, wait);
        }
        pump(daemon, id, false);
    }
}
