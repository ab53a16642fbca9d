//! The rules for the words a library is made of — ids and shortcuts,
//! urgencies, topics, customer types, languages, chat ids — written once.
//! The loader, `new`, the CSV import and the command line all ask here, so
//! they accept the same things and refuse them with the same words.

use std::fmt;

use crate::domain::diagnostic::{did_you_mean, suggestion_hint};
use crate::domain::model::{CustomerType, Lang, Topic, Urgency};
use crate::domain::text::{hidden, latinised, look_alike_told, shown_as_typed};

/// A value a rule refused: what is wrong, what was expected, and a hint
/// (a did-you-mean or a fix) when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub message: String,
    pub expected: String,
    pub hint: Option<String>,
}

impl Refusal {
    fn new(message: String, expected: impl Into<String>) -> Refusal {
        Refusal {
            message,
            expected: expected.into(),
            hint: None,
        }
    }

    fn hint(mut self, hint: Option<String>) -> Refusal {
        self.hint = hint;
        self
    }

    fn did_you_mean(self, suggestion: Option<&str>) -> Refusal {
        self.hint(suggestion.map(suggestion_hint))
    }
}

/// One line, for places without room for a diagnostic's parts.
impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}; expected {}", self.message, self.expected)?;
        if let Some(h) = &self.hint {
            write!(f, " ({h})")?;
        }
        Ok(())
    }
}

