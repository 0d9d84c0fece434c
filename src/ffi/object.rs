//! Reference-counted objects of the trigger model (conditions, actions, event rules, ...), as
//! upstream's C API shares them.
//!
//! Upstream's objects are reference counted: `lttng_trigger_create` takes a reference on its
//! condition and action, a getter lends a pointer into its object, a destructor gives back
//! the caller's reference. Here every such object is an `Arc` of a [`Node`] type whose data
//! sits behind a mutex (any thread may use any object), registered from its creation to its
//! last reference. C holds two kinds of pointers:
//!
//! * **owned**, from a constructor: [`Shared::into_c`] counts it, and the destructor
//!   ([`release_c`]) gives it back. A destructor called on a pointer C does not own (a
//!   borrowed one, a second call, a foreign pointer) does nothing, where upstream would put
//!   someone else's reference.
//! * **borrowed**, from a getter: [`Shared::as_c`]; valid while the object lives, as in
//!   upstream.
//!
//! [`from_c`] turns either into a new Rust reference (what `lttng_trigger_create` keeps);
//! [`take_c`] takes over C's own reference (APIs documented as taking ownership).

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::ffi::boundary::{self, Opaque};

/// A C-visible reference-counted object: a struct with one `Mutex` of its data, declared
/// with [`c_object!`].
pub trait Node: Opaque + Send + Sync + Sized {
    /// What the object holds.
    type Data: Send;
    /// A node around `data`.
    fn wrap(data: Data<Self>) -> Self;
    /// The node's data.
    fn cell(&self) -> &Mutex<Data<Self>>;
}

/// The data type of node `T`.
pub type Data<T> = <T as Node>::Data;

/// Declares a node type: an opaque C struct named as upstream's (`struct lttng_condition`)
/// holding a `Mutex` of its data, unregistered when its last reference goes.
macro_rules! c_object {
    ($(#[$meta:meta])* $name:ident => $data:ty) => {
        $(#[$meta])*
        pub struct $name {
            data: std::sync::Mutex<$data>,
        }

        impl $crate::ffi::boundary::Opaque for $name {}

        impl $crate::ffi::object::Node for $name {
            type Data = $data;
            fn wrap(data: $data) -> Self {
                $name { data: std::sync::Mutex::new(data) }
            }
            fn cell(&self) -> &std::sync::Mutex<$data> {
                &self.data
            }
        }

        impl Drop for $name {
            fn drop(&mut self) {
                $crate::ffi::boundary::unregister(self as *const $name);
            }
        }
    };
}
pub(crate) use c_object;

/// A Rust-held reference to a node.
pub struct Shared<T: Node>(Arc<T>);

impl<T: Node> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T: Node> std::fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Shared({:p})", Arc::as_ptr(&self.0))
    }
}

impl<T: Node> Shared<T> {
    /// A new object, registered, that C does not own yet.
    pub fn new(data: Data<T>) -> Shared<T> {
        let arc = Arc::new(T::wrap(data));
        boundary::register_shared(Arc::as_ptr(&arc));
        Shared(arc)
    }

    /// The object's data, locked. Lock a parent before its children, never the reverse.
    pub fn lock(&self) -> MutexGuard<'_, Data<T>> {
        self.0.cell().lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A borrowed pointer for C: valid while this object lives.
    pub fn as_c(&self) -> *mut T {
        Arc::as_ptr(&self.0).cast_mut()
    }

    /// Hands this reference to C, which gives it back with the object's destructor.
    pub fn into_c(self) -> *mut T {
        let ptr = Arc::into_raw(self.0);
        boundary::c_refs(ptr, 1);
        ptr.cast_mut()
    }

    /// True when both are the same object.
    pub fn ptr_eq(&self, other: &Shared<T>) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// A new reference to the live object C names (owned or borrowed); `None` for NULL, a freed
/// object, another type or a pointer that is not ours.
#[allow(clippy::not_unsafe_ptr_arg_deref)]
pub fn from_c<T: Node>(ptr: *const T) -> Option<Shared<T>> {
    boundary::while_live(ptr, || {
        // SAFETY: the registry holds `ptr` as a live `T`, and registers only pointers from
        // `Arc::into_raw`/`Arc::as_ptr` of an `Arc<T>` (`Shared::new`) while at least one
        // reference exists; it is held locked, so the object's last reference cannot be
        // unregistered before the count is raised.
        unsafe {
            Arc::increment_strong_count(ptr);
            Shared(Arc::from_raw(ptr))
        }
    })
}

/// Takes over the reference C owns (an API that takes ownership of its argument); `None`
/// when C owns none.
#[allow(clippy::not_unsafe_ptr_arg_deref)]
pub fn take_c<T: Node>(ptr: *const T) -> Option<Shared<T>> {
    if !boundary::c_refs(ptr, -1) {
        return None;
    }
    // SAFETY: C owned one reference, counted by `Shared::into_c` from `Arc::into_raw`; it
    // is no longer counted, so this is its only reconstruction.
    Some(Shared(unsafe { Arc::from_raw(ptr) }))
}

/// Gives back C's reference (an object's destructor); false when C owns none (NULL, a
/// borrowed pointer, a second call, a foreign pointer), and then nothing happens.
pub fn release_c<T: Node>(ptr: *const T) -> bool {
    take_c(ptr).is_some()
}

/// A node argument as a new reference, or the export's bad-argument value.
macro_rules! node {
    ($ptr:expr) => {
        match $crate::ffi::object::from_c($ptr) {
            Some(shared) => shared,
            None => return $crate::ffi::boundary::OnBadArg::on_bad_arg(),
        }
    };
}
pub(crate) use node;

#[cfg(test)]
mod tests {
    use super::*;

    c_object!(
        /// A test node.
        TestNode => u32
    );
    c_object!(
        /// Another.
        OtherNode => u32
    );

    #[test]
    fn c_references_are_counted_and_checked() {
        let a = Shared::<TestNode>::new(7);
        let keep = a.clone();
        let c = a.into_c();
        assert_eq!(*from_c(c).unwrap().lock(), 7);
        assert!(from_c(c.cast_const().cast::<OtherNode>()).is_none());
        assert!(release_c(c));
        // A second destructor call, or one on a borrowed pointer, is refused.
        assert!(!release_c(c));
        assert!(!release_c(keep.as_c()));
        // Rust's reference keeps it alive.
        assert!(from_c(keep.as_c()).is_some());
        let p = keep.as_c();
        drop(keep);
        assert!(from_c(p).is_none());
        assert!(from_c(std::ptr::null::<TestNode>()).is_none());
    }
}
