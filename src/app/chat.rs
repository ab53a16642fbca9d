//! A chat's memory as `use`, `chat` and the picker see it: its values and
//! its customer's language and type, read after the store is tidied and
//! changed under its lock.

use std::collections::BTreeMap;

use std::path::Path;

use crate::app::App;
use crate::domain::diagnostic::{did_you_mean, name_meant};
use crate::domain::library::Manifest;
use crate::domain::model::{CustomerType, Lang};
use crate::domain::rules::{self, Refusal};
use crate::domain::template::BUILT_INS;
use crate::domain::text::one_line;
use crate::domain::values::Values;
use crate::error::{Error, Result};
use crate::platform::chat::{Chat, ChatStore};
use crate::platform::clock::unix_seconds;

/// What to change in a chat: values to add, and its customer's language
/// and type when they are given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChatChange {
    pub values: BTreeMap<String, String>,
    /// Values to forget (`canned chat ID name=`).
    pub forget: Vec<String>,
    pub lang: Option<Lang>,
    pub customer: Option<CustomerType>,
    /// `lang=`, `customer=`: the chat's language or type forgotten.
    pub forget_lang: bool,
    pub forget_customer: bool,
}

impl ChatChange {
    fn is_empty(&self) -> bool {
        self.values.is_empty()
            && self.forget.is_empty()
            && self.lang.is_none()
            && self.customer.is_none()
            && !self.forget_lang
            && !self.forget_customer
    }
}

/// `values` with `name` set to `value`, the later deciding: a value for
/// a name replaces the group of fields below it (`customer.name.first`
/// once `customer.name` is given), and a field replaces the value of
/// the group above it; either way the reply sees what was given last.
fn set_value(values: &mut BTreeMap<String, String>, name: &str, value: &str) {
    forget_value(values, name);
    values.retain(|k, _| !name.starts_with(&format!("{k}.")));
    values.insert(name.to_string(), value.to_string());
}

/// `values` without `name` nor the fields of its group.
fn forget_value(values: &mut BTreeMap<String, String>, name: &str) {
    values.retain(|k, _| k != name && !k.starts_with(&format!("{name}.")));
}

/// A refused `lang=` or `customer=`, as the error `canned chat` and the
/// picker show.
pub fn refused(field: &str, value: &str, r: Refusal) -> Error {
    Error::Values {
        message: one_line(&format!(
            "{field}={value}: {}; expected {}",
            r.message, r.expected
        )),
        hint: r.hint,
    }
}

/// `lang=` and `customer=` given as values (`--var`, `customer` kept apart
/// by [`Values::from_assignments_apart`], or `--vars`), read as `canned
/// chat` reads them: the language checked (a wrong one refused, as
/// `--lang` refuses it) and returned as the one to answer in, and
/// `customer` checked and given to the reply as its `customer_type` —
/// unless the library declares a variable of that name, which keeps it as
/// a value. A `customer_type` typed in another case (`VIP`) is the
/// library's own spelling, which its branches compare with.
pub fn fields_given(
    given: &mut Values,
    customer: Option<String>,
    manifest: &Manifest,
) -> Result<Option<Lang>> {
    let field = |key: &str| !manifest.variables.contains_key(key);
    let known = manifest.customer_types.as_deref();
    let customer = if field("customer") {
        customer
    } else {
        if let Some(c) = customer {
            given.set("customer", &c);
        }
        None
    };
    if let Some(c) = customer.filter(|_| !given.has("customer_type")) {
        let c = rules::chat_customer(&c, known).map_err(|r| refused("customer", &c, r))?;
        given.set("customer_type", c.as_str());
    }
    if let Some(t) = given.get("customer_type")
        && let Ok(t) = rules::chat_customer(t, known)
    {
        given.set("customer_type", t.as_str());
    }
    match given.get("lang").filter(|l| field("lang") && !l.is_empty()) {
        Some(l) => rules::typed_lang(l)
            .map(Some)
            .map_err(|r| refused("lang", l, r)),
        None => Ok(None),
    }
}

