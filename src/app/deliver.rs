//! The steps `use` and the picker share around a filled-in reply: the values
//! known before anyone types, the chat's memory, ranking with this agent's
//! usage, and delivering the finished text (print or copy, confirm, log).

use std::io::{IsTerminal, Write};

use crate::app::App;
use crate::domain::fill::pick_language;
use crate::domain::library::Library;
use crate::domain::model::{Lang, Response};
use crate::domain::search::{self, Hit, Index, Query};
use crate::domain::values::Values;
use crate::error::{Error, Result};
use crate::platform::chat::ChatStore;
use crate::platform::clipboard::{self, Preference};
use crate::platform::clock::unix_seconds;
use crate::platform::usage::UsageLog;

impl App {
    /// What is known before the agent types anything, later winning: the
    /// built-ins (`agent`, `today`), the chat's memory and its `ticket`,
    /// then `given` (`--vars`, `--var`).
    pub fn known_values(&self, chat: Option<&str>, given: &Values) -> Values {
        let mut values = Values::default();
        if let Some(agent) = self.agent() {
            values.set("agent", agent);
        }
        values.set("today", &self.today.to_string());
        if let Some(id) = chat {
            values.set("ticket", id);
            if let Ok(dirs) = self.dirs() {
                // Every run that touches the chats tidies them first: expired
                // ones deleted, damaged ones set aside, modes tightened.
                let store = ChatStore::new(&dirs.state);
                let now = unix_seconds(self.now);
                for notice in store.tidy(now) {
                    self.warn(&notice.to_string());
                }
                for (k, v) in store.load(id, now).values {
                    values.set(k, &v);
                }
            }
        }
        values.extend(given);
        values
    }

    /// Saves values to a chat's memory. Called after
    /// [`App::known_values`], which tidied the store. A chat that cannot be
    /// saved is a warning, never a reason to withhold the reply: this never
    /// returns an error.
    pub fn remember_in_chat(&self, chat: &str, values: &Values) -> Result<()> {
        if values.as_map().is_empty() {
            return Ok(());
        }
        let saved = self.dirs().and_then(|dirs| {
            let store = ChatStore::new(&dirs.state);
            store
                .save(chat, values.as_map(), unix_seconds(self.now))
                .map_err(|e| Error::io(store.dir(), e))
        });
        match saved {
            Ok((_, notices)) => {
                for notice in notices {
                    self.warn(&notice.to_string());
                }
            }
            Err(e) => self.warn(&format!("could not save chat {chat}: {e}")),
        }
        Ok(())
    }

    /// Runs a query against the library's index, with this agent's usage.
    pub fn rank(&self, index: &Index, query: &Query, limit: usize) -> Vec<Hit> {
        let usage = self.usage();
        let now = unix_seconds(self.now);
        let frecency = |id: &str| usage.frecency(id, now);
        let ctx = search::Context {
            today: self.today,
            usage: &frecency,
        };
        search::search(index, query, &ctx, limit)
    }

    /// `--lang`, then the config's `lang`, then the language a query matched
    /// in, then the library's default; a missing translation falls back to
    /// the response's own language, and says so.
    pub fn pick_language(
        &self,
        lib: &Library,
        r: &Response,
        flag: Option<&str>,
        matched: Option<Lang>,
    ) -> Lang {
        let preferred = [
            flag.map(Lang::new),
            self.config.lang.as_deref().map(Lang::new),
            matched,
            Some(lib.manifest.default_lang.clone()),
        ];
        let (lang, missing) = pick_language(r, &preferred);
        if let Some(wanted) = missing {
            self.note(&format!(
                "`{}` has no `{wanted}` translation; using `{lang}`",
                r.id
            ));
        }
        lang
    }

    /// Prints or copies the finished text, confirms on stderr, and logs the use.
    pub fn deliver(&self, response: &Response, lang: &Lang, text: &str, print: bool) -> Result<()> {
        if print {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            if std::io::stdout().is_terminal() && !text.ends_with('\n') {
                writeln!(out)?;
            }
            out.flush()?;
        } else {
            let pref: Preference = self
                .config
                .clipboard
                .as_deref()
                .unwrap_or("auto")
                .parse()
                .map_err(|e: String| Error::Config {
                    path: self.config_path.clone().unwrap_or_default(),
                    message: e,
                })?;
            let copied =
                clipboard::copy(text, pref, &clipboard::Environment::from_env()).map_err(|e| {
                    Error::failed(
                        e.to_string(),
                        Some("use --print to write the text to stdout".into()),
                    )
                })?;
            if let Some(n) = copied.note {
                self.note(&format!("({n})"));
            }
            let what = format!(
                "{} ({lang}, {} characters)",
                response.id,
                text.chars().count()
            );
            if copied.confirmed {
                self.note(&format!(
                    "{} {what} via {}",
                    self.err.green("copied"),
                    copied.method
                ));
            } else {
                // Nothing can read an OSC 52 copy back: say what was done.
                self.note(&format!(
                    "{} {what} to the terminal via {} (the terminal cannot confirm it copied)",
                    self.err.yellow("sent"),
                    copied.method
                ));
            }
        }
        let logged = self.dirs().and_then(|d| {
            UsageLog::new(&d.data)
                .record(self.now, response.id.as_str(), lang.as_str())
                .map_err(|e| Error::io(d.data.join("usage.log"), e))
        });
        if let Err(e) = logged {
            self.warn(&format!("could not write the usage log: {e}"));
        }
        Ok(())
    }
}
