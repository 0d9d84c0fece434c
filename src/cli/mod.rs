//! Building blocks of command-line programs on the [`crate::client`] API that
//! follow the `lttng` CLI's conventions:
//!
//! * results on stdout, errors on stderr as `Error: <text>`, hints on the lines after;
//! * exit code 0 on success; the LTTng error code (`enum lttng_error_code`, positive) when
//!   a command the library sent failed; 1 for a request refused before anything was sent
//!   (bad URI, no current session, a hop); 2 for an unknown option or command;
//! * the session defaults to the current one, `session=NAME` in `$LTTNG_HOME/.lttngrc`
//!   (`$HOME` when `LTTNG_HOME` is unset), which `lttng create` and `lttng set-session`
//!   write.
//!
//! [`consumer`] holds the network-consumer design's `enable`/`disable` commands
//! (`lttng-consumer`).

#![forbid(unsafe_code)]

pub mod consumer;

use std::fmt;
use std::path::PathBuf;

use crate::client;
use crate::transport::paths;

/// Exit code of a request refused before anything was sent (`CMD_ERROR` in the lttng CLI).
pub const EXIT_ERROR: u8 = 1;
/// Exit code of an unknown option or command (`CMD_UNDEFINED` in the lttng CLI).
pub const EXIT_UNDEFINED: u8 = 2;

/// Why a command failed: the text after `Error: `, optional hint lines, the exit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The message (printed after `Error: `).
    pub message: String,
    /// Lines printed after the message, as they are.
    pub hints: Vec<String>,
    /// The process exit code.
    pub exit_code: u8,
}

impl Failure {
    /// A request refused before anything was sent (exit code 1).
    pub fn refused(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            hints: Vec::new(),
            exit_code: EXIT_ERROR,
        }
    }

    /// A failed library call: `<context>: <lttng_strerror text>`, exit code the LTTng code
    /// (1 when it does not fit an exit code).
    pub fn lttng(context: &str, error: client::Error) -> Failure {
        let exit_code = u8::try_from(error.0)
            .ok()
            .filter(|c| *c != 0)
            .unwrap_or(EXIT_ERROR);
        Failure {
            message: format!("{context}: {}", error.text()),
            hints: Vec::new(),
            exit_code,
        }
    }

    /// Adds a hint line.
    pub fn hint(mut self, line: impl Into<String>) -> Failure {
        self.hints.push(line.into());
        self
    }
}

impl fmt::Display for Failure {
    /// `Error: <message>` then the hints, one per line, without a final newline.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Error: {}", self.message)?;
        for h in &self.hints {
            write!(f, "\n{h}")?;
        }
        Ok(())
    }
}

/// The lttng CLI's configuration file: `<LTTng home>/.lttngrc`.
pub fn config_path() -> Option<PathBuf> {
    paths::home_dir().map(|home| home.join(".lttngrc"))
}

/// The session name of a `.lttngrc` text: the value of its first `session=` line.
pub fn session_from_config(text: &str) -> Option<&str> {
    text.lines()
        .filter_map(|line| line.trim_end().split_once('='))
        .find(|(key, _)| key.trim() == "session")
        .map(|(_, value)| value.trim())
        .filter(|value| !value.is_empty())
}

/// The session to act on: `explicit` when given, else the current session of the lttng
/// CLI (see the [module](self) documentation).
pub fn session_or_current(explicit: Option<&str>) -> Result<String, Failure> {
    if let Some(name) = explicit {
        return Ok(name.to_owned());
    }
    let path = config_path().ok_or_else(|| Failure::refused("Can't find the LTTng home"))?;
    let missing = || {
        Failure::refused(format!("Can't find valid lttng config {}", path.display()))
            .hint("Did you create a session? (lttng create <my_session>)")
    };
    let text = std::fs::read_to_string(&path).map_err(|_| missing())?;
    session_from_config(&text)
        .map(str::to_owned)
        .ok_or_else(missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_gives_the_first_session_line() {
        assert_eq!(session_from_config("session=s1\n"), Some("s1"));
        assert_eq!(
            session_from_config("x=1\nsession=a\nsession=b\n"),
            Some("a")
        );
        assert_eq!(session_from_config("session=\n"), None);
        assert_eq!(session_from_config(""), None);
    }

    #[test]
    fn failures_print_like_the_lttng_cli() {
        let f = Failure::lttng("Enabling the consumer of session s", client::Error(23));
        assert_eq!(f.exit_code, 23);
        assert_eq!(
            f.to_string(),
            "Error: Enabling the consumer of session s: Session name not found"
        );
        assert_eq!(Failure::lttng("x", client::Error(300)).exit_code, 1);
        let f = Failure::refused("no").hint("try this");
        assert_eq!(
            (f.to_string().as_str(), f.exit_code),
            ("Error: no\ntry this", 1)
        );
    }
}
