//! Text that came from outside (library files, customers, file names) made
//! inert before it is shown or inserted into a reply.

/// Removes control characters (escape sequences included) and invisible
/// format characters (bidirectional overrides such as U+202E, zero-width
/// spaces, tag characters), so neither a customer's "name" nor a teammate's
/// title can drive the terminal or disguise what a reply says. Newlines and
/// tabs are kept: they are part of a reply's layout; zero-width joiners are
/// kept: emoji and some scripts need them.
pub fn sanitize(text: &str) -> String {
    text.chars().filter(|&c| !is_hidden(c)).collect()
}

/// Whether `c` is removed by [`sanitize`].
pub fn is_hidden(c: char) -> bool {
    if c == '\n' || c == '\t' {
        return false;
    }
    c.is_control()
        || matches!(c,
            '\u{AD}'
            | '\u{61C}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{200E}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}')
}

/// One line of `text`, for places where a newline would forge another
/// line (a file name in `check`'s output, a title in a table row): the
/// text sanitised, with line breaks shown as `⏎`.
pub fn one_line(text: &str) -> String {
    sanitize(text)
        .replace("\r\n", "⏎")
        .replace(['\n', '\r'], "⏎")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_bidi_overrides_are_removed_layout_is_kept() {
        assert_eq!(
            sanitize("Sa\x1b]52;c;AAAA\x07rah\n\tok\r\u{202E}gnp.exe\u{200B}"),
            "Sa]52;c;AAAArah\n\tokgnp.exe"
        );
    }

    #[test]
    fn emoji_joiners_survive() {
        assert_eq!(sanitize("👩\u{200D}💻"), "👩\u{200D}💻");
    }

    #[test]
    fn one_line_cannot_forge_another_line() {
        assert_eq!(
            one_line("a.toml\nb.toml:1:1: error"),
            "a.toml⏎b.toml:1:1: error"
        );
    }
}
