//! Text that came from outside (library files, customers, file names) made
//! inert before it is shown or inserted into a reply, and text that looks
//! unfilled.

use std::sync::LazyLock;

/// Text that looks like a placeholder someone forgot to fill in, or a
/// number typed where a variable belongs. The one detector: `use` refuses
/// to copy a reply whose own text holds an [`MarkKind::Unfilled`] mark, and
/// `audit` reports both kinds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub text: String,
    /// Byte offset in the text scanned.
    pub offset: usize,
    pub kind: MarkKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    /// `[Name]`, `[Prénom]`, `XXX`, `TODO`, `TBD`, `FIXME`, `<name>`,
    /// `<Order Number>`, `{name}`, stray `{{` or `%}`, and the markers a
    /// merge conflict leaves (`<<<<<<<`).
    Unfilled,
    /// `#1245`: an order number written into the text.
    HardCodedNumber,
}

/// The marks in `blanked`, a template's text with its own syntax blanked
/// out (see `template::blank_syntax`), in order, each where it is: `check`
/// locates every one, so that one run names all there are to fix.
pub fn marks(blanked: &str) -> Vec<Mark> {
    // regex-lite has no literal prefilter of its own: skip what cannot
    // match. Each test is what one alternative needs to start a match (a
    // word's or a tag's letters, `#` and two digits), so nothing that could
    // match is skipped. Brackets are read in one pass of their own.
    let maybe_words = [
        "XXX", "TODO", "TBD", "FIXME", "{{", "}}", "{%", "%}", "<<<<<<<", ">>>>>>>",
    ]
    .iter()
    .any(|n| blanked.contains(n));
    let maybe_number = blanked
        .as_bytes()
        .windows(3)
        .any(|w| w[0] == b'#' && w[1].is_ascii_digit() && w[2].is_ascii_digit());
    scan(blanked, maybe_words, maybe_number)
}

