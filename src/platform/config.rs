//! The user's config file and the XDG directories `canned` keeps state in.

use std::path::{Path, PathBuf};

use serde::Deserialize;

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
    /// The XDG base directories, each with a `canned` folder.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Dirs {
        let home = var("HOME")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("."));
        let base = |xdg: &str, fallback: &str| {
            var(xdg)
                .filter(|p| Path::new(p).is_absolute())
                .map(PathBuf::from)
                .unwrap_or_else(|| home.join(fallback))
                .join("canned")
        };
        Dirs {
            config: base("XDG_CONFIG_HOME", ".config"),
            state: base("XDG_STATE_HOME", ".local/state"),
            data: base("XDG_DATA_HOME", ".local/share"),
            cache: base("XDG_CACHE_HOME", ".cache"),
        }
    }
}

impl Config {
    /// Reads the config file at `path`; a missing file is an empty config.
    pub fn load(path: &Path) -> Result<Config> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(Error::io(path, e)),
        };
        toml::from_str(&text).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            message: e.to_string().trim().to_string(),
        })
    }
}
