//! Exports of `lttng/notification/channel.h` and `lttng/notification/notification.h`: the
//! session daemon's notification channel, and the notifications it delivers.
//!
//! The channel is `client::notification::Channel` behind upstream's C layout prefix: the
//! session daemon's rotation thread reads `channel->socket` at its offset to poll it. Every
//! call holds the channel's lock for its whole exchange, a blocked
//! `lttng_notification_channel_get_next_notification` included.
//!
//! Conditions and notifications come in two kinds. This library's own objects
//! (`ffi::condition`, `ffi::trigger`); and, in a program that carries its own copy of
//! upstream's object code (lttng-sessiond), the program's objects: its conditions are
//! validated and serialized through their own slots, and the notifications it receives are
//! built in its layout for its own getters and destructor (`trigger_host::notify`).

use std::ffi::c_int;
use std::mem::offset_of;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};

use crate::client::notification::{Channel, Next, NextError, Received};
use crate::client::trigger::serialize_condition;
use crate::ffi::boundary::{Opaque, ffi_boundary, free_c, into_c, obj_ref, out_arg};
use crate::ffi::condition::{
    condition_to_model, evaluation_from_model, lttng_condition, lttng_evaluation,
};
use crate::ffi::object::{Shared, from_c};
use crate::ffi::trigger::{lttng_endpoint, lttng_trigger, trigger_from_model};
use crate::ffi::trigger_host::{self as host, layout};

pub use crate::ffi::status::lttng_notification_channel_status;

/// `struct lttng_notification_channel`: upstream's prefix (its mutex, unused here, then the
/// socket, which lttng-sessiond reads directly), then the channel.
#[repr(C)]
pub struct lttng_notification_channel {
    _upstream_lock: layout::Mutex,
    /// The socket's descriptor, constant while the channel lives.
    socket: c_int,
    channel: Channel,
}

impl Opaque for lttng_notification_channel {}

const _: () = assert!(
    offset_of!(lttng_notification_channel, socket) == offset_of!(layout::ChannelHead, socket)
);

/// `struct lttng_notification` of this library: the trigger whose condition was met and
/// the evaluation, which its getters lend.
pub struct lttng_notification {
    trigger: Shared<lttng_trigger>,
    evaluation: Shared<lttng_evaluation>,
}

impl Opaque for lttng_notification {}

/// The value of `lttng_session_daemon_notification_endpoint` as the program sees it: the
/// definition ELF lookup finds first (lttng-sessiond defines its own), else this
/// library's.
fn notification_endpoint() -> *const lttng_endpoint {
    // SAFETY: dlsym with RTLD_DEFAULT and a C string has no other precondition.
    let p = unsafe {
        libc::dlsym(
            libc::RTLD_DEFAULT,
            c"lttng_session_daemon_notification_endpoint".as_ptr(),
        )
    };
    let p = if p.is_null() {
        (&raw const crate::ffi::trigger::lttng_session_daemon_notification_endpoint).cast()
    } else {
        p.cast_const()
    };
    // SAFETY: the symbol is upstream's `struct lttng_endpoint *` data object (8 bytes), in
    // this library (a transparent pointer) or in the program.
    unsafe { p.cast::<*const lttng_endpoint>().read() }
}

/// Opens a notification channel to the session daemon: the root daemon's socket
/// (`/var/run/lttng/sessiond-notification`), then the one under the LTTng home, for every
/// caller; then the handshake. NULL when `endpoint` is not
/// `lttng_session_daemon_notification_endpoint`, or no daemon answers. Release with
/// `lttng_notification_channel_destroy`.
///
/// # Safety
/// `endpoint` is any pointer (compared, never dereferenced).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_notification_channel_create(
    endpoint: *mut lttng_endpoint,
) -> *mut lttng_notification_channel {
    ffi_boundary!({
        if endpoint.is_null() || endpoint.cast_const() != notification_endpoint() {
            return std::ptr::null_mut();
        }
        let Some(channel) = Channel::open() else {
            return std::ptr::null_mut();
        };
        into_c(lttng_notification_channel {
            _upstream_lock: layout::Mutex { opaque: [0; 5] },
            socket: channel.raw_fd(),
            channel,
        })
    })
}

