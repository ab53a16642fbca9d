//! Values for placeholders, gathered from every source.

use std::collections::BTreeMap;
use std::ops::Bound;

use crate::domain::library::manifest::Pattern;
use crate::domain::text::{one_line, sanitize, unify_breaks};

/// Values by dotted name (`name`, `customer.name`). Later sources overwrite
/// earlier ones, shape included: a name is either one value (`ticket`, from
/// the chat) or a group of values (`ticket.id`, `ticket.note`, from a
/// helpdesk export), and the later source decides which, so a group never
/// hides behind a name the template prints as one value. Control characters
/// are removed on the way in, since no reply needs them and a
/// customer-supplied name must not drive a terminal.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Values {
    map: BTreeMap<String, String>,
    /// The names of numbers written with an exponent (`1e3`): serde_json
    /// gives them back otherwise than written (`1e+3`), and no name, order
    /// or amount is one, so none is a value; refused only where a reply
    /// reads it, as a helpdesk export holds many fields.
    unreadable: std::collections::BTreeSet<String>,
}

/// A value as it is used, however it came in (a flag, a file, a prompt):
/// without control or invisible characters, a tab a space, and every kind
/// of line break a line break ("Mary\rAnn" is not "MaryAnn").
pub fn clean(value: &str) -> String {
    sanitize(&unify_breaks(value)).replace('\t', " ")
}

impl Values {
    /// Line breaks are kept (an address on three lines); a tab, which a
    /// form field cannot show and a value copied from a spreadsheet
    /// carries, becomes a space.
    /// The spaces around a value are no part of it ("Hi Sarah ,"), as a
    /// prompt and the picker's form already took them off.
    pub fn set(&mut self, name: impl Into<String>, value: &str) {
        self.insert(name.into(), clean(value).trim().to_string());
    }

    /// Sets `name`, dropping what it replaces: the group under it, or the
    /// single values above it.
    fn insert(&mut self, name: String, value: String) {
        self.unreadable.remove(&name);
        // The names below `name` sort together right after `name.`, and
        // those above are its dotted prefixes: looked up, never scanned
        // (a helpdesk export of 16,000 fields took 24 s scanning).
        let below = format!("{name}.");
        let gone: Vec<String> = self
            .map
            .range::<str, _>((Bound::Included(below.as_str()), Bound::Unbounded))
            .map(|(k, _)| k)
            .take_while(|k| k.starts_with(&below))
            .cloned()
            .collect();
        for k in gone {
            self.map.remove(&k);
        }
        for (i, _) in name.match_indices('.') {
            self.map.remove(&name[..i]);
        }
        self.map.insert(name, value);
    }

    /// The values grouped under `name` (`ticket.id`, `ticket.note`), when
    /// `name` is a group rather than one value.
    pub fn group(&self, name: &str) -> Vec<&str> {
        let below = format!("{name}.");
        self.map
            .keys()
            .filter(|k| k.starts_with(&below))
            .map(String::as_str)
            .collect()
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.map.get(name).map(String::as_str)
    }

