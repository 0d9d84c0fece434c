//! `lttng-ref-sessiond`: the reference session daemon (see `lttng_ctl::sessiond`).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use lttng_ctl::sessiond::{self, Config};

const USAGE: &str = "\
Usage: lttng-ref-sessiond [OPTIONS]

The reference LTTng 2.13 session daemon of lttng-ctl: the real lttng CLI and liblttng-ctl
drive it; it implements the network-consumer commands and streams its built-in ref:tick
events to a real lttng-relayd (or a local directory) through lttng-ref-consumerd.

Options:
  --client-sock PATH      client socket (default: $LTTNG_HOME/.lttng/client-lttng-sessiond,
                          /var/run/lttng/client-lttng-sessiond for root)
  --consumerd-path PATH   consumer daemon (default: lttng-ref-consumerd beside this program)
  --tick-rate N           ref:tick events per second while tracing (default 100)
  --switch-timer MS       sub-buffer switch period in ms, 0 for none (default 500)
  --pid-file PATH         pid file (default: lttng-ref-sessiond.pid beside the socket)
  --hostname NAME         host name for relay outputs and trace metadata
  -d, --daemonize         run in the background once the socket is ready
  -h, --help              this help
  -V, --version           version
";

fn parse(args: &[String]) -> Result<(Config, bool), String> {
    let mut config = Config::default();
    let mut daemonize = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_owned())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or(format!("{name} needs a value"))
        };
        match flag {
            "--client-sock" => config.client_sock = Some(PathBuf::from(value(flag)?)),
            "--consumerd-path" => config.consumerd_path = Some(PathBuf::from(value(flag)?)),
            "--tick-rate" => {
                config.tick_rate = value(flag)?
                    .parse()
                    .map_err(|_| "--tick-rate takes a number".to_owned())?;
            }
            "--switch-timer" => {
                let ms: u64 = value(flag)?
                    .parse()
                    .map_err(|_| "--switch-timer takes a number".to_owned())?;
                config.switch_interval = Duration::from_millis(ms);
            }
            "--pid-file" => config.pid_file = Some(PathBuf::from(value(flag)?)),
            "--hostname" => config.hostname = Some(value(flag)?),
            "-d" | "--daemonize" => daemonize = true,
            "-h" | "--help" => {
                print!("{USAGE}");
                std::process::exit(0);
            }
            "-V" | "--version" => {
                println!(
                    "lttng-ref-sessiond {} (LTTng 2.13 protocol)",
                    env!("CARGO_PKG_VERSION")
                );
                std::process::exit(0);
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok((config, daemonize))
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
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (config, background) = match parse(&args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("lttng-ref-sessiond: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if background {
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
