//! Narrowing the library by segment: urgency, topic, customer, language, tag.
//! The same filters come from flags (`--urgency high`) and from words inside
//! a query (`u:>=high`).

use crate::domain::date::Date;
use crate::domain::diagnostic::{did_you_mean, suggestion_hint};
use crate::domain::model::{Lang, Response, Urgency};
use crate::domain::rules;
use crate::domain::search::fold::fold;

/// What filters look at, whether in a loaded response or in the search index.
pub trait Segments {
    fn urgency(&self) -> Urgency;
    fn topic(&self) -> &str;
    fn fits_customer(&self, customer: &str) -> bool;
    fn has_lang(&self, lang: &str) -> bool;
    /// Whether `pred` holds for one of its tags.
    fn any_tag(&self, pred: &mut dyn FnMut(&str) -> bool) -> bool;
    fn expires(&self) -> Option<Date>;
}

impl Segments for Response {
    fn urgency(&self) -> Urgency {
        self.urgency
    }
    fn topic(&self) -> &str {
        self.topic.as_str()
    }
    fn fits_customer(&self, customer: &str) -> bool {
        Response::fits_customer(self, customer)
    }
    fn has_lang(&self, lang: &str) -> bool {
        self.languages()
            .any(|l| Lang::same_language(l.as_str(), lang))
    }
    fn any_tag(&self, pred: &mut dyn FnMut(&str) -> bool) -> bool {
        self.tags.iter().any(|t| pred(t))
    }
    fn expires(&self) -> Option<Date> {
        self.expires
    }
}

/// A comparison against an urgency: `high`, `>=high`, `<normal`…
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UrgencyRange {
    pub op: Op,
    pub urgency: Urgency,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ge,
    Gt,
    Le,
    Lt,
}

impl UrgencyRange {
    pub fn parse(s: &str) -> Result<UrgencyRange, String> {
        let (op, rest) = [
            (">=", Op::Ge),
            ("<=", Op::Le),
            (">", Op::Gt),
            ("<", Op::Lt),
            ("=", Op::Eq),
        ]
        .into_iter()
        .find_map(|(p, op)| s.strip_prefix(p).map(|r| (op, r)))
        .unwrap_or((Op::Eq, s));
        let urgency = rest.parse().map_err(|()| {
            let mut msg = format!(
                "invalid urgency `{}`: expected low, normal, high or critical",
                crate::domain::text::shown_as_typed(rest)
            );
            if let Some(s) = did_you_mean(rest, Urgency::NAMES) {
                msg.push_str(&format!(" ({})", suggestion_hint(s)));
            }
            msg
        })?;
        Ok(UrgencyRange { op, urgency })
    }

    pub fn contains(self, u: Urgency) -> bool {
        match self.op {
            Op::Eq => u == self.urgency,
            Op::Ge => u >= self.urgency,
            Op::Gt => u > self.urgency,
            Op::Le => u <= self.urgency,
            Op::Lt => u < self.urgency,
        }
    }
}

/// Every active filter; an empty one lets everything through.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub urgency: Option<UrgencyRange>,
    /// Topic prefix, lowercase (`bill` finds `billing`).
    pub topic: Option<String>,
    pub customer: Option<String>,
    pub lang: Option<Lang>,
    /// Tag prefix, lowercase.
    pub tag: Option<String>,
    pub include_expired: bool,
}

impl Filter {
    pub fn matches(&self, r: &impl Segments, today: Date) -> bool {
        (self.include_expired || r.expires().is_none_or(|e| e >= today))
            && self.urgency.is_none_or(|u| u.contains(r.urgency()))
            && self
                .topic
                .as_ref()
                .is_none_or(|t| fold(r.topic()).starts_with(&fold(t)))
            && self.customer.as_ref().is_none_or(|c| r.fits_customer(c))
            && self.lang.as_ref().is_none_or(|l| r.has_lang(l.as_str()))
            && self
                .tag
                .as_ref()
                .is_none_or(|t| r.any_tag(&mut |tag| fold(tag).starts_with(t.as_str())))
    }

    /// Whether `key` names a filter (`u`, `urgency`, `t`, `c`, `l`, `tag`…).
    pub fn is_qualifier(key: &str) -> bool {
        matches!(
            key.to_lowercase().as_str(),
            "u" | "urgency" | "t" | "topic" | "c" | "customer" | "l" | "lang" | "tag"
        )
    }

    /// Applies `key:value` as a filter (`u:`, `urgency:`, `t:`, `c:`, `l:`,
    /// `tag:`); returns false when the key is not a filter name.
    pub fn apply_qualifier(&mut self, key: &str, value: &str) -> Result<bool, String> {
        // Spaces around a value (`-t ' billing '`) are no part of it.
        let typed = value.trim();
        let value = fold(typed);
        match key.to_lowercase().as_str() {
            "u" | "urgency" => self.urgency = Some(UrgencyRange::parse(&value)?),
            // Kept as typed, for a refusal to quote it so (`récx`).
            "t" | "topic" => self.topic = Some(typed.to_string()),
            "c" | "customer" => self.customer = Some(value),
            // Checked as `--lang` is (`l:FR` is `fr`'s did-you-mean).
            "l" | "lang" => {
                let lang = rules::typed_lang(value.trim()).map_err(|r| r.to_string())?;
                self.lang = Some(lang);
            }
            "tag" => self.tag = Some(value),
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// A short description of the active filters, for status lines.
    pub fn describe(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(u) = self.urgency {
            let op = match u.op {
                Op::Eq => "",
                Op::Ge => ">=",
                Op::Gt => ">",
                Op::Le => "<=",
                Op::Lt => "<",
            };
            out.push(format!("urgency:{op}{}", u.urgency));
        }
        for (k, v) in [
            ("topic", &self.topic),
            ("customer", &self.customer),
            ("tag", &self.tag),
        ] {
            if let Some(v) = v {
                out.push(format!("{k}:{v}"));
            }
        }
        if let Some(l) = &self.lang {
            out.push(format!("lang:{l}"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_urgency_ranges() {
        let r = UrgencyRange::parse(">=high").unwrap();
        assert!(r.contains(Urgency::Critical));
        assert!(r.contains(Urgency::High));
        assert!(!r.contains(Urgency::Normal));
        assert!(
            UrgencyRange::parse("<normal")
                .unwrap()
                .contains(Urgency::Low)
        );
    }

    #[test]
    fn a_misspelt_urgency_gets_a_suggestion() {
        let err = UrgencyRange::parse("hgih").unwrap_err();
        assert!(err.contains("did you mean `high`"), "{err}");
    }
}