    /// A value that is present and not blank.
    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some_and(|v| !v.trim().is_empty())
    }

    pub fn as_map(&self) -> &BTreeMap<String, String> {
        &self.map
    }

    /// The names of numbers given with an exponent that no later value
    /// replaced.
    pub fn unreadable(&self) -> impl Iterator<Item = &str> {
        self.unreadable.iter().map(String::as_str)
    }

    /// `other` on top of these values. An empty value in `other` is no
    /// value: it leaves what is below it (a helpdesk export's `"name": ""`
    /// hid the chat's name and the declared default, as `null` does not).
    pub fn extend(&mut self, other: &Values) {
        for (k, v) in other.map.iter().filter(|(_, v)| !v.is_empty()) {
            self.insert(k.clone(), v.clone());
        }
    }

    /// Values from `NAME=VALUE` assignments (`--var`, `canned chat`).
    pub fn from_assignments(assignments: &[String]) -> Result<Values, String> {
        let mut values = Values::default();
        for a in assignments {
            let (k, v) = parse_assignment(a)?;
            values.set_once(k, &v)?;
        }
        Ok(values)
    }

    /// Sets `name` from one source, where two values for it are a slip
    /// (`--var order=1245 --var order=9999`): which one the customer
    /// should read is not `canned`'s to guess, as the later would go out
    /// in silence. The same value twice is no slip.
    fn set_once(&mut self, name: String, value: &str) -> Result<(), String> {
        let before = (self.get(&name).filter(|v| !v.is_empty())).map(str::to_string);
        let now = clean(value).trim().to_string();
        match before {
            // An empty value is no value: the one given before stands.
            Some(_) if now.is_empty() => Ok(()),
            Some(before) => given_once(&name, &before, &now),
            None => {
                self.set(name, &now);
                Ok(())
            }
        }
    }

    /// [`Values::from_assignments`], with the last value given to `apart`
    /// kept aside: `customer=` is the customer type for a library that
    /// declares no such variable, and set among the values it would drop a
    /// `customer.*` group given beside it, or be dropped by it.
    pub fn from_assignments_apart(
        assignments: &[String],
        apart: &str,
    ) -> Result<(Values, Option<String>), String> {
        let mut values = Values::default();
        let mut kept: Option<String> = None;
        for a in assignments {
            let (k, v) = parse_assignment(a)?;
            if k == apart {
                // Trimmed, and empty no value, as any value is.
                let now = Some(clean(&v).trim().to_string()).filter(|v| !v.is_empty());
                match (kept.as_ref(), now) {
                    (Some(before), Some(now)) => given_once(apart, before, &now)?,
                    (None, now) => kept = now,
                    (Some(_), None) => {}
                }
            } else {
                values.set_once(k, &v)?;
            }
        }
        Ok((values, kept))
    }

    /// [`Values::extend_json`], with a top-level string given to `apart`
    /// kept aside, as [`Values::from_assignments_apart`] keeps it.
    pub fn extend_json_apart(
        &mut self,
        json: &serde_json::Value,
        apart: &str,
    ) -> Result<Option<String>, String> {
        let mut json = json.clone();
        let kept = match json.as_object_mut().and_then(|m| m.remove(apart)) {
            Some(serde_json::Value::Object(inner)) => {
                self.flatten(&format!("{apart}."), &inner)?;
                None
            }
            Some(serde_json::Value::String(s)) => {
                Some(clean(&s).trim().to_string()).filter(|s| !s.is_empty())
            }
            Some(serde_json::Value::Null) | None => None,
            // A list is what it is anywhere else: one value, no value, or
            // a group (never its JSON, an item's note included, in an error).
            Some(list @ serde_json::Value::Array(_)) => {
                let mut read = Values::default();
                read.add_json(apart.to_string(), &list)?;
                let one = read.get(apart).map(str::to_string);
                if one.is_none() {
                    self.extend(&read);
                }
                one
            }
            Some(other) => Some(clean(&other.to_string())),
        };
        self.extend_json(&json)?;
        Ok(kept)
    }

    /// Adds a JSON object: nested objects become dotted names, so a ticket
    /// exported from a helpdesk can be passed as it is.
    pub fn extend_json(&mut self, json: &serde_json::Value) -> Result<(), String> {
        let serde_json::Value::Object(map) = json else {
            return Err("expected a JSON object such as {\"name\": \"Sarah\"}".into());
        };
        self.flatten("", map)
    }

    fn flatten(
        &mut self,
        prefix: &str,
        map: &serde_json::Map<String, serde_json::Value>,
    ) -> Result<(), String> {
        for (k, v) in map {
            self.add_json(format!("{prefix}{k}"), v)?;
        }
        Ok(())
    }

    /// One JSON value under `name`. A number keeps the digits the file
    /// writes (`49.90` stays `49.90`: serde_json's `arbitrary_precision`
    /// keeps them). A list of plain values is one value, its items joined by
    /// commas and its nulls left out; a list holding an object or a list
    /// is a group, `name.0`, `name.1`…, so printing it whole is refused as
    /// for any group, and an item's internal note is never printed. A
    /// number written with an exponent (`1e3`), or a list holding one, is
    /// no value (see [`Values::unreadable`]).
    fn add_json(&mut self, name: String, value: &serde_json::Value) -> Result<(), String> {
        use serde_json::Value;
        let number = |n: &serde_json::Number| {
            let text = n.to_string();
            (!text.contains(['e', 'E'])).then_some(text)
        };
        match value {
            Value::Object(inner) => self.flatten(&format!("{name}."), inner)?,
            Value::String(s) => self.set_once(name, s)?,
            Value::Null => {}
            Value::Array(items) if items.iter().any(|i| i.is_object() || i.is_array()) => {
                for (i, item) in items.iter().enumerate() {
                    self.add_json(format!("{name}.{i}"), item)?;
                }
            }
            Value::Array(items) => {
                // Each item a value: trimmed, and an empty one none.
                let mut parts = Vec::new();
                for item in items.iter().filter(|i| !i.is_null()) {
                    let part = match item {
                        Value::String(s) => clean(s).trim().to_string(),
                        Value::Number(n) => match number(n) {
                            Some(text) => text,
                            None => {
                                self.unreadable.insert(name);
                                return Ok(());
                            }
                        },
                        other => other.to_string(),
                    };
                    if !part.is_empty() {
                        parts.push(part);
                    }
                }
                // An empty list is no value, as `null` is: "Hi ," is not
                // a greeting.
                if !parts.is_empty() {
                    self.set_once(name, &parts.join(", "))?;
                }
            }
            Value::Number(n) => match number(n) {
                Some(text) => self.set_once(name, &text)?,
                None => {
                    self.unreadable.insert(name);
                }
            },
            other => self.set_once(name, &other.to_string())?,
        }
        Ok(())
    }
}

