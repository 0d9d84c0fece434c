//! `lttng-ref-sessiond`: the reference session daemon (see `lttng_ctl::sessiond`).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use lttng_ctl::sessiond::{self, Config, DEFAULT_SWITCH_INTERVAL, DEFAULT_TICK_RATE};

/// The reference LTTng 2.13 session daemon of lttng-ctl.
///
/// The real lttng CLI and liblttng-ctl drive it; it implements the network-consumer commands
/// and streams its built-in ref:tick events to a real lttng-relayd (or a local directory)
/// through lttng-ref-consumerd.
#[derive(Parser)]
#[command(
    name = "lttng-ref-sessiond",
    version = concat!(env!("CARGO_PKG_VERSION"), " (LTTng 2.13 protocol)")
)]
struct Cli {
    /// Client socket (default: $LTTNG_HOME/.lttng/client-lttng-sessiond,
    /// /var/run/lttng/client-lttng-sessiond for root)
    #[arg(long, value_name = "PATH")]
    client_sock: Option<PathBuf>,
    /// Consumer daemon (default: lttng-ref-consumerd beside this program)
    #[arg(long, value_name = "PATH")]
    consumerd_path: Option<PathBuf>,
    /// ref:tick events per second while tracing
    #[arg(long, value_name = "N", default_value_t = DEFAULT_TICK_RATE)]
    tick_rate: u32,
    /// Sub-buffer switch period in ms, 0 for none
    #[arg(long, value_name = "MS", default_value_t = DEFAULT_SWITCH_INTERVAL.as_millis() as u64)]
    switch_timer: u64,
    /// Pid file (default: lttng-ref-sessiond.pid beside the socket)
    #[arg(long, value_name = "PATH")]
    pid_file: Option<PathBuf>,
    /// Host name for relay outputs and trace metadata
    #[arg(long, value_name = "NAME")]
    hostname: Option<String>,
    /// Run in the background once the socket is ready
    #[arg(short, long)]
    daemonize: bool,
}

impl Cli {
    fn config(self) -> Config {
        Config {
            client_sock: self.client_sock,
            consumerd_path: self.consumerd_path,
            tick_rate: self.tick_rate,
            switch_interval: Duration::from_millis(self.switch_timer),
            pid_file: self.pid_file,
            hostname: self.hostname,
        }
    }
}

/// Starts a copy of this program in the foreground, in its own process group, and returns
/// once its socket answers.
fn daemonize(args: &[String], config: &Config) -> Result<(), String> {
    use std::os::unix::process::CommandExt;
    let path = sessiond::socket_path(config).map_err(|e| e.to_string())?;
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let rest: Vec<&String> = args
        .iter()
        .filter(|a| *a != "-d" && *a != "--daemonize")
        .collect();
    let mut child = std::process::Command::new(exe)
        .args(rest)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .process_group(0)
        .spawn()
        .map_err(|e| e.to_string())?;
    for _ in 0..200 {
        if std::os::unix::net::UnixStream::connect(&path).is_ok() {
            return Ok(());
        }
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("the daemon exited ({status})"));
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    Err("the daemon did not come up".into())
}

fn main() -> ExitCode {
    // Usage errors print clap's message and exit with 2; --help and --version exit with 0.
    let cli = Cli::parse();
    let background = cli.daemonize;
    let config = cli.config();
    if background {
        let args: Vec<String> = std::env::args().skip(1).collect();
        return match daemonize(&args, &config) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("lttng-ref-sessiond: {e}");
                ExitCode::FAILURE
            }
        };
    }
    match sessiond::run(config, |_| {}) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lttng-ref-sessiond: {e}");
            ExitCode::FAILURE
        }
    }
}