/// Whether `values` may be kept in a chat, as `canned chat` and `use
/// --chat` keep them (`flag` is how they were given, `--var ` or nothing;
/// `outcome` says what was not done): a name one typo from one the
/// library reads, which it does not read itself, is the agent's slip
/// (`custmer=vip`): remembered as it is, it would change no reply, and the
/// customer would get the others. The names `use` reads itself come
/// first: a tie (`lan`, one typo from `lang` and from `plan`) is the one
/// every library has. A value its variable's pattern refuses would be
/// refused at every `use` of the chat, far from where it was given.
pub fn kept_in_a_chat(
    values: &Values,
    manifest: &Manifest,
    flag: &str,
    outcome: &str,
    kept: bool,
) -> Result<()> {
    // A `--var` the reply does not read is refused only as the chat would
    // keep it: said, or the refusal reads as arbitrary.
    let why = if kept {
        ", and the chat would keep it"
    } else {
        ""
    };
    let known: Vec<&str> = ["customer"]
        .into_iter()
        .chain(BUILT_INS)
        .chain(manifest.variables.keys().map(String::as_str))
        .collect();
    // (A group's field, `customer.name`, is a helpdesk's name, never a slip.)
    let unknown = values.as_map().keys();
    for name in unknown.filter(|n| !known.contains(&n.as_str()) && !n.contains('.')) {
        if let Some(meant) = name_meant(name, &known) {
            return Err(Error::Values {
                message: format!("`{name}` is no value the library reads{why}"),
                hint: Some(format!(
                    "did you mean `{meant}`? ({flag}{meant}=…); {outcome}"
                )),
            });
        }
    }
    for (name, value) in values.as_map().iter().filter(|(_, v)| !v.trim().is_empty()) {
        if let Some(pattern) = manifest
            .variables
            .get(name)
            .and_then(|v| v.pattern.as_ref())
            && !pattern.matches(value)
        {
            return Err(Error::Values {
                message: one_line(&format!(
                    "value \"{value}\" for `{name}` does not match its pattern {}{why}",
                    pattern.source
                )),
                hint: Some(outcome.into()),
            });
        }
    }
    Ok(())
}

impl App {
    /// The `customer` of a `--vars` file, as the customer's type: a helpdesk
    /// export may name the customer there ("Northwind"), which is no type and
    /// must not stop the reply; said, and not used. One a typo from a type
    /// (`vpi`) is refused as a typed one is, unless it is written as a
    /// person's name is (`Ana`, `Ned`: one typo from `any` and `new`).
    pub fn exported_customer(&self, c: String, file: &Path, manifest: &Manifest) -> Option<String> {
        let declared = manifest.variables.contains_key("customer");
        let known = manifest.customer_types.as_deref();
        let types = known.into_iter().flatten().map(CustomerType::as_str);
        let mut letters = c.chars();
        let written_as_a_name =
            letters.next().is_some_and(char::is_uppercase) && letters.any(char::is_lowercase);
        let names_a_type = rules::chat_customer(&c, known).is_ok()
            || !written_as_a_name && did_you_mean(&c, types.chain([CustomerType::ANY])).is_some();
        if declared || names_a_type {
            return Some(c);
        }
        self.warn(&one_line(&format!(
            "--vars {}: `customer` is \"{c}\", no customer type: not used as one",
            file.display()
        )));
        None
    }

    /// What a chat remembers; an empty chat when it is unknown, expired or
    /// there is nowhere to keep chats. Every run that touches the chats
    /// tidies them first: expired ones deleted, damaged ones set aside,
    /// modes tightened.
    pub fn chat(&self, id: &str) -> Chat {
        self.readable_chat(id).unwrap_or_else(|| Chat {
            id: id.to_string(),
            ..Chat::default()
        })
    }