/// Refuses two values given for `name` from one source, unless they are
/// one (a language or a customer type in another case, `fr` and `FR`, is
/// one), naming both: which the customer should read is not `canned`'s to
/// guess, as the later would go out in silence.
pub fn given_once(name: &str, before: &str, now: &str) -> Result<(), String> {
    // `é` one character or `e` and a mark (macOS) is one letter.
    let plain = |v: &str| crate::domain::text::composed(v.trim()).into_owned();
    let tag = |v: &str| plain(v).to_ascii_lowercase().replace('_', "-");
    let same = match name {
        "lang" | "customer" | "customer_type" => tag(before) == tag(now),
        _ => plain(before) == plain(now),
    };
    match same {
        true => Ok(()),
        false => Err(format!(
            "`{name}` is given twice, `{}` and `{}`: give the one meant",
            one_line(before),
            one_line(now)
        )),
    }
}

/// `customer` and `customer_type` name one field, the customer's type
/// (where the library declares no variable `customer`): given both from
/// one source, they must agree, as one name given twice must.
pub fn one_customer_type(
    customer: Option<&str>,
    customer_type: Option<&str>,
) -> Result<(), String> {
    let given = |v: Option<&str>| v.is_some_and(|v| !v.trim().is_empty());
    match (
        customer.filter(|_| given(customer)),
        customer_type.filter(|_| given(customer_type)),
    ) {
        (Some(c), Some(t)) if given_once("customer", c, t).is_err() => Err(format!(
            "`customer` and `customer_type` both give the customer's type, `{}` and `{}`: give the one meant",
            one_line(c),
            one_line(t)
        )),
        _ => Ok(()),
    }
}

/// A value as an agent pasted it, tidied where the difference is formatting
/// only, with what was changed, in words, for the agent to see.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tidied {
    pub value: String,
    pub changes: Vec<&'static str>,
}

