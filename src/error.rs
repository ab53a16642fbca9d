//! Errors that stop a command, each rendered for a human with a hint.

use std::path::PathBuf;

use crate::domain::diagnostic::suggestion_hint;
use crate::domain::edit::EditError;
use crate::domain::fill::FillError;
use crate::domain::library::{LibraryOrigin, UnknownResponse};

/// Everything that can stop a command. Problems *inside* a library are not
/// errors: they are `Diagnostic`s, reported beside what still works.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no library found in {} or any parent directory", shown(.0))]
    NoLibrary(PathBuf),
    #[error("library directory `{}` (from {origin}) does not exist", shown(path))]
    LibraryNotFound {
        path: PathBuf,
        origin: LibraryOrigin,
    },
    #[error("cannot read library directory `{}`: {source}", shown(path))]
    LibraryUnreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("`{}` is not a directory", shown(.0))]
    LibraryNotADirectory(PathBuf),
    #[error("{0}")]
    UnknownResponse(UnknownResponse),
    #[error("{0}")]
    Usage(String),
    /// Wrong usage, with what to do instead.
    #[error("{message}")]
    UsageWithHint { message: String, hint: String },
    /// Values missing or refused: the caller must supply them (exit 2).
    #[error("{message}")]
    Values {
        message: String,
        hint: Option<String>,
    },
    #[error("{message}")]
    Failed {
        message: String,
        hint: Option<String>,
    },
    #[error("{}: {source}", shown(path))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("invalid config file {}: {message}", shown(path))]
    Config { path: PathBuf, message: String },
    /// Writing the command's output failed (a closed pipe is not reported).
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
}

/// A path in an error, as typed: a line break in it shown as `⏎`, a hidden
/// character by its code, so the message stays one line and says what
/// was given.
fn shown(path: &std::path::Path) -> String {
    crate::domain::text::shown_as_typed(&path.to_string_lossy())
}

impl From<UnknownResponse> for Error {
    fn from(e: UnknownResponse) -> Error {
        Error::UnknownResponse(e)
    }
}

impl From<EditError> for Error {
    fn from(e: EditError) -> Error {
        let hint = match &e {
            EditError::NoSuchResponse { .. } => {
                Some("someone else is editing it: run the command again".to_string())
            }
            EditError::NotRoundTrip { mixed: true, .. } => Some(
                "its lines end both ways: save it with one kind of line ending, or edit it by hand"
                    .to_string(),
            ),
            EditError::NotRoundTrip {
                mixed: false,
                first: Some((line, was, would_be)),
                ..
            } => Some(format!(
                "line {line}, `{}`, would be rewritten `{}`: write it as the file's other lines \
                 are, or edit it by hand",
                crate::domain::text::one_line(was),
                crate::domain::text::one_line(would_be)
            )),
            EditError::NotRoundTrip { mixed: false, .. } => Some(
                "part of its layout (spaces inside a dotted key, such as `[ a . b ]`?) would be \
                 rewritten: edit it by hand"
                    .to_string(),
            ),
            EditError::Invalid { .. } => Some("run `canned check` for details".to_string()),
            EditError::InlineResponse { .. } => Some(
                "write it as a [[response]] table, or set `reviewed` by hand; nothing was written"
                    .to_string(),
            ),
            EditError::SharedId { .. } => Some(
                "give each its own id first (`canned check` shows where); nothing was written"
                    .to_string(),
            ),
        };
        Error::failed(e.to_string(), hint)
    }
}

impl From<FillError> for Error {
    fn from(e: FillError) -> Error {
        let message = e.to_string();
        match e {
            FillError::TooLong { .. } => Error::Values {
                message,
                hint: Some(
                    "give the value itself, not a file's contents; nothing was copied".into(),
                ),
            },
            FillError::Patterns(_) => Error::Values {
                message,
                hint: Some("fix the value and try again; nothing was copied".into()),
            },
            FillError::Unfilled { id, .. } => Error::failed(
                message,
                Some(format!(
                    "the reply's template, or a default in canned.toml, holds it: `canned check` shows where (`canned show {id} --raw` shows the template)"
                )),
            ),
            FillError::Group { name, members } => {
                // A list's items (`items.0.name`) cannot be written in a
                // template: no such member is offered as an example.
                let printable = members.iter().find(|m| {
                    m.split('.')
                        .all(|part| !part.starts_with(|c: char| c.is_ascii_digit()))
                });
                Error::Values {
                    message,
                    hint: Some(match printable {
                        Some(m) => format!(
                            "give it one value with --var {name}=…, or print one of them in the reply, such as {{{{ {m} }}}}"
                        ),
                        None => format!(
                            "give it one value with --var {name}=…: a list's items cannot be printed in a reply"
                        ),
                    }),
                }
            }
            FillError::Render { values, .. } if !values.is_empty() => Error::Values {
                message,
                hint: Some(
                    "it renders with the example values: give others; nothing was copied".into(),
                ),
            },
            FillError::Template { .. } | FillError::Render { .. } => {
                Error::failed(message, Some("run `canned check` to see where".into()))
            }
        }
    }
}

impl Error {
    /// A failure with a message and an optional `hint:` line.
    pub fn failed(message: impl Into<String>, hint: Option<String>) -> Error {
        Error::Failed {
            message: message.into(),
            hint,
        }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// The process exit code: 2 for wrong usage or missing values, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) | Error::UsageWithHint { .. } | Error::Values { .. } => 2,
            _ => 1,
        }
    }

    /// Writing the command's output failed with this error.
    pub fn output_error(&self) -> Option<&std::io::Error> {
        match self {
            Error::Output(e) => Some(e),
            _ => None,
        }
    }

    /// What to do about it, when there is something to say.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::NoLibrary(_) => Some(
                "pass --library DIR, set CANNED_LIBRARY, set `library` in the config file, \
                 or create one with `canned init`"
                    .into(),
            ),
            Error::LibraryNotFound { origin, .. } => Some(format!(
                "check {origin}, or create the library with `canned init DIR`"
            )),
            Error::UnknownResponse(UnknownResponse {
                skipped: Some(_), ..
            }) => Some("`canned check` says what to fix".into()),
            Error::UnknownResponse(UnknownResponse { suggestion, .. }) => Some(match suggestion {
                Some(s) => suggestion_hint(s),
                None => "`canned find WORDS` searches by title, tags and text".into(),
            }),
            Error::Failed { hint, .. } | Error::Values { hint, .. } => hint.clone(),
            Error::UsageWithHint { hint, .. } => Some(hint.clone()),
            _ => None,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
