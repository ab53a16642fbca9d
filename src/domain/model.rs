//! The product's vocabulary: responses and what segments them.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use crate::domain::date::Date;
use crate::domain::diagnostic::{Location, TextAt};

/// How urgent the situation a response answers is; ordered from `Low` to `Critical`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Urgency {
    Low,
    #[default]
    Normal,
    High,
    Critical,
}

impl Urgency {
    pub const ALL: [Urgency; 4] = [
        Urgency::Low,
        Urgency::Normal,
        Urgency::High,
        Urgency::Critical,
    ];
    pub const NAMES: [&'static str; 4] = ["low", "normal", "high", "critical"];

    pub fn as_str(self) -> &'static str {
        Urgency::NAMES[self as usize]
    }

    /// A symbol that reads without colour: more marks, more urgent.
    pub fn symbol(self) -> &'static str {
        ["·", "•", "▲", "‼"][self as usize]
    }
}

impl FromStr for Urgency {
    type Err = ();

    fn from_str(s: &str) -> Result<Urgency, ()> {
        Urgency::NAMES
            .iter()
            .position(|n| n.eq_ignore_ascii_case(s))
            .map(|i| Urgency::ALL[i])
            .ok_or(())
    }
}

impl fmt::Display for Urgency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl Serialize for Urgency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

macro_rules! word_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(s: impl Into<String>) -> $name {
                $name(s.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(&self.0)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }
    };
}

word_type!(
    /// A response's unique identifier: `[a-z0-9][a-z0-9-]*`.
    ResponseId
);
word_type!(
    /// What a response is about (`billing`, `shipping`…).
    Topic
);
word_type!(
    /// A kind of customer (`new`, `vip`…); `any` fits every customer.
    CustomerType
);
word_type!(
    /// A language tag (`en`, `fr`, `pt-br`).
    Lang
);

impl Lang {
    /// Whether two tags name one language: in any case, and a region is no
    /// other language (`fr`, `fr-FR` and `fr-CA` are French), as a reply
    /// is picked in the language asked for.
    pub fn same_language(a: &str, b: &str) -> bool {
        let primary = |l: &str| l.split(['-', '_']).next().unwrap_or(l).to_ascii_lowercase();
        primary(a) == primary(b)
    }
}

impl CustomerType {
    pub const ANY: &'static str = "any";

    pub fn any() -> CustomerType {
        CustomerType::new(CustomerType::ANY)
    }

    pub fn is_any(&self) -> bool {
        self.0 == CustomerType::ANY
    }

    /// Whether two spellings name one customer type: in any case, as a
    /// library may write `Gold` and an agent type `c:gold`.
    pub fn same(a: &str, b: &str) -> bool {
        a.eq_ignore_ascii_case(b)
    }
}

/// The text of a response in one language.
#[derive(Clone, Debug)]
pub struct Text {
    pub title: String,
    pub body: String,
    pub notes: Option<String>,
    /// How customers ask for this reply, in this language (`suggest` learns
    /// from them).
    pub examples: Vec<String>,
    /// Where each of `examples` is in the file, for `check`'s warnings.
    pub examples_at: Vec<Location>,
    /// Where the body is in the file, to locate template errors.
    pub body_at: TextAt,
}

/// A response's translations, in language order. A sorted list rather than
/// a `BTreeMap`: a response has one or two, and a map's first node makes
/// room for eleven (2 KB, 100 MB of a 100,000-response library).
#[derive(Clone, Debug, Default)]
pub struct Translations(Vec<(Lang, Text)>);

impl Translations {
    /// The text in `lang`, whatever the case of its tag (`pt-br` for a
    /// translation written `pt-BR`): language tags are case-blind.
    pub fn get(&self, lang: &Lang) -> Option<&Text> {
        self.0
            .iter()
            .find(|(l, _)| l.as_str().eq_ignore_ascii_case(lang.as_str()))
            .map(|(_, t)| t)
    }

    pub fn get_mut(&mut self, lang: &Lang) -> Option<&mut Text> {
        self.0.iter_mut().find(|(l, _)| l == lang).map(|(_, t)| t)
    }