/// Tidies a pasted value: the spaces around it always go; a `#` before it,
/// or a missing `https://`, only when that makes a value that fails the
/// variable's pattern pass it. Nothing else is ever changed, so the meaning
/// cannot be: `#1245` for a digits-only order is `1245`, `#1245` for a free
/// text variable stays `#1245`.
pub fn tidy(value: &str, pattern: Option<&Pattern>) -> Tidied {
    let trimmed = value.trim();
    let mut changes = Vec::new();
    if trimmed.len() != value.len() {
        changes.push("removed the spaces around it");
    }
    let mut value = trimmed.to_string();
    if let Some(p) = pattern
        && !p.matches(&value)
    {
        if let Some(rest) = value.strip_prefix('#').map(str::trim_start)
            && p.matches(rest)
        {
            value = rest.to_string();
            changes.push("removed the # before it");
        } else if looks_like_an_address(&value) && p.matches(&format!("https://{value}")) {
            value = format!("https://{value}");
            changes.push("added https://");
        }
    }
    Tidied { value, changes }
}

/// Whether `value` is a web address without its scheme: a host name with a
/// dot (`track.acme.example/1Z9`, `www.acme.example`). An empty field,
/// `n/a` or `see above` is not one, and must stay refused by an `^https://`
/// pattern rather than be copied as `https://n/a`.
fn looks_like_an_address(value: &str) -> bool {
    let host = value.split(['/', '?', '#']).next().unwrap_or("");
    let labels: Vec<&str> = host.split('.').collect();
    !value.contains("://")
        && labels.len() > 1
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.chars().any(char::is_alphabetic))
}

/// Whether two dotted names are one path, or one is a field of the other's
/// group (`ticket` and `ticket.id`): a group and its own values are never
/// told apart as two names.
pub fn same_path_or_nested(a: &str, b: &str) -> bool {
    let below = |long: &str, short: &str| {
        long.strip_prefix(short)
            .is_some_and(|rest| rest.starts_with('.'))
    };
    a == b || below(a, b) || below(b, a)
}