/// The marks in `blanked`, looking for each kind only when it may be there.
fn scan(blanked: &str, maybe_words: bool, maybe_number: bool) -> Vec<Mark> {
    // `XXX`, `TODO` and the like, and a stray tag. (`%NAME%`, `__NAME__`
    // and `$NAME` are left alone: a technical reply writes `%APPDATA%`,
    // `__init__` and `$HOME` on purpose, and nothing could allow them.)
    static UNFILLED: LazyLock<regex_lite::Regex> = LazyLock::new(|| {
        regex_lite::Regex::new(r"\bX{3,}\b|\bTODO\b|\bTBD\b|\bFIXME\b|\{\{|\}\}|\{%|%\}")
            .expect("valid regex")
    });
    static NUMBER: LazyLock<regex_lite::Regex> =
        LazyLock::new(|| regex_lite::Regex::new(r"#[0-9]{2,}\b").expect("valid regex"));
    // A merge's conflict left in a reply (a TOML string holds it): both
    // sides would go to the customer, between git's markers. A conflict
    // is two of its marker lines in their order (`<<<<<<<` before
    // `=======`, or that before `>>>>>>>`: one side resolved, the rest
    // left); one alone is a quote seven levels deep or an ASCII banner.
    static CONFLICT: LazyLock<regex_lite::Regex> = LazyLock::new(|| {
        regex_lite::Regex::new(r"(?m)^(<{7}|\|{7}|={7}|>{7})(?:[ \t\r]|$)").expect("valid regex")
    });
    let mut found: Vec<(usize, &str, MarkKind)> = Vec::new();
    if maybe_words {
        // `}}` closing two objects a JSON snippet opened (`{"a": {"b": 1}}`)
        // is the snippet's; a stray tag's end (`{ name }}`) finds one brace
        // open at most. (A `{{` opens a tag, no object.)
        // An object opens with a key or closes at once (`{"a"`, `{}`):
        // `{ key }}` is a broken tag inside one.
        let mut json_closes = Vec::new();
        if blanked.contains("}}") {
            let b = blanked.as_bytes();
            let object = |at: usize| {
                (b[at + 1..].iter().find(|c| !c.is_ascii_whitespace()))
                    .is_some_and(|&c| c == b'"' || c == b'}')
            };
            let mut open: Vec<bool> = Vec::new();
            let mut i = 0;
            while i < b.len() {
                match (b[i], b.get(i + 1)) {
                    (b'{', Some(b'{')) => i += 1,
                    (b'}', Some(b'}')) => {
                        if open.len() >= 2 && open[open.len() - 2..].iter().all(|&o| o) {
                            json_closes.push(i);
                        }
                        open.truncate(open.len().saturating_sub(2));
                        i += 1;
                    }
                    (b'{', _) => open.push(object(i)),
                    (b'}', _) => {
                        open.pop();
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        let json_close = |m: &regex_lite::Match<'_>| json_closes.contains(&m.start());
        found.extend(
            UNFILLED
                .find_iter(blanked)
                .filter(|m| !json_close(m))
                .map(|m| (m.start(), m.as_str(), MarkKind::Unfilled)),
        );
        let markers: Vec<regex_lite::Match<'_>> = CONFLICT
            .captures_iter(blanked)
            .filter_map(|c| c.get(1))
            .collect();
        // `<<<<<<<`, `|||||||`, `=======`, `>>>>>>>`: 0 to 3.
        let rank = |m: &regex_lite::Match<'_>| "<|=>".find(&m.as_str()[..1]);
        let mut lowest = None;
        let in_order = markers.iter().any(|m| {
            let later = lowest.is_some_and(|low| rank(m) > Some(low));
            lowest = lowest.min(rank(m)).or(rank(m));
            later
        });
        if in_order {
            found.extend(
                markers
                    .iter()
                    .filter(|m| !m.as_str().starts_with('='))
                    .map(|m| (m.start(), m.as_str(), MarkKind::Unfilled)),
            );
        }
    }
    // Every bracket it knows starts with one of these bytes.
    let maybe_bracket = blanked
        .bytes()
        .any(|b| matches!(b, b'[' | b'<' | b'{' | 0xE2 | 0xE3 | 0xEF));
    if maybe_bracket {
        found.extend(bracketed(blanked).map(|(at, text)| (at, text, MarkKind::Unfilled)));
    }
    if maybe_number {
        found.extend(
            NUMBER
                .find_iter(blanked)
                .map(|m| (m.start(), m.as_str(), MarkKind::HardCodedNumber)),
        );
    }
    found.sort_by_key(|&(at, _, _)| at);
    found
        .into_iter()
        .map(|(offset, text, kind)| Mark {
            text: text.to_string(),
            offset,
            kind,
        })
        .collect()
}

/// Whether `mark` is one of the markers git leaves where a merge conflicts.
pub fn is_conflict_marker(mark: &str) -> bool {
    ["<<<<<<<", "|||||||", ">>>>>>>"].contains(&mark)
}

/// Names in brackets, as placeholders are written in any language:
/// `[Name]`, `[Prénom]`, `[ Имя ]`, `<Order Number>`, `‹name›`, `{numero}`,
/// `${name}`, `［Name］`, `【名前】`. A name starts with a letter and holds
/// letters, digits, spaces and `_.'-`, up to 31 characters, two letters at
/// least; so an address (`<a@b.c>`), a link, `<3`, `a < b > c`, `[1]` or a
/// ticked box `[x]` is none, nor is a Markdown link's text (`[our
/// FAQ](…)`), `[sic]`, or a part of an address (`/orders/{id}`). A brace
/// that is half of `{{`/`}}` is told as that.
fn bracketed(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    text.char_indices().filter_map(move |(at, open)| {
        let close: &[char] = match open {
            '[' => &[']'],
            '<' => &['>'],
            '\u{2039}' => &['\u{203A}', '>'],
            '\u{FF3B}' => &['\u{FF3D}'],
            '\u{3010}' => &['\u{3011}'],
            '\u{FF5B}' => &['\u{FF5D}'],
            '{' if bytes.get(at + 1) != Some(&b'{')
                && (at == 0 || !matches!(bytes[at - 1], b'{' | b'/' | b'=')) =>
            {
                &['}']
            }
            _ => return None,
        };
        let inside = &text[at + open.len_utf8()..];
        let end = inside
            .char_indices()
            .take(33)
            // An accent written as a mark after its letter (macOS) is
            // part of the name: `[Pre\u{301}nom]` is `[Prénom]`.
            .find(|&(_, c)| {
                !(c.is_alphanumeric()
                    || " _.'-".contains(c)
                    || ('\u{300}'..='\u{36F}').contains(&c))
            })
            .filter(|&(_, c)| close.contains(&c))?;
        // `a < b > c` compares: an angle bracket is right against its name.
        let name = match open {
            '[' | '{' => inside[..end.0].trim(),
            _ => &inside[..end.0],
        };
        let first = name.chars().next()?;
        // One letter is a ticked box (`[x]`) or a formula's `{n}`; an
        // HTML tag left in (`<b>`) is text the reply must not show.
        let least = if open == '<' { 1 } else { 2 };
        let letters = name.chars().filter(|c| c.is_alphabetic()).count();
        if !first.is_alphabetic() || letters < least || name.chars().count() > 31 || name == "sic" {
            return None;
        }
        let after = at + open.len_utf8() + end.0 + end.1.len_utf8();
        let next = bytes.get(after);
        let not_a_name = match open {
            '{' => matches!(next, Some(b'}' | b'/')),
            '[' => next == Some(&b'('),
            _ => false,
        };
        if not_a_name {
            return None;
        }
        // `${name}` is told whole, as written.
        let start = if open == '{' && at > 0 && bytes[at - 1] == b'$' {
            at - 1
        } else {
            at
        };
        Some((start, &text[start..after]))
    })
}

/// Removes terminal escape sequences whole, other control characters and
/// invisible format characters (bidirectional overrides such as U+202E,
/// zero-width spaces, tag characters), so neither a customer's "name" nor a
/// teammate's title can drive the terminal or disguise what a reply says.
/// A sequence goes with its parameters: `Sarah\x1b[2J` is `Sarah`, not
/// `Sarah[2J`, whose `[2J` would be read as part of a word or an address.
/// Newlines and tabs are kept: they are part of a reply's layout; zero-width
/// joiners are kept: emoji and some scripts need them.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some(len) = escape_sequence_len(rest) {
            rest = &rest[len..];
            continue;
        }
        rest = &rest[c.len_utf8()..];
        // The blank braille pattern is drawn as wide as a letter: what it
        // stands between is two words ("John⠀Smith"), parted by a space.
        if c == '\u{2800}' {
            out.push(' ');
        } else if !is_hidden(c) && !joins_nothing(out.chars().next_back(), c, rest.chars().next()) {
            out.push(c);
        }
    }
    out
}

/// Whether `c` is a zero-width joiner or non-joiner between two ASCII
/// characters: emoji and scripts such as Persian or Hindi need them, but
/// "Ref\u{200D}und" only looks like "Refund".
fn joins_nothing(before: Option<char>, c: char, after: Option<char>) -> bool {
    match c {
        '\u{200C}' | '\u{200D}' => {
            before.is_none_or(|b| b.is_ascii()) && after.is_none_or(|a| a.is_ascii())
        }
        // A variation selector after a Latin letter selects nothing (a
        // digit, `#` or `*` starts a keycap emoji: kept).
        '\u{FE00}'..='\u{FE0F}' => before.is_none_or(|b| b.is_ascii_alphabetic()),
        _ => false,
    }
}

/// The length in bytes of the terminal escape sequence (ECMA-48) `text`
/// starts with, if it starts with a whole one: a control sequence
/// (`ESC [` or CSI, parameters, a final byte), a control string (`ESC ]`,
/// `ESC P`, `ESC _`, `ESC ^`, `ESC X` or their C1 forms, up to BEL or
/// `ESC \`) or an escape with its final character. A string never closed
/// is not one: the lone introducer goes, the customer's text after it stays.
fn escape_sequence_len(text: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    let (_, first) = chars.next()?;
    let (kind, start) = match first {
        '\u{1b}' => match chars.next()? {
            (i, '[') => ('[', i + 1),
            (i, ']' | 'P' | '_' | '^' | 'X') => (']', i + 1),
            (i, c) => {
                // `ESC`, intermediates (space to `/`), one final character.
                let mut end = (i, c);
                while (' '..='/').contains(&end.1) {
                    end = chars.next()?;
                }
                return ('0'..='~')
                    .contains(&end.1)
                    .then_some(end.0 + end.1.len_utf8());
            }
        },
        '\u{9b}' => ('[', first.len_utf8()),
        '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => (']', first.len_utf8()),
        _ => return None,
    };
    let body = &text[start..];
    if kind == '[' {
        // Parameters `0`–`?`, intermediates space–`/`, a final `@`–`~`.
        let params = body.find(|c| !('0'..='?').contains(&c))?;
        let inter = body[params..].find(|c| !(' '..='/').contains(&c))? + params;
        let last = body[inter..].chars().next()?;
        return ('@'..='~')
            .contains(&last)
            .then_some(start + inter + last.len_utf8());
    }
    let end = body.find(['\u{7}', '\u{1b}', '\u{9c}'])?;
    let closer = &body[end..];
    let len = if closer.starts_with("\u{1b}\\") {
        2
    } else if closer.starts_with('\u{1b}') {
        return None;
    } else {
        closer.chars().next()?.len_utf8()
    };
    Some(start + end + len)
}