/// Closes a channel (shutdown, then close) and releases it with what it still queues (NULL,
/// or a pointer that is not a live channel, is ignored). As upstream, no other call may be
/// using the channel meanwhile.
///
/// # Safety
/// `channel` is NULL or a channel of this library, used by no other thread.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_notification_channel_destroy(
    channel: *mut lttng_notification_channel,
) {
    ffi_boundary!({
        if crate::ffi::boundary::is_live(channel.cast_const()) {
            obj_ref!(channel.cast_const()).channel.shutdown();
        }
        free_c(channel)
    })
}

/// The serialized form of a condition and the descriptors it refers to (a userspace probe's
/// binary), or `None` when it does not validate: this library's own conditions through the
/// codec, the program's own through their slots.
fn condition_bytes(condition: *const lttng_condition) -> Option<(Vec<u8>, Vec<OwnedFd>)> {
    if condition.is_null() {
        return None;
    }
    if let Some(c) = from_c(condition) {
        let model = condition_to_model(&c)?;
        let fds = match model.binary_fd() {
            Some(fd) => vec![fd.0.try_clone().ok()?],
            None => Vec::new(),
        };
        return Some((serialize_condition(&model), fds));
    }
    if host::available() {
        // SAFETY: not one of this library's conditions: by the export's contract, a live
        // condition of the program, whose copy of upstream's code passed the check.
        return unsafe { host::serialize_condition(condition.cast()) };
    }
    None
}

fn command(
    channel: *mut lttng_notification_channel,
    condition: *const lttng_condition,
    subscribe: bool,
) -> lttng_notification_channel_status {
    let ch = obj_ref!(channel.cast_const());
    let Some((bytes, fds)) = condition_bytes(condition) else {
        return lttng_notification_channel_status::INVALID;
    };
    let fds: Vec<BorrowedFd<'_>> = fds.iter().map(AsFd::as_fd).collect();
    match ch.channel.command(subscribe, &bytes, &fds) {
        Ok(status) => lttng_notification_channel_status(c_int::from(status)),
        Err(_) => lttng_notification_channel_status::ERROR,
    }
}

/// Subscribes the channel to `condition`'s notifications: the daemon's answer (OK;
/// ALREADY_SUBSCRIBED for a condition this channel has already; ...), INVALID for NULL or a
/// condition that does not validate (nothing is sent), ERROR when the exchange fails.
/// Notifications that arrive meanwhile are kept for `get_next_notification`. The condition
/// stays the caller's.
///
/// # Safety
/// `channel` is NULL or a live channel; `condition` NULL or a live condition (this
/// library's, or the calling program's own in a program that carries upstream's code).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_notification_channel_subscribe(
    channel: *mut lttng_notification_channel,
    condition: *const lttng_condition,
) -> lttng_notification_channel_status {
    ffi_boundary!({ command(channel, condition, true) })
}

/// Unsubscribes the channel from `condition`: as `lttng_notification_channel_subscribe`
/// (UNKNOWN_CONDITION for a condition the channel is not subscribed to).
///
/// # Safety
/// As `lttng_notification_channel_subscribe`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_notification_channel_unsubscribe(
    channel: *mut lttng_notification_channel,
    condition: *const lttng_condition,
) -> lttng_notification_channel_status {
    ffi_boundary!({ command(channel, condition, false) })
}

/// A C notification for `received`: of the program's kind in a program that reads
/// notifications with its own code, else this library's. `None` when it cannot be built
/// (the program's copy did not pass the check; memory).
fn notification_for(received: &Received) -> Option<*mut lttng_notification> {
    if host::notify::present() {
        if !host::notify::available() {
            return None;
        }
        return host::notify::build_notification(received)
            .ok()
            .map(|p| p.cast());
    }
    let trigger = trigger_from_model(&received.notification.trigger);
    let evaluation = evaluation_from_model(
        &received.notification.evaluation,
        &received.notification.trigger.condition,
    )?;
    Some(into_c(lttng_notification {
        trigger,
        evaluation,
    }))
}