    /// As [`App::chat`], but `None` (warned) when the chat's file cannot be
    /// read: it is not empty, and nothing can be remembered in it either.
    pub fn readable_chat(&self, id: &str) -> Option<Chat> {
        let Ok(dirs) = self.dirs() else {
            return Some(Chat {
                id: id.to_string(),
                ..Chat::default()
            });
        };
        let store = ChatStore::new(&dirs.state);
        let now = unix_seconds(self.now);
        for notice in store.tidy(now) {
            self.warn(&notice.to_string());
        }
        match store.load(id, now) {
            Ok(chat) => Some(chat),
            Err(e) => {
                self.warn(&format!("{e}; the chat's values are not used"));
                None
            }
        }
    }

    /// Applies `change` to a chat and saves it (atomically, under the
    /// store's lock, 0600); what the store had to set aside is a warning.
    pub fn change_chat(&self, id: &str, change: &ChatChange) -> Result<Chat> {
        let dirs = self.dirs()?;
        let store = ChatStore::new(&dirs.state);
        let (chat, notices) = store.update(id, unix_seconds(self.now), |chat| {
            for name in &change.forget {
                forget_value(&mut chat.values, name);
            }
            for (name, value) in &change.values {
                set_value(&mut chat.values, name, value);
            }
            if change.forget_lang {
                chat.lang = None;
            }
            if change.forget_customer {
                chat.customer = None;
            }
            if let Some(lang) = &change.lang {
                chat.lang = Some(lang.to_string());
            }
            if let Some(customer) = &change.customer {
                chat.customer = Some(customer.to_string());
            }
        })?;
        for notice in notices {
            self.warn(&notice.to_string());
        }
        Ok(chat)
    }

    /// Sets the language replies in a chat go out in (`lang` checked by
    /// [`rules::lang`]).
    pub fn set_chat_lang(&self, id: &str, lang: &str) -> Result<Lang> {
        let lang = rules::typed_lang(lang).map_err(|r| refused("lang", lang, r))?;
        self.change_chat(
            id,
            &ChatChange {
                lang: Some(lang.clone()),
                ..ChatChange::default()
            },
        )?;
        Ok(lang)
    }

    /// Sets a chat's customer type: one of `known` (the manifest's
    /// `customer_types`, when it lists them), or `any`.
    pub fn set_chat_customer(
        &self,
        id: &str,
        known: Option<&[CustomerType]>,
        customer: &str,
    ) -> Result<CustomerType> {
        let customer =
            rules::chat_customer(customer, known).map_err(|r| refused("customer", customer, r))?;
        self.change_chat(
            id,
            &ChatChange {
                customer: Some(customer.clone()),
                ..ChatChange::default()
            },
        )?;
        Ok(customer)
    }

    /// A chat's language no reply is written in is kept (a translation
    /// may come), but every reply of the chat would fall back to another:
    /// said when it is set, not at each use.
    pub fn warn_if_no_reply_in(&self, lang: &Lang) {
        if let Ok(index) = self
            .library_root()
            .and_then(|r| self.index_of_responses(&r))
            && !index
                .langs
                .iter()
                .any(|l| Lang::same_language(l, lang.as_str()))
        {
            self.warn(&format!(
                "no reply is written in `{lang}` (the library's languages: {}): the chat's replies fall back to their own",
                index.langs.join(", ")
            ));
        }
    }

