//! Case and accent folding, so `reponse` finds `Réponse` and `ECHANGE` finds
//! `échange`. A table covers the Latin letters support teams write in; the
//! rest goes through Unicode lowercasing.

/// Lowercases `c` and strips its accent, pushing the result onto `out`.
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let plain = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å'
        | 'Ā' | 'Ă' | 'Ą' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => "c",
        'ď' | 'đ' | 'Ď' | 'Đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę'
        | 'Ě' => "e",
        'ğ' | 'Ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'Į' | 'İ' => {
            "i"
        }
        'ł' | 'ľ' | 'Ł' | 'Ľ' => "l",
        'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō'
        | 'Ő' => "o",
        'œ' | 'Œ' => "oe",
        'ř' | 'Ř' => "r",
        'ś' | 'š' | 'ş' | 'Ś' | 'Š' | 'Ş' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'Ť' | 'Ţ' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű'
        | 'Ų' => "u",
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
        // An accent written as a mark of its own after its letter (the
        // decomposed text macOS writes, `e` then U+0301) folds away as the
        // letter with it does.
        '\u{0300}'..='\u{036F}' => "",
        // Typographic apostrophes and dashes split words like their ASCII forms.
        '’' | '‘' => "'",
        _ => {
            // A letter whose lower case is one of the above (the Ångström
            // sign `Å` becomes `å`) folds on, so folding twice changes
            // nothing.
            for l in c.to_lowercase() {
                if l == c {
                    out.push(latin_base(l).unwrap_or(l));
                } else {
                    fold_char(l, out);
                }
            }
            return;
        }
    };
    out.push_str(plain);
}

/// The plain Latin letter under `c`'s accents, for the letters the table
/// above does not name: Vietnamese stacks two (`ệ` is `e` with a dot and a
/// circumflex), so `Nguyễn` is found as `nguyen`. Only an ASCII base is
/// taken: Cyrillic `й` is `и` with a breve, yet another letter.
fn latin_base(c: char) -> Option<char> {
    let mut base = None;
    let mut accents_only = true;
    unicode_normalization::char::decompose_canonical(c, |d| match base {
        None => base = Some(d),
        Some(_) => accents_only &= ('\u{0300}'..='\u{036F}').contains(&d),
    });
    base.filter(|b| *b != c && b.is_ascii_alphabetic() && accents_only)
        .map(|b| b.to_ascii_lowercase())
}

/// `s` lowercased and without accents.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Whether `c` is part of a word: a letter, a digit, or an accent written
/// as a mark of its own after its letter (macOS's `e` and U+0301), which
/// [`fold_char`] then drops: `re\u{301}ponse` is one word, `reponse`.
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// An accent written as a mark of its own, which [`fold_char`] drops.
fn is_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Whether a run of [`in_word`] characters is a word: marks alone (some,
/// such as U+0363, are letters to Unicode) fold to nothing.
fn is_word(run: &str) -> bool {
    run.chars().any(|c| c.is_alphanumeric() && !is_mark(c))
}

/// The words of `s` as written: runs of letters and digits.
fn raw_words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !in_word(c)).filter(|w| is_word(w))
}

/// The folded words of `s`.
pub fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    raw_words(s).map(fold)
}

/// The last `n` [`words`] of `s`, in order: read from the end, so that
/// asking it at each of a long message's numbers costs no more than the
/// words asked for.
pub fn last_words(s: &str, n: usize) -> Vec<String> {
    let mut out = Vec::with_capacity(n);
    let mut end = None;
    for (i, c) in s.char_indices().rev() {
        if out.len() == n {
            break;
        }
        match (in_word(c), end) {
            (true, None) => end = Some(i + c.len_utf8()),
            (false, Some(e)) => {
                let run = &s[i + c.len_utf8()..e];
                if is_word(run) {
                    out.push(fold(run));
                }
                end = None;
            }
            _ => {}
        }
    }
    if let Some(e) = end.filter(|&e| out.len() < n && is_word(&s[..e])) {
        out.push(fold(&s[..e]));
    }
    out.reverse();
    out
}

/// [`words`], each with the text it was folded from.
pub fn words_as_written(s: &str) -> impl Iterator<Item = (String, &str)> {
    raw_words(s).map(|w| (fold(w), w))
}

/// [`words`], each with the byte of `s` where it ends.
pub fn words_ending(s: &str) -> impl Iterator<Item = (String, usize)> + '_ {
    // A word is a slice of `s`: where it starts is how far its first byte
    // lies from `s`'s.
    raw_words(s).map(move |w| (fold(w), w.as_ptr() as usize - s.as_ptr() as usize + w.len()))
}

