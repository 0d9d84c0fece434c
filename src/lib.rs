//! # lttng-ctl
//!
//! A drop-in replacement for `liblttng-ctl.so.0`, the control library of the LTTng 2.13
//! tracer, written in Rust, plus the network-consumer API of LTTng's design
//! (`struct lttng_uri`, `lttng_set_consumer_uri`, `lttng_enable_consumer`,
//! `lttng_disable_consumer`).
//!
//! Layers, each only calling the ones below it:
//!
//! * [`ffi`]: the C ABI, one module per upstream header; converts and checks C arguments,
//!   never panics across the boundary, allocates what C frees with `malloc`.
//! * [`client`]: the safe Rust API; one command per connection, thread-safe.
//! * [`cli`]: command-line programs on the client API (`lttng-consumer`), lttng CLI conventions.
//! * [`filter`]: the filter-expression compiler (text to 2.13 bytecode), no I/O.
//! * [`proto`]: sans-I/O codecs of the 2.13 client protocol.
//! * [`transport`]: sockets, credentials, socket discovery, name resolution.
//! * [`model`]: domain types, URI parsing, error codes.
//!
//! # Safety vocabulary (for the `# Safety` sections of the exports)
//!
//! * "a valid pointer or NULL": NULL, or a pointer satisfying `as_ref`/`as_mut` for the
//!   pointee type, for the duration of the call.
//! * "a C string or NULL": NULL, or a pointer to a NUL-terminated byte string readable up to
//!   its terminator (`CStr::from_ptr`).
//! * "an object of this library": a pointer returned by this library's constructor for that
//!   type and not yet released.

pub mod cli;
pub mod client;
pub mod consumer;
pub mod ctf;
pub mod ffi;
pub mod filter;
pub mod model;
pub mod proto;
pub mod sessiond;
pub mod transport;
