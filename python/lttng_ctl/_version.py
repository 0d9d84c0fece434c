"""The package's version: the lttng-ctl crate's (``version`` in Cargo.toml), which the
library reports as ``lttng_rs_version()`` = ``"2.13.9-lttng-ctl-rs-<version>"``.
tests/python_package.rs checks that the three agree."""

__version__ = "0.1.0"

#: The LTTng release whose API and protocol the library implements.
LTTNG_VERSION = "2.13.9"