/// The characters of library text that [`sanitize`] would remove, with
/// their byte offsets. A carriage return before a line feed is a Windows
/// line end, not hidden: a file saved on Windows keeps them in its bodies.
pub fn hidden(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    // Printable ASCII, line feeds and tabs hide nothing, and most library
    // text is only that: pass over it a byte at a time, from the character
    // before the first other one (what a joiner joins is read around it).
    let from = text
        .bytes()
        .position(|b| !matches!(b, b' '..=b'~' | b'\n' | b'\t'))
        .map_or(text.len(), |at| at.saturating_sub(1));
    let mut chars = text[from..]
        .char_indices()
        .map(move |(i, c)| (from + i, c))
        .peekable();
    let mut before = None;
    std::iter::from_fn(move || {
        while let Some((i, c)) = chars.next() {
            let after = chars.peek().map(|&(_, n)| n);
            let line_end = c == '\r' && after == Some('\n');
            let found = is_hidden(c) && !line_end || joins_nothing(before, c, after);
            before = Some(c);
            if found {
                return Some((i, c));
            }
        }
        None
    })
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
            | '\u{2028}'..='\u{2029}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}')
        || is_blank_letter(c)
}

/// Characters that print nothing yet count as letters, marks or symbols,
/// so that a name or a title can hide in them: the Hangul fillers (modern
/// Korean is written in whole syllables), the combining grapheme joiner,
/// the Khmer inherent vowels Unicode advises against, the musical format
/// characters, the blank braille pattern. (Private-use characters are
/// kept: the picker marks the value being typed with two of them.)
fn is_blank_letter(c: char) -> bool {
    matches!(c,
        '\u{115F}'..='\u{1160}'
        | '\u{3164}'
        | '\u{FFA0}'
        | '\u{034F}'
        | '\u{17B4}'..='\u{17B5}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{2800}')
}

