//! Values for placeholders, gathered from every source.

use std::collections::BTreeMap;

use crate::domain::text::sanitize;

/// Values by dotted name (`name`, `customer.name`). Later sources overwrite
/// earlier ones; control characters are removed on the way in, since no reply
/// needs them and a customer-supplied name must not drive a terminal.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Values {
    map: BTreeMap<String, String>,
}

impl Values {
    pub fn set(&mut self, name: impl Into<String>, value: &str) {
        self.map
            .insert(name.into(), sanitize(&value.replace("\r\n", "\n")));
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

    pub fn extend(&mut self, other: &Values) {
        for (k, v) in &other.map {
            self.map.insert(k.clone(), v.clone());
        }
    }

    /// Values from `NAME=VALUE` assignments (`--var`, `canned chat`).
    pub fn from_assignments(assignments: &[String]) -> Result<Values, String> {
        let mut values = Values::default();
        for a in assignments {
            let (k, v) = parse_assignment(a)?;
            values.set(k, &v);
        }
        Ok(values)
    }

    /// Adds a JSON object: nested objects become dotted names, so a ticket
    /// exported from a helpdesk can be passed as it is.
    pub fn extend_json(&mut self, json: &serde_json::Value) -> Result<(), String> {
        let serde_json::Value::Object(map) = json else {
            return Err("expected a JSON object such as {\"name\": \"Sarah\"}".into());
        };
        self.flatten("", map);
        Ok(())
    }

    fn flatten(&mut self, prefix: &str, map: &serde_json::Map<String, serde_json::Value>) {
        use serde_json::Value;
        for (k, v) in map {
            let name = format!("{prefix}{k}");
            match v {
                Value::Object(inner) => self.flatten(&format!("{name}."), inner),
                Value::String(s) => self.set(name, s),
                Value::Null => {}
                Value::Array(items) => {
                    let parts: Vec<String> = items
                        .iter()
                        .map(|i| match i {
                            Value::String(s) => s.clone(),
                            other => other.to_string(),
                        })
                        .collect();
                    self.set(name, &parts.join(", "));
                }
                other => self.set(name, &other.to_string()),
            }
        }
    }
}

/// `NAME=VALUE`, as given to `--var` and `canned chat`.
pub fn parse_assignment(s: &str) -> Result<(String, String), String> {
    let (k, v) = s
        .split_once('=')
        .ok_or_else(|| format!("`{s}` is not NAME=VALUE"))?;
    let k = k.trim();
    if !crate::domain::library::manifest::is_valid_variable_name(k) {
        return Err(format!(
            "`{k}` is not a variable name (lowercase letters, digits and `_`, dot-separated)"
        ));
    }
    Ok((k.to_string(), v.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(v.get("name"), Some("Sa[31mrah"));
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
