//! One line of editable text, with the readline and fzf keys agents' fingers
//! already know: ←/→, Home/End, Ctrl-A/E, Backspace/Delete, Ctrl-W and
//! Alt-Backspace (delete a word), Ctrl-U (clear), Ctrl-B/F.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_segmentation::UnicodeSegmentation;

/// The cursor moves and deletes by what the agent sees as one character (a
/// grapheme cluster): `é` typed as `e` and a combining accent, a flag, a
/// family emoji are each one Backspace, not a stray accent left behind.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineEdit {
    text: String,
    /// The cursor, in bytes from the start, always on a grapheme boundary.
    cursor: usize,
}

impl LineEdit {
    pub fn new(text: &str) -> LineEdit {
        LineEdit {
            text: text.to_string(),
            cursor: text.len(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text before the cursor and the text after it.
    pub fn split(&self) -> (&str, &str) {
        self.text.split_at(self.cursor)
    }

    /// Inserts `text` at the cursor (a paste).
    pub fn insert(&mut self, text: &str) {
        self.text.insert_str(self.cursor, text);
        self.cursor += text.len();
    }

    /// Applies an editing key; false when `key` is not one (the caller's).
    pub fn key(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match key.code {
            KeyCode::Left if !alt => self.cursor = self.previous(),
            KeyCode::Right if !alt => self.cursor = self.next(),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.text.len(),
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = self.text.len(),
            KeyCode::Char('b') if ctrl => self.cursor = self.previous(),
            KeyCode::Char('f') if ctrl => self.cursor = self.next(),
            KeyCode::Char('u') if ctrl => {
                self.text.clear();
                self.cursor = 0;
            }
            KeyCode::Char('w') if ctrl => self.delete_word(),
            KeyCode::Backspace if alt || ctrl => self.delete_word(),
            // Terminals that send Backspace as ^H.
            KeyCode::Char('h') if ctrl => self.backspace(),
            KeyCode::Backspace => self.backspace(),
            KeyCode::Delete => {
                let next = self.next();
                self.text.replace_range(self.cursor..next, "");
            }
            KeyCode::Char(c) if !ctrl && !alt => {
                self.text.insert(self.cursor, c);
                self.cursor += c.len_utf8();
            }
            _ => return false,
        }
        true
    }

    /// The grapheme boundary before the cursor.
    fn previous(&self) -> usize {
        let before = &self.text[..self.cursor];
        before
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    /// The grapheme boundary after the cursor.
    fn next(&self) -> usize {
        let after = &self.text[self.cursor..];
        self.cursor + after.graphemes(true).next().map_or(0, str::len)
    }

    fn backspace(&mut self) {
        let previous = self.previous();
        self.text.replace_range(previous..self.cursor, "");
        self.cursor = previous;
    }

    /// Deletes the word before the cursor and the spaces after it, as
    /// readline's Ctrl-W does.
    fn delete_word(&mut self) {
        let before = &self.text[..self.cursor];
        let word_end = before.trim_end().len();
        let start = before[..word_end]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(line: &mut LineEdit, code: KeyCode, modifiers: KeyModifiers) {
        assert!(line.key(KeyEvent::new(code, modifiers)), "{code:?} handled");
    }

    fn typed(line: &mut LineEdit, text: &str) {
        for c in text.chars() {
            press(line, KeyCode::Char(c), KeyModifiers::NONE);
        }
    }

    #[test]
    fn moves_and_inserts_anywhere_in_the_line() {
        let mut l = LineEdit::new("refnd");
        press(&mut l, KeyCode::Left, KeyModifiers::NONE);
        press(&mut l, KeyCode::Left, KeyModifiers::NONE);
        typed(&mut l, "u");
        assert_eq!(l.text(), "refund");
        press(&mut l, KeyCode::Char('a'), KeyModifiers::CONTROL);
        typed(&mut l, "é ");
        assert_eq!(l.split(), ("é ", "refund"));
        press(&mut l, KeyCode::End, KeyModifiers::NONE);
        press(&mut l, KeyCode::Home, KeyModifiers::NONE);
        press(&mut l, KeyCode::Delete, KeyModifiers::NONE);
        press(&mut l, KeyCode::Char('e'), KeyModifiers::CONTROL);
        typed(&mut l, "!");
        assert_eq!(l.text(), " refund!");
        press(&mut l, KeyCode::Char('b'), KeyModifiers::CONTROL);
        press(&mut l, KeyCode::Char('b'), KeyModifiers::CONTROL);
        press(&mut l, KeyCode::Char('f'), KeyModifiers::CONTROL);
        typed(&mut l, "_");
        assert_eq!(l.text(), " refund_!");
    }

    #[test]
    fn deletes_the_word_before_the_cursor() {
        let mut l = LineEdit::new("refund vip  ");
        press(&mut l, KeyCode::Char('w'), KeyModifiers::CONTROL);
        assert_eq!(l.text(), "refund ");
        press(&mut l, KeyCode::Backspace, KeyModifiers::ALT);
        assert_eq!(l.split(), ("", ""));
        press(&mut l, KeyCode::Char('w'), KeyModifiers::CONTROL);
        assert_eq!(l.text(), "");
    }

    #[test]
    fn a_paste_goes_in_at_the_cursor() {
        let mut l = LineEdit::new("order ");
        press(&mut l, KeyCode::Home, KeyModifiers::NONE);
        l.insert("#1245 ");
        assert_eq!(l.split(), ("#1245 ", "order "));
    }

    #[test]
    fn moves_and_deletes_what_is_seen_as_one_character() {
        // `é` as `e` and a combining accent; a flag; a family of four.
        let mut l = LineEdit::new(
            "cafe\u{301} \u{1F1EB}\u{1F1F7}\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}",
        );
        press(&mut l, KeyCode::Backspace, KeyModifiers::NONE);
        assert_eq!(l.text(), "cafe\u{301} \u{1F1EB}\u{1F1F7}");
        press(&mut l, KeyCode::Left, KeyModifiers::NONE);
        assert_eq!(l.split(), ("cafe\u{301} ", "\u{1F1EB}\u{1F1F7}"));
        press(&mut l, KeyCode::Delete, KeyModifiers::NONE);
        assert_eq!(l.text(), "cafe\u{301} ");
        press(&mut l, KeyCode::Left, KeyModifiers::NONE);
        press(&mut l, KeyCode::Backspace, KeyModifiers::NONE);
        assert_eq!(l.split(), ("caf", " "));
        typed(&mut l, "é");
        press(&mut l, KeyCode::Char('w'), KeyModifiers::CONTROL);
        assert_eq!(l.split(), ("", " "));
    }

    #[test]
    fn leaves_other_keys_to_the_caller() {
        let mut l = LineEdit::new("x");
        assert!(!l.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
        assert!(!l.key(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::ALT)));
        assert_eq!(l.text(), "x");
    }
}
