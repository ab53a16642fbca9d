//! The picker on a customer's message (`--clipboard`, Ctrl-V): the list
//! shows the replies suggested for it, with how sure each is, until a
//! query is typed.

use std::collections::HashMap;

use super::State;
use super::line::LineEdit;
use crate::domain::search::Hit;
use crate::domain::suggest::extract::Found;

/// A customer's message and the replies suggested for it, best first:
/// each with its confidence and the values the message states.
pub struct Message {
    pub text: String,
    pub suggestions: Vec<Suggested>,
}

/// One reply suggested for the message.
pub struct Suggested {
    pub id: String,
    pub lang: String,
    /// How sure, from 0 to 1.
    pub score: f32,
    /// The values the message states for the reply's variables.
    pub values: Vec<(String, Found)>,
}

impl State {
    /// Shows the replies suggested for a message in place of the query's
    /// ranking; a message nothing fits well (none of its replies in the
    /// list's index either) leaves the list as it was, says so, and is
    /// answered `false`.
    pub(super) fn suggested(&mut self, message: Message) -> bool {
        self.query_error = None;
        let mut found = HashMap::new();
        let mut hits = Vec::new();
        for s in message.suggestions {
            let Some(doc) = self.index.docs.iter().position(|d| d.id == s.id) else {
                continue;
            };
            let lang = self.index.lang_index(&s.lang).unwrap_or(0);
            found.insert(doc, s.values);
            hits.push(Hit {
                doc,
                score: s.score,
                lang,
                partial: false,
            });
        }
        if hits.is_empty() {
            self.query_error =
                Some("no reply fits the message well; type a few of its words".into());
            return false;
        }
        self.found = found;
        self.hits = hits;
        self.matched = self.hits.len();
        self.message = Some(message.text);
        self.query = LineEdit::new("");
        self.terms.clear();
        self.held = None;
        self.ranking = false;
        self.selected = 0;
        self.offset = 0;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Lang;
    use crate::domain::values::Values;
    use crate::ui::picker::fixtures;
    use crate::ui::picker::form::{Form, FormKey};
    use crate::ui::picker::workers::Ranked;

    fn message() -> Message {
        let order = Found {
            value: "48213".into(),
            context: "order #48213".into(),
            from_reply: false,
        };
        Message {
            text: "where is order #48213?".into(),
            suggestions: vec![Suggested {
                id: "a".into(),
                lang: "en".into(),
                score: 0.8,
                values: vec![("order".into(), order)],
            }],
        }
    }

    #[test]
    fn the_list_is_the_messages_until_a_query_is_typed() {
        let mut s = fixtures::state();
        s.query = LineEdit::new("b");
        s.suggested(message());
        assert_eq!(s.hits.iter().map(|h| h.doc).collect::<Vec<_>>(), [0]);
        assert_eq!((s.hits[0].score, s.query.text()), (0.8, ""));
        assert_eq!(s.found[&0][0].1.value, "48213");
        // The query's ranking, arriving late, does not replace it.
        s.take(Ranked {
            generation: 1,
            hits: Vec::new(),
            matched: 0,
            terms: Vec::new(),
        });
        assert_eq!(s.hits.len(), 1);
        // A message nothing fits leaves the list, and says so.
        let mut s = fixtures::state();
        s.suggested(Message {
            text: "hello".into(),
            suggestions: Vec::new(),
        });
        assert_eq!((s.hits.len(), s.message.is_none()), (2, true));
        assert!(s.query_error.is_some());
    }

    #[test]
    fn a_value_from_the_message_is_offered_and_what_the_agent_typed_wins() {
        let s = fixtures::with_pattern();
        let lib = s.library.clone().expect("loaded");
        let found = message().suggestions.remove(0).values;
        let open = |memory: &_| {
            Form::open(
                &lib,
                0,
                "a",
                Lang::new("en"),
                &Default::default(),
                memory,
                &found,
            )
            .expect("fills")
            .expect("a form")
        };
        let form = open(&Default::default());
        assert_eq!(form.fields[0].input.text(), "48213");
        assert!(form.fields[0].is_found());
        // Stepping back remembers nothing the agent did not type...
        let mut memory = Default::default();
        form.remember(&mut memory);
        assert!(memory.is_empty());
        // ...nor a field left empty in a form opened without the message:
        // it would hide the message's value in every form opened after.
        let empty = fixtures::form_of_a(&s);
        assert_eq!(empty.fields[0].input.text(), "");
        empty.remember(&mut memory);
        assert!(memory.is_empty(), "{memory:?}");
        // ...and what the agent typed is offered before the message's.
        memory.insert("order".to_string(), "777".to_string());
        let form = open(&memory);
        assert_eq!(form.fields[0].input.text(), "777");
        assert!(!form.fields[0].is_found());
        // Confirmed with Enter, the message's value is the agent's.
        let mut form = open(&Default::default());
        let enter =
            ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Enter);
        let FormKey::Done(typed) = form.key(enter) else {
            panic!("not copied");
        };
        assert_eq!(typed.get("order"), Some("48213"));
    }

    /// A chat's order beside a message that states another: the field is
    /// asked again, the chat's value in it and the message's told, never
    /// one of them sent unseen.
    #[test]
    fn a_value_the_message_states_otherwise_than_the_chat_is_asked_again() {
        let s = fixtures::with_pattern();
        let lib = s.library.clone().expect("loaded");
        let found = message().suggestions.remove(0).values;
        let open = |order: &str| {
            let mut known = Values::default();
            known.set("order", order);
            Form::open(
                &lib,
                0,
                "a",
                Lang::new("en"),
                &known,
                &Default::default(),
                &found,
            )
            .expect("fills")
        };
        let form = open("99999").expect("a form");
        assert_eq!(form.fields[0].input.text(), "99999");
        assert_eq!(
            form.fields[0].found.as_ref().map(|f| f.value.as_str()),
            Some("48213")
        );
        assert!(!form.fields[0].is_found());
        // The same value twice asks nothing: copied at once.
        assert!(open("48213").is_none());
    }
}