/// `text` with every kind of line break a `\n`, and NULs spaces, before
/// [`sanitize`] drops control characters, which would glue the words on
/// either side of one ("parcel\rnever" read as "parcelnever"): a lone CR
/// (old Macs), a vertical tab, a form feed, a next-line, Unicode's line and
/// paragraph separators.
pub fn unify_breaks(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace(
            ['\r', '\u{b}', '\u{c}', '\u{85}', '\u{2028}', '\u{2029}'],
            "\n",
        )
        .replace('\0', " ")
}

/// A library text with its lines ended `\n`, as `show`, `use` and
/// `export` give it: a file saved on Windows (or checked out with
/// `core.autocrlf`) holds the same text in `\r\n`.
pub fn with_lf(text: &str) -> std::borrow::Cow<'_, str> {
    match text.contains("\r\n") {
        true => text.replace("\r\n", "\n").into(),
        false => text.into(),
    }
}

/// One line of `text`, for places where a newline would forge another
/// line (a file name in `check`'s output, a title in a table row): the
/// text sanitised, with line breaks shown as `⏎`.
pub fn one_line(text: &str) -> String {
    sanitize(text)
        .replace("\r\n", "⏎")
        .replace(['\n', '\r'], "⏎")
        // A terminal's tab stop would move what follows; a cell is shown
        // as one line of its own width.
        .replace('\t', " ")
}

/// A refused value as typed, on one line, with what cannot be seen made
/// visible: a line break `⏎`, a control or invisible character as its
/// code (`\u{200b}`). [`one_line`] drops those, and `48\r21` would be
/// called "`4821` is not a chat id".
pub fn shown_as_typed(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push('⏎'),
            c if c == '\t' || is_hidden(c) || passes_for_another(c) => {
                out.extend(c.escape_unicode());
            }
            c => out.push(c),
        }
    }
    out
}

/// The first letter of `s` that looks Latin and is not, told by its code
/// and the letter it looks like: "`е` (U+0435) is not the Latin `e` it
/// looks like" (a capital looks like a capital).
pub fn look_alike_told(s: &str) -> Option<String> {
    let (c, l) = s
        .chars()
        .find_map(|c| latin_look_alike(c).map(|l| (c, l)))?;
    let l = if c.is_uppercase() {
        l.to_ascii_uppercase()
    } else {
        l
    };
    Some(format!(
        "`{c}` (U+{:04X}) is not the Latin `{l}` it looks like",
        u32::from(c)
    ))
}

/// `s` with its look-alike letters Latin (see [`latin_look_alike`]).
pub fn latinised(s: &str) -> String {
    s.chars()
        .map(|c| latin_look_alike(c).unwrap_or(c))
        .collect()
}

/// The Latin letter a Cyrillic or Greek one looks like on screen (`е`,
/// U+0435, is `e`): an id typed or pasted with one reads as valid and is
/// not, and the fix is the Latin letter, not a dash in its place.
fn latin_look_alike(c: char) -> Option<char> {
    Some(match c {
        'а' | 'А' | 'α' | 'Α' => 'a',
        'В' | 'Β' => 'b',
        'с' | 'С' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' | 'Е' | 'Ε' => 'e',
        'һ' | 'Н' | 'Η' => 'h',
        'і' | 'І' | 'ι' | 'Ι' => 'i',
        'ј' | 'Ј' => 'j',
        'К' | 'κ' | 'Κ' => 'k',
        'М' | 'Μ' => 'm',
        'Ν' => 'n',
        'о' | 'О' | 'ο' | 'Ο' => 'o',
        'р' | 'Р' | 'ρ' | 'Ρ' => 'p',
        'ԛ' => 'q',
        'ѕ' | 'Ѕ' => 's',
        'Т' | 'Τ' => 't',
        'υ' => 'u',
        'ν' => 'v',
        'ԝ' => 'w',
        'х' | 'Х' | 'Χ' => 'x',
        'у' | 'Υ' => 'y',
        'Ζ' => 'z',
        _ => return None,
    })
}

