//! Exports of `lttng/action/*.h`: actions, rate policies and action paths.

use std::ffi::CString;

use crate::ffi::object::{Shared, c_object};
use crate::ffi::snapshot::lttng_snapshot_output;
use crate::model::trigger::{Action, RatePolicy};

c_object!(
    /// `struct lttng_rate_policy` (opaque).
    lttng_rate_policy => RatePolicy
);

/// An action's data.
#[derive(Debug)]
pub enum ActionData {
    /// NOTIFY.
    Notify {
        /// Rate policy (a copy of what was set; EVERY_N(1) by default).
        policy: Shared<lttng_rate_policy>,
    },
    /// START_SESSION, STOP_SESSION, ROTATE_SESSION (`kind` is the action type).
    Session {
        /// One of the three action types.
        kind: i8,
        /// Session.
        session: Option<CString>,
        /// Rate policy.
        policy: Shared<lttng_rate_policy>,
    },
    /// SNAPSHOT_SESSION.
    Snapshot {
        /// Session.
        session: Option<CString>,
        /// The output (owned; helper C: how it is held, see `ffi::snapshot`).
        output: Option<Box<[u8]>>,
        /// Rate policy.
        policy: Shared<lttng_rate_policy>,
    },
    /// LIST: the actions (shared with the caller, as upstream).
    List(Vec<Shared<lttng_action>>),
}

c_object!(
    /// `struct lttng_action` (opaque).
    lttng_action => ActionData
);

/// The model value of an action node; `None` while the action is invalid.
pub fn action_to_model(action: &Shared<lttng_action>) -> Option<Action> {
    todo!("helper C: {action:?}")
}

/// A new action node from a model value.
pub fn action_from_model(action: &Action) -> Shared<lttng_action> {
    todo!("helper C: {action:?}")
}

/// Unused until helper C.
pub fn _output(_: *mut lttng_snapshot_output) {}
