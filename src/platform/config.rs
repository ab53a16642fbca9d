//! The user's config file and the XDG directories `canned` keeps state in.

use std::path::{Path, PathBuf};

use etcetera::{BaseStrategy, choose_base_strategy};
use serde::Deserialize;

use crate::domain::rules;
use crate::domain::text::one_line;
use crate::error::{Error, Result};

/// `config.toml` in the XDG config directory. Every field is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The library directory.
    pub library: Option<PathBuf>,
    /// The agent's name, for the `agent` variable.
    pub agent: Option<String>,
    /// The language to answer in.
    pub lang: Option<String>,
    /// How to copy: `auto`, `x11`, `wayland`, `osc52`.
    pub clipboard: Option<String>,
}

/// Where `canned` reads its config and keeps its files.
#[derive(Debug, Clone)]
pub struct Dirs {
    pub config: PathBuf,
    pub state: PathBuf,
    pub data: PathBuf,
    pub cache: PathBuf,
}

impl Dirs {
    /// The user's directories, each with a `canned` folder: the XDG base
    /// directories on Linux and macOS, the Known Folders on Windows (the
    /// roaming AppData for config and the usage log, the local one for
    /// chats and the cache, which never leave the machine). Never the
    /// current directory: with no home to be found, it is an error.
    pub fn locate() -> Result<Dirs> {
        let strategy = choose_base_strategy().map_err(|e| {
            Error::failed(
                format!("cannot find your user directories: {e}"),
                Some("set HOME (on Windows, USERPROFILE)".into()),
            )
        })?;
        let cache = strategy.cache_dir().join("canned");
        let state = match strategy.state_dir() {
            Some(d) => d.join("canned"),
            None => cache.join("state"),
        };
        Ok(Dirs {
            config: strategy.config_dir().join("canned"),
            state,
            data: strategy.data_dir().join("canned"),
            cache,
        })
    }
}

impl Config {
    /// Reads the config file at `path`; a missing file is an empty config,
    /// unless it was `named` (`CANNED_CONFIG`): a typo there would quietly
    /// take the agent's name and library away. Values a flag would refuse
    /// are refused here too, located by their key.
    pub fn load(path: &Path, named: bool) -> Result<Config> {
        // A named pipe or a device would block or never end.
        if let Ok(meta) = std::fs::metadata(path)
            && !meta.is_file()
        {
            return Err(Error::Config {
                path: path.to_path_buf(),
                message: "not a regular file".into(),
            });
        }
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !named => {
                return Ok(Config::default());
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::Config {
                    path: path.to_path_buf(),
                    message: "no such file (named by CANNED_CONFIG)".into(),
                });
            }
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                return Err(Error::Config {
                    path: path.to_path_buf(),
                    message: "not UTF-8 text: save it as UTF-8".into(),
                });
            }
            Err(e) => return Err(Error::io(path, e)),
        };
        let mut config: Config = toml::from_str(&text).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            message: parse_error(&text, &e),
        })?;
        // `agent = ""` is a name not yet written, as an empty CANNED_AGENT
        // is: the library's default stands, rather than every reply asking.
        config.agent = config.agent.filter(|a| !a.trim().is_empty());
        // The library is where the file says, wherever canned is run from:
        // `~/…` in the home directory, a relative path beside the file.
        // `library = ""`, as an empty CANNED_LIBRARY, names none (read
        // beside the file, it was the config's own folder).
        // A Windows path in double quotes whose escapes TOML takes
        // (`"D:\new"` a line break, `"C:\xfer"` a `þ`) names another
        // folder: refused as typed, with how to write it.
        if let Some((typed, (line, column))) = escaped_in_quotes(&text, "library") {
            return Err(Error::Config {
                path: path.to_path_buf(),
                message: one_line(&format!(
                    "line {line}, column {column}: `library`: in double quotes a `\\` starts an escape, so \"{typed}\" names another folder: write it in single quotes, '{typed}', or with `/`"
                )),
            });
        }
        config.library = config
            .library
            .filter(|lib| !lib.as_os_str().is_empty())
            .map(|lib| beside(path, &lib));
        let refused = |key: &str, why: String| Error::Config {
            path: path.to_path_buf(),
            message: one_line(&match value_at(&text, key) {
                Some((line, column)) => format!("line {line}, column {column}: `{key}`: {why}"),
                None => format!("`{key}`: {why}"),
            }),
        };
        // Typed by the agent, as `--lang` is: `FR` is French.
        config.lang = match config.lang.as_deref().map(rules::typed_lang) {
            Some(Err(r)) => return Err(refused("lang", r.to_string())),
            Some(Ok(l)) => Some(l.to_string()),
            None => None,
        };
        if let Some(Err(e)) = config
            .clipboard
            .as_deref()
            .map(str::parse::<crate::platform::clipboard::Preference>)
        {
            return Err(refused("clipboard", e));
        }
        Ok(config)
    }
}

