//! The steps `use` and the picker share around a filled-in reply: the values
//! known before anyone types, the chat's memory, ranking with this agent's
//! usage, and delivering the finished text (print or copy, confirm, log).

use std::io::{IsTerminal, Write};

use crate::app::App;
use crate::domain::diagnostic::{did_you_mean, suggestion_hint};
use crate::domain::fill::pick_language;
use crate::domain::library::{Library, plural};
use crate::domain::model::{CustomerType, Topic};
use crate::domain::model::{Lang, Response};
use crate::domain::rules;
use crate::domain::search::filter::Filter;
use crate::domain::search::{self, Hit, Index, Query};
use crate::domain::values::Values;
use crate::error::{Error, Result};
use crate::platform::chat::Chat;
use crate::platform::clipboard::{self, Preference};
use crate::platform::clock::unix_seconds;
use crate::platform::last_copy::{self, LastCopy};
use crate::platform::library;
use crate::platform::usage::UsageLog;

impl App {
    /// What is known before the agent types anything (see
    /// [`App::known_values_of`]), reading the chat's memory.
    pub fn known_values(&self, chat: Option<&str>, given: &Values) -> Values {
        let chat = chat.map(|id| self.chat(id));
        self.known_values_of(chat.as_ref(), given)
    }

    /// What is known before the agent types anything, later winning: the
    /// built-ins (`agent`, `today`), the chat's memory (its customer type
    /// as `customer_type`, its values, and its id as `ticket`), then
    /// `given` (`--vars`, `--var`).
    pub fn known_values_of(&self, chat: Option<&Chat>, given: &Values) -> Values {
        let mut values = Values::default();
        if let Some(agent) = self.agent() {
            values.set("agent", agent);
        }
        values.set("today", &self.today.to_string());
        if let Some(chat) = chat {
            values.set("ticket", &chat.id);
            if let Some(customer) = &chat.customer {
                values.set("customer_type", customer);
            }
            for (k, v) in &chat.values {
                values.set(k.clone(), v);
            }
        }
        values.extend(given);
        values
    }

    /// Runs a query against the library's index, with this agent's usage.
    pub fn rank(&self, index: &Index, query: &Query, limit: usize) -> Vec<Hit> {
        let usage = self.usage();
        let now = unix_seconds(self.now);
        let frecency = |doc: usize| usage.frecency(index.docs.view(doc).id(), now);
        let ctx = search::Context {
            today: self.today,
            usage: &frecency,
        };
        search::search(index, query, &ctx, limit)
    }

    /// Refuses a customer type the library does not know (`c:vpi`,
    /// `--customer vpi`): the filter would show only the replies for anyone,
    /// as if none were written for the type meant.
    pub fn check_filter(&self, index: &Index, filter: &Filter) -> Result<()> {
        let refused = |r: rules::Refusal| Error::Values {
            message: format!("{}; expected {}", r.message, r.expected),
            hint: r.hint,
        };
        // A typo would hide every reply, and say nothing matched.
        if let Some(topic) = &filter.topic {
            rules::topic_filter(topic, &self.topics(index)?).map_err(refused)?;
        }
        if let Some(customer) = &filter.customer {
            rules::customer(customer, Some(&self.customer_types(index)?)).map_err(refused)?;
        }
        // So would a language no reply is written in (`l:fe`): one of the
        // library's, in any region (`fr` for `fr-CA`), is asked for.
        if let Some(lang) = &filter.lang {
            let known = |l: &String| Lang::same_language(l, lang.as_str());
            if !index.langs.iter().any(known) {
                let langs: Vec<&str> = index.langs.iter().map(String::as_str).collect();
                return Err(Error::Values {
                    message: format!(
                        "no reply is written in `{lang}`; expected one of the library's languages: {}",
                        langs.join(", ")
                    ),
                    hint: did_you_mean(lang.as_str(), langs.iter().copied()).map(suggestion_hint),
                });
            }
        }
        Ok(())
    }

    /// The topics the library knows: the manifest's `topics`, or when it
    /// lists none, those the replies are filed under.
    pub fn topics(&self, index: &Index) -> Result<Vec<Topic>> {
        let manifest = library::load_manifest(&self.library_root()?, self.cache_dir())?.manifest;
        Ok(manifest
            .topics
            .unwrap_or_else(|| index.topics().iter().map(Topic::new).collect()))
    }

