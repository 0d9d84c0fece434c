//! `lttng-consumer`: the network-consumer design's `enable`/`disable` commands on this
//! library (see `lttng_ctl::cli::consumer` and `man/lttng-consumer.1`).

use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Args, Parser, Subcommand};
use lttng_ctl::cli::{self, EXIT_ERROR, EXIT_UNDEFINED, Failure, consumer};
use lttng_ctl::client;

/// Sets where a recording session's trace goes and turns its consumer on and off (LTTng's
/// network-consumer design, on lttng-ctl).
#[derive(Parser)]
#[command(
    name = "lttng-consumer",
    disable_help_subcommand = true,
    version = concat!(env!("CARGO_PKG_VERSION"), " (lttng-ctl, LTTng 2.13 protocol)"),
    after_help = "\
The session defaults to the current one (session=NAME in $LTTNG_HOME/.lttngrc, as written by \
`lttng create`). Exit status: 0 on success, the LTTng error code when the session daemon \
refuses a command, 1 when a request is refused before anything is sent, 2 for an unknown \
option or command. See lttng-consumer(1)."
)]
struct Cli {
    /// Print the session used, the planned URIs, and the library's log of every command and
    /// reply (on stderr)
    #[arg(short, long, global = true, action = ArgAction::Count)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Set the consumer's URIs, then enable it (connects to the relay daemon)
    #[command(after_help = "\
Examples:
  lttng-consumer enable net://relay.example.com            control 5342, data 5343
  lttng-consumer enable net://127.0.0.1:15342:15343 -s s1
  lttng-consumer enable -C tcp://10.0.0.2:6000/lab -D tcp://10.0.0.2:6001
  lttng-consumer enable /var/trace/s1                       local output
  lttng-consumer enable                                     resume after disable")]
    Enable(EnableArgs),
    /// Disable (pause) the consumer; it stays connected and `enable` resumes it
    Disable(SessionArg),
}

/// The arguments of `enable` (the help texts name URI syntax, hence `help =`).
#[derive(Args)]
struct EnableArgs {
    #[arg(
        value_name = "URI",
        help = "net://HOST[:CTRL[:DATA]][/SUBDIR] (also net4://, net6://) sets both paths; \
                file:///PATH or /PATH a local output"
    )]
    uri: Option<String>,
    #[arg(
        short = 'C',
        long = "control-uri",
        value_name = "[HOP1,]URI",
        help = "Control path: tcp://HOST[:PORT][/SUBDIR] (tcp4://, tcp6://) or a local path"
    )]
    control: Option<String>,
    #[arg(
        short = 'D',
        long = "data-uri",
        value_name = "[HOP1,]URI",
        help = "Data path: tcp://HOST[:PORT] (tcp4://, tcp6://; udp:// is parsed, \
                lttng-relayd 2.13 has no UDP) or a local path"
    )]
    data: Option<String>,
    #[command(flatten)]
    session: SessionArg,
}

#[derive(Args)]
struct SessionArg {
    /// Recording session (default: the current session)
    #[arg(short, long, value_name = "NAME")]
    session: Option<String>,
}

/// Prints a failure the lttng CLI's way and returns its exit code.
fn fail(f: &Failure) -> ExitCode {
    eprintln!("{f}");
    ExitCode::from(f.exit_code)
}

/// Reports a command-line error with the lttng CLI's wording and exit codes.
fn usage_error(e: &clap::Error, args: &[String]) -> ExitCode {
    let command = args
        .iter()
        .skip(1)
        .find(|a| *a == "enable" || *a == "disable")
        .map_or("lttng-consumer", String::as_str);
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        _ => String::new(),
    };
    let invalid = context(ContextKind::InvalidArg);
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            let help = Cli::command_help();
            eprint!("{help}");
            ExitCode::from(EXIT_ERROR)
        }
        ErrorKind::InvalidSubcommand => {
            let invalid = context(ContextKind::InvalidSubcommand);
            eprintln!(
                "lttng-consumer: {invalid} is not an lttng-consumer command. See 'lttng-consumer --help'."
            );
            ExitCode::from(EXIT_UNDEFINED)
        }
        ErrorKind::UnknownArgument if !invalid.starts_with('-') => {
            fail(&Failure::refused(format!("Unknown argument: {invalid}")))
        }
        ErrorKind::UnknownArgument => {
            eprintln!("Error: Unrecognized option {invalid} used with '{command}' command");
            ExitCode::from(EXIT_UNDEFINED)
        }
        _ => {
            let text = e.render().to_string();
            let first = text
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches("error: ");
            let mut chars = first.chars();
            let first: String = chars
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .chain(chars)
                .collect();
            eprintln!("Error: {first}");
            ExitCode::from(EXIT_UNDEFINED)
        }
    }
}

impl Cli {
    fn command_help() -> String {
        use clap::CommandFactory;
        Cli::command().render_help().to_string()
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e, &args),
    };
    if cli.verbose > 0 {
        client::set_debug_log(true);
    }
    let verbose = |line: &str| {
        if cli.verbose > 0 {
            eprintln!("lttng-consumer: {line}");
        }
    };
    let result = match &cli.command {
        Command::Enable(a) => cli::session_or_current(a.session.session.as_deref()).and_then(|s| {
            verbose(&format!("session {s}"));
            let uris = consumer::plan_enable(
                a.uri.as_deref(),
                a.control.as_deref(),
                a.data.as_deref(),
                client::resolver(),
            )?;
            for u in &uris {
                verbose(&format!("{}: {}", consumer::role(u), u.to_url()));
            }
            consumer::enable(&s, &uris, &mut std::io::stdout())?;
            let discarded = consumer::discarded_events(&s).unwrap_or(0);
            if let Some(warning) = consumer::discard_warning(&s, discarded) {
                eprintln!("{warning}");
            }
            Ok(())
        }),
        Command::Disable(a) => cli::session_or_current(a.session.as_deref()).and_then(|s| {
            verbose(&format!("session {s}"));
            consumer::disable(&s, &mut std::io::stdout())
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => fail(&f),
    }
}