/// Whether two values are the same as the agent would see them (`tom` and
/// `Tom`, spaces around): a value read from a message that a chat already
/// holds is not proposed again, one it holds otherwise is.
pub fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// `NAME=VALUE`, as given to `--var` and `canned chat`.
pub fn parse_assignment(s: &str) -> Result<(String, String), String> {
    let (k, v) = s
        .split_once('=')
        .ok_or_else(|| format!("`{s}` is not NAME=VALUE"))?;
    let k = k.trim();
    let valid = crate::domain::library::manifest::is_valid_variable_name;
    if !valid(k) {
        // Escaped: a control character shown would vanish, and `\e[2Jx`
        // would read as the valid `x`.
        let mut why = format!(
            "`{}` is not a variable name (lowercase letters, digits and `_`, dot-separated)",
            k.escape_debug()
        );
        // A letter of another script that looks Latin (`nаme`, its `а`
        // Cyrillic) reads as valid: named by its code.
        if let Some(told) = crate::domain::text::look_alike_told(k) {
            why.push_str(&format!("; {told}"));
        }
        // `Name`, `order-id`, `first name`: the name meant is plain.
        let meant = crate::domain::text::latinised(k)
            .to_lowercase()
            .replace(['-', ' '], "_");
        if valid(&meant) {
            why.push_str(&format!(": did you mean `{meant}`?"));
        }
        return Err(why);
    }
    Ok((k.to_string(), v.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_refused_is_shown_with_its_hidden_characters() {
        assert_eq!(
            parse_assignment("\u{1b}[2Jx=1").unwrap_err(),
            "`\\u{1b}[2Jx` is not a variable name (lowercase letters, digits and `_`, dot-separated)"
        );
    }

    #[test]
    fn a_name_written_otherwise_is_told_how_to_write_it() {
        let told = |a: &str| parse_assignment(a).unwrap_err();
        let rule = "(lowercase letters, digits and `_`, dot-separated)";
        assert_eq!(
            told("Name=Zoë"),
            format!("`Name` is not a variable name {rule}: did you mean `name`?")
        );
        assert_eq!(
            told("order-id=1"),
            format!("`order-id` is not a variable name {rule}: did you mean `order_id`?")
        );
        assert_eq!(
            told("first name=Zoë"),
            format!("`first name` is not a variable name {rule}: did you mean `first_name`?")
        );
        assert_eq!(told("2x=1"), format!("`2x` is not a variable name {rule}"));
        assert_eq!(
            told("n\u{430}me=Zoë"),
            format!(
                "`n\u{430}me` is not a variable name {rule}; `\u{430}` (U+0430) is not the Latin `a` it looks like: did you mean `name`?"
            )
        );
    }

    #[test]
    fn a_json_number_is_its_text_and_a_list_of_objects_is_a_group() {
        let json = r#"{"amount": 49.90, "order": 12345678901234567890123,
            "tags": ["late", null, 3], "name": [{"first": "Tom", "note": "internal"}]}"#;
        let mut v = Values::default();
        v.extend_json(&serde_json::from_str(json).unwrap()).unwrap();
        assert_eq!(v.get("amount"), Some("49.90"));
        assert_eq!(v.get("order"), Some("12345678901234567890123"));
        assert_eq!(v.get("tags"), Some("late, 3"));
        // serde_json gives an exponent back as `1e+2`, not as written:
        // no value, until a later source gives one.
        let big = serde_json::from_str(r#"{"big": 1e2, "list": [1, 2E3]}"#).unwrap();
        let mut exported = Values::default();
        exported.extend_json(&big).unwrap();
        assert_eq!((exported.get("big"), exported.get("list")), (None, None));
        assert_eq!(exported.unreadable().collect::<Vec<_>>(), ["big", "list"]);
        exported.set("big", "100");
        assert_eq!(exported.unreadable().collect::<Vec<_>>(), ["list"]);
        v.extend_json(&serde_json::json!({"empty": [], "nulls": [null]}))
            .unwrap();
        assert_eq!((v.get("empty"), v.get("nulls")), (None, None));
        assert_eq!(v.get("name"), None);
        assert_eq!(v.group("name"), ["name.0.first", "name.0.note"]);
    }

    #[test]
    fn a_list_kept_apart_is_read_as_any_list() {
        let mut v = Values::default();
        let json = serde_json::json!({"customer": [{"name": "Al", "note": "secret"}]});
        assert_eq!(v.extend_json_apart(&json, "customer").unwrap(), None);
        assert_eq!(v.group("customer"), ["customer.0.name", "customer.0.note"]);
        let mut v = Values::default();
        let json = serde_json::json!({"customer": []});
        assert_eq!(v.extend_json_apart(&json, "customer").unwrap(), None);
        let json = serde_json::json!({"customer": ["vip"]});
        assert_eq!(
            v.extend_json_apart(&json, "customer").unwrap().as_deref(),
            Some("vip")
        );
    }

    #[test]
    fn the_later_source_decides_whether_a_name_is_one_value_or_a_group() {
        let mut chat = Values::default();
        chat.set("ticket", "4821");
        let mut export = Values::default();
        export
            .extend_json(&serde_json::json!({"ticket": {"id": 7, "note": "internal"}}))
            .unwrap();
        let mut v = chat.clone();
        v.extend(&export);
        assert_eq!(v.get("ticket"), None);
        assert_eq!(v.group("ticket"), ["ticket.id", "ticket.note"]);
        // And back: one value given later replaces the whole group.
        v.extend(&chat);
        assert_eq!(v.get("ticket"), Some("4821"));
        assert!(v.group("ticket").is_empty());
    }

    #[test]
    fn a_name_replaces_its_group_and_the_values_above_it_and_nothing_else() {
        let mut v = Values::default();
        for name in [
            "ticket.id",
            "ticket.note.text",
            "ticket-x",
            "ticketing",
            "tick",
        ] {
            v.set(name, "x");
        }
        v.set("ticket", "4821");
        let names: Vec<&String> = v.as_map().keys().collect();
        assert_eq!(names, ["tick", "ticket", "ticket-x", "ticketing"]);
        v.set("ticket.note.text", "y");
        let names: Vec<&String> = v.as_map().keys().collect();
        assert_eq!(names, ["tick", "ticket-x", "ticket.note.text", "ticketing"]);
    }

    #[test]
    fn nested_json_becomes_dotted_names() {
        let mut v = Values::default();
        v.extend_json(&serde_json::json!({"ticket": {"id": 4821, "requester": {"name": "Sarah"}}, "vip": true}))
            .unwrap();
        assert_eq!(v.get("ticket.id"), Some("4821"));
        assert_eq!(v.get("ticket.requester.name"), Some("Sarah"));
        assert_eq!(v.get("vip"), Some("true"));
    }

    #[test]
    fn control_characters_are_removed_from_values() {
        let mut v = Values::default();
        v.set("name", "Sa\x1b[31mrah\x07");
        assert_eq!(v.get("name"), Some("Sarah"));
        v.set("name", "Smith\tTab\r\nline two");
        assert_eq!(v.get("name"), Some("Smith Tab\nline two"));
    }

    fn pattern(source: &str) -> Pattern {
        Pattern {
            source: source.into(),
            regex: regex_lite::Regex::new(source).unwrap(),
        }
    }

    #[test]
    fn a_pasted_value_loses_only_its_formatting() {
        let digits = pattern("^[0-9]+$");
        let https = pattern("^https://");
        let t = tidy("  #1245 ", Some(&digits));
        assert_eq!(t.value, "1245");
        assert_eq!(
            t.changes,
            ["removed the spaces around it", "removed the # before it"]
        );
        let t = tidy("track.acme.example/1Z9", Some(&https));
        assert_eq!(t.value, "https://track.acme.example/1Z9");
        assert_eq!(t.changes, ["added https://"]);
        assert_eq!(tidy("Sarah", None).changes, Vec::<&str>::new());
    }

    #[test]
    fn a_value_is_never_changed_into_another_meaning() {
        let digits = pattern("^[0-9]+$");
        let https = pattern("^https://");
        // No pattern: a `#` may be what the agent meant.
        assert_eq!(tidy("#1245", None).value, "#1245");
        // Removing the `#` would not make it valid: left for the error.
        assert_eq!(tidy("#12a", Some(&digits)).value, "#12a");
        // Another scheme is not a formatting slip.
        assert_eq!(
            tidy("http://x.example", Some(&https)).value,
            "http://x.example"
        );
        assert_eq!(tidy("1245", Some(&digits)).changes, Vec::<&str>::new());
        // Only a web address gets the scheme it lacks: an empty field, "n/a"
        // or words stay what they are, for the pattern to refuse.
        for not_an_address in [
            "",
            "  ",
            "n/a",
            "see above",
            "1245",
            ".example",
            "a..b/c",
            "x.123",
        ] {
            assert_eq!(
                tidy(not_an_address, Some(&https)).value,
                not_an_address.trim(),
                "{not_an_address:?}"
            );
        }
        for address in [
            "www.acme.example",
            "track.acme.example?id=1",
            "dpd.co.uk/t#x",
            "xn--bcher-kva.example/ü",
        ] {
            assert_eq!(
                tidy(address, Some(&https)).value,
                format!("https://{address}")
            );
        }
    }

    #[test]
    fn assignments_need_a_valid_name() {
        assert_eq!(
            parse_assignment("customer.name=Sarah=x").unwrap(),
            ("customer.name".into(), "Sarah=x".into())
        );
        assert!(parse_assignment("Name=x").is_err());
        assert!(parse_assignment("name").is_err());
    }
}