/// [`words`] lent one at a time from one buffer: indexing a library folds
/// millions of words, most of which it has seen before.
pub fn each_word(s: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    for raw in raw_words(s) {
        word.clear();
        for c in raw.chars() {
            fold_char(c, &mut word);
        }
        f(&word);
    }
}

/// The words of `s` with their char ranges in `s`, for highlighting.
pub fn words_with_spans(s: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut start = None;
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().chain(std::iter::once(&' ')).enumerate() {
        match (in_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                let w: String = chars[st..i].iter().collect();
                if is_word(&w) {
                    out.push((fold(&w), st..i));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// macOS writes an accent as a mark after its letter: the same word.
    #[test]
    fn a_decomposed_accent_folds_as_the_composed_letter() {
        assert_eq!(
            fold("rec\u{327}u Zoe\u{308} E\u{301}TE\u{301}"),
            fold("reçu Zoë ÉTÉ")
        );
        assert_eq!(fold("reçu"), "recu");
    }

    /// Marks with no letter before them are no word, though Unicode calls
    /// some (U+0363) letters: they fold to nothing (found by proptest).
    #[test]
    fn marks_alone_are_no_word() {
        for text in ["\u{363} ", "a \u{301}\u{363} b", "\u{363}"] {
            let all: Vec<String> = words(text).collect();
            assert!(all.iter().all(|w| !w.is_empty()), "{text:?}");
            assert_eq!(last_words(text, 5), all, "{text:?}");
            let spans: Vec<String> = words_with_spans(text).into_iter().map(|(w, _)| w).collect();
            assert_eq!(spans, all, "{text:?}");
        }
        assert_eq!(words("a \u{301}\u{363} b").collect::<Vec<_>>(), ["a", "b"]);
    }

    /// Letters the table does not name fold through their decomposition,
    /// to a Latin letter only: `й` is a letter of its own.
    #[test]
    fn vietnamese_letters_fold_to_their_latin_base() {
        assert_eq!(fold("Nguyễn Thị Phương Đức"), "nguyen thi phuong duc");
        assert_eq!(fold("NGUYỄN ỨNG"), "nguyen ung");
        assert_eq!(fold("Nguye\u{302}\u{303}n"), "nguyen");
        assert_eq!(fold("й ά"), "й ά");
    }

    #[test]
    fn the_last_words_are_the_words_ending_the_text() {
        for text in [
            "",
            "a",
            "Le prix, passé de",
            "  Été: 49,99 € ",
            "x y z w",
            "ÆON  b!",
        ] {
            let all: Vec<String> = words(text).collect();
            for n in 0..5 {
                let tail = all[all.len().saturating_sub(n)..].to_vec();
                assert_eq!(last_words(text, n), tail, "{text:?} {n}");
            }
        }
    }

    #[test]
    fn each_word_lends_the_words_that_words_gives() {
        let text = "Réponse: l'ÉCHANGE, 2 fois — Ångström";
        let mut lent = Vec::new();
        each_word(text, |w| lent.push(w.to_string()));
        assert_eq!(lent, words(text).collect::<Vec<_>>());
    }

    #[test]
    fn folds_case_and_french_accents_both_ways() {
        assert_eq!(fold("Réponse"), "reponse");
        assert_eq!(fold("ÉCHANGE"), "echange");
        assert_eq!(fold("Facturé"), "facture");
        assert_eq!(fold("cœur ça"), "coeur ca");
    }

    #[test]
    fn folding_twice_changes_nothing() {
        for s in [
            "\u{212b}ngstr\u{f6}m",
            "\u{212a}elvin",
            "ÉCHANGE",
            "İstanbul",
        ] {
            assert_eq!(fold(&fold(s)), fold(s), "{s}");
        }
        assert_eq!(fold("\u{212b}"), "a");
    }

    #[test]
    fn splits_words_on_apostrophes_and_punctuation() {
        let w: Vec<String> = words("d’acheminement, Commande#1245!").collect();
        assert_eq!(w, ["d", "acheminement", "commande", "1245"]);
    }

    #[test]
    fn word_ends_count_bytes() {
        let w: Vec<(String, usize)> = words_ending("Élan vital, n°5").collect();
        assert_eq!(
            w,
            [
                ("elan".into(), 5),
                ("vital".into(), 11),
                ("n".into(), 14),
                ("5".into(), 17)
            ]
        );
    }

    #[test]
    fn word_spans_count_characters() {
        let w = words_with_spans("Élan vital");
        assert_eq!(w[0], ("elan".to_string(), 0..4));
        assert_eq!(w[1], ("vital".to_string(), 5..10));
    }
}
