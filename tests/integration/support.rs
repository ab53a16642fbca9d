//! A temp directory with its own HOME and XDG directories, an optional
//! library, and the real `canned` binary pointed at them.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The day every test runs on, so expiry and staleness do not drift.
pub const TODAY: &str = "2026-11-24";

pub struct Env {
    dir: TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// An environment whose `lib/` holds these files.
    pub fn with_library(files: &[(&str, &str)]) -> Env {
        let env = Env::new();
        std::fs::create_dir_all(env.library()).expect("library dir");
        for (name, text) in files {
            env.write(&format!("lib/{name}"), text);
        }
        env
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn library(&self) -> PathBuf {
        self.path().join("lib")
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, contents).expect("write");
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).expect("read")
    }

    /// `canned` run in the temp dir with nothing from the outer environment
    /// leaking in: no display, no library, no config, a fixed date.
    pub fn canned(&self) -> Command {
        let mut cmd = Command::cargo_bin("canned").expect("binary");
        cmd.current_dir(self.path())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.path().join("home"))
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("XDG_STATE_HOME", self.path().join("state"))
            .env("XDG_DATA_HOME", self.path().join("data"))
            .env("XDG_CACHE_HOME", self.path().join("cache"))
            .env("CANNED_NOW", TODAY)
            .env("TZ", "UTC");
        cmd
    }

    /// `canned --library lib …`.
    pub fn canned_lib(&self) -> Command {
        let mut cmd = self.canned();
        cmd.arg("--library").arg(self.library());
        cmd
    }
}

/// The shipped sample library.
pub fn sample_library() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("responses")
}

/// A minimal valid manifest declaring `name`, `order` and `agent`, and a signature.
pub const MANIFEST: &str = r#"
[library]
topics = ["billing", "shipping"]
customer_types = ["new", "vip"]

[variables.name]
description = "Customer's first name"
example = "Sarah"

[variables.order]
description = "Order number"
example = "1245"
pattern = "^[0-9]+$"

[variables.agent]
description = "Your first name"
default = "the team"

[partials]
signature = "— {{ agent }}"
"#;

/// A valid response file with one response, `id`.
pub fn response(id: &str) -> String {
    format!(
        "[[response]]\nid = \"{id}\"\ntitle = \"Title of {id}\"\ntopic = \"billing\"\nbody = \"\"\"\nHi {{{{ name }}}}\n{{% include \"signature\" %}}\"\"\"\n"
    )
}

pub fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}