/// The next notification: the newest of those that arrived during a command, else the next
/// from the daemon, waiting for it as long as it takes (holding the channel's lock). OK
/// with `*notification` set (the caller's: release with `lttng_notification_destroy`);
/// NOTIFICATIONS_DROPPED (`*notification` NULL) where the daemon dropped some;
/// INTERRUPTED when a signal interrupted the wait; ERROR when the daemon closed the
/// channel or sent what does not decode (never CLOSED, as upstream); INVALID for NULL
/// arguments (`*notification` untouched).
///
/// # Safety
/// `channel` is NULL or a live channel; `notification` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_notification_channel_get_next_notification(
    channel: *mut lttng_notification_channel,
    notification: *mut *mut lttng_notification,
) -> lttng_notification_channel_status {
    ffi_boundary!({
        let ch = obj_ref!(channel.cast_const());
        let out = out_arg!(notification);
        let (status, n) = match ch.channel.next() {
            Ok(Next::Notification(received)) => match notification_for(&received) {
                Some(n) => (lttng_notification_channel_status::OK, n),
                None => (
                    lttng_notification_channel_status::ERROR,
                    std::ptr::null_mut(),
                ),
            },
            Ok(Next::Dropped) => (
                lttng_notification_channel_status::NOTIFICATIONS_DROPPED,
                std::ptr::null_mut(),
            ),
            Err(NextError::Interrupted) => (
                lttng_notification_channel_status::INTERRUPTED,
                std::ptr::null_mut(),
            ),
            Err(NextError::Error) => (
                lttng_notification_channel_status::ERROR,
                std::ptr::null_mut(),
            ),
        };
        out.write(n);
        status
    })
}

/// Whether a notification (or a dropped marker) is ready: true when one is queued;
/// otherwise, without waiting, whether data is there, in which case one whole message is
/// read (this blocks until it is complete) and queued. OK with `*pending` set; ERROR when
/// the daemon closed the channel or broke the protocol (`*pending` untouched); as upstream,
/// OK with `*pending` untouched for a notification that does not decode (it is lost);
/// INVALID for NULL arguments.
///
/// # Safety
/// `channel` is NULL or a live channel; `pending` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_notification_channel_has_pending_notification(
    channel: *mut lttng_notification_channel,
    pending: *mut bool,
) -> lttng_notification_channel_status {
    ffi_boundary!({
        let ch = obj_ref!(channel.cast_const());
        let out = out_arg!(pending);
        match ch.channel.has_pending() {
            Ok(Some(p)) => {
                out.write(p);
                lttng_notification_channel_status::OK
            }
            Ok(None) => lttng_notification_channel_status::OK,
            Err(_) => lttng_notification_channel_status::ERROR,
        }
    })
}

/// The condition of the notification's trigger (borrowed: valid until the notification is
/// destroyed); NULL for NULL.
///
/// # Safety
/// `notification` is NULL or a live notification of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_notification_get_condition(
    notification: *mut lttng_notification,
) -> *const lttng_condition {
    ffi_boundary!({
        let n = obj_ref!(notification.cast_const());
        n.trigger.lock().condition.as_c().cast_const()
    })
}

/// The notification's evaluation (borrowed: valid until the notification is destroyed);
/// NULL for NULL.
///
/// # Safety
/// `notification` is NULL or a live notification of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_notification_get_evaluation(
    notification: *mut lttng_notification,
) -> *const lttng_evaluation {
    ffi_boundary!({
        obj_ref!(notification.cast_const())
            .evaluation
            .as_c()
            .cast_const()
    })
}

/// The trigger whose condition was met (borrowed: valid until the notification is
/// destroyed); NULL for NULL.
///
/// # Safety
/// `notification` is NULL or a live notification of this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_notification_get_trigger(
    notification: *mut lttng_notification,
) -> *const lttng_trigger {
    ffi_boundary!({
        obj_ref!(notification.cast_const())
            .trigger
            .as_c()
            .cast_const()
    })
}

/// Releases a notification with its trigger and evaluation (NULL, or a pointer that is not
/// a live notification, is ignored).
///
/// # Safety
/// `notification` is NULL or a notification from `get_next_notification`, not yet
/// destroyed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lttng_notification_destroy(notification: *mut lttng_notification) {
    ffi_boundary!({ free_c(notification) })
}
