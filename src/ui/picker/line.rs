//! One line of editable text, with the readline and fzf keys agents' fingers
//! already know: ←/→, Home/End, Ctrl-A/E, Backspace/Delete, Ctrl-W and
//! Alt-Backspace (delete a word), Ctrl-U (clear), Ctrl-B/F.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineEdit {
    text: String,
    /// The cursor, in characters from the start.
    cursor: usize,
}

impl LineEdit {
    pub fn new(text: &str) -> LineEdit {
        LineEdit {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Inserts `text` at the cursor (a paste).
    pub fn insert(&mut self, text: &str) {
        let at = self.byte(self.cursor);
        self.text.insert_str(at, text);
        self.cursor += text.chars().count();
    }

    /// Applies an editing key; false when `key` is not one (the caller's).
    pub fn key(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match key.code {
            KeyCode::Left if !alt => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right if !alt => self.cursor = (self.cursor + 1).min(self.len()),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.len(),
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = self.len(),
            KeyCode::Char('b') if ctrl => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Char('f') if ctrl => self.cursor = (self.cursor + 1).min(self.len()),
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
                if self.cursor < self.len() {
                    self.text.remove(self.byte(self.cursor));
                }
            }
            KeyCode::Char(c) if !ctrl && !alt => {
                let at = self.byte(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
            }
            _ => return false,
        }
        true
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    /// The byte offset of character `n`.
    fn byte(&self, n: usize) -> usize {
        self.text
            .char_indices()
            .nth(n)
            .map_or(self.text.len(), |(i, _)| i)
    }

    fn backspace(&mut self) {
        if self.cursor > 0 {
            self.cursor -= 1;
            self.text.remove(self.byte(self.cursor));
        }
    }

    /// Deletes the word before the cursor and the spaces after it, as
    /// readline's Ctrl-W does.
    fn delete_word(&mut self) {
        let chars: Vec<char> = self.text.chars().collect();
        let mut start = self.cursor;
        while start > 0 && chars[start - 1].is_whitespace() {
            start -= 1;
        }
        while start > 0 && !chars[start - 1].is_whitespace() {
            start -= 1;
        }
        let (from, to) = (self.byte(start), self.byte(self.cursor));
        self.text.replace_range(from..to, "");
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
        assert_eq!((l.text(), l.cursor()), ("é refund", 2));
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
        assert_eq!((l.text(), l.cursor()), ("", 0));
        press(&mut l, KeyCode::Char('w'), KeyModifiers::CONTROL);
        assert_eq!(l.text(), "");
    }

    #[test]
    fn a_paste_goes_in_at_the_cursor() {
        let mut l = LineEdit::new("order ");
        press(&mut l, KeyCode::Home, KeyModifiers::NONE);
        l.insert("#1245 ");
        assert_eq!((l.text(), l.cursor()), ("#1245 order ", 6));
    }

    #[test]
    fn leaves_other_keys_to_the_caller() {
        let mut l = LineEdit::new("x");
        assert!(!l.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
        assert!(!l.key(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::ALT)));
        assert_eq!(l.text(), "x");
    }
}