    /// Saves values to a chat's memory. Called after [`App::chat`], which
    /// tidied the store. A `customer_type` value (the template variable)
    /// becomes the chat's customer type when it is one of `known` (the
    /// manifest's, as `canned chat` asks); another is not remembered, with
    /// a warning, for it would pick the wrong replies in every later use. A
    /// chat that cannot be saved is a warning, never a reason to withhold
    /// the reply: this never returns an error.
    pub fn remember_in_chat(&self, chat: &str, values: &Values, manifest: &Manifest) -> Result<()> {
        let known = manifest.customer_types.as_deref();
        // An empty value is no value (`--var name=`): the chat's stays.
        let given = values.as_map().iter().filter(|(_, v)| !v.is_empty());
        let mut change = ChatChange {
            values: given.map(|(k, v)| (k.clone(), v.clone())).collect(),
            ..ChatChange::default()
        };
        // As `canned chat` reads them: `customer=` (or the variable
        // `customer_type`) and `lang=` are the chat's own fields, never
        // values, which would stand for the built-ins in every later reply.
        // A library that declares a variable of that name means its own.
        let field = |key: &str| key == "customer_type" || !manifest.variables.contains_key(key);
        for key in ["customer", "customer_type"]
            .into_iter()
            .filter(|k| field(k))
        {
            if let Some(c) = change.values.remove(key) {
                match rules::chat_customer(&c, known) {
                    Ok(c) => change.customer = Some(c),
                    Err(r) => self.warn(&one_line(&format!(
                        "chat {chat}: customer type not remembered: {r}"
                    ))),
                }
            }
        }
        if let Some(l) = change.values.remove("lang").filter(|_| field("lang")) {
            match rules::typed_lang(&l) {
                Ok(l) => {
                    self.warn_if_no_reply_in(&l);
                    change.lang = Some(l);
                }
                Err(r) => self.warn(&one_line(&format!(
                    "chat {chat}: language not remembered: {r}"
                ))),
            }
        }
        if change.is_empty() {
            return Ok(());
        }
        if let Err(e) = self.change_chat(chat, &change) {
            self.warn(&format!("could not save chat {chat}: {e}"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::library::VariableSpec;

    #[test]
    fn a_refused_value_is_shown_on_one_line_with_its_hint() {
        let known = [CustomerType::new("vip")];
        let e = rules::chat_customer("vpi", Some(&known)).unwrap_err();
        let Error::Values { message, hint } = refused("customer", "vpi", e) else {
            panic!("not a values error");
        };
        assert_eq!(
            message,
            "customer=vpi: unknown customer type \"vpi\"; expected one of: any, vip"
        );
        assert_eq!(hint.as_deref(), Some("did you mean `vip`?"));
        let e = rules::lang("x\ny").unwrap_err();
        let Error::Values { message, .. } = refused("lang", "x\ny", e) else {
            panic!("not a values error");
        };
        assert_eq!(
            message,
            "lang=x⏎y: `x⏎y` is not a language tag; expected a tag such as \"en\" or \"fr\""
        );
    }

    #[test]
    fn the_picker_sets_a_chats_language_and_customer_type_beside_its_values() {
        let dir = tempfile::tempdir().unwrap();
        let app = App::for_tests(dir.path());
        let known = [CustomerType::new("new"), CustomerType::new("vip")];
        app.remember_in_chat("4821", &values(&[("name", "Sarah")]), &Manifest::default())
            .unwrap();
        assert_eq!(app.set_chat_lang("4821", "fr").unwrap(), Lang::new("fr"));
        assert_eq!(
            app.set_chat_customer("4821", Some(&known), "vip").unwrap(),
            CustomerType::new("vip")
        );
        let chat = app.chat("4821");
        assert_eq!(chat.lang.as_deref(), Some("fr"));
        assert_eq!(chat.customer.as_deref(), Some("vip"));
        assert_eq!(chat.values, values(&[("name", "Sarah")]).as_map().clone());
        // `any` says the customer is nobody in particular.
        app.set_chat_customer("4821", Some(&known), "any").unwrap();
        assert_eq!(app.chat("4821").customer.as_deref(), Some("any"));
    }

    #[test]
    fn the_later_of_a_value_and_its_group_decides() {
        let mut values = BTreeMap::new();
        set_value(&mut values, "customer.name.first", "Sa");
        set_value(&mut values, "customer.email", "s@x");
        set_value(&mut values, "customer.name", "Sarah");
        assert_eq!(
            values.keys().collect::<Vec<_>>(),
            ["customer.email", "customer.name"]
        );
        set_value(&mut values, "customer.name.last", "Li");
        assert_eq!(
            values.keys().collect::<Vec<_>>(),
            ["customer.email", "customer.name.last"]
        );
        forget_value(&mut values, "customer");
        assert!(values.is_empty());
    }

    #[test]
    fn a_refused_language_or_type_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let app = App::for_tests(dir.path());
        let known = [CustomerType::new("vip")];
        app.set_chat_customer("1", Some(&known), "vip").unwrap();
        let e = app.set_chat_customer("1", Some(&known), "vpi").unwrap_err();
        assert_eq!(e.hint().as_deref(), Some("did you mean `vip`?"));
        assert!(app.set_chat_lang("1", "french").is_err());
        assert!(app.set_chat_customer("1", None, "a b").is_err());
        let chat = app.chat("1");
        assert_eq!((chat.lang, chat.customer.as_deref()), (None, Some("vip")));
    }

    #[test]
    fn a_customer_type_given_as_a_value_becomes_the_chats_type() {
        let dir = tempfile::tempdir().unwrap();
        let app = App::for_tests(dir.path());
        let manifest = Manifest {
            customer_types: Some(vec![CustomerType::new("vip")]),
            ..Manifest::default()
        };
        app.remember_in_chat(
            "7",
            &values(&[("customer_type", "vip"), ("name", "S")]),
            &manifest,
        )
        .unwrap();
        let chat = app.chat("7");
        assert_eq!(chat.customer.as_deref(), Some("vip"));
        assert_eq!(chat.values, values(&[("name", "S")]).as_map().clone());
        // A type the library does not know is not remembered at all.
        for typo in ["vpi", "Big Corp"] {
            app.remember_in_chat("8", &values(&[("customer_type", typo)]), &manifest)
                .unwrap();
            let chat = app.chat("8");
            assert_eq!((chat.customer, chat.values.len()), (None, 0), "{typo}");
        }
    }

    /// `customer=` and `lang=` given to `use` are the chat's fields, as
    /// `canned chat` takes them, never values that would stand for the
    /// built-ins in every later reply; unless the library declares a
    /// variable of that name.
    #[test]
    fn a_language_or_customer_given_as_a_value_is_the_chats_own() {
        let dir = tempfile::tempdir().unwrap();
        let app = App::for_tests(dir.path());
        let mut manifest = Manifest {
            customer_types: Some(vec![CustomerType::new("vip")]),
            ..Manifest::default()
        };
        app.remember_in_chat(
            "9",
            &values(&[("lang", "fr"), ("customer", "vip"), ("name", "Z")]),
            &manifest,
        )
        .unwrap();
        let chat = app.chat("9");
        assert_eq!(
            (chat.lang.as_deref(), chat.customer.as_deref()),
            (Some("fr"), Some("vip"))
        );
        assert_eq!(chat.values, values(&[("name", "Z")]).as_map().clone());
        manifest.variables.insert(
            "customer".into(),
            VariableSpec {
                name: "customer".into(),
                description: Some("The customer's company".into()),
                example: None,
                default: None,
                pattern: None,
                location: crate::domain::diagnostic::Location {
                    path: "canned.toml".into(),
                    line: 1,
                    column: 1,
                },
                refused: Vec::new(),
            },
        );
        app.remember_in_chat("10", &values(&[("customer", "Acme Ltd")]), &manifest)
            .unwrap();
        let chat = app.chat("10");
        assert_eq!(chat.customer, None);
        assert_eq!(
            chat.values,
            values(&[("customer", "Acme Ltd")]).as_map().clone()
        );
    }

    fn values(pairs: &[(&str, &str)]) -> Values {
        let mut v = Values::default();
        for (k, x) in pairs {
            v.set(*k, x);
        }
        v
    }
}