    pub fn keys(&self) -> impl Iterator<Item = &Lang> {
        self.0.iter().map(|(l, _)| l)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Lang, &Text)> {
        self.0.iter().map(|(l, t)| (l, t))
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut Text> {
        self.0.iter_mut().map(|(_, t)| t)
    }

    /// The translations, given up: language and text.
    pub fn into_pairs(self) -> Vec<(Lang, Text)> {
        self.0
    }

    /// Keeps the translations `keep` says yes to.
    pub fn retain(&mut self, mut keep: impl FnMut(&Lang, &Text) -> bool) {
        self.0.retain(|(l, t)| keep(l, t));
    }

    /// Adds or replaces the text in `lang`, keeping the language order.
    pub fn insert(&mut self, lang: Lang, text: Text) {
        match self.0.binary_search_by(|(l, _)| l.cmp(&lang)) {
            Ok(i) => self.0[i].1 = text,
            Err(i) => {
                // One more, not the four a Vec's first growth makes room for.
                self.0.reserve_exact(1);
                self.0.insert(i, (lang, text));
            }
        }
    }
}

/// A prepared reply, with its text in its own language and in translations.
#[derive(Clone, Debug)]
pub struct Response {
    pub id: ResponseId,
    pub shortcut: Option<String>,
    pub urgency: Urgency,
    pub topic: Topic,
    pub customers: Vec<CustomerType>,
    pub tags: Vec<String>,
    pub owner: Option<String>,
    pub reviewed: Option<Date>,
    /// Where `reviewed` is written, for a warning about its date.
    pub reviewed_at: Option<Location>,
    pub expires: Option<Date>,
    /// The language of the main text.
    pub lang: Lang,
    pub text: Text,
    pub translations: Translations,
    /// Where the `[[response]]` header is.
    pub location: Location,
    /// The last line of the response's table in its file, for audit's git blame.
    pub end_line: usize,
}

impl Response {
    /// The text in `lang`, or `None` when it has no such translation.
    pub fn text_in(&self, lang: &Lang) -> Option<&Text> {
        if lang.as_str().eq_ignore_ascii_case(self.lang.as_str()) {
            Some(&self.text)
        } else {
            self.translations.get(lang)
        }
    }

    /// The notes for an agent answering in `lang`: that language's, else
    /// the response's own (a translation rarely repeats them, and a
    /// "check the VIP flag" must not vanish in French). Blank is none.
    pub fn notes_in(&self, lang: &Lang) -> Option<&str> {
        let blank = |n: &&str| n.trim().is_empty();
        self.text_in(lang)
            .and_then(|t| t.notes.as_deref())
            .filter(|n| !blank(n))
            .or(self.text.notes.as_deref().filter(|n| !blank(n)))
    }

    /// Every language the response is written in, its own first.
    pub fn languages(&self) -> impl Iterator<Item = &Lang> {
        std::iter::once(&self.lang).chain(self.translations.keys())
    }

    /// Every (language, text) pair, its own language first.
    pub fn texts(&self) -> impl Iterator<Item = (&Lang, &Text)> {
        std::iter::once((&self.lang, &self.text)).chain(self.translations.iter())
    }

    pub fn is_expired(&self, today: Date) -> bool {
        self.expires.is_some_and(|e| e < today)
    }

    /// Whether the response fits this kind of customer, in any case (a
    /// library may write `Gold`, an agent types `c:gold`).
    pub fn fits_customer(&self, customer: &str) -> bool {
        customer == CustomerType::ANY
            || self
                .customers
                .iter()
                .any(|c| c.is_any() || CustomerType::same(c.as_str(), customer))
    }

    /// The name its template is compiled under for one language.
    /// The customer types, comma-separated, as tables show them.
    pub fn customer_list(&self) -> String {
        let names: Vec<&str> = self.customers.iter().map(CustomerType::as_str).collect();
        names.join(",")
    }

    pub fn template_name(&self, lang: &Lang) -> String {
        format!("@{}/{}", self.id, lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urgency_is_ordered_from_low_to_critical() {
        assert!(Urgency::Low < Urgency::Normal);
        assert!(Urgency::High < Urgency::Critical);
        assert_eq!("HIGH".parse::<Urgency>(), Ok(Urgency::High));
        assert!("urgent".parse::<Urgency>().is_err());
    }
}