/// A character text may hold (a joiner in an emoji, a non-breaking space
/// in French) that a refused value shows by its code all the same: there
/// it passes for a space or for nothing, and `général` + U+200D was
/// refused as "général".
fn passes_for_another(c: char) -> bool {
    matches!(c,
        '\u{A0}' | '\u{34F}' | '\u{200C}' | '\u{200D}' | '\u{2000}'..='\u{200A}'
        | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{FE00}'..='\u{FE0F}')
}

/// The same number for the same words, however the clipboard changed the
/// space between them (CRLF on Windows, a line end added or dropped by
/// `wl-paste`): a reply `canned` copied is known when it is read back as
/// a message. FNV-1a, stable from one run to the next; never shown.
pub fn fingerprint(text: &str) -> u64 {
    // An accent as a mark of its own (macOS) is the same word.
    let text = composed(text);
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, word) in text.split_whitespace().enumerate() {
        let space: &[u8] = if i == 0 { b"" } else { b" " };
        for &b in space.iter().chain(word.as_bytes()) {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// `text` composed (Unicode NFC): a letter and its accent written as two
/// characters, as macOS and some programs write them, are one, as they
/// are shown. Borrowed when it is already so, as most text is.
pub fn composed(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization;
    match unicode_normalization::is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => std::borrow::Cow::Borrowed(text),
        _ => std::borrow::Cow::Owned(text.nfc().collect()),
    }
}

/// At most the first `chars` characters of `text`, cut between words: a
/// number cut in two would be read as another ("order #4821" of "order
/// #48213").
pub fn cut_between_words(text: &str, chars: usize) -> &str {
    match text.char_indices().nth(chars) {
        None => text,
        Some((end, next)) if next.is_whitespace() => &text[..end],
        Some((end, _)) => text[..end]
            .rfind(char::is_whitespace)
            .map_or(&text[..end], |space| &text[..space]),
    }
}

/// Text a Windows tool wrote in UTF-16 with its byte-order mark
/// (PowerShell 5's `Out-File` and `>`, Notepad's "Unicode", Excel's
/// "Unicode Text"), as a string; `None` without such a mark. Taken for
/// input `canned` only reads (a `--vars` file, an import); a library file,
/// which `canned` writes back, is refused instead (`library::decode`).
pub fn from_utf16(bytes: &[u8]) -> Option<Result<String, NotUtf16>> {
    let little_endian = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    let text = &bytes[2..];
    if !text.len().is_multiple_of(2) {
        return Some(Err(NotUtf16));
    }
    Some(
        char::decode_utf16(utf16_units(text, little_endian))
            .collect::<Result<String, _>>()
            .map_err(|_| NotUtf16),
    )
}

/// `bytes` read as UTF-16 without its mark, little-endian or not, what
/// is not UTF-16 replaced: to find a name in a file refused as such.
pub fn from_utf16_unmarked(bytes: &[u8], little_endian: bool) -> String {
    char::decode_utf16(utf16_units(bytes, little_endian))
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// The 16-bit units of `bytes`, in either order (an odd last byte left).
fn utf16_units(bytes: &[u8], little_endian: bool) -> impl Iterator<Item = u16> + '_ {
    bytes.chunks_exact(2).map(move |p| match little_endian {
        true => u16::from_le_bytes([p[0], p[1]]),
        false => u16::from_be_bytes([p[0], p[1]]),
    })
}

/// `bytes` without the end-of-file marks (Ctrl-Z) old DOS tools write
/// last, one or as many as pad the last record, and the white space
/// around them: in a file `canned` only reads (a `--vars` file, an
/// import) they mean the end, which it is.
pub fn without_eof_mark(bytes: &[u8]) -> &[u8] {
    let tail = bytes
        .iter()
        .rposition(|&b| !b.is_ascii_whitespace() && b != 0x1a)
        .map_or(0, |at| at + 1);
    match bytes[tail..].iter().position(|&b| b == 0x1a) {
        Some(mark) => &bytes[..tail + mark],
        None => bytes,
    }
}

/// A customer's message as bytes from outside (the clipboard, stdin) as
/// text: UTF-8 where it is, and each byte that is not read as
/// Windows-1252, the superset of Latin-1 that Windows and older programs
/// write ("Zo\xeb" is "Zoë"). Dropped, such a byte cut a name short, and
/// "Zo" was offered as the customer's.
///
/// A byte order mark is no word: UTF-16 with its mark (PowerShell 5's
/// pipe, Notepad's "Unicode") is read as such, UTF-8's mark is left out,
/// so the reply `canned` copied last is known with one as without.
pub fn from_message_bytes(bytes: &[u8]) -> String {
    if let Some(Ok(text)) = from_utf16(bytes) {
        return text;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut text = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        text.extend(chunk.invalid().iter().filter_map(|&b| windows_1252(b)));
    }
    text
}

/// The character Windows-1252 gives `byte`, if any (five of its bytes
/// stand for none).
pub fn windows_1252(byte: u8) -> Option<char> {
    const FROM_0X80: [char; 32] = [
        '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0',
        '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
    ];
    let c = match byte {
        0x80..=0x9F => FROM_0X80[usize::from(byte - 0x80)],
        _ => char::from(byte),
    };
    (c != '\0' || byte == 0).then_some(c)
}

/// Bytes that open with UTF-16's mark but are not UTF-16 (an odd length,
/// a lone surrogate).
#[derive(Debug, PartialEq, Eq)]
pub struct NotUtf16;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fingerprint_is_of_the_words_not_the_space_between() {
        let copied = fingerprint("Hi Zoë,\n\nyour order is ready.\n");
        assert_eq!(fingerprint("Hi Zoë,\r\n\r\nyour order is ready."), copied);
        assert_eq!(fingerprint("  Hi Zoë, your order is ready.  "), copied);
        assert_ne!(fingerprint("Hi Zoe, your order is ready."), copied);
        assert_eq!(
            fingerprint("Hi Zoe\u{308},\n\nyour order is ready."),
            copied
        );
        assert_ne!(fingerprint("Hi Zoë, your order is ready!"), copied);
    }

    /// Latin-1 and Windows-1252 bytes in a message are their letters, and
    /// UTF-8 around them stays UTF-8.
    #[test]
    fn a_message_not_utf8_is_read_as_windows_1252() {
        assert_eq!(from_message_bytes(b"Merci, Zo\xeb"), "Merci, Zoë");
        assert_eq!(from_message_bytes(b"\xEF\xBB\xBFHi Tom"), "Hi Tom");
        assert_eq!(from_message_bytes(b"\xFF\xFEH\0i\0"), "Hi");
        assert_eq!(
            from_message_bytes(
                "Zoë \u{2013} "
                    .as_bytes()
                    .iter()
                    .copied()
                    .chain(*b"Ren\xe9e \x80 5 \x93ok\x94\x81")
                    .collect::<Vec<u8>>()
                    .as_slice()
            ),
            "Zoë – Renée € 5 “ok”"
        );
        assert_eq!(windows_1252(0x8D), None);
        assert_eq!(windows_1252(b'a'), Some('a'));
    }

    #[test]
    fn utf16_with_its_mark_is_read_as_text() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "{\"name\": \"Zoë\"}"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        assert_eq!(from_utf16(&le), Some(Ok("{\"name\": \"Zoë\"}".into())));
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("é😀".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(from_utf16(&be), Some(Ok("é😀".into())));
        // No mark, no UTF-16: UTF-8 (with or without its own mark) is the
        // caller's to read.
        assert_eq!(from_utf16(b"{}"), None);
        assert_eq!(from_utf16(b"\xEF\xBB\xBF{}"), None);
    }

    #[test]
    fn a_refused_value_shows_what_cannot_be_seen() {
        assert_eq!(
            shown_as_typed("48\r21\n\u{200b}\u{1b}[31m"),
            "48\\u{d}21⏎\\u{200b}\\u{1b}[31m"
        );
        assert_eq!(shown_as_typed("Zoë"), "Zoë");
        assert_eq!(
            shown_as_typed("gen\u{200d}eral\u{fe0f} a\u{a0}b"),
            "gen\\u{200d}eral\\u{fe0f} a\\u{a0}b"
        );
    }

    #[test]
    fn an_end_of_file_mark_is_the_end() {
        assert_eq!(without_eof_mark(b"{}\r\n\x1a"), b"{}\r\n");
        assert_eq!(without_eof_mark(b"{}\x1a\r\n"), b"{}");
        assert_eq!(without_eof_mark(b"{}\n"), b"{}\n");
        assert_eq!(without_eof_mark(b"a\x1ab"), b"a\x1ab");
        // DOS pads the last record with marks.
        assert_eq!(without_eof_mark(b"{}\r\n\x1a\x1a\x1a"), b"{}\r\n");
        assert_eq!(without_eof_mark(b"{}\x1a\x1a\r\n\x1a"), b"{}");
    }

    #[test]
    fn a_utf16_mark_over_broken_text_is_no_text() {
        // An odd byte at the end, and a lone high surrogate.
        assert_eq!(
            from_utf16(&[0xFF, 0xFE, b'a', 0, b'b']),
            Some(Err(NotUtf16))
        );
        assert_eq!(from_utf16(&[0xFF, 0xFE, 0x00, 0xD8]), Some(Err(NotUtf16)));
    }

    #[test]
    fn a_text_is_cut_between_words() {
        assert_eq!(cut_between_words("order 48213", 20), "order 48213");
        // Ending just before a space: the whole last word is kept.
        assert_eq!(cut_between_words("order 48213\n", 11), "order 48213");
        assert_eq!(cut_between_words("order 48213 thanks", 11), "order 48213");
        assert_eq!(cut_between_words("order 48213", 10), "order");
        assert_eq!(cut_between_words("é48213", 3), "é48");
    }

    #[test]
    fn a_windows_line_end_is_not_hidden_but_a_lone_carriage_return_is() {
        let hidden = |s| hidden(s).collect::<Vec<_>>();
        assert_eq!(hidden("Hi\r\nthere\tyou"), []);
        assert_eq!(hidden("Hi\rthere"), [(2, '\r')]);
        assert_eq!(hidden("é\u{1b}[2J"), [(2, '\u{1b}')]);
        assert_eq!(
            hidden("a\u{202e}b\r\n\u{200b}"),
            [(1, '\u{202e}'), (7, '\u{200b}')]
        );
    }

    #[test]
    fn what_a_mark_joins_is_read_across_a_run_of_plain_ascii() {
        let hidden = |s| hidden(s).collect::<Vec<_>>();
        assert_eq!(hidden("Dear Ann,\u{200D}x"), [(9, '\u{200D}')]);
        assert_eq!(hidden("Dear Ann, D\u{FE0F}"), [(11, '\u{FE0F}')]);
        assert_eq!(hidden("Press 1\u{FE0F}\u{20E3} now"), []);
        assert_eq!(hidden("\u{200B}"), [(0, '\u{200B}')]);
        assert_eq!(hidden("all plain\n\tASCII ~"), []);
    }

    #[test]
    fn template_syntax_is_never_a_placeholder() {
        let body = "Hi {{ name }}, order #{{ order }} {% if vip %}[VIP]{% endif %}{# TODO #}";
        let found = marks(&crate::domain::template::blank_syntax(body));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text, "[VIP]");
    }

    #[test]
    fn bracketed_names_xxx_and_todo_are_marks() {
        let found = marks("Hi [Name], see XXX and TODO: fix, TBD <name>");
        let texts: Vec<&str> = found.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(texts, ["[Name]", "XXX", "TODO", "TBD", "<name>"]);
        // Its accents written as marks after their letters (macOS).
        let found = marks("Bonjour [Pre\u{301}nom], votre [Nume\u{301}ro de commande]");
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|f| f.kind == MarkKind::Unfilled));
    }

    #[test]
    fn the_markers_of_a_merge_conflict_are_marks_at_the_start_of_a_line() {
        let conflict =
            "Hi,\n<<<<<<< HEAD\nallow 5 days\n||||||| base\n=======\n5 days\n>>>>>>> alice\n";
        let texts: Vec<String> = marks(conflict).into_iter().map(|m| m.text).collect();
        assert_eq!(texts, ["<<<<<<<", "|||||||", ">>>>>>>"]);
        // Arrows in a sentence, a rule of `=`, eight `<` are no marker.
        assert!(marks("Click Next >>>>>>> then Save\n=======\n<<<<<<<<\n").is_empty());
        // One side taken by hand, the other and a marker left.
        let half = "Hi,\nallow 5 days\n=======\n5 days\n>>>>>>> alice\n";
        assert_eq!(marks(half)[0].text, ">>>>>>>");
    }

    #[test]
    fn a_marker_alone_is_a_deep_quote_or_a_banner_not_a_conflict() {
        assert!(marks(">>>>>>> Hello, where is my order?\n>>>>>>> Thanks\n").is_empty());
        assert!(marks("<<<<<<< Original message >>>>>>>\nHi\n").is_empty());
        assert!(
            marks("Title\n=======\n>>>>>>> quoted").len() == 1,
            "a rule, then a marker"
        );
    }

    #[test]
    fn angle_brackets_mark_a_placeholder_as_square_ones_do() {
        let found = marks("Hello <Name>, order <ORDER NUMBER> ships <insert date here>.");
        let texts: Vec<&str> = found.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(texts, ["<Name>", "<ORDER NUMBER>", "<insert date here>"]);
        // Not an address, a link, a heart or a comparison.
        assert!(marks("Write to <help@acme.com> or <https://acme.com>; a < b > c; <3").is_empty());
    }

    #[test]
    fn placeholders_of_any_language_and_tool_are_marks() {
        let found = marks(
            "Bonjour [Prénom], [Имя], [ Name ], ‹nom›, commande {numero}, ${name}, { Nom }, \
             ［Name］, 【名前】, ｛name｝.",
        );
        let texts: Vec<&str> = found.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "[Prénom]",
                "[Имя]",
                "[ Name ]",
                "‹nom›",
                "{numero}",
                "${name}",
                "{ Nom }",
                "［Name］",
                "【名前】",
                "｛name｝"
            ]
        );
        // Not a percentage, a price, a footnote, a ticked box, an empty pair
        // of braces, a Markdown link, `[sic]`, a part of an address, what a
        // technical reply writes on purpose, or a sign-off's kisses.
        assert!(
            marks(
                "50% off, then 20% more; $5; [1], [x] and {} or { }; see [our FAQ](https://a.example); \
                 \"teh\" [sic]; GET /orders/{order_id} or ?q={term}; %APPDATA%, __init__, $HOME; \
                 Love, Anna xxx"
            )
            .is_empty()
        );
        // A JSON snippet's nested objects close with `}}`; a stray tag's
        // end is told however many objects are open.
        assert!(marks("{\"a\": {\"b\": \"5\"}} and {\"c\": {\"d\": {}}}").is_empty());
        let stray: Vec<String> = marks("{ name }} or name }} in {\"a\": 1}}")
            .into_iter()
            .map(|m| m.text)
            .collect();
        assert_eq!(stray, ["}}", "}}", "}}"]);
        // A broken tag inside an object is still one.
        let inside: Vec<String> = marks("{\"a\": {\"b\": \"{ key }}\"}")
            .into_iter()
            .map(|m| m.text)
            .collect();
        assert_eq!(inside, ["}}"]);
        // Each where it is, for `check` to locate every one.
        let found: Vec<(usize, String)> = marks("{{ name }} and {{name}}")
            .into_iter()
            .map(|m| (m.offset, m.text))
            .collect();
        let at = |o: usize, t: &str| (o, t.to_string());
        assert_eq!(
            found,
            [at(0, "{{"), at(8, "}}"), at(15, "{{"), at(21, "}}")]
        );
    }

    #[test]
    fn a_number_after_a_hash_is_a_hard_coded_number_but_words_are_not() {
        let found = marks("Your order #1245 is late; we're #1 at it; todo list; #tag");
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].text.as_str(), found[0].kind),
            ("#1245", MarkKind::HardCodedNumber)
        );
        assert_eq!(found[0].offset, "Your order ".len());
    }

    #[test]
    fn escape_sequences_and_bidi_overrides_are_removed_layout_is_kept() {
        assert_eq!(
            sanitize("Sa\x1b]52;c;AAAA\x07rah\n\tok\r\u{202E}gnp.exe\u{200B}"),
            "Sarah\n\tokgnp.exe"
        );
    }

    #[test]
    fn an_escape_sequence_goes_with_its_parameters() {
        assert_eq!(sanitize("evil\x1b[2J@x.com"), "evil@x.com");
        assert_eq!(sanitize("red\x1b[1;31mtext\x1b[0m"), "redtext");
        assert_eq!(
            sanitize("a\x1b]8;;https://x.co\x1b\\link\x1b]8;;\x1b\\"),
            "alink"
        );
        assert_eq!(sanitize("a\u{9b}2Jb"), "ab");
        assert_eq!(sanitize("a\x1b(Bb\x1bcd"), "abd");
    }

    #[test]
    fn an_escape_never_closed_takes_nothing_the_customer_wrote() {
        assert_eq!(sanitize("a\x1b]52;c;my order 1234"), "a]52;c;my order 1234");
        assert_eq!(sanitize("order 12\x1b[34"), "order 12[34");
        assert_eq!(sanitize("ends\x1b"), "ends");
        assert_eq!(sanitize("é\x1b\u{e9}"), "éé");
    }

    #[test]
    fn every_line_break_parts_words() {
        assert_eq!(
            sanitize(&unify_breaks("a\rb\r\nc\u{b}d\u{c}e\0f")),
            "a\nb\nc\nd\ne f"
        );
    }

    #[test]
    fn emoji_joiners_survive() {
        assert_eq!(sanitize("👩\u{200D}💻"), "👩\u{200D}💻");
        // Persian needs its non-joiner.
        assert_eq!(sanitize("می\u{200C}خواهم"), "می\u{200C}خواهم");
    }

    #[test]
    fn joiners_between_latin_letters_and_blank_letters_are_hidden() {
        let text =
            "Ref\u{200D}und\u{200C} A\u{3164}B \u{115F}x\u{FFA0}\u{034F}\u{17B4}\u{1D173}\u{2028}";
        assert_eq!(sanitize(text), "Refund AB x");
        let found: Vec<char> = hidden(text).map(|(_, c)| c).collect();
        assert_eq!(
            found,
            [
                '\u{200D}',
                '\u{200C}',
                '\u{3164}',
                '\u{115F}',
                '\u{FFA0}',
                '\u{034F}',
                '\u{17B4}',
                '\u{1D173}',
                '\u{2028}'
            ]
        );
        // A line or paragraph separator parts words as a line break does.
        assert_eq!(sanitize(&unify_breaks("a\u{2028}b\u{2029}c")), "a\nb\nc");
    }

    #[test]
    fn blank_braille_and_selectors_after_letters_are_hidden() {
        let text = "A\u{2800}B D\u{FE0F}E";
        assert_eq!(sanitize(text), "A B DE");
        let found: Vec<char> = hidden(text).map(|(_, c)| c).collect();
        assert_eq!(found, ['\u{2800}', '\u{FE0F}']);
        // An emoji's selector, and a keycap's, are kept.
        assert_eq!(
            sanitize("\u{2764}\u{FE0F} 1\u{FE0F}\u{20E3}"),
            "\u{2764}\u{FE0F} 1\u{FE0F}\u{20E3}"
        );
    }

    #[test]
    fn one_line_cannot_forge_another_line() {
        assert_eq!(
            one_line("a.toml\nb.toml:1:1: error"),
            "a.toml⏎b.toml:1:1: error"
        );
    }

    proptest::proptest! {
        #[test]
        fn the_prefilter_skips_only_text_without_marks(text in "[a-zA-Z0-9 #_<>\\[\\]{}%$'.é‹［】｛/=(-]{0,40}") {
            proptest::prop_assert_eq!(marks(&text), scan(&text, true, true));
        }
    }
}
