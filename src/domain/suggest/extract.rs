//! Values a customer's message states, for a reply's variables.

use regex_lite::Regex;

/// A variable of the reply, as extraction needs it.
pub struct Slot<'a> {
    pub name: &'a str,
    pub description: Option<&'a str>,
    pub pattern: Option<&'a Regex>,
    pub example: Option<&'a str>,
}

/// A value the message states for a variable.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub value: String,
    /// The words of the message it was read from, for the agent to check.
    pub context: String,
}

/// The values `message` states for `slots`, in slot order: at most one per
/// slot. Precision first: a wrong value is worse than none.
pub fn extract(message: &str, slots: &[Slot<'_>]) -> Vec<(String, Found)> {
    let _ = (message, slots);
    Vec::new()
}