/// `lib` as a config file at `file` means it: `~/…` in the home directory,
/// a relative path from the file's folder.
fn beside(file: &Path, lib: &Path) -> PathBuf {
    if let Ok(rest) = lib.strip_prefix("~")
        && let Ok(home) = etcetera::home_dir()
    {
        return home.join(rest);
    }
    match file.parent() {
        Some(dir) if lib.is_relative() => dir.join(lib),
        _ => lib.to_path_buf(),
    }
}

/// How to write a Windows path in TOML, for an error about one.
const WINDOWS_PATH: &str = "a `\\` in double quotes starts an escape: write a Windows path in single quotes, 'C:\\lib', or with `/`";

/// The text between double quotes of the top-level `key`, as typed, and
/// where it starts, when it holds a `\` other than `\\` or `\"`: an
/// escape a path does not mean.
fn escaped_in_quotes(text: &str, key: &str) -> Option<(String, (usize, usize))> {
    let (line, column) = value_at(text, key)?;
    let value = text
        .lines()
        .nth(line - 1)?
        .chars()
        .skip(column - 1)
        .collect::<String>();
    let inside = value.strip_prefix('"').filter(|v| !v.starts_with("\"\""))?;
    let mut typed = String::new();
    let mut escaped = false;
    let mut chars = inside.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => break,
            '\\' => {
                let next = chars.next()?;
                escaped |= !matches!(next, '\\' | '"');
                typed.push(c);
                typed.push(next);
            }
            c => typed.push(c),
        }
    }
    escaped.then_some((typed, (line, column)))
}

/// The keys a config file may have.
const KEYS: [&str; 4] = ["library", "agent", "lang", "clipboard"];

/// A parse error said on one line, located as the others are, with a
/// did-you-mean for a misspelt key (rather than the parser's own block
/// with its caret drawing).
fn parse_error(text: &str, e: &toml::de::Error) -> String {
    let message = one_line(e.message().trim());
    let message = match message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split_once('`'))
    {
        Some((key, _)) => {
            let known = KEYS.join(", ");
            match crate::domain::diagnostic::did_you_mean(key, KEYS) {
                Some(close) => format!("unknown key `{key}` (did you mean `{close}`?)"),
                None => format!("unknown key `{key}`; the keys are {known}"),
            }
        }
        // A Windows path in double quotes: `\l` or `\Users` is read as an
        // escape, and refused.
        None if e.span().is_some_and(|span| {
            let line = text[..span.start.min(text.len())]
                .rsplit('\n')
                .next()
                .unwrap_or("");
            line.contains('"') && line.contains('\\')
        }) =>
        {
            format!("{message} ({WINDOWS_PATH})")
        }
        None => message,
    };
    match e.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            format!("line {line}, column {column}: {message}")
        }
        None => message,
    }
}

/// Where the value of the top-level `key` starts in a config file's
/// `text`: its line and column, counted from 1, as TOML's own errors say.
fn value_at(text: &str, key: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, line)| {
        let rest = line.trim_start().strip_prefix(key)?.trim_start();
        let value = rest.strip_prefix('=')?.trim_start();
        let column = line[..line.len() - value.len()].chars().count() + 1;
        Some((i + 1, column))
    })
}
