//! `lttng-ref-consumerd`: the reference consumer daemon (see `lttng_ctl::consumer`).
//! Started by `lttng-ref-sessiond` with its link to it as standard input.

use std::os::fd::AsFd;
use std::os::unix::net::UnixStream;
use std::process::ExitCode;

use lttng_ctl::consumer;
use lttng_ctl::transport::unix::Connection;

fn main() -> ExitCode {
    if std::env::args().any(|a| a == "-h" || a == "--help") {
        println!(
            "Usage: lttng-ref-consumerd  (started by lttng-ref-sessiond, its link on standard input)"
        );
        return ExitCode::SUCCESS;
    }
    let link = match std::io::stdin().as_fd().try_clone_to_owned() {
        Ok(fd) => Connection::from_stream(UnixStream::from(fd)),
        Err(e) => {
            eprintln!("lttng-ref-consumerd: no link on standard input: {e}");
            return ExitCode::FAILURE;
        }
    };
    match consumer::serve(&link) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lttng-ref-consumerd: {e}");
            ExitCode::FAILURE
        }
    }
}