/// `[a-z0-9][a-z0-9-]*`: the syntax of ids and shortcuts.
pub fn is_identifier(s: &str) -> bool {
    let mut bytes = s.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// An id or a shortcut (`field` says which, for the message).
pub fn identifier(field: &str, s: &str) -> Result<String, Refusal> {
    if is_identifier(s) {
        return Ok(s.to_string());
    }
    // A letter of another script that looks Latin (`rеfund`, its `е`
    // Cyrillic) shows a valid id: it is named, and the fix is its Latin
    // twin, not a dash (`r-fund`).
    let fixed = identifier_meant(s);
    let mut message = format!("invalid {field} \"{}\"", shown_as_typed(s));
    if let Some(told) = look_alike_told(s) {
        message.push_str(&format!(": {told}"));
    }
    Err(Refusal::new(
        message,
        "lowercase letters, digits and dashes, starting with a letter or digit",
    )
    .hint(is_identifier(&fixed).then(|| format!("try \"{fixed}\""))))
}

/// The id or shortcut an invalid one `s` was meant to be, as its error's
/// hint spells it: its look-alike letters Latin, then a [`slug`].
pub fn identifier_meant(s: &str) -> String {
    slug(&latinised(s))
}

/// What an invalid id's fix is told when another response holds it
/// (`owner` says which, as [`Holders::of`] does): offered, it led to the
/// next error.
///
/// [`Holders::of`]: crate::domain::library::Holders::of
pub fn fix_taken(fix: &str, owner: &str) -> String {
    format!("\"{fix}\" is taken: it is {owner}; choose another")
}

/// Lowercase ASCII words joined by dashes: an id or a file name from a title.
pub fn slug(text: &str) -> String {
    let mut folded = String::new();
    for c in text.chars() {
        crate::domain::search::fold::fold_char(c, &mut folded);
    }
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = String::new();
    for w in words {
        if !out.is_empty() && out.len() + w.len() >= 48 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(w);
    }
    out
}

pub fn urgency(s: &str) -> Result<Urgency, Refusal> {
    if let Ok(u) = s.parse() {
        return Ok(u);
    }
    let suggestion = did_you_mean(s, Urgency::NAMES).or(match s.to_lowercase().as_str() {
        "urgent" | "asap" | "emergency" | "blocker" => Some("critical"),
        "medium" | "default" | "standard" => Some("normal"),
        "minor" | "trivial" => Some("low"),
        _ => None,
    });
    Err(Refusal::new(
        format!("invalid urgency \"{}\"", shown_as_typed(s)),
        "one of: low, normal, high, critical",
    )
    .did_you_mean(suggestion))
}

/// A topic: a word or two on one line, never a path (`new` names files
/// after topics), and one of the manifest's `topics` when it lists them.
pub fn topic(s: &str, known: Option<&[Topic]>) -> Result<Topic, Refusal> {
    let trimmed = s.trim();
    if trimmed.is_empty()
        || trimmed.contains(['/', '\\', '\n', '\r'])
        || trimmed.contains("..")
        || trimmed.starts_with('.')
    {
        return Err(Refusal::new(
            format!("invalid topic \"{}\"", shown_as_typed(s)),
            "a word such as `shipping`, not a path",
        ));
    }
    if let Some(topics) = known
        && !topics.iter().any(|t| t.as_str() == trimmed)
    {
        let names: Vec<&str> = topics.iter().map(Topic::as_str).collect();
        let hint = match did_you_mean(trimmed, names.iter().copied()) {
            Some(sug) => suggestion_hint(sug),
            None => format!("add \"{trimmed}\" to `topics` in canned.toml if it is a new topic"),
        };
        return Err(Refusal::new(
            format!("unknown topic \"{}\"", shown_as_typed(trimmed)),
            format!("one of the manifest's topics: {}", names.join(", ")),
        )
        .hint(Some(hint)));
    }
    Ok(Topic::new(trimmed))
}

/// A topic to filter by, which matches by prefix (`bill` for `billing`):
/// the start of one of `known` (the manifest's topics, or those the replies
/// are filed under), else refused with a did-you-mean. Unlike [`topic`]'s
/// for a reply, its hint never says to add it: a search adds nothing.
pub fn topic_filter(s: &str, known: &[Topic]) -> Result<(), Refusal> {
    let names = || known.iter().map(Topic::as_str);
    let prefix = crate::domain::search::fold::fold(s.trim());
    if !prefix.is_empty()
        && names().any(|t| crate::domain::search::fold::fold(t).starts_with(&prefix))
    {
        return Ok(());
    }
    Err(Refusal::new(
        format!("unknown topic \"{}\"", shown_as_typed(s)),
        format!("one of: {}", names().collect::<Vec<_>>().join(", ")),
    )
    .did_you_mean(did_you_mean(s.trim(), names())))
}

/// A customer type: `any`, or one of the manifest's `customer_types` when
/// it lists them.
pub fn customer(s: &str, known: Option<&[CustomerType]>) -> Result<CustomerType, Refusal> {
    let s = s.trim();
    if CustomerType::same(s, CustomerType::ANY) {
        return Ok(CustomerType::new(CustomerType::ANY));
    }
    // Typed in any case, a known type is the library's own spelling: a
    // library may write `Gold`, an agent types `c:gold`.
    if let Some(t) = known
        .into_iter()
        .flatten()
        .find(|t| CustomerType::same(t.as_str(), s))
    {
        return Ok(CustomerType::new(t.as_str()));
    }
    if let Some(types) = known {
        let names: Vec<&str> = std::iter::once(CustomerType::ANY)
            .chain(types.iter().map(CustomerType::as_str))
            .collect();
        return Err(Refusal::new(
            format!("unknown customer type \"{}\"", shown_as_typed(s)),
            format!("one of: {}", names.join(", ")),
        )
        .did_you_mean(did_you_mean(s, names.iter().copied())));
    }
    Ok(CustomerType::new(s))
}

/// A language tag: two or three letters, optionally a `-region` (or a
/// script): two to eight letters or digits, as BCP 47 has them.
pub fn is_lang(s: &str) -> bool {
    let (main, region) = s.split_once('-').unwrap_or((s, "xx"));
    (2..=3).contains(&main.len())
        && main.bytes().all(|b| b.is_ascii_lowercase())
        && (2..=8).contains(&region.len())
        && region.bytes().all(|b| b.is_ascii_alphanumeric())
}

pub fn lang(s: &str) -> Result<Lang, Refusal> {
    if is_lang(s) {
        return Ok(Lang::new(s));
    }
    let fixed = written_as_tag(s);
    Err(Refusal::new(
        format!("`{}` is not a language tag", shown_as_typed(s)),
        "a tag such as \"en\" or \"fr\"",
    )
    .hint(is_lang(&fixed).then(|| suggestion_hint(&fixed))))
}

/// A language tag the agent types (`--lang`, `lang=`, `l:`): `FR` and
/// `fr_fr` are `fr` and `fr-FR`, as tags are the same in any case (BCP
/// 47), and a hurried agent types what the customer type's `VIP` is
/// taken for. A library's files keep the one spelling, through [`lang`]'s
/// did-you-mean, so that a diff and a search see one tag.
pub fn typed_lang(s: &str) -> Result<Lang, Refusal> {
    let fixed = written_as_tag(s);
    match is_lang(&fixed) {
        true => Ok(Lang::new(&fixed)),
        false => lang(s),
    }
}

/// `s` in the case and with the dash tags are written in: `EN` is `en`,
/// `fr_fr` is `fr-FR`, `zh-hant` is `zh-Hant`.
fn written_as_tag(s: &str) -> String {
    let (main, region) = s
        .split_once(['-', '_'])
        .map_or((s, None), |(m, r)| (m, Some(r)));
    let main = main.to_ascii_lowercase();
    match region {
        Some(r) if r.len() == 2 && r.bytes().all(|b| b.is_ascii_alphabetic()) => {
            format!("{main}-{}", r.to_ascii_uppercase())
        }
        Some(r) if r.len() == 4 && r.bytes().all(|b| b.is_ascii_alphabetic()) => {
            let (first, rest) = r.split_at(1);
            format!(
                "{main}-{}{}",
                first.to_ascii_uppercase(),
                rest.to_ascii_lowercase()
            )
        }
        Some(r) => format!("{main}-{r}"),
        None => main,
    }
}

/// A chat's customer type: one the library knows, when it lists them
/// (`any` always), and in any case one word of letters, digits, `-` and
/// `_`, since it is kept in a file of customer data and shown again.
pub fn chat_customer(s: &str, known: Option<&[CustomerType]>) -> Result<CustomerType, Refusal> {
    let word = !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'));
    if !word {
        return Err(Refusal::new(
            format!("`{}` is not a customer type", shown_as_typed(s)),
            "a word such as \"vip\", or \"any\"",
        ));
    }
    customer(s, known)
}

/// Library text — a title, a body, a note, an example, a tag — holds no
/// hidden character (`text::hidden`): a reply must say exactly what it
/// shows, in a pull request's diff as in front of a customer, and a
/// teammate's file must not drive the agent's terminal. The refusal comes
/// with the byte offset of the first one, for its location.
pub fn visible(field: &str, s: &str) -> Result<(), (usize, Refusal)> {
    match invisible(field, s).next() {
        Some(refused) => Err(refused),
        None => Ok(()),
    }
}

/// Each hidden character of `s` that [`visible`] refuses, with its byte
/// offset: `check` locates every one, as a lead deletes every one.
pub fn invisible<'s>(field: &'s str, s: &'s str) -> impl Iterator<Item = (usize, Refusal)> + 's {
    hidden(s).map(move |(at, c)| {
        let kind = match c {
            '\u{2028}' | '\u{2029}' => {
                "a line separator some screens break the line at, others not"
            }
            '\u{200C}' | '\u{200D}' => "a joiner that joins nothing between Latin letters",
            '\u{FE00}'..='\u{FE0F}' => "a variation selector that selects nothing after a letter",
            c if c.is_control() => "a control character",
            _ => "an invisible formatting character",
        };
        let refusal = Refusal::new(
            format!("`{field}` holds U+{:04X}, {kind}", u32::from(c)),
            "visible text: line breaks and tabs are the only control characters text may hold",
        )
        .hint(Some(
            "delete it: text pasted from a web page, a document or a terminal often carries one"
                .into(),
        ));
        (at, refusal)
    })
}

/// A chat id names a file of customer data: letters, digits, `.`, `_`, `-`.
pub fn chat_id(s: &str) -> Result<String, Refusal> {
    let ok = !s.is_empty()
        && s.len() <= 64
        && !s.starts_with('.')
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if ok {
        Ok(s.to_string())
    } else {
        Err(Refusal::new(
            format!("`{}` is not a chat id", shown_as_typed(s)),
            "letters, digits, `.`, `_` and `-`, not starting with `.` (at most 64), usually the ticket id",
        ))
    }
}

/// Windows' device names (`con`, `nul`, `com1`…), reserved whatever the
/// case and the extension: no file can have one on Windows, and a library
/// travels to teammates who use it.
pub fn is_device_name(name: &str) -> bool {
    // Windows drops the spaces before an extension: `con .toml` is `con`.
    let base = name
        .split('.')
        .next()
        .unwrap_or_default()
        .trim_end_matches(' ')
        .to_ascii_lowercase();
    // `COM¹` to `COM³` are devices too.
    let numbered = |prefix: &str| {
        base.strip_prefix(prefix).is_some_and(|n| {
            (n.len() == 1 && n.as_bytes()[0].is_ascii_digit()) || matches!(n, "¹" | "²" | "³")
        })
    };
    matches!(
        base.as_str(),
        "con" | "prn" | "aux" | "nul" | "conin$" | "conout$"
    ) || numbered("com")
        || numbered("lpt")
}

/// The characters no Windows file name holds (beside the separators).
pub const NOT_IN_FILE_NAMES: &[char] = &['<', '>', ':', '"', '|', '?', '*'];

/// Why Windows cannot give a file or folder the path `rel` (relative to a
/// library), if it cannot: a teammate there could not check the library
/// out. A character its names never hold (`x:y.toml` is a stream of `x`;
/// a `\` within a part, which a Unix name may hold, parts it there), a
/// part ending in a dot or a space (dropped: `sub.` is `sub`), a device's
/// name (`con.toml`, `nul/`).
pub fn unnameable_on_windows(rel: &std::path::Path) -> Option<String> {
    let whole = rel.display().to_string();
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let named = |part: &str| match part == whole {
        true => format!("`{whole}`"),
        false => format!("`{whole}`: `{part}`"),
    };
    if let Some(c) = parts.iter().find_map(|p| {
        p.chars()
            .find(|c| NOT_IN_FILE_NAMES.contains(c) || *c == '\\')
    }) {
        return Some(format!(
            "`{whole}` holds `{c}`, which Windows file names cannot hold"
        ));
    }
    // A control character (a tab, U+0001) is in no Windows name; told by
    // its code, since it cannot be shown.
    if let Some(c) = parts
        .iter()
        .find_map(|p| p.chars().find(char::is_ascii_control))
    {
        return Some(format!(
            "`{}` holds U+{:04X}, a control character, which Windows file names cannot hold",
            crate::domain::text::one_line(&whole),
            u32::from(c)
        ));
    }
    // Not UTF-8: macOS gives no file such a name.
    if whole.contains(char::REPLACEMENT_CHARACTER) {
        return Some(format!(
            "`{whole}` is not UTF-8, which macOS file names must be"
        ));
    }
    if let Some(part) = parts
        .iter()
        .find(|p| p.ends_with(['.', ' ']) && *p != "." && *p != "..")
    {
        return Some(format!(
            "{} ends in a dot or a space, which Windows drops from a name",
            named(part)
        ));
    }
    let device = parts.iter().find(|p| is_device_name(p))?;
    Some(format!(
        "{} is a device's name on Windows: no file can have it",
        named(device)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_device_names_are_known_whatever_the_case_and_extension() {
        for name in ["con", "NUL.toml", "Com1.toml", "lpt9", "aux.tar.gz", "prn"] {
            assert!(is_device_name(name), "{name}");
        }
        for name in ["console.toml", "com10", "nullish", "com", "shipping.toml"] {
            assert!(!is_device_name(name), "{name}");
        }
    }

    #[test]
    fn identifiers_are_lowercase_words_with_dashes_and_a_fix_is_offered() {
        assert_eq!(identifier("id", "order-late").unwrap(), "order-late");
        let r = identifier("id", "Order Late!").unwrap_err();
        assert_eq!(
            r.to_string(),
            "invalid id \"Order Late!\"; expected lowercase letters, digits and dashes, \
             starting with a letter or digit (try \"order-late\")"
        );
        // A letter of another script that looks Latin is named, and the
        // fix is its Latin twin.
        let r = identifier("id", "r\u{435}fund").unwrap_err();
        assert_eq!(
            r.message,
            "invalid id \"r\u{435}fund\": `\u{435}` (U+0435) is not the Latin `e` it looks like"
        );
        assert_eq!(r.hint.as_deref(), Some("try \"refund\""));
        let r = identifier("shortcut", "\u{3bf}k").unwrap_err();
        assert_eq!(r.hint.as_deref(), Some("try \"ok\""));
    }

    #[test]
    fn urgencies_suggest_the_word_meant() {
        assert_eq!(urgency("high").unwrap(), Urgency::High);
        assert_eq!(
            urgency("urgent").unwrap_err().hint.as_deref(),
            Some("did you mean `critical`?")
        );
        assert_eq!(
            urgency("hihg").unwrap_err().hint.as_deref(),
            Some("did you mean `high`?")
        );
    }

    #[test]
    fn text_with_an_escape_or_a_bidirectional_override_is_refused_where_it_is() {
        assert_eq!(visible("body", "Hi {{ name }},\r\n\tthanks"), Ok(()));
        let (at, r) = visible("title", "Refund \u{1b}[31m").unwrap_err();
        assert_eq!(at, 7);
        assert_eq!(
            r.to_string(),
            "`title` holds U+001B, a control character; expected visible text: line breaks \
             and tabs are the only control characters text may hold (delete it: text pasted \
             from a web page, a document or a terminal often carries one)"
        );
        let (at, r) = visible("body", "ok\u{202e}kO").unwrap_err();
        assert_eq!(at, 2);
        assert_eq!(
            r.message,
            "`body` holds U+202E, an invisible formatting character"
        );
    }

    #[test]
    fn a_topic_is_never_a_path() {
        for bad in ["../../x", "a/b", ".hidden", "a\\b", "", "two\nlines"] {
            assert!(topic(bad, None).is_err(), "{bad:?}");
        }
        let known = [Topic::new("billing")];
        assert_eq!(
            topic("biling", Some(&known)).unwrap_err().hint.as_deref(),
            Some("did you mean `billing`?")
        );
    }

    #[test]
    fn any_is_always_a_customer_type() {
        let known = [CustomerType::new("vip")];
        assert!(customer("any", Some(&known)).is_ok());
        assert_eq!(
            customer("vipp", Some(&known)).unwrap_err().hint.as_deref(),
            Some("did you mean `vip`?")
        );
    }

    #[test]
    fn a_chats_customer_type_is_a_known_word() {
        let known = [CustomerType::new("vip")];
        assert!(chat_customer("vip", Some(&known)).is_ok());
        assert!(chat_customer("any", Some(&known)).is_ok());
        assert!(chat_customer("business", None).is_ok());
        assert_eq!(
            chat_customer("vpi", Some(&known)).unwrap_err().to_string(),
            "unknown customer type \"vpi\"; expected one of: any, vip (did you mean `vip`?)"
        );
        for bad in ["", " vip", "a b", "../x", "\x1b]52", &"x".repeat(65)] {
            let e = chat_customer(bad, None).unwrap_err();
            assert!(!e.message.contains('\x1b'), "{e}");
        }
    }

    #[test]
    fn chat_ids_cannot_name_another_file() {
        assert!(chat_id("4821").is_ok());
        for bad in ["", "../x", ".x", "a/b", &"x".repeat(65)] {
            assert!(chat_id(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn ids_are_lowercase_words_joined_by_dashes() {
        assert!(is_identifier("order-in-transit"));
        assert!(is_identifier("404-page"));
        assert!(!is_identifier("Order"));
        assert!(!is_identifier("order in transit"));
        assert!(!is_identifier("-order"));
        assert!(!is_identifier(""));
    }

    #[test]
    fn language_tags_are_short_and_lowercase() {
        assert!(is_lang("fr"));
        assert!(is_lang("pt-BR"));
        assert!(!is_lang("french"));
        assert!(!is_lang("FR"));
        assert!(is_lang("es-419") && is_lang("zh-Hant"));
        assert!(!is_lang("zz-ZZZZZZZZZZZ") && !is_lang("fr-C") && !is_lang("fr-"));
    }

    #[test]
    fn a_typed_language_tag_is_taken_in_any_case_a_files_with_its_did_you_mean() {
        let typed = |s| typed_lang(s).map(|l| l.to_string());
        assert_eq!(typed("FR"), Ok("fr".to_string()));
        assert_eq!(typed("fr_fr"), Ok("fr-FR".to_string()));
        assert_eq!(typed("ZH-HANT"), Ok("zh-Hant".to_string()));
        assert_eq!(typed("es-419"), Ok("es-419".to_string()));
        assert!(typed("french").is_err() && typed("").is_err());
        let refused = lang("FR").unwrap_err();
        assert_eq!(refused.hint.as_deref(), Some("did you mean `fr`?"));
        assert_eq!(
            lang("fr_fr").unwrap_err().hint.as_deref(),
            Some("did you mean `fr-FR`?")
        );
    }

    #[test]
    fn a_tag_written_in_capitals_or_with_an_underscore_gets_a_did_you_mean() {
        let hint = |s| lang(s).unwrap_err().hint;
        assert_eq!(hint("EN").as_deref(), Some("did you mean `en`?"));
        assert_eq!(hint("fr_FR").as_deref(), Some("did you mean `fr-FR`?"));
        assert_eq!(hint("english"), None);
        assert_eq!(
            identifier("id", "café-ü").unwrap_err().hint.as_deref(),
            Some("try \"cafe-u\"")
        );
    }

    #[test]
    fn slugs_are_valid_ids() {
        assert_eq!(
            slug("Délai de livraison: 3 jours!"),
            "delai-de-livraison-3-jours"
        );
        assert_eq!(slug("  "), "");
    }
}
