//! Zendesk's HTML comments as plain text.

use crate::domain::text::is_hidden;

/// HTML comments (`<!-- … -->`, often internal notes) taken out of
/// `text`: the text without them, and what each said, trimmed (empty ones
/// dropped). A comment never closed runs to the end, as in a browser.
pub fn take_comments(text: &str) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut comments = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("<!--") {
        out.push_str(&rest[..open]);
        let inside = &rest[open + 4..];
        let (comment, after) = match inside.find("-->") {
            Some(close) => (&inside[..close], &inside[close + 3..]),
            None => (inside, ""),
        };
        let comment = comment.trim();
        if !comment.is_empty() {
            comments.push(comment.to_string());
        }
        rest = after;
    }
    out.push_str(rest);
    (out, comments)
}

/// Marks a line of `<pre>` text while the HTML is read, so that the tidy
/// keeps its indentation. A control character: no text of a reply has one
/// (they are taken out of the input first), nor does a decoded entity.
const VERBATIM: char = '\u{1}';

/// Zendesk's HTML comments as plain text: paragraphs and line breaks become
/// newlines, list items dashes, links `text (url)` (a mail link its address),
/// table cells words apart; tags go, entities decode. Preformatted text
/// (`<pre>`: an address block, a command to type) keeps its lines and
/// spaces, as a browser shows it.
pub fn html_to_text(html: &str) -> String {
    let html = html.replace(VERBATIM, "");
    let mut out = String::new();
    let mut rest = html.as_str();
    let mut href: Option<String> = None;
    let mut link_start = 0;
    let mut skip_until: Option<&str> = None;
    let mut pre = 0usize;
    let text = |s: &str, pre: usize| {
        if pre == 0 {
            collapse(s)
        } else {
            s.replace("\r\n", "\n")
                .replace('\n', &format!("\n{VERBATIM}"))
        }
    };
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skip_until.is_none() {
                out.push_str(&text(rest, pre));
            }
            break;
        };
        if skip_until.is_none() {
            out.push_str(&text(&rest[..lt], pre));
        }
        rest = &rest[lt..];
        // A comment is never text, whatever it holds (`>` included).
        if let Some(inside) = rest.strip_prefix("<!--") {
            rest = inside.find("-->").map_or("", |close| &inside[close + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            out.push_str(&text(rest, pre));
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if let Some(end) = skip_until {
            if closing && name == end {
                skip_until = None;
            }
            continue;
        }
        match (name.as_str(), closing) {
            ("script" | "style", false) => {
                skip_until = Some(if name == "script" { "script" } else { "style" })
            }
            ("br", _) => {
                out.push('\n');
                if pre > 0 {
                    out.push(VERBATIM);
                }
            }
            ("pre", false) => {
                out.push_str("\n\n");
                out.push(VERBATIM);
                pre += 1;
                // As in a browser, a newline just after `<pre>` is not shown.
                rest = rest
                    .strip_prefix("\r\n")
                    .or_else(|| rest.strip_prefix('\n'))
                    .unwrap_or(rest);
            }
            ("pre", true) => {
                pre = pre.saturating_sub(1);
                out.push_str("\n\n");
            }
            ("p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "table", _)
            | ("blockquote", _)
                if closing || !out.trim_end_matches([' ', '\t']).ends_with('\n') =>
            {
                out.push_str("\n\n");
            }
            ("li", false) => out.push_str("\n- "),
            ("tr", true) => out.push('\n'),
            // Cells side by side stay words apart.
            ("td" | "th", true) => out.push(' '),
            ("a", false) => {
                href = attribute(tag, "href");
                link_start = out.len();
            }
            ("a", true) => {
                if let Some(url) = href.take() {
                    // A mail link shows its address, not its scheme or subject.
                    let target = match url.strip_prefix("mailto:") {
                        Some(mail) => mail.split('?').next().unwrap_or(mail),
                        None => &url,
                    };
                    // A link whose text is its address says it once, however
                    // either is written (`&amp;`, a scheme, a final `/`).
                    let bare = |s: &str| {
                        let s = decode_entities(s.trim());
                        let s = s
                            .strip_prefix("https://")
                            .or_else(|| s.strip_prefix("http://"))
                            .unwrap_or(&s);
                        s.trim_end_matches('/').to_string()
                    };
                    if !target.is_empty() && bare(&out[link_start..]) != bare(target) {
                        // Decoded already: kept as it is by the decoding
                        // of the text it joins.
                        out.push_str(&format!(" ({})", target.replace('&', "&amp;")));
                    }
                }
            }
            _ => {}
        }
    }
    let text = decode_entities(&out);
    // Tidy: trim each line (but a preformatted one's indentation), at most
    // one blank line in a row (but inside preformatted text, which keeps
    // its blank lines).
    let mut tidy = String::new();
    let (mut blank, mut verbatim_blank) = (0, 0);
    for line in text.lines() {
        let verbatim = line.starts_with(VERBATIM);
        let line = match line.strip_prefix(VERBATIM) {
            Some(verbatim) => verbatim.trim_end(),
            None => line.trim(),
        };
        let line = line.trim_start_matches(VERBATIM);
        if line.is_empty() {
            blank += 1;
            verbatim_blank += usize::from(verbatim);
            continue;
        }
        if !tidy.is_empty() {
            let breaks = if verbatim && verbatim_blank > 0 {
                verbatim_blank + 1
            } else if blank > 0 {
                2
            } else {
                1
            };
            tidy.push_str(&"\n".repeat(breaks));
        }
        (blank, verbatim_blank) = (0, 0);
        tidy.push_str(line);
    }
    // A joiner between Latin letters (`a&zwj;b`) joins nothing: hidden.
    crate::domain::text::sanitize(&tidy)
}

/// HTML whitespace: any run is one space.
fn collapse(s: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find(&format!("{name}="))? + name.len() + 1;
    let rest = &tag[at..];
    let value = match rest.chars().next()? {
        q @ ('"' | '\'') => rest[1..].split(q).next()?,
        _ => rest.split(|c: char| c.is_whitespace()).next()?,
    };
    Some(decode_entities(value))
}

/// The longest name of an HTML entity, `CounterClockwiseContourIntegral`.
const LONGEST_ENTITY: usize = 31;

/// The entities a browser reads without their `;` (`&copy 2026`, `caf&eacute`),
/// from WHATWG's list; every other name needs it.
const LEGACY_ENTITIES: [&str; 106] = [
    "AElig", "AMP", "Aacute", "Acirc", "Agrave", "Aring", "Atilde", "Auml", "COPY", "Ccedil",
    "ETH", "Eacute", "Ecirc", "Egrave", "Euml", "GT", "Iacute", "Icirc", "Igrave", "Iuml", "LT",
    "Ntilde", "Oacute", "Ocirc", "Ograve", "Oslash", "Otilde", "Ouml", "QUOT", "REG", "THORN",
    "Uacute", "Ucirc", "Ugrave", "Uuml", "Yacute", "aacute", "acirc", "acute", "aelig", "agrave",
    "amp", "aring", "atilde", "auml", "brvbar", "ccedil", "cedil", "cent", "copy", "curren", "deg",
    "divide", "eacute", "ecirc", "egrave", "eth", "euml", "frac12", "frac14", "frac34", "gt",
    "iacute", "icirc", "iexcl", "igrave", "iquest", "iuml", "laquo", "lt", "macr", "micro",
    "middot", "nbsp", "not", "ntilde", "oacute", "ocirc", "ograve", "ordf", "ordm", "oslash",
    "otilde", "ouml", "para", "plusmn", "pound", "quot", "raquo", "reg", "sect", "shy", "sup1",
    "sup2", "sup3", "szlig", "thorn", "times", "uacute", "ucirc", "ugrave", "uml", "uuml",
    "yacute", "yen", "yuml",
];

/// Decodes character references as a browser does: every named entity of
/// HTML (`html_escape`'s table of WHATWG's list, so `&eacute;` and
/// `&laquo;` read as a French macro means them), the legacy ones without
/// their `;` too (but before a letter, a digit or `=`), and numeric ones,
/// with or without it ([`numeric`]). Anything else stays as written.
fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        // The `;` is looked for no further than the longest name, or a
        // body of `&` without one is read to its end for each.
        let end = rest.as_bytes()[1..]
            .iter()
            .take(LONGEST_ENTITY + 1)
            .position(|&b| b == b';')
            .map(|e| e + 1);
        match end.and_then(|end| Some((entity(&rest[1..end])?, end))) {
            Some((text, end)) => {
                out.extend(text);
                rest = &rest[end + 1..];
            }
            None => match unterminated(&rest[1..]) {
                Some((text, len)) => {
                    out.extend(text);
                    rest = &rest[1 + len..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            },
        }
    }
    out.push_str(rest);
    out
}

/// A reference written without its `;` at the start of `rest` (after the
/// `&`): the longest legacy name, or `#` and digits; with its length.
fn unterminated(rest: &str) -> Option<(Chars, usize)> {
    if let Some(n) = rest.strip_prefix('#') {
        let (digits, radix, skip) = match n.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 2),
            None => (n, 10, 1),
        };
        let len = digits
            .find(|c: char| !c.is_digit(radix))
            .unwrap_or(digits.len());
        let code = match len {
            0 => return None,
            // Past eight digits it is no character: read as nothing.
            9.. => u32::MAX,
            _ => u32::from_str_radix(&digits[..len], radix).ok()?,
        };
        return Some((Chars::One(numeric(code)), skip + len));
    }
    let name = LEGACY_ENTITIES
        .iter()
        .filter(|name| rest.starts_with(**name))
        .max_by_key(|name| name.len())?;
    // Before a letter, a digit or `=` it is an address's query, in a link
    // or in its text (`?a=1&region=eu`); a browser would show the text's
    // as `®ion`, which nobody meant.
    let next = rest[name.len()..].chars().next();
    if next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '=') {
        return None;
    }
    Some((entity(name)?, name.len()))
}