    /// The customer types the library knows: the manifest's
    /// `customer_types`, or when it lists none, those replies are written for.
    pub fn customer_types(&self, index: &Index) -> Result<Vec<CustomerType>> {
        let manifest = library::load_manifest(&self.library_root()?, self.cache_dir())?.manifest;
        Ok(manifest.customer_types.unwrap_or_else(|| {
            index
                .customer_types()
                .iter()
                .map(CustomerType::new)
                .collect()
        }))
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

    /// The config file's `clipboard` method (`auto` when unset).
    pub fn clipboard_preference(&self) -> Result<Preference> {
        self.config
            .clipboard
            .as_deref()
            .unwrap_or("auto")
            .parse()
            .map_err(|e: String| Error::Config {
                path: self.config_path.clone().unwrap_or_default(),
                message: e,
            })
    }

    /// A reply past its `expires` date, named on purpose (`use ID`, the
    /// picker with `--all`): said, for its text may no longer hold.
    pub fn warn_if_expired(&self, response: &Response) {
        if let Some(day) = response.expires.filter(|_| response.is_expired(self.today)) {
            self.warn(&format!(
                "`{}` expired on {day}: agents no longer see it; check it still holds before sending",
                response.id
            ));
        }
    }

    /// Prints or copies the finished text, confirms on stderr, and logs the
    /// use — unless it was printed to nowhere (`--print >&-`, `/dev/null`),
    /// where it reached no one.
    pub fn deliver(
        &self,
        response: &Response,
        lang: &Lang,
        text: &str,
        how: Delivery,
    ) -> Result<()> {
        let print = how == Delivery::Print;
        if print && crate::platform::fs::stdout_is_null() {
            return Ok(());
        }
        // Copied, it would empty the clipboard of what the agent had on it;
        // printed, a script would send it: nothing in front of the customer.
        if text.trim().is_empty() {
            let done = if print { "printed" } else { "copied" };
            return Err(Error::failed(
                format!(
                    "the text of `{}` ({lang}) is empty with these values: nothing was {done}",
                    response.id
                ),
                Some(format!(
                    "its conditions leave nothing for this customer: `canned show {} --raw` shows them",
                    response.id
                )),
            ));
        }
        if print {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            if std::io::stdout().is_terminal() && !text.ends_with('\n') {
                writeln!(out)?;
            }
            out.flush()?;
        } else {
            let pref = self.clipboard_preference()?;
            // What is typed while the copy is waited for (a display that
            // does not answer gets 10 s) is no command for the shell, after
            // `use` as after the picker.
            let typing = crate::platform::tty::swallow_typing();
            let copied = clipboard::copy(text, pref, &clipboard::Environment::from_env());
            drop(typing);
            let copied = match copied {
                Ok(copied) => copied,
                // The picker is gone, and the text the agent filled in
                // with it: printed, to copy by hand.
                Err(e) if how == Delivery::CopyElsePrint => {
                    let mut out = std::io::stdout().lock();
                    writeln!(out, "{}", text.trim_end())?;
                    out.flush()?;
                    return Err(Error::failed(
                        e.to_string(),
                        Some("the text is printed above: copy it by hand".into()),
                    ));
                }
                Err(e) => {
                    return Err(Error::failed(
                        e.to_string(),
                        Some("use --print to write the text to stdout".into()),
                    ));
                }
            };
            // Why the methods tried first did not copy it, said as such.
            if let Some(n) = copied.note {
                self.note(&format!(
                    "note: not copied by the first methods tried ({n})"
                ));
            }
            let what = format!(
                "{} ({lang}, {})",
                response.id,
                plural(text.chars().count(), "character")
            );
            // Known when it is read back as a customer's message.
            let remembered = self.dirs().and_then(|d| {
                let copy = LastCopy {
                    id: response.id.to_string(),
                    fingerprint: crate::domain::text::fingerprint(text),
                };
                last_copy::record(&d.state, &copy)
                    .map_err(|e| Error::io(d.state.join("last-copy"), e))
            });
            if let Err(e) = remembered {
                self.warn(&format!("could not remember the copy: {e}"));
            }
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

/// Where a finished reply goes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// To stdout (`use --print`).
    Print,
    /// To the clipboard (`use`).
    Copy,
    /// To the clipboard, else to stdout (the picker, whose form is gone
    /// by then).
    CopyElsePrint,
}