/// The text the reference `&name;` stands for, without hidden characters
/// (`&ZeroWidthSpace;` is nothing); `None` for a name HTML lacks.
fn entity(name: &str) -> Option<Chars> {
    let text: &str = match name {
        // A no-break space from an editor is a space in a chat reply.
        "nbsp" => " ",
        _ => match name.strip_prefix('#') {
            Some(n) => {
                let code = match n.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => n.parse().ok()?,
                };
                return Some(Chars::One(numeric(code)));
            }
            None => {
                let table = &html_escape::NAMED_ENTITIES;
                let at = table
                    .binary_search_by(|(n, _)| n.cmp(&name.as_bytes()))
                    .ok()?;
                table[at].1
            }
        },
    };
    Some(Chars::Text(text.chars()))
}

/// What a reference decodes to: one character (or none) for a number,
/// the characters of a name.
enum Chars {
    One(Option<char>),
    Text(std::str::Chars<'static>),
}

impl Iterator for Chars {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        match self {
            Chars::One(c) => c.take(),
            Chars::Text(chars) => chars.find(|&c| !is_hidden(c)),
        }
    }
}

/// The character a numeric reference such as `&#233;` stands for, as a
/// browser reads it (`&#150;` is Windows-1252's `–`), but never a control
/// or invisible format character: `&#27;` (escape) or `&#x202E;` (a
/// bidirectional override) would drive a terminal or disguise a reply.
/// White space ones (`&#10;`) are a space, as HTML shows them; the others
/// are dropped.
fn numeric(code: u32) -> Option<char> {
    let c = match code {
        0x80..=0x9F => u8::try_from(code)
            .ok()
            .and_then(crate::domain::text::windows_1252)
            .unwrap_or('\0'),
        _ => char::from_u32(code).unwrap_or('\0'),
    };
    // Every line break too: dropped, `&#x2028;` glued "done.Thanks".
    if matches!(
        c,
        '\t' | '\n' | '\r' | '\x0B' | '\x0C' | '\u{2028}' | '\u{2029}'
    ) {
        Some(' ')
    } else if c.is_control() || is_hidden(c) {
        None
    } else {
        Some(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        decode_entities(s)
    }

    #[test]
    fn html_comments_become_plain_text() {
        let html = "<p>Hi&nbsp;{{ticket.requester.first_name}},</p><p>Line one<br/>line two &amp; more</p><ul><li>a</li><li>b</li></ul><p>See <a href=\"https://x.example/faq\">our FAQ</a>.</p>";
        assert_eq!(
            html_to_text(html),
            "Hi {{ticket.requester.first_name}},\n\nLine one\nline two & more\n\n- a\n- b\n\nSee our FAQ (https://x.example/faq)."
        );
        assert_eq!(text("&#233;&#x41;&bogus; &"), "éA&bogus; &");
        // A name is 31 characters at most: a `;` further on ends none.
        assert_eq!(text(&format!("&#{:0>30};", 233)), "é");
        assert_eq!(text("&&&amp;"), "&&&");
    }

    #[test]
    fn links_keep_their_address_and_cells_stay_apart() {
        assert_eq!(
            html_to_text(
                "<p>Write to <a href=\"mailto:help@acme.example?subject=Refund\">our team</a> \
                 or <a href=\"mailto:help@acme.example\">help@acme.example</a>.</p>"
            ),
            "Write to our team (help@acme.example) or help@acme.example."
        );
        assert_eq!(
            html_to_text(
                "<table><tr><th>Plan</th><th>Price</th></tr><tr><td>Pro</td><td>€9</td></tr></table>"
            ),
            "Plan Price\nPro €9"
        );
    }

    #[test]
    fn preformatted_text_keeps_its_lines_and_spaces() {
        assert_eq!(
            html_to_text(
                "<p>Run this:</p><pre>\n$ acme   login\n    --token &lt;yours&gt;\n\n\n$ acme sync</pre><p>Then   wait.</p>"
            ),
            "Run this:\n\n$ acme   login\n    --token <yours>\n\n\n$ acme sync\n\nThen wait."
        );
        // Lines broken by `<br>` keep their indentation too; nothing leaks
        // the mark that keeps it.
        assert_eq!(
            html_to_text("<pre>  Acme Ltd<br>  1 High St\u{1}</pre>after"),
            "  Acme Ltd\n  1 High St\n\nafter"
        );
    }

    #[test]
    fn a_link_whose_text_is_its_address_says_it_once() {
        for html in [
            "<a href=\"https://x.example/a?b=1&amp;c=2\">https://x.example/a?b=1&amp;c=2</a>",
            "<a href=\"https://x.example/a?b=1&c=2\">x.example/a?b=1&amp;c=2</a>",
            "<a href=\"https://x.example/a?b=1&c=2/\">https://x.example/a?b=1&c=2</a>",
        ] {
            assert!(!html_to_text(html).contains('('), "{html}");
        }
        assert_eq!(
            html_to_text("<a href=\"https://x.example/faq\">our FAQ</a>"),
            "our FAQ (https://x.example/faq)"
        );
    }

    #[test]
    fn no_entity_leaves_a_character_that_hides() {
        assert_eq!(
            html_to_text("a[&zwj;]b[&zwnj;]c[&#x3164;]d[&#x1D173;]e[&#x34F;] 👩&zwj;💻"),
            "a[]b[]c[]d[]e[] 👩\u{200D}💻"
        );
    }

    #[test]
    fn every_named_entity_of_html_decodes() {
        assert_eq!(
            text(
                "a &eacute;t&eacute; &Agrave; bient&ocirc;t &copy; &laquo;merci&raquo; &pound;5 &deg;"
            ),
            "a été À bientôt © «merci» £5 °"
        );
        assert_eq!(
            text("&CounterClockwiseContourIntegral;&NotEqualTilde;&Eacute"),
            "∳≂\u{338}É"
        );
        // A name HTML lacks stays, as do names an entity's case differs from.
        assert_eq!(
            text("&bogus; &EACUTE; &Copy &amp"),
            "&bogus; &EACUTE; &Copy &"
        );
    }

    /// As a browser reads them: the legacy names without `;` (the longest
    /// that fits), numbers without it; but not a legacy name that letters,
    /// digits or `=` follow, as in an address's query, in a link or in the
    /// text that shows it.
    #[test]
    fn references_without_their_semicolon_read_as_a_browser_reads_them() {
        assert_eq!(
            text("&copy 2026 caf&eacute &notit &copy2 &#233 &#x41z &# &#x &#99999999999"),
            "© 2026 café &notit &copy2 é Az &# &#x "
        );
        assert_eq!(
            html_to_text("<a href=\"https://x.example/?a=1&copy=2&amp;b&lt\">go</a>"),
            "go (https://x.example/?a=1&copy=2&b<)"
        );
        // A link written out as its own text keeps its query.
        assert_eq!(
            html_to_text(
                "<a href=\"https://s.example/t?id=5&region=eu&copy=1\">https://s.example/t?id=5&region=eu&copy=1</a>"
            ),
            "https://s.example/t?id=5&region=eu&copy=1"
        );
        // Decoded once: `&amp;lt;` is `&lt;`, not `<`.
        assert_eq!(
            html_to_text("<a href=\"https://x.example/?q=&amp;lt;\">go</a>"),
            "go (https://x.example/?q=&lt;)"
        );
        // Names of invisible characters give nothing.
        assert_eq!(text("a&ZeroWidthSpace;b&InvisibleTimes;c&shy;d"), "abcd");
    }

    #[test]
    fn numeric_references_never_give_control_or_format_characters() {
        assert_eq!(
            text("a&#27;[2Jb&#x1B;c&#x202E;d&#0;e&#x7F;f&#129;g&#xFEFF;h&#xE0041;i"),
            "a[2Jbcdefghi"
        );
        assert_eq!(text("x&#10;y&#9;z"), "x y z");
        assert_eq!(text("&#146;&#150;&#x200D;&#xD800;"), "’–\u{200D}");
        assert_eq!(
            html_to_text("<p>Hi&#27;]52;c;ZXZpbA==&#7; there&#x202E;</p>"),
            "Hi]52;c;ZXZpbA== there"
        );
    }

    #[test]
    fn comments_are_taken_out_whole() {
        assert_eq!(
            take_comments("Hi <!-- note: VIP, be nice -->there<!----><!-- a > b -->!"),
            (
                "Hi there!".to_string(),
                vec!["note: VIP, be nice".to_string(), "a > b".to_string()]
            )
        );
        assert_eq!(
            take_comments("Hi <!-- never closed"),
            ("Hi ".to_string(), vec!["never closed".to_string()])
        );
        assert_eq!(html_to_text("<p>a<!-- <b>x</b> > y --></p>b"), "a\n\nb");
    }
}
